// Package lazyre holds regular expressions compiled the first time they are used. A process
// runs one command, and most commands never reach most of the program's expressions: compiled
// at start-up, each would cost every run.
package lazyre

import (
	"regexp"
	"sync"
)

// New is expr, compiled (it must compile) on the first call.
func New(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
