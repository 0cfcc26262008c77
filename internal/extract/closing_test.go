package extract

import (
	"os"
	"strings"
	"testing"
)

// TestCopyListEndsItem checks that the copy list of a printed document
// ("抄送：…") is no part of the last item, on its own line or run into it.
func TestCopyListEndsItem(t *testing.T) {
	for _, name := range []string{"wf_copy_list_2023", "ol_copy_list_2023"} {
		raw, err := os.ReadFile("testdata/" + name + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		p, err := Parse(string(raw))
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Tasks) == 0 {
			t.Fatalf("%s: no tasks", name)
		}
		if last := p.Tasks[len(p.Tasks)-1].Text; strings.Contains(last, "抄送") || strings.Contains(last, "办公室") {
			t.Errorf("%s: last task text %q holds the end matter", name, last)
		}
	}
}
