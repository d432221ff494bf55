package index_test

import (
	"strings"
	"testing"

	"github.com/morgue-archive/morgue/internal/index"
)

func TestSnippet(t *testing.T) {
	long := strings.Repeat("filler words here. ", 30)
	tests := []struct {
		name  string
		text  string
		h     index.Highlight
		width int
		want  string
	}{
		{"stemmed word", "Interest rates rose again.", index.Highlight{Words: []string{"rate"}}, 100,
			"Interest [[rates]] rose again."},
		{"case-insensitive, several", "Bout met BOUT's lawyer.", index.Highlight{Words: []string{"bout"}}, 100,
			"[[Bout]] met [[BOUT's]] lawyer."},
		{"prefix", "The swap and the swapping.", index.Highlight{Prefixes: []string{"swap"}}, 100,
			"The [[swap]] and the [[swapping]]."},
		{"spans", "Viktor Bout was arrested.", index.Highlight{Spans: [][2]int{{0, 11}}}, 100,
			"[[Viktor Bout]] was arrested."},
		{"no match gives the start", "Nothing to see here at all.", index.Highlight{Words: []string{"zeppelin"}}, 12,
			"Nothing to see…"},
		{"window around the match", long + "the ferry sailed. " + long, index.Highlight{Words: []string{"ferry"}}, 60,
			"…words here. the [[ferry]] sailed. filler words here. filler words…"},
		{"one line", "Title\n\nThe ferry\nsailed.", index.Highlight{Words: []string{"ferry"}}, 100,
			"Title The [[ferry]] sailed."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := index.Snippet(tt.text, tt.h, tt.width); got != tt.want {
				t.Errorf("Snippet = %q\nwant      %q", got, tt.want)
			}
		})
	}
}
