#!/bin/sh
# facts.sh — the cost of the evidence loop's fact table (service_fact,
# sql/0056_service_facts.sql) on a database of OFFERS offers:
#   1. migration 0056 itself: a copy of the database taken back to the
#      migration before it (its two tables dropped, its schema_version row
#      deleted), then `lotse migrate`;
#   2. `lotse reindex facts`: every offer's row refreshed, in transactions
#      of ~0.1 s with a pause after each (what a running server shares).
# For each: CPU time (user + system, /usr/bin/time), wall time and the
# machine's load, RUNS times (median), and the rows the table has after.
#
#   bench/facts.sh [BUILD_DIR] [OFFERS] [RUNS]   defaults: build, 100000, 3
#
# The database is bench/analysis.sh's (cached in $LOTSE_BENCH_CACHE,
# default /tmp/lotse-bench-analysis, as analysis-OFFERS.db; made once here
# the same way when missing). Needs: python3, sqlite3, /usr/bin/time.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
BUILD=${1:-build}
OFFERS=${2:-100000}
RUNS=${3:-3}
BIN=$BUILD/lotse
[ -x "$BIN" ] || { echo "facts.sh: build $BUILD first (ninja -C $BUILD)" >&2; exit 2; }
for t in python3 sqlite3 /usr/bin/time; do
	command -v $t >/dev/null || { echo "facts.sh: $t is missing" >&2; exit 2; }
done

CACHE=${LOTSE_BENCH_CACHE:-${TMPDIR:-/tmp}/lotse-bench-analysis}
DB=$CACHE/analysis-$OFFERS.db
bench_offers_db "$BIN" "$OFFERS" "$DB"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/lotse-bench-facts.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM
echo "lotse      $("$BIN" --version)"
echo "database   $DB: $(sqlite3 "$DB" 'SELECT count(*) FROM service') offers," \
	"$(sqlite3 "$DB" 'SELECT count(*) FROM service_fact') current"
echo "machine    $(nproc) CPUs"

# one timed command: "cpu wall" into $TMP/times.NAME, a line to stdout
timed() {
	name=$1
	shift
	load=$(cut -d' ' -f1 /proc/loadavg)
	/usr/bin/time -o "$TMP/t" -f "%U %S %e" "$@" >"$TMP/out" 2>&1 || {
		echo "facts.sh: $name failed:" >&2
		tail -n 20 "$TMP/out" >&2
		exit 1
	}
	read -r u s e <"$TMP/t"
	awk -v u="$u" -v s="$s" -v e="$e" -v l="$load" -v n="$name" -v r="$run" \
		'BEGIN { printf "run %d      %-8s cpu %.2f s (user %.2f + sys %.2f), wall %.2f s, load %s\n", r, n, u + s, u, s, e, l }'
	echo "$u $s $e" | awk '{ print $1 + $2, $3 }' >>"$TMP/times.$name"
}

run=1
while [ "$run" -le "$RUNS" ]; do
	cp "$DB" "$TMP/m.db"
	[ -f "$DB-wal" ] && cp "$DB-wal" "$TMP/m.db-wal"
	cp "$CACHE/lotse.key" "$TMP/lotse.key" 2>/dev/null || true
	sqlite3 "$TMP/m.db" "DROP TABLE service_fact; DROP TABLE service_fact_value; DELETE FROM schema_version WHERE version = 56"
	timed migrate "$BIN" migrate --db "$TMP/m.db"
	[ "$run" -eq 1 ] && echo "           after the migration: $(sqlite3 "$TMP/m.db" 'SELECT count(*) FROM service_fact') rows"
	timed reindex "$BIN" reindex --db "$TMP/m.db" facts
	[ "$run" -eq 1 ] && sed 's/^/           /' "$TMP/out"
	rm -f "$TMP"/m.db*
	run=$((run + 1))
done
med() { cut -d' ' -f"$2" "$TMP/times.$1" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for n in migrate reindex; do
	printf '%-10s cpu %.2f s, wall %.2f s (median of %d)\n' "$n" "$(med $n 1)" "$(med $n 2)" "$RUNS"
done
