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
}

// mustRegex compiles expr as regexp.MustCompile does.
func mustRegex(expr string) *regex {
	re := regexp.MustCompile(expr)
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return &regex{Regexp: re}
	}
	return &regex{Regexp: re, must: requiredLiteral(tree)}
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
	return strings.Contains(s, re.must) && re.Regexp.MatchString(s)
}

func (re *regex) FindString(s string) string {
	if !strings.Contains(s, re.must) {
		return ""
	}
	return re.Regexp.FindString(s)
}

func (re *regex) FindStringIndex(s string) []int {
	if !strings.Contains(s, re.must) {
		return nil
	}
	return re.Regexp.FindStringIndex(s)
}

func (re *regex) FindStringSubmatch(s string) []string {
	if !strings.Contains(s, re.must) {
		return nil
	}
	return re.Regexp.FindStringSubmatch(s)
}

func (re *regex) FindStringSubmatchIndex(s string) []int {
	if !strings.Contains(s, re.must) {
		return nil
	}
	return re.Regexp.FindStringSubmatchIndex(s)
}

func (re *regex) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if !strings.Contains(s, re.must) {
		return nil
	}
	return re.Regexp.FindAllStringSubmatchIndex(s, n)
}
