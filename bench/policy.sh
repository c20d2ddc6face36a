#!/bin/sh
# policy.sh — latency of the committee pages and the OParl lists.
#
#   bench/policy.sh [LOTSE_BIN] [REQUESTS]     defaults: build/lotse, 200
#
# Makes a demo database (`lotse init --demo`) in a temporary folder, adds
# 500 papers and 200 meetings through `lotse import oparl` (generated
# OParl JSON), starts lotse on 127.0.0.1 and requests each URL below
# REQUESTS times, one after the other, with curl. Prints the median and
# the 95th percentile of the total time per URL in milliseconds.
# Needs: curl, python3.
set -eu
cd "$(dirname "$0")/.."
BIN=${1:-build/lotse}
N=${2:-200}
[ -x "$BIN" ] || { echo "policy.sh: $BIN is not built (make)" >&2; exit 2; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/lotse-bench-policy.XXXXXX")
LPID=
cleanup() {
	[ -n "$LPID" ] && kill "$LPID" 2>/dev/null && wait "$LPID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

"$BIN" init --db "$TMP/db" --demo >/dev/null
mkdir "$TMP/oparl"
python3 - "$TMP/oparl" <<'PY'
import json, sys
d = sys.argv[1]
base = "https://rat.example/oparl"
objs = [{"id": f"{base}/organization/1", "type": "https://schema.oparl.org/1.1/Organization", "name": "Stadtrat"}]
for i in range(200):
    objs.append({"id": f"{base}/meeting/{i}", "type": "https://schema.oparl.org/1.1/Meeting",
                 "name": f"Sitzung {i}", "start": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}T17:00:00+01:00",
                 "organization": [f"{base}/organization/1"]})
for i in range(500):
    objs.append({"id": f"{base}/paper/{i}", "type": "https://schema.oparl.org/1.1/Paper",
                 "name": f"Vorlage {i} zur Integration", "reference": f"{i:04d}/2025",
                 "date": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}", "paperType": "Antrag"})
json.dump({"data": objs}, open(f"{d}/stadtrat.json", "w"))
PY
"$BIN" import oparl --db "$TMP/db" "$TMP/oparl" >/dev/null
"$BIN" serve --db "$TMP/db" --listen 127.0.0.1:18490 --threads 2 2>"$TMP/lotse.log" &
LPID=$!
for i in $(seq 100); do grep -q "listening on" "$TMP/lotse.log" && break; sleep 0.1; done

printf '%-45s %10s %10s\n' URL "median ms" "p95 ms"
for u in /gremien /gremien/1 /sitzungen/1 /vorlagen /vorlagen/1 /prozesse/1 \
	/oparl/v1/body/1 "/oparl/v1/body/1/paper" "/oparl/v1/body/1/paper?limit=100&page=3" \
	"/oparl/v1/body/1/meeting?limit=100" "/oparl/v1/body/1/paper?modified_since=2020-01-01T00:00:00Z"; do
	for i in $(seq "$N"); do
		curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:18490$u"
	done | sort -n | awk -v u="$u" '{ t[NR] = $1 * 1000 } END {
		printf "%-45s %10.2f %10.2f\n", u, t[int((NR + 1) / 2)], t[int(NR * 0.95)] }'
done
