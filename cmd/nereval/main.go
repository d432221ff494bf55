// Command nereval scores morgue's named-entity tagger on a CoNLL-2003
// format file (token in the first column, gold tag in the last, IOB1 or
// IOB2, -DOCSTART- lines between documents), the way conlleval does: per
// type and overall precision, recall and F1 over exact spans and types.
//
//	go run ./cmd/nereval [-model FILE] [-types PER,LOC,ORG] [-errors] FILE
//
// It prints the tagging speed, then the report, whose last line is
// "overall <precision> <recall> <F1>" in percent.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/morgue-archive/morgue/internal/entity/ner"
	"github.com/morgue-archive/morgue/internal/entity/ner/conll"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "nereval: %v\n", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("nereval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	modelPath := fs.String("model", "", "model file (default: the model built into the binary)")
	showErrors := fs.Bool("errors", false, "list every wrong or missed entity before the report")
	types := fs.String("types", "", "score only these entity types (comma-separated, e.g. PER,LOC,ORG); others count as O in gold and output")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: nereval [-model FILE] CONLL-FILE")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("want one CoNLL file, got %d arguments", fs.NArg())
	}
	m, err := loadModel(*modelPath)
	if err != nil {
		return err
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	docs, err := conll.Read(f)
	if err != nil {
		return fmt.Errorf("read %s: %w", fs.Arg(0), err)
	}
	var keep map[string]bool
	if *types != "" {
		keep = map[string]bool{}
		for _, t := range strings.Split(*types, ",") {
			keep[strings.TrimSpace(t)] = true
		}
	}
	var errw io.Writer
	if *showErrors {
		errw = stdout
	}
	score, elapsed, err := evaluate(m, docs, keep, errw)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "tagged %d tokens in %s: %.0f tokens/s\n",
		score.Tokens, elapsed.Round(time.Millisecond), float64(score.Tokens)/elapsed.Seconds())
	return score.Write(stdout)
}

func loadModel(path string) (*ner.Model, error) {
	if path == "" {
		return ner.Default()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := ner.Load(f)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", path, err)
	}
	return m, nil
}

// evaluate tags every document and scores it; the time covers tagging
// only. With errw it lists the entities that differ, one per line:
// "missed TYPE text", "spurious TYPE text" or "wrong GOLD->PRED text".
func evaluate(m *ner.Model, docs []conll.Document, keep map[string]bool, errw io.Writer) (*conll.Score, time.Duration, error) {
	score := &conll.Score{}
	var elapsed time.Duration
	for _, doc := range docs {
		toks := make([][]string, len(doc))
		for i, s := range doc {
			toks[i] = make([]string, len(s))
			for j, t := range s {
				toks[i][j] = t.Text
			}
		}
		start := time.Now()
		pred := m.TagDocument(toks)
		elapsed += time.Since(start)
		for i, s := range doc {
			gold := make([]string, len(s))
			for j, t := range s {
				gold[j] = t.Tag
			}
			if keep != nil {
				filter(gold, keep)
				filter(pred[i], keep)
			}
			if err := score.Add(gold, pred[i]); err != nil {
				return nil, 0, err
			}
			if errw != nil {
				listErrors(errw, s, gold, pred[i])
			}
		}
	}
	return score, elapsed, nil
}

func listErrors(w io.Writer, s conll.Sentence, gold, pred []string) {
	text := func(c conll.Chunk) string {
		words := make([]string, 0, c.End-c.Start)
		for _, t := range s[c.Start:c.End] {
			words = append(words, t.Text)
		}
		return strings.Join(words, " ")
	}
	predicted := map[[2]int]string{}
	for _, c := range conll.Chunks(pred) {
		predicted[[2]int{c.Start, c.End}] = c.Type
	}
	for _, c := range conll.Chunks(gold) {
		k := [2]int{c.Start, c.End}
		switch t, ok := predicted[k]; {
		case !ok:
			fmt.Fprintf(w, "missed %s %s\n", c.Type, text(c))
		case t != c.Type:
			fmt.Fprintf(w, "wrong %s->%s %s\n", c.Type, t, text(c))
		}
		delete(predicted, k)
	}
	for _, c := range conll.Chunks(pred) {
		if t, ok := predicted[[2]int{c.Start, c.End}]; ok {
			fmt.Fprintf(w, "spurious %s %s\n", t, text(c))
		}
	}
}

// filter turns tags of types not in keep into O.
func filter(tags []string, keep map[string]bool) {
	for i, t := range tags {
		if len(t) > 2 && t[1] == '-' && !keep[t[2:]] {
			tags[i] = "O"
		}
	}
}
