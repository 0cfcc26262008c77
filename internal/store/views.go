package store

import (
	"context"
	"fmt"
	"strings"
)

// PlanSummary is one line of the office overview.
type PlanSummary struct {
	Plan
	Tasks       int `json:"tasks"`
	Done        int `json:"done"`
	Late        int `json:"late"`
	OnTrack     int `json:"on_track"`
	Assignments int `json:"assignments"`
	Units       int `json:"units"`
	Unmapped    int `json:"unmapped"` // unit mentions not mapped to a unit
}

// PlanListFilter says which plans a reader may see, and which page of
// them. A zero Limit lists every plan.
type PlanListFilter struct {
	PublishedOnly bool
	PublicOnly    bool
	Limit, Offset int
}

// Overview lists plans, newest first, with their task and assignment
// counts.
func (s *Store) Overview(ctx context.Context, f PlanListFilter) ([]PlanSummary, error) {
	var where []string
	if f.PublishedOnly || f.PublicOnly {
		where = append(where, "p.status = 'published'")
	}
	if f.PublicOnly {
		where = append(where, "p.public = TRUE")
	}
	w := ""
	if len(where) > 0 {
		w = "WHERE " + strings.Join(where, " AND ")
	}
	// The page is cut before the counts, so that only its plans are
	// counted.
	page := ""
	var args []any
	if f.Limit > 0 {
		page = " LIMIT ? OFFSET ?"
		args = append(args, f.Limit, max(f.Offset, 0))
	}
	rows, err := s.query(ctx, `SELECT p.id, p.title, p.doc_number, p.issuer, p.doc_date, p.region, p.year, p.file_name,
		p.content_hash, p.status, p.public, p.created_at, p.updated_at, p.published_at, p.warnings,
		(SELECT COUNT(*) FROM tasks t WHERE t.plan_id = p.id),
		(SELECT COUNT(*) FROM tasks t WHERE t.plan_id = p.id AND t.status = 'done'),
		(SELECT COUNT(*) FROM tasks t WHERE t.plan_id = p.id AND t.status = 'late'),
		(SELECT COUNT(*) FROM tasks t WHERE t.plan_id = p.id AND t.status = 'on_track'),
		(SELECT COUNT(*) FROM assignments a WHERE a.plan_id = p.id),
		(SELECT COUNT(DISTINCT a.unit_id) FROM assignments a WHERE a.plan_id = p.id)
		FROM (SELECT * FROM plans p `+w+` ORDER BY p.created_at DESC, p.id DESC`+page+`) p
		ORDER BY p.created_at DESC, p.id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: overview: %w", err)
	}
	defer rows.Close()
	var out []PlanSummary
	for rows.Next() {
		var ps PlanSummary
		var extra = []any{&ps.Tasks, &ps.Done, &ps.Late, &ps.OnTrack, &ps.Assignments, &ps.Units}
		p, err := scanPlan(scanPrefix{rows, extra})
		if err != nil {
			return nil, fmt.Errorf("store: overview: %w", err)
		}
		ps.Plan = p
		out = append(out, ps)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: overview: %w", err)
	}
	// Counted through the plan's tasks: unmapped mentions of all drafts
	// together are many more than one plan's.
	for i := range out {
		if out[i].Status != PlanDraft {
			continue
		}
		if err := s.queryRow(ctx, `SELECT COUNT(*) FROM task_units tu JOIN tasks t ON t.id = tu.task_id
			WHERE t.plan_id = ? AND COALESCE(tu.unit_id, 0) = 0`, out[i].ID).Scan(&out[i].Unmapped); err != nil {
			return nil, fmt.Errorf("store: overview: %w", err)
		}
	}
	return out, nil
}

// scanPrefix scans a row whose first columns are read by another scan
// function and whose remaining columns go to extra.
type scanPrefix struct {
	sc    interface{ Scan(...any) error }
	extra []any
}

func (p scanPrefix) Scan(dest ...any) error { return p.sc.Scan(append(dest, p.extra...)...) }

// UnitTask is a task as a unit sees it: with its role and plan.
type UnitTask struct {
	Task
	Role      string `json:"role"`
	PlanTitle string `json:"plan_title"`
	PlanState string `json:"plan_state"`
}

// UnitTaskFilter narrows a unit's task list.
type UnitTaskFilter struct {
	PlanID        int64  `json:"plan_id"`
	Status        string `json:"status"`
	PublishedOnly bool   `json:"published_only"`
	// Of UnitTaskList only:
	Role  string `json:"role"` // "lead", "cooperating" or "" for both
	Limit int    `json:"limit"`
	After string `json:"after"`
}

// UnitTasks lists the tasks assigned to a unit, lead roles first, by
// plan and document order. Only published plans have assignments; drafts
// are found through their mapped mentions when PublishedOnly is false.
func (s *Store) UnitTasks(ctx context.Context, unitID int64, f UnitTaskFilter) ([]UnitTask, error) {
	where := []string{"a.unit_id = ?"}
	args := []any{unitID}
	if f.PlanID != 0 {
		where = append(where, "a.plan_id = ?")
		args = append(args, f.PlanID)
	}
	if f.Status != "" {
		where = append(where, "t.status = ?")
		args = append(args, f.Status)
	}
	q := `SELECT ` + taskColumns + `, a.role, p.title, p.status FROM assignments a
		JOIN tasks t ON t.id = a.task_id JOIN plans p ON p.id = a.plan_id
		WHERE ` + strings.Join(where, " AND ")
	if !f.PublishedOnly {
		dw := []string{"tu.unit_id = ?", "p.status = 'draft'"}
		args = append(args, unitID)
		if f.PlanID != 0 {
			dw = append(dw, "t.plan_id = ?")
			args = append(args, f.PlanID)
		}
		if f.Status != "" {
			dw = append(dw, "t.status = ?")
			args = append(args, f.Status)
		}
		q += ` UNION SELECT ` + taskColumns + `, tu.role, p.title, p.status FROM task_units tu
			JOIN tasks t ON t.id = tu.task_id JOIN plans p ON p.id = t.plan_id
			WHERE ` + strings.Join(dw, " AND ")
	}
	q = `SELECT * FROM (` + q + `) x ORDER BY CASE WHEN role = 'lead' THEN 0 ELSE 1 END, plan_id DESC, ord`
	// The outer query names columns without the t. prefix.
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unit %d tasks: %w", unitID, err)
	}
	defer rows.Close()
	var out []UnitTask
	for rows.Next() {
		var ut UnitTask
		t, err := scanTask(rows, &ut.Role, &ut.PlanTitle, &ut.PlanState)
		if err != nil {
			return nil, fmt.Errorf("store: unit %d tasks: %w", unitID, err)
		}
		ut.Task = t
		out = append(out, ut)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: unit %d tasks: %w", unitID, err)
	}
	if len(out) == 0 {
		return out, nil
	}
	// The units of all listed tasks in one query.
	index := make(map[int64][]int, len(out))
	for i, t := range out {
		index[t.ID] = append(index[t.ID], i)
	}
	units, err := s.taskUnits(ctx, `WHERE tu.task_id IN (SELECT task_id FROM assignments WHERE unit_id = ?
		UNION SELECT task_id FROM task_units WHERE unit_id = ?) ORDER BY tu.task_id, tu.ord`, unitID, unitID)
	if err != nil {
		return nil, err
	}
	for _, u := range units {
		for _, i := range index[u.TaskID] {
			out[i].Units = append(out[i].Units, u)
		}
	}
	return out, nil
}

// TaskVisibleToUnit tells whether a unit has an assignment on a task.
func (s *Store) TaskVisibleToUnit(ctx context.Context, taskID, unitID int64) (bool, error) {
	var n int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM assignments WHERE task_id = ? AND unit_id = ?`, taskID, unitID).Scan(&n); err != nil {
		return false, fmt.Errorf("store: task visibility: %w", err)
	}
	return n > 0, nil
}

// PlanFacets are the values a plan's task list can be filtered by.
type PlanFacets struct {
	Sections   []Heading `json:"sections"`
	TaskForces []string  `json:"task_forces"`
	Units      []Unit    `json:"units"`
}

// Facets returns the sections, task forces and mapped units of a plan.
func (s *Store) Facets(ctx context.Context, planID int64) (PlanFacets, error) {
	var f PlanFacets
	rows, err := s.query(ctx, `SELECT h.id, h.label, h.title, h.span_start, h.span_end FROM headings h WHERE h.plan_id = ? AND h.level = 1 ORDER BY h.ord`, planID)
	if err != nil {
		return f, fmt.Errorf("store: facets: %w", err)
	}
	for rows.Next() {
		var h Heading
		if err := rows.Scan(&h.ID, &h.Label, &h.Title, &h.Start, &h.End); err != nil {
			rows.Close()
			return f, fmt.Errorf("store: facets: %w", err)
		}
		f.Sections = append(f.Sections, h)
	}
	rows.Close()
	rows, err = s.query(ctx, `SELECT DISTINCT task_force FROM tasks WHERE plan_id = ? AND task_force <> '' ORDER BY task_force`, planID)
	if err != nil {
		return f, fmt.Errorf("store: facets: %w", err)
	}
	for rows.Next() {
		var tf string
		if err := rows.Scan(&tf); err != nil {
			rows.Close()
			return f, fmt.Errorf("store: facets: %w", err)
		}
		f.TaskForces = append(f.TaskForces, tf)
	}
	rows.Close()
	rows, err = s.query(ctx, `SELECT DISTINCT u.id, u.name, u.kind, u.region, COALESCE(u.registry_id, '') FROM task_units tu
		JOIN tasks t ON t.id = tu.task_id JOIN units u ON u.id = tu.unit_id WHERE t.plan_id = ? ORDER BY u.name`, planID)
	if err != nil {
		return f, fmt.Errorf("store: facets: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return f, fmt.Errorf("store: facets: %w", err)
		}
		f.Units = append(f.Units, u)
	}
	return f, rows.Err()
}
