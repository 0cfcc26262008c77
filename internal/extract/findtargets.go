package extract

import (
	"luoshi/internal/extract/targets"
	"luoshi/internal/plan"
)

// findTargets returns the quantitative targets of a task's or goal's text,
// with spans in that text.
func findTargets(s string, year int) []plan.Target { return targets.Find(s, year) }

// findTargetRunes is findTargets for a text held as runes.
func findTargetRunes(rs []rune, year int) []plan.Target { return targets.FindRunes(rs, year) }
