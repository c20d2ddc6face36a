#!/bin/sh
# speed.sh — every figure of the speed section of issue #12 in one run, at
# ROWS generated offers on this machine, measured from outside.
#
#   bench/speed.sh [LOTSE_BIN] [ROWS] [SECONDS]   defaults: build/lotse, 100000, 10
#
# 1. A database of ROWS offers (bench/gen_offers.py + `lotse import offers`;
#    kept in /tmp/lotse-bench-speed-ROWS.db), brought up to date with
#    `lotse reindex`.
# 2. `lotse serve` on 127.0.0.1 (2 threads) and nginx on 127.0.0.1 serving
#    one finder result page as a static file; wrk with 32 connections for
#    SECONDS each, in this run: nginx; 1200 distinct text queries
#    (bench/gen_queries.py text); 1200 distinct filter-only pages (facets,
#    postcode and radius); one repeated query. Prints requests/s, p50 and
#    p99, the share of nginx's requests/s (issue: >= 25 %, repeated >= 70 %,
#    p99 < 50 ms), non-2xx counts, and the server's CPU time per request
#    (user + system from /proc: what a request costs, whatever else the
#    machine runs).
# 3. The server's peak resident memory (VmHWM; issue: <= 100 MB).
# 4. bench/hsds.sh: `lotse export hsds` of the database, then `lotse import
#    hsds` of it into a new database (wall time, CPU time, peak memory;
#    issue: <= 10 s, <= 256 MB), and each list and filter of the HSDS API on
#    the imported database (median latency, server CPU per request; issue:
#    <= 20 ms).
#    LOTSE_BENCH_IMPORT=0 leaves step 4 out; LOTSE_BENCH_DB names another
#    database; LOTSE_BENCH_PORT another port for the server (default 18490;
#    nginx takes the next one), so that two runs on one machine do not meet.
# Needs wrk, nginx (apt-get install wrk nginx-light), curl, python3, and
# /usr/bin/time (Debian package time).
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
BIN=$(realpath "${1:-build/lotse}")
ROWS=${2:-100000}
SECS=${3:-10}
for t in wrk nginx curl python3 /usr/bin/time; do
	command -v $t >/dev/null || { echo "speed.sh: $t is missing (apt-get install wrk nginx-light curl time)" >&2; exit 2; }
done
[ -x "$BIN" ] || { echo "speed.sh: $BIN is not built (make)" >&2; exit 2; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/lotse-bench-speed.XXXXXX")
LPID= NPID=
cleanup() {
	[ -n "$LPID" ] && kill "$LPID" 2>/dev/null && wait "$LPID" 2>/dev/null
	[ -n "$NPID" ] && kill "$NPID" 2>/dev/null && wait "$NPID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

DB=${LOTSE_BENCH_DB:-/tmp/lotse-bench-speed-$ROWS.db}
bench_offers_db "$BIN" "$ROWS" "$DB"
"$BIN" reindex --db "$DB" >/dev/null
OFFERS=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from service').fetchone()[0])" "$DB")

PORT=${LOTSE_BENCH_PORT:-18490}
"$BIN" serve --db "$DB" --listen 127.0.0.1:$PORT --threads 2 2>"$TMP/lotse.log" &
LPID=$!
for _ in $(seq 1200); do grep -q "listening on" "$TMP/lotse.log" && break; sleep 0.1; done
L=http://127.0.0.1:$PORT
hwm() { awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' /proc/$LPID/status; }

REPEATED="/angebote?q=Sprachkurs&sprache=de"
mkdir -p "$TMP/www"
curl -sf "$L$REPEATED" >"$TMP/www/finder.html"
. bench/nginx.sh
nginx_static $((PORT + 1))

python3 bench/gen_queries.py text -n 1200 >"$TMP/text.txt"
python3 bench/gen_queries.py filter -n 1200 >"$TMP/filter.txt"
echo "$REPEATED" >"$TMP/repeated.txt"

# The CPU time (user + system, clock ticks) process $1 has used so far.
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# wrk over a list of addresses: "req/s p50 p99 non2xx cpu-ms-per-request"
# (the last: the CPU time the server at pid $3, if given, spent per
# request, a figure the other loads of a shared machine do not change)
load() {
	c0=$( [ -n "${3:-}" ] && cpu "$3" || echo 0)
	PATHS=$2 wrk -t 2 -c 32 -d "${SECS}s" -s bench/paths.lua "$1" >"$TMP/wrk.out" 2>&1
	c1=$( [ -n "${3:-}" ] && cpu "$3" || echo 0)
	awk -v ticks=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" '/Requests\/sec/ { r = $2 } /^p50ms/ { p50 = $2 }
		/^p99ms/ { p99 = $2 } /^non2xx/ { b = $2 } /^requests/ { n = $2 }
		END { print r, p50, p99, b, (n ? ticks * 1000 / hz / n : 0) }' "$TMP/wrk.out"
}
N=$(load http://127.0.0.1:$((PORT + 1)) "$TMP/repeated.txt")
T=$(load "$L" "$TMP/text.txt" "$LPID")
F=$(load "$L" "$TMP/filter.txt" "$LPID")
R=$(load "$L" "$TMP/repeated.txt" "$LPID")
nr=$(echo "$N" | cut -d' ' -f1)
line() {
	echo "$2" | awk -v name="$1" -v n="$nr" -v target="$3" '{
		printf "%-22s %8.0f req/s  %5.1f %% of nginx (target >= %s %%)  p50 %5.1f ms  p99 %6.1f ms (target < 50)  non-2xx %d  server CPU %.2f ms a request\n",
			name, $1, 100 * $1 / n, target, $2, $3, $4, $5 }'
}
echo "machine                $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "database               $OFFERS offers ($DB)"
echo "$N" | awk '{ printf "nginx static page      %8.0f req/s  p99 %.1f ms\n", $1, $3 }'
line "finder, 1200 queries" "$T" 25
line "finder, 1200 filters" "$F" 25
line "finder, repeated" "$R" 70

echo "lotse peak RSS          $(hwm) (target <= 100 MB)"
kill "$LPID" && wait "$LPID" 2>/dev/null || true
LPID=

# the HSDS import of everything into a new database, and the HSDS API's
# lists on it (bench/hsds.sh; LOTSE_BENCH_IMPORT=0: not)
[ "${LOTSE_BENCH_IMPORT:-1}" = 1 ] || exit 0
LOTSE_BENCH_DB=$DB bench/hsds.sh "$BIN" "$ROWS" | grep -v '^machine'
