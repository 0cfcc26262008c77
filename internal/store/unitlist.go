package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// UnitFilter narrows the unit registry.
type UnitFilter struct {
	Query  string `json:"q"` // part of the name
	Region string `json:"region"`
	Kind   string `json:"kind"`
	Sort   string `json:"sort"` // "name" (the default) or "region"
	Limit  int    `json:"limit"`
	After  string `json:"after"`
}

// UnitList lists a page of units by name, or by region and name.
func (s *Store) UnitList(ctx context.Context, f UnitFilter) (Page[Unit], error) {
	var p Page[Unit]
	limit, err := limitOf(f.Limit)
	if err != nil {
		return p, err
	}
	sort, err := sortOf(f.Sort, "name", "region")
	if err != nil {
		return p, err
	}
	where := []string{"1 = 1"}
	var args []any
	if q := strings.TrimSpace(f.Query); q != "" {
		where = append(where, s.d.contains("name"))
		args = append(args, q)
	}
	if f.Region != "" {
		where = append(where, "region = ?")
		args = append(args, f.Region)
	}
	if f.Kind != "" {
		where = append(where, "kind = ?")
		args = append(args, f.Kind)
	}
	keys := []keyCol{{"name", false}, {"id", false}}
	if sort == "region" {
		keys = append([]keyCol{{"region", false}}, keys...)
	}
	if f.After != "" {
		var region, name string
		var id int64
		vals := []any{&name, &id}
		if sort == "region" {
			vals = []any{&region, &name, &id}
		}
		if err := decodeCursor(f.After, sort, vals...); err != nil {
			return p, err
		}
		cond, cargs := after(keys, derefAll(vals))
		where = append(where, cond)
		args = append(args, cargs...)
	}
	rows, err := s.query(ctx, `SELECT `+unitColumns+` FROM units WHERE `+strings.Join(where, " AND ")+orderBy(keys)+` LIMIT ?`, append(args, limit+1)...)
	if err != nil {
		return p, fmt.Errorf("store: units: %w", err)
	}
	defer rows.Close()
	var out []Unit
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return p, fmt.Errorf("store: units: %w", err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return p, fmt.Errorf("store: units: %w", err)
	}
	return pageOf(out, limit, func(u Unit) string {
		if sort == "region" {
			return encodeCursor(sort, u.Region, u.Name, u.ID)
		}
		return encodeCursor(sort, u.Name, u.ID)
	}), nil
}

// derefAll turns pointers filled by decodeCursor into the values.
func derefAll(ps []any) []any {
	out := make([]any, len(ps))
	for i, p := range ps {
		switch v := p.(type) {
		case *string:
			out[i] = *v
		case *int64:
			out[i] = *v
		case *int:
			out[i] = *v
		default:
			panic(fmt.Sprintf("store: cursor key of type %T", p))
		}
	}
	return out
}

// UserFilter narrows the accounts.
type UserFilter struct {
	Query  string `json:"q"` // part of the user name or display name
	Role   string `json:"role"`
	UnitID int64  `json:"unit_id"`
	Limit  int    `json:"limit"`
	After  string `json:"after"`
}

// Roles are the roles of an account.
var Roles = []string{RoleOffice, RoleReporter, RoleViewer}

// UserList lists a page of accounts by user name.
func (s *Store) UserList(ctx context.Context, f UserFilter) (Page[User], error) {
	var p Page[User]
	limit, err := limitOf(f.Limit)
	if err != nil {
		return p, err
	}
	where := []string{"1 = 1"}
	var args []any
	if q := strings.TrimSpace(f.Query); q != "" {
		where = append(where, "("+s.d.contains("u.username")+" OR "+s.d.contains("u.display_name")+")")
		args = append(args, q, q)
	}
	if f.Role != "" {
		if !slices.Contains(Roles, f.Role) {
			return p, badFilter("role", f.Role)
		}
		where = append(where, "u.role = ?")
		args = append(args, f.Role)
	}
	if f.UnitID < 0 {
		return p, badFilter("unit", fmt.Sprint(f.UnitID))
	}
	if f.UnitID != 0 {
		where = append(where, "u.unit_id = ?")
		args = append(args, f.UnitID)
	}
	keys := []keyCol{{"u.username", false}}
	if f.After != "" {
		var name string
		if err := decodeCursor(f.After, "username", &name); err != nil {
			return p, err
		}
		cond, cargs := after(keys, []any{name})
		where = append(where, cond)
		args = append(args, cargs...)
	}
	rows, err := s.query(ctx, `SELECT `+userColumns+` FROM users u LEFT JOIN units n ON n.id = u.unit_id
		WHERE `+strings.Join(where, " AND ")+orderBy(keys)+` LIMIT ?`, append(args, limit+1)...)
	if err != nil {
		return p, fmt.Errorf("store: users: %w", err)
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return p, fmt.Errorf("store: users: %w", err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return p, fmt.Errorf("store: users: %w", err)
	}
	return pageOf(out, limit, func(u User) string { return encodeCursor("username", u.Username) }), nil
}

// UnitTaskList lists a page of a unit's tasks: lead roles first, then
// by plan, newest first, and document order. Drafts are found through
// their mapped mentions unless PublishedOnly.
func (s *Store) UnitTaskList(ctx context.Context, unitID int64, f UnitTaskFilter) (Page[UnitTask], error) {
	var p Page[UnitTask]
	limit, err := limitOf(f.Limit)
	if err != nil {
		return p, err
	}
	if f.Status != "" && !slices.Contains(TaskStatuses, f.Status) {
		return p, badFilter("status", f.Status)
	}
	if f.Role != "" && f.Role != "lead" && f.Role != "cooperating" {
		return p, badFilter("role", f.Role)
	}
	if f.PlanID < 0 {
		return p, badFilter("plan", fmt.Sprint(f.PlanID))
	}
	branch := func(from, unitCol, planCol, roleCol string, extra ...string) (string, []any) {
		where := append([]string{unitCol + " = ?"}, extra...)
		args := []any{unitID}
		if f.PlanID != 0 {
			where = append(where, planCol+" = ?")
			args = append(args, f.PlanID)
		}
		if f.Status != "" {
			where = append(where, "t.status = ?")
			args = append(args, f.Status)
		}
		if f.Role != "" {
			where = append(where, roleCol+" = ?")
			args = append(args, f.Role)
		}
		return `SELECT ` + taskColumns + `, ` + roleCol + ` AS role, p.title AS plan_title, p.status AS plan_state ` + from +
			` WHERE ` + strings.Join(where, " AND "), args
	}
	q, args := branch(`FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN plans p ON p.id = a.plan_id`, "a.unit_id", "a.plan_id", "a.role")
	if !f.PublishedOnly {
		dq, dargs := branch(`FROM task_units tu JOIN tasks t ON t.id = tu.task_id JOIN plans p ON p.id = t.plan_id`,
			"tu.unit_id", "t.plan_id", "tu.role", "p.status = 'draft'")
		q += ` UNION ` + dq
		args = append(args, dargs...)
	}
	keys := []keyCol{{"y.rrank", false}, {"y.plan_id", true}, {"y.ord", false}, {"y.id", false}}
	cond := "1 = 1"
	if f.After != "" {
		var rank, ord int
		var plan, id int64
		if err := decodeCursor(f.After, "role", &rank, &plan, &ord, &id); err != nil {
			return p, err
		}
		var cargs []any
		cond, cargs = after(keys, []any{rank, plan, ord, id})
		args = append(args, cargs...)
	}
	q = `SELECT y.id, y.plan_id, y.ord, y.section, y.path, y.label, y.text, y.task_force, y.deadline, y.span_start, y.span_end,
		y.status, y.version, y.updated_at, y.confidence, y.frequency, y.role, y.plan_title, y.plan_state, y.rrank
		FROM (SELECT x.*, CASE WHEN x.role = 'lead' THEN 0 ELSE 1 END AS rrank FROM (` + q + `) x) y WHERE ` + cond + orderBy(keys) + ` LIMIT ?`
	rows, err := s.query(ctx, q, append(args, limit+1)...)
	if err != nil {
		return p, fmt.Errorf("store: unit %d tasks: %w", unitID, err)
	}
	defer rows.Close()
	var out []UnitTask
	for rows.Next() {
		var ut UnitTask
		var rank int
		t, err := scanTask(rows, &ut.Role, &ut.PlanTitle, &ut.PlanState, &rank)
		if err != nil {
			return p, fmt.Errorf("store: unit %d tasks: %w", unitID, err)
		}
		ut.Task = t
		out = append(out, ut)
	}
	if err := rows.Err(); err != nil {
		return p, fmt.Errorf("store: unit %d tasks: %w", unitID, err)
	}
	rows.Close()
	p = pageOf(out, limit, func(t UnitTask) string {
		rank := 1
		if t.Role == "lead" {
			rank = 0
		}
		return encodeCursor("role", rank, t.PlanID, t.Ord, t.ID)
	})
	if err := s.attachUnits(ctx, p.Rows); err != nil {
		return p, err
	}
	return p, nil
}

// attachUnits loads the units of the listed tasks in one query.
func (s *Store) attachUnits(ctx context.Context, tasks []UnitTask) error {
	if len(tasks) == 0 {
		return nil
	}
	index := make(map[int64][]int, len(tasks))
	marks := make([]string, 0, len(tasks))
	args := make([]any, 0, len(tasks))
	for i, t := range tasks {
		if _, ok := index[t.ID]; !ok {
			marks = append(marks, "?")
			args = append(args, t.ID)
		}
		index[t.ID] = append(index[t.ID], i)
	}
	units, err := s.taskUnits(ctx, `WHERE tu.task_id IN (`+strings.Join(marks, ", ")+`) ORDER BY tu.task_id, tu.ord`, args...)
	if err != nil {
		return err
	}
	for _, u := range units {
		for _, i := range index[u.TaskID] {
			tasks[i].Units = append(tasks[i].Units, u)
		}
	}
	return nil
}
