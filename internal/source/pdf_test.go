package source

import (
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"luoshi/internal/skipnote"
)

// buildPDF writes a PDF file by hand: one page per content stream, on A4,
// with Courier as font F1.
func buildPDF(contents ...string) []byte {
	var b strings.Builder
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n")
	kids := make([]string, len(contents))
	for i := range contents {
		kids[i] = fmt.Sprintf("%d 0 R", 4+2*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(contents)))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>")
	for i, c := range contents {
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 5+2*i))
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(c), c))
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return []byte(b.String())
}

// textPage is a content stream that shows each line at the left margin,
// 12 points high, from the top down; a line starting with "  " is
// indented by four characters. A character is 7.2 points wide: a line
// of 60 characters, or of 56 after an indent, fills the line.
func textPage(header, footer string, lines ...string) string {
	var b strings.Builder
	show := func(x float64, y int, s string) {
		fmt.Fprintf(&b, "BT /F1 12 Tf %g %d Td (%s) Tj ET\n", x, y, s)
	}
	if header != "" {
		show(250, 800, header)
	}
	for i, l := range lines {
		x := 72.0
		if strings.HasPrefix(l, "  ") {
			x, l = 72+4*7.2, l[2:]
		}
		show(x, 740-18*i, l)
	}
	if footer != "" {
		show(290, 40, footer)
	}
	return b.String()
}

func TestDecodePDF(t *testing.T) {
	data := buildPDF(
		textPage("Yunxi Gazette", "- 1 -",
			"Work Plan for Community Services",
			"  The city will open twenty new service stations and will",
			"train six thousand domestic workers by the end of the year.",
			"  It will also publish a map of the night markets in the",
		),
		textPage("Yunxi Gazette", "- 2 -",
			"old town before the end of June and review the plan monthly.",
		),
	)
	got, err := Decode("plan.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	want := "Work Plan for Community Services\n" +
		"The city will open twenty new service stations and will train six thousand domestic workers by the end of the year.\n" +
		"It will also publish a map of the night markets in the old town before the end of June and review the plan monthly."
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// withoutPdftotext runs f with pdftotext out of reach.
func withoutPdftotext(t *testing.T, f func()) {
	t.Helper()
	old := pdftotextPath
	pdftotextPath = "luoshi-no-such-program"
	defer func() { pdftotextPath = old }()
	f()
}

func TestDecodePDFErrors(t *testing.T) {
	good := buildPDF(textPage("", "", "A line of text."))
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"no text layer", buildPDF("0 0 1 rg 72 72 300 300 re f"), ErrPDFNoText},
		{"pages of page numbers only", buildPDF(textPage("", "- 1 -"), textPage("", "- 2 -")), ErrPDFNoText},
		{"header only", []byte("%PDF-1.7\n"), ErrBrokenPDF},
		{"garbage after the header", []byte("%PDF-1.4\n\x00\x01 not a document \xff\xfe"), ErrBrokenPDF},
		{"cut before its pages", good[:40], ErrBrokenPDF},
	}
	for _, tt := range tests {
		check := func(t *testing.T) {
			t.Helper()
			got, err := Decode("plan.pdf", tt.data)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Decode = %q, %v; want error %v", got, err, tt.want)
			}
		}
		t.Run(tt.name, func(t *testing.T) {
			check(t)
			withoutPdftotext(t, func() { check(t) })
		})
	}
}

func TestDecodePDFWithPdftotext(t *testing.T) {
	if _, err := exec.LookPath(pdftotextPath); err != nil {
		skipnote.Skip(t, "pdftotext tests", "pdftotext is not installed")
	}
	data := buildPDF(
		textPage("Yunxi Gazette", "- 1 -", "Work Plan",
			"  The city will open twenty stations and will train six",
			"thousand workers by the end of the year in every district."),
		textPage("Yunxi Gazette", "- 2 -", "  It will review the plan each quarter."),
	)
	pages, err := readPdftotext(data)
	if err != nil {
		t.Fatal(err)
	}
	got, err := pdfText(pages)
	if err != nil {
		t.Fatal(err)
	}
	want := "Work Plan\nThe city will open twenty stations and will train six thousand workers by the end of the year in every district.\n" +
		"It will review the plan each quarter."
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if _, err := readPdftotext([]byte("%PDF-1.4\ngarbage")); !errors.Is(err, ErrBrokenPDF) {
		t.Errorf("broken PDF: error %v, want %v", err, ErrBrokenPDF)
	}
}

func TestLooksPDF(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             bool
	}{
		{"header", "a", "%PDF-1.7\n", true},
		{"blank line first", "a.bin", "\r\n%PDF-1.4", true},
		{"junk first, named .pdf", "plan.PDF", "HTTP/1.1 200 OK\r\n\r\n%PDF-1.4", true},
		{"junk first, other name", "plan.txt", "HTTP/1.1 200 OK\r\n\r\n%PDF-1.4", false},
		{"text that names the header", "notes.txt", "A PDF file starts with %PDF- and a version.", false},
		{"text named .pdf", "plan.pdf", "一、总体要求", false},
	}
	for _, tt := range tests {
		if got := looksPDF(tt.file, []byte(tt.data)); got != tt.want {
			t.Errorf("%s: looksPDF = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestDecodePDFConcurrent reads PDFs from more goroutines than there are
// readers, as a server's requests do: each waits its turn.
func TestDecodePDFConcurrent(t *testing.T) {
	data := buildPDF(textPage("", "- 1 -", "Work Plan", "  The city will open twenty stations."))
	want := "Work Plan\nThe city will open twenty stations."
	errs := make(chan error, 2*pdfiumReaders+1)
	for range cap(errs) {
		go func() {
			got, err := Decode("plan.pdf", data)
			if err == nil && got != want {
				err = fmt.Errorf("got %q, want %q", got, want)
			}
			errs <- err
		}()
	}
	for range cap(errs) {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
