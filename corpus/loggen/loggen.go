// Package loggen writes large, realistic `nix build -L` logs of a cargo -vv cross build, for
// benchmarks: Running lines with env, many -L and --extern words, compile noise, warnings and
// linker-failure notes.
package loggen

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
)

// Stats says what a generated log holds.
type Stats struct {
	Bytes, Lines, Running, LinkerNotes int64
}

var crates = []string{"log", "atomic-waker", "heapless", "esp-hal", "esp-wifi", "smoltcp", "embedded-io",
	"critical-section", "portable-atomic", "bitflags", "serde", "nb", "void", "fugit", "riscv", "esp-riscv-rt"}

// DefaultTarget is the triple every crate of a generated log is built for unless Options says
// another.
const DefaultTarget = "riscv32imc-unknown-none-elf"

// Options shape a generated log.
type Options struct {
	// Target is the triple every crate is built for (DefaultTarget when empty).
	Target string
	// DistinctCrates names the Nth Running line's crate after N (log-17, heapless-18, ...),
	// so every invocation is another crate and two logs generated with different seeds
	// still build the same crates in the same order.
	DistinctCrates bool

	noLinkerNotes bool // a fleet's successful builds (Failed)
}

// Generate writes about size bytes to w: 16 crates, each rebuilt many times, for DefaultTarget.
func Generate(w io.Writer, size int64, seed uint64) (Stats, error) {
	return GenerateWith(w, size, seed, Options{})
}

func generate(w io.Writer, size int64, seed uint64, linkerNotes bool) (Stats, error) {
	return GenerateWith(w, size, seed, Options{noLinkerNotes: !linkerNotes})
}

// GenerateWith writes about size bytes to w, shaped by opts.
func GenerateWith(w io.Writer, size int64, seed uint64, opts Options) (Stats, error) {
	bw := bufio.NewWriterSize(w, 1<<20)
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var st Stats
	target := opts.Target
	if target == "" {
		target = DefaultTarget
	}
	drv := "http-client-" + target
	line := func(s string) {
		n, _ := bw.WriteString(drv + "> " + s + "\n")
		st.Bytes += int64(n)
		st.Lines++
	}
	for st.Bytes < size {
		ci := r.IntN(len(crates))
		crate := crates[ci]
		if opts.DistinctCrates {
			ci = int(st.Running % int64(len(crates)))
			crate = fmt.Sprintf("%s-%d", crates[ci], st.Running)
		}
		version := fmt.Sprintf("0.%d.%d", ci, ci*7%30) // one version per crate, as in one real build
		hash := fmt.Sprintf("%016x", r.Uint64())
		line(fmt.Sprintf("   Compiling %s v%s", crate, version))
		line(runningLine(r, crate, version, hash, target))
		st.Running++
		switch k := r.IntN(40); {
		case k < 6:
			line("warning: unused import: `core::fmt::Write`")
			line(fmt.Sprintf("  --> src/lib.rs:%d:5", r.IntN(900)+1))
			line("   |")
			line(fmt.Sprintf("%d | use core::fmt::Write;", r.IntN(900)+1))
			line("   |     ^^^^^^^^^^^^^^^^")
		case k == 7 && !opts.noLinkerNotes:
			linkerNote(line, r, hash, target)
			st.LinkerNotes++
		case k < 12:
			line(fmt.Sprintf("[%d/%d] building... \x1b[32m%s\x1b[0m", r.IntN(200), 200, crate))
		}
	}
	return st, bw.Flush()
}

func runningLine(r *rand.Rand, crate, version, hash, target string) string {
	name := strings.ReplaceAll(crate, "-", "_")
	var b strings.Builder
	b.WriteString("     Running `CARGO=/nix/store/l3a4ihxkl7fgj3h7sz9cvi9v4wxkjzda-cargo-1.77.0-nightly-2024-01-24-x86_64-unknown-linux-gnu/bin/cargo ")
	fmt.Fprintf(&b, "CARGO_CRATE_NAME=%s CARGO_MANIFEST_DIR=/build/cargo-vendor-dir/%s-%s CARGO_PKG_AUTHORS='The %s developers <dev@example.org>' ", name, crate, version, crate)
	fmt.Fprintf(&b, "CARGO_PKG_DESCRIPTION='A crate for embedded targets' CARGO_PKG_NAME=%s CARGO_PKG_VERSION=%s ", crate, version)
	b.WriteString("LD_LIBRARY_PATH='/build/source/target/release/deps:/nix/store/hca7lla5l3hjc2gzkxj03abzgynyjsha-rust-default-1.77.0-nightly-2024-01-24/lib' ")
	fmt.Fprintf(&b, "rustc --crate-name %s --edition=2021 /build/cargo-vendor-dir/%s-%s/src/lib.rs --error-format=json --json=diagnostic-rendered-ansi,artifacts,future-incompat ", name, crate, version)
	fmt.Fprintf(&b, "--crate-type lib --emit=dep-info,metadata,link -C opt-level=3 -C lto=off -C embed-bitcode=no -C metadata=%s -C extra-filename=-%s ", hash, hash)
	b.WriteString("--out-dir /build/source/target/" + target + "/release/deps --target " + target + " ")
	b.WriteString("-C linker=/nix/store/zakn8i3f6chbhg0dp99cfl4nafwlrzql-x86_64-unknown-linux-gnu-llvm-binutils-wrapper-16.0.6/bin/x86_64-unknown-linux-gnu-ld.lld ")
	b.WriteString("-L dependency=/build/source/target/" + target + "/release/deps -L dependency=/build/source/target/release/deps ")
	for i := 0; i < 16+r.IntN(8); i++ {
		dep := crates[r.IntN(len(crates))]
		fmt.Fprintf(&b, "--extern %s=/build/source/target/%s/release/deps/lib%s-%016x.rmeta ", strings.ReplaceAll(dep, "-", "_"), target, strings.ReplaceAll(dep, "-", "_"), r.Uint64())
	}
	fmt.Fprintf(&b, "--cap-lints warn -C link-arg=-Tlinkall.x -C link-arg=-Trom_functions.x -C force-frame-pointers -C target-feature=+a ")
	b.WriteString(`--cfg target_has_atomic --cfg 'target_has_atomic="8"' --cfg 'target_has_atomic="16"' --cfg 'target_has_atomic="32"' --cfg 'target_has_atomic="ptr"' `)
	fmt.Fprintf(&b, `--cfg 'feature="default"' --cfg 'feature="critical-section"' -L native=/build/source/target/%s/release/build/%s-%s/out`+"`", target, crate, hash)
	return b.String()
}

func linkerNote(line func(string), r *rand.Rand, hash, target string) {
	line("error: linking with `/nix/store/52zpqb06asjd6i5j624hgnh86idhjf1w-x86_64-unknown-linux-gnu-gcc-wrapper-13.2.0/bin/x86_64-unknown-linux-gnu-cc` failed: exit status: 1")
	line("  |")
	var b strings.Builder
	b.WriteString(`  = note: LC_ALL="C" PATH="/nix/store/khkhbch4p1wjfl1g89gw1mszvvr7bzv0-gcc-wrapper-13.2.0/bin:/nix/store/5idwbbv23b6vnqdicx97s3hsgrwwnj7j-coreutils-9.4/bin" VSLANG="1033" "/nix/store/52zpqb06asjd6i5j624hgnh86idhjf1w-x86_64-unknown-linux-gnu-gcc-wrapper-13.2.0/bin/x86_64-unknown-linux-gnu-cc" "-flavor" "gnu" "/build/rustcYrXocb/symbols.o" `)
	for i := 0; i < 30; i++ {
		fmt.Fprintf(&b, `"/build/source/target/%s/release/deps/libdep%d-%016x.rlib" `, target, i, r.Uint64())
	}
	fmt.Fprintf(&b, `"--as-needed" "-o" "/build/source/target/%s/release/deps/http_client-%s" "--gc-sections" "-Tlinkall.x"`, target, hash)
	line(b.String())
	line("  = note: x86_64-unknown-linux-gnu-gcc: error: unrecognized command-line option '-flavor'")
	line("          x86_64-unknown-linux-gnu-gcc: error: unrecognized command-line option '--as-needed'; did you mean '-mno-needed'?")
	line("")
	line("error: could not compile `http-client` (bin \"http-client\") due to 1 previous error")
}
