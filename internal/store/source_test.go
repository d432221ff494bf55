package store

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

func TestSourceRecord(t *testing.T) {
	srcs := []Source{
		{Path: "/a/b.txt", Size: 2480, MTime: 1764000000123456789, SHA256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", IDs: []string{"0123456789ab"}},
		{Path: "/dump.jsonl", Size: 1 << 40, MTime: -5, IDs: []string{"a", "b", "c"}},
		{Path: "/empty"},
	}
	for _, src := range srcs {
		got, err := decodeSource(src.Path, encodeSource(src))
		if src.IDs == nil {
			src.IDs = []string{}
		}
		if err != nil || !reflect.DeepEqual(got, src) {
			t.Errorf("round trip of %+v: %+v, %v", src, got, err)
		}
		// A record from before the binary form still reads.
		old, _ := json.Marshal(src)
		if got, err := decodeSource(src.Path, old); err != nil || got.Size != src.Size || got.SHA256 != src.SHA256 {
			t.Errorf("JSON record %s: %+v, %v", old, got, err)
		}
	}
	good := encodeSource(srcs[0])
	for _, bad := range [][]byte{nil, {9}, good[:len(good)-1], append(good, 0), {sourceV1, 0x80}} {
		if _, err := decodeSource("/x", bad); !errors.Is(err, errBadSource) {
			t.Errorf("decodeSource(%x) = %v, want errBadSource", bad, err)
		}
	}
}
