package extract

// Comment threads in markup that names no single comment. Some sites mark
// only the comment section (div#kommentarModul, div.sect_commentlinks) or
// only put a "Comments" heading above it, and write each comment as a plain
// div, li or blockquote. findZoneItems finds such a section and takes its
// repeated children as the comments: the element under the section with
// the most children of one shape (same tag and first class) that each hold
// text of their own, no form, and not mostly links. A child of the same
// shape nested in a comment is a reply to it.

import (
	"regexp"
	"strings"
	"sync"

	"golang.org/x/net/html"
)

var (
	zoneOnce           sync.Once
	rxCommentHeadingRe *regexp.Regexp
)

func rxCommentHeading() *regexp.Regexp {
	zoneOnce.Do(func() {
		rxCommentHeadingRe = regexp.MustCompile(`(?i)^(?:\d+\s+)?(?:leser)?(?:comments?|kommentare?|responses?|replies|reactions|reaktionen|diskussion|discussion|commentaires?|comentarios?|komentarze?|reacties|commenti|leserbriefe)(?:\s*\(\d+\))?(?:\s+(?:zu|to|on|sur|a|para|do)\b.*)?:?$`)
	})
	return rxCommentHeadingRe
}

// findZoneItems returns the comments found in comment sections that mark no
// single comment, in page order.
func findZoneItems(doc *html.Node) []*commentItem {
	var items []*commentItem
	seen := map[*html.Node]bool{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type != html.ElementNode && n.Type != html.DocumentNode {
			return
		}
		if n.Type == html.ElementNode {
			if commentZoneName(n) < 0 {
				return
			}
			if isCommentZone(n) {
				if list, sig := repeatedChildren(n, 2); list != nil && mostlyDated(list) {
					items = append(items, zoneItems(list, sig, nil, seen)...)
					return
				}
			}
			if isCommentHeading(n) {
				// The comments follow the heading, up to the next heading or
				// form: as its siblings, or as the children of one sibling.
				var run []*html.Node
				for s := n.NextSibling; s != nil; s = s.NextSibling {
					if s.Type != html.ElementNode {
						continue
					}
					if holdsForm(s) || s.Data == "form" || isHeadingLike(s) {
						break
					}
					run = append(run, s)
				}
				if its := headingZone(run, seen); len(its) > 0 {
					items = append(items, its...)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return items
}

// headingZone reads the comments in the elements that follow a comment
// heading: each element that looks like a comment is one, unless a single
// element holds repeated children.
func headingZone(run []*html.Node, seen map[*html.Node]bool) []*commentItem {
	if len(run) == 1 {
		if list, sig := repeatedChildren(run[0], 2); list != nil && mostlyDated(list) {
			return zoneItems(list, sig, nil, seen)
		}
	}
	var out []*commentItem
	for _, n := range run {
		if !zoneContainer(n) || !zoneItemText(n) || !holdsDate(n) || seen[n] {
			continue
		}
		seen[n] = true
		markZone(n)
		out = append(out, &commentItem{mark: "zone", node: n})
	}
	return out
}

// mostlyDated reports whether most of the elements in list show a date.
func mostlyDated(list []*html.Node) bool {
	n := 0
	for _, e := range list {
		if holdsDate(e) {
			n++
		}
	}
	return n*2 > len(list)
}

// zoneContainer reports whether n is an element that can hold one comment
// with its head line: not a bare paragraph.
func zoneContainer(n *html.Node) bool {
	switch n.Data {
	case "li", "div", "article", "section", "blockquote", "dd", "table":
		return true
	}
	return false
}

// holdsDate reports whether n shows a date, as comments do: a <time> or
// datetime attribute, or a short line of text that reads as a date.
func holdsDate(n *html.Node) bool {
	lines := 0
	var walk func(*html.Node) bool
	walk = func(e *html.Node) bool {
		for c := e.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.ElementNode:
				if c.Data == "script" || c.Data == "style" {
					continue
				}
				if c.Data == "time" || domAttr(c, "datetime") != "" {
					return true
				}
				if walk(c) {
					return true
				}
			case html.TextNode:
				t := strings.TrimSpace(c.Data)
				if t == "" || len(t) > 80 {
					continue
				}
				if lines++; lines > 12 {
					return false
				}
				if strings.ContainsAny(t, "0123456789") && !parseCommentDate(t).IsZero() {
					return true
				}
			}
		}
		return false
	}
	return walk(n)
}

// zoneItems makes items of the elements in list, with their replies: the
// elements of the same shape nested in each.
func zoneItems(list []*html.Node, sig string, parent *commentItem, seen map[*html.Node]bool) []*commentItem {
	var out []*commentItem
	for _, n := range list {
		if seen[n] {
			continue
		}
		seen[n] = true
		markZone(n)
		it := &commentItem{mark: "zone", node: n, parent: parent}
		out = append(out, it)
		var replies []*html.Node
		var find func(*html.Node)
		find = func(e *html.Node) {
			for c := e.FirstChild; c != nil; c = c.NextSibling {
				if c.Type != html.ElementNode {
					continue
				}
				if shapeOf(c) == sig && zoneItemText(c) {
					replies = append(replies, c)
					continue
				}
				find(c)
			}
		}
		find(n)
		out = append(out, zoneItems(replies, sig, it, seen)...)
	}
	return out
}

// zoneMark is the attribute that marks the comments found here, so that the
// text of a comment leaves out the replies nested in it as it does for
// comments marked up as such.
const zoneMark = "data-morgue-comment"

func markZone(n *html.Node) {
	if !hasZoneMark(n) {
		n.Attr = append(n.Attr, html.Attribute{Key: zoneMark})
	}
}

func hasZoneMark(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == zoneMark {
			return true
		}
	}
	return false
}

// isCommentZone reports whether n is named as a comment section: a class or
// id word that holds "comment" or its translations ("leserkommentare"), and
// is not a form, a count or a button.
func isCommentZone(n *html.Node) bool {
	switch n.Data {
	case "div", "section", "ul", "ol", "span", "aside", "dl":
	default:
		return false
	}
	return commentZoneName(n) > 0
}

// commentZoneName is 1 when n is named as a comment section, -1 when it is
// named as a list of recent or popular comments (links to comments on
// other pages, not this page's), and 0 otherwise.
func commentZoneName(n *html.Node) int {
	id, class := domAttr(n, "id"), domAttr(n, "class")
	if !nameMentionsComments(id) && !nameMentionsComments(class) {
		return 0
	}
	zone := false
	for _, attr := range []string{id, class} {
		for _, w := range nameWords(attr) {
			switch w {
			case "recent", "latest", "popular", "aktuelle", "neueste", "letzte", "derniers", "recientes", "ultimi":
				return -1
			}
			zone = zone || zoneWord(w)
		}
	}
	if zone {
		return 1
	}
	return 0
}

// mentionsComments is a cheap test that a lower-case name or line can
// name comments in one of the languages the patterns here know.
func mentionsComments(s string) bool {
	return containsAny(s, "comment", "kommentar", "komentar", "comentario", "leserbrief", "diskussion", "discussion",
		"respons", "repl", "reaction", "reaktion", "reactie", "commenti")
}

// nameMentionsComments is a cheap test that a class or id can hold a word
// that zoneWord takes: every stem holds one of these pieces.
func nameMentionsComments(s string) bool {
	return containsAny(s, "ment", "brief", "kuss", "cuss")
}

func zoneWord(w string) bool {
	for _, other := range []string{"recent", "latest", "popular"} {
		if strings.Contains(w, other) {
			return false // "recentcomments"
		}
	}
	for _, stem := range []string{"comment", "kommentar", "komentar", "comentario", "commentaire", "leserbrief", "diskussion", "discussion"} {
		if i := strings.Index(w, stem); i >= 0 {
			rest := w[i+len(stem):]
			for _, bad := range []string{"form", "count", "number", "num", "icon", "button", "btn", "link", "respond", "reply", "toggle", "policy", "rules", "notice"} {
				if strings.Contains(rest, bad) && !strings.HasPrefix(rest, "links") {
					return false
				}
			}
			return true
		}
	}
	return false
}

// isCommentHeading reports whether n is a heading, or a short line on its
// own, that names a comment section ("Kommentare", "12 Comments").
func isCommentHeading(n *html.Node) bool {
	if !isHeadingLike(n) {
		return false
	}
	t, ok := shortText(n, 200)
	if !ok || !mentionsComments(strings.ToLower(t)) {
		return false
	}
	t = oneLine(t)
	return len(t) <= 100 && rxCommentHeading().MatchString(t)
}

// shortText returns the text under n when it is at most max bytes long,
// and false (without reading the rest) when it is longer.
func shortText(n *html.Node, max int) (string, bool) {
	var b strings.Builder
	var walk func(*html.Node) bool
	walk = func(e *html.Node) bool {
		for c := e.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
				if b.Len() > max {
					return false
				}
			case html.ElementNode:
				switch c.Data {
				case "script", "style", "noscript", "template":
					continue
				}
				if !walk(c) {
					return false
				}
			}
		}
		return true
	}
	if !walk(n) {
		return "", false
	}
	return b.String(), true
}

// isHeadingLike reports whether n is a heading element, or an element with
// a short text and no block inside (a styled title bar).
func isHeadingLike(n *html.Node) bool {
	switch n.Data {
	case "h1", "h2", "h3", "h4", "h5", "h6":
		return true
	case "div", "span", "p", "strong", "b":
	default:
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && htmlBlockTags[c.Data] {
			return false
		}
	}
	t, ok := shortText(n, 200)
	if !ok {
		return false
	}
	t = oneLine(t)
	return t != "" && len(t) <= 40
}

// repeatedChildren finds, at or under n, the element with the most
// children of one shape that look like comments, and returns those
// children and their shape when there are at least min of them.
func repeatedChildren(n *html.Node, min int) ([]*html.Node, string) {
	var best []*html.Node
	var bestSig string
	var walk func(e *html.Node, depth int)
	walk = func(e *html.Node, depth int) {
		groups := map[string][]*html.Node{}
		var order []string
		for c := e.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.Data {
			case "li", "div", "article", "section", "blockquote", "dd", "table":
			default:
				continue
			}
			if !zoneItemText(c) {
				continue
			}
			sig := shapeOf(c)
			if groups[sig] == nil {
				order = append(order, sig)
			}
			groups[sig] = append(groups[sig], c)
		}
		for _, sig := range order {
			if g := groups[sig]; len(g) > len(best) {
				best, bestSig = g, sig
			}
		}
		if depth >= 6 {
			return
		}
		for c := e.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				walk(c, depth+1)
			}
		}
	}
	walk(n, 0)
	if len(best) < min {
		return nil, ""
	}
	return best, bestSig
}

// shapeOf is the tag and first class of an element, the shape that
// repeats in a list of comments.
func shapeOf(n *html.Node) string {
	cl := domClasses(n)
	if len(cl) == 0 {
		return n.Data
	}
	return n.Data + "." + cl[0]
}

// zoneItemText reports whether n can be one comment: some text that is not
// mostly links, and more of it than in any form inside.
func zoneItemText(n *html.Node) bool {
	text, link, form := commentTextSize(n)
	return text-link >= 15 && link*2 < text && form < text
}

// formDominated reports whether n is mostly a form, or holds an empty text
// area to write in: a comment form, not a comment that carries an edit box
// (which holds a copy of the comment).
func formDominated(n *html.Node) bool {
	text, _, form := commentTextSize(n)
	return text < 15 || form >= text || holdsEmptyTextArea(n)
}

func holdsEmptyTextArea(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.Data == "textarea" && strings.TrimSpace(domText(c)) == "" {
			return true
		}
		if holdsEmptyTextArea(c) {
			return true
		}
	}
	return false
}

// commentTextSize counts the non-space characters of text under n outside
// forms, those of them inside links, and those inside forms. The content of
// a text area does not count: an edit box holds a copy of the comment.
func commentTextSize(n *html.Node) (text, link, form int) {
	var walk func(e *html.Node, inLink, inForm bool)
	walk = func(e *html.Node, inLink, inForm bool) {
		for c := e.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				k := nonSpace(c.Data)
				switch {
				case inForm:
					form += k
				case inLink:
					text += k
					link += k
				default:
					text += k
				}
			case html.ElementNode:
				switch c.Data {
				case "script", "style", "noscript", "template", "button", "textarea":
					continue
				}
				walk(c, inLink || c.Data == "a", inForm || c.Data == "form" || c.Data == "select")
			}
		}
	}
	walk(n, false, false)
	return text, link, form
}

// commentBlock cleans the comment section the library returns as one
// block: it drops the section's own lines (its heading, the count, the
// comment form's prompts and notices) and returns "" when no comment text
// is left.
func commentBlock(text string) string {
	var keep []string
	for _, p := range strings.Split(text, "\n\n") {
		line := oneLine(p)
		if boilerText(line) || rxCommentHeading().MatchString(line) || commentPrompt(line) {
			continue
		}
		keep = append(keep, p)
	}
	out := strings.Join(keep, "\n\n")
	if len(strings.Fields(out)) < 6 {
		return ""
	}
	return out
}

// stripChrome takes out of a comment's text the lines that belong to the
// frame of the comment section ("Leave a Reply", "0 Comments", the form's
// prompts): themes that mark the whole section up like a comment.
func stripChrome(body string) string {
	paras := strings.Split(body, "\n\n")
	keep := paras[:0]
	for _, p := range paras {
		line := oneLine(p)
		if rxCommentHeading().MatchString(line) || commentPrompt(line) || rxCountLineOnly(line) {
			continue
		}
		keep = append(keep, p)
	}
	return strings.Join(keep, "\n\n")
}

func rxCountLineOnly(line string) bool {
	htmlBoilerOnce.Do(compileBoilerRegexps)
	return rxCountLine.MatchString(line)
}

var (
	promptOnce sync.Once
	rxPrompt   *regexp.Regexp
)

// commentPrompt reports whether a line is part of a comment form or the
// frame of a comment system rather than a comment.
func commentPrompt(line string) bool {
	promptOnce.Do(func() {
		rxPrompt = regexp.MustCompile(`(?i)^(?:leave (?:a )?(?:reply|comments?)|add (?:your|a) comment|post a comment|write a comment|comment on this|join the discussion|want to join the discussion|kommentar (?:schreiben|verfassen|hinterlassen)|schreibe einen kommentar|hinterlasse einen kommentar|laisser un commentaire|deja un comentario|dodaj komentarz|share your thoughts|what do you think|was meinen sie|diskutieren sie mit|(?:hier )?ist ihre meinung gefragt|(?:show|view|see|read|load|display|zeige|alle|mehr)\b.{0,30}\b(?:comments?|kommentare?)\b)|comments powered by|by submitting this form|your email address will not be published|required fields are marked|ihre e-mail-adresse wird nicht veröffentlicht|erforderliche felder sind`)
	})
	return len(strings.Fields(line)) <= 40 && rxPrompt.MatchString(line)
}
