#!/usr/bin/env python3
"""oparl_validate.py — check OParl 1.1 answers against the spec's schemas.

usage: oparl_validate.py SCHEMA_DIR FILE...

Each FILE holds one answer of /oparl/v1: an object (validated against the
schema its "type" names) or an object list ({"data", "pagination",
"links"}: each object validated, the list's own shape checked as the
spec's chapter 2.5 says). Objects inside an object (the schemas' own
keyword "schema": "File.json" and arrays of them) are validated too, and
embedded objects must not be deleted. Dates and times are checked as
formats. Exits 1 with one line per problem."""
import datetime
import json
import re
import sys

import jsonschema

PREFIX = "https://schema.oparl.org/1.1/"

# The formats, checked here (jsonschema checks date-time only with an
# optional package): RFC 3339 date-time with an offset, and a full date.
FORMATS = jsonschema.FormatChecker([])
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


@FORMATS.checks("date-time", raises=ValueError)
def is_date_time(v):
    if not isinstance(v, str):
        return True
    if not DATE_TIME.match(v):
        return False
    datetime.datetime.fromisoformat(v.replace("Z", "+00:00"))
    return True


@FORMATS.checks("date", raises=ValueError)
def is_date(v):
    if not isinstance(v, str):
        return True
    return re.match(r"^\d{4}-\d{2}-\d{2}$", v) is not None and datetime.date.fromisoformat(v) is not None


def load(schema_dir, name):
    with open(f"{schema_dir}/{name}", encoding="utf-8") as f:
        return json.load(f)


def check_object(schema_dir, obj, where, problems, embedded=False):
    if not isinstance(obj, dict):
        problems.append(f"{where}: not an object")
        return
    typ = obj.get("type", "")
    if not isinstance(typ, str) or not typ.startswith(PREFIX):
        problems.append(f"{where}: type {typ!r} is not an OParl 1.1 type")
        return
    name = typ[len(PREFIX):] + ".json"
    try:
        schema = load(schema_dir, name)
    except OSError:
        problems.append(f"{where}: no schema {name}")
        return
    if embedded and obj.get("deleted"):
        problems.append(f"{where}: an embedded object is deleted")
    validator = jsonschema.Draft4Validator(schema, format_checker=FORMATS)
    for e in validator.iter_errors(obj):
        problems.append(f"{where}/{'/'.join(map(str, e.path))}: {e.message}")
    for key, prop in schema.get("properties", {}).items():
        if key not in obj:
            continue
        if prop.get("schema"):
            check_object(schema_dir, obj[key], f"{where}/{key}", problems, True)
        items = prop.get("items", {})
        if prop.get("type") == "array" and isinstance(items, dict) and items.get("schema"):
            for i, sub in enumerate(obj[key] if isinstance(obj[key], list) else []):
                check_object(schema_dir, sub, f"{where}/{key}/{i}", problems, True)


def check_list(schema_dir, doc, where, problems):
    for key in ("data", "pagination", "links"):
        if key not in doc:
            problems.append(f"{where}: an object list without {key}")
    if not isinstance(doc.get("data"), list):
        problems.append(f"{where}: data is not an array")
        return
    pag = doc.get("pagination", {})
    for key in ("totalElements", "elementsPerPage", "currentPage", "totalPages"):
        if key in pag and not isinstance(pag[key], int):
            problems.append(f"{where}: pagination.{key} is not an integer")
    links = doc.get("links", {})
    for key, val in links.items():
        if key not in ("first", "prev", "self", "next", "last", "web") or not isinstance(val, str):
            problems.append(f"{where}: links.{key} is not a link")
    if pag.get("currentPage", 1) < pag.get("totalPages", 1) and "next" not in links:
        problems.append(f"{where}: a page before the last without links.next")
    for i, obj in enumerate(doc["data"]):
        check_object(schema_dir, obj, f"{where}/data/{i}", problems)


def main():
    schema_dir = sys.argv[1]
    problems = []
    for path in sys.argv[2:]:
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            problems.append(f"{path}: {e}")
            continue
        if isinstance(doc, dict) and "data" in doc and "type" not in doc:
            check_list(schema_dir, doc, path, problems)
        else:
            check_object(schema_dir, doc, path, problems)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
