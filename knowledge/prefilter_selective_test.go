package knowledge

import (
	"bufio"
	"bytes"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/corpus/loggen"
)

// A symptom's regex runs only on lines that contain one of its required literals. A literal
// that ordinary build output is full of (a cargo feature name in every Running line, say)
// makes the regex run on every line of a large log: explain on 200 MB took 14 s instead of 3
// for one such symptom. The Running lines of a generated build may pass few of them.
func TestSymptomLiteralsAreRareInBuildOutput(t *testing.T) {
	b, err := Load(Builtin())
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	if _, err := loggen.Generate(&log, 4<<20, 7); err != nil {
		t.Fatal(err)
	}
	var lines []string
	sc := bufio.NewScanner(&log)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		if strings.Contains(sc.Text(), "Running `") {
			lines = append(lines, sc.Text())
		}
	}
	for _, e := range b.Entries {
		for i := range e.Symptoms {
			s := &e.Symptoms[i]
			if s.compiled == nil || !s.required.known() {
				continue
			}
			prefix, _ := s.compiled.get().LiteralPrefix()
			passed, prefixed := 0, 0
			for _, line := range lines {
				if s.required.inLine(line) && s.alsoRequiredIn(line) {
					passed++
				}
				if prefix != "" && strings.Contains(line, prefix) {
					prefixed++
				}
			}
			if prefix != "" && prefixed*10 <= len(lines) {
				continue // the regexp package itself skips to the prefix, which is rare
			}
			if passed*10 > len(lines) {
				t.Errorf("%s: symptom %q: its literals %q are in %d of %d Running lines of a generated build",
					e.ID, s.Regex, s.required.literals, passed, len(lines))
			}
		}
	}
}
