package fixes

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/cxlog/cxlog/knowledge"
)

// The files a plan edits, relative to the project directory.
const (
	CargoConfigFile     = ".cargo/config.toml"
	legacyCargoConfig   = ".cargo/config"
	ToolchainFile       = "rust-toolchain.toml"
	legacyToolchainFile = "rust-toolchain"
	ManifestFile        = "Cargo.toml"
)

// Plan is what a fix changes in one project.
type Plan struct {
	Dir   string       // the project directory, absolute, symlinks resolved
	Files []FileChange // in the order they were first touched
	Env   []EnvChange
	// Notes are actions that could not become changes, and remarks about those that did.
	Notes []string
}

// FileChange is the new content of one file.
type FileChange struct {
	Path    string // slash-separated, relative to the plan's Dir
	Old     []byte // nil when the file does not exist yet
	New     []byte
	OldHash string // hex SHA-256 of Old at plan time; "" when the file did not exist
	Created bool
	Steps   []string // what was changed, one line per action
}

// Diff is the change as a unified diff with a/ and b/ prefixes.
func (c FileChange) Diff() string {
	from := "a/" + c.Path
	if c.Created {
		from = "/dev/null"
	}
	return UnifiedDiff(from, "b/"+c.Path, string(c.Old), string(c.New))
}

// EnvChange is a change to the build's environment. cxlog never writes it anywhere.
type EnvChange struct {
	Name  string
	Value string
	Unset bool
}

// Instruction is the change as a POSIX shell command, for a person to read or copy.
// The name is a valid variable name in any plan NewPlan makes; the value is quoted.
func (e EnvChange) Instruction() string {
	if e.Unset {
		return "unset " + ShellQuote(e.Name)
	}
	return "export " + ShellQuote(e.Name) + "=" + ShellQuote(e.Value)
}

// Environ is base (KEY=VALUE entries, as os.Environ returns them) with the plan's
// environment changes made: the environment to run a build with, so that no change
// ever has to become shell text.
func (p *Plan) Environ(base []string) []string {
	final := map[string]*EnvChange{} // the last change of each name
	var order []string
	for i, e := range p.Env {
		if _, seen := final[e.Name]; !seen {
			order = append(order, e.Name)
		}
		final[e.Name] = &p.Env[i]
	}
	var env []string
	for _, kv := range base {
		name, _, _ := strings.Cut(kv, "=")
		if final[name] == nil {
			env = append(env, kv)
		}
	}
	for _, name := range order {
		if e := final[name]; !e.Unset {
			env = append(env, e.Name+"="+e.Value)
		}
	}
	return env
}

// Empty says whether the plan changes nothing.
func (p *Plan) Empty() bool { return len(p.Files) == 0 && len(p.Env) == 0 }

// ShellQuote quotes s for a POSIX shell.
func ShellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./=:,+@%", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// NewPlan turns actions into changes for the project in projectDir. target is the
// triple the project is built for ("" if unknown); it stands in for an action's
// missing target, and when the config's [target.<triple>] has rustflags, rustflags
// actions meant for [build] go there, because cargo ignores build.rustflags then.
// Actions that cannot be applied are listed in Notes; an error means the project
// cannot be read (a missing directory, a file that is not valid TOML).
func NewPlan(projectDir string, actions []knowledge.Action, target string) (*Plan, error) {
	pb, err := newPlanBuilder(projectDir, target)
	if err != nil {
		return nil, err
	}
	return pb.build(actions)
}

func newPlanBuilder(projectDir, target string) (*planBuilder, error) {
	dir, err := resolveDir(projectDir)
	if err != nil {
		return nil, err
	}
	return &planBuilder{plan: &Plan{Dir: dir}, target: target, files: map[string]*FileChange{}}, nil
}

func (pb *planBuilder) build(actions []knowledge.Action) (*Plan, error) {
	for _, a := range actions {
		if err := pb.add(a); err != nil {
			return nil, err
		}
	}
	for _, path := range pb.order {
		c := pb.files[path]
		if len(c.Steps) > 0 {
			pb.plan.Files = append(pb.plan.Files, *c)
		}
	}
	return pb.plan, nil
}

func resolveDir(projectDir string) (string, error) {
	abs, err := filepath.Abs(projectDir)
	if err != nil {
		return "", err
	}
	dir, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", fmt.Errorf("project directory: %w", err)
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return "", fmt.Errorf("project directory %s is not a directory", projectDir)
	}
	return dir, nil
}

type planBuilder struct {
	plan   *Plan
	target string
	files  map[string]*FileChange
	order  []string
}

func (pb *planBuilder) note(format string, args ...any) {
	pb.plan.Notes = append(pb.plan.Notes, fmt.Sprintf(format, args...))
}

// file returns the pending change of path, reading the file the first time.
func (pb *planBuilder) file(path string) (*FileChange, error) {
	if c, ok := pb.files[path]; ok {
		return c, nil
	}
	full, err := safePath(pb.plan.Dir, path)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(full)
	c := &FileChange{Path: path}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		c.Created = true
	case err != nil:
		return nil, err
	default:
		c.Old = data
		c.OldHash = hashOf(data)
	}
	c.New = c.Old
	pb.files[path] = c
	pb.order = append(pb.order, path)
	return c, nil
}

// edit runs change on the current text of path and records step when it changed something.
func (pb *planBuilder) edit(path, step string, change func(data []byte) ([]byte, error)) error {
	c, err := pb.file(path)
	if err != nil {
		return err
	}
	if c.New != nil {
		if _, err := parseTOML(c.New); err != nil {
			return fmt.Errorf("%s is not valid TOML, cxlog will not edit it: %w", path, err)
		}
	}
	out, err := change(c.New)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if out == nil {
		return nil
	}
	if _, err := parseTOML(out); err != nil {
		return fmt.Errorf("%s: the edit would not be valid TOML (a bug in cxlog): %w", path, err)
	}
	if string(out) != string(c.New) {
		c.New = out
		c.Steps = append(c.Steps, step)
	}
	return nil
}

func (pb *planBuilder) exists(path string) bool {
	full, err := safePath(pb.plan.Dir, path)
	if err != nil {
		return false
	}
	_, err = os.Stat(full)
	return err == nil
}

func (pb *planBuilder) add(a knowledge.Action) error {
	switch a.Kind {
	case "set-env", "unset-env":
		pb.env(a)
	case "add-rustflags", "remove-rustflags":
		return pb.rustflags(a)
	case "set-linker":
		return pb.setLinker(a)
	case "set-build-target":
		return pb.setBuildTarget(a)
	case "pin-toolchain", "add-target", "add-component":
		return pb.toolchain(a)
	case "add-feature", "set-dependency-version":
		return pb.manifest(a)
	default:
		pb.note("unknown action kind %q: skipped", a.Kind)
	}
	return nil
}

func hashOf(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// env adds a set-env or unset-env action. The knowledge base rejects entries with
// such names, but a plan may be made from actions that never went through it.
func (pb *planBuilder) env(a knowledge.Action) {
	switch {
	case !knowledge.ValidEnvName(a.Name):
		pb.note("%s: %q is not an environment variable name: skipped", a.Kind, a.Name)
	case strings.ContainsRune(a.Value, 0):
		pb.note("%s %s: the value contains a NUL byte: skipped", a.Kind, a.Name)
	default:
		pb.plan.Env = append(pb.plan.Env, EnvChange{Name: a.Name, Value: a.Value, Unset: a.Kind == "unset-env"})
	}
}
