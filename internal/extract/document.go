package extract

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"luoshi/internal/plan"
)

var (
	reDocNumber   = mustRegex(`[\p{Han}]{1,10}\s*[〔\[【(（]\s*(\d{4})\s*[〕\]】)）]\s*第?\s*\d{1,4}\s*号`)
	reISODate     = mustRegex(`(\d{4})-(\d{1,2})-(\d{1,2})`)
	reHanDate     = mustRegex(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	reYear        = mustRegex(`((?:19|20)\d{2})\s*年`)
	reIssuedBy    = mustRegex(`([\p{Han}]{2,30}?(?:办公室|办公厅|人民政府|委员会|领导小组|联席会议))(?:近日|日前|联合|正式|专门)*(?:印发|发布|出台|公布)(?:了)?《`)
	reCNDate      = mustRegex(`([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日`)
	reYearDigits  = mustRegex(`(?:19|20)\d{2}`)
	reCNYear      = mustRegex(`([〇○零一二][〇○零一二三四五六七八九]{3})\s*年`)
	reAnnualPlan  = mustRegex(`((?:19|20)\d{2})\s*年[^。,;]{0,24}(工作要点|行动计划|工作计划|工作方案|实施方案|行动方案|要点)`)
	rePostingTime = mustRegex(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$`)
	rePostingLead = mustRegex(`^\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s`)
)

// metaLabels are the labelled fields of a government site's header table
// or an aggregator's record, longest first where one holds another.
var metaLabels = []string{"标题", "发文字号", "政策文号", "文件编号", "发文编号", "文件字号", "文号", "成文日期", "发文日期", "签发日期",
	"发布日期", "公布日期", "发布时间", "日期", "时间", "发布机构", "发文机关", "发文机构", "发文单位", "发布单位", "制发机关",
	"颁布单位", "发文部门", "发布部门", "信息来源", "来源", "印发日期", "生效日期",
	"索引号", "主题分类", "公文时效", "统一编号", "公开方式", "有效性", "组配分类", "主题词", "浏览次数", "字体"}

// Labels whose fields name the document number, the issuer, the date
// written and the date posted.
var (
	docNumberLabels = []string{"发文字号", "文号", "政策文号", "文件编号", "发文编号", "文件字号"}
	issuerLabels    = []string{"发布机构", "发文机关", "发文机构", "发文单位", "发布单位", "制发机关", "颁布单位", "发文部门", "发布部门"}
	sourceLabels    = []string{"信息来源", "来源"}
	writtenLabels   = []string{"成文日期", "印发日期", "发文日期", "签发日期"}
	postedLabels    = []string{"发布日期", "公布日期", "发布时间", "日期", "时间"}
)

// reading is what readDocument found, with where each field came from.
type reading struct {
	doc      plan.Document
	meta     map[int]bool
	warnings []plan.Warning
}

// readDocument fills the document fields from the header, the labelled
// metadata of a saved web page, the covering notice, the signature and the
// text itself. It returns the header lines that are not body text and a
// warning for every field left empty or inferred.
func readDocument(t *text, lines []span) (plan.Document, map[int]bool, []plan.Warning) {
	r := reading{meta: map[int]bool{}}
	d := &r.doc
	fields := readFields(t, lines, r.meta)
	if v := strings.Trim(fields["标题"], "《》 "); v != "" {
		if k := reDocNumber.FindStringIndex(v); k != nil && k[0] == 0 {
			// "某政发〔2016〕30号 某市人民政府关于…": the number before the title.
			if d.DocNumber == "" {
				d.DocNumber = strings.TrimSpace(v[:k[1]])
			}
			v = strings.TrimSpace(v[k[1]:])
		}
		if hasGenre(foldString(v)) {
			d.Title = v
		}
	}
	for _, l := range docNumberLabels {
		if d.DocNumber == "" {
			d.DocNumber = firstMatch(reDocNumber, fields[l])
		}
	}
	var metaIssuer, sourceIssuer string
	for _, l := range issuerLabels {
		if metaIssuer == "" {
			metaIssuer = cleanIssuer(fields[l])
		}
	}
	for _, l := range sourceLabels {
		if sourceIssuer == "" {
			sourceIssuer = cleanIssuer(fields[l])
		}
	}
	written := ""
	for _, l := range writtenLabels {
		if written == "" {
			written = fieldDate(fields[l])
		}
	}
	posted := ""
	for _, l := range postedLabels {
		if posted == "" {
			posted = fieldDate(fields[l])
		}
	}

	// The header: lines before the first body paragraph.
	bodyStart := len(lines)
	for i, ln := range lines {
		if r.meta[i] || isClutter(t.fline(ln)) {
			continue
		}
		f := t.fold[ln.start:ln.end]
		// A table's header ("序号" on its line, or a tab-separated row)
		// opens the body: its cells are no title.
		if _, ok := parseLabel(f); ok || slices.Contains(f, '。') || isLabelHeader(headerWords(t.fline(ln))) || slices.Contains(f, '\t') && len(t.cells(ln)) >= 3 {
			bodyStart = i
			break
		}
		// A long line is body text, unless it is a long heading or a
		// link to the page's source.
		if len(f) > 60 && !isTitleLine(cleanHeading(t, ln).fold) && !strings.Contains(t.fline(ln), "://") {
			bodyStart = i
			break
		}
	}
	headIssuer, headerDate, crumb := "", "", ""
	for i := 0; i <= bodyStart && i < len(lines); i++ {
		fs := strings.TrimSpace(t.fline(lines[i]))
		// "2022-05-19 14:17 来源：某网": a news page's posting time.
		if m := rePostingLead.FindString(fs); m != "" && posted == "" {
			posted = firstDate(m)
		}
		if r.meta[i] || isClutter(fs) || isBreadcrumb(fs) {
			if crumb == "" && !r.meta[i] {
				crumb = crumbTitle(t, lines[i])
			}
			continue
		}
		h := cleanHeading(t, lines[i])
		if h.docNumber != "" && d.DocNumber == "" {
			d.DocNumber = h.docNumber
		}
		if i == bodyStart || h.cut {
			// A long line: only a heading glued to the addressee counts.
			if h.cut && d.Title == "" && isTitleLine(h.fold) {
				d.Title = h.src
				headIssuer = ""
			}
			if i == bodyStart {
				break
			}
			continue
		}
		src := strings.TrimSpace(t.str(lines[i]))
		switch {
		case d.DocNumber == "" && reDocNumber.MatchString(fs) && len([]rune(fs)) <= 24:
			d.DocNumber = strings.TrimSpace(firstMatch(reDocNumber, src))
			r.meta[i] = true
		case isTitleLine(h.fold) && (d.Title == "" || sameKey(d.Title, h.src)):
			// A page printing the title twice (the site's page heading,
			// then the document's own) is read at its own.
			if h.whole {
				var issuer string
				d.Title, issuer = headerTitle(t, lines, i, r.meta)
				if issuer != "" {
					headIssuer = issuer
				}
			} else {
				d.Title = h.src
			}
		case reDateLine.MatchString(fs) && headerDate == "":
			headerDate = firstDate(fs)
			r.meta[i] = true
		case rePostingTime.MatchString(fs) && posted == "":
			// "2022-05-19 14:17" under a news page's heading.
			posted = firstDate(fs)
			r.meta[i] = true
		}
	}
	d.Title = stripGlosses(d.Title)
	if fs := foldString(d.Title); d.Title != "" && !isTitleLine(fs) && strings.ContainsRune(fs, ' ') {
		if src, fold := unspaced([]rune(d.Title), []rune(fs)); isTitleLine(fold) {
			d.Title = src
		}
	}
	sig := signature(t, lines, r.meta)

	// "X关于印发Y的通知" wraps the plan Y: the plan's title is Y as the plan
	// prints it, unless the notice issues several plans.
	issued, issuedEnd := issuedTitles(t)
	noticeIssuer, inner, isNotice := noticeParts(d.Title)
	if isNotice || d.Title == "" {
		several := len(issued) > 1 || attachmentCount(t) > 1
		y := inner
		if len(issued) == 1 {
			y = issued[0]
		}
		if !several && y != "" {
			from := issuedEnd
			if from == 0 && isNotice {
				from = titleEnd(t, lines, d.Title)
			}
			if p, _, ok := printedTitle(t, foldString(y), from); ok {
				y = p
			}
			d.Title = stripGlosses(strings.Trim(y, "《》"))
		}
	}
	if d.Title == "" && sig.issuer != "" && sig.end < noticeWindow {
		// A notice without a heading that issues "本方案": the plan's own
		// heading follows the signature.
		d.Title = headingAfter(t, lines, sig.end)
	}
	if headIssuer == "" {
		if isNotice {
			headIssuer = issuerPart(noticeIssuer)
		} else {
			headIssuer = titleIssuer(d.Title)
		}
	}
	intro := ""
	if bodyStart < len(lines) {
		intro = t.fline(lines[bodyStart])
	}
	if d.Title == "" {
		// "近日，省政府办公厅印发《某省2023年…工作要点》": a news report's
		// opening names the plan it reports.
		if bodyStart < len(lines) {
			ln := lines[bodyStart]
			f := t.fold[ln.start:min(ln.end, ln.start+400)]
			if a, b := reportedTitle(f); b > a {
				d.Title = strings.TrimSpace(string(t.src[ln.start+a : ln.start+b]))
			}
		}
	}
	if d.Title == "" {
		d.Title = stripGlosses(crumb)
	}
	introIssuer := ""
	// "…领导小组办公室印发《2020年浙江省服务业发展工作要点》", in the
	// opening sentence of a text that names no issuer otherwise.
	if lead := leadOf(intro, 400); headIssuer == "" && sig.issuer == "" && metaIssuer == "" && strings.Contains(lead, "《") {
		if m := reIssuedBy.FindStringSubmatch(lead); m != nil {
			introIssuer = trimIssuerLead(m[1])
		}
	}
	d.Issuer = chooseIssuer(headIssuer, sig.issuer, metaIssuer, sourceIssuer, introIssuer)
	issuerFrom := ""
	switch {
	case d.Issuer == "" || d.Issuer == headIssuer || d.Issuer == sig.issuer || d.Issuer == metaIssuer:
	case d.Issuer == sourceIssuer:
		issuerFrom = "the page's 信息来源"
	default:
		issuerFrom = "a sentence that reports the issue"
	}
	d.Issuer = stripGlosses(d.Issuer)

	dateFrom := ""
	switch {
	case written != "":
		d.Date, dateFrom = written, "written"
	case headerDate != "":
		d.Date, dateFrom = headerDate, "header"
	case sig.date != "":
		d.Date, dateFrom = sig.date, "signature"
	case posted != "":
		d.Date, dateFrom = posted, "posted"
	}
	var regionFrom string
	d.Region, regionFrom = findRegion(t, *d)
	var yearFrom string
	d.Year, yearFrom = planYear(*d, dateFrom != "posted", intro, openingText(t, lines, bodyStart))

	r.warnDocument(issuerFrom, dateFrom, regionFrom, yearFrom, sig.ambiguous)
	return r.doc, r.meta, r.warnings
}

// headingAfter is the plan's heading printed right after offset at (a
// signature's date): the rest of the date's line, else the next lines,
// joined while they read as pieces of one title; "" when none reads as a
// title. "(此件公开发布)" between the two is skipped.
func headingAfter(t *text, lines []span, at int) string {
	k := sort.Search(len(lines), func(i int) bool { return lines[i].end > at })
	var title strings.Builder
	for n := 0; k < len(lines) && n < 4; k++ {
		ln := lines[k]
		if ln.start < at {
			ln.start = at
		}
		ln = t.trim(ln)
		fs := t.fline(ln)
		if fs == "" || reClosing.MatchString(fs) {
			continue
		}
		if !titleFragment(fs) && !isTitleLine(fs) {
			break
		}
		title.WriteString(t.str(ln))
		n++
		if isTitleLine(foldString(title.String())) {
			return dropSpaces(title.String())
		}
	}
	return ""
}

// reportedTitle is the plan a news report's opening f says was issued
// ("印发《X》", "出台了《X》", "公布《X》"), as rune offsets of X in f, when X
// reads as a plan's title; 0, 0 when none.
func reportedTitle(f []rune) (int, int) {
	for k := 2; k < len(f); k++ {
		if f[k] != '《' {
			continue
		}
		v := k
		if f[v-1] == '了' {
			v--
		}
		if v < 2 || !wordAt(f, v-2, reportVerbs) {
			continue
		}
		a := k + 1
		e := runeIndex(f, "》", a)
		if e < 0 {
			return 0, 0
		}
		if title := strings.TrimSpace(string(f[a:e])); hasGenre(title) && !strings.HasSuffix(title, "通知") {
			return a, e
		}
	}
	return 0, 0
}

// reportVerbs are the verbs with which a news report says a plan was
// issued.
var reportVerbs = [][]rune{[]rune("印发"), []rune("出台"), []rune("发布"), []rune("公布"), []rune("制定"), []rune("推出")}

// leadOf is the start of s, at most n runes.
func leadOf(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// warnDocument adds a warning for each field left empty, and for the
// fields read from something other than the document's own statement.
func (r *reading) warnDocument(issuerFrom, dateFrom, regionFrom, yearFrom string, dateAmbiguous bool) {
	d := r.doc
	warn := func(code, msg string) {
		r.warnings = append(r.warnings, plan.Warning{Code: code, Message: msg})
	}
	if d.Title == "" {
		warn("title_missing", "the document prints no title that could be read")
	}
	if d.DocNumber == "" {
		warn("doc_number_missing", "no document number (发文字号) found")
	}
	switch {
	case d.Issuer == "":
		warn("issuer_missing", "no issuing body found in the header, the title or the signature")
	case issuerFrom != "":
		warn("issuer_inferred", "the issuer is taken from "+issuerFrom)
	}
	switch {
	case dateAmbiguous:
		warn("date_ambiguous", "the signature's date has more than one reading")
	case d.Date == "":
		warn("date_missing", "no date of issue found")
	}
	if dateFrom == "posted" {
		warn("date_inferred", "the date is the page's posting time: the document prints none")
	}
	switch {
	case d.Region == "":
		warn("region_missing", "the text names no province or city as its own")
	case regionFrom != "":
		warn("region_inferred", "the region is inferred from "+regionFrom)
	}
	switch {
	case d.Year == 0:
		warn("year_missing", "the plan states no year and prints no document number or date")
	case yearFrom != "":
		warn("year_inferred", "the year is inferred from "+yearFrom)
	}
}

// readFields reads the labelled fields of a site's metadata block: in
// short lines of the header, before the first numbered item, or at the
// foot of a saved page. A label may stand alone with its value on the
// next line ("发文机关：" / "国务院"), or share a line with others, in a
// table whose cells are split by "|".
func readFields(t *text, lines []span, meta map[int]bool) map[string]string {
	fields := map[string]string{}
	head := len(lines)
	for i, ln := range lines {
		if _, ok := parseLabel(t.fold[ln.start:ln.end]); ok {
			head = i
			break
		}
	}
	for i := 0; i < len(lines); i++ {
		ln := lines[i]
		if i >= head && i < len(lines)-15 || ln.end-ln.start > 200 {
			continue
		}
		f := t.fold[ln.start:ln.end]
		if !slices.ContainsFunc(f, metaLabelRune) {
			continue // no label can stand in this line
		}
		found := labelsIn(f)
		if len(found) == 0 && slices.Contains(t.src[ln.start:ln.end], '\t') {
			// Labels separated from their values by tabs only: a row
			// of labels and values, not a table's header with one "时间".
			if found = labelsIn(tabsAsBars(t, ln, f)); len(found) == 1 && found[0].start > 0 {
				found = nil
			}
		}
		if len(found) == 0 {
			continue
		}
		meta[i] = true
		if n := columnFields(t, lines, i, found, fields, meta); n > 0 {
			i += n
			continue
		}
		for k, lf := range found {
			end := len(f)
			if k+1 < len(found) {
				end = found[k+1].start
			}
			v := strings.TrimRight(strings.Trim(string(t.src[ln.start+lf.end:ln.start+end]), " |\t　:：]】"), "[【 ")
			if v == "" && len(found) == 1 && lf.start == 0 && i+1 < len(lines) {
				// The value on the next line, unless that line is a label.
				next := lines[i+1]
				if nf := t.fold[next.start:next.end]; next.end-next.start <= 200 && len(labelsIn(nf)) == 0 {
					v = strings.TrimSpace(t.str(next))
					meta[i+1] = true
					i++
				}
			}
			if lf.label == "标题" && v != "" && len(found) == 1 && i+1 < len(lines) {
				// A title too long for its cell goes on in the next line:
				// "标题：某市…关于印发某市加快发展" / "银发经济实施方案的通知".
				next := lines[i+1]
				rest := strings.TrimSpace(t.str(next))
				if nf := t.fold[next.start:next.end]; next.end-next.start <= 60 && len(labelsIn(nf)) == 0 &&
					!hasGenre(foldString(v)) && hasGenre(foldString(v+rest)) {
					v += rest
					meta[i+1] = true
					i++
				}
			}
			if _, done := fields[lf.label]; !done && v != "" {
				fields[lf.label] = v
			}
		}
	}
	return fields
}

// tabsAsBars returns the folded line f with its tabs as table bars: a
// metadata table copied from a page separates a label from its value by
// a tab ("发文机关\t某市商务局\t成文日期\t…").
func tabsAsBars(t *text, ln span, f []rune) []rune {
	var out []rune
	for i, r := range t.src[ln.start:ln.end] {
		if r == '\t' {
			if out == nil {
				out = slices.Clone(f)
			}
			out[i] = '|'
		}
	}
	if out == nil {
		return f
	}
	return out
}

// columnFields reads a table whose header row holds only labels
// ("| 发文机关 | 发文字号 | 成文日期 |") and whose next row, after a
// Markdown rule, holds their values in the same columns. It returns the
// number of lines read after the header, 0 where lines[i] is no such row.
func columnFields(t *text, lines []span, i int, found []labelField, fields map[string]string, meta map[int]bool) int {
	head := t.cells(lines[i])
	if len(found) < 2 || len(head) != len(found) {
		return 0
	}
	for k, c := range head {
		// Each cell holds its label and nothing else.
		if c.start-lines[i].start != found[k].start || c.end-lines[i].start > found[k].end {
			return 0
		}
	}
	j := i + 1
	if j < len(lines) && isRule(t, t.cells(lines[j])) {
		j++
	}
	if j >= len(lines) {
		return 0
	}
	vals := t.cells(lines[j])
	if len(vals) != len(head) {
		return 0
	}
	for k, lf := range found {
		if v := strings.TrimSpace(t.str(vals[k])); v != "" {
			if _, done := fields[lf.label]; !done {
				fields[lf.label] = v
			}
		}
	}
	for k := i + 1; k <= j; k++ {
		meta[k] = true
	}
	return j - i
}

// labelField is one label found in a line: rune offsets of the label and
// of the end of its colon.
type labelField struct {
	label      string
	start, end int
}

// labelsIn finds the metadata labels of a folded line: a label, its runes
// perhaps spaced out ("标　　题"), then a colon or a table bar. A label
// within a word is no label: "发布时间" is not "时间".
func labelsIn(f []rune) []labelField {
	if !slices.ContainsFunc(f, func(r rune) bool { return r == ':' || r == '|' || r == ']' || r == ')' }) {
		return nil // every label is followed by one of these
	}
	var out []labelField
	for i := 0; i < len(f); i++ {
		if !metaLabelStartRunes.mayHold(f[i]) {
			continue
		}
		// Only the labels that start with the rune, in their order.
		for _, li := range metaLabelsByFirst[f[i]] {
			l := metaLabels[li]
			end, ok := spacedLabelAt(f, i, metaLabelRunes[li])
			if !ok {
				continue
			}
			j := end
			for j < len(f) && f[j] == ' ' {
				j++
			}
			// "发文机关：", "| 发文机关 |", "[发文机关]", "【发文机关】".
			if j >= len(f) || f[j] != ':' && f[j] != '|' && f[j] != ']' && !(f[j] == ')' && i > 0 && f[i-1] == '(') {
				continue
			}
			// A short label ("时间", "来源") opens a field only where no word runs
			// into it: "完成时间", "资金来源".
			// A value that ends a field ("…2023年05月06日", "…21号")
			// may run into the next label in a header run together.
			if len(metaLabelRunes[li]) == 2 && i > 0 && isHan(f[i-1]) && f[i-1] != '日' && f[i-1] != '号' {
				continue
			}
			out = append(out, labelField{label: l, start: i, end: j + 1})
			i = j
			break
		}
	}
	return out
}

// metaLabelStartRunes are the first runes of metaLabels, tested first at
// one test each: most runes are none of them.
var metaLabelStartRunes = firstRunes(metaLabels)

// spacedLabelAt matches label l at f[i], allowing blanks between its
// runes, and returns the offset after it.
func spacedLabelAt(f []rune, i int, l []rune) (int, bool) {
	for k, r := range l {
		if k > 0 {
			for i < len(f) && f[i] == ' ' {
				i++
			}
		}
		if i >= len(f) || f[i] != r {
			return 0, false
		}
		i++
	}
	return i, true
}

var metaLabelRunes = func() [][]rune {
	out := make([][]rune, len(metaLabels))
	for i, l := range metaLabels {
		out[i] = []rune(l)
	}
	return out
}()

// metaLabelsByFirst are the indexes in metaLabels of the labels that
// start with each rune.
var metaLabelsByFirst = func() map[rune][]int {
	by := map[rune][]int{}
	for i, l := range metaLabelRunes {
		by[l[0]] = append(by[l[0]], i)
	}
	return by
}()

// heading is a header line as a title may stand in it: page furniture
// trimmed from either end.
type heading struct {
	src, fold string
	docNumber string // a number printed before the title on its line, or after a notice heading glued to its addressee
	whole     bool   // the heading is the whole line
	cut       bool   // the heading was cut from the start of a longer line
}

// cleanHeading trims a header line to the title it may hold: a Markdown
// heading's "#", a document number before the title ("某政发〔2016〕30号
// 某市…"), the site's name after it ("…的意见-某省人民政府门户网站"), and
// the addressee glued after a notice's heading ("…的通知各市人民政府："),
// and the number between them.
func cleanHeading(t *text, ln span) heading {
	f, s := t.fold[ln.start:ln.end], t.src[ln.start:ln.end]
	a, b := 0, len(f)
	for a < b && (f[a] == '#' || f[a] == ' ') {
		a++
	}
	a += menuEnd(f[a:b])
	// "【某市2023年…工作要点】": a page heading in brackets.
	if b-a > 2 && s[a] == '【' && s[b-1] == '】' && !slices.Contains(s[a+1:b-1], '【') {
		a, b = a+1, b-1
	}
	h := heading{}
	at := func(i, j int) span { return span{ln.start + i, ln.start + j} } // of f[i:j] in the text
	if head := t.fstr(at(a, min(b, a+40))); strings.ContainsRune(head, '号') {
		if loc := reDocNumber.FindStringIndex(head); loc != nil && loc[0] == 0 {
			n := utf8.RuneCountInString(head[:loc[1]])
			h.docNumber = strings.TrimSpace(string(s[a : a+n]))
			a += n
			for a < b && f[a] == ' ' {
				a++
			}
		}
	}
	// A heading is short: of a long line only its start may be one.
	const maxHeading = 160
	if b-a <= maxHeading {
		if k := lastSiteName(f[a:b]); k >= 0 {
			b = a + k
		}
	}
	if k := runeIndex(f[:min(b, a+maxHeading)], "的通知", a); k >= 0 && k+3 < b && f[k+3] != '》' && balanced(f[a:k+3]) {
		b, h.cut = k+3, true
		// "…的通知甘政办发〔2022〕41号各市…": the number between the
		// heading and the addressee, in a text run together.
		// "…的通知（甘政办发〔2022〕41号）各市…" likewise.
		c := b
		if c < len(f) && f[c] == '(' {
			c++
		}
		if rest := string(f[c:min(len(f), c+30)]); h.docNumber == "" && strings.ContainsRune(rest, '号') {
			if loc := reDocNumber.FindStringIndex(rest); loc != nil && loc[0] == 0 {
				n := utf8.RuneCountInString(rest[:loc[1]])
				h.docNumber = strings.TrimSpace(string(s[c : c+n]))
			}
		}
	}
	if h.docNumber == "" && b-a > 8 && f[b-1] != '》' {
		// "某市人民政府关于…的实施意见（某政发〔2023〕5号）": the number
		// after the title.
		e := b
		for e > a && f[e-1] == ' ' {
			e--
		}
		paren := e > a && f[e-1] == ')'
		if paren {
			e--
		}
		from := max(a, e-30)
		if tail := t.fstr(at(from, e)); strings.HasSuffix(tail, "号") {
			if loc := reDocNumber.FindStringIndex(tail); loc != nil && loc[1] == len(tail) {
				k := from + utf8.RuneCountInString(tail[:loc[0]])
				if c := k; !paren || c > a && f[c-1] == '(' {
					if paren {
						c--
					}
					for c > a && f[c-1] == ' ' {
						c--
					}
					if c > a && isTitleLine(string(f[a:c])) {
						h.docNumber = strings.TrimSpace(string(s[k:e]))
						b = c
					}
				}
			}
		}
	}
	if b-a > maxHeading {
		return heading{docNumber: h.docNumber}
	}
	for b > a && f[b-1] == ' ' {
		b--
	}
	h.src, h.fold = t.str(at(a, b)), t.fstr(at(a, b))
	h.whole = !h.cut && h.docNumber == "" && a == 0 && b == len(f)
	if !isTitleLine(h.fold) && strings.ContainsRune(h.fold, ' ') {
		// "某市促进服务消费若　干　措　施": a title spaced out for print
		// reads without its spacing.
		if src, fold := unspaced(s[a:b], f[a:b]); isTitleLine(fold) {
			h.src, h.fold = src, fold
		}
	}
	return h
}

// unspaced drops the blanks between two Han characters of a heading,
// from its source and its folded text alike.
func unspaced(s, f []rune) (string, string) {
	var src, fold []rune
	for i := range f {
		if f[i] == ' ' && i > 0 && i+1 < len(f) && isHan(f[i-1]) {
			j := i
			for j < len(f) && f[j] == ' ' {
				j++
			}
			if j < len(f) && isHan(f[j]) {
				continue
			}
		}
		src, fold = append(src, s[i]), append(fold, f[i])
	}
	return string(src), string(fold)
}

// menuEnd is where a title begins that follows a site's menu on its line
// ("首页 | 政务公开 | 政策文件 某市…工作要点"): after the last separator and
// the short menu words after it; 0 where no title follows a menu.
func menuEnd(f []rune) int {
	k := len(f) - 1
	for k >= 0 && f[k] != '|' && f[k] != '>' && f[k] != '»' {
		k--
	}
	if k < 0 {
		return 0
	}
	a := k + 1
	for {
		for a < len(f) && f[a] == ' ' {
			a++
		}
		e := a
		for e < len(f) && f[e] != ' ' {
			e++
		}
		if e >= len(f) || e-a > 4 {
			break
		}
		a = e
	}
	if !isTitleLine(strings.TrimSpace(string(f[a:]))) {
		return 0
	}
	return a
}

// crumbTitle is the title that ends a breadcrumb ("首页 > 政策文件 > 某市
// 2023年…工作要点"), or "": the title of a page that prints it nowhere else.
func crumbTitle(t *text, ln span) string {
	f := t.fold[ln.start:ln.end]
	if k := menuEnd(f); k > 0 {
		return strings.TrimSpace(string(t.src[ln.start+k : ln.end]))
	}
	return ""
}

// lastSiteName is the offset of the separator before a site's name at
// the end of a page heading, or -1.
func lastSiteName(f []rune) int {
	i := len(f) - 1
	for ; i > 0; i-- {
		if f[i] == '-' || f[i] == '_' || f[i] == '|' || f[i] == ' ' && f[i-1] == ' ' {
			break
		}
	}
	if i <= 0 {
		return -1
	}
	if f[i] == ' ' {
		i--
	}
	s := string(f)
	if strings.HasSuffix(s, "网站") || strings.HasSuffix(s, "政府网") || strings.HasSuffix(s, "网") {
		return i
	}
	// "某市2023年…工作要点 - 某市商务局": the body whose site it is.
	if tail := strings.Trim(string(f[i+1:]), " -_|"); isIssuerName(tail) && isTitleLine(strings.TrimSpace(string(f[:i]))) {
		return i
	}
	return -1
}

// balanced reports 《》 that close.
func balanced(f []rune) bool {
	n := 0
	for _, r := range f {
		switch r {
		case '《':
			n++
		case '》':
			n--
		}
	}
	return n == 0
}

// isTitleLine reports a folded header line that reads as a title.
func isTitleLine(fs string) bool {
	n := runeCountUpTo(fs, 130) // a long line is not read to its end
	if n < 2 || strings.Contains(fs, "。") {
		return false
	}
	if n > 60 && (n > 130 || !strings.Contains(fs, "关于") && !strings.Contains(fs, "印发")) {
		return false
	}
	return hasGenre(strings.Trim(fs, "《》 "))
}

// genres are the words a plan's or notice's title ends with, longest
// first where one ends another.
var genres = []string{"工作要点", "任务分工表", "分工方案", "任务清单", "责任清单", "分工表", "分解表", "任务分工", "工作安排", "重点工作",
	"工作任务", "责任分解", "任务分解", "情况表", "推进情况", "进展情况", "完成情况", "任务表", "推进表", "清单", "行动计划", "实施意见", "实施方案", "工作方案", "行动方案",
	"发展规划", "专项规划", "规划纲要", "指导意见", "若干意见", "若干措施", "政策措施", "工作计划", "三年行动", "要点", "意见", "方案",
	"规划", "计划", "通知", "办法", "措施"}

// hasGenre reports a folded title that ends with a genre word, before
// a closing parenthesis ("（2023—2025年）", "(试行)") if any; it is
// read by hand rather than by an expression anchored at the end.
func hasGenre(fs string) bool {
	fs = strings.TrimRight(fs, " ")
	if strings.HasSuffix(fs, ")") {
		if k := strings.LastIndexByte(fs, '('); k >= 0 && !strings.ContainsRune(fs[k+1:len(fs)-1], ')') {
			fs = strings.TrimRight(fs[:k], " ")
		}
	}
	for _, g := range genres {
		if strings.HasSuffix(fs, g) {
			return true
		}
	}
	return false
}

// isBreadcrumb reports a site's navigation: a trail ("首页 >> 专题 >>
// 归档") or a menu of short words ("首页 | 政策 | 通知").
func isBreadcrumb(fs string) bool {
	if strings.Contains(fs, ">>") || strings.Count(fs, " > ") >= 2 || strings.HasPrefix(fs, "> ") {
		return true
	}
	words := strings.FieldsFunc(fs, func(r rune) bool { return r == ' ' || r == '|' || r == '/' })
	if len(words) < 3 {
		return false
	}
	single := 0
	for _, w := range words {
		n := utf8.RuneCountInString(w)
		if n > 4 {
			return false
		}
		if n == 1 {
			single++
		}
	}
	// "若　干　措　施": a title spaced out for print, not a row of links.
	return 2*single <= len(words)
}

// sameKey reports two titles that differ only in spacing and punctuation.
func sameKey(a, b string) bool {
	return slices.Equal(keyOf(foldString(a)), keyOf(foldString(b)))
}

// titleEnd is the offset after the header line that prints title.
func titleEnd(t *text, lines []span, title string) int {
	k := keyOf(foldString(title))
	for _, ln := range lines {
		if lk := keyOf(t.fline(ln)); len(lk) > 0 && len(k) >= len(lk) && slices.Equal(k[len(k)-len(lk):], lk) {
			return ln.end
		}
	}
	return 0
}

// titleIssuer is the issuer a title names before "关于": "某省人民政府办公厅
// 关于…的实施意见".
func titleIssuer(title string) string {
	f := []rune(foldString(title))
	k := runeIndex(f, "关于", 0)
	if k <= 0 {
		return ""
	}
	return issuerPart(string([]rune(title)[:k]))
}

// issuerPart keeps of a heading's lead the issuing bodies: the blank
// separated names at its end that read as issuers ("中共某区委办公室 某区
// 人民政府办公室"), dropping a site's label before them.
func issuerPart(s string) string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return isSpace(foldRune(r)) })
	k := len(parts)
	for k > 0 && issuerLike(foldString(parts[k-1])) {
		k--
	}
	if k == len(parts) {
		return ""
	}
	return strings.Join(parts[k:], " ")
}

// issuerLike reports a folded name that reads as an issuing body.
func issuerLike(s string) bool {
	if isIssuerName(s) {
		return true
	}
	if strings.ContainsAny(s, "。,;:()《》") || utf8.RuneCountInString(s) > 40 {
		return false
	}
	return s == "国务院" || utf8.RuneCountInString(s) >= 4 && (strings.HasSuffix(s, "部") || strings.HasSuffix(s, "政府") || strings.HasSuffix(s, "院") || strings.HasSuffix(s, "署"))
}

// chooseIssuer picks the issuer (cands: the header's, the signature's,
// then the others): a full name (one that starts with its region) beats a
// short one ("省政府办公厅"); among equals the header or title beats the
// signature, which beats a site's metadata, its 信息来源
// and a sentence that reports the issue.
func chooseIssuer(cands ...string) string {
	// A signature that prints the city before the header's name
	// ("某市某县人民政府办公室" under "某县人民政府办公室…") is the fuller one.
	if len(cands) > 1 && fullerNames(cands[1], cands[0]) {
		return cands[1]
	}
	for _, c := range cands {
		if c != "" && (startsWithPlace(c) || strings.HasPrefix(c, "中共") || strings.HasPrefix(c, "国务院")) {
			return c
		}
	}
	for _, c := range cands {
		if c != "" {
			return c
		}
	}
	return ""
}

// fullerNames reports a signature that names the header's issuers with
// their city in front, each of them: "中共某市某区委办公室 某市某区人民政府
// 办公室" under "中共某区委办公室 某区人民政府办公室".
func fullerNames(sig, head string) bool {
	sp, hp := strings.Fields(sig), strings.Fields(head)
	if len(sp) == 0 || len(sp) != len(hp) {
		return false
	}
	fuller := false
	for k, s := range sp {
		h := hp[k]
		if s == h {
			continue
		}
		s, h = strings.TrimPrefix(s, "中共"), strings.TrimPrefix(h, "中共")
		if len(s) <= len(h) || !strings.HasSuffix(s, h) || !startsWithPlace(s) {
			return false
		}
		fuller = true
	}
	return fuller
}

// metaLabelRune reports a rune of which every label in metaLabels holds
// one: a line without any holds no label.
func metaLabelRune(r rune) bool {
	switch r {
	case '题', '号', '期', '间', '构', '关', '位', '门', '源', '类', '效', '式', '性', '词', '数', '体':
		return true
	}
	return false
}

// trimIssuerLead drops the words of a sentence that precede an issuer.
func trimIssuerLead(s string) string {
	for _, w := range []string{",", "近日", "日前", "由"} {
		if k := strings.LastIndex(s, w); k >= 0 {
			s = s[k+len(w):]
		}
	}
	return s
}

// cleanIssuer keeps a metadata field's value when it names the issuing
// bodies. Joint issuers listed with a separator ("某市商务局;某市财政局")
// are written as the header prints them, separated by blanks.
func cleanIssuer(s string) string {
	// "来源：某市人民政府办公室 【打印】【关闭】": the page's buttons follow.
	if k := strings.IndexAny(s, "【["); k > 0 {
		s = s[:k]
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if issuerLike(foldString(s)) {
		return s
	}
	parts := strings.FieldsFunc(s, func(r rune) bool {
		switch foldRune(r) {
		case ';', ',', '、', ' ':
			return true
		}
		return false
	})
	if len(parts) < 2 {
		return ""
	}
	for _, p := range parts {
		if !issuerLike(foldString(p)) {
			return ""
		}
	}
	return strings.Join(parts, " ")
}

func firstMatch(re *regex, s string) string {
	return strings.TrimSpace(re.FindString(s))
}

// reFieldDate is a date of a metadata field written with slashes or dots,
// "2023/05/06", "2023.5.6", or in bare digits, "20230506".
var reFieldDate = mustRegex(`^((?:19|20)\d{2})(?:[/.](\d{1,2})[/.](\d{1,2})|(\d{2,4}))$`)

// fieldDate reads the date of a metadata field, as ISO: any date
// firstDate reads, or a field that holds only a date in slashes, dots or
// bare digits with one reading.
func fieldDate(v string) string {
	if d := firstDate(v); d != "" {
		return d
	}
	m := reFieldDate.FindStringSubmatch(strings.TrimSpace(v))
	switch {
	case m == nil:
		return ""
	case m[4] != "":
		d, _ := bareDate(m[1], m[4])
		return d
	}
	return isoDate(m[1], m[2], m[3])
}

// firstDate returns the first date found in the candidates, as ISO.
func firstDate(cands ...string) string {
	for _, s := range cands {
		if m := reISODate.FindStringSubmatch(s); m != nil {
			return isoDate(m[1], m[2], m[3])
		}
		if m := reHanDate.FindStringSubmatch(s); m != nil {
			return isoDate(m[1], m[2], m[3])
		}
		if m := reCNDate.FindStringSubmatch(s); m != nil {
			return cnDate(m[1], m[2], m[3])
		}
	}
	return ""
}

func isoDate(y, m, d string) string {
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	if mi < 1 || mi > 12 || di < 1 || di > 31 {
		return ""
	}
	return y + "-" + pad2(mi) + "-" + pad2(di)
}

// cnDate reads a date written in Chinese numerals: 二〇二一年十二月三十日.
func cnDate(y, m, d string) string {
	var year strings.Builder
	for _, r := range y {
		switch r {
		case '〇', '○', '零':
			year.WriteByte('0')
		default:
			year.WriteString(strconv.Itoa(hanDigits[r]))
		}
	}
	mo, _ := hanNumber([]rune(m))
	da, _ := hanNumber([]rune(d))
	return isoDate(year.String(), strconv.Itoa(mo), strconv.Itoa(da))
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// headerTitle is the title whose last line is lines[i]: a long title is
// printed over several lines ("湖北省人民政府办公厅" / "关于印发湖北省加快
// 发展现代服务业" / "三年行动计划（2023—2025年）的" / "通知"). Lines are
// taken upwards while the title does not yet read as a beginning; an
// issuer's line above "关于…" belongs to the title and is the issuer.
func headerTitle(t *text, lines []span, i int, meta map[int]bool) (title, issuer string) {
	title = strings.Trim(strings.TrimSpace(t.str(lines[i])), "《》 ")
	meta[i] = true
	j := i - 1
	for ; j >= 0 && !titleStart(foldString(title)); j-- {
		fs := strings.TrimSpace(t.fline(lines[j]))
		if meta[j] || !titleFragment(fs) {
			break
		}
		title = strings.TrimSpace(t.str(lines[j])) + title
		meta[j] = true
	}
	// "某省人民政府办公厅关于印发" / "某省…方案的通知": a heading broken after
	// 印发 reads on from the line above, though its second line opens
	// with a place.
	if j >= 0 && !meta[j] {
		fs := strings.TrimSpace(t.fline(lines[j]))
		if (strings.HasSuffix(fs, "印发") || strings.HasSuffix(fs, "关于")) && utf8.RuneCountInString(fs) <= 40 && !strings.ContainsAny(fs, "。,;:") {
			title = strings.TrimSpace(t.str(lines[j])) + title
			meta[j] = true
			j--
		}
	}
	if strings.HasPrefix(foldString(title), "关于") && j >= 0 {
		if fs := strings.TrimSpace(t.fline(lines[j])); isIssuerName(fs) {
			issuer = strings.TrimSpace(t.str(lines[j]))
			title = issuer + title
			meta[j] = true
		}
	}
	return title, issuer
}

// startsWithPlace reports a name that begins with its region or city.
func startsWithPlace(s string) bool {
	head := leadOf(s, 4)
	if _, ok := provinceIn(head); ok {
		return true
	}
	m := reCity.FindStringSubmatch(s)
	return m != nil && !strings.HasPrefix(m[1], "市") && !strings.HasPrefix(m[1], "省")
}

// titleStart reports a title that reads as complete at its start: a
// region, a year, 关于 or an issuer.
func titleStart(s string) bool {
	if strings.HasPrefix(s, "关于") || reYearDigits.MatchString(leadOf(s, 4)) {
		return true
	}
	if _, ok := provinceIn(leadOf(s, 4)); ok {
		return true
	}
	return reCity.MatchString(s) && !strings.HasPrefix(s, "全")
}

// titleFragment reports a header line that may be part of a title
// broken over lines.
func titleFragment(fs string) bool {
	if fs == "" || len([]rune(fs)) > 40 || strings.ContainsAny(fs, "。,;:!?") {
		return false
	}
	return !isIssuerName(fs) && !reDocNumber.MatchString(fs) && !reDateLine.MatchString(fs) && !isClutter(fs) && !isBreadcrumb(fs)
}

// signed is the issuer and date that sign the document.
type signed struct {
	issuer, date string
	ambiguous    bool // a date printed in bare digits with several readings
	end          int  // offset just after the date; 0 when unsigned
}

// signature finds the issuer and date that sign the document: a date
// right after an issuer's name, wherever it stands (a notice that wraps a
// plan signs before the plan). The date may open a line that goes on with
// the plan's heading ("2023年3月24日某省…行动方案"), and in a text run
// together into one line the signature stands between two sentences
// ("…认真组织实施。某省人民政府办公厅2023年12月13日为深入…"). Without one, a
// date line near the end, else in the header. A value of a site's metadata
// (meta, "发布时间：" then "2022年07月15日") signs nothing.
func signature(t *text, lines []span, meta map[int]bool) signed {
	for i := 1; i < len(lines); i++ {
		f := t.fold[lines[i].start:lines[i].end]
		if meta[i] || !mayBeDateLine(f) {
			continue
		}
		date, n, amb := dateAt(f, 0)
		if n == 0 || amb && n < len(f) {
			continue
		}
		// "2023年6月12日印发" on a line of its own signs; the same words
		// in a sentence cite a date.
		if n < len(f) && !signatureEnd(f, n) && !reDateLine.MatchString(strings.TrimSpace(t.fline(lines[i]))) {
			continue
		}
		if prev := stripGlosses(strings.TrimSpace(t.fline(lines[i-1]))); issuerLike(prev) {
			issuer := stripGlosses(strings.TrimSpace(t.str(lines[i-1])))
			// Joint issuers sign one a line: "某市商务局" / "某市民政局" /
			// date. Each names its place, as a unit in a table's cell does not.
			for j := i - 2; j >= 0 && j >= i-5 && !meta[j] && startsWithPlace(prev); j-- {
				fj := stripGlosses(strings.TrimSpace(t.fline(lines[j])))
				if !issuerLike(fj) || !startsWithPlace(fj) && !strings.HasPrefix(fj, "中共") {
					break
				}
				issuer = stripGlosses(strings.TrimSpace(t.str(lines[j]))) + " " + issuer
			}
			return signed{issuer: issuer, date: date, ambiguous: amb, end: lines[i].start + n}
		}
	}
	if s, ok := inlineSignature(t, 0, min(len(t.fold), noticeWindow)); ok {
		return s
	}
	if s, ok := inlineSignature(t, max(0, len(t.fold)-800), len(t.fold)); ok {
		return s
	}
	// A date on its own line near the end, else in the header.
	for i := len(lines) - 1; i >= 0 && i >= len(lines)-8; i-- {
		if fs := strings.TrimSpace(t.fline(lines[i])); !meta[i] && reDateLine.MatchString(fs) {
			return signed{date: firstDate(fs)}
		}
	}
	for i := 0; i < len(lines) && i < 15; i++ {
		if meta[i] || !mayBeDateLine(t.fold[lines[i].start:lines[i].end]) {
			continue
		}
		if fs := strings.TrimSpace(t.fline(lines[i])); reDateLine.MatchString(fs) {
			return signed{date: firstDate(fs)}
		}
	}
	return signed{}
}

// inlineSignature finds in t.fold[from:to] an issuer's name that follows
// a full stop, a blank or a line break and is followed by a date.
func inlineSignature(t *text, from, to int) (signed, bool) {
	f := t.fold
	for p := from + 4; p < to; p++ {
		if f[p] != '年' {
			continue
		}
		a := p - 4
		for a > from && f[a] == ' ' {
			a-- // "2023 年"
		}
		if a < from || !allDigits(f[a:a+4]) {
			continue
		}
		date, n, _ := dateAt(f[:to], a)
		if n == 0 || a+n < to && !inlineSignatureEnd(f[:to], a+n) {
			continue
		}
		e := a
		for e > from && isSpace(f[e-1]) {
			e--
		}
		s := e
		for s > from && e-s < 40 && isHan(f[s-1]) {
			s--
		}
		if s == e || s > from && !strings.ContainsRune("。 \n\r)", f[s-1]) {
			continue
		}
		if name := string(f[s:e]); issuerLike(name) {
			return signed{issuer: string(t.src[s:e]), date: date, end: a + n}, true
		}
	}
	return signed{}, false
}

// signatureEnd reports what may follow a signature's date at f[i]: a
// blank, a parenthesis, the plan's heading or its first sentence, but not
// the rest of a sentence that cites the date ("2023年3月1日起施行").
func signatureEnd(f []rune, i int) bool {
	if i >= len(f) || isSpace(f[i]) {
		return true
	}
	switch f[i] {
	case '起', '前', '以', '至', '召', '的', '在', ',', '印', '发', '出', '开', '经', '举', '到', '和', '、', '-', '—':
		return false
	}
	return true
}

// inlineSignatureEnd reports what may follow a signature's date inside
// a line: a blank or a parenthesis, or what opens the plan: its heading
// (a place or a year) or its first sentence ("为深入贯彻…"). A sentence
// that goes on after a date ("某局2023年5月10日组织召开…") is no signature.
func inlineSignatureEnd(f []rune, i int) bool {
	if i >= len(f) || isSpace(f[i]) || f[i] == '(' || f[i] == ')' {
		return true
	}
	rest := string(f[i:min(len(f), i+12)])
	for _, w := range []string{"为", "根据", "按照", "关于", "近年", "当前", "现将"} {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return startsWithPlace(rest) || yearAt(f, i)
}

func allDigits(f []rune) bool {
	for _, r := range f {
		if r < '0' || r > '9' {
			return false
		}
	}
	return len(f) > 0
}

// dateAt reads a date at f[i]: "2023年3月24日", "二〇二三年三月二十四日",
// or bare digits ("2023612", "2022121日"), whose reading may be ambiguous.
// It returns the ISO date, the runes read (0 for none) and whether the
// digits have several readings; the date is empty then.
func dateAt(f []rune, i int) (iso string, n int, ambiguous bool) {
	j := i
	if j < len(f) && f[j] == '(' {
		j++
	}
	if j+4 > len(f) {
		return "", 0, false
	}
	if !allDigits(f[j : j+4]) {
		if !strings.ContainsRune("〇○零一二三四五六七八九", f[j]) || !strings.ContainsRune("〇○零一二三四五六七八九", f[j+3]) {
			return "", 0, false
		}
		if m := reCNDate.FindStringSubmatchIndex(string(f[j:min(len(f), j+16)])); m != nil && m[0] == 0 {
			s := string(f[j:min(len(f), j+16)])
			return cnDate(s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]]), j - i + utf8.RuneCountInString(s[:m[1]]), false
		}
		return "", 0, false
	}
	y := string(f[j : j+4])
	k := j + 4
	skip := func() {
		for k < len(f) && f[k] == ' ' {
			k++
		}
	}
	num := func() (string, bool) {
		s := k
		for k < len(f) && k-s < 2 && f[k] >= '0' && f[k] <= '9' {
			k++
		}
		return string(f[s:k]), k > s
	}
	skip()
	if k < len(f) && f[k] == '年' {
		k++
		skip()
		m, ok := num()
		skip()
		if !ok || k >= len(f) || f[k] != '月' {
			return "", 0, false
		}
		k++
		skip()
		d, ok := num()
		skip()
		if !ok || k >= len(f) || f[k] != '日' {
			return "", 0, false
		}
		k++
		if iso = isoDate(y, m, d); iso == "" {
			return "", 0, false
		}
		if k < len(f) && f[k] == ')' {
			k++
		}
		return iso, k - i, false
	}
	// Bare digits right after the year: month and day run together.
	s := j + 4
	for k = s; k < len(f) && f[k] >= '0' && f[k] <= '9'; k++ {
	}
	if k-s < 1 || k-s > 4 {
		return "", 0, false
	}
	iso, ambiguous = bareDate(y, string(f[s:k]))
	if k < len(f) && f[k] == '日' {
		k++
	}
	if iso == "" && !ambiguous {
		return "", 0, false
	}
	return iso, k - i, ambiguous
}

// bareDate reads month and day printed together ("612" in 2023612): the
// date when exactly one split gives a valid month and day; ambiguous when
// several do ("121": 1-21 or 12-1).
func bareDate(y, md string) (iso string, ambiguous bool) {
	n := 0
	for k := 1; k < len(md) && k <= 2; k++ {
		m, d := md[:k], md[k:]
		if len(d) > 2 {
			continue
		}
		if v := isoDate(y, m, d); v != "" {
			iso = v
			n++
		}
	}
	if n > 1 {
		return "", true
	}
	return iso, false
}

// mayBeDateLine is a quick test on a trimmed folded line: reDateLine
// matches only lines that open with "(", a digit or a Han numeral of a year.
func mayBeDateLine(f []rune) bool {
	if len(f) == 0 {
		return false
	}
	switch r := f[0]; {
	case r == '(', r >= '0' && r <= '9':
		return true
	}
	return strings.ContainsRune("〇○零一二三四五六七八九", f[0])
}

// planYear is the year the plan is for: stated in the title or the opening
// sentence ("制定2020年…工作要点"), else the year of issue: that of the
// document number, else of the date, unless the date is only a site's
// posting time. It says where an inferred year came from.
func planYear(d plan.Document, dateIsIssue bool, intro, opening string) (int, string) {
	issue := 0
	if m := reDocNumber.FindStringSubmatch(foldString(d.DocNumber)); m != nil {
		issue, _ = strconv.Atoi(m[1])
	}
	if issue == 0 && dateIsIssue {
		issue = yearOf(d.Date)
	}
	if reYearRange.MatchString(d.Title) {
		// A plan for 2023—2025 is dated by its issue; the first year of
		// the range is not its year.
		return issue, ""
	}
	if m := reYear.FindStringSubmatch(d.Title); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y, ""
	}
	// "某市二〇二三年服务业工作要点": the year in Han numerals.
	if m := reCNYear.FindStringSubmatch(d.Title); m != nil {
		if y := yearOf(cnDate(m[1], "一", "一")); y >= 1900 {
			return y, ""
		}
	}
	if m := reAnnualPlan.FindStringSubmatch(leadOf(intro, 500)); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y, ""
	}
	if issue != 0 {
		return issue, ""
	}
	// "2022年，全省服务业增加值增长6%以上": a year that opens a sentence of
	// the opening paragraph. The latest such year: a plan recalls the
	// last year before stating its own. A year of a document the plan
	// cites is never its year.
	if best := latestOpeningYear(opening); best != 0 {
		return best, "a year that opens a sentence of the plan's opening"
	}
	// A plan that states no year and prints no number or date, but says
	// it implements a document ("根据《…》（国发〔2014〕26号）…制订本实施
	// 方案"), is taken to follow that document by a year; the guess is
	// reported.
	if lead := leadOf(opening, 600); strings.Contains(lead, "〔") {
		m := reBasis.FindStringSubmatch(lead)
		if m == nil {
			return 0, ""
		}
		y, _ := strconv.Atoi(m[1])
		return y + 1, "the year of the document it implements"
	}
	return 0, ""
}

// latestOpeningYear is the latest year that opens a sentence of s:
// the largest year matched by
//
//	(?:^|[。;\n])\s*((?:19|20)\d{2})\s*年\s*[,，]
//
// read by hand, at the start of s and after each 。 ; or line break. A
// match hides no other year: what it spans after its separator is white
// space, the year, 年 and a comma.
func latestOpeningYear(s string) int {
	best := 0
	for i := 0; i < len(s); i++ {
		if i > 0 && s[i-1] != ';' && s[i-1] != '\n' && !strings.HasSuffix(s[:i], "。") {
			continue
		}
		j := skipSpaceBytes(s, i)
		if j+4 > len(s) || !(s[j] == '1' && s[j+1] == '9' || s[j] == '2' && s[j+1] == '0') || !isDigitByte(s[j+2]) || !isDigitByte(s[j+3]) {
			continue
		}
		y := int(s[j]-'0')*1000 + int(s[j+1]-'0')*100 + int(s[j+2]-'0')*10 + int(s[j+3]-'0')
		j = skipSpaceBytes(s, j+4)
		if !strings.HasPrefix(s[j:], "年") {
			continue
		}
		j = skipSpaceBytes(s, j+len("年"))
		if (strings.HasPrefix(s[j:], ",") || strings.HasPrefix(s[j:], "，")) && y > best {
			best = y
		}
	}
	return best
}

// skipSpaceBytes skips what \s matches in a regular expression.
func skipSpaceBytes(s string, j int) int {
	for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\f' || s[j] == '\r') {
		j++
	}
	return j
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// openingText is the folded text of the body's first paragraphs.
func openingText(t *text, lines []span, from int) string {
	n, to := 0, from // measured first, to copy once
	for ; to < len(lines) && n < 6000; to++ {
		n += len(t.fline(lines[to])) + 1
	}
	var b strings.Builder
	b.Grow(n)
	for i := from; i < to; i++ {
		b.WriteString(t.fline(lines[i]))
		b.WriteString("\n")
	}
	return b.String()
}

// isAnnual reports a plan for one year (工作要点, 年度计划), whose targets
// are for that year unless they say otherwise.
func isAnnual(d plan.Document, intro string) bool {
	if reYearRange.MatchString(d.Title) {
		return false
	}
	return reYear.MatchString(d.Title) || reCNYear.MatchString(d.Title) || reAnnualPlan.MatchString(leadOf(intro, 500)) || workReportDivision(d.Title)
}

// workReportDivision reports the division of a year's government work
// report among departments ("关于落实《政府工作报告》重点工作部门分工的
// 意见"): the report is for one year, and so are its targets, unless the
// title names a five-year period.
func workReportDivision(title string) bool {
	title = foldString(title)
	if !strings.Contains(title, "政府工作报告") {
		return false
	}
	for _, w := range []string{"十三五", "十四五", "十五五", "时期", "五年"} {
		if strings.Contains(title, w) {
			return false
		}
	}
	return true
}

// rangeEnd is the last year of a plan for a range of years
// ("（2023—2025年）"): its targets are for that year unless they say
// otherwise.
func rangeEnd(d plan.Document) int {
	if m := reYearRange.FindStringSubmatch(d.Title); m != nil {
		y, _ := strconv.Atoi(m[2])
		return y
	}
	return 0
}

var reYearRange = mustRegex(`((?:19|20)\d{2})\s*年?\s*[-—–~～至到]+\s*((?:19|20)\d{2})\s*年`)

func yearOf(isoDate string) int {
	if len(isoDate) < 4 {
		return 0
	}
	y, _ := strconv.Atoi(isoDate[:4])
	return y
}

var reBasis = mustRegex(`(?:根据|贯彻|落实|按照)[^。]{0,80}《[^》]+》[^。]{0,6}[(（][\p{Han}]{1,10}〔((?:19|20)\d{2})〕\d+号`)
