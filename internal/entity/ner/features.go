package ner

import (
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// Features are 64-bit hashes of (template, value) pairs. Token attributes
// are hashed once per token; each feature then costs one mix.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func hashBytes(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

// mix is the splitmix64 finaliser.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

func feat(t int, v uint64) uint64 { return mix(uint64(t)<<56 ^ v) }

func feat2(t int, a, b uint64) uint64 { return mix(uint64(t)<<56 ^ mix(a) + b) }

func feat3(t int, a, b, c uint64) uint64 { return mix(uint64(t)<<56 ^ mix(mix(a)+b) + c) }

// Token flags.
const (
	flInitCap   = 1 << iota // first rune upper case
	flAllCap                // all letters upper case, at least one letter
	flLower                 // first rune lower case
	flDigit                 // contains a digit
	flAllDigit              // only digits and separators
	flPunct                 // no letter or digit
	flHyphen                // contains '-'
	flPeriod                // contains '.'
	flSentStart             // first token of its sentence (after opening quotes)
	flHeadline              // in an all-caps sentence
	flAlpha                 // letters only
	flMulti                 // two or more letters
)

// Gazetteer categories. Each token carries, per category, its position
// (B, I, L, U) in the longest match of that category covering it.
const (
	GazCountry  = iota // country names and their alternative spellings
	GazCity            // cities with 15,000+ people, capitals
	GazPlace           // other populated places, states, provinces, counties
	GazDemonym         // nationality adjectives and nouns
	GazFirst           // given names
	GazLast            // surnames
	GazOrg             // companies and other organisations
	GazNamePart        // name parts of unknown kind
	GazAgency          // government and intelligence agencies
	GazGroup           // armed and designated terrorist groups
	GazActor           // hacking groups (threat actors)
	GazAirline         // airlines
	numGaz
)

// tokInfo holds the per-token attributes features are built from.
type tokInfo struct {
	word, lower, shape, shortShape uint64
	pre, suf                       [4]uint64
	cluster                        [4]uint64 // hashed cluster-path prefixes; 0 when unknown
	gaz                            uint64    // bit 4*cat+pos
	flags                          uint32
	capClass                       uint8 // corpus capitalisation class, 0 = unknown word
	docCase                        uint8 // doc-level casing evidence (bits docLowerSeen, docCapSeen)
	initial                        byte  // first letter when it is an ASCII capital, else 0
}

const (
	docLowerSeen = 1 << iota // the word occurs in lower case elsewhere in the document
	docCapSeen               // the word occurs capitalised mid-sentence elsewhere (not in a headline)
)

var padStart = tokInfo{word: 1, lower: 1, shape: 1, shortShape: 1, flags: flPunct}
var padEnd = tokInfo{word: 2, lower: 2, shape: 2, shortShape: 2, flags: flPunct}

// analyze fills info for one token. lowerBuf is scratch space.
func analyze(text string, info *tokInfo, lowerBuf []byte) []byte {
	*info = tokInfo{}
	info.word = hashString(text)
	lowerBuf = lowerBuf[:0]
	var shape, short [24]byte
	ns, nsh := 0, 0
	var last byte
	letters, uppers, lowers, digits, others := 0, 0, 0, 0, 0
	first := true
	for _, r := range text {
		var c byte
		switch {
		case r < utf8.RuneSelf && 'a' <= r && r <= 'z':
			c = 'x'
			lowers++
			letters++
			lowerBuf = append(lowerBuf, byte(r))
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z':
			c = 'X'
			uppers++
			letters++
			lowerBuf = append(lowerBuf, byte(r)+'a'-'A')
		case r < utf8.RuneSelf && '0' <= r && r <= '9':
			c = 'd'
			digits++
			lowerBuf = append(lowerBuf, byte(r))
		case r < utf8.RuneSelf:
			c = byte(r)
			others++
			lowerBuf = append(lowerBuf, byte(r))
			if r == '-' {
				info.flags |= flHyphen
			} else if r == '.' {
				info.flags |= flPeriod
			}
		default:
			switch {
			case unicode.IsUpper(r):
				c = 'X'
				uppers++
				letters++
			case unicode.IsLetter(r):
				c = 'x'
				lowers++
				letters++
			case unicode.IsDigit(r):
				c = 'd'
				digits++
			default:
				c = '*'
				others++
			}
			lowerBuf = utf8.AppendRune(lowerBuf, unicode.ToLower(r))
		}
		if first {
			if c == 'X' {
				info.flags |= flInitCap
				if r < utf8.RuneSelf {
					info.initial = byte(r)
				}
			} else if c == 'x' {
				info.flags |= flLower
			}
			first = false
		}
		if ns < len(shape) {
			shape[ns] = c
			ns++
		}
		if c != last && nsh < len(short) {
			short[nsh] = c
			nsh++
		}
		last = c
	}
	if letters > 0 && lowers == 0 {
		info.flags |= flAllCap
	}
	if digits > 0 {
		info.flags |= flDigit
		if letters == 0 {
			info.flags |= flAllDigit
		}
	}
	if letters == 0 && digits == 0 {
		info.flags |= flPunct
	}
	if letters > 1 {
		info.flags |= flMulti
	}
	if letters > 1 {
		info.flags |= flMulti
	}
	if letters > 0 && digits == 0 && others == 0 {
		info.flags |= flAlpha
	}
	// Long shapes keep up to four repeats of a character class ("Xxxx"
	// for "Moscow", "dddd" for a year); short shapes collapse runs.
	long := shape[:0]
	run := 0
	for k := 0; k < ns; k++ {
		if k > 0 && shape[k] == shape[k-1] {
			run++
		} else {
			run = 0
		}
		if run < 4 {
			long = append(long, shape[k])
		}
	}
	info.shape = hashBytes(long)
	info.shortShape = hashBytes(short[:nsh])
	info.lower = hashBytes(lowerBuf)
	lb := lowerBuf
	for k := 0; k < 4; k++ {
		if k+1 <= len(lb) && len(lb) > k+1 {
			info.pre[k] = hashBytes(lb[:k+1])
			info.suf[k] = hashBytes(lb[len(lb)-k-1:])
		}
	}
	return lowerBuf
}

// Feature templates. The numbers are part of the model format: never
// renumber, only add. Templates with a width use that many ids.
const (
	tBias          = 1
	tWord          = 2
	tLower         = 3
	tLowerM1       = 4
	tLowerP1       = 5
	tLowerM2       = 6
	tLowerP2       = 7
	tShape         = 8
	tShapeM1       = 9
	tShapeP1       = 10
	tShapeM2       = 11
	tShapeP2       = 12
	tShape3        = 13
	tShapeM1S      = 14
	tShapeSP1      = 15
	tLowerM1L      = 16
	tLowerLP1      = 17
	tPre           = 18
	tSuf           = 22
	tPrev1         = 26
	tPrev12        = 27
	tPrevLower     = 28
	tPrevShape     = 29
	tStartShape    = 30
	tStartLower    = 31
	tHeadShape     = 32
	tHeadLower     = 33
	tGaz           = 34
	tGazCap        = 35
	tGazM1         = 36
	tGazP1         = 37
	tCluster       = 38
	tClusterM1     = 42
	tClusterP1     = 46
	tCapClass      = 50
	tCapClassStart = 51
	tHist          = 52
	tHistMaj       = 53
	tDocCase       = 54
	tDocCaseStart  = 55
	tWordM1        = 56
	tWordP1        = 57
	tFlagsWin      = 58
	tShortShape    = 59
	tPrevShapeM1   = 60
	tPrevGaz       = 61
	tHeadDocCase   = 62
	tLowerM3       = 63
	tLowerP3       = 64
	tTitleCase     = 65
)

// caseBits is the part of a token's flags used in case-pattern features.
func caseBits(f uint32) uint64 {
	return uint64(f & (flInitCap | flAllCap | flLower | flPunct | flDigit))
}

// dynFeatures appends the features of token i that depend on the two
// previous labels: the label transitions and the token-specific ones.
func (m *Model) dynFeatures(dst []uint64, s []tokInfo, i, p1, p2 int) []uint64 {
	dst = append(dst, feat(tPrev1, uint64(p1)), feat2(tPrev12, uint64(p1), uint64(p2)))
	return m.tokDynFeatures(dst, s, i, p1)
}

// tokDynFeatures appends the features of token i that depend on the
// previous label and on the token.
func (m *Model) tokDynFeatures(dst []uint64, s []tokInfo, i, p1 int) []uint64 {
	t := &s[i]
	lp1 := uint64(p1)
	dst = append(dst, feat2(tPrevLower, lp1, t.lower), feat2(tPrevShape, lp1, t.shape))
	if !m.opts.NoGazetteer && t.gaz != 0 {
		dst = append(dst, feat2(tPrevGaz, lp1, uint64(t.gaz)))
	}
	return dst
}

// transitions holds the weights of the pure label-transition features,
// indexed by previous label(s) (labelStart included).
type transitions struct {
	t1 [nLabels + 1][nLabels]float32
	t2 [(nLabels + 1) * (nLabels + 1)][nLabels]float32 // [p1*(nLabels+1)+p2]
}

func (tr *transitions) compute(sc scorer) {
	var buf [1]uint64
	for p1 := range nLabels + 1 {
		tr.t1[p1] = [nLabels]float32{}
		buf[0] = feat(tPrev1, uint64(p1))
		sc.score(buf[:], &tr.t1[p1])
		for p2 := range nLabels + 1 {
			k := p1*(nLabels+1) + p2
			tr.t2[k] = [nLabels]float32{}
			buf[0] = feat2(tPrev12, uint64(p1), uint64(p2))
			sc.score(buf[:], &tr.t2[k])
		}
	}
}

// features appends the features of token i of the padded sentence s that
// do not depend on its neighbours' labels, given the document's prediction
// history.
func (m *Model) features(dst []uint64, s []tokInfo, i int, hist map[uint64]*[nTypes + 1]uint16) []uint64 {
	t := &s[i]
	prev, next := &s[i-1], &s[i+1]
	dst = append(dst,
		feat(tBias, 0),
		feat(tWord, t.word),
		feat(tLower, t.lower),
		feat(tLowerM1, prev.lower),
		feat(tLowerP1, next.lower),
		feat(tLowerM2, s[i-2].lower),
		feat(tLowerP2, s[i+2].lower),
		feat(tWordM1, prev.word),
		feat(tWordP1, next.word),
		feat(tShape, t.shape),
		feat(tShortShape, t.shortShape),
		feat(tShapeM1, prev.shape),
		feat(tShapeP1, next.shape),
		feat(tShapeM2, s[i-2].shortShape),
		feat(tShapeP2, s[i+2].shortShape),
		feat3(tShape3, prev.shortShape, t.shape, next.shortShape),
		feat2(tShapeM1S, prev.shape, t.shape),
		feat2(tShapeSP1, t.shape, next.shape),
		feat2(tLowerM1L, prev.lower, t.lower),
		feat2(tLowerLP1, t.lower, next.lower),
		feat3(tFlagsWin, caseBits(prev.flags), caseBits(t.flags), caseBits(next.flags)),
		feat2(tCapClass, uint64(t.capClass), caseBits(t.flags)),
	)
	for k := range 4 {
		if t.pre[k] != 0 {
			dst = append(dst, feat(tPre+k, t.pre[k]), feat(tSuf+k, t.suf[k]))
		}
	}
	if t.flags&flSentStart != 0 {
		dst = append(dst,
			feat(tStartShape, t.shape),
			feat(tStartLower, t.lower),
			feat2(tCapClassStart, uint64(t.capClass), caseBits(t.flags)))
	}
	if t.flags&flHeadline != 0 {
		dst = append(dst,
			feat(tHeadShape, t.shape),
			feat(tHeadLower, t.lower))
		if !m.opts.NoDocCase {
			dst = append(dst, feat2(tHeadDocCase, uint64(t.docCase), uint64(t.capClass)))
		}
	}
	if !m.opts.NoDocCase && t.flags&(flInitCap|flAllCap) != 0 {
		if t.flags&flSentStart != 0 {
			dst = append(dst, feat(tDocCaseStart, uint64(t.docCase)))
		} else {
			dst = append(dst, feat(tDocCase, uint64(t.docCase)))
		}
	}
	if !m.opts.NoGazetteer {
		capBit := uint64(t.flags & (flInitCap | flAllCap))
		for g := t.gaz; g != 0; g &= g - 1 {
			b := uint64(bits.TrailingZeros64(g))
			dst = append(dst, feat(tGaz, b), feat2(tGazCap, b, capBit))
		}
		for g := gazCats(prev.gaz); g != 0; g &= g - 1 {
			dst = append(dst, feat(tGazM1, uint64(bits.TrailingZeros32(g))))
		}
		for g := gazCats(next.gaz); g != 0; g &= g - 1 {
			dst = append(dst, feat(tGazP1, uint64(bits.TrailingZeros32(g))))
		}
	}
	if !m.opts.NoClusters {
		for k := range 4 {
			if c := t.cluster[k]; c != 0 {
				dst = append(dst, feat(tCluster+k, c))
			}
			if c := prev.cluster[k]; c != 0 && k > 0 {
				dst = append(dst, feat(tClusterM1+k, c))
			}
			if c := next.cluster[k]; c != 0 && k > 0 {
				dst = append(dst, feat(tClusterP1+k, c))
			}
		}
	}
	if !m.opts.NoHistory && t.flags&(flInitCap|flAllCap) != 0 {
		if h := hist[t.lower]; h != nil {
			best, bestN := 0, uint16(0)
			for k, n := range h {
				if n > 0 {
					dst = append(dst, feat(tHist, uint64(k)))
					if n > bestN {
						best, bestN = k, n
					}
				}
			}
			dst = append(dst, feat(tHistMaj, uint64(best)))
		}
	}
	return dst
}

// gazCats collapses gazetteer position bits into one bit per category.
func gazCats(g uint64) uint32 {
	var c uint32
	for k := range numGaz {
		if g>>(4*k)&0xf != 0 {
			c |= 1 << k
		}
	}
	return c
}
