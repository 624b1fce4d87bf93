package record

import (
	"strings"
	"testing"
)

func TestRedactHashesSecretLookingValues(t *testing.T) {
	env := Redact([]string{"GITHUB_TOKEN=ghp_abc", "AWS_SECRET_ACCESS_KEY=xyz", "db_password=pw", "SSH_KEY_PATH=/k", "RUSTFLAGS=-C a=b", "PATH=/bin"})
	joined := strings.Join(env, "\n")
	for _, secret := range []string{"ghp_abc", "xyz", "=pw", "/k"} {
		if strings.Contains(joined, secret) {
			t.Fatalf("%q kept:\n%s", secret, joined)
		}
	}
	for _, kept := range []string{"RUSTFLAGS=-C a=b", "PATH=/bin", "GITHUB_TOKEN=sha256:"} {
		if !strings.Contains(joined, kept) {
			t.Fatalf("%q missing:\n%s", kept, joined)
		}
	}
	again := Redact([]string{"GITHUB_TOKEN=ghp_abc"})
	other := Redact([]string{"GITHUB_TOKEN=ghp_abd"})
	if !strings.Contains(joined, again[0]) || again[0] == other[0] {
		t.Fatal("the hash must be stable and tell values apart")
	}
}

func TestCompareRanksBuildDecidingChangesFirst(t *testing.T) {
	good := &Bundle{Env: []string{"EDITOR=vi", "SHLVL=1"}}
	bad := &Bundle{Env: []string{"EDITOR=nano", "SHLVL=2", "RUSTFLAGS=-Cfoo"}}
	ch := Compare(good, bad)
	if len(ch) != 2 || ch[0].Name != "RUSTFLAGS" || ch[0].Bad != "-Cfoo" || !ch[0].Decides || ch[1].Name != "EDITOR" {
		t.Fatalf("got %+v", ch)
	}
}
