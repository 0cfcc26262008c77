package extract

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRequiredLiteral(t *testing.T) {
	for _, c := range []struct{ expr, want string }{
		{`[\p{Han}]{1,10}\s*[〔(]\s*(\d{4})\s*[〕)]\s*第?\s*\d{1,4}\s*号`, "号"},
		{`(?:到|至)\s*((?:19|20)\d{2})\s*年`, "年"},
		{`^专栏\s*\d{0,3}`, "专栏"},
		{`(?i)\.(?:docx?|pdf)\s*$`, "."},
		{`(?i)pdf$`, ""},
		{`甲乙|丙丁`, ""},
		{`(?:关于)?印发`, "印发"},
		{`(?:试点)*示范`, "示范"},
		{`(?:试点)+示`, "试点"},
		{`(?:试点){0,2}示`, "示"},
	} {
		if got := mustRegex(c.expr).must; got != c.want {
			t.Errorf("%s: required literal %q, want %q", c.expr, got, c.want)
		}
	}
}

// TestRegexPrefilter: the literal test never hides a match.
func TestRegexPrefilter(t *testing.T) {
	re := mustRegex(`(\d{4})\s*年`)
	for _, s := range []string{"到2025年底", "2025 年", "二〇二五年", "2025"} {
		if got, want := re.FindStringSubmatch(s), re.Regexp.FindStringSubmatch(s); len(got) != len(want) {
			t.Errorf("%q: %q, want %q", s, got, want)
		}
		if got, want := re.MatchString(s), re.Regexp.MatchString(s); got != want {
			t.Errorf("%q: match %v, want %v", s, got, want)
		}
	}
}

// TestClutterMarks: a mark is found wherever it stands in a line.
func TestClutterMarks(t *testing.T) {
	for _, m := range clutterMarks {
		for _, s := range []string{m, "某市政府网 " + m, m + " 2023", "（" + m + "）"} {
			if !holdsClutterMark(s) {
				t.Errorf("%q: mark %q not found", s, m)
			}
		}
	}
	for _, s := range []string{"", "推进现代物流业发展", "索引", "首页", "来源"} {
		if holdsClutterMark(s) {
			t.Errorf("%q holds no mark", s)
		}
	}
}

// Every branch of an alternation holds the literal that guards it.
func TestRequiredLiteralOfAlternation(t *testing.T) {
	for expr, want := range map[string]string{
		`印发给你们|印发你们|现予印发`: "印发",
		`年份|年度`:       "年",
		`(?:到|至)\s*年`: "年",
		`抄送|分送`:       "送",
		`本|此`:         "",
		`(?:a|)b`:     "b",
	} {
		if got := mustRegex(expr).must; got != want {
			t.Errorf("%s: literal %q, want %q", expr, got, want)
		}
	}
	if !mustRegex(`印发给你们|现予印发`).MatchString("特此现予印发。") {
		t.Error("a branch's match is lost")
	}
}

// An expression anchored at the start knows the runes its matches start
// with; one that is not, or that may match the empty string or start with
// any character, filters nothing.
func TestAnchoredStart(t *testing.T) {
	for _, c := range []struct {
		expr        string
		pass, block string // first runes that must pass, and some the set rejects
	}{
		{`^(?:相关链接|延伸阅读|政策解读)`, "相延政", "甲1 "},
		{`^\s*(?:[—\-–]+\s*\d|第\s*\d)`, " \t—-–第", "甲页"},
		{`^\(?(?:\d{4}\s*年|[〇○零一二]{4}年)`, "(0123456789〇○零一二", "甲年"},
		{`^(本|此)[^。]{0,3}施行|^本(方案)起|^\((此件)`, "本此(", "甲)"},
		{`^(?:(?:19|20)\d{2}年)?(?:度)?省`, "12度省", "甲"},
		{`^(?:注\s*[0-9]{0,2}|备注)\s*:`, "注备", "甲:"},
	} {
		re := mustRegex(c.expr)
		if re.first == nil {
			t.Errorf("%s: no set of first runes", c.expr)
			continue
		}
		for _, r := range c.pass {
			if !re.first.mayHold(r) {
				t.Errorf("%s: %q is filtered out", c.expr, r)
			}
		}
		for _, r := range c.block {
			if re.first.mayHold(r) {
				t.Errorf("%s: %q passes", c.expr, r)
			}
		}
	}
	for _, expr := range []string{`甲乙`, `(?m)^甲`, `^\s*甲?`, `^.甲`, `(?i)^pdf`, `^[\p{Han}]{2}省`, `^甲|乙`, `^\b甲`, `^$`} {
		if re := mustRegex(expr); re.first != nil {
			t.Errorf("%s: a set of first runes", expr)
		}
	}
}

// The anchored expressions of the extractor find what they find without
// their filters, in every line of the test plans and in the line less
// its first runes.
func TestAnchoredFilters(t *testing.T) {
	res := []*regex{reDateLine, reAnnex, reRelated, reBox, reNote, reCopyTo, reClosing, rePageNumber,
		rePostingTime, rePostingLead, reFieldDate, reCity, reYearHead, reDistrict}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	var lines []string
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, ln := range strings.Split(string(raw), "\n") {
			ln = foldString(strings.TrimSpace(ln))
			for k := 0; k < 3 && ln != ""; k++ {
				lines = append(lines, ln)
				_, w := utf8.DecodeRuneInString(ln)
				ln = ln[w:]
			}
		}
	}
	lines = append(lines, "", "\xff", "(", "二〇二三年五月一日", "2023年5月1日", "本方案自印发之日起施行", "— 3 —", "注:", "相关链接")
	filtered := 0
	for _, re := range res {
		for _, s := range lines {
			if got, want := re.FindStringSubmatchIndex(s), re.Regexp.FindStringSubmatchIndex(s); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s on %q: %v, want %v", re, s, got, want)
			}
		}
		if re.first != nil {
			filtered++
		}
	}
	if filtered < 10 {
		t.Errorf("only %d anchored expressions have a set of first runes", filtered)
	}
}

// deadlineMatches finds what reDeadline finds, groups included, in texts
// made of the expression's pieces.
func TestDeadlineMatches(t *testing.T) {
	pieces := []string{"2023", "2024", "19", "20", "1", "6", "12", "123", "年", "月", "日", "底", "末", "前", "之前", "之", "内", "外",
		"上半年", "下半年", "季度", "第", "一", "二", "四", "五", " ", "\t", "\n", "度", "完成", "，", "甲"}
	cases := []string{"2023年底前完成", "6月底前", "6月30日前", "2023年6月底", "三季度", "第四季度", "2024年内", "年内外贸", "12月31日之前"}
	rnd := rand.New(rand.NewPCG(5, 6))
	for n := 0; n < 50000; n++ {
		var b strings.Builder
		for k := rnd.IntN(10); k >= 0; k-- {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		if got, want := deadlineMatches(s), reDeadline.FindAllStringSubmatchIndex(s, -1); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("deadlineMatches(%q) = %v, want %v", s, got, want)
		}
	}
}
