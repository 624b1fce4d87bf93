package finding

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cxlog/cxlog/analyze/class"
)

// CodegenFlagAbortsLLVM: a code-generation flag that only the failing build passes to rustc
// (-C target-feature, -C target-cpu, -C llvm-args, -C code-model, -C relocation-model) and
// an "LLVM ERROR:" only the failing build shows. LLVM names what it cannot do in its own terms
// ("Codegen not yet implemented for RV32E" after -C target-feature=+e), never the flag, so
// new-flag-named-by-error does not see it. The LLVM of this rustc cannot generate code with
// that setting: a newer toolchain may, or the target does not support it.
const CodegenFlagAbortsLLVM ID = "codegen-flag-aborts-llvm"

func init() {
	register(Rule{
		ID: CodegenFlagAbortsLLVM, Class: class.VersionMismatch, Severity: High, Score: 105,
		Fix:  "Remove the added code-generation flag where it was added; if the target needs it, use a toolchain whose LLVM supports it.",
		Diff: codegenFlagAbortsLLVM,
	})
}

// llvmFlags are the rustc options whose values go to LLVM as they are.
var llvmFlags = []string{"-C target-feature=", "-C target-cpu=", "-C llvm-args=", "-C code-model=", "-C relocation-model="}

func codegenFlagAbortsLLVM(c *Comparison) []Finding {
	ev, ok := errorNaming(c, "LLVM ERROR: ")
	if !ok {
		return nil
	}
	ch, ok := c.focusFlags()
	if !ok {
		return nil
	}
	for _, flag := range ch.added {
		if !slices.ContainsFunc(llvmFlags, func(p string) bool { return strings.HasPrefix(flag, p) }) {
			continue
		}
		bad, where, _ := addedFlagOrigin(c, ch, flag)
		if where == "" {
			where = unshownRustflagsSource + ")"
		}
		f := Finding{Crate: ch.crate,
			Message: fmt.Sprintf("%s is new in the failing build for %s: %s; and LLVM, rustc's code generator, aborts on it: %s. "+
				"LLVM says what it cannot do in its own terms, not which flag asked for it.", flag, ch.crate, where, ev.Text),
		}
		f.Evidence, f.Changed = addedFlagShown(flag, bad, ev)
		return []Finding{f}
	}
	return nil
}
