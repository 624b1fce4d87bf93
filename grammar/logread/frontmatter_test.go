package logread

import (
	"fmt"
	"strings"
	"testing"
)

// A leading "---" that does not open a closed front matter block is log text: the lines
// after it must not disappear.
func TestFrontMatterNotClosedIsLogText(t *testing.T) {
	var unclosed strings.Builder
	unclosed.WriteString("---\nsource: pasted\n")
	for i := 0; i < 300; i++ {
		fmt.Fprintf(&unclosed, "line %d\n", i)
	}
	tests := []struct {
		name, in string
		want     []string
	}{
		{"a rule, then rustc's error", "---\nerror: linking with `cc` failed: exit status: 1\n  |\n  = note: ld: cannot find -lfoo\n---\nerror: could not compile `x`\n",
			[]string{"---", "error: linking with `cc` failed: exit status: 1", "  |", "  = note: ld: cannot find -lfoo", "---", "error: could not compile `x`"}},
		{"warning first", "---\nwarning: unused manifest key: foo\n", []string{"---", "warning: unused manifest key: foo"}},
		{"never closed, short", "---\nsource: x\nerror: boom\n", []string{"---", "source: x", "error: boom"}},
		{"dashes alone", "---\n", []string{"---"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lines := readAll(t, []byte(tc.in))
			if got := texts(lines); strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
			for i, l := range lines {
				if l.N != i+1 {
					t.Errorf("line %q numbered %d, want %d", l.Text, l.N, i+1)
				}
			}
		})
	}
	t.Run("never closed, long", func(t *testing.T) {
		lines := readAll(t, []byte(unclosed.String()))
		if len(lines) != 302 || lines[0].Text != "---" || lines[301].Text != "line 299" || lines[301].N != 302 {
			t.Fatalf("%d lines, first %q", len(lines), lines[0].Text)
		}
	})
}
