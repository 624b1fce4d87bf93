// Package engine runs cxlog's flow for the commands, once: read a log into records, find what
// differs or is wrong, match the knowledge base, plan a fix, prove it on the firmware. It sits at
// the end of the flow (it uses analyze, knowledge, fixes and build), so it lives under build/,
// the last stage; like every package below cmd/ it never prints.
package engine

import (
	"io"

	"github.com/cxlog/cxlog/knowledge"
)

// Options say where the knowledge base and its index come from, and what "-" reads.
type Options struct {
	KBDirs   []string  // directories of extra or overriding entries, after the built-in ones
	CacheDir string    // where the full-text index is cached; "" builds it in memory
	Stdin    io.Reader // the input named "-"
}

// Engine is the knowledge base and its index, loaded on first use, and the operations that
// use them. The zero value is not usable; New makes one.
type Engine struct {
	opts Options
	kb   *knowledge.Base
	ix   *knowledge.Index
}

// New returns an engine; nothing is loaded until an operation needs it.
func New(opts Options) *Engine { return &Engine{opts: opts} }

// KB loads the knowledge base once: the built-in entries, then Options.KBDirs (compiled form
// cached under Options.CacheDir).
func (e *Engine) KB() (*knowledge.Base, error) {
	if e.kb != nil {
		return e.kb, nil
	}
	b, err := knowledge.LoadCached(knowledge.Builtin(), e.opts.CacheDir, e.opts.KBDirs...)
	if err != nil {
		return nil, &KBError{Err: err}
	}
	e.kb = b
	return b, nil
}

// Index opens the knowledge base's full-text index once (cached under Options.CacheDir). When
// the base is not loaded yet, the index is opened while it loads.
func (e *Engine) Index() (*knowledge.Index, error) {
	if e.ix != nil {
		return e.ix, nil
	}
	var ix *knowledge.Index
	var err error
	if e.kb == nil {
		var b *knowledge.Base
		b, ix, err = knowledge.LoadWithIndex(knowledge.Builtin(), e.opts.CacheDir, e.opts.KBDirs...)
		if b == nil {
			return nil, &KBError{Err: err}
		}
		e.kb = b
	} else {
		ix, err = knowledge.OpenIndex(e.kb, e.opts.CacheDir)
	}
	if err != nil {
		return nil, &IndexError{Err: err}
	}
	e.ix = ix
	return ix, nil
}

// knowledge returns both, for the operations that rank.
func (e *Engine) knowledge() (*knowledge.Base, *knowledge.Index, error) {
	ix, err := e.Index()
	if err != nil {
		return nil, nil, err
	}
	return e.kb, ix, nil
}

// Close releases the index's files.
func (e *Engine) Close() error {
	if e.ix == nil {
		return nil
	}
	err := e.ix.Close()
	e.ix = nil
	return err
}
