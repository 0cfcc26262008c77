package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"luoshi/internal/reporting"
)

// Report is one stored version of a report with what pages show beside
// it. The rules of its life are reporting.Transition's.
type Report struct {
	ID     int64
	PlanID int64
	reporting.Report
	UnitName  string
	TaskLabel string
	TaskText  string
	PlanTitle string
	CreatedAt time.Time
	UpdatedAt time.Time
}

const reportColumns = `r.id, r.plan_id, r.task_id, r.period, r.unit_id, r.lead_unit_id, r.version, r.rev, r.state, r.closing,
	r.status, r.progress, r.confidence, r.done, r.problems, r.next_steps, r.no_progress,
	COALESCE(r.submitted_by, 0), r.submitted_at, COALESCE(r.decided_by, 0), r.decided_at, r.comment,
	r.created_at, r.updated_at, COALESCE(u.name, ''), t.label, t.text, p.title`

const reportFrom = ` FROM reports r JOIN units u ON u.id = r.unit_id JOIN tasks t ON t.id = r.task_id JOIN plans p ON p.id = r.plan_id `

func scanReport(sc interface{ Scan(...any) error }) (Report, error) {
	var r Report
	var state, closing, status, conf string
	var subAt, decAt sql.NullTime
	err := sc.Scan(&r.ID, &r.PlanID, &r.TaskID, &r.Period, &r.UnitID, &r.LeadUnitID, &r.Version, &r.Rev, &state, &closing,
		&status, &r.Content.Progress, &conf, &r.Content.Done, &r.Content.Problems, &r.Content.NextSteps, &r.Content.NoProgress,
		&r.SubmittedBy, &subAt, &r.DecidedBy, &decAt, &r.Comment, &r.CreatedAt, &r.UpdatedAt, &r.UnitName, &r.TaskLabel, &r.TaskText, &r.PlanTitle)
	if err != nil {
		return r, mapErr(err)
	}
	r.State, r.Closing = reporting.State(state), reporting.Closing(closing)
	r.Content.Status, r.Content.Confidence = reporting.Status(status), reporting.Confidence(conf)
	if subAt.Valid {
		r.SubmittedAt = subAt.Time
	}
	if decAt.Valid {
		r.DecidedAt = decAt.Time
	}
	return r, nil
}

// reports runs a report query and loads the values and evidence of every
// row in two more queries.
func (s *Store) reports(ctx context.Context, tail string, args ...any) ([]Report, error) {
	rows, err := s.query(ctx, `SELECT `+reportColumns+reportFrom+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("store: reports: %w", err)
	}
	var out []Report
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: reports: %w", err)
		}
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reports: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	index := make(map[int64]int, len(out))
	ids := make([]string, len(out))
	for i, r := range out {
		index[r.ID] = i
		ids[i] = fmt.Sprint(r.ID)
	}
	in := strings.Join(ids, ",") // integers from the database, not user text
	vrows, err := s.query(ctx, `SELECT report_id, indicator, value FROM report_values WHERE report_id IN (`+in+`) ORDER BY report_id, ord`)
	if err != nil {
		return nil, fmt.Errorf("store: report values: %w", err)
	}
	for vrows.Next() {
		var id int64
		var v reporting.Value
		if err := vrows.Scan(&id, &v.Indicator, &v.Value); err != nil {
			vrows.Close()
			return nil, fmt.Errorf("store: report values: %w", err)
		}
		out[index[id]].Content.Values = append(out[index[id]].Content.Values, v)
	}
	vrows.Close()
	erows, err := s.query(ctx, `SELECT report_id, stored_name, display_name, media_type, size FROM evidence WHERE report_id IN (`+in+`) ORDER BY report_id, ord`)
	if err != nil {
		return nil, fmt.Errorf("store: evidence: %w", err)
	}
	defer erows.Close()
	for erows.Next() {
		var id int64
		var e reporting.Evidence
		if err := erows.Scan(&id, &e.StoredName, &e.DisplayName, &e.Type, &e.Size); err != nil {
			return nil, fmt.Errorf("store: evidence: %w", err)
		}
		out[index[id]].Content.Evidence = append(out[index[id]].Content.Evidence, e)
	}
	return out, erows.Err()
}

// ReportByID returns one version of a report.
func (s *Store) ReportByID(ctx context.Context, id int64) (Report, error) {
	rs, err := s.reports(ctx, `WHERE r.id = ?`, id)
	if err != nil {
		return Report{}, err
	}
	if len(rs) == 0 {
		return Report{}, fmt.Errorf("store: report %d: %w", id, ErrNotFound)
	}
	return rs[0], nil
}

// ReportVersions lists every version of a unit's report on a task for a
// period, oldest first.
func (s *Store) ReportVersions(ctx context.Context, taskID, unitID int64, period string) ([]Report, error) {
	return s.reports(ctx, `WHERE r.task_id = ? AND r.unit_id = ? AND r.period = ? ORDER BY r.version`, taskID, unitID, period)
}

// LatestReport returns the newest version of a unit's report on a task
// for a period, ErrNotFound when there is none.
func (s *Store) LatestReport(ctx context.Context, taskID, unitID int64, period string) (Report, error) {
	rs, err := s.reports(ctx, `WHERE r.task_id = ? AND r.unit_id = ? AND r.period = ? ORDER BY r.version DESC LIMIT 1`, taskID, unitID, period)
	if err != nil {
		return Report{}, err
	}
	if len(rs) == 0 {
		return Report{}, fmt.Errorf("store: report on task %d by unit %d for %s: %w", taskID, unitID, period, ErrNotFound)
	}
	return rs[0], nil
}

// latestOnly keeps the newest version of each (task, unit, period).
const latestOnly = ` AND r.version = (SELECT MAX(r2.version) FROM reports r2 WHERE r2.task_id = r.task_id AND r2.unit_id = r.unit_id AND r2.period = r.period) `

// TaskReports lists the newest version of every report on a task,
// newest period first, official reports before contributions.
func (s *Store) TaskReports(ctx context.Context, taskID int64) ([]Report, error) {
	return s.reports(ctx, `WHERE r.task_id = ?`+latestOnly+`ORDER BY r.period DESC, CASE WHEN r.unit_id = r.lead_unit_id THEN 0 ELSE 1 END, u.name`, taskID)
}

// UnitReports lists the newest version of every report of a unit.
func (s *Store) UnitReports(ctx context.Context, unitID int64) ([]Report, error) {
	return s.reports(ctx, `WHERE r.unit_id = ?`+latestOnly+`ORDER BY r.period DESC, r.task_id`, unitID)
}

// PlanReports lists the newest version of every report of a plan that
// is not a draft.
func (s *Store) PlanReports(ctx context.Context, planID int64) ([]Report, error) {
	return s.reports(ctx, `WHERE r.plan_id = ? AND r.state <> 'draft'`+latestOnly+`ORDER BY r.period, r.task_id`, planID)
}

// ReviewQueue lists the submitted reports waiting for the office, oldest
// submission first.
func (s *Store) ReviewQueue(ctx context.Context, limit int) ([]Report, error) {
	p, err := s.ReportList(ctx, ReportFilter{State: "submitted", Sort: "oldest", Limit: min(max(limit, 1), MaxLimit)})
	return p.Rows, err
}

// ReportWrite is one change to a report: the stored version the change
// was based on (zero ID for a unit's first draft) and the version that
// reporting.Transition returned.
type ReportWrite struct {
	Before Report
	After  reporting.Report
	Action reporting.ActionKind
	PlanID int64
	// AsOf is the date the report's indicator values stand for, the
	// period's last day; an official report's values are recorded in
	// their series when the office accepts it.
	AsOf time.Time
	// Region of the plan, for the series of the values.
	Region string
}

// WriteReport stores a change to a report: a new row for a unit's first
// draft and for a revision, else an update of the row guarded by its
// revision (ErrConflict when someone changed it meanwhile). Content
// changes only on a draft; a submitted row changes only by the office's
// decision. Decisions notify the unit; accepting an official report
// records its indicator values in their series and sets the task's
// status, and confirming a closing closes the task. A contribution's
// values stay in the report, beside the official series, never in it;
// a returned report's values leave the series.
func (s *Store) WriteReport(ctx context.Context, a Actor, w ReportWrite) (Report, error) {
	var id int64
	after := w.After
	err := s.Tx(ctx, func(tx *Tx) error {
		var err error
		switch {
		case w.Before.ID == 0 || after.Version != w.Before.Version:
			// A first draft submitted at once is stamped like any other
			// submission.
			id, err = tx.insert(ctx, `INSERT INTO reports (plan_id, task_id, unit_id, lead_unit_id, period, version, rev, state, closing,
				status, progress, confidence, done, problems, next_steps, no_progress, created_by, created_at, updated_by, updated_at,
				submitted_by, submitted_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				w.PlanID, after.TaskID, after.UnitID, after.LeadUnitID, after.Period, after.Version, after.Rev, string(after.State), string(after.Closing),
				string(after.Content.Status), after.Content.Progress, string(after.Content.Confidence), after.Content.Done, after.Content.Problems, after.Content.NextSteps,
				after.Content.NoProgress, nullID(a.UserID), tx.now, nullID(a.UserID), tx.now, nullID(after.SubmittedBy), nullTime(after.SubmittedAt))
			if err != nil {
				if errors.Is(err, ErrConflict) {
					return fmt.Errorf("store: report on task %d version %d exists already: %w", after.TaskID, after.Version, err)
				}
				return err
			}
			if err := tx.putContent(ctx, id, after.Content); err != nil {
				return err
			}
		case w.Action == reporting.Save || w.Action == reporting.Submit:
			id = w.Before.ID
			res, err := tx.exec(ctx, `UPDATE reports SET rev = ?, state = ?, closing = ?, status = ?, progress = ?, confidence = ?,
				done = ?, problems = ?, next_steps = ?, no_progress = ?, updated_by = ?, updated_at = ?, submitted_by = ?, submitted_at = ?
				WHERE id = ? AND rev = ? AND state = 'draft'`,
				after.Rev, string(after.State), string(after.Closing), string(after.Content.Status), after.Content.Progress, string(after.Content.Confidence),
				after.Content.Done, after.Content.Problems, after.Content.NextSteps, after.Content.NoProgress, nullID(a.UserID), tx.now,
				nullID(after.SubmittedBy), nullTime(after.SubmittedAt), id, w.Before.Rev)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return fmt.Errorf("store: report %d changed since revision %d: %w", id, w.Before.Rev, ErrConflict)
			}
			if err := tx.putContent(ctx, id, after.Content); err != nil {
				return err
			}
		case w.Action == reporting.Accept || w.Action == reporting.Return:
			id = w.Before.ID
			res, err := tx.exec(ctx, `UPDATE reports SET rev = ?, state = ?, closing = ?, decided_by = ?, decided_at = ?, comment = ?, updated_at = ?
				WHERE id = ? AND rev = ? AND state = 'submitted'`,
				after.Rev, string(after.State), string(after.Closing), nullID(after.DecidedBy), nullTime(after.DecidedAt), after.Comment, tx.now,
				id, w.Before.Rev)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return fmt.Errorf("store: report %d changed since revision %d: %w", id, w.Before.Rev, ErrConflict)
			}
		default:
			return fmt.Errorf("store: report action %q: %w", w.Action, ErrInvalid)
		}
		if err := tx.afterReport(ctx, a, w, id); err != nil {
			return err
		}
		return tx.audit(ctx, a, "report_"+string(w.Action), "task", after.TaskID, w.PlanID, nil, map[string]any{
			"report_id": id, "period": after.Period, "unit_id": after.UnitID, "version": after.Version,
			"state": after.State, "status": after.Content.Status, "progress": after.Content.Progress, "comment": after.Comment,
			"closing": after.Closing})
	})
	if err != nil {
		return Report{}, err
	}
	return s.ReportByID(ctx, id)
}

// putContent replaces the values and evidence of a draft row.
func (t *Tx) putContent(ctx context.Context, id int64, c reporting.Content) error {
	if _, err := t.exec(ctx, `DELETE FROM report_values WHERE report_id = ?`, id); err != nil {
		return err
	}
	for i, v := range c.Values {
		if _, err := t.exec(ctx, `INSERT INTO report_values (report_id, ord, indicator, value) VALUES (?, ?, ?, ?)`, id, i, v.Indicator, v.Value); err != nil {
			return err
		}
	}
	if _, err := t.exec(ctx, `DELETE FROM evidence WHERE report_id = ?`, id); err != nil {
		return err
	}
	for i, e := range c.Evidence {
		if _, err := t.exec(ctx, `INSERT INTO evidence (report_id, ord, stored_name, display_name, media_type, size) VALUES (?, ?, ?, ?, ?, ?)`,
			id, i, e.StoredName, e.DisplayName, e.Type, e.Size); err != nil {
			return err
		}
	}
	return nil
}

// afterReport does what follows a change: values into their series,
// notices, the task's status and closing.
func (t *Tx) afterReport(ctx context.Context, a Actor, w ReportWrite, id int64) error {
	r := w.After
	switch w.Action {
	case reporting.Submit:
		if err := t.reportReceived(ctx, r.TaskID, r.UnitID, id, r.Period); err != nil {
			return err
		}
		if r.Kind() == reporting.Contribution && r.LeadUnitID != 0 {
			return t.notifyUnit(ctx, r.LeadUnitID, Notice{Kind: NoticeContribution, TaskID: r.TaskID, ReportID: id, Period: r.Period})
		}
	case reporting.Return:
		// Nothing of a returned report is official.
		if _, err := t.exec(ctx, `DELETE FROM series_values WHERE report_id = ?`, id); err != nil {
			return fmt.Errorf("store: values of report %d: %w", id, err)
		}
		return t.notifyUnit(ctx, r.UnitID, Notice{Kind: NoticeReturned, TaskID: r.TaskID, ReportID: id, Period: r.Period, Body: r.Comment})
	case reporting.Accept:
		if err := t.notifyUnit(ctx, r.UnitID, Notice{Kind: NoticeAccepted, TaskID: r.TaskID, ReportID: id, Period: r.Period, Body: r.Comment}); err != nil {
			return err
		}
		if r.Kind() != reporting.Official {
			return nil
		}
		if len(r.Content.Values) > 0 && w.AsOf.IsZero() {
			return fmt.Errorf("store: accepting report %d: no date for its values: %w", id, ErrInvalid)
		}
		for _, v := range r.Content.Values {
			sid, err := t.seriesID(ctx, v.Indicator)
			if err != nil {
				return err
			}
			if err := t.putValue(ctx, a, sid, w.AsOf, v.Value, r.UnitID, id); err != nil {
				return err
			}
		}
		closed := sql.NullTime{}
		if r.Closing == reporting.ClosingConfirmed {
			closed = sql.NullTime{Time: t.now, Valid: true}
		}
		if _, err := t.exec(ctx, `UPDATE tasks SET status = ?, closed_at = COALESCE(?, closed_at), version = version + 1, updated_at = ? WHERE id = ?`,
			string(r.Content.Status), closed, t.now, r.TaskID); err != nil {
			return err
		}
		if closed.Valid {
			rows, err := t.query(ctx, `SELECT DISTINCT unit_id FROM assignments WHERE task_id = ?`, r.TaskID)
			if err != nil {
				return err
			}
			var units []int64
			for rows.Next() {
				var u int64
				if err := rows.Scan(&u); err != nil {
					rows.Close()
					return err
				}
				units = append(units, u)
			}
			rows.Close()
			for _, u := range units {
				if err := t.notifyUnit(ctx, u, Notice{Kind: NoticeClosed, TaskID: r.TaskID, ReportID: id, Period: r.Period}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// nullTime stores t in UTC, so that stored times sort as text on SQLite.
func nullTime(t time.Time) sql.NullTime { return sql.NullTime{Time: t.UTC(), Valid: !t.IsZero()} }

// ReportState is the newest state of one unit's report for one period.
type ReportState struct {
	TaskID  int64
	UnitID  int64
	Period  string
	State   reporting.State
	Closing reporting.Closing
	Status  reporting.Status
	Conf    reporting.Confidence
	Lead    bool
}

// ReportStates lists the newest state of every report of the units
// (or of every unit when units is empty), for due lists and lights.
func (s *Store) ReportStates(ctx context.Context, planID int64, unitID int64) ([]ReportState, error) {
	where := []string{"1 = 1"}
	var args []any
	if planID != 0 {
		where = append(where, "r.plan_id = ?")
		args = append(args, planID)
	}
	if unitID != 0 {
		where = append(where, "r.unit_id = ?")
		args = append(args, unitID)
	}
	rows, err := s.query(ctx, `SELECT r.task_id, r.unit_id, r.period, r.state, r.closing, r.status, r.confidence, r.unit_id = r.lead_unit_id
		FROM reports r WHERE `+strings.Join(where, " AND ")+latestOnly+` ORDER BY r.period`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: report states: %w", err)
	}
	defer rows.Close()
	var out []ReportState
	for rows.Next() {
		var st ReportState
		var state, closing, status, conf string
		if err := rows.Scan(&st.TaskID, &st.UnitID, &st.Period, &state, &closing, &status, &conf, &st.Lead); err != nil {
			return nil, fmt.Errorf("store: report states: %w", err)
		}
		st.State, st.Closing, st.Status, st.Conf = reporting.State(state), reporting.Closing(closing), reporting.Status(status), reporting.Confidence(conf)
		out = append(out, st)
	}
	return out, rows.Err()
}

// Missing is a lead assignment without a submitted report for a period.
type Missing struct {
	PlanID    int64  `json:"plan_id"`
	TaskID    int64  `json:"task_id"`
	TaskLabel string `json:"task_label"`
	TaskText  string `json:"task_text"`
	Section   string `json:"section"`
	UnitID    int64  `json:"unit_id"`
	UnitName  string `json:"unit_name"`
	Period    string `json:"period"`
	State     string `json:"state"`     // of a draft or returned report, "" when none
	Reminders int    `json:"reminders"` // sent for this task, unit and period
	ord       int    // of the task, for the cursor
}

// MissingReports lists a plan's open tasks whose lead unit has no
// submitted or accepted report for period, by unit and task.
func (s *Store) MissingReports(ctx context.Context, planID int64, period string) ([]Missing, error) {
	if _, ok := reporting.ParseKey(period); !ok {
		return nil, nil // no calendar asks for it
	}
	return s.MissingAll(ctx, MissingFilter{PlanID: planID, Period: period})
}

// ClosedTasks returns the ids of a plan's tasks whose closing the office
// confirmed.
func (s *Store) ClosedTasks(ctx context.Context, planID int64) (map[int64]bool, error) {
	rows, err := s.query(ctx, `SELECT id FROM tasks WHERE plan_id = ? AND closed_at IS NOT NULL`, planID)
	if err != nil {
		return nil, fmt.Errorf("store: closed tasks: %w", err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// EvidenceReport returns a report holding the stored file name, so that
// a download can be checked against the right to read that report.
func (s *Store) EvidenceReport(ctx context.Context, storedName string) (Report, reporting.Evidence, error) {
	var id int64
	var e reporting.Evidence
	err := s.queryRow(ctx, `SELECT report_id, stored_name, display_name, media_type, size FROM evidence WHERE stored_name = ? ORDER BY report_id LIMIT 1`, storedName).
		Scan(&id, &e.StoredName, &e.DisplayName, &e.Type, &e.Size)
	if err != nil {
		return Report{}, e, fmt.Errorf("store: evidence %q: %w", storedName, mapErr(err))
	}
	r, err := s.ReportByID(ctx, id)
	return r, e, err
}
