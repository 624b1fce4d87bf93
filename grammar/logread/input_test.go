package logread

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
	"github.com/ulikunitz/xz"
	"golang.org/x/text/encoding/unicode"
)

func readPath(t *testing.T, src *Source) []string {
	t.Helper()
	defer src.Close()
	var out []string
	l := NewLines(src)
	for l.Next() {
		out = append(out, l.Line().Text)
	}
	if err := l.Err(); err != nil {
		t.Fatalf("Lines.Err: %v", err)
	}
	return out
}

// A build still writing its log: cxlog reads what was there when it opened the file.
func TestGrowingFileIsReadUpToItsSizeAtOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "grow.log")
	// Larger than what Open reads ahead, so that the rest is read after the appends.
	before := strings.Repeat("   Compiling a v0.1.0\n", 50000) + "error: could not compile `a`\n"
	if err := os.WriteFile(path, []byte(before), 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(strings.Repeat("appended while read\n", 100000)); err != nil {
		t.Fatal(err)
	}
	got := readPath(t, src)
	if len(got) != 50001 || got[len(got)-1] != "error: could not compile `a`" {
		t.Fatalf("read %d lines (want the 50001 there at open), last %q", len(got), got[len(got)-1])
	}
}

func TestStrayNULsDoNotMakeALogBinary(t *testing.T) {
	// A NUL or two in a log: a serial console's reset, a terminal's padding.
	log := "   Compiling esp-hal v0.20.0\n\x00\x00ESP-ROM:esp32c3-api1-20210207\nerror: linking with `cc` failed: exit status: 1\n"
	got := texts(readAll(t, []byte(log)))
	if len(got) != 3 || got[2] != "error: linking with `cc` failed: exit status: 1" {
		t.Fatalf("got %q", got)
	}
}

func TestBinaryInputsAreRejected(t *testing.T) {
	random := make([]byte, 8192)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	for name, data := range map[string][]byte{
		"ELF":             []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xf3\x00"),
		"ELF without NUL": append([]byte("\x7fELF"), bytes.Repeat([]byte("text"), 100)...),
		"PNG":             []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"),
		"zip":             []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"),
		"mostly NULs":     append([]byte("error: x\n"), make([]byte, 4096)...),
		"random bytes":    random,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := NewSource("in", io.NopCloser(bytes.NewReader(data)))
			if !errors.Is(err, ErrBinary) {
				t.Fatalf("err = %v, want %v", err, ErrBinary)
			}
		})
	}
}

// PowerShell 5's `cargo build *> build.log` writes UTF-16 with a byte-order mark.
func TestUTF16IsDecoded(t *testing.T) {
	text := "   Compiling café v0.1.0\r\nerror: linking with `link.exe` failed: exit code: 1181\r\n"
	for name, endian := range map[string]unicode.Endianness{"LE": unicode.LittleEndian, "BE": unicode.BigEndian} {
		t.Run(name, func(t *testing.T) {
			data, err := unicode.UTF16(endian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
			if err != nil {
				t.Fatal(err)
			}
			got := texts(readAll(t, data))
			if len(got) != 2 || got[0] != "   Compiling café v0.1.0" || got[1] != "error: linking with `link.exe` failed: exit code: 1181" {
				t.Fatalf("got %q", got)
			}
		})
	}
	t.Run("without a byte-order mark", func(t *testing.T) {
		data, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(text))
		_, err := NewSource("build.log", io.NopCloser(bytes.NewReader(data)))
		if err == nil || !strings.Contains(err.Error(), "UTF-16") {
			t.Fatalf("err = %v, want one that names UTF-16", err)
		}
	})
}

func TestUTF8ByteOrderMarkIsStripped(t *testing.T) {
	got := texts(readAll(t, []byte("\xef\xbb\xbferror: linker `rust-lld` not found\n")))
	if len(got) != 1 || got[0] != "error: linker `rust-lld` not found" {
		t.Fatalf("got %q", got)
	}
}

func TestTruncatedCompressedInputIsNamed(t *testing.T) {
	text := []byte(strings.Repeat("   Compiling log v0.4.20\nerror: could not compile `log`\n", 20000))
	var gz, zs, x bytes.Buffer
	gw := gzip.NewWriter(&gz)
	gw.Write(text)
	gw.Close()
	zw, _ := zstd.NewWriter(&zs)
	zw.Write(text)
	zw.Close()
	xw, _ := xz.NewWriter(&x)
	xw.Write(text)
	xw.Close()
	for format, data := range map[string][]byte{"gzip": gz.Bytes(), "zstd": zs.Bytes(), "xz": x.Bytes()} {
		for _, cut := range []int{len(data) / 2, len(data) - 4} {
			src, err := NewSource("in."+format, io.NopCloser(bytes.NewReader(data[:cut])))
			if err == nil {
				l := NewLines(src)
				for l.Next() {
				}
				err = l.Err()
				src.Close()
			}
			want := "in." + format + ": truncated " + format + " data"
			if err == nil || err.Error() != want || !errors.Is(err, ErrTruncated) {
				t.Errorf("%s cut at %d of %d bytes: err = %v, want %q", format, cut, len(data), err, want)
			}
		}
	}
}

func TestLineLongerThanTheCapIsMarked(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a 65 MiB line")
	}
	long := "error: " + strings.Repeat("x", MaxLineBytes)
	lines := readAll(t, []byte("before\n"+long+"\nafter\n"))
	if len(lines) != 3 || !lines[1].Truncated || len(lines[1].Text) != MaxLineBytes || lines[0].Truncated || lines[2].Truncated || lines[2].Text != "after" {
		t.Fatalf("got %d lines; the long one: truncated %v, %d bytes", len(lines), len(lines) > 1 && lines[1].Truncated, len(lines[min(1, len(lines)-1)].Text))
	}
}
