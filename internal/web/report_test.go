package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"luoshi/internal/config"
	"luoshi/internal/reporting"
	"luoshi/internal/store"
)

// reportFixture names the demo objects the reporting tests use.
type reportFixture struct {
	ts       *testServer
	clients  map[string]*client
	ownTask  store.Task // 省商务厅 leads it, has a target, and no report for period yet
	other    store.Task // 省商务厅 has no assignment on it
	period   string
	seriesID int64
}

func reportSetup(t *testing.T) reportFixture {
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	ts, f := setup(t, cfg)
	ctx := context.Background()
	o, err := ts.st.PlanOutline(ctx, f.demoPlan, store.TaskFilter{})
	if err != nil {
		t.Fatal(err)
	}
	rf := reportFixture{ts: ts, clients: clientsFor(t, ts.URL), period: "2026-Q3"}
	for _, task := range o.Tasks {
		lead := int64(0)
		own := false
		for _, u := range task.Units {
			if u.Role == "lead" && lead == 0 {
				lead = u.UnitID
			}
			own = own || u.UnitID == f.ownUnit
		}
		if !own && rf.other.ID == 0 {
			rf.other = task
		}
		if lead == f.ownUnit && rf.ownTask.ID == 0 && len(task.Targets) > 0 {
			if _, err := ts.st.LatestReport(ctx, task.ID, f.ownUnit, rf.period); err != nil {
				rf.ownTask = task
			}
		}
	}
	if rf.ownTask.ID == 0 || rf.other.ID == 0 {
		t.Fatalf("no suitable demo tasks: %+v %+v", rf.ownTask, rf.other)
	}
	series, err := ts.st.PlanSeries(ctx, f.demoPlan)
	if err != nil {
		t.Fatal(err)
	}
	rf.seriesID = series[rf.ownTask.Targets[0].ID].ID
	return rf
}

// reportForm posts the report form of a task as multipart, with files.
func (c *client) reportForm(taskID int64, fields url.Values, files map[string][]byte) (*http.Response, string) {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", c.csrf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for name, data := range files {
		fw, _ := mw.CreateFormFile("evidence", name)
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/tasks/%d/report", c.base, taskID), &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

var revField = regexp.MustCompile(`name="rev" value="(\d+)"`)

func (rf reportFixture) formRev(t *testing.T, c *client, taskID int64) string {
	t.Helper()
	resp, body := c.do("GET", fmt.Sprintf("/tasks/%d/report?period=%s", taskID, rf.period), nil, "")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("report form: %d\n%.300s", resp.StatusCode, body)
	}
	m := revField.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no rev on the report form:\n%.2000s", body)
	}
	return m[1]
}

func TestReportPagesPerRole(t *testing.T) {
	rf := reportSetup(t)
	run(t, rf.clients, []scenario{
		{name: "office supervision", role: "office", method: "GET", path: "/supervise", status: 200, contains: []string{`id="queue"`, "remind-form"}},
		{name: "viewer no supervision", role: "viewer", method: "GET", path: "/supervise", status: 403},
		{name: "reporter no supervision", role: "reporter", method: "GET", path: "/supervise", status: 403},
		{name: "office dashboard", role: "office", method: "GET", path: "/dashboard", status: 200, contains: []string{"light-red", "light-yellow", "thresholds-form"}},
		{name: "viewer dashboard read-only", role: "viewer", method: "GET", path: "/dashboard", status: 200, contains: []string{"light-red"}, lacks: []string{"thresholds-form"}},
		{name: "public no dashboard", role: "public", method: "GET", path: "/dashboard", status: 303},
		{name: "reporter due list", role: "reporter", method: "GET", path: "/reports", status: 200, contains: []string{`id="due"`}},
		{name: "reporter inbox", role: "reporter", method: "GET", path: "/inbox", status: 200, contains: []string{"报告待报送"}},
		{name: "indicator page", role: "viewer", method: "GET", path: fmt.Sprintf("/indicators/%d", rf.seriesID), status: 200, contains: []string{"<svg", `id="milestones"`}, lacks: []string{"trajectory-form"}},
		{name: "indicator chart", role: "office", method: "GET", path: fmt.Sprintf("/indicators/%d/chart.svg", rf.seriesID), status: 200, contains: []string{"<svg"}},
		{name: "viewer cannot set thresholds", role: "viewer", method: "POST", path: "/thresholds", form: url.Values{"grace": {"0"}, "red_missing": {"2"}, "late_days": {"3"}}, status: 403},
		{name: "invalid thresholds", role: "office", method: "POST", path: "/thresholds", form: url.Values{"grace": {"0"}, "red_missing": {"0"}, "late_days": {"3"}}, status: 400, contains: []string{"规则取值超出范围"}},
		{name: "thresholds", role: "office", method: "POST", path: "/thresholds", form: url.Values{"grace": {"5"}, "red_missing": {"3"}, "late_days": {"7"}, "rev": {"0"}}, status: 303},
		{name: "viewer cannot remind", role: "viewer", method: "POST", path: "/remind", form: url.Values{"item": {fmt.Sprintf("%d:1:2026-Q3", rf.other.ID)}}, status: 403},
		{name: "viewer cannot report", role: "viewer", method: "POST", path: fmt.Sprintf("/tasks/%d/report", rf.ownTask.ID), form: url.Values{"period": {rf.period}, "action": {"save"}}, status: 403},
		{name: "viewer cannot set trajectory", role: "viewer", method: "POST", path: fmt.Sprintf("/indicators/%d/trajectory", rf.seriesID), form: url.Values{}, status: 403},
		{name: "calendar form", role: "office", method: "GET", path: fmt.Sprintf("/plans/%d/calendar", rf.ownTask.PlanID), status: 200, contains: []string{"calendar-form", "2026-Q3"}},
		{name: "bad calendar", role: "office", method: "POST", path: fmt.Sprintf("/plans/%d/calendar", rf.ownTask.PlanID), form: url.Values{"frequency": {"monthly"}, "due_day": {"31"}, "start": {"2026-01-01"}, "rev": {"1"}}, status: 400},
	})
}

func TestReportAuthorisation(t *testing.T) {
	rf := reportSetup(t)
	swt, gxt := rf.clients["reporter"], login(t, rf.ts.URL, "gxt", demoPassword)
	// A unit cannot report on a task it has no assignment on.
	resp, _ := swt.reportForm(rf.other.ID, url.Values{"period": {rf.period}, "action": {"save"}, "rev": {"1"}, "status": {"on_track"}}, nil)
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("report on another unit's task: %d, want 403", resp.StatusCode)
	}
	// A draft is the unit's own.
	rev := rf.formRev(t, swt, rf.ownTask.ID)
	resp, _ = swt.reportForm(rf.ownTask.ID, url.Values{"period": {rf.period}, "action": {"save"}, "rev": {rev}, "status": {"on_track"},
		"progress": {"30"}, "done": {"草稿内容甲"}}, nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save draft: %d", resp.StatusCode)
	}
	unit, _ := rf.ts.st.UserByName(context.Background(), "swt")
	draft, err := rf.ts.st.LatestReport(context.Background(), rf.ownTask.ID, unit.UnitID, rf.period)
	if err != nil || draft.State != reporting.Draft {
		t.Fatalf("draft = %+v, %v", draft, err)
	}
	for name, c := range map[string]*client{"other unit": gxt, "office": rf.clients["office"], "viewer": rf.clients["viewer"]} {
		resp, body := c.do("GET", fmt.Sprintf("/reports/%d", draft.ID), nil, "")
		if resp.StatusCode != http.StatusNotFound || strings.Contains(body, "草稿内容甲") {
			t.Errorf("%s reads the draft: %d", name, resp.StatusCode)
		}
	}
	// Two people saving the same draft: the second gets a conflict and
	// their text back.
	resp, _ = swt.reportForm(rf.ownTask.ID, url.Values{"period": {rf.period}, "action": {"save"}, "rev": {rev}, "status": {"late"},
		"progress": {"10"}, "done": {"第二人写的内容"}}, nil)
	_, body := swt.do("GET", fmt.Sprintf("/tasks/%d/report?period=%s", rf.ownTask.ID, rf.period), nil, "")
	if resp.StatusCode != http.StatusConflict {
		t.Errorf("stale save: %d, want 409", resp.StatusCode)
	}
	if !strings.Contains(body, "草稿内容甲") {
		t.Error("the first save was overwritten")
	}
	resp, body = swt.reportForm(rf.ownTask.ID, url.Values{"period": {rf.period}, "action": {"save"}, "rev": {rev}, "status": {"late"},
		"progress": {"10"}, "done": {"第二人写的内容"}}, nil)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "第二人写的内容") || !strings.Contains(body, `id="conflict"`) {
		t.Errorf("conflict page: %d, lacks the second person's text or the message", resp.StatusCode)
	}
	// Submit, then the unit cannot accept its own report.
	rev = rf.formRev(t, swt, rf.ownTask.ID)
	resp, _ = swt.reportForm(rf.ownTask.ID, url.Values{"period": {rf.period}, "action": {"submit"}, "rev": {rev}, "status": {"on_track"},
		"progress": {"30"}, "confidence": {"on_track"}, "done": {"草稿内容甲"}}, nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %d", resp.StatusCode)
	}
	sub, _ := rf.ts.st.LatestReport(context.Background(), rf.ownTask.ID, unit.UnitID, rf.period)
	resp, _ = swt.do("POST", fmt.Sprintf("/reports/%d/decide", sub.ID), url.Values{"csrf": {swt.csrf}, "action": {"accept"}, "rev": {fmt.Sprint(sub.Rev)}}, "")
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("self-accept: %d, want 403", resp.StatusCode)
	}
	// The office must give a reason to return.
	office := rf.clients["office"]
	resp, _ = office.do("POST", fmt.Sprintf("/reports/%d/decide", sub.ID), url.Values{"csrf": {office.csrf}, "action": {"return"}, "rev": {fmt.Sprint(sub.Rev)}}, "")
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("return without comment: %d, want 422", resp.StatusCode)
	}
	// Submitted, the report is readable by the office and the viewer, not
	// by another unit.
	if resp, _ := gxt.do("GET", fmt.Sprintf("/reports/%d", sub.ID), nil, ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another unit reads a submitted report: %d", resp.StatusCode)
	}
	if resp, _ := rf.clients["viewer"].do("GET", fmt.Sprintf("/reports/%d", sub.ID), nil, ""); resp.StatusCode != http.StatusOK {
		t.Errorf("viewer reads a submitted report: %d", resp.StatusCode)
	}
}

func TestReportCycleWithEvidence(t *testing.T) {
	rf := reportSetup(t)
	ctx := context.Background()
	swt, office := rf.clients["reporter"], rf.clients["office"]
	unit, _ := rf.ts.st.UserByName(ctx, "swt")
	key := store.TargetKey(rf.ownTask.Targets[0], "东川省").String()
	rev := rf.formRev(t, swt, rf.ownTask.ID)
	// A file that claims to be a PDF but is an executable is refused.
	resp, body := swt.reportForm(rf.ownTask.ID, url.Values{"period": {rf.period}, "action": {"submit"}, "rev": {rev}, "status": {"on_track"},
		"progress": {"50"}, "confidence": {"on_track"}, "key": {key}, "value": {"88"}}, map[string][]byte{"证明.pdf": []byte("MZ\x90\x00\x03\x00\x00\x00binary")})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "文件类型不允许") {
		t.Fatalf("disguised file: %d", resp.StatusCode)
	}
	resp, _ = swt.reportForm(rf.ownTask.ID, url.Values{"period": {rf.period}, "action": {"submit"}, "rev": {rev}, "status": {"on_track"},
		"progress": {"50"}, "confidence": {"on_track"}, "done": {"推进中"}, "key": {key}, "value": {"88"}}, map[string][]byte{"../../进展说明.txt": []byte("第三季度进展说明")})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit with evidence: %d", resp.StatusCode)
	}
	sub, err := rf.ts.st.LatestReport(ctx, rf.ownTask.ID, unit.UnitID, rf.period)
	if err != nil || len(sub.Content.Evidence) != 1 || sub.Content.Evidence[0].DisplayName != "进展说明.txt" {
		t.Fatalf("submitted = %+v, %v", sub.Content, err)
	}
	ev := sub.Content.Evidence[0]
	resp, body = office.do("GET", "/evidence/"+ev.StoredName, nil, "")
	// It downloads under the name it was uploaded as (RFC 5987 filename*
	// for the Chinese name, an ASCII fallback beside it).
	_, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition"))
	if resp.StatusCode != 200 || body != "第三季度进展说明" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") ||
		err != nil || params["filename"] != "进展说明.txt" {
		t.Errorf("evidence download: %d %q %v %v", resp.StatusCode, body, params, resp.Header)
	}
	if resp, _ := login(t, rf.ts.URL, "gxt", demoPassword).do("GET", "/evidence/"+ev.StoredName, nil, ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another unit downloads the evidence: %d", resp.StatusCode)
	}
	// Return, revise, resubmit, accept.
	resp, _ = office.do("POST", fmt.Sprintf("/reports/%d/decide", sub.ID), url.Values{"csrf": {office.csrf}, "action": {"return"}, "rev": {fmt.Sprint(sub.Rev)}, "comment": {"请补充数据来源"}}, "")
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("return: %d", resp.StatusCode)
	}
	rev = rf.formRev(t, swt, rf.ownTask.ID)
	if resp, _ := swt.reportForm(rf.ownTask.ID, url.Values{"period": {rf.period}, "action": {"revise"}, "rev": {rev}}, nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("revise: %d", resp.StatusCode)
	}
	rev = rf.formRev(t, swt, rf.ownTask.ID)
	resp, _ = swt.reportForm(rf.ownTask.ID, url.Values{"period": {rf.period}, "action": {"submit"}, "rev": {rev}, "status": {"on_track"},
		"progress": {"55"}, "confidence": {"on_track"}, "done": {"推进中，数据来源：省统计局"}, "key": {key}, "value": {"89"}}, nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("resubmit: %d", resp.StatusCode)
	}
	v2, _ := rf.ts.st.LatestReport(ctx, rf.ownTask.ID, unit.UnitID, rf.period)
	if v2.Version != 2 || len(v2.Content.Evidence) != 1 {
		t.Errorf("revision = v%d with %d files", v2.Version, len(v2.Content.Evidence))
	}
	resp, _ = office.do("POST", fmt.Sprintf("/reports/%d/decide", v2.ID), url.Values{"csrf": {office.csrf}, "action": {"accept"}, "rev": {fmt.Sprint(v2.Rev)}}, "")
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("accept: %d", resp.StatusCode)
	}
	// Both versions readable by the unit; the first still says what it said.
	_, body = swt.do("GET", fmt.Sprintf("/reports/%d", sub.ID), nil, "")
	if !strings.Contains(body, "请补充数据来源") || strings.Contains(body, "省统计局") {
		t.Error("the returned version is not shown as it was")
	}
	if v, err := rf.ts.st.SeriesValueByKey(ctx, key, time.Date(2026, 9, 30, 0, 0, 0, 0, reporting.Shanghai())); err != nil || v != 89 {
		t.Errorf("series value = %v, %v", v, err)
	}
	// Bulk reminders are recorded with their sender.
	miss, _ := rf.ts.st.MissingReports(ctx, rf.ownTask.PlanID, rf.period)
	if len(miss) < 2 {
		t.Fatalf("missing = %d", len(miss))
	}
	form := url.Values{"csrf": {office.csrf}, "message": {"请尽快报送"}}
	for _, m := range miss[:2] {
		form.Add("item", fmt.Sprintf("%d:%d:%s", m.TaskID, m.UnitID, m.Period))
	}
	if resp, _ := office.do("POST", "/remind", form, ""); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("remind: %d", resp.StatusCode)
	}
	rs, _ := rf.ts.st.Reminders(ctx, store.ReminderFilter{PlanID: rf.ownTask.PlanID})
	if len(rs) < 3 || rs[0].Sender != "admin" {
		t.Errorf("reminders = %+v", rs)
	}
	// A reminder for a unit not assigned to the task is refused.
	form = url.Values{"csrf": {office.csrf}, "item": {fmt.Sprintf("%d:%d:%s", rf.other.ID, unit.UnitID, rf.period)}}
	if resp, _ := office.do("POST", "/remind", form, ""); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("reminder to an unassigned unit: %d", resp.StatusCode)
	}
}
