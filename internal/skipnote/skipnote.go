// Package skipnote lets a package's tests that skip a suite (no
// PostgreSQL, no Chromium, no seed plans beside the repository) say so in
// one line at the end of the package's run: go test ./... shows nothing
// else of a package that passes, so a skipped suite would go unnoticed.
//
// A package that may skip has a TestMain calling Main; its tests call
// Skip (or Note, then skip as they like).
package skipnote

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

var (
	mu    sync.Mutex
	notes []string // "suite (why)", each once, in the order first noted
)

// Note records that suite was skipped and why.
func Note(suite, why string) {
	n := suite + " (" + why + ")"
	mu.Lock()
	defer mu.Unlock()
	for _, x := range notes {
		if x == n {
			return
		}
	}
	notes = append(notes, n)
}

// Skip records that suite was skipped and why, and skips tb.
func Skip(tb testing.TB, suite, why string) {
	tb.Helper()
	Note(suite, why)
	tb.Skipf("%s skipped: %s", suite, why)
}

// Line is the summary of what was skipped, "" when nothing was.
func Line(pkg string) string {
	mu.Lock()
	defer mu.Unlock()
	if len(notes) == 0 {
		return ""
	}
	return pkg + ": skipped " + strings.Join(notes, "; ")
}

// Main runs the tests, then writes the summary line and exits with the
// tests' code.
func Main(m *testing.M) {
	code := m.Run()
	_, file, _, _ := runtime.Caller(1)
	if line := Line(packageOf(file)); line != "" {
		w, closeW := out()
		fmt.Fprintln(w, line)
		closeW()
	}
	os.Exit(code)
}

// packageOf names the package of a test file by its directory below the
// module's root.
func packageOf(file string) string {
	dir := filepath.Dir(file)
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			if rel, err := filepath.Rel(d, dir); err == nil {
				return filepath.ToSlash(rel)
			}
			break
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	return filepath.Base(dir)
}

// out is where the person running the tests sees the line. go test
// keeps what a passing package prints to itself, so under go test the
// line goes to the go command's own standard error (Linux's /proc names
// it); otherwise, or elsewhere, to standard output.
func out() (io.Writer, func()) {
	ppid := os.Getppid()
	comm, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", ppid))
	if err == nil && strings.TrimSpace(string(comm)) == "go" {
		if f, err := os.OpenFile(fmt.Sprintf("/proc/%d/fd/2", ppid), os.O_WRONLY|os.O_APPEND, 0); err == nil {
			return f, func() { f.Close() }
		}
	}
	return os.Stdout, func() {}
}
