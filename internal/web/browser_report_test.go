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
)

// TestBrowserReportCycle: a unit submits a report with a target value and
// an evidence file, the office returns it, the unit resubmits, the office
// accepts, and the dashboard shows the task's light. Screenshots of the
// office overview and an indicator page go to testdata/out/.
func TestBrowserReportCycle(t *testing.T) {
	out := needBrowser(t)
	rf := reportSetup(t)
	ts := rf.ts
	evidence := filepath.Join(t.TempDir(), "进展说明.txt")
	os.WriteFile(evidence, []byte("第三季度进展说明：新增网点十二个。"), 0o644)

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
	// Each step has its own deadline, so a stuck page fails the step
	// that stuck instead of the whole test's.
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
	form := fmt.Sprintf("%s/tasks/%d/report?period=%s", ts.URL, rf.ownTask.ID, rf.period)

	do("unit submits",
		login("swt", demoPassword),
		chromedp.Click(css("#nav-reports")), chromedp.WaitVisible(css("#due")), shot("20-unit-due"),
		chromedp.Navigate(form), chromedp.WaitVisible(css("#report-form")),
		chromedp.Click(css(`input[name="status"][value="on_track"]`)),
		chromedp.SetValue(css("#progress"), "60"),
		chromedp.SetValue(css("#confidence"), "on_track"),
		chromedp.SendKeys(css("#done"), "建成乡镇商贸中心十二个。"),
		chromedp.SetValue(css(".value-input"), "88"),
		chromedp.SetUploadFiles(css("#evidence-file"), []string{evidence}),
		shot("21-unit-report-form"),
		chromedp.Click(css("#submit-report")), chromedp.WaitVisible(css("#report-state.state-submitted")),
		shot("22-unit-submitted"),
		logout,
	)
	do("office returns",
		login("admin", adminPassword),
		chromedp.Click(css("#nav-supervise")), chromedp.WaitVisible(css("#queue")), shot("23-office-queue"),
		chromedp.Navigate(form), chromedp.WaitVisible(css(".decide-comment")),
		chromedp.SendKeys(css(".decide-comment"), "请补充数据来源。"),
		chromedp.Click(css(".return-button")), chromedp.WaitVisible(css(".flash")),
		logout,
	)
	do("unit resubmits",
		login("swt", demoPassword),
		chromedp.Navigate(form), chromedp.WaitVisible(css("#revise")), shot("24-unit-returned"),
		chromedp.Click(css("#revise")), chromedp.WaitVisible(css("#report-form")),
		chromedp.SendKeys(css("#done"), "数据来源：省统计局。"),
		// The form page of a revised draft shows its state too: wait for
		// the page after submission, or logout clicks a node being replaced.
		chromedp.Click(css("#submit-report")), chromedp.WaitVisible(css("#report-state.state-submitted")),
		logout,
	)
	do("office accepts",
		login("admin", adminPassword),
		chromedp.Navigate(form), chromedp.WaitVisible(css(".accept-button")),
		chromedp.Click(css(".accept-button")), chromedp.WaitVisible(css(".flash")),
		chromedp.Click(css("#nav-dashboard")), chromedp.WaitVisible(css("#lights")),
		shot("25-office-overview"),
	)
	unit, _ := ts.st.UserByName(context.Background(), "swt")
	r, err := ts.st.LatestReport(context.Background(), rf.ownTask.ID, unit.UnitID, rf.period)
	if err != nil || r.State != "accepted" || r.Version != 2 || len(r.Content.Evidence) != 1 {
		t.Fatalf("after the cycle: %+v, %v", r, err)
	}
	lights, err := ts.st.PlanLights(context.Background(), rf.ownTask.PlanID, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	want := string(lights[rf.ownTask.ID].Color)
	// Green tasks are counted, not listed, on the office overview.
	if want != "green" {
		res, err := chromedp.Run(ctx, chromedp.AttributeValue(css(fmt.Sprintf(`tr.light-row[data-task="%d"]`, rf.ownTask.ID)), "data-light"))
		if err != nil || res.Value != want {
			t.Errorf("dashboard light = %q (%v), want %q", res.Value, err, want)
		}
	}
	// The indicator the report fed, and the demo indicator behind its trajectory.
	series, _ := ts.st.PlanSeries(context.Background(), rf.ownTask.PlanID)
	var behind store.Series
	for _, sr := range series {
		if strings.Contains(sr.Name, "夜间消费集聚区") {
			behind = sr
		}
	}
	do("indicator pages",
		chromedp.Navigate(fmt.Sprintf("%s/indicators/%d", ts.URL, behind.ID)), chromedp.WaitVisible(css("#chart svg")),
		shot("26-indicator"),
		chromedp.Navigate(fmt.Sprintf("%s/indicators/%d", ts.URL, rf.seriesID)), chromedp.WaitVisible(css("#chart svg")),
		shot("27-indicator-reported"),
	)
}
