package scenario

import (
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	sc, err := Parse([]byte(`
[[step]]
wait = "boot ok"
timeout = "2s"
[[step]]
name = "greeting"
wait = 'Hello \w+'
regex = true
[[step]]
send = "ping\r\n\x01"
[[step]]
expect-absent = "panicked"
within = "300ms"
[[step]]
reset = true
[[step]]
delay = "50ms"
`))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		kind Kind
		name string
	}{{Wait, `wait "boot ok"`}, {Wait, "greeting"}, {Send, `send "ping\r\n\x01"`}, {ExpectAbsent, `expect-absent "panicked" for 300ms`}, {Reset, "reset"}, {Delay, "delay 50ms"}}
	if len(sc.Steps) != len(want) {
		t.Fatalf("%d steps", len(sc.Steps))
	}
	for i, w := range want {
		if s := sc.Steps[i]; s.Kind != w.kind || s.Name != w.name {
			t.Errorf("step %d: %s %q, want %s %q", i+1, s.Kind, s.Name, w.kind, w.name)
		}
	}
	if sc.Steps[0].Timeout != 2*time.Second || sc.Steps[1].Regex == nil || !sc.Steps[1].Regex.MatchString("Hello world") ||
		string(sc.Steps[2].Bytes) != "ping\r\n\x01" || sc.Steps[3].Window != 300*time.Millisecond || sc.Steps[5].Window != 50*time.Millisecond {
		t.Errorf("%+v", sc.Steps)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ body, want string }{
		{``, "no [[step]]"},
		{"[[step]]\nwait = \"a\"\nsend = \"b\"\n", "step 1: a step has exactly one of"},
		{"[[step]]\nwiat = \"a\"\n", "unknown key step.wiat"},
		{"[[step]]\nwait = \"a\"\n[[step]]\nwait = \"(\"\nregex = true\n", "step 2: wait regex"},
		{"[[step]]\nwait = \".*\"\nregex = true\n", "matches empty text"},
		{"[[step]]\nsend = \"\\\\q\"\n", `unknown escape "\\q"`},
		{"[[step]]\nexpect-absent = \"x\"\n", "needs within"},
		{"[[step]]\nwait = \"x\"\ntimeout = \"soon\"\n", "no duration"},
		{"[[step]]\nsend = \"x\"\ntimeout = \"1s\"\n", "timeout does not apply to a send step"},
		{"[[step]]\nwait = \"a\\nb\"\n", "line end"},
		{"[[step]]\nreset = false\n", "leave the step out"},
		{"step = 3\n", ""},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.body))
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q: error %v, want one line with %q", tt.body, err, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("[[step]]\nwait = \"boot ok\"\ntimeout = \"2s\"\n[[step]]\nsend = \"a\\\\x41\\\\r\\\\n\"\n"))
	f.Add([]byte("[[step]]\nwait = 'x+'\nregex = true\n[[step]]\nexpect-absent = \"E\"\nwithin = \"1s\"\n[[step]]\nreset = true\n[[step]]\ndelay = \"1ms\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := Parse(data)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error spans lines: %q", err)
			}
			return
		}
		if len(sc.Steps) == 0 || len(sc.Steps) > MaxSteps {
			t.Fatalf("%d steps", len(sc.Steps))
		}
		for _, s := range sc.Steps {
			switch s.Kind {
			case Wait:
				if s.Text == "" && s.Regex == nil {
					t.Fatal("wait without a text")
				}
			case Send:
				if len(s.Bytes) == 0 {
					t.Fatal("empty send")
				}
			case ExpectAbsent:
				if s.Text == "" {
					t.Fatal("empty expect-absent")
				}
			case Delay:
				if s.Window <= 0 {
					t.Fatal("no delay")
				}
			}
		}
	})
}
