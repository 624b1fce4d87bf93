package fixes

import (
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
	if prefix := p.ShellPrefix(); prefix != strings.Join(want, "; ")+"; " {
		t.Errorf("shell prefix %q", prefix)
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
