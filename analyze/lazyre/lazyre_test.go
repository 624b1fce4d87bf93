package lazyre

import "testing"

func TestNewCompilesOnFirstUseOnly(t *testing.T) {
	re := New(`^a(b+)$`)
	if m := re().FindStringSubmatch("abbb"); len(m) != 2 || m[1] != "bbb" {
		t.Fatalf("match %q", m)
	}
	if first, again := re(), re(); first != again {
		t.Fatal("compiled twice")
	}
}

func TestNewPanicsOnFirstUseOfABadExpression(t *testing.T) {
	re := New(`(`)
	defer func() {
		if recover() == nil {
			t.Fatal("a bad expression compiled")
		}
	}()
	re()
}
