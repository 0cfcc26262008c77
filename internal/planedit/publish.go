package planedit

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strings"

	"luoshi/internal/store"
	"luoshi/internal/units"
)

// Collective is a collective name of a plan (各市人民政府, 省直有关部门,
// 成员单位 …) with what became of it.
type Collective struct {
	Name  string
	Tasks []store.Task // the tasks that name it, without their units
	// Units are the units its mentions are mapped to now: its members
	// once expanded, else the collective itself or nothing.
	Units []store.TaskUnit
	// Expanded: every mention is mapped to real units, none of which is
	// itself a collective.
	Expanded bool
	// AsIs: the office confirmed it as it stands.
	AsIs bool
}

// Open tells whether the office must still decide about c.
func (c Collective) Open() bool { return !c.Expanded && !c.AsIs }

// Readiness is what publishing a plan would do and what the office
// should look at first.
type Readiness struct {
	Tasks       int
	Assignments int          // the assignments publishing creates
	NoUnits     []store.Task // tasks no mapped unit would be assigned to
	Unmapped    []string     // names of units not mapped to a unit
	Collectives []Collective // collective names, in order of appearance
}

// OpenCollectives lists the collective names still to expand or confirm.
func (r Readiness) OpenCollectives() []Collective {
	var out []Collective
	for _, c := range r.Collectives {
		if c.Open() {
			out = append(out, c)
		}
	}
	return out
}

// Warnings counts what the office is warned of before publishing.
func (r Readiness) Warnings() int {
	return len(r.NoUnits) + len(r.Unmapped) + len(r.OpenCollectives())
}

// collectiveUnit: a unit that stands for several, by its kind or its
// name, is not an expansion.
func collectiveUnit(u store.TaskUnit) bool {
	return u.UnitKind == string(units.Collective) || units.LooksCollective(u.UnitName)
}

// Check reads a plan's tasks (with their units) as publishing would.
func Check(tasks []store.Task) Readiness {
	r := Readiness{Tasks: len(tasks)}
	type key struct {
		task, unit int64
		role       string
	}
	assigned := map[key]bool{}
	unmapped := map[string]bool{}
	index := map[string]int{}
	for _, t := range tasks {
		mapped := false
		for _, u := range t.Units {
			if u.UnitID != 0 {
				mapped = true
				assigned[key{t.ID, u.UnitID, u.Role}] = true
			}
			if !units.LooksCollective(u.Name) && !(u.UnitID != 0 && u.UnitKind == string(units.Collective)) {
				if u.UnitID == 0 && !unmapped[u.Name] {
					unmapped[u.Name] = true
					r.Unmapped = append(r.Unmapped, u.Name)
				}
				continue
			}
			i, ok := index[u.Name]
			if !ok {
				i = len(r.Collectives)
				index[u.Name] = i
				r.Collectives = append(r.Collectives, Collective{Name: u.Name, Expanded: true, AsIs: true})
			}
			c := &r.Collectives[i]
			if !slices.ContainsFunc(c.Tasks, func(x store.Task) bool { return x.ID == t.ID }) {
				bare := t
				bare.Units, bare.Targets = nil, nil
				c.Tasks = append(c.Tasks, bare)
			}
			if u.UnitID != 0 && !slices.ContainsFunc(c.Units, func(x store.TaskUnit) bool { return x.UnitID == u.UnitID }) {
				c.Units = append(c.Units, u)
			}
			c.Expanded = c.Expanded && u.UnitID != 0 && !collectiveUnit(u)
			c.AsIs = c.AsIs && u.AsIs
		}
		if !mapped {
			bare := t
			bare.Targets = nil
			r.NoUnits = append(r.NoUnits, bare)
		}
	}
	for i := range r.Collectives {
		if r.Collectives[i].Expanded {
			r.Collectives[i].AsIs = false
		}
	}
	r.Assignments = len(assigned)
	return r
}

// PlanReadiness is Check on a plan as stored.
func PlanReadiness(ctx context.Context, st *store.Store, planID int64) (Readiness, error) {
	o, err := st.PlanOutline(ctx, planID, store.TaskFilter{})
	if err != nil {
		return Readiness{}, err
	}
	return Check(o.Tasks), nil
}

// Expand maps every mention of a collective name in a plan to the units
// chosen as its members, and returns the number of tasks changed.
func Expand(ctx context.Context, st *store.Store, a Actor, planID int64, name string, unitIDs []int64) (int, error) {
	if err := office(a); err != nil {
		return 0, err
	}
	name = strings.TrimSpace(name)
	ids := dedupe(unitIDs)
	if name == "" {
		return 0, invalid("error.invalid")
	}
	if len(ids) == 0 {
		return 0, invalid("publish.choose_members")
	}
	for _, id := range ids {
		if _, err := st.UnitByID(ctx, id); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return 0, invalid("review.choose_unit")
			}
			return 0, err
		}
	}
	return st.ExpandMention(ctx, a.store(), planID, name, ids)
}

// ConfirmAsIs records that a collective name stands as it is written
// (asIs), or takes that back.
func ConfirmAsIs(ctx context.Context, st *store.Store, a Actor, planID int64, name string, asIs bool) error {
	if err := office(a); err != nil {
		return err
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return invalid("error.invalid")
	}
	return st.SetMentionAsIs(ctx, a.store(), planID, name, asIs)
}

func dedupe(ids []int64) []int64 {
	var out []int64
	for _, id := range ids {
		if id > 0 && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// Publish turns a draft into live work, once the office has confirmed it
// (having seen the tasks without units and the collective names), and
// no collective name is left undecided. It returns the number of
// assignments made.
func Publish(ctx context.Context, st *store.Store, a Actor, planID int64, confirmed bool) (int, error) {
	if err := office(a); err != nil {
		return 0, err
	}
	if !confirmed {
		return 0, invalid("publish.confirm_required")
	}
	n, err := st.PublishIf(ctx, a.store(), planID, func(tasks []store.Task) error {
		if open := Check(tasks).OpenCollectives(); len(open) > 0 {
			names := make([]string, len(open))
			for i, c := range open {
				names[i] = c.Name
			}
			return &Error{Kind: Conflict, Key: "publish.open_collectives", Args: []any{strings.Join(names, "、")}}
		}
		return nil
	})
	if errors.Is(err, store.ErrConflict) {
		return 0, &Error{Kind: Conflict, Key: "publish.already", Err: err}
	}
	return n, err
}

// Discard removes a draft, confirmed by the office, with the units its
// import and review created that nothing else uses, and returns how
// many units went.
func Discard(ctx context.Context, st *store.Store, a Actor, planID int64, confirmed bool) (int, error) {
	if err := office(a); err != nil {
		return 0, err
	}
	if !confirmed {
		return 0, invalid("discard.confirm_required")
	}
	n, err := st.DiscardDraft(ctx, a.store(), planID)
	if errors.Is(err, store.ErrConflict) {
		return 0, &Error{Kind: Conflict, Key: "discard.published", Err: err}
	}
	return n, err
}

// Suggest returns, of the units a collective name may expand into, those
// it most likely means: the units its mentions are mapped to now, else
// for 各市（州）人民政府 and the like the prefecture governments of the
// plan's region (none when the region is not known).
func Suggest(c Collective, candidates []store.Unit, region string) []int64 {
	var out []int64
	for _, u := range c.Units {
		if !collectiveUnit(u) {
			out = append(out, u.UnitID)
		}
	}
	if len(out) > 0 {
		return out
	}
	if region != "" && strings.Contains(c.Name, "政府") && (strings.Contains(c.Name, "市") || strings.Contains(c.Name, "州")) {
		for _, u := range candidates {
			if u.Kind == string(units.Prefecture) && u.Region == region {
				out = append(out, u.ID)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
