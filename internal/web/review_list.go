package web

import (
	"net/http"
	"slices"

	"luoshi/internal/store"
)

// reviewSlice is the part of a plan under review that one page shows:
// a page of one section's tasks (or of the tasks to check first) with
// the source text they cover, so that a plan of thousands of tasks is
// reviewed a page at a time.
type reviewSlice struct {
	Sections      []store.Heading
	Section       string // the section shown, "" for all
	Confidence    string // "low" for the tasks to check first only
	TaskPage      store.TaskPage
	TaskTotal     int // tasks of the plan
	LowTotal      int // tasks of the plan to check first
	WarningsTotal int
	ShowSource    bool
	Next, First   string
}

// reviewList fills v with the page of the plan's tasks the query asks
// for: by default the first section's first page.
func (s *Server) reviewList(r *http.Request, rq *request, v *reviewView) error {
	ctx := r.Context()
	q := listQuery(r)
	p := v.Plan
	facets, err := s.st.Facets(ctx, p.ID)
	if err != nil {
		return err
	}
	v.Sections = facets.Sections
	f := store.PlanTaskFilter{Section: q.Get("section"), Confidence: q.Get("confidence"), After: q.Get("after")}
	if f.Limit, err = q.limit(); err != nil {
		return err
	}
	if f.Confidence == "" && f.Section == "" && len(v.Sections) > 0 {
		f.Section = v.Sections[0].Label
	}
	section := -1
	for i, h := range v.Sections {
		if h.Label == f.Section {
			section = i
		}
	}
	if f.Section != "" && section < 0 {
		return badFilter("section")
	}
	v.Section, v.Confidence = f.Section, f.Confidence
	if v.TaskPage, err = s.st.PlanTaskList(ctx, p.ID, f); err != nil {
		return err
	}
	v.Outline.Tasks = v.TaskPage.Rows
	v.Next, v.First = pageLink(r, "after", v.TaskPage.Next), firstLink(r, "after")
	all, err := s.st.PlanTaskList(ctx, p.ID, store.PlanTaskFilter{Limit: 1})
	if err != nil {
		return err
	}
	low, err := s.st.PlanTaskList(ctx, p.ID, store.PlanTaskFilter{Confidence: "low", Limit: 1})
	if err != nil {
		return err
	}
	v.TaskTotal, v.LowTotal = all.Total, low.Total

	// The names and warnings are the whole plan's.
	names, err := s.st.PlanUnitNames(ctx, p.ID)
	if err != nil {
		return err
	}
	for _, n := range names {
		v.Names = append(v.Names, nameRow{Name: n.Name, Count: n.Count, UnitID: n.UnitID, UnitName: n.UnitName})
		if n.UnitID == 0 {
			v.Unmapped++
		}
	}
	mapped, err := s.st.MappedMentions(ctx, p.ID)
	if err != nil {
		return err
	}
	open := filledWarnings(openWarnings(p.Warnings, []store.Task{{Units: mapped}}), p)
	v.WarningsTotal = len(open)

	// The source from the end of the task before the page (the start of
	// the section on its first page, of the text in the first section)
	// to the end of the page's last task (the end of the section on its
	// last page).
	runes := []rune(p.Source)
	from, to := 0, len(runes)
	if f.Confidence == "" {
		v.ShowSource = true
		if section >= 0 {
			if section > 0 {
				from = v.Sections[section].Start
			}
			if section+1 < len(v.Sections) {
				to = v.Sections[section+1].Start
			}
		}
		if f.After != "" {
			from = v.TaskPage.From
		}
		if v.TaskPage.Next != "" && len(v.TaskPage.Rows) > 0 {
			to = v.TaskPage.Rows[len(v.TaskPage.Rows)-1].End
		}
		from, to = min(max(from, 0), len(runes)), min(max(to, 0), len(runes))
		if from > to {
			from = to
		}
		v.Segments = highlight(string(runes[from:to]), shiftTasks(v.TaskPage.Rows, from), shiftTargets(p.Goals, from))
	}
	// The reading notes and the tasks to check first of this page.
	var shown []store.Warning
	for _, w := range open {
		if v.ShowSource && w.Start >= from && w.Start < to || !v.ShowSource && slices.ContainsFunc(v.TaskPage.Rows, func(t store.Task) bool {
			return w.Start >= t.Start && w.Start < t.End
		}) {
			shown = append(shown, w)
		}
	}
	v.Plan.Warnings = shown
	v.Check = toCheck(v.TaskPage.Rows, open, func(w store.Warning) string {
		return s.warningNote(rq.lang, w, runes, true)
	})
	return nil
}

// shiftTasks are tasks with their spans, and their units' and targets',
// counted from the rune at offset.
func shiftTasks(tasks []store.Task, offset int) []store.Task {
	out := make([]store.Task, len(tasks))
	for i, t := range tasks {
		t.Start, t.End = t.Start-offset, t.End-offset
		t.Units = append([]store.TaskUnit(nil), t.Units...)
		for j := range t.Units {
			t.Units[j].Start, t.Units[j].End = t.Units[j].Start-offset, t.Units[j].End-offset
		}
		t.Targets = shiftTargets(t.Targets, offset)
		out[i] = t
	}
	return out
}

func shiftTargets(gs []store.Target, offset int) []store.Target {
	out := make([]store.Target, len(gs))
	for i, g := range gs {
		g.Start, g.End = g.Start-offset, g.End-offset
		out[i] = g
	}
	return out
}
