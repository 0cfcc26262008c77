// Package reporting holds the rules of progress reporting that do not
// depend on storage: a plan's reporting calendar, the life of a report
// from draft to acceptance, and the checks on what a report contains and
// on the evidence files attached to it.
package reporting

import (
	"errors"
	"fmt"
	"sort"
	"time"
)

// Frequency is how often a plan asks for reports.
type Frequency string

// Reporting frequencies.
const (
	Monthly   Frequency = "monthly"
	Quarterly Frequency = "quarterly"
	Dates     Frequency = "dates" // an explicit list of reporting dates
)

// Limits of the due rules.
const (
	MaxDueDay   = 28 // a monthly due day must exist in every month
	MaxDueAfter = 90 // days after a period end
)

// Defaults of the due rules: a month's report by the 5th of the next
// month, a quarter's or a date's within 10 days.
const (
	DefaultDueDay   = 5
	DefaultDueAfter = 10
)

// Calendar errors.
var (
	ErrCalendar = errors.New("invalid reporting calendar")
	ErrNoStart  = errors.New("reporting calendar has no start date")
)

// Calendar is a plan's reporting calendar. Dates are civil dates in
// Location: only their year, month and day in that zone count.
type Calendar struct {
	Frequency Frequency
	// DueDay is, for a monthly calendar, the day of the following month
	// on which a month's report is due (1–28).
	DueDay int
	// DueAfter is, for quarterly and date calendars, the number of days
	// after the period's last day on which the report is due (0–90).
	DueAfter int
	// Dates are the last days of the periods of a date calendar.
	Dates []time.Time
	// Start is the first day reporting covers (usually the plan's
	// publication). A date calendar's first period begins here, or on
	// 1 January of its first date's year when Start is zero. Due needs it
	// for monthly and quarterly calendars.
	Start time.Time
	// End is the last day reporting covers: periods that begin after it
	// are never due. Zero means no end.
	End time.Time
	// Location is the zone of the calendar; nil means Asia/Shanghai.
	Location *time.Location
}

// Shanghai returns the Asia/Shanghai zone, or a fixed UTC+8 zone named
// CST where the zone database is missing (China has kept UTC+8 without
// daylight saving since 1991, so both give the same dates).
func Shanghai() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		return time.FixedZone("CST", 8*60*60)
	}
	return loc
}

func (c Calendar) location() *time.Location {
	if c.Location != nil {
		return c.Location
	}
	return Shanghai()
}

// Validate reports what is wrong with the calendar; the error wraps
// ErrCalendar.
func (c Calendar) Validate() error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: %s", ErrCalendar, fmt.Sprintf(format, a...))
	}
	switch c.Frequency {
	case Monthly:
		if c.DueDay < 1 || c.DueDay > MaxDueDay {
			return bad("monthly due day %d is not between 1 and %d", c.DueDay, MaxDueDay)
		}
	case Quarterly, Dates:
		if c.DueAfter < 0 || c.DueAfter > MaxDueAfter {
			return bad("due %d days after the period end is not between 0 and %d", c.DueAfter, MaxDueAfter)
		}
	default:
		return bad("unknown frequency %q", c.Frequency)
	}
	if !c.Start.IsZero() && !c.End.IsZero() && civil(c.End, c.location()).Before(civil(c.Start, c.location())) {
		return bad("the calendar ends on %s, before it starts on %s", c.End.Format(time.DateOnly), c.Start.Format(time.DateOnly))
	}
	if c.Frequency != Dates {
		return nil
	}
	if len(c.Dates) == 0 {
		return bad("the list of reporting dates is empty")
	}
	loc := c.location()
	seen := make(map[string]bool, len(c.Dates))
	for _, d := range c.Dates {
		if d.IsZero() {
			return bad("a reporting date is empty")
		}
		k := civil(d, loc).Format(time.DateOnly)
		if seen[k] {
			return bad("reporting date %s appears twice", k)
		}
		seen[k] = true
	}
	return nil
}

// Period is one reporting period. Start is the first instant of its
// first day; End is the first instant after its last day; Due is the
// first instant of the due day. A report is overdue from the end of the
// due day, that is from Due plus one day.
type Period struct {
	Key   string // "2026-03", "2026-Q1" or "2026-06-30"
	Start time.Time
	End   time.Time
	Due   time.Time
}

// Last is the period's last day.
func (p Period) Last() time.Time { return p.End.AddDate(0, 0, -1) }

// Open tells whether the period's report is due but not yet late at
// now: from the end of the period (or from the due day, when the report
// is due on the period's last day) to the end of the due day.
func (p Period) Open(now time.Time) bool {
	from := p.End
	if p.Due.Before(from) {
		from = p.Due
	}
	return !now.Before(from) && !p.Overdue(now)
}

// Overdue tells whether the due day has passed at now.
func (p Period) Overdue(now time.Time) bool {
	return !now.Before(p.Due.AddDate(0, 0, 1))
}

// DaysOverdue is the number of whole days since the due day at now, or
// 0 when the report is not overdue.
func (p Period) DaysOverdue(now time.Time) int {
	if !p.Overdue(now) {
		return 0
	}
	now = civil(now.In(p.Due.Location()), p.Due.Location())
	return daysBetween(p.Due, now)
}

// Periods returns the calendar's periods that overlap the days from
// from to to (both inclusive, taken as dates in the calendar's zone), in
// order.
func Periods(cal Calendar, from, to time.Time) ([]Period, error) {
	if err := cal.Validate(); err != nil {
		return nil, err
	}
	loc := cal.location()
	first := civil(from, loc)
	end := civil(to, loc).AddDate(0, 0, 1) // first instant after the last day
	if !first.Before(end) {
		return nil, nil
	}
	var out []Period
	switch cal.Frequency {
	case Monthly:
		for m := time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, loc); m.Before(end); m = m.AddDate(0, 1, 0) {
			next := m.AddDate(0, 1, 0)
			out = append(out, Period{
				Key:   m.Format("2006-01"),
				Start: m, End: next,
				Due: time.Date(next.Year(), next.Month(), cal.DueDay, 0, 0, 0, 0, loc),
			})
		}
	case Quarterly:
		q0 := (int(first.Month()) - 1) / 3
		for q := time.Date(first.Year(), time.Month(q0*3+1), 1, 0, 0, 0, 0, loc); q.Before(end); q = q.AddDate(0, 3, 0) {
			next := q.AddDate(0, 3, 0)
			out = append(out, Period{
				Key:   fmt.Sprintf("%d-Q%d", q.Year(), (int(q.Month())-1)/3+1),
				Start: q, End: next,
				Due: next.AddDate(0, 0, cal.DueAfter-1),
			})
		}
	case Dates:
		for _, p := range datePeriods(cal, loc) {
			if p.Start.Before(end) && first.Before(p.End) {
				out = append(out, p)
			}
		}
	}
	return out, nil
}

// datePeriods returns every period of a date calendar: each runs from
// the day after the previous date to its own date.
func datePeriods(cal Calendar, loc *time.Location) []Period {
	days := make([]time.Time, len(cal.Dates))
	for i, d := range cal.Dates {
		days[i] = civil(d, loc)
	}
	sort.Slice(days, func(i, j int) bool { return days[i].Before(days[j]) })
	start := time.Date(days[0].Year(), time.January, 1, 0, 0, 0, 0, loc)
	if !cal.Start.IsZero() {
		start = civil(cal.Start, loc)
	}
	out := make([]Period, 0, len(days))
	for _, d := range days {
		next := d.AddDate(0, 0, 1)
		if !start.Before(next) { // a date before the start has an empty period
			continue
		}
		out = append(out, Period{
			Key:   d.Format(time.DateOnly),
			Start: start, End: next,
			Due: d.AddDate(0, 0, cal.DueAfter),
		})
		start = next
	}
	return out
}

// Covers tells whether reports are asked for p: the period overlaps the
// days from the calendar's start to its end.
func (c Calendar) Covers(p Period) bool {
	loc := c.location()
	if !c.Start.IsZero() && !civil(c.Start, loc).Before(p.End) {
		return false
	}
	return c.End.IsZero() || !civil(c.End, loc).Before(p.Start)
}

// Within returns the calendar's periods from its start to its end that
// overlap the days from from to to, in order: the periods reports are
// asked for. A calendar without a start begins at from.
func Within(cal Calendar, from, to time.Time) ([]Period, error) {
	loc := cal.location()
	if !cal.Start.IsZero() && civil(from, loc).Before(civil(cal.Start, loc)) {
		from = cal.Start
	}
	if !cal.End.IsZero() && civil(cal.End, loc).Before(civil(to, loc)) {
		to = cal.End
	}
	return Periods(cal, from, to)
}

// ForFrequency is the calendar of a task that reports at f instead of
// the plan's frequency: the same start, end and due rules, with the
// default due rule where the plan's calendar has none for f. An empty f,
// or the calendar's own, is the calendar itself.
func (c Calendar) ForFrequency(f Frequency) Calendar {
	if f == "" || f == c.Frequency {
		return c
	}
	out := c
	out.Frequency = f
	out.Dates = nil
	if out.DueDay < 1 || out.DueDay > MaxDueDay {
		out.DueDay = DefaultDueDay
	}
	if out.DueAfter < 0 || out.DueAfter > MaxDueAfter {
		out.DueAfter = DefaultDueAfter
	}
	if c.Frequency == Dates && out.Start.IsZero() && len(c.Dates) > 0 {
		// A date calendar without a start begins on 1 January of its
		// first date's year; so does a task of it that reports monthly.
		first := civil(c.Dates[0], c.location())
		for _, d := range c.Dates[1:] {
			if d := civil(d, c.location()); d.Before(first) {
				first = d
			}
		}
		out.Start = time.Date(first.Year(), time.January, 1, 0, 0, 0, 0, c.location())
	}
	return out
}

// PeriodAt is the calendar's period that the day of t falls in; ok is
// false when no period holds it (a date calendar after its last date).
func PeriodAt(cal Calendar, t time.Time) (Period, bool, error) {
	ps, err := Periods(cal, t, t)
	if err != nil || len(ps) == 0 {
		return Period{}, false, err
	}
	return ps[0], true, nil
}

// Due returns, at now, the periods from the calendar's start to its end
// whose report is due (the period has ended, the due day has not passed)
// and those that are overdue, each in order. Periods outside the
// calendar's start and end are never due. Whether a report was submitted
// is not the calendar's business: the caller removes those.
func Due(cal Calendar, now time.Time) (due, overdue []Period, err error) {
	if err := cal.Validate(); err != nil {
		return nil, nil, err
	}
	from := cal.Start
	if from.IsZero() {
		if cal.Frequency != Dates {
			return nil, nil, ErrNoStart
		}
		from = time.Date(1, 1, 1, 0, 0, 0, 0, cal.location())
	}
	ps, err := Within(cal, from, now)
	if err != nil {
		return nil, nil, err
	}
	for _, p := range ps {
		switch {
		case p.Overdue(now):
			overdue = append(overdue, p)
		case p.Open(now):
			due = append(due, p)
		}
	}
	return due, overdue, nil
}

// civil returns the first instant of t's date in loc.
func civil(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// daysBetween counts calendar days from a to b, both midnights in the
// same zone; it is immune to the length of days around clock changes.
func daysBetween(a, b time.Time) int {
	ua := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	ub := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(ub.Sub(ua).Hours() / 24)
}
