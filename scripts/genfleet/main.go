// Command genfleet writes a CI fleet's worth of failed job logs for cxlog scan's benchmark:
// each a generated build (corpus/loggen) ending in one of the corpus's labelled failing logs.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cxlog/cxlog/corpus/loggen"
	"github.com/cxlog/cxlog/knowledge/evaluate"
)

func main() {
	n := flag.Int("n", 10000, "how many logs")
	kb := flag.Int64("kb", 1024, "size of each log in KiB")
	corpus := flag.String("corpus", "corpus", "the labelled corpus whose failures end the logs")
	out := flag.String("o", "", "output directory (required)")
	flag.Parse()
	if *out == "" {
		fail(fmt.Errorf("-o DIR is required"))
	}
	cases, err := evaluate.LoadCases(*corpus)
	if err != nil {
		fail(err)
	}
	if len(cases) == 0 {
		fail(fmt.Errorf("%s: no labelled case", *corpus))
	}
	failures := make([][]byte, len(cases))
	for i, c := range cases {
		if failures[i], err = os.ReadFile(c.Path); err != nil {
			fail(err)
		}
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fail(err)
	}
	var total int64
	for i := range *n {
		f, err := os.Create(filepath.Join(*out, fmt.Sprintf("job-%05d.log", i)))
		if err != nil {
			fail(err)
		}
		st, err := loggen.Failed(f, *kb<<10, uint64(i+1), failures[i%len(failures)])
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			fail(err)
		}
		total += st.Bytes
	}
	fmt.Printf("%s: %d logs, %d MiB, failures from %d labelled cases\n", *out, *n, total>>20, len(cases))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "genfleet:", err)
	os.Exit(2)
}
