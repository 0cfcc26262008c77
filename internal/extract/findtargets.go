package extract

import (
	"luoshi/internal/extract/targets"
	"luoshi/internal/plan"
	"luoshi/internal/tradfold"
)

// findTargets returns the quantitative targets of a task's or goal's text,
// with spans in that text.
func findTargets(s string, year int) []plan.Target { return targets.Find(s, year) }

// findTargetRunes is findTargets for a text held as runes, in a plan
// issued in planYear. The rules read the characters folded as the rest of
// the extractor reads them; the targets are given as the text prints them.
func findTargetRunes(rs []rune, year, planYear int) []plan.Target {
	var match []rune
	for i, r := range rs {
		if r < 0x3400 {
			continue // foldHan(r) is r, tested without a call
		}
		f := foldHan(r)
		if f == r {
			continue
		}
		if match == nil {
			match = append([]rune{}, rs...)
		}
		match[i] = f
	}
	if match == nil {
		// What foldHan leaves, tradfold leaves (see TestFoldHanAsTradfold).
		return targets.FindSimplified(rs, year, planYear)
	}
	return targets.FindFolded(rs, match, year, planYear)
}

// targetsIn is findTargetRunes for runes of t's source: a text without
// traditional characters is not read for them again.
func (t *text) targetsIn(rs []rune, year, planYear int) []plan.Target {
	if !t.traditional {
		return targets.FindSimplified(rs, year, planYear)
	}
	return findTargetRunes(rs, year, planYear)
}

// foldHan folds a Chinese character the way the twin text does; other
// runes (punctuation, digits, letters) are left for the target rules,
// which know their full-width forms.
func foldHan(r rune) rune {
	if r < 0x3400 || r > 0x9FFF {
		return r // no rune outside folds to a Chinese character
	}
	if f := tradfold.Rune(r); isHan(f) && isHan(r) {
		return f
	}
	return r
}
