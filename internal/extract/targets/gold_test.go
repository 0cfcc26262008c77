package targets

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"luoshi/internal/plan"

	"luoshi/internal/skipnote"
)

// goldDir holds the hand-made answers shared by the project.
const goldDir = "../../../../shared/gold"

type goldTarget struct {
	Text       string   `json:"text"`
	Indicator  string   `json:"indicator"`
	Value      float64  `json:"value"`
	ValueMax   *float64 `json:"value_max"`
	Unit       string   `json:"unit"`
	Comparator string   `json:"comparator"`
	Year       *int     `json:"year"`
}

type goldDoc struct {
	Document struct {
		Year *int `json:"year"`
	} `json:"document"`
	Tasks []struct {
		Label   string       `json:"label"`
		Text    string       `json:"text"`
		Targets []goldTarget `json:"targets"`
	} `json:"tasks"`
}

func loadGold(tb testing.TB) map[string]goldDoc {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(goldDir, "*.json"))
	if len(files) == 0 {
		if os.Getenv("CI") != "" {
			tb.Fatalf("no gold files in %s", goldDir)
		}
		skipnote.Skip(tb, "target scores on gold", goldDir+" not found")
	}
	docs := map[string]goldDoc{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		var d goldDoc
		if err := json.Unmarshal(b, &d); err != nil {
			tb.Fatalf("%s: %v", f, err)
		}
		docs[filepath.Base(f)] = d
	}
	return docs
}

// targetYear is the year to pass for a gold document: its own year for an
// annual plan, 0 for a multi-year opinion whose targets are for other years.
func targetYear(d goldDoc) int {
	if d.Document.Year == nil {
		return 0
	}
	y := *d.Document.Year
	for _, t := range d.Tasks {
		for _, g := range t.Targets {
			if g.Year != nil && *g.Year != y {
				return 0
			}
		}
	}
	return y
}

type key struct {
	task  string
	value float64
	unit  string
}

func keyOf(task string, value float64, unit string) key {
	return key{task, math.Round(value*1e4) / 1e4, strings.ReplaceAll(strings.TrimSpace(unit), "％", "%")}
}

func TestGold(t *testing.T) {
	docs := loadGold(t)
	names := make([]string, 0, len(docs))
	for n := range docs {
		names = append(names, n)
	}
	sort.Strings(names)

	var tp, fp, fn, cmpOK, cmpN, yearOK int
	for _, name := range names {
		d := docs[name]
		year := targetYear(d)
		for i, task := range d.Tasks {
			id := fmt.Sprintf("%s#%d(%s)", name[:3], i, task.Label)
			gold := map[key]goldTarget{}
			for _, g := range task.Targets {
				gold[keyOf(id, g.Value, g.Unit)] = g
			}
			pred := map[key][]plan.Target{}
			for _, p := range Find(task.Text, year) {
				k := keyOf(id, p.Value, p.Unit)
				pred[k] = append(pred[k], p)
			}
			for k, ps := range pred {
				p := ps[0]
				if _, ok := gold[k]; !ok {
					fp++
					t.Logf("extra %s %v %s %s | %s", id, p.Value, p.Unit, p.Comparator, p.Text)
				}
			}
			// Several gold targets may share a (value, unit) key within a
			// task; a comparator is right when a prediction with that key
			// has it.
			for _, g := range task.Targets {
				ps, ok := pred[keyOf(id, g.Value, g.Unit)]
				if !ok {
					continue
				}
				p := ps[0]
				for _, q := range ps {
					if q.Comparator == g.Comparator {
						p = q
					}
				}
				cmpN++
				if g.Comparator == p.Comparator {
					cmpOK++
				} else {
					t.Logf("comparator %s %v %s: got %s want %s | %s", id, p.Value, p.Unit, p.Comparator, g.Comparator, g.Text)
				}
				gy := 0
				if g.Year != nil {
					gy = *g.Year
				}
				if gy == p.Year {
					yearOK++
				} else {
					t.Logf("year %s %v %s: got %d want %d | %s", id, p.Value, p.Unit, p.Year, gy, g.Text)
				}
			}
			for k, g := range gold {
				if _, ok := pred[k]; ok {
					tp++
				} else {
					fn++
					t.Logf("missed %s %v %s | %s", id, g.Value, g.Unit, g.Text)
				}
			}
		}
	}
	p := ratio(tp, tp+fp)
	r := ratio(tp, tp+fn)
	f1 := 0.0
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	ca := ratio(cmpOK, cmpN)
	ya := ratio(yearOK, cmpN)
	t.Logf("targets P %.3f R %.3f F1 %.3f (tp %d, fp %d, fn %d); comparators %.3f (%d/%d); years %.3f",
		p, r, f1, tp, fp, fn, ca, cmpOK, cmpN, ya)
	if f1 < 0.90 {
		t.Errorf("F1 %.3f below 0.90", f1)
	}
	if ca < 0.90 {
		t.Errorf("comparator accuracy %.3f below 0.90", ca)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}
