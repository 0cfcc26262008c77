package extract

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"luoshi/internal/plan"
)

// tableTask is what a task table gives a task, spans aside: the same
// table must give the same tasks whatever shape it is copied in.
type tableTask struct {
	Label, Text, Deadline string
	Path, Lead, Coop      []string
	Targets               []string
}

func tableTasks(p *plan.Plan) []tableTask {
	var out []tableTask
	for _, t := range p.Tasks {
		tt := tableTask{Label: t.Label, Text: t.Text, Deadline: t.Deadline, Path: t.Path, Lead: t.Lead, Coop: t.Cooperating}
		for _, g := range t.Targets {
			tt.Targets = append(tt.Targets, g.Text)
		}
		out = append(out, tt)
	}
	return out
}

func TestTableShapesAgree(t *testing.T) {
	var first []tableTask
	for _, shape := range []string{"flat", "tabs", "md"} {
		raw, err := os.ReadFile(filepath.Join("testdata", "yx_table_"+shape+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		p, err := Parse(string(raw))
		if err != nil {
			t.Fatal(err)
		}
		got := tableTasks(p)
		if len(got) != 9 {
			t.Fatalf("%s: %d tasks, want 9", shape, len(got))
		}
		for _, task := range got {
			for _, u := range append(append([]string{}, task.Lead...), task.Coop...) {
				if u == "王立群" || u == "陈晓东" || u == "分管副市长" {
					t.Errorf("%s: task %s names the person %q as a unit", shape, task.Label, u)
				}
			}
			if strings.HasPrefix(task.Text, "（") {
				t.Errorf("%s: task %s text holds the category: %q", shape, task.Label, task.Text)
			}
		}
		if first == nil {
			first = got
			continue
		}
		if !reflect.DeepEqual(got, first) {
			t.Errorf("%s differs from flat:\n%+v\n%+v", shape, got, first)
		}
	}
}

// plainTable writes a table one cell per line, a blank line between cells
// as pages copied from the web print them.
func plainTable(cells ...string) string { return strings.Join(cells, "\n\n") + "\n" }

func TestFlatTable(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want []tableTask
	}{
		{
			name: "progress column is history, cut inside the last unit cell",
			src: "某市2023年重点工作一季度进展情况表\n" + plainTable("序号", "工作内容", "进展情况", "责任单位",
				"1", "推进城区商业街改造，年内完成改造街区2条。", "已完成一条街区设计，投资1.2亿元。", "市商务局",
				"2", "开展职业技能提升行动。", "已培训3000人次。", "市人"),
			want: []tableTask{
				{Label: "1", Text: "推进城区商业街改造，年内完成改造街区2条。", Deadline: "2023-12-31", Path: []string{"1"}, Lead: []string{"市商务局"}},
				{Label: "2", Text: "开展职业技能提升行动。", Path: []string{"2"}},
			},
		},
		{
			name: "category cell before the task in some rows, two tables restart at 1",
			src: "附件1\n" + plainTable("序号", "预期目标", "责任单位", "1", "服务业增加值增长6%", "区发展改革委", "2", "城镇新增就业1万人", "区人力社保局") +
				"附件2\n" + plainTable("序号", "工作任务", "牵头单位", "配合单位",
				"1", "建设创新城区", "推动新型研发机构落户。", "区科技局", "区财政局",
				"2", "完善孵化器服务体系。", "区科技局", "区经济信息委",
				"3", "繁荣消费市场", "举办美食节活动。", "区商务委", "各街道办事处"),
			want: []tableTask{
				{Label: "1", Text: "服务业增加值增长6%", Path: []string{"1"}, Lead: []string{"区发展改革委"}, Targets: []string{"服务业增加值增长6%"}},
				{Label: "2", Text: "城镇新增就业1万人", Path: []string{"2"}, Lead: []string{"区人力社保局"}, Targets: []string{"城镇新增就业1万人"}},
				{Label: "1", Text: "推动新型研发机构落户。", Path: []string{"1"}, Lead: []string{"区科技局"}, Coop: []string{"区财政局"}},
				{Label: "2", Text: "完善孵化器服务体系。", Path: []string{"2"}, Lead: []string{"区科技局"}, Coop: []string{"区经济信息委"}},
				{Label: "3", Text: "举办美食节活动。", Path: []string{"3"}, Lead: []string{"区商务委"}, Coop: []string{"各街道办事处"}},
			},
		},
		{
			name: "an empty cell shows as a wider gap; a leader column holds persons",
			src: plainTable("序号", "重点任务", "牵头领导", "牵头单位", "配合单位", "完成时间",
				"1", "编制现代物流发展规划。", "赵建国", "", "市交通运输局", "6月底前",
				"2", "开展物流企业评级。", "赵建国", "市交通运输局", "市市场监管局", "2023年11月"),
			want: []tableTask{
				{Label: "1", Text: "编制现代物流发展规划。", Deadline: "2023-06-30", Path: []string{"1"}, Coop: []string{"市交通运输局"}},
				{Label: "2", Text: "开展物流企业评级。", Deadline: "2023-11-30", Path: []string{"2"}, Lead: []string{"市交通运输局"}, Coop: []string{"市市场监管局"}},
			},
		},
		{
			name: "two-level header one cell per line",
			src: plainTable("序号", "主要任务", "责任单位", "完成时限", "牵头单位", "配合单位",
				"1", "建设冷链物流骨干网络。", "市交通运输局", "市商务局、市农业农村局", "2023年9月"),
			want: []tableTask{
				{Label: "1", Text: "建设冷链物流骨干网络。", Deadline: "2023-09-30", Path: []string{"1"}, Lead: []string{"市交通运输局"}, Coop: []string{"市商务局", "市农业农村局"}},
			},
		},
		{
			name: "two-level header in tab rows, the second level with or without its empty cells",
			src: "序号\t主要任务\t责任单位\t\t完成时限\n\t\t牵头单位\t配合单位\t\n" +
				"1\t建设冷链物流骨干网络。\t市交通运输局\t市商务局\t2023年9月\n" +
				"工作任务二\n序号\t主要任务\t完成时限\t责任单位\n牵头单位\t配合单位\n" +
				"1\t发展航空物流。\t年底前\t市发展改革委\t市交通运输局\n",
			want: []tableTask{
				{Label: "1", Text: "建设冷链物流骨干网络。", Deadline: "2023-09-30", Path: []string{"1"}, Lead: []string{"市交通运输局"}, Coop: []string{"市商务局"}},
				{Label: "1", Text: "发展航空物流。", Deadline: "2023-12-31", Path: []string{"1"}, Lead: []string{"市发展改革委"}, Coop: []string{"市交通运输局"}},
			},
		},
		{
			name: "lead and cooperating units run together in one cell",
			src: plainTable("序号", "重点任务", "牵头单位", "配合单位", "完成时限",
				"1", "举办服务贸易洽谈会。", "市商务局　市财政局、市贸促会", "6月底前",
				"2", "培育会展龙头企业。", "市商务局", "市贸促会", "年底前"),
			want: []tableTask{
				{Label: "1", Text: "举办服务贸易洽谈会。", Deadline: "2023-06-30", Path: []string{"1"}, Lead: []string{"市商务局"}, Coop: []string{"市财政局", "市贸促会"}},
				{Label: "2", Text: "培育会展龙头企业。", Deadline: "2023-12-31", Path: []string{"2"}, Lead: []string{"市商务局"}, Coop: []string{"市贸促会"}},
			},
		},
		{
			name: "rows without a 序号 start at their task",
			src: plainTable("重点任务", "牵头单位", "配合单位", "完成时限",
				"举办服务贸易洽谈会，签约项目20个以上。", "市商务局", "市财政局、市贸促会", "6月底前",
				"培育会展龙头企业。", "市商务局", "年底前",
				"完善会展场馆配套设施建设。", "市住房城乡建设局", "市商务局") +
				"二、保障措施\n各部门要加强协作，形成工作合力。\n",
			want: []tableTask{
				{Label: "1", Text: "举办服务贸易洽谈会，签约项目20个以上。", Deadline: "2023-06-30", Path: []string{"1"}, Lead: []string{"市商务局"}, Coop: []string{"市财政局", "市贸促会"}},
				{Label: "2", Text: "培育会展龙头企业。", Deadline: "2023-12-31", Path: []string{"2"}, Lead: []string{"市商务局"}},
				{Label: "3", Text: "完善会展场馆配套设施建设。", Path: []string{"3"}, Lead: []string{"市住房城乡建设局"}, Coop: []string{"市商务局"}},
			},
		},
		{
			name: "category column before the 序号",
			src: plainTable("类别", "序号", "工作举措", "牵头部门", "配合部门",
				"扩大消费", "1", "举办汽车展销活动。", "市商务局", "市公安局",
				"2", "发展社区便民商业。", "市商务局", "各区政府",
				"现代物流", "3", "建设城郊物流园区。", "市交通运输局", "市自然资源局"),
			want: []tableTask{
				{Label: "1", Text: "举办汽车展销活动。", Path: []string{"1"}, Lead: []string{"市商务局"}, Coop: []string{"市公安局"}},
				{Label: "2", Text: "发展社区便民商业。", Path: []string{"2"}, Lead: []string{"市商务局"}, Coop: []string{"各区政府"}},
				{Label: "3", Text: "建设城郊物流园区。", Path: []string{"3"}, Lead: []string{"市交通运输局"}, Coop: []string{"市自然资源局"}},
			},
		},
		{
			name: "a stray blank line fills no column",
			src: "序号\n重点任务\n牵头单位\n配合单位\n完成时限\n" +
				"1\n举办服务贸易洽谈会。\n\n市商务局\n市财政局\n6月底前\n" +
				"2\n培育会展龙头企业。\n市商务局\n\n年底前\n",
			want: []tableTask{
				{Label: "1", Text: "举办服务贸易洽谈会。", Deadline: "2023-06-30", Path: []string{"1"}, Lead: []string{"市商务局"}, Coop: []string{"市财政局"}},
				{Label: "2", Text: "培育会展龙头企业。", Deadline: "2023-12-31", Path: []string{"2"}, Lead: []string{"市商务局"}},
			},
		},
		{
			name: "a unit cell over lines with its lead marked, and 责任单位 after 牵头单位",
			src: plainTable("序号", "重点任务", "责任单位", "1", "建设智慧商圈。", "市商务局（牵头）", "市大数据局") +
				"附件2\n" + plainTable("序号", "重点任务", "牵头单位", "责任单位", "1", "建设智慧商圈。", "市商务局", "市大数据局"),
			want: []tableTask{
				{Label: "1", Text: "建设智慧商圈。", Path: []string{"1"}, Lead: []string{"市商务局"}, Coop: []string{"市大数据局"}},
				{Label: "1", Text: "建设智慧商圈。", Path: []string{"1"}, Lead: []string{"市商务局"}, Coop: []string{"市大数据局"}},
			},
		},
		{
			name: "tab rows whose task cell holds a line break",
			src: "序号\t重点任务\t牵头单位\t配合单位\t完成时限\n" +
				"1\t建设城市会客厅。\n完善商圈配套设施。\t市商务局\t市住房城乡建设局\t年底前\n" +
				"2\t培育会展企业。\t市商务局\t市财政局\t6月底前\n" +
				"各单位要按季度报送进展。\n",
			want: []tableTask{
				{Label: "1", Text: "建设城市会客厅。完善商圈配套设施。", Deadline: "2023-12-31", Path: []string{"1"}, Lead: []string{"市商务局"}, Coop: []string{"市住房城乡建设局"}},
				{Label: "2", Text: "培育会展企业。", Deadline: "2023-06-30", Path: []string{"2"}, Lead: []string{"市商务局"}, Coop: []string{"市财政局"}},
			},
		},
		{
			name: "the 序号 on the task's line",
			src: plainTable("序号", "重点任务", "牵头单位", "配合单位", "完成时限",
				"1.举办服务贸易洽谈会。", "市商务局", "市财政局", "6月底前",
				"2.培育会展企业：", "1.引进会展龙头企业。", "2.培育本地会展企业。", "市商务局", "年底前"),
			want: []tableTask{
				{Label: "1", Text: "举办服务贸易洽谈会。", Deadline: "2023-06-30", Path: []string{"1"}, Lead: []string{"市商务局"}, Coop: []string{"市财政局"}},
				{Label: "2", Text: "培育会展企业：1.引进会展龙头企业。2.培育本地会展企业。", Deadline: "2023-12-31", Path: []string{"2"}, Lead: []string{"市商务局"}},
			},
		},
		{
			name: "without a 序号 column the task carries its number",
			src: "重点任务\t牵头单位\t配合单位\n5．建设智慧商圈。\t市商务局\t市大数据局\n" +
				plainTable("重点任务", "牵头单位", "完成时限", "7．培育会展企业。", "市商务局", "年底前"),
			want: []tableTask{
				{Label: "5", Text: "建设智慧商圈。", Path: []string{"5"}, Lead: []string{"市商务局"}, Coop: []string{"市大数据局"}},
				{Label: "7", Text: "培育会展企业。", Deadline: "2023-12-31", Path: []string{"7"}, Lead: []string{"市商务局"}},
			},
		},
		{
			name: "a task's title and its measures in two columns",
			src: plainTable("序号", "重点任务", "具体措施", "牵头单位", "1", "扩大服务消费", "举办消费季活动。", "市商务局",
				"2", "发展夜间经济。", "市商务局"),
			want: []tableTask{
				{Label: "1", Text: "扩大服务消费举办消费季活动。", Path: []string{"1"}, Lead: []string{"市商务局"}},
				{Label: "2", Text: "发展夜间经济。", Path: []string{"2"}, Lead: []string{"市商务局"}},
			},
		},
		{
			name: "a dash or a slash marks an empty cell",
			src: plainTable("序号", "重点任务", "牵头单位", "配合单位", "完成时限",
				"1", "编制现代物流发展规划。", "—", "市交通运输局", "6月底前",
				"2", "开展物流企业评级。", "市交通运输局", "/", "无") +
				"附件2\n序号\t重点任务\t牵头单位\t配合单位\n3\t建设物流园区。\t市交通运输局\t无\n",
			want: []tableTask{
				{Label: "1", Text: "编制现代物流发展规划。", Deadline: "2023-06-30", Path: []string{"1"}, Coop: []string{"市交通运输局"}},
				{Label: "2", Text: "开展物流企业评级。", Path: []string{"2"}, Lead: []string{"市交通运输局"}},
				{Label: "3", Text: "建设物流园区。", Path: []string{"3"}, Lead: []string{"市交通运输局"}},
			},
		},
		{
			name: "persons beside the units of a cell are not units",
			src: "序号\t重点任务\t牵头单位及责任领导\t配合单位\n" +
				"1\t办好会展节会。\t市商务局 钱文斌\t市贸促会、分管副市长\n" +
				"2\t培育会展企业。\t市商务局（责任领导：钱文斌）\t市财政局（孙立）\n" +
				"3\t发展会展经济。\t市商务局 责任领导：钱文斌\t市财政局\n",
			want: []tableTask{
				{Label: "1", Text: "办好会展节会。", Path: []string{"1"}, Lead: []string{"市商务局"}, Coop: []string{"市贸促会"}},
				{Label: "2", Text: "培育会展企业。", Path: []string{"2"}, Lead: []string{"市商务局"}, Coop: []string{"市财政局"}},
				{Label: "3", Text: "发展会展经济。", Path: []string{"3"}, Lead: []string{"市商务局"}, Coop: []string{"市财政局"}},
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Parse("某市2023年服务业工作要点\n" + c.src)
			if err != nil {
				t.Fatal(err)
			}
			got := tableTasks(p)
			if len(got) != len(c.want) {
				t.Fatalf("got %d tasks %+v, want %d", len(got), got, len(c.want))
			}
			for i, w := range c.want {
				g := got[i]
				if g.Label != w.Label || g.Text != w.Text || g.Deadline != w.Deadline || !reflect.DeepEqual(g.Path, w.Path) ||
					!reflect.DeepEqual(nonNil(g.Lead), nonNil(w.Lead)) || !reflect.DeepEqual(nonNil(g.Coop), nonNil(w.Coop)) {
					t.Errorf("task %d = %+v\nwant      %+v", i, g, w)
				}
				if w.Targets != nil && !reflect.DeepEqual(g.Targets, w.Targets) {
					t.Errorf("task %d targets = %q, want %q", i, g.Targets, w.Targets)
				}
			}
		})
	}
}

func TestHeaderColumn(t *testing.T) {
	cases := map[string]column{
		"序号": colLabel, "重点任务": colText, "主要任务": colText, "工作举措": colText, "任务内容": colText,
		"具体任务": colText, "目标任务": colText, "2024年预期目标": colText, "牵头单位": colLead,
		"责任单位": colResp, "牵头部门": colLead, "责任部门": colResp, "配合单位": colCoop, "协办单位": colCoop,
		"参与单位": colCoop, "配合部门": colCoop, "完成时限": colDeadline, "时间节点": colDeadline,
		"时限要求": colDeadline, "完成时间": colDeadline, "责任领导": colLeader, "牵头领导": colLeader,
		"分管领导": colLeader, "牵头单位及责任领导": colLead, "备注": colNote, "进展情况": colProgress, "完成情况": colProgress,
		"指标名称": colIndicator, "2025年目标值": colIndicator,
		"责任处室": colResp, "进度安排": colDeadline, "民生实事": colText,
	}
	for cell, want := range cases {
		if got := headerColumn(cell); got != want {
			t.Errorf("headerColumn(%q) = %d, want %d", cell, got, want)
		}
	}
}

// TestLeaderCells leaves a leader column's persons out of the task, however
// the page prints them: rare surnames, spaced names, a post before the name.
func TestLeaderCells(t *testing.T) {
	p, err := Parse(plainTable("序号", "重点任务", "责任领导", "牵头单位", "完成时限",
		"1", "改造老旧小区30个。", "樊建华", "市住建局", "2023年12月",
		"2", "新建5G基站800个。", "祁  峰", "市经信局", "2023年10月",
		"3", "举办消费季活动30场。", "副市长 岳红", "市商务局", "2023年9月"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, task := range p.Tasks {
		got = append(got, task.Text+"/"+strings.Join(task.Lead, ","))
	}
	want := []string{"改造老旧小区30个。/市住建局", "新建5G基站800个。/市经信局", "举办消费季活动30场。/市商务局"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tasks %q, want %q", got, want)
	}
}

func TestIsPerson(t *testing.T) {
	for s, want := range map[string]bool{
		"王立群": true, "陈东": true, "分管副省长": true, "常务副市长": true, "市委秘书长": true, "责任领导：周某": true, "王  静": true, "樊建华": true, "欧阳明": true, "司马小川": true,
		"市商务局": false, "江北区": false, "各街道": false, "团市委": false, "区发展改革委": false,
	} {
		if got := isPerson(s); got != want {
			t.Errorf("isPerson(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestTimeCell(t *testing.T) {
	for s, want := range map[string]bool{
		"6月底前": true, "2022年12月": true, "持续推进": true, "长期坚持": true, "按季度": true, "2023年6月-12月": true,
		"空气质量完成年度目标任务": false, "区发展改革委": false, "年度任务": false,
	} {
		if got := timeCell([]rune(s)); got != want {
			t.Errorf("timeCell(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestTableInAttachment(t *testing.T) {
	src := "某市2023年服务业工作要点\n一、提高认识。各单位要高度重视。\n二、按时报送。请于每季度末报送进展。\n附件\n" +
		"某市2023年服务业重点任务分工表\n" + plainTable("序号", "重点任务", "牵头单位", "1", "建设智慧商圈。", "市商务局")
	for _, c := range []struct{ heading, path []string }{{nil, []string{"1"}}, {[]string{"一、重点任务"}, []string{"一", "1"}}} {
		p, err := Parse(strings.Replace(src, "\n序号", "\n"+strings.Join(append(c.heading, "序号"), "\n"), 1))
		if err != nil {
			t.Fatal(err)
		}
		last := p.Tasks[len(p.Tasks)-1]
		if last.Text != "建设智慧商圈。" || !reflect.DeepEqual(last.Path, c.path) || !reflect.DeepEqual(last.Lead, []string{"市商务局"}) {
			t.Errorf("table task = %q %q %q, want path %q", last.Text, last.Path, last.Lead, c.path)
		}
	}
}

// Labelled lines under an item are not a table header written one cell
// per line.
func TestLabelledLinesAreNoHeader(t *testing.T) {
	src := "某市2023年服务业工作要点\n1.推进物流降本增效。\n工作任务：降低物流成本\n牵头单位：市发展改革委\n配合单位：市交通运输局\n" +
		"2.培育会展企业。\n牵头单位：市商务局\n"
	p, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Tasks) != 2 || !reflect.DeepEqual(p.Tasks[0].Lead, []string{"市发展改革委"}) || !reflect.DeepEqual(p.Tasks[1].Lead, []string{"市商务局"}) {
		t.Errorf("tasks = %+v", tableTasks(p))
	}
}

// TestTabRowOutOfOrder reads a tab-separated row that has as many cells as
// the header but not in its order: a category cell before the task, the
// units run together, the last cell left empty.
func TestTabRowOutOfOrder(t *testing.T) {
	p, err := Parse("序号\t工作任务\t牵头单位\t配合单位\n" +
		"1\t打造消费新地标\t推进商圈改造，新增品牌首店20家。\t区商务委 区规划自然资源局、区住房城乡建委\t\n" +
		"2\t发展夜间经济。\t区商务委\t区文化旅游委\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Tasks) != 2 {
		t.Fatalf("%d tasks", len(p.Tasks))
	}
	task := p.Tasks[0]
	if task.Text != "推进商圈改造，新增品牌首店20家。" || !reflect.DeepEqual(task.Lead, []string{"区商务委"}) ||
		!reflect.DeepEqual(task.Cooperating, []string{"区规划自然资源局", "区住房城乡建委"}) {
		t.Errorf("task 1 = %q lead %q cooperating %q", task.Text, task.Lead, task.Cooperating)
	}
}

// TestTableAtStart reads a table whose header opens the text, as an
// excerpt cut before its title prints it: one cell per line or in tabs.
func TestTableAtStart(t *testing.T) {
	for _, src := range []string{
		plainTable("序号", "工作任务", "牵头单位", "配合单位",
			"1", "引进研发机构8家。", "区科技局", "区财政局",
			"2", "打造消费新地标", "推进商圈改造。", "区商务委 区规划自然资源局、区住房城乡建委", "",
			"3", "发展夜间经济。", "区商务委", "区文化旅游委"),
		"序号\t工作任务\t牵头单位\t配合单位\n1\t引进研发机构8家。\t区科技局\t区财政局\n2\t打造消费新地标\t推进商圈改造。\t区商务委 区规划自然资源局、区住房城乡建委\t\n3\t发展夜间经济。\t区商务委\t区文化旅游委\n",
	} {
		p, err := Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		if p.Document.Title != "" || len(p.Tasks) != 3 {
			t.Fatalf("title %q, %d tasks", p.Document.Title, len(p.Tasks))
		}
		if task := p.Tasks[1]; task.Text != "推进商圈改造。" || !reflect.DeepEqual(task.Lead, []string{"区商务委"}) ||
			!reflect.DeepEqual(task.Cooperating, []string{"区规划自然资源局", "区住房城乡建委"}) {
			t.Errorf("task 2 = %q lead %q cooperating %q", task.Text, task.Lead, task.Cooperating)
		}
	}
}

// TestFirstListedTable reads a note that the first unit listed leads,
// printed before a table, for every row of it.
func TestFirstListedTable(t *testing.T) {
	p, err := Parse("某市2023年重点任务分解表\n\n注：责任单位中排在第一位的为牵头单位。\n\n序号\t重点任务\t责任单位\t完成时限\n" +
		"1\t建设物流园区。\t市交通局、市商务局、市财政局\t2023年12月\n2\t举办消费季活动。\t市商务局\t2023年9月\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Tasks) != 2 {
		t.Fatalf("%d tasks", len(p.Tasks))
	}
	if task := p.Tasks[0]; !reflect.DeepEqual(task.Lead, []string{"市交通局"}) || !reflect.DeepEqual(task.Cooperating, []string{"市商务局", "市财政局"}) {
		t.Errorf("task 1 lead %q cooperating %q", task.Lead, task.Cooperating)
	}
}

// TestTabRowCut drops a unit name the end of the text cuts short in a
// tab-separated row and says so: the task's units are uncertain.
func TestTabRowCut(t *testing.T) {
	p, err := Parse("序号\t重点工作\t牵头单位\t配合单位\n1\t新增城镇就业3万人。\t市人社局\t市财政局\n2\t新建5G基站800个。\t市经信局\t市财政局、市统\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Tasks) != 2 {
		t.Fatalf("%d tasks", len(p.Tasks))
	}
	if task := p.Tasks[1]; !reflect.DeepEqual(task.Cooperating, []string{"市财政局"}) || task.Confidence != plan.Low {
		t.Errorf("task 2 cooperating %q confidence %s", task.Cooperating, task.Confidence)
	}
	if task := p.Tasks[0]; task.Confidence != plan.High {
		t.Errorf("task 1 confidence %s", task.Confidence)
	}
	cut := 0
	for _, w := range p.Warnings {
		if w.Code == "cut_clause" && w.Task == "2" {
			cut++
		}
	}
	if cut != 1 {
		t.Errorf("warnings %+v", p.Warnings)
	}
}
