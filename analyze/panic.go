package analyze

import (
	"fmt"
	"runtime/debug"
)

// PanicError is a panic recovered on a goroutine the caller does not own (a pipeline worker),
// handed back as an error so the program can end with its one-line message and exit code,
// as for a panic on its own goroutine. Stack is where it happened, for --debug and reports.
type PanicError struct {
	Value any
	Stack []byte
}

func (e *PanicError) Error() string { return fmt.Sprintf("internal error: %v", e.Value) }

// Recovered turns a value recovered from a panic into a *PanicError (nil for nil). Call it
// from a deferred function: recover only works there.
func Recovered(r any) error {
	if r == nil {
		return nil
	}
	if e, ok := r.(*PanicError); ok {
		return e
	}
	return &PanicError{Value: r, Stack: debug.Stack()}
}
