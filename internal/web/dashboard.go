package web

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"luoshi/internal/indicator"
	"luoshi/internal/reporting"
	"luoshi/internal/store"
)

// tally is one line of a completion table.
type tally struct {
	Name                     string
	Tasks, Done, Red, Yellow int
	Green                    int
}

// Pct is the share of tasks done.
func (t tally) Pct() int {
	if t.Tasks == 0 {
		return 0
	}
	return t.Done * 100 / t.Tasks
}

// lightRow is a task with its light and the reasons, as text.
type lightRow struct {
	Task    store.Task
	Color   indicator.Color
	Reasons []string
	Lead    string
}

// riskRow is an indicator with a warning.
type riskRow struct {
	Series   store.Series
	Warnings []string
	Latest   string
}

// planBoard is one plan's monitoring summary: tallies of all its tasks
// (of the unit's, on a unit's page) and a page of its lit tasks.
type planBoard struct {
	Plan        store.PlanChoice
	Tasks, Done int
	Sections    []tally
	Forces      []tally
	Units       []tally
	Red         int
	Yellow      int
	Green       int
	Lights      store.LightPage
	Rows        []lightRow // the page's tasks, with their reasons in words
	LightsNext  string
	LightsFirst string
	Calendar    bool
	HasPeriod   bool
	Period      reporting.Period
	Missing     store.MissingPage // the first few of the current period
	Risks       []riskRow
	Indicators  []store.Series
}

type dashboardView struct {
	mPage
	onePlan
	Board      *planBoard
	Filter     store.LightFilter
	Facets     store.PlanFacets
	Colors     []string
	Statuses   []string
	Thresholds indicator.Thresholds
	ThRev      int
	ThError    string
	// Unit is set on a unit's own page.
	Unit      *store.Unit
	Due       []dueRow
	DueNext   string
	DueFirst  string
	DueAll    int
	BoardLink string // this page without its lists' cursors
}

// reasonText renders a light's rule with its numbers.
func (s *Server) reasonText(lang string, r indicator.Reason) string {
	p := r.Params
	switch r.Rule {
	case indicator.RuleDeadlinePassed:
		return s.cat.T(lang, "light.deadline_passed", p["deadline"], p["days"])
	case indicator.RuleReportedLate:
		return s.cat.T(lang, "light.reported_late")
	case indicator.RulePeriodsMissing:
		keys := strings.Split(p["periods"], ", ")
		for i, k := range keys {
			keys[i] = s.periodLabel(lang, k)
		}
		return s.cat.T(lang, "light.periods_missing", p["count"], strings.Join(keys, s.cat.T(lang, "list.sep")), p["limit"])
	case indicator.RuleReportOverdue:
		return s.cat.T(lang, "light.report_overdue", s.periodLabel(lang, p["period"]), p["days"], p["limit"])
	case indicator.RuleConfidence:
		return s.cat.T(lang, "light.confidence", s.cat.T(lang, "confidence."+confKey(p["confidence"])))
	case indicator.RuleIndicatorWarned:
		return s.cat.T(lang, "light.indicator_warned", p["indicator"], s.cat.T(lang, "warning."+p["warning"]),
			s.numParam(lang, p["actual"]), s.numParam(lang, p["expected"]))
	}
	return s.cat.T(lang, "light."+r.Rule)
}

// numParam shows a number a rule wrote as text the reader's way.
func (s *Server) numParam(lang, v string) string {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	return s.cat.Number(lang, f)
}

func confKey(label string) string {
	for _, c := range reporting.Confidences {
		if c.Label() == label {
			return string(c)
		}
	}
	return label
}

func (s *Server) warningText(lang string, w indicator.Warning) string {
	return s.cat.T(lang, "warning."+w.Key) + s.cat.T(lang, "warning.numbers", s.cat.Number(lang, w.Actual), s.cat.Number(lang, w.Expected), w.Date.Format("2006-01-02"))
}

// num shows a number rounded to two decimals, without trailing zeros.
func num(f float64) string { return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64) }

// lightFilter reads the filter of a plan's lit tasks.
func lightFilter(q query) (store.LightFilter, error) {
	f := store.LightFilter{Section: q.Get("section"), TaskForce: q.Get("force"), Status: q.Get("status"), Light: q.Get("light"),
		Sort: q.Get("sort"), After: q.Get("after")}
	var err error
	if f.UnitID, err = q.id("unit"); err != nil {
		return f, err
	}
	if f.Limit, err = q.limit(); err != nil {
		return f, err
	}
	return f, nil
}

// board computes one plan's monitoring summary at now, of the tasks that
// name unitID when it is set, and a page of its tasks by f.
func (s *Server) board(ctx context.Context, lang string, p store.PlanChoice, unitID int64, f store.LightFilter, year int) (*planBoard, error) {
	b := &planBoard{Plan: p}
	now := s.now()
	lp, err := s.st.LitPlan(ctx, p.ID, now)
	if err != nil {
		return nil, err
	}
	if unitID != 0 {
		f.UnitID = unitID
	}
	if b.Lights, err = lp.List(f); err != nil {
		return nil, err
	}
	for _, r := range b.Lights.Rows {
		row := lightRow{Task: r.Task, Color: r.Light.Color}
		for _, u := range r.Task.Units {
			if u.Role == "lead" && u.UnitID != 0 && row.Lead == "" {
				row.Lead = u.UnitName
			}
		}
		for _, rs := range r.Light.Reasons {
			row.Reasons = append(row.Reasons, s.reasonText(lang, rs))
		}
		b.Rows = append(b.Rows, row)
	}
	sections := map[string]*tally{}
	forces := map[string]*tally{}
	units := map[string]*tally{}
	var secOrder, forceOrder []string
	titles := map[string]string{}
	for _, h := range lp.Outline.Headings {
		if h.Level == 1 {
			titles[h.Label] = h.Label + " " + h.Title
		}
	}
	add := func(m map[string]*tally, order *[]string, name string, done bool, c indicator.Color) {
		t, ok := m[name]
		if !ok {
			t = &tally{Name: name}
			m[name] = t
			if order != nil {
				*order = append(*order, name)
			}
		}
		t.Tasks++
		if done {
			t.Done++
		}
		switch c {
		case indicator.Red:
			t.Red++
		case indicator.Yellow:
			t.Yellow++
		default:
			t.Green++
		}
	}
	var tasks []store.Task
	for _, t := range lp.Outline.Tasks {
		if unitID != 0 && !t.Has(unitID) {
			continue
		}
		tasks = append(tasks, t)
		l := lp.Lights[t.ID]
		done := t.Status == string(reporting.Done)
		b.Tasks++
		if done {
			b.Done++
		}
		sec := titles[t.Section]
		if sec == "" {
			sec = t.Section
		}
		add(sections, &secOrder, sec, done, l.Color)
		if t.TaskForce != "" {
			add(forces, &forceOrder, t.TaskForce, done, l.Color)
		}
		for _, u := range t.Units {
			if u.Role == "lead" && u.UnitID != 0 {
				add(units, nil, u.UnitName, done, l.Color)
			}
		}
		switch l.Color {
		case indicator.Red:
			b.Red++
		case indicator.Yellow:
			b.Yellow++
		default:
			b.Green++
		}
	}
	for _, n := range secOrder {
		b.Sections = append(b.Sections, *sections[n])
	}
	for _, n := range forceOrder {
		b.Forces = append(b.Forces, *forces[n])
	}
	for _, t := range units {
		b.Units = append(b.Units, *t)
	}
	sort.Slice(b.Units, func(i, j int) bool {
		if b.Units[i].Red != b.Units[j].Red {
			return b.Units[i].Red > b.Units[j].Red
		}
		return b.Units[i].Name < b.Units[j].Name
	})
	// The reports missing now, the first few.
	ps, cur, ok, err := s.planPeriods(ctx, p.ID, now)
	if err != nil {
		return nil, err
	}
	if _, err := s.st.CalendarFor(ctx, p.ID); err == nil {
		b.Calendar = true
	} else if !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	if ok && len(ps) > 0 {
		b.HasPeriod, b.Period = true, cur
		if b.Missing, err = s.st.MissingList(ctx, store.MissingFilter{PlanID: p.ID, Period: cur.Key, UnitID: unitID, Limit: 10}); err != nil {
			return nil, err
		}
	}
	// Indicators and those at risk.
	series, err := s.st.PlanSeries(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	for _, t := range tasks {
		for _, g := range t.Targets {
			sr, ok := series[g.ID]
			if !ok || seen[sr.ID] {
				continue
			}
			seen[sr.ID] = true
			b.Indicators = append(b.Indicators, sr)
			st, err := s.st.IndicatorStatus(ctx, sr, g, year)
			if err != nil {
				return nil, err
			}
			if st.Assessment != nil && len(st.Assessment.Warnings) > 0 {
				rr := riskRow{Series: sr, Latest: s.cat.Number(lang, st.Assessment.Latest.Value) + sr.Unit}
				for _, w := range st.Assessment.Warnings {
					rr.Warnings = append(rr.Warnings, s.warningText(lang, w))
				}
				b.Risks = append(b.Risks, rr)
			}
		}
	}
	return b, nil
}

// dashboard is the office overview of one plan, read-only for viewers;
// a reporter gets the unit's own page.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request, rq *request) error {
	if rq.is(store.RoleReporter) {
		http.Redirect(w, r, fmt.Sprintf("/units/%d/monitor", rq.user.UnitID), http.StatusSeeOther)
		return nil
	}
	v, err := s.dashboardData(r.Context(), rq, r, 0)
	if err != nil {
		return err
	}
	v.Flash = s.reportFlash(rq, r)
	s.render(w, r, rq, http.StatusOK, "dashboard", v)
	return nil
}

// dashboardData is the board of the plan the query names (the most
// recently published by default), with a page of its lit tasks.
func (s *Server) dashboardData(ctx context.Context, rq *request, r *http.Request, unitID int64) (*dashboardView, error) {
	v := &dashboardView{mPage: s.mpage(rq, "dashboard.title"), Colors: store.LightColors, Statuses: store.TaskStatuses}
	v.Nav = "dashboard"
	var err error
	if v.Thresholds, v.ThRev, err = s.st.Thresholds(ctx); err != nil {
		return nil, err
	}
	q := listQuery(r)
	if v.onePlan, err = s.choosePlan(ctx, rq, q, unitID); err != nil {
		return nil, err
	}
	if v.Filter, err = lightFilter(q); err != nil {
		return nil, err
	}
	if !v.Found {
		return v, nil
	}
	p, err := s.st.PlanByID(ctx, v.Plan.ID)
	if err != nil {
		return nil, err
	}
	if v.Board, err = s.board(ctx, rq.lang, v.Plan, unitID, v.Filter, p.Year); err != nil {
		return nil, err
	}
	v.Board.LightsNext, v.Board.LightsFirst = pageLink(r, "after", v.Board.Lights.Next), firstLink(r, "after")
	if v.Facets, err = s.st.Facets(ctx, v.Plan.ID); err != nil {
		return nil, err
	}
	return v, nil
}

// duePage cuts a page of a unit's reports due: by due date, task and
// period, after the cursor.
func duePage(due []dueRow, after string, limit int) ([]dueRow, string, error) {
	less := func(a, b dueRow) int {
		if c := a.Period.Due.Compare(b.Period.Due); c != 0 {
			return c
		}
		if a.Task.Ord != b.Task.Ord {
			return a.Task.Ord - b.Task.Ord
		}
		if a.Task.ID != b.Task.ID {
			return int(a.Task.ID - b.Task.ID)
		}
		return strings.Compare(a.Period.Key, b.Period.Key)
	}
	slices.SortStableFunc(due, less)
	start := 0
	if after != "" {
		var at int64
		var ord int
		var task int64
		var period string
		if err := store.ReadCursor(after, "due", &at, &ord, &task, &period); err != nil {
			return nil, "", err
		}
		mark := dueRow{Task: store.UnitTask{Task: store.Task{ID: task, Ord: ord}}, Period: reporting.Period{Key: period, Due: time.Unix(at, 0)}}
		start = len(due)
		for i, d := range due {
			if less(d, mark) > 0 {
				start = i
				break
			}
		}
	}
	rest := due[start:]
	if len(rest) <= limit {
		return rest, "", nil
	}
	last := rest[limit-1]
	return rest[:limit], store.Cursor("due", last.Period.Due.Unix(), last.Task.Ord, last.Task.ID, last.Period.Key), nil
}

// unitMonitor is a unit's own page for one plan: its reports due, its
// tasks' lights.
func (s *Server) unitMonitor(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if !canSeeUnit(rq, id) {
		return userError(http.StatusForbidden, "error.forbidden")
	}
	u, err := s.st.UnitByID(r.Context(), id)
	if err != nil {
		return err
	}
	v, err := s.dashboardData(r.Context(), rq, r, id)
	if err != nil {
		return err
	}
	v.Unit = &u
	if v.Found {
		due, err := s.unitDue(r.Context(), id, s.now())
		if err != nil {
			return err
		}
		var mine []dueRow
		for _, d := range due {
			if d.Task.PlanID == v.Plan.ID {
				mine = append(mine, d)
			}
		}
		q := listQuery(r)
		limit, err := q.limit()
		if err != nil {
			return err
		}
		if limit, err = store.LimitOf(limit); err != nil {
			return err
		}
		v.DueAll = len(mine)
		var next string
		if v.Due, next, err = duePage(mine, q.Get("dafter"), limit); err != nil {
			return err
		}
		v.DueNext, v.DueFirst = pageLink(r, "dafter", next), firstLink(r, "dafter")
	}
	v.Title = u.Name + " · " + s.cat.T(rq.lang, "dashboard.unit_title")
	v.Nav = "dashboard"
	s.render(w, r, rq, http.StatusOK, "dashboard", v)
	return nil
}

func (s *Server) saveThresholds(w http.ResponseWriter, r *http.Request, rq *request) error {
	atoi := func(k string) (int, bool) {
		n, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue(k)))
		return n, err == nil
	}
	var th indicator.Thresholds
	var ok1, ok2, ok3 bool
	th.DeadlineGraceDays, ok1 = atoi("grace")
	th.RedMissing, ok2 = atoi("red_missing")
	th.LateDays, ok3 = atoi("late_days")
	th.RedUnlikely = r.PostFormValue("red_unlikely") == "1"
	th.IgnoreIndicators = r.PostFormValue("ignore_indicators") == "1"
	rev, _ := atoi("rev")
	var err error
	if ok1 && ok2 && ok3 {
		_, err = s.st.SetThresholds(r.Context(), rq.actor(), th, rev)
	}
	if !(ok1 && ok2 && ok3) || errors.Is(err, store.ErrInvalid) {
		v, derr := s.dashboardData(r.Context(), rq, r, 0)
		if derr != nil {
			return derr
		}
		v.Thresholds, v.ThRev, v.ThError = th, rev, s.cat.T(rq.lang, "thresholds.invalid")
		s.render(w, r, rq, http.StatusBadRequest, "dashboard", v)
		return nil
	}
	if errors.Is(err, store.ErrConflict) {
		return userError(http.StatusConflict, "error.conflict")
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/dashboard?done=thresholds_saved#thresholds", http.StatusSeeOther)
	return nil
}

type tallyPart struct {
	Page  any
	Title string
	Rows  []tally
}
