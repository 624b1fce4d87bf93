package build

import (
	"context"
	"fmt"
	"time"

	"go.bug.st/serial"
)

const espResetPulse = 100 * time.Millisecond

// pulseESPReset resets an ESP32 through the usual auto-reset circuit: with DTR
// off (IO0 high: normal boot), RTS on pulls EN low; releasing RTS lets it run.
// The input is flushed while the chip is held in reset, so what is read
// afterwards comes from the new boot.
func pulseESPReset(ctx context.Context, port serial.Port) error {
	if err := port.SetDTR(false); err != nil {
		return fmt.Errorf("ESP reset: set DTR: %w", err)
	}
	if err := port.SetRTS(true); err != nil {
		return fmt.Errorf("ESP reset: set RTS: %w", err)
	}
	timer := time.NewTimer(espResetPulse)
	defer timer.Stop()
	select {
	case <-timer.C:
	case <-ctx.Done():
		return ctx.Err()
	}
	if err := port.ResetInputBuffer(); err != nil {
		return fmt.Errorf("ESP reset: flush input: %w", err)
	}
	if err := port.SetRTS(false); err != nil {
		return fmt.Errorf("ESP reset: release RTS: %w", err)
	}
	return nil
}
