package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"luoshi/internal/indicator"
)

// Series is one indicator series: every target with the same
// indicator.Key shares it, and its values.
type Series struct {
	ID      int64  `json:"id"`
	Key     string `json:"key"`
	Name    string `json:"name"`
	Unit    string `json:"unit"`
	Region  string `json:"region"`
	Targets int    `json:"targets"` // how many targets name it
}

// TargetKey is the series key of a target of a plan in region.
func TargetKey(t Target, region string) indicator.Key {
	return indicator.NewKey(t.Indicator, t.Unit, region)
}

// seriesID returns the id of the series with key, creating it under the
// key's own (case-folded) name.
func (t *Tx) seriesID(ctx context.Context, key string) (int64, error) {
	return t.namedSeriesID(ctx, key, splitKey(key))
}

// namedSeriesID returns the id of the series with key, creating it under
// the name, unit and region of k as a target writes them.
func (t *Tx) namedSeriesID(ctx context.Context, key string, k indicator.Key) (int64, error) {
	var id int64
	var name string
	err := t.queryRow(ctx, `SELECT id, name FROM series WHERE key = ?`, key).Scan(&id, &name)
	if err == nil {
		// Made under its key's lower-cased name (from a report's value,
		// or before names kept their case): it takes the target's.
		if name != k.Name && name == splitKey(key).Name && k.Name != "" {
			if _, err := t.exec(ctx, `UPDATE series SET name = ? WHERE id = ?`, k.Name, id); err != nil {
				return 0, fmt.Errorf("store: name series %d: %w", id, err)
			}
		}
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("store: series %q: %w", key, err)
	}
	id, err = t.insert(ctx, `INSERT INTO series (key, name, unit, region, created_at) VALUES (?, ?, ?, ?, ?)`, key, k.Name, k.Unit, k.Region, t.now)
	if err != nil {
		return 0, fmt.Errorf("store: series %q: %w", key, err)
	}
	return id, nil
}

func splitKey(key string) indicator.Key {
	var k indicator.Key
	parts := [3]string{}
	i := 0
	start := 0
	for j := 0; j < len(key) && i < 2; j++ {
		if key[j] == '|' {
			parts[i] = key[start:j]
			i++
			start = j + 1
		}
	}
	parts[i] = key[start:]
	k.Name, k.Unit, k.Region = parts[0], parts[1], parts[2]
	return k
}

// PlanSeries maps every target of a plan to its series, creating the
// series and mappings that are missing or stale (a target's indicator
// was corrected), and returns the series id of each target. It writes
// only when something changed.
func (s *Store) PlanSeries(ctx context.Context, planID int64) (map[int64]Series, error) {
	p, err := s.PlanByID(ctx, planID)
	if err != nil {
		return nil, err
	}
	targets, err := s.targets(ctx, `WHERE plan_id = ? AND indicator <> '' ORDER BY ord`, planID)
	if err != nil {
		return nil, err
	}
	load := func() (map[int64]Series, error) {
		rows, err := s.query(ctx, `SELECT ts.target_id, s.id, s.key, s.name, s.unit, s.region FROM target_series ts
			JOIN series s ON s.id = ts.series_id JOIN targets g ON g.id = ts.target_id WHERE g.plan_id = ?`, planID)
		if err != nil {
			return nil, fmt.Errorf("store: plan series: %w", err)
		}
		defer rows.Close()
		out := map[int64]Series{}
		for rows.Next() {
			var tid int64
			var sr Series
			if err := rows.Scan(&tid, &sr.ID, &sr.Key, &sr.Name, &sr.Unit, &sr.Region); err != nil {
				return nil, err
			}
			out[tid] = sr
		}
		return out, rows.Err()
	}
	have, err := load()
	if err != nil {
		return nil, err
	}
	var stale []Target
	renamed := map[int64]string{}
	for _, g := range targets {
		key := TargetKey(g, p.Region).String()
		sr, ok := have[g.ID]
		if !ok || sr.Key != key {
			stale = append(stale, g)
			continue
		}
		// A series made before names kept their case carries its key's
		// lower-cased name: it takes the target's as written (5G, 4A).
		if name := indicator.Display(g.Indicator); sr.Name != name && sr.Name == splitKey(key).Name {
			if _, done := renamed[sr.ID]; !done {
				renamed[sr.ID] = name
			}
		}
	}
	if len(stale) == 0 && len(renamed) == 0 {
		return have, nil
	}
	err = s.Tx(ctx, func(tx *Tx) error {
		for id, name := range renamed {
			if _, err := tx.exec(ctx, `UPDATE series SET name = ? WHERE id = ?`, name, id); err != nil {
				return fmt.Errorf("store: name series %d: %w", id, err)
			}
		}
		for _, g := range stale {
			sid, err := tx.namedSeriesID(ctx, TargetKey(g, p.Region).String(), indicator.DisplayKey(g.Indicator, g.Unit, p.Region))
			if err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `INSERT INTO target_series (target_id, series_id) VALUES (?, ?)
				ON CONFLICT (target_id) DO UPDATE SET series_id = excluded.series_id`, g.ID, sid); err != nil {
				return fmt.Errorf("store: map target %d: %w", g.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return load()
}

// SeriesByID returns a series with the number of targets naming it.
func (s *Store) SeriesByID(ctx context.Context, id int64) (Series, error) {
	var sr Series
	err := s.queryRow(ctx, `SELECT s.id, s.key, s.name, s.unit, s.region, (SELECT COUNT(*) FROM target_series ts WHERE ts.series_id = s.id)
		FROM series s WHERE s.id = ?`, id).Scan(&sr.ID, &sr.Key, &sr.Name, &sr.Unit, &sr.Region, &sr.Targets)
	if err != nil {
		return sr, fmt.Errorf("store: series %d: %w", id, mapErr(err))
	}
	return sr, nil
}

// SeriesTarget is a target naming a series, with its plan and task.
type SeriesTarget struct {
	Target
	PlanTitle   string     `json:"plan_title"`
	PlanStatus  string     `json:"plan_status"`
	PlanPublic  bool       `json:"plan_public"`
	TaskLabel   string     `json:"task_label"`
	PublishedAt *time.Time `json:"published_at,omitempty"`
}

// SeriesTargets lists the targets that name a series.
func (s *Store) SeriesTargets(ctx context.Context, seriesID int64) ([]SeriesTarget, error) {
	rows, err := s.query(ctx, `SELECT g.id, g.plan_id, COALESCE(g.task_id, 0), g.ord, g.text, g.indicator, g.value, g.unit, g.comparator, g.year,
		p.title, p.status, p.public, COALESCE(t.label, ''), p.published_at
		FROM target_series ts JOIN targets g ON g.id = ts.target_id JOIN plans p ON p.id = g.plan_id LEFT JOIN tasks t ON t.id = g.task_id
		WHERE ts.series_id = ? ORDER BY p.id, g.ord`, seriesID)
	if err != nil {
		return nil, fmt.Errorf("store: series targets: %w", err)
	}
	defer rows.Close()
	var out []SeriesTarget
	for rows.Next() {
		var st SeriesTarget
		var pub sql.NullTime
		if err := rows.Scan(&st.ID, &st.PlanID, &st.TaskID, &st.Ord, &st.Text, &st.Indicator, &st.Value, &st.Unit, &st.Comparator, &st.Year,
			&st.PlanTitle, &st.PlanStatus, &st.PlanPublic, &st.TaskLabel, &pub); err != nil {
			return nil, fmt.Errorf("store: series targets: %w", err)
		}
		if pub.Valid {
			st.PublishedAt = &pub.Time
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// SeriesValue is one reported value of a series.
type SeriesValue struct {
	AsOf      string    `json:"as_of"` // YYYY-MM-DD
	Value     float64   `json:"value"`
	UnitID    int64     `json:"unit_id"`
	UnitName  string    `json:"unit_name"`
	ReportID  int64     `json:"report_id"`
	EnteredAt time.Time `json:"entered_at"`
	// Flags are the value's plausibility flags against its target
	// (indicator.Plausible), computed when the series is assessed.
	Flags []string `json:"flags,omitempty"`
}

// Point is the value as a point of the indicator's time axis.
func (v SeriesValue) Point() (indicator.Point, error) {
	d, err := time.Parse(time.DateOnly, v.AsOf)
	return indicator.Point{Date: d, Value: v.Value}, err
}

// SeriesValues lists a series' values, oldest first.
func (s *Store) SeriesValues(ctx context.Context, seriesID int64) ([]SeriesValue, error) {
	rows, err := s.query(ctx, `SELECT v.as_of, v.value, COALESCE(v.unit_id, 0), COALESCE(u.name, ''), COALESCE(v.report_id, 0), v.entered_at
		FROM series_values v LEFT JOIN units u ON u.id = v.unit_id WHERE v.series_id = ? ORDER BY v.as_of`, seriesID)
	if err != nil {
		return nil, fmt.Errorf("store: series values: %w", err)
	}
	defer rows.Close()
	var out []SeriesValue
	for rows.Next() {
		var v SeriesValue
		if err := rows.Scan(&v.AsOf, &v.Value, &v.UnitID, &v.UnitName, &v.ReportID, &v.EnteredAt); err != nil {
			return nil, fmt.Errorf("store: series values: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// putValue records a value of a series at a date, replacing the one
// reported before for that date.
func (t *Tx) putValue(ctx context.Context, a Actor, seriesID int64, asOf time.Time, v float64, unitID, reportID int64) error {
	d := asOf.Format(time.DateOnly)
	if _, err := t.exec(ctx, `INSERT INTO series_values (series_id, as_of, value, unit_id, report_id, entered_by, entered_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (series_id, as_of) DO UPDATE SET value = excluded.value, unit_id = excluded.unit_id,
		report_id = excluded.report_id, entered_by = excluded.entered_by, entered_at = excluded.entered_at`,
		seriesID, d, v, nullID(unitID), nullID(reportID), nullID(a.UserID), t.now); err != nil {
		return fmt.Errorf("store: value of series %d at %s: %w", seriesID, d, err)
	}
	return t.audit(ctx, a, "put_value", "series", seriesID, 0, nil, map[string]any{"as_of": d, "value": v, "unit_id": unitID, "report_id": reportID})
}

// PutSeriesValue records a value of a series at a date outside a
// report, as a data officer does.
func (s *Store) PutSeriesValue(ctx context.Context, a Actor, seriesID int64, asOf time.Time, v float64, unitID int64) error {
	return s.Tx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM series WHERE id = ?`, seriesID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("store: series %d: %w", seriesID, ErrNotFound)
		}
		return tx.putValue(ctx, a, seriesID, asOf, v, unitID, 0)
	})
}

// SeriesValueByKey returns the value of the series with key at a date,
// ErrNotFound when none was reported: a form shows it so that a value
// is entered once.
func (s *Store) SeriesValueByKey(ctx context.Context, key string, asOf time.Time) (float64, error) {
	var v float64
	err := s.queryRow(ctx, `SELECT v.value FROM series_values v JOIN series s ON s.id = v.series_id WHERE s.key = ? AND v.as_of = ?`,
		key, asOf.Format(time.DateOnly)).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("store: value of %q: %w", key, mapErr(err))
	}
	return v, nil
}

// trajectoryBody is a trajectory as stored, with civil dates.
type trajectoryBody struct {
	Comparator string      `json:"comparator"`
	Baseline   pointBody   `json:"baseline"`
	Target     pointBody   `json:"target"`
	Milestones []pointBody `json:"milestones"`
}

type pointBody struct {
	Date  string  `json:"date"`
	Value float64 `json:"value"`
}

func toPoint(p pointBody) (indicator.Point, error) {
	d, err := time.Parse(time.DateOnly, p.Date)
	return indicator.Point{Date: d, Value: p.Value}, err
}

func fromPoint(p indicator.Point) pointBody {
	return pointBody{Date: p.Date.Format(time.DateOnly), Value: p.Value}
}

// Trajectory returns the office's trajectory of a series and its
// revision, ErrNotFound when the office set none.
func (s *Store) Trajectory(ctx context.Context, sr Series) (indicator.Trajectory, int, error) {
	var body string
	var rev int
	if err := s.queryRow(ctx, `SELECT body, rev FROM trajectories WHERE series_id = ?`, sr.ID).Scan(&body, &rev); err != nil {
		return indicator.Trajectory{}, 0, fmt.Errorf("store: trajectory of series %d: %w", sr.ID, mapErr(err))
	}
	var b trajectoryBody
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		return indicator.Trajectory{}, 0, fmt.Errorf("store: trajectory of series %d: %w", sr.ID, err)
	}
	tr := indicator.Trajectory{Goal: indicator.Goal{Indicator: indicator.Key{Name: sr.Name, Unit: sr.Unit, Region: sr.Region}, Comparator: b.Comparator}}
	var err error
	if tr.Baseline, err = toPoint(b.Baseline); err != nil {
		return tr, rev, err
	}
	if tr.Target, err = toPoint(b.Target); err != nil {
		return tr, rev, err
	}
	for _, m := range b.Milestones {
		p, err := toPoint(m)
		if err != nil {
			return tr, rev, err
		}
		tr.Milestones = append(tr.Milestones, p)
	}
	return tr, rev, nil
}

// SetTrajectory saves the trajectory of a series; rev is the revision
// the editor saw (0 when there was none). An invalid trajectory is
// ErrInvalid; a newer revision in the store is ErrConflict.
func (s *Store) SetTrajectory(ctx context.Context, a Actor, seriesID int64, tr indicator.Trajectory, rev int) (int, error) {
	if err := tr.Validate(); err != nil {
		return 0, fmt.Errorf("store: trajectory: %w: %w", ErrInvalid, err)
	}
	b := trajectoryBody{Comparator: tr.Comparator, Baseline: fromPoint(tr.Baseline), Target: fromPoint(tr.Target)}
	for _, m := range tr.Milestones {
		b.Milestones = append(b.Milestones, fromPoint(m))
	}
	body, err := json.Marshal(b)
	if err != nil {
		return 0, err
	}
	err = s.Tx(ctx, func(tx *Tx) error {
		var cur int
		var old string
		err := tx.queryRow(ctx, `SELECT rev, body FROM trajectories WHERE series_id = ?`, seriesID).Scan(&cur, &old)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if rev != 0 {
				return fmt.Errorf("store: trajectory of series %d: %w", seriesID, ErrConflict)
			}
			if _, err := tx.exec(ctx, `INSERT INTO trajectories (series_id, body, rev, updated_by, updated_at) VALUES (?, ?, 1, ?, ?)`,
				seriesID, string(body), nullID(a.UserID), tx.now); err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			res, err := tx.exec(ctx, `UPDATE trajectories SET body = ?, rev = rev + 1, updated_by = ?, updated_at = ? WHERE series_id = ? AND rev = ?`,
				string(body), nullID(a.UserID), tx.now, seriesID, rev)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return fmt.Errorf("store: trajectory of series %d at revision %d, not %d: %w", seriesID, cur, rev, ErrConflict)
			}
		}
		return tx.audit(ctx, a, "set_trajectory", "series", seriesID, 0, json.RawMessage(orNull(old)), json.RawMessage(body))
	})
	return rev + 1, err
}
