// Package units is the registry of the bodies a plan assigns work to:
// provincial departments and their short forms, central bodies organized
// by region, regulators, state-owned enterprises, development zones,
// prefecture-level governments and collective names, with the renames of
// the reforms of 2018 and 2023.
//
// The registry's content is reviewable data in data/*.tsv, embedded in
// the binary; each file describes its format at its top. A Registry is
// built from it by New and can be extended at run time with Add, AddAlias
// and AddRename, so that an office's own entries can be loaded later.
//
// Resolve maps a name as written in a plan, the plan's region and its date
// to the unit(s) the name meant then. Matching runs in this order:
//
//  1. the canonical name of a unit (match exact, or pattern for a unit
//     made by the national pattern);
//  2. another full name of a unit (alias, or pattern);
//  3. a name as written inside a region: the name as it stands, then with
//     the plan region's prefix 省/自治区/市 dropped, then with any region's
//     own name (青海省, 青海) dropped, looked up in that region (alias, or
//     pattern);
//
// then, on the unit(s) found: a rename that took effect on or before the
// date replaces a unit by its successor (match rename); a collective
// expands to its members (match collective). A name found nowhere comes
// back with match unknown; it is never dropped.
//
// Renames and dates: Result.Units are the units as they were on the date,
// which is what the plan meant and who had to do the work; when later
// renames changed them, Result.Successors are the units they became, so a
// 2015 plan's 省经济和信息化委 resolves to 青海省经济和信息化委员会 with the
// successor 青海省工业和信息化厅, while a 2020 plan's is matched as a rename
// to 青海省工业和信息化厅. A zero date means the plan's date is not known:
// the name is taken as written, no rename is applied, and Successors say
// what the body is today; collectives then expand to today's members.
package units

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"luoshi/internal/tradfold"
)

// Kind is what sort of body a unit is.
type Kind string

// Kinds of unit.
const (
	Department   Kind = "department"   // provincial government department
	Government   Kind = "government"   // provincial government and its office
	Prefecture   Kind = "prefecture"   // prefecture-level government
	Party        Kind = "party"        // party committee body
	Organization Kind = "organization" // people's organization, supply cooperative
	Vertical     Kind = "vertical"     // central body organized by region: tax, customs, post …
	Regulator    Kind = "regulator"    // financial regulator's local bureau
	CentralBank  Kind = "central-bank" // People's Bank branch
	SOE          Kind = "soe"          // state-owned enterprise
	Zone         Kind = "zone"         // development zone administration
	Office       Kind = "office"       // coordinating office of a government
	Collective   Kind = "collective"   // a name that stands for several units
)

// Match says how a name was resolved.
type Match string

// Ways of matching.
const (
	Exact   Match = "exact"      // the canonical name of a listed unit
	Alias   Match = "alias"      // another name of a listed unit
	Pattern Match = "pattern"    // a body of the national pattern of a region
	Renamed Match = "rename"     // a body renamed or merged before the date
	Group   Match = "collective" // a collective name, expanded to its members
	Unknown Match = "unknown"    // not in the registry
)

// Unit is one body in the registry.
type Unit struct {
	ID      string   `json:"id"`                // stable identifier; the canonical name
	Name    string   `json:"name"`              // canonical name
	Kind    Kind     `json:"kind"`              // what sort of body
	Region  string   `json:"region,omitempty"`  // provincial-level region (青海省); empty for a national body
	Aliases []string `json:"aliases,omitempty"` // other full names
	Local   []string `json:"local,omitempty"`   // names as written inside Region after its prefix is dropped
	Members []string `json:"members,omitempty"` // IDs of the members of a collective
	// MemberKind, for a collective, adds every unit of that kind in the
	// collective's region to its members (Prefecture for 各市州人民政府).
	MemberKind Kind `json:"member_kind,omitempty"`
	// Pattern is the key of the national pattern that made the unit,
	// empty for a unit listed by name.
	Pattern string `json:"pattern,omitempty"`
}

// Rename is a body replaced by another on a date. Several renames with one
// To are a merger; several with one From are a split.
type Rename struct {
	From string    `json:"from"` // unit ID
	To   string    `json:"to"`   // unit ID
	Date time.Time `json:"date"`
	// Into is true when From was absorbed into a To that existed before
	// (莱芜市 into 济南市); otherwise To was made by the change.
	Into bool `json:"into,omitempty"`
}

// Result is what a name meant on a date.
type Result struct {
	Name   string `json:"name"`   // the name as asked
	Region string `json:"region"` // the region it was resolved in, normalized
	Match  Match  `json:"match"`
	// Named are the units the name itself denotes, before renames and
	// expansion: the old body for a rename, the collective for a collective.
	Named []Unit `json:"named,omitempty"`
	// Units are the units the name meant on the date: the members of a
	// collective (or the collective itself when its members are not
	// listed); empty when Match is Unknown.
	Units []Unit `json:"units"`
	// Successors are what Units became by later renames, empty when they
	// still exist under their names.
	Successors []Unit `json:"successors,omitempty"`
}

// Registry holds units, their names and renames. It is safe for
// concurrent use; Add, AddAlias and AddRename may run beside Resolve.
type Registry struct {
	mu      sync.RWMutex
	regions []Region
	region  map[string]*Region             // by full name, stem and abbreviation
	units   map[string]*Unit               // by ID
	order   []string                       // IDs in the order they were added
	within  map[string][]string            // region → IDs in the order they were added
	exact   map[string][]string            // normalized canonical name → IDs
	alias   map[string][]string            // normalized full alias → IDs
	local   map[string]map[string][]string // region → normalized local name → IDs
	from    map[string][]Rename            // by From
	to      map[string][]Rename            // by To
}

// Region is a provincial-level region.
type Region struct {
	Full    string   // 青海省
	Stem    string   // 青海
	Abbr    []string // 青
	Kind    string   // province, autonomous or municipality
	Capital string   // 西宁
	PBC     string   // People's Bank branch before 2023, after 中国人民银行
}

// prefixes returns the ways a name written inside the region may begin
// with the region itself, longest first.
func (g *Region) prefixes() []string {
	switch g.Kind {
	case "autonomous":
		return []string{g.Full, g.Stem + "自治区", g.Stem, "自治区", "区"}
	case "municipality":
		return []string{g.Full, g.Stem, "市"}
	default:
		return []string{g.Full, g.Stem, "省"}
	}
}

func empty() *Registry {
	return &Registry{
		region: map[string]*Region{},
		units:  map[string]*Unit{},
		within: map[string][]string{},
		exact:  map[string][]string{},
		alias:  map[string][]string{},
		local:  map[string]map[string][]string{},
		from:   map[string][]Rename{},
		to:     map[string][]Rename{},
	}
}

// Regions returns the provincial-level regions the registry knows.
func (r *Registry) Regions() []Region {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return slices.Clone(r.regions)
}

// RegionName returns the full name of a region given by its full name,
// stem or one-character abbreviation, and whether it is known.
func (r *Registry) RegionName(s string) (string, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if g, ok := r.region[normalize(s)]; ok {
		return g.Full, true
	}
	return s, false
}

// Add puts a unit in the registry and indexes its names. The unit's ID
// defaults to its name; IDs and canonical names are unique.
func (r *Registry) Add(u Unit) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.add(u)
}

func (r *Registry) add(u Unit) error {
	u.Name = strings.TrimSpace(u.Name)
	if u.Name == "" {
		return fmt.Errorf("unit without a name")
	}
	if u.ID == "" {
		u.ID = u.Name
	}
	if _, dup := r.units[u.ID]; dup {
		return fmt.Errorf("unit %q: already in the registry", u.ID)
	}
	if u.Region != "" {
		if g, ok := r.region[normalize(u.Region)]; ok {
			u.Region = g.Full
		}
	}
	key := normalize(u.Name)
	if ids := r.exact[key]; len(ids) > 0 {
		return fmt.Errorf("unit %q: canonical name already used by %q", u.ID, ids[0])
	}
	for _, m := range u.Members {
		if _, ok := r.units[m]; !ok {
			return fmt.Errorf("unit %q: member %q is not in the registry", u.ID, m)
		}
	}
	p := &u
	p.Aliases = slices.Clone(u.Aliases)
	p.Local = slices.Clone(u.Local)
	p.Members = slices.Clone(u.Members)
	r.units[u.ID] = p
	r.order = append(r.order, u.ID)
	r.within[u.Region] = append(r.within[u.Region], u.ID)
	r.exact[key] = append(r.exact[key], u.ID)
	for _, a := range p.Aliases {
		r.index(r.alias, a, u.ID)
	}
	for _, l := range p.Local {
		r.indexLocal(u.Region, l, u.ID)
	}
	return nil
}

// AddAlias gives the unit id another full name, valid in every region.
func (r *Registry) AddAlias(id, name string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	u, ok := r.units[id]
	if !ok {
		return fmt.Errorf("alias %q: no unit %q", name, id)
	}
	if normalize(name) == "" {
		return fmt.Errorf("alias of %q: empty name", id)
	}
	u.Aliases = append(u.Aliases, name)
	r.index(r.alias, name, id)
	return nil
}

// AddLocalAlias gives the unit id a name as written inside its region
// after the region's prefix (省, 自治区, 青海省 …) is dropped.
func (r *Registry) AddLocalAlias(id, name string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	u, ok := r.units[id]
	if !ok {
		return fmt.Errorf("local alias %q: no unit %q", name, id)
	}
	if u.Region == "" {
		return fmt.Errorf("local alias %q: unit %q has no region", name, id)
	}
	if normalize(name) == "" {
		return fmt.Errorf("local alias of %q: empty name", id)
	}
	u.Local = append(u.Local, name)
	r.indexLocal(u.Region, name, id)
	return nil
}

// AddRename records that From became To on Date.
func (r *Registry) AddRename(n Rename) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.addRename(n)
}

func (r *Registry) addRename(n Rename) error {
	for _, id := range []string{n.From, n.To} {
		if _, ok := r.units[id]; !ok {
			return fmt.Errorf("rename %q → %q: no unit %q", n.From, n.To, id)
		}
	}
	if n.From == n.To {
		return fmt.Errorf("rename %q: to itself", n.From)
	}
	if n.Date.IsZero() {
		return fmt.Errorf("rename %q → %q: no date", n.From, n.To)
	}
	r.from[n.From] = append(r.from[n.From], n)
	r.to[n.To] = append(r.to[n.To], n)
	return nil
}

func (r *Registry) index(m map[string][]string, name, id string) {
	k := normalize(name)
	if k == "" || slices.Contains(m[k], id) {
		return
	}
	m[k] = append(m[k], id)
}

func (r *Registry) indexLocal(region, name, id string) {
	m := r.local[region]
	if m == nil {
		m = map[string][]string{}
		r.local[region] = m
	}
	r.index(m, name, id)
}

// Unit returns the unit with the given ID.
func (r *Registry) Unit(id string) (Unit, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	u, ok := r.units[id]
	if !ok {
		return Unit{}, false
	}
	return u.clone(), true
}

// Filter selects units for List; empty fields select everything.
type Filter struct {
	Region string
	Kind   Kind
}

// List returns the units that pass the filter, in the order they were
// added.
func (r *Registry) List(f Filter) []Unit {
	r.mu.RLock()
	defer r.mu.RUnlock()
	region := f.Region
	if g, ok := r.region[normalize(region)]; ok {
		region = g.Full
	}
	var out []Unit
	for _, id := range r.order {
		u := r.units[id]
		if region != "" && u.Region != region {
			continue
		}
		if f.Kind != "" && u.Kind != f.Kind {
			continue
		}
		out = append(out, u.clone())
	}
	return out
}

// Renames returns the renames that replaced the unit id, and those that
// made it.
func (r *Registry) Renames(id string) (from, to []Rename) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return slices.Clone(r.from[id]), slices.Clone(r.to[id])
}

// Stats counts what the registry holds.
type Stats struct {
	Units, Aliases, Local, Renames, Regions int
	ByKind                                  map[Kind]int
}

// Stats counts units, names and renames.
func (r *Registry) Stats() Stats {
	r.mu.RLock()
	defer r.mu.RUnlock()
	s := Stats{Units: len(r.units), Regions: len(r.regions), ByKind: map[Kind]int{}}
	for _, u := range r.units {
		s.Aliases += len(u.Aliases)
		s.Local += len(u.Local)
		s.ByKind[u.Kind]++
	}
	for _, ns := range r.from {
		s.Renames += len(ns)
	}
	return s
}

// normalize folds the differences that do not change a name: spaces,
// full-width and half-width parentheses and the enumeration comma inside
// them.
func normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, c := range s {
		switch c {
		case ' ', '\t', '\n', '\r', '\u3000', '\u00a0':
			continue
		case '（':
			c = '('
		case '）':
			c = ')'
		case '，':
			c = ','
		default:
			c = tradfold.Rune(c) // 市發展改革委 is 市发展改革委
		}
		b.WriteRune(c)
	}
	return b.String()
}
