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
	}
	return "unknown outcome"
}
