package source

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Errors returned by Decode for PDF files.
var (
	// ErrBrokenPDF is returned when no PDF reader can open the file.
	ErrBrokenPDF = errors.New("the PDF file is damaged or incomplete")
	// ErrPDFPassword is returned for an encrypted PDF that needs a password.
	ErrPDFPassword = errors.New("the PDF file is protected by a password; remove the protection and import it again")
	// ErrPDFNoText is returned for a PDF without a text layer: a scan or
	// pictures of pages, whose words cannot be read without OCR; or one
	// whose fonts map their glyphs to no characters.
	ErrPDFNoText = errors.New("the PDF file has no readable text (it is a scan or a picture, or its fonts hide the characters); import the Word or text version instead")
	// ErrPDFTooLarge is returned for a PDF over maxPDFPages pages or
	// maxPDFText bytes of text.
	ErrPDFTooLarge = errors.New("the PDF file has too many pages or too much text to read")
	// ErrNoPDFReader is returned when neither the built-in reader nor
	// the system's pdftotext could be started.
	ErrNoPDFReader = errors.New("PDF files cannot be read here: the built-in reader did not start and pdftotext is not installed")
)

const (
	// maxPDFPages bounds the pages read; the longest plans have about a
	// hundred.
	maxPDFPages = 1000
	// maxPDFText bounds the text taken from a PDF, as maxDocumentXML
	// does for a .docx.
	maxPDFText = 16 << 20
)

var pdfMagic = []byte("%PDF-")

// looksPDF reports whether data is a PDF file. The header opens the file,
// or, as the format allows, comes within its first kilobyte after bytes
// that some servers and mail programs put before it; such a file must
// be named .pdf.
func looksPDF(name string, data []byte) bool {
	if bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n\x00"), pdfMagic) {
		return true
	}
	head := data
	if len(head) > htmlSniffLen {
		head = head[:htmlSniffLen]
	}
	return strings.EqualFold(path.Ext(name), ".pdf") && bytes.Contains(head, pdfMagic)
}

// pdfLine is one visual line of a PDF page with its bounding box in
// points, y growing down the page.
type pdfLine struct {
	text                     string
	left, right, top, bottom float64
}

// pdfPage is the lines of one page in reading order.
type pdfPage []pdfLine

// pdfReader turns a PDF's bytes into its pages' lines. It returns
// ErrBrokenPDF, ErrPDFPassword or ErrPDFTooLarge for a file it cannot
// read, and another error when the reader itself failed.
type pdfReader func(data []byte) ([]pdfPage, error)

// decodePDF returns the text of a PDF, one paragraph per line. The
// built-in reader is tried first; the system's pdftotext reads what it
// could not open, when it is installed.
func decodePDF(data []byte) (string, error) {
	pages, err := readPDFium(data)
	if err != nil && !errors.Is(err, ErrPDFPassword) && !errors.Is(err, ErrPDFTooLarge) {
		p, perr := readPdftotext(data)
		switch {
		case perr == nil:
			pages, err = p, nil
		case !errors.Is(perr, ErrNoPDFReader):
			// pdftotext's verdict on the file is as good as ours.
			err = perr
		case !errors.Is(err, ErrBrokenPDF):
			// The built-in reader could not start, and there is no
			// other.
			err = fmt.Errorf("%w (%v)", ErrNoPDFReader, err)
		}
	}
	if err != nil {
		return "", err
	}
	return pdfText(pages)
}

// pdfText is the text of a PDF's pages: page furniture dropped, lines
// joined into paragraphs.
func pdfText(pages []pdfPage) (string, error) {
	size, chars, unknown := 0, 0, 0
	for _, p := range pages {
		for _, l := range p {
			size += len(l.text)
			for _, r := range l.text {
				switch {
				case unicode.IsSpace(r):
				case r == utf8.RuneError, r >= 0xe000 && r <= 0xf8ff, isStrayControl(r):
					unknown++
					chars++
				default:
					chars++
				}
			}
		}
	}
	switch {
	case size > maxPDFText:
		return "", ErrPDFTooLarge
	case chars == 0, unknown*3 > chars:
		// Glyphs that a font maps to private-use codes or to nothing
		// are no text to read.
		return "", ErrPDFNoText
	}
	text := tidyLines(joinLines(dropFurniture(pages)))
	if strings.TrimSpace(text) == "" {
		return "", ErrPDFNoText
	}
	return text, nil
}
