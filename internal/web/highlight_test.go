package web

import (
	"strings"
	"testing"

	"luoshi/internal/store"
)

func TestHighlight(t *testing.T) {
	src := "一、总则\n1.建设枢纽。新增枢纽2个。（省商务厅负责）\n"
	tasks := []store.Task{{
		ID: 7, Start: 5, End: 28,
		Units:   []store.TaskUnit{{Start: 20, End: 24, UnitID: 0}, {Start: 100, End: 120, UnitID: 3}}, // the second lies outside the text
		Targets: []store.Target{{Start: 12, End: 18}, {Start: 18, End: 16}},                           // the second is empty
	}}
	segs := highlight(src, tasks, nil)
	var joined strings.Builder
	classes := map[string]string{}
	anchors := 0
	for _, s := range segs {
		joined.WriteString(s.Text)
		if s.Class != "" {
			classes[s.Text] = s.Class
		}
		if s.Anchor {
			anchors++
			if s.Task != 7 {
				t.Errorf("anchor on task %d", s.Task)
			}
		}
	}
	if joined.String() != src {
		t.Fatalf("segments do not rebuild the text:\n%q", joined.String())
	}
	if anchors != 1 {
		t.Errorf("%d anchors, want 1", anchors)
	}
	if classes["省商务厅"] != "unit unknown" {
		t.Errorf("unit class = %q (classes %v)", classes["省商务厅"], classes)
	}
	if classes["新增枢纽2个"] != "target" {
		t.Errorf("target class = %q (classes %v)", classes["新增枢纽2个"], classes)
	}
	if got := highlight("", tasks, nil); len(got) != 0 {
		t.Errorf("empty source gave %v", got)
	}
}
