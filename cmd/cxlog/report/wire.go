package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/cxlog/cxlog/analyze/finding"
	"github.com/cxlog/cxlog/build"
	"github.com/cxlog/cxlog/build/record"
	"github.com/cxlog/cxlog/knowledge"
)

// The JSON wire types, one per cxlog.*/v1 schema. Their field names and order are an
// interface: the goldens in cmd/cxlog/testdata/json pin every byte.

type DiffJSON struct {
	Schema      string               `json:"schema"`
	Good        string               `json:"good"`
	Bad         string               `json:"bad"`
	Findings    []finding.Finding    `json:"findings"`
	Differences []finding.Difference `json:"differences"`
	Changes     []record.Change      `json:"changes,omitempty"` // two record bundles: beside the logs
}

type CheckJSON struct {
	Schema   string            `json:"schema"`
	Log      string            `json:"log"`
	Findings []finding.Finding `json:"findings"`
}

type ExplainJSON struct {
	Schema     string      `json:"schema"`
	Input      string      `json:"input"`
	Class      string      `json:"class"`
	Confidence float64     `json:"confidence"`
	Matches    []MatchJSON `json:"matches"`
}

type MatchJSON struct {
	ID           string       `json:"id"`
	Class        string       `json:"class"`
	Score        float64      `json:"score"`
	Confidence   string       `json:"confidence"`
	Title        string       `json:"title"`
	MatchedLines []LineJSON   `json:"matched_lines"`
	Cause        string       `json:"cause"`
	Fix          string       `json:"fix"`
	Actions      []ActionJSON `json:"actions,omitempty"`
	Sources      []string     `json:"sources"`
	Quotes       []QuoteJSON  `json:"quotes,omitempty"`
}

// QuoteJSON is a name from the user's log that the match is about (a program, flag, crate).
type QuoteJSON struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type LineJSON struct {
	Line int    `json:"line"`
	Text string `json:"text"`
}

type ActionJSON struct {
	Kind   string   `json:"kind"`
	Name   string   `json:"name,omitempty"`
	Value  string   `json:"value,omitempty"`
	Target string   `json:"target,omitempty"`
	Crate  string   `json:"crate,omitempty"`
	Flags  []string `json:"flags,omitempty"`
}

type SearchJSON struct {
	Schema string    `json:"schema"`
	Hits   []HitJSON `json:"hits"`
}

type HitJSON struct {
	ID    string  `json:"id"`
	Class string  `json:"class"`
	Title string  `json:"title"`
	Score float64 `json:"score"`
}

// KBJSON is `kb list` (every entry) and `kb show` (one).
type KBJSON struct {
	Schema  string        `json:"schema"`
	Entries []KBEntryJSON `json:"entries"`
}

type KBEntryJSON struct {
	ID       string       `json:"id"`
	Class    string       `json:"class"`
	Title    string       `json:"title"`
	Symptoms []string     `json:"symptoms"`
	Cause    string       `json:"cause"`
	Fix      string       `json:"fix"`
	Actions  []ActionJSON `json:"actions,omitempty"`
	Sources  []string     `json:"sources"`
	Origin   string       `json:"origin"`
}

type KBLintJSON struct {
	Schema   string            `json:"schema"`
	Problems []LintProblemJSON `json:"problems"`
}

type LintProblemJSON struct {
	File    string `json:"file,omitempty"`
	Message string `json:"message"`
}

type FixJSON struct {
	Schema  string      `json:"schema"`
	Entry   string      `json:"entry"`
	Title   string      `json:"title"`
	Project string      `json:"project"`
	Files   []FileJSON  `json:"files"`
	Env     []EnvJSON   `json:"env"`
	Notes   []string    `json:"notes"`
	Sandbox string      `json:"sandbox,omitempty"`
	Written []string    `json:"written,omitempty"`
	Backups []string    `json:"backups,omitempty"`
	Verify  *VerifyJSON `json:"verify,omitempty"`
	Proven  bool        `json:"proven"`
}

type FileJSON struct {
	Path    string   `json:"path"`
	Created bool     `json:"created"`
	Steps   []string `json:"steps"`
	Diff    string   `json:"diff"`
}

type EnvJSON struct {
	Name        string `json:"name"`
	Value       string `json:"value,omitempty"`
	Unset       bool   `json:"unset"`
	Instruction string `json:"instruction"`
}

type VerifyJSON struct {
	Schema             string             `json:"schema"`
	Outcome            string             `json:"outcome"`
	ExitCode           int                `json:"exit_code"`
	Phase              string             `json:"phase,omitempty"`
	Error              string             `json:"error,omitempty"`
	Port               string             `json:"port,omitempty"`
	Seen               []string           `json:"seen"`
	Missing            []string           `json:"missing"`
	FailSeen           string             `json:"fail_seen,omitempty"`
	FailLine           string             `json:"fail_line,omitempty"`
	SerialBytes        int64              `json:"serial_bytes"`
	FirstOutputLatency float64            `json:"first_output_latency_ms,omitempty"`
	DurationsMS        map[string]float64 `json:"durations_ms"`
	BuildLog           string             `json:"build_log,omitempty"` // only when the build failed
	Transcript         string             `json:"transcript"`
	Crash              *CrashJSON         `json:"crash,omitempty"`
	Steps              []StepJSON         `json:"steps,omitempty"` // with a scenario
}

// StepJSON is one scenario step: status passed, failed or "not run".
type StepJSON struct {
	Index     int     `json:"index"`
	Kind      string  `json:"kind"`
	Name      string  `json:"name"`
	Status    string  `json:"status"`
	Error     string  `json:"error,omitempty"`
	ElapsedMS float64 `json:"elapsed_ms"`
}

// StepStatus is passed, failed or "not run".
func StepStatus(s build.StepResult) string {
	switch {
	case s.Passed:
		return "passed"
	case s.Ran:
		return "failed"
	}
	return "not run"
}

// CrashJSON is how the firmware died: the detector's class and id, the line, the lines
// after it, and the code addresses in them resolved against the ELF.
type CrashJSON struct {
	Class    string      `json:"class"`
	Detector string      `json:"detector"`
	Line     string      `json:"line"`
	Location string      `json:"location,omitempty"`
	Lines    []string    `json:"lines"`
	ELF      string      `json:"elf,omitempty"`
	ELFError string      `json:"elf_error,omitempty"`
	Frames   []FrameJSON `json:"frames"`
}

type FrameJSON struct {
	Address  string `json:"address"` // 0x…, as printed
	Function string `json:"function,omitempty"`
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
}

// CrashWire is a crash as JSON, or nil.
func CrashWire(c *build.Crash) *CrashJSON {
	if c == nil {
		return nil
	}
	j := &CrashJSON{Class: c.Class, Detector: c.Detector, Line: c.Line, Location: c.Location, Lines: nonNil(c.Lines), ELF: c.ELF, Frames: []FrameJSON{}}
	if c.ELFErr != nil {
		j.ELFError = OneLine(c.ELFErr)
	}
	for _, f := range c.Frames {
		j.Frames = append(j.Frames, FrameJSON{fmt.Sprintf("%#x", f.Address), f.Function, f.File, f.Line})
	}
	return j
}

func (r *Diff) wire() any {
	return DiffJSON{DiffSchema, r.Good, r.Bad, nonNil(r.Findings), nonNil(r.Differences), r.Changes}
}

func (r *Check) wire() any { return CheckJSON{CheckSchema, r.Log, nonNil(r.Findings)} }

func (r *Explain) wire() any {
	matches := []MatchJSON{}
	for _, m := range r.Matches {
		mj := MatchJSON{ID: m.Entry.ID, Class: string(m.Entry.Class), Score: Round2(m.Score), Confidence: m.Confidence, Title: m.Entry.Title,
			MatchedLines: []LineJSON{}, Cause: strings.TrimSpace(m.Entry.Cause), Fix: strings.TrimSpace(m.Entry.Fix), Sources: m.Entry.Sources,
			Actions: actionsJSON(m.Entry.Actions)}
		for _, l := range m.MatchedLines {
			mj.MatchedLines = append(mj.MatchedLines, LineJSON{l.N, l.Text})
		}
		for _, q := range m.Quotes {
			mj.Quotes = append(mj.Quotes, QuoteJSON(q))
		}
		matches = append(matches, mj)
	}
	return ExplainJSON{ExplainSchema, r.Input, string(r.Class), Round2(r.Confidence), matches}
}

func actionsJSON(actions []knowledge.Action) []ActionJSON {
	var out []ActionJSON
	for _, a := range actions {
		out = append(out, ActionJSON{a.Kind, a.Name, a.Value, a.Target, a.Crate, a.Flags})
	}
	return out
}

func (r *Search) wire() any {
	hits := []HitJSON{}
	for _, h := range r.Hits {
		hits = append(hits, HitJSON{h.Entry.ID, string(h.Entry.Class), h.Entry.Title, Round2(h.Score)})
	}
	return SearchJSON{SearchSchema, hits}
}

func (r *KBList) wire() any {
	out := KBJSON{Schema: KBSchema, Entries: []KBEntryJSON{}}
	for _, e := range r.Entries {
		out.Entries = append(out.Entries, entryJSON(e))
	}
	return out
}

func (r *KBShow) wire() any {
	return KBJSON{Schema: KBSchema, Entries: []KBEntryJSON{entryJSON(r.Entry)}}
}

func entryJSON(e *knowledge.Entry) KBEntryJSON {
	j := KBEntryJSON{ID: e.ID, Class: string(e.Class), Title: e.Title, Symptoms: []string{}, Cause: strings.TrimSpace(e.Cause),
		Fix: strings.TrimSpace(e.Fix), Actions: actionsJSON(e.Actions), Sources: nonNil(e.Sources), Origin: e.Origin}
	for _, s := range e.Symptoms {
		j.Symptoms = append(j.Symptoms, s.String())
	}
	return j
}

func (r *KBLint) wire() any {
	out := KBLintJSON{Schema: KBLintSchema, Problems: []LintProblemJSON{}}
	for _, p := range r.Problems {
		out.Problems = append(out.Problems, LintProblemJSON{p.File, p.Message})
	}
	return out
}

// cxlog.eval/v1 is knowledge/evaluate's Report, a named type with its JSON tags there.
func (r *Eval) wire() any { return r.Report }

func (r *Verify) wire() any { return VerifyWire(r.Report) }

// VerifyWire is a verify report as cxlog.verify/v1.
func VerifyWire(r build.Report) VerifyJSON {
	j := VerifyJSON{
		Schema: VerifySchema, Outcome: r.Outcome.String(), ExitCode: r.Outcome.ExitCode(), Phase: string(r.Phase),
		Port: r.Port, Seen: nonNil(r.Seen), Missing: nonNil(r.Missing), FailSeen: r.FailSeen, FailLine: r.FailLine,
		SerialBytes: r.SerialBytes, FirstOutputLatency: ms(r.FirstOutputLatency),
		DurationsMS: map[string]float64{}, Transcript: string(r.Transcript), Crash: CrashWire(r.Crash),
	}
	for _, s := range r.Steps {
		sj := StepJSON{Index: s.Index, Kind: string(s.Kind), Name: s.Name, Status: StepStatus(s), ElapsedMS: ms(s.Elapsed)}
		if s.Err != nil {
			sj.Error = OneLine(s.Err)
		}
		j.Steps = append(j.Steps, sj)
	}
	if r.Err != nil {
		j.Error = OneLine(r.Err)
	}
	for ph, d := range r.Durations {
		j.DurationsMS[string(ph)] = ms(d)
	}
	if r.Outcome == build.OutcomeBuildFailed {
		j.BuildLog = string(r.BuildLog)
	}
	return j
}

func (r *Fix) wire() any {
	j := FixJSON{Schema: FixSchema, Entry: r.Entry.ID, Title: r.Entry.Title, Files: []FileJSON{}, Env: []EnvJSON{}, Notes: []string{}}
	if p := r.Plan; p != nil {
		j.Project = p.Dir
		j.Notes = nonNil(p.Notes)
		for _, c := range p.Files {
			j.Files = append(j.Files, FileJSON{c.Path, c.Created, c.Steps, c.Diff()})
		}
		for _, e := range p.Env {
			j.Env = append(j.Env, EnvJSON{e.Name, e.Value, e.Unset, e.Instruction()})
		}
	}
	j.Sandbox = r.Sandbox
	if r.Applied != nil {
		j.Written, j.Backups = r.Applied.Written, r.Applied.Backups
	}
	if pr := r.Proof; pr != nil {
		j.Sandbox = pr.Sandbox
		if pr.Verify != nil {
			v := VerifyWire(pr.Verify.Report)
			j.Verify = &v
		}
		j.Proven = pr.Proven
		if pr.Applied != nil {
			j.Written, j.Backups = pr.Applied.Written, pr.Applied.Backups
		}
	}
	return j
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// Round2 rounds a score to two decimals, as JSON and text show it.
func Round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// OneLine joins a possibly multi-line error message into one line.
func OneLine(err error) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(err.Error(), "\n", "; ")), " ")
}
