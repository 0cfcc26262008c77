package web_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"luoshi/internal/config"

	"luoshi/internal/skipnote"
)

// seedPlan is a real provincial plan, kept beside the repository.
const seedPlan = "../../../shared/seeds/002_ae5005f7988b7668.txt"

const chromium = "/usr/bin/chromium"

// TestBrowserImportReviewPublish walks the office's path through a real
// plan and checks that the unit then sees its task. Screenshots of every
// page go to testdata/out/.
func TestBrowserImportReviewPublish(t *testing.T) {
	out := needBrowser(t)
	plan, err := filepath.Abs(seedPlan)
	if err == nil {
		_, err = os.Stat(plan)
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but the seed plan is missing: %v", err)
		}
		skipnote.Skip(t, "the browser test on a seed plan", seedPlan+" not found")
	}

	ts := newTestServer(t, config.Config{})
	browser := newBrowser(t, 1440, 960)
	ctx, cancelTimeout := context.WithTimeout(browser, 3*time.Minute)
	defer cancelTimeout()

	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	shot := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			buf, err := chromedp.CaptureScreenshot()(ctx, tg)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(out, name+".png"), buf, 0o644)
		})
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(css(sel)))
		if err != nil {
			t.Fatalf("reading %s: %v", sel, err)
		}
		return s
	}
	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		stepCtx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		if err := chromedp.Do(stepCtx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	login := func(user, password string) chromedp.Action[chromedp.Void] {
		return chromedp.Steps(
			chromedp.Navigate(ts.URL+"/login"),
			chromedp.WaitVisible(css("#username")),
			chromedp.SendKeys(css("#username"), user),
			chromedp.SendKeys(css("#password"), password),
			chromedp.Click(css("#login-submit")),
			chromedp.WaitVisible(css("#plans")),
		)
	}

	// The office signs in and imports the plan.
	do("office login",
		chromedp.Navigate(ts.URL+"/login"),
		chromedp.WaitVisible(css("#username")),
		shot("01-login"),
		login("admin", adminPassword),
		shot("02-office-home"),
	)
	do("import",
		chromedp.Click(css("#import-link")),
		chromedp.WaitVisible(css("#import-form")),
		chromedp.SetUploadFiles(css("#import-file"), []string{plan}),
		shot("03-import"),
		chromedp.Click(css("#import-submit")),
		chromedp.WaitVisible(css("#source")),
		shot("04-review"),
	)
	if title := text("#plan-title"); !strings.Contains(title, "山西省推进服务业提质增效2022年行动计划") {
		t.Errorf("review page title = %q", title)
	}

	// Fix one unit: the mention 省商务厅 becomes the unit 山西省商务厅.
	const written, fixed = "省商务厅", "山西省商务厅"
	form := `form.map-form[data-name="` + written + `"]`
	do("map a unit",
		chromedp.SetValue(css(form+` input[name="new_name"]`), fixed),
		chromedp.Submit(css(form+` input[name="new_name"]`)),
		chromedp.WaitVisible(css(".flash")),
		shot("05-review-mapped"),
	)
	// Publishing asks for a confirmation, after the collective names
	// (省直有关部门 …) are expanded or kept as written.
	do("publish: the confirmation step",
		chromedp.Click(css("#publish")),
		chromedp.WaitVisible(css("#publish-form")),
		shot("06a-publish-confirm"),
	)
	open, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('.collective.open')].map(e => e.dataset.name)`))
	if err != nil {
		t.Fatalf("reading the collective names: %v", err)
	}
	for _, name := range open {
		sel := `.collective[data-name="` + name + `"]`
		do("keep "+name+" as written",
			chromedp.Click(css(sel+` .as-is-button`)),
			chromedp.WaitVisible(css(sel+`:not(.open)`)),
		)
	}
	do("publish",
		chromedp.ScrollIntoView(css("#publish-form")),
		shot("06b-publish-ready"),
		chromedp.Click(css("#publish-check")),
		chromedp.Click(css("#publish-confirm")),
		chromedp.WaitVisible(css("#outline")),
		shot("06-published-plan"),
	)

	// A plan with an item that names no unit, where the items beside it
	// do: the review lists that task to check first.
	pasted := "西川省2026年家政服务工作要点\n一、重点任务\n1.培育家政龙头企业。（省商务厅负责）\n" +
		"2.建设家政培训基地。（省人力资源社会保障厅负责）\n3.开展家政诚信建设。\n4.推进社区嵌入式服务。（省民政厅负责）\n"
	do("review what to check first",
		chromedp.Navigate(ts.URL+"/import"),
		chromedp.WaitVisible(css("#import-form")),
		chromedp.SetValue(css("#import-text"), pasted),
		chromedp.Click(css("#import-submit")),
		chromedp.WaitVisible(css("#check-first")),
		chromedp.ScrollIntoView(css("#check-first")),
		shot("06c-review-check-first"),
	)
	if got := text("#check-first"); !strings.Contains(got, "开展家政诚信建设") || strings.Contains(got, "培育家政龙头企业") {
		t.Errorf("tasks to check first:\n%s", got)
	}

	// The office gives the unit an account.
	unit, err := ts.st.UnitByName(context.Background(), fixed, "")
	if err != nil {
		t.Fatalf("the fixed unit was not stored: %v", err)
	}
	do("create the reporter",
		chromedp.Navigate(ts.URL+"/users"),
		chromedp.WaitVisible(css("#user-form")),
		chromedp.SendKeys(css(`#user-form input[name="username"]`), "sx-swt"),
		chromedp.SendKeys(css(`#user-form input[name="display_name"]`), fixed),
		chromedp.SetValue(css(`#user-form select[name="role"]`), "reporter"),
		chromedp.SetValue(css(`#user-form select[name="unit"]`), strconv.FormatInt(unit.ID, 10)),
		chromedp.Click(css("#user-submit")),
		chromedp.WaitVisible(css("#new-password")),
		shot("07-account-created"),
	)
	password := text("#new-password")

	// The unit's reporter signs in and sees the task.
	do("reporter login",
		chromedp.Click(css("#logout")),
		chromedp.WaitVisible(css("#username")),
		login("sx-swt", password),
		chromedp.WaitVisible(css("#my-tasks")),
		shot("08-reporter-home"),
	)
	if tasks := text("#my-tasks"); !strings.Contains(tasks, "加大困难行业扶持力度") {
		t.Errorf("the reporter's task list lacks task 2:\n%s", tasks)
	}
	do("reporter task",
		chromedp.Click(css("#my-tasks a")),
		chromedp.WaitVisible(css("#task-text")),
		shot("09-reporter-task"),
	)
	if got := text("#task-text"); !strings.Contains(got, "困难行业") {
		t.Errorf("task page text = %q", got)
	}
	do("reporter unit",
		chromedp.Navigate(ts.URL+"/units/"+strconv.FormatInt(unit.ID, 10)),
		chromedp.WaitVisible(css("#unit-name")),
		shot("10-reporter-unit"),
	)
	do("english",
		chromedp.Submit(css(`form.lang-form button[lang="en"]`)),
		chromedp.WaitVisible(css(`form.lang-form button[lang="zh-CN"]`)),
		chromedp.WaitVisible(css("#unit-name")),
		shot("11-reporter-unit-en"),
	)
	if got := text("h2"); got != "As lead unit" {
		t.Errorf("after switching to English the unit page says %q", got)
	}
	if name := text("#unit-name"); name != fixed {
		t.Errorf("unit page of %q", name)
	}
}
