package web

import (
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"luoshi/internal/planedit"
	"luoshi/internal/store"
	"luoshi/internal/units"
)

// The office's corrections of a plan, as pages: metadata, tasks and
// targets added and deleted, collective names expanded or confirmed,
// and the confirmation steps before publishing and discarding. The
// rules are internal/planedit's; these handlers decode forms and
// redirect.

func editor(rq *request) planedit.Actor {
	if rq.user == nil {
		return planedit.Actor{}
	}
	return planedit.Actor{UserID: rq.user.ID, Username: rq.user.Username, Role: rq.user.Role}
}

// formInt reads an optional integer form field; empty is 0.
func formInt(r *http.Request, name string) (int, error) {
	v := strings.TrimSpace(r.PostFormValue(name))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, userError(http.StatusBadRequest, "error.invalid")
	}
	return n, nil
}

// confirmed reads the confirmation checkbox of a form.
func confirmed(r *http.Request) bool {
	v := r.PostFormValue("confirm")
	return v == "yes" || v == "on" || v == "true"
}

// back is where a form returns to: the page named by "back", kept on
// this site, else def.
func back(r *http.Request, def string) string {
	if b := r.PostFormValue("back"); b != "" && safeNext(b) == b {
		return b
	}
	return def
}

func withDone(path, done string) string {
	frag := ""
	if i := strings.Index(path, "#"); i >= 0 {
		path, frag = path[:i], path[i:]
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + "done=" + done + frag
}

func (s *Server) saveMeta(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	rev, err := strconv.Atoi(r.PostFormValue("rev"))
	if err != nil {
		return userError(http.StatusBadRequest, "error.invalid")
	}
	year, err := formInt(r, "year")
	if err != nil {
		return userError(http.StatusBadRequest, "plan.bad_year")
	}
	_, err = planedit.UpdateMeta(r.Context(), s.st, editor(rq), planedit.Meta{PlanID: id, Rev: rev, Title: r.PostFormValue("title"),
		DocNumber: r.PostFormValue("doc_number"), Issuer: r.PostFormValue("issuer"), DocDate: r.PostFormValue("doc_date"),
		Region: r.PostFormValue("region"), Year: year})
	if err != nil {
		return err
	}
	http.Redirect(w, r, withDone(back(r, fmt.Sprintf("/plans/%d/review#meta", id)), "meta_saved"), http.StatusSeeOther)
	return nil
}

// publishView is the confirmation step before a draft is published.
type publishView struct {
	Page
	Plan       store.Plan
	Ready      planedit.Readiness
	Candidates []store.Unit              // units a collective may expand into
	Suggested  map[string]map[int64]bool // by collective name
}

// Chosen tells whether unit id is suggested as a member of name.
func (v *publishView) Chosen(name string, id int64) bool { return v.Suggested[name][id] }

func (s *Server) publishConfirm(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := s.st.PlanByID(r.Context(), id)
	if err != nil {
		return err
	}
	ready, err := planedit.PlanReadiness(r.Context(), s.st, id)
	if err != nil {
		return err
	}
	all, err := s.st.Units(r.Context())
	if err != nil {
		return err
	}
	v := &publishView{Page: s.page(rq, "publish.title"), Plan: p, Ready: ready, Suggested: map[string]map[int64]bool{}}
	// The members to choose from: the region's units that are not
	// collectives themselves, city governments first.
	for _, u := range all {
		if (p.Region == "" || u.Region == p.Region) && u.Kind != string(units.Collective) && !units.LooksCollective(u.Name) {
			v.Candidates = append(v.Candidates, u)
		}
	}
	sort.SliceStable(v.Candidates, func(i, j int) bool {
		a, b := v.Candidates[i], v.Candidates[j]
		if (a.Kind == string(units.Prefecture)) != (b.Kind == string(units.Prefecture)) {
			return a.Kind == string(units.Prefecture)
		}
		return a.Name < b.Name
	})
	for _, c := range ready.Collectives {
		m := map[int64]bool{}
		for _, uid := range planedit.Suggest(c, v.Candidates, p.Region) {
			m[uid] = true
		}
		v.Suggested[c.Name] = m
	}
	v.Title = p.Title
	v.Nav, v.Flash = "review", s.flash(rq, r)
	s.render(w, r, rq, http.StatusOK, "publish", v)
	return nil
}

func (s *Server) publishPlan(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	n, err := planedit.Publish(r.Context(), s.st, editor(rq), id, confirmed(r))
	if err != nil {
		return err
	}
	s.log.Info("plan published", "plan", id, "assignments", n, "user", rq.user.Username)
	http.Redirect(w, r, fmt.Sprintf("/plans/%d?done=published", id), http.StatusSeeOther)
	return nil
}

// collectiveForm expands a collective name into the units chosen, or
// confirms it as it stands (or takes that back).
func (s *Server) collectiveForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	name := r.PostFormValue("name")
	switch r.PostFormValue("action") {
	case "expand":
		var ids []int64
		for _, v := range r.PostForm["unit"] {
			uid, err := strconv.ParseInt(v, 10, 64)
			if err != nil || uid <= 0 {
				return userError(http.StatusBadRequest, "review.choose_unit")
			}
			ids = append(ids, uid)
		}
		if _, err := planedit.Expand(r.Context(), s.st, editor(rq), id, name, ids); err != nil {
			return err
		}
	case "as_is", "undo":
		if err := planedit.ConfirmAsIs(r.Context(), s.st, editor(rq), id, name, r.PostFormValue("action") == "as_is"); err != nil {
			return err
		}
	default:
		return userError(http.StatusBadRequest, "error.invalid")
	}
	http.Redirect(w, r, withDone(back(r, fmt.Sprintf("/plans/%d/publish#collectives", id)), "collective_saved"), http.StatusSeeOther)
	return nil
}

// discardView is the confirmation step before a draft is discarded.
type discardView struct {
	Page
	Plan  store.Plan
	Tasks int
	Units []store.Unit // the units that go with it
}

func (s *Server) discardConfirm(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := s.st.PlanByID(r.Context(), id)
	if err != nil {
		return err
	}
	if p.Status != store.PlanDraft {
		return userError(http.StatusConflict, "discard.published")
	}
	ready, err := planedit.PlanReadiness(r.Context(), s.st, id)
	if err != nil {
		return err
	}
	units, err := s.st.DraftUnits(r.Context(), id)
	if err != nil {
		return err
	}
	v := &discardView{Page: s.page(rq, "discard.title"), Plan: p, Tasks: ready.Tasks, Units: units}
	v.Title = p.Title
	v.Nav = "review"
	s.render(w, r, rq, http.StatusOK, "discard", v)
	return nil
}

func (s *Server) deletePlan(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := planedit.Discard(r.Context(), s.st, editor(rq), id, confirmed(r)); err != nil {
		return err
	}
	http.Redirect(w, r, "/?done=deleted", http.StatusSeeOther)
	return nil
}

func (s *Server) addTask(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	after, err := formInt(r, "after")
	if err != nil {
		return err
	}
	tid, err := planedit.AddTask(r.Context(), s.st, editor(rq), planedit.NewTask{PlanID: id, After: int64(after),
		Label: r.PostFormValue("label"), Text: r.PostFormValue("text"), TaskForce: r.PostFormValue("task_force"),
		Deadline: r.PostFormValue("deadline")})
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/tasks/%d?done=task_added", tid), http.StatusSeeOther)
	return nil
}

func (s *Server) deleteTask(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	version, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil {
		return userError(http.StatusBadRequest, "error.invalid")
	}
	if !confirmed(r) {
		return userError(http.StatusBadRequest, "task.delete_confirm")
	}
	planID, err := planedit.DeleteTask(r.Context(), s.st, editor(rq), id, version)
	if err != nil {
		return err
	}
	p, err := s.st.PlanByID(r.Context(), planID)
	if err != nil {
		return err
	}
	next := fmt.Sprintf("/plans/%d?done=task_deleted", planID)
	if p.Status == store.PlanDraft {
		next = fmt.Sprintf("/plans/%d/review?done=task_deleted", planID)
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

// targetForm reads a new target from a form.
func targetForm(r *http.Request) (planedit.NewTarget, error) {
	n := planedit.NewTarget{Indicator: r.PostFormValue("indicator"), Unit: r.PostFormValue("unit"), Comparator: r.PostFormValue("comparator")}
	v, err := strconv.ParseFloat(strings.TrimSpace(r.PostFormValue("value")), 64)
	if err != nil {
		return n, userError(http.StatusBadRequest, "target.bad_value")
	}
	n.Value = v
	if n.Year, err = formInt(r, "year"); err != nil {
		return n, userError(http.StatusBadRequest, "target.bad_year")
	}
	return n, nil
}

func (s *Server) addTarget(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	n, err := targetForm(r)
	if err != nil {
		return err
	}
	n.TaskID = id
	if _, err := planedit.AddTarget(r.Context(), s.st, editor(rq), n); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/tasks/%d?done=target_added#targets", id), http.StatusSeeOther)
	return nil
}

func (s *Server) addGoal(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	n, err := targetForm(r)
	if err != nil {
		return err
	}
	n.PlanID = id
	if _, err := planedit.AddTarget(r.Context(), s.st, editor(rq), n); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/review?done=target_added#goals", id), http.StatusSeeOther)
	return nil
}

func (s *Server) deleteTarget(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	planID, taskID, err := planedit.DeleteTarget(r.Context(), s.st, editor(rq), id)
	if err != nil {
		return err
	}
	next := fmt.Sprintf("/tasks/%d?done=target_deleted#targets", taskID)
	if taskID == 0 {
		next = fmt.Sprintf("/plans/%d/review?done=target_deleted#goals", planID)
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

// planError maps the domain's refusals to a status and a message key.
func planError(err error) (*Error, bool) {
	var pe *planedit.Error
	if !errors.As(err, &pe) {
		return nil, false
	}
	status := http.StatusBadRequest
	switch pe.Kind {
	case planedit.Conflict:
		status = http.StatusConflict
	case planedit.Forbidden:
		status = http.StatusForbidden
	}
	return &Error{Status: status, Key: pe.Key, Args: pe.Args, Err: err}, true
}
