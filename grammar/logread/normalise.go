package logread

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// normaliser strips what terminals, CI services and Nix add around a log line.
type normaliser struct {
	buf  []byte
	tail int    // lines left of a Nix 2.3 log tail, indented by two spaces
	drv  string // the last derivation name read: the next line's is the same, as a rule
}

// Front matter: a leading "---" line, "key: value" on the next, up to the closing "---". A
// block not closed within these bounds is log text after all.
const (
	maxFrontMatterLines = 200
	maxFrontMatterBytes = 1 << 20
)

// normalise returns the line's text and Nix derivation name; keep is false for lines that
// carry no log text (Nix internal-json records other than log lines).
func (n *normaliser) normalise(raw []byte) (text, drv string, keep bool) {
	line := raw
	if bytes.IndexByte(line, 0x1b) >= 0 {
		line = n.stripANSI(line)
	}
	line = stripCarriageReturns(line)
	line = stripTimestamp(line)
	if bytes.HasPrefix(line, []byte("@nix ")) {
		msg, ok := nixJSONMessage(line[5:])
		if !ok {
			return "", "", false
		}
		line = stripCarriageReturns(n.stripANSI([]byte(msg)))
	}
	line, name := stripNixPrefix(line)
	if name != nil {
		if string(name) != n.drv {
			n.drv = string(name)
		}
		drv = n.drv
	}
	line = stripIndentedNixTail(line)
	if n.tail > 0 {
		n.tail--
		if rest, ok := bytes.CutPrefix(line, []byte("  ")); ok {
			line = rest
		} else {
			n.tail = 0
		}
	} else if bytes.HasSuffix(line, []byte(" log lines:")) {
		if m := reNix23Tail().FindSubmatch(line); m != nil {
			n.tail, _ = strconv.Atoi(string(m[1]))
		}
	}
	return validString(line), drv, true
}

// reNix23Tail is the end of Nix 2.3's build failure line; the tail's lines follow, each
// indented by two spaces (Nix 2.4 and later indent them with "> ").
var reNix23Tail = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`failed with exit code \d+; last (\d+) log lines:$`)
})

// stripANSI removes CSI (ESC [ ... final byte), OSC (ESC ] ... BEL or ESC \), charset
// designation (ESC ( B) and other two-byte escape sequences.
func (n *normaliser) stripANSI(b []byte) []byte {
	out := n.buf[:0]
	for i := 0; i < len(b); i++ {
		if b[i] != 0x1b || i+1 >= len(b) {
			out = append(out, b[i])
			continue
		}
		switch b[i+1] {
		case '[':
			j := i + 2
			for j < len(b) && (b[j] < 0x40 || b[j] > 0x7e) {
				j++
			}
			i = j
		case ']':
			j := i + 2
			for j < len(b) && b[j] != 0x07 && !(b[j] == 0x1b && j+1 < len(b) && b[j+1] == '\\') {
				j++
			}
			if j < len(b) && b[j] == 0x1b {
				j++
			}
			i = j
		case '(', ')', '*', '+':
			i += 2 // charset designation: ESC ( B, which tput sgr0 writes
		default:
			i++
		}
	}
	n.buf = out
	return out
}

var literalCR = []byte("^M")

// stripCarriageReturns keeps what a terminal would show of a line redrawn with '\r' (progress
// bars) or its pasted form "^M": the text after the last one, unless only blanks follow it
// (a CRLF ending, a redraw with nothing after it); then the text before it.
func stripCarriageReturns(b []byte) []byte {
	return lastSegment(lastSegment(b, []byte{'\r'}), literalCR)
}

// lastSegment returns the last segment of b after a separator that holds more than blanks.
func lastSegment(b, sep []byte) []byte {
	if !bytes.Contains(b, sep) { // the common case, and much faster than LastIndex
		return b
	}
	for {
		i := bytes.LastIndex(b, sep)
		if i < 0 {
			return b
		}
		if len(bytes.TrimSpace(b[i+len(sep):])) > 0 {
			return b[i+len(sep):]
		}
		b = b[:i]
	}
}

// stripTimestamp removes a GitHub Actions prefix such as "2024-01-25T10:11:12.1234567Z ".
func stripTimestamp(b []byte) []byte {
	if len(b) < 20 || b[4] != '-' || b[7] != '-' || b[10] != 'T' || b[13] != ':' || b[16] != ':' {
		return b
	}
	for _, i := range []int{0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18} {
		if b[i] < '0' || b[i] > '9' {
			return b
		}
	}
	i := 19
	if b[i] == '.' {
		i++
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	}
	switch {
	case i+1 < len(b) && b[i] == 'Z' && b[i+1] == ' ':
		return b[i+2:]
	case i+1 == len(b) && b[i] == 'Z':
		return b[:0] // an empty line, stamped
	}
	return b
}

// nixJSONMessage extracts the text of a `nix --log-format internal-json` record: a build log
// line (result type 101) or a message.
func nixJSONMessage(b []byte) (string, bool) {
	var rec struct {
		Action string            `json:"action"`
		Type   int               `json:"type"`
		Msg    string            `json:"msg"`
		Fields []json.RawMessage `json:"fields"`
	}
	if json.Unmarshal(b, &rec) != nil {
		return "", false
	}
	switch {
	case rec.Action == "msg":
		return rec.Msg, true
	case rec.Action == "result" && rec.Type == 101 && len(rec.Fields) > 0:
		var s string
		if json.Unmarshal(rec.Fields[0], &s) != nil {
			return "", false
		}
		return s, true
	}
	return "", false
}

// stripNixPrefix removes `nix build -L`'s "<drv-name>> " (or "<drv-name> (post)> ") and
// returns the name, or nil.
func stripNixPrefix(b []byte) (line, name []byte) {
	i := 0
	for i < len(b) && isDrvNameByte(b[i]) {
		i++
	}
	if i == 0 || !isAlnum(b[0]) {
		return b, nil
	}
	name, rest := b[:i], b[i:]
	if bytes.HasPrefix(rest, []byte(" (post)")) {
		rest = rest[len(" (post)"):]
	}
	if len(rest) == 0 || rest[0] != '>' {
		return b, nil
	}
	rest = rest[1:]
	if len(rest) > 0 {
		if rest[0] != ' ' {
			return b, nil
		}
		rest = rest[1:]
	}
	if !bytes.ContainsAny(name, "-._") {
		// A single word before '>' is more often text than a derivation name.
		return b, nil
	}
	return rest, name
}

// stripIndentedNixTail removes the "       > " indentation of Nix's "last N log lines:" block,
// and the bare "> " of such a block pasted without its indentation (or quoted in markdown).
func stripIndentedNixTail(b []byte) []byte {
	i := 0
	for i < len(b) && b[i] == ' ' {
		i++
	}
	if i >= len(b) || b[i] != '>' {
		return b
	}
	if i+1 == len(b) {
		return b[:0]
	}
	if b[i+1] == ' ' {
		return b[i+2:]
	}
	return b
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isDrvNameByte(c byte) bool {
	return isAlnum(c) || c == '-' || c == '_' || c == '.' || c == '+'
}

func validString(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

// isFrontMatterStart reports whether the first two raw lines open a front matter block: "---",
// then a "key: value" line whose key is not one of rustc's and cargo's diagnostic words.
func isFrontMatterStart(first, second []byte) bool {
	if string(bytes.TrimRight(first, "\r")) != "---" || !isYAMLKeyLine(second) {
		return false
	}
	switch key, _, _ := bytes.Cut(second, []byte(": ")); string(key) {
	case "error", "warning", "note", "help":
		return false
	}
	return true
}

func isDashes(raw []byte) bool { return string(bytes.TrimRight(raw, "\r")) == "---" }

func isYAMLKeyLine(b []byte) bool {
	i := bytes.Index(b, []byte(": "))
	if i <= 0 {
		return false
	}
	for _, c := range b[:i] {
		if !(c >= 'a' && c <= 'z' || c == '_' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
