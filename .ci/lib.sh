# Shared helpers of .ci/bench.sh, .ci/load.sh and .ci/deploy-check.sh.
# Everything they start listens on 127.0.0.1 only and is stopped on exit.

export PATH="$PATH:/usr/local/go/bin"
ARGMAP=${ARGMAP:-bin/argmap}
SEED=${SEED:-seeds/central-asians-in-russias-war.txt}

PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -n "${WORK:-}" ] && rm -rf "$WORK"
}
trap cleanup EXIT

die() { echo "$(basename "$0"): $*" >&2; exit 1; }

need() {
  command -v "$1" >/dev/null || die "$1 not found: apt-get install -y $2"
}

build() {
  [ "${NOBUILD:-0}" = 1 ] && return 0 # ARGMAP already built (comparing builds)
  go build -tags sqlite_fts5 -buildvcs=false -o "$ARGMAP" ./cmd/argmap || die "build failed"
}

# free_port prints a loopback TCP port nothing listens on.
free_port() {
  local p
  while :; do
    p=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
}

# wait_http URL: wait up to 10s for URL to answer 200.
wait_http() {
  local i
  for i in $(seq 100); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = 200 ] && return 0
    sleep 0.1
  done
  die "$1 did not answer within 10s"
}

# rss_kb PID: resident memory of a process, in KiB.
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# now_ms: wall clock in milliseconds.
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# gen_sized BYTES FILE SEED TITLE ENDING SENTENCES: about BYTES of
# paragraphs of 3-6 of SENTENCES (|-separated) drawn with srand(SEED), each
# closed by "ENDING N" and the rest of ENDING's line, under TITLE.
gen_sized() {
  awk -v size="$1" -v seed="$3" -v title="$4" -v ending="$5" -v sentences="$6" 'BEGIN {
    n = split(sentences, s, "|"); split(ending, e, " N ")
    srand(seed)
    out = title "\n\n"; total = length(out); printf "%s", out
    p = 0
    while (total < size) {
      line = ""; k = 3 + int(rand() * 4)
      for (i = 0; i < k; i++) line = line s[1 + int(rand() * n)] " "
      line = line e[1] " " (++p) " " e[2] "\n\n"
      printf "%s", line; total += length(line)
    }
  }' > "$2"
}

# gen_essay BYTES FILE: an essay of general sentences (none from the seed),
# about BYTES long, the same for the same size, paragraphs of 3-6 sentences.
gen_essay() {
  gen_sized "$1" "$2" 42 "The case for fewer car parks" "Paragraph N ends here." \
    "Many cities have grown faster than their roads.|According to a survey last year, 42 percent of residents walk to work.|However, critics argue that the data are incomplete.|This suggests that planners should look again at old assumptions.|In 2019 the council spent \$3.5 million on repairs.|Most people prefer short trips to long ones.|Therefore the policy should change before the next election.|Some experts disagree, pointing to rising costs.|The report, published in March, found over 10,000 complaints.|Yet the question remains open.|Because land is scarce, every car park has a price.|A study by the university counted 1,200 empty spaces at noon."
}

# gen_other_essay BYTES FILE: like gen_essay, an essay of other general
# sentences, sharing (almost) no words with it: a different essay, which
# ingest must refuse as a revision of gen_essay's.
gen_other_essay() {
  gen_sized "$1" "$2" 7 "A year at the village school" "Section N closes." \
    "Schools in small towns often share teachers between villages.|A committee met twice a month to review the timetable.|Parents said the new buses arrived late in winter.|The library opened an evening room for older pupils.|Rain delayed the building work by several weeks.|Teachers asked for smaller classes and more books.|The headmistress wrote to every family before the holidays.|Volunteers painted the hall during the long weekend.|Music lessons moved to the morning after the change.|Few pupils walked home alone after dark.|The garden behind the school grew beans and tomatoes.|Inspectors visited in spring and praised the reading club."
}

# gen_paragraphs COUNT MIN MAX FILE: an essay of COUNT paragraphs of MIN to
# MAX general sentences each (none from the seed), the same for the same
# arguments: `gen_paragraphs 50000 1 1` is 50k short paragraphs (3.7 MB),
# `gen_paragraphs 1834 5 10` a long report (about 770 KB).
gen_paragraphs() {
  awk -v count="$1" -v lo="$2" -v hi="$3" 'BEGIN {
    n = split("Many cities have grown faster than their roads.|According to a survey last year, 42 percent of residents walk to work.|However, critics argue that the data are incomplete.|This suggests that planners should look again at old assumptions.|In 2019 the council spent $3.5 million on repairs.|Most people prefer short trips to long ones.|Therefore the policy should change before the next election.|Some experts disagree, pointing to rising costs.|The report, published in March, found over 10,000 complaints.|Yet the question remains open.|Because land is scarce, every car park has a price.|A study by the university counted 1,200 empty spaces at noon.", s, "|")
    srand(42)
    printf "The case for fewer car parks\n\n"
    for (p = 1; p <= count; p++) {
      line = ""; k = lo + int(rand() * (hi - lo + 1))
      for (i = 0; i < k; i++) line = line s[1 + int(rand() * n)] " "
      printf "%sThis is item %d.\n\n", line, p
    }
  }' > "$4"
}
