package extract

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"luoshi/internal/plan"
)

var (
	reDocNumber     = regexp.MustCompile(`[\p{Han}]{1,10}[〔\[【(（]\s*(\d{4})\s*[〕\]】)）]\s*\d{1,4}\s*号`)
	reISODate       = regexp.MustCompile(`(\d{4})-(\d{1,2})-(\d{1,2})`)
	reHanDate       = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	reYear          = regexp.MustCompile(`((?:19|20)\d{2})\s*年`)
	reGenre         = regexp.MustCompile(`(工作要点|任务分工表|分工方案|任务清单|责任清单|分工表|分解表|任务分工|工作安排|重点工作|工作任务|清单|行动计划|实施意见|实施方案|工作方案|行动方案|发展规划|专项规划|规划纲要|指导意见|若干意见|若干措施|政策措施|工作计划|三年行动|要点|意见|方案|规划|计划|通知|办法|措施)$`)
	reIssuedBy      = regexp.MustCompile(`([\p{Han}]{4,30}?(?:办公室|办公厅|人民政府|委员会|领导小组|联席会议))(?:近日)?(?:联合)?(?:印发|发布|出台)(?:了)?《`)
	reCNDate        = regexp.MustCompile(`([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日`)
	reYearDigits    = regexp.MustCompile(`(?:19|20)\d{2}`)
	reTrailingParen = regexp.MustCompile(`\s*\([^()]*\)\s*$`)
	reNotice        = regexp.MustCompile(`^(.*?)关于印发(.+?)的通知$`)
	reAnnualPlan    = regexp.MustCompile(`((?:19|20)\d{2})\s*年[^。,;]{0,24}(工作要点|行动计划|工作计划|工作方案|实施方案|行动方案|要点)`)
)

// metaLabels are the labelled fields of a government site's header table.
var metaLabels = []string{"标题", "发文字号", "文号", "成文日期", "发布日期", "发布时间", "发布机构", "发文机关", "发文单位", "印发日期", "生效日期"}

// readDocument fills the document fields from the header, the labelled
// metadata of a saved web page, the signature and the text itself. It
// returns the header lines that are not body text.
func readDocument(t *text, lines []span) (plan.Document, map[int]bool) {
	var d plan.Document
	meta := map[int]bool{}
	fields := map[string]string{}
	// Labelled fields stand in short lines of the header, before the first
	// numbered item, or at the foot of a saved page.
	head := len(lines)
	for i, ln := range lines {
		if _, ok := parseLabel(t.fold[ln.start:ln.end]); ok {
			head = i
			break
		}
	}
	for i, ln := range lines {
		if i >= head && i < len(lines)-15 || ln.end-ln.start > 200 {
			continue
		}
		if !slices.ContainsFunc(t.fold[ln.start:ln.end], metaLabelRune) {
			continue // no label can stand in this line
		}
		// "文　　号：" and "标　　题：" space their labels out.
		fs := strings.ReplaceAll(t.fline(ln), " ", "")
		for _, l := range metaLabels {
			// Fields may share a line: "发布机构:X公文时效:有效".
			for k := strings.Index(fs, l); k >= 0; {
				rest := strings.TrimLeft(fs[k+len(l):], " :])】")
				if _, done := fields[l]; !done {
					fields[l] = strings.TrimSpace(cutAtNextLabel(rest))
				}
				meta[i] = true
				next := strings.Index(fs[k+len(l):], l)
				if next < 0 {
					break
				}
				k += len(l) + next
			}
		}
	}
	if v := strings.Trim(fields["标题"], "《》"); reGenre.MatchString(reTrailingParen.ReplaceAllString(v, "")) {
		d.Title = v
	}
	d.DocNumber = firstMatch(reDocNumber, fields["发文字号"])
	if d.DocNumber == "" {
		d.DocNumber = firstMatch(reDocNumber, fields["文号"])
	}
	for _, l := range []string{"发布机构", "发文机关", "发文单位"} {
		if d.Issuer == "" {
			d.Issuer = cleanIssuer(fields[l])
		}
	}
	d.Date = firstDate(fields["成文日期"], fields["印发日期"])

	// The header: lines before the first body paragraph.
	bodyStart := len(lines)
	for i, ln := range lines {
		if meta[i] || isClutter(t.fline(ln)) {
			continue
		}
		f := t.fold[ln.start:ln.end]
		if _, ok := parseLabel(f); ok || len(f) > 60 || slices.Contains(f, '。') {
			bodyStart = i
			break
		}
	}
	for i := 0; i < bodyStart; i++ {
		if meta[i] {
			continue
		}
		fs := strings.TrimSpace(t.fline(lines[i]))
		if isClutter(fs) {
			continue
		}
		src := strings.TrimSpace(t.str(lines[i]))
		switch {
		case d.DocNumber == "" && reDocNumber.MatchString(fs) && len([]rune(fs)) <= 24:
			d.DocNumber = strings.TrimSpace(src)
			meta[i] = true
		case d.Title == "" && reGenre.MatchString(reTrailingParen.ReplaceAllString(fs, "")) && len([]rune(fs)) <= 60:
			var issuer string
			d.Title, issuer = headerTitle(t, lines, i, meta)
			if d.Issuer == "" {
				d.Issuer = issuer
			}
		case reDateLine.MatchString(fs) && d.Date == "":
			d.Date = firstDate(fs)
			meta[i] = true
		}
	}
	sigIssuer, sigDate := signature(t, lines)
	// A site's label may shorten the issuer ("市政府办公厅"); the
	// signature prints it whole.
	if sigIssuer != "" && d.Issuer != "" && !startsWithPlace(d.Issuer) && startsWithPlace(sigIssuer) {
		d.Issuer = sigIssuer
	}
	if d.Date == "" {
		d.Date = sigDate
	}
	if d.Date == "" {
		d.Date = firstDate(fields["发布日期"], fields["发布时间"])
	}
	if d.Issuer == "" {
		d.Issuer = sigIssuer
	}
	// "X关于印发Y的通知" wraps the plan Y: the plan's title is Y.
	if m := reNotice.FindStringSubmatch(d.Title); m != nil {
		d.Title = planTitle(t, lines, strings.Trim(m[2], "《》"))
		if d.Issuer == "" && isIssuerName(m[1]) {
			d.Issuer = m[1]
		}
	}
	intro := ""
	if bodyStart < len(lines) {
		intro = t.fline(lines[bodyStart])
	}
	if d.Issuer == "" {
		// "…领导小组办公室印发《2020年浙江省服务业发展工作要点》"
		if strings.Contains(intro, "《") {
			if m := reIssuedBy.FindStringSubmatch(intro); m != nil {
				d.Issuer = trimIssuerLead(m[1])
			}
		}
	}
	d.Region = findRegion(t, d)
	d.Year = planYear(d, intro, openingText(t, lines, bodyStart))
	return d, meta
}

// metaLabelRune reports a rune of which every label in metaLabels holds
// one: a line without any holds no label.
func metaLabelRune(r rune) bool {
	switch r {
	case '题', '号', '期', '间', '构', '关', '位':
		return true
	}
	return false
}

func cutAtNextLabel(s string) string {
	for _, l := range []string{"公文时效", "主题分类", "成文日期", "发布日期", "发布时间", "发文字号", "发布机构", "发文机关", "发文单位", "索引号", "来源", "生效日期", "标题", "文号"} {
		if k := strings.Index(s, l); k > 0 {
			s = s[:k]
		}
	}
	return s
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

func cleanIssuer(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || !isIssuerName(s) {
		return ""
	}
	return s
}

func firstMatch(re *regexp.Regexp, s string) string {
	return strings.TrimSpace(re.FindString(s))
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
	for ; j >= 0 && !titleStart(title); j-- {
		fs := strings.TrimSpace(t.fline(lines[j]))
		if meta[j] || !titleFragment(fs) {
			break
		}
		title = strings.TrimSpace(t.str(lines[j])) + title
		meta[j] = true
	}
	if strings.HasPrefix(title, "关于") && j >= 0 {
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
	head := string([]rune(s)[:min(4, len([]rune(s)))])
	if _, ok := provinceIn(head); ok {
		return true
	}
	m := reCity.FindStringSubmatch(s)
	return m != nil && !strings.HasPrefix(m[1], "市") && !strings.HasPrefix(m[1], "省")
}

// titleStart reports a title that reads as complete at its start: a
// region, a year, 关于 or an issuer.
func titleStart(s string) bool {
	if strings.HasPrefix(s, "关于") || reYearDigits.MatchString(string([]rune(s)[:min(4, len([]rune(s)))])) {
		return true
	}
	if _, ok := provinceIn(string([]rune(s)[:min(4, len([]rune(s)))])); ok {
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
	return !isIssuerName(fs) && !reDocNumber.MatchString(fs) && !reDateLine.MatchString(fs) && !isClutter(fs)
}

// planTitle is the title of a plan wrapped in a notice, as printed on
// its own line below the notice ("…任务分工表" for "印发…任务分工的通知").
func planTitle(t *text, lines []span, inner string) string {
	for _, ln := range lines {
		fs := strings.TrimSpace(t.fline(ln))
		// "内蒙古自治区促进…若干措施" for "…关于印发促进…若干措施的通知".
		if strings.Contains(fs, inner) && len([]rune(fs)) <= len([]rune(inner))+8 && !strings.HasSuffix(fs, "通知") {
			return strings.TrimSpace(t.str(ln))
		}
	}
	return inner
}

// signature finds the issuer and date that sign the document: a date line
// right after a line with an issuer's name, wherever it stands (a notice
// that wraps a plan signs before the plan). Without one, a date line near
// the end.
func signature(t *text, lines []span) (issuer, date string) {
	for i := 1; i < len(lines); i++ {
		if lines[i].end-lines[i].start > 24 {
			continue // a date line is short
		}
		if !mayBeDateLine(t.fold[lines[i].start:lines[i].end]) {
			continue
		}
		fs := strings.TrimSpace(t.fline(lines[i]))
		if !reDateLine.MatchString(fs) {
			continue
		}
		if prev := strings.TrimSpace(t.fline(lines[i-1])); isIssuerName(prev) {
			return strings.TrimSpace(t.str(lines[i-1])), firstDate(fs)
		}
	}
	// A date on its own line near the end, else in the header.
	for i := len(lines) - 1; i >= 0 && i >= len(lines)-8; i-- {
		if fs := strings.TrimSpace(t.fline(lines[i])); reDateLine.MatchString(fs) {
			return "", firstDate(fs)
		}
	}
	for i := 0; i < len(lines) && i < 15; i++ {
		if !mayBeDateLine(t.fold[lines[i].start:lines[i].end]) {
			continue
		}
		if fs := strings.TrimSpace(t.fline(lines[i])); reDateLine.MatchString(fs) {
			return "", firstDate(fs)
		}
	}
	return "", ""
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
// sentence ("制定2020年…工作要点"), else the year of issue.
func planYear(d plan.Document, intro, opening string) int {
	if m := reYearRange.FindStringSubmatch(d.Title); m != nil {
		// A plan for 2023—2025 is dated by its issue.
		if y := yearOf(d.Date); y != 0 {
			return y
		}
		y, _ := strconv.Atoi(m[1])
		return y
	}
	if m := reYear.FindStringSubmatch(d.Title); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	if m := reAnnualPlan.FindStringSubmatch(intro); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	for _, s := range []string{d.Date, d.DocNumber} {
		if m := reYearDigits.FindString(s); m != "" {
			y, _ := strconv.Atoi(m)
			return y
		}
	}
	// "2022年，全省服务业增加值增长6%以上": a year that opens a sentence of
	// the opening paragraph.
	// The latest such year: a plan recalls the last year before stating
	// its own.
	if best := latestOpeningYear(opening); best != 0 {
		return best
	}
	// A plan that implements a document it cites ("根据《…》（国发〔2014〕
	// 26号）") and states no year of its own follows that document.
	if m := reBasis.FindStringSubmatch(opening); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y + 1
	}
	return 0
}

var reBasis = regexp.MustCompile(`(?:根据|贯彻|落实|按照)[^。]{0,80}《[^》]+》[^。]{0,6}[(（][\p{Han}]{1,10}〔((?:19|20)\d{2})〕\d+号`)

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
	var b strings.Builder
	for i := from; i < len(lines) && b.Len() < 6000; i++ {
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
	return reYear.MatchString(d.Title) || reAnnualPlan.MatchString(intro)
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

var reYearRange = regexp.MustCompile(`((?:19|20)\d{2})\s*年?\s*[-—–~～至到]+\s*((?:19|20)\d{2})\s*年`)

func yearOf(isoDate string) int {
	if len(isoDate) < 4 {
		return 0
	}
	y, _ := strconv.Atoi(isoDate[:4])
	return y
}
