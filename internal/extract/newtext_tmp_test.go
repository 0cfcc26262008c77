package extract

import (
	"os"
	"path/filepath"
	"testing"
)

func BenchmarkNewTextTmp(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(sharedDir(b), "corpus", "docs", "*.txt"))
	var docs []string
	for _, f := range files {
		raw, _ := os.ReadFile(f)
		docs = append(docs, string(raw))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			newText(d).release()
		}
	}
}
