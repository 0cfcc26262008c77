package extract

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"luoshi/internal/plan"
)

// TestResponsibilityLayouts reads the less common ways plans name units:
// labelled lines, brackets of every style, role words and notes.
func TestResponsibilityLayouts(t *testing.T) {
	cases := []struct {
		name, item string
		lead, coop []string
	}{
		{"部门分工 line", "1.推进物流降本。\n部门分工：市商贸局牵头，市农牧局、市财金局配合。", []string{"市商贸局"}, []string{"市农牧局", "市财金局"}},
		{"牵头单位 line", "1.推进物流降本。\n牵头单位：市商贸局", []string{"市商贸局"}, nil},
		{"牵头考核单位 after a deadline", "1.推进物流降本。（6月底前完成，牵头考核单位：市商贸局）", []string{"市商贸局"}, nil},
		{"tortoise-shell brackets", "1.推进物流降本。〔牵头单位：市商贸局；配合单位：市农牧局〕", []string{"市商贸局"}, []string{"市农牧局"}},
		{"square brackets", "1.推进物流降本。[牵头单位:市商贸局;责任单位:市农牧局、市财金局]", []string{"市商贸局"}, []string{"市农牧局", "市财金局"}},
		{"mixed pair", "1.推进物流降本。(市商贸局牵头，市农牧局配合）", []string{"市商贸局"}, []string{"市农牧局"}},
		{"按职责分工负责，X落实", "1.推进物流降本。（市商贸局、市农牧局按职责分工负责，各区县政府落实）", []string{"市商贸局", "市农牧局"}, []string{"各区县政府"}},
		{"参加", "1.推进物流降本。（市商贸局牵头，市农牧局参加）", []string{"市商贸局"}, []string{"市农牧局"}},
		{"按职责分工 is not a name", "1.推进物流降本。（市商贸局牵头，市有关部门按职责分工）", []string{"市商贸局"}, []string{"市有关部门"}},
		{"专班 among units", "1.推进物流降本。（市商贸局、市物流业专班负责）", []string{"市商贸局", "市物流业专班"}, nil},
		{"note adds no unit", "1.推进物流降本。（责任单位：市商贸局、市农牧局，以下均含市农牧局，不再单独列出）", []string{"市商贸局", "市农牧局"}, nil},
		{"includes note names units here", "1.推进物流降本。（责任单位：市商贸局，以下均含市农牧局、市财金局，不再单独列出）", []string{"市商贸局", "市农牧局", "市财金局"}, nil},
		{"every item note", "1.推进物流降本。（市商贸局牵头，各区县政府参与全部任务，不再列出）", []string{"市商贸局"}, nil},
		{"collective with bracket", "1.推进物流降本。（责任单位：市商贸局、各县(市、区)政府）", []string{"市商贸局", "各县(市、区)政府"}, nil},
		{"工作组 under a unit label", "1.推进物流降本。（责任单位：市物流降本工作组）", []string{"市物流降本工作组"}, nil},
		{"下同 inside a name", "1.推进物流降本。（牵头单位：市商贸局；责任单位：各县政府（含甲县、乙县政府，下同））", []string{"市商贸局"}, []string{"各县政府（含甲县、乙县政府，下同）"}},
		{"short name note after a name", "1.推进物流降本。（牵头单位：市商贸局；责任单位：各县政府（以下简称“各县”））", []string{"市商贸局"}, []string{"各县政府"}},
		{"负责单位 label", "1.推进物流降本。（负责单位：市商贸局；参与部门：市农牧局）", []string{"市商贸局"}, []string{"市农牧局"}},
		{"A为牵头单位", "1.推进物流降本。（市商贸局为牵头单位，市农牧局为配合单位）", []string{"市商贸局"}, []string{"市农牧局"}},
		{"label above its names", "1.推进物流降本。\n责任单位：\n市商贸局、市农牧局", []string{"市商贸局", "市农牧局"}, nil},
		{"manner words", "1.推进物流降本。（市商贸局牵头，市直有关部门按职责分工抓好落实）", []string{"市商贸局"}, []string{"市直有关部门"}},
		{"依职责负责", "1.推进物流降本。（市商贸局、市农牧局依职责负责）", []string{"市商贸局", "市农牧局"}, nil},
		{"groups joined by 、", "1.推进物流降本。（市商贸局牵头、市农牧局配合）", []string{"市商贸局"}, []string{"市农牧局"}},
		{"labels in brackets", "1.推进物流降本。\n【牵头单位】市商贸局【配合单位】市农牧局、市财金局", []string{"市商贸局"}, []string{"市农牧局", "市财金局"}},
		{"labels in brackets on the item's line", "1.推进物流降本。【责任单位】市商贸局、市农牧局", []string{"市商贸局", "市农牧局"}, nil},
		{"leader line is not text", "1.推进物流降本。\n分管市领导：王某某\n责任单位：市商贸局", []string{"市商贸局"}, nil},
		{"trailing 等", "1.推进物流降本。（市商贸局、市农牧局等负责）", []string{"市商贸局", "市农牧局"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			task := onlyTask(t, tc.item)
			if !reflect.DeepEqual(nonNil(task.Lead), nonNil(tc.lead)) || !reflect.DeepEqual(nonNil(task.Cooperating), nonNil(tc.coop)) {
				t.Errorf("lead %q cooperating %q, want %q %q", task.Lead, task.Cooperating, tc.lead, tc.coop)
			}
			if task.Text != "推进物流降本。" {
				t.Errorf("text %q", task.Text)
			}
		})
	}
}

// TestConfidence marks low, with a warning, each task whose units were
// not read with certainty.
func TestConfidence(t *testing.T) {
	p, err := Parse("1.甲。（市商贸局、市农牧局负责，排在第一位的部门为牵头部门，下同）\n" +
		"2.乙。（市商贸局、市财金局负责）\n" +
		"3.丙。（牵头单位：市商贸局、王小明）\n" +
		"4.丁。\n" +
		"5.戊。（市商贸局负责）\n" +
		"6.己。（市商贸局牵头，市农牧局、市")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"1": "high", "2": "low", "3": "low", "4": "low", "5": "high", "6": "low"}
	warned := map[string]bool{}
	for _, w := range p.Warnings {
		warned[w.Task] = true
	}
	for _, task := range p.Tasks {
		if task.Confidence != want[task.Label] {
			t.Errorf("task %s: confidence %q, want %q", task.Label, task.Confidence, want[task.Label])
		}
		if task.Confidence == "low" && !warned[task.Label] {
			t.Errorf("task %s is low without a warning", task.Label)
		}
	}
	if len(p.Tasks) != len(want) {
		t.Errorf("%d tasks, want %d", len(p.Tasks), len(want))
	}
	b, err := json.Marshal(p.Tasks[0])
	if err != nil || !strings.Contains(string(b), `"confidence":"high"`) {
		t.Errorf("JSON %s, %v: no confidence", b, err)
	}
}

// TestFirstListedNotes reads the note that the first unit listed leads
// where plans print it: on a heading, in a paragraph, in a footnote.
func TestFirstListedNotes(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"paragraph before the items", "各项任务中，排在第一位的为牵头单位，其他为配合单位。\n一、重点任务\n1.甲。（市交通局、市商务局负责）\n2.乙。（市财政局、市统计局负责）",
			[]string{"1:[市交通局]/[市商务局]", "2:[市财政局]/[市统计局]"}},
		{"footnote", "一、重点任务\n1.甲。（市交通局、市商务局负责）\n2.乙。（市财政局、市统计局负责）\n注：列第一位的为牵头单位。",
			[]string{"1:[市交通局]/[市商务局]", "2:[市财政局]/[市统计局]"}},
		{"on the heading", "一、重点任务（各项任务列第一位者为牵头单位）\n1.甲。（市交通局、市商务局负责）\n2.乙。（市财政局、市统计局负责）",
			[]string{"1:[市交通局]/[市商务局]", "2:[市财政局]/[市统计局]"}},
		{"no note", "一、重点任务\n1.甲。（市交通局、市商务局负责）\n2.乙。（市财政局、市统计局负责）",
			[]string{"1:[市交通局 市商务局]/[]", "2:[市财政局 市统计局]/[]"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := rolesOf(t, tc.text); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestLabelWordInText keeps a bracketed label inside a sentence from
// turning the rest of the paragraph into names.
func TestLabelWordInText(t *testing.T) {
	p, err := Parse("1.推进物流降本，明确各单位（牵头单位）职责。（市商贸局负责）")
	if err != nil {
		t.Fatal(err)
	}
	if task := p.Tasks[0]; !reflect.DeepEqual(task.Lead, []string{"市商贸局"}) || len(task.Cooperating) != 0 {
		t.Errorf("lead %q cooperating %q, want [市商贸局] []", task.Lead, task.Cooperating)
	}
}

// rolesOf parses text and gives each task as "label:[leads]/[cooperating]".
func rolesOf(t *testing.T, text string) []string {
	t.Helper()
	p, err := Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, task := range p.Tasks {
		got = append(got, fmt.Sprintf("%s:%v/%v", task.Label, task.Lead, nonNil(task.Cooperating)))
	}
	return got
}

// onlyTask parses a text that must hold one task and returns it.
func onlyTask(t *testing.T, text string) plan.Task {
	t.Helper()
	p, err := Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Tasks) != 1 {
		t.Fatalf("%d tasks", len(p.Tasks))
	}
	return p.Tasks[0]
}

// A unit's other name in brackets, full-width or not, is set aside.
func TestLooksLikeUnitWithOtherName(t *testing.T) {
	for _, s := range []string{"省委宣传部（省新闻出版局）", "省委宣传部(省新闻出版局)", "市委网信办（市互联网信息办公室）"} {
		if !looksLikeUnit(s) {
			t.Errorf("looksLikeUnit(%q) = false", s)
		}
	}
	if looksLikeUnit("推进服务业（试行）") {
		t.Error("a phrase with a bracket reads as a unit")
	}
}
