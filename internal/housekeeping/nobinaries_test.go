package housekeeping

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// repo makes a git repository in a temporary directory with files
// committed.
func repo(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.org"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		git("add", name)
	}
	git("commit", "-q", "-m", "files", "--allow-empty")
	return dir
}

func noBinaries(t *testing.T, dir string) (string, bool) {
	t.Helper()
	script, err := filepath.Abs(filepath.Join("..", "..", ".ci", "no-binaries"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("bash", script, dir).CombinedOutput()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatalf("running %s: %v", script, err)
	}
	return string(out), err == nil
}

func TestNoBinaries(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	text := map[string][]byte{
		"main.go":   []byte("package main\n"),
		"plan.txt":  []byte("西川省2026年工作要点\n一、重点任务\n"),
		"icon.png":  {0x89, 'P', 'N', 'G', 0, 0, 0, 0x0d},
		"empty.txt": {},
		"internal/extract/testdata/fuzz/FuzzParse/0a1b": []byte("go test fuzz v1\nstring(\"\\x00一\\xff\")\n"),
	}
	if out, ok := noBinaries(t, repo(t, text)); !ok {
		t.Errorf("text, an allowed image and a fuzz corpus file refused:\n%s", out)
	}
	text["fixtures/plan.docx"] = []byte("PK\x03\x04\x14\x00\x06\x00word/document.xml")
	out, ok := noBinaries(t, repo(t, text))
	if ok || !strings.Contains(out, "fixtures/plan.docx") || strings.Contains(out, "icon.png") {
		t.Errorf("a committed .docx was not refused, or not alone:\n%s", out)
	}
	// The work tree's own files pass: it is the check CI runs.
	if out, ok := noBinaries(t, filepath.Join("..", "..")); !ok {
		t.Errorf("the repository holds a binary file:\n%s", out)
	}
}
