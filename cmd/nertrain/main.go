// Command nertrain trains morgue's named-entity tagger from the annotated
// corpora, name lists and unlabelled text in the shared data folder, and
// writes the compressed model that internal/entity/ner embeds:
//
//	go run ./cmd/nertrain -o internal/entity/ner/model.bin.zst
//
// The data folder is -data, else $MORGUE_SHARED/data, else ../shared/data.
// Training is deterministic: the same data and flags give the same model.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/morgue-archive/morgue/internal/entity/ner"
	"github.com/morgue-archive/morgue/internal/entity/ner/conll"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "nertrain: %v\n", err)
		os.Exit(1)
	}
}

func defaultData() string {
	if s := os.Getenv("MORGUE_SHARED"); s != "" {
		return filepath.Join(s, "data")
	}
	return filepath.Join("..", "shared", "data")
}

func run(args []string, logw io.Writer) error {
	fs := flag.NewFlagSet("nertrain", flag.ContinueOnError)
	var (
		out         = fs.String("o", "", "write the model to this file (required)")
		data        = fs.String("data", defaultData(), "shared data folder")
		mix         = fs.String("mix", "conll,wikigold,btc:private,wnut:private", "annotated corpora, comma-separated: conll, wikigold, btc, wnut, gmb; name/N keeps every Nth document; name:private gives the corpus private feature copies (domain adaptation)")
		epochs      = fs.Int("epochs", 12, "training epochs")
		seed        = fs.Uint64("seed", 1, "random seed for the document order")
		runs        = fs.Int("runs", 3, "train this many models (seeds seed, seed+1, ...) and average their weights")
		dev         = fs.String("dev", "", "CoNLL file to score after every epoch (reporting only)")
		prune       = fs.Float64("prune", 0, "drop feature rows whose weights are all below this magnitude")
		opts        ner.Options
		lexCache    = fs.String("lexicon-cache", "", "reuse the unlabelled-text statistics and clusters stored in this file (built and stored when absent)")
		beam        = fs.Int("beam", 4, "beam width for tagging (1 = greedy)")
		trainBeam   = fs.Int("train-beam", 8, "beam width for training (1 = greedy perceptron)")
		noLex       = fs.Bool("no-lexicon", false, "no statistics from unlabelled text")
		classes     = fs.Int("clusters", 512, "word clusters (flat classes) computed from unlabelled text; 0 for none")
		clusterIter = fs.Int("cluster-passes", 10, "exchange-algorithm passes")
		clusterMin  = fs.Int("cluster-min", 5, "occurrences a word needs to get its own cluster")
		prefixes    = fs.String("cluster-prefixes", "4,6,10,20", "cluster-path prefix lengths used as features (255 = the class)")
	)
	fs.BoolVar(&opts.NoGazetteer, "no-gazetteer", false, "no gazetteer features")
	fs.BoolVar(&opts.NoHistory, "no-history", false, "no document prediction-history features")
	fs.BoolVar(&opts.NoDocCase, "no-doccase", false, "no document casing features")
	fs.BoolVar(&opts.NoConsistency, "no-consistency", false, "no document consistency pass")
	fs.BoolVar(&opts.NoSurnames, "no-surnames", false, "consistency pass: no surname rule")
	fs.BoolVar(&opts.NoPropagate, "no-propagate", false, "consistency pass: no propagation to repeats")
	fs.BoolVar(&opts.NoAcronyms, "no-acronyms", false, "consistency pass: no typing of bracketed acronyms")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		fs.Usage()
		return fmt.Errorf("-o is required")
	}
	opts.NoClusters = *classes == 0
	if *beam < 1 || *beam > 255 || *trainBeam < 1 {
		return fmt.Errorf("-beam must be in 1..255 and -train-beam at least 1")
	}
	opts.Beam = uint8(*beam)
	for i, p := range strings.Split(*prefixes, ",") {
		if i >= len(opts.ClusterPrefixes) {
			return fmt.Errorf("-cluster-prefixes: at most %d", len(opts.ClusterPrefixes))
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > 255 {
			return fmt.Errorf("-cluster-prefixes: bad length %q", p)
		}
		opts.ClusterPrefixes[i] = uint8(n)
	}
	start := time.Now()

	gaz, demonyms, err := gazetteers(*data)
	if err != nil {
		return err
	}
	fmt.Fprintf(logw, "gazetteer: %d names (%s)\n", len(gaz), time.Since(start).Round(time.Millisecond))

	var (
		docs    []conll.Document
		domains []int
	)
	for k, name := range strings.Split(*mix, ",") {
		name, private := strings.CutSuffix(name, ":private")
		name, every, _ := strings.Cut(name, "/")
		keep := 1
		if every != "" {
			if keep, err = strconv.Atoi(every); err != nil || keep < 1 {
				return fmt.Errorf("-mix: bad sampling %q in %q", every, name)
			}
		}
		var src *source
		for i := range sources {
			if sources[i].name == name {
				src = &sources[i]
			}
		}
		if src == nil {
			return fmt.Errorf("unknown corpus %q in -mix", name)
		}
		d, err := src.load(*data, demonyms)
		if err != nil {
			return err
		}
		if keep > 1 {
			var sample []conll.Document
			for i := 0; i < len(d); i += keep {
				sample = append(sample, d[i])
			}
			d = sample
		}
		fmt.Fprintf(logw, "corpus %s: %d documents\n", name, len(d))
		docs = append(docs, d...)
		for range d {
			if private {
				domains = append(domains, k+1)
			} else {
				domains = append(domains, 0)
			}
		}
	}

	res := ner.Resources{Gazetteer: gaz}
	if !*noLex {
		lex, err := lexicon(*data, *lexCache, ner.ClusterOptions{Classes: *classes, MinCount: *clusterMin, Iterations: *clusterIter, Log: logw})
		if err != nil {
			return err
		}
		res.Lexicon = lex
		fmt.Fprintf(logw, "lexicon: ready (%s)\n", time.Since(start).Round(time.Millisecond))
	}

	to := ner.TrainOptions{Options: opts, Epochs: *epochs, Seed: *seed, Runs: *runs, TrainBeam: *trainBeam, Prune: float32(*prune), Domains: domains, Log: logw}
	if *dev != "" {
		if to.Dev, err = readCoNLL(*dev); err != nil {
			return err
		}
	}
	m, err := ner.Train(docs, res, to)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", *out, err)
	}
	fmt.Fprintf(logw, "wrote %s: %d bytes, %s in all\n", *out, buf.Len(), time.Since(start).Round(time.Millisecond))
	return nil
}

// lexicon builds the unlabelled-text statistics and clusters, or reads them
// from cache when that file exists.
func lexicon(data, cache string, co ner.ClusterOptions) (*ner.Lexicon, error) {
	if cache != "" {
		if f, err := os.Open(cache); err == nil {
			defer f.Close()
			return ner.ReadLexicon(bufio.NewReader(f))
		}
	}
	lex := ner.NewLexicon()
	if err := unlabelled(data, lex.AddSentence, lex.AddText); err != nil {
		return nil, err
	}
	if co.Classes > 0 {
		lex.Cluster(co)
	}
	if cache != "" {
		var buf bytes.Buffer
		if _, err := lex.WriteTo(&buf); err != nil {
			return nil, fmt.Errorf("write %s: %w", cache, err)
		}
		if err := os.WriteFile(cache, buf.Bytes(), 0o644); err != nil {
			return nil, err
		}
	}
	return lex, nil
}
