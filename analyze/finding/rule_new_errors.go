package finding

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/class"
	"github.com/cxlog/cxlog/analyze/normal"
)

// NewErrors: the failing build prints errors the working one does not. Whatever else a diff
// finds or misses, new errors are a difference; this rule names them when no rule or
// knowledge-base entry explains them better (those rank above it).
const NewErrors ID = "new-errors"

func init() {
	register(Rule{
		ID: NewErrors, Class: class.Unknown, Severity: Medium, Score: 20,
		Fix:  "Read the first new error: it is usually the cause and the rest follow from it. cxlog explain on the failing log matches it against the knowledge base.",
		Diff: newErrors,
	})
}

const (
	newErrorsQuoted = 3
	maxQuoted       = 200 // bytes of one error line in the message; the evidence has it whole
)

// clip cuts s to at most n bytes at a rune boundary, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func newErrors(c *Comparison) []Finding {
	errs := c.errorsOnlyInBad()
	if len(errs) == 0 {
		return nil
	}
	f := Finding{}
	var names []string
	for _, d := range errs {
		if len(f.Evidence) < newErrorsQuoted {
			f.Evidence = append(f.Evidence, evidenceAt("bad", d.Span, d.Text[0]))
			names = append(names, clip(strings.TrimSpace(d.Text[0]), maxQuoted))
		}
	}
	f.Message = fmt.Sprintf("The failing build shows %s the working build does not: %s", plural(len(errs), "error", "errors"), strings.Join(names, "; "))
	if len(errs) > len(names) {
		f.Message += fmt.Sprintf("; and %d more", len(errs)-len(names))
	}
	f.Message += "."
	f.Class = errorShapeClass(errs[0])
	return []Finding{f}
}

// errorShapes are error messages whose class is plain from the message alone: when no
// knowledge-base entry matches, the new errors still have that class.
var errorShapes = []struct {
	has   []string
	class class.Class
}{
	{[]string{"linker `", "` not found"}, class.LinkerNotFound},
	{[]string{"may not be used on the stable release channel"}, class.VersionMismatch},
	{[]string{"error[E0658]"}, class.VersionMismatch},
	{[]string{"can't find crate for `core`"}, class.TargetStdMissing},
	{[]string{"can't find crate for `std`"}, class.TargetStdMissing},
	{[]string{"will not fit in region"}, class.MemoryLayoutOverflow},
	{[]string{"cannot find linker script"}, class.LinkerScriptMissing},
	{[]string{"cannot open linker script file"}, class.LinkerScriptMissing},
	{[]string{"failed to run custom build command"}, class.NativeToolMissing},
}

func errorShapeClass(d *analyze.Diagnostic) class.Class {
	text := strings.Join(d.Text, "\n")
	for _, s := range errorShapes {
		all := true
		for _, h := range s.has {
			all = all && strings.Contains(text, h)
		}
		if all {
			return s.class
		}
	}
	return class.Unknown
}

// ErrorsOnlyIn returns the errors of bad that good does not show, in log order, one per
// distinct error: the same message on another machine (paths, hashes) is the same error.
func ErrorsOnlyIn(good, bad *analyze.Log) []*analyze.Diagnostic {
	known := map[string]bool{}
	for _, d := range good.Errors() {
		known[errorKey(d)] = true
	}
	var out []*analyze.Diagnostic
	for _, d := range bad.Errors() {
		if len(d.Text) == 0 || known[errorKey(d)] {
			continue
		}
		known[errorKey(d)] = true
		out = append(out, d)
	}
	return out
}

func errorKey(d *analyze.Diagnostic) string {
	return string(d.Kind) + "\x00" + d.Code + "\x00" + normal.Value(d.Message)
}
