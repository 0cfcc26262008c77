package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"luoshi/internal/store"
	"luoshi/internal/store/storetest"
)

// TestBrowserRemindOneAndFieldErrors: on the supervision page a row's
// own 催办 button reminds that row only, though another row is checked,
// and the page says how many went; a cooperating unit's form shows the
// lead's official value beside its empty input, and a refused value
// beside its field. Screenshots go to testdata/out/.
func TestBrowserRemindOneAndFieldErrors(t *testing.T) {
	out := needBrowser(t)
	x := integritySetup(t, storetest.SQLite)
	ts := x.ts
	bg := context.Background()
	miss, err := ts.st.MissingReports(bg, x.task["1"].PlanID, "2026-Q3") // the period the page shows
	if err != nil || len(miss) < 2 {
		t.Fatalf("missing = %d, %v", len(miss), err)
	}
	before, _ := ts.st.Reminders(bg, store.ReminderFilter{PlanID: x.task["1"].PlanID, Limit: 500})

	browser := newBrowser(t, 1440, 1000)
	ctx, cancelTimeout := context.WithTimeout(browser, 2*time.Minute)
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
	login := func(user, password string) chromedp.Action[chromedp.Void] {
		return chromedp.Steps(
			chromedp.Navigate(ts.URL+"/login"), chromedp.WaitVisible(css("#username")),
			chromedp.SendKeys(css("#username"), user), chromedp.SendKeys(css("#password"), password),
			chromedp.Click(css("#login-submit")), chromedp.WaitVisible(css("#plans")))
	}
	logout := chromedp.Steps(chromedp.Click(css("#logout")), chromedp.WaitVisible(css("#username")))
	item := func(m store.Missing) string { return fmt.Sprintf("%d:%d:%s", m.TaskID, m.UnitID, m.Period) }
	do("office reminds one row with another checked",
		login("admin", adminPassword),
		chromedp.Navigate(ts.URL+"/supervise"), chromedp.WaitVisible(css("#remind-form")),
		chromedp.Click(css(fmt.Sprintf(`input.remind-check[value="%s"]`, item(miss[0])))),
		chromedp.Click(css(fmt.Sprintf(`button.remind-one[value="%s"]`, item(miss[1])))),
		chromedp.WaitVisible(css(".flash")),
		shot("40-remind-one"),
	)
	if flash, err := chromedp.Run(ctx, chromedp.Text(css(".flash"))); err != nil || !strings.Contains(flash, "已发送 1 条催办") {
		t.Errorf("flash after reminding one row = %q (%v)", flash, err)
	}
	do("office signs out", logout)
	after, _ := ts.st.Reminders(bg, store.ReminderFilter{PlanID: x.task["1"].PlanID, Limit: 500})
	if len(after) != len(before)+1 || after[0].TaskID != miss[1].TaskID || after[0].UnitID != miss[1].UnitID {
		t.Errorf("the row's button sent %d reminders, the newest %+v; want one for task %d", len(after)-len(before), after[0], miss[1].TaskID)
	}
	form := fmt.Sprintf("%s/tasks/%d/report?period=2026-Q3", ts.URL, x.task["1"].ID)
	do("cooperating unit's form",
		login("swt", demoPassword),
		chromedp.Navigate(form), chromedp.WaitVisible(css("#report-form")),
		chromedp.WaitVisible(css(".official-value")), shot("41-cooperating-form"),
		chromedp.Click(css(`input[name="status"][value="on_track"]`)),
		chromedp.SetValue(css("#progress"), "30"),
		chromedp.SendKeys(css("#done"), "配合完成园区评审。"),
		chromedp.SetValue(css(".value-input"), "四个"),
		chromedp.Click(css("#save-draft")), chromedp.WaitVisible(css("#values-error")),
		shot("42-field-errors"),
	)
	v, err := chromedp.Run(ctx, chromedp.Value(css(".value-input")))
	if err != nil || v != "四个" {
		t.Errorf("the typed value came back as %q (%v)", v, err)
	}
	do("task page with its values",
		chromedp.Navigate(fmt.Sprintf("%s/tasks/%d", ts.URL, x.task["1"].ID)), chromedp.WaitVisible(css("#task-values")),
		shot("43-task-values"),
	)
}
