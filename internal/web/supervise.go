package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"luoshi/internal/locale"
	"luoshi/internal/reporting"
	"luoshi/internal/schedule"
	"luoshi/internal/store"
)

// planMissing is one published plan's reports missing this period.
// Period is the plan calendar's current period (or, when only tasks
// with their own frequency owe one, theirs); Periods are the current
// periods of every frequency its tasks report at, and Missing the
// reports missing for any of them.
type planMissing struct {
	Plan     store.PlanSummary
	Calendar bool
	Period   reporting.Period
	Periods  []reporting.Period
	HasCur   bool
	Missing  []store.Missing
}

// missingNow lists, per published plan, the current periods and the lead
// units that have not reported them.
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
			cur, err := schedule.CurrentMissing(ctx, s.st, c, now)
			if err != nil {
				return nil, err
			}
			for i, m := range cur {
				if i == 0 {
					pm.Period, pm.HasCur = m.Period, true
				}
				pm.Periods = append(pm.Periods, m.Period)
				pm.Missing = append(pm.Missing, m.Missing...)
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

// remindForm sends the reminders checked on the supervision page, or
// the one of a single button: values "task:unit:period".
func (s *Server) remindForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := r.ParseForm(); err != nil {
		return userError(http.StatusBadRequest, "error.invalid")
	}
	msg := r.PostFormValue("message")
	var items []store.Reminder
	for _, it := range r.PostForm["item"] {
		parts := strings.SplitN(it, ":", 3)
		if len(parts) != 3 {
			return userError(http.StatusBadRequest, "error.invalid")
		}
		task, err1 := strconv.ParseInt(parts[0], 10, 64)
		unit, err2 := strconv.ParseInt(parts[1], 10, 64)
		if err1 != nil || err2 != nil {
			return userError(http.StatusBadRequest, "error.invalid")
		}
		items = append(items, store.Reminder{TaskID: task, UnitID: unit, Period: parts[2], Message: msg})
	}
	if _, err := s.remind(r.Context(), rq, items); err != nil {
		return err
	}
	http.Redirect(w, r, "/supervise?done=reminded", http.StatusSeeOther)
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
