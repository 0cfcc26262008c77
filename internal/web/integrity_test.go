package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"luoshi/internal/config"
	"luoshi/internal/demo"
	"luoshi/internal/reporting"
	"luoshi/internal/store"
	"luoshi/internal/store/storetest"
)

// integrity names the demonstration objects the tests of what is
// reported use. In the demo plan 省发展改革委 (fgw) leads task 1 with
// 省商务厅 (swt) cooperating; swt leads tasks 7 and 9, with
// 省文化和旅游厅 (wlt) cooperating on 7; 省工业和信息化厅 (gxt) leads 6.
type integrity struct {
	ts                           *testServer
	office, swt, fgw, wlt, gxt   *client
	viewer                       *client
	task                         map[string]store.Task // by label
	key                          map[string]string     // first target's series key, by task label
	series                       map[string]int64      // first target's series id, by task label
	swtUnit, fgwUnit, wltUnit    int64
	swtUser                      int64
	q3, q4                       time.Time // the periods' last days
	p                            func(format string, args ...any) string
	taskReport, taskReportSubmit func(label string) string
}

func integritySetup(t *testing.T, open func(testing.TB) *store.Store) integrity {
	t.Helper()
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	ts, f := setupOn(t, open, cfg)
	ctx := context.Background()
	x := integrity{ts: ts, task: map[string]store.Task{}, key: map[string]string{}, series: map[string]int64{},
		p: func(format string, args ...any) string { return fmt.Sprintf(format, args...) }}
	o, err := ts.st.PlanOutline(ctx, f.demoPlan, store.TaskFilter{})
	if err != nil {
		t.Fatal(err)
	}
	series, err := ts.st.PlanSeries(ctx, f.demoPlan)
	if err != nil {
		t.Fatal(err)
	}
	for _, task := range o.Tasks {
		x.task[task.Label] = task
		if len(task.Targets) > 0 {
			x.key[task.Label] = store.TargetKey(task.Targets[0], demo.Region).String()
			x.series[task.Label] = series[task.Targets[0].ID].ID
		}
	}
	for _, u := range []struct {
		name string
		dst  *int64
	}{{"swt", &x.swtUnit}, {"fgw", &x.fgwUnit}, {"wlt", &x.wltUnit}} {
		user, err := ts.st.UserByName(ctx, u.name)
		if err != nil {
			t.Fatal(err)
		}
		*u.dst = user.UnitID
		if u.name == "swt" {
			x.swtUser = user.ID
		}
	}
	loc := reporting.Shanghai()
	x.q3, x.q4 = time.Date(2026, 9, 30, 0, 0, 0, 0, loc), time.Date(2026, 12, 31, 0, 0, 0, 0, loc)
	x.office = apiLogin(t, ts.URL, "admin", adminPassword)
	x.swt = apiLogin(t, ts.URL, "swt", demoPassword)
	x.fgw = apiLogin(t, ts.URL, "fgw", demoPassword)
	x.wlt = apiLogin(t, ts.URL, "wlt", demoPassword)
	x.gxt = apiLogin(t, ts.URL, "gxt", demoPassword)
	x.viewer = apiLogin(t, ts.URL, demo.Viewer, demoPassword)
	x.taskReport = func(label string) string { return fmt.Sprintf("/api/v1/tasks/%d/report", x.task[label].ID) }
	x.taskReportSubmit = func(label string) string { return x.taskReport(label) + "/submit" }
	return x
}

// seriesAt is the official value of a task's first series at a date.
func (x integrity) seriesAt(t *testing.T, label string, at time.Time) (float64, bool) {
	t.Helper()
	v, err := x.ts.st.SeriesValueByKey(context.Background(), x.key[label], at)
	if err != nil {
		return 0, false
	}
	return v, true
}

// submitBody is a complete report of period with one value.
func submitBody(period string, rev int, done, key string, value float64) string {
	values := ""
	if key != "" {
		values = fmt.Sprintf(`,"values":[{"indicator":%q,"value":%g}]`, key, value)
	}
	return fmt.Sprintf(`{"period":%q,"rev":%d,"content":{"status":"on_track","progress":50,"confidence":"on_track","done":%q%s}}`, period, rev, done, values)
}

func eachEngine(t *testing.T, fn func(t *testing.T, open func(testing.TB) *store.Store)) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) { fn(t, e.Open) })
	}
}

// TestValuesOnlyForOwnTargets: a report carries values of its own
// task's targets only; another task's series or an unknown key is 422
// naming the field, and nothing is stored.
func TestValuesOnlyForOwnTargets(t *testing.T) {
	eachEngine(t, func(t *testing.T, open func(testing.TB) *store.Store) {
		x := integritySetup(t, open)
		before, had := x.seriesAt(t, "6", x.q3)
		for name, key := range map[string]string{"another unit's series": x.key["6"], "unknown key": "随便写的指标|个|东川省"} {
			status, body := send(t, x.swt, "POST", x.taskReportSubmit("9"), submitBody("2026-Q4", 1, "推进中", key, 999))
			if status != http.StatusUnprocessableEntity || !strings.Contains(body, `"field":"values[0].indicator"`) || !strings.Contains(body, `"key":"not_a_target"`) {
				t.Errorf("%s: %d %s", name, status, body)
			}
		}
		if v, ok := x.seriesAt(t, "6", x.q3); v != before || ok != had {
			t.Errorf("another unit's series at Q3 = %v (%v), was %v (%v)", v, ok, before, had)
		}
		if _, err := x.ts.st.LatestReport(context.Background(), x.task["9"].ID, x.swtUnit, "2026-Q4"); err == nil {
			t.Error("a refused report was stored")
		}
		// The page refuses the same way and says so beside the values.
		page := login(t, x.ts.URL, "swt", demoPassword)
		resp, body := page.reportForm(x.task["9"].ID, url.Values{"period": {"2026-Q4"}, "action": {"save"}, "rev": {"1"}, "status": {"on_track"},
			"key": {x.key["6"]}, "value": {"999"}}, nil)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="values-error"`) || !strings.Contains(body, "不是本任务的指标") {
			t.Errorf("page with another task's value: %d\n%.3000s", resp.StatusCode, body)
		}
		// The task's own key is taken.
		status, body := send(t, x.swt, "POST", x.taskReportSubmit("9"), submitBody("2026-Q4", 1, "推进中", x.key["9"], 91))
		if status != http.StatusOK {
			t.Errorf("own target's value: %d %s", status, body)
		}
	})
}

// TestContributionIsNotOfficial: a cooperating unit's value stands
// beside the lead unit's, never in its place, even once accepted.
func TestContributionIsNotOfficial(t *testing.T) {
	eachEngine(t, func(t *testing.T, open func(testing.TB) *store.Store) {
		x := integritySetup(t, open)
		official, ok := x.seriesAt(t, "1", x.q3)
		if !ok || official != 3 {
			t.Fatalf("the demo's official value of task 1 at Q3 = %v, %v", official, ok)
		}
		// The cooperating unit's form is its own: no value of the lead's
		// typed in for it.
		var form struct {
			Role    string `json:"role"`
			Targets []struct {
				Key      string   `json:"key"`
				Value    string   `json:"value"`
				Official *float64 `json:"official"`
			} `json:"targets"`
		}
		apiCall(t, x.swt, "GET", x.taskReport("1")+"?period=2026-Q3", "", http.StatusOK, &form)
		if form.Role != "cooperating" || len(form.Targets) == 0 || form.Targets[0].Value != "" {
			t.Errorf("cooperating unit's form = %+v", form)
		} else if form.Targets[0].Official == nil || *form.Targets[0].Official != 3 {
			t.Errorf("the official value is not shown beside the input: %+v", form.Targets[0])
		}
		var sub apiReportResp
		apiCall(t, x.swt, "POST", x.taskReportSubmit("1"), submitBody("2026-Q3", 1, "配合推进", x.key["1"], 99), http.StatusOK, &sub)
		if v, _ := x.seriesAt(t, "1", x.q3); v != 3 {
			t.Errorf("after the contribution the series holds %v, want the lead's 3", v)
		}
		apiCall(t, x.office, "POST", x.p("/api/v1/reports/%d/accept", sub.ID), fmt.Sprintf(`{"rev":%d}`, sub.Rev), http.StatusOK, nil)
		if v, _ := x.seriesAt(t, "1", x.q3); v != 3 {
			t.Errorf("after accepting the contribution the series holds %v, want the lead's 3", v)
		}
		// Shown beside the official value, on the indicator and the task.
		for _, c := range []*client{x.office, x.fgw} {
			resp, body := c.do("GET", x.p("/indicators/%d", x.series["1"]), nil, "")
			i := strings.Index(body, `id="contributions"`)
			if resp.StatusCode != 200 || i < 0 || !strings.Contains(body[i:], "99") || !strings.Contains(body[i:], "省商务厅") {
				t.Errorf("indicator page lacks the contribution: %d", resp.StatusCode)
			}
			resp, body = c.do("GET", x.p("/tasks/%d", x.task["1"].ID), nil, "")
			i = strings.Index(body, `id="task-values"`)
			if resp.StatusCode != 200 || i < 0 || !strings.Contains(body[i:], "99") || !strings.Contains(body[i:], ">3<") {
				t.Errorf("task page lacks the official value and the contribution: %d", resp.StatusCode)
			}
		}
		var ind struct {
			Values []struct {
				AsOf  string  `json:"as_of"`
				Value float64 `json:"value"`
			} `json:"values"`
			Contributions []struct {
				Period   string  `json:"period"`
				UnitName string  `json:"unit_name"`
				Value    float64 `json:"value"`
			} `json:"contributions"`
		}
		apiCall(t, x.office, "GET", x.p("/api/v1/indicators/%d", x.series["1"]), "", http.StatusOK, &ind)
		if len(ind.Contributions) != 1 || ind.Contributions[0].Value != 99 || ind.Contributions[0].Period != "2026-Q3" {
			t.Errorf("indicator contributions = %+v", ind.Contributions)
		}
		for _, v := range ind.Values {
			if v.Value == 99 {
				t.Errorf("the contribution is among the official values: %+v", ind.Values)
			}
		}
	})
}

// TestValueEntersOnAcceptance: submitting puts nothing in the series;
// the office's acceptance does; a returned report leaves what was there.
func TestValueEntersOnAcceptance(t *testing.T) {
	eachEngine(t, func(t *testing.T, open func(testing.TB) *store.Store) {
		x := integritySetup(t, open)
		// The demo's task 6 report of Q3 was returned: its 13 is not official.
		if v, ok := x.seriesAt(t, "6", x.q3); ok {
			t.Errorf("a returned report's value is in the series: %v", v)
		}
		var sub apiReportResp
		apiCall(t, x.swt, "POST", x.taskReportSubmit("9"), submitBody("2026-Q4", 1, "推进中", x.key["9"], 91), http.StatusOK, &sub)
		if v, ok := x.seriesAt(t, "9", x.q4); ok {
			t.Errorf("submitted, not accepted, and the series has %v", v)
		}
		var ret apiReportResp
		apiCall(t, x.office, "POST", x.p("/api/v1/reports/%d/return", sub.ID), fmt.Sprintf(`{"rev":%d,"comment":"数据有误"}`, sub.Rev), http.StatusOK, &ret)
		if v, ok := x.seriesAt(t, "9", x.q4); ok {
			t.Errorf("returned, and the series has %v", v)
		}
		// A value there before a returned report stays as it was.
		apiCall(t, x.office, "POST", x.p("/api/v1/indicators/%d/values", x.series["9"]), `{"as_of":"2026-12-31","value":90}`, http.StatusCreated, nil)
		var v2 apiReportResp
		apiCall(t, x.swt, "POST", x.taskReport("9")+"/revise", fmt.Sprintf(`{"period":"2026-Q4","rev":%d}`, ret.Rev), http.StatusCreated, &v2)
		apiCall(t, x.swt, "POST", x.taskReportSubmit("9"), submitBody("2026-Q4", v2.Rev, "推进中", x.key["9"], 92), http.StatusOK, &v2)
		if v, _ := x.seriesAt(t, "9", x.q4); v != 90 {
			t.Errorf("submitted over the office's 90: series has %v", v)
		}
		apiCall(t, x.office, "POST", x.p("/api/v1/reports/%d/accept", v2.ID), fmt.Sprintf(`{"rev":%d}`, v2.Rev), http.StatusOK, nil)
		if v, _ := x.seriesAt(t, "9", x.q4); v != 92 {
			t.Errorf("accepted: series has %v, want 92", v)
		}
	})
}

// TestEverySubmissionIsStamped: a one-step submit without a saved
// draft records who submitted it and when, and the queue shows it.
func TestEverySubmissionIsStamped(t *testing.T) {
	eachEngine(t, func(t *testing.T, open func(testing.TB) *store.Store) {
		x := integritySetup(t, open)
		var sub apiReportResp
		apiCall(t, x.swt, "POST", x.taskReportSubmit("9"), submitBody("2026-Q4", 1, "一步报送", x.key["9"], 91), http.StatusOK, &sub)
		got, err := x.ts.st.ReportByID(context.Background(), sub.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.SubmittedBy != x.swtUser || got.SubmittedAt.IsZero() {
			t.Errorf("submitted by %d at %v, want %d and a time", got.SubmittedBy, got.SubmittedAt, x.swtUser)
		}
		office := login(t, x.ts.URL, "admin", adminPassword)
		_, body := office.do("GET", "/supervise", nil, "")
		if strings.Contains(body, "0001-01-01") {
			t.Error("the review queue shows a zero time")
		}
		// The page's one-step submit too.
		page := login(t, x.ts.URL, "wlt", demoPassword)
		resp, _ := page.reportForm(x.task["10"].ID, url.Values{"period": {"2026-Q4"}, "action": {"submit"}, "rev": {"1"}, "status": {"on_track"},
			"progress": {"20"}, "confidence": {"on_track"}, "done": {"页面一步报送"}}, nil)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("page submit: %d", resp.StatusCode)
		}
		wlt, _ := x.ts.st.UserByName(context.Background(), "wlt")
		r, err := x.ts.st.LatestReport(context.Background(), x.task["10"].ID, wlt.UnitID, "2026-Q4")
		if err != nil || r.SubmittedBy != wlt.ID || r.SubmittedAt.IsZero() {
			t.Errorf("page submit stamped %d at %v (%v)", r.SubmittedBy, r.SubmittedAt, err)
		}
	})
}

// TestPartialSave: a JSON save changes the fields it sends; an absent
// field stays, an empty one is cleared.
func TestPartialSave(t *testing.T) {
	eachEngine(t, func(t *testing.T, open func(testing.TB) *store.Store) {
		x := integritySetup(t, open)
		var d apiReportResp
		apiCall(t, x.swt, "PUT", x.taskReport("9"), fmt.Sprintf(`{"period":"2026-Q4","rev":1,"content":{"status":"late","progress":35,"confidence":"at_risk","done":"已做","problems":"有困难","next_steps":"下一步","values":[{"indicator":%q,"value":88}]}}`, x.key["9"]), http.StatusOK, &d)
		apiCall(t, x.swt, "PUT", x.taskReport("9"), fmt.Sprintf(`{"period":"2026-Q4","rev":%d,"content":{"done":"改过的进展","problems":""}}`, d.Rev), http.StatusOK, &d)
		got, err := x.ts.st.ReportByID(context.Background(), d.ID)
		if err != nil {
			t.Fatal(err)
		}
		c := got.Content
		if c.Done != "改过的进展" || c.Problems != "" {
			t.Errorf("sent fields: done %q problems %q", c.Done, c.Problems)
		}
		if c.Status != reporting.Late || c.Progress != 35 || c.Confidence != reporting.AtRisk || c.NextSteps != "下一步" || len(c.Values) != 1 || c.Values[0].Value != 88 {
			t.Errorf("fields not sent were changed: %+v", c)
		}
		apiCall(t, x.swt, "PUT", x.taskReport("9"), fmt.Sprintf(`{"period":"2026-Q4","rev":%d,"content":{"values":[]}}`, d.Rev), http.StatusOK, &d)
		if got, _ := x.ts.st.ReportByID(context.Background(), d.ID); len(got.Content.Values) != 0 || got.Content.Status != reporting.Late {
			t.Errorf("after clearing values: %+v", got.Content)
		}
	})
}

// TestRemindCounts: a row's own button reminds that row only, whatever
// else is checked; the bulk action says how many it sent.
func TestRemindCounts(t *testing.T) {
	eachEngine(t, func(t *testing.T, open func(testing.TB) *store.Store) {
		x := integritySetup(t, open)
		ctx := context.Background()
		office := login(t, x.ts.URL, "admin", adminPassword)
		_, body := office.do("GET", "/supervise", nil, "")
		if strings.Contains(body, `class="small-button remind-one" name="item"`) {
			t.Error("a row's button sends its row as one of the checked items")
		}
		miss, err := x.ts.st.MissingReports(ctx, x.task["1"].PlanID, "2026-Q4")
		if err != nil || len(miss) < 3 {
			t.Fatalf("missing = %d, %v", len(miss), err)
		}
		item := func(m store.Missing) string { return fmt.Sprintf("%d:%d:%s", m.TaskID, m.UnitID, m.Period) }
		count := func() int {
			rs, err := x.ts.st.Reminders(ctx, store.ReminderFilter{PlanID: x.task["1"].PlanID, Limit: 500})
			if err != nil {
				t.Fatal(err)
			}
			return len(rs)
		}
		before := count()
		// Row 0 checked, row 1's own button pressed.
		resp, _ := office.do("POST", "/remind", url.Values{"csrf": {office.csrf}, "item": {item(miss[0])}, "one": {item(miss[1])}}, "")
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("remind one: %d", resp.StatusCode)
		}
		rs, _ := x.ts.st.Reminders(ctx, store.ReminderFilter{PlanID: x.task["1"].PlanID, Limit: 1})
		if n := count(); n != before+1 || rs[0].TaskID != miss[1].TaskID || rs[0].UnitID != miss[1].UnitID {
			t.Errorf("a row's button sent %d reminders (latest %+v), want 1 for task %d", n-before, rs[0], miss[1].TaskID)
		}
		before = count()
		resp, _ = office.do("POST", "/remind", url.Values{"csrf": {office.csrf}, "item": {item(miss[0]), item(miss[2])}}, "")
		if n := count(); resp.StatusCode != http.StatusSeeOther || n != before+2 {
			t.Fatalf("bulk: %d, %d sent", resp.StatusCode, n-before)
		}
		_, body = office.do("GET", resp.Header.Get("Location"), nil, "")
		if !strings.Contains(body, "已发送 2 条催办") {
			t.Errorf("the bulk action does not say how many it sent: %s", resp.Header.Get("Location"))
		}
		var sent struct {
			Count int `json:"sent"`
		}
		apiCall(t, x.office, "POST", "/api/v1/reminders", fmt.Sprintf(`{"items":[{"task_id":%d,"unit_id":%d,"period":"2026-Q4"},{"task_id":%d,"unit_id":%d,"period":"2026-Q4"}]}`,
			miss[0].TaskID, miss[0].UnitID, miss[2].TaskID, miss[2].UnitID), http.StatusCreated, &sent)
		if sent.Count != 2 {
			t.Errorf("API count = %d, want 2", sent.Count)
		}
	})
}

// TestOtherUnitsProgress: a reporter reads another unit's reports and
// the office's comments to it only where the rules let it: a lead unit
// its task's contributions, a cooperating unit its own.
func TestOtherUnitsProgress(t *testing.T) {
	eachEngine(t, func(t *testing.T, open func(testing.TB) *store.Store) {
		x := integritySetup(t, open)
		// fgw, lead of task 1, reports Q4; the office returns it with a comment.
		var sub apiReportResp
		apiCall(t, x.fgw, "POST", x.taskReportSubmit("1"), submitBody("2026-Q4", 1, "发改委的进展内容", x.key["1"], 4), http.StatusOK, &sub)
		apiCall(t, x.office, "POST", x.p("/api/v1/reports/%d/return", sub.ID), fmt.Sprintf(`{"rev":%d,"comment":"给发改委的审核意见"}`, sub.Rev), http.StatusOK, nil)
		// swt cooperates on task 1 and contributes.
		apiCall(t, x.swt, "POST", x.taskReportSubmit("1"), submitBody("2026-Q4", 1, "商务厅的配合内容", "", 0), http.StatusOK, nil)
		// wlt contributes to swt's task 7.
		apiCall(t, x.wlt, "POST", x.taskReportSubmit("7"), submitBody("2026-Q4", 1, "文旅厅的配合内容", "", 0), http.StatusOK, nil)

		secret := []string{"发改委的进展内容", "给发改委的审核意见"}
		for _, path := range []string{x.p("/tasks/%d", x.task["1"].ID), x.p("/api/v1/tasks/%d", x.task["1"].ID),
			x.p("/tasks/%d/report?period=2026-Q4", x.task["1"].ID), x.taskReport("1") + "?period=2026-Q4"} {
			resp, body := x.swt.do("GET", path, nil, "")
			if resp.StatusCode != 200 {
				t.Errorf("swt %s: %d", path, resp.StatusCode)
			}
			for _, s := range secret {
				if strings.Contains(body, s) {
					t.Errorf("cooperating unit reads %q on %s", s, path)
				}
			}
			// The lead's progress of earlier quarters, as recorded.
			if strings.Contains(path, "/api/v1/tasks/") && strings.Contains(body, `progress\":70`) {
				t.Errorf("cooperating unit reads the lead's recorded progress on %s", path)
			}
		}
		// swt leads task 7 and reads its contributions.
		for _, path := range []string{x.p("/tasks/%d/report?period=2026-Q4", x.task["7"].ID), x.taskReport("7") + "?period=2026-Q4"} {
			if _, body := x.swt.do("GET", path, nil, ""); !strings.Contains(body, "文旅厅的配合内容") {
				t.Errorf("the lead unit does not see its task's contribution on %s", path)
			}
		}
		// wlt, cooperating on 7, sees its own contribution only.
		for _, path := range []string{x.p("/tasks/%d", x.task["7"].ID), x.p("/api/v1/tasks/%d", x.task["7"].ID), x.taskReport("7") + "?period=2026-Q3"} {
			_, body := x.wlt.do("GET", path, nil, "")
			if strings.Contains(body, "新增集聚区1个，部分城市进度偏慢") {
				t.Errorf("cooperating unit reads the lead's report on %s", path)
			}
		}
		// The office and the lead read everything of task 1.
		for _, c := range []*client{x.office} {
			if _, body := c.do("GET", x.p("/tasks/%d", x.task["1"].ID), nil, ""); !strings.Contains(body, "给发改委的审核意见") {
				t.Error("the office does not see its own comment in the task's history")
			}
		}
		if _, body := x.fgw.do("GET", x.p("/tasks/%d/report?period=2026-Q4", x.task["1"].ID), nil, ""); !strings.Contains(body, "商务厅的配合内容") {
			t.Error("the lead does not see the contribution on its report form")
		}
	})
}

// TestCarryAndCopyOnTheForm: the form offers the unit's last report to
// copy from and "no progress this period", shows each indicator's last
// official value beside its input, and both doors submit the same.
func TestCarryAndCopyOnTheForm(t *testing.T) {
	eachEngine(t, func(t *testing.T, open func(testing.TB) *store.Store) {
		x := integritySetup(t, open)
		ctx := context.Background()
		page := login(t, x.ts.URL, "swt", demoPassword)
		form := x.p("/tasks/%d/report?period=2026-Q4", x.task["9"].ID)
		_, body := page.do("GET", form, nil, "")
		for _, s := range []string{`id="copy-last"`, `id="no-progress"`, "上期正式值：89（2026-09-30）", "上期报告：2026年第三季度"} {
			if !strings.Contains(body, s) {
				t.Errorf("the form lacks %q", s)
			}
		}
		if strings.Contains(body, "覆盖率稳步提升") {
			t.Error("the form is pre-filled before asking")
		}
		_, body = page.do("GET", form+"&copy=last", nil, "")
		if !strings.Contains(body, `id="copied"`) || !strings.Contains(body, ">覆盖率稳步提升。</textarea>") || !strings.Contains(body, `name="value" value="89"`) {
			i := strings.Index(body, `id="report-form"`)
			t.Errorf("copy from last period did not pre-fill the form:\n%.3000s", body[max(i, 0):])
		}
		if _, err := x.ts.st.LatestReport(ctx, x.task["9"].ID, x.swtUnit, "2026-Q4"); err == nil {
			t.Error("copying saved a report")
		}
		resp, _ := page.reportForm(x.task["9"].ID, url.Values{"period": {"2026-Q4"}, "action": {"no_progress"}, "rev": {"1"}}, nil)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("no progress: %d", resp.StatusCode)
		}
		r, err := x.ts.st.LatestReport(ctx, x.task["9"].ID, x.swtUnit, "2026-Q4")
		if err != nil || r.State != reporting.Submitted || !r.Content.NoProgress || r.Content.Progress != 80 || r.Content.Status != reporting.OnTrack || len(r.Content.Values) != 0 {
			t.Errorf("no progress report = %+v %+v (%v)", r.Report, r.Content, err)
		}
		_, body = x.office.do("GET", x.p("/reports/%d", r.ID), nil, "")
		if !strings.Contains(body, "本期无新进展") {
			t.Error("the report does not say it carries the last period forward")
		}
		// The API: nothing to carry on a task without an earlier report.
		status, body := send(t, x.swt, "POST", x.taskReport("17")+"/no-progress", `{"period":"2026-Q4","rev":1}`)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, `"code":"report.nothing_to_carry"`) {
			t.Errorf("no progress without an earlier report: %d %s", status, body)
		}
		var sub struct {
			State   string `json:"state"`
			Content struct {
				NoProgress bool `json:"no_progress"`
				Progress   int  `json:"progress"`
			} `json:"content"`
		}
		apiCall(t, x.swt, "POST", x.taskReport("8")+"/no-progress", `{"period":"2026-Q3","rev":1}`, http.StatusOK, &sub)
		if sub.State != "submitted" || !sub.Content.NoProgress || sub.Content.Progress != 40 {
			t.Errorf("API no progress = %+v", sub)
		}
		var data struct {
			LastReport *struct {
				Period string `json:"period"`
			} `json:"last_report"`
			CopiedFrom string `json:"copied_from"`
			Report     struct {
				Content struct {
					Done string `json:"done"`
				} `json:"content"`
			} `json:"report"`
		}
		apiCall(t, x.swt, "GET", x.taskReport("7")+"?period=2026-Q4&copy=last", "", http.StatusOK, &data)
		if data.LastReport == nil || data.LastReport.Period != "2026-Q3" || data.CopiedFrom != "2026-Q3" || data.Report.Content.Done != "新增集聚区1个，部分城市进度偏慢。" {
			t.Errorf("API copy = %+v", data)
		}
	})
}
