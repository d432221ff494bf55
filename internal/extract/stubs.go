package extract

// Placeholders replaced by the real readers (text.go, html.go, warc.go,
// jsonl.go). Each is removed from this file when its real one lands.

import (
	"errors"
	"io"

	"github.com/morgue-archive/morgue/internal/news"
)

var errNotYet = errors.New("format not supported yet")

func ParseText(s string) (*news.Article, error) {
	return &news.Article{Body: s}, nil
}

func parseHTML(raw []byte, opt Options) (*news.Article, error) { return nil, errNotYet }

func readWARC(r io.Reader, opt Options, emit func(Record) error) error { return errNotYet }

func readJSONL(r io.Reader, opt Options, emit func(Record) error) error { return errNotYet }
