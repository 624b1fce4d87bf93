package build

// Outcome is how a verify run ended. Each outcome has its own exit code.
type Outcome int

const (
	OutcomePassed Outcome = iota
	OutcomeConfigError
	OutcomeBuildFailed
	OutcomeFlashFailed
	OutcomeExpectNotSeen
	OutcomeFailSeen
	OutcomePortError
	OutcomeTimedOut // the build, the flash or the whole run outlasted its time limit
	OutcomeCanceled
	// The firmware died the way a crash detector recognises (see package crash).
	OutcomePanic
	OutcomeException // a CPU exception: Guru Meditation, a RISC-V trap dump, a HardFault
	OutcomeWatchdog
	OutcomeBrownout
	OutcomeBootLoop // a boot banner or the first expected text again before the run passed
)

// ExitCode is the process exit code documented for the outcome.
func (o Outcome) ExitCode() int {
	switch o {
	case OutcomePassed:
		return 0
	case OutcomeConfigError:
		return 2
	case OutcomeBuildFailed:
		return 3
	case OutcomeFlashFailed:
		return 4
	case OutcomeExpectNotSeen:
		return 5
	case OutcomeFailSeen:
		return 6
	case OutcomePortError:
		return 7
	case OutcomeTimedOut:
		return 8
	case OutcomeCanceled:
		return 130
	case OutcomePanic:
		return 9
	case OutcomeException:
		return 10
	case OutcomeWatchdog:
		return 11
	case OutcomeBrownout:
		return 12
	case OutcomeBootLoop:
		return 13
	}
	return 1
}

func (o Outcome) String() string {
	switch o {
	case OutcomePassed:
		return "passed"
	case OutcomeConfigError:
		return "config error"
	case OutcomeBuildFailed:
		return "build failed"
	case OutcomeFlashFailed:
		return "flash failed"
	case OutcomeExpectNotSeen:
		return "expected text not seen"
	case OutcomeFailSeen:
		return "fail text seen"
	case OutcomePortError:
		return "port error"
	case OutcomeTimedOut:
		return "timed out"
	case OutcomeCanceled:
		return "canceled"
	case OutcomePanic:
		return "panic"
	case OutcomeException:
		return "CPU exception"
	case OutcomeWatchdog:
		return "watchdog reset"
	case OutcomeBrownout:
		return "brownout"
	case OutcomeBootLoop:
		return "boot loop"
	}
	return "unknown outcome"
}
