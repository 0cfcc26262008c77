package extract

import (
	"regexp"
	"strconv"
	"strings"

	"luoshi/internal/plan"
)

// A task-division table (任务分工表) arrives as one line per row with its
// cells separated by tabs: 序号, 重点任务, 牵头单位, 配合单位, 完成时限.

type column int

const (
	colNone column = iota
	colLabel
	colText
	colLead
	colCoop
	colResp
	colDeadline
	colCategory // 类别: "（一）生产性服务业", merged over its rows
)

// headerColumn names what a header cell holds.
func headerColumn(cell string) column {
	c := strings.ReplaceAll(cell, " ", "")
	switch {
	case c == "序号" || c == "编号" || c == "序":
		return colLabel
	case strings.Contains(c, "牵头"):
		return colLead
	case strings.Contains(c, "配合") || strings.Contains(c, "协办") || strings.Contains(c, "参与"):
		return colCoop
	case strings.Contains(c, "责任单位") || strings.Contains(c, "责任部门") || strings.Contains(c, "负责单位"):
		return colResp
	case strings.Contains(c, "时限") || strings.Contains(c, "时间") || strings.Contains(c, "期限"):
		return colDeadline
	case c == "类别" || c == "领域" || c == "类型" || c == "板块" || c == "方面" || c == "重点领域":
		return colCategory
	case strings.Contains(c, "任务") || strings.Contains(c, "内容") || strings.Contains(c, "事项") ||
		strings.Contains(c, "举措") || strings.Contains(c, "措施") || strings.Contains(c, "工作"):
		return colText
	}
	return colNone
}

// cells splits a line on tabs, keeping each cell's trimmed span.
func (t *text) cells(ln span) []span {
	var out []span
	start := ln.start
	for i := ln.start; i <= ln.end; i++ {
		if i == ln.end || t.src[i] == '\t' {
			out = append(out, t.trim(span{start, i}))
			start = i + 1
		}
	}
	return out
}

// takeTables removes the rows of task-division tables from lines and adds
// one task per row. A table starts at a header row that names a text
// column and a unit column.
func (b *builder) takeTables(lines []span) []span {
	t := b.t
	var rest []span
	var cols []column
	var above []label       // the numbered headings above the table, outermost first
	var base []string       // their labels when the table began
	var section []string    // the path of the section row above, if any
	var ind *indicatorTable // set inside a table of main indicators
	projects := false
	for i, ln := range lines {
		cs := t.cells(ln)
		if projects {
			if len(cs) >= 3 {
				continue // a row of a list of projects
			}
			projects = false
		}
		if len(cs) < 3 && cols == nil {
			above = pushHeading(above, t, ln)
			rest = append(rest, ln)
			continue
		}
		if len(cs) >= 3 && isProjectList(t, cs) {
			// A list of major projects (项目名称, 总投资) names projects, not
			// the plan's work items.
			projects, cols, ind = true, nil, nil
			continue
		}
		if hc := headerColumns(t, cs); len(cs) >= 3 && hc != nil {
			cols, section, ind = hc, nil, nil
			base = base[:0]
			for _, l := range above {
				base = append(base, l.norm)
			}
			continue
		}
		if it, ok := indicatorHeader(t, cs); ok {
			cols, ind = nil, &it
			continue
		}
		if ind != nil {
			if len(cs) >= 3 {
				b.indicatorRow(*ind, cs)
				continue
			}
			ind = nil
		}
		if cols != nil {
			// A row that spans the table, "一、扩大服务消费", opens a section.
			// It must be followed by a row; a heading with prose after it
			// ("四、保障措施") ends the table.
			if only, ok := singleCell(cs); ok && i+1 < len(lines) && len(t.cells(lines[i+1])) >= 3 {
				if lbl, isLabel := parseLabel(t.fold[only.start:only.end]); isLabel {
					section = append(append([]string{}, base...), lbl.norm)
					b.p.Headings = append(b.p.Headings, plan.Heading{Label: lbl.norm, Level: 1,
						Title: t.str(t.trim(span{only.start + lbl.end, only.end})), Path: section,
						Span: plan.Span{Start: ln.start, End: ln.end}})
					continue
				}
			}
			if len(cs) >= 3 {
				path := section
				if path == nil {
					path = base
				}
				b.tableRow(cols, cs, path)
				continue
			}
		}
		cols = nil
		above = pushHeading(above, t, ln)
		rest = append(rest, ln)
	}
	return rest
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
		cols[i] = headerColumn(t.fstr(c))
		hasText = hasText || cols[i] == colText
		hasUnit = hasUnit || cols[i] == colLead || cols[i] == colResp
	}
	if hasText && hasUnit {
		return cols
	}
	return nil
}

// tableRow adds the task of one table row.
func (b *builder) tableRow(cols []column, cs []span, section []string) {
	t := b.t
	var task plan.Task
	var texts []span
	var c clause
	var deadline string
	for i, cell := range cs {
		if i >= len(cols) || cell.end <= cell.start {
			continue
		}
		switch cols[i] {
		case colLabel:
			task.Label = strings.TrimRight(t.fstr(cell), ".、")
		case colText:
			texts = append(texts, cell) // 工作任务, then 具体措施
		case colResp:
			// "A牵头，B配合" or "A（牵头）、B" inside one cell.
			if rc, ok := parseClause(t, cell, cell); ok && rc.hasExplicit && len(rc.lead)+len(rc.coop) > 0 {
				c.lead = append(c.lead, rc.lead...)
				c.coop = append(c.coop, rc.coop...)
			} else {
				c.lead = append(c.lead, cellNames(t, cell)...)
			}
		case colLead:
			c.lead = append(c.lead, cellNames(t, cell)...)
		case colCoop:
			c.coop = append(c.coop, cellNames(t, cell)...)
		case colDeadline:
			deadline = t.fstr(cell)
		case colCategory:
			if lbl, ok := parseLabel(t.fold[cell.start:cell.end]); ok {
				section = append(append([]string{}, section...), lbl.norm)
			}
		}
	}
	if len(texts) == 0 {
		return
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
	task.Path = append(append([]string{}, section...), task.Label)
	if len(c.lead)+len(c.coop) > 0 {
		c.span = span{cs[0].start, cs[len(cs)-1].end} // the row
		assign(&task, c)
	} else {
		b.warn("no_units", "task "+task.Label+" names no responsible unit", task.Label, span{task.Start, task.End})
	}
	task.Deadline = cellDeadline(deadline, b.doc.Year)
	for _, s := range texts {
		if task.Deadline == "" {
			task.Deadline = findDeadline(t.fstr(s), b.doc.Year)
		}
		for _, tg := range findTargetRunes(t.src[s.start:s.end], b.targetYear, b.doc.Year) {
			tg.Start += s.start
			tg.End += s.start
			task.Targets = append(task.Targets, tg)
		}
	}
	b.p.Tasks = append(b.p.Tasks, task)
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
