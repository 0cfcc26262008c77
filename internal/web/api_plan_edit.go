package web

import (
	"net/http"
	"strconv"

	"luoshi/internal/planedit"
	"luoshi/internal/store"
)

// The office's corrections of a plan through the JSON API: the same
// planedit functions as the pages, with JSON in and out.

func (s *Server) apiUpdateMeta(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := s.st.PlanByID(r.Context(), id)
	if err != nil {
		return err
	}
	// Fields left out keep their values; rev is required.
	var body struct {
		Rev       *int    `json:"rev"`
		Title     *string `json:"title"`
		DocNumber *string `json:"doc_number"`
		Issuer    *string `json:"issuer"`
		DocDate   *string `json:"doc_date"`
		Region    *string `json:"region"`
		Year      *int    `json:"year"`
	}
	if err := decode(w, r, &body); err != nil {
		return err
	}
	if body.Rev == nil {
		return userError(http.StatusBadRequest, "error.invalid")
	}
	m := planedit.Meta{PlanID: id, Rev: *body.Rev, Title: p.Title, DocNumber: p.DocNumber, Issuer: p.Issuer, DocDate: p.DocDate,
		Region: p.Region, Year: p.Year}
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&m.Title, body.Title)
	set(&m.DocNumber, body.DocNumber)
	set(&m.Issuer, body.Issuer)
	set(&m.DocDate, body.DocDate)
	set(&m.Region, body.Region)
	if body.Year != nil {
		m.Year = *body.Year
	}
	if _, err := planedit.UpdateMeta(r.Context(), s.st, editor(rq), m); err != nil {
		return err
	}
	return s.writePlan(w, r, rq, id, http.StatusOK)
}

// readinessBody is what publishing a plan would do.
type readinessBody struct {
	Tasks       int              `json:"tasks"`
	Assignments int              `json:"assignments"`
	NoUnits     []taskRef        `json:"tasks_without_units"`
	Unmapped    []string         `json:"unmapped_names"`
	Collectives []collectiveBody `json:"collectives"`
}

type taskRef struct {
	ID    int64  `json:"id"`
	Label string `json:"label"`
}

type collectiveBody struct {
	Name     string    `json:"name"`
	Tasks    []taskRef `json:"tasks"`
	UnitIDs  []int64   `json:"unit_ids"`
	Expanded bool      `json:"expanded"`
	AsIs     bool      `json:"as_is"`
	Open     bool      `json:"open"`
}

func refs(tasks []store.Task) []taskRef {
	out := make([]taskRef, len(tasks))
	for i, t := range tasks {
		out[i] = taskRef{ID: t.ID, Label: t.Label}
	}
	return out
}

func (s *Server) apiReadiness(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := s.st.PlanByID(r.Context(), id); err != nil {
		return err
	}
	ready, err := planedit.PlanReadiness(r.Context(), s.st, id)
	if err != nil {
		return err
	}
	body := readinessBody{Tasks: ready.Tasks, Assignments: ready.Assignments, NoUnits: refs(ready.NoUnits),
		Unmapped: nonNil(ready.Unmapped), Collectives: []collectiveBody{}}
	for _, c := range ready.Collectives {
		cb := collectiveBody{Name: c.Name, Tasks: refs(c.Tasks), UnitIDs: []int64{}, Expanded: c.Expanded, AsIs: c.AsIs, Open: c.Open()}
		for _, u := range c.Units {
			cb.UnitIDs = append(cb.UnitIDs, u.UnitID)
		}
		body.Collectives = append(body.Collectives, cb)
	}
	writeJSON(w, http.StatusOK, body)
	return nil
}

// apiCollective expands a collective name ({"name", "unit_ids"}) or
// confirms it as it stands ({"name", "as_is": true}, false to undo).
func (s *Server) apiCollective(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var body struct {
		Name    string  `json:"name"`
		UnitIDs []int64 `json:"unit_ids"`
		AsIs    *bool   `json:"as_is"`
	}
	if err := decode(w, r, &body); err != nil {
		return err
	}
	switch {
	case body.AsIs != nil && body.UnitIDs == nil:
		err = planedit.ConfirmAsIs(r.Context(), s.st, editor(rq), id, body.Name, *body.AsIs)
	case body.AsIs == nil:
		_, err = planedit.Expand(r.Context(), s.st, editor(rq), id, body.Name, body.UnitIDs)
	default:
		return userError(http.StatusBadRequest, "error.invalid")
	}
	if err != nil {
		return err
	}
	return s.apiReadiness(w, r, rq)
}

func (s *Server) apiPublish(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var body struct {
		Confirm bool `json:"confirm"`
	}
	if err := decode(w, r, &body); err != nil {
		return err
	}
	n, err := planedit.Publish(r.Context(), s.st, editor(rq), id, body.Confirm)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]int{"assignments": n})
	return nil
}

func (s *Server) apiDeletePlan(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	n, err := planedit.Discard(r.Context(), s.st, editor(rq), id, r.URL.Query().Get("confirm") == "true")
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]int{"units_removed": n})
	return nil
}

func (s *Server) apiAddTask(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var body struct {
		After     int64  `json:"after"`
		Label     string `json:"label"`
		Text      string `json:"text"`
		TaskForce string `json:"task_force"`
		Deadline  string `json:"deadline"`
	}
	if err := decode(w, r, &body); err != nil {
		return err
	}
	tid, err := planedit.AddTask(r.Context(), s.st, editor(rq), planedit.NewTask{PlanID: id, After: body.After, Label: body.Label,
		Text: body.Text, TaskForce: body.TaskForce, Deadline: body.Deadline})
	if err != nil {
		return err
	}
	t, err := s.st.TaskByID(r.Context(), tid)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, taskBody{Task: t})
	return nil
}

func (s *Server) apiDeleteTask(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	version, err := strconv.Atoi(r.URL.Query().Get("version"))
	if err != nil {
		return userError(http.StatusBadRequest, "error.invalid")
	}
	if _, err := planedit.DeleteTask(r.Context(), s.st, editor(rq), id, version); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// targetBody is a target to add.
type targetBody struct {
	Indicator  string  `json:"indicator"`
	Value      float64 `json:"value"`
	Unit       string  `json:"unit"`
	Comparator string  `json:"comparator"`
	Year       int     `json:"year"`
}

func (s *Server) addTargetJSON(w http.ResponseWriter, r *http.Request, rq *request, planID, taskID int64) error {
	var body targetBody
	if err := decode(w, r, &body); err != nil {
		return err
	}
	id, err := planedit.AddTarget(r.Context(), s.st, editor(rq), planedit.NewTarget{PlanID: planID, TaskID: taskID,
		Indicator: body.Indicator, Value: body.Value, Unit: body.Unit, Comparator: body.Comparator, Year: body.Year})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, map[string]int64{"id": id})
	return nil
}

func (s *Server) apiAddTarget(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.addTargetJSON(w, r, rq, 0, id)
}

func (s *Server) apiAddGoal(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.addTargetJSON(w, r, rq, id, 0)
}

func (s *Server) apiDeleteTarget(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, _, err := planedit.DeleteTarget(r.Context(), s.st, editor(rq), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
