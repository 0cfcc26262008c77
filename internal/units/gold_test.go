package units

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"luoshi/internal/plan"

	"luoshi/internal/skipnote"
)

// shared is where the seed plans and their gold extractions live.
const shared = "../../../shared"

// goldFiles returns the gold extractions, skipping the test when they are
// absent, except in CI, where their absence is a failure.
func goldFiles(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(shared, "gold", "*.json"))
	if len(files) == 0 {
		if os.Getenv("CI") != "" {
			t.Fatalf("no gold files in %s/gold", shared)
		}
		skipnote.Skip(t, "unit scores on gold", shared+"/gold not found")
	}
	return files
}

type goldPlan struct {
	Document struct {
		Region string `json:"region"`
		Year   int    `json:"year"`
		Date   string `json:"date"`
	} `json:"document"`
	Tasks []struct {
		Label       string   `json:"label"`
		Lead        []string `json:"lead"`
		Cooperating []string `json:"cooperating"`
		Assignments []struct {
			Lead        []string `json:"lead"`
			Cooperating []string `json:"cooperating"`
		} `json:"assignments"`
	} `json:"tasks"`
}

// Every unit the gold extractions name resolves in its plan's region on
// its plan's date.
func TestGoldUnitsResolve(t *testing.T) {
	r := newRegistry(t)
	total := 0
	for _, f := range goldFiles(t) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var g goldPlan
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if g.Document.Region == "" {
			t.Errorf("%s: gold document has no region", f)
		}
		date := PlanDate(plan.Document{Date: g.Document.Date, Year: g.Document.Year})
		seen := map[string]bool{}
		for _, task := range g.Tasks {
			all := append(append([]string{}, task.Lead...), task.Cooperating...)
			for _, a := range task.Assignments {
				all = append(append(all, a.Lead...), a.Cooperating...)
			}
			for _, name := range all {
				if seen[name] {
					continue
				}
				seen[name] = true
				total++
				res := r.Resolve(name, g.Document.Region, date)
				if res.Match == Unknown || len(res.Units) == 0 {
					t.Errorf("%s task %s: %q unknown in %s on %s", filepath.Base(f), task.Label, name, g.Document.Region, date.Format(time.DateOnly))
					continue
				}
				for _, u := range res.Units {
					if u.Region == "" {
						t.Errorf("%s: %q resolved to %q without a region", filepath.Base(f), name, u.Name)
					}
				}
				if testing.Verbose() {
					t.Logf("%s %s → %s %v", g.Document.Region, name, res.Match, names(res.Units))
				}
			}
		}
	}
	if total < 100 {
		t.Errorf("only %d distinct unit names in the gold files; expected well over 100", total)
	}
}
