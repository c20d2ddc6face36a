#!/usr/bin/env bash
# run.sh — build the libFuzzer targets and run each for a while.
#
#   tests/fuzz/run.sh [SECONDS]     (default 10 s per target)
#
# Builds in the sanitizer build that the asan suite shares (build-san/,
# tests/sanitize.sh: clang, -Dfuzz=true, ASan+UBSan, the library with
# -fsanitize=fuzzer-no-link; only the fuzz targets when the asan suite has
# not built the rest), then runs every target for SECONDS seconds,
# two at a time, on a copy of its seed corpus (tests/fuzz/corpus/NAME/ is
# never written). Crashing inputs go to build-san/artifacts/. Prints one
# line per target, "fuzz ok NAME" or "fuzz FAIL NAME" (the end of its log
# before it). Exits 1 when a target failed.
#
# To reproduce a failure: build-san/tests/fuzz/fuzz_NAME build-san/artifacts/NAME-crash-...
# Longer runs: tests/fuzz/run.sh 1800   (or `make fuzz-long`: 30 minutes a
# target; FUZZ_TARGETS="finder hsds_api" runs only those).
set -u
cd "$(dirname "$0")/../.."
SECONDS_PER=${1:-10}
. tests/sanitize.sh
BUILD=$SAN_BUILD
TARGETS="urlencoded cookies router markdown po form http hsds offers_csv finder hsds_api audit thesaurus events oparl keep"
TARGETS="$TARGETS survey_expr"
TARGETS="$TARGETS counselling" # counselling (#14)
TARGETS="$TARGETS analysis" # the evidence loop (#17)
TARGETS="$TARGETS qda docread transcript" # interviews (#15)
TARGETS="$TARGETS survey_responses" # surveys (#18)
TARGETS="$TARGETS lss" # surveys: importing .lss (#18)
TARGETS="$TARGETS review_lists" # the review's own values of list fields (#12)
TARGETS="$TARGETS xlsform" # surveys: importing XLSForm (#18)
TARGETS=${FUZZ_TARGETS:-$TARGETS} # e.g. FUZZ_TARGETS="finder hsds_api"
PARALLEL=${FUZZ_PARALLEL:-2}

fail_all() {
	for t in $TARGETS; do echo "fuzz FAIL $t"; done
	exit 1
}

if ! command -v clang >/dev/null; then
	echo "run.sh: clang is needed (apt-get install clang libclang-rt-dev)" >&2
	fail_all
fi
if [ ! -f "$BUILD/build.ninja" ]; then
	# shellcheck disable=SC2086
	CC=clang meson setup "$BUILD" $SAN_OPTIONS >"$BUILD.setup.log" 2>&1 ||
		{ cat "$BUILD.setup.log"; rm -rf "$BUILD"; fail_all; }
	rm -f "$BUILD.setup.log"
fi
# only the fuzz targets (and the library under them)
if ! ninja -C "$BUILD" $(for t in $TARGETS; do printf 'tests/fuzz/fuzz_%s ' "$t"; done) \
	>"$BUILD/ninja.log" 2>&1; then
	tail -n 40 "$BUILD/ninja.log"
	fail_all
fi

mkdir -p "$BUILD/artifacts"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/lotse-fuzz-run.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# UBSan reports must stop the run like ASan's do.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

run_one() { # name
	t=$1
	mkdir -p "$WORK/$t/corpus" "$WORK/$t/tmp"
	cp tests/fuzz/corpus/"$t"/* "$WORK/$t/corpus/" 2>/dev/null
	extra=
	[ -f "tests/fuzz/$t.dict" ] && extra="-dict=tests/fuzz/$t.dict"
	[ "$t" = http ] && extra="$extra -max_len=16384"
	# shellcheck disable=SC2086
	TMPDIR="$WORK/$t/tmp" "$BUILD/tests/fuzz/fuzz_$t" -max_total_time="$SECONDS_PER" \
		-rss_limit_mb=2048 -timeout=30 \
		-artifact_prefix="$BUILD/artifacts/$t-" $extra "$WORK/$t/corpus" \
		>"$WORK/$t.log" 2>&1
	echo $? >"$WORK/$t.rc"
}

running=0
for t in $TARGETS; do
	run_one "$t" &
	running=$((running + 1))
	if [ "$running" -ge "$PARALLEL" ]; then
		wait -n
		running=$((running - 1))
	fi
done
wait

failed=0
for t in $TARGETS; do
	rc=$(cat "$WORK/$t.rc" 2>/dev/null || echo 1)
	# A sanitizer report that did not stop the run is still a failure.
	if [ "$rc" = 0 ] && ! grep -qE "runtime error:|ERROR: (Address|Leak|Undefined)Sanitizer" "$WORK/$t.log"; then
		grep -h "^Done [0-9]* runs" "$WORK/$t.log" | sed "s/^/  $t: /"
		echo "fuzz ok $t"
	else
		grep -v -E '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse|INITED)' "$WORK/$t.log" | tail -n 60
		echo "fuzz FAIL $t"
		failed=1
	fi
done
exit $failed
