package planedit_test

import (
	"testing"

	"luoshi/internal/skipnote"
)

// TestMain says, at the end of the run, which suites were skipped.
func TestMain(m *testing.M) { skipnote.Main(m) }
