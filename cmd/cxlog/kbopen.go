package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/cxlog/cxlog/knowledge"
	"github.com/spf13/cobra"
)

// kbOptions selects the knowledge base: the built-in entries plus user directories.
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

func (o *kbOptions) load() (*knowledge.Base, error) {
	b, err := knowledge.Load(knowledge.Builtin(), o.dirs()...)
	if err != nil {
		return nil, exitWith(exitUsage, "knowledge base: %v", err)
	}
	return b, nil
}

// openIndex opens the cached full-text index ($CXLOG_CACHE_DIR, else the user cache dir).
func openIndex(b *knowledge.Base) (*knowledge.Index, error) {
	dir := os.Getenv("CXLOG_CACHE_DIR")
	if dir == "" {
		if d, err := os.UserCacheDir(); err == nil {
			dir = filepath.Join(d, "cxlog", "index")
		}
	}
	ix, err := knowledge.OpenIndex(b, dir)
	if err != nil {
		return nil, exitWith(exitUsage, "knowledge index: %v", err)
	}
	return ix, nil
}
