package crash

import (
	"strconv"

	"github.com/cxlog/cxlog/analyze/lazyre"
)

// Address is a number a crash report prints that may be a code address.
type Address struct {
	Value uint64
	// Return says the number is a return address (labelled ra or lr): it points after the
	// call, so the call is looked up at Value-1, as debuggers do for caller frames.
	Return bool
}

var (
	hexNumber = lazyre.New(`(?i)(\b(?:ra|lr)\s*[:=]\s*)?\b0x([0-9a-f]{4,16})\b`)
	// esp-hal's exception report prints mepc without 0x.
	bareMEPC = lazyre.New(`(?i)\bmepc=([0-9a-f]{4,16})\b`)
)

// Addresses lists the numbers in line that may be code addresses, in order: every 0x number
// of 4 to 16 digits (register dumps, "Backtrace: 0xPC:0xSP ...", "MEPC: 0x…") and esp-hal's
// bare mepc=. Which of them are code is for the ELF to say.
func Addresses(line string) []Address {
	var out []Address
	for _, m := range bareMEPC().FindAllStringSubmatch(line, -1) {
		if v, err := strconv.ParseUint(m[1], 16, 64); err == nil {
			out = append(out, Address{Value: v})
		}
	}
	for _, m := range hexNumber().FindAllStringSubmatch(line, -1) {
		if v, err := strconv.ParseUint(m[2], 16, 64); err == nil {
			out = append(out, Address{Value: v, Return: m[1] != ""})
		}
	}
	return out
}
