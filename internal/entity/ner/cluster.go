package ner

import (
	"fmt"
	"io"
	"math"
	"slices"
	"time"
)

// Word clusters for the lexicon, computed at training time from the
// unlabelled text (no library does this in Go). The class bigram model
// log-likelihood
//
//	F = Σ f(N(c1,c2)) - Σ f(Nl(c)) - Σ f(Nr(c)),  f(x) = x log x
//
// is first maximised over a flat partition into ClusterOptions.Classes
// classes with the exchange algorithm (Kneser & Ney 1993; Martin, Liermann
// & Ney 1998): each word in turn moves to the class that most increases F.
// The classes are then merged bottom-up, always the pair that loses least
// F (Brown et al. 1992 on classes instead of words), which gives every
// class a bit path; prefixes of the path are the cluster features.

// ClusterOptions control word clustering.
type ClusterOptions struct {
	Classes    int // flat classes (leaves of the hierarchy)
	MinCount   int // words seen fewer times share one "rare" class
	Iterations int // exchange passes over the vocabulary
	Log        io.Writer
}

// fTable caches x log x for small counts.
type fTable []float64

func newFTable(n int) fTable {
	t := make(fTable, n)
	for i := 1; i < n; i++ {
		x := float64(i)
		t[i] = x * math.Log(x)
	}
	return t
}

func (t fTable) f(x float64) float64 {
	if x <= 0 {
		return 0
	}
	if i := int(x); float64(i) == x && i < len(t) {
		return t[i]
	}
	return x * math.Log(x)
}

type adj struct {
	to int32
	n  float64
}

// Cluster computes word clusters from the sentences added so far and
// stores their bit paths in the lexicon.
func (l *Lexicon) Cluster(o ClusterOptions) {
	logw := o.Log
	if logw == nil {
		logw = io.Discard
	}
	start := time.Now()
	C := o.Classes
	// Vocabulary in frequency order; id V is the rare word, V+1 the
	// sentence boundary.
	type wc struct {
		w string
		n int
	}
	var vocab []wc
	for w, e := range l.words {
		if e.count >= o.MinCount {
			vocab = append(vocab, wc{w, e.count})
		}
	}
	slices.SortFunc(vocab, func(a, b wc) int {
		if a.n != b.n {
			return b.n - a.n
		}
		if a.w < b.w {
			return -1
		}
		return 1
	})
	V := len(vocab)
	id := make(map[string]int32, V)
	for i, v := range vocab {
		id[v.w] = int32(i)
	}
	rare, boundary := int32(V), int32(V+1)
	nw := V + 2
	// Bigram pairs, sorted and counted.
	pairs := make([]uint64, 0, len(l.stream))
	prev := boundary
	for _, s := range l.stream {
		cur := boundary
		if s >= 0 {
			if i, ok := id[l.names[s]]; ok {
				cur = i
			} else {
				cur = rare
			}
		}
		if !(prev == boundary && cur == boundary) {
			pairs = append(pairs, uint64(prev)<<32|uint64(uint32(cur)))
		}
		prev = cur
	}
	slices.Sort(pairs)
	npairs := 0
	succ := make([][]adj, nw)
	pred := make([][]adj, nw)
	for i := 0; i < len(pairs); {
		j := i
		for j < len(pairs) && pairs[j] == pairs[i] {
			j++
		}
		a, b := int32(pairs[i]>>32), int32(uint32(pairs[i]))
		succ[a] = append(succ[a], adj{b, float64(j - i)})
		pred[b] = append(pred[b], adj{a, float64(j - i)})
		npairs++
		i = j
	}
	pairs = nil
	nl := make([]float64, nw)
	nr := make([]float64, nw)
	for w := range nw {
		for _, e := range succ[w] {
			nl[w] += e.n
			nr[e.to] += e.n
		}
	}
	ft := newFTable(1 << 20)
	class := make([]int32, nw)
	for w := range nw {
		class[w] = int32(w % C)
	}
	N := make([]float64, C*C)
	Nl := make([]float64, C)
	Nr := make([]float64, C)
	for w := range nw {
		for _, e := range succ[w] {
			N[int(class[w])*C+int(class[e.to])] += e.n
		}
		Nl[class[w]] += nl[w]
		Nr[class[w]] += nr[w]
	}
	fmt.Fprintf(logw, "clusters: %d words, %d bigram types (%s)\n", V, npairs, time.Since(start).Round(time.Millisecond))

	sc := make([]float64, C)
	pc := make([]float64, C)
	var sTouched, pTouched []int32
	delta := make([]float64, C)
	for it := 0; it < o.Iterations; it++ {
		moves := 0
		for w := range nw {
			self := 0.0
			sTouched, pTouched = sTouched[:0], pTouched[:0]
			for _, e := range succ[w] {
				if int(e.to) == w {
					self += e.n
					continue
				}
				c := class[e.to]
				if sc[c] == 0 {
					sTouched = append(sTouched, c)
				}
				sc[c] += e.n
			}
			for _, e := range pred[w] {
				if int(e.to) == w {
					continue
				}
				c := class[e.to]
				if pc[c] == 0 {
					pTouched = append(pTouched, c)
				}
				pc[c] += e.n
			}
			a := int(class[w])
			// Remove w from its class.
			for _, c := range sTouched {
				N[a*C+int(c)] -= sc[c]
			}
			for _, c := range pTouched {
				N[int(c)*C+a] -= pc[c]
			}
			N[a*C+a] -= self
			Nl[a] -= nl[w]
			Nr[a] -= nr[w]
			best, bestD := a, math.Inf(-1)
			for k := range C {
				d := 0.0
				row := N[k*C : (k+1)*C]
				for _, c := range sTouched {
					if int(c) != k {
						x := row[c]
						d += ft.f(x+sc[c]) - ft.f(x)
					}
				}
				for _, c := range pTouched {
					if int(c) != k {
						x := N[int(c)*C+k]
						d += ft.f(x+pc[c]) - ft.f(x)
					}
				}
				kk := row[k]
				d += ft.f(kk+sc[k]+pc[k]+self) - ft.f(kk)
				d -= ft.f(Nl[k]+nl[w]) - ft.f(Nl[k])
				d -= ft.f(Nr[k]+nr[w]) - ft.f(Nr[k])
				delta[k] = d
				if d > bestD || d == bestD && k == a {
					best, bestD = k, d
				}
			}
			if delta[a] >= bestD {
				best = a
			}
			if best != a {
				moves++
			}
			k := best
			class[w] = int32(k)
			for _, c := range sTouched {
				N[k*C+int(c)] += sc[c]
			}
			for _, c := range pTouched {
				N[int(c)*C+k] += pc[c]
			}
			N[k*C+k] += self
			Nl[k] += nl[w]
			Nr[k] += nr[w]
			for _, c := range sTouched {
				sc[c] = 0
			}
			for _, c := range pTouched {
				pc[c] = 0
			}
		}
		fmt.Fprintf(logw, "clusters: pass %d, %d moves (%s)\n", it+1, moves, time.Since(start).Round(time.Millisecond))
		if moves == 0 {
			break
		}
	}
	paths := mergeClasses(N, Nl, Nr, C, ft)
	for i, v := range vocab {
		e := l.words[v.w]
		p := paths[class[i]]
		e.path, e.pathLen, e.class = p.bits, p.len, uint16(class[i])+1
	}
	fmt.Fprintf(logw, "clusters: done (%s)\n", time.Since(start).Round(time.Millisecond))
}

type bitPath struct {
	bits uint64 // the first min(len, 32) bits, most significant first
	len  uint8
}

// mergeClasses merges the C classes bottom-up, each time the pair whose
// merge loses least likelihood, and returns each class's path from the
// root (0 = first merged child, 1 = second).
func mergeClasses(N, Nl, Nr []float64, C int, ft fTable) []bitPath {
	f := ft.f
	g := func(x, y float64) float64 { return f(x+y) - f(x) - f(y) }
	active := make([]bool, C)
	for i := range active {
		active[i] = true
	}
	pairDelta := func(a, b int) float64 {
		d := 0.0
		for c := range C {
			if !active[c] || c == a || c == b {
				continue
			}
			d += g(N[a*C+c], N[b*C+c]) + g(N[c*C+a], N[c*C+b])
		}
		aa, ab, ba, bb := N[a*C+a], N[a*C+b], N[b*C+a], N[b*C+b]
		d += f(aa+ab+ba+bb) - f(aa) - f(ab) - f(ba) - f(bb)
		d -= g(Nl[a], Nl[b]) + g(Nr[a], Nr[b])
		return d
	}
	D := make([]float64, C*C)
	for a := range C {
		for b := a + 1; b < C; b++ {
			D[a*C+b] = pairDelta(a, b)
		}
	}
	// Tree: node ids 0..C-1 are leaves; parents are appended.
	parent := make([]int, C, 2*C)
	side := make([]uint8, C, 2*C)
	node := make([]int, C)
	for i := range C {
		node[i] = i
		parent[i] = -1
	}
	for left := C; left > 1; left-- {
		x, y, best := -1, -1, math.Inf(-1)
		for a := range C {
			if !active[a] {
				continue
			}
			for b := a + 1; b < C; b++ {
				if active[b] && D[a*C+b] > best {
					x, y, best = a, b, D[a*C+b]
				}
			}
		}
		// Update the deltas of pairs not involving x or y: only the
		// terms for c = x, c = y and the merged class change.
		for a := range C {
			if !active[a] || a == x || a == y {
				continue
			}
			for b := a + 1; b < C; b++ {
				if !active[b] || b == x || b == y {
					continue
				}
				old := g(N[a*C+x], N[b*C+x]) + g(N[x*C+a], N[x*C+b]) +
					g(N[a*C+y], N[b*C+y]) + g(N[y*C+a], N[y*C+b])
				nu := g(N[a*C+x]+N[a*C+y], N[b*C+x]+N[b*C+y]) +
					g(N[x*C+a]+N[y*C+a], N[x*C+b]+N[y*C+b])
				D[a*C+b] += nu - old
			}
		}
		// Merge y into x.
		for c := range C {
			N[x*C+c] += N[y*C+c]
		}
		for c := range C {
			N[c*C+x] += N[c*C+y]
		}
		Nl[x] += Nl[y]
		Nr[x] += Nr[y]
		active[y] = false
		p := len(parent)
		parent = append(parent, -1)
		side = append(side, 0)
		parent[node[x]], side[node[x]] = p, 0
		parent[node[y]], side[node[y]] = p, 1
		node[x] = p
		for c := range C {
			if active[c] && c != x {
				a, b := min(c, x), max(c, x)
				D[a*C+b] = pairDelta(a, b)
			}
		}
	}
	paths := make([]bitPath, C)
	for leaf := range C {
		var bits []uint8
		for n := leaf; parent[n] >= 0; n = parent[n] {
			bits = append(bits, side[n])
		}
		slices.Reverse(bits)
		var p bitPath
		p.len = uint8(min(len(bits), 255))
		for i := 0; i < 32; i++ {
			p.bits <<= 1
			if i < len(bits) {
				p.bits |= uint64(bits[i])
			}
		}
		paths[leaf] = p
	}
	return paths
}
