# Sourced by fault-matrix.sh and pairs.sh after `set -euo pipefail`, sharing their arguments:
# sets here, fw_src and corpus (from a leading --corpus DIR, taken off the arguments), and loads
# env.sh with none of the variables that inject faults.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
fw_src=$(cd "$here/../testdata/firmware" && pwd -P)
corpus=""
if [ "${1:-}" = "--corpus" ]; then
  corpus=$2
  shift 2
  mkdir -p "$corpus"
  corpus=$(cd "$corpus" && pwd -P)
fi

env_file=${CXLOG_BENCH_CACHE:-$HOME/.cache/cxlog-bench}/env.sh
[ -r "$env_file" ] || { echo "$(basename "$0" .sh): $env_file not found: run prepare.sh" >&2; exit 2; }
unset RUSTFLAGS CARGO_ENCODED_RUSTFLAGS CARGO_BUILD_RUSTFLAGS CARGO_BUILD_TARGET \
  CARGO_TARGET_RISCV32IMC_UNKNOWN_NONE_ELF_RUSTFLAGS CARGO_TARGET_RISCV32IMC_UNKNOWN_NONE_ELF_LINKER \
  CXLOG_BENCH_ENV
# shellcheck source=/dev/null
. "$env_file"
