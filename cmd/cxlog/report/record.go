package report

import (
	"github.com/cxlog/cxlog/build/engine"
	"github.com/cxlog/cxlog/build/record"
)

// RecordSchema is the JSON schema of cxlog record (the bundle's bundle.json).
const RecordSchema = record.Schema

// Record is a recorded build.
type Record struct{ *engine.RecordResult }

func (*Record) Schema() string { return RecordSchema }

// RecordJSON is cxlog.record/v1: the bundle's manifest and where it is.
type RecordJSON struct {
	Bundle string `json:"bundle"`
	*record.Manifest
}

func (r *Record) wire() any { return RecordJSON{r.Bundle, r.Manifest} }

func textRecord(w *textWriter, r *Record) {
	w.printf("cxlog record: the build exited %d; bundle %s (%d files kept, %d tool versions)\n",
		r.Manifest.ExitCode, r.Bundle, len(r.Manifest.Files), len(r.Manifest.Tools))
}
