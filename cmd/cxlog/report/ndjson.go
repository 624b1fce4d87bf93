package report

import (
	"io"

	"github.com/cxlog/cxlog/analyze/class"
	"github.com/cxlog/cxlog/build/engine/scan"
)

// NDJSON is the format of cxlog scan for log stores: one JSON object a line per log.
const NDJSON = "ndjson"

func init() { Register(NDJSON, func(Options) Reporter { return ndjsonReporter{} }) }

// ndjsonReporter writes each scanned log as one line shaped after the OpenTelemetry logs data
// model (https://opentelemetry.io/docs/specs/otel/logs/data-model/): Timestamp, SeverityText,
// SeverityNumber, Body and flat, dotted Attributes.
type ndjsonReporter struct{}

// otelLog is one line of --format ndjson; README "Many logs" describes it.
type otelLog struct {
	Timestamp      string         `json:"Timestamp"`
	SeverityText   string         `json:"SeverityText"`
	SeverityNumber int            `json:"SeverityNumber"`
	Body           string         `json:"Body"`
	Attributes     map[string]any `json:"Attributes"`
}

// The OpenTelemetry severity numbers of the levels a scanned log gets.
const (
	severityInfo  = 9
	severityWarn  = 13
	severityError = 17
)

func (ndjsonReporter) Write(w io.Writer, r Result) error {
	s, ok := r.(*Scan)
	if !ok {
		return &UnsupportedError{NDJSON, r.Schema()}
	}
	return writeScanLines(w, s, scanLines{wire: OTelLog})
}

// OTelLog is a scanned log in the shape of an OpenTelemetry log record: ERROR when explain
// named a class, WARN when it only has a guess, INFO when nothing matched.
func OTelLog(l scan.Log) any {
	attrs := map[string]any{}
	for k, v := range l.Attrs {
		attrs[k] = v
	}
	attrs["cxlog.class"] = string(l.Class)
	attrs["cxlog.entry"] = l.Entry
	attrs["cxlog.confidence"] = round4(l.Confidence)
	attrs["cxlog.fingerprint"] = l.Fingerprint
	attrs["cxlog.target"] = l.Target
	attrs["cxlog.crate"] = l.Crate
	attrs["log.file.path"] = l.Path
	text, number := "INFO", severityInfo
	switch {
	case l.Class != class.Unknown:
		text, number = "ERROR", severityError
	case l.Entry != "":
		text, number = "WARN", severityWarn
	}
	return otelLog{Timestamp: rfc3339(l.Time), SeverityText: text, SeverityNumber: number, Body: l.Body, Attributes: attrs}
}
