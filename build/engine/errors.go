package engine

import (
	"errors"
	"fmt"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/grammar/logread"
)

// The errors an Engine returns are of these kinds (or a context error when canceled), so
// that the command line can say each in one line and give it its documented exit code.
//
//   - *logread.InputError: a log or corpus that cannot be read (missing, binary, corrupt).
//   - *KBError: the knowledge base cannot be loaded (an invalid --kb entry).
//   - *IndexError: the full-text index cannot be built: not the user's doing.
//   - *UserError: what was asked cannot be done (an unknown entry id, a derivation the log
//     lacks, a project that cannot be read or edited).
//   - *analyze.PanicError: a bug, caught on whichever goroutine it happened.

// KBError is a knowledge base that cannot be loaded.
type KBError struct{ Err error }

func (e *KBError) Error() string { return "knowledge base: " + e.Err.Error() }
func (e *KBError) Unwrap() error { return e.Err }

// IndexError is a full-text index that cannot be built, even in memory.
type IndexError struct{ Err error }

func (e *IndexError) Error() string { return "knowledge index: " + e.Err.Error() }
func (e *IndexError) Unwrap() error { return e.Err }

// UserError is a request that cannot be carried out as given.
type UserError struct{ Err error }

func (e *UserError) Error() string { return e.Err.Error() }
func (e *UserError) Unwrap() error { return e.Err }

func userErrorf(format string, a ...any) error {
	return &UserError{Err: fmt.Errorf(format, a...)}
}

// inputError names the input in a read error that does not name it yet.
func inputError(name string, err error) error {
	if err == nil {
		return nil
	}
	if _, ok := errors.AsType[*logread.InputError](err); ok {
		return err
	}
	if _, ok := errors.AsType[*analyze.PanicError](err); ok {
		return err
	}
	return &logread.InputError{Name: name, Err: err}
}
