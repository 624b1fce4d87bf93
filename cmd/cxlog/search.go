package main

import (
	"bufio"
	"fmt"
	"sort"
	"strings"

	"github.com/cxlog/cxlog/knowledge"
	"github.com/spf13/cobra"
)

func newSearchCmd(io *IO) *cobra.Command {
	var kb kbOptions
	var opt knowledge.SearchOptions
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "search [--class C] [--target TRIPLE] [--json] QUERY...",
		Short: "Full-text search of the knowledge base",
		Long: `Search the knowledge base's titles, symptoms, causes and fixes. Paths, Nix store hashes,
crate hashes and numbers in the query are normalised as in the index, so a pasted error line
matches.` + exitCodesHelp,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := kb.load()
			if err != nil {
				return err
			}
			ix, err := openIndex(b)
			if err != nil {
				return err
			}
			defer ix.Close()
			opt.Highlight = !asJSON
			hits, err := ix.Search(strings.Join(args, " "), opt)
			if err != nil {
				return exitWith(exitUsage, "%v", err)
			}
			out := bufio.NewWriter(io.Out)
			defer out.Flush()
			if asJSON {
				type hitJSON struct {
					ID    string  `json:"id"`
					Class string  `json:"class"`
					Title string  `json:"title"`
					Score float64 `json:"score"`
				}
				res := []hitJSON{}
				for _, h := range hits {
					res = append(res, hitJSON{h.Entry.ID, string(h.Entry.Class), h.Entry.Title, round2(h.Score)})
				}
				return writeJSON(out, struct {
					Schema string    `json:"schema"`
					Hits   []hitJSON `json:"hits"`
				}{"cxlog.search/v1", res})
			}
			if len(hits) == 0 {
				fmt.Fprintln(out, "No entry matches.")
				return nil
			}
			for _, h := range hits {
				fmt.Fprintf(out, "%s [%s] %s (%.2f)\n", h.Entry.ID, h.Entry.Class, h.Entry.Title, h.Score)
				fields := make([]string, 0, len(h.Fragments))
				for f := range h.Fragments {
					fields = append(fields, f)
				}
				sort.Strings(fields)
				for _, f := range fields {
					for _, frag := range h.Fragments[f] {
						fmt.Fprintf(out, "    %s: %s\n", f, highlight(io, frag))
					}
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&opt.Class, "class", "", "only entries of this class")
	cmd.Flags().StringVar(&opt.Target, "target", "", "only entries that apply to this target triple")
	cmd.Flags().IntVar(&opt.Limit, "limit", 10, "at most this many entries")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	kb.register(cmd)
	return cmd
}

// highlight renders the index's match markers as bold on a colour terminal, [..] elsewhere.
func highlight(io *IO, s string) string {
	open, close := "[", "]"
	if io.Color {
		open, close = "\x1b[1m", "\x1b[0m"
	}
	s = strings.ReplaceAll(s, knowledge.HighlightStart, open)
	s = strings.ReplaceAll(s, knowledge.HighlightEnd, close)
	return strings.Join(strings.Fields(s), " ")
}

func newKBCmd(io *IO) *cobra.Command {
	var kb kbOptions
	root := &cobra.Command{Use: "kb", Short: "List, show and lint the knowledge base"}
	list := &cobra.Command{
		Use: "list", Short: "List the entries", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := kb.load()
			if err != nil {
				return err
			}
			out := bufio.NewWriter(io.Out)
			defer out.Flush()
			for _, e := range b.Entries {
				fmt.Fprintf(out, "%-55s %-26s %s\n", e.ID, e.Class, e.Title)
			}
			return nil
		},
	}
	show := &cobra.Command{
		Use: "show ID", Short: "Show one entry", Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := kb.load()
			if err != nil {
				return err
			}
			e := b.ByID(args[0])
			if e == nil {
				return exitWith(exitUsage, "no entry %q (cxlog kb list shows the ids)", args[0])
			}
			out := bufio.NewWriter(io.Out)
			defer out.Flush()
			fmt.Fprintf(out, "%s\n%s\nclass: %s\n\nsymptoms:\n", e.ID, e.Title, e.Class)
			for _, s := range e.Symptoms {
				fmt.Fprintf(out, "  %s\n", s.String())
			}
			fmt.Fprintf(out, "\ncause: %s\n\nfix: %s\n\n%s\n", strings.TrimSpace(e.Cause), strings.TrimSpace(e.Fix), strings.TrimSpace(e.Body))
			for _, s := range e.Sources {
				fmt.Fprintf(out, "source: %s\n", s)
			}
			return nil
		},
	}
	lint := &cobra.Command{
		Use: "lint", Short: "Check every entry: schema, class, regexes, examples, sources, duplicate ids",
		Long: "Check every entry. Exit code 1 when a problem is found, 2 when an entry cannot be loaded.", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			problems := knowledge.LintSources(knowledge.Builtin(), kb.dirs()...)
			out := bufio.NewWriter(io.Out)
			defer out.Flush()
			for _, p := range problems {
				fmt.Fprintln(out, p.String())
			}
			if len(problems) > 0 {
				out.Flush()
				return silentExit(exitDifferent)
			}
			fmt.Fprintln(out, "knowledge base: no problems")
			return nil
		},
	}
	for _, c := range []*cobra.Command{list, show, lint} {
		kb.register(c)
	}
	root.AddCommand(list, show, lint)
	return root
}
