#!/bin/sh
# import.sh — benchmark of the flat offer import (`lotse import offers`).
#
#   bench/import.sh [LOTSE_BIN] [ROWS]     defaults: build/lotse, 100000
#
# Generates ROWS offers of 2000 providers with bench/gen_offers.py (fixed
# seed), creates a fresh database with `lotse init`, imports the file and
# prints the rows, the import's own time (reading, checking, writing,
# commit), rows per second, the time to index the new offers for the
# finder, and the wall time of the whole command. The target of the issue
# is at most 10 s for the import of 100,000 rows. Exits 1 when the import
# failed or reported bad rows.
set -eu
cd "$(dirname "$0")/.."
BIN=${1:-build/lotse}
ROWS=${2:-100000}
[ -x "$BIN" ] || { echo "import.sh: $BIN is not built (make)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "import.sh: python3 is missing" >&2; exit 2; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/lotse-bench-import.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM

python3 bench/gen_offers.py -n "$ROWS" -o "$TMP/offers.csv"
"$BIN" init --db "$TMP/lotse.db" >/dev/null

echo "lotse      $("$BIN" --version)"
echo "file       $ROWS rows, $(wc -c <"$TMP/offers.csv") bytes ($TMP/offers.csv)"
echo "machine    $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
status=0
"$BIN" import offers --db "$TMP/lotse.db" "$TMP/offers.csv" >"$TMP/out.txt" 2>"$TMP/err.txt" || status=$?
end=$(date +%s.%N)
if [ "$status" -ne 0 ]; then
	echo "import.sh: the import failed (exit $status):" >&2
	tail -n 20 "$TMP/err.txt" >&2
	exit 1
fi
# "(100000 neu, 0 geändert, ...; 8.12 s)" and "Suchindex: 100000 Angebote in 5.43 s"
secs=$(sed -n 's/.*; \([0-9.]*\) s)$/\1/p' "$TMP/out.txt")
isecs=$(sed -n 's/^Suchindex: .* in \([0-9.]*\) s$/\1/p' "$TMP/out.txt")
head -n 1 "$TMP/out.txt" | sed 's/^/result     /'
awk -v rows="$ROWS" -v s="$secs" -v i="${isecs:-0}" -v a="$start" -v b="$end" 'BEGIN {
	printf "import     %.2f s, %.0f rows/s  (target: at most 10 s for 100000 rows)\n", s, rows / s
	printf "index      %.2f s (the finder'"'"'s search index for the new offers)\n", i
	printf "wall       %.2f s for the whole command\n", b - a
}'
echo "database   $(du -h "$TMP/lotse.db" | cut -f1)"
