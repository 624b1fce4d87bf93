package loggen

import (
	"bytes"
	"io"
)

// Failed writes one failed job's log of about size bytes: a build's progress (Running lines,
// warnings, noise, no failure) and then failure, a real failing log, as the job's end. Its
// front matter, if any, is dropped: in a real job's log nothing comes before the build.
func Failed(w io.Writer, size int64, seed uint64, failure []byte) (Stats, error) {
	failure = withoutFrontMatter(failure)
	st, err := generate(w, max(size-int64(len(failure)), 0), seed, false)
	if err != nil {
		return st, err
	}
	n, err := w.Write(failure)
	st.Bytes += int64(n)
	st.Lines += int64(bytes.Count(failure, []byte("\n")))
	return st, err
}

func withoutFrontMatter(b []byte) []byte {
	if !bytes.HasPrefix(b, []byte("---\n")) {
		return b
	}
	if end := bytes.Index(b[4:], []byte("\n---\n")); end >= 0 {
		return b[4+end+5:]
	}
	return b
}
