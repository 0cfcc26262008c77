package store_test

import (
	"context"
	"fmt"
	"testing"

	"luoshi/internal/plan"
	"luoshi/internal/store"
	"luoshi/internal/store/storetest"
)

// Province-sized store: 30 plans of 100 tasks, 300 units, each task with
// one or two lead units and two cooperating ones (about 10,000
// assignments).
const (
	benchPlans = 30
	benchTasks = 100
	benchUnits = 300
)

func loadProvince(b *testing.B, s *store.Store) (planID, unitID int64) {
	ctx := context.Background()
	unitIDs := make([]int64, benchUnits)
	for i := range unitIDs {
		id, err := s.CreateUnit(ctx, office, store.Unit{Name: fmt.Sprintf("单位%03d", i), Region: "西岭省"})
		if err != nil {
			b.Fatal(err)
		}
		unitIDs[i] = id
	}
	n := 0
	for p := 0; p < benchPlans; p++ {
		pl := &plan.Plan{Document: plan.Document{Title: fmt.Sprintf("西岭省第%d号计划", p), Region: "西岭省", Year: 2026}}
		src := pl.Document.Title + "\n"
		for sec := 0; sec < 5; sec++ {
			pl.Headings = append(pl.Headings, plan.Heading{Label: fmt.Sprint(sec), Level: 1, Title: "部分", Path: []string{fmt.Sprint(sec)}})
		}
		for t := 0; t < benchTasks; t++ {
			text := fmt.Sprintf("%d.第%d号计划第%d项任务，推进重点工作落实。", t+1, p, t)
			src += text + "\n"
			task := plan.Task{Label: fmt.Sprint(t + 1), Path: []string{fmt.Sprint(t % 5)}, Text: text, TaskForce: fmt.Sprintf("专班%d", t%4),
				Targets: []plan.Target{{Indicator: "指标", Value: float64(t), Unit: "%", Comparator: plan.AtLeast}}}
			roles := []plan.Role{plan.Lead, plan.Cooperating, plan.Cooperating}
			if t%3 == 0 {
				roles = append(roles, plan.Lead)
			}
			for _, r := range roles {
				task.Units = append(task.Units, plan.UnitMention{Name: fmt.Sprintf("单位%03d", (n*7)%benchUnits), Role: r})
				n++
			}
			pl.Tasks = append(pl.Tasks, task)
		}
		pl.Source = src
		id, err := s.CreatePlan(ctx, office, store.NewPlan{Plan: pl})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Publish(ctx, office, id); err != nil {
			b.Fatal(err)
		}
		planID = id
	}
	return planID, unitIDs[benchUnits/2]
}

func BenchmarkProvince(b *testing.B) {
	ctx := context.Background()
	for _, e := range storetest.Engines(b) {
		s := e.Open(b)
		planID, unitID := loadProvince(b, s)
		sum, err := s.Overview(ctx, store.PlanListFilter{})
		if err != nil {
			b.Fatal(err)
		}
		total := 0
		for _, p := range sum {
			total += p.Assignments
		}
		b.Logf("%s: %d plans, %d tasks, %d assignments", e.Name, len(sum), benchPlans*benchTasks, total)

		b.Run(e.Name+"/unit_tasks", func(b *testing.B) {
			for b.Loop() {
				ts, err := s.UnitTasks(ctx, unitID, store.UnitTaskFilter{PublishedOnly: true})
				if err != nil || len(ts) == 0 {
					b.Fatal(len(ts), err)
				}
			}
		})
		b.Run(e.Name+"/plan_outline", func(b *testing.B) {
			for b.Loop() {
				o, err := s.PlanOutline(ctx, planID, store.TaskFilter{})
				if err != nil || len(o.Tasks) != benchTasks {
					b.Fatal(len(o.Tasks), err)
				}
			}
		})
		b.Run(e.Name+"/office_overview", func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Overview(ctx, store.PlanListFilter{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
