# lib.sh — what the benchmark scripts share (sourced from the repository's
# root as `. bench/lib.sh`): waiting for a started server to listen, and
# a database of generated offers made once.

# bench_base LOG NAME: print the base address (http://127.0.0.1:PORT) that
# the server writing its log to LOG listens on, waiting up to 10 s for it;
# when it does not start, show LOG and fail (NAME, the script, says who).
# Use as base=$(bench_base "$TMP/server.log" NAME.sh) under `set -e`.
bench_base() {
	_base=
	for _ in $(seq 1 100); do
		_base=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$1" | head -n 1)
		[ -n "$_base" ] && break
		sleep 0.1
	done
	[ -n "$_base" ] || { echo "$2: the server did not start:" >&2; cat "$1" >&2; return 1; }
	echo "$_base"
}

# bench_offers_db BIN OFFERS DB: make DB with OFFERS generated offers
# (bench/gen_offers.py + `BIN import offers`) unless it is there; it appears
# whole or not at all (built as DB.tmp, then renamed).
bench_offers_db() {
	[ -f "$3" ] && return 0
	mkdir -p "$(dirname "$3")"
	echo "building $3 ($2 offers; once, some minutes) ..."
	python3 bench/gen_offers.py -n "$2" -o "$3.csv"
	rm -f "$3.tmp" "$3.tmp-wal" "$3.tmp-shm"
	"$1" init --db "$3.tmp" >/dev/null
	"$1" import offers --db "$3.tmp" "$3.csv" >/dev/null 2>&1
	mv "$3.tmp" "$3"
	if [ -f "$3.tmp-wal" ]; then mv "$3.tmp-wal" "$3-wal"; fi
	rm -f "$3.tmp-shm" "$3.tmp-publish" "$3.csv"
}
