#!/usr/bin/env bash
# build-firmware.sh SRC_DIR [extra cargo args...]
#
# Builds the bench firmware in SRC_DIR (normally a copy of build/testdata/firmware,
# made by the caller so that faults can be injected into it) with
#     cargo build -vv --release [extra cargo args...]
# run from SRC_DIR itself, so that SRC_DIR/.cargo/config.toml is read.
# cargo's output goes to stdout/stderr exactly as cargo writes it; the exit code is
# cargo's. Nothing else is printed.
#
# Environment: if CXLOG_BENCH_ENV is not set, the env file written by prepare.sh
# (${CXLOG_BENCH_CACHE:-$HOME/.cache/cxlog-bench}/env.sh) is sourced first. A caller
# that has sourced it already keeps full control of the environment, which is how
# faults are injected (RUSTFLAGS=..., CARGO_TARGET_..._LINKER=..., a PATH without
# $CXLOG_BENCH_BIN). Everything else in the caller's environment passes through.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 SRC_DIR [extra cargo args...]" >&2
  exit 2
fi
src=$1
shift

if [ -z "${CXLOG_BENCH_ENV:-}" ]; then
  env_file=${CXLOG_BENCH_CACHE:-$HOME/.cache/cxlog-bench}/env.sh
  if [ ! -r "$env_file" ]; then
    echo "build-firmware: $env_file not found: run build/bench/prepare.sh first" >&2
    exit 2
  fi
  # shellcheck source=/dev/null
  . "$env_file"
fi
: "${CARGO:?CARGO not set (source env.sh from prepare.sh)}"
: "${RUSTC:?RUSTC not set (source env.sh from prepare.sh)}"

cd "$src"
exec "$CARGO" build -vv --release "$@"
