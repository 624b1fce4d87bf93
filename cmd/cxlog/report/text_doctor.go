package report

import (
	"strings"

	"github.com/cxlog/cxlog/analyze/cargoconf"
)

func textDoctor(w *textWriter, r *Doctor) {
	w.printf("cargo started in %s\n", r.Dir)
	if r.Manifest != "" {
		w.printf("manifest: %s\n", r.Manifest)
	}
	w.println("\nFiles read")
	if len(r.Files) == 0 {
		w.println("  (none)")
	}
	for _, f := range r.Files {
		state := ""
		if !f.Read {
			state = " (not read)"
		}
		note := ""
		if f.Note != "" {
			note = ": " + f.Note
		}
		w.printf("  %-11s %s%s%s\n", f.Kind, f.Path, state, note)
	}
	if len(r.Env) > 0 {
		w.println("\nEnvironment")
		for _, kv := range r.Env {
			w.printf("  %s\n", Truncate(kv, 200))
		}
	}
	if tc := r.Toolchain; tc != nil {
		w.printf("\nToolchain file %s: channel %s", tc.Path, dash(tc.Channel))
		if len(tc.Targets) > 0 {
			w.printf(", targets %s", strings.Join(tc.Targets, " "))
		}
		w.println()
	}
	for _, p := range r.Targets {
		textPlan(w, p)
	}
	w.println()
	if len(r.Problems) == 0 {
		w.println("No problems found.")
		return
	}
	for _, p := range r.Problems {
		w.style("33", "problem ["+p.Class+"]")
		w.printf(" %s\n", Wrap(p.Message, 96, "   "))
		w.printf("   fix: %s\n", Wrap(p.Fix, 96, "        "))
		if p.Entry != "" {
			w.printf("   more: cxlog kb show %s\n", p.Entry)
		}
	}
}

func textPlan(w *textWriter, p cargoconf.Plan) {
	w.printf("\n%s (%s)\n", p.Triple, p.Kind)
	if p.TargetArg != "" {
		w.printf("  --target    %s\n", p.TargetArg)
	} else {
		w.println("  --target    (none: a host build)")
	}
	from := ""
	if p.RustflagsSource != "" {
		from = "  <- " + p.RustflagsSource + " (" + strings.Join(p.RustflagsFrom, ", ") + ")"
	}
	w.printf("  rustflags   %s%s\n", dash(strings.Join(p.Rustflags, " ")), from)
	for _, ig := range p.Ignored {
		w.printf("    ignored   %s %s: %s\n", ig.Source, strings.Join(ig.Flags, " "), ig.Why)
	}
	if p.Linker != "" {
		arg := "-C linker=" + p.LinkerArg
		if p.LinkerArg == "" {
			arg = "no -C linker"
		}
		found := "not on PATH"
		if p.LinkerFound {
			found = p.LinkerPath
		}
		w.printf("  linker      %s (%s; %s), found: %s\n", p.Linker, p.LinkerFrom, arg, found)
		w.printf("  flavor      %s (%s)\n", dash(p.Flavor), dash(p.FlavorWhy))
	}
	if len(p.LinkerScripts) > 0 {
		w.printf("  scripts     %s reach the link\n", strings.Join(p.LinkerScripts, " "))
	}
}
