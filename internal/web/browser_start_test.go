package web_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"luoshi/internal/skipnote"
)

// needBrowser skips a browser test in -short mode or where Chromium is
// missing (failing instead under CI), and returns the directory its
// screenshots go to.
func needBrowser(t *testing.T) (out string) {
	t.Helper()
	if testing.Short() {
		skipnote.Skip(t, "browser tests", "-short")
	}
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but %s is missing: %v", chromium, err)
		}
		skipnote.Skip(t, "browser tests", chromium+" not found")
	}
	out, _ = filepath.Abs(filepath.Join("testdata", "out"))
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	return out
}

// newBrowser starts a headless Chromium with a window of w×h pixels,
// closed when the test ends.
func newBrowser(t *testing.T, w, h int64) context.Context {
	t.Helper()
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium), chromedp.Flag("headless", true), chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-background-networking", true),
		chromedp.UserDataDir(t.TempDir()))
	t.Cleanup(cancelAlloc)
	browser, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel)
	if err := chromedp.Do(browser, chromedp.EmulateViewport(w, h)); err != nil {
		t.Fatalf("starting %s: %v", chromium, err)
	}
	return browser
}
