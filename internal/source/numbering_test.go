package source

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"
)

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

// numberingXML wraps abstract list and instance definitions in a
// numbering part.
func numberingXML(defs ...string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering ` + wordNS + `>` + strings.Join(defs, "") + `</w:numbering>`
}

// abstractNum defines an abstract list from its levels.
func abstractNum(id int, levels ...string) string {
	return fmt.Sprintf(`<w:abstractNum w:abstractNumId="%d"><w:multiLevelType w:val="multilevel"/>%s</w:abstractNum>`, id, strings.Join(levels, ""))
}

// lvl defines a list level; extra is more XML inside w:lvl.
func lvl(ilvl, start int, format, text, extra string) string {
	return fmt.Sprintf(`<w:lvl w:ilvl="%d"><w:start w:val="%d"/><w:numFmt w:val="%s"/>%s<w:lvlText w:val="%s"/><w:lvlJc w:val="left"/>`+
		`<w:pPr><w:ind w:left="420" w:hanging="420"/></w:pPr><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr></w:lvl>`, ilvl, start, format, extra, text)
}

// num defines a list instance of an abstract list; overrides are its
// w:lvlOverride elements.
func num(id, abstract int, overrides ...string) string {
	return fmt.Sprintf(`<w:num w:numId="%d"><w:abstractNumId w:val="%d"/>%s</w:num>`, id, abstract, strings.Join(overrides, ""))
}

// para is a paragraph without numbering.
func para(text string) string {
	return `<w:p><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

// listPara is a paragraph numbered directly by a list and level.
func listPara(numID, ilvl int, text string) string {
	return fmt.Sprintf(`<w:p><w:pPr><w:pStyle w:val="a3"/><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr><w:ind w:firstLineChars="0"/></w:pPr>`+
		`<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t>%s</w:t></w:r></w:p>`, ilvl, numID, text)
}

// styledPara is a paragraph of a style; pPr is more of its properties.
func styledPara(style, pPr, text string) string {
	return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/>` + pPr + `</w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

// decodeParts decodes a .docx of the given parts, failing on an error.
func decodeParts(t *testing.T, parts map[string]string) string {
	t.Helper()
	got, err := Decode("plan.docx", docx(t, parts))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	return got
}

func checkLines(t *testing.T, got string, want []string) {
	t.Helper()
	if w := strings.Join(want, "\n"); got != w {
		t.Errorf("Decode =\n%s\nwant\n%s", got, w)
	}
}

// planNumbering is the usual outline of a Chinese plan as one Word list:
// 一、 （一） 1. （1） ①.
var planNumbering = numberingXML(
	abstractNum(0,
		lvl(0, 1, "chineseCounting", "%1、", `<w:suff w:val="nothing"/>`),
		lvl(1, 1, "chineseCounting", "（%2）", ""),
		lvl(2, 1, "decimal", "%3.", ""),
		lvl(3, 1, "decimal", "（%4）", ""),
		lvl(4, 1, "decimalEnclosedCircle", "%5", ""),
	),
	num(1, 0),
)

func TestDocxNumberingPlan(t *testing.T) {
	body := para("江州市2025年服务业发展工作要点") +
		listPara(1, 0, "总体要求") +
		para("　　到2025年底，服务业增加值增长6%以上。") +
		listPara(1, 0, "重点任务") +
		listPara(1, 1, "加快发展现代物流") +
		listPara(1, 2, "推进物流园建设。（市商务局牵头）") +
		listPara(1, 2, "发展冷链物流。") +
		listPara(1, 3, "建设冷库。") +
		listPara(1, 3, "培育冷链企业：") +
		listPara(1, 4, "引进龙头企业；") +
		listPara(1, 4, "扶持本地企业。") +
		listPara(1, 2, "发展快递物流。") +
		listPara(1, 1, "提升商贸服务") +
		listPara(1, 2, "建设便民生活圈。") +
		listPara(1, 0, "保障措施")
	want := []string{
		"江州市2025年服务业发展工作要点",
		"一、总体要求",
		"　　到2025年底，服务业增加值增长6%以上。",
		"二、重点任务",
		"（一）加快发展现代物流",
		"1.推进物流园建设。（市商务局牵头）",
		"2.发展冷链物流。",
		"（1）建设冷库。",
		"（2）培育冷链企业：",
		"①引进龙头企业；",
		"②扶持本地企业。",
		"3.发展快递物流。",
		"（二）提升商贸服务",
		"1.建设便民生活圈。",
		"三、保障措施",
	}
	// Level 2 runs past ten: 十, 十一, 十二.
	for i := 1; i <= 12; i++ {
		body += listPara(1, 1, fmt.Sprintf("措施%d", i))
	}
	want = append(want, "（一）措施1", "（二）措施2", "（三）措施3", "（四）措施4", "（五）措施5", "（六）措施6",
		"（七）措施7", "（八）措施8", "（九）措施9", "（十）措施10", "（十一）措施11", "（十二）措施12")
	got := decodeParts(t, map[string]string{
		"word/document.xml":  wordBody(body),
		"word/numbering.xml": planNumbering,
	})
	checkLines(t, got, want)
}

// TestDocxNumberingRestart checks Word's counters: a level restarts
// when a level above it is used, unless w:lvlRestart says otherwise;
// "%1.%2" shows the numbers of both levels.
func TestDocxNumberingRestart(t *testing.T) {
	numbering := numberingXML(
		abstractNum(0,
			lvl(0, 1, "chineseCounting", "%1、", ""),
			lvl(1, 1, "decimal", "%2.", ""),
			// Restarts after level 1 only, not after level 2.
			lvl(2, 1, "decimal", "(%3)", `<w:lvlRestart w:val="1"/>`),
			// Never restarts.
			lvl(3, 1, "lowerLetter", "%4)", `<w:lvlRestart w:val="0"/>`),
		),
		abstractNum(1,
			lvl(0, 1, "decimal", "第%1章", `<w:suff w:val="space"/>`),
			lvl(1, 1, "decimal", "%1.%2", `<w:suff w:val="space"/>`),
		),
		num(1, 0),
		num(2, 1),
	)
	body := listPara(1, 0, "发展物流") +
		listPara(1, 1, "建园区。") +
		listPara(1, 1, "育企业。") +
		listPara(1, 2, "龙头。") +
		listPara(1, 3, "甲。") +
		listPara(1, 1, "强设施。") +
		listPara(1, 2, "冷链。") + // not restarted by level 2
		listPara(1, 3, "乙。") +
		listPara(1, 0, "发展商贸") +
		listPara(1, 1, "建圈。") + // restarted by level 1
		// An empty item counts, as Word shows its number, but stays
		// an empty line.
		listPara(1, 1, "") +
		listPara(1, 1, "办节。") +
		listPara(1, 2, "夜市。") + // restarted by level 1
		listPara(1, 3, "丙。") + // never restarted
		listPara(2, 0, "总则") +
		listPara(2, 1, "目的") +
		listPara(2, 1, "依据") +
		listPara(2, 0, "任务") +
		listPara(2, 1, "物流")
	got := decodeParts(t, map[string]string{
		"word/document.xml":  wordBody(body),
		"word/numbering.xml": numbering,
	})
	checkLines(t, got, []string{
		"一、发展物流",
		"1.建园区。",
		"2.育企业。",
		"(1)龙头。",
		"a)甲。",
		"3.强设施。",
		"(2)冷链。",
		"b)乙。",
		"二、发展商贸",
		"1.建圈。",
		"",
		"3.办节。",
		"(1)夜市。",
		"c)丙。",
		"第1章 总则",
		"1.1 目的",
		"1.2 依据",
		"第2章 任务",
		"2.1 物流",
	})
}

// TestDocxNumberingStyles numbers paragraphs through their styles: a
// heading style naming list and level, a list style that inherits its
// list through w:basedOn and takes its level from the list's w:pStyle,
// and a paragraph that removes its style's numbering with numId 0.
func TestDocxNumberingStyles(t *testing.T) {
	styles := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ` + wordNS + `>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:pPr><w:jc w:val="both"/></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="ListBase"><w:basedOn w:val="a"/><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="ListItem"><w:basedOn w:val="ListBase"/><w:pPr><w:spacing w:line="560"/></w:pPr></w:style>` +
		`<w:style w:type="character" w:styleId="ListItem2"><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>` +
		`</w:styles>`
	numbering := numberingXML(
		abstractNum(3,
			lvl(0, 1, "chineseCountingThousand", "%1、", `<w:pStyle w:val="1"/>`),
			lvl(1, 1, "chineseCountingThousand", "（%2）", `<w:pStyle w:val="ListItem"/>`),
		),
		num(5, 3),
	)
	body := styledPara("1", "", "总体要求") +
		styledPara("ListItem", "", "加快发展。") +
		styledPara("ListItem", "", "提升质量。") +
		para("正文段落。") +
		styledPara("1", `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>`, "附件说明") +
		styledPara("1", "", "保障措施") +
		styledPara("1", `<w:numPr><w:ilvl w:val="1"/></w:numPr>`, "加强领导。")
	got := decodeParts(t, map[string]string{
		"word/document.xml":  wordBody(body),
		"word/numbering.xml": numbering,
		"word/styles.xml":    styles,
	})
	checkLines(t, got, []string{
		"一、总体要求",
		"（一）加快发展。",
		"（二）提升质量。",
		"正文段落。",
		"附件说明",
		"二、保障措施",
		"（一）加强领导。",
	})
}

// TestDocxNumberingOverride checks list instances of one abstract list:
// they share its counters, and a w:startOverride restarts the level
// when its instance is first used; a w:lvl in an override replaces the
// level's format.
func TestDocxNumberingOverride(t *testing.T) {
	override := func(ilvl, start int, lvlXML string) string {
		return fmt.Sprintf(`<w:lvlOverride w:ilvl="%d"><w:startOverride w:val="%d"/>%s</w:lvlOverride>`, ilvl, start, lvlXML)
	}
	numbering := numberingXML(
		abstractNum(0, lvl(0, 1, "decimal", "%1.", "")),
		num(1, 0),
		num(2, 0, override(0, 1, "")),
		num(3, 0),
		num(4, 0, override(0, 5, lvl(0, 1, "upperLetter", "%1)", ""))),
		num(6, 0, override(0, 20, "")),
	)
	body := listPara(1, 0, "甲") +
		listPara(1, 0, "乙") +
		listPara(2, 0, "丙") + // restarts
		listPara(2, 0, "丁") +
		listPara(3, 0, "戊") + // continues the shared list
		listPara(4, 0, "己") + // restarts at 5, as a letter
		listPara(1, 0, "庚") + // continues
		listPara(2, 0, "辛") + // used before: no second restart
		listPara(6, 0, "壬")
	got := decodeParts(t, map[string]string{
		"word/document.xml":  wordBody(body),
		"word/numbering.xml": numbering,
	})
	checkLines(t, got, []string{"1.甲", "2.乙", "1.丙", "2.丁", "3.戊", "E)己", "6.庚", "7.辛", "20.壬"})
}

// TestDocxNumberingFormats covers formats Luoshi does not know (decimal),
// a level without a w:numFmt (decimal), bullets and "none" (no number).
func TestDocxNumberingFormats(t *testing.T) {
	numbering := numberingXML(
		abstractNum(0,
			lvl(0, 3, "klingon", "%1.", ""),
			`<w:lvl w:ilvl="1"><w:start w:val="2"/><w:lvlText w:val="%2)"/></w:lvl>`,
			lvl(2, 1, "bullet", "●", ""),
			lvl(3, 1, "none", "附件%4", ""),
			lvl(4, 1, "decimalEnclosedCircle", "%5", ""),
		),
		num(1, 0),
	)
	body := listPara(1, 0, "甲") + listPara(1, 0, "乙") +
		listPara(1, 1, "丙") + listPara(1, 1, "丁") +
		listPara(1, 2, "要点") + listPara(1, 2, "要点") +
		listPara(1, 3, "：清单")
	for i := 0; i < 21; i++ {
		body += listPara(1, 4, "项")
	}
	want := []string{"3.甲", "4.乙", "2)丙", "3)丁", "要点", "要点", "附件：清单"}
	for _, c := range "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳" {
		want = append(want, string(c)+"项")
	}
	want = append(want, "21项")
	got := decodeParts(t, map[string]string{
		"word/document.xml":  wordBody(body),
		"word/numbering.xml": numbering,
	})
	checkLines(t, got, want)
}

// TestDocxNumberingTable numbers the paragraphs of table cells: a column
// of row numbers, empty in the text, holds the numbers Word shows.
func TestDocxNumberingTable(t *testing.T) {
	numbering := numberingXML(abstractNum(0, lvl(0, 1, "decimal", "%1", "")), num(1, 0))
	cell := func(p string) string { return `<w:tc>` + p + `</w:tc>` }
	row := func(task string) string {
		return `<w:tr>` + cell(listPara(1, 0, "")) + cell(para(task)) + `</w:tr>`
	}
	body := `<w:tbl><w:tr>` + cell(para("序号")) + cell(para("任务")) + `</w:tr>` + row("物流") + row("电商") + `</w:tbl>`
	got := decodeParts(t, map[string]string{
		"word/document.xml":  wordBody(body),
		"word/numbering.xml": numbering,
	})
	checkLines(t, got, []string{"序号\t任务", "1\t物流", "2\t电商"})
}

// TestDocxNumberingMissing reads numbered paragraphs without a usable
// numbering part: the text is as before, and there is no error.
func TestDocxNumberingMissing(t *testing.T) {
	body := para("标题") + listPara(1, 0, "总体要求") + listPara(1, 1, "加快发展。")
	want := []string{"标题", "总体要求", "加快发展。"}
	t.Run("no numbering part", func(t *testing.T) {
		checkLines(t, decodeParts(t, map[string]string{"word/document.xml": wordBody(body)}), want)
	})
	t.Run("malformed numbering part", func(t *testing.T) {
		broken := strings.TrimSuffix(planNumbering, "</w:numbering>") + "<w:num"
		checkLines(t, decodeParts(t, map[string]string{"word/document.xml": wordBody(body), "word/numbering.xml": broken}), want)
	})
	t.Run("list not defined", func(t *testing.T) {
		other := numberingXML(abstractNum(0, lvl(0, 1, "decimal", "%1.", "")), num(2, 0))
		checkLines(t, decodeParts(t, map[string]string{"word/document.xml": wordBody(body), "word/numbering.xml": other}), want)
	})
	t.Run("malformed styles part", func(t *testing.T) {
		// The lists are still read; only numbering by style is lost.
		got := decodeParts(t, map[string]string{
			"word/document.xml":  wordBody(body),
			"word/numbering.xml": planNumbering,
			"word/styles.xml":    `<w:styles ` + wordNS + `><w:style>`,
		})
		checkLines(t, got, []string{"标题", "一、总体要求", "（一）加快发展。"})
	})
}

// TestDocxNumberingTooLarge gives a numbering part that inflates past
// the cap on document.xml, its lists after the padding: it is not read,
// and the document still is.
func TestDocxNumberingTooLarge(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	write := func(name string, chunks ...[]byte) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range chunks {
			if _, err := w.Write(c); err != nil {
				t.Fatal(err)
			}
		}
	}
	write(documentPart, []byte(wordBody(listPara(1, 0, "总体要求"))))
	head, tail, _ := strings.Cut(planNumbering, "<w:abstractNum ")
	pad := bytes.Repeat([]byte(" "), maxDocumentXML+1)
	write(numberingPart, []byte(head+"<!--"), pad, []byte("--><w:abstractNum "+tail))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := Decode("plan.docx", buf.Bytes())
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if got != "总体要求" {
		t.Errorf("Decode = %q, want the text without its number", got)
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		format string
		v      int
		want   string
	}{
		{"chineseCounting", 1, "一"},
		{"chineseCounting", 9, "九"},
		{"chineseCounting", 10, "十"},
		{"chineseCounting", 11, "十一"},
		{"chineseCounting", 20, "二十"},
		{"chineseCounting", 21, "二十一"},
		{"chineseCounting", 99, "九十九"},
		{"chineseCounting", 100, "一百"},
		{"chineseCounting", 101, "一百零一"},
		{"chineseCounting", 110, "一百一十"},
		{"chineseCounting", 0, "〇"},
		{"chineseCountingThousand", 1005, "一千零五"},
		{"chineseCountingThousand", 20030, "二万零三十"},
		{"japaneseCounting", 12, "十二"},
		{"chineseLegalSimplified", 13, "壹拾叁"},
		{"ideographTraditional", 3, "丙"},
		{"ideographDigital", 105, "一〇五"},
		{"decimalEnclosedCircle", 1, "①"},
		{"decimalEnclosedCircle", 20, "⑳"},
		{"decimalEnclosedCircle", 21, "21"},
		{"decimalEnclosedParen", 3, "⑶"},
		{"decimalEnclosedFullstop", 2, "⒉"},
		{"decimalFullWidth", 12, "１２"},
		{"decimalZero", 7, "07"},
		{"upperLetter", 1, "A"},
		{"upperLetter", 27, "AA"},
		{"lowerLetter", 28, "bb"},
		{"upperRoman", 14, "XIV"},
		{"lowerRoman", 1999, "mcmxcix"},
		{"none", 3, ""},
		{"decimal", 12, "12"},
		{"cardinalText", 4, "4"},
	}
	for _, tt := range tests {
		if got := formatNumber(tt.v, tt.format); got != tt.want {
			t.Errorf("formatNumber(%d, %s) = %q, want %q", tt.v, tt.format, got, tt.want)
		}
	}
}
