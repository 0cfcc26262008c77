package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"luoshi/internal/reporting"
	"luoshi/internal/store"
	"luoshi/internal/supervision"
)

// planMissing is one published plan's reports missing this period.
type planMissing struct {
	Plan     store.PlanSummary
	Calendar bool
	Period   reporting.Period
	HasCur   bool
	Missing  []store.Missing
}

// missingNow lists, per published plan, the current period and the lead
// units that have not reported it.
func (s *Server) missingNow(ctx context.Context, now time.Time) ([]planMissing, error) {
	plans, err := s.st.Overview(ctx, store.PlanListFilter{PublishedOnly: true})
	if err != nil {
		return nil, err
	}
	cals, err := s.st.Calendars(ctx)
	if err != nil {
		return nil, err
	}
	var out []planMissing
	for _, p := range plans {
		pm := planMissing{Plan: p}
		if c, ok := cals[p.ID]; ok {
			pm.Calendar = true
			cur, ok, err := store.CurrentPeriod(c, now)
			if err != nil {
				return nil, err
			}
			if ok {
				pm.Period, pm.HasCur = cur, true
				if pm.Missing, err = s.st.MissingReports(ctx, p.ID, cur.Key); err != nil {
					return nil, err
				}
			}
		}
		out = append(out, pm)
	}
	return out, nil
}

type superviseView struct {
	mPage
	Queue     []store.Report
	Plans     []planMissing
	Reminders []store.Reminder
	Email     bool
}

// supervisePage is the office's desk: reports to review, reports
// missing, reminders sent.
func (s *Server) supervisePage(w http.ResponseWriter, r *http.Request, rq *request) error {
	ctx := r.Context()
	v := &superviseView{mPage: s.mpage(rq, "supervise.title"), Email: s.cfg.SMTPAddr != "" && s.cfg.SMTPFrom != ""}
	var err error
	if v.Queue, err = s.st.ReviewQueue(ctx, 200); err != nil {
		return err
	}
	if v.Plans, err = s.missingNow(ctx, s.now()); err != nil {
		return err
	}
	if v.Reminders, err = s.st.Reminders(ctx, store.ReminderFilter{Limit: 30}); err != nil {
		return err
	}
	v.Nav, v.Flash = "supervise", s.reportFlash(rq, r)
	s.render(w, r, rq, http.StatusOK, "supervise", v)
	return nil
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

// remindForm sends the reminders checked on the supervision page
// ("item", each "task:unit:period"), or, when a row's own button was
// pressed ("one"), that row's only, whatever else is checked.
func (s *Server) remindForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := r.ParseForm(); err != nil {
		return userError(http.StatusBadRequest, "error.invalid")
	}
	values := r.PostForm["item"]
	if one := r.PostFormValue("one"); one != "" {
		values = []string{one}
	}
	in := supervision.Reminders{Message: r.PostFormValue("message")}
	for _, it := range values {
		parts := strings.SplitN(it, ":", 3)
		if len(parts) != 3 {
			return userError(http.StatusBadRequest, "error.invalid")
		}
		task, err1 := strconv.ParseInt(parts[0], 10, 64)
		unit, err2 := strconv.ParseInt(parts[1], 10, 64)
		if err1 != nil || err2 != nil {
			return userError(http.StatusBadRequest, "error.invalid")
		}
		in.Items = append(in.Items, supervision.ReminderItem{TaskID: task, UnitID: unit, Period: parts[2]})
	}
	sent, err := s.sup.Remind(r.Context(), supActor(rq), in)
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/supervise?done=reminded&n=%d", len(sent)), http.StatusSeeOther)
	return nil
}

type inboxView struct {
	mPage
	Notices []store.Notice
	Email   string
	Mail    bool
}

func (s *Server) inboxPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	ctx := r.Context()
	v := &inboxView{mPage: s.mpage(rq, "inbox.title"), Mail: s.cfg.SMTPAddr != ""}
	var err error
	if v.Notices, err = s.st.Inbox(ctx, rq.user.ID, 200); err != nil {
		return err
	}
	if v.Email, err = s.st.UserEmail(ctx, rq.user.ID); err != nil {
		return err
	}
	v.Nav, v.Flash = "inbox", s.reportFlash(rq, r)
	s.render(w, r, rq, http.StatusOK, "inbox", v)
	return nil
}

func (s *Server) markRead(w http.ResponseWriter, r *http.Request, rq *request) error {
	var ids []int64
	for _, x := range r.PostForm["id"] {
		id, err := strconv.ParseInt(x, 10, 64)
		if err != nil {
			return userError(http.StatusBadRequest, "error.invalid")
		}
		ids = append(ids, id)
	}
	if r.PostFormValue("id") == "" && r.PostFormValue("all") != "1" {
		return userError(http.StatusBadRequest, "error.invalid")
	}
	if err := s.st.MarkRead(r.Context(), rq.user.ID, ids); err != nil {
		return err
	}
	http.Redirect(w, r, "/inbox?done=all_read", http.StatusSeeOther)
	return nil
}

func (s *Server) saveEmail(w http.ResponseWriter, r *http.Request, rq *request) error {
	e := strings.TrimSpace(r.PostFormValue("email"))
	if e != "" && (len(e) > 200 || !strings.Contains(e, "@") || strings.ContainsAny(e, " \r\n<>,;\"")) {
		return userError(http.StatusBadRequest, "inbox.bad_email")
	}
	if err := s.st.SetUserEmail(r.Context(), rq.actor(), rq.user.ID, e); err != nil {
		return err
	}
	http.Redirect(w, r, "/inbox?done=email_saved", http.StatusSeeOther)
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
