#!/bin/sh
# hsds.sh — the HSDS figures of the speed section of issue #12 at ROWS
# offers, measured from outside:
#
#   bench/hsds.sh [LOTSE_BIN] [ROWS]    defaults: build/lotse, 100000
#
# 1. `lotse export hsds` of a database of ROWS offers (LOTSE_BENCH_DB, else
#    /tmp/lotse-bench-speed-ROWS.db, built once as bench/speed.sh builds
#    it), then `lotse import hsds` of that folder into a new database:
#    wall time, CPU time (user + system) and peak memory (issue: <= 10 s,
#    <= 256 MB). The wall time includes the search index of the new offers.
# 2. `lotse serve` (2 threads) on the imported database; each list of the
#    HSDS API (plain, by taxonomy_term_id, by postcode, by postcode +
#    proximity, page 1000 of services and of service_at_locations, ...):
#    the median of 7 requests (curl's total time; issue: <= 20 ms) and the
#    server's CPU time per request over 20 more (from /proc/PID/stat: on a
#    loaded machine the figure that says what the request costs).
# Needs curl, python3 and /usr/bin/time (Debian package time).
set -eu
cd "$(dirname "$0")/.."
BIN=$(realpath "${1:-build/lotse}")
ROWS=${2:-100000}
for t in curl python3 /usr/bin/time; do
	command -v $t >/dev/null || { echo "hsds.sh: $t is missing (apt-get install curl time)" >&2; exit 2; }
done
[ -x "$BIN" ] || { echo "hsds.sh: $BIN is not built (make)" >&2; exit 2; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/lotse-bench-hsds.XXXXXX")
LPID=
cleanup() {
	[ -n "$LPID" ] && kill "$LPID" 2>/dev/null && wait "$LPID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

DB=${LOTSE_BENCH_DB:-/tmp/lotse-bench-speed-$ROWS.db}
if [ ! -f "$DB" ]; then
	echo "building $DB ($ROWS offers; once) ..."
	python3 bench/gen_offers.py -n "$ROWS" -o "$TMP/offers.csv"
	rm -f "$DB.tmp" "$DB.tmp-wal" "$DB.tmp-shm"
	"$BIN" init --db "$DB.tmp" >/dev/null
	"$BIN" import offers --db "$DB.tmp" "$TMP/offers.csv" >/dev/null
	mv "$DB.tmp" "$DB"
	rm -f "$TMP/offers.csv"
fi

echo "machine                $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$BIN" export hsds --db "$DB" "$TMP/hsds" >/dev/null
echo "export                 $(du -sh "$TMP/hsds" | cut -f1) of CSV from $DB"
"$BIN" init --db "$TMP/import.db" >/dev/null 2>&1
/usr/bin/time -f "%e %U %S %M" -o "$TMP/time" "$BIN" import hsds --db "$TMP/import.db" "$TMP/hsds" >"$TMP/import.out" 2>&1 ||
	{ echo "hsds.sh: the HSDS import failed:" >&2; tail -5 "$TMP/import.out" >&2; exit 1; }
idx=$(sed -n 's/.*search index: \([0-9]*\) offers in \([0-9.]*\) s$/\2/p' "$TMP/import.out")
awk -v idx="${idx:-?}" '{ printf "import hsds            %.1f s wall (target <= 10; of it %s s the search index), %.1f s CPU, peak %.0f MB (target <= 256)\n", $1, idx, $2 + $3, $4 / 1024 }' "$TMP/time"
rm -rf "$TMP/hsds"

"$BIN" serve --db "$TMP/import.db" --listen 127.0.0.1:18492 --threads 2 2>"$TMP/lotse.log" &
LPID=$!
for _ in $(seq 300); do grep -q "listening on" "$TMP/lotse.log" && break; sleep 0.1; done
L=http://127.0.0.1:18492
# the lists come from memory once the index has every change
for _ in $(seq 600); do
	[ "$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from search_dirty').fetchone()[0])" "$TMP/import.db")" = 0 ] && break
	sleep 0.1
done
TERM_ID=$(curl -sf "$L/api/hsds/taxonomy_terms?per_page=100" | python3 -c "
import json, sys
d = json.load(sys.stdin)
c = [t for t in d['contents'] if t.get('code') == 'beratung'] or d['contents']
print(c[0]['id'])")
ticks() { awk '{ print $14 + $15 }' /proc/$LPID/stat; }
HZ=$(getconf CLK_TCK)
api() {
	curl -sf -o /dev/null "$L$2" || { echo "hsds.sh: $2 failed" >&2; exit 1; }
	for _ in 1 2 3 4 5 6 7; do curl -s -o /dev/null -w '%{time_total}\n' "$L$2"; done | sort -n | sed -n 4p >"$TMP/median"
	t0=$(ticks)
	for _ in $(seq 20); do curl -s -o /dev/null "$L$2"; done
	t1=$(ticks)
	awk -v name="$1" -v a="$t0" -v b="$t1" -v hz="$HZ" '{
		printf "hsds %-36s %6.1f ms (target <= 20), server CPU %5.1f ms/request\n", name, $1 * 1000, (b - a) * 1000 / hz / 20 }' "$TMP/median"
}
api "services" "/api/hsds/services"
api "services?taxonomy_term_id" "/api/hsds/services?taxonomy_term_id=$TERM_ID"
api "services?postcode" "/api/hsds/services?postcode=55116"
api "services?postcode+proximity=10000" "/api/hsds/services?postcode=55116&proximity=10000"
api "services?postcode+proximity=2000" "/api/hsds/services?postcode=55116&proximity=2000"
api "services?page=1000" "/api/hsds/services?page=1000&per_page=50"
api "service_at_locations" "/api/hsds/service_at_locations"
api "service_at_locations?page=1000" "/api/hsds/service_at_locations?page=1000&per_page=50"
api "service_at_locations?term+proximity" "/api/hsds/service_at_locations?taxonomy_term_id=$TERM_ID&postcode=55116&proximity=5000"
api "organizations" "/api/hsds/organizations"
echo "lotse peak RSS          $(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' /proc/$LPID/status)"
