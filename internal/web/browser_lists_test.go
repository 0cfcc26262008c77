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

	"luoshi/internal/store/storetest"
)

// TestBrowserListsOfABigPlan: the office follows a generated plan of 320
// tasks on the paged supervision page and dashboard, and reminds every
// unit that has not reported at once. Screenshots go to testdata/out/.
func TestBrowserListsOfABigPlan(t *testing.T) {
	out := needBrowser(t)
	x := listServer(t, storetest.SQLite, 4, 80)
	if len(x.tasks) < 300 {
		t.Fatalf("%d tasks", len(x.tasks))
	}
	browser := newBrowser(t, 1440, 1000)
	ctx, cancelTimeout := context.WithTimeout(browser, 3*time.Minute)
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
	// screen is the window only, for pages too long to look at whole.
	screen := func(name string) chromedp.Action[chromedp.Void] {
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
		stepCtx, cancel := context.WithTimeout(ctx, 45*time.Second)
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
	count := func(sel string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll(%q).length`, sel)))
		if err != nil {
			t.Fatalf("counting %s: %v", sel, err)
		}
		return n
	}
	do("office login",
		chromedp.Navigate(x.ts.URL+"/login"), chromedp.WaitVisible(css("#username")),
		chromedp.SendKeys(css("#username"), "admin"), chromedp.SendKeys(css("#password"), listPassword),
		chromedp.Click(css("#login-submit")), chromedp.WaitVisible(css("#plans")),
	)
	do("supervision",
		chromedp.Click(css("#nav-supervise")), chromedp.WaitVisible(css("#remind-form")),
		shot("30-supervise-paged"),
	)
	if n := count(".remind-check"); n != 50 {
		t.Errorf("the supervision page lists %d missing reports, want a page of 50", n)
	}
	if got := text("#missing-total"); got != "318" {
		t.Errorf("missing total = %q, want 318", got)
	}
	do("next page",
		chromedp.Click(css("#missing .pager-next")), chromedp.WaitVisible(css("#remind-form")),
		shot("31-supervise-page-2"),
	)
	do("filter by unit",
		chromedp.SetValue(css(`#missing-filter select[name="unit"]`), fmt.Sprint(x.units["省商务厅"])),
		chromedp.Click(css("#missing-filter button")),
		chromedp.WaitReady(css(fmt.Sprintf(`#missing-filter select[name="unit"] option[value="%d"][selected]`, x.units["省商务厅"]))),
	)
	total := text("#missing-total")
	do("remind all matching",
		chromedp.Click(css("#remind-all")),
		chromedp.SendKeys(css(`#remind-form input[name="message"]`), "请于本周内报送一季度进展。"),
		chromedp.Click(css("#remind-bulk")), chromedp.WaitVisible(css(".flash")),
		shot("32-supervise-reminded"),
	)
	if got := text(".flash"); !strings.Contains(got, "已发送 "+total+" 条催办") {
		t.Errorf("after reminding all %s matching: %q", total, got)
	}
	do("dashboard",
		chromedp.Click(css("#nav-dashboard")), chromedp.WaitVisible(css("#lights")),
		shot("33-dashboard-paged"),
	)
	if n := count("tr.light-row"); n != 50 {
		t.Errorf("the dashboard lists %d tasks, want a page of 50", n)
	}
	if n := count(".panel.board"); n != 1 {
		t.Errorf("%d boards, want 1", n)
	}
	do("dashboard filtered",
		chromedp.SetValue(css(`#light-filter select[name="light"]`), "green"),
		chromedp.Click(css("#light-filter button")), chromedp.WaitReady(css(`#light-filter select[name="light"] option[value="green"][selected]`)),
		shot("34-dashboard-green"),
	)
	if n := count("tr.light-row"); n != 2 {
		t.Errorf("green tasks listed = %d, want 2", n)
	}
	do("received reports",
		chromedp.Click(css("#nav-received")), chromedp.WaitVisible(css("#received")),
		shot("35-received-reports"),
	)
	do("review of the big plan",
		chromedp.Navigate(fmt.Sprintf("%s/plans/%d/review?section=二", x.ts.URL, x.plan)), chromedp.WaitVisible(css("#review-sections")),
		screen("36-review-by-section"),
	)
	do("inbox",
		chromedp.Click(css("#nav-inbox")), chromedp.WaitVisible(css("#inbox")),
		shot("37-office-inbox"),
		chromedp.Click(css("#inbox .notice-open")), chromedp.WaitVisible(css("body")),
	)
}
