package finding

import "testing"

// TestWrapperNeverExecuted reads the wrapper and the rustc out of cargo's message that its
// first rustc probe could not start, as cargo 1.63 prints it (corpus/pairs/p41) and with
// quoted paths; a rustc that did not start without a wrapper is not a wrapper's fault.
func TestWrapperNeverExecuted(t *testing.T) {
	const probe = " - --crate-name ___ --print=file-names --crate-type bin --crate-type rlib --print=sysroot --print=cfg` (never executed)"
	for _, tc := range []struct {
		msg, wrapper, compiler string
	}{
		{"could not execute process `sccache /root/.cache/cxlog-bench/rust-1.63/root/usr/bin/rustc" + probe,
			"sccache", "/root/.cache/cxlog-bench/rust-1.63/root/usr/bin/rustc"},
		{"could not execute process `'/home/my user/.cargo/bin/cachepot' '/home/my user/.rustup/toolchains/stable-x86_64-unknown-linux-gnu/bin/rustc'" + probe,
			"/home/my user/.cargo/bin/cachepot", "/home/my user/.rustup/toolchains/stable-x86_64-unknown-linux-gnu/bin/rustc"},
		{"could not execute process `C:\\Users\\me\\.cargo\\bin\\sccache.exe C:\\Users\\me\\.rustup\\toolchains\\stable-x86_64-pc-windows-msvc\\bin\\rustc.exe" + probe,
			"C:\\Users\\me\\.cargo\\bin\\sccache.exe", "C:\\Users\\me\\.rustup\\toolchains\\stable-x86_64-pc-windows-msvc\\bin\\rustc.exe"},
		{"could not execute process `rustc" + probe, "", ""},
		{"could not execute process `/usr/bin/rustc /usr/bin/rustc" + probe, "", ""},
		{"could not execute process `sccache …` (never executed)", "", ""},
		{"could not execute process `sccache rustc -vV` (exit status: 1)", "", ""},
		{"could not execute process `espflash flash --monitor target/xtensa-esp32s3-none-elf/debug/async_main` (never executed)", "", ""},
	} {
		w, c, ok := wrapperNeverExecuted(tc.msg)
		if w != tc.wrapper || c != tc.compiler || ok != (tc.wrapper != "") {
			t.Errorf("wrapperNeverExecuted(%q) = %q, %q, %v; want %q, %q", tc.msg, w, c, ok, tc.wrapper, tc.compiler)
		}
	}
}
