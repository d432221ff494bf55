package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
)

// A source record is read for every input file on every ingest, to skip
// the unchanged ones, so it is kept small and quick to decode: a version
// byte, then size, mtime, sha256 and the ids, as varints and
// length-prefixed strings. The path is the key. Records written as JSON by
// earlier versions (they start with '{') still read.

const sourceV1 = 1

var errBadSource = errors.New("bad source record")

func encodeSource(src Source) []byte {
	b := make([]byte, 0, 16+len(src.SHA256)+len(src.IDs)*14)
	b = append(b, sourceV1)
	b = binary.AppendVarint(b, src.Size)
	b = binary.AppendVarint(b, src.MTime)
	b = appendString(b, src.SHA256)
	b = binary.AppendUvarint(b, uint64(len(src.IDs)))
	for _, id := range src.IDs {
		b = appendString(b, id)
	}
	return b
}

func decodeSource(path string, v []byte) (Source, error) {
	src := Source{Path: path}
	if len(v) > 0 && v[0] == '{' {
		err := json.Unmarshal(v, &src)
		return src, err
	}
	if len(v) == 0 || v[0] != sourceV1 {
		return src, errBadSource
	}
	r := reader{b: v[1:]}
	src.Size = r.varint()
	src.MTime = r.varint()
	src.SHA256 = r.string()
	if n := r.uvarint(); n <= uint64(len(r.b)) {
		src.IDs = make([]string, n)
		for i := range src.IDs {
			src.IDs[i] = r.string()
		}
	} else {
		r.bad = true
	}
	if r.bad || len(r.b) != 0 {
		return src, errBadSource
	}
	return src, nil
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// reader decodes varints and strings, remembering the first error.
type reader struct {
	b   []byte
	bad bool
}

func (r *reader) uvarint() uint64 {
	x, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.bad, r.b = true, nil
		return 0
	}
	r.b = r.b[n:]
	return x
}

// varint undoes binary.AppendVarint's zig-zag encoding.
func (r *reader) varint() int64 {
	x := r.uvarint()
	return int64(x>>1) ^ -int64(x&1)
}

func (r *reader) string() string {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.bad, r.b = true, nil
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}
