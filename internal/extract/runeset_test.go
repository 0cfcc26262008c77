package extract

import "testing"

// Every rune splitItems acts on passes its filter.
func TestSplitItemsRunes(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		if mayStartLabel(r) && !splitItemsRunes.mayHold(r) {
			t.Errorf("%q may start a label but is filtered out", r)
		}
	}
	for _, r := range "专附本抄分[〔)]〕:" {
		if !splitItemsRunes.mayHold(r) {
			t.Errorf("%q is filtered out", r)
		}
	}
	if newRuneSet("甲").mayHold('乙') {
		t.Error("a rune outside the set and its bits passes")
	}
}
