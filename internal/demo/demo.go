// Package demo fills an empty store: the first office account and, when
// wanted, a demonstration plan of a fictitious province with its units,
// reporter accounts and some progress, so that a new installation shows
// a working system at once.
package demo

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"strings"

	"luoshi/internal/auth"
	"luoshi/internal/plan"
	"luoshi/internal/planedit"
	"luoshi/internal/store"
	"luoshi/internal/units"
)

//go:embed dongchuan-2026.txt
var planText []byte

// PlanFile is the name the demonstration plan is imported under.
const PlanFile = "dongchuan-2026.txt"

// PlanText returns the demonstration plan's text.
func PlanText() []byte { return planText }

// Region of the demonstration plan.
const Region = "东川省"

// Reporters are the demonstration accounts of lead units.
var Reporters = []struct{ Username, Unit string }{
	{"fgw", "省发展改革委"},
	{"swt", "省商务厅"},
	{"wlt", "省文化和旅游厅"},
	{"gxt", "省工业和信息化厅"},
}

// Viewer is the demonstration read-only account.
const Viewer = "leader"

// Options says how to seed.
type Options struct {
	// Parse is the one path from a document's bytes to a plan.
	Parse func(name string, data []byte) (*plan.Plan, error)
	// AdminPassword for the "admin" office account; random when empty.
	AdminPassword string
	// DemoPassword for the demonstration accounts; random when empty.
	DemoPassword string
	// Plan loads the demonstration plan and its accounts.
	Plan bool
	// Out receives the account names and any generated password.
	Out io.Writer
}

// ErrNotEmpty means the store already has accounts; nothing was done.
var ErrNotEmpty = errors.New("the store already has accounts")

var system = store.Actor{Username: "system"}

// systemOffice is the seeding acting as the office, under its rules.
var systemOffice = planedit.Actor{Username: "system", Role: store.RoleOffice}

// Cities are the demonstration province's prefecture-level governments,
// the members of the plan's 各市州人民政府.
var Cities = []string{"东州市人民政府", "江口市人民政府", "青石市人民政府", "白河州人民政府"}

// kindOf tells the kind of a unit of the demonstration plan by its name.
func kindOf(name string) units.Kind {
	switch {
	case strings.HasPrefix(name, "人民银行"):
		return units.CentralBank
	case strings.HasPrefix(name, "国家金融监督管理总局"):
		return units.Regulator
	case strings.HasPrefix(name, "省委"):
		return units.Party
	case name == "省通信管理局" || name == "省邮政管理局":
		return units.Vertical
	case name == "省供销合作社":
		return units.Organization
	}
	return units.Department
}

// Seed creates the office account "admin" on a store without accounts,
// and the demonstration plan when opts.Plan is set.
func Seed(ctx context.Context, st *store.Store, opts Options) error {
	n, err := st.CountUsers(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		return ErrNotEmpty
	}
	pw, generated := opts.AdminPassword, false
	if pw == "" {
		pw, generated = auth.Password(), true
	}
	hash, err := auth.HashPassword(pw)
	if err != nil {
		return err
	}
	if _, err := st.CreateUser(ctx, system, store.NewUser{Username: "admin", DisplayName: "办公室管理员", Role: store.RoleOffice, PasswordHash: hash}); err != nil {
		return err
	}
	if generated {
		fmt.Fprintf(opts.Out, "office account: admin  password: %s  (shown once)\n", pw)
	} else {
		fmt.Fprintln(opts.Out, "office account: admin  (password from LUOSHI_ADMIN_PASSWORD)")
	}
	if !opts.Plan {
		return nil
	}
	return loadPlan(ctx, st, opts)
}

func loadPlan(ctx context.Context, st *store.Store, opts Options) error {
	p, err := opts.Parse(PlanFile, planText)
	if err != nil {
		return fmt.Errorf("demo plan: %w", err)
	}
	if p.Document.Region == "" {
		// The text names a province no registry knows: say which, and
		// drop the note that it names none.
		p.Document.Region = Region
		kept := p.Warnings[:0]
		for _, w := range p.Warnings {
			if w.Code != "region_missing" {
				kept = append(kept, w)
			}
		}
		p.Warnings = kept
	}
	id, err := st.CreatePlan(ctx, system, store.NewPlan{Plan: p, FileName: PlanFile})
	if err != nil {
		return fmt.Errorf("demo plan: %w", err)
	}
	// The province is fictitious, so no registry knows its units: create
	// each one named in the plan, of its kind, and map the mentions to
	// it. A collective name (各市州人民政府) is no unit: it is expanded into
	// the province's cities, as the office does on the publish page.
	o, err := st.PlanOutline(ctx, id, store.TaskFilter{})
	if err != nil {
		return err
	}
	unitIDs := map[string]int64{}
	collectives := map[string]bool{}
	for _, t := range o.Tasks {
		for _, u := range t.Units {
			if units.LooksCollective(u.Name) {
				collectives[u.Name] = true
				continue
			}
			if u.UnitID != 0 || unitIDs[u.Name] != 0 {
				continue
			}
			uid, err := st.CreateUnit(ctx, system, store.Unit{Name: u.Name, Region: Region, Kind: string(kindOf(u.Name))})
			if err != nil {
				return fmt.Errorf("demo unit %s: %w", u.Name, err)
			}
			unitIDs[u.Name] = uid
			if _, err := st.MapUnitName(ctx, system, id, u.Name, uid); err != nil {
				return err
			}
		}
	}
	var cityIDs []int64
	for _, c := range Cities {
		uid, err := st.CreateUnit(ctx, system, store.Unit{Name: c, Region: Region, Kind: string(units.Prefecture)})
		if err != nil {
			return fmt.Errorf("demo unit %s: %w", c, err)
		}
		cityIDs = append(cityIDs, uid)
	}
	for name := range collectives {
		if _, err := planedit.Expand(ctx, st, systemOffice, id, name, cityIDs); err != nil {
			return fmt.Errorf("demo: expanding %s: %w", name, err)
		}
	}
	// Published as the office publishes, by the same rules.
	if _, err := planedit.Publish(ctx, st, systemOffice, id, true); err != nil {
		return err
	}
	if err := st.SetPublic(ctx, system, id, true); err != nil {
		return err
	}

	pw, generated := opts.DemoPassword, false
	if pw == "" {
		pw, generated = auth.Password(), true
	}
	hash, err := auth.HashPassword(pw)
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.Out, "demonstration plan loaded: %s\n", p.Document.Title)
	for _, r := range Reporters {
		uid := unitIDs[r.Unit]
		if uid == 0 {
			continue
		}
		if _, err := st.CreateUser(ctx, system, store.NewUser{Username: r.Username, DisplayName: r.Unit, Role: store.RoleReporter, UnitID: uid, PasswordHash: hash}); err != nil {
			return err
		}
		fmt.Fprintf(opts.Out, "reporter account: %-6s unit: %s\n", r.Username, r.Unit)
	}
	if _, err := st.CreateUser(ctx, system, store.NewUser{Username: Viewer, DisplayName: "省政府领导", Role: store.RoleViewer, PasswordHash: hash}); err != nil {
		return err
	}
	fmt.Fprintf(opts.Out, "viewer account:   %s\n", Viewer)
	if err := seedProgress(ctx, st, id); err != nil {
		return err
	}
	if generated {
		fmt.Fprintf(opts.Out, "demonstration accounts' password: %s  (shown once)\n", pw)
	} else {
		fmt.Fprintln(opts.Out, "demonstration accounts' password from LUOSHI_DEMO_PASSWORD")
	}
	return nil
}
