package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"luoshi/internal/reporting"
	"luoshi/internal/store"
	"luoshi/internal/supervision"
)

type taskView struct {
	Page
	Plan    store.Plan
	Task    store.Task
	History []historyItem
	// Values are the task's targets with their official values and the
	// contributions beside them the reader may see.
	Values      []supervision.TaskValue
	Units       []store.Unit
	Statuses    []string
	Comparators []string
	// Suggested is the frequency the task's text asks reports at, ""
	// when it says nothing.
	Suggested reporting.Frequency
	// Reports are a page of the task's received reports the reader may
	// read, nil for the public.
	Reports      *store.Page[store.Report]
	ReportsNext  string
	ReportsFirst string
}

// TargetYear is the year a task without a deadline works towards: the
// latest year its targets name (到2025年), 0 when none does. It is shown
// as the target year, not read as a deadline in the plan's year.
func (v *taskView) TargetYear() int {
	y := 0
	for _, g := range v.Task.Targets {
		y = max(y, g.Year)
	}
	return y
}

// ProposedFrequency is the frequency the office's form shows: the
// task's own, else the one its text asks for.
func (v *taskView) ProposedFrequency() string {
	if v.Task.Frequency != "" {
		return v.Task.Frequency
	}
	return string(v.Suggested)
}

// TaskFrequencies are the choices of a task's own frequency.
func (v *taskView) TaskFrequencies() []reporting.Frequency { return reporting.TaskFrequencies }

func (s *Server) taskPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	t, p, err := s.visibleTask(r.Context(), rq, id)
	if err != nil {
		return err
	}
	v := &taskView{Page: s.page(rq, "task.title"), Plan: p, Task: t, Statuses: store.TaskStatuses,
		Comparators: []string{"=", ">=", "<=", "~"}, Suggested: reporting.SuggestFrequency(t.Text)}
	entries, err := s.sup.TaskHistory(r.Context(), supActor(rq), t)
	if err != nil {
		return err
	}
	v.History = history(entries)
	if v.Values, err = s.sup.TaskValues(r.Context(), supActor(rq), t); err != nil {
		return err
	}
	if rq.is(store.RoleOffice) {
		if v.Units, err = s.st.Units(r.Context()); err != nil {
			return err
		}
	}
	if v.Reports, err = s.taskReports(r.Context(), rq, id, r.URL.Query().Get("rafter")); err != nil {
		return err
	}
	if v.Reports != nil {
		v.ReportsNext, v.ReportsFirst = pageLink(r, "rafter", v.Reports.Next), firstLink(r, "rafter")
	}
	v.Title = p.Title + " · " + t.Label
	v.Nav, v.Flash = "plans", s.flash(rq, r)
	s.render(w, r, rq, http.StatusOK, "task", v)
	return nil
}

// historyItem is one audit entry as a reader sees it: which fields
// changed from what to what.
type historyItem struct {
	store.AuditEntry
	Changes []change
}

type change struct {
	Field, Before, After string
}

// history turns audit entries into readable changes. Values are shown as
// recorded; fields that did not change are left out.
func history(entries []store.AuditEntry) []historyItem {
	out := make([]historyItem, len(entries))
	for i, e := range entries {
		out[i].AuditEntry = e
		before, after := flatten(e.Before), flatten(e.After)
		keys := make([]string, 0, len(after)+len(before))
		for k := range after {
			keys = append(keys, k)
		}
		for k := range before {
			if _, ok := after[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			if strings.HasSuffix(k, "_id") || k == "id" || k == "rev" || k == "updated_at" || k == "hash" {
				continue // ids and bookkeeping mean nothing to a reader; names are recorded beside them
			}
			if before[k] != after[k] {
				out[i].Changes = append(out[i].Changes, change{Field: k, Before: before[k], After: after[k]})
			}
		}
	}
	return out
}

// flatten reads a recorded JSON object into strings per field.
func flatten(raw string) map[string]string {
	m := map[string]string{}
	if raw == "" {
		return m
	}
	var fields map[string]any
	if err := json.Unmarshal([]byte(raw), &fields); err != nil {
		m["value"] = raw
		return m
	}
	for k, v := range fields {
		switch v := v.(type) {
		case string:
			m[strings.ToLower(k)] = v
		case nil:
		default:
			b, _ := json.Marshal(v)
			m[strings.ToLower(k)] = string(b)
		}
	}
	return m
}

// taskEdit is the body of a task edit, from a form or JSON.
type taskEdit struct {
	Version   int     `json:"version"`
	Text      *string `json:"text"`
	TaskForce *string `json:"task_force"`
	Deadline  *string `json:"deadline"`
	Status    *string `json:"status"`
}

// apply validates an edit over the task's current values.
func (e taskEdit) apply(t store.Task) (store.TaskEdit, error) {
	out := store.TaskEdit{ID: t.ID, Version: e.Version, Text: t.Text, TaskForce: t.TaskForce, Deadline: t.Deadline, Status: t.Status}
	if e.Text != nil {
		out.Text = strings.TrimSpace(*e.Text)
		if out.Text == "" {
			return out, userError(http.StatusBadRequest, "task.text_required")
		}
	}
	if e.TaskForce != nil {
		out.TaskForce = strings.TrimSpace(*e.TaskForce)
	}
	if e.Deadline != nil {
		out.Deadline = strings.TrimSpace(*e.Deadline)
		if out.Deadline != "" {
			if _, err := time.Parse(time.DateOnly, out.Deadline); err != nil {
				return out, userError(http.StatusBadRequest, "task.bad_deadline")
			}
		}
	}
	if e.Status != nil {
		if !slices.Contains(store.TaskStatuses, *e.Status) {
			return out, userError(http.StatusBadRequest, "task.bad_status")
		}
		out.Status = *e.Status
	}
	return out, nil
}

func (s *Server) saveTask(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	t, err := s.st.TaskByID(r.Context(), id)
	if err != nil {
		return err
	}
	version, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil {
		return userError(http.StatusBadRequest, "error.invalid")
	}
	text, force, deadline, status := r.PostFormValue("text"), r.PostFormValue("task_force"), r.PostFormValue("deadline"), r.PostFormValue("status")
	edit, err := taskEdit{Version: version, Text: &text, TaskForce: &force, Deadline: &deadline, Status: &status}.apply(t)
	if err != nil {
		return err
	}
	if _, err := s.st.UpdateTask(r.Context(), rq.actor(), edit); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/tasks/%d?done=saved", id), http.StatusSeeOther)
	return nil
}

func (s *Server) addTaskUnit(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	t, err := s.st.TaskByID(r.Context(), id)
	if err != nil {
		return err
	}
	unitID, err := s.unitFromForm(r, rq, r.PostFormValue("unit"), r.PostFormValue("new_name"), t.PlanID)
	if err != nil {
		return err
	}
	if err := s.st.AddTaskUnit(r.Context(), rq.actor(), id, unitID, r.PostFormValue("role")); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/tasks/%d?done=unit_added", id), http.StatusSeeOther)
	return nil
}

func (s *Server) saveTaskUnit(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	task, err := strconv.ParseInt(r.PostFormValue("task"), 10, 64)
	if err != nil {
		task = 0
	}
	var fromPlan int64
	if t, err := s.st.TaskByID(r.Context(), task); err == nil {
		fromPlan = t.PlanID
	}
	unitID, err := s.unitFromForm(r, rq, r.PostFormValue("unit"), r.PostFormValue("new_name"), fromPlan)
	if err != nil {
		return err
	}
	if err := s.st.UpdateTaskUnit(r.Context(), rq.actor(), store.TaskUnitEdit{ID: id, UnitID: unitID, Role: r.PostFormValue("role")}); err != nil {
		return err
	}
	return s.backToTask(w, r, "saved")
}

func (s *Server) removeTaskUnit(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.st.RemoveTaskUnit(r.Context(), rq.actor(), id); err != nil {
		return err
	}
	return s.backToTask(w, r, "unit_removed")
}

func (s *Server) saveTarget(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	value, err := strconv.ParseFloat(strings.TrimSpace(r.PostFormValue("value")), 64)
	if err != nil {
		return userError(http.StatusBadRequest, "target.bad_value")
	}
	year := 0
	if y := strings.TrimSpace(r.PostFormValue("year")); y != "" {
		if year, err = strconv.Atoi(y); err != nil || year < 1949 || year > 2100 {
			return userError(http.StatusBadRequest, "target.bad_year")
		}
	}
	edit := store.TargetEdit{ID: id, Indicator: strings.TrimSpace(r.PostFormValue("indicator")), Value: value,
		Unit: strings.TrimSpace(r.PostFormValue("unit")), Comparator: r.PostFormValue("comparator"), Year: year}
	if err := s.st.UpdateTarget(r.Context(), rq.actor(), edit); err != nil {
		return err
	}
	return s.backToTask(w, r, "saved")
}

// backToTask redirects to the task named by the form's "task" field.
func (s *Server) backToTask(w http.ResponseWriter, r *http.Request, done string) error {
	task, err := strconv.ParseInt(r.PostFormValue("task"), 10, 64)
	if err != nil || task <= 0 {
		http.Redirect(w, r, "/?done="+done, http.StatusSeeOther)
		return nil
	}
	http.Redirect(w, r, fmt.Sprintf("/tasks/%d?done=%s", task, done), http.StatusSeeOther)
	return nil
}
