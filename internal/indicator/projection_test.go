package indicator

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"luoshi/internal/reporting"
)

var sh = reporting.Shanghai()

func d(s string) time.Time {
	t, err := time.ParseInLocation(time.DateOnly, s, sh)
	if err != nil {
		panic(err)
	}
	return t
}

func pt(date string, v float64) Point { return Point{Date: d(date), Value: v} }

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// goal130 is the running example: 100 at the end of 2024, at least 130
// by the end of 2027.
var goal130 = Goal{Indicator: NewKey("技术合同交易额", "亿元", "全省"),
	Baseline: pt("2024-12-31", 100), Target: pt("2027-12-31", 130), Comparator: AtLeast}

func TestMonths(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want float64
	}{
		{"2024-12-31", "2027-12-31", 36},
		{"2024-12-31", "2025-06-30", 6},
		{"2024-12-31", "2025-02-28", 2}, // February ends a whole month
		{"2027-12-31", "2028-02-29", 2}, // also in a leap year
		{"2025-01-31", "2025-02-14", 0.5},
	} {
		if got := Months(d(tt.b)) - Months(d(tt.a)); !near(got, tt.want) {
			t.Errorf("%s → %s: %v months, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestNewTrajectory(t *testing.T) {
	tests := []struct {
		name string
		goal Goal
		step Step
		want []Point
	}{
		{
			// 30 over 36 months: 10 a year.
			name: "yearly 100 → 130",
			goal: goal130, step: Yearly,
			want: []Point{pt("2025-12-31", 110), pt("2026-12-31", 120), pt("2027-12-31", 130)},
		},
		{
			// 30 over 12 quarters: 2.5 a quarter; quarters of 90 to 92
			// days get equal steps.
			name: "quarterly 100 → 130",
			goal: goal130, step: Quarterly,
			want: []Point{pt("2025-03-31", 102.5), pt("2025-06-30", 105), pt("2025-09-30", 107.5), pt("2025-12-31", 110),
				pt("2026-03-31", 112.5), pt("2026-06-30", 115), pt("2026-09-30", 117.5), pt("2026-12-31", 120),
				pt("2027-03-31", 122.5), pt("2027-06-30", 125), pt("2027-09-30", 127.5), pt("2027-12-31", 130)},
		},
		{
			// Baseline mid-year: 18 to 68 over 18 months, 1 a month;
			// the first year end is 6 months in: 50 + 6 = 56.
			name: "yearly from a mid-year baseline",
			goal: Goal{Baseline: pt("2025-06-30", 50), Target: pt("2026-12-31", 68), Comparator: AtLeast},
			step: Yearly,
			want: []Point{pt("2025-12-31", 56), pt("2026-12-31", 68)},
		},
		{
			// A falling target: 1.0 → 0.85 over four quarters, −0.0375 each.
			name: "quarterly falling",
			goal: Goal{Baseline: pt("2024-12-31", 1), Target: pt("2025-12-31", 0.85), Comparator: AtMost},
			step: Quarterly,
			want: []Point{pt("2025-03-31", 0.9625), pt("2025-06-30", 0.925), pt("2025-09-30", 0.8875), pt("2025-12-31", 0.85)},
		},
		{
			// A deadline inside a year: only the deadline.
			name: "deadline before the first year end",
			goal: Goal{Baseline: pt("2025-01-31", 0), Target: pt("2025-06-30", 3), Comparator: AtLeast},
			step: Yearly,
			want: []Point{pt("2025-06-30", 3)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr, err := NewTrajectory(tt.goal, tt.step)
			if err != nil {
				t.Fatal(err)
			}
			if len(tr.Milestones) != len(tt.want) {
				t.Fatalf("milestones %v, want %v", tr.Milestones, tt.want)
			}
			for i, m := range tr.Milestones {
				if !m.Date.Equal(tt.want[i].Date) || !near(m.Value, tt.want[i].Value) {
					t.Errorf("milestone %d: %s %v, want %s %v", i, m.Date.Format(time.DateOnly), m.Value,
						tt.want[i].Date.Format(time.DateOnly), tt.want[i].Value)
				}
			}
			if err := tr.Validate(); err != nil {
				t.Errorf("generated trajectory invalid: %v", err)
			}
		})
	}
	if _, err := NewTrajectory(goal130, "week"); !errors.Is(err, ErrTrajectory) {
		t.Errorf("unknown step: %v", err)
	}
}

func TestTrajectoryEdits(t *testing.T) {
	tr, _ := NewTrajectory(goal130, Yearly)
	// The office expects a slow start: 105 in 2025, 118 in 2026.
	tr.Milestones[0].Value, tr.Milestones[1].Value = 105, 118
	if err := tr.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		date string
		want float64
	}{
		{"2024-06-30", 100},   // before the baseline
		{"2025-06-30", 102.5}, // halfway from 100 to 105
		{"2025-12-31", 105},
		{"2026-06-30", 111.5}, // halfway from 105 to 118
		{"2027-06-30", 124},   // halfway from 118 to 130
		{"2028-06-30", 130},   // after the deadline
	} {
		if got := tr.At(d(tt.date)); !near(got, tt.want) {
			t.Errorf("At(%s) = %v, want %v", tt.date, got, tt.want)
		}
	}
	// Milestones that stop short of the deadline run on to the target.
	short := Trajectory{Goal: goal130, Milestones: []Point{pt("2025-12-31", 110)}}
	if got := short.At(d("2026-12-31")); !near(got, 120) {
		t.Errorf("short trajectory at 2026-12-31: %v, want 120", got)
	}
	for _, tt := range []struct {
		name string
		ms   []Point
		want string
	}{
		{"not increasing", []Point{pt("2026-12-31", 1), pt("2025-12-31", 2)}, "2025-12-31 is not after the one before it"},
		{"same date twice", []Point{pt("2025-12-31", 1), pt("2025-12-31", 2)}, "not after the one before it"},
		{"on the baseline", []Point{pt("2024-12-31", 1)}, "2024-12-31 is not after the baseline"},
		{"before the baseline", []Point{pt("2024-06-30", 1)}, "not after the baseline"},
		{"after the deadline", []Point{pt("2028-01-31", 1)}, "2028-01-31 is after the deadline"},
		{"not a number", []Point{pt("2025-12-31", math.NaN())}, "milestone 1 is not a finite number"},
	} {
		err := Trajectory{Goal: goal130, Milestones: tt.ms}.Validate()
		if !errors.Is(err, ErrTrajectory) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
	for _, g := range []Goal{
		{Baseline: pt("2025-12-31", 1), Target: pt("2025-12-31", 2), Comparator: AtLeast},
		{Baseline: pt("2026-12-31", 1), Target: pt("2025-12-31", 2), Comparator: AtLeast},
		{Baseline: pt("2024-12-31", 1), Target: pt("2025-12-31", math.Inf(1)), Comparator: AtLeast},
		{Baseline: pt("2024-12-31", 1), Target: pt("2025-12-31", 2), Comparator: ">"},
		{Baseline: Point{Value: 1}, Target: pt("2025-12-31", 2), Comparator: AtLeast},
	} {
		if err := g.Validate(); !errors.Is(err, ErrGoal) {
			t.Errorf("goal %+v: %v", g, err)
		}
	}
}

func TestProject(t *testing.T) {
	down := Goal{Baseline: pt("2024-12-31", 1), Target: pt("2025-12-31", 0.85), Comparator: AtMost}
	about := goal130
	about.Comparator = About
	equal := goal130
	equal.Comparator = Equal
	equalDown := Goal{Baseline: pt("2024-12-31", 20), Target: pt("2027-12-31", 10), Comparator: Equal}
	rate := Goal{Indicator: NewKey("服务业增加值增速", "%", "全省"),
		Baseline: pt("2024-12-31", 6), Target: pt("2025-12-31", 7), Comparator: AtLeast}
	two := DefaultOptions()
	two.Window = 2
	tests := []struct {
		name      string
		goal      Goal
		values    []Point
		opt       Options
		method    string
		used      int
		slope     float64
		value     float64
		meets     bool
		shortfall float64
	}{
		{
			// x in months from 2024-12-31: 104 at 6, 108 at 12.
			// slope = (108 − 104) / 6 = 0.6667 a month;
			// at 36: 108 + 24 × 0.6667 = 124; misses 130 by 6.
			name: "two values", goal: goal130, opt: DefaultOptions(),
			values: []Point{pt("2025-12-31", 108), pt("2025-06-30", 104)},
			method: FitMethod, used: 2, slope: 4.0 / 6, value: 124, meets: false, shortfall: 6,
		},
		{
			// 104 at 6, 108 at 12, 115 at 18: mean x 12, mean y 109;
			// Sxx = 36 + 0 + 36 = 72, Sxy = (−6)(−5) + 0 + 6·6 = 66;
			// slope = 66/72 = 0.916667; at 36: 109 + 24 × 0.916667 = 131.
			name: "three values fitted", goal: goal130, opt: DefaultOptions(),
			values: []Point{pt("2025-06-30", 104), pt("2025-12-31", 108), pt("2026-06-30", 115)},
			method: FitMethod, used: 3, slope: 66.0 / 72, value: 131, meets: true, shortfall: 0,
		},
		{
			// Window 2 keeps 108 at 12 and 115 at 18: slope 7/6;
			// at 36: 115 + 18 × 7/6 = 136.
			name: "window of two", goal: goal130, opt: two,
			values: []Point{pt("2025-06-30", 104), pt("2025-12-31", 108), pt("2026-06-30", 115)},
			method: FitMethod, used: 2, slope: 7.0 / 6, value: 136, meets: true,
		},
		{
			// One value: the line from the baseline 100 at 0 through
			// 103 at 6, slope 0.5; at 36: 103 + 30 × 0.5 = 118, short by 12.
			name: "one value from the baseline", goal: goal130, opt: DefaultOptions(),
			values: []Point{pt("2025-06-30", 103)},
			method: BaselineMethod, used: 1, slope: 0.5, value: 118, shortfall: 12,
		},
		{
			// Two values on one date cannot be fitted: baseline line
			// through the later one (stable sort keeps input order), 106
			// at 6: slope 1, at 36: 136.
			name: "all on one date", goal: goal130, opt: DefaultOptions(),
			values: []Point{pt("2025-06-30", 104), pt("2025-06-30", 106)},
			method: BaselineMethod, used: 1, slope: 1, value: 136, meets: true,
		},
		{
			// "~" within 5%: 124 ≥ 130 × 0.95 = 123.5 meets; short by 6
			// all the same.
			name: "about 130 reached within 5%", goal: about, opt: DefaultOptions(),
			values: []Point{pt("2025-06-30", 104), pt("2025-12-31", 108)},
			method: FitMethod, used: 2, slope: 4.0 / 6, value: 124, meets: true, shortfall: 6,
		},
		{
			name: "exactly 130 missed at 124", goal: equal, opt: DefaultOptions(),
			values: []Point{pt("2025-06-30", 104), pt("2025-12-31", 108)},
			method: FitMethod, used: 2, slope: 4.0 / 6, value: 124, meets: false, shortfall: 6,
		},
		{
			// "=" from 20 down to 10: 18 at 6, 16 at 12, slope −1/3;
			// at 36: 16 − 8 = 8, below 10 so reached.
			name: "equal target below the baseline", goal: equalDown, opt: DefaultOptions(),
			values: []Point{pt("2025-06-30", 18), pt("2025-12-31", 16)},
			method: FitMethod, used: 2, slope: -1.0 / 3, value: 8, meets: true,
		},
		{
			// At most 0.85 by the end of 2025: 0.95 at 6 from 1.0 at 0,
			// slope −0.05/6; at 12: 0.90, above 0.85 by 0.05.
			name: "falling target missed", goal: down, opt: DefaultOptions(),
			values: []Point{pt("2025-06-30", 0.95)},
			method: BaselineMethod, used: 1, slope: -0.05 / 6, value: 0.90, shortfall: 0.05,
		},
		{
			// A growth rate is a level: 6.2% at 6 from 6% at 0, slope
			// 0.2/6; at 12: 6.4%, short of 7% by 0.6 points.
			name: "rate target", goal: rate, opt: DefaultOptions(),
			values: []Point{pt("2025-06-30", 6.2)},
			method: BaselineMethod, used: 1, slope: 0.2 / 6, value: 6.4, shortfall: 0.6,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Project(tt.goal, tt.values, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if p.Method != tt.method || p.Used != tt.used || !near(p.Slope, tt.slope) || !near(p.Value, tt.value) ||
				p.Meets != tt.meets || !near(p.Shortfall, tt.shortfall) || !near(p.Gap, tt.value-tt.goal.Target.Value) {
				t.Errorf("got %+v", p)
			}
		})
	}
	if _, err := Project(goal130, nil, DefaultOptions()); !errors.Is(err, ErrNoValues) {
		t.Errorf("no values: %v", err)
	}
	if _, err := Project(goal130, []Point{pt("2025-06-30", math.NaN())}, DefaultOptions()); err == nil {
		t.Error("NaN value projected")
	}
	bad := DefaultOptions()
	bad.Window = 1
	if _, err := Project(goal130, []Point{pt("2025-06-30", 1)}, bad); err == nil {
		t.Error("window 1 accepted")
	}
}

func TestAssess(t *testing.T) {
	tr, _ := NewTrajectory(goal130, Yearly)
	downTr, _ := NewTrajectory(Goal{Baseline: pt("2024-12-31", 1), Target: pt("2025-12-31", 0.85), Comparator: AtMost}, Quarterly)
	tests := []struct {
		name     string
		tr       Trajectory
		values   []Point
		expected float64
		warnings []Warning // Key, Actual, Expected, Gap
	}{
		{
			// 108 at 2025-12-31 against the milestone 110: 2 behind,
			// within 5% of 110 = 5.5; the projection 124 misses 130.
			name: "projection misses only", tr: tr,
			values:   []Point{pt("2025-06-30", 104), pt("2025-12-31", 108)},
			expected: 110,
			warnings: []Warning{{Key: ProjectionMiss, Actual: 124, Expected: 130, Gap: -6}},
		},
		{
			// 99 at 2025-06-30 against 105: 6 behind, more than 5.25.
			// Projection: slope −1/6, at 36: 99 − 30/6 = 94.
			name: "below the trajectory and missing", tr: tr,
			values:   []Point{pt("2025-06-30", 99)},
			expected: 105,
			warnings: []Warning{
				{Key: BelowTrajectory, Actual: 99, Expected: 105, Gap: -6},
				{Key: ProjectionMiss, Actual: 94, Expected: 130, Gap: -36},
			},
		},
		{
			name: "on course", tr: tr,
			values:   []Point{pt("2025-06-30", 104), pt("2025-12-31", 108), pt("2026-06-30", 115)},
			expected: 115,
		},
		{
			// Falling: 0.99 at 2025-06-30 against 0.925, 0.065 above,
			// more than 5% of 0.925 = 0.04625. Projection from the
			// baseline: slope −0.01/6, at 12: 0.98.
			name: "above a falling trajectory", tr: downTr,
			values:   []Point{pt("2025-06-30", 0.99)},
			expected: 0.925,
			warnings: []Warning{
				{Key: AboveTrajectory, Actual: 0.99, Expected: 0.925, Gap: 0.065},
				{Key: ProjectionMiss, Actual: 0.98, Expected: 0.85, Gap: 0.13},
			},
		},
		{
			// 0.86 at 2025-06-30 is ahead of 0.925; the fit from the
			// baseline reaches 0.72 ≤ 0.85.
			name: "ahead of a falling trajectory", tr: downTr,
			values:   []Point{pt("2025-06-30", 0.86)},
			expected: 0.925,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Assess(tt.tr, tt.values, DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			if !near(a.Expected, tt.expected) {
				t.Errorf("expected %v, want %v", a.Expected, tt.expected)
			}
			if len(a.Warnings) != len(tt.warnings) {
				t.Fatalf("warnings %+v, want %+v", a.Warnings, tt.warnings)
			}
			for i, w := range a.Warnings {
				x := tt.warnings[i]
				if w.Key != x.Key || !near(w.Actual, x.Actual) || !near(w.Expected, x.Expected) || !near(w.Gap, x.Gap) ||
					w.Indicator != tt.tr.Indicator {
					t.Errorf("warning %d: %+v, want %+v", i, w, x)
				}
			}
		})
	}
}

func TestKey(t *testing.T) {
	a := NewKey("技术合同 交易额", " 亿元", "青海省")
	b := NewKey("技术合同交易额", "亿元　", "青海省")
	if a != b || a.String() != "技术合同交易额|亿元|青海省" {
		t.Errorf("%q != %q", a, b)
	}
	if NewKey("ＧＤＰ增速", "％", "") != NewKey("gdp增速", "%", "") {
		t.Error("full-width variants differ")
	}
	if NewKey("a|b", "", "").String() != "ab||" {
		t.Error("separator kept in a part")
	}
	if NewKey("技术合同交易额", "亿元", "青海省") == NewKey("技术合同交易额", "亿元", "西宁市") {
		t.Error("regions merged")
	}
}
