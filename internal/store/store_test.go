package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"luoshi/internal/plan"
	"luoshi/internal/store"
	"luoshi/internal/store/storetest"
)

// each runs fn against every engine available to the test.
func each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			t.Parallel()
			fn(t, e.Open(t))
		})
	}
}

var office = store.Actor{Username: "test"}

func TestMigrateTwice(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		applied, err := s.Migrate(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(applied) != 0 {
			t.Errorf("second Migrate applied %v", applied)
		}
	})
}

func TestUsersAndSessions(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		unitID, err := s.CreateUnit(ctx, office, store.Unit{Name: "省商务厅", Region: "西岭省"})
		if err != nil {
			t.Fatal(err)
		}
		id, err := s.CreateUser(ctx, office, store.NewUser{Username: "swt", Role: store.RoleReporter, UnitID: unitID, PasswordHash: "x"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateUser(ctx, office, store.NewUser{Username: "swt", Role: store.RoleViewer, PasswordHash: "x"}); !errors.Is(err, store.ErrConflict) {
			t.Errorf("duplicate username: got %v, want ErrConflict", err)
		}
		if _, err := s.CreateUser(ctx, office, store.NewUser{Username: "nounit", Role: store.RoleReporter, PasswordHash: "x"}); err == nil {
			t.Error("a reporter without a unit was accepted")
		}
		u, err := s.UserByName(ctx, "swt")
		if err != nil {
			t.Fatal(err)
		}
		if u.ID != id || u.UnitName != "省商务厅" || u.Locale != "zh-CN" {
			t.Errorf("user = %+v", u)
		}
		if _, err := s.UserByName(ctx, "nobody"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing user: got %v, want ErrNotFound", err)
		}
		if err := s.SetUserLocale(ctx, office, id, "en"); err != nil {
			t.Fatal(err)
		}

		now := time.Now()
		sess := store.Session{TokenHash: "h1", UserID: id, CSRFToken: "c", CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
		if err := s.CreateSession(ctx, sess); err != nil {
			t.Fatal(err)
		}
		got, gu, err := s.SessionByToken(ctx, "h1", now)
		if err != nil {
			t.Fatal(err)
		}
		if got.CSRFToken != "c" || gu.Username != "swt" || gu.Locale != "en" {
			t.Errorf("session = %+v, user = %+v", got, gu)
		}
		if _, _, err := s.SessionByToken(ctx, "h1", now.Add(2*time.Hour)); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("expired session: got %v, want ErrNotFound", err)
		}
		if err := s.DeleteSession(ctx, "h1"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.SessionByToken(ctx, "h1", now); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deleted session: got %v, want ErrNotFound", err)
		}
	})
}

func TestPlanLifecycle(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		swt, err := s.CreateUnit(ctx, office, store.Unit{Name: "省商务厅", Region: "西岭省"})
		if err != nil {
			t.Fatal(err)
		}
		p := storetest.SamplePlan()
		id, err := s.CreatePlan(ctx, office, store.NewPlan{Plan: p, FileName: "plan.txt"})
		if err != nil {
			t.Fatal(err)
		}
		// The same text, with different spacing, is the same document.
		again := storetest.SamplePlan()
		again.Source = "\n  " + again.Source + "\n\n"
		if _, err := s.CreatePlan(ctx, office, store.NewPlan{Plan: again}); !errors.Is(err, store.ErrConflict) {
			t.Errorf("re-import: got %v, want ErrConflict", err)
		}
		found, err := s.PlanByHash(ctx, store.ContentHash(again.Source))
		if err != nil || found.ID != id {
			t.Errorf("PlanByHash = %d, %v; want %d", found.ID, err, id)
		}

		got, err := s.PlanByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != store.PlanDraft || got.Public || got.Source != p.Source || got.Region != "西岭省" {
			t.Errorf("plan = %+v", got)
		}

		o, err := s.PlanOutline(ctx, id, store.TaskFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(o.Headings) != 2 || len(o.Tasks) != 3 {
			t.Fatalf("outline: %d headings, %d tasks", len(o.Headings), len(o.Tasks))
		}
		t3 := o.Tasks[2]
		if t3.Label != "3" || t3.Section != "二" || t3.Deadline != "2026-12-31" || len(t3.Units) != 3 || len(t3.Targets) != 1 {
			t.Errorf("task 3 = %+v", t3)
		}
		if t3.Units[0].UnitID != swt {
			t.Errorf("省商务厅 not mapped to the existing unit: %+v", t3.Units[0])
		}
		if t3.Targets[0].Value != 10 || t3.Targets[0].Comparator != ">=" {
			t.Errorf("target = %+v", t3.Targets[0])
		}
		if o2, _ := s.PlanOutline(ctx, id, store.TaskFilter{Section: "一"}); len(o2.Tasks) != 2 {
			t.Errorf("section filter: %d tasks, want 2", len(o2.Tasks))
		}
		if o2, _ := s.PlanOutline(ctx, id, store.TaskFilter{UnitID: swt}); len(o2.Tasks) != 2 {
			t.Errorf("unit filter: %d tasks, want 2", len(o2.Tasks))
		}

		// Map an unknown name, then publish.
		fgw, err := s.CreateUnit(ctx, office, store.Unit{Name: "西岭省发展和改革委员会", Region: "西岭省"})
		if err != nil {
			t.Fatal(err)
		}
		n, err := s.MapUnitName(ctx, office, id, "省发展改革委", fgw)
		if err != nil || n != 1 {
			t.Fatalf("MapUnitName = %d, %v", n, err)
		}
		if _, err := s.MapUnitName(ctx, office, id, "不存在的单位", fgw); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("mapping an absent name: got %v, want ErrNotFound", err)
		}
		sum, err := s.Overview(ctx, store.PlanListFilter{})
		if err != nil || len(sum) != 1 || sum[0].Unmapped != 3 || sum[0].Tasks != 3 {
			t.Fatalf("overview = %+v, %v", sum, err)
		}
		nAssign, err := s.Publish(ctx, office, id)
		if err != nil {
			t.Fatal(err)
		}
		if nAssign != 3 { // 省发展改革委 on 1, 省商务厅 on 2 and 3
			t.Errorf("Publish created %d assignments, want 3", nAssign)
		}
		if _, err := s.Publish(ctx, office, id); !errors.Is(err, store.ErrConflict) {
			t.Errorf("second publish: got %v, want ErrConflict", err)
		}
		if err := s.DeletePlan(ctx, office, id); !errors.Is(err, store.ErrConflict) {
			t.Errorf("deleting a published plan: got %v, want ErrConflict", err)
		}

		ut, err := s.UnitTasks(ctx, swt, store.UnitTaskFilter{PublishedOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(ut) != 2 || ut[0].Role != "lead" || ut[0].PlanTitle != "西岭省2026年服务业重点工作" {
			t.Errorf("unit tasks = %+v", ut)
		}
		// A mapping after publication creates the assignment.
		wlt, _ := s.CreateUnit(ctx, office, store.Unit{Name: "省文化和旅游厅", Region: "西岭省"})
		if _, err := s.MapUnitName(ctx, office, id, "省文旅厅", wlt); err != nil {
			t.Fatal(err)
		}
		ut, _ = s.UnitTasks(ctx, wlt, store.UnitTaskFilter{PublishedOnly: true})
		if len(ut) != 1 || ut[0].Role != "cooperating" {
			t.Errorf("cooperating unit tasks = %+v", ut)
		}
		if ok, _ := s.TaskVisibleToUnit(ctx, ut[0].ID, wlt); !ok {
			t.Error("TaskVisibleToUnit = false for an assigned unit")
		}
		if ok, _ := s.TaskVisibleToUnit(ctx, o.Tasks[0].ID, wlt); ok {
			t.Error("TaskVisibleToUnit = true for an unassigned task")
		}

		// Optimistic concurrency on task edits.
		task := o.Tasks[0]
		v, err := s.UpdateTask(ctx, office, store.TaskEdit{ID: task.ID, Version: task.Version, Text: "改过的任务", Deadline: "2026-06-30", Status: "on_track"})
		if err != nil || v != task.Version+1 {
			t.Fatalf("UpdateTask = %d, %v", v, err)
		}
		if _, err := s.UpdateTask(ctx, office, store.TaskEdit{ID: task.ID, Version: task.Version, Text: "x", Status: "done"}); !errors.Is(err, store.ErrConflict) {
			t.Errorf("stale edit: got %v, want ErrConflict", err)
		}
		if _, err := s.UpdateTask(ctx, office, store.TaskEdit{ID: task.ID, Version: v, Text: "x", Status: "bogus"}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("bad status: got %v, want ErrInvalid", err)
		}
		if err := s.UpdateTarget(ctx, office, store.TargetEdit{ID: task.Targets[0].ID, Indicator: "国家物流枢纽", Value: 3, Unit: "个", Comparator: ">="}); err != nil {
			t.Fatal(err)
		}
		hist, err := s.AuditFor(ctx, "task", task.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(hist) != 3 || hist[1].Action != "update" || hist[1].Before == "" || hist[1].After == "" {
			t.Errorf("history = %+v", hist)
		}

		if err := s.SetPublic(ctx, office, id, true); err != nil {
			t.Fatal(err)
		}
		pub, err := s.Overview(ctx, store.PlanListFilter{PublicOnly: true})
		if err != nil || len(pub) != 1 || pub[0].Assignments != 4 || pub[0].OnTrack != 1 {
			t.Errorf("public overview = %+v, %v", pub, err)
		}
		f, err := s.Facets(ctx, id)
		if err != nil || len(f.Sections) != 2 || len(f.Units) != 3 {
			t.Errorf("facets = %+v, %v", f, err)
		}
	})
}

func TestDraftDeleteAndUnitEdits(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		id, err := s.CreatePlan(ctx, office, store.NewPlan{Plan: storetest.SamplePlan()})
		if err != nil {
			t.Fatal(err)
		}
		o, _ := s.PlanOutline(ctx, id, store.TaskFilter{})
		u, _ := s.CreateUnit(ctx, office, store.Unit{Name: "省财政厅"})
		if err := s.AddTaskUnit(ctx, office, o.Tasks[1].ID, u, "cooperating"); err != nil {
			t.Fatal(err)
		}
		task, err := s.TaskByID(ctx, o.Tasks[1].ID)
		if err != nil || len(task.Units) != 2 || task.Units[1].UnitName != "省财政厅" {
			t.Fatalf("task = %+v, %v", task, err)
		}
		if err := s.UpdateTaskUnit(ctx, office, store.TaskUnitEdit{ID: task.Units[1].ID, UnitID: u, Role: "boss"}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("bad role: got %v", err)
		}
		if err := s.UpdateTaskUnit(ctx, office, store.TaskUnitEdit{ID: task.Units[1].ID, UnitID: u, Role: "lead"}); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveTaskUnit(ctx, office, task.Units[0].ID); err != nil {
			t.Fatal(err)
		}
		// A draft is not a unit's work yet.
		if ut, _ := s.UnitTasks(ctx, u, store.UnitTaskFilter{PublishedOnly: true}); len(ut) != 0 {
			t.Errorf("draft task listed as published work: %+v", ut)
		}
		if ut, _ := s.UnitTasks(ctx, u, store.UnitTaskFilter{}); len(ut) != 1 || ut[0].Role != "lead" || ut[0].PlanState != "draft" {
			t.Errorf("draft tasks of unit = %+v", ut)
		}
		if err := s.DeletePlan(ctx, office, id); err != nil {
			t.Fatal(err)
		}
		if _, err := s.PlanByID(ctx, id); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deleted plan: got %v, want ErrNotFound", err)
		}
		if _, err := s.TaskByID(ctx, o.Tasks[0].ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("task of deleted plan: got %v, want ErrNotFound", err)
		}
	})
}

func TestRegistryUnitUpsert(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, err := s.UpsertRegistryUnit(ctx, store.Unit{Name: "省经济和信息化委", RegistryID: "xl-gxt", Region: "西岭省"})
		if err != nil {
			t.Fatal(err)
		}
		b, err := s.UpsertRegistryUnit(ctx, store.Unit{Name: "省工业和信息化厅", RegistryID: "xl-gxt", Region: "西岭省", Kind: "department"})
		if err != nil || a != b {
			t.Fatalf("upsert = %d, %v; want %d", b, err, a)
		}
		u, err := s.UnitByID(ctx, a)
		if err != nil || u.Name != "省工业和信息化厅" || u.Kind != "department" {
			t.Errorf("unit = %+v, %v", u, err)
		}
		if _, err := s.UnitByName(ctx, "省工业和信息化厅", "西岭省"); err != nil {
			t.Error(err)
		}
	})
}

func TestOverviewPages(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var ids []int64
		for i := 0; i < 5; i++ {
			p := storetest.SamplePlan()
			p.Source += "\n" + string(rune('甲'+i))
			id, err := s.CreatePlan(ctx, office, store.NewPlan{Plan: p})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		page, err := s.Overview(ctx, store.PlanListFilter{Limit: 2, Offset: 2})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) != 2 || page[0].ID != ids[2] || page[1].ID != ids[1] || page[0].Tasks != 3 {
			t.Errorf("second page of two = %+v", page)
		}
		all, _ := s.Overview(ctx, store.PlanListFilter{})
		if len(all) != 5 || all[0].ID != ids[4] {
			t.Errorf("all plans, newest first: %d, first %d", len(all), all[0].ID)
		}
	})
}

// TestTaskConfidence keeps the extractor's doubt about a task through the
// store, so the review page can list the tasks to check first.
func TestTaskConfidence(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := storetest.SamplePlan()
		p.Tasks[1].Confidence = plan.Low
		p.Tasks[2].Confidence = "" // the extractor's zero value reads as high
		id, err := s.CreatePlan(ctx, office, store.NewPlan{Plan: p, FileName: "plan.txt"})
		if err != nil {
			t.Fatal(err)
		}
		o, err := s.PlanOutline(ctx, id, store.TaskFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, tk := range o.Tasks {
			got = append(got, tk.Confidence)
		}
		if want := []string{plan.High, plan.Low, plan.High}; !slices.Equal(got, want) {
			t.Errorf("confidences %v, want %v", got, want)
		}
		one, err := s.TaskByID(ctx, o.Tasks[1].ID)
		if err != nil || one.Confidence != plan.Low {
			t.Errorf("TaskByID: confidence %q, %v; want low", one.Confidence, err)
		}
	})
}
