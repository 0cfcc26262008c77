package locale

import (
	"bytes"
	"encoding/json"
	"io/fs"
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

func TestGroup(t *testing.T) {
	for _, c := range []struct {
		f    float64
		sep  string
		want string
	}{
		{12.300000001, "", "12.3"},
		{12.300000001, ",", "12.3"},
		{1234567.891, ",", "1,234,567.89"},
		{1234567.891, "", "1234567.89"},
		{5000, ",", "5,000"},
		{999, ",", "999"},
		{-1234.5, ",", "-1,234.5"},
		{0.004, ",", "0"},
		{-0.001, ",", "0"},
		{100000, ",", "100,000"},
		{2.676, "", "2.68"},
	} {
		if got := Group(c.f, c.sep); got != c.want {
			t.Errorf("Group(%v, %q) = %q, want %q", c.f, c.sep, got, c.want)
		}
	}
}

// TestNumber reads the separator from each language's catalog: English
// groups thousands, Chinese (as official writing does) does not.
func TestNumber(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Number("en", 12345.678); got != "12,345.68" {
		t.Errorf("en: %q", got)
	}
	if got := c.Number("zh-CN", 12345.678); got != "12345.68" {
		t.Errorf("zh-CN: %q", got)
	}
}

// TestNoDuplicateKeys fails when a catalog file defines a message twice:
// JSON keeps the last one silently, and the other meaning is lost.
func TestNoDuplicateKeys(t *testing.T) {
	names, err := fs.Glob(files, "translations/*.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		b, err := files.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		seen := map[string]bool{}
		depth := 0
		key := true
		for {
			tok, err := dec.Token()
			if err != nil {
				break
			}
			switch v := tok.(type) {
			case json.Delim:
				if v == '{' || v == '[' {
					depth++
				} else {
					depth--
				}
				key = true
				continue
			case string:
				if depth == 1 && key {
					if seen[v] {
						t.Errorf("%s defines %q twice", n, v)
					}
					seen[v] = true
					key = false
					continue
				}
			}
			key = true
		}
	}
}
