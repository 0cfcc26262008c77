package extract

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

var (
	// reDeadline is the form of a deadline; deadlineMatches reads it.
	reDeadline = mustRegex(`(?:((?:19|20)\d{2})\s*年\s*)?(?:(上半年|下半年|年内|年底前|年底|年末|底前|底|末|内|第?[一二三四1-4]季度)|(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?(?:底|末)?(?:之前|前|底))`)
	quarterEnd = map[string]string{"一": "03-31", "1": "03-31", "二": "06-30", "2": "06-30", "三": "09-30", "3": "09-30", "四": "12-31", "4": "12-31"}
	monthDays  = []int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
)

// findDeadline returns the latest deadline the folded text states within
// the plan's year (年内, 年底前, 上半年, 三季度, 6月底前, 2022年末), as ISO.
// A deadline in another year, or "到2025年" in a multi-year plan, is a
// target year rather than the task's deadline.
func findDeadline(fold string, year int) string { return findDeadlineRunes([]rune(fold), year) }

// findDeadlineRunes is findDeadline for folded runes.
func findDeadlineRunes(rs []rune, year int) string {
	best := labelledMonth(rs)
	// The expression runs only on short windows around the words that a
	// deadline needs; most task texts have none.
	for _, w := range deadlineWindows(rs) {
		d, y := deadlineIn(string(rs[w.start:w.end]), year)
		if year == 0 && y != 0 {
			year = y
		}
		if d > best {
			best = d
		}
	}
	return best
}

// deadlineRunes end the words deadlineWindows looks for: a task's text
// is read rune by rune, and most runes end none.
var deadlineRunes = newRuneSet("内底末度前半")

// deadlineWindows returns the merged spans of rs around each 年内, 年底,
// 月底, 季度, 日前, 上半年 … with room before for a date and 到/每.
func deadlineWindows(rs []rune) []span {
	var out []span
	for k := 1; k < len(rs); k++ {
		if !deadlineRunes.mayHold(rs[k]) {
			continue
		}
		prev, r := rs[k-1], rs[k]
		hit := false
		switch r {
		case '内', '底', '末', '度':
			hit = prev == '年' || prev == '月' || prev == '季'
		case '前':
			hit = prev == '年' || prev == '月' || prev == '日' || prev == '之' || prev == '底'
		case '半':
			hit = prev == '上' || prev == '下'
		}
		if !hit {
			continue
		}
		w := span{max(0, k-18), min(len(rs), k+4)}
		if n := len(out); n > 0 && out[n-1].end >= w.start {
			out[n-1].end = w.end
			continue
		}
		out = append(out, w)
	}
	return out
}

// deadlineIn reads the latest deadline of one window; it returns the year
// it found stated when the plan's year is unknown.
func deadlineIn(fold string, year int) (string, int) {
	best, stated := "", 0
	for _, m := range deadlineMatches(fold) {
		y := year
		if m[2] >= 0 {
			y, _ = strconv.Atoi(fold[m[2]:m[3]])
			if year == 0 {
				year, stated = y, y // a plan of unknown year: the stated year is all there is
			}
			// Another year counts only as an explicit "…前": "到2025年底" is a
			// target's horizon, "2024年6月30日前完成" a deadline.
			if y != year && !(strings.HasSuffix(fold[m[0]:m[1]], "前") && !precededBy(fold, m[0], "到", "至")) {
				continue
			}
		} else if year == 0 || precededBy(fold, m[0], "每年", "每", "各年", "次年", "翌年", "下一年") {
			continue // "每年第一季度" recurs; it is not a deadline
		} else if m[0] > 0 {
			// "三年内", "5年内" are durations, not deadlines.
			if r, _ := utf8.DecodeLastRuneInString(fold[:m[0]]); isNumeralRune(r) {
				continue
			}
		}
		var d string
		switch {
		case m[4] >= 0:
			w := fold[m[4]:m[5]]
			if m[2] < 0 && (w == "底前" || w == "底" || w == "末" || w == "内") {
				continue // only "2022年末" and the like
			}
			if strings.HasSuffix(w, "内") && strings.HasPrefix(fold[m[5]:], "外") {
				continue // "2023年内外贸一体化" is not 年内
			}
			switch {
			case w == "上半年":
				d = "06-30"
			case w == "下半年", w == "年内", w == "年底前", w == "年底", w == "年末", w == "底前", w == "底", w == "末", w == "内":
				d = "12-31"
			default:
				q := []rune(w)
				if q[0] == '第' {
					q = q[1:]
				}
				d = quarterEnd[string(q[0])]
			}
		case m[6] >= 0:
			mo, _ := strconv.Atoi(fold[m[6]:m[7]])
			if mo < 1 || mo > 12 {
				continue
			}
			day := monthDays[mo-1]
			if m[8] >= 0 {
				if dd, _ := strconv.Atoi(fold[m[8]:m[9]]); dd >= 1 && dd <= day {
					day = dd
				}
			}
			d = pad2(mo) + "-" + pad2(day)
		}
		if d != "" {
			if d = strconv.Itoa(y) + "-" + d; d > best {
				best = d
			}
		}
	}
	return best, stated
}

func precededBy(s string, i int, words ...string) bool {
	for _, w := range words {
		if strings.HasSuffix(strings.TrimRight(s[:i], " "), w) {
			return true
		}
	}
	return false
}

func isNumeralRune(r rune) bool {
	if r >= '0' && r <= '9' {
		return true
	}
	_, ok := hanDigits[r]
	return ok || r == '几' || r == '多'
}

// labelMonthWords are the labels of a time limit: "完成时限：2023年12月".
var labelMonthWords = [][]rune{[]rune("时限"), []rune("时间"), []rune("期限"), []rune("节点")}

// labelledMonth reads the end of a month named as a time limit:
// "完成时限：2023年12月". It is the leftmost match of
//
//	(?:时限|时间|期限|节点)\s*:?\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?:份)?\s*(?:$|[)）;；,，。\n])
//
// read by hand: the expression, with no literal prefix to skip ahead to,
// was tried at every offset of every task's text.
func labelledMonth(rs []rune) string {
	for i := 0; i+1 < len(rs); i++ {
		if rs[i] != '时' && rs[i] != '期' && rs[i] != '节' {
			continue
		}
		for _, w := range labelMonthWords {
			if !runesAt(rs, i, w) {
				continue
			}
			if year, mo, ok := limitMonthAt(rs, i+len(w)); ok {
				if mo < 1 || mo > 12 {
					return ""
				}
				return year + "-" + pad2(mo) + "-" + pad2(monthDays[mo-1])
			}
		}
	}
	return ""
}

// limitMonthAt reads "：2023年12月" after a time-limit label at rs[j]: the
// year as written and the month.
func limitMonthAt(rs []rune, j int) (string, int, bool) {
	j = skipReSpace(rs, j)
	if j < len(rs) && rs[j] == ':' {
		j = skipReSpace(rs, j+1)
	}
	if j+4 > len(rs) || !(rs[j] == '1' && rs[j+1] == '9' || rs[j] == '2' && rs[j+1] == '0') || !asciiDigit(rs[j+2]) || !asciiDigit(rs[j+3]) {
		return "", 0, false
	}
	year := string(rs[j : j+4])
	j = skipReSpace(rs, j+4)
	if j >= len(rs) || rs[j] != '年' {
		return "", 0, false
	}
	j = skipReSpace(rs, j+1)
	mo, k := 0, 0
	for j+k < len(rs) && asciiDigit(rs[j+k]) {
		mo = mo*10 + int(rs[j+k]-'0')
		k++
	}
	if k == 0 || k > 2 {
		return "", 0, false
	}
	j = skipReSpace(rs, j+k)
	if j >= len(rs) || rs[j] != '月' {
		return "", 0, false
	}
	j++
	if j < len(rs) && rs[j] == '份' {
		j++
	}
	// The closing white space may itself end the month with a newline.
	from := j
	j = skipReSpace(rs, j)
	if j == len(rs) || strings.ContainsRune(")）;；,，。\n", rs[j]) || containsRune(rs[from:j], '\n') {
		return year, mo, true
	}
	return "", 0, false
}

// skipReSpace skips what \s matches in a regular expression.
func skipReSpace(rs []rune, j int) int {
	for j < len(rs) && (rs[j] == ' ' || rs[j] == '\t' || rs[j] == '\n' || rs[j] == '\f' || rs[j] == '\r') {
		j++
	}
	return j
}

func asciiDigit(r rune) bool { return r >= '0' && r <= '9' }

func containsRune(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// deadlineMatches is reDeadline.FindAllStringSubmatchIndex(s, -1), read
// without the expression's machine, which cost more than all the rest of
// a task's deadline: at each rune, the year's branch, then the branch
// without it, the alternatives in their order and the optional parts
// taken where they can be, as the expression's backtracking does.
func deadlineMatches(s string) [][]int {
	var out [][]int
	for p := 0; p < len(s); {
		if m, ok := deadlineAt(s, p); ok {
			out = append(out, m)
			p = m[1]
			continue
		}
		_, w := utf8.DecodeRuneInString(s[p:])
		p += w
	}
	return out
}

// deadlineAt is the match of reDeadline that starts at s[p], if any.
func deadlineAt(s string, p int) ([]int, bool) {
	// ((?:19|20)\d{2})\s*年\s* first: no space or 年 starts what follows.
	if p+4 <= len(s) && (s[p] == '1' && s[p+1] == '9' || s[p] == '2' && s[p+1] == '0') && isDigitByte(s[p+2]) && isDigitByte(s[p+3]) {
		if j := skipReSpaces(s, p+4); strings.HasPrefix(s[j:], "年") {
			if m, ok := deadlineRest(s, skipReSpaces(s, j+len("年"))); ok {
				m[0], m[2], m[3] = p, p, p+4
				return m, true
			}
		}
	}
	if m, ok := deadlineRest(s, p); ok {
		m[0] = p
		return m, true
	}
	return nil, false
}

// deadlineWords are the first group's words, in the expression's order.
var deadlineWords = []string{"上半年", "下半年", "年内", "年底前", "年底", "年末", "底前", "底", "末", "内"}

// deadlineRest matches what follows the year, from s[j]: the groups of
// the match are set, its start and year left for the caller.
func deadlineRest(s string, j int) ([]int, bool) {
	m := []int{-1, -1, -1, -1, -1, -1, -1, -1, -1, -1}
	for _, w := range deadlineWords {
		if strings.HasPrefix(s[j:], w) {
			m[1], m[4], m[5] = j+len(w), j, j+len(w)
			return m, true
		}
	}
	// 第?[一二三四1-4]季度
	k := j
	if strings.HasPrefix(s[k:], "第") {
		k += len("第")
	}
	if r, w := utf8.DecodeRuneInString(s[k:]); strings.ContainsRune("一二三四1234", r) && strings.HasPrefix(s[k+w:], "季度") {
		e := k + w + len("季度")
		m[1], m[4], m[5] = e, j, e
		return m, true
	}
	// (\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?(?:底|末)?(?:之前|前|底): a number
	// of one digit or two is read whole, as a digit never follows it.
	d := digitsAt(s, j)
	if d == 0 {
		return nil, false
	}
	k = skipReSpaces(s, j+d)
	if !strings.HasPrefix(s[k:], "月") {
		return nil, false
	}
	k += len("月")
	m[6], m[7] = j, j+d
	if i := skipReSpaces(s, k); digitsAt(s, i) > 0 {
		dd := digitsAt(s, i)
		if e := skipReSpaces(s, i+dd); strings.HasPrefix(s[e:], "日") {
			if end, ok := deadlineTail(s, e+len("日")); ok {
				m[1], m[8], m[9] = end, i, i+dd
				return m, true
			}
		}
	}
	if end, ok := deadlineTail(s, k); ok {
		m[1] = end
		return m, true
	}
	return nil, false
}

// deadlineTail matches (?:底|末)?(?:之前|前|底) at s[k] and gives its end.
func deadlineTail(s string, k int) (int, bool) {
	if strings.HasPrefix(s[k:], "底") || strings.HasPrefix(s[k:], "末") {
		if e, ok := deadlineEnd(s, k+len("底")); ok {
			return e, true
		}
	}
	return deadlineEnd(s, k)
}

// deadlineEnd matches (?:之前|前|底) at s[k].
func deadlineEnd(s string, k int) (int, bool) {
	for _, w := range []string{"之前", "前", "底"} {
		if strings.HasPrefix(s[k:], w) {
			return k + len(w), true
		}
	}
	return 0, false
}

// digitsAt is the number of ASCII digits at s[i], at most two.
func digitsAt(s string, i int) int {
	n := 0
	for n < 2 && i+n < len(s) && isDigitByte(s[i+n]) {
		n++
	}
	return n
}

// skipReSpaces skips the runes of \s: \t \n \f \r and the space.
func skipReSpaces(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	return i
}
