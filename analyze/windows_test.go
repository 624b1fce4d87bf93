package analyze

import "testing"

// Commands cargo prints on Windows (cargo -v, and "Caused by: process didn't exit
// successfully") keep their backslashes: the build script is recognised with its profile.
func TestWindowsCommands(t *testing.T) {
	l := readString(t, "error: failed to run custom build command for `whisper-rs-sys v0.6.0`\n\nCaused by:\n"+
		"  process didn't exit successfully: `C:\\Users\\J\\Source\\TARGET\\release\\build\\whisper-rs-sys-d444a7d5701a545e\\build-script-build` (exit code: 101)\n"+
		"     Running `rustc --crate-name foo --edition=2021 C:\\Users\\me\\p\\src\\lib.rs --crate-type lib --out-dir C:\\Users\\me\\p\\target\\thumbv7em-none-eabihf\\debug\\deps --target thumbv7em-none-eabihf -C link-arg=-Tlink.x`\n")
	if len(l.Invocations) != 2 {
		t.Fatalf("%d invocations", len(l.Invocations))
	}
	bs, rc := l.Invocations[0], l.Invocations[1]
	if bs.Kind != KindBuildScript || bs.Profile != "release" || !bs.Failed {
		t.Errorf("build script: kind %q profile %q failed %v (program %q)", bs.Kind, bs.Profile, bs.Failed, bs.Program)
	}
	if rc.Kind != KindRustc || rc.Profile != "debug" || rc.Source != `C:\Users\me\p\src\lib.rs` || rc.Target != "thumbv7em-none-eabihf" {
		t.Errorf("rustc: kind %q profile %q source %q target %q", rc.Kind, rc.Profile, rc.Source, rc.Target)
	}
}
