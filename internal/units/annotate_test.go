package units

import (
	"strings"
	"testing"

	"luoshi/internal/plan"
)

func TestAnnotate(t *testing.T) {
	r := newRegistry(t)
	p := &plan.Plan{
		Document: plan.Document{Title: "关于推动服务业高质量发展的实施意见", Region: "青海省", Year: 2015},
		Tasks: []plan.Task{
			{Label: "1", Units: []plan.UnitMention{
				{Name: "省经济和信息化委", Role: plan.Lead, Span: plan.Span{Start: 10, End: 18}},
				{Name: "各市、州人民政府", Role: plan.Cooperating, Span: plan.Span{Start: 19, End: 27}},
			}},
			{Label: "2", Units: []plan.UnitMention{
				{Name: "省火星开发局", Role: plan.Lead, Span: plan.Span{Start: 40, End: 46}},
				{Name: "青海银监局", Role: plan.Cooperating, Span: plan.Span{Start: 47, End: 52}},
			}},
		},
	}
	r.Annotate(p)

	m := p.Tasks[0].Units[0]
	if m.Match != "pattern" || len(m.Resolved) != 1 || m.Resolved[0].Name != "青海省经济和信息化委员会" || m.Resolved[0].Kind != "department" {
		t.Errorf("省经济和信息化委 in 2015: %s %+v", m.Match, m.Resolved)
	}
	m = p.Tasks[0].Units[1]
	if m.Match != "collective" || len(m.Resolved) != 8 {
		t.Errorf("各市、州人民政府: %s with %d units, want collective of 8", m.Match, len(m.Resolved))
	}
	m = p.Tasks[1].Units[0]
	if m.Match != "unknown" || len(m.Resolved) != 0 {
		t.Errorf("省火星开发局: %s %+v, want unknown", m.Match, m.Resolved)
	}
	if m := p.Tasks[1].Units[1]; m.Match != "pattern" || m.Resolved[0].ID != "中国银行业监督管理委员会青海监管局" {
		t.Errorf("青海银监局 in 2015: %s %+v", m.Match, m.Resolved)
	}

	if len(p.Warnings) != 1 {
		t.Fatalf("%d warnings, want 1: %+v", len(p.Warnings), p.Warnings)
	}
	w := p.Warnings[0]
	if w.Code != WarnUnknown || w.Task != "2" || w.Span != (plan.Span{Start: 40, End: 46}) {
		t.Errorf("warning %+v, want unknown_unit on task 2 at 40–46", w)
	}
	for _, s := range []string{"省火星开发局", "关于推动服务业高质量发展的实施意见", "任务 2"} {
		if !strings.Contains(w.Message, s) {
			t.Errorf("warning message %q lacks %q", w.Message, s)
		}
	}

	// A later plan date reads the same names after the reform; annotating
	// again replaces what was there.
	p.Document.Date = "2020-08-13"
	p.Warnings = nil
	r.Annotate(p)
	if m := p.Tasks[0].Units[0]; m.Match != "rename" || m.Resolved[0].Name != "青海省工业和信息化厅" {
		t.Errorf("省经济和信息化委 in 2020: %s %+v", m.Match, m.Resolved)
	}
	if len(p.Warnings) != 1 {
		t.Errorf("%d warnings after annotating again, want 1", len(p.Warnings))
	}
}

func TestAnnotateWithoutTitle(t *testing.T) {
	r := newRegistry(t)
	p := &plan.Plan{
		Document: plan.Document{Region: "山西省", Year: 2022},
		Tasks:    []plan.Task{{Label: "（三）", Units: []plan.UnitMention{{Name: "省不存在办", Role: plan.Lead}}}},
	}
	r.Annotate(p)
	if len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0].Message, "山西省2022年") || !strings.Contains(p.Warnings[0].Message, "（三）") {
		t.Errorf("warnings %+v, want one naming 山西省2022年 and task （三）", p.Warnings)
	}
}

func TestPlanDate(t *testing.T) {
	for _, c := range []struct {
		d    plan.Document
		want string
	}{
		{plan.Document{Date: "2020-08-13", Year: 2020}, "2020-08-13"},
		{plan.Document{Year: 2015}, "2015-01-01"},
		{plan.Document{Date: "2020年8月", Year: 2020}, "2020-01-01"},
		{plan.Document{}, "0001-01-01"},
	} {
		if got := PlanDate(c.d).Format("2006-01-02"); got != c.want {
			t.Errorf("PlanDate(%+v) = %s, want %s", c.d, got, c.want)
		}
	}
}

// TestAnnotateWarnsOnlyWhereKnown leaves unwarned the names the registry
// cannot hold: a city's bodies, a plan of unknown region, collectives,
// and words that are no body's name. They still read as unknown.
func TestAnnotateWarnsOnlyWhereKnown(t *testing.T) {
	r := newRegistry(t)
	mention := func(names ...string) []plan.Task {
		var ms []plan.UnitMention
		for _, n := range names {
			ms = append(ms, plan.UnitMention{Name: n, Role: plan.Lead})
		}
		return []plan.Task{{Label: "1", Units: ms}}
	}
	p := &plan.Plan{Document: plan.Document{Region: "青海省", Year: 2022},
		Tasks: mention("市火星开发局", "各县火星办", "省甲局等单位", "王小明", "牵头单位:省火星开发局", "省火星开发局")}
	r.Annotate(p)
	if len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0].Message, "“省火星开发局”") {
		t.Errorf("warnings %+v, want one, for 省火星开发局", p.Warnings)
	}
	for _, m := range p.Tasks[0].Units {
		if m.Match != "unknown" {
			t.Errorf("%s: %s, want unknown", m.Name, m.Match)
		}
	}
	p = &plan.Plan{Document: plan.Document{Year: 2022}, Tasks: mention("海关火星署", "省火星开发局")}
	r.Annotate(p)
	if len(p.Warnings) != 0 {
		t.Errorf("plan of unknown region: warnings %+v, want none", p.Warnings)
	}
}
