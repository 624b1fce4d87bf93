package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/cxlog/cxlog/build/engine/scan"
	"github.com/olekukonko/tablewriter"
)

// The schemas of cxlog scan's results.
const (
	ScanSchema      = "cxlog.scan/v1"
	ScanGroupSchema = "cxlog.scan-group/v1"
)

// Scan streams a scan's logs: Run calls emit with each log, in input order, as it is explained.
// The reporter writes each log as it comes, so memory does not grow with the number of logs.
type Scan struct {
	Run func(emit func(scan.Log) error) (scan.Summary, error)
}

// ScanGroup is a scan's recurring failures.
type ScanGroup struct {
	Groups []scan.Group
	scan.Summary
}

func (*Scan) Schema() string      { return ScanSchema }
func (*ScanGroup) Schema() string { return ScanGroupSchema }

// scanLogWire is one log of cxlog.scan/v1.
type scanLogWire struct {
	Path        string            `json:"path"`
	Time        string            `json:"time,omitempty"`
	Class       string            `json:"class"`
	Guess       string            `json:"guess,omitempty"`
	Entry       string            `json:"entry,omitempty"`
	Confidence  float64           `json:"confidence"`
	Body        string            `json:"body,omitempty"`
	Target      string            `json:"target,omitempty"`
	Crate       string            `json:"crate,omitempty"`
	Fingerprint string            `json:"fingerprint"`
	Attributes  map[string]string `json:"attributes,omitempty"`
}

func scanLogWireOf(l scan.Log) scanLogWire {
	return scanLogWire{Path: l.Path, Time: rfc3339(l.Time), Class: string(l.Class), Guess: string(l.Guess), Entry: l.Entry,
		Confidence: round4(l.Confidence), Body: l.Body, Target: l.Target, Crate: l.Crate, Fingerprint: l.Fingerprint, Attributes: l.Attrs}
}

// scanWire is the whole of cxlog.scan/v1, which writeScanJSON streams; its JSON Schema is
// generated from it.
type scanWire struct {
	Schema   string        `json:"schema"`
	Logs     []scanLogWire `json:"logs"`
	LogsRead int           `json:"logs_read"`
	Skipped  int           `json:"skipped"`
}

// writeScanJSON streams {"schema", "logs": [...], "logs_read", "skipped"}, one log a line.
func writeScanJSON(w io.Writer, s *Scan) error {
	return writeScanLines(w, s, scanLines{
		head: `{"schema":"` + ScanSchema + `","logs":[`,
		sep:  ",",
		wire: func(l scan.Log) any { return scanLogWireOf(l) },
		tail: func(sum scan.Summary) string {
			return fmt.Sprintf(`],"logs_read":%d,"skipped":%d}`+"\n", sum.Logs, sum.Skipped)
		},
	})
}

// scanLines is a shape of streamed scan output: head, then each readable log's wire form as
// one JSON line, sep between two of them, then tail of the summary.
type scanLines struct {
	head, sep string
	wire      func(scan.Log) any
	tail      func(scan.Summary) string
}

// writeScanLines writes each log as it comes, so memory does not grow with the number of logs;
// an unreadable log is not among them (the command reports it on stderr).
func writeScanLines(w io.Writer, s *Scan, shape scanLines) error {
	out := bufio.NewWriterSize(w, 1<<16)
	out.WriteString(shape.head)
	n := 0
	sum, err := s.Run(func(l scan.Log) error {
		if l.Err != nil {
			return nil
		}
		if n > 0 {
			out.WriteString(shape.sep)
		}
		n++
		b, _ := json.Marshal(shape.wire(l))
		out.Write(escapeJSONControls(b))
		return writeErr(out.WriteByte('\n'))
	})
	if err != nil {
		out.Flush()
		return err
	}
	if shape.tail != nil {
		out.WriteString(shape.tail(sum))
	}
	return writeErr(out.Flush())
}

func textScan(w *textWriter, s *Scan) error {
	sum, err := s.Run(func(l scan.Log) error {
		if l.Err != nil {
			return nil
		}
		w.printf("%s\t%.2f\t%s\t%s\t%s\n", l.Class, l.Confidence, dash(l.Entry), l.Fingerprint, l.Path)
		return writeErr(w.flush())
	})
	if err != nil {
		return err
	}
	w.printf("%d logs explained, %d skipped\n", sum.Logs, sum.Skipped)
	return nil
}

type scanGroupWire struct {
	Schema  string      `json:"schema"`
	Groups  []groupWire `json:"groups"`
	Logs    int         `json:"logs_read"`
	Skipped int         `json:"skipped"`
}

type groupWire struct {
	Fingerprint string `json:"fingerprint"`
	Class       string `json:"class"`
	Guess       string `json:"guess,omitempty"`
	Entry       string `json:"entry,omitempty"`
	Body        string `json:"body,omitempty"`
	Count       int    `json:"count"`
	FirstSeen   string `json:"first_seen"`
	LastSeen    string `json:"last_seen"`
	Example     string `json:"example"`
}

func (g *ScanGroup) wire() any {
	w := scanGroupWire{Schema: ScanGroupSchema, Groups: []groupWire{}, Logs: g.Logs, Skipped: g.Skipped}
	for _, gr := range g.Groups {
		w.Groups = append(w.Groups, groupWire{Fingerprint: gr.Fingerprint, Class: string(gr.Class), Guess: string(gr.Guess), Entry: gr.Entry,
			Body: gr.Body, Count: gr.Count, FirstSeen: rfc3339(gr.First), LastSeen: rfc3339(gr.Last), Example: gr.Example})
	}
	return w
}

func textScanGroup(w *textWriter, g *ScanGroup) {
	w.printf("Recurring failures: %d logs in %d groups (%d skipped)\n", g.Logs, len(g.Groups), g.Skipped)
	t := tablewriter.NewWriter(w)
	t.Header([]string{"count", "class", "entry", "first seen", "last seen", "fingerprint", "cause"})
	for _, gr := range g.Groups {
		t.Append([]string{fmt.Sprint(gr.Count), string(gr.Class), dash(gr.Entry), day(gr.First), day(gr.Last), gr.Fingerprint, Truncate(gr.Body, 80)})
	}
	t.Render()
}

// writeErr is a failed write as the reporters return it.
func writeErr(err error) error {
	if err == nil {
		return nil
	}
	return &WriteError{Err: err}
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func day(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04")
}

func round4(f float64) float64 { return math.Round(f*1e4) / 1e4 }
