package analyze

import (
	"fmt"
	"testing"
)

// nix build -L prefixes a build script's output with its derivation like every other line:
// each build output record carries that derivation, so that Select keeps it with the rest of
// its build (cxlog diff --good-drv --bad-drv). The log is real: two builds interleaved.
func TestBuildOutputsCarryTheirDerivation(t *testing.T) {
	l, err := ReadPath("testdata/nixbuild/p18-two-drvs.log", nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range l.BuildOutputs {
		got = append(got, fmt.Sprintf("%d %s %s", o.Start, o.Drv, o.Text))
	}
	want := []string{
		"12 cxlog-fw-bad cargo:rerun-if-changed=build.rs",
		"13 cxlog-fw-bad cargo:rustc-link-arg=-Tdefmt.x",
		"16 cxlog-fw-good cargo:rerun-if-changed=build.rs",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("build outputs:\n got %q\nwant %q", got, want)
	}
	for drv, n := range map[string]int{"cxlog-fw-bad": 2, "cxlog-fw-good": 1} {
		one := l.Select(func(d string, _ int) bool { return d == drv })
		if len(one.BuildOutputs) != n {
			t.Errorf("Select(%s) keeps %d build outputs, want %d", drv, len(one.BuildOutputs), n)
		}
	}
}

// A line without a prefix continues the previous line's build, for build outputs as for
// every other record.
func TestBuildOutputWithoutPrefixContinuesTheBuild(t *testing.T) {
	l := readString(t, "fw-1.0> [fw 0.1.0] cargo:rustc-cfg=a\n[fw 0.1.0] cargo:rustc-cfg=b\n")
	if len(l.BuildOutputs) != 2 || l.BuildOutputs[0].Drv != "fw-1.0" || l.BuildOutputs[1].Drv != "fw-1.0" {
		t.Errorf("build outputs: %+v", l.BuildOutputs)
	}
}
