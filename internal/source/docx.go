package source

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// maxDocumentXML caps the decompressed size of a .docx's main part. The
// text of the longest plan is a few megabytes of XML; a zip bomb is not.
const maxDocumentXML = 64 << 20

// documentPart is the main part of a WordprocessingML package as every
// word processor writes it.
const documentPart = "word/document.xml"

// decodeDocx returns the text of a .docx: one line per paragraph, one
// line per table row with cells separated by TAB. A paragraph numbered
// by Word's automatic numbering begins with the label Word shows.
func decodeDocx(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		// The zip error itself ("not a valid zip file") tells a user
		// nothing more than the sentinel does.
		return "", ErrBrokenDocx
	}
	var part *zip.File
	for _, f := range zr.File {
		if f.Name == documentPart {
			part = f
			break
		}
	}
	if part == nil {
		return "", ErrNotDocx
	}
	if part.UncompressedSize64 > maxDocumentXML {
		return "", ErrTooLarge
	}
	rc, err := part.Open()
	if err != nil {
		return "", ErrBrokenDocx
	}
	defer rc.Close()
	// The size in the zip header is the archive's claim; the limit is
	// enforced on the bytes actually inflated.
	lr := &cappedReader{r: rc, left: maxDocumentXML}
	lines, err := docxLines(lr, loadNumbering(zr))
	switch {
	case lr.exceeded:
		return "", ErrTooLarge
	case err != nil:
		return "", ErrBrokenDocx
	}
	return tidyLines(lines), nil
}

// cappedReader reads at most left bytes and then fails, noting that the
// cap was reached.
type cappedReader struct {
	r        io.Reader
	left     int64
	exceeded bool
}

var errCapped = errors.New("document part exceeds the size cap")

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// Only more data than the cap is an error; a part of exactly
		// the cap's size ends with EOF here.
		var one [1]byte
		if n, _ := io.ReadFull(c.r, one[:]); n == 0 {
			return 0, io.EOF
		}
		c.exceeded = true
		return 0, errCapped
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// WordprocessingML namespaces: transitional (what Word writes) and strict.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

func isW(n xml.Name) bool {
	return n.Space == nsW || n.Space == nsWStrict || n.Space == "w"
}

// docxTable is an open w:tbl: the row being read and the cell inside it.
type docxTable struct {
	row   []string
	inRow bool
	cell  []string // paragraphs of the open cell
	inTc  bool
	col   int // grid column of the open cell
	span  int // its w:gridSpan
	merge string
	// merged holds, per grid column, the text of the cell that opened a
	// vertical merge, repeated into the rows it covers.
	merged map[int]string
}

// docxText collects lines while document.xml is streamed.
type docxText struct {
	lines  []string
	para   strings.Builder
	inText int // depth of w:t
	inRun  int // depth of w:r
	// pDepth is the depth of w:p: a text box's paragraphs sit inside a
	// run of the paragraph that anchors it. nested notes that such an
	// inner paragraph has been written, so that the anchoring paragraph,
	// empty of its own text, adds no blank line.
	pDepth int
	nested bool
	tables []*docxTable
	// paras holds, for each open w:p, its properties and where its own
	// text begins in para.
	paras []docxPara
	num   *numbering
}

// docxPara is an open paragraph: its w:pPr, if read, and the offset in
// the paragraph buffer at which its text starts.
type docxPara struct {
	pPr *xmlPPr
	at  int
}

func (w *docxText) cell() *docxTable {
	if n := len(w.tables); n > 0 && w.tables[n-1].inTc {
		return w.tables[n-1]
	}
	return nil
}

// separator is written for w:tab and w:br: TAB and a line break in body
// text, a space inside a table cell, where TAB separates the cells.
func (w *docxText) separator(s string) {
	if w.cell() != nil {
		s = " "
	}
	w.para.WriteString(s)
}

func docxLines(r io.Reader, num *numbering) ([]string, error) {
	d := xml.NewDecoder(r)
	d.CharsetReader = charset.NewReaderLabel
	w := &docxText{num: num}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if p := w.openPara(); p != nil && p.pPr == nil && isW(tok.Name) && tok.Name.Local == "pPr" {
				// Only the list a paragraph belongs to is read from
				// its properties.
				p.pPr = &xmlPPr{}
				if err := d.DecodeElement(p.pPr, &tok); err != nil {
					return nil, err
				}
				continue
			}
			if skipDocxElement(tok.Name) {
				if err := d.Skip(); err != nil {
					return nil, err
				}
				continue
			}
			if isW(tok.Name) {
				w.start(tok)
			}
		case xml.EndElement:
			if isW(tok.Name) {
				w.end(tok.Name.Local)
			}
		case xml.CharData:
			if w.inText > 0 {
				// Word shows a line break inside w:t as a space.
				w.para.WriteString(strings.Map(func(r rune) rune {
					if r == '\n' || r == '\r' || r == '\t' {
						return ' '
					}
					return r
				}, string(tok)))
			}
		}
	}
	w.flushPending()
	return w.lines, nil
}

// skipDocxElement reports whether an element's content is not part of
// the visible text: the fallback copy of a drawing or text box (its
// choice copy is read), text moved away under tracked changes, and
// deleted text.
func skipDocxElement(n xml.Name) bool {
	if n.Space == nsMC && n.Local == "Fallback" {
		return true
	}
	if isW(n) {
		switch n.Local {
		case "moveFrom", "del", "delText", "instrText", "pPr", "rPr", "sectPr", "tblPr", "tblGrid":
			return true
		}
	}
	return false
}

func (w *docxText) start(e xml.StartElement) {
	switch e.Name.Local {
	case "t":
		w.inText++
	case "r":
		w.inRun++
	case "p":
		w.pDepth++
		w.paras = append(w.paras, docxPara{at: w.para.Len()})
	case "tab", "ptab":
		if w.inRun > 0 {
			w.separator("\t")
		}
	case "br", "cr":
		if w.inRun > 0 {
			w.separator("\n")
		}
	case "noBreakHyphen":
		w.para.WriteByte('-')
	case "tbl":
		w.flushPending()
		w.tables = append(w.tables, &docxTable{merged: map[int]string{}})
	case "tr":
		if t := w.table(); t != nil {
			t.row, t.inRow, t.col = nil, true, 0
		}
	case "gridBefore":
		if t := w.table(); t != nil && t.inRow && !t.inTc {
			for range wordVal(e, 1, 100) {
				t.row = append(t.row, "")
				t.col++
			}
		}
	case "tc":
		if t := w.table(); t != nil && t.inRow {
			t.cell, t.inTc, t.span, t.merge = nil, true, 1, ""
		}
	case "gridSpan":
		if t := w.cell(); t != nil {
			t.span = wordVal(e, 1, 100)
		}
	case "vMerge":
		if t := w.cell(); t != nil {
			t.merge = "continue"
			for _, a := range e.Attr {
				if a.Name.Local == "val" && a.Value == "restart" {
					t.merge = "restart"
				}
			}
		}
	}
}

func (w *docxText) end(local string) {
	switch local {
	case "t":
		w.inText = max(0, w.inText-1)
	case "r":
		w.inRun = max(0, w.inRun-1)
	case "p":
		w.pDepth = max(0, w.pDepth-1)
		w.closePara()
		switch {
		case w.pDepth > 0:
			w.flushParagraph()
			w.nested = true
		case w.nested && w.para.Len() == 0:
			w.nested = false
		default:
			w.nested = false
			w.flushParagraph()
		}
	case "tc":
		t := w.cell()
		if t == nil {
			return
		}
		w.flushPending()
		text := strings.Join(t.cell, " ")
		switch t.merge {
		case "restart":
			if utf8.RuneCountInString(text) <= maxCarry {
				t.merged[t.col] = text
			}
		case "continue":
			if text == "" {
				text = t.merged[t.col]
			}
		default:
			delete(t.merged, t.col)
		}
		t.row = append(t.row, text)
		for i := 1; i < t.span; i++ {
			t.row = append(t.row, "")
		}
		t.col += t.span
		t.cell, t.inTc = nil, false
	case "tr":
		t := w.table()
		if t == nil || !t.inRow {
			return
		}
		w.flushPending()
		t.inRow = false
		if n := len(w.tables); n > 1 {
			// A table nested in a cell reads as that cell's text.
			if outer := w.tables[n-2]; outer.inTc {
				outer.cell = appendNonEmpty(outer.cell, strings.Join(t.row, " "))
			}
			return
		}
		line := strings.Join(t.row, "\t")
		if strings.Trim(line, "\t ") != "" {
			w.lines = append(w.lines, line)
		}
	case "tbl":
		if n := len(w.tables); n > 0 {
			w.flushPending()
			w.tables = w.tables[:n-1]
		}
	}
}

func (w *docxText) table() *docxTable {
	if n := len(w.tables); n > 0 {
		return w.tables[n-1]
	}
	return nil
}

// openPara returns the innermost open paragraph, or nil.
func (w *docxText) openPara() *docxPara {
	if n := len(w.paras); n > 0 {
		return &w.paras[n-1]
	}
	return nil
}

// closePara ends the innermost open paragraph's numbering: the list
// advances, and the label is written before the paragraph's text. An
// empty numbered paragraph counts but writes no label of its own in the
// body, where it would stand alone on a line; in a table cell the label
// is the cell's text, as in a column of row numbers.
func (w *docxText) closePara() {
	n := len(w.paras)
	if n == 0 {
		return
	}
	p := w.paras[n-1]
	w.paras = w.paras[:n-1]
	label := w.num.label(p.pPr)
	if label == "" {
		return
	}
	text := w.para.String()
	at := min(p.at, len(text))
	if strings.TrimSpace(text[at:]) == "" && w.cell() == nil {
		return
	}
	w.para.Reset()
	w.para.WriteString(text[:at])
	w.para.WriteString(label)
	w.para.WriteString(text[at:])
}

// flushParagraph ends the paragraph being read: a line of the body, or a
// paragraph of the open table cell.
func (w *docxText) flushParagraph() {
	text := w.para.String()
	w.para.Reset()
	// The paragraphs still open go on at the start of the next line.
	for i := range w.paras {
		w.paras[i].at = 0
	}
	if t := w.cell(); t != nil {
		t.cell = appendNonEmpty(t.cell, strings.TrimSpace(text))
		return
	}
	if t := w.table(); t != nil {
		// Text in a table but outside any cell is not valid
		// WordprocessingML; keep it, in its own line.
		if strings.TrimSpace(text) == "" {
			return
		}
	}
	w.lines = append(w.lines, text)
}

// flushPending ends a paragraph left open by malformed XML (text outside
// any w:p); an empty one is no paragraph at all.
func (w *docxText) flushPending() {
	if w.para.Len() > 0 {
		w.flushParagraph()
	}
}

func appendNonEmpty(list []string, s string) []string {
	if s == "" {
		return list
	}
	return append(list, s)
}

// wordVal returns the w:val attribute of e as a number from 1 to limit.
func wordVal(e xml.StartElement, def, limit int) int {
	for _, a := range e.Attr {
		if a.Name.Local == "val" {
			v, err := strconv.Atoi(a.Value)
			if err != nil || v < 1 {
				return def
			}
			return min(v, limit)
		}
	}
	return def
}
