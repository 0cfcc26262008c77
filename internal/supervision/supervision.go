// Package supervision is the supervision cycle's operations on reports:
// save, submit, revise, carry forward, accept, return, remind, and what
// each reader may see of them. Every operation takes the actor and a
// typed input, checks permission and the reporting rules, and runs one
// store transaction; the pages and the JSON API only decode the request
// and encode the answer.
package supervision

import (
	"context"
	"errors"
	"fmt"
	"time"

	"luoshi/internal/reporting"
	"luoshi/internal/schedule"
	"luoshi/internal/store"
)

// Errors of the operations beside reporting's and store's; the web
// layer maps each to a status and a message in one place.
var (
	ErrNoCalendar   = errors.New("the plan has no reporting calendar")
	ErrNoPeriod     = errors.New("no such reporting period")
	ErrAction       = errors.New("unknown report action")
	ErrNoReminders  = errors.New("no reminder to send")
	ErrReminderLong = errors.New("reminder message too long")
	ErrNotAssigned  = errors.New("the unit is not assigned to the task")
	// ErrUnpublished: a reminder about a task of a plan not published,
	// which its units may not read and owe nothing for.
	ErrUnpublished = errors.New("the task's plan is not published")
	// ErrTooManyReminders is an "all matching" over MaxBulkReminders.
	ErrTooManyReminders = errors.New("too many reminders in one action")
)

// MaxReminderRunes bounds a reminder's message.
const MaxReminderRunes = 500

// Actor is the user acting.
type Actor struct {
	UserID   int64
	Username string
	Role     reporting.Role
	UnitID   int64
}

func (a Actor) rep() reporting.Actor {
	return reporting.Actor{UserID: a.UserID, Role: a.Role, UnitID: a.UnitID}
}

func (a Actor) store() store.Actor { return store.Actor{UserID: a.UserID, Username: a.Username} }

// Options are a Service's optional dependencies.
type Options struct {
	// Now is the clock of the actions; time.Now when nil.
	Now func() time.Time
	// Mail sends a reminder by e-mail and tells whether it went; nil
	// sends none. The inbox has every reminder in any case.
	Mail func(ctx context.Context, m store.Reminder) bool
}

// Service runs the operations over a store.
type Service struct {
	st   *store.Store
	now  func() time.Time
	mail func(ctx context.Context, m store.Reminder) bool
}

// New returns a Service over st.
func New(st *store.Store, o Options) *Service {
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Service{st: st, now: o.Now, mail: o.Mail}
}

// Refused is an operation refused after the caller's report was found:
// Current is that report as stored now, for the caller to compare with
// what they sent.
type Refused struct {
	Err     error
	Current store.Report
}

func (e *Refused) Error() string { return e.Err.Error() }
func (e *Refused) Unwrap() error { return e.Err }

// Scope is a task, its plan, and one period of its calendar, as one
// actor reaches them.
type Scope struct {
	Task store.Task
	Plan store.Plan
	// Period is the period named, the current one when none was.
	Period reporting.Period
	// Periods are the calendar's periods up to the current one, newest
	// first: a unit may report the running period early.
	Periods []reporting.Period
	// Lead is the task's (first) lead unit.
	Lead int64
	// Role is the actor's unit's role on the task: "lead",
	// "cooperating", or "" for a unit not assigned and for other users.
	Role string
}

// Region is the region of the plan's series.
func (sc Scope) Region() string { return sc.Plan.Region }

// Keys are the series keys of the task's targets: the only indicators
// its reports carry values for.
func (sc Scope) Keys() map[string]bool {
	keys := map[string]bool{}
	for _, g := range sc.Task.Targets {
		if g.Indicator != "" {
			keys[store.TargetKey(g, sc.Plan.Region).String()] = true
		}
	}
	return keys
}

// ScopeOf loads a task the actor may read and the period named (the
// current one when period is ""). A plan not published, or without a
// calendar, has no periods to report.
func (s *Service) ScopeOf(ctx context.Context, a Actor, taskID int64, period string) (Scope, error) {
	var sc Scope
	t, err := s.st.TaskByID(ctx, taskID)
	if err != nil {
		return sc, err
	}
	p, err := s.st.PlanByID(ctx, t.PlanID)
	if err != nil {
		return sc, err
	}
	if p.Status != store.PlanPublished {
		if a.Role != reporting.Office {
			return sc, fmt.Errorf("task %d of an unpublished plan: %w", taskID, store.ErrNotFound)
		}
		return sc, ErrNoCalendar
	}
	sc.Task, sc.Plan = t, p
	sc.Lead = leadOf(t)
	sc.Role = roleOf(a, t)
	c, err := s.st.CalendarFor(ctx, p.ID)
	if errors.Is(err, store.ErrNotFound) {
		return sc, ErrNoCalendar
	}
	if err != nil {
		return sc, err
	}
	// Periods up to the current one, by the task's own frequency when
	// it has one: a unit may report the running period early.
	var cur reporting.Period
	if sc.Periods, cur, err = schedule.TaskPeriods(c, t.Frequency, s.now()); err != nil {
		return sc, err
	}
	if len(sc.Periods) == 0 {
		return sc, ErrNoPeriod
	}
	if period == "" {
		period = cur.Key
	}
	for _, per := range sc.Periods {
		if per.Key == period {
			sc.Period = per
			return sc, nil
		}
	}
	return sc, ErrNoPeriod
}

func calendarStart(cal reporting.Calendar, p store.Plan) time.Time {
	if !cal.Start.IsZero() {
		return cal.Start
	}
	return time.Date(p.Year, 1, 1, 0, 0, 0, 0, reporting.Shanghai())
}

// periodEnd is the last day of a report's period, the date its values
// stand for, by its task's own frequency when it has one.
func (s *Service) periodEnd(ctx context.Context, r store.Report) (time.Time, error) {
	p, err := s.st.PlanByID(ctx, r.PlanID)
	if err != nil {
		return time.Time{}, err
	}
	t, err := s.st.TaskByID(ctx, r.TaskID)
	if err != nil {
		return time.Time{}, err
	}
	c, err := s.st.CalendarFor(ctx, r.PlanID)
	if errors.Is(err, store.ErrNotFound) {
		return time.Time{}, ErrNoCalendar
	}
	if err != nil {
		return time.Time{}, err
	}
	cal, err := schedule.TaskCalendar(c, t.Frequency)
	if err != nil {
		return time.Time{}, err
	}
	all, err := reporting.Periods(cal, calendarStart(cal, p), s.now().AddDate(1, 0, 0))
	if err != nil {
		return time.Time{}, err
	}
	for _, per := range all {
		if per.Key == r.Period {
			return per.Last(), nil
		}
	}
	return time.Time{}, fmt.Errorf("period %q of plan %d: %w", r.Period, r.PlanID, ErrNoPeriod)
}

func leadOf(t store.Task) int64 {
	for _, u := range t.Units {
		if u.Role == "lead" && u.UnitID != 0 {
			return u.UnitID
		}
	}
	return 0
}

// roleOf is a reporter's unit's role on the task, "" when none.
func roleOf(a Actor, t store.Task) string {
	if a.Role != reporting.Reporter || a.UnitID == 0 {
		return ""
	}
	role := ""
	for _, u := range t.Units {
		if u.UnitID == a.UnitID {
			if u.Role == "lead" {
				return "lead"
			}
			role = u.Role
		}
	}
	return role
}

// leads tells whether unit leads the task.
func leads(t store.Task, unit int64) bool {
	for _, u := range t.Units {
		if u.Role == "lead" && u.UnitID != 0 && u.UnitID == unit {
			return true
		}
	}
	return false
}
