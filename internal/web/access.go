package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"luoshi/internal/store"
)

// pathID reads a numeric path value; anything else is a 404.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, userError(http.StatusNotFound, "error.not_found")
	}
	return id, nil
}

// visiblePlan returns a plan the caller may read: the office reads every
// plan, signed-in users published ones, the public published plans
// marked public. Anything else is reported as not found, so that drafts
// do not reveal themselves.
func (s *Server) visiblePlan(ctx context.Context, rq *request, id int64) (store.Plan, error) {
	p, err := s.st.PlanByID(ctx, id)
	if err != nil {
		return p, err
	}
	if !canRead(rq, p) {
		return store.Plan{}, fmt.Errorf("plan %d not visible to %s: %w", id, roleOf(rq), store.ErrNotFound)
	}
	return p, nil
}

func canRead(rq *request, p store.Plan) bool {
	switch {
	case rq.is(store.RoleOffice):
		return true
	case p.Status != store.PlanPublished:
		return false
	case rq.user != nil:
		return true
	default:
		return p.Public
	}
}

func roleOf(rq *request) string {
	if rq.user == nil {
		return "public"
	}
	return rq.user.Role
}

// visibleTask returns a task and its plan if the caller may read them.
func (s *Server) visibleTask(ctx context.Context, rq *request, id int64) (store.Task, store.Plan, error) {
	t, err := s.st.TaskByID(ctx, id)
	if err != nil {
		return t, store.Plan{}, err
	}
	p, err := s.visiblePlan(ctx, rq, t.PlanID)
	if err != nil {
		return store.Task{}, p, err
	}
	return t, p, nil
}

// canSeeUnit: the office and viewers see every unit's page, a reporter
// only their own.
func canSeeUnit(rq *request, unitID int64) bool {
	switch {
	case rq.is(store.RoleOffice), rq.is(store.RoleViewer):
		return true
	case rq.is(store.RoleReporter):
		return rq.user.UnitID == unitID
	}
	return false
}

func planListFilter(rq *request) store.PlanListFilter {
	switch {
	case rq.is(store.RoleOffice):
		return store.PlanListFilter{}
	case rq.user != nil:
		return store.PlanListFilter{PublishedOnly: true}
	default:
		return store.PlanListFilter{PublicOnly: true}
	}
}
