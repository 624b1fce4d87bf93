// Package analyze turns normalised log lines into records: rustc and build-script invocations,
// linker commands, diagnostics, environment variables, cargo command lines and Nix traces.
//
// Each shape of log line has a recognizer in a shape_*.go file of its own, registered in its
// init; scanner.go drives them and keeps each build's open record. A new shape is one
// shape_<name>.go and its cases, testdata/scan/<name>*.txtar (a log and the records it must
// read; TestScan runs them, -update writes the wants).
package analyze

import "strings"

// Span is where a record stands in its log: inclusive 1-based line numbers.
type Span struct {
	File  string `json:"file,omitempty"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	// Truncated: a line of the record was longer than logread.MaxLineBytes and was cut there.
	Truncated bool `json:"truncated,omitempty"`
}

// EnvVar is one environment assignment. Key is normalised (CC_riscv32imc-unknown-none-elf and
// CC_RISCV32IMC_UNKNOWN_NONE_ELF both become CC_RISCV32IMC_UNKNOWN_NONE_ELF); Original keeps the
// spelling of the log.
type EnvVar struct {
	Key      string `json:"key"`
	Original string `json:"original"`
	Value    string `json:"value"`
	Line     int    `json:"line"`
	// Truncated: the line was longer than logread.MaxLineBytes and was cut there.
	Truncated bool `json:"truncated,omitempty"`
}

// Cfg is one --cfg flag: a name and an optional value.
type Cfg struct {
	Name     string `json:"name"`
	Value    string `json:"value,omitempty"`
	HasValue bool   `json:"has_value,omitempty"`
}

// String renders the cfg as rustc's command line spells it.
func (c Cfg) String() string {
	if !c.HasValue {
		return c.Name
	}
	return c.Name + `="` + c.Value + `"`
}

// Feature is one entry of -C target-feature: +a is {a, true}, -crt-static is {crt-static, false}.
type Feature struct {
	Name    string `json:"name"`
	Enabled bool   `json:"enabled"`
}

// String renders the feature as +name or -name.
func (f Feature) String() string {
	if f.Enabled {
		return "+" + f.Name
	}
	return "-" + f.Name
}

// Option is a -C or -Z option with its value, if any.
type Option struct {
	Name  string `json:"name"`
	Value string `json:"value,omitempty"`
}

// InvocationKind is what program an invocation ran.
type InvocationKind string

// Invocation kinds.
const (
	KindRustc       InvocationKind = "rustc"
	KindBuildScript InvocationKind = "build-script"
	KindOther       InvocationKind = "other"
)

// Invocation is a command cargo ran: rustc, a build script, or another program.
type Invocation struct {
	Span
	Drv            string         `json:"drv,omitempty"`
	Kind           InvocationKind `json:"kind"`
	Program        string         `json:"program"`
	Wrapper        string         `json:"wrapper,omitempty"` // RUSTC_WRAPPER cargo ran rustc through (sccache)
	Env            []EnvVar       `json:"env,omitempty"`
	Package        string         `json:"package,omitempty"`
	PackageVersion string         `json:"package_version,omitempty"`
	CrateName      string         `json:"crate_name,omitempty"`
	CrateTypes     []string       `json:"crate_types,omitempty"`
	Edition        string         `json:"edition,omitempty"`
	Source         string         `json:"source,omitempty"`
	Target         string         `json:"target,omitempty"`
	Profile        string         `json:"profile,omitempty"`
	Linker         string         `json:"linker,omitempty"`
	LinkerFlavor   string         `json:"linker_flavor,omitempty"`
	LinkArgs       []string       `json:"link_args,omitempty"`
	TargetFeatures []Feature      `json:"target_features,omitempty"`
	TargetCPU      string         `json:"target_cpu,omitempty"`
	Codegen        []Option       `json:"codegen,omitempty"`
	Unstable       []Option       `json:"unstable,omitempty"`
	Cfgs           []Cfg          `json:"cfgs,omitempty"`
	LibPaths       []string       `json:"lib_paths,omitempty"`
	Externs        []string       `json:"externs,omitempty"`
	Sysroot        string         `json:"sysroot,omitempty"`
	OutDir         string         `json:"out_dir,omitempty"`
	Args           []string       `json:"args"`
	Failed         bool           `json:"failed,omitempty"` // from "process didn't exit successfully"
	Incomplete     bool           `json:"incomplete,omitempty"`
}

// CrateKey identifies an invocation's unit of work across builds: kind, crate, target, package
// version and crate types. Hashes, paths and order never count.
type CrateKey struct {
	Kind                          InvocationKind
	Crate, Target, Version, Types string
}

// Key is the invocation's CrateKey. A crate without --crate-name is named by its package, as
// rustc would name it.
func (inv *Invocation) Key() CrateKey {
	name := inv.CrateName
	if name == "" {
		name = strings.ReplaceAll(inv.Package, "-", "_")
	}
	return CrateKey{Kind: inv.Kind, Crate: name, Target: inv.Target, Version: inv.PackageVersion, Types: strings.Join(inv.CrateTypes, ",")}
}

// SameCrate reports whether two keys name the same crate built for another target or at another
// version: the same name, kind and crate types.
func (k CrateKey) SameCrate(o CrateKey) bool {
	return k.SameCrateKey() == o.SameCrateKey()
}

// SameCrateKey is k without its target and version: the keys SameCrate pairs share it.
func (k CrateKey) SameCrateKey() CrateKey {
	return CrateKey{Crate: k.Crate, Kind: k.Kind, Types: k.Types}
}

// EnvValue returns the value of a (normalised) environment key in the invocation's environment.
func (inv *Invocation) EnvValue(key string) (string, bool) {
	for _, e := range inv.Env {
		if e.Key == key {
			return e.Value, true
		}
	}
	return "", false
}

// LinkerCommand is the command rustc ran to link, as quoted in a linker-failure note.
type LinkerCommand struct {
	Span
	Drv     string   `json:"drv,omitempty"`
	Env     []EnvVar `json:"env,omitempty"`
	Program string   `json:"program"`
	Args    []string `json:"args"`
	Flavor  string   `json:"flavor,omitempty"` // the value of a leading -flavor argument
	Elided  []string `json:"elided,omitempty"` // rustc's elisions: <N object files omitted>, <sysroot>, {libcore-*,...}
}

// DiagKind is the shape a diagnostic was read from.
type DiagKind string

// Diagnostic kinds.
const (
	DiagRustc          DiagKind = "rustc"          // error[E...]: / error: / warning: from rustc
	DiagLinkFailed     DiagKind = "linking-failed" // error: linking with `X` failed
	DiagCouldNotComp   DiagKind = "could-not-compile"
	DiagCompileError   DiagKind = "compile-error-macro"
	DiagNixBuilder     DiagKind = "nix-builder-failed"
	DiagNixCannotBuild DiagKind = "nix-cannot-build"
	DiagTool           DiagKind = "tool" // error lines of other tools (cargo, espflash, gcc, ld ...)
)

// Severity is a diagnostic's level.
type Severity string

// Severities.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Location is a source position a diagnostic points at.
type Location struct {
	Path   string `json:"path"`
	Line   int    `json:"line"`
	Column int    `json:"column,omitempty"`
}

// Diagnostic is an error or warning with what belongs to it.
type Diagnostic struct {
	Span
	Drv        string    `json:"drv,omitempty"`
	Kind       DiagKind  `json:"kind"`
	Severity   Severity  `json:"severity"`
	Code       string    `json:"code,omitempty"`
	Message    string    `json:"message"`
	Location   *Location `json:"location,omitempty"`
	Labels     []string  `json:"labels,omitempty"`
	Notes      []string  `json:"notes,omitempty"`
	NoteLines  []int     `json:"note_lines,omitempty"` // the line of each note
	Helps      []string  `json:"helps,omitempty"`
	Crate      string    `json:"crate,omitempty"`
	Linker     string    `json:"linker,omitempty"`
	ExitStatus *int      `json:"exit_status,omitempty"`
	Text       []string  `json:"text"` // the lines as they stand in the log
	// TextLines holds the line of each Text entry when they are not the consecutive lines
	// Start..End: another build's lines came between them (nix build -L interleaves builds).
	TextLines []int `json:"text_lines,omitempty"`
}

func (d *Diagnostic) addNote(text string, line int) {
	d.Notes = append(d.Notes, text)
	d.NoteLines = append(d.NoteLines, line)
}

// addText appends a line of the diagnostic's text and extends its span to it.
func (d *Diagnostic) addText(text string, line int) {
	if d.TextLines == nil && line != d.End+1 {
		d.TextLines = make([]int, len(d.Text), len(d.Text)+1)
		for i := range d.TextLines {
			d.TextLines[i] = d.Start + i
		}
	}
	if d.TextLines != nil {
		d.TextLines = append(d.TextLines, line)
	}
	d.Text = append(d.Text, text)
	d.End = line
}

// TextLine returns the line of the diagnostic's i-th text line.
func (d *Diagnostic) TextLine(i int) int {
	if i < len(d.TextLines) {
		return d.TextLines[i]
	}
	return d.Start + i
}

// CargoCommand is a cargo command line found in the log (a shell prompt, a set -x trace, a Nix
// hook's flags line).
type CargoCommand struct {
	Span
	Drv        string   `json:"drv,omitempty"`
	Env        []EnvVar `json:"env,omitempty"`
	Subcommand string   `json:"subcommand,omitempty"`
	Target     string   `json:"target,omitempty"`
	Profile    string   `json:"profile,omitempty"`
	Args       []string `json:"args"`
}

// BuildOutput is a line a build script printed, as cargo -vv shows it behind the package:
// a cargo: directive (Key "cargo:rustc-link-arg", Value "-Tdefmt.x") or cc-rs's
// "TARGET = Some(...)" (Key "TARGET"); Key is empty for other text.
type BuildOutput struct {
	Span
	Drv     string `json:"drv,omitempty"`
	Package string `json:"package"`
	Version string `json:"version"`
	Key     string `json:"key,omitempty"`
	Value   string `json:"value,omitempty"`
	Text    string `json:"text"`
}

// Attr is one attribute of a Nix trace record.
type Attr struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// NixTrace is a Nix `trace:` of an attribute set, flattened to dotted keys.
type NixTrace struct {
	Span
	Attrs []Attr `json:"attrs"`
}

// Attr returns the value of a dotted key.
func (t *NixTrace) Attr(key string) (string, bool) {
	for _, a := range t.Attrs {
		if a.Key == key {
			return a.Value, true
		}
	}
	return "", false
}

// ParseError is a command the scanner recognised (a Running line, a linker command note, a
// cargo command line) whose text the grammar could not read: reported, so that nothing the
// log held is dropped without a word.
type ParseError struct {
	Span
	Drv  string `json:"drv,omitempty"`
	What string `json:"what"`  // what the text was taken for: invocation, linker, cargo ...
	Err  string `json:"error"` // the grammar's message
	Text string `json:"text"`  // the command's text, as far as it was read
}

// RecordType names a record's type as cxlog.parse/v1 spells it.
func RecordType(r Record) string {
	switch r.(type) {
	case *Invocation:
		return "invocation"
	case *LinkerCommand:
		return "linker_command"
	case *Diagnostic:
		return "diagnostic"
	case *EnvVar:
		return "env"
	case *CargoCommand:
		return "cargo_command"
	case *NixTrace:
		return "nix_trace"
	case *BuildOutput:
		return "build_output"
	case *ParseError:
		return "parse_error"
	}
	return "unknown"
}
