#!/usr/bin/env bash
# run-qemu.sh ELF [TIMEOUT_SECONDS]
#
# Runs a bench firmware image under qemu-system-riscv32 and shows what it prints on
# its UART, read through a real pseudo-terminal, the way `cxlog` verifies a fix.
#
# The pty ordering (QEMU drops UART output while nobody has the pty open):
#   1. start QEMU paused (-S) with the UART on a pty and the HMP monitor on a unix
#      socket:
#        qemu-system-riscv32 -M virt -bios none -display none -S \
#          -monitor unix:$SOCK,server,nowait \
#          -chardev pty,id=s0 -serial chardev:s0 -kernel ELF
#   2. read QEMU's stdout until the line
#        char device redirected to /dev/pts/N (label s0)
#      and take /dev/pts/N;
#   3. open /dev/pts/N (raw, no echo) and keep reading it;
#   4. connect to $SOCK (QEMU greets with its banner and "(qemu) "), send "cont\n",
#      and keep the connection open until the next "(qemu) " prompt (the ack);
#   5. the firmware prints its lines ("\r\n" endings) and writes 0x5555 to sifive_test:
#      QEMU exits with status 0 (a panic exits with status 1). A firmware that never
#      reaches the exit (e.g. fault (f)) keeps QEMU running: the timeout kills it.
#
# Prints the pty path and the timings to stderr, the UART output to stdout.
# Exit status: QEMU's (0 = firmware passed), 124 on timeout.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 ELF [TIMEOUT_SECONDS]" >&2
  exit 2
fi
elf=$1
timeout_s=${2:-10}
[ -f "$elf" ] || { echo "run-qemu: no such file: $elf" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/cxlog-qemu.XXXXXX")
sock=$work/monitor.sock
qemu_pid=""
reader_pid=""
monitor_pid=""
# shellcheck disable=SC2317 # called through the EXIT trap
cleanup() {
  if [ -n "$reader_pid" ]; then kill "$reader_pid" 2>/dev/null || true; fi
  if [ -n "$qemu_pid" ]; then kill "$qemu_pid" 2>/dev/null || true; fi
  exec 3>&- 4<&- 2>/dev/null || true
  if [ -n "$monitor_pid" ]; then kill "$monitor_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
t0=$(now)
: >"$work/qemu.out"
: >"$work/serial.out"

qemu-system-riscv32 -M virt -bios none -display none -S \
  -monitor "unix:$sock,server,nowait" \
  -chardev pty,id=s0 -serial chardev:s0 \
  -kernel "$elf" >"$work/qemu.out" 2>"$work/qemu.err" &
qemu_pid=$!

# 2. the pty path, from QEMU's stdout
pty=""
for _ in $(seq 1 100); do
  pty=$(sed -n 's|^char device redirected to \(/dev/pts/[0-9]*\) (label s0).*|\1|p' "$work/qemu.out")
  [ -n "$pty" ] && [ -S "$sock" ] && break
  if ! kill -0 "$qemu_pid" 2>/dev/null; then
    cat "$work/qemu.err" >&2
    echo "run-qemu: QEMU exited before announcing its pty" >&2
    exit 1
  fi
  sleep 0.05
done
[ -n "$pty" ] || { echo "run-qemu: no pty announced by QEMU" >&2; exit 1; }
echo "run-qemu: serial port $pty, monitor $sock" >&2

# 3. open the pty before the guest runs: raw (no CR/LF translation), no echo back to
# the guest. The shell opens it itself (fd 4), so it is open for sure before "cont";
# a reader started in the background might not be yet, and QEMU drops what it writes
# while the pty is closed.
stty -F "$pty" raw -echo
exec 4<"$pty"
cat <&4 >"$work/serial.out" 2>/dev/null &
reader_pid=$!

# 4. start the guest: HMP "cont" on the monitor socket. The connection stays open
# until QEMU has answered with a new "(qemu) " prompt: a client that sends and hangs
# up at once can lose the command when QEMU is slow to accept it.
mkfifo "$work/monitor.in"
socat - "UNIX-CONNECT:$sock" <"$work/monitor.in" >"$work/monitor.out" 2>&1 &
monitor_pid=$!
exec 3>"$work/monitor.in"
t_cont=$(now)
printf 'cont\n' >&3
for _ in $(seq 1 200); do
  [ "$(grep -o '(qemu)' "$work/monitor.out" | wc -l)" -ge 2 ] && break
  kill -0 "$qemu_pid" 2>/dev/null || break
  sleep 0.02
done

# 5. wait for QEMU to exit, or time out
status=124
deadline=$(awk -v t="$t_cont" -v d="$timeout_s" 'BEGIN { printf "%.3f", t + d }')
t_line=""
while :; do
  if [ -z "$t_line" ] && grep -q 'cxlog-bench: hello' "$work/serial.out" 2>/dev/null; then
    t_line=$(now)
  fi
  if ! kill -0 "$qemu_pid" 2>/dev/null; then
    set +e
    wait "$qemu_pid"
    status=$?
    set -e
    qemu_pid=""
    break
  fi
  if awk -v n="$(now)" -v d="$deadline" 'BEGIN { exit !(n > d) }'; then
    echo "run-qemu: timeout after ${timeout_s}s; monitor said:" >&2
    tr -d '\r' <"$work/monitor.out" | sed 's/^/run-qemu:   /' >&2
    break
  fi
  sleep 0.01
done
sleep 0.1
if [ -z "$t_line" ] && grep -q 'cxlog-bench: hello' "$work/serial.out" 2>/dev/null; then
  t_line=$(now)
fi

tr -d '\r' <"$work/serial.out"
awk -v a="$t0" -v c="$t_cont" -v l="${t_line:-}" -v e="$(now)" 'BEGIN {
  printf "run-qemu: start->cont %.3f s", c - a
  if (l != "") printf ", cont->greeting seen <= %.3f s", l - c
  else printf ", no greeting"
  printf ", total %.3f s\n", e - a
}' >&2
if [ -s "$work/qemu.err" ]; then sed 's/^/run-qemu: qemu: /' "$work/qemu.err" >&2; fi
exit "$status"
