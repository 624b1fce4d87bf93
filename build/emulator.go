package build

import (
	"context"
	"fmt"
)

// Emulator is a board emulator started paused, with its UART on a pty.
type Emulator interface {
	PortPath() string
	Continue() error // start the firmware; call after the port is open
	Done() <-chan struct{}
	Log() []byte // the emulator's own output
	Close() error
}

// StartEmulator starts the emulator cfg.Emulator names, paused, with cfg.Kernel loaded.
func StartEmulator(ctx context.Context, cfg Config) (Emulator, error) {
	switch cfg.Emulator {
	case EmulatorQEMURiscv32:
		return StartQEMU(ctx, QEMUOptions{
			Binary:    "qemu-system-riscv32",
			Machine:   "virt",
			Kernel:    cfg.path(cfg.Kernel),
			ExtraArgs: cfg.EmulatorArgs,
		})
	}
	return nil, fmt.Errorf("unknown emulator %q", cfg.Emulator)
}
