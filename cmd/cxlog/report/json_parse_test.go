package report

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
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
	line := []byte(`,{"type":"` + analyze.RecordType(r) + `"`)
	if len(b) > 2 {
		line = append(append(line, ','), b[1:]...)
	} else {
		line = append(line, '}')
	}
	return append(escapeJSONControls(line), '\n')
}

// Every record of every corpus log, of a generated log, of hostile strings (HTML, C1 controls,
// DEL, invalid UTF-8, U+2028) and of each record type with every field empty and every field
// set renders exactly as encoding/json.Marshal writes it.
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
	for _, r := range []analyze.Record{&analyze.Invocation{}, &analyze.LinkerCommand{}, &analyze.Diagnostic{}, &analyze.EnvVar{},
		&analyze.CargoCommand{}, &analyze.NixTrace{}, &analyze.BuildOutput{}, &analyze.ParseError{}} {
		recs = append(recs, r) // every field empty: each omitempty at work
		full := reflect.New(reflect.TypeOf(r).Elem())
		fill(full.Elem(), hostile)
		recs = append(recs, full.Interface().(analyze.Record))
	}
	kinds := map[string]bool{}
	for _, r := range recs {
		kinds[analyze.RecordType(r)] = true
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

// fill sets every field of v, recursively: strings to s, integers to 7, floats to one that
// JSON spells with an exponent, booleans true, two elements in each slice and map, pointers to
// filled values.
func fill(v reflect.Value, s string) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(s)
	case reflect.Int, reflect.Int64:
		v.SetInt(7)
	case reflect.Float64:
		v.SetFloat(1e21 / 3)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		for _, k := range []string{"b", "a<"} {
			e := reflect.New(v.Type().Elem()).Elem()
			fill(e, s)
			v.SetMapIndex(reflect.ValueOf(k).Convert(v.Type().Key()), e)
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), s)
		}
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), s)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), s)
		}
	default:
		panic("fill: a record field of kind " + v.Kind().String())
	}
}

// parse --json through the real pipeline (batches rendered on two workers into reused buffers,
// written in log order) writes exactly the records analyze.Scan reads, each as
// encoding/json.Marshal spells it, for two files in a row.
func TestParseJSONStreamsEveryRecordInLogOrder(t *testing.T) {
	var log bytes.Buffer
	if _, err := loggen.Generate(&log, 6<<20, 3); err != nil { // ≈ 4,500 lines: several batches
		t.Fatal(err)
	}
	open := func() *logread.Source {
		src, err := logread.NewSource("gen.log", io.NopCloser(bytes.NewReader(log.Bytes())))
		if err != nil {
			t.Fatal(err)
		}
		return src
	}
	file := ParseFile{Name: "gen.log", ScanRendered: func(render func([]byte, analyze.Record) []byte, write func([]byte)) (int, error) {
		return analyze.ScanRendered(open(), analyze.Options{Workers: 2}, render, write)
	}}
	var out bytes.Buffer
	if err := writeParseJSON(&out, &Parse{Files: []ParseFile{file, file}}); err != nil {
		t.Fatal(err)
	}
	var records []byte
	lines, err := analyze.Scan(open(), analyze.Options{Workers: 1}, func(r analyze.Record) {
		records = append(records, marshalledRecordLine(t, r)...)
	})
	if err != nil || len(records) == 0 {
		t.Fatalf("%d bytes of records, %v", len(records), err)
	}
	one := `{"name":"gen.log","records":[` + string(records[1:]) + `],"lines":` + strconv.Itoa(lines) + `}`
	want := `{"schema":"cxlog.parse/v1","files":[` + one + `,` + one + "]}\n"
	if out.String() != want {
		i := 0
		for i < min(out.Len(), len(want)) && out.String()[i] == want[i] {
			i++
		}
		t.Fatalf("output differs at byte %d of %d (want %d):\n got …%.200s\nwant …%.200s", i, out.Len(), len(want), out.String()[i:], want[i:])
	}
}

// FuzzRecordLine holds appendRecordLine to encoding/json on any text a log can carry.
func FuzzRecordLine(f *testing.F) {
	f.Add("error: linking with `cc` failed", "<&>\u2028", 3, true)
	f.Add("\xed\xa0\x80 \xf4\x90\x80\x80 \xc0\xaf", "\x00\x1f\u007f\u0080\u009f\ufeff", -1, false)
	f.Fuzz(func(t *testing.T, a, b string, n int, yes bool) {
		for _, r := range []analyze.Record{
			&analyze.Diagnostic{Message: a, Code: b, Text: []string{a, b}, NoteLines: []int{n}, ExitStatus: &n,
				Span: analyze.Span{File: b, Start: n, Truncated: yes}},
			&analyze.Invocation{Program: a, Args: []string{b}, Cfgs: []analyze.Cfg{{Name: a, Value: b, HasValue: yes}}},
			&analyze.EnvVar{Key: a, Value: b, Line: n},
		} {
			want := marshalledRecordLine(t, r)
			if got := appendRecordLine(nil, r); !bytes.Equal(got, want) {
				t.Fatalf("%T:\n got %q\nwant %q", r, got, want)
			}
		}
	})
}
