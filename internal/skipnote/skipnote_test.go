package skipnote

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestLine(t *testing.T) {
	if got := Line("internal/web"); got != "" {
		t.Fatalf("nothing noted yet: %q", got)
	}
	Note("browser tests", "chromium not found")
	Note("PostgreSQL tests", "LUOSHI_TEST_POSTGRES is not set")
	Note("browser tests", "chromium not found")
	want := "internal/web: skipped browser tests (chromium not found); PostgreSQL tests (LUOSHI_TEST_POSTGRES is not set)"
	if got := Line("internal/web"); got != want {
		t.Errorf("Line = %q, want %q", got, want)
	}
	if got := packageOf("/nowhere/at/all/x_test.go"); got != "all" {
		t.Errorf("packageOf outside a module = %q", got)
	}
	mu.Lock()
	notes = nil
	mu.Unlock()
}

// TestGoTestShowsTheLine runs go test on a package whose test skips and
// passes: go test prints only "ok" of it, and the line naming what was
// skipped, which it would otherwise keep to itself.
func TestGoTestShowsTheLine(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		gobin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	cmd := exec.Command(gobin, "test", "-count=1", "./testdata/skipper")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go test: %v\n%s", err, out)
	}
	want := "internal/skipnote/testdata/skipper: skipped the demo suite (it needs what is not here)"
	if runtime.GOOS == "linux" && !strings.Contains(string(out), want) {
		t.Errorf("go test did not say what it skipped:\n%s", out)
	}
	if !strings.Contains(string(out), "ok ") {
		t.Errorf("go test output:\n%s", out)
	}
}
