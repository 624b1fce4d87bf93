package build

import (
	"os"
	"os/exec"
	"testing"
)

// needTool returns the path of an external tool a test needs. A developer
// machine without it skips the test; CI (CI=true) must have it and fails.
func needTool(t *testing.T, name, howToGet string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	missing(t, name+" is not installed ("+howToGet+")")
	return ""
}

// missing skips the test with why, or fails it in CI.
func missing(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true and %s", why)
	}
	t.Skipf("skipped: %s", why)
}
