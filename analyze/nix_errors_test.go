package analyze

import "testing"

// Nix 2.18+ prints "error: Cannot build '<drv>'." where older Nix printed "Cannot build" bare
// or "error: builder for '<drv>' failed".
func TestNixBuildFailureHeaders(t *testing.T) {
	for line, kind := range map[string]DiagKind{
		"error: Cannot build '/nix/store/2rvir31zj79a4sxh7i29rkj0jnsvnlw3-example-0.1.0.drv'.":       DiagNixCannotBuild,
		"Cannot build '/nix/store/2rvir31zj79a4sxh7i29rkj0jnsvnlw3-example-0.1.0.drv'.":              DiagNixCannotBuild,
		"error: builder for '/nix/store/x-example-0.1.0.drv' failed with exit code 101;":             DiagNixBuilder,
		"builder for '/nix/store/x-example-0.1.0.drv' failed with exit code 101; last 10 log lines:": DiagNixBuilder, // Nix 2.3
	} {
		l := readString(t, line+"\n       Reason: builder failed with exit code 101.\n")
		if len(l.Diagnostics) != 1 || l.Diagnostics[0].Kind != kind || l.Diagnostics[0].Severity != "error" {
			t.Errorf("%q: %+v", line, l.Diagnostics)
		}
	}
}
