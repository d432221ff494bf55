package extract

// Reader-comment segmentation. Comment systems mark each comment up as one
// element (WordPress li.comment, Blogger li.comment or dt/dd pairs, Disqus
// li.post in #post-list, phpBB div.post with a .postbody, <article
// class="comment">, schema.org Comment microdata); replies are nested inside
// the comment they answer. segmentComments finds those elements, reads
// author, date and text out of each, and cuts the comment section out of the
// page. No library does this: trafilatura returns the first comment section
// it finds as a single block of text.

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/araddon/dateparse"
	"golang.org/x/net/html"

	"github.com/morgue-archive/morgue/internal/news"
)

// segmentComments returns the comments found in doc, in page order, and the
// comment count the page states (0 when none), and removes the comment
// sections from doc. forum is true when the page is a forum thread (phpBB
// posts), whose first post is the article.
func segmentComments(doc *html.Node) (comments []news.Comment, count int, forum bool) {
	items := findCommentItems(doc)
	if len(items) == 0 {
		items = findZoneItems(doc)
	}
	count = statedCommentCount(doc, items)
	if len(items) == 0 {
		return nil, count, false
	}
	forum = true
	for _, it := range items {
		forum = forum && it.mark == "forum"
	}
	index := make(map[*html.Node]int, len(items))
	var out []news.Comment
	for _, it := range items {
		c := readComment(it.node)
		if c.Body = stripChrome(c.Body); c.Body == "" {
			continue
		}
		c.Number = len(out) + 1
		for p := it.parent; p != nil; p = p.parent {
			if n, ok := index[p.node]; ok {
				c.Parent = strconv.Itoa(n)
				break
			}
		}
		index[it.node] = c.Number
		out = append(out, c)
	}
	removeCommentSections(items)
	return out, count, forum
}

type commentItem struct {
	mark   string // see commentItemMark
	node   *html.Node
	parent *commentItem // nearest enclosing comment, nil for a top-level one
}

// findCommentItems lists the elements that each hold one comment, in page
// order.
func findCommentItems(doc *html.Node) []*commentItem {
	var items []*commentItem
	var walk func(n *html.Node, parent *commentItem, inThread bool)
	walk = func(n *html.Node, parent *commentItem, inThread bool) {
		if n.Type == html.ElementNode {
			if isThreadContainer(n) {
				inThread = true
			}
			if mark := commentItemMark(n, inThread); mark != "" {
				it := &commentItem{node: n, parent: parent, mark: mark}
				items = append(items, it)
				parent = it
			}
			if n.Data == "dl" && domHasIDOrClass(n, "comments-block") {
				items = append(items, bloggerPairs(n, parent)...)
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, parent, inThread)
		}
	}
	walk(doc, nil, false)
	return mergeTextItems(collapseWrappers(dropLoneWeak(items)))
}

// mergeTextItems folds back into its comment an item that is only that
// comment's text: the first item nested in a comment, with no author,
// date or replies of its own, under a comment whose own text is short
// (Drupal marks the text field itemprop="comment"). Its mark is rewritten
// to itemprop="text" so that readComment takes it as the comment's text.
func mergeTextItems(items []*commentItem) []*commentItem {
	first := map[*commentItem]*commentItem{}
	hasKids := map[*commentItem]bool{}
	for _, it := range items {
		if it.parent != nil {
			hasKids[it.parent] = true
			if first[it.parent] == nil {
				first[it.parent] = it
			}
		}
	}
	drop := map[*commentItem]bool{}
	for p, it := range first {
		if hasKids[it] || !strings.EqualFold(domAttr(it.node, "itemprop"), "comment") {
			continue
		}
		c := readComment(it.node)
		if c.Author != "" || !c.Published.IsZero() {
			continue
		}
		if len(oneLine(textOutside(p.node, map[*html.Node]bool{it.node: true}))) > 200 {
			continue
		}
		for i := range it.node.Attr {
			if it.node.Attr[i].Key == "itemprop" {
				it.node.Attr[i].Val = "text"
			}
		}
		drop[it] = true
	}
	if len(drop) == 0 {
		return items
	}
	out := items[:0]
	for _, it := range items {
		if !drop[it] {
			out = append(out, it)
		}
	}
	return out
}

// dropLoneWeak drops items marked only by a comment-like class name that
// occurs once and outside any comment section: such a class more likely
// names a part of the article ("review", "editor-comment").
func dropLoneWeak(items []*commentItem) []*commentItem {
	count := map[string]int{}
	for _, it := range items {
		count[it.mark]++
	}
	var out []*commentItem
	drop := map[*commentItem]bool{}
	for _, it := range items {
		if strings.HasPrefix(it.mark, "weak:") && count[it.mark] < 2 && commentContainer(it.node) == nil {
			drop[it] = true
			continue
		}
		for it.parent != nil && drop[it.parent] {
			it.parent = it.parent.parent
		}
		out = append(out, it)
	}
	return out
}

// collapseWrappers drops an item that holds nested items and no text of
// its own: a wrapper or a list marked up like a comment.
func collapseWrappers(items []*commentItem) []*commentItem {
	children := map[*commentItem][]*commentItem{}
	for _, it := range items {
		if it.parent != nil {
			children[it.parent] = append(children[it.parent], it)
		}
	}
	drop := map[*commentItem]bool{}
	for _, it := range items {
		kids := children[it]
		if len(kids) == 0 {
			continue
		}
		skip := map[*html.Node]bool{}
		for _, k := range kids {
			skip[k.node] = true
		}
		if len(oneLine(textOutside(it.node, skip))) < 3 {
			drop[it] = true
		}
	}
	if len(drop) == 0 {
		return items
	}
	var out []*commentItem
	for _, it := range items {
		if drop[it] {
			continue
		}
		for it.parent != nil && drop[it.parent] {
			it.parent = it.parent.parent
		}
		out = append(out, it)
	}
	return out
}

// textOutside is the text under n outside the subtrees in skip and outside
// forms.
func textOutside(n *html.Node, skip map[*html.Node]bool) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if skip[n] {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "form", "textarea", "select", "button":
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// itemClasses are class names that mark one comment.
var itemClasses = map[string]bool{
	"comment": true, "comment-item": true, "commentitem": true, "comment_item": true,
	"comment-entry": true, "single-comment": true, "commentlist-item": true, "comment-list-item": true,
	"comments-item": true, "comment-thread-item": true, "comment-wrap": false, "js-comment": true,
	"c-comment": true, "usercomment": true, "user-comment": true, "reader-comment": true,
	"comment-single": true, "comment_entry": true, "commententry": true, "kommentar": true,
	"commentaire": true, "comentario": true, "komentarz": true,
}

var (
	rxOnce       sync.Once
	rxItemID     *regexp.Regexp
	rxItemClass  *regexp.Regexp
	rxCountTitle *regexp.Regexp
	rxAuthorLine *regexp.Regexp
)

func compileCommentRegexps() {
	rxItemClass = regexp.MustCompile(`^(?:[a-z0-9_-]*?(?:comment|kommentar|leserbrief)|(?:[a-z0-9_-]*[-_])?review)(?:[-_]{1,2}(?:item|card|entry|single|box|wrapper|container|inner|block|message-container)|item|container|entry|card|box)?$|(?:^|[-_])rev$`)
	rxItemID = regexp.MustCompile(`^(?:li-)?(?:comment|kommentar|commentaire|comentario)[-_]?\d+$|^c\d{6,}$`)
	rxAuthorLine = regexp.MustCompile(`(?i)^(?:#\s*\d+\s*)?(?:(?:kommentar|comment|antwort|reply|beitrag|posted|geschrieben|commentaire|comentario)\s+)?(?:von|by|de|par|from|por|od)\s+([^\s.,!?;:][^,!?;:]{0,40})$|^([^\s.,!?;:][^,!?;:]{0,40}?)\s+(?:says|said|schreibt|schrieb|sagt|wrote|dit|écrit|escribió|dice|napisał|meint)\s*:?$`)
	rxCountTitle = regexp.MustCompile(`(?i)(\d+)\s*(?:\p{L}+\s+)?(?:responses?|comments?|replies|thoughts?|kommentare?|antworten|reaktionen|commentaires?|réponses|comentarios?|respuestas|komentarz[ey]?|odpowiedzi|reacties|commenti|risposte)\b`)
}

// isThreadContainer reports whether n holds a comment thread whose items
// use generic class names (Disqus's #post-list of li.post).
func isThreadContainer(n *html.Node) bool {
	id := strings.ToLower(domAttr(n, "id"))
	return id == "post-list" || id == "disqus_thread" || domHasClass(n, "post-list")
}

func isCommentItem(n *html.Node, inThread bool) bool {
	return commentItemMark(n, inThread) != ""
}

// commentItemMark says why n holds one comment: "" when it does not,
// "strong" for markup that comment systems use, or "weak:<class>" for a
// class name that merely looks like one ("mo-comment-card"), which counts
// only when repeated or inside a comment section.
func commentItemMark(n *html.Node, inThread bool) string {
	switch n.Data {
	case "li", "article", "div", "section", "dd":
	default:
		return ""
	}
	if strings.Contains(strings.ToLower(domAttr(n, "itemtype")), "schema.org/comment") ||
		strings.EqualFold(domAttr(n, "itemprop"), "comment") {
		return "strong"
	}
	rxOnce.Do(compileCommentRegexps)
	weak := ""
	classes := domClasses(n)
	for _, c := range classes {
		if itemClasses[c] {
			if slices.ContainsFunc(classes, controlClass) {
				return "" // "social-icon comment": a button
			}
			return "strong"
		}
		if weak == "" && maybeItemClass(c) && rxItemClass.MatchString(c) && !controlClass(c) && !strings.HasPrefix(c, "no-") && !taxonomyClass(c) && (!holdsForm(n) || !formDominated(n)) {
			weak = "weak:" + c
		}
	}
	if id := strings.ToLower(domAttr(n, "id")); rxItemID.MatchString(id) && n.Data != "div" {
		return "strong"
	}
	if inThread && n.Data == "li" && domHasClass(n, "post") {
		return "strong" // Disqus
	}
	if n.Data == "div" && domHasClass(n, "post") && domHasDescendantClass(n, "postbody") {
		return "forum" // phpBB
	}
	return weak
}

// maybeItemClass is a cheap test that rxItemClass can match c.
func maybeItemClass(c string) bool {
	return strings.Contains(c, "comment") || strings.Contains(c, "kommentar") || strings.Contains(c, "leserbrief") ||
		strings.Contains(c, "review") || strings.HasSuffix(c, "rev")
}

// controlClass reports whether a comment-like class names a control or a
// placeholder rather than a comment ("add-comment", "empty-comment",
// "social-block__comment").
func controlClass(c string) bool {
	for _, w := range nameWords(c) {
		switch w {
		case "add", "empty", "count", "counter", "form", "button", "btn", "link", "icon", "toggle", "leave", "write", "new", "social", "share":
			return true
		}
	}
	return false
}

// taxonomyClass reports whether a class names the topic of a post rather
// than the element (WordPress "category-kommentar", "tag-reviews").
func taxonomyClass(c string) bool {
	return strings.HasPrefix(c, "category-") || strings.HasPrefix(c, "tag-") || strings.HasPrefix(c, "cat-")
}

// bloggerPairs reads old Blogger markup: dl#comments-block holding, per
// comment, a dt.comment-author followed by dd.comment-body and
// dd.comment-footer.
func bloggerPairs(dl *html.Node, parent *commentItem) []*commentItem {
	var items []*commentItem
	for c := dl.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.Data != "dt" {
			continue
		}
		// Gather the dt and its dd siblings under a synthetic wrapper so
		// the comment reads like the others; the original nodes move into
		// it, which also takes them out of the page.
		w := &html.Node{Type: html.ElementNode, Data: "div", Attr: []html.Attribute{{Key: "class", Val: "comment"}}}
		dl.InsertBefore(w, c)
		for n := c; n != nil; {
			next := n.NextSibling
			if n != c && n.Type == html.ElementNode && n.Data == "dt" {
				break
			}
			dl.RemoveChild(n)
			w.AppendChild(n)
			n = next
		}
		items = append(items, &commentItem{node: w, parent: parent})
		c = w
	}
	return items
}

// Parts of a comment, by class name, in order of preference.
var (
	bodyClasses = []string{
		"comment-content", "comment-text", "comment_text", "commenttext", "comment-message",
		"comment_content", "commentcontent", "comment-body-text", "post-message", "comment-entry-content",
		"comment-copy", "comment__content", "comment__body", "comment-content-text", "kommentar-text",
		"commentmessage", "leserbrief_inner", "rev__body", "content",
		"message", "text", "entry-content", "comment-body", "comment_body", "commentbody", "body",
	}
	authorClasses = []string{
		"fn", "username", "username-coloured", "comment-author-name", "comment__author",
		"author-name", "commenter", "comment-author", "comment_author", "author", "user", "name",
		"user-name", "poster", "postauthor",
	}
	dateClasses = []string{
		"comment-date", "comment_date", "commentdate", "comment-time", "datetime", "published",
		"time-ago", "comment-timestamp", "date", "time", "timestamp", "comment-metadata", "comment-meta", "commentmetadata",
		"meta", "postdate", "post-meta",
	}
	// metaClasses are parts of a comment that are not its text.
	metaClasses = []string{
		"comment-author", "comment_author", "comment-meta", "comment-metadata", "commentmetadata",
		"comment-header", "comment-footer", "comment-actions", "comment-reply", "reply",
		"comment-reply-link", "vcard", "avatar", "comment-avatar", "says", "post-byline", "post-meta",
		"postprofile", "author", "comment-date", "comment_date", "comment-like", "comment-likes",
		"comment-vote", "voting", "comment-awaiting-moderation", "edit-link", "comment-edit-link",
		"permalink", "fn", "username", "datetime", "time-ago", "comment-footer-actions",
	}
)

// readComment reads author, date and text of one comment element, leaving
// out the comments nested in it.
func readComment(n *html.Node) news.Comment {
	var c news.Comment
	if a := findCommentPart(n, authorClasses, func(e *html.Node) bool {
		return e.Data == "cite" || strings.EqualFold(domAttr(e, "itemprop"), "author")
	}); a != nil {
		c.Author = authorName(a)
	}
	c.Published = commentDate(n)
	if c.Published.IsZero() {
		// phpBB and others print "by Name » Sat Jun 12, 2021 3:41 pm".
		if e := findCommentPart(n, []string{"author", "byline", "post-byline"}, nil); e != nil {
			txt := oneLine(domText(e))
			for _, sep := range []string{"»", "|", " - ", " on ", ","} {
				if i := strings.Index(txt, sep); i >= 0 {
					if d := parseCommentDate(txt[i+len(sep):]); !d.IsZero() {
						c.Published = d
						break
					}
				}
			}
		}
	}

	body := findCommentBody(n)
	if body == nil {
		body = n
	}
	c.Body = renderComment(body, true)
	if c.Body == "" {
		// Some themes put the text inside the author block.
		c.Body = renderComment(body, false)
	}
	if c.Author == "" || c.Published.IsZero() {
		readCommentHead(&c, n)
	}
	return c
}

// readCommentHead fills in the author and date of a comment whose markup
// does not name them, from the short lines that open it ("#1 Kommentar von
// Naru-chan", "Heidemarie Heim | Di, 21. April 2020 - 16:40", "Georg N. am
// 10.4.2020"), and takes the lines it used out of the text.
func readCommentHead(c *news.Comment, n *html.Node) {
	rxOnce.Do(compileCommentRegexps)
	paras := strings.Split(renderComment(n, false), "\n\n")
	used := map[string]bool{}
	for i, p := range paras {
		if i >= 3 || i == len(paras)-1 {
			break
		}
		line := oneLine(p)
		if len([]rune(line)) > 100 {
			break
		}
		if d := parseCommentDate(line); !d.IsZero() && dateOnly(line) {
			if c.Published.IsZero() {
				c.Published = d
			}
			used[line] = true
			continue
		}
		for _, sep := range []string{" | ", "|", " am ", " on ", " le ", " el ", " - ", " um ", ", "} {
			j := strings.Index(line, sep)
			if j <= 0 {
				continue
			}
			if d := parseCommentDate(line[j+len(sep):]); !d.IsZero() {
				if c.Published.IsZero() {
					c.Published = d
				}
				used[line] = true
				if who := strings.TrimSpace(line[:j]); c.Author == "" && len(strings.Fields(who)) <= 5 {
					c.Author = authorLine(who)
				}
				break
			}
		}
		if used[line] {
			continue
		}
		if c.Author == "" {
			if m := rxAuthorLine.FindStringSubmatch(line); m != nil && len(strings.Fields(m[1]+m[2])) <= 4 {
				c.Author = strings.TrimSpace(m[1] + m[2])
				used[line] = true
			}
		}
	}
	if len(used) == 0 {
		return
	}
	body := strings.Split(c.Body, "\n\n")
	for len(body) > 1 && used[oneLine(body[0])] {
		body = body[1:]
	}
	c.Body = strings.Join(body, "\n\n")
}

// dateOnly reports whether a line holds nothing but a date and time.
func dateOnly(line string) bool {
	htmlBoilerOnce.Do(compileBoilerRegexps)
	words := strings.Fields(line)
	dated, other := dateWords(line, words)
	return len(words) <= 8 && dated && other == 0
}

// authorLine cleans a name taken from a comment's opening line.
func authorLine(s string) string {
	rxOnce.Do(compileCommentRegexps)
	if m := rxAuthorLine.FindStringSubmatch(s); m != nil {
		return strings.TrimSpace(m[1] + m[2])
	}
	return s
}

// findPart returns the first element under n, outside nested comments,
// whose class is earliest in names, or else the first for which alt is true.
func findCommentPart(n *html.Node, names []string, alt func(*html.Node) bool) *html.Node {
	best, bestRank := (*html.Node)(nil), len(names)+1
	var altHit *html.Node
	var walk func(*html.Node)
	walk = func(e *html.Node) {
		for c := e.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || isNestedComment(c) {
				continue
			}
			for _, cl := range domClasses(c) {
				for r, name := range names {
					if r < bestRank && classNamed(cl, name) {
						best, bestRank = c, r
					}
				}
			}
			if altHit == nil && alt != nil && alt(c) {
				altHit = c
			}
			walk(c)
		}
	}
	walk(n)
	if best != nil && (altHit == nil || bestRank < len(names)) {
		return best
	}
	return altHit
}

// findCommentBody returns the element under n, outside nested comments,
// that holds the text of the comment: one marked as the text by microdata
// or RDFa, else one whose class is earliest in bodyClasses. Elements
// without text do not count ("link_text" in a reply button), and of
// several with the same class the one with the most text wins (Drupal
// puts the title and the text in two "comment-body" fields).
func findCommentBody(n *html.Node) *html.Node {
	var best, marked *html.Node
	bestRank, bestSize, markedSize := len(bodyClasses), 0, 0
	var walk func(*html.Node)
	walk = func(e *html.Node) {
		for c := e.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || isNestedComment(c) {
				continue
			}
			rank := len(bodyClasses)
			for _, cl := range domClasses(c) {
				for r, name := range bodyClasses[:rank] {
					if classNamed(cl, name) {
						rank = r
						break
					}
				}
			}
			ip := strings.ToLower(domAttr(c, "itemprop"))
			prop := strings.ToLower(domAttr(c, "property"))
			isMarked := ip == "text" || ip == "commenttext" || ip == "description" ||
				prop == "schema:text" || prop == "content:encoded" || strings.HasSuffix(prop, ":commenttext")
			if rank < len(bodyClasses) || isMarked {
				if size := nonSpace(renderComment(c, true)); size > 0 {
					if isMarked && size > markedSize {
						marked, markedSize = c, size
					}
					if rank < bestRank || (rank == bestRank && size > bestSize) {
						best, bestRank, bestSize = c, rank, size
					}
				}
			}
			walk(c)
		}
	}
	walk(n)
	if marked != nil {
		return marked
	}
	return best
}

// classNamed reports whether class token cl is name, or ends in it after a
// separator ("mo-comment-content"), or, for long names, ends in it at all
// ("mtncommenttext").
func classNamed(cl, name string) bool {
	if cl == name {
		return true
	}
	if !strings.HasSuffix(cl, name) {
		return false
	}
	sep := cl[len(cl)-len(name)-1]
	return sep == '-' || sep == '_' || len(name) >= 7
}

// holdsForm reports whether n contains a form or a text area: a comment
// form, not a comment.
func holdsForm(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.Data == "form" || c.Data == "textarea" || holdsForm(c)) {
			return true
		}
	}
	return false
}

// isNestedComment reports whether e starts another comment (a reply).
func isNestedComment(e *html.Node) bool {
	return e.Type == html.ElementNode && (isCommentItem(e, false) || (e.Data == "li" && domHasClass(e, "post")) || hasZoneMark(e) ||
		domHasClass(e, "children") || domHasClass(e, "replies") || domHasClass(e, "comment-replies"))
}

var saysSuffix = []string{"said...", "said…", "says:", "says", "said:", "sagt:", "sagt", "schreibt:", "schrieb:", "dit :", "dit:", "écrit :", "dice:", "napisał:", "wrote:", ":"}

func authorName(e *html.Node) string {
	s := oneLine(domText(e))
	if len(s) > 60 {
		for _, tag := range []string{"a", "strong", "b", "span"} {
			if c := domFirst(e, tag); c != nil {
				if t := oneLine(domText(c)); t != "" && len(t) <= 60 {
					s = t
					break
				}
			}
		}
	}
	s = strings.TrimPrefix(s, "by ")
	for _, suf := range saysSuffix {
		s = strings.TrimSpace(strings.TrimSuffix(s, suf))
	}
	// "John Scalzi December 18, 2025, 9:46 pm": the date is not the name.
	if w := strings.Fields(s); len(w) > 3 {
		for i := 1; i < len(w) && i < 6; i++ {
			if rest := strings.Join(w[i:], " "); dateOnly(rest) && !parseCommentDate(rest).IsZero() {
				s = strings.TrimRight(strings.Join(w[:i], " "), " ,|-–·")
				break
			}
		}
	}
	if len(s) > 80 {
		return ""
	}
	return s
}

// commentDate finds the date of a comment: a <time datetime>, a date-like
// attribute, or the text of a date element.
func commentDate(n *html.Node) time.Time {
	if t := findCommentPart(n, nil, func(e *html.Node) bool { return e.Data == "time" }); t != nil {
		for _, k := range []string{"datetime", "title"} {
			if d := parseCommentDate(domAttr(t, k)); !d.IsZero() {
				return d
			}
		}
		if d := parseCommentDate(domText(t)); !d.IsZero() {
			return d
		}
	}
	if e := findCommentPart(n, dateClasses, func(e *html.Node) bool {
		prop := strings.ToLower(domAttr(e, "property"))
		return strings.EqualFold(domAttr(e, "itemprop"), "datecreated") || strings.EqualFold(domAttr(e, "itemprop"), "datepublished") ||
			((strings.Contains(prop, "date") || strings.Contains(prop, "created")) && domAttr(e, "content") != "")
	}); e != nil {
		for _, k := range []string{"datetime", "content", "title", "data-timestamp"} {
			if d := parseCommentDate(domAttr(e, k)); !d.IsZero() {
				return d
			}
		}
		if d := parseCommentDate(domText(e)); !d.IsZero() {
			return d
		}
		// The date is often a link or span inside a meta line.
		for c := e.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				if d := parseCommentDate(domAttr(c, "title")); !d.IsZero() {
					return d
				}
				if d := parseCommentDate(domText(c)); !d.IsZero() {
					return d
				}
			}
		}
	}
	return time.Time{}
}

// htmlMonthWords translates month names that dateparse does not know.
var htmlMonthWords = strings.NewReplacer(
	"Januar ", "January ", "Februar ", "February ", "März ", "March ", "Mai ", "May ", "Juni ", "June ",
	"Juli ", "July ", "Oktober ", "October ", "Dezember ", "December ",
	"janvier ", "January ", "février ", "February ", "mars ", "March ", "avril ", "April ", "mai ", "May ",
	"juin ", "June ", "juillet ", "July ", "août ", "August ", "septembre ", "September ",
	"octobre ", "October ", "novembre ", "November ", "décembre ", "December ",
)

// parseLooseDate reads a date as comment systems print it ("March 3, 2011
// at 9:15 am", "2011-03-03T09:15:00Z", "3. März 2011 um 10:15"). It returns
// the zero time when s holds no date it can read.
func parseCommentDate(s string) time.Time {
	s = oneLine(s)
	if len(s) < 6 || len(s) > 80 {
		return time.Time{}
	}
	if t := parseDayFirstDate(s); !t.IsZero() {
		return t
	}
	if t, err := dateparse.ParseAny(s); err == nil && plausibleCommentDate(t) {
		return t.UTC()
	}
	r := htmlMonthWords.Replace(s + " ")
	for _, w := range []string{" at ", " um ", " à ", " @ ", " - ", ", ", " | "} {
		r = strings.ReplaceAll(r, w, " ")
	}
	r = strings.NewReplacer("Uhr", "", "h", ":", "Posted on", "", "on ", "").Replace(r)
	r = strings.TrimSpace(strings.ReplaceAll(r, ". ", " "))
	r = oneLine(r)
	if t, err := dateparse.ParseAny(r); err == nil && plausibleCommentDate(t) {
		return t.UTC()
	}
	// Drop words until what is left parses ("Tuesday March 1 2011 9:15 AM").
	f := strings.Fields(r)
	for i := 1; i < len(f) && i < 3; i++ {
		if t, err := dateparse.ParseAny(strings.Join(f[i:], " ")); err == nil && plausibleCommentDate(t) {
			return t.UTC()
		}
	}
	return time.Time{}
}

// dayMonths are month names (and their usual abbreviations) in the
// languages whose dates put the day first, for parseDayFirstDate.
var dayMonths = map[string]time.Month{
	"jan": 1, "januar": 1, "jänner": 1, "january": 1, "janvier": 1, "enero": 1, "stycznia": 1, "gennaio": 1,
	"feb": 2, "februar": 2, "february": 2, "février": 2, "fevrier": 2, "febrero": 2, "lutego": 2, "febbraio": 2,
	"mar": 3, "mär": 3, "märz": 3, "maerz": 3, "march": 3, "mars": 3, "marzo": 3, "marca": 3,
	"apr": 4, "april": 4, "avril": 4, "abril": 4, "kwietnia": 4, "aprile": 4,
	"mai": 5, "may": 5, "mayo": 5, "maja": 5, "maggio": 5,
	"jun": 6, "juni": 6, "june": 6, "juin": 6, "junio": 6, "czerwca": 6, "giugno": 6,
	"jul": 7, "juli": 7, "july": 7, "juillet": 7, "julio": 7, "lipca": 7, "luglio": 7,
	"aug": 8, "august": 8, "août": 8, "aout": 8, "agosto": 8, "sierpnia": 8,
	"sep": 9, "sept": 9, "september": 9, "septembre": 9, "septiembre": 9, "września": 9, "settembre": 9,
	"okt": 10, "oct": 10, "oktober": 10, "october": 10, "octobre": 10, "octubre": 10, "października": 10, "ottobre": 10,
	"nov": 11, "november": 11, "novembre": 11, "noviembre": 11, "listopada": 11,
	"dez": 12, "dec": 12, "dezember": 12, "december": 12, "décembre": 12, "diciembre": 12, "grudnia": 12, "dicembre": 12,
}

var (
	dayFirstOnce   sync.Once
	rxDayFirstNum  *regexp.Regexp
	rxDayFirstName *regexp.Regexp
)

// parseDayFirstDate reads the dates that dateparse gets wrong or not at
// all: dotted numeric dates, which put the day first ("8.6.2020",
// "14. 01. 2020, 13:29"), and a day before a month name in German,
// French, Spanish, Italian or Polish ("26. März 2004, 16:19", "4 de mayo
// de 2022"), with an optional clock time. It returns the zero time for
// anything else.
func parseDayFirstDate(s string) time.Time {
	dayFirstOnce.Do(func() {
		const clock = `(?:[,\s]+(?:um|at|à|a las|o|-|\|)?\s*(\d{1,2})[:h.](\d{2})\b)?`
		rxDayFirstNum = regexp.MustCompile(`\b(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)?\d{2})\b` + clock)
		rxDayFirstName = regexp.MustCompile(`(?i)\b(\d{1,2})\.?\s+(?:de\s+)?(\pL{3,12})\.?,?\s+(?:de\s+)?((?:19|20)\d{2})\b` + clock)
	})
	var day, year int
	var month time.Month
	var m []string
	if m = rxDayFirstNum.FindStringSubmatch(s); m != nil {
		day, year = atoi(m[1]), atoi(m[3])
		month = time.Month(atoi(m[2]))
		if year < 100 {
			year += 2000
			if year > time.Now().Year()+1 {
				year -= 100
			}
		}
	} else if m = rxDayFirstName.FindStringSubmatch(s); m != nil {
		mo, ok := dayMonths[strings.ToLower(m[2])]
		if !ok {
			return time.Time{}
		}
		day, month, year = atoi(m[1]), mo, atoi(m[3])
	} else {
		return time.Time{}
	}
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return time.Time{}
	}
	h, mi := 0, 0
	if m[4] != "" {
		h, mi = atoi(m[4]), atoi(m[5])
		if h > 23 || mi > 59 {
			h, mi = 0, 0
		}
	}
	t := time.Date(year, month, day, h, mi, 0, 0, time.UTC)
	if t.Day() != day || !plausibleCommentDate(t) {
		return time.Time{}
	}
	return t
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func plausibleCommentDate(t time.Time) bool {
	return t.Year() >= 1990 && t.Before(time.Now().AddDate(1, 0, 0))
}

// renderComment renders the text of body (a comment element or its text
// part), leaving out nested comments, meta lines, forms and scripts.
func renderComment(body *html.Node, skipMeta bool) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
				continue
			case html.ElementNode:
			default:
				continue
			}
			if isNestedComment(c) {
				continue
			}
			switch c.Data {
			case "script", "style", "noscript", "template", "form", "button", "svg", "img", "input", "textarea", "select", "iframe":
				continue
			case "br":
				b.WriteString("\n")
				continue
			}
			if skipMeta && (isCommentMeta(c) || actionLinks(c)) {
				continue
			}
			block := htmlBlockTags[c.Data]
			if block {
				b.WriteString("\n\n")
			}
			walk(c)
			if block {
				b.WriteString("\n\n")
			}
		}
	}
	walk(body)
	return htmlParagraphs(b.String())
}

// actionLinks reports whether e holds only a few short links ("reply",
// "report", "Permalink"): the buttons under a comment.
func actionLinks(e *html.Node) bool {
	if !htmlBlockTags[e.Data] {
		return false
	}
	text, link, _ := commentTextSize(e)
	return text > 0 && text == link && text <= 40
}

func isCommentMeta(e *html.Node) bool {
	if e.Data == "header" || e.Data == "footer" || e.Data == "cite" || e.Data == "time" {
		return true
	}
	for _, c := range domClasses(e) {
		for _, m := range metaClasses {
			if c == m {
				return true
			}
		}
	}
	return false
}

// removeCommentSections cuts the comments out of the page: each top-level
// comment, and the list or section around them when it holds nothing else
// of substance (a heading, a count, a form).
func removeCommentSections(items []*commentItem) {
	containers := map[*html.Node]bool{}
	var tops []*html.Node
	for _, it := range items {
		if it.parent == nil {
			tops = append(tops, it.node)
			if c := commentContainer(it.node); c != nil {
				containers[c] = true
			}
		}
	}
	for _, n := range tops {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
	for c := range containers {
		if c.Parent != nil && len(oneLine(domText(c))) < 600 {
			c.Parent.RemoveChild(c)
		}
	}
}

// commentContainer returns the nearest ancestor of n that is named as a
// comment section, or nil.
func commentContainer(n *html.Node) *html.Node {
	var found *html.Node
	for p := n.Parent; p != nil && p.Type == html.ElementNode; p = p.Parent {
		if p.Data == "body" || p.Data == "main" {
			break
		}
		if isSectionName(strings.ToLower(domAttr(p, "id"))) {
			found = p
		}
		for _, c := range domClasses(p) {
			if isSectionName(c) {
				found = p
			}
		}
	}
	return found // the outermost: #comments often wraps ol.commentlist
}

func isSectionName(s string) bool {
	switch s {
	case "comments", "commentlist", "comment-list", "comments-list", "comments-area", "comments-section",
		"comment-section", "comments-block", "post-list", "disqus_thread", "comments-container",
		"comment-thread", "commentsection", "kommentare", "respond", "comments-wrapper", "article-comments",
		"post-comments", "blog-comments", "comment-holder", "comments-content":
		return true
	}
	return false
}

// statedCommentCount reads "4 Responses to …" / "12 Kommentare" from the
// heading of the comment section.
func statedCommentCount(doc *html.Node, items []*commentItem) int {
	rxOnce.Do(compileCommentRegexps)
	var scope *html.Node
	if len(items) > 0 {
		scope = commentContainer(items[0].node)
	}
	if scope == nil {
		scope = findSection(doc)
	}
	if scope == nil {
		return 0
	}
	n := 0
	isItem := make(map[*html.Node]bool, len(items))
	for _, it := range items {
		isItem[it.node] = true
	}
	var walk func(*html.Node) bool
	walk = func(e *html.Node) bool {
		if e.Type == html.ElementNode {
			switch e.Data {
			case "h1", "h2", "h3", "h4", "h5", "h6":
				if m := rxCountTitle.FindStringSubmatch(oneLine(domText(e))); m != nil {
					n, _ = strconv.Atoi(m[1])
					return true
				}
				return false
			}
			if isItem[e] {
				return false
			}
		}
		for c := e.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(scope)
	if n == 0 && scope.Parent != nil {
		// The heading often sits just before the list.
		for s := scope.PrevSibling; s != nil; s = s.PrevSibling {
			if s.Type == html.ElementNode {
				if walk(s) {
					break
				}
				break
			}
		}
	}
	return n
}

func findSection(doc *html.Node) *html.Node {
	var found *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if found != nil {
			return
		}
		if n.Type == html.ElementNode && (strings.EqualFold(domAttr(n, "id"), "comments") || domHasClass(n, "comments-area")) {
			found = n
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return found
}

// DOM helpers.

func domAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func domClasses(n *html.Node) []string {
	c := domAttr(n, "class")
	if c == "" {
		return nil
	}
	return strings.Fields(strings.ToLower(c))
}

func domHasClass(n *html.Node, name string) bool {
	for _, c := range domClasses(n) {
		if c == name {
			return true
		}
	}
	return false
}

func domHasIDOrClass(n *html.Node, name string) bool {
	return strings.EqualFold(domAttr(n, "id"), name) || domHasClass(n, name)
}

func domHasDescendantClass(n *html.Node, name string) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (domHasClass(c, name) || domHasDescendantClass(c, name)) {
			return true
		}
	}
	return false
}

func domFirst(n *html.Node, tag string) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			if c.Data == tag {
				return c
			}
			if f := domFirst(c, tag); f != nil {
				return f
			}
		}
	}
	return nil
}
