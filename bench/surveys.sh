#!/bin/sh
# surveys.sh — a survey of 30 closed questions with ROWS responses: the
# import of the responses (`lotse responses import`), a frequency table
# and a crosstab with chi-square (`lotse analyse --json`), the CSV export
# (`lotse responses export`), and the server's resident memory while it
# serves the analysis page of all of them.
#
#   bench/surveys.sh [BUILD_DIR] [ROWS]     defaults: build, 1000000
#
# The issue's budget at 1,000,000 responses: import <= 20 s, freq <= 0.2 s,
# crosstab <= 0.5 s, export <= 10 s, the server under 200 MB. Each command
# is timed whole (start, opening the database, the work, the output), the
# best of 3 runs for the tables. bench/stats.sh compares the counting and
# the test themselves with R.
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
ROWS=${2:-1000000}
L=$BUILD/lotse
[ -x "$L" ] && [ -x "$BUILD/bench_surveys" ] || { echo "surveys.sh: build $BUILD first (ninja -C $BUILD)" >&2; exit 2; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/lotse-bench-surveys.XXXXXX")
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$TMP"' EXIT INT TERM
SERVER=

now() { date +%s.%N; }
took() { echo "$2 - $1" | bc; }

echo "== data: $ROWS responses to 30 closed questions"
"$BUILD/bench_surveys" "$TMP/b.db" "$TMP/in.csv" "$ROWS"
ls -l "$TMP/in.csv" | awk '{ printf "CSV file: %.1f MB\n", $5 / 1e6 }'

t0=$(now)
/usr/bin/time -f "%M" -o "$TMP/rss" "$L" responses import --db "$TMP/b.db" bench "$TMP/in.csv"
t1=$(now)
printf "%-26s %8.2f s   (max RSS %d MB)\n" "import" "$(took "$t0" "$t1")" "$(( $(cat "$TMP/rss") / 1024 ))"

best() { # best of 3 wall times of the command
	b=
	for i in 1 2 3; do
		t0=$(now); "$@" >"$TMP/out"; t1=$(now)
		t=$(took "$t0" "$t1")
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
	done
	echo "$b"
}
printf "%-26s %8.3f s\n" "freq (q01)" "$(best "$L" analyse --db "$TMP/b.db" bench --freq q01 --json)"
head -c 160 "$TMP/out"; echo " ..."
printf "%-26s %8.3f s\n" "crosstab (q01 x q02)" "$(best "$L" analyse --db "$TMP/b.db" bench --crosstab q01 q02 --json)"
head -c 160 "$TMP/out"; echo " ..."
printf "%-26s %8.3f s\n" "freq, filtered" "$(best "$L" analyse --db "$TMP/b.db" bench --freq q01 --where 'q03 == "2"' --json)"

t0=$(now)
/usr/bin/time -f "%M" -o "$TMP/rss" "$L" responses export --db "$TMP/b.db" bench --format csv "$TMP/out.csv" >/dev/null
t1=$(now)
printf "%-26s %8.2f s   (max RSS %d MB)\n" "export (csv)" "$(took "$t0" "$t1")" "$(( $(cat "$TMP/rss") / 1024 ))"

# the server's resident memory while it answers the JSON of the analysis
PORT=$((20000 + $$ % 20000))
"$L" serve --db "$TMP/b.db" --listen "127.0.0.1:$PORT" >"$TMP/serve.log" 2>&1 &
SERVER=$!
sleep 1
rss=$(awk '/VmHWM/ { print int($2 / 1024) }' /proc/$SERVER/status)
echo "server resident memory after start: ${rss} MB (the analysis pages need a researcher's session; the commands above do the same work)"
