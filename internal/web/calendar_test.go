package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"luoshi/internal/cli"
	"luoshi/internal/config"
	"luoshi/internal/demo"
	"luoshi/internal/reporting"
	"luoshi/internal/store"
	"luoshi/internal/store/storetest"
	"luoshi/internal/web"
)

// clock is a settable server clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// clockedServer is the demonstration server on a store of open whose
// clock the test sets.
type clockedServer struct {
	*httptest.Server
	st    *store.Store
	srv   *web.Server
	clock *clock
	mail  *mailbox
}

func newClockedServer(t *testing.T, open func(testing.TB) *store.Store, now time.Time) *clockedServer {
	t.Helper()
	st := open(t)
	ctx := context.Background()
	if err := demo.Seed(ctx, st, demo.Options{Parse: cli.ParseDocument, AdminPassword: adminPassword,
		DemoPassword: demoPassword, Plan: true, Out: io.Discard}); err != nil {
		t.Fatal(err)
	}
	c := &clock{t: now}
	mb := newMailbox(t)
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	cfg.SMTPAddr, cfg.SMTPFrom = mb.addr, "luoshi@example.org"
	srv, err := web.New(web.Deps{Store: st, Config: cfg, Parse: cli.ParseDocument, Now: c.now,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &clockedServer{Server: ts, st: st, srv: srv, clock: c, mail: mb}
}

func shanghai(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, reporting.Shanghai())
}

// oldPlan imports the sample plan as a plan for 2022 and publishes it.
func oldPlan(t *testing.T, cs *clockedServer) int64 {
	t.Helper()
	ctx := context.Background()
	p := storetest.SamplePlan()
	p.Document.Title = "西岭省2022年服务业重点工作"
	p.Document.Year = 2022
	p.Source += "\n（2022年）"
	for i := range p.Tasks {
		for j := range p.Tasks[i].Targets {
			p.Tasks[i].Targets[j].Year = 2022
		}
	}
	id, err := cs.st.CreatePlan(ctx, store.Actor{Username: "test"}, store.NewPlan{Plan: p})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := cs.st.Publish(ctx, store.Actor{Username: "test"}, id); err != nil || n == 0 {
		t.Fatalf("publish: %d assignments, %v", n, err)
	}
	return id
}

type calendarResp struct {
	Calendar store.Calendar `json:"calendar"`
	Exists   bool           `json:"exists"`
	Periods  []struct {
		Key   string `json:"key"`
		Label string `json:"label"`
	} `json:"periods"`
}

type dueResp struct {
	Due []struct {
		TaskID int64 `json:"task_id"`
		PlanID int64 `json:"plan_id"`
		Period struct {
			Key   string `json:"key"`
			Label string `json:"label"`
		} `json:"period"`
	} `json:"due"`
}

// TestLatePublishedPlan: a 2022 plan published in 2026 is offered a
// calendar from the current quarter, the office may move its start, and
// nothing of 2022 ever falls due, goes missing or is notified.
func TestLatePublishedPlan(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) { testLatePublishedPlan(t, e.Open) })
	}
}

func testLatePublishedPlan(t *testing.T, open func(testing.TB) *store.Store) {
	cs := newClockedServer(t, open, shanghai(2026, 5, 20, 10))
	plan := oldPlan(t, cs)
	office := apiLogin(t, cs.URL, "admin", adminPassword)
	swt := apiLogin(t, cs.URL, "swt", demoPassword)
	path := fmt.Sprintf("/api/v1/plans/%d/calendar", plan)

	var got calendarResp
	apiCall(t, office, "GET", path, "", http.StatusOK, &got)
	if got.Exists || got.Calendar.Start != "2026-04-01" || got.Calendar.End != "2026-12-31" || got.Calendar.Frequency != "quarterly" {
		t.Fatalf("default calendar of a 2022 plan in May 2026 = %+v", got)
	}
	if len(got.Periods) != 3 || got.Periods[0].Key != "2026-Q2" || got.Periods[0].Label != "2026年第二季度" {
		t.Errorf("default periods = %+v", got.Periods)
	}

	public := newClient(t, cs.URL)
	if status, _ := send(t, public, "GET", path, ""); status != http.StatusUnauthorized {
		t.Errorf("public reads the calendar: %d", status)
	}
	viewer := apiLogin(t, cs.URL, "leader", demoPassword)
	if status, _ := send(t, viewer, "GET", path, ""); status != http.StatusOK {
		t.Errorf("viewer reads the calendar: %d", status)
	}
	if status, _ := send(t, viewer, "PUT", path, `{"frequency":"quarterly"}`); status != http.StatusForbidden {
		t.Errorf("viewer sets the calendar: %d", status)
	}
	if status, _ := send(t, office, "GET", "/api/v1/plans/999999/calendar", ""); status != http.StatusNotFound {
		t.Errorf("calendar of no plan: %d", status)
	}
	// Refusals lose nothing.
	for _, tt := range []struct {
		c      *client
		body   string
		status int
		code   string
	}{
		{swt, `{"frequency":"quarterly","due_after":10}`, http.StatusForbidden, "error.forbidden"},
		{office, `{"frequency":"quarterly","due_after":10,"start_period":"2026-Q9"}`, http.StatusBadRequest, "calendar.bad_start_period"},
		{office, `{"frequency":"quarterly","due_after":10,"start":"2026-07-01","end":"2026-06-30"}`, http.StatusBadRequest, "calendar.invalid"},
		{office, `{"frequency":"weekly"}`, http.StatusBadRequest, "calendar.invalid"},
		{office, `{"frequency":"quarterly","rev":3}`, http.StatusConflict, "error.conflict"},
	} {
		status, body := send(t, tt.c, "PUT", path, tt.body)
		if status != tt.status || !strings.Contains(body, `"code":"`+tt.code+`"`) {
			t.Errorf("PUT %s: %d %s, want %d %s", tt.body, status, body, tt.status, tt.code)
		}
	}
	if _, err := cs.st.CalendarFor(context.Background(), plan); err == nil {
		t.Fatal("a refused calendar was saved")
	}

	// The office takes the default: reporting from 2026-Q2 to the end of 2026.
	apiCall(t, office, "PUT", path, `{"frequency":"quarterly","due_after":10}`, http.StatusOK, &got)
	if !got.Exists || got.Calendar.Start != "2026-04-01" || got.Calendar.End != "2026-12-31" || got.Calendar.Rev != 1 {
		t.Fatalf("saved default = %+v", got.Calendar)
	}
	owed := func(at time.Time) []string {
		t.Helper()
		cs.clock.set(at)
		swt := apiLogin(t, cs.URL, "swt", demoPassword) // a session of that day
		var d dueResp
		apiCall(t, swt, "GET", "/api/v1/reports", "", http.StatusOK, &d)
		var keys []string
		for _, x := range d.Due {
			if x.PlanID == plan {
				keys = append(keys, x.Period.Key)
			}
		}
		return keys
	}
	// In late 2027 the unit owes the three quarters of 2026 once per task
	// it leads (two), and nothing of 2022 or 2027.
	keys := owed(shanghai(2027, 6, 1, 9))
	if strings.Join(keys, ",") != "2026-Q2,2026-Q2,2026-Q3,2026-Q3,2026-Q4,2026-Q4" {
		t.Errorf("owed in 2027: %v", keys)
	}
	office = apiLogin(t, cs.URL, "admin", adminPassword)
	for _, q := range []string{"2022-Q1", "2026-Q1", "2027-Q1"} {
		status, _ := send(t, office, "GET", fmt.Sprintf("/api/v1/plans/%d/missing?period=%s", plan, q), "")
		if status != http.StatusNotFound {
			t.Errorf("missing for %s outside the calendar: status %d, want 404", q, status)
		}
	}
	var miss struct {
		Period struct {
			Key, Label string
		} `json:"period"`
		Missing []struct {
			Period      string `json:"period"`
			PeriodLabel string `json:"period_label"`
		} `json:"missing"`
	}
	apiCall(t, office, "GET", fmt.Sprintf("/api/v1/plans/%d/missing", plan), "", http.StatusOK, &miss)
	if miss.Period.Key != "2026-Q4" || len(miss.Missing) == 0 || miss.Missing[0].PeriodLabel != "2026年第四季度" {
		t.Errorf("current missing in 2027 = %+v", miss)
	}
	n, err := cs.srv.NotifyDue(context.Background(), shanghai(2027, 6, 1, 9))
	if err != nil || n == 0 {
		t.Fatalf("NotifyDue = %d, %v", n, err)
	}
	u, _ := cs.st.UserByName(context.Background(), "swt")
	ns, err := cs.st.Inbox(context.Background(), u.ID, 1000)
	if err != nil {
		t.Fatal(err)
	}
	fromOld := 0
	for _, x := range ns {
		if x.Kind != store.NoticeDue || x.PlanTitle != "西岭省2022年服务业重点工作" {
			continue
		}
		fromOld++
		if strings.HasPrefix(x.Period, "2022") || strings.HasPrefix(x.Period, "2027") || x.Period == "2026-Q1" {
			t.Errorf("notice of a period outside the calendar: %s", x.Period)
		}
	}
	if fromOld != 6 {
		t.Errorf("%d due notices of the 2022 plan, want 6 (three quarters of two tasks)", fromOld)
	}

	// The office moves the start to the third quarter, on the page.
	page := login(t, cs.URL, "admin", adminPassword)
	resp, body := page.do("GET", fmt.Sprintf("/plans/%d/calendar", plan), nil, "")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `<option value="2026-Q2" selected>2026年第二季度</option>`) ||
		!strings.Contains(body, `value="2026-12-31"`) {
		t.Fatalf("calendar page: %d\n%s", resp.StatusCode, body)
	}
	resp, _ = page.do("POST", fmt.Sprintf("/plans/%d/calendar", plan), url.Values{"csrf": {page.csrf}, "rev": {"1"}, "frequency": {"quarterly"},
		"due_after": {"10"}, "start_period": {"2026-Q3"}, "end": {"2026-12-31"}}, "")
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving the calendar page: %d", resp.StatusCode)
	}
	c, err := cs.st.CalendarFor(context.Background(), plan)
	if err != nil || c.Start != "2026-07-01" || c.Rev != 2 {
		t.Fatalf("after the page: %+v, %v", c, err)
	}
	if keys := owed(shanghai(2027, 6, 1, 9)); strings.Join(keys, ",") != "2026-Q3,2026-Q3,2026-Q4,2026-Q4" {
		t.Errorf("owed after moving the start: %v", keys)
	}
	// A bad page form answers 400 with the form again, and saves nothing.
	resp, body = page.do("POST", fmt.Sprintf("/plans/%d/calendar", plan), url.Values{"csrf": {page.csrf}, "rev": {"2"}, "frequency": {"quarterly"},
		"due_after": {"10"}, "start_period": {"2026-Q3"}, "end": {"2026-05-01"}}, "")
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, `id="calendar-form"`) {
		t.Errorf("end before start on the page: %d", resp.StatusCode)
	}
	if c, _ := cs.st.CalendarFor(context.Background(), plan); c.Rev != 2 {
		t.Errorf("a refused page form was saved: %+v", c)
	}
}

// TestTaskFrequencyDue: a task the office sets monthly in a quarterly
// plan owes months; its due list, missing reports, report form and
// notices follow.
func TestTaskFrequencyDue(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) { testTaskFrequencyDue(t, e.Open) })
	}
}

func testTaskFrequencyDue(t *testing.T, open func(testing.TB) *store.Store) {
	cs := newClockedServer(t, open, shanghai(2026, 11, 25, 9))
	ctx := context.Background()
	swtUser, _ := cs.st.UserByName(ctx, "swt")
	plans, _ := cs.st.Overview(ctx, store.PlanListFilter{})
	demoPlan := plans[0].ID
	mine, _ := cs.st.UnitTasks(ctx, swtUser.UnitID, store.UnitTaskFilter{PublishedOnly: true})
	closed, _ := cs.st.ClosedTasks(ctx, demoPlan)
	var task store.UnitTask
	for _, m := range mine {
		if m.Role == "lead" && !closed[m.ID] {
			task = m
			break
		}
	}
	if task.ID == 0 {
		t.Fatal("省商务厅 leads no demo task")
	}
	office := apiLogin(t, cs.URL, "admin", adminPassword)
	swt := apiLogin(t, cs.URL, "swt", demoPassword)
	fpath := fmt.Sprintf("/api/v1/tasks/%d/frequency", task.ID)
	for _, tt := range []struct {
		c      *client
		body   string
		status int
	}{
		{swt, `{"frequency":"monthly"}`, http.StatusForbidden},
		{office, `{"frequency":"weekly"}`, http.StatusBadRequest},
		{office, `{}`, http.StatusBadRequest},
		{office, `{"frequency":"monthly","x":1}`, http.StatusBadRequest},
	} {
		if status, body := send(t, tt.c, "PUT", fpath, tt.body); status != tt.status {
			t.Errorf("PUT %s: %d %s, want %d", tt.body, status, body, tt.status)
		}
	}
	if status, _ := send(t, office, "PUT", "/api/v1/tasks/999999/frequency", `{"frequency":"monthly"}`); status != http.StatusNotFound {
		t.Errorf("no such task: %d", status)
	}
	if tk, _ := cs.st.TaskByID(ctx, task.ID); tk.Frequency != "" {
		t.Fatalf("a refused frequency was saved: %q", tk.Frequency)
	}
	var fr struct {
		Frequency string `json:"frequency"`
	}
	apiCall(t, office, "PUT", fpath, `{"frequency":"monthly"}`, http.StatusOK, &fr)
	if fr.Frequency != "monthly" {
		t.Fatalf("answer %+v", fr)
	}

	// On 25 November the monthly task owes October (overdue since 6
	// November) and the months before, back to January; no quarter.
	var d dueResp
	apiCall(t, swt, "GET", "/api/v1/reports", "", http.StatusOK, &d)
	var own, other []string
	for _, x := range d.Due {
		if x.TaskID == task.ID {
			own = append(own, x.Period.Key)
		} else if x.PlanID == demoPlan {
			other = append(other, x.Period.Key)
		}
	}
	if len(own) == 0 || own[len(own)-1] != "2026-10" {
		t.Errorf("monthly task owes %v, want months through 2026-10", own)
	}
	for _, k := range own {
		if strings.Contains(k, "Q") {
			t.Errorf("the monthly task owes a quarter: %s", k)
		}
	}
	for _, k := range other {
		if !strings.Contains(k, "Q") {
			t.Errorf("a quarterly task owes a month: %s", k)
		}
	}
	// The report form offers months.
	var form struct {
		Period struct {
			Key   string `json:"key"`
			Label string `json:"label"`
		} `json:"period"`
	}
	apiCall(t, swt, "GET", fmt.Sprintf("/api/v1/tasks/%d/report", task.ID), "", http.StatusOK, &form)
	if form.Period.Key != "2026-10" || form.Period.Label != "2026年10月" {
		t.Errorf("report form period = %+v, want 2026-10", form.Period)
	}
	// Missing reports: the task is missing for October, not for Q3.
	missingTasks := func(period string) map[int64]bool {
		var m struct {
			Missing []store.Missing `json:"missing"`
		}
		apiCall(t, office, "GET", fmt.Sprintf("/api/v1/plans/%d/missing?period=%s", demoPlan, period), "", http.StatusOK, &m)
		out := map[int64]bool{}
		for _, x := range m.Missing {
			out[x.TaskID] = true
		}
		return out
	}
	if m := missingTasks("2026-10"); !m[task.ID] || len(m) != 1 {
		t.Errorf("missing for 2026-10: %v, want only task %d", m, task.ID)
	}
	if m := missingTasks("2026-Q3"); m[task.ID] {
		t.Errorf("the monthly task is missing for 2026-Q3: %v", m)
	}
	// The supervision page lists both current periods.
	page := login(t, cs.URL, "admin", adminPassword)
	_, body := page.do("GET", "/supervise", nil, "")
	if !strings.Contains(body, "2026年第三季度") || !strings.Contains(body, "2026年10月") {
		t.Errorf("supervision page lacks a current period")
	}
	// Notices: the task's months, labelled in the e-mail.
	if err := cs.st.SetUserEmail(ctx, store.Actor{Username: "test"}, swtUser.ID, "swt@example.org"); err != nil {
		t.Fatal(err)
	}
	if n, err := cs.srv.NotifyDue(ctx, shanghai(2026, 11, 25, 9)); err != nil || n == 0 {
		t.Fatalf("NotifyDue = %d, %v", n, err)
	}
	ns, _ := cs.st.Inbox(ctx, swtUser.ID, 1000)
	var got bool
	for _, x := range ns {
		if x.Kind == store.NoticeDue && x.TaskID == task.ID {
			if strings.Contains(x.Period, "Q") {
				t.Errorf("notice of a quarter for the monthly task: %s", x.Period)
			}
			got = got || x.Period == "2026-10"
		}
	}
	if !got {
		t.Error("no notice of 2026-10 for the monthly task")
	}
	mails := cs.mail.messages()
	if len(mails) != 1 || !strings.Contains(mails[0], "报告期 2026年10月") || strings.Contains(mails[0], "报告期 2026-") {
		t.Errorf("due e-mail does not name periods by their labels: %q", mails)
	}

	// The task page: the office's form, and the frequency shown.
	resp, _ := page.do("POST", fmt.Sprintf("/tasks/%d/frequency", task.ID), url.Values{"csrf": {page.csrf}, "frequency": {"quarterly"}}, "")
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("task frequency form: %d", resp.StatusCode)
	}
	_, body = page.do("GET", fmt.Sprintf("/tasks/%d", task.ID), nil, "")
	if !strings.Contains(body, `id="task-frequency"`) || !strings.Contains(body, `<option value="quarterly" selected>`) {
		t.Errorf("task page does not show the quarterly frequency")
	}
	resp, _ = page.do("POST", fmt.Sprintf("/tasks/%d/frequency", task.ID), url.Values{"csrf": {page.csrf}, "frequency": {"yearly"}}, "")
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("bad frequency on the page: %d", resp.StatusCode)
	}
	resp, _ = page.do("POST", fmt.Sprintf("/tasks/%d/frequency", task.ID), url.Values{"frequency": {"monthly"}}, "")
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("frequency form without CSRF: %d", resp.StatusCode)
	}
	reporter := login(t, cs.URL, "swt", demoPassword)
	resp, _ = reporter.do("POST", fmt.Sprintf("/tasks/%d/frequency", task.ID), url.Values{"csrf": {reporter.csrf}, "frequency": {"monthly"}}, "")
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("a reporter set a frequency: %d", resp.StatusCode)
	}
	if tk, _ := cs.st.TaskByID(ctx, task.ID); tk.Frequency != "quarterly" {
		t.Errorf("frequency after the refusals = %q", tk.Frequency)
	}
}

// TestPeriodLabelsShown: pages and the API name periods by their labels
// in the reader's language, never by the raw key.
func TestPeriodLabelsShown(t *testing.T) {
	cs := newClockedServer(t, storetest.SQLite, shanghai(2026, 11, 25, 9))
	swt := login(t, cs.URL, "swt", demoPassword)
	_, body := swt.do("GET", "/reports", nil, "")
	if !strings.Contains(body, "2026年第三季度") {
		t.Error("reports page lacks 2026年第三季度")
	}
	if strings.Contains(body, ">2026-Q") {
		t.Error("reports page shows a raw period key")
	}
	_, body = swt.do("GET", "/inbox", nil, "")
	if strings.Contains(body, "· 2026-Q") {
		t.Error("inbox shows a raw period key")
	}
	office := login(t, cs.URL, "admin", adminPassword)
	for _, path := range []string{"/supervise", "/dashboard"} {
		_, body := office.do("GET", path, nil, "")
		if strings.Contains(body, ">2026-Q") || strings.Contains(body, " 2026-Q") {
			t.Errorf("%s shows a raw period key", path)
		}
	}
	// English.
	resp, _ := swt.do("POST", "/locale", url.Values{"csrf": {swt.csrf}, "lang": {"en"}, "next": {"/reports"}}, "")
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("locale: %d", resp.StatusCode)
	}
	_, body = swt.do("GET", "/reports", nil, "")
	if !strings.Contains(body, "2026 Q3") || strings.Contains(body, "2026年第三季度") {
		t.Error("English reports page does not say 2026 Q3")
	}
	api := apiLogin(t, cs.URL, "swt", demoPassword)
	var raw map[string]json.RawMessage
	apiCall(t, api, "GET", "/api/v1/reports", "", http.StatusOK, &raw)
	if !strings.Contains(string(raw["due"]), `"key":"2026-Q3","label":"2026 Q3"`) {
		t.Errorf("API due list: %s", raw["due"])
	}
}
