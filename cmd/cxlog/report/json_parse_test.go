package report

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/corpus/loggen"
	"github.com/cxlog/cxlog/grammar/logread"
)

// scanRecords reads every record of a log held in memory.
func scanRecords(t testing.TB, name string, log []byte) []analyze.Record {
	t.Helper()
	src, err := logread.NewSource(name, io.NopCloser(bytes.NewReader(log)))
	if err != nil {
		t.Fatal(err)
	}
	var recs []analyze.Record
	if _, err := analyze.Scan(src, analyze.Options{}, func(r analyze.Record) { recs = append(recs, r) }); err != nil {
		t.Fatal(err)
	}
	return recs
}

// marshalledRecordLine is a record line as encoding/json.Marshal spells it: the reference
// appendRecordLine must match byte for byte.
func marshalledRecordLine(t *testing.T, r analyze.Record) []byte {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	line := []byte(`,{"type":"` + RecordType(r) + `"`)
	if len(b) > 2 {
		line = append(append(line, ','), b[1:]...)
	} else {
		line = append(line, '}')
	}
	return append(escapeJSONControls(line), '\n')
}

// Every record of every corpus log, of a generated log and of hostile strings (HTML, C1
// controls, DEL, invalid UTF-8, U+2028) renders exactly as encoding/json.Marshal writes it.
func TestRecordLinesAreEncodingJSONs(t *testing.T) {
	var recs []analyze.Record
	var logs []string
	for _, pattern := range []string{"*/*.log", "*/*.txt", "holdout*/*.md", "public/*.md", "pairs/*/*.log"} {
		m, err := filepath.Glob(filepath.Join("../../../corpus", pattern))
		if err != nil {
			t.Fatal(err)
		}
		logs = append(logs, m...)
	}
	if len(logs) < 200 {
		t.Fatalf("%d corpus logs", len(logs))
	}
	for _, p := range logs {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, scanRecords(t, p, b)...)
	}
	var gen bytes.Buffer
	if _, err := loggen.Generate(&gen, 1<<20, 7); err != nil {
		t.Fatal(err)
	}
	recs = append(recs, scanRecords(t, "gen.log", gen.Bytes())...)
	hostile := "<a href=\"x\">&</a> \x1b[31m \u009b2J \x7f \xff\xfe \u2028\u2029 é ✓ \t\\"
	status := 1
	recs = append(recs,
		&analyze.Diagnostic{Kind: analyze.DiagTool, Severity: analyze.SeverityError, Message: hostile, Text: []string{hostile},
			Location: &analyze.Location{Path: hostile, Line: 3}, ExitStatus: &status},
		&analyze.EnvVar{Key: hostile, Original: hostile, Value: hostile},
		&analyze.Invocation{Program: hostile, Env: []analyze.EnvVar{{Key: "K", Value: hostile}}, Args: []string{hostile, ""}},
		&analyze.NixTrace{}, &analyze.ParseError{Text: hostile})
	kinds := map[string]bool{}
	for _, r := range recs {
		kinds[RecordType(r)] = true
		want := marshalledRecordLine(t, r)
		got := appendRecordLine([]byte("prefix"), r)
		if !bytes.Equal(got, append([]byte("prefix"), want...)) {
			t.Fatalf("%T:\n got %s\nwant %s", r, got, want)
		}
	}
	for _, k := range []string{"invocation", "linker_command", "diagnostic", "env", "cargo_command", "nix_trace", "build_output", "parse_error"} {
		if !kinds[k] {
			t.Errorf("no %s record among the %d checked", k, len(recs))
		}
	}
}
