#!/usr/bin/env python3
"""po-check.py — every UI string in src/ has a right translation in each po/*.po.

usage: po-check.py SRCDIR PODIR [--pot FILE]

UI strings are the string literals in T(r, "..."), N_("..."),
TC(r, "ctx", "..."), NC_("ctx", "...") and TN(r, "...", "...", n) calls
(adjacent literals are joined, as the C compiler does). A string is
public when a file named in PODIR/public.txt uses it (the public pages);
the others are the staff area's. A PO file whose header says
"X-Lotse-Scope: public" must translate the public strings, any other
(English) all of them.

It fails (exit 1) when
  - a PO file does not parse (the same rules as src/core/i18n.c), or its
    header lacks Language (the file's name), Plural-Forms (the language's
    rule, as src/core/i18n.c applies it) or X-Reviewed (yes or no);
  - a string the file must translate has no translation;
  - a translation breaks a placeholder: its {1} {2} ... or printf
    conversions (%s %d ...) are not those of the msgid (a plural form other
    than the last may leave one out: "one offer" needs no number), or its
    HTML tags are not the msgid's, in order;
  - a plural entry (TN) has not the language's number of forms, or an
    entry is plural in the code and singular in the file, or the reverse.
Entries the code no longer uses are listed as a warning. With --pot, also
writes a template holding every msgid (for translators).
"""
import os
import re
import sys

LIT = r'"(?:[^"\\\n]|\\.)*"'
LITS = r'((?:' + LIT + r'\s*)+)'
REQ = r'[A-Za-z_][\w>.\-]*\s*,'
CALL = re.compile(r'\b(?:T\s*\(\s*' + REQ + r'|N_\s*\()\s*' + LITS + r'\)')
# TC(r, "context", "msgid") and NC_("context", "msgid"): gettext's msgctxt;
# the key is context EOT msgid, as in the program.
CTX_CALL = re.compile(r'\b(?:TC\s*\(\s*' + REQ + r'|NC_\s*\()\s*(' + LIT + r')\s*,\s*' + LITS + r'\)')
# TN(r, "msgid", "msgid_plural", n)
PLURAL_CALL = re.compile(r'\bTN\s*\(\s*' + REQ + r'\s*' + LITS + r',\s*' + LITS + r',')
EOT = "\x04"

# The plural rules src/core/i18n.c applies, as gettext writes them.
PLURAL_FORMS = {
    "de": "nplurals=2; plural=(n != 1);",
    "en": "nplurals=2; plural=(n != 1);",
    "tr": "nplurals=2; plural=(n != 1);",
    "fa": "nplurals=2; plural=(n > 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
}
# The forms of each rule that stand for one number only ("one offer", Arabic
# "two offers"): only these may leave the number's placeholder out. Russian
# form 0 is also 21, 31 ...; Farsi form 0 is 0 and 1.
ONE_NUMBER_FORMS = {"de": {0}, "en": {0}, "tr": {0}, "fa": set(), "ru": set(), "uk": set(), "ar": {0, 1, 2}}


class PoError(Exception):
    pass


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


def join_lits(text):
    return "".join(unescape(l[1:-1]) for l in re.findall(LIT, text))


class Msg:
    """A msgid the code uses: where first, plural or not, public or not."""

    def __init__(self, where, plural=None):
        self.where, self.plural, self.public = where, plural, False


def extract(srcdir, public_paths=()):
    ids = {}
    for root, _, files in os.walk(srcdir):
        for f in sorted(files):
            if not f.endswith((".c", ".h")):
                continue
            path = os.path.join(root, f)
            rel = os.path.relpath(path, srcdir)
            public = any(rel == p or (p.endswith("/") and rel.startswith(p)) for p in public_paths)
            text = open(path, encoding="utf-8").read()
            found = []
            for m in CALL.finditer(text):
                found.append((m.start(), join_lits(m.group(1)), None))
            for m in CTX_CALL.finditer(text):
                found.append((m.start(), unescape(m.group(1)[1:-1]) + EOT + join_lits(m.group(2)), None))
            for m in PLURAL_CALL.finditer(text):
                found.append((m.start(), join_lits(m.group(1)), join_lits(m.group(2))))
            for start, msgid, plural in found:
                line = text.count("\n", 0, start) + 1
                where = "%s:%d" % (os.path.relpath(path, os.path.dirname(srcdir)), line)
                msg = ids.setdefault(msgid, Msg(where, plural))
                msg.public = msg.public or public
    return ids


def read_public(podir):
    path = os.path.join(podir, "public.txt")
    if not os.path.exists(path):
        return []
    return [l.strip() for l in open(path, encoding="utf-8") if l.strip() and not l.startswith("#")]


class Entry:
    def __init__(self, line):
        self.line, self.ctx, self.id, self.plural, self.strs, self.fuzzy = line, None, None, None, [], False

    def key(self):
        return self.id if self.ctx is None else self.ctx + EOT + self.id


STRING = re.compile(r'^"((?:[^"\\]|\\.)*)"\s*$')


def po_string(text, lineno):
    m = STRING.match(text.strip())
    if not m:
        raise PoError("line %d: expected one quoted string" % lineno)
    s = m.group(1)
    for esc in re.findall(r"\\(.)", s):
        if esc not in 'ntr"\\':
            raise PoError("line %d: unknown escape \\%s" % (lineno, esc))
    return unescape(s)


def parse_po(path):
    """The entries of a PO file, header first; PoError when it does not parse."""
    entries, cur, target = [], None, None
    pending_fuzzy = False

    def finish():
        nonlocal cur
        if cur is not None:
            if cur.id is None or not cur.strs:
                raise PoError("line %d: msgid without msgstr" % cur.line)
            entries.append(cur)
        cur = None

    for n, raw in enumerate(open(path, encoding="utf-8"), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            if cur is not None and cur.strs:
                finish()
            if line.startswith("#,") and "fuzzy" in line:
                pending_fuzzy = True
            target = None
            continue
        word = line.split(None, 1)[0]
        rest = line[len(word):]
        if word in ("msgctxt", "msgid") and cur is not None and cur.strs:
            finish()
        if word == "msgctxt":
            if cur is not None:
                raise PoError("line %d: msgctxt out of place" % n)
            cur = Entry(n)
            cur.fuzzy, pending_fuzzy = pending_fuzzy, False
            cur.ctx = po_string(rest, n)
            target = ("ctx",)
        elif word == "msgid":
            if cur is None:
                cur = Entry(n)
                cur.fuzzy, pending_fuzzy = pending_fuzzy, False
            elif cur.id is not None:
                raise PoError("line %d: msgid without msgstr before it" % n)
            cur.id = po_string(rest, n)
            target = ("id",)
        elif word == "msgid_plural":
            if cur is None or cur.id is None or cur.plural is not None or cur.strs:
                raise PoError("line %d: msgid_plural out of place" % n)
            cur.plural = po_string(rest, n)
            target = ("plural",)
        elif word == "msgstr":
            if cur is None or cur.id is None or cur.strs:
                raise PoError("line %d: msgstr without msgid" % n)
            if cur.plural is not None:
                raise PoError("line %d: a plural entry needs msgstr[0], msgstr[1] ..." % n)
            cur.strs.append(po_string(rest, n))
            target = ("str", 0)
        elif re.match(r"^msgstr\[\d+\]$", word):
            k = int(word[7:-1])
            if cur is None or cur.plural is None:
                raise PoError("line %d: msgstr[] without msgid_plural" % n)
            if k != len(cur.strs):
                raise PoError("line %d: expected msgstr[%d]" % (n, len(cur.strs)))
            cur.strs.append(po_string(rest, n))
            target = ("str", k)
        elif line.startswith('"'):
            if target is None:
                raise PoError("line %d: string outside an entry" % n)
            s = po_string(line, n)
            if target[0] == "ctx":
                cur.ctx += s
            elif target[0] == "id":
                cur.id += s
            elif target[0] == "plural":
                cur.plural += s
            else:
                cur.strs[target[1]] += s
        else:
            raise PoError("line %d: unexpected text" % n)
    finish()
    return entries


def header_fields(entries):
    for e in entries:
        if e.id == "" and e.ctx is None:
            return dict(l.split(":", 1) for l in e.strs[0].split("\n") if ":" in l)
    return {}


PLACEHOLDER = re.compile(r"\{[1-9]\}")
PRINTF = re.compile(r"%(?:%|[-+ #0]*\d*(?:\.\d+)?(?:hh|h|ll|l|z|j|t)?[diouxXeEfgGcsp])")
TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def tags(s):
    return [re.match(r"</?[A-Za-z0-9]+", t).group(0) for t in TAG.findall(s)]


def check_translation(msgid, plural, strs, one_number_forms=frozenset()):
    """The problems of one translated entry, as sentences. The plural forms
    in one_number_forms may leave placeholders out."""
    problems = []
    sources = msgid + (plural or "")
    want_ph = set(PLACEHOLDER.findall(sources))
    want_pf = sorted(PRINTF.findall(plural if plural is not None else msgid))
    for k, s in enumerate(strs):
        full = plural is None or k not in one_number_forms
        name = "msgstr[%d]" % k if plural is not None else "msgstr"
        have = set(PLACEHOLDER.findall(s))
        if have - want_ph:
            problems.append("%s has %s, which the msgid has not" % (name, " ".join(sorted(have - want_ph))))
        if full and want_ph - have:
            problems.append("%s lacks %s" % (name, " ".join(sorted(want_ph - have))))
        pf = sorted(PRINTF.findall(s))
        if pf != want_pf and (full or not set(pf) <= set(want_pf)):
            problems.append("%s has the conversions %s, the msgid %s" % (name, pf or "none", want_pf or "none"))
        if tags(s) != tags(msgid):
            problems.append("%s has the HTML tags %s, the msgid %s" % (name, tags(s) or "none", tags(msgid) or "none"))
    return problems


def po_quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def po_entry(key, plural=None):
    """The msgctxt, msgid (and msgid_plural) lines of a key."""
    if EOT in key:
        ctx, msgid = key.split(EOT, 1)
        out = "msgctxt %s\nmsgid %s" % (po_quote(ctx), po_quote(msgid))
    else:
        out = "msgid %s" % po_quote(key)
    if plural is not None:
        out += "\nmsgid_plural %s" % po_quote(plural)
    return out


def one_line(s):
    return s.replace("\n", " ")


def check_file(path, ids):
    """Print the problems of one PO file; returns their number."""
    f = os.path.basename(path)
    lang = f[:-3]
    try:
        entries = parse_po(path)
    except (PoError, UnicodeDecodeError) as e:
        print("%s: does not parse: %s" % (f, e))
        return 1
    bad = 0
    head = header_fields(entries)
    get = lambda k: head.get(k, "").strip()
    if get("Language") != lang:
        print("%s: the header needs Language: %s" % (f, lang))
        bad += 1
    want_pf = PLURAL_FORMS.get(lang)
    if want_pf is None:
        print("%s: no plural rule known for %s (add it to src/core/i18n.c and this check)" % (f, lang))
        bad += 1
    elif re.sub(r"\s", "", get("Plural-Forms")) != re.sub(r"\s", "", want_pf):
        print("%s: the header needs Plural-Forms: %s" % (f, want_pf))
        bad += 1
    if get("X-Reviewed") not in ("yes", "no"):
        print("%s: the header needs X-Reviewed: yes or no (has a native speaker reviewed it?)" % f)
        bad += 1
    nplurals = int(re.match(r"nplurals=(\d)", want_pf).group(1)) if want_pf else None
    public_only = get("X-Lotse-Scope") == "public"
    po = {}
    for e in entries:
        if e.id == "" and e.ctx is None:
            continue
        if e.key() in po:
            print("%s:%d: duplicate entry %s" % (f, e.line, one_line(po_entry(e.key()))))
            bad += 1
        po[e.key()] = e
    for key, msg in sorted(ids.items(), key=lambda x: x[1].where):
        e = po.get(key)
        translated = e is not None and not e.fuzzy and all(e.strs)
        needed = msg.public or not public_only
        if not translated:
            if needed:
                print("%s: missing translation for %s (%s)" % (f, one_line(po_entry(key, msg.plural)), msg.where))
                bad += 1
            continue
        if (msg.plural is None) != (e.plural is None):
            print("%s:%d: %s is %s in the code (%s) and %s here" % (
                f, e.line, one_line(po_entry(key)), "singular" if msg.plural is None else "plural",
                msg.where, "singular" if e.plural is None else "plural"))
            bad += 1
            continue
        if e.plural is not None and e.plural != msg.plural:
            print("%s:%d: msgid_plural of %s is %s in the code" % (f, e.line, one_line(po_entry(key)),
                                                                  po_quote(msg.plural)))
            bad += 1
        if e.plural is not None and nplurals and len(e.strs) != nplurals:
            print("%s:%d: %s has %d plural forms, %s has %d" % (f, e.line, one_line(po_entry(key)),
                                                              len(e.strs), lang, nplurals))
            bad += 1
        for p in check_translation(e.id, e.plural, e.strs, ONE_NUMBER_FORMS.get(lang, set())):
            print("%s:%d: %s: %s" % (f, e.line, one_line(po_entry(key)), p))
            bad += 1
    for key in po:
        if key not in ids:
            print("%s: warning: unused entry %s" % (f, one_line(po_entry(key))))
    need = [k for k, m in ids.items() if m.public or not public_only]
    done = [k for k in need if k in po and not po[k].fuzzy and all(po[k].strs)]
    print("%s: %d of %d %sstrings translated" % (f, len(done), len(need), "public " if public_only else ""))
    return bad


def main():
    args = [a for a in sys.argv[1:]]
    pot = None
    if "--pot" in args:
        i = args.index("--pot")
        pot = args[i + 1]
        del args[i:i + 2]
    if len(args) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        sys.exit(2)
    srcdir, podir = args
    ids = extract(srcdir, read_public(podir))
    if pot:
        with open(pot, "w", encoding="utf-8") as o:
            o.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
            for msgid, msg in sorted(ids.items(), key=lambda x: x[1].where):
                o.write("#: %s%s\n%s\n" % (msg.where, "" if msg.public else " (staff)",
                                            po_entry(msgid, msg.plural)))
                o.write('msgstr[0] ""\nmsgstr[1] ""\n\n' if msg.plural is not None else 'msgstr ""\n\n')
    bad = 0
    for f in sorted(os.listdir(podir)):
        if f.endswith(".po"):
            bad += check_file(os.path.join(podir, f), ids)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
