package knowledge

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cxlog/cxlog/analyze/class"
)

func loadTestBase(t testing.TB, dirs ...string) *Base {
	t.Helper()
	base, err := Load(nil, dirs...)
	if err != nil {
		t.Fatalf("Load(%v): %v", dirs, err)
	}
	return base
}

func TestLoadGoodEntries(t *testing.T) {
	base := loadTestBase(t, "testdata/good")
	var ids []string
	for _, entry := range base.Entries {
		ids = append(ids, entry.ID)
	}
	if got, want := strings.Join(ids, " "), "gcc-wrapper-receives-flavor region-ram-overflowed rust-lld-not-found"; got != want {
		t.Fatalf("ids = %q, want %q (sorted)", got, want)
	}
	entry := base.ByID("gcc-wrapper-receives-flavor")
	if entry == nil {
		t.Fatal("ByID found nothing")
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"class", entry.Class, class.LinkerFlavorMismatch},
		{"origin", entry.Origin, filepath.Join("testdata", "good", "gcc-wrapper-receives-flavor.md")},
		{"default weight", entry.Symptoms[0].Weight, 1.0},
		{"given weight", entry.Symptoms[1].Weight, 0.5},
		{"targets", strings.Join(entry.Applies.Targets, ","), "riscv32*-unknown-none-elf"},
		{"action kind", entry.Actions[1].Kind, "set-linker"},
		{"action value", entry.Actions[1].Value, "rust-lld"},
		{"cause folded", entry.Cause, "rustc passes lld-style arguments to a program that is really a gcc wrapper."},
		{"body", strings.HasPrefix(entry.Body, "Test fixture."), true},
		{"missing id", base.ByID("no-such-entry") == nil, true},
	}
	for _, check := range checks {
		if check.got != check.want {
			t.Errorf("%s = %v, want %v", check.name, check.got, check.want)
		}
	}
}

func TestLoadRejectsBrokenEntries(t *testing.T) {
	tests := []struct {
		dir, file, reason string
	}{
		{"broken-yaml", "broken-yaml.md", "broken YAML"},
		{"no-front-matter", "no-front-matter.md", "no front matter"},
		{"unclosed-front-matter", "unclosed-front-matter.md", "not closed"},
		{"unknown-field", "unknown-field.md", "field symptom not found"},
		{"unknown-class", "unknown-class.md", `unknown class "linker-trouble"`},
		{"missing-id", "missing-id.md", "missing id"},
		{"missing-title", "missing-title.md", "missing title"},
		{"missing-class", "missing-class.md", "missing class"},
		{"missing-symptoms", "missing-symptoms.md", "missing symptoms"},
		{"missing-sources", "missing-sources.md", "missing sources"},
		{"id-differs", "id-differs.md", `id "some-other-name" differs from the file name`},
		{"bad-regex", "bad-regex.md", "symptom 1: regex does not compile"},
		{"text-and-regex", "text-and-regex.md", "both text and regex"},
		{"zero-weight", "zero-weight.md", "weight 0 is not above 0"},
		{"unknown-action", "unknown-action.md", `action 1: unknown kind "install-linker"`},
		{"unsafe-env-name", "unsafe-env-name.md", `action 1: unset-env name "X; touch PWNED; echo" is not an environment variable name`},
		{"set-env-without-name", "set-env-without-name.md", `action 1: set-env needs a name`},
		{"unsafe-crate-name", "unsafe-crate-name.md", `action 1: add-feature crate "x; rm -rf ~" is not a crate name`},
		{"duplicate-id", filepath.Join("b", "duplicate-id.md"), "duplicate id duplicate-id, also in"},
	}
	for _, test := range tests {
		t.Run(test.dir, func(t *testing.T) {
			dir := filepath.Join("testdata", "bad", test.dir)
			_, err := Load(nil, dir)
			if err == nil {
				t.Fatal("Load succeeded")
			}
			message := err.Error()
			if want := filepath.Join(dir, test.file) + ": "; !strings.HasPrefix(message, want) {
				t.Errorf("error %q does not start with the file name %q", message, want)
			}
			if !strings.Contains(message, test.reason) {
				t.Errorf("error %q does not give the reason %q", message, test.reason)
			}
			if strings.Contains(message, "\n") {
				t.Errorf("error %q is not one line", message)
			}
		})
	}
}

func TestLoadUserEntryReplacesBuiltin(t *testing.T) {
	builtin := os.DirFS("testdata/good")
	base, err := Load(builtin, "testdata/override")
	if err != nil {
		t.Fatal(err)
	}
	entry := base.ByID("rust-lld-not-found")
	if !strings.HasPrefix(entry.Title, "Site-specific") {
		t.Errorf("title = %q, want the user entry's", entry.Title)
	}
	if want := filepath.Join("testdata", "override", "rust-lld-not-found.md"); entry.Origin != want {
		t.Errorf("origin = %q, want %q", entry.Origin, want)
	}
	if origin := base.ByID("region-ram-overflowed").Origin; origin != "builtin:region-ram-overflowed.md" {
		t.Errorf("builtin origin = %q", origin)
	}
	if len(base.Entries) != 3 {
		t.Errorf("%d entries, want 3", len(base.Entries))
	}
}

func TestLoadMissingUserDir(t *testing.T) {
	_, err := Load(nil, "testdata/no-such-dir")
	if err == nil || !strings.Contains(err.Error(), "testdata/no-such-dir: not a readable directory") {
		t.Fatalf("err = %v", err)
	}
}

func TestLoadAcceptsCRLF(t *testing.T) {
	data, err := os.ReadFile("testdata/good/rust-lld-not-found.md")
	if err != nil {
		t.Fatal(err)
	}
	crlf := strings.ReplaceAll(string(data), "\n", "\r\n")
	base, err := Load(fstest.MapFS{"rust-lld-not-found.md": {Data: []byte(crlf)}})
	if err != nil {
		t.Fatal(err)
	}
	if title := base.ByID("rust-lld-not-found").Title; title != "The rust-lld linker that the target needs is not there" {
		t.Errorf("title = %q", title)
	}
}

func TestHashChangesWithContent(t *testing.T) {
	good := loadTestBase(t, "testdata/good")
	again := loadTestBase(t, "testdata/good")
	overridden, err := Load(os.DirFS("testdata/good"), "testdata/override")
	if err != nil {
		t.Fatal(err)
	}
	if good.Hash() != again.Hash() {
		t.Error("hash differs between two loads of the same files")
	}
	if good.Hash() == overridden.Hash() {
		t.Error("hash did not change when an entry was replaced")
	}
}

func TestBuiltinLoads(t *testing.T) {
	base, err := Load(Builtin())
	if err != nil {
		t.Fatalf("the built-in knowledge base does not load:\n%v", err)
	}
	for _, entry := range base.Entries {
		if !strings.HasPrefix(entry.Origin, "builtin:") {
			t.Errorf("%s: origin %q", entry.ID, entry.Origin)
		}
	}
}
