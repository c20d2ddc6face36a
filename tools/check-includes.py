#!/usr/bin/env python3
"""check-includes.py — the include rules of docs/architecture.md, checked.

    tools/check-includes.py [ROOT]

Reads the rules from the block between "<!-- include-rules -->" and
"<!-- /include-rules -->" in docs/architecture.md: one line per folder of
src/,

    folder: folder folder ...      the folders its files may include
    folder/public: header ...      the only headers of folder that files of
                                   other folders may include (optional; without
                                   it, any header of the folder)

Files directly in src/ (main.c, routes.c) belong to the folder "app".
Then walks every .c and .h file under src/ and reports each #include "..."
that crosses a rule, a header named *_internal.h included from outside its
own folder, each cycle between folders, and a cycle in the rules
themselves. Prints "ok" or one line per problem; exits 1 on a problem.
"""
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
DOC = os.path.join(ROOT, "docs", "architecture.md")
SRC = os.path.join(ROOT, "src")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def read_rules():
    text = open(DOC, encoding="utf-8").read()
    m = re.search(r"<!-- include-rules -->(.*?)<!-- /include-rules -->", text, re.S)
    if not m:
        sys.exit(f"{DOC}: no <!-- include-rules --> block")
    allowed, public = {}, {}
    for line in m.group(1).splitlines():
        line = line.split("#", 1)[0].strip().strip("`")
        if not line or line.startswith("```"):
            continue
        name, _, rest = line.partition(":")
        name, words = name.strip(), rest.split()
        if name.endswith("/public"):
            public[name[: -len("/public")]] = set(words)
        else:
            allowed[name] = set(words)
    return allowed, public


def folder_of(rel):
    return rel.split("/", 1)[0] if "/" in rel else "app"


def cycles(graph):
    """Every elementary cycle's first appearance, by a depth-first search."""
    found, seen = [], set()

    def walk(node, path):
        for nxt in sorted(graph.get(node, ())):
            if nxt in path:
                cyc = path[path.index(nxt):]
                key = frozenset(cyc)
                if key not in seen:
                    seen.add(key)
                    found.append(cyc + [nxt])
            elif len(path) < 20:
                walk(nxt, path + [nxt])

    for start in sorted(graph):
        walk(start, [start])
    return found


def main():
    allowed, public = read_rules()
    problems = []
    for cyc in cycles(allowed):
        problems.append("the rules themselves have a cycle: " + " -> ".join(cyc))
    graph = {}
    for dirpath, _, files in os.walk(SRC):
        for f in sorted(files):
            if not f.endswith((".c", ".h")):
                continue
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, SRC).replace(os.sep, "/")
            src = folder_of(rel)
            if src not in allowed:
                problems.append(f"src/{rel}: folder '{src}' has no rule in docs/architecture.md")
                continue
            text = open(path, encoding="utf-8", errors="replace").read()
            for inc in INCLUDE.findall(text):
                dst = folder_of(inc)
                if dst == src:
                    continue
                graph.setdefault(src, set()).add(dst)
                if dst not in allowed.get(src, ()) and "*" not in allowed.get(src, ()):
                    problems.append(f"src/{rel}: includes \"{inc}\", but {src} may not include {dst}")
                elif dst in public and inc not in public[dst]:
                    problems.append(f"src/{rel}: includes \"{inc}\", which is not a public header of {dst}")
            for inc in INCLUDE.findall(text):
                if inc.endswith("_internal.h") and os.path.dirname(inc) != os.path.dirname(rel):
                    problems.append(f"src/{rel}: includes \"{inc}\", internal to src/{os.path.dirname(inc)}/")
    for cyc in cycles(graph):
        problems.append("include cycle between folders: " + " -> ".join(cyc))
    for p in problems:
        print(p)
    if not problems:
        print("ok")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
