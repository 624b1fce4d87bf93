package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/class"
	"github.com/cxlog/cxlog/analyze/finding"
	"github.com/cxlog/cxlog/build"
	"github.com/cxlog/cxlog/grammar/logread"
	"github.com/cxlog/cxlog/knowledge"
	"github.com/cxlog/cxlog/knowledge/annotate"
	"github.com/cxlog/cxlog/knowledge/explain"
)

const tailLines = 15

func renderVerifyReport(w io.Writer, io *IO, cfg build.Config, r build.Report) {
	severity := finding.High
	if r.Outcome == build.OutcomePassed {
		severity = finding.Low
	}
	fmt.Fprintln(w, paint(io, fmt.Sprintf("verify: %s (exit %d)", r.Outcome, r.Outcome.ExitCode()), severity))
	for _, ph := range []build.Phase{build.PhaseBuilding, build.PhaseFlashing, build.PhaseOpeningPort, build.PhaseWaiting} {
		if d, ok := r.Durations[ph]; ok {
			fmt.Fprintf(w, "  %-19s %s\n", ph, d.Round(time.Millisecond))
		}
	}
	if r.Port != "" && r.Phase != build.PhaseBuilding && r.Phase != build.PhaseFlashing {
		fmt.Fprintf(w, "  port                %s, %d bytes read", r.Port, r.SerialBytes)
		if r.SerialBytes > 0 {
			fmt.Fprintf(w, ", first byte %s after the device was released", r.FirstOutputLatency.Round(10*time.Microsecond))
		}
		fmt.Fprintln(w)
	}
	if len(r.Seen) > 0 {
		fmt.Fprintf(w, "  seen                %s\n", quoteList(r.Seen))
	}
	if len(r.Missing) > 0 {
		fmt.Fprintf(w, "  not seen            %s\n", quoteList(r.Missing))
	}
	if r.FailSeen != "" {
		fmt.Fprintf(w, "  fail text           %q in: %s\n", r.FailSeen, truncate(r.FailLine, 200))
	}
	if cfg.Transcript != "" {
		fmt.Fprintf(w, "  transcript          %s\n", cfg.Transcript)
	}
	if r.TranscriptErr != nil {
		fmt.Fprintf(w, "  transcript error    %v\n", r.TranscriptErr)
	}
	switch r.Outcome {
	case build.OutcomeBuildFailed:
		renderTail(w, "build log", r.BuildLog)
		diagnoseBuildLog(w, io, r.BuildLog)
	case build.OutcomeFlashFailed:
		renderTail(w, "flash / emulator output", r.FlashLog)
		renderTail(w, "after-open output", r.AfterOpenLog)
	case build.OutcomeTimedOut:
		if r.Phase == build.PhaseBuilding {
			renderTail(w, "build log", r.BuildLog)
		} else {
			renderTail(w, "flash output", r.FlashLog)
		}
	case build.OutcomeExpectNotSeen, build.OutcomeFailSeen:
		renderTail(w, "serial output", r.Transcript)
	}
}

func quoteList(texts []string) string {
	q := make([]string, len(texts))
	for i, t := range texts {
		q[i] = fmt.Sprintf("%q", t)
	}
	return strings.Join(q, ", ")
}

// renderTail prints the last lines of an output, indented.
func renderTail(w io.Writer, what string, data []byte) {
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
	fmt.Fprintln(w, "\n"+head)
	for _, l := range lines {
		fmt.Fprintf(w, "  | %s\n", truncate(strings.TrimRight(l, "\r"), 200))
	}
}

// diagnoseBuildLog runs the single-log checks and the knowledge base on a failed
// build's log and prints what they found, with the command that applies the top fix.
func diagnoseBuildLog(w io.Writer, io *IO, buildLog []byte) {
	if len(bytes.TrimSpace(buildLog)) == 0 {
		return
	}
	lines, log, err := readBuildLog(buildLog)
	if err != nil {
		fmt.Fprintf(w, "\n(the build log could not be analysed: %v)\n", err)
		return
	}
	base, err := knowledge.Load(knowledge.Builtin(), (&kbOptions{}).dirs()...)
	if err != nil {
		return
	}
	findings := finding.Check(log)
	if annotate.Findings(findings, base) != nil {
		return
	}
	if len(findings) > 0 {
		fmt.Fprintln(w, "\nFindings:")
		renderFindings(w, io, findings)
	}
	res := explain.Explain(lines, log, base, nil)
	if res.Class == class.Unknown || len(res.Matches) == 0 {
		if len(findings) == 0 {
			fmt.Fprintln(w, "\nNo known failure matches this build log.")
		}
		return
	}
	m := res.Matches[0]
	fmt.Fprintf(w, "\nKnown failure: [%s] %s (id %s, confidence %s)\n", m.Entry.Class, m.Entry.Title, m.Entry.ID, m.Confidence)
	fmt.Fprintf(w, "  fix: %s\n", wrap(strings.TrimSpace(m.Entry.Fix), 96, "       "))
	if len(m.Entry.Actions) > 0 {
		fmt.Fprintf(w, "  try it: cxlog fix --kb-id %s --verify (with these verify flags)\n", m.Entry.ID)
	}
}

// readBuildLog reads a build's log for diagnosis, with the build environment in front.
func readBuildLog(data []byte) ([]logread.Line, *analyze.Log, error) {
	in, err := explain.ReadBytes("build environment and log", withBuildEnv(data))
	if err != nil {
		return nil, nil, err
	}
	return in.Lines, in.Log, nil
}

// withBuildEnv puts in front of a build log the environment variables that decide a cross
// build's linker and rustflags, as cxlog ran the build with them: cargo -vv does not print
// them, and they are often the cause.
func withBuildEnv(data []byte) []byte {
	var env bytes.Buffer
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if buildDecidingEnv(k) {
			env.WriteString(kv + "\n")
		}
	}
	return append(env.Bytes(), data...)
}

func buildDecidingEnv(key string) bool {
	switch key {
	case "RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS", "CARGO_BUILD_RUSTFLAGS", "CARGO_BUILD_TARGET", "RUSTC", "RUSTC_WRAPPER":
		return true
	}
	return strings.HasPrefix(key, "CARGO_TARGET_") || strings.HasPrefix(key, "CC_") || strings.HasPrefix(key, "TARGET_CC")
}
