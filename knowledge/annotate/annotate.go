// Package annotate completes the findings of analyze/finding with the knowledge base: a rule
// cites the entry that explains what it found, and the finding's fix is that entry's fix. The
// rules carry only the entry id, because the knowledge base (built-in entries overridden by
// --kb directories) is loaded further down the flow.
package annotate

import (
	"fmt"
	"strings"

	"github.com/cxlog/cxlog/analyze/finding"
	"github.com/cxlog/cxlog/knowledge"
)

// Findings sets the cause and fix of every finding that cites an entry to that entry's. A finding
// that cites no entry keeps its rule's own advice. An entry that is not in b is an error: the
// built-in entries every rule cites are always loaded, so it means a rule names a wrong id.
func Findings(fs []finding.Finding, b *knowledge.Base) error {
	for i := range fs {
		f := &fs[i]
		if f.Entry == "" {
			continue
		}
		e := b.ByID(f.Entry)
		if e == nil {
			return fmt.Errorf("rule %s cites knowledge-base entry %q, which is not loaded", f.Rule, f.Entry)
		}
		f.Cause, f.Fix = strings.TrimSpace(e.Cause), strings.TrimSpace(e.Fix)
	}
	return nil
}
