package extract

import (
	"strings"
	"unicode"
)

// findArticle fills title, captions, authors, published and body from the
// article part of the dump, lines[:end].
func (d *textDoc) findArticle(end int, titleRef string) {
	lines := d.lines[:end]
	d.artEnd = end
	excl := boxLines(lines)
	prose := proseFlags(lines)
	score := make([]int, len(lines))
	for i, l := range lines {
		score[i] = lineScore(l, prose[i], excl[i])
	}
	// a dump without site furniture: a post saved as text
	plain := true
	for i, l := range lines {
		if !l.blank && l.words > 0 && furnitureLine(l, excl[i]) {
			plain = false
			break
		}
	}
	from, to := bestSegment(score)
	if from >= to {
		from, to = len(lines), len(lines) // no body: title and byline only
	}
	// The title: the line the comment heading names, or the first short
	// line of the run of short lines above the body.
	titleAt := -1
	if titleRef != "" {
		want := titleKey(titleRef)
		for i := len(lines) - 1; i >= 0; i-- {
			if !lines[i].blank && titleKey(lines[i].body) == want {
				titleAt = i
				if i < from {
					break
				}
			}
		}
	}
	// The body starts at the first prose line of the segment, and ends
	// at furniture that follows a page of text (related posts, the
	// comment form, a newsletter box).
	p := from
	for p < to && !prose[p] {
		p++
	}
	for i, w := p, 0; i < to; i++ {
		if !lines[i].blank && isRelatedHead(lines[i].low, lines[i].words) && (i == 0 || lines[i-1].text == "") {
			// a "Related posts" box: the list under it goes; the body
			// ends there unless most of the text is still to come
			after := 0
			for j := i + 1; j < to; j++ {
				if prose[j] && !lines[j].marker {
					after += lines[j].words
				}
			}
			if w >= 50 && after*2 < w {
				to = i
				break
			}
			excl[i] = true
			for j := i + 1; j < to && (lines[j].text == "" || lines[j].marker || !prose[j]); j++ {
				excl[j] = true
			}
		}
		if prose[i] {
			w += lines[i].words
		}
	}
	if titleAt < 0 {
		titleAt = plainTitle(lines, p, excl)
	}
	if titleAt < 0 {
		titleAt = pickTitle(lines, p, excl)
	}
	if titleAt >= 0 {
		d.title = collapseSpaces(lines[titleAt].body)
		if titleAt >= from && titleAt <= p {
			// the title opens the segment: the body starts at the next
			// prose line
			for p = titleAt + 1; p < to && !prose[p]; p++ {
			}
		}
		if titleAt <= p {
			from = max(from, p)
		}
		// Text between the title and the first paragraph (a table of
		// figures, the first line of a broken paragraph) is body when
		// nothing there is site furniture; the short lines above it stay
		// captions and byline.
		end := from
		if to <= from {
			end = len(lines) // no paragraph but the title: a table
		}
		if c := firstContentLine(lines, titleAt+1, end, excl, plain); c >= 0 {
			from = c
			if to <= end {
				to = end
			}
		}
	}
	// In a dump without site furniture (a post saved as text), the lines
	// after the last paragraph are the article's too: a sign-off, a
	// reference line, the last rows of a table. (In a page dump, the short
	// lines there are the page's: "Share this story", "Newsletter".)
	if from < to && plain {
		for i := to; i < len(lines); i++ {
			l := lines[i]
			if l.blank || l.words == 0 {
				continue
			}
			if furnitureLine(l, excl[i]) {
				break
			}
			if dateline(l) {
				continue // body only when text follows it
			}
			to = i + 1
		}
	}
	// Short lines between the title and the body: byline, dates and, when
	// the title is close, captions. A date or byline may also sit just
	// above the title.
	if titleAt >= 0 && titleAt < from {
		n := 0
		for i := titleAt + 1; i < from; i++ {
			if !lines[i].blank {
				n++
			}
		}
		for i := titleAt + 1; i < from; i++ {
			l := lines[i]
			if l.blank || excl[i] {
				continue
			}
			if isMetaLine(l) || n <= 6 && !l.marker {
				d.readMeta(l)
			}
		}
		for i, k := titleAt-1, 0; i >= 0 && k < 3; i-- {
			if lines[i].blank {
				continue
			}
			k++
			if isMetaLine(lines[i]) {
				d.readMeta(lines[i])
			}
		}
	}
	// a byline at the top of the body
	for i, seen := from, 0; i < to && seen < 3; i++ {
		if lines[i].blank {
			continue
		}
		seen++
		if isMetaLine(lines[i]) && lines[i].words <= 12 && !datedText(lines[i]) {
			d.readMeta(lines[i])
			excl[i] = true
		}
	}
	// a byline or dateline closing the body ("Posted by X at 4:45 AM")
	for i, seen := to-1, 0; i >= from && seen < 2; i-- {
		if lines[i].blank {
			continue
		}
		seen++
		if isMetaLine(lines[i]) && lines[i].words <= 12 && !datedText(lines[i]) {
			d.readMeta(lines[i])
			excl[i] = true
		}
	}
	for i, seen := to, 0; i < len(lines) && seen < 2; i++ {
		if lines[i].blank {
			continue
		}
		seen++
		if len(bylineAuthors(lines[i].body)) > 0 && lines[i].words <= 12 {
			d.readMeta(lines[i])
		}
	}
	d.body = paragraphs(lines, from, to, func(i int) bool {
		l := lines[i]
		return !excl[i] && !l.boiler && !l.form && i != titleAt
	})
}

// datedText reports whether a line with a date in it says more than when
// and by whom ("Record May 12", "Pay June 2", a row of dates): text, not
// a dateline.
func datedText(l tline) bool {
	if l.heading || len(bylineAuthors(l.body)) > 0 {
		return false
	}
	m, ok := scanDateQuick(l.body)
	if !ok {
		return false
	}
	for _, w := range strings.Fields(l.low) {
		if dateHeaderWords[strings.Trim(w, ":,.;|()–—-")] {
			return false // "Published: DATE – Updated: DATE"
		}
	}
	rest := l.body[:m.start] + " " + l.body[m.end:]
	if _, again := scanDateQuick(rest); again {
		return true // a row of dates
	}
	return cleanName(rest) != ""
}

// dateHeaderWords open or label a dateline.
var dateHeaderWords = map[string]bool{
	"posted": true, "published": true, "updated": true, "written": true, "submitted": true, "modified": true,
	"edited": true, "veröffentlicht": true, "aktualisiert": true, "geschrieben": true, "gepostet": true,
	"erstellt": true, "publié": true, "publiée": true, "mis": true, "publicado": true, "actualizado": true,
	"pubblicato": true, "aggiornato": true, "geplaatst": true, "bijgewerkt": true, "by": true, "von": true,
	"par": true, "por": true, "door": true,
}

// dateline reports whether a line is a byline or gives the date of the
// post, and nothing else: not "Record May 12", not "Aug 31" (no year).
func dateline(l tline) bool {
	if !isMetaLine(l) || datedText(l) {
		return false
	}
	if m, ok := scanDateQuick(l.body); ok && m.date && !m.year && len(bylineAuthors(l.body)) == 0 {
		return false
	}
	return true
}

// furnitureLine reports whether a line is site furniture (menus, buttons,
// boxes, forms, lists of links) rather than the article's text. Figures
// alone on a line are text.
func furnitureLine(l tline, excluded bool) bool {
	if excluded || l.boiler || l.form || l.secEnd || l.heading || isRelatedHead(l.low, l.words) || strings.Count(l.body, " | ") >= 2 {
		return true
	}
	figures := strings.IndexFunc(l.body, unicode.IsLetter) < 0
	return l.action && !figures || // "Reply", "Like"; not "1,412", a row of a price table
		l.marker && !contentLike(l) && !isProse(l) // a menu item; not a list item of the text
}

// contentLike reports whether a short line carries text of the article: a
// sentence, or figures ("Shr 20 cts vs 12 cts", "Ref: 335").
func contentLike(l tline) bool {
	return endsSentence(l.body) || strings.IndexFunc(l.body, unicode.IsDigit) >= 0
}

// captionLike reports whether a short line between a title and its text
// reads as an image caption or a name ("Viktor Bout"): a few capitalised
// words, no figures, no sentence.
func captionLike(l tline) bool {
	f := strings.Fields(l.body)
	if len(f) == 0 || len(f) > 6 || endsSentence(l.body) || strings.IndexFunc(l.body, unicode.IsDigit) >= 0 {
		return false
	}
	for k, w := range f {
		if !startsUpper(w) && !(k > 0 && nameStop[strings.ToLower(w)]) {
			return false
		}
	}
	return true
}

// figuresNext reports whether the next line of lines[i+1:to] is a row of
// figures: then line i heads a table.
func figuresNext(lines []tline, i, to int) bool {
	j := firstNonBlank(lines, i+1, to)
	return j >= 0 && rowLike(lines, j)
}

// rowLike reports whether line i is a row of a table: figures on a line
// of their own, not a sentence ("Revs 14.2 mln vs 11.9 mln").
func rowLike(lines []tline, i int) bool {
	l := lines[i]
	return !wrapsOn(lines, i) && !endsSentence(l.body) && strings.IndexFunc(l.body, unicode.IsDigit) >= 0
}

// wrapsOn reports whether line i goes on on the next line (a paragraph
// wrapped by the dump).
func wrapsOn(lines []tline, i int) bool {
	return i+1 < len(lines) && lines[i+1].text != "" && !lines[i+1].blank
}

// firstContentLine returns the first line of lines[from:to] that carries
// text (a sentence, figures, the heading of a table of figures; in a plain
// dump, any line but a caption) and is no dateline, or -1 when there is
// none or when furniture sits among the lines. Short lines before it are
// captions and bylines.
func firstContentLine(lines []tline, from, to int, excl []bool, plain bool) int {
	first := -1
	for i := from; i < to; i++ {
		l := lines[i]
		if l.blank || l.words == 0 {
			continue // nothing, or a rule ("---")
		}
		if furnitureLine(l, excl[i]) {
			return -1
		}
		if first < 0 && !dateline(l) && (textStart(lines, i) || figuresNext(lines, i, to) || plain && !captionLike(l)) {
			first = i
		}
	}
	return first
}

// bylineFirst reports whether a lower-cased line opens with a byline
// ("by Ann Lee", "Posted by …"), not merely holds one ("Profit hit by
// storm damage").
func bylineFirst(low string) bool {
	for _, p := range bylinePrefixes {
		if strings.HasPrefix(low, p) && (strings.HasSuffix(p, ":") || strings.HasPrefix(low[len(p):], " ")) {
			return true
		}
	}
	return false
}

// textStart reports whether line i opens the article's text: a sentence,
// figures, or a long line or one wrapped onto the next (not a lone
// heading).
func textStart(lines []tline, i int) bool {
	l := lines[i]
	if contentLike(l) {
		return true
	}
	return l.words >= 8 && (wrapsOn(lines, i) || len(l.body) > 100 || strings.HasSuffix(l.body, ":"))
}

// plainTitle returns the first line of a dump whose top holds no site
// furniture and whose text starts right under it, past a byline or date
// (a post saved as text: headline, then the article), or -1. The line may
// be the first line of running text itself when it stands alone and is
// short ("Ferries back on time...", "Ferry strike ends.").
// A blog's name over its post's title is no title: a short line, not text,
// follows it.
func plainTitle(lines []tline, at int, excl []bool) int {
	first := firstNonBlank(lines, 0, min(at+1, len(lines)))
	if first < 0 {
		return -1
	}
	for i := first; i < at; i++ {
		if !lines[i].blank && lines[i].words > 0 && furnitureLine(lines[i], excl[i]) {
			return -1
		}
	}
	l := lines[first]
	if l.words == 0 || l.words > 25 || furnitureLine(l, excl[first]) || bylineFirst(l.low) || wrapsOn(lines, first) {
		return -1
	}
	if first == at && l.words > 15 {
		return -1 // a paragraph
	}
	if m, ok := scanDateQuick(l.body); ok && countWords(cleanName(l.body[:m.start]+" "+l.body[m.end:])) == 0 {
		return -1 // a date line
	}
	next := -1
	for i := first + 1; i < len(lines) && next < 0; i++ {
		if !lines[i].blank && !isMetaLine(lines[i]) {
			next = i
		}
	}
	if next >= 0 && !textStart(lines, next) {
		// a line over a table of figures is the table's heading, and
		// the first line is still the title; a line over running text is
		// the post's title, under the blog's name
		after := -1
		for i, k := next+1, 0; i < len(lines) && after < 0 && k < 4; i++ {
			if l := lines[i]; !l.blank && !isMetaLine(l) {
				k++
				if rowLike(lines, i) || textStart(lines, i) {
					after = i
				}
			}
		}
		if after < 0 || !rowLike(lines, after) {
			return -1
		}
	}
	return first
}

// readMeta takes a short line between title and body as byline, date or
// caption.
func (d *textDoc) readMeta(l tline) {
	if l.blank {
		return
	}
	if isMetaLine(l) {
		if m, ok := scanDate(l.body); ok && m.year && d.published.IsZero() {
			d.published = m.t
		}
		if len(d.authors) == 0 {
			d.authors = bylineAuthors(l.body)
		}
		return
	}
	if l.heading || l.boiler {
		return
	}
	c := collapseSpaces(l.body)
	if c != d.title {
		d.captions = append(d.captions, c)
	}
}

// isMetaLine reports whether a line is a byline, a date line, or a comment
// count ("by X", "Posted on DATE", "5 Kommentare").
func isMetaLine(l tline) bool {
	if l.blank || l.words > 25 {
		return false
	}
	if l.heading {
		return true
	}
	if len(bylineAuthors(l.body)) > 0 {
		return true
	}
	if m, ok := scanDateQuick(l.body); ok && (m.date || m.relative) {
		// the date must be the point of the line, not part of a title
		rest := cleanName(l.body[:m.start] + " " + l.body[m.end:])
		for _, w := range strings.Fields(strings.ToLower(rest)) {
			if nameStop[w] || notNameWords[w] {
				return false
			}
		}
		return l.words <= 16
	}
	low := strings.ToLower(l.body)
	for _, p := range []string{"image credit", "photo:", "foto:", "bild:", "source:", "quelle:", "credit:", "updated", "aktualisiert"} {
		if strings.HasPrefix(low, p) {
			return true
		}
	}
	return false
}

var bylinePrefixes = []string{
	"posted by", "written by", "published by", "geschrieben von", "veröffentlicht von", "erstellt von", "publié par",
	"écrit par", "publicado por", "escrito por", "scritto da", "pubblicato da", "geplaatst door", "geschreven door",
	"author:", "autor:", "autorin:", "auteur :", "auteur:", "von:", "by:", "by", "von", "par", "por", "door", "di", "text:",
}

// bylineAuthors reads the names of a byline: "by Christian Roth",
// "Posted on May 3, 2012 by Ann and Bob", "Autor: gnaddrig | Abgelegt unter: …".
func bylineAuthors(s string) []string {
	low := strings.ToLower(s)
	at := -1
	var plen int
	for _, p := range bylinePrefixes {
		i := 0
		for {
			j := strings.Index(low[i:], p)
			if j < 0 {
				break
			}
			j += i
			okStart := j == 0 || !unicode.IsLetter(rune(low[j-1]))
			okEnd := j+len(p) < len(low) && (low[j+len(p)] == ' ' || strings.HasSuffix(p, ":"))
			if okStart && okEnd && (at < 0 || j < at) {
				at, plen = j, len(p)
			}
			i = j + 1
		}
	}
	if at < 0 || at > 60 || sentenceBefore(s[:at]) {
		return nil
	}
	rest := s[at+plen:]
	if m, ok := scanDate(rest); ok {
		rest = rest[:m.start]
	}
	for _, stop := range []string{" | ", " on ", " at ", " am ", " le ", " el ", " in ", " · ", " • ", " - ", " – ", " — ", " /", "(", ",  ", "  "} {
		if i := strings.Index(rest, stop); i >= 0 {
			rest = rest[:i]
		}
	}
	rest = strings.Trim(rest, " :,.|")
	if rest == "" || countWords(rest) > 8 {
		return nil
	}
	var out []string
	for k, part := range splitNames(rest) {
		part = strings.Trim(part, " :,.")
		w := countWords(part)
		if w == 0 || w > 4 || looksProse(part) {
			return nil
		}
		r := []rune(part)
		if !unicode.IsUpper(r[0]) && !unicode.IsDigit(r[0]) && w > 1 {
			if k > 0 {
				break // "By Ann Lee, staff writer"
			}
			return nil
		}
		if k > 0 && !capitalised(part) {
			break // "By Ann Lee, Health correspondent": a role, not a name
		}
		out = append(out, part)
	}
	return out
}

// sentenceBefore reports whether the text before a "by" holds a sentence
// ("The yard is owned 40 pct by the council") rather than header words and a date
// ("Posted on May 3, 2012 by").
func sentenceBefore(s string) bool {
	n := 0
	for _, w := range nameFields(withoutDates(s)) {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			n++
		}
	}
	return n >= 3
}

// capitalised reports whether every word of a name starts with a capital
// (name particles aside).
func capitalised(s string) bool {
	for _, w := range strings.Fields(s) {
		switch w {
		case "de", "van", "von", "der", "den", "da", "di", "du", "le", "la", "del", "bin", "al", "ter":
			continue
		}
		if r := []rune(w); !unicode.IsUpper(r[0]) {
			return false
		}
	}
	return true
}

func splitNames(s string) []string {
	for _, sep := range []string{" and ", " und ", " et ", " y ", " e ", " & ", ", "} {
		s = strings.ReplaceAll(s, sep, "\x00")
	}
	return strings.Split(s, "\x00")
}

// pickTitle chooses the title among the short lines above the body start
// (at): a heading-like line, near the body, best followed by a byline or
// date, not a menu item or a breadcrumb. It returns -1 when nothing fits.
func pickTitle(lines []tline, at int, excl []bool) int {
	best, bestScore, nearest := -1, 0.0, -1
	seen, far := 0, 0
	for i := at - 1; i >= 0 && seen < 40; i-- {
		l := lines[i]
		if l.blank {
			continue
		}
		seen++
		if excl[i] || l.words == 0 || l.words > 25 || isMetaLine(l) || l.boiler || l.form {
			continue
		}
		if nearest < 0 && seen <= 3 {
			nearest = i
		}
		sc := titleScore(lines, i) - 0.25*float64(far)
		far++
		if best < 0 || sc > bestScore {
			best, bestScore = i, sc
		}
	}
	if bestScore < 1 {
		return nearest
	}
	return best
}

// titleScore rates how much a line looks like an article title.
func titleScore(lines []tline, i int) float64 {
	l := lines[i]
	sc := 0.0
	switch {
	case l.words == 1:
		sc -= 2
	case l.words == 2:
		sc -= 0.5
	case l.words <= 4:
		sc++
	case l.words <= 20:
		sc += 2
	}
	if strings.HasSuffix(l.body, ".") && !strings.HasSuffix(l.body, "...") {
		sc--
	}
	if strings.HasSuffix(l.body, ":") || strings.HasSuffix(l.body, ",") {
		sc -= 2
	}
	if l.marker {
		sc -= 3
	}
	if strings.Contains(l.body, " | ") || strings.ContainsAny(l.body, "»›→") || strings.Contains(l.body, " / ") {
		sc -= 3
	}
	// a title-like line right above: this one is its subtitle
	for j, k := i-1, 0; j >= 0 && k < 1; j-- {
		if lines[j].text == "" && k == 0 && j == i-1 {
			continue
		}
		if !lines[j].blank {
			k++
			pl := lines[j]
			// (the first line of a dump is the site's name more often)
			if pl.words >= 3 && pl.words <= 20 && !pl.marker && !pl.boiler && !pl.form && !endsSentence(pl.body) && !isMetaLine(pl) &&
				firstNonBlank(lines, 0, j+1) != j {
				sc--
			}
		}
	}
	// a byline or date right below (or above) the title
	meta := false
	for j, k := i+1, 0; j < len(lines) && k < 3 && !meta; j++ {
		if !lines[j].blank {
			k++
			meta = isMetaLine(lines[j])
		}
	}
	for j, k := i-1, 0; j >= 0 && k < 2 && !meta; j-- {
		if !lines[j].blank {
			k++
			meta = isMetaLine(lines[j]) && !lines[j].boiler
		}
	}
	if meta {
		sc += 2
	}
	// named again elsewhere in the text (not in the footer)
	if l.words >= 3 {
		key := l.low
		for j := range lines {
			if j != i && len(lines[j].low) >= len(key) && !lines[j].boiler && strings.Contains(lines[j].low, key) {
				sc++
				break
			}
		}
	}
	return sc
}

func firstNonBlank(lines []tline, from, to int) int {
	for i := from; i < to; i++ {
		if !lines[i].blank {
			return i
		}
	}
	return -1
}

// titleKey normalises a title for comparison.
func titleKey(s string) string {
	s = strings.ToLower(collapseSpaces(s))
	return strings.Trim(s, " \"'“”„‟«»‹›‘’‚")
}

// lineScore is a line's worth as article text: prose counts for it,
// furniture against.
func lineScore(l tline, prose, excluded bool) int {
	switch {
	case l.text == "" || l.blank:
		return 0
	case excluded:
		return -8
	case l.form:
		return -8
	case l.boiler:
		return -6 - l.words/2
	case strings.Count(l.body, " | ") >= 2:
		return -4
	}
	switch {
	case prose && l.marker && !endsSentence(l.body):
		return 1 // a list item or a link in a list
	case prose && l.marker:
		return l.words / 2
	case prose:
		return l.words
	case l.marker:
		return -3
	}
	return -1
}

// proseFlags marks the lines of running text: prose lines, and the short
// last lines of wrapped paragraphs, but not a long heading standing alone.
func proseFlags(lines []tline) []bool {
	prose := make([]bool, len(lines))
	for i, l := range lines {
		p := isProse(l)
		alone := (i == 0 || lines[i-1].text == "") && (i+1 == len(lines) || lines[i+1].text == "")
		switch {
		case p && alone && !endsSentence(l.body) && l.words <= 20 && !l.marker:
			p = false
		case !p && !l.blank && !l.marker && i > 0 && prose[i-1] && lines[i-1].text != "" && l.indent >= lines[i-1].indent:
			p = true
		}
		prose[i] = p
	}
	return prose
}

// isProse reports whether a line reads as running text rather than a
// heading, a name or a link.
func isProse(l tline) bool {
	return !l.blank && (l.words >= 8 || l.words >= 4 && endsSentence(l.body))
}

// bestSegment returns the maximum-sum run of scores (Kadane).
func bestSegment(score []int) (from, to int) {
	best, cur, start := 0, 0, 0
	for i, s := range score {
		if cur <= 0 {
			cur, start = 0, i
		}
		cur += s
		if cur > best {
			best, from, to = cur, start, i+1
		}
	}
	return from, to
}

// boxLines marks "About X" boxes (the blog's or the author's) and their
// text: they are not article body.
func boxLines(lines []tline) []bool {
	excl := make([]bool, len(lines))
	for i, l := range lines {
		if _, ok := aboutBox(l); !ok {
			continue
		}
		excl[i] = true
		for j := i + 1; j < len(lines) && lines[j].text != ""; j++ {
			excl[j] = true
		}
	}
	return excl
}

var aboutPrefixes = []string{"about ", "über ", "à propos de ", "à propos d'", "à propos d’", "acerca de ", "sobre ", "informazioni su ", "over "}

// aboutBox reads "About intelNews" and returns the name.
func aboutBox(l tline) (string, bool) {
	if l.blank || l.words > 5 || l.marker || endsSentence(l.body) {
		return "", false
	}
	low := strings.ToLower(l.body)
	for _, p := range aboutPrefixes {
		if strings.HasPrefix(low, p) {
			name := strings.TrimSpace(l.body[len(p):])
			if name == "" {
				return "", false
			}
			return name, true
		}
	}
	return "", false
}

// findSource returns the site's name from an "About X" box or a copyright
// line, or "".
func findSource(lines []tline) string {
	for _, l := range lines {
		if name, ok := aboutBox(l); ok {
			low := strings.ToLower(name)
			if strings.HasPrefix(low, "the author") || strings.HasPrefix(low, "den autor") || strings.HasPrefix(low, "die autorin") ||
				strings.HasPrefix(low, "l'auteur") || strings.HasPrefix(low, "l’auteur") || strings.HasPrefix(low, "el autor") ||
				strings.HasPrefix(low, "me") || strings.HasPrefix(low, "us") || strings.HasPrefix(low, "this") || strings.HasPrefix(low, "uns") {
				continue
			}
			return name
		}
	}
	for i := len(lines) - 1; i >= 0; i-- {
		if name := copyrightName(lines[i].body); name != "" {
			return name
		}
	}
	return ""
}

// copyrightName reads "© 2012 Name. All rights reserved." and returns Name.
func copyrightName(s string) string {
	low := strings.ToLower(s)
	i := strings.Index(low, "©")
	n := len("©")
	if i < 0 {
		if i = strings.Index(low, "copyright"); i < 0 {
			return ""
		}
		n = len("copyright")
	}
	if len(s) > 160 {
		return ""
	}
	f := strings.Fields(s[i+n:])
	var out []string
	for _, w := range f {
		lw := strings.ToLower(w)
		if w == "©" || lw == "(c)" || lw == "copyright" || strings.IndexFunc(w, unicode.IsLetter) < 0 {
			if len(out) == 0 {
				continue
			}
			break
		}
		if lw == "all" || lw == "alle" || lw == "tous" || lw == "todos" || lw == "by" && len(out) == 0 {
			if lw == "by" {
				continue
			}
			break
		}
		out = append(out, w)
		if strings.ContainsAny(w, ".|,") && !strings.HasSuffix(w, ".com") {
			break
		}
	}
	name := strings.Trim(strings.Join(out, " "), " .,|-–—")
	if w := countWords(name); w == 0 || w > 5 {
		return ""
	}
	return name
}

// stopwords for a cheap language guess: the most frequent function words.
var stopwords = map[string]string{
	"the": "en", "and": "en", "of": "en", "to": "en", "is": "en", "that": "en", "with": "en", "for": "en", "was": "en", "this": "en",
	"der": "de", "die": "de", "und": "de", "das": "de", "ist": "de", "nicht": "de", "mit": "de", "ich": "de", "auch": "de", "sich": "de",
	"le": "fr", "les": "fr", "et": "fr", "des": "fr", "est": "fr", "une": "fr", "dans": "fr", "pour": "fr", "qui": "fr", "pas": "fr",
	"el": "es", "los": "es", "las": "es", "y": "es", "que": "es", "por": "es", "una": "es", "para": "es", "con": "es", "del": "es",
	"il": "it", "di": "it", "che": "it", "è": "it", "non": "it", "gli": "it", "della": "it", "sono": "it", "per": "it", "anche": "it",
	"het": "nl", "een": "nl", "van": "nl", "ik": "nl", "niet": "nl", "zijn": "nl", "op": "nl", "dat": "nl", "voor": "nl", "ook": "nl",
	"não": "pt", "um": "pt", "uma": "pt", "os": "pt", "mais": "pt", "como": "pt", "também": "pt", "ao": "pt", "foi": "pt", "às": "pt",
}

// guessLanguage returns an ISO 639-1 code from stopword counts, or "" when
// the text is too short or no language stands out.
func guessLanguage(s string) string {
	if len(s) > 32<<10 {
		s = s[:32<<10]
	}
	count := map[string]int{}
	total := 0
	var buf [8]byte
	start := -1
	for i, r := range s + " " {
		if unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start < 0 {
			continue
		}
		w := s[start:i]
		start = -1
		if len(w) > len(buf) {
			continue
		}
		lw := buf[:0]
		for _, c := range []byte(w) {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			lw = append(lw, c)
		}
		if lang, ok := stopwords[string(lw)]; ok {
			count[lang]++
			total++
		}
	}
	best, second := "", 0
	for lang, n := range count {
		if best == "" || n > count[best] || n == count[best] && lang < best {
			best = lang
		}
	}
	for lang, n := range count {
		if lang != best && n > second {
			second = n
		}
	}
	if total < 5 || count[best] < 2*second {
		return ""
	}
	return best
}
