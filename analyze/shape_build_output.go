package analyze

import "strings"

// cargo -vv prints what a build script writes, each line behind its package:
// "[cxlog-bench-fw 0.1.0] cargo:rustc-link-arg=-Tdefmt.x", and cc-rs's
// "[ring 0.17.8] TARGET = Some("riscv32imc-unknown-none-elf")". Only the directives and
// cc-rs's settings no earlier recognizer took (cc-rs's CC_<triple> is an env record, an
// error line a tool error).
func init() {
	register(recognizer{name: "build-script-output", order: orderToolErrors - 10, start: func(s *scanner, l *line) bool {
		o, ok := parseBuildOutput(l.trimmed)
		if !ok || o.Key == "" {
			return false
		}
		o.Span = s.span(l.N)
		s.emit(o)
		return true
	}})
}

func parseBuildOutput(t string) (*BuildOutput, bool) {
	rest, ok := strings.CutPrefix(t, "[")
	if !ok {
		return nil, false
	}
	head, text, ok := strings.Cut(rest, "] ")
	if !ok {
		return nil, false
	}
	pkg, version, ok := strings.Cut(head, " ")
	if !ok || pkg == "" || strings.ContainsAny(pkg, " \t") || version == "" || version[0] < '0' || version[0] > '9' {
		return nil, false
	}
	o := &BuildOutput{Package: pkg, Version: version, Text: text}
	switch {
	case strings.HasPrefix(text, "cargo:"):
		o.Key, o.Value, _ = strings.Cut(text, "=")
	case strings.Contains(text, " = Some("):
		k, v, _ := strings.Cut(text, " = Some(")
		o.Key, o.Value = k, strings.Trim(strings.TrimSuffix(v, ")"), `"`)
	}
	return o, true
}
