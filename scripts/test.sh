#!/usr/bin/env bash
# The whole test suite: what the README's test command and CI run.
#   - installs what the tests need (Debian packages; the firmware bench toolchain) when missing;
#   - go vet, gofmt, staticcheck (pinned, installed from the module proxy when missing), every
#     Go test, and a short fuzz run of the log reader, the command grammar, the scanner, the
#     serial line matcher, KB entry parsing, the compiled-KB cache reader, parse --json's record
#     encoder, fix's TOML edits and verify's scenario files.
# For a quick local loop without the real firmware builds and QEMU: go test -short ./...
# Environment: FUZZTIME (overrides each target's input count), CXLOG_BENCH_CACHE (bench toolchain cache).
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
echo "== fuzz (${FUZZTIME:-a fixed number of inputs} each)"
# Each budget is a count of inputs, about 6 s of fuzzing on the 2-core machine, not a duration: a
# -fuzztime duration is a context deadline, and Go 1.26's fuzz coordinator can report that
# deadline as the target's failure, "context deadline exceeded" with no input written
# (golang/go#75804, fixed in Go 1.27). A count has no deadline to race. FUZZTIME overrides every
# budget (e.g. FUZZTIME=5m, or 1000000x). Each new input that widens coverage is minimized for
# at most a second, not a minute: no input runs while a worker minimizes.
fuzz() { go test -run '^$' -fuzz "^$1\$" -fuzztime "${FUZZTIME:-$3}" -fuzzminimizetime 1s "$2"; }
fuzz FuzzLines ./grammar/logread 120000x
fuzz FuzzParseCommand ./grammar 120000x
fuzz FuzzScan ./analyze 40000x
fuzz FuzzParseEntry ./knowledge 12000x
fuzz FuzzTOMLEdit ./fixes 25000x
fuzz FuzzLineMatcher ./build 120000x
fuzz FuzzParse ./build/scenario 180000x
fuzz FuzzDecodeCompiled ./knowledge 50000x
fuzz FuzzRecordLine ./cmd/cxlog/report 12000x
echo "== all tests passed in $(( $(date +%s) - t0 ))s"
