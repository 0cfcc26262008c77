package web

import (
	_ "embed"
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"luoshi/internal/auth"
	"luoshi/internal/reporting"
	"luoshi/internal/store"
)

//go:embed openapi.json
var openAPI []byte

// apiRoutes is the JSON API, with the same permissions as the pages.
func (s *Server) apiRoutes() []route {
	return []route{
		{"GET /api/openapi.json", anyone, s.apiSpec},
		{"POST /api/v1/session", anyone, s.apiLogin},
		{"DELETE /api/v1/session", signedIn, s.apiLogout},
		{"GET /api/v1/me", signedIn, s.apiMe},

		{"GET /api/v1/plans", anyone, s.apiPlans},
		{"POST /api/v1/plans", office, s.apiImport},
		{"GET /api/v1/plans/{id}", anyone, s.apiPlan},
		{"GET /api/v1/plans/{id}/tasks", anyone, s.apiPlanTasks},
		{"DELETE /api/v1/plans/{id}", office, s.apiDeletePlan},
		{"POST /api/v1/plans/{id}/publish", office, s.apiPublish},
		{"PUT /api/v1/plans/{id}/public", office, s.apiSetPublic},
		{"POST /api/v1/plans/{id}/mappings", office, s.apiMap},
		{"PATCH /api/v1/plans/{id}", office, s.apiUpdateMeta},
		{"GET /api/v1/plans/{id}/readiness", office, s.apiReadiness},
		{"POST /api/v1/plans/{id}/collectives", office, s.apiCollective},
		{"POST /api/v1/plans/{id}/tasks", office, s.apiAddTask},
		{"POST /api/v1/plans/{id}/targets", office, s.apiAddGoal},
		{"DELETE /api/v1/tasks/{id}", office, s.apiDeleteTask},
		{"POST /api/v1/tasks/{id}/targets", office, s.apiAddTarget},
		{"DELETE /api/v1/targets/{id}", office, s.apiDeleteTarget},

		{"GET /api/v1/tasks/{id}", anyone, s.apiTask},
		{"PATCH /api/v1/tasks/{id}", office, s.apiUpdateTask},
		{"PUT /api/v1/task-units/{id}", office, s.apiUpdateTaskUnit},
		{"PUT /api/v1/targets/{id}", office, s.apiUpdateTarget},
		{"PUT /api/v1/tasks/{id}/frequency", office, s.apiSetTaskFrequency},
		{"GET /api/v1/plans/{id}/calendar", signedIn, s.apiCalendar},
		{"PUT /api/v1/plans/{id}/calendar", office, s.apiSetCalendar},

		{"GET /api/v1/units", signedIn, s.apiUnits},
		{"POST /api/v1/units", office, s.apiCreateUnit},
		{"GET /api/v1/units/{id}/tasks", signedIn, s.apiUnitTasks},

		{"GET /api/v1/users", office, s.apiUsers},
		{"POST /api/v1/users", office, s.apiCreateUser},

		{"GET /api/v1/reports", signedIn, s.apiMyReports},
		{"GET /api/v1/reports/received", signedIn, s.apiReceived},
		{"GET /api/v1/reports/{id}", signedIn, s.apiReport},
		{"GET /api/v1/tasks/{id}/reports", signedIn, s.apiTaskReports},
		{"GET /api/v1/tasks/{id}/report", signedIn, s.apiTaskReport},
		{"PUT /api/v1/tasks/{id}/report", signedIn, s.apiReportAction(reporting.Save)},
		{"POST /api/v1/tasks/{id}/report/submit", signedIn, s.apiReportAction(reporting.Submit)},
		{"POST /api/v1/tasks/{id}/report/revise", signedIn, s.apiReportAction(reporting.Revise)},
		{"POST /api/v1/tasks/{id}/report/no-progress", signedIn, s.apiNoProgress},
		{"POST /api/v1/tasks/{id}/report/evidence", signedIn, s.apiUploadEvidence},
		{"GET /api/v1/reviews", office, s.apiReviewQueue},
		{"POST /api/v1/reports/{id}/accept", office, s.apiDecide(reporting.Accept)},
		{"POST /api/v1/reports/{id}/return", office, s.apiDecide(reporting.Return)},
		{"GET /api/v1/reminders", office, s.apiReminders},
		{"POST /api/v1/reminders", office, s.apiRemind},
		{"GET /api/v1/plans/{id}/missing", office, s.apiMissing},
		{"GET /api/v1/plans/{id}/lights", signedIn, s.apiLights},
		{"GET /api/v1/indicators/{id}", signedIn, s.apiIndicator},
		{"POST /api/v1/indicators/{id}/values", office, s.apiAddValue},
		{"PUT /api/v1/indicators/{id}/trajectory", office, s.apiSetTrajectory},
		{"GET /api/v1/inbox", signedIn, s.apiInbox},
		{"POST /api/v1/inbox/read", signedIn, s.apiMarkRead},
	}
}

func (s *Server) apiSpec(w http.ResponseWriter, r *http.Request, rq *request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(openAPI)
	return nil
}

// decode reads a JSON body of at most 1 MB into v.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "application/json" {
		return userError(http.StatusUnsupportedMediaType, "error.invalid")
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return err
		}
		return &Error{Status: http.StatusBadRequest, Key: "error.invalid", Err: err}
	}
	return nil
}

type sessionBody struct {
	User      store.User `json:"user"`
	CSRFToken string     `json:"csrf_token"`
}

func (s *Server) apiLogin(w http.ResponseWriter, r *http.Request, rq *request) error {
	var body struct {
		Username string `json:"username"`
		Password string `json:"password"`
	}
	if err := decode(w, r, &body); err != nil {
		return err
	}
	u, err := s.checkLogin(r.Context(), r, strings.TrimSpace(body.Username), body.Password)
	if err != nil {
		return err
	}
	csrf, err := s.startSession(r.Context(), w, r, u)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, sessionBody{User: u, CSRFToken: csrf})
	return nil
}

func (s *Server) apiLogout(w http.ResponseWriter, r *http.Request, rq *request) error {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.st.DeleteSession(r.Context(), auth.HashToken(c.Value)); err != nil {
			return err
		}
	}
	s.clearCookie(w, r, sessionCookie)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request, rq *request) error {
	writeJSON(w, http.StatusOK, sessionBody{User: *rq.user, CSRFToken: rq.csrf})
	return nil
}

func (s *Server) apiPlans(w http.ResponseWriter, r *http.Request, rq *request) error {
	f := planListFilter(rq)
	f.Limit = 100
	q := r.URL.Query()
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 500 {
			return userError(http.StatusBadRequest, "error.invalid")
		}
		f.Limit = n
	}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return userError(http.StatusBadRequest, "error.invalid")
		}
		f.Offset = n
	}
	plans, err := s.st.Overview(r.Context(), f)
	if err != nil {
		return err
	}
	if plans == nil {
		plans = []store.PlanSummary{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"plans": plans})
	return nil
}

// apiImport takes a JSON body {"file_name", "text"} or a multipart form
// with a "file" field, as the import page does.
func (s *Server) apiImport(w http.ResponseWriter, r *http.Request, rq *request) error {
	var name string
	var data []byte
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		var body struct {
			FileName string `json:"file_name"`
			Text     string `json:"text"`
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxUpload+4096)
		dec := json.NewDecoder(r.Body)
		if err := dec.Decode(&body); err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return err
			}
			return &Error{Status: http.StatusBadRequest, Key: "error.invalid", Err: err}
		}
		if strings.TrimSpace(body.Text) == "" {
			return userError(http.StatusBadRequest, "import.nothing")
		}
		name, data = body.FileName, []byte(body.Text)
		if name == "" {
			name = "pasted.txt"
		}
	} else {
		var err error
		if name, data, _, err = s.readDocument(w, r); err != nil {
			return err
		}
	}
	id, err := s.importPlan(r.Context(), rq, name, data)
	var dup *errDuplicate
	if errors.As(err, &dup) {
		writeJSON(w, http.StatusConflict, apiError{Error: apiErrorBody{Code: "import.duplicate",
			Message: s.cat.T(rq.lang, "import.duplicate", dup.plan.Title), PlanID: dup.plan.ID}})
		return nil
	}
	if err != nil {
		return err
	}
	return s.writePlan(w, r, rq, id, http.StatusCreated)
}

type planBody struct {
	Plan     store.Plan      `json:"plan"`
	Headings []store.Heading `json:"headings"`
	Tasks    []store.Task    `json:"tasks"`
}

func (s *Server) writePlan(w http.ResponseWriter, r *http.Request, rq *request, id int64, status int) error {
	p, err := s.visiblePlan(r.Context(), rq, id)
	if err != nil {
		return err
	}
	f, err := taskFilter(r)
	if err != nil {
		return err
	}
	o, err := s.st.PlanOutline(r.Context(), id, f)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("source") != "true" {
		p.Source = ""
	}
	writeJSON(w, status, planBody{Plan: p, Headings: nonNil(o.Headings), Tasks: nonNil(o.Tasks)})
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (s *Server) apiPlan(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.writePlan(w, r, rq, id, http.StatusOK)
}

func (s *Server) apiSetPublic(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var body struct {
		Public *bool `json:"public"`
	}
	if err := decode(w, r, &body); err != nil {
		return err
	}
	if body.Public == nil {
		return userError(http.StatusBadRequest, "error.invalid")
	}
	if err := s.st.SetPublic(r.Context(), rq.actor(), id, *body.Public); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]bool{"public": *body.Public})
	return nil
}

func (s *Server) apiMap(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var body struct {
		Name        string `json:"name"`
		UnitID      int64  `json:"unit_id"`
		NewUnitName string `json:"new_unit_name"`
		Region      string `json:"region"`
	}
	if err := decode(w, r, &body); err != nil {
		return err
	}
	unitID := body.UnitID
	if unitID == 0 {
		name := strings.TrimSpace(body.NewUnitName)
		if name == "" {
			return userError(http.StatusBadRequest, "review.choose_unit")
		}
		if u, err := s.st.UnitByName(r.Context(), name, body.Region); err == nil {
			unitID = u.ID
		} else if unitID, err = s.st.CreateUnit(r.Context(), rq.actor(), store.Unit{Name: name, Region: body.Region, FromPlan: id}); err != nil {
			return err
		}
	} else if _, err := s.st.UnitByID(r.Context(), unitID); err != nil {
		return userError(http.StatusBadRequest, "review.choose_unit")
	}
	n, err := s.st.MapUnitName(r.Context(), rq.actor(), id, strings.TrimSpace(body.Name), unitID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]int64{"unit_id": unitID, "mentions": int64(n)})
	return nil
}

type taskBody struct {
	Task    store.Task         `json:"task"`
	History []store.AuditEntry `json:"history,omitempty"`
}

func (s *Server) apiTask(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	t, _, err := s.visibleTask(r.Context(), rq, id)
	if err != nil {
		return err
	}
	body := taskBody{Task: t}
	if body.History, err = s.sup.TaskHistory(r.Context(), supActor(rq), t); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, body)
	return nil
}

func (s *Server) apiUpdateTask(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var body taskEdit
	if err := decode(w, r, &body); err != nil {
		return err
	}
	t, err := s.st.TaskByID(r.Context(), id)
	if err != nil {
		return err
	}
	edit, err := body.apply(t)
	if err != nil {
		return err
	}
	if _, err := s.st.UpdateTask(r.Context(), rq.actor(), edit); err != nil {
		return err
	}
	t, err = s.st.TaskByID(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, taskBody{Task: t})
	return nil
}

func (s *Server) apiUpdateTaskUnit(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var body struct {
		UnitID int64  `json:"unit_id"`
		Role   string `json:"role"`
	}
	if err := decode(w, r, &body); err != nil {
		return err
	}
	if body.UnitID != 0 {
		if _, err := s.st.UnitByID(r.Context(), body.UnitID); err != nil {
			return userError(http.StatusBadRequest, "review.choose_unit")
		}
	}
	if err := s.st.UpdateTaskUnit(r.Context(), rq.actor(), store.TaskUnitEdit{ID: id, UnitID: body.UnitID, Role: body.Role}); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) apiUpdateTarget(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var body struct {
		Indicator  string  `json:"indicator"`
		Value      float64 `json:"value"`
		Unit       string  `json:"unit"`
		Comparator string  `json:"comparator"`
		Year       int     `json:"year"`
	}
	if err := decode(w, r, &body); err != nil {
		return err
	}
	if body.Year != 0 && (body.Year < 1949 || body.Year > 2100) {
		return userError(http.StatusBadRequest, "target.bad_year")
	}
	if err := s.st.UpdateTarget(r.Context(), rq.actor(), store.TargetEdit{ID: id, Indicator: body.Indicator, Value: body.Value,
		Unit: body.Unit, Comparator: body.Comparator, Year: body.Year}); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// apiUnits lists the units, as the units page does; a reporter gets its
// own unit only.
func (s *Server) apiUnits(w http.ResponseWriter, r *http.Request, rq *request) error {
	if rq.is(store.RoleReporter) {
		units := []store.Unit{}
		if u, err := s.st.UnitByID(r.Context(), rq.user.UnitID); err == nil {
			units = append(units, u)
		}
		writeJSON(w, http.StatusOK, map[string]any{"units": units, "next": ""})
		return nil
	}
	f, err := unitFilter(listQuery(r))
	if err != nil {
		return err
	}
	units, err := s.st.UnitList(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"units": units.Rows, "next": units.Next})
	return nil
}

func (s *Server) apiCreateUnit(w http.ResponseWriter, r *http.Request, rq *request) error {
	var body store.Unit
	if err := decode(w, r, &body); err != nil {
		return err
	}
	body.Name = strings.TrimSpace(body.Name)
	if body.Name == "" || len([]rune(body.Name)) > 100 {
		return userError(http.StatusBadRequest, "units.name_required")
	}
	body.ID, body.RegistryID = 0, ""
	var err error
	if body.Kind, err = unitKind(body.Kind); err != nil {
		return err
	}
	id, err := s.st.CreateUnit(r.Context(), rq.actor(), body)
	if errors.Is(err, store.ErrConflict) {
		return userError(http.StatusConflict, "units.exists")
	}
	if err != nil {
		return err
	}
	u, err := s.st.UnitByID(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, u)
	return nil
}

func (s *Server) apiUnitTasks(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if !canSeeUnit(rq, id) {
		return userError(http.StatusForbidden, "error.forbidden")
	}
	f, err := unitTaskFilter(rq, listQuery(r))
	if err != nil {
		return err
	}
	tasks, err := s.st.UnitTaskList(r.Context(), id, f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"tasks": tasks.Rows, "next": tasks.Next})
	return nil
}

// apiPlanTasks lists a page of a plan's tasks in document order, as the
// review page does.
func (s *Server) apiPlanTasks(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := s.visiblePlan(r.Context(), rq, id); err != nil {
		return err
	}
	q := listQuery(r)
	f := store.PlanTaskFilter{Section: q.Get("section"), TaskForce: q.Get("force"), Status: q.Get("status"), Confidence: q.Get("confidence"), After: q.Get("after")}
	if f.UnitID, err = q.id("unit"); err != nil {
		return err
	}
	if f.Limit, err = q.limit(); err != nil {
		return err
	}
	p, err := s.st.PlanTaskList(r.Context(), id, f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"tasks": p.Rows, "total": p.Total, "next": p.Next})
	return nil
}
