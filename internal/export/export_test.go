package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/morgue-archive/morgue/internal/export"
	"github.com/morgue-archive/morgue/internal/news"
)

func sample() *news.Article {
	return &news.Article{
		ID: "a1", Title: "Ferry back", Source: "Island News", Body: "The ferry, \"Kestrel\", is back.",
		Published: time.Date(2019, 3, 14, 9, 0, 0, 0, time.UTC),
		Entities:  []news.Entity{{Name: "Kestrel", Type: news.Misc, Mentions: []news.Mention{{Start: 19, End: 26, Text: "Kestrel"}}}},
		Comments:  []news.Comment{{ID: "a1#c1", ArticleID: "a1", Number: 1, Author: "Ada", Body: "About time."}},
	}
}

func TestEncoderFormats(t *testing.T) {
	a := sample()
	encode := func(f export.Format, withComments bool) string {
		var b bytes.Buffer
		e := export.NewEncoder(&b, f, withComments)
		if err := e.Article(a); err != nil {
			t.Fatal(err)
		}
		if err := e.Comment(&a.Comments[0], a); err != nil {
			t.Fatal(err)
		}
		if err := e.Close(); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	t.Run("jsonl", func(t *testing.T) {
		lines := strings.Split(strings.TrimSpace(encode(export.JSONL, false)), "\n")
		if len(lines) != 2 {
			t.Fatalf("%d lines, want 2", len(lines))
		}
		var art map[string]any
		json.Unmarshal([]byte(lines[0]), &art)
		if art["schema"] != 1.0 || art["kind"] != "article" || art["published"] != "2019-03-14T09:00:00Z" || art["comments"] != nil {
			t.Errorf("article record = %v", art)
		}
		var com map[string]any
		json.Unmarshal([]byte(lines[1]), &com)
		if com["schema"] != 1.0 || com["article_title"] != "Ferry back" || com["kind"] != "comment" {
			t.Errorf("comment record = %v", com)
		}
	})
	t.Run("json with comments", func(t *testing.T) {
		var recs []map[string]any
		if err := json.Unmarshal([]byte(encode(export.JSON, true)), &recs); err != nil {
			t.Fatal(err)
		}
		if len(recs) != 2 || len(recs[0]["comments"].([]any)) != 1 {
			t.Errorf("records = %v", recs)
		}
	})
	t.Run("csv", func(t *testing.T) {
		rows, err := csv.NewReader(strings.NewReader(encode(export.CSV, false))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"a1#c1", "comment", "a1", "Ferry back", "Island News", "", "", "Ada", "About time."}
		if len(rows) != 3 || strings.Join(rows[2], "|") != strings.Join(want, "|") || rows[1][8] != a.Body {
			t.Errorf("rows = %q", rows)
		}
	})
	t.Run("empty json is an array", func(t *testing.T) {
		var b bytes.Buffer
		e := export.NewEncoder(&b, export.JSON, false)
		e.Close()
		var v []any
		if err := json.Unmarshal(b.Bytes(), &v); err != nil || len(v) != 0 {
			t.Errorf("empty JSON export %q: %v", b.String(), err)
		}
	})
}
