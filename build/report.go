package build

import "time"

// Phase is a step of a verify run, as reported to Deps.Progress.
type Phase string

const (
	PhaseBuilding    Phase = "building"
	PhaseFlashing    Phase = "flashing"
	PhaseOpeningPort Phase = "opening port"
	PhaseWaiting     Phase = "waiting for serial"
)

// Report is everything a verify run learned. Err is nil only when the run passed;
// otherwise its message is one line for the user saying what went wrong.
type Report struct {
	Outcome Outcome
	Phase   Phase // the phase the run ended in; empty for a config error
	Err     error

	BuildLog     []byte
	FlashLog     []byte // the flash command's output, or the emulator's own output
	AfterOpenLog []byte

	Port              string // the serial port used (the emulator's pty when emulated)
	Transcript        []byte // the last MaxTranscriptInMemory bytes read from the port
	TranscriptDropped int64  // bytes read before those; the transcript file has them all
	TranscriptErr     error  // writing the transcript file failed
	EventsErr         error  // writing the events file failed
	SerialBytes       int64

	Seen     []string // expected texts seen, in order
	Missing  []string // expected texts not seen: all of them when the run ended before the watch
	FailSeen string   // the fail text that ended the run
	FailLine string   // the serial line that contained it
	// Crash is how the firmware died (panic, exception, watchdog, brownout, boot loop),
	// with its addresses resolved against the ELF; nil when no crash detector fired.
	Crash *Crash
	// Steps are the scenario's steps, in order, when the run had a scenario.
	Steps []StepResult

	Durations map[Phase]time.Duration
	// FirstOutputLatency runs from the moment the device was released (port open,
	// ESP reset done, just before the after-open step) to the first byte read.
	// It is zero when nothing was read.
	FirstOutputLatency time.Duration
}
