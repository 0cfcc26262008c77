package extract

import "strings"

// A page copied without its line breaks holds the whole plan on one line:
// paragraphs marked only by two ideographic spaces, by a blank, or by
// nothing at all ("…实现高质量发展。二、主要任务（一）…。1.…"). splitJoined
// cuts such lines back into paragraphs, so that the rest of the reader sees
// the plan as it was printed. It only narrows spans, so every offset stays
// an offset into the source.

// minIndentRuns is how many two-space indents inside a line mark a line
// that holds joined paragraphs; a spaced-out label ("标　　题：") has one.
// Page chrome spaced the same way ("今天是…　　设为首页") comes in lines
// shorter than minJoinedRunes.
const (
	minIndentRuns  = 3
	minJoinedRunes = 200
)

// splitJoined cuts lines that hold several paragraphs at paragraph
// indents, at the signature and date of a notice, where an item label
// starts that goes on the numbering seen so far, after a top section's
// title, and before a unit label, a box or an annex.
func splitJoined(t *text, lines []span) []span {
	out := make([]span, 0, len(lines))
	var num numbering
	for _, ln := range lines {
		if isTableRow(t, ln) {
			out = append(out, ln)
			continue
		}
		ps := splitIndents(t, ln)
		if ps == nil {
			out = splitAtSignature(t, ln, &num, out)
		}
		for _, p := range ps {
			out = splitAtSignature(t, p, &num, out)
		}
	}
	return out
}

// maxRowRunes bounds a table row; a whole plan on one line is longer,
// even with a stray tab in it.
const maxRowRunes = 1000

// isTableRow reports a line of a table, its cells separated by tabs or
// bars; its cells are not paragraphs.
func isTableRow(t *text, ln span) bool {
	if ln.end-ln.start > maxRowRunes {
		return false
	}
	for _, r := range t.src[ln.start:ln.end] {
		if r == '\t' || r == '|' {
			return true
		}
	}
	return false
}

// splitIndents cuts a line at runs of two or more ideographic spaces, the
// paragraph indents of a page whose line breaks were lost; nil for a line
// that is one paragraph, the most common case.
func splitIndents(t *text, ln span) []span {
	// Joined paragraphs of a plan: some of them begin with an item's
	// label. Cells of a table row spaced the same way do not.
	runs, labelled := 0, false
	for i := ln.start; i+1 < ln.end; i++ {
		if t.src[i] == 0x3000 && t.src[i+1] == 0x3000 && (i == ln.start || t.src[i-1] != 0x3000) {
			runs++
			j := i + 2
			for j < ln.end && t.src[j] == 0x3000 {
				j++
			}
			if !labelled {
				_, labelled = parseLabel(t.fold[j:ln.end])
			}
		}
	}
	if runs < minIndentRuns || !labelled || ln.end-ln.start < minJoinedRunes {
		return nil
	}
	out := make([]span, 0, runs+1)
	start := ln.start
	for i := ln.start; i+1 < ln.end; i++ {
		if t.src[i] != 0x3000 || t.src[i+1] != 0x3000 {
			continue
		}
		if s := t.trim(span{start, i}); s.end > s.start {
			out = append(out, s)
		}
		for i < ln.end && t.src[i] == 0x3000 {
			i++
		}
		start = i
	}
	if s := t.trim(span{start, ln.end}); s.end > s.start {
		out = append(out, s)
	}
	return out
}

// splitAtSignature cuts a line before and after a signature glued into it,
// "…增添发展活力。某省人民政府办公厅2024年2月9日", so that the issuer and
// the date stand as the closing lines they are, and the item before them
// ends there. A signature inside the line ends a covering notice: the plan
// after it numbers its items afresh.
func splitAtSignature(t *text, p span, num *numbering, out []span) []span {
	f := t.fold[p.start:p.end]
	start := 0
	for i := 4; i < len(f); i++ {
		if f[i] != '年' {
			continue
		}
		ds := i - 4
		de, ok := dateEnd(f, ds)
		if !ok {
			continue
		}
		// An issuer and a date, at the end or followed by the plan; a date
		// alone only at the end, after a sentence.
		is, atEnd := issuerStart(f, ds), de == len(f)
		switch {
		case is >= 0 && (atEnd || beginsText(f[de])):
		case is < 0 && atEnd && ds > 0 && (f[ds-1] == '。' || f[ds-1] == ')'):
			is = ds
		default:
			continue
		}
		if is < start || is == 0 && atEnd {
			continue
		}
		out = splitItems(t, span{p.start + start, p.start + is}, num, out)
		out = appendTrimmed(t, out, span{p.start + is, p.start + ds})
		out = appendTrimmed(t, out, span{p.start + ds, p.start + de})
		start = de
		*num = numbering{}
		i = de
	}
	return splitItems(t, span{p.start + start, p.end}, num, out)
}

// dateEnd reads a date "2024年2月9日" or "二〇二四年二月九日" at f[i:] and
// returns where it ends.
func dateEnd(f []rune, i int) (int, bool) {
	digit, most := isDigit, 2
	switch {
	case yearAt(f, i):
	case i+5 <= len(f) && f[i+4] == '年' && isHanDigit(f[i]) && isHanDigit(f[i+1]) && isHanDigit(f[i+2]) && isHanDigit(f[i+3]):
		digit, most = isHanDigit, 3
	default:
		return 0, false
	}
	j := i + 5
	for _, mark := range []rune{'月', '日'} {
		n := 0
		for j < len(f) && n < most && digit(f[j]) {
			j++
			n++
		}
		if n == 0 || j >= len(f) || f[j] != mark {
			return 0, false
		}
		j++
	}
	return j, true
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isHanDigit reports a numeral of a date written in Han characters.
func isHanDigit(r rune) bool {
	switch r {
	case '〇', '○', '零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十':
		return true
	}
	return false
}

// issuerStart returns where the names of the issuing bodies begin that
// end just before the date at f[ds] (blanks between them allowed), or -1
// when no such name stands there. Joint issuers are separated by blanks.
func issuerStart(f []rune, ds int) int {
	start := -1
	for {
		for ds > 0 && f[ds-1] == ' ' {
			ds--
		}
		b := ds
		for b > 0 && ds-b < 40 && !isParaEnd(f[b-1]) {
			b--
		}
		if b > 0 && !isParaEnd(f[b-1]) || !isIssuerName(string(f[b:ds])) {
			if start < 0 {
				return afterDocName(f, ds)
			}
			return start
		}
		start = b
		if b == 0 || f[b-1] != ' ' {
			return start
		}
		ds = b
	}
}

// afterDocName returns where an issuer's name begins that ends just
// before the date at f[ds] and follows the name of a document without a
// stop, as a signature follows the list of attachments in a text run
// together ("附件：1.某某清单2.某某名单某市人民政府办公室2023年3月8日"); -1
// when none does.
func afterDocName(f []rune, ds int) int {
	for b := ds - 4; b > 0 && ds-b <= 40; b-- {
		if !strings.ContainsRune("单表案录》", f[b-1]) {
			continue
		}
		if name := string(f[b:ds]); isIssuerName(name) && startsWithPlace(name) {
			return b
		}
	}
	return -1
}

// beginsText reports a rune that may begin the text after a signature; a
// date that goes on ("…日前完成", "…日起施行") is a deadline, not a date
// of issue.
func beginsText(r rune) bool {
	switch r {
	case '前', '起', '后', '止', '以', '内', '至', ',', '、', '的':
		return false
	}
	return !(r >= '0' && r <= '9')
}

// isParaEnd reports a rune after which a new paragraph may begin.
func isParaEnd(r rune) bool {
	switch r {
	case '。', ')', ']', '〕', ';', ':', '!', '?', ' ':
		return true
	}
	return false
}

// splitItems cuts a paragraph where an item label starts in the middle of
// it and goes on the numbering (see numbering.accept), and records the
// label that starts it.
func splitItems(t *text, p span, num *numbering, out []span) []span {
	p = t.trim(p)
	if p.end <= p.start {
		return out
	}
	f := t.fold[p.start:p.end]
	start, head := 0, -1 // head: where the title of a heading begins
	var headStyle style
	if lbl, ok := parseLabel(f); ok {
		num.see(lbl)
		head, headStyle = headingBody(lbl, 0), lbl.style
		if n := sectionTitleAt(f, lbl); n > 0 {
			out = appendTrimmed(t, out, span{p.start, p.start + n})
			start = n
		}
	}
	depth := 0 // of brackets, outside which a unit label may start a line
	for k := start + 1; k+1 < len(f); k++ {
		if !splitItemsRunes.mayHold(f[k]) {
			continue
		}
		switch f[k] {
		case '专', '附':
			// A box, "专栏3", or an annex, "附件", after a sentence.
			if n := boxOrAnnexAt(f, k); n == 1 && depth == 1 && f[k-1] == '(' && k-1 > start && isParaEnd(f[k-2]) {
				// "【专栏1】" after a sentence: the bracket opens the box.
				out = appendTrimmed(t, out, span{p.start + start, p.start + k - 1})
				start, head = k-1, -1
			} else if n > 0 && depth == 0 && isParaEnd(f[k-1]) {
				out = appendTrimmed(t, out, span{p.start + start, p.start + k})
				start, head = k, -1
				if n > 2 {
					// "附件省推进…名单": the annex's title on a line of its own.
					out = appendTrimmed(t, out, span{p.start + k, p.start + k + 2})
					start = k + 2
				}
			}
		case '本':
			// "…（A负责）本措施自2023年7月1日起施行。": the closing
			// provision is a paragraph of its own.
			if depth == 0 && isParaEnd(f[k-1]) && reClosing.MatchString(string(f[k:min(len(f), k+60)])) {
				out = appendTrimmed(t, out, span{p.start + start, p.start + k})
				start, head = k, -1
			}
		case '抄', '分':
			// "…（A负责）抄送：市委办公室，…": the copy list starts a
			// line of its own.
			if depth == 0 && isParaEnd(f[k-1]) && k+2 < len(f) && (f[k+1] == '送' || f[k] == '抄' && f[k+1] == '报') && f[k+2] == ':' {
				out = appendTrimmed(t, out, span{p.start + start, p.start + k})
				start, head = k, -1
			}
		case '[', '〔':
			depth++
		case ')', ']', '〕':
			depth = max(depth-1, 0)
		case ':':
			// "…格局。牵头市领导：张三责任单位：市发改委…": unit and
			// leader labels stand on lines of their own.
			if ls := unitLabelStart(f, k); depth == 0 && ls > start {
				out = appendTrimmed(t, out, span{p.start + start, p.start + ls})
				start, head = ls, -1
			}
		}
		if !mayStartLabel(f[k]) {
			continue
		}
		// "（一）加强网络建设1.加强基站布局。": the heading's title ends
		// where its first item begins.
		afterTitle := head >= 0 && head <= k && isGluedTitle(f[head:k])
		lbl, strict, ok := inlineLabel(f, k, afterTitle, depth > 0)
		if ok && afterTitle && rank(lbl.style) <= rank(headStyle) {
			// A title is followed by the heading's own items, not its
			// siblings.
			lbl, strict, ok = inlineLabel(f, k, false, depth > 0)
		}
		if !ok || !num.accept(lbl, strict) {
			if f[k] == '(' {
				depth++
			}
			continue
		}
		depth = 0
		out = appendTrimmed(t, out, span{p.start + start, p.start + k})
		start = k
		head, headStyle = headingBody(lbl, k), lbl.style
		if n := sectionTitleAt(f[k:], lbl); n > 0 {
			out = appendTrimmed(t, out, span{p.start + k, p.start + k + n})
			start = k + n
			k += n - 1
			continue
		}
		k += lbl.end - 1
	}
	return appendTrimmed(t, out, span{p.start + start, p.end})
}

// splitItemsRunes are the runes splitItems acts on: those of its switch
// and those that may start a label (mayStartLabel).
var splitItemsRunes = newRuneSet("专附本抄分[〔)]〕:", "(0123456789第一二三四五六七八九十",
	runeRange('⑴', '⒛'), runeRange('㈠', '㈩'), runeRange('①', '⑳'))

// appendTrimmed appends a paragraph without its surrounding white space,
// unless nothing else is left.
func appendTrimmed(t *text, out []span, s span) []span {
	if s = t.trim(s); s.end > s.start {
		out = append(out, s)
	}
	return out
}

// headingBody is where the title of an item labelled l at k begins, a
// title that its own items may follow without a break.
func headingBody(l label, k int) int { return k + l.end }

// maxGluedTitle bounds the title of a heading that its first item follows
// without a break.
const maxGluedTitle = 25

// isGluedTitle reports a heading's title: a few words, no sentence.
func isGluedTitle(f []rune) bool {
	if len(f) > maxGluedTitle || hanCount(f) < 2 {
		return false
	}
	for _, r := range f {
		switch r {
		case '。', ',', ';', ':', '!', '?', '、', '(', ')':
			return false
		}
	}
	return isHan(f[len(f)-1])
}

// unitLabelStart returns where a label that names units or leaders
// begins when it ends at the colon f[c] ("责任单位：", "牵头市领导："), or
// -1. A leader's label must follow the end of a sentence; a unit label
// may follow a leader's name directly.
func unitLabelStart(f []rune, c int) int {
	e := c
	for e > 0 && f[e-1] == ' ' {
		e--
	}
	best := -1
	for _, w := range prefixRunes {
		if s := e - len(w); runesAt(f, s, w) && (best < 0 || s < best) {
			best = s
		}
	}
	if best > 0 && f[best-1] != '(' && f[best-1] != '[' && f[best-1] != '〔' {
		return best
	}
	if best >= 0 || e < 2 || f[e-2] != '领' || f[e-1] != '导' {
		return -1
	}
	// "牵头市领导", "责任领导", "分管省领导": a few words before 领导.
	for s := e - 2; s > 0 && e-s <= maxLeaderLabel; s-- {
		if isParaEnd(f[s-1]) {
			return s
		}
		if !isHan(f[s-1]) {
			break
		}
	}
	return -1
}

// boxOrAnnexAt reports a box label "专栏3", "专栏：" (1) or an annex mark "附件"
// at f[k]: 2 where a number or a colon follows it, 3 where the annex's
// title follows directly; 0 otherwise.
func boxOrAnnexAt(f []rune, k int) int {
	if k+2 >= len(f) {
		return 0
	}
	next := f[k+2]
	switch {
	case f[k] == '专' && f[k+1] == '栏':
		// "专栏3", or an unnumbered box, "专栏：重点项目", "专栏 重点项目".
		if isDigit(next) || isHanDigit(next) || next == ':' || next == ' ' {
			return 1
		}
	case f[k] == '附' && f[k+1] == '件':
		if isDigit(next) || next == ':' || next == ' ' {
			return 2
		}
		if isHan(next) {
			return 3
		}
	}
	return 0
}

// isBox reports a paragraph that begins with a box label, "专栏3",
// "专栏：重点项目".
func isBox(f []rune) bool {
	if len(f) > 3 && f[0] == '(' {
		f = f[1:] // "【专栏1】"
	}
	return len(f) > 2 && f[0] == '专' && f[1] == '栏' && (isDigit(f[2]) || isHanDigit(f[2]) || f[2] == ':' || f[2] == ' ')
}

// maxLeaderLabel bounds a leader's label, "牵头市领导".
const maxLeaderLabel = 6

// mayStartLabel is a quick test for the first rune of a label.
func mayStartLabel(r rune) bool {
	switch {
	case r == '(' || r >= '0' && r <= '9' || r >= '⑴' && r <= '⒛' || r >= '㈠' && r <= '㈩' || r == '第' || r >= '①' && r <= '⑳':
		return true
	case r < '一':
		return false
	}
	switch r {
	case '一', '二', '三', '四', '五', '六', '七', '八', '九', '十':
		return true
	}
	return false
}

// inlineLabel reads an item label that starts at f[k], inside a line, and
// says whether its number must be exactly the next one (strict). A label
// in parentheses, "（二）", may follow a heading directly. The others must
// follow the end of a sentence, a parenthesis or a space, and must not be
// one number of a list: "三、四季度", "2、3月". An item's label may also
// follow a heading's title (afterTitle), and "2." the title of the item
// before it ("…规划2.编制…") or "二、" a word, outside parentheses, when
// the number is exactly the next.
func inlineLabel(f []rune, k int, afterTitle, inParens bool) (lbl label, strict, ok bool) {
	lbl, ok = parseLabel(f[k:])
	if !ok {
		return label{}, false, false
	}
	prev := f[k-1]
	switch lbl.style {
	case styleHanParen:
		if prev == '第' || prev == '(' {
			return label{}, false, false
		}
		return lbl, false, true
	case styleChapter, styleSection, styleArticle:
		// "…。第三章 推动…第一节 现代物流": chapters and sections go on
		// exactly, after a sentence or a chapter's title.
		// After a word, only the first after the plan's title: "…发展
		// 规划第一章 发展基础", not "详见第三章".
		if isParaEnd(prev) || afterTitle || isHan(prev) && lbl.num == 1 && endsPlanTitle(f[:k]) {
			return lbl, true, true
		}
		return label{}, false, false
	case styleArabicParen, styleCircled:
		// "1.扩大养老服务供给（1）建设…": sub-items after a title;
		// otherwise points of an item's text, "…。（1）…；（2）…", or
		// footnote marks, "…申请量②…".
		if afterTitle && !inParens && lbl.num == 1 {
			return lbl, true, true
		}
		if lbl.num > 1 && (lbl.style == styleArabicParen && prev != '第' && prev != '(' || isParaEnd(prev)) {
			return lbl, true, true
		}
		return label{}, false, false
	case styleHan, styleArabic:
	default:
		return label{}, false, false
	}
	e := k + lbl.end
	if e < len(f) {
		if _, digit := hanDigits[f[e]]; digit && lbl.style == styleHan || isDigit(f[e]) && !yearAt(f, e) {
			return label{}, false, false
		}
	}
	switch {
	case isParaEnd(prev):
		return lbl, lbl.style == styleHan, true
	case lbl.style == styleHan:
		// "…分别牵头二、重点抓好…": a section after a unit list that
		// ends without a stop; "第一节现代物流业一、建设…": the first
		// item after a chapter's or section's title. Not "统一、",
		// "十二、", "第二、".
		if inParens || !isHan(prev) || isHanDigit(prev) || e >= len(f) || !isHan(f[e]) {
			break
		}
		// "…实施方案一、重点任务": the first section after the plan's
		// title.
		if lbl.num >= 2 && prev != '第' && prev != '其' || lbl.num == 1 && (afterTitle && !strings.ContainsRune(oneCompounds, prev) || endsPlanTitle(f[:k])) {
			return lbl, true, true
		}
	case inParens:
	case afterTitle:
		return lbl, false, true
	case (isHan(prev) && prev != '第' || prev == '”' || prev == '》') && e < len(f) && (isHan(f[e]) || f[e] == '“' || f[e] == '《'):
		return lbl, true, true
	}
	return label{}, false, false
}

// planKinds are the words a plan's title ends with.
var planKinds = [][]rune{[]rune("规划"), []rune("方案"), []rune("计划"), []rune("意见"), []rune("要点"), []rune("措施"), []rune("纲要")}

// endsPlanTitle reports text that ends with the kind of a plan: "…规划".
func endsPlanTitle(f []rune) bool { return len(f) >= 2 && wordAt(f, len(f)-2, planKinds) }

// oneCompounds are the runes that make a word with a following 一:
// 统一, 唯一, 第一, 之一.
const oneCompounds = "统唯万专同划单逐第之其不合归如"

// numbering follows the item labels of a plan as they are read: the open
// levels, outermost first, and the last number of each style.
type numbering struct {
	open []style
	last [styleShi + 1]int
}

// see records a label that starts a line of its own.
func (n *numbering) see(l label) {
	if l.style < 0 || int(l.style) >= len(n.last) {
		return
	}
	n.enter(l)
}

// accept reports whether a label found inside a line goes on the
// numbering, and records it if so: the next number of an open level; 1 of
// a level not open (a new level, or one under a new heading); the number
// after the last of a level whose numbering runs on across headings; or 1
// of the outermost level, where a plan starts after its notice. Plans
// misnumber their items ("13." then "15.", "15." twice): unless strict,
// an item number or a number in parentheses may skip a few or, for an
// item, repeat; a strict label of a level not open must be 1.
func (n *numbering) accept(l label, strict bool) bool {
	idx := -1
	for i, s := range n.open {
		if s == l.style {
			idx = i
		}
	}
	last := n.last[l.style]
	next := l.num == last+1
	if !strict && (l.style == styleArabic || l.style == styleHanParen) {
		lo := last + 1
		if l.style == styleArabic {
			lo = last
		}
		next = last > 0 && l.num >= lo && l.num <= last+maxNumberSkip+1
	}
	ok := false
	switch {
	case idx >= 0:
		ok = next || l.num == 1 && idx == 0
	case l.num == 1:
		ok = true
	default:
		ok = !strict && last > 0 && next && len(n.open) > 0 && rank(n.open[len(n.open)-1]) < rank(l.style)
	}
	if ok {
		n.enter(l)
	}
	return ok
}

// maxNumberSkip is how many item numbers a plan may skip by mistake.
const maxNumberSkip = 2

// enter makes l the current item of its level, closing the levels inside.
func (n *numbering) enter(l label) {
	for i, s := range n.open {
		if s == l.style {
			n.open = n.open[:i+1]
			n.last[l.style] = l.num
			return
		}
	}
	for len(n.open) > 0 && rank(n.open[len(n.open)-1]) >= rank(l.style) {
		n.open = n.open[:len(n.open)-1]
	}
	n.open = append(n.open, l.style)
	n.last[l.style] = l.num
}

// minGluedText is the least text that can follow a section's title on
// its line.
const minGluedText = 6

// A top section's title is a word such as 保障措施 or 有关要求: a
// qualifier from sectionHeads, then one or more words from sectionTails.
var (
	sectionHeads = [][]rune{[]rune("有关"), []rune("相关"), []rune("工作"), []rune("实施"), []rune("组织"),
		[]rune("保障"), []rune("主要"), []rune("重点"), []rune("总体"), []rune("基本"), []rune("发展"),
		[]rune("行动"), []rune("建设"), []rune("推进"), []rune("政策"), []rune("支持"), []rune("具体"),
		[]rune("配套"), []rune("指导"), []rune("目标"), []rune("监督")}
	sectionTails = [][]rune{[]rune("要求"), []rune("目标"), []rune("任务"), []rune("措施"), []rune("保障"),
		[]rune("思想"), []rune("原则"), []rune("机制"), []rune("举措"), []rune("重点"), []rune("路径"),
		[]rune("步骤"), []rune("领导"), []rune("实施"), []rune("思路"), []rune("领域"), []rune("内容"),
		[]rune("方向"), []rune("政策"), []rune("考核"), []rune("分工"), []rune("基础"), []rune("现状"),
		[]rune("形势"), []rune("环境"), []rune("成效"), []rune("成就"), []rune("回顾")}
)

// sectionTitleAt returns where the title of a top section or chapter ends
// when its text follows it without a break, "三、保障措施各地要…", and 0 otherwise:
// the section reads as a title over its paragraphs, as printed.
func sectionTitleAt(f []rune, l label) int {
	if l.style != styleHan && l.style != styleChapter || !wordAt(f, l.end, sectionHeads) {
		return 0
	}
	n := l.end + 2
	if !wordAt(f, n, sectionTails) {
		return 0
	}
	for n += 2; wordAt(f, n, sectionTails); n += 2 {
	}
	// "二、重点任务分工" is a title of its own; "一、总体要求和目标" goes on.
	if n+minGluedText <= len(f) && (f[n] == ' ' || f[n] == '“' || f[n] == '《' || isHan(f[n]) && !strings.ContainsRune("和与及的等", f[n])) {
		return n
	}
	return 0
}

// wordAt reports one of the two-rune words ws at f[i].
func wordAt(f []rune, i int, ws [][]rune) bool {
	for _, w := range ws {
		if runesAt(f, i, w) {
			return true
		}
	}
	return false
}
