#!/usr/bin/env bash
# Installs what cxlog's tests need on a Debian 12 machine, when it is missing:
# socat (pty pairs), lld, llvm (llvm-addr2line and llvm-objcopy, which build/addr2line's test
# checks itself against), chromium (the HTML report's browser test), ClickHouse (cxlog scan's
# log-store test), and the riscv32imc firmware bench (QEMU, lld, Debian's Rust 1.63 and a
# core sysroot, prepared into a cache by build/bench/prepare.sh). Idempotent and fast when done.
set -euo pipefail
cd "$(dirname "$0")/.."

need_root() {
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then echo sudo; else
      echo "install-deps: need root (or sudo) to apt-get install $*" >&2; exit 1
    fi
  fi
}

# lld: the system LLD (ld.lld) that the fix for a missing rust-lld points the target at.
if ! command -v socat >/dev/null || ! command -v qemu-system-riscv32 >/dev/null || ! command -v ld.lld >/dev/null; then
  SUDO=$(need_root socat qemu-system-misc lld)
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq socat qemu-system-misc lld >/dev/null
fi
# llvm: llvm-addr2line answers for every code address of the bench firmware, and llvm-objcopy
# strips its line table (build/addr2line's TestLookupBenchFirmware, skipped with -short).
if ! command -v llvm-addr2line >/dev/null || ! command -v llvm-objcopy >/dev/null; then
  SUDO=$(need_root llvm)
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq llvm >/dev/null
fi
# chromium: Debian's, run headless by cmd/cxlog's TestHTMLReportInChromium (skipped with -short).
if ! command -v chromium >/dev/null; then
  SUDO=$(need_root chromium)
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
# clickhouse-server, clickhouse-client: Debian's 18.16, started on loopback by cmd/cxlog's
# TestScanLoadsIntoClickHouse (skipped with -short); the package's own service is not used.
if ! command -v clickhouse-server >/dev/null || ! command -v clickhouse-client >/dev/null; then
  SUDO=$(need_root clickhouse-server clickhouse-client)
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq clickhouse-server clickhouse-client >/dev/null
fi
bash build/bench/prepare.sh
