package reporting

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

// Units: 10 is the assignment's unit, 30 the task's lead unit when the
// report is a contribution, 20 an unrelated unit.
var (
	ownReporter   = Actor{UserID: 1, Role: Reporter, UnitID: 10}
	otherReporter = Actor{UserID: 2, Role: Reporter, UnitID: 20}
	leadReporter  = Actor{UserID: 3, Role: Reporter, UnitID: 30}
	office        = Actor{UserID: 9, Role: Office}
	officeOfUnit  = Actor{UserID: 8, Role: Office, UnitID: 10} // the office sits in unit 10
	viewer        = Actor{UserID: 7, Role: Viewer}
	ownViewer     = Actor{UserID: 6, Role: Viewer, UnitID: 10}
	noUnit        = Actor{UserID: 5, Role: Reporter}
)

var actors = map[string]Actor{
	"own reporter": ownReporter, "other reporter": otherReporter, "lead reporter": leadReporter,
	"office": office, "office of the unit": officeOfUnit, "viewer": viewer,
	"viewer of the unit": ownViewer, "reporter without unit": noUnit,
}

var now = time.Date(2026, 4, 3, 10, 0, 0, 0, Shanghai())

func validContent() Content {
	return Content{Status: OnTrack, Progress: 40, Confidence: Confident,
		Done: "完成招商引资签约3项", Values: []Value{{Indicator: "技术合同交易额|亿元|青海省", Value: 12.5}}}
}

// reportIn returns a contribution of unit 10 to a task led by unit 30,
// in the given state, submitted by user 1.
func reportIn(s State) Report {
	r := New(100, "2026-03", 10, 30)
	r.Content = validContent()
	r.State = s
	r.Rev = 4
	if s != Draft {
		r.SubmittedBy = 1
	}
	return r
}

func act(k ActionKind, r Report) Action {
	a := Action{Kind: k, BasedOn: r.Rev, At: now}
	switch k {
	case Save, Submit:
		c := validContent()
		a.Content = &c
	case Return:
		a.Comment = "请补充佐证材料"
	}
	return a
}

// TestTransitionMatrix runs every action of every actor in every state.
// Exactly these succeed; every other attempt by an actor without the
// right is ErrForbidden, and by an actor with the right in the wrong
// state ErrInvalidTransition.
func TestTransitionMatrix(t *testing.T) {
	allowedTo := map[string]State{
		"draft/save/own reporter":      Draft,
		"draft/submit/own reporter":    Submitted,
		"returned/revise/own reporter": Draft,
		"submitted/accept/office":      Accepted,
		"submitted/return/office":      Returned,
	}
	rights := map[ActionKind][]string{
		Save: {"own reporter"}, Submit: {"own reporter"}, Revise: {"own reporter"},
		Accept: {"office"}, Return: {"office"},
	}
	for _, s := range []State{Draft, Submitted, Returned, Accepted} {
		for _, k := range []ActionKind{Save, Submit, Revise, Accept, Return} {
			for name, actor := range actors {
				t.Run(fmt.Sprintf("%s/%s/%s", s, k, name), func(t *testing.T) {
					r := reportIn(s)
					got, err := Transition(r, act(k, r), actor)
					key := fmt.Sprintf("%s/%s/%s", s, k, name)
					if to, ok := allowedTo[key]; ok {
						if err != nil {
							t.Fatalf("refused: %v", err)
						}
						if got.State != to {
							t.Fatalf("state %s, want %s", got.State, to)
						}
						return
					}
					want := ErrForbidden
					for _, n := range rights[k] {
						if n == name {
							want = ErrInvalidTransition
						}
					}
					if !errors.Is(err, want) {
						t.Fatalf("got %v, want %v", err, want)
					}
					if got.Rev != r.Rev || got.State != r.State {
						t.Fatalf("a refused action changed the report: %+v", got)
					}
				})
			}
		}
	}
}

// TestLifecycle walks draft → submitted → returned → revised draft →
// resubmitted → accepted and checks that nothing submitted is changed.
func TestLifecycle(t *testing.T) {
	step := func(r Report, a Action, actor Actor) Report {
		t.Helper()
		out, err := Transition(r, a, actor)
		if err != nil {
			t.Fatalf("%s by %+v: %v", a.Kind, actor, err)
		}
		return out
	}
	r := New(100, "2026-03", 10, 10) // the lead unit's own report
	if r.Kind() != Official || r.Version != 1 || r.Rev != 1 || r.State != Draft {
		t.Fatalf("new report %+v", r)
	}
	c := validContent()
	r = step(r, Action{Kind: Save, BasedOn: 1, Content: &c}, ownReporter)
	r = step(r, Action{Kind: Submit, BasedOn: 2, At: now}, ownReporter)
	if r.State != Submitted || r.Rev != 3 || r.SubmittedBy != 1 || !r.SubmittedAt.Equal(now) {
		t.Fatalf("submitted %+v", r)
	}
	v1 := step(r, Action{Kind: Return, BasedOn: 3, Comment: "  数据口径不一致  ", At: now}, office)
	if v1.State != Returned || v1.Comment != "数据口径不一致" || v1.DecidedBy != 9 {
		t.Fatalf("returned %+v", v1)
	}
	v2 := step(v1, Action{Kind: Revise, BasedOn: 4}, ownReporter)
	if v2.Version != 2 || v2.Rev != 1 || v2.State != Draft || v2.Comment != "" || v2.SubmittedBy != 0 {
		t.Fatalf("revision %+v", v2)
	}
	if v1.Version != 1 || v1.State != Returned || v1.Content.Progress != 40 {
		t.Fatalf("version 1 changed: %+v", v1)
	}
	// The revision starts from the returned content and does not share
	// its slices with version 1.
	v2.Content.Values[0].Value = 13
	if v1.Content.Values[0].Value != 12.5 {
		t.Fatal("revision shares its values with version 1")
	}
	c2 := v2.Content
	c2.Progress = 50
	v2 = step(v2, Action{Kind: Submit, BasedOn: 1, Content: &c2, At: now}, ownReporter)
	v2 = step(v2, Action{Kind: Accept, BasedOn: 2, At: now}, office)
	if v2.State != Accepted || v2.Version != 2 || v2.Content.Progress != 50 {
		t.Fatalf("accepted %+v", v2)
	}
	// Accepted is final, for everybody.
	for _, k := range []ActionKind{Save, Submit, Revise, Accept, Return} {
		for _, actor := range []Actor{ownReporter, office} {
			if _, err := Transition(v2, act(k, v2), actor); err == nil {
				t.Errorf("%s by %+v changed an accepted report", k, actor)
			}
		}
	}
}

func TestStale(t *testing.T) {
	r := reportIn(Draft) // Rev 4
	c := validContent()
	// Two reporters of unit 10 open the draft at Rev 4; the first saves.
	first, err := Transition(r, Action{Kind: Save, BasedOn: 4, Content: &c}, ownReporter)
	if err != nil || first.Rev != 5 {
		t.Fatalf("first save: %v, rev %d", err, first.Rev)
	}
	second := Actor{UserID: 11, Role: Reporter, UnitID: 10}
	for _, a := range []Action{
		{Kind: Save, BasedOn: 4, Content: &c},
		{Kind: Submit, BasedOn: 4},
		{Kind: Save, BasedOn: 6, Content: &c}, // from the future
	} {
		if _, err := Transition(first, a, second); !errors.Is(err, ErrStale) {
			t.Errorf("%s based on %d: %v, want ErrStale", a.Kind, a.BasedOn, err)
		}
	}
	// The office deciding on a report resubmitted meanwhile.
	sub := reportIn(Submitted)
	if _, err := Transition(sub, Action{Kind: Accept, BasedOn: sub.Rev - 1}, office); !errors.Is(err, ErrStale) {
		t.Errorf("accept of an older rev: %v", err)
	}
	// Revising a returned report someone already revised is also stale:
	// the returned row is at a newer Rev only if it changed.
	ret := reportIn(Returned)
	if _, err := Transition(ret, Action{Kind: Revise, BasedOn: 1}, ownReporter); !errors.Is(err, ErrStale) {
		t.Errorf("revise: %v", err)
	}
	// Permission comes before staleness: a stranger learns nothing.
	if _, err := Transition(first, Action{Kind: Save, BasedOn: 1, Content: &c}, otherReporter); !errors.Is(err, ErrForbidden) {
		t.Errorf("stranger: %v", err)
	}
}

func TestDecisionRules(t *testing.T) {
	sub := reportIn(Submitted)
	for _, comment := range []string{"", "   ", "\n\t"} {
		if _, err := Transition(sub, Action{Kind: Return, BasedOn: sub.Rev, Comment: comment}, office); !errors.Is(err, ErrCommentRequired) {
			t.Errorf("return with %q: %v", comment, err)
		}
	}
	long := make([]rune, MaxCommentRunes+1)
	for i := range long {
		long[i] = '改'
	}
	if _, err := Transition(sub, Action{Kind: Return, BasedOn: sub.Rev, Comment: string(long)}, office); !errors.Is(err, ErrInvalidContent) {
		t.Errorf("long comment: %v", err)
	}
	// Acceptance needs no comment.
	if _, err := Transition(sub, Action{Kind: Accept, BasedOn: sub.Rev}, office); err != nil {
		t.Errorf("accept: %v", err)
	}
	// Nobody accepts their own report: the office user who submitted it
	// (a former reporter promoted since) and an office user of its unit.
	self := Actor{UserID: sub.SubmittedBy, Role: Office}
	for _, a := range []Actor{self, officeOfUnit} {
		for _, k := range []ActionKind{Accept, Return} {
			if _, err := Transition(sub, act(k, sub), a); !errors.Is(err, ErrForbidden) {
				t.Errorf("%s of own report by %+v: %v", k, a, err)
			}
		}
	}
	// A unit cannot submit for another unit's assignment, even the lead
	// unit for its cooperating unit.
	d := reportIn(Draft)
	for _, a := range []Actor{otherReporter, leadReporter} {
		if _, err := Transition(d, act(Submit, d), a); !errors.Is(err, ErrForbidden) {
			t.Errorf("submit by %+v: %v", a, err)
		}
	}
	if _, err := Transition(d, Action{Kind: "delete", BasedOn: d.Rev}, ownReporter); !errors.Is(err, ErrInvalidTransition) {
		t.Errorf("unknown action: %v", err)
	}
}

func TestSubmitContent(t *testing.T) {
	d := reportIn(Draft)
	// Saving an incomplete draft is fine; submitting it is not.
	partial := Content{Progress: 10, Done: "起草方案"}
	saved, err := Transition(d, Action{Kind: Save, BasedOn: d.Rev, Content: &partial}, ownReporter)
	if err != nil {
		t.Fatalf("save partial: %v", err)
	}
	_, err = Transition(saved, Action{Kind: Submit, BasedOn: saved.Rev}, ownReporter)
	var ce ContentError
	if !errors.As(err, &ce) || !errors.Is(err, ErrInvalidContent) || len(ce) != 2 ||
		ce[0] != (FieldError{"status", "required"}) || ce[1] != (FieldError{"confidence", "required"}) {
		t.Fatalf("submit partial: %v", err)
	}
	if _, err := Transition(d, Action{Kind: Save, BasedOn: d.Rev}, ownReporter); !errors.Is(err, ErrInvalidContent) {
		t.Errorf("save without content: %v", err)
	}
	bad := Content{Progress: 101}
	if _, err := Transition(d, Action{Kind: Save, BasedOn: d.Rev, Content: &bad}, ownReporter); !errors.Is(err, ErrInvalidContent) {
		t.Errorf("save with progress 101: %v", err)
	}
}

func TestClosing(t *testing.T) {
	done := Content{Status: Done, Progress: 100, Confidence: Confident, Done: "平台已上线运行"}
	withValue := done
	withValue.Values = []Value{{Indicator: "5G基站数|万个|全省", Value: 3.2}}
	withFile := done
	withFile.Evidence = []Evidence{{StoredName: NewStoredName(".pdf"), DisplayName: "验收报告.pdf", Type: "application/pdf", Size: 1000}}

	official := New(100, "2026-03", 10, 10)
	if _, err := Transition(official, Action{Kind: Submit, BasedOn: 1, Content: &done}, ownReporter); !errors.Is(err, ErrEvidenceRequired) {
		t.Fatalf("done without evidence: %v", err)
	}
	for name, c := range map[string]Content{"value": withValue, "file": withFile} {
		sub, err := Transition(official, Action{Kind: Submit, BasedOn: 1, Content: &c}, ownReporter)
		if err != nil || sub.Closing != ClosingRequested {
			t.Fatalf("done with a %s: %v, closing %q", name, err, sub.Closing)
		}
		acc, err := Transition(sub, Action{Kind: Accept, BasedOn: sub.Rev}, office)
		if err != nil || acc.Closing != ClosingConfirmed {
			t.Fatalf("confirm: %v, %q", err, acc.Closing)
		}
		rej, err := Transition(sub, Action{Kind: Return, BasedOn: sub.Rev, Comment: "尚未验收"}, office)
		if err != nil || rej.Closing != ClosingRejected || rej.State != Returned {
			t.Fatalf("reject: %v, %+v", err, rej)
		}
		// The revision of a rejected closing starts without a request.
		rev, err := Transition(rej, Action{Kind: Revise, BasedOn: rej.Rev}, ownReporter)
		if err != nil || rev.Closing != NoClosing {
			t.Fatalf("revise: %v, %q", err, rev.Closing)
		}
	}
	// A contribution reporting its part done closes nothing and needs
	// no evidence.
	contrib := New(100, "2026-03", 10, 30)
	sub, err := Transition(contrib, Action{Kind: Submit, BasedOn: 1, Content: &done}, ownReporter)
	if err != nil || sub.Closing != NoClosing || sub.Kind() != Contribution {
		t.Fatalf("contribution done: %v, %+v", err, sub)
	}
	// Progress reports do not ask to close.
	c := validContent()
	sub, err = Transition(official, Action{Kind: Submit, BasedOn: 1, Content: &c}, ownReporter)
	if err != nil || sub.Closing != NoClosing {
		t.Fatalf("on track: %v, %q", err, sub.Closing)
	}
	if acc, _ := Transition(sub, Action{Kind: Accept, BasedOn: sub.Rev}, office); acc.Closing != NoClosing {
		t.Errorf("accepting a progress report closed the task")
	}
}

func TestCanRead(t *testing.T) {
	contribution := func(s State) Report { return reportIn(s) } // unit 10 → lead 30
	official := func(s State) Report { r := reportIn(s); r.LeadUnitID = 10; return r }
	tests := []struct {
		name   string
		report Report
		read   []string // actors that may read; all others may not
	}{
		{"draft contribution", contribution(Draft), []string{"own reporter"}},
		{"draft official", official(Draft), []string{"own reporter"}},
		{"submitted contribution", contribution(Submitted), []string{"own reporter", "lead reporter", "office", "office of the unit", "viewer", "viewer of the unit"}},
		{"returned contribution", contribution(Returned), []string{"own reporter", "lead reporter", "office", "office of the unit", "viewer", "viewer of the unit"}},
		{"accepted contribution", contribution(Accepted), []string{"own reporter", "lead reporter", "office", "office of the unit", "viewer", "viewer of the unit"}},
		{"submitted official", official(Submitted), []string{"own reporter", "office", "office of the unit", "viewer", "viewer of the unit"}},
		{"accepted official", official(Accepted), []string{"own reporter", "office", "office of the unit", "viewer", "viewer of the unit"}},
	}
	for _, tt := range tests {
		for name, actor := range actors {
			want := false
			for _, n := range tt.read {
				want = want || n == name
			}
			if got := CanRead(tt.report, actor); got != want {
				t.Errorf("%s, %s: CanRead = %v, want %v", tt.name, name, got, want)
			}
		}
	}
	// A reporter without a unit never matches a report without one.
	if CanRead(New(1, "2026-03", 0, 0), noUnit) {
		t.Error("unit 0 matched unit 0")
	}
}
