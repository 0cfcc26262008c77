package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"luoshi/internal/tradfold"
)

// traditional writes s in traditional characters: each simplified
// character that some traditional one folds to is replaced by one of
// them, so that folding gives s back.
func traditional(s string) string {
	back := map[rune]rune{}
	for r := rune(0x3400); r <= 0x9FFF; r++ {
		if f := tradfold.Rune(r); f != r {
			if _, ok := back[f]; !ok {
				back[f] = r
			}
		}
	}
	return strings.Map(func(r rune) rune {
		if t, ok := back[r]; ok {
			return t
		}
		return r
	}, s)
}

// A plan printed in traditional characters reads as the same plan as its
// simplified twin: the same tasks, units, deadlines, targets and goals,
// each as printed. (The header's fields, and the headings and warnings
// that come with them, are read by rules of their own and left out here.)
func TestTraditionalReadsAlike(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "seeds", "*.txt"))
	files = append(files, seeds...)
	if len(files) < 10 {
		t.Fatalf("only %d plans to read", len(files))
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s := string(raw)
		tr := traditional(s)
		if tr == s {
			continue
		}
		want, err1 := Parse(s)
		got, err2 := Parse(tr)
		if (err1 == nil) != (err2 == nil) {
			t.Errorf("%s: error %v, traditional %v", f, err1, err2)
			continue
		}
		if err1 != nil {
			continue
		}
		a, _ := json.Marshal(struct{ Tasks, Goals any }{want.Tasks, want.Goals})
		b, _ := json.Marshal(struct{ Tasks, Goals any }{got.Tasks, got.Goals})
		if fa, fb := foldString(string(a)), foldString(string(b)); fa != fb {
			t.Errorf("%s: the traditional text reads differently:\n%s", filepath.Base(f), firstDiff(fa, fb))
		}
	}
}

func firstDiff(a, b string) string {
	ra, rb := []rune(a), []rune(b)
	i := 0
	for i < len(ra) && i < len(rb) && ra[i] == rb[i] {
		i++
	}
	from := max(0, i-80)
	return "  simplified:  " + string(ra[from:min(len(ra), i+80)]) + "\n  traditional: " + string(rb[from:min(len(rb), i+80)])
}
