package source

import (
	"archive/zip"
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

func readFixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// replace is strings.ReplaceAll for fixtures: it fails when from is
// missing, so that a test cannot quietly run on the unchanged fixture.
func replace(t testing.TB, s, from, to string) string {
	t.Helper()
	if !strings.Contains(s, from) {
		t.Fatalf("fixture lacks %q", from)
	}
	return strings.ReplaceAll(s, from, to)
}

func encode(t testing.TB, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding fixture: %v", err)
	}
	return b
}

// docx builds a .docx archive holding the given parts.
func docx(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/numbering.xml", "word/styles.xml", "xl/workbook.xml"} {
		body, ok := parts[name]
		if !ok {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`

// wordBody wraps body XML in a WordprocessingML document.
func wordBody(body string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `</w:body></w:document>`
}

func TestDecodeText(t *testing.T) {
	plan := readFixture(t, "plan.txt")
	crlf := strings.ReplaceAll(plan, "\n", "\r\n")
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"utf-8", []byte(plan), plan},
		{"utf-8 with BOM", append([]byte("\xef\xbb\xbf"), plan...), plan},
		{"utf-8 CRLF", []byte(crlf), plan},
		{"lone CR", []byte("一、总体要求\r1.加快发展现代物流。\r"), "一、总体要求\n1.加快发展现代物流。\n"},
		{"utf-16LE with BOM", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), crlf), plan},
		{"utf-16BE with BOM", encode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), plan), plan},
		{"gb18030", encode(t, simplifiedchinese.GB18030, crlf), plan},
		{"gbk", encode(t, simplifiedchinese.GBK, plan), plan},
		// U+20BB7 is outside GBK: GB18030 writes it in four bytes.
		{"gb18030 four-byte", encode(t, simplifiedchinese.GB18030, "𠮷城区服务业集聚区建设（牵头单位：区商务局）"), "𠮷城区服务业集聚区建设（牵头单位：区商务局）"},
		// Full-width characters and the ideographic space stay as written.
		{"no width folding", []byte("　　１．目标：增长６％以上"), "　　１．目标：增长６％以上"},
		{"stray control kept", []byte(plan + "\x1a"), plan + "\x1a"},
		{"text mentioning a tag", []byte("说明：网页中的<div>元素不影响。\n二、任务"), "说明：网页中的<div>元素不影响。\n二、任务"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode("plan.txt", tt.data)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if got != tt.want {
				t.Errorf("Decode =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestDecodeHTML(t *testing.T) {
	page := readFixture(t, "gov_page.html")
	want := strings.TrimRight(readFixture(t, "gov_page.want"), "\n")
	utf8Page := replace(t, page, "charset=gbk", "charset=utf-8")
	tests := []struct {
		name string
		data []byte
	}{
		{"gbk bytes, gbk declared", encode(t, simplifiedchinese.GBK, page)},
		{"gb2312 declared in the HTML5 form", encode(t, simplifiedchinese.GBK, replace(t, page, `http-equiv="Content-Type" content="text/html; charset=gbk"`, `charset="GB2312"`))},
		// Sites served with a Western default keep GBK bytes.
		{"iso-8859-1 declared, gbk bytes", encode(t, simplifiedchinese.GBK, replace(t, page, "charset=gbk", "charset=iso-8859-1"))},
		{"utf-8 declared", []byte(utf8Page)},
		{"no declaration, gbk bytes", encode(t, simplifiedchinese.GBK, replace(t, page, "; charset=gbk", ""))},
		// A page saved again as UTF-8 by an editor keeps its old meta.
		{"gbk declared, utf-8 bytes", []byte(page)},
		{"utf-16LE with BOM", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), utf8Page)},
		{"CRLF and upper-case tags", []byte(replace(t, replace(t, utf8Page, "<p>", "<P>"), "\n", "\r\n"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode("page.txt", tt.data)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if got != want {
				t.Errorf("Decode =\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func TestDecodeHTMLStructure(t *testing.T) {
	tests := []struct {
		name, html, want string
	}{
		{
			"rowspan repeats a merged unit on every task",
			`<table><tr><td>1</td><td>物流</td><td rowspan="2">省商务厅</td><td>省交通运输厅</td></tr>` +
				`<tr><td>2</td><td>电商</td><td>省邮政管理局</td></tr></table>`,
			"1\t物流\t省商务厅\t省交通运输厅\n2\t电商\t省商务厅\t省邮政管理局",
		},
		{
			"rowspan in the last column",
			`<table><tr><td>1</td><td rowspan="2">省商务厅</td></tr><tr><td>2</td></tr></table>`,
			"1\t省商务厅\n2\t省商务厅",
		},
		{
			"colspan keeps the columns",
			`<table><tr><td>序号</td><td>任务</td><td>单位</td></tr><tr><td colspan="2">合计</td><td>3</td></tr></table>`,
			"序号\t任务\t单位\n合计\t\t3",
		},
		{
			"layout table with one column is read as blocks",
			`<table><tr><td><p>第一段。</p><p>第二段。</p></td></tr></table>`,
			"第一段。\n第二段。",
		},
		{
			"br inside a paragraph, blank lines collapse",
			`<body><p>第一行<br>第二行</p><br><br><br><br><p>第三行</p></body>`,
			"第一行\n第二行\n\n第三行",
		},
		{
			"entities and white space",
			`<body><p>  A&amp;B&nbsp;&nbsp;&nbsp;C   D&lt;E  </p><p>&#12288;&#12288;一、任务</p></body>`,
			"A&B C D<E\n　　一、任务",
		},
		{
			"pre keeps its lines",
			`<body><pre>一、要求
二、任务</pre></body>`,
			"一、要求\n二、任务",
		},
		{
			"ASP.NET form around the page is kept, its controls are not",
			`<body><form id="form1"><input value="搜索"><select><option>省直部门</option></select><p>正文。</p></form></body>`,
			"正文。",
		},
		{
			"search form is dropped",
			`<body><form action="/search"><input name="q"> 站内搜索</form><p>正文。</p></body>`,
			"正文。",
		},
		{
			"header inside an article is kept, the site's is not",
			`<body><header>省政府门户网站</header><article><header><h1>标题</h1></header><p>正文。</p></article></body>`,
			"标题\n正文。",
		},
		{
			"a class on body does not hide the page",
			`<html><body class="nav-fixed header-collapsed"><main id="menu-offset"><p>正文。</p></main></body></html>`,
			"正文。",
		},
		{
			"content word vetoes a chrome class",
			`<body><div class="article-header">标题</div><div class="menu-list">菜单</div><div id="crumb">首页</div></body>`,
			"标题",
		},
		{
			"a plan's own lines about websites are kept",
			`<body><p>（三）提升政府网站访问量和办事效率。</p>` +
				`<p>各地要在门户网站首页醒目位置设置服务业发展专栏，提供“设为首页”“加入收藏”等便民功能，持续提升政务服务网站的访问体验和办事效率，让企业和群众少跑腿、好办事、办成事，全面提升服务业营商环境。</p></body>`,
			"（三）提升政府网站访问量和办事效率。\n" +
				"各地要在门户网站首页醒目位置设置服务业发展专栏，提供“设为首页”“加入收藏”等便民功能，持续提升政务服务网站的访问体验和办事效率，让企业和群众少跑腿、好办事、办成事，全面提升服务业营商环境。",
		},
	}
	// Over 512 open elements the parser gives up; the page is then
	// read token by token.
	deep := `<html><head><title>标题</title><style>p{}</style></head><body><div class="nav">首页</div>` +
		strings.Repeat("<div><font>", 600) + `<p>一、总体要求</p><script>var x = "<p>脚本</p>";</script>` +
		`<table><tr><td>1</td><td>物流</td><td>省商务厅</td></tr></table><p>二、任务</p>`
	tests = append(tests, struct{ name, html, want string }{
		"nested too deep for the parser", deep, "一、总体要求\n1\t物流\t省商务厅\n二、任务",
	})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode("page.html", []byte(tt.html))
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if got != tt.want {
				t.Errorf("Decode =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestDecodeDocx(t *testing.T) {
	want := strings.TrimRight(readFixture(t, "document.want"), "\n")
	data := docx(t, map[string]string{
		"[Content_Types].xml": contentTypes,
		"word/document.xml":   readFixture(t, "document.xml"),
	})
	got, err := Decode("plan.docx", data)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if got != want {
		t.Errorf("Decode =\n%s\nwant\n%s", got, want)
	}
	// The name is only a hint.
	if got2, err := Decode("plan.txt", data); err != nil || got2 != got {
		t.Errorf("Decode with a .txt name = %q, %v", got2, err)
	}
}

func TestDecodeDocxNested(t *testing.T) {
	body := `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>外</w:t></w:r></w:p>` +
		`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>内1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>内2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
		`</w:tc><w:tc><w:p><w:r><w:t>右</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`
	data := docx(t, map[string]string{"word/document.xml": wordBody(body)})
	got, err := Decode("a.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	if want := "外 内1 内2\t右"; got != want {
		t.Errorf("Decode = %q, want %q", got, want)
	}
}

func TestDecodeErrors(t *testing.T) {
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...)
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 4096)
	for i := range random {
		// Random bytes without NULs or control bytes, so that only the
		// encoding check can reject them.
		random[i] = byte(0x20 + rng.IntN(0xe0))
		if random[i] == 0x7f {
			random[i] = 'x'
		}
	}
	plan := docx(t, map[string]string{"word/document.xml": wordBody(`<w:p><w:r><w:t>一、总体要求</w:t></w:r></w:p>`)})
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrEmpty},
		{"white space only", []byte(" \r\n\t\u3000\u3000\n"), ErrEmpty},
		{"BOM only", []byte("\xef\xbb\xbf"), ErrEmpty},
		{"utf-16 white space only", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), "  \n"), ErrEmpty},
		{"html without text", []byte("<html><head><title>标题</title><script>var a=1;</script></head><body><div class=\"nav\">首页</div></body></html>"), ErrEmpty},
		{"docx without text", docx(t, map[string]string{"word/document.xml": wordBody(`<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>`)}), ErrEmpty},
		{"png", png, ErrBinary},
		{"control bytes", bytes.Repeat([]byte("ab\x01\x02\x03"), 50), ErrBinary},
		{"random bytes", random, ErrEncoding},
		{"latin-1 text", encode(t, charmap.ISO8859_1, "Müller Straße, Gebäudeüberwachung im Überblick"), ErrEncoding},
		{"utf-8 BOM then invalid", []byte("\xef\xbb\xbf\xff\xfe abc"), ErrEncoding},
		{"utf-16 odd length", append(encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), "任务"), 'x'), ErrEncoding},
		{"utf-16 binary", append([]byte("\xff\xfe"), png...), ErrBinary},
		{"old word document", append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 512)...), ErrLegacyWord},
		{"zip without word/document.xml", docx(t, map[string]string{"[Content_Types].xml": contentTypes, "xl/workbook.xml": "<workbook/>"}), ErrNotDocx},
		{"truncated zip", plan[:len(plan)/2], ErrBrokenDocx},
		{"zip magic only", []byte("PK\x03\x04"), ErrBrokenDocx},
		{"malformed document.xml", docx(t, map[string]string{"word/document.xml": wordBody(`<w:p><w:r><w:t>一</w:r></w:p>`)}), ErrBrokenDocx},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode("upload", tt.data)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Decode = %q, %v; want error %v", got, err, tt.want)
			}
			if got != "" {
				t.Errorf("Decode returned text %q with its error", got)
			}
		})
	}
}

// TestDecodeDocxCorruptEntry flips bytes inside the compressed part: the
// zip directory is intact, the inflated data or its checksum is not.
func TestDecodeDocxCorruptEntry(t *testing.T) {
	data := docx(t, map[string]string{"word/document.xml": wordBody(strings.Repeat(`<w:p><w:r><w:t>加快发展现代物流。</w:t></w:r></w:p>`, 50))})
	i := bytes.Index(data, []byte("word/document.xml")) + len("word/document.xml") + 10
	data[i] ^= 0xff
	data[i+1] ^= 0xff
	_, err := Decode("plan.docx", data)
	if !errors.Is(err, ErrBrokenDocx) {
		t.Fatalf("Decode error = %v, want %v", err, ErrBrokenDocx)
	}
}

func TestDecodeDocxBomb(t *testing.T) {
	// A part that inflates past the cap; its header is made to claim a
	// small size so that only the reading cap can catch it.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: documentPart, Method: zip.Deflate})
	if err != nil {
		t.Fatal(err)
	}
	head := `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>`
	if _, err := w.Write([]byte(head)); err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte("服"), 1<<20)
	for written := 0; written <= maxDocumentXML; written += len(chunk) {
		if _, err := w.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	if len(data) > 1<<20 {
		t.Fatalf("bomb is %d bytes; the test means a small archive", len(data))
	}
	_, err = Decode("bomb.docx", data)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Decode error = %v, want %v", err, ErrTooLarge)
	}
}

func TestErrorsAreSentences(t *testing.T) {
	for _, err := range []error{ErrEmpty, ErrBinary, ErrEncoding, ErrLegacyWord, ErrNotDocx, ErrBrokenDocx, ErrTooLarge,
		ErrBrokenPDF, ErrPDFPassword, ErrPDFNoText, ErrPDFTooLarge, ErrNoPDFReader} {
		msg := err.Error()
		if msg == "" || strings.ContainsAny(msg, "\n") || strings.Contains(msg, "zip:") || strings.Contains(msg, "xml:") {
			t.Errorf("error %q is not a sentence for a user", msg)
		}
	}
}

func TestLooksHTML(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             bool
	}{
		{"doctype", "a.txt", "<!DOCTYPE html><p>x</p>", true},
		{"upper case body", "a", "\r\n  <BODY><P>x", true},
		{"comment before html", "a", "<!-- saved from url=(0040)http://fgw.example.gov.cn/ --><html>", true},
		{"marker after text, named .htm", "a.HTM", "一、总体要求<br>二、任务", true},
		{"marker after text, named .txt", "a.txt", "一、总体要求<br>二、任务", false},
		{"plain text", "a.html", "一、总体要求", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := looksHTML(tt.file, []byte(tt.data)); got != tt.want {
				t.Errorf("looksHTML(%q, %q) = %v, want %v", tt.file, tt.data, got, tt.want)
			}
		})
	}
}

func FuzzDecode(f *testing.F) {
	f.Add("plan.txt", []byte(readFixture(f, "plan.txt")))
	f.Add("page.html", []byte(readFixture(f, "gov_page.html")))
	f.Add("page.html", encode(f, simplifiedchinese.GBK, readFixture(f, "gov_page.html")))
	f.Add("plan.docx", docx(f, map[string]string{"word/document.xml": readFixture(f, "document.xml")}))
	f.Add("a", []byte("<table><tr><td rowspan=3>a</td><td colspan=2>b</td></tr><tr><td>c</td></tr></table>"))
	f.Add("a", []byte("\xff\xfe\x00\xd8"))
	f.Add("plan.pdf", buildPDF(textPage("Yunxi Gazette", "- 1 -", "Work Plan", "  The city will open twenty stations.")))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		got, err := Decode(name, data)
		if err != nil {
			if got != "" {
				t.Errorf("text %q returned with error %v", got, err)
			}
			return
		}
		if !utf8.ValidString(got) {
			t.Errorf("output is not valid UTF-8: %q", got)
		}
		if strings.TrimSpace(got) == "" {
			t.Errorf("blank output %q without ErrEmpty", got)
		}
		if strings.Contains(got, "\r") {
			t.Errorf("output keeps a carriage return: %q", got)
		}
	})
}

func BenchmarkDecodeHTML(b *testing.B) {
	page := readFixture(b, "gov_page.html")
	// A page the size of a long plan: the body repeated to about 200 KB.
	i := strings.Index(page, "<div class=\"content\">")
	j := strings.Index(page, "<div class=\"bdsharebuttonbox")
	body := page[i:j]
	page = page[:i] + strings.Repeat(body, 200_000/len(body)) + page[j:]
	data := encode(b, simplifiedchinese.GBK, page)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Decode("page.html", data); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMetadataTableKept keeps the labelled fields of a page's header
// table: 发文字号 holds the 字号 of a font-size switch, but is not one.
func TestMetadataTableKept(t *testing.T) {
	page := `<html><body><div>当前位置：<a href="/">首页</a></div><div>字号：大 中 小</div><table class="info">
<tr><td>索引号：</td><td>000014349/2024-00321</td><td>发文字号：</td><td>黔府办函〔2024〕27号</td></tr>
<tr><td>发布机构：</td><td>贵州省人民政府办公厅</td><td>成文日期：</td><td>2024-04-08</td></tr>
</table><p>一、总体要求</p></body></html>`
	got, err := Decode("page.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "发文字号：\t黔府办函〔2024〕27号") || strings.Contains(got, "大 中 小") || strings.Contains(got, "当前位置") {
		t.Errorf("decoded page:\n%s", got)
	}
}
