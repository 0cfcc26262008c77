package targets

import "luoshi/internal/plan"

// A plan printed in traditional characters is scanned through its
// simplified twin (萬元 read as 万元), one character for one character, so
// the spans found hold in both. What the scanner returns is put back as
// printed.

// lookBack bounds how far before a target its indicator is looked for.
const lookBack = 400

// asPrinted rewrites the text, unit and indicator of each target, read in
// fold, with the characters of src.
func asPrinted(out []plan.Target, src, fold []rune) {
	for i := range out {
		t := &out[i]
		if t.Start < 0 || t.End > len(src) || t.Start > t.End {
			continue
		}
		t.Text = string(src[t.Start:t.End])
		t.Unit = printed(t.Unit, src, fold, t.Start, t.End)
		t.Indicator = printed(t.Indicator, src, fold, max(0, t.End-lookBack), t.End)
	}
}

// printed returns the source form of w, a string read in fold[lo:hi]: the
// source under its last occurrence there. A string put together from
// pieces gets each character as the source last printed it before hi.
func printed(w string, src, fold []rune, lo, hi int) string {
	rs := []rune(w)
	if !hasHan(rs) {
		return w
	}
	for k := hi - len(rs); k >= lo; k-- {
		if equalRunes(fold[k:k+len(rs)], rs) {
			return string(src[k : k+len(rs)])
		}
	}
	out := make([]rune, len(rs))
	for n, r := range rs {
		out[n] = r
		for k := hi - 1; k >= lo; k-- {
			if fold[k] == r {
				out[n] = src[k]
				break
			}
		}
	}
	return string(out)
}

func hasHan(rs []rune) bool {
	for _, r := range rs {
		if isHan(r) {
			return true
		}
	}
	return false
}
