package schedule_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"luoshi/internal/reporting"
	"luoshi/internal/schedule"
	"luoshi/internal/store"
	"luoshi/internal/store/storetest"
)

func at(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 10, 0, 0, 0, reporting.Shanghai())
}

// TestSetCalendar: the office's input becomes the stored calendar, the
// first period into its start, empty fields into the plan's defaults;
// only the office may set it.
func TestSetCalendar(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			st := e.Open(t)
			a := store.Actor{Username: "test"}
			id, err := st.CreatePlan(ctx, a, store.NewPlan{Plan: storetest.SamplePlan()}) // a plan for 2026
			if err != nil {
				t.Fatal(err)
			}
			p, err := st.PlanByID(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			office := schedule.Actor{Actor: a, Office: true}
			if _, err := schedule.SetCalendar(ctx, st, schedule.Actor{Actor: a}, p, schedule.CalendarInput{Frequency: "quarterly"}, at(2026, 5, 1)); !errors.Is(err, schedule.ErrForbidden) {
				t.Errorf("not the office: %v", err)
			}
			tests := []struct {
				name       string
				in         schedule.CalendarInput
				now        time.Time
				start, end string
				err        error
			}{
				{"defaults before the year", schedule.CalendarInput{Frequency: "monthly", DueDay: 5}, at(2025, 12, 1), "2026-01-01", "2026-12-31", nil},
				{"defaults during the year: from the month now falls in", schedule.CalendarInput{Frequency: "monthly", DueDay: 5, Rev: 1}, at(2026, 5, 20), "2026-05-01", "2026-12-31", nil},
				{"a first quarter", schedule.CalendarInput{Frequency: "quarterly", DueAfter: 10, StartPeriod: "2026-Q3", Rev: 2}, at(2026, 5, 20), "2026-07-01", "2026-12-31", nil},
				{"a first date of a date calendar begins after the date before", schedule.CalendarInput{Frequency: "dates",
					Dates: []string{"2026-06-30", "2026-12-31"}, StartPeriod: "2026-12-31", Rev: 3}, at(2026, 5, 20), "2026-07-01", "2026-12-31", nil},
				{"a start after the default end ends with its year", schedule.CalendarInput{Frequency: "quarterly", Start: "2027-04-01", Rev: 4}, at(2026, 5, 20), "2027-04-01", "2027-12-31", nil},
				{"a bad first period", schedule.CalendarInput{Frequency: "quarterly", StartPeriod: "Q3", Rev: 5}, at(2026, 5, 20), "", "", schedule.ErrStartPeriod},
				{"an end before the start", schedule.CalendarInput{Frequency: "quarterly", Start: "2026-07-01", End: "2026-01-31", Rev: 5}, at(2026, 5, 20), "", "", store.ErrInvalid},
			}
			for _, tt := range tests {
				c, err := schedule.SetCalendar(ctx, st, office, p, tt.in, tt.now)
				if tt.err != nil {
					if !errors.Is(err, tt.err) {
						t.Errorf("%s: %v, want %v", tt.name, err, tt.err)
					}
					continue
				}
				if err != nil {
					t.Fatalf("%s: %v", tt.name, err)
				}
				if c.Start != tt.start || c.End != tt.end {
					t.Errorf("%s: %s to %s, want %s to %s", tt.name, c.Start, c.End, tt.start, tt.end)
				}
			}
		})
	}
}
