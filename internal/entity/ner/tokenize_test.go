package ner_test

import (
	"strings"
	"testing"

	"github.com/morgue-archive/morgue/internal/entity/ner"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // tokens joined by spaces, sentences by " | "
	}{
		{"possessive curly", "Bout’s trial was postponed.", "Bout 's trial was postponed ."},
		{"possessive ascii", "the Smiths' house", "the Smiths ' house"},
		{"negation", "We don’t agree", "We do n't agree"},
		{"curly quotes", "said “until the trial”.", "said \" until the trial \" ."},
		{"single quotes", "for ‘merchant of death’ held", "for ' merchant of death ' held"},
		{"hyphens", "al-Qaeda and an 18-year sentence", "al-Qaeda and an 18-year sentence"},
		{"numbers", "On 1996-08-22 it cost $1,000.50, up 3.5%.", "On 1996-08-22 it cost $ 1,000.50 , up 3.5 % ."},
		{"abbreviations", "Mr. Smith of the U.S. Army met J. Doe.", "Mr. Smith of the U.S. Army met J. Doe ."},
		{"sentences", "He left. Bout, who was born in 1967, stayed!", "He left . | Bout , who was born in 1967 , stayed !"},
		{"no break before lower case", "He left. then he came", "He left . then he came"},
		{"blank line", "Viktor Bout\n\nViktor Bout", "Viktor Bout | Viktor Bout"},
		{"wrapped line", "would\n    care to explain", "would care to explain"},
		{"line before capital", "About intelNews\nExpert news", "About intelNews | Expert news"},
		{"nbsp", "Russia\u00a0may swap", "Russia may swap"},
		{"brackets and ellipsis", "Khlychev […] for", "Khlychev [ ... ] for"},
		{"url and handle", "see https://example.com/a?b=1. @joe #tag", "see https://example.com/a?b=1 . | @joe #tag"},
		{"dash", "CRICKET – LEICESTERSHIRE TAKE OVER", "CRICKET - LEICESTERSHIRE TAKE OVER"},
		{"o'brien", "O'Brien's car", "O'Brien 's car"},
		{"ampersand", "AT&T and Procter & Gamble", "AT&T and Procter & Gamble"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sents []string
			for _, s := range ner.Tokenize(tt.in) {
				var toks []string
				for _, tok := range s {
					toks = append(toks, tok.Text)
				}
				sents = append(sents, strings.Join(toks, " "))
			}
			if got := strings.Join(sents, " | "); got != tt.want {
				t.Errorf("Tokenize(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokenizeOffsets(t *testing.T) {
	in := "Viktor Bout’s “trial” — in\u00a0Thailand…"
	for _, s := range ner.Tokenize(in) {
		for _, tok := range s {
			raw := in[tok.Start:tok.End]
			if raw != tok.Text && !strings.ContainsAny(raw, "’“”—…") {
				t.Errorf("token %q has raw text %q", tok.Text, raw)
			}
			if strings.TrimSpace(raw) != raw || raw == "" {
				t.Errorf("token %q spans %q", tok.Text, raw)
			}
		}
	}
}
