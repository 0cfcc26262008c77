package extract

import (
	"luoshi/internal/extract/targets"
	"luoshi/internal/plan"
)

// findTargets returns the quantitative targets of a task's or goal's text,
// with spans in that text.
func findTargets(s string, year int) []plan.Target { return targets.Find(s, year) }

// findTargetRunes is findTargets for a text held as runes, in a plan
// issued in planYear.
func findTargetRunes(rs []rune, year, planYear int) []plan.Target {
	return targets.FindIn(rs, year, planYear)
}
