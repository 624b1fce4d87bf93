package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"

	"github.com/cxlog/cxlog/build/engine"
	"github.com/cxlog/cxlog/cmd/cxlog/report"
	"github.com/cxlog/cxlog/knowledge"
	"github.com/spf13/cobra"
)

// outputOptions choose the output format: --format, or --json, kept as its alias.
type outputOptions struct {
	Format string
	JSON   bool

	formatGiven func() bool
	// kb is the engine whose knowledge base the CI formats describe findings' rules by.
	kb *engine.Engine
}

func (o *outputOptions) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.Format, "format", report.Text, "output format: "+strings.Join(report.Formats(), ", "))
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print JSON (the same as --format json)")
	o.formatGiven = func() bool { return cmd.Flags().Changed("format") }
}

func (o *outputOptions) format() string {
	if o.JSON {
		return report.JSON
	}
	return o.Format
}

// reporter is the chosen format's reporter; an unknown format is a usage error.
func (o *outputOptions) reporter(io *IO) (report.Reporter, error) {
	if o.JSON && o.formatGiven != nil && o.formatGiven() && o.Format != report.JSON {
		return nil, usageErrorf("--json and --format %s: choose one", o.Format)
	}
	rep, err := report.New(o.format(), report.Options{Color: io.Color, Entry: o.entry})
	if err != nil {
		return nil, usageErrorf("--format: %v", err)
	}
	return rep, nil
}

// entry is the knowledge-base entry with that id, or nil.
func (o *outputOptions) entry(id string) *knowledge.Entry {
	if o.kb == nil {
		return nil
	}
	b, err := o.kb.KB()
	if err != nil {
		return nil
	}
	return b.ByID(id)
}

// write sends one result through the chosen reporter to io.Out.
func (o *outputOptions) write(io *IO, r report.Result) error {
	rep, err := o.reporter(io)
	if err != nil {
		return err
	}
	return writeResult(io, rep, r)
}

func writeResult(io *IO, rep report.Reporter, r report.Result) error {
	out := bufio.NewWriterSize(io.Out, 1<<16)
	err := rep.Write(out, r)
	if ferr := out.Flush(); ferr != nil && err == nil {
		err = writeError(ferr)
	}
	return err
}

func writeError(err error) error { return &report.WriteError{Err: err} }

// kbOptions select the knowledge base: the built-in entries plus user directories.
type kbOptions struct {
	Dirs []string
}

func (o *kbOptions) register(cmd *cobra.Command) {
	cmd.Flags().StringArrayVar(&o.Dirs, "kb", nil, "a directory of extra or overriding KB entries (repeatable; default $CXLOG_KB, colon-separated)")
}

func (o *kbOptions) dirs() []string {
	if len(o.Dirs) > 0 {
		return o.Dirs
	}
	if env := os.Getenv("CXLOG_KB"); env != "" {
		return strings.Split(env, string(os.PathListSeparator))
	}
	return nil
}

// engine is cxlog's engine with this knowledge base, the index cached in $CXLOG_CACHE_DIR
// (else the user cache directory), and the command's standard input.
func (o *kbOptions) engine(io *IO) *engine.Engine {
	dir := os.Getenv("CXLOG_CACHE_DIR")
	if dir == "" {
		if d, err := os.UserCacheDir(); err == nil {
			dir = filepath.Join(d, "cxlog", "index")
		}
	}
	return engine.New(engine.Options{KBDirs: o.dirs(), CacheDir: dir, Stdin: io.In})
}
