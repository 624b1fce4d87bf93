package report

import (
	"io"
	"strings"
	"unicode/utf8"

	"github.com/cxlog/cxlog/analyze/finding"
)

func init() { Register(Text, func(o Options) Reporter { return textReporter{o} }) }

// textReporter writes what a person reads. The renderers of each result are in text_*.go.
type textReporter struct{ opts Options }

func (t textReporter) Write(w io.Writer, r Result) error {
	tw := newTextWriter(w, t.opts.Color)
	var err error
	switch r := r.(type) {
	case *Parse:
		err = textParse(tw, r)
	case *Diff:
		textDiff(tw, r)
	case *Check:
		textCheck(tw, r)
	case *Explain:
		textExplain(tw, r)
	case *Search:
		textSearch(tw, r)
	case *KBList:
		textKBList(tw, r)
	case *KBShow:
		textKBShow(tw, r)
	case *KBLint:
		textKBLint(tw, r)
	case *Eval:
		textEval(tw, r)
	case *Verify:
		textVerify(tw, r.VerifyResult)
	case *Fix:
		textFix(tw, r)
	case *Doctor:
		textDoctor(tw, r)
	case *Scan:
		err = textScan(tw, r)
	case *ScanGroup:
		textScanGroup(tw, r)
	case *Record:
		textRecord(tw, r)
	default:
		return &UnsupportedError{Text, r.Schema()}
	}
	if werr := tw.flush(); werr != nil {
		return &WriteError{Err: werr}
	}
	return err
}

// severityStyle is the colour of a heading of that severity.
func severityStyle(severity string) string {
	switch severity {
	case finding.High:
		return "1;31"
	case finding.Low:
		return "36"
	}
	return "33"
}

// Wrap breaks text at spaces so lines stay under width, indenting continuation lines.
func Wrap(s string, width int, indent string) string {
	var b strings.Builder
	col := 0
	for i, word := range strings.Fields(s) {
		if i > 0 {
			if col+1+len(word) > width {
				b.WriteString("\n" + indent)
				col = 0
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(word)
		col += len(word)
	}
	return b.String()
}

// Truncate cuts s to at most n bytes, at a character boundary, marking the cut with an ellipsis.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
