package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Notice kinds; each is a translation key of the inbox.
const (
	NoticeDue          = "due"
	NoticeReturned     = "returned"
	NoticeAccepted     = "accepted"
	NoticeReminder     = "reminder"
	NoticeClosed       = "closed"
	NoticeContribution = "contribution"
)

// Notice is one line of a user's inbox.
type Notice struct {
	ID        int64  `json:"id"`
	UserID    int64  `json:"user_id"`
	Kind      string `json:"kind"`
	TaskID    int64  `json:"task_id"`
	TaskLabel string `json:"task_label"`
	PlanTitle string `json:"plan_title"`
	ReportID  int64  `json:"report_id"`
	// UnitName is the unit of the report a notice is about (who
	// submitted it), "" for a notice about no report.
	UnitName  string    `json:"unit_name"`
	Period    string    `json:"period"`
	Body      string    `json:"body"`
	Read      bool      `json:"read"`
	Done      bool      `json:"done"` // a report due that has since been submitted
	CreatedAt time.Time `json:"created_at"`
	// Dedupe, when set, makes the notice single per user.
	Dedupe string `json:"-"`
}

// notify puts a notice in one user's inbox; a repeated Dedupe is ignored.
func (t *Tx) notify(ctx context.Context, userID int64, n Notice) error {
	_, err := t.deliver(ctx, userID, n)
	return err
}

// deliver is notify, telling whether the notice is new to the inbox.
func (t *Tx) deliver(ctx context.Context, userID int64, n Notice) (bool, error) {
	res, err := t.exec(ctx, `INSERT INTO notifications (user_id, kind, task_id, report_id, period, body, dedupe, is_read, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, FALSE, ?) ON CONFLICT (user_id, dedupe) DO NOTHING`,
		userID, n.Kind, nullID(n.TaskID), nullID(n.ReportID), n.Period, n.Body, sql.NullString{String: n.Dedupe, Valid: n.Dedupe != ""}, t.now)
	if err != nil {
		return false, fmt.Errorf("store: notify user %d: %w", userID, err)
	}
	k, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: notify user %d: %w", userID, err)
	}
	return k > 0, nil
}

// notifyUnit puts a notice in the inbox of every reporter of a unit.
func (t *Tx) notifyUnit(ctx context.Context, unitID int64, n Notice) error {
	users, err := t.unitUsers(ctx, unitID)
	if err != nil {
		return err
	}
	for _, u := range users {
		if err := t.notify(ctx, u, n); err != nil {
			return err
		}
	}
	return nil
}

func (t *Tx) unitUsers(ctx context.Context, unitID int64) ([]int64, error) {
	rows, err := t.query(ctx, `SELECT id FROM users WHERE unit_id = ? AND role = 'reporter' ORDER BY id`, unitID)
	if err != nil {
		return nil, fmt.Errorf("store: users of unit %d: %w", unitID, err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// Notify puts notices in users' inboxes, e.g. the reports due that the
// server finds; notices with a Dedupe already delivered are skipped.
func (s *Store) Notify(ctx context.Context, ns []Notice) error {
	if len(ns) == 0 {
		return nil
	}
	return s.Tx(ctx, func(tx *Tx) error {
		for _, n := range ns {
			if err := tx.notify(ctx, n.UserID, n); err != nil {
				return err
			}
		}
		return nil
	})
}

// NotifyNew is Notify that returns the notices delivered now, leaving
// out those whose Dedupe was delivered before, e.g. to e-mail them once.
func (s *Store) NotifyNew(ctx context.Context, ns []Notice) ([]Notice, error) {
	var out []Notice
	err := s.Tx(ctx, func(tx *Tx) error {
		out = out[:0]
		for _, n := range ns {
			fresh, err := tx.deliver(ctx, n.UserID, n)
			if err != nil {
				return err
			}
			if fresh {
				out = append(out, n)
			}
		}
		return nil
	})
	return out, err
}

// Inbox lists a user's notices, newest first.
func (s *Store) Inbox(ctx context.Context, userID int64, limit int) ([]Notice, error) {
	rows, err := s.query(ctx, `SELECT n.id, n.user_id, n.kind, COALESCE(n.task_id, 0), COALESCE(t.label, ''), COALESCE(p.title, ''),
		COALESCE(n.report_id, 0), n.period, n.body, n.is_read, n.created_at
		FROM notifications n LEFT JOIN tasks t ON t.id = n.task_id LEFT JOIN plans p ON p.id = t.plan_id
		WHERE n.user_id = ? ORDER BY n.created_at DESC, n.id DESC LIMIT ?`, userID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: inbox: %w", err)
	}
	defer rows.Close()
	var out []Notice
	for rows.Next() {
		var n Notice
		if err := rows.Scan(&n.ID, &n.UserID, &n.Kind, &n.TaskID, &n.TaskLabel, &n.PlanTitle, &n.ReportID, &n.Period, &n.Body, &n.Read, &n.CreatedAt); err != nil {
			return nil, fmt.Errorf("store: inbox: %w", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// Unread counts a user's unread notices.
func (s *Store) Unread(ctx context.Context, userID int64) (int, error) {
	var n int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM notifications WHERE user_id = ? AND is_read = FALSE`, userID).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: unread: %w", err)
	}
	return n, nil
}

// MarkRead marks a user's notices read: those listed, or all when ids
// is empty. Other users' notices are never touched.
func (s *Store) MarkRead(ctx context.Context, userID int64, ids []int64) error {
	return s.Tx(ctx, func(tx *Tx) error {
		if len(ids) == 0 {
			_, err := tx.exec(ctx, `UPDATE notifications SET is_read = TRUE WHERE user_id = ? AND is_read = FALSE`, userID)
			return err
		}
		for _, id := range ids {
			if _, err := tx.exec(ctx, `UPDATE notifications SET is_read = TRUE WHERE user_id = ? AND id = ?`, userID, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// SetUserEmail sets where a user's notices are e-mailed ("" for none).
func (s *Store) SetUserEmail(ctx context.Context, a Actor, userID int64, email string) error {
	return s.Tx(ctx, func(tx *Tx) error {
		var before string
		if err := tx.queryRow(ctx, `SELECT email FROM users WHERE id = ?`, userID).Scan(&before); err != nil {
			return fmt.Errorf("store: user %d: %w", userID, mapErr(err))
		}
		if _, err := tx.exec(ctx, `UPDATE users SET email = ? WHERE id = ?`, email, userID); err != nil {
			return err
		}
		return tx.audit(ctx, a, "set_email", "user", userID, 0, map[string]string{"email": before}, map[string]string{"email": email})
	})
}

// UserEmail returns the address a user's notices go to, "" when none.
func (s *Store) UserEmail(ctx context.Context, userID int64) (string, error) {
	var e string
	if err := s.queryRow(ctx, `SELECT email FROM users WHERE id = ?`, userID).Scan(&e); err != nil {
		return "", fmt.Errorf("store: user %d: %w", userID, mapErr(err))
	}
	return e, nil
}

// UnitEmails returns the addresses of a unit's reporters that have one.
func (s *Store) UnitEmails(ctx context.Context, unitID int64) ([]string, error) {
	rows, err := s.query(ctx, `SELECT email FROM users WHERE unit_id = ? AND role = 'reporter' AND email <> '' ORDER BY id`, unitID)
	if err != nil {
		return nil, fmt.Errorf("store: unit e-mails: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Reminder is one 催办: the office asks a unit for a report.
type Reminder struct {
	ID       int64     `json:"id"`
	PlanID   int64     `json:"plan_id"`
	TaskID   int64     `json:"task_id"`
	UnitID   int64     `json:"unit_id"`
	UnitName string    `json:"unit_name"`
	Period   string    `json:"period"`
	Message  string    `json:"message"`
	SentBy   int64     `json:"sent_by"`
	Sender   string    `json:"sender"`
	SentAt   time.Time `json:"sent_at"`
	Emailed  bool      `json:"emailed"`
}

// Remind records reminders, each with its sender and time, puts them in
// the units' reporters' inboxes and returns them with their ids.
func (s *Store) Remind(ctx context.Context, a Actor, rs []Reminder) ([]Reminder, error) {
	err := s.Tx(ctx, func(tx *Tx) error {
		for i := range rs {
			r := &rs[i]
			r.SentBy, r.Sender, r.SentAt = a.UserID, a.Username, tx.now
			id, err := tx.insert(ctx, `INSERT INTO reminders (plan_id, task_id, unit_id, period, message, sent_by, sender, sent_at, emailed)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)`, r.PlanID, nullID(r.TaskID), r.UnitID, r.Period, r.Message, nullID(a.UserID), a.Username, tx.now)
			if err != nil {
				return fmt.Errorf("store: reminder: %w", err)
			}
			r.ID = id
			if err := tx.notifyUnit(ctx, r.UnitID, Notice{Kind: NoticeReminder, TaskID: r.TaskID, Period: r.Period, Body: r.Message}); err != nil {
				return err
			}
			entity, eid := "plan", r.PlanID
			if r.TaskID != 0 {
				entity, eid = "task", r.TaskID
			}
			if err := tx.audit(ctx, a, "remind", entity, eid, r.PlanID, nil,
				map[string]any{"reminder_id": id, "unit_id": r.UnitID, "period": r.Period, "message": r.Message}); err != nil {
				return err
			}
		}
		return nil
	})
	return rs, err
}

// MarkEmailed records that a reminder went out by e-mail.
func (s *Store) MarkEmailed(ctx context.Context, id int64) error {
	return s.Tx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE reminders SET emailed = 1 WHERE id = ?`, id)
		return err
	})
}

// ReminderFilter narrows the reminder history; zero fields match all.
type ReminderFilter struct {
	PlanID, TaskID, UnitID int64
	Limit                  int
	After                  string // a cursor of ReminderList
}

// Reminders lists reminders, newest first.
func (s *Store) Reminders(ctx context.Context, f ReminderFilter) ([]Reminder, error) {
	where := []string{"1 = 1"}
	var args []any
	for _, c := range []struct {
		col string
		v   int64
	}{{"m.plan_id", f.PlanID}, {"m.task_id", f.TaskID}, {"m.unit_id", f.UnitID}} {
		if c.v != 0 {
			where = append(where, c.col+" = ?")
			args = append(args, c.v)
		}
	}
	if f.Limit <= 0 {
		f.Limit = 100
	}
	args = append(args, f.Limit)
	rows, err := s.query(ctx, `SELECT m.id, m.plan_id, COALESCE(m.task_id, 0), m.unit_id, u.name, m.period, m.message,
		COALESCE(m.sent_by, 0), m.sender, m.sent_at, m.emailed FROM reminders m JOIN units u ON u.id = m.unit_id
		WHERE `+strings.Join(where, " AND ")+` ORDER BY m.sent_at DESC, m.id DESC LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: reminders: %w", err)
	}
	defer rows.Close()
	var out []Reminder
	for rows.Next() {
		var r Reminder
		var emailed int
		if err := rows.Scan(&r.ID, &r.PlanID, &r.TaskID, &r.UnitID, &r.UnitName, &r.Period, &r.Message, &r.SentBy, &r.Sender, &r.SentAt, &emailed); err != nil {
			return nil, fmt.Errorf("store: reminders: %w", err)
		}
		r.Emailed = emailed != 0
		out = append(out, r)
	}
	return out, rows.Err()
}
