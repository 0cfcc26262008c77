package web

import (
	"testing"

	"luoshi/internal/locale"
)

func TestPeriodLabel(t *testing.T) {
	cat, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ key, zh, en string }{
		{"2026-Q3", "2026年第三季度", "2026 Q3"},
		{"2026-Q1", "2026年第一季度", "2026 Q1"},
		{"2026-Q4", "2026年第四季度", "2026 Q4"},
		{"2026-01", "2026年1月", "January 2026"},
		{"2026-12", "2026年12月", "December 2026"},
		{"2026-06-30", "截至2026年6月30日", "to 30 June 2026"},
		{"2027-01-05", "截至2027年1月5日", "to 5 January 2027"},
		{"", "", ""},
		{"something", "something", "something"},
	}
	for _, tt := range tests {
		if got := periodLabel(cat, "zh-CN", tt.key); got != tt.zh {
			t.Errorf("zh-CN %q = %q, want %q", tt.key, got, tt.zh)
		}
		if got := periodLabel(cat, "en", tt.key); got != tt.en {
			t.Errorf("en %q = %q, want %q", tt.key, got, tt.en)
		}
	}
}
