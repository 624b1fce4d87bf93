// Package scenario reads scenario files: the ordered conversation a verify run has with a
// board (wait for a text or a regular expression, send bytes, make sure a text stays absent,
// reset the board, pause), in TOML.
//
//	[[step]]
//	wait = "Hello"          # a text; regex = true makes it a Go regular expression
//	timeout = "5s"          # this step's limit (default: the run's --timeout)
//	[[step]]
//	send = "status\r\n"     # \r \n \t \\ \xHH escapes
//	[[step]]
//	expect-absent = "ERROR"
//	within = "500ms"        # how long the text must stay away
//	[[step]]
//	reset = true            # DTR/RTS pulse (--esp-reset), the --after-open command, or the emulator's reset
//	[[step]]
//	delay = "100ms"
package scenario

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
)

// Kind is what a step does.
type Kind string

const (
	Wait         Kind = "wait"
	Send         Kind = "send"
	ExpectAbsent Kind = "expect-absent"
	Reset        Kind = "reset"
	Delay        Kind = "delay"
)

// Step is one step of a scenario.
type Step struct {
	Kind    Kind
	Name    string         // the step's name in reports: given, or made from the step
	Text    string         // wait (not a regex) and expect-absent: the text
	Regex   *regexp.Regexp // wait with regex = true
	Bytes   []byte         // send: the bytes, escapes decoded
	Timeout time.Duration  // wait: 0 means the run's timeout
	Window  time.Duration  // expect-absent: how long; delay: how long
}

// Scenario is an ordered list of steps.
type Scenario struct {
	Steps []Step
}

// MaxSteps bounds a scenario file.
const MaxSteps = 1000

type rawStep struct {
	Name         *string `toml:"name"`
	Wait         *string `toml:"wait"`
	Regex        bool    `toml:"regex"`
	Timeout      *string `toml:"timeout"`
	Send         *string `toml:"send"`
	ExpectAbsent *string `toml:"expect-absent"`
	Within       *string `toml:"within"`
	Reset        *bool   `toml:"reset"`
	Delay        *string `toml:"delay"`
}

// Load reads a scenario file.
func Load(path string) (*Scenario, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("scenario: %w", err)
	}
	sc, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("scenario %s: %w", path, err)
	}
	return sc, nil
}

// Parse reads a scenario. Every problem is reported with the step's number.
func Parse(data []byte) (*Scenario, error) {
	var file struct {
		Step []rawStep `toml:"step"`
	}
	dec := toml.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&file); err != nil {
		var strict *toml.StrictMissingError
		if errors.As(err, &strict) && len(strict.Errors) > 0 {
			return nil, fmt.Errorf("unknown key %s", strings.Join(strict.Errors[0].Key(), "."))
		}
		return nil, errors.New(strings.Join(strings.Fields(err.Error()), " "))
	}
	if len(file.Step) == 0 {
		return nil, errors.New("no [[step]]")
	}
	if len(file.Step) > MaxSteps {
		return nil, fmt.Errorf("%d steps, at most %d", len(file.Step), MaxSteps)
	}
	sc := &Scenario{}
	for i, raw := range file.Step {
		step, err := raw.step()
		if err != nil {
			return nil, fmt.Errorf("step %d: %w", i+1, err)
		}
		sc.Steps = append(sc.Steps, step)
	}
	return sc, nil
}

func (r rawStep) step() (Step, error) {
	var s Step
	kinds := 0
	count := func(set bool, k Kind) {
		if set {
			kinds++
			s.Kind = k
		}
	}
	count(r.Wait != nil, Wait)
	count(r.Send != nil, Send)
	count(r.ExpectAbsent != nil, ExpectAbsent)
	count(r.Reset != nil, Reset)
	count(r.Delay != nil, Delay)
	if kinds != 1 {
		return s, errors.New("a step has exactly one of wait, send, expect-absent, reset, delay")
	}
	misplaced := func(key string, set bool, allowed ...Kind) error {
		for _, k := range allowed {
			if s.Kind == k {
				return nil
			}
		}
		if set {
			return fmt.Errorf("%s does not apply to a %s step", key, s.Kind)
		}
		return nil
	}
	if err := errors.Join(misplaced("regex", r.Regex, Wait), misplaced("timeout", r.Timeout != nil, Wait),
		misplaced("within", r.Within != nil, ExpectAbsent)); err != nil {
		return s, err
	}
	var err error
	switch s.Kind {
	case Wait:
		if *r.Wait == "" {
			return s, errors.New("wait text is empty")
		}
		if r.Regex {
			if s.Regex, err = regexp.Compile(*r.Wait); err != nil {
				return s, fmt.Errorf("wait regex: %s", strings.Join(strings.Fields(err.Error()), " "))
			}
			if s.Regex.MatchString("") {
				return s, fmt.Errorf("wait regex %q matches empty text", *r.Wait)
			}
		} else {
			s.Text = *r.Wait
		}
		if s.Timeout, err = duration("timeout", r.Timeout); err != nil {
			return s, err
		}
		s.Name = "wait " + strconv.Quote(*r.Wait)
	case Send:
		if s.Bytes, err = Unescape(*r.Send); err != nil {
			return s, fmt.Errorf("send: %w", err)
		}
		if len(s.Bytes) == 0 {
			return s, errors.New("send is empty")
		}
		s.Name = "send " + strconv.Quote(*r.Send)
	case ExpectAbsent:
		if *r.ExpectAbsent == "" {
			return s, errors.New("expect-absent text is empty")
		}
		s.Text = *r.ExpectAbsent
		if r.Within == nil {
			return s, errors.New("expect-absent needs within (how long the text must stay away)")
		}
		if s.Window, err = duration("within", r.Within); err != nil {
			return s, err
		}
		s.Name = fmt.Sprintf("expect-absent %q for %s", s.Text, s.Window)
	case Reset:
		if !*r.Reset {
			return s, errors.New("reset = false: leave the step out")
		}
		s.Name = "reset"
	case Delay:
		if s.Window, err = duration("delay", r.Delay); err != nil {
			return s, err
		}
		if s.Window == 0 {
			return s, errors.New("delay must be positive")
		}
		s.Name = "delay " + s.Window.String()
	}
	if s.Kind == Wait || s.Kind == ExpectAbsent {
		if strings.ContainsAny(s.Text, "\r\n\x1b") {
			return s, fmt.Errorf("%s text %q holds a line end or an escape; serial output is matched with escape sequences removed", s.Kind, s.Text)
		}
	}
	if r.Name != nil && *r.Name != "" {
		s.Name = *r.Name
	}
	return s, nil
}

func duration(key string, v *string) (time.Duration, error) {
	if v == nil {
		return 0, nil
	}
	d, err := time.ParseDuration(*v)
	if err != nil {
		return 0, fmt.Errorf("%s: %q is no duration (write it like \"5s\" or \"200ms\")", key, *v)
	}
	if d < 0 {
		return 0, fmt.Errorf("%s must not be negative", key)
	}
	return d, nil
}

// Unescape decodes \r, \n, \t, \0, \\ and \xHH in a send text; other bytes stand for themselves.
func Unescape(s string) ([]byte, error) {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			out = append(out, s[i])
			continue
		}
		if i+1 >= len(s) {
			return nil, errors.New(`a lone \ at the end`)
		}
		i++
		switch s[i] {
		case 'r':
			out = append(out, '\r')
		case 'n':
			out = append(out, '\n')
		case 't':
			out = append(out, '\t')
		case '0':
			out = append(out, 0)
		case '\\':
			out = append(out, '\\')
		case 'x':
			if i+2 >= len(s) {
				return nil, errors.New(`\x needs two hexadecimal digits`)
			}
			v, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if err != nil {
				return nil, fmt.Errorf(`\x followed by %q: two hexadecimal digits expected`, s[i+1:i+3])
			}
			out = append(out, byte(v))
			i += 2
		default:
			return nil, fmt.Errorf(`unknown escape %q (known: \r \n \t \0 \\ \xHH)`, s[i-1:i+1])
		}
	}
	return out, nil
}
