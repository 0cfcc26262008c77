package units

import "strings"

// collectiveWords begin the part of a name that stands for several
// bodies: 各市人民政府, 有关部门, 相关县区政府, 其他成员单位.
var collectiveWords = []string{"各", "有关", "相关", "其他", "其它"}

// collectiveLead ends what may come before those words: a region or a
// level of government (东川省, 省直, 市级, 各州 …).
var collectiveLead = []string{"省", "市", "县", "区", "州", "盟", "旗", "直", "级"}

// LooksCollective reports whether a name as written stands for several
// units rather than one: 各市人民政府, 各县区政府, 省直有关部门, 各有关部门,
// 服务业发展领导小组成员单位. Such a name is assigned to its member units
// once they are known; the registry expands those it lists (see Resolve),
// the office the others. A list of named bodies (商务部等有关部门) is not one
// collective but several mentions, and is not reported here.
func LooksCollective(name string) bool {
	n := normalize(name)
	if n == "" {
		return false
	}
	if strings.HasSuffix(n, "成员单位") {
		return true
	}
	for _, w := range collectiveWords {
		i := strings.Index(n, w)
		if i < 0 || len(n) == i+len(w) {
			continue
		}
		lead := []rune(n[:i])
		if len(lead) == 0 {
			return true
		}
		if len(lead) > 8 {
			continue
		}
		for _, l := range collectiveLead {
			if strings.HasSuffix(string(lead), l) {
				return true
			}
		}
	}
	return false
}
