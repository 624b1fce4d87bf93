package report

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"os"
	"strings"

	"github.com/cxlog/cxlog/analyze/finding"
)

// GitHub is the format of GitHub Actions' workflow commands.
const GitHub = "github"

func init() { Register(GitHub, func(o Options) Reporter { return githubReporter{o} }) }

// githubReporter writes one workflow command (::error, ::warning, ::notice) per issue, which
// GitHub shows as an annotation on the file and line, and with $GITHUB_STEP_SUMMARY set appends
// a Markdown summary to the job's page. GitHub shows at most 10 errors and 10 warnings of a
// step and 50 annotations of a job: the most important issues come first, and past
// maxAnnotations the rest are one annotation that names them.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
type githubReporter struct{ opts Options }

const (
	maxAnnotations = 10
	// maxAnnotationMessage keeps one annotation readable; the summary has the rest.
	maxAnnotationMessage = 4000
	// maxStepSummary is what GitHub accepts in a step's summary file, all writers together.
	maxStepSummary = 1 << 20
)

func (g githubReporter) Write(w io.Writer, r Result) error {
	is, err := issues(r, g.opts, GitHub)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if len(is) == 0 {
		b.WriteString("::notice title=cxlog::" + escapeData("cxlog "+Sanitize(subject(r))+": no known cause found") + "\n")
	}
	shown := is
	if len(is) > maxAnnotations {
		shown = is[:maxAnnotations-1]
	}
	for _, i := range shown {
		msg := i.Message
		if i.Fix != "" {
			msg += "\n\nFix: " + i.Fix
		}
		if len(i.Sources) > 0 {
			msg += "\nSource: " + i.Sources[0]
		}
		writeCommand(&b, githubLevel(i.Severity), i.Loc, i.Title, Truncate(msg, maxAnnotationMessage))
	}
	if rest := is[len(shown):]; len(rest) > 0 {
		level := "notice"
		var names []string
		for _, i := range rest {
			if l := githubLevel(i.Severity); l == "error" || l == "warning" && level == "notice" {
				level = l
			}
			names = append(names, i.Title)
		}
		writeCommand(&b, level, location{}, "cxlog: "+plural(len(rest), "more finding"),
			Truncate(strings.Join(names, "\n"), maxAnnotationMessage))
	}
	if _, err := w.Write(b.Bytes()); err != nil {
		return &WriteError{Err: err}
	}
	if path := os.Getenv("GITHUB_STEP_SUMMARY"); path != "" {
		if err := appendStepSummary(path, r, is); err != nil {
			return &WriteError{Err: err}
		}
	}
	return nil
}

func githubLevel(severity string) string {
	switch severity {
	case finding.High:
		return "error"
	case finding.Medium:
		return "warning"
	}
	return "notice"
}

func writeCommand(b *bytes.Buffer, level string, loc location, title, msg string) {
	b.WriteString("::" + level)
	sep := " "
	if loc.Path != "" {
		b.WriteString(sep + "file=" + escapeProperty(loc.Path))
		sep = ","
		if loc.Line > 0 {
			fmt.Fprintf(b, ",line=%d", loc.Line)
		}
	}
	if title != "" {
		b.WriteString(sep + "title=" + escapeProperty(title))
	}
	b.WriteString("::" + escapeData(msg) + "\n")
}

// escapeData escapes a workflow command's message: %, CR and LF, as actions/toolkit does.
func escapeData(s string) string { return dataEscaper.Replace(s) }

// escapeProperty escapes a property's value: the message's escapes, and : and , which end it.
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// appendStepSummary appends the Markdown summary to the step's summary file, keeping the file
// under GitHub's limit: issues that do not fit are counted instead of shown.
func appendStepSummary(path string, r Result, is []issue) error {
	budget := maxStepSummary
	if st, err := os.Stat(path); err == nil {
		budget -= int(st.Size())
	}
	md := stepSummary(r, is, budget)
	if md == "" {
		return nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(md); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// stepSummary is the Markdown of the issues in at most budget bytes ("" when not even the
// heading fits): for each, its cause, evidence, fix and sources.
func stepSummary(r Result, is []issue, budget int) string {
	const omittedRoom = 200
	var b strings.Builder
	b.WriteString("## cxlog " + mdText(subject(r)) + "\n\n")
	if len(is) == 0 {
		b.WriteString("No known cause found.\n\n")
	}
	if b.Len()+omittedRoom > budget {
		return ""
	}
	for n, i := range is {
		section := summarySection(n+1, i)
		if b.Len()+len(section)+omittedRoom > budget {
			fmt.Fprintf(&b, "%s not shown: a step summary holds at most 1 MiB.\n\n", plural(len(is)-n, "more finding"))
			break
		}
		b.WriteString(section)
	}
	return b.String()
}

func summarySection(n int, i issue) string {
	var b strings.Builder
	fmt.Fprintf(&b, "### %d. %s (%s)\n\n", n, mdText(i.Title), i.Severity)
	b.WriteString(mdText(i.Message) + "\n\n")
	if i.Cause != "" && i.Cause != i.Message && !strings.Contains(i.Message, i.Cause) {
		b.WriteString("**Cause.** " + mdText(i.Cause) + "\n\n")
	}
	for _, c := range i.Changed {
		fmt.Fprintf(&b, "**Changed:** `%s`: %s → %s\n\n", mdCode(c.Setting), mdInline(c.Good), mdInline(c.Bad))
	}
	if len(i.Evidence) > 0 {
		var ev strings.Builder
		for _, e := range i.Evidence {
			ev.WriteString(evidenceLine(e) + "\n")
		}
		fence := codeFence(ev.String())
		b.WriteString("**Evidence.**\n\n" + fence + "text\n" + ev.String() + fence + "\n\n")
	}
	if i.Fix != "" {
		b.WriteString("**Fix.** " + mdText(i.Fix) + "\n\n")
	}
	if len(i.Sources) > 0 {
		b.WriteString("**Sources.**\n\n")
		for _, s := range i.Sources {
			b.WriteString("- " + mdText(s) + "\n")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// evidenceLine is one evidence line as "side file:line: text".
func evidenceLine(e finding.Evidence) string {
	var b strings.Builder
	if e.Side != "" {
		b.WriteString(e.Side + " ")
	}
	if e.File != "" {
		fmt.Fprintf(&b, "%s:%d: ", logPath(e.File), e.Line)
	} else if e.Line > 0 {
		fmt.Fprintf(&b, "%d: ", e.Line)
	}
	b.WriteString(Truncate(e.Text, 2000))
	return b.String()
}

// mdText is text for Markdown that renders as HTML: no element of the log becomes markup.
func mdText(s string) string { return html.EscapeString(s) }

// mdInline is a value in an inline code span, or "(none)".
func mdInline(s string) string {
	if s == "" {
		return "(none)"
	}
	return "`" + mdCode(s) + "`"
}

func mdCode(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "`", "'"), "\n", " ") }

// codeFence is a run of backticks longer than any in s.
func codeFence(s string) string {
	longest, run := 0, 0
	for _, c := range s {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}
