package units

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func newRegistry(t testing.TB) *Registry {
	t.Helper()
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func day(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func names(us []Unit) []string {
	out := make([]string, 0, len(us))
	for _, u := range us {
		out = append(out, u.Name)
	}
	return out
}

// resolveCase is a name as written in a plan of a region on a date, and
// what it must resolve to.
type resolveCase struct {
	name, region, date string
	match              Match
	units              []string // Result.Units, in order
	successors         []string // Result.Successors; nil for none
}

func checkResolve(t *testing.T, r *Registry, cases []resolveCase) {
	t.Helper()
	for _, c := range cases {
		res := r.Resolve(c.name, c.region, day(c.date))
		got := names(res.Units)
		if res.Match != c.match || !slices.Equal(got, c.units) {
			t.Errorf("Resolve(%q, %q, %s) = %s %v, want %s %v", c.name, c.region, c.date, res.Match, got, c.match, c.units)
		}
		if succ := names(res.Successors); !slices.Equal(succ, c.successors) && !(len(succ) == 0 && len(c.successors) == 0) {
			t.Errorf("Resolve(%q, %q, %s) successors = %v, want %v", c.name, c.region, c.date, succ, c.successors)
		}
	}
}

// The historical names of the 2015 Qinghai plan (gold 003): on the plan's
// date they are the bodies of the time, with today's successors; in a 2020
// plan the same names have been replaced by the successors.
func TestResolveHistorical(t *testing.T) {
	r := newRegistry(t)
	const q, d15, d20 = "青海省", "2015-06-01", "2020-08-13"
	nfra := "国家金融监督管理总局青海监管局"
	checkResolve(t, r, []resolveCase{
		{"省经济和信息化委", q, d15, Pattern, []string{"青海省经济和信息化委员会"}, []string{"青海省工业和信息化厅"}},
		{"省金融办", q, d15, Pattern, []string{"青海省人民政府金融工作办公室"}, []string{"青海省地方金融监督管理局"}},
		{"青海银监局", q, d15, Pattern, []string{"中国银行业监督管理委员会青海监管局"}, []string{nfra}},
		{"青海保监局", q, d15, Pattern, []string{"中国保险监督管理委员会青海监管局"}, []string{nfra}},
		{"省质监局", q, d15, Pattern, []string{"青海省质量技术监督局"}, []string{"青海省市场监督管理局"}},
		{"省工商局", q, d15, Pattern, []string{"青海省工商行政管理局"}, []string{"青海省市场监督管理局"}},
		{"省农牧厅", q, d15, Pattern, []string{"青海省农牧厅"}, []string{"青海省农业农村厅"}},
		{"省环境保护厅", q, d15, Pattern, []string{"青海省环境保护厅"}, []string{"青海省生态环境厅"}},
		{"省国土资源厅", q, d15, Pattern, []string{"青海省国土资源厅"}, []string{"青海省自然资源厅"}},
		{"青海出入境检验检疫局", q, d15, Pattern, []string{"青海出入境检验检疫局"}, []string{"西宁海关"}},
		{"人行西宁中心支行", q, d15, Pattern, []string{"中国人民银行西宁中心支行"}, []string{"中国人民银行青海省分行"}},

		// Stale names in a later plan: the rename has taken effect.
		{"省经济和信息化委", q, d20, Renamed, []string{"青海省工业和信息化厅"}, nil},
		{"青海银监局", q, d20, Renamed, []string{"中国银行保险监督管理委员会青海监管局"}, []string{nfra}},
		{"青海保监局", q, "2024-03-01", Renamed, []string{nfra}, nil},
		{"青海银保监局", q, "2023-07-19", Pattern, []string{"中国银行保险监督管理委员会青海监管局"}, []string{nfra}},
		{"青海银保监局", q, "2023-07-20", Renamed, []string{nfra}, nil},
		{"省质监局", q, d20, Renamed, []string{"青海省市场监督管理局"}, nil},
		// An unknown date takes the name as written.
		{"省农牧厅", q, "", Pattern, []string{"青海省农牧厅"}, []string{"青海省农业农村厅"}},
		{"青海出入境检验检疫局", q, d20, Renamed, []string{"西宁海关"}, nil},
		{"省国税局", q, d20, Renamed, []string{"国家税务总局青海省税务局"}, nil},
		{"海东地区行署", q, d20, Renamed, []string{"海东市人民政府"}, nil},
	})
}

// Names as the 2020 and 2022 plans write them, in their regions.
func TestResolveCurrent(t *testing.T) {
	r := newRegistry(t)
	const q, s, d20, d22 = "青海省", "山西省", "2020-08-13", "2022-04-22"
	checkResolve(t, r, []resolveCase{
		{"省商务厅", q, d20, Pattern, []string{"青海省商务厅"}, nil},
		{"省商务厅", s, d22, Pattern, []string{"山西省商务厅"}, nil},
		{"省商务厅", "晋", d22, Pattern, []string{"山西省商务厅"}, nil},
		{"省工业和信息化厅", q, d20, Pattern, []string{"青海省工业和信息化厅"}, nil},
		{"省工信厅", s, d22, Pattern, []string{"山西省工业和信息化厅"}, nil},
		{"省人社厅", s, d22, Pattern, []string{"山西省人力资源和社会保障厅"}, nil},
		{"省住建厅", s, d22, Pattern, []string{"山西省住房和城乡建设厅"}, nil},
		{"省文旅厅", s, d22, Pattern, []string{"山西省文化和旅游厅"}, nil},
		{"省卫健委", s, d22, Pattern, []string{"山西省卫生健康委员会"}, nil},
		{"省国资委", s, d22, Pattern, []string{"山西省人民政府国有资产监督管理委员会"}, nil},
		{"省供销社", s, d22, Pattern, []string{"山西省供销合作社联合社"}, nil},
		{"省药品监管局", q, d22, Pattern, []string{"青海省药品监督管理局"}, nil},
		{"省政务办", q, d22, Pattern, []string{"青海省政务服务管理局"}, nil},
		{"省审批服务管理局", s, d22, Pattern, []string{"山西省行政审批服务管理局"}, nil},
		{"省税务局", s, d22, Pattern, []string{"国家税务总局山西省税务局"}, nil},
		{"省委网信办", s, d22, Pattern, []string{"中共山西省委员会网络安全和信息化委员会办公室"}, nil},
		{"人行太原中心支行", s, d22, Pattern, []string{"中国人民银行太原中心支行"}, []string{"中国人民银行山西省分行"}},
		{"山西证监局", s, d22, Pattern, []string{"中国证券监督管理委员会山西监管局"}, nil},
		{"省太忻一体化发展促进中心", s, d22, Alias, []string{"山西省太忻一体化发展促进中心"}, nil},
		{"山西转型综改示范区管委会", s, d22, Alias, []string{"山西转型综合改革示范区管理委员会"}, nil},
		{"中国铁路太原局集团公司", s, d22, Alias, []string{"中国铁路太原局集团有限公司"}, nil},
		{"省医保局", q, d20, Pattern, []string{"青海省医疗保障局"}, nil},
		{"省医疗保障局", q, d20, Pattern, []string{"青海省医疗保障局"}, nil},
		{"省应急厅", q, d20, Pattern, []string{"青海省应急管理厅"}, nil},
		{"省粮食局", q, d20, Pattern, []string{"青海省粮食和物资储备局"}, nil},
		{"省政府审改办", q, d20, Alias, []string{"青海省政府审改办"}, nil},
		{"西宁海关", q, d20, Pattern, []string{"西宁海关"}, nil},
		{"海西州人民政府", q, d20, Alias, []string{"海西蒙古族藏族自治州人民政府"}, nil},
		{"西宁市人民政府", q, d20, Exact, []string{"西宁市人民政府"}, nil},
		{"西宁经济开发区管委会", q, d20, Alias, []string{"西宁经济技术开发区管理委员会"}, nil},
		{"柴达木循环经济试验区", q, d20, Alias, []string{"柴达木循环经济试验区管理委员会"}, nil},
		{"中国铁路青藏公司", q, d20, Alias, []string{"中国铁路青藏集团有限公司"}, nil},
		{"兰新铁路甘青公司", q, d20, Alias, []string{"兰新铁路甘青发展有限公司"}, nil},
		{"国网青海省电力公司", q, d20, Exact, []string{"国网青海省电力公司"}, nil},
		{"省发展改革委", "浙江省", "2020-01-01", Pattern, []string{"浙江省发展和改革委员会"}, nil},
		{"省经信厅", "浙江省", "2020-01-01", Pattern, []string{"浙江省经济和信息化厅"}, nil},
		// Names that carry their own region resolve in a plan of another.
		{"国家税务总局青海省税务局", s, d22, Pattern, []string{"国家税务总局青海省税务局"}, nil},
		{"青海银保监局", s, d22, Pattern, []string{"中国银行保险监督管理委员会青海监管局"}, []string{"国家金融监督管理总局青海监管局"}},
		{"人行西宁中心支行", "", d20, Pattern, []string{"中国人民银行西宁中心支行"}, []string{"中国人民银行青海省分行"}},
	})
}

// A region no one tuned on: the national pattern gives its departments
// in long and short forms.
func TestResolveUntunedRegion(t *testing.T) {
	r := newRegistry(t)
	const h, g, d = "湖南省", "广西壮族自治区", "2021-03-01"
	checkResolve(t, r, []resolveCase{
		{"省工信厅", h, d, Pattern, []string{"湖南省工业和信息化厅"}, nil},
		{"湖南省工业和信息化厅", h, d, Pattern, []string{"湖南省工业和信息化厅"}, nil},
		{"湖南工信厅", "", d, Pattern, []string{"湖南省工业和信息化厅"}, nil},
		{"省发改委", h, d, Pattern, []string{"湖南省发展和改革委员会"}, nil},
		{"省人力资源社会保障厅", h, d, Pattern, []string{"湖南省人力资源和社会保障厅"}, nil},
		{"湖南省人社厅", "", d, Pattern, []string{"湖南省人力资源和社会保障厅"}, nil},
		{"省市场监管局", h, d, Pattern, []string{"湖南省市场监督管理局"}, nil},
		{"湖南证监局", h, d, Pattern, []string{"中国证券监督管理委员会湖南监管局"}, nil},
		{"人行长沙中心支行", h, d, Pattern, []string{"中国人民银行长沙中心支行"}, []string{"中国人民银行湖南省分行"}},
		{"长沙海关", h, d, Pattern, []string{"长沙海关"}, nil},
		{"自治区商务厅", g, d, Pattern, []string{"广西壮族自治区商务厅"}, nil},
		{"区卫健委", g, d, Pattern, []string{"广西壮族自治区卫生健康委员会"}, nil},
		{"自治区文旅厅", g, d, Pattern, []string{"广西壮族自治区文化和旅游厅"}, nil},
		{"广西壮族自治区工业和信息化厅", "", d, Pattern, []string{"广西壮族自治区工业和信息化厅"}, nil},
		{"广西自治区住建厅", "", d, Pattern, []string{"广西壮族自治区住房和城乡建设厅"}, nil},
		{"广西商务厅", h, d, Pattern, []string{"广西壮族自治区商务厅"}, nil},
		{"自治区党委网信办", g, d, Pattern, []string{"中共广西壮族自治区委员会网络安全和信息化委员会办公室"}, nil},
		{"内蒙古自治区农牧厅", "", d, Pattern, []string{"内蒙古自治区农牧厅"}, nil},
		{"市商务委", "上海市", d, Pattern, []string{"上海市商务委员会"}, nil},
		{"北京市发展改革委", "", d, Pattern, []string{"北京市发展和改革委员会"}, nil},
	})
}

// Collective names expand to the members that stood on the plan's date.
func TestResolveCollective(t *testing.T) {
	r := newRegistry(t)
	cases := []struct {
		name, region, date string
		count              int
		has, hasNot        string
	}{
		{"各市州人民政府", "青海省", "2020-08-13", 8, "海西蒙古族藏族自治州人民政府", "海东地区行政公署"},
		{"各市、州人民政府", "青海省", "2015-06-01", 8, "海东市人民政府", "西宁经济技术开发区管理委员会"},
		{"各市（州）人民政府", "青海省", "2012-06-01", 8, "海东地区行政公署", "海东市人民政府"},
		{"有关市州人民政府", "青海省", "2020-08-13", 8, "果洛藏族自治州人民政府", ""},
		{"各市人民政府", "山西省", "2022-04-22", 11, "吕梁市人民政府", "西宁市人民政府"},
		{"各市人民政府", "浙江省", "2020-01-01", 11, "丽水市人民政府", ""},
		{"各设区市人民政府", "江苏省", "2020-01-01", 13, "宿迁市人民政府", ""},
		{"各市州人民政府", "湖南省", "2020-01-01", 14, "湘西土家族苗族自治州人民政府", ""},
		{"各市人民政府", "山东省", "2020-01-01", 16, "济南市人民政府", "莱芜市人民政府"},
		{"各市人民政府", "山东省", "2018-01-01", 17, "莱芜市人民政府", ""},
		{"各地级以上市人民政府", "广东省", "2020-01-01", 21, "云浮市人民政府", ""},
		{"三大工业园区管委会", "青海省", "2020-08-13", 3, "海东工业园区管理委员会", ""},
	}
	for _, c := range cases {
		res := r.Resolve(c.name, c.region, day(c.date))
		got := names(res.Units)
		if res.Match != Group || len(got) != c.count || !slices.Contains(got, c.has) || (c.hasNot != "" && slices.Contains(got, c.hasNot)) {
			t.Errorf("Resolve(%q, %q, %s) = %s %d %v, want collective of %d with %s", c.name, c.region, c.date, res.Match, len(got), got, c.count, c.has)
		}
	}
	// A collective whose members are not listed stands for itself.
	res := r.Resolve("省服务业发展联席会议各成员单位", "青海省", day("2020-08-13"))
	if res.Match != Group || len(res.Units) != 1 || res.Units[0].Kind != Collective || res.Units[0].Region != "青海省" {
		t.Errorf("联席会议各成员单位 = %s %v, want the collective itself", res.Match, names(res.Units))
	}
}

func TestResolveUnknown(t *testing.T) {
	r := newRegistry(t)
	for _, c := range []struct{ name, region string }{
		{"省火星开发局", "青海省"},
		{"", "青海省"},
		{"省商务厅", ""},    // no region to read 省 in
		{"省商务厅", "火星"},  // a region the registry does not know
		{"市商务局", "青海省"}, // 市 is no prefix in a province
		{"青海省", "青海省"},  // a region is not a unit
		{"湖南省不存在厅", "湖南省"},
	} {
		res := r.Resolve(c.name, c.region, day("2020-01-01"))
		if res.Match != Unknown || len(res.Units) != 0 {
			t.Errorf("Resolve(%q, %q) = %s %v, want unknown", c.name, c.region, res.Match, names(res.Units))
		}
		if res.Name != c.name {
			t.Errorf("Resolve(%q).Name = %q", c.name, res.Name)
		}
	}
}

// Prefecture-level governments, counted per region.
func TestPrefectures(t *testing.T) {
	r := newRegistry(t)
	want := map[string]int{
		"河北省": 11, "山西省": 11, "内蒙古自治区": 12, "辽宁省": 14, "吉林省": 9, "黑龙江省": 13,
		"江苏省": 13, "浙江省": 11, "安徽省": 16, "福建省": 9, "江西省": 11, "山东省": 16,
		"河南省": 17, "湖北省": 13, "湖南省": 14, "广东省": 21, "广西壮族自治区": 14, "海南省": 4,
		"四川省": 21, "贵州省": 9, "云南省": 16, "西藏自治区": 7, "陕西省": 10, "甘肃省": 14,
		"青海省": 8, "宁夏回族自治区": 5, "新疆维吾尔自治区": 14,
		"北京市": 0, "天津市": 0, "上海市": 0, "重庆市": 0,
	}
	total := 0
	for _, g := range r.Regions() {
		res := r.Resolve("各市人民政府", g.Full, time.Time{})
		n := 0
		for _, u := range res.Units {
			if u.Kind == Prefecture {
				n++
			}
		}
		if n != want[g.Full] {
			t.Errorf("%s: %d prefecture-level governments today, want %d", g.Full, n, want[g.Full])
		}
		total += n
	}
	if len(r.Regions()) != 31 || total != 333 {
		t.Errorf("%d regions, %d prefecture-level governments; want 31 and 333", len(r.Regions()), total)
	}
}

// Every region has the core departments of the national pattern.
func TestPatternCoversEveryRegion(t *testing.T) {
	r := newRegistry(t)
	for _, g := range r.Regions() {
		for _, short := range []string{"发展改革委", "财政厅", "商务厅", "卫健委", "市场监管局", "统计局", "税务局", "证监局", "人民政府"} {
			if g.Kind == "municipality" && strings.HasSuffix(short, "厅") {
				short = strings.TrimSuffix(short, "厅") + "局"
			}
			if res := r.Resolve(g.Full+short, "", time.Time{}); res.Match == Unknown {
				t.Errorf("%s%s: unknown", g.Full, short)
			}
		}
	}
}

func TestAdd(t *testing.T) {
	r := newRegistry(t)
	u := Unit{Name: "青海省服务业发展研究中心", Kind: Office, Region: "青", Local: []string{"服务业研究中心"}}
	if err := r.Add(u); err != nil {
		t.Fatal(err)
	}
	if err := r.Add(u); err == nil {
		t.Error("adding a unit twice: no error")
	}
	if err := r.Add(Unit{Name: "青海省商务厅"}); err == nil {
		t.Error("adding a second unit named 青海省商务厅: no error")
	}
	if err := r.AddAlias("青海省服务业发展研究中心", "青海服务业中心"); err != nil {
		t.Fatal(err)
	}
	if err := r.AddLocalAlias("青海省服务业发展研究中心", "服务业中心"); err != nil {
		t.Fatal(err)
	}
	if err := r.AddAlias("没有这个单位", "x"); err == nil {
		t.Error("alias of a missing unit: no error")
	}
	if err := r.Add(Unit{Name: "青海省服务业发展促进中心", Kind: Office, Region: "青海省"}); err != nil {
		t.Fatal(err)
	}
	if err := r.AddRename(Rename{From: "青海省服务业发展研究中心", To: "青海省服务业发展促进中心", Date: day("2024-01-01")}); err != nil {
		t.Fatal(err)
	}
	if err := r.AddRename(Rename{From: "青海省服务业发展研究中心", To: "x", Date: day("2024-01-01")}); err == nil {
		t.Error("rename to a missing unit: no error")
	}
	checkResolve(t, r, []resolveCase{
		{"省服务业研究中心", "青海省", "2023-01-01", Alias, []string{"青海省服务业发展研究中心"}, []string{"青海省服务业发展促进中心"}},
		{"省服务业中心", "青海省", "2023-01-01", Alias, []string{"青海省服务业发展研究中心"}, []string{"青海省服务业发展促进中心"}},
		{"青海服务业中心", "", "2025-01-01", Renamed, []string{"青海省服务业发展促进中心"}, nil},
		{"青海省服务业发展研究中心", "", "2023-01-01", Exact, []string{"青海省服务业发展研究中心"}, []string{"青海省服务业发展促进中心"}},
	})
	// Changing a returned unit does not change the registry.
	got, _ := r.Unit("青海省服务业发展研究中心")
	got.Aliases[0] = "改了"
	if again, _ := r.Unit("青海省服务业发展研究中心"); again.Aliases[0] != "青海服务业中心" {
		t.Errorf("registry changed through a returned unit: %v", again.Aliases)
	}
}

// A malformed data file stops the load and names file and line.
func TestLoadErrors(t *testing.T) {
	good := map[string]string{}
	for _, f := range []string{"regions.tsv", "prefectures.tsv", "patterns.tsv", "overrides.tsv", "units.tsv", "renames.tsv"} {
		b, err := data.ReadFile("data/" + f)
		if err != nil {
			t.Fatal(err)
		}
		good[f] = string(b)
	}
	for _, c := range []struct{ file, line, want string }{
		{"units.tsv", "青海省商务厅\tdepartment\t青海省", "units.tsv:"},
		{"units.tsv", "某单位\tspaceship\t青海省", "unknown kind"},
		{"prefectures.tsv", "火星省\t红色市", "unknown region"},
		{"renames.tsv", "@jxw\t@gxt\t2018-13-01\t*", "date"},
		{"renames.tsv", "甲\t乙\t2018-01-01\t-", "no unit"},
		{"overrides.tsv", "青海省\tnosuchkey\t某厅", "unknown pattern key"},
		{"patterns.tsv", "x\tq\tdepartment\t某厅", "applies"},
	} {
		fsys := fstest.MapFS{}
		for f, text := range good {
			if f == c.file {
				text += c.line + "\n"
			}
			fsys["data/"+f] = &fstest.MapFile{Data: []byte(text)}
		}
		_, err := load(fsys)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.file) {
			t.Errorf("%s + %q: error %v, want one naming %s and %q", c.file, c.line, err, c.file, c.want)
		}
	}
}

func BenchmarkResolve(b *testing.B) {
	r := newRegistry(b)
	names := []string{"省工信厅", "青海银监局", "各市州人民政府", "湖南省人社厅", "人行西宁中心支行", "省火星开发局"}
	date := day("2020-08-13")
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		r.Resolve(names[i%len(names)], "青海省", date)
	}
}

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}

// A plan printed in traditional characters names the same units: the
// name and the region are read in simplified characters.
func TestResolveTraditional(t *testing.T) {
	r := newRegistry(t)
	checkResolve(t, r, []resolveCase{
		{"省經濟和信息化委", "青海省", "2015-06-01", Pattern, []string{"青海省经济和信息化委员会"}, []string{"青海省工业和信息化厅"}},
		{"省農牧廳", "青海省", "", Pattern, []string{"青海省农牧厅"}, []string{"青海省农业农村厅"}},
		{"人行西寧中心支行", "青海省", "2015-06-01", Pattern, []string{"中国人民银行西宁中心支行"}, []string{"中国人民银行青海省分行"}},
	})
}
