# lib.sh — what the benchmark scripts share (sourced from the repository's
# root as `. bench/lib.sh`): waiting for a started server to listen.

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
