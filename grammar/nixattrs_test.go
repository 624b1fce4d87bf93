package grammar

import (
	"reflect"
	"testing"
)

func flat(set *NixAttrSet, prefix string, out *[]string) {
	for _, b := range set.Bindings {
		if b.Value.Set != nil {
			flat(b.Value.Set, prefix+b.Key()+".", out)
			continue
		}
		*out = append(*out, prefix+b.Key()+"="+b.Value.Text())
	}
}

func TestParseNixAttrs(t *testing.T) {
	set, err := ParseNixAttrs(`{ config = "riscv32imc-unknown-none-elf"; gcc = { }; isEfi = true; bits = 64; canExecute = <LAMBDA>; "quoted.name" = null; ` +
		`parsed = { abi = { assertions = [ { message = "a \"b\"\n"; } ]; name = "gnu"; }; }; rust = { rustcTarget = "riscv32imc-unknown-none-elf"; }; src = /nix/store/x-src; }`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	flat(set, "", &got)
	want := []string{
		"config=riscv32imc-unknown-none-elf", "isEfi=true", "bits=64", "canExecute=<LAMBDA>", "quoted.name=null",
		`parsed.abi.assertions=[ { message = "a \"b\"\n"; } ]`, "parsed.abi.name=gnu",
		"rust.rustcTarget=riscv32imc-unknown-none-elf", "src=/nix/store/x-src",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if s := set.Bindings[0].Value.Text(); s != "riscv32imc-unknown-none-elf" {
		t.Errorf("string value %q", s)
	}
}

// A set cut short (a truncated paste) keeps the attributes before the cut, with an error.
func TestParseNixAttrsTruncated(t *testing.T) {
	set, err := ParseNixAttrs(`{ config = "x86_64-unknown-linux-gnu"; rust = { rustcTarget = "riscv32imc-unkn`)
	if err == nil {
		t.Fatal("a truncated set parsed without error")
	}
	if set == nil || len(set.Bindings) == 0 || set.Bindings[0].Value.Text() != "x86_64-unknown-linux-gnu" {
		t.Fatalf("lost the attributes before the cut: %+v", set)
	}
}
