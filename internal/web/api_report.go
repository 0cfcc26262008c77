package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"slices"
	"strings"
	"time"

	"luoshi/internal/indicator"
	"luoshi/internal/reporting"
	"luoshi/internal/store"
)

// The JSON API of reporting, supervision and monitoring. Every handler
// goes through the same store calls, access helpers and
// reporting.Transition as the pages; only the encoding differs.

// apiPeriod is a reporting period with civil dates.
type apiPeriod struct {
	Key   string `json:"key"`
	Start string `json:"start"`
	Last  string `json:"last"` // the period's last day
	Due   string `json:"due"`
}

func periodJSON(p reporting.Period) apiPeriod {
	return apiPeriod{Key: p.Key, Start: p.Start.Format(time.DateOnly), Last: p.Last().Format(time.DateOnly), Due: p.Due.Format(time.DateOnly)}
}

type apiValue struct {
	Indicator string  `json:"indicator"`
	Value     float64 `json:"value"`
}

type apiEvidence struct {
	StoredName  string `json:"stored_name"`
	DisplayName string `json:"display_name"`
	Type        string `json:"type"`
	Size        int64  `json:"size"`
	URL         string `json:"url"`
}

type apiContent struct {
	Status     string        `json:"status"`
	Progress   int           `json:"progress"`
	Confidence string        `json:"confidence"`
	Done       string        `json:"done"`
	Problems   string        `json:"problems"`
	NextSteps  string        `json:"next_steps"`
	Values     []apiValue    `json:"values"`
	Evidence   []apiEvidence `json:"evidence"`
}

// apiReport is one version of a report.
type apiReport struct {
	ID          int64      `json:"id"` // 0 for a draft not yet saved
	PlanID      int64      `json:"plan_id"`
	PlanTitle   string     `json:"plan_title,omitempty"`
	TaskID      int64      `json:"task_id"`
	TaskLabel   string     `json:"task_label,omitempty"`
	Period      string     `json:"period"`
	UnitID      int64      `json:"unit_id"`
	UnitName    string     `json:"unit_name,omitempty"`
	LeadUnitID  int64      `json:"lead_unit_id"`
	Kind        string     `json:"kind"`
	Version     int        `json:"version"`
	Rev         int        `json:"rev"`
	State       string     `json:"state"`
	Closing     string     `json:"closing"`
	Content     apiContent `json:"content"`
	SubmittedBy int64      `json:"submitted_by,omitempty"`
	SubmittedAt *time.Time `json:"submitted_at,omitempty"`
	DecidedBy   int64      `json:"decided_by,omitempty"`
	DecidedAt   *time.Time `json:"decided_at,omitempty"`
	Comment     string     `json:"comment"`
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func reportJSON(r store.Report) apiReport {
	c := r.Content
	out := apiReport{ID: r.ID, PlanID: r.PlanID, PlanTitle: r.PlanTitle, TaskID: r.TaskID, TaskLabel: r.TaskLabel, Period: r.Period,
		UnitID: r.UnitID, UnitName: r.UnitName, LeadUnitID: r.LeadUnitID, Kind: string(r.Kind()), Version: r.Version, Rev: r.Rev,
		State: string(r.State), Closing: string(r.Closing), SubmittedBy: r.SubmittedBy, SubmittedAt: timePtr(r.SubmittedAt),
		DecidedBy: r.DecidedBy, DecidedAt: timePtr(r.DecidedAt), Comment: r.Comment,
		Content: apiContent{Status: string(c.Status), Progress: c.Progress, Confidence: string(c.Confidence), Done: c.Done,
			Problems: c.Problems, NextSteps: c.NextSteps, Values: []apiValue{}, Evidence: []apiEvidence{}}}
	for _, v := range c.Values {
		out.Content.Values = append(out.Content.Values, apiValue{Indicator: v.Indicator, Value: v.Value})
	}
	for _, e := range c.Evidence {
		out.Content.Evidence = append(out.Content.Evidence, apiEvidence{StoredName: e.StoredName, DisplayName: e.DisplayName,
			Type: e.Type, Size: e.Size, URL: "/evidence/" + e.StoredName})
	}
	return out
}

func reportsJSON(rs []store.Report) []apiReport {
	out := make([]apiReport, 0, len(rs))
	for _, r := range rs {
		out = append(out, reportJSON(r))
	}
	return out
}

// apiFieldError is one problem with one field of a report.
type apiFieldError struct {
	Field   string `json:"field"`
	Key     string `json:"key"`
	Message string `json:"message"`
}

type apiDetailBody struct {
	Code    string          `json:"code"`
	Message string          `json:"message"`
	Fields  []apiFieldError `json:"fields,omitempty"`
}

// reportFailure is a refused change to a report. What the caller sent
// comes back unchanged in Draft, so that nothing typed is lost, with the
// report as it is now stored beside it.
type reportFailure struct {
	Status  int
	Key     string
	Fields  []string // "field:key", as the content checks give them
	Draft   json.RawMessage
	Current *apiReport
	Err     error
}

func (e *reportFailure) Error() string { return fmt.Sprintf("%s: %v", e.Key, e.Err) }
func (e *reportFailure) Unwrap() error { return e.Err }

type reportFailureBody struct {
	Error   apiDetailBody   `json:"error"`
	Draft   json.RawMessage `json:"draft,omitempty"`
	Current *apiReport      `json:"current,omitempty"`
}

// apiReportFail answers a request whose report change was refused; other
// errors go to fail as usual.
func (s *Server) apiReportFail(w http.ResponseWriter, r *http.Request, rq *request, err error) error {
	var rf *reportFailure
	if !errors.As(err, &rf) {
		return err
	}
	s.log.Debug("report change refused", "path", r.URL.Path, "status", rf.Status, "error", err.Error())
	body := reportFailureBody{Error: apiDetailBody{Code: rf.Key, Message: s.cat.T(rq.lang, rf.Key)}, Draft: rf.Draft, Current: rf.Current}
	for _, f := range rf.Fields {
		field, key, _ := strings.Cut(f, ":")
		body.Error.Fields = append(body.Error.Fields, apiFieldError{Field: field, Key: key, Message: s.fieldMessage(rq, f)})
	}
	writeJSON(w, rf.Status, body)
	return nil
}

// readJSON reads a JSON body of at most 1 MB into v and returns it as
// sent, to be echoed back when the change is refused.
func readJSON(w http.ResponseWriter, r *http.Request, v any) (json.RawMessage, error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "application/json" {
		return nil, userError(http.StatusUnsupportedMediaType, "error.invalid")
	}
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return nil, &Error{Status: http.StatusBadRequest, Key: "error.invalid", Err: err}
	}
	return json.RawMessage(raw), nil
}

// dueJSON is one report a unit owes.
type dueJSON struct {
	TaskID      int64     `json:"task_id"`
	TaskLabel   string    `json:"task_label"`
	TaskText    string    `json:"task_text"`
	PlanID      int64     `json:"plan_id"`
	PlanTitle   string    `json:"plan_title"`
	Role        string    `json:"role"`
	Period      apiPeriod `json:"period"`
	DaysOverdue int       `json:"days_overdue"`
	State       string    `json:"state"` // of a draft or returned report, "" when none
}

// apiMyReports is a reporter's list: reports due and overdue, and the
// reports written, as on the reports page.
func (s *Server) apiMyReports(w http.ResponseWriter, r *http.Request, rq *request) error {
	if !rq.is(store.RoleReporter) {
		return userError(http.StatusForbidden, "error.forbidden")
	}
	ctx := r.Context()
	u, err := s.st.UnitByID(ctx, rq.user.UnitID)
	if err != nil {
		return err
	}
	due, err := s.unitDue(ctx, u.ID, s.now())
	if err != nil {
		return err
	}
	reports, err := s.st.UnitReports(ctx, u.ID)
	if err != nil {
		return err
	}
	out := struct {
		Unit    store.Unit  `json:"unit"`
		Due     []dueJSON   `json:"due"`
		Reports []apiReport `json:"reports"`
	}{Unit: u, Due: []dueJSON{}}
	for _, d := range due {
		out.Due = append(out.Due, dueJSON{TaskID: d.Task.ID, TaskLabel: d.Task.Label, TaskText: d.Task.Text, PlanID: d.Task.PlanID,
			PlanTitle: d.Task.PlanTitle, Role: d.Task.Role, Period: periodJSON(d.Period), DaysOverdue: d.Overdue, State: string(d.State)})
	}
	var readable []store.Report
	for _, rep := range reports {
		if reporting.CanRead(rep.Report, reportActor(rq)) {
			readable = append(readable, rep)
		}
	}
	out.Reports = reportsJSON(readable)
	writeJSON(w, http.StatusOK, out)
	return nil
}

// apiTarget is one of the task's targets with the value a report holds
// or the series already has for the period.
type apiTarget struct {
	TargetID  int64  `json:"target_id"`
	Indicator string `json:"indicator"`
	Unit      string `json:"unit"`
	Key       string `json:"key"` // the "indicator" of a report's value
	Value     string `json:"value"`
	Shared    bool   `json:"shared"` // reported for this period by another task or unit
}

type taskReportBody struct {
	Task      store.Task       `json:"task"`
	Period    apiPeriod        `json:"period"`
	Periods   []string         `json:"periods"`
	Role      string           `json:"role"` // the caller's unit's role on the task, "" for others
	Report    *apiReport       `json:"report"`
	Exists    bool             `json:"exists"`
	Editable  bool             `json:"editable"`
	Versions  []apiReport      `json:"versions"`
	Others    []apiReport      `json:"others"`
	Targets   []apiTarget      `json:"targets"`
	Reminders []store.Reminder `json:"reminders"`
}

// apiTaskReport is the report form's data: the caller's unit's report
// of the period (a fresh draft when none is stored), its versions, the
// contributions the lead unit sees, or every submitted report for the
// office and viewers.
func (s *Server) apiTaskReport(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	rc, err := s.reportContextFor(r.Context(), rq, id, r.URL.Query().Get("period"))
	if err != nil {
		return err
	}
	v, err := s.buildReportForm(r.Context(), rq, rc)
	if err != nil {
		return err
	}
	out := taskReportBody{Task: rc.Task, Period: periodJSON(rc.Period), Role: v.Role, Exists: v.Exists, Editable: v.Editable,
		Versions: reportsJSON(v.Versions), Others: reportsJSON(v.Others), Targets: []apiTarget{}, Reminders: nonNil(v.Reminders)}
	for _, p := range rc.Periods {
		out.Periods = append(out.Periods, p.Key)
	}
	if v.Role != "" {
		cur := reportJSON(v.Current)
		out.Report = &cur
	}
	for _, f := range v.Values {
		out.Targets = append(out.Targets, apiTarget{TargetID: f.Target.ID, Indicator: f.Target.Indicator, Unit: f.Target.Unit,
			Key: f.Key, Value: f.Value, Shared: f.Shared})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// reportChange is the body of a save, submit or revise.
type reportChange struct {
	Period  string       `json:"period"`
	Rev     int          `json:"rev"`
	Content *contentEdit `json:"content"`
}

type contentEdit struct {
	Status     string     `json:"status"`
	Progress   int        `json:"progress"`
	Confidence string     `json:"confidence"`
	Done       string     `json:"done"`
	Problems   string     `json:"problems"`
	NextSteps  string     `json:"next_steps"`
	Values     []apiValue `json:"values"`
	// RemoveEvidence names stored files to drop; the others are kept.
	RemoveEvidence []string `json:"remove_evidence"`
}

// apply is the content as edited over base, whose evidence is kept
// unless removed.
func (e contentEdit) apply(base reporting.Content) reporting.Content {
	c := reporting.Content{Status: reporting.Status(e.Status), Progress: e.Progress, Confidence: reporting.Confidence(e.Confidence),
		Done: strings.TrimSpace(e.Done), Problems: strings.TrimSpace(e.Problems), NextSteps: strings.TrimSpace(e.NextSteps)}
	for _, v := range e.Values {
		c.Values = append(c.Values, reporting.Value{Indicator: v.Indicator, Value: v.Value})
	}
	for _, ev := range base.Evidence {
		if !slices.Contains(e.RemoveEvidence, ev.StoredName) {
			c.Evidence = append(c.Evidence, ev)
		}
	}
	return c
}

// reportEdit is one change of the caller's unit's report on a task.
type reportEdit struct {
	taskID int64
	period string
	rev    int
	kind   reporting.ActionKind
	// content gives the new content from the stored one; nil for none.
	content func(base reporting.Content) reporting.Content
	ups     []upload
	draft   json.RawMessage // what was sent, echoed on refusal
}

// changeReport applies a reporter's change with the page's checks: the
// task must be readable and assigned to the caller's unit, then
// reporting.Transition decides, then the store guards the revision.
func (s *Server) changeReport(ctx context.Context, rq *request, e reportEdit) (store.Report, error) {
	rc, err := s.reportContextFor(ctx, rq, e.taskID, e.period)
	if err != nil {
		return store.Report{}, err
	}
	role := assignedRole(rq, rc.Task)
	if role == "" {
		return store.Report{}, userError(http.StatusForbidden, "error.forbidden")
	}
	unit := rq.user.UnitID
	before, err := s.st.LatestReport(ctx, rc.Task.ID, unit, rc.Period.Key)
	if errors.Is(err, store.ErrNotFound) {
		lead := rc.Lead
		if role == "lead" {
			lead = unit
		}
		before, err = store.Report{Report: reporting.New(rc.Task.ID, rc.Period.Key, unit, lead), PlanID: rc.Plan.ID}, nil
	}
	if err != nil {
		return store.Report{}, err
	}
	refuse := func(status int, key string, fields []string, cause error) error {
		cur := reportJSON(before)
		if latest, err := s.st.LatestReport(ctx, rc.Task.ID, unit, rc.Period.Key); err == nil {
			cur = reportJSON(latest)
		}
		return &reportFailure{Status: status, Key: key, Fields: fields, Draft: e.draft, Current: &cur, Err: cause}
	}
	act := reporting.Action{Kind: e.kind, BasedOn: e.rev, At: s.now()}
	if e.content != nil {
		c := e.content(before.Content)
		act.Content = &c
	}
	after, err := reporting.Transition(before.Report, act, reportActor(rq))
	if err != nil {
		var ce reporting.ContentError
		switch {
		case errors.As(err, &ce):
			var fields []string
			for _, f := range ce {
				fields = append(fields, f.Field+":"+f.Key)
			}
			return store.Report{}, refuse(http.StatusUnprocessableEntity, "error.invalid", fields, err)
		case errors.Is(err, reporting.ErrStale), errors.Is(err, reporting.ErrInvalidTransition):
			return store.Report{}, refuse(http.StatusConflict, "report.conflict", nil, err)
		case errors.Is(err, reporting.ErrEvidenceRequired):
			return store.Report{}, refuse(http.StatusUnprocessableEntity, "report.evidence_required", nil, err)
		}
		return store.Report{}, reportError(err)
	}
	if err := s.writeUploads(e.ups); err != nil {
		return store.Report{}, err
	}
	out, err := s.st.WriteReport(ctx, rq.actor(), store.ReportWrite{Before: before, After: after, Action: e.kind, PlanID: rc.Plan.ID,
		AsOf: rc.Period.Last(), Region: rc.Plan.Region})
	if errors.Is(err, store.ErrConflict) {
		return store.Report{}, refuse(http.StatusConflict, "report.conflict", nil, err)
	}
	return out, err
}

// apiReportAction handles the JSON save, submit and revise of the
// caller's unit's report on a task.
func (s *Server) apiReportAction(kind reporting.ActionKind) handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) error {
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		var body reportChange
		raw, err := readJSON(w, r, &body)
		if err != nil {
			return err
		}
		e := reportEdit{taskID: id, period: body.Period, rev: body.Rev, kind: kind, draft: raw}
		switch {
		case kind == reporting.Save && body.Content == nil:
			return userError(http.StatusBadRequest, "error.invalid")
		case kind == reporting.Revise && body.Content != nil:
			return userError(http.StatusBadRequest, "error.invalid")
		case body.Content != nil:
			e.content = body.Content.apply
		}
		out, err := s.changeReport(r.Context(), rq, e)
		if err != nil {
			return s.apiReportFail(w, r, rq, err)
		}
		status := http.StatusOK
		if kind == reporting.Revise {
			status = http.StatusCreated // a new version
		}
		writeJSON(w, status, reportJSON(out))
		return nil
	}
}

// apiUploadEvidence adds evidence files to the caller's unit's draft: a
// multipart form with "period", "rev" and one or more "evidence" files,
// checked as the report form checks them.
func (s *Server) apiUploadEvidence(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.parseEvidenceForm(w, r); err != nil {
		if errors.Is(err, http.ErrNotMultipart) {
			return userError(http.StatusUnsupportedMediaType, "error.invalid")
		}
		return err
	}
	defer r.MultipartForm.RemoveAll()
	var rev int
	if _, err := fmt.Sscan(r.PostFormValue("rev"), &rev); err != nil {
		return userError(http.StatusBadRequest, "error.invalid")
	}
	ups, errs := s.checkUploads(r)
	defer func() {
		for _, u := range ups {
			u.file.Close()
		}
	}()
	if len(errs) > 0 {
		return s.apiReportFail(w, r, rq, &reportFailure{Status: http.StatusUnprocessableEntity, Key: "error.invalid", Fields: errs,
			Err: errors.New("evidence refused")})
	}
	if len(ups) == 0 {
		return userError(http.StatusBadRequest, "error.invalid")
	}
	e := reportEdit{taskID: id, period: r.PostFormValue("period"), rev: rev, kind: reporting.Save, ups: ups,
		content: func(base reporting.Content) reporting.Content {
			c := base
			c.Values = slices.Clone(base.Values)
			c.Evidence = slices.Clone(base.Evidence)
			for _, u := range ups {
				c.Evidence = append(c.Evidence, u.ev)
			}
			return c
		}}
	out, err := s.changeReport(r.Context(), rq, e)
	if err != nil {
		return s.apiReportFail(w, r, rq, err)
	}
	writeJSON(w, http.StatusOK, reportJSON(out))
	return nil
}

// apiReport returns one version of a report with the versions the caller
// may read.
func (s *Server) apiReport(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	rep, err := s.readableReport(r.Context(), rq, id)
	if err != nil {
		return err
	}
	all, err := s.st.ReportVersions(r.Context(), rep.TaskID, rep.UnitID, rep.Period)
	if err != nil {
		return err
	}
	var versions []store.Report
	for _, o := range all {
		if reporting.CanRead(o.Report, reportActor(rq)) {
			versions = append(versions, o)
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"report": reportJSON(rep), "versions": reportsJSON(versions)})
	return nil
}

// apiReviewQueue lists the submitted reports waiting for the office,
// oldest first: the received reports in the state submitted.
func (s *Server) apiReviewQueue(w http.ResponseWriter, r *http.Request, rq *request) error {
	f, err := reportFilter(listQuery(r))
	if err != nil {
		return err
	}
	f.State = "submitted"
	if f.Sort == "" {
		f.Sort = "oldest"
	}
	p, err := s.st.ReportList(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"reports": reportsJSON(p.Rows), "next": p.Next})
	return nil
}

// apiDecide is the office's accept or return, through decide as on the
// pages; a return without a comment is 422.
func (s *Server) apiDecide(action reporting.ActionKind) handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) error {
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		var body struct {
			Rev     int    `json:"rev"`
			Comment string `json:"comment"`
		}
		if err := decode(w, r, &body); err != nil {
			return err
		}
		out, err := s.decide(r.Context(), rq, id, action, body.Rev, body.Comment)
		if errors.Is(err, reporting.ErrCommentRequired) {
			return &Error{Status: http.StatusUnprocessableEntity, Key: "report.comment_required", Err: err}
		}
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, reportJSON(out))
		return nil
	}
}

// apiRemind sends reminders, the items listed or every missing report
// that matches a filter, through the page's remind.
func (s *Server) apiRemind(w http.ResponseWriter, r *http.Request, rq *request) error {
	var body struct {
		Message string `json:"message"`
		Items   []struct {
			TaskID int64  `json:"task_id"`
			UnitID int64  `json:"unit_id"`
			Period string `json:"period"`
		} `json:"items"`
		Matching *store.MissingFilter `json:"matching"`
	}
	if err := decode(w, r, &body); err != nil {
		return err
	}
	if body.Matching != nil {
		if len(body.Items) > 0 {
			return userError(http.StatusBadRequest, "error.invalid")
		}
		p, err := s.visiblePlan(r.Context(), rq, body.Matching.PlanID)
		if err != nil {
			return err
		}
		if body.Matching.Period == "" { // the current one
			_, cur, ok, err := s.planPeriods(r.Context(), p.ID, p.Year, s.now())
			if err != nil {
				return err
			}
			if !ok {
				return userError(http.StatusNotFound, "report.no_calendar")
			}
			body.Matching.Period = cur.Key
		}
		sent, err := s.remindMatching(r.Context(), rq, *body.Matching, body.Message)
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusCreated, map[string]any{"reminders": nonNil(sent), "sent": len(sent)})
		return nil
	}
	var items []store.Reminder
	for _, it := range body.Items {
		if it.TaskID <= 0 || it.UnitID <= 0 || strings.TrimSpace(it.Period) == "" {
			return userError(http.StatusBadRequest, "error.invalid")
		}
		items = append(items, store.Reminder{TaskID: it.TaskID, UnitID: it.UnitID, Period: it.Period, Message: body.Message})
	}
	sent, err := s.remind(r.Context(), rq, items)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, map[string]any{"reminders": nonNil(sent), "sent": len(sent)})
	return nil
}

// apiReminders lists the reminders sent, newest first.
func (s *Server) apiReminders(w http.ResponseWriter, r *http.Request, rq *request) error {
	q := listQuery(r)
	f := store.ReminderFilter{After: q.Get("after")}
	var err error
	for k, dst := range map[string]*int64{"plan": &f.PlanID, "task": &f.TaskID, "unit": &f.UnitID} {
		if *dst, err = q.id(k); err != nil {
			return err
		}
	}
	if f.Limit, err = q.limit(); err != nil {
		return err
	}
	rs, err := s.st.ReminderList(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"reminders": rs.Rows, "next": rs.Next})
	return nil
}

// apiMissing lists a page of a published plan's lead assignments
// without a submitted report for a period (the current one when none is
// named), with the filters of the supervision page.
func (s *Server) apiMissing(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ctx := r.Context()
	p, err := s.visiblePlan(ctx, rq, id)
	if err != nil {
		return err
	}
	if p.Status != store.PlanPublished {
		return userError(http.StatusNotFound, "report.no_calendar")
	}
	ps, cur, ok, err := s.planPeriods(ctx, p.ID, p.Year, s.now())
	if err != nil {
		return err
	}
	if !ok {
		return userError(http.StatusNotFound, "report.no_calendar")
	}
	q := listQuery(r)
	per, err := periodOf(ps, cur, q.Get("period"))
	if err != nil {
		return err
	}
	f, err := missingFilter(q, p.ID, per.Key)
	if err != nil {
		return err
	}
	missing, err := s.st.MissingList(ctx, f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"period": periodJSON(per), "missing": missing.Rows, "total": missing.Total, "next": missing.Next})
	return nil
}

// apiPoint is a point of an indicator's time axis.
type apiPoint struct {
	Date  string  `json:"date"`
	Value float64 `json:"value"`
}

func pointJSON(p indicator.Point) apiPoint {
	return apiPoint{Date: p.Date.Format(time.DateOnly), Value: p.Value}
}

type apiTrajectory struct {
	Comparator string     `json:"comparator"`
	Baseline   apiPoint   `json:"baseline"`
	Target     apiPoint   `json:"target"`
	Milestones []apiPoint `json:"milestones"`
	Rev        int        `json:"rev"`    // 0 while the default trajectory applies
	Custom     bool       `json:"custom"` // the office set it
}

type apiProjection struct {
	Method    string  `json:"method"`
	Used      int     `json:"used"`
	Slope     float64 `json:"slope"` // per month
	Value     float64 `json:"value"` // at the deadline
	Meets     bool    `json:"meets"`
	Gap       float64 `json:"gap"`
	Shortfall float64 `json:"shortfall"`
}

type apiWarning struct {
	Key       string  `json:"key"`
	Message   string  `json:"message"`
	Date      string  `json:"date"`
	Actual    float64 `json:"actual"`
	Expected  float64 `json:"expected"`
	Gap       float64 `json:"gap"`
	Tolerance float64 `json:"tolerance"`
}

type apiIndicator struct {
	Series     store.Series         `json:"series"`
	Targets    []store.SeriesTarget `json:"targets"`
	Trajectory apiTrajectory        `json:"trajectory"`
	Values     []store.SeriesValue  `json:"values"`
	Latest     *apiPoint            `json:"latest,omitempty"`
	Expected   *float64             `json:"expected,omitempty"` // the trajectory's value at the latest value's date
	Projection *apiProjection       `json:"projection,omitempty"`
	Warnings   []apiWarning         `json:"warnings"`
	Chart      string               `json:"chart"` // URL of the SVG chart
}

func (s *Server) indicatorJSON(ctx context.Context, rq *request, id int64) (apiIndicator, error) {
	st, targets, err := s.seriesState(ctx, id)
	if err != nil {
		return apiIndicator{}, err
	}
	out := apiIndicator{Series: st.Series, Targets: []store.SeriesTarget{}, Values: nonNil(st.Values), Warnings: []apiWarning{},
		Chart: fmt.Sprintf("/indicators/%d/chart.svg", id)}
	for _, t := range targets {
		if rq.is(store.RoleOffice) || t.PlanStatus == store.PlanPublished {
			out.Targets = append(out.Targets, t)
		}
	}
	tr := st.Trajectory
	out.Trajectory = apiTrajectory{Comparator: tr.Comparator, Baseline: pointJSON(tr.Baseline), Target: pointJSON(tr.Target),
		Milestones: []apiPoint{}, Rev: st.Rev, Custom: st.Custom}
	for _, m := range tr.Milestones {
		out.Trajectory.Milestones = append(out.Trajectory.Milestones, pointJSON(m))
	}
	if a := st.Assessment; a != nil {
		l, x := pointJSON(a.Latest), a.Expected
		out.Latest, out.Expected = &l, &x
		pr := a.Projection
		out.Projection = &apiProjection{Method: pr.Method, Used: pr.Used, Slope: pr.Slope, Value: pr.Value, Meets: pr.Meets,
			Gap: pr.Gap, Shortfall: pr.Shortfall}
		for _, wn := range a.Warnings {
			out.Warnings = append(out.Warnings, apiWarning{Key: wn.Key, Message: s.warningText(rq.lang, wn), Date: wn.Date.Format(time.DateOnly),
				Actual: wn.Actual, Expected: wn.Expected, Gap: wn.Gap, Tolerance: wn.Tolerance})
		}
	}
	return out, nil
}

// apiIndicator is an indicator series with its trajectory, values,
// projection and warnings.
func (s *Server) apiIndicator(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	out, err := s.indicatorJSON(r.Context(), rq, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// apiAddValue records a value of a series outside a report, as the
// page's value form does.
func (s *Server) apiAddValue(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var body struct {
		AsOf  string   `json:"as_of"`
		Value *float64 `json:"value"`
	}
	if err := decode(w, r, &body); err != nil {
		return err
	}
	d, err := time.Parse(time.DateOnly, strings.TrimSpace(body.AsOf))
	if err != nil || body.Value == nil || math.IsNaN(*body.Value) || math.IsInf(*body.Value, 0) {
		return userError(http.StatusUnprocessableEntity, "value.invalid")
	}
	if err := s.st.PutSeriesValue(r.Context(), rq.actor(), id, d, *body.Value, 0); err != nil {
		return err
	}
	out, err := s.indicatorJSON(r.Context(), rq, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, out)
	return nil
}

// apiSetTrajectory replaces a series' trajectory: the milestones given,
// or ones generated at every year or quarter end ("generate").
func (s *Server) apiSetTrajectory(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var body struct {
		Rev        int        `json:"rev"`
		Comparator string     `json:"comparator"`
		Baseline   apiPoint   `json:"baseline"`
		Target     apiPoint   `json:"target"`
		Milestones []apiPoint `json:"milestones"`
		Generate   string     `json:"generate"`
	}
	if err := decode(w, r, &body); err != nil {
		return err
	}
	ctx := r.Context()
	st, _, err := s.seriesState(ctx, id)
	if err != nil {
		return err
	}
	invalid := func(err error) error {
		return &Error{Status: http.StatusUnprocessableEntity, Key: "trajectory.invalid", Err: err}
	}
	point := func(p apiPoint) (indicator.Point, error) {
		d, err := time.Parse(time.DateOnly, p.Date)
		return indicator.Point{Date: d, Value: p.Value}, err
	}
	tr := indicator.Trajectory{Goal: indicator.Goal{Indicator: st.Trajectory.Indicator, Comparator: body.Comparator}}
	if tr.Baseline, err = point(body.Baseline); err != nil {
		return invalid(err)
	}
	if tr.Target, err = point(body.Target); err != nil {
		return invalid(err)
	}
	switch body.Generate {
	case "year", "quarter":
		if len(body.Milestones) > 0 {
			return userError(http.StatusBadRequest, "error.invalid")
		}
		if tr, err = indicator.NewTrajectory(tr.Goal, indicator.Step(body.Generate)); err != nil {
			return invalid(err)
		}
	case "":
		for _, m := range body.Milestones {
			p, err := point(m)
			if err != nil {
				return invalid(err)
			}
			tr.Milestones = append(tr.Milestones, p)
		}
	default:
		return userError(http.StatusBadRequest, "error.invalid")
	}
	_, err = s.st.SetTrajectory(ctx, rq.actor(), id, tr, body.Rev)
	switch {
	case errors.Is(err, store.ErrConflict):
		return &Error{Status: http.StatusConflict, Key: "error.conflict", Err: err}
	case errors.Is(err, store.ErrInvalid):
		return invalid(err)
	case err != nil:
		return err
	}
	out, err := s.indicatorJSON(ctx, rq, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// apiInbox lists a page of the caller's notices, newest first, with the
// unread count.
func (s *Server) apiInbox(w http.ResponseWriter, r *http.Request, rq *request) error {
	f, err := noticeFilter(listQuery(r))
	if err != nil {
		return err
	}
	ns, err := s.st.InboxList(r.Context(), rq.user.ID, f)
	if err != nil {
		return err
	}
	n, err := s.st.Unread(r.Context(), rq.user.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"notices": ns.Rows, "unread": n, "next": ns.Next})
	return nil
}

// apiMarkRead marks the caller's notices read: {"ids": [...]} or {"all": true}.
func (s *Server) apiMarkRead(w http.ResponseWriter, r *http.Request, rq *request) error {
	var body struct {
		IDs []int64 `json:"ids"`
		All bool    `json:"all"`
	}
	if err := decode(w, r, &body); err != nil {
		return err
	}
	if len(body.IDs) == 0 && !body.All || len(body.IDs) > 0 && body.All {
		return userError(http.StatusBadRequest, "error.invalid")
	}
	if err := s.st.MarkRead(r.Context(), rq.user.ID, body.IDs); err != nil {
		return err
	}
	n, err := s.st.Unread(r.Context(), rq.user.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]int{"unread": n})
	return nil
}

type apiReason struct {
	Rule    string            `json:"rule"`
	Color   string            `json:"color"`
	Params  map[string]string `json:"params"`
	Message string            `json:"message"`
}

type apiLight struct {
	TaskID    int64       `json:"task_id"`
	TaskLabel string      `json:"task_label"`
	TaskText  string      `json:"task_text"`
	Lead      string      `json:"lead"`
	Color     string      `json:"color"`
	Reasons   []apiReason `json:"reasons"`
}

// apiLights is a page of the tasks of a published plan with their
// lights and the rules that set them, filtered and sorted as on the
// dashboard; a reporter gets its own unit's tasks, as on its monitoring
// page.
func (s *Server) apiLights(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ctx := r.Context()
	p, err := s.visiblePlan(ctx, rq, id)
	if err != nil {
		return err
	}
	if p.Status != store.PlanPublished {
		return userError(http.StatusNotFound, "error.not_found")
	}
	f, err := lightFilter(listQuery(r))
	if err != nil {
		return err
	}
	if rq.is(store.RoleReporter) {
		f.UnitID = rq.user.UnitID
	}
	page, err := s.st.LightList(ctx, id, s.now(), f)
	if err != nil {
		return err
	}
	counts := map[string]int{}
	for _, c := range store.LightColors {
		counts[c] = page.Counts[c]
	}
	out := []apiLight{}
	for _, lr := range page.Rows {
		t, l := lr.Task, lr.Light
		row := apiLight{TaskID: t.ID, TaskLabel: t.Label, TaskText: t.Text, Color: string(l.Color), Reasons: []apiReason{}}
		for _, u := range t.Units {
			if u.Role == "lead" && u.UnitID != 0 && row.Lead == "" {
				row.Lead = u.UnitName
			}
		}
		for _, rs := range l.Reasons {
			row.Reasons = append(row.Reasons, apiReason{Rule: rs.Rule, Color: string(rs.Color), Params: rs.Params, Message: s.reasonText(rq.lang, rs)})
		}
		out = append(out, row)
	}
	writeJSON(w, http.StatusOK, map[string]any{"plan_id": id, "counts": counts, "total": page.Total, "lights": out, "next": page.Next})
	return nil
}
