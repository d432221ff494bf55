package extract

import (
	"strings"
	"testing"
)

// TestSegmentCommentsNotComments lists markup that looks like comments
// and is not: each page must yield no comment.
func TestSegmentCommentsNotComments(t *testing.T) {
	para := `<p>The ferry timetable changes on Monday: the early boat leaves at ten past six, and the last one returns at eleven.</p>`
	tests := []struct {
		name string
		page string
	}{
		{
			name: "menu previews are not reviews",
			page: strings.Repeat(`<div class="subnavPreview"><a href="/x">Ferry news</a> The latest sailings, fares and works on the quay, all in one place for readers.</div>`, 3),
		},
		{
			name: "a recent-comments widget lists comments on other pages",
			page: `<aside><ul class="recent-comments-list">` + strings.Repeat(`<li>Ann Tully on <a href="/p">Ferry fares to rise</a>, 3 March 2021 at 10:15, saying the rise is far too steep for families</li>`, 3) + `</ul></aside>`,
		},
		{
			name: "paragraphs after a heading named Discussion",
			page: `<article><h2>Discussion</h2>` + para + para + `</article>`,
		},
		{
			name: "a share button classed as comment",
			page: `<div class="social-icon comment"><a href="#c">Comment on this story</a></div><div class="social-icon comment"><a href="#c">Comment on this story</a></div>`,
		},
		{
			name: "a comment section marked like a comment with only its form",
			page: `<div class="comment-entry post-entry"><h3>Leave a Reply</h3><p>Want to join the discussion? Feel free to contribute!</p><form action="/c"><label>Name *</label><input name="n"><textarea name="t"></textarea></form></div>`,
		},
		{
			name: "taxonomy classes name the topic",
			page: `<article class="post category-kommentar">` + para + `</article><article class="post category-kommentar">` + para + `</article>`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseFragment(t, "<html><body>"+tt.page+"</body></html>")
			comments, _, _ := segmentComments(doc)
			if len(comments) != 0 {
				t.Errorf("got %d comments, want none: %+v", len(comments), comments)
			}
		})
	}
}
