package extract

import "testing"

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
