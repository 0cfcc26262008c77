package extract

import (
	"os"
	"strings"
	"testing"
)

// TestPolicyClosing keeps a policy's closing paragraphs out of its last
// section, whose paragraphs each end in their own responsibility clause,
// and reads one assignment per paragraph.
func TestPolicyClosing(t *testing.T) {
	raw, err := os.ReadFile("testdata/xj_policy_2023.txt")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse(string(raw))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Tasks) != 2 {
		t.Fatalf("%d tasks, want 2", len(p.Tasks))
	}
	last := p.Tasks[1]
	if strings.Contains(last.Text, "实施细则") || strings.Contains(last.Text, "负责解释") {
		t.Errorf("closing paragraphs in the last task: %q", last.Text)
	}
	if !strings.HasSuffix(last.Text, "单个项目最高300万元。") {
		t.Errorf("last task ends %q", last.Text)
	}
	for _, task := range p.Tasks {
		if len(task.Assignments) != 2 {
			t.Errorf("task %s: %d assignments, want one per paragraph", task.Label, len(task.Assignments))
		}
	}
}
