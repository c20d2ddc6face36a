#!/bin/sh
# run.sh — static checks on the source, one line per check: "ok NAME" or
# "FAIL NAME" (counted by tests/run-all.sh).
#   cppcheck       warnings, performance, portability; suppressions explained
#                  in tests/static/cppcheck.supp
#   views-escape   views write HTML only through the escaping writer: no
#                  buf_* calls in any views file
#   raw-trusted    html_raw_trusted() only in the layout and the Markdown renderer;
#                  html_raw_trusted_n() only for the finder's kept cards (cards.c)
#   includes       the include rules of docs/architecture.md (tools/check-includes.py)
#   step-checked   sqlite3_step() only in src/store/: everything else steps
#                  through store_step(), so a failed read is never the end of
#                  the rows (house rule 4)
#   thesaurus      data/thesaurus.txt is well formed (tools/thesaurus-check.py)
#   runner-missing tests/run-all.sh counts a suite whose runner is missing as
#                  failed (a copy of it run where no runner exists)
#   css-braces     the braces of static/*.css balance (outside comments, strings)
set -u
cd "$(dirname "$0")/../.."

out=$(cppcheck --enable=warning,performance,portability --inline-suppr \
	--suppressions-list=tests/static/cppcheck.supp -D__GNUC__ -I src --quiet \
	--error-exitcode=1 src/ 2>&1)
if [ $? -eq 0 ]; then echo "ok cppcheck"; else echo "$out"; echo "FAIL cppcheck"; fi

bad=$(grep -rn 'buf_[a-z]*(' src --include='*views*.c' 2>/dev/null)
if [ -z "$bad" ]; then echo "ok views-escape"; else echo "$bad"; echo "FAIL views-escape"; fi

# (and html_raw_trusted_n(): the finder's kept result cards, markup the
# escaping writer made in src/directory/public/cards.c)
bad=$(grep -rn 'html_raw_trusted\(_n\)\?(' src --include=*.c | grep -v '^src/html/html.c:' \
	| grep -v '^src/html/layout.c:' | grep -v '^src/html/markdown.c:' \
	| grep -v '^src/directory/public/cards.c:.*html_raw_trusted_n(')
if [ -z "$bad" ]; then echo "ok raw-trusted"; else echo "$bad"; echo "FAIL raw-trusted"; fi

bad=$(grep -rn 'sqlite3_step *(' src --include=*.c --include=*.h | grep -v '^src/store/')
if [ -z "$bad" ]; then echo "ok step-checked"; else echo "$bad"; echo "FAIL step-checked"; fi

tmp=$(mktemp -d)
mkdir "$tmp/tests" && cp tests/run-all.sh "$tmp/tests/"
last=$(sh "$tmp/tests/run-all.sh" browser robust fuzz 2>&1 | tail -n 1)
rm -rf "$tmp"
if [ "$last" = "0 passed, 3 failed" ]; then echo "ok runner-missing"; else echo "run-all.sh without runners: $last"; echo "FAIL runner-missing"; fi

# The include rules of docs/architecture.md: which folder may include which,
# public headers only across folders, no cycles (tools/check-includes.py).
out=$(python3 tools/check-includes.py 2>&1)
if [ "$out" = "ok" ]; then echo "ok includes"; else echo "$out"; echo "FAIL includes"; fi

# ... and the check itself catches a crossing and a cycle (a tiny tree).
tmp=$(mktemp -d)
mkdir -p "$tmp/docs" "$tmp/src/store" "$tmp/src/directory"
cp docs/architecture.md "$tmp/docs/"
printf '#include "directory/directory.h"\n' >"$tmp/src/store/store.c"
printf '#include "store/store.h"\n' >"$tmp/src/directory/directory.h"
out=$(python3 tools/check-includes.py "$tmp" 2>&1)
rm -rf "$tmp"
if echo "$out" | grep -q 'store may not include directory' && echo "$out" | grep -q 'include cycle'; then
	echo "ok includes-guard"
else
	echo "$out"; echo "FAIL includes-guard"
fi

# The shipped thesaurus (data/thesaurus.txt) parses, every concept has
# German and English words, no word is repeated in a concept, none is
# ambiguous beyond the allowed list, no letters of a stray script
# (tools/thesaurus-check.py; its own test: tests/unit/test_thesaurus_check.py).
out=$(python3 tools/thesaurus-check.py data/thesaurus.txt 2>&1)
if [ "$out" = "ok" ]; then echo "ok thesaurus"; else echo "$out"; echo "FAIL thesaurus"; fi

# The style sheets' braces balance, outside comments and strings: one
# unclosed @media block once turned every later rule into a phone-only rule.
out=$(python3 - static/*.css <<'PY'
import re, sys
bad = []
for path in sys.argv[1:]:
    text = re.sub(r'/\*.*?\*/|"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'', '', open(path, encoding='utf-8').read(), flags=re.S)
    depth = 0
    for no, line in enumerate(text.split('\n'), 1):
        for ch in line:
            depth += ch == '{'
            depth -= ch == '}'
            if depth < 0:
                bad.append(f'{path}: an unopened }} (line {no} without comments)')
                depth = 0
    if depth > 0:
        bad.append(f'{path}: {depth} block(s) left open at the end')
print('\n'.join(bad) or 'ok')
PY
)
if [ "$out" = "ok" ]; then echo "ok css-braces"; else echo "$out"; echo "FAIL css-braces"; fi
