package web

import (
	"context"
	"errors"
	"fmt"
	"math"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"luoshi/internal/reporting"
	"luoshi/internal/store"
)

// mPage is the Page of the reporting and monitoring pages, with their
// own style sheet.
type mPage struct {
	Page
	MonitorCSS string
}

func (s *Server) mpage(rq *request, titleKey string) mPage {
	return mPage{Page: s.page(rq, titleKey), MonitorCSS: s.views.urls["monitor.css"]}
}

// reportActor is the caller as the reporting rules see them.
func reportActor(rq *request) reporting.Actor {
	if rq.user == nil {
		return reporting.Actor{}
	}
	return reporting.Actor{UserID: rq.user.ID, Role: reporting.Role(rq.user.Role), UnitID: rq.user.UnitID}
}

// dueRow is one report a unit owes.
type dueRow struct {
	Task    store.UnitTask
	Period  reporting.Period
	Overdue int // days past the due day
	State   reporting.State
}

// PeriodKey and DueDate are for templates.
func (d dueRow) DueDate() string { return d.Period.Due.Format(time.DateOnly) }

// unitDue lists what a unit owes at now: every period due or overdue on
// its open assignments without a submitted or accepted report, oldest
// first, with the state of a draft or a returned report.
func (s *Server) unitDue(ctx context.Context, unitID int64, now time.Time) ([]dueRow, error) {
	tasks, err := s.st.UnitTasks(ctx, unitID, store.UnitTaskFilter{PublishedOnly: true})
	if err != nil {
		return nil, err
	}
	cals, err := s.st.Calendars(ctx)
	if err != nil {
		return nil, err
	}
	states, err := s.st.ReportStates(ctx, 0, unitID)
	if err != nil {
		return nil, err
	}
	type key struct {
		task   int64
		period string
	}
	have := map[key]reporting.State{}
	for _, st := range states {
		have[key{st.TaskID, st.Period}] = st.State
	}
	periods := map[int64][]reporting.Period{}
	closed := map[int64]map[int64]bool{}
	var out []dueRow
	for _, t := range tasks {
		c, ok := cals[t.PlanID]
		if !ok {
			continue
		}
		if closed[t.PlanID] == nil {
			if closed[t.PlanID], err = s.st.ClosedTasks(ctx, t.PlanID); err != nil {
				return nil, err
			}
		}
		if closed[t.PlanID][t.ID] {
			continue
		}
		ps, ok := periods[t.PlanID]
		if !ok {
			rc, err := c.Reporting()
			if err != nil {
				return nil, err
			}
			due, overdue, err := reporting.Due(rc, now)
			if err != nil {
				return nil, err
			}
			ps = append(overdue, due...)
			periods[t.PlanID] = ps
		}
		for _, p := range ps {
			st := have[key{t.ID, p.Key}]
			if st == reporting.Submitted || st == reporting.Accepted {
				continue
			}
			out = append(out, dueRow{Task: t, Period: p, Overdue: p.DaysOverdue(now), State: st})
		}
	}
	slices.SortStableFunc(out, func(a, b dueRow) int { return a.Period.Due.Compare(b.Period.Due) })
	return out, nil
}

type reportsView struct {
	mPage
	Unit    store.Unit
	Due     []dueRow
	Reports []store.Report
}

// reportsPage is a reporter's list of reports due and done; the office
// and viewers get the list of reports received.
func (s *Server) reportsPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	if !rq.is(store.RoleReporter) {
		return s.receivedPage(w, r, rq)
	}
	ctx := r.Context()
	u, err := s.st.UnitByID(ctx, rq.user.UnitID)
	if err != nil {
		return err
	}
	v := &reportsView{mPage: s.mpage(rq, "reports.title"), Unit: u}
	if v.Due, err = s.unitDue(ctx, u.ID, s.now()); err != nil {
		return err
	}
	if v.Reports, err = s.st.UnitReports(ctx, u.ID); err != nil {
		return err
	}
	// Each report due is a notice in the inbox, once.
	if err := s.st.Notify(ctx, dueNotices(rq.user.ID, v.Due)); err != nil {
		return err
	}
	v.Nav, v.Flash = "reports", s.reportFlash(rq, r)
	s.render(w, r, rq, http.StatusOK, "reports", v)
	return nil
}

// reportFlashes are the confirmations of the reporting pages.
var reportFlashes = map[string]bool{
	"draft_saved": true, "submitted": true, "revised": true, "accepted": true, "returned": true,
	"reminded": true, "calendar_saved": true, "thresholds_saved": true, "trajectory_saved": true,
	"value_saved": true, "all_read": true, "email_saved": true,
}

func (s *Server) reportFlash(rq *request, r *http.Request) string {
	if k := r.URL.Query().Get("done"); reportFlashes[k] {
		return s.cat.T(rq.lang, "rflash."+k)
	}
	return s.flash(rq, r)
}

// reportContext is a task, its plan and calendar, and one of its periods.
type reportContext struct {
	Task   store.Task
	Plan   store.Plan
	Period reporting.Period
	// Periods are the calendar's periods up to the current one, newest
	// first, for choosing another.
	Periods []reporting.Period
	// Lead is the task's (first) lead unit.
	Lead int64
}

// reportContextFor loads a task the caller may read and the period named
// in the query (the latest due one when none is named).
func (s *Server) reportContextFor(ctx context.Context, rq *request, taskID int64, period string) (reportContext, error) {
	var rc reportContext
	t, p, err := s.visibleTask(ctx, rq, taskID)
	if err != nil {
		return rc, err
	}
	if p.Status != store.PlanPublished {
		return rc, userError(http.StatusNotFound, "report.no_calendar")
	}
	rc.Task, rc.Plan = t, p
	for _, u := range t.Units {
		if u.Role == "lead" && u.UnitID != 0 {
			rc.Lead = u.UnitID
			break
		}
	}
	c, err := s.st.CalendarFor(ctx, p.ID)
	if errors.Is(err, store.ErrNotFound) {
		return rc, userError(http.StatusNotFound, "report.no_calendar")
	}
	if err != nil {
		return rc, err
	}
	cal, err := c.Reporting()
	if err != nil {
		return rc, err
	}
	from := cal.Start
	if from.IsZero() {
		from = time.Date(p.Year, 1, 1, 0, 0, 0, 0, reporting.Shanghai())
	}
	// Periods up to the end of the current one: a unit may report the
	// running period early.
	all, err := reporting.Periods(cal, from, s.now().AddDate(0, 3, 0))
	if err != nil {
		return rc, err
	}
	now := s.now()
	for i := len(all) - 1; i >= 0; i-- {
		if all[i].Start.After(now) {
			continue
		}
		rc.Periods = append(rc.Periods, all[i])
	}
	if len(rc.Periods) == 0 {
		return rc, userError(http.StatusNotFound, "report.no_period")
	}
	if period == "" {
		if cur, ok, err := store.CurrentPeriod(c, now); err == nil && ok {
			period = cur.Key
		} else {
			period = rc.Periods[0].Key
		}
	}
	for _, p := range rc.Periods {
		if p.Key == period {
			rc.Period = p
			return rc, nil
		}
	}
	return rc, userError(http.StatusNotFound, "report.no_period")
}

// assignedRole is the caller's unit's role on the task, "" when none.
func assignedRole(rq *request, t store.Task) string {
	if !rq.is(store.RoleReporter) {
		return ""
	}
	role := ""
	for _, u := range t.Units {
		if u.UnitID == rq.user.UnitID {
			if u.Role == "lead" {
				return "lead"
			}
			role = u.Role
		}
	}
	return role
}

// valueField is one target's value input on the form.
type valueField struct {
	Target store.Target
	Key    string
	Value  string // as typed or stored
	Shared bool   // the value was reported for this period by another task or unit
}

type reportFormView struct {
	mPage
	Ctx      reportContext
	Role     string // the reporter's role on the task, "" for others
	Current  store.Report
	Exists   bool
	Editable bool
	Versions []store.Report
	// Others are the other units' reports of the period: contributions
	// for the lead unit; every submitted report for the office and viewers.
	Others     []store.Report
	Values     []valueField
	Errors     []string
	Conflict   bool
	Statuses   []reporting.Status
	Confs      []reporting.Confidence
	MaxFileMB  int64
	Reminders  []store.Reminder
	Evidence   []reporting.Evidence
	AsOf       string
	CanDecide  bool
	PeriodKeys []string
}

func (s *Server) reportForm(w http.ResponseWriter, r *http.Request, rq *request) error {
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
	v.Flash = s.reportFlash(rq, r)
	s.render(w, r, rq, http.StatusOK, "report", v)
	return nil
}

func (s *Server) buildReportForm(ctx context.Context, rq *request, rc reportContext) (*reportFormView, error) {
	v := &reportFormView{mPage: s.mpage(rq, "report.title"), Ctx: rc, Role: assignedRole(rq, rc.Task),
		Statuses: reporting.Statuses, Confs: reporting.Confidences, MaxFileMB: s.maxEvidence() >> 20,
		AsOf: rc.Period.Last().Format(time.DateOnly)}
	v.Title = rc.Task.Label + " · " + rc.Period.Key
	v.Nav = "reports"
	actor := reportActor(rq)
	if v.Role != "" {
		unit := rq.user.UnitID
		versions, err := s.st.ReportVersions(ctx, rc.Task.ID, unit, rc.Period.Key)
		if err != nil {
			return nil, err
		}
		v.Versions = versions
		if n := len(versions); n > 0 {
			v.Current, v.Exists = versions[n-1], true
		} else {
			lead := rc.Lead
			if v.Role == "lead" {
				lead = unit
			}
			v.Current = store.Report{Report: reporting.New(rc.Task.ID, rc.Period.Key, unit, lead), PlanID: rc.Plan.ID}
		}
		v.Editable = v.Current.State == reporting.Draft
		if v.Role == "lead" {
			all, err := s.st.TaskReports(ctx, rc.Task.ID)
			if err != nil {
				return nil, err
			}
			for _, o := range all {
				if o.Period == rc.Period.Key && o.UnitID != unit && reporting.CanRead(o.Report, actor) {
					v.Others = append(v.Others, o)
				}
			}
		}
	} else {
		all, err := s.st.TaskReports(ctx, rc.Task.ID)
		if err != nil {
			return nil, err
		}
		for _, o := range all {
			if o.Period == rc.Period.Key && reporting.CanRead(o.Report, actor) {
				v.Others = append(v.Others, o)
			}
		}
		v.CanDecide = rq.is(store.RoleOffice)
	}
	// Each target's value: this report's, else the series' value for the
	// period, so that a value is entered once.
	have := map[string]float64{}
	for _, val := range v.Current.Content.Values {
		have[val.Indicator] = val.Value
	}
	last := rc.Period.Last()
	for _, g := range rc.Task.Targets {
		if g.Indicator == "" {
			continue
		}
		f := valueField{Target: g, Key: store.TargetKey(g, rc.Plan.Region).String()}
		if x, ok := have[f.Key]; ok {
			f.Value = strconv.FormatFloat(x, 'f', -1, 64)
		} else if x, err := s.st.SeriesValueByKey(ctx, f.Key, last); err == nil {
			f.Value, f.Shared = strconv.FormatFloat(x, 'f', -1, 64), true
		}
		v.Values = append(v.Values, f)
	}
	var err error
	if v.Reminders, err = s.st.Reminders(ctx, store.ReminderFilter{TaskID: rc.Task.ID, Limit: 20}); err != nil {
		return nil, err
	}
	if rq.is(store.RoleReporter) {
		own := v.Reminders[:0]
		for _, m := range v.Reminders {
			if m.UnitID == rq.user.UnitID {
				own = append(own, m)
			}
		}
		v.Reminders = own
	}
	return v, nil
}

func (s *Server) maxEvidence() int64 {
	if s.cfg.MaxUpload > 0 && s.cfg.MaxUpload < reporting.DefaultMaxFileSize {
		return s.cfg.MaxUpload
	}
	return reporting.DefaultMaxFileSize
}

func (s *Server) evidenceDir() string { return filepath.Join(s.cfg.DataDir, "evidence") }

// upload is an evidence file checked but not yet written.
type upload struct {
	ev   reporting.Evidence
	file multipart.File
}

// readContent reads a report's content from a form; evidence files are
// checked and returned to be written once the change is allowed.
func (s *Server) readContent(r *http.Request, base reporting.Content) (reporting.Content, []upload, []string) {
	var errs []string
	c := reporting.Content{
		Status:     reporting.Status(r.PostFormValue("status")),
		Confidence: reporting.Confidence(r.PostFormValue("confidence")),
		Done:       strings.TrimSpace(r.PostFormValue("done")),
		Problems:   strings.TrimSpace(r.PostFormValue("problems")),
		NextSteps:  strings.TrimSpace(r.PostFormValue("next_steps")),
	}
	if p := strings.TrimSpace(r.PostFormValue("progress")); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil {
			errs = append(errs, "progress:out_of_range")
			n = -1
		}
		c.Progress = n
	}
	keys := r.PostForm["key"]
	vals := r.PostForm["value"]
	for i, k := range keys {
		if i >= len(vals) || strings.TrimSpace(vals[i]) == "" {
			continue
		}
		x, err := strconv.ParseFloat(strings.TrimSpace(vals[i]), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			errs = append(errs, "values:not_finite")
			continue
		}
		c.Values = append(c.Values, reporting.Value{Indicator: k, Value: x})
	}
	// Files kept from the stored draft, unless the reporter removed them.
	removed := map[string]bool{}
	for _, n := range r.PostForm["remove_evidence"] {
		removed[n] = true
	}
	for _, e := range base.Evidence {
		if !removed[e.StoredName] {
			c.Evidence = append(c.Evidence, e)
		}
	}
	ups, ferrs := s.checkUploads(r)
	errs = append(errs, ferrs...)
	for _, u := range ups {
		c.Evidence = append(c.Evidence, u.ev)
	}
	return c, ups, errs
}

// checkUploads checks the evidence files of a multipart request; the
// files that pass stay open for writeUploads.
func (s *Server) checkUploads(r *http.Request) ([]upload, []string) {
	var ups []upload
	var errs []string
	if r.MultipartForm != nil {
		for _, fh := range r.MultipartForm.File["evidence"] {
			f, err := fh.Open()
			if err != nil {
				errs = append(errs, "evidence:unreadable")
				continue
			}
			ev, err := reporting.CheckEvidence(fh.Filename, f, fh.Size, s.maxEvidence())
			if err != nil {
				f.Close()
				switch {
				case errors.Is(err, reporting.ErrFileTooLarge):
					errs = append(errs, "evidence:too_large")
				case errors.Is(err, reporting.ErrFileEmpty):
					errs = append(errs, "evidence:empty")
				default:
					errs = append(errs, "evidence:type")
				}
				continue
			}
			ups = append(ups, upload{ev: ev, file: f})
		}
	}
	return ups, errs
}

// writeUploads stores checked files under their random names.
func (s *Server) writeUploads(ups []upload) error {
	if len(ups) == 0 {
		return nil
	}
	dir := s.evidenceDir()
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	for _, u := range ups {
		f, err := os.OpenFile(filepath.Join(dir, u.ev.StoredName), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
		if err != nil {
			return err
		}
		if _, err := u.file.Seek(0, 0); err != nil {
			f.Close()
			return err
		}
		buf := make([]byte, 64<<10)
		for {
			n, rerr := u.file.Read(buf)
			if n > 0 {
				if _, err := f.Write(buf[:n]); err != nil {
					f.Close()
					return err
				}
			}
			if rerr != nil {
				break
			}
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	return nil
}

// parseEvidenceForm caps a request at what its evidence files may take
// and parses it as a multipart form; the report page and the API share it.
func (s *Server) parseEvidenceForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, s.maxEvidence()*int64(reporting.MaxEvidenceFiles)+1<<20)
	return r.ParseMultipartForm(8 << 20)
}

// saveReport handles the reporter's form: save a draft, submit it, or
// start a revision of a returned report.
func (s *Server) saveReport(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.parseEvidenceForm(w, r); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		return err
	}
	defer func() {
		if r.MultipartForm != nil {
			r.MultipartForm.RemoveAll()
		}
	}()
	ctx := r.Context()
	period := r.PostFormValue("period")
	rc, err := s.reportContextFor(ctx, rq, id, period)
	if err != nil {
		return err
	}
	role := assignedRole(rq, rc.Task)
	if role == "" {
		return userError(http.StatusForbidden, "error.forbidden")
	}
	action := reporting.ActionKind(r.PostFormValue("action"))
	if action != reporting.Save && action != reporting.Submit && action != reporting.Revise {
		return userError(http.StatusBadRequest, "error.invalid")
	}
	basedOn, _ := strconv.Atoi(r.PostFormValue("rev"))
	unit := rq.user.UnitID
	before, err := s.st.LatestReport(ctx, rc.Task.ID, unit, rc.Period.Key)
	if errors.Is(err, store.ErrNotFound) {
		lead := rc.Lead
		if role == "lead" {
			lead = unit
		}
		before, err = store.Report{Report: reporting.New(rc.Task.ID, rc.Period.Key, unit, lead)}, nil
	}
	if err != nil {
		return err
	}
	act := reporting.Action{Kind: action, BasedOn: basedOn, At: s.now()}
	var ups []upload
	var formErrs []string
	var content reporting.Content
	if action != reporting.Revise {
		content, ups, formErrs = s.readContent(r, before.Content)
		defer func() {
			for _, u := range ups {
				u.file.Close()
			}
		}()
		act.Content = &content
	}
	fail := func(status int, conflict bool, msgs []string) error {
		v, err := s.buildReportForm(ctx, rq, rc)
		if err != nil {
			return err
		}
		// What the reporter typed comes back to the form; nothing is lost.
		if act.Content != nil {
			v.Current.Content = *act.Content
			v.Current.Content.Evidence = slices.DeleteFunc(slices.Clone(v.Current.Content.Evidence), func(e reporting.Evidence) bool {
				return slices.ContainsFunc(ups, func(u upload) bool { return u.ev.StoredName == e.StoredName })
			})
			typed := map[string]string{}
			keys, vals := r.PostForm["key"], r.PostForm["value"]
			for i := range keys {
				if i < len(vals) {
					typed[keys[i]] = vals[i]
				}
			}
			for i := range v.Values {
				if x, ok := typed[v.Values[i].Key]; ok {
					v.Values[i].Value, v.Values[i].Shared = x, false
				}
			}
			v.Editable = true
		}
		v.Conflict = conflict
		for _, m := range msgs {
			v.Errors = append(v.Errors, s.fieldMessage(rq, m))
		}
		s.render(w, r, rq, status, "report", v)
		return nil
	}
	if len(formErrs) > 0 {
		return fail(http.StatusBadRequest, false, formErrs)
	}
	after, err := reporting.Transition(before.Report, act, reportActor(rq))
	if err != nil {
		var ce reporting.ContentError
		switch {
		case errors.As(err, &ce):
			var msgs []string
			for _, f := range ce {
				msgs = append(msgs, f.Field+":"+f.Key)
			}
			return fail(http.StatusBadRequest, false, msgs)
		case errors.Is(err, reporting.ErrStale):
			return fail(http.StatusConflict, true, nil)
		case errors.Is(err, reporting.ErrEvidenceRequired):
			return fail(http.StatusBadRequest, false, []string{"evidence:required"})
		case errors.Is(err, reporting.ErrInvalidTransition):
			return fail(http.StatusConflict, true, nil)
		}
		return reportError(err)
	}
	if err := s.writeUploads(ups); err != nil {
		return err
	}
	_, err = s.st.WriteReport(ctx, rq.actor(), store.ReportWrite{Before: before, After: after, Action: action, PlanID: rc.Plan.ID,
		AsOf: rc.Period.Last(), Region: rc.Plan.Region})
	if errors.Is(err, store.ErrConflict) {
		return fail(http.StatusConflict, true, nil)
	}
	if err != nil {
		return err
	}
	done := map[reporting.ActionKind]string{reporting.Save: "draft_saved", reporting.Submit: "submitted", reporting.Revise: "revised"}[action]
	http.Redirect(w, r, fmt.Sprintf("/tasks/%d/report?period=%s&done=%s", rc.Task.ID, url.QueryEscape(rc.Period.Key), done), http.StatusSeeOther)
	return nil
}

// fieldMessage translates "field:key" from the content checks.
func (s *Server) fieldMessage(rq *request, m string) string {
	field, key, _ := strings.Cut(m, ":")
	if i := strings.IndexAny(field, "[."); i >= 0 {
		field = field[:i]
	}
	return s.cat.T(rq.lang, "report.field."+field) + "：" + s.cat.T(rq.lang, "report.err."+key)
}

// reportError maps the reporting rules' refusals to statuses.
func reportError(err error) error {
	switch {
	case errors.Is(err, reporting.ErrForbidden):
		return &Error{Status: http.StatusForbidden, Key: "error.forbidden", Err: err}
	case errors.Is(err, reporting.ErrStale), errors.Is(err, reporting.ErrInvalidTransition):
		return &Error{Status: http.StatusConflict, Key: "report.conflict", Err: err}
	case errors.Is(err, reporting.ErrCommentRequired):
		return &Error{Status: http.StatusBadRequest, Key: "report.comment_required", Err: err}
	case errors.Is(err, reporting.ErrEvidenceRequired):
		return &Error{Status: http.StatusBadRequest, Key: "report.evidence_required", Err: err}
	case errors.Is(err, reporting.ErrInvalidContent):
		return &Error{Status: http.StatusBadRequest, Key: "error.invalid", Err: err}
	}
	return err
}

type reportView struct {
	mPage
	Report    store.Report
	Versions  []store.Report
	CanDecide bool
}

// reportPage shows one version of a report to whoever may read it.
func (s *Server) reportPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	rep, err := s.readableReport(r.Context(), rq, id)
	if err != nil {
		return err
	}
	v := &reportView{mPage: s.mpage(rq, "report.title"), Report: rep}
	all, err := s.st.ReportVersions(r.Context(), rep.TaskID, rep.UnitID, rep.Period)
	if err != nil {
		return err
	}
	for _, o := range all {
		if reporting.CanRead(o.Report, reportActor(rq)) {
			v.Versions = append(v.Versions, o)
		}
	}
	v.CanDecide = rq.is(store.RoleOffice) && rep.State == reporting.Submitted
	v.Title = rep.TaskLabel + " · " + rep.Period + " · v" + strconv.Itoa(rep.Version)
	v.Nav, v.Flash = "reports", s.reportFlash(rq, r)
	s.render(w, r, rq, http.StatusOK, "report_version", v)
	return nil
}

// readableReport returns a report the caller may read; others are not
// found, so that drafts do not reveal themselves.
func (s *Server) readableReport(ctx context.Context, rq *request, id int64) (store.Report, error) {
	rep, err := s.st.ReportByID(ctx, id)
	if err != nil {
		return rep, err
	}
	if !reporting.CanRead(rep.Report, reportActor(rq)) {
		return store.Report{}, fmt.Errorf("report %d not readable by %s: %w", id, roleOf(rq), store.ErrNotFound)
	}
	return rep, nil
}

// decide is the office's accept or return of a submitted report.
func (s *Server) decide(ctx context.Context, rq *request, id int64, action reporting.ActionKind, rev int, comment string) (store.Report, error) {
	if action != reporting.Accept && action != reporting.Return {
		return store.Report{}, userError(http.StatusBadRequest, "error.invalid")
	}
	before, err := s.readableReport(ctx, rq, id)
	if err != nil {
		return before, err
	}
	after, err := reporting.Transition(before.Report, reporting.Action{Kind: action, BasedOn: rev, Comment: comment, At: s.now()}, reportActor(rq))
	if err != nil {
		return before, reportError(err)
	}
	out, err := s.st.WriteReport(ctx, rq.actor(), store.ReportWrite{Before: before, After: after, Action: action, PlanID: before.PlanID})
	if errors.Is(err, store.ErrConflict) {
		return out, &Error{Status: http.StatusConflict, Key: "report.conflict", Err: err}
	}
	return out, err
}

func (s *Server) decideReport(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	rev, _ := strconv.Atoi(r.PostFormValue("rev"))
	action := reporting.ActionKind(r.PostFormValue("action"))
	if _, err := s.decide(r.Context(), rq, id, action, rev, r.PostFormValue("comment")); err != nil {
		return err
	}
	done := "accepted"
	if action == reporting.Return {
		done = "returned"
	}
	next := safeNext(r.PostFormValue("next"))
	if next == "/" {
		next = "/supervise"
	}
	sep := "?"
	if strings.Contains(next, "?") {
		sep = "&"
	}
	http.Redirect(w, r, next+sep+"done="+done, http.StatusSeeOther)
	return nil
}

var storedName = regexp.MustCompile(`^[0-9a-f]{32}\.[a-z]{3,4}$`)

// evidenceFile serves an evidence file to whoever may read its report,
// under its random name and its checked type, never the uploader's.
func (s *Server) evidenceFile(w http.ResponseWriter, r *http.Request, rq *request) error {
	name := r.PathValue("name")
	if !storedName.MatchString(name) {
		return userError(http.StatusNotFound, "error.not_found")
	}
	rep, ev, err := s.st.EvidenceReport(r.Context(), name)
	if err != nil {
		return err
	}
	if !reporting.CanRead(rep.Report, reportActor(rq)) {
		return userError(http.StatusNotFound, "error.not_found")
	}
	f, err := os.Open(filepath.Join(s.evidenceDir(), name))
	if err != nil {
		return fmt.Errorf("evidence %s: %w", name, store.ErrNotFound)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", ev.Type)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "private, no-store")
	http.ServeContent(w, r, "", st.ModTime(), f)
	return nil
}

type reportPart struct {
	Page   any
	Report store.Report
}
