package cargoconf

import "strings"

// linkerScripts are the -T scripts rustflags pass to the linker, in order.
func linkerScripts(flags []string) []string {
	var out []string
	add := func(arg string) {
		if s, ok := strings.CutPrefix(arg, "-T"); ok && s != "" {
			out = append(out, s)
		}
	}
	for _, opt := range codegenOptions(flags) {
		if v, ok := strings.CutPrefix(opt, "link-arg="); ok {
			add(v)
		} else if v, ok := strings.CutPrefix(opt, "link-args="); ok {
			for _, w := range strings.Fields(v) {
				add(w)
			}
		}
	}
	return out
}

// linkerFlavorFlag is the -C linker-flavor value rustflags give rustc, "" when none; the
// last one counts, as rustc reads them.
func linkerFlavorFlag(flags []string) string {
	v := ""
	for _, opt := range codegenOptions(flags) {
		if f, ok := strings.CutPrefix(opt, "linker-flavor="); ok {
			v = f
		}
	}
	return v
}

// codegenOptions are the values of the -C options among rustflags (-C X, -CX, --codegen=X,
// --codegen X), in order.
func codegenOptions(flags []string) []string {
	var out []string
	for i := 0; i < len(flags); i++ {
		f := flags[i]
		switch {
		case (f == "-C" || f == "--codegen") && i+1 < len(flags):
			out = append(out, flags[i+1])
			i++
		case strings.HasPrefix(f, "-C"):
			out = append(out, f[2:])
		case strings.HasPrefix(f, "--codegen="):
			out = append(out, f[len("--codegen="):])
		}
	}
	return out
}
