#!/bin/sh
# survey_import.sh — `lotse survey import` of a generated LimeSurvey .lss
# (the layout with *_l10ns tables) of GROUPS groups with 20 questions
# each: single choices with 5 answers, arrays with 5 subquestions, texts,
# each in German and English, every second one with a relevance. Prints
# the file's size, the questions and the whole command's time and peak
# memory.
#
#   bench/survey_import.sh [BUILD_DIR] [GROUPS]     defaults: build, 50
set -eu
BUILD=${1:-build}
GROUPS=${2:-50}
LOTSE=$(cd "$BUILD" && pwd)/lotse
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
python3 - "$GROUPS" >"$TMP/big.lss" <<'PY'
import sys
g = int(sys.argv[1])
def row(**kw):
    return "<row>" + "".join(f"<{k}><![CDATA[{v}]]></{k}>" for k, v in kw.items()) + "</row>"
out = ['<?xml version="1.0" encoding="UTF-8"?><document><DBVersion>490</DBVersion>',
       '<surveys><rows>' + row(sid=4711, language="de", additional_languages="en") + '</rows></surveys>',
       '<surveys_languagesettings><rows>' + row(surveyls_survey_id=4711, surveyls_language="de", surveyls_title="Gross") + '</rows></surveys_languagesettings>']
groups, gl, qs, ql, ans, al = [], [], [], [], [], []
qid = aid = 0
for gi in range(1, g + 1):
    groups.append(row(gid=gi, group_order=gi, grelevance=""))
    for lang in ("de", "en"):
        gl.append(row(gid=gi, group_name=f"Gruppe {gi} {lang}", language=lang))
    for k in range(20):
        qid += 1
        t = "LFS"[k % 3]
        rel = f'G{gi}Q{k - 1}.NAOK == "A1"' if k % 2 and k % 3 != 1 else ""
        if k % 2 and (k - 1) % 3 != 0:
            rel = ""
        qs.append(row(qid=qid, parent_qid=0, gid=gi, type=t, title=f"G{gi}Q{k}", mandatory="N", other="N", question_order=k, relevance=rel))
        for lang in ("de", "en"):
            ql.append(row(qid=qid, question=f"Frage {qid} ({lang})", help="", language=lang))
        parent = qid
        if t in "LF":
            for a in range(1, 6):
                aid += 1
                ans.append(row(aid=aid, qid=parent, code=f"A{a}", sortorder=a, scale_id=0))
                for lang in ("de", "en"):
                    al.append(row(aid=aid, answer=f"Antwort {a} {lang}", language=lang))
        if t == "F":
            for s in range(1, 6):
                qid += 1
                qs.append(row(qid=qid, parent_qid=parent, gid=gi, type="T", title=f"SQ{s}", question_order=s, scale_id=0))
                for lang in ("de", "en"):
                    ql.append(row(qid=qid, question=f"Zeile {s} {lang}", language=lang))
for name, rows in (("groups", groups), ("group_l10ns", gl), ("questions", qs), ("question_l10ns", ql),
                   ("answers", ans), ("answer_l10ns", al)):
    out.append(f"<{name}><rows>" + "".join(rows) + f"</rows></{name}>")
out.append("</document>")
print("".join(out))
PY
"$LOTSE" init --db "$TMP/b.db" >/dev/null 2>&1
echo "file: $(wc -c <"$TMP/big.lss") bytes, $GROUPS groups, $((GROUPS * 20)) questions"
/usr/bin/time -f "import: %e s, peak memory %M KB" "$LOTSE" survey import --db "$TMP/b.db" "$TMP/big.lss" | tail -n 1
