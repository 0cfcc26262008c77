package demo_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"luoshi/internal/demo"
	"luoshi/internal/extract"
	"luoshi/internal/plan"
	"luoshi/internal/store"
	"luoshi/internal/store/storetest"
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
