package web_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"luoshi/internal/auth"
	"luoshi/internal/cli"
	"luoshi/internal/config"
	"luoshi/internal/reporting"
	"luoshi/internal/store"
	"luoshi/internal/store/storetest"
	"luoshi/internal/web"
)

const listPassword = "list-secret-1"

// listFixture is a server at 10 May 2026 (the first quarter's reports
// overdue, the second's not yet due) with two published plans of the
// generated kind: an older one of three tasks and the most recent, of
// three sections of 40 tasks (一 1–40, 二 41–80, 三 81–120). Task n is
// led by storetest.BigPlanUnits[(n-1)%7]: 省发展改革委 leads 1, 8, …,
// 120 (18 tasks), 省商务厅 2, 9, …, 114 (17). 省商务厅 reported for
// 2026-Q1 on tasks 2 (submitted), 9 (returned) and 16 (accepted).
type listFixture struct {
	ts           *httptest.Server
	st           *store.Store
	plan, older  int64
	tasks        []store.Task // tasks[n-1] is task n
	units        map[string]int64
	users        map[string]int64
	office, view *client
	swt, fgw     *client
	reports      map[int]store.Report // of 省商务厅 for 2026-Q1, by task
}

var listNow = time.Date(2026, 5, 10, 12, 0, 0, 0, reporting.Shanghai())

func listServer(t *testing.T, open func(testing.TB) *store.Store, sections, perSection int) *listFixture {
	t.Helper()
	ctx := context.Background()
	st := open(t)
	x := &listFixture{st: st, units: map[string]int64{}, users: map[string]int64{}, reports: map[int]store.Report{}}
	actor := store.Actor{Username: "test"}
	for _, n := range append(slices.Clone(storetest.BigPlanUnits), storetest.BigPlanCooperating) {
		id, err := st.CreateUnit(ctx, actor, store.Unit{Name: n, Region: "西岭省"})
		if err != nil {
			t.Fatal(err)
		}
		x.units[n] = id
	}
	load := func(title string, sections, per int) (int64, []store.Task) {
		id, err := st.CreatePlan(ctx, actor, store.NewPlan{Plan: storetest.BigPlan(title, sections, per)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Publish(ctx, actor, id); err != nil {
			t.Fatal(err)
		}
		if _, err := st.SetCalendar(ctx, actor, store.Calendar{PlanID: id, Frequency: "quarterly", DueAfter: 15, Start: "2026-01-01"}); err != nil {
			t.Fatal(err)
		}
		o, err := st.PlanOutline(ctx, id, store.TaskFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return id, o.Tasks
	}
	x.older, _ = load("西岭省2025年服务业工作要点", 1, 3)
	x.plan, x.tasks = load("西岭省2026年服务业重点工作", sections, perSection)
	hash, err := auth.HashPassword(listPassword)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []struct {
		name, role string
		unit       int64
	}{{"admin", store.RoleOffice, 0}, {"leader", store.RoleViewer, 0},
		{"swt", store.RoleReporter, x.units["省商务厅"]}, {"fgw", store.RoleReporter, x.units["省发展改革委"]}} {
		id, err := st.CreateUser(ctx, actor, store.NewUser{Username: u.name, Role: u.role, UnitID: u.unit, PasswordHash: hash})
		if err != nil {
			t.Fatal(err)
		}
		x.users[u.name] = id
	}
	srv, err := web.New(web.Deps{Store: st, Config: config.Default(), Parse: cli.ParseDocument, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	web.SetClock(srv, func() time.Time { return listNow })
	x.ts = httptest.NewServer(srv.Handler())
	t.Cleanup(x.ts.Close)

	if len(x.tasks) >= 16 {
		swt := x.units["省商务厅"]
		at := time.Date(2026, 4, 3, 9, 0, 0, 0, time.UTC)
		for _, n := range []int{2, 9, 16} {
			at = at.Add(time.Hour)
			x.reports[n] = x.submit(t, n, swt, x.users["swt"], "2026-Q1", at)
		}
		office := reporting.Actor{UserID: x.users["admin"], Role: reporting.Office}
		for n, kind := range map[int]reporting.ActionKind{9: reporting.Return, 16: reporting.Accept} {
			r := x.reports[n]
			after, err := reporting.Transition(r.Report, reporting.Action{Kind: kind, BasedOn: r.Rev, Comment: "请补充", At: at}, office)
			if err != nil {
				t.Fatal(err)
			}
			if x.reports[n], err = st.WriteReport(ctx, store.Actor{UserID: office.UserID, Username: "admin"}, store.ReportWrite{Before: r, After: after, Action: kind, PlanID: x.plan}); err != nil {
				t.Fatal(err)
			}
		}
	}
	x.office = login(t, x.ts.URL, "admin", listPassword)
	x.view = login(t, x.ts.URL, "leader", listPassword)
	x.swt = login(t, x.ts.URL, "swt", listPassword)
	x.fgw = login(t, x.ts.URL, "fgw", listPassword)
	return x
}

// submit stores a unit's submitted report on task n, with the task's
// number as the value of each of its targets.
func (x *listFixture) submit(t *testing.T, n int, unit, user int64, period string, at time.Time) store.Report {
	t.Helper()
	task := x.tasks[n-1]
	c := &reporting.Content{Status: reporting.OnTrack, Progress: 40, Confidence: reporting.Confident, Done: "已推进"}
	for _, g := range task.Targets {
		c.Values = append(c.Values, reporting.Value{Indicator: store.TargetKey(g, "西岭省").String(), Value: float64(n)})
	}
	rep := reporting.Actor{UserID: user, Role: reporting.Reporter, UnitID: unit}
	after, err := reporting.Transition(reporting.New(task.ID, period, unit, unit), reporting.Action{Kind: reporting.Submit, BasedOn: 1, Content: c, At: at}, rep)
	if err != nil {
		t.Fatal(err)
	}
	r, err := x.st.WriteReport(context.Background(), store.Actor{UserID: user, Username: "u"}, store.ReportWrite{After: after, Action: reporting.Submit, PlanID: x.plan,
		AsOf: time.Date(2026, 3, 31, 0, 0, 0, 0, reporting.Shanghai())})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func (x *listFixture) get(t *testing.T, c *client, path string, status int) string {
	t.Helper()
	resp, body := c.do("GET", path, nil, "")
	if resp.StatusCode != status {
		t.Fatalf("GET %s: %d, want %d\n%.600s", path, resp.StatusCode, status, body)
	}
	return body
}

var (
	nextLink   = regexp.MustCompile(`class="pager-next" rel="next" href="([^"]+)"|href="([^"]+)" class="pager-next"`)
	remindItem = regexp.MustCompile(`name="item" value="([0-9]+:[0-9]+:[^"]+)" class="remind-check"`)
	lightRowRe = regexp.MustCompile(`class="light-row" data-task="([0-9]+)" data-light="([a-z]+)"`)
)

// pages follows a list's next links from path and returns every match
// of re's first group on each page.
func (x *listFixture) pages(t *testing.T, c *client, path string, re *regexp.Regexp) (all []string, pages int) {
	t.Helper()
	for path != "" {
		if pages++; pages > 50 {
			t.Fatal("the pages do not end")
		}
		body := x.get(t, c, path, http.StatusOK)
		for _, m := range re.FindAllStringSubmatch(body, -1) {
			all = append(all, m[1])
		}
		path = ""
		if m := nextLink.FindStringSubmatch(body); m != nil {
			path = html.UnescapeString(m[1] + m[2])
		}
	}
	return all, pages
}

func (x *listFixture) taskID(n int) int64 { return x.tasks[n-1].ID }

func (x *listFixture) taskNo(t *testing.T, id string) int {
	t.Helper()
	v, _ := strconv.ParseInt(id, 10, 64)
	for i, task := range x.tasks {
		if task.ID == v {
			return i + 1
		}
	}
	t.Fatalf("no task %s in the plan", id)
	return 0
}

// TestSupervisePagesAndRemindsAll: the office's missing reports are paged
// and filtered on the server, and "all matching" reminds every unit of
// the filter's result, however many pages it has, saying how many.
func TestSupervisePagesAndRemindsAll(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			x := listServer(t, e.Open, 3, 40)
			ctx := context.Background()
			// 120 lead assignments, less tasks 2 (submitted) and 16 (accepted).
			items, pages := x.pages(t, x.office, "/supervise", remindItem)
			if len(items) != 118 || pages != 3 {
				t.Errorf("missing: %d rows on %d pages, want 118 on 3", len(items), pages)
			}
			seen := map[string]bool{}
			for _, it := range items {
				if seen[it] {
					t.Errorf("%s listed twice", it)
				}
				seen[it] = true
				if !strings.HasSuffix(it, ":2026-Q1") {
					t.Errorf("%s is not of the current period", it)
				}
			}
			body := x.get(t, x.office, "/supervise", http.StatusOK)
			if !strings.Contains(body, `id="missing-total">118<`) || !strings.Contains(body, "选择符合筛选条件的全部 118 项") {
				t.Errorf("the page does not say 118 match")
			}
			swt := x.units["省商务厅"]
			numbers := func(path string) []int {
				t.Helper()
				items, _ := x.pages(t, x.office, path, remindItem)
				var out []int
				for _, it := range items {
					task, unit, _ := strings.Cut(it, ":")
					if !strings.HasPrefix(unit, strconv.FormatInt(swt, 10)+":") {
						t.Errorf("%s is not 省商务厅's", it)
					}
					out = append(out, x.taskNo(t, task))
				}
				return out
			}
			p := func(f string, args ...any) string { return fmt.Sprintf(f, args...) }
			var want []int
			for n := 9; n <= 114; n += 7 {
				if n != 16 {
					want = append(want, n)
				}
			}
			if got := numbers(p("/supervise?plan=%d&unit=%d", x.plan, swt)); !slices.Equal(got, want) {
				t.Errorf("省商务厅 missing = %v, want %v", got, want)
			}
			if got := numbers(p("/supervise?plan=%d&unit=%d&section=二", x.plan, swt)); !slices.Equal(got, []int{44, 51, 58, 65, 72, 79}) {
				t.Errorf("省商务厅 missing in 二 = %v", got)
			}
			if got := numbers(p("/supervise?plan=%d&unit=%d&state=returned", x.plan, swt)); !slices.Equal(got, []int{9}) {
				t.Errorf("returned = %v", got)
			}
			if got := numbers(p("/supervise?plan=%d&unit=%d&sort=task&limit=4", x.plan, swt)); !slices.Equal(got, want) {
				t.Errorf("by task, four a page = %v", got)
			}
			// The older plan and another period.
			if items, _ := x.pages(t, x.office, p("/supervise?plan=%d", x.older), remindItem); len(items) != 3 {
				t.Errorf("older plan missing = %d, want 3", len(items))
			}
			if items, _ := x.pages(t, x.office, p("/supervise?plan=%d&period=2026-Q2", x.plan), remindItem); len(items) != 120 {
				t.Errorf("missing for Q2 = %d, want 120", len(items))
			}

			remind := func(form url.Values) (int, string) {
				t.Helper()
				form.Set("csrf", x.office.csrf)
				resp, body := x.office.do("POST", "/remind", form, "")
				if resp.StatusCode != http.StatusSeeOther {
					t.Fatalf("remind: %d\n%.400s", resp.StatusCode, body)
				}
				loc := resp.Header.Get("Location")
				u, _ := url.Parse(loc)
				n, _ := strconv.Atoi(u.Query().Get("sent"))
				return n, x.get(t, x.office, loc, http.StatusOK)
			}
			count := func(f store.ReminderFilter) int {
				rs := 0
				cursor := ""
				for {
					f.Limit, f.After = 200, cursor
					p, err := x.st.ReminderList(ctx, f)
					if err != nil {
						t.Fatal(err)
					}
					rs += len(p.Rows)
					if cursor = p.Next; cursor == "" {
						return rs
					}
				}
			}
			// All 15 of 省商务厅, though a page shows 4: the rows checked
			// on the page are not what is sent.
			n, body := remind(url.Values{"all": {"1"}, "plan": {fmt.Sprint(x.plan)}, "period": {"2026-Q1"}, "unit": {fmt.Sprint(swt)},
				"item": {items[0]}, "message": {"请尽快报送"}})
			if n != 15 || !strings.Contains(body, "已发送 15 条催办") {
				t.Errorf("all matching: sent %d, page says %q", n, flash(body))
			}
			if got := count(store.ReminderFilter{PlanID: x.plan, UnitID: swt}); got != 15 {
				t.Errorf("%d reminders of 省商务厅 stored, want 15", got)
			}
			if got := count(store.ReminderFilter{PlanID: x.plan}); got != 15 {
				t.Errorf("%d reminders stored in all, want 15", got)
			}
			if !strings.Contains(body, p(`name="unit" value="%d"`, swt)) {
				t.Error("after reminding, the page lost its filter")
			}
			// One row's button sends that one, even with "all" checked.
			n, _ = remind(url.Values{"all": {"1"}, "plan": {fmt.Sprint(x.plan)}, "period": {"2026-Q1"}, "one": {items[1]}})
			if n != 1 || count(store.ReminderFilter{PlanID: x.plan}) != 16 {
				t.Errorf("one row: sent %d, %d stored", n, count(store.ReminderFilter{PlanID: x.plan}))
			}
			// Rows checked without "all": those.
			n, _ = remind(url.Values{"item": {items[2], items[3]}, "plan": {fmt.Sprint(x.plan)}})
			if n != 2 || count(store.ReminderFilter{PlanID: x.plan}) != 18 {
				t.Errorf("two rows: sent %d", n)
			}
			// All of the plan's 118.
			n, body = remind(url.Values{"all": {"1"}, "plan": {fmt.Sprint(x.plan)}, "period": {"2026-Q1"}})
			if n != 118 || !strings.Contains(body, "已发送 118 条催办") || count(store.ReminderFilter{PlanID: x.plan}) != 136 {
				t.Errorf("all of the plan: sent %d, %q", n, flash(body))
			}
			// A filter value the store refuses is a 400 with the message,
			// and sends nothing.
			form := url.Values{"all": {"1"}, "plan": {fmt.Sprint(x.plan)}, "period": {"2026-Q1"}, "state": {"lost"}, "csrf": {x.office.csrf}}
			resp, body := x.office.do("POST", "/remind", form, "")
			if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "筛选条件“state”的取值不正确") || count(store.ReminderFilter{PlanID: x.plan}) != 136 {
				t.Errorf("bad state: %d %q", resp.StatusCode, flash(body))
			}
			// The API's "matching" is the same.
			api := apiLogin(t, x.ts.URL, "admin", listPassword)
			var sent struct {
				Sent int `json:"sent"`
			}
			apiCall(t, api, "POST", "/api/v1/reminders", fmt.Sprintf(`{"message":"再次催办","matching":{"plan_id":%d,"unit_id":%d,"state":"returned"}}`, x.plan, swt), http.StatusCreated, &sent)
			if sent.Sent != 1 {
				t.Errorf("API matching sent %d, want 1 (task 9)", sent.Sent)
			}
		})
	}
}

func flash(body string) string {
	if i := strings.Index(body, `class="flash"`); i >= 0 {
		return body[i:min(len(body), i+200)]
	}
	return ""
}

// TestDashboardShowsOnePlan: the dashboard shows the most recently
// published plan by default, another when chosen, never a board for
// each; its tasks are paged and filtered by light, unit, section.
func TestDashboardShowsOnePlan(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			x := listServer(t, e.Open, 3, 40)
			body := x.get(t, x.view, "/dashboard", http.StatusOK)
			if n := strings.Count(body, `class="panel board"`); n != 1 {
				t.Errorf("%d boards on the dashboard, want 1", n)
			}
			if !strings.Contains(body, fmt.Sprintf(`<h2><a href="/plans/%d">西岭省2026年服务业重点工作</a></h2>`, x.plan)) ||
				!strings.Contains(body, fmt.Sprintf(`<option value="%d" >西岭省2025年服务业工作要点</option>`, x.older)) {
				t.Errorf("the default board is not the newest plan's, or the selector lacks the older one")
			}
			light := func(path string) (map[string]int, []int) {
				t.Helper()
				var colors []string
				for path != "" {
					b := x.get(t, x.view, path, http.StatusOK)
					for _, m := range lightRowRe.FindAllStringSubmatch(b, -1) {
						colors = append(colors, m[1]+":"+m[2])
					}
					path = ""
					if m := nextLink.FindStringSubmatch(b); m != nil {
						path = html.UnescapeString(m[1] + m[2])
					}
				}
				count := map[string]int{}
				var tasks []int
				for _, c := range colors {
					id, color, _ := strings.Cut(c, ":")
					count[color]++
					tasks = append(tasks, x.taskNo(t, id))
				}
				return count, tasks
			}
			// 120 tasks: 2 and 16 reported (green), the others a period
			// overdue (yellow), yellow first.
			count, tasks := light("/dashboard")
			if count["yellow"] != 118 || count["green"] != 2 || tasks[0] != 1 || tasks[118] != 2 || tasks[119] != 16 {
				t.Errorf("lights = %v, order %v…%v", count, tasks[:2], tasks[118:])
			}
			if first := lightRowRe.FindAllString(body, -1); len(first) != 50 {
				t.Errorf("first page has %d tasks, want 50", len(first))
			}
			if _, tasks := light("/dashboard?light=green"); !slices.Equal(tasks, []int{2, 16}) {
				t.Errorf("green = %v", tasks)
			}
			if _, tasks := light("/dashboard?sort=order&limit=7&section=三"); len(tasks) != 40 || tasks[0] != 81 || tasks[39] != 120 {
				t.Errorf("section 三 in order = %v", tasks)
			}
			fgw := x.units["省发展改革委"]
			if count, tasks := light(fmt.Sprintf("/dashboard?unit=%d&light=yellow", fgw)); count["yellow"] != 18 || tasks[0] != 1 || tasks[17] != 120 {
				t.Errorf("省发展改革委 yellow = %v %v", count, tasks)
			}
			if _, tasks := light("/dashboard?status=on_track"); !slices.Equal(tasks, []int{16}) {
				t.Errorf("on track = %v", tasks)
			}
			other := x.get(t, x.view, fmt.Sprintf("/dashboard?plan=%d", x.older), http.StatusOK)
			if !strings.Contains(other, fmt.Sprintf(`<h2><a href="/plans/%d">西岭省2025年服务业工作要点</a></h2>`, x.older)) ||
				strings.Contains(other, fmt.Sprintf(`<h2><a href="/plans/%d">`, x.plan)) || len(lightRowRe.FindAllString(other, -1)) != 3 {
				t.Errorf("the older plan's board")
			}
			// A unit's own page: its tasks only, and its reports due.
			mine := x.get(t, x.swt, fmt.Sprintf("/units/%d/monitor", x.units["省商务厅"]), http.StatusOK)
			if n := len(lightRowRe.FindAllString(mine, -1)); n != 17 {
				t.Errorf("省商务厅's page lists %d tasks, want 17", n)
			}
			dueTable := mine[strings.Index(mine, `id="unit-due"`):]
			if n := strings.Count(dueTable[:strings.Index(dueTable, "</table>")], "<tr>"); n != 15 {
				t.Errorf("省商务厅 owes %d reports, want 15", n)
			}
			x.get(t, x.swt, fmt.Sprintf("/units/%d/monitor", fgw), http.StatusForbidden)
		})
	}
}

// TestReceivedReports: the office's list of every received report, the
// reports of a task on its page with their values, each reader seeing
// what is theirs to see.
func TestReceivedReports(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			x := listServer(t, e.Open, 3, 40)
			row := regexp.MustCompile(`class="received-row" data-report="([0-9]+)"`)
			ids := func(c *client, path string) []string {
				t.Helper()
				var out []string
				for _, m := range row.FindAllStringSubmatch(x.get(t, c, path, http.StatusOK), -1) {
					out = append(out, m[1])
				}
				return out
			}
			id := func(n int) string { return strconv.FormatInt(x.reports[n].ID, 10) }
			newest := []string{id(16), id(9), id(2)}
			for _, c := range []*client{x.office, x.view} {
				if got := ids(c, "/reports"); !slices.Equal(got, newest) {
					t.Errorf("received = %v, want %v", got, newest)
				}
			}
			for path, want := range map[string][]string{
				"/reports?state=returned":                                {id(9)},
				"/reports?state=accepted":                                {id(16)},
				"/reports?sort=oldest":                                   {id(2), id(9), id(16)},
				fmt.Sprintf("/reports?plan=%d", x.older):                 nil,
				fmt.Sprintf("/reports?unit=%d", x.units["省发展改革委"]):       nil,
				fmt.Sprintf("/reports?plan=%d&period=2026-Q1", x.plan):   newest,
				fmt.Sprintf("/reports?plan=%d&period=2026-Q2", x.plan):   nil,
				fmt.Sprintf("/reports?task=%d", x.taskID(9)):             {id(9)},
				"/reports?limit=1&sort=oldest&after=" + x.cursorAfter(t): {id(9)},
			} {
				if got := ids(x.office, path); !slices.Equal(got, want) {
					t.Errorf("%s = %v, want %v", path, got, want)
				}
			}
			x.get(t, x.office, "/reports?state=draft", http.StatusBadRequest)
			x.get(t, x.office, "/reports?period=2026-Q1%20or", http.StatusBadRequest)
			x.get(t, x.office, "/reports?limit=201", http.StatusBadRequest)
			// A task's page: its reports with their values (task 9 has a
			// target), for the office and its unit, not for another unit.
			task9 := fmt.Sprintf("/tasks/%d", x.taskID(9))
			for _, c := range []*client{x.office, x.view, x.swt} {
				body := x.get(t, c, task9, http.StatusOK)
				if !slices.Equal(row.FindAllStringSubmatch(body, -1)[0][1:], []string{id(9)}) || !strings.Contains(body, "服务网点：<b>9</b>") {
					t.Errorf("task 9's reports are not on its page")
				}
			}
			if body := x.get(t, x.fgw, task9, http.StatusOK); row.MatchString(body) {
				t.Error("another unit reads 省商务厅's report on the task page")
			}
			pub := newClient(t, x.ts.URL)
			if err := x.st.SetPublic(context.Background(), store.Actor{Username: "test"}, x.plan, true); err != nil {
				t.Fatal(err)
			}
			if body := x.get(t, pub, task9, http.StatusOK); strings.Contains(body, `id="task-reports"`) {
				t.Error("the public sees the task's reports")
			}
			// The API is the same list.
			var got struct {
				Reports []struct {
					ID      int64 `json:"id"`
					Content struct {
						Values []struct {
							Value float64 `json:"value"`
						} `json:"values"`
					} `json:"content"`
				} `json:"reports"`
				Next string `json:"next"`
			}
			api := apiLogin(t, x.ts.URL, "fgw", listPassword)
			apiCall(t, api, "GET", fmt.Sprintf("/api/v1/tasks/%d/reports", x.taskID(9)), "", http.StatusOK, &got)
			if len(got.Reports) != 0 {
				t.Errorf("another unit reads %d reports through the API", len(got.Reports))
			}
			apiCall(t, api, "GET", fmt.Sprintf("/api/v1/reports/received?unit=%d", x.units["省商务厅"]), "", http.StatusOK, &got)
			if len(got.Reports) != 0 {
				t.Errorf("a reporter lists another unit's reports: %d", len(got.Reports))
			}
			office := apiLogin(t, x.ts.URL, "admin", listPassword)
			apiCall(t, office, "GET", fmt.Sprintf("/api/v1/tasks/%d/reports", x.taskID(9)), "", http.StatusOK, &got)
			if len(got.Reports) != 1 || got.Reports[0].Content.Values[0].Value != 9 {
				t.Errorf("task 9's reports through the API = %+v", got.Reports)
			}
			apiCall(t, office, "GET", "/api/v1/reports/received?limit=2", "", http.StatusOK, &got)
			if len(got.Reports) != 2 || got.Next == "" {
				t.Fatalf("first API page = %d reports, next %q", len(got.Reports), got.Next)
			}
			apiCall(t, office, "GET", "/api/v1/reports/received?limit=2&after="+got.Next, "", http.StatusOK, &got)
			if len(got.Reports) != 1 || fmt.Sprint(got.Reports[0].ID) != id(2) || got.Next != "" {
				t.Errorf("second API page = %+v, next %q", got.Reports, got.Next)
			}
		})
	}
}

// cursorAfter is the cursor after the oldest received report, read from
// the store as a client reads it from a page.
func (x *listFixture) cursorAfter(t *testing.T) string {
	p, err := x.st.ReportList(context.Background(), store.ReportFilter{Sort: "oldest", Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return url.QueryEscape(p.Next)
}

// TestOfficeInbox: every submission is in the office's inbox; opening a
// notice marks it read and goes to the report; another user cannot
// open it; a unit's due notices are done when it submits.
func TestOfficeInbox(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			x := listServer(t, e.Open, 3, 40)
			ctx := context.Background()
			notice := regexp.MustCompile(`data-notice="([0-9]+)"`)
			body := x.get(t, x.office, "/inbox", http.StatusOK)
			if n := strings.Count(body, ">单位已提交报告</a>"); n != 3 {
				t.Errorf("the office has %d submission notices, want 3", n)
			}
			first := notice.FindStringSubmatch(body)[1]
			unread := func(user string) int {
				n, err := x.st.Unread(ctx, x.users[user])
				if err != nil {
					t.Fatal(err)
				}
				return n
			}
			before := unread("admin")
			// Another user's attempt: not found, and nothing changes.
			for _, c := range []*client{x.swt, x.view} {
				x.get(t, c, "/inbox/"+first, http.StatusNotFound)
			}
			if unread("admin") != before {
				t.Fatal("another user marked the office's notice read")
			}
			resp, _ := x.office.do("GET", "/inbox/"+first, nil, "")
			if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/reports/"+strconv.FormatInt(x.reports[16].ID, 10) {
				t.Errorf("opening the newest notice: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
			}
			if unread("admin") != before-1 {
				t.Errorf("unread after opening = %d, want %d", unread("admin"), before-1)
			}
			x.get(t, x.office, "/inbox/abc", http.StatusNotFound)
			if body := x.get(t, x.office, "/inbox?unread=1", http.StatusOK); strings.Contains(body, `data-notice="`+first+`"`) || strings.Count(body, "data-notice=") != 2 {
				t.Error("the unread filter")
			}
			x.get(t, x.office, "/inbox?kind=spam", http.StatusBadRequest)
			// 省商务厅's reports page puts its reports due in its inbox (15
			// of the newer plan, task 2 of the older); submitting task 23
			// makes that notice done, not the others.
			x.get(t, x.swt, "/reports", http.StatusOK)
			due := func() string { return x.get(t, x.swt, "/inbox?kind=due&limit=200", http.StatusOK) }
			if n := strings.Count(due(), `class="notice unread"`); n != 16 {
				t.Fatalf("省商务厅 has %d due notices, want 16", n)
			}
			x.submit(t, 23, x.units["省商务厅"], x.users["swt"], "2026-Q1", time.Date(2026, 5, 9, 9, 0, 0, 0, time.UTC))
			body = due()
			if n := strings.Count(body, ` done"`); n != 1 || strings.Count(body, `class="notice unread"`) != 15 {
				t.Errorf("after submitting task 23: %d done, %d unread", strings.Count(body, ` done"`), strings.Count(body, `class="notice unread"`))
			}
			if n := strings.Count(x.get(t, x.office, "/inbox", http.StatusOK), ">单位已提交报告</a>"); n != 4 {
				t.Errorf("office submission notices = %d, want 4", n)
			}
		})
	}
}

// TestListFiltersRefused: every list refuses a filter value it does not
// know with a 400 and a message naming it, on the pages and the API.
func TestListFiltersRefused(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			x := listServer(t, e.Open, 1, 3)
			swt := x.units["省商务厅"]
			p := func(f string, args ...any) string { return fmt.Sprintf(f, args...) }
			clients := map[string]*client{"office": x.office, "viewer": x.view, "reporter": x.swt}
			api := map[string]*client{"office": apiLogin(t, x.ts.URL, "admin", listPassword), "reporter": apiLogin(t, x.ts.URL, "swt", listPassword)}
			bad := func(role, path, field string) scenario {
				return scenario{name: path, role: role, method: "GET", path: path, status: http.StatusBadRequest, contains: []string{"“" + field + "”"}}
			}
			badAPI := func(role, path, field string) scenario {
				return scenario{name: path, role: role, method: "GET", path: path, status: http.StatusBadRequest, contains: []string{`"code":"list.bad_filter"`, field}}
			}
			run(t, clients, []scenario{
				bad("office", "/supervise?state=lost", "state"),
				bad("office", "/supervise?unit=abc", "unit"),
				bad("office", "/supervise?sort=size", "sort"),
				bad("office", "/supervise?after=garbage", "after"),
				bad("office", "/supervise?limit=500", "limit"),
				bad("office", "/supervise?plan=x", "plan"),
				{name: "supervise of a plan not there", role: "office", method: "GET", path: "/supervise?plan=99999", status: 404},
				{name: "supervise of no period", role: "office", method: "GET", path: "/supervise?period=2031-Q1", status: 404},
				bad("viewer", "/dashboard?light=blue", "light"),
				bad("viewer", "/dashboard?status=lost", "status"),
				bad("viewer", "/dashboard?sort=name", "sort"),
				bad("viewer", "/dashboard?unit=-1", "unit"),
				bad("office", "/units?sort=size", "sort"),
				bad("office", "/units?q="+strings.Repeat("长", 100), "q"),
				bad("office", p("/units/%d?status=lost", swt), "status"),
				bad("office", p("/units/%d?plan=x", swt), "plan"),
				bad("reporter", p("/units/%d/monitor?dafter=x", swt), "after"),
				bad("office", "/users?role=boss", "role"),
				bad("office", "/reports?state=draft", "state"),
				bad("viewer", "/reports?period=2026%27", "period"),
				bad("office", "/inbox?kind=spam", "kind"),
				bad("reporter", "/inbox?unread=maybe", "unread"),
				bad("office", p("/plans/%d/review?confidence=some", x.plan), "confidence"),
				bad("office", p("/plans/%d/review?section=九", x.plan), "section"),
				{name: "good filters", role: "office", method: "GET", path: p("/supervise?plan=%d&state=none&sort=task&unit=%d", x.plan, swt), status: 200},
			})
			run(t, api, []scenario{
				badAPI("office", p("/api/v1/plans/%d/missing?state=lost", x.plan), "state"),
				badAPI("office", p("/api/v1/plans/%d/lights?light=blue", x.plan), "light"),
				badAPI("office", "/api/v1/units?limit=0", "limit"),
				badAPI("office", p("/api/v1/units/%d/tasks?role=boss", swt), "role"),
				badAPI("office", "/api/v1/users?role=boss", "role"),
				badAPI("office", "/api/v1/reviews?after=zzz", "after"),
				badAPI("office", "/api/v1/reminders?plan=0", "plan"),
				badAPI("office", "/api/v1/reports/received?state=draft", "state"),
				badAPI("reporter", "/api/v1/inbox?kind=spam", "kind"),
				badAPI("office", p("/api/v1/plans/%d/tasks?confidence=x", x.plan), "confidence"),
				badAPI("office", p("/api/v1/tasks/%d/reports?sort=x", x.taskID(1)), "sort"),
				{name: "reporter reviews", role: "reporter", method: "GET", path: "/api/v1/reviews", status: 403},
				{name: "plan tasks", role: "reporter", method: "GET", path: p("/api/v1/plans/%d/tasks?section=一&limit=2", x.plan), status: 200, contains: []string{`"total":3`, `"next":"`}},
			})
		})
	}
}

// TestReviewPagesBySection: the review of a plan of 6,600 tasks sends
// one section's page of tasks and the source they cover, not the plan.
func TestReviewPagesBySection(t *testing.T) {
	x := listServer(t, storetest.SQLite, 10, 660)
	body := x.get(t, x.office, fmt.Sprintf("/plans/%d/review", x.plan), http.StatusOK)
	if len(body) > 1<<20 {
		t.Errorf("the review page is %d bytes", len(body))
	}
	t.Logf("review page: %d bytes", len(body))
	cards := regexp.MustCompile(`<li class="task-card[^"]*" id="task-([0-9]+)"`)
	if n := len(cards.FindAllString(body, -1)); n != 50 {
		t.Errorf("%d task cards, want 50", n)
	}
	if !strings.Contains(body, `id="task-total">6600<`) || !strings.Contains(body, `id="review-sections"`) || !strings.Contains(body, `id="list-total">660<`) {
		t.Error("the page does not give the plan's task count or its sections")
	}
	if !strings.Contains(body, "推进第1项服务业重点工作") || !strings.Contains(body, "推进第50项") || strings.Contains(body, "推进第51项") {
		t.Error("the source shown is not the first page's")
	}
	next := nextLink.FindStringSubmatch(body)
	if next == nil {
		t.Fatal("no next page")
	}
	body = x.get(t, x.office, html.UnescapeString(next[1]+next[2]), http.StatusOK)
	if !strings.Contains(body, "推进第51项") || !strings.Contains(body, "推进第100项") || strings.Contains(body, "推进第50项") {
		t.Error("the second page's source")
	}
	body = x.get(t, x.office, fmt.Sprintf("/plans/%d/review?section=二", x.plan), http.StatusOK)
	if !strings.Contains(body, "二、第二部分重点任务") || !strings.Contains(body, "推进第661项") || strings.Contains(body, "推进第1项服务业") {
		t.Error("section 二's first page")
	}
	body = x.get(t, x.office, fmt.Sprintf("/plans/%d/review?confidence=low", x.plan), http.StatusOK)
	ids := cards.FindAllStringSubmatch(body, -1)
	if len(ids) != 50 || x.taskNo(t, ids[0][1]) != 10 || x.taskNo(t, ids[49][1]) != 500 {
		t.Errorf("tasks to check first: %d, from %v", len(ids), ids[:1])
	}
}
