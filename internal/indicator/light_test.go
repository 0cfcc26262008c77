package indicator

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"luoshi/internal/reporting"
)

func TestLight(t *testing.T) {
	// Monthly reports due on the 5th: January is due 2026-02-05,
	// February 2026-03-05, March 2026-04-05.
	cal := reporting.Calendar{Frequency: reporting.Monthly, DueDay: 5, Location: sh}
	ps, err := reporting.Periods(cal, d("2026-01-01"), d("2026-03-31"))
	if err != nil {
		t.Fatal(err)
	}
	jan, feb, mar := ps[0], ps[1], ps[2]
	now := time.Date(2026, 4, 20, 10, 0, 0, 0, sh) // March 15 days overdue, February 46
	fine := TaskState{Deadline: d("2026-12-31"), Status: reporting.OnTrack, Confidence: reporting.Confident}
	warn := Warning{Key: ProjectionMiss, Indicator: goal130.Indicator, Date: d("2027-12-31"), Actual: 124, Expected: 130, Gap: -6}
	with := func(f func(*TaskState)) TaskState { s := fine; f(&s); return s }
	def := DefaultThresholds()
	thr := func(f func(*Thresholds)) Thresholds { th := def; f(&th); return th }

	tests := []struct {
		name  string
		in    TaskState
		th    Thresholds
		now   time.Time
		color Color
		want  []string // "rule k=v k=v" with params sorted by name
	}{
		{"nothing wrong", fine, def, now, Green, []string{"on_track"}},
		{"no report yet, nothing due", TaskState{Deadline: d("2026-12-31")}, def, now, Green, []string{"on_track"}},
		{"zero thresholds, nothing wrong", fine, Thresholds{}, now, Green, []string{"on_track"}},
		{"zero thresholds, one period missing", with(func(s *TaskState) { s.Unreported = []reporting.Period{mar} }), Thresholds{}, now, Red,
			[]string{"periods_missing count=1 limit=0 periods=2026-03"}},

		// deadline_passed alone, and its edges
		{"deadline yesterday", with(func(s *TaskState) { s.Deadline = d("2026-04-19") }), def, now, Red,
			[]string{"deadline_passed days=1 deadline=2026-04-19 grace=0"}},
		{"deadline today", with(func(s *TaskState) { s.Deadline = d("2026-04-20") }), def, now, Green, []string{"on_track"}},
		{"deadline passed within the grace", with(func(s *TaskState) { s.Deadline = d("2026-04-19") }),
			thr(func(th *Thresholds) { th.DeadlineGraceDays = 3 }), now, Green, []string{"on_track"}},
		{"deadline passed, task done", with(func(s *TaskState) { s.Deadline = d("2026-04-19"); s.Status = reporting.Done }), def, now, Green, []string{"on_track"}},
		// 2026-04-19 17:00 UTC is already 20 April in Shanghai.
		{"deadline read in its zone", with(func(s *TaskState) { s.Deadline = d("2026-04-19") }), def,
			time.Date(2026, 4, 19, 17, 0, 0, 0, time.UTC), Red, []string{"deadline_passed days=1 deadline=2026-04-19 grace=0"}},

		{"reported late", with(func(s *TaskState) { s.Status = reporting.Late }), def, now, Red, []string{"reported_late status=滞后"}},

		// missing periods
		{"two periods missing", with(func(s *TaskState) { s.Unreported = []reporting.Period{feb, mar} }), def, now, Red,
			[]string{"periods_missing count=2 limit=2 periods=2026-02, 2026-03"}},
		{"three missing, red from three", with(func(s *TaskState) { s.Unreported = []reporting.Period{jan, feb, mar} }),
			thr(func(th *Thresholds) { th.RedMissing = 3 }), now, Red, []string{"periods_missing count=3 limit=3 periods=2026-01, 2026-02, 2026-03"}},
		{"two missing, red from three: each overdue", with(func(s *TaskState) { s.Unreported = []reporting.Period{feb, mar} }),
			thr(func(th *Thresholds) { th.RedMissing = 3 }), now, Yellow, []string{
				"report_overdue days=46 due=2026-03-05 limit=3 period=2026-02",
				"report_overdue days=15 due=2026-04-05 limit=3 period=2026-03"}},
		{"one period 15 days overdue", with(func(s *TaskState) { s.Unreported = []reporting.Period{mar} }), def, now, Yellow,
			[]string{"report_overdue days=15 due=2026-04-05 limit=3 period=2026-03"}},
		// due 5 April, overdue from 6 April: 3 days on the 8th, 4 on the 9th
		{"one period 3 days overdue", with(func(s *TaskState) { s.Unreported = []reporting.Period{mar} }), def,
			time.Date(2026, 4, 8, 23, 0, 0, 0, sh), Green, []string{"on_track"}},
		{"one period 4 days overdue", with(func(s *TaskState) { s.Unreported = []reporting.Period{mar} }), def,
			time.Date(2026, 4, 9, 0, 0, 0, 0, sh), Yellow, []string{"report_overdue days=4 due=2026-04-05 limit=3 period=2026-03"}},

		// confidence
		{"at risk", with(func(s *TaskState) { s.Confidence = reporting.AtRisk }), def, now, Yellow, []string{"confidence confidence=存在风险"}},
		{"unlikely", with(func(s *TaskState) { s.Confidence = reporting.Unlikely }), def, now, Yellow, []string{"confidence confidence=难以按期完成"}},
		{"unlikely made red", with(func(s *TaskState) { s.Confidence = reporting.Unlikely }),
			thr(func(th *Thresholds) { th.RedUnlikely = true }), now, Red, []string{"confidence confidence=难以按期完成"}},

		// indicators
		{"indicator warning", with(func(s *TaskState) { s.Warnings = []Warning{warn} }), def, now, Yellow,
			[]string{"indicator_warned actual=124 date=2027-12-31 expected=130 gap=-6 indicator=技术合同交易额 warning=projection_misses_target"}},
		{"indicator warnings ignored", with(func(s *TaskState) { s.Warnings = []Warning{warn} }),
			thr(func(th *Thresholds) { th.IgnoreIndicators = true }), now, Green, []string{"on_track"}},

		// combinations: the worst color, red reasons first, all listed
		{"late, one overdue, unlikely, warned", with(func(s *TaskState) {
			s.Status, s.Confidence = reporting.Late, reporting.Unlikely
			s.Unreported = []reporting.Period{mar}
			s.Warnings = []Warning{warn}
		}), def, now, Red, []string{
			"reported_late status=滞后",
			"report_overdue days=15 due=2026-04-05 limit=3 period=2026-03",
			"confidence confidence=难以按期完成",
			"indicator_warned actual=124 date=2027-12-31 expected=130 gap=-6 indicator=技术合同交易额 warning=projection_misses_target",
		}},
		{"every red rule and a yellow one", with(func(s *TaskState) {
			s.Deadline, s.Status, s.Confidence = d("2026-03-31"), reporting.Late, reporting.AtRisk
			s.Unreported = []reporting.Period{jan, feb, mar}
		}), def, now, Red, []string{
			"deadline_passed days=20 deadline=2026-03-31 grace=0",
			"reported_late status=滞后",
			"periods_missing count=3 limit=2 periods=2026-01, 2026-02, 2026-03",
			"confidence confidence=存在风险",
		}},
		{"closed outranks everything", with(func(s *TaskState) {
			s.Closed, s.Deadline, s.Status = true, d("2026-03-31"), reporting.Late
			s.Unreported = []reporting.Period{jan, feb, mar}
		}), def, now, Green, []string{"closed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			color, reasons := Light(tt.in, tt.th, tt.now)
			if color != tt.color {
				t.Errorf("color %s, want %s", color, tt.color)
			}
			got := make([]string, len(reasons))
			for i, r := range reasons {
				got[i] = reasonString(r)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("reasons\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func reasonString(r Reason) string {
	names := make([]string, 0, len(r.Params))
	for k := range r.Params {
		names = append(names, k)
	}
	slices.Sort(names)
	parts := []string{r.Rule}
	for _, k := range names {
		parts = append(parts, fmt.Sprintf("%s=%s", k, r.Params[k]))
	}
	return strings.Join(parts, " ")
}

func TestThresholdsValidate(t *testing.T) {
	if err := DefaultThresholds().Validate(); err != nil {
		t.Fatal(err)
	}
	for _, th := range []Thresholds{
		{DeadlineGraceDays: -1, RedMissing: 2},
		{RedMissing: 0},
		{RedMissing: 2, LateDays: -1},
		{RedMissing: 2, LateDays: 91},
	} {
		if th.Validate() == nil {
			t.Errorf("%+v accepted", th)
		}
	}
	if c := Red; c.Label() != "红灯" || Yellow.Label() != "黄灯" || Green.Label() != "绿灯" {
		t.Error("labels")
	}
}
