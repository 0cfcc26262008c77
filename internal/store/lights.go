package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"luoshi/internal/indicator"
	"luoshi/internal/reporting"
)

// IndicatorState is a series with its trajectory, values and assessment.
type IndicatorState struct {
	Series     Series
	Trajectory indicator.Trajectory
	Rev        int  // of the stored trajectory, 0 for the default one
	Custom     bool // the office set the trajectory
	Values     []SeriesValue
	Points     []indicator.Point
	// BaselineMissing says the trajectory lacks the baseline value a rate,
	// a share or a falling target needs; the office is asked for it.
	BaselineMissing bool
	// Assessment is nil until a value is reported.
	Assessment *indicator.Assessment
}

// DefaultTrajectory is the trajectory of a target until the office sets
// one: from 0 at the end of the year before the plan's year to the
// target at the end of its year (the plan's year when it names none, the
// fallback year when neither does), in yearly steps. A rate, a share or
// a falling target does not start from 0: its trajectory has no
// baseline (indicator.Goal.NoBaseline) until the office sets one.
func DefaultTrajectory(sr Series, t Target, planYear, fallbackYear int) (indicator.Trajectory, error) {
	year := t.Year
	if year == 0 {
		year = planYear
	}
	if year == 0 {
		year = fallbackYear
	}
	base := planYear
	if base == 0 || base > year {
		base = year
	}
	cmp := t.Comparator
	if cmp == "" {
		cmp = indicator.AtLeast
	}
	g := indicator.Goal{
		Indicator:  indicator.Key{Name: sr.Name, Unit: sr.Unit, Region: sr.Region},
		Baseline:   indicator.Point{Date: time.Date(base-1, 12, 31, 0, 0, 0, 0, time.UTC)},
		Target:     indicator.Point{Date: time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC), Value: t.Value},
		Comparator: cmp,
	}
	if indicator.NeedsBaseline(t.Indicator, t.Unit, cmp) {
		g.Baseline.Value, g.NoBaseline = t.Value, true
	}
	return indicator.NewTrajectory(g, indicator.Yearly)
}

// IndicatorStatus assesses a series: its stored trajectory, or the
// default one of target when the office set none.
func (s *Store) IndicatorStatus(ctx context.Context, sr Series, t Target, planYear int) (IndicatorState, error) {
	st := IndicatorState{Series: sr}
	tr, rev, err := s.Trajectory(ctx, sr)
	switch {
	case err == nil:
		st.Trajectory, st.Rev, st.Custom = tr, rev, true
	case errors.Is(err, ErrNotFound):
		if st.Trajectory, err = DefaultTrajectory(sr, t, planYear, s.now().In(reporting.Shanghai()).Year()); err != nil {
			return st, fmt.Errorf("store: default trajectory of series %d: %w", sr.ID, err)
		}
	default:
		return st, err
	}
	if st.Values, err = s.SeriesValues(ctx, sr.ID); err != nil {
		return st, err
	}
	st.BaselineMissing = st.Trajectory.NoBaseline
	for i, v := range st.Values {
		st.Values[i].Flags = indicator.Plausible(indicator.ValueCheck{Name: t.Indicator, Unit: t.Unit, Target: t.Value, Value: v.Value})
		p, err := v.Point()
		if err != nil {
			return st, err
		}
		st.Points = append(st.Points, p)
	}
	if len(st.Points) > 0 {
		a, err := indicator.Assess(st.Trajectory, st.Points, indicator.DefaultOptions())
		if err != nil {
			return st, fmt.Errorf("store: assess series %d: %w", sr.ID, err)
		}
		st.Assessment = &a
	}
	return st, nil
}

// TaskLight is a task's light with the rules that set it.
type TaskLight struct {
	TaskID  int64
	Color   indicator.Color
	Reasons []indicator.Reason
	// State is what the light was computed from.
	State indicator.TaskState
}

// PlanLights computes the light of every task of a published plan at
// now, from its deadline, its calendar and reports, its closing and the
// indicators of its targets, under the office's thresholds.
func (s *Store) PlanLights(ctx context.Context, planID int64, now time.Time) (map[int64]TaskLight, error) {
	lp, err := s.LitPlan(ctx, planID, now)
	return lp.Lights, err
}

// LitPlan is a plan's outline with the light of every task, as
// PlanLights computes them.
func (s *Store) LitPlan(ctx context.Context, planID int64, now time.Time) (LitPlan, error) {
	o, err := s.PlanOutline(ctx, planID, TaskFilter{})
	if err != nil {
		return LitPlan{}, err
	}
	lights, err := s.planLights(ctx, planID, o, now)
	return LitPlan{Outline: o, Lights: lights}, err
}

func (s *Store) planLights(ctx context.Context, planID int64, o Outline, now time.Time) (map[int64]TaskLight, error) {
	p, err := s.PlanByID(ctx, planID)
	if err != nil {
		return nil, err
	}
	th, _, err := s.Thresholds(ctx)
	if err != nil {
		return nil, err
	}
	// The periods overdue at now, per frequency a task reports at: its
	// own, else the calendar's ("").
	overdue := map[string][]reporting.Period{}
	var cal *reporting.Calendar
	if c, err := s.CalendarFor(ctx, planID); err == nil {
		rc, err := c.Reporting()
		if err != nil {
			return nil, err
		}
		cal = &rc
	} else if !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	overdueFor := func(freq string) ([]reporting.Period, error) {
		if cal == nil {
			return nil, nil
		}
		ps, ok := overdue[freq]
		if !ok {
			var err error
			if _, ps, err = reporting.Due(cal.ForFrequency(reporting.Frequency(freq)), now); err != nil {
				return nil, err
			}
			overdue[freq] = ps
		}
		return ps, nil
	}
	states, err := s.ReportStates(ctx, planID, 0)
	if err != nil {
		return nil, err
	}
	// The newest official report that is not a draft, per task, and the
	// periods each task's lead unit reported.
	type key struct {
		task   int64
		period string
	}
	reported := map[key]bool{}
	latest := map[int64]ReportState{}
	for _, st := range states { // ordered by period
		if !st.Lead || st.State == reporting.Draft {
			continue
		}
		if st.State == reporting.Submitted || st.State == reporting.Accepted {
			reported[key{st.TaskID, st.Period}] = true
		}
		latest[st.TaskID] = st
	}
	closed, err := s.ClosedTasks(ctx, planID)
	if err != nil {
		return nil, err
	}
	series, err := s.PlanSeries(ctx, planID)
	if err != nil {
		return nil, err
	}
	assessed := map[int64][]indicator.Warning{}
	loc := reporting.Shanghai()
	out := make(map[int64]TaskLight, len(o.Tasks))
	for _, t := range o.Tasks {
		in := indicator.TaskState{Closed: closed[t.ID]}
		if d, err := time.ParseInLocation(time.DateOnly, t.Deadline, loc); err == nil {
			in.Deadline = d
		}
		if st, ok := latest[t.ID]; ok {
			in.Status, in.Confidence = st.Status, st.Conf
		} else if t.Status == string(reporting.Done) {
			in.Status = reporting.Done
		}
		hasLead := false
		for _, u := range t.Units {
			if u.Role == "lead" && u.UnitID != 0 {
				hasLead = true
			}
		}
		if hasLead {
			overdue, err := overdueFor(t.Frequency)
			if err != nil {
				return nil, err
			}
			for _, per := range overdue {
				if !reported[key{t.ID, per.Key}] {
					in.Unreported = append(in.Unreported, per)
				}
			}
		}
		for _, g := range t.Targets {
			sr, ok := series[g.ID]
			if !ok {
				continue
			}
			ws, done := assessed[sr.ID]
			if !done {
				is, err := s.IndicatorStatus(ctx, sr, g, p.Year)
				if err != nil {
					return nil, err
				}
				if is.Assessment != nil {
					ws = is.Assessment.Warnings
				}
				assessed[sr.ID] = ws
			}
			in.Warnings = append(in.Warnings, ws...)
		}
		c, rs := indicator.Light(in, th, now)
		out[t.ID] = TaskLight{TaskID: t.ID, Color: c, Reasons: rs, State: in}
	}
	return out, nil
}

// CurrentPeriod is the latest period of a calendar whose report is due
// or overdue at now; ok is false before the first one.
func CurrentPeriod(c Calendar, now time.Time) (reporting.Period, bool, error) {
	rc, err := c.Reporting()
	if err != nil {
		return reporting.Period{}, false, err
	}
	due, overdue, err := reporting.Due(rc, now)
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
