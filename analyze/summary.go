package analyze

import (
	"encoding/binary"
	"slices"
	"strings"

	"github.com/cxlog/cxlog/analyze/normal"
)

// summary is what a Distinct log keeps of an invocation: the fields a comparison or a check
// reads, in memory of their own (a field of the parsed record shares the memory of its whole
// command line, often kilobytes), each string and each list kept once a log. It leaves out
//   - of Args, cargo's own arguments: only TailArgs, the rustflags and build-script directives;
//   - of Env, all but RUSTFLAGS, CARGO_ENCODED_RUSTFLAGS and the values that may name a Rust
//     toolchain (normal.MayNameToolchain), and the lines (the invocation's span says where);
//   - of Codegen, the options that differ on every machine: metadata, extra-filename and
//     incremental (hashes and temp dirs);
//   - of Externs, the paths: the crate names, each once, sorted;
//   - Source, OutDir and LibPaths.
//
// The lists may be shared between invocations: they are for reading.
func (l *Log) summary(inv *Invocation) *Invocation {
	if l.shared == nil {
		l.shared = newInterner()
	}
	in := l.shared
	s := &Invocation{
		Span:           Span{File: in.str(inv.File), Start: inv.Start, End: inv.End, Truncated: inv.Truncated},
		Drv:            in.str(inv.Drv),
		Kind:           inv.Kind,
		Program:        in.str(inv.Program),
		Wrapper:        in.str(inv.Wrapper),
		Package:        in.str(inv.Package),
		PackageVersion: in.str(inv.PackageVersion),
		CrateName:      in.str(inv.CrateName),
		CrateTypes:     in.list(inv.CrateTypes),
		Edition:        in.str(inv.Edition),
		Target:         in.str(inv.Target),
		Profile:        in.str(inv.Profile),
		Linker:         in.str(inv.Linker),
		LinkerFlavor:   in.str(inv.LinkerFlavor),
		LinkArgs:       in.list(inv.LinkArgs),
		TargetFeatures: in.features(inv.TargetFeatures),
		TargetCPU:      in.str(inv.TargetCPU),
		Codegen:        in.options(inv.Codegen, machineCodegen),
		Unstable:       in.options(inv.Unstable, nil),
		Cfgs:           in.cfgs(inv.Cfgs),
		Sysroot:        in.str(inv.Sysroot),
		Args:           in.list(inv.TailArgs()),
		Failed:         inv.Failed,
		Incomplete:     inv.Incomplete,
	}
	if len(inv.Env) > 0 {
		env := in.envScratch[:0]
		for _, e := range inv.Env {
			if e.Key == "RUSTFLAGS" || e.Key == "CARGO_ENCODED_RUSTFLAGS" || normal.MayNameToolchain(e.Value) {
				env = append(env, EnvVar{Key: e.Key, Original: e.Original, Value: e.Value, Truncated: e.Truncated})
			}
		}
		s.Env = in.env(env)
		in.envScratch = env[:0]
	}
	if len(inv.Externs) > 0 {
		names := in.scratch[:0]
		for _, e := range inv.Externs {
			name, _, _ := strings.Cut(e, "=")
			names = append(names, name)
		}
		slices.Sort(names) // a set: crates that link the same crates share it
		names = slices.Compact(names)
		s.Externs = in.list(names)
		in.scratch = names[:0]
	}
	return s
}

// machineCodegen are the -C options whose values differ on every machine and that no
// comparison reads.
func machineCodegen(name string) bool {
	return name == "metadata" || name == "extra-filename" || name == "incremental"
}

// interner hands out one copy of each string and of each list of equal contents.
type interner struct {
	strs       map[string]string
	lists      map[string][]string
	optLists   map[string][]Option
	cfgList    map[string][]Cfg
	featList   map[string][]Feature
	envList    map[string][]EnvVar
	key        []byte   // the contents of the list looked up
	scratch    []string // lists being built
	envScratch []EnvVar
}

func newInterner() *interner {
	return &interner{strs: map[string]string{}, lists: map[string][]string{}, optLists: map[string][]Option{},
		cfgList: map[string][]Cfg{}, featList: map[string][]Feature{}, envList: map[string][]EnvVar{}}
}

// str is s in memory of its own, one copy a log.
func (in *interner) str(s string) string {
	if s == "" {
		return ""
	}
	if c, ok := in.strs[s]; ok {
		return c
	}
	c := strings.Clone(s)
	in.strs[c] = c
	return c
}

func (in *interner) addKey(s string) {
	in.key = binary.AppendUvarint(in.key, uint64(len(s)))
	in.key = append(in.key, s...)
}

func (in *interner) addFlag(b bool) {
	if b {
		in.key = append(in.key, 1)
	} else {
		in.key = append(in.key, 0)
	}
}

// internList is l in memory of its own, one copy a log of each distinct list: key appends an
// element to in.key, clone copies one with interned strings.
func internList[T any](in *interner, m map[string][]T, l []T, key func(T), clone func(T) T) []T {
	if len(l) == 0 {
		return nil
	}
	in.key = in.key[:0]
	for _, x := range l {
		key(x)
	}
	if c, ok := m[string(in.key)]; ok {
		return c
	}
	c := make([]T, len(l))
	for i, x := range l {
		c[i] = clone(x)
	}
	m[string(in.key)] = c
	return c
}

func (in *interner) list(l []string) []string { return internList(in, in.lists, l, in.addKey, in.str) }

// options interns the options but those drop says to leave out.
func (in *interner) options(l []Option, drop func(name string) bool) []Option {
	in.key = in.key[:0]
	n := 0
	for _, o := range l {
		if drop == nil || !drop(o.Name) {
			in.addKey(o.Name)
			in.addKey(o.Value)
			n++
		}
	}
	if n == 0 {
		return nil
	}
	if c, ok := in.optLists[string(in.key)]; ok {
		return c
	}
	c := make([]Option, 0, n)
	for _, o := range l {
		if drop == nil || !drop(o.Name) {
			c = append(c, Option{Name: in.str(o.Name), Value: in.str(o.Value)})
		}
	}
	in.optLists[string(in.key)] = c
	return c
}

func (in *interner) cfgs(l []Cfg) []Cfg {
	return internList(in, in.cfgList, l, func(c Cfg) {
		in.addKey(c.Name)
		in.addKey(c.Value)
		in.addFlag(c.HasValue)
	}, func(c Cfg) Cfg {
		return Cfg{Name: in.str(c.Name), Value: in.str(c.Value), HasValue: c.HasValue}
	})
}

func (in *interner) features(l []Feature) []Feature {
	return internList(in, in.featList, l, func(f Feature) {
		in.addKey(f.Name)
		in.addFlag(f.Enabled)
	}, func(f Feature) Feature {
		return Feature{Name: in.str(f.Name), Enabled: f.Enabled}
	})
}

func (in *interner) env(l []EnvVar) []EnvVar {
	return internList(in, in.envList, l, func(e EnvVar) {
		in.addKey(e.Key)
		in.addKey(e.Original)
		in.addKey(e.Value)
		in.addFlag(e.Truncated)
	}, func(e EnvVar) EnvVar {
		return EnvVar{Key: in.str(e.Key), Original: in.str(e.Original), Value: in.str(e.Value), Truncated: e.Truncated}
	})
}

// TailArgs are the arguments after cargo's own (the last of --out-dir, --target, -C linker,
// -L and --extern, with its value): the rustflags and the build-script directives. The tail
// of a tail is itself, so a Distinct log's invocations keep only their tail as Args.
func (inv *Invocation) TailArgs() []string {
	a := inv.Args
	start := 0
	for i := 0; i < len(a); i++ {
		if len(a[i]) < 2 || a[i][0] != '-' {
			continue // a value: no case below holds
		}
		switch {
		case a[i] == "--out-dir" || a[i] == "--target" || a[i] == "-L" || a[i] == "--extern":
			start = i + 2
			i++
		case a[i] == "-C" && i+1 < len(a) && strings.HasPrefix(a[i+1], "linker="):
			start = i + 2
			i++
		case strings.HasPrefix(a[i], "-L") && len(a[i]) > 2, strings.HasPrefix(a[i], "--extern="), strings.HasPrefix(a[i], "--target="), strings.HasPrefix(a[i], "--out-dir="):
			start = i + 1
		}
	}
	return a[min(start, len(a)):]
}
