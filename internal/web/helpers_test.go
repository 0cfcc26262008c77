package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"luoshi/internal/cli"
	"luoshi/internal/config"
	"luoshi/internal/demo"
	"luoshi/internal/reporting"
	"luoshi/internal/store"
	"luoshi/internal/store/storetest"
	"luoshi/internal/web"
)

const (
	adminPassword = "office-secret-1"
	demoPassword  = "unit-secret-1"
)

// testServer is a running server on a fresh SQLite store with the
// demonstration plan and accounts.
type testServer struct {
	*httptest.Server
	st *store.Store
}

func newTestServer(t testing.TB, cfg config.Config) *testServer {
	t.Helper()
	return newTestServerOn(t, storetest.SQLite, cfg)
}

// newTestServerOn is newTestServer on a store opened by open.
func newTestServerOn(t testing.TB, open func(testing.TB) *store.Store, cfg config.Config) *testServer {
	t.Helper()
	st := open(t)
	// The tests' today, whatever the machine's: 20 November 2026, in the
	// fourth quarter, the third one's reports due since 15 October.
	clock := testClock()
	st.SetClock(clock)
	ctx := context.Background()
	if err := demo.Seed(ctx, st, demo.Options{Parse: cli.ParseDocument, AdminPassword: adminPassword,
		DemoPassword: demoPassword, Plan: true, Out: io.Discard}); err != nil {
		t.Fatal(err)
	}
	if cfg.MaxUpload == 0 {
		cfg = config.Default()
	}
	srv, err := web.New(web.Deps{Store: st, Config: cfg, Parse: cli.ParseDocument,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &testServer{Server: ts, st: st}
}

// testClock runs from 20 November 2026, 10:00 in China, as time passes.
func testClock() func() time.Time {
	base, start := time.Date(2026, 11, 20, 10, 0, 0, 0, reporting.Shanghai()), time.Now()
	return func() time.Time { return base.Add(time.Since(start)) }
}
