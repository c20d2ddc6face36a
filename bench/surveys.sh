#!/bin/sh
# surveys.sh — the speed section of issue #18 in one run: a survey of 30
# closed questions with ROWS responses; `lotse responses import` of them,
# a frequency table and a crosstab with chi-square (`lotse analyse
# --json`, each the best of 3 runs of the whole command: start, opening
# the database, the work, the output) beside R's table() and
# chisq.test() on the same data already loaded in R, filtered tables (an
# expression, completion, both with a crosstab), the first table after
# one more response was imported, the CSV export, the needs of the
# evidence loop (survey_evidence_needs() on the survey tagged), and the
# server's peak resident memory while it answers the JSON and the whole
# analysis page of the survey.
#
#   bench/surveys.sh [ROWS] [BUILD_DIR]     defaults: 1000000, build
#
# The issue's budget at 1,000,000 responses: import <= 20 s, freq <= 0.2 s,
# crosstab <= 0.5 s (and not slower than R), export <= 10 s, the server
# under 200 MB. Each time is printed as wall time and as CPU time (user +
# system): on a shared machine the wall time includes waiting for a core.
# Needs: bc, curl, python3, sqlite3; Rscript for the comparison (skipped
# with a note when R is not installed).
set -eu
cd "$(dirname "$0")/.."
case "${1:-}" in
[0-9]*) ROWS=$1; BUILD=${2:-build} ;;
"") ROWS=1000000; BUILD=build ;;
*) BUILD=$1; ROWS=${2:-1000000} ;; # the older order: BUILD_DIR ROWS
esac
L=$BUILD/lotse
[ -x "$L" ] && [ -x "$BUILD/bench_surveys" ] || { echo "surveys.sh: build $BUILD first (ninja -C $BUILD)" >&2; exit 2; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/lotse-bench-surveys.XXXXXX")
SERVER=
cleanup() {
	[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

# timed NAME CMD...: run CMD (output to $TMP/out), print wall and CPU time
# and peak memory; $WALL gets the wall time
timed() {
	name=$1
	shift
	/usr/bin/time -f "%e %U %S %M" -o "$TMP/t" "$@" >"$TMP/out"
	read -r WALL u s m <"$TMP/t"
	CPU=$(echo "$u + $s" | bc)
	printf "%-30s %8.3f s wall %8.3f s CPU   (max RSS %d MB)\n" "$name" "$WALL" "$CPU" $((m / 1024))
}
# best NAME CMD...: the best of 3 runs
best() {
	name=$1
	shift
	b=
	for i in 1 2 3; do
		/usr/bin/time -f "%e %U %S" -o "$TMP/t" "$@" >"$TMP/out"
		read -r w u s <"$TMP/t"
		if [ -z "$b" ] || [ "$(echo "$w < $b" | bc)" = 1 ]; then b=$w; bc_=$(echo "$u + $s" | bc); fi
	done
	WALL=$b
	CPU=$bc_
	printf "%-30s %8.3f s wall %8.3f s CPU   (best of 3)\n" "$name" "$b" "$bc_"
}

echo "== data: $ROWS responses to 30 closed questions"
"$BUILD/bench_surveys" "$TMP/b.db" "$TMP/in.csv" "$ROWS"
ls -l "$TMP/in.csv" | awk '{ printf "CSV file: %.1f MB\n", $5 / 1e6 }'

echo "== lotse"
timed "responses import" "$L" responses import --db "$TMP/b.db" bench "$TMP/in.csv"
IMPORT=$WALL IMPORT_CPU=$CPU
best "freq (q01)" "$L" analyse --db "$TMP/b.db" bench --freq q01 --json
FREQ=$WALL FREQ_CPU=$CPU
head -c 150 "$TMP/out"
echo " ..."
best "crosstab (q01 x q02)" "$L" analyse --db "$TMP/b.db" bench --crosstab q01 q02 --json
XTAB=$WALL XTAB_CPU=$CPU
CHI2=$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print("%.6f df %d p %.4g" % (j["chi2"], j["df"], j["p"]))' "$TMP/out")
echo "  lotse chi2 $CHI2"
timed "export (csv)" "$L" responses export --db "$TMP/b.db" bench --format csv "$TMP/out.csv"
EXPORT=$WALL EXPORT_CPU=$CPU
best "freq, filtered (q03 == \"2\")" "$L" analyse --db "$TMP/b.db" bench --freq q01 --where 'q03 == "2"' --json
WFREQ=$WALL WFREQ_CPU=$CPU
best "freq, complete only" "$L" analyse --db "$TMP/b.db" bench --freq q01 --complete --json
best "crosstab, filtered (both)" "$L" analyse --db "$TMP/b.db" bench --crosstab q01 q02 \
	--where 'q03 == "2" or q04 != "1"' --complete --json
# one more response (its cells appended), then a table
printf 'status,q01,q02\ncomplete,1,2\n' >"$TMP/one.csv"
timed "import of 1 more response" "$L" responses import --db "$TMP/b.db" bench "$TMP/one.csv"
timed "freq after it" "$L" analyse --db "$TMP/b.db" bench --freq q05 --json
"$BUILD/bench_surveys" --evidence "$TMP/b.db"

echo "== R (table() and chisq.test() on the data already loaded, best of 3)"
if command -v Rscript >/dev/null 2>&1; then
	cat >"$TMP/bench.R" <<'R'
args <- commandArgs(TRUE)
d <- read.csv(args[1], colClasses = c("character", rep("integer", 30)))
best <- function(f) min(sapply(1:3, function(i) system.time(f())[["elapsed"]]))
tf <- best(function() table(d$q01))
tx <- best(function() chisq.test(table(d$q01, d$q02)))
x <- chisq.test(table(d$q01, d$q02))
cat(sprintf("%-30s %8.3f s\n%-30s %8.3f s\n  R chi2 %.6f df %d p %.4g\n", "R table(q01)", tf,
            "R chisq.test(table(q01, q02))", tx, x$statistic, x$parameter, x$p.value))
cat(sprintf("RFREQ=%.3f RXTAB=%.3f\n", tf, tx), file = args[2])
R
	Rscript "$TMP/bench.R" "$TMP/in.csv" "$TMP/r"
	. "$TMP/r"
else
	echo "Rscript is not installed: no comparison (apt-get install r-base-core)"
	RFREQ=
	RXTAB=
fi

echo "== the server: the JSON and the whole analysis page (a researcher's session)"
PW=Bench-Umfragen-2026
printf '%s\n' "$PW" | "$L" user add --db "$TMP/b.db" --email "forschung@example.org" --role researcher --password-stdin >/dev/null
ID=$(sqlite3 "$TMP/b.db" "SELECT id FROM survey WHERE code = 'bench'")
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$L" serve --db "$TMP/b.db" --listen "127.0.0.1:$PORT" --threads 2 >"$TMP/serve.log" 2>&1 &
SERVER=$!
B="http://127.0.0.1:$PORT"
i=0
until curl -s -o /dev/null "$B/healthz"; do i=$((i + 1)); [ $i -lt 100 ] || { cat "$TMP/serve.log"; exit 1; }; sleep 0.1; done
J="$TMP/cookies"
TOKEN=$(curl -s -c "$J" -b "$J" "$B/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
curl -s -o /dev/null -c "$J" -b "$J" --data-urlencode "email=forschung@example.org" --data-urlencode "password=$PW" \
	--data-urlencode "csrf=$TOKEN" "$B/login"
for p in "auswertung.json?frage=q01" "auswertung.json?zeile=q01&spalte=q02" "auswertung"; do
	curl -s -o "$TMP/body" -b "$J" -w "GET .../$p: %{time_total} s, status %{http_code}, %{size_download} bytes\n" \
		"$B/intern/umfragen/$ID/$p"
done
RSS=$(awk '/VmHWM/ { print int($2 / 1024) }' "/proc/$SERVER/status")
echo "server peak resident memory: $RSS MB"

echo "== against the issue's budget (at 1,000,000 responses): wall time, CPU time"
verdict() { [ "$(echo "$1 <= $2" | bc)" = 1 ] && echo "ok" || echo "OVER"; }
line() { printf "%-9s %8.3f s %-4s %8.3f s %-4s  budget %4s s%s\n" "$1" "$2" "$(verdict "$2" "$4")" "$3" "$(verdict "$3" "$4")" "$4" "$5"; }
line import "$IMPORT" "$IMPORT_CPU" 20 ""
line freq "$FREQ" "$FREQ_CPU" 0.2 "${RFREQ:+   (R: $RFREQ s)}"
line crosstab "$XTAB" "$XTAB_CPU" 0.5 "${RXTAB:+   (R: $RXTAB s)}"
line filtered "$WFREQ" "$WFREQ_CPU" 0.5 ""
line export "$EXPORT" "$EXPORT_CPU" 10 ""
printf "%-9s %8d MB %-4s                   budget  200 MB\n" server "$RSS" "$(verdict "$RSS" 200)"
