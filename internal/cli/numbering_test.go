package cli

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"

	"luoshi/internal/extract"
	"luoshi/internal/source"
)

// numberedWordDocument builds a .docx whose outline is numbered the way
// Word numbers it: no label in the text, the labels in numbering.xml,
// the top headings numbered through their paragraph style.
func numberedWordDocument(t *testing.T) []byte {
	t.Helper()
	const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	lvl := func(ilvl int, format, text string) string {
		return fmt.Sprintf(`<w:lvl w:ilvl="%d"><w:start w:val="1"/><w:numFmt w:val="%s"/><w:lvlText w:val="%s"/><w:lvlJc w:val="left"/></w:lvl>`, ilvl, format, text)
	}
	numbering := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering ` + ns + `>` +
		`<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>` +
		lvl(0, "chineseCounting", "%1、") + lvl(1, "chineseCounting", "（%2）") +
		lvl(2, "decimal", "%3.") + lvl(3, "decimal", "（%4）") +
		`</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
	styles := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ` + ns + `>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>` +
		`<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>`
	p := func(pPr, text string) string {
		return `<w:p><w:pPr>` + pPr + `</w:pPr><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
	}
	heading := func(text string) string { return p(`<w:pStyle w:val="1"/>`, text) }
	item := func(ilvl int, text string) string {
		return p(fmt.Sprintf(`<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="1"/></w:numPr>`, ilvl), text)
	}
	body := p(`<w:jc w:val="center"/>`, "江州市2025年服务业发展工作要点") +
		heading("总体要求") +
		p("", "到2025年底，服务业增加值增长6%以上。") +
		heading("重点任务") +
		item(1, "加快发展现代物流") +
		item(2, "推进物流园建设，新增A级物流企业5家。（市发展改革委牵头，市交通运输局配合）") +
		item(2, "发展冷链物流。（市商务局负责）") +
		item(1, "提升商贸服务") +
		item(2, "建设便民生活圈10个。（市商务局牵头）") +
		item(3, "打造示范街区。（市商务局负责）") +
		item(3, "发展夜间经济。（市文化广电旅游局负责）") +
		heading("保障措施") +
		item(2, "加强统计监测。（市统计局负责）")
	document := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + ns + `><w:body>` + body + `</w:body></w:document>`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, part := range [][2]string{
		{"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		{"word/document.xml", document},
		{"word/styles.xml", styles},
		{"word/numbering.xml", numbering},
	} {
		w, err := zw.Create(part[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(part[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestParseWordNumbering reads a plan whose labels exist only as Word's
// automatic numbering: the extractor finds its tasks under the right
// headings, with the numbers Word shows.
func TestParseWordNumbering(t *testing.T) {
	text, err := source.Decode("plan.docx", numberedWordDocument(t))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	p, err := extract.Parse(text)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	type task struct{ label, path, text, lead string }
	want := []task{
		{"1", "二/(一)/1", "推进物流园建设，新增A级物流企业5家。", "市发展改革委"},
		{"2", "二/(一)/2", "发展冷链物流。", "市商务局"},
		{"(1)", "二/(二)/1/(1)", "打造示范街区。", "市商务局"},
		{"(2)", "二/(二)/1/(2)", "发展夜间经济。", "市文化广电旅游局"},
		{"1", "三/1", "加强统计监测。", "市统计局"},
	}
	var got []task
	for _, x := range p.Tasks {
		got = append(got, task{x.Label, strings.Join(x.Path, "/"), x.Text, strings.Join(x.Lead, "|")})
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("tasks =\n%v\nwant\n%v\ndecoded text:\n%s", got, want, text)
	}
	var headings []string
	for _, h := range p.Headings {
		headings = append(headings, strings.Join(h.Path, "/")+" "+h.Title)
	}
	wantHeadings := []string{"一 总体要求", "二 重点任务", "二/(一) 加快发展现代物流", "二/(二) 提升商贸服务", "二/(二)/1 建设便民生活圈10个", "三 保障措施"}
	if strings.Join(headings, "\n") != strings.Join(wantHeadings, "\n") {
		t.Errorf("headings =\n%s\nwant\n%s", strings.Join(headings, "\n"), strings.Join(wantHeadings, "\n"))
	}
}
