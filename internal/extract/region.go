package extract

import (
	"slices"
	"strings"
	"unicode/utf8"

	"luoshi/internal/plan"
)

// province is a provincial-level region: its full name, the stem used in
// running text, and the one-character abbreviation of its document numbers.
type province struct {
	full, stem, abbr     string
	fullRunes, stemRunes []rune
}

// stemsByRune indexes provinces by the first rune of their stem.
var stemsByRune = func() map[rune][]int {
	m := map[rune][]int{}
	for k := range provinces {
		p := &provinces[k]
		p.fullRunes, p.stemRunes = []rune(p.full), []rune(p.stem)
		m[p.stemRunes[0]] = append(m[p.stemRunes[0]], k)
	}
	return m
}()

var provinces = []province{
	{full: "北京市", stem: "北京", abbr: "京"}, {full: "天津市", stem: "天津", abbr: "津"}, {full: "河北省", stem: "河北", abbr: "冀"}, {full: "山西省", stem: "山西", abbr: "晋"},
	{full: "内蒙古自治区", stem: "内蒙古", abbr: "内蒙"}, {full: "辽宁省", stem: "辽宁", abbr: "辽"}, {full: "吉林省", stem: "吉林", abbr: "吉"},
	{full: "黑龙江省", stem: "黑龙江", abbr: "黑"}, {full: "上海市", stem: "上海", abbr: "沪"}, {full: "江苏省", stem: "江苏", abbr: "苏"}, {full: "浙江省", stem: "浙江", abbr: "浙"},
	{full: "安徽省", stem: "安徽", abbr: "皖"}, {full: "福建省", stem: "福建", abbr: "闽"}, {full: "江西省", stem: "江西", abbr: "赣"}, {full: "山东省", stem: "山东", abbr: "鲁"},
	{full: "河南省", stem: "河南", abbr: "豫"}, {full: "湖北省", stem: "湖北", abbr: "鄂"}, {full: "湖南省", stem: "湖南", abbr: "湘"}, {full: "广东省", stem: "广东", abbr: "粤"},
	{full: "广西壮族自治区", stem: "广西", abbr: "桂"}, {full: "海南省", stem: "海南", abbr: "琼"}, {full: "重庆市", stem: "重庆", abbr: "渝"}, {full: "四川省", stem: "四川", abbr: "川"},
	{full: "贵州省", stem: "贵州", abbr: "黔"}, {full: "云南省", stem: "云南", abbr: "云"}, {full: "西藏自治区", stem: "西藏", abbr: "藏"}, {full: "陕西省", stem: "陕西", abbr: "陕"},
	{full: "甘肃省", stem: "甘肃", abbr: "甘"}, {full: "青海省", stem: "青海", abbr: "青"}, {full: "宁夏回族自治区", stem: "宁夏", abbr: "宁"},
	{full: "新疆生产建设兵团", stem: "兵团", abbr: "兵"}, {full: "新疆维吾尔自治区", stem: "新疆", abbr: "新"},
}

// reCity finds a sub-provincial region at the head of a title or issuer:
// "杭州市2021年…", "2021年杭州市…".
var reCity = mustRegex(`^(?:(?:19|20)\d{2}年(?:度)?)?(?:[\p{Han}]{2,4}省)?([\p{Han}]{2,12}?自治州|[\p{Han}]{2,5}?(?:市|州|盟|地区)|[\p{Han}]{1,10}?(?:自治县|县|旗))`)

// findRegion names the province, city or district whose plan this is:
// from the head of the title or the issuer, else a province either
// names, the document number, or the province the text names most
// often. It says where an inferred region came from.
func findRegion(t *text, d plan.Document) (string, string) {
	for _, s := range []string{d.Title, d.Issuer} {
		if s == "" {
			continue
		}
		if r, district := placeAtHead(s); r != "" {
			if district {
				// The issuer may print the city: "某市某区人民政府办公室".
				if full, d := placeAtHead(d.Issuer); !d && full != r && strings.HasSuffix(foldString(full), foldString(r)) {
					return full, ""
				}
				return districtCity(t, r)
			}
			return r, ""
		}
	}
	for _, s := range []string{d.Title, d.Issuer} {
		if p, ok := provinceIn(foldString(s)); ok && s != "" {
			return p.full, ""
		}
	}
	if d.DocNumber != "" {
		for _, p := range provinces {
			if strings.HasPrefix(d.DocNumber, p.abbr) && len([]rune(p.abbr)) == 1 {
				return p.full, "the document number"
			}
		}
	}
	if r := shortNamePlace(t); r != "" {
		return r, "the short place name the text uses (结合…实际)"
	}
	if p := mostNamedProvince(t); p >= 0 {
		return provinces[p].full, "the province the text names most often"
	}
	return "", ""
}

// shortNamePlace reads the place a plan names by its short name in
// "结合某地实际": a province's stem gives the province; another name gives
// the city, county or district the text prints in full ("某地市"), if any.
func shortNamePlace(t *text) string {
	f := t.fold[:min(len(t.fold), noticeWindow)]
	for i := runeIndex(f, "结合", 0); i >= 0; i = runeIndex(f, "结合", i+2) {
		j := i + 2
		for j < len(f) && j-i-2 < 5 && isHan(f[j]) && f[j] != '实' {
			j++
		}
		if j+1 >= len(f) || f[j] != '实' || f[j+1] != '际' || j-i-2 < 2 {
			continue
		}
		name := string(f[i+2 : j])
		if strings.ContainsAny(name, "我本全各省市县区") {
			continue // "结合我省实际", "结合本地实际"
		}
		for _, p := range provinces {
			if name == p.stem || name == p.full {
				return p.full
			}
		}
		for _, suf := range []string{"市", "县", "区", "州", "旗"} {
			if k := runeIndex(f, name+suf, 0); k >= 0 {
				return string(t.src[k : k+utf8.RuneCountInString(name)+1])
			}
		}
	}
	return ""
}

// mostNamedProvince is the province the opening of the text names at
// least twice and more often than any other (a full name weighs more),
// or -1.
func mostNamedProvince(t *text) int {
	counts := make([]int, len(provinces))
	f := t.fold[:min(len(t.fold), 8000)] // the opening names the province if anywhere
	for i, r := range f {
		if !stemStartRunes.mayHold(r) {
			continue
		}
		for _, k := range stemsByRune[r] {
			p := provinces[k]
			if runesAt(f, i, p.stemRunes) {
				counts[k]++
				if runesAt(f, i, p.fullRunes) {
					counts[k] += 2 // a full name weighs more
				}
			}
		}
	}
	best, bestN := -1, 0
	for k, n := range counts {
		if n > bestN {
			best, bestN = k, n
		}
	}
	if bestN >= 2 {
		return best
	}
	return -1
}

// municipalities are the provincial-level cities, whose districts are
// named after them directly ("上海市静安区").
var municipalities = []string{"北京市", "天津市", "上海市", "重庆市"}

// placeAtHead reads the place a title or issuer opens with: a province,
// a city, a district or county, with the places above it that are
// printed ("重庆市沙坪坝区", "杭州市"). district reports a district or
// county printed without its city.
func placeAtHead(s string) (place string, district bool) {
	src, fr := []rune(s), []rune(foldString(s))
	pos := 0
	// rest is the folded text from pos; take returns the source of the
	// next n bytes of rest and moves past them.
	rest := string(fr)
	take := func(n int) string {
		k := utf8.RuneCountInString(rest[:n])
		out := string(src[pos : pos+k])
		pos += k
		rest = rest[n:]
		return out
	}
	if m := reYearHead.FindString(rest); m != "" {
		take(len(m))
	}
	if strings.HasPrefix(rest, "中共") {
		take(len("中共")) // "中共某市委": the party committee of the city
	}
	prov := ""
	for _, p := range provinces {
		if strings.HasPrefix(rest, p.full) {
			prov = p.full
			take(len(p.full))
			break
		}
	}
	if prov == "" {
		for _, p := range provinces {
			if strings.HasPrefix(rest, p.stem) {
				prov = p.full
				take(len(p.stem))
				break
			}
		}
	}
	city := ""
	if m := reCity.FindStringSubmatchIndex(rest); m != nil {
		r := rest
		if c := r[m[2]:m[3]]; !isProvinceName(c) && !strings.HasPrefix(c, "全") && !strings.HasPrefix(c, "市") && !strings.HasPrefix(c, "省") {
			take(m[2])
			city = take(m[3] - m[2])
			take(m[1] - m[3])
		}
	}
	dist := ""
	if c := foldString(city); strings.HasSuffix(c, "县") || strings.HasSuffix(c, "旗") {
		city, dist = "", city // a county: reCity reads it as the place of the plan
	} else if m := districtAtHead(rest); m != "" {
		dist = take(len(m))
	}
	switch {
	case dist != "" && city != "":
		return city + dist, false
	case dist != "" && slices.Contains(municipalities, prov):
		return prov + dist, false
	case dist != "" && prov == "":
		return dist, true
	case city != "":
		return city, false
	}
	return prov, false
}

var reYearHead = mustRegex(`^(?:(?:19|20)\d{2}|[〇○零一二][〇○零一二三四五六七八九]{3})年(?:度)?`)

// reDistrict is a district or new area at the head of a name.
var reDistrict = mustRegex(`^[\p{Han}]{1,4}?(?:新区|区|自治县|县|旗)`)

// notDistrict are runes a district's name does not hold: those of
// parks, zones and communities ("城市社区", "开发区", "示范区") and of
// verbs that open a title ("推进…区").
const notDistrict = "社园景街片验聚业济矿灾校港税范贸发能林牧老市推进促加建全关于深化打造动展"

// districtAtHead is the district a folded name opens with, or "".
func districtAtHead(f string) string {
	m := reDistrict.FindString(f)
	if m == "" {
		return ""
	}
	name := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(m, "区"), "新"), "县"), "旗")
	if strings.ContainsAny(name, notDistrict) || name == "" {
		return ""
	}
	return m
}

// cityStop are runes that end a phrase before a city's name.
const cityStop = "为在和与及对把将快进全于的是至到由省"

// districtCity puts a district's city in front of it: as the text
// prints it before the district ("某市某区"), else the provincial-level
// city the text names.
func districtCity(t *text, dist string) (string, string) {
	f := t.fold[:min(len(t.fold), noticeWindow)]
	fd := foldString(dist)
	d := []rune(fd)
	for i := runeIndex(f, fd, 0); i >= 0; i = runeIndex(f, fd, i+len(d)) {
		if i == 0 || f[i-1] != '市' {
			continue
		}
		// The city's name: the Han runes before 市, up to a word that
		// opens a phrase ("为加快东陵市南屏区…").
		s := i - 1
		for s > 0 && i-1-s < 4 && isHan(f[s-1]) && !strings.ContainsRune(cityStop, f[s-1]) {
			s--
		}
		if runesAt(f, s, []rune("中共")) {
			s += 2 // "中共某市某区委": the party committee of the district
		}
		if i-1-s >= 2 {
			return string(t.src[s:i]) + dist, ""
		}
	}
	// A district of a provincial-level city: the city the text names most.
	if p := mostNamedProvince(t); p >= 0 && slices.Contains(municipalities, provinces[p].full) {
		return provinces[p].full + dist, "the city the text names most often"
	}
	return dist, ""
}

// stemStartRunes are the first runes of the provinces' stems: a bit for
// each, tested before the map, is cheaper than a switch most runes fail.
var stemStartRunes = func() *runeSet {
	var first []rune
	for _, p := range provinces {
		first = append(first, []rune(p.stem)[0])
	}
	return newRuneSet(string(first))
}()

func provinceIn(s string) (province, bool) {
	for _, p := range provinces {
		if strings.Contains(s, p.full) {
			return p, true
		}
	}
	for _, p := range provinces {
		if strings.Contains(s, p.stem) {
			return p, true
		}
	}
	return province{}, false
}

func isProvinceName(s string) bool {
	for _, p := range provinces {
		if s == p.full || s == p.stem {
			return true
		}
	}
	return false
}
