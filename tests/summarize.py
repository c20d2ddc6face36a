#!/usr/bin/env python3
"""summarize.py — count test cases in a meson testlog.json.

Prints "PASSED FAILED". A cmocka executable's cases are read from its
"[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s)" lines; an executable
that failed without such lines (a crash, a sanitizer report, a timeout)
counts as one failure; any other program counts as one test.
"""
import json
import re
import sys

passed = failed = 0
with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
    for line in f:
        t = json.loads(line)
        out = (t.get("stdout", "") or "") + (t.get("stderr", "") or "")
        p = sum(int(x) for x in re.findall(r"\[  PASSED  \] (\d+) test", out))
        fl = sum(int(x) for x in re.findall(r"\[  FAILED  \] (\d+) test", out))
        ok = t.get("result") in ("OK", "EXPECTEDFAIL")
        if not ok and fl == 0:
            fl = 1
        if ok and p == 0 and fl == 0:
            p = 1  # a check that is not a cmocka program counts as one test
        passed += p
        failed += fl
print(passed, failed)
