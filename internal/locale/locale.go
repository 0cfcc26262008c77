// Package locale translates the interface: one flat JSON catalog per
// language, embedded, keyed by message id. Chinese is the default.
package locale

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"sort"
	"strconv"
	"strings"
)

//go:embed translations/*.json
var files embed.FS

// Default is the language of a reader who chose none.
const Default = "zh-CN"

// Catalog holds the messages of every language.
type Catalog struct {
	messages map[string]map[string]string
}

// Load reads the embedded catalogs.
func Load() (*Catalog, error) {
	names, err := fs.Glob(files, "translations/*.json")
	if err != nil {
		return nil, err
	}
	c := &Catalog{messages: map[string]map[string]string{}}
	for _, n := range names {
		b, err := files.ReadFile(n)
		if err != nil {
			return nil, err
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("locale %s: %w", n, err)
		}
		// A language may be split over several files: zh-CN.json,
		// zh-CN.reporting.json, … are one catalog.
		lang, _, _ := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(n, "translations/"), ".json"), ".")
		if c.messages[lang] == nil {
			c.messages[lang] = map[string]string{}
		}
		for k, v := range m {
			if _, dup := c.messages[lang][k]; dup {
				return nil, fmt.Errorf("locale %s: %q is defined twice", n, k)
			}
			c.messages[lang][k] = v
		}
	}
	if _, ok := c.messages[Default]; !ok {
		return nil, fmt.Errorf("locale: no %s catalog", Default)
	}
	return c, nil
}

// Languages lists the available languages, the default first.
func (c *Catalog) Languages() []string {
	out := []string{Default}
	for l := range c.messages {
		if l != Default {
			out = append(out, l)
		}
	}
	sort.Strings(out[1:])
	return out
}

// Has tells whether lang is available.
func (c *Catalog) Has(lang string) bool {
	_, ok := c.messages[lang]
	return ok
}

// Keys returns the message ids of lang, sorted.
func (c *Catalog) Keys(lang string) []string {
	var out []string
	for k := range c.messages[lang] {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// T translates key into lang, formatting args into it as fmt.Sprintf
// does. A missing message falls back to the default language, then to
// the key itself.
func (c *Catalog) T(lang, key string, args ...any) string {
	msg, ok := c.messages[lang][key]
	if !ok {
		msg, ok = c.messages[Default][key]
	}
	if !ok {
		return key
	}
	if len(args) == 0 {
		return msg
	}
	return fmt.Sprintf(msg, args...)
}

// Number formats f for people reading lang: rounded to at most two
// decimals, without trailing zeros, and with the thousands separator of
// the language's "format.thousands" message (none when it is empty, as
// Chinese official writing has none: 5000张, 300亿元).
func (c *Catalog) Number(lang string, f float64) string {
	return Group(f, c.T(lang, "format.thousands"))
}

// Group is f rounded to two decimals, with sep between groups of three
// digits of its integer part.
func Group(f float64, sep string) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	s := strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
	if s == "-0" {
		s = "0"
	}
	if sep == "" {
		return s
	}
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(d)
	}
	out := sign + b.String()
	if hasFrac {
		out += "." + frac
	}
	return out
}
