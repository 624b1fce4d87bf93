package cargoconf

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// Inputs are what cargo would start with: the directory it runs in, its environment, its
// --config and --target arguments, and facts about the toolchain doctor cannot read from files.
type Inputs struct {
	Dir          string   // the directory cargo runs in (its current directory)
	ManifestPath string   // --manifest-path; "" finds Cargo.toml from Dir upward, as cargo does
	Env          []string // KEY=VALUE, the environment cargo would get
	ConfigArgs   []string // --config KEY=VALUE or --config FILE, in order
	Target       string   // --target of the cargo command; "" when none
	Host         string   // the host triple (rustc -vV); "" when unknown
	CargoVersion [2]int   // cargo's major and minor version; zero when unknown
	Sysroot      string   // rustc --print sysroot, where rustc finds rust-lld; "" when unknown
	// Cfg gives a target's cfg values (rustc --print cfg --target T), for [target.'cfg(..)']
	// tables; nil, or nil values, leave those tables unevaluated (a problem says so).
	Cfg func(target string) []string
}

// Kinds of file doctor reads.
const (
	KindConfig     = "config"      // a .cargo/config(.toml) of the directory chain
	KindCargoHome  = "cargo-home"  // $CARGO_HOME/config(.toml)
	KindConfigArg  = "config-arg"  // a file given with --config
	KindInclude    = "include"     // a file named by an include key
	KindManifest   = "manifest"    // Cargo.toml
	KindToolchain  = "toolchain"   // rust-toolchain(.toml)
	KindTargetSpec = "target-spec" // a custom target's JSON
)

// File is one file cargo (or rustup) reads, or would read.
type File struct {
	Path string `json:"path"`
	Kind string `json:"kind"`
	Read bool   `json:"read"`           // false: present but not read by cargo (the reason in Note)
	Note string `json:"note,omitempty"` // why it is not read, or what it is
}

// ConfigError is input doctor cannot read as cargo would: invalid TOML, a symlink loop, an
// unreadable $CARGO_HOME. Path names the file or directory.
type ConfigError struct {
	Path string
	Err  error
}

func (e *ConfigError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *ConfigError) Unwrap() error { return e.Err }

// origin says where a value came from, as cargo's own messages name it.
type origin struct {
	kind string // "file", "env" or "cli"
	path string // the file; for env the variable, for cli the argument
	root string // the directory config-relative paths are resolved against
}

func (o origin) String() string {
	switch o.kind {
	case "env":
		return "environment " + o.path
	case "cli":
		return "--config " + o.path
	}
	return o.path
}

// layer is one source of configuration values; layers are kept lowest priority first.
type layer struct {
	origin origin
	data   map[string]any
}

// model is what the inputs say, before any prediction.
type model struct {
	in     Inputs
	env    map[string]string
	dir    string
	files  []File
	layers []layer // files ($CARGO_HOME first, then from / down to Dir), then --config
	notes  []Problem
}

// load reads the config chain the way cargo does.
func load(in Inputs) (*model, error) {
	m := &model{in: in, env: envMap(in.Env)}
	dir, err := physicalDir(in.Dir)
	if err != nil {
		return nil, err
	}
	m.dir = dir
	// "Hierarchical structure": cargo probes .cargo/config(.toml) in the current directory
	// and every parent, then $CARGO_HOME/config.toml; deeper directories take precedence.
	// The search starts from the current directory, not the manifest's (cargo PR #10207).
	var chain []string
	for d := dir; ; d = filepath.Dir(d) {
		chain = append(chain, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	home, err := m.cargoHome()
	if err != nil {
		return nil, err
	}
	var fileLayers []layer
	homeSeen := false
	if home != "" {
		p, err := configIn(home)
		if err != nil {
			return nil, err
		}
		if p != "" {
			l, err := m.readConfig(p, KindCargoHome, filepath.Dir(home))
			if err != nil {
				return nil, err
			}
			fileLayers = append(fileLayers, l...)
			homeSeen = true
		}
	}
	for i := len(chain) - 1; i >= 0; i-- {
		cdir := filepath.Join(chain[i], ".cargo")
		// $CARGO_HOME is read once even when it lies in the chain (~/.cargo under $HOME).
		if homeSeen && sameDir(cdir, home) {
			continue
		}
		p, err := configIn(cdir)
		if err != nil {
			return nil, err
		}
		if p == "" {
			continue
		}
		l, err := m.readConfig(p, KindConfig, chain[i])
		if err != nil {
			return nil, err
		}
		fileLayers = append(fileLayers, l...)
	}
	m.layers = fileLayers
	// "Command-line overrides": --config KEY=VALUE or a file; they take precedence over
	// environment variables, which take precedence over config files; several are merged
	// left to right.
	for _, arg := range in.ConfigArgs {
		l, err := m.configArg(arg)
		if err != nil {
			return nil, err
		}
		m.layers = append(m.layers, l...)
	}
	return m, nil
}

// physicalDir is the directory as getcwd would report it, which is where cargo starts.
func physicalDir(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", &ConfigError{Path: dir, Err: err}
	}
	// Stat first: the kernel names a symlink loop (ELOOP), EvalSymlinks only "too many links".
	st, err := os.Stat(abs)
	if err != nil {
		return "", &ConfigError{Path: dir, Err: pathErr(err)}
	}
	if !st.IsDir() {
		return "", &ConfigError{Path: dir, Err: errors.New("not a directory")}
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", &ConfigError{Path: dir, Err: pathErr(err)}
	}
	return real, nil
}

// pathErr drops the path a PathError repeats (ConfigError names it).
func pathErr(err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err
	}
	return err
}

// cargoHome is $CARGO_HOME, else ~/.cargo ("Hierarchical structure"). An unreadable one is an
// error, as it is for cargo.
func (m *model) cargoHome() (string, error) {
	home := m.env["CARGO_HOME"]
	if home == "" {
		h := m.env["HOME"]
		if h == "" {
			return "", nil
		}
		home = filepath.Join(h, ".cargo")
	} else if !filepath.IsAbs(home) {
		home = filepath.Join(m.dir, home)
	}
	st, err := os.Stat(home)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", nil
	case err != nil:
		return "", &ConfigError{Path: home, Err: fmt.Errorf("$CARGO_HOME cannot be read: %w", pathErr(err))}
	case !st.IsDir():
		return "", &ConfigError{Path: home, Err: errors.New("$CARGO_HOME is not a directory")}
	}
	if _, err := os.ReadDir(home); err != nil {
		return "", &ConfigError{Path: home, Err: fmt.Errorf("$CARGO_HOME cannot be read: %w", pathErr(err))}
	}
	return home, nil
}

// configIn is the config file of a .cargo directory: "Hierarchical structure": cargo also
// reads `config` without the extension, and when both exist it uses `config`.
func configIn(dir string) (string, error) {
	for _, name := range []string{"config", "config.toml"} {
		p := filepath.Join(dir, name)
		st, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return "", &ConfigError{Path: p, Err: pathErr(err)}
		}
		if st.IsDir() {
			return "", &ConfigError{Path: p, Err: errors.New("is a directory, not a config file")}
		}
		return p, nil
	}
	return "", nil
}

func sameDir(a, b string) bool {
	ra, err1 := filepath.EvalSymlinks(a)
	rb, err2 := filepath.EvalSymlinks(b)
	return err1 == nil && err2 == nil && ra == rb
}

// readConfig reads one config file and the files its include key names. root is the
// directory config-relative paths are resolved against: the parent of the .cargo directory
// ("Config-relative paths").
func (m *model) readConfig(path, kind, root string) ([]layer, error) {
	data, err := m.readTOML(path)
	if err != nil {
		return nil, err
	}
	m.files = append(m.files, File{Path: path, Kind: kind, Read: true})
	self := layer{origin: origin{kind: "file", path: path, root: root}, data: data}
	inc, ok := data["include"]
	if !ok {
		return []layer{self}, nil
	}
	delete(data, "include")
	var paths []string
	switch v := inc.(type) {
	case string:
		paths = []string{v}
	case []any:
		for _, e := range v {
			switch e := e.(type) {
			case string:
				paths = append(paths, e)
			case map[string]any:
				if p, ok := e["path"].(string); ok {
					paths = append(paths, p)
				}
			}
		}
	}
	// "include": cargo 1.94 made the key stable; before it needs -Zconfig-include on nightly
	// and a stable cargo ignores it (with a warning).
	if !m.includeStable() {
		for _, p := range paths {
			m.files = append(m.files, File{Path: m.includePath(path, p), Kind: KindInclude, Note: "not read: include needs cargo 1.94 or -Zconfig-include"})
		}
		m.notes = append(m.notes, Problem{
			Class: "cargo-config-scope", Entry: "cargo-settings-reached-wrong-build", Where: path,
			Message: fmt.Sprintf("%s includes %s, but this cargo (%s) ignores include: its settings do not reach the build", path, strings.Join(paths, ", "), m.cargoVersion()),
			Fix:     "copy the included settings into " + path + ", or use cargo 1.94 or later",
		})
		return []layer{self}, nil
	}
	// Included files are merged below the including file: its own keys win.
	var out []layer
	for _, p := range paths {
		ip := m.includePath(path, p)
		l, err := m.readConfig(ip, KindInclude, root)
		if err != nil {
			return nil, err
		}
		out = append(out, l...)
	}
	return append(out, self), nil
}

// includePath resolves an include relative to the including file's directory.
func (m *model) includePath(from, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(filepath.Dir(from), p)
}

func (m *model) includeStable() bool {
	v := m.in.CargoVersion
	return v[0] > 1 || (v[0] == 1 && v[1] >= 94)
}

func (m *model) cargoVersion() string {
	if m.in.CargoVersion == [2]int{} {
		return "version unknown"
	}
	return fmt.Sprintf("cargo %d.%d", m.in.CargoVersion[0], m.in.CargoVersion[1])
}

// readTOML reads a TOML file into nested maps; invalid TOML is a ConfigError with its line.
func (m *model) readTOML(path string) (map[string]any, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, &ConfigError{Path: path, Err: pathErr(err)}
	}
	return parseTOML(path, b)
}

func parseTOML(path string, b []byte) (map[string]any, error) {
	data := map[string]any{}
	if err := toml.Unmarshal(b, &data); err != nil {
		if de, ok := errors.AsType[*toml.DecodeError](err); ok {
			row, col := de.Position()
			return nil, &ConfigError{Path: path, Err: fmt.Errorf("line %d, column %d: not valid TOML: %s", row, col, de.Error())}
		}
		return nil, &ConfigError{Path: path, Err: fmt.Errorf("not valid TOML: %w", err)}
	}
	return data, nil
}

// configArg reads one --config argument: a path to an existing file, or one KEY=VALUE in
// TOML syntax ("Command-line overrides").
func (m *model) configArg(arg string) ([]layer, error) {
	p := arg
	if !filepath.IsAbs(p) {
		p = filepath.Join(m.dir, p)
	}
	if st, err := os.Stat(p); err == nil && !st.IsDir() {
		data, err := m.readTOML(p)
		if err != nil {
			return nil, err
		}
		m.files = append(m.files, File{Path: p, Kind: KindConfigArg, Read: true})
		return []layer{{origin: origin{kind: "file", path: p, root: filepath.Dir(filepath.Dir(p))}, data: data}}, nil
	}
	data, err := parseTOML("--config "+arg, []byte(arg))
	if err != nil {
		return nil, err
	}
	return []layer{{origin: origin{kind: "cli", path: arg, root: m.dir}, data: data}}, nil
}

func envMap(env []string) map[string]string {
	m := map[string]string{}
	for _, kv := range env {
		k, v, ok := strings.Cut(kv, "=")
		if ok {
			m[k] = v
		}
	}
	return m
}

// lookup returns the value at key in a layer's data.
func lookup(data map[string]any, key []string) (any, bool) {
	var cur any = data
	for _, k := range key {
		t, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		cur, ok = t[k]
		if !ok {
			return nil, false
		}
	}
	return cur, true
}

// tableKeys lists the keys of the table at key across all layers, sorted.
func (m *model) tableKeys(key ...string) []string {
	seen := map[string]bool{}
	for _, l := range m.layers {
		if v, ok := lookup(l.data, key); ok {
			if t, ok := v.(map[string]any); ok {
				for k := range t {
					seen[k] = true
				}
			}
		}
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
