package indicator

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// SeriesKind decides how a series is drawn. Each kind has its own color
// and line pattern, so the chart still reads when printed in black and
// white.
type SeriesKind string

// Series kinds.
const (
	TrajectorySeries SeriesKind = "trajectory" // gray dotted line with squares
	ValuesSeries     SeriesKind = "values"     // blue solid line with dots
	ProjectionSeries SeriesKind = "projection" // amber dashed line to the deadline
	TargetSeries     SeriesKind = "target"     // red dash-dot line across the chart at the first point's value
)

// Series is one line of a chart; Label is shown in the legend.
type Series struct {
	Kind   SeriesKind
	Label  string
	Points []Point
}

// ErrNoData is returned by Chart when no series has a point.
var ErrNoData = errors.New("chart has no data")

// ChartLabels are the legend texts of ChartSeries.
type ChartLabels struct {
	Trajectory, Values, Projection, Target string
}

// DefaultChartLabels are the Chinese legend texts.
func DefaultChartLabels() ChartLabels {
	return ChartLabels{Trajectory: "目标路径", Values: "实际值", Projection: "预测", Target: "目标值"}
}

// ChartSeries returns the series of an indicator page: the trajectory,
// the reported values, the projection from the latest value to the
// deadline (when p is not nil) and the target.
func ChartSeries(t Trajectory, values []Point, p *Projection, l ChartLabels) []Series {
	out := []Series{{Kind: TargetSeries, Label: l.Target, Points: []Point{t.Target}}}
	if !t.NoBaseline {
		out = append(out, Series{Kind: TrajectorySeries, Label: l.Trajectory, Points: t.Points()})
	}
	if len(values) > 0 {
		vs := sorted(values)
		out = append(out, Series{Kind: ValuesSeries, Label: l.Values, Points: vs})
		if p != nil {
			last := vs[len(vs)-1]
			out = append(out, Series{Kind: ProjectionSeries, Label: l.Projection,
				Points: []Point{last, {Date: t.Target.Date, Value: p.Value}}})
		}
	}
	return out
}

// The chart's fixed coordinate system: it scales to its container.
const (
	chartW, chartH = 720, 420
	plotL, plotR   = 72, 696
	plotT, plotB   = 52, 318
)

type style struct {
	color, dash string
	width       float64
	marker      string // "circle", "square", "ring" or ""
}

var styles = map[SeriesKind]style{
	TrajectorySeries: {"#6b7280", "2 4", 2, "square"},
	ValuesSeries:     {"#1d4ed8", "", 2.5, "circle"},
	ProjectionSeries: {"#b45309", "7 5", 2, "ring"},
	TargetSeries:     {"#b91c1c", "12 4 3 4", 1.5, ""},
}

// Chart writes an SVG chart of the series, titled title, to w: axes with
// ticks (years, quarters or months along time), each series in its own
// style, and a legend. Every text is escaped; the SVG has a fixed
// viewBox, no script and no external font, and reads without
// JavaScript and on paper.
func Chart(w io.Writer, title string, series ...Series) error {
	var xs, ys []float64
	for _, s := range series {
		if _, ok := styles[s.Kind]; !ok {
			return fmt.Errorf("chart: unknown series kind %q", s.Kind)
		}
		for _, p := range s.Points {
			if !finite(p.Value) || p.Date.IsZero() {
				return fmt.Errorf("chart: series %q has a point without a date or a finite value", s.Label)
			}
			ys = append(ys, p.Value)
			if s.Kind != TargetSeries { // the target spans whatever the others span
				xs = append(xs, monthIndex(p.Date))
			}
		}
	}
	if len(ys) == 0 {
		return ErrNoData
	}
	if len(xs) == 0 {
		for _, s := range series {
			for _, p := range s.Points {
				xs = append(xs, monthIndex(p.Date))
			}
		}
	}
	xmin, xmax := bounds(xs)
	if xmax-xmin < 1 {
		xmin, xmax = xmin-1, xmax+1
	}
	ymin, ymax := bounds(ys)
	yt := niceTicks(ymin, ymax)
	ymin, ymax = yt[0], yt[len(yt)-1]
	sx := func(m float64) float64 { return plotL + (m-xmin)/(xmax-xmin)*(plotR-plotL) }
	sy := func(v float64) float64 { return plotB - (v-ymin)/(ymax-ymin)*(plotB-plotT) }

	b := bufio.NewWriter(w)
	text := func(s string) { xml.EscapeText(b, []byte(s)) } // writes to b; errors surface at Flush
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="100%%" role="img" font-family="sans-serif" font-size="12">`, chartW, chartH)
	b.WriteString("\n<title>")
	text(title)
	b.WriteString("</title>\n")
	fmt.Fprintf(b, `<rect x="0" y="0" width="%d" height="%d" fill="#fff"/>`+"\n", chartW, chartH)
	fmt.Fprintf(b, `<text x="%d" y="28" text-anchor="middle" font-size="16" font-weight="bold" fill="#111">`, chartW/2)
	text(title)
	b.WriteString("</text>\n")

	// Value axis with grid lines.
	b.WriteString(`<g class="y-axis" stroke="#d1d5db" stroke-width="1">` + "\n")
	for _, v := range yt {
		fmt.Fprintf(b, `<line x1="%d" y1="%s" x2="%d" y2="%s"/>`+"\n", plotL, f(sy(v)), plotR, f(sy(v)))
	}
	b.WriteString("</g>\n")
	b.WriteString(`<g class="y-labels" text-anchor="end" fill="#374151">` + "\n")
	prec := decimals(yt)
	for _, v := range yt {
		fmt.Fprintf(b, `<text x="%d" y="%s">%s</text>`+"\n", plotL-8, f(sy(v)+4), strconv.FormatFloat(v, 'f', prec, 64))
	}
	b.WriteString("</g>\n")

	// Time axis.
	fmt.Fprintf(b, `<line class="x-axis" x1="%d" y1="%d" x2="%d" y2="%d" stroke="#111" stroke-width="1"/>`+"\n", plotL, plotB, plotR, plotB)
	fmt.Fprintf(b, `<line class="y-axis-line" x1="%d" y1="%d" x2="%d" y2="%d" stroke="#111" stroke-width="1"/>`+"\n", plotL, plotT, plotL, plotB)
	b.WriteString(`<g class="x-ticks" text-anchor="middle" fill="#374151">` + "\n")
	for _, t := range timeTicks(xmin, xmax) {
		x := f(sx(t.at))
		fmt.Fprintf(b, `<line x1="%s" y1="%d" x2="%s" y2="%d" stroke="#111"/>`, x, plotB, x, plotB+5)
		fmt.Fprintf(b, `<text x="%s" y="%d">%s</text>`+"\n", x, plotB+20, t.label)
	}
	b.WriteString("</g>\n")

	// Series, the target first so the others draw over it.
	for _, s := range series {
		if len(s.Points) == 0 {
			continue
		}
		st := styles[s.Kind]
		fmt.Fprintf(b, `<g class="%s" stroke="%s" fill="%s">`, s.Kind, st.color, st.color)
		b.WriteString("<title>")
		text(s.Label)
		b.WriteString("</title>\n")
		dash := ""
		if st.dash != "" {
			dash = fmt.Sprintf(` stroke-dasharray="%s"`, st.dash)
		}
		if s.Kind == TargetSeries {
			y := f(sy(s.Points[0].Value))
			fmt.Fprintf(b, `<line x1="%d" y1="%s" x2="%d" y2="%s" stroke-width="%s"%s/>`+"\n", plotL, y, plotR, y, f(st.width), dash)
			b.WriteString("</g>\n")
			continue
		}
		ps := sorted(s.Points)
		coords := make([]string, len(ps))
		for i, p := range ps {
			coords[i] = f(sx(monthIndex(p.Date))) + "," + f(sy(p.Value))
		}
		if len(ps) > 1 {
			fmt.Fprintf(b, `<polyline points="%s" fill="none" stroke-width="%s"%s/>`+"\n", strings.Join(coords, " "), f(st.width), dash)
		}
		for i, p := range ps {
			if st.marker == "ring" && i == 0 { // the projection starts on the latest value
				continue
			}
			marker(b, st.marker, sx(monthIndex(p.Date)), sy(p.Value))
			b.WriteString("<title>")
			text(p.Date.Format(time.DateOnly) + " " + strconv.FormatFloat(p.Value, 'f', -1, 64))
			b.WriteString("</title></" + markerElement(st.marker) + ">\n")
		}
		b.WriteString("</g>\n")
	}

	// Legend: a sample of each line and its label, four to a row.
	b.WriteString(`<g class="legend" fill="#111">` + "\n")
	for i, s := range series {
		st := styles[s.Kind]
		x, y := plotL+(i%4)*156, plotB+50+(i/4)*22
		dash := ""
		if st.dash != "" {
			dash = fmt.Sprintf(` stroke-dasharray="%s"`, st.dash)
		}
		fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="%s"%s/>`, x, y, x+28, y, st.color, f(st.width), dash)
		if st.marker != "" {
			fmt.Fprintf(b, `<g stroke="%s" fill="%s">`, st.color, st.color)
			marker(b, st.marker, float64(x+14), float64(y))
			b.WriteString("</" + markerElement(st.marker) + "></g>")
		}
		fmt.Fprintf(b, `<text x="%d" y="%d">`, x+36, y+4)
		text(s.Label)
		b.WriteString("</text>\n")
	}
	b.WriteString("</g>\n</svg>\n")
	return b.Flush()
}

// marker opens the element of a point marker; the caller closes it.
func marker(b *bufio.Writer, kind string, x, y float64) {
	switch kind {
	case "square":
		fmt.Fprintf(b, `<rect x="%s" y="%s" width="6" height="6">`, f(x-3), f(y-3))
	case "ring":
		fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="4" fill="#fff" stroke-width="2">`, f(x), f(y))
	default:
		fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="4">`, f(x), f(y))
	}
}

func markerElement(kind string) string {
	if kind == "square" {
		return "rect"
	}
	return "circle"
}

// f prints a coordinate with one decimal.
func f(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

func bounds(vs []float64) (lo, hi float64) {
	lo, hi = vs[0], vs[0]
	for _, v := range vs[1:] {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	return lo, hi
}

// niceTicks returns 4 to 10 round values from at or below lo to at or
// above hi, with steps of 1, 2 or 5 times a power of ten.
func niceTicks(lo, hi float64) []float64 {
	if hi == lo {
		pad := math.Max(math.Abs(lo)*0.1, 1)
		lo, hi = lo-pad, hi+pad
	}
	raw := (hi - lo) / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	// Count in whole steps, and print each tick with the step's decimals
	// so that 17 × 0.05 is 0.85, not 0.8500000000000001.
	dec := max(0, int(math.Ceil(-math.Log10(step)-1e-9)))
	first := math.Floor(lo/step + 1e-9)
	last := math.Ceil(hi/step - 1e-9)
	ts := make([]float64, 0, int(last-first)+2)
	for k := first; k <= last; k++ {
		v, err := strconv.ParseFloat(strconv.FormatFloat(k*step, 'f', dec, 64), 64)
		if err != nil { // cannot happen: FormatFloat's output parses
			v = k * step
		}
		ts = append(ts, v)
	}
	if len(ts) < 2 {
		ts = append(ts, ts[0]+step)
	}
	return ts
}

// decimals is how many decimals the tick labels need to differ.
func decimals(ts []float64) int {
	if len(ts) < 2 {
		return 0
	}
	step := ts[1] - ts[0]
	return max(0, int(math.Ceil(-math.Log10(step)-1e-9)))
}

type tick struct {
	at    float64
	label string
}

// timeTicks marks year ends over long spans, quarter ends over a year or
// two and month ends over short ones, on the Months axis.
func timeTicks(lo, hi float64) []tick {
	span := hi - lo
	every := 1
	switch {
	case span > 12*10:
		every = 24
	case span > 24:
		every = 12
	case span > 6:
		every = 3
	}
	var ts []tick
	for m := math.Ceil(lo/float64(every)) * float64(every); m <= hi+1e-9; m += float64(every) {
		// A whole m is the end of a month, labelled by that month
		// ("2025-12" for the end of 2025): a bare year would read as its
		// start.
		n := int(m) - 1
		ts = append(ts, tick{at: m, label: fmt.Sprintf("%d-%02d", n/12, n%12+1)})
	}
	return ts
}
