package store

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"luoshi/internal/reporting"
)

// ReceivedStates are the states of a report the office has received.
var ReceivedStates = []string{"submitted", "returned", "accepted"}

// periodKey is the shape of a period's key: 2026-Q3, 2026-03, 2026-03-31.
var periodKey = regexp.MustCompile(`^[0-9]{4}(-[0-9A-Za-z]{1,3}){0,2}$`)

func checkPeriod(p string) error {
	if p != "" && !periodKey.MatchString(p) {
		return badFilter("period", p)
	}
	return nil
}

// ReportFilter narrows the list of received reports: every version a
// unit submitted, whatever became of it. Zero fields match everything.
type ReportFilter struct {
	PlanID int64  `json:"plan_id"`
	TaskID int64  `json:"task_id"`
	UnitID int64  `json:"unit_id"`
	Period string `json:"period"`
	State  string `json:"state"` // one of ReceivedStates, "" for all
	Sort   string `json:"sort"`  // "newest" (by submission, the default) or "oldest"
	Limit  int    `json:"limit"`
	After  string `json:"after"`
}

// ReportList lists received reports, newest submission first (or oldest
// first), with their indicator values and evidence.
func (s *Store) ReportList(ctx context.Context, f ReportFilter) (Page[Report], error) {
	var p Page[Report]
	limit, err := limitOf(f.Limit)
	if err != nil {
		return p, err
	}
	sort, err := sortOf(f.Sort, "newest", "oldest")
	if err != nil {
		return p, err
	}
	if err := checkPeriod(f.Period); err != nil {
		return p, err
	}
	where := []string{"r.submitted_at IS NOT NULL"}
	var args []any
	if f.State == "" {
		where = append(where, "r.state IN ('submitted', 'returned', 'accepted')")
	} else if slices.Contains(ReceivedStates, f.State) {
		where = append(where, "r.state = ?")
		args = append(args, f.State)
	} else {
		return p, badFilter("state", f.State)
	}
	for _, c := range []struct {
		col string
		v   int64
	}{{"r.plan_id", f.PlanID}, {"r.task_id", f.TaskID}, {"r.unit_id", f.UnitID}} {
		if c.v < 0 {
			return p, badFilter(strings.TrimPrefix(c.col, "r."), fmt.Sprint(c.v))
		}
		if c.v != 0 {
			where = append(where, c.col+" = ?")
			args = append(args, c.v)
		}
	}
	if f.Period != "" {
		where = append(where, "r.period = ?")
		args = append(args, f.Period)
	}
	keys := []keyCol{{s.d.timeKey("r.submitted_at"), sort == "newest"}, {"r.id", sort == "newest"}}
	if f.After != "" {
		var at cursorTime
		var id int64
		if err := decodeCursor(f.After, sort, &at, &id); err != nil {
			return p, err
		}
		cond, cargs := after(keys, []any{s.d.timeArg(at.Time), id})
		where = append(where, cond)
		args = append(args, cargs...)
	}
	args = append(args, limit+1)
	rows, err := s.reports(ctx, `WHERE `+strings.Join(where, " AND ")+orderBy(keys)+` LIMIT ?`, args...)
	if err != nil {
		return p, err
	}
	return pageOf(rows, limit, func(r Report) string { return encodeCursor(sort, cursorTime{r.SubmittedAt}, r.ID) }), nil
}

// MissingFilter narrows the lead assignments of a plan that have no
// submitted report for a period.
type MissingFilter struct {
	PlanID  int64  `json:"plan_id"` // required
	Period  string `json:"period"`  // required
	UnitID  int64  `json:"unit_id"`
	Section string `json:"section"`
	State   string `json:"state"` // "none" (nothing written), "draft", "returned", or "" for all
	Sort    string `json:"sort"`  // "unit" (the default) or "task"
	Limit   int    `json:"limit"`
	After   string `json:"after"`
}

// MissingStates are the values of MissingFilter.State.
var MissingStates = []string{"none", "draft", "returned"}

// MissingPage is a page of missing reports and how many match in all.
type MissingPage struct {
	Page[Missing]
	Total int `json:"total"`
}

func (f MissingFilter) keys() ([]keyCol, error) {
	sort, err := sortOf(f.Sort, "unit", "task")
	if err != nil {
		return nil, err
	}
	unit := []keyCol{{"x.unit_name", false}, {"x.unit_id", false}}
	task := []keyCol{{"x.ord", false}, {"x.task_id", false}}
	if sort == "unit" {
		return append(unit, task...), nil
	}
	return append(task, unit...), nil
}

// query is the filtered missing reports without the cursor, as
// "FROM (…) x WHERE …" with its arguments.
func (f MissingFilter) query() (string, []any, error) {
	if f.PlanID <= 0 {
		return "", nil, badFilter("plan", fmt.Sprint(f.PlanID))
	}
	if f.Period == "" {
		return "", nil, badFilter("period", "")
	}
	if err := checkPeriod(f.Period); err != nil {
		return "", nil, err
	}
	if f.UnitID < 0 {
		return "", nil, badFilter("unit", fmt.Sprint(f.UnitID))
	}
	if f.State != "" && !slices.Contains(MissingStates, f.State) {
		return "", nil, badFilter("state", f.State)
	}
	inner := []string{"a.plan_id = ?", "a.role = 'lead'", "t.closed_at IS NULL",
		`NOT EXISTS (SELECT 1 FROM reports r WHERE r.task_id = a.task_id AND r.unit_id = a.unit_id AND r.period = ?
			AND r.state IN ('submitted', 'accepted'))`}
	args := []any{f.Period, f.Period, f.PlanID, f.Period}
	// Only the tasks that report at the period's frequency (their own,
	// else their plan calendar's) owe it: a monthly task owes nothing
	// for "2026-Q3".
	if name, ok := reporting.ParseKey(f.Period); ok {
		inner = append(inner, "(t.frequency = ? OR t.frequency = '' AND (c.frequency IS NULL OR c.frequency = ?))")
		args = append(args, string(name.Frequency), string(name.Frequency))
	}
	if f.UnitID != 0 {
		inner = append(inner, "a.unit_id = ?")
		args = append(args, f.UnitID)
	}
	if f.Section != "" {
		inner = append(inner, "t.section = ?")
		args = append(args, f.Section)
	}
	outer := []string{"1 = 1"}
	switch f.State {
	case "none":
		outer = append(outer, "x.state = ''")
	case "draft", "returned":
		outer = append(outer, "x.state = ?")
		args = append(args, f.State)
	}
	q := `FROM (SELECT a.plan_id, a.task_id, t.label, t.text, t.ord, t.section, a.unit_id, u.name AS unit_name,
		COALESCE((SELECT r.state FROM reports r WHERE r.task_id = a.task_id AND r.unit_id = a.unit_id AND r.period = ? ORDER BY r.version DESC LIMIT 1), '') AS state,
		(SELECT COUNT(*) FROM reminders m WHERE m.task_id = a.task_id AND m.unit_id = a.unit_id AND m.period = ?) AS reminders
		FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN units u ON u.id = a.unit_id
		LEFT JOIN calendars c ON c.plan_id = a.plan_id
		WHERE ` + strings.Join(inner, " AND ") + `) x WHERE ` + strings.Join(outer, " AND ")
	return q, args, nil
}

const missingColumns = `SELECT x.plan_id, x.task_id, x.label, x.text, x.ord, x.section, x.unit_id, x.unit_name, x.state, x.reminders `

func (s *Store) missing(ctx context.Context, period, q string, args ...any) ([]Missing, error) {
	rows, err := s.query(ctx, missingColumns+q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: missing reports: %w", err)
	}
	defer rows.Close()
	var out []Missing
	for rows.Next() {
		m := Missing{Period: period}
		if err := rows.Scan(&m.PlanID, &m.TaskID, &m.TaskLabel, &m.TaskText, &m.ord, &m.Section, &m.UnitID, &m.UnitName, &m.State, &m.Reminders); err != nil {
			return nil, fmt.Errorf("store: missing reports: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func (m Missing) cursor(sort string) string {
	if sort == "task" {
		return encodeCursor(sort, m.ord, m.TaskID, m.UnitName, m.UnitID)
	}
	return encodeCursor("unit", m.UnitName, m.UnitID, m.ord, m.TaskID)
}

// MissingList lists a page of a plan's open tasks whose lead unit has no
// submitted or accepted report for the period, by unit (or by task), with
// the number that match the filter in all.
func (s *Store) MissingList(ctx context.Context, f MissingFilter) (MissingPage, error) {
	var p MissingPage
	limit, err := limitOf(f.Limit)
	if err != nil {
		return p, err
	}
	keys, err := f.keys()
	if err != nil {
		return p, err
	}
	sort, _ := sortOf(f.Sort, "unit", "task")
	q, args, err := f.query()
	if err != nil {
		return p, err
	}
	if err := s.queryRow(ctx, `SELECT COUNT(*) `+q, args...).Scan(&p.Total); err != nil {
		return p, fmt.Errorf("store: missing reports: %w", err)
	}
	if f.After != "" {
		var name string
		var unit, task int64
		var ord int
		var vals []any
		if sort == "task" {
			err = decodeCursor(f.After, sort, &ord, &task, &name, &unit)
			vals = []any{ord, task, name, unit}
		} else {
			err = decodeCursor(f.After, sort, &name, &unit, &ord, &task)
			vals = []any{name, unit, ord, task}
		}
		if err != nil {
			return p, err
		}
		cond, cargs := after(keys, vals)
		q += " AND " + cond
		args = append(args, cargs...)
	}
	rows, err := s.missing(ctx, f.Period, q+orderBy(keys)+` LIMIT ?`, append(args, limit+1)...)
	if err != nil {
		return p, err
	}
	p.Page = pageOf(rows, limit, func(m Missing) string { return m.cursor(sort) })
	return p, nil
}

// MissingAll is every missing report that matches f, in its order,
// regardless of its page: what a reminder to all of them goes to.
func (s *Store) MissingAll(ctx context.Context, f MissingFilter) ([]Missing, error) {
	keys, err := f.keys()
	if err != nil {
		return nil, err
	}
	q, args, err := f.query()
	if err != nil {
		return nil, err
	}
	return s.missing(ctx, f.Period, q+orderBy(keys), args...)
}

// ReminderList lists a page of reminders, newest first.
func (s *Store) ReminderList(ctx context.Context, f ReminderFilter) (Page[Reminder], error) {
	var p Page[Reminder]
	limit, err := limitOf(f.Limit)
	if err != nil {
		return p, err
	}
	where := []string{"1 = 1"}
	var args []any
	for _, c := range []struct {
		col, name string
		v         int64
	}{{"m.plan_id", "plan", f.PlanID}, {"m.task_id", "task", f.TaskID}, {"m.unit_id", "unit", f.UnitID}} {
		if c.v < 0 {
			return p, badFilter(c.name, fmt.Sprint(c.v))
		}
		if c.v != 0 {
			where = append(where, c.col+" = ?")
			args = append(args, c.v)
		}
	}
	keys := []keyCol{{s.d.timeKey("m.sent_at"), true}, {"m.id", true}}
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
	args = append(args, limit+1)
	rows, err := s.query(ctx, `SELECT m.id, m.plan_id, COALESCE(m.task_id, 0), m.unit_id, u.name, m.period, m.message,
		COALESCE(m.sent_by, 0), m.sender, m.sent_at, m.emailed FROM reminders m JOIN units u ON u.id = m.unit_id
		WHERE `+strings.Join(where, " AND ")+orderBy(keys)+` LIMIT ?`, args...)
	if err != nil {
		return p, fmt.Errorf("store: reminders: %w", err)
	}
	defer rows.Close()
	var out []Reminder
	for rows.Next() {
		var r Reminder
		var emailed int
		if err := rows.Scan(&r.ID, &r.PlanID, &r.TaskID, &r.UnitID, &r.UnitName, &r.Period, &r.Message, &r.SentBy, &r.Sender, &r.SentAt, &emailed); err != nil {
			return p, fmt.Errorf("store: reminders: %w", err)
		}
		r.Emailed = emailed != 0
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return p, fmt.Errorf("store: reminders: %w", err)
	}
	return pageOf(out, limit, func(r Reminder) string { return encodeCursor("newest", cursorTime{r.SentAt}, r.ID) }), nil
}
