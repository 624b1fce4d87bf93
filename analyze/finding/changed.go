package finding

import "encoding/json"

// Change is one setting that differs between the working and the failing build: what it is,
// each side's value and where that value came from, so that a script can act on it.
type Change struct {
	// Setting names what changed: an environment variable (RUSTFLAGS), a flag (-C link-arg),
	// a config key (target.riscv32imc-unknown-none-elf.rustflags), a crate (cxlog-fwlib), a
	// profile setting (profile.release.opt-level).
	Setting string `json:"setting"`
	Good    Side   `json:"good"`
	Bad     Side   `json:"bad"`
}

// Side is one build's value of a changed setting.
type Side struct {
	Value string `json:"value,omitempty"` // "" when the build does not have the setting
	// Source is where the value came from: one of the Source* constants.
	Source string `json:"source,omitempty"`
	// Key is the name in that source: the variable, the config key, the command-line flag.
	Key  string `json:"key,omitempty"`
	File string `json:"file,omitempty"` // the log line that shows the value
	Line int    `json:"line,omitempty"`
}

// Where a setting's value comes from.
const (
	SourceEnv         = "env"          // the build's environment
	SourceCommandLine = "command-line" // the cargo command's arguments
	SourceConfig      = "config"       // a .cargo/config.toml (the project's, $CARGO_HOME's, --config)
	SourceManifest    = "Cargo.toml"   // a manifest: dependencies, profiles, features
	SourceBuildScript = "build-script" // a build script's cargo: lines
	SourceRustc       = "rustc"        // seen only on rustc's command line; its source is not in the log
	SourceLog         = "log"          // a line of the build's output (an error)
)

// MarshalJSON writes changed as an empty list rather than null when a finding has none.
func (f Finding) MarshalJSON() ([]byte, error) {
	type plain Finding
	p := plain(f)
	if p.Changed == nil {
		p.Changed = []Change{}
	}
	return json.Marshal(p)
}
