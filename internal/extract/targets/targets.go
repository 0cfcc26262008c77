// Package targets finds the quantitative commitments of a plan in its
// text: a number, its unit and comparator, the thing it measures and the
// year it is for.
//
// The text is read once, left to right. A number becomes a target when a
// unit follows it and nothing around it says it is a name, a reference, a
// date, a baseline, a rule or a description of scope. The rules are the
// vocabulary of the genre in words.go, never the wording of one plan.
package targets

import (
	"strconv"
	"strings"

	"luoshi/internal/plan"
	"luoshi/internal/tradfold"
)

var (
	units        = newUnitTrie(baseUnits, multipliers)
	prefixCmp    = newValuedList(nil, prefixComparators)
	suffixCmp    = newValuedList(nil, suffixComparators)
	verbsBefore  = newWordList(countVerbs)
	scopeBefore  = newWordList(scopeVerbs)
	scopeAfter   = newWordList(scopeNouns)
	scopeFollow  = newWordList(scopeFollowers)
	rewards      = newWordList(rewardWords)
	baselines    = newWordList(baselineWords)
	leads        = newWordList(leadWords)
	tails        = newWordList(tailWords)
	objTails     = newWordList(objectTails)
	measures     = newWordList(measureTails)
	caps         = newWordList([]string{"最高", "最多", "单个", "每个", "每家", "每户", "每人"})
	changeVerbs  = newWordList([]string{"提高", "提升", "增加", "增长", "上升", "下降", "降低", "降至", "降到", "压减", "压缩", "缩短", "扩大", "减少", "减至", "到", "至"})
	atLeastAhead = newWordList([]string{"至少", "最少"})
	explainWords = newWordList([]string{"即", "包括", "涵盖", "分为"})
	growth       = newWordList([]string{"增长", "同比增长", "增速", "下降", "同比下降", "提高", "年均增长"})
	goalWords    = newWordList([]string{"目标", "水平", "任务"})
	radius       = newWordList([]string{"范围", "半径", "圈", "服务圈", "生活圈", "以内的", "内的"})
	linkWords    = newWordList([]string{"达到", "达", "到", "为", "在"})
	wordSeparate = []rune("分别")
	wordEach     = []rune("均")
	pastInClause = newWordList(pastClauseWords)
	perYear      = newWordList([]string{"每年", "每一年"})
	separately   = newWordList([]string{"分别"})
	standards    = newWordList([]string{"的标准", "标准的", "标准配", "标准执行", "执行"})
	supports     = newWordList([]string{"支持", "补助", "资助"})
	lifeSpan     = newWordList([]string{"寿命"})
	setUp        = newWordList([]string{"设立", "组建", "发起设立", "设立总规模"})
	thisYear     = newWordList([]string{"年底前", "年内", "全年", "今年", "当年", "本年度"})
	pastInSent   = newWordList(pastSentenceWords)
	stock        = newWordList(stockWords)
	lengthens    = newWordList([]string{"延长至", "延长到", "延长为"})
	funding      = newWordList([]string{"安排", "统筹", "整合", "投入", "筹集", "筹措", "拨付", "下达"})
	countLeads   = newWordList([]string{"推动", "带动", "吸引", "引导", "支持", "帮助", "服务", "组织", "发展", "招引", "引育", "争取", "力争", "确保", "实现", "覆盖", "惠及", "吸纳", "带动就业"})
	places       = newWordList([]string{"全省", "全市", "全县", "全区", "全州", "全盟", "我省", "我市", "我县", "我区"})
	permission   = newWordList([]string{"可以", "可在", "可按", "可对", "可从", "允许"})
	tariffs      = newWordList([]string{"收费标准", "票价", "价格为", "单价", "收费为", "计费"})
	linking      = newWordList([]string{"融合", "互联", "互通", "对接", "衔接", "联动", "协同", "共享"})
	programVerbs = newWordList([]string{"实施", "组织实施", "推进实施"})
	training     = newWordList([]string{"培训", "轮训", "培养", "开展服务", "提供服务"})
	comparedTo   = newWordList([]string{"比", "较", "同", "超", "于", "高于", "低于"})
	classNouns   = newWordList(classedNouns)
	actions      = newWordList(append(append([]string{"用于", "带动", "安排", "撬动", "吸引", "引导"}, countVerbs...), "支持", "补助", "资助"))
)

// Find returns the quantitative targets (commitments) stated in text, in order.
// year is the year the targets are for when the text states none (the plan's
// year for an annual plan; 0 when unknown). Spans are rune offsets into text.
func Find(text string, year int) []plan.Target { return FindRunes([]rune(text), year) }

// FindRunes is Find for text already held as runes; rs is not modified.
func FindRunes(rs []rune, year int) []plan.Target { return FindIn(rs, year, year) }

// FindIn is FindRunes for a plan issued in planYear whose targets default
// to year (0 for a multi-year plan): a statement about a year before
// planYear is history, not a target.
func FindIn(rs []rune, year, planYear int) []plan.Target {
	folded, traditional := tradfold.Runes(rs)
	if !traditional {
		return FindSimplified(rs, year, planYear)
	}
	out := FindSimplified(folded, year, planYear)
	asPrinted(out, rs, folded)
	return out
}

// FindSimplified is FindIn for a text the caller knows to hold no
// traditional character that folds: it is not read for them again.
func FindSimplified(rs []rune, year, planYear int) []plan.Target {
	if !hasNumeralRunes(rs) {
		return nil
	}
	if planYear == 0 {
		planYear = year
	}
	s := scanner{rs: rs, year: year, dflt: year, base: planYear, yearsEnd: -1}
	s.run()
	return s.out
}

// FindFolded is FindIn for a text read through its folded twin: match
// holds the same runes as src, one for one, with characters written in
// other forms (traditional ones) folded to those the vocabulary knows.
// The rules read match; a target's text, unit and indicator are given as
// src prints them.
func FindFolded(src, match []rune, year, planYear int) []plan.Target {
	if len(src) != len(match) {
		return FindIn(src, year, planYear)
	}
	if !hasNumeralRunes(match) {
		return nil
	}
	if planYear == 0 {
		planYear = year
	}
	s := scanner{rs: match, src: src, year: year, dflt: year, base: planYear, yearsEnd: -1}
	s.run()
	for i := range s.out {
		t := &s.out[i]
		t.Text = string(src[t.Start:t.End])
		t.Indicator = s.asPrinted(t.Indicator, t.Start, t.End)
	}
	return s.out
}

// asPrinted returns w, a phrase of the folded text, as the source prints
// it where it stands within [lo, hi); else w unchanged.
func (s *scanner) asPrinted(w string, lo, hi int) string {
	wr := []rune(w)
	if s.src == nil || len(wr) == 0 {
		return w
	}
	if k := lastIndexRunes(s.rs, lo, hi, wr); k >= 0 {
		return string(s.src[k : k+len(wr)])
	}
	return w
}

// unitAsPrinted returns a unit read from the folded text ending at end as
// the source prints it: the unit's runes, matched from the end, may have
// others between them ("4万余人次").
func (s *scanner) unitAsPrinted(u string, end int) string {
	if s.src == nil {
		return u
	}
	ur := []rune(u)
	out := make([]rune, len(ur))
	n := len(ur)
	for k := end - 1; k >= 0 && n > 0 && end-k <= len(ur)+2; k-- {
		if s.rs[k] == ur[n-1] {
			n--
			out[n] = s.src[k]
		}
	}
	if n > 0 {
		return u
	}
	return string(out)
}

// hasNumeral reports whether text holds a character a target can start
// with; a text without one is not scanned. 一 does not count: a count of
// one is never written in Chinese numerals as a target.
func hasNumeral(text string) bool { return hasNumeralRunes([]rune(text)) }

func hasNumeralRunes(rs []rune) bool {
	for i, r := range rs {
		if scanRunes[(r&0xFFF)>>6]&(1<<(r&63)) == 0 {
			continue // no numeral, as the scanner acts on them all
		}
		if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
			return true
		}
		if r == '一' {
			// 一百, 一千 and 一十 are counts; 一 alone is not
			if i+1 < len(rs) && (rs[i+1] == '百' || rs[i+1] == '千' || rs[i+1] == '十') {
				return true
			}
		} else if r > '一' {
			if _, ok := cnDigit(r); ok {
				return true
			}
		}
	}
	return false
}

// scanner holds the state of one left-to-right pass.
type scanner struct {
	rs   []rune
	src  []rune // the text as printed, when rs is its folded twin; else nil
	out  []plan.Target
	base int // the plan's year: statements about earlier years are history
	dflt int // the year of targets that state none
	year int // the year targets are for at this point of the text

	closers []rune // expected closing marks of open quotes and titles
	history bool   // the current sentence states a past year
	qualEnd int    // numbers before this offset qualify a count (see qualifiers)

	sentence int // start of the current sentence
	clause   int // start of the current clause
	seg      int // where the text of the next target may start in the clause
	cnSeen   bool

	// the last target of the clause, for lists like 增长10%、30%以上
	lastEnd      int
	lastFrom     int    // index into out of the last target's group
	lastPre      string // comparator written before the last target's group
	years        []int  // a list of years read as one ("2023年、2024年")
	yearsEnd     int    // where the last year of that list ended
	yearsNext    int    // the next of those years to give a target
	lastExplicit bool
	group        []string // subjects of 分别
	groupVerb    string
	groupNext    int
}

// scanRunes are the runes run acts on, as a filter of one bit for each
// value of a rune's low 12 bits: most runes of a text are none of them,
// and skip run's dozens of comparisons at one test. Keep it in step with
// run, closerOf, isDigit and cnDigit.
var scanRunes = func() (set [4096 / 64]uint64) {
	for _, r := range "十“”‘’《》〈〉〔〕「」『』\"。！？!?\n\r，；;：,0123456789０１２３４５６７８９零〇一二两三四五六七八九百千" {
		set[(r&0xFFF)>>6] |= 1 << (r & 63)
	}
	return set
}()

func (s *scanner) run() {
	rs := s.rs
	for i := 0; i < len(rs); {
		r := rs[i]
		if scanRunes[(r&0xFFF)>>6]&(1<<(r&63)) == 0 {
			i++
			continue
		}
		if r == '十' {
			s.planPeriod(i)
		}
		if n := len(s.closers); n > 0 && r == s.closers[n-1] {
			s.closers = s.closers[:n-1]
			i++
			continue
		}
		if c, ok := closerOf(r); ok {
			if r == '"' && len(s.closers) > 0 && s.closers[len(s.closers)-1] == '"' {
				s.closers = s.closers[:len(s.closers)-1]
			} else {
				s.closers = append(s.closers, c)
			}
			i++
			continue
		}
		switch {
		case r == '。' || r == '！' || r == '？' || r == '!' || r == '?' || r == '\n' || r == '\r':
			s.closers = s.closers[:0]
			s.history = false
			s.years = s.years[:0]
			s.newClause(i + 1)
			s.sentence = s.clause
		case len(s.closers) > 0:
			// inside quotes, titles and references everything is a name
		case r == '，' || r == '；' || r == ';' || r == '：':
			s.newClause(i + 1)
		case r == ',' && !(i > 0 && isDigit(rs[i-1]) && i+1 < len(rs) && isDigit(rs[i+1])):
			s.newClause(i + 1)
		case isDigit(r):
			i = s.arabic(i)
			continue
		case isCN(r):
			i = s.chinese(i)
			continue
		}
		i++
	}
}

func closerOf(r rune) (rune, bool) {
	switch r {
	case '“':
		return '”', true
	case '‘':
		return '’', true
	case '《':
		return '》', true
	case '〈':
		return '〉', true
	case '〔':
		return '〕', true
	case '「':
		return '」', true
	case '『':
		return '』', true
	case '"':
		return '"', true
	}
	return 0, false
}

func (s *scanner) newClause(at int) {
	for at < len(s.rs) && (s.rs[at] == ' ' || s.rs[at] == '\u3000' || s.rs[at] == '\t') {
		at++
	}
	s.clause, s.seg, s.lastEnd = at, at, -1
	s.cnSeen = false
	s.group = nil
}

// number reads an Arabic number at i: digits, thousands separators and a
// decimal part. It returns the value, the count of digits before the
// decimal point and where the number ends.
func (s *scanner) number(i int) (float64, int, int) {
	rs := s.rs
	// The number's digits and point, on the stack; most numbers are short
	// enough to be read exactly without strconv (see decimalValue).
	var buf [24]byte
	b := buf[:0]
	j, digits, point := i, 0, -1
	for j < len(rs) {
		r := rs[j]
		switch {
		case isDigit(r):
			b = append(b, byte('0'+digitValue(r)))
			j++
			digits++
			continue
		case r == ',' && digits > 0 && j+3 < len(rs) && isDigit(rs[j+1]) && isDigit(rs[j+2]) && isDigit(rs[j+3]) && (j+4 == len(rs) || !isDigit(rs[j+4])):
			j++
			continue
		case (r == '.' || r == '．') && j+1 < len(rs) && isDigit(rs[j+1]) && point < 0:
			point = len(b)
			b = append(b, '.')
			j++
			continue
		}
		break
	}
	intDigits := digits
	if point >= 0 {
		intDigits = point
	}
	return decimalValue(b, point), intDigits, j
}

// pow10 are the powers of ten a float64 holds exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 22: 1e22}

// decimalValue is strconv.ParseFloat(string(b), 64) for digits with a
// point at point (or none, -1). Up to 15 digits are an integer a float64
// holds exactly, and one division by an exact power of ten rounds once,
// as ParseFloat does; longer numbers go to ParseFloat.
func decimalValue(b []byte, point int) float64 {
	frac := 0
	if point >= 0 {
		frac = len(b) - point - 1
	}
	n := len(b) // the digits
	if point >= 0 {
		n--
	}
	if n <= 15 && frac <= 22 {
		var m uint64
		for _, c := range b {
			if c != '.' {
				m = m*10 + uint64(c-'0')
			}
		}
		return float64(m) / pow10[frac]
	}
	v, _ := strconv.ParseFloat(string(b), 64)
	return v
}

func isRangeSep(r rune) bool {
	switch r {
	case '-', '—', '–', '－', '~', '～', '至', '到', '―':
		return true
	}
	return false
}

// arabic handles an Arabic number starting at i and returns where the
// scan continues.
func (s *scanner) arabic(i int) int {
	rs := s.rs
	v, intDigits, j := s.number(i)
	var prev rune
	if i > 0 {
		prev = rs[i-1]
	}
	if isLatin(prev) || prev == '.' || prev == '+' || prev == '/' || prev == '×' || prev == '*' || prev == '#' || prev == '_' {
		return skipName(rs, j)
	}
	next := at(rs, j)

	// Years: set the year of later targets, or mark the sentence as history.
	if intDigits == 4 && v >= 1900 && v <= 2100 && v == float64(int(v)) {
		if next == '年' {
			s.sawYear(i, int(v), j+1)
			return j + 1
		}
		if isRangeSep(next) && j+1 < len(rs) && isDigit(rs[j+1]) {
			_, d2, k := s.number(j + 1)
			if d2 == 4 && at(rs, k) == '年' {
				return k + 1 // a period such as 2021—2025年 names a plan
			}
		}
	}
	if isLatin(next) || next == '+' || next == '＋' {
		return skipName(rs, j)
	}
	if (next == ':' || next == '：' || next == '∶') && isDigit(at(rs, j+1)) {
		return skipRatio(rs, j)
	}
	if (prev == ':' || prev == '：' || prev == '∶') && i > 1 && isDigit(rs[i-2]) {
		return j
	}
	if prev == '第' || prev == '每' || prev == '前' && next != '%' && next != '％' {
		return j // an ordinal, a rate base or a rank (前10名); 疫情前70% is a share
	}

	k := j
	unit := ""
	if next == '%' || next == '％' {
		unit, k = "%", j+1
	}
	more := false
	if unit == "" && (at(rs, k) == '多' || at(rs, k) == '余') {
		more = true
		k++
	}
	var vmax *float64
	if isRangeSep(at(rs, k)) && isDigit(at(rs, k+1)) {
		v2, _, k2 := s.number(k + 1)
		if v2 > v && !isLatin(at(rs, k2)) {
			vmax = &v2
			k = k2
			if unit == "%" && (at(rs, k) == '%' || at(rs, k) == '％') {
				k++
			}
		}
	}
	if vmax == nil && unit == "" && isMultiplier(at(rs, k)) && isRangeSep(at(rs, k+1)) && isDigit(at(rs, k+2)) {
		// "3万—5万人", "10亿-20亿元": the multiplier written at both ends
		if v2, _, k2 := s.number(k + 2); v2 > v && at(rs, k2) == rs[k] {
			vmax, k = &v2, k2
		}
	}
	if unit == "" {
		u, k2 := units.longest(rs, k)
		if u == "" && isMultiplier(at(rs, k)) && (at(rs, k+1) == '多' || at(rs, k+1) == '余') {
			// 4万余人次, 300多万人: the approximation splits the unit
			if b, k3 := units.longest(rs, k+2); b != "" {
				u, k2, more = string(rs[k])+b, k3, true
			}
		}
		if u == "" {
			// "突破5亿", "新增100万高校毕业生": the multiplier is the unit.
			if n := s.bareMultiplier(j); n > 0 {
				u, k2 = string(rs[j:j+n]), j+n
			}
		}
		if u == "" || at(rs, k2) == '级' || cutWord(u, at(rs, k2)) {
			return j // no unit, a class such as 100亿元级, or a word (14部委)
		}
		unit, k = u, k2
		// "50亿元—80亿元": the unit written at both ends
		if vmax == nil && isRangeSep(at(rs, k)) && isDigit(at(rs, k+1)) {
			if v2, _, k3 := s.number(k + 1); v2 > v {
				if u2, k4 := units.longest(rs, k3); u2 == unit {
					vmax, k = &v2, k4
				}
			}
		}
	} else if vmax == nil && (at(rs, k) == '%' || at(rs, k) == '％') {
		k++
	}
	if unit == "％" {
		unit = "%"
	}
	if isLatin(at(rs, k)) {
		return skipName(rs, k)
	}
	s.candidate(cand{start: i, end: k, value: v, max: vmax, unit: unit, more: more})
	return k
}

// bareMultiplier reports 万 or 亿 at j standing alone as a count's unit:
// at the end of its clause ("突破5亿", "减少60万以上"), or before the
// people or things counted after a verb of building or serving ("新增100万
// 高校毕业生"). A name ("百万英才") or a class ("千亿级") is not one.
// It returns the multiplier's length, 0 when there is none.
func (s *scanner) bareMultiplier(j int) int {
	rs := s.rs
	n := 0
	switch {
	case at(rs, j) == '万' && at(rs, j+1) == '亿':
		n = 2
	case at(rs, j) == '万' || at(rs, j) == '亿':
		n = 1
	default:
		return 0
	}
	if closesClause(rs, j+n) {
		return n
	}
	if isHan(at(rs, j+n)) && at(rs, j+n) != '级' && verbsBefore.within(rs, s.clause, j) {
		return n
	}
	return 0
}

// cutWord reports a unit that is the start of a word the next rune
// completes (部 in 部门, 单 in 单位): no unit at all.
func cutWord(u string, next rune) bool {
	cut, ok := wordUnits[string(lastRune(u))]
	return ok && strings.ContainsRune(cut, next)
}

func at(rs []rune, i int) rune {
	if i < 0 || i >= len(rs) {
		return 0
	}
	return rs[i]
}

// skipName moves past the letters and digits of a name such as 5G+ or G20.
func skipName(rs []rune, j int) int {
	for j < len(rs) && (isLatin(rs[j]) || isDigit(rs[j]) || rs[j] == '+' || rs[j] == '.' || rs[j] == '＋') {
		j++
	}
	return j
}

// skipRatio moves past a ratio such as 2:2:4:2.
func skipRatio(rs []rune, j int) int {
	for j < len(rs) && (isDigit(rs[j]) || rs[j] == ':' || rs[j] == '：' || rs[j] == '∶' || rs[j] == '.') {
		j++
	}
	return j
}

// chinese handles a Chinese numeral starting at i. It is a target only as
// the object of an action (培育两个特色孵化板块) or in a list that began
// with one (两个国家级和三个省级).
func (s *scanner) chinese(i int) int {
	rs := s.rs
	j := i
	for j < len(rs) && isCN(rs[j]) {
		j++
	}
	if j-i > 4 {
		return j
	}
	n, ok := cnValue(rs[i:j])
	if !ok || n < 1 || at(rs, i-1) == '第' || at(rs, i-1) == '每' {
		return j
	}
	// A range in Chinese numerals: 三至五个, 一至两个.
	var hi *float64
	if r := at(rs, j); r == '至' || r == '到' || r == '—' || r == '-' || r == '～' || r == '~' {
		j2 := j + 1
		for j2 < len(rs) && isCN(rs[j2]) {
			j2++
		}
		if m, ok := cnValue(rs[j+1 : j2]); ok && j2 > j+1 && m > n {
			v := float64(m)
			hi, j = &v, j2
		}
	}
	if n < 2 && hi == nil {
		return j // a count of one is never written so as a target
	}
	// 二十余个, 十多家: more than the number
	more := false
	if r := at(rs, j); (r == '余' || r == '多') && n >= 10 {
		more = true
		j++
	}
	unit, k := units.longest(rs, j)
	if unit == "" || !countUnit(unit) && unit != "个百分点" && unit != "倍" || cutWord(unit, at(rs, k)) {
		return j
	}
	if lastRune(unit) == '期' {
		return k // a phase of a project: 二期工程
	}
	_, verb := verbsBefore.endingAt(rs, s.clause, i)
	joined := s.cnSeen && (at(rs, i-1) == '和' || at(rs, i-1) == '、' || at(rs, i-1) == '及' || at(rs, i-1) == '与')
	// "培育省级平台十个": the count after its object, closing the clause,
	// in a clause led by a verb of building or cultivating.
	after := !verb && !joined && closesClause(rs, k) && verbsBefore.within(rs, s.clause, i)
	if !verb && !joined && !after {
		return k
	}
	if s.candidate(cand{start: i, end: k, value: float64(n), max: hi, unit: unit, more: more}) {
		s.cnSeen = true
	}
	return k
}

// closesClause reports a clause boundary at i, allowing a comparator word
// such as 以上 or 左右 before it.
func closesClause(rs []rune, i int) bool {
	if w, ok := suffixCmp.startingAt(rs, i, len(rs)); ok {
		i += len(w.r)
	}
	switch at(rs, i) {
	case 0, '，', '；', ';', '。', '、', ',', '\n':
		return true
	}
	return false
}

// sawYear handles a year written at rs[i:end] ("2025年").
func (s *scanner) sawYear(i, y, end int) {
	rs := s.rs
	if _, ok := baselines.endingAt(rs, s.clause, i); ok {
		return
	}
	rest := string(rs[end:min(end+4, len(rs))])
	if strings.HasPrefix(rest, "度") {
		return // 2022年度报告 names a period of account, not the year of a target
	}
	if strings.HasPrefix(rest, "以来") || strings.HasPrefix(rest, "基础上") || strings.HasPrefix(rest, "水平") {
		return
	}
	if strings.HasPrefix(rest, "的") && (s.base == 0 || y < s.base) {
		return // "恢复到2019年的80%" compares; "提高到2025年的500万吨" is for 2025
	}
	if s.base > 0 && y < s.base {
		s.history = true
		return
	}
	s.history = false // "2020年…为15万标箱，到2023年…达到30万标箱"
	// "2023年、2024年分别达到A、B": a list of years, one per value.
	if s.yearsEnd >= 0 && i == s.yearsEnd+1 && at(rs, s.yearsEnd) == '、' {
		s.years = append(s.years, y)
	} else {
		s.years = append(s.years[:0], y)
	}
	s.yearsEnd, s.yearsNext = end, 0
	s.year = y
}

// rate reports a number written as a rate of a base, "按合同金额的30%",
// "按照不超过50%": 按 before it in the clause, and the number right after
// 按, after a comparator or after 的.
func (s *scanner) rate(i int) bool {
	rs := s.rs
	k := lastIndexRunes(rs, s.clause, i, []rune("按"))
	if k < 0 {
		return false
	}
	from := k + 1
	if at(rs, from) == '照' {
		from++
	}
	if at(rs, i-1) == '的' || from == i {
		return true
	}
	w, ok := prefixCmp.endingAt(rs, from, i)
	return ok && i-len(w.r) == from
}

// clauseHasTarget reports a target already read in the current clause.
func (s *scanner) clauseHasTarget() bool {
	n := len(s.out)
	return n > 0 && s.out[n-1].End > s.clause
}

// scopeList reports a count in a list led by a verb of scope: "围绕重点
// 行业和107个重点产业集群".
func (s *scanner) scopeList(i int) bool {
	rs := s.rs
	if r := at(rs, i-1); r != '和' && r != '、' && r != '及' {
		return false
	}
	for k := s.clause; k < i-1; k++ {
		if w, ok := scopeBefore.startingAt(rs, k, i); ok {
			return i-1-(k+len(w.r)) <= 12 && !verbsBefore.within(rs, k+len(w.r), i)
		}
	}
	return false
}

// qualifiers reads the phrase after a count that names what is counted
// only at the end of its sentence, after qualifiers that carry numbers of
// their own: "培育15个关键工序数控化率提升5%以上，…普及率提升8%以上的数字化
// 特色产业集群". It returns the offset of the last 的 and the noun after
// it, or 0 when the count is not written that way.
func qualifiers(rs []rune, e int) (int, string) {
	if e >= len(rs) || !isHan(rs[e]) {
		return 0, ""
	}
	end := sentenceEnd(rs, e)
	for k := e; k < end; k++ {
		if rs[k] == '；' || rs[k] == ';' {
			end = k
			break
		}
	}
	de := -1
	for k := end - 1; k > e && k >= end-16; k-- {
		if rs[k] == '的' {
			de = k
			break
		}
		if !isHan(rs[k]) {
			return 0, ""
		}
	}
	if de < 0 || end-de < 3 || goalWords.startingAtOK(rs, de+1) {
		return 0, ""
	}
	// The qualifiers are rates of the thing counted; another count is
	// another target.
	digits := false
	for k := e; k < de; k++ {
		if !isDigit(rs[k]) {
			continue
		}
		for k < de && (isDigit(rs[k]) || rs[k] == '.') {
			k++
		}
		if r := at(rs, k); r != '%' && r != '％' {
			return 0, ""
		}
		digits = true
	}
	// The first qualifier follows the count in its own clause.
	if first := clauseEnd(rs, e); !digits || de-e > 160 || !containsDigit(rs, e, first) {
		return 0, ""
	}
	return de, string(rs[de+1 : end])
}

func containsDigit(rs []rune, lo, hi int) bool {
	for k := lo; k < hi && k < len(rs); k++ {
		if isDigit(rs[k]) {
			return true
		}
	}
	return false
}

func containsRune(rs []rune, lo, hi int, r rune) bool {
	for k := lo; k < hi && k < len(rs); k++ {
		if rs[k] == r {
			return true
		}
	}
	return false
}

// isNorm reports a word of a norm in rs[lo:hi]: "按…的标准", "标准执行";
// "标准化" (standardised) is no norm.
func isNorm(rs []rune, lo, hi int) bool {
	for i := lo; i < hi; i++ {
		if w, ok := standards.startingAt(rs, i, hi); ok && !(w.r[len(w.r)-1] == '准' && at(rs, i+len(w.r)) == '化') {
			return true
		}
	}
	return false
}

// comingYears reports "未来五年", "未来3年" before i in its clause.
func (s *scanner) comingYears(i int) bool {
	rs := s.rs
	k := lastIndexRunes(rs, s.clause, i, []rune("未来"))
	if k < 0 {
		return false
	}
	j := k + 2
	for j < i && (isDigit(rs[j]) || isCN(rs[j])) {
		j++
	}
	return j > k+2 && at(rs, j) == '年'
}

// price reports a money amount per unit of something, as a tariff or
// fee schedule writes it: "2元/人次", "每小时5元", "收费标准为…". An
// amount per year, quarter or month ("每年安排2亿元") is a commitment.
func (s *scanner) price(c cand) bool {
	rs := s.rs
	if r := at(rs, c.end); r == '/' || r == '／' {
		return true
	}
	if k := lastIndexRunes(rs, max(s.clause, c.start-6), c.start, []rune("每")); k >= 0 && !strings.ContainsRune("年季月", at(rs, k+1)) {
		return true
	}
	return tariffs.within(rs, s.clause, c.start)
}

// inclusive reports "(含)" or "（含）" at i, which marks the number before
// it as a bound of a rule's scope, never a commitment.
func inclusive(rs []rune, i int) bool {
	return (at(rs, i) == '(' || at(rs, i) == '（') && at(rs, i+1) == '含' && (at(rs, i+2) == ')' || at(rs, i+2) == '）')
}

// trains reports a count of people a plan trains or serves, written after
// a verb of scope: "面向1万名企业家开展培训" is a commitment, where
// "面向5个行业" describes reach.
func (s *scanner) trains(w word, c cand) bool {
	switch string(w.r) {
	case "面向", "针对":
	default:
		return false
	}
	if r := lastRune(c.unit); r != '人' && r != '名' && !strings.HasSuffix(c.unit, "人次") {
		return false
	}
	return training.within(s.rs, c.end, sentenceEnd(s.rs, c.end))
}

// classOfCount reports a quantity that names the class of the things a
// count right after it counts: "超10亿元企业20家", "投资1亿元以上重点项目
// 100个". Between the quantity, ending at e, and the count stands only a
// noun phrase ending in a noun of the genre's classes, with no verb.
func (s *scanner) classOfCount(e int) bool {
	rs := s.rs
	k := e
	for k < len(rs) && k-e < 16 && isHan(rs[k]) && !isCN(rs[k]) {
		k++
	}
	if k == e || !endsWith(classNouns, rs, e, k) || actions.within(rs, e, k) {
		return false
	}
	j := k
	if isDigit(at(rs, j)) {
		_, _, j = s.number(j)
	} else {
		for j < len(rs) && isCN(rs[j]) {
			j++
		}
	}
	if j == k {
		return false
	}
	u, _ := units.longest(rs, j)
	return u != "" && countUnit(u)
}

// budget reports money the plan puts up as a whole, "安排专项资金5000万元
// 用于企业奖补": a verb of funding before it in its clause, with no word
// of a grant between them (安排…给予10万元 is a grant).
func (s *scanner) budget(start int) bool {
	rs := s.rs
	for k := start - 1; k >= s.clause; k-- {
		if _, ok := funding.endingAt(rs, s.clause, k+1); ok {
			return !rewards.within(rs, k+1, start)
		}
	}
	return false
}

// countedByVerb reports a count written as the object of a verb of
// building or cultivating (培育30家以上的龙头企业), a comparator between
// them allowed, rather than a size of something else (员工人数50人以上的).
func (s *scanner) countedByVerb(lo, start int) bool {
	end := start
	if w, ok := prefixCmp.endingAt(s.rs, lo, end); ok {
		end -= len(w.r)
	}
	if _, ok := verbsBefore.endingAt(s.rs, lo, end); ok {
		return true
	}
	_, ok := countLeads.endingAt(s.rs, lo, end)
	return ok
}

// fundSetUp reports a fund the plan sets up: "设立规模10亿元的引导基金".
func (s *scanner) fundSetUp(start, e int) bool {
	rs := s.rs
	if !setUp.within(rs, s.clause, start) {
		return false
	}
	end := clauseEnd(rs, e)
	for k := e + 1; k < end; k++ {
		if at(rs, k) == '基' && at(rs, k+1) == '金' {
			return true
		}
	}
	return false
}

// fromPart reports whether the number at i is the starting level of a
// change (从2020年的50%提高到60%): a 由 or 从 before it with no verb of
// change between, and one after it in the clause.
func (s *scanner) fromPart(i int) bool {
	rs := s.rs
	k := max(lastIndexRunes(rs, s.clause, i, []rune("由")), lastIndexRunes(rs, s.clause, i, []rune("从")))
	if k < 0 || changeVerbs.within(rs, k+1, i) {
		return false
	}
	return changeVerbs.within(rs, i, clauseEnd(rs, i))
}

// explains reports whether the clause before i spells out the parts of a
// name or a scope (“131”工程：即1个核心区…).
func (s *scanner) explains(i int) bool {
	rs := s.rs
	for k := s.clause; k < i; k++ {
		if w, ok := explainWords.startingAt(rs, k, i); ok {
			// 即 spells out only the numbered parts that follow it; 立即,
			// 即时零售 and 即将 are other words.
			if n := at(rs, k+1); string(w.r) == "即" && !isDigit(n) && !isCN(n) {
				continue
			}
			return true
		}
	}
	return false
}

// past reports whether the words before position i in its clause or
// sentence state a fact (已建成, 截至2022年底, “十三五”以来, 去年) rather
// than a commitment.
func (s *scanner) past(i int) bool {
	rs := s.rs
	if pastInSent.within(rs, min(s.sentence, s.clause), i) {
		return true
	}
	// the head of the clause, or after a place (全县现有, 目前全市共有)
	head := s.clause
	if w, ok := places.startingAt(rs, head, i); ok {
		head += len(w.r)
	}
	if _, ok := stock.startingAt(rs, head, i); ok {
		return true
	}
	for k := s.clause; k < i; k++ {
		if k >= 0 && k < len(rs) && !pastInClause.firsts.mayHold(rs[k]) {
			continue // no word starts here: told without a call
		}
		w, ok := pastInClause.startingAt(rs, k, i)
		if !ok {
			continue
		}
		if _, cmp := comparedTo.endingAt(rs, s.clause, k); !cmp || string(w.r) == "已" {
			return true
		}
	}
	return false
}

// planPeriod reads a five-year plan period written at rs[i] (十四五). Its
// end (到“十四五”末 → 2025) becomes the year of later targets; a period
// that ended before the plan's year (“十三五”期间, in a 2021 plan) makes
// the sentence a statement of history.
func (s *scanner) planPeriod(i int) {
	rs := s.rs
	d, ok := cnDigit(at(rs, i+1))
	if !ok || d < 1 || d > 9 || at(rs, i+2) != '五' {
		return
	}
	y := 2010 + 5*(d-1)
	j := i + 3
	if at(rs, j) == '”' || at(rs, j) == '"' {
		j++
	}
	if s.base > 0 && y < s.base {
		if r := at(rs, j); r == '期' || r == '时' || r == '以' {
			s.history = true // “十三五”期间, 时期, 以来
		}
		return
	}
	switch {
	case at(rs, j) == '末':
	case at(rs, j) == '期' && at(rs, j+1) == '末':
	case at(rs, j) == '时' && at(rs, j+1) == '期' && at(rs, j+2) == '末':
	default:
		return
	}
	k := i
	if at(rs, k-1) == '“' || at(rs, k-1) == '"' {
		k--
	}
	if r := at(rs, k-1); r != '到' && r != '至' {
		return
	}
	s.year = y
}

func isMultiplier(r rune) bool { return r == '万' || r == '亿' || r == '千' || r == '百' }

// cand is a number with its unit, before the checks.
type cand struct {
	start, end int // start of the number, end of its unit
	value      float64
	max        *float64
	unit       string
	more       bool // 100多家, 100余家
}

// candidate applies the exclusion rules to c and records the target(s).
// It reports whether c was kept.
func (s *scanner) candidate(c cand) bool {
	rs := s.rs
	if s.history || c.start < s.qualEnd {
		return false
	}
	if permission.within(rs, s.clause, c.start) {
		return false // what a rule allows: 可在投产后每年提取不低于5%
	}
	prev := at(rs, c.start-1)
	if prev == '与' && !s.clauseHasTarget() && linking.within(rs, c.end, clauseEnd(rs, c.end)) {
		return false // partners to link with, not a commitment: 与107个重点集群加快融合
	}
	if prev == '在' && containsRune(rs, c.end, clauseEnd(rs, c.end), '中') {
		return false // a selection from what exists: 在107个重点集群中优选试点
	}
	if prev == '由' || prev == '从' || prev == '》' || s.fromPart(c.start) {
		return false // a baseline (由36个月压减至…) or the contents of a document
	}
	if w, ok := scopeBefore.endingAt(rs, s.clause, c.start); ok && !s.trains(w, c) {
		return false
	}
	if s.scopeList(c.start) {
		return false // 围绕重点行业和107个重点产业集群需求
	}
	if s.explains(c.start) {
		return false // 即1个核心区、3个片区 spells out a name
	}
	if s.past(c.start) {
		return false // a fact already reached
	}

	// comparator words before the number and after the quantity
	lo := min(max(s.seg, s.clause), c.start)
	pre := ""
	end := c.start
	if w, ok := linkWords.endingAt(rs, lo, end); ok {
		if _, isCmp := prefixCmp.endingAt(rs, lo, end); !isCmp {
			end -= len(w.r)
		}
	}
	if w, ok := prefixCmp.endingAt(rs, lo, end); ok {
		pre = w.v
	} else if atLeastAhead.within(rs, max(lo, c.start-8), c.start) {
		pre = plan.AtLeast // 至少建成1个
	} else if at(rs, c.start-1) == '的' {
		// "不低于全市新增建设用地的20%": the comparator governs a share phrase.
		for k := c.start - 1; k > lo; k-- {
			if w, ok := prefixCmp.endingAt(rs, lo, k); ok {
				pre = w.v
				break
			}
		}
	}
	post := ""
	e := c.end
	if w, ok := suffixCmp.startingAt(rs, e, len(rs)); ok && (string(w.r) != "内" || timeUnits[c.unit]) {
		post = w.v
		e += len(w.r)
	}
	cmp := plan.Equal
	switch {
	case pre == plan.AtLeast || pre == plan.AtMost:
		cmp = pre
	case post != "":
		cmp = post
	case c.more:
		cmp = plan.AtLeast
	case pre != "":
		cmp = pre
	}
	if timeUnits[c.unit] && cmp != plan.AtMost && !endsWith(lengthens, rs, lo, c.start) {
		return false // a duration bounded from above, or lengthened: 停留时间延长至2.5天
	}
	if timeUnits[c.unit] && at(rs, c.start-1) == '在' && pre == "" {
		return false // a service standard, "在3个工作日内办结"; "压缩至3个工作日" is a target
	}
	if moneyUnit(c.unit) && rewards.within(rs, s.clause, clauseEnd(rs, e)) && !s.budget(c.start) ||
		shareUnit(c.unit) && rewards.within(rs, s.clause, clauseEnd(rs, e)) {
		return false // a subsidy, reward or tax rule: 一次性给予10万元奖励, 按50%给予贴息
	}
	if (moneyUnit(c.unit) || shareUnit(c.unit)) && s.rate(c.start) && rewards.within(rs, c.end, sentenceEnd(rs, c.end)) {
		return false // a rate of support: 按合同金额的30%，给予一次性奖补
	}
	if k := lastIndexRunes(rs, max(s.clause, c.start-4), c.start, []rune("每")); k >= 0 && !strings.ContainsRune("年季月", at(rs, k+1)) &&
		rewards.within(rs, s.clause, sentenceEnd(rs, c.end)) {
		return false // the base of a rate of support: 每引进1人给予10万元
	}
	if inclusive(rs, c.end) {
		return false // a bound of eligibility: 从业人员300人（含）以下的企业
	}
	if moneyUnit(c.unit) && s.price(c) {
		return false // a price or fee: 每小时5元, 2元/人次, 收费标准
	}
	if moneyUnit(c.unit) && caps.within(rs, s.clause, c.start) {
		return false // a ceiling of support: 最高500万元
	}
	if k := lastIndexRunes(rs, s.clause, c.start, []rune("每")); k >= 0 && (c.unit == "次" || c.unit == "场次" || c.unit == "场") && (at(rs, k+1) != '年' || c.value <= 2) {
		return false // a frequency: 每季度召开1次, 每年开展1次评估; 每年举办30场 is a commitment
	}
	if isNorm(rs, e, clauseEnd(rs, e)) || lastIndexRunes(rs, s.clause, c.start, []rune("按")) >= 0 && isNorm(rs, s.clause, clauseEnd(rs, e)) {
		return false // a norm: 按每3万人配置1辆救护车的标准, 按最低价标准的70%执行
	}
	if k := lastIndexRunes(rs, s.clause, c.start, []rune("每")); moneyUnit(c.unit) && k >= 0 && !strings.ContainsRune("年季月", at(rs, k+1)) && supports.within(rs, s.clause, clauseEnd(rs, e)) {
		return false // a unit rate of support: 每张床位支持2万元; 每年安排2亿元支持… is a commitment
	}
	if c.unit == "岁" && !lifeSpan.within(rs, s.clause, c.start) {
		return false // an age, except a life expectancy: 人均预期寿命达到78.2岁
	}

	if !countUnit(c.unit) && !shareUnit(c.unit) && at(rs, e) == '的' && !goalWords.startingAtOK(rs, e+1) && !s.fundSetUp(c.start, e) {
		if s.lastEnd >= 0 && s.lastEnd == c.start-1 && rs[c.start-1] == '、' {
			s.out = s.out[:s.lastFrom] // the whole list qualifies: 突破1亿元、5亿元的企业
			s.lastEnd = -1
		}
		return false // a qualifier: 营业收入超10亿元的企业, 10万人口以上的县城
	}
	if !countUnit(c.unit) && s.classOfCount(e) {
		return false // a class of what is counted: 超10亿元企业20家, 1亿元以上项目100个, 增长30%以上的企业20家
	}
	if countUnit(c.unit) && post != "" && post != plan.About && at(rs, e) == '的' && !s.countedByVerb(lo, c.start) {
		return false // a bound of size: 从业人员300人以下的企业, 床位100张以上的养老机构
	}
	if radius.startingAtOK(rs, e) {
		return false // a radius: 5公里范围内, 15分钟生活圈
	}

	// the phrase after the quantity: the object counted, if any
	objEnd := phraseEnd(rs, e)
	if !shareUnit(c.unit) && describesScope(rs, e, objEnd) {
		return false
	}
	object := ""
	if countUnit(c.unit) && objEnd > e {
		object = trimObject(rs[e:objEnd])
	}
	if lastRune(c.unit) == '项' && strings.HasSuffix(string(rs[e:clauseEnd(rs, e)]), "工程") && programVerbs.within(rs, max(s.clause, c.start-4), c.start) {
		return false // the plan's own programme: 实施20项民生工程
	}
	if countUnit(c.unit) {
		if de, tail := qualifiers(rs, e); de > 0 {
			s.qualEnd, object, objEnd = de, tail, sentenceEnd(rs, de)
		}
	}

	year := s.year
	switch {
	case len(s.years) > 1 && separately.within(rs, s.clause, c.start):
		year = s.years[min(s.yearsNext, len(s.years)-1)]
		s.yearsNext++
	case perYear.within(rs, s.clause, c.start) || s.comingYears(c.start):
		// "每年新增…" holds every year, not the horizon named before, and
		// "未来五年" names no single year: neither is for one year, even in
		// an annual plan.
		year = 0
	case year == 0 && s.base > 0 && thisYear.within(rs, s.sentence, c.start):
		year = s.base // "年底前…", "全年…" in a plan of several years: the plan's year
	}
	t := plan.Target{
		Value:      c.value,
		ValueMax:   c.max,
		Unit:       s.unitAsPrinted(c.unit, c.end),
		Comparator: cmp,
		Year:       year,
	}
	t.Start = s.clause
	t.End = e
	if object != "" {
		t.End = objEnd
	}
	t.Text = string(rs[t.Start:t.End])

	// a bare list continuing the previous target: 增长10%、30%以上
	bare := s.lastEnd >= 0 && s.lastEnd == c.start-1 && rs[c.start-1] == '、'
	subject := rs[lo:c.start]
	switch {
	case object != "":
		t.Indicator = object
	case bare && s.group != nil && s.groupNext < len(s.group):
		t.Indicator = s.group[s.groupNext] + s.groupVerb
		s.groupNext++
	case bare && len(s.out) > 0:
		t.Indicator = s.out[len(s.out)-1].Indicator
	default:
		t.Indicator = s.subjectIndicator(subject)
		if n := len(s.out); n > 0 && growth.isWhole(t.Indicator) {
			// 增长8%以上 after 进出口总额3000亿元: the growth of the same thing
			t.Indicator = strings.TrimSuffix(s.out[n-1].Indicator, t.Indicator) + t.Indicator
		} else if t.Indicator == "" || tails.isWhole(t.Indicator) {
			// nothing but a verb (力争达到): the subject is in an earlier clause
			t.Indicator = ""
			if n := len(s.out); n > 0 {
				t.Indicator = s.out[n-1].Indicator
			}
		}
	}
	if bare && post != "" && !s.lastExplicit {
		for k := s.lastFrom; k < len(s.out); k++ {
			if s.out[k].Comparator == plan.Equal {
				s.out[k].Comparator = post
			}
		}
	}
	// "分别突破6万亿元、5.5万亿元": a comparator before the list holds for all.
	if bare && pre == "" && post == "" && t.Comparator == plan.Equal && s.lastPre != "" {
		t.Comparator = s.lastPre
	}

	from := len(s.out)
	if object == "" && !bare {
		s.appendEach(t, subject)
	} else {
		s.out = append(s.out, t)
	}
	if !bare {
		s.lastFrom = from
		s.lastExplicit = pre != "" || post != ""
		s.lastPre = pre
	}
	s.lastEnd = e
	s.seg = t.End
	return true
}

// appendEach records t once for every subject of a list that shares it
// (A、B覆盖率均达到100%), else once.
func (s *scanner) appendEach(t plan.Target, subject []rune) {
	k := lastIndexRunes(subject, 0, len(subject), wordEach)
	if k > 0 && strings.ContainsRune("年人户平", subject[k-1]) {
		k = -1 // 年均, 人均, 户均 and 平均 are not "each"
	}
	if k < 0 {
		s.out = append(s.out, t)
		return
	}
	items := splitList(stripLeads(subject[:k]))
	if len(items) < 2 {
		s.out = append(s.out, t)
		return
	}
	shared := ""
	if w, ok := measures.endingAt(items[len(items)-1], 0, len(items[len(items)-1])); ok {
		shared = string(w.r)
	}
	for _, it := range items {
		name := string(it)
		if shared != "" && !strings.HasSuffix(name, shared) {
			name += shared
		}
		t.Indicator = name
		s.out = append(s.out, t)
	}
}

// subjectIndicator names what a target measures from the words before
// its number, and remembers the subjects of a 分别 list.
func (s *scanner) subjectIndicator(subject []rune) string {
	if k := lastIndexRunes(subject, 0, len(subject), wordSeparate); k >= 0 {
		items := splitList(stripLeads(subject[:k]))
		verb := string(stripTails(subject[k+len(wordSeparate):]))
		if len(items) > 1 {
			s.group = make([]string, len(items))
			for n, it := range items {
				s.group[n] = string(it)
			}
			s.groupVerb, s.groupNext = verb, 1
			return s.group[0] + verb
		}
	}
	return string(stripTails(stripLeads(subject)))
}

// describesScope reports whether the phrase rs[from:to] after a count
// names a scope (10项普惠性政策措施落地落实, 5个行业, 15个重点领域部署…)
// rather than things to build (2个行业人才实训基地): a scope noun early in
// the phrase that ends it or is followed only by more scope nouns or a
// verb of carrying out.
func describesScope(rs []rune, from, to int) bool {
	for i := from; i < min(to, from+6); i++ {
		w, ok := scopeAfter.startingAt(rs, i, to)
		if !ok {
			continue
		}
		j := i + len(w.r)
		for {
			if j >= to {
				return true
			}
			if w, ok := scopeAfter.startingAt(rs, j, to); ok {
				j += len(w.r)
				continue
			}
			_, ok := scopeFollow.startingAt(rs, j, to)
			return ok
		}
	}
	return false
}

// sentenceEnd returns the end of the sentence containing position i.
func sentenceEnd(rs []rune, i int) int {
	for ; i < len(rs); i++ {
		switch rs[i] {
		case '。', '！', '？', '!', '?', '\n', '\r':
			return i
		}
	}
	return i
}

// clauseEnd returns the end of the clause containing position i.
func clauseEnd(rs []rune, i int) int {
	for ; i < len(rs); i++ {
		switch rs[i] {
		case '，', '；', ';', '。', '！', '？', '!', '?', '\n', '\r', '：':
			return i
		case ',':
			if !(i > 0 && isDigit(rs[i-1]) && isDigit(at(rs, i+1))) {
				return i
			}
		}
	}
	return i
}

// phraseEnd returns the end of the phrase after a quantity: up to the end
// of the clause, the next list item or the next number, parentheses kept
// whole.
func phraseEnd(rs []rune, i int) int {
	depth := 0
	start := i
	for ; i < len(rs) && i-start < 40; i++ {
		r := rs[i]
		switch r {
		case '(', '（':
			depth++
			continue
		case ')', '）':
			if depth > 0 {
				depth--
			}
			continue
		}
		if depth > 0 {
			continue
		}
		switch r {
		case '，', '；', ';', '。', '！', '？', '!', '?', '\n', '\r', '：', ',', '、':
			return i
		}
		if isDigit(r) {
			return i
		}
		if isCN(r) && i > start {
			j := i
			for j < len(rs) && isCN(rs[j]) {
				j++
			}
			n, ok := cnValue(rs[i:j])
			if u, _ := units.longest(rs, j); ok && n >= 2 && u != "" && countUnit(u) {
				if k := i - 1; k > start && (rs[k] == '和' || rs[k] == '及' || rs[k] == '与') {
					return k
				}
				return i
			}
		}
	}
	return i
}

// trimObject cleans the phrase naming a counted object, or returns ""
// when the phrase names nothing.
func trimObject(p []rune) string {
	for len(p) > 0 && (p[0] == ' ' || p[0] == '\u3000' || p[0] == '的') {
		p = p[1:]
	}
	if len(p) > 0 && (p[0] == '和' || p[0] == '及' || p[0] == '与') {
		return "" // the next item of a list: 幼儿园10所和中小学5所
	}
	if w, ok := objTails.endingAt(p, 0, len(p)); ok && len(p) > len(w.r) {
		p = p[:len(p)-len(w.r)]
	}
	han := 0
	for _, r := range p {
		if isHan(r) {
			han++
		}
	}
	if han < 2 {
		return ""
	}
	return string(p)
}

// stripLeads removes a leading year phrase and leading adverbs.
func stripLeads(p []rune) []rune {
	for {
		n := len(p)
		p = stripYear(stripLabel(p))
		if w, ok := leads.startingAt(p, 0, len(p)); ok {
			p = p[len(w.r):]
		}
		if len(p) == n {
			return p
		}
	}
}

// stripLabel removes an item number left at the front (16.航空运输…).
func stripLabel(p []rune) []rune {
	d := 0
	for d < len(p) && isDigit(p[d]) {
		d++
	}
	if d > 0 && d < len(p) && (p[d] == '.' || p[d] == '．' || p[d] == '、') {
		return p[d+1:]
	}
	c := 0
	for c < len(p) && isCN(p[c]) {
		c++
	}
	if c > 0 && c <= 3 && at(p, c) == '是' {
		return p[c+1:] // 一是, 十二是
	}
	return p
}

// stripYear removes 到2025年底, 2022年末, 年内 and the like from the front.
func stripYear(p []rune) []rune {
	i := 0
	if at(p, 0) == '到' || at(p, 0) == '至' || at(p, 0) == '在' || at(p, 0) == '于' {
		i = 1
	}
	d := i
	for d < len(p) && isDigit(p[d]) {
		d++
	}
	if d-i != 4 || at(p, d) != '年' {
		return p
	}
	d++
	if r := at(p, d); r == '底' || r == '末' || r == '前' || r == '内' || r == '度' {
		d++
	}
	if r := at(p, d); r == '，' || r == ',' || r == ' ' {
		d++
	}
	return p[d:]
}

func stripTails(p []rune) []rune {
	for {
		w, ok := tails.endingAt(p, 0, len(p))
		if !ok || len(w.r) == len(p) {
			return p
		}
		p = p[:len(p)-len(w.r)]
	}
}

// splitList splits a subject on 、 outside parentheses.
func splitList(p []rune) [][]rune {
	var out [][]rune
	depth, from := 0, 0
	for i, r := range p {
		switch r {
		case '(', '（':
			depth++
		case ')', '）':
			if depth > 0 {
				depth--
			}
		case '、':
			if depth == 0 {
				out = append(out, p[from:i])
				from = i + 1
			}
		}
	}
	return append(out, p[from:])
}

// endsWith reports a word of l ending at rs[end] and starting at or after lo.
func endsWith(l wordList, rs []rune, lo, end int) bool {
	_, ok := l.endingAt(rs, lo, end)
	return ok
}
