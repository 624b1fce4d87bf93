//! cxlog bench firmware for `qemu-system-riscv32 -M virt -bios none`.
//!
//! Prints two lines on the NS16550 UART at 0x1000_0000 and then stops QEMU through
//! the sifive_test device at 0x10_0000 (0x5555 = pass, exit status 0), 200 ms after
//! its last line so that a reader of the serial pty gets everything.
#![no_std]
#![no_main]

use core::arch::{asm, global_asm};
use core::fmt::{self, Write};
use core::panic::PanicInfo;
use core::ptr::{read_volatile, write_volatile};

const UART0: usize = 0x1000_0000;
const UART_LSR: usize = 5;
const LSR_THR_EMPTY: u8 = 1 << 5;
const SIFIVE_TEST: usize = 0x0010_0000;
const TEST_PASS: u32 = 0x5555;
const TEST_FAIL: u32 = 0x3333;
const TEST_RESET: u32 = 0x7777;
// CLINT mtime of the virt machine: 10 MHz.
const MTIME_LO: usize = 0x0200_BFF8;
const MTIME_TICKS_PER_MS: u32 = 10_000;
// QEMU 7.2 exits at once on the sifive_test write, and closing the pty master
// discards what the reader has not read yet: give it time to read the last line.
const EXIT_DELAY_MS: u32 = 200;

// Entry: stack from the linker script's _stack_top, .bss cleared, then Rust.
#[cfg(not(feature = "bss-stack"))]
global_asm!(
    ".section .text.start, \"ax\"",
    ".globl _start",
    "_start:",
    "    la sp, _stack_top",
    "    la t0, _sbss",
    "    la t1, _ebss",
    "1:  bgeu t0, t1, 2f",
    "    sw zero, 0(t0)",
    "    addi t0, t0, 4",
    "    j 1b",
    "2:  call cxlog_main",
    "3:  wfi",
    "    j 3b",
);

// Entry without any symbol from the linker script: the stack is a .bss array of
// our own (QEMU's RAM starts zeroed, so .bss is not cleared here).
#[cfg(feature = "bss-stack")]
global_asm!(
    ".section .bss.cxlog_stack, \"aw\", @nobits",
    ".balign 16",
    "    .skip 16384",
    "cxlog_stack_end:",
    ".section .text.start, \"ax\"",
    ".globl _start",
    "_start:",
    "    la sp, cxlog_stack_end",
    "    call cxlog_main",
    "1:  wfi",
    "    j 1b",
);

struct Uart;

impl Uart {
    fn put(&mut self, byte: u8) {
        unsafe {
            while read_volatile((UART0 + UART_LSR) as *const u8) & LSR_THR_EMPTY == 0 {}
            write_volatile(UART0 as *mut u8, byte);
        }
    }
}

impl Write for Uart {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for byte in s.bytes() {
            if byte == b'\n' {
                self.put(b'\r');
            }
            self.put(byte);
        }
        Ok(())
    }
}

#[cfg(feature = "atomic-counter")]
mod boots {
    use core::sync::atomic::{AtomicUsize, Ordering};

    static BOOTS: AtomicUsize = AtomicUsize::new(0);

    pub fn count() -> usize {
        BOOTS.fetch_add(1, Ordering::Relaxed) + 1
    }
}

#[cfg(not(feature = "atomic-counter"))]
mod boots {
    static mut BOOTS: usize = 0;

    pub fn count() -> usize {
        // Single hart, no interrupts: a plain volatile read-modify-write is enough.
        unsafe {
            let p = core::ptr::addr_of_mut!(BOOTS);
            let n = core::ptr::read_volatile(p) + 1;
            core::ptr::write_volatile(p, n);
            n
        }
    }
}

fn delay_ms(ms: u32) {
    let now = || unsafe { read_volatile(MTIME_LO as *const u32) };
    let start = now();
    while now().wrapping_sub(start) < ms * MTIME_TICKS_PER_MS {}
}

// Resets the machine through sifive_test: the firmware boots again from _start.
fn reset() -> ! {
    exit(TEST_RESET)
}

fn exit(code: u32) -> ! {
    delay_ms(EXIT_DELAY_MS);
    unsafe { write_volatile(SIFIVE_TEST as *mut u32, code) };
    loop {
        unsafe { asm!("wfi") };
    }
}

#[no_mangle]
pub extern "C" fn cxlog_main() -> ! {
    let mut uart = Uart;
    let _ = uart.write_str("cxlog-bench: hello from riscv32imc\n");
    let boot = boots::count();
    if cfg!(feature = "boot-loop") {
        reset();
    }
    if cfg!(feature = "demo-panic") {
        demo_panic();
    }
    let _ = writeln!(uart, "cxlog-bench: ok (boot {})", boot);
    exit(TEST_PASS)
}

// Where demo_panic was called from: its return address, read on entry.
static mut PANIC_CALLER: usize = 0;

// #[track_caller]: the panic's location is the call in cxlog_main, the line the return
// address printed by the panic handler resolves to.
#[track_caller]
#[inline(never)]
fn demo_panic() -> ! {
    let ra: usize;
    unsafe {
        asm!("mv {}, ra", out(reg) ra);
        write_volatile(core::ptr::addr_of_mut!(PANIC_CALLER), ra);
    }
    panic!("demo-panic feature enabled");
}

#[panic_handler]
fn panic(info: &PanicInfo) -> ! {
    let mut uart = Uart;
    // rustc 1.63 prints PanicInfo as "panicked at 'msg', file:line:col".
    let _ = writeln!(uart, "cxlog-bench: {}", info);
    if cfg!(feature = "demo-panic") {
        let caller = unsafe { read_volatile(core::ptr::addr_of!(PANIC_CALLER)) };
        let _ = writeln!(uart, "cxlog-bench: return address ra=0x{:08x}", caller);
    }
    exit((1 << 16) | TEST_FAIL)
}
