package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"luoshi/internal/config"
	"luoshi/internal/store"
	"luoshi/internal/store/storetest"
)

// collectivePlan is a pasted plan with a task without units and two
// collective names: 各市人民政府 (which the registry cannot expand in a
// province it does not know) and 省直有关部门.
const collectivePlan = "西川省2026年家政服务工作要点\n一、重点任务\n1.培育家政龙头企业。（省商务厅负责）\n" +
	"2.建设家政培训基地。（牵头单位：省人力资源社会保障厅；配合单位：各市人民政府）\n3.开展家政诚信建设。\n" +
	"4.推进社区嵌入式服务。（省民政厅、省直有关部门负责）\n"

func importText(t *testing.T, c *client, text string) int64 {
	t.Helper()
	resp, _ := c.do("POST", "/import", url.Values{"csrf": {c.csrf}, "text": {text}}, "")
	var id int64
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("import: %d", resp.StatusCode)
	}
	fmt.Sscanf(resp.Header.Get("Location"), "/plans/%d/review", &id)
	return id
}

// TestOfficeCorrections runs the office's corrections of a plan through
// the pages and the API, on every engine, with who may do what.
func TestOfficeCorrections(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) { testOfficeCorrections(t, e.Open) })
	}
}

func testOfficeCorrections(t *testing.T, open func(testing.TB) *store.Store) {
	ts, f := setupOn(t, open, config.Default())
	ctx := context.Background()
	clients := clientsFor(t, ts.URL)
	office := clients["office"]
	draft := importText(t, office, collectivePlan)
	o, _ := ts.st.PlanOutline(ctx, draft, store.TaskFilter{})
	first, bare := o.Tasks[0], o.Tasks[2]
	demo, _ := ts.st.PlanByID(ctx, f.demoPlan)
	p := func(format string, args ...any) string { return fmt.Sprintf(format, args...) }
	meta := func(rev int, title, date string) url.Values {
		return url.Values{"rev": {fmt.Sprint(rev)}, "title": {title}, "doc_number": {demo.DocNumber}, "doc_date": {date},
			"region": {demo.Region}, "year": {"2026"}}
	}
	newTarget := url.Values{"indicator": {"家政服务网点"}, "value": {"1200"}, "unit": {"个"}, "comparator": {">="}, "year": {"2026"}}
	addTask := url.Values{"after": {fmt.Sprint(first.ID)}, "label": {"1之一"}, "text": {"建设家政服务标准体系。"}}

	scenarios := []scenario{}
	// Only the office corrects; the others are refused, the public sent to sign in.
	for _, role := range []string{"reporter", "viewer", "public"} {
		status := http.StatusForbidden
		if role == "public" {
			status = http.StatusSeeOther
		}
		for _, sc := range []scenario{
			{method: "GET", path: p("/plans/%d/publish", draft)},
			{method: "GET", path: p("/plans/%d/discard", draft)},
			{method: "POST", path: p("/plans/%d/meta", f.demoPlan), form: meta(demo.Rev, "改过的标题", "")},
			{method: "POST", path: p("/plans/%d/collectives", draft), form: url.Values{"name": {"各市人民政府"}, "action": {"as_is"}}},
			{method: "POST", path: p("/plans/%d/tasks", draft), form: addTask},
			{method: "POST", path: p("/plans/%d/targets", draft), form: newTarget},
			{method: "POST", path: p("/tasks/%d/delete", first.ID), form: url.Values{"version": {"1"}, "confirm": {"yes"}}},
			{method: "POST", path: p("/tasks/%d/targets", first.ID), form: newTarget},
			{method: "POST", path: p("/plans/%d/publish", draft), form: url.Values{"confirm": {"yes"}}},
			{method: "POST", path: p("/plans/%d/delete", draft), form: url.Values{"confirm": {"yes"}}},
		} {
			sc.name, sc.role, sc.status = role+" "+sc.method+" "+sc.path, role, status
			scenarios = append(scenarios, sc)
		}
	}
	if role := "reporter"; true {
		for _, sc := range []scenario{
			{method: "PATCH", path: p("/api/v1/plans/%d", f.demoPlan), json: p(`{"rev":%d,"title":"x"}`, demo.Rev)},
			{method: "GET", path: p("/api/v1/plans/%d/readiness", draft)},
			{method: "POST", path: p("/api/v1/plans/%d/collectives", draft), json: `{"name":"各市人民政府","as_is":true}`},
			{method: "POST", path: p("/api/v1/plans/%d/tasks", draft), json: `{"label":"9","text":"x"}`},
			{method: "DELETE", path: p("/api/v1/tasks/%d?version=1", first.ID)},
			{method: "POST", path: p("/api/v1/tasks/%d/targets", first.ID), json: `{"indicator":"x","value":1}`},
			{method: "DELETE", path: p("/api/v1/targets/%d", 1)},
		} {
			sc.name, sc.role, sc.status = role+" api "+sc.method+" "+sc.path, role, http.StatusForbidden
			scenarios = append(scenarios, sc)
		}
	}
	scenarios = append(scenarios, []scenario{
		// Metadata: on a published plan, under its revision.
		{name: "meta bad date", role: "office", method: "POST", path: p("/plans/%d/meta", f.demoPlan), form: meta(demo.Rev, demo.Title, "2月16日"), status: 400, contains: []string{"日期格式不正确"}},
		{name: "meta no title", role: "office", method: "POST", path: p("/plans/%d/meta", f.demoPlan), form: meta(demo.Rev, " ", ""), status: 400, contains: []string{"请填写规划标题"}},
		{name: "meta no rev", role: "office", method: "POST", path: p("/plans/%d/meta", f.demoPlan), form: url.Values{"title": {"x"}}, status: 400},
		{name: "meta", role: "office", method: "POST", path: p("/plans/%d/meta", f.demoPlan), form: meta(demo.Rev, "东川省2026年服务业发展工作要点（修订）", "2026-02-18"), status: 303},
		{name: "meta stale", role: "office", method: "POST", path: p("/plans/%d/meta", f.demoPlan), form: meta(demo.Rev, "又一个标题", ""), status: 409, contains: []string{"规划信息已被他人修改"}},
		{name: "meta shown", role: "public", method: "GET", path: p("/plans/%d", f.demoPlan), status: 200, contains: []string{"东川省2026年服务业发展工作要点（修订）", "2026-02-18"}},
		{name: "meta history", role: "office", method: "GET", path: p("/plans/%d/review", f.demoPlan), status: 200, contains: []string{"修改规划信息", "<del>2026-02-16</del>", "id=\"meta-form\""}},
		{name: "api meta stale", role: "office", method: "PATCH", path: p("/api/v1/plans/%d", f.demoPlan), json: p(`{"rev":%d,"region":"东川"}`, demo.Rev), status: 409, contains: []string{`"code":"plan.meta_conflict"`}},
		{name: "api meta no rev", role: "office", method: "PATCH", path: p("/api/v1/plans/%d", f.demoPlan), json: `{"title":"x"}`, status: 400},
		{name: "api meta bad year", role: "office", method: "PATCH", path: p("/api/v1/plans/%d", f.demoPlan), json: p(`{"rev":%d,"year":20260}`, demo.Rev+1), status: 400, contains: []string{`"code":"plan.bad_year"`}},
		{name: "api meta", role: "office", method: "PATCH", path: p("/api/v1/plans/%d", f.demoPlan), json: p(`{"rev":%d,"issuer":"东川省人民政府办公厅"}`, demo.Rev+1), status: 200, contains: []string{`"issuer":"东川省人民政府办公厅"`, `"rev":3`, "东川省2026年服务业发展工作要点（修订）"}},

		// Tasks and targets.
		{name: "add task no label", role: "office", method: "POST", path: p("/plans/%d/tasks", draft), form: url.Values{"text": {"x"}}, status: 400, contains: []string{"请填写任务序号"}},
		{name: "add task", role: "office", method: "POST", path: p("/plans/%d/tasks", draft), form: addTask, status: 303},
		{name: "add target bad value", role: "office", method: "POST", path: p("/tasks/%d/targets", first.ID), form: url.Values{"indicator": {"x"}, "value": {"一千"}}, status: 400, contains: []string{"目标数值必须是数字"}},
		{name: "add target", role: "office", method: "POST", path: p("/tasks/%d/targets", first.ID), form: newTarget, status: 303},
		{name: "add goal", role: "office", method: "POST", path: p("/plans/%d/targets", draft), form: newTarget, status: 303},
		{name: "task shows target", role: "office", method: "GET", path: p("/tasks/%d", first.ID), status: 200, contains: []string{"家政服务网点", "增加目标", `id="add-task-form"`, `id="delete-task-form"`}},
		{name: "delete task unconfirmed", role: "office", method: "POST", path: p("/tasks/%d/delete", bare.ID), form: url.Values{"version": {fmt.Sprint(bare.Version)}}, status: 400, contains: []string{"请勾选确认"}},
		{name: "delete task stale", role: "office", method: "POST", path: p("/tasks/%d/delete", bare.ID), form: url.Values{"version": {"99"}, "confirm": {"yes"}}, status: 409},

		// Publishing asks: tasks without units, collective names.
		{name: "publish page", role: "office", method: "GET", path: p("/plans/%d/publish", draft), status: 200,
			contains: []string{`id="no-units"`, "开展家政诚信建设", "各市人民政府", "省直有关部门", "待展开或确认", `id="publish-check"`, "还有 2 个统称单位"}},
		{name: "review links the warnings", role: "office", method: "GET", path: p("/plans/%d/review", draft), status: 200, contains: []string{`id="publish-warnings"`, p(`href="/plans/%d/publish"`, draft)}},
		{name: "publish unconfirmed", role: "office", method: "POST", path: p("/plans/%d/publish", draft), form: url.Values{}, status: 400, contains: []string{"请勾选确认后再发布"}},
		{name: "publish open collectives", role: "office", method: "POST", path: p("/plans/%d/publish", draft), form: url.Values{"confirm": {"yes"}}, status: 409, contains: []string{"统称单位尚未展开或确认", "各市人民政府"}},
		{name: "expand into nothing", role: "office", method: "POST", path: p("/plans/%d/collectives", draft), form: url.Values{"name": {"各市人民政府"}, "action": {"expand"}}, status: 400, contains: []string{"请选择该统称包含的单位"}},
		{name: "expand bad unit", role: "office", method: "POST", path: p("/plans/%d/collectives", draft), form: url.Values{"name": {"各市人民政府"}, "action": {"expand"}, "unit": {"abc"}}, status: 400},
		{name: "collective unknown action", role: "office", method: "POST", path: p("/plans/%d/collectives", draft), form: url.Values{"name": {"各市人民政府"}, "action": {"drop"}}, status: 400},
		{name: "collective not in plan", role: "office", method: "POST", path: p("/plans/%d/collectives", draft), form: url.Values{"name": {"各县区政府"}, "action": {"as_is"}}, status: 404},
		{name: "expand", role: "office", method: "POST", path: p("/plans/%d/collectives", draft), form: url.Values{"name": {"各市人民政府"}, "action": {"expand"}, "unit": {fmt.Sprint(f.ownUnit), fmt.Sprint(f.otherUnit)}}, status: 303},
		{name: "as is", role: "office", method: "POST", path: p("/plans/%d/collectives", draft), form: url.Values{"name": {"省直有关部门"}, "action": {"as_is"}}, status: 303},
		{name: "publish page decided", role: "office", method: "GET", path: p("/plans/%d/publish", draft), status: 200, contains: []string{"已展开为 2 个单位", "已确认按原文保留"}, lacks: []string{`id="open-collectives"`}},
		{name: "publish", role: "office", method: "POST", path: p("/plans/%d/publish", draft), form: url.Values{"confirm": {"yes"}}, status: 303},
		{name: "expanded assignment", role: "reporter", method: "GET", path: p("/units/%d", f.ownUnit), status: 200, contains: []string{"建设家政培训基地"}},
		{name: "discard published", role: "office", method: "GET", path: p("/plans/%d/discard", draft), status: 409},
	}...)
	run(t, clients, scenarios)

	// The task added sits after the first, and can be deleted.
	o, _ = ts.st.PlanOutline(ctx, draft, store.TaskFilter{})
	if len(o.Tasks) != 5 || o.Tasks[1].Label != "1之一" {
		t.Fatalf("tasks after adding: %+v", o.Tasks)
	}
	added := o.Tasks[1]
	run(t, clients, []scenario{
		{name: "delete task", role: "office", method: "POST", path: p("/tasks/%d/delete", added.ID), form: url.Values{"version": {fmt.Sprint(added.Version)}, "confirm": {"yes"}}, status: 303},
		{name: "deleted task", role: "office", method: "GET", path: p("/tasks/%d", added.ID), status: 404},
		{name: "plan history", role: "office", method: "GET", path: p("/plans/%d/review", draft), status: 200, contains: []string{"删除任务", "1之一", "展开统称单位", "确认统称单位"}},
	})
	goals, _ := ts.st.PlanByID(ctx, draft)
	if len(goals.Goals) != 1 {
		t.Fatalf("goals = %+v", goals.Goals)
	}
	run(t, clients, []scenario{
		{name: "delete goal", role: "office", method: "POST", path: p("/targets/%d/delete", goals.Goals[0].ID), form: url.Values{}, status: 303},
		{name: "delete goal twice", role: "office", method: "POST", path: p("/targets/%d/delete", goals.Goals[0].ID), form: url.Values{}, status: 404},
	})

	// Discard: a confirmation page naming the units that go with the draft.
	second := importText(t, office, strings.Replace(collectivePlan, "家政服务", "养老服务", 1))
	uid, err := ts.st.UnitByName(ctx, "省家政协会", "")
	if err == nil {
		t.Fatalf("unit exists before the test: %+v", uid)
	}
	o2, _ := ts.st.PlanOutline(ctx, second, store.TaskFilter{})
	resp, _ := office.do("POST", p("/tasks/%d/units", o2.Tasks[2].ID), url.Values{"csrf": {office.csrf}, "role": {"lead"}, "new_name": {"省家政协会"}, "region": {"西川省"}}, "")
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add a new unit: %d", resp.StatusCode)
	}
	run(t, clients, []scenario{
		{name: "discard page", role: "office", method: "GET", path: p("/plans/%d/discard", second), status: 200, contains: []string{"省家政协会", `id="discard-check"`}},
		{name: "discard unconfirmed", role: "office", method: "POST", path: p("/plans/%d/delete", second), form: url.Values{}, status: 400, contains: []string{"请勾选确认后再放弃草稿"}},
		{name: "discard", role: "office", method: "POST", path: p("/plans/%d/delete", second), form: url.Values{"confirm": {"yes"}}, status: 303},
		{name: "discarded", role: "office", method: "GET", path: p("/plans/%d/review", second), status: 404},
	})
	if _, err := ts.st.UnitByName(ctx, "省家政协会", ""); err == nil {
		t.Errorf("the unit the draft created outlived it")
	}
}

// TestOfficeCorrectionsAPI: the same rules through the JSON API.
func TestOfficeCorrectionsAPI(t *testing.T) {
	ts, f := setup(t, config.Default())
	office := apiLogin(t, ts.URL, "admin", adminPassword)
	body, _ := json.Marshal(map[string]string{"file_name": "jz.txt", "text": collectivePlan})
	var created struct {
		Plan  store.Plan   `json:"plan"`
		Tasks []store.Task `json:"tasks"`
	}
	apiCall(t, office, "POST", "/api/v1/plans", string(body), http.StatusCreated, &created)
	id := created.Plan.ID
	var ready struct {
		Tasks       int `json:"tasks"`
		NoUnits     []struct{ Label string }
		Collectives []struct {
			Name string `json:"name"`
			Open bool   `json:"open"`
		} `json:"collectives"`
	}
	apiCall(t, office, "GET", fmt.Sprintf("/api/v1/plans/%d/readiness", id), "", http.StatusOK, &ready)
	if ready.Tasks != 4 || len(ready.Collectives) != 2 || !ready.Collectives[0].Open {
		t.Fatalf("readiness = %+v", ready)
	}
	apiCall(t, office, "POST", fmt.Sprintf("/api/v1/plans/%d/publish", id), `{"confirm":true}`, http.StatusConflict, nil)
	apiCall(t, office, "POST", fmt.Sprintf("/api/v1/plans/%d/collectives", id), `{"name":"各市人民政府","unit_ids":[]}`, http.StatusBadRequest, nil)
	apiCall(t, office, "POST", fmt.Sprintf("/api/v1/plans/%d/collectives", id), `{"name":"各市人民政府","unit_ids":[1],"as_is":true}`, http.StatusBadRequest, nil)
	apiCall(t, office, "POST", fmt.Sprintf("/api/v1/plans/%d/collectives", id), fmt.Sprintf(`{"name":"各市人民政府","unit_ids":[%d]}`, f.ownUnit), http.StatusOK, &ready)
	apiCall(t, office, "POST", fmt.Sprintf("/api/v1/plans/%d/collectives", id), `{"name":"省直有关部门","as_is":true}`, http.StatusOK, &ready)
	for _, c := range ready.Collectives {
		if c.Open {
			t.Errorf("still open: %+v", c)
		}
	}
	var task struct {
		Task store.Task `json:"task"`
	}
	apiCall(t, office, "POST", fmt.Sprintf("/api/v1/plans/%d/tasks", id), fmt.Sprintf(`{"after":%d,"label":"2之一","text":"完善家政信用档案。"}`, created.Tasks[1].ID), http.StatusCreated, &task)
	if task.Task.Label != "2之一" || task.Task.Ord != 2 {
		t.Errorf("added task = %+v", task.Task)
	}
	apiCall(t, office, "POST", fmt.Sprintf("/api/v1/plans/%d/tasks", id), `{"label":"","text":"x"}`, http.StatusBadRequest, nil)
	var target struct {
		ID int64 `json:"id"`
	}
	apiCall(t, office, "POST", fmt.Sprintf("/api/v1/tasks/%d/targets", task.Task.ID), `{"indicator":"家政信用档案","value":5000,"unit":"份","comparator":">="}`, http.StatusCreated, &target)
	apiCall(t, office, "POST", fmt.Sprintf("/api/v1/tasks/%d/targets", task.Task.ID), `{"indicator":"x","value":1,"comparator":"!"}`, http.StatusBadRequest, nil)
	apiCall(t, office, "POST", fmt.Sprintf("/api/v1/plans/%d/targets", id), `{"indicator":"家政企业","value":100,"unit":"家"}`, http.StatusCreated, nil)
	apiCall(t, office, "DELETE", fmt.Sprintf("/api/v1/targets/%d", target.ID), "", http.StatusNoContent, nil)
	apiCall(t, office, "DELETE", fmt.Sprintf("/api/v1/tasks/%d", task.Task.ID), "", http.StatusBadRequest, nil)
	apiCall(t, office, "DELETE", fmt.Sprintf("/api/v1/tasks/%d?version=%d", task.Task.ID, task.Task.Version+1), "", http.StatusConflict, nil)
	apiCall(t, office, "DELETE", fmt.Sprintf("/api/v1/tasks/%d?version=%d", task.Task.ID, task.Task.Version), "", http.StatusNoContent, nil)
	var pub struct {
		Assignments int `json:"assignments"`
	}
	apiCall(t, office, "POST", fmt.Sprintf("/api/v1/plans/%d/publish", id), `{"confirm":true}`, http.StatusOK, &pub)
	if pub.Assignments == 0 {
		t.Errorf("published with no assignment")
	}
	var got struct {
		Plan store.Plan `json:"plan"`
	}
	apiCall(t, office, "GET", fmt.Sprintf("/api/v1/plans/%d", id), "", http.StatusOK, &got)
	apiCall(t, office, "PATCH", fmt.Sprintf("/api/v1/plans/%d", id), fmt.Sprintf(`{"rev":%d,"doc_number":"西政办发〔2026〕9号"}`, got.Plan.Rev), http.StatusOK, &got)
	if got.Plan.DocNumber != "西政办发〔2026〕9号" || got.Plan.Title != created.Plan.Title {
		t.Errorf("after the patch: %+v", got.Plan)
	}
	apiCall(t, office, "PATCH", fmt.Sprintf("/api/v1/plans/%d", id), `{"rev":1,"bogus":1}`, http.StatusBadRequest, nil)
}

// TestPresentation covers what the pages show beyond their data: the
// icon, the error page's heading, numbers and indicator names, a
// target's year, unit kinds.
func TestPresentation(t *testing.T) {
	ts, f := setup(t, config.Default())
	clients := clientsFor(t, ts.URL)
	office, public := clients["office"], clients["public"]
	ctx := context.Background()

	resp, body := public.do("GET", "/favicon.ico", nil, "")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/svg+xml" || !strings.HasPrefix(body, "<svg") {
		t.Errorf("favicon: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	_, body = public.do("GET", "/", nil, "")
	icon := regexp.MustCompile(`<link rel="icon" href="([^"]+)"`).FindStringSubmatch(body)
	if icon == nil {
		t.Fatal("the layout links no icon")
	}
	if resp, _ := public.do("GET", icon[1], nil, ""); resp.StatusCode != 200 {
		t.Errorf("icon %s: %d", icon[1], resp.StatusCode)
	}

	// A page that does not exist says so, in the reader's language.
	resp, body = public.do("GET", "/no/such/page", nil, "")
	if resp.StatusCode != 404 || !strings.Contains(body, `<h1 id="error-title">页面不存在`) {
		t.Errorf("404 page: %d\n%.600s", resp.StatusCode, body)
	}
	resp, body = public.do("GET", "/api/v1/no-such-thing", nil, "")
	if resp.StatusCode != 404 || !strings.Contains(body, `"code":"error.not_found"`) {
		t.Errorf("API 404: %d %s", resp.StatusCode, body)
	}
	resp, body = office.do("GET", "/tasks/999999", nil, "")
	if resp.StatusCode != 404 || !strings.Contains(body, "页面不存在") || strings.Contains(body, "无法完成操作") {
		t.Errorf("missing task: %d", resp.StatusCode)
	}
	resp, body = clients["reporter"].do("GET", "/users", nil, "")
	if resp.StatusCode != 403 || !strings.Contains(body, "无权访问") {
		t.Errorf("forbidden page: %d", resp.StatusCode)
	}

	// Numbers: two decimals at most, the language's grouping, full in a form.
	resp, _ = office.do("POST", fmt.Sprintf("/tasks/%d/targets", f.ownTask), url.Values{"csrf": {office.csrf}, "indicator": {"新建5G基站"},
		"value": {"12345.678"}, "unit": {"个"}, "comparator": {">="}}, "")
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add target: %d", resp.StatusCode)
	}
	_, body = public.do("GET", fmt.Sprintf("/tasks/%d", f.ownTask), nil, "")
	if !strings.Contains(body, "<b>12345.68</b>") || strings.Contains(body, "12345.678") {
		t.Errorf("the Chinese task page does not show 12345.68")
	}
	_, body = office.do("GET", fmt.Sprintf("/tasks/%d", f.ownTask), nil, "")
	if !strings.Contains(body, `value="12345.678"`) {
		t.Errorf("the target's form does not keep the value in full")
	}
	en := newClient(t, ts.URL)
	en.do("POST", "/locale", url.Values{"csrf": {en.csrf}, "lang": {"en"}, "next": {"/"}}, "")
	_, body = en.do("GET", fmt.Sprintf("/tasks/%d", f.ownTask), nil, "")
	if !strings.Contains(body, "<b>12,345.68</b>") {
		t.Errorf("the English task page does not group thousands")
	}

	// Indicator names keep their case where they are listed.
	_, body = office.do("GET", "/dashboard", nil, "")
	if !strings.Contains(body, "新建5G基站") || strings.Contains(body, "5g基站") {
		t.Errorf("the dashboard lowers 5G")
	}
	series, _ := ts.st.PlanSeries(ctx, f.demoPlan)
	for _, sr := range series {
		if strings.Contains(sr.Name, "4A") {
			_, body = office.do("GET", fmt.Sprintf("/indicators/%d", sr.ID), nil, "")
			if !strings.Contains(body, "新增国家4A级以上旅游景区") {
				t.Errorf("the indicator page lowers 4A")
			}
		}
	}

	// 到2025年: the task's target year, not a deadline in the plan's year.
	id := importText(t, office, "西川省服务业发展三年行动计划（2023—2025年）\n一、重点任务\n1.建设物流枢纽。到2025年，新增物流园区3个。（省商务厅负责）\n")
	o, _ := ts.st.PlanOutline(ctx, id, store.TaskFilter{})
	_, body = office.do("GET", fmt.Sprintf("/tasks/%d", o.Tasks[0].ID), nil, "")
	if !strings.Contains(body, "目标年份：到2025年") || strings.Contains(body, "期限：") {
		t.Errorf("task with a target year:\n%s", regexp.MustCompile(`(?s)<span id="task-deadline">.*?</span>`).FindString(body))
	}

	// Unit kinds are chosen from a list, shown in words.
	_, body = office.do("GET", "/units", nil, "")
	if !strings.Contains(body, `<select name="kind">`) || !strings.Contains(body, `<option value="prefecture">市（州）政府</option>`) {
		t.Errorf("the unit form has no list of kinds")
	}
	resp, body = office.do("POST", "/units", url.Values{"csrf": {office.csrf}, "name": {"江州市人民政府"}, "kind": {"city"}}, "")
	if resp.StatusCode != 400 || !strings.Contains(body, "单位类别不正确") {
		t.Errorf("unknown kind: %d", resp.StatusCode)
	}
	resp, _ = office.do("POST", "/units", url.Values{"csrf": {office.csrf}, "name": {"江州市人民政府"}, "kind": {"prefecture"}}, "")
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create unit: %d", resp.StatusCode)
	}
	_, body = office.do("GET", resp.Header.Get("Location"), nil, "")
	if !strings.Contains(body, "市（州）政府") {
		t.Errorf("the unit page does not name its kind")
	}
}
