package build

import "encoding/binary"

// A tiny RV32I program for qemu-system-riscv32 -M virt -bios none, assembled
// here so the QEMU helper can be tested without a Rust toolchain. QEMU loads a
// raw (non-ELF) kernel at 0x80000000, where execution starts.
const (
	virtUART       = 0x1000_0000 // NS16550 transmit register
	virtSifiveTest = 0x0010_0000 // write 0x5555: QEMU exits with status 0
	regT0          = 5
	regT1          = 6
	regT2          = 7
)

func rvLUI(rd, upper20 uint32) uint32 { return upper20<<12 | rd<<7 | 0x37 }

func rvADDI(rd, rs1, imm12 uint32) uint32 { return (imm12&0xfff)<<20 | rs1<<15 | rd<<7 | 0x13 }

func rvStore(funct3, rs2, rs1 uint32) uint32 { return rs2<<20 | rs1<<15 | funct3<<12 | 0x23 }

// rvBNEZBack4 is bnez rs1, -4: branch back to the instruction before.
func rvBNEZBack4(rs1 uint32) uint32 {
	return 1<<31 | 0x3f<<25 | rs1<<15 | 1<<12 | 0b1110<<8 | 1<<7 | 0x63
}

// riscvPrintImage prints text on the UART, then exits QEMU or, without
// exitAfter, spins forever.
func riscvPrintImage(text string, exitAfter bool) []byte {
	const storeByte, storeWord = 0, 2
	program := []uint32{rvLUI(regT0, virtUART>>12)}
	for _, c := range []byte(text) {
		program = append(program, rvADDI(regT1, 0, uint32(c)), rvStore(storeByte, regT1, regT0))
	}
	if exitAfter {
		// QEMU discards pty output not yet read when it exits: wait a while
		// (about 134 million loop turns, some 100 ms) before exiting, as the bench firmware does.
		program = append(program,
			rvLUI(regT2, 0x8000),
			rvADDI(regT2, regT2, 0xfff), // -1
			rvBNEZBack4(regT2),
			rvLUI(regT0, virtSifiveTest>>12),
			rvLUI(regT1, 0x5),
			rvADDI(regT1, regT1, 0x555),
			rvStore(storeWord, regT1, regT0))
	}
	program = append(program, 0x0000006f) // j . (jal x0, 0)
	image := make([]byte, 0, 4*len(program))
	for _, instruction := range program {
		image = binary.LittleEndian.AppendUint32(image, instruction)
	}
	return image
}
