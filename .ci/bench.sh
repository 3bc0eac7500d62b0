#!/usr/bin/env bash
# .ci/bench.sh (make bench runs it after the Go benchmarks): measures, on
# this machine,
#   - the seed's ingest wall time (median of 5, each into a new database);
#   - ingest throughput and peak memory of generated essays (general
#     sentences, not the seed) of 2.5, 5 and 10 MB (SIZES_MB="5 10 20"
#     for the figures in README.md), and whether they grow linearly; and
#     the refusal of a different essay of the largest size into its
#     database;
#   - argmap serve against a bare net/http handler serving the same bytes
#     from a map (`argmap bench-bare`), with wrk, in turns, on /, a claim
#     page and a paragraph page: req/s, p50 and p99 latency, and the ratio;
#   - the server's resident memory before and after.
# Knobs: CONNS (64), DURATION (10s), ROUNDS (2: the best round of each
# server is reported), SIZES_MB ("2.5 5 10"), SERVE_FLAGS (extra flags
# for argmap serve, e.g. -access-log=false), BARE_FLAGS (for the bare
# server: -headers sends argmap's whole header set), INGEST_ONLY (1: stop after
# the ingest timings).
# Needs wrk and curl (apt-get install -y wrk curl). Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/lib.sh
if [ "${INGEST_ONLY:-0}" != 1 ]; then
  need wrk wrk
  need curl curl
fi
CONNS=${CONNS:-64}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-2}
SIZES_MB=${SIZES_MB:-"2.5 5 10"}
WORK=$(mktemp -d)
build
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "## Ingest"
times=()
for i in 1 2 3 4 5; do
  t0=$(now_ms); "$ARGMAP" ingest -db "$WORK/seed$i.db" "$SEED" >/dev/null; t1=$(now_ms)
  times+=($((t1 - t0)))
done
seed_ms=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
echo "seed ingest ($(wc -c <"$SEED") bytes), wall, median of 5: ${seed_ms} ms (runs: ${times[*]} ms)"

# timed CMD...: runs CMD with its output thrown away, and sets ms (wall
# time) and kb (peak resident memory, from /usr/bin/time; "?" without it).
timed() {
  local t0 t1
  t0=$(now_ms)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%M" -o "$WORK/time" "$@" >/dev/null 2>"$WORK/cmd.err" || true
    kb=$(tail -1 "$WORK/time")
  else
    "$@" >/dev/null 2>"$WORK/cmd.err" || true
    kb="?"
  fi
  t1=$(now_ms); ms=$((t1 - t0))
}

echo
echo "| essay | bytes | ingest wall | MB/s | s per MB | peak RSS |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for mb in $SIZES_MB; do
  bytes=$(awk -v m="$mb" 'BEGIN {printf "%d", m * 1048576}')
  gen_essay "$bytes" "$WORK/gen-$mb.txt"
  timed "$ARGMAP" ingest -db "$WORK/gen-$mb.db" "$WORK/gen-$mb.txt"
  [ -s "$WORK/gen-$mb.db" ] || die "ingest of $mb MB failed: $(cat "$WORK/cmd.err")"
  awk -v mb="$mb" -v b="$bytes" -v ms="$ms" -v kb="$kb" 'BEGIN {printf "| generated %s MB | %d | %.2f s | %.2f | %.2f | %s MiB |\n", mb, b, ms/1000, (b/1048576)/(ms/1000), (ms/1000)/(b/1048576), kb == "?" ? "?" : sprintf("%.0f", kb/1024)}'
done
# A different essay of the largest size into the largest database: refused
# (exit status 1, database unchanged), and how long that takes.
last=${SIZES_MB##* }
bytes=$(awk -v m="$last" 'BEGIN {printf "%d", m * 1048576}')
gen_other_essay "$bytes" "$WORK/other-$last.txt"
timed "$ARGMAP" ingest -db "$WORK/gen-$last.db" "$WORK/other-$last.txt"
grep -q "not a revision of the same essay" "$WORK/cmd.err" || die "the different essay was not refused: $(cat "$WORK/cmd.err")"
awk -v mb="$last" -v b="$bytes" -v ms="$ms" -v kb="$kb" 'BEGIN {printf "| a different %s MB essay into that database (refused) | %d | %.2f s | | | %s MiB |\n", mb, b, ms/1000, kb == "?" ? "?" : sprintf("%.0f", kb/1024)}'

if [ "${INGEST_ONLY:-0}" = 1 ]; then exit 0; fi

echo
echo "## Serving (wrk -t1 -c$CONNS -d$DURATION, best of $ROUNDS rounds each, servers in turns)"
pa=$(free_port); pb=$(free_port)
while [ "$pb" = "$pa" ]; do pb=$(free_port); done
# shellcheck disable=SC2086 # SERVE_FLAGS is a list of flags
"$ARGMAP" serve -db "$WORK/seed1.db" -addr "127.0.0.1:$pa" ${SERVE_FLAGS:-} >/dev/null 2>"$WORK/serve.log" &
PIDS+=($!); serve_pid=$!
# shellcheck disable=SC2086 # BARE_FLAGS is a list of flags
"$ARGMAP" bench-bare -db "$WORK/seed1.db" -addr "127.0.0.1:$pb" ${BARE_FLAGS:-} >/dev/null 2>&1 &
PIDS+=($!); bare_pid=$!
wait_http "http://127.0.0.1:$pa/healthz"
wait_http "http://127.0.0.1:$pb/"
rss_before=$(rss_kb "$serve_pid")
home=$(curl -s "http://127.0.0.1:$pa/")
claim=$(grep -o 'href="/claims/[^"#]*"' <<<"$home" | head -1 | cut -d'"' -f2)
para=$(grep -o 'href="/p/[^"#/]*"' <<<"$home" | head -1 | cut -d'"' -f2)
[ -n "$claim" ] && [ -n "$para" ] || die "no claim or paragraph link on /"

# cpu_ticks PID: user + system CPU time of a process, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICK_US=$((1000000 / $(getconf CLK_TCK)))

# run_wrk URL PID: prints "rps p50_ms p99_ms errors cpu_us_per_request",
# the last being the server's CPU time over the requests it answered
# (less sensitive than req/s to other work on a shared machine).
run_wrk() {
  local c0 c1
  c0=$(cpu_ticks "$2")
  wrk -t1 -c"$CONNS" -d"$DURATION" --latency "$1" >"$WORK/wrk.out"
  c1=$(cpu_ticks "$2")
  awk -v cpu=$(((c1 - c0) * TICK_US)) '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    / requests in / { n = $1 }
    /Requests\/sec:/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Socket errors:/ { gsub(/,/, ""); err += $4 + $6 + $8 + $10 }
    /Non-2xx or 3xx responses:/ { err += $5 }
    END { printf "%s %.3f %.3f %d %.1f\n", rps, p50, p99, err + 0, (n > 0 ? cpu / n : 0) }' "$WORK/wrk.out"
}

errors=0
echo
echo "| page | bare req/s | argmap req/s | ratio | bare p50 / p99 | argmap p50 / p99 | server CPU µs/req bare / argmap |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for path in / "$claim" "$para"; do
  best_a="0 0 0 0"; best_b="0 0 0 0"
  for r in $(seq "$ROUNDS"); do
    if [ $((r % 2)) = 1 ]; then order="b a"; else order="a b"; fi
    for who in $order; do
      if [ "$who" = a ]; then res=$(run_wrk "http://127.0.0.1:$pa$path" "$serve_pid"); else res=$(run_wrk "http://127.0.0.1:$pb$path" "$bare_pid"); fi
      errors=$((errors + $(cut -d' ' -f4 <<<"$res")))
      if [ "$who" = a ]; then
        awk -v x="$res" -v y="$best_a" 'BEGIN {split(x, a, " "); split(y, b, " "); exit !(a[1] + 0 > b[1] + 0)}' && best_a=$res
      else
        awk -v x="$res" -v y="$best_b" 'BEGIN {split(x, a, " "); split(y, b, " "); exit !(a[1] + 0 > b[1] + 0)}' && best_b=$res
      fi
    done
  done
  awk -v p="$path" -v a="$best_a" -v b="$best_b" 'BEGIN {
    split(a, x, " "); split(b, y, " ")
    printf "| `%s` | %.0f | %.0f | %.2f | %.2f / %.2f ms | %.2f / %.2f ms | %.1f / %.1f |\n", p, y[1], x[1], x[1] / y[1], y[2], y[3], x[2], x[3], y[5], x[5] }'
done
rss_after=$(rss_kb "$serve_pid")
hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$serve_pid/status")
echo
echo "argmap serve RSS: $((rss_before / 1024)) MiB after start, $((rss_after / 1024)) MiB after the runs (peak $((hwm / 1024)) MiB)"
echo "wrk errors (socket errors and non-2xx answers): $errors"
echo "access log lines written: $(grep -c 'msg=request' "$WORK/serve.log" || true)"

if [ "${PROFILE:-1}" = 1 ]; then
  echo
  echo "## Where the time goes"
  echo
  echo "argmap serve under wrk -t1 -c$CONNS -d5s on / (pprof -top -cum, selected nodes):"
  pp=$(free_port)
  "$ARGMAP" serve -db "$WORK/seed1.db" -addr "127.0.0.1:$pp" -cpuprofile "$WORK/serve.prof" >/dev/null 2>"$WORK/serve-prof.log" &
  prof_pid=$!
  wait_http "http://127.0.0.1:$pp/healthz"
  wrk -t1 -c"$CONNS" -d5s "http://127.0.0.1:$pp/" >/dev/null
  kill -TERM "$prof_pid"; wait "$prof_pid" || true
  go tool pprof -top -cum -nodecount 400 "$ARGMAP" "$WORK/serve.prof" 2>/dev/null | sed -n '/flat%/,$p' |
    grep -E 'flat%|net/http\.\(\*conn\)\.serve$|chi/v5\.\(\*Mux\)\.ServeHTTP$|server\.\(\*Site\)\.(accessLog|write|prepareAll)|server\.securityHeaders|slog\.\(\*Logger\)\.LogAttrs$|server\.\(\*AccessLogHandler\)\.logRequest$|Syscall6$|net/http\.\(\*response\)\.finishRequest$|net/http\.\(\*conn\)\.readRequest$|runtime\.gcBgMarkWorker$'
  echo
  last=${SIZES_MB##* }
  echo "argmap ingest of the generated $last MB essay (pprof -top -cum, the program's own functions):"
  "$ARGMAP" ingest -db "$WORK/prof.db" -cpuprofile "$WORK/ingest.prof" "$WORK/gen-$last.txt" >/dev/null
  go tool pprof -top -cum -nodecount 60 "$ARGMAP" "$WORK/ingest.prof" 2>/dev/null | sed -n '/flat%/,$p' | grep -E 'flat%|argmap/internal' | head -14
fi
[ "$errors" = 0 ] || die "wrk saw $errors errors"
