package extract

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"luoshi/internal/plan"
)

// TestResponsibilityForms reads each way plans name who does a task.
func TestResponsibilityForms(t *testing.T) {
	cases := []struct {
		name       string
		item       string
		lead, coop []string
		assigns    int
	}{
		{"labels", "1.推进物流降本。（牵头单位：省发展改革委、省交通运输厅；配合单位：省财政厅）", []string{"省发展改革委", "省交通运输厅"}, []string{"省财政厅"}, 1},
		{"responsible label", "1.推进物流降本。（责任单位：省商务厅、各市州人民政府）", []string{"省商务厅", "各市州人民政府"}, nil, 1},
		{"A、B负责", "1.推进物流降本。(省商务厅、省财政厅负责)", []string{"省商务厅", "省财政厅"}, nil, 1},
		{"A牵头，B配合", "1.推进物流降本。（省邮政管理局牵头，省商务厅、省住建厅配合）", []string{"省邮政管理局"}, []string{"省商务厅", "省住建厅"}, 1},
		{"A牵头，B负责", "1.推进物流降本。（省卫健委牵头，各市人民政府负责）", []string{"省卫健委"}, []string{"各市人民政府"}, 1},
		{"A负责，B配合", "1.推进物流降本。（省文旅厅负责，省民政厅配合）", []string{"省文旅厅"}, []string{"省民政厅"}, 1},
		{"由A牵头", "1.推进物流降本。由省发展改革委牵头制定清单。", []string{"省发展改革委"}, nil, 1},
		{"two parentheses", "1.建设园区。（牵头单位：省商务厅）完善配送。（牵头单位：省交通运输厅；配合单位：省商务厅）", []string{"省商务厅", "省交通运输厅"}, []string{"省商务厅"}, 2},
		{"collective with 、", "1.建设园区。（牵头单位：省商务厅；配合单位：各市、州人民政府）", []string{"省商务厅"}, []string{"各市、州人民政府"}, 1},
		{"label lines", "1.建设园区。\n牵头单位：省商务厅\n责任单位：省财政厅、省统计局", []string{"省商务厅"}, []string{"省财政厅", "省统计局"}, 1},
		{"square brackets", "1.推进物流降本。【责任单位：省商务厅；配合单位：省财政厅】", []string{"省商务厅"}, []string{"省财政厅"}, 1},
		{"article label", "第三条 推进物流降本。（省商务厅负责）", []string{"省商务厅"}, nil, 1},
		{"会同 in a clause", "1.建设物流枢纽。（省发展改革委会同省交通运输厅负责）", []string{"省发展改革委"}, []string{"省交通运输厅"}, 1},
		{"会同 with a list", "1.建设物流枢纽。（省发展改革委会同省交通运输厅、西安市人民政府负责，各市配合）", []string{"省发展改革委"}, []string{"省交通运输厅", "西安市人民政府", "各市"}, 1},
		{"会同 in a sentence", "1.推动企业上市。由省地方金融监管局会同湖北证监局推进。", []string{"省地方金融监管局"}, []string{"湖北证监局"}, 1},
		{"指导", "1.发展夜间经济。（省市场监管局指导，各市州人民政府负责）", []string{"各市州人民政府"}, []string{"省市场监管局"}, 1},
		{"组织实施", "1.发展夜间经济。（各市州人民政府组织实施）", []string{"各市州人民政府"}, nil, 1},
		{"names set apart by spaces", "1.建设航空枢纽。\n责任单位：省交通运输厅　民航中南地区管理局　省机场集团", []string{"省交通运输厅", "民航中南地区管理局", "省机场集团"}, nil, 1},
		{"units after a dash", "1.发展乡村旅游。培育示范点200个。——省旅游局、省农委、省委宣传部", []string{"省旅游局", "省农委", "省委宣传部"}, nil, 1},
		{"dash with roles", "1.发展乡村旅游。——省旅游局牵头，省外侨办配合", []string{"省旅游局"}, []string{"省外侨办"}, 1},
		{"two collectives", "1.发展信息服务。（省工信厅牵头，各师市、各电信运营商配合）", []string{"省工信厅"}, []string{"各师市", "各电信运营商"}, 1},
		{"not a clause", "1.实施特困人员供养机构（敬老院）改造和（南片区）建设。（省民政厅负责）", []string{"省民政厅"}, nil, 1},
		{"first listed leads", "1.建设物流枢纽。（市交通局、市商务局、市财政局负责，排在第一位的部门为牵头部门）", []string{"市交通局"}, []string{"市商务局", "市财政局"}, 1},
		{"first listed note after the last name", "1.建设物流枢纽。\n责任单位：市交通局、市商务局（列第一位者为牵头单位，下同）", []string{"市交通局"}, []string{"市商务局"}, 1},
		{"first listed with 分别牵头", "1.建设物流枢纽。（市交通局、市商务局分别牵头，列第一位的为牵头单位）", []string{"市交通局", "市商务局"}, nil, 1},
		{"等和 closes a group", "1.发展消费帮扶。（商贸部、农牧部等和各有关省级人民政府负责）", []string{"商贸部", "农牧部", "各有关省级人民政府"}, nil, 1},
		{"等有关部门 is one name", "1.发展消费帮扶。（商贸部、农牧部等有关部门负责）", []string{"商贸部", "农牧部等有关部门"}, nil, 1},
		{"posts are not units", "1.发展消费帮扶。（分管副省长、协管副秘书长负责，省商贸厅牵头，省农牧厅配合）", []string{"省商贸厅"}, []string{"省农牧厅"}, 1},
		{"leaders are not units", "1.发展消费帮扶。（责任领导：王某某；牵头单位：省商贸厅；配合单位：省农牧厅）", []string{"省商贸厅"}, []string{"省农牧厅"}, 1},
		{"leader line", "1.发展消费帮扶。\n牵头市领导：王某某\n责任单位：市商贸局、市农牧局", []string{"市商贸局", "市农牧局"}, nil, 1},
		{"short-name note", "1.发展消费帮扶。（牵头单位：省商贸厅；责任单位：各市（含甲、乙市）政府、各县政府，以下简称“各市县政府”）", []string{"省商贸厅"}, []string{"各市（含甲、乙市）政府", "各县政府"}, 1},
		{"cut parenthesis", "1.推进物流降本。（分管副市长负责，市商贸局牵头，市农牧局、市", []string{"市商贸局"}, []string{"市农牧局"}, 1},
		{"cut label line", "1.推进物流降本。\n责任单位：市商贸局、市农牧局、市", []string{"市商贸局", "市农牧局"}, nil, 1},
		{"cut inside a name", "1.推进物流降本。\n责任单位：市商贸局、市农牧局、市文", []string{"市商贸局", "市农牧局"}, nil, 1},
		{"负责落实 cooperates", "1.发展消费帮扶。（商贸部、农牧部按职责分工负责，地方各级人民政府负责落实）", []string{"商贸部", "农牧部"}, []string{"地方各级人民政府"}, 1},
		{"加强指导 cooperates", "1.发展消费帮扶。（各省级人民政府负责，商贸部等部门加强指导）", []string{"各省级人民政府"}, []string{"商贸部等部门"}, 1},
		{"协同配合", "1.发展消费帮扶。（市商贸局牵头，市财金局、市农牧局协同配合）", []string{"市商贸局"}, []string{"市财金局", "市农牧局"}, 1},
		{"主责 leads", "1.发展消费帮扶。（市商贸局主责，市财金局配合）", []string{"市商贸局"}, []string{"市财金局"}, 1},
		{"统筹 leads", "1.发展消费帮扶。（市财金局统筹，市商贸局具体负责）", []string{"市财金局"}, []string{"市商贸局"}, 1},
		{"按照各自职责", "1.发展消费帮扶。（市公安局、市交运局按照各自职责负责）", []string{"市公安局", "市交运局"}, nil, 1},
		{"及 before a collective", "1.发展消费帮扶。（人社部、教育部等部门及各地区按职责分工负责）", []string{"人社部", "教育部等部门", "各地区"}, nil, 1},
		{"和 before a collective", "1.发展消费帮扶。（工业和信息化部、商贸部等部门和有关地方人民政府负责）", []string{"工业和信息化部", "商贸部等部门", "有关地方人民政府"}, nil, 1},
		{"mixed pair 〔…）", "1.发展消费帮扶。〔牵头单位：市商贸局；配合单位：市财金局）完善配送。", []string{"市商贸局"}, []string{"市财金局"}, 1},
		{"mixed pair （…〕", "1.发展消费帮扶。（市商贸局牵头，各县（市、区）政府配合〕完善配送。", []string{"市商贸局"}, []string{"各县（市、区）政府"}, 1},
		{"label line broken after 、", "1.推进物流降本。\n责任单位：市商贸局、市农牧局、\n市统计局", []string{"市商贸局", "市农牧局", "市统计局"}, nil, 1},
		{"short labels", "1.推进物流降本。（牵头：市商贸局；配合：市财金局、市统计局）", []string{"市商贸局"}, []string{"市财金局", "市统计局"}, 1},
		{"groups set apart by a space", "1.推进物流降本。（市商贸局牵头 市财金局配合）", []string{"市商贸局"}, []string{"市财金局"}, 1},
		{"第一责任单位 and 其他责任单位", "1.推进物流降本。（第一责任单位：市商贸局；其他责任单位：市财金局）", []string{"市商贸局"}, []string{"市财金局"}, 1},
		{"督办单位", "1.推进物流降本。（责任单位：市商贸局；督办单位：市政府督查室）", []string{"市商贸局"}, []string{"市政府督查室"}, 1},
		{"lead mark is no label", "1.推进物流降本。（市商贸局（牵头）、市财金局）", []string{"市商贸局"}, []string{"市财金局"}, 1},
		{"lead mark beside a 会", "1.推进物流降本。（市会展办（牵头）、市商贸局、市贸促会）", []string{"市会展办"}, []string{"市商贸局", "市贸促会"}, 1},
		{"lead mark last", "1.推进物流降本。（市商贸局、市贸促会、市会展办（牵头））", []string{"市会展办"}, []string{"市商贸局", "市贸促会"}, 1},
		{"a note in a second sentence", "1.推进物流降本。（商贸部、农牧部按职责分工负责。以下均需地方各级人民政府落实，不再列出）", []string{"商贸部", "农牧部"}, nil, 1},
		{"a manner phrase of any words", "1.推进物流降本。（国资委负责，各地区按照属地原则落实）", []string{"国资委"}, []string{"各地区"}, 1},
		{"a 专班 leads an item", "1.推进物流降本。（市物流专班牵头，市商贸局、市财金局配合）", []string{"市物流专班"}, []string{"市商贸局", "市财金局"}, 1},
		{"a 专班 leads beside 负责 names", "1.推进物流降本。（市物流专班牵头，市商贸局负责）", []string{"市物流专班"}, []string{"市商贸局"}, 1},
		{"a person in brackets after a unit", "1.推进物流降本。\n牵头单位：市商贸局（责任人：李明）\n配合单位：市财金局", []string{"市商贸局"}, []string{"市财金局"}, 1},
		{"和 between two bodies", "1.推进物流降本。（市商贸局、市财金局和市税务局负责）", []string{"市商贸局", "市财金局", "市税务局"}, nil, 1},
		{"和 inside a name", "1.推进物流降本。（省工业和信息化厅、省住房和城乡建设厅负责）", []string{"省工业和信息化厅", "省住房和城乡建设厅"}, nil, 1},
		{"a group opened by 会同", "1.推进物流降本。（市商贸局牵头，会同市财金局、市统计局推进）", []string{"市商贸局"}, []string{"市财金局", "市统计局"}, 1},
		{"label with 为", "1.发展夜间经济。责任单位为市商贸局、市文旅局。", []string{"市商贸局", "市文旅局"}, nil, 1},
		{"labels with 为 in a clause", "1.发展夜间经济。（牵头单位为市商贸局，配合单位为市文旅局）", []string{"市商贸局"}, []string{"市文旅局"}, 1},
		{"此项工作由A负责", "1.发展夜间经济。此项工作由市商贸局负责。", []string{"市商贸局"}, nil, 1},
		{"first-listed note in brackets on its own line", "（除注明外，排在第一位的为牵头单位）\n1.推进物流降本。\n责任单位：市商贸局、市财金局", []string{"市商贸局"}, []string{"市财金局"}, 1},
		{"分别负责 is no first-listed list", "（除注明外，排在第一位的为牵头单位）\n1.推进物流降本。\n责任单位：市商贸局、市财金局按职责分别负责", []string{"市商贸局", "市财金局"}, nil, 1},
		{"labels with a level", "1.推进物流降本。（市级牵头单位：市商贸局；市级配合单位：市财金局；县级责任单位：各县（市、区）政府）", []string{"市商贸局"}, []string{"市财金局", "各县（市、区）政府"}, 1},
		{"more labels", "1.推进物流降本。（牵头单位：市商贸局；参加单位：市财金局；督导单位：市政府督查室）", []string{"市商贸局"}, []string{"市财金局", "市政府督查室"}, 1},
		{"责任考核单位", "1.推进物流降本。（年底前完成，责任考核单位：市商贸局）", []string{"市商贸局"}, nil, 1},
		{"citation is not a clause", "1.落实《若干政策》（发改财金〔2022〕271号）要求。（省发展改革委负责）", []string{"省发展改革委"}, nil, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			task := onlyTask(t, tc.item)
			if !reflect.DeepEqual(nonNil(task.Lead), nonNil(tc.lead)) || !reflect.DeepEqual(nonNil(task.Cooperating), nonNil(tc.coop)) {
				t.Errorf("lead %q cooperating %q, want %q %q", task.Lead, task.Cooperating, tc.lead, tc.coop)
			}
			if len(task.Assignments) != tc.assigns {
				t.Errorf("%d assignments, want %d", len(task.Assignments), tc.assigns)
			}
			if strings.Contains(task.Text, "单位") || strings.Contains(task.Text, "负责）") {
				t.Errorf("clause left in the text: %q", task.Text)
			}
		})
	}
}

// TestTaskForce gives every task under a heading its task force.
func TestTaskForce(t *testing.T) {
	p, err := Parse("三、发展生产性服务业\n(一)现代金融(金融业专班负责)\n4.加大金融支持。(人行太原中心支行负责)\n5.发展绿色金融。(省地方金融监管局负责)\n(二)节能环保\n6.发展节能服务。(省工信厅负责)")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, task := range p.Tasks {
		got = append(got, task.Label+":"+task.TaskForce)
	}
	if want := []string{"4:金融业专班", "5:金融业专班", "6:"}; !reflect.DeepEqual(got, want) {
		t.Errorf("task forces %q, want %q", got, want)
	}
	p2, err := Parse("一、发展现代物流（责任专班：物流业专班）\n1.建设枢纽。（省交通运输厅负责）")
	if err != nil {
		t.Fatal(err)
	}
	if p2.Tasks[0].TaskForce != "物流业专班" {
		t.Errorf("labelled task force: %q", p2.Tasks[0].TaskForce)
	}
	if p.Tasks[0].Lead[0] != "人行太原中心支行" {
		t.Errorf("the task force became a unit: %q", p.Tasks[0].Lead)
	}
}

// TestWarnings says what looked wrong and drops nothing.
func TestWarnings(t *testing.T) {
	p, err := Parse("一、重点任务\n1.甲项工作。（省商务厅负责）\n2.乙项工作。\n2.丙项工作。（牵头单位：）\n4.丁项工作。（省财政厅负责）")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Tasks) != 4 {
		t.Fatalf("%d tasks, want all 4", len(p.Tasks))
	}
	codes := map[string]int{}
	for _, w := range p.Warnings {
		codes[w.Code]++
		if w.Message == "" {
			t.Errorf("warning %s without a message", w.Code)
		}
	}
	for code, n := range map[string]int{"no_units": 2, "label_repeat": 1, "label_skip": 1, "unreadable_clause": 1} {
		if codes[code] != n {
			t.Errorf("%d %s warnings, want %d (all: %+v)", codes[code], code, n, p.Warnings)
		}
	}
}

// TestClutter keeps web-page chrome out of the title and the tasks.
func TestClutter(t *testing.T) {
	src := "今天是：2023年3月1日 星期三\n设为首页 | 加入收藏\n当前位置：首页 > 政策文件\n河北省2023年服务业发展工作要点\n访问次数：10234\n1.推进服务业扩量提质。（省发展改革委负责）\n2.发展现代物流。（省商务厅负责）\nx\n"
	p, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	if p.Document.Title != "河北省2023年服务业发展工作要点" || p.Document.Region != "河北省" || p.Document.Year != 2023 {
		t.Errorf("document = %+v", p.Document)
	}
	if len(p.Tasks) != 2 || strings.ContainsAny(p.Tasks[1].Text, "x访") {
		t.Errorf("tasks = %+v", p.Tasks)
	}
	// A site's footer names its host, address and registration numbers.
	p, err = Parse(src + "主办：河北省某某委员会　地址：某市某路1号　邮编：050000\n网站标识码：1300000000　冀公网安备13010000000001号\n")
	if err != nil {
		t.Fatal(err)
	}
	if last := p.Tasks[len(p.Tasks)-1].Text; last != "发展现代物流。" {
		t.Errorf("last task with the site's footer: %q", last)
	}
}

// TestNoTasks refuses only a text without content; a text without
// numbered items is a plan without tasks, with its fields and goals.
func TestNoTasks(t *testing.T) {
	for _, s := range []string{"", " \n \n"} {
		if _, err := Parse(s); err == nil {
			t.Errorf("Parse(%q) succeeded", s)
		}
	}
	cases := []struct {
		name, src string
		goals     []float64
	}{
		{"a letter", "各位同事：\n请于周五前报送材料。\n", nil},
		{"goals then cut", "东林市2025年家政服务提质工作方案\n一、总体要求\n（一）工作目标\n到2025年底，全市家政服务从业人员达到3万人，培育家政龙头企业10家以上。\n", []float64{3, 10}},
		{"dash goals", "东林市关于促进会展业发展的实施意见\n各区人民政府：\n为推动会展业发展，提出如下意见。\n——展览面积年均增长8%以上。\n——新建专业展馆1—2个。\n", []float64{8, 1}},
		{"principles only", "东林市服务业三年行动计划\n一、基本原则\n1.坚持市场主导。发挥企业主体作用。\n2.坚持开放合作。深化区域协作。\n", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Parse(tc.src)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(p.Tasks) != 0 {
				t.Errorf("%d tasks, want none: %+v", len(p.Tasks), p.Tasks)
			}
			if !slices.ContainsFunc(p.Warnings, func(w plan.Warning) bool { return w.Code == "no_tasks" }) {
				t.Errorf("warnings = %+v, want no_tasks among them", p.Warnings)
			}
			var got []float64
			for _, g := range p.Goals {
				got = append(got, g.Value)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.goals) {
				t.Errorf("goals %v, want %v", got, tc.goals)
			}
		})
	}
}

// TestClauseNotes reads deadlines and notes beside the units, and units
// given once on a heading for the items under it.
func TestClauseNotes(t *testing.T) {
	cases := []struct {
		name, src, lead, deadline string
	}{
		{"deadline inside the clause", "1.完善政策。（省商务厅牵头，6月底前完成）", "省商务厅", "2024-06-30"},
		{"time note line", "1.完善政策。\n牵头单位：省商务厅\n完成时限：2024年9月15日前", "省商务厅", "2024-09-15"},
		{"half parenthesis labels", "1.现代物流\n1)建设枢纽。（省交通运输厅负责）\n2)发展冷链。（省交通运输厅负责）", "省交通运输厅", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Parse("安徽省2024年服务业工作要点\n" + tc.src)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Tasks) == 0 {
				t.Fatal("no tasks")
			}
			for _, task := range p.Tasks {
				if len(task.Lead) != 1 || task.Lead[0] != tc.lead {
					t.Errorf("task %s lead %q, want %q", task.Label, task.Lead, tc.lead)
				}
				if strings.Contains(task.Text, "完成时限") || strings.Contains(task.Text, "牵头") {
					t.Errorf("task %s text keeps the clause: %q", task.Label, task.Text)
				}
			}
			if got := p.Tasks[0].Deadline; got != tc.deadline {
				t.Errorf("deadline %q, want %q", got, tc.deadline)
			}
		})
	}
}

// TestBrokenTitle joins a title printed over two lines.
func TestBrokenTitle(t *testing.T) {
	p, err := Parse("青海省人民政府办公厅关于推动青海省服务业\n高质量发展的实施意见\n青政办〔2020〕62号\n一、重点任务\n（一）发展物流。（省商务厅负责）")
	if err != nil {
		t.Fatal(err)
	}
	if want := "青海省人民政府办公厅关于推动青海省服务业高质量发展的实施意见"; p.Document.Title != want {
		t.Errorf("title %q, want %q", p.Document.Title, want)
	}
	if p.Document.Region != "青海省" || p.Document.Year != 2020 {
		t.Errorf("document %+v", p.Document)
	}
}

// TestTables reads task-division tables and main-indicator tables as
// offices lay them out.
func TestTables(t *testing.T) {
	p, err := Parse("某市2023年服务业重点任务分工表\n序号\t工作任务\t具体措施\t责任单位\t时间节点\n" +
		"1\t加快发展现代物流。新增A级物流企业10家。\t推进航空物流枢纽建设。\t市发展改革委牵头，市交通运输局、市商务局配合\t2023年6月\n" +
		"2\t发展文旅消费。\t办好消费季。\t市文化和旅游局（牵头）、襄城区人民政府\t2023年底前\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Tasks) != 2 {
		t.Fatalf("%d tasks", len(p.Tasks))
	}
	t1, t2 := p.Tasks[0], p.Tasks[1]
	if !strings.HasPrefix(t1.Text, "加快发展现代物流。") || len(t1.Targets) != 1 || t1.Targets[0].Value != 10 {
		t.Errorf("task 1 text %q targets %+v", t1.Text, t1.Targets)
	}
	if !reflect.DeepEqual(t1.Lead, []string{"市发展改革委"}) || !reflect.DeepEqual(t1.Cooperating, []string{"市交通运输局", "市商务局"}) || t1.Deadline != "2023-06-30" {
		t.Errorf("task 1 lead %q cooperating %q deadline %q", t1.Lead, t1.Cooperating, t1.Deadline)
	}
	if !reflect.DeepEqual(t2.Lead, []string{"市文化和旅游局"}) || !reflect.DeepEqual(t2.Cooperating, []string{"襄城区人民政府"}) || t2.Deadline != "2023-12-31" {
		t.Errorf("task 2 lead %q cooperating %q deadline %q", t2.Lead, t2.Cooperating, t2.Deadline)
	}

	p, err = Parse("某省服务业发展实施方案\n二、发展目标\n到2025年，主要指标如下：\n指标名称\t单位\t2022年\t2025年目标\n" +
		"服务业增加值\t亿元\t6850\t8500\n省级集聚区\t个\t45\t60以上\n三、重点任务\n1.发展物流。（省商务厅负责）")
	if err != nil {
		t.Fatal(err)
	}
	var goals []string
	for _, g := range p.Goals {
		goals = append(goals, fmt.Sprintf("%s %s%g%s %d", g.Indicator, g.Comparator, g.Value, g.Unit, g.Year))
	}
	if want := []string{"服务业增加值 =8500亿元 2025", "省级集聚区 >=60个 2025"}; !reflect.DeepEqual(goals, want) {
		t.Errorf("goals %q, want %q", goals, want)
	}
}

// TestYearFromBasis dates a plan that states no year by the document it
// implements.
func TestYearFromBasis(t *testing.T) {
	p, err := Parse("为加快发展养老服务业，根据《国务院关于加快发展养老服务业的若干意见》（国发〔2013〕35号）精神，制定本方案。\n一、重点任务\n（一）发展居家养老。（省民政厅负责）")
	if err != nil {
		t.Fatal(err)
	}
	if p.Document.Year != 2014 {
		t.Errorf("year %d, want 2014", p.Document.Year)
	}
	p, err = Parse("一、重点任务\n（一）发展居家养老。（省民政厅负责）")
	if err != nil {
		t.Fatal(err)
	}
	if p.Document.Year != 0 {
		t.Errorf("year %d for a plan that names none, want 0", p.Document.Year)
	}
}

// TestPastedLayouts reads the shapes that copying from PDF and web pages
// leaves: parentheses broken over lines, several items on one line, a
// label on a line of its own, a title over three lines.
func TestPastedLayouts(t *testing.T) {
	p, err := Parse("湖南省2023年服务业工作要点\n一、重点任务\n" +
		"1.推进物流降本增效。（省发展改革委、省交通运输厅、\n省商务厅负责）\n" +
		"2.加快发展电子商务。（牵头单位：省商务厅；\n配合单位：省财政厅）\n" +
		"3.发展现代金融。（省地方金融监管局负责）4.发展科技服务。（省科技厅负责）\n" +
		"5．\n发展会展业。（责任单位：省商务厅；完成时限：2023年9月）\n")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"1 省发展改革委|省交通运输厅|省商务厅 / ",
		"2 省商务厅 / 省财政厅",
		"3 省地方金融监管局 / ",
		"4 省科技厅 / ",
		"5 省商务厅 / 2023-09-30",
	}
	var got []string
	for _, task := range p.Tasks {
		tail := strings.Join(task.Cooperating, "|")
		if task.Label == "5" {
			tail = task.Deadline
		}
		got = append(got, task.Label+" "+strings.Join(task.Lead, "|")+" / "+tail)
		if strings.ContainsAny(task.Text, "（）") {
			t.Errorf("task %s keeps a clause: %q", task.Label, task.Text)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tasks\n%q\nwant\n%q", got, want)
	}

	p, err = Parse("湖北省人民政府办公厅\n关于印发湖北省加快发展现代服务业\n三年行动计划（2023—2025年）的\n通知\n鄂政办发〔2023〕12号\n一、重点任务\n（一）发展物流。（各盟行政公署、市人民政府负责）")
	if err != nil {
		t.Fatal(err)
	}
	d := p.Document
	if d.Title != "湖北省加快发展现代服务业三年行动计划（2023—2025年）" || d.Issuer != "湖北省人民政府办公厅" || d.Year != 2023 {
		t.Errorf("document %+v", d)
	}
	if lead := p.Tasks[0].Lead; len(lead) != 1 || lead[0] != "各盟行政公署、市人民政府" {
		t.Errorf("collective split: %q", lead)
	}
}

// TestSectionClause gives "以上任务由…" to every item of its section.
func TestSectionClause(t *testing.T) {
	p, err := Parse("贵州省2014年工作要点\n一、发展现代物流\n1.建设物流园区。\n2.发展冷链物流。\n以上任务由省商务厅牵头，省直有关部门按职责分工负责。\n二、发展旅游\n3.发展乡村旅游。（省旅游局负责）\na.建设示范点。（省旅游局负责）\nb.培育线路。（省农委负责）")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, task := range p.Tasks {
		got = append(got, strings.Join(task.Path, "/")+" "+strings.Join(task.Lead, "|")+" / "+strings.Join(task.Cooperating, "|"))
	}
	want := []string{"一/1 省商务厅 / 省直有关部门", "一/2 省商务厅 / 省直有关部门", "二/3/a 省旅游局 / ", "二/3/b 省农委 / "}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tasks\n%q\nwant\n%q", got, want)
	}
}

// TestHeadingBody names the body on a heading's line as its items' task
// force; it does not become their unit.
func TestHeadingBody(t *testing.T) {
	p, err := Parse("安徽省2024年服务业工作要点\n（一）现代物流（省交通运输厅牵头）\n1.建设枢纽。\n2.发展冷链。（省商务厅负责）\n（二）现代金融（金融业专班负责，省地方金融监管局牵头）\n3.发展普惠金融。\n4.发展绿色金融。（省财政厅、各市人民政府（按职责）配合，人行合肥中心支行牵头）")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, task := range p.Tasks {
		got = append(got, task.Label+" "+task.TaskForce+" "+strings.Join(task.Lead, "|")+" / "+strings.Join(task.Cooperating, "|"))
	}
	want := []string{"1 省交通运输厅  / ", "2 省交通运输厅 省商务厅 / ", "3 金融业专班  / ", "4 金融业专班 人行合肥中心支行 / 省财政厅|各市人民政府"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tasks\n%q\nwant\n%q", got, want)
	}
}

// TestFirstListedCarried holds "排在第一位的部门为牵头部门，下同" for the
// later items, and only with 下同.
func TestFirstListedCarried(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"下同 carries", "1.甲。（市交通局、市商务局负责，排在第一位的部门为牵头部门，下同）\n2.乙。（市财政局、市统计局负责）\n3.丙。（市财政局、市统计局分别牵头）",
			[]string{"1:[市交通局]/[市商务局]", "2:[市财政局]/[市统计局]", "3:[市财政局 市统计局]/[]"}},
		{"without 下同", "1.甲。（市交通局、市商务局负责，排在第一位的部门为牵头部门）\n2.乙。（市财政局、市统计局负责）",
			[]string{"1:[市交通局]/[市商务局]", "2:[市财政局 市统计局]/[]"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := rolesOf(t, tc.text); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestMixedBrackets closes a clause opened with one bracket style and
// closed with another, so the text after it stays the task's.
func TestMixedBrackets(t *testing.T) {
	for _, item := range []string{
		"1.发展消费帮扶。〔牵头单位：市商贸局；配合单位：市财金局）完善配送。",
		"1.发展消费帮扶。[市商贸局牵头，市财金局配合）完善配送。",
		"1.发展消费帮扶。（市商贸局牵头，各县（市、区）政府配合〕完善配送。",
	} {
		p, err := Parse(item)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Tasks) != 1 || p.Tasks[0].Text != "发展消费帮扶。完善配送。" {
			t.Errorf("%s: tasks %+v", item, p.Tasks)
		}
		for _, w := range p.Warnings {
			if w.Task != "" && w.Code != "no_units" {
				t.Errorf("%s: warning %s %s", item, w.Code, w.Message)
			}
		}
	}
}

// TestNoDoubts reads units that are certain without a warning and keeps
// the task's confidence high: an office named 室, persons left out.
func TestNoDoubts(t *testing.T) {
	for _, item := range []string{
		"1.推进物流降本。（责任单位：市商贸局；督办单位：市政府督查室）",
		"1.推进物流降本。（市委政策研究室、市商贸局负责）",
		"1.推进物流降本。\n牵头市领导：王  静\n责任单位：市商贸局",
	} {
		p, err := Parse(item)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Tasks) != 1 || p.Tasks[0].Confidence != plan.High {
			t.Errorf("%s: tasks %+v", item, p.Tasks)
		}
		for _, w := range p.Warnings {
			if w.Task != "" {
				t.Errorf("%s: warning %s %s", item, w.Code, w.Message)
			}
		}
	}
}

// TestClosingExhortation keeps the plan's closing call to every body out
// of its last item, and keeps an item's own second paragraph.
func TestClosingExhortation(t *testing.T) {
	head := "东林市2025年商贸服务工作要点\n一、重点任务\n1.发展社区商业。建设便民生活圈20个。（市商务局负责）\n2.强化督查考核。将主要指标纳入年度考核。\n"
	cases := []struct{ tail, want string }{
		{"各区县、各有关部门要切实加强组织领导，确保各项任务落到实处。\n", "强化督查考核。将主要指标纳入年度考核。"},
		{"各地区各部门要结合实际抓好落实。\n", "强化督查考核。将主要指标纳入年度考核。"},
		{"各区县要于每季度末报送进展情况（市统计局负责）。\n", "强化督查考核。将主要指标纳入年度考核。各区县要于每季度末报送进展情况。"},
		{"考核结果向社会公布。\n", "强化督查考核。将主要指标纳入年度考核。考核结果向社会公布。"},
	}
	for _, tc := range cases {
		p, err := Parse(head + tc.tail)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Tasks[len(p.Tasks)-1].Text; got != tc.want {
			t.Errorf("with %q the last task reads %q, want %q", tc.tail, got, tc.want)
		}
	}
}
