package skipper

import (
	"testing"

	"luoshi/internal/skipnote"
)

func TestMain(m *testing.M) { skipnote.Main(m) }

func TestSkipped(t *testing.T) { skipnote.Skip(t, "the demo suite", "it needs what is not here") }

func TestRun(t *testing.T) {}
