#!/usr/bin/env python3
"""gen_queries.py — finder addresses for bench/speed.sh: a mix of distinct,
realistic queries that a page cache cannot help with.

usage: gen_queries.py text|filter [-n N] [--seed S]

text:   N distinct /angebote?q=... addresses: German keywords, phrases,
        words of the other languages of the users, typos, abbreviations,
        some with a filter or a page number.
filter: N distinct filter-only addresses: kinds, phases, target groups,
        languages, ages, free of charge, postcode and radius, pages.
One address a line. Standard library only; the same seed, the same list.
"""
import argparse
import random
import urllib.parse

WORDS = ["Sprachkurs", "Ausbildung", "Praktikum", "Beratung", "Bewerbung", "Anerkennung", "Nachhilfe",
         "Mentoring", "Integrationskurs", "Berufsschule", "Studium", "Kinderbetreuung", "Elternarbeit",
         "Berufsorientierung", "Qualifizierung", "Deutschkurs", "Lebenslauf", "Ausbildungsplatz",
         "Pflege", "Handwerk", "Jugendmigrationsdienst", "Bewerbungstraining", "Ausbildungsbegleitung",
         "Azubi", "Lehre", "Kita", "BAB", "EQ", "BvB", "AsA", "DaZ", "JMD",
         "german course", "apprenticeship", "job application", "Almanca kursu", "staj",
         "دورة لغة ألمانية", "تدريب مهني", "курс німецької мови", "курс немецкого", "کلاس زبان آلمانی",
         "Ausbilding", "Bewerbug", "Anerkennug", "Sprachkurz", "Beratng", "Praktikumm"]
PLACES = ["Mainz", "Ludwigshafen", "Bingen", "Ingelheim", "Gonsenheim", "Oggersheim", "Neustadt", ""]
PHRASES = ["wo kann ich deutsch lernen", "hilfe beim lebenslauf", "ich suche einen ausbildungsplatz",
           "hilfe bei der bewerbung", "geld während der ausbildung", "beratung in meiner sprache"]
ARTS = ["beratung", "sprachfoerderung", "berufsorientierung", "bewerbungstraining", "mentoring",
        "lernfoerderung", "ausbildungsbegleitung", "elternarbeit", "qualifizierung", "ganztagsangebot"]
PHASES = ["schule", "berufsorientierung", "ausbildungsvorbereitung", "ausbildung", "studium",
          "beschaeftigung", "anerkennung"]
GROUPS = ["schuelerinnen", "ohne-ausbildungsplatz", "auszubildende", "junge-erwachsene", "eltern",
          "gefluechtete", "neuzugewanderte", "frauen"]
LANGS = ["de", "en", "tr", "ar", "ru", "uk", "fa"]
POSTCODES = ["55116", "55118", "55131", "55122", "55120", "55124", "55126", "55128", "55129", "55130",
             "55218", "55411", "55268", "67059", "67063", "67071"]


def url(params):
    return "/angebote?" + urllib.parse.urlencode(params)


def text_query(rnd):
    r = rnd.random()
    if r < 0.15:
        q = rnd.choice(PHRASES) + (" " + rnd.choice(PLACES[:-1]) if rnd.random() < 0.5 else "")
    elif r < 0.55:
        q = (rnd.choice(WORDS) + " " + rnd.choice(PLACES)).strip()
    else:
        q = " ".join(rnd.sample(WORDS, rnd.randint(1, 2)))
    p = [("q", q)]
    if rnd.random() < 0.3:
        p.append(("art", rnd.choice(ARTS)))
    if rnd.random() < 0.2:
        p.append(("sprache", rnd.choice(LANGS)))
    if rnd.random() < 0.3:
        p.append(("seite", str(rnd.randint(2, 5))))
    return url(p)


def filter_query(rnd):
    p = []
    for name, pool in (("art", ARTS), ("phase", PHASES), ("gruppe", GROUPS)):
        if rnd.random() < 0.5:
            for v in rnd.sample(pool, rnd.randint(1, 2)):
                p.append((name, v))
    if rnd.random() < 0.3:
        p.append(("sprache", rnd.choice(LANGS)))
    if rnd.random() < 0.2:
        p.append(("alter", str(rnd.randint(14, 27))))
    if rnd.random() < 0.2:
        p.append(("kostenlos", "1"))
    if rnd.random() < 0.5:
        p.append(("plz", rnd.choice(POSTCODES)))
        p.append(("umkreis", rnd.choice(["5", "10", "25", "50"])))
    if rnd.random() < 0.4:
        p.append(("seite", str(rnd.randint(2, 20))))
    return url(p)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kind", choices=["text", "filter"])
    ap.add_argument("-n", type=int, default=1200)
    ap.add_argument("--seed", type=int, default=12)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    make = text_query if a.kind == "text" else filter_query
    seen = set()
    tries = 0
    while len(seen) < a.n and tries < a.n * 50:
        tries += 1
        u = make(rnd)
        if u not in seen:
            seen.add(u)
            print(u)


if __name__ == "__main__":
    main()
