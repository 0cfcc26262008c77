package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"luoshi/internal/config"
	"luoshi/internal/demo"
	"luoshi/internal/reporting"
	"luoshi/internal/store"
	"luoshi/internal/store/storetest"
)

// client is a browser of one role: a cookie jar and the CSRF token its
// pages carry.
type client struct {
	t    *testing.T
	base string
	http *http.Client
	csrf string
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func newClient(t *testing.T, base string) *client {
	jar, _ := cookiejar.New(nil)
	c := &client{t: t, base: base, http: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	c.refreshCSRF("/login")
	return c
}

func (c *client) refreshCSRF(path string) {
	c.t.Helper()
	_, body := c.do("GET", path, nil, "")
	m := csrfField.FindStringSubmatch(body)
	if m == nil {
		c.t.Fatalf("no CSRF token on %s", path)
	}
	c.csrf = m[1]
}

// login signs in through the form, as a person does.
func login(t *testing.T, base, user, password string) *client {
	c := newClient(t, base)
	resp, _ := c.do("POST", "/login", url.Values{"csrf": {c.csrf}, "username": {user}, "password": {password}}, "")
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login %s: status %d", user, resp.StatusCode)
	}
	c.refreshCSRF("/")
	return c
}

// do sends a request: a form when form is set, else body with its type.
func (c *client) do(method, path string, form url.Values, body string, header ...string) (*http.Response, string) {
	c.t.Helper()
	var r io.Reader
	ctype := ""
	if form != nil {
		r, ctype = strings.NewReader(form.Encode()), "application/x-www-form-urlencoded"
	} else if body != "" {
		r, ctype = strings.NewReader(body), "application/json"
	}
	req, err := http.NewRequest(method, c.base+path, r)
	if err != nil {
		c.t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// upload posts a file to the import form.
func (c *client) upload(path, name string, data []byte, withCSRF bool) (*http.Response, string) {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if withCSRF {
		mw.WriteField("csrf", c.csrf)
	}
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", c.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// multipart sends fields and evidence files as a multipart form, with
// the CSRF token where the pages send it (a field) or the API (a header).
func (c *client) multipart(method, path string, fields url.Values, files map[string]string, csrf bool) (*http.Response, string) {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	api := strings.HasPrefix(path, "/api/")
	if csrf && !api {
		mw.WriteField("csrf", c.csrf)
	}
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for name, data := range files {
		fw, _ := mw.CreateFormFile("evidence", name)
		fw.Write([]byte(data))
	}
	mw.Close()
	req, _ := http.NewRequest(method, c.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if csrf && api {
		req.Header.Set("X-CSRF-Token", c.csrf)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// scenario is one request by one role and what must come of it.
type scenario struct {
	name     string
	role     string // public, office, reporter, viewer
	method   string
	path     string
	form     url.Values        // sent as a form, with the CSRF token unless noCSRF
	json     string            // sent as JSON, with the token in X-CSRF-Token unless noCSRF
	files    map[string]string // evidence files by name: then form and files go as multipart
	noCSRF   bool
	status   int
	contains []string
	lacks    []string
}

// fixture names the objects the scenarios use.
type fixture struct {
	demoPlan, draftPlan   int64
	ownTask, otherTask    int64 // tasks of the demo plan, with and without 省商务厅
	draftTask             int64
	ownUnit, otherUnit    int64
	ownTaskVersion        int
	demoTitle, draftTitle string
}

func setup(t *testing.T, cfg config.Config) (*testServer, fixture) {
	return setupOn(t, storetest.SQLite, cfg)
}

// setupOn is setup on a store opened by open.
func setupOn(t *testing.T, open func(testing.TB) *store.Store, cfg config.Config) (*testServer, fixture) {
	ts := newTestServerOn(t, open, cfg)
	ctx := context.Background()
	var f fixture
	plans, err := ts.st.Overview(ctx, store.PlanListFilter{})
	if err != nil || len(plans) != 1 {
		t.Fatalf("demo plans: %v, %v", plans, err)
	}
	f.demoPlan, f.demoTitle = plans[0].ID, plans[0].Title
	draft := storetest.SamplePlan()
	if f.draftPlan, err = ts.st.CreatePlan(ctx, store.Actor{Username: "test"}, store.NewPlan{Plan: draft}); err != nil {
		t.Fatal(err)
	}
	f.draftTitle = draft.Document.Title
	o, _ := ts.st.PlanOutline(ctx, f.draftPlan, store.TaskFilter{})
	f.draftTask = o.Tasks[0].ID
	swt, err := ts.st.UserByName(ctx, "swt")
	if err != nil {
		t.Fatal(err)
	}
	f.ownUnit = swt.UnitID
	fgw, _ := ts.st.UserByName(ctx, "fgw")
	f.otherUnit = fgw.UnitID
	mine, _ := ts.st.UnitTasks(ctx, f.ownUnit, store.UnitTaskFilter{PublishedOnly: true})
	f.ownTask, f.ownTaskVersion = mine[0].ID, mine[0].Version
	all, _ := ts.st.PlanOutline(ctx, f.demoPlan, store.TaskFilter{})
	for _, task := range all.Tasks {
		own := false
		for _, u := range task.Units {
			own = own || u.UnitID == f.ownUnit
		}
		if !own {
			f.otherTask = task.ID
			break
		}
	}
	return ts, f
}

func run(t *testing.T, clients map[string]*client, scenarios []scenario) {
	t.Helper()
	for _, sc := range scenarios {
		c := clients[sc.role]
		if c == nil {
			t.Fatalf("%s: no client for role %q", sc.name, sc.role)
		}
		var resp *http.Response
		var body string
		switch {
		case sc.files != nil:
			resp, body = c.multipart(sc.method, sc.path, sc.form, sc.files, !sc.noCSRF)
		case sc.form != nil:
			form := url.Values{}
			for k, v := range sc.form {
				form[k] = v
			}
			if !sc.noCSRF {
				form.Set("csrf", c.csrf)
			}
			resp, body = c.do(sc.method, sc.path, form, "")
		case sc.json != "":
			var h []string
			if !sc.noCSRF {
				h = []string{"X-CSRF-Token", c.csrf}
			}
			resp, body = c.do(sc.method, sc.path, nil, sc.json, h...)
		default:
			resp, body = c.do(sc.method, sc.path, nil, "")
		}
		if resp.StatusCode != sc.status {
			t.Errorf("%s (%s %s %s): status %d, want %d\n%.400s", sc.name, sc.role, sc.method, sc.path, resp.StatusCode, sc.status, body)
			continue
		}
		for _, s := range sc.contains {
			if !strings.Contains(body, s) {
				t.Errorf("%s: response lacks %q\n%.400s", sc.name, s, body)
			}
		}
		for _, s := range sc.lacks {
			if strings.Contains(body, s) {
				t.Errorf("%s: response contains %q", sc.name, s)
			}
		}
	}
}

func clientsFor(t *testing.T, base string) map[string]*client {
	return map[string]*client{
		"public":   newClient(t, base),
		"office":   login(t, base, "admin", adminPassword),
		"reporter": login(t, base, "swt", demoPassword),
		"viewer":   login(t, base, demo.Viewer, demoPassword),
	}
}

// TestPermissions runs on every engine: the pages must behave the same
// on SQLite and PostgreSQL.
func TestPermissions(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) { testPermissions(t, e.Open) })
	}
}

func testPermissions(t *testing.T, open func(testing.TB) *store.Store) {
	ts, f := setupOn(t, open, config.Config{})
	clients := clientsFor(t, ts.URL)
	p := func(format string, args ...any) string { return fmt.Sprintf(format, args...) }
	edit := url.Values{"version": {fmt.Sprint(f.ownTaskVersion)}, "text": {"改写的任务"}, "status": {"done"}}

	run(t, clients, []scenario{
		// The public reads public plans only.
		{name: "public home", role: "public", method: "GET", path: "/", status: 200, contains: []string{f.demoTitle}, lacks: []string{f.draftTitle}},
		{name: "public plan", role: "public", method: "GET", path: p("/plans/%d", f.demoPlan), status: 200, contains: []string{f.demoTitle}},
		{name: "public task", role: "public", method: "GET", path: p("/tasks/%d", f.ownTask), status: 200},
		{name: "public draft", role: "public", method: "GET", path: p("/plans/%d", f.draftPlan), status: 404, lacks: []string{f.draftTitle}},
		{name: "public draft task", role: "public", method: "GET", path: p("/tasks/%d", f.draftTask), status: 404},
		{name: "public review", role: "public", method: "GET", path: p("/plans/%d/review", f.draftPlan), status: 303},
		{name: "public units", role: "public", method: "GET", path: "/units", status: 303},
		{name: "public import", role: "public", method: "POST", path: "/import", form: url.Values{"text": {"x"}}, status: 303},
		{name: "public api plans", role: "public", method: "GET", path: "/api/v1/plans", status: 200, contains: []string{f.demoTitle}, lacks: []string{f.draftTitle}},
		{name: "public api draft", role: "public", method: "GET", path: p("/api/v1/plans/%d", f.draftPlan), status: 404, contains: []string{`"code":"error.not_found"`}},
		{name: "public api units", role: "public", method: "GET", path: "/api/v1/units", status: 401},
		{name: "public login without token", role: "public", method: "POST", path: "/login", form: url.Values{"username": {"admin"}, "password": {adminPassword}}, noCSRF: true, status: 403},

		// A reporter sees published work and their own unit, changes nothing of the plan.
		{name: "reporter home", role: "reporter", method: "GET", path: "/", status: 200, contains: []string{`id="my-tasks"`, f.demoTitle}, lacks: []string{f.draftTitle}},
		{name: "reporter own task", role: "reporter", method: "GET", path: p("/tasks/%d", f.ownTask), status: 200, lacks: []string{`id="task-form"`}},
		{name: "reporter other task", role: "reporter", method: "GET", path: p("/tasks/%d", f.otherTask), status: 200},
		{name: "reporter draft", role: "reporter", method: "GET", path: p("/plans/%d", f.draftPlan), status: 404, lacks: []string{f.draftTitle}},
		{name: "reporter draft task", role: "reporter", method: "GET", path: p("/tasks/%d", f.draftTask), status: 404},
		{name: "reporter review", role: "reporter", method: "GET", path: p("/plans/%d/review", f.draftPlan), status: 403},
		{name: "reporter import page", role: "reporter", method: "GET", path: "/import", status: 403},
		{name: "reporter own unit", role: "reporter", method: "GET", path: p("/units/%d", f.ownUnit), status: 200, contains: []string{"省商务厅"}, lacks: []string{f.draftTitle}},
		{name: "reporter other unit", role: "reporter", method: "GET", path: p("/units/%d", f.otherUnit), status: 403},
		{name: "reporter edit task", role: "reporter", method: "POST", path: p("/tasks/%d", f.ownTask), form: edit, status: 403},
		{name: "reporter publish", role: "reporter", method: "POST", path: p("/plans/%d/publish", f.draftPlan), form: url.Values{}, status: 403},
		{name: "reporter map unit", role: "reporter", method: "POST", path: p("/plans/%d/map", f.draftPlan), form: url.Values{"name": {"省商务厅"}, "unit": {fmt.Sprint(f.ownUnit)}}, status: 403},
		{name: "reporter api draft", role: "reporter", method: "GET", path: p("/api/v1/plans/%d", f.draftPlan), status: 404},
		{name: "reporter api edit", role: "reporter", method: "PATCH", path: p("/api/v1/tasks/%d", f.ownTask), json: `{"version":1,"status":"done"}`, status: 403},
		{name: "reporter api other unit", role: "reporter", method: "GET", path: p("/api/v1/units/%d/tasks", f.otherUnit), status: 403},
		{name: "reporter api own unit", role: "reporter", method: "GET", path: p("/api/v1/units/%d/tasks", f.ownUnit), status: 200, contains: []string{`"role":"lead"`}},

		// A viewer reads everything published and changes nothing.
		{name: "viewer plan", role: "viewer", method: "GET", path: p("/plans/%d", f.demoPlan), status: 200},
		{name: "viewer any unit", role: "viewer", method: "GET", path: p("/units/%d", f.otherUnit), status: 200},
		{name: "viewer draft", role: "viewer", method: "GET", path: p("/plans/%d", f.draftPlan), status: 404},
		{name: "viewer edit task", role: "viewer", method: "POST", path: p("/tasks/%d", f.ownTask), form: edit, status: 403},
		{name: "viewer create unit", role: "viewer", method: "POST", path: "/units", form: url.Values{"name": {"某单位"}}, status: 403},
		{name: "viewer publish", role: "viewer", method: "POST", path: p("/plans/%d/publish", f.draftPlan), form: url.Values{}, status: 403},
		{name: "viewer public flag", role: "viewer", method: "POST", path: p("/plans/%d/public", f.demoPlan), form: url.Values{"public": {"false"}}, status: 403},
		{name: "viewer api unit", role: "viewer", method: "POST", path: "/api/v1/units", json: `{"name":"某单位"}`, status: 403},

		// The office.
		{name: "office review", role: "office", method: "GET", path: p("/plans/%d/review", f.draftPlan), status: 200, contains: []string{f.draftTitle, "省发展改革委", `id="publish"`}},
		{name: "office draft task", role: "office", method: "GET", path: p("/tasks/%d", f.draftTask), status: 200, contains: []string{`id="task-form"`}},
		{name: "office edit without token", role: "office", method: "POST", path: p("/tasks/%d", f.ownTask), form: edit, noCSRF: true, status: 403, contains: []string{"表单已过期"}},
		{name: "office api edit without token", role: "office", method: "PATCH", path: p("/api/v1/tasks/%d", f.ownTask), json: `{"version":1}`, noCSRF: true, status: 403},
		{name: "office bad deadline", role: "office", method: "POST", path: p("/tasks/%d", f.ownTask), form: url.Values{"version": edit["version"], "text": {"x"}, "status": {"done"}, "deadline": {"明年"}}, status: 400, contains: []string{"期限格式不正确"}},
		{name: "office bad status", role: "office", method: "POST", path: p("/tasks/%d", f.ownTask), form: url.Values{"version": edit["version"], "text": {"x"}, "status": {"finished"}}, status: 400, contains: []string{"进展状态不正确"}},
		{name: "office bad version", role: "office", method: "POST", path: p("/tasks/%d", f.ownTask), form: url.Values{"version": {"x"}, "text": {"x"}, "status": {"done"}}, status: 400},
		{name: "office bad filter", role: "office", method: "GET", path: p("/plans/%d?status=bogus", f.demoPlan), status: 400},
		{name: "office bad page", role: "office", method: "GET", path: "/?page=0", status: 400},
		{name: "office empty page", role: "office", method: "GET", path: "/?page=2", status: 200, lacks: []string{f.demoTitle}, contains: []string{"上一页"}},
		{name: "office api bad limit", role: "office", method: "GET", path: "/api/v1/plans?limit=0", status: 400},
		{name: "office api page", role: "office", method: "GET", path: "/api/v1/plans?limit=1&offset=1", status: 200, contains: []string{f.demoTitle}, lacks: []string{f.draftTitle}},
		{name: "office bad id", role: "office", method: "GET", path: "/tasks/abc", status: 404},
		{name: "office edit", role: "office", method: "POST", path: p("/tasks/%d", f.ownTask), form: edit, status: 303},
		{name: "office stale edit", role: "office", method: "POST", path: p("/tasks/%d", f.ownTask), form: edit, status: 409, contains: []string{"已被他人修改"}},
		{name: "office history", role: "office", method: "GET", path: p("/tasks/%d", f.ownTask), status: 200, contains: []string{"改写的任务", "修改任务", "admin"}},
		{name: "reporter sees edit", role: "reporter", method: "GET", path: p("/tasks/%d", f.ownTask), status: 200, contains: []string{"改写的任务", "已完成"}},
		{name: "office filters", role: "office", method: "GET", path: p("/plans/%d?status=done", f.demoPlan), status: 200, contains: []string{"改写的任务"}},
		{name: "office unit filter", role: "office", method: "GET", path: p("/plans/%d?unit=%d", f.demoPlan, f.otherUnit), status: 200, lacks: []string{"改写的任务"}},
		{name: "office escapes names", role: "office", method: "POST", path: "/units", form: url.Values{"name": {`<script>alert(1)</script>`}}, status: 303},
		{name: "office units escaped", role: "office", method: "GET", path: "/units", status: 200, contains: []string{"&lt;script&gt;alert(1)&lt;/script&gt;"}, lacks: []string{"<script>alert(1)"}},
		{name: "office empty unit name", role: "office", method: "POST", path: "/units", form: url.Values{"name": {"  "}}, status: 400, contains: []string{"请填写单位名称"}},
		{name: "office publish unconfirmed", role: "office", method: "POST", path: p("/plans/%d/publish", f.draftPlan), form: url.Values{}, status: 400, contains: []string{"请勾选确认后再发布"}},
		{name: "office publish draft", role: "office", method: "POST", path: p("/plans/%d/publish", f.draftPlan), form: url.Values{"confirm": {"yes"}}, status: 303},
		{name: "office publish twice", role: "office", method: "POST", path: p("/plans/%d/publish", f.draftPlan), form: url.Values{"confirm": {"yes"}}, status: 409},
		{name: "reporter sees published", role: "reporter", method: "GET", path: p("/plans/%d", f.draftPlan), status: 200, contains: []string{f.draftTitle, "本单位"}},
		{name: "public still not", role: "public", method: "GET", path: p("/plans/%d", f.draftPlan), status: 404},
		{name: "office make public", role: "office", method: "POST", path: p("/plans/%d/public", f.draftPlan), form: url.Values{"public": {"true"}}, status: 303},
		{name: "reporter users", role: "reporter", method: "GET", path: "/users", status: 403},
		{name: "viewer create user", role: "viewer", method: "POST", path: "/users", form: url.Values{"username": {"boss"}, "role": {"office"}}, status: 403},
		{name: "office users", role: "office", method: "GET", path: "/users", status: 200, contains: []string{"swt", "leader"}},
		{name: "office reporter without unit", role: "office", method: "POST", path: "/users", form: url.Values{"username": {"nounit"}, "role": {"reporter"}}, status: 400, contains: []string{"必须绑定一个单位"}},
		{name: "office bad username", role: "office", method: "POST", path: "/users", form: url.Values{"username": {"<b>x</b>"}, "role": {"viewer"}}, status: 400, contains: []string{"用户名须为"}, lacks: []string{"<b>x</b>"}},
		{name: "office short password", role: "office", method: "POST", path: "/users", form: url.Values{"username": {"viewer2"}, "role": {"viewer"}, "password": {"short"}}, status: 400},
		{name: "office create reporter", role: "office", method: "POST", path: "/users", form: url.Values{"username": {"swt-2"}, "role": {"reporter"}, "unit": {fmt.Sprint(f.ownUnit)}}, status: 201, contains: []string{`id="new-password"`}},
		{name: "office duplicate user", role: "office", method: "POST", path: "/users", form: url.Values{"username": {"swt-2"}, "role": {"viewer"}}, status: 409, contains: []string{"该用户名已被使用"}},
		{name: "office api users", role: "office", method: "GET", path: "/api/v1/users", status: 200, contains: []string{`"username":"swt-2"`}, lacks: []string{"password"}},
		{name: "reporter api users", role: "reporter", method: "GET", path: "/api/v1/users", status: 403},
		{name: "public now", role: "public", method: "GET", path: p("/plans/%d", f.draftPlan), status: 200, contains: []string{f.draftTitle}},
	})
}

func TestImport(t *testing.T) {
	cfg := config.Default()
	cfg.MaxUpload = 64 << 10
	ts, f := setup(t, cfg)
	office := login(t, ts.URL, "admin", adminPassword)
	count := func() int {
		plans, err := ts.st.Overview(context.Background(), store.PlanListFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return len(plans)
	}
	before := count()
	nothingStored := func(what string) {
		if n := count(); n != before {
			t.Errorf("%s: %d plans stored, want %d", what, n, before)
		}
	}

	resp, body := office.upload("/import", "huge.txt", bytes.Repeat([]byte("一、总体要求\n"), 10000), true)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "文件过大") {
		t.Errorf("oversized upload: %d\n%.300s", resp.StatusCode, body)
	}
	nothingStored("oversized")

	resp, body = office.upload("/import", "notes.txt", []byte("会议纪要\n今天讨论了服务业发展的有关问题。\n"), true)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "文档中没有编号任务") {
		t.Errorf("plan without tasks: %d\n%.300s", resp.StatusCode, body)
	}
	nothingStored("no tasks")

	// A plan cut after its goals reads as a plan but gives nothing to assign.
	goalsOnly := "西川省现代物流发展实施方案\n一、总体要求\n（一）发展目标\n到2027年，全省社会物流总费用与地区生产总值的比率下降至13%左右，新增冷链仓储能力50万吨。\n"
	resp, body = office.upload("/import", "goals.txt", []byte(goalsOnly), true)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "文档中没有编号任务") {
		t.Errorf("plan with goals only: %d\n%.300s", resp.StatusCode, body)
	}
	nothingStored("goals only")

	resp, body = office.upload("/import", "image.png", []byte{0x89, 'P', 'N', 'G', 0, 0, 0, 0, 1, 2, 3, 0, 0, 0xff, 0xfe, 0}, true)
	if resp.StatusCode != http.StatusUnsupportedMediaType || !strings.Contains(body, "无法读取该文件") {
		t.Errorf("binary upload: %d\n%.300s", resp.StatusCode, body)
	}
	nothingStored("binary")

	resp, body = office.upload("/import", "plan.pdf", []byte("%PDF-1.7\n1 0 obj << /Type /Catalog"), true)
	if resp.StatusCode != http.StatusUnsupportedMediaType || !strings.Contains(body, "无法读取该文件") {
		t.Errorf("broken PDF upload: %d\n%.300s", resp.StatusCode, body)
	}
	nothingStored("broken PDF")

	resp, body = office.do("POST", "/import", url.Values{"csrf": {office.csrf}, "text": {"   "}}, "")
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "请选择文件或粘贴规划全文") {
		t.Errorf("empty import: %d\n%.300s", resp.StatusCode, body)
	}

	resp, body = office.upload("/import", demo.PlanFile, demo.PlanText(), true)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "该文档已导入过") || !strings.Contains(body, fmt.Sprintf("/plans/%d", f.demoPlan)) {
		t.Errorf("duplicate import: %d\n%.300s", resp.StatusCode, body)
	}
	nothingStored("duplicate")

	resp, _ = office.upload("/import", "plan.txt", []byte("西川省2026年工作要点\n一、重点任务\n1.建设物流枢纽。（省商务厅负责）\n"), false)
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("upload without CSRF token: %d", resp.StatusCode)
	}
	nothingStored("no csrf")

	text := "西川省2026年服务业工作要点\n一、重点任务\n1.建设物流枢纽。年内新增物流园区3个。（牵头单位：省发展改革委；配合单位：省商务厅）\n2.发展夜间经济。（省商务厅负责）\n"
	resp, _ = office.do("POST", "/import", url.Values{"csrf": {office.csrf}, "text": {text}}, "")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasSuffix(resp.Header.Get("Location"), "/review") {
		t.Fatalf("pasted import: %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body = office.do("GET", resp.Header.Get("Location"), nil, "")
	if resp.StatusCode != 200 || !strings.Contains(body, "建设物流枢纽") || !strings.Contains(body, `class="in-task`) {
		t.Errorf("review of the pasted plan: %d", resp.StatusCode)
	}
	if count() != before+1 {
		t.Errorf("pasted plan not stored")
	}

	// The API refuses the same way.
	resp, body = office.do("POST", "/api/v1/plans", nil, `{"file_name":"x.txt","text":"没有任务的文字"}`, "X-CSRF-Token", office.csrf)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `"code":"import.no_tasks"`) {
		t.Errorf("api import without tasks: %d %s", resp.StatusCode, body)
	}
	payload, _ := json.Marshal(map[string]string{"file_name": "again.txt", "text": string(demo.PlanText())})
	resp, body = office.do("POST", "/api/v1/plans", nil, string(payload), "X-CSRF-Token", office.csrf)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, fmt.Sprintf(`"plan_id":%d`, f.demoPlan)) {
		t.Errorf("api duplicate: %d %s", resp.StatusCode, body)
	}
	if count() != before+1 {
		t.Errorf("the API stored a refused plan")
	}
}

// TestReviewChecksFirst lists the tasks whose units the extractor was not
// sure of above the others, with the reason, and only those.
func TestReviewChecksFirst(t *testing.T) {
	ts, _ := setup(t, config.Default())
	office := login(t, ts.URL, "admin", adminPassword)
	text := "西川省2026年家政服务工作要点\n一、重点任务\n1.培育家政龙头企业。（省商务厅负责）\n2.建设家政培训基地。（省人力资源社会保障厅负责）\n" +
		"3.开展家政诚信建设。\n4.推进社区嵌入式服务。（省民政厅负责）\n"
	resp, _ := office.do("POST", "/import", url.Values{"csrf": {office.csrf}, "text": {text}}, "")
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("import: %d", resp.StatusCode)
	}
	resp, body := office.do("GET", resp.Header.Get("Location"), nil, "")
	if resp.StatusCode != 200 {
		t.Fatalf("review: %d", resp.StatusCode)
	}
	start := strings.Index(body, `id="check-first"`)
	if start < 0 {
		t.Fatalf("no list of tasks to check first:\n%.2000s", body)
	}
	panel := body[start:]
	panel = panel[:strings.Index(panel, "</section>")]
	if !strings.Contains(panel, "开展家政诚信建设") || !strings.Contains(panel, "本项未写明责任单位") {
		t.Errorf("task 3 and its reason not listed to check first:\n%s", panel)
	}
	for _, other := range []string{"培育家政龙头企业", "建设家政培训基地", "推进社区嵌入式服务"} {
		if strings.Contains(panel, other) {
			t.Errorf("%s listed to check first, though its units were read", other)
		}
	}
	if n := strings.Count(body, `class="task-card low"`); n != 1 {
		t.Errorf("%d task cards marked for checking, want 1", n)
	}
}

func TestLoginSecurity(t *testing.T) {
	ts, _ := setup(t, config.Config{})
	c := newClient(t, ts.URL)
	for i := 0; i < 5; i++ {
		resp, body := c.do("POST", "/login", url.Values{"csrf": {c.csrf}, "username": {"admin"}, "password": {"wrong"}}, "")
		if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "用户名或密码不正确") {
			t.Fatalf("failure %d: status %d", i+1, resp.StatusCode)
		}
	}
	resp, body := c.do("POST", "/login", url.Values{"csrf": {c.csrf}, "username": {"admin"}, "password": {adminPassword}}, "")
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "登录失败次数过多") {
		t.Errorf("after 5 failures the right password gave %d", resp.StatusCode)
	}

	// Another account from the same address is not locked; cookies are
	// HttpOnly and SameSite, and Secure behind an https proxy.
	c2 := newClient(t, ts.URL)
	req, _ := http.NewRequest("POST", ts.URL+"/login", strings.NewReader(url.Values{"csrf": {c2.csrf}, "username": {"swt"}, "password": {demoPassword}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-Proto", "https")
	resp, err := c2.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("reporter login: %d", resp.StatusCode)
	}
	cookie := resp.Header.Get("Set-Cookie")
	for _, attr := range []string{"luoshi_session=", "HttpOnly", "SameSite=Lax", "Secure"} {
		if !strings.Contains(cookie, attr) {
			t.Errorf("session cookie %q lacks %s", cookie, attr)
		}
	}

	// API login answers with the CSRF token for later calls.
	api := newClient(t, ts.URL)
	resp, body = api.do("POST", "/api/v1/session", nil, `{"username":"leader","password":"`+demoPassword+`"}`)
	var s struct {
		CSRF string `json:"csrf_token"`
		User struct {
			Role string `json:"role"`
		} `json:"user"`
	}
	if err := json.Unmarshal([]byte(body), &s); resp.StatusCode != 200 || err != nil || s.CSRF == "" || s.User.Role != "viewer" {
		t.Errorf("api login: %d %s", resp.StatusCode, body)
	}
	if strings.Contains(body, "password") {
		t.Error("the API shows a password hash")
	}
}

func TestLocaleSwitch(t *testing.T) {
	ts, _ := setup(t, config.Config{})
	c := login(t, ts.URL, "leader", demoPassword)
	_, body := c.do("GET", "/", nil, "")
	if !strings.Contains(body, "规划与工作要点") {
		t.Fatal("the default interface is not Chinese")
	}
	resp, _ := c.do("POST", "/locale", url.Values{"csrf": {c.csrf}, "lang": {"en"}, "next": {"/"}}, "")
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("switch: %d", resp.StatusCode)
	}
	// The choice belongs to the account, not only to this browser.
	again := login(t, ts.URL, "leader", demoPassword)
	_, body = again.do("GET", "/", nil, "")
	if !strings.Contains(body, "Plans and work points") {
		t.Error("English was not kept for the account")
	}
	resp, _ = c.do("POST", "/locale", url.Values{"csrf": {c.csrf}, "lang": {"fr"}}, "")
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown language: %d", resp.StatusCode)
	}
}

func TestOpenAPI(t *testing.T) {
	ts, _ := setup(t, config.Config{})
	c := newClient(t, ts.URL)
	resp, body := c.do("GET", "/api/openapi.json", nil, "")
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal([]byte(body), &doc); resp.StatusCode != 200 || err != nil {
		t.Fatalf("openapi: %d %v", resp.StatusCode, err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi version %q", doc.OpenAPI)
	}
	// Every API route is documented.
	for _, route := range []string{"POST /api/v1/session", "DELETE /api/v1/session", "GET /api/v1/me", "GET /api/v1/plans", "POST /api/v1/plans",
		"GET /api/v1/plans/{id}", "DELETE /api/v1/plans/{id}", "POST /api/v1/plans/{id}/publish", "PUT /api/v1/plans/{id}/public",
		"POST /api/v1/plans/{id}/mappings", "GET /api/v1/tasks/{id}", "PATCH /api/v1/tasks/{id}", "PUT /api/v1/task-units/{id}",
		"PUT /api/v1/targets/{id}", "GET /api/v1/units", "POST /api/v1/units", "GET /api/v1/units/{id}/tasks",
		"GET /api/v1/users", "POST /api/v1/users"} {
		method, path, _ := strings.Cut(route, " ")
		if _, ok := doc.Paths[strings.TrimPrefix(path, "/api/v1")][strings.ToLower(method)]; !ok {
			t.Errorf("%s is not in the OpenAPI document", route)
		}
	}
}

// TestReportPermissions: every route that takes the id of a report or
// of a task's report, tried by a unit on another unit's object, on
// every engine. 省商务厅 (swt) cooperates on task 1, led by 省发展改革委
// (fgw), and has no assignment on task 6, led by 省工业和信息化厅 (gxt).
func TestReportPermissions(t *testing.T) {
	eachEngine(t, func(t *testing.T, open func(testing.TB) *store.Store) {
		x := integritySetup(t, open)
		ctx := context.Background()
		p := x.p
		fgwQ3, err := x.ts.st.LatestReport(ctx, x.task["1"].ID, x.fgwUnit, "2026-Q3")
		if err != nil {
			t.Fatal(err)
		}
		gxt, _ := x.ts.st.UserByName(ctx, "gxt")
		var draft apiReportResp
		apiCall(t, x.gxt, "PUT", x.taskReport("6"), `{"period":"2026-Q4","rev":1,"content":{"status":"on_track","done":"工信厅的草稿"}}`, http.StatusOK, &draft)
		var sub apiReportResp
		apiCall(t, x.gxt, "POST", x.taskReport("6")+"/submit", fmt.Sprintf(`{"period":"2026-Q4","rev":%d,"content":{"progress":20,"confidence":"on_track"}}`, draft.Rev), http.StatusOK, &sub)
		if sub.State != "submitted" {
			t.Fatalf("gxt's report = %+v", sub)
		}
		ret, err := x.ts.st.LatestReport(ctx, x.task["6"].ID, gxt.UnitID, "2026-Q3") // the demo's returned report
		if err != nil || ret.State != reporting.Returned {
			t.Fatalf("demo's returned report of task 6: %+v, %v", ret.State, err)
		}
		pageSWT := login(t, x.ts.URL, "swt", demoPassword)
		clients := map[string]*client{"reporter": pageSWT, "api-reporter": x.swt}
		own6 := x.p("/tasks/%d/report", x.task["6"].ID)
		decide := func(id int64, rev int, action string) url.Values {
			return url.Values{"action": {action}, "rev": {fmt.Sprint(rev)}, "comment": {"越权"}}
		}
		body := func(rev int) string {
			return fmt.Sprintf(`{"period":"2026-Q4","rev":%d,"content":{"status":"on_track","progress":10,"confidence":"on_track","done":"越权写的"}}`, rev)
		}
		run(t, clients, []scenario{
			// Pages.
			{name: "another unit's report", role: "reporter", method: "GET", path: p("/reports/%d", fgwQ3.ID), status: 404, lacks: []string{fgwQ3.Content.Done}},
			{name: "another unit's submitted report", role: "reporter", method: "GET", path: p("/reports/%d", sub.ID), status: 404, lacks: []string{"工信厅的草稿"}},
			{name: "decide another unit's report", role: "reporter", method: "POST", path: p("/reports/%d/decide", sub.ID), form: decide(sub.ID, sub.Rev, "accept"), status: 403},
			{name: "another unit's task's form", role: "reporter", method: "GET", path: own6 + "?period=2026-Q4", status: 200, lacks: []string{"工信厅的草稿", `id="report-form"`}},
			{name: "save on another unit's task", role: "reporter", method: "POST", path: own6, form: url.Values{"period": {"2026-Q4"}, "action": {"save"}, "rev": {"1"}, "status": {"on_track"}}, status: 403},
			{name: "no progress on another unit's task", role: "reporter", method: "POST", path: own6, form: url.Values{"period": {"2026-Q4"}, "action": {"no_progress"}, "rev": {"1"}}, status: 403},
			{name: "revise on another unit's task", role: "reporter", method: "POST", path: own6, form: url.Values{"period": {"2026-Q3"}, "action": {"revise"}, "rev": {fmt.Sprint(ret.Rev)}}, status: 403},
			{name: "the lead's form seen by a cooperating unit", role: "reporter", method: "GET", path: p("/tasks/%d/report?period=2026-Q3", x.task["1"].ID), status: 200, lacks: []string{fgwQ3.Content.Done}},
			{name: "another unit's task page", role: "reporter", method: "GET", path: p("/tasks/%d", x.task["6"].ID), status: 200, lacks: []string{ret.Comment, "工信厅的草稿"}},
			// API.
			{name: "api another unit's report", role: "api-reporter", method: "GET", path: p("/api/v1/reports/%d", fgwQ3.ID), status: 404, lacks: []string{fgwQ3.Content.Done}},
			{name: "api another unit's returned report", role: "api-reporter", method: "GET", path: p("/api/v1/reports/%d", ret.ID), status: 404, lacks: []string{ret.Comment}},
			{name: "api accept another unit's report", role: "api-reporter", method: "POST", path: p("/api/v1/reports/%d/accept", sub.ID), json: fmt.Sprintf(`{"rev":%d}`, sub.Rev), status: 403},
			{name: "api return another unit's report", role: "api-reporter", method: "POST", path: p("/api/v1/reports/%d/return", sub.ID), json: fmt.Sprintf(`{"rev":%d,"comment":"x"}`, sub.Rev), status: 403},
			{name: "api another unit's form data", role: "api-reporter", method: "GET", path: x.taskReport("6") + "?period=2026-Q4", status: 200, contains: []string{`"role":""`, `"others":[]`}, lacks: []string{"工信厅的草稿"}},
			{name: "api save on another unit's task", role: "api-reporter", method: "PUT", path: x.taskReport("6"), json: body(1), status: 403},
			{name: "api submit on another unit's task", role: "api-reporter", method: "POST", path: x.taskReport("6") + "/submit", json: body(1), status: 403},
			{name: "api revise on another unit's task", role: "api-reporter", method: "POST", path: x.taskReport("6") + "/revise", json: fmt.Sprintf(`{"period":"2026-Q3","rev":%d}`, ret.Rev), status: 403},
			{name: "api no progress on another unit's task", role: "api-reporter", method: "POST", path: x.taskReport("6") + "/no-progress", json: `{"period":"2026-Q4","rev":1}`, status: 403},
			{name: "api another unit's task history", role: "api-reporter", method: "GET", path: p("/api/v1/tasks/%d", x.task["6"].ID), status: 200, lacks: []string{ret.Comment, `report_`}},
			{name: "api the lead's report on a task it cooperates on", role: "api-reporter", method: "GET", path: p("/api/v1/reports/%d", fgwQ3.ID), status: 404},
		})
		if st, _ := uploadEvidence(t, x.swt, x.taskReport("6")+"/evidence", map[string]string{"period": "2026-Q4", "rev": "1"}, map[string][]byte{"a.txt": []byte("越权")}, true); st != http.StatusForbidden {
			t.Errorf("evidence on another unit's task: %d, want 403", st)
		}
		// Nothing of the above changed gxt's report.
		if got, _ := x.ts.st.ReportByID(ctx, sub.ID); got.State != reporting.Submitted || got.Rev != sub.Rev || got.Content.Done != "工信厅的草稿" {
			t.Errorf("gxt's report after the attempts: %+v", got.Report)
		}
	})
}
