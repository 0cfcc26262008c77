package extract

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"luoshi/internal/plan"
)

// Responsibility clauses name who carries out a task: "(牵头单位：A；配合单位：B)",
// "(A、B负责)", "(A牵头，B配合)", "责任单位：A" on a line of its own, "由A牵头".

type role int

const (
	roleNone role = iota
	roleLead
	roleCoop
	roleResp // 负责 / 责任单位: lead unless a lead group is named
	roleImpl // 落实: lead when alone, cooperating beside a 负责 or 牵头 group
)

// name is a unit name as written, with its source span.
type name struct {
	span span
	text string
}

// clause is one parsed responsibility clause.
type clause struct {
	span        span // the whole clause, parentheses included
	lead, coop  []name
	taskForce   string
	unreadable  bool // looked like a clause but yielded no names
	hasExplicit bool // carried a role word or label
	bare        bool // stood without parentheses
	note        bool // a time note: no units, not part of the text
	fromResp    bool // the lead came from a 负责 / 责任单位 group, not a 牵头 one
	firstLead   bool // carried a note that the first name listed leads
	carry       bool // ... and that the note holds for the later items (下同)
	cut         bool // the text ends inside the clause
	unitLabel   bool // named its units under a label such as 责任单位
	inferred    bool // its lead was read by a note of an earlier item
	each        bool // its units are responsible each for its part (分别负责)
	force       name // the task force set apart from the units, with its role
	forceRole   role
}

// withForce gives back to the units the task force a clause set apart:
// on an item that has no items of its own, "（省消费专班牵头，省商务厅
// 配合）" names the 专班 as the item's lead, not as a task force.
func (c clause) withForce() clause {
	if c.force.text == "" || len(c.lead)+len(c.coop) == 0 {
		return c
	}
	switch {
	case c.forceRole == roleLead && c.fromResp:
		// The 负责 names beside a 专班 that leads cooperate.
		c.coop = orderBySpan(append(append([]name{}, c.coop...), c.lead...))
		c.lead, c.fromResp = []name{c.force}, false
	case c.forceRole == roleLead, c.forceRole == roleResp && c.fromResp:
		c.lead = orderBySpan(append(append([]name{}, c.lead...), c.force))
	default:
		c.coop = orderBySpan(append(append([]name{}, c.coop...), c.force))
	}
	c.taskForce, c.force = "", name{}
	return c
}

// roleWord is a word that gives the role of the names beside it.
type roleWord struct {
	text string
	role role
}

// runesOf caches the rune form of each role word.
var prefixRunes, suffixRunes = wordRunes(prefixLabels), wordRunes(suffixMarks)

func wordRunes(ws []roleWord) [][]rune {
	out := make([][]rune, len(ws))
	for i, w := range ws {
		out[i] = []rune(w.text)
	}
	return out
}

// runesAt reports whether w occurs in f at i.
func runesAt(f []rune, i int, w []rune) bool {
	if i < 0 || i+len(w) > len(f) {
		return false
	}
	for k, r := range w {
		if f[i+k] != r {
			return false
		}
	}
	return true
}

// prefixLabels are the "X单位：" labels, longest first.
var prefixLabels = []roleWord{
	{"主要负责单位", roleLead}, {"第一责任单位", roleLead}, {"其他责任单位", roleCoop},
	{"主要责任单位", roleLead}, {"牵头责任单位", roleLead}, {"牵头考核单位", roleLead}, {"牵头落实单位", roleLead},
	{"部门分工", roleResp}, {"任务分工", roleResp}, {"责任分工", roleResp}, {"考核单位", roleResp},
	{"负责单位", roleResp}, {"负责部门", roleResp}, {"承办单位", roleResp}, {"承担单位", roleResp}, {"责任主体", roleResp},
	{"参与部门", roleCoop}, {"协办部门", roleCoop}, {"协作单位", roleCoop}, {"协同部门", roleCoop}, {"牵头单位", roleLead}, {"牵头部门", roleLead},
	{"主责单位", roleLead}, {"主办单位", roleLead}, {"责任单位", roleResp}, {"责任部门", roleResp},
	{"实施单位", roleResp}, {"落实单位", roleResp}, {"配合单位", roleCoop}, {"配合部门", roleCoop},
	{"协办单位", roleCoop}, {"参与单位", roleCoop}, {"协同单位", roleCoop}, {"支持单位", roleCoop},
	{"协助单位", roleCoop}, {"共同责任单位", roleCoop}, {"责任专班", roleResp}, {"牵头专班", roleLead},
	{"督办单位", roleCoop}, {"指导单位", roleCoop}, {"督导单位", roleCoop}, {"参加单位", roleCoop}, {"参加部门", roleCoop},
	{"责任考核单位", roleResp}, {"考核责任单位", roleResp}, {"考核牵头单位", roleLead},
	// Short labels, "（牵头：A；配合：B）".
	{"牵头", roleLead}, {"配合", roleCoop}, {"协办", roleCoop}, {"参与", roleCoop}, {"责任", roleResp},
}

// suffixMarks end a group of names with its role, longest first.
var suffixMarks = []roleWord{
	{"按职责分工负责", roleResp}, {"按职责分工落实", roleImpl}, {"按职责分工", roleResp}, {"按职责负责", roleResp}, {"牵头负责", roleLead}, {"共同牵头", roleLead},
	{"为牵头单位", roleLead}, {"为牵头部门", roleLead}, {"为配合单位", roleCoop}, {"为配合部门", roleCoop}, {"为责任单位", roleResp},
	{"牵头抓总", roleLead}, {"负总责", roleLead}, {"配合落实", roleCoop}, {"协助落实", roleCoop}, {"参与落实", roleCoop},
	{"负责落实", roleImpl}, {"协同配合", roleCoop}, {"协助配合", roleCoop}, {"加强指导", roleCoop},
	{"统筹协调", roleLead}, {"统筹推进", roleLead}, {"统筹", roleLead}, {"主责", roleLead},
	{"分别牵头", roleLead}, {"分别负责", roleResp}, {"共同负责", roleResp}, {"具体负责", roleResp},
	{"组织实施", roleResp}, {"负责实施", roleResp}, {"具体实施", roleResp},
	{"牵头", roleLead}, {"负责", roleResp}, {"配合", roleCoop}, {"协办", roleCoop}, {"参与", roleCoop},
	{"指导", roleCoop}, {"督导", roleCoop},
	{"协同", roleCoop}, {"协助", roleCoop}, {"参加", roleCoop}, {"按职责落实", roleImpl}, {"落实", roleImpl},
}

// unitSuffixes end the names of bodies that take assignments.
var unitSuffixes = []string{
	"厅", "局", "委", "办", "政府", "支行", "分行", "公司", "集团", "管委会", "部门", "单位", "银行",
	"运营商", "联社", "供销社", "海关", "办公室", "中心", "委员会", "法院", "检察院", "总工会", "团省委",
	"妇联", "残联", "科协", "工商联", "专班", "小组", "工作组", "试验区", "开发区", "园区", "示范区", "新区",
	"机构", "协会", "学会", "商会", "大学", "院", "社", "所", "台", "站", "部", "处", "组",
}

func unitLike(s string) bool {
	if s == "" || !endsFoldedIn(s, unitSuffixEnds) || len([]rune(s)) > 40 {
		return false // most names end in no suffix's last rune
	}
	s = foldString(s) // names are printed; the suffixes are folded
	for _, suf := range unitSuffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// unitSuffixEnds are the last runes of unitSuffixes.
var unitSuffixEnds = lastRunes(unitSuffixes)

// endsFoldedIn reports whether the last rune of s, folded, may be in set:
// s folded ends in it, and a name that does not is not folded.
func endsFoldedIn(s string, set *runeSet) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return set.mayHold(foldRune(r))
}

// lastRunes is the set of the last runes of words.
func lastRunes(words []string) *runeSet {
	var rs []rune
	for _, w := range words {
		r, _ := utf8.DecodeLastRuneInString(w)
		rs = append(rs, r)
	}
	return newRuneSet(string(rs))
}

// strongUnitSuffixes end names that can only be bodies of government or
// enterprises; a bare parenthesis such as "(敬老院)" is not a clause.
var strongUnitSuffixes = []string{"厅", "局", "委", "办", "部", "政府", "支行", "分行", "管委会", "部门", "单位", "公司",
	"集团", "海关", "委员会", "办公室", "运营商", "专班", "成员单位", "联社"}

func strongUnit(s string) bool {
	s = foldString(s)
	rs := []rune(s)
	// Short names count only with their level: "省农委", not "(敬老院)".
	if len(rs) < 3 || len(rs) == 3 && !strings.ContainsRune("省市县区州", rs[0]) {
		return false
	}
	for _, suf := range strongUnitSuffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// taskForceEnds are the last runes of the names of task forces.
var taskForceEnds = lastRunes([]string{"专班", "工作组", "推进组"})

func isTaskForce(s string) bool {
	if !endsFoldedIn(s, taskForceEnds) {
		return false
	}
	s = foldString(s)
	return strings.HasSuffix(s, "专班") || strings.HasSuffix(s, "工作组") || strings.HasSuffix(s, "推进组")
}

// parseClause reads the clause in t.fold[s] (parentheses excluded); outer is
// the span to report, parentheses included. bare reports whether the clause
// stands without parentheses, in which case it must start with a label.
func parseClause(t *text, s, outer span) (clause, bool) {
	c := clause{span: outer}
	f := t.fold
	// Most clauses name a few units and split into a few parts: the
	// groups, the names of a part and the parts stay on the stack, and
	// the clause's names are copied out once at the end.
	var pendingBuf, nameBuf [8]name
	var groupBuf [roleImpl + 1][8]name
	pending := pendingBuf[:0]
	cur := roleNone
	var groups [roleImpl + 1][]name // by role
	for r := range groups {
		groups[r] = groupBuf[r][:0]
	}
	var majors, labelled, segs, roled [8]span
	person := false // after "责任领导：": names of people, not units
	notes, segments := 0, 0
	// Sentences in a clause part like its groups: "A、B按职责分工负责。
	// 以下均需各地区落实，不再列出".
	var stops [8]span
	parts := majors[:0]
	for _, m := range appendSplitTop(stops[:0], f, s, '。') {
		parts = appendSplitTop(parts, f, m, ';')
	}
	for _, major := range splitAtLabels(labelled[:0], f, parts) {
		for _, seg := range splitAfterRoles(roled[:0], f, appendSplitTop(segs[:0], f, major, ',')) {
			seg = t.trim(seg)
			if seg.end <= seg.start {
				continue
			}
			segments++
			if isTimeNoteAt(f, seg) {
				c.hasExplicit = true
				continue // "完成时限：2023年12月": read for the deadline, not a unit
			}
			// A note in brackets after the last name: "A、B（列第一位的为牵头单位，下同）".
			if k := trailingNote(f, seg); k > seg.start {
				first, carry, _ := readNoteText(f, span{k + 1, seg.end - 1})
				c.firstLead = c.firstLead || first
				c.carry = c.carry || carry
				c.hasExplicit = true
				seg.end = k
				seg = t.trim(seg)
			}
			// "以下均含A、B，不再单独列出": A and B are units here too; the
			// note itself does not carry them to later items.
			if k := includesNoteLen(f, seg); k > 0 {
				seg.start += k
				c.hasExplicit = true
			}
			// A note among the names: "排在第一位的部门为牵头部门", "下同",
			// "以下简称“各市县政府”". It names no unit.
			if first, carry, ok := readNote(f, seg); ok {
				c.firstLead = c.firstLead || first
				c.carry = c.carry || carry
				c.hasExplicit = true
				notes++
				continue
			}
			if n := personLabelLen(f, seg); n > 0 {
				c.hasExplicit = true
				person = true
				continue
			}
			r, n := hasPrefixLabel(f, seg)
			if n == 0 {
				r, n = labelBracket(f, seg)
			}
			if n > 0 {
				// Names before the first label: units, not notes such as "6月底前完成".
				for _, n := range pending {
					if unitLike(n.text) || isCollective(n.text) {
						groups[roleResp] = append(groups[roleResp], n)
					}
				}
				pending = pending[:0]
				cur = r
				person = false
				if l := string(f[seg.start : seg.start+n]); strings.HasSuffix(l, "单位") || strings.HasSuffix(l, "部门") {
					c.unitLabel = true
				}
				c.hasExplicit = true
				seg.start += n
				for seg.start < seg.end && (f[seg.start] == ':' || f[seg.start] == ' ') {
					seg.start++
				}
			}
			if person {
				continue
			}
			// "A牵头，会同B、C推进": the names after 会同 cooperate.
			joint := seg.end-seg.start > 4 && runesAt(f, seg.start, jointly)
			if joint {
				seg.start += len(jointly)
			}
			r, body := stripSuffix(t, seg)
			// "A、B分别负责": each leads, whatever a note says of the first.
			c.each = c.each || r == roleResp && runesAt(f, seg.end-4, respectively)
			if joint {
				if r == roleNone {
					body = trimVerb(f, body)
				}
				r = roleCoop
			}
			names := dropPosts(appendNames(nameBuf[:0], t, body))
			for i, n := range names {
				names[i] = withoutPerson(t, n) // "市商务局（责任人：李明）"
			}
			if len(names) == 0 && r != roleNone {
				c.hasExplicit = true // "分管副省长负责": a post, not a unit
				continue
			}
			switch {
			case r != roleNone:
				c.hasExplicit = true
				groups[r] = append(append(groups[r], pending...), names...)
				pending = pending[:0]
			case cur != roleNone:
				groups[cur] = append(groups[cur], names...)
			default:
				pending = append(pending, names...)
			}
		}
	}
	if len(pending) > 0 {
		var units []name
		for _, n := range pending {
			if isLeadMarked(n.text) {
				c.hasExplicit = true // "A、B、C（牵头）": a role is named
			}
		}
		for _, n := range pending {
			switch {
			case unitLike(n.text), c.hasExplicit && len([]rune(n.text)) >= 3 && strings.HasSuffix(n.text, "会"):
				units = append(units, n) // beside a role, "市贸促会" too
			case isLeadMarked(n.text):
				units = append(units, n)
				c.hasExplicit = true
			case !c.hasExplicit:
				return c, false
			}
			// Beside named roles, other words are notes such as
			// "6月底前完成": not units.
		}
		groups[roleResp] = append(groups[roleResp], units...)
	}
	// "(A、B按职责分工负责，C落实)": C cooperates; "(C落实)" alone leads.
	if len(groups[roleLead])+len(groups[roleResp]) > 0 {
		groups[roleCoop] = append(groups[roleCoop], groups[roleImpl]...)
	} else {
		groups[roleResp] = append(groups[roleResp], groups[roleImpl]...)
	}
	groups[roleImpl] = nil
	// "A会同B负责": A carries the group's role, B cooperates.
	// The names listed after B ("A会同B、C负责") go with B.
	for _, r := range []role{roleLead, roleResp} {
		kept := groups[r][:0]
		jointFrom := -1 // where the 会同 names end in the source
		for _, n := range groups[r] {
			if jointFrom >= 0 && n.span.start >= jointFrom && !hasBreak(t.fold, jointFrom, n.span.start) {
				groups[roleCoop] = append(groups[roleCoop], n)
				jointFrom = n.span.end
				continue
			}
			first, with, ok := splitJointly(t, n)
			if !ok {
				kept = append(kept, n)
				continue
			}
			kept = append(kept, first)
			groups[roleCoop] = append(groups[roleCoop], with...)
			jointFrom = n.span.end
		}
		groups[r] = kept
	}
	groups[roleCoop] = orderBySpan(groups[roleCoop])
	// "A（牵头）、B": a name marked as lead inside the list.
	for _, r := range []role{roleResp, roleCoop} {
		kept := groups[r][:0]
		for _, n := range groups[r] {
			if m, ok := leadMarked(t, n); ok {
				groups[roleLead] = append(groups[roleLead], m)
				c.hasExplicit = true
				continue
			}
			kept = append(kept, n)
		}
		groups[r] = kept
	}
	groups[roleLead] = orderBySpan(groups[roleLead])
	total := len(groups[roleLead]) + len(groups[roleCoop]) + len(groups[roleResp])
	if total == 0 {
		if c.firstLead || notes > 0 && notes == segments {
			// Only a note: "（各项任务列第一位者为牵头单位）" holds for
			// what follows.
			c.note, c.carry = true, c.carry || c.firstLead
			return c, true
		}
		c.unreadable = c.hasExplicit
		return c, c.hasExplicit
	}
	// Every name must read as a name: no sentence inside a clause.
	for _, ns := range groups {
		for _, n := range ns {
			if !plausibleName(n.text) {
				if c.hasExplicit && containsRoleLabel(t.fstr(s)) {
					c.unreadable = true
					return c, true
				}
				return c, false
			}
		}
	}
	if !c.hasExplicit {
		// A bare list of names is a clause only when every name is a unit.
		for _, n := range groups[roleResp] {
			if !strongUnit(n.text) {
				return c, false
			}
		}
	}
	// A task force named in a clause belongs to its heading, not to the
	// units: "(金融业专班负责)", "(金融业专班负责，省地方金融监管局牵头)".
	// Under a unit label ("责任单位：省推进数字经济发展工作组") a task
	// force is one of the item's units.
	if !c.unitLabel && allTaskForces(groups[roleLead]) && allTaskForces(groups[roleResp]) && allTaskForces(groups[roleCoop]) {
		for _, r := range []role{roleLead, roleResp, roleCoop} {
			if len(groups[r]) > 0 {
				c.taskForce = groups[r][0].text
				return c, true
			}
		}
	}
	for _, r := range []role{roleLead, roleResp, roleCoop} {
		kept := groups[r][:0]
		for _, n := range groups[r] {
			if isTaskForce(n.text) && !listedAmong(f, n) && !c.unitLabel {
				if c.taskForce == "" {
					c.taskForce = n.text
					c.force, c.forceRole = n, r
				}
				continue
			}
			kept = append(kept, n)
		}
		groups[r] = kept
	}
	// One array for all the names: the lead's first, capped, then the
	// cooperating units'.
	lead, coop := groups[roleLead], [][]name{groups[roleResp], groups[roleCoop]}
	if len(lead) == 0 {
		lead, coop = groups[roleResp], coop[1:]
		c.fromResp = true
	}
	all := make([]name, 0, len(groups[roleLead])+len(groups[roleResp])+len(groups[roleCoop]))
	all = append(all, lead...)
	c.lead = all[:len(all):len(all)]
	for _, ns := range coop {
		all = append(all, ns...)
	}
	c.coop = all[len(c.lead):]
	if len(coop) == 2 {
		c.coop = orderBySpan(c.coop)
	}
	if c.firstLead {
		c.leadFirstListed()
	}
	return c, true
}

// looksLikeUnit reports a name that reads as a body's: a unit's suffix,
// a collective, a place's government named by the place ("禅城区"), with
// its other name in brackets set aside ("省委宣传部（省新闻出版局）").
func looksLikeUnit(s string) bool {
	s = foldString(s) // full-width brackets fold to ASCII ones
	if k := strings.IndexByte(s, '('); k > 0 && strings.HasSuffix(s, ")") {
		s = s[:k]
	}
	if unitLike(s) || isCollective(s) {
		return true
	}
	if len([]rune(s)) < 2 || len([]rune(s)) > 40 {
		return false
	}
	for _, suf := range []string{"会", "区", "县", "市", "州", "旗", "盟", "镇", "乡", "街道", "署", "总社", "联合会", "中央", "室"} {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// leadFirstListed applies "列第一位的为牵头单位" to a clause that names no
// lead group: its first name leads, the others cooperate. A clause with
// its own lead ("A、B分别牵头") keeps it.
func (c *clause) leadFirstListed() {
	if !c.fromResp || len(c.lead) < 2 || c.each {
		return
	}
	rest := append(append([]name{}, c.lead[1:]...), c.coop...)
	c.lead = c.lead[:1]
	c.coop = orderBySpan(rest)
	c.fromResp = false
}

// isCollective reports a name for several bodies: "各市州人民政府",
// "有关部门", "省联席会议各成员单位".
func isCollective(s string) bool {
	return strings.HasPrefix(s, "各") || strings.HasPrefix(s, "有关") || strings.HasPrefix(s, "相关") ||
		strings.Contains(s, "等有关") || strings.HasSuffix(s, "成员单位") || strings.HasSuffix(s, "企业")
}

// firstListedMarks say where in a list the lead stands: "列第一位",
// "排在第一位的部门", "第一责任单位", "排名首位".
var firstListedMarks = []string{"第一位", "第一个", "第一责任单位", "第一单位", "首位", "排第一", "排名第一", "列第一"}

// noteStarts open notes that name no unit: "以下简称“各市县政府”",
// "下同", "除标注“分别牵头”外".
var noteStarts = []string{"以下简称", "简称", "下同", "以下同", "后同", "除标注", "除注明", "除特别注明", "除标明", "以下均", "以下各项", "以下任务", "不再"}

// readNote reports a clause segment that is a note rather than names:
// first is set for a note that the first name listed leads, carry for
// one that holds for the later items too ("下同").
func readNote(f []rune, seg span) (first, carry, ok bool) {
	if seg.end-seg.start < 2 || seg.end-seg.start > 60 || !mayBeNote(f, seg) {
		return false, false, false
	}
	if _, n := hasPrefixLabel(f, seg); n > 0 {
		return false, false, false
	}
	s := string(f[seg.start:seg.end])
	carry = strings.Contains(s, "下同") || strings.Contains(s, "后同")
	if strings.Contains(s, firstListedGuards[0]) || strings.Contains(s, firstListedGuards[1]) {
		for _, m := range firstListedMarks {
			if strings.Contains(s, m) {
				return true, carry, true
			}
		}
	}
	for _, m := range noteStarts {
		if strings.HasPrefix(s, m) {
			return false, carry, true
		}
	}
	// "各区县政府参与全部任务", "以上单位不再列出": a note about every item.
	for _, m := range everyItemMarks {
		if strings.Contains(s, m) {
			return false, carry, true
		}
	}
	return false, false, false
}

// everyItemMarks make a segment a note about every item.
var everyItemMarks = []string{"不再", "全部任务", "所有任务", "各项任务", "每项任务"}

// firstListedGuards stand in every note that the first name listed
// leads, before its firstListedMarks are looked for.
var firstListedGuards = []string{"牵头", "汇总"}

// noteFirstRunes are the first runes of noteStarts, and noteRunes those
// of the words readNote looks for anywhere in a segment.
var noteFirstRunes, noteRunes = firstRunes(noteStarts), firstRunes(firstListedGuards, everyItemMarks)

// firstRunes is the set of the first runes of words.
func firstRunes(words ...[]string) *runeSet {
	var rs []rune
	for _, ws := range words {
		for _, w := range ws {
			rs = append(rs, []rune(w)[0])
		}
	}
	return newRuneSet(string(rs))
}

// mayBeNote is false for a segment readNote cannot take for a note: one
// that opens with no note's first rune and holds no rune of noteRunes.
// Most segments are names, and are told at one test for each rune.
func mayBeNote(f []rune, seg span) bool {
	if noteFirstRunes.mayHold(f[seg.start]) {
		return true
	}
	for _, r := range f[seg.start:seg.end] {
		if noteRunes.mayHold(r) {
			return true
		}
	}
	return false
}

// trailingNote is where a bracketed note after the last name of seg
// opens, or -1: "市卫健委（除标注“分别牵头”外，列第一位为牵头单位，下同）".
func trailingNote(f []rune, seg span) int {
	if seg.end-seg.start < 4 || f[seg.end-1] != ')' {
		return -1
	}
	depth := 0
	for k := seg.end - 1; k > seg.start; k-- {
		switch f[k] {
		case ')':
			depth++
		case '(':
			if depth--; depth == 0 {
				if _, _, ok := readNoteText(f, span{k + 1, seg.end - 1}); ok {
					return k
				}
				return -1
			}
		}
	}
	return -1
}

// readNoteText is readNote over a bracket's whole text, whose parts are
// separated by commas. The bracket is a note when it opens with one: in
// "各市政府（含甲市政府，下同）" it is part of the name.
func readNoteText(f []rune, s span) (first, carry, ok bool) {
	for i, p := range splitTop(f, s, ',') {
		a, b, isNote := readNote(f, p)
		if i == 0 && !isNote {
			return false, false, false
		}
		first, carry, ok = first || a, carry || b, ok || isNote
	}
	return first, carry, ok
}

// personLabelLen is the length of a label that names people, not units,
// up to its colon: "责任领导：", "分管省领导：", "牵头市领导：", "责任人：".
func personLabelLen(f []rune, seg span) int {
	for k := seg.start + 2; k < seg.end && k <= seg.start+8; k++ {
		if f[k] != ':' {
			continue
		}
		l := string(f[seg.start:k])
		if strings.HasSuffix(l, "领导") || strings.HasSuffix(l, "责任人") || strings.HasSuffix(l, "联系人") {
			return k + 1 - seg.start
		}
		return 0
	}
	return 0
}

// postSuffixes end the titles of people: "分管副省长", "协管副秘书长".
var postSuffixes = []string{"长", "书记", "主任", "主席", "领导", "同志", "委员"}

// postEnds are the last runes of postSuffixes.
var postEnds = lastRunes(postSuffixes)

func isPost(s string) bool {
	if !endsFoldedIn(s, postEnds) {
		return false
	}
	s = foldString(s)
	// Most names end in no post's suffix: they are not asked whether
	// they read as units.
	for _, p := range postSuffixes {
		if strings.HasSuffix(s, p) {
			return !unitLike(s)
		}
	}
	return false
}

// dropPosts removes the posts of people from a list of names.
func dropPosts(ns []name) []name {
	kept := ns[:0]
	for _, n := range ns {
		if !isPost(n.text) {
			kept = append(kept, n)
		}
	}
	return kept
}

var jointly, respectively = []rune("会同"), []rune("分别负责")

// hasBreak reports a separator between names groups (，；) in f[from:to].
func hasBreak(f []rune, from, to int) bool {
	for i := from; i < to && i < len(f); i++ {
		if f[i] == ',' || f[i] == ';' {
			return true
		}
	}
	return false
}

// splitJointly cuts "A会同B、C" into A and the names B, C.
func splitJointly(t *text, n name) (name, []name, bool) {
	for i := n.span.start + 2; i+len(jointly) < n.span.end; i++ {
		if runesAt(t.fold, i, jointly) {
			a := t.trim(span{n.span.start, i})
			rest := splitNames(t, span{i + len(jointly), n.span.end})
			if len(rest) == 0 {
				break
			}
			return name{span: a, text: t.str(a)}, rest, true
		}
	}
	return n, nil, false
}

// leadMarks are the marks of a lead unit inside a list, folded.
var leadMarks = [][]rune{[]rune("(牵头)"), []rune("(牵头单位)"), []rune("(牵头部门)")}

func isLeadMarked(s string) bool {
	if !strings.HasSuffix(s, ")") && !strings.HasSuffix(s, "）") {
		return false
	}
	rs := []rune(s)
	for i, r := range rs {
		rs[i] = foldRune(r)
	}
	for _, w := range leadMarks {
		if len(rs) > len(w) && runesAt(rs, len(rs)-len(w), w) {
			return true
		}
	}
	return false
}

// leadMarked strips a "（牵头）" mark from a name.
func leadMarked(t *text, n name) (name, bool) {
	if n.span.end <= n.span.start || t.fold[n.span.end-1] != ')' {
		return n, false
	}
	for _, w := range leadMarks {
		if k := n.span.end - len(w); k > n.span.start && runesAt(t.fold, k, w) {
			s := t.trim(span{n.span.start, k})
			return name{span: s, text: t.str(s)}, true
		}
	}
	return n, false
}

// allTaskForces reports whether every name of ns is a task force's.
func allTaskForces(ns []name) bool {
	for _, n := range ns {
		if !isTaskForce(n.text) {
			return false
		}
	}
	return true
}

func orderBySpan(ns []name) []name {
	slices.SortStableFunc(ns, func(a, b name) int { return cmp.Compare(a.span.start, b.span.start) })
	return ns
}

func containsRoleLabel(s string) bool {
	for _, l := range prefixLabels {
		if strings.Contains(s, l.text) {
			return true
		}
	}
	return false
}

// plausibleName rejects fragments of prose that a loose split produced.
func plausibleName(s string) bool {
	n, han := 0, 0
	for _, r := range s {
		switch r {
		case '。', '“', '”', '《', '》', '!', '?', '"':
			return false
		}
		if n++; n > 40 {
			return false
		}
		if isHan(r) {
			han++
		}
	}
	return n >= 2 && han >= 2
}

func hasPrefixLabel(f []rune, s span) (role, int) {
	if s.end <= s.start || !labelFirstRunes.mayHold(f[s.start]) {
		return roleNone, 0 // no label nor level starts with this rune
	}
	// A level before the label: "市级责任单位：", "县级配合单位：".
	if lv := levelLen(f, s); lv > 0 {
		if r, n := hasPrefixLabel(f, span{s.start + lv, s.end}); n > 2 {
			return r, n + lv
		}
	}
	// Only the labels that start with the first rune, in their order.
	for _, li := range labelsByFirst[f[s.start]] {
		l, w := prefixLabels[li], prefixRunes[li]
		n := len(w)
		if s.end-s.start >= n && runesAt(f, s.start, w) {
			// The label must be followed by a colon (or be the whole segment);
			// "责任单位为A" reads as "责任单位：A".
			k := s.start + n
			for k < s.end && f[k] == ' ' {
				k++
			}
			// Not a note: "第一责任单位为牵头单位".
			if k+1 < s.end && f[k] == '为' && n > 2 && isHan(f[k+1]) && !strings.ContainsRune("牵配责协主第", f[k+1]) {
				return l.role, n + 1
			}
			// A short label ("牵头：") only with its colon.
			if k == s.end && n > 2 || k < s.end && f[k] == ':' {
				return l.role, n
			}
		}
	}
	return roleNone, 0
}

// labelFirstRunes are the first runes of prefixLabels and levels, and
// labelsByFirst the indexes in prefixLabels of the labels that start with
// each rune.
var labelFirstRunes, labelsByFirst = func() (*runeSet, map[rune][]int) {
	by := map[rune][]int{}
	var first []rune
	for li, w := range prefixRunes {
		by[w[0]] = append(by[w[0]], li)
		first = append(first, w[0])
	}
	for _, w := range levels {
		first = append(first, w[0])
	}
	return newRuneSet(string(first)), by
}()

// levels name the level of government a label's units stand at.
var levels = [][]rune{[]rune("省级"), []rune("市级"), []rune("县级"), []rune("区级"), []rune("乡级"), []rune("镇级"), []rune("市县"), []rune("县区")}

// levelLen is the length of a level at the start of s, or 0.
func levelLen(f []rune, s span) int {
	if s.end-s.start < 4 || !strings.ContainsRune("省市县区乡镇", f[s.start]) {
		return 0
	}
	for _, w := range levels {
		if runesAt(f, s.start, w) {
			return len(w)
		}
	}
	return 0
}

// stripSuffix removes a trailing role mark from seg.
func stripSuffix(t *text, seg span) (role, span) {
	f := t.fold
	if seg.end > seg.start && !suffixEnds.mayHold(f[seg.end-1]) {
		return roleNone, seg // ends in no mark's last rune
	}
	for mi, m := range suffixMarks {
		n := len(suffixRunes[mi])
		if seg.end-seg.start >= n && runesAt(f, seg.end-n, suffixRunes[mi]) {
			body := trimManner(f, t.trim(span{seg.start, seg.end - n}))
			// "由A牵头" and "A等负责" keep only the names.
			if body.start < body.end && f[body.start] == '由' {
				body.start++
			}
			return m.role, body
		}
	}
	return roleNone, seg
}

// jointVerbs end a 会同 group without a role word: "会同B、C推进".
var jointVerbs = [][]rune{[]rune("推进"), []rune("实施"), []rune("开展"), []rune("办理"), []rune("推动")}

// trimVerb drops a verb of jointVerbs from the end of s.
func trimVerb(f []rune, s span) span {
	for _, w := range jointVerbs {
		if s.end-s.start > len(w)+1 && runesAt(f, s.end-len(w), w) {
			s.end -= len(w)
			break
		}
	}
	return s
}

// mannerWords say how units act, between their names and the role word:
// "A按职责分工抓好落实", "A依职责负责", "A、B共同负责".
var mannerWords = func() [][]rune {
	var out [][]rune
	for _, w := range []string{"按照职责分工", "按职责分工", "按照各自职责", "根据各自职责", "按各自职责", "按照职能分工", "按职能分工", "按职能", "依据职责", "根据职责", "按照职责", "按职责", "依职责", "抓好", "共同", "分别", "具体", "积极", "切实", "认真"} {
		out = append(out, []rune(w))
	}
	return out
}()

// trimManner drops manner words from the end of a group of names.
func trimManner(f []rune, s span) span {
	// "各地区按照属地原则落实": a manner phrase of any words.
	for k := s.start + 2; k+1 < s.end; k++ {
		if (f[k] == '按' && f[k+1] == '照' || f[k] == '依' && f[k+1] == '照' || f[k] == '根' && f[k+1] == '据') && k+4 <= s.end {
			s.end = k
			break
		}
	}
	for again := true; again; {
		again = false
		for _, w := range mannerWords {
			if s.end-s.start > len(w)+1 && runesAt(f, s.end-len(w), w) {
				s.end -= len(w)
				again = true
				break
			}
		}
	}
	for s.end > s.start && f[s.end-1] == ' ' {
		s.end--
	}
	return s
}

// splitAtLabels cuts segments before a role label that follows other
// text without a separator: "牵头单位：A 配合单位：B". It appends to out.
func splitAtLabels(out []span, f []rune, segs []span) []span {
	for _, seg := range segs {
		start, depth := seg.start, 0
		for i := seg.start + 1; i < seg.end; i++ {
			// Labels inside a name's or a note's brackets do not split.
			switch f[i] {
			case '(', '[', '〔':
				depth++
			case ')', ']', '〕':
				depth = max(depth-1, 0)
			}
			if _, n := labelBracket(f, span{i, seg.end}); n > 0 && depth == 1 {
				if i > start {
					out = append(out, span{start, i})
					start = i
				}
				depth = 0
				i += n - 1
				continue
			}
			if depth > 0 {
				continue
			}
			if f[i] != '牵' && f[i] != '配' && f[i] != '责' && f[i] != '协' && f[i] != '参' && f[i] != '主' && f[i] != '完' && f[i] != '时' && f[i] != '期' {
				continue
			}
			_, n := hasPrefixLabel(f, span{i, seg.end})
			if n > 0 && !colonAfter(f, i+n, seg.end) {
				n = 0 // "排在第一位的部门为牵头部门": a note, not a label
			}
			if n == 0 && !(i >= 2 && f[i-2] == '完' && f[i-1] == '成') {
				n = timeNoteLen(f, span{i, seg.end}) // not 时限 inside 完成时限
			}
			at := i
			if n > 0 {
				// A longer label ends here: "其他责任单位：", "第一责任单位：".
				for k := 2; k <= 3 && i-k >= start; k++ {
					if _, m := hasPrefixLabel(f, span{i - k, seg.end}); m == n+k {
						at = i - k
						break
					}
				}
			}
			if n > 0 && (at > start || at < i) {
				if at > start {
					out = append(out, span{start, at})
					start = at
				}
				i += n - 1
			}
		}
		out = append(out, span{start, seg.end})
	}
	return out
}

// splitTop splits s on sep outside nested parentheses.
func splitTop(f []rune, s span, sep rune) []span { return appendSplitTop(nil, f, s, sep) }

// appendSplitTop is splitTop appending to out.
func appendSplitTop(out []span, f []rune, s span, sep rune) []span {
	depth, start := 0, s.start
	for i := s.start; i < s.end; i++ {
		switch f[i] {
		case '(', '[', '〔':
			depth++
		case ')', ']', '〕':
			if depth > 0 {
				depth--
			}
		case sep:
			if depth == 0 {
				out = append(out, span{start, i})
				start = i + 1
			}
		}
	}
	return append(out, span{start, s.end})
}

// splitNames splits a list of unit names on 、 and keeps collective names
// such as "各市、州人民政府" whole.
func splitNames(t *text, s span) []name { return appendNames(nil, t, s) }

// appendNames is splitNames appending to out.
func appendNames(out []name, t *text, s span) []name {
	var listed, spaced [8]span
	parts := spaced[:0]
	for _, p := range appendSplitTop(listed[:0], t.fold, s, '、') {
		// "A等和B负责": 等和 closes one group and opens another; so does
		// 和 or 及 before a collective, "教育部等部门及各地区".
		for k := p.start + 2; k+2 < p.end; k++ {
			if t.fold[k] == '等' && t.fold[k+1] == '和' {
				parts = appendSplitTop(parts, t.fold, t.trim(span{p.start, k}), ' ')
				p.start = k + 2
				break
			}
			if n := andCollective(t.fold, k, p.end); n > 0 || andUnits(t, k, p) {
				if n == 0 {
					n = 1
				}
				parts = appendSplitTop(parts, t.fold, t.trim(span{p.start, k}), ' ')
				p.start = k + n
				break
			}
		}
		// Names set apart by spaces: "省交通运输厅　民航中南地区管理局".
		parts = appendSplitTop(parts, t.fold, t.trim(p), ' ')
	}
	for i := 0; i < len(parts); i++ {
		p := t.trim(parts[i])
		// Only a collective head ("各市") runs on into the next part;
		// testing that on the runes spares a string for every name.
		for i+1 < len(parts) && collectiveHeadAt(t.fold, p) && !collectiveHeadAt(t.fold, t.trim(parts[i+1])) && (isRegionStub(t.fstr(p)) || isGenericGov(t.fstr(t.trim(parts[i+1])))) {
			i++
			p.end = t.trim(parts[i]).end
		}
		p = trimName(t, p)
		if p.end > p.start {
			out = append(out, name{span: p, text: nameText(t, p)})
		}
	}
	return out
}

// andCollective is the length of a conjunction at f[k] that joins a
// collective to the name before it, "和各", "及有关", "以及地方各级", with
// the collective left out; else 0. Inside a name (工业和信息化部) 和 is
// followed by no collective.
func andCollective(f []rune, k, end int) int {
	n := 0
	switch {
	case f[k] == '以' && k+1 < end && f[k+1] == '及':
		n = 2
	case f[k] == '和' || f[k] == '及':
		n = 1
	default:
		return 0
	}
	if f[k-1] == '以' { // the 及 of 以及, met again
		return 0
	}
	if k+n < end && (collectiveHeadAt(f, span{k + n, end}) || runesAt(f, k+n, []rune("地方各级"))) {
		return n
	}
	return 0
}

// andUnits reports a 和 or 及 at f[k] between two whole names of bodies,
// "省财政厅和省税务局"; in "工业和信息化部" the part before it is none.
func andUnits(t *text, k int, p span) bool {
	if f := t.fold[k]; f != '和' && f != '及' || k+3 > p.end {
		return false
	}
	return strongUnit(t.fstr(t.trim(span{p.start, k}))) && strongUnit(t.fstr(t.trim(span{k + 1, p.end})))
}

// collectiveHeadAt reports a name in f[s] that starts with 各, 有关 or 相关:
// the head of a collective name.
func collectiveHeadAt(f []rune, s span) bool {
	return s.start < s.end && f[s.start] == '各' ||
		s.end-s.start >= 2 && (f[s.start] == '有' && f[s.start+1] == '关' || f[s.start] == '相' && f[s.start+1] == '关')
}

// nameText is a name as written, without the line breaks of a
// parenthesis broken over lines ("省工业和信\n息化厅").
func nameText(t *text, p span) string {
	s := t.str(p)
	if strings.ContainsAny(s, "\n\r") {
		s = strings.NewReplacer("\r\n", "", "\n", "", "\r", "").Replace(s)
	}
	return s
}

// isGenericGov reports a government named without its place, the second
// half of "各盟行政公署、市人民政府".
func isGenericGov(s string) bool {
	switch s {
	case "人民政府", "市人民政府", "县人民政府", "区人民政府", "市政府", "县政府", "区政府", "人民政府办公室":
		return true
	}
	return false
}

// isRegionStub reports a fragment such as "各市" in "各市、州人民政府" that
// is only the first half of one collective name.
func isRegionStub(s string) bool {
	// "各市(州)、县(市、区)人民政府" is one collective too.
	if k := strings.IndexByte(s, '('); k > 0 && strings.HasSuffix(s, ")") {
		s = s[:k]
	}
	rs := []rune(s)
	if len(rs) < 2 || len(rs) > 4 {
		return false
	}
	if !(strings.HasPrefix(s, "各") || strings.HasPrefix(s, "有关") || strings.HasPrefix(s, "相关")) {
		return false
	}
	switch rs[len(rs)-1] {
	case '市', '州', '县', '区', '盟':
		return true
	}
	return false
}

// trimName drops list words around a name: a trailing 等, a leading 由.
func trimName(t *text, p span) span {
	f := t.fold
	for p.end > p.start && strings.ContainsRune("等 .。", f[p.end-1]) {
		p.end--
	}
	// A qualifier in brackets after the name: "各市人民政府（按职责）".
	if p.end > p.start && (f[p.end-1] == ')' || f[p.end-1] == '〕') {
		for k := p.end - 2; k > p.start; k-- {
			if f[k] == '(' || f[k] == '〔' {
				if f[k+1] == '按' || runesAt(f, k+1, []rune("视情")) || runesAt(f, k+1, []rune("分别")) {
					p.end = k
				}
				break
			}
		}
	}
	// "以上任务由A牵头", "上述工作由A负责" and "此项工作由A负责" name A.
	for k := p.start; k < p.end && k < p.start+8; k++ {
		if f[k] == '由' && k > p.start && strings.ContainsRune("以上此该本", f[p.start]) {
			p.start = k
			break
		}
	}
	for p.start < p.end && (f[p.start] == '由' || f[p.start] == ' ' || f[p.start] == '—' || f[p.start] == '-') {
		p.start++
	}
	return p
}

// firstListed carries "排在第一位的部门为牵头部门，下同" from the clause that
// states it to the clauses of later items.
func (b *builder) firstListed(cs []clause) {
	for i := range cs {
		c := &cs[i]
		if c.firstLead {
			b.firstLead = b.firstLead || c.carry
			continue
		}
		if (b.firstLead || b.noteAt >= 0 && c.span.start > b.noteAt) && c.fromResp && len(c.lead) > 1 {
			c.leadFirstListed()
			// A note of an earlier item is read as holding here; a
			// paragraph about the whole plan says so for certain.
			c.inferred = b.firstLead
		}
	}
}

// colonAfter reports a colon at f[k], spaces skipped, before end.
func colonAfter(f []rune, k, end int) bool {
	for k < end && f[k] == ' ' {
		k++
	}
	return k < end && f[k] == ':'
}

// end is the offset after the last rune of the text that is not white space.
func (t *text) end() int {
	k := len(t.fold)
	for k > 0 && isSpace(t.fold[k-1]) {
		k--
	}
	return k
}

// dropCutName narrows a clause that the end of the text cuts off to its
// complete names: a last name that does not end as a unit does
// ("省工业和信息化厅、省") was cut short.
func dropCutName(t *text, s span) span {
	f := t.fold
	for k := s.end - 1; k >= s.start; k-- {
		switch f[k] {
		case '、', ',', ';', ':', '(', ')':
			// "市财政局按职责分别负责" is whole: its role word ends it.
			last := t.trim(span{k + 1, s.end})
			if r, body := stripSuffix(t, last); r != roleNone {
				last = body
			}
			if !unitLike(t.str(last)) {
				s.end = k
			}
			return s
		}
	}
	return s
}

// listedAmong reports a name set in a list by 、: "A、市物流业专班负责"
// names the 专班 as one of the units, not as the task force.
func listedAmong(f []rune, n name) bool {
	k := n.span.start - 1
	for k >= 0 && f[k] == ' ' {
		k--
	}
	if k >= 0 && f[k] == '、' {
		return true
	}
	k = n.span.end
	for k < len(f) && f[k] == ' ' {
		k++
	}
	return k < len(f) && f[k] == '、'
}

// doubts warns about what in a clause of task lbl was not read with
// certainty, and reports whether there was any.
func (b *builder) doubts(lbl string, c clause) bool {
	t := b.t
	doubt := false
	switch {
	case c.unreadable:
		b.warn("unreadable_clause", "could not read the units in "+t.str(c.span), lbl, c.span)
		doubt = true
	case c.cut:
		b.warn("cut_clause", "the text ends inside the units of task "+lbl+": names after the cut are lost", lbl, c.span)
		doubt = true
	}
	if c.inferred {
		b.warn("lead_by_note", "the lead of task "+lbl+" is the first unit listed, as a note of an earlier item says", lbl, c.span)
		doubt = true
	}
	if c.taskForce != "" || c.note {
		return doubt
	}
	for _, ns := range [][]name{c.lead, c.coop} {
		for _, n := range ns {
			if !looksLikeUnit(n.text) {
				b.warn("unit_doubt", "“"+n.text+"” in task "+lbl+" does not read as the name of a unit", lbl, n.span)
				doubt = true
			}
		}
	}
	return doubt
}

// weighConfidence gives every task a confidence: a task without units
// under a heading where most items have them is low (its units may have
// been missed); a task made elsewhere without a judgement is high.
func weighConfidence(ts []plan.Task) {
	type count struct{ named, all int }
	under := map[string]count{} // by parent path
	for _, task := range ts {
		k := parentKey(task.Path)
		c := under[k]
		c.all++
		if len(task.Assignments) > 0 {
			c.named++
		}
		under[k] = c
	}
	for i := range ts {
		task := &ts[i]
		if task.Confidence == "" {
			task.Confidence = plan.High
		}
		if c := under[parentKey(task.Path)]; len(task.Assignments) == 0 && 2*c.named > c.all {
			task.Confidence = plan.Low
		}
	}
}

func parentKey(path []string) string {
	if len(path) == 0 {
		return ""
	}
	return strings.Join(path[:len(path)-1], "/")
}

// leadWord is 牵头, which every first-listed note holds.
var leadWord = []rune("牵头")

// firstListedNote finds a paragraph, outside any clause, that says the
// first unit listed leads: "各项任务中，排在第一位的为牵头单位". It holds
// from there on, or for the whole plan when it is a footnote ("注：…").
// It returns the note's offset, or -1.
func firstListedNote(t *text, body []span) int {
	f := t.fold
	for _, ln := range body {
		if !containsRunes(f[ln.start:ln.end], leadWord) {
			continue
		}
		// A note in brackets on a line of its own: "（排在第一位的为牵头单位）".
		if ln.end-ln.start > 4 && f[ln.start] == '(' && f[ln.end-1] == ')' {
			ln = span{ln.start + 1, ln.end - 1}
		}
		depth, start, mark := 0, ln.start, false
		for i := ln.start; i <= ln.end; i++ {
			if i < ln.end {
				switch f[i] {
				case '(', '[', '〔':
					depth++
					continue
				case ')', ']', '〕':
					depth = max(depth-1, 0)
					start = i + 1
					continue
				case '第', '首':
					mark = true
					continue
				case '。', ';', ',', ':':
				default:
					continue
				}
			}
			// Only a part that says 第 or 首 can be the note.
			if depth == 0 && mark {
				if first, _, _ := readNote(f, t.trim(span{start, i})); first {
					if f[ln.start] == '注' || runesAt(f, ln.start, []rune("说明")) {
						return 0
					}
					return ln.start
				}
			}
			start, mark = i+1, false
		}
	}
	return -1
}

// labelOnly reports a line that is only a unit label, "责任单位：", whose
// names stand on the next line.
func labelOnly(t *text, ln span) bool {
	f := t.fold
	if ln.end-ln.start < 3 || f[ln.end-1] != ':' {
		return false
	}
	_, n := hasPrefixLabel(f, ln)
	return n > 0 && colonAfter(f, ln.start+n, ln.end) && ln.start+n+1 >= ln.end-1
}

// splitAfterRoles cuts segments after a role word followed by 、:
// "A牵头、B配合" is two groups. It appends to out.
func splitAfterRoles(out []span, f []rune, segs []span) []span {
	for _, seg := range segs {
		start := seg.start
		for k := seg.start + 2; k < seg.end; k++ {
			if f[k] != '、' && f[k] != ' ' || !suffixEnds.mayHold(f[k-1]) {
				continue // no role word ends before it
			}
			for mi := range suffixMarks {
				if w := suffixRunes[mi]; k-len(w) > start && runesAt(f, k-len(w), w) {
					out = append(out, span{start, k})
					start = k + 1
					break
				}
			}
		}
		out = append(out, span{start, seg.end})
	}
	return out
}

// labelBracket reports a role label in brackets at the start of s,
// "【牵头单位】" (folded to "(牵头单位)"), with its length.
func labelBracket(f []rune, s span) (role, int) {
	if s.end-s.start < 4 || f[s.start] != '(' && f[s.start] != '[' && f[s.start] != '〔' {
		return roleNone, 0
	}
	for _, li := range labelsByFirst[f[s.start+1]] {
		l, w := prefixLabels[li], prefixRunes[li]
		k := s.start + 1 + len(w)
		// "（牵头）" marks a name as lead; it heads no names.
		if len(w) > 2 && k < s.end && runesAt(f, s.start+1, w) && (f[k] == ')' || f[k] == ']' || f[k] == '〕') {
			return l.role, len(w) + 2
		}
	}
	return roleNone, 0
}

// includesNotes open a list of units that take part in every item.
var includesNotes = [][]rune{[]rune("以下均含"), []rune("以下均包括"), []rune("均含")}

// includesNoteLen is the length of an includes-note opening seg, or 0.
func includesNoteLen(f []rune, seg span) int {
	for _, w := range includesNotes {
		if seg.end-seg.start > len(w) && runesAt(f, seg.start, w) {
			return len(w)
		}
	}
	return 0
}
