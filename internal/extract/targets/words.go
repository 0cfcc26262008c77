package targets

import "luoshi/internal/plan"

// The vocabulary of the genre. Each list is small and named for the role
// its words play; the scanner only ever asks whether a word ends just
// before, or starts just after, a position.

// baseUnits are the measures a target is counted in, as written after the
// number. A multiplier (万, 亿, …) may precede any of them; see unitTrie.
var baseUnits = []string{
	// shares and rates
	"%", "％", "‰", "个百分点", "百分点", "倍",
	// money
	"元", "美元", "元人民币",
	// people
	"人", "名", "人次", "户", "户次", "岁", "项次", "批次", "车次", "班次", "航次", "列次", "人口",
	// counts of things to build, cultivate or create
	"个", "家", "项", "条", "所", "座", "种", "处", "批", "套", "台", "辆",
	"艘", "架", "架次", "张", "床", "间", "栋", "幢", "场", "场次", "次",
	"支", "件", "份", "篇", "头", "只", "株", "棵", "组", "队", "片", "块",
	"列", "班次", "趟", "部", "款", "笔", "期", "票", "单", "宗",
	"家次", "个次", "台次", "艘次", "站次",
	// physical quantities
	"吨", "公斤", "千克", "斤", "标箱", "标准箱", "吨标准煤", "亩", "公顷",
	"平方米", "平方公里", "平方千米", "公里", "千米", "米", "延米",
	"千瓦", "兆瓦", "吉瓦", "千瓦时", "立方米", "微克/立方米", "立方米/公顷", "TEU",
	// durations (only with an upper bound, see timeUnits)
	"个月", "个工作日", "工作日", "天", "日", "小时", "分钟", "秒",
}

// wordUnits are count units that also begin common words; the unit is
// not read when the rest of such a word follows it (14部委, 5部门, 10单位).
var wordUnits = map[string]string{
	"部": "门委署分位", "单": "位元", "期": "间末内限", "票": "据",
}

// multipliers may stand between the number and its base unit.
var multipliers = []string{"十", "百", "千", "万", "亿", "十万", "百万", "千万", "万亿"}

// timeUnits are durations. A duration is a target only when the plan
// bounds it from above (压减至24个月, 控制在5个工作日以内); otherwise it
// describes a service (24小时快递) or a schedule.
var timeUnits = map[string]bool{
	"个月": true, "个工作日": true, "工作日": true, "天": true, "日": true,
	"小时": true, "分钟": true, "秒": true,
}

// Units that never start a phrase naming the thing counted: shares,
// money and measures are followed by the next clause, not an object.
func countUnit(u string) bool {
	switch lastRune(u) {
	case '%', '％', '‰', '点', '倍', '元', '米', '里', '吨', '亩', '顷', '瓦', '时', '煤', '箱', '口', 'U':
		return false
	}
	return true
}

// shareUnit reports units of shares and rates.
func shareUnit(u string) bool {
	switch lastRune(u) {
	case '%', '％', '‰', '点', '倍':
		return true
	}
	return false
}

func moneyUnit(u string) bool { return lastRune(u) == '元' }

// comparator words written before the number. Longest match wins.
var prefixComparators = map[string]string{
	"不低于": plan.AtLeast, "不少于": plan.AtLeast, "不小于": plan.AtLeast,
	"不下于": plan.AtLeast, "超过": plan.AtLeast, "超出": plan.AtLeast,
	"高于": plan.AtLeast, "大于": plan.AtLeast, "多于": plan.AtLeast,
	"至少": plan.AtLeast, "突破": plan.AtLeast, "迈上": plan.AtLeast, "跨上": plan.AtLeast, "逾": plan.AtLeast, "超": plan.AtLeast,
	"不超过": plan.AtMost, "不高于": plan.AtMost, "不多于": plan.AtMost,
	"不大于": plan.AtMost, "低于": plan.AtMost, "少于": plan.AtMost,
	"小于": plan.AtMost, "控制在": plan.AtMost, "控制到": plan.AtMost,
	"下降至": plan.AtMost, "下降到": plan.AtMost, "下降为": plan.AtMost,
	"降至": plan.AtMost, "降到": plan.AtMost, "降低至": plan.AtMost,
	"降低到": plan.AtMost, "降低为": plan.AtMost, "压减至": plan.AtMost,
	"压减到": plan.AtMost, "压缩至": plan.AtMost, "压缩到": plan.AtMost,
	"缩短至": plan.AtMost, "缩短到": plan.AtMost, "缩减至": plan.AtMost,
	"缩减到": plan.AtMost, "减少至": plan.AtMost, "减少到": plan.AtMost,
	"减至": plan.AtMost, "减到": plan.AtMost, "压降至": plan.AtMost,
	"约": plan.About, "大约": plan.About, "近": plan.About, "接近": plan.About,
	"将近": plan.About,
}

// comparator words written after the quantity. Longest match wins.
var suffixComparators = map[string]string{
	"以上": plan.AtLeast, "及以上": plan.AtLeast, "或以上": plan.AtLeast,
	"以下": plan.AtMost, "及以下": plan.AtMost, "以内": plan.AtMost,
	"之内": plan.AtMost, "内": plan.AtMost,
	"左右": plan.About, "上下": plan.About,
}

// countVerbs are the actions whose object may be a count written in
// Chinese numerals (培育两个特色孵化板块). A Chinese numeral that follows
// anything else is taken to be part of a name or a description.
var countVerbs = []string{
	"培育", "建设", "新建", "建成", "建好", "打造", "创建", "创成", "争创", "推出", "开通", "开发",
	"再创", "布局", "加快", "新增", "引进", "认定", "新认定", "组建", "设立",
	"实施", "推进", "完成", "提高", "提升", "增加", "形成", "建立", "举办",
	"开展", "扶持", "评定", "遴选", "改造", "再建", "新设", "创办", "开工",
	"培训", "达到", "达", "超过", "不少于", "不低于", "增长",
}

// scopeVerbs introduce counts that describe the reach of a document
// (围绕5个领域, 出台10项政策) rather than a commitment.
var scopeVerbs = []string{
	"围绕", "聚焦", "面向", "针对", "涵盖", "涉及", "包括", "包含", "分为",
	"提出", "出台", "制定", "印发", "梳理", "明确", "部署",
}

// scopeNouns, found just after a count, mark it as describing contents or
// scope (10项普惠性政策措施, 5个行业, 15个重点领域).
var scopeNouns = []string{
	"政策", "措施", "举措", "意见", "领域", "行业", "方面", "部门", "部委",
	"行动", "要求", "原则", "文件", "条款", "环节", "方向", "问题", "任务",
	"机制", "指标", "转变", "突破", "能力", "统筹", "结合", "关系", "格局",
}

// scopeFollowers may follow a scope noun in a description of scope.
var scopeFollowers = []string{
	"落地", "落实", "部署", "开展", "中", "等", "上", "推进", "实施", "见效",
	"取得", "全面", "有效", "为", "是",
}

// classedNouns are the things a plan counts by their class of size
// (超10亿元企业20家, 亿元以上项目30个).
var classedNouns = []string{
	"企业", "项目", "市场", "平台", "集群", "园区", "商圈", "景区", "主体", "商户", "工厂", "基地",
}

// rewardWords in a clause mark money amounts and shares as subsidy,
// reward or tax rules.
var rewardWords = []string{
	"奖励", "奖补", "补助", "补贴", "资助", "给予", "贴息", "一次性",
	"税率", "减按", "减半", "免征", "抵扣", "退税", "加计扣除",
	"返还", "暂退", "退还", "减免", "缓缴", "免收", "退坡",
}

// baselineWords before a year make it a point of comparison, not the
// year of the target (较2020年增长, 比2019年提高).
var baselineWords = []string{
	"较", "比", "与", "同", "相比", "从", "由", "自", "截至", "截止", "对比",
}

// pastSentenceWords mark a whole sentence as a statement of fact.
var pastSentenceWords = []string{"截至", "截止", "以来", "同期", "近年来", "近几年", "近三年", "近五年", "近两年"}

// stockWords at the head of a clause state what exists (全县现有A级景区
// 12家, 目前全市共有…): a fact, not a commitment. After a verb, "改造现有
// 市场30个" is work to do.
var stockWords = []string{"现有", "目前", "当前", "共有", "现已"}

// pastClauseWords mark a clause as a statement of fact, unless the year
// word is the base of a comparison (比上年增长).
var pastClauseWords = []string{"已", "去年", "上年", "上一年"}

// leadWords are stripped from the front of an indicator.
var leadWords = []string{
	"力争", "确保", "争取", "努力", "计划", "全年", "年内", "今年", "当年",
	"实现", "全省", "全市", "全区", "全州", "全县", "逐步", "继续", "进一步",
	"持续", "将", "使", "并", "其中", "同时", "推动", "以及", "和", "及", "与",
	"，", ",", "、", " ", "——", "—",
	"\u3000",
}

// tailWords are stripped from the end of an indicator.
var tailWords = []string{
	"达到", "达", "超过", "不低于", "不少于", "不超过", "不高于", "控制在",
	"下降至", "下降到", "降至", "降到", "压减至", "压缩至", "缩短至",
	"扩大到", "扩大至", "提高到", "提高至", "提升到", "提升至", "增加到",
	"增加至", "增长到", "增长至", "上升到", "上升至", "延长至", "延长到", "恢复至", "恢复到", "突破", "为", "在",
	"均", "都", "分别", "约", "接近", "近", "保持", "稳定", "完成", "实现",
	"累计", "共", "总计", "合计", "力争", "争取", "确保", "的", "超", "逾",
	"大于", "高于", "低于", "至少", " ", "\u3000",
}

// objectTails are stripped from the end of the phrase naming a counted
// object (5个平台建设 → 平台).
var objectTails = []string{"的建设工作", "建设工作", "建设任务", "建设"}

// measureTails name what is measured of a list of subjects that share it
// (A、B覆盖率均达到100% → A覆盖率, B覆盖率).
var measureTails = []string{
	"覆盖率", "满意率", "满意度", "达标率", "普及率", "比例", "比重", "占比",
	"增速", "增长率", "使用率", "利用率", "率",
}

func lastRune(s string) rune {
	var last rune
	for _, r := range s {
		last = r
	}
	return last
}
