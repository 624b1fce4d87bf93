package cargoconf

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o755); err != nil {
		t.Fatal(err)
	}
}

const fwConfig = "[build]\ntarget = \"riscv32imc-unknown-none-elf\"\n[target.riscv32imc-unknown-none-elf]\nlinker = \"rust-lld\"\nrustflags = [\"-C\", \"link-arg=-Tlink.x\"]\n"

// Each problem doctor reports, from a project that has it and only it.
func TestProblems(t *testing.T) {
	cases := []struct {
		name   string
		files  map[string]string // relative to the root; the project is in p/
		env    []string
		cwd    string // relative to the root; default p
		target string // cargo --target
		entry  string // the problem's KB entry
		say    string // in its message
	}{
		{name: "RUSTFLAGS drops the config's rustflags", env: []string{"RUSTFLAGS=-C opt-level=1"},
			entry: "rustflags-env-overrides-config", say: "link-arg=-Tlink.x"},
		{name: "a GCC wrapper name on an lld target", env: []string{"CARGO_TARGET_RISCV32IMC_UNKNOWN_NONE_ELF_LINKER=bin/x86_64-unknown-linux-gnu-cc"},
			files: map[string]string{"p/bin/x86_64-unknown-linux-gnu-cc": "#!/bin/sh\n"},
			entry: "gcc-wrapper-receives-flavor-gnu", say: "-flavor gnu"},
		{name: "a linker not on PATH", env: []string{"CARGO_TARGET_RISCV32IMC_UNKNOWN_NONE_ELF_LINKER=riscv32-esp-elf-gcc"},
			entry: "linker-program-not-found", say: "riscv32-esp-elf-gcc"},
		{name: "a [target] table for a target not built", target: "thumbv7em-none-eabihf",
			entry: "cargo-settings-reached-wrong-build", say: "[target.riscv32imc-unknown-none-elf]"},
		{name: "config keys in Cargo.toml", files: map[string]string{"p/Cargo.toml": "[package]\nname = \"fw\"\nversion = \"0.1.0\"\n[build]\ntarget = \"riscv32imc-unknown-none-elf\"\n"},
			entry: "cargo-config-key-in-cargo-toml", say: "[build]"},
		{name: "a member's config not read from the root",
			files: map[string]string{"p/Cargo.toml": "[workspace]\nmembers = [\"fw\"]\n", "p/fw/Cargo.toml": "[package]\nname = \"fw\"\nversion = \"0.1.0\"\n",
				"p/fw/.cargo/config.toml": "[build]\ntarget = \"thumbv7em-none-eabihf\"\n"},
			entry: "cargo-settings-reached-wrong-build", say: "not read"},
		{name: "no_std firmware without build.target", files: map[string]string{"p/.cargo/config.toml": "[target.x86_64-unknown-linux-gnu]\n", "p/src/main.rs": "#![no_std]\n#![no_main]\n"},
			entry: "build-target-missing-builds-for-host", say: "no target is configured"},
		{name: "the same -T script twice", files: map[string]string{".cargo/config.toml": "[target.riscv32imc-unknown-none-elf]\nrustflags = [\"-C\", \"link-arg=-Tlink.x\"]\n"},
			entry: "symbol-or-lang-item-defined-twice", say: "link.x"},
		{name: "include ignored by cargo 1.65", files: map[string]string{"p/.cargo/config.toml": "include = \"more.toml\"\n" + fwConfig},
			entry: "cargo-settings-reached-wrong-build", say: "ignores include"},
		{name: "a member's profile", files: map[string]string{"p/Cargo.toml": "[workspace]\nmembers = [\"fw\"]\n", "p/fw/Cargo.toml": "[package]\nname = \"fw\"\nversion = \"0.1.0\"\n[profile.release]\nopt-level = \"s\"\n"},
			cwd: "p/fw", entry: "cargo-settings-reached-wrong-build", say: "only the workspace root's profiles apply"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			bin := filepath.Join(root, "path")
			write(t, filepath.Join(bin, "rust-lld"), "#!/bin/sh\n")
			write(t, filepath.Join(bin, "cc"), "#!/bin/sh\n")
			write(t, filepath.Join(root, "p/Cargo.toml"), "[package]\nname = \"fw\"\nversion = \"0.1.0\"\n")
			write(t, filepath.Join(root, "p/.cargo/config.toml"), fwConfig)
			for p, text := range tc.files {
				write(t, filepath.Join(root, p), text)
			}
			cwd := filepath.Join(root, "p")
			if tc.cwd != "" {
				cwd = filepath.Join(root, tc.cwd)
			}
			env := append([]string{"PATH=" + bin, "CARGO_HOME=" + filepath.Join(root, "none")}, tc.env...)
			r, err := Doctor(Inputs{Dir: cwd, Env: env, Host: "x86_64-unknown-linux-gnu", Target: tc.target, CargoVersion: [2]int{1, 65}})
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Problems) != 1 {
				t.Fatalf("want exactly one problem, got %+v", r.Problems)
			}
			p := r.Problems[0]
			if p.Entry != tc.entry || !strings.Contains(p.Message, tc.say) || p.Class == "" || p.Fix == "" {
				t.Fatalf("want entry %s saying %q, got %+v", tc.entry, tc.say, p)
			}
		})
	}
}

func TestCleanProjectHasNoProblems(t *testing.T) {
	root := t.TempDir()
	bin := filepath.Join(root, "path")
	write(t, filepath.Join(bin, "rust-lld"), "#!/bin/sh\n")
	write(t, filepath.Join(bin, "cc"), "#!/bin/sh\n")
	write(t, filepath.Join(root, "p/Cargo.toml"), "[package]\nname = \"fw\"\nversion = \"0.1.0\"\n")
	write(t, filepath.Join(root, "p/.cargo/config.toml"), fwConfig)
	r, err := Doctor(Inputs{Dir: filepath.Join(root, "p"), Env: []string{"PATH=" + bin}, Host: "x86_64-unknown-linux-gnu"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Problems) != 0 || len(r.Targets) != 2 || r.Targets[0].LinkerScripts[0] != "link.x" {
		t.Fatalf("want no problems and two plans with link.x, got %+v", r)
	}
}

// The flavor doctor predicts for the firmware target, each as rustc 1.95 decides it (the
// rules and their sources are in analyze/linkerflavor/flavor_test.go).
func TestDoctorFlavor(t *testing.T) {
	cases := []struct {
		name, config           string // config: lines added to [target.riscv32imc-unknown-none-elf]
		linker, flavor, why    string
		wrapperProblemExpected bool
	}{
		{name: "the target's default", linker: "rust-lld", flavor: "gnu-lld", why: "the target's default"},
		// Path::file_stem("ld.lld") is "ld": rustc runs it as a bare ld, without -flavor gnu.
		// Doctor used to say gnu-lld here.
		{name: "ld.lld is a bare ld to rustc", config: `linker = "ld.lld"`, linker: "ld.lld", flavor: "ld", why: "inferred from the file name ld.lld"},
		// The stem of riscv32-esp-elf-gcc.sh is riscv32-esp-elf-gcc, a *-gcc: rustc drives it as
		// a C compiler. Doctor used to keep lld and report a GCC wrapper given -flavor gnu.
		{name: "a script named for a GCC", config: `linker = "riscv32-esp-elf-gcc.sh"`, linker: "riscv32-esp-elf-gcc.sh", flavor: "gcc", why: "inferred from the file name riscv32-esp-elf-gcc.sh"},
		{name: "a wrapper name gives no hint", config: `linker = "x86_64-unknown-linux-gnu-cc"`, linker: "x86_64-unknown-linux-gnu-cc", flavor: "gnu-lld",
			why: "the name x86_64-unknown-linux-gnu-cc gives rustc no hint: the target's default flavor stays", wrapperProblemExpected: true},
		// -C linker-flavor wins over the name (with_cli_hints): gcc keeps the target's lld part,
		// so rustc 1.95 hands the driver -fuse-ld=lld. Doctor used to ignore the flag and report
		// the wrapper problem the flag fixes.
		{name: "-C linker-flavor=gcc with a wrapper", config: "linker = \"x86_64-unknown-linux-gnu-cc\"\nrustflags = [\"-C\", \"linker-flavor=gcc\", \"-C\", \"link-arg=-Tlink.x\"]",
			linker: "x86_64-unknown-linux-gnu-cc", flavor: "gnu-lld-cc", why: "-C linker-flavor=gcc in the rustflags (target.riscv32imc-unknown-none-elf.rustflags)"},
		// -C linker-flavor without a linker: rustc runs the flavor's own program, cc.
		{name: "-C linker-flavor=gcc alone", config: `rustflags = ["-C", "linker-flavor=gcc"]`, linker: "cc", flavor: "gnu-lld-cc",
			why: "-C linker-flavor=gcc in the rustflags (target.riscv32imc-unknown-none-elf.rustflags)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			bin := filepath.Join(root, "path")
			for _, prog := range []string{"rust-lld", "cc", "ld.lld", "riscv32-esp-elf-gcc.sh", "x86_64-unknown-linux-gnu-cc"} {
				write(t, filepath.Join(bin, prog), "#!/bin/sh\n")
			}
			write(t, filepath.Join(root, "p/Cargo.toml"), "[package]\nname = \"fw\"\nversion = \"0.1.0\"\n")
			config := "[build]\ntarget = \"riscv32imc-unknown-none-elf\"\n[target.riscv32imc-unknown-none-elf]\n" + tc.config + "\n"
			write(t, filepath.Join(root, "p/.cargo/config.toml"), config)
			r, err := Doctor(Inputs{Dir: filepath.Join(root, "p"), Env: []string{"PATH=" + bin}, Host: "x86_64-unknown-linux-gnu"})
			if err != nil {
				t.Fatal(err)
			}
			p := r.Targets[0]
			if p.Triple != "riscv32imc-unknown-none-elf" || filepath.Base(p.Linker) != tc.linker || p.Flavor != tc.flavor || p.FlavorWhy != tc.why || !p.LinkerFound {
				t.Errorf("got linker %q (found %v), flavor %q (%s); want %s, %s (%s)", p.Linker, p.LinkerFound, p.Flavor, p.FlavorWhy, tc.linker, tc.flavor, tc.why)
			}
			wrapper := false
			for _, pr := range r.Problems {
				wrapper = wrapper || pr.Entry == "gcc-wrapper-receives-flavor-gnu"
			}
			if wrapper != tc.wrapperProblemExpected {
				t.Errorf("gcc-wrapper-receives-flavor-gnu reported: %v, want %v (problems %+v)", wrapper, tc.wrapperProblemExpected, r.Problems)
			}
		})
	}
}

// A custom target's JSON: its linker-flavor is read by rustc's names, legacy ones included,
// and with no linker rustc runs the flavor's own program (lld for ld.lld, as rustc 1.95 did;
// doctor used to say rust-lld and to print the raw name).
func TestDoctorFlavorOfTargetJSON(t *testing.T) {
	for _, c := range []struct{ json, linker, flavor string }{
		{`{"llvm-target": "riscv32", "linker-flavor": "ld.lld"}`, "lld", "gnu-lld"},
		{`{"llvm-target": "riscv32", "linker-flavor": "gcc"}`, "cc", "gcc"},
		{`{"llvm-target": "riscv32", "linker-flavor": "gnu-lld", "linker": "rust-lld"}`, "rust-lld", "gnu-lld"},
	} {
		root := t.TempDir()
		write(t, filepath.Join(root, "p/Cargo.toml"), "[package]\nname = \"fw\"\nversion = \"0.1.0\"\n")
		write(t, filepath.Join(root, "p/fw.json"), c.json)
		write(t, filepath.Join(root, "p/.cargo/config.toml"), "[build]\ntarget = \"fw.json\"\n")
		r, err := Doctor(Inputs{Dir: filepath.Join(root, "p"), Env: []string{"PATH=" + filepath.Join(root, "path")}, Host: "x86_64-unknown-linux-gnu"})
		if err != nil {
			t.Fatal(err)
		}
		if p := r.Targets[0]; p.Triple != "fw" || p.Linker != c.linker || p.Flavor != c.flavor || p.FlavorWhy != "the target's default" {
			t.Errorf("%s: got linker %q, flavor %q (%s); want %s, %s", c.json, p.Linker, p.Flavor, p.FlavorWhy, c.linker, c.flavor)
		}
	}
}

func TestCfgMatches(t *testing.T) {
	riscv := []string{`target_arch="riscv32"`, `target_os="none"`, `panic="abort"`, "debug_assertions"}
	for key, want := range map[string]bool{
		`cfg(target_arch = "riscv32")`:                            true,
		`cfg(all(target_arch = "riscv32", target_os = "none"))`:   true,
		`cfg(all(target_arch = "arm", target_os = "none"))`:       false,
		`cfg(any(target_arch = "arm", not(target_os = "linux")))`: true,
		`cfg(debug_assertions)`:                                   true,
		`cfg(not(debug_assertions))`:                              false,
	} {
		got, ok := cfgMatches(key, riscv)
		if !ok || got != want {
			t.Errorf("%s: got %v (ok %v), want %v", key, got, ok, want)
		}
	}
	if _, ok := cfgMatches(`cfg(all(target_arch = ))`, riscv); ok {
		t.Error("a malformed cfg must not evaluate")
	}
}
