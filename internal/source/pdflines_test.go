package source

import (
	"strings"
	"testing"

	"github.com/klippa-app/go-pdfium/responses"
)

// Test pages are written as lines of text in a small notation: a line
// that starts with ">" has a first-line indent of two characters, and a
// line that ends with "|" runs to the right edge of the text; any other
// line stops where its characters do. "^" and "_" put a line in the top
// or bottom margin, as a running header or a page number sits.
const (
	testEm    = 16.0
	testLeft  = 72.0
	testRight = testLeft + 30*testEm
)

func testPage(specs ...string) pdfPage {
	var p pdfPage
	y := 100.0
	for _, s := range specs {
		l := pdfLine{left: testLeft, right: 0}
		top := y
		switch {
		case strings.HasPrefix(s, "^"):
			s, top = s[1:], 20
		case strings.HasPrefix(s, "_"):
			s, top = s[1:], 800
		default:
			y += 1.5 * testEm
		}
		if strings.HasPrefix(s, ">") {
			s = s[1:]
			l.left += 2 * testEm
		}
		if strings.HasSuffix(s, "|") {
			s = s[:len(s)-1]
			l.right = testRight
		} else {
			l.right = min(testRight-3*testEm, l.left+float64(len([]rune(s)))*testEm)
		}
		l.text, l.top, l.bottom = s, top, top+testEm
		p = append(p, l)
	}
	return p
}

// tableRows is n rows of a three-column table that runs past the right
// edge of the text.
func tableRows(n int) pdfPage {
	var p pdfPage
	for i := range n {
		y := 400 + 30*float64(i)
		p = append(p,
			pdfLine{text: "1", left: 50, right: 58, top: y, bottom: y + testEm},
			pdfLine{text: "建设便民生活圈", left: 120, right: 232, top: y, bottom: y + testEm},
			pdfLine{text: "市商务局", left: 540, right: 604, top: y, bottom: y + testEm},
		)
	}
	return p
}

func TestPDFText(t *testing.T) {
	tests := []struct {
		name  string
		pages []pdfPage
		want  string
	}{
		{
			name: "indented paragraphs join over sentence ends and page breaks",
			pages: []pdfPage{
				testPage(
					"^云溪市人民政府办公室文件",
					"关于推进社区服务的工作方案",
					">为推动社区服务扩面提质，|",
					"结合本市实际，制定本方案。|",
					"现将有关事项通知如下。",
					">一、工作目标",
					">到2025年底，社区服务网点覆盖率|",
					"_— 1 —",
				),
				testPage(
					"^云溪市人民政府办公室文件",
					"达到95%。",
					">（一）完善养老服务。新增养老服务站|",
					"20个。（牵头单位：市民政局；配合单|",
					"位：市财政局）",
					"_— 2 —",
				),
			},
			want: "关于推进社区服务的工作方案\n" +
				"为推动社区服务扩面提质，结合本市实际，制定本方案。现将有关事项通知如下。\n" +
				"一、工作目标\n" +
				"到2025年底，社区服务网点覆盖率达到95%。\n" +
				"（一）完善养老服务。新增养老服务站20个。（牵头单位：市民政局；配合单位：市财政局）",
		},
		{
			name: "flush paragraphs end at sentence ends and before labels",
			pages: []pdfPage{
				testPage(
					"二、重点任务",
					"为做好家政服务工作，现提出如下措施：|",
					"1.推进家政服务提质扩容，实施技能提升|",
					"行动，全年培训8000人次。|",
					"2.建设便民生活圈，年内建成示范生活圈|",
					"1.5万平方米以上的社区综合体3个；|",
					"（1）新建菜市场2个。|",
					"各区县要结合实际抓好落实，确保实效。|",
					"本方案由市商务局负责解释。",
					"第三条 本方案自印发之日起施行。",
				),
			},
			want: "二、重点任务\n" +
				"为做好家政服务工作，现提出如下措施：\n" +
				"1.推进家政服务提质扩容，实施技能提升行动，全年培训8000人次。\n" +
				"2.建设便民生活圈，年内建成示范生活圈1.5万平方米以上的社区综合体3个；\n" +
				"（1）新建菜市场2个。\n" +
				"各区县要结合实际抓好落实，确保实效。\n" +
				"本方案由市商务局负责解释。\n" +
				"第三条 本方案自印发之日起施行。",
		},
		{
			name: "page numbers of every form are dropped, a title on one page is kept",
			pages: []pdfPage{
				testPage("^2025年工作要点", "第一页的正文，一行写满|", "接着写完。", "_第 1 页 共 4 页"),
				testPage("^- 2 -", "第二页的正文，一行写满|", "第二行写满|", "接着写完。", "_云溪市发展改革委"),
				testPage("第三页的正文，一行写满|", "第二行写满|", "第三行写满|", "第四行写满|", "接着写完。", "_3/4"),
				testPage("^Page 4 of 4", "第四页的正文，一行写满|", "第二行写满|", "第三行写满|", "接着写完。", "_4"),
			},
			want: "2025年工作要点\n第一页的正文，一行写满接着写完。\n第二页的正文，一行写满第二行写满接着写完。\n云溪市发展改革委\n" +
				"第三页的正文，一行写满第二行写满第三行写满第四行写满接着写完。\n第四页的正文，一行写满第二行写满第三行写满接着写完。",
		},
		{
			name: "a running footer with its page number goes, body lines repeated mid-page stay",
			pages: []pdfPage{
				testPage("正文一，一行写满|", "接着写完。", "责任单位：市商务局", "正文二。", "_云溪市人民政府公报 第1页"),
				testPage("正文三，一行写满|", "接着写完。", "责任单位：市商务局", "正文四。", "_云溪市人民政府公报 第2页"),
				testPage("正文五，一行写满|", "接着写完。", "责任单位：市商务局", "正文六。", "_云溪市人民政府公报 第3页"),
			},
			want: "正文一，一行写满接着写完。\n责任单位：市商务局\n正文二。\n正文三，一行写满接着写完。\n责任单位：市商务局\n正文四。\n" +
				"正文五，一行写满接着写完。\n责任单位：市商务局\n正文六。",
		},
		{
			name: "rows of a table wider than the text do not move the edges",
			pages: []pdfPage{
				append(testPage(
					">各牵头单位要按照下表分工抓好落实，|",
					"每季度末报送工作进展。",
				), tableRows(8)...),
			},
			want: "各牵头单位要按照下表分工抓好落实，每季度末报送工作进展。\n" + strings.Repeat("1\t建设便民生活圈\t市商务局\n", 7) + "1\t建设便民生活圈\t市商务局",
		},
		{
			name: "Latin words keep a space across a line break, Chinese characters none",
			pages: []pdfPage{
				testPage("推进5G基站和IPv6网络建设，发展new|", "retail业态，建设智慧|", "商圈。"),
			},
			want: "推进5G基站和IPv6网络建设，发展new retail业态，建设智慧商圈。",
		},
		{
			name: "spaces of a justified line go, those between Latin words and after an article number stay",
			pages: []pdfPage{
				testPage("第十二条 加强个人 信 息 保 护 , 创建模范县 ( 市、区 )10 个 ,|", "推广 APP 和 new retail 模式。"),
			},
			want: "第十二条 加强个人信息保护,创建模范县(市、区)10个,推广 APP 和 new retail 模式。",
		},
		{
			name: "Kangxi radicals read as the characters they look like",
			pages: []pdfPage{
				testPage("⼀、⼯作⽬标"),
			},
			want: "一、工作目标",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := pdfText(tt.pages)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestPDFTextRows(t *testing.T) {
	// Cells of a table row come as separate runs on one row; a run split
	// by a change of font is one text again.
	p := pdfPage{
		{text: "市商务局", left: 300, right: 364, top: 100, bottom: 116},
		{text: "1", left: 72, right: 80, top: 100, bottom: 116},
		{text: "建设便民生活圈", left: 120, right: 232, top: 101, bottom: 117},
		{text: "一、", left: 72, right: 104, top: 140, bottom: 156},
		{text: "保障措施", left: 104, right: 168, top: 140, bottom: 156},
	}
	got, err := pdfText([]pdfPage{p})
	if err != nil {
		t.Fatal(err)
	}
	if want := "1\t建设便民生活圈\t市商务局\n一、保障措施"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestPDFTextEmpty(t *testing.T) {
	for name, pages := range map[string][]pdfPage{
		"no page":                   nil,
		"pages of nothing":          {{}, {{text: "  "}}},
		"only page numbers":         {testPage("_— 1 —"), testPage("_— 2 —")},
		"glyphs without characters": {testPage("\ue001\ue002\ue003、\ue004\ue005", "\ufffd\ufffd\ufffd\ufffd。", "_— 1 —")},
	} {
		if _, err := pdfText(pages); err != ErrPDFNoText {
			t.Errorf("%s: error %v, want %v", name, err, ErrPDFNoText)
		}
	}
}

func TestCharLines(t *testing.T) {
	// Characters as PDFium gives them, y growing up the page: a line
	// that ends with a hyphen (U+0002) and has no CR LF after it.
	var chars []*responses.GetPageTextStructuredChar
	add := func(s string, x, y float64) {
		for _, r := range s {
			chars = append(chars, &responses.GetPageTextStructuredChar{Text: string(r),
				PointPosition: responses.CharPosition{Left: x, Right: x + 14, Top: y + 14, Bottom: y}})
			x += 16
		}
	}
	add("培育众创空间-孵化器\x02", 72, 700)
	add("加速器生态。", 72, 676)
	chars = append(chars, &responses.GetPageTextStructuredChar{Text: "\r"}, &responses.GetPageTextStructuredChar{Text: "\n"})
	add("二、保障措施", 104, 652)
	page := charLines(chars)
	var got []string
	for _, l := range page {
		got = append(got, l.text)
		if l.bottom-l.top != 14 {
			t.Errorf("line %q is %g high, want 14", l.text, l.bottom-l.top)
		}
	}
	if want := "培育众创空间-孵化器\x02|加速器生态。|二、保障措施"; strings.Join(got, "|") != want {
		t.Errorf("lines %q, want %q", strings.Join(got, "|"), want)
	}
	text, err := pdfText([]pdfPage{page})
	if err != nil {
		t.Fatal(err)
	}
	if want := "培育众创空间-孵化器-加速器生态。\n二、保障措施"; text != want {
		t.Errorf("text %q, want %q", text, want)
	}
}
