package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"luoshi/internal/plan"
	"luoshi/internal/units"
)

// loadRegistry builds the unit registry from its embedded data once, when
// first needed.
var loadRegistry = sync.OnceValues(units.New)

// annotate resolves the unit mentions of a parsed plan.
func annotate(p *plan.Plan, err error) (*plan.Plan, error) {
	if err != nil {
		return nil, err
	}
	reg, err := loadRegistry()
	if err != nil {
		return nil, err
	}
	reg.Annotate(p)
	return p, nil
}

const unitsUsage = `luoshi units resolve NAME [--region R] [--date YYYY-MM-DD] [--json]
       luoshi units list [--region R] [--kind K]`

func runUnits(e env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: %s", errUsage, unitsUsage)
	}
	reg, err := loadRegistry()
	if err != nil {
		return err
	}
	switch args[0] {
	case "resolve":
		return unitsResolve(e, reg, args[1:])
	case "list":
		return unitsList(e, reg, args[1:])
	}
	return fmt.Errorf("%w: unknown units command %q\n%s", errUsage, args[0], unitsUsage)
}

// parseInterspersed parses flags that may come before or after the
// positional arguments, and returns the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func unitsResolve(e env, reg *units.Registry, args []string) error {
	fs := flag.NewFlagSet("units resolve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	region := fs.String("region", "", "the plan's region, e.g. 青海省")
	dateText := fs.String("date", "", "the plan's date, YYYY-MM-DD or YYYY (default today)")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: %s", errUsage, unitsUsage)
	}
	if err := checkRegion(reg, *region); err != nil {
		return err
	}
	date, err := parseDate(*dateText)
	if err != nil {
		return err
	}
	res := reg.Resolve(pos[0], *region, date)
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			return err
		}
	}
	if res.Match == units.Unknown {
		where := res.Region
		if where == "" {
			where = "any region"
		}
		return fmt.Errorf("%q is not in the unit registry (%s)", pos[0], where)
	}
	if *asJSON {
		return nil
	}
	w := e.stdout
	fmt.Fprintf(w, "%s\t%s\n", pos[0], res.Match)
	if res.Match == units.Renamed || res.Match == units.Group {
		for _, u := range res.Named {
			fmt.Fprintf(w, "  named\t%s\t%s\t%s\n", u.Name, u.Kind, u.Region)
		}
	}
	for _, u := range res.Units {
		fmt.Fprintf(w, "  unit\t%s\t%s\t%s\n", u.Name, u.Kind, u.Region)
	}
	for _, u := range res.Successors {
		fmt.Fprintf(w, "  now\t%s\t%s\t%s\n", u.Name, u.Kind, u.Region)
	}
	return nil
}

func unitsList(e env, reg *units.Registry, args []string) error {
	fs := flag.NewFlagSet("units list", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	region := fs.String("region", "", "only units of this region")
	kind := fs.String("kind", "", "only units of this kind (department, prefecture, collective …)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return fmt.Errorf("%w: %s", errUsage, unitsUsage)
	}
	if err := checkRegion(reg, *region); err != nil {
		return err
	}
	list := reg.List(units.Filter{Region: *region, Kind: units.Kind(*kind)})
	if len(list) == 0 && *kind != "" {
		return fmt.Errorf("%w: no units of kind %q", errUsage, *kind)
	}
	for _, u := range list {
		names := append(append([]string{}, u.Aliases...), u.Local...)
		var became []string
		from, _ := reg.Renames(u.ID)
		for _, n := range from {
			became = append(became, fmt.Sprintf("→%s(%s)", n.To, n.Date.Format(time.DateOnly)))
		}
		fmt.Fprintf(e.stdout, "%s\t%s\t%s\t%s\t%s\n", u.Name, u.Kind, u.Region, strings.Join(names, "|"), strings.Join(became, " "))
	}
	return nil
}

func checkRegion(reg *units.Registry, region string) error {
	if region == "" {
		return nil
	}
	if _, ok := reg.RegionName(region); !ok {
		return fmt.Errorf("%w: unknown region %q (give a province, autonomous region or municipality, e.g. 青海省)", errUsage, region)
	}
	return nil
}

// parseDate reads YYYY-MM-DD or YYYY; empty is today.
func parseDate(s string) (time.Time, error) {
	if s == "" {
		y, m, d := time.Now().Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if y, err := strconv.Atoi(s); err == nil && y > 1900 && y < 3000 {
		return time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC), nil
	}
	return time.Time{}, fmt.Errorf("%w: date %q: want YYYY-MM-DD or YYYY", errUsage, s)
}
