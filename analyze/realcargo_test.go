package analyze

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestRealCargoVerboseBuild runs the machine's cargo on a tiny crate and reads its one-line
// `Running` commands: the format as cargo really prints it today.
func TestRealCargoVerboseBuild(t *testing.T) {
	cargo, err := exec.LookPath("cargo")
	if home, herr := os.UserHomeDir(); err != nil && herr == nil {
		cargo, err = exec.LookPath(filepath.Join(home, ".cargo", "bin", "cargo")) // rustup's, when PATH lacks it
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("cargo is not on PATH in CI")
		}
		t.Skip("cargo is not on PATH")
	}
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// a description with backticks, quotes and a newline, as crates have them: cargo -vv prints
	// it single-quoted in every command's environment, over two lines
	write("Cargo.toml", "[package]\nname = \"tiny-probe\"\nversion = \"0.3.1\"\nedition = \"2021\"\n"+
		"description = \"\"\"Bindings for `foo`,\nand O'Brien's `bar`!\"\"\"\n")
	write("src/main.rs", "fn main() { println!(\"hi\"); }\n")
	write("build.rs", "fn main() { println!(\"cargo:rustc-cfg=probe_cfg\"); }\n")
	write(".cargo/config.toml", "[build]\nrustflags = [\"-C\", \"link-arg=-Wl,--as-needed\", \"-C\", \"target-feature=+crt-static\"]\n")
	cmd := exec.Command(cargo, "build", "-vv", "--release", "--offline")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CARGO_TARGET_DIR="+filepath.Join(dir, "target"), "CARGO_TERM_COLOR=always")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("cargo build -vv: %v\n%s", err, out.String())
	}
	l := readString(t, out.String())
	var bin, script *Invocation
	for _, inv := range l.Invocations {
		switch {
		case inv.Kind == KindRustc && inv.CrateName == "tiny_probe" && contains(inv.CrateTypes, "bin"):
			bin = inv
		case inv.Kind == KindBuildScript:
			script = inv
		}
	}
	if bin == nil || script == nil {
		t.Fatalf("missing the bin invocation or the build-script run in %d invocations:\n%s", len(l.Invocations), out.String())
	}
	if bin.Package != "tiny-probe" || bin.PackageVersion != "0.3.1" || bin.Edition != "2021" || bin.Profile != "release" {
		t.Errorf("bin: package %s %s edition %s profile %s", bin.Package, bin.PackageVersion, bin.Edition, bin.Profile)
	}
	if !contains(bin.LinkArgs, "-Wl,--as-needed") || len(bin.TargetFeatures) != 1 || bin.TargetFeatures[0].String() != "+crt-static" {
		t.Errorf("config rustflags not read: link args %q features %v", bin.LinkArgs, bin.TargetFeatures)
	}
	if got := cfgStrings(bin.Cfgs); !contains(got, "probe_cfg") {
		t.Errorf("build-script cfg missing: %q", got)
	}
	if bin.End != bin.Start+1 {
		t.Errorf("cargo printed the command on two lines (the description's newline), span %d-%d", bin.Start, bin.End)
	}
	if d, _ := bin.EnvValue("CARGO_PKG_DESCRIPTION"); d != "Bindings for `foo`,\nand O'Brien's `bar`!" {
		t.Errorf("description = %q", d)
	}
	if !strings.HasSuffix(bin.Source, "src/main.rs") {
		t.Errorf("source = %q", bin.Source)
	}
}
