package main

import (
	"bufio"
	"fmt"
	"sort"

	"github.com/cxlog/cxlog/knowledge/evaluate"
	"github.com/olekukonko/tablewriter"
	"github.com/spf13/cobra"
)

type evalOptions struct {
	Dir  string
	JSON bool
	KB   kbOptions
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

func runEval(io *IO, opts evalOptions) (evaluate.Report, error) {
	cases, err := evaluate.LoadCases(opts.Dir)
	if err != nil {
		return evaluate.Report{}, exitWith(exitUsage, "%v", err)
	}
	if len(cases) == 0 {
		return evaluate.Report{}, exitWith(exitUsage, "%s: no labelled case (front matter with class:, or an expected.tsv)", opts.Dir)
	}
	b, err := opts.KB.load()
	if err != nil {
		return evaluate.Report{}, err
	}
	ix, err := openIndex(b)
	if err != nil {
		return evaluate.Report{}, err
	}
	defer ix.Close()
	rep, err := evaluate.Run(cases, b, ix)
	if err != nil {
		return evaluate.Report{}, exitWith(exitUsage, "%v", err)
	}
	return rep, nil
}

func renderEval(w *bufio.Writer, rep evaluate.Report) {
	for _, c := range rep.Cases {
		mark := "ok  "
		if !c.Top1 {
			mark = "MISS"
		}
		fmt.Fprintf(w, "%s %-75s want %s got %v (confidence %.2f)\n", mark, c.Path, c.Class, c.Predicted, c.Confidence)
	}
	fmt.Fprintf(w, "\ntop-1: %d/%d (%.1f%%)   top-3: %d/%d (%.1f%%)\n", rep.Top1, rep.Total, pct(rep.Top1, rep.Total), rep.Top3, rep.Total, pct(rep.Top3, rep.Total))
	fmt.Fprintf(w, "coverage: %d/%d answered (%.1f%%)   precision when answered: %d/%d (%.1f%%)   threshold: confidence >= %.2f\n\n",
		rep.Answered, rep.Total, pct(rep.Answered, rep.Total), rep.Right, rep.Answered, pct(rep.Right, rep.Answered), rep.Threshold)
	fmt.Fprintln(w, "Reliability (cases by explain's confidence; right: the top match's class is a right answer)")
	rt := tablewriter.NewWriter(w)
	rt.Header([]string{"confidence", "cases", "right", "share right"})
	for _, b := range rep.Reliability {
		span := fmt.Sprintf("%.2f-%.2f", b.Low, b.High)
		if b.High == 0 {
			span = fmt.Sprintf(">= %.2f", b.Low)
		}
		share := "-"
		if b.Cases > 0 {
			share = fmt.Sprintf("%.1f%%", pct(b.GuessRight, b.Cases))
		}
		rt.Append([]string{span, fmt.Sprint(b.Cases), fmt.Sprint(b.GuessRight), share})
	}
	rt.Render()
	fmt.Fprintln(w)
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
