// Package build runs the verify loop for a firmware project: build it, flash it
// (or boot it in an emulator), open its serial port and watch for the text that
// proves the firmware runs.
//
// Verify returns a Report whose Outcome maps to the process exit code:
//
//	0    passed: every expected text was seen, in order, and no fail text
//	2    config error (also used by the CLI for usage errors)
//	3    build failed: the build command failed; Report.BuildLog holds its log
//	4    flash failed: the flash command, the emulator or the after-open command failed
//	5    expected text not seen before the timeout (or before the output ended)
//	6    fail text seen (for example "panicked at")
//	7    port error: the serial port is missing, not permitted, busy, not a
//	     serial port, or was lost while reading
//	8    timed out: the build or flash command outlasted its own limit, or the
//	     whole run its cap, before the port was watched; the command and every
//	     process it started were ended
//	130  canceled (the context ended, for example on Ctrl-C)
//
// Nothing here prints: progress goes through Deps.Progress.
package build
