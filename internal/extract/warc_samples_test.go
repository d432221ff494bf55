package extract_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/morgue-archive/morgue/internal/extract"
	"github.com/morgue-archive/morgue/internal/news"
)

// warcStartRx counts record headers the way a person would: a line that
// starts "WARC/1.".
var warcStartRx = regexp.MustCompile(`(?m)^WARC/1\.[01]\r?$`)

// TestWARCSamples reads every file of ../shared/data/warc_wet_samples and
// checks that every record header in it is accounted for: stored, skipped
// with a reason, or reported damaged with its offset.
func TestWARCSamples(t *testing.T) {
	dir := dataDirOrSkip(t, "warc_wet_samples")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*"))
	var totStored, totSkipped, totBad, totHeaders int
	for _, p := range files {
		if filepath.Base(p) == "SOURCE.md" {
			continue
		}
		name, _ := filepath.Rel(dir, p)
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			// The truth: headers visible in the inflated bytes (a truncated
			// gzip gives what it can).
			plain := inflatePartial(raw)
			headers := len(warcStartRx.FindAllIndex(plain, -1))
			stored, skipped, bad := 0, 0, 0
			reasons := map[string]int{}
			// sample.warc.txt would be taken for a text dump by its name.
			opt := extract.Options{Name: filepath.Base(p), Format: extract.WARC}
			err = extract.Extract(bytes.NewReader(raw), opt, func(r extract.Record) error {
				switch {
				case r.Article != nil:
					stored++
					if r.Article.Body == "" && r.Article.Title == "" {
						t.Errorf("record at %d: article without text", r.Offset)
					}
				case r.Skip != "":
					skipped++
					reasons[r.Skip]++
				case r.Err != nil:
					bad++
					if !errors.Is(r.Err, news.ErrBadInput) {
						t.Errorf("record error does not wrap ErrBadInput: %v", r.Err)
					}
					t.Logf("damaged at %d: %v", r.Offset, r.Err)
				default:
					t.Errorf("empty record at %d", r.Offset)
				}
				return nil
			})
			if err != nil {
				if headers > 0 {
					t.Errorf("Extract: %v", err)
				}
				t.Logf("whole input refused: %v", err)
			}
			t.Logf("%d record headers: %d stored, %d skipped %v, %d damaged", headers, stored, skipped, reasons, bad)
			// A damaged region may swallow the header after it (its
			// Content-Length runs over it), and a damaged tail may hold a
			// header that cannot be read: allow one per damaged report.
			if got := stored + skipped + bad; got < headers-bad || got > headers+bad {
				t.Errorf("accounted for %d records, file has %d headers", got, headers)
			}
			totStored += stored
			totSkipped += skipped
			totBad += bad
			totHeaders += headers
		})
	}
	t.Logf("all samples: %d record headers: %d stored, %d skipped, %d damaged", totHeaders, totStored, totSkipped, totBad)
}

// inflatePartial gunzips raw as far as it can be read; raw that is not gzip
// comes back as it is.
func inflatePartial(raw []byte) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return raw
	}
	var out bytes.Buffer
	_, _ = io.Copy(&out, zr) // a truncated stream gives what it had
	return out.Bytes()
}
