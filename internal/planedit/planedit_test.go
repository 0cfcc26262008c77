package planedit_test

import (
	"context"
	"errors"
	"math"
	"testing"

	"luoshi/internal/plan"
	"luoshi/internal/planedit"
	"luoshi/internal/store"
	"luoshi/internal/store/storetest"
)

var (
	officeActor = planedit.Actor{UserID: 0, Username: "office-test", Role: store.RoleOffice}
	viewerActor = planedit.Actor{Username: "viewer-test", Role: store.RoleViewer}
)

// samplePlan is storetest's plan with two collective names: 各市人民政府,
// which no registry resolved, and 西岭省直属有关部门, which the registry
// knows as a collective without listed members.
func samplePlan() *plan.Plan {
	p := storetest.SamplePlan()
	t := &p.Tasks[1]
	t.Units = append(t.Units,
		plan.UnitMention{Name: "各市人民政府", Role: plan.Cooperating, Match: "unknown"},
		plan.UnitMention{Name: "省直有关部门", Role: plan.Cooperating, Match: "collective",
			Resolved: []plan.ResolvedUnit{{ID: "西岭省直属有关部门", Name: "西岭省直属有关部门", Kind: "collective"}}})
	return p
}

// otherPlan is storetest's plan as another document, of another title.
func otherPlan(title string) *plan.Plan {
	p := storetest.SamplePlan()
	p.Source += "\n" + title
	p.Document.Title = title
	return p
}

func create(t *testing.T, st *store.Store, p *plan.Plan) int64 {
	t.Helper()
	id, err := st.CreatePlan(context.Background(), store.Actor{Username: "import"}, store.NewPlan{Plan: p})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// refusal asserts err is a planedit refusal of kind with key.
func refusal(t *testing.T, what string, err error, kind planedit.Kind, key string) {
	t.Helper()
	var e *planedit.Error
	if !errors.As(err, &e) || e.Kind != kind || e.Key != key {
		t.Errorf("%s: got %v, want a refusal %d %q", what, err, kind, key)
	}
}

func lastAudit(t *testing.T, st *store.Store, entity string, id int64) store.AuditEntry {
	t.Helper()
	entries, err := st.AuditFor(context.Background(), entity, id)
	if err != nil || len(entries) == 0 {
		t.Fatalf("audit of %s %d: %v, %v", entity, id, entries, err)
	}
	return entries[len(entries)-1]
}

func TestUpdateMeta(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			st := e.Open(t)
			id := create(t, st, samplePlan())
			p, err := st.PlanByID(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			m := planedit.Meta{PlanID: id, Rev: p.Rev, Title: " 西岭省2026年服务业工作要点 ", DocNumber: "西政办发〔2026〕3号",
				Issuer: "西岭省人民政府办公厅", DocDate: "2026-03-01", Region: "西岭省", Year: 2026}
			rev, err := planedit.UpdateMeta(ctx, st, officeActor, m)
			if err != nil || rev != p.Rev+1 {
				t.Fatalf("update: rev %d, %v", rev, err)
			}
			got, _ := st.PlanByID(ctx, id)
			if got.Title != "西岭省2026年服务业工作要点" || got.DocNumber != m.DocNumber || got.DocDate != "2026-03-01" || got.Rev != rev {
				t.Errorf("after the edit: %+v", got)
			}
			if a := lastAudit(t, st, "plan", id); a.Action != "update_meta" || a.Actor != "office-test" {
				t.Errorf("audit = %+v", a)
			}
			// The form read before the first edit is stale now.
			m.Title = "另一个标题"
			_, err = planedit.UpdateMeta(ctx, st, officeActor, m)
			refusal(t, "stale edit", err, planedit.Conflict, "plan.meta_conflict")
			if got, _ := st.PlanByID(ctx, id); got.Title != "西岭省2026年服务业工作要点" {
				t.Errorf("a stale edit was saved: %q", got.Title)
			}
			m.Rev = rev
			for _, c := range []struct {
				edit func(*planedit.Meta)
				key  string
			}{
				{func(m *planedit.Meta) { m.Title = "  " }, "plan.bad_title"},
				{func(m *planedit.Meta) { m.DocNumber = "第\n一号" }, "plan.bad_doc_number"},
				{func(m *planedit.Meta) { m.DocDate = "2026年3月1日" }, "plan.bad_date"},
				{func(m *planedit.Meta) { m.Year = 26 }, "plan.bad_year"},
			} {
				bad := m
				c.edit(&bad)
				_, err := planedit.UpdateMeta(ctx, st, officeActor, bad)
				refusal(t, c.key, err, planedit.Invalid, c.key)
			}
			_, err = planedit.UpdateMeta(ctx, st, viewerActor, m)
			refusal(t, "viewer", err, planedit.Forbidden, "error.forbidden")
			// A published plan is corrected the same way.
			if _, err := st.Publish(ctx, store.Actor{}, id); err != nil {
				t.Fatal(err)
			}
			m.Title = "西岭省2026年服务业工作要点（修订）"
			if _, err := planedit.UpdateMeta(ctx, st, officeActor, m); err != nil {
				t.Errorf("editing a published plan: %v", err)
			}
		})
	}
}

func TestAddDeleteTask(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			st := e.Open(t)
			id := create(t, st, samplePlan())
			o, _ := st.PlanOutline(ctx, id, store.TaskFilter{})
			first := o.Tasks[0]
			added, err := planedit.AddTask(ctx, st, officeActor, planedit.NewTask{PlanID: id, After: first.ID, Label: "1之一",
				Text: "建设城市配送中心。", Deadline: "2026-09-30"})
			if err != nil {
				t.Fatal(err)
			}
			o, _ = st.PlanOutline(ctx, id, store.TaskFilter{})
			var labels []string
			for _, tk := range o.Tasks {
				labels = append(labels, tk.Label)
			}
			if len(labels) != 4 || labels[1] != "1之一" || labels[2] != "2" {
				t.Fatalf("order after adding = %v", labels)
			}
			nt := o.Tasks[1]
			if nt.ID != added || nt.Section != first.Section || nt.Start != first.End || nt.Status != "not_started" {
				t.Errorf("added task = %+v", nt)
			}
			if a := lastAudit(t, st, "task", added); a.Action != "add_task" {
				t.Errorf("audit = %+v", a)
			}
			// At the end, when no task is named.
			last, err := planedit.AddTask(ctx, st, officeActor, planedit.NewTask{PlanID: id, Label: "4", Text: "完善统计监测。"})
			if err != nil {
				t.Fatal(err)
			}
			o, _ = st.PlanOutline(ctx, id, store.TaskFilter{})
			if o.Tasks[len(o.Tasks)-1].ID != last {
				t.Errorf("task added without a place is not last")
			}
			_, err = planedit.AddTask(ctx, st, officeActor, planedit.NewTask{PlanID: id, Label: "", Text: "x"})
			refusal(t, "no label", err, planedit.Invalid, "task.bad_label")
			_, err = planedit.AddTask(ctx, st, officeActor, planedit.NewTask{PlanID: id, Label: "5", Text: " "})
			refusal(t, "no text", err, planedit.Invalid, "task.text_required")
			other := create(t, st, otherPlan("另一份规划"))
			oo, _ := st.PlanOutline(ctx, other, store.TaskFilter{})
			_, err = planedit.AddTask(ctx, st, officeActor, planedit.NewTask{PlanID: id, After: oo.Tasks[0].ID, Label: "6", Text: "x"})
			refusal(t, "after another plan's task", err, planedit.Invalid, "task.bad_position")

			// Delete: at the version read, and audited on the plan.
			_, err = planedit.DeleteTask(ctx, st, officeActor, added, nt.Version+1)
			refusal(t, "stale delete", err, planedit.Conflict, "error.conflict")
			if planID, err := planedit.DeleteTask(ctx, st, officeActor, added, nt.Version); err != nil || planID != id {
				t.Fatalf("delete: %d, %v", planID, err)
			}
			if _, err := st.TaskByID(ctx, added); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("deleted task still there: %v", err)
			}
			if a := lastAudit(t, st, "plan", id); a.Action != "delete_task" {
				t.Errorf("audit = %+v", a)
			}
			// A task a unit was reminded of keeps its record.
			if _, err := st.Publish(ctx, store.Actor{}, id); err != nil {
				t.Fatal(err)
			}
			unit, err := st.CreateUnit(ctx, store.Actor{}, store.Unit{Name: "省商务厅", Region: "西岭省"})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.MapUnitName(ctx, store.Actor{}, id, "省商务厅", unit); err != nil {
				t.Fatal(err)
			}
			second := o.Tasks[2]
			if _, err := st.Remind(ctx, store.Actor{}, []store.Reminder{{PlanID: id, TaskID: second.ID, UnitID: unit, Period: "2026-Q1"}}); err != nil {
				t.Fatal(err)
			}
			second, _ = st.TaskByID(ctx, second.ID)
			_, err = planedit.DeleteTask(ctx, st, officeActor, second.ID, second.Version)
			refusal(t, "task with a reminder", err, planedit.Conflict, "task.has_work")
			_, err = planedit.DeleteTask(ctx, st, viewerActor, second.ID, second.Version)
			refusal(t, "viewer", err, planedit.Forbidden, "error.forbidden")
		})
	}
}

func TestAddDeleteTarget(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			st := e.Open(t)
			id := create(t, st, samplePlan())
			o, _ := st.PlanOutline(ctx, id, store.TaskFilter{})
			task := o.Tasks[0]
			tid, err := planedit.AddTarget(ctx, st, officeActor, planedit.NewTarget{TaskID: task.ID, Indicator: "新建5G基站", Value: 1.5,
				Unit: "万个", Comparator: ">=", Year: 2026})
			if err != nil {
				t.Fatal(err)
			}
			got, _ := st.TaskByID(ctx, task.ID)
			if n := len(got.Targets); n != len(task.Targets)+1 || got.Targets[n-1].ID != tid || got.Targets[n-1].Indicator != "新建5G基站" {
				t.Errorf("targets after adding = %+v", got.Targets)
			}
			if a := lastAudit(t, st, "task", task.ID); a.Action != "add_target" {
				t.Errorf("audit = %+v", a)
			}
			goal, err := planedit.AddTarget(ctx, st, officeActor, planedit.NewTarget{PlanID: id, Indicator: "服务业增加值增长", Value: 6, Unit: "%"})
			if err != nil {
				t.Fatal(err)
			}
			p, _ := st.PlanByID(ctx, id)
			if len(p.Goals) != 1 || p.Goals[0].ID != goal || p.Goals[0].Comparator != "=" {
				t.Errorf("goals = %+v", p.Goals)
			}
			for _, c := range []struct {
				n   planedit.NewTarget
				key string
			}{
				{planedit.NewTarget{TaskID: task.ID, Value: 1}, "target.indicator_required"},
				{planedit.NewTarget{TaskID: task.ID, Indicator: "x", Value: math.NaN()}, "target.bad_value"},
				{planedit.NewTarget{TaskID: task.ID, Indicator: "x", Comparator: "!="}, "target.bad_comparator"},
				{planedit.NewTarget{TaskID: task.ID, Indicator: "x", Year: 12}, "target.bad_year"},
			} {
				_, err := planedit.AddTarget(ctx, st, officeActor, c.n)
				refusal(t, c.key, err, planedit.Invalid, c.key)
			}
			planID, taskID, err := planedit.DeleteTarget(ctx, st, officeActor, tid)
			if err != nil || planID != id || taskID != task.ID {
				t.Fatalf("delete: %d %d %v", planID, taskID, err)
			}
			if got, _ := st.TaskByID(ctx, task.ID); len(got.Targets) != len(task.Targets) {
				t.Errorf("target not deleted: %+v", got.Targets)
			}
			if _, taskID, err := planedit.DeleteTarget(ctx, st, officeActor, goal); err != nil || taskID != 0 {
				t.Errorf("delete a goal: %d %v", taskID, err)
			}
			if a := lastAudit(t, st, "plan", id); a.Action != "delete_target" {
				t.Errorf("audit = %+v", a)
			}
			if _, _, err := planedit.DeleteTarget(ctx, st, officeActor, goal); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("deleting twice: %v", err)
			}
		})
	}
}

// TestPublishDecidesCollectives: a plan with collective names is
// published once each is expanded or confirmed, and only when the office
// confirms.
func TestPublishDecidesCollectives(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			st := e.Open(t)
			id := create(t, st, samplePlan())
			bare, err := planedit.AddTask(ctx, st, officeActor, planedit.NewTask{PlanID: id, Label: "4", Text: "加强组织保障。"})
			if err != nil {
				t.Fatal(err)
			}
			r, err := planedit.PlanReadiness(ctx, st, id)
			if err != nil {
				t.Fatal(err)
			}
			open := r.OpenCollectives()
			if len(open) != 2 || open[0].Name != "各市人民政府" || open[1].Name != "省直有关部门" || len(open[0].Tasks) != 1 {
				t.Fatalf("open collectives = %+v", open)
			}
			noUnits := map[int64]bool{}
			for _, tk := range r.NoUnits {
				noUnits[tk.ID] = true
			}
			if !noUnits[bare] {
				t.Errorf("the task without units is not warned of: %+v", r.NoUnits)
			}
			for _, c := range r.Collectives {
				for _, n := range r.Unmapped {
					if n == c.Name {
						t.Errorf("collective %s listed as an unmapped unit too", n)
					}
				}
			}

			_, err = planedit.Publish(ctx, st, officeActor, id, false)
			refusal(t, "unconfirmed", err, planedit.Invalid, "publish.confirm_required")
			_, err = planedit.Publish(ctx, st, officeActor, id, true)
			refusal(t, "open collectives", err, planedit.Conflict, "publish.open_collectives")
			if p, _ := st.PlanByID(ctx, id); p.Status != store.PlanDraft {
				t.Fatalf("published with open collectives")
			}

			// Expand 各市人民政府 into two cities; keep the other as written.
			var cities []int64
			for _, n := range []string{"北岭市人民政府", "南岭市人民政府"} {
				uid, err := st.CreateUnit(ctx, store.Actor{}, store.Unit{Name: n, Region: "西岭省", Kind: "prefecture"})
				if err != nil {
					t.Fatal(err)
				}
				cities = append(cities, uid)
			}
			_, err = planedit.Expand(ctx, st, officeActor, id, "各市人民政府", nil)
			refusal(t, "expand into nothing", err, planedit.Invalid, "publish.choose_members")
			_, err = planedit.Expand(ctx, st, officeActor, id, "各市人民政府", []int64{cities[0], 999999})
			refusal(t, "expand into no unit", err, planedit.Invalid, "review.choose_unit")
			if n, err := planedit.Expand(ctx, st, officeActor, id, "各市人民政府", append(cities, cities[0])); err != nil || n != 1 {
				t.Fatalf("expand: %d, %v", n, err)
			}
			if err := planedit.ConfirmAsIs(ctx, st, officeActor, id, "省直有关部门", true); err != nil {
				t.Fatal(err)
			}
			r, _ = planedit.PlanReadiness(ctx, st, id)
			if open := r.OpenCollectives(); len(open) != 0 {
				t.Fatalf("still open: %+v", open)
			}
			var expanded planedit.Collective
			for _, c := range r.Collectives {
				if c.Name == "各市人民政府" {
					expanded = c
				}
			}
			if !expanded.Expanded || len(expanded.Units) != 2 {
				t.Errorf("各市人民政府 after expanding = %+v", expanded)
			}
			// Taking the confirmation back opens the name again.
			if err := planedit.ConfirmAsIs(ctx, st, officeActor, id, "省直有关部门", false); err != nil {
				t.Fatal(err)
			}
			_, err = planedit.Publish(ctx, st, officeActor, id, true)
			refusal(t, "confirmation taken back", err, planedit.Conflict, "publish.open_collectives")
			if err := planedit.ConfirmAsIs(ctx, st, officeActor, id, "省直有关部门", true); err != nil {
				t.Fatal(err)
			}
			_, err = planedit.Publish(ctx, st, viewerActor, id, true)
			refusal(t, "viewer", err, planedit.Forbidden, "error.forbidden")
			n, err := planedit.Publish(ctx, st, officeActor, id, true)
			if err != nil {
				t.Fatal(err)
			}
			if n != r.Assignments {
				t.Errorf("publish made %d assignments, readiness said %d", n, r.Assignments)
			}
			// Both cities are assigned the task.
			for _, c := range cities {
				tasks, _ := st.UnitTasks(ctx, c, store.UnitTaskFilter{PublishedOnly: true})
				if len(tasks) != 1 || tasks[0].Role != "cooperating" {
					t.Errorf("city %d tasks = %+v", c, tasks)
				}
			}
			_, err = planedit.Publish(ctx, st, officeActor, id, true)
			refusal(t, "twice", err, planedit.Conflict, "publish.already")
		})
	}
}

// TestDiscardRemovesItsUnits: discarding a draft removes the units its
// import and review created, unless another plan or an account uses
// them; units it did not create stay.
func TestDiscardRemovesItsUnits(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			st := e.Open(t)
			before, _ := st.CreateUnit(ctx, store.Actor{}, store.Unit{Name: "省发展改革委", Region: "西岭省"})
			unused, _ := st.CreateUnit(ctx, store.Actor{}, store.Unit{Name: "省统计局", Region: "西岭省"})
			id := create(t, st, samplePlan())
			other := create(t, st, otherPlan("西岭省另一份规划"))
			// The import made the registry's collective; the review makes more.
			registry, err := st.UnitByName(ctx, "西岭省直属有关部门", "西岭省")
			if err != nil {
				t.Fatalf("the import did not create the registry's unit: %v", err)
			}
			alone, _ := st.CreateUnit(ctx, store.Actor{}, store.Unit{Name: "省商务厅", Region: "西岭省", FromPlan: id})
			shared, _ := st.CreateUnit(ctx, store.Actor{}, store.Unit{Name: "省文旅厅", Region: "西岭省", FromPlan: id})
			held, _ := st.CreateUnit(ctx, store.Actor{}, store.Unit{Name: "省交通运输厅", Region: "西岭省", FromPlan: id})
			for name, uid := range map[string]int64{"省商务厅": alone, "省文旅厅": shared} {
				if _, err := st.MapUnitName(ctx, store.Actor{}, id, name, uid); err != nil {
					t.Fatal(err)
				}
			}
			// Another plan names 省文旅厅 too; an account belongs to 省交通运输厅.
			if _, err := st.MapUnitName(ctx, store.Actor{}, other, "省文旅厅", shared); err != nil {
				t.Fatal(err)
			}
			if _, err := st.CreateUser(ctx, store.Actor{}, store.NewUser{Username: "jtt", Role: store.RoleReporter, UnitID: held, PasswordHash: "x"}); err != nil {
				t.Fatal(err)
			}
			going, err := st.DraftUnits(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			names := map[string]bool{}
			for _, u := range going {
				names[u.Name] = true
			}
			if len(going) != 2 || !names["省商务厅"] || !names["西岭省直属有关部门"] {
				t.Errorf("units that would go = %+v", going)
			}

			_, err = planedit.Discard(ctx, st, officeActor, id, false)
			refusal(t, "unconfirmed", err, planedit.Invalid, "discard.confirm_required")
			n, err := planedit.Discard(ctx, st, officeActor, id, true)
			if err != nil || n != 2 {
				t.Fatalf("discard: %d units, %v", n, err)
			}
			for uid, want := range map[int64]bool{before: true, unused: true, registry.ID: false, alone: false, shared: true, held: true} {
				_, err := st.UnitByID(ctx, uid)
				if kept := err == nil; kept != want {
					t.Errorf("unit %d kept = %v, want %v (%v)", uid, kept, want, err)
				}
			}
			if _, err := st.PlanByID(ctx, id); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("discarded plan: %v", err)
			}
			if _, err := st.Publish(ctx, store.Actor{}, other); err != nil {
				t.Fatal(err)
			}
			_, err = planedit.Discard(ctx, st, officeActor, other, true)
			refusal(t, "published", err, planedit.Conflict, "discard.published")
		})
	}
}

func TestCheckNeedsNoStore(t *testing.T) {
	tasks := []store.Task{
		{ID: 1, Label: "1", Units: []store.TaskUnit{{Name: "省商务厅", Role: "lead", UnitID: 5, UnitName: "省商务厅"}}},
		{ID: 2, Label: "2", Units: []store.TaskUnit{{Name: "各市州人民政府", Role: "cooperating", UnitID: 9, UnitName: "各市州人民政府"}}},
		{ID: 3, Label: "3", Units: []store.TaskUnit{{Name: "省直有关部门", Role: "lead", AsIs: true}}},
		{ID: 4, Label: "4", Units: []store.TaskUnit{{Name: "省火星局", Role: "lead"}}},
	}
	r := planedit.Check(tasks)
	if r.Tasks != 4 || r.Assignments != 2 {
		t.Errorf("tasks %d assignments %d", r.Tasks, r.Assignments)
	}
	// 各市州人民政府 mapped to a unit of that name is not expanded.
	if open := r.OpenCollectives(); len(open) != 1 || open[0].Name != "各市州人民政府" {
		t.Errorf("open = %+v", open)
	}
	if len(r.Unmapped) != 1 || r.Unmapped[0] != "省火星局" {
		t.Errorf("unmapped = %v", r.Unmapped)
	}
	if len(r.NoUnits) != 2 || r.NoUnits[0].ID != 3 || r.NoUnits[1].ID != 4 {
		t.Errorf("tasks without units = %+v", r.NoUnits)
	}
	candidates := []store.Unit{{ID: 20, Name: "东州市人民政府", Kind: "prefecture", Region: "东川省"}, {ID: 21, Name: "省商务厅", Kind: "department", Region: "东川省"},
		{ID: 22, Name: "西州市人民政府", Kind: "prefecture", Region: "西川省"}}
	if suggested := planedit.Suggest(r.Collectives[0], candidates, "东川省"); len(suggested) != 1 || suggested[0] != 20 {
		t.Errorf("suggested members = %v", suggested)
	}
	if suggested := planedit.Suggest(r.Collectives[0], candidates, ""); len(suggested) != 0 {
		t.Errorf("suggested members in a plan of no region = %v", suggested)
	}
}
