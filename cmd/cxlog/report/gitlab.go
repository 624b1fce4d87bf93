package report

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/cxlog/cxlog/analyze/finding"
)

// GitLab is the format of GitLab's Code Quality report (artifacts:reports:codequality).
const GitLab = "gitlab"

func init() { Register(GitLab, func(o Options) Reporter { return gitlabReporter{o} }) }

// gitlabReporter writes a Code Quality report: a JSON array with one object per issue.
// https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
type gitlabReporter struct{ opts Options }

type codeQualityIssue struct {
	Description string              `json:"description"`
	CheckName   string              `json:"check_name"`
	Fingerprint string              `json:"fingerprint"`
	Severity    string              `json:"severity"`
	Location    codeQualityLocation `json:"location"`
	Categories  []string            `json:"categories,omitempty"`
}

type codeQualityLocation struct {
	Path  string           `json:"path"`
	Lines codeQualityLines `json:"lines"`
}

type codeQualityLines struct {
	Begin int `json:"begin"`
}

func (g gitlabReporter) Write(w io.Writer, r Result) error {
	is, err := issues(r, g.opts, GitLab)
	if err != nil {
		return err
	}
	out := []codeQualityIssue{}
	for _, i := range is {
		desc := i.Title + ": " + i.Message
		if i.Fix != "" {
			desc += " Fix: " + i.Fix
		}
		loc := codeQualityLocation{Path: i.Loc.Path, Lines: codeQualityLines{max(i.Loc.Line, 1)}}
		if loc.Path == "" {
			loc.Path = "build.log" // GitLab needs a path; standard input has none
		}
		out = append(out, codeQualityIssue{Description: Truncate(desc, 8000), CheckName: i.Rule.ID, Fingerprint: i.Fingerprint,
			Severity: gitlabSeverity(i.Severity), Location: loc, Categories: []string{"Bug Risk"}})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	if _, err := w.Write(escapeJSONControls(buf.Bytes())); err != nil {
		return &WriteError{Err: err}
	}
	return nil
}

// gitlabSeverity maps a finding's severity: the cause of a broken build is critical.
func gitlabSeverity(severity string) string {
	switch severity {
	case finding.High:
		return "critical"
	case finding.Medium:
		return "major"
	}
	return "minor"
}
