// Package source turns the bytes of an uploaded or saved document (plain
// text in any of the usual encodings, HTML, .docx, PDF) into plain text with
// one paragraph per line, ready for the extractor.
package source

import (
	"bytes"
	"errors"
	"path"
	"strings"
)

// Errors returned by Decode; each is a user's mistake, not a fault, and
// each message is a sentence that can be shown to the user as it is.
var (
	ErrEmpty    = errors.New("the document is empty")
	ErrBinary   = errors.New("the document is not text, HTML, .docx or PDF")
	ErrEncoding = errors.New("the document's character encoding is not recognised")

	// ErrLegacyWord is returned for Word 97–2003 (.doc), WPS and other
	// OLE compound files, which Luoshi cannot read.
	ErrLegacyWord = errors.New("the document is an old Word (.doc) or WPS file; save it as .docx and import it again")
	// ErrNotDocx is returned for a valid zip archive that holds no Word
	// document (an .xlsx, an .odt, a zip of attachments).
	ErrNotDocx = errors.New("the file is a zip archive but not a Word .docx document")
	// ErrBrokenDocx is returned when the zip container or the XML inside
	// it cannot be read to the end.
	ErrBrokenDocx = errors.New("the .docx file is damaged or incomplete")
	// ErrTooLarge is returned when a .docx's text part would decompress
	// beyond maxDocumentXML; this also stops zip bombs.
	ErrTooLarge = errors.New("the .docx document is too large to read")
)

// Decode returns the text of a document, one paragraph per line, lines
// separated by "\n". name is only a hint (a file name or "-"); the format
// is detected from the content.
//
// Plain text keeps its characters exactly, apart from a byte-order mark
// and line endings, so offsets into the result stay true to the source.
// HTML and .docx are reduced to their visible text with block structure
// kept: a table row becomes one line with its cells separated by TAB.
// A PDF's visual lines are joined into paragraphs, its page numbers and
// running headers dropped.
func Decode(name string, data []byte) (string, error) {
	if len(data) == 0 {
		return "", ErrEmpty
	}
	var (
		text string
		err  error
	)
	switch {
	case looksPDF(name, data):
		text, err = decodePDF(data)
	case bytes.HasPrefix(data, zipMagic):
		text, err = decodeDocx(data)
	case bytes.HasPrefix(data, oleMagic):
		return "", ErrLegacyWord
	case bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE):
		// Markers cannot be looked for in UTF-16 bytes: decode first.
		text, err = toUTF8(data)
		switch {
		case err != nil:
		case looksHTML(name, []byte(text)):
			text, err = decodeHTML([]byte(text))
		default:
			text = normaliseNewlines(text)
		}
	case looksHTML(name, data):
		text, err = decodeHTML(data)
	default:
		text, err = decodeText(data)
	}
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(text) == "" {
		return "", ErrEmpty
	}
	return text, nil
}

var (
	zipMagic = []byte("PK\x03\x04")
	// oleMagic opens every OLE compound file: .doc, .xls, .wps, .et.
	oleMagic = []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
)

// htmlSniffLen is how far into a document HTML markers are looked for.
const htmlSniffLen = 1024

// htmlMarkers are the openings that make a document HTML when they occur
// near its start. Lower case; the document is lowered before comparing.
var htmlMarkers = []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<p>", "<p ", "<div", "<table", "<br"}

// looksHTML reports whether data is HTML. A document that begins with a
// tag and has an HTML marker in its first kilobyte is HTML whatever its
// name; a document named .html or .htm needs only the marker.
func looksHTML(name string, data []byte) bool {
	head := data
	if len(head) > htmlSniffLen {
		head = head[:htmlSniffLen]
	}
	head = bytes.TrimPrefix(head, bomUTF8)
	lower := strings.ToLower(string(head))
	hasMarker := false
	for _, m := range htmlMarkers {
		if strings.Contains(lower, m) {
			hasMarker = true
			break
		}
	}
	if !hasMarker {
		return false
	}
	if strings.HasPrefix(strings.TrimLeft(lower, " \t\r\n\f"), "<") {
		return true
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm", ".shtml", ".xhtml":
		return true
	}
	return false
}

// normaliseNewlines turns CRLF and lone CR into LF.
func normaliseNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// tidyLines is the final pass for text recovered from markup: it trims
// spaces at the ends of lines, drops blank lines at the start and end,
// and lets at most one blank line stand between paragraphs.
func tidyLines(lines []string) string {
	var b strings.Builder
	blank := 0
	started := false
	for _, l := range lines {
		l = strings.TrimRight(l, " ")
		if strings.TrimSpace(l) == "" {
			if started {
				blank++
			}
			continue
		}
		if started {
			b.WriteByte('\n')
			if blank > 0 {
				b.WriteByte('\n')
			}
		}
		b.WriteString(l)
		started = true
		blank = 0
	}
	return b.String()
}
