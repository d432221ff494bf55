package entity_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/morgue-archive/morgue/internal/entity"
	"github.com/morgue-archive/morgue/internal/news"
)

// benchNames are 100,000 census names, plus a few with diacritics and
// Cyrillic to keep the Unicode path in the mix.
func benchNames(b *testing.B) []string {
	b.Helper()
	names := censusNames(b, 100000)
	extra := []string{"François Hollande", "Łukasz Đoković", "Виктор Бут", "Andrei Khlychev", "Bout’s"}
	for i, e := range extra {
		names[i*997] = e
	}
	return names
}

func BenchmarkKey(b *testing.B) {
	names := benchNames(b)
	b.ResetTimer()
	n := 0
	for b.Loop() {
		entity.Key(names[n%len(names)])
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "names/s")
}

func BenchmarkKeyASCII(b *testing.B) {
	for b.Loop() {
		entity.Key("Andrei Khlychev")
	}
}

func BenchmarkKeyUnicode(b *testing.B) {
	for b.Loop() {
		entity.Key("Андрей Хлычев")
	}
}

func BenchmarkPhonetic(b *testing.B) {
	for b.Loop() {
		entity.Phonetic("Andrei Khlychev")
	}
}

func BenchmarkSameEntity(b *testing.B) {
	for b.Loop() {
		entity.SameEntity("Andrei Klychev", "Andrej Klichov")
	}
}

func registry100k(b *testing.B) (*entity.Registry, []string) {
	b.Helper()
	names := benchNames(b)
	r := entity.NewRegistry()
	for _, n := range names {
		r.Add(n, news.Person)
	}
	return r, names
}

func BenchmarkRegistryAdd100k(b *testing.B) {
	names := benchNames(b)
	b.ResetTimer()
	for b.Loop() {
		r := entity.NewRegistry()
		for _, n := range names {
			r.Add(n, news.Person)
		}
	}
}

// BenchmarkRegistryVariants expands one-word queries (surnames, which hit
// the token and phonetic indexes) and full-name queries against 100k names.
func BenchmarkRegistryVariants(b *testing.B) {
	r, names := registry100k(b)
	queries := []string{"Klychev", "Smith", "Rodrigues", "Johnsen", "Viktor Bout", "Mohammed", "Andersen"}
	for i := 0; i < 50; i++ {
		queries = append(queries, names[i*1999], surname(names[i*1777+3]))
	}
	b.ResetTimer()
	n, found := 0, 0
	for b.Loop() {
		found += len(r.Variants(queries[n%len(queries)], news.Person, false))
		n++
	}
	b.ReportMetric(float64(found)/float64(n), "names/query")
}

// BenchmarkRegistryVariantsDecoded is BenchmarkRegistryVariants on a
// registry loaded with UnmarshalBinary, as a morgue search process has it.
func BenchmarkRegistryVariantsDecoded(b *testing.B) {
	r, names := registry100k(b)
	data, err := r.MarshalBinary()
	if err != nil {
		b.Fatal(err)
	}
	r = entity.NewRegistry()
	if err := r.UnmarshalBinary(data); err != nil {
		b.Fatal(err)
	}
	queries := []string{"Klychev", "Smith", "Rodrigues", "Johnsen", "Viktor Bout", "Mohammed", "Andersen"}
	for i := 0; i < 50; i++ {
		queries = append(queries, names[i*1999], surname(names[i*1777+3]))
	}
	b.ResetTimer()
	n := 0
	for b.Loop() {
		r.Variants(queries[n%len(queries)], news.Person, false)
		n++
	}
}

func BenchmarkRegistryVariantsExact(b *testing.B) {
	r, names := registry100k(b)
	b.ResetTimer()
	n := 0
	for b.Loop() {
		r.Variants(surname(names[(n*1777)%len(names)]), news.Person, true)
		n++
	}
}

func surname(name string) string {
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == ' ' {
			return name[i+1:]
		}
	}
	return name
}

// BenchmarkRegistryUnmarshal100k is the cost of loading the registry when a
// morgue process starts.
func BenchmarkRegistryUnmarshal100k(b *testing.B) {
	r, _ := registry100k(b)
	data, err := r.MarshalBinary()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(data)), "bytes")
	b.ResetTimer()
	for b.Loop() {
		if err := entity.NewRegistry().UnmarshalBinary(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDates scans the BBC News texts (or the fixtures when the shared
// data is absent) for dates.
func BenchmarkDates(b *testing.B) {
	var texts []string
	total := 0
	files, _ := filepath.Glob(filepath.Join(sharedDirOrEmpty(), "data", "bbc_news", "bbc", "*", "*.txt"))
	if len(files) > 300 {
		files = files[:300]
	}
	if len(files) == 0 {
		files, _ = filepath.Glob(filepath.Join("..", "..", "testdata", "entity", "*.txt"))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
		total += len(data)
	}
	if total == 0 {
		b.Skip("no texts")
	}
	ref := time.Date(2005, 3, 10, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(total))
	b.ResetTimer()
	for b.Loop() {
		for _, t := range texts {
			entity.Dates(t, ref)
		}
	}
}

func sharedDirOrEmpty() string {
	dir := os.Getenv("MORGUE_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	return dir
}

// BenchmarkResolve resolves a tagged thread of an article and three
// comments (hand-made spans: the tagger is not measured here).
func BenchmarkResolve(b *testing.B) {
	th := entity.Thread{People: []string{"Peter Wallberg", "Joan Engel"}}
	for _, d := range []string{
		"[[LOC:Russia]] may swap spy for [[PER:Viktor Bout]]\n\n[[PER:Viktor Bout]]\n\n[[LOC:Moscow]] and [[LOC:Washington]] may swap [[PER:Andrei Klychev]], who worked at [[ORG:Rosatom]]. [[PER:Bout]] served in the [[ORG:GRU]]. [[ORG:Interfax]] spoke of [[PER:Andrei Khlychev]]. [[PER:Bout’s]] trial was set by a [[LOC:US]] judge; [[PER:Klychev]] waits.",
		"[[PER:Viktor]] has no value now.",
		"[[PER:Joan Engel]] is wrong: [[PER:Bout]] still matters to the [[ORG:GRU]].",
		"We have channels in [[LOC:Russia]] too.",
	} {
		th.Docs = append(th.Docs, markedDoc(b, d))
	}
	b.ResetTimer()
	for b.Loop() {
		entity.Resolve(th)
	}
}
