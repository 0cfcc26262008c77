package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// NoticeSubmitted tells the office that a unit submitted a report.
const NoticeSubmitted = "submitted"

// NoticeKinds are the kinds of notice, for the inbox's filter.
var NoticeKinds = []string{NoticeDue, NoticeReturned, NoticeAccepted, NoticeReminder, NoticeClosed, NoticeContribution, NoticeSubmitted}

// NoticeFilter narrows a user's inbox.
type NoticeFilter struct {
	Unread bool   `json:"unread"`
	Kind   string `json:"kind"`
	Limit  int    `json:"limit"`
	After  string `json:"after"`
}

const noticeColumns = `SELECT n.id, n.user_id, n.kind, COALESCE(n.task_id, 0), COALESCE(t.label, ''), COALESCE(p.title, ''),
	COALESCE(n.report_id, 0), COALESCE(u.name, ''), n.period, n.body, n.is_read, n.done, n.created_at
	FROM notifications n LEFT JOIN tasks t ON t.id = n.task_id LEFT JOIN plans p ON p.id = t.plan_id
	LEFT JOIN reports r ON r.id = n.report_id LEFT JOIN units u ON u.id = r.unit_id `

func scanNotice(sc interface{ Scan(...any) error }) (Notice, error) {
	var n Notice
	err := sc.Scan(&n.ID, &n.UserID, &n.Kind, &n.TaskID, &n.TaskLabel, &n.PlanTitle, &n.ReportID, &n.UnitName, &n.Period, &n.Body, &n.Read, &n.Done, &n.CreatedAt)
	return n, mapErr(err)
}

// InboxList lists a page of a user's notices, newest first.
func (s *Store) InboxList(ctx context.Context, userID int64, f NoticeFilter) (Page[Notice], error) {
	var p Page[Notice]
	limit, err := limitOf(f.Limit)
	if err != nil {
		return p, err
	}
	where := []string{"n.user_id = ?"}
	args := []any{userID}
	if f.Unread {
		where = append(where, "n.is_read = FALSE")
	}
	if f.Kind != "" {
		if !slices.Contains(NoticeKinds, f.Kind) {
			return p, badFilter("kind", f.Kind)
		}
		where = append(where, "n.kind = ?")
		args = append(args, f.Kind)
	}
	keys := []keyCol{{s.d.timeKey("n.created_at"), true}, {"n.id", true}}
	if f.After != "" {
		var at cursorTime
		var id int64
		if err := decodeCursor(f.After, "newest", &at, &id); err != nil {
			return p, err
		}
		cond, cargs := after(keys, []any{s.d.timeArg(at.Time), id})
		where = append(where, cond)
		args = append(args, cargs...)
	}
	rows, err := s.query(ctx, noticeColumns+`WHERE `+strings.Join(where, " AND ")+orderBy(keys)+` LIMIT ?`, append(args, limit+1)...)
	if err != nil {
		return p, fmt.Errorf("store: inbox: %w", err)
	}
	defer rows.Close()
	var out []Notice
	for rows.Next() {
		n, err := scanNotice(rows)
		if err != nil {
			return p, fmt.Errorf("store: inbox: %w", err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return p, fmt.Errorf("store: inbox: %w", err)
	}
	return pageOf(out, limit, func(n Notice) string { return encodeCursor("newest", cursorTime{n.CreatedAt}, n.ID) }), nil
}

// OpenNotice marks one of a user's notices read and returns it. Another
// user's notice is ErrNotFound and stays as it was: the owner is part
// of the update's condition.
func (s *Store) OpenNotice(ctx context.Context, userID, id int64) (Notice, error) {
	var n Notice
	err := s.Tx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE notifications SET is_read = TRUE WHERE id = ? AND user_id = ?`, id, userID)
		if err != nil {
			return fmt.Errorf("store: open notice %d: %w", id, err)
		}
		if k, err := res.RowsAffected(); err != nil || k == 0 {
			return fmt.Errorf("store: notice %d of user %d: %w", id, userID, ErrNotFound)
		}
		n, err = scanNotice(tx.queryRow(ctx, noticeColumns+`WHERE n.id = ? AND n.user_id = ?`, id, userID))
		if err != nil {
			return fmt.Errorf("store: notice %d: %w", id, err)
		}
		return nil
	})
	return n, err
}

// reportReceived is what a submission does to inboxes, in the
// submission's transaction: every office account is told, and the
// submitting unit's notices of this report being due are done.
func (t *Tx) reportReceived(ctx context.Context, taskID, unitID, reportID int64, period string) error {
	rows, err := t.query(ctx, `SELECT id FROM users WHERE role = 'office' ORDER BY id`)
	if err != nil {
		return fmt.Errorf("store: office users: %w", err)
	}
	var office []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return fmt.Errorf("store: office users: %w", err)
		}
		office = append(office, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: office users: %w", err)
	}
	for _, u := range office {
		if err := t.notify(ctx, u, Notice{Kind: NoticeSubmitted, TaskID: taskID, ReportID: reportID, Period: period}); err != nil {
			return err
		}
	}
	if _, err := t.exec(ctx, `UPDATE notifications SET done = TRUE, is_read = TRUE
		WHERE kind = 'due' AND task_id = ? AND period = ? AND done = FALSE
		AND user_id IN (SELECT id FROM users WHERE unit_id = ?)`, taskID, period, unitID); err != nil {
		return fmt.Errorf("store: due notices of task %d: %w", taskID, err)
	}
	return nil
}
