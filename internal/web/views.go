package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"luoshi/internal/locale"
	"luoshi/internal/reporting"
	"luoshi/internal/store"
)

//go:embed templates/*.html static/*
var assets embed.FS

// views holds the templates, parsed once at start, and the static files
// served under content-hash URLs.
type views struct {
	// pages by language, then name: each language's templates format
	// numbers its own way.
	pages  map[string]map[string]*template.Template
	static map[string][]byte // by hashed URL path
	urls   map[string]string // file name → hashed URL path
}

var funcs = template.FuncMap{
	"date": func(t time.Time) string {
		if t.IsZero() {
			return "—"
		}
		// China's time, as the periods and due dates are, whatever
		// the zone of the machine the server runs on.
		return t.In(reporting.Shanghai()).Format("2006-01-02 15:04")
	},
	"add": func(a, b int) int { return a + b },
	"pct": func(part, whole int) int {
		if whole == 0 {
			return 0
		}
		return part * 100 / whole
	},
	// num shows a number to people; each language's templates have their
	// own (see loadViews). input writes a number into a form field in
	// full, without separators, so that saving the form keeps it.
	"num":    func(f float64) string { return locale.Group(f, "") },
	"snum":   func(f float64) string { return signed(locale.Group(f, ""), f) },
	"input":  func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) },
	"byyear": func(y int) string { return strconv.Itoa(y) },
	"deref": func(f *float64) float64 {
		if f == nil {
			return 0
		}
		return *f
	},
	// cmp shows a target's comparator as an office writes it.
	"cmp": func(c string) string {
		switch c {
		case ">=":
			return "≥"
		case "<=":
			return "≤"
		case "~":
			return "≈"
		}
		return "="
	},
	// rpair hands a page and a report to a sub-template.
	"rpair": func(p any, r store.Report) reportPart { return reportPart{Page: p, Report: r} },
	// tpair hands a page, a title key and tallies to a sub-template.
	"tpair": func(p any, title string, rows []tally) tallyPart { return tallyPart{Page: p, Title: title, Rows: rows} },
	// keyname shows an indicator key's name part.
	"keyname": func(k string) string { name, _, _ := strings.Cut(k, "|"); return name },
	// hpair hands a page, an element id and a history to the "history" template.
	"hpair": func(p any, id string, items []historyItem) historyPart {
		return historyPart{Page: p, ID: id, Items: items}
	},
	// pager hands a page and the links to a list's first and next pages
	// to the pager.
	"pager": func(p any, first, next string) pagerPart { return pagerPart{Page: p, First: first, Next: next} },
	// reports hands a page and reports to the rows of a report list;
	// wide lists name each report's task.
	"reports": func(p any, rs []store.Report, wide bool) reportRowsPart {
		return reportRowsPart{Page: p, Reports: rs, Wide: wide}
	},
	// pair hands a page and a task list to a sub-template.
	"pair": func(p any, tasks []store.UnitTask) unitTasksPart { return unitTasksPart{Page: p, Tasks: tasks} },
}

type reportRowsPart struct {
	Page    any
	Reports []store.Report
	Wide    bool
}

type pagerPart struct {
	Page        any
	First, Next string
}

type unitTasksPart struct {
	Page  any
	Tasks []store.UnitTask
}

// signed puts a plus before a positive number.
func signed(s string, f float64) string {
	if f > 0 && s != "0" {
		return "+" + s
	}
	return s
}

func loadViews(cat *locale.Catalog) (*views, error) {
	v := &views{pages: map[string]map[string]*template.Template{}, static: map[string][]byte{}, urls: map[string]string{}}
	statics, err := fs.Glob(assets, "static/*")
	if err != nil {
		return nil, err
	}
	for _, name := range statics {
		b, err := assets.ReadFile(name)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(b)
		url := "/static/" + hex.EncodeToString(sum[:6]) + "/" + path.Base(name)
		v.static[url] = b
		v.urls[path.Base(name)] = url
	}
	names, err := fs.Glob(assets, "templates/*.html")
	if err != nil {
		return nil, err
	}
	// Templates named part_*.html hold pieces shared by several pages.
	parts, err := fs.Glob(assets, "templates/part_*.html")
	if err != nil {
		return nil, err
	}
	for _, lang := range cat.Languages() {
		sep := cat.T(lang, "format.thousands")
		local := template.FuncMap{
			"num":  func(f float64) string { return locale.Group(f, sep) },
			"snum": func(f float64) string { return signed(locale.Group(f, sep), f) },
			// byyear shows a target's year as the year it is due by: 到2025年.
			"byyear": func(y int) string { return cat.T(lang, "task.by_year", y) },
		}
		v.pages[lang] = map[string]*template.Template{}
		for _, name := range names {
			base := strings.TrimSuffix(path.Base(name), ".html")
			if base == "layout" || strings.HasPrefix(base, "part_") {
				continue
			}
			t, err := template.New(base).Funcs(funcs).Funcs(local).ParseFS(assets, append([]string{"templates/layout.html", name}, parts...)...)
			if err != nil {
				return nil, fmt.Errorf("template %s: %w", name, err)
			}
			v.pages[lang][base] = t
		}
	}
	return v, nil
}

func (v *views) staticHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, ok := v.static[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		switch path.Ext(r.URL.Path) {
		case ".css":
			w.Header().Set("Content-Type", "text/css; charset=utf-8")
		case ".svg":
			w.Header().Set("Content-Type", "image/svg+xml")
		}
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		w.Write(b)
	})
}

// Page is what every page's view carries.
type Page struct {
	Title  string
	User   *store.User
	CSRF   string
	Lang   string
	Langs  []string
	Nav    string
	Flash  string
	CSS    string
	Icon   string // the favicon's URL
	Path   string
	Unread int // the reader's unread notices, for the navigation
	cat    *locale.Catalog
	office bool
	// flags gives the plausibility warnings of a report's value, for the
	// office only (nil for others).
	flags func(taskID int64, key string, v float64) []string
	// seriesName names an indicator series by its key, for the page
	// being rendered (see render).
	seriesName func(key string) string
}

func (p *Page) setSeriesName(f func(string) string) { p.seriesName = f }

// IndicatorName names the indicator of a series key ("name|unit|region")
// as its targets write it, with its case: 5G基站, not 5g基站.
func (p *Page) IndicatorName(key string) string {
	if p.seriesName != nil {
		if n := p.seriesName(key); n != "" {
			return n
		}
	}
	name, _, _ := strings.Cut(key, "|")
	return name
}

// T translates a message key in the reader's language.
func (p *Page) T(key string, args ...any) string { return p.cat.T(p.Lang, key, args...) }

// Office tells whether the reader is the supervising office.
func (p *Page) Office() bool { return p.office }

// Role names the reader's role, "public" without a session.
func (p *Page) Role() string {
	if p.User == nil {
		return "public"
	}
	return p.User.Role
}

func (s *Server) page(rq *request, titleKey string) Page {
	return Page{
		Title:  s.cat.T(rq.lang, titleKey),
		User:   rq.user,
		CSRF:   rq.csrf,
		Lang:   rq.lang,
		Langs:  s.cat.Languages(),
		CSS:    s.views.urls["style.css"],
		Icon:   s.views.urls["favicon.svg"],
		Path:   rq.path,
		cat:    s.cat,
		office: rq.is(store.RoleOffice),
		flags:  s.valueFlagger(rq),
	}
}

// flashKeys are the confirmations a redirect may ask a page to show.
var flashKeys = map[string]bool{
	"published": true, "saved": true, "mapped": true, "deleted": true, "public_on": true, "public_off": true,
	"unit_added": true, "unit_removed": true, "unit_created": true,
	"meta_saved": true, "collective_saved": true, "task_added": true, "task_deleted": true, "target_added": true, "target_deleted": true,
}

func (s *Server) flash(rq *request, r *http.Request) string {
	if k := r.URL.Query().Get("done"); flashKeys[k] {
		return s.cat.T(rq.lang, "flash."+k)
	}
	return ""
}

// render executes a page template into a buffer, so that a template
// error never sends half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, rq *request, status int, name string, view any) {
	pages, ok := s.views.pages[rq.lang]
	if !ok {
		pages = s.views.pages[locale.Default]
	}
	t, ok := pages[name]
	if !ok {
		s.log.Error("no such template", "name", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	s.countUnread(r.Context(), rq, view)
	if v, ok := view.(interface{ setSeriesName(func(string) string) }); ok {
		ctx, names := r.Context(), map[string]string{}
		v.setSeriesName(func(key string) string {
			if n, ok := names[key]; ok {
				return n
			}
			n, err := s.st.SeriesName(ctx, key)
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				s.log.Warn("naming a series", "key", key, "error", err)
			}
			names[key] = n
			return n
		})
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", view); err != nil {
		s.log.Error("render", "template", name, "path", r.URL.Path, "error", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

type errorView struct {
	Page
	Status  int
	Message string
}
