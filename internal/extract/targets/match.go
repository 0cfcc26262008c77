package targets

import (
	"sort"
	"unicode"
	"unicode/utf8"
)

// wordList is a list of words as runes, longest first, so that the first
// match is the longest one. The scanner asks about every position, so the
// words are also kept by their first and last rune: only those can match.
type wordList struct {
	byFirst map[rune][]word // longest first
	byLast  map[rune][]word // longest first
	// The first and last runes again, one bit for each value of a rune's
	// low 12 bits: most runes start and end no word, and a bit is cheaper
	// to test than a map.
	firsts, lasts *bitSet
}

type bitSet [4096 / 64]uint64

func (s *bitSet) add(r rune)          { s[(r&0xFFF)>>6] |= 1 << (r & 63) }
func (s *bitSet) mayHold(r rune) bool { return s[(r&0xFFF)>>6]&(1<<(r&63)) != 0 }

type word struct {
	r []rune
	s string // r as a string
	v string // the value the word stands for, e.g. a comparator
}

func newWordList(ws []string) wordList { return newValuedList(ws, nil) }

func newValuedList(ws []string, vals map[string]string) wordList {
	all := make([]word, 0, len(ws)+len(vals))
	for _, w := range ws {
		all = append(all, word{r: []rune(w), s: w})
	}
	for w, v := range vals {
		all = append(all, word{r: []rune(w), s: w, v: v})
	}
	sort.SliceStable(all, func(i, j int) bool {
		if len(all[i].r) != len(all[j].r) {
			return len(all[i].r) > len(all[j].r)
		}
		return string(all[i].r) < string(all[j].r)
	})
	l := wordList{byFirst: map[rune][]word{}, byLast: map[rune][]word{}, firsts: &bitSet{}, lasts: &bitSet{}}
	for _, w := range all {
		l.firsts.add(w.r[0])
		l.lasts.add(w.r[len(w.r)-1])
		l.byFirst[w.r[0]] = append(l.byFirst[w.r[0]], w)
		l.byLast[w.r[len(w.r)-1]] = append(l.byLast[w.r[len(w.r)-1]], w)
	}
	return l
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// endingAt returns the longest word of l that ends at rs[end] (exclusive)
// and starts at or after lo.
func (l wordList) endingAt(rs []rune, lo, end int) (word, bool) {
	if end <= lo || end > len(rs) || !l.lasts.mayHold(rs[end-1]) {
		return word{}, false
	}
	for _, w := range l.byLast[rs[end-1]] {
		n := len(w.r)
		if end-n < lo {
			continue
		}
		if equalRunes(rs[end-n:end], w.r) {
			return w, true
		}
	}
	return word{}, false
}

// startingAt returns the longest word of l that starts at rs[pos] and
// ends at or before hi.
func (l wordList) startingAt(rs []rune, pos, hi int) (word, bool) {
	if pos < 0 || pos >= hi || pos >= len(rs) || !l.firsts.mayHold(rs[pos]) {
		return word{}, false
	}
	for _, w := range l.byFirst[rs[pos]] {
		n := len(w.r)
		if pos+n > hi {
			continue
		}
		if equalRunes(rs[pos:pos+n], w.r) {
			return w, true
		}
	}
	return word{}, false
}

func (l wordList) startingAtOK(rs []rune, pos int) bool {
	_, ok := l.startingAt(rs, pos, len(rs))
	return ok
}

// isWhole reports whether s is one word of l.
// isWhole reports whether s is one of the words. The longest word that
// starts s is s itself where s is a word: s is compared with the words
// that start with its first rune, not turned into runes.
func (l wordList) isWhole(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if s == "" || !l.firsts.mayHold(r) {
		return false
	}
	for _, w := range l.byFirst[r] {
		if w.s == s {
			return true
		}
	}
	return false
}

// within reports whether a word of l occurs anywhere in rs[lo:hi].
func (l wordList) within(rs []rune, lo, hi int) bool {
	for i := max(lo, 0); i < hi && i < len(rs); i++ {
		if !l.firsts.mayHold(rs[i]) {
			continue // no word starts here: told without a call
		}
		if _, ok := l.startingAt(rs, i, hi); ok {
			return true
		}
	}
	return false
}

func equalRunes(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// indexRunes returns the last index of w in rs[lo:hi], or -1.
func lastIndexRunes(rs []rune, lo, hi int, w []rune) int {
	for i := hi - len(w); i >= lo; i-- {
		if equalRunes(rs[i:i+len(w)], w) {
			return i
		}
	}
	return -1
}

// unitTrie finds the longest unit, multiplier included, at a position.
type unitTrie struct {
	next map[rune]*unitTrie
	unit string // non-empty when a unit ends here
}

func newUnitTrie(bases, mults []string) *unitTrie {
	t := &unitTrie{}
	for _, b := range bases {
		t.add(b)
		for _, m := range mults {
			if b != "%" && b != "％" && b != "‰" && b != "个百分点" && b != "百分点" && b != "倍" {
				t.add(m + b)
			}
		}
	}
	return t
}

func (t *unitTrie) add(u string) {
	n := t
	for _, r := range u {
		if n.next == nil {
			n.next = map[rune]*unitTrie{}
		}
		c := n.next[r]
		if c == nil {
			c = &unitTrie{}
			n.next[r] = c
		}
		n = c
	}
	n.unit = u
}

// longest returns the longest unit starting at rs[pos] and its end.
func (t *unitTrie) longest(rs []rune, pos int) (string, int) {
	unit, end := "", pos
	n := t
	for i := pos; i < len(rs) && n.next != nil; i++ {
		n = n.next[rs[i]]
		if n == nil {
			break
		}
		if n.unit != "" {
			unit, end = n.unit, i+1
		}
	}
	return unit, end
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

func digitValue(r rune) int {
	if r >= '０' && r <= '９' {
		return int(r - '０')
	}
	return int(r - '0')
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// isLatin reports letters of the Latin alphabet, full width included:
// a number touching one is part of a name (5G, 4Ｇ, G20, PM2.5).
func isLatin(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 'ａ' && r <= 'ｚ' || r >= 'Ａ' && r <= 'Ｚ'
}

// cnDigit returns the value of a Chinese numeral; 十, 百 and 千 are
// handled as multipliers by cnValue.
func cnDigit(r rune) (int, bool) {
	switch r {
	case '零', '〇':
		return 0, true
	case '一':
		return 1, true
	case '二', '两':
		return 2, true
	case '三':
		return 3, true
	case '四':
		return 4, true
	case '五':
		return 5, true
	case '六':
		return 6, true
	case '七':
		return 7, true
	case '八':
		return 8, true
	case '九':
		return 9, true
	case '十':
		return 10, true
	case '百':
		return 100, true
	case '千':
		return 1000, true
	}
	return 0, false
}

func isCN(r rune) bool { _, ok := cnDigit(r); return ok }

// cnValue reads a Chinese numeral below ten thousand (两, 十五, 二十三,
// 三百零五, 一千二百).
func cnValue(rs []rune) (int, bool) {
	total, cur := 0, 0
	for _, r := range rs {
		v, _ := cnDigit(r)
		switch v {
		case 10, 100, 1000:
			if cur == 0 {
				cur = 1
			}
			total += cur * v
			cur = 0
		default:
			if cur != 0 {
				return 0, false // 二三: not a numeral but a list
			}
			cur = v
		}
	}
	return total + cur, true
}
