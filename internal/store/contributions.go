package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"luoshi/internal/reporting"
)

// Contribution is one value a cooperating unit reported for one of a
// task's indicators: it stands beside the official series, never in it.
type Contribution struct {
	ReportID   int64           `json:"report_id"`
	PlanID     int64           `json:"plan_id"`
	TaskID     int64           `json:"task_id"`
	TaskLabel  string          `json:"task_label"`
	UnitID     int64           `json:"unit_id"`
	UnitName   string          `json:"unit_name"`
	LeadUnitID int64           `json:"lead_unit_id"`
	Period     string          `json:"period"`
	Indicator  string          `json:"indicator"` // series key
	Value      float64         `json:"value"`
	State      reporting.State `json:"state"`
}

// Report is the contribution as the reading rules see it.
func (c Contribution) Report() reporting.Report {
	return reporting.Report{TaskID: c.TaskID, Period: c.Period, UnitID: c.UnitID, LeadUnitID: c.LeadUnitID, State: c.State}
}

// ContributionFilter selects contributions; zero fields match all.
type ContributionFilter struct {
	Indicator string // a series key
	TaskID    int64
}

// Contributions lists the values of the newest version of every
// submitted or accepted contribution, by period then unit.
func (s *Store) Contributions(ctx context.Context, f ContributionFilter) ([]Contribution, error) {
	where := []string{"r.unit_id <> r.lead_unit_id", "r.state IN ('submitted', 'accepted')"}
	var args []any
	if f.Indicator != "" {
		where = append(where, "v.indicator = ?")
		args = append(args, f.Indicator)
	}
	if f.TaskID != 0 {
		where = append(where, "r.task_id = ?")
		args = append(args, f.TaskID)
	}
	rows, err := s.query(ctx, `SELECT r.id, r.plan_id, r.task_id, t.label, r.unit_id, COALESCE(u.name, ''), r.lead_unit_id, r.period, v.indicator, v.value, r.state
		FROM report_values v JOIN reports r ON r.id = v.report_id JOIN tasks t ON t.id = r.task_id LEFT JOIN units u ON u.id = r.unit_id
		WHERE `+strings.Join(where, " AND ")+latestOnly+` ORDER BY r.period, u.name, r.id, v.ord`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: contributions: %w", err)
	}
	defer rows.Close()
	var out []Contribution
	for rows.Next() {
		var c Contribution
		var state string
		if err := rows.Scan(&c.ReportID, &c.PlanID, &c.TaskID, &c.TaskLabel, &c.UnitID, &c.UnitName, &c.LeadUnitID, &c.Period, &c.Indicator, &c.Value, &state); err != nil {
			return nil, fmt.Errorf("store: contributions: %w", err)
		}
		c.State = reporting.State(state)
		out = append(out, c)
	}
	return out, rows.Err()
}

// SeriesValueBefore returns the newest official value of the series with
// key dated before a day, ErrNotFound when there is none: the last value
// a form shows beside its input.
func (s *Store) SeriesValueBefore(ctx context.Context, key string, before time.Time) (SeriesValue, error) {
	var v SeriesValue
	err := s.queryRow(ctx, `SELECT v.as_of, v.value, COALESCE(v.unit_id, 0), COALESCE(v.report_id, 0), v.entered_at
		FROM series_values v JOIN series s ON s.id = v.series_id WHERE s.key = ? AND v.as_of < ? ORDER BY v.as_of DESC LIMIT 1`,
		key, before.Format(time.DateOnly)).Scan(&v.AsOf, &v.Value, &v.UnitID, &v.ReportID, &v.EnteredAt)
	if err != nil {
		return v, fmt.Errorf("store: value of %q before %s: %w", key, before.Format(time.DateOnly), mapErr(err))
	}
	return v, nil
}

// LastReport returns the newest version of a unit's newest report on a
// task for a period before period that is not a draft, ErrNotFound when
// there is none. Period keys of one calendar sort as their periods do.
func (s *Store) LastReport(ctx context.Context, taskID, unitID int64, period string) (Report, error) {
	rs, err := s.reports(ctx, `WHERE r.task_id = ? AND r.unit_id = ? AND r.period < ? AND r.state <> 'draft'
		ORDER BY r.period DESC, r.version DESC LIMIT 1`, taskID, unitID, period)
	if err != nil {
		return Report{}, err
	}
	if len(rs) == 0 {
		return Report{}, fmt.Errorf("store: report on task %d by unit %d before %s: %w", taskID, unitID, period, ErrNotFound)
	}
	return rs[0], nil
}
