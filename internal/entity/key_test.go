package entity_test

import (
	"testing"

	"github.com/morgue-archive/morgue/internal/entity"
	"github.com/morgue-archive/morgue/internal/news"
)

func TestKey(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Viktor Bout", "viktor but"},
		{"hard c", "Victor Bout", "viktor but"},
		{"possessive curly", "Bout’s", "but"},
		{"possessive straight", "Bout's", "but"},
		{"plural possessive", "Jones'", "jones"},
		{"kh", "Andrei Khlychev", "andrei klichev"},
		{"no kh", "Andrei Klychev", "andrei klichev"},
		{"cyrillic", "Виктор Бут", "viktor but"},
		{"cyrillic kh", "Андрей Хлычев", "andrei klichev"},
		{"off", "Smirnoff", "smirnov"},
		{"ov", "Smirnov", "smirnov"},
		{"yev", "Andreyev", "andrev"},
		{"iev", "Andreiev", "andrev"},
		{"ev", "Andreev", "andrev"},
		{"mid ye", "Dostoyevsky", "dostoevski"},
		{"skiy", "Dostoevskiy", "dostoevski"},
		{"initial ye", "Yevgeny Primakov", "evgeni primakov"},
		{"w", "Wladimir", "vladimir"},
		{"ph", "Josephine", "josefine"},
		{"ou", "Youri", "iuri"},
		{"final j", "Sergej", "sergei"},
		{"x", "Alexei", "aleksei"},
		{"alias alexander", "Alexander", "aleksandr"},
		{"alias aleksandr", "Aleksandr", "aleksandr"},
		{"alias mohammed", "Mohammed", "muhamad"},
		{"alias muhammad", "Muhammad", "muhamad"},
		{"alias mohamed", "Mohamed", "muhamad"},
		{"tch", "Tchaikovsky", "chaikovski"},
		{"doubled", "Gaddafi", "gadafi"},
		{"diacritics, cedilla then hard c", "François Hollande", "frankois holande"},
		{"stroke letters", "Łukasz Đoković", "lukasz djokovik"},
		{"sharp s", "Straße", "strase"},
		{"nfkc ligature", "ﬁnn", "fin"},
		{"nbsp", "Viktor\u00a0Bout", "viktor but"},
		{"hyphen splits", "al-Qaeda", "al kaeda"},
		{"dash splits", "Jean–Pierre", "jean piere"},
		{"apostrophe joins", "O'Brien", "obrien"},
		{"dots", "U.S.", "us"},
		{"initials", "J.R.R. Tolkien", "jr tolkien"},
		{"ampersand word", "Procter & Gamble", "prokter and gamble"},
		{"ampersand inside", "AT&T", "at&t"},
		{"suffix", "Martin Luther King Jr.", "martin luther king"},
		{"suffix roman", "John Smith III", "john smith"},
		{"lone suffix kept", "Jr", "jr"},
		{"case", "VIKTOR BOUT", "viktor but"},
		{"spaces", "  Viktor   Bout  ", "viktor but"},
		{"empty", "", ""},
		{"punctuation only", "—!?", ""},
		{"digits", "G20", "g20"},
		{"other script kept", "東京", "東京"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := entity.Key(tt.in); got != tt.want {
				t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"keeps kh", "Andrei Khlychev", "andrei khlychev"},
		{"case and diacritics", "FRANÇOIS", "francois"},
		{"possessive", "Bout’s", "bout"},
		{"cyrillic stays", "Бут", "бут"},
		{"keeps ck", "Viktor", "viktor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := entity.Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPhonetic(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"bout", "Bout", "BT"},
		{"bolt", "Bolt", "BLT"},
		{"gaddafi", "Gaddafi", "KTF"},
		{"qadhafi", "Qadhafi", "KTF"},
		{"kadhafi", "Kadhafi", "KTF"},
		{"klychev", "Klychev", "KLJF"},
		{"khlychev", "Khlychev", "KLJF"},
		{"two tokens", "Viktor Bout", "FKTR BT"},
		{"leading vowel", "Ivanov", "AFNF"},
		{"sh class", "Shevchenko", "JFJNK"},
		{"ts class", "Tsvetkov", "SFTKF"},
		{"vowel only", "Ea", "A"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := entity.Phonetic(tt.in); got != tt.want {
				t.Errorf("Phonetic(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCanonical(t *testing.T) {
	tests := []struct {
		name, in string
		typ      news.EntityType
		want     string
	}{
		{"honorific", "Dr. Joseph Fitsanakis", news.Person, "Joseph Fitsanakis"},
		{"two titles", "Prime Minister Vladimir Putin", news.Person, "Vladimir Putin"},
		{"title phrase", "Secretary of State Hillary Clinton", news.Person, "Hillary Clinton"},
		{"mr surname", "Mr Bout", news.Person, "Bout"},
		{"title alone stays", "President", news.Person, "President"},
		{"surname that is a title", "John Major", news.Person, "John Major"},
		{"org keeps general", "General Motors", news.Org, "General Motors"},
		{"possessive", "Bout’s", news.Person, "Bout"},
		{"quotes", "‘Rosatom’", news.Org, "Rosatom"},
		{"trailing dot", "Thailand.", news.Place, "Thailand"},
		{"abbreviation dot", "U.S.", news.Place, "U.S."},
		{"nbsp", "Viktor\u00a0 Bout", news.Person, "Viktor Bout"},
		{"caps person", "VIKTOR BOUT", news.Person, "Viktor Bout"},
		{"caps org stays", "NATO", news.Org, "NATO"},
		{"caps apostrophe", "SEAN O'BRIEN", news.Person, "Sean O'Brien"},
		{"nothing left", "“…”", news.Misc, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := entity.Canonical(tt.in, tt.typ); got != tt.want {
				t.Errorf("Canonical(%q, %s) = %q, want %q", tt.in, tt.typ, got, tt.want)
			}
		})
	}
}
