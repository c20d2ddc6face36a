#!/bin/sh
# run-all.sh — run the test suites and end with one "N passed, N failed" line.
#
#   tests/run-all.sh              every suite: unit + HTTP, the same under
#                                 ASan+UBSan, browser, fuzz (briefly); the
#                                 static suite beside the build, the
#                                 ASan+UBSan and fuzz suites and the robust
#                                 one beside the browser tests
#   tests/run-all.sh SUITE...     only these: static build asan robust browser fuzz
#
# Counts: each cmocka test case, each browser test, each fuzz target.
# LOTSE_TEST_JOBS: meson tests at once (default 4: they mostly wait);
# LOTSE_TEST_SERIAL=1: every suite one after another, none beside another.
# LOTSE_BROWSER_JOBS: browser test files at once (default 2).
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RESULTS=$(mktemp)
# what failed, a line each, printed again just before the summary line
# (a long log's end is often all a reader of CI sees)
FAILED=$(mktemp)
trap 'rm -f "$RESULTS" "$FAILED"' EXIT
suites=${*:-"static build asan robust browser fuzz"}

# Each suite's time is printed with its counts, from when it began (t0).
record() { # suite passed failed
	echo "$1 $2 $3" >>"$RESULTS"
	[ "$3" -gt 0 ] && [ -n "${4:-}" ] && echo "$4" | sed "s/^/$1: /" >>"$FAILED"
	echo "== $1: $2 passed, $3 failed ($(($(date +%s) - ${t0:-$START})) s)"
}
START=$(date +%s)

# A suite whose runner is missing (or not executable) counts as failed,
# not as absent: a check that cannot run has not passed.
have_runner() { # suite script
	[ -x "$2" ] && return 0
	echo "$2 is missing or not executable"
	record "$1" 0 1
	return 1
}

meson_suite() { # name builddir [meson setup options...]
	name=$1 dir=$2
	shift 2
	# Always (re)configured with the suite's options: a build/ made by
	# `make` (no -Werror, maybe before cmocka was installed) is not reused
	# as it is.
	if [ -f "$dir/build.ninja" ]; then
		meson setup --reconfigure "$dir" "$@" >"$dir.setup.log" 2>&1
	else
		meson setup "$dir" "$@" >"$dir.setup.log" 2>&1
	fi || { cat "$dir.setup.log"; record "$name" 0 1; return; }
	rm -f "$dir.setup.log"
	if ! ninja -C "$dir" >"$dir/ninja.log" 2>&1; then
		cat "$dir/ninja.log"
		record "$name" 0 1
		return
	fi
	meson test -C "$dir" --print-errorlogs --num-processes "${LOTSE_TEST_JOBS:-4}" >"$dir/meson-test.out" 2>&1
	tail -n 15 "$dir/meson-test.out"
	set -- $(python3 tests/summarize.py "$dir/meson-logs/testlog.json")
	record "$name" "$1" "$2" "$(python3 tests/summarize.py --failed "$dir/meson-logs/testlog.json")"
}

# The unit and HTTP tests under ASan+UBSan, in the sanitizer build that
# the fuzz suite uses too (tests/sanitize.sh: clang, built once for both).
asan_suite() {
	if ! command -v clang >/dev/null; then
		echo "run-all.sh: clang is needed (apt-get install clang libclang-rt-dev)"
		record asan 0 1
		return
	fi
	. tests/sanitize.sh
	# shellcheck disable=SC2086
	CC=clang ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		meson_suite asan "$SAN_BUILD" $SAN_OPTIONS
}

fuzz_suite() {
	have_runner fuzz tests/fuzz/run.sh || return
	out=$(tests/fuzz/run.sh "${FUZZ_SECONDS:-10}" 2>&1)
	echo "$out" | tail -n 30
	p=$(echo "$out" | grep -c '^fuzz ok ')
	f=$(echo "$out" | grep -c '^fuzz FAIL ')
	[ "$p$f" = "00" ] && f=1
	record fuzz "$p" "$f" "$(echo "$out" | grep '^fuzz FAIL ')"
}

run_suite() { # suite
	t0=$(date +%s)
	case $1 in
	build)
		meson_suite build build -Dwerror=true
		;;
	asan)
		asan_suite
		;;
	browser)
		if have_runner browser tests/browser/run.sh; then
			tests/browser/run.sh "$ROOT/build/lotse" >build/browser.out 2>&1
			cat build/browser.out | tail -n 40
			p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' build/browser.out | tail -1)
			f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' build/browser.out | tail -1)
			[ -z "$p$f" ] && f=1
			record browser "${p:-0}" "${f:-0}" "$(grep -E '^ *not ok ' build/browser.out)"
		fi
		;;
	static)
		# cppcheck and the house rules that grep can check
		out=$(tests/static/run.sh 2>&1)
		echo "$out" | tail -n 30
		p=$(echo "$out" | grep -c '^ok ')
		f=$(echo "$out" | grep -c '^FAIL ')
		record static "$p" "$f" "$(echo "$out" | grep '^FAIL ')"
		;;
	robust)
		# crash-safety and malformed-HTTP tests against the real server
		if have_runner robust tests/robust/run.sh; then
			out=$(tests/robust/run.sh "$ROOT/build/lotse" 2>&1)
			echo "$out" | tail -n 30
			p=$(echo "$out" | grep -c '^ok ')
			f=$(echo "$out" | grep -c '^FAIL ')
			[ "$p$f" = "00" ] && f=1
			record robust "$p" "$f" "$(echo "$out" | grep '^FAIL ')"
		fi
		;;
	fuzz)
		fuzz_suite
		;;
	*)
		echo "unknown suite: $1" >&2
		record "$1" 0 1
		;;
	esac
}

# Side jobs. The machine has two cores and most suites wait much of the
# time (on servers, Chromium, the disk), so some run beside the others
# (LOTSE_TEST_SERIAL=1: one after another), each into its own file,
# printed when all have ended:
#   static beside the build (cppcheck uses one core, the compiler two);
#   asan, and after it fuzz in the same job (they share the sanitizer
#   build), beside everything after it;
#   robust beside the browser tests (both after the build: they need
#   build/lotse).
# A side job starts when its turn in the list comes, so what it needs from
# the suites before it is there.
asked() { case " $suites " in *" $1 "*) return 0 ;; esac; return 1; }
side=""
SIDE=$(mktemp -d)
trap 'rm -f "$RESULTS"; rm -rf "$SIDE"' EXIT
beside() { # suite... — run these one after another in a side job
	out=$SIDE/$1.out
	( for x in "$@"; do run_suite "$x"; done ) >"$out" 2>&1 &
	side="$side $!:$out"
}
serial=${LOTSE_TEST_SERIAL:-0}
set -- $suites
[ $# -lt 2 ] && serial=1

for s in $suites; do
	if [ "$serial" = 1 ]; then
		run_suite "$s"
		continue
	fi
	case $s in
	static | robust) beside "$s" ;;
	asan) if asked fuzz; then beside asan fuzz; else beside asan; fi ;;
	fuzz) asked asan || run_suite fuzz ;;
	*) run_suite "$s" ;;
	esac
done

for job in $side; do
	wait "${job%%:*}"
	cat "${job#*:}"
done

if [ -s "$FAILED" ]; then
	echo "== failed:"
	cat "$FAILED"
fi
echo "== all suites: $(($(date +%s) - START)) s"
awk '{ p += $2; f += $3 } END { printf "%d passed, %d failed\n", p, f; exit f > 0 }' "$RESULTS"
