package main

import (
	"bufio"
	"fmt"
	"sort"

	"github.com/cxlog/cxlog/corpus"
	"github.com/cxlog/cxlog/knowledge/explain"
	"github.com/olekukonko/tablewriter"
	"github.com/spf13/cobra"
)

type evalOptions struct {
	Dir  string
	JSON bool
	KB   kbOptions
}

type evalCase struct {
	Path      string   `json:"path"`
	Class     string   `json:"class"`
	Accept    string   `json:"accept,omitempty"`
	Predicted []string `json:"predicted"`
	Top1      bool     `json:"top1"`
	Top3      bool     `json:"top3"`
}

type evalReport struct {
	Schema string     `json:"schema"`
	Cases  []evalCase `json:"cases"`
	Total  int        `json:"total"`
	Top1   int        `json:"top1"`
	Top3   int        `json:"top3"`
}

func newEvalCmd(io *IO) *cobra.Command {
	opts := evalOptions{}
	cmd := &cobra.Command{
		Use:   "eval [--json] DIR",
		Short: "Measure explain on a labelled corpus: top-1 and top-3 accuracy, confusion table",
		Long: `Run explain over every file under DIR whose front matter names a class (and optionally an
accepted second class), and print top-1 and top-3 accuracy and a confusion table.` + exitCodesHelp,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = args[0]
			rep, err := runEval(io, opts)
			if err != nil {
				return err
			}
			out := bufio.NewWriter(io.Out)
			defer out.Flush()
			if opts.JSON {
				return writeJSON(out, rep)
			}
			renderEval(out, rep)
			return nil
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	opts.KB.register(cmd)
	return cmd
}

func runEval(io *IO, opts evalOptions) (evalReport, error) {
	cases, err := corpus.LoadCases(opts.Dir)
	if err != nil {
		return evalReport{}, exitWith(exitUsage, "%v", err)
	}
	if len(cases) == 0 {
		return evalReport{}, exitWith(exitUsage, "%s: no labelled case (front matter with class:)", opts.Dir)
	}
	b, err := opts.KB.load()
	if err != nil {
		return evalReport{}, err
	}
	ix, err := openIndex(b)
	if err != nil {
		return evalReport{}, err
	}
	defer ix.Close()
	rep := evalReport{Schema: "cxlog.eval/v1", Total: len(cases)}
	for _, c := range cases {
		in, err := explain.ReadInput(c.Path, nil)
		if err != nil {
			return evalReport{}, exitWith(exitUsage, "%v", err)
		}
		res := explain.Explain(in.Lines, in.Log, b, ix)
		ec := evalCase{Path: c.Path, Class: c.Class, Accept: c.Accept, Predicted: []string{}}
		if res.Class == "unknown" {
			ec.Predicted = append(ec.Predicted, "unknown")
		}
		for _, m := range res.Matches {
			if len(ec.Predicted) < 3 {
				ec.Predicted = append(ec.Predicted, string(m.Entry.Class))
			}
		}
		for i, p := range ec.Predicted {
			if c.Accepts(p) {
				ec.Top3 = true
				ec.Top1 = ec.Top1 || i == 0
			}
		}
		if ec.Top1 {
			rep.Top1++
		}
		if ec.Top3 {
			rep.Top3++
		}
		rep.Cases = append(rep.Cases, ec)
	}
	return rep, nil
}

func renderEval(w *bufio.Writer, rep evalReport) {
	for _, c := range rep.Cases {
		mark := "ok  "
		if !c.Top1 {
			mark = "MISS"
		}
		fmt.Fprintf(w, "%s %-75s want %s got %v\n", mark, c.Path, c.Class, c.Predicted)
	}
	fmt.Fprintf(w, "\ntop-1: %d/%d (%.1f%%)   top-3: %d/%d (%.1f%%)\n\n", rep.Top1, rep.Total, pct(rep.Top1, rep.Total), rep.Top3, rep.Total, pct(rep.Top3, rep.Total))
	conf := map[[2]string]int{}
	classes := map[string]bool{}
	for _, c := range rep.Cases {
		got := c.Predicted[0]
		if c.Top1 {
			got = c.Class
		}
		conf[[2]string{c.Class, got}]++
		classes[c.Class] = true
		classes[got] = true
	}
	var names []string
	for k := range classes {
		names = append(names, k)
	}
	sort.Strings(names)
	fmt.Fprintln(w, "Confusion (rows: labelled class, columns: top-1 prediction)")
	t := tablewriter.NewWriter(w)
	t.Header(append([]string{"labelled \\ predicted"}, abbreviations(names)...))
	for _, want := range names {
		row := []string{want}
		any := false
		for _, got := range names {
			n := conf[[2]string{want, got}]
			if n > 0 {
				any = true
				row = append(row, fmt.Sprint(n))
			} else {
				row = append(row, ".")
			}
		}
		if any {
			t.Append(row)
		}
	}
	t.Render()
}

// abbreviations shortens class names for table columns: linker-flavor-mismatch -> lfm.
func abbreviations(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		a := ""
		for j, part := range splitDash(n) {
			if j < 3 && part != "" {
				a += part[:1]
			}
		}
		out[i] = a
	}
	return out
}

func splitDash(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '-' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return out
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}
