package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/cxlog/cxlog/analyze/finding"
	"github.com/cxlog/cxlog/build"
	"github.com/cxlog/cxlog/build/engine"
)

const tailLines = 15

func textVerify(w *textWriter, v *engine.VerifyResult) {
	r := v.Report
	severity := finding.High
	if r.Outcome == build.OutcomePassed {
		severity = finding.Low
	}
	w.style(severityStyle(severity), fmt.Sprintf("verify: %s (exit %d)", r.Outcome, r.Outcome.ExitCode()))
	w.println()
	for _, ph := range []build.Phase{build.PhaseBuilding, build.PhaseFlashing, build.PhaseOpeningPort, build.PhaseWaiting} {
		if d, ok := r.Durations[ph]; ok {
			w.printf("  %-19s %s\n", ph, d.Round(time.Millisecond))
		}
	}
	if r.Port != "" && r.Phase != build.PhaseBuilding && r.Phase != build.PhaseFlashing {
		w.printf("  port                %s, %d bytes read", r.Port, r.SerialBytes)
		if r.SerialBytes > 0 {
			w.printf(", first byte %s after the device was released", r.FirstOutputLatency.Round(10*time.Microsecond))
		}
		w.println()
	}
	if len(r.Seen) > 0 {
		w.printf("  seen                %s\n", QuoteList(r.Seen))
	}
	if len(r.Missing) > 0 {
		w.printf("  not seen            %s\n", QuoteList(r.Missing))
	}
	if r.FailSeen != "" {
		w.printf("  fail text           %q in: %s\n", r.FailSeen, Truncate(r.FailLine, 200))
	}
	for _, s := range r.Steps {
		line := fmt.Sprintf("%d %s: %s", s.Index, s.Name, StepStatus(s))
		if s.Ran {
			line += fmt.Sprintf(" (%s)", s.Elapsed.Round(time.Millisecond))
		}
		w.printf("  %-19s %s\n", "step", Truncate(line, 200))
	}
	if c := r.Crash; c != nil {
		w.printf("  %-19s %s (%s): %s\n", "crash", c.Class, c.Detector, Truncate(c.Line, 200))
		if c.Location != "" {
			w.printf("  %-19s %s\n", "location", c.Location)
		}
		for _, f := range c.Frames {
			at := f.Location()
			if at == "" {
				at = "(no line table: build with debug info)"
			}
			w.printf("  %-19s %#x %s at %s\n", "frame", f.Address, f.Function, at)
		}
		if c.ELFErr != nil {
			w.printf("  %-19s %v\n", "addresses", c.ELFErr)
		}
	}
	if v.Config.Transcript != "" {
		w.printf("  transcript          %s\n", v.Config.Transcript)
	}
	if r.TranscriptErr != nil {
		w.printf("  transcript error    %v\n", r.TranscriptErr)
	}
	switch r.Outcome {
	case build.OutcomeBuildFailed:
		textTail(w, "build log", r.BuildLog)
		textDiagnosis(w, v)
	case build.OutcomeFlashFailed:
		textTail(w, "flash / emulator output", r.FlashLog)
		textTail(w, "after-open output", r.AfterOpenLog)
	case build.OutcomeTimedOut:
		if r.Phase == build.PhaseBuilding {
			textTail(w, "build log", r.BuildLog)
		} else {
			textTail(w, "flash output", r.FlashLog)
		}
	case build.OutcomeExpectNotSeen, build.OutcomeFailSeen, build.OutcomePanic, build.OutcomeException,
		build.OutcomeWatchdog, build.OutcomeBrownout, build.OutcomeBootLoop:
		textTail(w, "serial output", r.Transcript)
	}
}

// QuoteList quotes each text, Go-style, and joins them with commas.
func QuoteList(texts []string) string {
	q := make([]string, len(texts))
	for i, t := range texts {
		q[i] = fmt.Sprintf("%q", t)
	}
	return strings.Join(q, ", ")
}

// textTail prints the last lines of an output, indented.
func textTail(w *textWriter, what string, data []byte) {
	text := strings.TrimRight(string(data), "\r\n")
	if text == "" {
		return
	}
	lines := strings.Split(text, "\n")
	head := fmt.Sprintf("%s:", what)
	if len(lines) > tailLines {
		head = fmt.Sprintf("%s (last %d of %d lines):", what, tailLines, len(lines))
		lines = lines[len(lines)-tailLines:]
	}
	w.println("\n" + head)
	for _, l := range lines {
		w.printf("  | %s\n", Truncate(strings.TrimRight(l, "\r"), 200))
	}
}

// textDiagnosis prints what the failed build's log shows, with the command that applies the
// top fix.
func textDiagnosis(w *textWriter, v *engine.VerifyResult) {
	if v.DiagnosisErr != nil {
		w.printf("\n(the build log could not be analysed: %v)\n", v.DiagnosisErr)
		return
	}
	d := v.Diagnosis
	if d == nil {
		return
	}
	if len(d.Findings) > 0 {
		w.println("\nFindings:")
		textFindings(w, d.Findings)
	}
	if d.Known == nil {
		if len(d.Findings) == 0 {
			w.println("\nNo known failure matches this build log.")
		}
		return
	}
	m := d.Known
	w.printf("\nKnown failure: [%s] %s (id %s, confidence %s)\n", m.Entry.Class, m.Entry.Title, m.Entry.ID, m.Confidence)
	w.printf("  fix: %s\n", Wrap(strings.TrimSpace(m.Entry.Fix), 96, "       "))
	if len(m.Entry.Actions) > 0 {
		w.printf("  try it: cxlog fix --kb-id %s --verify (with these verify flags)\n", m.Entry.ID)
	}
}
