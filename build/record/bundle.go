// Package record keeps what a build log cannot show: a bundle directory holding the build's
// output with its environment (secrets hashed), the config files cargo read, the toolchain
// file, Cargo.lock and flake.lock, the tool versions and doctor's prediction. It runs the
// build (Run) and reads bundles back (Open, Compare); it never prints.
package record

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Schema is the bundle's manifest schema.
const Schema = "cxlog.record/v1"

// The bundle's files.
const (
	ManifestFile = "bundle.json"
	LogFile      = "build.log"   // the build-deciding variables, one KEY=VALUE a line, then the output
	EnvFile      = "env.txt"     // the whole environment, secrets hashed, sorted
	DoctorFile   = "doctor.json" // doctor's report (cxlog.doctor/v1) made before the build
	filesDir     = "files"
)

// Manifest is bundle.json.
type Manifest struct {
	Schema   string   `json:"schema"`
	Command  []string `json:"command"`
	Dir      string   `json:"dir"`
	ExitCode int      `json:"exit_code"`
	Started  string   `json:"started"`
	Seconds  float64  `json:"seconds"`
	Files    []Kept   `json:"files"`
	Tools    []Tool   `json:"tools"`
	// DoctorError is why doctor could not read the project ("" when it could).
	DoctorError string `json:"doctor_error,omitempty"`
}

// Kept is a project file copied into the bundle.
type Kept struct {
	Path   string `json:"path"` // where it was
	Kind   string `json:"kind"` // config, cargo-home, manifest, toolchain, lockfile, ...
	Copy   string `json:"copy"` // relative to the bundle
	SHA256 string `json:"sha256"`
}

// Tool is one version command's output.
type Tool struct {
	Name    string   `json:"name"` // rustc, cargo, linker
	Command []string `json:"command"`
	Output  string   `json:"output"`
	Error   string   `json:"error,omitempty"`
}

// Bundle is a bundle read back.
type Bundle struct {
	Dir      string
	Manifest Manifest
	Env      []string // from env.txt
}

// IsBundle says whether path is a bundle directory.
func IsBundle(path string) bool {
	st, err := os.Stat(filepath.Join(path, ManifestFile))
	return err == nil && st.Mode().IsRegular()
}

// Open reads a bundle.
func Open(dir string) (*Bundle, error) {
	b := &Bundle{Dir: dir}
	data, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		return nil, fmt.Errorf("%s: not a record bundle: %w", dir, unwrapPath(err))
	}
	if err := json.Unmarshal(data, &b.Manifest); err != nil || b.Manifest.Schema != Schema {
		return nil, fmt.Errorf("%s: %s is not a %s manifest", dir, ManifestFile, Schema)
	}
	env, err := os.ReadFile(filepath.Join(dir, EnvFile))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, unwrapPath(err))
	}
	for _, line := range strings.Split(string(env), "\n") {
		if line != "" {
			b.Env = append(b.Env, line)
		}
	}
	return b, nil
}

// LogPath is the bundle's build log.
func (b *Bundle) LogPath() string { return filepath.Join(b.Dir, LogFile) }

// DoctorPath is doctor's report made before the build.
func (b *Bundle) DoctorPath() string { return filepath.Join(b.Dir, DoctorFile) }

func unwrapPath(err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err
	}
	return err
}

// secretName says whether a variable's value must not be kept: a name holding TOKEN,
// SECRET, PASSWORD or KEY (any case).
func secretName(name string) bool {
	u := strings.ToUpper(name)
	for _, s := range []string{"TOKEN", "SECRET", "PASSWORD", "KEY"} {
		if strings.Contains(u, s) {
			return true
		}
	}
	return false
}

// Redact replaces each secret-looking variable's value by a hash of it, so two bundles still
// show whether it changed; the result is sorted.
func Redact(env []string) []string {
	out := make([]string, 0, len(env))
	for _, kv := range env {
		k, v, ok := strings.Cut(kv, "=")
		if ok && secretName(k) {
			sum := sha256.Sum256([]byte(v))
			kv = k + "=sha256:" + hex.EncodeToString(sum[:8])
		}
		out = append(out, kv)
	}
	sort.Strings(out)
	return out
}
