package supervision

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"luoshi/internal/reporting"
	"luoshi/internal/store"
)

// ValueField is one target's value on a report form.
type ValueField struct {
	Target store.Target
	Key    string // series key, the "indicator" of a report's value
	// Value is this report's, as stored; for the lead unit, when the
	// report has none, the official value another task already has for
	// the period (Shared), so that a value is entered once.
	Value  string
	Shared bool
	// Official is the series' official value of the period, shown beside
	// a cooperating unit's input, never in it: the unit's value is its
	// contribution, not the lead's.
	Official *float64
	// Last is the newest official value before the period.
	Last *store.SeriesValue
}

// FormInput names the report form to show.
type FormInput struct {
	TaskID int64
	Period string
	// CopyLast pre-fills an editable draft with the unit's last report
	// on the task (not saved until the reporter saves it).
	CopyLast bool
}

// Form is what a report form shows one actor.
type Form struct {
	Scope
	Current  store.Report // the actor's unit's report; a fresh draft when none is stored
	Exists   bool
	Editable bool
	Versions []store.Report
	// Others are the other units' reports of the period the actor may
	// read: a lead unit's contributions; every submitted one for the
	// office and viewers; none for a cooperating unit.
	Others    []store.Report
	Values    []ValueField
	Reminders []store.Reminder
	// Last is the unit's last report on the task before the period, the
	// one "copy from last period" and "no progress" start from.
	Last *store.Report
	// CopiedFrom is Last's period when the form was pre-filled from it.
	CopiedFrom string
	CanDecide  bool
}

// Form loads the report form of a task and period for the actor.
func (s *Service) Form(ctx context.Context, a Actor, in FormInput) (Form, error) {
	sc, err := s.ScopeOf(ctx, a, in.TaskID, in.Period)
	if err != nil {
		return Form{}, err
	}
	f := Form{Scope: sc, CanDecide: a.Role == reporting.Office}
	all, err := s.st.TaskReports(ctx, sc.Task.ID)
	if err != nil {
		return f, err
	}
	var period []store.Report
	for _, o := range all {
		if o.Period == sc.Period.Key && (sc.Role == "" || o.UnitID != a.UnitID) {
			period = append(period, o)
		}
	}
	f.Others = s.visible(a, period)
	if sc.Role != "" {
		versions, err := s.st.ReportVersions(ctx, sc.Task.ID, a.UnitID, sc.Period.Key)
		if err != nil {
			return f, err
		}
		f.Versions = s.visible(a, versions)
		if n := len(versions); n > 0 {
			f.Current, f.Exists = versions[n-1], true
		} else if f.Current, err = s.current(ctx, a, sc); err != nil {
			return f, err
		}
		f.Editable = f.Current.State == reporting.Draft
		last, err := s.st.LastReport(ctx, sc.Task.ID, a.UnitID, sc.Period.Key)
		switch {
		case err == nil:
			f.Last = &last
		case !errors.Is(err, store.ErrNotFound):
			return f, err
		}
		if in.CopyLast && f.Editable && f.Last != nil {
			f.Current.Content = reporting.CopyOf(f.Last.Content)
			f.CopiedFrom = f.Last.Period
		}
	}
	if f.Values, err = s.values(ctx, sc, f.Current.Content); err != nil {
		return f, err
	}
	if f.Reminders, err = s.st.Reminders(ctx, store.ReminderFilter{TaskID: sc.Task.ID, Limit: 20}); err != nil {
		return f, err
	}
	if a.Role == reporting.Reporter {
		own := f.Reminders[:0]
		for _, m := range f.Reminders {
			if m.UnitID == a.UnitID {
				own = append(own, m)
			}
		}
		f.Reminders = own
	}
	return f, nil
}

// values are the form's value fields of content in scope.
func (s *Service) values(ctx context.Context, sc Scope, c reporting.Content) ([]ValueField, error) {
	have := map[string]float64{}
	for _, v := range c.Values {
		have[v.Indicator] = v.Value
	}
	var out []ValueField
	for _, g := range sc.Task.Targets {
		if g.Indicator == "" {
			continue
		}
		f := ValueField{Target: g, Key: store.TargetKey(g, sc.Plan.Region).String()}
		official, err := s.st.SeriesValueByKey(ctx, f.Key, sc.Period.Last())
		switch {
		case err == nil:
			f.Official = &official
		case !errors.Is(err, store.ErrNotFound):
			return nil, err
		}
		if x, ok := have[f.Key]; ok {
			f.Value = strconv.FormatFloat(x, 'f', -1, 64)
		} else if f.Official != nil && sc.Role == "lead" {
			f.Value, f.Shared = strconv.FormatFloat(*f.Official, 'f', -1, 64), true
		}
		last, err := s.st.SeriesValueBefore(ctx, f.Key, sc.Period.Start)
		switch {
		case err == nil:
			f.Last = &last
		case !errors.Is(err, store.ErrNotFound):
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// TaskValue is one target of a task with its official value and the
// cooperating units' contributions beside it.
type TaskValue struct {
	Target        store.Target
	Key           string
	SeriesID      int64
	Official      []store.SeriesValue // the series' values, oldest first
	Contributions []store.Contribution
}

// TaskValues lists a task's targets with their series' official values
// and the contributions the actor may read: all for the office and
// viewers, its task's for a lead unit, its own for a cooperating unit.
func (s *Service) TaskValues(ctx context.Context, a Actor, t store.Task) ([]TaskValue, error) {
	if a.Role == "" {
		return nil, nil
	}
	series, err := s.st.PlanSeries(ctx, t.PlanID)
	if err != nil {
		return nil, err
	}
	contribs, err := s.st.Contributions(ctx, store.ContributionFilter{TaskID: t.ID})
	if err != nil {
		return nil, err
	}
	var out []TaskValue
	for _, g := range t.Targets {
		sr, ok := series[g.ID]
		if !ok {
			continue
		}
		tv := TaskValue{Target: g, Key: sr.Key, SeriesID: sr.ID}
		if tv.Official, err = s.st.SeriesValues(ctx, sr.ID); err != nil {
			return nil, err
		}
		for _, c := range contribs {
			if c.Indicator == sr.Key && reporting.CanRead(c.Report(), a.rep()) {
				tv.Contributions = append(tv.Contributions, c)
			}
		}
		out = append(out, tv)
	}
	return out, nil
}

// SeriesContributions lists the contributions to a series the actor may
// read.
func (s *Service) SeriesContributions(ctx context.Context, a Actor, key string) ([]store.Contribution, error) {
	all, err := s.st.Contributions(ctx, store.ContributionFilter{Indicator: key})
	if err != nil {
		return nil, err
	}
	var out []store.Contribution
	for _, c := range all {
		if reporting.CanRead(c.Report(), a.rep()) {
			out = append(out, c)
		}
	}
	return out, nil
}

// TaskHistory is a task's audit history as the actor may read it. A
// report's entries follow the report's reading rules (reporting.CanRead:
// a draft is its unit's own; a reporter reads its own unit's reports and,
// leading the task, the contributions), without the office's comment
// on another unit's report; a reminder is its unit's and the office's.
func (s *Service) TaskHistory(ctx context.Context, a Actor, t store.Task) ([]store.AuditEntry, error) {
	if a.Role == "" {
		return nil, nil
	}
	entries, err := s.st.AuditFor(ctx, "task", t.ID)
	if err != nil {
		return nil, err
	}
	lead := leadOf(t)
	out := entries[:0]
	for _, e := range entries {
		var rec struct {
			UnitID int64           `json:"unit_id"`
			State  reporting.State `json:"state"`
		}
		switch {
		case strings.HasPrefix(e.Action, "report_"):
			if json.Unmarshal([]byte(e.After), &rec) != nil {
				continue
			}
			r := reporting.Report{TaskID: t.ID, UnitID: rec.UnitID, LeadUnitID: lead, State: rec.State}
			if leads(t, rec.UnitID) {
				r.LeadUnitID = rec.UnitID
			}
			if !reporting.CanRead(r, a.rep()) {
				continue
			}
			if a.Role == reporting.Reporter && rec.UnitID != a.UnitID {
				e.After = withoutComment(e.After)
			}
		case e.Action == "remind":
			if a.Role == reporting.Reporter {
				if json.Unmarshal([]byte(e.After), &rec) != nil || rec.UnitID != a.UnitID {
					continue
				}
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// withoutComment drops the "comment" of a recorded JSON object.
func withoutComment(raw string) string {
	var m map[string]json.RawMessage
	if json.Unmarshal([]byte(raw), &m) != nil {
		return raw
	}
	delete(m, "comment")
	b, err := json.Marshal(m)
	if err != nil {
		return raw
	}
	return string(b)
}
