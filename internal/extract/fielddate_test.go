package extract

import "testing"

func TestFieldDate(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"2023年5月6日", "2023-05-06"},
		{"2023/05/06", "2023-05-06"},
		{"2023.5.6", "2023-05-06"},
		{"20230506", "2023-05-06"},
		{"2023612", "2023-06-12"},
		{"2023111", ""},   // 1月11日 or 11月1日
		{"2023.13.6", ""}, // no such month
		{"第2023号", ""},
	} {
		if got := fieldDate(c.in); got != c.want {
			t.Errorf("fieldDate(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
