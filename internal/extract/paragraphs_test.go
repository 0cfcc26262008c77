package extract

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"luoshi/internal/plan"
)

// TestSplitJoined cuts lines whose paragraphs were joined, and leaves
// numbers in running text alone.
func TestSplitJoined(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want []string
	}{
		{"items after sentences and parentheses",
			"（一）扩大消费。1.发展夜间经济。（甲局负责）2.培育商圈。乙局负责。3.办好展会。",
			[]string{"（一）扩大消费。", "1.发展夜间经济。（甲局负责）", "2.培育商圈。乙局负责。", "3.办好展会。"}},
		{"heading glued to its first item",
			"二、主要任务（一）扩大消费。（二）提升服务。三、保障措施（一）加强领导。",
			[]string{"二、主要任务", "（一）扩大消费。", "（二）提升服务。", "三、保障措施", "（一）加强领导。"}},
		{"item glued to its heading's title",
			"（一）完善冷链设施1.建设冷链基地。2.改造冷库。（二）推进5G应用1.建设5G基站。（三）建设12个站点2.建成。",
			[]string{"（一）完善冷链设施", "1.建设冷链基地。", "2.改造冷库。", "（二）推进5G应用", "1.建设5G基站。", "（三）建设12个站点", "2.建成。"}},
		{"misnumbered items",
			"（一）金融。1.甲。2.乙。4.丙。（二）物流5.丁。5.戊。（三）商贸。8.己。9.庚。",
			[]string{"（一）金融。", "1.甲。", "2.乙。", "4.丙。", "（二）物流", "5.丁。", "5.戊。", "（三）商贸。", "8.己。", "9.庚。"}},
		{"items after titles without a stop",
			"着力推进改革1.编制发展规划立足新形势谋划重点方向。2.完善消费机制探索扩大消费的体制3.健全统计制度第4.5项另行规定",
			[]string{"着力推进改革", "1.编制发展规划立足新形势谋划重点方向。", "2.完善消费机制探索扩大消费的体制", "3.健全统计制度第4.5项另行规定"}},
		{"a number after a word is a label only where it goes on",
			"（一）甲。1.乙。（二）丙。戊己2.庚。1.执行细则第2、款要求。2.提升。",
			[]string{"（一）甲。", "1.乙。", "（二）丙。戊己2.庚。", "1.执行细则第2、款要求。", "2.提升。"}},
		{"unit and leader labels glued to the item",
			"1.扩大就业。牵头市领导：王五责任单位：市人社局、市财政局2.稳定物价。（牵头单位：市发改委；配合单位：市统计局）3.保障供应。 配合单位：市商务局",
			[]string{"1.扩大就业。", "牵头市领导：王五", "责任单位：市人社局、市财政局", "2.稳定物价。（牵头单位：市发改委；配合单位：市统计局）", "3.保障供应。", "配合单位：市商务局"}},
		{"a section after a unit list without a stop",
			"一、目标。1.甲。责任单位：市发改委分别牵头二、重点抓好三方面工作。保持统一、规范。",
			[]string{"一、目标。", "1.甲。", "责任单位：市发改委分别牵头", "二、重点抓好三方面工作。保持统一、规范。"}},
		{"a box and an annex after a sentence",
			"1.建设基地。专栏1 重点工程建成中心30个。附件省冷链工作专班名单组长：王五。关于附件的说明。",
			[]string{"1.建设基地。", "专栏1 重点工程建成中心30个。", "附件", "省冷链工作专班名单组长：王五。关于附件的说明。"}},
		{"chapters and sections glued to their titles",
			"某省现代服务业发展规划第一章发展基础“十三五”时期增长较快。第二章主要任务第一节现代物流一、建设物流枢纽。二、发展冷链物流。第二节推进统一、规范的市场建设。详见第三章第五节。",
			[]string{"某省现代服务业发展规划", "第一章发展基础", "“十三五”时期增长较快。", "第二章主要任务", "第一节现代物流", "一、建设物流枢纽。", "二、发展冷链物流。",
				"第二节推进统一、规范的市场建设。详见第三章第五节。"}},
		{"sub-items after an item's title, points inside its text",
			"1.扩大养老供给（1）建设社区机构。（牵头单位：甲局）（2）发展互助养老。2.提升家政质量。（1）开展培训；（2）规范市场。3.推动商贸提质①建设街区。②举办展会。③完善网点④，方便群众。",
			[]string{"1.扩大养老供给", "（1）建设社区机构。（牵头单位：甲局）", "（2）发展互助养老。", "2.提升家政质量。（1）开展培训；（2）规范市场。",
				"3.推动商贸提质", "①建设街区。", "②举办展会。", "③完善网点④，方便群众。"}},
		{"label glued to a year",
			"1.完善设施。2.2026年起实行新标准。",
			[]string{"1.完善设施。", "2.2026年起实行新标准。"}},
		{"numbers in running text",
			"1.扩大规模。1.5万人次参加培训。三、四线城市全覆盖。2、3号线同步建设。2.提升质量。",
			[]string{"1.扩大规模。1.5万人次参加培训。三、四线城市全覆盖。2、3号线同步建设。", "2.提升质量。"}},
		{"a number out of sequence is text",
			"1.建设基地。5.完善网络。2.提升质量。",
			[]string{"1.建设基地。5.完善网络。", "2.提升质量。"}},
		{"a label inside a word is text",
			"（一）扩大消费，落实第（二）项政策。（二）提升服务。",
			[]string{"（一）扩大消费，落实第（二）项政策。", "（二）提升服务。"}},
		{"the next number in a list is text",
			"一、总体要求。二、主要任务。三、四线城市加快布局。三、保障措施。",
			[]string{"一、总体要求。", "二、主要任务。三、四线城市加快布局。", "三、保障措施。"}},
		{"one wide space in a long paragraph",
			strings.Repeat("推进服务业发展。", 30) + "　　" + strings.Repeat("提升服务质量。", 5),
			[]string{strings.Repeat("推进服务业发展。", 30) + "　　" + strings.Repeat("提升服务质量。", 5)}},
		{"items after blanks",
			"一、总体要求 坚持稳中求进。 二、重点任务 （一）扩大消费。 1.发展夜间经济。",
			[]string{"一、总体要求", "坚持稳中求进。", "二、重点任务", "（一）扩大消费。", "1.发展夜间经济。"}},
		{"signature glued to the last item",
			"（四）加强队伍建设。增添发展活力。某省人民政府办公厅2024年2月9日",
			[]string{"（四）加强队伍建设。增添发展活力。", "某省人民政府办公厅", "2024年2月9日"}},
		{"joint issuers glued to the last item",
			"（四）加强队伍建设。增添发展活力。某省发展和改革委员会 某省商务厅 2024年2月9日",
			[]string{"（四）加强队伍建设。增添发展活力。", "某省发展和改革委员会 某省商务厅", "2024年2月9日"}},
		{"signature between the notice and the plan",
			"请认真组织实施。某省人民政府办公厅2023年12月13日为改善民生，制定本方案。一、总体要求",
			[]string{"请认真组织实施。", "某省人民政府办公厅", "2023年12月13日", "为改善民生，制定本方案。", "一、总体要求"}},
		{"a signature dated in Han numerals",
			"（四）加强队伍建设。增添发展活力。某市人民政府二〇二四年十二月三十一日",
			[]string{"（四）加强队伍建设。增添发展活力。", "某市人民政府", "二〇二四年十二月三十一日"}},
		{"a deadline is not a signature",
			"1.推进改造。省住房城乡建设厅2024年6月30日前完成验收。",
			[]string{"1.推进改造。省住房城乡建设厅2024年6月30日前完成验收。"}},
		{"two ideographic spaces between paragraphs",
			"各市人民政府：　　" + strings.Repeat("为推进服务业发展，现提出如下意见。", 12) + "　　一、总体要求　　（一）指导思想。坚持稳中求进。　　（二）主要目标。到2025年达到5家。",
			[]string{"各市人民政府：", strings.Repeat("为推进服务业发展，现提出如下意见。", 12), "一、总体要求", "（一）指导思想。坚持稳中求进。", "（二）主要目标。到2025年达到5家。"}},
		{"a section's title glued to its text",
			"三、保障措施各地要加强领导。四、组织实施和监督各地要抓好落实。五、重点任务分工六、有关要求各部门要密切配合。七、强化任务落实各地要细化分工。八、主要目标任务到2025年建成10个。",
			[]string{"三、保障措施", "各地要加强领导。", "四、组织实施和监督各地要抓好落实。", "五、重点任务分工", "六、有关要求", "各部门要密切配合。",
				"七、强化任务落实各地要细化分工。", "八、主要目标任务", "到2025年建成10个。"}},
		{"a table row spaced with wide spaces",
			"1　　" + strings.Repeat("推进服务业发展", 30) + "　　省发展改革委　　省商务厅　　2025年底前",
			[]string{"1　　" + strings.Repeat("推进服务业发展", 30) + "　　省发展改革委　　省商务厅　　2025年底前"}},
		{"a row of a task table",
			"1\t推进冷链设施建设。2.改造冷库。\t省发改委\t2024年6月30日",
			[]string{"1\t推进冷链设施建设。2.改造冷库。\t省发改委\t2024年6月30日"}},
		{"a spaced label is one line",
			"标　　题：某市服务业发展行动计划",
			[]string{"标　　题：某市服务业发展行动计划"}},
	}
	for _, c := range cases {
		tx := newText(c.in)
		var got []string
		for _, s := range splitJoined(tx, tx.lines()) {
			got = append(got, tx.str(s))
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// TestJoinedPlanParsesAlike parses a plan, then the same plan with its
// line breaks lost in the ways pages lose them, and expects the same
// tasks, units, deadlines, targets and goals.
func TestJoinedPlanParsesAlike(t *testing.T) {
	raw, err := os.ReadFile("testdata/ly_coldchain_2025.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	base, err := Parse(string(raw))
	if err != nil {
		t.Fatal(err)
	}
	want := summary(base)
	if len(base.Tasks) != 7 {
		t.Fatalf("the plan itself reads as %d tasks, want 7", len(base.Tasks))
	}
	for _, sep := range []string{"", "\u3000\u3000", " "} {
		for _, keepTitle := range []bool{true, false} {
			var s string
			if keepTitle {
				s = lines[0] + "\n" + strings.Join(lines[1:], sep)
			} else {
				s = strings.Join(lines, sep)
			}
			name := fmt.Sprintf("joined with %q, title on its own line %v", sep, keepTitle)
			p, err := Parse(s)
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			got := summary(p)
			if len(got) != len(want) {
				t.Errorf("%s: %d lines of summary, want %d:\n%s", name, len(got), len(want), strings.Join(got, "\n"))
				continue
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("%s:\n got %s\nwant %s", name, got[i], want[i])
				}
			}
		}
	}
}

// summary prints what a plan says about its work, one line per task and
// goal, and no offsets.
func summary(p *plan.Plan) []string {
	tg := func(ts []plan.Target) string {
		var out []string
		for _, x := range ts {
			out = append(out, fmt.Sprintf("%v%s%s@%d", x.Value, x.Unit, x.Comparator, x.Year))
		}
		return strings.Join(out, " ")
	}
	var out []string
	for _, task := range p.Tasks {
		out = append(out, fmt.Sprintf("%s %v %q lead=%v coop=%v assign=%d deadline=%s targets=[%s]",
			task.Label, task.Path, task.Text, task.Lead, task.Cooperating, len(task.Assignments), task.Deadline, tg(task.Targets)))
	}
	return append(out, "goals "+tg(p.Goals))
}
