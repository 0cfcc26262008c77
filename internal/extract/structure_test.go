package extract

import (
	"os"
	"strings"
	"testing"
)

// TestPolicyClosing keeps a policy's closing paragraphs out of its last
// section, whose paragraphs each end in their own responsibility clause,
// and reads one assignment per paragraph.
func TestPolicyClosing(t *testing.T) {
	raw, err := os.ReadFile("testdata/xj_policy_2023.txt")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse(string(raw))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Tasks) != 2 {
		t.Fatalf("%d tasks, want 2", len(p.Tasks))
	}
	last := p.Tasks[1]
	if strings.Contains(last.Text, "实施细则") || strings.Contains(last.Text, "负责解释") {
		t.Errorf("closing paragraphs in the last task: %q", last.Text)
	}
	if !strings.HasSuffix(last.Text, "单个项目最高300万元。") {
		t.Errorf("last task ends %q", last.Text)
	}
	for _, task := range p.Tasks {
		if len(task.Assignments) != 2 {
			t.Errorf("task %s: %d assignments, want one per paragraph", task.Label, len(task.Assignments))
		}
	}
}

// TestShiGoals reads 一是/二是 in a goals part as goals, not tasks.
func TestShiGoals(t *testing.T) {
	src := "南湖市2025年养老服务工作要点\n一、工作目标\n（一）主要目标。一是全市养老机构床位达到1.2万张；二是新增社区养老服务站50个。\n二、重点任务\n（一）完善养老服务网络。一是推进街道综合养老服务中心建设；二是发展老年助餐服务。（市民政局负责）\n"
	p, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, task := range p.Tasks {
		labels = append(labels, strings.Join(task.Path, "/"))
	}
	if strings.Join(labels, " ") != "二/(一)/一是 二/(一)/二是" {
		t.Errorf("tasks %q, want the two items of 二(一)", labels)
	}
	var goals []float64
	for _, g := range p.Goals {
		goals = append(goals, g.Value)
	}
	if len(goals) != 2 || goals[0] != 1.2 || goals[1] != 50 {
		t.Errorf("goals %v, want 1.2 and 50", goals)
	}
}

// TestPrinciplesGiveNoGoals reads goals from a plan's aims, not from its
// principles.
func TestPrinciplesGiveNoGoals(t *testing.T) {
	src := "北川市商贸流通三年行动计划\n一、总体要求\n（一）基本原则\n1.坚持开放合作。深化区域协作，推动建设10个跨区域合作平台。\n（二）行动目标\n到2027年，新增限额以上商贸企业50家。\n二、重点任务\n1.完善流通网络。新建农产品批发市场2个。（市商务局负责）\n"
	p, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Goals) != 1 || p.Goals[0].Value != 50 {
		t.Errorf("goals %+v, want only 50家", p.Goals)
	}
	if len(p.Tasks) != 1 || len(p.Tasks[0].Targets) != 1 {
		t.Errorf("tasks %+v, want one with its target", p.Tasks)
	}
}

// TestAimsWithUnits reads an item of a 总体要求 part that assigns units,
// even when the excerpt is cut inside its parenthesis, as a task.
func TestAimsWithUnits(t *testing.T) {
	src := "东山省人民政府关于落实2024年重点工作部门分工的意见\n一、落实2024年经济社会发展总体要求\n（一）总体要求。主要预期目标：地区生产总值增长6%左右；城镇新增就业50万人以上（省发展改革委牵头，省统计局、省人力资源"
	p, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Tasks) != 1 || p.Tasks[0].Label != "(一)" || len(p.Tasks[0].Targets) != 2 {
		t.Fatalf("tasks %+v, want (一) with its two targets", p.Tasks)
	}
	if len(p.Goals) != 0 {
		t.Errorf("goals %+v, want none: the targets are the task's", p.Goals)
	}
}

// TestOpeningGivesYear gives the targets of a plan whose opening names the
// year of its work that year, though its title names none.
func TestOpeningGivesYear(t *testing.T) {
	src := "东山省人民政府关于落实《政府工作报告》重点工作部门分工的意见\n东政发〔2024〕3号\n各市人民政府，省政府各部门：\n为认真做好2024年政府工作，现就重点工作提出分工意见如下：\n一、扩大有效需求\n1.促进消费恢复。新增限额以上商贸企业300家。（省商务厅牵头）\n"
	p, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Tasks) != 1 || len(p.Tasks[0].Targets) != 1 || p.Tasks[0].Targets[0].Year != 2024 {
		t.Fatalf("tasks %+v, want one target for 2024", p.Tasks)
	}
}
