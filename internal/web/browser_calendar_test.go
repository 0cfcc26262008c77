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

// TestBrowserCalendar walks the office through a late plan's calendar,
// a task's own frequency and a rate's missing baseline, on a fixed day.
// Screenshots go to testdata/out/.
func TestBrowserCalendar(t *testing.T) {
	out := needBrowser(t)
	cs := newClockedServer(t, storetest.SQLite, shanghai(2026, 5, 20, 10))
	plan := oldPlan(t, cs)
	ctx0 := context.Background()
	o, _ := cs.st.PlanOutline(ctx0, plan, store.TaskFilter{})
	cold := o.Tasks[1]
	series, _ := cs.st.PlanSeries(ctx0, plan)
	sid := series[cold.Targets[0].ID].ID

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
	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		stepCtx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		if err := chromedp.Do(stepCtx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(css(sel)))
		if err != nil {
			t.Fatalf("reading %s: %v", sel, err)
		}
		return s
	}
	do("office login",
		chromedp.Navigate(cs.URL+"/login"),
		chromedp.WaitVisible(css("#username")),
		chromedp.SendKeys(css("#username"), "admin"),
		chromedp.SendKeys(css("#password"), adminPassword),
		chromedp.Click(css("#login-submit")),
		chromedp.WaitVisible(css("#plans")),
	)
	do("calendar page",
		chromedp.Navigate(fmt.Sprintf("%s/plans/%d/calendar", cs.URL, plan)),
		chromedp.WaitVisible(css("#calendar-form")),
		shot("calendar-01-default"),
	)
	if first := text("#calendar-periods tbody tr td"); first != "2026年第二季度" {
		t.Errorf("first period offered = %q, want 2026年第二季度", first)
	}
	do("start with the third quarter",
		chromedp.SetValue(css("#start-period"), "2026-Q3"),
		chromedp.Submit(css("#start-period")),
		chromedp.WaitVisible(css(".flash")),
		shot("calendar-02-saved"),
	)
	if first := text("#calendar-periods tbody tr td"); first != "2026年第三季度" {
		t.Errorf("first period after saving = %q, want 2026年第三季度", first)
	}
	do("task frequency",
		chromedp.Navigate(fmt.Sprintf("%s/tasks/%d", cs.URL, cold.ID)),
		chromedp.WaitVisible(css("#frequency-form")),
		chromedp.SetValue(css(`#frequency-form select[name="frequency"]`), "monthly"),
		chromedp.Submit(css(`#frequency-form select[name="frequency"]`)),
		chromedp.WaitVisible(css("#task-frequency")),
		shot("calendar-03-task-monthly"),
	)
	if f := text("#task-frequency"); !strings.Contains(f, "按月") {
		t.Errorf("task frequency shown = %q", f)
	}
	do("rate without a baseline",
		chromedp.Navigate(fmt.Sprintf("%s/indicators/%d", cs.URL, sid)),
		chromedp.WaitVisible(css("#baseline-form")),
		shot("calendar-04-baseline-missing"),
		chromedp.SendKeys(css(`#baseline-form input[name="baseline_value"]`), "32"),
		chromedp.Submit(css(`#baseline-form input[name="baseline_value"]`)),
		chromedp.WaitVisible(css(".flash")),
		shot("calendar-05-baseline-set"),
	)
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#baseline-missing").length`)); err != nil || n != 0 {
		t.Errorf("baseline notice after setting it: %d, %v", n, err)
	}
}
