package fixes

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/knowledge"
)

func TestEnvironmentAndNotes(t *testing.T) {
	dir := project(t, map[string]string{
		ManifestFile:        "[package]\nname = \"fw\"\n",
		legacyToolchainFile: "nightly\n",
	})
	p := mustPlan(t, dir, "",
		knowledge.Action{Kind: "unset-env", Name: "RUSTFLAGS"},
		knowledge.Action{Kind: "set-env", Name: "CC_riscv32imc_unknown_none_elf", Value: "riscv32-esp-elf-gcc --sysroot=/x"},
		knowledge.Action{Kind: "add-feature", Crate: "atomic-waker", Value: "portable-atomic"},
		knowledge.Action{Kind: "set-linker", Value: "rust-lld"}, // no target anywhere
		knowledge.Action{Kind: "add-component", Value: "rust-src"},
		knowledge.Action{Kind: "frobnicate"},
	)
	var got []string
	for _, e := range p.Env {
		got = append(got, e.Instruction())
	}
	want := []string{"unset RUSTFLAGS", "export CC_riscv32imc_unknown_none_elf='riscv32-esp-elf-gcc --sysroot=/x'"}
	if !slices.Equal(got, want) {
		t.Errorf("instructions %q, want %q", got, want)
	}
	env := p.Environ([]string{"RUSTFLAGS=-Dwarnings", "HOME=/home/u", "CC_riscv32imc_unknown_none_elf=gcc"})
	if wantEnv := []string{"HOME=/home/u", "CC_riscv32imc_unknown_none_elf=riscv32-esp-elf-gcc --sysroot=/x"}; !slices.Equal(env, wantEnv) {
		t.Errorf("environment %q, want %q", env, wantEnv)
	}
	notes := strings.Join(p.Notes, "\n")
	for _, want := range []string{"atomic-waker is not a dependency", "set-linker rust-lld: no target triple", "rust-toolchain exists too", `unknown action kind "frobnicate"`} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes lack %q:\n%s", want, notes)
		}
	}
	if len(p.Files) != 1 || p.Files[0].Path != ToolchainFile || !p.Files[0].Created {
		t.Errorf("files %+v", p.Files)
	}
}

func TestInvalidTOMLIsNotEdited(t *testing.T) {
	dir := project(t, map[string]string{CargoConfigFile: "[target\nlinker = \n"})
	if _, err := NewPlan(dir, []knowledge.Action{linkerAction}, ""); err == nil || !strings.Contains(err.Error(), "not valid TOML") {
		t.Errorf("err %v", err)
	}
}

func TestMissingProjectDir(t *testing.T) {
	if _, err := NewPlan(t.TempDir()+"/nope", nil, ""); err == nil {
		t.Error("no error for a missing project directory")
	}
}

func TestUnchangedFilesAreNotInThePlan(t *testing.T) {
	dir := project(t, map[string]string{CargoConfigFile: "[target." + riscv + "]\nlinker = \"rust-lld\"\nrustflags = [\"-C\", \"link-arg=-Tlink.x\"]\n"})
	p := mustPlan(t, dir, "", linkerAction, knowledge.Action{Kind: "add-rustflags", Target: riscv, Flags: []string{"-Clink-arg=-Tlink.x"}})
	if len(p.Files) != 0 {
		t.Errorf("a plan with nothing to do changes %+v", p.Files)
	}
	if !p.Empty() {
		t.Error("not Empty")
	}
}

// An action that reached the plan without going through the knowledge base's
// validation still cannot put shell text into an instruction or the environment.
func TestEnvNamesThatAreShellTextAreSkipped(t *testing.T) {
	dir := project(t, map[string]string{ManifestFile: "[package]\nname = \"fw\"\n"})
	p := mustPlan(t, dir, "",
		knowledge.Action{Kind: "unset-env", Name: "X; touch PWNED; echo"},
		knowledge.Action{Kind: "set-env", Name: "$(touch PWNED)", Value: "1"},
		knowledge.Action{Kind: "set-env", Name: "", Value: "1"},
		knowledge.Action{Kind: "set-env", Name: "V", Value: "a\x00b"},
	)
	if len(p.Env) != 0 {
		t.Errorf("environment changes %+v from invalid actions", p.Env)
	}
	if len(p.Notes) != 4 || !strings.Contains(p.Notes[0], `"X; touch PWNED; echo" is not an environment variable name: skipped`) {
		t.Errorf("notes %q", p.Notes)
	}
}

// Values are data, never shell text: the instruction quotes them, and Environ hands
// them over unchanged. A shell running the instruction gets the value verbatim.
func TestEnvValuesWithShellMetacharacters(t *testing.T) {
	pwned := filepath.Join(t.TempDir(), "PWNED")
	value := "$(touch " + pwned + "); `touch " + pwned + "` 'quoted' \"dq\" \\ ; touch " + pwned
	dir := project(t, map[string]string{ManifestFile: "[package]\nname = \"fw\"\n"})
	p := mustPlan(t, dir, "", knowledge.Action{Kind: "set-env", Name: "V", Value: value})
	if env := p.Environ(nil); !slices.Equal(env, []string{"V=" + value}) {
		t.Errorf("environment %q", env)
	}
	out, err := exec.Command("sh", "-c", p.Env[0].Instruction()+`; printf %s "$V"`).CombinedOutput()
	if err != nil || string(out) != value {
		t.Errorf("the shell ran %q: %q (%v), want the value back", p.Env[0].Instruction(), out, err)
	}
	if _, err := os.Stat(pwned); err == nil {
		t.Errorf("the value was executed by the shell: %s exists", pwned)
	}
}

// The commands a note suggests are shell text a person copies: every value from the
// entry in them is quoted.
func TestSuggestedCommandsQuoteEntryValues(t *testing.T) {
	pwned := filepath.Join(t.TempDir(), "PWNED")
	dir := project(t, map[string]string{ManifestFile: "[package]\nname = \"fw\"\n"})
	p := mustPlan(t, dir, "",
		knowledge.Action{Kind: "add-feature", Crate: "x; touch " + pwned, Value: "f"},
		knowledge.Action{Kind: "set-dependency-version", Crate: "y", Value: "1 $(touch " + pwned + ")"},
	)
	for _, note := range p.Notes {
		_, command, ok := strings.Cut(note, "; try ")
		if !ok {
			t.Fatalf("note %q suggests no command", note)
		}
		// run what a person would paste, with cargo replaced by a harmless command
		out, err := exec.Command("sh", "-c", "cargo() { :; }; "+command).CombinedOutput()
		if err != nil {
			t.Errorf("%q: %v %s", command, err, out)
		}
	}
	if _, err := os.Stat(pwned); err == nil {
		t.Error("a suggested command ran the entry's text")
	}
}
