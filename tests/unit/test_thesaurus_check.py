#!/usr/bin/env python3
"""test_thesaurus_check.py — tools/thesaurus-check.py passes a good file
and fails each kind of bad one, on tiny files.

usage: test_thesaurus_check.py PATH/TO/thesaurus-check.py

Prints "ok N - name" / "not ok N - name" (TAP) and exits 1 on a failure.
"""
import os
import subprocess
import sys
import tempfile

GOOD = """# a comment
[Deutschkurs]
de: Deutschkurs | Sprachkurs
de+: DaZ | Deutsch lernen
en: German course
ar: دورة لغة ألمانية | دورة BAB | كورس B1
uk: курс німецької мови
ru: курс немецкого языка | курсы немецкого
fa: کلاس زبان آلمانی | جاب‌سنتر

[Praktikum]
de: Praktikum
en: internship
uk: практика
ru: практика
"""

# (name, text, a piece of the expected output); every one must fail
BAD = [
    ("no de line", "[A]\nen: a\n", "has no de: line"),
    ("no en line", "[A]\nde: a\n", "has no en: line"),
    ("same concept twice", "[A]\nde: a\nen: b\n[a]\nde: c\nen: d\n", "concept [a] again"),
    ("word twice in a line", "[A]\nde: Kurs | kurs\nen: b\n", "twice in [A]"),
    ("word in de and de+", "[A]\nde: Kurs\nde+: Kürs\nen: b\n", "twice in [A]"),
    ("folded Arabic twice", "[A]\nde: a\nen: b\nar: أونلاين | اونلاين\n", "twice in [A]"),
    ("unknown key", "[A]\nde: a\nen: b\nxx: c\n", "unknown key"),
    ("not an entry", "[A]\nde: a\nen: b\njust words\n", "neither a comment"),
    ("entry before a concept", "de: a\n[A]\nde: a\nen: b\n", "before the first concept"),
    ("empty word", "[A]\nde: a ||b\nen: b\n", "an empty word"),
    ("broken concept", "[A\nde: a\nen: b\n", "written [Name]"),
    ("too many de words", "[A]\nde: a|b|c|d|e|f|g\nen: b\n", "at most 6"),
    ("word too long", "[A]\nde: a\nen: b\nru: " + "сопровождение профессионального обучения" + "\n",
     "longer than 60 bytes"),
    ("line too long", "[A]\nde: a\nen: " + " | ".join("w%d" % i for i in range(90)) + "\n", "line of"),
    ("Latin in an ar line", "[A]\nde: a\nen: b\nar: دورة course\n", "latin letter"),
    ("Cyrillic in an en line", "[A]\nde: a\nen: курс\n", "cyrillic letter"),
    ("Arabic in a ru line", "[A]\nde: a\nen: b\nru: курс دورة\n", "arabic letter"),
    ("Russian letter in uk", "[A]\nde: a\nen: b\nuk: язык\n", "Russian letter in a uk line"),
    ("Ukrainian letter in ru", "[A]\nde: a\nen: b\nru: німецька\n", "Ukrainian letter in a ru line"),
    ("ambiguous word", "".join("[C%d]\nde: d%d\nen: help\n" % (i, i) for i in range(4)),
     "'help' belongs to 4 concepts"),
]


def run(tool, text):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "thesaurus.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        p = subprocess.run([sys.executable, tool, path, "--report"], capture_output=True, text=True)
        return p.returncode, p.stdout + p.stderr


def main():
    tool = sys.argv[1]
    cases = [("a good file", GOOD, 0, "ok")] + [(n, t, 1, want) for n, t, want in BAD]
    print("1..%d" % len(cases))
    failed = 0
    for i, (name, text, code, want) in enumerate(cases, 1):
        rc, out = run(tool, text)
        if rc == code and want in out:
            print("ok %d - %s" % (i, name))
        else:
            failed += 1
            print("not ok %d - %s (exit %d, want %d and %r)" % (i, name, rc, code, want))
            for line in out.splitlines():
                print("# " + line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
