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
	akName                           // a name alone on its line, with the text below it
)

// textAnchor is a line that looks like a comment header (or footer).
type textAnchor struct {
	line   int
	kind   anchorKind
	author string
	when   time.Time
	shape  string // the header's template: lead word, name/date order, clock
	strict bool   // the name is name-like on its own (see strictName)
	vague  bool   // dated without year or time ("Record May 12")
}

var saysVerbs = []string{
	"says", "said", "wrote", "writes", "commented", "replied", "sagt", "sagte", "schreibt", "schrieb", "meint",
	"meinte", "kommentierte", "antwortete", "dit", "a dit", "écrit", "a écrit", "a commenté", "dice", "dijo",
	"escribe", "escribió", "comentó", "scrive", "ha scritto", "ha detto", "zegt", "schreef", "diz", "disse",
	"escreveu", "skriver", "skrev", "sanoo", "added",
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
	"publicado": true, "publicat": true, "pubblicato": true, "gepostet": true, "erstellt": true,
	"from": true, "in": true, "submitted": true, "added": true, "commented": true, "|": true,
	"asked": true, "answered": true, "edited": true, "modified": true, "viewed": true, "active": true,
	"replied": true, "bearbeitet": true, "geändert": true, "beantwortet": true, "gefragt": true,
	"update": true, "edit": true, "nachtrag": true, "mise": true, "jour": true, "actualización": true,
}

// anchorOf reads a line as a comment header, if it is one.
func anchorOf(l tline) (textAnchor, bool) {
	b := l.body
	if b == "" || len(l.text) > 160 || l.words > 24 {
		return textAnchor{}, false
	}
	// a bare "says" on a bulleted line is a menu item ("• Jugend schreibt"),
	// unless an avatar placeholder shows it is a commenter
	avatar := strings.Contains(l.text, "]") && !strings.HasPrefix(l.body, l.text)
	if name, ok := saysName(l.text, l.marker && !startsWithDigit(l.text) && !avatar); ok {
		a := textAnchor{kind: akSays}
		if m, ok := scanDate(name); ok {
			a.when = m.t
			name = name[:m.start] + " " + name[m.end:]
		}
		a.author = cleanName(name)
		if a.author == "" || countWords(a.author) > 8 || looksProse(a.author) {
			return textAnchor{}, false
		}
		nb, _ := stripMarker(strings.TrimSpace(name))
		a.strict = strictName(withoutDates(nb))
		return a, true
	}
	if m, ok := scanDateQuick(l.text); ok && (m.date || m.clock || m.relative) {
		rest := l.text[:m.start] + " " + l.text[m.end:]
		if pre := strings.TrimSpace(l.text[:m.start]); strings.HasSuffix(pre, ":") {
			// "Öffnungszeiten: 10:00 - 17:00 Uhr" is a label, not a name;
			// "Posted by: Ann", "Updated:" are header words
			f := strings.Fields(strings.ToLower(pre))
			if w := strings.TrimRight(f[len(f)-1], ":"); !nameJunk[w] && w != "by" && w != "am" && w != "le" {
				return textAnchor{}, false
			}
		}
		if m2, again := scanDateQuick(rest); again && m.date && m2.date {
			return textAnchor{}, false // a row of dates in a table
		}
		all := cleanName(rest)
		nw := countWords(all)
		name := dateHeaderName(l.text, m)
		shape := anchorShape(l.body, name, m)
		vague := !m.year && !m.clock && !m.relative
		switch {
		case nw == 0 || name == "":
			return textAnchor{kind: akDate, when: m.t, shape: shape, vague: vague}, true
		case nw > 8 || looksProse(all) || nw > 3 && endsSentence(rest):
			return textAnchor{}, false
		case l.marker && countWords(name) > 3:
			return textAnchor{}, false // a dated link in a list of posts
		}
		return textAnchor{kind: akDateName, author: name, when: m.t, shape: shape, strict: strictName(withoutDates(l.body)), vague: vague}, true
	}
	low := strings.ToLower(b)
	// "Montemalone 44 pts"
	if f := strings.Fields(low); len(f) >= 3 && len(f) <= 6 && (f[len(f)-1] == "pts" || f[len(f)-1] == "points" || f[len(f)-1] == "punkte") &&
		strings.IndexFunc(f[len(f)-2], func(r rune) bool { return r < '0' || r > '9' }) < 0 {
		name := cleanName(strings.Join(strings.Fields(b)[:len(f)-2], " "))
		if name != "" && !looksProse(name) {
			return textAnchor{kind: akBy, author: name}, true
		}
	}
	// Slashdot-style "by name (12345)"; a capitalised "By Name" is an
	// article byline
	if strings.HasPrefix(b, "by ") && l.words <= 7 && !endsSentence(b) {
		karma := strings.Contains(b, "(") && strings.IndexFunc(b, unicode.IsDigit) > 0
		name := cleanName(b[3:])
		if nw := countWords(name); nw >= 1 && (nw <= 3 || karma && nw <= 4) && !looksProse(name) {
			return textAnchor{kind: akBy, author: name}, true
		}
	}
	return textAnchor{}, false
}

// nameFields returns the words of a header line without the header words
// and separators around them ("Posted by:", "on", "|").
func nameFields(s string) []string {
	f := strings.Fields(s)
	isJunk := func(w string) bool {
		t := strings.Trim(w, ":,.;-–—|/·•()[]")
		return t == "" || nameJunk[strings.ToLower(t)]
	}
	for len(f) > 0 && isJunk(f[0]) {
		f = f[1:]
	}
	for len(f) > 0 && isJunk(f[len(f)-1]) {
		f = f[:len(f)-1]
	}
	return f
}

// withoutDates cuts the dates and times out of a header line.
func withoutDates(s string) string {
	for k := 0; k < 3; k++ {
		m, ok := scanDate(s)
		if !ok {
			break
		}
		s = s[:m.start] + " " + s[m.end:]
	}
	return s
}

// strictName reports whether the words of a header line other than its
// header words ("Posted by", "on", "|") read as a name rather than as the
// end of a sentence: one to five words, no sentence punctuation, not
// opening with a function word. "Ann Lee", "tRiSh",
// "Ann from Harbour & Sons" are names; "the department",
// "by a Third, Chairman" are not. A header outside any comment section
// must pass this; under a comments heading or in a numbered list the page's
// own layout vouches for the name.
func strictName(s string) bool {
	f := nameFields(s)
	words := 0
	for k, w := range f {
		if strings.IndexFunc(w, unicode.IsLetter) < 0 || strings.Contains(w, "://") || strings.HasPrefix(w, "www.") {
			continue // "&", "-", "|", a comment number, a link
		}
		if strings.ContainsAny(w, ",;:!?\"“”„«»") {
			return false
		}
		words++
		lw := strings.ToLower(strings.TrimRight(w, "."))
		if notNameWords[lw] {
			return false
		}
		if k == 0 && nameStop[lw] && (len(f) == 1 || !startsUpper(f[1])) {
			return false // "the department", "The minister"; not "The Harbour Trust"
		}
	}
	return words >= 1 && words <= 5
}

// dateHeaderName reads the commenter's name from a dated header line:
// "by NAME on DATE", "NAME — DATE", "Posted by: NAME | DATE", "DATE NAME".
func dateHeaderName(text string, m dateMatch) string {
	cand, post := text[:m.start], false
	if cleanName(cand) == "" {
		cand, post = text[m.end:], true
	}
	low := strings.ToLower(cand)
	for _, p := range []string{"posted by:", "posted by", "written by", "geschrieben von", "kommentar von", "comment by", "by:", "by", "von", "par", "por", "door"} {
		i := 0
		for {
			j := strings.Index(low[i:], p)
			if j < 0 {
				break
			}
			j += i
			end := j + len(p)
			if (j == 0 || low[j-1] == ' ') && (end == len(low) || low[end] == ' ' || strings.HasSuffix(p, ":")) {
				cand, low = cand[end:], low[end:]
				break
			}
			i = j + 1
		}
	}
	for _, stop := range []string{" on ", " at ", " am ", " um ", " le ", " el ", " | ", " — ", " – ", " - ", " in ", " via ", " said", " says", " wrote", " schrieb", " (", " · ", " / "} {
		if (stop == " in " || stop == " via ") && !post {
			continue
		}
		if i := strings.Index(low, stop); i > 0 && cleanName(cand[:i]) != "" {
			cand, low = cand[:i], low[:i]
		}
	}
	return cleanName(cand)
}

// anchorShape sums up how a dated header is laid out, to tell a page's
// comment headers from a byline or a quoted tweet that happens to carry a
// date too.
func anchorShape(body, name string, m dateMatch) string {
	lead := ""
	if f := strings.Fields(body); len(f) > 0 {
		w := strings.ToLower(strings.Trim(f[0], ":,"))
		if nameJunk[w] || strings.IndexFunc(w, unicode.IsLetter) < 0 {
			lead = w
			if strings.IndexFunc(w, unicode.IsLetter) < 0 {
				lead = "#"
			}
		}
	}
	order := "d"
	if name != "" {
		if i := strings.Index(body, name); i >= 0 && i < m.start {
			order = "nd"
		} else {
			order = "dn"
		}
	}
	clock := ""
	if m.clock {
		clock = "t"
	}
	if !m.date && !m.clock {
		clock = "r"
	}
	return lead + "/" + order + "/" + clock
}

// saysName returns the name part of "Name says:", "Name on DATE said:".
func saysName(t string, bullet bool) (string, bool) {
	tb := strings.TrimRight(t, " :.…,;")
	end := strings.TrimSpace(t[len(tb):])
	colon := strings.HasPrefix(end, ":") || strings.HasPrefix(end, "...") || strings.HasPrefix(end, "…") ||
		end == "," || end == ";"
	for _, v := range saysVerbs {
		if len(tb) <= len(v)+1 || !strings.EqualFold(tb[len(tb)-len(v):], v) || tb[len(tb)-len(v)-1] != ' ' {
			continue
		}
		if !colon && (end != "" || !saysBare[v] || bullet) {
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

func startsUpper(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

func looksProse(name string) bool {
	if strings.ContainsAny(name, "“”\"«»„") {
		return true
	}
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if notNameWords[strings.Trim(w, ",.;:!?\"'")] {
			return true
		}
	}
	return false
}

var headingRE = sync.OnceValues(func() (*regexp.Regexp, *regexp.Regexp) {
	counts := `responses?|comments?|replies|reply|answers?|thoughts?|reactions?|kommentare?|kommentaren|antworten|reaktionen|ergänzungen|leserkommentare|leserbriefe|meinungen|commentaires?|réactions?|réponses?|comentarios?|respuestas?|commenti|commento|risposte|reacties|reactie|comentários?|respostas?|kommentarer|kommentit|opinions?`
	num := regexp.MustCompile(`(?i)^(\d{1,6}|one|no|ein|eine|einen|un|une|uno|una|één|um|uma)\s*(?:` + counts + `)\b[\s:.]*(.*)$`)
	bare := regexp.MustCompile(`(?i)^(?:` + counts + `|discussion|diskussion|reader comments|user comments|leser-?kommentare|ihre meinung|votre avis|tu opinión|la tua opinione)\s*[:(\[]?\s*(\d{0,6})\s*[)\]]?\s*:?$`)
	return num, bare
})

var countAnyRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)(?:^|[\s|•·(])(\d{1,6})\s*(?:comments?|responses?|kommentare?|commentaires?|comentarios?|commenti|reacties|comentários)\b`)
})

// statedCount finds a comment count inside a short meta line ("Posted on
// May 3 • 18 Comments", "|5 Kommentare").
func statedCount(l tline) int {
	if l.blank || l.words > 16 || l.marker && l.words > 3 || !hasCountWord(l.low) || strings.IndexFunc(l.body, unicode.IsDigit) < 0 {
		return 0
	}
	if m := countAnyRE().FindStringSubmatch(l.body); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

// countStems are the stems of the words a comments heading is made of.
var countStems = []string{
	"comment", "respon", "repl", "answer", "thought", "reaction", "kommentar", "antwort", "reaktion", "ergänzung",
	"leserbrief", "meinung", "réaction", "réponse", "comentario", "respuesta", "rispost", "reactie", "comentário",
	"resposta", "kommentit", "opinion", "opinión", "discussion", "diskussion", "avis",
}

// hasCountWord is a quick filter before the heading expressions.
func hasCountWord(low string) bool {
	start := true
	for i := 0; i < len(low); i++ {
		c := low[i]
		letter := c >= 'a' && c <= 'z' || c >= 0x80
		if letter && start {
			for _, st := range countStems {
				if st[0] == c && strings.HasPrefix(low[i:], st) {
					return true
				}
			}
		}
		start = !letter && !(c >= '0' && c <= '9') || c >= '0' && c <= '9' // "52Comments" glues a count to the word
	}
	return false
}

// commentHeading reads a comments heading: "4 Responses to …", "12
// Kommentare", "Comments (3)", "One thought on “…”".
func commentHeading(l tline) (count int, ref string, ok bool) {
	b := strings.TrimLeft(l.body, "±»›#|–—-·:* ")
	low := l.low
	if low == "" || len(b) != len(l.body) {
		low = strings.ToLower(b)
	}
	if b == "" || l.words > 30 || !hasCountWord(low) {
		return 0, "", false
	}
	num, bare := headingRE()
	if m := bare.FindStringSubmatch(b); m != nil && !(m[1] == "" && isCommentAction(b)) {
		n, _ := strconv.Atoi(m[1])
		return n, "", true
	}
	m := num.FindStringSubmatch(b)
	prefix := ""
	if m == nil && l.words <= 6 {
		// "Dieser Artikel hat 32 Kommentare."
		for i := 1; i < len(b) && i <= 40; i++ {
			if b[i-1] == ' ' {
				if m = num.FindStringSubmatch(b[i:]); m != nil && m[1][0] >= '0' && m[1][0] <= '9' {
					prefix = b[:i]
					break
				}
				m = nil // "Schreibe einen Kommentar" is no count
			}
		}
	}
	if m == nil {
		return 0, "", false
	}
	m = []string{m[0], prefix, m[1], m[2]}
	if m[3] != "" && l.words > 8 {
		// "4 Responses to Title": the rest must start with a preposition
		rest := m[3]
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
	} else if m[3] != "" {
		rest := strings.ToLower(strings.TrimSpace(m[3]))
		switch {
		case strings.HasPrefix(rest, "to ") || strings.HasPrefix(rest, "on ") || strings.HasPrefix(rest, "zu ") || strings.HasPrefix(rest, "sur ") ||
			strings.HasPrefix(rest, "auf ") || strings.HasPrefix(rest, "en ") || strings.HasPrefix(rest, "a ") || strings.HasPrefix(rest, "su "):
			ref = strings.Trim(m[3][strings.IndexByte(m[3], ' ')+1:], " \"'“”„‟«»‹›‘’‚")
		case strings.HasPrefix(rest, "add yours"), strings.HasPrefix(rest, "so far"), strings.HasPrefix(rest, "»"),
			strings.HasPrefix(rest, "("), strings.HasPrefix(rest, "|"), rest == "":
		default:
			if l.words > 5 {
				return 0, "", false
			}
		}
	}
	if m[1] != "" {
		// "Dieser Artikel hat 32 Kommentare": a short line, not a byline
		// with a count in it
		if l.words > 6 || m[3] != "" || countWords(m[1]) > 4 || len(bylineAuthors(b)) > 0 {
			return 0, "", false
		}
		if _, dated := scanDate(b); dated {
			return 0, "", false
		}
	}
	switch strings.ToLower(m[2]) {
	case "no":
		count = 0
	case "one", "ein", "eine", "einen", "un", "une", "uno", "una", "één", "um", "uma":
		count = 1
	default:
		count, _ = strconv.Atoi(m[2])
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
		if c, ref, ok := commentHeading(l); l.heading && ok {
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
		if firstCount == 0 {
			firstCount = statedCount(l)
		}
		if a, ok := anchorOf(l); ok {
			a.line = i
			anchors = append(anchors, a)
		}
	}
	d.count = firstCount
	// The section heading is the last heading that has anchors after it,
	// with no article text between them (a count at the top of the page is
	// not the start of the comments).
	heading = -1
	best, tried := 0, 0
	anchorAt := make(map[int]int, len(anchors))
	for _, a := range anchors {
		anchorAt[a.line] = 1
		if a.kind == akSays {
			anchorAt[a.line] = 3 // the surest shape
		}
	}
	for i := n - 1; i >= 0 && tried < 50; i-- {
		if !headingAt[i] || lines[i].marker && lines[i].words <= 3 {
			continue
		}
		tried++
		next := -1
		for _, a := range anchors {
			if a.line > i {
				next = a.line
				break
			}
		}
		if next < 0 || proseWords(lines, i+1, next) > 80 || proseWords(lines, 0, i) < 30 && !namesLineAbove(lines, i) {
			continue // no comments right under it, or the article is still to come
		}
		// the heading with the most headers under it, up to the comment
		// form or the next heading
		k := 0
		for j := i + 1; j < n; j++ {
			if headingAt[j] || k > 0 && isHardStop(lines[j]) {
				break
			}
			k += anchorAt[j]
		}
		if k > best {
			heading, best = i, k
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
	// The first line of the dump is the title, never a comment header. A
	// date alone there stays a candidate: in a footer layout it marks where
	// the first comment may start, and trimFooters sets it aside as the
	// article's dateline.
	first := firstNonBlank(lines, 0, n)
	cand := anchors[:0:0]
	for _, a := range anchors {
		if a.line <= heading || a.line == first && a.kind != akDate {
			continue
		}
		cand = append(cand, a)
	}
	isAnchor := map[int]textAnchor{}
	for _, a := range anchors {
		isAnchor[a.line] = a
	}
	chain := pickChain(lines, cand, heading)
	footer, footStart := false, -1
	if len(chain) > 0 {
		// Header or footer? A header has the comment after it, so the
		// last header of the chain has text after it; a footer does not.
		last := chain[len(chain)-1].line
		footer = chain[0].kind != akSays && wordsAfter(lines, last+1, isAnchor) == 0 && len(chain) >= 2
		if footer {
			chain, footStart = trimFooters(lines, chain, heading)
		} else {
			chain = trimHeaders(lines, chain, heading)
		}
	}
	if len(chain) == 0 {
		footer = false
		if chain = nameChain(lines, heading); len(chain) > 0 {
			for _, a := range chain {
				isAnchor[a.line] = a
			}
		}
	}
	if len(chain) == 0 {
		return noComments()
	}
	kind := chain[0].kind

	spans := make([]commentSpan, len(chain))
	if !footer {
		pre := namesAround(lines, chain, heading, -1)
		post := []int(nil)
		if pre == nil && kind.family() == akDate {
			post = namesAround(lines, chain, heading, +1)
		}
		for k, a := range chain {
			s := commentSpan{from: a.line, head0: a.line, head1: a.line}
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
			s := commentSpan{to: a.line + 1, head0: a.line, head1: a.line}
			if k > 0 {
				s.from = chain[k-1].line + 1
			}
			spans[k] = s
		}
		switch {
		case footStart >= 0:
			spans[0].from = footStart
		case heading >= 0 && heading < chain[0].line:
			spans[0].from = heading + 1
		default:
			spans[0].from = firstFooterStart(lines, chain)
		}
	}

	if heading < 0 {
		vague := 0
		for _, a := range chain {
			if a.vague {
				vague++
			}
		}
		if vague*2 >= len(chain) && !spansHoldText(lines, spans) {
			// dated lines between rows of figures ("Record May 12",
			// "Net 1,204,000 vs 880,000"): a table, not a comment list
			return noComments()
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
		} else if _, ok := isAnchor[s.head1]; ok && s.head1 != s.head0 {
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
			if head[i] || l.blank || l.action || l.boiler || headingAt[i] {
				continue
			}
			keep = append(keep, i)
		}
		trimMeta := func(i int) bool {
			x, ok := isAnchor[i]
			if !ok || looseHeader(lines, x) && endsSentence(lines[i].body) {
				return false // a sentence with a date in it is text
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
	if !footer {
		heads := make([]int, len(spans))
		for k, s := range spans {
			heads[k] = s.head0
		}
		for k, p := range replyParents(lines, heads) {
			d.comments[k].parent = p
		}
	}
	artEnd = spans[0].from
	if heading >= 0 && heading < artEnd {
		artEnd = heading
	}
	return artEnd, titleRef
}

// commentSpan is where one comment lies: lines[from:to], with its header
// lines in lines[head0:head1+1].
type commentSpan struct{ from, to, head0, head1 int }

// spansHoldText reports whether some comment span holds a sentence or a
// line of running text besides its header lines.
func spansHoldText(lines []tline, spans []commentSpan) bool {
	for _, s := range spans {
		for i := s.from; i < s.to; i++ {
			if i >= s.head0 && i <= s.head1 {
				continue
			}
			l := lines[i]
			if l.blank || l.boiler || l.action {
				continue
			}
			words := 0
			for _, w := range strings.Fields(l.body) {
				if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
					words++
				}
			}
			if words >= 8 || words >= 2 && endsSentence(l.body) {
				return true
			}
		}
	}
	return false
}

// replyParents reads reply nesting from the indentation of the comments'
// header lines (a threaded list dumped as nested lists: "  1. Ann says:",
// "      1. Bob says:"). It returns, for each comment, the number (from 1)
// of the comment it replies to, or 0. The column a header's text starts at
// counts, so that "9." and "10." line up. Nesting is read only when the
// first header is the least indented and each deeper level is at least two
// columns in, and a reply's header is made like its parent's (both list
// items or neither); otherwise the comment gets 0.
func replyParents(lines []tline, heads []int) []int {
	out := make([]int, len(heads))
	if len(heads) < 2 {
		return out
	}
	col := make([]int, len(heads))
	for k, h := range heads {
		l := lines[h]
		col[k] = l.indent + len(l.text) - len(l.body)
	}
	if slices.Min(col) != col[0] || slices.Max(col) == col[0] {
		return out
	}
	type level struct{ col, k int }
	var stack []level
	for k, c := range col {
		for len(stack) > 0 && stack[len(stack)-1].col >= c-1 {
			stack = stack[:len(stack)-1]
		}
		if len(stack) > 0 {
			top := stack[len(stack)-1]
			if c-top.col < 2 {
				return make([]int, len(heads))
			}
			if lines[heads[top.k]].marker != lines[heads[k]].marker {
				continue // headers of another make: not a reply
			}
			out[k] = top.k + 1
		}
		stack = append(stack, level{c, k})
	}
	return out
}

// namesLineAbove reports whether the comments heading at line h names a
// line above it ("2 Responses to Title" under the title): then the article
// is above, however short it is.
func namesLineAbove(lines []tline, h int) bool {
	_, ref, _ := commentHeading(lines[h])
	if ref == "" {
		return false
	}
	want := titleKey(ref)
	for i := h - 1; i >= 0; i-- {
		if !lines[i].blank && titleKey(lines[i].body) == want {
			return true
		}
	}
	return false
}

// family groups header shapes that mix on one page: a dated line with or
// without the name on it.
func (k anchorKind) family() anchorKind {
	if k == akDateName {
		return akDate
	}
	return k
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
		count[a.kind.family()]++
	}
	kind := akDate
	if count[akBy] > count[kind] {
		kind = akBy
	}
	// "Name says:" is the surest shape; a Blogger page adds a time line
	// under each comment, and the article has a date line or two.
	if count[akSays] > 0 && count[akSays]*3 >= count[kind]-count[akSays] {
		kind = akSays
	}
	var chain []textAnchor
	for _, a := range cand {
		if a.kind.family() == kind {
			chain = append(chain, a)
		}
	}
	// Furniture (the comment form, a footer, a sidebar) never sits inside
	// a comment list: split the headers there and keep the largest run.
	bestFrom, bestTo, from := 0, 0, 0
	for k := 0; k < len(chain); k++ {
		if k+1 == len(chain) || hardStopBetween(lines, chain[k].line+1, chain[k+1].line) {
			if k+1-from > bestTo-bestFrom {
				bestFrom, bestTo = from, k+1
			}
			from = k + 1
		}
	}
	return chain[bestFrom:bestTo]
}

// oddShape reports whether the first header of a chain is laid out unlike
// most of the others.
func oddShape(chain []textAnchor) bool {
	if chain[0].kind.family() != akDate {
		return false
	}
	same, other := 0, 0
	for _, a := range chain[1:] {
		switch a.shape {
		case chain[0].shape:
			same++
		case chain[1].shape:
			other++
		}
	}
	return same == 0 && other*5 >= (len(chain)-1)*3
}

// trimHeaders drops leading headers that belong to the article: a byline
// or a dated line is followed by far more text than the comments are, or
// has next to no text before it.
func trimHeaders(lines []tline, chain []textAnchor, heading int) []textAnchor {
	// A byline or a dated line in the article is not a comment: drop
	// leading anchors followed by far more text than the others, or with
	// next to no text before them.
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
		before := wordsIn(lines, heading+1, chain[0].line)
		switch {
		case len(chain) >= 3 && oddShape(chain):
			chain = chain[1:]
			continue
		case gaps[0] == 0 && before < 25:
			chain = chain[1:]
			continue
		case gaps[0] > 250 && (len(rest) == 0 && heading < 0 && before < 100 || len(rest) > 0 && gaps[0] > 6*med+60),
			heading < 0 && before < 25 && gaps[0] > max(40, 2*med):
			chain = chain[1:]
			continue
		}
		break
	}
	// Outside a comment section, a header line whose name is not a name on
	// its own ("…for the water board, the department said:") is article
	// text, unless the page's other headers look the same.
	if heading < 0 {
		for len(chain) >= 2 && looseHeader(lines, chain[0]) {
			// it heads more text than the comments after it do
			loose := 0
			var gaps []int
			for k, a := range chain[1:] {
				if looseHeader(lines, a) {
					loose++
				}
				if k+2 < len(chain) {
					gaps = append(gaps, wordsIn(lines, a.line+1, chain[k+2].line))
				}
			}
			gaps = append(gaps, wordsIn(lines, chain[len(chain)-1].line+1, commentEnd(lines, chain[len(chain)-1].line+1, nil)))
			slices.Sort(gaps)
			med := gaps[len(gaps)/2]
			if loose*2 >= len(chain)-1 || wordsIn(lines, chain[0].line+1, chain[1].line) <= max(40, 2*med) {
				break
			}
			chain = chain[1:]
		}
		if len(chain) == 1 && looseHeader(lines, chain[0]) {
			return nil
		}
	}
	if len(chain) == 1 && heading < 0 && chain[0].kind != akSays {
		// one comment without a heading: only a header with a name, after
		// the article, with text after it
		a := chain[0]
		named := a.author != "" || namesAround(lines, chain, heading, -1) != nil || namesAround(lines, chain, heading, +1) != nil
		before, after := proseWords(lines, 0, a.line), proseWords(lines, a.line+1, len(lines))
		if !named || before < 50 || wordsIn(lines, a.line+1, len(lines)) == 0 || after*2 > before {
			return nil
		}
	}
	return chain
}

// looseHeader reports whether a header line has nothing but its shape to
// show for it: not in a list, and no name that stands on its own.
func looseHeader(lines []tline, a textAnchor) bool {
	switch {
	case a.strict || lines[a.line].marker:
		return false
	case a.kind == akSays:
		return true
	case a.kind == akDateName:
		// a dated line with more than a name's worth of words besides
		// the date ("NOTE: Net includes the sale of the ferry on June 2")
		return len(nameFields(withoutDates(lines[a.line].body))) > 2
	}
	return false
}

// trimFooters drops leading footers that belong to the article: a date
// line with nothing above it, or the article's own "Posted on DATE" line
// (no name where the comments have names). It returns where the first
// comment may start.
func trimFooters(lines []tline, chain []textAnchor, heading int) ([]textAnchor, int) {
	start := -1
	for len(chain) >= 2 {
		prev := heading
		if start >= 0 {
			prev = start - 1
		}
		named := 0
		for _, a := range chain[1:] {
			if a.author != "" {
				named++
			}
		}
		w := wordsIn(lines, prev+1, chain[0].line)
		if len(chain) >= 3 && oddShape(chain) && w < 25 {
			chain, start = chain[1:], -1
			continue
		}
		if w == 0 {
			chain, start = chain[1:], -1
			continue
		}
		if chain[0].author == "" && named*5 >= (len(chain)-1)*3 {
			if w < 25 {
				start = -1 // a dateline under the title
			} else {
				start = chain[0].line + 1 // the article's own footer
			}
			chain = chain[1:]
			continue
		}
		// a byline under the title: little above it, the article below
		if w < 25 && heading < 0 {
			var gaps []int
			for k := 1; k+1 < len(chain); k++ {
				gaps = append(gaps, wordsIn(lines, chain[k].line+1, chain[k+1].line))
			}
			med := 0
			if len(gaps) > 0 {
				slices.Sort(gaps)
				med = gaps[len(gaps)/2]
			}
			if wordsIn(lines, chain[0].line+1, chain[1].line) > max(40, 2*med+40) {
				chain = chain[1:]
				start = -1
				continue
			}
		}
		break
	}
	return chain, start
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
	if l.blank || l.action {
		return false
	}
	return l.secEnd
}

// proseWords counts the words of running text (not furniture) in
// lines[from:to].
func proseWords(lines []tline, from, to int) int {
	n := 0
	for i := from; i < to && i < len(lines); i++ {
		if l := lines[i]; isProse(l) && !l.boiler {
			n += l.words
		}
	}
	return n
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
		if l.blank || l.action {
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
		if l.heading {
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
		if l.action {
			menu = 0
			continue
		}
		if isHardStop(l) {
			return i
		}
		if l.heading {
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
	switch textLastRune(l.body) {
	case ',', ';', ':', '.':
		if !strings.HasSuffix(l.body, "...") {
			return false
		}
	}
	if l.action || l.boiler || looksProse(l.body) {
		return false
	}
	for _, w := range strings.Fields(l.low) {
		if nameStop[w] {
			return false
		}
	}
	if strings.Contains(l.body, " – ") || strings.Contains(l.body, " - ") || strings.Contains(l.body, ": ") {
		return false
	}
	if _, ok := scanDateQuick(l.body); ok {
		return false
	}
	return true
}

// namesAround looks, for every header of the chain, at the nearest line
// above (dir -1) or below (dir +1) and returns its index when the page
// prints the commenter's name there, consistently; nil otherwise.
func namesAround(lines []tline, chain []textAnchor, heading int, dir int) []int {
	out := make([]int, len(chain))
	hits, want := 0, 0
	for k, a := range chain {
		out[k] = -1
		if a.author != "" {
			continue
		}
		want++
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
			if l.blank || l.action {
				continue
			}
			if isNameLine(l) {
				out[k] = i
				hits++
			}
			break
		}
	}
	if hits == 0 || hits*5 < want*3 {
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
		want = max(1, paras[(len(paras)-1)/2])
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

// nameWords are function words that never stand in a commenter's name.
var nameStop = map[string]bool{
	"the": true, "a": true, "an": true, "to": true, "of": true, "and": true, "in": true, "on": true, "for": true,
	"with": true, "is": true, "be": true, "or": true, "my": true, "your": true, "our": true, "how": true, "why": true,
	"der": true, "die": true, "das": true, "und": true, "mit": true, "für": true, "les": true, "des": true,
	"et": true, "pour": true, "los": true, "las": true, "y": true, "para": true,
}

// bareName returns the name on a line that holds only a commenter's name
// ("Shifra", "Alain41", "http://example.com Ann Lee"), and whether the
// line itself looks like a user name (a handle or a link).
func bareName(l tline) (name string, handle bool) {
	if l.blank || l.marker || l.words < 1 || l.words > 8 || len(l.body) > 80 {
		return "", false
	}
	f := strings.Fields(l.body)
	if strings.HasPrefix(f[0], "http://") || strings.HasPrefix(f[0], "https://") || strings.HasPrefix(f[0], "www.") {
		f, handle = f[1:], true
	}
	if len(f) == 0 || len(f) > 4 {
		return "", false
	}
	caps := false
	for _, w := range f {
		if strings.ContainsAny(w, ",;:!?\"“”„()[]{}<>=") || nameStop[strings.ToLower(w)] || strings.IndexFunc(w, unicode.IsLetter) < 0 {
			return "", false
		}
		if r := []rune(w); unicode.IsUpper(r[0]) {
			caps = true
		}
	}
	if _, about := aboutBox(l); about || looksProse(strings.Join(f, " ")) {
		return "", false
	}
	last := f[len(f)-1]
	if strings.HasSuffix(last, ".") && len([]rune(last)) > 2 {
		return "", false
	}
	name = strings.Join(f, " ")
	if isCommentAction(name) || isBoilerText(name, len(f)) || isSectionEnd(name, name, len(f)) {
		return "", false
	}
	if _, ok := scanDate(name); ok {
		return "", false
	}
	if len(f) == 1 {
		w := f[0]
		hasDigit := strings.IndexFunc(w, unicode.IsDigit) >= 0
		lower := strings.ToLower(w) == w
		camel, prevLower := false, false
		for _, r := range w {
			if prevLower && unicode.IsUpper(r) {
				camel = true
			}
			prevLower = unicode.IsLower(r)
		}
		if hasDigit || camel || strings.ContainsAny(w, "_@") || lower && len(w) >= 4 {
			handle = true
		}
	}
	if len(f) > 1 && !caps && !handle {
		return "", false // "import sys", "return b"
	}
	return name, handle
}

// furniture counts form fields and boilerplate lines.
func furniture(lines []tline) int {
	n := 0
	for _, l := range lines {
		if l.form || l.boiler || l.secEnd {
			n++
		}
	}
	return n
}

// nameChain finds comments headed by a bare name line (Disqus and similar
// lists print no date): name lines followed by text, starting at the first
// one that looks like a user name, or whose text is indented under it, or
// whose name comes back later in the thread.
func nameChain(lines []tline, heading int) []textAnchor {
	type cand struct {
		line   int
		name   string
		strong bool
	}
	var cs []cand
	seen := map[string]int{}
	for i := heading + 1; i < len(lines); i++ {
		name, handle := bareName(lines[i])
		if name == "" {
			continue
		}
		next := -1
		for j := i + 1; j < len(lines) && j <= i+3; j++ {
			if !lines[j].blank {
				next = j
				break
			}
		}
		if next < 0 || lines[next].words < 2 {
			continue
		}
		if n2, _ := bareName(lines[next]); n2 != "" && lines[next].words <= 3 {
			continue
		}
		strong := handle || lines[next].indent > lines[i].indent
		cs = append(cs, cand{line: i, name: name, strong: strong})
		seen[strings.ToLower(name)]++
	}
	first := -1
	for k, c := range cs {
		if c.strong || seen[strings.ToLower(c.name)] > 1 {
			first = k
			break
		}
	}
	if first < 0 {
		return nil
	}
	strong := 0
	for _, c := range cs[first:] {
		if c.strong || seen[strings.ToLower(c.name)] > 1 {
			strong++
		}
	}
	if len(cs)-first < 2 || strong < 2 && heading < 0 {
		return nil
	}
	if heading < 0 && furniture(lines) > 5 {
		// a browser dump full of menus and forms: a short line over a
		// paragraph is more likely a heading than a commenter
		return nil
	}
	if wordsIn(lines, 0, cs[first].line) < 30 {
		return nil
	}
	var chain []textAnchor
	for _, c := range cs[first:] {
		if len(chain) > 0 && hardStopBetween(lines, chain[len(chain)-1].line+1, c.line) {
			break
		}
		chain = append(chain, textAnchor{line: c.line, kind: akName, author: c.name})
	}
	if len(chain) < 2 && heading < 0 {
		return nil
	}
	return chain
}
