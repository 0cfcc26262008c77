package extract

import (
	"math/bits"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"luoshi/internal/tradfold"
)

// text is the decoded source with a folded twin: full-width ASCII forms
// and the ideographic space mapped to their half-width counterparts, and
// traditional characters to simplified ones, one rune for one rune, so
// that rules match either spelling and every offset found in the folded
// text is an offset into the source.
type text struct {
	buf  []int32 // holds src, fold and their offsets; see release
	src  []rune
	fold []rune

	// The same texts encoded once, with the byte offset of every rune
	// (and of the end), so that str and fstr slice instead of converting.
	srcStr, foldStr string
	srcAt, foldAt   []int32

	// glosses are the pinyin glosses taken out of the source, under the
	// offset of the character each follows (see gloss.go).
	glosses map[int][]rune

	// traditional reports a Chinese character that folds to another: a
	// text without one is never folded again for the target rules.
	traditional bool

	cellBuf []span // the array the cells of lines are sliced from
}

func newText(s string) *text {
	// In valid UTF-8 the runes are the bytes that do not continue a
	// sequence; invalid bytes decode to more runes, at most one a byte.
	if t := decodeText(s, len(s)-continuationBytes(s)); t != nil {
		return t
	}
	return decodeText(s, len(s))
}

// decodeText reads s into a text of at most n runes, or returns nil
// when s holds more. One allocation and one decoding pass give both forms
// and their strings; the runes and their offsets are written by index.
func decodeText(s string, n int) *text {
	buf := runeBuffer(4*n + 2) // a rune is an int32: one buffer for the texts and their offsets
	src, fold := buf[0:n:n], buf[n:2*n:2*n]
	srcAt, foldAt := buf[2*n:3*n+1:3*n+1], buf[3*n+1:4*n+2:4*n+2]
	var fs strings.Builder // not zeroed first, nor copied at the end
	fs.Grow(len(s))        // folding never lengthens a valid rune
	marks, valid, traditional := false, true, false
	// Most runes fold to themselves: their bytes are copied a run at a
	// time, from run to where a rune that folds is written.
	run, fl := 0, 0 // fl: the folded text's length so far, written or not
	k := 0          // the runes read
	for i := 0; i < len(s); k++ {
		if k == n {
			runeBuffers.Put(&buf)
			return nil // more runes than room
		}
		// A plan is mostly Han: three-byte sequences that cannot be
		// overlong or surrogates are read here, the rest by utf8.
		r, w := rune(s[i]), 1
		switch c := s[i]; {
		case c < utf8.RuneSelf:
		case i+2 < len(s) && (c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			r, w = rune(c&0x0F)<<12|rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F), 3
		default:
			r, w = utf8.DecodeRuneInString(s[i:])
			marks = marks || isToneLetter(r)
			valid = valid && w > 1
		}
		f := r
		switch {
		case r >= 0x3400 && r <= 0x9FFF: // foldRune's common cases, without a call
			f = tradfold.Rune(r)
		case r <= ' ' || r >= 0x7F:
			f = foldOther(r)
		}
		src[k], fold[k], srcAt[k], foldAt[k] = r, f, int32(i), int32(fl)
		if f == r && (w > 1 || r < utf8.RuneSelf) {
			fl += w // printed as it folds
		} else {
			traditional = traditional || r >= 0x3400 && r <= 0x9FFF
			fs.WriteString(s[run:i])
			if f < utf8.RuneSelf {
				fs.WriteByte(byte(f))
			} else {
				fs.WriteRune(f)
			}
			fl, run = fs.Len(), i+w
		}
		i += w
	}
	fs.WriteString(s[run:])
	srcAt[k], foldAt[k] = int32(len(s)), int32(fs.Len())
	t := &text{buf: buf, src: src[:k], fold: fold[:k], traditional: traditional,
		srcStr: s, srcAt: srcAt[:k+1], foldStr: fs.String(), foldAt: foldAt[:k+1]}
	if marks {
		t.dropGlosses()
	}
	if !valid || t.glosses != nil {
		// The source as decoded, not as given.
		t.srcStr, t.srcAt = encode(t.src)
		t.foldStr, t.foldAt = encode(t.fold)
	}
	return t
}

// continuationBytes counts the bytes of s of the form 10xxxxxx, eight at
// a time: a plan is read once, but it is long.
func continuationBytes(s string) int {
	n, i := 0, 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		// Bit 7 of each byte set, and bit 6, shifted into bit 7, clear.
		n += bits.OnesCount64(x & ^(x << 1) & 0x8080808080808080)
	}
	for ; i < len(s); i++ {
		if s[i]&0xC0 == 0x80 {
			n++
		}
	}
	return n
}

// runeBuffers keeps the buffers of texts read before: a plan's are
// large, and a new one is cleared before use.
var runeBuffers sync.Pool

// runeBuffer is a buffer of n int32s, its contents undefined.
func runeBuffer(n int) []int32 {
	if p, ok := runeBuffers.Get().(*[]int32); ok && cap(*p) >= n {
		return (*p)[:n]
	}
	return make([]int32, n)
}

// release hands the text's buffer on to the next text. A plan holds
// strings, never the runes or offsets of its text: parse releases its
// text when it is done.
func (t *text) release() {
	if buf := t.buf; buf != nil {
		runeBuffers.Put(&buf)
		t.buf, t.src, t.fold, t.srcAt, t.foldAt = nil, nil, nil, nil, nil
	}
}

// encode is string(rs) with the byte offset of each rune and of the end.
func encode(rs []rune) (string, []int32) {
	at := make([]int32, len(rs)+1)
	buf := make([]byte, 0, 3*len(rs))
	for i, r := range rs {
		at[i] = int32(len(buf))
		buf = utf8.AppendRune(buf, r)
	}
	at[len(rs)] = int32(len(buf))
	return string(buf), at
}

// dropGlosses takes the pinyin glosses out of both texts, keeping them
// aside for the task texts.
func (t *text) dropGlosses() {
	keep := map[int][]rune{}
	src := withoutGlosses(t.src, keep)
	if len(keep) == 0 {
		return
	}
	fold := make([]rune, len(src))
	for i, r := range src {
		fold[i] = foldRune(r)
	}
	t.src, t.fold, t.glosses = src, fold, keep
}

// foldRune is small enough to be inlined where a rune is printable ASCII;
// foldWide folds the rest.
func foldRune(r rune) rune {
	if r > ' ' && r < 0x7F {
		return r
	}
	return foldWide(r)
}

func foldWide(r rune) rune {
	if r >= 0x3400 && r <= 0x9FFF {
		return tradfold.Rune(r)
	}
	return foldOther(r)
}

// foldOther folds the runes that are neither printable ASCII nor Chinese
// characters.
func foldOther(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFF01 + 0x21
	case r == 0x3000 || r == 0x00A0 || r == '\t' || r == 0x2002 || r == 0x2003 || r == 0x200B || r == 0xFEFF:
		return ' '
	case r == '﹙' || r == '【':
		return '('
	case r == '﹚' || r == '】':
		return ')'
	case r == '～' || r == '〜':
		return '~'
	}
	return r
}

// span is a half-open range of rune offsets into the source.
type span struct{ start, end int }

// str is the source as printed, for what is returned; rules compare the
// folded form (fstr, or foldString of a printed string), or a plan in
// traditional characters or full-width forms reads differently.
func (t *text) str(s span) string  { return t.srcStr[t.srcAt[s.start]:t.srcAt[s.end]] }
func (t *text) fstr(s span) string { return t.foldStr[t.foldAt[s.start]:t.foldAt[s.end]] }

// fline is fstr for a whole line, which rules look at many times.
func (t *text) fline(s span) string { return t.fstr(s) }

// trim narrows s to exclude surrounding white space.
func (t *text) trim(s span) span {
	for s.start < s.end && isSpace(t.fold[s.start]) {
		s.start++
	}
	for s.end > s.start && isSpace(t.fold[s.end-1]) {
		s.end--
	}
	return s
}

// isSpace is unicode.IsSpace, told at one comparison for the runes after
// U+3000, the last space: Chinese characters and full-width forms.
func isSpace(r rune) bool { return r == ' ' || r <= 0x3000 && unicode.IsSpace(r) }

// lines splits the source into trimmed, non-empty lines.
func (t *text) lines() []span {
	var out []span
	// The breaks are searched for in the folded string, and each found
	// is turned into its rune's offset.
	start, from := 0, 0 // the line's first rune and its byte in foldStr
	for {
		i, k := len(t.fold), lineBreak(t.foldStr[from:])
		if k >= 0 {
			i = t.runeAtFold(from + k)
		}
		if s := t.trim(span{start, i}); s.end > s.start {
			out = append(out, s)
		}
		if k < 0 {
			return out
		}
		start, from = i+1, from+k+1
	}
}

// lineBreak is the index of the first \n or \r of s, or -1.
func lineBreak(s string) int {
	k := strings.IndexByte(s, '\n')
	if k < 0 {
		return strings.IndexByte(s, '\r')
	}
	if r := strings.IndexByte(s[:k], '\r'); r >= 0 {
		return r
	}
	return k
}

// runeAtFold is the offset of the rune that starts at byte b of foldStr.
func (t *text) runeAtFold(b int) int {
	return sort.Search(len(t.foldAt), func(j int) bool { return int(t.foldAt[j]) >= b })
}

func isHan(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF }

func hanCount(rs []rune) int {
	n := 0
	for _, r := range rs {
		if isHan(r) {
			n++
		}
	}
	return n
}

// clutterMarks are phrases of web-page chrome: navigation, counters,
// toolbars. A line that holds one is never part of the plan.
var clutterMarks = []string{
	"今天是", "设为首页", "加入收藏", "当前位置", "访问次数", "浏览次数", "阅读次数", "点击数", "点击量",
	"字体:", "字号:", "(字体", "打印本页", "关闭窗口", "分享到", "繁體", "切换到繁体", "无障碍",
	"索引号", "索 引 号", "主题分类", "公文时效", "来源:", "编辑:", "责任编辑", "扫一扫", "网站地图",
	"版权所有", "ICP备", "首页>", "首页 >", "上一篇", "下一篇", "相关链接", "表格下载", "(打印)", "(关闭)",
	"信息来源", "发布时间", "浏览量", "视力保护色", "返回顶部", "邮编:", "网站标识码", "公网安备",
}

// clutterFirst is the set of the marks' first runes, by the rune's low
// byte, and clutterByFirst the marks by their first rune: a line is read
// once, and only where a mark's first rune stands are the marks that
// start with it compared.
var clutterFirst, clutterByFirst = func() (set [4]uint64, by map[rune][]string) {
	by = map[rune][]string{}
	for _, m := range clutterMarks {
		r, _ := utf8.DecodeRuneInString(m)
		set[(r&0xFF)>>6] |= 1 << (r & 63)
		by[r] = append(by[r], m)
	}
	return set, by
}()

// holdsClutterMark reports whether fold holds one of the clutter marks.
func holdsClutterMark(fold string) bool {
	for i, r := range fold {
		if clutterFirst[(r&0xFF)>>6]&(1<<(r&63)) == 0 {
			continue
		}
		for _, m := range clutterByFirst[r] {
			if strings.HasPrefix(fold[i:], m) {
				return true
			}
		}
	}
	return false
}

// runeCountUpTo is utf8.RuneCountInString(s) where that is at most max,
// else max+1: the runes of a long line are not counted to its end.
func runeCountUpTo(s string, max int) int {
	n := 0
	for range s {
		if n > max {
			break
		}
		n++
	}
	return n
}

// maxClutterRunes bounds the lines that may be page chrome; a paragraph
// of the plan that mentions "来源:" is not chrome.
const maxClutterRunes = 80

func isClutter(fold string) bool {
	if len(fold) > 3*maxClutterRunes {
		return false
	}
	if holdsClutterMark(fold) {
		return true
	}
	// A stray character or two without any Han is page debris, unless it
	// is an item's label standing above its text ("1．").
	if runeCountUpTo(fold, 2) > 2 {
		return false
	}
	rs := []rune(fold)
	if hanCount(rs) > 0 {
		return false
	}
	_, isLabel := parseLabel(rs)
	return !isLabel
}
