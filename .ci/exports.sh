#!/usr/bin/env bash
# .ci/exports.sh DB [ARGMAP...]: the two exports of the argument on a
# large database, as README (Memory, Performance) measures them at the
# input limit. For each argmap binary (default: one built here), a fresh
# `argmap serve -db DB` with the default flags (and SERVE_FLAGS), a crawl
# (unless CRAWL=0) of 40 essay pages, 40 claims pages, 20 figures pages
# and 40 paragraphs spread over the essay and /map, then /export/aif.json
# and /export/argdown, each to a file: time, size, sha256 (the same for
# every binary if they write the same bytes) and the server's peak
# resident memory (VmHWM) after it, with the load average. Needs curl;
# loopback only; DB is only read.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/lib.sh
need curl curl
DB=${1:?usage: .ci/exports.sh DB [ARGMAP...]}
shift
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
bins=("$@")
if [ ${#bins[@]} -eq 0 ]; then
  build
  bins=("$ARGMAP")
fi
for bin in "${bins[@]}"; do
  port=$(free_port)
  "$bin" serve -db "$DB" -addr 127.0.0.1:$port -access-log=false -base http://localhost:8080 ${SERVE_FLAGS:-} >/dev/null 2>"$WORK/serve.err" &
  pid=$!
  for _ in $(seq 200); do [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$port/healthz)" = 200 ] && break; sleep 0.05; done
  hwm() { echo $(( $(awk '/^VmHWM:/ {print $2}' /proc/$pid/status) / 1024 )); }
  echo "$(date -u '+%F %H:%M') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg): $bin"
  if [ "${CRAWL:-1}" = 1 ]; then
    # the number of pages of each paged list, from its pager
    pages_of() { curl -s "http://127.0.0.1:$port$1" | grep -o '"pages": *[0-9]*' | head -1 | grep -o '[0-9]*$' || echo 1; }
    pages=$(pages_of /index.json)
    claims=$(pages_of /claims.json)
    figures=$(pages_of /figures.json)
    paras=$(( pages > 1 ? (pages - 1) * 100 : 1 )) # numbered body paragraphs, 100 an essay page
    paths="/map"
    for n in $(seq 1 40); do paths="$paths /page/$(( 1 + n * ${pages:-1} / 41 ))"; done
    for n in $(seq 1 40); do paths="$paths /claims/page/$(( 1 + n * ${claims:-1} / 41 ))"; done
    for n in $(seq 1 20); do paths="$paths /figures/page/$(( 1 + n * ${figures:-1} / 21 ))"; done
    for n in $(seq 1 40); do paths="$paths /p/$(( 1 + n * ${paras:-1} / 41 ))"; done
    bad=0
    for p in $paths; do
      [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$port$p)" = 200 ] || bad=$((bad + 1))
    done
    echo "  crawl of $(wc -w <<<"$paths") pages ($bad not 200): VmHWM $(hwm) MiB"
  fi
  for p in /export/aif.json /export/argdown; do
    r=$(curl -s -o "$WORK/body" -w '%{http_code} %{time_total} s %{size_download} B' http://127.0.0.1:$port$p)
    echo "  $p: $r, sha256 $(sha256sum "$WORK/body" | cut -c1-16), VmHWM $(hwm) MiB, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  done
  kill $pid
  wait $pid 2>/dev/null || true
done
