package knowledge

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/corpus/loggen"
)

func TestRequiredLiterals(t *testing.T) {
	tests := []struct{ regex, want string }{
		{"linker `rust-lld` not found", "linker `rust-lld` not found"},
		{"error: linking with `[^`]*-cc` failed", "error: linking with `"},
		{"region `(RAM|DRAM)' overflowed by [0-9]+ bytes", "' overflowed by "},
		{"(?:could not compile) `[a-z-]+`", "could not compile `"},
		{"(?i)undefined Symbol", "(?i)undefined symbol"},
		{"(?i)relocations in generic ELF \\(EM: [0-9]+\\)", "(?i)relocations in generic elf (em: "},
		{"(?i)größe", ""},
		{"(Error|(?i)warning): x", "(?i)error|warning"},
		{"(foo|bar)", "foo|bar"},
		{"(foo|[a-z]ar)", "foo|ar"},
		{"(foo|.)", ""},
		{"x*", ""},
		{"(abcdef)+z", "abcdef"},
		{"(abcdef){2}z", "abcdef"},
		{"(abcdef)?z", "z"},
	}
	for _, test := range tests {
		set, _ := regexLiterals(test.regex)
		got := strings.Join(set.literals, "|")
		if set.foldCase {
			got = "(?i)" + got
		}
		if got != test.want {
			t.Errorf("regexLiterals(%q) required = %q, want %q", test.regex, got, test.want)
		}
	}
}

func TestLiteralScanner(t *testing.T) {
	literals := []scanLiteral{{"he", false}, {"she", false}, {"his", false}, {"hers", false}, {"linker `cc`", false},
		{"s", false}, {"ELF", false}, {"relocations in generic elf", true}, {"undefined reference to `", false},
		{"undefined symbol", false}, {"[e0463]", true}, {"@ab", false}, {"`ab", false}}
	scanner := newLiteralScanner(literals)
	tests := []struct{ line, want string }{
		{"ushers", "he hers s she"},
		{"error: linker `cc` not found", "linker `cc`"},
		{"", ""},
		{"nothing here", "he"},
		{"this", "his s"},
		{"LINKER `CC` in an elf file", ""},
		{"an ELF file: Relocations In Generic ELF (EM: 40)", "ELF relocations in generic elf s"},
		{"relocations in generic relocations in generic elf", "relocations in generic elf s"},
		{"undefined reference to `foo'", "undefined reference to `"},
		{"UNDEFINED REFERENCE TO `foo'", ""},
		{"a line cut short: undefined refer", "s"},
		{"undefined symbol: undefined reference to `x'", "s undefined reference to ` undefined symbol"},
		{"error[E0463]: can't find crate", "[e0463]"},
		{"error[e0463]", "[e0463]"},
		{"[e046", ""},
		{"@AB `ab", "`ab"},
		{"ELF", "ELF"},
		{"sh", "s"},
	}
	for _, test := range tests {
		seen := map[string]bool{}
		for _, literal := range scanner.scan(test.line, nil) {
			seen[literals[literal].text] = true
		}
		var got []string
		for literal := range seen {
			got = append(got, literal)
		}
		slices.Sort(got)
		if strings.Join(got, " ") != test.want {
			t.Errorf("scan(%q) found %q, want %q", test.line, strings.Join(got, " "), test.want)
		}
	}
}

func TestEntryMatchPrefersHeavierSymptom(t *testing.T) {
	entry := loadTestBase(t, "testdata/good").ByID("gcc-wrapper-receives-flavor")
	tests := []struct {
		line       string
		wantOK     bool
		wantWeight float64
	}{
		{"error: linking with `riscv32-none-elf-gcc` failed: exit status: 1", true, 0.5},
		{"gcc: error: unrecognized command-line option '-flavor'", true, 1},
		{"error: linking with `riscv32-none-elf-gcc` failed: unrecognized command-line option '-flavor'", true, 1},
		{"error: linking with `rust-lld` failed", false, 0},
		{"", false, 0},
	}
	for _, test := range tests {
		symptom, ok := entry.Match(test.line)
		if ok != test.wantOK || symptom.Weight != test.wantWeight {
			t.Errorf("Match(%q) = %s weight %v, %v; want weight %v, %v", test.line, symptom, symptom.Weight, ok, test.wantWeight, test.wantOK)
		}
	}
}

func TestMatchLines(t *testing.T) {
	base := loadTestBase(t, "testdata/good")
	lines := []Line{
		{1, "   Compiling firmware v0.1.0 (/build/source)"},
		{2, "error: linker `rust-lld` not found"},
		{3, "  = note: x86_64-unknown-linux-gnu-gcc: error: unrecognized command-line option '-flavor'"},
		{4, "ld: region `RAM' overflowed by 12 bytes"},
		{5, "error: could not compile `firmware` (bin \"firmware\") due to 1 previous error"},
	}
	var got []string
	for _, hit := range base.MatchLines(lines) {
		got = append(got, fmt.Sprintf("%d %s %v", hit.Line, hit.Entry.ID, hit.Weight))
		if hit.Text != lines[hit.Line-1].Text {
			t.Errorf("hit on line %d carries text %q", hit.Line, hit.Text)
		}
	}
	want := []string{"2 rust-lld-not-found 1", "3 gcc-wrapper-receives-flavor 1", "4 region-ram-overflowed 1"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("hits:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// noisyBuildLog returns n lines shaped like a cargo -vv cross build under nix: long Running
// lines, compiler chatter and, rarely, an error.
func noisyBuildLog(n int) []Line {
	shapes := []string{
		"     Running `CARGO=/nix/store/0c9bkqj1g3fzx0d2f1mdm8q3l4vb2b6p-cargo-1.75.0/bin/cargo CARGO_CRATE_NAME=crate%d /nix/store/0c9bkqj1g3fzx0d2f1mdm8q3l4vb2b6p-rustc-1.75.0/bin/rustc --crate-name crate%d --edition=2021 src/lib.rs --error-format=json --json=diagnostic-rendered-ansi,artifacts,future-incompat --crate-type lib --emit=dep-info,metadata,link -C opt-level=s -C embed-bitcode=no -C metadata=9f8e7d6c5b4a3f2e -C extra-filename=-9f8e7d6c5b4a3f2e --out-dir /build/source/target/riscv32imc-unknown-none-elf/release/deps --target riscv32imc-unknown-none-elf -L dependency=/build/source/target/riscv32imc-unknown-none-elf/release/deps -C link-arg=-Tlinkall.x -C force-frame-pointers --cap-lints allow`",
		"   Compiling crate%d v0.%d.0",
		"warning: unused import: `core::fmt::Write` in crate%d line %d",
		"   = note: `#[warn(unused_imports)]` on by default (%d/%d)",
		"[crate%d 0.1.0] cargo:rerun-if-changed=build.rs %d",
	}
	lines := make([]Line, n)
	for i := range lines {
		text := fmt.Sprintf(shapes[i%len(shapes)], i, i)
		if i%997 == 0 {
			text = "error: linker `rust-lld` not found"
		}
		lines[i] = Line{N: i + 1, Text: text}
	}
	return lines
}

func BenchmarkMatchLines(b *testing.B) {
	base := builtinBase(b)
	lines := noisyBuildLog(5000)
	var bytes int64
	for _, line := range lines {
		bytes += int64(len(line.Text))
	}
	b.SetBytes(bytes)
	b.ReportAllocs()
	b.ReportMetric(float64(len(base.Entries)), "entries")
	b.ReportMetric(float64(len(base.prefilter.unfiltered)), "unfiltered-entries")
	for b.Loop() {
		base.MatchLines(lines)
	}
}

// BenchmarkMatchLinesGenerated matches a generated cargo -vv cross build under nix (Running
// lines with env, warnings, compile noise, linker notes): what explain pays per line of a big log.
func BenchmarkMatchLinesGenerated(b *testing.B) {
	base := builtinBase(b)
	var log bytes.Buffer
	if _, err := loggen.Generate(&log, 8<<20, 1); err != nil {
		b.Fatal(err)
	}
	var lines []Line
	for i, text := range strings.Split(strings.TrimSuffix(log.String(), "\n"), "\n") {
		lines = append(lines, Line{N: i + 1, Text: text})
	}
	b.SetBytes(int64(log.Len()))
	b.ReportAllocs()
	for b.Loop() {
		base.MatchLines(lines)
	}
}

// BenchmarkMatchLinesCorpus matches the corpus's real logs, where many lines show a symptom.
func BenchmarkMatchLinesCorpus(b *testing.B) {
	base := builtinBase(b)
	lines := corpusLines(b)
	var size int64
	for _, line := range lines {
		size += int64(len(line.Text)) + 1
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		base.MatchLines(lines)
	}
}

func TestContainsFoldASCII(t *testing.T) {
	tests := []struct {
		s, lower string
		want     bool
	}{
		{"Could Not Open Port", "open port", true},
		{"could not open por", "open port", false},
		{"OPEN PORT", "open port", true},
		{"oOpen port", "open port", true},
		{"opeN Open port", "open port", true},
		{"open", "", true},
		{"", "x", false},
		{"[E0463]", "[e0463]", true},
		{"x-flavor", "-flavor", true},
		{"a line without it", "open port", false},
	}
	for _, test := range tests {
		if got := containsFoldASCII(test.s, test.lower); got != test.want {
			t.Errorf("containsFoldASCII(%q, %q) = %v", test.s, test.lower, got)
		}
	}
}

// The scanner looks at one window in stride: a literal is found wherever it starts, at the
// line's start or end, in any case when it folds case, and not when a byte of it differs.
func TestLiteralScannerFindsLiteralAtEveryOffset(t *testing.T) {
	literals := []scanLiteral{{"linking with `", false}, {"relocations in generic elf", true}, {"-flavor'", false}, {"abcdefg", false}}
	scanner := newLiteralScanner(literals)
	for id, literal := range literals {
		variants := []string{literal.text}
		if literal.fold {
			variants = append(variants, strings.ToUpper(literal.text))
		}
		for _, text := range variants {
			for offset := 0; offset < 2*stride+1; offset++ {
				for _, after := range []string{"", "x", " and more of the line"} {
					line := strings.Repeat("-", offset) + text + after
					if !slices.Contains(scanner.scan(line, nil), int32(id)) {
						t.Errorf("%q not found in %q", literal.text, line)
					}
					broken := []byte(line)
					broken[offset+len(text)/2] ^= 0x01
					if slices.Contains(scanner.scan(string(broken), nil), int32(id)) {
						t.Errorf("%q found in %q", literal.text, broken)
					}
				}
			}
		}
	}
}

// Every windowed literal is listed under stride consecutive windows of it, each under its own
// head.
func TestLiteralScannerHeadTable(t *testing.T) {
	scanner := builtinBase(t).prefilter.scanner
	offsets := map[int32][]int{}
	listed := 0
	for _, slot := range scanner.slots {
		for _, ref := range scanner.refs[slot.first:slot.end] {
			listed++
			offsets[ref.id] = append(offsets[ref.id], int(ref.offset))
			if headAt(scanner.literals[ref.id].text, int(ref.offset)) != slot.head {
				t.Fatalf("%q at %d is listed under another head", scanner.literals[ref.id].text, ref.offset)
			}
		}
	}
	if listed != len(scanner.refs) {
		t.Fatalf("%d of %d refs are in a slot", listed, len(scanner.refs))
	}
	for id, literal := range scanner.literals {
		got := offsets[int32(id)]
		slices.Sort(got)
		if len(literal.text) < minWindowed {
			if got != nil {
				t.Errorf("short %q is listed at %v", literal.text, got)
			}
			continue
		}
		if len(got) != stride || got[stride-1]-got[0] != stride-1 || got[stride-1]+headLen > len(literal.text) {
			t.Errorf("%q is listed at %v, want %d consecutive windows in it", literal.text, got, stride)
		}
	}
}
