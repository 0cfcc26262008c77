package web_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"luoshi/internal/store"
	"luoshi/internal/store/storetest"
)

// latePlan is a short plan of 2025, taken up by the office in January
// 2026, after its year has ended.
const latePlan = "东陵省2025年生活性服务业重点工作安排\n" +
	"一、重点任务\n" +
	"1.推进社区嵌入式养老服务网点建设，完善助餐、助浴等基础服务。（省民政厅负责）\n" +
	"2.开展家政服务员职业技能培训。（省人力资源社会保障厅负责）\n" +
	"3.培育夜间消费集聚区，丰富城市夜间消费场景。（省商务厅负责）\n"

// quarterLabel is the Chinese name of the quarter holding day, computed
// here from the calendar, not by the program.
func quarterLabel(day time.Time) string {
	q := (int(day.Month())-1)/3 + 1
	return fmt.Sprintf("%d年第%s季度", day.Year(), [...]string{"一", "二", "三", "四"}[q-1])
}

// TestBrowserLatePlan: the office publishes a plan of 2025 in January
// 2026 and lets reporting start with its third quarter; a new reporter
// of the lead unit sees no earlier period, copies its accepted third
// quarter report into the fourth and submits it; the office finds the
// submission in its inbox and among the received reports. Screenshots go
// to testdata/out/.
func TestBrowserLatePlan(t *testing.T) {
	out := needBrowser(t)
	// The dates of the story: today is 12 January 2026; reporting starts
	// with the quarter of 1 July 2025; the quarter before it is refused,
	// the one after it is reported by copying.
	today := shanghai(2026, 1, 12, 10)
	startDay, earlierDay, nextDay := shanghai(2025, 7, 1, 0), shanghai(2025, 4, 1, 0), shanghai(2025, 10, 1, 0)
	startKey, earlierKey, nextKey := "2025-Q3", "2025-Q2", "2025-Q4"
	startLabel, earlierLabel, nextLabel := quarterLabel(startDay), quarterLabel(earlierDay), quarterLabel(nextDay)
	defaultLabel := quarterLabel(today)
	if nextLabel != "2025年第四季度" { // the helper itself, against a hand-written label
		t.Fatalf("quarterLabel(%v) = %q", nextDay, nextLabel)
	}
	cs := newClockedServer(t, storetest.SQLite, today)
	cs.st.SetClock(cs.clock.now) // notices are dated on the story's days too

	browser := newBrowser(t, 1440, 1000)
	ctx, cancelTimeout := context.WithTimeout(browser, 4*time.Minute)
	defer cancelTimeout()
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	shot := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			buf, err := chromedp.FullScreenshot(100)(ctx, tg)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(out, name+".png"), buf, 0o644)
		})
	}
	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		stepCtx, cancel := context.WithTimeout(ctx, 45*time.Second)
		defer cancel()
		if err := chromedp.Do(stepCtx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	eval := func(js string) string {
		t.Helper()
		stepCtx, cancel := context.WithTimeout(ctx, 45*time.Second)
		defer cancel()
		s, err := chromedp.Run(stepCtx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("evaluating %s: %v", js, err)
		}
		return s
	}
	text := func(sel string) string {
		t.Helper()
		return eval(fmt.Sprintf(`(document.querySelector(%q) || {innerText: "<missing>"}).innerText.trim()`, sel))
	}
	value := func(sel string) string {
		t.Helper()
		return eval(fmt.Sprintf(`(document.querySelector(%q) || {value: "<missing>"}).value`, sel))
	}
	signIn := func(user, password string) chromedp.Action[chromedp.Void] {
		return chromedp.Steps(
			chromedp.Navigate(cs.URL+"/login"), chromedp.WaitVisible(css("#username")),
			chromedp.SendKeys(css("#username"), user), chromedp.SendKeys(css("#password"), password),
			chromedp.Click(css("#login-submit")), chromedp.WaitVisible(css("#plans")))
	}
	logout := chromedp.Steps(chromedp.Click(css("#logout")), chromedp.WaitVisible(css("#username")))

	// 1. The office imports the 2025 plan, publishes it, and lets
	// reporting start with the third quarter of 2025.
	do("office login", signIn("admin", adminPassword))
	do("import",
		chromedp.Navigate(cs.URL+"/import"), chromedp.WaitVisible(css("#import-form")),
		chromedp.SetValue(css("#import-text"), latePlan),
		chromedp.Click(css("#import-submit")), chromedp.WaitVisible(css("#source")),
		shot("latewalk-01-review"),
	)
	do("publish: the confirmation step",
		chromedp.Click(css("#publish")), chromedp.WaitVisible(css("#publish-form")))
	for _, name := range strings.Fields(eval(`[...document.querySelectorAll('.collective.open')].map(e => e.dataset.name).join(" ")`)) {
		sel := `.collective[data-name="` + name + `"]`
		do("keep "+name+" as written",
			chromedp.Click(css(sel+` .as-is-button`)), chromedp.WaitVisible(css(sel+`:not(.open)`)))
	}
	do("publish",
		chromedp.ScrollIntoView(css("#publish-form")),
		chromedp.Click(css("#publish-check")), chromedp.Click(css("#publish-confirm")),
		chromedp.WaitVisible(css("#outline")), shot("latewalk-02-published"),
	)
	m := regexp.MustCompile(`/plans/(\d+)`).FindStringSubmatch(eval(`location.pathname`))
	if m == nil {
		t.Fatalf("after publishing the browser is at %s", eval(`location.href`))
	}
	planID, _ := strconv.ParseInt(m[1], 10, 64)
	bg := context.Background()
	plan, err := cs.st.PlanByID(bg, planID)
	if err != nil || plan.Year != 2025 || plan.Status != "published" {
		t.Fatalf("plan %d = %+v, %v", planID, plan, err)
	}
	o, err := cs.st.PlanOutline(bg, planID, store.TaskFilter{})
	if err != nil || len(o.Tasks) != 3 {
		t.Fatalf("outline: %d tasks, %v", len(o.Tasks), err)
	}
	task := o.Tasks[0]
	var unitID int64
	for _, u := range task.Units {
		if u.Role == "lead" {
			unitID = u.UnitID
		}
	}
	if unitID == 0 {
		t.Fatalf("task %s has no lead unit: %+v", task.Label, task.Units)
	}

	do("calendar page",
		chromedp.Navigate(fmt.Sprintf("%s/plans/%d/calendar", cs.URL, planID)),
		chromedp.WaitVisible(css("#calendar-form")), shot("latewalk-03-calendar-default"),
	)
	// Taken up in 2026, the plan would report from today's quarter.
	if first := text("#calendar-periods tbody tr td"); first != defaultLabel {
		t.Errorf("first period by default = %q, want %q", first, defaultLabel)
	}
	do("start with the third quarter of 2025",
		chromedp.SetValue(css("#start-period"), startKey),
		chromedp.Click(css(`#calendar-form button.primary`)),
		chromedp.WaitVisible(css(".flash")), shot("latewalk-04-calendar-saved"),
	)
	if first := text("#calendar-periods tbody tr td"); first != startLabel {
		t.Errorf("first period after saving = %q, want %q", first, startLabel)
	}
	if got := value("#start-period"); got != startKey {
		t.Errorf("start period chosen after saving = %q, want %q", got, startKey)
	}

	// 2. The office gives the lead unit a new reporter.
	do("create the reporter",
		chromedp.Navigate(cs.URL+"/users"), chromedp.WaitVisible(css("#user-form")),
		chromedp.SendKeys(css(`#user-form input[name="username"]`), "dl-mzt"),
		chromedp.SendKeys(css(`#user-form input[name="display_name"]`), "东陵省民政厅填报员"),
		chromedp.SetValue(css(`#user-form select[name="role"]`), "reporter"),
		chromedp.SetValue(css(`#user-form select[name="unit"]`), strconv.FormatInt(unitID, 10)),
		chromedp.Click(css("#user-submit")), chromedp.WaitVisible(css("#new-password")),
		shot("latewalk-05-reporter-created"),
	)
	password := text("#new-password")
	if password == "" || password == "<missing>" {
		t.Fatalf("no new password shown")
	}

	// 3. The unit's third quarter report, submitted and accepted on
	// 12 January, through the API.
	const (
		lastDone     = "第三季度新建社区嵌入式养老服务站12个，助餐点覆盖8个街道。"
		lastProblems = "部分站点运营经费不足。"
		lastNext     = "第四季度推动助浴服务进社区。"
	)
	rep := apiLogin(t, cs.URL, "dl-mzt", password)
	office := apiLogin(t, cs.URL, "admin", adminPassword)
	path := fmt.Sprintf("/api/v1/tasks/%d/report", task.ID)
	var draft apiReportResp
	apiCall(t, rep, "PUT", path, fmt.Sprintf(`{"period":%q,"rev":1,"content":{"status":"on_track","progress":60,"confidence":"at_risk","done":%q,"problems":%q,"next_steps":%q}}`,
		startKey, lastDone, lastProblems, lastNext), http.StatusOK, &draft)
	apiCall(t, rep, "POST", path+"/submit", fmt.Sprintf(`{"period":%q,"rev":%d}`, startKey, draft.Rev), http.StatusOK, &draft)
	var acc apiReportResp
	apiCall(t, office, "POST", fmt.Sprintf("/api/v1/reports/%d/accept", draft.ID), fmt.Sprintf(`{"rev":%d}`, draft.Rev), http.StatusOK, &acc)
	if acc.State != "accepted" {
		t.Fatalf("third quarter report = %+v", acc)
	}
	// The office reads what it has so far, so that the next notice is
	// the only unread one.
	apiCall(t, office, "POST", "/api/v1/inbox/read", `{"all":true}`, http.StatusOK, nil)
	cs.clock.set(today.Add(26 * time.Hour))

	// The reporter signs in: the periods start with the third quarter.
	form := fmt.Sprintf("%s/tasks/%d/report", cs.URL, task.ID)
	do("reporter login", logout, signIn("dl-mzt", password), shot("latewalk-06-reporter-home"))
	// What the unit owes on the task: the fourth quarter only, the third
	// being accepted and nothing before the start ever due.
	do("reports due", chromedp.Click(css("#nav-reports")), chromedp.WaitVisible(css("#due")), shot("latewalk-06b-reporter-due"))
	dueLink := fmt.Sprintf(`#due a.report-link[href^="/tasks/%d/report?"]`, task.ID)
	if got := eval(fmt.Sprintf(`[...document.querySelectorAll(%q)].map(a => a.closest("tr").cells[3].innerText.trim()).join("|")`, dueLink)); got != nextLabel {
		t.Errorf("reports due on task %s = %q, want only %s", task.Label, got, nextLabel)
	}
	do("report form", chromedp.Navigate(form), chromedp.WaitVisible(css(`select[name="period"]`)), shot("latewalk-07-report-default"))
	periods := eval(`[...document.querySelectorAll('select[name="period"] option')].map(o => o.value + "=" + o.textContent.trim()).join("|")`)
	if !strings.Contains(periods, startKey+"="+startLabel) || !strings.Contains(periods, nextKey+"="+nextLabel) {
		t.Errorf("periods offered: %s; want %s and %s", periods, startLabel, nextLabel)
	}
	if strings.Contains(periods, earlierKey) || strings.Contains(periods, earlierLabel) || strings.Contains(periods, "2025-Q1") {
		t.Errorf("periods offered include one before the start: %s", periods)
	}
	// Asking for the earlier period by its address is refused.
	if resp, body := login(t, cs.URL, "dl-mzt", password).do("GET", fmt.Sprintf("/tasks/%d/report?period=%s", task.ID, earlierKey), nil, ""); resp.StatusCode < 400 || resp.StatusCode >= 500 {
		t.Errorf("form of %s: status %d, want a refusal: %.300s", earlierKey, resp.StatusCode, body)
	}
	do("earlier period by address", chromedp.Navigate(form+"?period="+earlierKey), chromedp.WaitVisible(css("body")), shot("latewalk-08-earlier-refused"))
	if n := eval(`String(document.querySelectorAll("#report-form").length)`); n != "0" {
		t.Errorf("the form of %s is shown", earlierKey)
	}

	// The fourth quarter, copied from the third.
	do("fourth quarter form",
		chromedp.Navigate(form+"?period="+nextKey), chromedp.WaitVisible(css("#copy-last")),
		chromedp.Click(css("#copy-last")), chromedp.WaitVisible(css("#copied")),
		shot("latewalk-09-copied"),
	)
	// The last period is named as periods are, not by its key.
	if got := text("#from-last"); !strings.Contains(got, startLabel) || strings.Contains(got, startKey) {
		t.Errorf("the last report is named %q, want %s", got, startLabel)
	}
	if got := text("#copied"); !strings.Contains(got, startLabel) || strings.Contains(got, startKey) {
		t.Errorf("the copy notice says %q, want %s", got, startLabel)
	}
	if got := text("#report-title"); !strings.Contains(got, nextLabel) {
		t.Errorf("copied form title = %q, want %s", got, nextLabel)
	}
	for sel, want := range map[string]string{
		"#done": lastDone, `textarea[name="problems"]`: lastProblems, `textarea[name="next_steps"]`: lastNext,
		"#progress": "60", `input[name="status"]:checked`: "on_track", "#confidence": "at_risk",
	} {
		if got := value("#report-form " + sel); got != want {
			t.Errorf("copied %s = %q, want %q", sel, got, want)
		}
	}
	const newDone = "第四季度新建社区嵌入式养老服务站9个，助浴服务进入5个社区。"
	do("edit and submit",
		chromedp.SetValue(css("#done"), newDone),
		chromedp.SetValue(css("#progress"), "85"),
		chromedp.Click(css("#submit-report")), chromedp.WaitVisible(css("#report-state")),
		shot("latewalk-10-submitted"),
	)
	r, err := cs.st.LatestReport(bg, task.ID, unitID, nextKey)
	if err != nil || r.State != "submitted" || r.Content.Done != newDone || r.Content.Problems != lastProblems || r.Content.Progress != 85 {
		t.Fatalf("fourth quarter report = %+v, %v", r, err)
	}

	// 4. The office finds the submission in its inbox and opens it.
	do("office login again", logout, signIn("admin", adminPassword))
	if got := text("#nav-unread"); got != "1" {
		t.Errorf("unread before opening = %q, want 1", got)
	}
	do("inbox", chromedp.Click(css("#nav-inbox")), chromedp.WaitVisible(css("#inbox")), shot("latewalk-11-inbox"))
	row := `#inbox tr.notice.unread`
	if got := text(row); !strings.Contains(got, "单位已提交报告") || !strings.Contains(got, "任务 "+task.Label) ||
		!strings.Contains(got, nextLabel) || !strings.Contains(got, plan.Title) {
		t.Errorf("the unread notice says %q; want the submission of task %s for %s", got, task.Label, nextLabel)
	}
	// It says who submitted.
	if got := text(row + " .notice-unit"); got != "省民政厅" {
		t.Errorf("the notice names the submitting unit as %q, want 省民政厅", got)
	}
	// The unread notice's columns line up with the read ones'.
	if got := eval(`String([...document.querySelectorAll("#inbox tr.notice")].map(r => Math.round(r.querySelector(".notice-open").getBoundingClientRect().left)).filter((x, i, a) => a.indexOf(x) === i).length)`); got != "1" {
		t.Errorf("the notices' links start at %s different places", got)
	}
	do("open the notice", chromedp.Click(css(row+" .notice-open")), chromedp.WaitVisible(css("#version-title")), shot("latewalk-12-notice-opened"))
	// The notice opens the report it is about, as submitted.
	if got, want := eval(`location.pathname`), fmt.Sprintf("/reports/%d", r.ID); got != want {
		t.Errorf("the notice opened %s, want %s", got, want)
	}
	if got := text("main"); !strings.Contains(got, newDone) || !strings.Contains(got, lastProblems) || !strings.Contains(got, nextLabel) {
		t.Errorf("the report the notice opened reads:\n%s", got)
	}
	do("inbox again", chromedp.Navigate(cs.URL+"/inbox"), chromedp.WaitVisible(css("#inbox")), shot("latewalk-13-inbox-read"))
	if n := eval(`String(document.querySelectorAll("#inbox tr.notice.unread").length)`); n != "0" {
		t.Errorf("unread notices after opening: %s", n)
	}
	if n := eval(`String(document.querySelectorAll("#nav-unread").length)`); n != "0" {
		t.Errorf("the unread count is still shown: %q", text("#nav-unread"))
	}

	// The received reports of this plan: the fourth quarter's, then the
	// third's.
	do("received reports, filtered by the plan",
		chromedp.Click(css("#nav-received")), chromedp.WaitVisible(css("#received-filter")),
		chromedp.SetValue(css(`#received-filter select[name="plan"]`), strconv.FormatInt(planID, 10)),
		chromedp.Click(css("#received-filter button")),
		chromedp.WaitReady(css(fmt.Sprintf(`#received-filter select[name="plan"] option[value="%d"][selected]`, planID))),
		chromedp.WaitVisible(css("#received")),
		shot("latewalk-14-received"),
	)
	// Each column by its heading: the period's name, and the unit's in
	// a column headed as a unit, not as a unit's tasks.
	cols := eval(`[...document.querySelectorAll("#received thead th")].map(h => h.innerText.trim()).join("|")`)
	if want := "提交于|报送期|任务|单位|报告状态"; !strings.HasPrefix(cols, want) {
		t.Errorf("received reports' columns = %s, want them to begin %s", cols, want)
	}
	cells := eval(`[...document.querySelectorAll("#received tr.received-row")].map(r => r.cells[1].innerText.trim() + "|" + r.cells[3].innerText.trim()).join("\n")`)
	if want := nextLabel + "|省民政厅\n" + startLabel + "|省民政厅"; cells != want {
		t.Errorf("received reports' periods and units:\n%s\nwant\n%s", cells, want)
	}
	rows := eval(`[...document.querySelectorAll("#received tr.received-row")].map(r => r.innerText.replace(/\s+/g, " ")).join("\n")`)
	lines := strings.Split(rows, "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], nextLabel) || !strings.Contains(lines[0], task.Label) ||
		!strings.Contains(lines[1], startLabel) {
		t.Errorf("received reports of the plan:\n%s\nwant %s, then %s", rows, nextLabel, startLabel)
	}
	// Times are China's, whatever the machine's zone.
	if submitted := today.Add(26 * time.Hour).In(shanghai(2026, 1, 1, 0).Location()).Format("2006-01-02 15:04"); len(lines) > 0 && !strings.Contains(lines[0], submitted) {
		t.Errorf("the fourth quarter report was submitted at %s; the list says %s", submitted, lines[0])
	}
	if strings.Contains(rows, "西川") || strings.Contains(rows, "山西") {
		t.Errorf("the plan filter lets other plans' reports through:\n%s", rows)
	}
}
