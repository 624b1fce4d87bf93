package analyze

import (
	"strings"

	"github.com/cxlog/cxlog/grammar"
)

// NormaliseEnvKey maps both spellings cargo and cc-rs accept to one key: upper case, with
// dashes and dots as underscores (CC_riscv32imc-unknown-none-elf -> CC_RISCV32IMC_UNKNOWN_NONE_ELF).
func NormaliseEnvKey(key string) string {
	if isNormalEnvKey(key) {
		return key // the common case: no copy, no rune by rune mapping
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '-' || r == '.':
			return '_'
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		}
		return r
	}, key)
}

// isNormalEnvKey reports a key that NormaliseEnvKey returns as it is: ASCII without a lower
// case letter, dash or dot.
func isNormalEnvKey(key string) bool {
	for i := 0; i < len(key); i++ {
		if c := key[i]; c == '-' || c == '.' || c >= 'a' && c <= 'z' || c >= 0x80 {
			return false
		}
	}
	return true
}

// envVar is the record of an assignment word, KEY=value.
func envVar(word string, line int) EnvVar {
	k, v := grammar.SplitAssignment(word)
	return newEnvVar(k, v, line)
}

// newEnvVar is the record of key (as the log spells it) set to value on a line.
func newEnvVar(key, value string, line int) EnvVar {
	return EnvVar{Key: NormaliseEnvKey(key), Original: key, Value: value, Line: line}
}

// looksLikeEnvKey reports whether a word before "=" is an environment variable name as
// environment dumps print them (upper case, or CC_<triple> with the triple in lower case).
func looksLikeEnvKey(key string) bool {
	if key == "" || len(key) > 128 {
		return false
	}
	upper := 0
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case c >= 'A' && c <= 'Z':
			upper++
		case c == '_' || c >= '0' && c <= '9':
		case (c == '-' || c == '.' || c >= 'a' && c <= 'z') && strings.Contains(key[:i], "_"):
			// CC_riscv32imc-unknown-none-elf: lower case only after an upper-case prefix
		default:
			return false
		}
	}
	return upper > 0 && key[0] >= 'A' && key[0] <= 'Z'
}
