package web

import (
	"context"
	"fmt"
	"mime"
	"net/smtp"
	"strings"
	"time"

	"luoshi/internal/locale"
	"luoshi/internal/store"
)

// dueNotices are the inbox notices of a user for the reports due: one per
// task and period, however often they are offered.
func dueNotices(userID int64, due []dueRow) []store.Notice {
	var ns []store.Notice
	for _, d := range due {
		ns = append(ns, store.Notice{UserID: userID, Kind: store.NoticeDue, TaskID: d.Task.ID, Period: d.Period.Key,
			Dedupe: fmt.Sprintf("due:%d:%s", d.Task.ID, d.Period.Key)})
	}
	return ns
}

// NotifyDue puts a notice of every report due or overdue at now in the
// inbox of every reporter of the unit that owes it, without waiting for
// a visit to the reports page. Each notice is delivered once per task,
// period and user; the new ones are e-mailed when SMTP is configured.
// It returns how many notices were new.
func (s *Server) NotifyDue(ctx context.Context, now time.Time) (int, error) {
	users, err := s.st.Users(ctx)
	if err != nil {
		return 0, err
	}
	byUnit := map[int64][]store.User{}
	var units []int64
	for _, u := range users {
		if u.Role != store.RoleReporter || u.UnitID == 0 {
			continue
		}
		if _, ok := byUnit[u.UnitID]; !ok {
			units = append(units, u.UnitID)
		}
		byUnit[u.UnitID] = append(byUnit[u.UnitID], u)
	}
	total := 0
	for _, unit := range units {
		due, err := s.unitDue(ctx, unit, now)
		if err != nil {
			return total, err
		}
		if len(due) == 0 {
			continue
		}
		for _, u := range byUnit[unit] {
			fresh, err := s.st.NotifyNew(ctx, dueNotices(u.ID, due))
			if err != nil {
				return total, err
			}
			total += len(fresh)
			if len(fresh) > 0 {
				s.mailDue(ctx, u, fresh, due, now)
			}
		}
	}
	return total, nil
}

// mailDue e-mails a user the reports newly due, in one message, when
// SMTP is configured and the user gave an address. A failure is logged:
// the inbox has the notices in any case.
func (s *Server) mailDue(ctx context.Context, u store.User, fresh []store.Notice, due []dueRow, now time.Time) {
	if s.cfg.SMTPAddr == "" || s.cfg.SMTPFrom == "" {
		return
	}
	addr, err := s.st.UserEmail(ctx, u.ID)
	if err != nil || addr == "" {
		return
	}
	type key struct {
		task   int64
		period string
	}
	rows := map[key]dueRow{}
	for _, d := range due {
		rows[key{d.Task.ID, d.Period.Key}] = d
	}
	var b strings.Builder
	for _, n := range fresh {
		d := rows[key{n.TaskID, n.Period}]
		fmt.Fprintf(&b, "%s 任务 %s：%s\r\n报告期 %s，截止 %s", d.Task.PlanTitle, d.Task.Label, d.Task.Text, s.periodLabel(locale.Default, d.Period.Key), d.DueDate())
		if d.Overdue > 0 {
			fmt.Fprintf(&b, "，已逾期 %d 天", d.Overdue)
		}
		b.WriteString("\r\n\r\n")
	}
	subject := fmt.Sprintf("报送提醒：%d 项报告待报送", len(fresh))
	if err := s.sendMail([]string{addr}, subject, b.String()); err != nil {
		s.log.Warn("due notice e-mail failed", "user", u.Username, "error", err)
	}
}

// sendMail sends a plain UTF-8 text message through the configured SMTP
// server.
func (s *Server) sendMail(to []string, subject, body string) error {
	msg := "From: " + s.cfg.SMTPFrom + "\r\nTo: " + strings.Join(to, ", ") + "\r\nSubject: " + mime.BEncoding.Encode("UTF-8", subject) +
		"\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body
	return smtp.SendMail(s.cfg.SMTPAddr, nil, s.cfg.SMTPFrom, to, []byte(msg))
}

// RunDueNotices calls NotifyDue at once and then every interval until
// ctx is cancelled.
func (s *Server) RunDueNotices(ctx context.Context, every time.Duration) {
	if every <= 0 {
		return
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		n, err := s.NotifyDue(ctx, s.now())
		switch {
		case err != nil && ctx.Err() == nil:
			s.log.Warn("report-due notices", "error", err)
		case n > 0:
			s.log.Info("report-due notices", "new", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
