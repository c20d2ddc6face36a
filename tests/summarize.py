#!/usr/bin/env python3
"""summarize.py — count test cases in a meson testlog.json.

Prints "PASSED FAILED"; with --failed, the names of the tests that failed
(with their cases' names where cmocka printed them), a line each, and
under each at most six lines of why (cmocka's error and line, a sanitizer's
report, a timeout), so that the end of a long CI log says what broke. A cmocka executable's cases are read from its
"[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s)" lines; an executable
that failed without such lines (a crash, a sanitizer report, a timeout)
counts as one failure; any other program counts as one test.
"""
import json
import re
import sys

names = sys.argv[1] == "--failed"

WHY = re.compile(r"^\[  ERROR   \] --- .*|^\[   LINE   \] --- .*|.*ERROR: AddressSanitizer.*"
                 r"|.*runtime error:.*|.*LeakSanitizer.*|.*Timeout.*|.*timed out.*", re.M)


def reasons(out):
    """The lines of a test's output that say why it failed, once each."""
    return list(dict.fromkeys(m.group(0).strip()[:300] for m in WHY.finditer(out)))

path = sys.argv[-1]
passed = failed = 0
with open(path, encoding="utf-8", errors="replace") as f:
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
        if names and fl:
            cases = re.findall(r"\[  FAILED  \] ([^\s(]+)\s*$", out, re.M)
            cases = list(dict.fromkeys(cases))  # cmocka names a failed case twice
            detail = ", ".join(cases) if cases else t.get("result", "")
            print(f"{t.get('name', '?')}: {detail}")
            for why in reasons(out)[:6]:
                print(f"    {why}")
if not names:
    print(passed, failed)
