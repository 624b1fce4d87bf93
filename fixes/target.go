package fixes

import (
	"cmp"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cxlog/cxlog/knowledge"
)

// NotApplicableError is returned by PlanEntry when the project builds for a target the
// entry is not known to apply to.
type NotApplicableError struct {
	Entry   string
	Target  string
	Applies []string
}

func (e *NotApplicableError) Error() string {
	return "entry " + e.Entry + " does not apply to " + e.Target + " (it applies to " + strings.Join(e.Applies, ", ") +
		"): cxlog will not apply it to this project (--target names the project's target if it is not its [build] target)"
}

// PlanEntry plans the entry's actions for the project, for the project's target: the
// given target, else the [build] target of its cargo config. An entry that lists the
// targets it applies to is refused for any other target, and actions written for one
// of the entry's own example triples (a [target.<triple>] table, a
// CARGO_TARGET_<TRIPLE>_* variable, a toolchain target) are rewritten for the
// project's. With no known target the actions are used as written, and a note says so.
func PlanEntry(projectDir string, entry *knowledge.Entry, target string) (*Plan, error) {
	pb, err := newPlanBuilder(projectDir, target)
	if err != nil {
		return nil, err
	}
	actions := entry.Actions
	applies := entry.Applies.Targets
	if len(applies) > 0 {
		triple := pb.configTarget(pb.cargoConfig())
		switch {
		case triple == "":
			if examples := exampleTriples(entry); len(examples) > 0 {
				pb.note("the project's target is unknown (give --target): the actions are those written for %s", strings.Join(examples, ", "))
			}
		case !appliesTo(applies, triple):
			return nil, &NotApplicableError{Entry: entry.ID, Target: triple, Applies: applies}
		default:
			actions = pb.retarget(entry, triple)
		}
	}
	return pb.build(actions)
}

func appliesTo(globs []string, triple string) bool {
	name := strings.TrimSuffix(filepath.Base(triple), ".json") // a custom target's spec file
	return slices.ContainsFunc(globs, func(glob string) bool {
		ok, err := path.Match(glob, name)
		return err == nil && ok
	})
}

// exampleTriples are the concrete triples the entry names: in applies and in its actions.
func exampleTriples(entry *knowledge.Entry) []string {
	var triples []string
	add := func(t string) {
		if t != "" && !strings.ContainsAny(t, "*?[") && !slices.Contains(triples, t) {
			triples = append(triples, t)
		}
	}
	for _, a := range entry.Actions {
		add(a.Target)
	}
	for _, t := range entry.Applies.Targets {
		add(t)
	}
	return triples
}

// retarget rewrites the entry's actions for triple, noting each rewrite.
func (pb *planBuilder) retarget(entry *knowledge.Entry, triple string) []knowledge.Action {
	examples := slices.DeleteFunc(exampleTriples(entry), func(t string) bool { return t == triple })
	forTriple := func(t string) string {
		if slices.Contains(examples, t) {
			return triple
		}
		return t
	}
	out := make([]knowledge.Action, len(entry.Actions))
	for i, a := range entry.Actions {
		b := a
		b.Target = forTriple(a.Target)
		if len(a.Targets) > 0 {
			b.Targets = make([]string, len(a.Targets))
			for j, t := range a.Targets {
				b.Targets[j] = forTriple(t)
			}
		}
		if a.Kind == "add-target" {
			b.Value = forTriple(a.Value)
		}
		if a.Kind == "set-env" || a.Kind == "unset-env" {
			for _, t := range examples {
				b.Name = renameTripleVar(b.Name, t, triple)
			}
		}
		switch {
		case b.Name != a.Name:
			pb.note("%s: the entry names %s; this project builds for %s, so the variable is %s", a.Kind, a.Name, triple, b.Name)
		case !slices.Equal(b.Targets, a.Targets) || b.Target != a.Target || b.Value != a.Value:
			pb.note("%s: the entry is written for %s; this project builds for %s, so the change is made for %s",
				a.Kind, cmp.Or(a.Target, strings.Join(a.Targets, ", "), a.Value), triple, triple)
		}
		out[i] = b
	}
	return out
}

// renameTripleVar replaces from by to in the two spellings of a triple in environment
// variable names: CARGO_TARGET_<FROM>_* and the cc crate's *_<from> (CC_riscv32imc_unknown_none_elf).
func renameTripleVar(name, from, to string) string {
	if rest, ok := strings.CutPrefix(name, "CARGO_TARGET_"+tripleEnv(from, true)+"_"); ok {
		return "CARGO_TARGET_" + tripleEnv(to, true) + "_" + rest
	}
	if head, ok := strings.CutSuffix(name, "_"+tripleEnv(from, false)); ok {
		return head + "_" + tripleEnv(to, false)
	}
	return name
}

func tripleEnv(triple string, upper bool) string {
	s := strings.NewReplacer("-", "_", ".", "_").Replace(triple)
	if upper {
		return strings.ToUpper(s)
	}
	return s
}
