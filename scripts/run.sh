#!/bin/sh
# run.sh — `make run`: create var/lotse.db with demo content once, then serve.
set -eu
cd "$(dirname "$0")/.."
DB="${LOTSE_DB:-var/lotse.db}"
if [ ! -f "$DB" ]; then
	./build/lotse init --db "$DB" --demo
fi
echo "lotse: serving on http://${LOTSE_LISTEN:-127.0.0.1:8080} (Ctrl-C stops)"
exec ./build/lotse serve --db "$DB"
