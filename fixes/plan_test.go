package fixes

import (
	"strings"
	"testing"

	"github.com/cxlog/cxlog/knowledge"
)

const espConfig = `# ESP32-C3 project
[build]
target = "riscv32imc-unknown-none-elf" # the chip

[target.riscv32imc-unknown-none-elf]
# lld, not the GCC wrapper
linker = "rust-lld"
rustflags = [
    # the linker script of the HAL
    "-C", "link-arg=-Tlinkall.x",
    "-C", "target-feature=+a", # wrong for this core
]

[unstable]
build-std = ["core"]
`

const riscv = "riscv32imc-unknown-none-elf"

func TestPlanEdits(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string]string
		target string
		action knowledge.Action
		path   string
		want   string
		note   string // a note the plan must carry
	}{
		{
			name:   "set-linker replaces the value, comments stay",
			files:  map[string]string{CargoConfigFile: espConfig},
			action: knowledge.Action{Kind: "set-linker", Target: riscv, Value: "/usr/bin/lld-14"},
			path:   CargoConfigFile,
			want:   strings.Replace(espConfig, `linker = "rust-lld"`, `linker = "/usr/bin/lld-14"`, 1),
		},
		{
			name:   "set-linker in a config saved with a UTF-8 byte order mark keeps the mark",
			files:  map[string]string{CargoConfigFile: "\xEF\xBB\xBF" + espConfig},
			action: knowledge.Action{Kind: "set-linker", Target: riscv, Value: "/usr/bin/lld-14"},
			path:   CargoConfigFile,
			want:   "\xEF\xBB\xBF" + strings.Replace(espConfig, `linker = "rust-lld"`, `linker = "/usr/bin/lld-14"`, 1),
		},
		{
			name:   "a byte order mark before the first table",
			files:  map[string]string{CargoConfigFile: "\xEF\xBB\xBF[build]\ntarget = \"" + riscv + "\"\n"},
			action: knowledge.Action{Kind: "set-linker", Value: "rust-lld"},
			path:   CargoConfigFile,
			want:   "\xEF\xBB\xBF[build]\ntarget = \"" + riscv + "\"\n\n[target." + riscv + "]\nlinker = \"rust-lld\"\n",
		},
		{
			name:   "set-linker without target uses [build] target",
			files:  map[string]string{CargoConfigFile: "[build]\ntarget = \"" + riscv + "\"\n"},
			action: knowledge.Action{Kind: "set-linker", Value: "rust-lld"},
			path:   CargoConfigFile,
			want:   "[build]\ntarget = \"" + riscv + "\"\n\n[target." + riscv + "]\nlinker = \"rust-lld\"\n",
		},
		{
			name:   "set-linker adds the key after the table's last key",
			files:  map[string]string{CargoConfigFile: "[target." + riscv + "]\nrunner = \"espflash flash\" # flash\n\n# other\n[env]\nX = \"1\"\n"},
			action: knowledge.Action{Kind: "set-linker", Target: riscv, Value: "rust-lld"},
			path:   CargoConfigFile,
			want:   "[target." + riscv + "]\nrunner = \"espflash flash\" # flash\nlinker = \"rust-lld\"\n\n# other\n[env]\nX = \"1\"\n",
		},
		{
			name:   "set-linker creates .cargo/config.toml",
			files:  map[string]string{"Cargo.toml": "[package]\nname = \"fw\"\n"},
			action: knowledge.Action{Kind: "set-linker", Target: riscv, Value: "rust-lld"},
			path:   CargoConfigFile,
			want:   "[target." + riscv + "]\nlinker = \"rust-lld\"\n",
		},
		{
			name:   "set-linker on a dotted key in [target]",
			files:  map[string]string{CargoConfigFile: "[target]\n" + riscv + ".runner = \"x\"\n"},
			action: knowledge.Action{Kind: "set-linker", Target: riscv, Value: "rust-lld"},
			path:   CargoConfigFile,
			want:   "[target]\n" + riscv + ".runner = \"x\"\n" + riscv + ".linker = \"rust-lld\"\n",
		},
		{
			name:   "set-linker edits the legacy .cargo/config",
			files:  map[string]string{".cargo/config": "[target." + riscv + "]\nlinker = \"gcc\"\n"},
			action: knowledge.Action{Kind: "set-linker", Target: riscv, Value: "rust-lld"},
			path:   ".cargo/config",
			want:   "[target." + riscv + "]\nlinker = \"rust-lld\"\n",
		},
		{
			name:   "set-build-target adds the key to [build]",
			files:  map[string]string{CargoConfigFile: "# config\n[build]\njobs = 2 # two\n"},
			action: knowledge.Action{Kind: "set-build-target", Value: riscv},
			path:   CargoConfigFile,
			want:   "# config\n[build]\njobs = 2 # two\ntarget = \"" + riscv + "\"\n",
		},
		{
			name:   "set-build-target replaces the value and keeps the comment",
			files:  map[string]string{CargoConfigFile: espConfig},
			action: knowledge.Action{Kind: "set-build-target", Value: "riscv32imac-unknown-none-elf"},
			path:   CargoConfigFile,
			want:   strings.Replace(espConfig, `target = "riscv32imc-unknown-none-elf" # the chip`, `target = "riscv32imac-unknown-none-elf" # the chip`, 1),
		},
		{
			name:   "add-rustflags appends a unit per line in a multi-line array",
			files:  map[string]string{CargoConfigFile: espConfig},
			action: knowledge.Action{Kind: "add-rustflags", Target: riscv, Flags: []string{"-C", "force-frame-pointers", "-C link-arg=-Tlinkall.x"}},
			path:   CargoConfigFile,
			want: strings.Replace(espConfig, "    \"-C\", \"target-feature=+a\", # wrong for this core\n",
				"    \"-C\", \"target-feature=+a\", # wrong for this core\n    \"-C\", \"force-frame-pointers\",\n", 1),
		},
		{
			name:   "add-rustflags on a one-line array",
			files:  map[string]string{CargoConfigFile: "[target." + riscv + "]\nrustflags = [\"-C\", \"link-arg=-Tlink.x\"] # script\n"},
			action: knowledge.Action{Kind: "add-rustflags", Target: riscv, Flags: []string{"-C", "link-arg=-Tdefmt.x"}},
			path:   CargoConfigFile,
			want:   "[target." + riscv + "]\nrustflags = [\"-C\", \"link-arg=-Tlink.x\", \"-C\", \"link-arg=-Tdefmt.x\"] # script\n",
		},
		{
			name:   "add-rustflags on a string value",
			files:  map[string]string{CargoConfigFile: "[build]\nrustflags = \"-C opt-level=s\"\n"},
			action: knowledge.Action{Kind: "add-rustflags", Flags: []string{"-C", "link-arg=-Tlink.x"}},
			path:   CargoConfigFile,
			want:   "[build]\nrustflags = \"-C opt-level=s -C link-arg=-Tlink.x\"\n",
		},
		{
			name: "add-rustflags without target goes to [target.<triple>] when that has rustflags",
			files: map[string]string{CargoConfigFile: "[build]\ntarget = \"" + riscv + "\"\n\n[target." + riscv +
				"]\nlinker = \"rust-lld\"\n"},
			action: knowledge.Action{Kind: "add-rustflags", Flags: []string{"-C", "link-arg=-Tlink.x"}},
			path:   CargoConfigFile,
			want: "[build]\ntarget = \"" + riscv + "\"\nrustflags = [\"-C\", \"link-arg=-Tlink.x\"]\n\n[target." + riscv +
				"]\nlinker = \"rust-lld\"\n",
		},
		{
			name:   "add-rustflags without target, shadowed [build]",
			files:  map[string]string{CargoConfigFile: "[target." + riscv + "]\nrustflags = [\"-C\", \"opt-level=s\"]\n"},
			target: riscv,
			action: knowledge.Action{Kind: "add-rustflags", Flags: []string{"-C", "link-arg=-Tlink.x"}},
			path:   CargoConfigFile,
			want:   "[target." + riscv + "]\nrustflags = [\"-C\", \"opt-level=s\", \"-C\", \"link-arg=-Tlink.x\"]\n",
			note:   "cargo ignores [build] rustflags",
		},
		{
			name:   "remove-rustflags matches -C X written as one string",
			files:  map[string]string{CargoConfigFile: espConfig},
			action: knowledge.Action{Kind: "remove-rustflags", Target: riscv, Flags: []string{"-C target-feature=+a", `--cfg target_has_atomic="8"`}},
			path:   CargoConfigFile,
			want:   strings.Replace(espConfig, "    \"-C\", \"target-feature=+a\", # wrong for this core\n", "", 1),
		},
		{
			name:   "remove-rustflags from a one-line array with joined flags",
			files:  map[string]string{CargoConfigFile: "[target." + riscv + "]\nrustflags = [\"-Ctarget-feature=+a\", \"-C\", \"link-arg=-Tlink.x\"]\n"},
			action: knowledge.Action{Kind: "remove-rustflags", Target: riscv, Flags: []string{"-C target-feature=+a"}},
			path:   CargoConfigFile,
			want:   "[target." + riscv + "]\nrustflags = [\"-C\", \"link-arg=-Tlink.x\"]\n",
		},
		{
			name: "remove-rustflags keeps the other item on a shared line",
			files: map[string]string{CargoConfigFile: "[build]\nrustflags = [\n  \"--cfg\", \"foo\", \"-C\", \"target-feature=+a\",\n" +
				"  \"-C\", \"link-arg=-Tlink.x\",\n]\n"},
			action: knowledge.Action{Kind: "remove-rustflags", Flags: []string{"-C target-feature=+a"}},
			path:   CargoConfigFile,
			want:   "[build]\nrustflags = [\n  \"--cfg\", \"foo\", \n  \"-C\", \"link-arg=-Tlink.x\",\n]\n",
		},
		{
			name:   "pin-toolchain creates rust-toolchain.toml",
			files:  map[string]string{"Cargo.toml": "[package]\nname = \"fw\"\n"},
			action: knowledge.Action{Kind: "pin-toolchain", Value: "nightly-2024-01-24", Components: []string{"rust-src"}, Targets: []string{riscv}},
			path:   ToolchainFile,
			want:   "[toolchain]\nchannel = \"nightly-2024-01-24\"\ncomponents = [\"rust-src\"]\ntargets = [\"" + riscv + "\"]\n",
		},
		{
			name:   "pin-toolchain replaces the channel and adds a missing component",
			files:  map[string]string{ToolchainFile: "# pinned for the HAL\n[toolchain]\nchannel = \"stable\" # was\ncomponents = [ \"clippy\" ]\n"},
			action: knowledge.Action{Kind: "pin-toolchain", Value: "nightly", Components: []string{"rust-src", "clippy"}},
			path:   ToolchainFile,
			want:   "# pinned for the HAL\n[toolchain]\nchannel = \"nightly\" # was\ncomponents = [ \"clippy\", \"rust-src\" ]\n",
		},
		{
			name: "add-target to a multi-line array",
			files: map[string]string{ToolchainFile: "[toolchain]\nchannel = \"1.77\"\ntargets = [\n  \"thumbv7em-none-eabihf\", # board A\n" +
				"]\n"},
			action: knowledge.Action{Kind: "add-target", Value: riscv},
			path:   ToolchainFile,
			want: "[toolchain]\nchannel = \"1.77\"\ntargets = [\n  \"thumbv7em-none-eabihf\", # board A\n  \"" + riscv + "\",\n" +
				"]\n",
		},
		{
			name:   "add-component when absent",
			files:  map[string]string{ToolchainFile: "[toolchain]\nchannel = \"nightly\"\n"},
			action: knowledge.Action{Kind: "add-component", Value: "rust-src"},
			path:   ToolchainFile,
			want:   "[toolchain]\nchannel = \"nightly\"\ncomponents = [\"rust-src\"]\n",
		},
		{
			name:   "add-feature turns a version string into an inline table",
			files:  map[string]string{ManifestFile: "[dependencies]\natomic-waker = \"1.1\" # wakers\n"},
			action: knowledge.Action{Kind: "add-feature", Crate: "atomic-waker", Value: "portable-atomic"},
			path:   ManifestFile,
			want:   "[dependencies]\natomic-waker = { version = \"1.1\", features = [\"portable-atomic\"] } # wakers\n",
		},
		{
			name:   "add-feature to an inline table's features",
			files:  map[string]string{ManifestFile: "[dependencies]\nportable-atomic = { version = \"1\", features = [\"require-cas\"] }\n"},
			action: knowledge.Action{Kind: "add-feature", Crate: "portable-atomic", Value: "critical-section"},
			path:   ManifestFile,
			want:   "[dependencies]\nportable-atomic = { version = \"1\", features = [\"require-cas\", \"critical-section\"] }\n",
		},
		{
			name:   "add-feature to an inline table without features",
			files:  map[string]string{ManifestFile: "[dependencies]\nportable-atomic = { version = \"1\", default-features = false }\n"},
			action: knowledge.Action{Kind: "add-feature", Crate: "portable-atomic", Value: "critical-section"},
			path:   ManifestFile,
			want:   "[dependencies]\nportable-atomic = { version = \"1\", default-features = false, features = [\"critical-section\"] }\n",
		},
		{
			name:   "add-feature to a [dependencies.name] table",
			files:  map[string]string{ManifestFile: "[dependencies.heapless]\nversion = \"0.8\"\n\n[features]\ndefault = []\n"},
			action: knowledge.Action{Kind: "add-feature", Crate: "heapless", Value: "portable-atomic"},
			path:   ManifestFile,
			want:   "[dependencies.heapless]\nversion = \"0.8\"\nfeatures = [\"portable-atomic\"]\n\n[features]\ndefault = []\n",
		},
		{
			name:   "add-feature in a target-specific table",
			files:  map[string]string{ManifestFile: "[target.'cfg(target_arch = \"riscv32\")'.dependencies]\nheapless = \"0.8\"\n"},
			action: knowledge.Action{Kind: "add-feature", Crate: "heapless", Value: "portable-atomic"},
			path:   ManifestFile,
			want:   "[target.'cfg(target_arch = \"riscv32\")'.dependencies]\nheapless = { version = \"0.8\", features = [\"portable-atomic\"] }\n",
		},
		{
			name:   "set-dependency-version on a string",
			files:  map[string]string{ManifestFile: "[package]\nname = \"fw\"\n\n[dependencies]\nesp-idf-sys = \"0.33\" # std\n"},
			action: knowledge.Action{Kind: "set-dependency-version", Crate: "esp-idf-sys", Value: "0.24.5"},
			path:   ManifestFile,
			want:   "[package]\nname = \"fw\"\n\n[dependencies]\nesp-idf-sys = \"0.24.5\" # std\n",
		},
		{
			name:   "set-dependency-version in an inline table and a dev-dependency",
			files:  map[string]string{ManifestFile: "[dependencies]\ncortex-m-rt = { version = \"0.6.3\", features = [\"device\"] }\n\n[dev-dependencies]\ncortex-m-rt = \"0.6\"\n"},
			action: knowledge.Action{Kind: "set-dependency-version", Crate: "cortex-m-rt", Value: "0.7"},
			path:   ManifestFile,
			want:   "[dependencies]\ncortex-m-rt = { version = \"0.7\", features = [\"device\"] }\n\n[dev-dependencies]\ncortex-m-rt = \"0.7\"\n",
		},
		{
			name:   "set-dependency-version in a table",
			files:  map[string]string{ManifestFile: "[dependencies.esp-idf-sys]\nversion = \"0.33\" # old\nfeatures = [\"binstart\"]\n"},
			action: knowledge.Action{Kind: "set-dependency-version", Crate: "esp-idf-sys", Value: "0.24.5"},
			path:   ManifestFile,
			want:   "[dependencies.esp-idf-sys]\nversion = \"0.24.5\" # old\nfeatures = [\"binstart\"]\n",
		},
		{
			name: "set-dependency-version leaves workspace-inherited declarations alone",
			files: map[string]string{ManifestFile: "[workspace.dependencies]\nesp-idf-sys = \"0.33\"\n\n" +
				"[dependencies]\nesp-idf-sys = { workspace = true, features = [\"binstart\"] }\n"},
			action: knowledge.Action{Kind: "set-dependency-version", Crate: "esp-idf-sys", Value: "0.24.5"},
			path:   ManifestFile,
			want: "[workspace.dependencies]\nesp-idf-sys = \"0.24.5\"\n\n" +
				"[dependencies]\nesp-idf-sys = { workspace = true, features = [\"binstart\"] }\n",
		},
		{
			name:   "add-feature to a multi-line inline table (TOML 1.1)",
			files:  map[string]string{ManifestFile: "[dependencies]\nheapless = {\n  version = \"0.8\", # pinned\n  features = [\n    \"serde\",\n  ],\n}\n"},
			action: knowledge.Action{Kind: "add-feature", Crate: "heapless", Value: "portable-atomic"},
			path:   ManifestFile,
			want:   "[dependencies]\nheapless = {\n  version = \"0.8\", # pinned\n  features = [\n    \"serde\",\n    \"portable-atomic\",\n  ],\n}\n",
		},
		{
			name:   "CRLF files get CRLF lines",
			files:  map[string]string{CargoConfigFile: "[build]\r\njobs = 1\r\n"},
			action: knowledge.Action{Kind: "set-build-target", Value: riscv},
			path:   CargoConfigFile,
			want:   "[build]\r\njobs = 1\r\ntarget = \"" + riscv + "\"\r\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := project(t, tt.files)
			p := mustPlan(t, dir, tt.target, tt.action)
			c := change(t, p, tt.path)
			if string(c.New) != tt.want {
				t.Fatalf("new %s:\n%s\nwant:\n%s", tt.path, c.New, tt.want)
			}
			if got := patch(t, string(c.Old), c.Diff()); got != tt.want {
				t.Errorf("the diff does not produce the new text:\n%s\ngot:\n%s", c.Diff(), got)
			}
			if len(c.Steps) == 0 {
				t.Errorf("no steps recorded")
			}
			if tt.note != "" && !strings.Contains(strings.Join(p.Notes, "\n"), tt.note) {
				t.Errorf("notes %q lack %q", p.Notes, tt.note)
			}
		})
	}
}
