package extract

import (
	"strings"
	"unicode/utf8"
)

// item is one numbered item of the outline: a heading when it has
// numbered children, else a task candidate.
type item struct {
	lbl      label
	start    int    // offset of the label
	content  []span // its own paragraphs: the rest of the label line, then continuation lines
	parent   *item
	children []*item
	// filled while building tasks
	title     string
	taskForce string
	clauses   []clause
	path      []string
}

func (it *item) end() int {
	if len(it.children) > 0 {
		return it.children[len(it.children)-1].end()
	}
	if n := len(it.content); n > 0 {
		return it.content[n-1].end
	}
	return it.start
}

// rank orders styles from outermost to innermost.
func rank(s style) int { return int(s) }

// outline is the document cut into items, slogans and loose paragraphs.
type outline struct {
	roots   []*item
	all     []*item // every item in document order
	slogans []span  // unnumbered heading lines
	loose   []span  // paragraphs outside any item: preamble, closing
}

var (
	reDateLine = mustRegex(`^\(?(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}|[〇○零一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3})\s*日\s*(?:印发|发布|签发)?\)?$`)
	reAnnex    = mustRegex(`^(?:相关)?附件(?:下载)?\s*\d*\s*(?::|$)`)
	reFileLine = mustRegex(`(?i)\.(?:docx?|xlsx?|pdf|wps|et|zip|rar|ofd)\s*\)?$`)
	reRelated  = mustRegex(`^(?:相关链接|相关阅读|相关文件|相关新闻|相关解读|延伸阅读|政策解读|相关附件)`)
	reBox      = mustRegex(`^(?:专栏\s*[0-9一二三四五六七八九十]{0,3}(?:[-—][0-9]{1,2})?\s*(?:[:.、]|\s|$)|\(专栏\s*[0-9一二三四五六七八九十]{0,3}(?:[-—][0-9]{1,2})?\s*\))`)
	reNote     = mustRegex(`^(?:注\s*[0-9]{0,2}|备注|注释|附注|说明)\s*:`)
	reCopyTo   = mustRegex(`^(?:抄送|抄报|分送)\s*:`)
	reClosing  = mustRegex(`^(本|此)[^。]{0,30}(自|从)[^。]{0,10}(印发|发布|公布)之日起(施行|执行|实施)|^本(方案|措施|意见|办法|计划|规划|要点|政策|通知)[^。]{0,6}(自|从)[^。]{0,16}起(施行|执行|实施)|^\((此件|发至|本件)`)
)

// buildOutline cuts the body lines into items by their labels.
func buildOutline(t *text, lines []span) *outline {
	lines = splitInlineItems(t, lines)
	o := &outline{}
	firsts := make([]span, 0, len(lines))
	var items []item
	var stack []*item
	var attach *item     // the item that takes continuation paragraphs
	notes := false       // inside a block of footnotes
	inBox := false       // inside a 专栏 box
	var boxAfter *item   // the item the box follows
	var notesAfter *item // the item the notes follow
	var boxNums, noteNums sideNumbers
	annex := 0 // lines left of a list of attachments
	for i, ln := range lines {
		f := t.fold[ln.start:ln.end]
		// A list of attachments, "附件：1.X清单" then "2.Y名单", names
		// documents: its numbers are no items, and it ends the item above.
		if annex == 0 {
			annex = annexList(t, lines[i:])
		}
		if annex > 0 {
			annex--
			o.loose = append(o.loose, ln)
			attach = nil
			continue
		}
		// A site's related-links block ends the document: nothing after it
		// is part of the plan.
		short := ""
		if len(f) <= 80 {
			short = t.fline(ln)
		}
		if short != "" && reRelated.MatchString(short) {
			break
		}
		// A file in an annex list, "2.服务业重点任务分工表.xlsx", is not an item.
		if short != "" && reFileLine.MatchString(short) {
			attach = nil
			continue
		}
		lbl, isLabel := parseLabel(f)
		// Footnotes, "注：" and the "①…：指…" lines under it, explain
		// terms: they are no item, no part of the last item and no goal.
		// Any other numbered line ends them.
		if short != "" && reNote.MatchString(short) || isLabel && lbl.style == styleCircled && definesTerm(f[lbl.end:]) {
			if !notes {
				notesAfter, noteNums = attach, sideNumbers{}
			}
			notes, attach = true, nil
			// "备注：1.…" numbers its first note after the colon.
			if k := indexRune(f, ':'); k >= 0 && !isLabel {
				if l, ok := parseLabel(f[k+1:]); ok {
					noteNums.see(l)
				}
			}
			continue
		}
		if notes {
			// Notes numbered 1. 2. restart; the plan goes on with the
			// next number or an outer heading, unless the number goes on
			// with the notes' own.
			if !isLabel || lbl.style == styleCircled || noteNums.goesOn(lbl) || notesAfter != nil && !resumes(notesAfter, lbl) {
				if isLabel {
					noteNums.see(lbl)
				}
				continue
			}
			notes = false
		}
		// A 专栏 box is a side panel: it ends the item before it, and
		// what it commits to is a goal of the plan. Its own numbered lines
		// restart; the plan's items go on with the next number or an
		// outer heading.
		if short != "" && reBox.MatchString(short) {
			if !inBox {
				boxAfter, boxNums = attach, sideNumbers{}
			}
			inBox, attach = true, nil
			// A box whose title runs into its text, as in a plan that lost
			// its line breaks, keeps that text among the goals.
			if titleOnly(t, ln) {
				o.slogans = append(o.slogans, ln)
			} else {
				o.loose = append(o.loose, ln)
			}
			continue
		}
		if inBox {
			// A box's items 1. 2. 3. go on with their own numbers. Where
			// one is also the plan's next, it is the plan's when it names
			// its units as the item before the box did, or when that item
			// named none.
			inOwn := boxNums.goesOn(lbl) && boxAfter != nil && namesUnitsIn(t, boxAfter.content) && !namesUnitsIn(t, []span{ln})
			if !isLabel || inOwn || boxAfter != nil && !resumes(boxAfter, lbl) {
				if isLabel {
					boxNums.see(lbl)
				}
				o.loose = append(o.loose, ln)
				continue
			}
			inBox = false
		}
		// A parenthesis left open at the end of a line goes on in the next:
		// "（省发展改革委、省交通运输厅、" / "省商务厅负责）".
		if attach != nil && !isLabel && len(attach.content) > 0 && unclosed(t, attach.content[len(attach.content)-1]) && onlySpace(t, attach.content[len(attach.content)-1].end, ln.start) {
			attach.content[len(attach.content)-1].end = ln.end
			continue
		}
		// So does a list of units broken after a 、: "责任单位：A、B、" / "C".
		if attach != nil && !isLabel && len(attach.content) > 0 && brokenUnitList(t, attach.content[len(attach.content)-1]) {
			attach.content[len(attach.content)-1].end = ln.end
			continue
		}
		if isLabel {
			// Items are taken from arrays of many, never grown, so that
			// their pointers hold: no lines are left for more items than
			// lines.
			if len(items) == cap(items) {
				items = make([]item, 0, min(len(lines)-i, 32))
			}
			items = append(items, item{lbl: lbl, start: ln.start})
			it := &items[len(items)-1]
			if body := t.trim(span{ln.start + lbl.end, ln.end}); body.end > body.start {
				// One allocation for the first paragraphs of all items.
				firsts = append(firsts, body)
				it.content = firsts[len(firsts)-1 : len(firsts) : len(firsts)]
			}
			stack = placeItem(t, stack, lbl.style)
			if len(stack) > 0 {
				it.parent = stack[len(stack)-1]
				it.parent.children = append(it.parent.children, it)
			} else {
				o.roots = append(o.roots, it)
			}
			stack = append(stack, it)
			o.all = append(o.all, it)
			attach = it
			continue
		}
		if isClosing(t, lines, i) {
			o.loose = append(o.loose, ln)
			attach = nil
			continue
		}
		if isSlogan(f) && !(attach != nil && i > 0 && labelOnly(t, lines[i-1])) {
			o.slogans = append(o.slogans, ln)
			attach = nil
			continue
		}
		// A box ("专栏3 …") whose title runs into its text is a side
		// panel, like one whose title stands on its own line.
		if isBox(f) {
			o.loose = append(o.loose, ln)
			attach = nil
			continue
		}
		if attach != nil {
			// "以上任务由A牵头，B负责。" after a section's items covers them all:
			// it goes to their heading, whose clause its items inherit.
			if attach.parent != nil && len(attach.parent.children) > 1 && coversSection(f) {
				attach.parent.content = append(attach.parent.content, ln)
				attach = nil
				continue
			}
			attach.content = append(attach.content, ln)
		} else {
			o.loose = append(o.loose, ln)
		}
	}
	dropNoticeItems(t, o)
	return o
}

// reHandOn is the sentence of a covering notice that hands the plan on:
// "现将《…》印发给你们", "…已经省政府同意，现印发你们".
var reHandOn = mustRegex(`印发给你们|印发你们|现印发给|印发给各|现将《[^》]{2,80}》印发|现予印发|予以印发`)

// handOnIn is reHandOn.FindStringIndex(s), run from shortly before the
// first "印发" that every match holds: a plan's opening may be long.
func handOnIn(s string) []int {
	k := strings.Index(s, "印发")
	if k < 0 {
		return nil
	}
	// The longest a match runs before its "印发": "现将《" and 80 runes.
	lo := max(0, k-len("现将《")-80*utf8.UTFMax-len("》"))
	for lo < k && !utf8.RuneStart(s[lo]) {
		lo++
	}
	// The expression's automaton is slow over a long opening: the
	// leftmost match is found here, at the first of 印, 现 or 予 where one
	// of its branches matches, the branches tried in their order.
	for p := lo; p < len(s); p++ {
		if c := s[p]; c != 0xE5 && c != 0xE7 && c != 0xE4 {
			continue // the first byte of none of 印, 现, 予
		}
		if end := handOnAt(s, p); end >= 0 {
			return []int{p, end}
		}
	}
	return nil
}

// handOnWords are the branches of reHandOn made of words only, in order;
// the branch of a title, 现将《…》印发, stands fifth.
var handOnWords = []string{"印发给你们", "印发你们", "现印发给", "印发给各", "", "现予印发", "予以印发"}

// handOnAt is where a match of reHandOn that starts at s[p] ends, or -1.
func handOnAt(s string, p int) int {
	for _, w := range handOnWords {
		if w != "" {
			if strings.HasPrefix(s[p:], w) {
				return p + len(w)
			}
			continue
		}
		// 现将《[^》]{2,80}》印发: the title runs to its first 》.
		if !strings.HasPrefix(s[p:], "现将《") {
			continue
		}
		n, j := 0, p+len("现将《")
		for j < len(s) && n <= 80 {
			r, w := utf8.DecodeRuneInString(s[j:])
			if r == '》' {
				break
			}
			n, j = n+1, j+w
		}
		if n >= 2 && n <= 80 && strings.HasPrefix(s[j:], "》印发") {
			return j + len("》印发")
		}
	}
	return -1
}

// dropNoticeItems removes the covering notice's own numbered requirements
// ("一、要高度重视…", "二、各单位确定一名联络员…"): top items right after
// the notice, before the plan's own items restart at 1 in the same style.
// They are no task, and their dates and contacts are no goal.
func dropNoticeItems(t *text, o *outline) {
	first := o.roots
	if len(first) < 2 {
		return
	}
	// The notice hands the plan on before its first item, and is signed
	// and dated only after its requirements.
	before := t.fstr(span{0, first[0].start})
	loc := handOnIn(before)
	if loc == nil || reHanDate.MatchString(before[loc[1]:]) {
		return
	}
	st := first[0].lbl.style
	cut := 0
	for k := 1; k < len(first); k++ {
		if first[k].lbl.style == st && first[k].lbl.num == 1 {
			cut = k
			break
		}
	}
	if cut == 0 {
		// Requirements numbered in another style than the plan's parts
		// ("（一）各单位要…" above "一、工作目标") end at the notice's
		// signature date.
		cut = afterSignature(t, o)
	}
	// A notice asks for a few things in a paragraph each; a plan's parts
	// that restart their numbering have items of their own and are longer
	// than what comes before them.
	if cut == 0 || cut > 6 || first[0].lbl.num != 1 {
		return
	}
	for _, it := range first[:cut] {
		if len(it.children) > 0 {
			return
		}
	}
	end, last := first[cut].start, first[len(first)-1].end()
	if first[cut-1].end()-first[0].start > (last-end)/2 && !signedBetween(t, o, first[cut-1].start, end) {
		return
	}
	o.roots = o.roots[cut:]
	kept := o.all[:0]
	for _, it := range o.all {
		if it.start >= end {
			kept = append(kept, it)
		}
	}
	o.all = kept
}

// afterSignature returns the index of the first top item printed after
// a dated signature that follows the first top item, or 0 when there is
// none.
func afterSignature(t *text, o *outline) int {
	for k := 1; k < len(o.roots) && k <= 6; k++ {
		if between := t.fold[o.roots[k-1].end():o.roots[k].start]; reHanDate.MatchString(string(between)) {
			return k
		}
	}
	return 0
}

// sideNumbers follows the numbering of a box's or a block of notes' own
// items, which restarts at 1.
type sideNumbers struct {
	style style
	last  int // 0 before the first item
}

// see records an item of the box: its first (numbered 1), or the next.
func (n *sideNumbers) see(l label) {
	if l.num == 1 || n.goesOn(l) {
		n.style, n.last = l.style, l.num
	}
}

// goesOn reports the next number of the box's own items.
func (n sideNumbers) goesOn(l label) bool {
	return n.last > 0 && l.style == n.style && l.num == n.last+1
}

// namesUnitsIn is a quick look for the words of a responsibility
// clause in paragraphs: 牵头, 负责, 责任单位, 配合.
func namesUnitsIn(t *text, ps []span) bool {
	for _, p := range ps {
		f := t.fold[p.start:p.end]
		if containsRunes(f, []rune("牵头")) || containsRunes(f, []rune("负责")) || containsRunes(f, []rune("责任单位")) || containsRunes(f, []rune("配合")) {
			return true
		}
	}
	return false
}

func indexRune(f []rune, r rune) int {
	for i, x := range f {
		if x == r {
			return i
		}
	}
	return -1
}

// resumes reports a label that goes on from the item before a box: the
// next number of its style, or a style of an outer level.
func resumes(prev *item, l label) bool {
	if l.style == prev.lbl.style {
		return l.num == prev.lbl.num+1
	}
	return rank(l.style) < rank(prev.lbl.style)
}

// definesTerm reports the body of a footnote: a short term, then what it
// means ("PCT国际专利申请量：指通过…", "“三所一中心”是指…").
func definesTerm(f []rune) bool {
	head := f[:min(len(f), 40)]
	for i, r := range head {
		if r == '。' {
			return false
		}
		if r == ':' && i+1 < len(f) && f[i+1] == '指' || r == '是' && i+1 < len(f) && f[i+1] == '指' {
			return true
		}
	}
	return false
}

// annexList returns the number of lines of a list of attachments that
// starts at lines[0]: "附件：1.X清单" then "2.Y名单", or the mark "附件："
// alone with "1.X清单" below it; 0 where none starts.
func annexList(t *text, lines []span) int {
	if n := attachmentList(t, lines); n > 0 || len(lines) < 2 || !isAttachmentMark(t, lines[0]) {
		return n
	}
	n := 1
	for n < len(lines) {
		g := t.fold[lines[n].start:lines[n].end]
		if lbl, ok := parseLabel(g); !ok || lbl.style != styleArabic || lbl.num != n || !namesAttachment(g) {
			break
		}
		n++
	}
	if n == 1 {
		return 0
	}
	return n
}

// splitInlineItems cuts lines that hold several items one after another,
// "1.…。（A负责）2.…。（B负责）3.…", or a heading followed by its items,
// "（一）…。1.…2.…", into one line per item. An item is cut only where the
// numbering goes on (the next number of a style seen on the line, or 1 of
// a new style) and after the end of a sentence or a parenthesis.
func splitInlineItems(t *text, lines []span) []span {
	out := make([]span, 0, len(lines))
	for _, ln := range lines {
		f := t.fold[ln.start:ln.end]
		first, ok := parseLabel(f)
		if !ok {
			out = append(out, ln)
			continue
		}
		last := map[style]int{first.style: first.num}
		start := ln.start
		for k := first.end + 1; k < len(f)-1; k++ {
			if p := f[k-1]; p != '。' && p != ')' && p != ';' {
				continue
			}
			// Only the styles that number items and sections; "①…②…" and
			// "（1）…（2）…" inside a line are points of one item's text.
			lbl, ok := parseLabel(f[k:])
			if !ok || lbl.style != styleHan && lbl.style != styleHanParen && lbl.style != styleArabic {
				continue
			}
			prev, seen := last[lbl.style]
			if seen && lbl.num != prev+1 || !seen && (lbl.num != 1 || rank(lbl.style) <= rank(first.style)) {
				continue
			}
			out = append(out, t.trim(span{start, ln.start + k}))
			start = ln.start + k
			last[lbl.style] = lbl.num
		}
		out = append(out, t.trim(span{start, ln.end}))
	}
	return out
}

// signedBetween reports a date of signature, a line of its own, between
// the offsets a and b: the notice ends there, and what follows is the plan.
func signedBetween(t *text, o *outline, a, b int) bool {
	for _, ln := range o.loose {
		if ln.start > a && ln.end <= b && reDateLine.MatchString(strings.TrimSpace(t.fline(ln))) {
			return true
		}
	}
	return false
}

// coversSection reports a sentence that assigns the items above it:
// "以上任务由省商务厅牵头…", "上述工作由…负责".
func coversSection(f []rune) bool {
	if len(f) < 6 || !(runesAt(f, 0, []rune("以上")) || runesAt(f, 0, []rune("上述"))) {
		return false
	}
	return containsRunes(f[:min(len(f), 12)], []rune("由")) && (containsRunes(f, []rune("负责")) || containsRunes(f, []rune("牵头")))
}

// onlySpace reports that nothing but white space lies between two offsets:
// a paragraph can be joined to the next only over a line break, not over
// page furniture that was dropped between them.
func onlySpace(t *text, from, to int) bool {
	for _, r := range t.fold[from:to] {
		if !isSpace(r) {
			return false
		}
	}
	return true
}

// brokenUnitList reports a line of units under a label that ends in a
// separator, its list going on in the next line.
func brokenUnitList(t *text, p span) bool {
	if p.end-p.start < 6 || t.fold[p.end-1] != '、' && t.fold[p.end-1] != ',' {
		return false
	}
	_, n := hasPrefixLabel(t.fold, p)
	return n > 0 && colonAfter(t.fold, p.start+n, p.end)
}

// unclosed reports a paragraph that ends inside a parenthesis.
func unclosed(t *text, p span) bool {
	depth := 0
	for _, r := range t.fold[p.start:p.end] {
		switch r {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		}
	}
	return depth > 0
}

// placeItem pops the stack of open items down to the parent of a new item
// of style s. Items nest by the conventional rank of their styles, except
// that an item style seen in the stack takes its place again, and a bare
// heading that is still waiting for its items ("(1)扩大消费" above "1."
// items) takes the new item as a child whatever the ranks say.
func placeItem(t *text, stack []*item, s style) []*item {
	for k := len(stack) - 1; k >= 0; k-- {
		if stack[k].lbl.style == s {
			return stack[:k]
		}
	}
	if n := len(stack); n > 0 && s >= styleArabic && rank(stack[n-1].lbl.style) > rank(s) && awaitsItems(t, stack[n-1]) {
		return stack
	}
	for len(stack) > 0 && rank(stack[len(stack)-1].lbl.style) >= rank(s) {
		stack = stack[:len(stack)-1]
	}
	return stack
}

// awaitsItems reports an item that is only a short title so far.
func awaitsItems(t *text, it *item) bool {
	return len(it.children) == 0 && len(it.content) == 1 && titleOnly(t, it.content[0])
}

// titleOnly reports a paragraph that is a short title: no sentence, no
// clause, e.g. "扩大服务消费" or "保障措施".
func titleOnly(t *text, p span) bool {
	f := t.fold[p.start:p.end]
	if len(f) > 20 {
		return false
	}
	for _, r := range f {
		switch r {
		case '。', ',', ';', '(':
			return false
		}
	}
	return true
}

// isSlogan reports an unnumbered heading: a short line that is not a
// sentence, e.g. "着力谋规划促改革".
func isSlogan(f []rune) bool {
	if len(f) > 30 || f[0] == '(' {
		return false
	}
	for _, r := range f {
		switch r {
		case '。', ',', ';', ':':
			return false
		}
	}
	return hanCount(f) >= 3
}

// isClosing reports the end matter of a document: the signature, its date,
// "本方案自印发之日起施行", "(此件公开发布)", the copy list "抄送：…".
func isClosing(t *text, lines []span, i int) bool {
	fs := t.fline(lines[i])
	// "抄送：市委办公室，市人大常委会办公室，…": the copy list of the
	// printed document, however long.
	if n := lines[i].end - lines[i].start; n <= 300 && reCopyTo.MatchString(fs) {
		return true
	}
	if n := lines[i].end - lines[i].start; n > 60 {
		return false // end matter comes in short lines
	}
	// reClosing's branches all start with 本, 此 or "(".
	closingStart := strings.HasPrefix(fs, "本") || strings.HasPrefix(fs, "此") || strings.HasPrefix(fs, "(")
	if reDateLine.MatchString(fs) || closingStart && reClosing.MatchString(fs) || len(fs) <= 180 && (reAnnex.MatchString(fs) || reFileLine.MatchString(fs)) {
		return true
	}
	// Issuers on lines of their own followed by a date line are a signature.
	if !isIssuerName(fs) {
		return false
	}
	for j := i + 1; j < len(lines) && j < i+5; j++ {
		fj := t.fline(lines[j])
		if reDateLine.MatchString(fj) {
			return true
		}
		if !isIssuerName(fj) {
			return false
		}
	}
	return false
}

var issuerSuffixes = []string{"人民政府", "办公厅", "办公室", "委员会", "人民政府办公厅", "领导小组", "联席会议", "厅", "局", "委"}

func isIssuerName(s string) bool {
	if n := runeCountUpTo(s, 40); n < 4 || n > 40 || strings.ContainsAny(s, ",;:()") || strings.ContainsRune(s, '。') {
		return false
	}
	for _, suf := range issuerSuffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// preambleWords mark the parts of a plan that state its aims rather than
// assign work.
var preambleWords = []string{"指导思想", "基本原则", "总体要求", "发展目标", "主要目标", "总体目标", "工作目标",
	"总体思路", "基本思路", "发展思路", "重要意义", "编制依据", "适用范围", "发展现状", "现状与形势", "形势分析", "目标任务",
	"行动目标", "具体目标", "工作原则", "目标要求", "目标定位"}

// historyWords mark the parts of a plan that report what was done, whose
// numbers are facts, not goals.
var historyWords = []string{"发展基础", "发展成就", "工作回顾", "发展现状", "现状与形势", "主要成效", "取得成效", "发展成效", "工作成效", "基本情况"}

// principleWords mark the parts of a plan that state how it works, whose
// numbers are no commitment ("在30个重点园区中遴选试点").
var principleWords = []string{"基本原则", "工作原则", "指导思想", "总体思路", "基本思路", "发展思路"}

// inHistory reports an item under a heading that reports the past.
func inHistory(it *item) bool { return underTitle(it, historyWords) }

// inPrinciples reports an item under a heading of principles.
func inPrinciples(it *item) bool {
	if underTitle(it, principleWords) {
		return true
	}
	for p := it; p != nil; p = p.parent {
		if isPrinciplesTitle(p.title) {
			return true
		}
	}
	return false
}

// isPrinciplesTitle reports a short title of principles in other words
// than the usual ones: 实施原则, 推进原则.
func isPrinciplesTitle(s string) bool {
	s = strings.TrimSpace(foldString(s))
	return utf8.RuneCountInString(s) <= 6 && strings.HasSuffix(s, "原则")
}

// underTitle reports an item under a heading whose title starts with one
// of words (within its first 20 runes).
func underTitle(it *item, words []string) bool {
	for p := it; p != nil; p = p.parent {
		head := foldString(leadOf(p.title, 20))
		for _, w := range words {
			if strings.Contains(head, w) {
				return true
			}
		}
	}
	return false
}

func isPreambleTitle(s string) bool {
	head := foldString(leadOf(s, 40))
	for _, w := range preambleWords {
		if strings.Contains(head, w) {
			return true
		}
	}
	return false
}

// isTasksTitle reports the short title of the part that holds the
// tasks: 主要任务, 重点工作, 主要举措, 重点行动.
func isTasksTitle(s string) bool {
	s = strings.TrimSpace(foldString(s))
	if utf8.RuneCountInString(s) > 8 {
		return false
	}
	for _, w := range []string{"任务", "工作", "举措", "措施", "行动", "内容"} {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// isGoalsTitle reports the short title, at most n runes, of a part that
// states the plan's goals in any of the words offices use: 预期目标,
// 年度目标, 2025年目标, 发展定位和目标, 主要指标; not 目标考核.
func isGoalsTitle(s string, n int) bool {
	s = strings.TrimSpace(foldString(s))
	if k := utf8.RuneCountInString(s); k < 2 || k > n {
		return false
	}
	return strings.HasSuffix(s, "目标") || strings.HasSuffix(s, "指标")
}
