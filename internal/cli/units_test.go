package cli

import (
	"strings"
	"testing"
)

// TestUnitsResolve checks the command people use to ask the registry.
func TestUnitsResolve(t *testing.T) {
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"units", "resolve", "省工信厅", "--region", "山西省", "--date", "2022-04-22"}, 0, "山西省工业和信息化厅"},
		{[]string{"units", "resolve", "省经济和信息化委", "--region", "青海省", "--date", "2020-01-01"}, 0, "青海省工业和信息化厅"},
		{[]string{"units", "resolve", "各市州人民政府", "--region", "青海省", "--date", "2020-01-01"}, 0, "海西蒙古族藏族自治州人民政府"},
		{[]string{"units", "resolve", "省火星探测局", "--region", "青海省"}, 1, ""},
	}
	for _, tc := range cases {
		code, out, errOut := runCLI(tc.args...)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d (stderr %q)", tc.args, code, tc.code, errOut)
			continue
		}
		if !strings.Contains(out, tc.want) {
			t.Errorf("%v: output lacks %q:\n%s", tc.args, tc.want, out)
		}
		if tc.code != 0 && strings.TrimSpace(errOut) == "" {
			t.Errorf("%v: no message on stderr", tc.args)
		}
	}
}
