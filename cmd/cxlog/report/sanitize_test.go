package report

import (
	"bytes"
	"encoding/json"
	"github.com/cxlog/cxlog/build"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/build/engine"
	"github.com/cxlog/cxlog/build/engine/scan"
	"github.com/cxlog/cxlog/knowledge"
)

func TestSanitizeMakesControlsVisible(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text\twith a tab\n", "plain text\twith a tab\n"},
		{"\x1b]52;c;ZWNobyBwd25lZA==\x07", "^[]52;c;ZWNobyBwd25lZA==^G"},
		{"\x1b[2J\x1b[H", "^[[2J^[[H"},
		{"\x1b]0;title\x1b\\", "^[]0;title^[\\"},
		{"abc\bd", "abc^Hd"},
		{"cr\roverwrite", "cr^Moverwrite"},
		{"lone esc at end\x1b", "lone esc at end^["},
		{"del\x7f", "del^?"},
		{"c1 csi \u009b2J and osc \u009d0;t\u009c", `c1 csi \x9b2J and osc \x9d0;t\x9c`},
		{"raw byte \x9b31m", `raw byte \x9b31m`},
		{"utf-8 stays: é ✓ «»", "utf-8 stays: é ✓ «»"},
	} {
		if got := Sanitize(tc.in); got != tc.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// A C1 control split over two writes is still caught; a split é still arrives whole.
func TestTextWriterAcrossWrites(t *testing.T) {
	var out bytes.Buffer
	w := newTextWriter(&out, true)
	w.Write([]byte("a\xc2"))
	w.Write([]byte("\x9bb \xc3"))
	w.Write([]byte("\xa9 "))
	w.style("1;31", "red\x1b[0m")
	w.Write([]byte(" end\xc2"))
	if err := w.flush(); err != nil {
		t.Fatal(err)
	}
	want := "a\\x9bb é \x1b[1;31mred^[[0m\x1b[0m end\\xc2"
	if out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

func TestJSONEscapesC1AndDEL(t *testing.T) {
	var out bytes.Buffer
	hit := knowledge.SearchHit{Entry: &knowledge.Entry{ID: "e", Title: "t\x1b]0;x\x07\u009b2J\u009d"}}
	if err := (jsonReporter{}).Write(&out, &Search{Hits: []knowledge.SearchHit{hit}}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"title": "t\u001b]0;x\u0007\u009b2J\u009d"`) {
		t.Errorf("JSON: %s", out.String())
	}
	got := escapeJSONControls([]byte(`{"a":"x` + "\u009b\u009d\x7f\u00a0" + `"}`))
	want := `{"a":"x\u009b\u009d\u007f` + "\u00a0" + `"}`
	if string(got) != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	var v map[string]string
	if err := json.Unmarshal(got, &v); err != nil || v["a"] != "x\u009b\u009d\x7f\u00a0" {
		t.Errorf("escaped JSON reads back as %q (%v)", v["a"], err)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errFull }

var errFull = &fullError{}

type fullError struct{}

func (*fullError) Error() string { return "no space left on device" }

// A write error is returned by every format, never dropped.
func TestWriteErrorsAreReturned(t *testing.T) {
	for _, format := range Formats() {
		rep, err := New(format, Options{})
		if err != nil {
			t.Fatal(err)
		}
		err = rep.Write(failingWriter{}, &Check{CheckResult: &engine.CheckResult{Log: "build.log"}})
		if _, unsupported := err.(*UnsupportedError); unsupported { // ndjson shows only scan
			err = rep.Write(failingWriter{}, &Scan{Run: func(emit func(scan.Log) error) (scan.Summary, error) {
				for range 2000 { // more than a buffer's worth
					if err := emit(scan.Log{Path: "build.log", Class: "unknown"}); err != nil {
						return scan.Summary{}, err
					}
				}
				return scan.Summary{Logs: 2000}, nil
			}})
		}
		if _, unsupported := err.(*UnsupportedError); unsupported { // junit shows only verify
			err = rep.Write(failingWriter{}, &Verify{VerifyResult: &engine.VerifyResult{Report: build.Report{Outcome: build.OutcomePassed}}})
		}
		if err == nil || !strings.Contains(err.Error(), "no space left") {
			t.Errorf("%s: err = %v", format, err)
		}
	}
}
