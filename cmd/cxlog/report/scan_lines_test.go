package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/analyze/class"
	"github.com/cxlog/cxlog/build/engine/scan"
)

// threeLogs is a scan of three logs, the second unreadable.
func threeLogs() *Scan {
	return &Scan{Run: func(emit func(scan.Log) error) (scan.Summary, error) {
		for _, l := range []scan.Log{
			{Path: "a.log", Class: class.Unknown, Fingerprint: "f1"},
			{Path: "gone.log", Err: errors.New("no such file")},
			{Path: "c.log", Class: class.Unknown, Entry: "e", Body: "<\u009b>", Fingerprint: "f3"},
		} {
			if err := emit(l); err != nil {
				return scan.Summary{}, err
			}
		}
		return scan.Summary{Logs: 2, Skipped: 1}, nil
	}}
}

// scan --format json and ndjson, one write loop: each readable log one line, in order, the
// unreadable one left out, C1 controls escaped; json's framing and summary around them.
func TestScanLinesShapes(t *testing.T) {
	var js, nd bytes.Buffer
	if err := (jsonReporter{}).Write(&js, threeLogs()); err != nil {
		t.Fatal(err)
	}
	if err := (ndjsonReporter{}).Write(&nd, threeLogs()); err != nil {
		t.Fatal(err)
	}
	var got scanWire
	if err := json.Unmarshal(js.Bytes(), &got); err != nil {
		t.Fatalf("scan json: %v\n%s", err, js.String())
	}
	if got.Schema != ScanSchema || len(got.Logs) != 2 || got.Logs[0].Path != "a.log" || got.Logs[1].Path != "c.log" ||
		got.LogsRead != 2 || got.Skipped != 1 || got.Logs[1].Body != "<\u009b>" {
		t.Errorf("scan json: %+v", got)
	}
	if n := strings.Count(js.String(), "\n"); n != 3 {
		t.Errorf("scan json has %d lines, want 3 (two logs and the summary):\n%s", n, js.String())
	}
	lines := strings.Split(strings.TrimSuffix(nd.String(), "\n"), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], `"log.file.path":"a.log"`) || !strings.Contains(lines[1], `"log.file.path":"c.log"`) {
		t.Fatalf("ndjson lines:\n%s", nd.String())
	}
	for _, out := range []string{js.String(), nd.String()} {
		if !strings.Contains(out, `"\u003c\u009b\u003e"`) {
			t.Errorf("the body is not escaped:\n%s", out)
		}
	}
}
