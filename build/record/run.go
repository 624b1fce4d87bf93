package record

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Spec is a build to run and record.
type Spec struct {
	Command []string
	Dir     string
	Env     []string // the build's environment, as it runs (unredacted)
	Stdin   io.Reader
	Stdout  io.Writer
	Stderr  io.Writer
	Out     string // the bundle directory; it must not exist yet
	// Header is what build.log holds before the output: the build-deciding variables.
	Header []byte
	// Before are the project files to keep as the build reads them; After those to keep once
	// it is over (Cargo.lock, which the build may write).
	Before, After []FileRef
	Tools         []Tool // version commands already run (RunTool), kept in the manifest
	Doctor        []byte // doctor's report, JSON; nil when doctor could not read the project
	DoctorError   string
}

// FileRef is a file to keep.
type FileRef struct{ Path, Kind string }

// RunError is a build command that could not be started.
type RunError struct{ Err error }

func (e *RunError) Error() string { return e.Err.Error() }
func (e *RunError) Unwrap() error { return e.Err }

// BundleError is a bundle that cannot be written (it exists, no space).
type BundleError struct{ Err error }

func (e *BundleError) Error() string { return e.Err.Error() }
func (e *BundleError) Unwrap() error { return e.Err }

// Run writes the bundle's inputs, runs the build with its output streamed to Stdout/Stderr
// and into build.log, and writes the manifest. The manifest's ExitCode is the build's (128+N
// for a signal N).
func Run(ctx context.Context, s Spec) (*Manifest, error) {
	if len(s.Command) == 0 {
		return nil, &RunError{Err: errors.New("no command to run")}
	}
	if err := os.Mkdir(s.Out, 0o755); err != nil {
		return nil, &BundleError{Err: fmt.Errorf("bundle %s: %w", s.Out, unwrapPath(err))}
	}
	m := &Manifest{Schema: Schema, Command: s.Command, Dir: s.Dir, Files: []Kept{}, Tools: []Tool{}, DoctorError: s.DoctorError}
	w := bundleWriter{dir: s.Out}
	w.write(EnvFile, []byte(strings.Join(Redact(s.Env), "\n")+"\n"))
	if s.Doctor != nil {
		w.write(DoctorFile, s.Doctor)
	}
	for _, f := range s.Before {
		if k, ok := w.keep(f, len(m.Files)); ok {
			m.Files = append(m.Files, k)
		}
	}
	m.Tools = append(m.Tools, s.Tools...)
	if w.err != nil {
		return nil, &BundleError{Err: w.err}
	}
	log, err := os.Create(filepath.Join(s.Out, LogFile))
	if err != nil {
		return nil, &BundleError{Err: err}
	}
	defer log.Close()
	if _, err := log.Write(s.Header); err != nil {
		return nil, &BundleError{Err: err}
	}
	var mu sync.Mutex
	tee := func(term io.Writer) io.Writer {
		return writerFunc(func(p []byte) (int, error) {
			mu.Lock()
			defer mu.Unlock()
			log.Write(p)
			return term.Write(p)
		})
	}
	cmd := exec.Command(s.Command[0], s.Command[1:]...)
	cmd.Dir, cmd.Env, cmd.Stdin = s.Dir, s.Env, s.Stdin
	cmd.Stdout, cmd.Stderr = tee(s.Stdout), tee(s.Stderr)
	start := time.Now()
	m.Started = start.UTC().Format(time.RFC3339)
	runErr := cmd.Run()
	m.Seconds = time.Since(start).Seconds()
	var exit *exec.ExitError
	switch {
	case runErr == nil:
	case errors.As(runErr, &exit):
		m.ExitCode = exit.ExitCode()
		if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			m.ExitCode = 128 + int(ws.Signal())
		}
	default:
		os.RemoveAll(s.Out)
		return nil, &RunError{Err: fmt.Errorf("%s: %w", s.Command[0], runErr)}
	}
	for _, f := range s.After {
		if k, ok := w.keep(f, len(m.Files)); ok {
			m.Files = append(m.Files, k)
		}
	}
	data, _ := json.MarshalIndent(m, "", "  ")
	w.write(ManifestFile, append(data, '\n'))
	if w.err != nil {
		return m, &BundleError{Err: w.err}
	}
	return m, nil
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// bundleWriter writes files into the bundle, keeping the first error.
type bundleWriter struct {
	dir string
	err error
}

func (w *bundleWriter) write(name string, data []byte) {
	if w.err != nil {
		return
	}
	p := filepath.Join(w.dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		w.err = err
		return
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		w.err = err
	}
}

// keep copies a project file into files/; a file that does not exist is skipped.
func (w *bundleWriter) keep(f FileRef, n int) (Kept, bool) {
	data, err := os.ReadFile(f.Path)
	if err != nil {
		return Kept{}, false
	}
	sum := sha256.Sum256(data)
	copyName := filepath.Join(filesDir, fmt.Sprintf("%02d-%s", n, filepath.Base(f.Path)))
	w.write(copyName, data)
	return Kept{Path: f.Path, Kind: f.Kind, Copy: copyName, SHA256: hex.EncodeToString(sum[:])}, true
}

// RunTool runs a version command in dir for at most 10 s, keeping what it printed on
// stdout and stderr.
func RunTool(ctx context.Context, name string, command, env []string, dir string) Tool {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, command[0], command[1:]...)
	cmd.Env, cmd.Dir = env, dir
	out, err := cmd.CombinedOutput()
	tool := Tool{Name: name, Command: command, Output: strings.TrimRight(string(out), "\n")}
	if err != nil {
		tool.Error = err.Error()
	}
	return tool
}
