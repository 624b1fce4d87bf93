package report

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/grammar/logread"
	"github.com/olekukonko/tablewriter"
)

func textParse(w *textWriter, p *Parse) error {
	for i, f := range p.Files {
		sum := newParseSummary()
		lines, err := f.Scan(sum.add)
		if err != nil {
			return err
		}
		sum.lines = lines
		if i > 0 {
			w.println()
		}
		sum.render(w, f.Name)
	}
	return nil
}

// parseSummary keeps counts, never the records themselves.
type parseSummary struct {
	lines       int
	crates      map[[3]string]int // kind, crate, target
	linkers     map[string]int
	diagKinds   map[string]int
	firstErrors []string
	env         int
	cargo       []string
	traces      int
	drvs        []string // Nix derivations, in order of appearance
	cut         []int    // first lines of records that hold a line cut at logread.MaxLineBytes
}

func (s *parseSummary) noteDrv(drv string) {
	if drv != "" && !slices.Contains(s.drvs, drv) {
		s.drvs = append(s.drvs, drv)
	}
}

func newParseSummary() *parseSummary {
	return &parseSummary{crates: map[[3]string]int{}, linkers: map[string]int{}, diagKinds: map[string]int{}}
}

func (s *parseSummary) add(r analyze.Record) {
	if line, cut := analyze.TruncatedAt(r); cut {
		s.cut = append(s.cut, line)
	}
	switch r := r.(type) {
	case *analyze.Invocation:
		s.noteDrv(r.Drv)
		name := r.CrateName
		if name == "" {
			name = r.Package
		}
		s.countCrate([3]string{string(r.Kind), name, r.Target})
		if r.Linker != "" {
			s.countLinker(r.Linker)
		}
	case *analyze.LinkerCommand:
		s.countLinker(r.Program)
	case *analyze.Diagnostic:
		s.noteDrv(r.Drv)
		s.diagKinds[string(r.Kind)]++
		if r.Severity == "error" && len(s.firstErrors) < 8 {
			s.firstErrors = append(s.firstErrors, fmt.Sprintf("%d: %s", r.Start, r.Message))
		}
	case *analyze.EnvVar:
		s.env++
	case *analyze.CargoCommand:
		if len(s.cargo) < 4 {
			s.cargo = append(s.cargo, fmt.Sprintf("%d: cargo %s", r.Start, strings.Join(r.Args, " ")))
		}
	case *analyze.NixTrace:
		s.traces++
	}
}

// countCrate and countLinker store a key they have not seen as a copy: a record's strings are
// cut from its line, and a summary of fifty thousand crates would otherwise keep fifty
// thousand lines alive.
func (s *parseSummary) countCrate(key [3]string) {
	if _, ok := s.crates[key]; !ok {
		for i := range key {
			key[i] = strings.Clone(key[i])
		}
	}
	s.crates[key]++
}

func (s *parseSummary) countLinker(program string) {
	if _, ok := s.linkers[program]; !ok {
		program = strings.Clone(program)
	}
	s.linkers[program]++
}

func (s *parseSummary) render(w *textWriter, name string) {
	w.printf("%s: %d lines\n", name, s.lines)
	if len(s.drvs) > 0 {
		w.printf("Nix derivations: %s\n", strings.Join(s.drvs, ", "))
	}
	if len(s.crates) > 0 {
		w.println("\nInvocations")
		keys := make([][3]string, 0, len(s.crates))
		for k := range s.crates {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			return strings.Join(keys[i][:], "\x00") < strings.Join(keys[j][:], "\x00")
		})
		t := tablewriter.NewWriter(w)
		t.Header("kind", "crate", "target", "count")
		for _, k := range keys {
			t.Append(k[0], k[1], dash(k[2]), fmt.Sprint(s.crates[k]))
		}
		t.Render()
	}
	if len(s.linkers) > 0 {
		w.println("\nLinkers")
		for _, l := range sortedKeys(s.linkers) {
			w.printf("  %s (%d)\n", l, s.linkers[l])
		}
	}
	for _, c := range s.cargo {
		w.printf("\nCargo: %s", c)
	}
	if len(s.cargo) > 0 {
		w.println()
	}
	if s.env > 0 || s.traces > 0 {
		w.printf("\nEnvironment variables: %d, Nix traces: %d\n", s.env, s.traces)
	}
	total := 0
	for _, n := range s.diagKinds {
		total += n
	}
	w.printf("\nDiagnostics: %d", total)
	for _, k := range sortedKeys(s.diagKinds) {
		w.printf(", %s %d", k, s.diagKinds[k])
	}
	w.println()
	for _, e := range s.firstErrors {
		w.printf("  %s\n", Truncate(e, 160))
	}
	if len(s.cut) > 0 {
		lines := make([]string, 0, min(len(s.cut), 8))
		for _, n := range s.cut[:cap(lines)] {
			lines = append(lines, fmt.Sprint(n))
		}
		w.printf("\nLines longer than %d MiB were cut there, in the records at lines %s\n", logread.MaxLineBytes>>20, strings.Join(lines, ", "))
	}
}

func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
