package knowledge

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
)

// specificTerms are the shapes a general entry's symptom must not spell out literally: the
// entry claims to catch its mechanism for any program, path, triple, crate and version, so
// these parts have to be left to a regex class (`[^`]+`, `\S+`, ...).
// They are compiled on first use: only kb lint needs them.
var specificTerms = sync.OnceValue(func() []specificTerm {
	return []specificTerm{
		{"a target triple or architecture", true, regexp.MustCompile(`(?i)\b(?:x86_64|i[3-6]86|aarch64|armv\d\w*|thumbv\d\w*|riscv(?:32|64)\w*|xtensa|wasm(?:32|64)|mips\w*|powerpc\w*|msp430)\b|\b(?:arm|avr)-\w+-\w+`)},
		{"an absolute path", true, regexp.MustCompile(`(?:^|[\s'"` + "`" + `(=:])/(?:usr|nix|home|opt|etc|tmp|build|Users|var|lib|bin)/|\b[A-Za-z]:\\`)},
		{"a version", false, regexp.MustCompile(`\b\d+\.\d+(?:\.\d+)?\b`)},
		// a quoted word that is not a flag (-Z, --as-needed) or the toolchain's own name
		{"a quoted name", false, regexp.MustCompile("`[^-#`\\s][^`\\s]*`|'(?:[^-#'\\s])[^'\\s]*'")},
		{"a specific program or crate", true, regexp.MustCompile(`(?i)\b(?:rust-lld|ld\.lld|lld-link|ldproxy|link\.exe|cortex-m-rt|riscv-rt|esp-hal|esp-idf-sys|espflash|probe-rs|libclang|openssl|cmake|pkg-config|gcc_s)\b|\b\w[\w-]*\.exe\b`)},
	}
})

type specificTerm struct {
	what string
	// inSource: also looked for in the whole regex with its escapes removed, so that an
	// alternative the regex parser splits into pieces is still seen
	inSource bool
	re       *regexp.Regexp
}

// lintGeneral rejects a symptom of a general entry that names one specific program, path,
// triple, crate or version in its literal text.
func lintGeneral(entry *Entry) []string {
	if !entry.General {
		return nil
	}
	var messages []string
	for _, symptom := range entry.Symptoms {
		literals := symptomLiterals(symptom)
		source := unescaped.Replace(symptom.Regex)
		for _, term := range specificTerms() {
			found := ""
			for _, literal := range literals {
				if found = term.re.FindString(literal); found != "" {
					break
				}
			}
			if found == "" && term.inSource && source != "" {
				found = term.re.FindString(source)
			}
			if found != "" && !toolchainWords[strings.Trim(found, "`'")] {
				messages = append(messages, fmt.Sprintf("general entry: symptom %s names %s (%q); match it with a pattern instead", symptom, term.what, found))
			}
		}
	}
	return messages
}

// toolchainWords may be quoted in a general symptom: they are the tools' own names in their own
// messages (failed to run `rustc`), the same for every user.
var toolchainWords = map[string]bool{"rustc": true, "cargo": true, "rustup": true}

// unescaped removes the escapes of punctuation from a regex: `ld\.lld` reads as ld.lld.
var unescaped = strings.NewReplacer(`\.`, ".", `\-`, "-", `\+`, "+", `\/`, "/", `\\`, `\`)

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
