package extract

import (
	"strings"
)

// A covering notice ("X关于印发《Y》的通知") wraps the plan Y. Its heading,
// the sentence that issues the plan ("现将《Y》印发给你们") and the plan's own
// heading after the signature may print Y differently: with or without
// 《》, spaced out ("若　干　措　施"), broken over lines, or glued to the
// signature's date. Titles are therefore compared on their keys: the
// letters and digits they hold, nothing else.

// keyRune reports a rune a title is compared on.
func keyRune(r rune) bool {
	return isHan(r) || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

// keyOf is the key of a folded string.
func keyOf(s string) []rune {
	out := make([]rune, 0, len(s)/3)
	for _, r := range s {
		if keyRune(r) {
			out = append(out, r)
		}
	}
	return out
}

// keyMatch is the first stretch of f at or after offset from whose key
// is p (a key, so p[0] is a key rune), as the offsets of its first rune
// and one past its last, or -1. It reads f in place: a plan may be long.
func keyMatch(f, p []rune, from int) (int, int) {
	for a := from; a < len(f); a++ {
		if f[a] != p[0] {
			continue
		}
		j, i := 1, a+1
		for ; j < len(p) && i < len(f); i++ {
			if !keyRune(f[i]) {
				continue
			}
			if f[i] != p[j] {
				break
			}
			j++
		}
		if j == len(p) {
			return a, i
		}
	}
	return -1, -1
}

// noticeWindow bounds the part of a text searched for the covering
// notice: it comes first.
const noticeWindow = 12000

// issueAt reports the phrase that ends the sentence of a notice issuing
// its plans at f[i]: "印发给你们", "印发你们", "印发给各", "现予印发".
func issueAt(f []rune, i int) bool {
	if f[i] != '印' || i+1 >= len(f) || f[i+1] != '发' {
		return false
	}
	if i >= 2 && f[i-2] == '现' && f[i-1] == '予' {
		return true
	}
	k := i + 2
	if k < len(f) && f[k] == '给' {
		k++
		if k < len(f) && f[k] == '各' {
			return true
		}
	}
	return k+1 < len(f) && f[k] == '你' && f[k+1] == '们'
}

// issuedTitles are the titles a covering notice issues, as printed in 《》
// in its issuing sentence ("《A》《B》已经省政府同意，现印发给你们"), and the
// offset just after that sentence. None when the text has no such
// sentence.
func issuedTitles(t *text) (titles []string, end int) {
	f := t.fold[:min(len(t.fold), noticeWindow)]
	pos := -1
	for i := range f {
		if f[i] == '印' && issueAt(f, i) {
			pos = i
			break
		}
	}
	if pos < 0 {
		return nil, 0
	}
	// The sentence starts after the previous full stop, colon or line break.
	start := pos
	for start > 0 && !strings.ContainsRune("。:;\n", f[start-1]) {
		start--
	}
	// The titles issued: those between 现将 and 印发 ("现将《A》和《B》印发
	// 给你们"), else those before 已经/经 ("《A》《B》已经市政府同意"), else
	// the last one ("根据《某规定》，制定了《A》，现印发给你们"): a title the
	// sentence cites is not issued.
	from, to, last := start, pos, false
	if k := lastRuneIndex(f[:pos], "现将", start); k >= 0 {
		from = k
	} else if k := outsideTitles(f, start, pos, '经'); k >= 0 {
		to = k
	} else {
		last = true
	}
	titles = topTitles(t, from, to)
	if len(titles) == 0 && !last {
		titles = topTitles(t, start, pos)
		last = true
	}
	if last && len(titles) > 1 {
		titles = titles[len(titles)-1:]
	}
	end = pos
	for end < len(f) && f[end] != '。' && f[end] != '\n' {
		end++
	}
	return titles, end
}

// outsideTitles is the offset of the first r in f[from:to] outside 《》,
// or -1.
func outsideTitles(f []rune, from, to int, r rune) int {
	depth := 0
	for i := from; i < to; i++ {
		switch {
		case f[i] == '《':
			depth++
		case f[i] == '》' && depth > 0:
			depth--
		case f[i] == r && depth == 0:
			return i
		}
	}
	return -1
}

// lastRuneIndex is the rune offset of the last s in f at or after from,
// or -1.
func lastRuneIndex(f []rune, s string, from int) int {
	k := -1
	for i := runeIndex(f, s, from); i >= 0; i = runeIndex(f, s, i+1) {
		k = i
	}
	return k
}

// topTitles are the top-level 《…》 of t.fold[from:to], as printed; 〈〉
// and nested 《》 stay inside.
func topTitles(t *text, from, to int) (titles []string) {
	f := t.fold
	depth, open := 0, 0
	for i := from; i < to; i++ {
		switch f[i] {
		case '《':
			if depth == 0 {
				open = i + 1
			}
			depth++
		case '》':
			if depth == 1 {
				titles = append(titles, strings.TrimSpace(string(t.src[open:i])))
			}
			if depth > 0 {
				depth--
			}
		}
	}
	return titles
}

// attachmentCount is the number of numbered attachments a notice lists
// ("附件:1. …" / "2. …"), 0 or 1 when it lists none or one.
func attachmentCount(t *text) int {
	f := t.fold[:min(len(t.fold), noticeWindow)]
	for k := 0; k+1 < len(f); k++ {
		if f[k] != '附' || f[k+1] != '件' {
			continue
		}
		i := k + 2
		for i < len(f) && (f[i] == ' ' || f[i] == ':') {
			i++
		}
		if i+1 >= len(f) || f[i] != '1' || f[i+1] != '.' && f[i+1] != '、' {
			continue
		}
		// The list runs on the following lines: "2." after a break.
		n := 1
		for j := i + 2; j+2 < len(f) && j < i+400; j++ {
			if (f[j] == '\n' || f[j] == ' ') && f[j+1] == digitRune(n+1) && (f[j+2] == '.' || f[j+2] == '、') {
				n++
			}
		}
		return n
	}
	return 0
}

// digitRune is the ASCII digit of n mod 10.
func digitRune(n int) rune { return rune('0' + n%10) }

// noticeParts splits a notice heading "X关于印发Y的通知" into the issuer
// part X and the plan title Y, as printed; ok is false for a heading that
// is no such notice.
func noticeParts(title string) (issuer, inner string, ok bool) {
	src := []rune(title)
	f := []rune(foldString(title))
	if !strings.HasSuffix(string(f), "通知") {
		return "", "", false
	}
	k := runeIndex(f, "印发", 0)
	if k < 0 {
		return "", "", false
	}
	a, b := k+2, len(f)-2
	if b > a && f[b-1] == '的' {
		b--
	}
	for a < b && isSpace(f[a]) {
		a++
	}
	if b-a >= 2 && f[a] == '《' && f[b-1] == '》' {
		a, b = a+1, b-1
	}
	if b <= a {
		return "", "", false
	}
	x := k
	if x >= 2 && string(f[x-2:x]) == "关于" {
		x -= 2
	}
	return strings.TrimSpace(string(src[:x])), strings.TrimSpace(string(src[a:b])), true
}

// runeIndex is the rune offset of s in f at or after from, or -1.
func runeIndex(f []rune, s string, from int) int {
	p := []rune(s)
	if len(p) == 0 {
		return -1
	}
	for i := max(from, 0); i+len(p) <= len(f); i++ {
		if f[i] == p[0] && runesAt(f, i, p) {
			return i
		}
	}
	return -1
}

// printedTitle finds the plan's own heading that prints title (folded) at
// or after offset from: not inside 《》 or quotes, as a heading stands —
// after a line break, a blank, the signature's date or a full stop. It
// returns the heading as printed, white space dropped, and its span.
func printedTitle(t *text, title string, from int) (string, span, bool) {
	p := keyOf(title)
	if len(p) < 4 || from >= len(t.fold) {
		return "", span{}, false
	}
	for a0, b0 := keyMatch(t.fold, p, from); a0 >= 0; a0, b0 = keyMatch(t.fold, p, a0+1) {
		a, b := a0, b0
		// A closing bracket of the title's own "（2023—2025年）" belongs to it.
		for b < len(t.fold) && strings.ContainsRune(")]〕", t.fold[b]) && strings.ContainsRune(title, t.fold[b]) {
			b++
		}
		before, after := prevNonSpace(t.fold, a), nextNonSpace(t.fold, b)
		if strings.ContainsRune("《〈<“\"「‘'", before) || strings.ContainsRune("》〉>”\"」’'", after) {
			continue
		}
		if !headingBoundary(t.fold, a) {
			// "内蒙古自治区促进…若干措施" for "印发促进…若干措施的通知": a short
			// place name before the title on its line is part of it.
			ls := a
			for ls > 0 && t.fold[ls-1] != '\n' {
				ls--
			}
			ls = t.trim(span{ls, a}).start
			pre := string(t.fold[ls:a])
			if a-ls > 8 || !startsWithPlace(pre) || strings.ContainsFunc(pre, func(r rune) bool { return !isHan(r) }) {
				continue
			}
			a = ls
		}
		return dropSpaces(string(t.src[a:b])), span{a, b}, true
	}
	return "", span{}, false
}

// headingBoundary reports an offset where a heading may start: the text's
// start, a line break or blank, a signature's date (日) or the end of a
// sentence or of a parenthesis.
func headingBoundary(f []rune, i int) bool {
	if i == 0 {
		return true
	}
	switch f[i-1] {
	case '\n', '\r', ' ', '日', '。', ')':
		return true
	}
	return false
}

func prevNonSpace(f []rune, i int) rune {
	for i--; i >= 0; i-- {
		if !isSpace(f[i]) {
			return f[i]
		}
	}
	return 0
}

func nextNonSpace(f []rune, i int) rune {
	for ; i < len(f); i++ {
		if !isSpace(f[i]) {
			return f[i]
		}
	}
	return 0
}

// dropSpaces removes the white space of a title printed spaced out or over
// several lines.
func dropSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if isSpace(foldRune(r)) {
			return -1
		}
		return r
	}, s)
}

// stripGlosses drops the pinyin a site prints after characters of a
// title or name: "新旧(jiù)动能" → "新旧动能".
func stripGlosses(s string) string {
	if !strings.ContainsAny(s, "(（") {
		return s
	}
	rs := []rune(s)
	out := rs[:0:0]
	for i := 0; i < len(rs); i++ {
		if r := foldRune(rs[i]); r == '(' {
			j := i + 1
			for j < len(rs) && j-i <= 8 && isPinyin(rs[j]) {
				j++
			}
			if j > i+1 && j < len(rs) && foldRune(rs[j]) == ')' {
				i = j
				continue
			}
		}
		out = append(out, rs[i])
	}
	return string(out)
}

// isPinyin reports a Latin letter of pinyin, tone marks included.
func isPinyin(r rune) bool {
	return r >= 'a' && r <= 'z' || strings.ContainsRune("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü", r)
}
