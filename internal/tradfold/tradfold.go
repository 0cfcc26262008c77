// Package tradfold folds traditional Chinese characters to their
// simplified forms, one character for one character, so that rules
// written in simplified characters read a plan printed in traditional
// ones: 牽頭單位 reads as 牵头单位, 萬元 as 万元.
//
// The table is built from the character dictionary of OpenCC. Only the
// characters with a single simplified form in the genre fold; phrases are
// not looked at, so a character whose simplified form depends on the word
// (乾 in 乾淨 but also in 乾坤, 覆 in 答覆 but also in 覆蓋) keeps its own
// form. See gen/main.go for the exact choice.
package tradfold

//go:generate go run ./gen -o table.go

// Rune returns the simplified form of r, or r itself when r is not a
// traditional character that folds.
func Rune(r rune) rune {
	if r >= first && r <= last {
		if s := table[r-first]; s != 0 {
			return rune(s)
		}
	}
	return r
}

// Runes returns rs with every traditional character folded, and whether
// any was. rs is not modified; when nothing folds it is returned as is.
func Runes(rs []rune) ([]rune, bool) {
	for i, r := range rs {
		if s := Rune(r); s != r {
			out := make([]rune, len(rs))
			copy(out, rs[:i])
			for j := i; j < len(rs); j++ {
				out[j] = Rune(rs[j])
			}
			return out, true
		}
	}
	return rs, false
}
