package logread

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
	"github.com/ulikunitz/xz"
)

func readAll(t *testing.T, data []byte) []Line {
	t.Helper()
	src, err := NewSource("test", io.NopCloser(bytes.NewReader(data)))
	if err != nil {
		t.Fatalf("NewSource: %v", err)
	}
	defer src.Close()
	var out []Line
	l := NewLines(src)
	for l.Next() {
		out = append(out, l.Line())
	}
	if err := l.Err(); err != nil {
		t.Fatalf("Lines.Err: %v", err)
	}
	return out
}

func texts(lines []Line) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l.Text
	}
	return out
}

func TestNormalisation(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
		drv  []string
	}{
		{"ansi colours", "\x1b[0m\x1b[1m\x1b[31merror\x1b[0m: linking failed\n", []string{"error: linking failed"}, nil},
		{"crlf and literal ^M", "a\r\nb^M\n", []string{"a", "b"}, nil},
		{"progress bar redraw", "Building [=>   ] 1/9\rBuilding [====>] 9/9\n", []string{"Building [====>] 9/9"}, nil},
		{"nix -L prefix", "http-client-riscv32-none-elf>    Compiling log v0.4.20\nhttp-client-riscv32-none-elf>\n",
			[]string{"   Compiling log v0.4.20", ""}, []string{"http-client-riscv32-none-elf", "http-client-riscv32-none-elf"}},
		{"nix post-build hook prefix", "foo-1.0 (post)> uploading\n", []string{"uploading"}, []string{"foo-1.0"}},
		{"nix last log lines indentation", "       > error: could not compile `x`\n       >\n", []string{"error: could not compile `x`", ""}, nil},
		{"github actions timestamp", "2024-01-25T10:11:12.1234567Z error: linking with `cc` failed\n", []string{"error: linking with `cc` failed"}, nil},
		{"nix internal-json", `@nix {"action":"result","fields":["  = note: rust-lld: error: undefined symbol: _stack_top"],"id":1,"type":101}` + "\n" +
			`@nix {"action":"start","id":2,"level":4,"text":"building","type":105}` + "\n" +
			`@nix {"action":"msg","level":0,"msg":"\u001b[31;1merror:\u001b[0m builder for '/nix/store/x.drv' failed"}` + "\n",
			[]string{"  = note: rust-lld: error: undefined symbol: _stack_top", "error: builder for '/nix/store/x.drv' failed"}, nil},
		{"invalid utf-8 kept as replacement", "caf\xe9 error\n", []string{"caf\uFFFD error"}, nil},
		{"no final newline", "a\nb", []string{"a", "b"}, nil},
		{"arrow is not a nix prefix", "  --> src/lib.rs:1:1\n", []string{"  --> src/lib.rs:1:1"}, nil},
		{"front matter skipped", "---\nsource: x\nclass: y\n---\nerror: boom\n", []string{"error: boom"}, nil},
		{"dashes without keys are log text", "---\nnot front matter\n", []string{"---", "not front matter"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lines := readAll(t, []byte(tc.in))
			if got := texts(lines); strings.Join(got, "\n") != strings.Join(tc.want, "\n") || len(got) != len(tc.want) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
			for i, d := range tc.drv {
				if lines[i].Drv != d {
					t.Errorf("line %d drv = %q, want %q", i, lines[i].Drv, d)
				}
			}
		})
	}
}

func TestLineNumbersCountSkippedLines(t *testing.T) {
	lines := readAll(t, []byte("---\nsource: x\n---\nfirst\nsecond\n"))
	if lines[0].N != 4 || lines[1].N != 5 {
		t.Fatalf("line numbers %d, %d; want 4, 5", lines[0].N, lines[1].N)
	}
}

func TestHugeLine(t *testing.T) {
	long := strings.Repeat("-L dependency=/x ", 20000) // 340 KB, beyond bufio.Scanner's 64 KiB
	lines := readAll(t, []byte("before\n"+long+"\nafter\n"))
	if len(lines) != 3 || lines[1].Text != long || lines[2].Text != "after" {
		t.Fatalf("huge line not read whole: %d lines", len(lines))
	}
}

func TestCompressedInputs(t *testing.T) {
	text := "   Compiling log v0.4.20\nerror: could not compile `log`\n"
	var gz, zs, x bytes.Buffer
	gw := gzip.NewWriter(&gz)
	gw.Write([]byte(text))
	gw.Close()
	zw, _ := zstd.NewWriter(&zs)
	zw.Write([]byte(text))
	zw.Close()
	xw, _ := xz.NewWriter(&x)
	xw.Write([]byte(text))
	xw.Close()
	for name, data := range map[string][]byte{"gzip": gz.Bytes(), "zstd": zs.Bytes(), "xz": x.Bytes()} {
		t.Run(name, func(t *testing.T) {
			got := texts(readAll(t, data))
			if len(got) != 2 || got[1] != "error: could not compile `log`" {
				t.Fatalf("got %q", got)
			}
		})
	}
}

func TestBadInputs(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrEmpty},
		{"binary", []byte("\x7fELF\x02\x01\x01\x00\x00\x00"), ErrBinary},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewSource("in", io.NopCloser(bytes.NewReader(tc.data)))
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if !strings.HasPrefix(err.Error(), "in: ") {
				t.Errorf("error %q does not name the input", err)
			}
		})
	}
	t.Run("corrupt gzip", func(t *testing.T) {
		_, err := NewSource("in.gz", io.NopCloser(bytes.NewReader([]byte{0x1f, 0x8b, 0, 0})))
		if err == nil {
			t.Fatal("corrupt gzip accepted")
		}
	})
	t.Run("truncated gzip reports a read error", func(t *testing.T) {
		var gz bytes.Buffer
		gw := gzip.NewWriter(&gz)
		gw.Write([]byte(strings.Repeat("error: x\n", 10000)))
		gw.Close()
		src, err := NewSource("in.gz", io.NopCloser(bytes.NewReader(gz.Bytes()[:gz.Len()/2])))
		if err != nil {
			t.Fatal(err)
		}
		l := NewLines(src)
		for l.Next() {
		}
		if l.Err() == nil || !strings.HasPrefix(l.Err().Error(), "in.gz: ") {
			t.Fatalf("truncated gzip: err = %v", l.Err())
		}
	})
	t.Run("missing file", func(t *testing.T) {
		_, err := Open("/nonexistent/build.log", nil)
		if err == nil || err.Error() != "/nonexistent/build.log: no such file or directory" {
			t.Fatalf("err = %v", err)
		}
	})
}

// terminalReader behaves like a terminal: it reports Ctrl-D (io.EOF) once, and a further
// read would wait for the person to type again.
type terminalReader struct {
	data     []byte
	eofsSent int
}

func (r *terminalReader) Read(p []byte) (int, error) {
	if len(r.data) > 0 {
		n := copy(p, r.data)
		r.data = r.data[n:]
		return n, nil
	}
	r.eofsSent++
	return 0, io.EOF
}

func TestOneCtrlDEndsAPaste(t *testing.T) {
	term := &terminalReader{data: []byte("ld: cannot find -lgcc_s\n")}
	src, err := NewSource("<stdin>", io.NopCloser(term))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadAll(src); err != nil {
		t.Fatal(err)
	}
	if term.eofsSent != 1 {
		t.Fatalf("the terminal was asked for end of input %d times: the person would have to press Ctrl-D again", term.eofsSent)
	}
}
