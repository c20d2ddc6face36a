#!/bin/sh
# login-flood.sh — do the public pages stay fast while sign-ins flood in?
# (#11: password hashing on request threads slowed GET / to 0.5-1.5 s.)
#
#   bench/login-flood.sh [BUILD_DIR] [THREADS] [SECONDS]   defaults: build, 8, 20
#
# Starts `lotse serve` (4 worker threads) on 127.0.0.1 with a fresh demo
# database in a temporary folder, then
#   1. GET / 100 times, one at a time, without load;
#   2. the same while THREADS loops POST /login with wrong passwords for
#      unknown addresses as fast as they can (each request from another
#      loopback source address 127.77.T.N, so the throttle per address does
#      not stop the flood and every sign-in would cost an argon2 check);
# and prints median, p95 and max of GET / (curl's total time) for both,
# and how the flood's answers were split (401 checked, 429 throttled,
# 503 refused for want of a free password check). Bounded: at most 32
# threads and 60 seconds; only 127.0.0.0/8.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
BUILD=${1:-build}
THREADS=${2:-8}
SECONDS_=${3:-20}
BIN=${LOTSE_BIN:-$BUILD/lotse}
[ -x "$BIN" ] || { echo "login-flood.sh: build first (ninja -C $BUILD)" >&2; exit 2; }
command -v curl >/dev/null || { echo "login-flood.sh: curl is missing" >&2; exit 2; }
[ "$THREADS" -ge 1 ] && [ "$THREADS" -le 32 ] || { echo "login-flood.sh: 1 to 32 threads" >&2; exit 2; }
[ "$SECONDS_" -ge 1 ] && [ "$SECONDS_" -le 60 ] || { echo "login-flood.sh: 1 to 60 seconds" >&2; exit 2; }

TMP=$(mktemp -d)
PID=
cleanup() {
	[ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM
"$BIN" init --demo --db "$TMP/db" >/dev/null
"$BIN" serve --db "$TMP/db" --listen 127.0.0.1:0 --threads 4 2>"$TMP/server.log" &
PID=$!
BASE=$(bench_base "$TMP/server.log" login-flood.sh) || exit 1

# GET / COUNT times into FILE (seconds, one a line)
measure() {
	: >"$2"
	for _ in $(seq "$1"); do
		curl -s -o /dev/null --noproxy '*' -w '%{time_total}\n' "$BASE/" >>"$2"
	done
}
stats() {
	sort -n "$1" | awk '{ v[NR] = $1 } END {
		m = v[int((NR + 1) / 2)]; p = v[int(NR * 0.95 + 0.999)];
		printf "%s: n=%d median=%.1f ms p95=%.1f ms max=%.1f ms\n", label, NR, m * 1000, p * 1000, v[NR] * 1000 }' label="$2"
}

# One flooding loop: a CSRF token of its own, then wrong passwords for
# unknown addresses from 127.77.T.1..250 in turn until the deadline.
flood() {
	t=$1
	end=$(($(date +%s) + SECONDS_))
	jar=$TMP/jar$t
	token=$(curl -s --noproxy '*' -c "$jar" "$BASE/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
	n=0
	while [ "$(date +%s)" -lt "$end" ]; do
		n=$((n + 1))
		curl -s -o /dev/null --noproxy '*' -b "$jar" --interface "127.77.$t.$((n % 250 + 1))" \
			-w '%{http_code}\n' --data "email=flut$t-$n%40example.org&password=falsch-falsch-falsch&csrf=$token" \
			"$BASE/login" >>"$TMP/codes$t" || true
	done
}

measure 100 "$TMP/idle"
stats "$TMP/idle" "GET / idle           "
FLOODS=
for t in $(seq "$THREADS"); do
	flood "$t" &
	FLOODS="$FLOODS $!"
done
sleep 1
measure 100 "$TMP/load"
for f in $FLOODS; do wait "$f" || true; done
stats "$TMP/load" "GET / with $THREADS floods"
cat "$TMP"/codes* | sort | uniq -c | awk '{ printf "flood answers: %s x %s\n", $2, $1 }'
