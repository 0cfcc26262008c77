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

// testNow is the day of the test servers: late in the demonstration
// plan's year, so that what is due never depends on the day tests run.
var testNow = time.Date(2026, 11, 25, 9, 0, 0, 0, reporting.Shanghai())

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
	ctx := context.Background()
	if err := demo.Seed(ctx, st, demo.Options{Parse: cli.ParseDocument, AdminPassword: adminPassword,
		DemoPassword: demoPassword, Plan: true, Out: io.Discard}); err != nil {
		t.Fatal(err)
	}
	if cfg.MaxUpload == 0 {
		cfg = config.Default()
	}
	srv, err := web.New(web.Deps{Store: st, Config: cfg, Parse: cli.ParseDocument, Now: func() time.Time { return testNow },
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &testServer{Server: ts, st: st}
}
