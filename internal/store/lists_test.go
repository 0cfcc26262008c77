package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"testing"
	"time"

	"luoshi/internal/indicator"
	"luoshi/internal/reporting"
	"luoshi/internal/store"
	"luoshi/internal/store/storetest"
)

// big is a published generated plan of three sections of twenty tasks,
// a second plan of three tasks, reporters of 省商务厅 and 省发展改革委,
// and reports: see bigSetup.
type big struct {
	plan, other       int64
	tasks, otherTasks []store.Task // by number: tasks[n-1] is task n
	units             map[string]int64
	officeU, swtU     int64
	fgwU, swtU2       int64
	office            store.Actor
	officeRep         reporting.Actor
	reports           map[string]store.Report // by "task/period"
}

// Task n of BigPlan is led by BigPlanUnits[(n-1)%7]: 省发展改革委 leads
// 1, 8, 15, …, 57 and 省商务厅 2, 9, 16, …, 58. Sections: 一 is 1–20,
// 二 21–40, 三 41–60.
var (
	swtTasks = []int{2, 9, 16, 23, 30, 37, 44, 51, 58}
	fgwTasks = []int{1, 8, 15, 22, 29, 36, 43, 50, 57}
)

// bigSetup stores the plans and these reports, in this order:
// 省商务厅 submits tasks 2, 9, 16, 23 for 2026-Q1; the office returns 9
// and accepts 16; 省商务厅 saves a draft of task 30; 省发展改革委 submits
// task 1 for 2026-Q1 and task 8 for 2026-Q2; 省商务厅 submits task 2 of
// the other plan for 2026-Q1.
func bigSetup(t *testing.T, s *store.Store) big {
	t.Helper()
	ctx := context.Background()
	b := big{units: map[string]int64{}, reports: map[string]store.Report{}}
	for _, n := range append(slices.Clone(storetest.BigPlanUnits), storetest.BigPlanCooperating) {
		id, err := s.CreateUnit(ctx, office, store.Unit{Name: n, Region: "西岭省"})
		if err != nil {
			t.Fatal(err)
		}
		b.units[n] = id
	}
	load := func(title string, sections, per int) (int64, []store.Task) {
		id, err := s.CreatePlan(ctx, office, store.NewPlan{Plan: storetest.BigPlan(title, sections, per)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Publish(ctx, office, id); err != nil {
			t.Fatal(err)
		}
		o, err := s.PlanOutline(ctx, id, store.TaskFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return id, o.Tasks
	}
	b.other, b.otherTasks = load("西岭省另一项工作要点", 1, 3)
	b.plan, b.tasks = load("西岭省2026年服务业重点工作", 3, 20)
	user := func(name, role string, unit int64) int64 {
		id, err := s.CreateUser(ctx, office, store.NewUser{Username: name, Role: role, UnitID: unit, PasswordHash: "x"})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	b.officeU = user("admin", store.RoleOffice, 0)
	b.swtU = user("swt", store.RoleReporter, b.units["省商务厅"])
	b.swtU2 = user("swt2", store.RoleReporter, b.units["省商务厅"])
	b.fgwU = user("fgw", store.RoleReporter, b.units["省发展改革委"])
	b.office = store.Actor{UserID: b.officeU, Username: "admin"}
	b.officeRep = reporting.Actor{UserID: b.officeU, Role: reporting.Office}
	at := time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC)
	write := func(plan int64, task store.Task, unit, userID int64, period string, kind reporting.ActionKind) store.Report {
		t.Helper()
		rep := reporting.Actor{UserID: userID, Role: reporting.Reporter, UnitID: unit}
		at = at.Add(time.Minute)
		c := content(reporting.OnTrack, 30)
		for _, g := range task.Targets { // a value of each target: the task's number
			n, _ := strconv.Atoi(task.Label)
			c.Values = append(c.Values, reporting.Value{Indicator: store.TargetKey(g, "西岭省").String(), Value: float64(n)})
		}
		after, err := reporting.Transition(reporting.New(task.ID, period, unit, unit),
			reporting.Action{Kind: kind, BasedOn: 1, Content: c, At: at}, rep)
		if err != nil {
			t.Fatal(err)
		}
		r, err := s.WriteReport(ctx, store.Actor{UserID: userID, Username: "u"}, store.ReportWrite{After: after, Action: kind, PlanID: plan,
			AsOf: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	decide := func(r store.Report, kind reporting.ActionKind) store.Report {
		t.Helper()
		at = at.Add(time.Minute)
		after, err := reporting.Transition(r.Report, reporting.Action{Kind: kind, BasedOn: r.Rev, Comment: "请补充", At: at}, b.officeRep)
		if err != nil {
			t.Fatal(err)
		}
		d, err := s.WriteReport(ctx, b.office, store.ReportWrite{Before: r, After: after, Action: kind, PlanID: b.plan})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	swt, fgw := b.units["省商务厅"], b.units["省发展改革委"]
	for _, n := range []int{2, 9, 16, 23} {
		b.reports[fmt.Sprintf("%d/2026-Q1", n)] = write(b.plan, b.tasks[n-1], swt, b.swtU, "2026-Q1", reporting.Submit)
	}
	b.reports["9/2026-Q1"] = decide(b.reports["9/2026-Q1"], reporting.Return)
	b.reports["16/2026-Q1"] = decide(b.reports["16/2026-Q1"], reporting.Accept)
	b.reports["30/2026-Q1"] = write(b.plan, b.tasks[29], swt, b.swtU, "2026-Q1", reporting.Save)
	b.reports["1/2026-Q1"] = write(b.plan, b.tasks[0], fgw, b.fgwU, "2026-Q1", reporting.Submit)
	b.reports["8/2026-Q2"] = write(b.plan, b.tasks[7], fgw, b.fgwU, "2026-Q2", reporting.Submit)
	b.reports["other/2/2026-Q1"] = write(b.other, b.otherTasks[1], swt, b.swtU, "2026-Q1", reporting.Submit)
	return b
}

// walk reads every page of a list, checking each against the limit.
func walk[T any](t *testing.T, limit int, list func(after string) (store.Page[T], error)) []T {
	t.Helper()
	var all []T
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 1000 {
			t.Fatal("the list does not end")
		}
		p, err := list(cursor)
		if err != nil {
			t.Fatalf("page %d: %v", pages+1, err)
		}
		if len(p.Rows) > limit {
			t.Fatalf("page %d has %d rows, limit %d", pages+1, len(p.Rows), limit)
		}
		all = append(all, p.Rows...)
		if p.Next == "" {
			return all
		}
		if len(p.Rows) < limit {
			t.Fatalf("page %d has %d rows but a next page", pages+1, len(p.Rows))
		}
		cursor = p.Next
	}
}

func badField(t *testing.T, what string, err error, field string) {
	t.Helper()
	fe, ok := store.IsFilterError(err)
	if !ok || fe.Field != field || !errors.Is(err, store.ErrInvalid) {
		t.Errorf("%s: got %v, want a filter error on %s", what, err, field)
	}
}

// labels gives the task numbers of reports, in order.
func reportLabels(rs []store.Report) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.TaskLabel+"/"+r.Period)
	}
	return out
}

func TestReportList(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := bigSetup(t, s)
		list := func(f store.ReportFilter) []string {
			t.Helper()
			rs := walk(t, 2, func(after string) (store.Page[store.Report], error) {
				f.Limit, f.After = 2, after
				return s.ReportList(ctx, f)
			})
			return reportLabels(rs)
		}
		// Newest submission first; the draft is not received; the other
		// plan's report (task 2 of three) is the newest.
		all := []string{"2/2026-Q1", "8/2026-Q2", "1/2026-Q1", "23/2026-Q1", "16/2026-Q1", "9/2026-Q1", "2/2026-Q1"}
		if got := list(store.ReportFilter{}); !slices.Equal(got, all) {
			t.Errorf("all received = %v, want %v", got, all)
		}
		oldest := slices.Clone(all)
		slices.Reverse(oldest)
		if got := list(store.ReportFilter{Sort: "oldest"}); !slices.Equal(got, oldest) {
			t.Errorf("oldest first = %v, want %v", got, oldest)
		}
		swt, fgw := b.units["省商务厅"], b.units["省发展改革委"]
		for _, c := range []struct {
			name string
			f    store.ReportFilter
			want []string
		}{
			{"plan", store.ReportFilter{PlanID: b.plan}, all[1:]},
			{"other plan", store.ReportFilter{PlanID: b.other}, all[:1]},
			{"unit", store.ReportFilter{UnitID: fgw}, []string{"8/2026-Q2", "1/2026-Q1"}},
			{"unit and plan", store.ReportFilter{UnitID: swt, PlanID: b.plan}, []string{"23/2026-Q1", "16/2026-Q1", "9/2026-Q1", "2/2026-Q1"}},
			{"period", store.ReportFilter{PlanID: b.plan, Period: "2026-Q2"}, []string{"8/2026-Q2"}},
			{"submitted", store.ReportFilter{State: "submitted"}, []string{"2/2026-Q1", "8/2026-Q2", "1/2026-Q1", "23/2026-Q1", "2/2026-Q1"}},
			{"returned", store.ReportFilter{State: "returned"}, []string{"9/2026-Q1"}},
			{"accepted", store.ReportFilter{State: "accepted"}, []string{"16/2026-Q1"}},
			{"task", store.ReportFilter{TaskID: b.tasks[8].ID}, []string{"9/2026-Q1"}},
		} {
			if got := list(c.f); !slices.Equal(got, c.want) {
				t.Errorf("%s: %v, want %v", c.name, got, c.want)
			}
		}
		// Values come with the rows: task 9 has a target.
		p, err := s.ReportList(ctx, store.ReportFilter{TaskID: b.tasks[8].ID})
		if err != nil || len(p.Rows) != 1 || p.Rows[0].Content.Progress != 30 || len(p.Rows[0].Content.Values) != 1 || p.Rows[0].Content.Values[0].Value != 9 {
			t.Errorf("report of task 9 = %+v, %v", p.Rows, err)
		}
		_, err = s.ReportList(ctx, store.ReportFilter{State: "draft"})
		badField(t, "draft state", err, "state")
		_, err = s.ReportList(ctx, store.ReportFilter{Period: "Q1'; --"})
		badField(t, "bad period", err, "period")
		_, err = s.ReportList(ctx, store.ReportFilter{Limit: store.MaxLimit + 1})
		badField(t, "limit", err, "limit")
		_, err = s.ReportList(ctx, store.ReportFilter{Sort: "unit"})
		badField(t, "sort", err, "sort")
		_, err = s.ReportList(ctx, store.ReportFilter{After: "bm90IGEgY3Vyc29y"})
		badField(t, "cursor", err, "after")
		first, _ := s.ReportList(ctx, store.ReportFilter{Limit: 1})
		_, err = s.ReportList(ctx, store.ReportFilter{Sort: "oldest", After: first.Next})
		badField(t, "cursor of another sort", err, "after")
		if p, err := s.ReportList(ctx, store.ReportFilter{Limit: 0}); err != nil || len(p.Rows) != len(all) || p.Next != "" {
			t.Errorf("default page = %d rows, next %q, %v", len(p.Rows), p.Next, err)
		}
		// Times the web gives carry a monotonic clock reading, which
		// SQLite keeps in the text: two such submissions page oldest
		// first without a repeat.
		rep := reporting.Actor{UserID: b.swtU, Role: reporting.Reporter, UnitID: swt}
		for _, n := range []int{44, 51} {
			sub, err := reporting.Transition(reporting.New(b.tasks[n-1].ID, "2026-Q2", swt, swt),
				reporting.Action{Kind: reporting.Submit, BasedOn: 1, Content: content(reporting.OnTrack, 40), At: time.Now()}, rep)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.WriteReport(ctx, store.Actor{UserID: b.swtU}, store.ReportWrite{After: sub, Action: reporting.Submit, PlanID: b.plan}); err != nil {
				t.Fatal(err)
			}
		}
		if got := list(store.ReportFilter{Sort: "oldest"}); !slices.Equal(got, append(oldest, "44/2026-Q2", "51/2026-Q2")) {
			t.Errorf("oldest first with the new ones = %v", got)
		}
		newest := list(store.ReportFilter{Period: "2026-Q2"})
		if !slices.Equal(newest, []string{"51/2026-Q2", "44/2026-Q2", "8/2026-Q2"}) {
			t.Errorf("newest first in Q2 = %v", newest)
		}
		// Two submissions at the same instant are told apart by id, on
		// both sides of a page's end.
		same := time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)
		var ids []int64
		for _, n := range []int{58, 37, 30} {
			sub, err := reporting.Transition(reporting.New(b.tasks[n-1].ID, "2026-Q3", swt, swt),
				reporting.Action{Kind: reporting.Submit, BasedOn: 1, Content: content(reporting.OnTrack, 40), At: same}, rep)
			if err != nil {
				t.Fatal(err)
			}
			r, err := s.WriteReport(ctx, store.Actor{UserID: b.swtU}, store.ReportWrite{After: sub, Action: reporting.Submit, PlanID: b.plan})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, r.ID)
		}
		for sort, want := range map[string][]string{"newest": {"30/2026-Q3", "37/2026-Q3", "58/2026-Q3"}, "oldest": {"58/2026-Q3", "37/2026-Q3", "30/2026-Q3"}} {
			rs := walk(t, 1, func(after string) (store.Page[store.Report], error) {
				return s.ReportList(ctx, store.ReportFilter{Period: "2026-Q3", Sort: sort, Limit: 1, After: after})
			})
			if got := reportLabels(rs); !slices.Equal(got, want) {
				t.Errorf("%s first at one instant = %v, want %v (ids %v)", sort, got, want, ids)
			}
		}
	})
}

func TestMissingList(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := bigSetup(t, s)
		swt := b.units["省商务厅"]
		// Missing for 2026-Q1: every lead assignment but the submitted
		// (2, 23), the accepted (16) and 省发展改革委's task 1; the
		// returned task 9 and the draft of task 30 are missing.
		key := func(ms []store.Missing) []string {
			var out []string
			for _, m := range ms {
				out = append(out, m.TaskLabel+":"+m.State)
			}
			return out
		}
		list := func(f store.MissingFilter) ([]store.Missing, int) {
			t.Helper()
			total := -1
			ms := walk(t, 4, func(after string) (store.Page[store.Missing], error) {
				f.Limit, f.After = 4, after
				p, err := s.MissingList(ctx, f)
				if total >= 0 && p.Total != total {
					t.Errorf("total changed from %d to %d", total, p.Total)
				}
				total = p.Total
				return p.Page, err
			})
			if len(ms) != total {
				t.Errorf("%d rows listed, total %d", len(ms), total)
			}
			return ms, total
		}
		base := store.MissingFilter{PlanID: b.plan, Period: "2026-Q1"}
		all, total := list(base)
		if total != 60-4 {
			t.Errorf("missing for Q1 = %d, want 56", total)
		}
		f := base
		f.UnitID = swt
		ms, _ := list(f)
		want := []string{"9:returned", "30:draft", "37:", "44:", "51:", "58:"}
		if got := key(ms); !slices.Equal(got, want) {
			t.Errorf("省商务厅 missing = %v, want %v", got, want)
		}
		f.Section = "二"
		if got, _ := list(f); !slices.Equal(key(got), []string{"30:draft", "37:"}) {
			t.Errorf("省商务厅 in section 二 = %v", key(got))
		}
		for state, want := range map[string][]string{"returned": {"9:returned"}, "draft": {"30:draft"}, "none": {"37:", "44:", "51:", "58:"}} {
			f := base
			f.UnitID, f.State = swt, state
			if got, _ := list(f); !slices.Equal(key(got), want) {
				t.Errorf("state %s = %v, want %v", state, key(got), want)
			}
		}
		if got, _ := list(store.MissingFilter{PlanID: b.plan, Period: "2026-Q2", UnitID: b.units["省发展改革委"]}); len(got) != len(fgwTasks)-1 {
			t.Errorf("省发展改革委 missing Q2 = %d, want %d", len(got), len(fgwTasks)-1)
		}
		// By unit: units by name, then tasks in order; by task: tasks in
		// order. The whole result is the pages joined.
		for i := 1; i < len(all); i++ {
			a, c := all[i-1], all[i]
			if a.UnitName > c.UnitName || a.UnitName == c.UnitName && taskNo(t, a) >= taskNo(t, c) {
				t.Errorf("by unit: %s %s before %s %s", a.UnitName, a.TaskLabel, c.UnitName, c.TaskLabel)
			}
		}
		whole, err := s.MissingAll(ctx, base)
		if err != nil || !slices.Equal(key(whole), key(all)) {
			t.Errorf("MissingAll differs from the pages: %v", err)
		}
		f = base
		f.Sort = "task"
		byTask, _ := list(f)
		for i, m := range byTask {
			if i > 0 && taskNo(t, byTask[i-1]) >= taskNo(t, m) {
				t.Errorf("by task: %s before %s", byTask[i-1].TaskLabel, m.TaskLabel)
			}
		}
		f = base
		f.State = "lost"
		_, err = s.MissingList(ctx, f)
		badField(t, "state", err, "state")
		_, err = s.MissingList(ctx, store.MissingFilter{PlanID: b.plan})
		badField(t, "no period", err, "period")
		_, err = s.MissingList(ctx, store.MissingFilter{Period: "2026-Q1"})
		badField(t, "no plan", err, "plan")
		f = base
		f.Sort = "name"
		_, err = s.MissingList(ctx, f)
		badField(t, "sort", err, "sort")
	})
}

func taskNo(t *testing.T, m store.Missing) int {
	n, err := strconv.Atoi(m.TaskLabel)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestUnitAndUserLists(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := bigSetup(t, s)
		if _, err := s.CreateUnit(ctx, office, store.Unit{Name: "东川市商务局", Region: "东川市", Kind: "市直"}); err != nil {
			t.Fatal(err)
		}
		names := func(f store.UnitFilter) []string {
			us := walk(t, 3, func(after string) (store.Page[store.Unit], error) {
				f.Limit, f.After = 3, after
				return s.UnitList(ctx, f)
			})
			var out []string
			for _, u := range us {
				out = append(out, u.Name)
			}
			return out
		}
		all := append(slices.Clone(storetest.BigPlanUnits), storetest.BigPlanCooperating, "东川市商务局")
		slices.Sort(all) // byte order, as both test databases compare
		if got := names(store.UnitFilter{}); !slices.Equal(got, all) {
			t.Errorf("units = %v, want %v", got, all)
		}
		if got := names(store.UnitFilter{Query: "商务"}); !slices.Equal(got, []string{"东川市商务局", "省商务厅"}) {
			t.Errorf("units with 商务 = %v", got)
		}
		if got := names(store.UnitFilter{Region: "东川市"}); !slices.Equal(got, []string{"东川市商务局"}) {
			t.Errorf("units of 东川市 = %v", got)
		}
		if got := names(store.UnitFilter{Kind: "市直"}); !slices.Equal(got, []string{"东川市商务局"}) {
			t.Errorf("units of kind 市直 = %v", got)
		}
		if got := names(store.UnitFilter{Sort: "region"}); got[0] != "东川市商务局" || len(got) != len(all) {
			t.Errorf("units by region = %v", got)
		}
		_, err := s.UnitList(ctx, store.UnitFilter{Sort: "size"})
		badField(t, "unit sort", err, "sort")

		users := func(f store.UserFilter) []string {
			us := walk(t, 2, func(after string) (store.Page[store.User], error) {
				f.Limit, f.After = 2, after
				return s.UserList(ctx, f)
			})
			var out []string
			for _, u := range us {
				out = append(out, u.Username)
			}
			return out
		}
		if got := users(store.UserFilter{}); !slices.Equal(got, []string{"admin", "fgw", "swt", "swt2"}) {
			t.Errorf("users = %v", got)
		}
		if got := users(store.UserFilter{Role: store.RoleReporter}); !slices.Equal(got, []string{"fgw", "swt", "swt2"}) {
			t.Errorf("reporters = %v", got)
		}
		if got := users(store.UserFilter{UnitID: b.units["省商务厅"]}); !slices.Equal(got, []string{"swt", "swt2"}) {
			t.Errorf("users of 省商务厅 = %v", got)
		}
		if got := users(store.UserFilter{Query: "swt"}); !slices.Equal(got, []string{"swt", "swt2"}) {
			t.Errorf("users named swt = %v", got)
		}
		_, err = s.UserList(ctx, store.UserFilter{Role: "boss"})
		badField(t, "role", err, "role")
	})
}

func TestUnitTaskList(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := bigSetup(t, s)
		swt := b.units["省商务厅"]
		list := func(unit int64, f store.UnitTaskFilter) []string {
			ts := walk(t, 4, func(after string) (store.Page[store.UnitTask], error) {
				f.Limit, f.After = 4, after
				return s.UnitTaskList(ctx, unit, f)
			})
			var out []string
			for _, x := range ts {
				if len(x.Units) != 2 {
					t.Errorf("task %s has %d units", x.Label, len(x.Units))
				}
				out = append(out, x.Role+":"+x.Label)
			}
			return out
		}
		// Lead first; the newer plan (stored last) before the other.
		var want []string
		for _, n := range swtTasks {
			want = append(want, "lead:"+strconv.Itoa(n))
		}
		want = append(want, "lead:2")
		if got := list(swt, store.UnitTaskFilter{PublishedOnly: true}); !slices.Equal(got, want) {
			t.Errorf("省商务厅 tasks = %v, want %v", got, want)
		}
		if got := list(swt, store.UnitTaskFilter{PlanID: b.other}); !slices.Equal(got, []string{"lead:2"}) {
			t.Errorf("省商务厅 tasks in the other plan = %v", got)
		}
		coop := list(b.units[storetest.BigPlanCooperating], store.UnitTaskFilter{})
		if len(coop) != 63 || coop[0] != "cooperating:1" || coop[62] != "cooperating:3" {
			t.Errorf("省统计局 tasks = %d: %v…", len(coop), coop[:min(3, len(coop))])
		}
		if got := list(b.units[storetest.BigPlanCooperating], store.UnitTaskFilter{Role: "lead"}); len(got) != 0 {
			t.Errorf("省统计局 leads %v", got)
		}
		// Accepting task 16's report set its status.
		if got := list(swt, store.UnitTaskFilter{Status: "on_track"}); !slices.Equal(got, []string{"lead:16"}) {
			t.Errorf("省商务厅 tasks on track = %v", got)
		}
		_, err := s.UnitTaskList(ctx, swt, store.UnitTaskFilter{Role: "boss"})
		badField(t, "role", err, "role")
		_, err = s.UnitTaskList(ctx, swt, store.UnitTaskFilter{Status: "lost"})
		badField(t, "status", err, "status")
	})
}

func TestInboxOfTheOffice(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := bigSetup(t, s)
		// A report due for 省商务厅's task 37 and task 44, in both its
		// reporters' inboxes and in 省发展改革委's for task 43.
		task37, task44, task43 := b.tasks[36], b.tasks[43], b.tasks[42]
		var due []store.Notice
		for _, u := range []int64{b.swtU, b.swtU2} {
			for _, task := range []store.Task{task37, task44} {
				due = append(due, store.Notice{UserID: u, Kind: store.NoticeDue, TaskID: task.ID, Period: "2026-Q1", Dedupe: fmt.Sprintf("due:%d:2026-Q1", task.ID)})
			}
		}
		due = append(due, store.Notice{UserID: b.fgwU, Kind: store.NoticeDue, TaskID: task43.ID, Period: "2026-Q1", Dedupe: "due"})
		if err := s.Notify(ctx, due); err != nil {
			t.Fatal(err)
		}
		// The office was told of each of the seven submissions.
		inbox := walk(t, 3, func(after string) (store.Page[store.Notice], error) {
			return s.InboxList(ctx, b.officeU, store.NoticeFilter{Limit: 3, After: after})
		})
		var labels []string
		for _, n := range inbox {
			if n.Kind != store.NoticeSubmitted || n.ReportID == 0 {
				t.Errorf("office notice %+v", n)
			}
			// The notice says who submitted: the report's unit.
			if r, err := s.ReportByID(ctx, n.ReportID); err != nil || n.UnitName == "" || n.UnitName != r.UnitName {
				t.Errorf("notice of report %d names unit %q; the report is %q's (%v)", n.ReportID, n.UnitName, r.UnitName, err)
			}
			labels = append(labels, n.TaskLabel+"/"+n.Period)
		}
		if want := []string{"2/2026-Q1", "8/2026-Q2", "1/2026-Q1", "23/2026-Q1", "16/2026-Q1", "9/2026-Q1", "2/2026-Q1"}; !slices.Equal(labels, want) {
			t.Errorf("office inbox = %v, want %v", labels, want)
		}
		// 省商务厅 submits task 37: its due notices are done, for both its
		// reporters, and those of task 44 and of other units are not.
		rep := reporting.Actor{UserID: b.swtU2, Role: reporting.Reporter, UnitID: b.units["省商务厅"]}
		sub, err := reporting.Transition(reporting.New(task37.ID, "2026-Q1", rep.UnitID, rep.UnitID),
			reporting.Action{Kind: reporting.Submit, BasedOn: 1, Content: content(reporting.OnTrack, 50), At: time.Now()}, rep)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.WriteReport(ctx, store.Actor{UserID: b.swtU2}, store.ReportWrite{After: sub, Action: reporting.Submit, PlanID: b.plan}); err != nil {
			t.Fatal(err)
		}
		state := func(user int64, task store.Task) (done, read bool) {
			p, err := s.InboxList(ctx, user, store.NoticeFilter{Kind: store.NoticeDue})
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range p.Rows {
				if n.TaskID == task.ID {
					return n.Done, n.Read
				}
			}
			t.Fatalf("no due notice of task %s for user %d", task.Label, user)
			return
		}
		for _, u := range []int64{b.swtU, b.swtU2} {
			if done, read := state(u, task37); !done || !read {
				t.Errorf("user %d: due notice of the submitted task: done %v read %v", u, done, read)
			}
			if done, _ := state(u, task44); done {
				t.Errorf("user %d: due notice of task 44 done without a report", u)
			}
		}
		if done, _ := state(b.fgwU, task43); done {
			t.Error("another unit's due notice was done")
		}
		// What stays unread: the return of 9, the acceptance of 16, task 44 due.
		if n, _ := s.Unread(ctx, b.swtU); n != 3 {
			t.Errorf("省商务厅 unread = %d, want 3", n)
		}
		if p, _ := s.InboxList(ctx, b.officeU, store.NoticeFilter{Unread: true}); len(p.Rows) != 8 {
			t.Errorf("office unread = %d, want 8", len(p.Rows))
		}
		_, err = s.InboxList(ctx, b.officeU, store.NoticeFilter{Kind: "spam"})
		badField(t, "kind", err, "kind")
	})
}

// TestNoticeNamesWhoSubmitted: a cooperating unit's contribution is
// told to the office and to the lead unit under the contributor's name,
// not the lead's.
func TestNoticeNamesWhoSubmitted(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := bigSetup(t, s)
		task37 := b.tasks[36] // led by 省商务厅, 省统计局 cooperating
		tjj := b.units[storetest.BigPlanCooperating]
		tjjU, err := s.CreateUser(ctx, office, store.NewUser{Username: "tjj", Role: store.RoleReporter, UnitID: tjj, PasswordHash: "x"})
		if err != nil {
			t.Fatal(err)
		}
		rep := reporting.Actor{UserID: tjjU, Role: reporting.Reporter, UnitID: tjj}
		sub, err := reporting.Transition(reporting.New(task37.ID, "2026-Q1", tjj, b.units["省商务厅"]),
			reporting.Action{Kind: reporting.Submit, BasedOn: 1, Content: content(reporting.OnTrack, 50), At: time.Now()}, rep)
		if err != nil {
			t.Fatal(err)
		}
		r, err := s.WriteReport(ctx, store.Actor{UserID: tjjU}, store.ReportWrite{After: sub, Action: reporting.Submit, PlanID: b.plan})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			user int64
			kind string
		}{{b.officeU, store.NoticeSubmitted}, {b.swtU, store.NoticeContribution}} {
			p, err := s.InboxList(ctx, c.user, store.NoticeFilter{Kind: c.kind, Limit: 1})
			if err != nil || len(p.Rows) != 1 {
				t.Fatalf("user %d's %s notices: %+v, %v", c.user, c.kind, p.Rows, err)
			}
			if n := p.Rows[0]; n.ReportID != r.ID || n.UnitName != "省统计局" {
				t.Errorf("user %d's notice of the contribution = %+v, want report %d of 省统计局", c.user, n, r.ID)
			}
			n, err := s.OpenNotice(ctx, c.user, p.Rows[0].ID)
			if err != nil || n.UnitName != "省统计局" {
				t.Errorf("opened notice = %+v, %v", n, err)
			}
		}
	})
}

// TestNoticesAreTheirOwners: opening or marking a notice read takes its
// owner; another user's attempt changes nothing.
func TestNoticesAreTheirOwners(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := bigSetup(t, s)
		p, err := s.InboxList(ctx, b.officeU, store.NoticeFilter{Limit: 1})
		if err != nil || len(p.Rows) != 1 {
			t.Fatalf("office inbox: %v %v", p.Rows, err)
		}
		mine := p.Rows[0]
		if _, err := s.OpenNotice(ctx, b.swtU, mine.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("another user opened the office's notice: %v", err)
		}
		if err := s.MarkRead(ctx, b.swtU, []int64{mine.ID}); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.Unread(ctx, b.officeU); n != 7 {
			t.Errorf("office unread after others' attempts = %d, want 7", n)
		}
		got, err := s.OpenNotice(ctx, b.officeU, mine.ID)
		if err != nil || got.ID != mine.ID || !got.Read || got.TaskID != mine.TaskID {
			t.Errorf("OpenNotice = %+v, %v", got, err)
		}
		if n, _ := s.Unread(ctx, b.officeU); n != 6 {
			t.Errorf("office unread after opening one = %d, want 6", n)
		}
		unread, err := s.InboxList(ctx, b.officeU, store.NoticeFilter{Unread: true})
		if err != nil || len(unread.Rows) != 6 || slices.ContainsFunc(unread.Rows, func(n store.Notice) bool { return n.ID == mine.ID }) {
			t.Errorf("unread notices after opening one: %d, %v", len(unread.Rows), err)
		}
		if all, _ := s.InboxList(ctx, b.officeU, store.NoticeFilter{}); len(all.Rows) != 7 {
			t.Errorf("notices = %d, want 7", len(all.Rows))
		}
		// Marking read takes the owner too.
		if err := s.MarkRead(ctx, b.swtU, nil); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.Unread(ctx, b.officeU); n != 6 {
			t.Errorf("another user's mark-all changed the office's unread to %d", n)
		}
	})
}

func TestLightList(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := bigSetup(t, s)
		if _, err := s.SetCalendar(ctx, office, store.Calendar{PlanID: b.plan, Frequency: "quarterly", DueAfter: 15, Start: "2026-01-01"}); err != nil {
			t.Fatal(err)
		}
		// On 10 May, Q1 was due on 15 April: the tasks without a Q1 report
		// are yellow (one period overdue); task 9 (returned) too. Tasks
		// 1, 2, 16, 23 reported: green.
		now := time.Date(2026, 5, 10, 12, 0, 0, 0, reporting.Shanghai())
		lp, err := s.LitPlan(ctx, b.plan, now)
		if err != nil {
			t.Fatal(err)
		}
		list := func(f store.LightFilter) ([]string, store.LightPage) {
			t.Helper()
			var last store.LightPage
			rows := walk(t, 7, func(after string) (store.Page[store.LightRow], error) {
				f.Limit, f.After = 7, after
				p, err := lp.List(f)
				last = p
				return p.Page, err
			})
			var out []string
			for _, r := range rows {
				out = append(out, string(r.Light.Color)+":"+r.Task.Label)
			}
			return out, last
		}
		green, page := list(store.LightFilter{Light: "green"})
		if want := []string{"green:1", "green:2", "green:16", "green:23"}; !slices.Equal(green, want) {
			t.Errorf("green = %v, want %v", green, want)
		}
		if page.Counts["green"] != 4 || page.Counts["yellow"] != 56 || page.Total != 4 {
			t.Errorf("counts = %v, total %d", page.Counts, page.Total)
		}
		all, _ := list(store.LightFilter{})
		if len(all) != 60 || all[0] != "yellow:3" || all[56] != "green:1" {
			t.Errorf("by light: %d rows, %v … %v", len(all), all[:1], all[56:57])
		}
		ordered, _ := list(store.LightFilter{Sort: "order"})
		if len(ordered) != 60 || ordered[0] != "green:1" || ordered[2] != "yellow:3" {
			t.Errorf("in order: %v", ordered[:3])
		}
		swt, _ := list(store.LightFilter{UnitID: b.units["省商务厅"], Section: "一"})
		if want := []string{"yellow:9", "green:2", "green:16"}; !slices.Equal(swt, want) {
			t.Errorf("省商务厅 in 一 = %v, want %v", swt, want)
		}
		if got, _ := list(store.LightFilter{Status: "on_track"}); !slices.Equal(got, []string{"green:16"}) {
			t.Errorf("on track = %v", got)
		}
		_, err = lp.List(store.LightFilter{Light: "blue"})
		badField(t, "light", err, "light")
		_, err = lp.List(store.LightFilter{Sort: "unit"})
		badField(t, "sort", err, "sort")
		// The same through the store's one call.
		p, err := s.LightList(ctx, b.plan, now, store.LightFilter{Light: string(indicator.Green), Limit: 2})
		if err != nil || len(p.Rows) != 2 || p.Next == "" || p.Rows[0].Task.Label != "1" {
			t.Errorf("LightList = %+v, %v", p.Rows, err)
		}
	})
}

func TestPlanTaskList(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := bigSetup(t, s)
		list := func(f store.PlanTaskFilter) []string {
			var out []string
			from := 0
			ts := walk(t, 6, func(after string) (store.Page[store.Task], error) {
				f.Limit, f.After = 6, after
				p, err := s.PlanTaskList(ctx, b.plan, f)
				if after != "" && p.From <= from {
					t.Errorf("page after %q starts at %d", after, p.From)
				}
				from = p.From
				return p.Page, err
			})
			for _, x := range ts {
				if len(x.Units) != 2 {
					t.Errorf("task %s has %d units", x.Label, len(x.Units))
				}
				if n, _ := strconv.Atoi(x.Label); (n%3 == 0) != (len(x.Targets) == 1) {
					t.Errorf("task %s has %d targets", x.Label, len(x.Targets))
				}
				out = append(out, x.Label)
			}
			return out
		}
		var two []string
		for n := 21; n <= 40; n++ {
			two = append(two, strconv.Itoa(n))
		}
		if got := list(store.PlanTaskFilter{Section: "二"}); !slices.Equal(got, two) {
			t.Errorf("section 二 = %v", got)
		}
		if got := list(store.PlanTaskFilter{Confidence: "low"}); !slices.Equal(got, []string{"10", "20", "30", "40", "50", "60"}) {
			t.Errorf("low confidence = %v", got)
		}
		if got := list(store.PlanTaskFilter{UnitID: b.units["省商务厅"], Section: "三"}); !slices.Equal(got, []string{"44", "51", "58"}) {
			t.Errorf("省商务厅 in 三 = %v", got)
		}
		p, err := s.PlanTaskList(ctx, b.plan, store.PlanTaskFilter{Section: "一", Limit: 5})
		if err != nil || p.Total != 20 || p.From != 0 {
			t.Errorf("first page of 一: total %d from %d, %v", p.Total, p.From, err)
		}
		_, err = s.PlanTaskList(ctx, b.plan, store.PlanTaskFilter{Confidence: "some"})
		badField(t, "confidence", err, "confidence")
		names, err := s.PlanUnitNames(ctx, b.plan)
		if err != nil || len(names) != 8 {
			t.Fatalf("unit names = %+v, %v", names, err)
		}
		for _, n := range names {
			if n.UnitID != b.units[n.Name] || n.UnitName != n.Name {
				t.Errorf("name %s maps to %d %s", n.Name, n.UnitID, n.UnitName)
			}
		}
		if names[0].Name != storetest.BigPlanUnits[0] || names[0].Count != 9 {
			t.Errorf("first name = %+v", names[0])
		}
	})
}

func TestReminderList(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := bigSetup(t, s)
		swt := b.units["省商务厅"]
		var items []store.Reminder
		for _, n := range swtTasks {
			items = append(items, store.Reminder{PlanID: b.plan, TaskID: b.tasks[n-1].ID, UnitID: swt, Period: "2026-Q1", Message: "请报送 " + strconv.Itoa(n)})
		}
		items = append(items, store.Reminder{PlanID: b.other, TaskID: b.otherTasks[1].ID, UnitID: swt, Period: "2026-Q1", Message: "另一规划"})
		if _, err := s.Remind(ctx, b.office, items); err != nil {
			t.Fatal(err)
		}
		rs := walk(t, 4, func(after string) (store.Page[store.Reminder], error) {
			return s.ReminderList(ctx, store.ReminderFilter{PlanID: b.plan, Limit: 4, After: after})
		})
		if len(rs) != len(swtTasks) {
			t.Fatalf("%d reminders of the plan, want %d", len(rs), len(swtTasks))
		}
		for i := 1; i < len(rs); i++ {
			if rs[i-1].ID < rs[i].ID {
				t.Errorf("reminders not newest first: %d before %d", rs[i-1].ID, rs[i].ID)
			}
		}
		if p, _ := s.ReminderList(ctx, store.ReminderFilter{PlanID: b.other}); len(p.Rows) != 1 || p.Rows[0].Message != "另一规划" {
			t.Errorf("reminders of the other plan = %+v", p.Rows)
		}
		if p, _ := s.ReminderList(ctx, store.ReminderFilter{TaskID: b.tasks[1].ID}); len(p.Rows) != 1 || p.Rows[0].Message != "请报送 2" {
			t.Errorf("reminders of task 2 = %+v", p.Rows)
		}
	})
}
