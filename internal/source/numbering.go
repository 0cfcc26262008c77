package source

import (
	"archive/zip"
	"encoding/xml"
	"strconv"
	"strings"

	"golang.org/x/net/html/charset"
)

// Parts of a .docx that define automatic paragraph numbering: the lists
// themselves and the paragraph styles that may carry a list.
const (
	numberingPart = "word/numbering.xml"
	stylesPart    = "word/styles.xml"
)

// maxListLevels is the number of levels of a Word list (w:ilvl 0 to 8).
const maxListLevels = 9

// maxStyleChain bounds the w:basedOn and w:numStyleLink chains followed,
// which a damaged file may make circular.
const maxStyleChain = 16

// XML shapes read from numbering.xml, styles.xml and a paragraph's
// w:pPr. Names without a namespace match both WordprocessingML ones.
type (
	xmlVal struct {
		Val string `xml:"val,attr"`
	}
	xmlNumPr struct {
		Ilvl  *xmlVal `xml:"ilvl"`
		NumID *xmlVal `xml:"numId"`
	}
	xmlPPr struct {
		PStyle *xmlVal   `xml:"pStyle"`
		NumPr  *xmlNumPr `xml:"numPr"`
	}
	xmlLvl struct {
		Ilvl       string  `xml:"ilvl,attr"`
		Start      *xmlVal `xml:"start"`
		NumFmt     *xmlVal `xml:"numFmt"`
		LvlText    *xmlVal `xml:"lvlText"`
		LvlRestart *xmlVal `xml:"lvlRestart"`
		PStyle     *xmlVal `xml:"pStyle"`
		IsLgl      *xmlVal `xml:"isLgl"`
		Suff       *xmlVal `xml:"suff"`
	}
	xmlAbstractNum struct {
		ID           string   `xml:"abstractNumId,attr"`
		Levels       []xmlLvl `xml:"lvl"`
		NumStyleLink *xmlVal  `xml:"numStyleLink"`
	}
	xmlLvlOverride struct {
		Ilvl          string  `xml:"ilvl,attr"`
		StartOverride *xmlVal `xml:"startOverride"`
		Lvl           *xmlLvl `xml:"lvl"`
	}
	xmlNum struct {
		ID            string           `xml:"numId,attr"`
		AbstractNumID *xmlVal          `xml:"abstractNumId"`
		Overrides     []xmlLvlOverride `xml:"lvlOverride"`
	}
	xmlNumbering struct {
		AbstractNums []xmlAbstractNum `xml:"abstractNum"`
		Nums         []xmlNum         `xml:"num"`
	}
	xmlStyle struct {
		Type    string  `xml:"type,attr"`
		ID      string  `xml:"styleId,attr"`
		Default string  `xml:"default,attr"`
		BasedOn *xmlVal `xml:"basedOn"`
		PPr     *xmlPPr `xml:"pPr"`
	}
	xmlStyles struct {
		Styles []xmlStyle `xml:"style"`
	}
)

// listLevel is one level of a list as a paragraph of it is numbered.
type listLevel struct {
	defined bool
	start   int
	format  string // w:numFmt
	text    string // w:lvlText, "%1" standing for level 1's number
	restart int    // w:lvlRestart; -1 when absent
	style   string // the paragraph style bound to the level
	legal   bool   // w:isLgl: every number in decimal
	suffix  string // w:suff
}

// listInstance is a w:num: an abstract list with its level overrides.
type listInstance struct {
	abstract string // the abstract list whose counters it shares
	levels   [maxListLevels]listLevel
	// restarts marks the levels with a w:startOverride: the first
	// paragraph of the instance restarts them.
	restarts [maxListLevels]bool
}

// listCounters are the running numbers of an abstract list, shared by
// every w:num that refers to it.
type listCounters struct {
	value   [maxListLevels]int
	started [maxListLevels]bool
}

// numbering renders Word's automatic paragraph numbers while the
// document's paragraphs are read in order.
type numbering struct {
	instances    map[string]*listInstance
	styles       map[string]xmlStyle
	defaultStyle string
	counters     map[string]*listCounters
	seen         map[string]bool // w:num instances already used
}

// loadNumbering reads the list definitions and paragraph styles of a
// .docx. Both parts are optional: a missing, damaged or oversized part
// means no numbering, never an error. It returns nil when there is
// nothing to number with.
func loadNumbering(zr *zip.Reader) *numbering {
	var nx xmlNumbering
	if !readPartXML(zr, numberingPart, &nx) || len(nx.Nums) == 0 {
		return nil
	}
	n := &numbering{
		instances: map[string]*listInstance{},
		styles:    map[string]xmlStyle{},
		counters:  map[string]*listCounters{},
		seen:      map[string]bool{},
	}
	var sx xmlStyles
	if readPartXML(zr, stylesPart, &sx) {
		for _, s := range sx.Styles {
			if s.Type != "" && s.Type != "paragraph" && s.Type != "numbering" {
				continue
			}
			if _, dup := n.styles[s.ID]; !dup {
				n.styles[s.ID] = s
			}
			if s.Type == "paragraph" && isOn(s.Default) && n.defaultStyle == "" {
				n.defaultStyle = s.ID
			}
		}
	}
	abstracts := map[string]*xmlAbstractNum{}
	for i := range nx.AbstractNums {
		a := &nx.AbstractNums[i]
		if _, dup := abstracts[a.ID]; !dup {
			abstracts[a.ID] = a
		}
	}
	nums := map[string]*xmlNum{}
	for i := range nx.Nums {
		if _, dup := nums[nx.Nums[i].ID]; !dup {
			nums[nx.Nums[i].ID] = &nx.Nums[i]
		}
	}
	for id, num := range nums {
		if num.AbstractNumID == nil {
			continue
		}
		a := n.resolveAbstract(num.AbstractNumID.Val, abstracts, nums)
		if a == nil {
			continue
		}
		inst := &listInstance{abstract: a.ID}
		for _, l := range a.Levels {
			if i, ok := levelIndex(l.Ilvl); ok && !inst.levels[i].defined {
				inst.levels[i] = makeLevel(l)
			}
		}
		for _, o := range num.Overrides {
			i, ok := levelIndex(o.Ilvl)
			if !ok {
				continue
			}
			if o.Lvl != nil {
				inst.levels[i] = makeLevel(*o.Lvl)
			}
			if o.StartOverride != nil {
				inst.levels[i].start = intVal(o.StartOverride, 0)
				inst.restarts[i] = true
			}
		}
		n.instances[id] = inst
	}
	return n
}

// resolveAbstract follows w:numStyleLink, by which an abstract list
// defers to the list of a numbering style, to the list that holds the
// levels.
func (n *numbering) resolveAbstract(id string, abstracts map[string]*xmlAbstractNum, nums map[string]*xmlNum) *xmlAbstractNum {
	a := abstracts[id]
	for range maxStyleChain {
		if a == nil || a.NumStyleLink == nil || len(a.Levels) > 0 {
			return a
		}
		s, ok := n.styles[a.NumStyleLink.Val]
		if !ok || s.PPr == nil || s.PPr.NumPr == nil || s.PPr.NumPr.NumID == nil {
			return a
		}
		num := nums[s.PPr.NumPr.NumID.Val]
		if num == nil || num.AbstractNumID == nil {
			return a
		}
		a = abstracts[num.AbstractNumID.Val]
	}
	return a
}

// readPartXML decodes a part of the archive into v, under the cap that
// applies to document.xml. It reports whether the part was read whole.
func readPartXML(zr *zip.Reader, name string, v any) bool {
	var part *zip.File
	for _, f := range zr.File {
		if f.Name == name {
			part = f
			break
		}
	}
	if part == nil || part.UncompressedSize64 > maxDocumentXML {
		return false
	}
	rc, err := part.Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	lr := &cappedReader{r: rc, left: maxDocumentXML}
	d := xml.NewDecoder(lr)
	d.CharsetReader = charset.NewReaderLabel
	return d.Decode(v) == nil && !lr.exceeded
}

func makeLevel(l xmlLvl) listLevel {
	lv := listLevel{defined: true, start: intVal(l.Start, 0), format: "decimal", restart: -1}
	if l.NumFmt != nil && l.NumFmt.Val != "" {
		lv.format = l.NumFmt.Val
	}
	if l.LvlText != nil {
		lv.text = l.LvlText.Val
	}
	if l.LvlRestart != nil {
		lv.restart = intVal(l.LvlRestart, -1)
	}
	if l.PStyle != nil {
		lv.style = l.PStyle.Val
	}
	if l.IsLgl != nil {
		lv.legal = isOn(l.IsLgl.Val)
	}
	if l.Suff != nil {
		lv.suffix = l.Suff.Val
	}
	return lv
}

func levelIndex(s string) (int, bool) {
	i, err := strconv.Atoi(strings.TrimSpace(s))
	return i, err == nil && i >= 0 && i < maxListLevels
}

func intVal(v *xmlVal, def int) int {
	if v == nil {
		return def
	}
	i, err := strconv.Atoi(strings.TrimSpace(v.Val))
	if err != nil {
		return def
	}
	return i
}

// isOn reads an OOXML boolean attribute, present without a value or
// with one of the true spellings.
func isOn(s string) bool {
	switch s {
	case "", "1", "true", "on":
		return true
	}
	return false
}

// label advances the numbering for a paragraph with the given
// properties (nil when it has none) and returns the label Word shows
// before its text: "" for an unnumbered paragraph or a bullet.
func (n *numbering) label(p *xmlPPr) string {
	if n == nil {
		return ""
	}
	numID, ilvl, ok := n.paragraphList(p)
	if !ok {
		return ""
	}
	inst := n.instances[numID]
	if inst == nil || !inst.levels[ilvl].defined {
		return ""
	}
	c := n.counters[inst.abstract]
	if c == nil {
		c = &listCounters{}
		n.counters[inst.abstract] = c
	}
	if !n.seen[numID] {
		n.seen[numID] = true
		for i, r := range inst.restarts {
			if r {
				c.started[i] = false
			}
		}
	}
	if c.started[ilvl] {
		c.value[ilvl]++
	} else {
		c.value[ilvl] = inst.levels[ilvl].start
		c.started[ilvl] = true
	}
	for j := ilvl + 1; j < maxListLevels; j++ {
		// w:lvlRestart names, 1-based, the level whose use restarts
		// this one; 0 is never, and a level not above this one is
		// ignored in favour of the one just above.
		r := inst.levels[j].restart
		if r < 0 || r > j {
			r = j
		}
		if r > 0 && ilvl < r {
			c.started[j] = false
		}
	}
	lv := inst.levels[ilvl]
	if lv.format == "bullet" {
		return ""
	}
	var b strings.Builder
	text := lv.text
	for i := 0; i < len(text); i++ {
		if text[i] == '%' && i+1 < len(text) && text[i+1] >= '1' && text[i+1] <= '9' {
			k := int(text[i+1] - '1')
			i++
			if k > ilvl || !inst.levels[k].defined {
				continue
			}
			v := inst.levels[k].start
			if c.started[k] {
				v = c.value[k]
			}
			format := inst.levels[k].format
			if lv.legal {
				format = "decimal"
			}
			b.WriteString(formatNumber(v, format))
			continue
		}
		b.WriteByte(text[i])
	}
	if b.Len() > 0 && lv.suffix == "space" {
		b.WriteByte(' ')
	}
	return b.String()
}

// paragraphList returns the list and level of a paragraph: its own
// w:numPr, completed by those of its style and the styles that style is
// based on. A w:numId of 0 removes the numbering.
func (n *numbering) paragraphList(p *xmlPPr) (numID string, ilvl int, ok bool) {
	var (
		haveNum, haveLvl bool
		numStyle         string // the style the list came from
	)
	if p != nil && p.NumPr != nil {
		if p.NumPr.NumID != nil {
			numID, haveNum = strings.TrimSpace(p.NumPr.NumID.Val), true
		}
		if p.NumPr.Ilvl != nil {
			ilvl, haveLvl = intVal(p.NumPr.Ilvl, 0), true
		}
	}
	style := n.defaultStyle
	if p != nil && p.PStyle != nil {
		style = p.PStyle.Val
	}
	for range maxStyleChain {
		if haveNum && haveLvl {
			break
		}
		s, found := n.styles[style]
		if !found {
			break
		}
		if s.PPr != nil && s.PPr.NumPr != nil {
			if np := s.PPr.NumPr; np.NumID != nil && !haveNum {
				numID, haveNum, numStyle = strings.TrimSpace(np.NumID.Val), true, style
			}
			if np := s.PPr.NumPr; np.Ilvl != nil && !haveLvl {
				ilvl, haveLvl = intVal(np.Ilvl, 0), true
			}
		}
		if s.BasedOn == nil {
			break
		}
		style = s.BasedOn.Val
	}
	if !haveNum || numID == "" || numID == "0" {
		return "", 0, false
	}
	if !haveLvl && numStyle != "" {
		// A style that names a list but not a level takes the level
		// bound to it in the list, if any.
		if inst := n.instances[numID]; inst != nil {
			for i, lv := range inst.levels {
				if lv.defined && lv.style != "" && (lv.style == numStyle || lv.style == pStyleOf(p)) {
					ilvl = i
					break
				}
			}
		}
	}
	if ilvl < 0 || ilvl >= maxListLevels {
		return "", 0, false
	}
	return numID, ilvl, true
}

func pStyleOf(p *xmlPPr) string {
	if p == nil || p.PStyle == nil {
		return ""
	}
	return p.PStyle.Val
}

// formatNumber writes a list number in a w:numFmt. Formats Luoshi does
// not know are written in decimal, as are numbers a format cannot show.
func formatNumber(v int, format string) string {
	switch format {
	case "none":
		return ""
	case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand":
		if s, ok := cjkNumber(v, []rune("〇一二三四五六七八九"), []rune("十百千"), "万", true); ok {
			return s
		}
	case "chineseLegalSimplified":
		if s, ok := cjkNumber(v, []rune("零壹贰叁肆伍陆柒捌玖"), []rune("拾佰仟"), "万", false); ok {
			return s
		}
	case "ideographLegalTraditional":
		if s, ok := cjkNumber(v, []rune("零壹貳參肆伍陸柒捌玖"), []rune("拾佰仟"), "萬", false); ok {
			return s
		}
	case "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand":
		if v >= 0 {
			digits := []rune("〇一二三四五六七八九")
			var b strings.Builder
			for _, d := range strconv.Itoa(v) {
				b.WriteRune(digits[d-'0'])
			}
			return b.String()
		}
	case "ideographTraditional":
		if v >= 1 && v <= 10 {
			return string([]rune("甲乙丙丁戊己庚辛壬癸")[v-1])
		}
	case "ideographZodiac":
		if v >= 1 && v <= 12 {
			return string([]rune("子丑寅卯辰巳午未申酉戌亥")[v-1])
		}
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if v >= 1 && v <= 20 {
			return string(rune('①' + v - 1))
		}
	case "ideographEnclosedCircle":
		if v >= 1 && v <= 10 {
			return string(rune('㊀' + v - 1))
		}
	case "decimalEnclosedParen":
		if v >= 1 && v <= 20 {
			return string(rune('⑴' + v - 1))
		}
		return "(" + strconv.Itoa(v) + ")"
	case "decimalEnclosedFullstop":
		if v >= 1 && v <= 20 {
			return string(rune('⒈' + v - 1))
		}
		return strconv.Itoa(v) + "."
	case "decimalFullWidth", "decimalFullWidth2":
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r - '0' + '０'
			}
			return r
		}, strconv.Itoa(v))
	case "decimalZero":
		if v >= 0 && v < 10 {
			return "0" + strconv.Itoa(v)
		}
	case "upperLetter", "lowerLetter":
		if v >= 1 {
			base := 'A'
			if format == "lowerLetter" {
				base = 'a'
			}
			// Word goes on from Z to AA, BB, …
			return strings.Repeat(string(base+rune((v-1)%26)), (v-1)/26+1)
		}
	case "upperRoman", "lowerRoman":
		if v >= 1 && v < 4000 {
			s := roman(v)
			if format == "lowerRoman" {
				s = strings.ToLower(s)
			}
			return s
		}
	}
	return strconv.Itoa(v)
}

// cjkNumber writes v below 10^8 in Chinese numerals: 十一, 一百零一,
// 二万零五; digits[0] is written only for 0 itself. short drops the 一
// of a leading 一十, as counting does.
func cjkNumber(v int, digits, units []rune, wan string, short bool) (string, bool) {
	if v < 0 || v >= 100_000_000 {
		return "", false
	}
	if v == 0 {
		return string(digits[0]), true
	}
	section := func(b *strings.Builder, s int) {
		zero, started := false, false
		for i, div := range []int{1000, 100, 10, 1} {
			d := s / div % 10
			if d == 0 {
				zero = zero || started
				continue
			}
			if zero {
				b.WriteRune('零')
				zero = false
			}
			b.WriteRune(digits[d])
			if i < 3 {
				b.WriteRune(units[2-i])
			}
			started = true
		}
	}
	var b strings.Builder
	high, low := v/10000, v%10000
	if high > 0 {
		section(&b, high)
		b.WriteString(wan)
		if low > 0 && low < 1000 {
			b.WriteRune('零')
		}
	}
	if low > 0 {
		section(&b, low)
	}
	s := b.String()
	if lead := string(digits[1]) + string(units[0]); short && strings.HasPrefix(s, lead) {
		s = strings.TrimPrefix(s, string(digits[1]))
	}
	return s, true
}

func roman(v int) string {
	var b strings.Builder
	for _, p := range []struct {
		n int
		s string
	}{{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for v >= p.n {
			b.WriteString(p.s)
			v -= p.n
		}
	}
	return b.String()
}
