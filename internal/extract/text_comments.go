package extract

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
)

// anchorKind is the shape of a comment header line.
type anchorKind uint8

const (
	akSays     anchorKind = iota + 1 // "Name says:", "Name on DATE said:", "Name sagt:"
	akDateName                       // "Name July 7, 2012 at 12:27 am", "Posted by: Name | DATE", "by Name on DATE."
	akBy                             // "by Name (12345)"
	akDate                           // a date and/or time alone
)

// textAnchor is a line that looks like a comment header (or footer).
type textAnchor struct {
	line   int
	kind   anchorKind
	author string
	when   time.Time
}

var saysVerbs = []string{
	"says", "said", "wrote", "writes", "commented", "replied", "sagt", "sagte", "schreibt", "schrieb", "meint",
	"meinte", "kommentierte", "antwortete", "dit", "a dit", "écrit", "a écrit", "a commenté", "dice", "dijo",
	"escribe", "escribió", "comentó", "scrive", "ha scritto", "ha detto", "zegt", "schreef", "diz", "disse",
	"escreveu", "skriver", "skrev", "sanoo",
}

// saysBare are verbs that make a header without a colon after them.
var saysBare = map[string]bool{"says": true, "writes": true, "sagt": true, "schreibt": true, "dit": true, "scrive": true, "zegt": true}

// notNameWords are words that show a line is a sentence, not a name.
var notNameWords = map[string]bool{
	"i": true, "he": true, "she": true, "we": true, "they": true, "you": true, "it": true, "is": true, "are": true,
	"was": true, "were": true, "will": true, "has": true, "have": true, "had": true, "this": true, "that": true,
	"which": true, "who": true, "what": true, "when": true, "if": true, "because": true, "ich": true, "er": true,
	"wir": true, "ist": true, "sind": true, "war": true, "hat": true, "wird": true, "dass": true, "il": true,
	"elle": true, "nous": true, "vous": true, "est": true, "sont": true, "était": true, "él": true, "ella": true,
	"es": true, "fue": true, "son": true, "que": true,
}

// nameJunk are words around a name in a header line.
var nameJunk = map[string]bool{
	"on": true, "at": true, "by": true, "posted": true, "written": true, "geschrieben": true, "von": true, "am": true,
	"um": true, "le": true, "par": true, "el": true, "por": true, "de": true, "di": true, "door": true, "op": true,
	"said": true, "says": true, "wrote": true, "writes": true, "reply": true, "antworten": true, "permalink": true,
	"comment": true, "kommentar": true, "uhr": true, "edt": true, "est": true, "pst": true, "pdt": true, "cst": true,
	"cdt": true, "gmt": true, "utc": true, "cet": true, "cest": true, "mez": true, "mesz": true, "bst": true,
	"et": true, "pt": true, "avatar": true, "homepage": true, "journal": true, "pts": true, "points": true,
	"updated": true, "aktualisiert": true, "published": true, "veröffentlicht": true, "publié": true,
	"publicado": true, "publicat": true, "pubblicato": true, "gepostet": true, "erstellt": true, "the": false,
	"from": true, "in": true, "and": false, "submitted": true, "added": true, "commented": true, "|": true,
}

// parsedAnchor reads a line as a comment header, if it is one.
func anchorOf(l tline) (textAnchor, bool) {
	b := l.body
	if b == "" || len(l.text) > 160 || l.words > 24 {
		return textAnchor{}, false
	}
	if name, ok := saysName(l.text); ok {
		a := textAnchor{kind: akSays}
		if m, ok := scanDate(name); ok {
			a.when = m.t
			name = name[:m.start] + " " + name[m.end:]
		}
		a.author = cleanName(name)
		if a.author == "" || countWords(a.author) > 8 || looksProse(a.author) {
			return textAnchor{}, false
		}
		return a, true
	}
	if m, ok := scanDate(l.text); ok && (m.date || m.clock || m.relative) {
		rest := l.text[:m.start] + " " + l.text[m.end:]
		name := cleanName(rest)
		nw := countWords(name)
		switch {
		case nw == 0:
			return textAnchor{kind: akDate, when: m.t}, true
		case nw > 8 || looksProse(name) || nw > 3 && endsSentence(rest):
			return textAnchor{}, false
		}
		return textAnchor{kind: akDateName, author: name, when: m.t}, true
	}
	low := strings.ToLower(b)
	if strings.HasPrefix(low, "by ") && l.words <= 7 && !endsSentence(b) {
		name := cleanName(b[3:])
		if nw := countWords(name); nw >= 1 && nw <= 4 && !looksProse(name) {
			return textAnchor{kind: akBy, author: name}, true
		}
	}
	return textAnchor{}, false
}

// saysName returns the name part of "Name says:", "Name on DATE said:".
func saysName(t string) (string, bool) {
	tb := strings.TrimRight(t, " :.…")
	colon := len(tb) < len(t)
	for _, v := range saysVerbs {
		if len(tb) <= len(v)+1 || !strings.EqualFold(tb[len(tb)-len(v):], v) || tb[len(tb)-len(v)-1] != ' ' {
			continue
		}
		if !colon && !saysBare[v] {
			return "", false
		}
		return tb[:len(tb)-len(v)-1], true
	}
	return "", false
}

// cleanName strips list markers, placeholders, karma counts, separators
// and header words ("Posted by:", "on", "at") from around a name.
func cleanName(s string) string {
	f := strings.Fields(s)
	out := f[:0]
	for _, w := range f {
		if strings.HasPrefix(w, "[") {
			if j := strings.IndexByte(w, ']'); j > 0 {
				w = w[j+1:]
			}
		}
		if w == "" || strings.IndexFunc(w, unicode.IsLetter) < 0 {
			continue // numbers, "(579941)", "#1", "|", "—", "•"
		}
		if strings.HasPrefix(w, "(#") || strings.HasPrefix(w, "#") {
			continue
		}
		out = append(out, w)
	}
	isJunk := func(w string) bool {
		return nameJunk[strings.ToLower(strings.Trim(w, ":,.;-–—|/()[]"))]
	}
	for len(out) > 0 && isJunk(out[0]) {
		out = out[1:]
	}
	for len(out) > 0 && isJunk(out[len(out)-1]) {
		out = out[:len(out)-1]
	}
	// "Comment #1 - Posted by: MattPatt": junk in the middle before the name
	for i := len(out) - 1; i > 0; i-- {
		if w := strings.ToLower(out[i-1]); w == "by:" || w == "by" || w == "von" || w == "par" || w == "por" {
			if i < len(out) {
				out = out[i:]
			}
			break
		}
	}
	n := strings.Join(out, " ")
	n = strings.Trim(n, " ,;:-–—|/·•(")
	if strings.HasSuffix(n, ")") && !strings.Contains(n, "(") {
		n = strings.TrimRight(n, ")")
	}
	return n
}

func looksProse(name string) bool {
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if notNameWords[strings.Trim(w, ",.;:!?\"'")] {
			return true
		}
	}
	return false
}

var headingRE = sync.OnceValues(func() (*regexp.Regexp, *regexp.Regexp) {
	counts := `responses?|comments?|replies|reply|thoughts?|reactions?|kommentare?|kommentaren|antworten|reaktionen|ergänzungen|leserkommentare|leserbriefe|meinungen|commentaires?|réactions?|réponses?|comentarios?|respuestas?|commenti|commento|risposte|reacties|reactie|comentários?|respostas?|kommentarer|kommentit|opinions?`
	num := regexp.MustCompile(`(?i)^(?:.{0,40}?\b)?(\d{1,6}|one|no|ein|eine|einen|un|une|uno|una|één|um|uma)\s*(?:` + counts + `)\b[\s:.]*(.*)$`)
	bare := regexp.MustCompile(`(?i)^(?:` + counts + `|discussion|diskussion|reader comments|user comments|leser-?kommentare|ihre meinung|votre avis|tu opinión|la tua opinione)\s*[:(\[]?\s*(\d{0,6})\s*[)\]]?\s*:?$`)
	return num, bare
})

// commentHeading reads a comments heading: "4 Responses to …", "12
// Kommentare", "Comments (3)", "One thought on “…”".
func commentHeading(l tline) (count int, ref string, ok bool) {
	b := l.body
	if b == "" || l.words > 30 {
		return 0, "", false
	}
	num, bare := headingRE()
	if m := bare.FindStringSubmatch(b); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n, "", true
	}
	m := num.FindStringSubmatch(b)
	if m == nil {
		return 0, "", false
	}
	if m[2] != "" && l.words > 8 {
		// "4 Responses to Title": the rest must start with a preposition
		rest := m[2]
		i := strings.IndexByte(rest, ' ')
		if i < 0 {
			return 0, "", false
		}
		switch strings.ToLower(rest[:i]) {
		case "to", "on", "for", "about", "zu", "auf", "zum", "zur", "sur", "à", "a", "en", "su", "op", "em", "sobre", "para":
			ref = strings.Trim(rest[i+1:], " \"'“”„‟«»‹›‘’‚")
		default:
			return 0, "", false
		}
	} else if m[2] != "" {
		rest := strings.ToLower(strings.TrimSpace(m[2]))
		switch {
		case strings.HasPrefix(rest, "to ") || strings.HasPrefix(rest, "on ") || strings.HasPrefix(rest, "zu ") || strings.HasPrefix(rest, "sur ") ||
			strings.HasPrefix(rest, "auf ") || strings.HasPrefix(rest, "en ") || strings.HasPrefix(rest, "a ") || strings.HasPrefix(rest, "su "):
			ref = strings.Trim(m[2][strings.IndexByte(m[2], ' ')+1:], " \"'“”„‟«»‹›‘’‚")
		case strings.HasPrefix(rest, "add yours"), strings.HasPrefix(rest, "so far"), strings.HasPrefix(rest, "»"),
			strings.HasPrefix(rest, "("), strings.HasPrefix(rest, "|"), rest == "":
		default:
			if l.words > 5 {
				return 0, "", false
			}
		}
	}
	switch strings.ToLower(m[1]) {
	case "no":
		count = 0
	case "one", "ein", "eine", "einen", "un", "une", "uno", "una", "één", "um", "uma":
		count = 1
	default:
		count, _ = strconv.Atoi(m[1])
	}
	return count, ref, true
}

// findComments finds the comment section, fills d.comments and d.count and
// returns the line where the article part ends, and the title the comment
// heading names (if any).
func (d *textDoc) findComments() (artEnd int, titleRef string) {
	lines := d.lines
	n := len(lines)
	heading := -1
	var anchors []textAnchor
	headingAt := map[int]bool{}
	firstCount := 0
	for i, l := range lines {
		if l.blank {
			continue
		}
		if c, ref, ok := commentHeading(l); ok {
			headingAt[i] = true
			if firstCount == 0 && c > 0 {
				firstCount = c
			}
			if ref != "" && titleRef == "" {
				titleRef = ref
			}
			if !l.marker || l.words > 3 {
				heading = i // provisional; fixed below
			}
			continue
		}
		if a, ok := anchorOf(l); ok {
			a.line = i
			anchors = append(anchors, a)
		}
	}
	d.count = firstCount
	// The section heading is the last heading that has anchors after it.
	heading = -1
	for i := n - 1; i >= 0; i-- {
		if headingAt[i] && (!lines[i].marker || lines[i].words > 3) && len(anchors) > 0 && anchors[len(anchors)-1].line > i {
			heading = i
			break
		}
	}
	if heading >= 0 {
		if c, ref, _ := commentHeading(lines[heading]); c > 0 || ref != "" {
			if c > 0 {
				d.count = c
			}
			if ref != "" {
				titleRef = ref
			}
		}
	}
	noComments := func() (int, string) {
		if heading >= 0 {
			return heading, titleRef
		}
		for i := n - 1; i >= 0; i-- {
			if headingAt[i] && !lines[i].marker {
				return i, titleRef
			}
		}
		return n, titleRef
	}
	cand := anchors[:0:0]
	for _, a := range anchors {
		if a.line > heading {
			cand = append(cand, a)
		}
	}
	chain := pickChain(lines, cand, heading)
	if len(chain) == 0 {
		return noComments()
	}
	kind := chain[0].kind
	isAnchor := map[int]textAnchor{}
	for _, a := range anchors {
		isAnchor[a.line] = a
	}

	// Header or footer? A header has the comment after it, so the last
	// header of the chain has text after it; a footer does not.
	last := chain[len(chain)-1].line
	footer := kind != akSays && wordsAfter(lines, last+1, isAnchor) == 0 && len(chain) >= 2

	type span struct{ from, to, head0, head1 int }
	spans := make([]span, len(chain))
	if !footer {
		pre := namesAround(lines, chain, heading, -1)
		post := []int(nil)
		if pre == nil && kind == akDate {
			post = namesAround(lines, chain, heading, +1)
		}
		for k, a := range chain {
			s := span{from: a.line, head0: a.line, head1: a.line}
			if pre != nil && pre[k] >= 0 {
				s.from, s.head0 = pre[k], pre[k]
			}
			if post != nil && post[k] >= 0 {
				s.head1 = post[k]
			}
			spans[k] = s
		}
		for k := range spans {
			if k+1 < len(spans) {
				spans[k].to = spans[k+1].from
			} else {
				spans[k].to = commentEnd(lines, spans[k].head1+1, isAnchor)
			}
		}
	} else {
		for k, a := range chain {
			s := span{to: a.line + 1, head0: a.line, head1: a.line}
			if k > 0 {
				s.from = chain[k-1].line + 1
			}
			spans[k] = s
		}
		if heading >= 0 && heading < chain[0].line {
			spans[0].from = heading + 1
		} else {
			spans[0].from = firstFooterStart(lines, chain)
		}
	}

	for _, s := range spans {
		c := textComment{}
		head := map[int]bool{}
		for i := s.head0; i <= s.head1; i++ {
			if !lines[i].blank {
				head[i] = true
				c.head = append(c.head, lines[i].text)
			}
		}
		a := isAnchor[s.head0]
		if footer {
			a = isAnchor[s.head1]
		} else if _, ok := isAnchor[s.head1]; ok && s.head1 != s.head0 && kind == akDate {
			a = isAnchor[s.head1]
		}
		for i := s.head0; i <= s.head1; i++ {
			if x, ok := isAnchor[i]; ok {
				a = x
				break
			}
		}
		c.author, c.published = a.author, a.when
		if c.author == "" {
			for i := s.head0; i <= s.head1; i++ {
				if _, ok := isAnchor[i]; !ok && !lines[i].blank {
					c.author = cleanName(lines[i].body)
					break
				}
			}
		}
		// Header lines of another shape at the start or end of the text
		// (a date line under "Name says:", a time under a Blogger comment)
		// are part of the header.
		keep := make([]int, 0, s.to-s.from)
		for i := s.from; i < s.to; i++ {
			l := lines[i]
			if head[i] || l.blank || isCommentAction(l.body) || isBoilerText(l.body, l.words) || headingAt[i] {
				continue
			}
			keep = append(keep, i)
		}
		trimMeta := func(i int) bool {
			x, ok := isAnchor[i]
			if !ok {
				return false
			}
			if c.published.IsZero() {
				c.published = x.when
			}
			if c.author == "" {
				c.author = x.author
			}
			c.head = append(c.head, lines[i].text)
			return true
		}
		for len(keep) > 0 && trimMeta(keep[0]) {
			keep = keep[1:]
		}
		for len(keep) > 0 && trimMeta(keep[len(keep)-1]) {
			keep = keep[:len(keep)-1]
		}
		kept := map[int]bool{}
		for _, i := range keep {
			kept[i] = true
		}
		c.body = paragraphs(lines, s.from, s.to, func(i int) bool { return kept[i] })
		d.comments = append(d.comments, c)
	}
	artEnd = spans[0].from
	if heading >= 0 && heading < artEnd {
		artEnd = heading
	}
	return artEnd, titleRef
}

// pickChain chooses the comment headers: the most frequent header shape
// after the heading, without a leading byline and without anything after
// the comment form.
func pickChain(lines []tline, cand []textAnchor, heading int) []textAnchor {
	if len(cand) == 0 {
		return nil
	}
	var count [akDate + 1]int
	for _, a := range cand {
		count[a.kind]++
	}
	kind := akSays
	for k := akDateName; k <= akDate; k++ {
		if count[k] > count[kind] {
			kind = k
		}
	}
	var chain []textAnchor
	for _, a := range cand {
		if a.kind == kind {
			chain = append(chain, a)
		}
	}
	// Cut at the first furniture (comment form, footer, sidebar) after the
	// first comment's text.
	for k := 0; k+1 < len(chain); k++ {
		if stop := hardStopBetween(lines, chain[k].line+1, chain[k+1].line); stop {
			if k == 0 && heading < 0 && !wordsBefore(lines, chain[0].line) {
				chain = chain[1:]
				k--
				continue
			}
			chain = chain[:k+1]
			break
		}
	}
	// A byline or a dated line in the article is not a comment: drop
	// leading anchors followed by far more text than the others.
	for len(chain) >= 2 {
		gaps := make([]int, len(chain)-1)
		for k := range gaps {
			gaps[k] = wordsIn(lines, chain[k].line+1, chain[k+1].line)
		}
		rest := slices.Clone(gaps[1:])
		med := 0
		if len(rest) > 0 {
			slices.Sort(rest)
			med = rest[len(rest)/2]
		}
		if gaps[0] > 250 && (len(rest) == 0 && heading < 0 || len(rest) > 0 && gaps[0] > 6*med+60) {
			chain = chain[1:]
			continue
		}
		break
	}
	if len(chain) == 1 && heading < 0 && kind != akSays {
		return nil
	}
	return chain
}

func wordsBefore(lines []tline, at int) bool {
	for i := at - 1; i >= 0 && i >= at-3; i-- {
		if lines[i].words > 0 {
			return true
		}
	}
	return false
}

// hardStopBetween reports whether lines[from:to] hold site furniture that
// never sits inside a comment list (the comment form, related posts...).
func hardStopBetween(lines []tline, from, to int) bool {
	for i := from; i < to; i++ {
		if isHardStop(lines[i]) {
			return true
		}
	}
	return false
}

func isHardStop(l tline) bool {
	if l.blank || isCommentAction(l.body) {
		return false
	}
	return isBoilerText(l.body, l.words)
}

func wordsIn(lines []tline, from, to int) int {
	n := 0
	for i := from; i < to && i < len(lines); i++ {
		n += lines[i].words
	}
	return n
}

// wordsAfter counts words of text after a header line, up to the next
// header or furniture.
func wordsAfter(lines []tline, from int, anchors map[int]textAnchor) int {
	n := 0
	for i := from; i < len(lines); i++ {
		l := lines[i]
		if l.blank || isCommentAction(l.body) {
			continue
		}
		if isHardStop(l) {
			break
		}
		if _, ok := anchors[i]; ok {
			if n > 0 {
				break
			}
			continue
		}
		if _, _, ok := commentHeading(l); ok {
			break
		}
		n += l.words
		if n > 0 {
			break
		}
	}
	return n
}

// commentEnd returns where the last comment's text ends: at the first
// furniture line, a run of menu items, or the end.
func commentEnd(lines []tline, from int, anchors map[int]textAnchor) int {
	menu := 0
	for i := from; i < len(lines); i++ {
		l := lines[i]
		if l.blank {
			continue
		}
		if isCommentAction(l.body) {
			menu = 0
			continue
		}
		if isHardStop(l) {
			return i
		}
		if _, _, ok := commentHeading(l); ok {
			return i
		}
		if l.marker && l.words <= 6 {
			menu++
			if menu >= 3 {
				return i - 2
			}
		} else {
			menu = 0
		}
	}
	return len(lines)
}

// isNameLine reports whether a line could be a commenter's name printed on
// its own line.
func isNameLine(l tline) bool {
	if l.blank || l.words < 1 || l.words > 6 || len(l.body) > 60 {
		return false
	}
	if endsSentence(l.body) && !strings.HasSuffix(l.body, ".") {
		return false
	}
	switch lastRune(l.body) {
	case ',', ';', ':', '.':
		if !strings.HasSuffix(l.body, "...") {
			return false
		}
	}
	if isCommentAction(l.body) || isBoilerText(l.body, l.words) || looksProse(l.body) {
		return false
	}
	if _, ok := scanDate(l.body); ok {
		return false
	}
	return true
}

// namesAround looks, for every header of the chain, at the nearest line
// above (dir -1) or below (dir +1) and returns its index when the page
// prints the commenter's name there, consistently; nil otherwise.
func namesAround(lines []tline, chain []textAnchor, heading int, dir int) []int {
	out := make([]int, len(chain))
	hits := 0
	for k, a := range chain {
		out[k] = -1
		lo := heading
		if k > 0 {
			lo = chain[k-1].line
		}
		hi := len(lines)
		if k+1 < len(chain) {
			hi = chain[k+1].line
		}
		blanks := 0
		for i := a.line + dir; i > lo && i < hi; i += dir {
			l := lines[i]
			if l.text == "" {
				blanks++
				if blanks > 2 {
					break
				}
				continue
			}
			if l.blank || isCommentAction(l.body) {
				continue
			}
			if isNameLine(l) && (a.kind == akDate || a.author == "") {
				out[k] = i
				hits++
			}
			break
		}
	}
	if hits == 0 || hits*5 < len(chain)*3 {
		return nil
	}
	return out
}

// firstFooterStart guesses where the first comment starts when comments end
// with their header (footer layout) and no heading separates them from the
// article: as many paragraphs back as the other comments have, typically.
func firstFooterStart(lines []tline, chain []textAnchor) int {
	var paras []int
	for k := 1; k < len(chain); k++ {
		paras = append(paras, countBlocks(lines, chain[k-1].line+1, chain[k].line))
	}
	want := 1
	if len(paras) > 0 {
		slices.Sort(paras)
		want = max(1, paras[len(paras)/2])
	}
	i := chain[0].line
	blocks, in := 0, false
	for i > 0 {
		l := lines[i-1]
		if l.text == "" {
			if in {
				blocks++
				in = false
				if blocks >= want {
					break
				}
			}
			i--
			continue
		}
		in = true
		i--
	}
	return i
}

func countBlocks(lines []tline, from, to int) int {
	n, in := 0, false
	for i := from; i < to; i++ {
		if lines[i].text == "" || lines[i].blank {
			in = false
			continue
		}
		if !in {
			n++
			in = true
		}
	}
	return n
}
