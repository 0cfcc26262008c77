package reporting

import (
	"errors"
	"testing"
	"time"
)

// TestDueWithinSpan: periods before the start or after the end of a
// calendar are never due, however long ago they ended.
func TestDueWithinSpan(t *testing.T) {
	plan2022 := Calendar{Frequency: Monthly, DueDay: 5, Start: day("2022-01-01"), End: day("2022-12-31")}
	tests := []struct {
		name         string
		cal          Calendar
		now          time.Time
		due, overdue string
	}{
		{"a 2022 plan in 2026 owes only its twelve months", plan2022, at("2026-07-01 09:00"), "",
			"2022-01,2022-02,2022-03,2022-04,2022-05,2022-06,2022-07,2022-08,2022-09,2022-10,2022-11,2022-12"},
		{"started late: nothing before the start", Calendar{Frequency: Quarterly, DueAfter: 10, Start: day("2026-07-01"), End: day("2026-12-31")},
			at("2026-10-05 09:00"), "2026-Q3", ""},
		{"the period of the end day is the last", Calendar{Frequency: Quarterly, DueAfter: 10, Start: day("2026-01-01"), End: day("2026-11-15")},
			at("2027-06-01 09:00"), "", "2026-Q1,2026-Q2,2026-Q3,2026-Q4"},
		{"dates after the end are not due", Calendar{Frequency: Dates, DueAfter: 0, End: day("2026-12-31"),
			Dates: []time.Time{day("2026-06-30"), day("2026-12-31"), day("2027-06-30")}},
			at("2027-07-02 09:00"), "", "2026-06-30,2026-12-31"},
		{"no end: every period since the start", Calendar{Frequency: Quarterly, DueAfter: 10, Start: day("2026-01-01")},
			at("2027-04-05 09:00"), "2027-Q1", "2026-Q1,2026-Q2,2026-Q3,2026-Q4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			due, overdue, err := Due(tt.cal, tt.now)
			if err != nil {
				t.Fatal(err)
			}
			if g := keys(due); g != tt.due {
				t.Errorf("due %q, want %q", g, tt.due)
			}
			if g := keys(overdue); g != tt.overdue {
				t.Errorf("overdue %q, want %q", g, tt.overdue)
			}
		})
	}
	bad := Calendar{Frequency: Monthly, DueDay: 5, Start: day("2026-07-01"), End: day("2026-06-30")}
	if err := bad.Validate(); !errors.Is(err, ErrCalendar) {
		t.Errorf("a calendar that ends before it starts: %v", err)
	}
}

func TestCovers(t *testing.T) {
	cal := Calendar{Frequency: Monthly, DueDay: 5, Start: day("2026-03-15"), End: day("2026-05-10")}
	ps, err := Periods(cal, day("2026-01-01"), day("2026-07-31"))
	if err != nil {
		t.Fatal(err)
	}
	var in []Period
	for _, p := range ps {
		if cal.Covers(p) {
			in = append(in, p)
		}
	}
	if g := keys(in); g != "2026-03,2026-04,2026-05" {
		t.Errorf("covered %q", g)
	}
}

// TestForFrequency: a task that reports monthly in a quarterly plan has
// months due, with the plan's start and end and the monthly due rule.
func TestForFrequency(t *testing.T) {
	q := Calendar{Frequency: Quarterly, DueAfter: 10, Start: day("2026-04-01"), End: day("2026-12-31")}
	m := q.ForFrequency(Monthly)
	if m.Frequency != Monthly || m.DueDay != DefaultDueDay || !m.Start.Equal(q.Start) || !m.End.Equal(q.End) {
		t.Fatalf("monthly of quarterly = %+v", m)
	}
	due, overdue, err := Due(m, at("2026-06-03 09:00"))
	if err != nil {
		t.Fatal(err)
	}
	if keys(due) != "2026-05" || keys(overdue) != "2026-04" {
		t.Errorf("due %q overdue %q", keys(due), keys(overdue))
	}
	if got := q.ForFrequency(""); got.Frequency != Quarterly {
		t.Errorf("empty frequency changed the calendar: %v", got.Frequency)
	}
	withDay := Calendar{Frequency: Quarterly, DueDay: 12, DueAfter: 10, Start: day("2026-01-01")}
	if got := withDay.ForFrequency(Monthly).DueDay; got != 12 {
		t.Errorf("the calendar's own monthly due day was replaced: %d", got)
	}
	dates := Calendar{Frequency: Dates, Dates: []time.Time{day("2026-12-31"), day("2026-06-30")}}
	if got := dates.ForFrequency(Quarterly); !got.Start.Equal(day("2026-01-01")) || got.Validate() != nil {
		t.Errorf("quarterly of a date calendar: start %v, %v", got.Start, got.Validate())
	}
}

func TestParseKey(t *testing.T) {
	tests := []struct {
		key  string
		ok   bool
		want PeriodName
	}{
		{"2026-Q3", true, PeriodName{Frequency: Quarterly, Year: 2026, Quarter: 3}},
		{"2026-01", true, PeriodName{Frequency: Monthly, Year: 2026, Month: 1}},
		{"2026-06-30", true, PeriodName{Frequency: Dates, Year: 2026, Month: 6, Date: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)}},
		{"2026-Q5", false, PeriodName{}},
		{"2026-13", false, PeriodName{}},
		{"20x6-Q1", false, PeriodName{}},
		{"2026-02-30", false, PeriodName{}},
		{"", false, PeriodName{}},
		{"<b>", false, PeriodName{}},
	}
	for _, tt := range tests {
		got, ok := ParseKey(tt.key)
		if ok != tt.ok || got != tt.want {
			t.Errorf("ParseKey(%q) = %+v, %v; want %+v, %v", tt.key, got, ok, tt.want, tt.ok)
		}
	}
	if got := (PeriodName{Frequency: Quarterly, Year: 2026, Quarter: 3}).FirstDay(sh); !got.Equal(day("2026-07-01")) {
		t.Errorf("first day of Q3 = %v", got)
	}
}

func TestSuggestFrequency(t *testing.T) {
	tests := []struct {
		text string
		want Frequency
	}{
		{"各地每月10日前报送工作进展情况。", Monthly},
		{"按月报送监测数据", Monthly},
		{"每季度末前报送进展", Quarterly},
		{"按季度向省服务业发展领导小组办公室报告", Quarterly},
		{"每季度结束后10日内，将进展情况报送省发展改革委", Quarterly},
		{"年内完成。第三季度前启动", ""},
		{"每月开展督查。年底前报送总结", ""}, // the report word is in another sentence
		{"每月开展一次检查", ""},       // monthly work, not monthly reports
		{"每月报送数据，每季度报送总结", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := SuggestFrequency(tt.text); got != tt.want {
			t.Errorf("SuggestFrequency(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestDefaultSpan(t *testing.T) {
	tests := []struct {
		name       string
		f          Frequency
		plan       int
		targets    []int
		now        time.Time
		start, end string
	}{
		{"a plan set up before its year", Quarterly, 2026, []int{2026}, at("2025-12-20 10:00"), "2026-01-01", "2026-12-31"},
		{"a multi-year plan ends with its targets' year", Quarterly, 2023, []int{2025, 2025, 2030}, at("2022-12-01 10:00"), "2023-01-01", "2025-12-31"},
		{"set up during its year: from the quarter now falls in", Quarterly, 2026, nil, at("2026-05-20 10:00"), "2026-04-01", "2026-12-31"},
		{"set up during its year: from the month now falls in", Monthly, 2026, nil, at("2026-05-20 10:00"), "2026-05-01", "2026-12-31"},
		{"a 2022 plan published in 2026 reports from now to the year end", Monthly, 2022, []int{2022}, at("2026-03-02 10:00"), "2026-03-01", "2026-12-31"},
		{"a plan without a year takes its targets' year", Quarterly, 0, []int{2027}, at("2026-03-02 10:00"), "2027-01-01", "2027-12-31"},
		{"dates: from today", Dates, 2026, nil, at("2026-05-20 10:00"), "2026-05-20", "2026-12-31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first, last := SpanYears(tt.plan, tt.targets, tt.now)
			start, end := DefaultSpan(tt.f, first, last, tt.now)
			if g := start.Format(time.DateOnly); g != tt.start {
				t.Errorf("start %s, want %s", g, tt.start)
			}
			if g := end.Format(time.DateOnly); g != tt.end {
				t.Errorf("end %s, want %s", g, tt.end)
			}
		})
	}
}
