package extract

import (
	"cmp"
	"slices"
	"strings"
)

// Responsibility clauses name who carries out a task: "(牵头单位：A；配合单位：B)",
// "(A、B负责)", "(A牵头，B配合)", "责任单位：A" on a line of its own, "由A牵头".

type role int

const (
	roleNone role = iota
	roleLead
	roleCoop
	roleResp // 负责 / 责任单位: lead unless a lead group is named
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
	{"主要责任单位", roleLead}, {"牵头责任单位", roleLead}, {"牵头单位", roleLead}, {"牵头部门", roleLead},
	{"主责单位", roleLead}, {"主办单位", roleLead}, {"责任单位", roleResp}, {"责任部门", roleResp},
	{"实施单位", roleResp}, {"落实单位", roleResp}, {"配合单位", roleCoop}, {"配合部门", roleCoop},
	{"协办单位", roleCoop}, {"参与单位", roleCoop}, {"协同单位", roleCoop}, {"支持单位", roleCoop},
	{"协助单位", roleCoop}, {"共同责任单位", roleCoop}, {"责任专班", roleResp}, {"牵头专班", roleLead},
}

// suffixMarks end a group of names with its role, longest first.
var suffixMarks = []roleWord{
	{"按职责分工负责", roleResp}, {"按职责负责", roleResp}, {"牵头负责", roleLead}, {"共同牵头", roleLead},
	{"分别牵头", roleLead}, {"分别负责", roleResp}, {"共同负责", roleResp}, {"具体负责", roleResp},
	{"组织实施", roleResp}, {"负责实施", roleResp}, {"具体实施", roleResp},
	{"牵头", roleLead}, {"负责", roleResp}, {"配合", roleCoop}, {"协办", roleCoop}, {"参与", roleCoop},
	{"指导", roleCoop}, {"督导", roleCoop},
	{"协同", roleCoop}, {"协助", roleCoop}, {"按职责落实", roleResp}, {"落实", roleResp},
}

// unitSuffixes end the names of bodies that take assignments.
var unitSuffixes = []string{
	"厅", "局", "委", "办", "政府", "支行", "分行", "公司", "集团", "管委会", "部门", "单位", "银行",
	"运营商", "联社", "供销社", "海关", "办公室", "中心", "委员会", "法院", "检察院", "总工会", "团省委",
	"妇联", "残联", "科协", "工商联", "专班", "小组", "工作组", "试验区", "开发区", "园区", "示范区", "新区",
	"机构", "协会", "学会", "商会", "大学", "院", "社", "所", "台", "站", "部", "处", "组",
}

func unitLike(s string) bool {
	if s == "" || len([]rune(s)) > 40 {
		return false
	}
	s = foldString(s) // names are printed; the suffixes are folded
	for _, suf := range unitSuffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
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

func isTaskForce(s string) bool {
	s = foldString(s)
	return strings.HasSuffix(s, "专班") || strings.HasSuffix(s, "工作组") || strings.HasSuffix(s, "推进组")
}

// parseClause reads the clause in t.fold[s] (parentheses excluded); outer is
// the span to report, parentheses included. bare reports whether the clause
// stands without parentheses, in which case it must start with a label.
func parseClause(t *text, s, outer span) (clause, bool) {
	c := clause{span: outer}
	f := t.fold
	var pending []name
	cur := roleNone
	var groups [roleResp + 1][]name // by role
	// Most clauses split into a few parts: these stay on the stack.
	var majors, labelled, segs [8]span
	for _, major := range splitAtLabels(labelled[:0], f, appendSplitTop(majors[:0], f, s, ';')) {
		for _, seg := range appendSplitTop(segs[:0], f, major, ',') {
			seg = t.trim(seg)
			if seg.end <= seg.start {
				continue
			}
			if isTimeNoteAt(f, seg) {
				c.hasExplicit = true
				continue // "完成时限：2023年12月": read for the deadline, not a unit
			}
			if r, n := hasPrefixLabel(f, seg); n > 0 {
				if len(pending) > 0 {
					groups[roleResp] = append(groups[roleResp], pending...)
					pending = nil
				}
				cur = r
				c.hasExplicit = true
				seg.start += n
				for seg.start < seg.end && (f[seg.start] == ':' || f[seg.start] == ' ') {
					seg.start++
				}
			}
			r, body := stripSuffix(t, seg)
			names := splitNames(t, body)
			switch {
			case r != roleNone:
				c.hasExplicit = true
				groups[r] = append(append(groups[r], pending...), names...)
				pending = nil
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
			switch {
			case unitLike(n.text):
				units = append(units, n)
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
	all := append(append(append([]name{}, groups[roleLead]...), groups[roleResp]...), groups[roleCoop]...)
	if allTaskForces(all) {
		c.taskForce = all[0].text
		return c, true
	}
	for _, r := range []role{roleLead, roleResp, roleCoop} {
		kept := groups[r][:0]
		for _, n := range groups[r] {
			if isTaskForce(n.text) {
				if c.taskForce == "" {
					c.taskForce = n.text
				}
				continue
			}
			kept = append(kept, n)
		}
		groups[r] = kept
	}
	if len(groups[roleLead]) > 0 {
		c.lead = groups[roleLead]
		c.coop = append(groups[roleResp], groups[roleCoop]...)
		c.coop = orderBySpan(c.coop)
	} else {
		c.lead = groups[roleResp]
		c.coop = groups[roleCoop]
	}
	return c, true
}

var jointly = []rune("会同")

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

func allTaskForces(ns []name) bool {
	for _, n := range ns {
		if !isTaskForce(n.text) {
			return false
		}
	}
	return len(ns) > 0
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
	for li, l := range prefixLabels {
		w := prefixRunes[li]
		n := len(w)
		if s.end-s.start >= n && runesAt(f, s.start, w) {
			// The label must be followed by a colon (or be the whole segment).
			k := s.start + n
			for k < s.end && f[k] == ' ' {
				k++
			}
			if k == s.end || f[k] == ':' {
				return l.role, n
			}
		}
	}
	return roleNone, 0
}

// stripSuffix removes a trailing role mark from seg.
func stripSuffix(t *text, seg span) (role, span) {
	f := t.fold
	for mi, m := range suffixMarks {
		n := len(suffixRunes[mi])
		if seg.end-seg.start >= n && runesAt(f, seg.end-n, suffixRunes[mi]) {
			body := t.trim(span{seg.start, seg.end - n})
			// "由A牵头" and "A等负责" keep only the names.
			if body.start < body.end && f[body.start] == '由' {
				body.start++
			}
			return m.role, body
		}
	}
	return roleNone, seg
}

// splitAtLabels cuts segments before a role label that follows other
// text without a separator: "牵头单位：A 配合单位：B". It appends to out.
func splitAtLabels(out []span, f []rune, segs []span) []span {
	for _, seg := range segs {
		start := seg.start
		for i := seg.start + 1; i < seg.end; i++ {
			if f[i] != '牵' && f[i] != '配' && f[i] != '责' && f[i] != '协' && f[i] != '参' && f[i] != '主' && f[i] != '完' && f[i] != '时' && f[i] != '期' {
				continue
			}
			_, n := hasPrefixLabel(f, span{i, seg.end})
			if n == 0 && !(i >= 2 && f[i-2] == '完' && f[i-1] == '成') {
				n = timeNoteLen(f, span{i, seg.end}) // not 时限 inside 完成时限
			}
			if n > 0 && i > start {
				out = append(out, span{start, i})
				start = i
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
		case '(':
			depth++
		case ')':
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
func splitNames(t *text, s span) []name {
	var listed, spaced [8]span
	parts := spaced[:0]
	for _, p := range appendSplitTop(listed[:0], t.fold, s, '、') {
		// Names set apart by spaces: "省交通运输厅　民航中南地区管理局".
		parts = appendSplitTop(parts, t.fold, t.trim(p), ' ')
	}
	var out []name
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
	// "以上任务由A牵头" and "上述工作由A负责" name A.
	for k := p.start; k < p.end && k < p.start+8; k++ {
		if f[k] == '由' && k > p.start && (f[p.start] == '以' || f[p.start] == '上') {
			p.start = k
			break
		}
	}
	for p.start < p.end && (f[p.start] == '由' || f[p.start] == ' ' || f[p.start] == '—' || f[p.start] == '-') {
		p.start++
	}
	return p
}
