package report

import (
	"bytes"
	"io"
	"net/url"
	"path"
	"strings"

	"github.com/cxlog/cxlog/analyze/finding"
	"github.com/owenrumney/go-sarif/v2/sarif"
)

// SARIF is the format of code-scanning results: SARIF 2.1.0.
const SARIF = "sarif"

func init() { Register(SARIF, func(o Options) Reporter { return sarifReporter{o} }) }

// sarifReporter writes one SARIF run: a rule per diff or check rule and per knowledge-base
// entry that the results cite, a result per issue with the config file's or the log's line,
// and partial fingerprints that a rerun of the same failure reproduces. GitHub code scanning
// takes at most 5,000 results of a run; issues past that are counted in a notification.
type sarifReporter struct{ opts Options }

const (
	maxSARIFResults = 5000
	// sarifFingerprint names cxlog's partial fingerprint; its value is issue.Fingerprint.
	sarifFingerprint = "cxlogFinding/v1"
	informationURI   = "https://github.com/cxlog/cxlog"
)

func (s sarifReporter) Write(w io.Writer, r Result) error {
	is, err := issues(r, s.opts, SARIF)
	if err != nil {
		return err
	}
	rep, err := sarif.New(sarif.Version210)
	if err != nil {
		return err
	}
	run := sarif.NewRunWithInformationURI("cxlog", informationURI)
	run.Results = []*sarif.Result{} // present, if empty, in a log of an actual analysis
	index := map[string]int{}
	shown := is
	if len(shown) > maxSARIFResults {
		shown = shown[:maxSARIFResults]
	}
	for _, i := range shown {
		if _, ok := index[i.Rule.ID]; !ok {
			index[i.Rule.ID] = len(run.Tool.Driver.Rules)
			addSARIFRule(run, i)
		}
		text := i.Message
		if i.Fix != "" {
			text += "\n\nFix: " + i.Fix
		}
		res := run.CreateResultForRule(i.Rule.ID).
			WithRuleIndex(index[i.Rule.ID]).
			WithLevel(sarifLevel(i.Severity)).
			WithMessage(sarif.NewTextMessage(text)).
			WithPartialFingerPrints(map[string]interface{}{sarifFingerprint: i.Fingerprint})
		if loc := sarifLocation(i.Loc); loc != nil {
			res.AddLocation(loc)
		}
		props := sarif.NewPropertyBag()
		props.AddString("class", i.Class)
		props.AddString("severity", i.Severity)
		if i.Crate != "" {
			props.AddString("crate", i.Crate)
		}
		res.AttachPropertyBag(props)
	}
	inv := run.AddInvocation(true)
	if omitted := len(is) - len(shown); omitted > 0 {
		inv.AddTToolExecutionNotification(sarif.NewNotification().WithLevel("warning").
			WithTextMessage(plural(omitted, "more result") + " not reported: a run holds at most 5000."))
	}
	rep.AddRun(run)
	var buf bytes.Buffer
	if err := rep.PrettyWrite(&buf); err != nil {
		return err
	}
	buf.WriteByte('\n')
	if _, err := w.Write(escapeJSONControls(buf.Bytes())); err != nil {
		return &WriteError{Err: err}
	}
	return nil
}

func addSARIFRule(run *sarif.Run, i issue) {
	rule := run.AddRule(i.Rule.ID).WithDescription(i.Rule.Short)
	if i.Rule.Full != "" {
		rule.WithFullDescription(sarif.NewMultiformatMessageString(i.Rule.Full))
	}
	if i.Rule.Help != "" {
		rule.WithHelp(sarif.NewMultiformatMessageString(i.Rule.Help).WithMarkdown(i.Rule.Help))
	}
	if u, err := url.Parse(i.Rule.URI); err == nil && u.IsAbs() {
		rule.WithHelpURI(i.Rule.URI)
	}
	props := sarif.NewPropertyBag()
	props.Add("tags", []string{i.Class})
	rule.WithProperties(props.Properties)
	rule.WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(i.Severity)))
}

func sarifLevel(severity string) string {
	switch severity {
	case finding.High:
		return "error"
	case finding.Medium:
		return "warning"
	}
	return "note"
}

// sarifLocation is a location's artifact as a URI reference: a relative path stays relative
// (code scanning resolves it against the checkout), an absolute one is a file: URI.
func sarifLocation(l location) *sarif.Location {
	if l.Path == "" {
		return nil
	}
	uri := (&url.URL{Path: l.Path}).EscapedPath()
	if path.IsAbs(l.Path) {
		uri = (&url.URL{Scheme: "file", Path: l.Path}).String()
	} else if strings.Contains(strings.SplitN(l.Path, "/", 2)[0], ":") {
		uri = "./" + uri // a first segment with a colon would read as a scheme
	}
	phys := sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewSimpleArtifactLocation(uri))
	if l.Line > 0 {
		phys.WithRegion(sarif.NewSimpleRegion(l.Line, l.Line))
	}
	return sarif.NewLocationWithPhysicalLocation(phys)
}
