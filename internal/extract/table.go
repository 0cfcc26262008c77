package extract

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"luoshi/internal/plan"
)

// A task-division table (任务分工表) arrives in one of three shapes: one
// line per row with its cells separated by tabs (序号, 重点任务, 牵头单位,
// 配合单位, 完成时限) or by the bars of a Markdown table, or, copied from a
// web page, one cell per line: the header's cells, then each row's cells
// in turn, a row starting at its 序号. All are read into the same rows, so
// they give the same plan.

type column int

const (
	colNone column = iota
	colLabel
	colText
	colLead
	colCoop
	colResp
	colDeadline
	colCategory  // 类别: "（一）生产性服务业", merged over its rows
	colLeader    // 责任领导: persons, not units
	colProgress  // 进展情况: what was done, not the task
	colNote      // 备注
	colIndicator // 指标, 目标值: a table of indicators, not of tasks
)

// headerColumn names what a header cell holds.
func headerColumn(cell string) column {
	c := headerWords(cell)
	switch {
	case isLabelHeader(c):
		return colLabel
	case (strings.Contains(c, "领导") || strings.Contains(c, "责任人") || strings.Contains(c, "联系人")) &&
		!strings.Contains(c, "单位") && !strings.Contains(c, "部门"):
		return colLeader
	case strings.Contains(c, "进展") || strings.Contains(c, "完成情况") || strings.Contains(c, "推进情况") ||
		strings.Contains(c, "落实情况"):
		return colProgress
	case c == "备注":
		return colNote
	case strings.Contains(c, "牵头") || strings.Contains(c, "主办"):
		return colLead
	case strings.Contains(c, "配合") || strings.Contains(c, "协办") || strings.Contains(c, "参与") || strings.Contains(c, "协同"):
		return colCoop
	case strings.Contains(c, "责任单位") || strings.Contains(c, "责任部门") || strings.Contains(c, "负责单位") ||
		strings.Contains(c, "主责单位") || strings.Contains(c, "实施单位") || strings.Contains(c, "承办单位") ||
		strings.Contains(c, "责任主体") || strings.Contains(c, "责任分工") || strings.Contains(c, "实施主体") ||
		strings.Contains(c, "负责部门"):
		return colResp
	case strings.Contains(c, "处室") || strings.Contains(c, "科室") || strings.Contains(c, "股室"):
		return colResp
	case strings.Contains(c, "时限") || strings.Contains(c, "时间") || strings.Contains(c, "期限") || strings.Contains(c, "节点") ||
		strings.Contains(c, "进度"):
		return colDeadline
	case c == "类别" || c == "领域" || c == "类型" || c == "板块" || c == "方面" || c == "重点领域" || c == "分类":
		return colCategory
	case strings.Contains(c, "指标") || strings.Contains(c, "目标值"):
		return colIndicator
	case strings.Contains(c, "任务") || strings.Contains(c, "内容") || strings.Contains(c, "事项") ||
		strings.Contains(c, "举措") || strings.Contains(c, "措施") || strings.Contains(c, "工作") || strings.Contains(c, "目标") ||
		strings.Contains(c, "实事"):
		return colText
	}
	return colNone
}

// headerWords is a header cell's words: spaces and a note in brackets
// do not name the column, "责任单位（排在第一位的为牵头单位）".
func headerWords(cell string) string {
	c := strings.ReplaceAll(cell, " ", "")
	if k := strings.IndexByte(c, '('); k > 0 && strings.HasSuffix(c, ")") && strings.Contains(c[k:], "第一") {
		c = c[:k]
	}
	return c
}

// isLabelHeader reports the words of a 序号 column's header.
func isLabelHeader(c string) bool { return c == "序号" || c == "编号" || c == "序" }

// cells splits a line on tabs, keeping each cell's trimmed span. A line
// of a Markdown table, "| 1 | 任务 | 单位 |", splits on its bars.
func (t *text) cells(ln span) []span {
	// The cells are appended to the text's array of cells and sliced from
	// it, capped: a line's cells cost no allocation of their own.
	if cap(t.cellBuf)-len(t.cellBuf) < ln.end-ln.start+1 {
		t.cellBuf = make([]span, 0, max(256, ln.end-ln.start+1))
	}
	at := len(t.cellBuf)
	out := t.cellBuf
	sep := '\t'
	if n := ln.end - ln.start; n >= 3 && t.fold[ln.start] == '|' && t.fold[ln.end-1] == '|' {
		sep = '|'
		ln = span{ln.start + 1, ln.end - 1}
	}
	if sep == '\t' && strings.IndexByte(t.str(ln), '\t') < 0 {
		out = append(out, t.trim(ln)) // most lines: one cell, told by one search
	} else {
		start := ln.start
		for i := ln.start; i <= ln.end; i++ {
			if i == ln.end || sep == '\t' && t.src[i] == sep || sep == '|' && t.fold[i] == sep {
				out = append(out, t.trim(span{start, i}))
				start = i + 1
			}
		}
	}
	t.cellBuf = out
	return out[at:len(out):len(out)]
}

// isRule reports the rule under a Markdown table's header: "|---|:--|".
func isRule(t *text, cs []span) bool {
	for _, c := range cs {
		for _, r := range t.fold[c.start:c.end] {
			if r != '-' && r != ':' && r != ' ' {
				return false
			}
		}
	}
	return len(cs) > 0
}

// tableState is what a table's rows share: its columns and the path of
// the section or category they stand in.
type tableState struct {
	cols     []column
	base     []string // the labels of the headings above the table
	section  []string // the path of the section row above, if any
	category []string // the labelled category cell over the rows, if any
	gap      int      // line breaks between two cells written one per line
	// firstLead is set by a header that says the first unit listed
	// leads: "责任单位（排在第一位的为牵头单位）".
	firstLead bool
}

// firstListedHeader reports a header cell with a note that the first
// unit listed leads.
func firstListedHeader(t *text, cells []span) bool {
	for _, c := range cells {
		if c.end-c.start < 8 {
			continue
		}
		if first, _, ok := readNote(t.fold, c); ok && first {
			return true
		}
		if k := slices.Index(t.fold[c.start:c.end], '('); k > 0 {
			if first, _, ok := readNoteText(t.fold, span{c.start + k + 1, c.end - 1}); ok && first {
				return true
			}
		}
	}
	return false
}

// cellGap is the number of line breaks between the cells of a header
// written one cell per line; an empty cell below shows as a wider gap.
func cellGap(t *text, header []span) int {
	gap := 0
	for k := 1; k < len(header); k++ {
		if g := breaks(t, header[k-1].end, header[k].start); gap == 0 || g < gap {
			gap = g
		}
	}
	return max(gap, 1)
}

// breaks counts the line breaks in t.fold[from:to].
func breaks(t *text, from, to int) int {
	n := 0
	for i := from; i < to; i++ {
		if t.fold[i] == '\n' || t.fold[i] == '\r' && (i+1 == to || t.fold[i+1] != '\n') {
			n++
		}
	}
	return n
}

// maxEmpty bounds the empty cells read in one row: wider gaps are
// breaks in the page, not rows of empty cells.
const maxEmpty = 6

// withEmpty is the cells of lines with an empty cell, a span of no runes,
// where a wider gap between two lines leaves one out; the line at end, if
// any, is the line after the cells.
func withEmpty(t *text, lines []span, end, gap int) []span {
	out := make([]span, 0, len(lines)+2)
	room := maxEmpty // empty cells a row may have
	for k, ln := range lines {
		if k > 0 {
			for e := breaks(t, lines[k-1].end, ln.start)/gap - 1; e > 0 && room > 0; e-- {
				out = append(out, span{ln.start, ln.start})
				room--
			}
		}
		out = append(out, ln)
	}
	if end >= 0 && len(lines) > 0 {
		last := lines[len(lines)-1]
		for e := breaks(t, last.end, end)/gap - 1; e > 0 && room > 0; e-- {
			out = append(out, span{last.end, last.end})
			room--
		}
	}
	return out
}

func (st *tableState) path() []string {
	switch {
	case st.category != nil:
		return st.category
	case st.section != nil:
		return st.section
	}
	return st.base
}

// takeTables removes the rows of task-division tables from lines and adds
// one task per row. A table starts at a header row that names a text
// column and a unit column.
func (b *builder) takeTables(lines []span) []span {
	t := b.t
	var rest []span
	var st *tableState
	var above []label       // the numbered headings above the table, outermost first
	var ind *indicatorTable // set inside a table of main indicators
	projects := false
	for i := 0; i < len(lines); i++ {
		ln := lines[i]
		cs := t.cells(ln)
		if projects {
			if len(cs) >= 3 {
				continue // a row of a list of projects
			}
			projects = false
		}
		if len(cs) < 3 && st == nil {
			if n := attachmentList(t, lines[i:]); n > 0 {
				// "附件：1．X分解表" names the tables below; its items are
				// not tasks, and the tables' rows have no heading above.
				above = above[:0]
				rest = append(rest, ln)
				i += n - 1
				continue
			}
			if cols, n := flatHeader(t, lines[i:]); cols != nil {
				ft := &tableState{cols: cols, base: labelsOf(above), gap: cellGap(t, lines[i:i+n]), firstLead: firstListedHeader(t, lines[i:i+n])}
				i += n + b.flatTable(ft, lines[i+n:]) - 1
				continue
			}
			if isTableMark(t.fline(ln)) && isClutter(t.fline(ln)) {
				continue // page debris, not a row's 序号
			}
			if isAttachmentMark(t, ln) {
				above = above[:0] // the notice's headings do not head its attachment
			}
			above = pushHeading(above, t, ln)
			rest = append(rest, ln)
			continue
		}
		if len(cs) >= 3 && isProjectList(t, cs) {
			// A list of major projects (项目名称, 总投资) names projects, not
			// the plan's work items.
			projects, st, ind = true, nil, nil
			continue
		}
		if hc := headerColumnsOf(t, cs); hc != nil {
			st, ind = &tableState{cols: hc, base: labelsOf(above), firstLead: firstListedHeader(t, cs)}, nil
			continue
		}
		if st != nil && subHeader(t, st, cs) {
			continue
		}
		if it, ok := indicatorHeader(t, cs); ok {
			st, ind = nil, &it
			continue
		}
		if ind != nil {
			if len(cs) >= 3 {
				b.indicatorRow(*ind, cs)
				continue
			}
			ind = nil
		}
		if st != nil && len(cs) >= 3 && isRule(t, cs) {
			continue
		}
		if st != nil {
			// A row that spans the table, "一、扩大服务消费", opens a section.
			// It must be followed by a row; a heading with prose after it
			// ("四、保障措施") ends the table.
			if only, ok := singleCell(cs); ok && i+1 < len(lines) && opensRow(t, lines[i+1]) && b.sectionRow(st, only) {
				continue
			}
			if cells, n := gatherRow(t, st.cols, lines[i:], b.doc.Year); n > 1 {
				r, _ := alignCells(t, st.cols, cells, b.doc.Year, false, false)
				b.tableRow(st, r, i+n == len(lines))
				i += n - 1
				continue
			}
			if len(cs) >= 3 {
				b.tableRow(st, alignTabRow(t, st.cols, cs, b.doc.Year), i == len(lines)-1)
				continue
			}
		}
		if st != nil {
			// The table ends here; the line may open another.
			st = nil
			i--
			continue
		}
		if isTableMark(t.fline(ln)) && isClutter(t.fline(ln)) {
			continue
		}
		above = pushHeading(above, t, ln)
		rest = append(rest, ln)
	}
	return rest
}

func labelsOf(above []label) []string {
	out := make([]string, 0, len(above))
	for _, l := range above {
		out = append(out, l.norm)
	}
	return out
}

// sectionRow reads a row that spans the table, "一、扩大服务消费": the
// section of the rows below it.
func (b *builder) sectionRow(st *tableState, only span) bool {
	t := b.t
	lbl, isLabel := parseLabel(t.fold[only.start:only.end])
	if !isLabel || lbl.style == styleArabic {
		return false
	}
	st.section = append(append([]string{}, st.base...), lbl.norm)
	st.category = nil
	b.p.Headings = append(b.p.Headings, plan.Heading{Label: lbl.norm, Level: 1,
		Title: t.str(t.trim(span{only.start + lbl.end, only.end})), Path: st.section,
		Span: plan.Span{Start: only.start, End: only.end}})
	return true
}

// opensRow reports a tab-separated row: three cells or more, or a 序号
// and the start of a task broken over lines.
func opensRow(t *text, ln span) bool {
	cs := t.cells(ln)
	if len(cs) >= 3 {
		return true
	}
	_, ok := rowNumber(t, cs[0])
	return ok && len(cs) == 2
}

// gatherRow reads a tab-separated row whose task cell holds line breaks:
// "1<tab>推进…" on one line, "…完成。<tab>A<tab>B" on the next. It returns
// the cells of its lines in order, the pieces of the broken cell apart,
// and the number of lines; a row on one line gives 0.
func gatherRow(t *text, cols []column, lines []span, year int) ([]span, int) {
	cs := t.cells(lines[0])
	if len(cs) != 2 {
		return nil, 0
	}
	if _, ok := rowNumber(t, cs[0]); !ok {
		return nil, 0
	}
	cells := append([]span{}, cs...)
	total, n := len(cs), 1
	for n < len(lines) && n < 6 && total < len(cols) {
		next := lines[n]
		ncs := t.cells(next)
		if _, ok := rowNumber(t, ncs[0]); ok || endsRows(t, next) {
			break
		}
		cells = append(cells, ncs...)
		total += len(ncs) - 1
		n++
	}
	units := false
	for _, c := range cells {
		units = units || c.end > c.start && features(t, c, year).units
	}
	if n == 1 || total < 3 || total < len(cols)-2 || !units {
		return nil, 0
	}
	return cells, n
}

// alignTabRow gives each column of a tab-separated row its cell. A row
// with as many cells as the header reads them in order; a row with fewer
// (a merged cell left out) or more (a category cell under a header cell
// that spans two columns) is aligned by what its cells hold; an empty
// cell still fills a column.
func alignTabRow(t *text, cols []column, cs []span, year int) row {
	if len(cs) == len(cols) && fitsInOrder(t, cols, cs, year) {
		out := row{cols: cols, cells: make([][]span, len(cols))}
		for i, c := range cs {
			if c.end > c.start {
				out.cells[i] = []span{c}
			}
		}
		return out
	}
	out, _ := alignCells(t, cols, cs, year, false, false)
	return out
}

// fitsInOrder reports a row whose cells, read in the header's order, each
// fit their column: a row with a category cell and an empty last cell
// has as many cells as the header but not in its order.
func fitsInOrder(t *text, cols []column, cs []span, year int) bool {
	for i, c := range cs {
		if c.end <= c.start {
			continue
		}
		f := features(t, c, year)
		switch cols[i] {
		case colLead, colCoop, colResp:
			// A sentence is no list of units; "A牵头，B配合" may be.
			if strings.ContainsRune(t.fstr(c), '。') {
				return false
			}
		case colText:
			if f.units {
				return false
			}
		}
	}
	return true
}

// flatHeader reads a header written one cell per line at the start of
// lines: at least three cells that each name a column, among them a text
// column, a unit column and the 序号 that starts each row, followed by a
// row's 序号. It returns the columns and the number of header lines.
func flatHeader(t *text, lines []span) ([]column, int) {
	if len(lines) == 0 || lines[0].end-lines[0].start > 12 || headerColumn(t.fline(lines[0])) == colNone {
		return nil, 0
	}
	if _, ok := parseLabel(t.fold[lines[0].start:lines[0].end]); ok {
		return nil, 0 // a heading, "一、重点任务"
	}
	var cols []column
	n := 0
	for n < len(lines) && n < 12 {
		ln := lines[n]
		// "牵头单位：A" is a labelled line, not a header cell; a header
		// cell may carry a note, "责任单位（排在第一位的为牵头单位）".
		if ln.end-ln.start > 12 && (ln.end-ln.start > 24 || t.fold[ln.end-1] != ')') || slices.Contains(t.fold[ln.start:ln.end], ':') {
			break
		}
		c := headerColumn(t.fline(ln))
		if c == colNone {
			break
		}
		if c == colIndicator {
			return nil, 0
		}
		cols = append(cols, c)
		n++
	}
	hasLabel, hasText, hasUnit := false, false, false
	for _, c := range cols {
		hasLabel = hasLabel || c == colLabel
		hasText = hasText || c == colText
		hasUnit = hasUnit || c == colLead || c == colResp
	}
	if len(cols) < 3 || !hasText || !hasUnit || n >= len(lines) {
		return nil, 0
	}
	cols = nestUnits(cols)
	// The first row follows, or a section row before it; without a 序号
	// column, the first row's task.
	next := lines[n]
	if !hasLabel {
		if cols[0] != colText || !features(t, next, 0).prose {
			return nil, 0
		}
		return cols, n
	}
	if _, ok := rowNumber(t, next); !ok {
		lbl, ok := parseLabel(t.fold[next.start:next.end])
		isSection := ok && (lbl.style != styleArabic || lbl.num == 1 && lbl.end < next.end-next.start)
		// An unlabelled category before the first row's 序号.
		isCategory := cols[0] == colCategory && n+1 < len(lines) && features(t, next, 0).short
		if isCategory {
			_, isCategory = rowNumber(t, lines[n+1])
		}
		if !isSection && !isCategory {
			return nil, 0
		}
	}
	return cols, n
}

// isTableMark reports what a table prints on a line of its own that is
// not text: a row's 序号, a dash or slash for an empty cell.
func isTableMark(s string) bool { return isDigits(s) || isNilCell(s) }

// isNilCell reports a cell that says it is empty: "—", "/", "无".
func isNilCell(s string) bool {
	switch strings.TrimSpace(s) {
	case "-", "—", "——", "--", "/", "／", "\\", "无", "暂无", "×":
		return true
	}
	return false
}

// isDigits reports a string of ASCII digits only.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// rowNumber reads a line that is only a row's 序号: "3", "3.", "3、".
func rowNumber(t *text, ln span) (int, bool) {
	f := t.fold[ln.start:ln.end]
	v, k := 0, 0
	for k < len(f) && k < 4 && f[k] >= '0' && f[k] <= '9' {
		v = v*10 + int(f[k]-'0')
		k++
	}
	if k == 0 {
		return 0, false
	}
	if k < len(f) && (f[k] == '.' || f[k] == '、') {
		k++
	}
	return v, k == len(f)
}

// attachmentList reads the list of a notice's attachments, "附件：1．X表"
// and "2．Y表" on the lines below, and returns its number of lines.
func attachmentList(t *text, lines []span) int {
	f := t.fold[lines[0].start:lines[0].end]
	if !runesAt(f, 0, []rune("附件")) {
		return 0
	}
	k := 2
	for k < len(f) && (f[k] == ':' || f[k] == ' ') {
		k++
	}
	if lbl, ok := parseLabel(f[k:]); !ok || lbl.style != styleArabic || !namesAttachment(f) {
		return 0
	}
	n := 1
	for n < len(lines) {
		g := t.fold[lines[n].start:lines[n].end]
		if lbl, ok := parseLabel(g); !ok || lbl.style != styleArabic || !namesAttachment(g) {
			break
		}
		n++
	}
	return n
}

// isAttachmentMark reports the line that opens an attachment: "附件",
// "附件2", "附件：".
func isAttachmentMark(t *text, ln span) bool {
	f := t.fold[ln.start:ln.end]
	if len(f) > 6 || !runesAt(f, 0, []rune("附件")) {
		return false
	}
	for _, r := range f[2:] {
		if !(r >= '0' && r <= '9' || r == ':' || r == ' ' || r == '一' || r == '二' || r == '三') {
			return false
		}
	}
	return true
}

// namesAttachment reports a line that ends with the name of a document:
// "…任务分解表", "…清单".
func namesAttachment(f []rune) bool {
	for len(f) > 0 && (f[len(f)-1] == ';' || f[len(f)-1] == '。' || f[len(f)-1] == ' ') {
		f = f[:len(f)-1]
	}
	if len(f) == 0 || len(f) > 60 {
		return false
	}
	switch f[len(f)-1] {
	case '表', '单', '案', '录', '》':
		return true
	}
	return false
}

// startsTable reports the header of another table.
func startsTable(t *text, lines []span) bool {
	cols, _ := flatHeader(t, lines)
	return cols != nil
}

// endsRows reports a line after a table: a heading ("四、保障措施") or
// the mark of an attachment ("附件2").
func endsRows(t *text, ln span) bool {
	f := t.fold[ln.start:ln.end]
	if runesAt(f, 0, []rune("附件")) {
		return true
	}
	lbl, ok := parseLabel(f)
	return ok && lbl.style <= styleHanParen && ln.end-ln.start <= 30
}

// maxRowLines bounds the lines of one row of a table written one cell
// per line; a longer run is not a table.
const maxRowLines = 40

// flatTable reads the rows of a table written one cell per line, the
// lines after its header, and returns how many lines it read.
func (b *builder) flatTable(st *tableState, lines []span) int {
	t := b.t
	if !slices.Contains(st.cols, colLabel) {
		return b.unnumberedRows(st, lines)
	}
	i := 0
	want := -1 // the next row's 序号
	// The 序号 stands on a line of its own, or, where the first row's
	// does not, before the task on the task's line: "1．推进…".
	inline := false
	for k := 0; k < len(lines) && k < 2; k++ {
		if _, ok := rowNumber(t, lines[k]); ok {
			break
		}
		if lbl, ok := parseLabel(t.fold[lines[k].start:lines[k].end]); ok && lbl.style == styleArabic && lbl.num == 1 && lbl.end < lines[k].end-lines[k].start {
			inline = true
			break
		}
	}
	opens := func(t *text, ln span) (int, bool) {
		if !inline {
			return rowNumber(t, ln)
		}
		lbl, ok := parseLabel(t.fold[ln.start:ln.end])
		return lbl.num, ok && lbl.style == styleArabic && lbl.end < ln.end-ln.start
	}
	for i < len(lines) {
		ln := lines[i]
		v, isRow := opens(t, ln)
		if !isRow || want >= 0 && v != want {
			// A section row stands before a row, and so does the category
			// of a header that puts it before the 序号.
			if i+1 < len(lines) && ln.end-ln.start <= 30 {
				if nv, ok := opens(t, lines[i+1]); ok && (want < 0 || nv == want) &&
					(b.sectionRow(st, ln) || st.cols[0] == colCategory && features(t, ln, 0).short) {
					i++
					continue
				}
			}
			break
		}
		// The row's cells run to the next row's 序号, a section row before
		// it, or another table's header.
		j := i + 1
		last := true
		for j < len(lines) && j-i <= maxRowLines {
			if nv, ok := opens(t, lines[j]); ok && nv == v+1 {
				last = false
				break
			}
			if j+1 < len(lines) && lines[j].end-lines[j].start <= 30 {
				if nv, ok := opens(t, lines[j+1]); ok && nv == v+1 {
					if lbl, ok := parseLabel(t.fold[lines[j].start:lines[j].end]); ok && lbl.style != styleArabic {
						last = false
						break
					}
				}
			}
			// A labelled cell right after the 序号 is the row's category.
			if t.fold[lines[j].start] == '序' && startsTable(t, lines[j:]) || j > i+1 && endsRows(t, lines[j]) {
				break
			}
			j++
		}
		if j-i > maxRowLines {
			break
		}
		end := -1
		if !last {
			end = lines[j].start
		}
		cells := withEmpty(t, lines[i:j], end, st.gap)
		if inline {
			// The 序号 and the task, one line.
			lbl, _ := parseLabel(t.fold[ln.start:ln.end])
			cells = slices.Insert(cells, 1, t.trim(span{ln.start + lbl.end, ln.end}))
			cells[0] = t.trim(span{ln.start, ln.start + lbl.end})
		}
		// Where the header puts a column before the 序号, the next row's
		// cell in it ends this row's lines.
		lead := st.cols[0] != colLabel
		row, used := alignCells(t, st.cols, cells, b.doc.Year, last || lead, false)
		skip := lead && !last
		if used == 0 && !last {
			// Cells that fit no column, such as the next row's category
			// standing before its 序号, are passed over.
			row, used = alignCells(t, st.cols, cells, b.doc.Year, true, false)
			skip = true
		}
		if used == 0 {
			break
		}
		// The lines the row took: its cells, less the empty ones.
		took := 0
		for _, c := range cells[:used] {
			if c.end > c.start {
				took++
			}
		}
		if inline && used > 1 {
			took-- // two cells of one line
		}
		b.tableRow(st, row, i+took == len(lines))
		i += took
		if skip {
			i = j
		}
		want = v + 1
		if last {
			break
		}
	}
	return i
}

// pushHeading keeps the stack of numbered headings above a table.
func pushHeading(above []label, t *text, ln span) []label {
	lbl, ok := parseLabel(t.fold[ln.start:ln.end])
	if !ok {
		return above
	}
	for len(above) > 0 && rank(above[len(above)-1].style) >= rank(lbl.style) {
		above = above[:len(above)-1]
	}
	return append(above, lbl)
}

// isProjectList reports the header of a table of projects.
func isProjectList(t *text, cs []span) bool {
	for _, c := range cs {
		h := t.fstr(c)
		if strings.Contains(h, "项目名称") || strings.Contains(h, "总投资") || strings.Contains(h, "投资额") || strings.Contains(h, "建设规模") {
			return true
		}
	}
	return false
}

// singleCell returns the one non-empty cell of a row.
func singleCell(cs []span) (span, bool) {
	var only span
	n := 0
	for _, c := range cs {
		if c.end > c.start {
			only = c
			n++
		}
	}
	return only, n == 1
}

func headerColumns(t *text, cs []span) []column {
	cols := make([]column, len(cs))
	hasText, hasUnit := false, false
	for i, c := range cs {
		if cols[i] = headerColumn(t.fstr(c)); cols[i] == colIndicator {
			return nil // a table of indicators, read by indicatorHeader
		}
		// A task header over two columns, "工作任务" then an empty cell:
		// a category, "统筹城乡发展", stands before the task.
		if i > 0 && c.end == c.start && cols[i-1] == colText && (i < 2 || cols[i-2] != colCategory) {
			cols[i-1], cols[i] = colCategory, colText
		}
		hasText = hasText || cols[i] == colText
		hasUnit = hasUnit || cols[i] == colLead || cols[i] == colResp
	}
	if hasText && hasUnit {
		return cols
	}
	return nil
}

// headerColumnsOf is headerColumns for a line of three cells or more,
// and nil for another: a line of prose is not read as a header.
func headerColumnsOf(t *text, cs []span) []column {
	if len(cs) < 3 {
		return nil
	}
	return headerColumns(t, cs)
}

// subHeader reads the second line of a two-level header: 责任单位 over
// 牵头单位 and 配合单位. The line names only unit columns; with as many
// cells as the header they stand where they are, otherwise they take the
// place of the 责任单位 above them.
func subHeader(t *text, st *tableState, cs []span) bool {
	var sub []column
	for _, c := range cs {
		if c.end <= c.start {
			continue
		}
		col := headerColumn(t.fstr(c))
		if col != colLead && col != colCoop && col != colResp {
			return false
		}
		sub = append(sub, col)
	}
	if len(sub) < 2 {
		return false
	}
	if len(cs) == len(st.cols) {
		for i, c := range cs {
			if c.end > c.start {
				st.cols[i] = headerColumn(t.fstr(c))
			}
		}
		return true
	}
	g := slices.Index(st.cols, colResp)
	if g < 0 {
		return false
	}
	st.cols = slices.Concat(st.cols[:g], sub, st.cols[g+1:])
	return true
}

// nestUnits reads a two-level header written one cell per line, where
// the second level follows the first: "序号 任务 责任单位 完成时限 牵头单位
// 配合单位". A 责任单位 before the 牵头单位 heads the unit columns, which
// take its place.
func nestUnits(cols []column) []column {
	g := slices.Index(cols, colResp)
	l := slices.Index(cols, colLead)
	if g < 0 || l < g {
		return cols
	}
	k := l
	for k < len(cols) && (cols[k] == colLead || cols[k] == colCoop) {
		k++
	}
	return slices.Concat(cols[:g], cols[l:k], cols[g+1:l], cols[k:])
}

// row is a table row with its cells given to columns: cells[i] are the
// cells (one, or the lines of one cell) of column cols[i].
type row struct {
	cols  []column
	cells [][]span
}

// cellFeatures are what a cell looks like it holds.
type cellFeatures struct {
	number   bool // a bare 序号
	deadline bool // "6月底前", "2022年12月", "持续推进"
	units    bool // names of bodies
	person   bool // names of persons or posts
	prose    bool // a sentence: the task, or its progress
	short    bool // a few words: a category
	empty    bool // an empty cell, which fills a column all the same
}

func features(t *text, c span, year int) cellFeatures {
	var f cellFeatures
	if c.end <= c.start || c.end-c.start <= 2 && isNilCell(t.fstr(c)) {
		f.empty = true
		return f
	}
	fs := t.fstr(c)
	if _, ok := rowNumber(t, c); ok {
		f.number = true
		return f
	}
	n := c.end - c.start
	f.deadline = n <= 16 && timeCell(t.fold[c.start:c.end]) ||
		n <= 24 && strings.ContainsAny(fs, "年月季") && !strings.ContainsAny(fs, "。;，,") && cellDeadline(fs, year) != ""
	if f.deadline {
		return f
	}
	if personCell(fs) {
		f.person = true
		return f
	}
	if n <= 120 && !strings.ContainsAny(fs, "。") {
		names := cellNames(t, c)
		units, persons := len(names) > 0, len(names) > 0
		for _, nm := range names {
			units = units && (unitCellName(nm.text) || isLeadMarked(nm.text))
			persons = persons && isPerson(nm.text)
		}
		f.units, f.person = units && !persons, persons
	}
	punct := strings.ContainsAny(fs, "。;，,:")
	f.prose = !f.units && !f.person && (n >= 15 || punct)
	f.short = !f.units && !f.person && !f.prose && hanCount(t.fold[c.start:c.end]) >= 2
	return f
}

// timeCell reports a cell that only states when: dates and time words.
func timeCell(f []rune) bool {
	marked := false
	for _, r := range f {
		switch {
		case r >= '0' && r <= '9' || r == ' ' || r == '-' || r == '—' || r == '~' || r == '.' || r == '、' || r == ',' || r == '/':
		case strings.ContainsRune("年月季长常按每持", r):
			marked = true
		case strings.ContainsRune("日底前末上下半度第一二三四五六七八九十至及和完成续推进期坚化态内全起", r):
		default:
			return false
		}
	}
	return marked
}

// unitCellName reports a name in a unit cell: a body, a collective of
// bodies, or a place's government named by its place.
func unitCellName(s string) bool {
	rs := []rune(s)
	if len(rs) < 2 || len(rs) > 30 {
		return false
	}
	if unitLike(s) || strings.HasPrefix(s, "各") || strings.HasPrefix(s, "有关") || strings.HasPrefix(s, "相关") {
		return true
	}
	if rs[len(rs)-1] == '会' { // 贸促会, 红十字会, 联合会
		return true
	}
	// A place standing for its government: "江北区", "各街道" above.
	switch rs[len(rs)-1] {
	case '区', '县', '市', '镇', '乡', '街', '道', '州', '盟':
		return len(rs) <= 5
	}
	return false
}

// surnames start most persons' names; a two- or three-character name
// that starts with one and ends in no unit suffix is a person.
const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤" +
	"樊祁岳焦闵栾佟齐柴牛庞倪殷章鲁葛伍申尤颜施俞洪包左翟詹苗谷乔季霍凌耿邢裴温符骆景纪聂邬柯阎祝阮甘卜虞滕蓝常易牟舒欧饶路晏褚臧戚宫蒲"

// compoundSurnames start the names of four characters.
var compoundSurnames = []string{"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "尉迟", "长孙", "宇文", "夏侯", "公孙", "端木"}

// personCell reports a cell of persons' names, a two-character name
// spaced out to the width of three as pages print it: "王  静、李明".
func personCell(fs string) bool {
	if !strings.Contains(fs, " ") {
		return false
	}
	for _, p := range strings.FieldsFunc(fs, func(r rune) bool { return r == '、' || r == ',' }) {
		if !isPerson(p) {
			return false
		}
	}
	return true
}

// isPerson reports the name of a person or a post, not of a body:
// "王某", "分管副省长", "责任领导：王某".
func isPerson(s string) bool {
	s = foldString(s)
	if strings.Contains(s, " ") {
		s = strings.ReplaceAll(s, " ", "") // "王  静"
	}
	for _, l := range personLabels {
		if strings.HasPrefix(s, string(l)) {
			return true
		}
	}
	if isPost(s) {
		return true
	}
	rs := []rune(s)
	for _, c := range compoundSurnames {
		if strings.HasPrefix(s, c) && (len(rs) == 3 || len(rs) == 4) && !unitCellName(s) {
			return true
		}
	}
	if len(rs) < 2 || len(rs) > 3 || unitCellName(s) {
		return false
	}
	for _, r := range rs {
		if !isHan(r) {
			return false
		}
	}
	return strings.ContainsRune(surnames, rs[0])
}

const never = -1 << 30

// cellScore is how well a cell fits a column.
func cellScore(f cellFeatures, c column, implicit bool) int {
	if f.empty {
		switch {
		case c == colLabel || implicit:
			return never
		case c == colText:
			return -2 // a row has its task
		}
		return 0
	}
	if c == colLabel {
		if f.number {
			return 6
		}
		return never
	}
	if f.number {
		return -10
	}
	switch c {
	case colText:
		switch {
		case f.prose:
			return 3
		case f.units || f.deadline || f.person:
			return -4
		}
		return 1
	case colProgress:
		switch {
		case f.prose:
			return 3
		case f.units || f.deadline || f.person:
			return -4
		}
		return 0
	case colLead, colCoop, colResp:
		switch {
		case f.units:
			return 3
		case f.person:
			return -2
		case f.deadline:
			return -4
		case f.prose:
			return -6
		}
		return -1
	case colDeadline:
		if f.deadline {
			return 3
		}
		return -4
	case colLeader:
		switch {
		case f.person:
			return 3
		case f.units:
			return -3
		}
		return -2
	case colCategory:
		if f.short {
			return 1
		}
		if implicit {
			return never
		}
		return -4
	case colNote:
		return 0
	}
	return 0
}

// unnumberedRows reads the rows of a table written one cell per line
// whose header has no 序号: a row starts at its task, a sentence, and
// takes the cells after it that fit the columns.
func (b *builder) unnumberedRows(st *tableState, lines []span) int {
	t := b.t
	i := 0
	for i < len(lines) && features(t, lines[i], 0).prose && !endsRows(t, lines[i]) {
		j := i + 1
		for j < len(lines) && j-i < maxRowLines && !endsRows(t, lines[j]) && !startsTable(t, lines[j:]) {
			j++
		}
		end := -1
		if j < len(lines) {
			end = lines[j].start
		}
		cells := withEmpty(t, lines[i:j], end, st.gap)
		r, used := alignCells(t, st.cols, cells, b.doc.Year, true, true)
		took := 0
		for _, c := range cells[:used] {
			if c.end > c.start {
				took++
			}
		}
		// A sentence without units or a date is prose after the table.
		if took < 2 {
			break
		}
		b.tableRow(st, r, i+took == len(lines))
		i += took
	}
	return i
}

// oneCellColumn reports a column that takes one cell at most: a 序号, a
// category, a date, and the text where the task is one cell.
func oneCellColumn(c column, oneText bool) bool {
	return c == colLabel || c == colCategory || c == colDeadline || oneText && c == colText
}

// alignCells gives the cells of one row, in order, to the columns: each
// column takes a run of cells (a cell of several lines) or none (a
// merged cell left out, an empty cell). Where the header has no category
// column, a short cell may stand before the text as one (a merged cell
// under a header cell spanning two columns). With tail set, cells after
// the row's last column may be left: they follow the table; with oneText,
// the task is one cell. It returns the row and the number of cells it took.
func alignCells(t *text, cols []column, cells []span, year int, tail, oneText bool) (row, int) {
	ext := cols
	implicit := -1
	// Not beside a second text column (重点任务, then 具体措施): the first
	// holds the title a category would.
	texts := 0
	for _, c := range cols {
		if c == colText {
			texts++
		}
	}
	if !slices.Contains(cols, colCategory) && texts == 1 {
		if k := slices.Index(cols, colText); k >= 0 {
			ext = slices.Insert(slices.Clone(cols), k, colCategory)
			implicit = k
		}
	}
	n, m := len(cells), len(ext)
	// sum[j][i] is the score of cells [0, i) in column j.
	// The tables of the reading share one array of scores.
	scores := make([]int, m*(n+1)+4*(n+1)*(m+1))
	grid := func(rows, cols int) [][]int {
		g := make([][]int, rows)
		for i := range g {
			g[i], scores = scores[:cols:cols], scores[cols:]
		}
		return g
	}
	sum := grid(m, n+1)
	empty := make([]bool, n)
	for i, c := range cells {
		f := features(t, c, year)
		empty[i] = f.empty
		for j, col := range ext {
			s := cellScore(f, col, j == implicit)
			if s == never {
				s = -1 << 20
			}
			sum[j][i+1] = sum[j][i] + s
		}
	}
	// free[i][j]: the best score of cells [i, n) in columns [j, m);
	// used[i][j]: the same with column j taking at least one cell.
	free, used := grid(n+1, m+1), grid(n+1, m+1)
	takeFree, takeUsed := grid(n+1, m+1), grid(n+1, m+1)
	for i := n; i >= 0; i-- {
		for j := m; j >= 0; j-- {
			used[i][j], takeUsed[i][j] = never, 0
			if j == m {
				free[i][j], takeFree[i][j] = never, 0
				if i == n || tail {
					free[i][j] = 0
				} else if empty[i] && free[i+1][j] != never {
					free[i][j], takeFree[i][j] = free[i+1][j], leaveOut
				}
				continue
			}
			if i < n {
				for k := i + 1; k <= n; k++ {
					if k > i+1 && (oneCellColumn(ext[j], oneText) || empty[i] || empty[k-1]) {
						break // an empty cell, a 序号, a category or a date is one cell
					}
					next := free[k][j+1]
					if j == implicit {
						next = used[k][j+1]
					}
					if next == never {
						continue
					}
					bonus := 1 // for each column filled
					if empty[i] {
						bonus = 0
					}
					if s := sum[j][k] - sum[j][i] + bonus + next; s > used[i][j] {
						used[i][j], takeUsed[i][j] = s, k
					}
				}
			}
			free[i][j], takeFree[i][j] = free[i][j+1], -1
			if used[i][j] != never && used[i][j] >= free[i][j] {
				free[i][j], takeFree[i][j] = used[i][j], takeUsed[i][j]
			}
			if i < n && empty[i] && free[i+1][j] > free[i][j] {
				free[i][j], takeFree[i][j] = free[i+1][j], leaveOut
			}
		}
	}
	r := row{cols: ext, cells: make([][]span, m)}
	if free[0][0] == never || free[0][0] < -1<<19 {
		return r, 0
	}
	i, j, mustUse := 0, 0, false
	for i < n && j <= m {
		k := takeFree[i][j]
		if mustUse {
			k = takeUsed[i][j]
		}
		switch {
		case k == leaveOut:
			i++
			continue
		case j == m:
			return r, i
		case k > i:
			r.cells[j] = cells[i:k]
			mustUse = j == implicit
			i = k
		default:
			mustUse = false
		}
		j++
	}
	return r, i
}

// leaveOut marks an empty cell that fills no column: a stray blank line.
const leaveOut = -2

// tableRow adds the task of one table row; atEnd says the text ends in
// this row, perhaps inside a cell.
func (b *builder) tableRow(st *tableState, r row, atEnd bool) {
	t := b.t
	var task plan.Task
	var texts []span
	var c clause
	var deadline string
	splitRunTogether(t, r)
	// The plain names of a 责任单位 cell lead, unless a lead is named:
	// in a 牵头单位 column, or marked in the cell's other lines.
	var plain []name
	named := slices.Contains(r.cols, colLead)
	lastUnit := -1 // the row's last cell, if it holds units
	for i, cells := range r.cells {
		if len(cells) > 0 {
			lastUnit = -1
			if r.cols[i] == colLead || r.cols[i] == colCoop || r.cols[i] == colResp {
				lastUnit = i
			}
		}
	}
	for i, cells := range r.cells {
		for k, cell := range cells {
			if cell.end <= cell.start {
				continue
			}
			switch r.cols[i] {
			case colLabel:
				task.Label = strings.TrimRight(t.fstr(cell), ".、")
			case colText:
				texts = append(texts, cell) // 工作任务, then 具体措施
			case colResp:
				// "A牵头，B配合" or "A（牵头）、B" inside one cell.
				if rc, ok := parseClause(t, cell, cell); ok && rc.hasExplicit && len(rc.lead)+len(rc.coop) > 0 {
					c.lead = append(c.lead, rc.lead...)
					c.coop = append(c.coop, rc.coop...)
					named = named || len(rc.lead) > 0
				} else {
					plain = append(plain, unitNames(t, cell, atEnd && i == lastUnit && k == len(cells)-1)...)
				}
			case colLead:
				c.lead = append(c.lead, unitNames(t, cell, atEnd && i == lastUnit && k == len(cells)-1)...)
			case colCoop:
				c.coop = append(c.coop, unitNames(t, cell, atEnd && i == lastUnit && k == len(cells)-1)...)
			case colDeadline:
				deadline = t.fstr(cell)
			case colCategory:
				if features(t, cell, 0).prose {
					texts = append(texts, cell) // the task's own title
					continue
				}
				// A labelled category, "（一）生产性服务业", heads the rows
				// it spans; an unlabelled one is left out of paths.
				if lbl, ok := parseLabel(t.fold[cell.start:cell.end]); ok {
					st.category = append(append([]string{}, st.section...), lbl.norm)
					if st.section == nil {
						st.category = append(append([]string{}, st.base...), lbl.norm)
					}
				}
			}
		}
	}
	if named {
		c.coop = orderBySpan(append(c.coop, plain...))
	} else {
		c.lead = append(c.lead, plain...)
		// "责任单位（排在第一位的为牵头单位）" over the column, or a note
		// before the table: the first unit of the cell leads.
		if len(c.lead) > 1 && (st.firstLead || b.noteAt >= 0 && len(texts) > 0 && texts[0].start > b.noteAt) {
			c.coop = orderBySpan(append(c.lead[1:len(c.lead):len(c.lead)], c.coop...))
			c.lead = c.lead[:1]
		}
	}
	if len(texts) == 0 {
		return
	}
	if task.Label == "" {
		// Without a 序号 column the task may carry its number: "3．推进…".
		first := texts[0]
		if lbl, ok := parseLabel(t.fold[first.start:first.end]); ok && lbl.style == styleArabic && first.start+lbl.end < first.end {
			task.Label = lbl.norm
			texts[0] = t.trim(span{first.start + lbl.end, first.end})
		}
	}
	var text strings.Builder
	for _, s := range texts {
		text.WriteString(t.str(s))
	}
	task.Text = text.String()
	task.Span = plan.Span{Start: texts[0].start, End: texts[len(texts)-1].end}
	if task.Label == "" {
		task.Label = itoa(len(b.p.Tasks) + 1)
	}
	task.Path = append(append([]string{}, st.path()...), task.Label)
	// The text ends inside the row's last unit cell, its last name cut
	// short ("市发"): the names after the cut are lost.
	cut := false
	if atEnd && lastUnit >= 0 && len(r.cells[lastUnit]) > 0 {
		last := r.cells[lastUnit][len(r.cells[lastUnit])-1]
		if ns := cellNames(t, last); last.end >= t.end() && len(ns) > 0 && !unitCellName(ns[len(ns)-1].text) {
			cut = true
			task.Confidence = plan.Low
		}
	}
	if len(c.lead)+len(c.coop) > 0 {
		first, last := span{task.Start, task.End}, span{task.Start, task.End}
		for _, cells := range r.cells {
			if len(cells) > 0 {
				first.start = min(first.start, cells[0].start)
				last.end = max(last.end, cells[len(cells)-1].end)
			}
		}
		c.span = span{first.start, last.end} // the row
		assign(&task, c, new([]string))
	} else {
		b.warn("no_units", "task "+task.Label+" names no responsible unit", task.Label, span{task.Start, task.End})
	}
	if cut {
		b.warn("cut_clause", "the text ends inside the units of task "+task.Label+": names after the cut are lost", task.Label, r.cells[lastUnit][len(r.cells[lastUnit])-1])
	}
	task.Deadline = cellDeadline(deadline, b.doc.Year)
	for _, s := range texts {
		if task.Deadline == "" {
			task.Deadline = findDeadline(t.fstr(s), b.doc.Year)
		}
		for _, tg := range t.targetsIn(t.src[s.start:s.end], b.targetYear, b.doc.Year) {
			tg.Start += s.start
			tg.End += s.start
			task.Targets = append(task.Targets, tg)
		}
	}
	b.p.Tasks = append(b.p.Tasks, task)
}

// personLabels name the persons in charge beside a unit.
var personLabels = [][]rune{[]rune("责任领导"), []rune("牵头领导"), []rune("分管领导"), []rune("责任人"), []rune("联系人")}

// withoutPerson drops a person named in brackets after a unit:
// "市商务局（责任领导：王某）", "市商务局（王某）".
func withoutPerson(t *text, n name) name {
	f := t.fold
	if n.span.end-n.span.start < 4 || f[n.span.end-1] != ')' {
		return n
	}
	open := -1
	for k := n.span.end - 2; k > n.span.start; k-- {
		if f[k] == '(' {
			open = k
			break
		}
	}
	if open < 0 {
		return n
	}
	inner := span{open + 1, n.span.end - 1}
	person := isPerson(t.str(inner))
	for _, w := range personLabels {
		person = person || runesAt(f, inner.start, w)
	}
	if !person {
		return n
	}
	s := t.trim(span{n.span.start, open})
	return name{span: s, text: nameText(t, s)}
}

// splitRunTogether parts a lead cell that holds the cooperating units
// too, "市商务局　市财政局、市统计局", where the cell between them was lost
// and the cooperating cell is left empty: two groups apart, one of them a
// list.
func splitRunTogether(t *text, r row) {
	li, ci := slices.Index(r.cols, colLead), slices.Index(r.cols, colCoop)
	if li < 0 || ci < 0 || len(r.cells[li]) != 1 {
		return
	}
	for _, c := range r.cells[ci] {
		if c.end > c.start {
			return // the cooperating cell has its units
		}
	}
	cell := r.cells[li][0]
	groups := splitTop(t.fold, cell, ' ')
	var parts []span
	for _, g := range groups {
		if g.end > g.start {
			parts = append(parts, g)
		}
	}
	if len(parts) != 2 {
		return
	}
	listed := false
	for _, p := range parts {
		for _, c := range t.fold[p.start:p.end] {
			listed = listed || c == '、' || c == ',' || c == ';'
		}
	}
	if listed {
		r.cells[li], r.cells[ci] = []span{parts[0]}, []span{parts[1]}
	}
}

// unitNames reads the units of a unit cell, leaving out persons and
// posts; where the text is cut inside the cell, an incomplete last name
// ("市发") is left out too.
func unitNames(t *text, cell span, cut bool) []name {
	if cell.end-cell.start <= 2 && isNilCell(t.fstr(cell)) {
		return nil
	}
	ns := cellNames(t, cell)
	kept := ns[:0]
	for _, n := range ns {
		if !isPerson(n.text) {
			kept = append(kept, withoutPerson(t, n))
		}
	}
	if cut && len(kept) > 0 && !unitCellName(kept[len(kept)-1].text) {
		kept = kept[:len(kept)-1]
	}
	return kept
}

// cellDeadline reads a 完成时限 cell: beside the forms of running text, a
// bare month ("2023年6月") means the end of that month.
func cellDeadline(cell string, year int) string {
	if d := findDeadline(cell, year); d != "" {
		return d
	}
	if m := reMonthCell.FindStringSubmatch(strings.TrimSpace(cell)); m != nil {
		mo, _ := strconv.Atoi(m[2])
		if mo >= 1 && mo <= 12 {
			return m[1] + "-" + pad2(mo) + "-" + pad2(monthDays[mo-1])
		}
	}
	return ""
}

var reMonthCell = regexp.MustCompile(`^((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?:份)?(?:完成)?$`)

// cellNames reads the unit names of a table cell, separated by 、，；
// or standing on lines of their own (which reach here as spaces).
func cellNames(t *text, cell span) []name {
	var out []name
	for _, major := range splitTop(t.fold, cell, ';') {
		for _, seg := range splitTop(t.fold, major, ',') {
			for _, part := range splitTop(t.fold, seg, ' ') {
				out = append(out, splitNames(t, part)...)
			}
		}
	}
	return out
}

// indicatorTable is a table of a plan's main indicators (主要指标): one
// row per indicator, its unit, and values by year; the column of the
// latest year, or the one headed 目标, holds the plan's goal.
type indicatorTable struct {
	name, unit, target int
	year               int
}

var reYearHeader = regexp.MustCompile(`((?:19|20)\d{2})\s*年?`)

func indicatorHeader(t *text, cs []span) (indicatorTable, bool) {
	it := indicatorTable{name: -1, unit: -1, target: -1}
	targetByWord := -1
	for i, c := range cs {
		h := strings.ReplaceAll(t.fstr(c), " ", "")
		// A header names its columns in a few words; a row of a task
		// table whose 备注 says "省考指标" beside a task and a date is no
		// header.
		if c.end-c.start > 16 || strings.ContainsAny(h, "。,;") {
			return it, false
		}
		switch {
		case strings.Contains(h, "指标") && it.name < 0:
			it.name = i
		case h == "单位" || h == "计量单位":
			it.unit = i
		default:
			if m := reYearHeader.FindStringSubmatch(h); m != nil {
				y, _ := strconv.Atoi(m[1])
				if strings.Contains(h, "目标") && targetByWord < 0 {
					targetByWord, it.year = i, y
				} else if targetByWord < 0 && y > it.year {
					it.target, it.year = i, y
				}
			}
		}
	}
	if targetByWord >= 0 {
		it.target = targetByWord
	}
	return it, it.name >= 0 && it.target >= 0
}

var reUnitInName = regexp.MustCompile(`^(.+?)\s*[（(]([^（）()]{1,6})[）)]$`)

var reIndicatorValue = regexp.MustCompile(`^(约|不低于|不少于|超过|不超过|力争)?\s*(\d+(?:\.\d+)?)\s*(?:[-—~至](\d+(?:\.\d+)?))?\s*([%‰]|[\p{Han}]{0,3}?)\s*(以上|左右|以下|以内)?$`)

// indicatorRow adds the goal of one row of a main-indicators table.
func (b *builder) indicatorRow(it indicatorTable, cs []span) {
	t := b.t
	if it.target >= len(cs) || it.name >= len(cs) {
		return
	}
	cell := cs[it.target]
	m := reIndicatorValue.FindStringSubmatch(strings.TrimSpace(t.fstr(cell)))
	if m == nil {
		return
	}
	g := plan.Target{Text: t.str(cs[it.name]) + " " + t.str(cell), Indicator: t.str(cs[it.name]),
		Comparator: plan.Equal, Year: it.year, Span: plan.Span{Start: cell.start, End: cell.end}}
	g.Value, _ = strconv.ParseFloat(m[2], 64)
	if m[3] != "" {
		v, _ := strconv.ParseFloat(m[3], 64)
		g.ValueMax = &v
	}
	g.Unit = m[4]
	if it.unit >= 0 && it.unit < len(cs) && g.Unit == "" {
		g.Unit = strings.TrimSpace(t.str(cs[it.unit]))
	}
	// "社会消费品零售总额（亿元）": the unit in the indicator's name.
	if g.Unit == "" {
		if u := reUnitInName.FindStringSubmatch(g.Indicator); u != nil {
			g.Unit, g.Indicator = u[2], u[1]
		}
	}
	switch {
	case m[1] == "不低于" || m[1] == "不少于" || m[1] == "超过" || m[5] == "以上":
		g.Comparator = plan.AtLeast
	case m[1] == "不超过" || m[5] == "以下" || m[5] == "以内":
		g.Comparator = plan.AtMost
	case m[1] == "约" || m[5] == "左右":
		g.Comparator = plan.About
	}
	b.p.Goals = append(b.p.Goals, g)
}
