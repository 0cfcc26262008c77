package web_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"luoshi/internal/config"
)

// TestBrowserOfficePages looks at the office's correction pages and at
// the printed plan, task and reports list: on paper there is no
// navigation and no form, and tables keep their borders. Screenshots go
// to testdata/out/.
func TestBrowserOfficePages(t *testing.T) {
	out := needBrowser(t)
	ts, f := setup(t, config.Default())
	office := login(t, ts.URL, "admin", adminPassword)
	draft := importText(t, office, collectivePlan)

	browser := newBrowser(t, 1280, 900)
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
	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		stepCtx, cancel := context.WithTimeout(ctx, 45*time.Second)
		defer cancel()
		if err := chromedp.Do(stepCtx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	media := func(m string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
			return err
		})
	}
	eval := func(expr string) bool {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}
	login := func(user, password string) chromedp.Action[chromedp.Void] {
		return chromedp.Steps(
			chromedp.Navigate(ts.URL+"/login"), chromedp.WaitVisible(css("#username")),
			chromedp.SendKeys(css("#username"), user), chromedp.SendKeys(css("#password"), password),
			chromedp.Click(css("#login-submit")), chromedp.WaitVisible(css("#plans")))
	}
	do("office pages",
		login("admin", adminPassword),
		chromedp.Navigate(fmt.Sprintf("%s/plans/%d/review", ts.URL, draft)), chromedp.WaitVisible(css("#meta-form")),
		shot("30-review-meta"),
		chromedp.Navigate(fmt.Sprintf("%s/plans/%d/publish", ts.URL, draft)), chromedp.WaitVisible(css("#publish-form")),
		shot("31-publish-confirm"),
		chromedp.Navigate(fmt.Sprintf("%s/plans/%d/discard", ts.URL, draft)), chromedp.WaitVisible(css("#discard-form")),
		shot("32-discard-confirm"),
		chromedp.Navigate(fmt.Sprintf("%s/tasks/%d", ts.URL, f.ownTask)), chromedp.WaitVisible(css("#task-form")),
		shot("33-task-office"),
		chromedp.Navigate(ts.URL+"/no/such/page"), chromedp.WaitVisible(css("#error-title")),
		shot("35-not-found"),
		chromedp.Navigate(fmt.Sprintf("%s/plans/%d/publish", ts.URL, draft)), chromedp.WaitVisible(css("#publish-form")),
		chromedp.Submit(css(`form.lang-form button[lang="en"]`)), chromedp.WaitVisible(css(`form.lang-form button[lang="zh-CN"]`)),
		shot("36-publish-confirm-en"),
		chromedp.Navigate(fmt.Sprintf("%s/plans/%d/review", ts.URL, draft)), chromedp.WaitVisible(css("#meta-form")),
		shot("37-review-en"),
		chromedp.Submit(css(`form.lang-form button[lang="zh-CN"]`)), chromedp.WaitVisible(css(`form.lang-form button[lang="en"]`)),
		chromedp.Navigate(ts.URL+"/supervise"), chromedp.WaitVisible(css("#remind-form")),
		shot("34-supervise"),
	)
	// The remind button of a row stays on one line.
	if !eval(`[...document.querySelectorAll('button.remind-one')].every(b => getComputedStyle(b).whiteSpace === 'nowrap' && b.getClientRects().length === 1)`) {
		t.Error("a 催办 button wraps")
	}

	// On paper: the plan's outline, a task (as the office sees it, with
	// its forms), the reports list.
	printed := func(name, path, ready string) {
		t.Helper()
		do("print "+name,
			media("print"),
			chromedp.Navigate(ts.URL+path), chromedp.WaitReady(css(ready)),
			shot("40-print-"+name),
		)
		if !eval(`getComputedStyle(document.querySelector('header.top')).display === 'none'`) {
			t.Errorf("%s: the navigation is printed", name)
		}
		if !eval(`[...document.querySelectorAll('form')].every(f => getComputedStyle(f).display === 'none')`) {
			t.Errorf("%s: a form is printed", name)
		}
		if !eval(`[...document.querySelectorAll('table.grid td')].every(td => getComputedStyle(td).borderTopStyle === 'solid')`) {
			t.Errorf("%s: table cells print without borders", name)
		}
	}
	printed("plan", fmt.Sprintf("/plans/%d", f.demoPlan), "#outline")
	if !eval(`document.querySelectorAll('#outline .task-row').length > 10 && getComputedStyle(document.querySelector('#outline')).display !== 'none'`) {
		t.Error("the printed plan lacks its outline")
	}
	// On A4 paper, as the browser prints it: the outline, no navigation.
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
	if err != nil {
		t.Fatalf("printing the plan: %v", err)
	}
	pdfFile := filepath.Join(out, "41-plan-a4.pdf")
	if err := os.WriteFile(pdfFile, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if text, err := exec.Command("pdftotext", "-layout", pdfFile, "-").Output(); err == nil {
		if !strings.Contains(string(text), "建设物流枢纽体系") || strings.Contains(string(text), "导入规划") || strings.Contains(string(text), "退出") {
			t.Errorf("the printed plan:\n%.1500s", text)
		}
	} else if os.Getenv("CI") != "" {
		t.Errorf("pdftotext: %v", err)
	}
	printed("task", fmt.Sprintf("/tasks/%d", f.ownTask), "#task-units")
	// The office's unit forms give way to the units as text.
	if !eval(`[...document.querySelectorAll('#task-units td.print-only')].some(td => getComputedStyle(td).display === 'table-cell' && td.innerText.trim() !== '')`) {
		t.Error("the printed task shows no units")
	}
	do("reporter", media(""), chromedp.Click(css("#logout")), chromedp.WaitVisible(css("#username")), login("swt", demoPassword))
	printed("reports", "/reports", "#my-reports")
	if !eval(`getComputedStyle(document.querySelector('#my-reports')).display !== 'none' && [...document.querySelectorAll('.report-link')].every(a => getComputedStyle(a).display === 'none')`) {
		t.Error("the printed reports list shows its buttons, or no list")
	}
}
