package web

import (
	"testing"

	"luoshi/internal/store"
)

func TestHistory(t *testing.T) {
	h := history([]store.AuditEntry{
		{Action: "update", Before: `{"text":"旧","deadline":"","status":"not_started"}`, After: `{"text":"新","deadline":"2026-06-30","status":"not_started"}`},
		{Action: "add_unit", After: `{"unit_id":7,"name":"省商务厅","role":"lead"}`},
		{Action: "odd", After: `not json`},
	})
	want := []change{{"deadline", "", "2026-06-30"}, {"text", "旧", "新"}}
	if len(h[0].Changes) != len(want) {
		t.Fatalf("changes = %+v", h[0].Changes)
	}
	for i, c := range want {
		if h[0].Changes[i] != c {
			t.Errorf("change %d = %+v, want %+v", i, h[0].Changes[i], c)
		}
	}
	if len(h[1].Changes) != 2 || h[1].Changes[0] != (change{"name", "", "省商务厅"}) {
		t.Errorf("added unit = %+v", h[1].Changes)
	}
	if len(h[2].Changes) != 1 || h[2].Changes[0].After != "not json" {
		t.Errorf("unreadable record = %+v", h[2].Changes)
	}
}
