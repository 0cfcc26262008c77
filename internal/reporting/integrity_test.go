package reporting

import (
	"errors"
	"testing"
)

func TestCheckTargets(t *testing.T) {
	keys := map[string]bool{"冷链流通率|%|西岭省": true}
	if err := CheckTargets([]Value{{Indicator: " 冷链流通率|%|西岭省 ", Value: 1}}, keys); err != nil {
		t.Errorf("own key: %v", err)
	}
	err := CheckTargets([]Value{{Indicator: "冷链流通率|%|西岭省"}, {Indicator: "夜间消费集聚区|个|西岭省"}}, keys)
	var ce ContentError
	if !errors.As(err, &ce) || len(ce) != 1 || ce[0] != (FieldError{"values[1].indicator", "not_a_target"}) || !errors.Is(err, ErrInvalidContent) {
		t.Errorf("other key: %v", err)
	}
}

func TestPatchApply(t *testing.T) {
	base := Content{Status: Late, Progress: 30, Confidence: AtRisk, Done: "做了", Problems: "难", NextSteps: "下步",
		Values:   []Value{{Indicator: "a", Value: 1}},
		Evidence: []Evidence{{StoredName: "x"}, {StoredName: "y"}}, NoProgress: true}
	done, empty := "  改了 ", ""
	got := Patch{Done: &done, Problems: &empty, RemoveEvidence: []string{"x"}, AddEvidence: []Evidence{{StoredName: "z"}}}.Apply(base)
	if got.Done != "改了" || got.Problems != "" || got.Status != Late || got.Progress != 30 || got.Confidence != AtRisk || got.NextSteps != "下步" ||
		len(got.Values) != 1 || len(got.Evidence) != 2 || got.Evidence[0].StoredName != "y" || got.Evidence[1].StoredName != "z" || got.NoProgress {
		t.Errorf("applied = %+v", got)
	}
	if base.Done != "做了" || len(base.Evidence) != 2 || base.Evidence[0].StoredName != "x" {
		t.Errorf("base changed: %+v", base)
	}
	none := []Value{}
	if got := (Patch{Values: &none}).Apply(base); len(got.Values) != 0 || got.Done != "做了" {
		t.Errorf("clearing values: %+v", got)
	}
	if got := Full(Content{Status: OnTrack}).Apply(base); got.Done != "" || got.Status != OnTrack || len(got.Values) != 0 || len(got.Evidence) != 2 {
		t.Errorf("a full patch = %+v", got)
	}
}

func TestCarryForwardAndCopy(t *testing.T) {
	last := Content{Status: Late, Progress: 30, Confidence: AtRisk, Done: "做了", Problems: "难", NextSteps: "下步",
		Values: []Value{{Indicator: "a", Value: 1}}, Evidence: []Evidence{{StoredName: "x"}}}
	c, err := CarryForward(last)
	if err != nil || !c.NoProgress || c.Status != Late || c.Progress != 30 || c.Confidence != AtRisk || c.Problems != "难" || c.NextSteps != "下步" ||
		c.Done != "" || len(c.Values) != 0 || len(c.Evidence) != 0 {
		t.Errorf("carried = %+v, %v", c, err)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("a carried report does not validate: %v", err)
	}
	for _, st := range []Status{Done, ""} {
		if _, err := CarryForward(Content{Status: st, Progress: 100}); !errors.Is(err, ErrNothingToCarry) {
			t.Errorf("carry %q: %v", st, err)
		}
	}
	cp := CopyOf(last)
	if cp.Done != "做了" || len(cp.Values) != 1 || len(cp.Evidence) != 0 {
		t.Errorf("copy = %+v", cp)
	}
	cp.Values[0].Value = 9
	if last.Values[0].Value != 1 {
		t.Error("the copy shares the last report's values")
	}
}

func TestRedact(t *testing.T) {
	r := Report{UnitID: 2, LeadUnitID: 1, State: Returned, Comment: "意见"}
	for _, c := range []struct {
		a    Actor
		want string
	}{{Actor{Role: Reporter, UnitID: 2}, "意见"}, {Actor{Role: Reporter, UnitID: 1}, ""}, {Actor{Role: Office}, "意见"}, {Actor{Role: Viewer}, "意见"}} {
		if got := Redact(r, c.a).Comment; got != c.want {
			t.Errorf("%+v reads comment %q, want %q", c.a, got, c.want)
		}
	}
}
