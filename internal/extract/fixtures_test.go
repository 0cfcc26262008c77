package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"luoshi/internal/plan"
	"luoshi/internal/source"
)

// want is the hand-written expected output of a fixture: only the fields
// it names are compared.
type want struct {
	Document *plan.Document `json:"document"`
	Goals    []wantTarget   `json:"goals"`
	Tasks    []struct {
		Label       string       `json:"label"`
		Path        []string     `json:"path"`
		TaskForce   *string      `json:"task_force"`
		Lead        []string     `json:"lead"`
		Cooperating []string     `json:"cooperating"`
		Deadline    string       `json:"deadline"`
		TextPrefix  string       `json:"text_prefix"`
		Text        string       `json:"text_exact"` // the whole text, where the answer gives it
		Targets     []wantTarget `json:"targets"`
	} `json:"tasks"`
	Warnings []string `json:"warnings"`
}

type wantTarget struct {
	Value      float64  `json:"value"`
	ValueMax   *float64 `json:"value_max"`
	Unit       string   `json:"unit"`
	Comparator string   `json:"comparator"`
	Year       int      `json:"year"`
}

func checkTargets(t *testing.T, where string, want []wantTarget, got []plan.Target) {
	t.Helper()
	if len(want) != len(got) {
		t.Errorf("%s: %d targets, want %d: %+v", where, len(got), len(want), got)
		return
	}
	for i, w := range want {
		g := got[i]
		// A year is checked where the answer gives one: the year of an
		// undated target in a plan of several years is a convention the
		// answers do not agree on.
		maxOK := (w.ValueMax == nil) == (g.ValueMax == nil) && (w.ValueMax == nil || *w.ValueMax == *g.ValueMax)
		if g.Value != w.Value || !maxOK || g.Unit != w.Unit || g.Comparator != w.Comparator || (w.Year != 0 && g.Year != w.Year) {
			t.Errorf("%s: target %d = %v %s %s (%d), want %v %s %s (%d)", where, i, g.Value, g.Unit, g.Comparator, g.Year,
				w.Value, w.Unit, w.Comparator, w.Year)
		}
	}
}

// checkPlan compares a parsed plan with a fixture's expected output.
func checkPlan(t *testing.T, p *plan.Plan, w want) {
	t.Helper()
	if w.Document != nil && p.Document != *w.Document {
		t.Errorf("document = %+v\nwant       %+v", p.Document, *w.Document)
	}
	if w.Goals != nil {
		checkTargets(t, "goals", w.Goals, p.Goals)
	}
	if len(p.Tasks) != len(w.Tasks) {
		var labels []string
		for _, task := range p.Tasks {
			labels = append(labels, task.Label)
		}
		t.Fatalf("%d tasks %v, want %d", len(p.Tasks), labels, len(w.Tasks))
	}
	for i, wt := range w.Tasks {
		g := p.Tasks[i]
		where := "task " + wt.Label
		if g.Label != wt.Label {
			t.Errorf("task %d label = %q, want %q", i, g.Label, wt.Label)
		}
		if wt.Path != nil && !reflect.DeepEqual(g.Path, wt.Path) {
			t.Errorf("%s: path = %q, want %q", where, g.Path, wt.Path)
		}
		if !reflect.DeepEqual(nonNil(g.Lead), nonNil(wt.Lead)) || !reflect.DeepEqual(nonNil(g.Cooperating), nonNil(wt.Cooperating)) {
			t.Errorf("%s: lead %q cooperating %q, want %q %q", where, g.Lead, g.Cooperating, wt.Lead, wt.Cooperating)
		}
		if wt.TaskForce != nil && g.TaskForce != *wt.TaskForce {
			t.Errorf("%s: task force = %q, want %q", where, g.TaskForce, *wt.TaskForce)
		}
		if g.Deadline != wt.Deadline {
			t.Errorf("%s: deadline = %q, want %q", where, g.Deadline, wt.Deadline)
		}
		// The prefix is compared on Han characters, as the scoring tool does.
		if wt.TextPrefix != "" && !strings.HasPrefix(hanPrefix(g.Text, 200), hanPrefix(wt.TextPrefix, 200)) {
			t.Errorf("%s: text = %q, want it to start %q", where, g.Text, wt.TextPrefix)
		}
		if wt.Text != "" && hanPrefix(g.Text, 1<<20) != hanPrefix(wt.Text, 1<<20) {
			t.Errorf("%s: text = %q, want %q", where, g.Text, wt.Text)
		}
		if wt.Targets != nil || len(g.Targets) > 0 {
			checkTargets(t, where, wt.Targets, g.Targets)
		}
		// Every unit mention points at its name in the source.
		src := []rune(p.Source)
		for _, u := range g.Units {
			if got := string(src[u.Start:u.End]); got != u.Name {
				t.Errorf("%s: mention %q spans %q", where, u.Name, got)
			}
		}
	}
	if w.Warnings != nil {
		var codes []string
		for _, wa := range p.Warnings {
			if wa.Code != "no_units" {
				codes = append(codes, wa.Code)
			}
		}
		if !reflect.DeepEqual(nonNil(codes), nonNil(w.Warnings)) {
			t.Errorf("warnings %q, want %q (%+v)", codes, w.Warnings, p.Warnings)
		}
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// TestFixtures parses plans written for these tests in layouts the seed
// plans do not use, and compares them with hand-written answers.
func TestFixtures(t *testing.T) {
	wants, err := filepath.Glob(filepath.Join("testdata", "*.want.json"))
	if err != nil || len(wants) < 3 {
		t.Fatalf("fixtures missing: %v %v", wants, err)
	}
	for _, w := range wants {
		name := strings.TrimSuffix(filepath.Base(w), ".want.json")
		t.Run(name, func(t *testing.T) {
			// A fixture is plain text, or a saved web page read as the
			// import path reads it.
			files, _ := filepath.Glob(filepath.Join("testdata", name+".*"))
			var src string
			for _, f := range files {
				if strings.HasSuffix(f, ".want.json") {
					continue
				}
				raw, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				if src, err = source.Decode(f, raw); err != nil {
					t.Fatal(err)
				}
			}
			if src == "" {
				t.Fatalf("no document for %s", name)
			}
			raw, err := os.ReadFile(filepath.Join("testdata", name+".want.json"))
			if err != nil {
				t.Fatal(err)
			}
			var w want
			if err := json.Unmarshal(raw, &w); err != nil {
				t.Fatal(err)
			}
			p, err := Parse(src)
			if err != nil {
				t.Fatal(err)
			}
			checkPlan(t, p, w)
		})
	}
}
