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
# TC(r, "context", "msgid") and NC_("context", "msgid"): gettext's msgctxt;
# the key is context EOT msgid, as in the program.
CTX_CALL = re.compile(r'\b(?:TC\s*\(\s*[A-Za-z_][\w>.\-]*\s*,|NC_\s*\()\s*(' + LIT + r')\s*,\s*((?:' + LIT +
                      r'\s*)+)\)')
EOT = "\x04"


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
            for m in CTX_CALL.finditer(text):
                lits = re.findall(LIT, m.group(2))
                msgid = unescape(m.group(1)[1:-1]) + EOT + "".join(unescape(l[1:-1]) for l in lits)
                line = text.count("\n", 0, m.start()) + 1
                ids.setdefault(msgid, "%s:%d" % (os.path.relpath(path, os.path.dirname(srcdir)), line))
    return ids


def parse_po(path):
    entries, cur, key = {}, {}, None

    def store(e):
        if "msgid" in e:
            k = e["msgctxt"] + EOT + e["msgid"] if "msgctxt" in e else e["msgid"]
            entries[k] = e.get("msgstr", "")

    for raw in open(path, encoding="utf-8"):
        line = raw.strip()
        if line.startswith("msgctxt "):
            store(cur)
            cur, key = {"msgctxt": unescape(line[8:].strip()[1:-1])}, "msgctxt"
        elif line.startswith("msgid "):
            if "msgid" in cur:
                store(cur)
                cur = {}
            cur["msgid"], key = unescape(line[6:].strip()[1:-1]), "msgid"
        elif line.startswith("msgstr "):
            cur["msgstr"], key = unescape(line[7:].strip()[1:-1]), "msgstr"
        elif line.startswith('"') and key:
            cur[key] += unescape(line[1:-1])
    store(cur)
    entries.pop("", None)
    return entries


def po_quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def po_entry(key):
    """The msgctxt and msgid lines of a key."""
    if EOT in key:
        ctx, msgid = key.split(EOT, 1)
        return "msgctxt %s\nmsgid %s" % (po_quote(ctx), po_quote(msgid))
    return "msgid %s" % po_quote(key)


def main():
    srcdir, podir = sys.argv[1], sys.argv[2]
    ids = extract(srcdir)
    if "--pot" in sys.argv:
        with open(sys.argv[sys.argv.index("--pot") + 1], "w", encoding="utf-8") as o:
            o.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
            for msgid, where in sorted(ids.items(), key=lambda x: x[1]):
                o.write("#: %s\n%s\nmsgstr \"\"\n\n" % (where, po_entry(msgid)))
    bad = 0
    for f in sorted(os.listdir(podir)):
        if not f.endswith(".po"):
            continue
        po = parse_po(os.path.join(podir, f))
        missing = [(w, i) for i, w in ids.items() if not po.get(i)]
        for where, msgid in sorted(missing):
            print("%s: missing translation for %s (%s)" % (f, po_entry(msgid).replace("\n", " "), where))
        unused = [i for i in po if i not in ids]
        for msgid in unused:
            print("%s: warning: unused entry %s" % (f, po_entry(msgid).replace("\n", " ")))
        print("%s: %d of %d strings translated" % (f, len(ids) - len(missing), len(ids)))
        bad += len(missing)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
