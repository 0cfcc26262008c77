// Package extract reads the text of a Chinese policy plan and returns its
// structure: document metadata, headings, tasks with lead and cooperating
// units, deadlines and quantitative targets.
package extract

import (
	"cmp"
	"errors"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"luoshi/internal/plan"
	"luoshi/internal/tradfold"
)

// ErrEmpty is returned for a text without any content.
var ErrEmpty = errors.New("the document has no text")

// parse extracts the plan from text, one paragraph per line.
func parse(s string) (*plan.Plan, error) {
	t := newText(s)
	defer t.release()
	all := splitJoined(t, t.lines())
	if len(all) == 0 {
		return nil, ErrEmpty
	}
	doc, meta, docWarnings := readDocument(t, all)
	var body []span
	title := foldString(doc.Title)
	for i, ln := range all {
		if meta[i] {
			continue
		}
		// Page chrome and the furniture of a document pasted from PDF come
		// in short lines: page numbers ("— 3 —"), the title repeated atop
		// each page.
		if ln.end-ln.start <= maxClutterRunes {
			fs := t.fline(ln)
			// A bare number may be a table row's 序号 on a line of its
			// own, a dash an empty cell; takeTables drops those that are
			// not.
			if isClutter(fs) && !isTableMark(fs) || strings.ContainsAny(fs, "0123456789") && rePageNumber.MatchString(fs) {
				continue
			}
			// The title line itself is in meta; another is a running header.
			if title != "" && strings.TrimSpace(fs) == title {
				continue
			}
		}
		body = append(body, ln)
	}
	intro := ""
	if len(body) > 0 {
		intro = t.fline(body[0])
	}
	// Sections of prose under a top heading are not tasks, unless the plan
	// has no other kind of item.
	p, o, prose := build(t, doc, intro, body, false)
	if len(p.Tasks) == 0 && prose {
		p, o, _ = build(t, doc, intro, body, true)
	}
	p.Source = s
	if t.glosses != nil {
		p.Source = t.srcStr // the source without its glosses, as decoded
	}
	p.Warnings = append(docWarnings, p.Warnings...)
	b := &builder{t: t, p: p}
	if len(p.Tasks) == 0 {
		// A preamble, a goals section or a page cut before the first item
		// is still a plan: its fields and goals stand without tasks.
		b.warn("no_tasks", "the document holds no numbered task", "", span{})
		return p, nil
	}
	b.checkNumbering(o)
	return p, nil
}

// rePageNumber is a page number on a line of its own: "— 3 —", "-3-",
// "第3页", "3/12"; it holds an ASCII digit (\d).
var rePageNumber = mustRegex(`^\s*(?:[—\-–]+\s*\d{1,3}\s*[—\-–]+|第\s*\d{1,3}\s*页(?:\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$`)

// foldString is the folded form of s; s itself when nothing folds.
func foldString(s string) string {
	// Names and titles are looked up folded many times, and most fold to
	// themselves: Chinese characters are decoded and tested here, without
	// a call.
	for i := 0; i < len(s); {
		r, w := rune(s[i]), 1
		if c := s[i]; c >= 0xE3 && c <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			if r = rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F); r >= 0x3400 && tradfold.Rune(r) == r {
				i += 3
				continue
			}
			w = 3
		} else if c >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		if foldRune(r) != r {
			var b strings.Builder
			b.Grow(len(s)) // folding never lengthens a valid rune
			b.WriteString(s[:i])
			for _, r := range s[i:] {
				b.WriteRune(foldRune(r))
			}
			return b.String()
		}
		i += w
	}
	return s
}

// build turns the body lines into the plan's outline, tasks and goals. It
// reports whether it took a section of prose for a heading: without one,
// building with proseTasks gives the same plan.
func build(t *text, doc plan.Document, intro string, body []span, proseTasks bool) (*plan.Plan, *outline, bool) {
	p := &plan.Plan{Document: doc, Tasks: []plan.Task{}}
	b := &builder{t: t, p: p, doc: doc, proseTasks: proseTasks, noteAt: firstListedNote(t, body)}
	if isAnnual(doc, intro) || opensForYear(t, doc, body) {
		b.targetYear = doc.Year
	} else if y := rangeEnd(doc); y != 0 {
		b.targetYear = y
	}
	body = b.takeTables(body)
	o := buildOutline(t, body)
	// Room for a task for each item without items of its own: most
	// tasks are such items, and a plan has from a few to a hundred.
	leaves := 0
	for _, it := range o.all {
		if len(it.children) == 0 {
			leaves++
		}
	}
	p.Tasks = slices.Grow(p.Tasks, leaves)
	b.lastLeaf = lastLeaf(o.roots)
	b.walk(o.roots, nil)
	sortTasks(p.Tasks)
	weighConfidence(p.Tasks)
	b.slogans(o)
	b.goals(o)
	slices.SortStableFunc(p.Goals, func(a, b plan.Target) int { return cmp.Compare(a.Start, b.Start) })
	return p, o, b.sawProse
}

// builder turns the outline into the plan's headings, tasks and goals.
type builder struct {
	t          *text
	p          *plan.Plan
	doc        plan.Document
	targetYear int    // year of targets that state none; 0 for multi-year plans
	goalText   []span // paragraphs outside tasks that may state plan-level goals
	proseTasks bool   // a titled top section of prose without units is a task
	sawProse   bool   // walk met such a section
	lastLeaf   *item  // the plan's last item, where its closing words may stand
	firstLead  bool   // a note with 下同 said the first name listed leads
	noteAt     int    // where a paragraph said so for the whole plan, or -1

	body    []rune // the buffers of joinWithout, reused from task to task
	runs    []run
	clauses []clause // the buffer of task's clauses
	paths   []string // the array the items' paths are taken from
}

// walk visits items depth first, in document order.
func (b *builder) walk(items []*item, parentPath []string) {
	for k, it := range items {
		it.path = b.newPath(parentPath, it.lbl.norm)
		b.readItem(it)
		if len(it.children) > 0 {
			b.heading(it)
			b.addGoalText(it)
			b.walk(it.children, it.path)
			continue
		}
		// Aims stated as 一是/二是 in a 目标 part are goals, not tasks.
		preamble := b.isPreamble(it)
		if subs := splitShi(b.t, it); len(subs) > 0 && !preamble {
			b.heading(it)
			b.shiTasks(it, subs)
			continue
		}
		// A title cut at the end of an excerpt is the last task, unless
		// it names the part of the tasks after the part of the aims: then
		// the page was cut before the first task (一、工作目标 … 二、主要任务).
		bare := isBareHeading(b.t, it) && !(k > 0 && cutAfterTitle(b.t, items[k-1], it) && !(b.isPreamble(items[k-1]) && isTasksTitle(it.title)))
		prose := !preamble && !bare && isProseSection(b.t, it)
		b.sawProse = b.sawProse || prose
		if preamble || bare || !b.proseTasks && prose {
			b.heading(it)
			b.addGoalText(it)
			continue
		}
		if it.parent == nil && (k+1 == len(items) || items[k+1].lbl.num == 1) {
			b.dropClosing(it)
		}
		if it == b.lastLeaf {
			dropExhortation(b.t, it)
		}
		b.task(it, it.lbl.norm, it.path, it.content, it.clauses)
	}
}

// newPath is the path of an item under parent, taken from an array of
// many paths and capped: appending to it copies.
func (b *builder) newPath(parent []string, label string) []string {
	n := len(parent) + 1
	if cap(b.paths)-len(b.paths) < n {
		b.paths = make([]string, 0, max(n, 256))
	}
	at := len(b.paths)
	b.paths = append(append(b.paths, parent...), label)
	return b.paths[at:len(b.paths):len(b.paths)]
}

// readItem reads an item's title, its responsibility clauses and its task force.
func (b *builder) readItem(it *item) {
	it.clauses = findClauses(b.t, it.content)
	if len(it.children) == 0 {
		// A 专班 among an item's own units is one of them.
		for i := range it.clauses {
			it.clauses[i] = it.clauses[i].withForce()
		}
	}
	b.firstListed(it.clauses)
	it.title = itemTitle(b.t, it)
	for _, c := range it.clauses {
		if c.taskForce != "" && it.taskForce == "" {
			it.taskForce = c.taskForce
		}
	}
	// A heading's own line that names a body, "（一）现代物流（省交通运输厅
	// 负责）", names the body in charge of its items: their task force.
	if it.taskForce == "" && len(it.children) > 0 {
		if c, ok := titleClause(it); ok && len(c.lead) > 0 {
			it.taskForce = c.lead[0].text
		}
	}
	if it.taskForce == "" && it.parent != nil {
		it.taskForce = it.parent.taskForce
	}
}

// sectionClauses are a heading's unit clauses below its own line.
func sectionClauses(it *item) []clause {
	var out []clause
	for _, c := range it.clauses {
		if len(it.content) > 0 && c.span.start >= it.content[0].end && len(c.lead)+len(c.coop) > 0 {
			out = append(out, c)
		}
	}
	return out
}

// titleClause is the unit clause on an item's first line, if any.
func titleClause(it *item) (clause, bool) {
	for _, c := range it.clauses {
		if len(it.content) > 0 && c.span.start < it.content[0].end && len(c.lead)+len(c.coop) > 0 {
			return c, true
		}
	}
	return clause{}, false
}

// addGoalText keeps an item's paragraphs as places where plan-level goals
// may be stated, unless the item reports the past or states principles.
func (b *builder) addGoalText(it *item) {
	if !inHistory(it) && !inPrinciples(it) {
		b.goalText = append(b.goalText, it.content...)
	}
}

// isBareHeading reports a leaf item that is only a heading: a short line
// without a sentence or a clause, such as a heading over a table.
func isBareHeading(t *text, it *item) bool {
	if len(it.clauses) > 0 || len(it.content) > 1 {
		return false
	}
	return len(it.content) == 0 || titleOnly(t, it.content[0])
}

// isProseSection reports a top heading ("二、保障措施") whose title stands
// on its own line above paragraphs of prose that name no unit.
func isProseSection(t *text, it *item) bool {
	if it.lbl.style > styleHan || len(it.content) < 2 || namesUnits(it.clauses) {
		return false
	}
	return titleOnly(t, it.content[0])
}

// isPreamble reports an item that states aims, not work: under a heading
// such as 指导思想 or 发展目标, with no unit named.
func (b *builder) isPreamble(it *item) bool {
	for _, c := range it.clauses {
		if len(c.lead)+len(c.coop) > 0 {
			return false
		}
	}
	if n := len(it.content); n > 0 && cutAssignment(b.t, it.content[n-1]) {
		return false // an excerpt cut inside the item's units: "(省发展改革委牵头,省…"
	}
	for p := it; p != nil; p = p.parent {
		// A heading's short title names a goals part (一、预期目标); an
		// item's own title must be shorter to do so (（一）年度目标。…), as
		// a task may be titled 确保完成全年目标.
		limit := 12
		if p == it {
			limit = 6
		}
		if isPreambleTitle(p.title) || isGoalsTitle(p.title, limit) || isPrinciplesTitle(p.title) {
			return true
		}
	}
	return false
}

func (b *builder) heading(it *item) {
	h := plan.Heading{Label: it.lbl.norm, Level: len(it.path), Title: it.title,
		Path: it.path, TaskForce: it.taskForce, Span: plan.Span{Start: it.start, End: it.end()}}
	b.p.Headings = append(b.p.Headings, h)
}

func (b *builder) slogans(o *outline) {
	for _, s := range o.slogans {
		b.p.Headings = append(b.p.Headings, plan.Heading{Level: 1, Title: b.t.str(s),
			Span: plan.Span{Start: s.start, End: s.end}})
	}
	sortHeadings(b.p.Headings)
}

func sortTasks(ts []plan.Task) {
	slices.SortStableFunc(ts, func(a, b plan.Task) int { return cmp.Compare(a.Start, b.Start) })
}

func sortHeadings(hs []plan.Heading) {
	slices.SortStableFunc(hs, func(a, b plan.Heading) int { return cmp.Compare(a.Start, b.Start) })
}

// task adds one task built from its paragraphs and clauses.
func (b *builder) task(it *item, lbl string, path []string, content []span, clauses []clause) {
	t := b.t
	// The body is read and printed here, and kept by no target: it is
	// written into the builder's buffer for the next task to reuse.
	body, offs := b.joinWithout(content, clauses)
	task := plan.Task{Label: lbl, Path: path, TaskForce: it.taskForce, Text: t.printed(body, offs)}
	task.Span = plan.Span{Start: it.start, End: it.start}
	if len(content) > 0 {
		task.Span = plan.Span{Start: content[0].start, End: content[len(content)-1].end}
		if task.Start > it.start && lbl == it.lbl.norm {
			task.Start = it.start
		}
	}
	// Inline "由A牵头" names a lead in running text.
	// The task's own list, in a buffer kept for the next task: the
	// clauses are read here, and their names copied into the task.
	clauses = append(append(b.clauses[:0], clauses...), inlineLeads(t, content, clauses)...)
	defer func() { b.clauses = clauses[:0] }()
	clauses = append(clauses, jointLeads(t, content, clauses)...)
	if !namesUnits(clauses) {
		// A section's closing sentence ("以上任务由A牵头…") covers the items
		// under it that name no one; a clause on the heading's own line is
		// its task force instead (see readItem).
		for a := it.parent; a != nil; a = a.parent {
			if cs := sectionClauses(a); len(cs) > 0 {
				clauses = append(clauses, cs...)
				break
			}
		}
	}
	// Room for every assignment and mention at once.
	nAssign, nLead, nCoop := 0, 0, 0
	for _, c := range clauses {
		if c.taskForce == "" && !c.unreadable && !c.note {
			nAssign++
			nLead += len(c.lead)
			nCoop += len(c.coop)
		}
	}
	if nAssign > 0 {
		task.Assignments = make([]plan.Assignment, 0, nAssign)
	}
	if nUnits := nLead + nCoop; nUnits > 0 {
		task.Units = make([]plan.UnitMention, 0, nUnits)
	}
	// The task's lists of names, and those of each assignment, in one
	// array: each list holds at most every name of its clauses, and a
	// task whose clauses name none has none.
	all := make([]string, 2*(nLead+nCoop))
	if nLead > 0 {
		task.Lead = all[0:0:nLead]
	}
	if nCoop > 0 {
		task.Cooperating = all[nLead : nLead : nLead+nCoop]
	}
	listed := all[nLead+nCoop : nLead+nCoop]
	task.Confidence = plan.High
	for _, c := range clauses {
		if doubt := b.doubts(lbl, c); doubt {
			task.Confidence = plan.Low
		}
		if c.taskForce != "" || c.unreadable || c.note {
			continue
		}
		assign(&task, c, &listed)
	}
	if len(task.Assignments) == 0 {
		b.warn("no_units", "task "+lbl+" names no responsible unit", lbl, span{task.Start, task.End})
	}
	// A deadline may stand inside a clause: "(省商务厅牵头，6月底前完成)".
	task.Deadline = findDeadlineRunes(joinFold(t, content), b.doc.Year)
	for _, tg := range t.targetsIn(body, b.targetYear, b.doc.Year) {
		tg.Span = mapSpan(offs, tg.Span)
		task.Targets = append(task.Targets, tg)
	}
	b.p.Tasks = append(b.p.Tasks, task)
}

// assign adds a clause to a task: one assignment, its names to the
// task's lead and cooperating lists, each mention with its span.
func assign(task *plan.Task, c clause, listed *[]string) {
	a := plan.Assignment{Lead: names(c.lead, listed), Cooperating: names(c.coop, listed), Span: plan.Span{Start: c.span.start, End: c.span.end}}
	task.Assignments = append(task.Assignments, a)
	task.Lead = appendNew(task.Lead, a.Lead...)
	task.Cooperating = appendNew(task.Cooperating, a.Cooperating...)
	for _, n := range c.lead {
		task.Units = append(task.Units, plan.UnitMention{Name: n.text, Role: plan.Lead, Span: plan.Span{Start: n.span.start, End: n.span.end}})
	}
	for _, n := range c.coop {
		task.Units = append(task.Units, plan.UnitMention{Name: n.text, Role: plan.Cooperating, Span: plan.Span{Start: n.span.start, End: n.span.end}})
	}
}

// joinFold is the folded text of the paragraphs, clauses included.
func joinFold(t *text, content []span) []rune {
	if len(content) == 1 {
		return t.fold[content[0].start:content[0].end]
	}
	var out []rune
	for _, s := range content {
		out = append(out, t.fold[s.start:s.end]...)
	}
	return out
}

func namesUnits(cs []clause) bool {
	for _, c := range cs {
		if len(c.lead)+len(c.coop) > 0 {
			return true
		}
	}
	return false
}

// mapSpan turns a span in joined text into a span in the source.
func mapSpan(offs offsets, s plan.Span) plan.Span {
	if offs.n == 0 || s.Start >= offs.n || s.Start < 0 {
		return s
	}
	end := s.End
	if end > offs.n {
		end = offs.n
	}
	out := plan.Span{Start: offs.src(s.Start), End: offs.src(s.Start) + 1}
	if end > s.Start {
		out.End = offs.src(end-1) + 1
	}
	return out
}

// offsets maps each rune of a joined text to its offset in the source.
// The text is made of runs of consecutive source runes, so it keeps the
// runs rather than an offset for every rune.
type offsets struct {
	runs []run // in text order
	base int   // text offset of the first rune after trimming
	n    int   // runes in the trimmed text
}

// run is a stretch of the joined text that starts at text offset at and
// copies the source from offset src.
type run struct{ at, src int }

// src is the source offset of rune i of the trimmed text.
func (o offsets) src(i int) int {
	i += o.base
	k := sort.Search(len(o.runs), func(j int) bool { return o.runs[j].at > i }) - 1
	return o.runs[k].src + i - o.runs[k].at
}

// joinWithout concatenates the paragraphs without the clauses, returning
// the text and, for each of its runes, the source offset. It writes into
// the builder's buffers, which hold it until the next call.
func (b *builder) joinWithout(content []span, clauses []clause) ([]rune, offsets) {
	t := b.t
	n := 0
	for _, s := range content {
		n += s.end - s.start
	}
	if cap(b.body) < n {
		b.body = make([]rune, 0, n)
	}
	out, runs := b.body[:0], b.runs[:0]
	ci := 0
	for _, s := range content {
		for i := s.start; i < s.end; {
			for ci < len(clauses) && clauses[ci].span.end <= i {
				ci++
			}
			if ci < len(clauses) && clauses[ci].span.start <= i {
				i = clauses[ci].span.end // inside a clause
				continue
			}
			// Keep the text up to where the next clause starts, or
			// to where it ends should its span be empty.
			j := s.end
			if ci < len(clauses) {
				j = min(j, clauses[ci].span.start, clauses[ci].span.end)
			}
			runs = append(runs, run{at: len(out), src: i})
			out = append(out, t.src[i:j]...)
			i = j
		}
	}
	// Trim white space and stray separators at both ends.
	lo, hi := 0, len(out)
	for lo < hi && (isSpace(foldRune(out[lo])) || strings.ContainsRune(",;、", foldRune(out[lo]))) {
		lo++
	}
	for hi > lo && isSpace(foldRune(out[hi-1])) {
		hi--
	}
	b.body, b.runs = out[:0], runs[:0]
	return out[lo:hi], offsets{runs: runs, base: lo, n: hi - lo}
}

// names are the texts of ns, each once, appended to listed and sliced
// from it, capped.
func names(ns []name, listed *[]string) []string {
	if len(ns) == 0 {
		return []string{}
	}
	at := len(*listed)
	for _, n := range ns {
		if !slices.Contains((*listed)[at:], n.text) {
			*listed = append(*listed, n.text)
		}
	}
	return (*listed)[at:len(*listed):len(*listed)]
}

func appendNew(list []string, items ...string) []string {
	for _, s := range items {
		dup := false
		for _, x := range list {
			if x == s {
				dup = true
				break
			}
		}
		if !dup {
			list = append(list, s)
		}
	}
	return list
}

func (b *builder) warn(code, msg, task string, s span) {
	b.p.Warnings = append(b.p.Warnings, plan.Warning{Code: code, Message: msg, Task: task, Span: plan.Span{Start: s.start, End: s.end}})
}

// goals collects the plan-level targets stated outside any task.
func (b *builder) goals(o *outline) {
	paras := append(append([]span{}, o.loose...), b.goalText...)
	sortSpans(paras)
	inPart := make(map[int]bool, len(b.goalText))
	for _, s := range b.goalText {
		inPart[s.start] = true
	}
	// "到2025年，主要目标是：" gives its year to the list items that follow;
	// so does a goals part's opening sentence that only states the horizon
	// ("到2026年，全县服务业发展质量显著提升。" above its ——bullets).
	carry, prevEnd := 0, -1
	for _, s := range paras {
		f := b.t.fold[s.start:s.end]
		year := b.targetYear
		if carry != 0 && prevEnd >= 0 && s.start-prevEnd <= 8 && !reYear.MatchString(b.t.fstr(s)) {
			year = carry
		} else {
			carry = 0
		}
		gs := b.t.targetsIn(b.t.src[s.start:s.end], year, b.doc.Year)
		for _, g := range gs {
			g.Start += s.start
			g.End += s.start
			b.p.Goals = append(b.p.Goals, g)
		}
		if n := len(f); n > 0 && (f[n-1] == ':' || len(gs) == 0 && inPart[s.start]) {
			if m := reHorizon.FindStringSubmatch(b.t.fstr(s)); m != nil {
				carry, _ = strconv.Atoi(m[1])
			} else if m := reYear.FindStringSubmatch(b.t.fstr(s)); m != nil && len(f) <= 20 {
				carry, _ = strconv.Atoi(m[1]) // a title: "（一）2025年目标"
			}
		}
		prevEnd = s.end
	}
}

func sortSpans(ss []span) {
	slices.SortStableFunc(ss, func(a, b span) int { return cmp.Compare(a.start, b.start) })
}

// reHorizon finds the horizon year of a goal statement: "到2025年".
var reHorizon = mustRegex(`(?:到|至)\s*((?:19|20)\d{2})\s*年`)
