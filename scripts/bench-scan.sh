#!/usr/bin/env bash
# cxlog scan on a CI fleet's worth of failed logs: N logs (default 10000) of SIZE KiB (default
# 1024), each a generated build ending in a labelled corpus failure (scripts/genfleet). Prints
# logs/s and peak RSS (GNU time) of `cxlog scan --format ndjson DIR`, on all cores (GOMAXPROCS,
# default the machine's). The logs are written to a temporary directory and deleted.
# Usage: scripts/bench-scan.sh [N] [SIZE_KIB]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
kb=${2:-1024}
dir=$(mktemp -d "${TMPDIR:-/tmp}/cxlog-bench-scan.XXXXXX")
trap 'rm -rf "$dir"' EXIT
go build -o "$dir/cxlog" ./cmd/cxlog
go run ./scripts/genfleet -n "$n" -kb "$kb" -o "$dir/logs"
export CXLOG_CACHE_DIR="$dir/cache"
"$dir/cxlog" explain corpus/seed/s05-linker-cc-explicit.log >/dev/null # the index, cached
start=$(date +%s.%N)
/usr/bin/time -f "%e s, peak RSS %M KiB" -o "$dir/time" "$dir/cxlog" scan --format ndjson "$dir/logs" >"$dir/scan.ndjson"
end=$(date +%s.%N)
lines=$(wc -l <"$dir/scan.ndjson")
echo "cxlog scan: $lines logs of ${kb} KiB in $(cat "$dir/time") on $(nproc) cores"
awk -v n="$lines" -v s="$start" -v e="$end" -v kb="$kb" 'BEGIN { printf "%.1f logs/s, %.0f MB/s\n", n / (e - s), n * kb / 1024 / (e - s) }'
echo "by class:"
grep -o '"cxlog.class":"[^"]*"' "$dir/scan.ndjson" | sort | uniq -c | sort -rn | head -20
