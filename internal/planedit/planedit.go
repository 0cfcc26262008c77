// Package planedit holds the office's corrections of a plan: its
// metadata, the tasks and targets it adds or deletes, the collective
// names it expands into member units or confirms as they stand, and the
// confirmed publish and discard of a draft. Each operation is one
// function that takes the actor and a typed input, checks the actor and
// the rules, and runs one store transaction; the HTML pages and the JSON
// API both call it.
package planedit

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"luoshi/internal/store"
)

// Actor is the user making a change.
type Actor struct {
	UserID   int64
	Username string
	Role     string
}

func (a Actor) store() store.Actor { return store.Actor{UserID: a.UserID, Username: a.Username} }

// Kind is what sort of refusal an Error is.
type Kind int

// Kinds of refusal.
const (
	Invalid   Kind = iota // the input breaks a rule; nothing changed
	Conflict              // the plan's state forbids it, or it changed since it was read
	Forbidden             // the actor may not do it
)

// Error is a refusal the caller can act on: a kind and a message key
// (with its arguments), translated where it is shown.
type Error struct {
	Kind Kind
	Key  string
	Args []any
	Err  error // the cause, if any
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("planedit: %s: %v", e.Key, e.Err)
	}
	return "planedit: " + e.Key
}

func (e *Error) Unwrap() error { return e.Err }

func invalid(key string, args ...any) *Error { return &Error{Kind: Invalid, Key: key, Args: args} }

func office(a Actor) error {
	if a.Role != store.RoleOffice {
		return &Error{Kind: Forbidden, Key: "error.forbidden"}
	}
	return nil
}

// Limits of the fields the office types.
const (
	MaxTitle      = 200
	MaxShort      = 100 // 文号, issuer, indicator
	MaxRegion     = 50
	MaxLabel      = 20
	MaxTaskText   = 5000
	MaxTargetUnit = 20
)

// line trims s and checks it is one line of at most max runes.
func line(s string, max int) (string, bool) {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > max || !utf8.ValidString(s) {
		return s, false
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return s, false
		}
	}
	return s, true
}

func validYear(y int) bool { return y == 0 || (y >= 1949 && y <= 2100) }

func validDate(d string) bool {
	if d == "" {
		return true
	}
	_, err := time.Parse(time.DateOnly, d)
	return err == nil
}

// Meta is the plan metadata an edit sets; Rev is the revision the editor
// saw.
type Meta struct {
	PlanID    int64
	Rev       int
	Title     string
	DocNumber string
	Issuer    string
	DocDate   string // YYYY-MM-DD or empty
	Region    string
	Year      int
}

// UpdateMeta corrects a plan's title, 文号, issuer, date, region and year,
// draft or published, and returns the new revision. A plan changed since
// m.Rev is a Conflict.
func UpdateMeta(ctx context.Context, st *store.Store, a Actor, m Meta) (int, error) {
	if err := office(a); err != nil {
		return 0, err
	}
	var ok bool
	if m.Title, ok = line(m.Title, MaxTitle); !ok || m.Title == "" {
		return 0, invalid("plan.bad_title", MaxTitle)
	}
	if m.DocNumber, ok = line(m.DocNumber, MaxShort); !ok {
		return 0, invalid("plan.bad_doc_number", MaxShort)
	}
	if m.Issuer, ok = line(m.Issuer, MaxShort); !ok {
		return 0, invalid("plan.bad_issuer", MaxShort)
	}
	if m.DocDate = strings.TrimSpace(m.DocDate); !validDate(m.DocDate) {
		return 0, invalid("plan.bad_date")
	}
	if m.Region, ok = line(m.Region, MaxRegion); !ok {
		return 0, invalid("plan.bad_region", MaxRegion)
	}
	if !validYear(m.Year) {
		return 0, invalid("plan.bad_year")
	}
	rev, err := st.UpdatePlanMeta(ctx, a.store(), store.PlanMeta{ID: m.PlanID, Rev: m.Rev, Title: m.Title, DocNumber: m.DocNumber,
		Issuer: m.Issuer, DocDate: m.DocDate, Region: m.Region, Year: m.Year})
	if errors.Is(err, store.ErrConflict) {
		return 0, &Error{Kind: Conflict, Key: "plan.meta_conflict", Err: err}
	}
	return rev, err
}

// NewTask is a task the office adds after the task After (at the end of
// the plan when After is 0).
type NewTask struct {
	PlanID    int64
	After     int64
	Label     string
	Text      string
	TaskForce string
	Deadline  string
}

// AddTask adds a task to a plan and returns its id.
func AddTask(ctx context.Context, st *store.Store, a Actor, n NewTask) (int64, error) {
	if err := office(a); err != nil {
		return 0, err
	}
	var ok bool
	if n.Label, ok = line(n.Label, MaxLabel); !ok || n.Label == "" || strings.Contains(n.Label, "/") {
		return 0, invalid("task.bad_label", MaxLabel)
	}
	n.Text = strings.TrimSpace(n.Text)
	if n.Text == "" || utf8.RuneCountInString(n.Text) > MaxTaskText || !utf8.ValidString(n.Text) {
		return 0, invalid("task.text_required")
	}
	if n.TaskForce, ok = line(n.TaskForce, MaxShort); !ok {
		return 0, invalid("task.bad_task_force", MaxShort)
	}
	if n.Deadline = strings.TrimSpace(n.Deadline); !validDate(n.Deadline) {
		return 0, invalid("task.bad_deadline")
	}
	id, err := st.AddTask(ctx, a.store(), store.NewTask{PlanID: n.PlanID, After: n.After, Label: n.Label, Text: n.Text,
		TaskForce: n.TaskForce, Deadline: n.Deadline})
	if errors.Is(err, store.ErrInvalid) {
		return 0, &Error{Kind: Invalid, Key: "task.bad_position", Err: err}
	}
	return id, err
}

// DeleteTask removes a task the office read at version, with its units,
// targets and assignments, and returns its plan. A task that units have
// reported on or been reminded of stays: what was submitted is not lost.
func DeleteTask(ctx context.Context, st *store.Store, a Actor, taskID int64, version int) (int64, error) {
	if err := office(a); err != nil {
		return 0, err
	}
	planID, err := st.DeleteTask(ctx, a.store(), taskID, version)
	switch {
	case errors.Is(err, store.ErrHasWork):
		return 0, &Error{Kind: Conflict, Key: "task.has_work", Err: err}
	case errors.Is(err, store.ErrConflict):
		return 0, &Error{Kind: Conflict, Key: "error.conflict", Err: err}
	}
	return planID, err
}

// Comparators a target may carry.
var Comparators = []string{"=", ">=", "<=", "~"}

// NewTarget is a target the office adds to a task, or to the plan's
// goals when TaskID is 0.
type NewTarget struct {
	PlanID     int64
	TaskID     int64
	Indicator  string
	Value      float64
	Unit       string
	Comparator string
	Year       int
}

// AddTarget adds a target and returns its id.
func AddTarget(ctx context.Context, st *store.Store, a Actor, n NewTarget) (int64, error) {
	if err := office(a); err != nil {
		return 0, err
	}
	var ok bool
	if n.Indicator, ok = line(n.Indicator, MaxShort); !ok || n.Indicator == "" {
		return 0, invalid("target.indicator_required", MaxShort)
	}
	if math.IsNaN(n.Value) || math.IsInf(n.Value, 0) {
		return 0, invalid("target.bad_value")
	}
	if n.Unit, ok = line(n.Unit, MaxTargetUnit); !ok {
		return 0, invalid("target.bad_unit", MaxTargetUnit)
	}
	if n.Comparator == "" {
		n.Comparator = "="
	}
	if !contains(Comparators, n.Comparator) {
		return 0, invalid("target.bad_comparator")
	}
	if !validYear(n.Year) {
		return 0, invalid("target.bad_year")
	}
	return st.AddTarget(ctx, a.store(), store.NewTarget{PlanID: n.PlanID, TaskID: n.TaskID, Indicator: n.Indicator, Value: n.Value,
		Unit: n.Unit, Comparator: n.Comparator, Year: n.Year})
}

// DeleteTarget removes a target and returns its plan and task (0 for a
// plan's goal).
func DeleteTarget(ctx context.Context, st *store.Store, a Actor, id int64) (planID, taskID int64, err error) {
	if err := office(a); err != nil {
		return 0, 0, err
	}
	return st.DeleteTarget(ctx, a.store(), id)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
