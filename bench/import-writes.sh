#!/bin/sh
# import-writes.sh — how long people's writes wait while a big spreadsheet
# is imported (issue #11: "imports lock people out").
#
#   bench/import-writes.sh [LOTSE_BIN] [ROWS]    defaults: build/lotse, 100000
#
# Makes a demo database, starts `lotse serve` on it, generates ROWS offers
# with bench/gen_offers.py and runs `lotse import offers` on the same
# database. While the import runs, a client sends contact messages and
# sign-ins (a wrong password: each is written, as a throttling count and
# an audit row) one after the other, and notes each answer's status and
# time. Prints the import's time, and for the requests made during it:
# how many, how many failed (503 or no answer), the median and the
# slowest. The goal of the issue: no failure, no wait longer than about a
# second. Exits 1 when a request failed.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
BIN=${1:-build/lotse}
ROWS=${2:-100000}
[ -x "$BIN" ] || { echo "import-writes.sh: $BIN is not built (make)" >&2; exit 2; }
command -v curl >/dev/null || { echo "import-writes.sh: curl is missing" >&2; exit 2; }
command -v python3 >/dev/null || { echo "import-writes.sh: python3 is missing" >&2; exit 2; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/lotse-bench-iw.XXXXXX")
SERVER=
IMPORT=
cleanup() {
	[ -n "$IMPORT" ] && kill "$IMPORT" 2>/dev/null || true
	[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
	if [ -n "${BENCH_KEEP:-}" ]; then echo "kept       $TMP (server.log, import.out, requests)"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT INT TERM

DB=$TMP/lotse.db
python3 bench/gen_offers.py -n "$ROWS" -o "$TMP/offers.csv"
"$BIN" init --db "$DB" --demo >/dev/null
echo "lotse      $("$BIN" --version)"
echo "file       $ROWS rows, $(wc -c <"$TMP/offers.csv") bytes"
echo "machine    $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"

LOTSE_CONTACT_RATE=1000000 "$BIN" serve --db "$DB" --listen 127.0.0.1:0 --threads 4 >"$TMP/server.log" 2>&1 &
SERVER=$!
base=$(bench_base "$TMP/server.log" import-writes.sh) || exit 1

# seconds since the import started
since() { awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
# one contact message; "kind status seconds since"
contact() {
	at=$(since)
	curl -s -o /dev/null -m 30 -w "kontakt %{http_code} %{time_total} $at\n" \
		--data 'name=Bench&email=bench%40example.org&message=Eine+Nachricht+beim+Import.&consent=1&website=' \
		"$base/kontakt" || echo "kontakt 000 30"
}
# one sign-in with a wrong password (its form first, for the token)
login() {
	jar=$TMP/jar
	rm -f "$jar"
	token=$(curl -s -m 30 -c "$jar" "$base/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
	at=$(since)
	curl -s -o /dev/null -m 30 -b "$jar" -w "login %{http_code} %{time_total} $at\n" \
		--data "email=nobody%40example.org&password=wrong-password-here&csrf=$token" \
		"$base/login" || echo "login 000 30"
}

start=$(date +%s.%N)
"$BIN" import offers --db "$DB" "$TMP/offers.csv" >"$TMP/import.out" 2>&1 &
IMPORT=$!
: >"$TMP/requests"
while kill -0 "$IMPORT" 2>/dev/null; do
	contact >>"$TMP/requests"
	login >>"$TMP/requests"
	sleep 0.2
done
status=0
wait "$IMPORT" || status=$?
IMPORT=
end=$(date +%s.%N)
[ "$status" -eq 0 ] || { echo "import-writes.sh: the import failed (exit $status):" >&2; tail -n 5 "$TMP/import.out" >&2; exit 1; }
awk -v a="$start" -v b="$end" 'BEGIN { printf "import     %.1f s (the whole command)\n", b - a }'
for kind in kontakt login; do
	grep "^$kind " "$TMP/requests" | sort -k3 -n | awk -v k="$kind" '
		{ t[NR] = $3; at[NR] = $4; if ($2 == "503" || $2 == "000" || $2 ~ /^5/) f++ }
		END {
			if (NR == 0) { printf "%-10s no request finished during the import\n", k; exit }
			printf "%-10s %d during the import, %d failed (5xx or none), median %.2f s, slowest %.2f s (sent %.1f s after the start)\n",
				k, NR, f + 0, t[int((NR + 1) / 2)], t[NR], at[NR]
		}'
done
! awk '$2 ~ /^5/ || $2 == "000" { bad = 1 } END { exit !bad }' "$TMP/requests"
