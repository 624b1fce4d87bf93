package engine

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/cxlog/cxlog/analyze/cargoconf"
	"github.com/cxlog/cxlog/build/record"
)

// RecordRequest is a build to run and keep: the command, where and with what environment
// it runs, the bundle directory, and the terminal it inherits.
type RecordRequest struct {
	Command []string
	Dir     string
	Env     []string
	Out     string
	Stdin   io.Reader
	Stdout  io.Writer
	Stderr  io.Writer
}

// RecordResult is a recorded build.
type RecordResult struct {
	Bundle   string
	Manifest *record.Manifest
}

// Record runs doctor on the project, keeps what it read, runs the build with its output
// streamed and kept, and writes the bundle. A project doctor cannot read is noted in the
// bundle, and the build still runs.
func (e *Engine) Record(ctx context.Context, req RecordRequest) (*RecordResult, error) {
	dreq := DoctorRequest{Dir: req.Dir, Env: req.Env}
	cargoArgs(req.Command, &dreq)
	spec := record.Spec{Command: req.Command, Dir: req.Dir, Env: req.Env, Stdin: req.Stdin, Stdout: req.Stdout, Stderr: req.Stderr, Out: req.Out,
		Header: BuildLogWithEnv(nil, record.Redact(req.Env))}
	versions := runVersions(ctx, req.Env, req.Dir)
	spec.Tools = versions.tools()
	rep, err := e.doctor(dreq, &versions)
	if err != nil {
		spec.DoctorError = err.Error()
	} else {
		spec.Doctor, _ = json.MarshalIndent(doctorWire{cargoconf.Schema, rep}, "", "  ")
		for _, f := range rep.Files {
			if f.Read {
				spec.Before = append(spec.Before, record.FileRef{Path: f.Path, Kind: f.Kind})
			}
		}
		seen := map[string]bool{}
		for _, p := range rep.Targets {
			if p.LinkerPath != "" && !seen[p.LinkerPath] {
				seen[p.LinkerPath] = true
				spec.Tools = append(spec.Tools, record.RunTool(ctx, "linker", []string{p.LinkerPath, "--version"}, req.Env, req.Dir))
			}
		}
		for _, dir := range lockDirs(req.Dir, rep) {
			spec.After = append(spec.After, record.FileRef{Path: filepath.Join(dir, "Cargo.lock"), Kind: "lockfile"}, record.FileRef{Path: filepath.Join(dir, "flake.lock"), Kind: "flake-lock"})
		}
	}
	m, err := record.Run(ctx, spec)
	if err != nil {
		if _, ok := errors.AsType[*record.RunError](err); ok {
			return nil, &UserError{Err: err}
		}
		if _, ok := errors.AsType[*record.BundleError](err); ok {
			return nil, &UserError{Err: err}
		}
		return nil, err
	}
	return &RecordResult{Bundle: req.Out, Manifest: m}, nil
}

type doctorWire struct {
	Schema string `json:"schema"`
	*cargoconf.Report
}

// cargoArgs takes doctor's inputs from a cargo command line (--config, --target,
// --manifest-path), when the command is cargo's.
func cargoArgs(cmd []string, req *DoctorRequest) {
	for i := 0; i < len(cmd); i++ {
		a := cmd[i]
		val := func(flag string) (string, bool) {
			if v, ok := strings.CutPrefix(a, flag+"="); ok {
				return v, true
			}
			if a == flag && i+1 < len(cmd) {
				i++
				return cmd[i], true
			}
			return "", false
		}
		if v, ok := val("--config"); ok {
			req.ConfigArgs = append(req.ConfigArgs, v)
		} else if v, ok := val("--target"); ok {
			req.Target = v
		} else if v, ok := val("--manifest-path"); ok {
			req.ManifestPath = v
		}
	}
}

// lockDirs are where Cargo.lock and flake.lock may be: the directory the build ran in, the
// package's and the workspace root's.
func lockDirs(dir string, rep *cargoconf.Report) []string {
	dirs := []string{}
	add := func(d string) {
		for _, x := range dirs {
			if x == d {
				return
			}
		}
		dirs = append(dirs, d)
	}
	if abs, err := filepath.Abs(dir); err == nil {
		add(abs)
	}
	for _, f := range rep.Files {
		if f.Kind == cargoconf.KindManifest {
			add(filepath.Dir(f.Path))
		}
	}
	return dirs
}

// doctorOfBundle is the prediction a bundle kept from before its build.
func doctorOfBundle(dir string) (*cargoconf.Report, error) {
	b, err := record.Open(dir)
	if err != nil {
		return nil, &UserError{Err: err}
	}
	data, err := os.ReadFile(b.DoctorPath())
	if err != nil {
		msg := "no doctor report in the bundle"
		if b.Manifest.DoctorError != "" {
			msg += ": " + b.Manifest.DoctorError
		}
		return nil, userErrorf("%s: %s", dir, msg)
	}
	var rep cargoconf.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		return nil, userErrorf("%s: %s: %v", dir, record.DoctorFile, err)
	}
	return &rep, nil
}
