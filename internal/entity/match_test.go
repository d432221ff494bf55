package entity_test

import (
	"testing"

	"github.com/morgue-archive/morgue/internal/entity"
)

func TestSameEntity(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want bool
	}{
		// Must merge.
		{"kh folding", "Klychev", "Khlychev", true},
		{"kh folding full", "Andrei Klychev", "Andrei Khlychev", true},
		{"c and k", "Viktor Bout", "Victor Bout", true},
		{"cyrillic", "Виктор Бут", "Viktor Bout", true},
		{"muhammad", "Mohammed Atta", "Muhammad Atta", true},
		{"mohamad", "Mohamad", "Muhammed", true},
		{"alexander", "Aleksandr Litvinenko", "Alexander Litvinenko", true},
		{"off ov", "Smirnoff", "Smirnov", true},
		{"yev ev", "Sergei Andreyev", "Sergey Andreev", true},
		{"dh and doubled", "Muammar Gaddafi", "Muammar Gadhafi", true},
		{"q and dh", "Qadhafi", "Kaddafi", true},
		{"one vowel in a long name", "Rodriguez", "Rodrigues", true},
		{"vowel variant", "Klychev", "Klichov", true},
		{"middle name on one side", "Viktor Anatolyevich Bout", "Viktor Bout", true},
		{"initial", "V. Bout", "Viktor Bout", true},
		{"honorific-free particle", "Bashar al-Assad", "Bashar Assad", true},
		{"long typo", "Abramovich", "Abramovic", true},
		{"dostoevsky", "Fyodor Dostoyevsky", "Fedor Dostoevskiy", true},
		{"case", "VIKTOR BOUT", "Viktor Bout", true},
		// Must not merge.
		{"gendered", "Ivanov", "Ivanova", false},
		{"gendered full", "Sergei Ivanov", "Sergei Ivanova", false},
		{"gendered polish", "Kowalski", "Kowalska", false},
		{"short no fuzz", "Bout", "Bolt", false},
		{"short no fuzz vowel", "Bout", "Bait", false},
		{"first names differ", "John Smith", "Jane Smith", false},
		{"first names differ long", "Viktor Bout", "Andrei Bout", false},
		{"surname-only vs full", "Bout", "Viktor Bout", false},
		{"first letter", "Putin", "Rutin", false},
		{"first letter long", "Gaddafi", "Qaddafi", false},
		{"final vowel", "Martin", "Martino", false},
		{"short fuzz", "Miller", "Muller", false},
		{"consonant in a mid-length name", "Mitchell", "Michael", false},
		{"two vowels in a mid-length name", "Johnson", "Johansen", false},
		{"different surnames", "Carson", "Carlson", false},
		{"different names", "Mason", "Mosin", false},
		{"initial mismatch", "A. Bout", "Viktor Bout", false},
		{"empty", "", "", false},
		{"punctuation", "!!", "!!", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := entity.SameEntity(tt.a, tt.b); got != tt.want {
				t.Errorf("SameEntity(%q, %q) = %v, want %v (keys %q, %q)", tt.a, tt.b, got, tt.want, entity.Key(tt.a), entity.Key(tt.b))
			}
			if got := entity.SameEntity(tt.b, tt.a); got != tt.want {
				t.Errorf("SameEntity(%q, %q) = %v, want %v (not symmetric)", tt.b, tt.a, got, tt.want)
			}
		})
	}
}
