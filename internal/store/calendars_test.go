package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"luoshi/internal/reporting"
	"luoshi/internal/store"
)

// TestCalendarEnd: a calendar keeps its end; one that ends before it
// starts is refused.
func TestCalendarEnd(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := publish(t, s)
		bad := store.Calendar{PlanID: p.plan, Frequency: "quarterly", DueAfter: 10, Start: "2026-07-01", End: "2026-06-30"}
		if _, err := s.SetCalendar(ctx, office, bad); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("end before start: %v, want ErrInvalid", err)
		}
		if _, err := s.SetCalendar(ctx, office, store.Calendar{PlanID: p.plan, Frequency: "quarterly", DueAfter: 10, Start: "2026-01-01", End: "2026-13-01"}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("end not a date: %v, want ErrInvalid", err)
		}
		c := store.Calendar{PlanID: p.plan, Frequency: "quarterly", DueAfter: 10, Start: "2026-04-01", End: "2026-12-31"}
		if _, err := s.SetCalendar(ctx, office, c); err != nil {
			t.Fatal(err)
		}
		got, err := s.CalendarFor(ctx, p.plan)
		if err != nil || got.End != "2026-12-31" || got.Start != "2026-04-01" {
			t.Fatalf("calendar = %+v, %v", got, err)
		}
		rc, err := got.Reporting()
		if err != nil || rc.End.Format("2006-01-02") != "2026-12-31" {
			t.Fatalf("reporting calendar end %v, %v", rc.End, err)
		}
		all, err := s.Calendars(ctx)
		if err != nil || all[p.plan].End != "2026-12-31" {
			t.Errorf("Calendars: %+v, %v", all[p.plan], err)
		}
	})
}

// TestTaskFrequency: the office sets a task's own frequency, which the
// task lists carry and the missing reports of a period follow.
func TestTaskFrequency(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := publish(t, s)
		if _, err := s.SetCalendar(ctx, office, store.Calendar{PlanID: p.plan, Frequency: "quarterly", DueAfter: 10, Start: "2026-01-01", End: "2026-12-31"}); err != nil {
			t.Fatal(err)
		}
		cold, night := p.tasks[1], p.tasks[2] // both led by 省商务厅
		if err := s.SetTaskFrequency(ctx, office, cold.ID, "weekly"); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("weekly: %v, want ErrInvalid", err)
		}
		if err := s.SetTaskFrequency(ctx, office, 1<<40, "monthly"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("no such task: %v, want ErrNotFound", err)
		}
		if err := s.SetTaskFrequency(ctx, office, cold.ID, "monthly"); err != nil {
			t.Fatal(err)
		}
		got, err := s.TaskByID(ctx, cold.ID)
		if err != nil || got.Frequency != "monthly" {
			t.Fatalf("task frequency = %q, %v", got.Frequency, err)
		}
		mine, err := s.UnitTasks(ctx, p.swt, store.UnitTaskFilter{PublishedOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		freq := map[int64]string{}
		for _, ut := range mine {
			freq[ut.ID] = ut.Frequency
		}
		if freq[cold.ID] != "monthly" || freq[night.ID] != "" {
			t.Errorf("unit tasks' frequencies = %v", freq)
		}
		fs, err := s.PlanFrequencies(ctx, p.plan)
		if err != nil || len(fs) != 1 || fs[0] != "monthly" {
			t.Errorf("PlanFrequencies = %v, %v", fs, err)
		}
		tasksOf := func(period string) map[int64]bool {
			ms, err := s.MissingReports(ctx, p.plan, period)
			if err != nil {
				t.Fatal(err)
			}
			out := map[int64]bool{}
			for _, m := range ms {
				out[m.TaskID] = true
			}
			return out
		}
		q := tasksOf("2026-Q1")
		if q[cold.ID] || !q[night.ID] {
			t.Errorf("missing for 2026-Q1: %v; the monthly task owes no quarter, the other does", q)
		}
		m := tasksOf("2026-03")
		if !m[cold.ID] || m[night.ID] || len(m) != 1 {
			t.Errorf("missing for 2026-03: %v; only the monthly task owes a month", m)
		}
		if got := tasksOf("not a period"); len(got) != 0 {
			t.Errorf("missing for a bad key: %v", got)
		}
		// The lights count the periods each task owes at its own frequency.
		lights, err := s.PlanLights(ctx, p.plan, time.Date(2026, 4, 20, 9, 0, 0, 0, reporting.Shanghai()))
		if err != nil {
			t.Fatal(err)
		}
		unreported := func(id int64) string {
			var ks []string
			for _, per := range lights[id].State.Unreported {
				ks = append(ks, per.Key)
			}
			return strings.Join(ks, ",")
		}
		if got := unreported(cold.ID); got != "2026-01,2026-02,2026-03" {
			t.Errorf("monthly task unreported %q", got)
		}
		if got := unreported(night.ID); got != "2026-Q1" {
			t.Errorf("quarterly task unreported %q", got)
		}
		entries, err := s.AuditFor(ctx, "task", cold.ID)
		if err != nil || len(entries) == 0 || entries[0].Action != "set_frequency" {
			t.Errorf("audit = %+v, %v", entries, err)
		}
		// Back to the plan's calendar.
		if err := s.SetTaskFrequency(ctx, office, cold.ID, ""); err != nil {
			t.Fatal(err)
		}
		if q := tasksOf("2026-Q1"); !q[cold.ID] {
			t.Errorf("after clearing, the task owes the quarter again: %v", q)
		}
	})
}
