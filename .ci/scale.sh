#!/usr/bin/env bash
# .ci/scale.sh (make scale): argmap at four sizes of essay, generated here
# (none is committed): the seed; a long report (1,834 paragraphs of 5-10
# sentences, about 770 KB); 10,000 short paragraphs; 50,000 short
# paragraphs (3.7 MB). For each it ingests the essay (wall time and peak
# memory from /usr/bin/time), starts `argmap serve` and times how long
# until /healthz answers 200 (the first snapshot read), fetches the pages a
# reader reaches (every page of the paged lists and their JSON twins, /map,
# /revisions, /api, every thesis page, the first claims and paragraphs,
# the whole-essay downloads) and reports the largest page, then the
# server's memory (resident now and at its peak).
# Knobs: SIZES ("seed report 10k 50k"), CLAIMS (claim and paragraph pages
# fetched, 40), SERVE_FLAGS (extra flags for argmap serve). Needs curl and /usr/bin/time (apt-get install -y curl
# time). Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/lib.sh
need curl curl
[ -x /usr/bin/time ] || die "/usr/bin/time not found: apt-get install -y time"
SIZES=${SIZES:-"seed report 10k 50k"}
CLAIMS=${CLAIMS:-40}
WORK=$(mktemp -d)
build
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| input | bytes | paragraphs | ingest wall | ingest peak RSS | serve ready after | serve RSS after the crawl / peak | largest page | largest download |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"

# ms_since T0: milliseconds since T0 (from now_ms).
ms_since() { echo $(($(now_ms) - $1)); }

for size in $SIZES; do
  case $size in
    seed) cp "$SEED" "$WORK/seed.txt" ;;
    report) gen_paragraphs 1834 5 10 "$WORK/report.txt" ;;
    10k) gen_paragraphs 10000 1 1 "$WORK/10k.txt" ;;
    50k) gen_paragraphs 50000 1 1 "$WORK/50k.txt" ;;
    *) die "unknown size $size (seed, report, 10k, 50k)" ;;
  esac
  in="$WORK/$size.txt"; db="$WORK/$size.db"
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$ARGMAP" ingest -db "$db" "$in" >"$WORK/ingest.out"
  read -r ingest_s ingest_kb <"$WORK/time"
  paras=$(grep -o '[0-9]* paragraphs' "$WORK/ingest.out" | cut -d' ' -f1)

  port=$(free_port)
  t0=$(now_ms)
  # shellcheck disable=SC2086 # SERVE_FLAGS is a list of flags
  "$ARGMAP" serve -db "$db" -addr "127.0.0.1:$port" -access-log=false ${SERVE_FLAGS:-} >/dev/null 2>"$WORK/serve.log" &
  pid=$!; PIDS+=("$pid")
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz")" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || die "serve of $size exited: $(cat "$WORK/serve.log")"
    sleep 0.005
  done
  ready_ms=$(ms_since "$t0")

  root="http://127.0.0.1:$port"
  : >"$WORK/urls"
  # page_count LIST: the number of pages of a paged list, from its twin.
  page_count() { curl -s "$root$1" | grep -o '"pages": [0-9]*' | head -1 | grep -o '[0-9]*$' || echo 1; }
  for list in / /claims /figures; do
    n=$(page_count "$( [ "$list" = / ] && echo /index.json || echo "$list.json")")
    for i in $(seq 1 "$n"); do
      if [ "$i" = 1 ]; then p=$list; elif [ "$list" = / ]; then p=/page/$i; else p=$list/page/$i; fi
      echo "$p" >>"$WORK/urls"
      if [ "$p" = / ]; then echo /index.json >>"$WORK/urls"; else echo "$p.json" >>"$WORK/urls"; fi
    done
  done
  for p in /map /revisions /api; do echo "$p" >>"$WORK/urls"; echo "$p.json" >>"$WORK/urls"; done
  curl -s "$root/claims.json" | grep -o '"claim_url": "/claims/[^"]*"' | cut -d'"' -f4 | head -n "$CLAIMS" |
    while read -r p; do echo "$p"; echo "$p.json"; done >>"$WORK/urls"
  curl -s "$root/index.json" | grep -o '"url": "/p/[^"#]*"' | cut -d'"' -f4 | sort -u | head -n "$CLAIMS" |
    while read -r p; do echo "$p"; echo "$p.json"; done >>"$WORK/urls"
  largest=0; largest_p=
  while read -r p; do
    b=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' "$root$p")
    code=${b% *}; bytes=${b#* }
    [ "$code" = 200 ] || die "$size: GET $p = $code"
    if [ "$bytes" -gt "$largest" ]; then largest=$bytes; largest_p=$p; fi
  done <"$WORK/urls"
  dl=0; dl_p=
  for p in /essay.json /export/aif.json /export/argdown /sentences.csv /figures.csv; do
    bytes=$(curl -s -o /dev/null -w '%{size_download}' "$root$p")
    if [ "$bytes" -gt "$dl" ]; then dl=$bytes; dl_p=$p; fi
  done
  rss=$(rss_kb "$pid"); hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  awk -v s="$size" -v by="$(wc -c <"$in")" -v pa="$paras" -v is="$ingest_s" -v ik="$ingest_kb" -v r="$ready_ms" \
      -v rss="$rss" -v hwm="$hwm" -v lp="$largest_p" -v lb="$largest" -v n="$(wc -l <"$WORK/urls")" -v dp="$dl_p" -v db="$dl" 'BEGIN {
    printf "| %s | %d | %d | %.2f s | %.0f MiB | %d ms | %.0f / %.0f MiB | %.0f KB (`%s`, of %d fetched) | %.1f MB (`%s`) |\n",
      s, by, pa, is, ik / 1024, r, rss / 1024, hwm / 1024, lb / 1000, lp, n, db / 1e6, dp }'
  rm -f "$db"
done
