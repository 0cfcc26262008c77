package extract

import (
	"fmt"
	"strings"
	"testing"

	"luoshi/internal/tradfold"
)

// Every rune splitItems or labelsIn acts on passes its filter.
func TestSplitItemsRunes(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		if mayStartLabel(r) && !splitItemsRunes.mayHold(r) {
			t.Errorf("%q may start a label but is filtered out", r)
		}
		if metaLabelStart(r) && !metaLabelStartRunes.mayHold(r) {
			t.Errorf("%q may start a metadata label but is filtered out", r)
		}
	}
	for _, r := range "专附本抄分[〔)]〕:" {
		if !splitItemsRunes.mayHold(r) {
			t.Errorf("%q is filtered out", r)
		}
	}
	for set, runes := range map[*runeSet]string{deadlineRunes: "内底末度前半", sentenceRunes: "([〔)]〕。;", bracketRunes: "([〔)]〕"} {
		for _, r := range runes {
			if !set.mayHold(r) {
				t.Errorf("%q is filtered out", r)
			}
		}
	}
	if newRuneSet("甲").mayHold('乙') {
		t.Error("a rune outside the set and its bits passes")
	}
}

// foldString reads Chinese characters on a fast path: it gives what a
// rune by rune reading gives, invalid and cut sequences included.
func TestFoldStringFastPath(t *testing.T) {
	slow := func(s string) string {
		for i, r := range s {
			if foldRune(r) != r {
				rs := []rune(s[i:])
				for k, r := range rs {
					rs[k] = foldRune(r)
				}
				return s[:i] + string(rs)
			}
		}
		return s
	}
	for _, s := range []string{"", "省商务厅", "省商務廳", "（一）發展", "甲\xe5\x95", "\xe5\x95甲", "a\xffb", "\xff（", "　某市", "〜【】", "ＡＢ1", "㐀䶵龥"} {
		if got, want := foldString(s), slow(s); got != want {
			t.Errorf("foldString(%q) = %q, want %q", s, got, want)
		}
	}
}

// A text foldHan leaves as it is holds no character that tradfold folds:
// findTargetRunes does not give it to tradfold again.
func TestFoldHanAsTradfold(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		if foldHan(r) == r && tradfold.Rune(r) != r {
			t.Errorf("%q: foldHan leaves it, tradfold folds it to %q", r, tradfold.Rune(r))
		}
	}
}

// handOnIn finds what reHandOn finds, however long the opening before it.
func TestHandOnIn(t *testing.T) {
	long := strings.Repeat("某市推进服务业发展，", 60)
	body := strings.Repeat("甲", 70)
	for _, s := range []string{
		"", "关于印发方案的通知", long + "现将《" + body + "》印发给你们",
		long + "现将《关于印发" + body + "》印发", long + "现予印发", "印发给各区县" + long,
		long + "现将《" + strings.Repeat("乙", 81) + "》印发，现印发给",
		"现将《" + long + "》印发", "予以印发\xff", "\xe5现将《关于印发某某的》印发",
	} {
		want := reHandOn.FindStringIndex(s)
		if got := handOnIn(s); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("handOnIn(%.30q…) = %v, want %v", s, got, want)
		}
	}
}

// continuationBytes counts as a byte by byte count does, at any alignment.
func TestContinuationBytes(t *testing.T) {
	s := "某市\xbf\x80a（一）\xe5\x95\xff服务业发展ＡＢ１２\t\n"
	for lo := 0; lo < len(s); lo++ {
		for hi := lo; hi <= len(s); hi++ {
			want := 0
			for i := lo; i < hi; i++ {
				if s[i]&0xC0 == 0x80 {
					want++
				}
			}
			if got := continuationBytes(s[lo:hi]); got != want {
				t.Fatalf("continuationBytes(%q) = %d, want %d", s[lo:hi], got, want)
			}
		}
	}
}

func TestRuneCountUpTo(t *testing.T) {
	for _, c := range []struct {
		s        string
		max, out int
	}{{"", 2, 0}, {"甲乙", 2, 2}, {"甲乙丙", 2, 3}, {"甲乙丙丁戊", 2, 3}, {"a\xffb", 5, 3}, {"甲乙丙丁戊", 130, 5}} {
		if got := runeCountUpTo(c.s, c.max); got != c.out {
			t.Errorf("runeCountUpTo(%q, %d) = %d, want %d", c.s, c.max, got, c.out)
		}
	}
}
