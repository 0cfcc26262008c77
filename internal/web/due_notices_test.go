package web_test

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
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

// mailbox is an SMTP server on a local port that keeps what it is sent.
type mailbox struct {
	addr string
	mu   sync.Mutex
	msgs []string // recipients, a blank line, then the data
}

func newMailbox(t *testing.T) *mailbox {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	m := &mailbox{addr: l.Addr().String()}
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go m.serve(c)
		}
	}()
	return m
}

func (m *mailbox) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	say := func(s string) { io.WriteString(c, s+"\r\n") }
	say("220 mailbox")
	var rcpt []string
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250-mailbox")
			say("250 8BITMIME")
		case strings.HasPrefix(cmd, "RCPT TO:"):
			rcpt = append(rcpt, strings.TrimSpace(line[len("RCPT TO:"):]))
			say("250 ok")
		case cmd == "DATA":
			say("354 go on")
			var data strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				data.WriteString(l)
			}
			m.mu.Lock()
			m.msgs = append(m.msgs, strings.Join(rcpt, ",")+"\r\n\r\n"+data.String())
			m.mu.Unlock()
			rcpt = nil
			say("250 kept")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 ok")
		}
	}
}

func (m *mailbox) messages() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.msgs...)
}

// TestNotifyDue drives the report-due notices with a fixed clock on every
// engine: every reporter of a unit that owes a report gets one notice
// per task and period, however often it runs, and one e-mail for what is
// new.
func TestNotifyDue(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) { testNotifyDue(t, e.Open) })
	}
}

func testNotifyDue(t *testing.T, open func(testing.TB) *store.Store) {
	ctx := context.Background()
	st := open(t)
	if err := demo.Seed(ctx, st, demo.Options{Parse: cli.ParseDocument, AdminPassword: adminPassword,
		DemoPassword: demoPassword, Plan: true, Out: io.Discard}); err != nil {
		t.Fatal(err)
	}
	mb := newMailbox(t)
	cfg := config.Default()
	cfg.SMTPAddr, cfg.SMTPFrom = mb.addr, "luoshi@example.org"
	srv, err := web.New(web.Deps{Store: st, Config: cfg, Parse: cli.ParseDocument, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	swt, err := st.UserByName(ctx, "swt")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetUserEmail(ctx, store.Actor{Username: "test"}, swt.ID, "swt@example.org"); err != nil {
		t.Fatal(err)
	}
	dueNotices := func(userID int64) map[string]int {
		ns, err := st.Inbox(ctx, userID, 1000)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, n := range ns {
			if n.Kind == store.NoticeDue {
				out[n.TaskLabel+"@"+n.Period]++
			}
		}
		return out
	}

	// Late November 2026: the third quarter is overdue for some tasks.
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, reporting.Shanghai())
	n, err := srv.NotifyDue(ctx, now)
	if err != nil || n == 0 {
		t.Fatalf("first run: %d notices, %v", n, err)
	}
	first := dueNotices(swt.ID)
	if len(first) == 0 {
		t.Fatal("no due notice in 省商务厅's inbox")
	}
	for k, c := range first {
		if c != 1 {
			t.Errorf("%s: %d notices", k, c)
		}
		if !strings.HasSuffix(k, "@2026-Q3") && !strings.HasSuffix(k, "@2026-Q2") && !strings.HasSuffix(k, "@2026-Q1") {
			t.Errorf("notice of a period not yet due: %s", k)
		}
	}
	gxt, _ := st.UserByName(ctx, "gxt")
	if len(dueNotices(gxt.ID)) == 0 {
		t.Error("another unit's reporter got no notice")
	}
	viewer, _ := st.UserByName(ctx, demo.Viewer)
	if len(dueNotices(viewer.ID)) != 0 {
		t.Error("a viewer got report-due notices")
	}
	mails := mb.messages()
	if len(mails) != 1 || !strings.HasPrefix(mails[0], "<swt@example.org>") || !strings.Contains(mails[0], "=?UTF-8?b?") {
		t.Fatalf("mails after the first run: %q", mails)
	}

	// Running again, at once or an hour later, adds nothing.
	for _, at := range []time.Time{now, now.Add(time.Hour)} {
		if n, err := srv.NotifyDue(ctx, at); err != nil || n != 0 {
			t.Errorf("repeated run at %s: %d new notices, %v", at, n, err)
		}
	}
	if again := dueNotices(swt.ID); len(again) != len(first) {
		t.Errorf("notices after repeating: %d, want %d", len(again), len(first))
	}
	if got := len(mb.messages()); got != 1 {
		t.Errorf("%d mails after repeating, want 1", got)
	}

	// When the fourth quarter falls due, its notices come, once.
	later := time.Date(2027, 1, 20, 9, 0, 0, 0, reporting.Shanghai())
	if n, err := srv.NotifyDue(ctx, later); err != nil || n == 0 {
		t.Fatalf("run for 2026-Q4: %d, %v", n, err)
	}
	q4 := 0
	for k := range dueNotices(swt.ID) {
		if strings.HasSuffix(k, "@2026-Q4") {
			q4++
		}
	}
	if q4 == 0 {
		t.Error("no notice for 2026-Q4")
	}
	if got := len(mb.messages()); got != 2 {
		t.Errorf("%d mails after the fourth quarter, want 2", got)
	}
}

// TestRunDueNoticesStops checks that the scheduler ends with its context.
func TestRunDueNoticesStops(t *testing.T) {
	st := storetest.SQLite(t)
	srv, err := web.New(web.Deps{Store: st, Config: config.Default(), Parse: cli.ParseDocument, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { srv.RunDueNotices(ctx, time.Minute); close(done) }()
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("RunDueNotices did not stop when its context was cancelled")
	}
}
