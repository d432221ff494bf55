package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tline is one line of a text dump, with the shape features the text
// extractor decides on.
type tline struct {
	raw    string // the line, spaces normalised, trailing space trimmed
	text   string // raw without indentation
	body   string // text without list marker and image placeholders ("1.", "•", "[avatar]")
	indent int    // leading spaces
	marker bool   // the line starts a list item
	blank  bool   // nothing but markers and placeholders (or nothing at all)
	words  int    // words in body

	// classification, computed once (see classify)
	low     string // body in lower case
	boiler  bool   // site furniture: isBoilerText
	secEnd  bool   // ends a comment list: isSectionEnd
	action  bool   // a link or button in a comment: isCommentAction
	form    bool   // w3m form controls: isFormField
	heading bool   // a comments heading: commentHeading
}

// normalizeText turns every line break into "\n", every odd space (NBSP,
// thin, ideographic...) into a plain space, tabs into spaces, and drops
// zero-width characters and soft hyphens.
func normalizeText(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\r' || c == '\t' || c >= 0x80 {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
			switch c {
			case '\r':
				if i+1 < len(s) && s[i+1] == '\n' {
					i++
				}
				b.WriteByte('\n')
			case '\t':
				b.WriteString("    ")
			default:
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		i += w
		switch {
		case r == 0x85 || r == 0x2028 || r == 0x2029:
			b.WriteByte('\n')
		case r == 0xA0 || r == 0x1680 || r >= 0x2000 && r <= 0x200A || r == 0x202F || r == 0x205F || r == 0x3000:
			b.WriteByte(' ')
		case r == 0x200B || r == 0x2060 || r == 0xFEFF || r == 0xAD:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// splitTextLines normalises s and cuts it into lines.
func splitTextLines(s string) []tline {
	s = normalizeText(s)
	n := strings.Count(s, "\n") + 1
	lines := make([]tline, 0, n)
	for len(s) > 0 || n > 0 {
		i := strings.IndexByte(s, '\n')
		var l string
		if i < 0 {
			l, s = s, ""
		} else {
			l, s = s[:i], s[i+1:]
		}
		ln := makeLine(l)
		classify(&ln)
		lines = append(lines, ln)
		if i < 0 {
			break
		}
	}
	return lines
}

func makeLine(l string) tline {
	l = strings.TrimRightFunc(l, unicode.IsSpace)
	t := strings.TrimLeft(l, " ")
	ln := tline{raw: l, text: t, indent: len(l) - len(t)}
	body, marker := stripMarker(t)
	ln.body, ln.marker = body, marker
	ln.words = countWords(body)
	ln.blank = ln.body == ""
	return ln
}

// classify fills the line's classification flags.
func classify(l *tline) {
	if l.blank {
		return
	}
	l.low = strings.ToLower(l.body)
	l.boiler = boilerLow(l.body, l.low, l.words)
	l.secEnd = sectionEndLow(l.text, l.low, l.words)
	l.action = isCommentAction(l.body)
	l.form = isFormField(l.text)
	_, _, l.heading = commentHeading(*l)
	l.heading = l.heading && !l.form
}

// stripMarker removes a list marker ("1.", "(2)", "•", "□", "☆", "-", "*")
// and leading image placeholders ("[860b3]", "[gif]") from a line.
func stripMarker(t string) (string, bool) {
	marker := false
	for {
		t0 := t
		r, w := utf8.DecodeRuneInString(t)
		switch {
		case t == "":
			return "", marker
		case isBulletRune(r) && (len(t) == w || t[w] == ' '):
			t, marker = strings.TrimLeft(t[w:], " "), true
		case (r == '-' || r == '*' || r == '+') && len(t) > 1 && t[1] == ' ':
			t, marker = strings.TrimLeft(t[1:], " "), true
		case r >= '0' && r <= '9':
			j := 0
			for j < len(t) && j < 4 && t[j] >= '0' && t[j] <= '9' {
				j++
			}
			if j < len(t) && (t[j] == '.' || t[j] == ')') && (j+1 == len(t) || t[j+1] == ' ') {
				t, marker = strings.TrimLeft(t[j+1:], " "), true
			}
		case r == '(' || r == '#':
			j := 1
			for j < len(t) && j < 5 && t[j] >= '0' && t[j] <= '9' {
				j++
			}
			if j > 1 && j < len(t) && (r == '(' && t[j] == ')' || r == '#' && t[j] == ' ') {
				t, marker = strings.TrimLeft(t[j+1:], " "), true
			}
		case r == '[':
			// w3m image placeholder: "[alt text]" with short alt text, but not
			// a form field "[    ]" or a button "[Submit]" that stands alone.
			j := strings.IndexByte(t, ']')
			if j > 0 && j < 40 && !strings.Contains(t[1:j], "[") {
				inner := strings.TrimSpace(t[1:j])
				rest := strings.TrimLeft(t[j+1:], " ")
				if inner != "" && rest != "" && !strings.ContainsAny(inner, " ") || isPlaceholder(inner) {
					t = rest
				}
			}
		}
		if t == t0 {
			return t, marker
		}
	}
}

func isBulletRune(r rune) bool {
	switch r {
	case '•', '●', '○', '◦', '□', '■', '▪', '▫', '☆', '★', '◆', '◇', '►', '▶', '·', '‣', '⁃', '–', '—', '→', '»':
		return true
	}
	return false
}

// isPlaceholder reports whether the inside of a "[...]" is a w3m image
// placeholder rather than text.
func isPlaceholder(s string) bool {
	if s == "" {
		return false
	}
	switch strings.ToLower(s) {
	case "image", "img", "gif", "jpg", "png", "avatar", "photo", "logo", "icon", "b", "spacer", "pixel":
		return true
	}
	// hex-ish ids such as "860b3", "e083301667e62bc4", "60afcbfb6a3d"
	digits := 0
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'a' && c <= 'f', c == '-', c == '_':
		default:
			return false
		}
	}
	return digits > 0
}

// countWords counts runs of letters or digits.
func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && !in {
			n++
		}
		in = w || (in && (r == '\'' || r == '’' || r == '-'))
	}
	return n
}

// collapseSpaces trims s and turns runs of spaces into one.
func collapseSpaces(s string) string {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	sp := false
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			if !sp {
				b.WriteByte(' ')
			}
			sp = true
			continue
		}
		sp = false
		b.WriteByte(s[i])
	}
	return b.String()
}

// endsSentence reports whether s ends like a sentence (after closing quotes
// and brackets).
func endsSentence(s string) bool {
	s = strings.TrimRight(s, " \"'”’»)]*")
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '!', '?', '…', '。', '！', '？':
		return true
	}
	return false
}

// textLastRune returns the last rune of s, or 0.
func textLastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	if r == utf8.RuneError {
		return 0
	}
	return r
}
