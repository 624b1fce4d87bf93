#!/usr/bin/env bash
# Measures cxlog on large generated logs (corpus/loggen via scripts/genlog). Needs GNU time
# (apt-get install time) for CPU time and memory. The machine may be shared: read CPU seconds
# (user+sys) next to wall time.
#
#   scripts/bench.sh [MB]     a Markdown table: a bare line reader, parse, parse --json, diff of two
#                             MB logs, diff of two MB logs whose crate keys all differ (every crate
#                             built for another triple, each Running line another crate), explain
#                             of an MB log; the ratios parse/reader and explain/parse; explain
#                             cold/warm medians on a seed case (default 200 MB)
#   scripts/bench.sh scale    a Markdown table: parse, diff, explain and diff of all-distinct crates
#                             at 10, 50, 100, 200 and 400 MB (SCALE_MB overrides the sizes), each log deleted after use
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BENCH_DIR:-$(mktemp -d)}
go build -o "$dir/cxlog" ./cmd/cxlog
go build -o "$dir/genlog" ./scripts/genlog
export CXLOG_CACHE_DIR="$dir/cache"

# cell CMD...: "wall s / CPU s / peak MB" of one run, for the scale table
cell() {
  /usr/bin/time -f "%e %U %S %M" -o "$dir/cell" "$@" >/dev/null 2>&1 || true
  awk 'END {printf "%.2f s / %.2f s / %d MB", $1, $2 + $3, $4 / 1024}' "$dir/cell"
}
gen() { "$dir/genlog" -mb "$1" -seed "$2" "${@:4}" -o "$3" >/dev/null; }

if [ "${1:-}" = scale ]; then
  [ -x /usr/bin/time ] || { echo "bench.sh scale needs GNU time (apt-get install time)" >&2; exit 2; }
  echo "| log | parse (wall / CPU / peak RSS) | diff of two | explain | diff of two whose crates all differ |"
  echo "| --- | --- | --- | --- | --- |"
  for mb in ${SCALE_MB:-10 50 100 200 400}; do
    gen "$mb" 1 "$dir/a.log"
    gen "$mb" 2 "$dir/b.log"
    "$dir/cxlog" explain "$dir/a.log" >/dev/null 2>&1 || true # the index cache, built once
    row="| $mb MB | $(cell "$dir/cxlog" parse "$dir/a.log") | $(cell "$dir/cxlog" diff "$dir/a.log" "$dir/b.log") | $(cell "$dir/cxlog" explain "$dir/a.log")"
    rm -f "$dir/a.log" "$dir/b.log"
    gen "$mb" 1 "$dir/k1.log" -distinct-crates
    gen "$mb" 2 "$dir/k2.log" -distinct-crates -target thumbv7em-none-eabihf
    echo "$row | $(cell "$dir/cxlog" diff "$dir/k1.log" "$dir/k2.log") |"
    rm -f "$dir/k1.log" "$dir/k2.log"
  done
  exit 0
fi

mb=${1:-200}
bytes=$((mb << 20))
gen "$mb" 1 "$dir/a.log"
gen "$mb" 2 "$dir/b.log"
# measure LABEL CMD...: one table row (wall, CPU, peak RSS, MB/s of one input) and $wall set
measure() {
  local label=$1; shift
  local t0 t1 user sys rss
  t0=$(date +%s%N)
  /usr/bin/time -f "%U %S %M" -o "$dir/cell" "$@" >/dev/null 2>&1 || true
  t1=$(date +%s%N)
  # GNU time writes "Command exited with non-zero status N" first when diff finds differences.
  read -r user sys rss < <(tail -n 1 "$dir/cell")
  wall=$(awk -v d=$((t1 - t0)) 'BEGIN {printf "%.3f", d / 1e9}')
  awk -v l="$label" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v b="$bytes" \
    'BEGIN {printf "| %s | %.3f s | %.2f s | %d MB | %.0f MB/s |\n", l, w, u + s, r / 1024, b / 1048576 / (w > 0 ? w : 0.001)}'
}
[ -x /usr/bin/time ] || { echo "bench.sh needs GNU time (apt-get install time)" >&2; exit 2; }
go build -o "$dir/linereader" ./scripts/linereader
echo "| what (${mb} MB logs) | wall | CPU (user+sys) | peak RSS | MB/s of one log |"
echo "| --- | --- | --- | --- | --- |"
measure "a bare bufio.Scanner line reader" "$dir/linereader" "$dir/a.log"; reader=$wall
measure "parse" "$dir/cxlog" parse "$dir/a.log"; parse=$wall
measure "parse --json" "$dir/cxlog" parse --json "$dir/a.log"
measure "diff of two" "$dir/cxlog" diff "$dir/a.log" "$dir/b.log"
"$dir/cxlog" explain corpus/seed/s05-linker-cc-explicit.log >/dev/null 2>&1 || true # the index cache
measure "explain" "$dir/cxlog" explain "$dir/a.log"; explain=$wall
rm -f "$dir/a.log" "$dir/b.log"
gen "$mb" 1 "$dir/k1.log" -distinct-crates
gen "$mb" 2 "$dir/k2.log" -distinct-crates -target thumbv7em-none-eabihf
measure "diff of two whose crates all differ (another triple)" "$dir/cxlog" diff "$dir/k1.log" "$dir/k2.log"
rm -f "$dir/k1.log" "$dir/k2.log"
awk -v p="$parse" -v r="$reader" -v e="$explain" 'BEGIN {
  printf "\nparse / bare line reader: %.0fx; explain / parse: %.2fx\n", p / (r > 0 ? r : 0.001), e / (p > 0 ? p : 0.001) }'

# explain on a seed case: median of 11 runs, cold (empty index cache) and warm.
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms() { local s; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; echo $(( ($(date +%s%N) - s) / 1000000 )); }
case_log=corpus/seed/s05-linker-cc-explicit.log
cold=$(for _ in $(seq 11); do rm -rf "$dir/cache"; ms "$dir/cxlog" explain "$case_log"; done | median)
"$dir/cxlog" explain "$case_log" >/dev/null 2>&1 || true
warm=$(for _ in $(seq 11); do ms "$dir/cxlog" explain "$case_log"; done | median)
echo "explain $case_log: cold median ${cold} ms, warm median ${warm} ms"
