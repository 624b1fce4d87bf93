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
	st, err := loggen.Generate(f, *mb<<20, *seed)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genlog:", err)
		os.Exit(1)
	}
	fmt.Printf("%s: %d bytes, %d lines, %d Running lines, %d linker notes\n", *out, st.Bytes, st.Lines, st.Running, st.LinkerNotes)
}
