package extract

import (
	"regexp"
	"strings"

	"luoshi/internal/plan"
)

// province is a provincial-level region: its full name, the stem used in
// running text, and the one-character abbreviation of its document numbers.
type province struct{ full, stem, abbr string }

var provinces = []province{
	{"北京市", "北京", "京"}, {"天津市", "天津", "津"}, {"河北省", "河北", "冀"}, {"山西省", "山西", "晋"},
	{"内蒙古自治区", "内蒙古", "内蒙"}, {"辽宁省", "辽宁", "辽"}, {"吉林省", "吉林", "吉"},
	{"黑龙江省", "黑龙江", "黑"}, {"上海市", "上海", "沪"}, {"江苏省", "江苏", "苏"}, {"浙江省", "浙江", "浙"},
	{"安徽省", "安徽", "皖"}, {"福建省", "福建", "闽"}, {"江西省", "江西", "赣"}, {"山东省", "山东", "鲁"},
	{"河南省", "河南", "豫"}, {"湖北省", "湖北", "鄂"}, {"湖南省", "湖南", "湘"}, {"广东省", "广东", "粤"},
	{"广西壮族自治区", "广西", "桂"}, {"海南省", "海南", "琼"}, {"重庆市", "重庆", "渝"}, {"四川省", "四川", "川"},
	{"贵州省", "贵州", "黔"}, {"云南省", "云南", "云"}, {"西藏自治区", "西藏", "藏"}, {"陕西省", "陕西", "陕"},
	{"甘肃省", "甘肃", "甘"}, {"青海省", "青海", "青"}, {"宁夏回族自治区", "宁夏", "宁"},
	{"新疆维吾尔自治区", "新疆", "新"},
}

// reCity finds a sub-provincial region at the head of a title or issuer:
// "杭州市2021年…", "2021年杭州市…".
var reCity = regexp.MustCompile(`^(?:(?:19|20)\d{2}年(?:度)?)?(?:[\p{Han}]{2,4}省)?([\p{Han}]{2,5}?(?:市|自治州|州|盟|地区))`)

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
	body := string(t.fold)
	best, bestN := "", 0
	for _, p := range provinces {
		n := 3*strings.Count(body, p.full) + strings.Count(body, p.stem)
		if n > bestN {
			best, bestN = p.full, n
		}
	}
	if bestN >= 2 {
		return best
	}
	return ""
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
