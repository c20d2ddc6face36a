#!/bin/sh
# run.sh — run the browser and accessibility tests against a lotse binary.
#
#   tests/browser/run.sh path/to/lotse
#
# Installs the pinned npm packages (playwright-core, axe-core; no browser
# download: Debian's /usr/bin/chromium is used, override with CHROMIUM_PATH)
# when node_modules is missing or older than package-lock.json, then runs
# every *.test.mjs here with node's built-in test runner, two files at a
# time (LOTSE_BROWSER_JOBS; each file has its own server and Chromium, and
# they mostly wait on each other, so two keep two cores busy).
# TAP goes to stdout and ends with "# pass N" / "# fail N" (cancelled tests
# are added to the failures); the exit status is non-zero when a test fails.
# npm's output goes to stderr. Screenshots land in build/screenshots/.
set -eu

if [ $# -ne 1 ]; then
	echo "usage: $0 path/to/lotse" >&2
	exit 2
fi
case $1 in
/*) bin=$1 ;;
*) bin=$(pwd)/$1 ;;
esac
if [ ! -x "$bin" ]; then
	echo "$0: $bin is not an executable" >&2
	exit 2
fi

cd "$(dirname "$0")"

# npm ci when node_modules does not match package-lock.json; the stamp is
# a copy of the lock file written after a successful install.
stamp=node_modules/.lotse-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
	echo "run.sh: installing npm packages (npm ci)" >&2
	npm ci --no-audit --no-fund --prefer-offline --loglevel=error >&2
	cp package-lock.json "$stamp"
fi

LOTSE_BIN=$bin
export LOTSE_BIN
# Everything temporary (database, Chromium profile) goes to one directory,
# removed at the end even when a test file was killed.
work=$(mktemp -d "${TMPDIR:-/tmp}/lotse-browser-run.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 143' INT TERM
TMPDIR=$work
export TMPDIR
out=$work/tap.out
# The files in the order they start: the slowest first (about 95-155 s
# each in CI), so that the two at a time end together rather than one
# long file running alone at the end; then the others, by name.
slow="policy a11y-staff staff-phone a11y-roles languages-uk interviews"
files=""
for f in $slow; do files="$files ./$f.test.mjs"; done
for f in ./*.test.mjs; do
	case " $files " in *" $f "*) ;; *) files="$files $f" ;; esac
done
# --test-timeout bounds each file (each test has its own 30 s limit); 600 s,
# because a loaded 2-core machine once took over 170 s for the staff pages
# alone, and two files share the machine.
{
	rc=0
	node --test --test-reporter=tap --test-concurrency="${LOTSE_BROWSER_JOBS:-2}" --test-timeout=600000 $files || rc=$?
	echo "$rc" >"$out.rc"
} | tee "$out"
rc=$(cat "$out.rc")

# node counts a cancelled test (its file timed out or crashed) as neither
# passed nor failed: count it as failed, and make sure a non-zero exit shows
# as at least one failure. The caller reads the last "# pass"/"# fail" lines.
num() { sed -n "s/^# $1 \([0-9]*\)\$/\1/p" "$out" | tail -n 1; }
p=$(num pass) f=$(num fail) c=$(num cancelled)
p=${p:-0} f=${f:-0} c=${c:-0}
if [ "$c" -gt 0 ] || { [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; }; then
	f=$((f + c))
	if [ "$f" -eq 0 ]; then f=1; fi
	echo "# run.sh: node exited $rc with $c cancelled test(s); counting them as failed"
	echo "# pass $p"
	echo "# fail $f"
	if [ "$rc" -eq 0 ]; then rc=1; fi
fi
exit "$rc"
