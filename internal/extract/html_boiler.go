package extract

// Boilerplate that the main-text library keeps. go-trafilatura (and the
// readability and DOM-distiller fallbacks it may pick) leave in some
// related-link lists, share and newsletter boxes, author boxes, comment-form
// notices, copyright lines and date lines. pruneBoilerplate removes them from
// its output tree after the fact, with cues the library does not use or
// loses on the way: each block of the output is traced back to the element
// it came from in the page, whose link density and ancestors (aside, nav,
// footer, class and id names such as "related" or "newsletter") tell what
// it is, and a few short phrase lists in several languages catch what the
// markup does not say. The output tree keeps no link to the page, so blocks
// are traced by their text.

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// boilerPage holds what is known about the page the output came from.
type boilerPage struct {
	size   map[*html.Node]textSize // text under each element
	texts  map[string][]pageText   // first word of a text node -> text nodes
	cue    map[*html.Node]bool     // memo of boilerRegion
	ntext  int
	anchor *html.Node // source of the first substantial block of the output
}

// pageText is a text node of the page and its text on one line.
type pageText struct {
	node  *html.Node
	text  string
	order int // position among the page's text nodes
}

// textKey keys the text index: the output tree has the same text nodes,
// except that the library merges the text of inline elements it strips
// ("<a>KVELLER</a> via JTA" becomes one node), so a node is found by its
// first word and then compared by prefix.
func textKey(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		s = s[:i]
	}
	if len(s) > 24 {
		s = s[:24]
	}
	return s
}

// textSize counts the non-space characters of text under an element, and
// those inside links.
type textSize struct{ text, link int }

func (s textSize) linkDensity() float64 {
	if s.text == 0 {
		return 0
	}
	return float64(s.link) / float64(s.text)
}

func newBoilerPage(doc *html.Node) *boilerPage {
	p := &boilerPage{size: map[*html.Node]textSize{}, texts: map[string][]pageText{}, cue: map[*html.Node]bool{}}
	p.measure(doc, false)
	return p
}

func (p *boilerPage) measure(n *html.Node, inLink bool) textSize {
	switch n.Type {
	case html.TextNode:
		k := nonSpace(n.Data)
		if k == 0 {
			return textSize{}
		}
		t := oneLine(n.Data)
		key := textKey(t)
		p.texts[key] = append(p.texts[key], pageText{n, t, p.ntext})
		p.ntext++
		if inLink {
			return textSize{k, k}
		}
		return textSize{k, 0}
	case html.ElementNode:
		switch n.Data {
		case "script", "style", "noscript", "template", "svg":
			return textSize{}
		case "a":
			inLink = true
		}
	case html.DocumentNode:
	default:
		return textSize{}
	}
	var s textSize
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		cs := p.measure(c, inLink)
		s.text += cs.text
		s.link += cs.link
	}
	if n.Type == html.ElementNode {
		p.size[n] = s
	}
	return s
}

func nonSpace(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) && r != '\u00a0' && r != '\u200b' {
			n++
		}
	}
	return n
}

// outBlock is one block of the output tree and the element of the page it
// was traced to (nil when it could not be).
type outBlock struct {
	node   *html.Node   // the block element, or the first node of a run
	nodes  []*html.Node // what to remove to drop the block
	text   string       // one line
	size   int          // non-space characters
	src    *html.Node
	drop   bool
	label  bool // short, heading-like
	linked bool // its source is mostly link text
}

// pruneBoilerplate removes boilerplate blocks from content, trafilatura's
// output tree for the page doc, and returns the captions it took out.
func pruneBoilerplate(content, doc *html.Node) (captions []string) {
	if content == nil {
		return nil
	}
	blocks := outputBlocks(content)
	if len(blocks) == 0 {
		return nil
	}
	p := newBoilerPage(doc)
	p.resolveSources(blocks)
	total, largest := 0, 0
	for _, b := range blocks {
		total += b.size
		if b.src == nil {
			continue
		}
		if p.anchor == nil && b.size >= 100 && p.size[b.src].linkDensity() < 0.5 {
			p.anchor = b.src
		}
		if b.size > largest {
			largest = b.size
			if p.anchor == nil || p.size[p.anchor].text < 100 {
				p.anchor = b.src
			}
		}
	}
	// share[e] is how much of the output comes from under element e.
	share := map[*html.Node]int{}
	for _, b := range blocks {
		for a := b.src; a != nil; a = a.Parent {
			share[a] += b.size
		}
	}
	for _, b := range blocks {
		b.label = isLabelBlock(b)
		if b.src != nil && p.size[b.src].text <= 2*b.size {
			b.linked = p.size[b.src].linkDensity() >= 0.75
		}
		switch {
		case b.src != nil && insideTag(b.src, "figcaption"):
			// Captions are kept apart (news.Article.Captions).
			b.drop = true
			captions = append(captions, b.text)
		case boilerText(b.text):
			b.drop = true
		case b.src != nil && p.inBoilerRegion(b.src, share, total):
			b.drop = true
		}
	}
	// The article's part of the page: the smallest element around the
	// anchor that holds three blocks of the output.
	count := map[*html.Node]int{}
	for _, b := range blocks {
		for a := b.src; a != nil; a = a.Parent {
			count[a]++
		}
	}
	root := p.anchor
	for root != nil && count[root] < 3 {
		root = root.Parent
	}
	dropLinkRuns(blocks, p, root)
	dropDanglingLabels(blocks)
	for _, b := range blocks {
		if !b.drop {
			continue
		}
		for _, n := range b.nodes {
			if n.Parent != nil {
				n.Parent.RemoveChild(n)
			}
		}
	}
	return captions
}

// outputBlocks lists the blocks of the output tree in order: the innermost
// block elements, and the runs of text and inline elements that sit
// between blocks without a block of their own ("24. März 2004, 19:49 |"
// before the first paragraph).
func outputBlocks(root *html.Node) []*outBlock {
	isBlock := func(n *html.Node) bool {
		return n.Type == html.ElementNode && (htmlBlockTags[n.Data] || n.Data == "td" || n.Data == "th" || n.Data == "cell")
	}
	holds := map[*html.Node]bool{} // n is or holds a block
	var mark func(*html.Node) bool
	mark = func(n *html.Node) bool {
		h := isBlock(n)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && mark(c) {
				h = true
			}
		}
		holds[n] = h
		return h
	}
	mark(root)
	var out []*outBlock
	add := func(nodes []*html.Node) {
		var b strings.Builder
		for _, n := range nodes {
			if n.Type == html.TextNode {
				b.WriteString(n.Data)
			} else {
				b.WriteString(domText(n))
			}
			b.WriteString(" ")
		}
		if t := oneLine(b.String()); t != "" {
			out = append(out, &outBlock{node: nodes[0], nodes: nodes, text: t, size: nonSpace(t)})
		}
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		var run []*html.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && holds[c] {
				if len(run) > 0 {
					add(run)
					run = nil
				}
				inner := false
				for g := c.FirstChild; g != nil && !inner; g = g.NextSibling {
					inner = g.Type == html.ElementNode && holds[g]
				}
				if inner {
					walk(c)
				} else {
					add([]*html.Node{c})
				}
				continue
			}
			if c.Type == html.TextNode || c.Type == html.ElementNode {
				run = append(run, c)
			}
		}
		if len(run) > 0 {
			add(run)
		}
	}
	walk(root)
	return out
}

// srcCandidate is an element of the page that an output block may come
// from, with the document position of the text node that led to it.
type srcCandidate struct {
	elem  *html.Node
	order int
}

// candidates lists the elements of the page that block b may have been
// made from: for each text node that starts b, the smallest block around it
// that holds about as much text as b.
func (p *boilerPage) candidates(b *outBlock) []srcCandidate {
	var first string
	var find func(*html.Node) bool
	find = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				if t := oneLine(c.Data); t != "" {
					first = t
					return true
				}
			} else if find(c) {
				return true
			}
		}
		return false
	}
	found := false
	for _, n := range b.nodes {
		if n.Type == html.TextNode {
			if t := oneLine(n.Data); t != "" {
				first, found = t, true
			}
		} else {
			found = find(n)
		}
		if found {
			break
		}
	}
	if !found {
		return nil
	}
	var out []srcCandidate
	for _, pt := range p.texts[textKey(first)] {
		if !strings.HasPrefix(first, pt.text) && !strings.HasPrefix(pt.text, first) {
			continue
		}
		s := pt.node.Parent
		for s != nil && s.Type == html.ElementNode && !htmlBlockTags[s.Data] && s.Data != "td" && s.Data != "th" {
			s = s.Parent
		}
		for i := 0; s != nil && s.Type == html.ElementNode && i < 4 && p.size[s].text*5 < b.size*4; i++ {
			s = s.Parent
		}
		if s != nil && s.Type == html.ElementNode {
			out = append(out, srcCandidate{s, pt.order})
		}
	}
	return out
}

// resolveSources picks the source of each block. When the same text occurs
// more than once in the page (a headline that is also a link in a list of
// related articles), the copy nearest in page order to the sources of the
// blocks around it wins: the library keeps the page order.
func (p *boilerPage) resolveSources(blocks []*outBlock) {
	cands := make([][]srcCandidate, len(blocks))
	order := make([]int, len(blocks))
	for i, b := range blocks {
		cands[i] = p.candidates(b)
		order[i] = -1
		if len(cands[i]) == 1 {
			b.src, order[i] = cands[i][0].elem, cands[i][0].order
		}
	}
	for i, b := range blocks {
		if len(cands[i]) < 2 {
			continue
		}
		near := -1
		for j := i - 1; j >= 0 && near < 0; j-- {
			near = order[j]
		}
		for j := i + 1; j < len(blocks) && near < 0; j++ {
			near = order[j]
		}
		best, bestDist := cands[i][0], -1
		for _, c := range cands[i] {
			d := c.order - near
			if d < 0 {
				d = -d
			}
			if near < 0 {
				d = 4 * p.size[c.elem].link // no neighbour known: the least link text
			}
			if bestDist < 0 || d < bestDist {
				best, bestDist = c, d
			}
		}
		b.src, order[i] = best.elem, best.order
	}
}

// inBoilerRegion reports whether n lies in a part of the page named or
// marked as boilerplate. A wrapper of the article with an unlucky class name
// does not count: the part must hold less than half of the output and not
// the anchor, the first substantial block of the output.
func (p *boilerPage) inBoilerRegion(n *html.Node, share map[*html.Node]int, total int) bool {
	// Start from the innermost element that still holds the block's text
	// (a <p> whose only content is a <span class="linkbox">).
	for {
		var inner *html.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && p.size[c].text*10 >= p.size[n].text*9 && p.size[c].text > 0 {
				inner = c
				break
			}
		}
		if inner == nil {
			break
		}
		n = inner
	}
	for a := n; a != nil && a.Type == html.ElementNode; a = a.Parent {
		if a.Data == "body" || a.Data == "html" {
			return false
		}
		cue, ok := p.cue[a]
		if !ok {
			cue = boilerRegion(a)
			p.cue[a] = cue
		}
		if cue {
			return share[a]*2 < total && !contains(a, p.anchor)
		}
	}
	return false
}

// contains reports whether d is a or lies under it.
func contains(a, d *html.Node) bool {
	for ; d != nil; d = d.Parent {
		if d == a {
			return true
		}
	}
	return false
}

// boilerRegion reports whether element n is, by its tag, role, class or
// id, a part of the page around the article rather than the article.
func boilerRegion(n *html.Node) bool {
	switch n.Data {
	case "aside", "nav", "footer", "form":
		return true
	}
	switch strings.ToLower(domAttr(n, "role")) {
	case "navigation", "complementary", "contentinfo":
		return true
	}
	for _, name := range []string{domAttr(n, "class"), domAttr(n, "id")} {
		if name != "" && boilerName(name) {
			return true
		}
	}
	return false
}

// boilerWords are class and id words that name boilerplate on their own;
// authorWords name an author box together with "author".
var (
	boilerWords = map[string]bool{
		"related": true, "relatedposts": true, "recommended": true, "recommendations": true,
		"share": true, "sharing": true, "sharedaddy": true, "shariff": true, "social": true, "socials": true,
		"newsletter": true, "subscribe": true, "subscription": true, "signup": true,
		"breadcrumb": true, "breadcrumbs": true, "tags": true, "tagcloud": true, "taglist": true,
		"copyright": true, "sidebar": true, "advert": true, "advertisement": true, "ads": true,
		"sponsored": true, "promo": true, "teaser": true, "teasers": true, "outbrain": true, "taboola": true,
		"linkbox": true, "comments": true, "kommentare": true, "respond": true, "disqus": true,
		"authorbox": true, "authorbio": true, "aboutauthor": true, "abouttheauthor": true,
	}
	authorWords = map[string]bool{
		"bio": true, "box": true, "info": true, "personal": true, "profile": true, "card": true,
		"description": true, "desc": true, "details": true, "about": true,
	}
)

// boilerName reports whether a class or id attribute holds a boilerplate
// word. Names are split at punctuation and lower-to-upper case changes
// ("cbx-Author_PersonalInfo" is cbx, author, personal, info). WordPress
// taxonomy classes ("category-social-media", "tag-share") name the topic,
// not the element, and are skipped.
func boilerName(attr string) bool {
	for _, name := range strings.Fields(attr) {
		if taxonomyClass(strings.ToLower(name)) {
			continue
		}
		words := nameWords(name)
		author := false
		for _, w := range words {
			if boilerWords[w] {
				return true
			}
			if w == "author" || w == "autor" {
				author = true
			}
		}
		if author {
			for _, w := range words {
				if authorWords[w] {
					return true
				}
			}
		}
	}
	return false
}

// nameWords splits a class name into lower-case words.
func nameWords(name string) []string {
	var words []string
	start := -1
	prevLower := false
	for i, r := range name {
		alnum := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case !alnum:
			if start >= 0 {
				words = append(words, strings.ToLower(name[start:i]))
				start = -1
			}
		case start < 0:
			start = i
		case unicode.IsUpper(r) && prevLower:
			words = append(words, strings.ToLower(name[start:i]))
			start = i
		}
		prevLower = unicode.IsLower(r)
	}
	if start >= 0 {
		words = append(words, strings.ToLower(name[start:]))
	}
	return words
}

func insideTag(n *html.Node, tag string) bool {
	for a := n; a != nil; a = a.Parent {
		if a.Type == html.ElementNode && a.Data == tag {
			return true
		}
	}
	return false
}

// dropLinkRuns drops runs of two or more blocks that are mostly link text:
// lists of related articles, tag lists. Inside the part of the page that
// holds the article (root) only short runs go, the "read more" boxes set
// between paragraphs; a long list of links there is more often the content
// (a changelog, a reading list). It also drops the blocks that follow a
// "related" label while they are mostly links.
func dropLinkRuns(blocks []*outBlock, p *boilerPage, root *html.Node) {
	linked := func(b *outBlock) bool { return b.linked && len(strings.Fields(b.text)) <= 30 }
	for i := 0; i < len(blocks); {
		if !linked(blocks[i]) {
			i++
			continue
		}
		j := i
		inside := false
		for j < len(blocks) && linked(blocks[j]) {
			inside = inside || (root != nil && contains(root, blocks[j].src))
			j++
		}
		if n := j - i; n >= 2 && (!inside || n <= 5) {
			for k := i; k < j; k++ {
				blocks[k].drop = true
			}
		}
		i = j
	}
	for i, b := range blocks {
		if !relatedLabel(b.text) {
			continue
		}
		if b.label || b.linked || (b.src != nil && p.size[b.src].linkDensity() >= 0.4) {
			b.drop = true
		}
		for j := i + 1; j < len(blocks) && blocks[j].linked; j++ {
			blocks[j].drop = true
		}
	}
}

// dropDanglingLabels drops short heading-like blocks that introduce only
// dropped blocks ("See also:", "Videos zum Thema"), at most three in a row.
func dropDanglingLabels(blocks []*outBlock) {
	run := 0
	for i := len(blocks) - 2; i >= 0; i-- {
		b := blocks[i]
		if b.drop || !b.label || !blocks[i+1].drop || run >= 3 {
			run = 0
			continue
		}
		if i+2 >= len(blocks) || blocks[i+2].drop || strings.HasSuffix(b.text, ":") {
			b.drop = true
			run++
		}
	}
}

// isLabelBlock reports whether b reads as a heading: a heading element, or
// a few words with no closing full stop.
func isLabelBlock(b *outBlock) bool {
	if b.size > 80 {
		return false
	}
	if b.node.Type == html.ElementNode {
		switch b.node.Data {
		case "h1", "h2", "h3", "h4", "h5", "h6", "head":
			return true
		}
	}
	if len(strings.Fields(b.text)) > 6 || b.size > 50 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(b.text)
	return !strings.ContainsRune(".!?\"”。！？", last)
}

var (
	htmlBoilerOnce sync.Once
	rxClock        *regexp.Regexp
	rxMonth        *regexp.Regexp
	rxDateWord     *regexp.Regexp
	rxCountLine    *regexp.Regexp
	rxCopyright    *regexp.Regexp
	rxLoginComment *regexp.Regexp
	rxNotLoggedIn  *regexp.Regexp
	rxAdLabel      *regexp.Regexp
	rxRelated      *regexp.Regexp
	rxCredit       *regexp.Regexp
)

func compileBoilerRegexps() {
	const months = `jan(?:uary|uar|vier)?|feb(?:ruary|ruar|rier)?|mar(?:ch|s)?|märz|apr(?:il)?|avril|may|mai|jun[ei]?|juin|jul[iy]?|juillet|aug(?:ust)?|août|sep(?:t|tember|tembre)?|o[ck]t(?:ober|obre)?|nov(?:ember|embre)?|de[cz](?:ember)?|décembre`
	rxClock = regexp.MustCompile(`\b\d{1,2}:\d{2}\b|\b\d{1,2}[./]\d{1,2}[./](?:19|20)?\d{2}\b`)
	rxMonth = regexp.MustCompile(`(?i)^(?:` + months + `)[.,]?$`)
	rxCountLine = regexp.MustCompile(`(?i)^\d+\s+(?:comments?|kommentare?|responses?|replies|antworten|commentaires?|comentarios?|komentarz[ey]?)$`)
	rxDateWord = regexp.MustCompile(`(?i)^(?:\d+[.,:/-]?\d*[.,:/-]?\d*[.,]?|[.,|/·•–—-]+|am|pm|uhr|at|um|à|on|le|den|der|el|de|posted|published|updated|asked|answered|edited|veröffentlicht|aktualisiert|mon(?:day)?|tue(?:sday)?|wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|mo|di|mi|do|fr|sa|so)[.,:]?$`)
	rxCopyright = regexp.MustCompile(`(?i)^(?:©|\(c\)|copyright\b)|all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|tutti i diritti riservati|wszelkie prawa zastrzeżone`)
	rxLoginComment = regexp.MustCompile(`(?i)(?:logged in|log in|login|sign in|eingeloggt|einloggen|loggen sie sich|angemeldet|anmelden|registriert|connecté|connectez|zalogowany|zaloguj|registrado|inicia sesión).*(?:comment|kommentar|commenter|comentar|komentarz)|(?:comment|kommentar|commenter|comentar|komentarz).*(?:logged in|log in|login|sign in|eingeloggt|einloggen|loggen sie sich|angemeldet|anmelden|registriert|connecté|connectez|zalogowany|zaloguj|registrado|inicia sesión)`)
	rxNotLoggedIn = regexp.MustCompile(`(?i)^(?:you are not logged in|sie sind (?:aktuell |derzeit |noch )?nicht (?:eingeloggt|angemeldet)|du bist nicht (?:eingeloggt|angemeldet)|vous n'êtes pas connecté)`)
	rxAdLabel = regexp.MustCompile(`(?i)^(?:anzeige|werbung|advertisement|advertising|sponsored(?: content| post)?|publicité|publicidad|reklama|pubblicità)\b`)
	rxRelated = regexp.MustCompile(`(?i)^(?:auch interessant|ebenfalls interessant|lesen sie auch|lies auch|mehr zum thema|mehr dazu|das könnte sie auch interessieren|das könnte dich auch interessieren|siehe auch|weitere artikel|weiterlesen|à lire aussi|a lire aussi|lire aussi|voir aussi|read more|read also|related(?: articles| posts| stories)?|see also|discover more|entdecke (?:weitere|mehr)|mehr entdecken|découvrez aussi|you may also like|you might also like|more on this|more from|mirá también|lee también|leer más|te puede interesar|czytaj (?:też|także|również)|zobacz (?:też|także)|leggi anche)\b`)
	rxCredit = regexp.MustCompile(`(?i)^(?:beitragsbild|titelbild|headerbild|bildquelle|bildnachweis|fotos?|bild|photos?|image|credit|crédit photo|foto de portada)\s*:`)
}

// boilerText reports whether a block's text alone marks it as boilerplate:
// a line that is only a date or time, a comment count, a copyright line, a
// notice that one must log in to comment, an advertising label, or a
// picture credit.
func boilerText(t string) bool {
	htmlBoilerOnce.Do(compileBoilerRegexps)
	words := strings.Fields(t)
	if len(words) > 40 {
		return false
	}
	if len(words) <= 10 && dateLine(t, words) {
		return true
	}
	if len(words) <= 3 && rxCountLine.MatchString(t) {
		return true
	}
	if len(words) <= 30 {
		// Cheap tests first: most blocks mention neither.
		l := strings.ToLower(t)
		if strings.ContainsAny(l, "©(") || containsAny(l, "copyright", "rights", "rechte", "droits", "derechos", "diritti", "prawa") {
			if rxCopyright.MatchString(t) {
				return true
			}
		}
		if containsAny(l, "omment", "comentar", "komentar") && rxLoginComment.MatchString(t) {
			return true
		}
	}
	if len(words) <= 8 && (rxNotLoggedIn.MatchString(t) || rxAdLabel.MatchString(t)) {
		return true
	}
	return len(words) <= 25 && rxCredit.MatchString(t)
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// dateLine reports whether a line holds a date or time (a clock time, a
// numeric date, or a month name) and at most one word besides ("24. März
// 2004, 19:49 | Genesis", "asked Feb 6, 2014 at 20:37").
func dateLine(t string, words []string) bool {
	dated, other := dateWords(t, words)
	return dated && other <= 1
}

// dateWords reports whether a line holds a date or time, and how many of
// its words are neither part of it nor the small words around dates.
func dateWords(t string, words []string) (dated bool, other int) {
	dated = rxClock.MatchString(t)
	for _, w := range words {
		switch {
		case rxMonth.MatchString(w):
			dated = dated || strings.ContainsAny(t, "0123456789")
		case rxDateWord.MatchString(w):
		default:
			other++
		}
	}
	return dated, other
}

// relatedLabel reports whether t opens with a "see also" phrase.
func relatedLabel(t string) bool {
	htmlBoilerOnce.Do(compileBoilerRegexps)
	return rxRelated.MatchString(t)
}
