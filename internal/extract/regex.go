package extract

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"
)

// regex is a regular expression that knows a literal every match holds
// ("号" for a document number, "年" for a year). The rules try their
// expressions on every line, and most lines lack that literal: a search
// for it is much cheaper than running the expression.
type regex struct {
	*regexp.Regexp
	must string // "" when the expression has no such literal
	// first holds the runes a match may start with, for an expression
	// anchored at the start of the text (^…): most lines start with none
	// of them. nil when the expression is not anchored, or may start with
	// too many runes to tell.
	first *runeSet
}

// mustRegex compiles expr as regexp.MustCompile does.
func mustRegex(expr string) *regex {
	re := regexp.MustCompile(expr)
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return &regex{Regexp: re}
	}
	return &regex{Regexp: re, must: requiredLiteral(tree), first: anchoredStart(tree)}
}

// may is false for a text that holds no match: one without the required
// literal, or that starts with none of the runes an anchored match does.
func (re *regex) may(s string) bool {
	if re.first != nil {
		// The expression reads an invalid byte as U+FFFD, as DecodeRune does.
		if r, _ := utf8.DecodeRuneInString(s); s == "" || !re.first.mayHold(r) {
			return false
		}
	}
	return strings.Contains(s, re.must)
}

// maxFirstRunes bounds the runes anchoredStart keeps: a set of more, such
// as every Chinese character, filters nothing.
const maxFirstRunes = 512

// anchoredStart is the set of the runes every match of re starts with,
// for re anchored at the start of the text; nil where re is not anchored,
// may match the empty string, or starts with too many runes.
func anchoredStart(re *syntax.Regexp) *runeSet {
	ranges, ok := anchoredRanges(re)
	n := 0
	for i := 0; ok && i < len(ranges); i += 2 {
		n += int(ranges[i+1]-ranges[i]) + 1
	}
	if !ok || n > maxFirstRunes {
		return nil
	}
	var set runeSet
	for i := 0; i < len(ranges); i += 2 {
		for r := ranges[i]; r <= ranges[i+1]; r++ {
			set[(r&0xFFF)>>6] |= 1 << (r & 63)
		}
	}
	return &set
}

// anchoredRanges is anchoredStart's set as pairs of the first and last
// rune of each range.
func anchoredRanges(re *syntax.Regexp) ([]rune, bool) {
	switch re.Op {
	case syntax.OpCapture:
		return anchoredRanges(re.Sub[0])
	case syntax.OpAlternate:
		var out []rune
		for _, sub := range re.Sub {
			rs, ok := anchoredRanges(sub)
			if !ok {
				return nil, false
			}
			out = append(out, rs...)
		}
		return out, true
	case syntax.OpConcat:
		if len(re.Sub) > 0 && re.Sub[0].Op == syntax.OpBeginText {
			rs, empty, ok := firstRanges(re.Sub[1:])
			return rs, ok && !empty
		}
	}
	return nil, false
}

// firstRanges gives the ranges of the runes a match of the sequence subs
// may start with, and whether it may match the empty string; ok is false
// for what it does not read (any character, case folding, assertions).
func firstRanges(subs []*syntax.Regexp) (ranges []rune, empty, ok bool) {
	for _, sub := range subs {
		rs, e, ok := startRanges(sub)
		if !ok {
			return nil, false, false
		}
		ranges = append(ranges, rs...)
		if !e {
			return ranges, false, true
		}
	}
	return ranges, true, true
}

func startRanges(re *syntax.Regexp) (ranges []rune, empty, ok bool) {
	switch re.Op {
	case syntax.OpEmptyMatch:
		return nil, true, true
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false, false
		}
		if len(re.Rune) == 0 {
			return nil, true, true
		}
		return []rune{re.Rune[0], re.Rune[0]}, false, true
	case syntax.OpCharClass:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false, false
		}
		return re.Rune, false, true
	case syntax.OpCapture, syntax.OpPlus:
		return startRanges(re.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
		rs, _, ok := startRanges(re.Sub[0])
		return rs, true, ok
	case syntax.OpRepeat:
		rs, e, ok := startRanges(re.Sub[0])
		return rs, e || re.Min == 0, ok
	case syntax.OpConcat:
		return firstRanges(re.Sub)
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			rs, e, ok := startRanges(sub)
			if !ok {
				return nil, false, false
			}
			ranges, empty = append(ranges, rs...), empty || e
		}
		return ranges, empty, true
	}
	return nil, false, false
}

// requiredLiteral is the longest literal that every match of re holds, or "".
func requiredLiteral(re *syntax.Regexp) string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			for _, r := range re.Rune {
				if unicode.SimpleFold(r) != r {
					return ""
				}
			}
		}
		return string(re.Rune)
	case syntax.OpCapture, syntax.OpPlus:
		return requiredLiteral(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredLiteral(re.Sub[0])
		}
	case syntax.OpAlternate:
		// A literal within every branch's: "印发" in 印发给你们|现予印发.
		best := requiredLiteral(re.Sub[0])
		for _, sub := range re.Sub[1:] {
			best = commonSubstring(best, requiredLiteral(sub))
		}
		return best
	case syntax.OpConcat:
		best := ""
		for _, sub := range re.Sub {
			if l := requiredLiteral(sub); len(l) > len(best) {
				best = l
			}
		}
		return best
	}
	return ""
}

// commonSubstring is the longest string held by both a and b, the first
// of a's if several are as long; "" if none.
func commonSubstring(a, b string) string {
	best := ""
	for i := range a {
		for j := len(a); j > i+len(best); j-- {
			if utf8.ValidString(a[i:j]) && strings.Contains(b, a[i:j]) {
				best = a[i:j]
				break
			}
		}
	}
	return best
}

func (re *regex) MatchString(s string) bool {
	return re.may(s) && re.Regexp.MatchString(s)
}

func (re *regex) FindString(s string) string {
	if !re.may(s) {
		return ""
	}
	return re.Regexp.FindString(s)
}

func (re *regex) FindStringIndex(s string) []int {
	if !re.may(s) {
		return nil
	}
	return re.Regexp.FindStringIndex(s)
}

func (re *regex) FindStringSubmatch(s string) []string {
	if !re.may(s) {
		return nil
	}
	return re.Regexp.FindStringSubmatch(s)
}

func (re *regex) FindStringSubmatchIndex(s string) []int {
	if !re.may(s) {
		return nil
	}
	return re.Regexp.FindStringSubmatchIndex(s)
}

func (re *regex) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if !re.may(s) {
		return nil
	}
	return re.Regexp.FindAllStringSubmatchIndex(s, n)
}
