package main

import (
	"io"
	"os"

	"github.com/mattn/go-isatty"
)

// IO is where a command reads and writes; tests use buffers.
type IO struct {
	In     io.Reader
	Out    io.Writer
	Err    io.Writer
	TTY    bool // Out is a terminal
	InTTY  bool // In is a terminal: a person is about to paste
	ErrTTY bool // Err is a terminal: progress may be shown there
	Color  bool // colour allowed: a terminal and NO_COLOR unset
}

func systemIO() *IO {
	tty := isTerminal(os.Stdout)
	_, noColor := os.LookupEnv("NO_COLOR")
	return &IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, TTY: tty, InTTY: isTerminal(os.Stdin), ErrTTY: isTerminal(os.Stderr),
		Color: tty && !noColor && os.Getenv("TERM") != "dumb"}
}

// isTerminal asks the terminal driver, not the file mode: /dev/null is a character device too.
func isTerminal(f *os.File) bool { return isatty.IsTerminal(f.Fd()) }
