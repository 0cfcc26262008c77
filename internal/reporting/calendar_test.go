package reporting

import (
	"errors"
	"strings"
	"testing"
	"time"
)

var sh = Shanghai()

func day(s string) time.Time {
	t, err := time.ParseInLocation(time.DateOnly, s, sh)
	if err != nil {
		panic(err)
	}
	return t
}

// at returns a Shanghai wall-clock instant.
func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, sh)
	if err != nil {
		panic(err)
	}
	return t
}

type periodRow struct{ key, start, last, due string }

func rows(ps []Period) []periodRow {
	out := make([]periodRow, len(ps))
	for i, p := range ps {
		out[i] = periodRow{p.Key, p.Start.Format(time.DateOnly), p.Last().Format(time.DateOnly), p.Due.Format(time.DateOnly)}
	}
	return out
}

func TestPeriods(t *testing.T) {
	tests := []struct {
		name     string
		cal      Calendar
		from, to time.Time
		want     []periodRow
	}{
		{
			name: "monthly across February of a leap year, due on the 5th",
			cal:  Calendar{Frequency: Monthly, DueDay: 5},
			from: day("2028-01-31"), to: day("2028-03-01"),
			want: []periodRow{
				{"2028-01", "2028-01-01", "2028-01-31", "2028-02-05"},
				{"2028-02", "2028-02-01", "2028-02-29", "2028-03-05"},
				{"2028-03", "2028-03-01", "2028-03-31", "2028-04-05"},
			},
		},
		{
			name: "monthly February of a common year, December due in January",
			cal:  Calendar{Frequency: Monthly, DueDay: 28},
			from: day("2026-02-15"), to: day("2026-02-28"),
			want: []periodRow{{"2026-02", "2026-02-01", "2026-02-28", "2026-03-28"}},
		},
		{
			name: "monthly year end",
			cal:  Calendar{Frequency: Monthly, DueDay: 1},
			from: day("2026-12-31"), to: day("2026-12-31"),
			want: []periodRow{{"2026-12", "2026-12-01", "2026-12-31", "2027-01-01"}},
		},
		{
			name: "quarterly, due 10 days after quarter end, across a year",
			cal:  Calendar{Frequency: Quarterly, DueAfter: 10},
			from: day("2026-09-30"), to: day("2027-01-01"),
			want: []periodRow{
				{"2026-Q3", "2026-07-01", "2026-09-30", "2026-10-10"},
				{"2026-Q4", "2026-10-01", "2026-12-31", "2027-01-10"},
				{"2027-Q1", "2027-01-01", "2027-03-31", "2027-04-10"},
			},
		},
		{
			name: "quarterly from the first day of a quarter, due on the last day",
			cal:  Calendar{Frequency: Quarterly, DueAfter: 0},
			from: day("2026-04-01"), to: day("2026-06-30"),
			want: []periodRow{{"2026-Q2", "2026-04-01", "2026-06-30", "2026-06-30"}},
		},
		{
			name: "explicit dates, unsorted, first period from January 1",
			cal: Calendar{Frequency: Dates, DueAfter: 5,
				Dates: []time.Time{day("2026-12-20"), day("2026-06-30")}},
			from: day("2026-01-01"), to: day("2026-12-31"),
			want: []periodRow{
				{"2026-06-30", "2026-01-01", "2026-06-30", "2026-07-05"},
				{"2026-12-20", "2026-07-01", "2026-12-20", "2026-12-25"},
			},
		},
		{
			name: "explicit dates from a start, range picks the overlapping one",
			cal: Calendar{Frequency: Dates, Start: day("2026-03-15"),
				Dates: []time.Time{day("2026-06-30"), day("2026-12-31"), day("2026-03-01")}},
			from: day("2026-07-01"), to: day("2026-07-01"),
			want: []periodRow{{"2026-12-31", "2026-07-01", "2026-12-31", "2026-12-31"}},
		},
		{
			// 2026-03-31 20:00 UTC is already 1 April in Shanghai.
			name: "instants are read in the calendar's zone",
			cal:  Calendar{Frequency: Monthly, DueDay: 5},
			from: time.Date(2026, 3, 31, 20, 0, 0, 0, time.UTC),
			to:   time.Date(2026, 3, 31, 20, 0, 0, 0, time.UTC),
			want: []periodRow{{"2026-04", "2026-04-01", "2026-04-30", "2026-05-05"}},
		},
		{
			name: "an explicit zone other than Shanghai",
			cal:  Calendar{Frequency: Monthly, DueDay: 5, Location: time.UTC},
			from: time.Date(2026, 3, 31, 20, 0, 0, 0, time.UTC),
			to:   time.Date(2026, 3, 31, 20, 0, 0, 0, time.UTC),
			want: []periodRow{{"2026-03", "2026-03-01", "2026-03-31", "2026-04-05"}},
		},
		{
			name: "to before from",
			cal:  Calendar{Frequency: Monthly, DueDay: 5},
			from: day("2026-05-01"), to: day("2026-04-01"),
			want: []periodRow{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := Periods(tt.cal, tt.from, tt.to)
			if err != nil {
				t.Fatal(err)
			}
			got := rows(ps)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("period %d: got %v, want %v", i, got[i], tt.want[i])
				}
			}
			for _, p := range ps {
				if p.Start.Location() != p.Due.Location() || p.Start.Hour() != 0 {
					t.Errorf("%s: start %v not a midnight in the calendar zone", p.Key, p.Start)
				}
			}
		})
	}
}

func TestCalendarValidate(t *testing.T) {
	tests := []struct {
		name string
		cal  Calendar
		want string // substring of the error; empty for valid
	}{
		{"monthly day 1", Calendar{Frequency: Monthly, DueDay: 1}, ""},
		{"monthly day 28", Calendar{Frequency: Monthly, DueDay: 28}, ""},
		{"monthly day 29 may not exist", Calendar{Frequency: Monthly, DueDay: 29}, "monthly due day 29 is not between 1 and 28"},
		{"monthly day 31", Calendar{Frequency: Monthly, DueDay: 31}, "not between 1 and 28"},
		{"monthly day 0", Calendar{Frequency: Monthly}, "monthly due day 0"},
		{"quarterly negative", Calendar{Frequency: Quarterly, DueAfter: -1}, "due -1 days"},
		{"quarterly too late", Calendar{Frequency: Quarterly, DueAfter: 91}, "between 0 and 90"},
		{"unknown frequency", Calendar{Frequency: "weekly"}, `unknown frequency "weekly"`},
		{"no dates", Calendar{Frequency: Dates}, "list of reporting dates is empty"},
		{"zero date", Calendar{Frequency: Dates, Dates: []time.Time{{}}}, "a reporting date is empty"},
		{
			// the same Shanghai date written as two instants
			"duplicate date",
			Calendar{Frequency: Dates, Dates: []time.Time{day("2026-06-30"), time.Date(2026, 6, 30, 1, 0, 0, 0, time.UTC)}},
			"reporting date 2026-06-30 appears twice",
		},
		{"dates", Calendar{Frequency: Dates, Dates: []time.Time{day("2026-06-30"), day("2026-12-31")}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cal.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !errors.Is(err, ErrCalendar) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want ErrCalendar with %q", err, tt.want)
			}
			if _, perr := Periods(tt.cal, day("2026-01-01"), day("2026-12-31")); !errors.Is(perr, ErrCalendar) {
				t.Errorf("Periods accepted an invalid calendar: %v", perr)
			}
		})
	}
}

func TestDue(t *testing.T) {
	monthly := Calendar{Frequency: Monthly, DueDay: 5, Start: day("2026-01-10")}
	quarterly := Calendar{Frequency: Quarterly, DueAfter: 10, Start: day("2026-01-01")}
	tests := []struct {
		name         string
		cal          Calendar
		now          time.Time
		due, overdue []string
	}{
		// January ended; its report is due on 5 February and is
		// overdue from 6 February 00:00 Shanghai.
		{"monthly before any period ends", monthly, at("2026-01-31 23:59"), nil, nil},
		{"monthly first day after the period", monthly, at("2026-02-01 00:00"), []string{"2026-01"}, nil},
		{"monthly on the due day", monthly, at("2026-02-05 23:59"), []string{"2026-01"}, nil},
		{"monthly the day after the due day", monthly, at("2026-02-06 00:00"), nil, []string{"2026-01"}},
		{"monthly after the February period", monthly, at("2026-03-02 09:00"), []string{"2026-02"}, []string{"2026-01"}},
		// 2026-02-05 16:00 UTC is 6 February 00:00 in Shanghai.
		{"monthly a UTC instant", monthly, time.Date(2026, 2, 5, 16, 0, 0, 0, time.UTC), nil, []string{"2026-01"}},
		{"monthly a UTC instant one minute earlier", monthly, time.Date(2026, 2, 5, 15, 59, 0, 0, time.UTC), []string{"2026-01"}, nil},
		{"quarterly Q1 due on 10 April", quarterly, at("2026-04-10 12:00"), []string{"2026-Q1"}, nil},
		{"quarterly Q1 late on 11 April", quarterly, at("2026-04-11 00:00"), nil, []string{"2026-Q1"}},
		{"quarterly two quarters late", quarterly, at("2026-10-11 08:00"), nil, []string{"2026-Q1", "2026-Q2", "2026-Q3"}},
		// Due on the period's last day: due during that day, late after.
		{"due on the last day, the day before", Calendar{Frequency: Quarterly, Start: day("2026-01-01")}, at("2026-03-30 23:59"), nil, nil},
		{"due on the last day, that day", Calendar{Frequency: Quarterly, Start: day("2026-01-01")}, at("2026-03-31 00:00"), []string{"2026-Q1"}, nil},
		{"due on the last day, the day after", Calendar{Frequency: Quarterly, Start: day("2026-01-01")}, at("2026-04-01 00:00"), nil, []string{"2026-Q1"}},
		{
			"dates without a start",
			Calendar{Frequency: Dates, DueAfter: 3, Dates: []time.Time{day("2026-06-30"), day("2026-12-31")}},
			at("2027-01-02 10:00"), []string{"2026-12-31"}, []string{"2026-06-30"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			due, overdue, err := Due(tt.cal, tt.now)
			if err != nil {
				t.Fatal(err)
			}
			if g, w := keys(due), strings.Join(tt.due, ","); g != w {
				t.Errorf("due %q, want %q", g, w)
			}
			if g, w := keys(overdue), strings.Join(tt.overdue, ","); g != w {
				t.Errorf("overdue %q, want %q", g, w)
			}
		})
	}
	if _, _, err := Due(Calendar{Frequency: Monthly, DueDay: 5}, at("2026-03-01 00:00")); !errors.Is(err, ErrNoStart) {
		t.Errorf("monthly without start: %v, want ErrNoStart", err)
	}
}

func TestDaysOverdue(t *testing.T) {
	ps, err := Periods(Calendar{Frequency: Monthly, DueDay: 5}, day("2026-01-01"), day("2026-01-01"))
	if err != nil {
		t.Fatal(err)
	}
	p := ps[0] // due 2026-02-05
	for _, tt := range []struct {
		now  time.Time
		want int
	}{
		{at("2026-02-05 23:00"), 0},
		{at("2026-02-06 00:00"), 1},
		{at("2026-02-15 18:00"), 10},
		{time.Date(2026, 2, 15, 17, 0, 0, 0, time.UTC), 11}, // 16 Feb 01:00 in Shanghai
	} {
		if got := p.DaysOverdue(tt.now); got != tt.want {
			t.Errorf("DaysOverdue(%v) = %d, want %d", tt.now, got, tt.want)
		}
	}
}

func keys(ps []Period) string {
	k := make([]string, len(ps))
	for i, p := range ps {
		k[i] = p.Key
	}
	return strings.Join(k, ",")
}
