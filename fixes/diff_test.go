package fixes

import (
	"fmt"
	"strings"
	"testing"
)

func TestUnifiedDiff(t *testing.T) {
	var lines []string
	for i := 1; i <= 20; i++ {
		lines = append(lines, fmt.Sprintf("line %d\n", i))
	}
	old := strings.Join(lines, "")
	edited := strings.Replace(strings.Replace(old, "line 2\n", "line two\n", 1), "line 19\n", "line 19\nline 19.5\n", 1)
	want := `--- a/f
+++ b/f
@@ -1,5 +1,5 @@
 line 1
-line 2
+line two
 line 3
 line 4
 line 5
@@ -17,4 +17,5 @@
 line 17
 line 18
 line 19
+line 19.5
 line 20
`
	if got := UnifiedDiff("a/f", "b/f", old, edited); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if UnifiedDiff("a", "b", old, old) != "" {
		t.Error("a diff of equal texts")
	}
}

func TestUnifiedDiffEdgeCases(t *testing.T) {
	tests := []struct{ name, old, new, want string }{
		{"new file", "", "a\nb\n", "--- a\n+++ b\n@@ -0,0 +1,2 @@\n+a\n+b\n"},
		{"no newline at end", "a\nb", "a\nc", "--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"},
		{"newline added", "a", "a\n", "--- a\n+++ b\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := UnifiedDiff("a", "b", tt.old, tt.new)
			if got != tt.want {
				t.Errorf("got:\n%q\nwant:\n%q", got, tt.want)
			}
			if tt.old != "" {
				if p := patch(t, tt.old, got); p != tt.new {
					t.Errorf("patched %q", p)
				}
			}
		})
	}
}
