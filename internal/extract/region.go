package extract

import (
	"regexp"
	"strings"

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
var reCity = regexp.MustCompile(`^(?:(?:19|20)\d{2}年(?:度)?)?(?:[\p{Han}]{2,4}省)?([\p{Han}]{2,12}?自治州|[\p{Han}]{2,5}?(?:市|州|盟|地区)|[\p{Han}]{1,10}?(?:自治县|县|旗))`)

// findRegion names the province or city whose plan this is: from the
// title, the issuer, the document number, else the province the text
// names most often.
func findRegion(t *text, d plan.Document) string {
	for _, s := range []string{d.Title, d.Issuer} {
		if s == "" {
			continue
		}
		if p, ok := provinceIn(s); ok {
			// A city plan names its city right after the province, if at all.
			if m := reCity.FindStringSubmatch(strings.TrimPrefix(s, p.full)); m != nil && strings.HasPrefix(s, p.full) && !isProvinceName(m[1]) {
				return m[1]
			}
			return p.full
		}
		if m := reCity.FindStringSubmatch(s); m != nil && !isProvinceName(m[1]) && !strings.HasPrefix(m[1], "全") {
			return m[1]
		}
	}
	if d.DocNumber != "" {
		for _, p := range provinces {
			if strings.HasPrefix(d.DocNumber, p.abbr) && len([]rune(p.abbr)) == 1 {
				return p.full
			}
		}
	}
	// Count the provinces the text names; a full name weighs more.
	counts := make([]int, len(provinces))
	f := t.fold[:min(len(t.fold), 8000)] // the opening names the province if anywhere
	for i, r := range f {
		if !stemStart(r) {
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
	best, bestN := "", 0
	for k, n := range counts {
		if n > bestN {
			best, bestN = provinces[k].full, n
		}
	}
	if bestN >= 2 {
		return best
	}
	return ""
}

// stemStart is a quick test before the map: the stems all start with
// one of these runes.
func stemStart(r rune) bool {
	switch r {
	case '北', '天', '河', '山', '内', '辽', '吉', '黑', '上', '江', '浙', '安', '福', '湖', '广', '海', '重', '四', '贵', '云', '西', '陕', '甘', '青', '宁', '新':
		return true
	}
	return false
}

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
