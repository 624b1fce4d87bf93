package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cxlog/cxlog/knowledge/evaluate"
	"github.com/olekukonko/tablewriter"
)

func textEval(w *textWriter, r *Eval) {
	if r.Total > 0 {
		textExplainScores(w, r)
	}
	if r.Pairs != nil {
		textPairs(w, r.Pairs)
	}
}

// textPairs lists diff's top finding per labelled pair and the two rates.
func textPairs(w *textWriter, r *evaluate.PairsReport) {
	w.println("Pairs (cxlog diff GOOD BAD: the top finding's class, and whether it names the setting)")
	for _, p := range r.Pairs {
		mark := "ok  "
		if !p.CauseFirst || !p.NamesSetting {
			mark = "MISS"
		}
		named := "names"
		if !p.NamesSetting {
			named = "lacks"
		}
		w.printf("%s %-60s want %s got %s (%s), %s %q\n", mark, p.Bad, p.Class, p.Predicted, p.Rule, named, p.MustName)
	}
	w.printf("\ncause first: %d/%d (%.1f%%)   setting named: %d/%d (%.1f%%)\n",
		r.CauseFirst, r.Total, pct(r.CauseFirst, r.Total), r.NamesSetting, r.Total, pct(r.NamesSetting, r.Total))
}

func textExplainScores(w *textWriter, r *Eval) {
	for _, c := range r.Cases {
		mark := "ok  "
		if !c.Top1 {
			mark = "MISS"
		}
		w.printf("%s %-75s want %s got %v (confidence %.2f)\n", mark, c.Path, c.Class, c.Predicted, c.Confidence)
	}
	w.printf("\ntop-1: %d/%d (%.1f%%)   top-3: %d/%d (%.1f%%)\n", r.Top1, r.Total, pct(r.Top1, r.Total), r.Top3, r.Total, pct(r.Top3, r.Total))
	w.printf("coverage: %d/%d answered (%.1f%%)   precision when answered: %d/%d (%.1f%%)   threshold: confidence >= %.2f\n\n",
		r.Answered, r.Total, pct(r.Answered, r.Total), r.Right, r.Answered, pct(r.Right, r.Answered), r.Threshold)
	w.println("Reliability (cases by explain's confidence; right: the top match's class is a right answer)")
	rt := tablewriter.NewWriter(w)
	rt.Header([]string{"confidence", "cases", "right", "share right"})
	for _, b := range r.Reliability {
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
	w.println()
	conf := map[[2]string]int{}
	classes := map[string]bool{}
	for _, c := range r.Cases {
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
	w.println("Confusion (rows: labelled class, columns: top-1 prediction)")
	t := tablewriter.NewWriter(w)
	t.Header(append([]string{"labelled \\ predicted"}, abbreviations(names)...))
	for _, want := range names {
		row := []string{want}
		seen := false
		for _, got := range names {
			n := conf[[2]string{want, got}]
			if n > 0 {
				seen = true
				row = append(row, fmt.Sprint(n))
			} else {
				row = append(row, ".")
			}
		}
		if seen {
			t.Append(row)
		}
	}
	t.Render()
	w.println()
}

// abbreviations shortens class names for table columns: linker-flavor-mismatch -> lfm.
func abbreviations(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		a := ""
		for j, part := range strings.Split(n, "-") {
			if j < 3 && part != "" {
				a += part[:1]
			}
		}
		out[i] = a
	}
	return out
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}
