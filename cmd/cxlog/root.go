package main

import (
	"github.com/spf13/cobra"
)

var version = "0.1.0-dev"

const exitCodesHelp = `

Exit codes:
  0   success (diff, check: no differences or findings)
  1   diff, check: differences or findings
  2   usage error, input that cannot be read (missing, binary, empty, corrupt), an invalid
      --kb entry, or output that cannot be written (a full disk, a closed pipe)
  70  internal error (a bug: please report it), including a knowledge index that cannot be built`

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
	root.AddCommand(newParseCmd(io), newDiffCmd(io), newCheckCmd(io), newExplainCmd(io), newEvalCmd(io), newSearchCmd(io), newKBCmd(io), newFixCmd(io), newVerifyCmd(io), newDoctorCmd(io), newScanCmd(io), newRecordCmd(io), newVersionCmd(io))
	root.InitDefaultCompletionCmd()
	markRunErrors(root)
	return root
}

// markRunErrors wraps every command's RunE so that main tells the errors of cxlog's own code
// from cobra's (flags, arguments), and gives every parent command a RunE that rejects an
// unknown subcommand instead of printing help and exiting 0.
func markRunErrors(c *cobra.Command) {
	for _, sub := range c.Commands() {
		markRunErrors(sub)
	}
	if c.HasParent() && c.HasSubCommands() && c.Run == nil && c.RunE == nil {
		c.Args = cobra.ArbitraryArgs
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErrorf("unknown command %q for %q (%s --help lists them)", args[0], cmd.CommandPath(), cmd.CommandPath())
			}
			return cmd.Help()
		}
	}
	if run := c.RunE; run != nil {
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if err := run(cmd, args); err != nil {
				return &ranError{err}
			}
			return nil
		}
	}
}

func newVersionCmd(io *IO) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print cxlog's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := io.Out.Write([]byte("cxlog " + version + "\n")); err != nil {
				return writeError(err)
			}
			return nil
		},
	}
}
