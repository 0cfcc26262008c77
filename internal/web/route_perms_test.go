package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"testing"

	"luoshi/internal/config"
	"luoshi/internal/demo"
	"luoshi/internal/store"
	"luoshi/internal/web"
)

// The route table: every page and API route, tried by every role on
// objects of 省商务厅 (swt): its tasks, reports, unit, notices,
// evidence; by the public, by swt's own reporter, by a reporter of
// another unit (省发展改革委, fgw, assigned to none of those tasks), by a
// viewer and by the office. Routes on a plan's objects are tried again
// on a draft's, and the public's on a plan published but not public.
// Bodies are valid, so that a missing check would let the change
// through; the office's changes are done, on objects kept for them.

// routeRoles are the columns of a route row.
var routeRoles = [5]string{"public", "reporter", "other", "viewer", "office"}

// routeRow is one request tried by every role, with the status each must
// get (0: not tried in this row). show is what only the roles in sees
// may find in the answer; the others' answers must lack it.
type routeRow struct {
	method, path string
	form         url.Values        // a form (with its CSRF token)
	json         string            // a JSON body (with the token in X-CSRF-Token)
	files        map[string]string // evidence, with form as multipart
	want         [5]int
	show         string
	sees         [5]bool
	// draft: the object is in a plan not published (for the public: not
	// public either), so that only the office may reach it.
	draft bool
	// session > 0 runs the row in sessions of its own, as it ends them.
	session int
}

// permFixture names the objects of the route table. Its fields are
// exported, so that the coverage check fills them with placeholders.
type permFixture struct {
	// Plans: the demonstration plan (published, public), one published
	// but not public, drafts, and drafts kept for the office to
	// publish, discard, correct.
	DemoPlan, PrivPlan, DraftPlan, SharedPlan, CollPlan int64
	PublishPage, PublishAPI, DiscardPage, DiscardAPI    int64
	DemoTitle, PrivTitle, DraftTitle, SharedTitle       string
	DraftRev, PrivRev, PrivCalRev, SharedCalRev         int
	// Tasks of 省商务厅 in the demo plan, by label, and their texts.
	Task2, Task7, Task8, Task9, Task16 int64
	Task2Text, Task7Text               string
	PrivTask                           int64
	// Tasks of the draft: 21 (fgw leads), 22 and 23 (swt leads).
	Draft21, Draft22, Draft23               int64
	Draft21Version, Draft23Version          int
	Draft22Text                             string
	TaskUnit62, TaskUnit65, TaskUnit66      int64 // 21's second unit, 23's unmapped ones
	Target21, Target22, Target23, DraftGoal int64
	// Tasks of the collective plan to delete.
	Coll1, Coll3               int64
	Coll1Version, Coll3Version int
	SwtUnit, FgwUnit, GxtUnit  int64
	// Reports of 省商务厅: A (task 2), B (task 8), C (task 16) of 2026-Q3
	// submitted, A with evidence; the returned one of task 7 of 2026-Q3;
	// the draft of task 7 of 2026-Q4, with evidence.
	ReportA, ReportB, ReportC, Returned, Draft7 int64
	RevA, RevB, RevC, ReturnedRev, Draft7Rev    int
	SecretA, DraftSecret                        string
	EvidenceA, EvidenceDraft                    string
	// Notices to swt's reporter, with their messages.
	Notice1, Notice2       int64
	Notice1Msg, Notice2Msg string
	// Series: task 9's, also named by a target of the shared draft;
	// task 2's and task 16's for the office's changes; a draft's own.
	SharedSeries, SeriesA, SeriesB, DraftSeries int64
	ThRev                                       int
}

const (
	ok, created, noContent         = 200, 201, 204
	see, bad, unauth, forbid, none = 303, 400, 401, 403, 404
	conflict                       = 409
)

// everyone: all columns the same.
func everyone(status int) [5]int { return [5]int{status, status, status, status, status} }

// signIn is the public's answer on a route for the signed-in: sent to
// the sign-in page (303) on a page, told to sign in (401) by the API.
const signIn = -1

// officeOnly is the column of a route of the office's: the public sent
// to sign in, everyone else refused.
func officeOnly(office int) [5]int { return [5]int{signIn, forbid, forbid, forbid, office} }

// signedIn is the column of a route for the signed-in.
func signedIn(reporter, other, viewer, office int) [5]int {
	return [5]int{signIn, reporter, other, viewer, office}
}

// status is what role i must get.
func (r routeRow) status(i int) int {
	switch {
	case r.want[i] != signIn:
		return r.want[i]
	case strings.HasPrefix(r.path, "/api/"):
		return unauth
	}
	return see
}

var (
	onlyOffice   = [5]bool{false, false, false, false, true}
	onlyReporter = [5]bool{false, true, false, false, false}
	signedInAll  = [5]bool{false, true, true, true, true}
	unitReaders  = [5]bool{false, true, false, true, true} // its unit, viewers, the office
)

func routeRows(x permFixture) []routeRow {
	p := fmt.Sprintf
	v := func(kv ...string) url.Values {
		out := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			out.Add(kv[i], kv[i+1])
		}
		return out
	}
	target := v("indicator", "家政服务网点", "value", "1200", "unit", "个", "comparator", ">=", "year", "2026")
	targetJSON := `{"indicator":"家政服务网点","value":1200,"unit":"个","comparator":">=","year":2026}`
	q4 := func(rev int, done string) string {
		return p(`{"period":"2026-Q4","rev":%d,"content":{"status":"on_track","progress":30,"confidence":"on_track","done":%q}}`, rev, done)
	}
	draftReport := p("/api/v1/tasks/%d/report", x.Draft22)
	return []routeRow{
		// Pages anyone reads: the public reads public plans only.
		{method: "GET", path: "/", want: everyone(ok), show: x.PrivTitle, sees: signedInAll},
		{method: "GET", path: "/", want: everyone(ok), show: x.DraftTitle, sees: onlyOffice},
		{method: "GET", path: "/login", want: [5]int{ok, see, see, see, see}},
		{method: "POST", path: "/login", form: v("username", "nobody", "password", "wrong"), want: everyone(unauth)},
		{method: "POST", path: "/locale", form: v("lang", "zh-CN", "next", "/"), want: everyone(see)},
		{method: "GET", path: "/favicon.ico", want: everyone(ok)},
		{method: "GET", path: "/no-such-page", want: everyone(none)},
		{method: "GET", path: p("/plans/%d", x.DemoPlan), want: everyone(ok)},
		{method: "GET", path: p("/plans/%d", x.PrivPlan), want: [5]int{none, ok, ok, ok, ok}, show: x.PrivTitle, sees: signedInAll, draft: true},
		{method: "GET", path: p("/plans/%d", x.DraftPlan), want: [5]int{none, none, none, none, ok}, show: x.DraftTitle, sees: onlyOffice, draft: true},
		{method: "GET", path: p("/tasks/%d", x.Task2), want: everyone(ok), show: p(`data-report="%d"`, x.ReportA), sees: unitReaders},
		{method: "GET", path: p("/tasks/%d", x.PrivTask), want: [5]int{none, ok, ok, ok, ok}, draft: true},
		{method: "GET", path: p("/tasks/%d", x.Draft22), want: [5]int{none, none, none, none, ok}, show: x.Draft22Text, sees: onlyOffice, draft: true},

		// The office's work on plans.
		{method: "GET", path: "/import", want: officeOnly(ok)},
		{method: "POST", path: "/import", form: v("text", "西川省2026年会展服务工作要点\n一、重点任务\n1.培育会展品牌。（省商务厅负责）\n"), want: officeOnly(see)},
		{method: "GET", path: p("/plans/%d/review", x.DraftPlan), want: officeOnly(ok)},
		{method: "GET", path: p("/plans/%d/publish", x.DraftPlan), want: officeOnly(ok)},
		{method: "POST", path: p("/plans/%d/publish", x.PublishPage), form: v("confirm", "yes"), want: officeOnly(see)},
		{method: "POST", path: p("/plans/%d/public", x.PrivPlan), form: v("public", "false"), want: officeOnly(see)},
		{method: "GET", path: p("/plans/%d/discard", x.DraftPlan), want: officeOnly(ok)},
		{method: "POST", path: p("/plans/%d/delete", x.DiscardPage), form: v("confirm", "yes"), want: officeOnly(see)},
		{method: "POST", path: p("/plans/%d/map", x.CollPlan), form: v("name", "省民政厅", "new_name", "省民政厅", "region", "西川省"), want: officeOnly(see)},
		{method: "POST", path: p("/plans/%d/meta", x.DraftPlan), form: v("rev", p("%d", x.DraftRev), "title", x.DraftTitle, "region", "西岭省", "year", "2026"), want: officeOnly(see)},
		{method: "POST", path: p("/plans/%d/collectives", x.CollPlan), form: v("name", "各市人民政府", "action", "as_is"), want: officeOnly(see)},
		{method: "POST", path: p("/plans/%d/tasks", x.DraftPlan), form: v("label", "4", "text", "发展会展经济。"), want: officeOnly(see)},
		{method: "POST", path: p("/plans/%d/targets", x.DraftPlan), form: target, want: officeOnly(see)},
		{method: "POST", path: p("/tasks/%d", x.Draft21), form: v("version", p("%d", x.Draft21Version), "text", "建设物流枢纽。", "status", "on_track"), want: officeOnly(see)},
		{method: "POST", path: p("/tasks/%d/units", x.Draft21), form: v("unit", p("%d", x.GxtUnit), "role", "cooperating"), want: officeOnly(see)},
		{method: "POST", path: p("/task-units/%d", x.TaskUnit65), form: v("task", p("%d", x.Draft23), "unit", p("%d", x.FgwUnit), "role", "cooperating"), want: officeOnly(see)},
		{method: "POST", path: p("/task-units/%d/delete", x.TaskUnit66), form: v("task", p("%d", x.Draft23)), want: officeOnly(see)},
		{method: "POST", path: p("/tasks/%d/delete", x.Coll1), form: v("version", p("%d", x.Coll1Version), "confirm", "yes"), want: officeOnly(see)},
		{method: "POST", path: p("/tasks/%d/targets", x.Draft22), form: target, want: officeOnly(see)},
		{method: "POST", path: p("/targets/%d", x.Target22), form: v("task", p("%d", x.Draft22), "indicator", "冷链流通率", "value", "45", "unit", "%", "comparator", ">="), want: officeOnly(see)},
		{method: "POST", path: p("/targets/%d/delete", x.Target23), form: v("task", p("%d", x.Draft23)), want: officeOnly(see)},
		{method: "POST", path: p("/tasks/%d/frequency", x.Draft22), form: v("frequency", "monthly"), want: officeOnly(see)},
		{method: "GET", path: p("/plans/%d/calendar", x.DemoPlan), want: signedIn(ok, ok, ok, ok)},
		{method: "GET", path: p("/plans/%d/calendar", x.DraftPlan), want: signedIn(none, none, none, ok), draft: true},
		{method: "POST", path: p("/plans/%d/calendar", x.PrivPlan), form: v("frequency", "quarterly", "due_after", "10", "rev", p("%d", x.PrivCalRev)), want: officeOnly(see)},

		// Units and accounts: a reporter sees its own unit only.
		{method: "GET", path: "/units", want: signedIn(see, see, ok, ok)},
		{method: "POST", path: "/units", form: v("name", "省会展办"), want: officeOnly(see)},
		{method: "GET", path: p("/units/%d", x.SwtUnit), want: signedIn(ok, forbid, ok, ok), show: x.Task7Text, sees: unitReaders},
		{method: "GET", path: p("/units/%d?plan=%d", x.SwtUnit, x.DraftPlan), want: signedIn(ok, forbid, ok, ok), show: x.Draft22Text, sees: onlyOffice, draft: true},
		{method: "GET", path: p("/units/%d/monitor?plan=%d", x.SwtUnit, x.DemoPlan), want: signedIn(ok, forbid, ok, ok), show: x.Task7Text, sees: unitReaders},
		{method: "GET", path: p("/units/%d/monitor?plan=%d", x.SwtUnit, x.DraftPlan), want: signedIn(none, forbid, none, none), draft: true},
		{method: "GET", path: "/users", want: officeOnly(ok)},
		{method: "POST", path: "/users", form: v("username", "perm-page", "role", "viewer"), want: officeOnly(created)},

		// Reports: a draft is its unit's own; a submitted report its
		// unit's, the viewers' and the office's.
		{method: "GET", path: "/reports", want: signedIn(ok, ok, ok, ok), show: x.Task2Text, sees: unitReaders},
		{method: "GET", path: p("/reports/%d", x.ReportA), want: signedIn(ok, none, ok, ok), show: x.EvidenceA, sees: unitReaders},
		{method: "GET", path: p("/reports/%d", x.Draft7), want: signedIn(ok, none, none, none), show: x.DraftSecret, sees: onlyReporter},
		{method: "POST", path: p("/reports/%d/decide", x.ReportA), form: v("action", "accept", "rev", p("%d", x.RevA)), want: officeOnly(see)},
		{method: "GET", path: p("/tasks/%d/report?period=2026-Q4", x.Task7), want: signedIn(ok, ok, ok, ok), show: x.DraftSecret, sees: onlyReporter},
		{method: "GET", path: p("/tasks/%d/report?period=2026-Q3", x.Task2), want: signedIn(ok, ok, ok, ok), show: x.SecretA, sees: unitReaders},
		{method: "GET", path: p("/tasks/%d/report", x.Draft22), want: signedIn(none, none, none, none), draft: true},
		{method: "POST", path: p("/tasks/%d/report", x.Task8), form: v("period", "2026-Q4", "action", "save", "rev", "1", "status", "on_track", "done", "页面草稿"), want: signedIn(see, forbid, forbid, forbid)},
		{method: "POST", path: p("/tasks/%d/report", x.Draft22), form: v("period", "2026-Q4", "action", "save", "rev", "1", "status", "on_track"), want: signedIn(none, none, none, none), draft: true},
		{method: "GET", path: "/evidence/" + x.EvidenceA, want: signedIn(ok, none, ok, ok)},
		{method: "GET", path: "/evidence/" + x.EvidenceDraft, want: signedIn(ok, none, none, none)},

		// Supervision, the inbox, monitoring.
		{method: "GET", path: "/supervise", want: officeOnly(ok)},
		{method: "POST", path: "/remind", form: v("one", p("%d:%d:2026-Q4", x.Task8, x.SwtUnit), "message", "请尽快报送"), want: officeOnly(see)},
		{method: "GET", path: "/inbox", want: signedIn(ok, ok, ok, ok), show: x.Notice1Msg, sees: onlyReporter},
		{method: "POST", path: "/remind", form: v("one", p("%d:%d:2026-Q4", x.Draft22, x.SwtUnit)), want: officeOnly(conflict), draft: true},
		{method: "POST", path: "/api/v1/reminders", json: p(`{"items":[{"task_id":%d,"unit_id":%d,"period":"2026-Q4"}]}`, x.Draft22, x.SwtUnit),
			want: officeOnly(conflict), show: `"code":"remind.unpublished"`, sees: onlyOffice, draft: true},
		// A draft's task is no notice's: the reporter never hears of it.
		{method: "GET", path: "/api/v1/inbox", want: [5]int{0, ok, 0, 0, 0}, show: x.DraftTitle},
		{method: "GET", path: p("/inbox/%d", x.Notice1), want: signedIn(see, none, none, none)},
		// Marking another's notice read marks nothing.
		{method: "POST", path: "/inbox/read", form: v("id", p("%d", x.Notice2)), want: [5]int{see, 0, see, see, see}},
		{method: "POST", path: "/api/v1/inbox/read", json: p(`{"ids":[%d]}`, x.Notice2), want: [5]int{unauth, 0, ok, ok, ok}},
		{method: "GET", path: "/api/v1/inbox?unread=true", want: [5]int{0, ok, 0, 0, 0}, show: x.Notice2Msg, sees: onlyReporter},
		{method: "POST", path: "/inbox/read", form: v("id", p("%d", x.Notice2)), want: [5]int{0, see, 0, 0, 0}},
		{method: "GET", path: "/api/v1/inbox?unread=true", want: [5]int{0, ok, 0, 0, 0}, show: x.Notice2Msg},
		{method: "POST", path: "/inbox/email", form: v("email", "someone@example.cn"), want: signedIn(see, see, see, see)},
		{method: "GET", path: "/dashboard", want: signedIn(see, see, ok, ok)},
		{method: "GET", path: p("/dashboard?plan=%d", x.DraftPlan), want: signedIn(see, see, none, none)},
		{method: "POST", path: "/thresholds", form: v("grace", "30", "red_missing", "2", "late_days", "15", "rev", p("%d", x.ThRev)), want: officeOnly(see)},
		{method: "GET", path: p("/indicators/%d", x.SharedSeries), want: signedIn(ok, ok, ok, ok), show: x.SharedTitle, sees: onlyOffice},
		{method: "GET", path: p("/indicators/%d", x.DraftSeries), want: signedIn(none, none, none, none), draft: true},
		{method: "GET", path: p("/indicators/%d/chart.svg", x.SharedSeries), want: signedIn(ok, ok, ok, ok)},
		{method: "GET", path: p("/indicators/%d/chart.svg", x.DraftSeries), want: signedIn(none, none, none, none), draft: true},
		{method: "POST", path: p("/indicators/%d/trajectory", x.SeriesA), form: v("comparator", ">=", "baseline_date", "2025-12-31", "baseline_value", "40",
			"target_date", "2026-12-31", "target_value", "45", "generate", "quarter", "rev", "0"), want: officeOnly(see)},
		{method: "POST", path: p("/indicators/%d/values", x.SeriesA), form: v("as_of", "2026-10-31", "value", "41"), want: officeOnly(see)},

		// The API: the same rules.
		{method: "GET", path: "/api/openapi.json", want: everyone(ok)},
		{method: "POST", path: "/api/v1/session", json: `{"username":"nobody-api","password":"wrong"}`, want: everyone(unauth)},
		{method: "GET", path: "/api/v1/me", want: signedIn(ok, ok, ok, ok)},
		{method: "GET", path: "/api/v1/plans", want: everyone(ok), show: x.PrivTitle, sees: signedInAll},
		{method: "GET", path: "/api/v1/plans", want: everyone(ok), show: x.DraftTitle, sees: onlyOffice},
		{method: "POST", path: "/api/v1/plans", json: `{"file_name":"hz.txt","text":"西川省2026年会展服务工作要点（二）\n一、重点任务\n1.办好会展节。（省商务厅负责）\n"}`, want: officeOnly(created)},
		{method: "GET", path: p("/api/v1/plans/%d", x.DemoPlan), want: everyone(ok)},
		{method: "GET", path: p("/api/v1/plans/%d", x.PrivPlan), want: [5]int{none, ok, ok, ok, ok}, show: x.PrivTitle, sees: signedInAll, draft: true},
		{method: "GET", path: p("/api/v1/plans/%d", x.DraftPlan), want: [5]int{none, none, none, none, ok}, show: x.DraftTitle, sees: onlyOffice, draft: true},
		{method: "GET", path: p("/api/v1/plans/%d/tasks", x.DemoPlan), want: everyone(ok)},
		{method: "GET", path: p("/api/v1/plans/%d/tasks", x.PrivPlan), want: [5]int{none, ok, ok, ok, ok}, draft: true},
		{method: "GET", path: p("/api/v1/plans/%d/tasks", x.DraftPlan), want: [5]int{none, none, none, none, ok}, show: x.Draft22Text, sees: onlyOffice, draft: true},
		{method: "DELETE", path: p("/api/v1/plans/%d?confirm=true", x.DiscardAPI), want: officeOnly(ok)},
		{method: "POST", path: p("/api/v1/plans/%d/publish", x.PublishAPI), json: `{"confirm":true}`, want: officeOnly(ok)},
		{method: "PUT", path: p("/api/v1/plans/%d/public", x.PrivPlan), json: `{"public":false}`, want: officeOnly(ok)},
		{method: "POST", path: p("/api/v1/plans/%d/mappings", x.CollPlan), json: `{"name":"省人力资源社会保障厅","new_unit_name":"省人力资源社会保障厅","region":"西川省"}`, want: officeOnly(ok)},
		{method: "PATCH", path: p("/api/v1/plans/%d", x.PrivPlan), json: p(`{"rev":%d,"issuer":"东川省商务厅"}`, x.PrivRev), want: officeOnly(ok)},
		{method: "GET", path: p("/api/v1/plans/%d/readiness", x.DraftPlan), want: officeOnly(ok)},
		{method: "POST", path: p("/api/v1/plans/%d/collectives", x.CollPlan), json: `{"name":"省直有关部门","as_is":true}`, want: officeOnly(ok)},
		{method: "POST", path: p("/api/v1/plans/%d/tasks", x.DraftPlan), json: `{"label":"5","text":"发展会奖旅游。"}`, want: officeOnly(created)},
		{method: "POST", path: p("/api/v1/plans/%d/targets", x.DraftPlan), json: targetJSON, want: officeOnly(created)},
		{method: "DELETE", path: p("/api/v1/tasks/%d?version=%d", x.Coll3, x.Coll3Version), want: officeOnly(noContent)},
		{method: "POST", path: p("/api/v1/tasks/%d/targets", x.Draft21), json: targetJSON, want: officeOnly(created)},
		{method: "DELETE", path: p("/api/v1/targets/%d", x.DraftGoal), want: officeOnly(noContent)},
		{method: "GET", path: p("/api/v1/tasks/%d", x.Task2), want: everyone(ok), show: `"action":"report_submit"`, sees: unitReaders},
		{method: "GET", path: p("/api/v1/tasks/%d", x.PrivTask), want: [5]int{none, ok, ok, ok, ok}, draft: true},
		{method: "GET", path: p("/api/v1/tasks/%d", x.Draft22), want: [5]int{none, none, none, none, ok}, show: x.Draft22Text, sees: onlyOffice, draft: true},
		{method: "PATCH", path: p("/api/v1/tasks/%d", x.Draft23), json: p(`{"version":%d,"status":"on_track"}`, x.Draft23Version), want: officeOnly(ok)},
		{method: "PUT", path: p("/api/v1/task-units/%d", x.TaskUnit62), json: p(`{"unit_id":%d,"role":"cooperating"}`, x.GxtUnit), want: officeOnly(noContent)},
		{method: "PUT", path: p("/api/v1/targets/%d", x.Target21), json: `{"indicator":"国家物流枢纽","value":3,"unit":"个","comparator":">="}`, want: officeOnly(noContent)},
		{method: "PUT", path: p("/api/v1/tasks/%d/frequency", x.PrivTask), json: `{"frequency":"monthly"}`, want: officeOnly(ok)},
		{method: "GET", path: p("/api/v1/plans/%d/calendar", x.DemoPlan), want: signedIn(ok, ok, ok, ok)},
		{method: "GET", path: p("/api/v1/plans/%d/calendar", x.DraftPlan), want: signedIn(none, none, none, ok), draft: true},
		{method: "PUT", path: p("/api/v1/plans/%d/calendar", x.SharedPlan), json: p(`{"frequency":"quarterly","due_after":10,"rev":%d}`, x.SharedCalRev), want: officeOnly(ok)},
		{method: "GET", path: "/api/v1/units", want: signedIn(ok, ok, ok, ok), show: `"name":"省商务厅"`, sees: unitReaders},
		{method: "POST", path: "/api/v1/units", json: `{"name":"省会展协会"}`, want: officeOnly(created)},
		{method: "GET", path: p("/api/v1/units/%d/tasks", x.SwtUnit), want: signedIn(ok, forbid, ok, ok), show: x.Task7Text, sees: unitReaders},
		{method: "GET", path: p("/api/v1/units/%d/tasks?plan=%d", x.SwtUnit, x.DraftPlan), want: signedIn(ok, forbid, ok, ok), show: x.Draft22Text, sees: onlyOffice, draft: true},
		{method: "GET", path: "/api/v1/users", want: officeOnly(ok)},
		{method: "POST", path: "/api/v1/users", json: `{"username":"perm-api","role":"viewer"}`, want: officeOnly(created)},
		{method: "GET", path: "/api/v1/reports", want: signedIn(ok, ok, forbid, forbid), show: p(`"id":%d,`, x.ReportA), sees: onlyReporter},
		{method: "GET", path: p("/api/v1/reports/received?unit=%d", x.SwtUnit), want: signedIn(ok, ok, ok, ok), show: p(`"id":%d,`, x.ReportA), sees: unitReaders},
		{method: "GET", path: p("/api/v1/reports/%d", x.ReportA), want: signedIn(ok, none, ok, ok), show: x.EvidenceA, sees: unitReaders},
		{method: "GET", path: p("/api/v1/reports/%d", x.Draft7), want: signedIn(ok, none, none, none), show: x.DraftSecret, sees: onlyReporter},
		{method: "GET", path: p("/api/v1/tasks/%d/reports", x.Task2), want: signedIn(ok, ok, ok, ok), show: p(`"id":%d,`, x.ReportA), sees: unitReaders},
		{method: "GET", path: p("/api/v1/tasks/%d/reports", x.Draft22), want: signedIn(none, none, none, ok), draft: true},
		{method: "GET", path: p("/api/v1/tasks/%d/report?period=2026-Q4", x.Task7), want: signedIn(ok, ok, ok, ok), show: x.DraftSecret, sees: onlyReporter},
		{method: "GET", path: p("/api/v1/tasks/%d/report?period=2026-Q3", x.Task2), want: signedIn(ok, ok, ok, ok), show: x.SecretA, sees: unitReaders},
		{method: "GET", path: draftReport, want: signedIn(none, none, none, none), draft: true},
		{method: "PUT", path: p("/api/v1/tasks/%d/report", x.Task2), json: q4(1, "接口草稿"), want: signedIn(ok, forbid, forbid, forbid)},
		{method: "PUT", path: draftReport, json: q4(1, "草稿规划"), want: signedIn(none, none, none, none), draft: true},
		{method: "POST", path: p("/api/v1/tasks/%d/report/submit", x.Task16), json: q4(1, "接口报送"), want: signedIn(ok, forbid, forbid, forbid)},
		{method: "POST", path: draftReport + "/submit", json: q4(1, "草稿规划"), want: signedIn(none, none, none, none), draft: true},
		{method: "POST", path: p("/api/v1/tasks/%d/report/revise", x.Task7), json: p(`{"period":"2026-Q3","rev":%d}`, x.ReturnedRev), want: signedIn(created, forbid, forbid, forbid)},
		{method: "POST", path: draftReport + "/revise", json: `{"period":"2026-Q3","rev":1}`, want: signedIn(none, none, none, none), draft: true},
		{method: "POST", path: p("/api/v1/tasks/%d/report/no-progress", x.Task9), json: `{"period":"2026-Q4","rev":1}`, want: signedIn(ok, forbid, forbid, forbid)},
		{method: "POST", path: draftReport + "/no-progress", json: `{"period":"2026-Q4","rev":1}`, want: signedIn(none, none, none, none), draft: true},
		{method: "POST", path: p("/api/v1/tasks/%d/report/evidence", x.Task7), form: v("period", "2026-Q4", "rev", p("%d", x.Draft7Rev)), files: map[string]string{"more.txt": "补充材料"},
			want: signedIn(ok, forbid, forbid, forbid)},
		{method: "POST", path: draftReport + "/evidence", form: v("period", "2026-Q4", "rev", "1"), files: map[string]string{"x.txt": "草稿规划"},
			want: signedIn(none, none, none, none), draft: true},
		{method: "GET", path: "/api/v1/reviews", want: officeOnly(ok), show: p(`"id":%d,`, x.ReportB), sees: onlyOffice},
		{method: "POST", path: p("/api/v1/reports/%d/accept", x.ReportB), json: p(`{"rev":%d}`, x.RevB), want: officeOnly(ok)},
		{method: "POST", path: p("/api/v1/reports/%d/return", x.ReportC), json: p(`{"rev":%d,"comment":"请补充佐证材料"}`, x.RevC), want: officeOnly(ok)},
		{method: "GET", path: "/api/v1/reminders", want: officeOnly(ok)},
		{method: "POST", path: "/api/v1/reminders", json: p(`{"message":"请报送","items":[{"task_id":%d,"unit_id":%d,"period":"2026-Q4"}]}`, x.Task2, x.SwtUnit), want: officeOnly(created)},
		{method: "GET", path: p("/api/v1/plans/%d/missing", x.DemoPlan), want: officeOnly(ok)},
		{method: "GET", path: p("/api/v1/plans/%d/lights?unit=%d", x.DemoPlan, x.SwtUnit), want: signedIn(ok, ok, ok, ok), show: x.Task7Text, sees: unitReaders},
		{method: "GET", path: p("/api/v1/plans/%d/lights", x.DraftPlan), want: signedIn(none, none, none, none), draft: true},
		{method: "GET", path: p("/api/v1/indicators/%d", x.SharedSeries), want: signedIn(ok, ok, ok, ok), show: x.SharedTitle, sees: onlyOffice},
		{method: "GET", path: p("/api/v1/indicators/%d", x.DraftSeries), want: signedIn(none, none, none, none), draft: true},
		{method: "POST", path: p("/api/v1/indicators/%d/values", x.SeriesB), json: `{"as_of":"2026-10-31","value":12}`, want: officeOnly(created)},
		{method: "PUT", path: p("/api/v1/indicators/%d/trajectory", x.SeriesB), json: `{"rev":0,"comparator":">=","baseline":{"date":"2025-12-31","value":5},"target":{"date":"2026-12-31","value":10},"generate":"year"}`,
			want: officeOnly(ok)},
		{method: "GET", path: "/api/v1/inbox", want: signedIn(ok, ok, ok, ok), show: x.Notice1Msg, sees: onlyReporter},
		{method: "POST", path: "/api/v1/inbox/read", json: `{"all":true}`, want: signedIn(ok, ok, ok, ok)},

		// Last, in sessions of their own, as they end them.
		{method: "POST", path: "/logout", form: v(), want: everyone(see), session: 1},
		{method: "DELETE", path: "/api/v1/session", want: signedIn(noContent, noContent, noContent, noContent), session: 2},
	}
}

// scenarios expands the rows into the scenarios run plays.
func (r routeRow) scenarios() []scenario {
	var out []scenario
	for i, role := range routeRoles {
		if r.want[i] == 0 {
			continue
		}
		sc := scenario{name: r.method + " " + r.path + " as " + role, role: role, method: r.method, path: r.path, status: r.status(i),
			form: r.form, json: r.json, files: r.files}
		if r.session > 0 {
			sc.role = fmt.Sprintf("%s#%d", role, r.session)
		}
		if sc.form == nil && sc.files == nil && sc.json == "" && r.method != "GET" {
			if strings.HasPrefix(r.path, "/api/") {
				sc.json = "{}"
			} else {
				sc.form = url.Values{}
			}
		}
		if r.show != "" {
			if r.sees[i] {
				if r.status(i) < 300 {
					sc.contains = []string{r.show}
				}
			} else {
				sc.lacks = []string{r.show}
			}
		}
		out = append(out, sc)
	}
	return out
}

// TestRoutePermissions plays the route table on every engine.
func TestRoutePermissions(t *testing.T) {
	eachEngine(t, func(t *testing.T, open func(testing.TB) *store.Store) {
		ts, x := permSetup(t, open)
		rows := routeRows(x)
		clients := map[string]*client{
			"public":   newClient(t, ts.URL),
			"reporter": login(t, ts.URL, "swt", demoPassword),
			"other":    login(t, ts.URL, "fgw", demoPassword),
			"viewer":   login(t, ts.URL, demo.Viewer, demoPassword),
			"office":   login(t, ts.URL, "admin", adminPassword),
		}
		for _, r := range rows {
			if r.session == 0 {
				continue
			}
			for _, role := range routeRoles {
				name := fmt.Sprintf("%s#%d", role, r.session)
				switch role {
				case "public":
					clients[name] = newClient(t, ts.URL)
				default:
					clients[name] = login(t, ts.URL, map[string]string{"reporter": "swt", "other": "fgw", "viewer": demo.Viewer, "office": "admin"}[role],
						map[bool]string{true: adminPassword, false: demoPassword}[role == "office"])
				}
			}
		}
		var scenarios []scenario
		for _, r := range rows {
			scenarios = append(scenarios, r.scenarios()...)
		}
		run(t, clients, scenarios)
	})
}

// allRoutes maps every pattern the server registers to its permission.
func allRoutes() map[string]string {
	out := web.PageRoutes()
	for p, perm := range web.APIRoutes() {
		out[p] = perm
	}
	return out
}

// routeMux matches requests to patterns as the server does.
func routeMux(routes map[string]string) *http.ServeMux {
	mux := http.NewServeMux()
	for p := range routes {
		mux.Handle(p, http.NotFoundHandler())
	}
	return mux
}

func patternOf(t *testing.T, mux *http.ServeMux, method, path string) string {
	req, err := http.NewRequest(method, "http://luoshi.test"+path, nil)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	_, pattern := mux.Handler(req)
	return pattern
}

// placeholders fills every field of a fixture: ids 1, texts "x".
func placeholders() permFixture {
	var x permFixture
	rv := reflect.ValueOf(&x).Elem()
	for i := 0; i < rv.NumField(); i++ {
		switch f := rv.Field(i); f.Kind() {
		case reflect.Int, reflect.Int64:
			f.SetInt(1)
		case reflect.String:
			f.SetString("x")
		default:
			panic("permFixture field of kind " + f.Kind().String())
		}
	}
	return x
}

// planBound tells a pattern whose object lies in a plan, whose draft
// the table must try.
func planBound(pattern string) bool {
	for _, obj := range []string{"/plans/{id}", "/tasks/{id}", "/indicators/{id}"} {
		if strings.Contains(pattern, obj) {
			return true
		}
	}
	return false
}

// TestRouteTableCoversEveryRoute fails on a route of routes.go or
// api.go that the route table does not try as every role, on a route
// on a plan's objects not tried on a draft's, and on a row that lets a
// role past a route's declared permission.
func TestRouteTableCoversEveryRoute(t *testing.T) {
	routes := allRoutes()
	mux := routeMux(routes)
	tried := map[string]*[5]bool{}
	drafts := map[string]bool{}
	for _, r := range routeRows(placeholders()) {
		pattern := patternOf(t, mux, r.method, r.path)
		perm, known := routes[pattern]
		if !known {
			t.Errorf("%s %s matches no route", r.method, r.path)
			continue
		}
		if tried[pattern] == nil {
			tried[pattern] = &[5]bool{}
		}
		api := strings.HasPrefix(r.path, "/api/")
		for i := range r.want {
			if r.want[i] == 0 {
				continue
			}
			status := r.status(i)
			tried[pattern][i] = true
			role := routeRoles[i]
			switch {
			case perm == "anyone":
			case role == "public" && !api && status != see, role == "public" && api && status != unauth:
				t.Errorf("%s %s: the public gets %d on a route for %s", r.method, r.path, status, perm)
			case perm == "office" && role != "public" && role != "office" && status != forbid:
				t.Errorf("%s %s: %s gets %d on a route of the office", r.method, r.path, role, status)
			}
		}
		if r.draft {
			drafts[pattern] = true
		}
	}
	patterns := make([]string, 0, len(routes))
	for p := range routes {
		patterns = append(patterns, p)
	}
	sort.Strings(patterns)
	for _, p := range patterns {
		got := tried[p]
		if got == nil {
			t.Errorf("no row of the route table tries %q", p)
			continue
		}
		for i, role := range routeRoles {
			if !got[i] {
				t.Errorf("%q is not tried as %s", p, role)
			}
		}
		if planBound(p) && routes[p] != "office" && !drafts[p] {
			t.Errorf("%q is not tried on a draft's object", p)
		}
	}
}

// TestRouteTableCheckSeesAMissingRoute makes sure the check above would
// see a route the table does not try: the table less its rows of one
// route leaves that route untried.
func TestRouteTableCheckSeesAMissingRoute(t *testing.T) {
	routes := allRoutes()
	mux := routeMux(routes)
	rows := routeRows(placeholders())
	drop := patternOf(t, mux, rows[len(rows)-1].method, rows[len(rows)-1].path)
	seen := map[string]bool{}
	for _, r := range rows {
		if p := patternOf(t, mux, r.method, r.path); p != drop {
			seen[p] = true
		}
	}
	if seen[drop] || len(seen) != len(routes)-1 {
		t.Errorf("without %q the table tries %d of %d routes", drop, len(seen), len(routes))
	}
}

// permSetup builds the route table's objects on the demonstration data.
func permSetup(t *testing.T, open func(testing.TB) *store.Store) (*testServer, permFixture) {
	t.Helper()
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	ts, f := setupOn(t, open, cfg)
	ctx := context.Background()
	p := fmt.Sprintf
	x := permFixture{DemoPlan: f.demoPlan, DraftPlan: f.draftPlan, DemoTitle: f.demoTitle, DraftTitle: f.draftTitle,
		SwtUnit: f.ownUnit, FgwUnit: f.otherUnit}
	office := apiLogin(t, ts.URL, "admin", adminPassword)
	swt := apiLogin(t, ts.URL, "swt", demoPassword)
	gxt, err := ts.st.UserByName(ctx, "gxt")
	if err != nil {
		t.Fatal(err)
	}
	x.GxtUnit = gxt.UnitID

	// The demonstration plan's tasks of 省商务厅.
	o, err := ts.st.PlanOutline(ctx, f.demoPlan, store.TaskFilter{})
	if err != nil {
		t.Fatal(err)
	}
	task := map[string]store.Task{}
	for _, tk := range o.Tasks {
		task[tk.Label] = tk
	}
	x.Task2, x.Task7, x.Task8, x.Task9, x.Task16 = task["2"].ID, task["7"].ID, task["8"].ID, task["9"].ID, task["16"].ID
	x.Task2Text, x.Task7Text = task["2"].Text, task["7"].Text
	for _, l := range []string{"2", "7", "8", "9", "16"} {
		if !task[l].Has(x.SwtUnit) || task[l].Has(x.FgwUnit) {
			t.Fatalf("task %s: 省商务厅 not on it, or 省发展改革委 on it: %+v", l, task[l].Units)
		}
	}

	// Plans through the API.
	importPlan := func(name, text string) (int64, []store.Task) {
		t.Helper()
		body, _ := json.Marshal(map[string]string{"file_name": name, "text": text})
		var out struct {
			Plan  store.Plan   `json:"plan"`
			Tasks []store.Task `json:"tasks"`
		}
		apiCall(t, office, "POST", "/api/v1/plans", string(body), http.StatusCreated, &out)
		return out.Plan.ID, out.Tasks
	}
	publish := func(id int64) {
		t.Helper()
		apiCall(t, office, "POST", p("/api/v1/plans/%d/publish", id), `{"confirm":true}`, http.StatusOK, nil)
	}
	x.PrivTitle = "东川省2026年商贸流通工作要点"
	var priv []store.Task
	x.PrivPlan, priv = importPlan("priv.txt", x.PrivTitle+"\n一、重点任务\n1.发展即时零售。年内培育即时零售示范企业10家。（省商务厅负责）\n")
	publish(x.PrivPlan)
	x.PrivTask = priv[0].ID
	x.SharedTitle = "东川省2026年县域商业工作要点"
	x.SharedPlan, _ = importPlan("shared.txt", x.SharedTitle+"\n一、重点任务\n1.完善县域商业体系。建设县级物流配送中心，县域商业网点覆盖率达到90%以上。（省商务厅负责）\n")
	x.PublishPage, _ = importPlan("pub1.txt", "西川省2026年养老服务工作要点\n一、重点任务\n1.发展社区养老。（省商务厅负责）\n")
	x.PublishAPI, _ = importPlan("pub2.txt", "西川省2026年托育服务工作要点\n一、重点任务\n1.发展普惠托育。（省商务厅负责）\n")
	x.DiscardPage, _ = importPlan("dis1.txt", "西川省2026年物业服务工作要点\n一、重点任务\n1.规范物业服务。（省商务厅负责）\n")
	x.DiscardAPI, _ = importPlan("dis2.txt", "西川省2026年家电服务工作要点\n一、重点任务\n1.发展家电维修。（省商务厅负责）\n")
	var coll []store.Task
	x.CollPlan, coll = importPlan("coll.txt", collectivePlan)
	x.Coll1, x.Coll1Version, x.Coll3, x.Coll3Version = coll[0].ID, coll[0].Version, coll[2].ID, coll[2].Version
	for _, id := range []int64{x.PrivPlan, x.DraftPlan} {
		pl, err := ts.st.PlanByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if id == x.PrivPlan {
			x.PrivRev = pl.Rev
		} else {
			x.DraftRev = pl.Rev
		}
	}

	// The shared draft, in the demonstration's region, names task 9's series.
	sp, _ := ts.st.PlanByID(ctx, x.SharedPlan)
	apiCall(t, office, "PATCH", p("/api/v1/plans/%d", x.SharedPlan), p(`{"rev":%d,"region":%q}`, sp.Rev, demo.Region), http.StatusOK, nil)
	demoSeries, err := ts.st.PlanSeries(ctx, f.demoPlan)
	if err != nil {
		t.Fatal(err)
	}
	sharedSeries, err := ts.st.PlanSeries(ctx, x.SharedPlan)
	if err != nil {
		t.Fatal(err)
	}
	x.SharedSeries = demoSeries[task["9"].Targets[0].ID].ID
	x.SeriesA, x.SeriesB = demoSeries[task["2"].Targets[0].ID].ID, demoSeries[task["16"].Targets[0].ID].ID
	shares := false
	for _, sr := range sharedSeries {
		shares = shares || sr.ID == x.SharedSeries
	}
	if !shares {
		t.Fatalf("the shared draft does not name task 9's series %d: %+v", x.SharedSeries, sharedSeries)
	}
	draftSeries, err := ts.st.PlanSeries(ctx, x.DraftPlan)
	if err != nil || len(draftSeries) == 0 {
		t.Fatalf("the draft's series: %v %v", draftSeries, err)
	}
	for _, sr := range draftSeries {
		x.DraftSeries = sr.ID
	}

	// The draft's tasks, units and targets.
	do, _ := ts.st.PlanOutline(ctx, f.draftPlan, store.TaskFilter{})
	if len(do.Tasks) != 3 || len(do.Tasks[0].Units) < 2 || len(do.Tasks[2].Units) != 3 {
		t.Fatalf("the draft's tasks: %+v", do.Tasks)
	}
	d21, d22, d23 := do.Tasks[0], do.Tasks[1], do.Tasks[2]
	if !d22.Has(x.SwtUnit) {
		t.Fatalf("the draft's task 2 is not 省商务厅's: %+v", d22.Units)
	}
	x.Draft21, x.Draft22, x.Draft23 = d21.ID, d22.ID, d23.ID
	x.Draft21Version, x.Draft23Version, x.Draft22Text = d21.Version, d23.Version, d22.Text
	x.TaskUnit62, x.TaskUnit65, x.TaskUnit66 = d21.Units[1].ID, d23.Units[1].ID, d23.Units[2].ID
	x.Target21, x.Target22, x.Target23 = d21.Targets[0].ID, d22.Targets[0].ID, d23.Targets[0].ID
	var goal struct {
		ID int64 `json:"id"`
	}
	apiCall(t, office, "POST", p("/api/v1/plans/%d/targets", x.DraftPlan), `{"indicator":"服务业增加值","value":5,"unit":"%"}`, http.StatusCreated, &goal)
	x.DraftGoal = goal.ID

	// Calendars' revisions.
	for _, c := range []struct {
		plan int64
		rev  *int
	}{{x.PrivPlan, &x.PrivCalRev}, {x.SharedPlan, &x.SharedCalRev}} {
		if cal, err := ts.st.CalendarFor(ctx, c.plan); err == nil {
			*c.rev = cal.Rev
		}
	}
	if _, x.ThRev, err = ts.st.Thresholds(ctx); err != nil {
		t.Fatal(err)
	}

	// 省商务厅's reports: A, B, C of 2026-Q3 submitted, A with evidence.
	submit := func(taskID int64, done string, evidence bool) (id int64, rev int, stored string) {
		t.Helper()
		path := p("/api/v1/tasks/%d/report", taskID)
		var r apiReportResp
		apiCall(t, swt, "PUT", path, p(`{"period":"2026-Q3","rev":1,"content":{"status":"on_track","done":%q}}`, done), http.StatusOK, &r)
		if evidence {
			st, body := uploadEvidence(t, swt, path+"/evidence", map[string]string{"period": "2026-Q3", "rev": p("%d", r.Rev)},
				map[string][]byte{"minutes.txt": []byte("会议纪要")}, true)
			if err := json.Unmarshal([]byte(body), &r); st != http.StatusOK || err != nil || len(r.Content.Evidence) != 1 {
				t.Fatalf("evidence on task %d: %d %s", taskID, st, body)
			}
			stored = r.Content.Evidence[0].StoredName
		}
		apiCall(t, swt, "POST", path+"/submit", p(`{"period":"2026-Q3","rev":%d,"content":{"progress":40,"confidence":"on_track"}}`, r.Rev), http.StatusOK, &r)
		return r.ID, r.Rev, stored
	}
	x.SecretA = "冷链物流三季度进展"
	x.ReportA, x.RevA, x.EvidenceA = submit(x.Task2, x.SecretA, true)
	x.ReportB, x.RevB, _ = submit(x.Task8, "老字号三季度进展", false)
	x.ReportC, x.RevC, _ = submit(x.Task16, "平台经济三季度进展", false)
	// The demonstration's submitted report of task 7, returned.
	r7, err := ts.st.LatestReport(ctx, x.Task7, x.SwtUnit, "2026-Q3")
	if err != nil || r7.State != "submitted" {
		t.Fatalf("task 7's report of 2026-Q3: %+v %v", r7.State, err)
	}
	var ret apiReportResp
	apiCall(t, office, "POST", p("/api/v1/reports/%d/return", r7.ID), p(`{"rev":%d,"comment":"请补充"}`, r7.Rev), http.StatusOK, &ret)
	x.Returned, x.ReturnedRev = ret.ID, ret.Rev
	// A draft of task 7 with evidence.
	x.DraftSecret = "商务厅尚未报送的草稿"
	var d apiReportResp
	apiCall(t, swt, "PUT", p("/api/v1/tasks/%d/report", x.Task7), p(`{"period":"2026-Q4","rev":1,"content":{"status":"on_track","done":%q}}`, x.DraftSecret), http.StatusOK, &d)
	st, body := uploadEvidence(t, swt, p("/api/v1/tasks/%d/report/evidence", x.Task7), map[string]string{"period": "2026-Q4", "rev": p("%d", d.Rev)},
		map[string][]byte{"draft.txt": []byte("草稿材料")}, true)
	if err := json.Unmarshal([]byte(body), &d); st != http.StatusOK || err != nil || len(d.Content.Evidence) != 1 {
		t.Fatalf("evidence on the draft: %d %s", st, body)
	}
	x.Draft7, x.Draft7Rev, x.EvidenceDraft = d.ID, d.Rev, d.Content.Evidence[0].StoredName

	// Two reminders to 省商务厅, two notices to its reporter.
	x.Notice1Msg, x.Notice2Msg = "请报送县域商业体系进展", "请报送平台经济进展"
	for _, r := range []struct {
		task int64
		msg  string
	}{{x.Task9, x.Notice1Msg}, {x.Task16, x.Notice2Msg}} {
		apiCall(t, office, "POST", "/api/v1/reminders", p(`{"message":%q,"items":[{"task_id":%d,"unit_id":%d,"period":"2026-Q4"}]}`, r.msg, r.task, x.SwtUnit), http.StatusCreated, nil)
	}
	swtUser, _ := ts.st.UserByName(ctx, "swt")
	inbox, err := ts.st.InboxList(ctx, swtUser.ID, store.NoticeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range inbox.Rows {
		switch n.Body {
		case x.Notice1Msg:
			x.Notice1 = n.ID
		case x.Notice2Msg:
			x.Notice2 = n.ID
		}
	}
	if x.Notice1 == 0 || x.Notice2 == 0 {
		t.Fatalf("swt's notices: %+v", inbox.Rows)
	}
	return ts, x
}
