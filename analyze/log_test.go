package analyze

import (
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/grammar/logread"
)

func readKeeping(t *testing.T, s string, keep int) *Log {
	t.Helper()
	src, err := logread.NewSource("test", io.NopCloser(strings.NewReader(s)))
	if err != nil {
		t.Fatal(err)
	}
	l, err := Read(src, Options{KeepDiagnostics: keep})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// A flood of warnings keeps the first distinct ones and every error after them; the rest are
// counted, by kind and severity (issue 9/2: memory bounded by work, not by the log).
func TestLogKeepsFirstDistinctDiagnostics(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&b, "warning: unused variable: `v%d`\n  --> src/lib.rs:%d:9\n\n", i, i+1)
	}
	b.WriteString("error[E0425]: cannot find value `x` in this scope\n  --> src/lib.rs:1:13\n\n")
	b.WriteString("error: could not compile `fw` (lib) due to 1 previous error\n")
	l := readKeeping(t, b.String(), 10)
	var kinds []string
	for _, d := range l.Diagnostics {
		kinds = append(kinds, string(d.Severity)+" "+d.Message)
	}
	if len(kinds) != 12 || kinds[0] != "warning unused variable: `v0`" || kinds[9] != "warning unused variable: `v9`" ||
		kinds[10] != "error cannot find value `x` in this scope" || l.Diagnostics[11].Kind != DiagCouldNotComp {
		t.Errorf("kept %q", kinds)
	}
	if want := []OmittedDiagnostics{{DiagRustc, SeverityWarning, 40}}; !reflect.DeepEqual(l.Omitted, want) {
		t.Errorf("omitted %+v, want %+v", l.Omitted, want)
	}
	if all := readKeeping(t, b.String(), -1); len(all.Diagnostics) != 52 || all.Omitted != nil {
		t.Errorf("keeping all: %d diagnostics, omitted %+v", len(all.Diagnostics), all.Omitted)
	}
}

// Repeats of a kept diagnostic are kept too (a log pasted twice reads as it is), up to twice
// the limit in all: a million copies of one warning cost no more than a few.
func TestLogBoundsRepeatedDiagnostics(t *testing.T) {
	l := readKeeping(t, strings.Repeat("ld: error: undefined symbol: __atomic_fetch_add_4\n", 100), 10)
	if len(l.Diagnostics) != 20 || len(l.Omitted) != 1 || l.Omitted[0].Kind != DiagTool || l.Omitted[0].Count != 80 {
		t.Errorf("%d kept, omitted %+v", len(l.Diagnostics), l.Omitted)
	}
	l = readKeeping(t, strings.Repeat("ld: error: undefined symbol: __atomic_fetch_add_4\n", 3), 10)
	if len(l.Diagnostics) != 3 || l.Omitted != nil {
		t.Errorf("a repeat under the limit: %d kept, omitted %+v", len(l.Diagnostics), l.Omitted)
	}
}
