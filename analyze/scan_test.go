package analyze

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/grammar/logread"
	"golang.org/x/tools/txtar"
)

// TestScan reads the cases of testdata/scan/*.txtar: each NAME.log in an archive is a log,
// NAME.want the records it must read, one cxlog.parse/v1 record a line, in log order. The
// archive's comment says what the case is about. `go test ./analyze -run TestScan -update`
// rewrites the wants: review the diff.
func TestScan(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "scan", "*.txtar"))
	if err != nil || len(paths) < 30 {
		t.Fatalf("%d scan cases, %v", len(paths), err)
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			wants := map[string]*txtar.File{}
			for i := range ar.Files {
				if name, ok := strings.CutSuffix(ar.Files[i].Name, ".want"); ok {
					wants[name] = &ar.Files[i]
				}
			}
			var files []txtar.File
			logs := 0
			for _, f := range ar.Files {
				name, ok := strings.CutSuffix(f.Name, ".log")
				if !ok {
					continue
				}
				logs++
				got := scanRecordLines(t, f.Data)
				files = append(files, f, txtar.File{Name: name + ".want", Data: got})
				want := wants[name]
				switch {
				case *update:
				case want == nil:
					t.Errorf("%s: no %s.want (run with -update and review)", f.Name, name)
				case !bytes.Equal(got, want.Data):
					t.Errorf("%s: records differ from %s.want:\n%s", f.Name, name, lineDiff(string(got), string(want.Data)))
				}
				delete(wants, name)
			}
			if logs == 0 {
				t.Fatal("no .log file in the archive")
			}
			for name := range wants {
				if !*update {
					t.Errorf("%s.want has no %s.log", name, name)
				}
			}
			if *update {
				ar.Files = files
				if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// Every registered recognizer has its cases: testdata/scan/<its name>*.txtar.
func TestEveryRecognizerHasScanCases(t *testing.T) {
	for _, r := range recognizers {
		paths, _ := filepath.Glob(filepath.Join("testdata", "scan", r.name+"*.txtar"))
		if len(paths) == 0 {
			t.Errorf("recognizer %s has no testdata/scan/%s*.txtar", r.name, r.name)
		}
	}
}

// scanRecordLines reads a log and renders its records as cxlog.parse/v1 does, one a line.
func scanRecordLines(t *testing.T, data []byte) []byte {
	t.Helper()
	src, err := logread.NewSource("", io.NopCloser(bytes.NewReader(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := Scan(src, Options{}, func(r Record) {
		if pe, ok := r.(*ParseError); ok && pe.Err != "" {
			copy := *pe
			copy.Err = "(the grammar's message)"
			r = &copy
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		out.WriteString(`{"type":"` + RecordType(r) + `",`)
		out.Write(b[1:])
		out.WriteByte('\n')
	}); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// lineDiff shows the lines of got and want that differ.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var b strings.Builder
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			b.WriteString("record " + strconv.Itoa(i+1) + ":\n  got  " + gl + "\n  want " + wl + "\n")
		}
	}
	return b.String()
}
