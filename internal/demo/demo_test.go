package demo_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"luoshi/internal/demo"
	"luoshi/internal/extract"
	"luoshi/internal/plan"
	"luoshi/internal/planedit"
	"luoshi/internal/reporting"
	"luoshi/internal/store"
	"luoshi/internal/store/storetest"
	"luoshi/internal/units"
)

func parse(name string, data []byte) (*plan.Plan, error) { return extract.Parse(string(data)) }

func TestSeed(t *testing.T) {
	ctx := context.Background()
	st := storetest.SQLite(t)
	var out strings.Builder
	if err := demo.Seed(ctx, st, demo.Options{Parse: parse, Plan: true, Out: &out}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "password: ") || !strings.Contains(out.String(), "swt") {
		t.Errorf("output does not name the accounts:\n%s", out.String())
	}
	plans, err := st.Overview(ctx, store.PlanListFilter{PublicOnly: true})
	if err != nil || len(plans) != 1 {
		t.Fatalf("public plans = %v, %v", plans, err)
	}
	if plans[0].Tasks < 20 || plans[0].Assignments < 40 {
		t.Errorf("demo plan has %d tasks and %d assignments", plans[0].Tasks, plans[0].Assignments)
	}
	u, err := st.UserByName(ctx, "swt")
	if err != nil {
		t.Fatal(err)
	}
	tasks, err := st.UnitTasks(ctx, u.UnitID, store.UnitTaskFilter{PublishedOnly: true})
	if err != nil || len(tasks) < 5 {
		t.Errorf("省商务厅 has %d tasks, %v", len(tasks), err)
	}
	if err := demo.Seed(ctx, st, demo.Options{Parse: parse, Out: &out}); !errors.Is(err, demo.ErrNotEmpty) {
		t.Errorf("second Seed: %v", err)
	}
}

// TestSeedConsistent checks that the demonstration data agrees with
// itself: what the plan says, the units it names, the tasks' statuses
// and the reports behind them.
func TestSeedConsistent(t *testing.T) {
	ctx := context.Background()
	st := storetest.SQLite(t)
	if err := demo.Seed(ctx, st, demo.Options{Parse: parse, Plan: true, Out: io.Discard}); err != nil {
		t.Fatal(err)
	}
	plans, err := st.Overview(ctx, store.PlanListFilter{})
	if err != nil || len(plans) != 1 {
		t.Fatalf("plans = %v, %v", plans, err)
	}
	p, err := st.PlanByID(ctx, plans[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if p.Region != demo.Region || p.Year != 2026 || !strings.HasPrefix(p.DocDate, "2026-") {
		t.Errorf("plan metadata: region %q year %d date %q", p.Region, p.Year, p.DocDate)
	}
	for _, w := range p.Warnings {
		if w.Code == "region_missing" {
			t.Errorf("the plan keeps a warning that it names no region, though it has %q", p.Region)
		}
	}
	o, err := st.PlanOutline(ctx, p.ID, store.TaskFilter{})
	if err != nil {
		t.Fatal(err)
	}
	// Every unit is a real one of the province, of a kind; the
	// collective name is expanded into the cities.
	ready := planedit.Check(o.Tasks)
	if open := ready.OpenCollectives(); len(open) > 0 {
		t.Errorf("collective names left as they are: %+v", open)
	}
	if len(ready.NoUnits) > 0 || len(ready.Unmapped) > 0 {
		t.Errorf("tasks without units %v, unmapped names %v", ready.NoUnits, ready.Unmapped)
	}
	all, err := st.Units(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cities := 0
	for _, u := range all {
		if units.LooksCollective(u.Name) || u.Kind == "" || u.Region != demo.Region {
			t.Errorf("unit %+v: a collective, of no kind or of another region", u)
		}
		if u.Kind == string(units.Prefecture) {
			cities++
		}
	}
	if cities != len(demo.Cities) {
		t.Errorf("%d city governments, want %d", cities, len(demo.Cities))
	}
	// A task's status is what its lead unit's last accepted report says;
	// a task no report was accepted for has not started.
	for _, task := range o.Tasks {
		reports, err := st.TaskReports(ctx, task.ID)
		if err != nil {
			t.Fatal(err)
		}
		want, lastPeriod := "not_started", ""
		for _, r := range reports {
			if r.State == reporting.Accepted && r.UnitID == r.LeadUnitID && r.Period >= lastPeriod {
				want, lastPeriod = string(r.Content.Status), r.Period
			}
			end := periodEnd(t, r.Period)
			if r.State != reporting.Draft && r.SubmittedAt.IsZero() {
				t.Errorf("task %s %s: %s, but never submitted", task.Label, r.Period, r.State)
			}
			if (r.State == reporting.Accepted || r.State == reporting.Returned) && r.DecidedAt.IsZero() {
				t.Errorf("task %s %s: %s, but never decided", task.Label, r.Period, r.State)
			}
			if !r.SubmittedAt.IsZero() && !r.SubmittedAt.After(end) {
				t.Errorf("task %s %s: submitted %v, before its period ended", task.Label, r.Period, r.SubmittedAt)
			}
			if !r.DecidedAt.IsZero() && r.DecidedAt.Before(r.SubmittedAt) {
				t.Errorf("task %s %s: decided before it was submitted", task.Label, r.Period)
			}
		}
		if task.Status != want {
			t.Errorf("task %s: status %s, but its reports say %s", task.Label, task.Status, want)
		}
	}
	// Every reporter account belongs to a unit that leads a task.
	for _, r := range demo.Reporters {
		u, err := st.UserByName(ctx, r.Username)
		if err != nil {
			t.Fatalf("account %s: %v", r.Username, err)
		}
		lead, _ := st.UnitTasks(ctx, u.UnitID, store.UnitTaskFilter{PublishedOnly: true})
		leads := false
		for _, ut := range lead {
			leads = leads || ut.Role == "lead"
		}
		if u.UnitName != r.Unit || !leads {
			t.Errorf("account %s: unit %q leads no task", r.Username, u.UnitName)
		}
	}
}

// periodEnd is the last day of a quarter key such as 2026-Q3.
func periodEnd(t *testing.T, key string) time.Time {
	var y, q int
	if _, err := fmt.Sscanf(key, "%d-Q%d", &y, &q); err != nil {
		t.Fatalf("period %q: %v", key, err)
	}
	return time.Date(y, time.Month(q*3)+1, 1, 0, 0, 0, 0, reporting.Shanghai()).Add(-time.Nanosecond)
}
