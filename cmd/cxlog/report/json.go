package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"sync"

	"github.com/cxlog/cxlog/analyze"
	gojson "github.com/goccy/go-json"
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

// writeParseJSON streams records as they are read, so memory does not grow with the log. The
// workers render each batch's records into a buffer from a free list, and the buffer goes back
// once written: a run reuses the memory of its few batches in flight.
func writeParseJSON(w io.Writer, p *Parse) error {
	out := bufio.NewWriterSize(w, 1<<16)
	out.WriteString(`{"schema":"` + ParseSchema + `","files":[`)
	bufs := make(batchBuffers, batchBuffersKept)
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
			if dst == nil {
				dst = bufs.get()
			}
			return appendRecordLine(dst, r)
		}
		write := func(b []byte) {
			if b == nil {
				return
			}
			if first && len(b) > 0 {
				out.Write(b[1:]) // the first record has no comma before it
				first = false
			} else {
				out.Write(b)
			}
			bufs.put(b)
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

// batchBuffersKept bounds the free list: enough for the batches a pipeline has in flight.
const batchBuffersKept = 16

// batchBuffers is a free list of batch buffers; past its capacity a returned buffer is dropped.
type batchBuffers chan []byte

func (f batchBuffers) get() []byte {
	select {
	case b := <-f:
		return b[:0]
	default:
		return make([]byte, 0, 1<<20)
	}
}

func (f batchBuffers) put(b []byte) {
	select {
	case f <- b:
	default:
	}
}

// appendRecordLine appends ",", the record's JSON object with a leading "type" field, and a
// newline. The object is encoded straight after dst's "type" field, and its opening brace
// becomes the comma between the two.
func appendRecordLine(dst []byte, r analyze.Record) []byte {
	start := len(dst)
	dst = append(dst, `,{"type":"`...)
	dst = append(dst, analyze.RecordType(r)...)
	dst = append(dst, '"')
	obj := len(dst)
	e := recordEncoders.Get().(*recordEncoder)
	e.buf = dst
	err := e.enc.Encode(r) // the object and a newline
	dst, e.buf = e.buf, nil
	recordEncoders.Put(e)
	if err != nil || len(dst)-obj < 3 || dst[obj] != '{' || dst[obj+1] == '}' {
		dst = append(dst[:obj], '}', '\n') // no fields (every record type encodes to an object)
	} else {
		dst[obj] = ','
	}
	if rec := dst[start:]; needsJSONEscape(rec) {
		dst = append(dst[:start], escapeJSONControls(rec)...) // a copy: escaping is rare
	}
	return dst
}

// recordEncoder is a goccy/go-json Encoder that appends to buf. It writes what encoding/json's
// Marshal would, then a newline (TestRecordLinesAreEncodingJSONs holds it to that), in half
// the time: encoding/json was two thirds of what --json added to a parse.
type recordEncoder struct {
	buf []byte
	enc *gojson.Encoder
}

func (e *recordEncoder) Write(p []byte) (int, error) {
	e.buf = append(e.buf, p...)
	return len(p), nil
}

var recordEncoders = sync.Pool{New: func() any {
	e := &recordEncoder{}
	e.enc = gojson.NewEncoder(e)
	return e
}}
