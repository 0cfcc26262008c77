package web

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"

	"luoshi/internal/plan"
	"luoshi/internal/planedit"
	"luoshi/internal/store"
)

// segment is a run of the source text with one highlighting.
type segment struct {
	Text   string
	Class  string // "", "unit", "unit unknown", "target"
	Task   int64  // the task the run belongs to, 0 outside tasks
	Shade  int    // alternates between neighbouring tasks
	Anchor bool   // first run of its task
}

// mark is a highlighted span of the source.
type mark struct {
	start, end int
	class      string
}

// highlight cuts source into segments along task, unit and target spans.
func highlight(source string, tasks []store.Task, goals []store.Target) []segment {
	runes := []rune(source)
	n := len(runes)
	clamp := func(x int) int { return min(max(x, 0), n) }
	cuts := map[int]bool{0: true, n: true}
	var marks []mark
	type taskSpan struct {
		start, end int
		id         int64
		shade      int
	}
	var spans []taskSpan
	addMark := func(start, end int, class string) {
		start, end = clamp(start), clamp(end)
		if start >= end {
			return
		}
		cuts[start], cuts[end] = true, true
		marks = append(marks, mark{start, end, class})
	}
	for i, t := range tasks {
		start, end := clamp(t.Start), clamp(t.End)
		if start < end {
			cuts[start], cuts[end] = true, true
			spans = append(spans, taskSpan{start, end, t.ID, i % 2})
		}
		for _, g := range t.Targets {
			addMark(g.Start, g.End, "target")
		}
		for _, u := range t.Units {
			if u.UnitID == 0 {
				addMark(u.Start, u.End, "unit unknown")
			} else {
				addMark(u.Start, u.End, "unit")
			}
		}
	}
	for _, g := range goals {
		addMark(g.Start, g.End, "target")
	}
	points := make([]int, 0, len(cuts))
	for p := range cuts {
		points = append(points, p)
	}
	sort.Ints(points)
	var out []segment
	seen := map[int64]bool{}
	for i := 0; i+1 < len(points); i++ {
		a, b := points[i], points[i+1]
		seg := segment{Text: string(runes[a:b])}
		for _, sp := range spans {
			if sp.start <= a && b <= sp.end {
				seg.Task, seg.Shade = sp.id, sp.shade
				if !seen[sp.id] {
					seg.Anchor, seen[sp.id] = true, true
				}
				break
			}
		}
		// Units are drawn over targets, the more specific over the wider.
		best := -1
		for j, m := range marks {
			if m.start <= a && b <= m.end {
				if best < 0 || strings.HasPrefix(m.class, "unit") || m.end-m.start < marks[best].end-marks[best].start {
					best = j
				}
			}
		}
		if best >= 0 {
			seg.Class = marks[best].class
		}
		out = append(out, seg)
	}
	return out
}

// nameRow is one distinct unit name written in a plan, with its mapping.
type nameRow struct {
	Name     string
	Count    int
	UnitID   int64
	UnitName string
}

// openWarnings drops the extractor's warnings the office has since dealt
// with: unknown units it mapped, metadata it filled in, tasks it gave
// units.
func openWarnings(ws []store.Warning, tasks []store.Task) []store.Warning {
	type span struct{ start, end int }
	mapped := map[span]bool{}
	for _, t := range tasks {
		for _, u := range t.Units {
			if u.UnitID != 0 {
				mapped[span{u.Start, u.End}] = true
			}
		}
	}
	withUnits := map[string]bool{}
	for _, t := range tasks {
		if len(t.Units) > 0 {
			withUnits[t.Label] = true
		}
	}
	var out []store.Warning
	for _, w := range ws {
		if w.Code == "unknown_unit" && mapped[span{w.Start, w.End}] {
			continue
		}
		if w.Code == "no_units" && withUnits[w.Task] {
			continue
		}
		out = append(out, w)
	}
	return out
}

// filledWarnings drops the warnings about metadata the plan now has.
func filledWarnings(ws []store.Warning, p store.Plan) []store.Warning {
	filled := map[string]bool{
		"title_missing":      p.Title != "",
		"doc_number_missing": p.DocNumber != "",
		"issuer_missing":     p.Issuer != "",
		"date_missing":       p.DocDate != "",
		"region_missing":     p.Region != "",
		"year_missing":       p.Year != 0,
	}
	var out []store.Warning
	for _, w := range ws {
		if !filled[w.Code] {
			out = append(out, w)
		}
	}
	return out
}

// quotedWarnings are the warnings whose span is a name or clause worth
// quoting beside the message.
var quotedWarnings = map[string]bool{"unknown_unit": true, "unit_doubt": true, "unreadable_clause": true}

// warningNote is an extractor's warning in the reader's language: the
// message of its code, the text it points at, and the task it is in.
// The extractor's own message (in English, or Chinese) is never shown.
func (s *Server) warningNote(lang string, w store.Warning, source []rune, inTask bool) string {
	note := s.cat.T(lang, "warn.other")
	if key := "warn." + w.Code; s.cat.T(lang, key) != key {
		note = s.cat.T(lang, key)
	}
	if quotedWarnings[w.Code] && w.Start >= 0 && w.End <= len(source) && w.End-w.Start >= 2 && w.End-w.Start <= 60 {
		note = s.cat.T(lang, "warn.quoted", note, strings.TrimSpace(string(source[w.Start:w.End])))
	}
	if w.Task != "" && !inTask {
		note = s.cat.T(lang, "warn.in_task", w.Task, note)
	}
	return note
}

type reviewView struct {
	Page
	reviewSlice
	Plan     store.Plan
	Outline  store.Outline
	Segments []segment
	Names    []nameRow
	Unmapped int
	Units    []store.Unit
	Check    []checkItem // the tasks to check first
	reviewOffice
}

// reviewOffice is what the review page shows the office beside the
// extraction: the metadata form, the plan's warnings in its language,
// the plan's history, what publishing would warn of.
type reviewOffice struct {
	Notes       []string // the extractor's warnings, translated
	History     []historyItem
	Ready       planedit.Readiness
	Comparators []string
}

func (s *Server) reviewExtras(r *http.Request, rq *request, v *reviewView, source []rune) error {
	for _, w := range v.Plan.Warnings {
		v.Notes = append(v.Notes, s.warningNote(rq.lang, w, source, false))
	}
	entries, err := s.st.AuditFor(r.Context(), "plan", v.Plan.ID)
	if err != nil {
		return err
	}
	v.History = history(entries)
	slices.Reverse(v.History) // newest first
	// All of the plan's tasks, however many the page lists.
	if v.Ready, err = planedit.PlanReadiness(r.Context(), s.st, v.Plan.ID); err != nil {
		return err
	}
	v.Comparators = planedit.Comparators
	return nil
}

// checkItem is a task the extractor was unsure of, with its reasons.
type checkItem struct {
	Task    store.Task
	Reasons []string
}

// toCheck lists the tasks whose units were not read with certainty, in
// document order, each with the reading notes that fall inside it, in the
// reader's language where the note's kind has a message there.
func toCheck(tasks []store.Task, ws []store.Warning, say func(store.Warning) string) []checkItem {
	var out []checkItem
	for _, t := range tasks {
		if t.Confidence != plan.Low {
			continue
		}
		c := checkItem{Task: t}
		for _, w := range ws {
			inside := w.Start >= t.Start && w.End <= t.End && w.End > w.Start
			if w.Task != "" && w.Task == t.Label && (inside || w.End == w.Start) {
				c.Reasons = append(c.Reasons, say(w))
			}
		}
		out = append(out, c)
	}
	return out
}

func (s *Server) reviewPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := s.st.PlanByID(r.Context(), id)
	if err != nil {
		return err
	}
	units, err := s.st.Units(r.Context())
	if err != nil {
		return err
	}
	v := &reviewView{Page: s.page(rq, "review.title"), Plan: p, Units: units}
	if err := s.reviewList(r, rq, v); err != nil {
		return err
	}
	if err := s.reviewExtras(r, rq, v, []rune(p.Source)); err != nil {
		return err
	}
	v.Title = p.Title
	v.Nav, v.Flash = "review", s.flash(rq, r)
	s.render(w, r, rq, http.StatusOK, "review", v)
	return nil
}

func (s *Server) setPlanPublic(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	public, err := strconv.ParseBool(r.PostFormValue("public"))
	if err != nil {
		return userError(http.StatusBadRequest, "error.invalid")
	}
	if err := s.st.SetPublic(r.Context(), rq.actor(), id, public); err != nil {
		return err
	}
	done := "public_off"
	if public {
		done = "public_on"
	}
	http.Redirect(w, r, fmt.Sprintf("/plans/%d?done=%s", id, done), http.StatusSeeOther)
	return nil
}

// mapUnitName maps every mention of a name in a plan to a unit: an
// existing one chosen from the list, or a new one under the name given
// (the name as written, or corrected).
func (s *Server) mapUnitName(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	name := strings.TrimSpace(r.PostFormValue("name"))
	unitID, err := s.unitFromForm(r, rq, r.PostFormValue("unit"), r.PostFormValue("new_name"), id)
	if err != nil {
		return err
	}
	if name == "" {
		return userError(http.StatusBadRequest, "error.invalid")
	}
	if _, err := s.st.MapUnitName(r.Context(), rq.actor(), id, name, unitID); err != nil {
		return err
	}
	back := fmt.Sprintf("/plans/%d/review?done=mapped#names", id)
	if r.PostFormValue("back") == "plan" {
		back = fmt.Sprintf("/plans/%d?done=mapped", id)
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
	return nil
}

// unitFromForm reads a unit choice: the id of a unit, or else a unit's
// name, which finds the unit of that name (preferring the form's region)
// or creates it. A corrected name thus maps a mention to a new unit; a
// unit created so belongs to the plan under review (fromPlan) until
// another uses it.
func (s *Server) unitFromForm(r *http.Request, rq *request, choice, name string, fromPlan int64) (int64, error) {
	if choice != "" && choice != "new" {
		uid, err := strconv.ParseInt(choice, 10, 64)
		if err != nil || uid <= 0 {
			return 0, userError(http.StatusBadRequest, "review.choose_unit")
		}
		if _, err := s.st.UnitByID(r.Context(), uid); err != nil {
			return 0, userError(http.StatusBadRequest, "review.choose_unit")
		}
		return uid, nil
	}
	name = strings.TrimSpace(name)
	if name == "" || len([]rune(name)) > 100 {
		return 0, userError(http.StatusBadRequest, "units.name_required")
	}
	region := strings.TrimSpace(r.PostFormValue("region"))
	if u, err := s.st.UnitByName(r.Context(), name, region); err == nil {
		return u.ID, nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return 0, err
	}
	return s.st.CreateUnit(r.Context(), rq.actor(), store.Unit{Name: name, Region: region, FromPlan: fromPlan})
}
