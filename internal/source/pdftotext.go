package source

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// pdftotextWait bounds one run of pdftotext.
const pdftotextWait = 2 * time.Minute

// pdftotextPath is the program run by readPdftotext; tests change it.
var pdftotextPath = "pdftotext"

// readPdftotext reads a PDF's lines with poppler's pdftotext, when it is
// installed: its -bbox-layout output gives each line with its box, the
// same as the built-in reader does. It returns ErrNoPDFReader when the
// program cannot be run.
func readPdftotext(data []byte) ([]pdfPage, error) {
	prog, err := exec.LookPath(pdftotextPath)
	if err != nil {
		return nil, ErrNoPDFReader
	}
	ctx, cancel := context.WithTimeout(context.Background(), pdftotextWait)
	defer cancel()
	// One page more than allowed tells a long document from one of
	// exactly the limit.
	cmd := exec.CommandContext(ctx, prog, "-q", "-enc", "UTF-8", "-bbox-layout", "-l", strconv.Itoa(maxPDFPages+1), "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, ErrNoPDFReader
	}
	if err := cmd.Start(); err != nil {
		return nil, ErrNoPDFReader
	}
	pages, perr := parseBBoxLayout(out)
	if perr != nil {
		// Stop the program rather than read the rest.
		cancel()
	}
	_, _ = io.Copy(io.Discard, out)
	werr := cmd.Wait()
	switch {
	case errors.Is(perr, ErrPDFTooLarge):
		return nil, perr
	case werr != nil && strings.Contains(strings.ToLower(stderr.String()), "password"):
		return nil, ErrPDFPassword
	case werr != nil, perr != nil:
		return nil, ErrBrokenPDF
	}
	return pages, nil
}

// parseBBoxLayout reads pdftotext's -bbox-layout XHTML as it streams:
// page, flow, block, line and word elements, each line with its box.
func parseBBoxLayout(r io.Reader) ([]pdfPage, error) {
	d := xml.NewDecoder(r)
	d.Strict = false
	var (
		pages []pdfPage
		line  *pdfLine
		words []string
		word  *strings.Builder
		size  int
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return pages, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "page":
				if len(pages) == maxPDFPages {
					return nil, ErrPDFTooLarge
				}
				pages = append(pages, nil)
			case "line":
				if len(pages) == 0 {
					return nil, ErrBrokenPDF
				}
				line = &pdfLine{
					left:   attrFloat(t, "xMin"),
					right:  attrFloat(t, "xMax"),
					top:    attrFloat(t, "yMin"),
					bottom: attrFloat(t, "yMax"),
				}
				words = words[:0]
			case "word":
				word = &strings.Builder{}
			}
		case xml.CharData:
			if word != nil {
				word.Write(t)
				size += len(t)
				if size > maxPDFText {
					return nil, ErrPDFTooLarge
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "word":
				if word != nil {
					words = append(words, word.String())
					word = nil
				}
			case "line":
				if line != nil {
					line.text = joinWords(words)
					pages[len(pages)-1] = append(pages[len(pages)-1], *line)
					line = nil
				}
			}
		}
	}
}

func attrFloat(e xml.StartElement, name string) float64 {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			f, _ := strconv.ParseFloat(a.Value, 64)
			return f
		}
	}
	return 0
}

// joinWords puts a line's words back together: pdftotext splits a line
// where the gap is wide, which in Chinese text is no word boundary, so a
// space stands only between two Latin letters or digits.
func joinWords(words []string) string {
	var b strings.Builder
	for i, w := range words {
		if i > 0 && needsSpace(b.String(), w) {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}
