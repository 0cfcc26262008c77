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

	"luoshi/internal/locale"
	"luoshi/internal/reporting"
	"luoshi/internal/schedule"
	"luoshi/internal/store"
	"luoshi/internal/supervision"
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

// planPeriods are the periods of a plan begun by now within its
// calendar's start and end, newest first, over every frequency its tasks
// report at, and the one the office looks at by default (see
// schedule.PlanPeriods). ok is false when the plan has no calendar or
// no period has begun.
func (s *Server) planPeriods(ctx context.Context, planID int64, now time.Time) (ps []reporting.Period, cur reporting.Period, ok bool, err error) {
	c, err := s.st.CalendarFor(ctx, planID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, cur, false, nil
	}
	if err != nil {
		return nil, cur, false, err
	}
	if ps, cur, err = schedule.PlanPeriods(ctx, s.st, c, now); err != nil {
		return nil, cur, false, err
	}
	return ps, cur, len(ps) > 0, nil
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
		States: store.MissingStates, MaxBulk: supervision.MaxBulkReminders}
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
	if v.Periods, cur, v.HasPeriod, err = s.planPeriods(ctx, planID, s.now()); err != nil {
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
	period := s.periodLabel(locale.Default, m.Period) // the message is in Chinese
	subject := fmt.Sprintf("催办：%s 任务 %s %s 报告", m.UnitName, t.Label, period)
	body := fmt.Sprintf("%s\r\n\r\n任务 %s：%s\r\n报告期：%s\r\n发送人：%s\r\n", m.Message, t.Label, t.Text, period, m.Sender)
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
	parse := func(it string) (supervision.ReminderItem, error) {
		parts := strings.SplitN(it, ":", 3)
		if len(parts) != 3 {
			return supervision.ReminderItem{}, userError(http.StatusBadRequest, "error.invalid")
		}
		task, err1 := strconv.ParseInt(parts[0], 10, 64)
		unit, err2 := strconv.ParseInt(parts[1], 10, 64)
		if err1 != nil || err2 != nil {
			return supervision.ReminderItem{}, userError(http.StatusBadRequest, "error.invalid")
		}
		return supervision.ReminderItem{TaskID: task, UnitID: unit, Period: parts[2]}, nil
	}
	var sent []store.Reminder
	var err error
	switch one := r.PostFormValue("one"); {
	case one != "":
		it, err := parse(one)
		if err != nil {
			return err
		}
		sent, err = s.sup.Remind(r.Context(), supActor(rq), supervision.Reminders{Items: []supervision.ReminderItem{it}, Message: msg})
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
		if sent, err = s.sup.RemindMatching(r.Context(), supActor(rq), f, msg); err != nil {
			return err
		}
	default:
		var items []supervision.ReminderItem
		for _, it := range r.PostForm["item"] {
			x, err := parse(it)
			if err != nil {
				return err
			}
			items = append(items, x)
		}
		if sent, err = s.sup.Remind(r.Context(), supActor(rq), supervision.Reminders{Items: items, Message: msg}); err != nil {
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
