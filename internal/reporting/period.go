package reporting

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// PeriodName is what a period key says: its kind, its year, and its
// month, quarter or last day. The key ("2026-03", "2026-Q3",
// "2026-06-30") is the machine's; people read the name (see the web
// package's period label).
type PeriodName struct {
	Frequency Frequency
	Year      int
	Month     int       // 1–12 for a monthly period; also the month of Date
	Quarter   int       // 1–4 for a quarterly period
	Date      time.Time // the last day of a date calendar's period
}

// ParseKey reads a period key; ok is false for anything else.
func ParseKey(key string) (PeriodName, bool) {
	switch {
	case len(key) == 7 && key[4] == '-' && key[5] == 'Q':
		y, err1 := strconv.Atoi(key[:4])
		q, err2 := strconv.Atoi(key[6:])
		if err1 != nil || err2 != nil || q < 1 || q > 4 || !digits(key[:4]) {
			return PeriodName{}, false
		}
		return PeriodName{Frequency: Quarterly, Year: y, Quarter: q}, true
	case len(key) == 7 && key[4] == '-':
		t, err := time.Parse("2006-01", key)
		if err != nil {
			return PeriodName{}, false
		}
		return PeriodName{Frequency: Monthly, Year: t.Year(), Month: int(t.Month())}, true
	case len(key) == 10:
		t, err := time.Parse(time.DateOnly, key)
		if err != nil {
			return PeriodName{}, false
		}
		return PeriodName{Frequency: Dates, Year: t.Year(), Month: int(t.Month()), Date: t}, true
	}
	return PeriodName{}, false
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// FirstDay is the first day of a monthly or quarterly period and the
// last day of a date calendar's period, in loc: the day from which a
// calendar starting "at" the period includes it.
func (n PeriodName) FirstDay(loc *time.Location) time.Time {
	switch n.Frequency {
	case Monthly:
		return time.Date(n.Year, time.Month(n.Month), 1, 0, 0, 0, 0, loc)
	case Quarterly:
		return time.Date(n.Year, time.Month(n.Quarter*3-2), 1, 0, 0, 0, 0, loc)
	}
	return time.Date(n.Date.Year(), n.Date.Month(), n.Date.Day(), 0, 0, 0, 0, loc)
}

// TaskFrequencies are the frequencies a task may report at instead of
// its plan's calendar; "" follows the calendar.
var TaskFrequencies = []Frequency{"", Monthly, Quarterly}

// ValidTaskFrequency tells whether f may be set on a task.
func ValidTaskFrequency(f Frequency) bool {
	for _, x := range TaskFrequencies {
		if f == x {
			return true
		}
	}
	return false
}

// ErrTaskFrequency is a frequency a task cannot report at.
var ErrTaskFrequency = fmt.Errorf("%w: a task reports monthly, quarterly or as its plan does", ErrCalendar)

// monthlyWords and quarterlyWords say in a task's text how often it is
// reported: "每月报送", "按季度报送进展".
var (
	monthlyWords   = []string{"每月", "按月", "逐月", "月度"}
	quarterlyWords = []string{"每季度", "按季度", "每季", "按季", "逐季", "季度"}
	reportWords    = []string{"报送", "上报", "报告", "报"}
)

// SuggestFrequency reads how often a task's text asks for reports:
// Monthly where it says 每月/按月 … 报送, Quarterly where it says
// 每季度/按季度 … 报送, and "" where it says neither or both. The office
// decides; this is a proposal.
func SuggestFrequency(text string) Frequency {
	m, q := says(text, monthlyWords), says(text, quarterlyWords)
	switch {
	case m && !q:
		return Monthly
	case q && !m:
		return Quarterly
	}
	return ""
}

// says tells whether text has one of words followed in the same
// clause, within 20 characters, by a word of reporting ("每季度末前报送",
// "按季度向省领导小组办公室报告").
func says(text string, words []string) bool {
	for _, w := range words {
		for rest := text; ; {
			i := strings.Index(rest, w)
			if i < 0 {
				break
			}
			rest = rest[i+len(w):]
			window := rest
			for j, n := 0, 0; j < len(window); n++ {
				r, size := utf8.DecodeRuneInString(window[j:])
				if n == 20 || strings.ContainsRune("。；;！", r) {
					window = window[:j]
					break
				}
				j += size
			}
			for _, r := range reportWords {
				if strings.Contains(window, r) {
					return true
				}
			}
		}
	}
	return false
}

// SpanYears are the years a plan's reporting covers unless the office
// says otherwise: the plan's year, through the year most of its targets
// are for when that is later (a plan for 2023—2025 has its targets "到
// 2025年"). A plan without a year is taken to be for the year of its
// targets, else for now's year.
func SpanYears(planYear int, targetYears []int, now time.Time) (first, last int) {
	count := map[int]int{}
	mode := 0
	for _, y := range targetYears {
		if y <= 0 {
			continue
		}
		count[y]++
		if count[y] > count[mode] || (count[y] == count[mode] && y > mode) {
			mode = y
		}
	}
	first = planYear
	if first == 0 {
		first = mode
	}
	if first == 0 {
		first = now.In(Shanghai()).Year()
	}
	last = max(first, mode)
	return first, last
}

// DefaultSpan is the start and end a new calendar of frequency f gets
// for a plan covering the years first to last, at now: 1 January of the
// first year to 31 December of the last. A plan taken up after its start
// reports from the period now falls in, not from the periods already
// past, so that publishing it late does not make every unit late at
// once; and a plan taken up after its end reports through the end of
// that period's year.
func DefaultSpan(f Frequency, first, last int, now time.Time) (start, end time.Time) {
	loc := Shanghai()
	start = time.Date(first, time.January, 1, 0, 0, 0, 0, loc)
	end = time.Date(last, time.December, 31, 0, 0, 0, 0, loc)
	today := civil(now, loc)
	if today.After(start) {
		start = today
		if f == Monthly || f == Quarterly {
			if p, ok, err := PeriodAt(Calendar{Frequency: f, DueDay: DefaultDueDay, DueAfter: DefaultDueAfter, Location: loc}, today); err == nil && ok {
				start = p.Start
			}
		}
	}
	if end.Before(start) {
		end = time.Date(start.Year(), time.December, 31, 0, 0, 0, 0, loc)
	}
	return start, end
}
