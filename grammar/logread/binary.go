package logread

import "bytes"

// binaryMagics start files of formats that are never a log: executables, object archives,
// images, archives cxlog does not unpack.
var binaryMagics = [][]byte{
	[]byte("\x7fELF"),
	[]byte("!<arch>\n"),                                // ar: static libraries (.a, .rlib)
	{0xfe, 0xed, 0xfa, 0xce}, {0xfe, 0xed, 0xfa, 0xcf}, // Mach-O, big-endian
	{0xce, 0xfa, 0xed, 0xfe}, {0xcf, 0xfa, 0xed, 0xfe}, // Mach-O, little-endian
	{0xca, 0xfe, 0xba, 0xbe},                        // Mach-O universal, Java class
	[]byte("\x00asm"),                               // WebAssembly
	[]byte("\x89PNG\r\n\x1a\n"), {0xff, 0xd8, 0xff}, // PNG, JPEG
	[]byte("GIF87a"), []byte("GIF89a"), []byte("%PDF-"), // GIF, PDF
	[]byte("PK\x03\x04"), []byte("7z\xbc\xaf\x27\x1c"), // zip, 7-Zip
	[]byte("Rar!\x1a\x07"), []byte("BZh91AY&SY"), // RAR, bzip2
	[]byte("BZh11AY&SY"), []byte("BZh51AY&SY"), // bzip2, other block sizes
}

// checkText tells a text log, which may hold a few stray NULs or control bytes (a serial
// console's reset, a terminal's padding), from binary data: a known binary format's magic, or
// more than one byte in 64 of the head (and more than a few) that no terminal output holds.
// UTF-16 without a byte-order mark is named rather than called binary.
func checkText(head []byte) error {
	for _, m := range binaryMagics {
		if bytes.HasPrefix(head, m) {
			return ErrBinary
		}
	}
	if bytes.IndexByte(head, 0) < 0 {
		return nil // the common case: no NUL, and nothing else to look at
	}
	if looksLikeUTF16(head) {
		return ErrUTF16WithoutBOM
	}
	odd := 0
	for _, c := range head {
		if c < 0x20 && !terminalControl[c] || c == 0x7f {
			odd++
		}
	}
	if odd > max(4, len(head)/64) {
		return ErrBinary
	}
	return nil
}

// terminalControl marks the control bytes that terminal output holds: tab, line feed, vertical
// tab, form feed, carriage return, backspace, bell, escape, and shift out/in.
var terminalControl = [0x20]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, '\b': true, '\a': true, 0x1b: true, 0x0e: true, 0x0f: true}

// looksLikeUTF16 reports mostly-ASCII UTF-16 text: a NUL in nearly every other byte, at the
// odd positions (little-endian) or at the even ones (big-endian), and almost none at the others.
func looksLikeUTF16(head []byte) bool {
	if len(head) < 8 {
		return false
	}
	var nuls [2]int
	for i, c := range head {
		if c == 0 {
			nuls[i%2]++
		}
	}
	half := len(head) / 2
	return nuls[1] >= half*9/10 && nuls[0] <= half/20 || nuls[0] >= half*9/10 && nuls[1] <= half/20
}
