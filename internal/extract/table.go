package extract

import (
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
	var section []string // the path of the section row above, if any
	for _, ln := range lines {
		cs := t.cells(ln)
		if len(cs) < 3 && cols == nil {
			rest = append(rest, ln)
			continue
		}
		if hc := headerColumns(t, cs); len(cs) >= 3 && hc != nil {
			cols, section = hc, nil
			continue
		}
		if cols != nil {
			// A row that spans the table, "一、扩大服务消费", opens a section.
			if only, ok := singleCell(cs); ok {
				if lbl, isLabel := parseLabel(t.fold[only.start:only.end]); isLabel {
					section = []string{lbl.norm}
					b.p.Headings = append(b.p.Headings, plan.Heading{Label: lbl.norm, Level: 1,
						Title: t.str(t.trim(span{only.start + lbl.end, only.end})), Path: section,
						Span: plan.Span{Start: ln.start, End: ln.end}})
					continue
				}
			}
			if len(cs) >= 3 {
				b.tableRow(cols, cs, section)
				continue
			}
		}
		cols = nil
		rest = append(rest, ln)
	}
	return rest
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
			task.Text = t.str(cell)
			task.Span = plan.Span{Start: cell.start, End: cell.end}
		case colLead, colResp:
			c.lead = append(c.lead, cellNames(t, cell)...)
		case colCoop:
			c.coop = append(c.coop, cellNames(t, cell)...)
		case colDeadline:
			deadline = t.fstr(cell)
		}
	}
	if task.Text == "" {
		return
	}
	if task.Label == "" {
		task.Label = itoa(len(b.p.Tasks) + 1)
	}
	task.Path = append(append([]string{}, section...), task.Label)
	if len(c.lead)+len(c.coop) > 0 {
		a := plan.Assignment{Lead: names(c.lead), Cooperating: names(c.coop)}
		task.Assignments = []plan.Assignment{a}
		task.Lead, task.Cooperating = a.Lead, a.Cooperating
		for _, n := range c.lead {
			task.Units = append(task.Units, plan.UnitMention{Name: n.text, Role: plan.Lead, Span: plan.Span{Start: n.span.start, End: n.span.end}})
		}
		for _, n := range c.coop {
			task.Units = append(task.Units, plan.UnitMention{Name: n.text, Role: plan.Cooperating, Span: plan.Span{Start: n.span.start, End: n.span.end}})
		}
	} else {
		b.warn("no_units", "task "+task.Label+" names no responsible unit", task.Label, span{task.Start, task.End})
	}
	task.Deadline = findDeadline(deadline, b.doc.Year)
	if task.Deadline == "" {
		task.Deadline = findDeadline(t.fstr(span{task.Start, task.End}), b.doc.Year)
	}
	for _, tg := range findTargets(task.Text, b.targetYear) {
		tg.Start += task.Start
		tg.End += task.Start
		task.Targets = append(task.Targets, tg)
	}
	b.p.Tasks = append(b.p.Tasks, task)
}

// cellNames reads the unit names of a table cell, separated by 、，；.
func cellNames(t *text, cell span) []name {
	var out []name
	for _, major := range splitTop(t.fold, cell, ';') {
		for _, seg := range splitTop(t.fold, major, ',') {
			out = append(out, splitNames(t, seg)...)
		}
	}
	return out
}
