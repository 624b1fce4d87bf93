package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strconv"

	"github.com/cxlog/cxlog/analyze"
)

func init() { Register(JSON, func(Options) Reporter { return jsonReporter{} }) }

// jsonReporter writes each result as its cxlog.*/v1 schema, indented; parse streams its
// records one a line. Control characters are escaped (\u001b, \u009b).
type jsonReporter struct{}

// wired is a result with a JSON wire form.
type wired interface{ wire() any }

func (jsonReporter) Write(w io.Writer, r Result) error {
	if p, ok := r.(*Parse); ok {
		return writeParseJSON(w, p)
	}
	if s, ok := r.(*Scan); ok {
		return writeScanJSON(w, s)
	}
	v, ok := r.(wired)
	if !ok {
		return &UnsupportedError{JSON, r.Schema()}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v.wire()); err != nil {
		return err
	}
	if _, err := w.Write(escapeJSONControls(buf.Bytes())); err != nil {
		return &WriteError{Err: err}
	}
	return nil
}

// writeParseJSON streams records as they are read, so memory does not grow with the log.
func writeParseJSON(w io.Writer, p *Parse) error {
	out := bufio.NewWriterSize(w, 1<<16)
	out.WriteString(`{"schema":"` + ParseSchema + `","files":[`)
	for i, f := range p.Files {
		if i > 0 {
			out.WriteByte(',')
		}
		name, _ := json.Marshal(f.Name)
		out.WriteString(`{"name":`)
		out.Write(escapeJSONControls(name))
		out.WriteString(`,"records":[`)
		first := true
		render := func(dst []byte, r analyze.Record) []byte {
			return append(appendTypedRecord(append(dst, ','), r), '\n')
		}
		write := func(b []byte) {
			if first && len(b) > 0 {
				b, first = b[1:], false // the first record has no comma before it
			}
			out.Write(b)
		}
		lines, err := f.ScanRendered(render, write)
		if err != nil {
			out.Flush()
			return err
		}
		out.WriteString(`],"lines":`)
		out.Write(strconv.AppendInt(nil, int64(lines), 10))
		out.WriteByte('}')
	}
	out.WriteString("]}\n")
	if err := out.Flush(); err != nil {
		return &WriteError{Err: err}
	}
	return nil
}

// RecordType names a record's type in JSON.
func RecordType(r analyze.Record) string {
	switch r.(type) {
	case *analyze.Invocation:
		return "invocation"
	case *analyze.LinkerCommand:
		return "linker_command"
	case *analyze.Diagnostic:
		return "diagnostic"
	case *analyze.EnvVar:
		return "env"
	case *analyze.CargoCommand:
		return "cargo_command"
	case *analyze.NixTrace:
		return "nix_trace"
	case *analyze.BuildOutput:
		return "build_output"
	case *analyze.ParseError:
		return "parse_error"
	}
	return "unknown"
}

// appendTypedRecord appends the record's JSON object with a leading "type" field.
func appendTypedRecord(dst []byte, r analyze.Record) []byte {
	b, err := json.Marshal(r)
	if err != nil || len(b) < 2 || b[0] != '{' { // every record type marshals to an object
		b = []byte("{}")
	}
	b = escapeJSONControls(b)
	dst = append(dst, `{"type":"`...)
	dst = append(dst, RecordType(r)...)
	dst = append(dst, '"')
	if len(b) > 2 {
		dst = append(dst, ',')
	}
	return append(dst, b[1:]...)
}
