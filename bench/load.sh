#!/bin/sh
# load.sh — load test of the public pages with wrk (not part of make check).
#
#   bench/load.sh [LOTSE_BIN] [SECONDS] [CONNECTIONS]
#       defaults: build/lotse, 30 s, 64 connections; wrk threads = cores
#
# Starts `lotse serve` on 127.0.0.1 with a fresh demo database in a temporary
# folder, warms it up, runs wrk with bench/rotate.lua (/, /bqn-rlp,
# /modellprojekt-mainz, /kontakt, /datenschutz in turn), and prints
# requests/s, latency, the non-2xx count and the server's resident memory
# (VmRSS) before and after.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
BIN=${1:-build/lotse}
DURATION=${2:-30}
CONNS=${3:-64}
THREADS=${WRK_THREADS:-$(nproc)}
[ -x "$BIN" ] || { echo "load.sh: $BIN is not built (make)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "load.sh: wrk is missing (apt-get install wrk)" >&2; exit 2; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/lotse-bench.XXXXXX")
PID=
cleanup() {
	[ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

"$BIN" init --db "$TMP/lotse.db" --demo >/dev/null
"$BIN" serve --db "$TMP/lotse.db" --listen 127.0.0.1:0 --threads "${LOTSE_THREADS:-4}" \
	2>"$TMP/server.log" &
PID=$!
URL=$(bench_base "$TMP/server.log" load.sh) || exit 1

rss() { sed -n 's/^VmRSS:[[:space:]]*//p' "/proc/$PID/status"; }

echo "lotse      $("$BIN" --version)"
echo "target     $URL, $CONNS connections, $THREADS wrk threads, $DURATION s"
echo "rss start  $(rss)"
# warm-up: every worker thread opens its database and caches statements
wrk -t "$THREADS" -c "$CONNS" -d 2s -s bench/rotate.lua "$URL" >/dev/null
echo "rss warm   $(rss)"
wrk -t "$THREADS" -c "$CONNS" -d "${DURATION}s" --latency -s bench/rotate.lua "$URL" |
	sed -n '/^requests\/s/,$p'
echo "rss after  $(rss)"
# the server logs one line per request: its size says nothing about the app
grep -c ' info GET ' "$TMP/server.log" | sed 's/^/log lines  /'
