package web_test

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"luoshi/internal/config"
	"luoshi/internal/locale"
	"luoshi/internal/store"
	"luoshi/internal/web"
)

// latinAllowed are the words of Latin letters a Chinese page may show:
// the names of formats and standards, measures, and what the office's
// own data holds (the accounts' user names).
var latinAllowed = map[string]bool{
	"PDF": true, "Word": true, "Excel": true, "WPS": true, "SVG": true, "CSV": true, "JSON": true, "API": true, "URL": true,
	"txt": true, "html": true, "docx": true, "doc": true, "pdf": true, "xlsx": true,
	"km": true, "kg": true, "MB": true, "GDP": true, "English": true, // the language switch names English in English
}

// pageText is what a reader sees of a page: its text, the option
// labels, and the attributes that show (title, placeholder, aria-label,
// alt), without scripts and styles.
func pageText(t *testing.T, body string) []string {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(body))
	var out []string
	skip := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if tok.Data == "script" || tok.Data == "style" {
				skip++
			}
			for _, a := range tok.Attr {
				switch a.Key {
				case "title", "placeholder", "aria-label", "alt":
					out = append(out, a.Val)
				}
			}
		case html.EndTagToken:
			if n, _ := z.TagName(); string(n) == "script" || string(n) == "style" {
				skip--
			}
		case html.TextToken:
			if skip == 0 {
				if s := strings.TrimSpace(string(z.Text())); s != "" {
					out = append(out, s)
				}
			}
		}
	}
}

var (
	keyShape  = regexp.MustCompile(`\b([a-z][a-z0-9_]*)\.([a-z0-9_-]+)(?:\.[a-z0-9_-]+)*\b`)
	latinWord = regexp.MustCompile(`[A-Za-z]{2,}`)
	// fileName is data a page may show as it is: the name a plan or a
	// piece of evidence was uploaded under.
	fileName = regexp.MustCompile(`[\w.-]+\.(?:txt|html?|docx?|pdf|xlsx|png|jpe?g)\b`)
)

// pageProblems lists the raw message keys on a page, and on a Chinese
// page the English words outside latinAllowed and data.
func pageProblems(t *testing.T, body, lang string, namespaces, data map[string]bool) []string {
	var out []string
	for _, s := range pageText(t, body) {
		for _, m := range keyShape.FindAllStringSubmatch(s, -1) {
			if namespaces[m[1]] {
				out = append(out, fmt.Sprintf("raw key %q in %q", m[0], s))
			}
		}
		if lang != "zh-CN" {
			continue
		}
		for _, w := range latinWord.FindAllString(fileName.ReplaceAllString(s, ""), -1) {
			if !latinAllowed[w] && !data[w] {
				out = append(out, fmt.Sprintf("English %q in %q", w, s))
			}
		}
	}
	return out
}

// emptyHeaders counts table headers that say nothing of their column.
func emptyHeaders(body string) int {
	z := html.NewTokenizer(strings.NewReader(body))
	n, inTh, text := 0, false, ""
	for {
		switch z.Next() {
		case html.ErrorToken:
			return n
		case html.StartTagToken:
			if name, _ := z.TagName(); string(name) == "th" {
				inTh, text = true, ""
			}
		case html.TextToken:
			if inTh {
				text += strings.TrimSpace(string(z.Text()))
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "th" {
				if text == "" {
					n++
				}
				inTh = false
			}
		}
	}
}

// pagesFixture is the demonstration data with a history of corrections,
// a draft with warnings and collective names, and the ids every page
// route needs.
type pagesFixture struct {
	fixture
	report, series int64
}

func pagesSetup(t *testing.T) (*testServer, pagesFixture, map[string]*client) {
	ts, f := setup(t, config.Default())
	clients := clientsFor(t, ts.URL)
	office := clients["office"]
	ctx := context.Background()
	pf := pagesFixture{fixture: f}
	// Corrections, so that histories show every kind of field.
	form := func(path string, v url.Values) {
		t.Helper()
		v.Set("csrf", office.csrf)
		if resp, body := office.do("POST", path, v, ""); resp.StatusCode != 303 {
			t.Fatalf("POST %s: %d\n%.300s", path, resp.StatusCode, body)
		}
	}
	task, _ := ts.st.TaskByID(ctx, f.ownTask)
	form(fmt.Sprintf("/tasks/%d", f.ownTask), url.Values{"version": {fmt.Sprint(task.Version)}, "text": {task.Text + "（修订）"},
		"status": {"on_track"}, "deadline": {"2026-11-30"}})
	form(fmt.Sprintf("/tasks/%d/targets", f.ownTask), url.Values{"indicator": {"新建5G基站"}, "value": {"12345.678"}, "unit": {"个"}, "comparator": {">="}, "year": {"2027"}})
	if len(task.Targets) > 0 {
		form(fmt.Sprintf("/targets/%d", task.Targets[0].ID), url.Values{"task": {fmt.Sprint(f.ownTask)}, "indicator": {task.Targets[0].Indicator},
			"value": {"6.5"}, "unit": {"个"}, "comparator": {">="}, "year": {"2026"}})
	}
	p, _ := ts.st.PlanByID(ctx, f.demoPlan)
	form(fmt.Sprintf("/plans/%d/meta", f.demoPlan), url.Values{"rev": {fmt.Sprint(p.Rev)}, "title": {p.Title}, "doc_number": {p.DocNumber},
		"doc_date": {p.DocDate}, "region": {p.Region}, "year": {"2026"}, "issuer": {"东川省人民政府办公厅"}})
	form(fmt.Sprintf("/plans/%d/public", f.demoPlan), url.Values{"public": {"true"}})
	// A draft as imported, with the extractor's notes and collective names.
	text := "西川省2026年家政服务工作要点\n一、重点任务\n1.培育家政龙头企业。（省商务厅负责）\n2.建设家政培训基地。（省人力资源社会保障厅、各市人民政府负责）\n" +
		"3.开展家政诚信建设。\n5.推进社区嵌入式服务，新增服务网点1200个。（省民政厅、省直有关部门负责）\n"
	resp, _ := office.do("POST", "/import", url.Values{"csrf": {office.csrf}, "text": {text}}, "")
	if resp.StatusCode != 303 {
		t.Fatalf("import: %d", resp.StatusCode)
	}
	fmt.Sscanf(resp.Header.Get("Location"), "/plans/%d/review", &f.draftPlan)
	pf.draftPlan = f.draftPlan
	reports, err := ts.st.PlanReports(ctx, f.demoPlan)
	if err != nil || len(reports) == 0 {
		t.Fatalf("demo reports: %v, %v", reports, err)
	}
	pf.report = reports[0].ID
	series, err := ts.st.PlanSeries(ctx, f.demoPlan)
	if err != nil || len(series) == 0 {
		t.Fatalf("demo series: %v", err)
	}
	for _, sr := range series {
		if strings.Contains(sr.Name, "5G") {
			pf.series = sr.ID
		}
	}
	if pf.series == 0 {
		t.Fatalf("no series keeps the name 新建5G基站: %+v", series)
	}
	return ts, pf, clients
}

// path fills a route's pattern for a role.
func (pf pagesFixture) path(pattern, role string) (string, bool) {
	_, p, _ := strings.Cut(pattern, " ")
	if !strings.HasPrefix(pattern, "GET ") {
		if pattern == "/" {
			return "/no-such-page", true
		}
		return "", false
	}
	switch {
	case strings.HasPrefix(p, "/plans/{id}/review"), strings.HasPrefix(p, "/plans/{id}/publish"), strings.HasPrefix(p, "/plans/{id}/discard"):
		p = strings.Replace(p, "{id}", fmt.Sprint(pf.draftPlan), 1)
	case strings.HasPrefix(p, "/plans/{id}"):
		p = strings.Replace(p, "{id}", fmt.Sprint(pf.demoPlan), 1)
	case strings.HasPrefix(p, "/tasks/{id}"):
		p = strings.Replace(p, "{id}", fmt.Sprint(pf.ownTask), 1)
		if strings.HasSuffix(p, "/report") {
			p += "?period=2026-Q3"
		}
	case strings.HasPrefix(p, "/units/{id}"):
		p = strings.Replace(p, "{id}", fmt.Sprint(pf.ownUnit), 1)
	case strings.HasPrefix(p, "/reports/{id}"):
		p = strings.Replace(p, "{id}", fmt.Sprint(pf.report), 1)
	case strings.HasPrefix(p, "/indicators/{id}"):
		p = strings.Replace(p, "{id}", fmt.Sprint(pf.series), 1)
	case strings.HasPrefix(p, "/inbox/{id}"):
		// Opening a notice sends its owner on to what it is about; the
		// others get the page that says it is not theirs to open.
		p = "/inbox/1"
	case strings.HasPrefix(p, "/evidence/{name}"):
		p = "/evidence/0123456789abcdef0123456789abcdef.pdf" // no such file: the error page
	}
	p = strings.TrimSuffix(p, "{$}")
	if strings.Contains(p, "{") {
		return p, false
	}
	return p, true
}

// TestEveryPageInBothLanguages renders every GET page of the route
// table, as each role that may see it, in Chinese and in English, and
// fails on a message key shown raw, on English words in the Chinese
// page, and on a table column whose header says nothing.
func TestEveryPageInBothLanguages(t *testing.T) {
	ts, pf, clients := pagesSetup(t)
	cat, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	namespaces := map[string]bool{}
	for _, lang := range cat.Languages() {
		for _, k := range cat.Keys(lang) {
			ns, _, _ := strings.Cut(k, ".")
			namespaces[ns] = true
		}
	}
	data := map[string]bool{}
	users, _ := ts.st.Users(context.Background())
	for _, u := range users {
		data[u.Username] = true
	}
	rolesFor := map[string][]string{
		"anyone":   {"public", "office", "reporter", "viewer"},
		"signedIn": {"office", "reporter", "viewer"},
		"office":   {"office"},
	}
	routes := web.PageRoutes()
	patterns := make([]string, 0, len(routes))
	for p := range routes {
		patterns = append(patterns, p)
	}
	sort.Strings(patterns)
	for _, lang := range []string{"zh-CN", "en"} {
		if lang != locale.Default {
			for _, c := range clients {
				if resp, _ := c.do("POST", "/locale", url.Values{"csrf": {c.csrf}, "lang": {lang}, "next": {"/"}}, ""); resp.StatusCode != 303 {
					t.Fatalf("switching to %s: %d", lang, resp.StatusCode)
				}
			}
		}
		checked := 0
		for _, pattern := range patterns {
			if !strings.HasPrefix(pattern, "GET ") && pattern != "/" {
				continue
			}
			ok200 := false
			for _, role := range rolesFor[routes[pattern]] {
				path, ok := pf.path(pattern, role)
				if !ok {
					t.Errorf("no path for %s: add it to pagesFixture.path", pattern)
					break
				}
				resp, body := clients[role].do("GET", path, nil, "")
				ok200 = ok200 || resp.StatusCode == 200
				if resp.StatusCode >= 300 && resp.StatusCode < 400 {
					ok200 = ok200 || resp.StatusCode == 303 && strings.HasPrefix(pattern, "GET /inbox/")
					continue // a redirect, not a page
				}
				ctype := resp.Header.Get("Content-Type")
				if !strings.HasPrefix(ctype, "text/html") && !strings.HasPrefix(ctype, "image/svg") {
					continue
				}
				checked++
				for _, p := range pageProblems(t, body, lang, namespaces, data) {
					t.Errorf("%s %s as %s (%d): %s", lang, path, role, resp.StatusCode, p)
				}
				if n := emptyHeaders(body); n > 0 {
					t.Errorf("%s %s as %s: %d table headers say nothing", lang, path, role, n)
				}
			}
			if !ok200 && pattern != "/" && !strings.Contains(pattern, "{name}") {
				t.Errorf("%s: no role got the page", pattern)
			}
		}
		if checked < 20 {
			t.Errorf("%s: only %d pages checked", lang, checked)
		}
	}
}

// TestPageProblemsSeesRawKeys makes sure the check above would see what
// it looks for.
func TestPageProblemsSeesRawKeys(t *testing.T) {
	ns := map[string]bool{"task": true, "warn": true}
	body := `<html><head><style>.task.title{}</style></head><body><h1>task.title</h1><p title="warn.cut_clause">任务</p>
		<p>Save 5G 4A km PDF</p><input placeholder="Search"><script>var a = "Hidden"</script></body></html>`
	got := strings.Join(pageProblems(t, body, "zh-CN", ns, nil), "\n")
	for _, want := range []string{`raw key "task.title"`, `raw key "warn.cut_clause"`, `English "Save"`, `English "Search"`} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %s:\n%s", want, got)
		}
	}
	for _, not := range []string{`"5G"`, `"4A"`, `"km"`, `"PDF"`, "Hidden", ".task.title{}"} {
		if strings.Contains(got, not) {
			t.Errorf("problems name %s:\n%s", not, got)
		}
	}
	if n := emptyHeaders(`<table><tr><th></th><th>单位</th><th><span class="sr">选择</span></th></tr></table>`); n != 1 {
		t.Errorf("empty headers = %d, want 1", n)
	}
	_ = store.RoleOffice
}
