package targets

import (
	"fmt"
	"testing"
	"unicode/utf8"

	"luoshi/internal/plan"
)

// want is the part of a target a table row checks.
type want struct {
	value float64
	max   float64 // 0 when the target is not a range
	unit  string
	cmp   string
	year  int
}

func (w want) String() string {
	if w.max != 0 {
		return fmt.Sprintf("%v-%v%s %s %d", w.value, w.max, w.unit, w.cmp, w.year)
	}
	return fmt.Sprintf("%v%s %s %d", w.value, w.unit, w.cmp, w.year)
}

func got(t plan.Target) want {
	w := want{value: t.Value, unit: t.Unit, cmp: t.Comparator, year: t.Year}
	if t.ValueMax != nil {
		w.max = *t.ValueMax
	}
	return w
}

func TestFind(t *testing.T) {
	tests := []struct {
		name string
		text string
		year int
		want []want
	}{
		{"level with 达到", "2023年，全市快递业务量达到12亿件。", 0, []want{{12, 0, "亿件", "=", 2023}}},
		{"area in ten thousand square metres", "新增城市公共绿地120万平方米，建成区绿地率达到40%以上。", 2023,
			[]want{{120, 0, "万平方米", "=", 2023}, {40, 0, "%", ">=", 2023}}},
		{"kilometres as object", "年内新建改建农村公路1500公里。", 2021, []want{{1500, 0, "公里", "=", 2021}}},
		{"kilowatts and kilowatt hours", "新增光伏装机容量80万千瓦，全社会用电量控制在3200万千瓦时以内。", 2022,
			[]want{{80, 0, "万千瓦", "=", 2022}, {3200, 0, "万千瓦时", "<=", 2022}}},
		{"hundred million person-times", "到2025年，全省接待游客突破8.5亿人次，旅游收入约1.2万亿元。", 0,
			[]want{{8.5, 0, "亿人次", ">=", 2025}, {1.2, 0, "万亿元", "~", 2025}}},
		{"times", "到2027年，数字经济核心产业增加值较2020年增长1.5倍。", 0, []want{{1.5, 0, "倍", "=", 2027}}},
		{"Chinese count after its object", "培育省级工业互联网平台十个，新增多式联运示范工程两个。", 2022,
			[]want{{10, 0, "个", "=", 2022}, {2, 0, "个", "=", 2022}}},
		{"Chinese range", "创建国家级旅游度假区三至五个，创建三至五个省级旅游休闲街区。", 2022,
			[]want{{3, 5, "个", "=", 2022}, {3, 5, "个", "=", 2022}}},
		{"plan money beside a reward rule", "市级专项资金安排2亿元，对新纳入企业给予5万元一次性奖励。", 2022,
			[]want{{2, 0, "亿元", "=", 2022}}},
		{"recovery against an earlier year", "全年接待游客恢复到2019年的80%。", 2023, []want{{80, 0, "%", "=", 2023}}},
		{"comparator over a share phrase", "新增服务业用地不低于全市新增建设用地的20%。", 2023, []want{{20, 0, "%", ">=", 2023}}},
		{"money beside a tax rule in another clause", "落实研发费用加计扣除政策，全年减税降费50亿元以上。", 2022,
			[]want{{50, 0, "亿元", ">=", 2022}}},
		{"norms and rates are not targets", "物流用地按工业用地出让最低价标准的70%执行。每张床位支持2万元。按每3万人配置1辆救护车的标准配备急救车辆。新建居住区按照每千人不少于10个托位的标准配套建设托育设施。每年开展1次评估。", 2022, nil},
		{"a fund set up by the plan", "设立规模10亿元的引导基金，每年安排不少于2亿元支持重点项目。", 2022,
			[]want{{10, 0, "亿元", "=", 2022}, {2, 0, "亿元", ">=", 0}}},
		{"a past fact then the target in one sentence", "2020年全省铁水联运量为15万标箱，到2023年铁水联运量达到30万标箱，年均增长20%以上。", 2021,
			[]want{{30, 0, "万标箱", "=", 2023}, {20, 0, "%", ">=", 2023}}},
		{"life expectancy", "人均预期寿命达到78.2岁，0—3岁婴幼儿托位数达到4.5个。", 2025, []want{{78.2, 0, "岁", "=", 2025}, {4.5, 0, "个", "=", 2025}}},
		{"years paired with values", "2023年、2024年分别达到150万标箱、175万标箱。", 2022,
			[]want{{150, 0, "万标箱", "=", 2023}, {175, 0, "万标箱", "=", 2024}}},
		{"compound count unit", "全年举办各级各类体育赛事500项次。", 2022, []want{{500, 0, "项次", "=", 2022}}},
		{"events every year hold for no single year", "每年举办夜间消费活动30场以上，每季度召开1次调度会。", 2022, []want{{30, 0, "场", ">=", 0}}},
		{"the coming years hold for no single year", "带动未来五年服务业投资500亿元以上，年内新增规上企业80家。", 2022,
			[]want{{500, 0, "亿元", ">=", 0}, {80, 0, "家", "=", 2022}}},
		{"average annual growth of a list", "三水港、北滘港集装箱吞吐量年均增长10%。", 2022, []want{{10, 0, "%", "=", 2022}}},
		{"every year after a horizon", "到2025年技术合同成交额达到4000亿元，每年新增孵化器20家以上。", 0,
			[]want{{4000, 0, "亿元", "=", 2025}, {20, 0, "家", ">=", 0}}},
		{"no number", "城乡居民人均可支配收入增速不低于全国平均水平。", 2023, nil},
		{"percentage points", "服务业增加值占比提高5个百分点以上。", 2024, []want{{5, 0, "个百分点", ">=", 2024}}},
		{"doubling is not a number", "科技服务业营业收入翻一番。", 2024, nil},
		{"Chinese numerals after an action", "年内建成三个区域性物流枢纽和五个县级电商服务中心。", 2021,
			[]want{{3, 0, "个", "=", 2021}, {5, 0, "个", "=", 2021}}},
		{"Chinese numerals in a description", "围绕“两个率先”目标，坚持三个统筹，推进四大工程。", 2021, nil},
		{"bare hundred million", "到2026年，全省快递业务量突破50亿，地区生产总值达到1.2万亿。", 0,
			[]want{{50, 0, "亿", ">=", 2026}, {1.2, 0, "万亿", "=", 2026}}},
		{"bare ten thousand before the people counted", "新增20万高校毕业生留省就业，推动城镇贫困人口减少3万以上。", 2024,
			[]want{{20, 0, "万", "=", 2024}, {3, 0, "万", ">=", 2024}}},
		{"a name in numerals is no bare count", "实施“百万英才”计划，建设5万平方米孵化载体。", 2024, []want{{5, 0, "万平方米", "=", 2024}}},
		{"people trained after 面向", "面向2万名家政从业人员开展技能培训，面向5个行业开展试点。", 2024, []want{{2, 0, "万名", "=", 2024}}},
		{"rate of support over two clauses", "按设备投资额的20%，给予一次性补助。按照不超过10%给予奖补。按计划完成投资30亿元。", 2024,
			[]want{{30, 0, "亿元", "=", 2024}}},
		{"eligibility bound", "对从业人员200人（含）以下的小微企业，按其上年度缴纳失业保险费的50%返还。", 2024, nil},
		{"standardised is no norm", "建设300个统一配送的标准化菜市场。", 2024, []want{{300, 0, "个", "=", 2024}}},
		{"partners and selections are no commitment", "推动园区与20个重点产业集群深度对接，在50个重点镇中选择试点。", 2024, nil},
		{"partners to win are a commitment", "力争与10个国家建立友好城市关系。", 2024, []want{{10, 0, "个", "=", 2024}}},
		{"count in a list after a scope verb", "围绕重点产业和30个特色产业集群需求开展服务。", 2024, nil},
		{"rates qualifying a count", "培育8个电商渗透率提升10%以上、网络零售额增长15%以上的数字商贸集群。", 2024, []want{{8, 0, "个", "=", 2024}}},
		{"a count then other targets", "引导5万家企业上云，关键环节数字化比例达到60%，平台成为转型升级的重要支撑。", 2024,
			[]want{{5, 0, "万家", "=", 2024}, {60, 0, "%", "=", 2024}}},
		{"the plan's own programme", "2024年在全省继续实施20项民生工程，重点组织实施十二项5G融合应用工程，实施30个社区幸福工程。", 0,
			[]want{{30, 0, "个", "=", 2024}}},
		{"what a rule allows", "企业可在投产后连续3年每年从营业利润中提取不低于5%用于研发，可再生能源装机达到500万千瓦。", 2024,
			[]want{{500, 0, "万千瓦", "=", 2024}}},
		{"stock per hectare", "单位面积森林蓄积量达到150立方米/公顷。", 2030, []want{{150, 0, "立方米/公顷", "=", 2030}}},
		{"prices and fees are no targets", "停车收费标准为每小时5元，公交票价为2元/人次，居民用水每立方米3.5元。每年安排2亿元支持公交发展。", 2024,
			[]want{{2, 0, "亿元", "=", 0}}},
		{"range with wavy dash", "每个设区市打造1～2个现代服务业集聚示范区。", 2022, []want{{1, 2, "个", "=", 2022}}},
		{"range with 至", "新认定省级服务业创新发展区3至5家。", 2022, []want{{3, 5, "家", "=", 2022}}},
		{"per ten thousand people", "每万人口拥有3岁以下婴幼儿托位数达到3.5个。", 2025, []want{{3.5, 0, "个", "=", 2025}}},
		{"time bound kept, service hours dropped", "企业开办时间压缩至1个工作日以内，推行24小时自助服务。", 2022,
			[]want{{1, 0, "个工作日", "<=", 2022}}},
		{"baseline dropped", "工程建设项目审批时间由100个工作日压减至60个工作日。", 2022, []want{{60, 0, "个工作日", "<=", 2022}}},
		{"subsidy rule dropped", "对新认定的国家级服务业示范企业一次性给予50万元奖励。", 2022, nil},
		{"document reference dropped", "落实《关于加快发展现代服务业的意见》（粤府〔2021〕18号）要求，出台12项政策措施。", 2021, nil},
		{"names dropped", "推进5G+工业互联网，建设“1+N”平台体系，办好第五届服务贸易博览会。", 2021, nil},
		{"ratio dropped", "按照3:3:4比例分担风险，担保费率不超过1.5%。", 2022, []want{{1.5, 0, "%", "<=", 2022}}},
		{"ages dropped", "为60岁以上老年人提供服务，培训养老护理员5000人次。", 2022, []want{{5000, 0, "人次", "=", 2022}}},
		{"scope counts dropped", "聚焦8个重点产业，针对餐饮、住宿等6个行业实施纾困。", 2022, nil},
		{"year carries, past year is history", "2021年全省完成投资3000亿元。2023年，力争完成投资3500亿元左右。", 2023,
			[]want{{3500, 0, "亿元", "~", 2023}}},
		{"already reached is history", "全省已建成5G基站6万个，年内新建2万个。", 2022, []want{{2, 0, "万个", "=", 2022}}},
		{"list with shared comparator", "全年实现社会消费品零售总额、进出口总额分别增长6%、8%以上。", 2023,
			[]want{{6, 0, "%", ">=", 2023}, {8, 0, "%", ">=", 2023}}},
		{"shared subject", "城市、农村社区综合服务设施覆盖率均达到90%。", 2023,
			[]want{{90, 0, "%", "=", 2023}, {90, 0, "%", "=", 2023}}},
		{"full-width digits and percent", "物流企业数量增长１０％左右。", 2023, []want{{10, 0, "%", "~", 2023}}},
		{"thousands separator", "新增就业岗位1,200个。", 2023, []want{{1200, 0, "个", "=", 2023}}},
		{"more than", "组织300余家企业参展。", 2023, []want{{300, 0, "家", ">=", 2023}}},
		{"ranks dropped", "力争进入全国前10名。", 2023, nil},
		{"date dropped", "于2023年6月30日前完成。", 2023, nil},
		{"as-of sentence is history", "截至2022年底，全省共有A级景区500家，其中5A级景区10家。", 2023, nil},
		{"since is history", "“十四五”以来，服务业增加值年均增长7.8%。", 2023, nil},
		{"last year as base is kept", "全年旅游收入比上年增长15%。", 2023, []want{{15, 0, "%", "=", 2023}}},
		{"last year as fact is dropped", "上年全省限额以上住宿企业达到1200家。", 2023, nil},
		{"names with letters", "新增国家4A级以上旅游景区10家，PM2.5平均浓度下降至30微克/立方米。", 2023,
			[]want{{10, 0, "家", "=", 2023}, {30, 0, "微克/立方米", "<=", 2023}}},
		{"unemployment bound", "城镇调查失业率控制在5.5%以内。", 2023, []want{{5.5, 0, "%", "<=", 2023}}},
		{"about", "新增规模以上服务业企业约300家。", 2023, []want{{300, 0, "家", "~", 2023}}},
		{"percent range", "物流成本年均下降3%—5%。", 2023, []want{{3, 5, "%", "=", 2023}}},
		{"qualifier dropped", "培育营业收入超50亿元的服务业龙头企业20家。", 2023, []want{{20, 0, "家", "=", 2023}}},
		{"population qualifier dropped", "支持10万人口以上的县城建设城乡配送中心8个。", 2023, []want{{8, 0, "个", "=", 2023}}},
		{"goal after 的 kept", "实现快递进村覆盖率90%的目标。", 2023, []want{{90, 0, "%", "=", 2023}}},
		{"class dropped", "打造3个1000亿元级现代服务业集群。", 2023, []want{{3, 0, "个", "=", 2023}}},
		{"approximate multiplier", "全年接待游客4万余人次。", 2023, []want{{4, 0, "万人次", ">=", 2023}}},
		{"end of five-year plan", "到“十四五”末，全省物流园区达到60个。", 0, []want{{60, 0, "个", "=", 2025}}},
		{"five-year plan as base", "数量较“十三五”末增长30%。", 0, []want{{30, 0, "%", "=", 0}}},
		{"Chinese count of percentage points", "居民服务消费占比提高两个百分点。", 2024, []want{{2, 0, "个百分点", "=", 2024}}},
		{"share qualifier kept", "实现85%以上的建制村快递直达。", 2023, []want{{85, 0, "%", ">=", 2023}}},
		{"radius dropped", "城市建成区5公里范围内充电设施全覆盖，新建公共充电桩1.5万个。", 2023,
			[]want{{1.5, 0, "万个", "=", 2023}}},
		{"trains", "中欧班列开行1000列以上。", 2023, []want{{1000, 0, "列", ">=", 2023}}},
		{"share of a former level", "国际旅客吞吐量恢复至疫情前70%。", 2023, []want{{70, 0, "%", "=", 2023}}},
		{"share subsidy dropped", "对符合条件的项目按贷款利息的50%给予贴息。", 2023, nil},
		{"tax rule dropped", "减按15%的税率征收企业所得税。", 2023, nil},
		{"support ceiling dropped", "对新建冷链项目最高支持300万元。", 2023, nil},
		{"frequency dropped", "联席会议每季度召开1次，年内举办招商活动20场次。", 2023, []want{{20, 0, "场次", "=", 2023}}},
		{"starting level dropped", "城镇从业人员占比从2022年的45%提高到48%。", 2023, []want{{48, 0, "%", "=", 2023}}},
		{"从业 is no baseline", "服务业从业人员占比达到50%。", 2023, []want{{50, 0, "%", "=", 2023}}},
		{"year of account is no history", "发布2022年度服务业发展报告，年内新增规上服务业企业300家。", 2023,
			[]want{{300, 0, "家", "=", 2023}}},
		{"abstract counts dropped", "着力推进三个转变，加快建设两个中心。", 2023, []want{{2, 0, "个", "=", 2023}}},
		{"share of tasks kept", "力争年底前完成80%的任务。", 2023, []want{{80, 0, "%", "=", 2023}}},
		{"at least before the verb", "每个县（市、区）至少建成1个县级综合养老服务中心。", 2023, []want{{1, 0, "个", ">=", 2023}}},
		{"explained name dropped", "实施“131”工程：即1个核心区、3个片区、1条产业带。", 2023, nil},
		{"grain", "粮食产量稳定在1100亿斤以上。", 2023, []want{{1100, 0, "亿斤", ">=", 2023}}},
		{"分别为 list", "网络零售额、农村网络零售额增速分别为10%、15%。", 2023,
			[]want{{10, 0, "%", "=", 2023}, {15, 0, "%", "=", 2023}}},
		{"Chinese hundred", "年内建成一百个村级电商服务站。", 2023, []want{{100, 0, "个", "=", 2023}}},
		{"past plan period is history", "“十三五”期间，服务业增加值年均增长8.2%。今年增长6%。", 2021,
			[]want{{6, 0, "%", "=", 2021}}},
		{"reward scale dropped", "对年营业收入首次突破1亿元、5亿元、10亿元的企业，分别给予20万元、50万元、100万元奖励。", 2022, nil},
		{"Chinese multiple", "快递业务量增长两倍。", 2023, []want{{2, 0, "倍", "=", 2023}}},
		{"works, products, loans and sessions", "创作精品剧目10部，推出文创产品200款，发放创业担保贷款3000笔，举办家政培训班40期。", 2025,
			[]want{{10, 0, "部", "=", 2025}, {200, 0, "款", "=", 2025}, {3000, 0, "笔", "=", 2025}, {40, 0, "期", "=", 2025}}},
		{"containers and declarations", "集装箱吞吐量达到300万TEU，报关单量达到50万票。", 2025,
			[]want{{300, 0, "万TEU", "=", 2025}, {50, 0, "万票", "=", 2025}}},
		{"a unit that starts a word", "联合14部委出台细则，组织50单位参加，推进物流园二期，年内建成3个冷链中心。", 2025,
			[]want{{3, 0, "个", "=", 2025}}},
		{"multiplier at both ends of a range", "新增城镇就业3万—5万人，引导基金规模达到10亿-20亿元。", 2025,
			[]want{{3, 5, "万人", "=", 2025}, {10, 20, "亿元", "=", 2025}}},
		{"unit at both ends of a range", "全年完成投资50亿元—80亿元。", 2025, []want{{50, 80, "亿元", "=", 2025}}},
		{"class of the things counted", "培育年营业收入超10亿元企业20家，引进投资1亿元以上重点项目30个。", 2025,
			[]want{{20, 0, "家", "=", 2025}, {30, 0, "个", "=", 2025}}},
		{"money for a count is no class", "全年安排资金2亿元支持示范项目30个。", 2025,
			[]want{{2, 0, "亿元", "=", 2025}, {30, 0, "个", "=", 2025}}},
		{"即 in other words", "培育即时零售平台3家，立即建成5个站点，即将新增10个网点。", 2025,
			[]want{{3, 0, "家", "=", 2025}, {5, 0, "个", "=", 2025}, {10, 0, "个", "=", 2025}}},
		{"base of a rate of support", "每引进1名高端人才给予10万元安家补贴，每年新增高端人才20名。", 2025,
			[]want{{20, 0, "名", "=", 0}}},
		{"what exists is no target", "全县现有A级旅游景区12家，年内新增3家。目前全市共有规上企业860家。近三年，全市年均新增市场主体3万户。", 2025,
			[]want{{3, 0, "家", "=", 2025}}},
		{"existing things to work on", "改造提升现有农贸市场30个，年内现有20种慢性病签约服务全覆盖。", 2025,
			[]want{{30, 0, "个", "=", 2025}, {20, 0, "种", "=", 2025}}},
		{"counts of visits", "开展执法检查200家次，培训业务骨干2000个次。", 2025,
			[]want{{200, 0, "家次", "=", 2025}, {2000, 0, "个次", "=", 2025}}},
		{"a stay lengthened", "过夜游客人均停留时间延长至2.5天，提供24小时咨询服务。", 2025, []want{{2.5, 0, "天", "=", 2025}}},
		{"more than a Chinese count", "年内建成二十余个社区服务中心，培育十多家龙头企业。", 2025,
			[]want{{20, 0, "个", ">=", 2025}, {10, 0, "家", ">=", 2025}}},
		{"Chinese range from one", "打造一至两个特色街区，建成一个物流中心。", 2025, []want{{1, 2, "个", "=", 2025}}},
		{"bounds of size", "对从业人员300人以下的小微企业实行简易注销，支持床位100张以上的养老机构开展医养结合。", 2025, nil},
		{"counts with 以上的", "培育30家以上的龙头企业，推动100家以上的企业上云，建成10个左右的示范区。", 2025,
			[]want{{30, 0, "家", ">=", 2025}, {100, 0, "家", ">=", 2025}, {10, 0, "个", "~", 2025}}},
		{"a rate classing a count", "培育规模以上服务业企业中营业收入增长30%以上的企业20家。", 2025, []want{{20, 0, "家", "=", 2025}}},
		{"a budget for grants", "市财政安排专项资金5000万元用于服务业企业奖补，统筹整合各类资金2亿元支持发放消费补贴。", 2025,
			[]want{{5000, 0, "万元", "=", 2025}, {2, 0, "亿元", "=", 2025}}},
		{"a grant after a funding verb", "市财政安排资金对新认定企业给予10万元奖励。", 2025, nil},
		{"deadline year", "到2025年底，全省养老机构护理型床位占比提高到55%。", 0, []want{{55, 0, "%", "=", 2025}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Find(tt.text, tt.year)
			var gotW []want
			for _, r := range res {
				gotW = append(gotW, got(r))
			}
			if fmt.Sprint(gotW) != fmt.Sprint(tt.want) {
				t.Errorf("Find(%q, %d)\n got  %v\n want %v", tt.text, tt.year, gotW, tt.want)
				for _, r := range res {
					t.Logf("  %+v", r)
				}
			}
		})
	}
}

func TestFindText(t *testing.T) {
	text := "全省服务业增加值增长7%左右；到2025年，新建社区食堂200个，为困难家庭实施适老化改造3000户。"
	res := Find(text, 2023)
	if len(res) != 3 {
		t.Fatalf("got %d targets, want 3: %+v", len(res), res)
	}
	for _, r := range res {
		if got := string([]rune(text)[r.Start:r.End]); got != r.Text {
			t.Errorf("span %v is %q, text is %q", r.Span, got, r.Text)
		}
	}
	if res := Find("2021年全省服务业增加值达到2.1万亿元。2023年，力争达到2.4万亿元。", 2023); len(res) != 1 || res[0].Indicator != "" {
		t.Errorf("a bare verb is no indicator: %+v", res)
	}
	if res := Find("二是力争实现外贸进出口总额3000亿元，增长8%以上。", 2023); len(res) != 2 ||
		res[0].Indicator != "外贸进出口总额" || res[1].Indicator != "外贸进出口总额增长" {
		t.Errorf("growth of the previous indicator: %+v", res)
	}
	if res := Find("新建幼儿园10所和中小学5所。", 2023); len(res) != 2 || res[1].Indicator != "中小学" {
		t.Errorf("a second item joined by 和: %+v", res)
	}
	wants := []struct{ text, indicator string }{
		{"全省服务业增加值增长7%左右", "服务业增加值增长"},
		{"新建社区食堂200个", "新建社区食堂"},
		{"为困难家庭实施适老化改造3000户", "为困难家庭实施适老化改造"},
	}
	for i, w := range wants {
		if res[i].Text != w.text || res[i].Indicator != w.indicator {
			t.Errorf("target %d: text %q indicator %q, want %q %q", i, res[i].Text, res[i].Indicator, w.text, w.indicator)
		}
	}
	if res[0].Year != 2023 || res[1].Year != 2025 {
		t.Errorf("years %d, %d; want 2023, 2025", res[0].Year, res[1].Year)
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"到2025年，全省社会消费品零售总额达到3.5万亿元左右。",
		"新建5G基站2万个、培育两个国家级和三个省级示范区，由30个工作日压减至15个工作日。",
		"按2:3:5比例分担，一次性给予20万元奖励。《规划（2021—2025年）》",
		"“1+N”，第3届，1,000家，3～5个，10%、20%以上，１２％",
		"7—", "2025年", "两", "“", "1.", "3-", "，、", "\xff\xfe",
	} {
		f.Add(s, 2023)
	}
	f.Fuzz(func(t *testing.T, text string, year int) {
		n := utf8.RuneCountInString(text)
		for _, r := range Find(text, year) {
			if r.Start < 0 || r.Start > r.End || r.End > n {
				t.Fatalf("span %v out of a text of %d runes", r.Span, n)
			}
			if r.ValueMax != nil && *r.ValueMax < r.Value {
				t.Fatalf("range %v-%v upside down", r.Value, *r.ValueMax)
			}
		}
	})
}

func BenchmarkFind(b *testing.B) {
	docs := loadGold(b)
	var texts []string
	size := 0
	for _, d := range docs {
		for _, task := range d.Tasks {
			texts = append(texts, task.Text)
			size += len(task.Text)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, text := range texts {
			Find(text, 2022)
		}
	}
}

// TestFindInHistory drops statements about years before the plan's, even
// when the plan's targets have no default year.
func TestFindInHistory(t *testing.T) {
	rs := []rune("2021年，全市实现社会消费品零售总额9251.8亿元，增长14%。到2025年，全市社会消费品零售总额突破1.2万亿元。")
	var got []want
	for _, g := range FindIn(rs, 0, 2022) {
		got = append(got, want{value: g.Value, unit: g.Unit, cmp: g.Comparator, year: g.Year})
	}
	if len(got) != 1 || got[0] != (want{1.2, 0, "万亿元", ">=", 2025}) {
		t.Errorf("FindIn = %v, want only the 2025 target", got)
	}
}

// TestFindFolded reads a text printed in traditional characters through
// its folded twin and gives the targets as printed.
func TestFindFolded(t *testing.T) {
	fold := map[rune]rune{'萬': '万', '給': '给', '對': '对', '聯': '联', '資': '资', '發': '发', '費': '费',
		'單': '单', '辦': '办', '達': '达', '億': '亿', '個': '个', '餘': '余', '統': '统', '籌': '筹'}
	src := []rune("統籌整合3000萬元資金用于發放消費券，對承辦單位給予3萬元-5萬元的資金支持。年內新增4萬餘人次，建成10個站點。")
	match := make([]rune, len(src))
	for i, r := range src {
		match[i] = r
		if f, ok := fold[r]; ok {
			match[i] = f
		}
	}
	gotT := FindFolded(src, match, 2023, 2023)
	want := []struct {
		value      float64
		unit, text string
	}{{3000, "萬元", "統籌整合3000萬元"}, {4, "萬人次", "年內新增4萬餘人次"}, {10, "個", "建成10個站點"}}
	if len(gotT) != len(want) {
		t.Fatalf("got %+v, want %d targets", gotT, len(want))
	}
	for i, w := range want {
		if g := gotT[i]; g.Value != w.value || g.Unit != w.unit || g.Text != w.text {
			t.Errorf("target %d = %v %q %q, want %v %q %q", i, g.Value, g.Unit, g.Text, w.value, w.unit, w.text)
		}
	}
}

// Every rune the scanner acts on passes its filter.
func TestScanRunes(t *testing.T) {
	passes := func(r rune) bool { return scanRunes[(r&0xFFF)>>6]&(1<<(r&63)) != 0 }
	for r := rune(0); r < 0x10000; r++ {
		c, closes := closerOf(r)
		if (closes || isDigit(r) || isCN(r)) && !passes(r) || closes && !passes(c) {
			t.Errorf("%q is filtered out", r)
		}
	}
	for _, r := range "。！？!?\n\r，；;：," {
		if !passes(r) {
			t.Errorf("%q is filtered out", r)
		}
	}
}
