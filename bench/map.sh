#!/bin/sh
# map.sh — the server's CPU time per request of the maps (#12): the
# finder's results on a map (/angebote/karte, which reads the places of its
# up to 20 offers), the same results as a list (/angebote, for comparison;
# its repeated query comes from the page cache, so a second query mix is
# given with a page number that changes), and an offer page with its map.
#
#   bench/map.sh [LOTSE_BIN] [REQUESTS]   defaults: build/lotse, 200
#
# Makes a demo database in a new folder under ${TMPDIR:-/tmp} (its key file
# beside it), starts lotse on 127.0.0.1 (a free port, 2 threads), requests
# each address REQUESTS times one after the other with curl, and prints per
# address the server's CPU time (user + system, from /proc/PID/stat) per
# request in milliseconds, the median wall time (not valid on a loaded
# machine; shown for orientation) and the body's size. Needs: curl, sqlite3.
set -eu
cd "$(dirname "$0")/.."
BIN=${1:-build/lotse}
REQ=${2:-200}
for t in curl sqlite3; do
	command -v $t >/dev/null || { echo "map.sh: $t is missing (apt-get install $t)" >&2; exit 2; }
done
[ -x "$BIN" ] || { echo "map.sh: $BIN is not built (make)" >&2; exit 2; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/lotse-bench-map.XXXXXX")
LPID=
cleanup() {
	[ -n "$LPID" ] && kill "$LPID" 2>/dev/null && wait "$LPID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM
"$BIN" init --demo --db "$TMP/map.db" >/dev/null
OFFER=$(sqlite3 "$TMP/map.db" "SELECT s.id FROM service s JOIN service_at_location sal ON sal.service_id = s.id
	JOIN location l ON l.id = sal.location_id WHERE s.archived = 0 AND l.confidential = 0
	AND l.latitude IS NOT NULL ORDER BY s.name LIMIT 1")
PORT=$((20000 + $$ % 20000))
"$BIN" serve --db "$TMP/map.db" --listen 127.0.0.1:$PORT --threads 2 2>"$TMP/lotse.log" &
LPID=$!
for i in $(seq 200); do grep -q "listening on" "$TMP/lotse.log" && break; sleep 0.1; done
BASE=http://127.0.0.1:$PORT
TICK=$(getconf CLK_TCK)
cpu() { awk '{ print $14 + $15 }' "/proc/$LPID/stat"; }
echo "demo directory, $REQ requests each, lotse on 127.0.0.1 (2 threads); load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-36s %14s %12s %8s\n' address 'cpu ms/req' 'wall median' bytes
for path in "/angebote/karte?q=Beratung" "/angebote/karte" "/angebote?q=Beratung" "/angebote/$OFFER"; do
	curl -s -o /dev/null "$BASE$path" # warm
	c0=$(cpu)
	for i in $(seq "$REQ"); do
		curl -s -o /dev/null -w '%{time_total} %{size_download} %{http_code}\n' "$BASE$path"
	done >"$TMP/t"
	c1=$(cpu)
	bad=$(awk '$3 != 200' "$TMP/t" | wc -l)
	[ "$bad" -eq 0 ] || echo "map.sh: $bad answers to $path were not 200" >&2
	sort -n "$TMP/t" | awk -v p="$(echo "$path" | cut -c1-36)" -v c="$((c1 - c0))" -v tick="$TICK" -v n="$REQ" \
		'{ t[NR] = $1 * 1000; b = $2 } END { printf "%-36s %14.2f %12.2f %8d\n", p, c * 1000 / tick / n, t[int((NR + 1) / 2)], b }'
done
