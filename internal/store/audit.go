package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// audit records a change inside the transaction that makes it. before and
// after are marshalled to JSON; nil stays NULL.
func (t *Tx) audit(ctx context.Context, a Actor, action, entity string, entityID, planID int64, before, after any) error {
	b, err := jsonOrNull(before)
	if err != nil {
		return err
	}
	af, err := jsonOrNull(after)
	if err != nil {
		return err
	}
	_, err = t.exec(ctx, `INSERT INTO audit_log (at, user_id, actor, action, entity, entity_id, plan_id, before, after)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		t.now, nullID(a.UserID), a.Username, action, entity, entityID, nullID(planID), b, af)
	if err != nil {
		return fmt.Errorf("store: audit %s %s: %w", action, entity, err)
	}
	return nil
}

func jsonOrNull(v any) (sql.NullString, error) {
	if v == nil {
		return sql.NullString{}, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return sql.NullString{}, fmt.Errorf("store: audit json: %w", err)
	}
	return sql.NullString{String: string(b), Valid: true}, nil
}

func nullID(id int64) sql.NullInt64 {
	return sql.NullInt64{Int64: id, Valid: id != 0}
}

// AuditFor lists the changes to one entity, oldest first.
func (s *Store) AuditFor(ctx context.Context, entity string, id int64) ([]AuditEntry, error) {
	return s.auditQuery(ctx, `WHERE entity = ? AND entity_id = ? ORDER BY at, id`, entity, id)
}

// AuditForPlan lists the latest changes within a plan, newest first.
func (s *Store) AuditForPlan(ctx context.Context, planID int64, limit int) ([]AuditEntry, error) {
	return s.auditQuery(ctx, `WHERE plan_id = ? ORDER BY at DESC, id DESC LIMIT ?`, planID, limit)
}

func (s *Store) auditQuery(ctx context.Context, where string, args ...any) ([]AuditEntry, error) {
	rows, err := s.query(ctx, `SELECT id, at, COALESCE(user_id, 0), actor, action, entity, entity_id,
		COALESCE(plan_id, 0), COALESCE(before, ''), COALESCE(after, '') FROM audit_log `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store: audit: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.ID, &e.At, &e.UserID, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &e.PlanID, &e.Before, &e.After); err != nil {
			return nil, fmt.Errorf("store: audit: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
