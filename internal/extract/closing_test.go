package extract

import (
	"os"
	"strings"
	"testing"
)

// TestCopyListEndsItem checks that the end matter of a printed document
// (the copy list "抄送：…", the closing "本措施自…起施行") is no part of the
// last item, on its own line or run into it.
func TestCopyListEndsItem(t *testing.T) {
	for _, name := range []string{"wf_copy_list_2023", "ol_copy_list_2023", "ol_closing_provision_2023"} {
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
		if last := p.Tasks[len(p.Tasks)-1].Text; strings.Contains(last, "抄送") || strings.Contains(last, "办公室") || strings.Contains(last, "施行") {
			t.Errorf("%s: last task text %q holds the end matter", name, last)
		}
	}
}

func TestClosingProvisionLine(t *testing.T) {
	p, err := Parse("东川市促进养老服务消费若干措施\n一、扩大养老床位供给。（市民政局负责）\n二、发展助餐服务。（市民政局负责）\n本措施自2024年3月1日起施行。\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Tasks) != 2 || strings.Contains(p.Tasks[1].Text, "施行") {
		t.Errorf("tasks %+v: the closing provision joined the last item", p.Tasks)
	}
}
