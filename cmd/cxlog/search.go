package main

import (
	"strings"

	"github.com/cxlog/cxlog/cmd/cxlog/report"
	"github.com/cxlog/cxlog/knowledge"
	"github.com/spf13/cobra"
)

type searchOptions struct {
	Query  string
	Search knowledge.SearchOptions
	KB     kbOptions
	Output outputOptions
}

func newSearchCmd(io *IO) *cobra.Command {
	opts := searchOptions{}
	cmd := &cobra.Command{
		Use:   "search [--class C] [--target TRIPLE] [--format text|json] QUERY...",
		Short: "Full-text search of the knowledge base",
		Long: `Search the knowledge base's titles, symptoms, causes and fixes. Paths, Nix store hashes,
crate hashes and numbers in the query are normalised as in the index, so a pasted error line
matches. --format json prints schema "` + report.SearchSchema + `".` + exitCodesHelp,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Query = strings.Join(args, " ")
			return runSearch(io, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Search.Class, "class", "", "only entries of this class")
	cmd.Flags().StringVar(&opts.Search.Target, "target", "", "only entries that apply to this target triple")
	cmd.Flags().IntVar(&opts.Search.Limit, "limit", 10, "at most this many entries")
	opts.Output.register(cmd)
	opts.KB.register(cmd)
	return cmd
}

func runSearch(io *IO, opts searchOptions) error {
	rep, err := opts.Output.reporter(io)
	if err != nil {
		return err
	}
	eng := opts.KB.engine(io)
	defer eng.Close()
	opts.Search.Highlight = opts.Output.format() == report.Text
	hits, err := eng.Search(opts.Query, opts.Search)
	if err != nil {
		return err
	}
	return writeResult(io, rep, &report.Search{Hits: hits})
}

func newKBCmd(io *IO) *cobra.Command {
	var kb kbOptions
	var output outputOptions
	root := &cobra.Command{Use: "kb", Short: "List, show and lint the knowledge base"}
	list := &cobra.Command{
		Use: "list", Short: "List the entries (--format json: schema " + report.KBSchema + ")", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := kb.engine(io).KB()
			if err != nil {
				return err
			}
			return output.write(io, &report.KBList{Entries: b.Entries})
		},
	}
	show := &cobra.Command{
		Use: "show ID", Short: "Show one entry (--format json: schema " + report.KBSchema + ")", Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := kb.engine(io).KB()
			if err != nil {
				return err
			}
			e := b.ByID(args[0])
			if e == nil {
				return usageErrorf("no entry %q (cxlog kb list shows the ids)", args[0])
			}
			return output.write(io, &report.KBShow{Entry: e})
		},
	}
	lint := &cobra.Command{
		Use: "lint", Short: "Check every entry: schema, class, regexes, examples, sources, duplicate ids",
		Long: "Check every entry. Exit code 1 when a problem is found, 2 when an entry cannot be loaded.\n" +
			"--format json prints schema " + report.KBLintSchema + ".", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			problems := knowledge.LintSources(knowledge.Builtin(), kb.dirs()...)
			if err := output.write(io, &report.KBLint{Problems: problems}); err != nil {
				return err
			}
			if len(problems) > 0 {
				return silentExit(exitDifferent)
			}
			return nil
		},
	}
	for _, c := range []*cobra.Command{list, show, lint} {
		kb.register(c)
		output.register(c)
	}
	root.AddCommand(list, show, lint)
	return root
}
