#!/usr/bin/env bash
# .ci/deploy-check.sh (make deploy-check; .ci/run runs it after make test):
# proves the two ways to scale argmap out, on loopback, with Debian nginx
# run as a non-daemon with its own config in a temporary folder.
#
#   1. static: `argmap export` writes the site as files; nginx serves the
#      folder (pages at P/index.html, JSON twins and static files as is).
#   2. replicas: two `argmap serve` processes on the same database behind
#      nginx as a caching reverse proxy (proxy_cache honours argmap's
#      Cache-Control, ETag and Vary).
#
# Each is crawled from / by the server package's crawler
# (TestCrawlDeployed): every link, #fragment and JSON twin must work and
# every page of the site must be reached. Then one replica is killed and
# the proxy is crawled again. Exits non-zero on any failure.
# The database has two revisions, so that versioned and removed
# paragraphs are served too. Needs nginx and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/lib.sh
need nginx nginx
need curl curl
WORK=$(mktemp -d)
chmod 755 "$WORK" # nginx workers may run as another user
build
go test -c -tags sqlite_fts5 -buildvcs=false -o "$WORK/server.test" ./internal/server || die "build the crawler"

# A database with two revisions: the second drops one paragraph and adds a
# sentence to another.
db="$WORK/argmap.db"
"$ARGMAP" ingest -db "$db" "$SEED" >/dev/null
awk 'NR != 6' "$SEED" | sed '4s/$/ This sentence was added in a revision./' >"$WORK/revised.txt"
"$ARGMAP" ingest -db "$db" "$WORK/revised.txt" >/dev/null

p_static=$(free_port); p_proxy=$(free_port); p_a=$(free_port); p_b=$(free_port)
[ "$(printf '%s\n' "$p_static" "$p_proxy" "$p_a" "$p_b" | sort -u | wc -l)" = 4 ] || die "port clash, run again"
"$ARGMAP" export -db "$db" -base "http://127.0.0.1:$p_static" -out "$WORK/site" >/dev/null
chmod -R a+rX "$WORK/site"
for p in "$p_a" "$p_b"; do
  "$ARGMAP" serve -db "$db" -addr "127.0.0.1:$p" -base "http://127.0.0.1:$p_proxy" >/dev/null 2>"$WORK/replica-$p.log" &
  PIDS+=($!)
done
replica_a=${PIDS[0]}

mkdir -p "$WORK/nginx"
# header NAME CURL-ARGS…: the value of a response header.
header() { curl -s -o /dev/null -D - "${@:2}" | tr -d '\r' | awk -v h="$1" 'tolower($0) ~ "^" tolower(h) ":" {sub(/^[^:]*: */, ""); print}'; }
# The static host sends the same security headers as argmap.
wait_http "http://127.0.0.1:$p_a/healthz"
csp=$(header Content-Security-Policy "http://127.0.0.1:$p_a/healthz")
case "$csp" in "default-src 'none';"*) ;; *) die "argmap sends no strict CSP: '$csp'" ;; esac
cat >"$WORK/nginx/headers.conf" <<CONF
add_header Content-Security-Policy "$csp" always;
add_header X-Content-Type-Options nosniff always;
add_header Referrer-Policy strict-origin-when-cross-origin always;
add_header Cross-Origin-Opener-Policy same-origin always;
CONF
user=""
[ "$(id -u)" = 0 ] && user="user root;"
cat >"$WORK/nginx/nginx.conf" <<CONF
$user
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 512; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  charset utf-8;
  charset_types text/css application/json image/svg+xml;
  access_log off;
  server_tokens off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  gzip on;
  gzip_vary on;
  gzip_types text/css application/json image/svg+xml;

  # 1. The exported folder.
  map \$arg_v \$static_cache {
    ""      "public, max-age=60";
    default "public, max-age=31536000, immutable";
  }
  server {
    listen 127.0.0.1:$p_static;
    root $WORK/site;
    index index.html;
    error_page 404 /404.html;
    location / {
      try_files \$uri \$uri/index.html =404;
      include $WORK/nginx/headers.conf;
      add_header Cache-Control "public, max-age=60" always;
    }
    location ~ ^/p/[^/]+/v/ {
      try_files \$uri \$uri/index.html =404;
      include $WORK/nginx/headers.conf;
      add_header Cache-Control "public, max-age=31536000, immutable" always;
    }
    location /static/ {
      include $WORK/nginx/headers.conf;
      add_header Cache-Control \$static_cache always;
    }
  }

  # 2. A caching reverse proxy in front of two replicas.
  proxy_cache_path $WORK/nginx/cache levels=1:2 keys_zone=argmap:10m max_size=100m inactive=10m use_temp_path=off;
  upstream argmap {
    server 127.0.0.1:$p_a max_fails=1 fail_timeout=10s;
    server 127.0.0.1:$p_b max_fails=1 fail_timeout=10s;
    keepalive 16;
  }
  server {
    listen 127.0.0.1:$p_proxy;
    location / {
      proxy_pass http://argmap;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_cache argmap;
      proxy_cache_revalidate on;
      proxy_cache_lock on;
      proxy_cache_use_stale error timeout updating http_502 http_503 http_504;
      proxy_next_upstream error timeout http_502 http_503;
      add_header X-Cache-Status \$upstream_cache_status always;
    }
  }
}
CONF
nginx -t -q -e "$WORK/nginx/error.log" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" || die "nginx config: $(cat "$WORK/nginx/error.log")"
nginx -e "$WORK/nginx/error.log" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
PIDS+=($!)
static="http://127.0.0.1:$p_static"
proxy="http://127.0.0.1:$p_proxy"
wait_http "$static/"
wait_http "$proxy/healthz"

crawl() { # crawl URL BASE STATIC
  (cd internal/server && ARGMAP_CRAWL_URL=$1 ARGMAP_CRAWL_BASE=$2 ARGMAP_CRAWL_STATIC=$3 ARGMAP_CRAWL_DB=$db \
    "$WORK/server.test" -test.run '^TestCrawlDeployed$' -test.v -test.count=1) >"$WORK/crawl.out" 2>&1 ||
    { cat "$WORK/crawl.out"; die "crawl of $1 found broken links"; }
  grep -o 'crawled.*' "$WORK/crawl.out"
}
check() { # check WHAT GOT WANT
  [ "$2" = "$3" ] || die "$1: got '$2', want '$3'"
  echo "ok: $1: $2"
}

echo "== static: nginx serving the export on $static"
crawl "$static" "$static" 1
vpath=$(cd "$WORK/site" && find p -path '*/v/*' -name index.html | head -1 | sed -e 's|^|/|' -e 's|/index.html$||')
[ -n "$vpath" ] || die "the export has no versioned paragraph page"
check "static $vpath Cache-Control" "$(header Cache-Control "$static$vpath")" "public, max-age=31536000, immutable"
check "static / CSP" "$(header Content-Security-Policy "$static/")" "$csp"
check "static unknown path" "$(curl -s -o /dev/null -w '%{http_code}' "$static/nope")" 404

echo "== replicas: nginx caching proxy on $proxy in front of :$p_a and :$p_b"
crawl "$proxy" "$proxy" 0
curl -s -o /dev/null "$proxy/claims"
check "proxy /claims again X-Cache-Status" "$(header X-Cache-Status "$proxy/claims")" HIT
apath=$(curl -s "$proxy/" | grep -o '/static/argmap.css?v=[0-9a-f]*' | head -1)
[ -n "$apath" ] || die "/ links no fingerprinted stylesheet"
check "proxy $apath Cache-Control" "$(header Cache-Control "$proxy$apath")" "public, max-age=31536000, immutable"
# The seed has one revision, so $vpath is a current text's versioned page:
# the next revision changes it, and argmap gives it the short policy.
check "proxy $vpath (current text) Cache-Control" "$(header Cache-Control "$proxy$vpath")" "public, max-age=60"
check "proxy / with br Content-Encoding" "$(header Content-Encoding -H 'Accept-Encoding: br' "$proxy/")" br
check "proxy / CSP" "$(header Content-Security-Policy "$proxy/")" "$csp"
check "proxy POST /" "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$proxy/")" 405
served_a=$(grep -c 'msg=request' "$WORK/replica-$p_a.log" || true)
served_b=$(grep -c 'msg=request' "$WORK/replica-$p_b.log" || true)
echo "requests answered: replica :$p_a $served_a, replica :$p_b $served_b"

echo "== one replica down"
kill "$replica_a"; wait "$replica_a" 2>/dev/null || true
check "proxy /healthz (never cached) with :$p_a down" "$(curl -s "$proxy/healthz")" ok
crawl "$proxy" "$proxy" 0
echo "deploy-check: ok"
