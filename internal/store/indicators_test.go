package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"luoshi/internal/indicator"
	"luoshi/internal/store"
)

// TestFallingTarget: a "<=" target has no baseline until the office sets
// one, a value under it warns of nothing, and with a baseline its
// trajectory comes down to the target.
func TestFallingTarget(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := publish(t, s)
		g := p.tasks[0].Targets[0]
		if err := s.UpdateTarget(ctx, p.office, store.TargetEdit{ID: g.ID, Indicator: "企业开办时间", Value: 3, Unit: "个工作日", Comparator: "<=", Year: 2026}); err != nil {
			t.Fatal(err)
		}
		task, err := s.TaskByID(ctx, p.tasks[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		g = task.Targets[0]
		series, err := s.PlanSeries(ctx, p.plan)
		if err != nil {
			t.Fatal(err)
		}
		sr := series[g.ID]
		mid := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
		if err := s.PutSeriesValue(ctx, p.office, sr.ID, mid, 2, 0); err != nil {
			t.Fatal(err)
		}
		st, err := s.IndicatorStatus(ctx, sr, g, 2026)
		if err != nil {
			t.Fatal(err)
		}
		if !st.BaselineMissing || st.Trajectory.Comparator != indicator.AtMost {
			t.Fatalf("default trajectory of a falling target: missing %v, %+v", st.BaselineMissing, st.Trajectory.Goal)
		}
		if len(st.Assessment.Warnings) != 0 {
			t.Errorf("2 days under a cap of 3 warns: %+v", st.Assessment.Warnings)
		}
		lights, err := s.PlanLights(ctx, p.plan, time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range lights[p.tasks[0].ID].Reasons {
			if r.Rule == indicator.RuleIndicatorWarned {
				t.Errorf("the task's light has an indicator warning: %+v", r)
			}
		}
		// The office sets the baseline: 10 days at the end of 2025.
		goal := st.Trajectory.Goal
		goal.Baseline, goal.NoBaseline = indicator.Point{Date: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), Value: 10}, false
		tr, err := indicator.NewTrajectory(goal, indicator.Quarterly)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetTrajectory(ctx, p.office, sr.ID, tr, 0); err != nil {
			t.Fatal(err)
		}
		st, _ = s.IndicatorStatus(ctx, sr, g, 2026)
		if st.BaselineMissing {
			t.Error("baseline still missing after the office set it")
		}
		prev := st.Trajectory.Baseline.Value
		for _, m := range st.Trajectory.Milestones {
			if m.Value >= prev {
				t.Errorf("milestone %s = %v does not come down from %v", m.Date.Format(time.DateOnly), m.Value, prev)
			}
			prev = m.Value
		}
		if got := st.Trajectory.At(mid); got != 6.5 {
			t.Errorf("expected at mid-year %v, want 6.5", got)
		}
		// 8 days in June is above the way down: a warning.
		if err := s.PutSeriesValue(ctx, p.office, sr.ID, mid, 8, 0); err != nil {
			t.Fatal(err)
		}
		st, _ = s.IndicatorStatus(ctx, sr, g, 2026)
		if len(st.Assessment.Warnings) == 0 || st.Assessment.Warnings[0].Key != indicator.AboveTrajectory {
			t.Errorf("8 days at mid-year: %+v", st.Assessment.Warnings)
		}
	})
}

// TestShareBaselineAndFlags: a rate without a baseline asks for one, and
// implausible values are kept with their flags.
func TestShareBaselineAndFlags(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := publish(t, s)
		g := p.tasks[1].Targets[0] // 冷链流通率 ≥ 40%
		series, err := s.PlanSeries(ctx, p.plan)
		if err != nil {
			t.Fatal(err)
		}
		sr := series[g.ID]
		for _, v := range []struct {
			d string
			v float64
		}{{"2026-03-31", 0.38}, {"2026-06-30", 39}, {"2026-09-30", 120}} {
			d, _ := time.Parse(time.DateOnly, v.d)
			if err := s.PutSeriesValue(ctx, p.office, sr.ID, d, v.v, 0); err != nil {
				t.Fatal(err)
			}
		}
		st, err := s.IndicatorStatus(ctx, sr, g, 2026)
		if err != nil {
			t.Fatal(err)
		}
		if !st.BaselineMissing || !st.Trajectory.NoBaseline {
			t.Errorf("a rate's default trajectory has a baseline: %+v", st.Trajectory.Goal)
		}
		if st.Trajectory.At(time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)) == 20 {
			t.Error("the rate's trajectory starts from 0")
		}
		flags := map[string]string{}
		for _, v := range st.Values {
			flags[v.AsOf] = strings.Join(v.Flags, ",")
		}
		want := map[string]string{"2026-03-31": indicator.FlagFarBelow, "2026-06-30": "", "2026-09-30": indicator.FlagOver100}
		for d, w := range want {
			if flags[d] != w {
				t.Errorf("flags of %s = %q, want %q", d, flags[d], w)
			}
		}
		if len(st.Values) != 3 {
			t.Errorf("implausible values were not kept: %d", len(st.Values))
		}
	})
}
