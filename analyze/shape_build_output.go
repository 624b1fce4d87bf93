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
		if !ok {
			return false
		}
		o.Span, o.Drv = s.span(l.N), s.lineDrv(l)
		s.emit(o)
		return true
	}})
}

func parseBuildOutput(t string) (*BuildOutput, bool) {
	pkg, version, text, ok := cutBuildScriptPrefix(t)
	if !ok || strings.ContainsRune(pkg, '\t') {
		return nil, false
	}
	var key, value string
	switch {
	case strings.HasPrefix(text, "cargo:"):
		key, value, _ = strings.Cut(text, "=")
	case strings.Contains(text, " = Some("):
		k, v, _ := strings.Cut(text, " = Some(")
		key, value = k, strings.Trim(strings.TrimSuffix(v, ")"), `"`)
	}
	if key == "" {
		return nil, false // neither a directive nor a cc-rs setting
	}
	return &BuildOutput{Package: pkg, Version: version, Text: text, Key: key, Value: value}, true
}

// cutBuildScriptPrefix splits the "[package version] " cargo -vv puts before a build script's
// output from the text.
func cutBuildScriptPrefix(t string) (pkg, version, text string, ok bool) {
	rest, ok := strings.CutPrefix(t, "[")
	if !ok {
		return "", "", "", false
	}
	head, text, ok := strings.Cut(rest, "] ")
	if !ok {
		return "", "", "", false
	}
	pkg, version, ok = strings.Cut(head, " ")
	if !ok || pkg == "" || version == "" || version[0] < '0' || version[0] > '9' {
		return "", "", "", false
	}
	return pkg, version, text, true
}
