package web

import (
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"luoshi/internal/plan"
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

// openWarnings drops the extractor's unknown-unit warnings for mentions
// the office has since mapped to a unit.
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
	var out []store.Warning
	for _, w := range ws {
		if w.Code == "unknown_unit" && mapped[span{w.Start, w.End}] {
			continue
		}
		out = append(out, w)
	}
	return out
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
}

// checkItem is a task the extractor was unsure of, with its reasons.
type checkItem struct {
	Task    store.Task
	Reasons []string
}

// toCheck lists the tasks whose units were not read with certainty, in
// document order, each with the reading notes that fall inside it, in the
// reader's language where the note's kind has a message there.
func toCheck(tasks []store.Task, ws []store.Warning, say func(code, message string) string) []checkItem {
	var out []checkItem
	for _, t := range tasks {
		if t.Confidence != plan.Low {
			continue
		}
		c := checkItem{Task: t}
		for _, w := range ws {
			inside := w.Start >= t.Start && w.End <= t.End && w.End > w.Start
			if w.Task != "" && w.Task == t.Label && (inside || w.End == w.Start) {
				c.Reasons = append(c.Reasons, say(w.Code, w.Message))
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
	v.Title = p.Title
	v.Nav, v.Flash = "review", s.flash(rq, r)
	s.render(w, r, rq, http.StatusOK, "review", v)
	return nil
}

func (s *Server) publishPlan(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	n, err := s.st.Publish(r.Context(), rq.actor(), id)
	if err != nil {
		return err
	}
	s.log.Info("plan published", "plan", id, "assignments", n, "user", rq.user.Username)
	http.Redirect(w, r, fmt.Sprintf("/plans/%d?done=published", id), http.StatusSeeOther)
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

func (s *Server) deletePlan(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.st.DeletePlan(r.Context(), rq.actor(), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/?done=deleted", http.StatusSeeOther)
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
	unitID, err := s.unitFromForm(r, rq, r.PostFormValue("unit"), r.PostFormValue("new_name"))
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
// or creates it. A corrected name thus maps a mention to a new unit.
func (s *Server) unitFromForm(r *http.Request, rq *request, choice, name string) (int64, error) {
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
	return s.st.CreateUnit(r.Context(), rq.actor(), store.Unit{Name: name, Region: region})
}
