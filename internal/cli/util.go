package cli

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"sort"
	"strconv"
	"time"

	"github.com/morgue-archive/morgue/internal/news"
)

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func writeHitsCSV(w io.Writer, hits []news.Hit) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "kind", "article_id", "title", "source", "url", "published", "author", "score", "snippet"})
	for _, h := range hits {
		pub := ""
		if !h.Published.IsZero() {
			pub = h.Published.UTC().Format(time.RFC3339)
		}
		cw.Write([]string{h.ID, string(h.Kind), h.ArticleID, h.Title, h.Source, h.URL, pub, h.Author,
			strconv.FormatFloat(h.Score, 'f', 4, 64), h.Snippet})
	}
	cw.Flush()
	return cw.Error()
}

// writeJSON writes v as one JSON object line with "schema": 1 and the
// extra fields added.
func writeJSON(w io.Writer, v any, extra map[string]any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	m := map[string]any{}
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	m["schema"] = 1
	for k, x := range extra {
		m[k] = x
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(m)
}
