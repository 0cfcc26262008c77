package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// PlanTaskFilter narrows a plan's tasks for a paged list.
type PlanTaskFilter struct {
	Section    string `json:"section"`
	TaskForce  string `json:"task_force"`
	UnitID     int64  `json:"unit_id"`
	Status     string `json:"status"`
	Confidence string `json:"confidence"` // "low", "high" or "" for both
	Limit      int    `json:"limit"`
	After      string `json:"after"`
}

// TaskPage is a page of a plan's tasks in document order, with the
// number that match in all and where in the source the page starts:
// the end of the task before it, 0 on the first page.
type TaskPage struct {
	Page[Task]
	Total int `json:"total"`
	From  int `json:"from"`
}

// PlanTaskList lists a page of a plan's tasks in document order, each
// with its units and targets.
func (s *Store) PlanTaskList(ctx context.Context, planID int64, f PlanTaskFilter) (TaskPage, error) {
	var p TaskPage
	limit, err := limitOf(f.Limit)
	if err != nil {
		return p, err
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
		if !slices.Contains(TaskStatuses, f.Status) {
			return p, badFilter("status", f.Status)
		}
		where = append(where, "t.status = ?")
		args = append(args, f.Status)
	}
	switch f.Confidence {
	case "":
	case "low", "high":
		where = append(where, "t.confidence = ?")
		args = append(args, f.Confidence)
	default:
		return p, badFilter("confidence", f.Confidence)
	}
	if f.UnitID < 0 {
		return p, badFilter("unit", fmt.Sprint(f.UnitID))
	}
	if f.UnitID != 0 {
		where = append(where, "EXISTS (SELECT 1 FROM task_units tu WHERE tu.task_id = t.id AND tu.unit_id = ?)")
		args = append(args, f.UnitID)
	}
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM tasks t WHERE `+strings.Join(where, " AND "), args...).Scan(&p.Total); err != nil {
		return p, fmt.Errorf("store: plan %d tasks: %w", planID, err)
	}
	keys := []keyCol{{"t.ord", false}}
	if f.After != "" {
		var ord int
		if err := decodeCursor(f.After, "order", &ord); err != nil {
			return p, err
		}
		if err := s.queryRow(ctx, `SELECT COALESCE(MAX(span_end), 0) FROM tasks WHERE plan_id = ? AND ord = ?`, planID, ord).Scan(&p.From); err != nil {
			return p, fmt.Errorf("store: plan %d tasks: %w", planID, err)
		}
		cond, cargs := after(keys, []any{ord})
		where = append(where, cond)
		args = append(args, cargs...)
	}
	tasks, err := s.tasks(ctx, `SELECT `+taskColumns+` FROM tasks t WHERE `+strings.Join(where, " AND ")+orderBy(keys)+` LIMIT ?`, append(args, limit+1)...)
	if err != nil {
		return p, err
	}
	p.Page = pageOf(tasks, limit, func(t Task) string { return encodeCursor("order", t.Ord) })
	return p, s.attachTasks(ctx, p.Rows)
}

// attachTasks loads the units and targets of the listed tasks.
func (s *Store) attachTasks(ctx context.Context, tasks []Task) error {
	if len(tasks) == 0 {
		return nil
	}
	index := make(map[int64]int, len(tasks))
	marks := make([]string, len(tasks))
	args := make([]any, len(tasks))
	for i, t := range tasks {
		index[t.ID], marks[i], args[i] = i, "?", t.ID
	}
	in := "(" + strings.Join(marks, ", ") + ")"
	units, err := s.taskUnits(ctx, `WHERE tu.task_id IN `+in+` ORDER BY tu.task_id, tu.ord`, args...)
	if err != nil {
		return err
	}
	for _, u := range units {
		tasks[index[u.TaskID]].Units = append(tasks[index[u.TaskID]].Units, u)
	}
	targets, err := s.targets(ctx, `WHERE task_id IN `+in+` ORDER BY task_id, ord`, args...)
	if err != nil {
		return err
	}
	for _, g := range targets {
		tasks[index[g.TaskID]].Targets = append(tasks[index[g.TaskID]].Targets, g)
	}
	return nil
}

// UnitName is one distinct unit name written in a plan: how often, and
// the unit it maps to (none while any of its mentions is unmapped).
type UnitName struct {
	Name     string `json:"name"`
	Count    int    `json:"count"`
	UnitID   int64  `json:"unit_id"`
	UnitName string `json:"unit_name"`
}

// PlanUnitNames lists the distinct unit names of a plan, those not
// mapped first, each group in the order the names first appear.
func (s *Store) PlanUnitNames(ctx context.Context, planID int64) ([]UnitName, error) {
	rows, err := s.query(ctx, `SELECT g.name, g.n, g.uid, COALESCE(u.name, '') FROM (
		SELECT tu.name, COUNT(*) AS n, CASE WHEN COUNT(tu.unit_id) < COUNT(*) THEN 0 ELSE MIN(tu.unit_id) END AS uid, MIN(t.ord) AS first
		FROM task_units tu JOIN tasks t ON t.id = tu.task_id WHERE t.plan_id = ? GROUP BY tu.name) g
		LEFT JOIN units u ON u.id = g.uid
		ORDER BY CASE WHEN g.uid = 0 THEN 0 ELSE 1 END, g.first, g.name`, planID)
	if err != nil {
		return nil, fmt.Errorf("store: unit names of plan %d: %w", planID, err)
	}
	defer rows.Close()
	var out []UnitName
	for rows.Next() {
		var n UnitName
		if err := rows.Scan(&n.Name, &n.Count, &n.UnitID, &n.UnitName); err != nil {
			return nil, fmt.Errorf("store: unit names of plan %d: %w", planID, err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// MappedMentions returns the source spans of a plan's unit mentions
// that are mapped to a unit, as task units without names.
func (s *Store) MappedMentions(ctx context.Context, planID int64) ([]TaskUnit, error) {
	rows, err := s.query(ctx, `SELECT tu.task_id, tu.unit_id, tu.span_start, tu.span_end FROM task_units tu JOIN tasks t ON t.id = tu.task_id
		WHERE t.plan_id = ? AND tu.unit_id IS NOT NULL`, planID)
	if err != nil {
		return nil, fmt.Errorf("store: mapped mentions of plan %d: %w", planID, err)
	}
	defer rows.Close()
	var out []TaskUnit
	for rows.Next() {
		var u TaskUnit
		if err := rows.Scan(&u.TaskID, &u.UnitID, &u.Start, &u.End); err != nil {
			return nil, fmt.Errorf("store: mapped mentions of plan %d: %w", planID, err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// PlanChoice is a plan as a selector offers it.
type PlanChoice struct {
	ID     int64  `json:"id"`
	Title  string `json:"title"`
	Year   int    `json:"year"`
	Status string `json:"status"`
}

// PlanChoices lists the most recently published plans (those with a task of
// the unit, when unitID is set), at most limit, for a plan selector.
func (s *Store) PlanChoices(ctx context.Context, unitID int64, limit int) ([]PlanChoice, error) {
	where := "p.status = 'published'"
	args := []any{}
	if unitID != 0 {
		where += " AND EXISTS (SELECT 1 FROM assignments a WHERE a.plan_id = p.id AND a.unit_id = ?)"
		args = append(args, unitID)
	}
	rows, err := s.query(ctx, `SELECT p.id, p.title, p.year, p.status FROM plans p WHERE `+where+`
		ORDER BY p.published_at DESC, p.id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: plan choices: %w", err)
	}
	defer rows.Close()
	var out []PlanChoice
	for rows.Next() {
		var c PlanChoice
		if err := rows.Scan(&c.ID, &c.Title, &c.Year, &c.Status); err != nil {
			return nil, fmt.Errorf("store: plan choices: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
