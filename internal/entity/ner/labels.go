package ner

// Entity types, in label order.
var typeNames = [nTypes]string{"PER", "ORG", "LOC", "MISC"}

const (
	nTypes  = 4
	nLabels = 1 + 4*nTypes // O, then B, I, L, U for each type
	labelO  = 0
)

// Positions inside an entity (BILOU).
const (
	posB = iota
	posI
	posL
	posU
)

func label(typ, pos int) int { return 1 + 4*typ + pos }

func labelType(l int) int { return (l - 1) / 4 } // only for l != labelO

func labelPos(l int) int { return (l - 1) % 4 }

func typeIndex(t string) int {
	for i, n := range typeNames {
		if n == t {
			return i
		}
	}
	return -1
}

// allowed reports whether label l may follow label prev; last says l is the
// final token of its sentence.
func allowed(prev, l int, last bool) bool {
	open := prev != labelO && (labelPos(prev) == posB || labelPos(prev) == posI)
	if open {
		if l == labelO || labelType(l) != labelType(prev) {
			return false
		}
		p := labelPos(l)
		return p == posL || p == posI && !last
	}
	if l == labelO {
		return true
	}
	p := labelPos(l)
	return p == posU || p == posB && !last
}

// labelString is the IOB2 tag of l.
func labelString(l int) string {
	if l == labelO {
		return "O"
	}
	if labelPos(l) == posB || labelPos(l) == posU {
		return "B-" + typeNames[labelType(l)]
	}
	return "I-" + typeNames[labelType(l)]
}

// chunk is an entity over tokens [start, end) of one sentence.
type chunk struct{ start, end, typ int }

// chunksOf reads entities from a BILOU label sequence.
func chunksOf(labels []int) []chunk {
	var out []chunk
	start := -1
	for i, l := range labels {
		if l == labelO {
			start = -1
			continue
		}
		switch labelPos(l) {
		case posU:
			out = append(out, chunk{i, i + 1, labelType(l)})
			start = -1
		case posB:
			start = i
		case posL:
			if start >= 0 {
				out = append(out, chunk{start, i + 1, labelType(l)})
			}
			start = -1
		}
	}
	return out
}

// setChunk writes a chunk's BILOU labels.
func setChunk(labels []int, c chunk) {
	if c.end-c.start == 1 {
		labels[c.start] = label(c.typ, posU)
		return
	}
	labels[c.start] = label(c.typ, posB)
	for k := c.start + 1; k < c.end-1; k++ {
		labels[k] = label(c.typ, posI)
	}
	labels[c.end-1] = label(c.typ, posL)
}
