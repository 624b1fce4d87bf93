package analyze

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// diagHeader and rustcLocation read what the regular expressions rustc headers and locations
// were read with read, on every line of the corpus and on near misses.
func TestRustcLinesAsTheRegexps(t *testing.T) {
	re := regexp.MustCompile(`^(error|warning)(?:\[(E\d{4})\])?: (.*)$`)
	reLocation := regexp.MustCompile(`^\s*--> (.+?):(\d+):(\d+)`)
	lines := []string{"  --> src/main.rs:4:13", "-->a:1:2", "--> a:1:2", "\t --> C:\\x\\y.rs:10:5 trailing", "  --> a:b:1:2:3",
		"  --> :1:2", "  --> a:1:", "  --> a::1:2", "  --> a:12:345x", "  -->  spaced:1:2", "--> \xffpath:1:2", "  --> a:99999999999999999999:1",
		"  --> x:1:2:3:4", "\f\r--> f:7:8", "error: x", "error[E0425]: cannot find value `x`", "warning: unused", "error[E042]: short", "error[E04255]: long",
		"error[e0425]: lower", "error[EABCD]: letters", "errors: no", "error:no space", "error", "warning[E0001]:", "warning[E0001]: ",
		"error[E0425] : spaced", " error: indented", "error: \xff invalid utf-8", "warning: a: b: c", "error[]: empty"}
	var logs []string
	filepath.WalkDir("../corpus", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".log") {
			logs = append(logs, p)
		}
		return nil
	})
	for _, p := range logs {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<26)
		for sc.Scan() {
			lines = append(lines, sc.Text())
		}
		f.Close()
	}
	if len(logs) == 0 {
		t.Fatal("no corpus logs found")
	}
	headers := 0
	for _, line := range lines {
		m := re.FindStringSubmatch(line)
		sev, code, msg, ok := diagHeader(line)
		if ok != (m != nil) || ok && (string(sev) != m[1] || code != m[2] || msg != m[3]) {
			t.Errorf("%q: diagHeader says %q %q %q %v, the regexp %q", line, sev, code, msg, ok, m)
		}
		if ok {
			headers++
		}
		lm := reLocation.FindStringSubmatch(line)
		path, ln, col, lok := rustcLocation(line)
		if lok != (lm != nil) || lok && (path != lm[1] || ln != lm[2] || col != lm[3]) {
			t.Errorf("%q: rustcLocation says %q %q %q %v, the regexp %q", line, path, ln, col, lok, lm)
		}
	}
	if headers < 100 {
		t.Errorf("only %d headers in %d lines: the corpus was not read", headers, len(lines))
	}
}
