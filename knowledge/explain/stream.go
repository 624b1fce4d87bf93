package explain

import (
	"io"
	"runtime"
	"sync"
	"sync/atomic"

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
// With an index, the full-text search of the log's first error lines starts as soon as they
// are read, while the rest of the log is matched.
func ReadInputFor(path string, stdin io.Reader, b *knowledge.Base, ix *knowledge.Index) (*Input, error) {
	src, err := logread.Open(path, stdin)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	return ReadSourceFor(src, b, ix, 0)
}

// Prepare builds now what reading and explaining a log builds on first use (see analyze.Prepare).
func Prepare() {
	analyze.Prepare()
	for _, c := range contextShapes {
		c.re()
	}
}

// ReadSourceFor is ReadInputFor on an opened log, its command lines parsed and its lines
// matched against b's symptoms by that many goroutines (0: one per CPU; a caller reading many
// logs at once gives each one).
func ReadSourceFor(src *logread.Source, b *knowledge.Base, ix *knowledge.Index, workers int) (*Input, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	k := newLineKeeper(b, ix, workers)
	l, err := analyze.Read(src, analyze.Options{Workers: workers, Distinct: true, OnLine: k.add, OnEnd: k.end})
	if kerr := k.close(); err == nil {
		err = kerr
	}
	in := &Input{Lines: k.kept, Log: l}
	if ix != nil {
		in.text = sync.OnceValue(func() textSearch { return <-k.text })
	}
	return in, err
}

// A chunk of at most keeperChunk lines, and about keeperChunkBytes, goes through the knowledge
// base's symptoms at once: a few chunks are in memory at a time.
const (
	keeperChunk      = 4096
	keeperChunkBytes = 1 << 20
)

// keeperAhead is how many chunks a worker the reading may run ahead of the keeping: a chunk
// slow to match holds up neither the reading nor the other workers.
const keeperAhead = 4

// maxKeptLower is the largest lower-case copy of a line a chunk keeps for reuse.
const maxKeptLower = 1 << 20

// symptomKey names an entry's symptom as Symptom.String does, without formatting it.
type symptomKey struct {
	entry   string
	regex   bool
	symptom string // the regex, or else the text
}

func keyOf(h knowledge.SymptomHit) symptomKey {
	if h.Symptom.Regex != "" {
		return symptomKey{h.Entry.ID, true, h.Symptom.Regex}
	}
	return symptomKey{h.Entry.ID, false, h.Symptom.Text}
}

type entryLines struct{ n, last int } // matched lines kept, and the last one

// lineKeeper keeps the lines Explain can use. The reading goroutine hands it the lines in
// chunks; up to workers goroutines match each chunk against the symptoms and look for query
// and context lines (what needs no state), and one goroutine then decides, chunk by chunk in
// log order, which lines to keep: the same lines, whatever the number of workers.
type lineKeeper struct {
	b     *knowledge.Base
	chunk *chunk // being filled by the reading goroutine
	ended bool   // no line follows

	sem      chan struct{}    // one token a chunk being matched
	pending  chan chan *chunk // the chunks read and not yet kept, in log order, each when matched
	free     chan *chunk      // matched and kept chunks, for reuse
	finished chan struct{}    // closed when the last chunk is kept
	err      error            // a worker's panic; read after finished

	// Written by the keeping goroutine only, and read after finished.
	kept     []logread.Line
	symptoms map[symptomKey]uint8 // 1: a line kept, 2: an echo line kept
	entries  map[string]*entryLines
	query    int             // query lines seen
	context  map[string]bool // contextShapes whose first line is kept

	// Set once no later line can be a query or a context line: the workers then stop looking
	// for them.
	queryDone, contextDone atomic.Bool

	// With an index: each chunk's query lines, in log order, as its worker finds them, and the
	// search of the first maxQueryLines of them.
	marked chan chan []string
	text   chan textSearch
}

// chunk is a run of lines and what a worker found in them.
type chunk struct {
	lines []logread.Line
	bytes int
	text  []knowledge.Line // lines as MatchLines takes them
	hits  []knowledge.SymptomHit
	echo  []bool  // for each hit, whether its line only repeats an earlier failure
	marks []uint8 // for each line: markQuery, and the context shape it shows (contextMark)
	words wordFinder
	err   error // the worker's panic
}

const markQuery = 1

// contextMark marks a line that shows contextShapes[i].
func contextMark(i int) uint8 { return 2 << i }

func newLineKeeper(b *knowledge.Base, ix *knowledge.Index, workers int) *lineKeeper {
	k := &lineKeeper{
		b:        b,
		sem:      make(chan struct{}, workers),
		pending:  make(chan chan *chunk, keeperAhead*workers),
		free:     make(chan *chunk, keeperAhead*workers+2),
		finished: make(chan struct{}),
		symptoms: map[symptomKey]uint8{},
		entries:  map[string]*entryLines{},
		context:  map[string]bool{},
	}
	k.chunk = k.newChunk()
	go k.keepAll()
	if ix != nil {
		k.marked = make(chan chan []string, keeperAhead*workers)
		k.text = make(chan textSearch, 1)
		go k.searchQuery(ix)
	}
	return k
}

func (k *lineKeeper) newChunk() *chunk {
	select {
	case c := <-k.free:
		return c
	default:
		return &chunk{lines: make([]logread.Line, 0, keeperChunk)}
	}
}

func (k *lineKeeper) add(l logread.Line) {
	k.chunk.lines = append(k.chunk.lines, l)
	k.chunk.bytes += len(l.Text)
	if len(k.chunk.lines) == keeperChunk || k.chunk.bytes >= keeperChunkBytes {
		k.dispatch()
	}
}

// dispatch hands the chunk being filled to a worker.
func (k *lineKeeper) dispatch() {
	c := k.chunk
	k.chunk = k.newChunk()
	done := make(chan *chunk, 1)
	k.pending <- done
	var marked chan []string
	if k.marked != nil {
		marked = make(chan []string, 1)
		k.marked <- marked
	}
	go func() {
		k.sem <- struct{}{}
		defer func() { <-k.sem }()
		defer func() {
			c.err = analyze.Recovered(recover())
			if marked != nil && c.err != nil {
				select {
				case marked <- nil: // the panic came before the chunk's query lines
				default:
				}
			}
			done <- c
		}()
		k.match(c, marked)
	}()
}

// end hands over the last lines: no line follows.
func (k *lineKeeper) end() {
	if k.ended {
		return
	}
	k.ended = true
	if len(k.chunk.lines) > 0 {
		k.dispatch()
	}
	close(k.pending)
	if k.marked != nil {
		close(k.marked)
	}
}

// close hands over the last lines, if end has not, and waits until every chunk is kept.
func (k *lineKeeper) close() error {
	k.end()
	<-k.finished
	return k.err
}

// searchQuery gathers the chunks' query lines in log order and searches the first
// maxQueryLines of them as soon as it has them (or has them all).
func (k *lineKeeper) searchQuery(ix *knowledge.Index) {
	var query []string
	started := false
	for marked := range k.marked {
		if started {
			continue // each worker's send never blocks
		}
		lines := <-marked
		query = append(query, lines[:min(len(lines), maxQueryLines-len(query))]...)
		if len(query) == maxQueryLines {
			k.queryDone.Store(true)
			started = true
			searchText(query, ix, k.text)
		}
	}
	if !started {
		searchText(query, ix, k.text)
	}
}

// match finds the query lines, symptoms and context lines of a chunk; the query lines go to
// marked (if not nil) before the chunk is matched.
func (k *lineKeeper) match(c *chunk, marked chan<- []string) {
	c.marks = append(c.marks[:0], make([]uint8, len(c.lines))...)
	queryDone, contextDone := k.queryDone.Load(), k.contextDone.Load()
	var query []string
	lines := c.lines
	if queryDone && contextDone {
		lines = nil // a chunk past the query and every context shape
	}
	for i, l := range lines {
		if !queryDone && c.words.queryLine(l.Text) {
			c.marks[i] |= markQuery
			if marked != nil && len(query) < maxQueryLines {
				query = append(query, l.Text)
			}
		}
		if !contextDone {
			if shape := contextShapeIndex(l.Text); shape >= 0 {
				c.marks[i] |= contextMark(shape)
			}
		}
	}
	if marked != nil {
		marked <- query
	}
	c.text = appendKBLines(c.text[:0], c.lines)
	c.hits = k.b.MatchLines(c.text)
	c.echo = c.echo[:0]
	for i, h := range c.hits {
		if i > 0 && c.hits[i-1].Line == h.Line {
			c.echo = append(c.echo, c.echo[i-1])
		} else {
			c.echo = append(c.echo, isEcho(h.Text))
		}
	}
}

// keepAll keeps the lines of each chunk in log order.
func (k *lineKeeper) keepAll() {
	defer close(k.finished)
	for done := range k.pending {
		c := <-done
		if k.err == nil && c.err != nil {
			k.err = c.err
		}
		if k.err == nil {
			k.keep(c)
		}
		clear(c.lines) // what is kept is in k.kept
		c.lines, c.bytes, c.hits = c.lines[:0], 0, nil
		clear(c.text)
		if cap(c.words.lower) > maxKeptLower {
			c.words.lower = nil // a long line's copy
		}
		select {
		case k.free <- c:
		default:
		}
	}
}

// keep keeps, of a matched chunk, the lines Explain can use.
func (k *lineKeeper) keep(c *chunk) {
	hit := 0
	for i, l := range c.lines {
		keep := false
		for ; hit < len(c.hits) && c.hits[hit].Line == l.N; hit++ {
			h, echo := c.hits[hit], c.echo[hit]
			bit := uint8(1)
			if echo {
				bit = 2
			}
			key := keyOf(h)
			if k.symptoms[key]&bit == 0 {
				k.symptoms[key] |= bit // the symptom's weight, plain or as an echo
				keep = true
			}
			e := k.entries[h.Entry.ID]
			if e == nil {
				e = &entryLines{}
				k.entries[h.Entry.ID] = e
			}
			if !echo && e.n < maxMatchLines && e.last != h.Line {
				e.n, e.last = e.n+1, h.Line // the entry's matched lines, and what they quote
				keep = true
			}
		}
		query := k.query < maxQueryLines && c.marks[i]&markQuery != 0 // the query takes only the first
		for shape, s := range contextShapes {
			if c.marks[i]&contextMark(shape) != 0 && !k.context[s.name] {
				k.context[s.name] = true
				keep = true
			}
		}
		if keep || query {
			k.kept = append(k.kept, l)
		}
		if query {
			k.query++
		}
	}
	if k.query >= maxQueryLines {
		k.queryDone.Store(true)
	}
	if len(k.context) == len(contextShapes) {
		k.contextDone.Store(true)
	}
}
