package tradfold

import "testing"

func TestRune(t *testing.T) {
	folds := map[rune]rune{
		'牽': '牵', '頭': '头', '單': '单', '負': '负', '責': '责', '號': '号',
		'關': '关', '於': '于', '萬': '万', '億': '亿', '參': '参', '與': '与',
		'發': '发', '髮': '发', '後': '后', '裡': '里', '裏': '里', '為': '为',
		'爲': '为', '臺': '台', '徵': '征', '麵': '面', '薴': '苎',
		'衞': '卫', '枱': '台', // Hong Kong forms
	}
	for tr, want := range folds {
		if got := Rune(tr); got != want {
			t.Errorf("Rune(%c) = %c, want %c", tr, got, want)
		}
	}
	// Simplified characters, characters that stand in simplified text as
	// well (乾坤, 覆蓋, 藉口, 蒜薹, 著名), and everything outside the Han
	// range stay.
	for _, r := range "牵头单位负责万亿干后台温户么着乾覆藉薹著瞭A1（）、\u3000𠀀" {
		if got := Rune(r); got != r {
			t.Errorf("Rune(%c) = %c, want it unchanged", r, got)
		}
	}
}

func TestTableIsOneStep(t *testing.T) {
	n := 0
	for i, s := range table {
		if s == 0 {
			continue
		}
		n++
		tr := rune(first + i)
		if rune(s) == tr {
			t.Errorf("%c folds to itself", tr)
		}
		if Rune(rune(s)) != rune(s) {
			t.Errorf("%c folds to %c, which folds again to %c", tr, s, Rune(rune(s)))
		}
	}
	if n < 2000 {
		t.Errorf("only %d characters fold", n)
	}
}

func TestRunes(t *testing.T) {
	in := []rune("市發展改革委牽頭")
	out, ok := Runes(in)
	if !ok || string(out) != "市发展改革委牵头" {
		t.Errorf("Runes = %q, %v", string(out), ok)
	}
	if string(in) != "市發展改革委牽頭" {
		t.Errorf("Runes modified its argument: %q", string(in))
	}
	same := []rune("市发展改革委牵头")
	if out, ok := Runes(same); ok || &out[0] != &same[0] {
		t.Errorf("Runes copied a text with nothing to fold")
	}
}

func BenchmarkRune(b *testing.B) {
	rs := []rune("各縣市區人民政府,市直機關各單位:經市人民政府同意,现将实施方案印发给你们")
	b.SetBytes(int64(len(string(rs))))
	for b.Loop() {
		for _, r := range rs {
			_ = Rune(r)
		}
	}
}
