package main

import (
	"github.com/spf13/cobra"
)

var version = "0.1.0-dev"

const exitCodesHelp = `

Exit codes:
  0   success (diff, check: no differences or findings)
  1   diff, check: differences or findings
  2   usage error, or input that cannot be read (missing, binary, empty, corrupt)
  70  internal error (a bug: please report it)`

func newRootCmd(io *IO) *cobra.Command {
	root := &cobra.Command{
		Use:   "cxlog",
		Short: "Forensics for Rust cross-compilation build logs",
		Long: `cxlog reads cargo -vv / nix build -L logs of Rust cross builds (ESP32-C3, Cortex-M, ...):
which linker rustc ran, which link args, cfgs and target features it got, which environment
variables won, and what broke.` + exitCodesHelp,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version,
	}
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.Err)
	root.AddCommand(newParseCmd(io), newDiffCmd(io), newCheckCmd(io), newExplainCmd(io), newEvalCmd(io), newSearchCmd(io), newKBCmd(io), newFixCmd(io), newVerifyCmd(io), newVersionCmd(io))
	return root
}

func newVersionCmd(io *IO) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print cxlog's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := io.Out.Write([]byte("cxlog " + version + "\n"))
			return err
		},
	}
}
