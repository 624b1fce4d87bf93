#!/usr/bin/env bash
# prepare.sh [CACHE_DIR]
#
# Prepares the cxlog firmware bench on a Debian 12 (bookworm) machine:
#   - installs QEMU (qemu-system-misc), lld-14, socat, gcc, patchelf and the shared
#     libraries Debian's cargo needs, with apt-get (needs root or sudo);
#   - downloads Debian's rustc/cargo 1.63 (+ rust-src, compiler_builtins source) with
#     `apt-get download` and unpacks them with `dpkg -x` into CACHE_DIR, so nothing of
#     Rust is installed system-wide (rustup's toolchain in ~/.cargo/bin and Debian's
#     rustc-web stay untouched);
#   - builds `core` and `compiler_builtins` for riscv32imc-unknown-none-elf into that
#     toolchain's default sysroot (so no --sysroot flag and no RUSTFLAGS are needed);
#   - writes CACHE_DIR/env.sh.
#
# CACHE_DIR defaults to ${CXLOG_BENCH_CACHE:-$HOME/.cache/cxlog-bench}.
# Idempotent: every phase leaves a stamp file and is skipped when it exists.
# Timing of every phase goes to stderr.
set -euo pipefail

TARGET=riscv32imc-unknown-none-elf
RUST_VERSION=1.63
# Debian packages whose .debs are unpacked into the cache.
RUST_DEBS=(rustc cargo libstd-rust-1.63 libstd-rust-dev rust-src librust-compiler-builtins-dev)
# Installed system-wide: tools for the bench and what the unpacked binaries link to.
SYSTEM_PKGS=(qemu-system-misc lld-14 socat gcc libc6-dev binutils patchelf
  libllvm14 libcurl3-gnutls libgit2-1.5 libssh2-1 libssl3 zlib1g)

CACHE_DIR=${1:-${CXLOG_BENCH_CACHE:-$HOME/.cache/cxlog-bench}}
mkdir -p "$CACHE_DIR"
CACHE_DIR=$(cd "$CACHE_DIR" && pwd -P)
TOOLCHAIN=$CACHE_DIR/rust-$RUST_VERSION
ROOT=$TOOLCHAIN/root
STAMPS=$CACHE_DIR/stamps
BIN=$CACHE_DIR/bin
mkdir -p "$STAMPS" "$BIN" "$TOOLCHAIN/debs"
# One prepare at a time per cache (tests of several developers may start it at once).
exec 9>"$CACHE_DIR/.lock"
flock 9

log() { printf 'prepare: %s\n' "$*" >&2; }
die() { printf 'prepare: error: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
T_ALL=$(now)
PHASE=""
T_PHASE=""
phase_begin() { PHASE=$1; T_PHASE=$(now); }
phase_end() { # phase_end built|skipped
  awk -v a="$T_PHASE" -v b="$(now)" -v p="$PHASE" -v s="$1" \
    'BEGIN { printf "prepare: phase %-16s %-8s %6.2f s\n", p, s, b - a }' >&2
}

as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root (or sudo) for: $*"
  fi
}

pkg_installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

APT_UPDATED=0
apt_update_once() {
  if [ "$APT_UPDATED" = 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
    APT_UPDATED=1
  fi
}

# --- phase 1: system packages ------------------------------------------------------
phase_begin apt-install
missing=()
for p in "${SYSTEM_PKGS[@]}"; do
  pkg_installed "$p" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing: ${missing[*]}"
  apt_update_once
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${missing[@]}" >&2
  phase_end built
else
  phase_end skipped
fi

# --- phase 2: download the Rust .debs ----------------------------------------------
phase_begin apt-download
if [ ! -f "$STAMPS/debs-$RUST_VERSION" ]; then
  # On a fresh machine the package lists may be empty: update once if a candidate is missing.
  if ! apt-cache show "${RUST_DEBS[@]}" >/dev/null 2>&1; then
    apt_update_once
  fi
  tmp=$(mktemp -d "$TOOLCHAIN/debs.tmp.XXXXXX")
  # apt-get download fetches as user _apt when that user can write the directory
  # (otherwise it warns and fetches as root).
  chmod 755 "$tmp"
  if [ "$(id -u)" = 0 ] && id _apt >/dev/null 2>&1; then
    chown _apt "$tmp"
  fi
  (cd "$tmp" && apt-get download -q "${RUST_DEBS[@]}" >&2)
  rm -rf "$TOOLCHAIN/debs"
  mv "$tmp" "$TOOLCHAIN/debs"
  (cd "$TOOLCHAIN/debs" && ls -1 ./*.deb) >"$STAMPS/debs-$RUST_VERSION"
  phase_end built
else
  phase_end skipped
fi

# --- phase 3: unpack them (dpkg -x) and make rustc find its own libraries -----------
phase_begin unpack
if [ ! -f "$STAMPS/unpack-$RUST_VERSION" ]; then
  rm -rf "$ROOT" "$ROOT.tmp"
  mkdir -p "$ROOT.tmp"
  for deb in "$TOOLCHAIN"/debs/*.deb; do
    dpkg -x "$deb" "$ROOT.tmp"
  done
  # Debian's rustc finds librustc_driver/libstd in /usr/lib/x86_64-linux-gnu; unpacked
  # elsewhere it needs an RPATH relative to itself. Its sysroot is then $ROOT/usr.
  # shellcheck disable=SC2016 # $ORIGIN is for the dynamic loader, not the shell
  patchelf --set-rpath '$ORIGIN/../lib/x86_64-linux-gnu' "$ROOT.tmp/usr/bin/rustc"
  mv "$ROOT.tmp" "$ROOT"
  "$ROOT/usr/bin/rustc" -vV >&2
  "$ROOT/usr/bin/cargo" -V >&2
  touch "$STAMPS/unpack-$RUST_VERSION"
  phase_end built
else
  phase_end skipped
fi

# rust-lld: Debian's rustc ships /usr/bin/rust-lld -> lld-14 (a dangling link inside the
# cache). The bench puts its own rust-lld on PATH via $BIN (see env.sh); leaving $BIN off
# PATH is how fault (e) "linker `rust-lld` not found" is reproduced.
ln -sfn /usr/bin/lld-14 "$BIN/rust-lld"

RUSTC_BIN=$ROOT/usr/bin/rustc
CARGO_BIN=$ROOT/usr/bin/cargo
SYSROOT_LIB=$ROOT/usr/lib/rustlib/$TARGET/lib
SRC_CORE=$ROOT/usr/lib/rustlib/src/rust/library/core/src/lib.rs
CB_DIR=$( (ls -d "$ROOT"/usr/share/cargo/registry/compiler_builtins-*/ 2>/dev/null || true) | sort -V | tail -n 1)
[ -n "$CB_DIR" ] || die "compiler_builtins source not found under $ROOT/usr/share/cargo/registry"
[ -f "$SRC_CORE" ] || die "core source not found: $SRC_CORE"

# Flags shared by both sysroot crates; as the Rust bootstrap does, crates without
# stability attributes are marked unstable so user code cannot name them.
SYSROOT_FLAGS=(--target "$TARGET" --crate-type rlib -C opt-level=3 -C panic=abort
  -C metadata=cxlog-bench -C extra-filename=-cxlog -Z force-unstable-if-unmarked
  --cap-lints allow)

# --- phase 4: core -------------------------------------------------------------------
phase_begin sysroot-core
if [ ! -f "$STAMPS/core-$RUST_VERSION-$TARGET" ]; then
  mkdir -p "$SYSROOT_LIB"
  tmp=$(mktemp -d "$TOOLCHAIN/core.tmp.XXXXXX")
  RUSTC_BOOTSTRAP=1 "$RUSTC_BIN" --edition 2021 --crate-name core "${SYSROOT_FLAGS[@]}" \
    "$SRC_CORE" --out-dir "$tmp"
  mv -f "$tmp"/libcore-cxlog.rlib "$SYSROOT_LIB"/
  rm -rf "$tmp"
  touch "$STAMPS/core-$RUST_VERSION-$TARGET"
  phase_end built
else
  phase_end skipped
fi

# --- phase 5: compiler_builtins (rustc injects it into every no_std crate) ------------
phase_begin sysroot-builtins
if [ ! -f "$STAMPS/builtins-$RUST_VERSION-$TARGET" ]; then
  tmp=$(mktemp -d "$TOOLCHAIN/cb.tmp.XXXXXX")
  # The cfgs its build.rs would emit for a *-none target (plus the features the Rust
  # bootstrap enables). A 2015-edition crate.
  RUSTC_BOOTSTRAP=1 "$RUSTC_BIN" --edition 2015 --crate-name compiler_builtins \
    "${SYSROOT_FLAGS[@]}" \
    --cfg 'feature="compiler-builtins"' --cfg 'feature="mem"' --cfg 'feature="unstable"' \
    "$CB_DIR/src/lib.rs" --out-dir "$tmp"
  mv -f "$tmp"/libcompiler_builtins-cxlog.rlib "$SYSROOT_LIB"/
  rm -rf "$tmp"
  touch "$STAMPS/builtins-$RUST_VERSION-$TARGET"
  phase_end built
else
  phase_end skipped
fi

# --- phase 6: env.sh ---------------------------------------------------------------
phase_begin env
mkdir -p "$CACHE_DIR/cargo-home"
env_tmp=$(mktemp "$CACHE_DIR/env.sh.XXXXXX")
cat >"$env_tmp" <<EOF
# Generated by build/bench/prepare.sh: the environment a cxlog bench firmware build needs.
# Source it, then run cargo from the firmware directory: "\$CARGO" build -vv --release
# It sets no RUSTFLAGS on purpose: the linker script flag comes from the firmware's
# .cargo/config.toml ([target.$TARGET] rustflags).
export CXLOG_BENCH_ENV='$CACHE_DIR/env.sh'
export CXLOG_BENCH_CACHE='$CACHE_DIR'
export CXLOG_BENCH_TARGET='$TARGET'
export CXLOG_BENCH_BIN='$BIN'
export RUSTC='$RUSTC_BIN'
export CARGO='$CARGO_BIN'
export CARGO_HOME='$CACHE_DIR/cargo-home'
export CARGO_NET_OFFLINE=true
case ":\$PATH:" in
  *":$BIN:"*) ;;
  *) export PATH="$BIN:\$PATH" ;;
esac
EOF
mv -f "$env_tmp" "$CACHE_DIR/env.sh"
chmod 644 "$CACHE_DIR/env.sh"
phase_end built

awk -v a="$T_ALL" -v b="$(now)" 'BEGIN { printf "prepare: total %.2f s\n", b - a }' >&2
log "ready: . '$CACHE_DIR/env.sh'"
