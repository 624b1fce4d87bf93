#!/usr/bin/env bash
# Measures cxlog on large generated logs: parse throughput and peak memory, diff time and memory.
# Usage: scripts/bench.sh [MB] (default 200). Needs GNU time (apt-get install time) for memory.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-200}
dir=${BENCH_DIR:-$(mktemp -d)}
go build -o "$dir/cxlog" ./cmd/cxlog
go run ./scripts/genlog -mb "$mb" -seed 1 -o "$dir/a.log"
go run ./scripts/genlog -mb "$mb" -seed 2 -o "$dir/b.log"
echo "grep -c Running: $(grep -c Running "$dir/a.log") (time: $( { /usr/bin/time -f %e grep -c Running "$dir/a.log" >/dev/null; } 2>&1 ))s"
measure() {
  local label=$1; shift
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "$label: %e s, peak RSS %M KiB" "$@" >/dev/null || true
  else
    local t0=$(date +%s.%N); "$@" >/dev/null || true
    echo "$label: $(echo "$(date +%s.%N) - $t0" | bc) s (install GNU time for memory)"
  fi
}
measure "parse --json ${mb}MB" "$dir/cxlog" parse --json "$dir/a.log"
measure "parse summary ${mb}MB" "$dir/cxlog" parse "$dir/a.log"
measure "diff 2x${mb}MB" "$dir/cxlog" diff "$dir/a.log" "$dir/b.log"

# explain on a seed case: median of 11 runs, cold (empty index cache) and warm.
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms() { local s; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; echo $(( ($(date +%s%N) - s) / 1000000 )); }
case_log=corpus/seed/s05-linker-cc-explicit.log
cold=$(for _ in $(seq 11); do rm -rf "$dir/cache"; CXLOG_CACHE_DIR="$dir/cache" ms "$dir/cxlog" explain "$case_log"; done | median)
CXLOG_CACHE_DIR="$dir/cache" "$dir/cxlog" explain "$case_log" >/dev/null
warm=$(for _ in $(seq 11); do CXLOG_CACHE_DIR="$dir/cache" ms "$dir/cxlog" explain "$case_log"; done | median)
echo "explain $case_log: cold median ${cold} ms, warm median ${warm} ms"
