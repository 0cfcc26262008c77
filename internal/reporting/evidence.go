package reporting

import (
	"archive/zip"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Evidence errors; each check wraps one of them.
var (
	ErrFileTooLarge = errors.New("evidence file too large")
	ErrFileEmpty    = errors.New("evidence file empty")
	ErrFileType     = errors.New("evidence file type not allowed")
)

// DefaultMaxFileSize is the size limit of an evidence file.
const DefaultMaxFileSize = 20 << 20

// maxDisplayRunes bounds the display name kept from the upload.
const maxDisplayRunes = 120

// Media types of the evidence files accepted, with the extension the
// stored file gets.
var evidenceTypes = map[string]string{
	"application/pdf": ".pdf",
	"image/png":       ".png",
	"image/jpeg":      ".jpg",
	"image/gif":       ".gif",
	"image/webp":      ".webp",
	"text/plain":      ".txt",
	mediaDOCX:         ".docx",
	mediaXLSX:         ".xlsx",
}

const (
	mediaDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	mediaXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// CheckEvidence checks an uploaded file of size bytes read through r and
// named name by the uploader. The type comes from the content, never
// from the name: PDF, PNG, JPEG, GIF, WebP, UTF-8 or UTF-16 plain text,
// and .docx and .xlsx recognised by the parts inside their zip. The
// returned Evidence has a fresh random StoredName with the extension of
// the detected type, and the uploader's name reduced to a display text
// with no path components. maxSize ≤ 0 means DefaultMaxFileSize.
func CheckEvidence(name string, r io.ReaderAt, size, maxSize int64) (Evidence, error) {
	if maxSize <= 0 {
		maxSize = DefaultMaxFileSize
	}
	switch {
	case size <= 0:
		return Evidence{}, ErrFileEmpty
	case size > maxSize:
		return Evidence{}, fmt.Errorf("%w: %d bytes, at most %d", ErrFileTooLarge, size, maxSize)
	}
	head := make([]byte, min(size, 512))
	if _, err := r.ReadAt(head, 0); err != nil && err != io.EOF {
		return Evidence{}, fmt.Errorf("reading evidence file: %w", err)
	}
	media, err := sniff(head, r, size)
	if err != nil {
		return Evidence{}, err
	}
	return Evidence{
		StoredName:  NewStoredName(evidenceTypes[media]),
		DisplayName: DisplayName(name),
		Type:        media,
		Size:        size,
	}, nil
}

func sniff(head []byte, r io.ReaderAt, size int64) (string, error) {
	detected := http.DetectContentType(head)
	media, _, _ := strings.Cut(detected, ";")
	switch media {
	case "application/zip":
		zr, err := zip.NewReader(r, size)
		if err != nil {
			return "", fmt.Errorf("%w: unreadable zip", ErrFileType)
		}
		for _, f := range zr.File {
			switch f.Name {
			case "word/document.xml":
				return mediaDOCX, nil
			case "xl/workbook.xml":
				return mediaXLSX, nil
			}
		}
		return "", fmt.Errorf("%w: a zip that is neither .docx nor .xlsx", ErrFileType)
	case "text/plain":
		if strings.Contains(detected, "utf-8") || strings.Contains(detected, "utf-16") {
			return media, nil
		}
	default:
		if _, ok := evidenceTypes[media]; ok {
			return media, nil
		}
	}
	return "", fmt.Errorf("%w: %s", ErrFileType, detected)
}

// NewStoredName returns a random file name (32 hexadecimal digits) with
// ext appended, safe on every file system and impossible to guess.
func NewStoredName(ext string) string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return hex.EncodeToString(b[:]) + ext
}

// validStoredName tells whether n has the form NewStoredName gives.
func validStoredName(n string) bool {
	id, ext, _ := strings.Cut(n, ".")
	if len(id) != 32 {
		return false
	}
	if _, err := hex.DecodeString(id); err != nil {
		return false
	}
	for _, e := range evidenceTypes {
		if "."+ext == e {
			return true
		}
	}
	return false
}

// DisplayName reduces an uploaded file name to text safe to show: the
// last path component (either slash), without control characters,
// trimmed, at most 120 characters, "file" when nothing is left.
func DisplayName(name string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	name = path.Base(name)
	if name == "." || name == "/" || name == ".." {
		name = ""
	}
	name = strings.Map(func(r rune) rune {
		if r == utf8.RuneError || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if utf8.RuneCountInString(name) > maxDisplayRunes {
		name = string([]rune(name)[:maxDisplayRunes])
	}
	if name == "" {
		return "file"
	}
	return name
}
