#!/usr/bin/env bash
# The test runner of `make test`: go vet, then every test of every package
# (go test -v, its output kept in a log), then a report of every test that
# skipped and why. Without -v, go test says nothing of skips: a missing
# Chromium, Java or npm package would pass unseen.
#
# In CI (CI=true), or with ARGMAP_NO_SKIP=1, a skip fails the run, except
# for the tests that are meant to skip under `make test`: TestScreenshots
# (run by `make screenshots`), TestCrawlDeployed (run by `make
# deploy-check`) and TestIngestHelper (the child process that
# TestKillDuringIngest starts).
#
# Usage: .ci/test.sh [go build flags...]   (for go vet and go test; GO
# names the go command, TESTFLAGS adds flags for go test only, e.g. -short)
set -uo pipefail
cd "$(dirname "$0")/.."

GO=${GO:-go}
allowed='^(TestScreenshots|TestCrawlDeployed|TestIngestHelper)(/|$)'
log=$(mktemp "${TMPDIR:-/tmp}/argmap-test.XXXXXX")
trap 'rm -f "$log"' EXIT

"$GO" vet "$@" ./... || exit 1
# shellcheck disable=SC2086 # TESTFLAGS is a list of flags
"$GO" test "$@" ${TESTFLAGS:-} -count=1 -v ./... >"$log" 2>&1
status=$?

if [ "$status" -ne 0 ]; then
  # Everything go test said about the failures, then the package lines.
  grep -v -E '^(=== (RUN|PAUSE|CONT|NAME)|--- PASS|--- SKIP|PASS$)' "$log" | grep -v -E '^\s+--- PASS'
else
  grep -E '^(ok|\?|FAIL)\s' "$log"
fi

# Each skip: go test -v prints the reason ("    file_test.go:NN: why")
# while the test runs, after its "=== RUN|CONT|NAME TestName" line, and
# then "--- SKIP: TestName (0.00s)".
skips=$(awk '
  /^=== (RUN|CONT|NAME) / { cur = $3; next }
  /^[[:space:]]+[^[:space:]]+\.go:[0-9]+: / { if (!(cur in why)) { line = $0; sub(/^[[:space:]]+/, "", line); why[cur] = line } next }
  /^[[:space:]]*--- SKIP: / { name = $3; print name "\t" (name in why ? why[name] : "(no reason given)") }
' "$log")
unexpected=0
if [ -n "$skips" ]; then
  echo "skipped:"
  while IFS=$'\t' read -r name reason; do
    if [[ "$name" =~ $allowed ]]; then
      echo "  $name: $reason (expected: run by its own make target)"
    else
      echo "  $name: $reason"
      unexpected=$((unexpected + 1))
    fi
  done <<<"$skips"
fi

if [ "$unexpected" -gt 0 ] && { [ "${CI:-}" = true ] || [ "${ARGMAP_NO_SKIP:-}" = 1 ]; }; then
  echo "FAIL: $unexpected test(s) skipped; in CI every test must run (install what the reasons above name)"
  exit 1
fi
exit "$status"
