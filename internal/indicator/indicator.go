// Package indicator holds the monitoring of quantitative targets that
// does not depend on storage: the identity of an indicator series, the
// trajectory from a baseline to a target, the projection of reported
// values to the deadline with its warnings, the red / yellow / green
// light of a task, and the SVG chart of an indicator.
package indicator

import (
	"strings"
	"unicode"
)

// Key identifies one indicator series: the same indicator of the same
// region in the same unit is one series, however many plans and tasks
// name it, so a value entered once serves them all.
type Key struct {
	Name   string
	Unit   string
	Region string
}

// NewKey returns the key of an indicator with its parts normalized, so
// that spacing and full-width variants of one name ("技术合同 交易额",
// "技术合同交易额", "ＧＤＰ" and "gdp") meet; see Normalize.
func NewKey(name, unit, region string) Key {
	return Key{Name: Normalize(name), Unit: Normalize(unit), Region: Normalize(region)}
}

// String is the key as one text, "name|unit|region", fit for a unique
// column or a report's indicator reference.
func (k Key) String() string { return k.Name + "|" + k.Unit + "|" + k.Region }

// Normalize folds the variants an indicator name is written in: full-width
// ASCII letters, digits and punctuation become half-width, letters lower
// case, and all white space (including the ideographic space) and the
// separator "|" are removed.
func Normalize(s string) string { return fold(s, true) }

// Display is an indicator name as people read it: folded as Normalize
// folds it, but with its letters' case kept, so that 5G and 4A stay as
// the plan writes them while the series' key meets "5g".
func Display(s string) string { return fold(s, false) }

// DisplayKey is k's parts as Display shows them.
func DisplayKey(name, unit, region string) Key {
	return Key{Name: Display(name), Unit: Display(unit), Region: Display(region)}
}

func fold(s string, lower bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII block
			r -= 0xFEE0
		}
		if unicode.IsSpace(r) || r == '|' || unicode.IsControl(r) {
			continue
		}
		if lower {
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}
