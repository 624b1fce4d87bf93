package report

import (
	"cmp"
	"fmt"
	"github.com/cxlog/cxlog/build/record"
	"strings"

	"github.com/cxlog/cxlog/analyze/finding"
	"github.com/cxlog/cxlog/analyze/normal"
	"github.com/olekukonko/tablewriter"
)

func textDiff(w *textWriter, r *Diff) {
	textFindings(w, r.Findings)
	textChanges(w, r.Changes)
	if r.All || len(r.Findings) == 0 {
		textDifferences(w, r.Differences)
	} else if len(r.Differences) > 0 {
		w.printf("\n%d raw differences (--all shows them).\n", len(r.Differences))
	}
	if r.Same() {
		w.println("No differences that matter.")
	}
}

func textCheck(w *textWriter, r *Check) {
	if len(r.Findings) == 0 {
		w.println("No findings.")
		return
	}
	textFindings(w, r.Findings)
}

func textFindings(w *textWriter, fs []finding.Finding) {
	for i, f := range fs {
		head := fmt.Sprintf("%d. [%s] %s (%s)", i+1, f.Class, f.Rule, f.Severity)
		if i == 0 {
			head += "  <- most likely cause"
		}
		w.style(severityStyle(f.Severity), head)
		w.println()
		w.printf("   %s\n", Wrap(f.Message, 96, "   "))
		for _, e := range f.Evidence {
			side := ""
			if e.Side != "" {
				side = e.Side + " "
			}
			w.printf("   %s%s:%d: %s\n", side, e.File, e.Line, Truncate(e.Text, 200))
		}
		w.printf("   fix: %s\n\n", Wrap(f.Fix, 96, "        "))
	}
}

func textDifferences(w *textWriter, diffs []finding.Difference) {
	if len(diffs) == 0 {
		return
	}
	w.println("Differences")
	t := tablewriter.NewWriter(w)
	t.Header("crate", "aspect", "good", "bad")
	for _, d := range diffs {
		crate := d.Crate
		if crate == "" {
			crate = "(build)"
		}
		t.Append(crate, aspect(d), Truncate(normal.Value(strings.Join(d.Removed, " ")), 60), Truncate(normal.Value(strings.Join(d.Added, " ")), 60))
	}
	t.Render()
}

// textChanges shows how two record bundles differ beside their logs.
func textChanges(w *textWriter, changes []record.Change) {
	if len(changes) == 0 {
		return
	}
	w.println("Beside the logs (record bundles)")
	t := tablewriter.NewWriter(w)
	t.Header("kind", "name", "good", "bad")
	for _, c := range changes {
		t.Append([]string{c.Kind, c.Name, Truncate(cmp.Or(c.Good, "(unset)"), 80), Truncate(cmp.Or(c.Bad, "(unset)"), 80)})
	}
	t.Render()
	w.println()
}
