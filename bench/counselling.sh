#!/bin/sh
# counselling.sh — latency of the counsellor's pages on a database with
# many cases: the case list (with its due follow-ups and quiet cases), a
# case page (every text opened with the case key), its identity screen,
# the matching offers (with the places referrals hold), the statistics
# (with complementary suppression) and, as the team lead, the team page
# (the caseload of every counsellor of the team).
#
#   bench/counselling.sh [BUILD_DIR] [CASES] [REQUESTS]   defaults: build, 3000, 100
#
# Makes a demo database in a temporary folder, adds CASES cases of the
# demo counsellor beratung1 through the model (bench_counselling: sealed
# identity, consent, two sessions each), sets beratung1's and teamleitung's
# passwords, starts
# lotse on 127.0.0.1 (a free port), signs in with curl and requests each
# address REQUESTS times, one after the other. Prints per address the
# median, 95th percentile and maximum time in milliseconds and the body's
# size. Needs: curl.
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
CASES=${2:-3000}
REQ=${3:-100}
BIN=$BUILD/lotse
command -v curl >/dev/null || { echo "counselling.sh: curl is missing (apt-get install curl)" >&2; exit 2; }
[ -x "$BIN" ] && [ -x "$BUILD/bench_counselling" ] || { echo "counselling.sh: build $BUILD first (make)" >&2; exit 2; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/lotse-bench-counselling.XXXXXX")
LPID=
cleanup() {
	[ -n "$LPID" ] && kill "$LPID" 2>/dev/null && wait "$LPID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

DB=$TMP/c.db
"$BIN" init --demo --db "$DB" >/dev/null
"$BUILD/bench_counselling" "$DB" "$CASES"
PW=Bench-Lotse-Passwort-2026
printf '%s\n' "$PW" | "$BIN" user passwd --db "$DB" --email beratung1@demo.lotse.invalid --password-stdin >/dev/null
printf '%s\n' "$PW" | "$BIN" user passwd --db "$DB" --email teamleitung@demo.lotse.invalid --password-stdin >/dev/null

PORT=$((20000 + $$ % 20000))
"$BIN" serve --db "$DB" --listen 127.0.0.1:$PORT --threads 2 2>"$TMP/lotse.log" &
LPID=$!
for i in $(seq 100); do grep -q "listening on" "$TMP/lotse.log" && break; sleep 0.1; done
BASE=http://127.0.0.1:$PORT
signin() { # JAR EMAIL
	tok=$(curl -s -c "$1" -b "$1" "$BASE/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
	curl -s -o /dev/null -c "$1" -b "$1" --data-urlencode "email=$2" \
		--data-urlencode "password=$PW" --data-urlencode "csrf=$tok" "$BASE/login"
}
J=$TMP/jar
signin "$J" beratung1@demo.lotse.invalid
LJ=$TMP/lead
signin "$LJ" teamleitung@demo.lotse.invalid
CASE=$(curl -s -b "$J" "$BASE/intern/beratung" | grep -o '/intern/beratung/K-[A-Z0-9]*' | tail -n 1)
[ -n "$CASE" ] || { echo "counselling.sh: signing in failed" >&2; exit 1; }
echo "$CASES cases of one counsellor (+ demo), $REQ requests each, lotse on 127.0.0.1"
printf '%-44s %8s %8s %8s %10s\n' address median p95 max bytes
for path in /intern/beratung "$CASE" "$CASE/identitaet" "$CASE/passende-angebote" /intern/statistik/beratung \
	/intern/beratung/team; do
	jar=$J
	[ "$path" = /intern/beratung/team ] && jar=$LJ # the team lead's
	curl -s -o /dev/null -b "$jar" "$BASE$path" # warm
	for i in $(seq "$REQ"); do
		curl -s -o /dev/null -b "$jar" -w '%{time_total} %{size_download} %{http_code}\n' "$BASE$path"
	done >"$TMP/t"
	bad=$(awk '$3 != 200' "$TMP/t" | wc -l)
	[ "$bad" -eq 0 ] || echo "counselling.sh: $bad answers to $path were not 200" >&2
	sort -n "$TMP/t" | awk -v p="$path" '{ t[NR] = $1 * 1000; b = $2 }
		END { printf "%-44s %8.2f %8.2f %8.2f %10d\n", p, t[int((NR + 1) / 2)], t[int(NR * 0.95)], t[NR], b }'
done
