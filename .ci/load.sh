#!/usr/bin/env bash
# .ci/load.sh (make load): a soak test of argmap serve on loopback. wrk
# opens 256 connections for 30 s and asks, in turn, for every page linked
# from / and the stylesheet, half of them with Accept-Encoding: br, gzip.
# It fails unless there are zero errors (socket errors, non-2xx answers)
# and resident memory stays flat (grows by less than RSS_SLACK_MB, 10).
# Knobs: CONNS (256), DURATION (30s). Needs wrk and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/lib.sh
need wrk wrk
need curl curl
CONNS=${CONNS:-256}
DURATION=${DURATION:-30s}
RSS_SLACK_MB=${RSS_SLACK_MB:-10}
WORK=$(mktemp -d)
build
"$ARGMAP" ingest -db "$WORK/argmap.db" "$SEED" >/dev/null
port=$(free_port)
"$ARGMAP" serve -db "$WORK/argmap.db" -addr "127.0.0.1:$port" >/dev/null 2>"$WORK/serve.log" &
PIDS+=($!); pid=$!
root="http://127.0.0.1:$port"
wait_http "$root/healthz"

# Every internal link on /, the essay's JSON and the stylesheet.
curl -s "$root/" | grep -o 'href="/[^"#]*' | cut -d'"' -f2 | sort -u >"$WORK/paths"
echo "/essay.json" >>"$WORK/paths"
n=$(wc -l <"$WORK/paths")
{
  echo 'paths = {'
  sed 's/.*/  "&",/' "$WORK/paths"
  echo '}'
  cat <<'LUA'
local i = 0
request = function()
  i = i + 1
  local p = paths[(i % #paths) + 1]
  if i % 2 == 0 then
    return wrk.format("GET", p, { ["Accept-Encoding"] = "br, gzip" })
  end
  return wrk.format("GET", p)
end
LUA
} >"$WORK/paths.lua"

# Warm up with as many connections (each holds buffers and a goroutine),
# then sample memory before and after the soak: flat means no leak.
wrk -t2 -c"$CONNS" -d3s -s "$WORK/paths.lua" "$root" >/dev/null
before=$(rss_kb "$pid")
echo "soak: $CONNS connections for $DURATION over $n paths; RSS before: $((before / 1024)) MiB"
wrk -t2 -c"$CONNS" -d"$DURATION" --latency -s "$WORK/paths.lua" "$root" | tee "$WORK/wrk.out"
after=$(rss_kb "$pid")
kill -0 "$pid" 2>/dev/null || die "the server died"
errors=$(awk '/Socket errors:/ {gsub(/,/, ""); e += $4 + $6 + $8 + $10} /Non-2xx or 3xx responses:/ {e += $5} END {print e + 0}' "$WORK/wrk.out")
requests=$(awk '/requests in/ {print $1}' "$WORK/wrk.out")
echo "requests: $requests; errors: $errors; RSS after: $((after / 1024)) MiB (before $((before / 1024)) MiB, peak $(awk '/^VmHWM:/ {printf "%d", $2/1024}' "/proc/$pid/status") MiB)"
[ "$errors" = 0 ] || die "$errors errors under load"
[ "$((after - before))" -lt $((RSS_SLACK_MB * 1024)) ] || die "memory grew by $(((after - before) / 1024)) MiB under load"
[ "$(curl -s "$root/healthz")" = ok ] || die "/healthz does not answer after the soak"
echo "load: ok"
