package analyze

import (
	"reflect"
	"testing"
)

// rustc prints sub-diagnostics with a span at column 0 ("note: required by a bound",
// "help: consider importing"), each followed by its own --> and source frame; they belong to
// the diagnostic above them until the blank line that ends it.
func TestRustcSubDiagnosticsAtColumnZero(t *testing.T) {
	l := readString(t, "error[E0277]: the trait bound `Foo: Bar` is not satisfied\n"+
		"  --> src/main.rs:2:5\n"+
		"   |\n"+
		"2  |     foo::<Foo>();\n"+
		"   |     ^^^^^^^^^^ the trait `Bar` is not implemented for `Foo`\n"+
		"   |\n"+
		"note: required by a bound in `foo`\n"+
		"  --> src/lib.rs:1:11\n"+
		"   |\n"+
		"1  | fn foo<T: Bar>() {}\n"+
		"   |           ^^^ required by this bound in `foo`\n"+
		"help: consider importing this trait\n"+
		"   |\n"+
		"1  + use crate::Bar;\n"+
		"   |\n"+
		"\n"+
		"note: the msvc targets depend on the msvc linker but `link.exe` was not found\n")
	if len(l.Diagnostics) != 2 || l.Diagnostics[1].Start != 17 {
		t.Fatalf("%d diagnostics, want the error and the note after the blank line", len(l.Diagnostics))
	}
	d := l.Diagnostics[0]
	if d.End != 15 || d.Location == nil || d.Location.Path != "src/main.rs" {
		t.Errorf("span %d-%d, location %+v", d.Start, d.End, d.Location)
	}
	if !reflect.DeepEqual(d.Notes, []string{"required by a bound in `foo`"}) || !reflect.DeepEqual(d.NoteLines, []int{7}) {
		t.Errorf("notes %q at %v", d.Notes, d.NoteLines)
	}
	if !reflect.DeepEqual(d.Helps, []string{"consider importing this trait"}) {
		t.Errorf("helps %q", d.Helps)
	}
	if want := []string{"the trait `Bar` is not implemented for `Foo`", "required by this bound in `foo`"}; !reflect.DeepEqual(d.Labels, want) {
		t.Errorf("labels %q", d.Labels)
	}
	// the span of a sub-diagnostic is not the diagnostic's own location
	l = readString(t, "error: invalid instruction mnemonic 'la'\n  |\nnote: instantiated into assembly here\n --> <inline asm>:5:5\n  |\n5 |     la sp, _stack_top\n  |     ^^\n")
	if d := l.Diagnostics[0]; d.Location != nil || d.End != 7 || len(d.Notes) != 1 {
		t.Errorf("inline asm error: location %+v, span %d-%d, notes %q", d.Location, d.Start, d.End, d.Notes)
	}
}

// Two underlines on one line: the label after them is the last one's, without carets.
func TestCaretLabelAfterSeveralUnderlines(t *testing.T) {
	l := readString(t, "error[E0308]: mismatched types\n --> src/main.rs:9:18\n  |\n9 |     let x: u32 = \"a\";\n"+
		"  |            ---   ^^^ expected `u32`, found `&str`\n  |            |\n  |            expected due to this\n")
	if d := l.Diagnostics[0]; !reflect.DeepEqual(d.Labels, []string{"expected `u32`, found `&str`"}) {
		t.Errorf("labels %q", d.Labels)
	}
}

func TestCaretLabelKeepsLeadingDash(t *testing.T) {
	if got := caretLabel("  |     ^^^ -flavor is not a gcc option"); got != "-flavor is not a gcc option" {
		t.Errorf("label %q", got)
	}
	if got := caretLabel("  |     ^^^"); got != "" {
		t.Errorf("label %q", got)
	}
}
