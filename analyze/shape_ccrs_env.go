package analyze

import (
	"strings"

	"github.com/cxlog/cxlog/analyze/lazyre"
)

// cc-rs, building C code in a build script, prints each variable it consults as `KEY = Some("value")`
// or `KEY = None` (newer versions drop the quotes): TARGET, HOST, then CC_<target>,
// CC_<target with _>, TARGET_CC, CC, so the log shows which compiler it chose. The variables it
// found are environment records; the unset ones are none.
func init() {
	register(recognizer{name: "cc-rs-env", order: orderShell + 2, start: func(s *scanner, l *line) bool {
		t := buildScriptOutput(l.trimmed)
		if !mayBeCCRsVariable(t) {
			return false
		}
		m := reCCRsVariable().FindStringSubmatch(t)
		if m == nil || !ccRsVariable(m[1]) {
			return false
		}
		if m[2] == "Some(" {
			value := strings.TrimSuffix(strings.TrimPrefix(m[3], `"`), `"`)
			e := newEnvVar(m[1], value, l.N)
			s.emit(&e)
		}
		return true
	}})
}

var reCCRsVariable = lazyre.New(`^([A-Za-z][A-Za-z0-9_.-]*) = (?:(Some\()(.*)\)|None)$`)

// mayBeCCRsVariable is what every line reCCRsVariable matches has: " = " and its end. Most
// lines of a log reach this recognizer; the check spares them the regexp.
func mayBeCCRsVariable(t string) bool {
	return (strings.HasSuffix(t, ")") || strings.HasSuffix(t, "None")) && strings.Contains(t, " = ")
}

// ccRsVariable reports whether key is one cc-rs prints for the compiler it picks: the build's
// target and host and the C/C++ compiler and archiver variables, with or without a triple.
func ccRsVariable(key string) bool {
	if key == "TARGET" || key == "HOST" {
		return true
	}
	for _, v := range []string{"CC", "CXX", "AR"} {
		if key == v || key == "TARGET_"+v || key == "HOST_"+v || strings.HasPrefix(key, v+"_") {
			return true
		}
	}
	return false
}
