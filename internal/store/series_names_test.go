package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"luoshi/internal/reporting"
	"luoshi/internal/store"
	"luoshi/internal/store/storetest"
)

// TestSeriesNamesKeepCase: a series is named as its targets write the
// indicator (新建5G基站), though its key folds case; a series made from a
// report's value before its targets were read, under its key's folded
// name, takes the targets' name once they are.
func TestSeriesNamesKeepCase(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sample := storetest.SamplePlan()
		sample.Tasks[1].Targets[0].Indicator = "新建5G基站"
		unit, err := s.CreateUnit(ctx, office, store.Unit{Name: "省商务厅", Region: "西岭省"})
		if err != nil {
			t.Fatal(err)
		}
		id, err := s.CreatePlan(ctx, office, store.NewPlan{Plan: sample})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Publish(ctx, office, id); err != nil {
			t.Fatal(err)
		}
		o, _ := s.PlanOutline(ctx, id, store.TaskFilter{})
		task := o.Tasks[1]
		key := store.TargetKey(task.Targets[0], "西岭省").String()
		if key != "新建5g基站|%|西岭省" {
			t.Fatalf("key = %q", key)
		}
		// A report's value makes the series first, under its key's name.
		r := reporting.New(task.ID, "2026-Q1", unit, unit)
		c := &reporting.Content{Status: reporting.OnTrack, Progress: 20, Confidence: reporting.Confident, Done: "开工",
			Values: []reporting.Value{{Indicator: key, Value: 12}}}
		sub, err := reporting.Transition(r, reporting.Action{Kind: reporting.Submit, BasedOn: r.Rev, Content: c,
			At: time.Date(2026, 4, 3, 0, 0, 0, 0, time.UTC)}, reporting.Actor{Role: reporting.Reporter, UnitID: unit})
		if err != nil {
			t.Fatal(err)
		}
		before, err := s.WriteReport(ctx, office, store.ReportWrite{After: sub, Action: reporting.Submit, PlanID: id})
		if err != nil {
			t.Fatal(err)
		}
		// Its values enter the series when the office accepts it.
		acc, err := reporting.Transition(before.Report, reporting.Action{Kind: reporting.Accept, BasedOn: before.Rev,
			At: time.Date(2026, 4, 5, 0, 0, 0, 0, time.UTC)}, reporting.Actor{Role: reporting.Office})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.WriteReport(ctx, office, store.ReportWrite{Before: before, After: acc, Action: reporting.Accept, PlanID: id,
			AsOf: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC), Region: "西岭省"}); err != nil {
			t.Fatal(err)
		}
		if name, err := s.SeriesName(ctx, key); err != nil || name != "新建5g基站" {
			t.Fatalf("series made from a report: %q, %v", name, err)
		}
		series, err := s.PlanSeries(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if sr := series[task.Targets[0].ID]; sr.Name != "新建5G基站" || sr.Key != key {
			t.Errorf("series after reading the targets = %+v", sr)
		}
		if name, _ := s.SeriesName(ctx, key); name != "新建5G基站" {
			t.Errorf("stored name = %q", name)
		}
		// The others, made from their targets, are named as written.
		for _, g := range o.Tasks[0].Targets {
			if sr := series[g.ID]; sr.Name != g.Indicator {
				t.Errorf("series of %q named %q", g.Indicator, sr.Name)
			}
		}
		if _, err := s.SeriesName(ctx, "无此指标||"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown key: %v", err)
		}
	})
}
