package finding

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/class"
	"github.com/cxlog/cxlog/analyze/normal"
)

// ID names a rule. It is the "rule" of every finding the rule makes, in text and JSON output,
// so an ID is never renamed.
type ID string

// Rule is one diff or check rule. Each lives in its own file, rule_<id>.go, which calls
// register in init, and has its golden case in testdata/<id>/ (see rules_test.go).
type Rule struct {
	ID    ID
	Class class.Class
	// Severity and Score are the defaults of the rule's findings; a finding may set its own.
	// The cause outranks what follows from it: a config that never reached rustc (100) over
	// a host linker (85-95) over a link without scripts (50) over a changed version (30-40).
	Severity string
	Score    int
	// Entries are the knowledge-base entries whose cause, fix and actions the rule's findings
	// stand for; the first is the default, a finding may name another of the list. A rule that
	// knows no entry says what to do in Fix instead.
	Entries []string
	Fix     string
	// Supersedes lists the rules whose findings for the same crate this rule's findings
	// replace when they rank higher: the same fact, seen better. Nothing else hides a finding.
	Supersedes []ID
	// Check looks at one log, Diff at what changed between two; a rule has one or both. In a
	// diff, a check rule's findings count only when the working log does not show them too.
	Check func(l *analyze.Log) []Finding
	Diff  func(c *Comparison) []Finding
}

// Comparison is what a diff rule sees: both logs and their differences.
type Comparison struct {
	Good, Bad *analyze.Log
	Diffs     []Difference

	newErrors      []*analyze.Diagnostic // ErrorsOnlyIn(Good, Bad), once a rule asks
	newErrorsKnown bool

	flags      flagChanges // compareFocusFlags(c), once a rule asks
	flagsOK    bool
	flagsKnown bool
}

// errorsOnlyInBad is ErrorsOnlyIn(c.Good, c.Bad), worked out once for all the rules that read
// it. The rules only read the list.
func (c *Comparison) errorsOnlyInBad() []*analyze.Diagnostic {
	if !c.newErrorsKnown {
		c.newErrors, c.newErrorsKnown = ErrorsOnlyIn(c.Good, c.Bad), true
	}
	return c.newErrors
}

// focusFlags is compareFocusFlags(c), worked out once for all the rules that read it. The
// rules only read the result.
func (c *Comparison) focusFlags() (flagChanges, bool) {
	if !c.flagsKnown {
		c.flags, c.flagsOK = compareFocusFlags(c)
		c.flagsKnown = true
	}
	return c.flags, c.flagsOK
}

var (
	registry = map[ID]*Rule{}
	all      []*Rule // by id
)

// register adds a rule; it panics on a rule that cannot work, so a broken rule fails every test.
func register(r Rule) {
	switch {
	case r.ID == "" || strings.ToLower(string(r.ID)) != string(r.ID) || strings.ContainsAny(string(r.ID), " /:"):
		panic(fmt.Sprintf("finding: rule id %q is not kebab-case", r.ID))
	case registry[r.ID] != nil:
		panic(fmt.Sprintf("finding: rule %s registered twice", r.ID))
	case !class.Valid(string(r.Class)):
		panic(fmt.Sprintf("finding: rule %s has class %q, not one of the taxonomy", r.ID, r.Class))
	case r.Check == nil && r.Diff == nil:
		panic(fmt.Sprintf("finding: rule %s has neither Check nor Diff", r.ID))
	case len(r.Entries) == 0 && r.Fix == "", len(r.Entries) > 0 && r.Fix != "":
		panic(fmt.Sprintf("finding: rule %s needs either knowledge-base entries or its own fix, not both", r.ID))
	case r.Severity != High && r.Severity != Medium && r.Severity != Low || r.Score <= 0:
		panic(fmt.Sprintf("finding: rule %s needs a severity and a positive score", r.ID))
	}
	registry[r.ID] = &r
	all = append(all, &r)
	slices.SortFunc(all, func(a, b *Rule) int { return strings.Compare(string(a.ID), string(b.ID)) })
}

// Rules lists every registered rule, by id.
func Rules() []*Rule { return slices.Clone(all) }

// Lookup returns the rule with that id, or nil (the findings of knowledge-base matches carry
// ids no rule has).
func Lookup(id ID) *Rule { return registry[id] }

// KnownFailure is the rule id of a finding that is a knowledge-base match rather than the work
// of a registered rule.
func KnownFailure(entryID string) ID { return ID("known-failure:" + entryID) }

// stamp gives a rule's findings its id and its defaults.
func (r *Rule) stamp(fs []Finding) []Finding {
	once := map[string]string{} // a rule that fires for every crate often says the same: kept once
	for i := range fs {
		f := &fs[i]
		f.Rule = r.ID
		f.Message, f.Fix = keepOnce(once, f.Message), keepOnce(once, f.Fix)
		if f.Class == "" {
			f.Class = r.Class
		}
		if f.Severity == "" {
			f.Severity = r.Severity
		}
		if f.Score == 0 {
			f.Score = r.Score
		}
		if f.Entry == "" && len(r.Entries) > 0 {
			f.Entry = r.Entries[0]
		}
		if len(r.Entries) == 0 && f.Fix == "" {
			f.Fix = r.Fix // a finding that knows the fix for its case says so itself
		}
	}
	return fs
}

func keepOnce(seen map[string]string, s string) string {
	if k, ok := seen[s]; ok {
		return k
	}
	seen[s] = s
	return s
}

// CheckRule runs one rule's Check on a log (nothing for a diff-only rule).
func (r *Rule) CheckRule(l *analyze.Log) []Finding {
	if r.Check == nil {
		return nil
	}
	return r.stamp(r.Check(l))
}

// DiffRule runs one rule on two logs: its Diff, and its Check on what only the bad log shows.
func (r *Rule) DiffRule(c *Comparison) []Finding {
	var fs []Finding
	if r.Diff != nil {
		fs = r.stamp(r.Diff(c))
	}
	if r.Check == nil {
		return fs
	}
	before := map[string]bool{}
	for _, f := range r.CheckRule(c.Good) {
		before[sameFinding(f)] = true
	}
	for _, f := range r.CheckRule(c.Bad) {
		if !before[sameFinding(f)] {
			fs = append(fs, f)
		}
	}
	return fs
}

// sameFinding is what makes two findings of one rule on two logs the same: the crate and
// the message with what differs between machines normalised away.
func sameFinding(f Finding) string {
	return string(f.Rule) + "\x00" + f.Crate + "\x00" + normal.Value(f.Message)
}

// Diff compares two logs and returns ranked findings and every raw difference.
func Diff(good, bad *analyze.Log) ([]Finding, []Difference) {
	c := &Comparison{Good: good, Bad: bad, Diffs: Compare(good, bad)}
	var fs []Finding
	for _, r := range all {
		fs = append(fs, r.DiffRule(c)...)
	}
	return Rank(Dedupe(fs)), c.Diffs
}

// Check runs the rules that need no baseline.
func Check(l *analyze.Log) []Finding {
	var fs []Finding
	for _, r := range all {
		fs = append(fs, r.CheckRule(l)...)
	}
	return Rank(Dedupe(fs))
}

// Dedupe drops, from findings, the repeats of a rule for the same crate and the findings that
// a higher-ranked one supersedes (Rule.Supersedes, the same crate name), and returns the rest
// ranked. Nothing else is dropped: two rules on the same evidence both stay unless one of them
// says that it supersedes the other.
func Dedupe(fs []Finding) []Finding {
	repeats, byName := map[ruleCrate]bool{}, map[ruleCrate]bool{}
	out := fs[:0] // in place: a finding kept is never written ahead of one still to be read
	for _, f := range Rank(fs) {
		k := ruleCrate{f.Rule, f.Crate}
		if repeats[k] || supersededBy(f, byName) != "" {
			continue
		}
		repeats[k] = true
		byName[ruleCrate{f.Rule, crateName(f.Crate)}] = true
		out = append(out, f)
	}
	clear(fs[len(out):])
	if len(out) == 0 {
		return nil
	}
	return out
}

type ruleCrate struct {
	rule  ID
	crate string
}

// supersededBy returns the kept rule that supersedes f, or "". kept holds rules and crate names.
func supersededBy(f Finding, kept map[ruleCrate]bool) ID {
	for _, r := range all {
		if slices.Contains(r.Supersedes, f.Rule) && kept[ruleCrate{r.ID, crateName(f.Crate)}] {
			return r.ID
		}
	}
	return ""
}

// crateName is the crate a finding's Crate names: a check rule names the crate as rustc does
// (fw), a diff rule as the comparison aligned it (fw 0.1.0 (bin) [riscv32imc-unknown-none-elf]).
func crateName(crate string) string {
	name, _, _ := strings.Cut(crate, " ")
	return name
}
