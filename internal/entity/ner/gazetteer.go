package ner

const maxGazTokens = 8

// buildGazetteer indexes gazetteer names by the hash of their lower-cased
// token sequence; every proper prefix is marked so matching can stop early.
func (m *Model) buildGazetteer(entries []GazEntry) {
	src := map[uint64]uint64{}
	var info tokInfo
	var buf []byte
	for _, e := range entries {
		var lowers []uint64
		for _, s := range Tokenize(e.Name) {
			for _, t := range s {
				buf = analyze(t.Text, &info, buf)
				lowers = append(lowers, info.lower)
			}
		}
		if len(lowers) == 0 || len(lowers) > maxGazTokens || e.Cat < 0 || e.Cat >= numGaz {
			continue
		}
		h := uint64(gazSeed)
		for k, lw := range lowers {
			h = gazStep(h, lw)
			if k < len(lowers)-1 {
				src[h] |= gazPrefix
			} else {
				src[h] |= 1 << e.Cat
			}
		}
		m.gazMax = max(m.gazMax, len(lowers))
	}
	m.gaz = u64mapFrom(src)
}
