package analyze

import (
	"reflect"
	"strings"
	"testing"
)

func readCorpus(t *testing.T, name string) *Log {
	t.Helper()
	l, err := ReadPath("../corpus/"+name, nil, Options{})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return l
}

func onlyInvocation(t *testing.T, l *Log) *Invocation {
	t.Helper()
	if len(l.Invocations) != 1 {
		t.Fatalf("%s: %d invocations, want 1", l.Name, len(l.Invocations))
	}
	return l.Invocations[0]
}

func cfgStrings(cfgs []Cfg) []string {
	var out []string
	for _, c := range cfgs {
		out = append(out, c.String())
	}
	return out
}

func featureStrings(fs []Feature) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.String())
	}
	return out
}

// The hand-wrapped Running lines of seed s10 (failing) and s11 (working).
func TestSeedRunningPair(t *testing.T) {
	atomicCfgs := []string{"target_has_atomic_load_store", `target_has_atomic_load_store="8"`, `target_has_atomic_load_store="16"`,
		`target_has_atomic_load_store="32"`, `target_has_atomic_load_store="ptr"`, "target_has_atomic", `target_has_atomic="8"`,
		`target_has_atomic="16"`, `target_has_atomic="32"`, `target_has_atomic="ptr"`}
	tests := []struct {
		file     string
		drv      string
		linker   string
		linkArgs []string
		features []string
		cfgs     []string
		codegen  string
		lines    [2]int
		envLine  int
	}{
		{"seed/s10-cross-riscv32-none-elf.bad.log", "http-client-riscv32-none-elf",
			"/nix/store/h14lx5an7mzwmdc1drvanbawyld90h3v-riscv32-none-elf-llvm-binutils-wrapper-17.0.6/bin/riscv32-none-elf-ld.lld",
			nil, []string{"-crt-static"}, nil, "opt-level=3 lto=off embed-bitcode=no metadata=874e6f4a481835d7 extra-filename=-874e6f4a481835d7", [2]int{3, 37}, 19},
		{"seed/s11-cross-x86_64.good.log", "http-client-x86_64-unknown-linux-gnu",
			"/nix/store/zakn8i3f6chbhg0dp99cfl4nafwlrzql-x86_64-unknown-linux-gnu-llvm-binutils-wrapper-16.0.6/bin/x86_64-unknown-linux-gnu-ld.lld",
			[]string{"-Tlinkall.x", "-Trom_functions.x"}, []string{"+a"}, atomicCfgs,
			"opt-level=3 lto=off embed-bitcode=no metadata=874e6f4a481835d7 extra-filename=-874e6f4a481835d7 force-frame-pointers", [2]int{3, 41}, 20},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			inv := onlyInvocation(t, readCorpus(t, tc.file))
			if inv.Kind != KindRustc || inv.CrateName != "atomic_waker" || inv.Package != "atomic-waker" || inv.PackageVersion != "1.1.2" {
				t.Errorf("crate = %s %s %s %s", inv.Kind, inv.CrateName, inv.Package, inv.PackageVersion)
			}
			if inv.Target != "riscv32imc-unknown-none-elf" || inv.Profile != "release" || inv.Edition != "2018" ||
				!reflect.DeepEqual(inv.CrateTypes, []string{"lib"}) || inv.Source != "/build/cargo-vendor-dir/atomic-waker-1.1.2/src/lib.rs" {
				t.Errorf("target=%s profile=%s edition=%s types=%v source=%s", inv.Target, inv.Profile, inv.Edition, inv.CrateTypes, inv.Source)
			}
			if inv.Drv != tc.drv {
				t.Errorf("drv = %q, want %q", inv.Drv, tc.drv)
			}
			if inv.Linker != tc.linker {
				t.Errorf("linker = %q, want %q", inv.Linker, tc.linker)
			}
			if !reflect.DeepEqual(inv.LinkArgs, tc.linkArgs) {
				t.Errorf("link args = %q, want %q", inv.LinkArgs, tc.linkArgs)
			}
			if got := featureStrings(inv.TargetFeatures); !reflect.DeepEqual(got, tc.features) {
				t.Errorf("target features = %q, want %q", got, tc.features)
			}
			if got := cfgStrings(inv.Cfgs); !reflect.DeepEqual(got, tc.cfgs) {
				t.Errorf("cfgs = %q, want %q", got, tc.cfgs)
			}
			var cg []string
			for _, o := range inv.Codegen {
				cg = append(cg, strings.TrimSuffix(o.Name+"="+o.Value, "="))
			}
			if got := strings.Join(cg, " "); got != tc.codegen {
				t.Errorf("codegen = %q, want %q", got, tc.codegen)
			}
			if v, _ := inv.EnvValue("CARGO_PKG_AUTHORS"); v != "Stjepan Glavina <stjepang@gmail.com>:Contributors to futures-rs" {
				t.Errorf("CARGO_PKG_AUTHORS = %q", v)
			}
			if v, _ := inv.EnvValue("LD_LIBRARY_PATH"); !strings.HasPrefix(v, "/build/source/target/release/deps:") {
				t.Errorf("LD_LIBRARY_PATH = %q", v)
			}
			for _, e := range inv.Env {
				if e.Key == "LD_LIBRARY_PATH" && e.Line != tc.envLine {
					t.Errorf("LD_LIBRARY_PATH quoted from line %d, want %d", e.Line, tc.envLine)
				}
			}
			if len(inv.Externs) != 2 || len(inv.LibPaths) != 2 {
				t.Errorf("externs %d, -L %d", len(inv.Externs), len(inv.LibPaths))
			}
			if inv.Start != tc.lines[0] || inv.End != tc.lines[1] {
				t.Errorf("span %d-%d, want %d-%d", inv.Start, inv.End, tc.lines[0], tc.lines[1])
			}
		})
	}
}

func TestSeedLinkerNote(t *testing.T) {
	l := readCorpus(t, "seed/s05-linker-cc-explicit.log")
	if len(l.Linkers) != 1 {
		t.Fatalf("%d linker commands, want 1", len(l.Linkers))
	}
	lc := l.Linkers[0]
	if !strings.HasSuffix(lc.Program, "/bin/x86_64-unknown-linux-gnu-cc") || lc.Flavor != "gnu" {
		t.Errorf("program %q flavor %q", lc.Program, lc.Flavor)
	}
	if lc.Args[0] != "-flavor" || !contains(lc.Args, "--as-needed") || !contains(lc.Args, "-Tlinkall.x") || !contains(lc.Args, "--gc-sections") {
		t.Errorf("args lack what rustc passed: %q", lc.Args[:4])
	}
	if len(lc.Env) != 3 || lc.Env[0].Key != "LC_ALL" || lc.Env[0].Value != "C" {
		t.Errorf("env = %v", lc.Env)
	}
	var linkFailed *Diagnostic
	for _, d := range l.Diagnostics {
		if d.Kind == DiagLinkFailed {
			linkFailed = d
		}
	}
	if linkFailed == nil || *linkFailed.ExitStatus != 1 || linkFailed.Linker != lc.Program {
		t.Fatalf("linking-failed diagnostic = %+v", linkFailed)
	}
	want := []string{
		"x86_64-unknown-linux-gnu-gcc: error: unrecognized command-line option '-flavor'",
		"x86_64-unknown-linux-gnu-gcc: error: unrecognized command-line option '--as-needed'; did you mean '-mno-needed'?",
		"x86_64-unknown-linux-gnu-gcc: error: unrecognized command-line option '--gc-sections'; did you mean '--data-sections'?",
	}
	if !reflect.DeepEqual(linkFailed.Notes, want) {
		t.Errorf("linker stderr = %q", linkFailed.Notes)
	}
}

func TestSeedEnvironmentStyles(t *testing.T) {
	bad := readCorpus(t, "seed/s04-env-failing.txt")
	good := readCorpus(t, "seed/s04-env-working.txt")
	e, ok := bad.EnvValue("CARGO_TARGET_RISCV32IMC_UNKNOWN_NONE_ELF_LINKER")
	if !ok || !strings.HasSuffix(e.Value, "/bin/x86_64-unknown-linux-gnu-cc") || e.Line != 3 {
		t.Errorf("failing linker env = %+v", e)
	}
	e, ok = good.EnvValue("CC_RISCV32IMC_UNKNOWN_NONE_ELF")
	if !ok || e.Original != "CC_riscv32imc-unknown-none-elf" {
		t.Errorf("working CC env = %+v (the dash style must normalise)", e)
	}
	if _, ok := bad.EnvValue("HOST_CC"); !ok {
		t.Error("two assignments on one line: HOST_CC missing")
	}
	for _, l := range []*Log{bad, good} {
		if len(l.Cargo) != 1 || l.Cargo[0].Target != "riscv32imc-unknown-none-elf" || l.Cargo[0].Profile != "release" {
			t.Errorf("%s: cargo = %+v", l.Name, l.Cargo)
		}
	}
}

func TestSeedNixTrace(t *testing.T) {
	l := readCorpus(t, "seed/s09-lld-isriscv-trace.log")
	if len(l.Traces) != 1 {
		t.Fatalf("%d traces", len(l.Traces))
	}
	tr := l.Traces[0]
	for key, want := range map[string]string{"isRiscV": "false", "config": "x86_64-unknown-linux-gnu",
		"rust.rustcTarget": "riscv32imc-unknown-none-elf", "parsed.cpu.name": "x86_64", "isx86_64": "true"} {
		if got, _ := tr.Attr(key); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
}

func TestDiagnosticsWithLocations(t *testing.T) {
	l := readCorpus(t, "seed/s02-toolchain-175-atomics.log")
	var e0432 []*Diagnostic
	for _, d := range l.Diagnostics {
		if d.Code == "E0432" {
			e0432 = append(e0432, d)
		}
	}
	if len(e0432) != 2 {
		t.Fatalf("%d E0432 diagnostics, want 2", len(e0432))
	}
	d := e0432[0]
	if d.Message != "unresolved import `std::sync::atomic::AtomicUsize`" || d.Location == nil || d.Location.Line != 352 || d.Location.Column != 25 ||
		!strings.HasSuffix(d.Location.Path, "log-0.4.20/src/lib.rs") {
		t.Errorf("diagnostic = %+v, location %+v", d, d.Location)
	}
	if len(d.Labels) != 1 || d.Labels[0] != "no `AtomicUsize` in `sync::atomic`" {
		t.Errorf("labels = %q", d.Labels)
	}
	var crates []string
	for _, d := range l.Diagnostics {
		if d.Kind == DiagCouldNotComp {
			crates = append(crates, d.Crate)
		}
	}
	if !reflect.DeepEqual(crates, []string{"atomic-waker", "log"}) {
		t.Errorf("could not compile: %q", crates)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
