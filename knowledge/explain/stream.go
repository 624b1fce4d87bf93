package explain

import (
	"io"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/grammar/logread"
	"github.com/cxlog/cxlog/knowledge"
)

// ReadInputFor reads a path ("-" for stdin) in one pass and keeps, of its lines, only those
// Explain looks at with b: for each entry and symptom the first line it matches (and the first
// echo of a command it matches), each entry's first maxMatchLines matched lines, and the first
// lines of the full-text query. Its records are read as check reads them (one invocation per
// crate, a bounded number of diagnostics). Memory grows with what matched, not with the log,
// and Explain ranks as it does on every line.
func ReadInputFor(path string, stdin io.Reader, b *knowledge.Base) (*Input, error) {
	src, err := logread.Open(path, stdin)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	return ReadSourceFor(src, b, 0)
}

// ReadSourceFor is ReadInputFor on an opened log, its command lines parsed by that many
// goroutines (0: one per CPU; a caller reading many logs at once gives each one).
func ReadSourceFor(src *logread.Source, b *knowledge.Base, workers int) (*Input, error) {
	k := &lineKeeper{b: b, symptoms: map[symptomKey]uint8{}, entries: map[string]*entryLines{}}
	l, err := analyze.Read(src, analyze.Options{Workers: workers, Distinct: true, OnLine: k.add})
	k.flush()
	return &Input{Lines: k.kept, Log: l}, err
}

// keeperChunk is how many lines go through the knowledge base's symptoms at once.
const keeperChunk = 4096

type symptomKey struct{ entry, symptom string }

type entryLines struct{ n, last int } // matched lines kept, and the last one

// lineKeeper keeps the lines Explain can use.
type lineKeeper struct {
	b        *knowledge.Base
	chunk    []logread.Line
	lines    []knowledge.Line
	kept     []logread.Line
	symptoms map[symptomKey]uint8 // 1: a line kept, 2: an echo line kept
	entries  map[string]*entryLines
	query    int             // query lines seen
	context  map[string]bool // contextShapes whose first line is kept
}

func (k *lineKeeper) add(l logread.Line) {
	k.chunk = append(k.chunk, l)
	if len(k.chunk) == keeperChunk {
		k.flush()
	}
}

func (k *lineKeeper) flush() {
	k.lines = k.lines[:0]
	for _, l := range k.chunk {
		k.lines = append(k.lines, knowledge.Line{N: l.N, Text: l.Text})
	}
	keep := map[int]bool{}
	for _, h := range k.b.MatchLines(k.lines) {
		echo := isEcho(h.Text)
		bit := uint8(1)
		if echo {
			bit = 2
		}
		key := symptomKey{h.Entry.ID, h.Symptom.String()}
		if k.symptoms[key]&bit == 0 {
			k.symptoms[key] |= bit // the symptom's weight, plain or as an echo
			keep[h.Line] = true
		}
		e := k.entries[h.Entry.ID]
		if e == nil {
			e = &entryLines{}
			k.entries[h.Entry.ID] = e
		}
		if !echo && e.n < maxMatchLines && e.last != h.Line {
			e.n, e.last = e.n+1, h.Line // the entry's matched lines, and what they quote
			keep[h.Line] = true
		}
	}
	for _, l := range k.chunk {
		query := k.query < maxQueryLines && queryLine(l.Text) // the query takes only the first
		if name := contextShapeOf(l.Text); name != "" && !k.context[name] {
			if k.context == nil {
				k.context = map[string]bool{}
			}
			k.context[name] = true
			keep[l.N] = true
		}
		if keep[l.N] || query {
			k.kept = append(k.kept, l)
		}
		if query {
			k.query++
		}
	}
	k.chunk = k.chunk[:0]
}
