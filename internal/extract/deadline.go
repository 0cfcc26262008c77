package extract

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

var (
	reDeadline = regexp.MustCompile(`(?:((?:19|20)\d{2})\s*年\s*)?(?:(上半年|下半年|年内|年底前|年底|年末|底前|底|末|内|第?[一二三四1-4]季度)|(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?(?:底|末)?(?:之前|前|底))`)
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

// deadlineWindows returns the merged spans of rs around each 年内, 年底,
// 月底, 季度, 日前, 上半年 … with room before for a date and 到/每.
func deadlineWindows(rs []rune) []span {
	var out []span
	for k := 1; k < len(rs); k++ {
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
	for _, m := range reDeadline.FindAllStringSubmatchIndex(fold, -1) {
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

// reLabelledMonth is a month given as a time limit: "完成时限：2023年12月".
var reLabelledMonth = regexp.MustCompile(`(?:时限|时间|期限|节点)\s*:?\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?:份)?\s*(?:$|[)）;；,，。\n])`)

// labelledMonth reads the end of a month named as a time limit.
func labelledMonth(rs []rune) string {
	if !containsRunes(rs, []rune("时")) && !containsRunes(rs, []rune("期")) && !containsRunes(rs, []rune("节点")) {
		return ""
	}
	m := reLabelledMonth.FindStringSubmatch(string(rs))
	if m == nil {
		return ""
	}
	mo, _ := strconv.Atoi(m[2])
	if mo < 1 || mo > 12 {
		return ""
	}
	return m[1] + "-" + pad2(mo) + "-" + pad2(monthDays[mo-1])
}
