package build

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/cxlog/cxlog/analyze/lazyre"
)

// QEMUOptions says which QEMU to start and what to boot.
type QEMUOptions struct {
	Binary       string // default qemu-system-riscv32
	Machine      string // default virt
	Kernel       string // firmware ELF (or raw image loaded at the start of RAM)
	BIOS         string // default "none": execution starts at the kernel
	ExtraArgs    []string
	StartTimeout time.Duration // for QEMU to announce its pty; default 10s
}

// QEMU is a running, initially paused QEMU whose first UART is a pty.
// QEMU drops UART output while nobody has the pty open: open PortPath first,
// then Continue. It also discards output not yet read when it exits, so a
// guest that exits (sifive_test) should wait a little after its last line.
type QEMU struct {
	cmd         *exec.Cmd
	tempDir     string
	monitorPath string
	portPath    string
	output      *lockedTail

	done      chan struct{}
	waitErr   error
	closeOnce sync.Once
}

var ptyAnnouncement = lazyre.New(`char device redirected to (\S+) \(label s0\)`)

// StartQEMU starts QEMU paused (-S) with its monitor on a unix socket and its
// serial port on a pty, and returns once QEMU has said which pty it got.
// ctx ending kills QEMU.
func StartQEMU(ctx context.Context, opts QEMUOptions) (*QEMU, error) {
	opts = opts.withDefaults()
	if _, err := os.Stat(opts.Kernel); err != nil {
		return nil, fmt.Errorf("emulator kernel: %w", err)
	}
	tempDir, err := os.MkdirTemp("", "cxlog-qemu-")
	if err != nil {
		return nil, err
	}
	q := &QEMU{
		tempDir:     tempDir,
		monitorPath: filepath.Join(tempDir, "mon.sock"),
		output:      newLockedTail(64 << 10),
		done:        make(chan struct{}),
	}
	if err := q.start(ctx, opts); err != nil {
		os.RemoveAll(tempDir)
		return nil, err
	}
	return q, nil
}

func (o QEMUOptions) withDefaults() QEMUOptions {
	if o.Binary == "" {
		o.Binary = "qemu-system-riscv32"
	}
	if o.Machine == "" {
		o.Machine = "virt"
	}
	if o.BIOS == "" {
		o.BIOS = "none"
	}
	if o.StartTimeout <= 0 {
		o.StartTimeout = 10 * time.Second
	}
	return o
}

func (o QEMUOptions) args(monitorPath string) []string {
	args := []string{
		"-M", o.Machine,
		"-bios", o.BIOS,
		"-kernel", o.Kernel,
		"-display", "none",
		"-S",
		"-monitor", "unix:" + monitorPath + ",server,nowait",
		"-chardev", "pty,id=s0",
		"-serial", "chardev:s0",
	}
	return append(args, o.ExtraArgs...)
}

func (q *QEMU) start(ctx context.Context, opts QEMUOptions) error {
	outRead, outWrite, err := os.Pipe()
	if err != nil {
		return err
	}
	q.cmd = exec.CommandContext(ctx, opts.Binary, opts.args(q.monitorPath)...)
	q.cmd.Stdout = outWrite
	q.cmd.Stderr = outWrite
	err = q.cmd.Start()
	outWrite.Close()
	if err != nil {
		outRead.Close()
		return fmt.Errorf("start %s: %w", opts.Binary, err)
	}
	go func() {
		q.waitErr = q.cmd.Wait()
		close(q.done)
	}()

	ptyPath := make(chan string, 1)
	go q.readOutput(outRead, ptyPath)
	timer := time.NewTimer(opts.StartTimeout)
	defer timer.Stop()
	select {
	case path, ok := <-ptyPath:
		if ok {
			q.portPath = path
			return nil
		}
		<-q.done
		return fmt.Errorf("%s exited (%v) before opening its serial pty: %s", opts.Binary, q.waitErr, q.logLine())
	case <-timer.C:
		q.Close()
		return fmt.Errorf("%s did not announce its serial pty within %s: %s", opts.Binary, opts.StartTimeout, q.logLine())
	}
}

// readOutput keeps QEMU's stdout and stderr, and sends the pty path once QEMU
// announces it; ptyPath is closed if the output ends first.
func (q *QEMU) readOutput(r io.ReadCloser, ptyPath chan<- string) {
	defer r.Close()
	announced := false
	lines := bufio.NewReader(r)
	for {
		line, err := lines.ReadString('\n')
		q.output.Write([]byte(line))
		if m := ptyAnnouncement().FindStringSubmatch(line); m != nil && !announced {
			announced = true
			ptyPath <- m[1]
		}
		if err != nil {
			break
		}
	}
	if !announced {
		close(ptyPath)
	}
}

func (q *QEMU) logLine() string {
	return strings.Join(strings.Fields(string(q.output.Bytes())), " ")
}

// PortPath is the pty QEMU connected the guest's first UART to.
func (q *QEMU) PortPath() string { return q.portPath }

// Continue resumes the paused guest through the monitor.
func (q *QEMU) Continue() error {
	return runMonitorCommand(q.monitorPath, "cont", 5*time.Second)
}

// Done is closed when QEMU has exited.
func (q *QEMU) Done() <-chan struct{} { return q.done }

// Wait waits for QEMU to exit and returns how it exited.
func (q *QEMU) Wait() error {
	<-q.done
	return q.waitErr
}

// Log is what QEMU printed on stdout and stderr (the last 64 KiB).
func (q *QEMU) Log() []byte { return q.output.Bytes() }

// Close kills QEMU if it still runs and removes its temporary files.
func (q *QEMU) Close() error {
	var killErr error
	q.closeOnce.Do(func() {
		select {
		case <-q.done:
		default:
			if err := q.cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
				killErr = err
			}
			<-q.done
		}
		os.RemoveAll(q.tempDir)
	})
	return killErr
}

// Reset resets the guest (the machine's reset, as a reset button would) through the monitor.
func (q *QEMU) Reset() error {
	return runMonitorCommand(q.monitorPath, "system_reset", 5*time.Second)
}
