package web

import (
	"mime"
	"testing"
)

// TestAttachment: a download keeps its name, for old clients in ASCII
// and for the others exactly, as RFC 5987's filename*.
func TestAttachment(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"report.pdf", `attachment; filename="report.pdf"`},
		{"进展说明.pdf", `attachment; filename="____.pdf"; filename*=UTF-8''%E8%BF%9B%E5%B1%95%E8%AF%B4%E6%98%8E.pdf`},
		{`a"b;c.txt`, `attachment; filename="a_b_c.txt"; filename*=UTF-8''a%22b%3Bc.txt`},
		{"第1季度 报告.docx", `attachment; filename="_1__ __.docx"; filename*=UTF-8''%E7%AC%AC1%E5%AD%A3%E5%BA%A6%20%E6%8A%A5%E5%91%8A.docx`},
	} {
		got := attachment(c.name)
		if got != c.want {
			t.Errorf("attachment(%q) = %s, want %s", c.name, got, c.want)
		}
		_, params, err := mime.ParseMediaType(got)
		if err != nil || params["filename"] != c.name {
			t.Errorf("%s reads back as %q (%v)", got, params["filename"], err)
		}
	}
	for _, c := range []struct{ display, stored, want string }{
		{"进展说明.pdf", "0123456789abcdef0123456789abcdef.pdf", "进展说明.pdf"},
		{"进展说明.PDF", "0123456789abcdef0123456789abcdef.pdf", "进展说明.PDF"},
		{"进展说明.exe", "0123456789abcdef0123456789abcdef.pdf", "进展说明.exe.pdf"},
		{"", "0123456789abcdef0123456789abcdef.txt", "0123456789abcdef0123456789abcdef.txt"},
	} {
		if got := downloadName(c.display, c.stored); got != c.want {
			t.Errorf("downloadName(%q, %q) = %q, want %q", c.display, c.stored, got, c.want)
		}
	}
}
