package extract

import (
	"reflect"
	"testing"

	"luoshi/internal/plan"
)

func TestBareDate(t *testing.T) {
	for _, c := range []struct {
		y, md, want string
		ambiguous   bool
	}{
		{"2023", "612", "2023-06-12", false}, // 61-2 is no date
		{"2023", "0612", "2023-06-12", false},
		{"2022", "121", "", true}, // 1-21 or 12-1
		{"2021", "1301", "", false},
		{"2024", "39", "2024-03-09", false},
	} {
		got, amb := bareDate(c.y, c.md)
		if got != c.want || amb != c.ambiguous {
			t.Errorf("bareDate(%s, %s) = %q %v, want %q %v", c.y, c.md, got, amb, c.want, c.ambiguous)
		}
	}
}

func TestDateAt(t *testing.T) {
	for _, c := range []struct {
		s, want   string
		n         int
		ambiguous bool
	}{
		{"2023年3月24日某省质量提升行动方案", "2023-03-24", 10, false},
		{"2023 年 3 月 4 日", "2023-03-04", 14, false},
		{"(2023年5月6日)", "2023-05-06", 11, false},
		{"二〇二一年十二月三十日", "2021-12-30", 11, false},
		{"2023612", "2023-06-12", 7, false},
		{"2022121日", "", 8, true},
		{"2023年3月", "", 0, false},
		{"一、总体要求", "", 0, false},
	} {
		got, n, amb := dateAt([]rune(c.s), 0)
		if got != c.want || n != c.n || amb != c.ambiguous {
			t.Errorf("dateAt(%q) = %q %d %v, want %q %d %v", c.s, got, n, amb, c.want, c.n, c.ambiguous)
		}
	}
}

func TestSignatureGluedToText(t *testing.T) {
	for _, c := range []struct{ text, issuer, date string }{
		// A text run into one line: the signature stands between sentences.
		{"现印发给你们，请认真执行。某市人民政府办公室2023年12月13日为推动服务业发展，制定本方案。", "某市人民政府办公室", "2023-12-13"},
		// The date opens the line that goes on with the plan's heading.
		{"请认真执行。\n某省人民政府办公厅\n2023年3月24日某省质量提升行动方案\n为提升质量，制定本方案。", "某省人民政府办公厅", "2023-03-24"},
		// A site's pinyin glosses do not hide the issuer.
		{"请认真组织实施。\n东陵市人民政府办(bàn)公室\n2023年1月30日\n", "东陵市人民政府办公室", "2023-01-30"},
		// A date cited in a sentence is no signature.
		{"本方案经省人民政府办公厅2023年3月1日起施行。\n一、任务", "", ""},
		{"近年来成效明显。东陵市商务局2023年5月10日组织召开推进会。\n一、任务", "", ""},
		// The heading glued after the date.
		{"请认真执行。东陵市人民政府办公室2024年2月9日东陵市2024年民生工程实施方案", "东陵市人民政府办公室", "2024-02-09"},
	} {
		tx := newText(c.text)
		s := signature(tx, tx.lines(), nil)
		if s.issuer != c.issuer || s.date != c.date {
			t.Errorf("signature(%q) = %q %q, want %q %q", c.text, s.issuer, s.date, c.issuer, c.date)
		}
	}
}

func TestNoticeParts(t *testing.T) {
	for _, c := range []struct {
		title, issuer, inner string
		ok                   bool
	}{
		{"某市人民政府办公室关于印发《某市物流业提升方案》的通知", "某市人民政府办公室", "某市物流业提升方案", true},
		{"某省人民政府办公厅印发关于促进消费若干措施的通知", "某省人民政府办公厅", "关于促进消费若干措施", true},
		{"关于印发2021年重点工作责任分解的通知", "", "2021年重点工作责任分解", true},
		{"某省人民政府关于加快发展现代服务业的意见", "", "", false},
	} {
		issuer, inner, ok := noticeParts(c.title)
		if issuer != c.issuer || inner != c.inner || ok != c.ok {
			t.Errorf("noticeParts(%q) = %q %q %v, want %q %q %v", c.title, issuer, inner, ok, c.issuer, c.inner, c.ok)
		}
	}
}

func TestPrintedTitle(t *testing.T) {
	for _, c := range []struct{ text, title, want string }{
		// Spaced out and broken over lines after the signature.
		{"现将《关于促进科技成果转化的若干措施》印发给你们。\n某省人民政府办公厅\n2022年10月21日\n关于促进科技成果转化的\n若　干　措　施\n为促进…",
			"关于促进科技成果转化的若干措施", "关于促进科技成果转化的若干措施"},
		// Glued to the signature's date, with the range's closing bracket.
		{"现将《某省质量提升行动方案（2023-2027年）》印发给你们。某省人民政府办公厅2023年3月24日某省质量提升行动方案（2023-2027年）为提升质量…",
			"某省质量提升行动方案（2023-2027年）", "某省质量提升行动方案（2023-2027年）"},
		// A place name before the notice's words for the plan.
		{"某自治区人民政府办公厅关于印发促进服务业恢复若干措施的通知\n各盟市：\n内蒙古自治区促进服务业恢复若干措施\n一、…",
			"促进服务业恢复若干措施", "内蒙古自治区促进服务业恢复若干措施"},
		// A notice heading broken inside its 《》 does not print the plan's own heading.
		{"某市人民政府办公室关于印发《\n东陵市物流提升方案》的通知\n各县：\n一、…", "东陵市物流提升方案", ""},
		// Only inside 《》: not printed as a heading.
		{"现将《某市2024年民生工程实施方案》印发给你们，请认真实施。", "某市2024年民生工程实施方案", ""},
	} {
		tx := newText(c.text)
		got, _, _ := printedTitle(tx, foldString(c.title), 0)
		if got != c.want {
			t.Errorf("printedTitle(%q) = %q, want %q", c.title, got, c.want)
		}
	}
}

func TestIssuedTitles(t *testing.T) {
	tx := newText("各市：\n《某市物流方案》《某市会展方案（2023—2025年）》已经市政府同意，现印发给你们，请认真实施。\n附件：1.某市物流方案\n2.某市会展方案\n")
	titles, _ := issuedTitles(tx)
	if want := []string{"某市物流方案", "某市会展方案（2023—2025年）"}; !reflect.DeepEqual(titles, want) {
		t.Errorf("issuedTitles = %q, want %q", titles, want)
	}
	if n := attachmentCount(tx); n != 2 {
		t.Errorf("attachmentCount = %d, want 2", n)
	}
	for text, want := range map[string][]string{
		"为贯彻落实《某省促进消费若干措施》精神，现将《东陵市促消费实施方案》印发给你们。": {"东陵市促消费实施方案"},
		"经市政府同意，现将《A方案》和《B方案》印发给你们。":               {"A方案", "B方案"},
		"《东陵市经济提升方案》《东陵市会展方案》已经市政府同意，现印发给你们。":      {"东陵市经济提升方案", "东陵市会展方案"},
		"根据《某省若干规定》，我们制定了《东陵市实施方案》，现印发给你们。":        {"东陵市实施方案"},
	} {
		if got, _ := issuedTitles(newText(text)); !reflect.DeepEqual(got, want) {
			t.Errorf("issuedTitles(%q) = %q, want %q", text, got, want)
		}
	}
	tx = newText("经市领导同意，现将《某市〈促进消费若干措施〉实施方案》印发给你们。")
	if titles, _ := issuedTitles(tx); !reflect.DeepEqual(titles, []string{"某市〈促进消费若干措施〉实施方案"}) {
		t.Errorf("nested title: %q", titles)
	}
}

func TestIssuerPart(t *testing.T) {
	for _, c := range []struct{ lead, want string }{
		{"“党政信息公开” 中共某区委办公室 某区人民政府办公室", "中共某区委办公室 某区人民政府办公室"},
		{"某市发展和改革委员会 中共某市委社会工作部 某市住房和城乡建设局 ", "某市发展和改革委员会 中共某市委社会工作部 某市住房和城乡建设局"},
		{"国务院", "国务院"},
		{"新闻详情", ""},
	} {
		if got := issuerPart(c.lead); got != c.want {
			t.Errorf("issuerPart(%q) = %q, want %q", c.lead, got, c.want)
		}
	}
}

func TestChooseIssuer(t *testing.T) {
	// A full name beats a short one wherever it stands; among full names
	// the first candidate (the header) wins.
	if got := chooseIssuer("", "市政府办公室", "东陵市人民政府办公室"); got != "东陵市人民政府办公室" {
		t.Errorf("full name: %q", got)
	}
	if got := chooseIssuer("某省人民政府办公厅", "某省发展和改革委员会"); got != "某省人民政府办公厅" {
		t.Errorf("header first: %q", got)
	}
	if got := chooseIssuer("", "市政府办公室", ""); got != "市政府办公室" {
		t.Errorf("short name alone: %q", got)
	}
}

func TestPlaceAtHead(t *testing.T) {
	for _, c := range []struct {
		s, want  string
		district bool
	}{
		{"重庆市某某区人民政府办公室", "重庆市某某区", false},
		{"东陵市南屏区2023年工作方案", "东陵市南屏区", false},
		{"南屏区2023年工作方案", "南屏区", true},
		{"东陵市城市社区嵌入式服务设施建设方案", "东陵市", false},
		{"2021年东陵市服务业发展工作要点", "东陵市", false},
		{"中共东陵市委 东陵市人民政府", "东陵市", false},
		{"推进自贸区建设的实施意见", "", false},
		{"云岭县2024年服务业工作要点", "云岭县", true},
		{"东陵市云岭县2024年服务业工作要点", "东陵市云岭县", false},
		{"湖南省2020年服务业工作要点", "湖南省", false},
	} {
		got, d := placeAtHead(c.s)
		if got != c.want || d != c.district {
			t.Errorf("placeAtHead(%q) = %q %v, want %q %v", c.s, got, d, c.want, c.district)
		}
	}
}

func TestDistrictCity(t *testing.T) {
	tx := newText("为加快东陵市南屏区服务业发展，制定本方案。")
	if got, from := districtCity(tx, "南屏区"); got != "东陵市南屏区" || from != "" {
		t.Errorf("printed city: %q %q", got, from)
	}
	tx = newText("为打响上海服务品牌，推动上海发展，制定本方案。")
	if got, from := districtCity(tx, "南屏区"); got != "上海市南屏区" || from == "" {
		t.Errorf("municipality named: %q %q", got, from)
	}
	tx = newText("为加快服务业发展，对标上海，制定本方案。")
	if got, _ := districtCity(tx, "南屏区"); got != "南屏区" {
		t.Errorf("no city: %q", got)
	}
}

func TestStripGlosses(t *testing.T) {
	for in, want := range map[string]string{
		"某市新旧(jiù)动能转换重点工(gōng)作任务": "某市新旧动能转换重点工作任务",
		"某市行动计划（2023—2025年）":        "某市行动计划（2023—2025年）",
		"某市实施方案(试行)":                "某市实施方案(试行)",
	} {
		if got := stripGlosses(in); got != want {
			t.Errorf("stripGlosses(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLabelsIn(t *testing.T) {
	var got []string
	for _, l := range labelsIn([]rune(foldString("索 引 号: | 主题分类: | 市政府文件 | 发布时间:2023-01-05 时间:x"))) {
		got = append(got, l.label)
	}
	if want := []string{"索引号", "主题分类", "发布时间", "时间"}; !reflect.DeepEqual(got, want) {
		t.Errorf("labels %q, want %q", got, want)
	}
	// A label must be followed by its colon: a sentence is no field.
	if ls := labelsIn([]rune("标题要简明")); len(ls) != 0 {
		t.Errorf("labels in a sentence: %+v", ls)
	}
}

func TestReadFieldsNextLine(t *testing.T) {
	tx := newText("发文机关：\n某省人民政府\n成文日期：\n2019年01月12日\n标　　题：\n某省人民政府关于促进开放的若干意见\n")
	meta := map[int]bool{}
	f := readFields(tx, tx.lines(), meta)
	if f["发文机关"] != "某省人民政府" || f["成文日期"] != "2019年01月12日" || f["标题"] != "某省人民政府关于促进开放的若干意见" {
		t.Errorf("fields %q", f)
	}
	if len(meta) != 6 {
		t.Errorf("meta lines %v, want all six", meta)
	}
	// A label whose line holds another field takes no value from the next line.
	tx = newText("发布日期:2022-04-22 16:05 来源:\n某政办发〔2022〕35号\n")
	f = readFields(tx, tx.lines(), map[int]bool{})
	if _, ok := f["来源"]; ok {
		t.Errorf("来源 took the next line: %q", f)
	}
}

func TestCleanHeading(t *testing.T) {
	for _, c := range []struct{ line, title, docNumber string }{
		{"# 某省人民政府办公厅关于印发《某省行动方案》的通知  某省人民政府门户网站", "某省人民政府办公厅关于印发《某省行动方案》的通知", ""},
		{"某省人民政府关于落实重点工作的意见-某省人民政府门户网站", "某省人民政府关于落实重点工作的意见", ""},
		{"某政发〔2016〕30号 某市人民政府关于促进商贸流通发展的实施意见", "某市人民政府关于促进商贸流通发展的实施意见", "某政发〔2016〕30号"},
		{"某省领导小组关于印发《某省若干措施》的通知各市领导小组办公室：", "某省领导小组关于印发《某省若干措施》的通知", ""},
		{"根据《国务院关于印发某规划的通知》精神，制定本方案", "根据《国务院关于印发某规划的通知》精神，制定本方案", ""},
	} {
		tx := newText(c.line)
		h := cleanHeading(tx, tx.lines()[0])
		if h.src != c.title || h.docNumber != c.docNumber {
			t.Errorf("cleanHeading(%q) = %q %q, want %q %q", c.line, h.src, h.docNumber, c.title, c.docNumber)
		}
	}
}

func TestPlanYearNotFromPostingOrRange(t *testing.T) {
	for _, c := range []struct {
		d           string
		title, date string
		isIssue     bool
		want        int
	}{
		{"range, no number, no date", "某区三年行动计划(2018—2020年)", "", false, 0},
		{"range dated by its number", "某省行动方案（2023—2025年）", "2024-01-05", true, 2023},
		{"posting time only", "某市人民政府关于促进消费的实施意见", "2022-08-15", false, 0},
		{"issued", "某市人民政府关于促进消费的实施意见", "2022-08-15", true, 2022},
	} {
		doc := planDoc(c.title, c.date)
		if c.want == 2023 {
			doc.DocNumber = "某政办发〔2023〕9号"
		}
		if y, _ := planYear(doc, c.isIssue, "", ""); y != c.want {
			t.Errorf("%s: year %d, want %d", c.d, y, c.want)
		}
	}
}

func TestDocumentWarnings(t *testing.T) {
	p, err := Parse("东陵市2023年服务业工作要点\n一、重点任务\n1.发展物流。（市商务局负责）\n")
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, w := range p.Warnings {
		if w.Code != "no_units" {
			codes = append(codes, w.Code)
		}
	}
	if want := []string{"doc_number_missing", "issuer_missing", "date_missing"}; !reflect.DeepEqual(codes, want) {
		t.Errorf("warnings %q, want %q", codes, want)
	}
}

func planDoc(title, date string) plan.Document { return plan.Document{Title: title, Date: date} }

func TestShortNamePlace(t *testing.T) {
	for text, want := range map[string]string{
		"为加快服务业发展，结合青海实际，制定本方案。":      "青海省",
		"东陵市服务业发展较快。为此，结合东陵实际，制定本方案。": "东陵市",
		"为加快服务业发展，结合我省实际，制定本方案。":      "",
		"为加快服务业发展，结合工作实际，制定本方案。":      "",
	} {
		if got := shortNamePlace(newText(text)); got != want {
			t.Errorf("shortNamePlace(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestIsBreadcrumb(t *testing.T) {
	for fs, want := range map[string]bool{
		">> 专题专栏 >> 归档专题 >> 2023重点工作": true,
		"首页 > 政务公开 > 通知":              true,
		"首页 | 政策库 | 通知":               true,
		"中共东陵市委 东陵市人民政府关于加快发展的实施意见":   false,
		"东陵市2022年服务业发展工作要点":           false,
	} {
		if got := isBreadcrumb(fs); got != want {
			t.Errorf("isBreadcrumb(%q) = %v, want %v", fs, got, want)
		}
	}
}

// Lines are searched for labels at the runes of metaLabelStartRunes,
// and there for the labels that start with the rune: every label is found.
func TestEveryMetaLabelStartsWithAMetaLabelStart(t *testing.T) {
	for _, l := range metaLabels {
		if !metaLabelStartRunes.mayHold([]rune(l)[0]) {
			t.Errorf("label %q does not start with a rune of metaLabelStartRunes", l)
		}
		for _, line := range []string{l + ":2023年", "[" + l + "]2023年", "日 " + l + " | 2023年"} {
			if got := labelsIn([]rune(line)); len(got) != 1 || got[0].label != l {
				t.Errorf("labelsIn(%q) = %+v, want the label %q", line, got, l)
			}
		}
	}
}

func TestDocNumberForms(t *testing.T) {
	for s, want := range map[string]string{
		"东政办发〔2023〕12号":   "东政办发〔2023〕12号",
		"东政 [2021] 7号":    "东政 [2021] 7号",
		"（东政办秘〔2021〕82号）": "东政办秘〔2021〕82号",
		"东政办字〔2022〕第9号":   "东政办字〔2022〕第9号",
		"2023年工作要点":       "",
	} {
		if got := firstMatch(reDocNumber, s); got != want {
			t.Errorf("doc number in %q = %q, want %q", s, got, want)
		}
	}
}

func TestPostingTimeInAClutterLine(t *testing.T) {
	p, err := Parse("新闻详情\n东陵市2023年服务业工作要点\n2023-02-09 10:00 来源：东陵日报\n一、重点任务\n1.发展物流。（市商务局负责）\n")
	if err != nil {
		t.Fatal(err)
	}
	if p.Document.Date != "2023-02-09" || p.Document.Year != 2023 {
		t.Errorf("document %+v", p.Document)
	}
}

func TestIssuerFromSiteSource(t *testing.T) {
	p, err := Parse("东陵市政府工作报告重点工作责任分解(2023年)\n时间:2023-07-11 17:01 浏览次数: 信息来源: 东陵市政府\n一、重点工作\n1.发展物流。\n责任单位:市商务局\n")
	if err != nil {
		t.Fatal(err)
	}
	d := p.Document
	if d.Issuer != "东陵市政府" || d.Date != "2023-07-11" || d.Year != 2023 || d.Region != "东陵市" {
		t.Errorf("document %+v", d)
	}
	var codes []string
	for _, w := range p.Warnings {
		if w.Code != "no_units" && w.Code != "unknown_unit" {
			codes = append(codes, w.Code)
		}
	}
	if want := []string{"doc_number_missing", "issuer_inferred", "date_inferred"}; !reflect.DeepEqual(codes, want) {
		t.Errorf("warnings %q, want %q", codes, want)
	}
}

func TestHeadingAfterSignature(t *testing.T) {
	p, err := Parse("各县（市、区）人民政府：\n现将本方案印发给你们，请认真组织实施。\n东陵市人民政府办公室\n2023年5月8日\n（此件公开发布）\n东陵市家政服务业\n提质扩容实施方案\n为推动家政服务业发展，制定本方案。\n一、重点任务\n1.培育企业。（市商务局负责）\n")
	if err != nil {
		t.Fatal(err)
	}
	if d := p.Document; d.Title != "东陵市家政服务业提质扩容实施方案" || d.Issuer != "东陵市人民政府办公室" || d.Date != "2023-05-08" {
		t.Errorf("document %+v", d)
	}
}

func TestHasGenre(t *testing.T) {
	for fs, want := range map[string]bool{
		"东陵市2023年服务业发展工作要点":          true,
		"东陵市现代服务业三年行动计划(2023—2025年)": true,
		"东陵市家政服务业发展实施方案(试行)":         true,
		"市政府工作报告重点工作责任分解(2023年)":     true,
		"市政府2020年重点工作(预下达)一季度进展情况表":  true,
		"东陵市人民政府办公室":                 false,
		"(2023—2025年)":               false,
		"各县(市、区)人民政府":                false,
	} {
		if got := hasGenre(fs); got != want {
			t.Errorf("hasGenre(%q) = %v, want %v", fs, got, want)
		}
	}
}

func TestNoticeHeadingBrokenAfterYinfa(t *testing.T) {
	p, err := Parse("东陵市人民政府办公室关于印发\n东陵市会展业提升行动方案的通知\n东政办发〔2024〕3号\n各县（市、区）人民政府：\n现将《东陵市会展业提升行动方案》印发给你们。\n东陵市人民政府办公室\n2024年1月9日\n东陵市会展业提升行动方案\n一、重点任务\n1.培育会展品牌。（市商务局负责）\n")
	if err != nil {
		t.Fatal(err)
	}
	if d := p.Document; d.Title != "东陵市会展业提升行动方案" || d.Issuer != "东陵市人民政府办公室" || d.DocNumber != "东政办发〔2024〕3号" {
		t.Errorf("document %+v", d)
	}
	// The notice's heading is not a task or a heading of the plan.
	for _, h := range p.Headings {
		if h.Title == "东陵市会展业提升行动方案的通知" {
			t.Errorf("notice heading read as a heading of the plan: %+v", h)
		}
	}
}

func TestReportedTitle(t *testing.T) {
	for lead, want := range map[string]string{
		"本网讯 近日，省政府办公厅印发《东陵省2023年服务业发展工作要点》（以下简称《要点》）。": "东陵省2023年服务业发展工作要点",
		"日前，市政府出台《东陵市促进消费若干措施》，提出十项举措。":                 "东陵市促进消费若干措施",
		"为贯彻落实《国务院关于加快发展服务业的若干意见》，制定本方案。":               "",
		"近日，省政府印发《关于做好春节期间工作的通知》。":                      "",
	} {
		f := []rune(foldString(lead))
		a, b := reportedTitle(f)
		if got := string([]rune(lead)[a:b]); got != want {
			t.Errorf("reportedTitle(%q) = %q, want %q", lead, got, want)
		}
	}
}

func TestReportedTitleAsPrinted(t *testing.T) {
	p, err := Parse("近日，东陵市政府办公室印发《东陵市２０２３年服务业工作要点》，提出以下任务。\n一、重点任务\n1.发展物流。（市商务局负责）\n")
	if err != nil {
		t.Fatal(err)
	}
	if d := p.Document; d.Title != "东陵市２０２３年服务业工作要点" || d.Year != 2023 || d.Issuer != "东陵市政府办公室" {
		t.Errorf("document %+v", d)
	}
}
