package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"luoshi/internal/indicator"
	"luoshi/internal/reporting"
)

// Calendar is a plan's stored reporting calendar. Dates are civil dates
// written YYYY-MM-DD.
type Calendar struct {
	PlanID    int64     `json:"plan_id"`
	Frequency string    `json:"frequency"`
	DueDay    int       `json:"due_day"`
	DueAfter  int       `json:"due_after"`
	Dates     []string  `json:"dates"`
	Start     string    `json:"start"`
	End       string    `json:"end"` // "" for a calendar without an end
	Rev       int       `json:"rev"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Reporting turns the stored calendar into the rules' calendar, in
// China's time zone.
func (c Calendar) Reporting() (reporting.Calendar, error) {
	loc := reporting.Shanghai()
	rc := reporting.Calendar{Frequency: reporting.Frequency(c.Frequency), DueDay: c.DueDay, DueAfter: c.DueAfter, Location: loc}
	if c.Start != "" {
		t, err := time.ParseInLocation(time.DateOnly, c.Start, loc)
		if err != nil {
			return rc, fmt.Errorf("%w: start %q is not a date", reporting.ErrCalendar, c.Start)
		}
		rc.Start = t
	}
	if c.End != "" {
		t, err := time.ParseInLocation(time.DateOnly, c.End, loc)
		if err != nil {
			return rc, fmt.Errorf("%w: end %q is not a date", reporting.ErrCalendar, c.End)
		}
		rc.End = t
	}
	for _, d := range c.Dates {
		t, err := time.ParseInLocation(time.DateOnly, d, loc)
		if err != nil {
			return rc, fmt.Errorf("%w: %q is not a date", reporting.ErrCalendar, d)
		}
		rc.Dates = append(rc.Dates, t)
	}
	if rc.Frequency != reporting.Dates && rc.Start.IsZero() {
		return rc, reporting.ErrNoStart
	}
	return rc, rc.Validate()
}

const calendarColumns = `plan_id, frequency, due_day, due_after, dates, start_date, end_date, rev, updated_at`

func scanCalendar(sc interface{ Scan(...any) error }) (Calendar, error) {
	var c Calendar
	var dates string
	if err := sc.Scan(&c.PlanID, &c.Frequency, &c.DueDay, &c.DueAfter, &dates, &c.Start, &c.End, &c.Rev, &c.UpdatedAt); err != nil {
		return c, mapErr(err)
	}
	if dates != "" {
		c.Dates = strings.Split(dates, ",")
	}
	return c, nil
}

// CalendarFor returns a plan's calendar, ErrNotFound when it has none.
func (s *Store) CalendarFor(ctx context.Context, planID int64) (Calendar, error) {
	c, err := scanCalendar(s.queryRow(ctx, `SELECT `+calendarColumns+` FROM calendars WHERE plan_id = ?`, planID))
	if err != nil {
		return c, fmt.Errorf("store: calendar of plan %d: %w", planID, err)
	}
	return c, nil
}

// Calendars returns the calendars of every plan that has one, by plan.
func (s *Store) Calendars(ctx context.Context) (map[int64]Calendar, error) {
	rows, err := s.query(ctx, `SELECT `+calendarColumns+` FROM calendars`)
	if err != nil {
		return nil, fmt.Errorf("store: calendars: %w", err)
	}
	defer rows.Close()
	out := map[int64]Calendar{}
	for rows.Next() {
		c, err := scanCalendar(rows)
		if err != nil {
			return nil, fmt.Errorf("store: calendars: %w", err)
		}
		out[c.PlanID] = c
	}
	return out, rows.Err()
}

// SetCalendar creates or replaces a plan's calendar. c.Rev is the
// revision the editor saw, 0 for a plan without a calendar; anything
// else in the store is ErrConflict. An invalid calendar is ErrInvalid.
func (s *Store) SetCalendar(ctx context.Context, a Actor, c Calendar) (int, error) {
	if _, err := c.Reporting(); err != nil {
		return 0, fmt.Errorf("store: calendar: %w: %w", ErrInvalid, err)
	}
	for i, d := range c.Dates {
		c.Dates[i] = strings.TrimSpace(d)
	}
	rev := c.Rev + 1
	err := s.Tx(ctx, func(tx *Tx) error {
		var before *Calendar
		old, err := scanCalendar(tx.queryRow(ctx, `SELECT `+calendarColumns+` FROM calendars WHERE plan_id = ?`, c.PlanID))
		switch {
		case err == nil:
			before = &old
			if old.Rev != c.Rev {
				return fmt.Errorf("store: calendar of plan %d is at revision %d, not %d: %w", c.PlanID, old.Rev, c.Rev, ErrConflict)
			}
			_, err = tx.exec(ctx, `UPDATE calendars SET frequency = ?, due_day = ?, due_after = ?, dates = ?, start_date = ?, end_date = ?, rev = ?, updated_at = ?
				WHERE plan_id = ? AND rev = ?`, c.Frequency, c.DueDay, c.DueAfter, strings.Join(c.Dates, ","), c.Start, c.End, rev, tx.now, c.PlanID, c.Rev)
		case errors.Is(err, ErrNotFound):
			if c.Rev != 0 {
				return fmt.Errorf("store: calendar of plan %d was removed: %w", c.PlanID, ErrConflict)
			}
			_, err = tx.exec(ctx, `INSERT INTO calendars (`+calendarColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				c.PlanID, c.Frequency, c.DueDay, c.DueAfter, strings.Join(c.Dates, ","), c.Start, c.End, rev, tx.now)
		}
		if err != nil {
			return fmt.Errorf("store: calendar of plan %d: %w", c.PlanID, err)
		}
		after := c
		after.Rev = rev
		return tx.audit(ctx, a, "set_calendar", "plan", c.PlanID, c.PlanID, before, after)
	})
	return rev, err
}

// Thresholds returns the office's light thresholds and their revision;
// the defaults at revision 0 when the office never set them.
func (s *Store) Thresholds(ctx context.Context) (indicator.Thresholds, int, error) {
	var body string
	var rev int
	err := s.queryRow(ctx, `SELECT body, rev FROM thresholds WHERE scope = ''`).Scan(&body, &rev)
	if err != nil {
		if errors.Is(mapErr(err), ErrNotFound) {
			return indicator.DefaultThresholds(), 0, nil
		}
		return indicator.Thresholds{}, 0, fmt.Errorf("store: thresholds: %w", err)
	}
	th := indicator.DefaultThresholds()
	if err := json.Unmarshal([]byte(body), &th); err != nil {
		return th, rev, fmt.Errorf("store: thresholds: %w", err)
	}
	return th, rev, nil
}

// SetThresholds saves the light thresholds; rev is the revision the
// editor saw (0 for the defaults).
func (s *Store) SetThresholds(ctx context.Context, a Actor, th indicator.Thresholds, rev int) (int, error) {
	if err := th.Validate(); err != nil {
		return 0, fmt.Errorf("store: thresholds: %w: %w", ErrInvalid, err)
	}
	body, err := json.Marshal(th)
	if err != nil {
		return 0, err
	}
	err = s.Tx(ctx, func(tx *Tx) error {
		var cur int
		var old string
		err := tx.queryRow(ctx, `SELECT rev, body FROM thresholds WHERE scope = ''`).Scan(&cur, &old)
		switch {
		case errors.Is(mapErr(err), ErrNotFound):
			if rev != 0 {
				return fmt.Errorf("store: thresholds: %w", ErrConflict)
			}
			if _, err := tx.exec(ctx, `INSERT INTO thresholds (scope, body, rev, updated_at) VALUES ('', ?, 1, ?)`, string(body), tx.now); err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			if cur != rev {
				return fmt.Errorf("store: thresholds at revision %d, not %d: %w", cur, rev, ErrConflict)
			}
			if _, err := tx.exec(ctx, `UPDATE thresholds SET body = ?, rev = rev + 1, updated_at = ? WHERE scope = '' AND rev = ?`, string(body), tx.now, rev); err != nil {
				return err
			}
		}
		return tx.audit(ctx, a, "set_thresholds", "thresholds", 0, 0, json.RawMessage(orNull(old)), json.RawMessage(body))
	})
	return rev + 1, err
}

func orNull(s string) string {
	if s == "" {
		return "null"
	}
	return s
}

// SetTaskFrequency sets how often a task reports, apart from its plan's
// calendar: "monthly" or "quarterly", "" to follow the calendar. Anything
// else is ErrInvalid.
func (s *Store) SetTaskFrequency(ctx context.Context, a Actor, taskID int64, freq string) error {
	if !reporting.ValidTaskFrequency(reporting.Frequency(freq)) {
		return fmt.Errorf("store: task %d: frequency %q: %w", taskID, freq, ErrInvalid)
	}
	return s.Tx(ctx, func(tx *Tx) error {
		var planID int64
		var before string
		if err := tx.queryRow(ctx, `SELECT plan_id, frequency FROM tasks WHERE id = ?`, taskID).Scan(&planID, &before); err != nil {
			return fmt.Errorf("store: task %d: %w", taskID, mapErr(err))
		}
		if before == freq {
			return nil
		}
		if _, err := tx.exec(ctx, `UPDATE tasks SET frequency = ?, updated_at = ? WHERE id = ?`, freq, tx.now, taskID); err != nil {
			return fmt.Errorf("store: task %d frequency: %w", taskID, err)
		}
		type state struct {
			Frequency string `json:"frequency"`
		}
		return tx.audit(ctx, a, "set_frequency", "task", taskID, planID, state{before}, state{freq})
	})
}

// PlanFrequencies returns the frequencies a plan's open tasks report at
// apart from its calendar, each once.
func (s *Store) PlanFrequencies(ctx context.Context, planID int64) ([]string, error) {
	rows, err := s.query(ctx, `SELECT DISTINCT frequency FROM tasks WHERE plan_id = ? AND frequency <> '' AND closed_at IS NULL ORDER BY frequency`, planID)
	if err != nil {
		return nil, fmt.Errorf("store: plan %d frequencies: %w", planID, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var f string
		if err := rows.Scan(&f); err != nil {
			return nil, fmt.Errorf("store: plan %d frequencies: %w", planID, err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// TargetYears returns the years of a plan's targets, one per target that
// names a year, for the default span of its calendar.
func (s *Store) TargetYears(ctx context.Context, planID int64) ([]int, error) {
	rows, err := s.query(ctx, `SELECT year FROM targets WHERE plan_id = ? AND year > 0`, planID)
	if err != nil {
		return nil, fmt.Errorf("store: plan %d target years: %w", planID, err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, fmt.Errorf("store: plan %d target years: %w", planID, err)
		}
		out = append(out, y)
	}
	return out, rows.Err()
}
