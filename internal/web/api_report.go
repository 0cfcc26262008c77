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
	"strings"
	"time"

	"luoshi/internal/indicator"
	"luoshi/internal/reporting"
	"luoshi/internal/store"
	"luoshi/internal/supervision"
)

// The JSON API of reporting, supervision and monitoring. Every handler
// goes through the same store calls, access helpers and
// reporting.Transition as the pages; only the encoding differs.

// apiPeriod is a reporting period with civil dates: its machine key and
// the label people read, in the caller's language.
type apiPeriod struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Start string `json:"start"`
	Last  string `json:"last"` // the period's last day
	Due   string `json:"due"`
}

func (s *Server) periodJSON(lang string, p reporting.Period) apiPeriod {
	return apiPeriod{Key: p.Key, Label: s.periodLabel(lang, p.Key), Start: p.Start.Format(time.DateOnly), Last: p.Last().Format(time.DateOnly), Due: p.Due.Format(time.DateOnly)}
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
	NoProgress bool          `json:"no_progress"` // the last period's status carried forward
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
			Problems: c.Problems, NextSteps: c.NextSteps, Values: []apiValue{}, Evidence: []apiEvidence{}, NoProgress: c.NoProgress}}
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

type reportFailureBody struct {
	Error   apiDetailBody   `json:"error"`
	Draft   json.RawMessage `json:"draft,omitempty"`
	Current *apiReport      `json:"current,omitempty"`
}

// apiReportFail answers a refused change to a report with the refusal's
// status and message from classify, the fields at fault, what the caller
// sent (draft) unchanged, so that nothing typed is lost, and the report
// as it is now stored beside it. Errors that are not a refusal of the
// report's content or state go to fail as usual.
func (s *Server) apiReportFail(w http.ResponseWriter, r *http.Request, rq *request, err error, draft json.RawMessage) error {
	var ref *supervision.Refused
	var ce reporting.ContentError
	refused, content := errors.As(err, &ref), errors.As(err, &ce)
	if !refused && !content {
		return err
	}
	e := classify(err)
	s.log.Debug("report change refused", "path", r.URL.Path, "status", e.Status, "error", err.Error())
	body := reportFailureBody{Error: apiDetailBody{Code: e.Key, Message: s.cat.T(rq.lang, e.Key, e.Args...)}, Draft: draft}
	if refused {
		cur := reportJSON(ref.Current)
		body.Current = &cur
	}
	for _, f := range ce {
		body.Error.Fields = append(body.Error.Fields, apiFieldError{Field: f.Field, Key: f.Key, Message: s.fieldMessage(rq, f.Field+":"+f.Key)})
	}
	writeJSON(w, e.Status, body)
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
			PlanTitle: d.Task.PlanTitle, Role: d.Task.Role, Period: s.periodJSON(rq.lang, d.Period), DaysOverdue: d.Overdue, State: string(d.State)})
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
// (or, for the lead unit, the official value another task already has
// for the period), the period's official value and the last one before.
type apiTarget struct {
	TargetID  int64     `json:"target_id"`
	Indicator string    `json:"indicator"`
	Unit      string    `json:"unit"`
	Key       string    `json:"key"` // the "indicator" of a report's value
	Value     string    `json:"value"`
	Shared    bool      `json:"shared"`   // the official value of the period, reported by another task
	Official  *float64  `json:"official"` // the series' official value of the period, null when none
	Last      *apiPoint `json:"last"`     // the newest official value before the period, null when none
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
	// LastReport is the unit's last report on the task before the
	// period; CopiedFrom is its period when report's content was copied
	// from it (?copy=last).
	LastReport *apiReport `json:"last_report"`
	CopiedFrom string     `json:"copied_from,omitempty"`
}

// apiTaskReport is the report form's data, from the same
// supervision.Form as the page.
func (s *Server) apiTaskReport(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f, err := s.sup.Form(r.Context(), supActor(rq), supervision.FormInput{TaskID: id, Period: q.Get("period"), CopyLast: q.Get("copy") == "last"})
	if err != nil {
		return err
	}
	out := taskReportBody{Task: f.Task, Period: s.periodJSON(rq.lang, f.Period), Role: f.Role, Exists: f.Exists, Editable: f.Editable,
		Versions: reportsJSON(f.Versions), Others: reportsJSON(f.Others), Targets: []apiTarget{}, Reminders: nonNil(f.Reminders),
		CopiedFrom: f.CopiedFrom}
	for _, p := range f.Periods {
		out.Periods = append(out.Periods, p.Key)
	}
	if f.Role != "" {
		cur := reportJSON(f.Current)
		out.Report = &cur
	}
	if f.Last != nil {
		last := reportJSON(*f.Last)
		out.LastReport = &last
	}
	for _, v := range f.Values {
		t := apiTarget{TargetID: v.Target.ID, Indicator: v.Target.Indicator, Unit: v.Target.Unit, Key: v.Key, Value: v.Value,
			Shared: v.Shared, Official: v.Official}
		if v.Last != nil {
			t.Last = &apiPoint{Date: v.Last.AsOf, Value: v.Last.Value}
		}
		out.Targets = append(out.Targets, t)
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

// contentEdit changes the fields it names only: an absent (or null)
// field is left as stored, an empty text or list clears it.
type contentEdit struct {
	Status     *string     `json:"status"`
	Progress   *int        `json:"progress"`
	Confidence *string     `json:"confidence"`
	Done       *string     `json:"done"`
	Problems   *string     `json:"problems"`
	NextSteps  *string     `json:"next_steps"`
	Values     *[]apiValue `json:"values"`
	// RemoveEvidence names stored files to drop; the others are kept.
	RemoveEvidence []string `json:"remove_evidence"`
}

func (e contentEdit) patch() reporting.Patch {
	p := reporting.Patch{Progress: e.Progress, Done: e.Done, Problems: e.Problems, NextSteps: e.NextSteps, RemoveEvidence: e.RemoveEvidence}
	if e.Status != nil {
		st := reporting.Status(*e.Status)
		p.Status = &st
	}
	if e.Confidence != nil {
		c := reporting.Confidence(*e.Confidence)
		p.Confidence = &c
	}
	if e.Values != nil {
		vs := make([]reporting.Value, 0, len(*e.Values))
		for _, v := range *e.Values {
			vs = append(vs, reporting.Value{Indicator: v.Indicator, Value: v.Value})
		}
		p.Values = &vs
	}
	return p
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
		c := supervision.Change{TaskID: id, Period: body.Period, Rev: body.Rev, Kind: kind}
		if body.Content != nil {
			p := body.Content.patch()
			c.Patch = &p
		}
		out, err := s.sup.Change(r.Context(), supActor(rq), c)
		if err != nil {
			return s.apiReportFail(w, r, rq, err, raw)
		}
		status := http.StatusOK
		if kind == reporting.Revise {
			status = http.StatusCreated // a new version
		}
		writeJSON(w, status, reportJSON(out))
		return nil
	}
}

// apiNoProgress submits "no progress this period" (本期无新进展): the
// unit's last report's status carried forward.
func (s *Server) apiNoProgress(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var body struct {
		Period string `json:"period"`
		Rev    int    `json:"rev"`
	}
	raw, err := readJSON(w, r, &body)
	if err != nil {
		return err
	}
	out, err := s.sup.NoProgress(r.Context(), supActor(rq), id, body.Period, body.Rev)
	if err != nil {
		return s.apiReportFail(w, r, rq, err, raw)
	}
	writeJSON(w, http.StatusOK, reportJSON(out))
	return nil
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
		return s.apiReportFail(w, r, rq, formFieldsError(errs), nil)
	}
	if len(ups) == 0 {
		return userError(http.StatusBadRequest, "error.invalid")
	}
	p := reporting.Patch{}
	for _, u := range ups {
		p.AddEvidence = append(p.AddEvidence, u.ev)
	}
	if err := s.writeUploads(ups); err != nil {
		return err
	}
	out, err := s.sup.Change(r.Context(), supActor(rq), supervision.Change{TaskID: id, Period: r.PostFormValue("period"), Rev: rev, Kind: reporting.Save, Patch: &p})
	if err != nil {
		s.removeUploads(ups)
		return s.apiReportFail(w, r, rq, err, nil)
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
	rep, versions, err := s.sup.Report(r.Context(), supActor(rq), id)
	if err != nil {
		return err
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

// apiDecide is the office's accept or return, through the same
// supervision.Decide as the page.
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
		out, err := s.sup.Decide(r.Context(), supActor(rq), supervision.Decision{ReportID: id, Kind: action, Rev: body.Rev, Comment: body.Comment})
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, reportJSON(out))
		return nil
	}
}

// apiRemind sends reminders: exactly the items listed, or every missing
// report that matches a filter; it says how many went.
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
			_, cur, ok, err := s.planPeriods(r.Context(), p.ID, s.now())
			if err != nil {
				return err
			}
			if !ok {
				return userError(http.StatusNotFound, "report.no_calendar")
			}
			body.Matching.Period = cur.Key
		}
		sent, err := s.sup.RemindMatching(r.Context(), supActor(rq), *body.Matching, body.Message)
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusCreated, map[string]any{"reminders": nonNil(sent), "sent": len(sent)})
		return nil
	}
	in := supervision.Reminders{Message: body.Message}
	for _, it := range body.Items {
		if it.TaskID <= 0 || it.UnitID <= 0 || strings.TrimSpace(it.Period) == "" {
			return userError(http.StatusBadRequest, "error.invalid")
		}
		in.Items = append(in.Items, supervision.ReminderItem{TaskID: it.TaskID, UnitID: it.UnitID, Period: it.Period})
	}
	sent, err := s.sup.Remind(r.Context(), supActor(rq), in)
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
	ps, cur, ok, err := s.planPeriods(ctx, p.ID, s.now())
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
	page, err := s.st.MissingList(ctx, f)
	if err != nil {
		return err
	}
	missing := make([]missingJSON, 0, len(page.Rows))
	for _, m := range page.Rows {
		missing = append(missing, missingJSON{Missing: m, PeriodLabel: s.periodLabel(rq.lang, m.Period)})
	}
	writeJSON(w, http.StatusOK, map[string]any{"period": s.periodJSON(rq.lang, per), "missing": missing, "total": page.Total, "next": page.Next})
	return nil
}

// missingJSON is a missing report with its period's label.
type missingJSON struct {
	store.Missing
	PeriodLabel string `json:"period_label"`
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
	// BaselineMissing: a rate, share or falling target whose baseline the
	// office has yet to set; expected is then absent.
	BaselineMissing bool                `json:"baseline_missing"`
	Values          []store.SeriesValue `json:"values"` // each with its plausibility flags
	Latest          *apiPoint           `json:"latest,omitempty"`
	Expected        *float64            `json:"expected,omitempty"` // the trajectory's value at the latest value's date
	Projection      *apiProjection      `json:"projection,omitempty"`
	Warnings        []apiWarning        `json:"warnings"`
	Chart           string              `json:"chart"` // URL of the SVG chart
	// Contributions are the cooperating units' values, beside the
	// official values, never among them: those the caller may read.
	Contributions []store.Contribution `json:"contributions"`
}

func (s *Server) indicatorJSON(ctx context.Context, rq *request, id int64) (apiIndicator, error) {
	st, targets, err := s.seriesState(ctx, id)
	if err != nil {
		return apiIndicator{}, err
	}
	out := apiIndicator{Series: st.Series, Values: nonNil(st.Values), Warnings: []apiWarning{}, BaselineMissing: st.BaselineMissing,
		Chart: fmt.Sprintf("/indicators/%d/chart.svg", id)}
	contribs, err := s.sup.SeriesContributions(ctx, supActor(rq), st.Series.Key)
	if err != nil {
		return apiIndicator{}, err
	}
	out.Contributions = nonNil(contribs)
	out.Targets = readableTargets(rq, targets)
	tr := st.Trajectory
	out.Trajectory = apiTrajectory{Comparator: tr.Comparator, Baseline: pointJSON(tr.Baseline), Target: pointJSON(tr.Target),
		Milestones: []apiPoint{}, Rev: st.Rev, Custom: st.Custom}
	for _, m := range tr.Milestones {
		out.Trajectory.Milestones = append(out.Trajectory.Milestones, pointJSON(m))
	}
	if a := st.Assessment; a != nil {
		l, x := pointJSON(a.Latest), a.Expected
		out.Latest = &l
		if !st.BaselineMissing {
			out.Expected = &x
		}
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
