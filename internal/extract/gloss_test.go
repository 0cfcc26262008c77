package extract

import (
	"strings"
	"testing"
)

func TestGlossesIn(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"新舊(jiù)動能", "新舊動能"},
		{"一(yī)、實施", "一、實施"},
		{"藍（lán）谷管理局", "藍谷管理局"},
		{"重點工(gōng)作,長(Zhǎng)江", "重點工作,長江"},
		{"女(nǚ)性", "女性"},
		{"结尾(wěi)", "结尾"},
		{"阿(ā)", "阿"},
		// real parentheses stay: an abbreviation, a note, years, a
		// letter without a tone mark, a word too long for a syllable,
		// a gloss-like text after a digit
		{"信息通信技术(ICT)服务", ""},
		{"办法(试行)", ""},
		{"行动计划(2021-2023年)", ""},
		{"第(a)项,面积(km)", ""},
		{"说明(zhuànzhuàng)", ""},
		{"5G(yī)", ""},
		{"未闭合(yī", ""},
	} {
		want := c.want
		if want == "" {
			want = c.in
		}
		if got := string(withoutGlosses([]rune(c.in), nil)); got != want {
			t.Errorf("withoutGlosses(%q) = %q, want %q", c.in, got, want)
		}
	}
}

// A plan whose site glossed characters reads as if it had no glosses:
// labels, role labels and unit names. Task text keeps them as printed,
// and spans index the text without them.
func TestParseGlossed(t *testing.T) {
	src := "南溪县2023年重点工(gōng)作任务\n" +
		"一(yī)、提升生活性服务业\n" +
		"1.建设便民生活圈。扶持发(fā)展社区养老机构。(牵(qiān)头单位:县发(fā)展和改革局,参与单位:南溪长(zhǎng)江港务公司)\n" +
		"2.发展现代物流。推进物流(ICT)平台建设。(牵头单位:县商务局)\n"
	p, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	if p.Document.Title != "南溪县2023年重点工作任务" {
		t.Errorf("title = %q", p.Document.Title)
	}
	if strings.Contains(p.Source, "(gōng)") || !strings.Contains(p.Source, "(ICT)") {
		t.Errorf("source = %q", p.Source)
	}
	if len(p.Tasks) != 2 {
		t.Fatalf("%d tasks", len(p.Tasks))
	}
	t1 := p.Tasks[0]
	if got := strings.Join(t1.Path, "/"); got != "一/1" {
		t.Errorf("path = %q", got)
	}
	if t1.Text != "建设便民生活圈。扶持发(fā)展社区养老机构。" {
		t.Errorf("text = %q", t1.Text)
	}
	if strings.Join(t1.Lead, ",") != "县发展和改革局" || strings.Join(t1.Cooperating, ",") != "南溪长江港务公司" {
		t.Errorf("lead %q cooperating %q", t1.Lead, t1.Cooperating)
	}
	if p.Tasks[1].Text != "发展现代物流。推进物流(ICT)平台建设。" {
		t.Errorf("text = %q", p.Tasks[1].Text)
	}
	rs := []rune(p.Source)
	for _, task := range p.Tasks {
		for _, u := range task.Units {
			if got := string(rs[u.Start:u.End]); got != u.Name {
				t.Errorf("mention %q spans %q", u.Name, got)
			}
		}
	}
}

// A plan without glosses keeps its source as given.
func TestParseWithoutGlossesKeepsSource(t *testing.T) {
	src := "江州市2024年工作要点\n一、提升服务(ICT)\n1.建设平台。(牵头单位:市商务局)\n"
	p, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	if p.Source != src {
		t.Errorf("source changed: %q", p.Source)
	}
}
