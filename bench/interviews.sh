#!/bin/sh
# interviews.sh — retrieval and export of interviews on a big project:
# 200 transcripts of about 10,000 words (2 million words), 40 codes, 20,000
# codings by two coders (#15; targets: the segments of one code <= 50 ms in
# the server, the code x variable matrix <= 200 ms, the full export <= 5 s).
#
#   bench/interviews.sh [BUILD_DIR] [DOCS] [WORDS] [CODINGS] [REQUESTS]
#   defaults: build, 200, 10000, 20000, 30
#
# First bench_interviews builds the project in a new database and times
# the model's queries and the .qdpx export (wall and CPU time: on a shared
# machine the wall time also measures the others' work). Then lotse serves
# that database on 127.0.0.1 (a free port), a researcher signs in with curl
# and the pages are requested REQUESTS times each: the segments of one code,
# the matrix, the CSV of a code's segments (the segments page and its
# printable page show a hundred: the first page, the third, the second to
# print). Prints median, 95th percentile and maximum in milliseconds.
# Needs: curl.
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
DOCS=${2:-200}
WORDS=${3:-10000}
CODINGS=${4:-20000}
REQ=${5:-30}
BIN=$BUILD/lotse
command -v curl >/dev/null || { echo "interviews.sh: curl is missing (apt-get install curl)" >&2; exit 2; }
[ -x "$BIN" ] && [ -x "$BUILD/bench_interviews" ] || { echo "interviews.sh: build $BUILD first" >&2; exit 2; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/lotse-bench-interviews.XXXXXX")
LPID=
cleanup() {
	[ -n "$LPID" ] && kill "$LPID" 2>/dev/null && wait "$LPID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM
DB=$TMP/iv.db
export LOTSE_KEY_FILE=$TMP/lotse.key

"$BUILD/bench_interviews" "$DB" "$DOCS" "$WORDS" "$CODINGS" 15

PW=Kodier-Messung-$$-lang
printf '%s\n' "$PW" | "$BIN" user add --db "$DB" --email analyse@example.org --role researcher --password-stdin >/dev/null
"$BIN" qda member --db "$DB" 1 analyse@example.org >/dev/null
PORT=$((20000 + $$ % 20000))
"$BIN" serve --db "$DB" --listen 127.0.0.1:$PORT --threads 2 2>"$TMP/lotse.log" &
LPID=$!
for i in $(seq 100); do grep -q "listening on" "$TMP/lotse.log" && break; sleep 0.1; done
BASE=http://127.0.0.1:$PORT
JAR=$TMP/jar
TOKEN=$(curl -s -c "$JAR" "$BASE/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
curl -s -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "email=analyse@example.org" \
	--data-urlencode "password=$PW" --data-urlencode "csrf=$TOKEN" "$BASE/login"
CODE=$(curl -s -b "$JAR" "$BASE/intern/interviews/1" | grep -o 'href="/intern/interviews/1/codes/[0-9]*"' | sed -n '2s/[^0-9]*1\/codes\/\([0-9]*\)"/\1/p')
echo
echo "in the server: $REQ requests each (lotse on 127.0.0.1, signed in)"
printf '%-56s %8s %8s %8s %10s\n' address median p95 max bytes
for path in "/intern/interviews/1/segmente?code=$CODE" "/intern/interviews/1/segmente?code=$CODE&seite=3" \
	"/intern/interviews/1/segmente/druck?code=$CODE&seite=2" "/intern/interviews/1/matrix?var=Gruppe" \
	"/intern/interviews/1/segmente.csv?code=$CODE"; do
	curl -s -b "$JAR" -o /dev/null "$BASE$path" # warm
	for i in $(seq "$REQ"); do
		curl -s -b "$JAR" -o /dev/null -w '%{time_total} %{size_download} %{http_code}\n' "$BASE$path"
	done >"$TMP/t"
	bad=$(awk '$3 != 200' "$TMP/t" | wc -l)
	[ "$bad" -eq 0 ] || echo "interviews.sh: $bad answers to $path were not 200" >&2
	sort -n "$TMP/t" | awk -v p="$path" '{ t[NR] = $1 * 1000; b = $2 }
		END { printf "%-56s %8.2f %8.2f %8.2f %10d\n", p, t[int((NR + 1) / 2)], t[int(NR * 0.95)], t[NR], b }'
done
