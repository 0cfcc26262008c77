package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"luoshi/internal/indicator"
	"luoshi/internal/store"
)

// seriesGoal is a series with the first published target naming it and
// its assessment; the caller must be signed in.
func (s *Server) seriesState(ctx context.Context, id int64) (store.IndicatorState, []store.SeriesTarget, error) {
	sr, err := s.st.SeriesByID(ctx, id)
	if err != nil {
		return store.IndicatorState{}, nil, err
	}
	targets, err := s.st.SeriesTargets(ctx, id)
	if err != nil {
		return store.IndicatorState{}, nil, err
	}
	var first *store.SeriesTarget
	for i := range targets {
		if targets[i].PlanStatus == store.PlanPublished {
			first = &targets[i]
			break
		}
	}
	if first == nil {
		return store.IndicatorState{}, nil, fmt.Errorf("series %d has no published target: %w", id, store.ErrNotFound)
	}
	year := 0
	if p, err := s.st.PlanByID(ctx, first.PlanID); err == nil {
		year = p.Year
	}
	st, err := s.st.IndicatorStatus(ctx, sr, first.Target, year)
	return st, targets, err
}

// readableTargets are the targets naming a series that the caller may
// read: the office all, the others those of published plans, as the
// plans themselves.
func readableTargets(rq *request, targets []store.SeriesTarget) []store.SeriesTarget {
	out := []store.SeriesTarget{}
	for _, t := range targets {
		if rq.is(store.RoleOffice) || t.PlanStatus == store.PlanPublished {
			out = append(out, t)
		}
	}
	return out
}

type indicatorView struct {
	mPage
	State    store.IndicatorState
	Targets  []store.SeriesTarget
	Chart    template.HTML
	Warnings []string
	// Milestones as the form shows them, one "date value" a line.
	Milestones string
	Error      string
	Today      string
	// Contributions are the cooperating units' values beside the
	// official series, those the reader may see.
	Contributions []store.Contribution
}

func (s *Server) indicatorPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	v, err := s.indicatorData(r.Context(), rq, id)
	if err != nil {
		return err
	}
	v.Flash = s.reportFlash(rq, r)
	s.render(w, r, rq, http.StatusOK, "indicator", v)
	return nil
}

func (s *Server) indicatorData(ctx context.Context, rq *request, id int64) (*indicatorView, error) {
	st, targets, err := s.seriesState(ctx, id)
	if err != nil {
		return nil, err
	}
	v := &indicatorView{mPage: s.mpage(rq, "indicator.title"), State: st, Targets: readableTargets(rq, targets), Today: s.now().Format(time.DateOnly)}
	v.Title = st.Series.Name
	v.Nav = "dashboard"
	if v.Contributions, err = s.sup.SeriesContributions(ctx, supActor(rq), st.Series.Key); err != nil {
		return nil, err
	}
	var ms []string
	for _, m := range st.Trajectory.Milestones {
		ms = append(ms, m.Date.Format(time.DateOnly)+" "+num(m.Value))
	}
	v.Milestones = strings.Join(ms, "\n")
	if st.Assessment != nil {
		for _, w := range st.Assessment.Warnings {
			v.Warnings = append(v.Warnings, s.warningText(rq.lang, w))
		}
	}
	svg, err := s.chartSVG(rq.lang, st)
	if err != nil {
		return nil, err
	}
	v.Chart = template.HTML(svg) // indicator.Chart escapes every text it writes
	return v, nil
}

func (s *Server) chartSVG(lang string, st store.IndicatorState) (string, error) {
	var p *indicator.Projection
	if st.Assessment != nil {
		p = &st.Assessment.Projection
	}
	labels := indicator.ChartLabels{Trajectory: s.cat.T(lang, "chart.trajectory"), Values: s.cat.T(lang, "chart.values"),
		Projection: s.cat.T(lang, "chart.projection"), Target: s.cat.T(lang, "chart.target")}
	var buf bytes.Buffer
	title := st.Series.Name
	if st.Series.Unit != "" {
		title += "（" + st.Series.Unit + "）"
	}
	if err := indicator.Chart(&buf, title, indicator.ChartSeries(st.Trajectory, st.Points, p, labels)...); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// indicatorChart serves the chart alone, for printing or embedding.
func (s *Server) indicatorChart(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	st, _, err := s.seriesState(r.Context(), id)
	if err != nil {
		return err
	}
	svg, err := s.chartSVG(rq.lang, st)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "no-store")
	w.Write([]byte(svg))
	return nil
}

// parseTrajectory reads the office's trajectory form.
func parseTrajectory(r *http.Request, base indicator.Trajectory) (indicator.Trajectory, error) {
	bad := userError(http.StatusBadRequest, "trajectory.invalid")
	date := func(k string) (time.Time, error) {
		return time.Parse(time.DateOnly, strings.TrimSpace(r.PostFormValue(k)))
	}
	val := func(k string) (float64, error) { return strconv.ParseFloat(strings.TrimSpace(r.PostFormValue(k)), 64) }
	tr := indicator.Trajectory{Goal: indicator.Goal{Indicator: base.Indicator, Comparator: r.PostFormValue("comparator")}}
	var err error
	if tr.Baseline.Date, err = date("baseline_date"); err != nil {
		return tr, bad
	}
	if tr.Baseline.Value, err = val("baseline_value"); err != nil {
		return tr, bad
	}
	if tr.Target.Date, err = date("target_date"); err != nil {
		return tr, bad
	}
	if tr.Target.Value, err = val("target_value"); err != nil {
		return tr, bad
	}
	switch r.PostFormValue("generate") {
	case "year", "quarter":
		return indicator.NewTrajectory(tr.Goal, indicator.Step(r.PostFormValue("generate")))
	}
	for _, line := range strings.Split(r.PostFormValue("milestones"), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) != 2 {
			return tr, bad
		}
		d, err1 := time.Parse(time.DateOnly, f[0])
		x, err2 := strconv.ParseFloat(f[1], 64)
		if err1 != nil || err2 != nil {
			return tr, bad
		}
		tr.Milestones = append(tr.Milestones, indicator.Point{Date: d, Value: x})
	}
	return tr, tr.Validate()
}

func (s *Server) saveTrajectory(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	v, err := s.indicatorData(r.Context(), rq, id)
	if err != nil {
		return err
	}
	rev, _ := strconv.Atoi(r.PostFormValue("rev"))
	tr, err := parseTrajectory(r, v.State.Trajectory)
	if err == nil {
		_, err = s.st.SetTrajectory(r.Context(), rq.actor(), id, tr, rev)
	}
	if err != nil && !errors.Is(err, store.ErrConflict) {
		var e *Error
		if errors.As(err, &e) || errors.Is(err, store.ErrInvalid) || errors.Is(err, indicator.ErrGoal) || errors.Is(err, indicator.ErrTrajectory) {
			v.Error = s.cat.T(rq.lang, "trajectory.invalid") + " " + strings.TrimPrefix(err.Error(), "store: trajectory: ")
			v.Milestones = r.PostFormValue("milestones")
			s.render(w, r, rq, http.StatusBadRequest, "indicator", v)
			return nil
		}
		return err
	}
	if err != nil {
		return userError(http.StatusConflict, "error.conflict")
	}
	http.Redirect(w, r, fmt.Sprintf("/indicators/%d?done=trajectory_saved", id), http.StatusSeeOther)
	return nil
}

// saveValue records a value outside a report, as a data officer does.
func (s *Server) saveValue(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	d, err := time.Parse(time.DateOnly, strings.TrimSpace(r.PostFormValue("as_of")))
	if err != nil {
		return userError(http.StatusBadRequest, "value.invalid")
	}
	x, err := strconv.ParseFloat(strings.TrimSpace(r.PostFormValue("value")), 64)
	if err != nil || x != x {
		return userError(http.StatusBadRequest, "value.invalid")
	}
	if err := s.st.PutSeriesValue(r.Context(), rq.actor(), id, d, x, 0); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/indicators/%d?done=value_saved", id), http.StatusSeeOther)
	return nil
}
