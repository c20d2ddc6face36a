#!/bin/sh
# attendance.sh — ticking registrants off on the day of a big event: the
# check-in page (/intern/veranstaltungen/ID/einlass) and one tick (a POST
# that answers 303 back to the page), as an editor signed in.
#
#   bench/attendance.sh [LOTSE_BIN] [REGISTRATIONS] [REQUESTS]
#                                  defaults: build/lotse, 500, 200
#
# Makes a demo database in a temporary folder, adds an event with
# REGISTRATIONS confirmed registrations and an editor account, starts lotse
# on 127.0.0.1, signs in with curl, and requests the page and ticks people
# off REQUESTS times each, one after the other. Prints the median, 95th
# percentile and maximum time in milliseconds and the page's size.
# Needs: curl, sqlite3.
set -eu
cd "$(dirname "$0")/.."
BIN=${1:-build/lotse}
REGS=${2:-500}
REQ=${3:-200}
for t in curl sqlite3; do
	command -v $t >/dev/null || { echo "attendance.sh: $t is missing (apt-get install $t)" >&2; exit 2; }
done
[ -x "$BIN" ] || { echo "attendance.sh: $BIN is not built (make)" >&2; exit 2; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/lotse-bench-attendance.XXXXXX")
LPID=
cleanup() {
	[ -n "$LPID" ] && kill "$LPID" 2>/dev/null && wait "$LPID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

DB=$TMP/db
"$BIN" init --demo --db "$DB" >/dev/null 2>&1
sqlite3 "$DB" <<SQL
INSERT INTO event(uid, type, title, starts_at, ends_at, place, capacity)
VALUES ('bench-day', 'seminar', 'Großes Seminar', strftime('%Y-%m-%dT18:00', 'now'),
        strftime('%Y-%m-%dT20:00', 'now'), 'Mainz', $REGS);
WITH RECURSIVE k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < $REGS)
INSERT INTO event_registration(event_id, token_hash, name, email, organisation, lang, status, consent_at)
SELECT (SELECT id FROM event WHERE uid = 'bench-day'), randomblob(32), 'Person ' || k.j,
       'p' || k.j || '@example.org', 'Träger ' || (k.j % 40), 'de', 'confirmed', CURRENT_TIMESTAMP FROM k;
SQL
ID=$(sqlite3 "$DB" "SELECT id FROM event WHERE uid = 'bench-day'")
REG=$(sqlite3 "$DB" "SELECT min(id) FROM event_registration WHERE event_id = $ID")
PW=Tuersteher-am-Seminartag-7319
echo "$PW" | "$BIN" user add --db "$DB" --email einlass@example.org --role editor --password-stdin >/dev/null

PORT=$((20000 + $$ % 20000))
"$BIN" serve --db "$DB" --listen 127.0.0.1:$PORT --threads 2 2>"$TMP/lotse.log" &
LPID=$!
for i in $(seq 100); do grep -q "listening on" "$TMP/lotse.log" && break; sleep 0.1; done
BASE=http://127.0.0.1:$PORT
JAR=$TMP/jar
token() { sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1; }
T=$(curl -s -c "$JAR" "$BASE/login" | token)
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$JAR" -c "$JAR" \
	--data "email=einlass%40example.org&password=$PW&csrf=$T" "$BASE/login")
[ "$code" = 303 ] || { echo "attendance.sh: signing in answered $code" >&2; exit 1; }
PAGE=/intern/veranstaltungen/$ID/einlass
T=$(curl -s -b "$JAR" "$BASE$PAGE" | token)
[ -n "$T" ] || { echo "attendance.sh: no check-in page" >&2; exit 1; }

echo "an event with $REGS registrations, $REQ requests each, lotse on 127.0.0.1"
printf '%-52s %8s %8s %8s %10s\n' request median p95 max bytes
stats() {
	bad=$(awk -v w="$2" '$3 != w' "$TMP/t" | wc -l)
	[ "$bad" -eq 0 ] || echo "attendance.sh: $bad answers to $1 were not $2" >&2
	sort -n "$TMP/t" | awk -v p="$1" '{ t[NR] = $1 * 1000; b = $2 }
		END { printf "%-52s %8.2f %8.2f %8.2f %10d\n", p, t[int((NR + 1) / 2)], t[int(NR * 0.95)], t[NR], b }'
}
curl -s -o /dev/null -b "$JAR" "$BASE$PAGE" # warm
for i in $(seq "$REQ"); do
	curl -s -o /dev/null -b "$JAR" -w '%{time_total} %{size_download} %{http_code}\n' "$BASE$PAGE"
done >"$TMP/t"
stats "GET $PAGE" 200
for i in $(seq "$REQ"); do
	r=$((REG + i % REGS))
	curl -s -o /dev/null -b "$JAR" -w '%{time_total} %{size_download} %{http_code}\n' \
		--data "da=$((i % 2))&csrf=$T" "$BASE$PAGE/$r"
done >"$TMP/t"
stats "POST $PAGE/REG (a tick)" 303
