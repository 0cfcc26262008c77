package extract

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzParse feeds the extractor arbitrary text: it must not panic, and
// every span it reports must lie inside the plan's source.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"city_plan.txt", "task_table.txt"} {
		if b, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("一、总体要求\n（一）加快发展。（牵头单位：省商务厅；配合单位：）\n1.")
	f.Add("1.推进（省发展改革委牵头，（各市（州）人民政府负责）\n2、一是二是三是")
	f.Add("第一章\n第1.\n(一)\n(1)\n①\n\t序号\t任务\t牵头单位\n1\t\t\t")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		if err != nil {
			return
		}
		n := utf8.RuneCountInString(p.Source) // the text without glosses
		inside := func(what string, start, end int) {
			if start < 0 || end < start || end > n {
				t.Fatalf("%s span [%d,%d) outside the text of %d runes", what, start, end, n)
			}
		}
		for _, task := range p.Tasks {
			inside("task", task.Start, task.End)
			for _, u := range task.Units {
				inside("unit", u.Start, u.End)
			}
			for _, g := range task.Targets {
				inside("target", g.Start, g.End)
			}
		}
		for _, g := range p.Goals {
			inside("goal", g.Start, g.End)
		}
		for _, h := range p.Headings {
			inside("heading", h.Start, h.End)
		}
	})
}

// BenchmarkParseSeeds parses the five seed plans; its MB/s is the
// extractor's throughput on real documents.
func BenchmarkParseSeeds(b *testing.B) {
	benchmarkParse(b, filepath.Join(sharedDir(b), "seeds"))
}

// BenchmarkParseCorpus parses the real plans in the layouts offices
// publish, long single lines and cell-per-line tables among them.
func BenchmarkParseCorpus(b *testing.B) {
	benchmarkParse(b, filepath.Join(sharedDir(b), "corpus", "docs"))
}

func benchmarkParse(b *testing.B, dir string) {
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		b.Fatalf("no documents in %s", dir)
	}
	var docs []string
	size := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, string(raw))
		size += len(raw)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			if _, err := Parse(d); err != nil {
				b.Fatal(err)
			}
		}
	}
}
