package entity

import "strings"

// Phonetic returns a phonetic key of a name: for each token of Key(name),
// its consonant skeleton, tokens separated by spaces. Vowels are dropped
// (a leading vowel is kept as "A"), h is silent, and consonants that
// romanisations swap share a class: b→B, p→P, f v→F, m→M, n→N, l→L, r→R,
// t d→T, k g q (and hard c)→K, s z ts tz (and soft c)→S, sh ch zh j→J.
// A class repeated without a vowel between is written once. Letters of
// other scripts are kept as they are.
//
// "Gaddafi", "Qadhafi" and "Kadhafi" all give "KTF"; "Bout" gives "BT".
// The key is deliberately coarse: the registry uses it to find candidates
// and confirms them with the weighted edit distance of SameEntity.
func Phonetic(name string) string {
	k := Key(name)
	out := make([]byte, 0, len(k))
	for len(k) > 0 {
		tok := k
		if i := strings.IndexByte(k, ' '); i >= 0 {
			tok, k = k[:i], k[i+1:]
		} else {
			k = ""
		}
		if len(out) > 0 {
			out = append(out, ' ')
		}
		out = appendPhonetic(out, tok)
	}
	return string(out)
}

// phoneticToken returns the phonetic key of one Key token.
func phoneticToken(tok string) string {
	var buf [32]byte
	return string(appendPhonetic(buf[:0], tok))
}

// phonClass returns the class of a consonant, 0 for a vowel, 'h' for h, and
// the byte itself for anything else (digits, bytes of other scripts).
func phonClass(c byte) byte {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return 0
	case 'h':
		return 'h'
	case 'b':
		return 'B'
	case 'p':
		return 'P'
	case 'f', 'v', 'w':
		return 'F'
	case 'm':
		return 'M'
	case 'n':
		return 'N'
	case 'l':
		return 'L'
	case 'r':
		return 'R'
	case 't', 'd':
		return 'T'
	case 'k', 'g', 'q':
		return 'K'
	case 's', 'z', 'c', 'x':
		return 'S'
	case 'j':
		return 'J'
	}
	return c
}

func appendPhonetic(dst []byte, tok string) []byte {
	start := len(dst)
	var last byte
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		var code byte
		if i+1 < len(tok) && tok[i+1] == 'h' && (c == 's' || c == 'c' || c == 'z') {
			code = 'J'
			i++
		} else if i+1 < len(tok) && c == 't' && (tok[i+1] == 's' || tok[i+1] == 'z') {
			code = 'S'
			i++
		} else {
			code = phonClass(c)
		}
		switch code {
		case 0:
			if i == 0 {
				dst = append(dst, 'A')
			}
			last = 0
			continue
		case 'h':
			continue
		}
		if code == last {
			continue
		}
		dst = append(dst, code)
		last = code
	}
	if len(dst) == start && len(tok) > 0 {
		dst = append(dst, 'A')
	}
	return dst
}
