#!/bin/sh
# backup.sh — benchmark of `lotse backup` while the server writes.
#
#   bench/backup.sh [LOTSE_BIN] [ROWS] [WRITES_PER_S]   defaults: build/lotse, 100000, 5
#
# Builds a big database (ROWS offers of bench/gen_offers.py, imported with
# `lotse import offers` and indexed; 100,000 rows make about 690 MB), or
# takes the one named by LOTSE_BENCH_DB (it gets the contact messages of
# the run). Starts `lotse serve` on it and a writer that posts the contact
# form WRITES_PER_S times a second, then runs `lotse backup` and prints its
# time (copy and check), how many writes went through while it ran, the
# slowest of them and how many failed, and checks the copy with sqlite3's
# quick_check when sqlite3 is installed. Exits 1 when the backup failed.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
BIN=${1:-build/lotse}
ROWS=${2:-100000}
RATE=${3:-5}
[ -x "$BIN" ] || { echo "backup.sh: $BIN is not built (make)" >&2; exit 2; }
command -v curl >/dev/null || { echo "backup.sh: curl is missing" >&2; exit 2; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/lotse-bench-backup.XXXXXX")
SERVER=
WRITER=
cleanup() {
	[ -n "$WRITER" ] && kill "$WRITER" 2>/dev/null || true
	[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

if [ -n "${LOTSE_BENCH_DB:-}" ]; then
	DB=$LOTSE_BENCH_DB
else
	command -v python3 >/dev/null || { echo "backup.sh: python3 is missing" >&2; exit 2; }
	DB=$TMP/lotse.db
	echo "building   $ROWS offers (takes a while) ..."
	python3 bench/gen_offers.py -n "$ROWS" -o "$TMP/offers.csv"
	"$BIN" init --db "$DB" >/dev/null
	"$BIN" import offers --db "$DB" "$TMP/offers.csv" >/dev/null
	rm -f "$TMP/offers.csv"
fi
echo "lotse      $("$BIN" --version)"
echo "database   $(du -h "$DB" | cut -f1) ($DB)"
echo "machine    $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"

LOTSE_CONTACT_RATE=1000000 "$BIN" serve --db "$DB" --listen 127.0.0.1:0 --threads 4 >"$TMP/server.log" 2>&1 &
SERVER=$!
base=$(bench_base "$TMP/server.log" backup.sh) || exit 1

# the writer: one contact message every 1/RATE s; each line "status seconds"
interval=$(awk -v r="$RATE" 'BEGIN { printf "%.4f", 1 / r }')
(
	while :; do
		curl -s -o /dev/null -w '%{http_code} %{time_total}\n' \
			--data 'name=Bench&email=bench%40example.org&message=Eine+Nachricht+beim+Sichern.&consent=1&website=' \
			"$base/kontakt" >>"$TMP/writes" || echo "000 0" >>"$TMP/writes"
		sleep "$interval"
	done
) &
WRITER=$!
sleep 2 # writes before the backup starts
before=$(wc -l <"$TMP/writes")
start=$(date +%s.%N)
status=0
"$BIN" backup --db "$DB" "$TMP/copy.db" >"$TMP/backup.out" 2>&1 || status=$?
end=$(date +%s.%N)
after=$(wc -l <"$TMP/writes")
sleep 1
kill "$WRITER" 2>/dev/null || true
WRITER=
if [ "$status" -ne 0 ]; then
	echo "backup.sh: the backup failed (exit $status):" >&2
	cat "$TMP/backup.out" >&2
	exit 1
fi
sed 's/^/backup     /' "$TMP/backup.out"
during=$(sed -n "$((before + 1)),${after}p" "$TMP/writes")
n=$(printf '%s\n' "$during" | grep -c . || true)
failed=$(printf '%s\n' "$during" | awk 'NF && $1 != "303" { n++ } END { print n + 0 }')
slowest=$(printf '%s\n' "$during" | awk 'NF && $2 > m { m = $2 } END { printf "%.3f", m + 0 }')
awk -v a="$start" -v b="$end" -v r="$RATE" -v n="$n" -v f="$failed" -v s="$slowest" 'BEGIN {
	printf "time       %.2f s for the backup (copy and check) with %s writes/s running\n", b - a, r
	printf "writes     %d went through while it ran, %d failed, the slowest took %s s\n", n, f, s
}'
echo "copy       $(du -h "$TMP/copy.db" | cut -f1), mode $(stat -c %a "$TMP/copy.db")"
if command -v sqlite3 >/dev/null; then
	echo "check      quick_check of the copy: $(sqlite3 "$TMP/copy.db" 'PRAGMA quick_check' | head -n 1)"
fi
[ "$failed" -eq 0 ] || exit 1
