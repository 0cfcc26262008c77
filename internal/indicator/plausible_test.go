package indicator

import (
	"math"
	"strings"
	"testing"
)

func TestPlausible(t *testing.T) {
	tests := []struct {
		name string
		c    ValueCheck
		want string // flags joined by ","
	}{
		{"a value near its target", ValueCheck{"国家物流枢纽", "个", 2, 1}, ""},
		{"exactly 50 times the target", ValueCheck{"交易额", "亿元", 20, 1000}, FlagFarAbove},
		{"just under 50 times", ValueCheck{"交易额", "亿元", 20, 999.9}, ""},
		{"a 50th of the target", ValueCheck{"交易额", "亿元", 20, 0.4}, FlagFarBelow},
		{"just over a 50th", ValueCheck{"交易额", "亿元", 20, 0.41}, ""},
		{"zero is nothing done yet", ValueCheck{"夜间消费集聚区", "个", 10, 0}, ""},
		{"a share as a fraction", ValueCheck{"冷链流通率", "%", 40, 0.4}, FlagFarBelow},
		{"a share over 100", ValueCheck{"冷链流通率", "%", 40, 120}, FlagOver100},
		{"a satisfaction rate of 100", ValueCheck{"申诉处理满意率", "%", 98, 100}, ""},
		{"full-width percent", ValueCheck{"覆盖率", "％", 90, 101}, FlagOver100},
		{"a growth rate may exceed 100", ValueCheck{"网络零售额增长", "%", 10, 130}, ""},
		{"a growth rate may be negative", ValueCheck{"服务业增加值增长", "%", 6, -2}, ""},
		{"a negative count", ValueCheck{"5G基站", "万个", 3, -1}, FlagNegative},
		{"a negative amount", ValueCheck{"技术合同交易额", "亿元", 20, -5}, FlagNegative},
		{"far above and over 100", ValueCheck{"占比", "%", 1, 150}, FlagFarAbove + "," + FlagOver100},
		{"no target: only the unit checks", ValueCheck{"物流园区", "个", 0, 5000}, ""},
		{"a falling target, value near it", ValueCheck{"企业开办时间", "个工作日", 3, 2}, ""},
		{"not a number", ValueCheck{"物流园区", "个", 5, math.NaN()}, ""},
	}
	for _, tt := range tests {
		if got := strings.Join(Plausible(tt.c), ","); got != tt.want {
			t.Errorf("%s: Plausible(%+v) = %q, want %q", tt.name, tt.c, got, tt.want)
		}
	}
}

func TestNeedsBaseline(t *testing.T) {
	tests := []struct {
		name, unit, cmp string
		want            bool
	}{
		{"冷链流通率", "%", AtLeast, true},
		{"服务业增加值占比", "%", AtLeast, true},
		{"企业开办时间", "个工作日", AtMost, true},
		{"物流成本", "%", AtMost, true},
		{"国家物流枢纽", "个", AtLeast, false},
		{"网络零售额增长", "%", AtLeast, false},
		{"技术合同交易额", "亿元", Equal, false},
	}
	for _, tt := range tests {
		if got := NeedsBaseline(tt.name, tt.unit, tt.cmp); got != tt.want {
			t.Errorf("NeedsBaseline(%q, %q, %q) = %v", tt.name, tt.unit, tt.cmp, got)
		}
	}
}

// TestAssessFalling: a falling target's trajectory comes down from its
// baseline; a value that already meets a "<=" target warns of nothing,
// whatever trajectory it is held against; without a baseline only the
// projection can warn.
func TestAssessFalling(t *testing.T) {
	down := Goal{Baseline: pt("2025-12-31", 10), Target: pt("2026-12-31", 3), Comparator: AtMost}
	fromZero := Goal{Baseline: pt("2025-12-31", 0), Target: pt("2026-12-31", 3), Comparator: AtMost}
	unknown := Goal{Baseline: pt("2025-12-31", 3), Target: pt("2026-12-31", 3), Comparator: AtMost, NoBaseline: true}
	share := Goal{Baseline: pt("2025-12-31", 40), Target: pt("2026-12-31", 40), Comparator: AtLeast, NoBaseline: true}
	tests := []struct {
		name   string
		g      Goal
		values []Point
		want   string // warning keys
	}{
		{"on the way down", down, []Point{pt("2026-06-30", 6)}, ""},
		{"above the way down", down, []Point{pt("2026-06-30", 8)}, AboveTrajectory + "," + ProjectionMiss},
		{"already under the cap", down, []Point{pt("2026-06-30", 2)}, ""},
		{"under the cap, against a trajectory from 0", fromZero, []Point{pt("2026-06-30", 2)}, ""},
		{"under the cap, rising towards it", fromZero, []Point{pt("2026-03-31", 1), pt("2026-06-30", 2.5)}, ""},
		{"no baseline, over the cap", unknown, []Point{pt("2026-06-30", 5)}, ProjectionMiss},
		{"no baseline, a share short of its target", share, []Point{pt("2026-06-30", 39)}, ProjectionMiss},
		{"no baseline, a share at its target", share, []Point{pt("2026-06-30", 41)}, ""},
	}
	for _, tt := range tests {
		tr, err := NewTrajectory(tt.g, Yearly)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		a, err := Assess(tr, tt.values, DefaultOptions())
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var keys []string
		for _, w := range a.Warnings {
			keys = append(keys, w.Key)
		}
		if got := strings.Join(keys, ","); got != tt.want {
			t.Errorf("%s: warnings %q, want %q", tt.name, got, tt.want)
		}
	}
	tr, _ := NewTrajectory(down, Quarterly)
	prev := 10.0
	for _, m := range tr.Milestones {
		if m.Value >= prev {
			t.Errorf("milestone %v does not come down from %v", m, prev)
		}
		prev = m.Value
	}
	if s := ChartSeries(Trajectory{Goal: unknown}, nil, nil, ChartLabels{}); len(s) != 1 || s[0].Kind != TargetSeries {
		t.Errorf("a trajectory without a baseline is drawn: %+v", s)
	}
}
