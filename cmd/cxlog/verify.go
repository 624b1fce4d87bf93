package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/cxlog/cxlog/build"
	"github.com/cxlog/cxlog/build/engine"
	"github.com/cxlog/cxlog/cmd/cxlog/report"
	"github.com/spf13/cobra"
)

const verifyExitCodes = `
Exit codes:
  0    passed: every --expect text was seen, in order, and no --fail text
  2    usage or configuration error (flags, cxlog.toml)
  3    build failed (the build log is diagnosed and the findings shown)
  4    flash failed: the flash command, the emulator or the --after-open command failed
  5    expected text not seen before the timeout (or before the output ended)
  6    a --fail text was seen (for example "panicked at")
  7    serial port error: missing device, permission denied, busy, not a serial port,
       or lost while reading (the message says which and what to do)
  8    timed out: the build or flash command outlasted --build-timeout or
       --flash-timeout, or the run --run-timeout; the command and every process
       it started were ended
  9    the firmware panicked (a Rust "panicked at" line)
  10   CPU exception: ESP-IDF Guru Meditation, a RISC-V trap dump (mcause/mepc), a HardFault
  11   watchdog: task or interrupt watchdog, or a watchdog reset reason (rst:0x… *WDT*)
  12   brownout: "Brownout detector was triggered" or a brownout reset reason
  13   boot loop: a boot banner (rst:0x…) or the first --expect text seen again before the run passed
  130  canceled (Ctrl-C)
A crash's code addresses (0x…, MEPC, Backtrace, ra=) are resolved to function and file:line
against --elf (default --kernel, or an ELF the --flash command names), from its DWARF.`

type verifyOptions struct {
	Project string
	Flags   verifyFlags
	KB      kbOptions
	Output  outputOptions
}

func newVerifyCmd(io *IO) *cobra.Command {
	opts := verifyOptions{}
	cmd := &cobra.Command{
		Use:   "verify [--project DIR] [--build CMD] [--flash CMD] [--port PATH] [--expect TEXT]... [flags]",
		Short: "Build, flash and watch the serial port until the firmware prints the expected text",
		Long: `Build the firmware, flash it (or boot it in an emulator), open the board's serial port and
wait for the --expect texts, in order. The port is open before the firmware starts: --after-open
runs right after opening it (a reset or start command), --esp-reset pulses DTR/RTS the way
ESP32 boards reset. On a build failure the build log is diagnosed as 'cxlog check' and
'cxlog explain' would, with the environment the build ran with.

Serial output is matched with its escape sequences (colours) removed; --transcript keeps every
byte. What the port held before it was opened does not count. After the last --expect text the
port is watched --settle longer for --fail texts.

Settings come from the [verify] table of DIR/cxlog.toml (keys build, flash, after_open, port,
baud, reset_esp, expect, fail, timeout, build_timeout, flash_timeout, run_timeout, settle,
transcript, emulator, kernel, emulator_args, detectors, builtin_detectors, elf, scenario, events); flags override it. --format junit writes a JUnit XML report:
one test case per scenario step (or per --expect text). --format json prints schema "` + report.VerifySchema + `".

Examples:
  cxlog verify --build 'cargo build --release' \
    --flash 'espflash flash target/riscv32imc-unknown-none-elf/release/app' \
    --port /dev/ttyACM0 --esp-reset --expect 'Hello' --fail 'panicked at'
  cxlog verify --build 'cargo build --release' --emulate qemu-riscv32 \
    --kernel target/riscv32imc-unknown-none-elf/release/app --expect 'Hello'
` + verifyExitCodes,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runVerify(cmd.Context(), io, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Project, "project", ".", "project directory: commands run there, cxlog.toml is read from there")
	opts.Output.register(cmd)
	opts.KB.register(cmd)
	opts.Flags.register(cmd)
	return cmd
}

func runVerify(ctx context.Context, io *IO, opts verifyOptions) error {
	rep, err := opts.Output.reporter(io)
	if err != nil {
		return err
	}
	cfg, err := opts.Flags.config(opts.Project)
	if err != nil {
		return err
	}
	eng := opts.KB.engine(io)
	defer eng.Close()
	opts.Output.kb = eng
	res := verifyWithProgress(ctx, io, func(ctx context.Context, deps build.Deps) *engine.VerifyResult {
		return eng.Verify(ctx, cfg, deps)
	})
	if opts.Flags.BuildLog != "" && res.Report.BuildLog != nil {
		if err := os.WriteFile(opts.Flags.BuildLog, engine.BuildLogWithEnv(res.Report.BuildLog, res.Env), 0o644); err != nil {
			return usageErrorf("--build-log: %v", err)
		}
	}
	if err := writeResult(io, rep, &report.Verify{VerifyResult: res, BuildLogFile: opts.Flags.BuildLog}); err != nil {
		return err
	}
	return verifyExit(res.Report)
}

// verifyWithProgress runs a verification, showing the phase on a terminal.
func verifyWithProgress[T any](ctx context.Context, io *IO, verify func(context.Context, build.Deps) T) T {
	if ctx == nil {
		ctx = context.Background()
	}
	// The build, flash and emulator run in process groups of their own, out of reach
	// of the terminal's Ctrl-C: cancel them through ctx, and end with exit code 130.
	ctx, stopSignals := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stopSignals()
	p := startProgress(io)
	defer p.stop()
	return verify(ctx, build.Deps{Progress: p.phase})
}

// verifyExit maps a report to the command's end: nil when it passed, else the
// outcome's exit code and a one-line message.
func verifyExit(r build.Report) error {
	if r.Outcome == build.OutcomePassed {
		return nil
	}
	msg := r.Outcome.String()
	if r.Err != nil {
		msg += ": " + report.OneLine(r.Err)
	}
	return exitWith(r.Outcome.ExitCode(), "verify: %s", msg)
}
