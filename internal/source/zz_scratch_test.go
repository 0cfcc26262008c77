package source

import (
	"strings"
	"testing"
	"time"
)

func TestScratchDeep(t *testing.T) {
	for _, unit := range []string{"<div>", "<table><tr><td>", "<header>", "<p>x", "<td rowspan=1000>a", "<form><p>", "<li>", "<span>", "<tr><td colspan=100 rowspan=1000>" + strings.Repeat("字", 100)} {
		doc := "<html><body><article>" + strings.Repeat(unit, (1<<20)/len(unit)) + "一"
		start := time.Now()
		out, err := Decode("a.html", []byte(doc))
		t.Logf("%-20q %v len=%d err=%v", unit[:min(len(unit), 20)], time.Since(start), len(out), err)
	}
}
