package extract

// Placeholders until html.go, warc.go and jsonl.go land; delete each
// function as its real one arrives.

import (
	"errors"
	"io"

	"github.com/morgue-archive/morgue/internal/news"
)

var errNotYet = errors.New("format not supported yet")

func parseHTML(raw []byte, opt Options) (*news.Article, error) { return nil, errNotYet }

func readWARC(r io.Reader, opt Options, emit func(Record) error) error { return errNotYet }

func readJSONL(r io.Reader, opt Options, emit func(Record) error) error { return errNotYet }
