package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/cxlog/cxlog/fixes"
)

// renderPlan prints a plan: the diffs, the environment changes and the notes.
func renderPlan(w io.Writer, io *IO, plan *fixes.Plan) {
	fmt.Fprintf(w, "Project: %s\n", plan.Dir)
	for _, c := range plan.Files {
		verb := "edit"
		if c.Created {
			verb = "create"
		}
		fmt.Fprintf(w, "\n%s %s:\n", verb, c.Path)
		for _, s := range c.Steps {
			fmt.Fprintf(w, "  - %s\n", s)
		}
		for _, line := range strings.SplitAfter(c.Diff(), "\n") {
			fmt.Fprint(w, paintDiffLine(io, line))
		}
	}
	if len(plan.Env) > 0 {
		fmt.Fprintln(w, "\nEnvironment (not written by cxlog: change it where the build runs, e.g. your shell or CI recipe):")
		renderEnv(w, plan)
	}
	if len(plan.Notes) > 0 {
		fmt.Fprintln(w, "\nNotes:")
		for _, n := range plan.Notes {
			fmt.Fprintf(w, "  - %s\n", wrap(n, 96, "    "))
		}
	}
	fmt.Fprintln(w)
}

func renderEnv(w io.Writer, plan *fixes.Plan) {
	for _, e := range plan.Env {
		fmt.Fprintf(w, "  %s\n", e.Instruction())
	}
}

func paintDiffLine(io *IO, line string) string {
	if !io.Color || line == "" {
		return line
	}
	body := strings.TrimSuffix(line, "\n")
	code := ""
	switch {
	case strings.HasPrefix(body, "+++"), strings.HasPrefix(body, "---"):
		code = "1"
	case strings.HasPrefix(body, "@@"):
		code = "36"
	case strings.HasPrefix(body, "+"):
		code = "32"
	case strings.HasPrefix(body, "-"):
		code = "31"
	}
	if code == "" {
		return line
	}
	return "\x1b[" + code + "m" + body + "\x1b[0m" + line[len(body):]
}
