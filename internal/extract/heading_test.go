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
