package news

import (
	"strings"
	"time"
)

// Kind says whether a document is an article or a comment.
type Kind string

// Document kinds.
const (
	KindArticle Kind = "article"
	KindComment Kind = "comment"
)

// Article is one scraped post: the text of the page minus navigation and
// boilerplate, with its reader comments.
type Article struct {
	ID            string    `json:"id"`
	URL           string    `json:"url,omitempty"`
	Source        string    `json:"source,omitempty"`
	Title         string    `json:"title,omitempty"`
	Authors       []string  `json:"authors,omitempty"`
	Published     time.Time `json:"published,omitzero"`
	Captions      []string  `json:"captions,omitempty"`
	Body          string    `json:"body"`
	ResponseCount int       `json:"response_count,omitempty"` // as stated by the page; 0 when not stated
	Language      string    `json:"language,omitempty"`
	Entities      []Entity  `json:"entities,omitempty"`
	Comments      []Comment `json:"comments,omitempty"`
	Origin        Origin    `json:"origin"`
}

// Comment is one reader comment below an article.
type Comment struct {
	ID        string    `json:"id"`
	ArticleID string    `json:"article_id"`
	Number    int       `json:"number"` // 1-based position in the thread
	Author    string    `json:"author,omitempty"`
	Published time.Time `json:"published,omitzero"`
	Parent    string    `json:"parent,omitempty"` // id of the comment this one replies to, when known
	Body      string    `json:"body"`
	Entities  []Entity  `json:"entities,omitempty"`
}

// Origin records where an article came from.
type Origin struct {
	Path       string    `json:"path,omitempty"`
	Format     string    `json:"format,omitempty"`
	SHA256     string    `json:"sha256,omitempty"`
	IngestedAt time.Time `json:"ingested_at,omitzero"`
	Parser     string    `json:"parser,omitempty"` // extractor version
}

// EntityType is the type of a named entity.
type EntityType string

// Entity types.
const (
	Person EntityType = "person"
	Org    EntityType = "org"
	Place  EntityType = "place"
	Misc   EntityType = "misc"
)

// Entity is a named entity found in one document: its canonical name and
// every span that mentions it.
type Entity struct {
	Name     string     `json:"name"`
	Type     EntityType `json:"type"`
	Mentions []Mention  `json:"mentions"`
}

// Mention is a span of a document's text in byte offsets, half-open. For a
// comment they index its Body; for an article they index the article text:
// title, captions and body joined by blank lines, empty parts left out
// (entity.ArticleText builds it).
type Mention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// CommentID returns the id of comment n of article id.
func CommentID(articleID string, n int) string {
	return articleID + "#c" + itoa(n)
}

// SplitID splits a document id into its article id and comment number
// (0 for an article).
func SplitID(id string) (articleID string, comment int) {
	i := strings.LastIndex(id, "#c")
	if i < 0 {
		return id, 0
	}
	n := 0
	for _, r := range id[i+2:] {
		if r < '0' || r > '9' {
			return id, 0
		}
		n = n*10 + int(r-'0')
	}
	return id[:i], n
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// Hit is one search result.
type Hit struct {
	ID        string    `json:"id"`
	Kind      Kind      `json:"kind"`
	ArticleID string    `json:"article_id"`
	Title     string    `json:"title,omitempty"`
	Source    string    `json:"source,omitempty"`
	URL       string    `json:"url,omitempty"`
	Published time.Time `json:"published,omitzero"`
	Author    string    `json:"author,omitempty"`
	Score     float64   `json:"score"`
	Snippet   string    `json:"snippet"`
}

// FacetValue is one value of a facet with the number of hits that have it.
type FacetValue struct {
	Name  string `json:"name"`
	Type  string `json:"type,omitempty"`
	Count int    `json:"count"`
}

// Results is one page of search results.
type Results struct {
	Query  string                  `json:"query"`
	Total  int                     `json:"total"`
	Hits   []Hit                   `json:"hits"`
	Facets map[string][]FacetValue `json:"facets,omitempty"`
}
