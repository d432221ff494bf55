// Command nereval scores morgue's named-entity tagger on a CoNLL-2003
// format file (token in the first column, gold tag in the last, IOB1 or
// IOB2, -DOCSTART- lines between documents), the way conlleval does: per
// type and overall precision, recall and F1 over exact spans and types.
//
//	go run ./cmd/nereval [-model FILE] FILE
//
// It prints the tagging speed, then the report, whose last line is
// "overall <precision> <recall> <F1>" in percent.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
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
	score, elapsed, err := evaluate(m, docs)
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

// evaluate tags every document and scores it; the time covers tagging only.
func evaluate(m *ner.Model, docs []conll.Document) (*conll.Score, time.Duration, error) {
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
			if err := score.Add(gold, pred[i]); err != nil {
				return nil, 0, err
			}
		}
	}
	return score, elapsed, nil
}
