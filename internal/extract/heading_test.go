package extract

import "testing"

func TestCleanHeadingPageChrome(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"【东川市2024年物流降本工作方案】", "东川市2024年物流降本工作方案"},
		{"首页 | 政务公开 | 通知公告 东川市2024年物流降本工作方案", "东川市2024年物流降本工作方案"},
		{"东川市2024年物流降本工作方案 - 东川市交通运输局", "东川市2024年物流降本工作方案"},
		{"东川市2024年物流降本工作方案_东川市人民政府网站", "东川市2024年物流降本工作方案"},
		{"东川市物流降本若　干　措　施", "东川市物流降本若干措施"},
		// Not chrome: a range in the title, joint issuers before it.
		{"东川市物流降本行动方案(2024-2026年)", "东川市物流降本行动方案(2024-2026年)"},
		{"中共东川市委 东川市人民政府关于加快发展现代物流的意见", "中共东川市委 东川市人民政府关于加快发展现代物流的意见"},
	} {
		tx := newText(c.in)
		if got := cleanHeading(tx, span{0, len(tx.src)}).src; got != c.want {
			t.Errorf("cleanHeading(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestPlaceAfterHanYear(t *testing.T) {
	for _, s := range []string{"2024年东川市物流降本工作要点", "二〇二四年东川市物流降本工作要点", "二○二四年度东川市物流降本工作要点"} {
		if got, _ := placeAtHead(s); got != "东川市" {
			t.Errorf("placeAtHead(%q) = %q, want 东川市", s, got)
		}
	}
}

func TestCleanHeadingTrailingNumber(t *testing.T) {
	for _, c := range []struct{ in, title, number string }{
		{"东川市人民政府关于加快发展现代物流的实施意见（东政发〔2024〕3号）", "东川市人民政府关于加快发展现代物流的实施意见", "东政发〔2024〕3号"},
		{"东川市人民政府关于加快发展现代物流的实施意见 东政发[2024]3号", "东川市人民政府关于加快发展现代物流的实施意见", "东政发[2024]3号"},
		// A cited document's number inside the title stays in it.
		{"东川市贯彻落实《国务院关于促进服务消费的意见》（国发〔2023〕1号）的实施方案", "东川市贯彻落实《国务院关于促进服务消费的意见》（国发〔2023〕1号）的实施方案", ""},
	} {
		tx := newText(c.in)
		h := cleanHeading(tx, span{0, len(tx.src)})
		if h.src != c.title || h.docNumber != c.number {
			t.Errorf("cleanHeading(%q) = %q, %q; want %q, %q", c.in, h.src, h.docNumber, c.title, c.number)
		}
	}
}

func TestDistrictCityAfterParty(t *testing.T) {
	tx := newText("各街道：\n中共东川市南湖区委 南湖区人民政府印发本方案。\n")
	if got, _ := districtCity(tx, "南湖区"); got != "东川市南湖区" {
		t.Errorf("districtCity = %q, want 东川市南湖区", got)
	}
}
