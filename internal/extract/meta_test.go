package extract

import (
	"strings"
	"testing"
)

// Lines without a metaLabelRune are not searched for labels.
func TestEveryMetaLabelHasAMetaLabelRune(t *testing.T) {
	for _, l := range metaLabels {
		if !strings.ContainsFunc(l, metaLabelRune) {
			t.Errorf("label %q holds no metaLabelRune", l)
		}
	}
}
