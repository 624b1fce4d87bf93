package fixes

import (
	"fmt"
	"strings"
)

// splitWords splits a rustflags string the way cargo does: at whitespace.
func splitWords(s string) []string { return strings.Fields(s) }

func joinWords(words []string) string { return strings.Join(words, " ") }

func errNotFlags(key []string) error {
	return fmt.Errorf("%s is neither an array of strings nor a string", formatKey(key))
}

func errNotStrings(key []string) error {
	return fmt.Errorf("%s is not an array of strings", formatKey(key))
}
