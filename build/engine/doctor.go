package engine

import (
	"cmp"
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/cxlog/cxlog/analyze/cargoconf"
	"github.com/cxlog/cxlog/analyze/lazyre"
	"github.com/cxlog/cxlog/build/record"
)

// DoctorRequest is what cargo would be started with: its directory, environment, --config
// and --target arguments, and --manifest-path.
type DoctorRequest struct {
	Dir          string
	ManifestPath string
	ConfigArgs   []string
	Target       string
	Env          []string // the environment cargo would get; nil: none
}

// Doctor predicts what cargo will hand rustc for the project, before any build. The host
// triple, cargo's version and rustc's sysroot come from the toolchain cargo would run
// ($RUSTC, $CARGO, else rustc and cargo on the request's PATH), asked in the project's
// directory as cargo would be; a toolchain that cannot be run leaves them unknown. Input
// cargo could not read either is a *UserError.
func (e *Engine) Doctor(req DoctorRequest) (*cargoconf.Report, error) {
	return e.doctor(req, nil)
}

// doctor is Doctor with the toolchain's version commands already run, or run here when
// versions is nil.
func (e *Engine) doctor(req DoctorRequest, versions *toolVersions) (*cargoconf.Report, error) {
	if record.IsBundle(req.Dir) {
		return doctorOfBundle(req.Dir)
	}
	if versions == nil {
		v := runVersions(context.Background(), req.Env, req.Dir)
		versions = &v
	}
	in := cargoconf.Inputs{Dir: req.Dir, ManifestPath: req.ManifestPath, Env: req.Env, ConfigArgs: req.ConfigArgs, Target: req.Target}
	if versions.rustc.Error == "" {
		if m := hostRe().FindStringSubmatch(versions.rustc.Output); m != nil {
			in.Host = m[1]
		}
	}
	if versions.cargo.Error == "" {
		in.CargoVersion = cargoVersion(versions.cargo.Output)
	}
	if rustc := versions.rustcPath; rustc != "" {
		if out, err := runTool(req.Env, req.Dir, rustc, "--print", "sysroot"); err == nil {
			in.Sysroot = strings.TrimSpace(out)
		}
		cfgs := map[string][]string{}
		in.Cfg = func(target string) []string {
			if v, ok := cfgs[target]; ok {
				return v
			}
			var lines []string
			if out, err := runTool(req.Env, req.Dir, rustc, "--print", "cfg", "--target", target); err == nil {
				lines = strings.Split(strings.TrimSpace(out), "\n")
			}
			cfgs[target] = lines
			return lines
		}
	}
	r, err := cargoconf.Doctor(in)
	if err != nil {
		if _, ok := errors.AsType[*cargoconf.ConfigError](err); ok {
			return nil, &UserError{Err: err}
		}
		return nil, err
	}
	return r, nil
}

// toolVersions are the outputs of rustc -vV and cargo -V, run once in the project's
// directory, where rustup finds the rust-toolchain.toml that picks the toolchain: doctor reads
// the host and cargo's version from them, and record keeps them in the bundle. rustcPath is
// the rustc they found, for doctor's other questions to it; "" when there is none.
type toolVersions struct {
	rustc, cargo record.Tool
	rustcPath    string
}

// runVersions runs the version commands of the toolchain cargo would run: $RUSTC and $CARGO,
// else rustc and cargo on env's PATH.
func runVersions(ctx context.Context, env []string, dir string) toolVersions {
	vars := map[string]string{}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		vars[k] = v
	}
	run := func(name, prog, arg string) (record.Tool, string) {
		p, err := findTool(prog, vars["PATH"])
		if err != nil {
			return record.Tool{Name: name, Command: []string{prog, arg}, Error: err.Error()}, ""
		}
		return record.RunTool(ctx, name, []string{p, arg}, env, dir), p
	}
	var v toolVersions
	v.rustc, v.rustcPath = run("rustc", cmp.Or(vars["RUSTC"], "rustc"), "-vV")
	v.cargo, _ = run("cargo", cmp.Or(vars["CARGO"], "cargo"), "-V")
	return v
}

func (v toolVersions) tools() []record.Tool { return []record.Tool{v.rustc, v.cargo} }

// runTool runs a toolchain program, found already, in dir with env, for at most 10 s, and
// returns what it printed on stdout.
func runTool(env []string, dir, prog string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.Env, cmd.Dir = env, dir
	out, err := cmd.Output()
	return string(out), err
}

// findTool is prog itself when it names a path, else the executable of that name on path
// (a PATH list other than cxlog's own).
func findTool(prog, path string) (string, error) {
	if strings.ContainsRune(prog, '/') {
		return prog, nil
	}
	if p := cargoconf.FindExecutable(prog, filepath.SplitList(path)); p != "" {
		return p, nil
	}
	return "", &exec.Error{Name: prog, Err: exec.ErrNotFound}
}

var (
	versionRe = lazyre.New(`(\d+)\.(\d+)`)
	hostRe    = lazyre.New(`(?m)^host: (\S+)`)
)

// cargoVersion reads cargo -V's "cargo 1.80.0 (...)" line; the output may hold rustup's
// notes on stderr as well.
func cargoVersion(out string) [2]int {
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "cargo ") {
			return parseVersion(l)
		}
	}
	return parseVersion(out)
}

func parseVersion(s string) [2]int {
	m := versionRe().FindStringSubmatch(s)
	if m == nil {
		return [2]int{}
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	return [2]int{a, b}
}
