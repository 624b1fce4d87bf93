package fixes

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/knowledge"
)

// project writes files (slash paths relative to a new temp dir) and returns the dir.
func project(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func mustPlan(t *testing.T, dir string, target string, actions ...knowledge.Action) *Plan {
	t.Helper()
	p, err := NewPlan(dir, actions, target)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// change returns the plan's change of path, or fails.
func change(t *testing.T, p *Plan, path string) FileChange {
	t.Helper()
	for _, c := range p.Files {
		if c.Path == path {
			return c
		}
	}
	t.Fatalf("the plan does not change %s (notes: %q)", path, p.Notes)
	return FileChange{}
}

// patch applies a unified diff made by UnifiedDiff to old, checking every context
// and removed line, so that a test proves the diff turns old into new.
func patch(t *testing.T, old, diff string) string {
	t.Helper()
	oldLines := splitLines(old)
	var out []string
	next := 0 // index into oldLines of the next line not yet copied
	lines := splitLines(diff)
	for i := 2; i < len(lines); i++ {
		h := lines[i]
		if !strings.HasPrefix(h, "@@ -") {
			t.Fatalf("expected a hunk header, got %q", h)
		}
		start := hunkStart(t, strings.Fields(h)[1][1:])
		if start > 0 && strings.HasSuffix(strings.Fields(h)[1], ",0") {
			start++ // an empty old range names the line before it
		}
		for ; next < start-1; next++ {
			out = append(out, oldLines[next])
		}
		for i+1 < len(lines) && !strings.HasPrefix(lines[i+1], "@@ ") {
			i++
			l := lines[i]
			body := l[1:]
			if i+1 < len(lines) && lines[i+1] == "\\ No newline at end of file\n" {
				body = strings.TrimSuffix(body, "\n")
				i++
			}
			switch l[0] {
			case ' ', '-':
				if next >= len(oldLines) || oldLines[next] != body {
					t.Fatalf("diff line %q does not match old line %d", l, next+1)
				}
				if l[0] == ' ' {
					out = append(out, body)
				}
				next++
			case '+':
				out = append(out, body)
			default:
				t.Fatalf("bad diff line %q", l)
			}
		}
	}
	out = append(out, oldLines[next:]...)
	return strings.Join(out, "")
}

func hunkStart(t *testing.T, r string) int {
	t.Helper()
	n, err := strconv.Atoi(strings.Split(r, ",")[0])
	if err != nil {
		t.Fatalf("bad hunk range %q", r)
	}
	return n
}
