package source

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	utf16 "golang.org/x/text/encoding/unicode"
)

var (
	bomUTF8    = []byte("\xef\xbb\xbf")
	bomUTF16LE = []byte("\xff\xfe")
	bomUTF16BE = []byte("\xfe\xff")
)

// decodeText decodes a plain-text document and normalises its line
// endings; no other character is changed.
func decodeText(data []byte) (string, error) {
	s, err := toUTF8(data)
	if err != nil {
		return "", err
	}
	return normaliseNewlines(s), nil
}

// toUTF8 finds the encoding of plain text and returns the text as UTF-8
// without a byte-order mark. A BOM is trusted; without one the bytes must
// be valid UTF-8, or GB18030 that decodes to what is plainly Chinese.
func toUTF8(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		data = data[len(bomUTF8):]
		if !utf8.Valid(data) {
			return "", ErrEncoding
		}
		return checkText(string(data))
	case bytes.HasPrefix(data, bomUTF16LE):
		return decodeUTF16(utf16.LittleEndian, data)
	case bytes.HasPrefix(data, bomUTF16BE):
		return decodeUTF16(utf16.BigEndian, data)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", ErrBinary
	}
	if utf8.Valid(data) {
		return checkText(string(data))
	}
	if s, ok := decodeGB18030(data); ok {
		return s, nil
	}
	if controlShare(string(data)) {
		return "", ErrBinary
	}
	return "", ErrEncoding
}

func decodeUTF16(order utf16.Endianness, data []byte) (string, error) {
	dec := utf16.UTF16(order, utf16.ExpectBOM).NewDecoder()
	out, err := dec.Bytes(data)
	if err != nil {
		return "", ErrEncoding
	}
	s := string(out)
	// The decoder replaces unpaired surrogates and an odd trailing byte
	// with U+FFFD: such a file is not UTF-16 at all.
	if bytes.ContainsRune(out, utf8.RuneError) {
		return "", ErrEncoding
	}
	return checkText(s)
}

// checkText rejects decoded text that is made of control characters, as
// binary data that happens to be valid UTF-8 is. A stray control
// character in otherwise good text is kept: the text must stay as written.
func checkText(s string) (string, error) {
	if controlShare(s) {
		return "", ErrBinary
	}
	return s, nil
}

// controlShare reports whether s holds a NUL or more than one control
// character (other than tab, line feed, form feed, vertical tab, carriage
// return and the DOS end-of-file mark) in a hundred runes.
func controlShare(s string) bool {
	var runes, controls int
	for _, r := range s {
		runes++
		if r == 0 {
			return true
		}
		if isStrayControl(r) {
			controls++
		}
	}
	return controls*100 > runes
}

func isStrayControl(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', 0x1a:
		return false
	}
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)
}

var gb18030 encoding.Encoding = simplifiedchinese.GB18030

// decodeGB18030 decodes data as GB18030 and accepts the result only when
// it reads as Chinese: see looksGB.
func decodeGB18030(data []byte) (string, bool) {
	if !looksGB(data) {
		return "", false
	}
	out, err := gb18030.NewDecoder().Bytes(data)
	if err != nil {
		return "", false
	}
	s := string(out)
	if !looksChinese(s) {
		return "", false
	}
	return s, true
}

// looksGB reports whether the multi-byte sequences of data are mostly
// GB2312 characters (both bytes in A1–FE), as those of real Chinese text
// encoded as GBK or GB18030 are. Western single-byte text, where an
// accented letter is followed by an ASCII letter, and random bytes fail.
func looksGB(data []byte) bool {
	var seqs, gb2312 int
	for i := 0; i < len(data); {
		b := data[i]
		if b < 0x80 {
			i++
			continue
		}
		seqs++
		if i+1 >= len(data) {
			return false
		}
		c := data[i+1]
		switch {
		case c >= 0x30 && c <= 0x39: // four-byte sequence
			i += 4
		default:
			if b >= 0xa1 && b <= 0xf7 && c >= 0xa1 && c <= 0xfe {
				gb2312++
			}
			i += 2
		}
	}
	return seqs > 0 && gb2312*10 >= seqs*9
}

// looksChinese reports whether GB18030-decoded text is Chinese: no
// replacement, control or private-use characters (GBK's user-defined
// areas, never used by real text), and nine in ten of its non-ASCII
// characters Chinese characters or CJK punctuation.
func looksChinese(s string) bool {
	var nonASCII, cjk int
	for _, r := range s {
		switch {
		case r == utf8.RuneError, isStrayControl(r), r >= 0xe000 && r <= 0xf8ff:
			return false
		case r < 0x80:
			continue
		}
		nonASCII++
		if isCJK(r) {
			cjk++
		}
	}
	return nonASCII > 0 && cjk*10 >= nonASCII*9
}

// isCJK reports whether r is a Chinese character or a symbol found in
// Chinese official text: CJK and full-width punctuation, quotation marks
// and dashes, circled and Roman numerals, units, arrows and bullets.
func isCJK(r rune) bool {
	switch {
	case unicode.Is(unicode.Han, r),
		r >= 0x3000 && r <= 0x303f, // CJK symbols and punctuation
		r >= 0xff00 && r <= 0xffef, // full-width forms
		r >= 0x2010 && r <= 0x206f, // general punctuation: “ ” … — ‰
		r >= 0x2100 && r <= 0x21ff, // letter-like symbols, Roman numerals, arrows
		r >= 0x2200 && r <= 0x22ff, // ≥ ≤ ±
		r >= 0x2460 && r <= 0x24ff, // ① ⑴ ⒈
		r >= 0x2500 && r <= 0x26ff, // box drawing, ■ ● ★
		r >= 0x3200 && r <= 0x33ff, // ㈠ ㎡
		r == 0xb7, r == 0xd7, r == 0xf7, r == 0xb0, r == 0xa7:
		return true
	}
	return false
}
