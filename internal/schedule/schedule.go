// Package schedule holds the operations on who owes which report when:
// setting a plan's reporting calendar and a task's own frequency, the
// reports a unit owes, and the reports missing for a period. The page
// and the API handlers both call these functions; they hold the rules.
package schedule

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"luoshi/internal/reporting"
	"luoshi/internal/store"
)

// Actor is who asks: only the office sets calendars and frequencies.
type Actor struct {
	store.Actor
	Office bool
}

// Errors of the operations; the web maps them to a status and a message.
var (
	ErrForbidden = errors.New("schedule: only the office sets reporting calendars")
	// ErrNoPeriod is a period key the plan's calendar does not ask for.
	ErrNoPeriod = errors.New("schedule: no such reporting period")
	// ErrStartPeriod is a first period that is not a period key.
	ErrStartPeriod = errors.New("schedule: the first period is not a period")
)

// CalendarInput is the office's calendar, from a form or a JSON body.
// Start and End left empty take the defaults of the plan (see Default);
// StartPeriod, when set, is the key of the first period reported
// ("2026-Q3") and wins over Start.
type CalendarInput struct {
	PlanID      int64    `json:"-"`
	Frequency   string   `json:"frequency"`
	DueDay      int      `json:"due_day"`
	DueAfter    int      `json:"due_after"`
	Dates       []string `json:"dates"`
	Start       string   `json:"start"`
	StartPeriod string   `json:"start_period"`
	End         string   `json:"end"`
	Rev         int      `json:"rev"`
}

// Default is the calendar a plan is offered until the office sets one,
// at now: quarterly, due 10 days after the quarter (5 days into the
// next month when monthly), over the plan's span (reporting.SpanYears),
// from the period now falls in when the plan is taken up after its
// start (reporting.DefaultSpan).
func Default(ctx context.Context, st *store.Store, p store.Plan, now time.Time) (store.Calendar, error) {
	c := store.Calendar{PlanID: p.ID, Frequency: string(reporting.Quarterly), DueDay: reporting.DefaultDueDay, DueAfter: reporting.DefaultDueAfter}
	if err := fillSpan(ctx, st, p, &c, now); err != nil {
		return c, err
	}
	return c, nil
}

// fillSpan gives c the default start and end of its plan where it has
// none.
func fillSpan(ctx context.Context, st *store.Store, p store.Plan, c *store.Calendar, now time.Time) error {
	if c.Start != "" && c.End != "" {
		return nil
	}
	years, err := st.TargetYears(ctx, p.ID)
	if err != nil {
		return err
	}
	first, last := reporting.SpanYears(p.Year, years, now)
	start, end := reporting.DefaultSpan(reporting.Frequency(c.Frequency), first, last, now)
	if c.Start == "" {
		c.Start = start.Format(time.DateOnly)
	}
	if c.End == "" {
		c.End = end.Format(time.DateOnly)
		if c.End < c.Start { // a start the office set after the default end
			c.End = c.Start[:4] + "-12-31"
		}
	}
	return nil
}

// Resolve turns the office's input into the calendar to store: the
// first period's key into the start, empty start and end into the
// plan's defaults at now. The result is not yet validated.
func Resolve(ctx context.Context, st *store.Store, p store.Plan, in CalendarInput, now time.Time) (store.Calendar, error) {
	c := store.Calendar{PlanID: p.ID, Frequency: strings.TrimSpace(in.Frequency), DueDay: in.DueDay, DueAfter: in.DueAfter,
		Start: strings.TrimSpace(in.Start), End: strings.TrimSpace(in.End), Rev: in.Rev}
	for _, d := range in.Dates {
		if d = strings.TrimSpace(d); d != "" {
			c.Dates = append(c.Dates, d)
		}
	}
	if k := strings.TrimSpace(in.StartPeriod); k != "" {
		start, err := periodStart(c, k)
		if err != nil {
			return c, err
		}
		c.Start = start
	}
	return c, fillSpan(ctx, st, p, &c, now)
}

// periodStart is the first day of the period named key, for a calendar
// that is to begin with it. The period of a date calendar begins the
// day after the date before it.
func periodStart(c store.Calendar, key string) (string, error) {
	n, ok := reporting.ParseKey(key)
	if !ok {
		return "", fmt.Errorf("%w: %q", ErrStartPeriod, key)
	}
	loc := reporting.Shanghai()
	if n.Frequency == reporting.Dates && c.Frequency == string(reporting.Dates) {
		prev := ""
		for _, d := range c.Dates {
			if d < key && d > prev {
				prev = d
			}
		}
		if prev == "" {
			return fmt.Sprintf("%d-01-01", n.Year), nil
		}
		t, err := time.ParseInLocation(time.DateOnly, prev, loc)
		if err != nil {
			return "", fmt.Errorf("%w: %w", store.ErrInvalid, err)
		}
		return t.AddDate(0, 0, 1).Format(time.DateOnly), nil
	}
	return n.FirstDay(loc).Format(time.DateOnly), nil
}

// SetCalendar saves the office's calendar of plan p: the first period
// or start day reporting begins with, the last day it covers, the
// frequency and due rules. Start and end left empty take the plan's
// defaults at now. An invalid calendar is store.ErrInvalid; a stale
// revision store.ErrConflict.
func SetCalendar(ctx context.Context, st *store.Store, a Actor, p store.Plan, in CalendarInput, now time.Time) (store.Calendar, error) {
	if !a.Office {
		return store.Calendar{}, ErrForbidden
	}
	c, err := Resolve(ctx, st, p, in, now)
	if err != nil {
		return c, err
	}
	if _, err := st.SetCalendar(ctx, a.Actor, c); err != nil {
		return c, err
	}
	return st.CalendarFor(ctx, p.ID)
}

// SetTaskFrequency sets how often a task reports apart from its plan's
// calendar: "monthly", "quarterly", or "" to follow the calendar.
func SetTaskFrequency(ctx context.Context, st *store.Store, a Actor, taskID int64, freq string) error {
	if !a.Office {
		return ErrForbidden
	}
	return st.SetTaskFrequency(ctx, a.Actor, taskID, strings.TrimSpace(freq))
}

// TaskCalendar is the calendar a task reports by: its plan's, at the
// task's own frequency when it has one.
func TaskCalendar(c store.Calendar, taskFreq string) (reporting.Calendar, error) {
	rc, err := c.Reporting()
	if err != nil {
		return rc, err
	}
	return rc.ForFrequency(reporting.Frequency(taskFreq)), nil
}

// Current is the latest period of cal whose report is due or overdue at
// now; ok is false before the first one (or when the calendar asks for
// none).
func Current(cal reporting.Calendar, now time.Time) (reporting.Period, bool, error) {
	due, overdue, err := reporting.Due(cal, now)
	if err != nil {
		return reporting.Period{}, false, err
	}
	all := append(overdue, due...)
	if len(all) == 0 {
		return reporting.Period{}, false, nil
	}
	best := all[0]
	for _, p := range all[1:] {
		if p.End.After(best.End) {
			best = p
		}
	}
	return best, true, nil
}

// TaskPeriods are the periods a task may report at now, newest first:
// those of its calendar that have begun, from the calendar's start to
// its end (a unit may report the running period early). Current is the
// period reported by default: the latest due or overdue, else the
// newest.
func TaskPeriods(c store.Calendar, taskFreq string, now time.Time) (periods []reporting.Period, current reporting.Period, err error) {
	cal, err := TaskCalendar(c, taskFreq)
	if err != nil {
		return nil, current, err
	}
	from := cal.Start
	if from.IsZero() { // a date calendar without a start
		from = time.Date(1, 1, 1, 0, 0, 0, 0, reporting.Shanghai())
	}
	all, err := reporting.Within(cal, from, now)
	if err != nil {
		return nil, current, err
	}
	for i := len(all) - 1; i >= 0; i-- {
		if !all[i].Start.After(now) {
			periods = append(periods, all[i])
		}
	}
	if len(periods) == 0 {
		return nil, current, nil
	}
	current = periods[0]
	if cur, ok, err := Current(cal, now); err == nil && ok {
		current = cur
	}
	return periods, current, nil
}

// Due is one report a unit owes.
type Due struct {
	Task    store.UnitTask
	Period  reporting.Period
	Overdue int // days past the due day
	State   reporting.State
}

// DueDate is the due day, for templates.
func (d Due) DueDate() string { return d.Period.Due.Format(time.DateOnly) }

// UnitDue lists what a unit owes at now: every period due or overdue on
// its open assignments of published plans, by each task's calendar (at
// the task's own frequency when it has one), without a submitted or
// accepted report, oldest due first, with the state of a draft or a
// returned report. Periods outside a calendar's start and end are never
// owed.
func UnitDue(ctx context.Context, st *store.Store, unitID int64, now time.Time) ([]Due, error) {
	tasks, err := st.UnitTasks(ctx, unitID, store.UnitTaskFilter{PublishedOnly: true})
	if err != nil {
		return nil, err
	}
	cals, err := st.Calendars(ctx)
	if err != nil {
		return nil, err
	}
	states, err := st.ReportStates(ctx, 0, unitID)
	if err != nil {
		return nil, err
	}
	type key struct {
		task   int64
		period string
	}
	have := map[key]reporting.State{}
	for _, s := range states {
		have[key{s.TaskID, s.Period}] = s.State
	}
	type calKey struct {
		plan int64
		freq string
	}
	periods := map[calKey][]reporting.Period{}
	closed := map[int64]map[int64]bool{}
	var out []Due
	for _, t := range tasks {
		c, ok := cals[t.PlanID]
		if !ok {
			continue
		}
		if closed[t.PlanID] == nil {
			if closed[t.PlanID], err = st.ClosedTasks(ctx, t.PlanID); err != nil {
				return nil, err
			}
		}
		if closed[t.PlanID][t.ID] {
			continue
		}
		k := calKey{t.PlanID, t.Frequency}
		ps, ok := periods[k]
		if !ok {
			cal, err := TaskCalendar(c, t.Frequency)
			if err != nil {
				return nil, err
			}
			due, overdue, err := reporting.Due(cal, now)
			if err != nil {
				return nil, err
			}
			ps = append(overdue, due...)
			periods[k] = ps
		}
		for _, p := range ps {
			s := have[key{t.ID, p.Key}]
			if s == reporting.Submitted || s == reporting.Accepted {
				continue
			}
			out = append(out, Due{Task: t, Period: p, Overdue: p.DaysOverdue(now), State: s})
		}
	}
	slices.SortStableFunc(out, func(a, b Due) int { return a.Period.Due.Compare(b.Period.Due) })
	return out, nil
}

// PeriodMissing is a period of a plan and the lead units that have not
// reported it.
type PeriodMissing struct {
	Period  reporting.Period
	Missing []store.Missing
}

// frequencies are the frequencies a plan's tasks report at: the
// calendar's first, then the tasks' own.
func frequencies(ctx context.Context, st *store.Store, c store.Calendar) ([]string, error) {
	own, err := st.PlanFrequencies(ctx, c.PlanID)
	if err != nil {
		return nil, err
	}
	out := []string{""}
	for _, f := range own {
		if f != c.Frequency {
			out = append(out, f)
		}
	}
	return out, nil
}

// CurrentMissing lists, for each frequency the plan's tasks report at
// (the calendar's first), the latest period due or overdue at now and
// the lead units that have not reported it. A frequency with no period
// due yet is left out.
func CurrentMissing(ctx context.Context, st *store.Store, c store.Calendar, now time.Time) ([]PeriodMissing, error) {
	fs, err := frequencies(ctx, st, c)
	if err != nil {
		return nil, err
	}
	var out []PeriodMissing
	for _, f := range fs {
		cal, err := TaskCalendar(c, f)
		if err != nil {
			return nil, err
		}
		cur, ok, err := Current(cal, now)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		ms, err := st.MissingReports(ctx, c.PlanID, cur.Key)
		if err != nil {
			return nil, err
		}
		out = append(out, PeriodMissing{Period: cur, Missing: ms})
	}
	return out, nil
}

// Missing lists the lead units that have not reported the period named
// key, at now: a period of the plan's calendar, or of a frequency its
// tasks report at, that has begun and lies within the calendar's start
// and end; anything else is ErrNoPeriod.
func Missing(ctx context.Context, st *store.Store, c store.Calendar, key string, now time.Time) (PeriodMissing, error) {
	fs, err := frequencies(ctx, st, c)
	if err != nil {
		return PeriodMissing{}, err
	}
	for _, f := range fs {
		ps, _, err := TaskPeriods(c, f, now)
		if err != nil {
			return PeriodMissing{}, err
		}
		for _, p := range ps {
			if p.Key != key {
				continue
			}
			ms, err := st.MissingReports(ctx, c.PlanID, key)
			if err != nil {
				return PeriodMissing{}, err
			}
			return PeriodMissing{Period: p, Missing: ms}, nil
		}
	}
	return PeriodMissing{}, fmt.Errorf("%w: %q", ErrNoPeriod, key)
}

// PlanPeriods are the periods a plan's tasks may report at now, newest
// first, over every frequency they report at (a quarterly plan with a
// monthly task has both its quarters and that task's months), each
// within the calendar's start and end. Current is the one the office
// looks at by default: the calendar's latest due or overdue period, else
// that of the first frequency that has one, else the newest period.
func PlanPeriods(ctx context.Context, st *store.Store, c store.Calendar, now time.Time) (periods []reporting.Period, current reporting.Period, err error) {
	fs, err := frequencies(ctx, st, c)
	if err != nil {
		return nil, current, err
	}
	seen := map[string]bool{}
	found := false
	for _, f := range fs {
		ps, cur, err := TaskPeriods(c, f, now)
		if err != nil {
			return nil, current, err
		}
		if len(ps) > 0 && !found {
			current, found = cur, true
		}
		for _, p := range ps {
			if !seen[p.Key] {
				seen[p.Key] = true
				periods = append(periods, p)
			}
		}
	}
	slices.SortStableFunc(periods, func(a, b reporting.Period) int {
		if d := b.End.Compare(a.End); d != 0 {
			return d
		}
		return b.Start.Compare(a.Start)
	})
	return periods, current, nil
}
