// Package bench holds the parts of morgue's benchmark (cmd/morgue-bench) that
// can be tested on their own: the corpus builder, the choice of query terms,
// the process runner that records wall time and peak memory, and the
// statistics (median, percentiles, ratios).
//
// Corpora are built at run time from the third-party data sets in
// ../shared/data (BBC News, Reuters-21578, AG News); none of that text is
// kept in the repository. The Reuters SGML reader is hand-written: the
// records are flat and the only library candidate, encoding/xml, rejects
// SGML (undeclared entities, control-character references such as &#3;).
package bench
