// Package entity finds the people, organisations and places that an article
// and its comment thread talk about, decides which spellings name the same
// one, and finds dates.
//
// It has four parts:
//
//   - Annotate tags an article and its comments with the model in package
//     ner and resolves the mentions within the thread (Resolve, which takes
//     spans from any tagger): "Bout" and a comment's "Viktor" become "Viktor
//     Bout"; "Andrei Khlychev" joins "Andrei Klychev"; names the tagger
//     missed elsewhere in the thread are added; honorifics and possessives
//     are stripped; lower-case words never become names; all-caps text only
//     yields names that the thread also spells in mixed case.
//   - Key, Fold and Phonetic turn a name into matching keys. Key folds
//     Unicode (NFKD with marks removed and full case folding, from
//     golang.org/x/text), Cyrillic, punctuation, possessives and the usual
//     romanisation variants (kh→k, w→v, y→i, ph→f, ou→u, hard c→k, x→ks,
//     doubled letters, -off→-ov, -yev→-ev, and a short alias table for given
//     names such as Aleksandr/Alexander and Mohammed/Muhammad); Fold does
//     only the Unicode, case and punctuation part, for exact queries;
//     Phonetic reduces a key to its consonant skeleton.
//   - SameEntity and Registry group spelling variants across the archive:
//     equal keys, or a weighted edit distance on keys within a budget that
//     grows with length, with guards against false merges (short names are
//     never fuzzed, Ivanov ≠ Ivanova, first names must agree, types never
//     mix). Registry indexes names by token key and phonetic key so that a
//     query such as person:Klychev expands to every stored variant without
//     scanning all names; its binary form is searched in place, so a process
//     can load 100,000 names in a few milliseconds.
//   - Dates finds date expressions ("October 11, 2011", "last week") and
//     resolves them against a reference time; PublishedGuess picks a page's
//     likely publication date.
//
// # Offsets
//
// Every news.Mention holds byte offsets into its document's text. A
// comment's text is its Body. An article's text is ArticleText: the title,
// each caption and the body joined by blank lines ("\n\n"), empty parts
// left out; ArticleText also returns where the body starts, so a body
// offset is a mention offset minus that.
//
// # Names to index
//
// An entity's Name is its canonical name in the thread; Spellings lists it
// with the other spellings its mentions use. Registering and indexing all
// of them lets person:Klychev (variants, through Registry.Variants) and
// person:=Khlychev (this spelling only) both work.
//
// # Why hand-written
//
// The phonetic key, the edit distance and the date recogniser are written
// here rather than taken from a library. The Go Double Metaphone
// implementation that the module proxy serves (github.com/antzucaro/matchr)
// is GPL-2, which would bind the whole binary, and Double Metaphone encodes
// English pronunciation, where our variants come from romanising Russian and
// Arabic; the key we need works on already-folded keys and is a page of code.
// No Go edit-distance library takes per-letter weights. For dates,
// github.com/markusmobius/go-dateparser spends about 170 ms and 95 MB in its
// package init (GODEBUG=inittrace=1), far over morgue's 30 ms start-up, and
// it reads "Wednesday a" as a January date and "a month" as a date; the
// English recogniser in dates.go is a token scanner with a table test.
package entity
