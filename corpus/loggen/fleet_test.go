package loggen

import (
	"bytes"
	"strings"
	"testing"
)

func TestFailedEndsWithTheFailureWithoutItsFrontMatter(t *testing.T) {
	failure := []byte("---\nclass: linker-not-found\n---\nerror: linker `cc` not found\n")
	var b bytes.Buffer
	st, err := Failed(&b, 64<<10, 3, failure)
	if err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.HasSuffix(out, "\nerror: linker `cc` not found\n") || strings.Contains(out, "class: linker-not-found") {
		t.Errorf("the log does not end with the failure alone:\n…%s", out[len(out)-200:])
	}
	if strings.Contains(out, "linking with") || st.Running == 0 || st.Bytes != int64(b.Len()) || b.Len() < 60<<10 {
		t.Errorf("stats %+v for %d bytes; a linker failure in the build's progress: %v", st, b.Len(), strings.Contains(out, "linking with"))
	}
}
