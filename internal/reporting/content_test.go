package reporting

import (
	"archive/zip"
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"
)

func TestStatusNames(t *testing.T) {
	want := map[Status][2]string{
		Done: {"done", "已完成"}, OnTrack: {"on_track", "按进度推进"},
		Late: {"late", "滞后"}, NotStarted: {"not_started", "未启动"},
	}
	for _, s := range Statuses {
		if string(s) != want[s][0] || s.Label() != want[s][1] {
			t.Errorf("%q: label %q", s, s.Label())
		}
		for _, in := range want[s] {
			if got, err := ParseStatus(" " + in + " "); err != nil || got != s {
				t.Errorf("ParseStatus(%q) = %q, %v", in, got, err)
			}
		}
	}
	if _, err := ParseStatus("完成"); !errors.Is(err, ErrInvalidContent) {
		t.Errorf("ParseStatus(完成): %v", err)
	}
	for _, c := range Confidences {
		if !c.Valid() || c.Label() == "" {
			t.Errorf("confidence %q", c)
		}
	}
}

func TestContentValidate(t *testing.T) {
	long := strings.Repeat("进", MaxTextRunes+1)
	ok := strings.Repeat("进", MaxTextRunes)
	tests := []struct {
		name  string
		edit  func(*Content)
		draft []FieldError // errors of ValidateDraft
		full  []FieldError // errors of Validate
	}{
		{"valid", func(c *Content) {}, nil, nil},
		{"text at the limit", func(c *Content) { c.Done, c.Problems, c.NextSteps = ok, ok, ok }, nil, nil},
		{"empty", func(c *Content) { *c = Content{} }, nil, []FieldError{{"status", "required"}, {"confidence", "required"}}},
		{"unknown status", func(c *Content) { c.Status = "完成" }, []FieldError{{"status", "unknown"}}, []FieldError{{"status", "unknown"}}},
		{"progress -1", func(c *Content) { c.Progress = -1 }, []FieldError{{"progress", "out_of_range"}}, []FieldError{{"progress", "out_of_range"}}},
		{"progress 101", func(c *Content) { c.Progress = 101 }, []FieldError{{"progress", "out_of_range"}}, []FieldError{{"progress", "out_of_range"}}},
		{"done at 90%", func(c *Content) { c.Status = Done; c.Progress = 90 }, nil, []FieldError{{"progress", "done_needs_100"}}},
		{"not started at 5%", func(c *Content) { c.Status = NotStarted; c.Progress = 5 }, nil, []FieldError{{"progress", "not_started_needs_0"}}},
		{"unknown confidence", func(c *Content) { c.Confidence = "maybe" }, []FieldError{{"confidence", "unknown"}}, []FieldError{{"confidence", "unknown"}}},
		{"long texts", func(c *Content) { c.Done, c.NextSteps = long, long }, []FieldError{{"done", "too_long"}, {"next_steps", "too_long"}}, []FieldError{{"done", "too_long"}, {"next_steps", "too_long"}}},
		{"invalid UTF-8", func(c *Content) { c.Problems = "\xff" }, []FieldError{{"problems", "not_utf8"}}, []FieldError{{"problems", "not_utf8"}}},
		{
			"values not finite, unnamed and repeated",
			func(c *Content) {
				c.Values = []Value{{"a", math.NaN()}, {"b", math.Inf(1)}, {"", 1}, {"a", math.Inf(-1)}}
			},
			[]FieldError{{"values[0].value", "not_finite"}, {"values[1].value", "not_finite"}, {"values[2].indicator", "required"},
				{"values[3].indicator", "duplicate"}, {"values[3].value", "not_finite"}},
			nil, // same as draft, checked below
		},
		{"unchecked evidence", func(c *Content) { c.Evidence = []Evidence{{StoredName: "../../etc/passwd"}} },
			[]FieldError{{"evidence[0]", "unchecked"}}, []FieldError{{"evidence[0]", "unchecked"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validContent()
			tt.edit(&c)
			full := tt.full
			if full == nil && tt.draft != nil {
				full = tt.draft
			}
			check := func(what string, err error, want []FieldError) {
				if len(want) == 0 {
					if err != nil {
						t.Errorf("%s: %v", what, err)
					}
					return
				}
				var ce ContentError
				if !errors.As(err, &ce) || !errors.Is(err, ErrInvalidContent) {
					t.Fatalf("%s: %v, want a ContentError", what, err)
				}
				if len(ce) != len(want) {
					t.Fatalf("%s: %v, want %v", what, ce, want)
				}
				for i := range ce {
					if ce[i] != want[i] {
						t.Errorf("%s: error %d is %v, want %v", what, i, ce[i], want[i])
					}
				}
			}
			check("draft", c.ValidateDraft(), tt.draft)
			check("submit", c.Validate(), full)
		})
	}
}

func docx(t *testing.T, part string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range []string{"[Content_Types].xml", part} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("<x/>"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestCheckEvidence(t *testing.T) {
	png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 100)...)
	tests := []struct {
		name    string
		file    string
		data    []byte
		max     int64
		media   string
		ext     string
		display string
		err     error
	}{
		{"pdf", "C:\\Users\\王\\验收报告.pdf", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj"), 0, "application/pdf", ".pdf", "验收报告.pdf", nil},
		{"png named .pdf gets its real type", "photo.pdf", png, 0, "image/png", ".png", "photo.pdf", nil},
		{"jpeg", "现场.jpg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), 0, "image/jpeg", ".jpg", "现场.jpg", nil},
		{"utf-8 text", "../../说明.txt", []byte("本季度完成签约项目3个。\n"), 0, "text/plain", ".txt", "说明.txt", nil},
		{"docx", "方案.docx", docx(t, "word/document.xml"), 0, mediaDOCX, ".docx", "方案.docx", nil},
		{"xlsx", "台账.xlsx", docx(t, "xl/workbook.xml"), 0, mediaXLSX, ".xlsx", "台账.xlsx", nil},
		{"bare zip", "a.docx", docx(t, "readme.txt"), 0, "", "", "", ErrFileType},
		{"broken zip", "a.docx", []byte("PK\x03\x04garbage"), 0, "", "", "", ErrFileType},
		{"html", "a.txt", []byte("<html><script>alert(1)</script>"), 0, "", "", "", ErrFileType},
		{"svg", "a.png", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>`), 0, "", "", "", ErrFileType},
		{"executable", "a.pdf", []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), 0, "", "", "", ErrFileType},
		{"gb18030 text is not recognised", "a.txt", []byte{0xb1, 0xbe, 0xbc, 0xbe, 0xb6, 0xc8, 0x00, 0x01}, 0, "", "", "", ErrFileType},
		{"too large", "a.pdf", []byte("%PDF-1.7 0123456789"), 10, "", "", "", ErrFileTooLarge},
		{"empty", "a.pdf", nil, 0, "", "", "", ErrFileEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := CheckEvidence(tt.file, bytes.NewReader(tt.data), int64(len(tt.data)), tt.max)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("got %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if e.Type != tt.media || e.DisplayName != tt.display || e.Size != int64(len(tt.data)) {
				t.Errorf("got %+v", e)
			}
			if !strings.HasSuffix(e.StoredName, tt.ext) || len(e.StoredName) != 32+len(tt.ext) || !validStoredName(e.StoredName) {
				t.Errorf("stored name %q", e.StoredName)
			}
			c := validContent()
			c.Evidence = []Evidence{e}
			if err := c.Validate(); err != nil {
				t.Errorf("checked evidence refused: %v", err)
			}
		})
	}
	a, _ := CheckEvidence("a.pdf", bytes.NewReader([]byte("%PDF-1.4")), 8, 0)
	b, _ := CheckEvidence("a.pdf", bytes.NewReader([]byte("%PDF-1.4")), 8, 0)
	if a.StoredName == b.StoredName {
		t.Error("two uploads got the same stored name")
	}
}

func TestDisplayName(t *testing.T) {
	for in, want := range map[string]string{
		"报告.pdf":                          "报告.pdf",
		"/etc/passwd":                     "passwd",
		`..\..\windows\system32\x.dll`:    "x.dll",
		"..":                              "file",
		"":                                "file",
		"  a\x00b\r\nc.txt ":              "abc.txt",
		"evil\u202egnp.exe":               "evilgnp.exe", // right-to-left override removed
		strings.Repeat("长", 130) + ".pdf": strings.Repeat("长", 120),
	} {
		if got := DisplayName(in); got != want {
			t.Errorf("DisplayName(%q) = %q, want %q", in, got, want)
		}
	}
}
