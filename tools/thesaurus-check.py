#!/usr/bin/env python3
"""thesaurus-check.py — data/thesaurus.txt is well formed and unambiguous.

usage: thesaurus-check.py [FILE] [--report]

FILE defaults to data/thesaurus.txt beside this tool. The format is the
one the file's head explains and src/search/thesaurus.c reads. It fails
(exit 1, one line "FILE:LINE: problem" each) when
  - a line is neither a comment, a concept "[Name]" nor "key: word | ...",
    a key is not one of KEYS, an entry stands before the first concept, or
    a line has an empty word ("a || b", a trailing "|");
  - two concepts have the same name, or a concept lacks "de:" or "en:",
    has more than MAX_DE words in "de:" (each is searched for: keep the
    line short) or more words than thesaurus.c keeps (MAX_WORDS);
  - a word is repeated inside a concept (in one line, or in "de:" and
    "de+:"; the same word in two languages, e.g. Ukrainian and Russian
    "практика", is fine);
  - a word is longer than thesaurus.c takes (TERM_MAX bytes; German words
    EXPANSION_MAX bytes), or a line longer than MAX_LINE characters;
  - a language line holds letters of another script: Latin letters in an
    ar, fa, uk, ru or ti line (except abbreviations such as "BAB", "B1",
    "BAföG": two capitals or a level), Arabic or Cyrillic letters in a
    Latin-script line; Russian-only letters (ы э ъ ё) in a uk line,
    Ukrainian-only letters (і ї є ґ) in a ru line;
  - a word belongs to more than MAX_CONCEPTS concepts (it would expand to
    all their German words) and is not in AMBIGUOUS_OK.
With --report, also lists every word that belongs to two or more concepts.
Words are compared as the search compares them, roughly: case folded,
Arabic and Farsi letter variants and diacritics folded, ё = е, ı = i.
"""
import os
import re
import sys
import unicodedata

KEYS = {"de", "de+", "en", "tr", "ar", "uk", "ru", "fa", "ku", "ti"}
SCRIPT = {"de": "latin", "de+": "latin", "en": "latin", "tr": "latin", "ku": "latin",
          "ar": "arabic", "fa": "arabic", "uk": "cyrillic", "ru": "cyrillic", "ti": "ethiopic"}
MAX_DE = 6
MAX_WORDS = 256      # MAX_ENTRIES in src/search/thesaurus.c
TERM_MAX = 60        # bytes, TERM_MAX in src/search/thesaurus.c
EXPANSION_MAX = 100  # bytes, EXPANSION_MAX there
MAX_LINE = 300
MAX_CONCEPTS = 3
# Words that rightly belong to more than MAX_CONCEPTS concepts: none yet.
# Add a word here (folded: lower case) only with a reason in a comment.
AMBIGUOUS_OK = set()

LEVEL = re.compile(r"^[ABC][12](\.[12])?$")
ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ئ": "ي",
                             "ك": "ک", "ة": "ه", "ـ": None, "\u200c": " ", "ё": "е", "ı": "i"})


def fold(word):
    w = unicodedata.normalize("NFKD", word.casefold())
    w = "".join(c for c in w if not unicodedata.combining(c) or "\u0600" <= c <= "\u06ff")
    w = "".join(c for c in w if not "\u064b" <= c <= "\u065f" and c != "\u0670")
    w = unicodedata.normalize("NFC", w).translate(ARABIC_FOLD)
    return " ".join(w.split())


def script_of(c):
    if not c.isalpha():
        return None
    o = ord(c)
    if o < 0x250 or 0x1E00 <= o <= 0x1EFF:
        return "latin"
    if 0x400 <= o <= 0x52F:
        return "cyrillic"
    if 0x600 <= o <= 0x6FF or 0x750 <= o <= 0x77F or 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF:
        return "arabic"
    if 0x1200 <= o <= 0x139F or 0x2D80 <= o <= 0x2DDF or 0xAB00 <= o <= 0xAB2F:
        return "ethiopic"
    return "other"


def abbreviation(token):
    """A Latin token an other-script line may hold: BAB, B1, BAföG."""
    return LEVEL.match(token) is not None or sum(1 for c in token if c.isupper()) >= 2


def stray(key, word):
    """The problem with the letters of word in a line of key, or None."""
    want = SCRIPT[key]
    for token in re.split(r"[\s\-/.,()'’]+", word):
        for c in token:
            s = script_of(c)
            if s is None or s == want:
                continue
            if s == "latin" and abbreviation(token):
                break
            return "%s letter %r in a %s line" % (s, c, key)
    if key == "uk" and re.search("[ыэъё]", word.lower()):
        return "Russian letter in a uk line"
    if key == "ru" and re.search("[іїєґ]", word.lower()):
        return "Ukrainian letter in a ru line"
    return None


def check(path, report=False, out=sys.stdout):
    """The number of problems in the file at path (printed to out)."""
    problems = []

    def bad(line, msg):
        problems.append("%s:%d: %s" % (path, line, msg))

    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
    except (OSError, UnicodeDecodeError) as e:
        print("%s: cannot read: %s" % (path, e), file=out)
        return 1
    concepts = []  # (name, line, {key: [(word, line)]})
    names = {}
    for no, raw in enumerate(lines, 1):
        line = raw.strip()
        if len(raw) > MAX_LINE:
            bad(no, "line of %d characters (at most %d)" % (len(raw), MAX_LINE))
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            if not line.endswith("]") or not line[1:-1].strip():
                bad(no, "a concept is written [Name]")
                continue
            name = line[1:-1].strip()
            if name.casefold() in names:
                bad(no, "concept [%s] again (first on line %d)" % (name, names[name.casefold()]))
            names[name.casefold()] = no
            concepts.append((name, no, {}))
            continue
        m = re.match(r"^([a-z+\-]+):(.*)$", line)
        if not m:
            bad(no, "neither a comment, a concept nor \"key: word | word\"")
            continue
        key, rest = m.group(1), m.group(2)
        if key not in KEYS:
            bad(no, "unknown key %r (known: %s)" % (key, " ".join(sorted(KEYS))))
            continue
        if not concepts:
            bad(no, "an entry before the first concept")
            continue
        words = [w.strip() for w in rest.split("|")]
        if any(not w for w in words):
            bad(no, "an empty word")
        entries = concepts[-1][2].setdefault(key, [])
        for w in words:
            if not w:
                continue
            entries.append((w, no))
            limit = EXPANSION_MAX if key == "de" else TERM_MAX
            if len(w.encode("utf-8")) > limit:
                bad(no, "%r is longer than %d bytes (the search would skip it)" % (w, limit))
            problem = stray(key, w)
            if problem:
                bad(no, "%r: %s" % (w, problem))

    where = {}  # folded word -> {concept name}
    for name, no, keys in concepts:
        for need in ("de", "en"):
            if need not in keys:
                bad(no, "[%s] has no %s: line" % (name, need))
        if len(keys.get("de", [])) > MAX_DE:
            bad(keys["de"][0][1], "[%s] has %d words in de: (at most %d; more go into de+:)"
                % (name, len(keys["de"]), MAX_DE))
        total = sum(len(v) for v in keys.values())
        if total > MAX_WORDS:
            bad(no, "[%s] has %d words (the search keeps %d)" % (name, total, MAX_WORDS))
        seen = {}  # folded -> (key, line)
        for key, entries in keys.items():
            for w, line in entries:
                f = fold(w)
                group = "de" if key in ("de", "de+") else key
                if (f, group) in seen:
                    bad(line, "%r twice in [%s] (also line %d)" % (w, name, seen[(f, group)]))
                seen[(f, group)] = line
                where.setdefault(f, set()).add(name)
    for f, names_of in sorted(where.items()):
        if len(names_of) > MAX_CONCEPTS and f not in AMBIGUOUS_OK:
            problems.append("%s: %r belongs to %d concepts (%s): at most %d" %
                            (path, f, len(names_of), ", ".join(sorted(names_of)), MAX_CONCEPTS))
    for p in problems:
        print(p, file=out)
    if report:
        amb = [(f, n) for f, n in sorted(where.items()) if len(n) > 1]
        print("%d concepts, %d words; %d words in two or more concepts:" %
              (len(concepts), len(where), len(amb)), file=out)
        for f, n in amb:
            print("  %s: %s" % (f, ", ".join(sorted(n))), file=out)
    return len(problems)


def main(argv):
    args = [a for a in argv[1:] if a != "--report"]
    path = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data",
                                             "thesaurus.txt")
    n = check(path, report="--report" in argv)
    if n:
        print("%d problems" % n)
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
