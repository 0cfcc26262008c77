package units

import (
	"fmt"
	"strings"
	"time"

	"luoshi/internal/plan"
)

// WarnUnknown is the code of the warning for a unit name the registry
// does not know.
const WarnUnknown = "unknown_unit"

// Annotate resolves every unit mention of the plan's tasks in the plan's
// region on its date (Document.Date, else 1 January of Document.Year,
// else unknown: names are then taken as written), filling Resolved and
// Match. Resolved holds the units the
// mention meant on that date: the members of a collective, the successor
// body for a name that a rename had already replaced. A mention that
// cannot be resolved gets Match "unknown", and a warning naming the plan
// and the task when the registry should have known it (see shouldKnow).
func (r *Registry) Annotate(p *plan.Plan) {
	date := PlanDate(p.Document)
	for i := range p.Tasks {
		t := &p.Tasks[i]
		for j := range t.Units {
			m := &t.Units[j]
			res := r.Resolve(m.Name, p.Document.Region, date)
			m.Match = string(res.Match)
			m.Resolved = nil
			for _, u := range res.Units {
				m.Resolved = append(m.Resolved, plan.ResolvedUnit{ID: u.ID, Name: u.Name, Kind: string(u.Kind)})
			}
			if res.Match == Unknown && r.shouldKnow(m.Name, p.Document.Region) {
				p.Warnings = append(p.Warnings, plan.Warning{
					Code:    WarnUnknown,
					Message: fmt.Sprintf("%s 任务 %s：单位“%s”不在单位名录中", planName(p.Document), t.Label, m.Name),
					Task:    t.Label,
					Span:    m.Span,
				})
			}
		}
	}
}

// PlanDate is the date a plan's unit names are read on: its date, else
// 1 January of its year, else the zero time: not known.
func PlanDate(d plan.Document) time.Time {
	if t, err := time.Parse(time.DateOnly, d.Date); err == nil {
		return t
	}
	if d.Year > 0 {
		return time.Date(d.Year, time.January, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Time{}
}

// planName names a plan in a message: its title, else its region and year.
func planName(d plan.Document) string {
	if d.Title != "" {
		return "《" + d.Title + "》"
	}
	s := d.Region
	if d.Year > 0 {
		s += fmt.Sprintf("%d年", d.Year)
	}
	return s + "未命名文件"
}

// shouldKnow reports whether the registry should know a name it did not
// resolve: a body's name at the level the registry holds, that of the
// plan's own province ("省火星开发局" in a plan of a known province). A
// city's or county's body, a name in a plan of unknown region, a
// collective, or words that are not a body's name at all (a person, a
// note) are beyond what the registry holds, and get no warning.
func (r *Registry) shouldKnow(name, region string) bool {
	r.mu.RLock()
	g := r.region[normalize(region)]
	r.mu.RUnlock()
	if g == nil || !bodyShaped(name) {
		return false
	}
	for _, c := range []string{"各", "有关", "相关"} {
		if strings.HasPrefix(name, c) {
			return false
		}
	}
	if strings.Contains(name, "等") || strings.HasSuffix(name, "成员单位") {
		return false
	}
	for _, p := range g.prefixes() {
		if p != "区" && strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// bodySuffixes end the names of government bodies and enterprises.
var bodySuffixes = []string{"厅", "局", "委", "办", "政府", "支行", "分行", "公司", "集团", "管委会", "委员会",
	"办公室", "中心", "海关", "署", "部", "院", "会", "社", "所", "站", "台", "处", "组"}

// bodyShaped reports a name that ends as a body's name does and holds no
// label or sentence mark.
func bodyShaped(name string) bool {
	if strings.ContainsAny(name, ":：。；;，,“”") || len([]rune(name)) > 40 {
		return false
	}
	for _, s := range bodySuffixes {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}
