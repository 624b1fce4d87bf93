package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/cxlog/cxlog/analyze/class"
	"github.com/cxlog/cxlog/analyze/finding"
	"github.com/cxlog/cxlog/analyze/normal"
	"github.com/cxlog/cxlog/knowledge"
	"github.com/cxlog/cxlog/knowledge/explain"
)

// The CI formats (github, sarif, gitlab, html) show the same things: the findings of diff and
// check, explain's known failures, verify's diagnosis of a failed build. issues turns a result
// into them once, every text from a log or an entry already sanitised, so no format can pass a
// terminal escape through.

// issue is one finding or knowledge-base match as a CI system shows it.
type issue struct {
	Rule     ruleInfo
	Class    string
	Severity string // finding.High, Medium, Low
	Title    string // one line: [class] what it is
	Message  string
	Cause    string
	Fix      string
	Sources  []string
	Crate    string
	Loc      location // where an annotation points: a config file's line, else the log's
	Evidence []finding.Evidence
	Changed  []change
	// Fingerprint identifies the issue across runs (no absolute path, no store or crate hash)
	// and is unique within one report.
	Fingerprint string
}

// ruleInfo is what a rule or a knowledge-base entry is, independent of one log.
type ruleInfo struct {
	ID    string // a rule's id, or kb/<entry id>
	Short string
	Full  string
	Help  string // the fix
	URI   string // the first source
}

// change is a setting that differs between the builds, as the CI formats show it.
type change struct {
	Setting    string
	Good, Bad  string
	GoodSource string // where the good build's value came from
	Source     string // where the bad build's value came from
}

// location is a repository-relative (or the log's own) path and a line; Path "" is none.
type location struct {
	Path string
	Line int
}

func (o Options) entry(id string) *knowledge.Entry {
	if o.Entry == nil || id == "" {
		return nil
	}
	return o.Entry(id)
}

// subject says what a CI report is about: the command and its input(s).
func subject(r Result) string {
	switch r := r.(type) {
	case *Diff:
		return "diff " + r.Good + " " + r.Bad
	case *Check:
		return "check " + r.Log
	case *Explain:
		return "explain " + r.Input
	case *Verify:
		return "verify"
	}
	return r.Schema()
}

// issues turns a result into CI issues, most important first. It is nil for results the CI
// formats do not show (UnsupportedError).
func issues(r Result, opts Options, format string) ([]issue, error) {
	var out []issue
	switch r := r.(type) {
	case *Diff:
		for _, f := range r.Findings {
			out = append(out, findingIssue(f, opts, true))
		}
	case *Check:
		for _, f := range r.Findings {
			out = append(out, findingIssue(f, opts, true))
		}
	case *Explain:
		if r.Class == class.Unknown {
			break
		}
		for i, m := range shownMatches(r.Matches) {
			is := matchIssue(m, r.Input, matchSeverity(i))
			if len(m.Quotes) > 0 {
				is.Message += " In this log: " + Sanitize(quoteList(m.Quotes)) + "."
			}
			out = append(out, is)
		}
	case *Verify:
		d := r.Diagnosis
		if d == nil {
			break
		}
		// the diagnosis read the build's output with its environment in front, as --build-log
		// writes it: with that file its line numbers are the file's
		logFile := r.BuildLogFile
		for _, f := range d.Findings {
			f.Evidence = slices.Clone(f.Evidence)
			for k := range f.Evidence {
				f.Evidence[k].File = logFile
			}
			out = append(out, findingIssue(f, opts, logFile != ""))
		}
		if d.Known != nil {
			out = append(out, matchIssue(*d.Known, logFile, finding.High))
		}
	default:
		return nil, &UnsupportedError{format, r.Schema()}
	}
	fingerprints(out)
	return out, nil
}

// matchIssue is a knowledge-base match of the log file: its matched lines are the evidence,
// the first of them the location.
func matchIssue(m explain.Match, file, severity string) issue {
	is := entryIssue(m.Entry, severity)
	for _, l := range m.MatchedLines {
		is.Evidence = append(is.Evidence, finding.Evidence{File: file, Line: l.N, Text: Sanitize(strings.TrimSpace(l.Text))})
	}
	if len(m.MatchedLines) > 0 {
		is.Loc = location{logPath(file), m.MatchedLines[0].N}
	}
	return is
}

// findingIssue is a finding of a rule or a knowledge-base match made by diff. inLog says the
// evidence's files are logs a CI job has (verify's build output is not a file).
func findingIssue(f finding.Finding, opts Options, inLog bool) issue {
	entry := opts.entry(f.Entry)
	is := issue{Class: string(f.Class), Severity: f.Severity, Message: Sanitize(f.Message), Fix: Sanitize(strings.TrimSpace(f.Fix)),
		Crate: Sanitize(f.Crate)}
	if id, ok := strings.CutPrefix(string(f.Rule), string(finding.KnownFailure(""))); ok {
		is.Rule = entryRule(opts.entry(id), id)
	} else {
		is.Rule = findingRule(f, opts)
	}
	name := string(f.Rule)
	if entry != nil {
		name = entry.Title
		is.Cause = Sanitize(strings.TrimSpace(entry.Cause))
		is.Sources = sanitizeAll(entry.Sources)
	}
	if c := strings.TrimSpace(f.Cause); c != "" {
		is.Cause = Sanitize(c)
	}
	is.Title = Sanitize("[" + string(f.Class) + "] " + name)
	for _, e := range f.Evidence {
		e.Text = Sanitize(e.Text)
		e.File = Sanitize(e.File)
		if !inLog {
			e.File = ""
		}
		is.Evidence = append(is.Evidence, e)
	}
	is.Changed = findingChanges(f)
	if inLog {
		is.Loc = evidenceLocation(is.Evidence)
	}
	if loc, ok := configLocation(f); ok {
		if is.Loc.Path != "" {
			is.Message += fmt.Sprintf(" (The log shows it at %s:%d.)", is.Loc.Path, is.Loc.Line)
		}
		is.Loc = loc
	}
	return is
}

// evidenceLocation is the failing log's first evidence line, else the first evidence line.
func evidenceLocation(ev []finding.Evidence) location {
	for _, e := range ev {
		if e.Side == "bad" && e.File != "" {
			return location{logPath(e.File), e.Line}
		}
	}
	for _, e := range ev {
		if e.File != "" {
			return location{logPath(e.File), e.Line}
		}
	}
	return location{}
}

// findingRule describes a diff or check rule by the knowledge-base entry it stands for.
func findingRule(f finding.Finding, opts Options) ruleInfo {
	ri := ruleInfo{ID: string(f.Rule)}
	rule := finding.Lookup(f.Rule)
	if rule == nil {
		ri.Short = string(f.Rule)
		return ri
	}
	if len(rule.Entries) > 0 {
		if e := opts.entry(rule.Entries[0]); e != nil {
			ri = entryRule(e, "")
			ri.ID = string(f.Rule)
		}
	} else {
		ri.Help = rule.Fix
	}
	if ri.Short == "" {
		ri.Short = "cxlog rule " + string(rule.ID) + " (" + string(rule.Class) + ")"
	}
	if ri.Full == "" {
		ri.Full = "A cxlog " + ruleKind(rule) + " rule of class " + string(rule.Class) + "."
	}
	return ri
}

func ruleKind(r *finding.Rule) string {
	switch {
	case r.Check != nil && r.Diff != nil:
		return "check and diff"
	case r.Check != nil:
		return "check"
	}
	return "diff"
}

// entryRule describes a knowledge-base entry as a rule.
func entryRule(e *knowledge.Entry, id string) ruleInfo {
	ri := ruleInfo{ID: "kb/" + id, Short: id}
	if e == nil {
		return ri
	}
	ri.Short = Sanitize(e.Title)
	ri.Full = Sanitize(strings.TrimSpace(e.Cause))
	ri.Help = Sanitize(strings.TrimSpace(e.Fix))
	if len(e.Sources) > 0 {
		ri.URI = Sanitize(e.Sources[0])
	}
	return ri
}

// entryIssue is a knowledge-base match of explain or verify.
func entryIssue(e *knowledge.Entry, severity string) issue {
	return issue{
		Rule: entryRule(e, e.ID), Class: string(e.Class), Severity: severity,
		Title:   Sanitize("[" + string(e.Class) + "] " + e.Title),
		Message: Sanitize(strings.TrimSpace(e.Cause)),
		Cause:   Sanitize(strings.TrimSpace(e.Cause)), Fix: Sanitize(strings.TrimSpace(e.Fix)), Sources: sanitizeAll(e.Sources),
	}
}

func sanitizeAll(ss []string) []string {
	var out []string
	for _, s := range ss {
		out = append(out, Sanitize(s))
	}
	return out
}

// fingerprints gives each issue a fingerprint from what stays the same when the same failure
// happens again (the rule, the crate and settings with hashes and build directories blanked),
// numbering repeats so that each is unique.
func fingerprints(is []issue) {
	seen := map[string]int{}
	for i := range is {
		parts := []string{is[i].Rule.ID, normal.Value(is[i].Crate)}
		for _, c := range is[i].Changed {
			parts = append(parts, c.Setting)
		}
		sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
		fp := hex.EncodeToString(sum[:16])
		if n := seen[fp]; n > 0 {
			seen[fp]++
			sum = sha256.Sum256([]byte(fp + "#" + strconv.Itoa(n)))
			fp = hex.EncodeToString(sum[:16])
		} else {
			seen[fp] = 1
		}
		is[i].Fingerprint = fp
	}
}

// logPath is how a CI system names a file: relative to the job's checkout ($GITHUB_WORKSPACE,
// $CI_PROJECT_DIR, else the working directory) when it lies inside it, with forward slashes;
// "" for standard input.
func logPath(p string) string {
	if p == "" || p == "-" || p == "<stdin>" {
		return ""
	}
	if filepath.IsAbs(p) {
		for _, base := range []string{os.Getenv("GITHUB_WORKSPACE"), os.Getenv("CI_PROJECT_DIR"), workingDir()} {
			if base == "" {
				continue
			}
			if rel, err := filepath.Rel(base, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				return filepath.ToSlash(rel)
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(p))
}

func workingDir() string {
	wd, _ := os.Getwd()
	return wd
}

// plural is n and the noun, with an s when n is not one.
func plural(n int, noun string) string {
	s := strconv.Itoa(n) + " " + noun
	if n != 1 {
		s += "s"
	}
	return s
}
