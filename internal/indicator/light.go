package indicator

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"luoshi/internal/reporting"
)

// Color is a task's status light.
type Color string

// Lights, from best to worst.
const (
	Green  Color = "green"
	Yellow Color = "yellow"
	Red    Color = "red"
)

var colorLabels = map[Color]string{Green: "绿灯", Yellow: "黄灯", Red: "红灯"}

// Label is the Chinese name of the light.
func (c Color) Label() string { return colorLabels[c] }

func (c Color) rank() int {
	switch c {
	case Red:
		return 2
	case Yellow:
		return 1
	}
	return 0
}

// Rule identifiers. Each is a translation key for the reason shown
// beside the light.
const (
	RuleClosed          = "closed"           // green: the office confirmed the closing
	RuleOnTrack         = "on_track"         // green: no rule applies
	RuleDeadlinePassed  = "deadline_passed"  // red: deadline passed, task not done
	RuleReportedLate    = "reported_late"    // red: the unit reports 滞后
	RulePeriodsMissing  = "periods_missing"  // red: RedMissing or more periods unreported past due
	RuleReportOverdue   = "report_overdue"   // yellow: a period's report overdue more than LateDays
	RuleConfidence      = "confidence"       // yellow (red for unlikely when RedUnlikely): the unit doubts
	RuleIndicatorWarned = "indicator_warned" // yellow: an indicator warning
)

// Reason is one rule that set a light, with the numbers it saw. Params
// are named for the translation of the rule.
type Reason struct {
	Rule   string
	Color  Color
	Params map[string]string
}

// Thresholds are the light rules' parameters, which the office may change.
type Thresholds struct {
	// DeadlineGraceDays: red once the deadline passed more than this many
	// days ago without the task done.
	DeadlineGraceDays int
	// RedMissing: red when at least this many periods are unreported
	// past their due day.
	RedMissing int
	// LateDays: yellow when a period is unreported more than this many
	// days past its due day (and fewer than RedMissing are).
	LateDays int
	// RedUnlikely makes the unit's own "unlikely" forecast red, not yellow.
	RedUnlikely bool
	// IgnoreIndicators turns off the yellow light of indicator warnings.
	IgnoreIndicators bool
}

// DefaultThresholds: red the day after the deadline, red with two
// periods unreported, yellow three days after a due day, "unlikely"
// yellow, indicator warnings yellow.
func DefaultThresholds() Thresholds {
	return Thresholds{DeadlineGraceDays: 0, RedMissing: 2, LateDays: 3}
}

// Validate checks thresholds the office entered.
func (th Thresholds) Validate() error {
	switch {
	case th.DeadlineGraceDays < 0 || th.DeadlineGraceDays > 366:
		return fmt.Errorf("deadline grace of %d days is not between 0 and 366", th.DeadlineGraceDays)
	case th.RedMissing < 1 || th.RedMissing > 12:
		return fmt.Errorf("red after %d missing periods is not between 1 and 12", th.RedMissing)
	case th.LateDays < 0 || th.LateDays > 90:
		return fmt.Errorf("yellow after %d days is not between 0 and 90", th.LateDays)
	}
	return nil
}

// TaskState is what the light of a task is computed from.
type TaskState struct {
	Deadline   time.Time        // the task's deadline; zero when none
	Status     reporting.Status // of the latest official report; empty when none
	Confidence reporting.Confidence
	Closed     bool // the office confirmed the closing (办结)
	// Unreported are the periods past their due day without a submitted
	// official report.
	Unreported []reporting.Period
	// Warnings are the indicator warnings of the task's targets.
	Warnings []Warning
}

// Light is the task's light at now and every rule that set it, red
// reasons before yellow ones. A closed task is green; a task no rule
// touches is green with RuleOnTrack.
func Light(in TaskState, th Thresholds, now time.Time) (Color, []Reason) {
	if in.Closed {
		return Green, []Reason{{Rule: RuleClosed, Color: Green}}
	}
	var rs []Reason
	add := func(rule string, c Color, kv ...string) {
		p := make(map[string]string, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			p[kv[i]] = kv[i+1]
		}
		rs = append(rs, Reason{Rule: rule, Color: c, Params: p})
	}
	itoa := strconv.Itoa

	if !in.Deadline.IsZero() && in.Status != reporting.Done {
		loc := in.Deadline.Location()
		if days := civilDays(in.Deadline, now.In(loc)); days > th.DeadlineGraceDays {
			add(RuleDeadlinePassed, Red, "deadline", in.Deadline.Format(time.DateOnly),
				"days", itoa(days), "grace", itoa(th.DeadlineGraceDays))
		}
	}
	if in.Status == reporting.Late {
		add(RuleReportedLate, Red, "status", in.Status.Label())
	}
	if n := len(in.Unreported); n > 0 && n >= th.RedMissing {
		keys := make([]string, n)
		for i, p := range in.Unreported {
			keys[i] = p.Key
		}
		add(RulePeriodsMissing, Red, "count", itoa(n), "periods", strings.Join(keys, ", "),
			"limit", itoa(th.RedMissing))
	} else {
		for _, p := range in.Unreported {
			if days := p.DaysOverdue(now); days > th.LateDays {
				add(RuleReportOverdue, Yellow, "period", p.Key, "due", p.Due.Format(time.DateOnly),
					"days", itoa(days), "limit", itoa(th.LateDays))
			}
		}
	}
	switch in.Confidence {
	case reporting.Unlikely:
		c := Yellow
		if th.RedUnlikely {
			c = Red
		}
		add(RuleConfidence, c, "confidence", in.Confidence.Label())
	case reporting.AtRisk:
		add(RuleConfidence, Yellow, "confidence", in.Confidence.Label())
	}
	if !th.IgnoreIndicators {
		for _, w := range in.Warnings {
			add(RuleIndicatorWarned, Yellow, "warning", w.Key, "indicator", w.Indicator.Name,
				"actual", num(w.Actual), "expected", num(w.Expected), "gap", num(w.Gap),
				"date", w.Date.Format(time.DateOnly))
		}
	}
	if len(rs) == 0 {
		return Green, []Reason{{Rule: RuleOnTrack, Color: Green}}
	}
	color := Green
	var red, yellow []Reason
	for _, r := range rs {
		if r.Color.rank() > color.rank() {
			color = r.Color
		}
		if r.Color == Red {
			red = append(red, r)
		} else {
			yellow = append(yellow, r)
		}
	}
	return color, append(red, yellow...)
}

// civilDays counts calendar days from a's date to b's date.
func civilDays(a, b time.Time) int {
	ua := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	ub := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(ub.Sub(ua).Hours() / 24)
}

// num formats a number in plain decimal notation, rounded to 6
// significant digits to hide float noise (123.99999999 → "124").
func num(v float64) string {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 6, 64), 64)
	if err != nil { // cannot happen: FormatFloat's output parses
		r = v
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}
