package extract

// Internal tests of the boilerplate pass and the date and name helpers it
// shares with comment segmentation: the output trees here are written the
// way go-trafilatura writes them, so each rule is tested on its own.

import (
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

func parseFragment(t *testing.T, s string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func bodyOf(doc *html.Node) *html.Node {
	var body *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "body" {
			body = n
			return
		}
		for c := n.FirstChild; c != nil && body == nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return body
}

const articleParas = `<p>The allotment committee met on Tuesday to settle the question of the water butts, which has divided the plot holders since the dry summer two years ago.</p>
<p>After a long evening the members agreed that every plot will get a second butt, paid for out of the winter fund, and that the hose ban stays.</p>`

func TestPruneBoilerplate(t *testing.T) {
	tests := []struct {
		name         string
		page         string // the page as saved
		out          string // the library's output tree for it
		want         []string
		wantCaptions []string
	}{
		{
			name: "related label and its link list",
			page: `<article>` + articleParas + `<p><strong>Also worth reading:</strong></p><ul><li><a href="/a">Ten tips for leeks</a></li><li><a href="/b">Slugs, again</a></li><li><a href="/c">Our compost heap</a></li></ul></article>`,
			out:  articleParas + `<p><b>Also worth reading:</b></p><ul><li>Ten tips for leeks</li><li>Slugs, again</li><li>Our compost heap</li></ul>`,
			want: []string{"The allotment committee", "After a long evening"},
		},
		{
			name: "see-also line with its link",
			page: `<article>` + articleParas + `<p>Read more: <a href="/x">How the hose ban came about</a></p></article>`,
			out:  articleParas + `<p>Read more: How the hose ban came about</p>`,
			want: []string{"The allotment committee", "After a long evening"},
		},
		{
			name: "newsletter and author boxes named by class",
			page: `<article>` + articleParas + `<p class="newsletter-promo"><a href="/s">Get the Plot Post every Friday</a></p><div class="cbx-Author_PersonalInfo"><p>Editor of the garden pages since 2009.</p></div></article>`,
			out:  articleParas + `<p>Get the Plot Post every Friday</p><p>Editor of the garden pages since 2009.</p>`,
			want: []string{"The allotment committee", "After a long evening"},
		},
		{
			name: "a boilerplate class on the article's own wrapper counts for nothing",
			page: `<div class="layout has-sidebar"><div class="entry">` + articleParas + `</div></div>`,
			out:  articleParas,
			want: []string{"The allotment committee", "After a long evening"},
		},
		{
			name: "comment section chrome",
			page: `<article>` + articleParas + `</article><div id="comments"><h3>Comments</h3><p>Be kind: comments are read before they appear.</p></div>`,
			out:  articleParas + `<h3>Comments</h3><p>Be kind: comments are read before they appear.</p>`,
			want: []string{"The allotment committee", "After a long evening"},
		},
		{
			name: "date line, copyright, login notice, advertising label",
			page: `<article><p>March 3, 2021 at 9:15 am | Ada</p>` + articleParas + `<p>Advertisement</p><p>You must be logged in to post a comment.</p><p>© 2021 Plot Post. All rights reserved.</p></article>`,
			out:  `<p>March 3, 2021 at 9:15 am | Ada</p>` + articleParas + `<p>Advertisement</p><p>You must be logged in to post a comment.</p><p>© 2021 Plot Post. All rights reserved.</p>`,
			want: []string{"The allotment committee", "After a long evening"},
		},
		{
			name: "a date inside a sentence stays",
			page: `<article>` + articleParas + `<p>The next meeting is on March 3, 2021 at 9:15 am in the hut.</p></article>`,
			out:  articleParas + `<p>The next meeting is on March 3, 2021 at 9:15 am in the hut.</p>`,
			want: []string{"The allotment committee", "After a long evening", "The next meeting"},
		},
		{
			name:         "captions leave the body",
			page:         `<article>` + articleParas + `<figure><img src="b.jpg"><figcaption>The new water butts by the shed.</figcaption></figure></article>`,
			out:          articleParas + `<p>The new water butts by the shed.</p>`,
			want:         []string{"The allotment committee", "After a long evening"},
			wantCaptions: []string{"The new water butts by the shed."},
		},
		{
			name: "short link run in the article goes, a long one stays",
			page: `<article>` + articleParas + `<ul><li><a href="/1">Leeks</a></li><li><a href="/2">Onions</a></li></ul><p>The seed order, item by item:</p><ul>` +
				strings.Repeat(`<li><a href="/s">Seed packet</a></li>`, 7) + `</ul></article>`,
			out:  articleParas + `<ul><li>Leeks</li><li>Onions</li></ul><p>The seed order, item by item:</p><ul>` + strings.Repeat(`<li>Seed packet</li>`, 7) + `</ul>`,
			want: append([]string{"The allotment committee", "After a long evening", "The seed order"}, slices.Repeat([]string{"Seed packet"}, 7)...),
		},
		{
			name: "a headline that is also a link elsewhere stays",
			page: `<div class="sidebar"><ul><li><a href="/w">Water butts for every plot</a></li><li><a href="/z">Slugs, again</a></li></ul></div><article><h1>Water butts for every plot</h1>` + articleParas + `</article>`,
			out:  `<h1>Water butts for every plot</h1>` + articleParas,
			want: []string{"Water butts for every plot", "The allotment committee", "After a long evening"},
		},
		{
			name: "a sidebar list of links goes",
			page: `<article>` + articleParas + `</article><div class="rightcol"><div class="boxhead">Most read</div><ul><li><a href="/1">Frost on the way</a></li><li><a href="/2">The big marrow</a></li><li><a href="/3">A new shed</a></li></ul></div>`,
			out:  articleParas + `<p>Most read</p><ul><li>Frost on the way</li><li>The big marrow</li><li>A new shed</li></ul>`,
			want: []string{"The allotment committee", "After a long evening"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := parseFragment(t, "<html><body>"+tt.page+"</body></html>")
			out := bodyOf(parseFragment(t, "<html><body>"+tt.out+"</body></html>"))
			captions := pruneBoilerplate(out, page)
			var got []string
			for _, p := range strings.Split(renderBlocks(out), "\n\n") {
				if p != "" {
					got = append(got, p)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("kept %d blocks, want %d:\n%q", len(got), len(tt.want), got)
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("block %d = %q, want it to start with %q", i, got[i], w)
				}
			}
			if !slices.Equal(captions, tt.wantCaptions) {
				t.Errorf("captions = %q, want %q", captions, tt.wantCaptions)
			}
		})
	}
}

func TestParseCommentDate(t *testing.T) {
	at := func(y int, m time.Month, d, h, mi int) time.Time { return time.Date(y, m, d, h, mi, 0, 0, time.UTC) }
	tests := []struct {
		name string
		in   string
		want time.Time
	}{
		{name: "German day and month name with time", in: "26. März 2004, 16:19", want: at(2004, 3, 26, 16, 19)},
		{name: "dotted date puts the day first", in: "8.6.2020", want: at(2020, 6, 8, 0, 0)},
		{name: "dotted date with spaces and time", in: "14. 01. 2020, 13:29", want: at(2020, 1, 14, 13, 29)},
		{name: "weekday before the date", in: "Di, 21. April 2020 - 16:40", want: at(2020, 4, 21, 16, 40)},
		{name: "Spanish", in: "4 de mayo de 2022", want: at(2022, 5, 4, 0, 0)},
		{name: "Blogger", in: "7 March 2010 at 14:22", want: at(2010, 3, 7, 14, 22)},
		{name: "English month first", in: "Feb 6, 2014 at 20:37", want: at(2014, 2, 6, 20, 37)},
		{name: "no date", in: "Antworten", want: time.Time{}},
		{name: "impossible day", in: "31.02.2020", want: time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseCommentDate(tt.in); !got.Equal(tt.want) {
				t.Errorf("parseCommentDate(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestBoilerName(t *testing.T) {
	tests := []struct {
		name string
		attr string
		want bool
	}{
		{name: "related posts", attr: "jp-relatedposts", want: true},
		{name: "share bar", attr: "post-share-buttons", want: true},
		{name: "camel case author box", attr: "cbx-Author_PersonalInfo", want: true},
		{name: "author alone is a byline", attr: "author", want: false},
		{name: "WordPress taxonomy", attr: "post category-social-media tag-share", want: false},
		{name: "article body", attr: "entry-content clearfix", want: false},
		{name: "newsletter", attr: "newsletter-promo", want: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := boilerName(tt.attr); got != tt.want {
				t.Errorf("boilerName(%q) = %v, want %v (words %q)", tt.attr, got, tt.want, nameWords(tt.attr))
			}
		})
	}
}

func TestBoilerText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{name: "date and author line", in: "24. März 2004, 19:49 | Genesis", want: true},
		{name: "asked line", in: "asked Feb 6, 2014 at 20:37", want: true},
		{name: "comment count", in: "3 Kommentare", want: true},
		{name: "copyright", in: "© 2020 ®/TM General Mills All Rights Reserved", want: true},
		{name: "login to comment", in: "Eingeloggt sein um Kommentare zu schreiben!", want: true},
		{name: "advertising label", in: "Anzeige, enthält Affiliate Links", want: true},
		{name: "picture credit", in: "Beitragsbild: Titelseite vom 2.4.2019", want: true},
		{name: "a year in a heading stays", in: "2019", want: false},
		{name: "a sentence with a date stays", in: "Das Werk schließt am 3. März 2021 um 18:00 seine Tore.", want: false},
		{name: "may is a word too", in: "You may", want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := boilerText(tt.in); got != tt.want {
				t.Errorf("boilerText(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}
