package locale

import (
	"strings"
	"testing"
)

// TestComplete fails when a language lacks a message another has, or a
// message's format verbs differ between languages.
func TestComplete(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	langs := c.Languages()
	if len(langs) < 2 {
		t.Fatalf("languages = %v, want zh-CN and en", langs)
	}
	for _, a := range langs {
		for _, b := range langs {
			if a == b {
				continue
			}
			for _, k := range c.Keys(a) {
				other, ok := c.messages[b][k]
				if !ok {
					t.Errorf("%s lacks %q (present in %s)", b, k, a)
					continue
				}
				if strings.Count(c.messages[a][k], "%") != strings.Count(other, "%") {
					t.Errorf("%q: %s and %s format different numbers of values", k, a, b)
				}
			}
		}
	}
}

func TestT(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if got := c.T("en", "no.such.key"); got != "no.such.key" {
		t.Errorf("missing key = %q", got)
	}
	if got := c.T("xx", "nav.plans"); got != c.T(Default, "nav.plans") {
		t.Errorf("unknown language did not fall back: %q", got)
	}
}
