#!/usr/bin/env python3
"""test_po_check.py — tools/po-check.py fails where it must, on tiny trees.

usage: test_po_check.py PATH/TO/po-check.py

Each case writes a source file and PO files into a temporary directory,
runs the check and compares its exit status and a line of its output.
Prints "ok N - name" / "not ok N - name" (TAP) and exits 1 on a failure.
"""
import os
import subprocess
import sys
import tempfile

SRC = r'''
#include "core/i18n.h"
static void page(struct req *r)
{
	T(r, "Seite {1} von {2}");
	N_("Bitte <strong>jetzt</strong> senden");
	TN(r, "{1} Angebot", "{1} Angebote", n);
	TC(r, "Adresse", "Ort");
}
'''
STAFF_SRC = r'''
static void staff(struct req *r) { T(r, "Nur intern"); }
'''

HEADER = {
    "en": 'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
          '"X-Reviewed: yes\\n"\n\n',
    "ru": 'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : '
          'n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n"X-Reviewed: no\\n"\n'
          '"X-Lotse-Scope: public\\n"\n\n',
}

EN = HEADER["en"] + '''msgid "Seite {1} von {2}"
msgstr "Page {1} of {2}"

msgid "Bitte <strong>jetzt</strong> senden"
msgstr "Please send <strong>now</strong>"

msgid "{1} Angebot"
msgid_plural "{1} Angebote"
msgstr[0] "{1} offer"
msgstr[1] "{1} offers"

msgctxt "Adresse"
msgid "Ort"
msgstr "Town"

msgid "Nur intern"
msgstr "Internal only"
'''

RU = HEADER["ru"] + '''msgid "Seite {1} von {2}"
msgstr "Страница {1} из {2}"

msgid "Bitte <strong>jetzt</strong> senden"
msgstr "Пожалуйста, отправьте <strong>сейчас</strong>"

msgid "{1} Angebot"
msgid_plural "{1} Angebote"
msgstr[0] "{1} предложение"
msgstr[1] "{1} предложения"
msgstr[2] "{1} предложений"

msgctxt "Adresse"
msgid "Ort"
msgstr "Город"
'''


def run(tool, ru=RU, en=EN, extra=None):
    with tempfile.TemporaryDirectory() as d:
        os.makedirs(os.path.join(d, "src", "site"))
        os.makedirs(os.path.join(d, "src", "staff"))
        os.makedirs(os.path.join(d, "po"))
        open(os.path.join(d, "src", "site", "views.c"), "w").write(SRC)
        open(os.path.join(d, "src", "staff", "x.c"), "w").write(STAFF_SRC)
        open(os.path.join(d, "po", "public.txt"), "w").write("# public\nsite/\n")
        open(os.path.join(d, "po", "en.po"), "w").write(en)
        open(os.path.join(d, "po", "ru.po"), "w").write(ru)
        for name, text in (extra or {}).items():
            open(os.path.join(d, "po", name), "w").write(text)
        p = subprocess.run([sys.executable, tool, os.path.join(d, "src"), os.path.join(d, "po")],
                           capture_output=True, text=True)
        return p.returncode, p.stdout + p.stderr


def cases():
    yield "a complete tree passes; a public-scope file needs no staff string", {}, 0, "ru.po: 4 of 4 public strings"
    yield "a missing public translation fails", dict(ru=RU.replace('msgstr "Город"', 'msgstr ""')), 1, \
        'ru.po: missing translation for msgctxt "Adresse" msgid "Ort"'
    yield "a missing staff string fails in English", dict(en=EN.replace('msgstr "Internal only"', 'msgstr ""')), 1, \
        'en.po: missing translation for msgid "Nur intern"'
    yield "a fuzzy translation counts as missing", \
        dict(ru=RU.replace('msgctxt "Adresse"', '#, fuzzy\nmsgctxt "Adresse"')), 1, "missing translation"
    yield "a lost placeholder fails", dict(ru=RU.replace("Страница {1} из {2}", "Страница {1}")), 1, "msgstr lacks {2}"
    yield "an unknown placeholder fails", dict(ru=RU.replace("Страница {1} из {2}", "Страница {1} из {3}")), 1, \
        "msgstr has {3}, which the msgid has not"
    yield "a printf conversion fails", dict(ru=RU.replace("Страница {1} из {2}", "Страница {1} из {2} %s")), 1, \
        "conversions"
    yield "broken HTML fails", dict(ru=RU.replace("<strong>сейчас</strong>", "<strong>сейчас")), 1, "HTML tags"
    yield "a missing plural form fails", dict(ru=RU.replace('msgstr[2] "{1} предложений"\n', '')), 1, \
        "has 2 plural forms, ru has 3"
    yield "a singular entry for a plural string fails", \
        dict(en=EN.replace('msgid_plural "{1} Angebote"\nmsgstr[0] "{1} offer"\nmsgstr[1] "{1} offers"',
                           'msgstr "{1} offers"')), 1, "plural in the code"
    yield "the English form of one may leave the number out", \
        dict(en=EN.replace('msgstr[0] "{1} offer"', 'msgstr[0] "one offer"')), 0, "en.po: 5 of 5"
    yield "the first Russian form may not (it is also 21, 31 ...)", \
        dict(ru=RU.replace('msgstr[0] "{1} предложение"', 'msgstr[0] "одно предложение"')), 1, \
        "msgstr[0] lacks {1}"
    yield "the last form may not", \
        dict(ru=RU.replace('msgstr[2] "{1} предложений"', 'msgstr[2] "предложений"')), 1, "msgstr[2] lacks {1}"
    yield "a wrong Plural-Forms header fails", \
        dict(ru=RU.replace("nplurals=3; plural=(n%10==1", "nplurals=2; plural=(n%10==1")), 1, \
        "the header needs Plural-Forms"
    yield "a missing X-Reviewed fails", dict(ru=RU.replace('"X-Reviewed: no\\n"\n', '')), 1, "X-Reviewed"
    yield "a file that does not parse fails", dict(ru=RU.replace('msgstr "Город"', 'msgstr "Город')), 1, \
        "does not parse"
    yield "an unknown escape does not parse", dict(ru=RU.replace("Город", "Го\\qрод")), 1, "unknown escape"
    yield "msgstr[1] before msgstr[0] does not parse", \
        dict(ru=RU.replace('msgstr[0] "{1} предложение"\n', '')), 1, "expected msgstr[0]"
    yield "a language without a known rule fails", dict(extra={"xx.po": HEADER["en"].replace("en", "xx")}), 1, \
        "no plural rule known for xx"


def main():
    tool = sys.argv[1]
    failed = 0
    all_cases = list(cases())
    print("1..%d" % len(all_cases))
    for i, (name, kw, want_rc, want_text) in enumerate(all_cases, 1):
        rc, out = run(tool, **kw)
        if rc == want_rc and want_text in out:
            print("ok %d - %s" % (i, name))
        else:
            failed += 1
            print("not ok %d - %s: exit %d (want %d), %r not in:\n%s" % (i, name, rc, want_rc, want_text, out))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
