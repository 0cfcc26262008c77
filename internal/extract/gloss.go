package extract

import (
	"strings"

	"luoshi/internal/plan"
)

// Some sites print the reading of a character after it, in pinyin with
// its tone mark: "新舊(jiù)動能", "一(yī)、", "藍(lán)谷管理局". Such a gloss
// is not the plan's text. It is taken out before anything is read, so
// that words, labels and unit names read as printed without it; the
// plan's Source is the text without glosses and every span indexes it.
// Only a task's text puts its glosses back, as the page printed it.

// maxGloss is the longest syllable with its tone mark ("zhuàng").
const maxGloss = 6

// Parse extracts the plan from text, one paragraph per line.
func Parse(s string) (*plan.Plan, error) { return parse(s) }

// glossesIn returns the spans of the glosses in rs: a parenthesis right
// after a Han character holding one Latin syllable with a tone mark.
// "(ICT)", "(试行)" and "(2021-2023年)" are not glosses.
func glossesIn(rs []rune) []span {
	var out []span
	for i := 1; i+2 < len(rs); i++ {
		if rs[i] != '(' && rs[i] != '（' || !isHan(rs[i-1]) {
			continue
		}
		j, marked := i+1, false
		for j < len(rs) && j-i-1 <= maxGloss && isSyllableLetter(rs[j]) {
			marked = marked || isToneLetter(rs[j])
			j++
		}
		if marked && j-i-1 <= maxGloss && j < len(rs) && (rs[j] == ')' || rs[j] == '）') {
			out = append(out, span{i, j + 1})
			i = j
		}
	}
	return out
}

// withoutGlosses returns rs without its glosses. When keep is not nil it
// records each gloss under the offset, in the result, of the character
// it follows.
func withoutGlosses(rs []rune, keep map[int][]rune) []rune {
	gs := glossesIn(rs)
	if len(gs) == 0 {
		return rs
	}
	out := make([]rune, 0, len(rs))
	at := 0
	for _, g := range gs {
		out = append(out, rs[at:g.start]...)
		if keep != nil {
			keep[len(out)-1] = rs[g.start:g.end]
		}
		at = g.end
	}
	return append(out, rs[at:]...)
}

func isSyllableLetter(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || isToneLetter(r)
}

// isToneLetter reports a vowel with a tone mark, or ü.
func isToneLetter(r rune) bool {
	switch r {
	case 'ā', 'á', 'ǎ', 'à', 'ē', 'é', 'ě', 'è', 'ī', 'í', 'ǐ', 'ì', 'ō', 'ó', 'ǒ', 'ò',
		'ū', 'ú', 'ǔ', 'ù', 'ǖ', 'ǘ', 'ǚ', 'ǜ', 'ü', 'ń', 'ň', 'ǹ':
		return true
	}
	return false
}

// joinedSource is the text offs maps, taken from the source string run
// by run: a text of one run is a slice of it, with nothing to convert.
func (t *text) joinedSource(offs offsets) string {
	var b strings.Builder
	lo, hi := offs.base, offs.base+offs.n
	// The pieces of the runs, the first measured before any is written.
	piece := func(k int) (span, bool) {
		r, end := offs.runs[k], hi
		if k+1 < len(offs.runs) {
			end = min(end, offs.runs[k+1].at)
		}
		start := max(r.at, lo)
		return span{r.src + start - r.at, r.src + end - r.at}, start < end
	}
	for k := range offs.runs {
		p, ok := piece(k)
		if !ok {
			continue
		}
		if b.Cap() == 0 {
			if p.end-p.start == offs.n {
				return t.str(p) // the only run
			}
			n := 0
			for k := k; k < len(offs.runs); k++ {
				if p, ok := piece(k); ok {
					n += int(t.srcAt[p.end] - t.srcAt[p.start])
				}
			}
			b.Grow(n)
		}
		b.WriteString(t.str(p))
	}
	return b.String()
}

// printed is a task's text as the page printed it: body, made of source
// runes as offs tells, with the glosses the source lost put back.
func (t *text) printed(body []rune, offs offsets) string {
	if len(t.glosses) == 0 {
		return t.joinedSource(offs)
	}
	out := make([]rune, 0, len(body)+16)
	for i, r := range body {
		out = append(out, r)
		if g, ok := t.glosses[offs.src(i)]; ok {
			out = append(out, g...)
		}
	}
	return string(out)
}
