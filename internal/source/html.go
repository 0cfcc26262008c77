package source

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// decodeHTML returns the visible text of an HTML page, without the site's
// navigation, banners and footers.
func decodeHTML(data []byte) (string, error) {
	s, err := htmlToUTF8(data)
	if err != nil {
		return "", err
	}
	w := &htmlText{carryBudget: len(data)}
	if doc, err := html.Parse(strings.NewReader(s)); err == nil {
		w.walk(doc)
	} else {
		// The parser gives up on pages nested more than 512 elements
		// deep, as pages built from unclosed tags can be; their text
		// is still there to read token by token.
		w.tokens(s)
	}
	w.softBreak()
	lines := w.lines[:0]
	for _, l := range w.lines {
		if !isChromeLine(l) {
			lines = append(lines, l)
		}
	}
	return tidyLines(lines), nil
}

// metaCharset finds the charset a page declares in a meta element, in
// either the HTML5 form or the older http-equiv Content-Type form.
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:\-]+)`)

// charsetSniffLen is how far into a page its charset declaration is
// looked for; browsers look no further than 1024 bytes, saved pages put
// a comment or two in front.
const charsetSniffLen = 2048

// htmlToUTF8 decodes a page. A byte-order mark wins; then the declared
// charset, except that a page declared as GBK whose bytes are valid UTF-8
// with non-ASCII characters was re-saved as UTF-8 with its meta element
// left as it was; with no usable declaration the page is detected like
// plain text.
func htmlToUTF8(data []byte) (string, error) {
	if bytes.HasPrefix(data, bomUTF8) || bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE) {
		return toUTF8(data)
	}
	head := data
	if len(head) > charsetSniffLen {
		head = head[:charsetSniffLen]
	}
	m := metaCharset.FindSubmatch(head)
	if m == nil {
		return toUTF8(data)
	}
	enc, name := charset.Lookup(string(m[1]))
	switch {
	case enc == nil, name == "utf-8", strings.HasPrefix(name, "utf-16"), name == "replacement":
		// Unknown labels, and UTF-16 declared in a page that was read
		// as ASCII, mean the declaration cannot be right.
		return toUTF8(data)
	case bytes.IndexByte(data, 0) >= 0:
		return "", ErrBinary
	case utf8.Valid(data) && !isASCII(data):
		return checkText(string(data))
	case name == "gbk" || name == "gb18030":
		out, err := gb18030.NewDecoder().Bytes(data)
		if err != nil {
			return "", ErrEncoding
		}
		return checkText(string(out))
	}
	// A page declared as Latin-1 or another legacy charset is, on a
	// Chinese site, far more often GBK served under a wrong default.
	if s, ok := decodeGB18030(data); ok {
		return s, nil
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", ErrEncoding
	}
	return checkText(string(out))
}

func isASCII(data []byte) bool {
	for _, b := range data {
		if b >= 0x80 {
			return false
		}
	}
	return true
}

// htmlText collects the lines of a page while its tree is walked.
type htmlText struct {
	lines []string
	cur   strings.Builder
	last  rune // last rune written to cur

	space   bool // a collapsed run of white space is owed before the next text
	newline bool // that run held a line break
	inline  bool // inside a table cell: line breaks become spaces
	pre     int  // depth of <pre> elements
	article int  // depth of <article> and <main> elements

	// carryBudget bounds the text repeated into rows covered by a
	// rowspan, so that a hostile page cannot multiply its size.
	carryBudget int
}

// text appends a text node: runs of ASCII white space and no-break
// spaces collapse to one space, and white space at the start of a line
// is dropped. The ideographic space U+3000 is text and is kept.
func (t *htmlText) text(s string) {
	for _, r := range s {
		switch r {
		case '\n':
			if t.pre > 0 && !t.inline {
				t.hardBreak()
				continue
			}
			t.newline = true
			fallthrough
		case ' ', '\t', '\r', '\f', '\u00a0':
			if t.cur.Len() > 0 {
				t.space = true
			}
			continue
		}
		if t.space {
			// A line break in the source between two Chinese
			// characters is not a space when rendered.
			if !(t.newline && isWide(t.last) && isWide(r)) {
				t.cur.WriteByte(' ')
			}
		}
		t.space, t.newline = false, false
		t.cur.WriteRune(r)
		t.last = r
	}
}

func isWide(r rune) bool {
	return isCJK(r) && r >= 0x2e80
}

// softBreak ends the current line if it holds text, as the edge of a
// block element does.
func (t *htmlText) softBreak() {
	if t.inline {
		t.space = t.cur.Len() > 0
		return
	}
	if t.cur.Len() > 0 {
		t.hardBreak()
	}
}

// hardBreak ends the current line even when it is empty, as <br> does.
func (t *htmlText) hardBreak() {
	if t.inline {
		t.space = t.cur.Len() > 0
		return
	}
	t.lines = append(t.lines, t.cur.String())
	t.cur.Reset()
	t.space, t.newline, t.last = false, false, 0
}

func (t *htmlText) walk(n *html.Node) {
	switch n.Type {
	case html.DocumentNode:
		t.walkChildren(n)
	case html.TextNode:
		t.text(n.Data)
	case html.ElementNode:
		t.element(n)
	}
}

func (t *htmlText) walkChildren(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		t.walk(c)
	}
}

func (t *htmlText) element(n *html.Node) {
	if isChrome(n, t.article > 0) {
		return
	}
	switch n.DataAtom {
	case atom.Article, atom.Main:
		t.article++
		defer func() { t.article-- }()
	case atom.Br:
		t.hardBreak()
		return
	case atom.Table:
		t.table(n)
		return
	case atom.Pre:
		t.pre++
		defer func() { t.pre-- }()
	}
	block := blockElements[n.DataAtom]
	if block {
		t.softBreak()
	}
	t.walkChildren(n)
	if block {
		t.softBreak()
	}
}

// blockElements are the elements whose edges end a line.
var blockElements = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Caption: true, atom.Center: true, atom.Dd: true,
	atom.Details: true, atom.Dialog: true, atom.Dir: true, atom.Div: true,
	atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hr: true, atom.Html: true, atom.Legend: true,
	atom.Li: true, atom.Main: true, atom.Menu: true, atom.Ol: true, atom.P: true,
	atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Table: true,
	atom.Tbody: true, atom.Td: true, atom.Tfoot: true, atom.Th: true,
	atom.Thead: true, atom.Tr: true, atom.Ul: true,
}

// skippedElements never hold the document's text.
var skippedElements = map[atom.Atom]bool{
	atom.Head: true, atom.Script: true, atom.Style: true, atom.Noscript: true,
	atom.Template: true, atom.Nav: true, atom.Iframe: true, atom.Frame: true,
	atom.Frameset: true, atom.Object: true, atom.Embed: true, atom.Svg: true,
	atom.Math: true, atom.Canvas: true, atom.Audio: true, atom.Video: true,
	atom.Map: true, atom.Select: true, atom.Option: true, atom.Optgroup: true,
	atom.Datalist: true, atom.Button: true, atom.Input: true, atom.Textarea: true,
}

// isChrome reports whether an element is the site's furniture rather than
// the document: scripts and styles, navigation, forms, hidden elements,
// and elements whose id or class says they are a menu, a breadcrumb
// trail, a share bar, a header or a footer.
func isChrome(n *html.Node, inArticle bool) bool {
	if skippedElements[n.DataAtom] {
		return true
	}
	switch n.DataAtom {
	case atom.Header, atom.Footer:
		// <header> inside an article holds its title.
		if !inArticle {
			return true
		}
	case atom.Form:
		// ASP.NET pages wrap the whole page in one form.
		if !holdsContent(n) {
			return true
		}
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			st := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
			if strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden") {
				return true
			}
		case "id", "class":
			// A class on the page's outermost elements styles the
			// page (<body class="nav-fixed">); it does not mark chrome.
			if !pageElements[n.DataAtom] && chromeName(a.Val) {
				return true
			}
		}
	}
	return false
}

// pageElements wrap the whole page or its main content.
var pageElements = map[atom.Atom]bool{atom.Html: true, atom.Body: true, atom.Main: true, atom.Article: true}

// chromeWords in an id or class mark site furniture; contentWords in the
// same name veto that ("article-header" holds a title).
var (
	chromeWords = map[string]bool{
		"nav": true, "navbar": true, "navigation": true, "menu": true, "menubar": true,
		"submenu": true, "breadcrumb": true, "breadcrumbs": true, "crumb": true, "crumbs": true,
		"footer": true, "header": true, "topbar": true, "toolbar": true, "share": true,
		"sharebar": true, "sidebar": true, "copyright": true, "login": true, "search": true,
		"searchbar": true, "position": true, "location": true, "dqwz": true, "skip": true,
	}
	contentWords = map[string]bool{
		"article": true, "content": true, "title": true, "main": true, "text": true,
		"detail": true, "zw": true, "zhengwen": true, "body": true, "doc": true,
	}
)

func chromeName(v string) bool {
	chrome := false
	for _, w := range strings.FieldsFunc(strings.ToLower(v), func(r rune) bool {
		return !(r >= 'a' && r <= 'z')
	}) {
		if contentWords[w] {
			return false
		}
		if chromeWords[w] {
			chrome = true
		}
	}
	return chrome
}

// holdsContent reports whether n contains paragraphs, headings or tables.
func holdsContent(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.P, atom.Table, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			return true
		}
		if holdsContent(c) {
			return true
		}
	}
	return false
}

// Layout tables, which hold a page's columns rather than data, are
// recognised by a nested table, a single column, or a cell longer than
// maxDataCell runes.
const maxDataCell = 1000

// maxCarry is the longest cell text repeated into the rows a rowspan
// covers: unit names, not paragraphs.
const maxCarry = 100

// table writes a data table as one line per row, cells separated by TAB;
// a cell spanning columns is followed by empty cells, and a short cell
// spanning rows is repeated in each, so that a 任务分工表 whose 牵头单位
// cell is merged over several tasks still names it on every task's line.
// A layout table is walked as ordinary blocks.
func (t *htmlText) table(n *html.Node) {
	t.softBreak()
	defer t.softBreak()
	var rows []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.DataAtom {
		case atom.Tr:
			rows = append(rows, c)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			for r := c.FirstChild; r != nil; r = r.NextSibling {
				if r.DataAtom == atom.Tr {
					rows = append(rows, r)
				}
			}
		}
	}
	if isLayoutTable(rows) {
		t.walkChildren(n)
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Caption {
			t.walk(c)
		}
	}

	type carry struct {
		rows int
		text string
	}
	pending := map[int]*carry{}
	for _, tr := range rows {
		if isChrome(tr, false) {
			continue
		}
		var cells []string
		col := 0
		fill := func(upto int) {
			for ; col < upto; col++ {
				p := pending[col]
				if p == nil {
					cells = append(cells, "")
					continue
				}
				cells = append(cells, p.text)
				if p.rows--; p.rows <= 0 {
					delete(pending, col)
				}
			}
		}
		for td := tr.FirstChild; td != nil; td = td.NextSibling {
			if td.Type != html.ElementNode || (td.DataAtom != atom.Td && td.DataAtom != atom.Th) || isChrome(td, false) {
				continue
			}
			for pending[col] != nil {
				fill(col + 1)
			}
			text := cellText(td)
			cells = append(cells, text)
			if rs := spanAttr(td, "rowspan", 1000); rs > 1 {
				carried := ""
				if utf8.RuneCountInString(text) <= maxCarry && t.carryBudget >= len(text)*(rs-1) {
					carried = text
					t.carryBudget -= len(text) * (rs - 1)
				}
				pending[col] = &carry{rows: rs - 1, text: carried}
			}
			cs := spanAttr(td, "colspan", 100)
			for i := 1; i < cs; i++ {
				cells = append(cells, "")
			}
			col += cs
		}
		// Merged cells at the end of a row.
		last := -1
		for c := range pending {
			last = max(last, c)
		}
		if last >= col {
			fill(last + 1)
		}
		line := strings.Join(cells, "\t")
		if strings.Trim(line, "\t ") != "" {
			t.lines = append(t.lines, line)
		}
	}
}

// isLayoutTable reports whether a table holds a page's layout: a nested
// table, a single column, or a cell too long to be data.
func isLayoutTable(rows []*html.Node) bool {
	maxCols := 0
	for _, tr := range rows {
		cols := 0
		for td := tr.FirstChild; td != nil; td = td.NextSibling {
			if td.DataAtom != atom.Td && td.DataAtom != atom.Th {
				continue
			}
			cols++
			if holdsTable(td) {
				return true
			}
		}
		maxCols = max(maxCols, cols)
	}
	if maxCols <= 1 {
		return true
	}
	for _, tr := range rows {
		for td := tr.FirstChild; td != nil; td = td.NextSibling {
			if (td.DataAtom == atom.Td || td.DataAtom == atom.Th) && textLen(td) > maxDataCell {
				return true
			}
		}
	}
	return false
}

func holdsTable(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Table || holdsTable(c) {
			return true
		}
	}
	return false
}

// textLen counts the runes of text under n, stopping once past maxDataCell.
func textLen(n *html.Node) int {
	total := 0
	for c := n.FirstChild; c != nil && total <= maxDataCell; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			total += utf8.RuneCountInString(c.Data)
		case html.ElementNode:
			total += textLen(c)
		}
	}
	return total
}

// cellText renders a table cell on one line; its paragraphs and line
// breaks become spaces.
func cellText(td *html.Node) string {
	w := &htmlText{inline: true}
	w.walkChildren(td)
	return strings.TrimRight(w.cur.String(), " ")
}

// spanAttr returns a rowspan or colspan, at least 1 and at most limit.
func spanAttr(n *html.Node, key string, limit int) int {
	for _, a := range n.Attr {
		if a.Key == key {
			v, err := strconv.Atoi(strings.TrimSpace(a.Val))
			if err != nil || v < 1 {
				return 1
			}
			return min(v, limit)
		}
	}
	return 1
}

// chromePhrases mark the lines of a government site's furniture that
// survive the element filter: "set as home page", the breadcrumb trail,
// print and close links, the font-size switch, copyright and registration
// notices; chromePatterns add the date banner and the visit counter.
// Only short lines are dropped, and the words are ones a plan does not
// use, so that a plan's own sentences are kept.
var (
	chromePhrases = []string{
		"设为首页", "加入收藏", "收藏本站", "当前位置：", "当前位置:", "您现在的位置", "您的位置：",
		"打印本页", "关闭窗口", "【打印】", "【关闭】", "字体：", "字号：", "分享到：", "分享到:",
		"版权所有", "ICP备", "网站标识码", "公网安备", "网站地图",
	}
	chromePatterns = []struct {
		word string // cheap test before the expression runs
		re   *regexp.Regexp
	}{
		{"今天是", regexp.MustCompile(`今天是\s*\d{4}\s*年`)},
		{"您是第", regexp.MustCompile(`您是第\s*\d+\s*位`)},
		{"量", regexp.MustCompile(`(访问量|浏览量|点击量)\s*[：:]?\s*\d`)},
		{"数", regexp.MustCompile(`(访问人数|访问次数|浏览次数|阅读次数|点击数)\s*[：:]?\s*\d`)},
	}
)

const maxChromeLine = 80

func isChromeLine(l string) bool {
	if utf8.RuneCountInString(l) > maxChromeLine {
		return false
	}
	// The document number's label, 发文字号, holds the font switch's 字号.
	l = strings.ReplaceAll(l, "发文字号", "")
	for _, p := range chromePhrases {
		if strings.Contains(l, p) {
			return true
		}
	}
	for _, p := range chromePatterns {
		if strings.Contains(l, p.word) && p.re.MatchString(l) {
			return true
		}
	}
	return false
}

// tokens reads a page that could not be parsed into a tree, one token at
// a time: the same elements are skipped and the same blocks end lines,
// but tables cannot be told apart, so every cell is separated by TAB.
func (t *htmlText) tokens(s string) {
	z := html.NewTokenizer(strings.NewReader(s))
	var (
		skipTag   string // name of the element being skipped
		skipDepth int    // its nesting while being skipped
	)
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return
		case html.TextToken:
			if skipDepth == 0 {
				t.text(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if skipDepth > 0 {
				if tt == html.StartTagToken && tok.Data == skipTag {
					skipDepth++
				}
				continue
			}
			n := &html.Node{Type: html.ElementNode, DataAtom: tok.DataAtom, Data: tok.Data, Attr: tok.Attr}
			// Without a tree an unclosed <head> or <form> would hide
			// the rest of the page: only their contents are judged,
			// and the head's title is skipped on its own.
			chrome := tok.DataAtom == atom.Title ||
				tok.DataAtom != atom.Head && tok.DataAtom != atom.Form && isChrome(n, false)
			if chrome {
				if tt == html.StartTagToken && !voidElements[tok.DataAtom] {
					skipTag, skipDepth = tok.Data, 1
				}
				continue
			}
			switch {
			case tok.DataAtom == atom.Br:
				t.hardBreak()
			case tok.DataAtom == atom.Td || tok.DataAtom == atom.Th:
				if t.cur.Len() > 0 {
					t.cur.WriteByte('\t')
					t.space, t.newline, t.last = false, false, '\t'
				}
			case blockElements[tok.DataAtom]:
				t.softBreak()
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if skipDepth > 0 {
				if string(name) == skipTag {
					skipDepth--
				}
				continue
			}
			if a := atom.Lookup(name); blockElements[a] && a != atom.Td && a != atom.Th {
				t.softBreak()
			}
		}
	}
}

// voidElements have no end tag, so they cannot be skipped up to one.
var voidElements = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true,
	atom.Hr: true, atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true,
	atom.Param: true, atom.Source: true, atom.Track: true, atom.Wbr: true,
}
