package extract

import (
	"strconv"
	"testing"
)

// TestParseLabelForms reads the label forms that pages and typesetting
// produce, and tells them from numbers that begin a sentence.
func TestParseLabelForms(t *testing.T) {
	cases := []struct {
		in    string
		ok    bool
		style style
		norm  string
		rest  string // the text after the label
	}{
		{"1.推进平台建设", true, styleArabic, "1", "推进平台建设"},
		{"1．推进平台建设", true, styleArabic, "1", "推进平台建设"},
		{"12﹒推进平台建设", true, styleArabic, "12", "推进平台建设"},
		{"3․推进平台建设", true, styleArabic, "3", "推进平台建设"},
		{"1 .推进平台建设", true, styleArabic, "1", "推进平台建设"},
		{"1　﹒推进平台建设", true, styleArabic, "1", "推进平台建设"},
		{"2、推进平台建设", true, styleArabic, "2", "推进平台建设"},
		{"2.2026年起推行新标准", true, styleArabic, "2", "2026年起推行新标准"},
		{"2﹒2026年起推行新标准", true, styleArabic, "2", "2026年起推行新标准"},
		{"1.5万人次参加培训", false, 0, "", ""},
		{"1﹒5万人次参加培训", false, 0, "", ""},
		{"三﹒保障措施", true, styleHan, "三", "保障措施"},
		{"十二 、保障措施", true, styleHan, "十二", "保障措施"},
		{"三 保障措施", false, 0, "", ""},
		{"（十二）强化保障", true, styleHanParen, "(十二)", "强化保障"},
		{"（ 三 ）强化保障", true, styleHanParen, "(三)", "强化保障"},
		{"（　十二）强化保障", true, styleHanParen, "(十二)", "强化保障"},
		{"（三 ）强化保障", true, styleHanParen, "(三)", "强化保障"},
		{"（ 省商务厅）", false, 0, "", ""},
		{"⒓推进平台建设", true, styleArabic, "12", "推进平台建设"},
		{"⑶推进平台建设", true, styleArabicParen, "(3)", "推进平台建设"},
		{"㈣强化保障", true, styleHanParen, "(四)", "强化保障"},
		{"㈩强化保障", true, styleHanParen, "(十)", "强化保障"},
	}
	for _, c := range cases {
		f := []rune(foldString(c.in))
		l, ok := parseLabel(f)
		if ok != c.ok {
			t.Errorf("%q: label %v, want %v", c.in, ok, c.ok)
			continue
		}
		if !ok {
			continue
		}
		if l.style != c.style || l.norm != c.norm || string(f[l.end:]) != c.rest {
			t.Errorf("%q: style %d %q rest %q, want %d %q %q", c.in, l.style, l.norm, string(f[l.end:]), c.style, c.norm, c.rest)
		}
	}
}

// TestParseLabelShort reads labels cut at the end of the text without
// reading past it.
func TestParseLabelShort(t *testing.T) {
	for _, s := range []string{"(一", "( 一", "(一 ", "( ", "⒈", "㈠", "1 .", "一 "} {
		parseLabel([]rune(s))
	}
}

// Labels keep their numerals as printed in their normal form, whether it
// is one made once (一 to 九十九) or another spelling of the number.
func TestLabelNorms(t *testing.T) {
	for v := 1; v <= 120; v++ {
		h, a := hanNumeral(v), strconv.Itoa(v)
		cases := map[string]string{"(" + a + ")推进": "(" + a + ")", a + ")推进": "(" + a + ")"}
		if h != "" {
			cases["("+h+")推进"], cases["（"+h+"）推进"], cases[h+"、推进"] = "("+h+")", "("+h+")", h
		}
		for line, want := range cases {
			if l, ok := parseLabel([]rune(foldString(line))); !ok || l.norm != want {
				t.Errorf("parseLabel(%q).norm = %q, %v, want %q", line, l.norm, ok, want)
			}
		}
	}
	for line, want := range map[string]string{"一十一、推进": "一十一", "（一十）推进": "(一十)", "( 三 )推进": "(三)"} {
		if l, ok := parseLabel([]rune(foldString(line))); !ok || l.norm != want {
			t.Errorf("parseLabel(%q).norm = %q, %v, want %q", line, l.norm, ok, want)
		}
	}
}
