#!/bin/sh
# survey_exports.sh — the exports of a survey's responses for statistics
# packages (#18) beside the CSV: a survey of 30 closed questions with ROWS
# responses (bench_surveys, as bench/surveys.sh makes it), imported, then
# `lotse responses export` as csv, sav (libreadstat; two walks over the
# responses: one measures, one writes) and r (the script and its CSV);
# each the wall and CPU time (user + system) and the peak memory of the
# whole command, and the file's size. With R's haven installed, the time R
# takes to read the .sav back is printed too.
#
#   bench/survey_exports.sh [ROWS] [BUILD_DIR]     defaults: 1000000, build
#
# Needs: bc; Rscript with haven for the read-back (skipped with a note).
set -eu
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
BUILD=${2:-build}
L=$BUILD/lotse
[ -x "$L" ] && [ -x "$BUILD/bench_surveys" ] || { echo "survey_exports.sh: build $BUILD first (ninja -C $BUILD)" >&2; exit 2; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/lotse-bench-exports.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM

# timed NAME FILE CMD...: run CMD, print its wall and CPU time, peak memory and FILE's size
timed() {
	name=$1
	file=$2
	shift 2
	/usr/bin/time -f "%e %U %S %M" -o "$TMP/t" "$@" >"$TMP/out"
	read -r w u s m <"$TMP/t"
	printf "%-22s %8.3f s wall %8.3f s CPU   max RSS %4d MB   %7.1f MB\n" "$name" "$w" "$(echo "$u + $s" | bc)" \
		$((m / 1024)) "$(stat -c %s "$file" | awk '{ print $1 / 1e6 }')"
}

echo "== data: $ROWS responses to 30 closed questions"
"$BUILD/bench_surveys" "$TMP/b.db" "$TMP/in.csv" "$ROWS"
"$L" responses import --db "$TMP/b.db" bench "$TMP/in.csv" >/dev/null
echo "== lotse responses export (whole command)"
timed "csv" "$TMP/a.csv" "$L" responses export --db "$TMP/b.db" bench --format csv "$TMP/a.csv"
timed "sav" "$TMP/a.sav" "$L" responses export --db "$TMP/b.db" bench --format sav "$TMP/a.sav"
timed "r (script + csv)" "$TMP/r.csv" "$L" responses export --db "$TMP/b.db" bench --format r "$TMP/r.R"
if command -v Rscript >/dev/null 2>&1 && Rscript -e 'library(haven)' >/dev/null 2>&1; then
	cat >"$TMP/read.R" <<'R'
suppressMessages(library(haven))
t <- system.time(d <- read_sav(commandArgs(TRUE)[1]))[["elapsed"]]
cat(sprintf("%-22s %8.3f s (%d rows, %d variables)\n", "R haven read_sav", t, nrow(d), ncol(d)))
R
	Rscript "$TMP/read.R" "$TMP/a.sav"
else
	echo "R with haven is not installed: no read-back (apt-get install r-cran-haven)"
fi
