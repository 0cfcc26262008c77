package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"luoshi/internal/config"
	"luoshi/internal/demo"
	"luoshi/internal/store"
	"luoshi/internal/web"
)

// routeHits counts the route patterns that table rows ask for, matched
// the way the server's mux matches them.
type routeHits struct {
	mu   sync.Mutex
	mux  *http.ServeMux
	seen map[string]bool
}

// routePatterns is every page and API route the server registers.
func routePatterns() []string {
	var out []string
	for p := range web.PageRoutes() {
		out = append(out, p)
	}
	for p := range web.APIRoutes() {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

func newRouteHits() *routeHits {
	h := &routeHits{mux: http.NewServeMux(), seen: map[string]bool{}}
	for _, p := range routePatterns() {
		h.mux.Handle(p, http.NotFoundHandler())
	}
	return h
}

func (h *routeHits) add(method, path string) {
	if h == nil {
		return
	}
	req, err := http.NewRequest(method, "http://test"+path, nil)
	if err != nil {
		return
	}
	_, pattern := h.mux.Handler(req)
	h.mu.Lock()
	h.seen[pattern] = true
	h.mu.Unlock()
}

// check fails naming every route that no row asked for.
func (h *routeHits) check(t *testing.T) {
	t.Helper()
	for _, p := range routePatterns() {
		if !h.seen[p] {
			t.Errorf("no permission-table row exercises %q", p)
		}
	}
}

// roles are the columns of a route row: the public, a reporter of the
// unit the object belongs to (省商务厅, swt), a reporter of another unit
// (省发展改革委, fgw), a viewer and the office.
var roles = [5]string{"public", "reporter", "other", "viewer", "office"}

// routeRow is one route tried by every role, with the status each must get.
type routeRow struct {
	method, path string
	form         url.Values // sent as a form (empty form when nil on a POST page)
	json         string     // sent as JSON ("{}" when empty on an API change)
	want         [5]int
	lacks        []string
}

var noticeID = regexp.MustCompile(`"id":(\d+)`)

// testRoutePermissions tries every page and API route as every role on
// objects of 省商务厅: its task 7 (wlt cooperating, fgw nowhere), its
// submitted report of 2026-Q3, its unit, a notice to swt, a draft's
// evidence, task 7's first target and series. The office sends requests
// the handler refuses for their content, so that nothing changes and a
// 400 shows the office got past the permission.
func testRoutePermissions(t *testing.T, open func(testing.TB) *store.Store, hits *routeHits) {
	x := integritySetup(t, open)
	ctx := context.Background()
	p := x.p
	task := x.task["7"]
	var tu store.TaskUnit
	for _, u := range task.Units {
		if u.UnitID == x.swtUnit {
			tu = u
		}
	}
	if tu.ID == 0 || len(task.Targets) < 2 {
		t.Fatalf("task 7 = %+v", task)
	}
	target, target2, series := task.Targets[0].ID, task.Targets[1].ID, x.series["7"]
	submitted, err := x.ts.st.LatestReport(ctx, task.ID, x.swtUnit, "2026-Q3")
	if err != nil || submitted.State != "submitted" {
		t.Fatalf("swt's Q3 report of task 7: %+v %v", submitted.State, err)
	}
	// A draft of Q4 with evidence, and a reminder to swt.
	st, b := uploadEvidence(t, x.swt, x.taskReport("7")+"/evidence", map[string]string{"period": "2026-Q4", "rev": "1"},
		map[string][]byte{"minutes.txt": []byte("商务厅会议纪要")}, true)
	var draft apiReportResp
	if err := json.Unmarshal([]byte(b), &draft); st != http.StatusOK || err != nil || len(draft.Content.Evidence) != 1 {
		t.Fatalf("evidence: %d %s", st, b)
	}
	evidence := draft.Content.Evidence[0].StoredName
	apiCall(t, x.office, "POST", "/api/v1/reminders", fmt.Sprintf(`{"message":"请报送","items":[{"task_id":%d,"unit_id":%d,"period":"2026-Q4"}]}`, task.ID, x.swtUnit), http.StatusCreated, nil)
	resp, inbox := x.swt.do("GET", "/api/v1/inbox", nil, "")
	m := noticeID.FindStringSubmatch(inbox)
	if resp.StatusCode != 200 || m == nil {
		t.Fatalf("swt's inbox: %d %s", resp.StatusCode, inbox)
	}
	notice := m[1]

	clients := map[string]*client{
		"public":   newClient(t, x.ts.URL),
		"reporter": login(t, x.ts.URL, "swt", demoPassword),
		"other":    login(t, x.ts.URL, "fgw", demoPassword),
		"viewer":   login(t, x.ts.URL, demo.Viewer, demoPassword),
		"office":   login(t, x.ts.URL, "admin", adminPassword),
	}
	for _, c := range clients {
		c.hits = hits
	}
	plan := x.task["7"].PlanID
	secret := submitted.Content.Done
	const (
		ok, noContent, see, bad, unauth, forbid, none, conflict, unsup, unproc = 200, 204, 303, 400, 401, 403, 404, 409, 415, 422
	)
	v := func(kv ...string) url.Values {
		out := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			out.Set(kv[i], kv[i+1])
		}
		return out
	}
	rows := []routeRow{
		// Pages anyone reads.
		{method: "GET", path: "/", want: [5]int{ok, ok, ok, ok, ok}},
		{method: "GET", path: "/login", want: [5]int{ok, see, see, see, see}},
		{method: "POST", path: "/login", form: v("username", "nobody", "password", "x"), want: [5]int{unauth, unauth, unauth, unauth, unauth}},
		{method: "POST", path: "/locale", form: v("lang", "fr"), want: [5]int{bad, bad, bad, bad, bad}},
		{method: "GET", path: p("/plans/%d", plan), want: [5]int{ok, ok, ok, ok, ok}},
		{method: "GET", path: p("/tasks/%d", task.ID), want: [5]int{ok, ok, ok, ok, ok}, lacks: []string{secret}},
		{method: "GET", path: "/favicon.ico", want: [5]int{ok, ok, ok, ok, ok}},
		{method: "GET", path: "/no-such-page", want: [5]int{none, none, none, none, none}},

		// The office's plan work.
		{method: "GET", path: "/import", want: [5]int{see, forbid, forbid, forbid, ok}},
		{method: "POST", path: "/import", form: v("text", " "), want: [5]int{see, forbid, forbid, forbid, bad}},
		{method: "GET", path: p("/plans/%d/review", plan), want: [5]int{see, forbid, forbid, forbid, ok}},
		{method: "GET", path: p("/plans/%d/publish", plan), want: [5]int{see, forbid, forbid, forbid, ok}},
		{method: "POST", path: p("/plans/%d/publish", plan), form: v(), want: [5]int{see, forbid, forbid, forbid, bad}},
		{method: "POST", path: p("/plans/%d/public", plan), form: v("public", "maybe"), want: [5]int{see, forbid, forbid, forbid, bad}},
		{method: "GET", path: p("/plans/%d/discard", plan), want: [5]int{see, forbid, forbid, forbid, conflict}},
		{method: "POST", path: p("/plans/%d/delete", plan), form: v(), want: [5]int{see, forbid, forbid, forbid, bad}},
		{method: "POST", path: p("/plans/%d/map", plan), form: v(), want: [5]int{see, forbid, forbid, forbid, bad}},
		{method: "POST", path: p("/plans/%d/meta", plan), form: v("version", "x"), want: [5]int{see, forbid, forbid, forbid, bad}},
		{method: "POST", path: p("/plans/%d/collectives", plan), form: v(), want: [5]int{see, forbid, forbid, forbid, bad}},
		{method: "POST", path: p("/plans/%d/tasks", plan), form: v(), want: [5]int{see, forbid, forbid, forbid, bad}},
		{method: "POST", path: p("/plans/%d/targets", plan), form: v(), want: [5]int{see, forbid, forbid, forbid, bad}},
		{method: "POST", path: p("/tasks/%d", task.ID), form: v("version", "x"), want: [5]int{see, forbid, forbid, forbid, bad}},
		{method: "POST", path: p("/tasks/%d/units", task.ID), form: v(), want: [5]int{see, forbid, forbid, forbid, bad}},
		{method: "POST", path: p("/task-units/%d", tu.ID), form: v("version", "x"), want: [5]int{see, forbid, forbid, forbid, bad}},
		{method: "POST", path: p("/tasks/%d/targets", task.ID), form: v(), want: [5]int{see, forbid, forbid, forbid, bad}},
		{method: "POST", path: p("/targets/%d", target), form: v("version", "x"), want: [5]int{see, forbid, forbid, forbid, bad}},
		{method: "POST", path: p("/tasks/%d/frequency", task.ID), form: v("frequency", "hourly"), want: [5]int{see, forbid, forbid, forbid, bad}},
		{method: "GET", path: p("/plans/%d/calendar", plan), want: [5]int{see, ok, ok, ok, ok}},
		{method: "POST", path: p("/plans/%d/calendar", plan), form: v(), want: [5]int{see, forbid, forbid, forbid, bad}},

		// Units and accounts.
		{method: "GET", path: "/units", want: [5]int{see, see, see, ok, ok}},
		{method: "POST", path: "/units", form: v("name", " "), want: [5]int{see, forbid, forbid, forbid, bad}},
		{method: "GET", path: p("/units/%d", x.swtUnit), want: [5]int{see, ok, forbid, ok, ok}},
		{method: "GET", path: p("/units/%d/monitor", x.swtUnit), want: [5]int{see, ok, forbid, ok, ok}},
		{method: "GET", path: "/users", want: [5]int{see, forbid, forbid, forbid, ok}},
		{method: "POST", path: "/users", form: v(), want: [5]int{see, forbid, forbid, forbid, bad}},

		// Reports, reminders, the inbox, monitoring.
		{method: "GET", path: "/reports", want: [5]int{see, ok, ok, ok, ok}},
		{method: "GET", path: p("/reports/%d", submitted.ID), want: [5]int{see, ok, none, ok, ok}},
		{method: "POST", path: p("/reports/%d/decide", submitted.ID), form: v("action", "maybe"), want: [5]int{see, forbid, forbid, forbid, bad}},
		{method: "GET", path: p("/tasks/%d/report", task.ID), want: [5]int{see, ok, ok, ok, ok}},
		{method: "POST", path: p("/tasks/%d/report", task.ID), form: v("action", "save", "period", "2026-Q4", "rev", "1", "status", "on_track"), want: [5]int{see, conflict, forbid, forbid, forbid}},
		{method: "GET", path: "/evidence/" + evidence, want: [5]int{see, ok, none, none, none}},
		{method: "GET", path: "/supervise", want: [5]int{see, forbid, forbid, forbid, ok}},
		{method: "POST", path: "/remind", form: v(), want: [5]int{see, forbid, forbid, forbid, bad}},
		{method: "GET", path: "/inbox", want: [5]int{see, ok, ok, ok, ok}},
		{method: "GET", path: "/inbox/" + notice, want: [5]int{see, see, none, none, none}},
		{method: "POST", path: "/inbox/read", form: v(), want: [5]int{see, bad, bad, bad, bad}},
		{method: "POST", path: "/inbox/email", form: v("email", "not an address"), want: [5]int{see, bad, bad, bad, bad}},
		{method: "GET", path: "/dashboard", want: [5]int{see, see, see, ok, ok}},
		{method: "POST", path: "/thresholds", form: v(), want: [5]int{see, forbid, forbid, forbid, bad}},
		{method: "GET", path: p("/indicators/%d", series), want: [5]int{see, ok, ok, ok, ok}},
		{method: "GET", path: p("/indicators/%d/chart.svg", series), want: [5]int{see, ok, ok, ok, ok}},
		{method: "POST", path: p("/indicators/%d/trajectory", series), form: v(), want: [5]int{see, forbid, forbid, forbid, bad}},
		{method: "POST", path: p("/indicators/%d/values", series), form: v(), want: [5]int{see, forbid, forbid, forbid, bad}},

		// The API.
		{method: "GET", path: "/api/openapi.json", want: [5]int{ok, ok, ok, ok, ok}},
		{method: "POST", path: "/api/v1/session", json: `{"username":"nobody2","password":"x"}`, want: [5]int{unauth, unauth, unauth, unauth, unauth}},
		{method: "GET", path: "/api/v1/me", want: [5]int{unauth, ok, ok, ok, ok}},
		{method: "GET", path: "/api/v1/plans", want: [5]int{ok, ok, ok, ok, ok}},
		{method: "POST", path: "/api/v1/plans", json: `{"text":" "}`, want: [5]int{unauth, forbid, forbid, forbid, bad}},
		{method: "GET", path: p("/api/v1/plans/%d", plan), want: [5]int{ok, ok, ok, ok, ok}},
		{method: "GET", path: p("/api/v1/plans/%d/tasks", plan), want: [5]int{ok, ok, ok, ok, ok}},
		{method: "DELETE", path: p("/api/v1/plans/%d", plan), want: [5]int{unauth, forbid, forbid, forbid, bad}},
		{method: "POST", path: p("/api/v1/plans/%d/publish", plan), want: [5]int{unauth, forbid, forbid, forbid, bad}},
		{method: "PUT", path: p("/api/v1/plans/%d/public", plan), json: `{"public":"maybe"}`, want: [5]int{unauth, forbid, forbid, forbid, bad}},
		{method: "POST", path: p("/api/v1/plans/%d/mappings", plan), want: [5]int{unauth, forbid, forbid, forbid, bad}},
		{method: "PATCH", path: p("/api/v1/plans/%d", plan), json: `{"version":"x"}`, want: [5]int{unauth, forbid, forbid, forbid, bad}},
		{method: "GET", path: p("/api/v1/plans/%d/readiness", plan), want: [5]int{unauth, forbid, forbid, forbid, ok}},
		{method: "POST", path: p("/api/v1/plans/%d/collectives", plan), want: [5]int{unauth, forbid, forbid, forbid, bad}},
		{method: "POST", path: p("/api/v1/plans/%d/tasks", plan), want: [5]int{unauth, forbid, forbid, forbid, bad}},
		{method: "POST", path: p("/api/v1/plans/%d/targets", plan), want: [5]int{unauth, forbid, forbid, forbid, bad}},
		{method: "POST", path: p("/api/v1/tasks/%d/targets", task.ID), want: [5]int{unauth, forbid, forbid, forbid, bad}},
		{method: "GET", path: p("/api/v1/tasks/%d", task.ID), want: [5]int{ok, ok, ok, ok, ok}, lacks: []string{secret}},
		{method: "PATCH", path: p("/api/v1/tasks/%d", task.ID), json: `{"version":"x"}`, want: [5]int{unauth, forbid, forbid, forbid, bad}},
		{method: "PUT", path: p("/api/v1/task-units/%d", tu.ID), json: `{"version":"x"}`, want: [5]int{unauth, forbid, forbid, forbid, bad}},
		{method: "PUT", path: p("/api/v1/targets/%d", target), json: `{"version":"x"}`, want: [5]int{unauth, forbid, forbid, forbid, bad}},
		{method: "PUT", path: p("/api/v1/tasks/%d/frequency", task.ID), json: `{"frequency":"hourly"}`, want: [5]int{unauth, forbid, forbid, forbid, bad}},
		{method: "GET", path: p("/api/v1/plans/%d/calendar", plan), want: [5]int{unauth, ok, ok, ok, ok}},
		{method: "PUT", path: p("/api/v1/plans/%d/calendar", plan), want: [5]int{unauth, forbid, forbid, forbid, bad}},
		{method: "GET", path: "/api/v1/units", want: [5]int{unauth, ok, ok, ok, ok}},
		{method: "POST", path: "/api/v1/units", json: `{"name":" "}`, want: [5]int{unauth, forbid, forbid, forbid, bad}},
		{method: "GET", path: p("/api/v1/units/%d/tasks", x.swtUnit), want: [5]int{unauth, ok, forbid, ok, ok}},
		{method: "GET", path: "/api/v1/users", want: [5]int{unauth, forbid, forbid, forbid, ok}},
		{method: "POST", path: "/api/v1/users", want: [5]int{unauth, forbid, forbid, forbid, bad}},
		{method: "GET", path: "/api/v1/reports", want: [5]int{unauth, ok, ok, forbid, forbid}},
		{method: "GET", path: "/api/v1/reports/received", want: [5]int{unauth, ok, ok, ok, ok}},
		{method: "GET", path: p("/api/v1/reports/%d", submitted.ID), want: [5]int{unauth, ok, none, ok, ok}},
		{method: "GET", path: p("/api/v1/tasks/%d/reports", task.ID), want: [5]int{unauth, ok, ok, ok, ok}},
		{method: "GET", path: p("/api/v1/tasks/%d/report", task.ID), want: [5]int{unauth, ok, ok, ok, ok}},
		{method: "PUT", path: x.taskReport("7"), json: `{"period":"2026-Q4","rev":1,"content":{"status":"on_track"}}`, want: [5]int{unauth, conflict, forbid, forbid, forbid}},
		{method: "POST", path: x.taskReport("7") + "/submit", json: `{"period":"2026-Q4","rev":1}`, want: [5]int{unauth, conflict, forbid, forbid, forbid}},
		{method: "POST", path: x.taskReport("7") + "/revise", json: `{"period":"2026-Q3","rev":1}`, want: [5]int{unauth, conflict, forbid, forbid, forbid}},
		{method: "POST", path: x.taskReport("7") + "/no-progress", json: `{"period":"2026-Q4","rev":1}`, want: [5]int{unauth, conflict, forbid, forbid, forbid}},
		{method: "POST", path: x.taskReport("7") + "/evidence", want: [5]int{unauth, unsup, unsup, unsup, unsup}},
		{method: "GET", path: "/api/v1/reviews", want: [5]int{unauth, forbid, forbid, forbid, ok}},
		{method: "POST", path: p("/api/v1/reports/%d/accept", submitted.ID), json: `{"rev":"x"}`, want: [5]int{unauth, forbid, forbid, forbid, bad}},
		{method: "POST", path: p("/api/v1/reports/%d/return", submitted.ID), json: `{"rev":"x"}`, want: [5]int{unauth, forbid, forbid, forbid, bad}},
		{method: "GET", path: "/api/v1/reminders", want: [5]int{unauth, forbid, forbid, forbid, ok}},
		{method: "POST", path: "/api/v1/reminders", json: `{"items":"x"}`, want: [5]int{unauth, forbid, forbid, forbid, bad}},
		{method: "GET", path: p("/api/v1/plans/%d/missing", plan), want: [5]int{unauth, forbid, forbid, forbid, ok}},
		{method: "GET", path: p("/api/v1/plans/%d/lights", plan), want: [5]int{unauth, ok, ok, ok, ok}},
		{method: "GET", path: p("/api/v1/indicators/%d", series), want: [5]int{unauth, ok, ok, ok, ok}},
		{method: "POST", path: p("/api/v1/indicators/%d/values", series), want: [5]int{unauth, forbid, forbid, forbid, unproc}},
		{method: "PUT", path: p("/api/v1/indicators/%d/trajectory", series), want: [5]int{unauth, forbid, forbid, forbid, unproc}},
		{method: "GET", path: "/api/v1/inbox", want: [5]int{unauth, ok, ok, ok, ok}},
		{method: "POST", path: "/api/v1/inbox/read", json: `{"ids":"x"}`, want: [5]int{unauth, bad, bad, bad, bad}},

		// Then the deletions: a target and an assignment go at the office's
		// word; a task only once confirmed.
		{method: "DELETE", path: p("/api/v1/targets/%d", target), want: [5]int{unauth, forbid, forbid, forbid, noContent}},
		{method: "POST", path: p("/targets/%d/delete", target2), form: v(), want: [5]int{see, forbid, forbid, forbid, see}},
		{method: "POST", path: p("/task-units/%d/delete", tu.ID), form: v(), want: [5]int{see, forbid, forbid, forbid, see}},
		{method: "DELETE", path: p("/api/v1/tasks/%d", task.ID), json: `{"confirm":"maybe"}`, want: [5]int{unauth, forbid, forbid, forbid, bad}},
		{method: "POST", path: p("/tasks/%d/delete", task.ID), form: v(), want: [5]int{see, forbid, forbid, forbid, bad}},

		// Last, as they end the sessions.
		{method: "DELETE", path: "/api/v1/session", want: [5]int{unauth, noContent, noContent, noContent, noContent}},
		{method: "POST", path: "/logout", form: v(), want: [5]int{see, see, see, see, see}},
	}
	var scenarios []scenario
	for _, r := range rows {
		for i, role := range roles {
			sc := scenario{name: r.method + " " + r.path, role: role, method: r.method, path: r.path, status: r.want[i], lacks: r.lacks}
			switch {
			case r.form != nil:
				sc.form = r.form
			case r.method == "POST" && !strings.HasPrefix(r.path, "/api/"):
				sc.form = url.Values{}
			case r.json != "":
				sc.json = r.json
			case r.method != "GET" && strings.HasPrefix(r.path, "/api/"):
				sc.json = "{}"
			}
			scenarios = append(scenarios, sc)
		}
	}
	run(t, clients, scenarios)
	// Nothing the roles tried changed swt's report.
	if got, err := x.ts.st.ReportByID(ctx, submitted.ID); err != nil || got.State != "submitted" || got.Rev != submitted.Rev {
		t.Errorf("swt's report after the attempts: %+v %v", got.Report, err)
	}
}

// TestCSRFEveryChange: every POST page and every API call but a GET,
// sent by a signed-in office user without the CSRF token, is refused
// with 403 and changes nothing. The routes come from the route tables.
func TestCSRFEveryChange(t *testing.T) {
	ts, f := setup(t, config.Config{})
	office := login(t, ts.URL, "admin", adminPassword)
	ids := strings.NewReplacer("{id}", fmt.Sprint(f.demoPlan), "{name}", "0123456789abcdef0123456789abcdef.txt")
	n := 0
	for _, pattern := range routePatterns() {
		method, path, ok := strings.Cut(pattern, " ")
		if !ok || method == "GET" || (method != "POST" && !strings.HasPrefix(path, "/api/")) {
			continue
		}
		n++
		path = ids.Replace(path)
		t.Run(pattern, func(t *testing.T) {
			var resp *http.Response
			var body string
			if strings.HasPrefix(path, "/api/") {
				resp, body = office.do(method, path, nil, `{}`)
			} else {
				resp, body = office.do(method, path, url.Values{"confirm": {"yes"}}, "")
			}
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s %s without a CSRF token: %d, want 403\n%.300s", method, path, resp.StatusCode, body)
			}
		})
	}
	if n < 40 {
		t.Errorf("only %d changing routes found in the route tables", n)
	}
	// The refused requests changed nothing: the plan and the session stand.
	if _, err := ts.st.PlanByID(context.Background(), f.demoPlan); err != nil {
		t.Errorf("demo plan after the refused requests: %v", err)
	}
	if resp, _ := office.do("GET", "/api/v1/me", nil, ""); resp.StatusCode != http.StatusOK {
		t.Errorf("office session after the refused requests: %d", resp.StatusCode)
	}
}
