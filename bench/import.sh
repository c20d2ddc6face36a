#!/bin/sh
# import.sh — benchmark of the flat offer import (`lotse import offers`).
#
#   bench/import.sh [LOTSE_BIN] [ROWS] [RUNS]    defaults: build/lotse, 100000, 3
#
# Generates ROWS offers of 2000 providers with bench/gen_offers.py (fixed
# seed), then RUNS times: creates a fresh database with `lotse init`,
# imports the file and notes the import's own time (reading, checking,
# writing, making the indexes, commit), the time to index the new offers
# for the finder, and the wall time of the whole command (which also
# includes moving the write-ahead log into the database file), and its CPU
# time (user + system, /usr/bin/time: less disturbed by other load than the
# wall time). Prints each run and the median of each figure. The target of the issue is at most
# 10 s for the import of 100,000 rows. Exits 1 when an import failed or
# reported bad rows.
set -eu
cd "$(dirname "$0")/.."
BIN=${1:-build/lotse}
ROWS=${2:-100000}
RUNS=${3:-3}
[ -x "$BIN" ] || { echo "import.sh: $BIN is not built (make)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "import.sh: python3 is missing" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "import.sh: /usr/bin/time is missing (Debian: time)" >&2; exit 2; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/lotse-bench-import.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM

python3 bench/gen_offers.py -n "$ROWS" -o "$TMP/offers.csv"

echo "lotse      $("$BIN" --version)"
echo "file       $ROWS rows, $(wc -c <"$TMP/offers.csv") bytes"
echo "machine    $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$TMP/times"
run=1
while [ "$run" -le "$RUNS" ]; do
	rm -f "$TMP"/lotse.db*
	"$BIN" init --db "$TMP/lotse.db" >/dev/null
	start=$(date +%s.%N)
	status=0
	/usr/bin/time -o "$TMP/cpu" -f "%U %S" "$BIN" import offers --db "$TMP/lotse.db" "$TMP/offers.csv" \
		>"$TMP/out.txt" 2>"$TMP/err.txt" || status=$?
	end=$(date +%s.%N)
	if [ "$status" -ne 0 ]; then
		echo "import.sh: the import failed (exit $status):" >&2
		tail -n 20 "$TMP/err.txt" >&2
		exit 1
	fi
	[ "$run" -eq 1 ] && head -n 1 "$TMP/out.txt" | sed 's/^/result     /'
	# "(100000 neu, 0 geändert, ...; 8.12 s)" and "Suchindex: 100000 Angebote in 5.43 s"
	secs=$(sed -n 's/.*; \([0-9.]*\) s)$/\1/p' "$TMP/out.txt")
	isecs=$(sed -n 's/^Suchindex: .* in \([0-9.]*\) s$/\1/p' "$TMP/out.txt")
	wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
	read -r usr sys <"$TMP/cpu"
	cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
	printf 'run %d      import %s s, index %s s, wall %s s, cpu %s s (user %s + sys %s), load %s\n' "$run" "$secs" \
		"${isecs:-0}" "$wall" "$cpu" "$usr" "$sys" "$(cut -d' ' -f1 /proc/loadavg)"
	echo "$secs ${isecs:-0} $wall $cpu $usr $sys" >>"$TMP/times"
	run=$((run + 1))
done
echo "database   $(du -h "$TMP/lotse.db" | cut -f1)"
# the median of each column
med() { cut -d' ' -f"$1" "$TMP/times" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
imp=$(med 1)
awk -v s="$imp" -v rows="$ROWS" -v i="$(med 2)" -v w="$(med 3)" -v c="$(med 4)" -v u="$(med 5)" -v y="$(med 6)" \
	-v n="$RUNS" 'BEGIN {
	printf "import     %.2f s median of %d, %.0f rows/s  (target: at most 10 s for 100000 rows)\n", s, n, rows / s
	printf "index      %.2f s median (the finder'"'"'s search index for the new offers)\n", i
	printf "wall       %.2f s median for the whole command\n", w
	printf "cpu        %.2f s median for the whole command (user %.2f, sys %.2f: medians of each)\n", c, u, y
}'
