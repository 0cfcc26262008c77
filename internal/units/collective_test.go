package units

import "testing"

func TestLooksCollective(t *testing.T) {
	for _, c := range []struct {
		name string
		want bool
	}{
		{"各市人民政府", true},
		{"各市州人民政府", true},
		{"各县区政府", true},
		{"各有关部门", true},
		{"有关部门", true},
		{"相关市人民政府", true},
		{"省直有关部门", true},
		{"市直各部门", true},
		{"东川省各市州人民政府", true},
		{"省服务业发展领导小组各成员单位", true},
		{"省服务业发展联席会议成员单位", true},
		{"其他成员单位", true},
		{"省发展改革委", false},
		{"省商务厅", false},
		{"各", false},
		{"市场监管总局等和各有关省级人民政府", false},
		{"中国人民银行东川省分行", false},
		{"", false},
	} {
		if got := LooksCollective(c.name); got != c.want {
			t.Errorf("LooksCollective(%q) = %v, want %v", c.name, got, c.want)
		}
	}
}
