#!/usr/bin/env python3
"""po-check.py — every UI string in src/ has a translation in each po/*.po.

usage: po-check.py SRCDIR PODIR [--pot FILE]

UI strings are the string literals in T(r, "...") and N_("...") calls
(adjacent literals are joined, as the C compiler does). Prints the
missing msgids per language and exits 1 when any is missing; entries in
a PO file that the code no longer uses are listed as a warning. With
--pot, also writes a template holding every msgid (for translators).
"""
import os
import re
import sys

LIT = r'"(?:[^"\\\n]|\\.)*"'
CALL = re.compile(r'\b(?:T\s*\(\s*[A-Za-z_][\w>.\-]*\s*,|N_\s*\()\s*((?:' + LIT + r'\s*)+)\)')


def unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}.get(n, "\\" + n))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def extract(srcdir):
    ids = {}
    for root, _, files in os.walk(srcdir):
        for f in sorted(files):
            if not f.endswith((".c", ".h")):
                continue
            path = os.path.join(root, f)
            text = open(path, encoding="utf-8").read()
            for m in CALL.finditer(text):
                lits = re.findall(LIT, m.group(1))
                msgid = "".join(unescape(l[1:-1]) for l in lits)
                line = text.count("\n", 0, m.start()) + 1
                ids.setdefault(msgid, "%s:%d" % (os.path.relpath(path, os.path.dirname(srcdir)), line))
    return ids


def parse_po(path):
    entries, cur, key = {}, {}, None
    for raw in open(path, encoding="utf-8"):
        line = raw.strip()
        if line.startswith("msgid "):
            if "msgid" in cur:
                entries[cur["msgid"]] = cur.get("msgstr", "")
            cur, key = {"msgid": unescape(line[6:].strip()[1:-1])}, "msgid"
        elif line.startswith("msgstr "):
            cur["msgstr"], key = unescape(line[7:].strip()[1:-1]), "msgstr"
        elif line.startswith('"') and key:
            cur[key] += unescape(line[1:-1])
    if "msgid" in cur:
        entries[cur["msgid"]] = cur.get("msgstr", "")
    entries.pop("", None)
    return entries


def po_quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main():
    srcdir, podir = sys.argv[1], sys.argv[2]
    ids = extract(srcdir)
    if "--pot" in sys.argv:
        with open(sys.argv[sys.argv.index("--pot") + 1], "w", encoding="utf-8") as o:
            o.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
            for msgid, where in sorted(ids.items(), key=lambda x: x[1]):
                o.write("#: %s\nmsgid %s\nmsgstr \"\"\n\n" % (where, po_quote(msgid)))
    bad = 0
    for f in sorted(os.listdir(podir)):
        if not f.endswith(".po"):
            continue
        po = parse_po(os.path.join(podir, f))
        missing = [(w, i) for i, w in ids.items() if not po.get(i)]
        for where, msgid in sorted(missing):
            print("%s: missing translation for %s (%s)" % (f, po_quote(msgid), where))
        unused = [i for i in po if i not in ids]
        for msgid in unused:
            print("%s: warning: unused entry %s" % (f, po_quote(msgid)))
        print("%s: %d of %d strings translated" % (f, len(ids) - len(missing), len(ids)))
        bad += len(missing)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
