#!/bin/sh
# audit.sh — the audit log viewer (/intern/protokoll) on a big log: fills
# the log of a demo database to $LOTSE_BENCH_AUDIT_ROWS (500000) keyed rows
# and prints what a view costs in the store, the chain check as it was
# (every row, every view) and as it is (only the rows added since the last
# view), and the page's other queries (bench/audit.c).
#
#   bench/audit.sh [BUILD_DIR] [VIEWS]      defaults: build, 10
#
# The database is kept in $LOTSE_BENCH_CACHE (default /tmp/lotse-bench-audit).
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
VIEWS=${2:-10}
N=${LOTSE_BENCH_AUDIT_ROWS:-500000}
CACHE=${LOTSE_BENCH_CACHE:-${TMPDIR:-/tmp}/lotse-bench-audit}
BIN=$BUILD/lotse
BENCH=$BUILD/bench_audit
[ -x "$BIN" ] && [ -x "$BENCH" ] || { echo "audit.sh: build first (ninja -C $BUILD)" >&2; exit 2; }
mkdir -p "$CACHE"
DB=$CACHE/audit.db
[ -f "$DB" ] || "$BIN" init --demo --db "$DB" >/dev/null
LOTSE_KEY_FILE= "$BENCH" "$DB" "$N" "$VIEWS"
