package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/grammar/logread"
	"golang.org/x/text/encoding/unicode"
)

// The same log saved with a UTF-8 byte-order mark, or by PowerShell as UTF-16 with CRLF, is
// explained as the plain file is.
func TestExplainIgnoresTheLogsEncoding(t *testing.T) {
	plain, err := os.ReadFile(seed + "s05-linker-cc-explicit.log")
	if err != nil {
		t.Fatal(err)
	}
	crlf := strings.ReplaceAll(string(plain), "\n", "\r\n")
	dir := t.TempDir()
	variants := map[string][]byte{"plain": plain, "utf8-bom": append([]byte("\xef\xbb\xbf"), plain...)}
	for name, e := range map[string]unicode.Endianness{"utf16le": unicode.LittleEndian, "utf16be": unicode.BigEndian} {
		b, err := unicode.UTF16(e, unicode.UseBOM).NewEncoder().Bytes([]byte(crlf))
		if err != nil {
			t.Fatal(err)
		}
		variants[name] = b
	}
	explain := func(path string) string {
		code, out, stderr := cli(t, "", "explain", "--json", path)
		if code != exitOK {
			t.Fatalf("%s: exit %d, %s", path, code, stderr)
		}
		var res struct {
			Class   string
			Matches []struct {
				ID           string
				Score        float64
				MatchedLines []struct{ Text string } `json:"matched_lines"`
			}
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Matches) == 0 {
			t.Fatalf("%s: %v, %s", path, err, out)
		}
		top := res.Matches[0]
		return fmt.Sprintf("%s %s %.2f %q", res.Class, top.ID, top.Score, top.MatchedLines[0].Text)
	}
	want := ""
	for _, name := range []string{"plain", "utf8-bom", "utf16le", "utf16be"} {
		path := filepath.Join(dir, name+".log")
		if err := os.WriteFile(path, variants[name], 0o644); err != nil {
			t.Fatal(err)
		}
		got := explain(path)
		if name == "plain" {
			want = got
		} else if got != want {
			t.Errorf("%s: %q, plain file: %q", name, got, want)
		}
	}
}

// A line longer than the reader's cap is said to be cut, in the summary and in JSON.
func TestParseSaysALineWasCut(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and reads a 64 MiB line")
	}
	path := filepath.Join(t.TempDir(), "long.log")
	long := "error: " + strings.Repeat("x", logread.MaxLineBytes)
	if err := os.WriteFile(path, []byte("   Compiling a v0.1.0\n"+long+"\nerror: could not compile `a`\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := cli(t, "", "parse", path)
	if code != exitOK || !strings.Contains(out, "Lines longer than 64 MiB were cut there, in the records at lines 2\n") {
		t.Errorf("summary: exit %d, does not say line 2 was cut: %.300s", code, out[max(0, len(out)-300):])
	}
	code, out, _ = cli(t, "", "parse", "--json", path)
	if code != exitOK || strings.Count(out, `"truncated":true`) != 1 || len(out) > logread.MaxLineBytes+64<<10 {
		t.Errorf("JSON: exit %d, %d times \"truncated\":true, %d bytes (the cut line once is %d)", code, strings.Count(out, `"truncated":true`), len(out), logread.MaxLineBytes)
	}
}
