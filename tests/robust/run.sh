#!/bin/sh
# run.sh — crash-safety and malformed-HTTP tests against the real server.
#
#   tests/robust/run.sh LOTSE_BIN [TEST...]
#
# Prints "ok NAME" or "FAIL NAME: reason" per test (see robust.py).
set -u
if [ $# -lt 1 ] || [ ! -x "$1" ]; then
	echo "usage: tests/robust/run.sh LOTSE_BIN [TEST...]" >&2
	echo "FAIL robust: no lotse binary given" 
	exit 2
fi
exec python3 "$(dirname "$0")/robust.py" "$@"
