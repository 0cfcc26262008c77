package units

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"time"
)

// data is the registry's content; each file describes its format.
//
//go:embed data/*.tsv
var data embed.FS

// New returns a registry loaded from the embedded data files. An error
// means a data file is malformed, and names the file and line.
func New() (*Registry, error) {
	return load(data)
}

type loader struct {
	r    *Registry
	fsys fs.FS
	// pattern maps region → pattern key → unit ID, for renames.tsv.
	pattern map[string]map[string]string
}

func load(fsys fs.FS) (*Registry, error) {
	l := &loader{r: empty(), fsys: fsys, pattern: map[string]map[string]string{}}
	for _, step := range []struct {
		file string
		run  func(rec) error
	}{
		{"regions.tsv", l.region},
		{"prefectures.tsv", l.prefecture},
		{"units.tsv", l.unit},
	} {
		if step.file == "prefectures.tsv" {
			// Patterns come after regions, before the units that may
			// name pattern units as members.
			if err := l.patterns(); err != nil {
				return nil, err
			}
		}
		if err := l.each(step.file, step.run); err != nil {
			return nil, err
		}
	}
	if err := l.renames(); err != nil {
		return nil, err
	}
	return l.r, nil
}

// rec is one data line split into its TAB-separated fields.
type rec struct {
	file   string
	line   int
	fields []string
}

// field returns field i, or "" when the line is shorter.
func (c rec) field(i int) string {
	if i < len(c.fields) {
		return strings.TrimSpace(c.fields[i])
	}
	return ""
}

// list returns field i split at '|'.
func (c rec) list(i int) []string {
	var out []string
	for _, s := range strings.Split(c.field(i), "|") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (c rec) errorf(format string, args ...any) error {
	return fmt.Errorf("units: %s:%d: %s", c.file, c.line, fmt.Sprintf(format, args...))
}

// each calls fn for every data line of a file.
func (l *loader) each(file string, fn func(rec) error) error {
	f, err := l.fsys.Open("data/" + file)
	if err != nil {
		return fmt.Errorf("units: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := fn(rec{file: file, line: n, fields: strings.Split(line, "\t")}); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("units: %s: %w", file, err)
	}
	return nil
}

func (l *loader) region(c rec) error {
	g := Region{
		Full: c.field(0), Stem: c.field(1), Abbr: c.list(2),
		Kind: c.field(3), Capital: c.field(4), PBC: c.field(5),
	}
	if g.Full == "" || g.Stem == "" || g.Capital == "" || g.PBC == "" {
		return c.errorf("a region needs full, stem, abbr, kind, capital and pbc")
	}
	if !slices.Contains([]string{"province", "autonomous", "municipality"}, g.Kind) {
		return c.errorf("region kind %q is not province, autonomous or municipality", g.Kind)
	}
	r := l.r
	r.regions = append(r.regions, g)
	// Keys are set once every region is read: appending may move them.
	r.region = map[string]*Region{}
	for i := range r.regions {
		p := &r.regions[i]
		for _, k := range append([]string{p.Full, p.Stem}, p.Abbr...) {
			r.region[k] = p
		}
	}
	return nil
}

// patternLine is one line of patterns.tsv.
type patternLine struct {
	rec
	key, applies string
}

func (l *loader) patterns() error {
	var lines []patternLine
	if err := l.each("patterns.tsv", func(c rec) error {
		p := patternLine{rec: c, key: c.field(0), applies: c.field(1)}
		if p.key == "" || c.field(3) == "" {
			return c.errorf("a pattern needs key, applies, kind and name")
		}
		if !slices.Contains([]string{"p", "m", "*"}, p.applies) {
			return c.errorf("applies %q is not p, m or *", p.applies)
		}
		if _, ok := kindOf(c.field(2)); !ok {
			return c.errorf("unknown kind %q", c.field(2))
		}
		lines = append(lines, p)
		return nil
	}); err != nil {
		return err
	}
	type override struct {
		name  string
		local []string
	}
	overrides := map[[2]string]override{}
	if err := l.each("overrides.tsv", func(c rec) error {
		region, key := c.field(0), c.field(1)
		g, ok := l.r.region[region]
		if !ok {
			return c.errorf("unknown region %q", region)
		}
		if !slices.ContainsFunc(lines, func(p patternLine) bool { return p.key == key }) {
			return c.errorf("unknown pattern key %q", key)
		}
		if c.field(2) == "" {
			return c.errorf("an override needs a name, or '-'")
		}
		overrides[[2]string{g.Full, key}] = override{c.field(2), c.list(3)}
		return nil
	}); err != nil {
		return err
	}

	for i := range l.r.regions {
		g := l.r.regions[i]
		seen := map[string]bool{}
		for _, p := range lines {
			if !applies(p.applies, g.Kind) {
				continue
			}
			if seen[p.key] {
				return p.errorf("pattern %q applies twice to %s", p.key, g.Full)
			}
			seen[p.key] = true
			name, local := p.field(3), p.list(4)
			if o, ok := overrides[[2]string{g.Full, p.key}]; ok {
				if o.name == "-" {
					continue
				}
				name = o.name
				local = append(slices.Clone(o.local), local...)
			}
			kind, _ := kindOf(p.field(2))
			u := Unit{
				Name:    expand(name, &g, true),
				Kind:    kind,
				Region:  g.Full,
				Local:   local,
				Pattern: p.key,
			}
			for _, a := range p.list(5) {
				u.Aliases = append(u.Aliases, expand(a, &g, false))
			}
			if m := p.field(6); m != "" {
				k, ok := strings.CutPrefix(m, "kind:")
				if !ok {
					return p.errorf("members %q: a pattern names members as kind:KIND", m)
				}
				if u.MemberKind, ok = kindOf(k); !ok {
					return p.errorf("members: unknown kind %q", k)
				}
			}
			if err := l.r.add(u); err != nil {
				return p.errorf("%s: %v", g.Full, err)
			}
			if l.pattern[g.Full] == nil {
				l.pattern[g.Full] = map[string]string{}
			}
			l.pattern[g.Full][p.key] = u.Name
		}
	}
	return nil
}

func applies(a, regionKind string) bool {
	switch a {
	case "m":
		return regionKind == "municipality"
	case "p":
		return regionKind != "municipality"
	}
	return true
}

// expand fills a name template; a canonical name without braces follows
// the region's full name.
func expand(t string, g *Region, canonical bool) string {
	if !strings.Contains(t, "{") {
		if canonical {
			return g.Full + t
		}
		return t
	}
	return strings.NewReplacer(
		"{full}", g.Full, "{stem}", g.Stem, "{capital}", g.Capital, "{pbc}", g.PBC,
	).Replace(t)
}

func (l *loader) prefecture(c rec) error {
	g, ok := l.r.region[c.field(0)]
	if !ok {
		return c.errorf("unknown region %q", c.field(0))
	}
	name := c.field(1)
	if name == "" {
		return c.errorf("a prefecture needs a name")
	}
	short := c.list(2)
	u := Unit{Kind: Prefecture, Region: g.Full}
	if strings.HasSuffix(name, "地区") || strings.HasSuffix(name, "盟") {
		u.Name = name + "行政公署"
		u.Aliases = []string{name + "行署", name + "人民政府", name}
		for _, s := range short {
			u.Aliases = append(u.Aliases, s+"行署", s+"地区行署")
		}
	} else {
		u.Name = name + "人民政府"
		u.Aliases = []string{name + "政府", name}
		for _, s := range short {
			u.Aliases = append(u.Aliases, s+"人民政府", s+"政府", s)
		}
	}
	if err := l.r.add(u); err != nil {
		return c.errorf("%v", err)
	}
	return nil
}

func (l *loader) unit(c rec) error {
	kind, ok := kindOf(c.field(1))
	if !ok {
		return c.errorf("unknown kind %q", c.field(1))
	}
	region := c.field(2)
	if region != "" {
		if _, ok := l.r.region[region]; !ok {
			return c.errorf("unknown region %q", region)
		}
	}
	u := Unit{
		Name: c.field(0), Kind: kind, Region: region,
		Aliases: c.list(3), Local: c.list(4), Members: c.list(5),
	}
	if len(u.Local) > 0 && region == "" {
		return c.errorf("local names need a region")
	}
	if err := l.r.add(u); err != nil {
		return c.errorf("%v", err)
	}
	return nil
}

func (l *loader) renames() error {
	type key struct{ region, from, to string }
	pattern := map[key]Rename{}
	var order []key
	set := func(k key, n Rename) {
		if _, ok := pattern[k]; !ok {
			order = append(order, k)
		}
		pattern[k] = n
	}
	if err := l.each("renames.tsv", func(c rec) error {
		from, to, region := c.field(0), c.field(1), c.field(3)
		d, err := time.Parse(time.DateOnly, c.field(2))
		if err != nil {
			return c.errorf("date %q: want YYYY-MM-DD", c.field(2))
		}
		var into bool
		switch c.field(4) {
		case "":
		case "into":
			into = true
		default:
			return c.errorf("how %q: want empty or 'into'", c.field(4))
		}
		fk, fp := strings.CutPrefix(from, "@")
		tk, tp := strings.CutPrefix(to, "@")
		switch {
		case fp != tp:
			return c.errorf("from and to must both be pattern keys or both names")
		case !fp:
			if region != "-" {
				return c.errorf("a rename between names has region '-'")
			}
			if err := l.r.addRename(Rename{From: from, To: to, Date: d, Into: into}); err != nil {
				return c.errorf("%v", err)
			}
		case region == "*":
			n := 0
			for _, g := range l.r.regions {
				if _, ok := pattern[key{g.Full, fk, tk}]; ok {
					continue // a region's own date came first
				}
				if l.pattern[g.Full][fk] != "" && l.pattern[g.Full][tk] != "" {
					set(key{g.Full, fk, tk}, Rename{Date: d, Into: into})
					n++
				}
			}
			if n == 0 {
				return c.errorf("no region has both %s and %s", from, to)
			}
		default:
			g, ok := l.r.region[region]
			if !ok {
				return c.errorf("unknown region %q", region)
			}
			if l.pattern[g.Full][fk] == "" || l.pattern[g.Full][tk] == "" {
				return c.errorf("%s has no %s or no %s", g.Full, from, to)
			}
			set(key{g.Full, fk, tk}, Rename{Date: d, Into: into})
		}
		return nil
	}); err != nil {
		return err
	}
	for _, k := range order {
		n := pattern[k]
		n.From, n.To = l.pattern[k.region][k.from], l.pattern[k.region][k.to]
		if err := l.r.addRename(n); err != nil {
			return fmt.Errorf("units: renames.tsv: %s: %w", k.region, err)
		}
	}
	return nil
}

// kindOf parses a kind name.
func kindOf(s string) (Kind, bool) {
	k := Kind(s)
	switch k {
	case Department, Government, Prefecture, Party, Organization, Vertical,
		Regulator, CentralBank, SOE, Zone, Office, Collective:
		return k, true
	}
	return "", false
}
