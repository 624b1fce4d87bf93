package main

import (
	"io"
	"os"
)

// IO is where a command reads and writes; tests use buffers.
type IO struct {
	In    io.Reader
	Out   io.Writer
	Err   io.Writer
	TTY   bool // Out is a terminal
	InTTY bool // In is a terminal: a person is about to paste
	Color bool // colour allowed: a terminal and NO_COLOR unset
}

func systemIO() *IO {
	tty := isTerminal(os.Stdout)
	_, noColor := os.LookupEnv("NO_COLOR")
	return &IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, TTY: tty, InTTY: isTerminal(os.Stdin),
		Color: tty && !noColor && os.Getenv("TERM") != "dumb"}
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
