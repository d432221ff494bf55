package entity

import (
	"strings"
	"unicode/utf8"
)

// SameEntity reports whether two names of the same entity type spell one
// name. The caller checks the types: names of different types never merge
// (Registry does this).
//
// The names match when their keys (Key) are equal, or else token by token:
// the surnames (last tokens, particles such as al, van, de ignored) must
// match, and the given names must agree when both names have them (equal,
// one an initial of the other, or a fuzzy match); a surname-only name never
// matches a full name here ("Bout" is not "Viktor Bout": Registry.Variants
// expands single-token queries). Two tokens match fuzzily when their
// weighted edit distance is within a budget that grows with length (see
// tokensMatch); tokens of four letters or fewer are never fuzzed, and a
// feminine form never matches a masculine one (Ivanova, Ivanov).
func SameEntity(a, b string) bool { return sameKeys(Key(a), Key(b)) }

func sameKeys(ka, kb string) bool {
	if ka == "" || kb == "" {
		return false
	}
	if ka == kb {
		return true
	}
	ta, tb := strings.Fields(ka), strings.Fields(kb)
	ga, sa := splitName(ta)
	gb, sb := splitName(tb)
	if (len(ga) == 0) != (len(gb) == 0) {
		return false
	}
	if !tokensMatch(sa, sb) {
		return false
	}
	for i := 0; i < len(ga) && i < len(gb); i++ {
		if !givenAgree(ga[i], gb[i]) {
			return false
		}
	}
	return true
}

// particles are name parts that belong to the surname and are ignored when
// comparing names.
var particles = map[string]bool{
	"al": true, "el": true, "ibn": true, "bin": true, "bint": true, "abu": true, "ben": true,
	"van": true, "von": true, "de": true, "da": true, "di": true, "du": true, "del": true,
	"dela": true, "der": true, "den": true, "la": true, "le": true, "ter": true, "dos": true,
	"das": true, "do": true, "st": true, "mac": true,
}

// splitName splits key tokens into given names and the surname (the last
// token); particles before the surname are dropped.
func splitName(toks []string) (given []string, surname string) {
	if len(toks) == 0 {
		return nil, ""
	}
	surname = toks[len(toks)-1]
	rest := toks[:len(toks)-1]
	for len(rest) > 0 && particles[rest[len(rest)-1]] {
		rest = rest[:len(rest)-1]
	}
	return rest, surname
}

// givenAgree reports whether two given-name tokens may name one person:
// equal, one the initial of the other, or a fuzzy match.
func givenAgree(x, y string) bool {
	if x == y {
		return true
	}
	if len(x) == 1 || len(y) == 1 {
		return x[0] == y[0]
	}
	return tokensMatch(x, y)
}

// tokensMatch reports whether two key tokens spell one name part. Equal
// tokens match. Otherwise both must have at least five letters, must not be
// a feminine and a masculine form of one surname, must begin with the same
// letter (or both with a vowel), must both end in a vowel or both not
// (Martin, Martino), and their weighted edit distance must be
// within a budget set by the longer token: when their phonetic keys are
// equal, 0 up to 6 letters, 0.5 (one vowel or h) for 7–9, 1 from 10; when
// they differ, 1 from 10 letters if the shorter has at least 9, else 0.
func tokensMatch(x, y string) bool {
	if x == y {
		return true
	}
	nx, ny := utf8.RuneCountInString(x), utf8.RuneCountInString(y)
	lo, hi := min(nx, ny), max(nx, ny)
	if lo <= 4 || hi <= 6 {
		return false
	}
	if !(x[0] == y[0] || isVowel(x[0]) && isVowel(y[0])) {
		return false
	}
	if genderClash(x, y) {
		return false
	}
	var budget int // half-units
	if phoneticToken(x) == phoneticToken(y) {
		switch {
		case hi <= 9:
			budget = 1
		default:
			budget = 2
		}
	} else {
		if hi < 10 || lo < 9 {
			return false
		}
		budget = 2
	}
	// A vowel added at the end makes another name (Martin, Martino).
	if isVowel(x[len(x)-1]) != isVowel(y[len(y)-1]) {
		return false
	}
	return distance(x, y, budget) <= budget
}

var (
	feminineEndings  = []string{"ova", "eva", "ina", "ska", "skaia", "aia", "ovna", "evna"}
	masculineEndings = []string{"ov", "ev", "in", "ski", "oi", "ovich", "evich"}
)

// genderClash reports whether x and y look like the feminine and masculine
// forms of one Slavic surname or patronymic (Ivanova/Ivanov,
// Kowalska/Kowalski), or one is the other plus "a".
func genderClash(x, y string) bool {
	if len(x)+1 == len(y) && y[len(y)-1] == 'a' && y[:len(x)] == x ||
		len(y)+1 == len(x) && x[len(x)-1] == 'a' && x[:len(y)] == y {
		return true
	}
	fx, mx := hasAnySuffix(x, feminineEndings), hasAnySuffix(x, masculineEndings)
	fy, my := hasAnySuffix(y, feminineEndings), hasAnySuffix(y, masculineEndings)
	return fx && !mx && my && !fy || fy && !my && mx && !fx
}

func hasAnySuffix(s string, ends []string) bool {
	for _, e := range ends {
		if strings.HasSuffix(s, e) {
			return true
		}
	}
	return false
}

// similar reports whether two consonants are often swapped between
// romanisations (c k g q, s z, t d, f v, i j, b p).
func similar(a, b byte) bool {
	ca, cb := phonClass(a), phonClass(b)
	if ca != 0 && ca == cb {
		return true
	}
	switch {
	case a == 'i' && b == 'j' || a == 'j' && b == 'i':
		return true
	case a == 'c' && b == 'k' || a == 'k' && b == 'c':
		return true
	case a == 'b' && b == 'p' || a == 'p' && b == 'b':
		return true
	}
	return false
}

// subCost, indelCost: weights in half-units.
func subCost(a, b byte) int {
	switch {
	case a == b:
		return 0
	case isVowel(a) && isVowel(b), similar(a, b):
		return 1
	}
	return 2
}

func indelCost(c byte) int {
	if isVowel(c) || c == 'h' {
		return 1
	}
	return 2
}

// distance returns the weighted optimal-string-alignment distance between
// x and y in half-units (vowel and h edits and swaps of similar consonants
// cost 1, other edits and transpositions 2), or a value above limit as soon
// as the result must exceed it. Bytes are compared, which is exact for the
// ASCII keys of Latin and Cyrillic names.
func distance(x, y string, limit int) int {
	if len(x) > 62 || len(y) > 62 {
		if x == y {
			return 0
		}
		return limit + 1
	}
	var rows [3][64]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	prev[0] = 0
	for j := 1; j <= len(y); j++ {
		prev[j] = prev[j-1] + indelCost(y[j-1])
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = prev[0] + indelCost(x[i-1])
		best := cur[0]
		for j := 1; j <= len(y); j++ {
			d := prev[j-1] + subCost(x[i-1], y[j-1])
			if v := prev[j] + indelCost(x[i-1]); v < d {
				d = v
			}
			if v := cur[j-1] + indelCost(y[j-1]); v < d {
				d = v
			}
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] && x[i-1] != y[j-1] {
				if v := prev2[j-2] + 2; v < d {
					d = v
				}
			}
			cur[j] = d
			if d < best {
				best = d
			}
		}
		if best > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(y)]
}
