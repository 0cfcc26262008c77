package web

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"

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

type planBoard struct {
	Plan       store.PlanSummary
	Sections   []tally
	Forces     []tally
	Units      []tally
	Lights     []lightRow // red, then yellow, then green
	Red        int
	Yellow     int
	Green      int
	Missing    planMissing
	Risks      []riskRow
	Indicators []store.Series
}

type dashboardView struct {
	mPage
	Boards     []planBoard
	Thresholds indicator.Thresholds
	ThRev      int
	ThError    string
	// Unit is set on a unit's own page.
	Unit *store.Unit
	Due  []dueRow
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

// board computes one plan's monitoring summary.
func (s *Server) board(ctx context.Context, lang string, p store.PlanSummary, unitID int64) (planBoard, error) {
	b := planBoard{Plan: p}
	lights, err := s.st.PlanLights(ctx, p.ID, s.now())
	if err != nil {
		return b, err
	}
	o, err := s.st.PlanOutline(ctx, p.ID, store.TaskFilter{UnitID: unitID})
	if err != nil {
		return b, err
	}
	sections := map[string]*tally{}
	forces := map[string]*tally{}
	units := map[string]*tally{}
	var secOrder, forceOrder []string
	titles := map[string]string{}
	for _, h := range o.Headings {
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
	for _, t := range o.Tasks {
		l := lights[t.ID]
		done := t.Status == string(reporting.Done)
		sec := titles[t.Section]
		if sec == "" {
			sec = t.Section
		}
		add(sections, &secOrder, sec, done, l.Color)
		if t.TaskForce != "" {
			add(forces, &forceOrder, t.TaskForce, done, l.Color)
		}
		row := lightRow{Task: t, Color: l.Color}
		for _, u := range t.Units {
			if u.Role == "lead" && u.UnitID != 0 {
				add(units, nil, u.UnitName, done, l.Color)
				if row.Lead == "" {
					row.Lead = u.UnitName
				}
			}
		}
		for _, r := range l.Reasons {
			row.Reasons = append(row.Reasons, s.reasonText(lang, r))
		}
		switch l.Color {
		case indicator.Red:
			b.Red++
		case indicator.Yellow:
			b.Yellow++
		default:
			b.Green++
		}
		b.Lights = append(b.Lights, row)
	}
	rank := map[indicator.Color]int{indicator.Red: 0, indicator.Yellow: 1, indicator.Green: 2}
	sort.SliceStable(b.Lights, func(i, j int) bool { return rank[b.Lights[i].Color] < rank[b.Lights[j].Color] })
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
	// Indicators and those at risk.
	series, err := s.st.PlanSeries(ctx, p.ID)
	if err != nil {
		return b, err
	}
	seen := map[int64]bool{}
	for _, t := range o.Tasks {
		for _, g := range t.Targets {
			sr, ok := series[g.ID]
			if !ok || seen[sr.ID] {
				continue
			}
			seen[sr.ID] = true
			b.Indicators = append(b.Indicators, sr)
			st, err := s.st.IndicatorStatus(ctx, sr, g, p.Year)
			if err != nil {
				return b, err
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

// dashboard is the office overview, read-only for viewers; a reporter
// gets the unit's own page.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request, rq *request) error {
	if rq.is(store.RoleReporter) {
		http.Redirect(w, r, fmt.Sprintf("/units/%d/monitor", rq.user.UnitID), http.StatusSeeOther)
		return nil
	}
	v, err := s.dashboardData(r.Context(), rq, 0)
	if err != nil {
		return err
	}
	v.Flash = s.reportFlash(rq, r)
	s.render(w, r, rq, http.StatusOK, "dashboard", v)
	return nil
}

func (s *Server) dashboardData(ctx context.Context, rq *request, unitID int64) (*dashboardView, error) {
	v := &dashboardView{mPage: s.mpage(rq, "dashboard.title")}
	v.Nav = "dashboard"
	var err error
	if v.Thresholds, v.ThRev, err = s.st.Thresholds(ctx); err != nil {
		return nil, err
	}
	missing, err := s.missingNow(ctx, s.now())
	if err != nil {
		return nil, err
	}
	for _, pm := range missing {
		b, err := s.board(ctx, rq.lang, pm.Plan, unitID)
		if err != nil {
			return nil, err
		}
		if unitID != 0 {
			own := pm.Missing[:0]
			for _, m := range pm.Missing {
				if m.UnitID == unitID {
					own = append(own, m)
				}
			}
			pm.Missing = own
			if len(b.Lights) == 0 {
				continue
			}
		}
		b.Missing = pm
		v.Boards = append(v.Boards, b)
	}
	return v, nil
}

// unitMonitor is a unit's own page: its reports due, its tasks' lights.
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
	v, err := s.dashboardData(r.Context(), rq, id)
	if err != nil {
		return err
	}
	v.Unit = &u
	if v.Due, err = s.unitDue(r.Context(), id, s.now()); err != nil {
		return err
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
		v, derr := s.dashboardData(r.Context(), rq, 0)
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
