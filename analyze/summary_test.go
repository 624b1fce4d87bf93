package analyze

import (
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"github.com/cxlog/cxlog/corpus/loggen"
)

// The tail of a tail is itself, which is why a summary may keep only its tail as Args.
func TestTailArgsOfTheTailAreTheTail(t *testing.T) {
	for _, args := range [][]string{
		{"--crate-name", "fw", "--out-dir", "/t", "--target", "riscv32imc-unknown-none-elf", "-C", "linker=rust-lld", "-L", "dependency=/t/deps",
			"--extern", "riscv=/t/libriscv.rlib", "-C", "link-arg=-Tlink.x", "--cfg", "fw_atomics"},
		{"--target=thumbv7em-none-eabihf", "-Ldependency=/t", "--extern=a=/b", "-C", "link-arg=-Tlink.x", "-C", "linker=x"},
		{"--edition=2021", "src/lib.rs", "-C", "opt-level=3"},
		{"--out-dir"},
		nil,
	} {
		tail := (&Invocation{Args: args}).TailArgs()
		if again := (&Invocation{Args: tail}).TailArgs(); !slices.Equal(again, tail) {
			t.Errorf("TailArgs(%q) = %q, and of that %q", args, tail, again)
		}
	}
	got := (&Invocation{Args: []string{"--target", "x", "-L", "native=/o", "-C", "link-arg=-Tlink.x", "--cfg", "a"}}).TailArgs()
	if want := []string{"-C", "link-arg=-Tlink.x", "--cfg", "a"}; !slices.Equal(got, want) {
		t.Errorf("TailArgs = %q, want %q", got, want)
	}
}

// Issue 16/2: what a Distinct log holds grows with its crates, not with its command lines.
// Every crate of the generated log is another, each Running line about 4.5 KB long; the log's
// records once held about 8 KB a crate.
func TestDistinctLogHoldsLittleACrate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.log")
	st, err := loggen.WriteFile(path, 8<<20, 1, loggen.Options{DistinctCrates: true})
	if err != nil {
		t.Fatal(err)
	}
	before := liveHeap()
	l, err := ReadPath(path, nil, Options{Distinct: true})
	if err != nil {
		t.Fatal(err)
	}
	held := int64(liveHeap()) - int64(before)
	runtime.KeepAlive(l)
	if int64(len(l.Invocations)) != st.Running {
		t.Fatalf("%d invocations kept of %d crates", len(l.Invocations), st.Running)
	}
	if perCrate := held / st.Running; perCrate > 2048 {
		t.Errorf("a Distinct log holds %d bytes a crate (%d crates, %d MB), want at most 2 KB", perCrate, st.Running, held>>20)
	}
}

func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
