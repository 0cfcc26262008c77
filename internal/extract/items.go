package extract

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"luoshi/internal/plan"
)

// findClauses finds the responsibility clauses in an item's paragraphs:
// parentheses that name units, and labelled lines such as "牵头单位：A".
func findClauses(t *text, content []span) []clause {
	var out []clause
	lastEnd := -1
	for _, p := range content {
		f := t.fold
		// A labelled clause without parentheses runs to the end of the paragraph.
		bareFrom := -1
		depth, open := 0, -1
		closer := ')'
		for i := p.start; i < p.end; i++ {
			if !bracketRunes.mayHold(f[i]) && i > p.start && f[i-1] != '。' && f[i-1] != ';' {
				continue // neither a bracket nor where a label may start
			}
			// Any bracket may hold a clause: "(…）", "〔…〕", "[…]"; inside
			// a clause only parentheses nest.
			switch r := f[i]; r {
			case '(', '[', '〔':
				if depth == 0 && bareFrom < 0 && (i == p.start || strings.ContainsRune("。;:!?", f[i-1])) {
					// "【牵头单位】A【配合单位】B": labels in brackets head
					// the names after them, to the end of the paragraph.
					if _, n := labelBracket(f, span{i, p.end}); n > 0 {
						bareFrom = i
						break
					}
				}
				if depth == 0 {
					open, closer = i, closing(r)
				} else if r != '(' {
					continue
				}
				depth++
			case ')', ']', '〕':
				// Only parentheses nest inside a clause; a bracket of another
				// style closes it where its own never comes: "〔A、B负责）".
				if depth == 0 || r != closer && (r != ')' || depth == 1) && !(depth == 1 && strayCloser(f, i+1, p.end, closer)) {
					continue
				}
				depth--
				if depth == 0 {
					outer := span{open, i + 1}
					if c, ok := parseClause(t, span{open + 1, i}, outer); ok {
						out = append(out, c)
					}
				}
			default:
				if depth == 0 && bareFrom < 0 && (i == p.start || f[i-1] == '。' || f[i-1] == ';') {
					if _, n := hasPrefixLabel(f, span{i, p.end}); n > 0 {
						bareFrom = i
					}
				}
			}
			if bareFrom >= 0 {
				break
			}
		}
		if cut := p.end == t.end(); depth > 0 && open >= 0 && (cut || containsRoleLabel(t.fstr(span{open, p.end}))) {
			// An unclosed parenthesis that names units: read what is there.
			// Where the text ends inside it, the last name may be cut short.
			in := span{open + 1, p.end}
			if cut {
				in = dropCutName(t, in)
			}
			if c, ok := parseClause(t, in, span{open, p.end}); ok {
				c.cut = cut
				out = append(out, c)
			} else if !cut {
				out = append(out, clause{span: span{open, p.end}, unreadable: true})
			}
		}
		if bareFrom < 0 && personLabelLen(f, p) > 0 {
			// "牵头市领导：某某" names a person: not a unit, not the task's text.
			out = append(out, clause{span: p, note: true, hasExplicit: true})
		}
		if bareFrom < 0 && (f[p.start] == '完' || f[p.start] == '时') && isTimeNote(t.fline(p)) {
			// "完成时限：2023年底前" is read for the deadline, not kept as text.
			out = append(out, clause{span: p, note: true, hasExplicit: true})
		}
		if n := len(out); bareFrom < 0 && n > 0 && out[n-1].bare && out[n-1].unreadable && out[n-1].span.end == lastEnd && f[lastEnd-1] == ':' {
			// A label on a line of its own names the units on the next:
			// "责任单位：" then "市商务局、市财政局".
			bareFrom = p.start
		}
		if bareFrom >= 0 {
			s := span{bareFrom, p.end}
			// Label lines in a row ("牵头单位：A" then "配合单位：B") are one clause.
			if n := len(out); n > 0 && out[n-1].bare && out[n-1].span.end == lastEnd && bareFrom == p.start {
				s.start = out[n-1].span.start
				out = out[:n-1]
			}
			for s.end > s.start && strings.ContainsRune("。;", f[s.end-1]) {
				s.end--
			}
			// The text ends in the list: "…、市税务局、市协".
			cut := false
			if s.end == t.end() && s.end > s.start && f[s.end-1] != ')' {
				whole := s.end
				s = dropCutName(t, s)
				cut = s.end < whole
			}
			if c, ok := parseClause(t, s, span{s.start, p.end}); ok {
				c.bare = true
				c.cut = cut
				out = append(out, c)
			}
		}
		lastEnd = p.end
		out = append(out, sentenceClauses(t, p, out)...)
	}
	slices.SortStableFunc(out, func(a, b clause) int { return cmp.Compare(a.span.start, b.span.start) })
	return out
}

// bracketRunes are the brackets findClauses reads.
var bracketRunes = newRuneSet("([〔)]〕")

// sentenceClauses finds whole sentences that only assign units, outside
// parentheses: "由市商务局牵头，市财政局配合。", "由市民政局、市卫健委负责。"
func sentenceClauses(t *text, p span, found []clause) []clause {
	var out []clause
	f := t.fold
	depth, start := 0, p.start
	for i := p.start; i <= p.end; i++ {
		if i < p.end {
			if !sentenceRunes.mayHold(f[i]) {
				continue
			}
			switch f[i] {
			case '(', '[', '〔':
				depth++
				continue
			case ')', ']', '〕':
				if depth > 0 {
					depth--
				}
				continue
			case '。', ';':
				if depth > 0 {
					continue
				}
			default:
				continue
			}
		}
		s := t.trim(span{start, i})
		end := min(i+1, p.end)
		start = i + 1
		// "——省旅游局、省农委": units after a dash at the end of an item.
		dashed := s.start < s.end && (f[s.start] == '—' || f[s.start] == '-')
		inner := s
		for inner.start < inner.end && (f[inner.start] == '—' || f[inner.start] == '-') {
			inner.start++
		}
		if s.end-s.start < 4 || overlaps(found, s) || !dashed && !roleSentence(f, s) {
			continue
		}
		if c, ok := parseClause(t, inner, span{s.start, end}); ok && (c.hasExplicit || dashed) && !c.unreadable && c.taskForce == "" && allUnits(c) {
			out = append(out, c)
		}
	}
	return out
}

// sentenceRunes are the runes sentenceClauses acts on: a bit for each
// is cheaper than the switch, most runes being none of them.
var sentenceRunes = newRuneSet("([〔)]〕。;")

// suffixEnds are the last runes of suffixMarks.
var suffixEnds = func() *runeSet {
	var last []rune
	for _, w := range suffixRunes {
		last = append(last, w[len(w)-1])
	}
	return newRuneSet(string(last))
}()

// roleSentence is a cheap test: the sentence starts with 由 or ends with a role word.
func roleSentence(f []rune, s span) bool {
	if f[s.start] == '由' {
		return true
	}
	if s.end > 0 && !suffixEnds.mayHold(f[s.end-1]) {
		return false // most sentences end in no mark's last rune
	}
	for k := range suffixMarks {
		if runesAt(f, s.end-len(suffixRunes[k]), suffixRunes[k]) {
			return true
		}
	}
	return false
}

func allUnits(c clause) bool {
	for _, ns := range [][]name{c.lead, c.coop} {
		for _, n := range ns {
			if !unitLike(n.text) {
				return false
			}
		}
	}
	return len(c.lead)+len(c.coop) > 0
}

func overlaps(cs []clause, s span) bool {
	for _, c := range cs {
		if c.span.start < s.end && s.start < c.span.end {
			return true
		}
	}
	return false
}

var timeNoteLabels = []string{"完成时限", "完成时间", "时间节点", "时限要求", "完成期限", "时间安排", "时限", "时间", "期限"}

var timeNoteRunes = func() [][]rune {
	out := make([][]rune, len(timeNoteLabels))
	for i, l := range timeNoteLabels {
		out[i] = []rune(l)
	}
	return out
}()

// isTimeNoteAt reports a clause segment that states when, not who:
// "完成时限：2023年12月", "时间：持续推进".
func isTimeNoteAt(f []rune, seg span) bool { return timeNoteLen(f, seg) > 0 }

// timeNoteLen is the length of the time label that starts seg, or 0.
func timeNoteLen(f []rune, seg span) int {
	for _, w := range timeNoteRunes {
		if k := seg.start + len(w); k < seg.end && runesAt(f, seg.start, w) && (f[k] == ':' || f[k] == ' ') {
			return len(w)
		}
	}
	return 0
}

// isTimeNote reports a line that only states when an item is due.
func isTimeNote(fs string) bool {
	for _, l := range timeNoteLabels {
		if strings.HasPrefix(fs, l) {
			rest := strings.TrimLeft(fs[len(l):], " ")
			return strings.HasPrefix(rest, ":")
		}
	}
	return false
}

// itemTitle is the item's first sentence, without clauses, as a heading.
func itemTitle(t *text, it *item) string {
	if len(it.content) == 0 {
		return ""
	}
	p := it.content[0]
	// The title's runs of source between its clauses: most titles are one
	// run, a slice of the source with nothing to copy.
	var runs [4]span
	kept := runs[:0]
	n, ci := 0, 0
	for i := p.start; i < p.end; i++ {
		for ci < len(it.clauses) && it.clauses[ci].span.end <= i {
			ci++
		}
		if ci < len(it.clauses) && it.clauses[ci].span.start <= i && i < it.clauses[ci].span.end {
			continue
		}
		r := t.fold[i]
		if r == '。' || r == ';' || r == '!' || r == '?' {
			break
		}
		if k := len(kept) - 1; k >= 0 && kept[k].end == i {
			kept[k].end++
		} else {
			kept = append(kept, span{i, i + 1})
		}
		if n++; n >= 60 {
			break
		}
	}
	title := ""
	if len(kept) == 1 {
		title = t.str(kept[0])
	} else {
		var b strings.Builder
		for _, k := range kept {
			b.WriteString(t.str(k))
		}
		title = b.String()
	}
	return strings.TrimRight(strings.TrimSpace(title), "，,：: ")
}

// shi is one "一是 … 二是 …" item inside a paragraph.
type shi struct {
	label   string
	start   int
	content []span
}

func itoa(n int) string { return strconv.Itoa(n) }

// hanNumeral writes n (1–99) in Chinese numerals as plans number items.
func hanNumeral(n int) string {
	d := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return d[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + d[n-10]
	case n > 99:
		return ""
	default:
		return d[n/10] + "十" + d[n%10]
	}
}

// splitShi cuts a leaf item into its 一是/二是 items when it has at least two.
func splitShi(t *text, it *item) []shi {
	type mark struct{ start, end int }
	var marks []mark
	next := 1
	want := []rune(hanNumeral(next) + "是")
	for _, p := range it.content {
		for i := p.start; i < p.end && next <= 99; i++ {
			if t.fold[i] != want[0] || i+len(want) > p.end || !runesAt(t.fold, i, want) {
				continue
			}
			if i > p.start && !strings.ContainsRune("。;:,)!? ", t.fold[i-1]) {
				continue
			}
			marks = append(marks, mark{i, i + len(want)})
			i += len(want) - 1
			next++
			want = []rune(hanNumeral(next) + "是")
		}
	}
	if len(marks) < 2 {
		return nil
	}
	subs := make([]shi, len(marks))
	for k, m := range marks {
		subs[k] = shi{label: hanNumeral(k+1) + "是", start: m.start}
		end := it.end()
		if k+1 < len(marks) {
			end = marks[k+1].start
		}
		for _, p := range it.content {
			s := span{max(p.start, m.end), min(p.end, end)}
			if s.end > s.start {
				subs[k].content = append(subs[k].content, t.trim(s))
			}
		}
	}
	return subs
}

// shiTasks adds the 一是 items of it as tasks. An item without its own
// clause takes the next clause that follows it: a parenthesis covers the
// sentences before it.
func (b *builder) shiTasks(it *item, subs []shi) {
	own := make([][]clause, len(subs))
	for k, s := range subs {
		for _, c := range it.clauses {
			if len(s.content) > 0 && c.span.start >= s.content[0].start && c.span.end <= s.content[len(s.content)-1].end {
				own[k] = append(own[k], c)
			}
		}
	}
	for k, s := range subs {
		cs := own[k]
		if len(cs) == 0 {
			for j := k + 1; j < len(subs); j++ {
				if len(own[j]) > 0 {
					cs = own[j][len(own[j])-1:]
					break
				}
			}
		}
		path := append(append([]string{}, it.path...), s.label)
		b.task(it, s.label, path, s.content, cs)
		task := &b.p.Tasks[len(b.p.Tasks)-1]
		task.Start = s.start
		task.End = max(task.End, s.start)
	}
}

// inlineLeads finds "由A牵头" in running text.
func inlineLeads(t *text, content []span, clauses []clause) []clause {
	var out []clause
	lead := []rune("牵头")
	for _, p := range content {
		for i := p.start; i+1 < p.end; i++ {
			if t.fold[i] != lead[0] || t.fold[i+1] != lead[1] || inClause(clauses, i) {
				continue
			}
			// Look back for 由 within a name's length, without punctuation.
			for j := i - 1; j >= p.start && j >= i-25; j-- {
				r := t.fold[j]
				if isBreak(r) {
					break
				}
				if r == '由' {
					n := t.trim(span{j + 1, i})
					if s := t.str(n); unitLike(s) && plausibleName(s) {
						out = append(out, clause{span: span{j, i + 2}, lead: []name{{span: n, text: s}}, hasExplicit: true})
					}
					break
				}
			}
		}
	}
	return out
}

// isBreak reports punctuation that no unit name spans.
func isBreak(r rune) bool {
	switch r {
	case '。', ',', ';', ':', '(', ')', '、', '“', '”', '《', '》':
		return true
	}
	return false
}

// reJointly is "由A会同B推进": A leads, B cooperates.
var reJointly = mustRegex(`由([^。,;:()、“”《》]{2,30}?)会同([^。,;:()“”《》]{2,60}?)(?:共同)?(?:负责|推进|实施|组织实施|组织|落实|研究|办理|制定|开展)`)

// jointLeads finds "由A会同B推进" in running text.
func jointLeads(t *text, content []span, clauses []clause) []clause {
	var out []clause
	for _, p := range content {
		if !containsRunes(t.fold[p.start:p.end], jointly) {
			continue
		}
		f := string(t.fold[p.start:p.end])
		for _, m := range reJointly.FindAllStringSubmatchIndex(f, -1) {
			at := func(b int) int { return p.start + utf8.RuneCountInString(f[:b]) }
			if inClause(clauses, at(m[0])) {
				continue
			}
			a := t.trim(span{at(m[2]), at(m[3])})
			with := splitNames(t, span{at(m[4]), at(m[5])})
			if !unitLike(t.str(a)) || len(with) == 0 {
				continue
			}
			c := clause{span: span{at(m[0]), at(m[1])}, lead: []name{{span: a, text: t.str(a)}}, hasExplicit: true}
			for _, w := range with {
				if unitLike(w.text) {
					c.coop = append(c.coop, w)
				}
			}
			out = append(out, c)
		}
	}
	return out
}

func containsRunes(f, w []rune) bool {
	for i := range f {
		if f[i] == w[0] && runesAt(f, i, w) {
			return true
		}
	}
	return false
}

func inClause(cs []clause, i int) bool {
	for _, c := range cs {
		if c.span.start <= i && i < c.span.end {
			return true
		}
	}
	return false
}

// checkNumbering warns when an item's number repeats or skips.
func (b *builder) checkNumbering(o *outline) {
	lastOf := map[style]int{}
	check := func(items []*item) {
		prev := map[style]*item{}
		for _, it := range items {
			s, n := it.lbl.style, it.lbl.num
			want := 1
			if p := prev[s]; p != nil {
				want = p.lbl.num + 1
			} else if n != 1 && lastOf[s] > 0 {
				want = lastOf[s] + 1 // numbering that runs on across sections
			}
			lbl := it.lbl.norm
			switch {
			case n == want:
			case n < want:
				b.warn("label_repeat", "item "+lbl+" repeats an earlier number; "+strconv.Itoa(want)+" was expected here", lbl, span{it.start, it.start + 1})
			default:
				miss := strconv.Itoa(want)
				if n-1 > want {
					miss += "–" + strconv.Itoa(n-1)
				}
				b.warn("label_skip", "number "+miss+" is missing before item "+lbl, lbl, span{it.start, it.start + 1})
			}
			prev[s] = it
			if n > lastOf[s] || n == want {
				lastOf[s] = n
			}
		}
	}
	var visit func(items []*item)
	visit = func(items []*item) {
		check(items)
		for _, it := range items {
			visit(it.children)
		}
	}
	visit(o.roots)
}

// dropClosing cuts the closing paragraphs of a policy ("省财政厅会同…制定
// 实施细则", "本政策自印发之日起施行") from its last section, when that
// section's paragraphs each end in their own responsibility clause: the
// paragraphs after the last clause belong to no item.
func (b *builder) dropClosing(it *item) {
	last, n := -1, 0
	for k, p := range it.content {
		if endsInClause(b.t, p, it.clauses) {
			last = k
			n++
		}
	}
	if n < 2 || last+1 == len(it.content) {
		return
	}
	it.content = it.content[:last+1]
}

// lastLeaf is the last item of the outline in document order.
func lastLeaf(items []*item) *item {
	var it *item
	for len(items) > 0 {
		it = items[len(items)-1]
		items = it.children
	}
	return it
}

// dropExhortation cuts the plan's closing call to everyone from its last
// item: a paragraph of its own after the item's text that addresses all
// the bodies at once ("各地区、各部门要…", "各市县、各有关部门要…") and
// names no unit. It is the plan's last word, not the item's.
func dropExhortation(t *text, it *item) {
	for len(it.content) > 1 {
		p := it.content[len(it.content)-1]
		f := t.fold[p.start:p.end]
		if len(f) < 2 || f[0] != '各' {
			return
		}
		k := slices.Index(f[:min(len(f), 16)], '要')
		if k < 2 || hasUnitClause(p, it.clauses) {
			return
		}
		it.content = it.content[:len(it.content)-1]
	}
}

// hasUnitClause reports a unit clause inside paragraph p.
func hasUnitClause(p span, cs []clause) bool {
	for _, c := range cs {
		if c.span.start >= p.start && c.span.end <= p.end && len(c.lead)+len(c.coop) > 0 {
			return true
		}
	}
	return false
}

// endsInClause reports a paragraph whose last words are a unit clause.
func endsInClause(t *text, p span, cs []clause) bool {
	end := p.end
	for end > p.start && strings.ContainsRune("。; ", t.fold[end-1]) {
		end--
	}
	for _, c := range cs {
		if c.span.end >= end && c.span.end <= p.end && c.span.start >= p.start && len(c.lead)+len(c.coop) > 0 {
			return true
		}
	}
	return false
}

// cutAssignment reports a paragraph that ends inside a parenthesis which
// assigns work: the text was cut in the middle of its units.
func cutAssignment(t *text, p span) bool {
	if !unclosed(t, p) {
		return false
	}
	f := t.fold[p.start:p.end]
	k := len(f) - 1
	for k >= 0 && f[k] != '(' {
		k--
	}
	rest := f[k+1:]
	return containsRunes(rest, []rune("牵头")) || containsRunes(rest, []rune("负责")) || containsRunes(rest, []rune("责任单位"))
}

// cutAfterTitle reports an item whose text was cut off after its first
// words, at the very end of the document, following a sibling that is a
// task: an excerpt's last task, not a heading.
func cutAfterTitle(t *text, prev, it *item) bool {
	if len(prev.children) > 0 || isBareHeading(t, prev) || len(it.content) != 1 || len(it.children) > 0 {
		return false
	}
	return onlySpace(t, it.content[0].end, len(t.fold))
}

// opensForYear reports a plan whose opening, before its first item, says
// it is the work of one year: "为认真做好2019年政府工作", "2024年重点工作".
// Its targets that state no year are for that year.
func opensForYear(t *text, doc plan.Document, body []span) bool {
	year := doc.Year
	if year == 0 || reYearRange.MatchString(doc.Title) {
		return false
	}
	y := strconv.Itoa(year) + "年"
	for k, ln := range body {
		if k == 12 {
			break
		}
		f := t.fold[ln.start:ln.end]
		if _, ok := parseLabel(f); ok {
			break
		}
		if len(f) > 300 {
			continue
		}
		fs := t.fline(ln)
		if strings.Contains(fs, "做好"+y) || strings.Contains(fs, y+"政府工作") || strings.Contains(fs, y+"重点工作") {
			return true
		}
	}
	return false
}

// strayCloser reports that closer does not follow in f[from:end] before
// the next opening bracket: a bracket of another style before from closes
// the clause. The look stops after a few hundred runes.
func strayCloser(f []rune, from, end int, closer rune) bool {
	for i := from; i < end && i < from+300; i++ {
		switch f[i] {
		case closer:
			return false
		case '(', '[', '〔':
			return true
		}
	}
	return true
}

// closing is the bracket that closes a clause opened with r.
func closing(r rune) rune {
	switch r {
	case '[':
		return ']'
	case '〔':
		return '〕'
	}
	return ')'
}
