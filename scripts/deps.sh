#!/bin/sh
# deps.sh — install the Debian packages lotse needs that are missing.
#
#   scripts/deps.sh          what `make` and `make run` need (build + run)
#   scripts/deps.sh --test   also what `make check` needs (tests, browser, fuzzing)
#
# As root it runs apt-get; otherwise it prints the exact command to run.
set -eu

BUILD="gcc make meson ninja-build pkg-config python3 libmicrohttpd-dev libsqlite3-dev
       libjansson-dev libsodium-dev libcmark-dev libstemmer-dev libcsv-dev
       liboath-dev libqrencode-dev libpasswdqc-dev libxml2-dev libzip-dev
       libxlsxwriter-dev libreadstat-dev"
TEST="cppcheck libcmocka-dev libcurl4-openssl-dev tidy clang libclang-rt-14-dev chromium curl
      gettext sqlite3 python3-icalendar python3-jsonschema libxml2-utils
      r-base-core r-cran-haven pspp"

want="$BUILD"
[ "${1:-}" = "--test" ] && want="$want $TEST"
# Node.js for the browser tests: only when no node is on the machine (a
# node from elsewhere conflicts with Debian's npm package).
if [ "${1:-}" = "--test" ] && ! command -v npm >/dev/null 2>&1; then
	want="$want nodejs npm"
fi

missing=""
for p in $want; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
	echo "deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
	echo "deps: missing Debian packages; run as root:" >&2
	echo "  apt-get install$missing" >&2
	exit 1
fi
