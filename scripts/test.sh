#!/usr/bin/env bash
# The whole test suite: what the README's test command and CI run.
#   - installs what the tests need (Debian packages; the firmware bench toolchain) when missing;
#   - go vet, gofmt, staticcheck (pinned, installed from the module proxy when missing), every
#     Go test, and a short fuzz run of the log reader, the command grammar, the scanner, the
#     serial line matcher, KB entry parsing, the compiled-KB cache reader, parse --json's record
#     encoder, fix's TOML edits and verify's scenario files.
# For a quick local loop without the real firmware builds and QEMU: go test -short ./...
# Environment: FUZZTIME (default 10s per target), CXLOG_BENCH_CACHE (bench toolchain cache).
set -euo pipefail
cd "$(dirname "$0")/.."

t0=$(date +%s)
bash scripts/install-deps.sh
echo "== go vet"
go vet ./...
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change: $unformatted" >&2
  exit 1
fi
echo "== staticcheck"
staticcheck_version=v0.8.2
staticcheck="$(go env GOPATH)/bin/staticcheck"
if ! "$staticcheck" -version 2>/dev/null | grep -qF "(${staticcheck_version#v})"; then
  go install "honnef.co/go/tools/cmd/staticcheck@$staticcheck_version"
fi
"$staticcheck" ./...
echo "== go test"
go test -count=1 -timeout 20m ./...
echo "== fuzz (${FUZZTIME:-10s} each)"
# Each new input that widens coverage is minimized for at most a second, not go test's default
# minute: while a worker minimizes, no input runs, and a -fuzztime deadline that falls then
# fails the target with "context deadline exceeded" and no input (golang/go#75804, Go 1.26).
fuzz() { go test -run '^$' -fuzz "^$1\$" -fuzztime "${FUZZTIME:-10s}" -fuzzminimizetime 1s "$2"; }
fuzz FuzzLines ./grammar/logread
fuzz FuzzParseCommand ./grammar
fuzz FuzzScan ./analyze
fuzz FuzzParseEntry ./knowledge
fuzz FuzzTOMLEdit ./fixes
fuzz FuzzLineMatcher ./build
fuzz FuzzParse ./build/scenario
fuzz FuzzDecodeCompiled ./knowledge
fuzz FuzzRecordLine ./cmd/cxlog/report
echo "== all tests passed in $(( $(date +%s) - t0 ))s"
