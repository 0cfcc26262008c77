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
	"luoshi/internal/schedule"
	"luoshi/internal/store"
)

// maxPreview bounds the periods a calendar page and answer list.
const maxPreview = 60

type calendarView struct {
	mPage
	Plan     store.Plan
	Calendar store.Calendar
	Exists   bool
	// Periods are those the calendar asks for, from its start to its end.
	Periods []reporting.Period
	// Starts are the periods reporting may begin with; StartKey is the
	// one it begins with.
	Starts   []reporting.Period
	StartKey string
	// OwnFrequency are the plan's tasks that report at their own
	// frequency, Suggested those whose text asks for another one.
	OwnFrequency []store.Task
	Suggested    []suggestedTask
	Error        string
}

// suggestedTask is a task whose text says how often it reports.
type suggestedTask struct {
	Task      store.Task
	Frequency reporting.Frequency
}

// Frequencies are the calendar kinds the form offers.
func (calendarView) Frequencies() []string { return []string{"monthly", "quarterly", "dates"} }

// scheduleError is the caller's error of a schedule operation.
func scheduleError(err error) error {
	switch {
	case errors.Is(err, schedule.ErrForbidden):
		return userError(http.StatusForbidden, "error.forbidden")
	case errors.Is(err, schedule.ErrStartPeriod):
		return &Error{Status: http.StatusBadRequest, Key: "calendar.bad_start_period", Err: err}
	case errors.Is(err, schedule.ErrNoPeriod):
		return &Error{Status: http.StatusNotFound, Key: "report.no_period", Err: err}
	case errors.Is(err, store.ErrInvalid):
		return &Error{Status: http.StatusBadRequest, Key: "calendar.invalid", Err: err}
	case errors.Is(err, store.ErrConflict):
		return &Error{Status: http.StatusConflict, Key: "error.conflict", Err: err}
	}
	return err
}

func scheduleActor(rq *request) schedule.Actor {
	return schedule.Actor{Actor: rq.actor(), Office: rq.is(store.RoleOffice)}
}

// planCalendar is a plan's calendar, or the default one it is offered
// (exists false).
func (s *Server) planCalendar(ctx context.Context, p store.Plan) (store.Calendar, bool, error) {
	c, err := s.st.CalendarFor(ctx, p.ID)
	switch {
	case err == nil:
		return c, true, nil
	case errors.Is(err, store.ErrNotFound):
		c, err = schedule.Default(ctx, s.st, p, s.now())
		return c, false, err
	}
	return c, false, err
}

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
	if v.Calendar, v.Exists, err = s.planCalendar(r.Context(), p); err != nil {
		return err
	}
	return s.renderCalendar(w, r, rq, v, http.StatusOK)
}

// previewPeriods are the periods c asks for, from its start to its end
// (at most maxPreview), and the periods it might start with: from the
// start of its plan's first year, or its own start when earlier, to its
// end, or now's period when later.
func (s *Server) previewPeriods(p store.Plan, c store.Calendar) (periods, starts []reporting.Period, startKey string) {
	rc, err := c.Reporting()
	if err != nil {
		return nil, nil, ""
	}
	loc := reporting.Shanghai()
	from := rc.Start
	if from.IsZero() {
		from = time.Date(max(p.Year, 2000), 1, 1, 0, 0, 0, 0, loc)
	}
	to := rc.End
	if to.IsZero() {
		to = from.AddDate(1, 0, -1)
	}
	periods, _ = reporting.Within(rc, from, to)
	if len(periods) > maxPreview {
		periods = periods[:maxPreview]
	}
	first := time.Date(max(p.Year, 2000), 1, 1, 0, 0, 0, 0, loc)
	if from.Before(first) {
		first = from
	}
	last := to
	if now := s.now(); now.After(last) {
		last = now
	}
	open := rc
	open.Start, open.End = time.Time{}, time.Time{}
	if open.Frequency == reporting.Dates {
		open.Start = first
	}
	starts, _ = reporting.Periods(open, first, last)
	if len(starts) > maxPreview {
		starts = starts[len(starts)-maxPreview:]
	}
	if len(periods) > 0 {
		startKey = periods[0].Key
	}
	return periods, starts, startKey
}

func (s *Server) renderCalendar(w http.ResponseWriter, r *http.Request, rq *request, v *calendarView, status int) error {
	v.Periods, v.Starts, v.StartKey = s.previewPeriods(v.Plan, v.Calendar)
	if rq.is(store.RoleOffice) {
		o, err := s.st.PlanOutline(r.Context(), v.Plan.ID, store.TaskFilter{})
		if err != nil {
			return err
		}
		for _, t := range o.Tasks {
			if t.Frequency != "" {
				v.OwnFrequency = append(v.OwnFrequency, t)
			} else if f := reporting.SuggestFrequency(t.Text); f != "" && string(f) != v.Calendar.Frequency {
				v.Suggested = append(v.Suggested, suggestedTask{Task: t, Frequency: f})
			}
		}
	}
	v.Title = v.Plan.Title + " · " + s.cat.T(rq.lang, "calendar.title")
	v.Nav, v.Flash = "home", s.reportFlash(rq, r)
	s.render(w, r, rq, status, "calendar", v)
	return nil
}

// calendarForm reads the calendar form.
func calendarForm(r *http.Request) schedule.CalendarInput {
	atoi := func(k string) int { n, _ := strconv.Atoi(strings.TrimSpace(r.PostFormValue(k))); return n }
	in := schedule.CalendarInput{Frequency: r.PostFormValue("frequency"), DueDay: atoi("due_day"), DueAfter: atoi("due_after"),
		Start: r.PostFormValue("start"), StartPeriod: r.PostFormValue("start_period"), End: r.PostFormValue("end"), Rev: atoi("rev")}
	in.Dates = strings.FieldsFunc(r.PostFormValue("dates"), func(r rune) bool { return r == ',' || r == '\n' || r == ' ' || r == '，' || r == '\r' })
	return in
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
	in := calendarForm(r)
	in.PlanID = id
	c, err := schedule.SetCalendar(r.Context(), s.st, scheduleActor(rq), p, in, s.now())
	if err != nil {
		e := scheduleError(err)
		var ue *Error
		if errors.As(e, &ue) && ue.Status == http.StatusBadRequest {
			v := &calendarView{mPage: s.mpage(rq, "calendar.title"), Plan: p, Calendar: c, Exists: in.Rev > 0,
				Error: s.cat.T(rq.lang, ue.Key)}
			return s.renderCalendar(w, r, rq, v, http.StatusBadRequest)
		}
		return e
	}
	http.Redirect(w, r, fmt.Sprintf("/plans/%d/calendar?done=calendar_saved", id), http.StatusSeeOther)
	return nil
}

// apiCalendarBody is a plan's calendar as the API shows it.
type apiCalendarBody struct {
	Calendar store.Calendar `json:"calendar"`
	// Exists is false for the default calendar a plan is offered.
	Exists  bool        `json:"exists"`
	Periods []apiPeriod `json:"periods"` // from its start to its end, at most 60
}

func (s *Server) calendarJSON(lang string, p store.Plan, c store.Calendar, exists bool) apiCalendarBody {
	out := apiCalendarBody{Calendar: c, Exists: exists, Periods: []apiPeriod{}}
	if out.Calendar.Dates == nil {
		out.Calendar.Dates = []string{}
	}
	ps, _, _ := s.previewPeriods(p, c)
	for _, x := range ps {
		out.Periods = append(out.Periods, s.periodJSON(lang, x))
	}
	return out
}

// apiCalendar is a plan's calendar, or the default one it is offered.
func (s *Server) apiCalendar(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := s.visiblePlan(r.Context(), rq, id)
	if err != nil {
		return err
	}
	c, exists, err := s.planCalendar(r.Context(), p)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, s.calendarJSON(rq.lang, p, c, exists))
	return nil
}

// apiSetCalendar sets a plan's calendar: the body is a
// schedule.CalendarInput.
func (s *Server) apiSetCalendar(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := s.st.PlanByID(r.Context(), id)
	if err != nil {
		return err
	}
	var in schedule.CalendarInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	in.PlanID = id
	c, err := schedule.SetCalendar(r.Context(), s.st, scheduleActor(rq), p, in, s.now())
	if err != nil {
		return scheduleError(err)
	}
	writeJSON(w, http.StatusOK, s.calendarJSON(rq.lang, p, c, true))
	return nil
}

// saveTaskFrequency is the task page's form of a task's own frequency.
func (s *Server) saveTaskFrequency(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := schedule.SetTaskFrequency(r.Context(), s.st, scheduleActor(rq), id, r.PostFormValue("frequency")); err != nil {
		if errors.Is(err, store.ErrInvalid) {
			return userError(http.StatusBadRequest, "task.bad_frequency")
		}
		return scheduleError(err)
	}
	http.Redirect(w, r, fmt.Sprintf("/tasks/%d?done=saved", id), http.StatusSeeOther)
	return nil
}

// apiTaskFrequency is the body and answer of a task's own frequency.
type apiTaskFrequency struct {
	TaskID    int64  `json:"task_id"`
	Frequency string `json:"frequency"` // "" follows the plan's calendar
	// Suggested is what the task's text asks for, "" when it says nothing.
	Suggested string `json:"suggested"`
}

func (s *Server) apiSetTaskFrequency(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var body struct {
		Frequency *string `json:"frequency"`
	}
	if err := decode(w, r, &body); err != nil {
		return err
	}
	if body.Frequency == nil {
		return userError(http.StatusBadRequest, "task.bad_frequency")
	}
	if err := schedule.SetTaskFrequency(r.Context(), s.st, scheduleActor(rq), id, *body.Frequency); err != nil {
		if errors.Is(err, store.ErrInvalid) {
			return userError(http.StatusBadRequest, "task.bad_frequency")
		}
		return scheduleError(err)
	}
	t, err := s.st.TaskByID(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, apiTaskFrequency{TaskID: t.ID, Frequency: t.Frequency, Suggested: string(reporting.SuggestFrequency(t.Text))})
	return nil
}
