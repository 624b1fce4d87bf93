package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/cargoconf"
	"github.com/cxlog/cxlog/build/buildtest"
	"github.com/cxlog/cxlog/build/engine"
)

// doctorCase is one real build of the bench firmware: the files it adds or replaces (paths
// relative to the case's root, which holds the firmware in fw/), its environment, cargo's
// arguments and the directory cargo starts in.
type doctorCase struct {
	name  string
	files map[string]string
	env   map[string]string
	args  []string // cargo arguments after "build -vv --release"
	cwd   string   // relative to the root; "" is fw
}

const (
	fwConfig       = "fw/.cargo/config.toml"
	fwTargetFlags  = "CARGO_TARGET_RISCV32IMC_UNKNOWN_NONE_ELF_RUSTFLAGS"
	fwTargetLinker = "CARGO_TARGET_RISCV32IMC_UNKNOWN_NONE_ELF_LINKER"
)

// noTargetFlagsConfig is the firmware's config without [target] rustflags, so that
// build.rustflags can win.
const noTargetFlagsConfig = `[build]
target = "riscv32imc-unknown-none-elf"
rustflags = ["-C", "link-arg=-Tlink.x", "-C", "opt-level=1"]

[target.riscv32imc-unknown-none-elf]
linker = "rust-lld"
`

// TestDoctorAgreesWithCargo builds the bench firmware for real in many configurations and
// requires that doctor's prediction for the target equal the real rustc command of the
// firmware crate, as the project's parser reads it from cargo's -vv log: the rustflags
// (the words cargo appends after its own -L dependency= flags), --target and -C linker.
func TestDoctorAgreesWithCargo(t *testing.T) {
	cache := benchCache(t)
	base := benchEnv(t, cache)
	targetDir := filepath.Join(t.TempDir(), "target") // shared: each case's copy has its own crate hash
	cases := []doctorCase{
		{name: "as shipped"},
		{name: "RUSTFLAGS", env: map[string]string{"RUSTFLAGS": "-C link-arg=-Tlink.x -C opt-level=1"}},
		{name: "RUSTFLAGS empty", env: map[string]string{"RUSTFLAGS": ""}},
		{name: "CARGO_ENCODED_RUSTFLAGS", env: map[string]string{"CARGO_ENCODED_RUSTFLAGS": "-C\x1flink-arg=-Tlink.x\x1f--cfg\x1fencoded"}},
		{name: "CARGO_ENCODED_RUSTFLAGS empty", env: map[string]string{"CARGO_ENCODED_RUSTFLAGS": ""}},
		{name: "CARGO_TARGET_<T>_RUSTFLAGS", env: map[string]string{fwTargetFlags: "--cfg target_env_flags"}},
		{name: "CARGO_BUILD_RUSTFLAGS, config target rustflags win", env: map[string]string{"CARGO_BUILD_RUSTFLAGS": "--cfg build_env"}},
		{name: "build.rustflags", files: map[string]string{fwConfig: noTargetFlagsConfig}},
		{name: "build.rustflags and CARGO_BUILD_RUSTFLAGS", files: map[string]string{fwConfig: noTargetFlagsConfig}, env: map[string]string{"CARGO_BUILD_RUSTFLAGS": "--cfg build_env"}},
		{name: "RUSTFLAGS and CARGO_ENCODED_RUSTFLAGS", env: map[string]string{"RUSTFLAGS": "--cfg plain", "CARGO_ENCODED_RUSTFLAGS": "--cfg\x1fencoded"}},
		{name: "RUSTFLAGS and CARGO_TARGET_<T>_RUSTFLAGS", env: map[string]string{"RUSTFLAGS": "--cfg plain", fwTargetFlags: "--cfg target_env"}},
		{name: "string rustflags", files: map[string]string{fwConfig: strings.Replace(readFile(t, "../../build/testdata/firmware/.cargo/config.toml"),
			`rustflags = ["-C", "link-arg=-Tlink.x"]`, `rustflags = "-C link-arg=-Tlink.x   --cfg from_string"`, 1)}},
		{name: "linker from the environment", env: map[string]string{fwTargetLinker: "ld.lld"}},
		{name: "config-relative linker path", files: map[string]string{fwConfig: strings.Replace(readFile(t, "../../build/testdata/firmware/.cargo/config.toml"),
			`linker = "rust-lld"`, `linker = "tools/rust-lld"`, 1)}},
		{name: "--config KEY=VALUE linker", args: []string{"--config", `target.riscv32imc-unknown-none-elf.linker="ld.lld"`}},
		{name: "--config beats the environment", args: []string{"--config", `target.riscv32imc-unknown-none-elf.linker="ld.lld"`}, env: map[string]string{fwTargetLinker: "rust-lld-env"}},
		{name: "--config rustflags merged", args: []string{"--config", `target.riscv32imc-unknown-none-elf.rustflags=["--cfg","cli"]`}},
		{name: "--config rustflags and env", args: []string{"--config", `target.riscv32imc-unknown-none-elf.rustflags=["--cfg","cli"]`}, env: map[string]string{fwTargetFlags: "--cfg target_env"}},
		{name: "--config FILE", files: map[string]string{"fw/extra.toml": "[target.riscv32imc-unknown-none-elf]\nrustflags = [\"--cfg\", \"from_file\"]\n"}, args: []string{"--config", "extra.toml"}},
		{name: "$CARGO_HOME config merged below", files: map[string]string{"home/config.toml": "[target.riscv32imc-unknown-none-elf]\nrustflags = [\"--cfg\", \"home\"]\nlinker = \"home-linker\"\n"}, env: map[string]string{"CARGO_HOME": "@/home"}},
		{name: "parent directory config merged", files: map[string]string{".cargo/config.toml": "[target.riscv32imc-unknown-none-elf]\nrustflags = [\"--cfg\", \"parent\"]\nlinker = \"parent-linker\"\n"}},
		{name: "duplicate -T from parent and project", files: map[string]string{".cargo/config.toml": "[target.riscv32imc-unknown-none-elf]\nrustflags = [\"-C\", \"link-arg=-Tlink.x\"]\n"}},
		{name: "legacy config beside config.toml", files: map[string]string{"fw/.cargo/config": "[build]\ntarget = \"riscv32imc-unknown-none-elf\"\n[target.riscv32imc-unknown-none-elf]\nrustflags = [\"--cfg\", \"legacy\"]\n"}},
		{name: "a matching cfg() table after the triple's", files: map[string]string{".cargo/config.toml": "[target.'cfg(all(target_arch = \"riscv32\", target_os = \"none\"))']\nrustflags = [\"--cfg\", \"riscv_none\"]\n[target.'cfg(target_arch = \"arm\")']\nrustflags = [\"--cfg\", \"arm\"]\n"}},
		{name: "a cfg() table alone, RUSTFLAGS unset", files: map[string]string{fwConfig: noTargetFlagsConfig, ".cargo/config.toml": "[target.'cfg(not(target_os = \"linux\"))']\nrustflags = [\"-C\", \"link-arg=-Tlink.x\", \"--cfg\", \"not_linux\"]\n"}},
		{name: "started from the parent, with its config", cwd: ".", args: []string{"--manifest-path", "fw/Cargo.toml"},
			files: map[string]string{".cargo/config.toml": "[build]\ntarget = \"riscv32imc-unknown-none-elf\"\n[target.riscv32imc-unknown-none-elf]\nrustflags = [\"--cfg\", \"outer\"]\n"}},
		{name: "started from the parent, CARGO_BUILD_TARGET", cwd: ".", args: []string{"--manifest-path", "fw/Cargo.toml"}, env: map[string]string{"CARGO_BUILD_TARGET": "riscv32imc-unknown-none-elf", "RUSTFLAGS": "--cfg plain"}},
		{name: "started from the parent, no config: a host build", cwd: ".", args: []string{"--manifest-path", "fw/Cargo.toml"}},
	}
	agree := 0
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			root := filepath.Join(t.TempDir(), fmt.Sprintf("case%02d", i))
			if err := os.MkdirAll(root, 0o755); err != nil {
				t.Fatal(err)
			}
			fw := buildtest.CopyFirmware(t)
			if err := os.Rename(fw, filepath.Join(root, "fw")); err != nil {
				t.Fatal(err)
			}
			// The copy keeps the repository's times; a newer source makes cargo rebuild (and
			// print its Running line) even when the flags equal the last case's.
			soon := time.Now().Add(time.Minute)
			if err := os.Chtimes(filepath.Join(root, "fw", "src", "main.rs"), soon, soon); err != nil {
				t.Fatal(err)
			}
			for p, text := range tc.files {
				writeFile(t, filepath.Join(root, p), text)
			}
			env := slices.Clone(base)
			env = append(env, "CARGO_TARGET_DIR="+targetDir)
			for k, v := range tc.env {
				env = append(env, k+"="+strings.ReplaceAll(v, "@", root))
			}
			cwd := filepath.Join(root, "fw")
			if tc.cwd != "" {
				cwd = filepath.Join(root, tc.cwd)
			}
			want := predictFromDoctor(t, cwd, env, tc.args)
			got := realRustc(t, cwd, env, tc.args, cache)
			if !slices.Equal(got.rustflags, want.rustflags) || got.target != want.target || got.linker != want.linker {
				t.Errorf("doctor predicted\n  --target %q -C linker=%q rustflags %q\ncargo ran\n  --target %q -C linker=%q rustflags %q",
					want.target, want.linker, want.rustflags, got.target, got.linker, got.rustflags)
				return
			}
			agree++
		})
	}
	t.Logf("doctor agreed with the real rustc command in %d of %d configurations", agree, len(cases))
	if len(cases) < 20 {
		t.Fatalf("only %d configurations", len(cases))
	}
}

// rustcFlags is what the comparison looks at.
type rustcFlags struct {
	target, linker string
	rustflags      []string
}

func predictFromDoctor(t *testing.T, cwd string, env, args []string) rustcFlags {
	t.Helper()
	req := engine.DoctorRequest{Dir: cwd, Env: env}
	for i := 0; i < len(args); i++ {
		switch args[i] {
		case "--config":
			req.ConfigArgs = append(req.ConfigArgs, args[i+1])
			i++
		case "--manifest-path":
			req.ManifestPath = args[i+1]
			i++
		}
	}
	rep, err := engine.New(engine.Options{}).Doctor(req)
	if err != nil {
		t.Fatalf("doctor: %v", err)
	}
	var p *cargoconf.Plan
	for i := range rep.Targets {
		if rep.Targets[i].Kind == "target" {
			p = &rep.Targets[i]
		}
	}
	if p == nil { // a host build: the host's plan is the one cargo uses for the crate
		for i := range rep.Targets {
			p = &rep.Targets[i]
		}
	}
	if p == nil {
		t.Fatal("doctor predicted no target")
	}
	return rustcFlags{target: p.TargetArg, linker: p.LinkerArg, rustflags: p.Rustflags}
}

// realRustc builds for real and reads the firmware crate's rustc command from the log.
func realRustc(t *testing.T, cwd string, env, args []string, cache string) rustcFlags {
	t.Helper()
	cargo := ""
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "CARGO="); ok {
			cargo = v
		}
	}
	cmd := exec.Command(cargo, append([]string{"build", "-vv", "--release"}, args...)...)
	cmd.Dir, cmd.Env = cwd, env
	out, _ := cmd.CombinedOutput() // a build may fail at the link: the Running line is what counts
	logPath := filepath.Join(t.TempDir(), "build.log")
	if err := os.WriteFile(logPath, out, 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := analyze.ReadPath(logPath, nil, analyze.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, inv := range l.Invocations {
		if inv.CrateName != "cxlog_bench_fw" {
			continue
		}
		return flagsOf(inv.Args)
	}
	t.Fatalf("no rustc command of the firmware in the log:\n%s", out)
	return rustcFlags{}
}

// flagsOf splits cargo's rustc arguments: --target and -C linker among cargo's own, and the
// rustflags cargo appends after its last -L dependency= flag.
func flagsOf(args []string) rustcFlags {
	var f rustcFlags
	last := -1
	for i := 0; i < len(args); i++ {
		switch {
		case args[i] == "-L" && i+1 < len(args) && strings.HasPrefix(args[i+1], "dependency="):
			last = i + 1
		case args[i] == "--target" && i+1 < len(args) && last < 0:
			f.target = args[i+1]
		case args[i] == "-C" && i+1 < len(args) && strings.HasPrefix(args[i+1], "linker=") && last < 0:
			f.linker = strings.TrimPrefix(args[i+1], "linker=")
		}
	}
	f.rustflags = []string{}
	if last >= 0 {
		f.rustflags = append(f.rustflags, args[last+1:]...)
	}
	return f
}

// benchEnv is a clean environment with the bench's env.sh sourced.
func benchEnv(t *testing.T, cache string) []string {
	t.Helper()
	cmd := exec.Command("bash", "-c", `. "$1/env.sh" && env -0`, "bash", cache)
	cmd.Env = []string{"HOME=" + os.Getenv("HOME"), "PATH=/usr/local/bin:/usr/bin:/bin"}
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("sourcing env.sh: %v", err)
	}
	var env []string
	for _, kv := range strings.Split(string(out), "\x00") {
		if kv != "" && !strings.HasPrefix(kv, "_=") && !strings.HasPrefix(kv, "SHLVL=") && !strings.HasPrefix(kv, "PWD=") && !strings.HasPrefix(kv, "OLDPWD=") {
			env = append(env, kv)
		}
	}
	return env
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
