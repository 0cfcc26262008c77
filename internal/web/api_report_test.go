package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"luoshi/internal/config"
	"luoshi/internal/store"
	"luoshi/internal/store/storetest"
)

// apiReportFixture names the demo objects of the reporting API tests.
type apiReportFixture struct {
	ts                  *testServer
	f                   fixture
	own                 store.Task // 省商务厅 leads it and has not reported period
	other               store.Task // 省商务厅 has no assignment on it
	period              string
	office, swt, gxt    *client
	viewer, public      *client
	p                   func(format string, args ...any) string
	ownPath, otherPath  string
	ownUnit, otherUnit1 int64 // 省商务厅, and a unit assigned to other
}

func apiReportSetup(t *testing.T, open func(testing.TB) *store.Store) apiReportFixture {
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	ts, f := setupOn(t, open, cfg)
	ctx := context.Background()
	x := apiReportFixture{ts: ts, f: f, period: "2026-Q3", ownUnit: f.ownUnit, p: func(format string, args ...any) string { return fmt.Sprintf(format, args...) }}
	o, err := ts.st.PlanOutline(ctx, f.demoPlan, store.TaskFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, task := range o.Tasks {
		var lead int64
		own := false
		for _, u := range task.Units {
			if u.Role == "lead" && lead == 0 {
				lead = u.UnitID
			}
			own = own || u.UnitID == f.ownUnit
		}
		if !own && x.other.ID == 0 && lead != 0 {
			x.other, x.otherUnit1 = task, lead
		}
		if lead == f.ownUnit && x.own.ID == 0 && len(task.Targets) > 0 {
			if _, err := ts.st.LatestReport(ctx, task.ID, f.ownUnit, x.period); err != nil {
				x.own = task
			}
		}
	}
	if x.own.ID == 0 || x.other.ID == 0 {
		t.Fatalf("no suitable demo tasks")
	}
	x.ownPath, x.otherPath = fmt.Sprintf("/api/v1/tasks/%d/report", x.own.ID), fmt.Sprintf("/api/v1/tasks/%d/report", x.other.ID)
	x.office = apiLogin(t, ts.URL, "admin", adminPassword)
	x.swt = apiLogin(t, ts.URL, "swt", demoPassword)
	x.gxt = apiLogin(t, ts.URL, "gxt", demoPassword)
	x.viewer = apiLogin(t, ts.URL, "leader", demoPassword)
	x.public = newClient(t, ts.URL)
	return x
}

// send is apiCall that returns the body instead of failing on status.
func send(t *testing.T, c *client, method, path, body string) (int, string) {
	t.Helper()
	resp, got := c.do(method, path, nil, body, "X-CSRF-Token", c.csrf)
	return resp.StatusCode, got
}

// uploadEvidence posts evidence files to the API as multipart.
func uploadEvidence(t *testing.T, c *client, path string, fields map[string]string, files map[string][]byte, csrf bool) (int, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for name, data := range files {
		fw, _ := mw.CreateFormFile("evidence", name)
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", c.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if csrf {
		req.Header.Set("X-CSRF-Token", c.csrf)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

type apiReportResp struct {
	ID      int64  `json:"id"`
	Version int    `json:"version"`
	Rev     int    `json:"rev"`
	State   string `json:"state"`
	Content struct {
		Done     string `json:"done"`
		Evidence []struct {
			StoredName string `json:"stored_name"`
			Type       string `json:"type"`
		} `json:"evidence"`
	} `json:"content"`
}

// TestAPIReporting runs the report cycle and its refusals through the
// JSON API on every engine, role by role.
func TestAPIReporting(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) { testAPIReporting(t, e.Open) })
	}
}

func testAPIReporting(t *testing.T, open func(testing.TB) *store.Store) {
	x := apiReportSetup(t, open)
	p := x.p
	clients := map[string]*client{"office": x.office, "reporter": x.swt, "viewer": x.viewer, "public": x.public, "other": x.gxt}
	draftBody := func(rev int, done string) string {
		return fmt.Sprintf(`{"period":%q,"rev":%d,"content":{"status":"on_track","progress":30,"done":%q}}`, x.period, rev, done)
	}

	// What each role may list and read before anything is written.
	run(t, clients, []scenario{
		{name: "reporter due list", role: "reporter", method: "GET", path: "/api/v1/reports", status: 200, contains: []string{`"due":[`, `"unit":`}},
		{name: "office has no due list", role: "office", method: "GET", path: "/api/v1/reports", status: 403},
		{name: "viewer has no due list", role: "viewer", method: "GET", path: "/api/v1/reports", status: 403},
		{name: "public signs in first", role: "public", method: "GET", path: "/api/v1/reports", status: 401},
		{name: "reporter form data", role: "reporter", method: "GET", path: x.ownPath + "?period=" + x.period, status: 200, contains: []string{`"role":"lead"`, `"exists":false`, `"rev":1`}},
		{name: "unknown period", role: "reporter", method: "GET", path: x.ownPath + "?period=1999-Q1", status: 404},
		{name: "save on another unit's task", role: "reporter", method: "PUT", path: x.otherPath, json: draftBody(1, "x"), status: 403},
		{name: "save without CSRF header", role: "reporter", method: "PUT", path: x.ownPath, json: draftBody(1, "x"), noCSRF: true, status: 403},
		{name: "viewer saves", role: "viewer", method: "PUT", path: x.ownPath, json: draftBody(1, "x"), status: 403},
		{name: "office saves", role: "office", method: "PUT", path: x.ownPath, json: draftBody(1, "x"), status: 403},
		{name: "save without content", role: "reporter", method: "PUT", path: x.ownPath, json: fmt.Sprintf(`{"period":%q,"rev":1}`, x.period), status: 400},
		{name: "unknown field", role: "reporter", method: "PUT", path: x.ownPath, json: `{"period":"2026-Q3","rev":1,"colour":"red"}`, status: 400},
		{name: "office review queue", role: "office", method: "GET", path: "/api/v1/reviews", status: 200, contains: []string{`"reports":`}},
		{name: "reporter review queue", role: "reporter", method: "GET", path: "/api/v1/reviews", status: 403},
		{name: "viewer review queue", role: "viewer", method: "GET", path: "/api/v1/reviews", status: 403},
	})

	// A draft is created, guarded by its revision, and the unit's own.
	var draft apiReportResp
	apiCall(t, x.swt, "PUT", x.ownPath, draftBody(1, "草稿内容甲"), http.StatusOK, &draft)
	if draft.ID == 0 || draft.State != "draft" || draft.Rev != 2 || draft.Content.Done != "草稿内容甲" {
		t.Fatalf("draft = %+v", draft)
	}
	status, body := send(t, x.swt, "PUT", x.ownPath, draftBody(1, "第二人写的内容"))
	var conflict struct {
		Error struct {
			Code, Message string
		} `json:"error"`
		Draft   json.RawMessage `json:"draft"`
		Current apiReportResp   `json:"current"`
	}
	if err := json.Unmarshal([]byte(body), &conflict); status != http.StatusConflict || err != nil {
		t.Fatalf("stale save: %d %s", status, body)
	}
	if conflict.Error.Code != "report.conflict" || conflict.Error.Message == "" || string(conflict.Draft) != draftBody(1, "第二人写的内容") ||
		conflict.Current.Content.Done != "草稿内容甲" || conflict.Current.Rev != 2 {
		t.Errorf("conflict body = %s", body)
	}
	status, body = send(t, x.swt, "PUT", x.ownPath, fmt.Sprintf(`{"period":%q,"rev":2,"content":{"progress":150}}`, x.period))
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `"field":"progress"`) || !strings.Contains(body, `"draft":`) {
		t.Errorf("invalid draft: %d %s", status, body)
	}
	run(t, clients, []scenario{
		{name: "other unit reads the draft", role: "other", method: "GET", path: p("/api/v1/reports/%d", draft.ID), status: 404, lacks: []string{"草稿内容甲"}},
		{name: "office reads the draft", role: "office", method: "GET", path: p("/api/v1/reports/%d", draft.ID), status: 404},
		{name: "viewer reads the draft", role: "viewer", method: "GET", path: p("/api/v1/reports/%d", draft.ID), status: 404},
		{name: "other unit's form data", role: "other", method: "GET", path: x.ownPath + "?period=" + x.period, status: 200, lacks: []string{"草稿内容甲"}},
		{name: "office form data", role: "office", method: "GET", path: x.ownPath + "?period=" + x.period, status: 200, lacks: []string{"草稿内容甲"}},
		{name: "unit reads its draft", role: "reporter", method: "GET", path: p("/api/v1/reports/%d", draft.ID), status: 200, contains: []string{"草稿内容甲"}},
	})

	// Evidence: multipart, checked as on the page.
	fields := map[string]string{"period": x.period, "rev": "2"}
	if st, b := uploadEvidence(t, x.swt, x.ownPath+"/evidence", fields, map[string][]byte{"a.bin": {0, 1, 2, 3, 0xff, 0xfe, 0, 0}}, true); st != http.StatusUnprocessableEntity || !strings.Contains(b, `"field":"evidence"`) {
		t.Errorf("binary evidence: %d %s", st, b)
	}
	if st, _ := uploadEvidence(t, x.swt, x.ownPath+"/evidence", fields, map[string][]byte{"note.txt": []byte("会议纪要")}, false); st != http.StatusForbidden {
		t.Errorf("evidence without CSRF header: %d", st)
	}
	if st, _ := uploadEvidence(t, x.gxt, x.ownPath+"/evidence", fields, map[string][]byte{"note.txt": []byte("会议纪要")}, true); st != http.StatusForbidden {
		t.Errorf("evidence on another unit's task: %d", st)
	}
	if st, _ := uploadEvidence(t, x.viewer, x.ownPath+"/evidence", fields, map[string][]byte{"note.txt": []byte("会议纪要")}, true); st != http.StatusForbidden {
		t.Errorf("viewer uploads evidence: %d", st)
	}
	st, b := uploadEvidence(t, x.swt, x.ownPath+"/evidence", fields, map[string][]byte{"note.txt": []byte("会议纪要：完成三项工作。")}, true)
	if err := json.Unmarshal([]byte(b), &draft); st != http.StatusOK || err != nil || len(draft.Content.Evidence) != 1 || draft.Content.Evidence[0].Type != "text/plain" || draft.Rev != 3 {
		t.Fatalf("evidence upload: %d %s", st, b)
	}
	if st, _ := uploadEvidence(t, x.swt, x.ownPath+"/evidence", fields, map[string][]byte{"note.txt": []byte("again")}, true); st != http.StatusConflict {
		t.Errorf("evidence on a stale revision: %d, want 409", st)
	}
	if resp, _ := x.gxt.do("GET", "/evidence/"+draft.Content.Evidence[0].StoredName, nil, ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another unit downloads draft evidence: %d", resp.StatusCode)
	}

	// Submit with a target value, which goes into its series.
	var form struct {
		Targets []struct {
			Key string `json:"key"`
		} `json:"targets"`
	}
	apiCall(t, x.swt, "GET", x.ownPath+"?period="+x.period, "", http.StatusOK, &form)
	if len(form.Targets) == 0 {
		t.Fatal("no targets on the form data")
	}
	submit := fmt.Sprintf(`{"period":%q,"rev":3,"content":{"status":"on_track","progress":40,"confidence":"on_track","done":"草稿内容甲","values":[{"indicator":%q,"value":5}]}}`,
		x.period, form.Targets[0].Key)
	var sub apiReportResp
	apiCall(t, x.swt, "POST", x.ownPath+"/submit", submit, http.StatusOK, &sub)
	if sub.State != "submitted" || len(sub.Content.Evidence) != 1 {
		t.Fatalf("submitted = %+v", sub)
	}
	run(t, clients, []scenario{
		{name: "submitted cannot be saved", role: "reporter", method: "PUT", path: x.ownPath, json: draftBody(sub.Rev, "x"), status: 409},
		{name: "unit accepts its own report", role: "reporter", method: "POST", path: p("/api/v1/reports/%d/accept", sub.ID), json: fmt.Sprintf(`{"rev":%d}`, sub.Rev), status: 403},
		{name: "viewer accepts", role: "viewer", method: "POST", path: p("/api/v1/reports/%d/accept", sub.ID), json: fmt.Sprintf(`{"rev":%d}`, sub.Rev), status: 403},
		{name: "queue has it", role: "office", method: "GET", path: "/api/v1/reviews", status: 200, contains: []string{p(`"id":%d`, sub.ID)}},
		{name: "viewer reads submitted", role: "viewer", method: "GET", path: p("/api/v1/reports/%d", sub.ID), status: 200},
		{name: "other unit reads submitted", role: "other", method: "GET", path: p("/api/v1/reports/%d", sub.ID), status: 404},
		{name: "return without comment", role: "office", method: "POST", path: p("/api/v1/reports/%d/return", sub.ID), json: fmt.Sprintf(`{"rev":%d,"comment":"  "}`, sub.Rev), status: 422, contains: []string{`"code":"report.comment_required"`, "退回时必须填写审核意见"}},
		{name: "return on a stale revision", role: "office", method: "POST", path: p("/api/v1/reports/%d/return", sub.ID), json: fmt.Sprintf(`{"rev":%d,"comment":"补充数据"}`, sub.Rev-1), status: 409},
		{name: "return without CSRF header", role: "office", method: "POST", path: p("/api/v1/reports/%d/return", sub.ID), json: fmt.Sprintf(`{"rev":%d,"comment":"补充数据"}`, sub.Rev), noCSRF: true, status: 403},
	})
	var ret apiReportResp
	apiCall(t, x.office, "POST", p("/api/v1/reports/%d/return", sub.ID), fmt.Sprintf(`{"rev":%d,"comment":"请补充数据来源"}`, sub.Rev), http.StatusOK, &ret)
	if ret.State != "returned" {
		t.Fatalf("returned = %+v", ret)
	}

	// The unit hears of it, revises and resubmits; the office accepts.
	var inbox struct {
		Unread  int `json:"unread"`
		Notices []struct {
			ID   int64  `json:"id"`
			Kind string `json:"kind"`
			Body string `json:"body"`
		} `json:"notices"`
	}
	apiCall(t, x.swt, "GET", "/api/v1/inbox", "", http.StatusOK, &inbox)
	if inbox.Unread == 0 || len(inbox.Notices) == 0 || inbox.Notices[0].Kind != "returned" || inbox.Notices[0].Body != "请补充数据来源" {
		t.Errorf("inbox after return = %+v", inbox)
	}
	var unread struct {
		Unread int `json:"unread"`
	}
	apiCall(t, x.swt, "POST", "/api/v1/inbox/read", fmt.Sprintf(`{"ids":[%d]}`, inbox.Notices[0].ID), http.StatusOK, &unread)
	if unread.Unread != inbox.Unread-1 {
		t.Errorf("unread after marking one: %d, was %d", unread.Unread, inbox.Unread)
	}
	apiCall(t, x.swt, "POST", "/api/v1/inbox/read", `{}`, http.StatusBadRequest, nil)
	apiCall(t, x.gxt, "POST", "/api/v1/inbox/read", `{"all":true}`, http.StatusOK, nil)
	apiCall(t, x.swt, "GET", "/api/v1/inbox", "", http.StatusOK, &inbox)
	if inbox.Unread != unread.Unread {
		t.Errorf("another user's mark-all touched this inbox: %d, want %d", inbox.Unread, unread.Unread)
	}
	apiCall(t, x.swt, "POST", "/api/v1/inbox/read", `{"all":true}`, http.StatusOK, &unread)
	if unread.Unread != 0 {
		t.Errorf("unread after marking all: %d", unread.Unread)
	}
	revise := fmt.Sprintf(`{"period":%q,"rev":%d}`, x.period, ret.Rev)
	apiCall(t, x.gxt, "POST", x.ownPath+"/revise", revise, http.StatusForbidden, nil)
	var v2 apiReportResp
	apiCall(t, x.swt, "POST", x.ownPath+"/revise", revise, http.StatusCreated, &v2)
	if v2.Version != 2 || v2.State != "draft" || v2.Content.Done != "草稿内容甲" {
		t.Fatalf("revision = %+v", v2)
	}
	apiCall(t, x.swt, "POST", x.ownPath+"/submit", fmt.Sprintf(`{"period":%q,"rev":%d}`, x.period, v2.Rev), http.StatusOK, &v2)
	var acc apiReportResp
	apiCall(t, x.office, "POST", p("/api/v1/reports/%d/accept", v2.ID), fmt.Sprintf(`{"rev":%d}`, v2.Rev), http.StatusOK, &acc)
	if acc.State != "accepted" || acc.Version != 2 {
		t.Errorf("accepted = %+v", acc)
	}
	var versions struct {
		Versions []apiReportResp `json:"versions"`
	}
	apiCall(t, x.viewer, "GET", p("/api/v1/reports/%d", acc.ID), "", http.StatusOK, &versions)
	if len(versions.Versions) != 2 || versions.Versions[0].State != "returned" {
		t.Errorf("versions = %+v", versions.Versions)
	}
}

// TestAPISupervision covers reminders, missing reports, lights and
// indicators on every engine.
func TestAPISupervision(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) { testAPISupervision(t, e.Open) })
	}
}

func testAPISupervision(t *testing.T, open func(testing.TB) *store.Store) {
	x := apiReportSetup(t, open)
	p := x.p
	clients := map[string]*client{"office": x.office, "reporter": x.swt, "viewer": x.viewer, "public": x.public}
	series, err := x.ts.st.PlanSeries(context.Background(), x.f.demoPlan)
	if err != nil {
		t.Fatal(err)
	}
	seriesID := series[x.own.Targets[0].ID].ID
	one := fmt.Sprintf(`{"message":"请尽快报送","items":[{"task_id":%d,"unit_id":%d,"period":%q}]}`, x.other.ID, x.otherUnit1, x.period)
	notAssigned := fmt.Sprintf(`{"items":[{"task_id":%d,"unit_id":%d,"period":%q}]}`, x.other.ID, x.ownUnit, x.period)
	run(t, clients, []scenario{
		{name: "remind one", role: "office", method: "POST", path: "/api/v1/reminders", json: one, status: 201, contains: []string{`"sender":"admin"`, "请尽快报送"}},
		{name: "remind many", role: "office", method: "POST", path: "/api/v1/reminders", json: fmt.Sprintf(`{"items":[{"task_id":%d,"unit_id":%d,"period":%q},{"task_id":%d,"unit_id":%d,"period":%q}]}`,
			x.other.ID, x.otherUnit1, x.period, x.own.ID, x.ownUnit, x.period), status: 201},
		{name: "remind none", role: "office", method: "POST", path: "/api/v1/reminders", json: `{"items":[]}`, status: 400},
		{name: "remind a unit not assigned", role: "office", method: "POST", path: "/api/v1/reminders", json: notAssigned, status: 400, contains: []string{"remind.not_assigned"}},
		{name: "remind without CSRF header", role: "office", method: "POST", path: "/api/v1/reminders", json: one, noCSRF: true, status: 403},
		{name: "reporter reminds", role: "reporter", method: "POST", path: "/api/v1/reminders", json: one, status: 403},
		{name: "viewer reminds", role: "viewer", method: "POST", path: "/api/v1/reminders", json: one, status: 403},
		{name: "reminders recorded", role: "office", method: "GET", path: p("/api/v1/reminders?task=%d", x.other.ID), status: 200, contains: []string{"请尽快报送", `"sent_at"`}},
		{name: "reporter reminded", role: "reporter", method: "GET", path: "/api/v1/inbox", status: 200, contains: []string{`"kind":"reminder"`}},
		{name: "missing now", role: "office", method: "GET", path: p("/api/v1/plans/%d/missing", x.f.demoPlan), status: 200, contains: []string{`"missing":[`, `"period":{"key":`}},
		{name: "missing of a period", role: "office", method: "GET", path: p("/api/v1/plans/%d/missing?period=%s", x.f.demoPlan, x.period), status: 200, contains: []string{p(`"task_id":%d`, x.own.ID)}},
		{name: "missing of no period", role: "office", method: "GET", path: p("/api/v1/plans/%d/missing?period=2026-Q9", x.f.demoPlan), status: 404},
		{name: "missing of a draft plan", role: "office", method: "GET", path: p("/api/v1/plans/%d/missing", x.f.draftPlan), status: 404},
		{name: "reporter missing", role: "reporter", method: "GET", path: p("/api/v1/plans/%d/missing", x.f.demoPlan), status: 403},
		{name: "viewer lights", role: "viewer", method: "GET", path: p("/api/v1/plans/%d/lights", x.f.demoPlan), status: 200, contains: []string{`"counts":`, `"color":"red"`, p(`"task_id":%d`, x.other.ID)}},
		{name: "reporter lights are its own", role: "reporter", method: "GET", path: p("/api/v1/plans/%d/lights", x.f.demoPlan), status: 200, contains: []string{p(`"task_id":%d`, x.own.ID)}, lacks: []string{p(`"task_id":%d,`, x.other.ID)}},
		{name: "public lights", role: "public", method: "GET", path: p("/api/v1/plans/%d/lights", x.f.demoPlan), status: 401},
		{name: "lights of a draft", role: "office", method: "GET", path: p("/api/v1/plans/%d/lights", x.f.draftPlan), status: 404},
		{name: "reporter draft lights", role: "reporter", method: "GET", path: p("/api/v1/plans/%d/lights", x.f.draftPlan), status: 404},
		{name: "viewer indicator", role: "viewer", method: "GET", path: p("/api/v1/indicators/%d", seriesID), status: 200, contains: []string{`"trajectory":`, `"milestones":`, `"warnings":`, `"values":`}},
		{name: "public indicator", role: "public", method: "GET", path: p("/api/v1/indicators/%d", seriesID), status: 401},
		{name: "unknown indicator", role: "office", method: "GET", path: "/api/v1/indicators/999999", status: 404},
		{name: "viewer adds a value", role: "viewer", method: "POST", path: p("/api/v1/indicators/%d/values", seriesID), json: `{"as_of":"2026-06-30","value":1}`, status: 403},
		{name: "reporter adds a value", role: "reporter", method: "POST", path: p("/api/v1/indicators/%d/values", seriesID), json: `{"as_of":"2026-06-30","value":1}`, status: 403},
		{name: "bad value", role: "office", method: "POST", path: p("/api/v1/indicators/%d/values", seriesID), json: `{"as_of":"30/06/2026","value":1}`, status: 422},
		{name: "value without number", role: "office", method: "POST", path: p("/api/v1/indicators/%d/values", seriesID), json: `{"as_of":"2026-06-30"}`, status: 422},
		{name: "office adds a value", role: "office", method: "POST", path: p("/api/v1/indicators/%d/values", seriesID), json: `{"as_of":"2026-06-30","value":0.5}`, status: 201, contains: []string{`"as_of":"2026-06-30","value":0.5`, `"projection":`}},
		{name: "viewer sets trajectory", role: "viewer", method: "PUT", path: p("/api/v1/indicators/%d/trajectory", seriesID), json: `{"rev":0}`, status: 403},
	})
	// The navigation counts the unread notices of the signed-in reader.
	run(t, clients, []scenario{
		{name: "unread in the navigation", role: "reporter", method: "GET", path: "/", status: 200, contains: []string{`id="nav-unread"`}},
		{name: "no count for the public", role: "public", method: "GET", path: "/", status: 200, lacks: []string{`id="nav-unread"`}},
	})
	apiCall(t, x.swt, "POST", "/api/v1/inbox/read", `{"all":true}`, http.StatusOK, nil)
	run(t, clients, []scenario{
		{name: "nothing unread", role: "reporter", method: "GET", path: "/inbox", status: 200, lacks: []string{`id="nav-unread"`}},
	})
	var ind struct {
		Trajectory struct {
			Comparator string `json:"comparator"`
			Baseline   struct {
				Date  string  `json:"date"`
				Value float64 `json:"value"`
			} `json:"baseline"`
			Target struct {
				Date  string  `json:"date"`
				Value float64 `json:"value"`
			} `json:"target"`
			Rev int `json:"rev"`
		} `json:"trajectory"`
	}
	apiCall(t, x.office, "GET", p("/api/v1/indicators/%d", seriesID), "", http.StatusOK, &ind)
	tr := ind.Trajectory
	body := func(rev int, extra string) string {
		return fmt.Sprintf(`{"rev":%d,"comparator":%q,"baseline":{"date":%q,"value":%g},"target":{"date":%q,"value":%g}%s}`,
			rev, tr.Comparator, tr.Baseline.Date, tr.Baseline.Value, tr.Target.Date, tr.Target.Value, extra)
	}
	var got struct {
		Trajectory struct {
			Rev        int  `json:"rev"`
			Custom     bool `json:"custom"`
			Milestones []struct {
				Date string `json:"date"`
			} `json:"milestones"`
		} `json:"trajectory"`
	}
	apiCall(t, x.office, "PUT", p("/api/v1/indicators/%d/trajectory", seriesID), body(tr.Rev, `,"generate":"quarter"`), http.StatusOK, &got)
	if got.Trajectory.Rev != tr.Rev+1 || !got.Trajectory.Custom || len(got.Trajectory.Milestones) < 2 {
		t.Errorf("trajectory after replace = %+v", got.Trajectory)
	}
	apiCall(t, x.office, "PUT", p("/api/v1/indicators/%d/trajectory", seriesID), body(tr.Rev, `,"generate":"quarter"`), http.StatusConflict, nil)
	apiCall(t, x.office, "PUT", p("/api/v1/indicators/%d/trajectory", seriesID), body(got.Trajectory.Rev, `,"milestones":[{"date":"1990-01-01","value":1}]`), http.StatusUnprocessableEntity, nil)
	apiCall(t, x.office, "PUT", p("/api/v1/indicators/%d/trajectory", seriesID), body(got.Trajectory.Rev, `,"generate":"week"`), http.StatusBadRequest, nil)
}
