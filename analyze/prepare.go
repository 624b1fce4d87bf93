package analyze

import (
	"regexp"

	"github.com/cxlog/cxlog/grammar"
)

// Prepare builds now what reading a log builds on first use: the command grammars and the
// regexes of the failure shapes a pasted error most often has. A caller with a core to spare
// (explain, while its knowledge base loads) runs it on a goroutine of its own; what a read
// then needs is ready, and it is the same either way.
func Prepare() {
	grammar.Prepare()
	for _, re := range []func() *regexp.Regexp{reToolError, reLinkFailed, reCouldNot, reCompileError} {
		re()
	}
}
