package indicator

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
)

func exampleSeries(t testing.TB) []Series {
	tr, err := NewTrajectory(goal130, Yearly)
	if err != nil {
		t.Fatal(err)
	}
	values := []Point{pt("2025-06-30", 104), pt("2025-12-31", 108)}
	p, err := Project(goal130, values, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return ChartSeries(tr, values, &p, DefaultChartLabels())
}

func TestChart(t *testing.T) {
	var buf bytes.Buffer
	title := `技术合同交易额（亿元）<script>alert("x")</script> & 预测`
	if err := Chart(&buf, title, exampleSeries(t)...); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Contains(out, "<script") || !strings.Contains(out, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; 预测") {
		t.Fatalf("title not escaped:\n%s", out)
	}
	for _, want := range []string{`viewBox="0 0 720 420"`, "目标路径", "实际值", "预测", "目标值", `stroke-dasharray="7 5"`, ">2025-12<", ">2027-12<"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q", want)
		}
	}
	for _, banned := range []string{"@import", "url(", "href", "<style", "javascript:", "onload"} {
		if strings.Contains(out, banned) {
			t.Errorf("contains %q", banned)
		}
	}

	// Well-formed, one root <svg>, and every drawn point inside the plot.
	dec := xml.NewDecoder(strings.NewReader(out))
	var depth, roots, circles, polylines int
	var titleText string
	inTitle := false
	inside := func(attr, v string) {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Errorf("%s=%q", attr, v)
			return
		}
		lo, hi := 0.0, 720.0
		if attr == "y" {
			hi = 420
		}
		if x < lo || x > hi {
			t.Errorf("%s=%v outside the viewBox", attr, x)
		}
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, out)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
				if el.Name.Local != "svg" || el.Name.Space != "http://www.w3.org/2000/svg" {
					t.Errorf("root %v", el.Name)
				}
			}
			depth++
			inTitle = el.Name.Local == "title" && depth == 2
			for _, a := range el.Attr {
				switch a.Name.Local {
				case "cx":
					inside("x", a.Value)
				case "cy":
					inside("y", a.Value)
				case "points":
					for _, pair := range strings.Fields(a.Value) {
						x, y, _ := strings.Cut(pair, ",")
						inside("x", x)
						inside("y", y)
					}
				}
			}
			switch el.Name.Local {
			case "circle":
				circles++
			case "polyline":
				polylines++
			}
		case xml.EndElement:
			depth--
			inTitle = false
		case xml.CharData:
			if inTitle {
				titleText += string(el)
			}
		}
	}
	if roots != 1 || depth != 0 {
		t.Errorf("%d roots, depth %d", roots, depth)
	}
	if titleText != title {
		t.Errorf("title reads back as %q", titleText)
	}
	// 2 values + 1 projection end + 2 legend markers (values, projection).
	if circles != 5 {
		t.Errorf("%d circles, want 5", circles)
	}
	// trajectory, values, projection
	if polylines != 3 {
		t.Errorf("%d polylines, want 3", polylines)
	}
}

func TestChartPointsWithinPlot(t *testing.T) {
	// The projection far below the target and a negative value: the
	// value axis stretches to hold them all.
	series := []Series{
		{Kind: TargetSeries, Label: "目标", Points: []Point{pt("2027-12-31", 130)}},
		{Kind: ValuesSeries, Label: "值", Points: []Point{pt("2025-03-31", -12.5), pt("2025-06-30", 40)}},
		{Kind: ProjectionSeries, Label: "预测", Points: []Point{pt("2025-06-30", 40), pt("2027-12-31", 512)}},
	}
	var buf bytes.Buffer
	if err := Chart(&buf, "t", series...); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(&buf)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		el, ok := tok.(xml.StartElement)
		if !ok || (el.Name.Local != "circle" && el.Name.Local != "polyline") {
			continue
		}
		for _, a := range el.Attr {
			var coords []string
			switch a.Name.Local {
			case "cx", "cy":
				coords = []string{a.Name.Local + "=" + a.Value}
			case "points":
				for _, pair := range strings.Fields(a.Value) {
					x, y, _ := strings.Cut(pair, ",")
					coords = append(coords, "cx="+x, "cy="+y)
				}
			}
			for _, c := range coords {
				name, v, _ := strings.Cut(c, "=")
				x, _ := strconv.ParseFloat(v, 64)
				lo, hi := float64(plotL)-0.05, float64(plotR)+0.05
				if name == "cy" {
					lo, hi = float64(plotT)-0.05, float64(plotB)+0.05
					if el.Name.Local == "circle" && x > plotB+10 { // legend markers sit below the plot
						continue
					}
				}
				if el.Name.Local == "circle" && name == "cx" && x < plotL {
					t.Errorf("circle cx=%v left of the plot", x)
				}
				if el.Name.Local == "polyline" && (x < lo || x > hi) {
					t.Errorf("polyline %s=%v outside the plot [%v, %v]", name, x, lo, hi)
				}
				if el.Name.Local == "circle" && name == "cy" && (x < lo || x > hi) {
					t.Errorf("circle cy=%v outside the plot", x)
				}
			}
		}
	}
}

func TestChartErrors(t *testing.T) {
	if err := Chart(io.Discard, "t"); !errors.Is(err, ErrNoData) {
		t.Errorf("no series: %v", err)
	}
	if err := Chart(io.Discard, "t", Series{Kind: ValuesSeries}); !errors.Is(err, ErrNoData) {
		t.Errorf("empty series: %v", err)
	}
	if err := Chart(io.Discard, "t", Series{Kind: "pie", Points: []Point{pt("2025-01-31", 1)}}); err == nil {
		t.Error("unknown kind drawn")
	}
	if err := Chart(io.Discard, "t", Series{Kind: ValuesSeries, Points: []Point{pt("2025-01-31", math.NaN())}}); err == nil {
		t.Error("NaN drawn")
	}
	// One point alone still makes a chart.
	var buf bytes.Buffer
	if err := Chart(&buf, "t", Series{Kind: ValuesSeries, Label: "v", Points: []Point{pt("2025-01-31", 5)}}); err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(buf.Bytes(), new(struct{})); err != nil {
		t.Errorf("single point: %v", err)
	}
}

func TestNiceTicks(t *testing.T) {
	for _, tt := range []struct {
		lo, hi float64
		want   string
	}{
		{100, 130, "100 110 120 130"},
		{94, 136, "90 100 110 120 130 140"},
		{0.85, 1, "0.85 0.9 0.95 1"},       // a range of 0.15: 0.03 a fifth, rounded up to 0.05
		{-12.5, 512, "-200 0 200 400 600"}, // 524.5 / 5 = 104.9, rounded up to 200
		{5, 5, "4 4.5 5 5.5 6"},
	} {
		ts := niceTicks(tt.lo, tt.hi)
		parts := make([]string, len(ts))
		for i, v := range ts {
			parts[i] = strconv.FormatFloat(v, 'f', -1, 64)
		}
		got := strings.Join(parts, " ")
		if got != tt.want {
			t.Errorf("niceTicks(%v, %v) = %s, want %s", tt.lo, tt.hi, got, tt.want)
		}
		if ts[0] > tt.lo || ts[len(ts)-1] < tt.hi {
			t.Errorf("ticks %v do not cover [%v, %v]", ts, tt.lo, tt.hi)
		}
	}
}

func BenchmarkProject(b *testing.B) {
	values := make([]Point, 40)
	for i := range values {
		values[i] = Point{Date: d("2025-01-31").AddDate(0, i, 0), Value: 100 + float64(i)*0.9}
	}
	opt := DefaultOptions()
	opt.Window = 12
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Project(goal130, values, opt); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkChart(b *testing.B) {
	series := exampleSeries(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := Chart(io.Discard, "技术合同交易额", series...); err != nil {
			b.Fatal(err)
		}
	}
}
