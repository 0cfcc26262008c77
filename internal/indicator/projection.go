package indicator

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"time"
)

// ErrNoValues is returned when there is nothing to project from.
var ErrNoValues = errors.New("no reported values")

// Options tune projections and warnings.
type Options struct {
	// Window is how many of the latest values the linear fit uses (≥ 2).
	Window int
	// AboutTolerance is the tolerance of a "~" target, as a fraction of
	// the target.
	AboutTolerance float64
	// TrajectoryTolerance is how far, as a fraction of the expected
	// value, the latest value may fall behind the trajectory before a
	// warning.
	TrajectoryTolerance float64
}

// DefaultOptions fit the last 4 values, read "~" within 5% and warn 5%
// behind the trajectory.
func DefaultOptions() Options {
	return Options{Window: 4, AboutTolerance: 0.05, TrajectoryTolerance: 0.05}
}

// Validate checks the options.
func (o Options) Validate() error {
	switch {
	case o.Window < 2:
		return fmt.Errorf("projection window %d is below 2", o.Window)
	case !finite(o.AboutTolerance) || o.AboutTolerance < 0 || o.AboutTolerance >= 1:
		return fmt.Errorf("tolerance %v of ~ targets is not in [0, 1)", o.AboutTolerance)
	case !finite(o.TrajectoryTolerance) || o.TrajectoryTolerance < 0 || o.TrajectoryTolerance >= 1:
		return fmt.Errorf("trajectory tolerance %v is not in [0, 1)", o.TrajectoryTolerance)
	}
	return nil
}

// Projection methods.
const (
	FitMethod      = "fit"      // least squares over the last Window values
	BaselineMethod = "baseline" // one value: the line from the baseline through it
)

// Projection is where the reported values lead by the deadline.
type Projection struct {
	Method string
	Used   int     // values the line was drawn from
	Slope  float64 // change per month
	Value  float64 // projected value at the deadline
	Meets  bool    // whether Value meets the goal
	Gap    float64 // Value − target
	// Shortfall is how far Value stays short of the target in the goal's
	// direction, 0 when it reaches it.
	Shortfall float64
}

// Project projects values (in any order) to the goal's deadline: a
// least-squares line over the last Window values when there are two or
// more, else the line from the baseline through the one value.
func Project(g Goal, values []Point, opt Options) (Projection, error) {
	if err := g.Validate(); err != nil {
		return Projection{}, err
	}
	if err := opt.Validate(); err != nil {
		return Projection{}, err
	}
	if len(values) == 0 {
		return Projection{}, ErrNoValues
	}
	for _, v := range values {
		if !finite(v.Value) || v.Date.IsZero() {
			return Projection{}, fmt.Errorf("reported value %v at %s is not a finite number with a date", v.Value, v.Date.Format(time.DateOnly))
		}
	}
	vs := sorted(values)
	xd := monthIndex(g.Target.Date)
	var p Projection
	last := vs[len(vs)-1]
	if len(vs) > opt.Window {
		vs = vs[len(vs)-opt.Window:]
	}
	slope, intercept, ok := fit(vs)
	if ok {
		p.Method, p.Used, p.Slope = FitMethod, len(vs), slope
		p.Value = intercept + slope*xd
	} else {
		// One value, or all on one date: the line from the baseline.
		p.Method, p.Used = BaselineMethod, 1
		if dx := monthIndex(last.Date) - monthIndex(g.Baseline.Date); dx > 0 && !g.NoBaseline {
			p.Slope = (last.Value - g.Baseline.Value) / dx
		}
		p.Value = last.Value + p.Slope*(xd-monthIndex(last.Date))
	}
	p.Meets = g.Meets(p.Value, opt.AboutTolerance)
	p.Gap = p.Value - g.Target.Value
	p.Shortfall = math.Max(0, -float64(g.Direction())*p.Gap)
	return p, nil
}

// fit is the least-squares line through ps on the month axis, computed
// around the means for accuracy; ok is false when all dates are equal.
func fit(ps []Point) (slope, intercept float64, ok bool) {
	if len(ps) < 2 {
		return 0, 0, false
	}
	var mx, my float64
	for _, p := range ps {
		mx += monthIndex(p.Date)
		my += p.Value
	}
	n := float64(len(ps))
	mx, my = mx/n, my/n
	var sxx, sxy float64
	for _, p := range ps {
		dx := monthIndex(p.Date) - mx
		sxx += dx * dx
		sxy += dx * (p.Value - my)
	}
	if sxx == 0 {
		return 0, 0, false
	}
	slope = sxy / sxx
	return slope, my - slope*mx, true
}

func sorted(values []Point) []Point {
	vs := slices.Clone(values)
	slices.SortStableFunc(vs, func(a, b Point) int { return a.Date.Compare(b.Date) })
	return vs
}

// Warning keys.
const (
	BelowTrajectory = "below_trajectory" // latest value behind a rising trajectory
	AboveTrajectory = "above_trajectory" // latest value behind a falling trajectory
	ProjectionMiss  = "projection_misses_target"
)

// Warning is an early warning on an indicator, with the numbers behind
// it. Key is a translation key.
type Warning struct {
	Key       string
	Indicator Key
	Date      time.Time // of the latest value, or the deadline for a projection
	Actual    float64   // the latest value, or the projected value
	Expected  float64   // the trajectory's value then, or the target
	Gap       float64   // Actual − Expected
	Tolerance float64   // the fraction allowed before warning
}

// Assessment is the state of one indicator.
type Assessment struct {
	Latest     Point
	Expected   float64 // the trajectory's value at the latest value's date
	Projection Projection
	Warnings   []Warning
}

// Assess projects the values and raises a warning when the latest value
// is behind the trajectory by more than the tolerance (below it for a
// rising goal, above it for a falling one) and when the projection
// misses the target. A latest value that already meets the goal (at or
// under a "<=" target, at or over a ">=" one) raises none: a share held
// under its cap is where it should be. Without a baseline there is no
// trajectory to be behind, only the projection.
func Assess(t Trajectory, values []Point, opt Options) (Assessment, error) {
	if err := t.Validate(); err != nil {
		return Assessment{}, err
	}
	p, err := Project(t.Goal, values, opt)
	if err != nil {
		return Assessment{}, err
	}
	vs := sorted(values)
	a := Assessment{Latest: vs[len(vs)-1], Projection: p}
	a.Expected = t.At(a.Latest.Date)
	dir := float64(t.Direction())
	if t.Meets(a.Latest.Value, opt.AboutTolerance) {
		return a, nil
	}
	allowed := opt.TrajectoryTolerance * math.Abs(a.Expected)
	if !t.NoBaseline && dir*(a.Expected-a.Latest.Value) > allowed {
		key := BelowTrajectory
		if dir < 0 {
			key = AboveTrajectory
		}
		a.Warnings = append(a.Warnings, Warning{Key: key, Indicator: t.Indicator, Date: a.Latest.Date,
			Actual: a.Latest.Value, Expected: a.Expected, Gap: a.Latest.Value - a.Expected,
			Tolerance: opt.TrajectoryTolerance})
	}
	if !p.Meets {
		tol := 0.0
		if t.Comparator == About {
			tol = opt.AboutTolerance
		}
		a.Warnings = append(a.Warnings, Warning{Key: ProjectionMiss, Indicator: t.Indicator, Date: t.Target.Date,
			Actual: p.Value, Expected: t.Target.Value, Gap: p.Gap, Tolerance: tol})
	}
	return a, nil
}
