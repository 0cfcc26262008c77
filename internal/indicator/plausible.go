package indicator

import "strings"

// Plausibility flags of a reported value. Each is a translation key
// ("plausibility.<flag>"). A flagged value is kept: the office checks it.
const (
	FlagFarAbove = "far_above_target" // 50 times the target or more
	FlagFarBelow = "far_below_target" // above 0 but a 50th of the target or less
	FlagOver100  = "percent_over_100" // a share or rate in % above 100
	FlagNegative = "negative"         // a count or an amount below 0
)

// PlausibleRatio is how many times the target (or what fraction of it) a
// value may be before it is flagged.
const PlausibleRatio = 50

// ValueCheck is a reported value and what it is checked against.
type ValueCheck struct {
	Name   string  // the indicator's name, e.g. 冷链流通率
	Unit   string  // its unit, e.g. %, 个, 亿元
	Target float64 // the target value; 0 when unknown
	Value  float64
}

// Plausible returns the flags of an implausible value, none for a
// plausible one: a value 50 times the target or more, or above 0 and a
// 50th of it or less (a unit slip: 亿元 for 万元, 0.4 for 40%); a
// percentage over 100 where the indicator is a share or rate; a negative
// count or amount. Zero is not flagged against the target: nothing done
// yet is a fact, not a slip. Growth rates ("增长7%") may be negative or
// exceed 100.
func Plausible(c ValueCheck) []string {
	var flags []string
	v, t := c.Value, c.Target
	if !finite(v) {
		return nil
	}
	if finite(t) && t > 0 {
		switch {
		case v >= PlausibleRatio*t:
			flags = append(flags, FlagFarAbove)
		case v > 0 && v <= t/PlausibleRatio:
			flags = append(flags, FlagFarBelow)
		}
	}
	switch {
	case IsShare(c.Name, c.Unit) && v > 100:
		flags = append(flags, FlagOver100)
	case v < 0 && !isChange(c.Name, c.Unit):
		flags = append(flags, FlagNegative)
	}
	return flags
}

// IsPercent tells whether unit is a percentage (%, ％, 百分比).
func IsPercent(unit string) bool {
	u := Normalize(unit)
	return u == "%" || u == "百分比" || u == "百分之"
}

// changeWords name a change rather than a level: a growth rate may be
// negative, or above 100%.
var changeWords = []string{"增长", "增速", "增幅", "增加", "提高", "提升", "下降", "降低", "减少", "百分点", "同比", "环比"}

func isChange(name, unit string) bool {
	if Normalize(unit) == "百分点" || Normalize(unit) == "‰" {
		return true
	}
	for _, w := range changeWords {
		if strings.Contains(name, w) {
			return true
		}
	}
	return IsPercent(unit) && !IsShare(name, unit)
}

// shareWords name a share or a rate of a whole, which stays within 100%.
var shareWords = []string{"率", "比重", "占比", "比例", "份额", "覆盖", "达标", "普及", "满意度"}

// IsShare tells whether an indicator is a share or rate of a whole in %
// (流通率, 占比, 比重, 满意度): a level between 0 and 100, not a change.
func IsShare(name, unit string) bool {
	if !IsPercent(unit) {
		return false
	}
	for _, w := range []string{"增长", "增速", "增幅", "提高", "提升", "下降", "降低"} {
		if strings.Contains(name, w) {
			return false
		}
	}
	for _, w := range shareWords {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// NeedsBaseline tells whether a target cannot be tracked from 0: a share
// or rate (a 40% rate does not start from nothing) and a falling target
// ("<=": 下降至, 控制在, 不高于), which comes down from where it is.
func NeedsBaseline(name, unit, comparator string) bool {
	return comparator == AtMost || IsShare(name, unit)
}
