package supervision

import (
	"context"
	"errors"
	"fmt"

	"luoshi/internal/reporting"
	"luoshi/internal/store"
)

// Change is a reporter's change to their unit's report on a task for a
// period: save a draft, submit it, or revise a returned report.
type Change struct {
	TaskID int64
	Period string
	Rev    int // the revision the reporter saw
	Kind   reporting.ActionKind
	// Patch changes the stored content: required to save, optional to
	// submit (nil submits the draft as stored), none to revise.
	Patch *reporting.Patch
}

// Change applies a reporter's change. The actor's unit must be assigned
// to the task (reporting.ErrForbidden); the values must be of the task's
// own targets (a reporting.ContentError naming each other one); then
// reporting.Transition decides, and the store guards the revision
// (reporting.ErrStale when someone changed the report meanwhile).
func (s *Service) Change(ctx context.Context, a Actor, c Change) (store.Report, error) {
	switch {
	case c.Kind == reporting.Save && c.Patch == nil,
		c.Kind == reporting.Revise && c.Patch != nil,
		c.Kind != reporting.Save && c.Kind != reporting.Submit && c.Kind != reporting.Revise:
		return store.Report{}, ErrAction
	}
	sc, err := s.ScopeOf(ctx, a, c.TaskID, c.Period)
	if err != nil {
		return store.Report{}, err
	}
	var content func(reporting.Content) reporting.Content
	if c.Patch != nil {
		content = c.Patch.Apply
	}
	return s.change(ctx, a, sc, c.Kind, c.Rev, content)
}

// NoProgress submits, in one step, a report saying nothing new happened
// this period (本期无新进展): the unit's last report's status, progress,
// confidence, problems and next steps carried forward, with no values or
// files. reporting.ErrNothingToCarry when the unit has no earlier report
// on the task, or its last said the task was done.
func (s *Service) NoProgress(ctx context.Context, a Actor, taskID int64, period string, rev int) (store.Report, error) {
	sc, err := s.ScopeOf(ctx, a, taskID, period)
	if err != nil {
		return store.Report{}, err
	}
	if sc.Role == "" {
		return store.Report{}, reporting.ErrForbidden
	}
	last, err := s.st.LastReport(ctx, sc.Task.ID, a.UnitID, sc.Period.Key)
	if errors.Is(err, store.ErrNotFound) {
		return store.Report{}, s.refuse(ctx, a, sc, reporting.ErrNothingToCarry)
	}
	if err != nil {
		return store.Report{}, err
	}
	carried, err := reporting.CarryForward(last.Content)
	if err != nil {
		return store.Report{}, s.refuse(ctx, a, sc, err)
	}
	return s.change(ctx, a, sc, reporting.Submit, rev, func(reporting.Content) reporting.Content { return carried })
}

// change runs one reporter's action on their unit's report in scope.
func (s *Service) change(ctx context.Context, a Actor, sc Scope, kind reporting.ActionKind, rev int, content func(reporting.Content) reporting.Content) (store.Report, error) {
	if sc.Role == "" {
		return store.Report{}, reporting.ErrForbidden
	}
	before, err := s.current(ctx, a, sc)
	if err != nil {
		return store.Report{}, err
	}
	act := reporting.Action{Kind: kind, BasedOn: rev, At: s.now().UTC()}
	var targets error
	if content != nil {
		c := content(before.Content)
		act.Content = &c
		targets = reporting.CheckTargets(c.Values, sc.Keys())
	}
	after, err := reporting.Transition(before.Report, act, a.rep())
	var ce reporting.ContentError
	switch {
	case err == nil && targets != nil:
		err = targets
	case errors.As(err, &ce) && targets != nil:
		err = append(ce, targets.(reporting.ContentError)...)
	}
	if err != nil {
		if errors.Is(err, reporting.ErrForbidden) {
			return store.Report{}, err
		}
		return store.Report{}, &Refused{Err: err, Current: before}
	}
	out, err := s.st.WriteReport(ctx, a.store(), store.ReportWrite{Before: before, After: after, Action: kind, PlanID: sc.Plan.ID,
		AsOf: sc.Period.Last(), Region: sc.Plan.Region})
	if errors.Is(err, store.ErrConflict) {
		return store.Report{}, s.refuse(ctx, a, sc, fmt.Errorf("%w: %w", reporting.ErrStale, err))
	}
	return out, err
}

// current is the newest version of the actor's unit's report in scope,
// or the first draft of one when none is stored.
func (s *Service) current(ctx context.Context, a Actor, sc Scope) (store.Report, error) {
	r, err := s.st.LatestReport(ctx, sc.Task.ID, a.UnitID, sc.Period.Key)
	if errors.Is(err, store.ErrNotFound) {
		lead := sc.Lead
		if sc.Role == "lead" {
			lead = a.UnitID
		}
		return store.Report{Report: reporting.New(sc.Task.ID, sc.Period.Key, a.UnitID, lead), PlanID: sc.Plan.ID}, nil
	}
	return r, err
}

// refuse wraps err with the actor's report as stored now.
func (s *Service) refuse(ctx context.Context, a Actor, sc Scope, err error) error {
	cur, cerr := s.current(ctx, a, sc)
	if cerr != nil {
		return errors.Join(err, cerr)
	}
	return &Refused{Err: err, Current: cur}
}

// Decision is the office's accept or return of a submitted report.
type Decision struct {
	ReportID int64
	Kind     reporting.ActionKind // Accept or Return
	Rev      int
	Comment  string
}

// Decide accepts or returns a report. Accepting an official report puts
// its values in the official series at the period's last day; a
// contribution's never enter it; a returned report's leave it.
func (s *Service) Decide(ctx context.Context, a Actor, d Decision) (store.Report, error) {
	if d.Kind != reporting.Accept && d.Kind != reporting.Return {
		return store.Report{}, ErrAction
	}
	before, err := s.readable(ctx, a, d.ReportID)
	if err != nil {
		return before, err
	}
	after, err := reporting.Transition(before.Report, reporting.Action{Kind: d.Kind, BasedOn: d.Rev, Comment: d.Comment, At: s.now().UTC()}, a.rep())
	if err != nil {
		return before, err
	}
	w := store.ReportWrite{Before: before, After: after, Action: d.Kind, PlanID: before.PlanID}
	if d.Kind == reporting.Accept && after.Kind() == reporting.Official && len(after.Content.Values) > 0 {
		if w.AsOf, err = s.periodEnd(ctx, before); err != nil {
			return before, err
		}
	}
	out, err := s.st.WriteReport(ctx, a.store(), w)
	if errors.Is(err, store.ErrConflict) {
		return out, fmt.Errorf("%w: %w", reporting.ErrStale, err)
	}
	return out, err
}

// readable returns a report the actor may read, as they may see it;
// others are not found, so that drafts do not reveal themselves.
func (s *Service) readable(ctx context.Context, a Actor, id int64) (store.Report, error) {
	r, err := s.st.ReportByID(ctx, id)
	if err != nil {
		return r, err
	}
	if !reporting.CanRead(r.Report, a.rep()) {
		return store.Report{}, fmt.Errorf("report %d not readable by %s: %w", id, a.Role, store.ErrNotFound)
	}
	r.Report = reporting.Redact(r.Report, a.rep())
	return r, nil
}

// Report returns one version of a report and the versions of the same
// unit, task and period the actor may read, oldest first.
func (s *Service) Report(ctx context.Context, a Actor, id int64) (store.Report, []store.Report, error) {
	r, err := s.readable(ctx, a, id)
	if err != nil {
		return r, nil, err
	}
	all, err := s.st.ReportVersions(ctx, r.TaskID, r.UnitID, r.Period)
	if err != nil {
		return r, nil, err
	}
	return r, s.visible(a, all), nil
}

// visible keeps the reports the actor may read, as they may see them.
func (s *Service) visible(a Actor, rs []store.Report) []store.Report {
	var out []store.Report
	for _, r := range rs {
		if reporting.CanRead(r.Report, a.rep()) {
			r.Report = reporting.Redact(r.Report, a.rep())
			out = append(out, r)
		}
	}
	return out
}
