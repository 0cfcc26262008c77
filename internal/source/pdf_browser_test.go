package source

import (
	"context"
	"errors"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"luoshi/internal/extract"
	"luoshi/internal/plan"

	"luoshi/internal/skipnote"
)

const chromium = "/usr/bin/chromium"

// printer prints HTML pages to PDF with headless Chromium.
type printer struct {
	t   *testing.T
	ctx context.Context
	dir string
}

// newPrinter starts Chromium, or skips the test where it is missing;
// with CI set, a missing browser fails the test.
func newPrinter(t *testing.T) *printer {
	t.Helper()
	if testing.Short() {
		skipnote.Skip(t, "PDF printing tests", "-short")
	}
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but %s is missing: %v", chromium, err)
		}
		skipnote.Skip(t, "PDF printing tests", chromium+" not found")
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	t.Cleanup(cancelAlloc)
	browser, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel)
	// The first run starts the browser and must not carry a timeout.
	if err := chromedp.Do(browser); err != nil {
		t.Fatalf("starting %s: %v", chromium, err)
	}
	ctx, cancelTimeout := context.WithTimeout(browser, 2*time.Minute)
	t.Cleanup(cancelTimeout)
	return &printer{t: t, ctx: ctx, dir: t.TempDir()}
}

// print prints a page on A4 paper; with furniture, each sheet has a
// running header and a page number in the footer as official documents
// have them.
func (p *printer) print(name, page string, furniture bool) []byte {
	p.t.Helper()
	file := filepath.Join(p.dir, name+".html")
	if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
		p.t.Fatal(err)
	}
	if err := chromedp.Do(p.ctx, chromedp.Navigate("file://"+file)); err != nil {
		p.t.Fatalf("loading %s: %v", name, err)
	}
	opts := []chromedp.PDFOption{chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFMargins(1, 1.1, 1, 1.1)}
	if furniture {
		opts = append(opts,
			chromedp.PDFHeaderTemplate(`<div style="font-family:'WenQuanYi Micro Hei';font-size:10pt;width:100%;text-align:center">云溪市人民政府行政规范性文件</div>`),
			chromedp.PDFFooterTemplate(`<div style="font-size:12pt;width:100%;text-align:center">— <span class="pageNumber"></span> —</div>`))
	}
	data, err := chromedp.Run(p.ctx, chromedp.PrintToPDF(opts...))
	if err != nil {
		p.t.Fatalf("printing %s: %v", name, err)
	}
	return data
}

// planPage lays out a plan written one paragraph per line as an office
// publishes it: the title and document number centred, the issuer and
// date at the right, the body in paragraphs. indent gives paragraphs a
// first-line indent of two characters; without it they stand flush
// left with space between them.
func planPage(text string, indent bool) string {
	para := "margin:0;text-indent:2em"
	if !indent {
		para = "margin:0 0 0.6em"
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<!doctype html><html><head><meta charset="utf-8"><title>plan</title><style>
body{font-family:"WenQuanYi Micro Hei",sans-serif;font-size:16pt;line-height:1.6;text-align:justify}
p{%s} h1{font-size:20pt;text-align:center;margin:0 0 0.5em} .c{text-align:center;text-indent:0} .r{text-align:right;text-indent:0}
</style></head><body>`, para)
	lines := strings.Split(strings.TrimSpace(text), "\n")
	for i, l := range lines {
		l = html.EscapeString(l)
		switch {
		case i == 0:
			fmt.Fprintf(&b, "<h1>%s</h1>\n", l)
		case i == 1:
			fmt.Fprintf(&b, "<p class=c>%s</p>\n", l)
		case i >= len(lines)-2:
			fmt.Fprintf(&b, "<p class=r>%s</p>\n", l)
		default:
			fmt.Fprintf(&b, "<p>%s</p>\n", l)
		}
	}
	b.WriteString("</body></html>")
	return b.String()
}

// TestPDFPrintedPlan prints a plan to PDF and checks that reading the
// PDF gives the plan that its plain text gives: the same fields, tasks,
// labels, units and targets.
func TestPDFPrintedPlan(t *testing.T) {
	p := newPrinter(t)
	text := readFixture(t, "pdf_plan.txt")
	want := planSummary(t, text)
	readers := []struct {
		name string
		read pdfReader
	}{{"built-in", readPDFium}}
	if _, err := exec.LookPath(pdftotextPath); err == nil {
		readers = append(readers, struct {
			name string
			read pdfReader
		}{"pdftotext", readPdftotext})
	} else if os.Getenv("CI") != "" {
		t.Fatalf("CI is set but pdftotext is missing: %v", err)
	}
	for _, indent := range []bool{true, false} {
		name := "flush paragraphs"
		if indent {
			name = "indented paragraphs"
		}
		data := p.print(strings.ReplaceAll(name, " ", "-"), planPage(text, indent), true)
		if !looksPDF("plan", data) {
			t.Fatalf("%s: Chromium printed no PDF", name)
		}
		for _, r := range readers {
			t.Run(name+"/"+r.name, func(t *testing.T) {
				pages, err := r.read(data)
				if err != nil {
					t.Fatal(err)
				}
				if len(pages) < 2 {
					t.Fatalf("the plan printed on %d page; the test needs page breaks", len(pages))
				}
				got, err := pdfText(pages)
				if err != nil {
					t.Fatal(err)
				}
				if g := planSummary(t, got); g != want {
					t.Errorf("the PDF's plan differs from the text's:\n%s\ntext read from the PDF:\n%s", diffLines(g, want), got)
				}
			})
		}
	}
	t.Run("no text", func(t *testing.T) {
		data := p.print("picture", `<!doctype html><html><body><svg width="400" height="300"><rect width="400" height="300" fill="#345"/><circle cx="200" cy="150" r="90" fill="#c33"/></svg></body></html>`, false)
		if _, err := Decode("scan.pdf", data); !errors.Is(err, ErrPDFNoText) {
			t.Errorf("a PDF of pictures: error %v, want %v", err, ErrPDFNoText)
		}
	})
}

// planSummary is what the extractor finds in a text, one fact a line.
func planSummary(t *testing.T, text string) string {
	t.Helper()
	p, err := extract.Parse(text)
	if err != nil {
		t.Fatalf("extract: %v", err)
	}
	var b strings.Builder
	d := p.Document
	fmt.Fprintf(&b, "document %q %q %q %q %q %d\n", d.Title, d.DocNumber, d.Issuer, d.Date, d.Region, d.Year)
	target := func(g plan.Target) string {
		s := fmt.Sprintf("%q %s %g", g.Indicator, g.Comparator, g.Value)
		if g.ValueMax != nil {
			s += fmt.Sprintf("–%g", *g.ValueMax)
		}
		return s + fmt.Sprintf(" %q %d", g.Unit, g.Year)
	}
	for _, g := range p.Goals {
		fmt.Fprintf(&b, "goal %s\n", target(g))
	}
	for _, k := range p.Tasks {
		fmt.Fprintf(&b, "task %s %v %q\n", k.Label, k.Path, k.Text)
		fmt.Fprintf(&b, "  lead %q cooperating %q deadline %q\n", k.Lead, k.Cooperating, k.Deadline)
		for _, g := range k.Targets {
			fmt.Fprintf(&b, "  target %s\n", target(g))
		}
	}
	if len(p.Tasks) < 8 {
		t.Fatalf("the plan gives %d tasks:\n%s", len(p.Tasks), b.String())
	}
	return b.String()
}

// diffLines shows the lines of got and want that differ.
func diffLines(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var b strings.Builder
	for i := range max(len(g), len(w)) {
		var x, y string
		if i < len(g) {
			x = g[i]
		}
		if i < len(w) {
			y = w[i]
		}
		if x != y {
			fmt.Fprintf(&b, "-%s\n+%s\n", y, x)
		}
	}
	return b.String()
}
