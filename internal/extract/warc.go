package extract

// WARC and WET archives are read with github.com/nlnwa/gowarc/v2 (maintained,
// tolerant of the syntax slips real crawlers make, and it resynchronises on
// the next "WARC/" line after garbage). Three things are done here on top:
//
//   - Compression: gowarc inflates one gzip member per record, and after the
//     first record it throws away the rest of a member. Common Crawl WET
//     excerpts are often one gzip member for the whole file, so a gzip input
//     is inflated here as one multi-member stream instead; offsets are then
//     byte offsets in the inflated stream.
//   - Damage: a record whose block is shorter than its Content-Length, or
//     which gowarc cannot parse, is reported as Record{Err, Offset} and
//     reading goes on; a reader that stops making progress (truncated gzip)
//     ends the input after reporting it.
//   - HTTP: the block of a response record is parsed with net/http, so that
//     chunked transfer and gzip/deflate content encodings are undone.

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nlnwa/gowarc/v2"

	"github.com/morgue-archive/morgue/internal/news"
)

// MaxRecord is the largest WARC record block read into memory; larger
// records are skipped.
const MaxRecord = 64 << 20

// readWARC reads a WARC or WET archive, plain or gzip-compressed: every HTML
// response (WARC) and every text conversion (WET) becomes an article; other
// records are skipped with a reason; damaged records are reported with
// their byte offset.
func readWARC(r io.Reader, opt Options, emit func(Record) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var src io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fmt.Errorf("%w: gzip: %v", news.ErrBadInput, err)
		}
		defer zr.Close()
		src = zr
	}
	counted := &countingReader{r: src}
	wr, err := gowarc.NewWarcFileReaderFromStream(counted, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
		gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		// gowarc copies each block into its buffer before handing it out;
		// keep that in memory for every block this package will read (a
		// larger one spills to a temporary file and is then skipped).
		gowarc.WithBufferMaxMemBytes(MaxRecord+1<<20),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrWarn),
		gowarc.WithSkipParseBlock())
	if err != nil {
		return fmt.Errorf("%w: warc: %v", news.ErrBadInput, err)
	}
	defer wr.Close()
	seen := false
	lastBad, lastGood := int64(-1), int64(-1)
	for {
		rec, off, val, err, panicked := nextRecord(wr)
		if panicked {
			bad := Record{Err: fmt.Errorf("%w: warc record at byte %d: unreadable header: %v", news.ErrBadInput, off, err), Offset: off}
			if e := emit(bad); e != nil {
				return e
			}
			return nil // the reader's state is unknown after a panic
		}
		if gap := skippedBytes(val); gap > 0 {
			// gowarc passed over data it could not read as a record; a
			// damaged record may have been in it.
			bad := Record{Err: fmt.Errorf("%w: %d bytes of unreadable data at byte %d", news.ErrBadInput, gap, off-gap), Offset: off - gap}
			if e := emit(bad); e != nil {
				return e
			}
		}
		if err != nil {
			if rec != nil {
				rec.Close()
			}
			if errors.Is(err, io.EOF) && rec == nil {
				if at := counted.cutRecord(lastGood); at >= 0 {
					// A record header with no end: the input was cut.
					bad := Record{Err: fmt.Errorf("%w: truncated warc record at byte %d", news.ErrBadInput, at), Offset: at}
					return emit(bad)
				}
				if !seen {
					return fmt.Errorf("%w: no WARC record found", news.ErrBadInput)
				}
				return nil
			}
			seen = true
			bad := Record{Err: fmt.Errorf("%w: warc record at byte %d: %v", news.ErrBadInput, off, err), Offset: off}
			if e := emit(bad); e != nil {
				return e
			}
			if off == lastBad || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || isGzipError(err) {
				return nil // the stream cannot be read past this point
			}
			lastBad = off
			continue
		}
		seen = true
		lastGood = off
		var out Record
		if msg := lengthMismatch(val); msg != "" {
			out = Record{Err: fmt.Errorf("%w: warc record at byte %d: truncated or damaged: %s", news.ErrBadInput, off, msg), Offset: off}
		} else {
			out = warcRecord(rec, off, opt)
		}
		rec.Close()
		if err := emit(out); err != nil {
			return err
		}
	}
}

// countingReader counts the bytes read and keeps the last tailSize of
// them, to tell a cut-off record from trailing white space at the end.
// nextRecord calls wr.Next, turning a panic inside gowarc (v2.2.4 indexes
// out of range on a "WARC/" line of fewer than two bytes, found by
// FuzzReadWARC) into an error.
func nextRecord(wr *gowarc.WarcFileReader) (rec gowarc.WarcRecord, off int64, val *gowarc.Validation, err error, panicked bool) {
	defer func() {
		if p := recover(); p != nil {
			rec, val, err, panicked = nil, nil, fmt.Errorf("gowarc: %v", p), true
		}
	}()
	rec, off, val, err = wr.Next()
	return rec, off, val, err, false
}

type countingReader struct {
	r    io.Reader
	n    int64
	tail []byte
}

const tailSize = 64 << 10

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	c.tail = append(c.tail, p[:n]...)
	if len(c.tail) > 2*tailSize {
		c.tail = append(c.tail[:0], c.tail[len(c.tail)-tailSize:]...)
	}
	return n, err
}

// cutRecord returns the offset of a record header line that starts after
// offset after (the last record read whole) and was never read as a
// record, or -1 when there is none.
func (c *countingReader) cutRecord(after int64) int64 {
	base := c.n - int64(len(c.tail))
	from := max(after+1-base, 0)
	if from >= int64(len(c.tail)) {
		return -1
	}
	rest := c.tail[from:]
	for i := len(rest); i > 0; {
		i = bytes.LastIndex(rest[:i], []byte("WARC/1."))
		if i < 0 {
			break
		}
		if at := base + from + int64(i); at == 0 || (i > 0 && rest[i-1] == '\n') || (i == 0 && from > 0 && c.tail[from-1] == '\n') {
			return at
		}
	}
	return -1
}

// skippedBytes reads gowarc's "record was found N bytes after expected
// offset" warning.
func skippedBytes(v *gowarc.Validation) int64 {
	if v == nil {
		return 0
	}
	for _, e := range *v {
		var n int64
		msg := e.Error()
		if i := strings.Index(msg, "record was found "); i >= 0 {
			if _, err := fmt.Sscanf(msg[i:], "record was found %d bytes after expected offset", &n); err == nil {
				return n
			}
		}
	}
	return 0
}

// lengthMismatch returns gowarc's "content length mismatch" warning, if
// any: the block is not as long as its header says.
func lengthMismatch(v *gowarc.Validation) string {
	if v == nil {
		return ""
	}
	for _, e := range *v {
		if msg := e.Error(); strings.Contains(msg, "content length mismatch") {
			return msg
		}
	}
	return ""
}

func isGzipError(err error) bool {
	return errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.As(err, new(flate.CorruptInputError))
}

// warcRecord turns one record into an article, a skip or an error.
func warcRecord(rec gowarc.WarcRecord, off int64, opt Options) Record {
	h := rec.WarcHeader()
	typ := rec.Type()
	switch typ {
	case gowarc.Response, gowarc.Resource, gowarc.Conversion:
	default:
		return Record{Skip: warcTypeName(rec) + " record", Offset: off}
	}
	block, err := readBlock(rec)
	if err != nil {
		return Record{Err: fmt.Errorf("%w: warc record at byte %d: %v", news.ErrBadInput, off, err), Offset: off}
	}
	target := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(h.Get(gowarc.WarcTargetURI)), "<"), ">")
	date, _ := time.Parse(time.RFC3339, h.Get(gowarc.WarcDate))
	ctype := h.Get(gowarc.ContentType)

	var a *news.Article
	var raw []byte
	switch {
	case typ == gowarc.Conversion:
		raw = block
		a = wetArticle(block)
		if a == nil {
			return Record{Skip: "conversion record without text", Offset: off}
		}
		if l := h.Get("WARC-Identified-Content-Language"); l != "" {
			a.Language = wetLanguage(l)
		}
	case typ == gowarc.Response && strings.HasPrefix(strings.ToLower(ctype), "application/http"):
		resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(block)), nil)
		if err != nil {
			return Record{Err: fmt.Errorf("%w: warc record at byte %d: http response: %v", news.ErrBadInput, off, err), Offset: off}
		}
		payload, err := httpPayload(resp)
		if err != nil {
			return Record{Err: fmt.Errorf("%w: warc record at byte %d: http payload: %v", news.ErrBadInput, off, err), Offset: off}
		}
		if resp.StatusCode < 200 || resp.StatusCode > 299 {
			return Record{Skip: fmt.Sprintf("HTTP status %d", resp.StatusCode), Offset: off}
		}
		ct := resp.Header.Get("Content-Type")
		if !isHTMLType(ct, payload) {
			return Record{Skip: "not HTML: " + mediaType(ct, payload), Offset: off}
		}
		raw = payload
		a, err = parseHTMLPage(payload, ct, Options{Name: target, Source: opt.Source})
		if err != nil {
			return Record{Skip: fmt.Sprintf("no article in page: %v", err), Offset: off}
		}
	case typ == gowarc.Response:
		return Record{Skip: "response record that is not HTTP: " + ctype, Offset: off}
	default: // resource: a page stored without its HTTP envelope
		if !isHTMLType(ctype, block) {
			return Record{Skip: "resource record, not HTML: " + mediaType(ctype, block), Offset: off}
		}
		raw = block
		a, err = parseHTMLPage(block, ctype, Options{Name: target, Source: opt.Source})
		if err != nil {
			return Record{Skip: fmt.Sprintf("no article in page: %v", err), Offset: off}
		}
	}
	if target != "" {
		a.URL = target
	}
	if a.Published.IsZero() && !date.IsZero() {
		a.Published = date.UTC()
	}
	finish(a, opt, WARC)
	return Record{Article: a, Raw: raw, Offset: off}
}

func warcTypeName(rec gowarc.WarcRecord) string {
	if t := rec.WarcHeader().Get(gowarc.WarcType); t != "" {
		return t
	}
	return rec.Type().String()
}

// readBlock reads a record's block, checking it against Content-Length.
func readBlock(rec gowarc.WarcRecord) ([]byte, error) {
	r, err := rec.Block().RawBytes()
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(io.LimitReader(r, MaxRecord+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxRecord {
		return nil, fmt.Errorf("block larger than %d bytes", MaxRecord)
	}
	if n, err := rec.ContentLength(); err == nil && int64(len(b)) < n {
		return nil, fmt.Errorf("truncated: block has %d of %d bytes", len(b), n)
	}
	return b, nil
}

// httpPayload reads a response body, undoing gzip and deflate encodings.
func httpPayload(resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	var body io.Reader = resp.Body
	switch strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))) {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			return nil, err
		}
		body = zr
	case "deflate":
		body = flate.NewReader(resp.Body)
	default:
		return nil, fmt.Errorf("unsupported content encoding %q", resp.Header.Get("Content-Encoding"))
	}
	b, err := io.ReadAll(io.LimitReader(body, MaxRecord))
	if err != nil && len(b) == 0 {
		return nil, err
	}
	return b, nil // a short body is still a page
}

func mediaType(ct string, body []byte) string {
	if mt, _, err := mime.ParseMediaType(ct); err == nil {
		return mt
	}
	if len(body) > 0 {
		mt, _, _ := mime.ParseMediaType(http.DetectContentType(body))
		return mt
	}
	return "empty"
}

func isHTMLType(ct string, body []byte) bool {
	switch mediaType(ct, body) {
	case "text/html", "application/xhtml+xml":
		return true
	}
	return false
}

// wetArticle reads the text of a WET conversion record: the first line is
// the page title when it is short and more text follows.
func wetArticle(block []byte) *news.Article {
	if !utf8.Valid(block) {
		s, err := DecodeText(block)
		if err != nil {
			return nil
		}
		block = []byte(s)
	}
	text := strings.TrimSpace(strings.ReplaceAll(string(block), "\r\n", "\n"))
	if text == "" {
		return nil
	}
	a := &news.Article{}
	first, rest, ok := strings.Cut(text, "\n")
	if ok && utf8.RuneCountInString(first) <= 200 && strings.TrimSpace(rest) != "" {
		a.Title = oneLine(first)
		text = strings.TrimSpace(rest)
	}
	var paras []string
	for _, l := range strings.Split(text, "\n") {
		if l = oneLine(l); l != "" {
			paras = append(paras, l)
		}
	}
	a.Body = strings.Join(paras, "\n\n")
	return a
}

// wetLanguage turns Common Crawl's "eng,deu" (ISO 639-3, most likely
// first) into a two-letter code where one is known.
func wetLanguage(s string) string {
	first, _, _ := strings.Cut(s, ",")
	first = strings.ToLower(strings.TrimSpace(first))
	if two, ok := iso639_3to1[first]; ok {
		return two
	}
	return first
}

var iso639_3to1 = map[string]string{
	"eng": "en", "deu": "de", "fra": "fr", "spa": "es", "ita": "it", "por": "pt", "nld": "nl",
	"rus": "ru", "pol": "pl", "ukr": "uk", "ces": "cs", "swe": "sv", "dan": "da", "nor": "no",
	"fin": "fi", "tur": "tr", "ara": "ar", "heb": "he", "fas": "fa", "zho": "zh", "jpn": "ja",
	"kor": "ko", "ell": "el", "hun": "hu", "ron": "ro", "bul": "bg", "srp": "sr", "hrv": "hr",
}
