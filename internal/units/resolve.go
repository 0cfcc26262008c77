package units

import (
	"slices"
	"strings"
	"time"
)

// maxRenames bounds a chain of renames, against a cycle in added data.
const maxRenames = 16

// latest is a date after every rename: what bodies are today.
var latest = time.Date(9999, time.December, 31, 0, 0, 0, 0, time.UTC)

// Resolve returns the unit(s) a name meant in a plan of region on date.
// region may be a full name (青海省), a stem (青海) or an abbreviation
// (青), or empty when the plan's region is not known: then only names that
// carry their own region resolve. A zero date means the plan's date is
// not known: no rename is applied to the name, and Successors say what
// the body is today.
func (r *Registry) Resolve(name, region string, date time.Time) Result {
	r.mu.RLock()
	defer r.mu.RUnlock()
	res := Result{Name: name, Region: region, Match: Unknown}
	g := r.region[normalize(region)]
	if g != nil {
		res.Region = g.Full
	}
	ids, how := r.lookup(normalize(name), g)
	if len(ids) == 0 {
		return res
	}
	res.Match = how
	res.Named = r.get(ids)

	then := ids
	if !date.IsZero() {
		then = r.asOf(ids, date)
	}
	if !slices.Equal(then, ids) {
		res.Match = Renamed
	}
	var out []string
	for _, id := range then {
		u := r.units[id]
		if u.Kind != Collective {
			out = appendNew(out, id)
			continue
		}
		if res.Match != Renamed {
			res.Match = Group
		}
		members := r.members(u, date)
		if len(members) == 0 {
			out = appendNew(out, id)
		}
		for _, m := range members {
			out = appendNew(out, m)
		}
	}
	res.Units = r.get(out)
	if now := r.asOf(out, latest); !slices.Equal(now, out) {
		res.Successors = r.get(now)
	}
	return res
}

// lookup finds the units a normalized name denotes, before renames.
func (r *Registry) lookup(n string, g *Region) ([]string, Match) {
	if n == "" {
		return nil, Unknown
	}
	if ids := r.prefer(r.exact[n], g); len(ids) > 0 {
		return ids, r.how(ids, Exact)
	}
	if ids := r.prefer(r.alias[n], g); len(ids) > 0 {
		return ids, r.how(ids, Alias)
	}
	// Names as written inside the plan's region: as they stand, then
	// without the region's prefix (省, 自治区, 青海省 …).
	if g != nil {
		loc := r.local[g.Full]
		if ids := loc[n]; len(ids) > 0 {
			return ids, r.how(ids, Alias)
		}
		for _, p := range g.prefixes() {
			if rest, ok := strings.CutPrefix(n, p); ok {
				if ids := loc[rest]; len(ids) > 0 {
					return ids, r.how(ids, Alias)
				}
			}
		}
	}
	// Names that carry another region's own name (湖南省工信厅, 广西商务厅).
	for i := range r.regions {
		o := &r.regions[i]
		if o == g {
			continue
		}
		for _, p := range []string{o.Full, o.Stem + "自治区", o.Stem} {
			if rest, ok := strings.CutPrefix(n, p); ok && rest != "" {
				if ids := r.local[o.Full][rest]; len(ids) > 0 {
					return ids, r.how(ids, Alias)
				}
			}
		}
	}
	return nil, Unknown
}

// prefer keeps, of several units with one name, those of the plan's region.
func (r *Registry) prefer(ids []string, g *Region) []string {
	if len(ids) < 2 || g == nil {
		return ids
	}
	var in []string
	for _, id := range ids {
		if r.units[id].Region == g.Full {
			in = append(in, id)
		}
	}
	if len(in) == 0 {
		return ids
	}
	return in
}

// how reports a match on units made by the national pattern as Pattern.
func (r *Registry) how(ids []string, m Match) Match {
	for _, id := range ids {
		if r.units[id].Pattern == "" {
			return m
		}
	}
	return Pattern
}

// asOf follows the renames that took effect on or before date and
// returns the units that stood then.
func (r *Registry) asOf(ids []string, date time.Time) []string {
	var out []string
	var walk func(id string, depth int)
	walk = func(id string, depth int) {
		moved := false
		if depth < maxRenames {
			for _, n := range r.from[id] {
				if !n.Date.After(date) {
					moved = true
					walk(n.To, depth+1)
				}
			}
		}
		if !moved {
			out = appendNew(out, id)
		}
	}
	for _, id := range ids {
		walk(id, 0)
	}
	return out
}

// existsOn reports whether a unit stood under its name on date (today
// when date is zero): it was not yet renamed away and was not made by a
// later rename.
func (r *Registry) existsOn(id string, date time.Time) bool {
	if date.IsZero() {
		date = latest
	}
	for _, n := range r.from[id] {
		if !n.Date.After(date) {
			return false
		}
	}
	for _, n := range r.to[id] {
		if !n.Into && n.Date.After(date) {
			return false
		}
	}
	return true
}

// members returns the IDs of a collective's members that stood on date.
func (r *Registry) members(u *Unit, date time.Time) []string {
	out := slices.Clone(u.Members)
	if u.MemberKind == "" {
		return out
	}
	for _, id := range r.within[u.Region] {
		if r.units[id].Kind == u.MemberKind && r.existsOn(id, date) {
			out = appendNew(out, id)
		}
	}
	return out
}

func (r *Registry) get(ids []string) []Unit {
	out := make([]Unit, 0, len(ids))
	for _, id := range ids {
		out = append(out, r.units[id].clone())
	}
	return out
}

// clone copies a unit so that a caller cannot change the registry's.
func (u *Unit) clone() Unit {
	c := *u
	c.Aliases = slices.Clone(u.Aliases)
	c.Local = slices.Clone(u.Local)
	c.Members = slices.Clone(u.Members)
	return c
}

func appendNew(s []string, v string) []string {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}
