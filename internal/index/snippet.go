package index

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/registry"
)

// Highlight marks what a query matched in a document's text.
type Highlight struct {
	Words    []string // query words, analysed like the text (stemmed) before matching
	Prefixes []string // lower-cased prefixes (swa*)
	Spans    [][2]int // byte spans matched otherwise (entity mentions)
}

var (
	enOnce     sync.Once
	enAnalyzer analysis.Analyzer
)

func english() analysis.Analyzer {
	enOnce.Do(func() {
		a, err := registry.NewCache().AnalyzerNamed(en.AnalyzerName)
		if err != nil {
			panic(err) // the en analyzer is compiled in
		}
		enAnalyzer = a
	})
	return enAnalyzer
}

// Snippet returns about width bytes of text around the densest cluster of
// matches, with each match marked as [[…]]. Without matches it returns the
// start of the text.
func Snippet(text string, h Highlight, width int) string {
	var spans [][2]int
	stems := map[string]bool{}
	for _, w := range h.Words {
		for _, t := range english().Analyze([]byte(w)) {
			stems[string(t.Term)] = true
		}
	}
	if len(stems) > 0 || len(h.Prefixes) > 0 {
		for _, t := range english().Analyze([]byte(text)) {
			term := string(t.Term)
			hit := stems[term]
			if !hit {
				low := strings.ToLower(text[t.Start:t.End])
				for _, p := range h.Prefixes {
					if strings.HasPrefix(low, p) {
						hit = true
						break
					}
				}
			}
			if hit {
				spans = append(spans, [2]int{t.Start, t.End})
			}
		}
	}
	spans = mergeSpans(append(spans, h.Spans...))
	return cut(text, spans, width)
}

func mergeSpans(s [][2]int) [][2]int {
	if len(s) < 2 {
		return s
	}
	sortSpans(s)
	out := s[:1]
	for _, sp := range s[1:] {
		last := &out[len(out)-1]
		if sp[0] <= last[1] {
			last[1] = max(last[1], sp[1])
			continue
		}
		out = append(out, sp)
	}
	return out
}

func sortSpans(s [][2]int) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j][0] < s[j-1][0]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// cut picks the window of width bytes holding the most spans and marks them.
func cut(text string, spans [][2]int, width int) string {
	start := 0
	if len(spans) > 0 {
		best, bestN := 0, 0
		for i := range spans {
			n := 0
			for j := i; j < len(spans) && spans[j][1]-spans[i][0] <= width; j++ {
				n++
			}
			if n > bestN {
				best, bestN = i, n
			}
		}
		start = max(0, spans[best][0]-width/4)
	}
	end := min(len(text), start+width)
	start, end = wordBoundary(text, start, true), wordBoundary(text, end, false)
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	pos := start
	for _, sp := range spans {
		if sp[1] <= start || sp[0] >= end {
			continue
		}
		s, e := max(sp[0], start), min(sp[1], end)
		b.WriteString(flatten(text[pos:s]))
		b.WriteString("[[")
		b.WriteString(flatten(text[s:e]))
		b.WriteString("]]")
		pos = e
	}
	b.WriteString(flatten(text[pos:end]))
	if end < len(text) {
		b.WriteString("…")
	}
	return strings.TrimSpace(b.String())
}

// wordBoundary moves i to a rune and word boundary: forward for a start,
// backward for an end.
func wordBoundary(s string, i int, forward bool) int {
	if i <= 0 || i >= len(s) {
		return max(0, min(i, len(s)))
	}
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	if forward {
		for j := i; j > 0 && j > i-20; {
			r, n := utf8.DecodeLastRuneInString(s[:j])
			if unicode.IsSpace(r) {
				return j
			}
			j -= n
		}
		return i
	}
	for j := i; j < len(s) && j < i+20; {
		r, n := utf8.DecodeRuneInString(s[j:])
		if unicode.IsSpace(r) {
			return j
		}
		j += n
	}
	return i
}

// flatten puts a snippet on one line, keeping a single space where the
// text had any at either end.
func flatten(s string) string {
	if !strings.ContainsAny(s, "\n\r\t") {
		return s
	}
	f := strings.Join(strings.Fields(s), " ")
	if first, _ := utf8.DecodeRuneInString(s); unicode.IsSpace(first) {
		f = " " + f
	}
	if last, _ := utf8.DecodeLastRuneInString(s); unicode.IsSpace(last) && f != " " {
		f += " "
	}
	return f
}
