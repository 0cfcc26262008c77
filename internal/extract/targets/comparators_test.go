package targets

import (
	"testing"

	"luoshi/internal/plan"
)

// TestComparatorWords holds one sentence for every word of the genre that
// sets a target's comparator, range or unit, and checks the one target it
// states.
func TestComparatorWords(t *testing.T) {
	tests := []struct {
		word, text string
		cmp        string
		value, max float64 // max 0: no range
		unit       string
	}{
		{"达到", "全县快递业务量达到3.6亿件。", plan.Equal, 3.6, 0, "亿件"},
		{"达", "星级酒店入住率达65%。", plan.Equal, 65, 0, "%"},
		{"超过", "电商交易额超过480亿元。", plan.AtLeast, 480, 0, "亿元"},
		{"突破", "接待游客人数突破1500万人次。", plan.AtLeast, 1500, 0, "万人次"},
		{"不少于", "新增城市书房不少于12个。", plan.AtLeast, 12, 0, "个"},
		{"不低于", "中心城区绿化覆盖率不低于42%。", plan.AtLeast, 42, 0, "%"},
		{"以上", "培育限上商贸企业60家以上。", plan.AtLeast, 60, 0, "家"},
		{"力争…以上", "力争服务业增加值增长6.5%以上。", plan.AtLeast, 6.5, 0, "%"},
		{"力争", "力争引进外资项目25个。", plan.Equal, 25, 0, "个"},
		{"左右", "社会消费品零售总额增长7%左右。", plan.About, 7, 0, "%"},
		{"约", "新建改建农贸市场约40个。", plan.About, 40, 0, "个"},
		{"控制在…以内", "城镇登记失业率控制在4%以内。", plan.AtMost, 4, 0, "%"},
		{"控制在", "单位地区生产总值能耗控制在0.42吨标准煤。", plan.AtMost, 0.42, 0, "吨标准煤"},
		{"下降至", "物流总费用与生产总值的比率下降至13.5%。", plan.AtMost, 13.5, 0, "%"},
		{"压减至", "项目审批时限压减至30个工作日。", plan.AtMost, 30, 0, "个工作日"},
		{"不高于", "空置率不高于8%。", plan.AtMost, 8, 0, "%"},
		{"不超过", "企业开办时间不超过1个工作日。", plan.AtMost, 1, 0, "个工作日"},
		{"以下", "重大安全事故发生率降低到0.5%以下。", plan.AtMost, 0.5, 0, "%"},
		{"稳定在", "粮食播种面积稳定在560万亩。", plan.Equal, 560, 0, "万亩"},
		{"稳定在…以上", "规上服务业企业数量稳定在900家以上。", plan.AtLeast, 900, 0, "家"},
		{"提高到", "数字经济核心产业增加值占比提高到11%。", plan.Equal, 11, 0, "%"},
		{"提升至", "城市居民服务满意度提升至92%。", plan.Equal, 92, 0, "%"},
		{"由X提高到Y", "常住人口城镇化率由58.2%提高到62%。", plan.Equal, 62, 0, "%"},
		{"从X增加到Y", "养老床位从1.2万张增加到1.6万张。", plan.Equal, 1.6, 0, "万张"},
		{"增长", "批发业销售额增长9%。", plan.Equal, 9, 0, "%"},
		{"年均增长", "服务业增加值年均增长7.5%。", plan.Equal, 7.5, 0, "%"},
		{"同比增长", "快递业务收入同比增长12%。", plan.Equal, 12, 0, "%"},
		{"新增", "新增规上服务业企业150家。", plan.Equal, 150, 0, "家"},
		{"累计", "累计建成一刻钟便民生活圈45个。", plan.Equal, 45, 0, "个"},
		{"培育", "培育省级服务业集聚区8家。", plan.Equal, 8, 0, "家"},
		{"建成", "建成乡镇快递物流综合服务站110个。", plan.Equal, 110, 0, "个"},
		{"余", "组织260余家企业参加展会。", plan.AtLeast, 260, 0, "家"},
		{"个百分点", "服务业增加值占比提高1.5个百分点。", plan.Equal, 1.5, 0, "个百分点"},
		{"万平方米", "改造提升商业街区面积35万平方米。", plan.Equal, 35, 0, "万平方米"},
		{"range with —", "全年服务业增加值增长7.5%—8%。", plan.Equal, 7.5, 8, "%"},
		{"range with -", "每个县建设1-3家区域性冷链集配中心。", plan.Equal, 1, 3, "家"},
		{"range with 至", "新创建省级示范街区3至5个。", plan.Equal, 3, 5, "个"},
		{"range with ～", "每年举办会展活动10～15场。", plan.Equal, 10, 15, "场"},
		{"Han numeral 两个", "新建两个区域物流分拨中心。", plan.Equal, 2, 0, "个"},
		{"Han numeral 三家", "培育三家国家级服务型制造示范企业。", plan.Equal, 3, 0, "家"},
		{"Han numeral 十个", "打造十个特色商业街区。", plan.Equal, 10, 0, "个"},
		{"Han numeral range", "建设五至八个社区嵌入式服务中心。", plan.Equal, 5, 8, "个"},
		// printed in traditional characters: read alike, returned as printed
		{"達到", "旅遊總收入達到350億元。", plan.Equal, 350, 0, "億元"},
		{"不低於", "綠化覆蓋率不低於42%。", plan.AtLeast, 42, 0, "%"},
		{"控制在…以內", "城鎮登記失業率控制在4%以內。", plan.AtMost, 4, 0, "%"},
		{"突破 萬人次", "接待遊客突破3200萬人次。", plan.AtLeast, 3200, 0, "萬人次"},
		{"個百分點", "服務業佔比提高1.5個百分點。", plan.Equal, 1.5, 0, "個百分點"},
		{"兩個", "新建兩個區域物流分撥中心。", plan.Equal, 2, 0, "個"},
		{"穩定在…以上", "規上企業數量穩定在900家以上。", plan.AtLeast, 900, 0, "家"},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			res := Find(tt.text, 2025)
			if len(res) != 1 {
				t.Fatalf("Find(%q) = %+v, want one target", tt.text, res)
			}
			g := res[0]
			gmax := 0.0
			if g.ValueMax != nil {
				gmax = *g.ValueMax
			}
			if g.Comparator != tt.cmp || g.Value != tt.value || gmax != tt.max || g.Unit != tt.unit {
				t.Errorf("Find(%q) = %s %v-%v %s, want %s %v-%v %s", tt.text,
					g.Comparator, g.Value, gmax, g.Unit, tt.cmp, tt.value, tt.max, tt.unit)
			}
		})
	}
}
