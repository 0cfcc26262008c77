package extract

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"

	"luoshi/internal/tradfold"
)

// Every rune splitItems or labelsIn acts on passes its filter.
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

// handOnIn finds what reHandOn finds in texts made of the expression's
// pieces: words cut and joined, titles of every length about 2 and 80
// runes, brackets, line breaks and bytes that are no UTF-8.
func TestHandOnInPieces(t *testing.T) {
	pieces := []string{"印发", "给你们", "你们", "现", "给", "各", "现将《", "》", "予", "以", "印", "发", "甲", "\n", "\xff", "\xe5", "》印发", "现予", "予以"}
	rnd := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := rnd.IntN(12); k >= 0; k-- {
			if rnd.IntN(4) == 0 {
				b.WriteString(strings.Repeat("乙", []int{1, 2, 3, 79, 80, 81}[rnd.IntN(6)]))
			}
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		s := b.String()
		want := reHandOn.FindStringIndex(s)
		if got := handOnIn(s); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("handOnIn(%q) = %v, want %v", s, got, want)
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

// The role words are found where they stand, through the filters on
// their first and last runes: a label at the start of a segment, a
// level before it, a mark at the end, a unit's suffix.
func TestRoleWordFilters(t *testing.T) {
	seg := func(s string) ([]rune, span) {
		f := []rune(s)
		return f, span{0, len(f)}
	}
	for li, l := range prefixLabels {
		for _, lv := range []string{"", "市级"} {
			if lv != "" && len(prefixRunes[li]) <= 2 {
				continue // a level goes before a long label only
			}
			f, s := seg(lv + l.text + ":省商务厅")
			if r, n := hasPrefixLabel(f, s); r != l.role && n < len(prefixRunes[li]) {
				t.Errorf("hasPrefixLabel(%q) = %v, %d", string(f), r, n)
			}
		}
		if f, s := seg("(" + l.text + ")省商务厅"); len(prefixRunes[li]) > 2 {
			if _, n := labelBracket(f, s); n == 0 {
				t.Errorf("labelBracket(%q) = 0", string(f))
			}
		}
	}
	for _, w := range levels {
		if !labelFirstRunes.mayHold(w[0]) {
			t.Errorf("level %q is filtered out", string(w))
		}
	}
	for _, m := range suffixMarks {
		t.Run(m.text, func(t *testing.T) {
			tx := newText("省商务厅" + m.text)
			defer tx.release()
			if r, _ := stripSuffix(tx, span{0, len(tx.fold)}); r == roleNone {
				t.Errorf("stripSuffix misses %q", m.text)
			}
			f := []rune("省商务厅" + m.text + "、省财政厅配合")
			if got := splitAfterRoles(nil, f, []span{{0, len(f)}}); len(got) != 2 {
				t.Errorf("splitAfterRoles(%q) = %v", string(f), got)
			}
		})
	}
	for _, suf := range unitSuffixes {
		if !unitLike("某某" + suf) {
			t.Errorf("unitLike misses the suffix %q", suf)
		}
	}
	for _, p := range postSuffixes {
		if !isPost("分管副" + p) {
			t.Errorf("isPost misses the suffix %q", p)
		}
	}
}

// hasPrefixLabel gives what a reading of every label in order gives.
func TestHasPrefixLabelAsEveryLabel(t *testing.T) {
	every := func(f []rune, s span) (role, int) {
		for li, l := range prefixLabels {
			w := prefixRunes[li]
			if n := len(w); s.end-s.start >= n && runesAt(f, s.start, w) {
				k := s.start + n
				for k < s.end && f[k] == ' ' {
					k++
				}
				if k+1 < s.end && f[k] == '为' && n > 2 && isHan(f[k+1]) && !strings.ContainsRune("牵配责协主第", f[k+1]) {
					return l.role, n + 1
				}
				if k == s.end && n > 2 || k < s.end && f[k] == ':' {
					return l.role, n
				}
			}
		}
		return roleNone, 0
	}
	var tails = []string{"", ":", " :A", "为A", "为牵头", "单位:", "A"}
	for _, l := range prefixLabels {
		for _, cut := range []int{0, 1} {
			w := []rune(l.text)
			for _, tail := range tails {
				f := append(append([]rune{}, w[cut:]...), []rune(tail)...)
				s := span{0, len(f)}
				wr, wn := every(f, s)
				if gr, gn := hasPrefixLabel(f, s); gr != wr || gn != wn {
					t.Errorf("hasPrefixLabel(%q) = %v, %d, want %v, %d", string(f), gr, gn, wr, wn)
				}
			}
		}
	}
}

// A segment that readNote takes for a note passes mayBeNote, whatever
// stands around its words.
func TestNoteFilter(t *testing.T) {
	var starts, within []string
	starts = append(starts, noteStarts...)
	within = append(append(within, everyItemMarks...), firstListedGuards...)
	for _, w := range append(starts, within...) {
		ss := []string{w, w + "单位"}
		if !slices.Contains(starts, w) {
			ss = append(ss, "某某"+w+"的")
		}
		for _, s := range ss {
			f := []rune(s)
			if !mayBeNote(f, span{0, len(f)}) {
				t.Errorf("mayBeNote(%q) = false", s)
			}
		}
	}
	for _, s := range []string{"排在第一位的为牵头单位", "下同", "以下简称各市县政府", "各区县政府参与全部任务", "列第一位者汇总"} {
		f := []rune(s)
		if _, _, ok := readNote(f, span{0, len(f)}); !ok {
			t.Errorf("readNote(%q) is no note", s)
		}
	}
	if f := []rune("省商务厅"); mayBeNote(f, span{0, len(f)}) {
		t.Error("a unit's name may be a note")
	}
}

// A text with any character tradfold folds is marked traditional, and
// targetsIn folds it for the target rules; a text without is not.
func TestTextTraditional(t *testing.T) {
	for r := rune(0x3400); r <= 0x9FFF; r++ {
		if tradfold.Rune(r) == r {
			continue
		}
		tx := newText("各市人民政府" + string(r) + "，")
		if !tx.traditional {
			t.Errorf("%q folds, but the text is not marked traditional", r)
		}
		tx.release()
	}
	tx := newText("（一）到2025年，全市服务业增加值達到1000億元。")
	defer tx.release()
	if !tx.traditional {
		t.Fatal("a text in traditional characters is not marked traditional")
	}
	if got := tx.targetsIn(tx.src, 0, 2023); len(got) != 1 || got[0].Unit != "億元" || got[0].Value != 1000 {
		t.Errorf("targetsIn = %+v, want one target of 1000億元", got)
	}
	for _, s := range []string{"各市人民政府，", "ＡＢ（一）　1000亿元"} {
		if tx := newText(s); tx.traditional {
			t.Errorf("%q is marked traditional", s)
		}
	}
}

// Every province is counted where its name stands, through the filter on
// the first runes of the stems.
func TestStemStartRunes(t *testing.T) {
	for k, p := range provinces {
		if !stemStartRunes.mayHold([]rune(p.stem)[0]) {
			t.Errorf("%s is filtered out", p.stem)
		}
		tx := newText("为推动" + p.full + "服务业发展，" + p.stem + "各地要落实。")
		if got := mostNamedProvince(tx); got != k {
			t.Errorf("mostNamedProvince(%s) = %d, want %d", p.full, got, k)
		}
		tx.release()
	}
}

// newText decodes as a rune by rune reading does, however many runes the
// bytes of an invalid text give: its runes, their folded twins and the
// offsets of both in their strings.
func TestNewTextDecodes(t *testing.T) {
	for _, s := range []string{"", "某市（一）發展ＡＢ\t1", "甲\x95乙\xbf\x80丙", "\xff\xfe\xfd", "\xe5\x95", "a\xe5\x95甲\xe5", "\x80\x80\x80\x80甲"} {
		tx := newText(s)
		rs := []rune(s)
		if string(tx.src) != string(rs) {
			t.Errorf("%q: src %q", s, string(tx.src))
		}
		for i, r := range rs {
			if tx.fold[i] != foldRune(r) {
				t.Errorf("%q: fold[%d] = %q, want %q", s, i, tx.fold[i], foldRune(r))
			}
		}
		for i := range rs {
			if got, want := tx.str(span{i, i + 1}), string(rs[i]); got != want {
				t.Errorf("%q: rune %d prints %q, want %q", s, i, got, want)
			}
			if got, want := tx.fstr(span{i, i + 1}), string(foldRune(rs[i])); got != want {
				t.Errorf("%q: rune %d folds to %q, want %q", s, i, got, want)
			}
		}
		if len(tx.srcAt) != len(rs)+1 || len(tx.foldAt) != len(rs)+1 {
			t.Errorf("%q: %d and %d offsets for %d runes", s, len(tx.srcAt), len(tx.foldAt), len(rs))
		}
		tx.release()
	}
}

// A name is tested for its suffixes only when its last rune, folded, ends
// one: names printed in traditional characters pass as their simplified
// forms do.
func TestFoldedEndings(t *testing.T) {
	for _, s := range []string{"省商務廳", "市發展改革委", "省數字經濟專班", "市推進組"} {
		if !unitLike(s) {
			t.Errorf("unitLike(%q) = false", s)
		}
	}
	for _, s := range []string{"省消費專班", "市物流業工作組", "市會展推進組", "省消费专班"} {
		if !isTaskForce(s) {
			t.Errorf("isTaskForce(%q) = false", s)
		}
	}
	for _, s := range []string{"分管副省長", "市委書記", "分管領導"} {
		if !isPost(s) {
			t.Errorf("isPost(%q) = false", s)
		}
	}
	for _, s := range []string{"推进服务业发展", "省商务厅\xff", ""} {
		if unitLike(s) || isTaskForce(s) || isPost(s) {
			t.Errorf("%q reads as a unit, a task force or a post", s)
		}
	}
}

// lines finds the breaks a rune by rune reading finds, and cells the
// tabs: in texts with \r\n, bare \r, invalid bytes and glosses.
func TestLinesAndCellsAsRuneByRune(t *testing.T) {
	for _, s := range []string{"", "\n", "甲\r\n乙\r丙\n\n丁", "　一、总体要求\n（一）\xff推进\t市商务局\t2023年\n", "新舊(jiù)動能\r\n二是", "a\rb", "\n\n甲  \n  乙"} {
		tx := newText(s)
		var want []span
		start := 0
		for i := 0; i <= len(tx.fold); i++ {
			if i == len(tx.fold) || tx.fold[i] == '\n' || tx.fold[i] == '\r' {
				if sp := tx.trim(span{start, i}); sp.end > sp.start {
					want = append(want, sp)
				}
				start = i + 1
			}
		}
		if got := tx.lines(); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("lines(%q) = %v, want %v", s, got, want)
		}
		for _, ln := range want {
			var cells []span
			start := ln.start
			for i := ln.start; i <= ln.end; i++ {
				if i == ln.end || tx.src[i] == '\t' {
					cells = append(cells, tx.trim(span{start, i}))
					start = i + 1
				}
			}
			if got := tx.cells(ln); fmt.Sprint(got) != fmt.Sprint(cells) {
				t.Errorf("cells(%q) = %v, want %v", tx.str(ln), got, cells)
			}
		}
		tx.release()
	}
}

// isSpace tells every rune as unicode.IsSpace does.
func TestIsSpace(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := isSpace(r), r == ' ' || unicode.IsSpace(r); got != want {
			t.Errorf("isSpace(%U) = %v, want %v", r, got, want)
		}
	}
}
