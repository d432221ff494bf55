package conll

import (
	"fmt"
	"io"
	"slices"
)

// Counts holds entity counts for one type (or all types).
type Counts struct {
	Gold, Found, Correct int
}

// PRF returns precision, recall and F1 in percent (0 when undefined).
func (c Counts) PRF() (p, r, f float64) {
	if c.Found > 0 {
		p = 100 * float64(c.Correct) / float64(c.Found)
	}
	if c.Gold > 0 {
		r = 100 * float64(c.Correct) / float64(c.Gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// Score accumulates conlleval-style counts over sentences.
type Score struct {
	Tokens, CorrectTags int
	Overall             Counts
	ByType              map[string]*Counts
}

// Add scores one sentence: gold and predicted tags, one per token. It
// returns an error when the lengths differ.
func (s *Score) Add(gold, pred []string) error {
	if len(gold) != len(pred) {
		return fmt.Errorf("score: %d gold tags but %d predicted", len(gold), len(pred))
	}
	if s.ByType == nil {
		s.ByType = map[string]*Counts{}
	}
	s.Tokens += len(gold)
	for i := range gold {
		gp, gt := split(gold[i])
		pp, pt := split(pred[i])
		if gt == pt && (gp == "O") == (pp == "O") {
			s.CorrectTags++
		}
	}
	g, p := Chunks(gold), Chunks(pred)
	for _, c := range g {
		s.typ(c.Type).Gold++
		s.Overall.Gold++
	}
	for _, c := range p {
		s.typ(c.Type).Found++
		s.Overall.Found++
	}
	// Both lists are sorted by start and do not overlap, so a merge finds
	// the exact matches.
	i, j := 0, 0
	for i < len(g) && j < len(p) {
		switch {
		case g[i].Start < p[j].Start:
			i++
		case g[i].Start > p[j].Start:
			j++
		default:
			if g[i] == p[j] {
				s.typ(g[i].Type).Correct++
				s.Overall.Correct++
			}
			i++
			j++
		}
	}
	return nil
}

func (s *Score) typ(t string) *Counts {
	c := s.ByType[t]
	if c == nil {
		c = &Counts{}
		s.ByType[t] = c
	}
	return c
}

// Write prints the report in the layout of conlleval, per type in
// alphabetical order, and ends with the line
// "overall <precision> <recall> <F1>" (percent, two decimals).
func (s *Score) Write(w io.Writer) error {
	p, r, f := s.Overall.PRF()
	acc := 0.0
	if s.Tokens > 0 {
		acc = 100 * float64(s.CorrectTags) / float64(s.Tokens)
	}
	if _, err := fmt.Fprintf(w, "processed %d tokens with %d phrases; found: %d phrases; correct: %d.\n",
		s.Tokens, s.Overall.Gold, s.Overall.Found, s.Overall.Correct); err != nil {
		return err
	}
	if _, err := fmt.Fprintf(w, "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n", acc, p, r, f); err != nil {
		return err
	}
	types := make([]string, 0, len(s.ByType))
	for t := range s.ByType {
		types = append(types, t)
	}
	slices.Sort(types)
	for _, t := range types {
		c := s.ByType[t]
		p, r, f := c.PRF()
		if _, err := fmt.Fprintf(w, "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %d\n", t, p, r, f, c.Found); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "overall %.2f %.2f %.2f\n", p, r, f)
	return err
}
