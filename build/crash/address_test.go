package crash

import (
	"reflect"
	"testing"
)

func TestAddresses(t *testing.T) {
	tests := []struct {
		line string
		want []Address
	}{
		{"Backtrace: 0x40112b45:0x3ffe3540 0x401105ed:0x3ffe3840", []Address{{0x40112b45, false}, {0x3ffe3540, false}, {0x401105ed, false}, {0x3ffe3840, false}}},
		{"MEPC    : 0x4200a0b2  RA      : 0x4200a0a8", []Address{{0x4200a0b2, false}, {0x4200a0a8, true}}},
		{"panicked at 'Exception 'Load access fault' mepc=420ef8f0, mtval=ffd0000f", []Address{{0x420ef8f0, false}}},
		{"cxlog-bench: return address ra=0x80000104", []Address{{0x80000104, true}}},
		{"lr: 0x08000477, pc: 0x08000200", []Address{{0x08000477, true}, {0x08000200, false}}},
		{"rst:0x1 (POWERON) boot:0xc", nil},
	}
	for _, tt := range tests {
		if got := Addresses(tt.line); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: %v, want %v", tt.line, got, tt.want)
		}
	}
}
