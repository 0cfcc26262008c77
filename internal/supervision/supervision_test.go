package supervision_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"luoshi/internal/reporting"
	"luoshi/internal/store"
	"luoshi/internal/store/storetest"
	"luoshi/internal/supervision"
)

// world is the sample plan published with a quarterly calendar: 省发展改革委
// (fgw) leads task 1; 省商务厅 (swt) leads 2 and 3, with 省文旅厅 (wlt)
// cooperating on 3. Its clock stands on 20 November 2026.
type world struct {
	st                            *store.Store
	sv                            *supervision.Service
	plan                          int64
	t1, t2, t3                    store.Task
	key1, key2, key3              string
	office, swt, fgw, wlt, viewer supervision.Actor
	q3                            time.Time
}

func setup(t *testing.T, s *store.Store) world {
	t.Helper()
	ctx := context.Background()
	sys := store.Actor{Username: "test"}
	w := world{st: s, q3: time.Date(2026, 9, 30, 0, 0, 0, 0, reporting.Shanghai())}
	unit := func(name string) int64 {
		id, err := s.CreateUnit(ctx, sys, store.Unit{Name: name, Region: "西岭省"})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	user := func(name, role string, unitID int64) supervision.Actor {
		id, err := s.CreateUser(ctx, sys, store.NewUser{Username: name, Role: role, UnitID: unitID, PasswordHash: "x"})
		if err != nil {
			t.Fatal(err)
		}
		return supervision.Actor{UserID: id, Username: name, Role: reporting.Role(role), UnitID: unitID}
	}
	fgw, swt, wlt := unit("省发展改革委"), unit("省商务厅"), unit("省文旅厅")
	var err error
	if w.plan, err = s.CreatePlan(ctx, sys, store.NewPlan{Plan: storetest.SamplePlan()}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Publish(ctx, sys, w.plan); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetCalendar(ctx, sys, store.Calendar{PlanID: w.plan, Frequency: "quarterly", DueAfter: 15, Start: "2026-01-01"}); err != nil {
		t.Fatal(err)
	}
	o, err := s.PlanOutline(ctx, w.plan, store.TaskFilter{})
	if err != nil {
		t.Fatal(err)
	}
	w.t1, w.t2, w.t3 = o.Tasks[0], o.Tasks[1], o.Tasks[2]
	w.key1 = store.TargetKey(w.t1.Targets[0], "西岭省").String()
	w.key2 = store.TargetKey(w.t2.Targets[0], "西岭省").String()
	w.key3 = store.TargetKey(w.t3.Targets[0], "西岭省").String()
	w.office = user("admin", store.RoleOffice, 0)
	w.swt, w.fgw, w.wlt = user("swt", store.RoleReporter, swt), user("fgw", store.RoleReporter, fgw), user("wlt", store.RoleReporter, wlt)
	w.viewer = user("leader", store.RoleViewer, 0)
	now := time.Date(2026, 11, 20, 10, 0, 0, 0, reporting.Shanghai())
	w.sv = supervision.New(s, supervision.Options{Now: func() time.Time { return now }})
	return w
}

func each(t *testing.T, fn func(t *testing.T, w world)) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			t.Parallel()
			fn(t, setup(t, e.Open(t)))
		})
	}
}

// full is a complete report with one value (none when key is "").
func full(done, key string, v float64) *reporting.Patch {
	c := reporting.Content{Status: reporting.OnTrack, Progress: 40, Confidence: reporting.Confident, Done: done, NextSteps: "继续"}
	if key != "" {
		c.Values = []reporting.Value{{Indicator: key, Value: v}}
	}
	p := reporting.Full(c)
	return &p
}

func (w world) submit(t *testing.T, a supervision.Actor, task store.Task, period, done, key string, v float64) store.Report {
	t.Helper()
	r, err := w.sv.Change(context.Background(), a, supervision.Change{TaskID: task.ID, Period: period, Rev: 1, Kind: reporting.Submit, Patch: full(done, key, v)})
	if err != nil {
		t.Fatalf("%s submits on task %s: %v", a.Username, task.Label, err)
	}
	return r
}

func (w world) decide(t *testing.T, r store.Report, kind reporting.ActionKind, comment string) store.Report {
	t.Helper()
	out, err := w.sv.Decide(context.Background(), w.office, supervision.Decision{ReportID: r.ID, Kind: kind, Rev: r.Rev, Comment: comment})
	if err != nil {
		t.Fatalf("%s report %d: %v", kind, r.ID, err)
	}
	return out
}

func (w world) official(key string, at time.Time) (float64, bool) {
	v, err := w.st.SeriesValueByKey(context.Background(), key, at)
	return v, err == nil
}

func fieldErrors(err error) map[string]string {
	var ce reporting.ContentError
	out := map[string]string{}
	if errors.As(err, &ce) {
		for _, f := range ce {
			out[f.Field] = f.Key
		}
	}
	return out
}

func TestValuesOnlyForTheTasksTargets(t *testing.T) {
	each(t, func(t *testing.T, w world) {
		ctx := context.Background()
		for name, key := range map[string]string{"another task's": w.key1, "unknown": "编造的指标|个|西岭省"} {
			_, err := w.sv.Change(ctx, w.swt, supervision.Change{TaskID: w.t2.ID, Period: "2026-Q3", Rev: 1, Kind: reporting.Submit, Patch: full("做了", key, 9)})
			if fieldErrors(err)["values[0].indicator"] != "not_a_target" {
				t.Errorf("%s indicator: %v", name, err)
			}
			var ref *supervision.Refused
			if !errors.As(err, &ref) || ref.Current.ID != 0 {
				t.Errorf("%s indicator: refusal %v without the stored report", name, err)
			}
		}
		if _, err := w.st.LatestReport(ctx, w.t2.ID, w.swt.UnitID, "2026-Q3"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a refused report was stored: %v", err)
		}
		// A draft too, and with the content's own problems listed beside.
		p := full("做了", w.key1, 9)
		bad := 150
		p.Progress = &bad
		_, err := w.sv.Change(ctx, w.swt, supervision.Change{TaskID: w.t2.ID, Period: "2026-Q3", Rev: 1, Kind: reporting.Save, Patch: p})
		if fe := fieldErrors(err); fe["values[0].indicator"] != "not_a_target" || fe["progress"] != "out_of_range" {
			t.Errorf("draft with another task's value and a bad progress: %v", err)
		}
		w.submit(t, w.swt, w.t2, "2026-Q3", "做了", w.key2, 41)
	})
}

func TestContributionStandsBeside(t *testing.T) {
	each(t, func(t *testing.T, w world) {
		ctx := context.Background()
		lead := w.submit(t, w.swt, w.t3, "2026-Q3", "牵头单位进展", w.key3, 5)
		w.decide(t, lead, reporting.Accept, "")
		// Before it reports, the cooperating unit's input is empty: the
		// lead's value is not its own.
		if f, err := w.sv.Form(ctx, w.wlt, supervision.FormInput{TaskID: w.t3.ID, Period: "2026-Q3"}); err != nil || f.Values[0].Value != "" || f.Values[0].Shared {
			t.Errorf("cooperating unit's empty field = %+v (%v)", f.Values, err)
		}
		contrib := w.submit(t, w.wlt, w.t3, "2026-Q3", "文旅厅配合", w.key3, 7)
		if contrib.Kind() != reporting.Contribution {
			t.Fatalf("wlt's report is %s", contrib.Kind())
		}
		w.decide(t, contrib, reporting.Accept, "收到")
		if v, _ := w.official(w.key3, w.q3); v != 5 {
			t.Errorf("official value = %v, want the lead's 5", v)
		}
		// The contribution is there, beside it, for those who may read it.
		for _, c := range []struct {
			who  supervision.Actor
			want int
		}{{w.office, 1}, {w.viewer, 1}, {w.swt, 1}, {w.wlt, 1}, {w.fgw, 0}} {
			got, err := w.sv.SeriesContributions(ctx, c.who, w.key3)
			if err != nil || len(got) != c.want || (c.want == 1 && got[0].Value != 7) {
				t.Errorf("%s reads contributions %+v (%v), want %d", c.who.Username, got, err, c.want)
			}
			vals, err := w.sv.TaskValues(ctx, c.who, w.t3)
			if err != nil || len(vals) != 1 || len(vals[0].Contributions) != c.want || len(vals[0].Official) != 1 || vals[0].Official[0].Value != 5 {
				t.Errorf("%s reads task values %+v (%v)", c.who.Username, vals, err)
			}
		}
		// The cooperating unit's next form is its own: the lead's value
		// beside its input, not in it.
		f, err := w.sv.Form(ctx, w.wlt, supervision.FormInput{TaskID: w.t3.ID, Period: "2026-Q3"})
		if err != nil || len(f.Values) != 1 {
			t.Fatalf("form = %+v, %v", f.Values, err)
		}
		if v := f.Values[0]; v.Value != "7" || v.Shared || v.Official == nil || *v.Official != 5 {
			t.Errorf("cooperating unit's field = %+v", v)
		}
		f, _ = w.sv.Form(ctx, w.wlt, supervision.FormInput{TaskID: w.t3.ID, Period: "2026-Q4"})
		if v := f.Values[0]; v.Value != "" || v.Last == nil || v.Last.Value != 5 || v.Last.AsOf != "2026-09-30" {
			t.Errorf("next period's field = %+v, want empty with the last official value beside", v)
		}
		// The lead unit's form shows a value reported by another task as shared.
		f, _ = w.sv.Form(ctx, w.swt, supervision.FormInput{TaskID: w.t3.ID, Period: "2026-Q3"})
		if v := f.Values[0]; v.Value != "5" {
			t.Errorf("lead's field = %+v", v)
		}
	})
}

func TestValuesEnterOnAcceptance(t *testing.T) {
	each(t, func(t *testing.T, w world) {
		ctx := context.Background()
		sub := w.submit(t, w.swt, w.t2, "2026-Q3", "做了", w.key2, 41)
		if v, ok := w.official(w.key2, w.q3); ok {
			t.Errorf("submitted: official %v", v)
		}
		ret := w.decide(t, sub, reporting.Return, "数据来源不明")
		if v, ok := w.official(w.key2, w.q3); ok {
			t.Errorf("returned: official %v", v)
		}
		series, _ := w.st.PlanSeries(ctx, w.plan)
		if err := w.st.PutSeriesValue(ctx, store.Actor{UserID: w.office.UserID}, series[w.t2.Targets[0].ID].ID, w.q3, 40, 0); err != nil {
			t.Fatal(err)
		}
		v2, err := w.sv.Change(ctx, w.swt, supervision.Change{TaskID: w.t2.ID, Period: "2026-Q3", Rev: ret.Rev, Kind: reporting.Revise})
		if err != nil {
			t.Fatal(err)
		}
		if v2, err = w.sv.Change(ctx, w.swt, supervision.Change{TaskID: w.t2.ID, Period: "2026-Q3", Rev: v2.Rev, Kind: reporting.Submit, Patch: full("补充了来源", w.key2, 42)}); err != nil {
			t.Fatal(err)
		}
		if v, _ := w.official(w.key2, w.q3); v != 40 {
			t.Errorf("resubmitted over the office's 40: official %v", v)
		}
		w.decide(t, v2, reporting.Accept, "")
		if v, _ := w.official(w.key2, w.q3); v != 42 {
			t.Errorf("accepted: official %v, want 42", v)
		}
	})
}

func TestEverySubmissionStamped(t *testing.T) {
	each(t, func(t *testing.T, w world) {
		r := w.submit(t, w.swt, w.t2, "2026-Q3", "一步提交", "", 0)
		want := time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC)
		if r.SubmittedBy != w.swt.UserID || !r.SubmittedAt.Equal(want) {
			t.Errorf("stamped by %d at %v, want %d at %v", r.SubmittedBy, r.SubmittedAt, w.swt.UserID, want)
		}
		q, err := w.st.ReviewQueue(context.Background(), 10)
		if err != nil || len(q) != 1 || q[0].SubmittedAt.IsZero() {
			t.Errorf("queue = %+v, %v", q, err)
		}
	})
}

func TestPartialSave(t *testing.T) {
	each(t, func(t *testing.T, w world) {
		ctx := context.Background()
		d, err := w.sv.Change(ctx, w.swt, supervision.Change{TaskID: w.t2.ID, Period: "2026-Q3", Rev: 1, Kind: reporting.Save, Patch: full("原来的", w.key2, 30)})
		if err != nil {
			t.Fatal(err)
		}
		done, empty := "改过的", ""
		d, err = w.sv.Change(ctx, w.swt, supervision.Change{TaskID: w.t2.ID, Period: "2026-Q3", Rev: d.Rev, Kind: reporting.Save,
			Patch: &reporting.Patch{Done: &done, NextSteps: &empty}})
		if err != nil {
			t.Fatal(err)
		}
		c := d.Content
		if c.Done != "改过的" || c.NextSteps != "" || c.Status != reporting.OnTrack || c.Progress != 40 || c.Confidence != reporting.Confident || len(c.Values) != 1 {
			t.Errorf("after a partial save: %+v", c)
		}
		// Submitting without content submits the draft as stored.
		s, err := w.sv.Change(ctx, w.swt, supervision.Change{TaskID: w.t2.ID, Period: "2026-Q3", Rev: d.Rev, Kind: reporting.Submit})
		if err != nil || s.Content.Done != "改过的" || len(s.Content.Values) != 1 {
			t.Errorf("submit as stored: %+v, %v", s.Content, err)
		}
	})
}

func TestReportPermissions(t *testing.T) {
	each(t, func(t *testing.T, w world) {
		ctx := context.Background()
		for _, a := range []supervision.Actor{w.fgw, w.office, w.viewer} {
			_, err := w.sv.Change(ctx, a, supervision.Change{TaskID: w.t2.ID, Period: "2026-Q3", Rev: 1, Kind: reporting.Save, Patch: full("x", "", 0)})
			if !errors.Is(err, reporting.ErrForbidden) {
				t.Errorf("%s saves on task 2: %v", a.Username, err)
			}
		}
		if _, err := w.sv.Change(ctx, w.swt, supervision.Change{TaskID: w.t2.ID, Period: "2027-Q4", Rev: 1, Kind: reporting.Save, Patch: full("x", "", 0)}); !errors.Is(err, supervision.ErrNoPeriod) {
			t.Errorf("a future period: %v", err)
		}
		if _, err := w.sv.Change(ctx, w.swt, supervision.Change{TaskID: w.t2.ID, Period: "2026-Q3", Rev: 1, Kind: reporting.Save}); !errors.Is(err, supervision.ErrAction) {
			t.Errorf("save without content: %v", err)
		}
		sub := w.submit(t, w.swt, w.t2, "2026-Q3", "x", "", 0)
		for _, a := range []supervision.Actor{w.swt, w.viewer} {
			if _, err := w.sv.Decide(ctx, a, supervision.Decision{ReportID: sub.ID, Kind: reporting.Accept, Rev: sub.Rev}); !errors.Is(err, reporting.ErrForbidden) {
				t.Errorf("%s accepts: %v", a.Username, err)
			}
		}
		// Another unit does not find it at all.
		if _, err := w.sv.Decide(ctx, w.fgw, supervision.Decision{ReportID: sub.ID, Kind: reporting.Accept, Rev: sub.Rev}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("another unit decides: %v", err)
		}
		if _, _, err := w.sv.Report(ctx, w.fgw, sub.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("another unit reads: %v", err)
		}
		if _, err := w.sv.Decide(ctx, w.office, supervision.Decision{ReportID: sub.ID, Kind: reporting.Return, Rev: sub.Rev, Comment: " "}); !errors.Is(err, reporting.ErrCommentRequired) {
			t.Errorf("return without comment: %v", err)
		}
		if _, err := w.sv.Decide(ctx, w.office, supervision.Decision{ReportID: sub.ID, Kind: reporting.Accept, Rev: sub.Rev - 1}); !errors.Is(err, reporting.ErrStale) {
			t.Errorf("stale decision: %v", err)
		}
	})
}

func TestRemindExactly(t *testing.T) {
	each(t, func(t *testing.T, w world) {
		ctx := context.Background()
		a := supervision.ReminderItem{TaskID: w.t2.ID, UnitID: w.swt.UnitID, Period: "2026-Q3"}
		b := supervision.ReminderItem{TaskID: w.t3.ID, UnitID: w.wlt.UnitID, Period: "2026-Q3"}
		sent, err := w.sv.Remind(ctx, w.office, supervision.Reminders{Items: []supervision.ReminderItem{a, b, a}, Message: " 请报送 "})
		if err != nil || len(sent) != 2 || sent[0].Message != "请报送" {
			t.Fatalf("remind = %+v, %v", sent, err)
		}
		if rs, _ := w.st.Reminders(ctx, store.ReminderFilter{PlanID: w.plan}); len(rs) != 2 {
			t.Errorf("%d reminders recorded, want 2", len(rs))
		}
		if inbox, _ := w.st.Inbox(ctx, w.fgw.UserID, 10); len(inbox) != 0 {
			t.Errorf("a unit not reminded has %d notices", len(inbox))
		}
		// A draft's task, assigned to 省商务厅 as the published one is.
		sample := storetest.SamplePlan()
		sample.Source += "\n（征求意见稿）"
		draft, err := w.st.CreatePlan(ctx, store.Actor{Username: "test"}, store.NewPlan{Plan: sample})
		if err != nil {
			t.Fatal(err)
		}
		do, _ := w.st.PlanOutline(ctx, draft, store.TaskFilter{})
		if len(do.Tasks) != 3 || !do.Tasks[1].Has(w.swt.UnitID) {
			t.Fatalf("the draft's tasks: %+v", do.Tasks)
		}
		inDraft := supervision.ReminderItem{TaskID: do.Tasks[1].ID, UnitID: w.swt.UnitID, Period: "2026-Q3"}
		for name, c := range map[string]struct {
			who  supervision.Actor
			in   supervision.Reminders
			want error
		}{
			"unpublished":  {w.office, supervision.Reminders{Items: []supervision.ReminderItem{a, inDraft}}, supervision.ErrUnpublished},
			"reporter":     {w.swt, supervision.Reminders{Items: []supervision.ReminderItem{a}}, reporting.ErrForbidden},
			"none":         {w.office, supervision.Reminders{}, supervision.ErrNoReminders},
			"not assigned": {w.office, supervision.Reminders{Items: []supervision.ReminderItem{{TaskID: w.t1.ID, UnitID: w.swt.UnitID, Period: "2026-Q3"}}}, supervision.ErrNotAssigned},
			"too long":     {w.office, supervision.Reminders{Items: []supervision.ReminderItem{a}, Message: strings.Repeat("催", supervision.MaxReminderRunes+1)}, supervision.ErrReminderLong},
		} {
			if _, err := w.sv.Remind(ctx, c.who, c.in); !errors.Is(err, c.want) {
				t.Errorf("%s: %v, want %v", name, err, c.want)
			}
		}
	})
}

func TestWhoReadsWhat(t *testing.T) {
	each(t, func(t *testing.T, w world) {
		ctx := context.Background()
		lead := w.submit(t, w.swt, w.t3, "2026-Q3", "牵头单位内容", "", 0)
		w.decide(t, lead, reporting.Return, "给商务厅的意见")
		contrib := w.submit(t, w.wlt, w.t3, "2026-Q3", "文旅厅内容", "", 0)
		w.decide(t, contrib, reporting.Return, "给文旅厅的意见")
		// A draft of the lead's next period.
		if _, err := w.sv.Change(ctx, w.swt, supervision.Change{TaskID: w.t3.ID, Period: "2026-Q4", Rev: 1, Kind: reporting.Save, Patch: full("草稿", "", 0)}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.sv.Remind(ctx, w.office, supervision.Reminders{Items: []supervision.ReminderItem{{TaskID: w.t3.ID, UnitID: w.wlt.UnitID, Period: "2026-Q4"}}, Message: "催文旅厅"}); err != nil {
			t.Fatal(err)
		}
		history := func(a supervision.Actor) string {
			h, err := w.sv.TaskHistory(ctx, a, w.t3)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, e := range h {
				b.WriteString(e.Action + " " + e.After + "\n")
			}
			return b.String()
		}
		for _, c := range []struct {
			who          supervision.Actor
			reads, lacks []string
		}{
			{w.office, []string{"给商务厅的意见", "给文旅厅的意见", "催文旅厅"}, []string{"report_save"}},
			{w.swt, []string{"给商务厅的意见", "report_save", `"unit_id":` + strconv.FormatInt(w.wlt.UnitID, 10)}, []string{"给文旅厅的意见", "催文旅厅"}},
			{w.wlt, []string{"给文旅厅的意见", "催文旅厅"}, []string{"给商务厅的意见", `"unit_id":` + strconv.FormatInt(w.swt.UnitID, 10), "report_save"}},
			{w.fgw, nil, []string{"给商务厅的意见", "给文旅厅的意见", "催文旅厅", "report_"}},
		} {
			h := history(c.who)
			for _, s := range c.reads {
				if !strings.Contains(h, s) {
					t.Errorf("%s's history of task 3 lacks %q:\n%s", c.who.Username, s, h)
				}
			}
			for _, s := range c.lacks {
				if strings.Contains(h, s) {
					t.Errorf("%s's history of task 3 shows %q:\n%s", c.who.Username, s, h)
				}
			}
		}
		// The report itself: the lead reads the contribution, not the
		// office's comment to its unit; the cooperating unit not the lead's.
		r, _, err := w.sv.Report(ctx, w.swt, contrib.ID)
		if err != nil || r.Content.Done != "文旅厅内容" || r.Comment != "" {
			t.Errorf("lead reads the contribution as %q / comment %q (%v)", r.Content.Done, r.Comment, err)
		}
		if _, _, err := w.sv.Report(ctx, w.wlt, lead.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("cooperating unit reads the lead's report: %v", err)
		}
		f, err := w.sv.Form(ctx, w.wlt, supervision.FormInput{TaskID: w.t3.ID, Period: "2026-Q3"})
		if err != nil || len(f.Others) != 0 {
			t.Errorf("cooperating unit's form shows %d other reports (%v)", len(f.Others), err)
		}
		f, err = w.sv.Form(ctx, w.swt, supervision.FormInput{TaskID: w.t3.ID, Period: "2026-Q3"})
		if err != nil || len(f.Others) != 1 || f.Others[0].Comment != "" {
			t.Errorf("lead's form shows %+v (%v)", f.Others, err)
		}
		f, err = w.sv.Form(ctx, w.office, supervision.FormInput{TaskID: w.t3.ID, Period: "2026-Q3"})
		if err != nil || len(f.Others) != 2 {
			t.Errorf("office's form shows %d reports (%v)", len(f.Others), err)
		}
	})
}

func TestNoProgressAndCopyFromLast(t *testing.T) {
	each(t, func(t *testing.T, w world) {
		ctx := context.Background()
		if _, err := w.sv.NoProgress(ctx, w.swt, w.t2.ID, "2026-Q2", 1); !errors.Is(err, reporting.ErrNothingToCarry) {
			t.Errorf("no progress without an earlier report: %v", err)
		}
		p := full("第二季度做了", w.key2, 30)
		late, conf, problems := reporting.Late, reporting.AtRisk, "资金未到位"
		p.Status, p.Confidence, p.Problems = &late, &conf, &problems
		q2, err := w.sv.Change(ctx, w.swt, supervision.Change{TaskID: w.t2.ID, Period: "2026-Q2", Rev: 1, Kind: reporting.Submit, Patch: p})
		if err != nil {
			t.Fatal(err)
		}
		// Copy: the form of Q3 pre-filled with Q2, not saved.
		f, err := w.sv.Form(ctx, w.swt, supervision.FormInput{TaskID: w.t2.ID, Period: "2026-Q3", CopyLast: true})
		if err != nil || f.CopiedFrom != "2026-Q2" || f.Current.Content.Done != "第二季度做了" || f.Current.Content.Status != reporting.Late ||
			len(f.Current.Content.Values) != 1 || f.Exists {
			t.Errorf("copied form = %+v from %q (%v)", f.Current.Content, f.CopiedFrom, err)
		}
		if f.Values[0].Value != "30" {
			t.Errorf("copied value field = %+v", f.Values[0])
		}
		// No progress: Q2's status carried to Q3 in one step.
		np, err := w.sv.NoProgress(ctx, w.swt, w.t2.ID, "2026-Q3", 1)
		if err != nil {
			t.Fatal(err)
		}
		c := np.Content
		if np.State != reporting.Submitted || !c.NoProgress || c.Status != reporting.Late || c.Progress != q2.Content.Progress ||
			c.Confidence != reporting.AtRisk || c.Problems != "资金未到位" || c.Done != "" || len(c.Values) != 0 || np.SubmittedBy != w.swt.UserID {
			t.Errorf("no progress report = %+v %+v", np.Report, c)
		}
		// Only once, and only for one's own task.
		if _, err := w.sv.NoProgress(ctx, w.swt, w.t2.ID, "2026-Q3", np.Rev); !errors.Is(err, reporting.ErrInvalidTransition) {
			t.Errorf("no progress on a submitted report: %v", err)
		}
		if _, err := w.sv.NoProgress(ctx, w.fgw, w.t2.ID, "2026-Q4", 1); !errors.Is(err, reporting.ErrForbidden) {
			t.Errorf("no progress on another unit's task: %v", err)
		}
	})
}
