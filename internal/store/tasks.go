package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

const taskColumns = `t.id, t.plan_id, t.ord, t.section, t.path, t.label, t.text, t.task_force, t.deadline,
	t.span_start, t.span_end, t.status, t.version, t.updated_at, t.confidence, t.frequency`

func scanTask(sc interface{ Scan(...any) error }, extra ...any) (Task, error) {
	var t Task
	dest := append([]any{&t.ID, &t.PlanID, &t.Ord, &t.Section, &t.Path, &t.Label, &t.Text, &t.TaskForce, &t.Deadline,
		&t.Start, &t.End, &t.Status, &t.Version, &t.UpdatedAt, &t.Confidence, &t.Frequency}, extra...)
	return t, mapErr(sc.Scan(dest...))
}

// TaskFilter narrows a plan's task list; zero fields match everything.
type TaskFilter struct {
	Section   string
	TaskForce string
	UnitID    int64
	Status    string
}

// Outline is a plan's headings and tasks, in document order.
type Outline struct {
	Headings []Heading
	Tasks    []Task
}

// PlanOutline returns the headings of a plan and its tasks matching f,
// each task with its units and targets.
func (s *Store) PlanOutline(ctx context.Context, planID int64, f TaskFilter) (Outline, error) {
	var o Outline
	rows, err := s.query(ctx, `SELECT id, plan_id, ord, label, level, title, path, task_force, span_start, span_end
		FROM headings WHERE plan_id = ? ORDER BY ord`, planID)
	if err != nil {
		return o, fmt.Errorf("store: outline %d: %w", planID, err)
	}
	for rows.Next() {
		var h Heading
		if err := rows.Scan(&h.ID, &h.PlanID, &h.Ord, &h.Label, &h.Level, &h.Title, &h.Path, &h.TaskForce, &h.Start, &h.End); err != nil {
			rows.Close()
			return o, fmt.Errorf("store: outline %d: %w", planID, err)
		}
		o.Headings = append(o.Headings, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return o, fmt.Errorf("store: outline %d: %w", planID, err)
	}

	where := []string{"t.plan_id = ?"}
	args := []any{planID}
	if f.Section != "" {
		where = append(where, "t.section = ?")
		args = append(args, f.Section)
	}
	if f.TaskForce != "" {
		where = append(where, "t.task_force = ?")
		args = append(args, f.TaskForce)
	}
	if f.Status != "" {
		where = append(where, "t.status = ?")
		args = append(args, f.Status)
	}
	if f.UnitID != 0 {
		where = append(where, "EXISTS (SELECT 1 FROM task_units tu WHERE tu.task_id = t.id AND tu.unit_id = ?)")
		args = append(args, f.UnitID)
	}
	o.Tasks, err = s.tasks(ctx, `SELECT `+taskColumns+` FROM tasks t WHERE `+strings.Join(where, " AND ")+` ORDER BY t.ord`, args...)
	if err != nil {
		return o, err
	}
	if err := s.attach(ctx, planID, o.Tasks); err != nil {
		return o, err
	}
	return o, nil
}

func (s *Store) tasks(ctx context.Context, query string, args ...any) ([]Task, error) {
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: tasks: %w", err)
	}
	defer rows.Close()
	var out []Task
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			return nil, fmt.Errorf("store: tasks: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// attach loads the units and targets of tasks, all of one plan, in two
// queries.
func (s *Store) attach(ctx context.Context, planID int64, tasks []Task) error {
	if len(tasks) == 0 {
		return nil
	}
	index := make(map[int64]int, len(tasks))
	for i, t := range tasks {
		index[t.ID] = i
	}
	units, err := s.taskUnits(ctx, `JOIN tasks t ON t.id = tu.task_id WHERE t.plan_id = ? ORDER BY tu.task_id, tu.ord, tu.id`, planID)
	if err != nil {
		return err
	}
	for _, u := range units {
		if i, ok := index[u.TaskID]; ok {
			tasks[i].Units = append(tasks[i].Units, u)
		}
	}
	targets, err := s.targets(ctx, `WHERE plan_id = ? AND task_id IS NOT NULL ORDER BY task_id, ord`, planID)
	if err != nil {
		return err
	}
	for _, g := range targets {
		if i, ok := index[g.TaskID]; ok {
			tasks[i].Targets = append(tasks[i].Targets, g)
		}
	}
	return nil
}

func (s *Store) taskUnits(ctx context.Context, tail string, args ...any) ([]TaskUnit, error) {
	rows, err := s.query(ctx, `SELECT `+taskUnitColumns+` FROM task_units tu LEFT JOIN units u ON u.id = tu.unit_id `+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("store: task units: %w", err)
	}
	defer rows.Close()
	var out []TaskUnit
	for rows.Next() {
		u, err := scanTaskUnit(rows)
		if err != nil {
			return nil, fmt.Errorf("store: task units: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// TaskByID returns a task with its units and targets.
func (s *Store) TaskByID(ctx context.Context, id int64) (Task, error) {
	t, err := scanTask(s.queryRow(ctx, `SELECT `+taskColumns+` FROM tasks t WHERE t.id = ?`, id))
	if err != nil {
		return t, fmt.Errorf("store: task %d: %w", id, err)
	}
	if t.Units, err = s.taskUnits(ctx, `WHERE tu.task_id = ? ORDER BY tu.ord, tu.id`, id); err != nil {
		return t, err
	}
	if t.Targets, err = s.targets(ctx, `WHERE task_id = ? ORDER BY ord`, id); err != nil {
		return t, err
	}
	return t, nil
}

// TaskEdit is an office's correction of a task. Version must be the
// version the editor saw; a newer one in the store is ErrConflict.
type TaskEdit struct {
	ID        int64
	Version   int
	Text      string
	TaskForce string
	Deadline  string
	Status    string
}

type taskState struct {
	Text      string `json:"text"`
	TaskForce string `json:"task_force"`
	Deadline  string `json:"deadline"`
	Status    string `json:"status"`
}

// UpdateTask saves an edit and returns the new version.
func (s *Store) UpdateTask(ctx context.Context, a Actor, e TaskEdit) (int, error) {
	if !slices.Contains(TaskStatuses, e.Status) {
		return 0, fmt.Errorf("store: task %d: status %q: %w", e.ID, e.Status, ErrInvalid)
	}
	var version int
	err := s.Tx(ctx, func(tx *Tx) error {
		var before taskState
		var planID int64
		var cur int
		if err := tx.queryRow(ctx, `SELECT plan_id, text, task_force, deadline, status, version FROM tasks WHERE id = ?`, e.ID).
			Scan(&planID, &before.Text, &before.TaskForce, &before.Deadline, &before.Status, &cur); err != nil {
			return fmt.Errorf("store: task %d: %w", e.ID, mapErr(err))
		}
		res, err := tx.exec(ctx, `UPDATE tasks SET text = ?, task_force = ?, deadline = ?, status = ?, version = version + 1, updated_at = ?
			WHERE id = ? AND version = ?`, e.Text, e.TaskForce, e.Deadline, e.Status, tx.now, e.ID, e.Version)
		if err != nil {
			return fmt.Errorf("store: update task %d: %w", e.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("store: task %d changed since version %d (now %d): %w", e.ID, e.Version, cur, ErrConflict)
		}
		version = e.Version + 1
		after := taskState{Text: e.Text, TaskForce: e.TaskForce, Deadline: e.Deadline, Status: e.Status}
		return tx.audit(ctx, a, "update", "task", e.ID, planID, before, after)
	})
	return version, err
}

// ErrInvalid marks a value the store refuses, e.g. an unknown status.
var ErrInvalid = fmt.Errorf("invalid value")

// TaskUnitEdit maps a unit mention to a unit and sets its role.
type TaskUnitEdit struct {
	ID     int64
	UnitID int64 // 0 to unmap
	Role   string
}

// UpdateTaskUnit changes a mention's unit or role. On a published plan
// the task's assignments follow.
func (s *Store) UpdateTaskUnit(ctx context.Context, a Actor, e TaskUnitEdit) error {
	if e.Role != "lead" && e.Role != "cooperating" {
		return fmt.Errorf("store: task unit %d: role %q: %w", e.ID, e.Role, ErrInvalid)
	}
	return s.Tx(ctx, func(tx *Tx) error {
		var taskID, planID int64
		var before struct {
			UnitID int64  `json:"unit_id"`
			Unit   string `json:"unit"`
			Role   string `json:"role"`
			Name   string `json:"name"`
		}
		if err := tx.queryRow(ctx, `SELECT tu.task_id, t.plan_id, COALESCE(tu.unit_id, 0), COALESCE(u.name, ''), tu.role, tu.name
			FROM task_units tu JOIN tasks t ON t.id = tu.task_id LEFT JOIN units u ON u.id = tu.unit_id WHERE tu.id = ?`, e.ID).
			Scan(&taskID, &planID, &before.UnitID, &before.Unit, &before.Role, &before.Name); err != nil {
			return fmt.Errorf("store: task unit %d: %w", e.ID, mapErr(err))
		}
		unitName, err := tx.unitName(ctx, e.UnitID)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE task_units SET unit_id = ?, role = ? WHERE id = ?`, nullID(e.UnitID), e.Role, e.ID); err != nil {
			return fmt.Errorf("store: task unit %d: %w", e.ID, err)
		}
		if err := tx.syncAssignments(ctx, planID, taskID); err != nil {
			return err
		}
		after := before
		after.UnitID, after.Unit, after.Role = e.UnitID, unitName, e.Role
		return tx.audit(ctx, a, "map_unit", "task", taskID, planID, before, after)
	})
}

// MapUnitName maps every mention of name in a plan to unitID and returns
// how many mentions changed.
func (s *Store) MapUnitName(ctx context.Context, a Actor, planID int64, name string, unitID int64) (int, error) {
	var n int
	err := s.Tx(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT DISTINCT tu.task_id FROM task_units tu JOIN tasks t ON t.id = tu.task_id
			WHERE t.plan_id = ? AND tu.name = ?`, planID, name)
		if err != nil {
			return fmt.Errorf("store: map %q: %w", name, err)
		}
		var taskIDs []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			taskIDs = append(taskIDs, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(taskIDs) == 0 {
			return fmt.Errorf("store: no mention of %q in plan %d: %w", name, planID, ErrNotFound)
		}
		unitName, err := tx.unitName(ctx, unitID)
		if err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE task_units SET unit_id = ?, match = 'manual'
			WHERE name = ? AND task_id IN (SELECT id FROM tasks WHERE plan_id = ?)`, nullID(unitID), name, planID)
		if err != nil {
			return fmt.Errorf("store: map %q: %w", name, err)
		}
		c, _ := res.RowsAffected()
		n = int(c)
		for _, id := range taskIDs {
			if err := tx.syncAssignments(ctx, planID, id); err != nil {
				return err
			}
			if err := tx.audit(ctx, a, "map_unit", "task", id, planID, map[string]string{"name": name},
				map[string]any{"name": name, "unit_id": unitID, "unit": unitName}); err != nil {
				return err
			}
		}
		return tx.audit(ctx, a, "map_unit_name", "plan", planID, planID, map[string]string{"name": name},
			map[string]any{"name": name, "unit_id": unitID, "unit": unitName, "mentions": n})
	})
	return n, err
}

// unitName returns a unit's name for the audit log; 0 is no unit.
func (t *Tx) unitName(ctx context.Context, id int64) (string, error) {
	if id == 0 {
		return "", nil
	}
	var name string
	if err := t.queryRow(ctx, `SELECT name FROM units WHERE id = ?`, id).Scan(&name); err != nil {
		return "", fmt.Errorf("store: unit %d: %w", id, mapErr(err))
	}
	return name, nil
}

// syncAssignments makes a published task's assignments match its mapped
// mentions. Drafts have no assignments.
func (t *Tx) syncAssignments(ctx context.Context, planID, taskID int64) error {
	var status string
	if err := t.queryRow(ctx, `SELECT status FROM plans WHERE id = ?`, planID).Scan(&status); err != nil {
		return fmt.Errorf("store: plan %d: %w", planID, mapErr(err))
	}
	if status != PlanPublished {
		return nil
	}
	if _, err := t.exec(ctx, `DELETE FROM assignments WHERE task_id = ? AND NOT EXISTS (SELECT 1 FROM task_units tu
		WHERE tu.task_id = assignments.task_id AND tu.unit_id = assignments.unit_id AND tu.role = assignments.role)`, taskID); err != nil {
		return fmt.Errorf("store: assignments of task %d: %w", taskID, err)
	}
	if _, err := t.exec(ctx, `INSERT INTO assignments (plan_id, task_id, unit_id, role, created_at)
		SELECT DISTINCT t.plan_id, tu.task_id, tu.unit_id, tu.role, `+t.d.timeParam+` FROM task_units tu JOIN tasks t ON t.id = tu.task_id
		WHERE tu.task_id = ? AND tu.unit_id IS NOT NULL
		ON CONFLICT (task_id, unit_id, role) DO NOTHING`, t.now, taskID); err != nil {
		return fmt.Errorf("store: assignments of task %d: %w", taskID, err)
	}
	return nil
}

// AddTaskUnit adds a unit mention to a task by hand.
func (s *Store) AddTaskUnit(ctx context.Context, a Actor, taskID, unitID int64, role string) error {
	if role != "lead" && role != "cooperating" {
		return fmt.Errorf("store: role %q: %w", role, ErrInvalid)
	}
	return s.Tx(ctx, func(tx *Tx) error {
		var planID int64
		var name string
		if err := tx.queryRow(ctx, `SELECT plan_id FROM tasks WHERE id = ?`, taskID).Scan(&planID); err != nil {
			return fmt.Errorf("store: task %d: %w", taskID, mapErr(err))
		}
		if err := tx.queryRow(ctx, `SELECT name FROM units WHERE id = ?`, unitID).Scan(&name); err != nil {
			return fmt.Errorf("store: unit %d: %w", unitID, mapErr(err))
		}
		if _, err := tx.exec(ctx, `INSERT INTO task_units (task_id, ord, name, role, unit_id, match)
			VALUES (?, (SELECT COALESCE(MAX(ord), -1) + 1 FROM task_units WHERE task_id = ?), ?, ?, ?, 'manual')`,
			taskID, taskID, name, role, unitID); err != nil {
			return fmt.Errorf("store: add unit to task %d: %w", taskID, err)
		}
		if err := tx.syncAssignments(ctx, planID, taskID); err != nil {
			return err
		}
		return tx.audit(ctx, a, "add_unit", "task", taskID, planID, nil, map[string]any{"unit_id": unitID, "name": name, "role": role})
	})
}

// RemoveTaskUnit removes a unit mention from a task.
func (s *Store) RemoveTaskUnit(ctx context.Context, a Actor, taskUnitID int64) error {
	return s.Tx(ctx, func(tx *Tx) error {
		var taskID, planID, unitID int64
		var name, role string
		if err := tx.queryRow(ctx, `SELECT tu.task_id, t.plan_id, COALESCE(tu.unit_id, 0), tu.name, tu.role FROM task_units tu
			JOIN tasks t ON t.id = tu.task_id WHERE tu.id = ?`, taskUnitID).Scan(&taskID, &planID, &unitID, &name, &role); err != nil {
			return fmt.Errorf("store: task unit %d: %w", taskUnitID, mapErr(err))
		}
		if _, err := tx.exec(ctx, `DELETE FROM task_units WHERE id = ?`, taskUnitID); err != nil {
			return fmt.Errorf("store: task unit %d: %w", taskUnitID, err)
		}
		if err := tx.syncAssignments(ctx, planID, taskID); err != nil {
			return err
		}
		return tx.audit(ctx, a, "remove_unit", "task", taskID, planID, map[string]any{"unit_id": unitID, "name": name, "role": role}, nil)
	})
}

// TargetEdit corrects a target's reading.
type TargetEdit struct {
	ID         int64
	Indicator  string
	Value      float64
	Unit       string
	Comparator string
	Year       int
}

// UpdateTarget saves a corrected target.
func (s *Store) UpdateTarget(ctx context.Context, a Actor, e TargetEdit) error {
	switch e.Comparator {
	case "=", ">=", "<=", "~":
	default:
		return fmt.Errorf("store: target %d: comparator %q: %w", e.ID, e.Comparator, ErrInvalid)
	}
	return s.Tx(ctx, func(tx *Tx) error {
		var before targetState
		var planID int64
		var taskID sql.NullInt64
		if err := tx.queryRow(ctx, `SELECT plan_id, task_id, indicator, value, unit, comparator, year FROM targets WHERE id = ?`, e.ID).
			Scan(&planID, &taskID, &before.Indicator, &before.Value, &before.Unit, &before.Comparator, &before.Year); err != nil {
			return fmt.Errorf("store: target %d: %w", e.ID, mapErr(err))
		}
		if _, err := tx.exec(ctx, `UPDATE targets SET indicator = ?, value = ?, unit = ?, comparator = ?, year = ? WHERE id = ?`,
			e.Indicator, e.Value, e.Unit, e.Comparator, e.Year, e.ID); err != nil {
			return fmt.Errorf("store: target %d: %w", e.ID, err)
		}
		entity, id := "plan", planID
		if taskID.Valid {
			entity, id = "task", taskID.Int64
		}
		return tx.audit(ctx, a, "update_target", entity, id, planID, before,
			targetState{Indicator: e.Indicator, Value: e.Value, Unit: e.Unit, Comparator: e.Comparator, Year: e.Year})
	})
}
