package cli

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"luoshi/internal/plan"
)

// cityPlan is a plan written for the tests (see internal/extract/testdata).
func cityPlan(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "extract", "testdata", "city_plan.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func encodeGB18030(t *testing.T, s string) []byte {
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func encodeUTF16(t *testing.T, s string) []byte {
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// governmentPage wraps the plan's lines in the chrome of a provincial
// government site: navigation, a date banner, a counter, a script.
func governmentPage(s string) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>江州市人民政府</title>
<style>p{margin:0}</style><script>var visits = 1;</script></head><body>
<div class="nav"><a href="/">首页</a> | <a href="/zw">政务公开</a> 今天是：2024年3月9日 设为首页 加入收藏</div>
<div class="content">`)
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		b.WriteString("<p>" + html.EscapeString(line) + "</p>\n")
	}
	b.WriteString(`</div><div class="footer">访问次数：1024 版权所有 江州市人民政府</div></body></html>`)
	return []byte(b.String())
}

// wordDocument builds a minimal .docx whose paragraphs are the plan's lines.
func wordDocument(t *testing.T, s string) []byte {
	var body strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		body.WriteString(`<w:p><w:r><w:t xml:space="preserve">` + html.EscapeString(line) + `</w:t></w:r></w:p>`)
	}
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		body.String() + `</w:body></w:document>`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml":   doc,
	} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// TestParseFormats reads the same plan as UTF-8, GB18030, UTF-16, an HTML
// page and a .docx file: every form yields the same tasks and units.
func TestParseFormats(t *testing.T) {
	src := cityPlan(t)
	dir := t.TempDir()
	for _, tc := range []struct {
		file string
		data []byte
	}{
		{"plan.txt", []byte(src)},
		{"plan-bom.txt", append([]byte("\xEF\xBB\xBF"), src...)},
		{"plan-gb.txt", encodeGB18030(t, src)},
		{"plan-utf16.txt", encodeUTF16(t, src)},
		{"plan.html", governmentPage(src)},
		{"plan.docx", wordDocument(t, src)},
		{"plan-no-extension", governmentPage(src)},
	} {
		t.Run(tc.file, func(t *testing.T) {
			p := parseJSON(t, filepath.Join(dir, tc.file), tc.data)
			if p.Document.Title != "江州市2024年现代服务业发展工作要点" || p.Document.Year != 2024 {
				t.Errorf("document = %+v", p.Document)
			}
			if len(p.Tasks) != 10 {
				t.Fatalf("%d tasks, want 10", len(p.Tasks))
			}
			t4 := p.Tasks[3]
			if t4.Label != "4" || strings.Join(t4.Lead, "|") != "市商务局" || strings.Join(t4.Cooperating, "|") != "各县（市、区）人民政府" {
				t.Errorf("task 4 = %s lead %q cooperating %q", t4.Label, t4.Lead, t4.Cooperating)
			}
			for _, task := range p.Tasks {
				if strings.Contains(task.Text, "今天是") || strings.Contains(task.Text, "访问次数") {
					t.Errorf("page chrome in task %s: %q", task.Label, task.Text)
				}
			}
		})
	}
}

// TestParseOutline prints the readable form for a person at a terminal.
func TestParseOutline(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plan.txt")
	if err := os.WriteFile(path, []byte(cityPlan(t)), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI("parse", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"江州市2024年现代服务业发展工作要点", "做强生产性服务业", "[1] 提升现代物流能级",
		"牵头：市发展改革委", "配合：市交通运输局、市商务局", "期限：2024-06-30", "warnings"} {
		if !strings.Contains(out, want) {
			t.Errorf("outline lacks %q:\n%s", want, out)
		}
	}
}

// TestParseStdin reads the document from standard input.
func TestParseStdin(t *testing.T) {
	var out, errb bytes.Buffer
	code := Run([]string{"parse", "--json", "-"}, strings.NewReader(cityPlan(t)), &out, &errb)
	if code != 0 || !strings.Contains(out.String(), `"市统计局"`) {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
}

// TestParseNoTasks prints a plan without numbered items, with its goals
// and a no_tasks warning, and exits 0: only unreadable input is an error.
func TestParseNoTasks(t *testing.T) {
	src := "南岭市养老服务体系建设实施方案\n一、发展目标\n到2026年，全市养老机构护理型床位占比达到60%以上。\n"
	p := parseJSON(t, filepath.Join(t.TempDir(), "goals.txt"), []byte(src))
	if p.Document.Title != "南岭市养老服务体系建设实施方案" || len(p.Tasks) != 0 || len(p.Goals) != 1 || p.Goals[0].Value != 60 {
		t.Errorf("plan = %+v", p)
	}
	if !slices.ContainsFunc(p.Warnings, func(w plan.Warning) bool { return w.Code == "no_tasks" }) {
		t.Errorf("warnings = %+v, want no_tasks among them", p.Warnings)
	}
}

// TestParseBadInput exits non-zero with one clear line for every kind of
// unusable input.
func TestParseBadInput(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"empty", "empty.txt", nil, "empty"},
		{"blank", "blank.txt", []byte(" \n\t\n　\n"), "empty"},
		{"binary", "image.png", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...), "not text"},
		{"broken docx", "broken.docx", []byte("PK\x03\x04garbage"), "docx"},
		{"broken pdf", "broken.pdf", []byte("%PDF-1.4\n1 0 obj garbage"), "PDF file is damaged"},
		{"missing", "", nil, "no such file"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, "does-not-exist.txt")
			if tc.file != "" {
				path = filepath.Join(dir, tc.file)
				if err := os.WriteFile(path, tc.data, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			code, out, errOut := runCLI("parse", "--json", path)
			if code == 0 {
				t.Fatalf("exit 0 for %s, output %q", tc.name, out)
			}
			if out != "" {
				t.Errorf("stdout %q, want nothing", out)
			}
			if strings.Count(strings.TrimSpace(errOut), "\n") != 0 || !strings.Contains(errOut, tc.want) {
				t.Errorf("stderr %q, want one line containing %q", errOut, tc.want)
			}
		})
	}
	if code, _, _ := runCLI("parse"); code != 2 {
		t.Errorf("parse without a file: exit %d, want 2", code)
	}
}

// parseJSON writes data to path, runs parse --json on it, which must exit
// 0, and decodes the contract's JSON it prints.
func parseJSON(t *testing.T, path string, data []byte) plan.Plan {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI("parse", "--json", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var p plan.Plan
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatalf("output is not the contract's JSON: %v", err)
	}
	return p
}
