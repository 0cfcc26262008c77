package source

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/responses"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// The built-in PDF reader is PDFium compiled to WebAssembly and run by
// wazero: no cgo and no system library, and a damaged or hostile file
// can do nothing outside the module's own memory, which holds no file
// system.
const (
	// pdfiumMemoryPages caps each reader's memory at 1 GiB (64 KiB
	// pages), many times what the largest plan needs.
	pdfiumMemoryPages = 1 << 14
	// pdfiumReaders is how many PDFs are read at once; more wait.
	pdfiumReaders = 2
	// pdfiumWait is how long a PDF waits for a free reader.
	pdfiumWait = 2 * time.Minute
)

// pdfiumPool compiles the module on first use only, so that a process
// that reads no PDF pays nothing. Compiling takes seconds; the compiled
// code is kept in the user's cache directory for the next process. A
// cache that cannot be read (a process stopped while writing it) is
// written anew, one that cannot be written is done without.
var pdfiumPool = sync.OnceValues(func() (pdfium.Pool, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return startPDFium(nil)
	}
	dir := filepath.Join(base, "luoshi", "pdfium")
	for range 2 {
		cache, err := wazero.NewCompilationCacheWithDir(dir)
		if err != nil {
			break
		}
		if pool, err := startPDFium(cache); err == nil {
			return pool, nil
		}
		if err := os.RemoveAll(dir); err != nil {
			break
		}
	}
	return startPDFium(nil)
})

func startPDFium(cache wazero.CompilationCache) (pdfium.Pool, error) {
	cfg := wazero.NewRuntimeConfig().
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		WithMemoryLimitPages(pdfiumMemoryPages)
	if cache != nil {
		cfg = cfg.WithCompilationCache(cache)
	}
	return webassembly.Init(webassembly.Config{
		MinIdle:       0,
		MaxIdle:       1,
		MaxTotal:      pdfiumReaders,
		FSConfig:      wazero.NewFSConfig(),
		RuntimeConfig: cfg,
		Stdout:        io.Discard,
		Stderr:        io.Discard,
	})
}

// readPDFium reads a PDF's lines with PDFium. Each document gets a
// fresh module instance, closed afterwards.
func readPDFium(data []byte) (pages []pdfPage, err error) {
	pool, err := pdfiumPool()
	if err != nil {
		return nil, fmt.Errorf("starting the PDF reader: %w", err)
	}
	inst, err := pool.GetInstance(pdfiumWait)
	if err != nil {
		return nil, fmt.Errorf("starting the PDF reader: %w", err)
	}
	defer inst.Close()
	defer func() {
		// go-pdfium recovers most faults itself; whatever else goes
		// wrong inside the module is the file's doing.
		if r := recover(); r != nil {
			pages, err = nil, ErrBrokenPDF
		}
	}()
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
	switch {
	case errors.Is(err, pdfiumerrors.ErrPassword), errors.Is(err, pdfiumerrors.ErrSecurity):
		return nil, ErrPDFPassword
	case err != nil:
		return nil, ErrBrokenPDF
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	count, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	switch {
	case err != nil:
		return nil, ErrBrokenPDF
	case count.PageCount > maxPDFPages:
		return nil, ErrPDFTooLarge
	}
	size := 0
	for i := range count.PageCount {
		page, err := pdfiumPage(inst, doc.Document, i)
		if err != nil {
			return nil, ErrBrokenPDF
		}
		for _, l := range page {
			size += len(l.text)
		}
		if size > maxPDFText {
			return nil, ErrPDFTooLarge
		}
		pages = append(pages, page)
	}
	return pages, nil
}

// pdfiumPage returns the lines of one page. PDFium gives the characters
// in the order of the page's content with a generated CR LF between
// lines; each line's box is the union of its characters' boxes.
func pdfiumPage(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, index int) (pdfPage, error) {
	res, err := inst.GetPageTextStructured(&requests.GetPageTextStructured{
		Page: requests.Page{ByIndex: &requests.PageByIndex{Document: doc, Index: index}},
		Mode: requests.GetPageTextStructuredModeChars,
	})
	if err != nil {
		return nil, err
	}
	return charLines(res.Chars), nil
}

// charLines makes lines of PDFium's characters.
func charLines(chars []*responses.GetPageTextStructuredChar) pdfPage {
	var (
		page pdfPage
		b    lineBuilder
	)
	for _, c := range chars {
		if c.Text == "\r" || c.Text == "\n" {
			if l, ok := b.take(); ok {
				page = append(page, l)
			}
			continue
		}
		p := c.PointPosition
		// PDF space has y growing up the page.
		top, bottom := -p.Top, -p.Bottom
		if b.offLine(top, bottom) {
			// PDFium marks no line break after a hyphen that ends
			// a line.
			if l, ok := b.take(); ok {
				page = append(page, l)
			}
		}
		b.add(c.Text, p.Left, p.Right, top, bottom)
	}
	if l, ok := b.take(); ok {
		page = append(page, l)
	}
	return page
}

// lineBuilder gathers the characters of a line.
type lineBuilder struct {
	text  []byte
	box   bool
	frame pdfLine
}

// add appends a character; one without area (a space, a generated
// character) adds to the text but not to the box.
func (b *lineBuilder) add(s string, left, right, top, bottom float64) {
	b.text = append(b.text, s...)
	if right <= left || bottom <= top || s == " " {
		return
	}
	if !b.box {
		b.frame = pdfLine{left: left, right: right, top: top, bottom: bottom}
		b.box = true
		return
	}
	b.frame.left = min(b.frame.left, left)
	b.frame.right = max(b.frame.right, right)
	b.frame.top = min(b.frame.top, top)
	b.frame.bottom = max(b.frame.bottom, bottom)
}

// offLine reports whether a character with this vertical extent lies
// above or below the line built so far rather than on it: it shares
// less than half its height with the line.
func (b *lineBuilder) offLine(top, bottom float64) bool {
	if !b.box || bottom <= top {
		return false
	}
	overlap := min(b.frame.bottom, bottom) - max(b.frame.top, top)
	return overlap < (bottom-top)/2
}

// take returns the line built so far, if it has visible text, and starts
// a new one.
func (b *lineBuilder) take() (pdfLine, bool) {
	l := b.frame
	l.text = string(b.text)
	ok := b.box
	b.text, b.box = b.text[:0], false
	return l, ok
}
