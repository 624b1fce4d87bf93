package grammar

import (
	"reflect"
	"testing"
)

func TestParseLinkerCommand(t *testing.T) {
	cmd, err := ParseLinkerCommand(`LC_ALL="C" PATH="/a:/b" VSLANG="1033" "/nix/store/x-cc" "-flavor" "gnu" "<2 object files omitted>" "-L" "<sysroot>/lib/rustlib/riscv32imc-unknown-none-elf/lib" "{libcore-*,liballoc-*}.rlib" "-o" "fw" "-flavor"`)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cmd.Env, []string{"LC_ALL=C", "PATH=/a:/b", "VSLANG=1033"}) || !reflect.DeepEqual(cmd.EnvLines, []int{1, 1, 1}) || cmd.Program != "/nix/store/x-cc" {
		t.Errorf("env %q lines %v program %q", cmd.Env, cmd.EnvLines, cmd.Program)
	}
	if cmd.Flavor() != "gnu" {
		t.Errorf("flavor %q", cmd.Flavor())
	}
	want := []string{"<2 object files omitted>", "<sysroot>/lib/rustlib/riscv32imc-unknown-none-elf/lib", "{libcore-*,liballoc-*}.rlib"}
	if !reflect.DeepEqual(cmd.Elisions(), want) {
		t.Errorf("elisions %q", cmd.Elisions())
	}
	if len(cmd.Words) != 9 || cmd.Words[8] != "-flavor" {
		t.Errorf("words %q", cmd.Words)
	}
}
