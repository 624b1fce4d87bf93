package fixes

import (
	"errors"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/knowledge"
)

// flavorEntry is shaped like gcc-wrapper-receives-flavor-gnu: its actions name the
// RISC-V target, but it applies to Cortex-M targets as well.
var flavorEntry = &knowledge.Entry{
	ID:      "gcc-wrapper-receives-flavor-gnu",
	Applies: knowledge.Applies{Targets: []string{riscv, "riscv32*-unknown-none-elf", "thumbv*-none-eabi*"}},
	Actions: []knowledge.Action{
		{Kind: "unset-env", Name: "CARGO_TARGET_RISCV32IMC_UNKNOWN_NONE_ELF_LINKER"},
		{Kind: "set-linker", Target: riscv, Value: "rust-lld"},
	},
}

const cortexM = "thumbv7em-none-eabihf"

// Issue 9.11: on a Cortex-M project the fix goes to the project's target, whether the
// target comes from --target or from the config's [build] target.
func TestPlanEntryUsesTheProjectsTarget(t *testing.T) {
	config := "[target." + cortexM + "]\nlinker = \"arm-none-eabi-gcc\"\n"
	for _, tc := range []struct {
		name, config, target string
	}{
		{"--target", config, cortexM},
		{"[build] target", "[build]\ntarget = \"" + cortexM + "\"\n\n" + config, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := project(t, map[string]string{CargoConfigFile: tc.config})
			p, err := PlanEntry(dir, flavorEntry, tc.target)
			if err != nil {
				t.Fatal(err)
			}
			got := string(change(t, p, CargoConfigFile).New)
			if want := strings.Replace(tc.config, `"arm-none-eabi-gcc"`, `"rust-lld"`, 1); got != want {
				t.Errorf("config:\n%s\nwant:\n%s", got, want)
			}
			if len(p.Env) != 1 || p.Env[0].Name != "CARGO_TARGET_THUMBV7EM_NONE_EABIHF_LINKER" {
				t.Errorf("env %+v, want the Cortex-M target's linker variable", p.Env)
			}
			if notes := strings.Join(p.Notes, "\n"); !strings.Contains(notes, "this project builds for "+cortexM) {
				t.Errorf("notes do not say the target was changed: %q", notes)
			}
		})
	}
}

func TestPlanEntryRefusesATargetItDoesNotApplyTo(t *testing.T) {
	dir := project(t, map[string]string{CargoConfigFile: "[build]\ntarget = \"x86_64-unknown-linux-gnu\"\n"})
	for _, target := range []string{"", "aarch64-unknown-linux-gnu"} {
		_, err := PlanEntry(dir, flavorEntry, target)
		var na *NotApplicableError
		if !errors.As(err, &na) || !strings.Contains(err.Error(), "does not apply to") {
			t.Errorf("target %q: err %v, want a NotApplicableError", target, err)
		}
	}
}

// Where the project's target is unknown the actions stay as written, and a note says so;
// where it is the entry's own, nothing is renamed.
func TestPlanEntryWithTheEntrysOwnOrNoTarget(t *testing.T) {
	dir := project(t, map[string]string{CargoConfigFile: "[target." + riscv + "]\nlinker = \"gcc\"\n"})
	for _, target := range []string{"", riscv} {
		p, err := PlanEntry(dir, flavorEntry, target)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(change(t, p, CargoConfigFile).New); !strings.Contains(got, "[target."+riscv+"]\nlinker = \"rust-lld\"") {
			t.Errorf("target %q: config\n%s", target, got)
		}
		if p.Env[0].Name != "CARGO_TARGET_RISCV32IMC_UNKNOWN_NONE_ELF_LINKER" {
			t.Errorf("target %q: env %+v", target, p.Env)
		}
		unknown := strings.Contains(strings.Join(p.Notes, "\n"), "target is unknown")
		if unknown != (target == "") {
			t.Errorf("target %q: notes %q", target, p.Notes)
		}
	}
}
