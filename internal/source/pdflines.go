package source

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// edgeLines is how many lines at the top and at the bottom of a page can
// be page furniture: a running header, a page number, a footer.
const edgeLines = 2

// pageNumber matches a page number line with its spaces removed:
// "— 3 —", "-3-", "第3页", "第3页 共12页", "3/12", "Page 3 of 12".
var pageNumber = regexp.MustCompile(`^(?:[-—–－―~·•]*\d{1,4}[-—–－―~·•]*|第\d{1,4}页(?:[/,，]?共\d{1,4}页)?|共\d{1,4}页[,，]?第\d{1,4}页|\d{1,4}/\d{1,4}|(?i:page)\d{1,4}(?:(?i:of)\d{1,4})?)$`)

// dropFurniture puts each page's lines in reading order and removes page
// numbers and the running headers and footers repeated on many pages.
func dropFurniture(pages []pdfPage) []pdfPage {
	pages = slices.Clone(pages)
	for i, p := range pages {
		pages[i] = orderLines(p)
	}
	// A running header is a line at the edge of at least two pages and
	// of one page in three, at the same height on each; digits are
	// ignored, since it may carry the page number or the issue.
	em := measure(pages).em
	seen := map[string][]float64{}
	for _, p := range pages {
		for _, i := range edges(p) {
			k := furnitureKey(p[i].text)
			seen[k] = append(seen[k], p[i].top)
		}
	}
	running := func(l pdfLine) bool {
		n := 0
		for _, top := range seen[furnitureKey(l.text)] {
			if math.Abs(top-l.top) <= em {
				n++
			}
		}
		return n >= 2 && n*3 >= len(pages)
	}
	kept := false // a repeated table header row stays once
	furniture := func(l pdfLine) bool {
		t := l.text
		switch {
		case pageNumber.MatchString(strings.Map(dropSpace, t)):
			return true
		case !running(l):
			return false
		case strings.Contains(t, "\t") && !kept:
			kept = true
			return false
		}
		return true
	}
	out := make([]pdfPage, len(pages))
	for pi, p := range pages {
		// Furniture is taken from the top and the bottom of the page
		// inwards, and only while it lasts.
		first, last := 0, len(p)
		for first < min(edgeLines, last) && furniture(p[first]) {
			first++
		}
		for last > max(first, len(p)-edgeLines) && furniture(p[last-1]) {
			last--
		}
		out[pi] = p[first:last]
	}
	return out
}

// edges returns the indexes of a page's first and last lines.
func edges(p pdfPage) []int {
	var idx []int
	for i := range p {
		if i < edgeLines || i >= len(p)-edgeLines {
			idx = append(idx, i)
		}
	}
	return idx
}

func furnitureKey(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return -1
		case r >= '0' && r <= '9':
			return '#'
		}
		return r
	}, s)
}

func dropSpace(r rune) rune {
	if unicode.IsSpace(r) {
		return -1
	}
	return r
}

// orderLines sorts a page's lines from top to bottom, as a PDF's content
// may draw them in any order (a header drawn last), and makes one line of
// the pieces that share a row: text runs split by a change of font are
// joined, table cells are separated by TAB.
func orderLines(p pdfPage) pdfPage {
	p = slices.Clone(p)
	slices.SortStableFunc(p, func(a, b pdfLine) int { return cmpFloat(a.top, b.top) })
	var (
		out pdfPage
		row pdfPage
	)
	flush := func() {
		if len(row) == 0 {
			return
		}
		slices.SortStableFunc(row, func(a, b pdfLine) int { return cmpFloat(a.left, b.left) })
		l := row[0]
		for _, next := range row[1:] {
			l = mergeRow(l, next)
		}
		out = append(out, l)
		row = row[:0]
	}
	for _, l := range p {
		l.text = tidyPDFText(l.text)
		if l.text == "" {
			continue
		}
		if len(row) > 0 && !sameRow(row[0], l) {
			flush()
		}
		row = append(row, l)
	}
	flush()
	return out
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// sameRow reports whether two lines overlap by most of the lower one's
// height.
func sameRow(a, b pdfLine) bool {
	overlap := min(a.bottom, b.bottom) - max(a.top, b.top)
	h := min(a.bottom-a.top, b.bottom-b.top)
	return h > 0 && overlap > h/2
}

// mergeRow joins b, which begins right of a's start, to a.
func mergeRow(a, b pdfLine) pdfLine {
	em := min(a.bottom-a.top, b.bottom-b.top)
	sep := ""
	switch {
	case b.left-a.right > 2*em:
		sep = "\t"
	case needsSpace(a.text, b.text):
		sep = " "
	}
	return pdfLine{
		text:   a.text + sep + b.text,
		left:   a.left,
		right:  max(a.right, b.right),
		top:    min(a.top, b.top),
		bottom: max(a.bottom, b.bottom),
	}
}

// tidyPDFText trims a line, drops control characters and the spaces a
// reader puts between Chinese characters spread out to justify a line,
// and turns the Kangxi radicals some fonts map their glyphs to (⼀ for 一)
// into the characters they look like. PDFium gives a hyphen that ends a
// line as U+0002; in Chinese text it is part of the text.
func tidyPDFText(s string) string {
	s = dropWideSpaces(s)
	s = strings.Map(func(r rune) rune {
		switch {
		case r == 2:
			return '-'
		case r == '\t':
			return ' '
		case r < 0x20, r == 0x7f, r == 0xfffe:
			return -1
		case r >= 0x2e80 && r <= 0x2fdf:
			if n := norm.NFKC.String(string(r)); utf8.RuneCountInString(n) == 1 {
				c, _ := utf8.DecodeRuneInString(n)
				return c
			}
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// dropWideSpaces removes ASCII spaces beside a wide character, unless a
// Latin letter is on the other side: Chinese text has no spaces between
// words, and those a PDF reader finds there are the gaps of a justified
// line. An ideographic space (U+3000) is a character of the text and
// stays.
func dropWideSpaces(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	var b strings.Builder
	// The space after an article's or a chapter's number is the text's.
	keep := -1
	if m := chapterLabel.FindStringIndex(s); m != nil && m[1] < len(s) && s[m[1]] == ' ' {
		keep = m[1]
	}
	prev := rune(0)
	for i, r := range s {
		if r == ' ' && i != keep {
			rest := strings.TrimLeft(s[i:], " ")
			next, _ := utf8.DecodeRuneInString(rest)
			if (isWide(prev) || isWide(next)) && !isLetter(prev) && !isLetter(next) {
				continue
			}
		}
		b.WriteRune(r)
		if r != ' ' {
			prev = r
		}
	}
	return b.String()
}

// needsSpace reports whether a space stands between text ending with a
// and text starting with b: only between Latin letters or digits.
func needsSpace(a, b string) bool {
	x, _ := utf8.DecodeLastRuneInString(a)
	y, _ := utf8.DecodeRuneInString(b)
	return isLatin(x) && isLatin(y)
}

func isLetter(r rune) bool {
	return r < 0x80 && unicode.IsLetter(r)
}

func isLatin(r rune) bool {
	return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// layout is what the lines of a document tell of its page: the left and
// right edges of the text and the size of a character.
type layout struct {
	left, right, em float64
	// indents is true where paragraphs begin with an indented first
	// line, as official documents do; then a line at the left edge
	// continues the paragraph above it whatever that line ends with.
	indents bool
}

func measure(pages []pdfPage) layout {
	var lefts, rights, ems []float64
	for _, p := range pages {
		for _, l := range p {
			ems = append(ems, l.bottom-l.top)
			// A table may be wider than the text; its rows do not
			// set the edges.
			if !strings.Contains(l.text, "\t") {
				lefts = append(lefts, l.left)
				rights = append(rights, l.right)
			}
		}
	}
	if len(ems) == 0 {
		return layout{}
	}
	if len(lefts) == 0 {
		lefts, rights = []float64{0}, []float64{0}
	}
	// A line's height is about the size of its characters, whether it
	// is the union of glyph boxes or pdftotext's line box.
	var lo layout
	slices.Sort(ems)
	lo.em = ems[len(ems)/2]
	// The edges are where at least one line in ten begins or ends,
	// so that a wide table or a stray mark does not set them.
	slices.Sort(lefts)
	slices.Sort(rights)
	lo.left = lefts[len(lefts)/10]
	lo.right = rights[len(rights)-1-len(rights)/10]
	indented := 0
	for _, x := range lefts {
		if x-lo.left > lo.em && x-lo.left < 4*lo.em {
			indented++
		}
	}
	lo.indents = indented*6 >= len(lefts)
	return lo
}

// joinLines joins the visual lines of the pages into paragraphs. A line
// ends its paragraph when it stops short of the right edge, when the
// next line is indented or opens with an item label or a heading, and,
// in a document without first-line indents, when it ends a sentence.
func joinLines(pages []pdfPage) []string {
	lo := measure(pages)
	var (
		out  []string
		para strings.Builder
		prev *pdfLine
	)
	for _, p := range pages {
		for i := range p {
			l := &p[i]
			if prev != nil && !continues(lo, prev, l) {
				out = append(out, para.String())
				para.Reset()
			}
			if para.Len() > 0 && needsSpace(para.String(), l.text) {
				para.WriteByte(' ')
			}
			para.WriteString(l.text)
			prev = l
		}
	}
	if para.Len() > 0 {
		out = append(out, para.String())
	}
	return out
}

// sentenceEnds are the marks after which a line that reaches the right
// edge may still end its paragraph.
const sentenceEnds = "。；：！？;:!?"

func continues(lo layout, a, b *pdfLine) bool {
	switch {
	case strings.Contains(a.text, "\t"), strings.Contains(b.text, "\t"):
		return false
	case lo.right-a.right > 2*lo.em:
		return false
	case b.left-lo.left > lo.em:
		return false
	case startsItem(b.text):
		return false
	case !lo.indents:
		last, _ := utf8.DecodeLastRuneInString(a.text)
		return !strings.ContainsRune(sentenceEnds, last)
	}
	return true
}

// itemLabel matches the labels and headings that open a paragraph:
// 一、 （一） (一) 1. 1、 （1） ① 第一章 第二条 第三节 第一部分.
var itemLabel = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.、．](?:[^\d]|$)|[（(]\d{1,2}[）)]|[①-⑳]|第[一二三四五六七八九十百]+[章节条部篇])`)

// chapterLabel matches the number of a chapter, section or article.
var chapterLabel = regexp.MustCompile(`^第[一二三四五六七八九十百零〇\d]+[章节条部篇]`)

func startsItem(s string) bool {
	return itemLabel.MatchString(s)
}
