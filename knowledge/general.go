package knowledge

import (
	"fmt"
	"regexp"
	"regexp/syntax"
)

// specificTerms are the shapes a general entry's symptom must not spell out literally: the
// entry claims to catch its mechanism for any program, path, triple, crate and version, so
// these parts have to be left to a regex class (`[^`]+`, `\S+`, ...).
var specificTerms = []struct {
	what string
	re   *regexp.Regexp
}{
	{"a target triple or architecture", regexp.MustCompile(`(?i)\b(?:x86_64|i[3-6]86|aarch64|armv\d\w*|thumbv\d\w*|riscv(?:32|64)\w*|xtensa|wasm(?:32|64)|mips\w*|powerpc\w*|msp430)\b|\b(?:arm|avr)-\w+-\w+`)},
	{"an absolute path", regexp.MustCompile(`(?:^|[\s'"` + "`" + `(=:])/(?:usr|nix|home|opt|etc|tmp|build|Users|var|lib|bin)/|\b[A-Za-z]:\\`)},
	{"a version", regexp.MustCompile(`\b\d+\.\d+(?:\.\d+)?\b`)},
	{"a quoted name", regexp.MustCompile("`[^`\\s]+`|'[^'\\s]+'")},
	{"a specific program or crate", regexp.MustCompile(`(?i)\b(?:rust-lld|ld\.lld|lld-link|ldproxy|link\.exe|cortex-m-rt|riscv-rt|esp-hal|esp-idf-sys|espflash|probe-rs|libclang|openssl|cmake|pkg-config|gcc_s)\b|\.exe\b`)},
}

// lintGeneral rejects a symptom of a general entry that names one specific program, path,
// triple, crate or version in its literal text.
func lintGeneral(entry *Entry) []string {
	if !entry.General {
		return nil
	}
	var messages []string
	for _, symptom := range entry.Symptoms {
		for _, literal := range symptomLiterals(symptom) {
			for _, term := range specificTerms {
				if found := term.re.FindString(literal); found != "" {
					messages = append(messages, fmt.Sprintf("general entry: symptom %s names %s (%q); match it with a pattern instead", symptom, term.what, found))
				}
			}
		}
	}
	return messages
}

// symptomLiterals returns the literal pieces of a symptom: its text, or every literal run of
// its regex (alternatives included).
func symptomLiterals(s Symptom) []string {
	if s.Regex == "" {
		return []string{s.Text}
	}
	re, err := syntax.Parse(s.Regex, syntax.Perl)
	if err != nil {
		return nil
	}
	var out []string
	var walk func(*syntax.Regexp)
	walk = func(re *syntax.Regexp) {
		if re.Op == syntax.OpLiteral {
			out = append(out, string(re.Rune))
		}
		for _, sub := range re.Sub {
			walk(sub)
		}
	}
	walk(re.Simplify())
	return out
}
