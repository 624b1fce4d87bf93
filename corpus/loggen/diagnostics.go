package loggen

import (
	"bufio"
	"fmt"
	"io"
)

// GenerateDiagnostics writes a cargo build log of n rustc diagnostics, each with its source
// frame: distinct warnings (unused variables, each its own name and line), one in fifty an
// error, and cargo's "could not compile" at the end. It returns the bytes written.
func GenerateDiagnostics(w io.Writer, n int) (int64, error) {
	bw := bufio.NewWriterSize(w, 1<<20)
	var size int64
	line := func(format string, args ...any) {
		k, _ := fmt.Fprintf(bw, format+"\n", args...)
		size += int64(k)
	}
	line("   Compiling fw v0.1.0 (/home/u/fw)")
	for i := 0; i < n; i++ {
		src := i%900 + 1
		if i%50 == 49 {
			line("error[E0425]: cannot find value `x%d` in this scope", i)
			line("  --> src/gen%d.rs:%d:13", i%97, src)
			line("   |")
			line("%d |     let y = x%d;", src, i)
			line("   |             ^^ not found in this scope")
		} else {
			line("warning: unused variable: `v%d`", i)
			line("  --> src/gen%d.rs:%d:9", i%97, src)
			line("   |")
			line("%d |     let v%d = 1;", src, i)
			line("   |         ^^ help: if this is intentional, prefix it with an underscore: `_v%d`", i)
			line("   |")
			line("   = note: `#[warn(unused_variables)]` on by default")
		}
		line("")
	}
	line("error: could not compile `fw` (bin \"fw\") due to %d previous errors; %d warnings emitted", n/50, n-n/50)
	return size, bw.Flush()
}
