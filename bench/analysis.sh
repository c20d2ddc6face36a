#!/bin/sh
# analysis.sh — the evidence loop on 100,000 offers, 1,000,000 survey
# responses and 50,000 counselling cases (issue #17's budgets: the
# coverage table at most 0.5 s, the gap report 2 s, the outcomes 1 s), and
# the coverage through HTTP.
#
#   bench/analysis.sh [BUILD_DIR] [OFFERS] [RUNS]   defaults: build, 100000, 7
#
# Builds a database of OFFERS generated offers once (bench/gen_offers.py +
# `lotse import offers`; cached in $LOTSE_BENCH_CACHE, default
# /tmp/lotse-bench-analysis, as analysis-OFFERS.db). Then bench_analysis
# times the parts (reading the offers, counting the cells, the table as
# the page has it; median of RUNS); a copy of it with the needs and cases
# of bench/gen_evidence.sql (sqlite3; cached as analysis-OFFERS-evidence.db)
# for the gap report and the outcomes; and curl times GET
# /intern/analyse/daten/abdeckung.json and /angebotslandschaft on a
# running lotse (127.0.0.1, a free port; RUNS requests each, median).
# Needs: python3, curl, sqlite3 (the command-line shell).
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
BUILD=${1:-build}
OFFERS=${2:-100000}
RUNS=${3:-7}
BIN=$BUILD/lotse
for t in curl python3; do
	command -v $t >/dev/null || { echo "analysis.sh: $t is missing" >&2; exit 2; }
done
[ -x "$BIN" ] && [ -x "$BUILD/bench_analysis" ] || { echo "analysis.sh: build $BUILD first (ninja -C $BUILD)" >&2; exit 2; }

CACHE=${LOTSE_BENCH_CACHE:-${TMPDIR:-/tmp}/lotse-bench-analysis}
DB=$CACHE/analysis-$OFFERS.db
bench_offers_db "$BIN" "$OFFERS" "$DB"

EVDB=$CACHE/analysis-$OFFERS-evidence.db
if [ ! -f "$EVDB" ]; then
	command -v sqlite3 >/dev/null || { echo "analysis.sh: sqlite3 is missing" >&2; exit 2; }
	echo "building $EVDB (1,000,000 survey responses, 50,000 cases; once) ..."
	cp "$DB" "$EVDB.tmp"
	"$BIN" migrate --db "$EVDB.tmp" >/dev/null
	sqlite3 "$EVDB.tmp" <bench/gen_evidence.sql
	mv "$EVDB.tmp" "$EVDB"
fi

echo "== the coverage, the gaps and the outcomes in the process ($RUNS runs)"
"$BUILD/bench_analysis" "$EVDB" "$RUNS"

echo "== through HTTP ($RUNS requests each)"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/lotse-bench-analysis.XXXXXX")
LPID=
cleanup() {
	[ -n "$LPID" ] && kill "$LPID" 2>/dev/null && wait "$LPID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM
PW=Bench-Auswertung-2026
printf '%s\n' "$PW" | "$BIN" user add --db "$DB" --email "bench-$$@example.org" --role researcher --password-stdin >/dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" --threads 2 >"$TMP/log" 2>&1 &
LPID=$!
B="http://127.0.0.1:$PORT"
i=0
until curl -s -o /dev/null "$B/healthz"; do i=$((i + 1)); [ $i -lt 100 ] || { cat "$TMP/log"; exit 1; }; sleep 0.1; done
J="$TMP/cookies"
TOKEN=$(curl -s -c "$J" -b "$J" "$B/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
curl -s -o /dev/null -c "$J" -b "$J" --data-urlencode "email=bench-$$@example.org" --data-urlencode "password=$PW" \
	--data-urlencode "csrf=$TOKEN" "$B/login"
for p in /intern/analyse/daten/abdeckung.json /intern/analyse /angebotslandschaft; do
	for k in $(seq "$RUNS"); do
		curl -s -o "$TMP/body" -b "$J" -w '%{time_total} %{http_code} %{size_download}\n' "$B$p"
	done | sort -n | awk -v p="$p" -v n="$RUNS" '{ t[NR] = $1; c = $2; s = $3 }
		END { printf "GET %-38s median %8.1f ms   status %s, %d bytes\n", p, t[int((n + 1) / 2)] * 1000, c, s }'
done
"$BIN" user disable --db "$DB" --email "bench-$$@example.org" >/dev/null
