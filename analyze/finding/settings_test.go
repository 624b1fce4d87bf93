package finding

import (
	"strings"
	"testing"
)

func pair(t *testing.T, id string) (*Comparison, []Difference) {
	t.Helper()
	good, bad := read(t, "../../corpus/pairs/"+id+"/good.log"), read(t, "../../corpus/pairs/"+id+"/bad.log")
	diffs := Compare(good, bad)
	return &Comparison{Good: good, Bad: bad, Diffs: diffs}, diffs
}

// A build that fails on its first crate never reached the others: they are no differences,
// and one line says how far it got.
func TestStoppedBuildIsOneDifference(t *testing.T) {
	c, diffs := pair(t, "p17-dep-unstable-feature")
	stopped := 0
	for _, d := range diffs {
		if d.Aspect == AspectOnlyOne {
			t.Errorf("a crate the failing build never reached is a difference: %+v", d)
		}
		if d.Aspect == AspectStopped {
			stopped++
		}
		if strings.HasPrefix(d.Crate, " ") {
			t.Errorf("a crate without a name: %q", d.Crate)
		}
	}
	if stopped != 1 {
		t.Errorf("%d build-stopped differences, want 1: %+v", stopped, diffs)
	}
	if s := StoppedEarly(c.Good, c.Bad); !strings.Contains(s, "stopped after 2 of 4 crates") {
		t.Errorf("StoppedEarly: %q", s)
	}
}

// The flags after cargo's own arguments are split into what a build script asked for and what
// came from a rustflags source.
func TestFocusFlagsSplitBuildScriptFromRustflags(t *testing.T) {
	c, _ := pair(t, "p18-build-script-link-arg")
	ch, ok := c.focusFlags()
	if !ok {
		t.Fatal("no focus crate")
	}
	if strings.Join(ch.scriptAdded, " ") != "-C link-arg=-Tdefmt.x" || len(ch.added) != 0 || len(ch.removed) != 0 {
		t.Errorf("script added %v, rustflags added %v removed %v", ch.scriptAdded, ch.added, ch.removed)
	}
	if strings.Join(ch.bad.rustflags, " ") != "-C link-arg=-Tlink.x" {
		t.Errorf("rustflags %v", ch.bad.rustflags)
	}
	for flag, want := range map[string]string{"-C link-arg=-nostartfiles": "-nostartfiles", "-C link-arg=-Tmemory.x": "memory.x", "--cfg fw_atomics": "fw_atomics"} {
		if got := flagWord(flag); got != want {
			t.Errorf("flagWord(%q) = %q, want %q", flag, got, want)
		}
	}
}

// The source that won is named from the failing build's environment or command line.
func TestSourceOfRustflags(t *testing.T) {
	for id, want := range map[string]string{
		"p05-encoded-rustflags":               "CARGO_ENCODED_RUSTFLAGS",
		"p07-target-rustflags-env-over-build": "CARGO_TARGET_RISCV32IMC_UNKNOWN_NONE_ELF_RUSTFLAGS",
		"p08-build-rustflags-env":             "CARGO_BUILD_RUSTFLAGS",
		"p09-config-cli":                      "--config",
		"p04-rustflags-env-unseen":            "",
	} {
		c, _ := pair(t, id)
		src := sourceOfRustflags(c, "riscv32imc-unknown-none-elf")
		if src.side.Key != want || src.found != (want != "") {
			t.Errorf("%s: source %+v, want %q", id, src, want)
		}
	}
}

// Without the knowledge base, the rules alone still give new errors of a plain shape their
// class.
func TestNewErrorsOfAPlainShapeHaveItsClass(t *testing.T) {
	for id, want := range map[string]string{
		"p14-linker-not-found":      "linker-not-found",
		"p17-dep-unstable-feature":  "version-mismatch",
		"p29-target-imac":           "target-std-missing",
		"p20-profile-opt-level":     "memory-layout-overflow",
		"p16-dep-api-break":         "unknown",
		"p18-build-script-link-arg": "linker-script-missing",
	} {
		c, _ := pair(t, id)
		fs := newErrors(c)
		if len(fs) != 1 || string(fs[0].Class) != want {
			t.Errorf("%s: new-errors %+v, want class %s", id, fs, want)
		}
	}
}

// cargo -v prints no CARGO_PKG_VERSION on its Running lines: a crate whose version one log
// does not show has not changed version.
func TestUnknownVersionIsNoVersionChange(t *testing.T) {
	_, diffs := pair(t, "p37-verbose-v-opt-level")
	for _, d := range diffs {
		if d.Aspect == AspectCrateVersion {
			t.Errorf("a crate-version difference against a log that shows no version: %+v", d)
		}
	}
	found := false
	for _, d := range diffs {
		found = found || d.Aspect == AspectCodegen && strings.Contains(strings.Join(d.Removed, " "), "opt-level=s")
	}
	if !found {
		t.Errorf("the profile's opt-level change is not a difference: %+v", diffs)
	}
}

// Another rustc program with no version in either path (rustup's stable proxy instead of a
// distribution's rustc) is a toolchain change, named by the program.
func TestCompilerProgramIsAToolchainChange(t *testing.T) {
	_, diffs := pair(t, "p31-toolchain-rustup-stable")
	var got []Difference
	for _, d := range diffs {
		if d.Aspect == AspectToolchain {
			got = append(got, d)
		}
	}
	if len(got) != 1 || got[0].Key != "rustc" || strings.Join(got[0].Removed, "") != "/root/.cache/cxlog-bench/rust-1.63/root/usr/bin/rustc" ||
		strings.Join(got[0].Added, "") != "/root/.cargo/bin/rustc" {
		t.Errorf("toolchain differences %+v, want rustc 1.63's path -> /root/.cargo/bin/rustc", got)
	}
	_, same := pair(t, "p20-profile-opt-level")
	for _, d := range same {
		if d.Aspect == AspectToolchain {
			t.Errorf("the same rustc on both sides is a toolchain change: %+v", d)
		}
	}
}

// Each way cargo words a links conflict names the library.
func TestLinksNameOfEveryShape(t *testing.T) {
	for line, want := range map[string]string{
		"error: Attempting to resolve a dependency with more than one crate with links=fwhal.":                                                                                                              "fwhal",
		"error: failed to select a version for `esp32c3`.\n... package `esp32c3 v0.19.0` links to the native library `esp32c3`, but it conflicts with a previous package which links to `esp32c3` as well:": "esp32c3",
		"error: multiple packages link to native library `ring-asm`, but a native library can be linked only once":                                                                                          "ring-asm",
		"error: failed to select a version for `libc`.": "",
	} {
		got, ok := linksName(line)
		if got != want || ok != (want != "") {
			t.Errorf("linksName(%q) = %q, %v; want %q", line, got, ok, want)
		}
	}
}

// A links conflict met while cargo chooses versions (knurling-rs/app-template#78: the app asks
// for cortex-m-rt 0.7, its HAL for 0.6) is a version mismatch of the package that links.
func TestLinksConflictWhileSelectingVersions(t *testing.T) {
	good, bad := read(t, "../../corpus/pairs/p36-links-conflict/good.log"), read(t, "../../corpus/public/130-failing-to-select-version-for-cortex-m-rt.md")
	fs := linksConflict(&Comparison{Good: good, Bad: bad, Diffs: Compare(good, bad)})
	if len(fs) != 1 || fs[0].Class != "version-mismatch" || !names(fs[0], "cortex-m-rt") || !names(fs[0], "failed to select a version") {
		t.Errorf("findings %+v, want one version-mismatch naming cortex-m-rt and the version selection", fs)
	}
}
