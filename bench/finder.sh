#!/bin/sh
# finder.sh — the offer finder under load, against nginx serving the same page.
#
#   bench/finder.sh [LOTSE_BIN] [ROWS] [SECONDS]   defaults: build/lotse, 100000, 15
#
# Builds a database of ROWS generated offers (bench/gen_offers.py + `lotse
# import offers`; cached in /tmp/lotse-bench-finder-ROWS.db), starts lotse on
# 127.0.0.1, saves one finder result page as a static file and starts nginx on
# 127.0.0.1 to serve it. Then wrk with 32 connections for SECONDS against each,
# in the same run, and prints requests/s of both, their ratio (the issue asks
# for lotse >= 30 % of nginx), latency, non-2xx counts, and lotse's resident
# memory before and after the load (the issue asks for <= 100 MB).
# Needs: wrk, nginx (Debian packages wrk and nginx-light).
set -eu
cd "$(dirname "$0")/.."
BIN=${1:-build/lotse}
ROWS=${2:-100000}
SECS=${3:-15}
QUERY="/angebote?q=Sprachkurs&sprache=de"
for t in wrk nginx python3; do
	command -v $t >/dev/null || { echo "finder.sh: $t is missing (apt-get install wrk nginx-light)" >&2; exit 2; }
done
[ -x "$BIN" ] || { echo "finder.sh: $BIN is not built (make)" >&2; exit 2; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/lotse-bench-finder.XXXXXX")
LPID= NPID=
cleanup() {
	[ -n "$LPID" ] && kill "$LPID" 2>/dev/null && wait "$LPID" 2>/dev/null
	[ -n "$NPID" ] && kill "$NPID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

DB=/tmp/lotse-bench-finder-$ROWS.db
if [ ! -f "$DB" ]; then
	echo "building $DB ($ROWS offers; once) ..."
	python3 bench/gen_offers.py -n "$ROWS" -o "$TMP/offers.csv"
	"$BIN" init --db "$DB.tmp" >/dev/null
	"$BIN" import offers --db "$DB.tmp" "$TMP/offers.csv" >/dev/null 2>&1 || true
	"$BIN" reindex --db "$DB.tmp" all >/dev/null 2>&1 || true
	mv "$DB.tmp" "$DB"
	rm -f "$DB.tmp-wal" "$DB.tmp-shm"
fi
OFFERS=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from service').fetchone()[0])" "$DB")

"$BIN" serve --db "$DB" --listen 127.0.0.1:18480 --threads 2 2>"$TMP/lotse.log" &
LPID=$!
for i in $(seq 100); do grep -q "listening on" "$TMP/lotse.log" && break; sleep 0.1; done
rss() { awk '/VmRSS/ { print $2 / 1024 " MB" }' /proc/$LPID/status; }

mkdir -p "$TMP/www"
curl -s "http://127.0.0.1:18480$QUERY" >"$TMP/www/finder.html"
. bench/nginx.sh
nginx_static 18481

# the first search builds the in-memory index
curl -s -o /dev/null "http://127.0.0.1:18480$QUERY"
before=$(rss)
run() { wrk -t 2 -c 32 -d "${SECS}s" --latency "$1" 2>&1; }
L=$(run "http://127.0.0.1:18480$QUERY")
N=$(run "http://127.0.0.1:18481$QUERY")
after=$(rss)
rps() { echo "$1" | awk '/Requests\/sec/ { print $2 }'; }
non2xx() { echo "$1" | awk '/Non-2xx/ { print $5 } END { }' | head -1; }
lr=$(rps "$L"); nr=$(rps "$N")

echo "machine     $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "database    $OFFERS offers"
echo "page        $QUERY ($(wc -c <"$TMP/www/finder.html") bytes)"
echo "lotse       $lr req/s; $(echo "$L" | awk '/50%/ {print "p50 " $2} /99%/ {print "p99 " $2}' | tr '\n' ' ') non-2xx responses: $(non2xx "$L" | grep . || echo 0)"
echo "nginx       $nr req/s (same page as a static file)"
echo "ratio       $(python3 -c "import sys; print('%.0f %%' % (100 * float(sys.argv[1]) / float(sys.argv[2])))" "$lr" "$nr")  (target >= 30 %)"
echo "lotse RSS   before $before, after $after  (target <= 100 MB)"
