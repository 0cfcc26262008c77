package targets

import "testing"

// isWhole is the reading of the longest word that starts a text, asked
// whether it is the whole text: a word, and nothing else, is whole.
func TestIsWhole(t *testing.T) {
	byRunes := func(l wordList, s string) bool {
		r := []rune(s)
		w, ok := l.startingAt(r, 0, len(r))
		return ok && len(w.r) == len(r)
	}
	for _, l := range []wordList{growth, tails, units2list()} {
		for _, ws := range l.byFirst {
			for _, w := range ws {
				for _, s := range []string{w.s, w.s + "率", string(w.r[:len(w.r)-1]), "新" + w.s, w.s + "\xff"} {
					if got, want := l.isWhole(s), byRunes(l, s); got != want {
						t.Errorf("isWhole(%q) = %v, want %v", s, got, want)
					}
				}
			}
		}
	}
	if growth.isWhole("") {
		t.Error("the empty text is a word")
	}
}

func units2list() wordList { return newWordList([]string{"万元", "万", "亿元", "元"}) }
