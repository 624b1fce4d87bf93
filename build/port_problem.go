package build

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"

	"go.bug.st/serial"
)

// PortProblemKind says what is wrong with a serial port.
type PortProblemKind int

const (
	PortMissing PortProblemKind = iota + 1
	PortNoPermission
	PortBusy
	PortNotSerial
	PortLost
	PortOther
)

// PortProblem is a serial port error explained for the user: which problem and
// what to do about it.
type PortProblem struct {
	Kind  PortProblemKind
	Path  string
	Cause error
}

func (p *PortProblem) Error() string {
	switch p.Kind {
	case PortMissing:
		return fmt.Sprintf("serial port %s does not exist: %s", p.Path, p.Advice())
	case PortNoPermission:
		return fmt.Sprintf("permission denied opening serial port %s: %s", p.Path, p.Advice())
	case PortBusy:
		return fmt.Sprintf("serial port %s is busy: %s", p.Path, p.Advice())
	case PortNotSerial:
		return fmt.Sprintf("%s is not a serial port (%v): %s", p.Path, p.Cause, p.Advice())
	case PortLost:
		return fmt.Sprintf("lost serial port %s while reading (%v): %s", p.Path, p.Cause, p.Advice())
	}
	return fmt.Sprintf("cannot use serial port %s: %v", p.Path, p.Cause)
}

// Advice is what the user can do about the problem.
func (p *PortProblem) Advice() string {
	switch p.Kind {
	case PortMissing:
		return "check that the board is plugged in and which port it got (ls /dev/ttyACM* /dev/ttyUSB*), then pass that with --port"
	case PortNoPermission:
		return "add yourself to the dialout group (sudo usermod -aG dialout $USER, then log out and back in) or install the board's udev rule"
	case PortBusy:
		return "another program has it open (a serial monitor, espflash monitor, screen, minicom, ModemManager); close it and retry"
	case PortNotSerial:
		return "pass the board's tty device, for example /dev/ttyACM0"
	case PortLost:
		return "the device was reset, unplugged or closed by another program; check the cable and retry"
	}
	return "check the port path and the board"
}

func (p *PortProblem) Unwrap() error { return p.Cause }

// explainOpenError turns an error from opening or configuring a port into a PortProblem.
func explainOpenError(path string, err error) *PortProblem {
	return &PortProblem{Kind: openErrorKind(err), Path: path, Cause: err}
}

// explainReadError is for errors after the port was open and working.
func explainReadError(path string, err error) *PortProblem {
	return &PortProblem{Kind: PortLost, Path: path, Cause: err}
}

func openErrorKind(err error) PortProblemKind {
	var portErr *serial.PortError
	if errors.As(err, &portErr) {
		switch portErr.Code() {
		case serial.PortNotFound:
			return PortMissing
		case serial.PermissionDenied:
			return PortNoPermission
		case serial.PortBusy:
			return PortBusy
		case serial.InvalidSerialPort:
			return PortNotSerial
		case serial.PortClosed:
			return PortLost
		}
	}
	switch {
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENODEV), errors.Is(err, syscall.ENXIO):
		return PortMissing
	case errors.Is(err, fs.ErrPermission):
		return PortNoPermission
	case errors.Is(err, syscall.EBUSY):
		return PortBusy
	case errors.Is(err, syscall.ENOTTY):
		return PortNotSerial
	}
	return PortOther
}
