package indicator

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"time"
)

// Point is one value of an indicator at a date. Only the date counts, in
// the time's own location.
type Point struct {
	Date  time.Time
	Value float64
}

// Comparators of a target, as in plan.Target.
const (
	Equal   = "="
	AtLeast = ">="
	AtMost  = "<="
	About   = "~"
)

// ErrGoal and ErrTrajectory are wrapped by the validation errors.
var (
	ErrGoal       = errors.New("invalid indicator goal")
	ErrTrajectory = errors.New("invalid trajectory")
)

// Goal is a target to reach from a baseline. A rate target ("增长7%") is
// a level target on the rate itself.
type Goal struct {
	Indicator  Key
	Baseline   Point
	Target     Point // the target value at the deadline
	Comparator string
	// NoBaseline says the baseline value is not known (a rate, a share
	// or a falling target whose starting value nobody entered): Baseline
	// then only dates the start, its value is the target's, no
	// trajectory is drawn and the latest value is not held against one.
	NoBaseline bool
}

// Validate checks that the goal can be tracked.
func (g Goal) Validate() error {
	switch {
	case !finite(g.Baseline.Value) || !finite(g.Target.Value):
		return fmt.Errorf("%w: baseline and target must be finite numbers", ErrGoal)
	case g.Baseline.Date.IsZero() || g.Target.Date.IsZero():
		return fmt.Errorf("%w: baseline and deadline dates are required", ErrGoal)
	case monthIndex(g.Target.Date) <= monthIndex(g.Baseline.Date):
		return fmt.Errorf("%w: deadline %s is not after the baseline %s", ErrGoal,
			g.Target.Date.Format(time.DateOnly), g.Baseline.Date.Format(time.DateOnly))
	}
	switch g.Comparator {
	case Equal, AtLeast, AtMost, About:
		return nil
	}
	return fmt.Errorf("%w: unknown comparator %q", ErrGoal, g.Comparator)
}

// Direction is +1 when higher values are better, -1 when lower ones are:
// ">=" is +1, "<=" is -1, and "=" and "~" point from the baseline to the
// target (+1 when they are equal).
func (g Goal) Direction() int {
	switch g.Comparator {
	case AtLeast:
		return 1
	case AtMost:
		return -1
	}
	if g.Target.Value < g.Baseline.Value {
		return -1
	}
	return 1
}

// Meets tells whether the value v at the deadline meets the goal: ">="
// needs v ≥ target, "<=" needs v ≤ target, "=" needs v to reach the
// target in the goal's direction, and "~" the same within tolerance
// (a fraction of the target, 0.05 by default).
func (g Goal) Meets(v, tolerance float64) bool {
	t := g.Target.Value
	if g.Comparator == About {
		t -= float64(g.Direction()) * tolerance * math.Abs(t)
	}
	if g.Direction() > 0 {
		return v >= t
	}
	return v <= t
}

// Step is the spacing of generated milestones.
type Step string

// Milestone steps: milestones fall on year ends or quarter ends.
const (
	Yearly    Step = "year"
	Quarterly Step = "quarter"
)

// Trajectory is the path the office expects an indicator to take: the
// goal and interim milestones. Between milestones the expected value is
// linear in time; after the last milestone it runs on to the target.
type Trajectory struct {
	Goal
	Milestones []Point
}

// NewTrajectory splits the way from the baseline to the target into
// milestones at every year end (or quarter end) after the baseline and
// before the deadline, and the deadline itself, each on the straight line
// from baseline to target, time measured in months (see Months).
func NewTrajectory(g Goal, step Step) (Trajectory, error) {
	if err := g.Validate(); err != nil {
		return Trajectory{}, err
	}
	every := 12
	switch step {
	case Yearly:
	case Quarterly:
		every = 3
	default:
		return Trajectory{}, fmt.Errorf("%w: unknown step %q", ErrTrajectory, step)
	}
	b, d := g.Baseline.Date, g.Target.Date
	loc := d.Location()
	var ms []Point
	// Period ends are the last days of months every-th months.
	y, m, _ := b.Date()
	end := time.Date(y, m+1, 0, 0, 0, 0, 0, loc) // last day of the baseline's month
	for int(end.Month())%every != 0 {
		end = lastDay(end, 1)
	}
	for ; monthIndex(end) < monthIndex(d); end = lastDay(end, every) {
		if monthIndex(end) > monthIndex(b) {
			ms = append(ms, Point{Date: end, Value: line(g.Baseline, g.Target, end)})
		}
	}
	ms = append(ms, g.Target)
	return Trajectory{Goal: g, Milestones: ms}, nil
}

// lastDay returns the last day of the month n months after t's month.
func lastDay(t time.Time, n int) time.Time {
	return time.Date(t.Year(), t.Month()+time.Month(n)+1, 0, 0, 0, 0, 0, t.Location())
}

// Validate checks an edited trajectory: the goal is valid, milestone
// values are finite, dates strictly increase, after the baseline and not
// after the deadline.
func (t Trajectory) Validate() error {
	if err := t.Goal.Validate(); err != nil {
		return err
	}
	prev := monthIndex(t.Baseline.Date)
	for i, m := range t.Milestones {
		x := monthIndex(m.Date)
		switch {
		case !finite(m.Value):
			return fmt.Errorf("%w: milestone %d is not a finite number", ErrTrajectory, i+1)
		case x <= prev && i == 0:
			return fmt.Errorf("%w: milestone %s is not after the baseline", ErrTrajectory, m.Date.Format(time.DateOnly))
		case x <= prev:
			return fmt.Errorf("%w: milestone %s is not after the one before it", ErrTrajectory, m.Date.Format(time.DateOnly))
		case x > monthIndex(t.Target.Date):
			return fmt.Errorf("%w: milestone %s is after the deadline", ErrTrajectory, m.Date.Format(time.DateOnly))
		}
		prev = x
	}
	return nil
}

// Points are the baseline, the milestones and the target (when the last
// milestone is not on the deadline): the corners of the trajectory.
func (t Trajectory) Points() []Point {
	ps := make([]Point, 0, len(t.Milestones)+2)
	ps = append(ps, t.Baseline)
	ps = append(ps, t.Milestones...)
	if len(t.Milestones) == 0 || monthIndex(t.Milestones[len(t.Milestones)-1].Date) < monthIndex(t.Target.Date) {
		ps = append(ps, t.Target)
	}
	return ps
}

// At is the value the trajectory expects at date d: the baseline before
// it, the target after the deadline.
func (t Trajectory) At(d time.Time) float64 {
	ps := t.Points()
	x := monthIndex(d)
	i := sort.Search(len(ps), func(i int) bool { return monthIndex(ps[i].Date) >= x })
	switch {
	case i == 0:
		return ps[0].Value
	case i == len(ps):
		return ps[len(ps)-1].Value
	}
	return line(ps[i-1], ps[i], d)
}

// line is the value at d on the straight line through a and b.
func line(a, b Point, d time.Time) float64 {
	xa, xb, x := monthIndex(a.Date), monthIndex(b.Date), monthIndex(d)
	return a.Value + (b.Value-a.Value)*(x-xa)/(xb-xa)
}

// Months is the time axis of trajectories and projections: months since
// year 0, where day d of a month of n days counts as d/n of that month.
// Month ends fall on whole numbers, so a year is 12 and a quarter 3 from
// one period end to the next, whatever the lengths of the months.
func Months(t time.Time) float64 { return monthIndex(t) }

func monthIndex(t time.Time) float64 {
	y, m, d := t.Date()
	n := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return float64(y*12+int(m)-1) + float64(d)/float64(n)
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
