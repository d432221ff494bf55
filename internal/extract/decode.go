package extract

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/morgue-archive/morgue/internal/news"
)

// MaxLine is the longest line a text dump may have. Scraped pages wrap
// their text; a longer line means the file is not a page dump (a minified
// blob, a database dump, a binary).
const MaxLine = 1 << 20

// DecodeText checks that raw is text and returns it as UTF-8. Input that is
// not valid UTF-8 is decoded as Windows-1252 (a superset of Latin-1 for
// printable text), which is what such scraped files almost always are.
// Errors wrap news.ErrBadInput and say what was wrong.
func DecodeText(raw []byte) (string, error) {
	raw = bytes.TrimPrefix(raw, []byte("\ufeff"))
	if len(bytes.TrimSpace(raw)) == 0 {
		return "", fmt.Errorf("%w: empty file", news.ErrBadInput)
	}
	if i := binaryAt(raw); i >= 0 {
		return "", fmt.Errorf("%w: binary data at byte %d, not text", news.ErrBadInput, i)
	}
	if n, at := longestLine(raw); n > MaxLine {
		return "", fmt.Errorf("%w: line starting at byte %d is %d bytes long (limit %d): not a text dump", news.ErrBadInput, at, n, MaxLine)
	}
	if utf8.Valid(raw) {
		return string(raw), nil
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(raw)
	if err != nil {
		return "", fmt.Errorf("%w: neither UTF-8 nor Windows-1252: %v", news.ErrBadInput, err)
	}
	return string(s), nil
}

// binaryAt returns the offset of the first byte that text never holds (NUL
// and most C0 controls), or -1.
func binaryAt(b []byte) int {
	if len(b) > 64<<10 {
		b = b[:64<<10]
	}
	bad := 0
	for i, c := range b {
		if c == 0 {
			return i
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' && c != 0x1b {
			bad++
			if bad > 8 {
				return i
			}
		}
	}
	return -1
}

func longestLine(b []byte) (n, at int) {
	off := 0
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			i = len(b)
		}
		if i > n {
			n, at = i, off
		}
		if i == len(b) {
			break
		}
		b = b[i+1:]
		off += i + 1
	}
	return n, at
}

// peekReader lets Extract look at the head of an input without losing it.
type peekReader struct{ *bufio.Reader }

func newPeekReader(r io.Reader) peekReader { return peekReader{bufio.NewReaderSize(r, 64<<10)} }

func (p peekReader) peek(n int) []byte {
	b, _ := p.Peek(n) // a short input gives what there is
	return b
}
