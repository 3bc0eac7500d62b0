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
# Usage: .ci/test.sh [go test flags...]   (GO names the go command)
set -uo pipefail
cd "$(dirname "$0")/.."

GO=${GO:-go}
allowed='^(TestScreenshots|TestCrawlDeployed|TestIngestHelper)(/|$)'
log=$(mktemp "${TMPDIR:-/tmp}/argmap-test.XXXXXX")
trap 'rm -f "$log"' EXIT

"$GO" vet "$@" ./... || exit 1
"$GO" test "$@" -count=1 -v ./... >"$log" 2>&1
status=$?

if [ "$status" -ne 0 ]; then
  # Everything go test said about the failures, then the package lines.
  grep -v -E '^(=== (RUN|PAUSE|CONT|NAME)|--- PASS|--- SKIP|PASS$)' "$log" | grep -v -E '^\s+--- PASS'
else
  grep -E '^(ok|\?|FAIL)\s' "$log"
fi

# Each skip: "--- SKIP: TestName (0.00s)" and the reason on the lines
# after it, indented and starting with the file and line.
skips=$(awk '
  /^[[:space:]]*--- SKIP: / { name = $3; getline reason; sub(/^[[:space:]]+/, "", reason); print name "\t" reason }
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
