package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"luoshi/internal/store"
)

// outlineItem is a heading or a task, in document order.
type outlineItem struct {
	Heading *store.Heading
	Task    *store.Task
	Own     bool // the task is assigned to the reader's unit
}

// outlineItems interleaves headings and tasks by their place in the
// text. Headings that are tasks themselves are dropped, and when the
// tasks are filtered, so are headings with no task left under them.
func outlineItems(o store.Outline, filtered bool, ownUnit int64) []outlineItem {
	taskStarts := map[int]bool{}
	for _, t := range o.Tasks {
		taskStarts[t.Start] = true
	}
	var items []outlineItem
	ti := 0
	for i := range o.Headings {
		h := &o.Headings[i]
		for ti < len(o.Tasks) && o.Tasks[ti].Start < h.Start {
			items = append(items, taskItem(&o.Tasks[ti], ownUnit))
			ti++
		}
		if taskStarts[h.Start] {
			continue
		}
		if filtered && !slices.ContainsFunc(o.Tasks, func(t store.Task) bool {
			return t.Path == h.Path || strings.HasPrefix(t.Path, h.Path+"/")
		}) {
			continue
		}
		items = append(items, outlineItem{Heading: h})
	}
	for ; ti < len(o.Tasks); ti++ {
		items = append(items, taskItem(&o.Tasks[ti], ownUnit))
	}
	return items
}

func taskItem(t *store.Task, ownUnit int64) outlineItem {
	it := outlineItem{Task: t}
	if ownUnit != 0 {
		it.Own = slices.ContainsFunc(t.Units, func(u store.TaskUnit) bool { return u.UnitID == ownUnit })
	}
	return it
}

type planView struct {
	Page
	Plan     store.Plan
	Items    []outlineItem
	Facets   store.PlanFacets
	Filter   store.TaskFilter
	Filtered bool
	Count    int
	Statuses []string
}

func (s *Server) planPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := s.visiblePlan(r.Context(), rq, id)
	if err != nil {
		return err
	}
	f, err := taskFilter(r)
	if err != nil {
		return err
	}
	o, err := s.st.PlanOutline(r.Context(), id, f)
	if err != nil {
		return err
	}
	facets, err := s.st.Facets(r.Context(), id)
	if err != nil {
		return err
	}
	var own int64
	if rq.is(store.RoleReporter) {
		own = rq.user.UnitID
	}
	filtered := f != store.TaskFilter{}
	v := &planView{Page: s.page(rq, "plan.title"), Plan: p, Facets: facets, Filter: f, Filtered: filtered,
		Items: outlineItems(o, filtered, own), Count: len(o.Tasks), Statuses: store.TaskStatuses}
	v.Title = p.Title
	v.Nav, v.Flash = "plans", s.flash(rq, r)
	s.render(w, r, rq, http.StatusOK, "plan", v)
	return nil
}

// taskFilter reads the filters of a task list from the query string.
func taskFilter(r *http.Request) (store.TaskFilter, error) {
	q := r.URL.Query()
	f := store.TaskFilter{Section: q.Get("section"), TaskForce: q.Get("force"), Status: q.Get("status")}
	if f.Status != "" && !slices.Contains(store.TaskStatuses, f.Status) {
		return f, userError(http.StatusBadRequest, "error.invalid")
	}
	if u := q.Get("unit"); u != "" {
		id, err := strconv.ParseInt(u, 10, 64)
		if err != nil || id <= 0 {
			return f, userError(http.StatusBadRequest, "error.invalid")
		}
		f.UnitID = id
	}
	return f, nil
}
