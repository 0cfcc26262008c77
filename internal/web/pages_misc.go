package web

import (
	"net/http"
	"path"
	"strings"
	"unicode"
)

// favicon answers the browser's /favicon.ico with the site's icon, an
// SVG, which browsers take whatever the name says.
func (s *Server) favicon(w http.ResponseWriter, r *http.Request, rq *request) error {
	b := s.views.static[s.views.urls["favicon.svg"]]
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.Write(b)
	return nil
}

// notFound is the page of every address no route serves: the error page
// in the reader's language, or the API's JSON error under /api/.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, rq *request) error {
	rq.api = strings.HasPrefix(r.URL.Path, "/api/")
	return userError(http.StatusNotFound, "error.not_found")
}

// attachment is a Content-Disposition that downloads a file under its
// name: a plain ASCII filename for old clients and the exact name in
// UTF-8 as RFC 5987's filename* (RFC 6266), so 佐证材料.pdf arrives as
// itself.
func attachment(name string) string {
	fallback := strings.Map(func(r rune) rune {
		switch {
		case r > unicode.MaxASCII || r < 0x20 || r == 0x7f:
			return '_'
		case r == '"' || r == '\\' || r == '/' || r == ';':
			return '_'
		}
		return r
	}, name)
	if fallback == "" {
		fallback = "download"
	}
	v := `attachment; filename="` + fallback + `"`
	if fallback != name {
		v += "; filename*=UTF-8''" + ext5987(name)
	}
	return v
}

// ext5987 percent-encodes s as an RFC 5987 ext-value: every byte but
// the attr-chars.
func ext5987(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// downloadName is the name an evidence file downloads under: the name
// it was uploaded as, ending in the extension of its checked type (that
// of its stored name), so that a file is never saved as what it is not.
func downloadName(display, stored string) string {
	ext := path.Ext(stored)
	if display == "" {
		return stored
	}
	if !strings.EqualFold(path.Ext(display), ext) {
		return display + ext
	}
	return display
}
