package build

import (
	"context"
	"errors"
	"sync"
	"time"

	"go.bug.st/serial"
)

// eventLog records the order in which the fakes were used.
type eventLog struct {
	mu     sync.Mutex
	events []string
}

func (l *eventLog) add(event string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.events = append(l.events, event)
}

func (l *eventLog) list() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.events...)
}

type fakeRun struct {
	output   string
	exitCode int
	err      error
	effect   func() // what the command does to the world, e.g. the device prints
}

type fakeRunner struct {
	log  *eventLog
	runs map[string]fakeRun
}

func (r *fakeRunner) Run(ctx context.Context, c Command) ([]byte, int, error) {
	r.log.add("run " + c.Line)
	run, ok := r.runs[c.Line]
	if !ok {
		return nil, 127, nil
	}
	if run.effect != nil {
		run.effect()
	}
	return []byte(run.output), run.exitCode, run.err
}

var errFakePortClosed = errors.New("fake port closed")

// fakePort is a serial.Port whose device output is pushed by the test.
type fakePort struct {
	log *eventLog

	mu          sync.Mutex
	incoming    []byte
	readErr     error // returned once incoming is drained
	readTimeout time.Duration
	closed      bool
	modemErr    error
	modemTimes  []time.Time
}

func newFakePort(log *eventLog) *fakePort {
	return &fakePort{log: log, readTimeout: serial.NoTimeout}
}

// print is the device writing to its UART.
func (p *fakePort) print(text string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.incoming = append(p.incoming, text...)
}

func (p *fakePort) failReads(err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.readErr = err
}

func (p *fakePort) Read(b []byte) (int, error) {
	p.mu.Lock()
	switch {
	case p.closed:
		p.mu.Unlock()
		return 0, errFakePortClosed
	case len(p.incoming) > 0:
		n := copy(b, p.incoming)
		p.incoming = p.incoming[n:]
		p.mu.Unlock()
		return n, nil
	case p.readErr != nil:
		p.mu.Unlock()
		return 0, p.readErr
	}
	timeout := p.readTimeout
	p.mu.Unlock()
	if timeout == serial.NoTimeout {
		return 0, errors.New("fakePort: Read before SetReadTimeout would block forever")
	}
	time.Sleep(min(timeout, 5*time.Millisecond))
	return 0, nil
}

func (p *fakePort) SetReadTimeout(t time.Duration) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.readTimeout = t
	return nil
}

func (p *fakePort) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	p.log.add("close port")
	return nil
}

func (p *fakePort) SetDTR(dtr bool) error { return p.setModemBit("DTR", dtr) }
func (p *fakePort) SetRTS(rts bool) error { return p.setModemBit("RTS", rts) }

func (p *fakePort) setModemBit(name string, on bool) error {
	if p.modemErr != nil {
		return p.modemErr
	}
	p.mu.Lock()
	p.modemTimes = append(p.modemTimes, time.Now())
	p.mu.Unlock()
	state := "off"
	if on {
		state = "on"
	}
	p.log.add(name + " " + state)
	return nil
}

func (p *fakePort) SetMode(*serial.Mode) error  { return nil }
func (p *fakePort) Write(b []byte) (int, error) { return len(b), nil }
func (p *fakePort) Drain() error                { return nil }
func (p *fakePort) ResetInputBuffer() error {
	p.mu.Lock()
	p.incoming = nil
	p.mu.Unlock()
	p.log.add("flush input")
	return nil
}
func (p *fakePort) ResetOutputBuffer() error  { return nil }
func (p *fakePort) Break(time.Duration) error { return nil }
func (p *fakePort) GetModemStatusBits() (*serial.ModemStatusBits, error) {
	return &serial.ModemStatusBits{}, nil
}

// fakeEmulator prints its boot output into the port when continued.
type fakeEmulator struct {
	log      *eventLog
	port     *fakePort
	bootText string
	exit     bool // exit after printing, as firmware writing to sifive_test does
	onClose  func()
	done     chan struct{}
	once     sync.Once
}

func (e *fakeEmulator) PortPath() string { return "/dev/pts/fake" }

func (e *fakeEmulator) Continue() error {
	e.log.add("continue")
	e.port.print(e.bootText)
	if e.exit {
		e.port.failReads(errors.New("input/output error"))
		e.once.Do(func() { close(e.done) })
	}
	return nil
}

func (e *fakeEmulator) Done() <-chan struct{} { return e.done }
func (e *fakeEmulator) Log() []byte {
	return []byte("char device redirected to /dev/pts/fake (label s0)\n")
}

func (e *fakeEmulator) Close() error {
	e.log.add("close emulator")
	if e.onClose != nil {
		e.onClose()
	}
	e.once.Do(func() { close(e.done) })
	return nil
}
