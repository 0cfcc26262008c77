package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"luoshi/internal/config"
	"luoshi/internal/demo"
	"luoshi/internal/plan"
	"luoshi/internal/store"
	"luoshi/internal/web"
)

func runServe(e env, args []string) error {
	cfg, err := config.Load("serve", args, os.Getenv, e.stderr)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	logger := newLogger(e, cfg.LogLevel)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	st, err := openStore(ctx, cfg.DB, logger)
	if err != nil {
		return err
	}
	defer st.Close()
	err = demo.Seed(ctx, st, demo.Options{Parse: parseDocument, AdminPassword: cfg.AdminPassword,
		DemoPassword: cfg.DemoPassword, Plan: cfg.Demo, Out: e.stdout})
	if err != nil && !errors.Is(err, demo.ErrNotEmpty) {
		return fmt.Errorf("first start: %w", err)
	}

	srv, err := web.New(web.Deps{Store: st, Config: cfg, Parse: parseDocument, Logger: logger})
	if err != nil {
		return err
	}
	hs := &http.Server{
		Addr:              cfg.Addr,
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
	}
	go expireSessions(ctx, st, logger)
	go srv.RunDueNotices(ctx, cfg.DueInterval)
	errc := make(chan error, 1)
	go func() { errc <- hs.ListenAndServe() }()
	logger.Info("serving", "addr", cfg.Addr, "db", st.Engine())
	fmt.Fprintf(e.stdout, "Luoshi is serving on http://%s/\n", displayAddr(cfg.Addr))
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	logger.Info("shutting down")
	return hs.Shutdown(shutdown)
}

// ParseDocument is the one path from a document's bytes to a plan, for
// the server and its tests.
func ParseDocument(name string, data []byte) (*plan.Plan, error) { return parseDocument(name, data) }

func runMigrate(e env, args []string) error {
	cfg, err := config.Load("migrate", args, os.Getenv, e.stderr)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	applied, err := st.Migrate(ctx)
	for _, v := range applied {
		fmt.Fprintf(e.stdout, "applied %s\n", v)
	}
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintln(e.stdout, "schema is up to date")
	}
	return nil
}

func openStore(ctx context.Context, dsn string, logger *slog.Logger) (*store.Store, error) {
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	applied, err := st.Migrate(ctx)
	if err != nil {
		st.Close()
		return nil, err
	}
	if len(applied) > 0 {
		logger.Info("schema migrated", "applied", applied)
	}
	return st, nil
}

func expireSessions(ctx context.Context, st *store.Store, logger *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			if err := st.DeleteExpiredSessions(ctx, now); err != nil {
				logger.Warn("expiring sessions", "error", err)
			}
		}
	}
}

func newLogger(e env, level string) *slog.Logger {
	var l slog.Level
	l.UnmarshalText([]byte(level))
	return slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: l}))
}

func displayAddr(addr string) string {
	if len(addr) > 0 && addr[0] == ':' {
		return "localhost" + addr
	}
	return addr
}
