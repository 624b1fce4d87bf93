// Command genlog writes a large realistic cross-build log for cxlog's benchmarks.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/cxlog/cxlog/corpus/loggen"
)

func main() {
	mb := flag.Int64("mb", 200, "size in MiB")
	out := flag.String("o", "", "output file (required)")
	seed := flag.Uint64("seed", 1, "random seed")
	target := flag.String("target", loggen.DefaultTarget, "the triple every crate is built for")
	distinct := flag.Bool("distinct-crates", false, "every Running line builds another crate (named after its position, so two logs build the same crates)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "genlog: -o FILE is required")
		os.Exit(2)
	}
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "genlog:", err)
		os.Exit(2)
	}
	st, err := loggen.GenerateWith(f, *mb<<20, *seed, loggen.Options{Target: *target, DistinctCrates: *distinct})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genlog:", err)
		os.Exit(1)
	}
	fmt.Printf("%s: %d bytes, %d lines, %d Running lines, %d linker notes\n", *out, st.Bytes, st.Lines, st.Running, st.LinkerNotes)
}
