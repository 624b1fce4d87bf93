package grammar

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func FuzzParseCommand(f *testing.F) {
	files, _ := filepath.Glob("../corpus/*/*")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		for _, part := range strings.Split(string(b), "Running `")[1:] {
			if end := strings.IndexByte(part, '`'); end > 0 {
				f.Add(part[:end])
			}
		}
	}
	f.Add(`set A=B&& "C:\\x y\\rustc.exe" 'a'\''b' "q\"q"`)
	f.Fuzz(func(t *testing.T, text string) {
		cmd, err := ParseCommand(text)
		if err != nil {
			return
		}
		if cmd.Program == "" && strings.TrimSpace(text) != "" && !strings.ContainsAny(text, `'"\`) {
			t.Fatalf("parsed %q with an empty program", text)
		}
	})
}
