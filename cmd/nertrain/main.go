// Command nertrain trains morgue's named-entity tagger from the annotated
// corpora, name lists and unlabelled text in the shared data folder, and
// writes the compressed model that internal/entity/ner embeds:
//
//	go run ./cmd/nertrain -o internal/entity/ner/model.bin.zst
//
// The data folder is -data, else $MORGUE_SHARED/data, else ../shared/data.
// Training is deterministic (fixed seeds, sorted tables): the same data and
// flags give the same file. With the defaults it takes about 3 minutes and
// 0.6 GB of memory (one core; most of it single-threaded): 70 s for the
// word clusters, then 3 runs of 12 epochs over 436,358 tokens.
//
// # Defaults and why
//
// Every figure is CoNLL-2003 eng.testa F1 (conlleval, exact spans, four
// types), from the -dev report; "BTC-h" and "WNUT" are PER/LOC/ORG F1 on
// held-out informal text (Broad Twitter Corpus section H without
// @-mentions; WNUT-17 test with person/location/corporation+group mapped),
// scored with nereval -types PER,LOC,ORG. Seeds move eng.testa by about
// ±0.3, so small differences are noise.
//
//   - Learning: a greedy averaged perceptron reached 89.9 (10 epochs, 256
//     clusters); the structured perceptron with beam 8 and early update
//     reached 92.7 with the same features. Beam 4 in training: 92.65; 8:
//     92.89; 16: 92.96 (12 epochs) -> -train-beam 8. Tagging with beam
//     4/6/8 after training with 8: 93.86/93.88/93.90 at 2.0/1.8/1.7 MB/s
//     -> -beam 4.
//   - Word clusters (exchange algorithm, then bottom-up merging into bit
//     paths; prefixes 4,6,10,20): none 92.44, 256 classes 92.89, 512
//     classes 93.12 -> -clusters 512.
//   - Data mix (10 epochs, seeds 1/2 where two figures; testa | BTC-h |
//     WNUT): conll 92.53/92.62 | 30 | 36; +wikigold 93.21/93.32 | 31 | 38;
//     +btc 92.26 | 52 | 47; +btc:private 92.81 | 46 | 41; +wnut:private
//     92.79/92.82 | 34 | 34; +gmb:private 92.40 | 31 | 32; +gmb 88.51 | 24 |
//     30; +wikigold+btc 92.43/92.55 | 52 | 46; +wikigold+btc+wnut 92.65 |
//     54 | 48; +wikigold+btc:private+wnut:private 92.90/93.08 | 47 | 41.
//     Sharing BTC's weights makes capitalised "Bout" (tweets' "about") an
//     O word, which breaks the example page; with private copies it does
//     not. GMB's conventions (gpe, "U.S." as org) cost accuracy -> the
//     default mix conll,wikigold,btc:private,wnut:private.
//   - Document features on that mix (12 epochs): neither 93.07 | 46 | 41;
//     prediction history 93.61 | 45 | 40; document casing 93.12 | 49 | 42;
//     both 93.58 | 48 | 43 (seed 2: 93.90) -> both on.
//   - Averaging the weights of 3 runs (seeds 1-3: 93.59/93.94/93.70 alone)
//     gives 93.90 and steadier behaviour -> -runs 3.
//   - Consistency pass (on a greedy model): without it 89.21, with it 89.86;
//     the acronym rule needs the acronym to be the name's initials (without
//     that check it cost 0.6).
//
// # Figures of the committed model
//
//	go run ./cmd/nereval ../shared/data/conll2003/eng.testa
//	    overall 93.84 93.87 93.86 (LOC 96.34, PER 96.91, ORG 89.66, MISC 88.83)
//	go run ./cmd/nereval -types PER,LOC,ORG <BTC h.conll without @-mentions>
//	    overall 55.54 43.68 48.90
//	go run ./cmd/nereval -types PER,LOC,ORG <WNUT-17 test, types mapped>
//	    overall 42.30 42.72 42.51
//	go test ./internal/entity/ner -run XXX -bench . -cpu 1
//	    BenchmarkTag 2.1-2.3 MB/s of raw BBC text per core (tokenising
//	    included), BenchmarkLoad 55-59 ms (2-core machine shared with
//	    other jobs)
//
// Model file: 7.7 MB (zstd). eng.testa is used only to choose settings,
// never for training; the withheld test split was never seen.
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
