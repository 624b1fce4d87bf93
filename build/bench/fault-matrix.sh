#!/usr/bin/env bash
# fault-matrix.sh [--corpus DIR] [CASE...]
#
# Reproduces the bench's fault matrix for real (see FAULTS.md): for each case it
# copies build/testdata/firmware to a fresh directory, injects the fault, runs
#     build-firmware.sh COPY [args]        (cargo build -vv --release)
# and keeps the log (stdout+stderr as produced); then applies the fix, builds again
# and runs the image under QEMU (run-qemu.sh), which must print the greeting.
#
# CASEs: ok a b c d e f g (default: all). With --corpus DIR, each failing log is written
# to DIR/<name>.log behind a front matter block (the format of corpus/public/*.md),
# and the working build's log to DIR/b00-ok.good.log (plain, like corpus/seed).
#
# Needs prepare.sh to have run. Work directories: ${CXLOG_BENCH_WORK:-/tmp/cxlog-bench-faults}
# (fixed paths, so that the logs are the same from run to run).
# Exit status: 0 when every case behaved as documented.
set -euo pipefail

# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(ok a b c d e f g)

work=${CXLOG_BENCH_WORK:-${TMPDIR:-/tmp}/cxlog-bench-faults}
mkdir -p "$work"
elf_rel=target/riscv32imc-unknown-none-elf/release/cxlog-bench-fw
greeting='cxlog-bench: hello from riscv32imc'
failures=0
summary=()

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
say() { printf 'fault-matrix: %s\n' "$*" >&2; }

# fresh NAME: a clean copy of the firmware in $work/NAME/firmware; prints its path.
fresh() {
  local d=$work/$1
  rm -rf "$d"
  mkdir -p "$d"
  (cd "$fw_src" && tar --exclude=./target -cf - .) | (cd "$d" && mkdir firmware && cd firmware && tar -xf -)
  echo "$d/firmware"
}

# build LOG DIR [cargo args]: runs build-firmware.sh with the current environment
# changed by BUILD_ENV (arguments for env(1): VAR=value, -u VAR);
# log = stdout+stderr interleaved as produced; returns cargo's status.
BUILD_ENV=()
LAST_BUILD_S=""
build() {
  local log=$1 dir=$2 t rc
  shift 2
  t=$(now)
  set +e
  env ${BUILD_ENV[@]+"${BUILD_ENV[@]}"} "$here/build-firmware.sh" "$dir" "$@" >"$log" 2>&1
  rc=$?
  set -e
  LAST_BUILD_S=$(secs "$t" "$(now)")
  return "$rc"
}

# run NAME DIR TIMEOUT: runs the image, keeps the serial output in $work/NAME/serial.txt.
LAST_RUN_INFO=""
run() {
  local name=$1 dir=$2 timeout=$3 rc
  set +e
  "$here/run-qemu.sh" "$dir/$elf_rel" "$timeout" >"$work/$name/serial.txt" 2>"$work/$name/qemu.txt"
  rc=$?
  set -e
  LAST_RUN_INFO=$(grep -o 'cont->greeting seen <= [0-9.]* s\|no greeting\|timeout after [0-9]*s' "$work/$name/qemu.txt" | tr '\n' ' ')
  return "$rc"
}

greets() { grep -qF "$greeting" "$work/$1/serial.txt"; }

record() { # record CASE OK|FAIL text
  summary+=("$(printf '%-3s %-4s %s' "$1" "$2" "$3")")
  if [ "$2" != OK ]; then failures=$((failures + 1)); fi
  say "$1: $2 $3"
}

toolchain() {
  printf '%s; %s; %s; target riscv32imc-unknown-none-elf; Debian 12 (bench: build/bench/prepare.sh)' \
    "$("$RUSTC" -V)" "$("$CARGO" -V)" "$(/usr/bin/ld.lld-14 --version | head -n 1)"
}

# corpus_write FILE TITLE CLASS ROOT_CAUSE FIX INJECTION < log
corpus_write() {
  [ -n "$corpus" ] || return 0
  local out=$corpus/$1
  {
    echo "---"
    echo "source: cxlog bench (build/bench/fault-matrix.sh, case $2; see build/bench/FAULTS.md)"
    echo "title: $3"
    echo "class: $4"
    echo "root_cause: $5"
    echo "fix: $6"
    echo "toolchain: $(toolchain)"
    echo "---"
    cat
  } >"$out"
  say "wrote $out"
}

# check_fixed CASE DIR [cargo args]: build with the fix applied (the caller has set up
# the environment) and run it; the greeting must appear.
check_fixed() {
  local c=$1 dir=$2
  shift 2
  if ! build "$work/$c/fixed-build.log" "$dir" "$@"; then
    record "$c" FAIL "fixed build failed (see $work/$c/fixed-build.log)"
    return 1
  fi
  local b=$LAST_BUILD_S
  if run "$c" "$dir" 10 && greets "$c"; then
    record "$c" OK "fixed: build ${b}s, QEMU exit 0, greeting ($LAST_RUN_INFO)"
  else
    record "$c" FAIL "fixed build ran but no greeting ($LAST_RUN_INFO; $work/$c/serial.txt)"
    return 1
  fi
}

expect_in() { # expect_in CASE LOG STRING: the failing log must show STRING
  if ! grep -qF -- "$3" "$2"; then
    record "$1" FAIL "log lacks '$3' ($2)"
    return 1
  fi
  record "$1" OK "fault reproduced: build ${LAST_BUILD_S}s, exit != 0, log shows: $3"
}

LINKER_VAR=CARGO_TARGET_RISCV32IMC_UNKNOWN_NONE_ELF_LINKER

case_ok() {
  local dir
  dir=$(fresh ok)
  if build "$work/ok/build.log" "$dir"; then
    local b=$LAST_BUILD_S
    if run ok "$dir" 10 && greets ok; then
      record ok OK "build ${b}s, QEMU exit 0, greeting ($LAST_RUN_INFO)"
      if [ -n "$corpus" ]; then cp "$work/ok/build.log" "$corpus/b00-ok.good.log"; fi
    else
      record ok FAIL "no greeting ($work/ok/serial.txt)"
    fi
  else
    record ok FAIL "build failed ($work/ok/build.log)"
  fi
}

case_a() {
  local dir wrap
  dir=$(fresh a)
  mkdir -p "$work/a/wrapper-bin"
  wrap=$work/a/wrapper-bin/x86_64-unknown-linux-gnu-cc
  ln -sfn /usr/bin/gcc "$wrap"
  BUILD_ENV=("$LINKER_VAR=$wrap")
  if build "$work/a/build.log" "$dir"; then
    record a FAIL "build unexpectedly succeeded"
    return
  fi
  expect_in a "$work/a/build.log" "unrecognized command-line option '-flavor'" || return
  corpus_write b01-linker-cc-wrapper-flavor.log a \
    "riscv32imc firmware, target linker set to a GCC driver named x86_64-unknown-linux-gnu-cc" \
    linker-flavor-mismatch \
    "$LINKER_VAR points at a GCC driver whose file name (x86_64-unknown-linux-gnu-cc) gives rustc no flavor hint, so rustc keeps the target's default lld flavor and passes '-flavor gnu', '--as-needed', '--gc-sections' straight to gcc, which rejects them." \
    "Unset $LINKER_VAR so the config's linker = \"rust-lld\" applies (or force lld with linker = \"rust-lld\" / -C linker-flavor)." \
    <"$work/a/build.log"
  BUILD_ENV=()
  check_fixed a "$dir" || true
}

case_b() {
  local dir
  dir=$(fresh b)
  BUILD_ENV=("$LINKER_VAR=x86_64-linux-gnu-gcc")
  if build "$work/b/build.log" "$dir"; then
    record b FAIL "build unexpectedly succeeded"
    return
  fi
  expect_in b "$work/b/build.log" "cannot represent machine" || return
  corpus_write b02-host-gcc-linker.log b \
    "riscv32imc firmware, target linker set to the host's x86_64-linux-gnu-gcc" \
    host-linker-for-target \
    "$LINKER_VAR=x86_64-linux-gnu-gcc: rustc infers a gcc flavor from the name and hands RISC-V objects to the host GCC, whose x86_64 ld cannot link them." \
    "Unset $LINKER_VAR (the config's linker = \"rust-lld\" then applies), or point it at a linker for the target (rust-lld / ld.lld)." \
    <"$work/b/build.log"
  BUILD_ENV=()
  check_fixed b "$dir" || true
}

case_c() {
  local dir
  dir=$(fresh c)
  BUILD_ENV=("RUSTFLAGS=-C target-feature=-crt-static")
  if build "$work/c/build.log" "$dir"; then
    record c FAIL "build unexpectedly succeeded"
    return
  fi
  expect_in c "$work/c/build.log" "undefined symbol: _stack_top" || return
  corpus_write b03-rustflags-env-drops-config.log c \
    "riscv32imc firmware, RUSTFLAGS set in the environment: the config's -Tlink.x is dropped" \
    cargo-config-scope \
    "RUSTFLAGS='-C target-feature=-crt-static' in the environment replaces (cargo merges nothing) the [target.riscv32imc-unknown-none-elf] rustflags of .cargo/config.toml, so rustc never gets -C link-arg=-Tlink.x and rust-lld links without the linker script: the symbols it defines (_stack_top, _sbss, _ebss) are undefined." \
    "Unset RUSTFLAGS (or also put -C link-arg=-Tlink.x in it)." \
    <"$work/c/build.log"
  BUILD_ENV=()
  check_fixed c "$dir" || true
}

case_d() {
  local dir
  dir=$(fresh d)
  if build "$work/d/build.log" "$dir" --features atomic-counter; then
    record d FAIL "build unexpectedly succeeded"
    return
  fi
  expect_in d "$work/d/build.log" "error[E0432]" || return
  corpus_write b04-atomicusize-rustc-1.63.log d \
    "riscv32imc firmware using core::sync::atomic::AtomicUsize with rustc 1.63" \
    atomics-unsupported \
    "riscv32imc has no A extension; rustc 1.63 gives the target no atomic types at all (max-atomic-width 0), so core::sync::atomic has no AtomicUsize." \
    "Do not use AtomicUsize on this target with this rustc: here, build without the atomic-counter feature (a plain volatile counter; single hart, no interrupts). Elsewhere: portable-atomic with critical-section, or a target with atomics (riscv32imac)." \
    <"$work/d/build.log"
  check_fixed d "$dir" || true
}

case_e() {
  local dir nopath
  dir=$(fresh e)
  nopath=$(printf '%s' ":$PATH:" | sed "s|:$CXLOG_BENCH_BIN:|:|g; s|^:||; s|:$||")
  BUILD_ENV=("PATH=$nopath")
  if build "$work/e/build.log" "$dir"; then
    record e FAIL "build unexpectedly succeeded"
    return
  fi
  # shellcheck disable=SC2016 # the backquotes are part of rustc's message
  expect_in e "$work/e/build.log" 'linker `rust-lld` not found' || return
  corpus_write b05-rust-lld-not-found.log e \
    "riscv32imc firmware, Debian rustc 1.63 without rust-lld on PATH" \
    linker-not-found \
    "The target's linker is rust-lld; Debian's rustc ships /usr/bin/rust-lld only as a link to lld-14 (a Suggests, not installed here), and neither PATH nor the sysroot has a rust-lld, so rustc cannot start the linker." \
    "Make rust-lld reachable: put a directory with rust-lld (-> lld-14) on PATH (apt-get install lld-14 on a system rustc), or set linker = \"/usr/bin/lld-14\" (or ld.lld-14) under [target.riscv32imc-unknown-none-elf]." \
    <"$work/e/build.log"
  # fix 1: PATH again has the directory with rust-lld
  BUILD_ENV=()
  check_fixed e "$dir" || return 0
  # fix 2: PATH still without it, the config names lld by its full path
  local dir2
  dir2=$(fresh e-config-fix)
  sed -i 's|^linker = "rust-lld"$|linker = "/usr/bin/lld-14"|' "$dir2/.cargo/config.toml"
  BUILD_ENV=("PATH=$nopath")
  check_fixed e-config-fix "$dir2" || true
  BUILD_ENV=()
}

case_f() {
  local dir
  dir=$(fresh f)
  sed -i '/^rustflags = \["-C", "link-arg=-Tlink.x"\]$/d' "$dir/.cargo/config.toml"
  if grep -q 'Tlink.x' "$dir/.cargo/config.toml"; then
    record f FAIL "could not remove the rustflags line"
    return
  fi
  if ! build "$work/f/build.log" "$dir" --features bss-stack; then
    record f FAIL "the build without linker script failed ($work/f/build.log)"
    return
  fi
  local b=$LAST_BUILD_S
  if run f "$dir" 3 || greets f; then
    record f FAIL "the image without linker script ran and greeted"
    return
  fi
  local silent=$LAST_RUN_INFO
  corpus_write b06-no-linker-script-silent.log f \
    "riscv32imc firmware without its linker script: builds, links, prints nothing under QEMU" \
    linker-script-missing \
    "The rustflags line with -C link-arg=-Tlink.x was removed from .cargo/config.toml and the firmware (feature bss-stack) needs no symbol from the script, so rust-lld links at its default addresses (image from 0x10000, entry 0x11200) without any error; QEMU's virt machine with -bios none jumps to 0x80000000, where nothing was loaded: no UART output, QEMU never exits. Only running the image shows it; the Running line lacks -C link-arg=-Tlink.x." \
    "Restore rustflags = [\"-C\", \"link-arg=-Tlink.x\"] under [target.riscv32imc-unknown-none-elf] in .cargo/config.toml." \
    <"$work/f/build.log"
  record f OK "fault reproduced: build ${b}s without error, QEMU silent ($silent)"
  printf 'rustflags = ["-C", "link-arg=-Tlink.x"]\n' >>"$dir/.cargo/config.toml"
  check_fixed f "$dir" --features bss-stack || true
}

case_g() {
  local dir t rc
  dir=$(fresh g)
  # cargo started from the directory above the firmware, with --manifest-path: the
  # firmware's .cargo/config.toml is not on cargo's search path (it starts at the cwd).
  t=$(now)
  set +e
  (cd "$work/g" && "$CARGO" build -vv --release --manifest-path firmware/Cargo.toml) >"$work/g/build.log" 2>&1
  rc=$?
  set -e
  LAST_BUILD_S=$(secs "$t" "$(now)")
  if [ "$rc" = 0 ]; then
    record g FAIL "build unexpectedly succeeded"
    return
  fi
  expect_in g "$work/g/build.log" "invalid instruction mnemonic 'la'" || return
  corpus_write b07-manifest-path-other-dir.log g \
    "riscv32imc firmware built with cargo --manifest-path from the parent directory: config not read, host build" \
    cargo-config-scope \
    "cargo looks for .cargo/config.toml from the current directory up, not from the manifest's directory, so the firmware's [build] target and rustflags are never read: the Running line has no --target and no -C link-arg=-Tlink.x, rustc compiles for the host (x86_64) and its assembler rejects the firmware's RISC-V global_asm! (la, bgeu, wfi)." \
    "Run cargo from the firmware directory (cd firmware && cargo build), or pass the settings explicitly (--target riscv32imc-unknown-none-elf and the rustflags), or move the config to a directory above the one cargo is started from." \
    <"$work/g/build.log"
  check_fixed g "$dir" || true
}

for c in "${cases[@]}"; do
  case $c in
    ok | a | b | c | d | e | f | g) "case_$c" ;;
    *) echo "fault-matrix: unknown case $c" >&2; exit 2 ;;
  esac
done

printf '%s\n' "${summary[@]}"
if [ "$failures" -gt 0 ]; then
  say "$failures check(s) failed"
  exit 1
fi
