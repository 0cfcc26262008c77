package store_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"testing"
	"time"

	"luoshi/internal/reporting"
	"luoshi/internal/store"
	"luoshi/internal/store/storetest"
)

// sqliteTime is the text SQLite holds for a time written now: its own
// form, in UTC, without Go's zone name or monotonic clock reading.
var sqliteTime = regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,9})?\+00:00$`)

// TestTimesStoredAsTimestamps: every time a report write stores is a
// proper timestamp on both engines, whatever zone the caller's clock is
// in, and a first draft submitted at once has its submitter and time.
func TestTimesStoredAsTimestamps(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := publish(t, s)
		task := p.tasks[1]
		// A caller's local time with a monotonic reading, as time.Now gives.
		at := time.Now().In(time.FixedZone("CST", 8*3600))
		sub, err := reporting.Transition(reporting.New(task.ID, "2026-03", p.swt, p.swt),
			reporting.Action{Kind: reporting.Submit, BasedOn: 1, Content: content(reporting.OnTrack, 20), At: at}, p.swtRep)
		if err != nil {
			t.Fatal(err)
		}
		r, err := s.WriteReport(ctx, p.swtActor, store.ReportWrite{After: sub, Action: reporting.Submit, PlanID: p.plan})
		if err != nil {
			t.Fatal(err)
		}
		// PostgreSQL keeps microseconds.
		if r.SubmittedBy != p.swtU || r.SubmittedAt.Sub(at).Abs() >= time.Microsecond {
			t.Errorf("one-step submission stamped by %d at %v, want %d at %v", r.SubmittedBy, r.SubmittedAt, p.swtU, at)
		}
		if s.Engine() != "sqlite" {
			return
		}
		for _, col := range []string{"submitted_at", "created_at", "updated_at"} {
			raw, err := s.TextOf(ctx, `SELECT CAST(`+col+` AS TEXT) FROM reports WHERE id = ?`, r.ID)
			if err != nil || !sqliteTime.MatchString(raw) {
				t.Errorf("%s stored as %q (%v)", col, raw, err)
			}
		}
	})
}

// TestMigration005 writes rows as the code before migration 005 did and
// checks what the migration makes of them.
func TestMigration005(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			s := e.Bare(t)
			if err := s.MigrateAllBut(ctx, "005_integrity"); err != nil {
				t.Fatal(err)
			}
			p := publish(t, s)
			task := p.tasks[1]
			key := store.TargetKey(task.Targets[0], "西岭省").String()
			asOf := time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
			exec := func(q string, args ...any) {
				t.Helper()
				if err := s.ExecRaw(ctx, q, args...); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			// A report submitted in one step: no submitter, no time.
			exec(`INSERT INTO reports (plan_id, task_id, unit_id, lead_unit_id, period, version, rev, state, status, progress, confidence,
				created_by, created_at, updated_by, updated_at) VALUES (?, ?, ?, ?, '2026-03', 1, 2, 'submitted', 'on_track', 20, 'on_track', ?, ?, ?, ?)`,
				p.plan, task.ID, p.swt, p.swt, p.swtU, time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC), p.swtU, time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC))
			// A cooperating unit's contribution, which put its value in the series.
			exec(`INSERT INTO reports (plan_id, task_id, unit_id, lead_unit_id, period, version, rev, state, status, progress, confidence,
				created_by, created_at, updated_by, updated_at, submitted_by, submitted_at)
				VALUES (?, ?, ?, ?, '2026-03', 1, 2, 'submitted', 'on_track', 20, 'on_track', NULL, ?, NULL, ?, NULL, ?)`,
				p.plan, task.ID, p.wlt, p.swt, time.Date(2026, 4, 3, 9, 0, 0, 0, time.UTC), time.Date(2026, 4, 3, 9, 0, 0, 0, time.UTC), time.Date(2026, 4, 3, 9, 0, 0, 0, time.UTC))
			one, err := s.TextOf(ctx, `SELECT CAST(id AS TEXT) FROM reports WHERE unit_id = ?`, p.swt)
			if err != nil {
				t.Fatal(err)
			}
			contrib, err := s.TextOf(ctx, `SELECT CAST(id AS TEXT) FROM reports WHERE unit_id = ?`, p.wlt)
			if err != nil {
				t.Fatal(err)
			}
			exec(`INSERT INTO report_values (report_id, ord, indicator, value) VALUES (?, 0, ?, 77)`, contrib, key)
			exec(`INSERT INTO series (key, name, unit, region, created_at) VALUES (?, '冷链流通率', '%', '西岭省', ?)`, key, time.Now().UTC())
			exec(`INSERT INTO series_values (series_id, as_of, value, unit_id, report_id, entered_at)
				SELECT id, ?, 77, ?, ?, ? FROM series WHERE key = ?`, asOf.Format(time.DateOnly), p.wlt, contrib, time.Now().UTC(), key)
			if s.Engine() == "sqlite" {
				// The driver's old default: time.String(), zone name and
				// monotonic reading included.
				exec(`UPDATE reports SET decided_at = '2026-04-05 17:30:00.123456789 +0800 CST m=+0.000123401' WHERE id = ?`, one)
				exec(`UPDATE plans SET updated_at = '2026-01-02 03:04:05 -0500 EST' WHERE id = ?`, p.plan)
			}
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}

			id, _ := strconv.ParseInt(one, 10, 64)
			r, err := s.ReportByID(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if r.SubmittedBy != p.swtU || !r.SubmittedAt.Equal(time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC)) {
				t.Errorf("repaired submission: by %d at %v", r.SubmittedBy, r.SubmittedAt)
			}
			if _, err := s.SeriesValueByKey(ctx, key, asOf); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("the contribution's value is still official: %v", err)
			}
			if s.Engine() != "sqlite" {
				return
			}
			if want := time.Date(2026, 4, 5, 9, 30, 0, 123456789, time.UTC); !r.DecidedAt.Equal(want) {
				t.Errorf("old-format decided_at read back as %v, want %v", r.DecidedAt, want)
			}
			for q, want := range map[string]string{
				`SELECT CAST(decided_at AS TEXT) FROM reports WHERE id = ` + one:                "2026-04-05 09:30:00.123456789+00:00",
				fmt.Sprintf(`SELECT CAST(updated_at AS TEXT) FROM plans WHERE id = %d`, p.plan): "2026-01-02 08:04:05+00:00",
			} {
				if got, err := s.TextOf(ctx, q); err != nil || got != want {
					t.Errorf("%s = %q (%v), want %q", q, got, err, want)
				}
			}
			// Every time the tests wrote is in the new form now.
			for _, q := range []string{`SELECT CAST(created_at AS TEXT) FROM reports WHERE id = ` + one, `SELECT CAST(created_at AS TEXT) FROM users LIMIT 1`} {
				if got, err := s.TextOf(ctx, q); err != nil || !sqliteTime.MatchString(got) {
					t.Errorf("%s = %q (%v)", q, got, err)
				}
			}
			pl, err := s.PlanByID(ctx, p.plan)
			if err != nil || !pl.UpdatedAt.Equal(time.Date(2026, 1, 2, 8, 4, 5, 0, time.UTC)) {
				t.Errorf("plan updated_at read back as %v (%v)", pl.UpdatedAt, err)
			}
		})
	}
}

// TestReturnedValuesLeaveTheSeries: whatever put a returned report's
// value in the series (a submission under the old rule), the return
// takes it out.
func TestReturnedValuesLeaveTheSeries(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := publish(t, s)
		task := p.tasks[1]
		key := store.TargetKey(task.Targets[0], "西岭省").String()
		asOf := time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
		c := content(reporting.OnTrack, 20)
		c.Values = []reporting.Value{{Indicator: key, Value: 12}}
		sub, _ := reporting.Transition(reporting.New(task.ID, "2026-03", p.swt, p.swt), reporting.Action{Kind: reporting.Submit, BasedOn: 1, Content: c}, p.swtRep)
		r, err := s.WriteReport(ctx, p.swtActor, store.ReportWrite{After: sub, Action: reporting.Submit, PlanID: p.plan, AsOf: asOf})
		if err != nil {
			t.Fatal(err)
		}
		series, _ := s.PlanSeries(ctx, p.plan)
		if err := s.ExecRaw(ctx, `INSERT INTO series_values (series_id, as_of, value, unit_id, report_id, entered_at) VALUES (?, ?, 12, ?, ?, ?)`,
			series[task.Targets[0].ID].ID, asOf.Format(time.DateOnly), p.swt, r.ID, time.Now().UTC()); err != nil {
			t.Fatal(err)
		}
		ret, _ := reporting.Transition(r.Report, reporting.Action{Kind: reporting.Return, BasedOn: r.Rev, Comment: "重报"}, p.officeRep)
		if _, err := s.WriteReport(ctx, p.office, store.ReportWrite{Before: r, After: ret, Action: reporting.Return, PlanID: p.plan}); err != nil {
			t.Fatal(err)
		}
		if v, err := s.SeriesValueByKey(ctx, key, asOf); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a returned report's value is still in the series: %v, %v", v, err)
		}
	})
}
