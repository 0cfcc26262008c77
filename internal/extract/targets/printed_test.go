package targets

import (
	"testing"

	"luoshi/internal/tradfold"
)

// A plan printed in traditional characters gives the targets its
// simplified twin gives, with text, unit and indicator as printed.
func TestTraditionalAsPrinted(t *testing.T) {
	type tg struct{ text, indicator, unit, cmp string }
	cases := []struct {
		in   string
		want []tg
	}{
		{"全年整合5000萬元資金用於發放惠民消費券。", []tg{{"全年整合5000萬元", "整合", "萬元", "="}}},
		{"新增城鎮就業崗位1.2萬個以上。", []tg{{"新增城鎮就業崗位1.2萬個以上", "新增城鎮就業崗位", "萬個", ">="}}},
		{"全市服務業營業收入突破20億元,同比增長8%以上。", []tg{
			{"全市服務業營業收入突破20億元", "服務業營業收入", "億元", ">="},
			{"同比增長8%以上", "服務業營業收入同比增長", "%", ">="},
		}},
		// the approximation splits the unit: 萬…人次
		{"培訓家政從業人員4萬餘人次。", []tg{{"培訓家政從業人員4萬餘人次", "培訓家政從業人員", "萬人次", ">="}}},
		{"主城區、縣城覆蓋率均達到95%。", []tg{
			{"主城區、縣城覆蓋率均達到95%", "主城區覆蓋率", "%", "="},
			{"主城區、縣城覆蓋率均達到95%", "縣城覆蓋率", "%", "="},
		}},
	}
	for _, c := range cases {
		got := Find(c.in, 2024)
		if len(got) != len(c.want) {
			t.Errorf("%s: %d targets, want %d: %+v", c.in, len(got), len(c.want), got)
			continue
		}
		simp, _ := tradfold.Runes([]rune(c.in))
		twin := Find(string(simp), 2024)
		for i, w := range c.want {
			g := got[i]
			if g.Text != w.text || g.Indicator != w.indicator || g.Unit != w.unit || g.Comparator != w.cmp {
				t.Errorf("%s: target %d = %q %q %q %s, want %q %q %q %s", c.in, i,
					g.Text, g.Indicator, g.Unit, g.Comparator, w.text, w.indicator, w.unit, w.cmp)
			}
			if len(twin) != len(got) || twin[i].Value != g.Value || twin[i].Start != g.Start || twin[i].End != g.End {
				t.Errorf("%s: target %d = %+v, the simplified text gives %+v", c.in, i, g, twin)
			}
		}
	}
}

// A text that mixes both scripts gets each word back as it is written
// where the target is: the unit under the number, not a spelling seen
// elsewhere.
func TestMixedScriptsAsPrinted(t *testing.T) {
	got := Find("引導企業投資5億元,新增貸款3亿元。", 2024)
	if len(got) != 2 || got[0].Unit != "億元" || got[1].Unit != "亿元" {
		t.Fatalf("targets = %+v, want units 億元 then 亿元", got)
	}
}
