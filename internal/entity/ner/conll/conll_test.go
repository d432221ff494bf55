package conll_test

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/morgue-archive/morgue/internal/entity/ner/conll"
)

func TestChunks(t *testing.T) {
	tests := []struct {
		name string
		tags string
		want string
	}{
		{"iob1", "I-PER I-PER O I-LOC", "PER[0,2) LOC[3,4)"},
		{"iob1 adjacent", "I-LOC B-LOC I-LOC", "LOC[0,1) LOC[1,3)"},
		{"iob2", "B-PER I-PER B-PER O", "PER[0,2) PER[2,3)"},
		{"type change", "I-ORG I-LOC", "ORG[0,1) LOC[1,2)"},
		{"bioes", "S-PER B-ORG E-ORG B-LOC I-LOC E-LOC", "PER[0,1) ORG[1,3) LOC[3,6)"},
		{"bilou", "U-PER B-ORG L-ORG", "PER[0,1) ORG[1,3)"},
		{"stray I after O", "O I-MISC", "MISC[1,2)"},
		{"end at sentence end", "O B-ORG I-ORG", "ORG[1,3)"},
		{"no entities", "O O", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range conll.Chunks(strings.Fields(tt.tags)) {
				got = append(got, fmt.Sprintf("%s[%d,%d)", c.Type, c.Start, c.End))
			}
			if s := strings.Join(got, " "); s != tt.want {
				t.Errorf("Chunks(%s) = %q, want %q", tt.tags, s, tt.want)
			}
		})
	}
}

// readTwoColumns reads the scorer fixture: token, gold tag, predicted tag.
func readTwoColumns(t *testing.T, path string) (gold, pred [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var g, p []string
	flush := func() {
		if len(g) > 0 {
			gold, pred = append(gold, g), append(pred, p)
			g, p = nil, nil
		}
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 || fields[0] == "-DOCSTART-" {
			flush()
			continue
		}
		g = append(g, fields[1])
		p = append(p, fields[2])
	}
	flush()
	return gold, pred
}

func TestScoreFixture(t *testing.T) {
	gold, pred := readTwoColumns(t, "../../../../testdata/ner/scorer.conll")
	s := &conll.Score{}
	for i := range gold {
		if err := s.Add(gold[i], pred[i]); err != nil {
			t.Fatal(err)
		}
	}
	if s.Tokens != 28 || s.CorrectTags != 25 {
		t.Errorf("tokens %d, correct tags %d; want 28, 25", s.Tokens, s.CorrectTags)
	}
	tests := []struct {
		name    string
		counts  conll.Counts
		p, r, f float64
	}{
		{"overall", s.Overall, 100 * 5.0 / 9, 100 * 5.0 / 9, 100 * 5.0 / 9},
		{"PER", *s.ByType["PER"], 50, 100, 200.0 / 3},
		{"ORG", *s.ByType["ORG"], 0, 0, 0},
		{"LOC", *s.ByType["LOC"], 75, 50, 60},
		{"MISC", *s.ByType["MISC"], 100, 100, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, r, f := tt.counts.PRF()
			if math.Abs(p-tt.p) > 1e-9 || math.Abs(r-tt.r) > 1e-9 || math.Abs(f-tt.f) > 1e-9 {
				t.Errorf("P/R/F = %.4f/%.4f/%.4f, want %.4f/%.4f/%.4f", p, r, f, tt.p, tt.r, tt.f)
			}
		})
	}
	var out strings.Builder
	if err := s.Write(&out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if last := lines[len(lines)-1]; last != "overall 55.56 55.56 55.56" {
		t.Errorf("last line = %q, want %q", last, "overall 55.56 55.56 55.56")
	}
	if !strings.Contains(out.String(), "LOC: precision:  75.00%; recall:  50.00%; FB1:  60.00  4") {
		t.Errorf("report lacks the LOC line:\n%s", out.String())
	}
}

func TestScoreLengthMismatch(t *testing.T) {
	s := &conll.Score{}
	if err := s.Add([]string{"O", "B-PER"}, []string{"O"}); err == nil {
		t.Error("Add accepted tag slices of different lengths")
	}
}

func TestRead(t *testing.T) {
	in := "EU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\nPeter I-PER\nBlackburn I-PER\n-DOCSTART- -X- O O\n\nMore\tO\n"
	docs, err := conll.Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || len(docs[0]) != 2 || len(docs[1]) != 1 {
		t.Fatalf("got %d documents (%v), want 2 with 2 and 1 sentences", len(docs), docs)
	}
	if got := docs[0][0][0]; got != (conll.Token{Text: "EU", Tag: "I-ORG"}) {
		t.Errorf("first token = %+v", got)
	}
	tabbed, err := conll.Read(strings.NewReader("a\tO\n\u00a0\tO\nb\tB-PER\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(tabbed) != 1 || len(tabbed[0][0]) != 3 || tabbed[0][0][1].Text != "\u00a0" || tabbed[0][0][2].Tag != "B-PER" {
		t.Errorf("tab-separated file read as %q", tabbed)
	}
	if _, err := conll.Read(strings.NewReader("lonely\n")); err == nil {
		t.Error("Read accepted a line without a tag")
	}
}
