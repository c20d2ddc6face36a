#!/bin/sh
# render.sh — the finder page's HTML alone (#12): how much CPU writing one
# /angebote result page costs, without the search.
#
#   bench/render.sh [BUILD_DIR] [DB] [REPEAT]
#       defaults: build, the database of bench/speed.sh
#       (/tmp/lotse-bench-speed-100000.db; make it with bench/speed.sh), 500
#
# bench_render (bench/render.c) checks and searches each of nine fixed
# finder addresses (text and filter pages, German and Arabic) once, then
# writes the page REPEAT times from that result with the server's frame
# (route table, content pages' check) and prints per page the median and
# p95 CPU time of writing it (this thread's CPU time: what it costs,
# whatever else the machine runs), its size, and for comparison the median
# CPU time of checking its query and of its search (without a running
# server's indexer, so the search also looks for waiting offers).
# LOTSE_KEY_FILE as for lotse, when the key file is not beside DB.
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
DB=${2:-/tmp/lotse-bench-speed-100000.db}
REPEAT=${3:-500}
[ -x "$BUILD/bench_render" ] || { echo "render.sh: build first (ninja -C $BUILD bench_render)" >&2; exit 2; }
[ -f "$DB" ] || { echo "render.sh: $DB is missing (bench/speed.sh makes it)" >&2; exit 2; }
echo "machine  $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$BUILD/bench_render" "$DB" "$REPEAT" 2>&1 | grep -v "Z info "
