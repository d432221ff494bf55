package extract_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestHTMLCommentSections checks comment threads whose markup names no
// single comment: plain divs under a "Kommentare" title bar, and a
// threaded list in a section named for the discussion.
func TestHTMLCommentSections(t *testing.T) {
	type want struct {
		author, parent, opens string
		published             time.Time
	}
	tests := []struct {
		name     string
		file     string
		comments []want
		notBody  []string // comment text and chrome that must stay out of the body
	}{
		{
			name: "plain divs under a heading",
			file: "zone-heading.html",
			comments: []want{
				{author: "Kiesel", opens: "Vielen Dank, ich habe", published: time.Date(2006, 5, 13, 8, 12, 0, 0, time.UTC)},
				{author: "Motte", opens: "Die Szene am Brunnen", published: time.Date(2006, 5, 13, 11, 40, 0, 0, time.UTC)},
			},
			notBody: []string{"Vielen Dank, ich habe", "Kommentar von", "Eintragen", "20:05"},
		},
		{
			name: "threaded list in a discussion section",
			file: "zone-thread.html",
			comments: []want{
				{author: "Harriet Coble", opens: "About time.", published: time.Date(2023, 2, 10, 21, 14, 0, 0, time.UTC)},
				{author: "Piet Marrow", parent: "1", opens: "Rushed, and built", published: time.Date(2023, 2, 10, 22, 3, 0, 0, time.UTC)},
				{author: "Dot Ellery", opens: "Who pays for the extra third?", published: time.Date(2023, 2, 11, 7, 45, 0, 0, time.UTC)},
			},
			notBody: []string{"About time.", "Who pays", "What readers say"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "html", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			a := extractHTML(t, raw, tt.file)
			if len(a.Comments) != len(tt.comments) {
				t.Fatalf("got %d comments, want %d: %+v", len(a.Comments), len(tt.comments), a.Comments)
			}
			for i, w := range tt.comments {
				c := a.Comments[i]
				if c.Author != w.author || c.Parent != w.parent || !c.Published.Equal(w.published) || !strings.HasPrefix(c.Body, w.opens) {
					t.Errorf("comment %d = {%q parent %q %v %.40q}, want {%q parent %q %v %q…}",
						i+1, c.Author, c.Parent, c.Published, c.Body, w.author, w.parent, w.published, w.opens)
				}
				if strings.Contains(c.Body, "reply") || strings.Contains(c.Body, "Kommentar von") {
					t.Errorf("comment %d keeps its buttons or head line: %q", i+1, c.Body)
				}
			}
			for _, s := range tt.notBody {
				if strings.Contains(a.Body, s) {
					t.Errorf("body holds %q:\n%s", s, a.Body)
				}
			}
		})
	}
}
