package analyze

import "testing"

// rustc prints the linker's exit as ExitStatus does: "exit status: 1", "exit code: 1" (older),
// "signal: 9 (SIGKILL)" (a linker killed, e.g. out of memory under LTO), or a Windows NTSTATUS
// in hex ("exit code: 0xc0000135").
func TestLinkFailureExitSpellings(t *testing.T) {
	tests := []struct {
		header string
		status int64 // -1: none
	}{
		{"error: linking with `cc` failed: exit status: 1", 1},
		{"error: linking with `cc` failed: exit code: 1", 1},
		{"error: linking with `cc` failed: signal: 9 (SIGKILL)", -1},
		{"error: linking with `link.exe` failed: exit code: 0xc0000135", 0xc0000135},
	}
	for _, tc := range tests {
		l := readString(t, tc.header+"\n  |\n  = note: \"cc\" \"-m64\" \"-o\" \"x\"\n  = note: collect2: fatal error: ld terminated with signal 9 [Killed]\n\n")
		if len(l.Diagnostics) != 1 || len(l.Linkers) != 1 {
			t.Errorf("%q: %d diagnostics, %d linker commands", tc.header, len(l.Diagnostics), len(l.Linkers))
			continue
		}
		d := l.Diagnostics[0]
		if d.Kind != DiagLinkFailed || len(d.Notes) != 1 {
			t.Errorf("%q: kind %q notes %q", tc.header, d.Kind, d.Notes)
		}
		switch {
		case tc.status < 0 && d.ExitStatus != nil, tc.status >= 0 && (d.ExitStatus == nil || int64(*d.ExitStatus) != tc.status):
			t.Errorf("%q: exit status %v", tc.header, d.ExitStatus)
		}
	}
}
