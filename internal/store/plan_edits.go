package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strings"
)

// The office's corrections of a plan beyond a task's fields: metadata,
// tasks and targets added or deleted, collective names expanded or
// confirmed, and a guarded publish. The rules (what may change, what is
// valid) are the caller's, internal/planedit; these run the transactions.

const taskUnitColumns = `tu.id, tu.task_id, tu.ord, tu.name, tu.role, COALESCE(tu.unit_id, 0), COALESCE(u.name, ''),
	COALESCE(u.kind, ''), tu.match, tu.as_is, tu.span_start, tu.span_end`

func scanTaskUnit(sc interface{ Scan(...any) error }) (TaskUnit, error) {
	var u TaskUnit
	err := sc.Scan(&u.ID, &u.TaskID, &u.Ord, &u.Name, &u.Role, &u.UnitID, &u.UnitName, &u.UnitKind, &u.Match, &u.AsIs, &u.Start, &u.End)
	return u, err
}

// PlanMeta is a plan's metadata as the office corrects it. Rev is the
// revision the editor saw.
type PlanMeta struct {
	ID        int64  `json:"-"`
	Rev       int    `json:"-"`
	Title     string `json:"title"`
	DocNumber string `json:"doc_number"`
	Issuer    string `json:"issuer"`
	DocDate   string `json:"doc_date"`
	Region    string `json:"region"`
	Year      int    `json:"year"`
}

// UpdatePlanMeta saves corrected metadata and returns the new revision.
// A plan changed since m.Rev is ErrConflict.
func (s *Store) UpdatePlanMeta(ctx context.Context, a Actor, m PlanMeta) (int, error) {
	err := s.Tx(ctx, func(tx *Tx) error {
		var before PlanMeta
		var rev int
		if err := tx.queryRow(ctx, `SELECT title, doc_number, issuer, doc_date, region, year, rev FROM plans WHERE id = ?`, m.ID).
			Scan(&before.Title, &before.DocNumber, &before.Issuer, &before.DocDate, &before.Region, &before.Year, &rev); err != nil {
			return fmt.Errorf("store: plan %d: %w", m.ID, mapErr(err))
		}
		res, err := tx.exec(ctx, `UPDATE plans SET title = ?, doc_number = ?, issuer = ?, doc_date = ?, region = ?, year = ?,
			rev = rev + 1, updated_at = ? WHERE id = ? AND rev = ?`,
			m.Title, m.DocNumber, m.Issuer, m.DocDate, m.Region, m.Year, tx.now, m.ID, m.Rev)
		if err != nil {
			return fmt.Errorf("store: plan %d: %w", m.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("store: plan %d at revision %d, not %d: %w", m.ID, rev, m.Rev, ErrConflict)
		}
		return tx.audit(ctx, a, "update_meta", "plan", m.ID, m.ID, before, m)
	})
	if err != nil {
		return 0, err
	}
	return m.Rev + 1, nil
}

// NewTask is a task the office adds by hand, after the task After (the
// plan's last task when After is 0), under the same heading.
type NewTask struct {
	PlanID    int64
	After     int64
	Label     string
	Text      string
	TaskForce string
	Deadline  string
}

// AddTask inserts a task and returns its id. The task takes the place
// after After in the plan's order and a zero-length span where After's
// text ends, so that the outline shows it there.
func (s *Store) AddTask(ctx context.Context, a Actor, n NewTask) (int64, error) {
	var id int64
	err := s.Tx(ctx, func(tx *Tx) error {
		if err := tx.planExists(ctx, n.PlanID); err != nil {
			return err
		}
		var ord, end int
		var section, path string
		q := `SELECT ord, span_end, section, path FROM tasks WHERE plan_id = ? ORDER BY ord DESC LIMIT 1`
		args := []any{n.PlanID}
		if n.After != 0 {
			q, args = `SELECT ord, span_end, section, path FROM tasks WHERE plan_id = ? AND id = ?`, []any{n.PlanID, n.After}
		}
		err := tx.queryRow(ctx, q, args...).Scan(&ord, &end, &section, &path)
		switch {
		case errors.Is(err, sql.ErrNoRows) && n.After != 0:
			return fmt.Errorf("store: task %d is not in plan %d: %w", n.After, n.PlanID, ErrInvalid)
		case errors.Is(err, sql.ErrNoRows):
			ord = -1
		case err != nil:
			return fmt.Errorf("store: add task: %w", err)
		}
		// Make room at ord+1. Two steps, since a unique (plan, ord) is
		// checked row by row: move the later tasks out of the way, then
		// back one place further.
		if _, err := tx.exec(ctx, `UPDATE tasks SET ord = -ord - 2 WHERE plan_id = ? AND ord > ?`, n.PlanID, ord); err != nil {
			return fmt.Errorf("store: add task: %w", err)
		}
		if _, err := tx.exec(ctx, `UPDATE tasks SET ord = -ord - 1 WHERE plan_id = ? AND ord < 0`, n.PlanID); err != nil {
			return fmt.Errorf("store: add task: %w", err)
		}
		if path == "" {
			path = n.Label
		} else if i := strings.LastIndex(path, "/"); i >= 0 {
			path = path[:i+1] + n.Label
		} else {
			path = n.Label
		}
		id, err = tx.insert(ctx, `INSERT INTO tasks (plan_id, ord, section, path, label, text, task_force, deadline,
			span_start, span_end, status, version, updated_at, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'not_started', 1, ?, 'high')`,
			n.PlanID, ord+1, section, path, n.Label, n.Text, n.TaskForce, n.Deadline, end, end, tx.now)
		if err != nil {
			return fmt.Errorf("store: add task: %w", err)
		}
		after := map[string]any{"label": n.Label, "text": n.Text, "task_force": n.TaskForce, "deadline": n.Deadline}
		if err := tx.audit(ctx, a, "add_task", "task", id, n.PlanID, nil, after); err != nil {
			return err
		}
		return tx.audit(ctx, a, "add_task", "plan", n.PlanID, n.PlanID, nil, after)
	})
	return id, err
}

// ErrHasWork refuses to delete a task that units have reported on or
// been reminded of: that record is not to be lost.
var ErrHasWork = errors.New("the task has reports or reminders")

// DeleteTask removes a task with its units, targets and assignments.
// version must be the task's; a task with reports or reminders is
// ErrHasWork. It returns the task's plan.
func (s *Store) DeleteTask(ctx context.Context, a Actor, taskID int64, version int) (int64, error) {
	var planID int64
	err := s.Tx(ctx, func(tx *Tx) error {
		var label, text string
		var cur int
		if err := tx.queryRow(ctx, `SELECT plan_id, label, text, version FROM tasks WHERE id = ?`, taskID).
			Scan(&planID, &label, &text, &cur); err != nil {
			return fmt.Errorf("store: task %d: %w", taskID, mapErr(err))
		}
		if cur != version {
			return fmt.Errorf("store: task %d at version %d, not %d: %w", taskID, cur, version, ErrConflict)
		}
		var work int
		if err := tx.queryRow(ctx, `SELECT (SELECT COUNT(*) FROM reports WHERE task_id = ?) + (SELECT COUNT(*) FROM reminders WHERE task_id = ?)`,
			taskID, taskID).Scan(&work); err != nil {
			return fmt.Errorf("store: task %d: %w", taskID, err)
		}
		if work > 0 {
			return fmt.Errorf("store: delete task %d: %w", taskID, ErrHasWork)
		}
		if _, err := tx.exec(ctx, `DELETE FROM tasks WHERE id = ?`, taskID); err != nil {
			return fmt.Errorf("store: delete task %d: %w", taskID, err)
		}
		return tx.audit(ctx, a, "delete_task", "plan", planID, planID, map[string]any{"label": label, "text": text}, nil)
	})
	return planID, err
}

// NewTarget is a target the office adds: to a task, or to the plan's
// goals when TaskID is 0.
type NewTarget struct {
	PlanID     int64 // for a goal; a task's target takes its task's plan
	TaskID     int64
	Indicator  string
	Value      float64
	Unit       string
	Comparator string
	Year       int
}

type targetState struct {
	Indicator  string  `json:"indicator"`
	Value      float64 `json:"value"`
	Unit       string  `json:"measure"`
	Comparator string  `json:"comparator"`
	Year       int     `json:"year"`
}

// AddTarget inserts a target and returns its id.
func (s *Store) AddTarget(ctx context.Context, a Actor, n NewTarget) (int64, error) {
	if math.IsNaN(n.Value) || math.IsInf(n.Value, 0) {
		return 0, fmt.Errorf("store: target value: %w", ErrInvalid)
	}
	var id int64
	err := s.Tx(ctx, func(tx *Tx) error {
		planID := n.PlanID
		if n.TaskID != 0 {
			if err := tx.queryRow(ctx, `SELECT plan_id FROM tasks WHERE id = ?`, n.TaskID).Scan(&planID); err != nil {
				return fmt.Errorf("store: task %d: %w", n.TaskID, mapErr(err))
			}
		} else if err := tx.planExists(ctx, planID); err != nil {
			return err
		}
		var ord int
		if err := tx.queryRow(ctx, `SELECT COALESCE(MAX(ord), -1) + 1 FROM targets WHERE plan_id = ? AND `+targetOwner(n.TaskID),
			targetOwnerArgs(planID, n.TaskID)...).Scan(&ord); err != nil {
			return fmt.Errorf("store: add target: %w", err)
		}
		var err error
		id, err = tx.insert(ctx, `INSERT INTO targets (plan_id, task_id, ord, text, indicator, value, unit, comparator, year)
			VALUES (?, ?, ?, '', ?, ?, ?, ?, ?)`, planID, nullID(n.TaskID), ord, n.Indicator, n.Value, n.Unit, n.Comparator, n.Year)
		if err != nil {
			return fmt.Errorf("store: add target: %w", err)
		}
		entity, eid := "plan", planID
		if n.TaskID != 0 {
			entity, eid = "task", n.TaskID
		}
		return tx.audit(ctx, a, "add_target", entity, eid, planID, nil,
			targetState{Indicator: n.Indicator, Value: n.Value, Unit: n.Unit, Comparator: n.Comparator, Year: n.Year})
	})
	return id, err
}

func targetOwner(taskID int64) string {
	if taskID == 0 {
		return `task_id IS NULL`
	}
	return `task_id = ?`
}

func targetOwnerArgs(planID, taskID int64) []any {
	if taskID == 0 {
		return []any{planID}
	}
	return []any{planID, taskID}
}

// DeleteTarget removes a target and returns its plan and task (0 for a
// goal of the plan).
func (s *Store) DeleteTarget(ctx context.Context, a Actor, id int64) (planID, taskID int64, err error) {
	err = s.Tx(ctx, func(tx *Tx) error {
		var before targetState
		var task sql.NullInt64
		if err := tx.queryRow(ctx, `SELECT plan_id, task_id, indicator, value, unit, comparator, year FROM targets WHERE id = ?`, id).
			Scan(&planID, &task, &before.Indicator, &before.Value, &before.Unit, &before.Comparator, &before.Year); err != nil {
			return fmt.Errorf("store: target %d: %w", id, mapErr(err))
		}
		if _, err := tx.exec(ctx, `DELETE FROM targets WHERE id = ?`, id); err != nil {
			return fmt.Errorf("store: delete target %d: %w", id, err)
		}
		entity, eid := "plan", planID
		if task.Valid {
			taskID = task.Int64
			entity, eid = "task", taskID
		}
		return tx.audit(ctx, a, "delete_target", entity, eid, planID, before, nil)
	})
	return planID, taskID, err
}

func (t *Tx) planExists(ctx context.Context, id int64) error {
	var n int
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM plans WHERE id = ?`, id).Scan(&n); err != nil {
		return fmt.Errorf("store: plan %d: %w", id, err)
	}
	if n == 0 {
		return fmt.Errorf("store: plan %d: %w", id, ErrNotFound)
	}
	return nil
}

// mentionTasks returns the tasks of a plan that mention name.
func (t *Tx) mentionTasks(ctx context.Context, planID int64, name string) ([]int64, error) {
	rows, err := t.query(ctx, `SELECT DISTINCT tu.task_id FROM task_units tu JOIN tasks t ON t.id = tu.task_id
		WHERE t.plan_id = ? AND tu.name = ? ORDER BY tu.task_id`, planID, name)
	if err != nil {
		return nil, fmt.Errorf("store: mentions of %q: %w", name, err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("store: no mention of %q in plan %d: %w", name, planID, ErrNotFound)
	}
	return ids, nil
}

// ExpandMention replaces every mention of name in a plan (a collective
// name: 各市州人民政府, 成员单位 …) by one mention per unit of unitIDs, in
// each task with the role and place of the mention it replaces. It
// returns the number of tasks changed. On a published plan the tasks'
// assignments follow.
func (s *Store) ExpandMention(ctx context.Context, a Actor, planID int64, name string, unitIDs []int64) (int, error) {
	if len(unitIDs) == 0 {
		return 0, fmt.Errorf("store: expand %q into no unit: %w", name, ErrInvalid)
	}
	var n int
	err := s.Tx(ctx, func(tx *Tx) error {
		taskIDs, err := tx.mentionTasks(ctx, planID, name)
		if err != nil {
			return err
		}
		names := make([]string, len(unitIDs))
		for i, id := range unitIDs {
			if names[i], err = tx.unitName(ctx, id); err != nil {
				return err
			}
		}
		for _, taskID := range taskIDs {
			var ord, start, end int
			var role string
			if err := tx.queryRow(ctx, `SELECT ord, role, span_start, span_end FROM task_units WHERE task_id = ? AND name = ?
				ORDER BY ord, id LIMIT 1`, taskID, name).Scan(&ord, &role, &start, &end); err != nil {
				return fmt.Errorf("store: expand %q: %w", name, mapErr(err))
			}
			before, err := tx.mentionUnits(ctx, taskID, name)
			if err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `DELETE FROM task_units WHERE task_id = ? AND name = ?`, taskID, name); err != nil {
				return fmt.Errorf("store: expand %q: %w", name, err)
			}
			for _, uid := range unitIDs {
				if _, err := tx.exec(ctx, `INSERT INTO task_units (task_id, ord, name, role, unit_id, match, span_start, span_end)
					VALUES (?, ?, ?, ?, ?, 'expanded', ?, ?)`, taskID, ord, name, role, uid, start, end); err != nil {
					return fmt.Errorf("store: expand %q: %w", name, err)
				}
			}
			if err := tx.syncAssignments(ctx, planID, taskID); err != nil {
				return err
			}
			if err := tx.audit(ctx, a, "expand_collective", "task", taskID, planID,
				map[string]any{"name": name, "units": before}, map[string]any{"name": name, "units": strings.Join(names, "、")}); err != nil {
				return err
			}
		}
		n = len(taskIDs)
		return tx.audit(ctx, a, "expand_collective", "plan", planID, planID, map[string]any{"name": name},
			map[string]any{"name": name, "units": strings.Join(names, "、"), "tasks": n})
	})
	return n, err
}

// mentionUnits names the units a task's mention of name is mapped to.
func (t *Tx) mentionUnits(ctx context.Context, taskID int64, name string) (string, error) {
	rows, err := t.query(ctx, `SELECT COALESCE(u.name, '') FROM task_units tu LEFT JOIN units u ON u.id = tu.unit_id
		WHERE tu.task_id = ? AND tu.name = ? ORDER BY tu.ord, tu.id`, taskID, name)
	if err != nil {
		return "", fmt.Errorf("store: mention %q: %w", name, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return "", err
		}
		if n != "" {
			out = append(out, n)
		}
	}
	return strings.Join(out, "、"), rows.Err()
}

// SetMentionAsIs records that the office confirmed, or no longer
// confirms, every mention of name in a plan as it stands.
func (s *Store) SetMentionAsIs(ctx context.Context, a Actor, planID int64, name string, asIs bool) error {
	return s.Tx(ctx, func(tx *Tx) error {
		if _, err := tx.mentionTasks(ctx, planID, name); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE task_units SET as_is = ? WHERE name = ? AND task_id IN (SELECT id FROM tasks WHERE plan_id = ?)`,
			asIs, name, planID); err != nil {
			return fmt.Errorf("store: confirm %q: %w", name, err)
		}
		return tx.audit(ctx, a, "confirm_collective", "plan", planID, planID, map[string]any{"name": name, "as_is": !asIs},
			map[string]any{"name": name, "as_is": asIs})
	})
}

// planTasks loads a plan's tasks with their units inside a transaction,
// for a decision that must see what the transaction changes.
func (t *Tx) planTasks(ctx context.Context, planID int64) ([]Task, error) {
	rows, err := t.query(ctx, `SELECT `+taskColumns+` FROM tasks t WHERE t.plan_id = ? ORDER BY t.ord`, planID)
	if err != nil {
		return nil, fmt.Errorf("store: tasks of plan %d: %w", planID, err)
	}
	var tasks []Task
	index := map[int64]int{}
	for rows.Next() {
		tk, err := scanTask(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: tasks of plan %d: %w", planID, err)
		}
		index[tk.ID] = len(tasks)
		tasks = append(tasks, tk)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	urows, err := t.query(ctx, `SELECT `+taskUnitColumns+` FROM task_units tu LEFT JOIN units u ON u.id = tu.unit_id
		JOIN tasks t ON t.id = tu.task_id WHERE t.plan_id = ? ORDER BY tu.task_id, tu.ord, tu.id`, planID)
	if err != nil {
		return nil, fmt.Errorf("store: units of plan %d: %w", planID, err)
	}
	defer urows.Close()
	for urows.Next() {
		u, err := scanTaskUnit(urows)
		if err != nil {
			return nil, fmt.Errorf("store: units of plan %d: %w", planID, err)
		}
		if i, ok := index[u.TaskID]; ok {
			tasks[i].Units = append(tasks[i].Units, u)
		}
	}
	return tasks, urows.Err()
}

// PublishIf publishes a draft as Publish does, when guard, given the
// plan's tasks with their units as the transaction sees them, returns
// nil; guard's error is returned as it is and nothing changes.
func (s *Store) PublishIf(ctx context.Context, a Actor, planID int64, guard func([]Task) error) (int, error) {
	return s.publish(ctx, a, planID, guard)
}

// removableUnits is the condition on units u that nothing but the plan
// being discarded uses.
const removableUnits = `u.created_by_plan = ?
	AND NOT EXISTS (SELECT 1 FROM task_units tu JOIN tasks t ON t.id = tu.task_id WHERE tu.unit_id = u.id AND t.plan_id <> ?)
	AND NOT EXISTS (SELECT 1 FROM assignments x WHERE x.unit_id = u.id)
	AND NOT EXISTS (SELECT 1 FROM users x WHERE x.unit_id = u.id)
	AND NOT EXISTS (SELECT 1 FROM reports x WHERE x.unit_id = u.id)
	AND NOT EXISTS (SELECT 1 FROM reminders x WHERE x.unit_id = u.id)`

// DraftUnits lists the units a draft created that discarding it would
// remove: those no other plan, account or report uses.
func (s *Store) DraftUnits(ctx context.Context, planID int64) ([]Unit, error) {
	rows, err := s.query(ctx, `SELECT `+unitColumns+` FROM units u WHERE `+removableUnits+` ORDER BY u.name`, planID, planID)
	if err != nil {
		return nil, fmt.Errorf("store: units of draft %d: %w", planID, err)
	}
	defer rows.Close()
	var out []Unit
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, fmt.Errorf("store: units of draft %d: %w", planID, err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// DiscardDraft removes a draft plan and everything extracted from it,
// with the units it created that nothing else uses, and returns how many
// units went. A published plan is ErrConflict.
func (s *Store) DiscardDraft(ctx context.Context, a Actor, id int64) (int, error) {
	var removed int
	err := s.Tx(ctx, func(tx *Tx) error {
		var title, status string
		if err := tx.queryRow(ctx, `SELECT title, status FROM plans WHERE id = ?`, id).Scan(&title, &status); err != nil {
			return fmt.Errorf("store: plan %d: %w", id, mapErr(err))
		}
		if status != PlanDraft {
			return fmt.Errorf("store: delete plan %d: %w: published", id, ErrConflict)
		}
		rows, err := tx.query(ctx, `SELECT u.id, u.name FROM units u WHERE `+removableUnits+` ORDER BY u.id`, id, id)
		if err != nil {
			return fmt.Errorf("store: units of draft %d: %w", id, err)
		}
		var units []Unit
		for rows.Next() {
			var u Unit
			if err := rows.Scan(&u.ID, &u.Name); err != nil {
				rows.Close()
				return err
			}
			units = append(units, u)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM plans WHERE id = ?`, id); err != nil {
			return fmt.Errorf("store: delete plan %d: %w", id, err)
		}
		// A unit still held by something this query does not know of
		// stays: each goes in a savepoint of its own.
		var names []string
		for _, u := range units {
			if _, err := tx.exec(ctx, `SAVEPOINT unit_removal`); err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `DELETE FROM units WHERE id = ?`, u.ID); err != nil {
				if _, rerr := tx.exec(ctx, `ROLLBACK TO SAVEPOINT unit_removal`); rerr != nil {
					return errors.Join(err, rerr)
				}
			} else {
				names = append(names, u.Name)
				if err := tx.audit(ctx, a, "delete", "unit", u.ID, 0, map[string]any{"name": u.Name, "plan": title}, nil); err != nil {
					return err
				}
			}
			if _, err := tx.exec(ctx, `RELEASE SAVEPOINT unit_removal`); err != nil {
				return err
			}
		}
		removed = len(names)
		return tx.audit(ctx, a, "delete", "plan", id, 0, map[string]any{"title": title, "units": strings.Join(names, "、")}, nil)
	})
	return removed, err
}
