#!/bin/sh
# events.sh — latency of the events' public pages on a database with many
# events: the list, the archive, an event page, one event's .ics and the
# whole calendar feed.
#
#   bench/events.sh [LOTSE_BIN] [EVENTS] [REQUESTS]   defaults: build/lotse, 2000, 200
#
# Makes a demo database (cached in $LOTSE_BENCH_CACHE, default
# /tmp/lotse-bench-events, as events-EVENTS.db, its key file beside it) and
# adds EVENTS events, half past and half upcoming, with 20 registrations
# each; starts lotse on 127.0.0.1 (a free port) and requests each address
# REQUESTS times, one after the other, with curl. Prints per address the
# median, 95th percentile and maximum time in milliseconds and the body's
# size. Needs: curl, sqlite3.
set -eu
cd "$(dirname "$0")/.."
BIN=${1:-build/lotse}
EVENTS=${2:-2000}
REQ=${3:-200}
for t in curl sqlite3; do
	command -v $t >/dev/null || { echo "events.sh: $t is missing (apt-get install $t)" >&2; exit 2; }
done
[ -x "$BIN" ] || { echo "events.sh: $BIN is not built (make)" >&2; exit 2; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/lotse-bench-events.XXXXXX")
LPID=
cleanup() {
	[ -n "$LPID" ] && kill "$LPID" 2>/dev/null && wait "$LPID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

CACHE=${LOTSE_BENCH_CACHE:-${TMPDIR:-/tmp}/lotse-bench-events}
mkdir -p "$CACHE"
DB=$CACHE/events-$EVENTS.db
if [ ! -f "$DB" ]; then
	echo "building $DB ($EVENTS events; once) ..."
	"$BIN" init --demo --db "$DB.tmp" >/dev/null
	sqlite3 "$DB.tmp" <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $EVENTS)
INSERT INTO event(uid, type, title, description_md, starts_at, ends_at, place, capacity, series)
SELECT 'bench-' || i, CASE i % 5 WHEN 0 THEN 'seminar' WHEN 1 THEN 'talk' WHEN 2 THEN 'network'
       WHEN 3 THEN 'info' ELSE 'training' END,
       'Veranstaltung Nr. ' || i || ', mit einem längeren Titel',
       'Beschreibung; mit Komma, Semikolon und einer Zeile,' || char(10) || 'die gefaltet wird.',
       strftime('%Y-%m-%dT%H:%M', 'now', (i - $EVENTS / 2) || ' days'),
       strftime('%Y-%m-%dT%H:%M', 'now', (i - $EVENTS / 2) || ' days', '+2 hours'),
       'Mainz, Straße ' || i, 30, 'Reihe ' || (i % 7)
FROM n;
WITH RECURSIVE k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < 20)
INSERT INTO event_registration(event_id, token_hash, name, email, lang, status, consent_at)
SELECT e.id, randomblob(32), 'Person ' || k.j, 'p' || k.j || '.' || e.id || '@example.org', 'de',
       'confirmed', CURRENT_TIMESTAMP
FROM event e, k WHERE e.uid LIKE 'bench-%';
SQL
	mv "$DB.tmp" "$DB"
	rm -f "$DB.tmp-wal" "$DB.tmp-shm"
fi
ID=$(sqlite3 "$DB" "SELECT id FROM event WHERE uid = 'bench-$((EVENTS / 2 + 10))'")

PORT=$((20000 + $$ % 20000))
"$BIN" serve --db "$DB" --listen 127.0.0.1:$PORT --threads 2 2>"$TMP/lotse.log" &
LPID=$!
for i in $(seq 100); do grep -q "listening on" "$TMP/lotse.log" && break; sleep 0.1; done
BASE=http://127.0.0.1:$PORT
echo "$EVENTS events (+ demo), $REQ requests each, lotse on 127.0.0.1"
printf '%-40s %8s %8s %8s %10s\n' address median p95 max bytes
for path in /veranstaltungen "/veranstaltungen?typ=seminar&seite=3" /veranstaltungen/archiv \
	/veranstaltungen/$ID /veranstaltungen/$ID.ics /veranstaltungen.ics; do
	curl -s -o /dev/null "$BASE$path" # warm
	for i in $(seq "$REQ"); do
		curl -s -o /dev/null -w '%{time_total} %{size_download} %{http_code}\n' "$BASE$path"
	done >"$TMP/t"
	bad=$(awk '$3 != 200' "$TMP/t" | wc -l)
	[ "$bad" -eq 0 ] || echo "events.sh: $bad answers to $path were not 200" >&2
	sort -n "$TMP/t" | awk -v p="$path" '{ t[NR] = $1 * 1000; b = $2 }
		END { printf "%-40s %8.2f %8.2f %8.2f %10d\n", p, t[int((NR + 1) / 2)], t[int(NR * 0.95)], t[NR], b }'
done
