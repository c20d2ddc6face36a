#!/bin/sh
# run-all.sh — run the test suites and end with one "N passed, N failed" line.
#
#   tests/run-all.sh              every suite: unit + HTTP, the same under
#                                 ASan+UBSan, browser, fuzz (briefly); the
#                                 ASan+UBSan and fuzz suites beside the
#                                 robust and browser ones
#   tests/run-all.sh SUITE...     only these: static build asan robust browser fuzz
#
# Counts: each cmocka test case, each browser test, each fuzz target.
# LOTSE_TEST_JOBS: meson tests at once (default 4: they mostly wait);
# LOTSE_TEST_SERIAL=1: the sanitizer suite not beside the browser tests.
# LOTSE_BROWSER_JOBS: browser test files at once (default 2).
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RESULTS=$(mktemp)
trap 'rm -f "$RESULTS"' EXIT
suites=${*:-"static build asan robust browser fuzz"}

# Each suite's time is printed with its counts, from when it began (t0).
record() { # suite passed failed
	echo "$1 $2 $3" >>"$RESULTS"
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
	record "$name" "$1" "$2"
}

asan_suite() {
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		meson_suite asan build-asan -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false \
		-Dbuildtype=debug
}

fuzz_suite() {
	have_runner fuzz tests/fuzz/run.sh || return
	out=$(tests/fuzz/run.sh "${FUZZ_SECONDS:-15}" 2>&1)
	echo "$out" | tail -n 30
	p=$(echo "$out" | grep -c '^fuzz ok ')
	f=$(echo "$out" | grep -c '^fuzz FAIL ')
	[ "$p$f" = "00" ] && f=1
	record fuzz "$p" "$f"
}

# The sanitizer suite spends most of its time waiting on servers and the
# disk, as the browser tests do on Chromium: when both are asked for, it
# runs beside the suites after it (LOTSE_TEST_SERIAL=1: one after another)
# and its output is printed when it ends. It ends well before the browser
# tests, so the fuzz suite, when asked for too, runs after it in the same
# background job instead of after the browser tests.
asked() { case " $suites " in *" $1 "*) return 0 ;; esac; return 1; }
asan_bg="" fuzz_bg=""
if asked asan && asked browser && [ "${LOTSE_TEST_SERIAL:-0}" != 1 ]; then
	asan_bg=$ROOT/build-asan.out
	asked fuzz && fuzz_bg=1
fi

for s in $suites; do
	t0=$(date +%s)
	case $s in
	build)
		meson_suite build build -Dwerror=true
		;;
	asan)
		if [ -n "$asan_bg" ]; then
			{
				asan_suite
				if [ -n "$fuzz_bg" ]; then
					t0=$(date +%s)
					fuzz_suite
				fi
			} >"$asan_bg" 2>&1 &
			asan_pid=$!
		else
			asan_suite
		fi
		;;
	browser)
		if have_runner browser tests/browser/run.sh; then
			tests/browser/run.sh "$ROOT/build/lotse" >build/browser.out 2>&1
			cat build/browser.out | tail -n 40
			p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' build/browser.out | tail -1)
			f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' build/browser.out | tail -1)
			[ -z "$p$f" ] && f=1
			record browser "${p:-0}" "${f:-0}"
		fi
		;;
	static)
		# cppcheck and the house rules that grep can check
		out=$(tests/static/run.sh 2>&1)
		echo "$out" | tail -n 30
		p=$(echo "$out" | grep -c '^ok ')
		f=$(echo "$out" | grep -c '^FAIL ')
		record static "$p" "$f"
		;;
	robust)
		# crash-safety and malformed-HTTP tests against the real server
		if have_runner robust tests/robust/run.sh; then
			out=$(tests/robust/run.sh "$ROOT/build/lotse" 2>&1)
			echo "$out" | tail -n 30
			p=$(echo "$out" | grep -c '^ok ')
			f=$(echo "$out" | grep -c '^FAIL ')
			[ "$p$f" = "00" ] && f=1
			record robust "$p" "$f"
		fi
		;;
	fuzz)
		[ -n "$fuzz_bg" ] || fuzz_suite
		;;
	*)
		echo "unknown suite: $s" >&2
		record "$s" 0 1
		;;
	esac
done

if [ -n "$asan_bg" ] && [ -n "${asan_pid:-}" ]; then
	wait "$asan_pid"
	cat "$asan_bg"
	rm -f "$asan_bg"
fi

echo "== all suites: $(($(date +%s) - START)) s"
awk '{ p += $2; f += $3 } END { printf "%d passed, %d failed\n", p, f; exit f > 0 }' "$RESULTS"
