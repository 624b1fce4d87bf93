package engine

import (
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/cxlog/cxlog/analyze/cargoconf"
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
// ($RUSTC, $CARGO, else rustc and cargo on the request's PATH); a toolchain that cannot be
// run leaves them unknown. Input cargo could not read either is a *UserError.
func (e *Engine) Doctor(req DoctorRequest) (*cargoconf.Report, error) {
	if record.IsBundle(req.Dir) {
		return doctorOfBundle(req.Dir)
	}
	in := cargoconf.Inputs{Dir: req.Dir, ManifestPath: req.ManifestPath, Env: req.Env, ConfigArgs: req.ConfigArgs, Target: req.Target}
	env := map[string]string{}
	for _, kv := range req.Env {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	rustc := firstSet(env["RUSTC"], "rustc")
	cargo := firstSet(env["CARGO"], "cargo")
	if out, err := runTool(req.Env, rustc, "-vV"); err == nil {
		if m := hostRe.FindStringSubmatch(out); m != nil {
			in.Host = m[1]
		}
	}
	if out, err := runTool(req.Env, rustc, "--print", "sysroot"); err == nil {
		in.Sysroot = strings.TrimSpace(out)
	}
	if out, err := runTool(req.Env, cargo, "-V"); err == nil {
		in.CargoVersion = parseVersion(out)
	}
	cfgs := map[string][]string{}
	in.Cfg = func(target string) []string {
		if v, ok := cfgs[target]; ok {
			return v
		}
		var lines []string
		if out, err := runTool(req.Env, rustc, "--print", "cfg", "--target", target); err == nil {
			lines = strings.Split(strings.TrimSpace(out), "\n")
		}
		cfgs[target] = lines
		return lines
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

func firstSet(v, def string) string {
	if v != "" {
		return v
	}
	return def
}

// runTool runs a toolchain program with env (PATH from it), for at most 10 s.
func runTool(env []string, prog string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if !strings.ContainsRune(prog, '/') {
		path := ""
		for _, kv := range env {
			if v, ok := strings.CutPrefix(kv, "PATH="); ok {
				path = v
			}
		}
		p, err := lookPathIn(prog, path)
		if err != nil {
			return "", err
		}
		prog = p
	}
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.Env = env
	out, err := cmd.Output()
	return string(out), err
}

var (
	versionRe = regexp.MustCompile(`(\d+)\.(\d+)`)
	hostRe    = regexp.MustCompile(`(?m)^host: (\S+)`)
)

func parseVersion(s string) [2]int {
	m := versionRe.FindStringSubmatch(s)
	if m == nil {
		return [2]int{}
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	return [2]int{a, b}
}

// lookPathIn finds an executable on a PATH list other than cxlog's own.
func lookPathIn(prog, path string) (string, error) {
	if p := cargoconf.FindExecutable(prog, filepath.SplitList(path)); p != "" {
		return p, nil
	}
	return "", exec.ErrNotFound
}
