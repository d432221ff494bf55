package entity_test

import (
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/morgue-archive/morgue/internal/entity"
	"github.com/morgue-archive/morgue/internal/news"
)

// testRegistry holds a small archive's names with counts.
func testRegistry(t testing.TB) *entity.Registry {
	t.Helper()
	r := entity.NewRegistry()
	add := func(name string, typ news.EntityType, n int) {
		r.AddN(name, typ, n)
	}
	add("Viktor Bout", news.Person, 5)
	add("Victor Bout", news.Person, 2)
	add("Bout", news.Person, 1)
	add("Andrei Bout", news.Person, 1)
	add("Andrei Klychev", news.Person, 3)
	add("Andrei Khlychev", news.Person, 1)
	add("Klychev", news.Person, 1)
	add("Sergei Ivanov", news.Person, 2)
	add("Yelena Ivanova", news.Person, 2)
	add("John Smith", news.Person, 1)
	add("Jane Smith", news.Person, 1)
	add("Usain Bolt", news.Person, 1)
	add("Mohammed Atta", news.Person, 2)
	add("Muhammad Atta", news.Person, 1)
	add("Aleksandr Litvinenko", news.Person, 1)
	add("Alexander Litvinenko", news.Person, 1)
	add("Muammar Gaddafi", news.Person, 2)
	add("Muammar Qadhafi", news.Person, 1)
	add("Putin", news.Person, 4)
	add("Rutin", news.Misc, 1)
	add("Putin", news.Misc, 1)
	add("Rosatom", news.Org, 2)
	add("Dr. Joseph Fitsanakis", news.Person, 1)
	add("Bashar al-Assad", news.Person, 1)
	add("Dushanbe", news.Place, 1)
	return r
}

func TestRegistryVariants(t *testing.T) {
	r := testRegistry(t)
	tests := []struct {
		name  string
		query string
		typ   news.EntityType
		exact bool
		want  []string
	}{
		{"surname expands", "Klychev", news.Person, false, []string{"Andrei Klychev", "Andrei Khlychev", "Klychev"}},
		{"variant expands the same", "Khlychev", news.Person, false, []string{"Andrei Klychev", "Andrei Khlychev", "Klychev"}},
		{"exact spelling only", "Khlychev", news.Person, true, []string{"Andrei Khlychev"}},
		{"exact full name", "andrei khlychev", news.Person, true, []string{"Andrei Khlychev"}},
		{"surname holds first names too", "Bout", news.Person, false, []string{"Viktor Bout", "Victor Bout", "Andrei Bout", "Bout"}},
		{"full name", "Viktor Bout", news.Person, false, []string{"Viktor Bout", "Victor Bout"}},
		{"first name", "Viktor", news.Person, false, []string{"Viktor Bout", "Victor Bout"}},
		{"possessive and case", "BOUT’S", news.Person, false, []string{"Viktor Bout", "Victor Bout", "Andrei Bout", "Bout"}},
		{"short names are not fuzzed", "Bolt", news.Person, false, []string{"Usain Bolt"}},
		{"gendered surname", "Ivanov", news.Person, false, []string{"Sergei Ivanov"}},
		{"gendered surname feminine", "Ivanova", news.Person, false, []string{"Yelena Ivanova"}},
		{"first names must agree", "John Smith", news.Person, false, []string{"John Smith"}},
		{"muhammad", "Muhamad Atta", news.Person, false, []string{"Mohammed Atta", "Muhammad Atta"}},
		{"alexander", "Alexander Litvinenko", news.Person, false, []string{"Aleksandr Litvinenko", "Alexander Litvinenko"}},
		{"folded surname", "Kadhafi", news.Person, false, []string{"Muammar Qadhafi"}},
		{"fuzzy surname", "Klichov", news.Person, false, []string{"Andrei Klychev", "Andrei Khlychev", "Klychev"}},
		{"types never mix", "Putin", news.Person, false, []string{"Putin"}},
		{"misc type", "Putin", news.Misc, false, []string{"Putin"}},
		{"no fuzz across first letters", "Rutin", news.Misc, false, []string{"Rutin"}},
		{"any type", "Putin", "", false, []string{"Putin"}},
		{"org", "Rosatom", news.Org, false, []string{"Rosatom"}},
		{"wrong type", "Rosatom", news.Person, false, nil},
		{"honorific stripped when stored", "Joseph Fitsanakis", news.Person, false, []string{"Joseph Fitsanakis"}},
		{"honorific stripped in query", "Dr Fitsanakis", news.Person, false, []string{"Joseph Fitsanakis"}},
		{"particle surname", "al-Assad", news.Person, false, []string{"Bashar al-Assad"}},
		{"cyrillic", "Бут", news.Person, false, []string{"Viktor Bout", "Victor Bout", "Andrei Bout", "Bout"}},
		{"unknown", "Zhukov", news.Person, false, nil},
		{"empty", "", news.Person, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := r.Variants(tt.query, tt.typ, tt.exact)
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Variants(%q, %q, %v) = %q, want %q", tt.query, tt.typ, tt.exact, got, tt.want)
			}
		})
	}
}

func TestRegistryLookupCounts(t *testing.T) {
	r := testRegistry(t)
	got := r.Lookup("Putin", "", false)
	want := []entity.Variant{{Name: "Putin", Type: news.Person, Count: 4}, {Name: "Putin", Type: news.Misc, Count: 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Lookup = %+v, want %+v", got, want)
	}
}

func TestRegistryGroup(t *testing.T) {
	r := testRegistry(t)
	tests := []struct {
		name, query string
		want        []entity.Variant
	}{
		{"full names only", "Andrei Khlychev", []entity.Variant{
			{Name: "Andrei Klychev", Type: news.Person, Count: 3},
			{Name: "Andrei Khlychev", Type: news.Person, Count: 1},
		}},
		{"one word matches one word", "Klychev", []entity.Variant{{Name: "Klychev", Type: news.Person, Count: 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := r.Group(tt.query, news.Person); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Group(%q) = %+v, want %+v", tt.query, got, tt.want)
			}
		})
	}
}

func TestRegistryRemove(t *testing.T) {
	r := entity.NewRegistry()
	r.Add("Viktor Bout", news.Person)
	r.Add("Viktor Bout", news.Person)
	r.Add("Victor Bout", news.Person)
	r.Remove("Victor Bout", news.Person)
	r.Remove("Nobody", news.Person)
	if got, want := r.Variants("Bout", news.Person, false), []string{"Viktor Bout"}; !reflect.DeepEqual(got, want) {
		t.Errorf("after Remove: %q, want %q", got, want)
	}
	if got := r.Len(); got != 1 {
		t.Errorf("Len = %d, want 1", got)
	}
	r.Add("Victor Bout", news.Person)
	if got, want := r.Variants("Bout", news.Person, false), []string{"Viktor Bout", "Victor Bout"}; !reflect.DeepEqual(got, want) {
		t.Errorf("after Add again: %q, want %q", got, want)
	}
}

func TestRegistryBinary(t *testing.T) {
	r := testRegistry(t)
	r.Remove("Klychev", news.Person)
	data, err := r.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	r2 := entity.NewRegistry()
	r2.Add("Stale Name", news.Person)
	if err := r2.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	if r2.Len() != r.Len() {
		t.Errorf("Len after round trip = %d, want %d", r2.Len(), r.Len())
	}
	for _, q := range []string{"Klychev", "Bout", "Viktor Bout", "Putin", "Ivanov", "Kadhafi", "Stale Name"} {
		for _, exact := range []bool{false, true} {
			a, b := r.Lookup(q, "", exact), r2.Lookup(q, "", exact)
			if !reflect.DeepEqual(a, b) {
				t.Errorf("Lookup(%q, exact=%v) after round trip = %+v, want %+v", q, exact, b, a)
			}
		}
	}
	// The copy keeps working as a registry.
	r2.Add("Andrei Klychev", news.Person)
	if got := r2.Lookup("Andrei Klychev", news.Person, true); len(got) != 1 || got[0].Count != 4 {
		t.Errorf("after Add on the decoded registry: %+v", got)
	}
}

func TestRegistryUnmarshalBad(t *testing.T) {
	good, err := testRegistry(t).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"wrong magic", []byte("JUNK\x01\x00")},
		{"truncated", good[:len(good)/2]},
		{"huge count", append([]byte("MREG\x03\xff\xff\xff\x7f"), make([]byte, 40)...)},
		{"old version", []byte("MREG\x02\x00\x00\x00\x00")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := entity.NewRegistry()
			r.Add("Viktor Bout", news.Person)
			err := r.UnmarshalBinary(tt.data)
			if !errors.Is(err, news.ErrBadInput) {
				t.Fatalf("UnmarshalBinary = %v, want ErrBadInput", err)
			}
			if r.Len() != 1 {
				t.Errorf("a failed decode changed the registry")
			}
		})
	}
}

// TestRegistryCorruptData flips each byte of an encoded registry in turn:
// decoding either fails with ErrBadInput or yields a registry whose lookups
// do not panic.
func TestRegistryCorruptData(t *testing.T) {
	r := entity.NewRegistry()
	for _, n := range []string{"Viktor Bout", "Andrei Klychev", "Andrei Khlychev", "Rosatom"} {
		r.Add(n, news.Person)
	}
	good, err := r.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	for i := range good {
		for _, x := range []byte{0x01, 0x80, 0xff} {
			data := append([]byte(nil), good...)
			data[i] ^= x
			r2 := entity.NewRegistry()
			if err := r2.UnmarshalBinary(data); err != nil {
				if !errors.Is(err, news.ErrBadInput) {
					t.Fatalf("byte %d: error %v does not wrap ErrBadInput", i, err)
				}
				continue
			}
			for _, q := range []string{"Klychev", "Viktor Bout", "Rosatom", "Bout"} {
				r2.Lookup(q, "", false)
				r2.Lookup(q, news.Person, true)
				r2.Group(q, news.Person)
			}
			r2.Add("Viktor Bout", news.Person)
			r2.Len()
			if _, err := r2.MarshalBinary(); err != nil {
				t.Fatalf("byte %d: MarshalBinary: %v", i, err)
			}
		}
	}
}

func TestRegistryAll(t *testing.T) {
	r := entity.NewRegistry()
	r.AddN("Viktor Bout", news.Person, 2)
	r.Add("Rosatom", news.Org)
	r.Add("Andrei Klychev", news.Person)
	r.Add("Gone", news.Person)
	r.Remove("Gone", news.Person)
	want := []entity.Variant{{Name: "Viktor Bout", Type: news.Person, Count: 2}, {Name: "Andrei Klychev", Type: news.Person, Count: 1}}
	if got := r.All(news.Person); !reflect.DeepEqual(got, want) {
		t.Errorf("All(person) = %+v, want %+v", got, want)
	}
	if got := r.All(""); len(got) != 3 {
		t.Errorf("All(\"\") = %+v, want 3 names", got)
	}
}

func TestSpellings(t *testing.T) {
	e := news.Entity{Name: "Andrei Klychev", Type: news.Person, Mentions: []news.Mention{
		{Text: "Andrei Klychev"}, {Text: "Andrei Khlychev"}, {Text: "Klychev’s"}, {Text: "KLYCHEV"}, {Text: "Mr. Klychev"},
	}}
	want := []string{"Andrei Klychev", "Andrei Khlychev", "Klychev"}
	if got := entity.Spellings(e); !reflect.DeepEqual(got, want) {
		t.Errorf("Spellings = %q, want %q", got, want)
	}
}

// TestRegistryConcurrent adds and looks up from several goroutines (run
// with -race to check the locking).
func TestRegistryConcurrent(t *testing.T) {
	r := testRegistry(t)
	data, err := r.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if err := r.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func(g int) {
			for i := 0; i < 200; i++ {
				r.Add("Viktor Bout", news.Person)
				r.Add(fmt.Sprintf("Person %d-%d Klychev", g, i), news.Person)
				r.Variants("Klychev", news.Person, false)
				r.Lookup("Bout", "", true)
			}
			done <- true
		}(g)
	}
	for g := 0; g < 4; g++ {
		<-done
	}
	if got := r.Lookup("Viktor Bout", news.Person, true); len(got) != 1 || got[0].Count != 5+800 {
		t.Errorf("after concurrent adds: %+v, want count 805", got)
	}
}
