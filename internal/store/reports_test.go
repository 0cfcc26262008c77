package store_test

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"luoshi/internal/indicator"
	"luoshi/internal/reporting"
	"luoshi/internal/store"
	"luoshi/internal/store/storetest"
)

// published is the sample plan, published, with its units and accounts.
type published struct {
	plan              int64
	tasks             []store.Task
	fgw, swt, wlt     int64 // units
	officeU, swtU     int64 // users
	office, swtActor  store.Actor
	swtRep, officeRep reporting.Actor
}

func publish(t *testing.T, s *store.Store) published {
	t.Helper()
	ctx := context.Background()
	var p published
	var err error
	mk := func(name string) int64 {
		id, err := s.CreateUnit(ctx, office, store.Unit{Name: name, Region: "西岭省"})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	p.fgw, p.swt, p.wlt = mk("省发展改革委"), mk("省商务厅"), mk("省文旅厅")
	if p.plan, err = s.CreatePlan(ctx, office, store.NewPlan{Plan: storetest.SamplePlan()}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Publish(ctx, office, p.plan); err != nil {
		t.Fatal(err)
	}
	o, err := s.PlanOutline(ctx, p.plan, store.TaskFilter{})
	if err != nil {
		t.Fatal(err)
	}
	p.tasks = o.Tasks
	if p.officeU, err = s.CreateUser(ctx, office, store.NewUser{Username: "admin", Role: store.RoleOffice, PasswordHash: "x"}); err != nil {
		t.Fatal(err)
	}
	if p.swtU, err = s.CreateUser(ctx, office, store.NewUser{Username: "swt", Role: store.RoleReporter, UnitID: p.swt, PasswordHash: "x"}); err != nil {
		t.Fatal(err)
	}
	p.office, p.swtActor = store.Actor{UserID: p.officeU, Username: "admin"}, store.Actor{UserID: p.swtU, Username: "swt"}
	p.officeRep = reporting.Actor{UserID: p.officeU, Role: reporting.Office}
	p.swtRep = reporting.Actor{UserID: p.swtU, Role: reporting.Reporter, UnitID: p.swt}
	return p
}

func TestCalendarStore(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := publish(t, s)
		if _, err := s.CalendarFor(ctx, p.plan); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("calendar before setting: %v", err)
		}
		bad := store.Calendar{PlanID: p.plan, Frequency: "monthly", DueDay: 31, Start: "2026-01-01"}
		if _, err := s.SetCalendar(ctx, office, bad); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("due day 31: got %v, want ErrInvalid", err)
		}
		c := store.Calendar{PlanID: p.plan, Frequency: "monthly", DueDay: 5, Start: "2026-01-01"}
		rev, err := s.SetCalendar(ctx, office, c)
		if err != nil || rev != 1 {
			t.Fatalf("SetCalendar = %d, %v", rev, err)
		}
		if _, err := s.SetCalendar(ctx, office, c); !errors.Is(err, store.ErrConflict) {
			t.Errorf("stale calendar edit: got %v, want ErrConflict", err)
		}
		got, err := s.CalendarFor(ctx, p.plan)
		if err != nil || got.DueDay != 5 || got.Rev != 1 {
			t.Fatalf("calendar = %+v, %v", got, err)
		}
		// On 10 April: January to February overdue (due 5 Feb, 5 Mar), March
		// overdue since 6 April; nothing open.
		now := time.Date(2026, 4, 10, 12, 0, 0, 0, reporting.Shanghai())
		rc, err := got.Reporting()
		if err != nil {
			t.Fatal(err)
		}
		due, overdue, err := reporting.Due(rc, now)
		if err != nil || len(due) != 0 || len(overdue) != 3 || overdue[2].Key != "2026-03" {
			t.Errorf("Due = %v, %v, %v", due, overdue, err)
		}
		cur, ok, err := store.CurrentPeriod(got, now)
		if err != nil || !ok || cur.Key != "2026-03" {
			t.Errorf("CurrentPeriod = %v, %v, %v", cur.Key, ok, err)
		}
		// A date calendar replaces it.
		got.Frequency, got.Dates, got.DueAfter = "dates", []string{"2026-06-30", "2026-12-31"}, 10
		if rev, err = s.SetCalendar(ctx, office, got); err != nil || rev != 2 {
			t.Fatalf("date calendar: %d, %v", rev, err)
		}
		got, _ = s.CalendarFor(ctx, p.plan)
		rc, _ = got.Reporting()
		ps, err := reporting.Periods(rc, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC))
		if err != nil || len(ps) != 2 || ps[0].Key != "2026-06-30" || ps[1].Due.Format(time.DateOnly) != "2027-01-10" {
			t.Errorf("periods = %+v, %v", ps, err)
		}
	})
}

func content(status reporting.Status, progress int) *reporting.Content {
	return &reporting.Content{Status: status, Progress: progress, Confidence: reporting.Confident, Done: "做了"}
}

func TestReportLifecycle(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := publish(t, s)
		task := p.tasks[1] // 冷链物流, 省商务厅 leads
		asOf := time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
		at := time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC)
		write := func(before store.Report, a store.Actor, who reporting.Actor, act reporting.Action) (store.Report, error) {
			t.Helper()
			base := before.Report
			if before.ID == 0 {
				base = reporting.New(task.ID, "2026-03", p.swt, p.swt)
			}
			after, err := reporting.Transition(base, act, who)
			if err != nil {
				return store.Report{}, err
			}
			return s.WriteReport(ctx, a, store.ReportWrite{Before: before, After: after, Action: act.Kind, PlanID: p.plan, AsOf: asOf, Region: "西岭省"})
		}

		key := store.TargetKey(task.Targets[0], "西岭省").String()
		c := content(reporting.OnTrack, 40)
		c.Values = []reporting.Value{{Indicator: key, Value: 31.5}}
		draft, err := write(store.Report{}, p.swtActor, p.swtRep, reporting.Action{Kind: reporting.Save, BasedOn: 1, Content: c, At: at})
		if err != nil {
			t.Fatal(err)
		}
		if draft.State != reporting.Draft || draft.Rev != 2 || draft.Version != 1 || len(draft.Content.Values) != 1 {
			t.Fatalf("draft = %+v", draft)
		}
		// A second person saving the same draft from the same revision.
		if _, err := write(store.Report{ID: draft.ID, Report: reporting.Report{TaskID: task.ID, Period: "2026-03", UnitID: p.swt, LeadUnitID: p.swt, Version: 1, Rev: 1, State: reporting.Draft}},
			p.swtActor, p.swtRep, reporting.Action{Kind: reporting.Save, BasedOn: 1, Content: content(reporting.Late, 10), At: at}); !errors.Is(err, store.ErrConflict) {
			t.Errorf("stale save: got %v, want ErrConflict", err)
		}
		// The first draft created twice is a conflict too.
		if _, err := write(store.Report{}, p.swtActor, p.swtRep, reporting.Action{Kind: reporting.Save, BasedOn: 1, Content: c, At: at}); !errors.Is(err, store.ErrConflict) {
			t.Errorf("second first draft: got %v, want ErrConflict", err)
		}
		sub, err := write(draft, p.swtActor, p.swtRep, reporting.Action{Kind: reporting.Submit, BasedOn: draft.Rev, At: at})
		if err != nil {
			t.Fatal(err)
		}
		if sub.State != reporting.Submitted || sub.SubmittedBy != p.swtU || sub.Content.Done != "做了" {
			t.Fatalf("submitted = %+v", sub)
		}
		// Submitted, the value is not official yet.
		if v, err := s.SeriesValueByKey(ctx, key, asOf); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("series value after submission = %v, %v; want none until accepted", v, err)
		}
		// The unit cannot accept its own report; the office returns it.
		if _, err := write(sub, p.swtActor, p.swtRep, reporting.Action{Kind: reporting.Accept, BasedOn: sub.Rev, At: at}); !errors.Is(err, reporting.ErrForbidden) {
			t.Errorf("self-accept: got %v", err)
		}
		ret, err := write(sub, p.office, p.officeRep, reporting.Action{Kind: reporting.Return, BasedOn: sub.Rev, Comment: "请补充数据", At: at})
		if err != nil {
			t.Fatal(err)
		}
		if ret.State != reporting.Returned || ret.Comment != "请补充数据" {
			t.Fatalf("returned = %+v", ret)
		}
		inbox, _ := s.Inbox(ctx, p.swtU, 10)
		if len(inbox) != 1 || inbox[0].Kind != store.NoticeReturned || inbox[0].Body != "请补充数据" {
			t.Errorf("inbox after return = %+v", inbox)
		}
		v2, err := write(ret, p.swtActor, p.swtRep, reporting.Action{Kind: reporting.Revise, BasedOn: ret.Rev, At: at})
		if err != nil {
			t.Fatal(err)
		}
		if v2.Version != 2 || v2.ID == ret.ID || v2.State != reporting.Draft || len(v2.Content.Values) != 1 {
			t.Fatalf("revision = %+v", v2)
		}
		c2 := content(reporting.OnTrack, 55)
		c2.Values = []reporting.Value{{Indicator: key, Value: 33}}
		v2, err = write(v2, p.swtActor, p.swtRep, reporting.Action{Kind: reporting.Submit, BasedOn: v2.Rev, Content: c2, At: at})
		if err != nil {
			t.Fatal(err)
		}
		acc, err := write(v2, p.office, p.officeRep, reporting.Action{Kind: reporting.Accept, BasedOn: v2.Rev, At: at})
		if err != nil || acc.State != reporting.Accepted {
			t.Fatalf("accept = %+v, %v", acc, err)
		}
		versions, err := s.ReportVersions(ctx, task.ID, p.swt, "2026-03")
		if err != nil || len(versions) != 2 {
			t.Fatalf("versions = %d, %v", len(versions), err)
		}
		// The returned version is kept as it was submitted.
		if versions[0].State != reporting.Returned || versions[0].Content.Progress != 40 || versions[1].Content.Progress != 55 {
			t.Errorf("versions = %+v / %+v", versions[0], versions[1])
		}
		// Accepted, the value is in its series, once for every target naming it.
		if v, err := s.SeriesValueByKey(ctx, key, asOf); err != nil || v != 33 {
			t.Errorf("accepted value = %v, %v, want 33", v, err)
		}
		got, _ := s.TaskByID(ctx, task.ID)
		if got.Status != "on_track" {
			t.Errorf("task status after acceptance = %q", got.Status)
		}
		hist, _ := s.AuditFor(ctx, "task", task.ID)
		n := 0
		for _, h := range hist {
			if len(h.Action) > 7 && h.Action[:7] == "report_" {
				n++
			}
		}
		if n != 6 { // save, submit, return, revise, submit, accept
			t.Errorf("%d report changes in the audit log, want 6", n)
		}
		if q, _ := s.ReviewQueue(ctx, 10); len(q) != 0 {
			t.Errorf("review queue not empty: %+v", q)
		}
	})
}

func TestClosingAndMissing(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := publish(t, s)
		if _, err := s.SetCalendar(ctx, office, store.Calendar{PlanID: p.plan, Frequency: "quarterly", DueAfter: 10, Start: "2026-01-01"}); err != nil {
			t.Fatal(err)
		}
		miss, err := s.MissingReports(ctx, p.plan, "2026-Q1")
		if err != nil || len(miss) != 3 {
			t.Fatalf("missing = %+v, %v", miss, err)
		}
		var own store.Missing
		for _, m := range miss {
			if m.UnitID == p.swt {
				own = m
			}
		}
		rs, err := s.Remind(ctx, p.office, []store.Reminder{{PlanID: p.plan, TaskID: own.TaskID, UnitID: own.UnitID, Period: "2026-Q1", Message: "请尽快报送"}})
		if err != nil || rs[0].ID == 0 || rs[0].Sender != "admin" {
			t.Fatalf("remind = %+v, %v", rs, err)
		}
		hist, _ := s.Reminders(ctx, store.ReminderFilter{PlanID: p.plan})
		if len(hist) != 1 || hist[0].UnitName == "" || hist[0].SentAt.IsZero() {
			t.Errorf("reminders = %+v", hist)
		}

		task := p.tasks[2] // 夜间经济, 省商务厅 leads
		r := reporting.New(task.ID, "2026-Q1", p.swt, p.swt)
		c := content(reporting.Done, 100)
		sub, err := reporting.Transition(r, reporting.Action{Kind: reporting.Submit, BasedOn: 1, Content: c}, p.swtRep)
		if !errors.Is(err, reporting.ErrEvidenceRequired) {
			t.Fatalf("closing without evidence: %v", err)
		}
		c.Evidence = []reporting.Evidence{{StoredName: reporting.NewStoredName(".pdf"), DisplayName: "验收.pdf", Type: "application/pdf", Size: 10}}
		if sub, err = reporting.Transition(r, reporting.Action{Kind: reporting.Submit, BasedOn: 1, Content: c}, p.swtRep); err != nil {
			t.Fatal(err)
		}
		stored, err := s.WriteReport(ctx, p.swtActor, store.ReportWrite{After: sub, Action: reporting.Submit, PlanID: p.plan, AsOf: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)})
		if err != nil || stored.Closing != reporting.ClosingRequested || len(stored.Content.Evidence) != 1 {
			t.Fatalf("closing request = %+v, %v", stored, err)
		}
		if got, e, err := s.EvidenceReport(ctx, c.Evidence[0].StoredName); err != nil || got.ID != stored.ID || e.DisplayName != "验收.pdf" {
			t.Errorf("evidence lookup = %d %+v %v", got.ID, e, err)
		}
		acc, _ := reporting.Transition(stored.Report, reporting.Action{Kind: reporting.Accept, BasedOn: stored.Rev}, p.officeRep)
		if _, err := s.WriteReport(ctx, p.office, store.ReportWrite{Before: stored, After: acc, Action: reporting.Accept, PlanID: p.plan}); err != nil {
			t.Fatal(err)
		}
		closed, _ := s.ClosedTasks(ctx, p.plan)
		if !closed[task.ID] {
			t.Error("confirmed closing did not close the task")
		}
		if miss, _ = s.MissingReports(ctx, p.plan, "2026-Q1"); len(miss) != 2 {
			t.Errorf("missing after closing = %d, want 2", len(miss))
		}
		inbox, _ := s.Inbox(ctx, p.swtU, 10)
		kinds := map[string]bool{}
		for _, n := range inbox {
			kinds[n.Kind] = true
		}
		if !kinds[store.NoticeReminder] || !kinds[store.NoticeAccepted] || !kinds[store.NoticeClosed] {
			t.Errorf("inbox kinds = %v", kinds)
		}
		if n, _ := s.Unread(ctx, p.swtU); n != len(inbox) {
			t.Errorf("unread = %d, want %d", n, len(inbox))
		}
		if err := s.MarkRead(ctx, p.officeU, nil); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.Unread(ctx, p.swtU); n != len(inbox) {
			t.Error("marking one user's inbox read touched another's")
		}
		s.MarkRead(ctx, p.swtU, []int64{inbox[0].ID})
		if n, _ := s.Unread(ctx, p.swtU); n != len(inbox)-1 {
			t.Errorf("unread after marking one = %d", n)
		}
		// Generated notices are delivered once.
		due := store.Notice{UserID: p.swtU, Kind: store.NoticeDue, TaskID: task.ID, Period: "2026-Q2", Dedupe: "due:1:2026-Q2"}
		s.Notify(ctx, []store.Notice{due})
		s.Notify(ctx, []store.Notice{due})
		if all, _ := s.Inbox(ctx, p.swtU, 50); len(all) != len(inbox)+1 {
			t.Errorf("a deduplicated notice was delivered %d times", len(all)-len(inbox))
		}
	})
}

func TestLightsFromStoredData(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := publish(t, s)
		if _, err := s.SetCalendar(ctx, office, store.Calendar{PlanID: p.plan, Frequency: "monthly", DueDay: 5, Start: "2026-01-01"}); err != nil {
			t.Fatal(err)
		}
		loc := reporting.Shanghai()
		// 10 February: January is overdue by 5 days, nothing else.
		now := time.Date(2026, 2, 10, 12, 0, 0, 0, loc)
		lights, err := s.PlanLights(ctx, p.plan, now)
		if err != nil {
			t.Fatal(err)
		}
		// Task 1 (省发展改革委) and 2 (省商务厅): one period late more than
		// three days: yellow. Task 3 the same.
		for _, task := range p.tasks {
			if l := lights[task.ID]; l.Color != indicator.Yellow || l.Reasons[0].Rule != indicator.RuleReportOverdue {
				t.Errorf("task %s light = %s %+v", task.Label, l.Color, l.Reasons)
			}
		}
		// Task 2 reports January, 滞后: red with the rule shown.
		task := p.tasks[1]
		c := content(reporting.Late, 10)
		sub, _ := reporting.Transition(reporting.New(task.ID, "2026-01", p.swt, p.swt), reporting.Action{Kind: reporting.Submit, BasedOn: 1, Content: c}, p.swtRep)
		if _, err := s.WriteReport(ctx, p.swtActor, store.ReportWrite{After: sub, Action: reporting.Submit, PlanID: p.plan, AsOf: time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
		// In April, two more months unreported for task 1: red; task 2 has
		// February and March missing and its 滞后: red with both reasons.
		now = time.Date(2026, 4, 10, 12, 0, 0, 0, loc)
		lights, _ = s.PlanLights(ctx, p.plan, now)
		if l := lights[task.ID]; l.Color != indicator.Red || len(l.Reasons) != 2 || l.Reasons[0].Rule != indicator.RuleReportedLate {
			t.Errorf("task 2 light = %s %+v", l.Color, l.Reasons)
		}
		if l := lights[p.tasks[0].ID]; l.Color != indicator.Red || l.Reasons[0].Rule != indicator.RulePeriodsMissing || l.Reasons[0].Params["count"] != "3" {
			t.Errorf("task 1 light = %s %+v", l.Color, l.Reasons)
		}
		// The office loosens the thresholds: ten missing periods for red.
		th, rev, _ := s.Thresholds(ctx)
		th.RedMissing, th.LateDays = 10, 90
		if _, err := s.SetThresholds(ctx, office, th, rev); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetThresholds(ctx, office, th, rev); !errors.Is(err, store.ErrConflict) {
			t.Errorf("stale thresholds: got %v", err)
		}
		th.RedMissing = 0
		if _, err := s.SetThresholds(ctx, office, th, rev+1); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("invalid thresholds: got %v", err)
		}
		lights, _ = s.PlanLights(ctx, p.plan, now)
		if l := lights[p.tasks[0].ID]; l.Color != indicator.Green {
			t.Errorf("task 1 under loose thresholds = %s %+v", l.Color, l.Reasons)
		}
	})
}

// TestIndicatorProjection works an example by hand: 夜间消费集聚区, 10 by
// the end of 2026 from 0 at the end of 2025; 2 at the end of March and
// 3 at the end of June. The line through them rises 1/3 per month (in
// month-end units: 2 at month 3, 3 at month 6), so it reaches
// 3 + 6 × 1/3 = 5 at the end of December: 5 short of 10. At the end of
// June the trajectory expects 5; 3 is 40% behind: both warnings.
func TestIndicatorProjection(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := publish(t, s)
		series, err := s.PlanSeries(ctx, p.plan)
		if err != nil || len(series) != 3 {
			t.Fatalf("plan series = %+v, %v", series, err)
		}
		g := p.tasks[2].Targets[0]
		sr := series[g.ID]
		if sr.Name != "夜间消费集聚区" || sr.Region != "西岭省" {
			t.Errorf("series = %+v", sr)
		}
		// Mapping twice changes nothing.
		again, _ := s.PlanSeries(ctx, p.plan)
		if again[g.ID].ID != sr.ID {
			t.Error("series id changed on a second mapping")
		}
		for _, v := range []struct {
			d string
			v float64
		}{{"2026-03-31", 2}, {"2026-06-30", 3}} {
			d, _ := time.Parse(time.DateOnly, v.d)
			if err := s.PutSeriesValue(ctx, p.office, sr.ID, d, v.v, 0); err != nil {
				t.Fatal(err)
			}
		}
		st, err := s.IndicatorStatus(ctx, sr, g, 2026)
		if err != nil {
			t.Fatal(err)
		}
		if st.Custom || st.Assessment == nil {
			t.Fatalf("status = %+v", st)
		}
		a := st.Assessment
		if math.Abs(a.Projection.Value-5) > 1e-9 || math.Abs(a.Projection.Slope-1.0/3) > 1e-9 || a.Projection.Meets {
			t.Errorf("projection = %+v, want 5 at 1/3 a month", a.Projection)
		}
		if math.Abs(a.Expected-5) > 1e-9 || len(a.Warnings) != 2 || a.Warnings[0].Key != indicator.BelowTrajectory {
			t.Errorf("assessment = %+v", a)
		}
		// The office sets a slower trajectory: 2 by June, 10 by December.
		tr := st.Trajectory
		tr.Milestones = []indicator.Point{{Date: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC), Value: 2}, tr.Target}
		rev, err := s.SetTrajectory(ctx, p.office, sr.ID, tr, 0)
		if err != nil || rev != 1 {
			t.Fatalf("SetTrajectory = %d, %v", rev, err)
		}
		if _, err := s.SetTrajectory(ctx, p.office, sr.ID, tr, 0); !errors.Is(err, store.ErrConflict) {
			t.Errorf("stale trajectory: got %v", err)
		}
		st, _ = s.IndicatorStatus(ctx, sr, g, 2026)
		if !st.Custom || len(st.Assessment.Warnings) != 1 || st.Assessment.Warnings[0].Key != indicator.ProjectionMiss {
			t.Errorf("with the office's trajectory: %+v", st.Assessment)
		}
		// The task's light carries the warning.
		lights, _ := s.PlanLights(ctx, p.plan, time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC))
		l := lights[p.tasks[2].ID]
		if l.Color != indicator.Yellow || l.Reasons[len(l.Reasons)-1].Rule != indicator.RuleIndicatorWarned {
			t.Errorf("light = %s %+v", l.Color, l.Reasons)
		}
	})
}
