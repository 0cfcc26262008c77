package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"luoshi/internal/reporting"
	"luoshi/internal/store"
)

// onePlan is the plan a one-plan page shows, with the plans its
// selector offers.
type onePlan struct {
	Plans []store.PlanChoice
	Plan  store.PlanChoice
	Found bool // false when no published plan is there to show
}

// maxChoices bounds a plan selector.
const maxChoices = 500

// choosePlan reads the "plan" of a one-plan page: a published plan the
// caller may read, or by default the most recently published one (of
// those with the unit's tasks, when unitID is set).
func (s *Server) choosePlan(ctx context.Context, rq *request, q query, unitID int64) (onePlan, error) {
	var op onePlan
	var err error
	if op.Plans, err = s.st.PlanChoices(ctx, unitID, maxChoices); err != nil {
		return op, err
	}
	id, err := q.id("plan")
	if err != nil {
		return op, err
	}
	if id == 0 {
		if len(op.Plans) > 0 {
			op.Plan, op.Found = op.Plans[0], true
		}
		return op, nil
	}
	for _, c := range op.Plans {
		if c.ID == id {
			op.Plan, op.Found = c, true
			return op, nil
		}
	}
	p, err := s.visiblePlan(ctx, rq, id)
	if err != nil {
		return op, err
	}
	if p.Status != store.PlanPublished {
		return op, userError(http.StatusNotFound, "error.not_found")
	}
	op.Plan, op.Found = store.PlanChoice{ID: p.ID, Title: p.Title, Year: p.Year, Status: p.Status}, true
	op.Plans = append(op.Plans, op.Plan)
	return op, nil
}

// planPeriods are the periods of a plan's calendar begun by now, newest
// first, and the one whose report is due now (the newest when none is).
// ok is false when the plan has no calendar or no period has begun.
func (s *Server) planPeriods(ctx context.Context, planID int64, year int, now time.Time) (ps []reporting.Period, cur reporting.Period, ok bool, err error) {
	c, err := s.st.CalendarFor(ctx, planID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, cur, false, nil
	}
	if err != nil {
		return nil, cur, false, err
	}
	rc, err := c.Reporting()
	if err != nil {
		return nil, cur, false, err
	}
	from := rc.Start
	if from.IsZero() {
		from = time.Date(max(year, 2000), 1, 1, 0, 0, 0, 0, reporting.Shanghai())
	}
	all, err := reporting.Periods(rc, from, now.AddDate(1, 0, 0))
	if err != nil {
		return nil, cur, false, err
	}
	for i := len(all) - 1; i >= 0; i-- {
		if !all[i].Start.After(now) {
			ps = append(ps, all[i])
		}
	}
	if len(ps) == 0 {
		return nil, cur, false, nil
	}
	cur = ps[0]
	if c, ok, err := store.CurrentPeriod(c, now); err != nil {
		return nil, cur, false, err
	} else if ok {
		cur = c
	}
	return ps, cur, true, nil
}

// periodOf is the period named key among ps, or cur when key is "".
func periodOf(ps []reporting.Period, cur reporting.Period, key string) (reporting.Period, error) {
	if key == "" {
		return cur, nil
	}
	for _, p := range ps {
		if p.Key == key {
			return p, nil
		}
	}
	return reporting.Period{}, userError(http.StatusNotFound, "report.no_period")
}

// missingFilter reads the filter of the missing reports of a plan and
// period from a query string or a form.
func missingFilter(q query, planID int64, period string) (store.MissingFilter, error) {
	f := store.MissingFilter{PlanID: planID, Period: period, Section: q.Get("section"), State: q.Get("state"), Sort: q.Get("sort"), After: q.Get("after")}
	var err error
	if f.UnitID, err = q.id("unit"); err != nil {
		return f, err
	}
	if f.Limit, err = q.limit(); err != nil {
		return f, err
	}
	return f, nil
}

type superviseView struct {
	mPage
	onePlan
	Calendar  bool
	HasPeriod bool
	Periods   []reporting.Period
	Period    reporting.Period
	Facets    store.PlanFacets
	Filter    store.MissingFilter
	States    []string
	Missing   store.MissingPage
	// MissingNext, QueueNext and RemindersNext link to the next pages;
	// the First links back to the first.
	MissingNext, MissingFirst     string
	Queue                         store.Page[store.Report]
	QueueNext, QueueFirst         string
	Reminders                     store.Page[store.Reminder]
	RemindersNext, RemindersFirst string
	Email                         bool
	// MaxBulk is the most reminders one "all matching" sends.
	MaxBulk int
}

// supervisePage is the office's desk for one plan: reports to review,
// reports missing for a period, reminders sent, each list paged.
func (s *Server) supervisePage(w http.ResponseWriter, r *http.Request, rq *request) error {
	ctx := r.Context()
	q := listQuery(r)
	v := &superviseView{mPage: s.mpage(rq, "supervise.title"), Email: s.cfg.SMTPAddr != "" && s.cfg.SMTPFrom != "",
		States: store.MissingStates, MaxBulk: maxBulkReminders}
	var err error
	if v.onePlan, err = s.choosePlan(ctx, rq, q, 0); err != nil {
		return err
	}
	v.Nav, v.Flash = "supervise", s.remindFlash(rq, r)
	if !v.Found {
		s.render(w, r, rq, http.StatusOK, "supervise", v)
		return nil
	}
	planID := v.Plan.ID
	var cur reporting.Period
	if v.Periods, cur, v.HasPeriod, err = s.planPeriods(ctx, planID, v.Plan.Year, s.now()); err != nil {
		return err
	}
	if _, err := s.st.CalendarFor(ctx, planID); err == nil {
		v.Calendar = true
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if v.HasPeriod {
		if v.Period, err = periodOf(v.Periods, cur, q.Get("period")); err != nil {
			return err
		}
		if v.Filter, err = missingFilter(q, planID, v.Period.Key); err != nil {
			return err
		}
		if v.Missing, err = s.st.MissingList(ctx, v.Filter); err != nil {
			return err
		}
		v.MissingNext, v.MissingFirst = pageLink(r, "after", v.Missing.Next), firstLink(r, "after")
	}
	if v.Facets, err = s.st.Facets(ctx, planID); err != nil {
		return err
	}
	if v.Queue, err = s.st.ReportList(ctx, store.ReportFilter{PlanID: planID, State: "submitted", Sort: "oldest", After: q.Get("qafter")}); err != nil {
		return err
	}
	v.QueueNext, v.QueueFirst = pageLink(r, "qafter", v.Queue.Next), firstLink(r, "qafter")
	if v.Reminders, err = s.st.ReminderList(ctx, store.ReminderFilter{PlanID: planID, Limit: 30, After: q.Get("rafter")}); err != nil {
		return err
	}
	v.RemindersNext, v.RemindersFirst = pageLink(r, "rafter", v.Reminders.Next), firstLink(r, "rafter")
	s.render(w, r, rq, http.StatusOK, "supervise", v)
	return nil
}

// remindFlash is the confirmation of reminders sent, with how many.
func (s *Server) remindFlash(rq *request, r *http.Request) string {
	q := r.URL.Query()
	if q.Get("done") == "reminded" {
		if n, err := strconv.Atoi(q.Get("sent")); err == nil && n >= 0 {
			return s.cat.T(rq.lang, "remind.sent", n)
		}
	}
	return s.reportFlash(rq, r)
}

// maxBulkReminders bounds the reminders of one "all matching".
const maxBulkReminders = 10000

// remindMatching sends a reminder for every missing report that matches
// f, not only those of one page.
func (s *Server) remindMatching(ctx context.Context, rq *request, f store.MissingFilter, message string) ([]store.Reminder, error) {
	f.Limit, f.After = 0, ""
	all, err := s.st.MissingAll(ctx, f)
	if err != nil {
		return nil, err
	}
	if len(all) > maxBulkReminders {
		return nil, userError(http.StatusBadRequest, "remind.too_many", maxBulkReminders)
	}
	items := make([]store.Reminder, len(all))
	for i, m := range all {
		items[i] = store.Reminder{TaskID: m.TaskID, UnitID: m.UnitID, Period: m.Period, Message: message}
	}
	return s.remind(ctx, rq, items)
}

// MaxReminderRunes bounds a reminder's message.
const maxReminderRunes = 500

// remind sends reminders and e-mails them where possible.
func (s *Server) remind(ctx context.Context, rq *request, items []store.Reminder) ([]store.Reminder, error) {
	if len(items) == 0 {
		return nil, userError(http.StatusBadRequest, "remind.none")
	}
	for i := range items {
		items[i].Message = strings.TrimSpace(items[i].Message)
		if utf8.RuneCountInString(items[i].Message) > maxReminderRunes {
			return nil, userError(http.StatusBadRequest, "remind.too_long")
		}
		t, err := s.st.TaskByID(ctx, items[i].TaskID)
		if err != nil {
			return nil, err
		}
		assigned := false
		for _, u := range t.Units {
			assigned = assigned || u.UnitID == items[i].UnitID
		}
		if !assigned {
			return nil, userError(http.StatusBadRequest, "remind.not_assigned")
		}
		items[i].PlanID = t.PlanID
	}
	sent, err := s.st.Remind(ctx, rq.actor(), items)
	if err != nil {
		return nil, err
	}
	for i, m := range sent {
		if s.mail(ctx, m) {
			sent[i].Emailed = true
		}
	}
	return sent, nil
}

// mail e-mails a reminder to its unit's reporters when SMTP is set; the
// inbox has it in any case. A failure is logged, not fatal.
func (s *Server) mail(ctx context.Context, m store.Reminder) bool {
	if s.cfg.SMTPAddr == "" || s.cfg.SMTPFrom == "" {
		return false
	}
	to, err := s.st.UnitEmails(ctx, m.UnitID)
	if err != nil || len(to) == 0 {
		return false
	}
	t, err := s.st.TaskByID(ctx, m.TaskID)
	if err != nil {
		return false
	}
	subject := fmt.Sprintf("催办：%s 任务 %s %s 报告", m.UnitName, t.Label, m.Period)
	body := fmt.Sprintf("%s\r\n\r\n任务 %s：%s\r\n报告期：%s\r\n发送人：%s\r\n", m.Message, t.Label, t.Text, m.Period, m.Sender)
	if err := s.sendMail(to, subject, body); err != nil {
		s.log.Warn("reminder e-mail failed", "reminder", m.ID, "error", err)
		return false
	}
	if err := s.st.MarkEmailed(ctx, m.ID); err != nil {
		s.log.Warn("marking reminder e-mailed", "reminder", m.ID, "error", err)
	}
	return true
}

// remindForm sends the reminders of the supervision page: one row's
// button ("one"), the rows checked ("item"), or every missing report
// that matches the page's filter ("all"), whatever page is shown. Values
// are "task:unit:period".
func (s *Server) remindForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := r.ParseForm(); err != nil {
		return userError(http.StatusBadRequest, "error.invalid")
	}
	msg := r.PostFormValue("message")
	parse := func(it string) (store.Reminder, error) {
		parts := strings.SplitN(it, ":", 3)
		if len(parts) != 3 {
			return store.Reminder{}, userError(http.StatusBadRequest, "error.invalid")
		}
		task, err1 := strconv.ParseInt(parts[0], 10, 64)
		unit, err2 := strconv.ParseInt(parts[1], 10, 64)
		if err1 != nil || err2 != nil {
			return store.Reminder{}, userError(http.StatusBadRequest, "error.invalid")
		}
		return store.Reminder{TaskID: task, UnitID: unit, Period: parts[2], Message: msg}, nil
	}
	var sent []store.Reminder
	var err error
	switch one := r.PostFormValue("one"); {
	case one != "":
		it, err := parse(one)
		if err != nil {
			return err
		}
		sent, err = s.remind(r.Context(), rq, []store.Reminder{it})
		if err != nil {
			return err
		}
	case r.PostFormValue("all") == "1":
		form := query{r.PostForm}
		planID, err := form.id("plan")
		if err != nil {
			return err
		}
		f, err := missingFilter(form, planID, r.PostFormValue("period"))
		if err != nil {
			return err
		}
		if sent, err = s.remindMatching(r.Context(), rq, f, msg); err != nil {
			return err
		}
	default:
		var items []store.Reminder
		for _, it := range r.PostForm["item"] {
			x, err := parse(it)
			if err != nil {
				return err
			}
			items = append(items, x)
		}
		if sent, err = s.remind(r.Context(), rq, items); err != nil {
			return err
		}
	}
	back := url.Values{"done": {"reminded"}, "sent": {strconv.Itoa(len(sent))}}
	for _, k := range []string{"plan", "period", "unit", "section", "state", "sort"} {
		if v := r.PostFormValue(k); v != "" {
			back.Set(k, v)
		}
	}
	http.Redirect(w, r, "/supervise?"+back.Encode(), http.StatusSeeOther)
	return nil
}

type calendarView struct {
	mPage
	Plan     store.Plan
	Calendar store.Calendar
	Exists   bool
	Periods  []reporting.Period
	Error    string
}

// Frequencies are the calendar kinds the form offers.
func (calendarView) Frequencies() []string { return []string{"monthly", "quarterly", "dates"} }

func (s *Server) calendarPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := s.visiblePlan(r.Context(), rq, id)
	if err != nil {
		return err
	}
	v := &calendarView{mPage: s.mpage(rq, "calendar.title"), Plan: p}
	c, err := s.st.CalendarFor(r.Context(), id)
	switch {
	case err == nil:
		v.Calendar, v.Exists = c, true
	case errors.Is(err, store.ErrNotFound):
		v.Calendar = store.Calendar{PlanID: id, Frequency: "monthly", DueDay: 5, DueAfter: 10, Start: fmt.Sprintf("%d-01-01", max(p.Year, 2000))}
	default:
		return err
	}
	s.renderCalendar(w, r, rq, v, http.StatusOK)
	return nil
}

func (s *Server) renderCalendar(w http.ResponseWriter, r *http.Request, rq *request, v *calendarView, status int) {
	if rc, err := v.Calendar.Reporting(); err == nil {
		year := v.Plan.Year
		if year == 0 {
			year = s.now().Year()
		}
		v.Periods, _ = reporting.Periods(rc, rc.Start, time.Date(year, 12, 31, 0, 0, 0, 0, reporting.Shanghai()))
		if len(v.Periods) > 24 {
			v.Periods = v.Periods[:24]
		}
	}
	v.Title = v.Plan.Title + " · " + s.cat.T(rq.lang, "calendar.title")
	v.Nav, v.Flash = "home", s.reportFlash(rq, r)
	s.render(w, r, rq, status, "calendar", v)
}

func (s *Server) saveCalendar(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := s.st.PlanByID(r.Context(), id)
	if err != nil {
		return err
	}
	atoi := func(k string) int { n, _ := strconv.Atoi(strings.TrimSpace(r.PostFormValue(k))); return n }
	c := store.Calendar{PlanID: id, Frequency: r.PostFormValue("frequency"), DueDay: atoi("due_day"), DueAfter: atoi("due_after"),
		Start: strings.TrimSpace(r.PostFormValue("start")), Rev: atoi("rev")}
	for _, d := range strings.FieldsFunc(r.PostFormValue("dates"), func(r rune) bool { return r == ',' || r == '\n' || r == ' ' || r == '，' || r == '\r' }) {
		c.Dates = append(c.Dates, d)
	}
	_, err = s.st.SetCalendar(r.Context(), rq.actor(), c)
	if errors.Is(err, store.ErrInvalid) {
		v := &calendarView{mPage: s.mpage(rq, "calendar.title"), Plan: p, Calendar: c, Exists: c.Rev > 0, Error: s.cat.T(rq.lang, "calendar.invalid")}
		s.renderCalendar(w, r, rq, v, http.StatusBadRequest)
		return nil
	}
	if errors.Is(err, store.ErrConflict) {
		return userError(http.StatusConflict, "error.conflict")
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/calendar?done=calendar_saved", id), http.StatusSeeOther)
	return nil
}
