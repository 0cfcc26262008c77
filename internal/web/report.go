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
	"strconv"
	"strings"
	"time"

	"luoshi/internal/reporting"
	"luoshi/internal/schedule"
	"luoshi/internal/store"
	"luoshi/internal/supervision"
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
type dueRow = schedule.Due

// unitDue lists what a unit owes at now (see schedule.UnitDue).
func (s *Server) unitDue(ctx context.Context, unitID int64, now time.Time) ([]dueRow, error) {
	return schedule.UnitDue(ctx, s.st, unitID, now)
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
	q := r.URL.Query()
	if k := q.Get("done"); reportFlashes[k] {
		return s.cat.T(rq.lang, "rflash."+k)
	}
	return s.flash(rq, r)
}

// supActor is the caller as the supervision operations see them.
func supActor(rq *request) supervision.Actor {
	if rq.user == nil {
		return supervision.Actor{}
	}
	return supervision.Actor{UserID: rq.user.ID, Username: rq.user.Username, Role: reporting.Role(rq.user.Role), UnitID: rq.user.UnitID}
}

type reportFormView struct {
	mPage
	Ctx      supervision.Scope
	Role     string // the reporter's role on the task, "" for others
	Current  store.Report
	Exists   bool
	Editable bool
	Versions []store.Report
	// Others are the other units' reports of the period the reader may
	// read: contributions for the lead unit; every submitted report for
	// the office and viewers.
	Others []store.Report
	Values []supervision.ValueField
	// Errors are the refusals not tied to one field; FieldErrors are
	// shown beside their field ("status", "progress", "values", …).
	Errors      []string
	FieldErrors map[string]string
	Conflict    bool
	Statuses    []reporting.Status
	Confs       []reporting.Confidence
	MaxFileMB   int64
	Reminders   []store.Reminder
	AsOf        string
	CanDecide   bool
	Last        *store.Report
	CopiedFrom  string
}

func (s *Server) reportForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f, err := s.sup.Form(r.Context(), supActor(rq), supervision.FormInput{TaskID: id, Period: q.Get("period"), CopyLast: q.Get("copy") == "last"})
	if err != nil {
		return err
	}
	v := s.reportFormView(rq, f)
	v.Flash = s.reportFlash(rq, r)
	s.render(w, r, rq, http.StatusOK, "report", v)
	return nil
}

func (s *Server) reportFormView(rq *request, f supervision.Form) *reportFormView {
	v := &reportFormView{mPage: s.mpage(rq, "report.title"), Ctx: f.Scope, Role: f.Role, Current: f.Current, Exists: f.Exists,
		Editable: f.Editable, Versions: f.Versions, Others: f.Others, Values: f.Values, Reminders: f.Reminders, CanDecide: f.CanDecide,
		Last: f.Last, CopiedFrom: f.CopiedFrom, FieldErrors: map[string]string{},
		Statuses: reporting.Statuses, Confs: reporting.Confidences, MaxFileMB: s.maxEvidence() >> 20,
		AsOf: f.Period.Last().Format(time.DateOnly)}
	v.Title = f.Task.Label + " · " + s.periodLabel(rq.lang, f.Period.Key)
	v.Nav = "reports"
	return v
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

// readContent reads a report's content from a form, which sends every
// field, as a patch; evidence files are checked and returned to be
// written before the change is made.
func (s *Server) readContent(r *http.Request) (reporting.Patch, []upload, []string) {
	var errs []string
	status := reporting.Status(r.PostFormValue("status"))
	conf := reporting.Confidence(r.PostFormValue("confidence"))
	done, problems, next := r.PostFormValue("done"), r.PostFormValue("problems"), r.PostFormValue("next_steps")
	progress := 0
	if p := strings.TrimSpace(r.PostFormValue("progress")); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil {
			errs = append(errs, "progress:out_of_range")
			n = -1
		}
		progress = n
	}
	values := []reporting.Value{}
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
		values = append(values, reporting.Value{Indicator: k, Value: x})
	}
	p := reporting.Patch{Status: &status, Progress: &progress, Confidence: &conf, Done: &done, Problems: &problems, NextSteps: &next,
		Values: &values, RemoveEvidence: r.PostForm["remove_evidence"]}
	ups, ferrs := s.checkUploads(r)
	errs = append(errs, ferrs...)
	for _, u := range ups {
		p.AddEvidence = append(p.AddEvidence, u.ev)
	}
	return p, ups, errs
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

// saveReport handles the reporter's form: save a draft, submit it,
// submit "no progress this period", or start a revision of a returned
// report. A refusal shows the form again with what was typed.
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
	action := reporting.ActionKind(r.PostFormValue("action"))
	rev, _ := strconv.Atoi(r.PostFormValue("rev"))
	var patch *reporting.Patch
	var ups []upload
	defer func() {
		for _, u := range ups {
			u.file.Close()
		}
	}()
	if action == reporting.Save || action == reporting.Submit {
		p, u, formErrs := s.readContent(r)
		patch, ups = &p, u
		if len(formErrs) > 0 {
			return s.reportRefused(w, r, rq, id, period, patch, ups, formFieldsError(formErrs))
		}
	}
	if err := s.writeUploads(ups); err != nil {
		return err
	}
	var out store.Report
	switch action {
	case "no_progress":
		out, err = s.sup.NoProgress(ctx, supActor(rq), id, period, rev)
	default:
		out, err = s.sup.Change(ctx, supActor(rq), supervision.Change{TaskID: id, Period: period, Rev: rev, Kind: action, Patch: patch})
	}
	if err != nil {
		s.removeUploads(ups)
		return s.reportRefused(w, r, rq, id, period, patch, ups, err)
	}
	done := map[reporting.ActionKind]string{reporting.Save: "draft_saved", reporting.Submit: "submitted", reporting.Revise: "revised", "no_progress": "submitted"}[action]
	http.Redirect(w, r, fmt.Sprintf("/tasks/%d/report?period=%s&done=%s", out.TaskID, url.QueryEscape(out.Period), done), http.StatusSeeOther)
	return nil
}

// formFieldsError is the form's own reading errors ("field:key") as the
// content checks give theirs.
func formFieldsError(msgs []string) error {
	var ce reporting.ContentError
	for _, m := range msgs {
		field, key, _ := strings.Cut(m, ":")
		ce = append(ce, reporting.FieldError{Field: field, Key: key})
	}
	return ce
}

// reportRefused answers a refused change of the report form: an error
// about access goes to the error page; any other shows the form again,
// at the status classify gives, with what the reporter typed and each
// message beside its field.
func (s *Server) reportRefused(w http.ResponseWriter, r *http.Request, rq *request, taskID int64, period string, patch *reporting.Patch, ups []upload, cause error) error {
	e := classify(cause)
	if e.Status == http.StatusForbidden || e.Status == http.StatusNotFound || e.Status >= 500 {
		return cause
	}
	f, err := s.sup.Form(r.Context(), supActor(rq), supervision.FormInput{TaskID: taskID, Period: period})
	if err != nil {
		return err
	}
	v := s.reportFormView(rq, f)
	// What the reporter typed comes back to the form; nothing is lost.
	if patch != nil {
		typed := *patch
		typed.AddEvidence = nil
		v.Current.Content = typed.Apply(v.Current.Content)
		keys, vals := r.PostForm["key"], r.PostForm["value"]
		for i := range v.Values {
			for j := range keys {
				if keys[j] == v.Values[i].Key && j < len(vals) {
					v.Values[i].Value, v.Values[i].Shared = vals[j], false
				}
			}
		}
		v.Editable = true
	}
	v.Conflict = e.Key == "report.conflict"
	var ce reporting.ContentError
	switch {
	case errors.As(cause, &ce):
		for _, fe := range ce {
			field := baseField(fe.Field)
			msg := s.fieldMessage(rq, fe.Field+":"+fe.Key)
			if old, ok := v.FieldErrors[field]; ok {
				msg = old + "；" + msg
			}
			v.FieldErrors[field] = msg
			v.Errors = append(v.Errors, s.fieldMessage(rq, fe.Field+":"+fe.Key))
		}
	case !v.Conflict:
		v.Errors = append(v.Errors, s.cat.T(rq.lang, e.Key, e.Args...))
	}
	s.render(w, r, rq, e.Status, "report", v)
	return nil
}

// baseField is the form field a content check's field belongs to:
// "values[2].indicator" is "values".
func baseField(f string) string {
	if i := strings.IndexAny(f, "[."); i >= 0 {
		return f[:i]
	}
	return f
}

// removeUploads deletes files written for a change that was refused.
func (s *Server) removeUploads(ups []upload) {
	for _, u := range ups {
		if err := os.Remove(filepath.Join(s.evidenceDir(), u.ev.StoredName)); err != nil && !errors.Is(err, os.ErrNotExist) {
			s.log.Warn("removing refused evidence", "file", u.ev.StoredName, "error", err)
		}
	}
}

// fieldMessage translates "field:key" from the content checks.
func (s *Server) fieldMessage(rq *request, m string) string {
	field, key, _ := strings.Cut(m, ":")
	return s.cat.T(rq.lang, "report.field."+baseField(field)) + "：" + s.cat.T(rq.lang, "report.err."+key)
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
	rep, versions, err := s.sup.Report(r.Context(), supActor(rq), id)
	if err != nil {
		return err
	}
	v := &reportView{mPage: s.mpage(rq, "report.title"), Report: rep, Versions: versions}
	v.CanDecide = rq.is(store.RoleOffice) && rep.State == reporting.Submitted
	v.Title = rep.TaskLabel + " · " + rep.Period + " · v" + strconv.Itoa(rep.Version)
	v.Nav, v.Flash = "reports", s.reportFlash(rq, r)
	s.render(w, r, rq, http.StatusOK, "report_version", v)
	return nil
}

func (s *Server) decideReport(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	rev, _ := strconv.Atoi(r.PostFormValue("rev"))
	action := reporting.ActionKind(r.PostFormValue("action"))
	if _, err := s.sup.Decide(r.Context(), supActor(rq), supervision.Decision{ReportID: id, Kind: action, Rev: rev, Comment: r.PostFormValue("comment")}); err != nil {
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
// with its checked type (never the uploader's) under the name it was
// uploaded as.
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
	w.Header().Set("Content-Disposition", attachment(downloadName(ev.DisplayName, name)))
	w.Header().Set("Cache-Control", "private, no-store")
	http.ServeContent(w, r, "", st.ModTime(), f)
	return nil
}

type reportPart struct {
	Page   any
	Report store.Report
}
