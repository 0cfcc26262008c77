package web

import (
	"context"
	"net/http"

	"luoshi/internal/store"
)

// reportFilter reads the filter of a list of received reports.
func reportFilter(q query) (store.ReportFilter, error) {
	f := store.ReportFilter{Period: q.Get("period"), State: q.Get("state"), Sort: q.Get("sort"), After: q.Get("after")}
	var err error
	if f.PlanID, err = q.id("plan"); err != nil {
		return f, err
	}
	if f.UnitID, err = q.id("unit"); err != nil {
		return f, err
	}
	if f.TaskID, err = q.id("task"); err != nil {
		return f, err
	}
	if f.Limit, err = q.limit(); err != nil {
		return f, err
	}
	return f, nil
}

// receivedReports lists the received reports the caller may read: the
// office and viewers read every one; a reporter its own unit's only,
// whatever unit the filter names; the public none.
func (s *Server) receivedReports(ctx context.Context, rq *request, f store.ReportFilter) (store.Page[store.Report], error) {
	switch {
	case rq.is(store.RoleOffice), rq.is(store.RoleViewer):
	case rq.is(store.RoleReporter):
		f.UnitID = rq.user.UnitID
	default:
		return store.Page[store.Report]{}, userError(http.StatusForbidden, "error.forbidden")
	}
	return s.st.ReportList(ctx, f)
}

type receivedView struct {
	mPage
	Reports store.Page[store.Report]
	Filter  store.ReportFilter
	Plans   []store.PlanChoice
	Facets  store.PlanFacets
	States  []string
	Next    string
	First   string
}

// receivedPage is the office's (and viewers') list of received reports:
// every submitted version, whatever became of it, newest first.
func (s *Server) receivedPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	ctx := r.Context()
	v := &receivedView{mPage: s.mpage(rq, "received.title"), States: store.ReceivedStates}
	var err error
	if v.Filter, err = reportFilter(listQuery(r)); err != nil {
		return err
	}
	if v.Reports, err = s.receivedReports(ctx, rq, v.Filter); err != nil {
		return err
	}
	if v.Plans, err = s.st.PlanChoices(ctx, 0, maxChoices); err != nil {
		return err
	}
	if v.Filter.PlanID != 0 {
		if v.Facets, err = s.st.Facets(ctx, v.Filter.PlanID); err != nil {
			return err
		}
	}
	v.Next, v.First = pageLink(r, "after", v.Reports.Next), firstLink(r, "after")
	v.Nav, v.Flash = "reports", s.reportFlash(rq, r)
	s.render(w, r, rq, http.StatusOK, "received", v)
	return nil
}

// apiReceived is the list of received reports, as on the page.
func (s *Server) apiReceived(w http.ResponseWriter, r *http.Request, rq *request) error {
	f, err := reportFilter(listQuery(r))
	if err != nil {
		return err
	}
	p, err := s.receivedReports(r.Context(), rq, f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"reports": reportsJSON(p.Rows), "next": p.Next})
	return nil
}

// taskReports is a page of a task's received reports for the task page,
// nil for the public.
func (s *Server) taskReports(ctx context.Context, rq *request, taskID int64, after string) (*store.Page[store.Report], error) {
	if rq.user == nil {
		return nil, nil
	}
	p, err := s.receivedReports(ctx, rq, store.ReportFilter{TaskID: taskID, After: after, Limit: 20})
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// apiTaskReports lists a task's received reports with their values,
// those the caller may read.
func (s *Server) apiTaskReports(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, _, err := s.visibleTask(r.Context(), rq, id); err != nil {
		return err
	}
	q := listQuery(r)
	f, err := reportFilter(q)
	if err != nil {
		return err
	}
	f.TaskID = id
	p, err := s.receivedReports(r.Context(), rq, f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"reports": reportsJSON(p.Rows), "next": p.Next})
	return nil
}
