package extract

// runeSet is a quick filter for the loops that read a text rune by rune
// and act on a few runes only: one bit for each value of a rune's low 12
// bits. A rune outside the set may share its bits with one inside, so a
// hit still goes through the loop's own tests; a miss skips them.
type runeSet [4096 / 64]uint64

func newRuneSet(groups ...string) *runeSet {
	var s runeSet
	for _, g := range groups {
		for _, r := range g {
			s[(r&0xFFF)>>6] |= 1 << (r & 63)
		}
	}
	return &s
}

// mayHold reports false only for a rune that is not in the set.
func (s *runeSet) mayHold(r rune) bool { return s[(r&0xFFF)>>6]&(1<<(r&63)) != 0 }

// runeRange is the runes from lo to hi, for newRuneSet.
func runeRange(lo, hi rune) string {
	var rs []rune
	for r := lo; r <= hi; r++ {
		rs = append(rs, r)
	}
	return string(rs)
}
