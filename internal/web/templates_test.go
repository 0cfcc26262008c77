package web

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"luoshi/internal/locale"
)

// TestTemplateKeys fails when a page uses a message key that a language
// lacks.
func TestTemplateKeys(t *testing.T) {
	cat, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	use := regexp.MustCompile(`\.T "([a-z_.]+)"`)
	names, _ := fs.Glob(assets, "templates/*.html")
	for _, lang := range cat.Languages() {
		have := map[string]bool{}
		for _, k := range cat.Keys(lang) {
			have[k] = true
		}
		for _, n := range names {
			b, _ := assets.ReadFile(n)
			for _, m := range use.FindAllStringSubmatch(string(b), -1) {
				if !have[m[1]] {
					t.Errorf("%s uses %q, missing in %s", n, m[1], lang)
				}
			}
		}
		for _, prefix := range []string{"status.", "role.unit.", "role.short.", "plan.status.", "flash.", "audit."} {
			found := false
			for k := range have {
				found = found || strings.HasPrefix(k, prefix)
			}
			if !found {
				t.Errorf("%s has no %s* messages", lang, prefix)
			}
		}
		for k := range flashKeys {
			if !have["flash."+k] {
				t.Errorf("%s lacks flash.%s", lang, k)
			}
		}
	}
}
