package extract

import (
	"slices"
	"strconv"
)

// style is the numbering style of an item; the plan's heading levels are
// the styles in order of first appearance.
type style int

const (
	styleNone        style = iota
	styleChapter           // 第一章, 第一部分
	styleSection           // 第一节
	styleArticle           // 第一条
	styleHan               // 一、
	styleHanParen          // （一）
	styleArabic            // 1. 1、 1．
	styleArabicParen       // （1）
	styleCircled           // ①
	styleLetter            // a. b. c.
	styleShi               // 一是 … 二是, inside a paragraph
)

// label is a numbered label found at the start of a line.
type label struct {
	style style
	num   int
	norm  string // normalized per the contract: "1", "(一)", "一", "一是"
	end   int    // offset in the line just after the label and its punctuation
}

var hanDigits = map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9, '十': 10, '两': 2, '〇': 0, '零': 0}

// hanNumber reads a Chinese numeral up to 99 at the start of rs and returns
// its value and length; 0, 0 when there is none.
func hanNumber(rs []rune) (int, int) {
	n := 0
	for n < len(rs) && n < 3 {
		if _, ok := hanDigits[rs[n]]; !ok || rs[n] == '两' || rs[n] == '〇' || rs[n] == '零' {
			break
		}
		n++
	}
	switch n {
	case 0:
		return 0, 0
	case 1:
		return hanDigits[rs[0]], 1
	case 2:
		a, b := hanDigits[rs[0]], hanDigits[rs[1]]
		if a == 10 && b < 10 { // 十一
			return 10 + b, 2
		}
		if b == 10 && a < 10 { // 二十
			return a * 10, 2
		}
		return 0, 0
	default:
		a, b, c := hanDigits[rs[0]], hanDigits[rs[1]], hanDigits[rs[2]]
		if b == 10 && a < 10 && c < 10 { // 二十一
			return a*10 + c, 3
		}
		if a == 10 && b < 10 { // 十一 followed by something
			return 10 + b, 2
		}
		if b == 10 && a < 10 {
			return a * 10, 2
		}
		return hanDigits[rs[0]], 1
	}
}

// parseLabel recognises a heading or item label at the start of a folded,
// trimmed line.
func parseLabel(f []rune) (label, bool) {
	if len(f) < 2 {
		return label{}, false
	}
	switch {
	case f[0] == '第':
		if v, n := hanNumber(f[1:]); n > 0 && 1+n < len(f) {
			st := styleNone
			switch f[1+n] {
			case '章', '部', '篇':
				st = styleChapter
			case '节':
				st = styleSection
			case '条':
				st = styleArticle
			}
			if st != styleNone {
				end := 2 + n
				if f[1+n] == '部' && end < len(f) && f[end] == '分' {
					end++
				}
				return label{style: st, num: v, norm: string(f[:end]), end: skipSep(f, end)}, true
			}
		}
	case f[0] >= '⒈' && f[0] <= '⒛':
		// One rune for "1." … "20.", as some typesetting prints them.
		v := int(f[0]-'⒈') + 1
		return label{style: styleArabic, num: v, norm: strconv.Itoa(v), end: skipSep(f, 1)}, true
	case f[0] >= '⑴' && f[0] <= '⒇':
		v := int(f[0]-'⑴') + 1
		return label{style: styleArabicParen, num: v, norm: arabicParenNorm(v), end: skipSep(f, 1)}, true
	case f[0] >= '㈠' && f[0] <= '㈩':
		v := int(f[0]-'㈠') + 1
		return label{style: styleHanParen, num: v, norm: "(" + string(hanTens[v-1]) + ")", end: skipSep(f, 1)}, true
	case f[0] == '(':
		if v, n := hanNumber(f[1:]); n > 0 && 1+n < len(f) && f[1+n] == ')' {
			return label{style: styleHanParen, num: v, norm: hanNorm(f[1:1+n], v, true), end: skipSep(f, 2+n)}, true
		}
		// "（ 一 ）": blanks inside the parentheses, as copied from a PDF.
		if i := skipBlanks(f, 1); i < len(f) {
			if v, n := hanNumber(f[i:]); n > 0 && i+n < len(f) && (i > 1 || f[i+n] == ' ') {
				if j := skipBlanks(f, i+n); j < len(f) && f[j] == ')' {
					return label{style: styleHanParen, num: v, norm: hanNorm(f[i:i+n], v, true), end: skipSep(f, j+1)}, true
				}
			}
		}
		if v, n := arabic(f[1:]); n > 0 && 1+n < len(f) && f[1+n] == ')' {
			return label{style: styleArabicParen, num: v, norm: arabicParenNorm(v), end: skipSep(f, 2+n)}, true
		}
	case f[0] >= '①' && f[0] <= '⑳':
		return label{style: styleCircled, num: int(f[0]-'①') + 1, norm: string(f[0]), end: skipSep(f, 1)}, true
	case f[0] >= '0' && f[0] <= '9':
		v, n := arabic(f)
		if n == 0 || n >= len(f) {
			break
		}
		if f[n] == ' ' && n+1 < len(f) && (isLabelDot(f[n+1]) || f[n+1] == '、') {
			n++ // "3 .发展…"
		}
		switch r := f[n]; {
		case r == ')':
			// "1)" is the half-parenthesis form of "(1)".
			return label{style: styleArabicParen, num: v, norm: arabicParenNorm(v), end: skipSep(f, n+1)}, true
		case isLabelDot(r) || r == '、':
			// "1.5亿元" is a number, not a label; "1.2023年底前…" is a label.
			if r != '、' && n+1 < len(f) && f[n+1] >= '0' && f[n+1] <= '9' && !yearAt(f, n+1) {
				break
			}
			return label{style: styleArabic, num: v, norm: strconv.Itoa(v), end: skipSep(f, n+1)}, true
		}
	case (f[0] >= 'a' && f[0] <= 'z' || f[0] >= 'A' && f[0] <= 'Z') && (f[1] == '.' || f[1] == '、' || f[1] == ')') && len(f) > 2 && isHan(f[2]):
		// "a.推进…": lettered sub-items.
		l := f[0] | 0x20
		return label{style: styleLetter, num: int(l-'a') + 1, norm: string(l), end: skipSep(f, 2)}, true
	default:
		v, n := hanNumber(f)
		sep := n
		if n > 0 && n+1 < len(f) && f[n] == ' ' && (f[n+1] == '、' || isLabelDot(f[n+1])) {
			sep++ // "三 、保障措施"
		}
		if n > 0 && sep < len(f) && (f[sep] == '、' || isLabelDot(f[sep])) {
			return label{style: styleHan, num: v, norm: hanNorm(f[:n], v, false), end: skipSep(f, sep+1)}, true
		}
	}
	return label{}, false
}

// yearAt reports a year ("2023年") starting at f[i].
func yearAt(f []rune, i int) bool {
	if i+5 > len(f) || f[i+4] != '年' {
		return false
	}
	for _, r := range f[i : i+4] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// arabic reads up to three ASCII digits.
func arabic(f []rune) (int, int) {
	v, n := 0, 0
	for n < len(f) && n < 3 && f[n] >= '0' && f[n] <= '9' {
		v = v*10 + int(f[n]-'0')
		n++
	}
	if n < len(f) && f[n] >= '0' && f[n] <= '9' {
		return 0, 0
	}
	return v, n
}

// skipSep skips the punctuation and spaces that may follow a label.
func skipSep(f []rune, i int) int {
	for i < len(f) && (f[i] == ' ' || f[i] == '、' || isLabelDot(f[i]) || f[i] == ',') {
		i++
	}
	return i
}

// isLabelDot reports the full stops that may follow an item's number:
// ".", the small full stop "﹒" and the one-dot leader "․" of some
// typesetting; "．" is folded to ".".
func isLabelDot(r rune) bool { return r == '.' || r == '﹒' || r == '․' }

// hanTens are the numerals one to ten.
var hanTens = []rune("一二三四五六七八九十")

// skipBlanks skips the blanks from f[i].
func skipBlanks(f []rune, i int) int {
	for i < len(f) && f[i] == ' ' {
		i++
	}
	return i
}

// labelNorms are the normal forms of the labels numbered 1 to 99, made
// once: "一", "(一)", "(1)". A label is read for most lines, and most are
// numbered so.
var labelNorms = func() (n struct {
	han, hanParen, arabicParen [100]string
	hanRunes                   [100][]rune
}) {
	for v := 1; v < 100; v++ {
		n.han[v], n.hanParen[v], n.arabicParen[v] = hanNumeral(v), "("+hanNumeral(v)+")", "("+strconv.Itoa(v)+")"
		n.hanRunes[v] = []rune(hanNumeral(v))
	}
	return n
}()

// hanNorm is the normal form of a label numbered v in the Chinese
// numerals rs, in parentheses or not.
func hanNorm(rs []rune, v int, paren bool) string {
	if v > 0 && v < 100 && slices.Equal(rs, labelNorms.hanRunes[v]) {
		if paren {
			return labelNorms.hanParen[v]
		}
		return labelNorms.han[v]
	}
	if paren {
		return "(" + string(rs) + ")"
	}
	return string(rs)
}

// arabicParenNorm is "(v)".
func arabicParenNorm(v int) string {
	if v > 0 && v < 100 {
		return labelNorms.arabicParen[v]
	}
	return "(" + strconv.Itoa(v) + ")"
}
