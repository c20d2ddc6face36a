#!/usr/bin/env python3
"""gen_offers.py — generate a flat offer CSV for `lotse import offers`.

usage: gen_offers.py [-n N] [--providers P] [--seed S] [--sep ';'|','|tab]
                     [--encoding utf-8|utf-8-sig|cp1252] [--bad K] [-o FILE]

Writes N offers (default 100000) of P providers (default 2000) in the
columns of docs/import-offers.md: realistic German text (with summaries
in English, Turkish, Arabic, Russian, Ukrainian, Persian and French for
some offers), places with coordinates around Mainz, Mainz-Bingen and
Ludwigshafen, terms of every taxonomy (by code or by German name, in
turn), languages, ages, costs, schedules and contacts. Every row is valid
unless --bad K asks for K broken rows spread through the file (each with
a different fault). The same seed gives the same file. Standard library
only. All of it is FICTIONAL sample data.
"""
import argparse
import csv
import random
import sys

PHASES = [("schule", "Schule"), ("berufsorientierung", "Berufsorientierung"),
          ("ausbildungsvorbereitung", "Ausbildungsvorbereitung"), ("ausbildung", "Ausbildung"),
          ("studium", "Studium"), ("beschaeftigung", "Beschäftigung"),
          ("anerkennung", "Anerkennung ausländischer Abschlüsse")]
KINDS = [("beratung", "Beratung"), ("sprachfoerderung", "Sprachförderung"),
         ("berufsorientierung", "Berufsorientierung"), ("bewerbungstraining", "Bewerbungstraining"),
         ("mentoring", "Mentoring"), ("lernfoerderung", "Lernförderung/Nachhilfe"),
         ("ausbildungsbegleitung", "Ausbildungsbegleitung"), ("elternarbeit", "Elternarbeit"),
         ("qualifizierung", "Qualifizierung"), ("ganztagsangebot", "Ganztagsangebot")]
TARGETS = [("schuelerinnen", "Schüler:innen"), ("ohne-ausbildungsplatz", "Jugendliche ohne Ausbildungsplatz"),
           ("auszubildende", "Auszubildende"), ("junge-erwachsene", "junge Erwachsene"),
           ("eltern", "Eltern"), ("gefluechtete", "Geflüchtete"), ("neuzugewanderte", "Neuzugewanderte"),
           ("frauen", "Frauen"), ("fachkraefte", "Fachkräfte"), ("betriebe", "Betriebe")]
FUNDING = [("eu-esf", "EU/ESF"), ("bund", "Bund"), ("land", "Land"), ("kommune", "Kommune"),
           ("stiftung", "Stiftung"), ("eigenmittel", "Eigenmittel")]

# (district term code, district name, city, postcodes, latitude, longitude)
PLACES = [
    ("mainz-altstadt", "Mainz-Altstadt", "Mainz", ["55116"], 49.9975, 8.2700),
    ("mainz-neustadt", "Mainz-Neustadt", "Mainz", ["55118"], 50.0095, 8.2580),
    ("mainz-oberstadt", "Mainz-Oberstadt", "Mainz", ["55131"], 49.9860, 8.2700),
    ("mainz-hartenberg-muenchfeld", "Mainz-Hartenberg-Münchfeld", "Mainz", ["55122"], 50.0000, 8.2420),
    ("mainz-mombach", "Mainz-Mombach", "Mainz", ["55120"], 50.0200, 8.2260),
    ("mainz-gonsenheim", "Mainz-Gonsenheim", "Mainz", ["55124"], 50.0130, 8.2080),
    ("mainz-finthen", "Mainz-Finthen", "Mainz", ["55126"], 49.9830, 8.1760),
    ("mainz-bretzenheim", "Mainz-Bretzenheim", "Mainz", ["55128"], 49.9800, 8.2320),
    ("mainz-hechtsheim", "Mainz-Hechtsheim", "Mainz", ["55129"], 49.9480, 8.2820),
    ("mainz-weisenau", "Mainz-Weisenau", "Mainz", ["55130"], 49.9660, 8.3080),
    ("mainz-lerchenberg", "Mainz-Lerchenberg", "Mainz", ["55127"], 49.9630, 8.2020),
    ("mainz-kastel", "Mainz-Kastel", "Mainz-Kastel", ["55252"], 50.0100, 8.2870),
    ("ingelheim", "Ingelheim am Rhein", "Ingelheim am Rhein", ["55218"], 49.9720, 8.0560),
    ("bingen", "Bingen am Rhein", "Bingen am Rhein", ["55411"], 49.9660, 7.8990),
    ("nieder-olm", "Nieder-Olm", "Nieder-Olm", ["55268"], 49.9100, 8.2050),
    ("budenheim", "Budenheim", "Budenheim", ["55257"], 50.0190, 8.1730),
    ("ludwigshafen-mitte", "Ludwigshafen-Mitte", "Ludwigshafen am Rhein", ["67059", "67061"], 49.4810, 8.4410),
    ("ludwigshafen-nord-hemshof", "Ludwigshafen-Nord/Hemshof", "Ludwigshafen am Rhein", ["67063"], 49.4950, 8.4330),
    ("ludwigshafen-oggersheim", "Ludwigshafen-Oggersheim", "Ludwigshafen am Rhein", ["67071"], 49.4870, 8.3780),
    ("ludwigshafen-pfingstweide", "Ludwigshafen-Pfingstweide", "Ludwigshafen am Rhein", ["67069"], 49.5310, 8.4040),
    ("ludwigshafen-gartenstadt", "Ludwigshafen-Gartenstadt", "Ludwigshafen am Rhein", ["67065"], 49.4570, 8.4070),
    ("ludwigshafen-friesenheim", "Ludwigshafen-Friesenheim", "Ludwigshafen am Rhein", ["67063"], 49.5000, 8.4150),
]
STREETS = ["Kaiserstraße", "Bahnhofstraße", "Rheinallee", "Hauptstraße", "Schillerplatz", "Goethestraße",
           "Mombacher Straße", "Binger Straße", "Rheinstraße", "Ludwigstraße", "Bismarckstraße",
           "Am Zollhafen", "Lutherstraße", "Gartenfeldplatz", "Frauenlobstraße", "Wredestraße",
           "Hemshofstraße", "Prinzregentenstraße", "Saarlandstraße", "Mundenheimer Straße",
           "Raiffeisenstraße", "Heidesheimer Straße", "Mainzer Straße", "Pariser Straße"]

PROVIDER_KINDS = ["Jugendmigrationsdienst", "Volkshochschule", "Migrantenverein", "Bildungswerk",
                  "Berufsbildende Schule", "Integrationszentrum", "Kulturverein", "Beratungsstelle",
                  "Ausbildungsverbund", "Familienzentrum", "Frauenbildungswerk", "Nachbarschaftshaus",
                  "Jugendwerkstatt", "Bildungsträger", "Stiftung", "Elternnetzwerk"]
PROVIDER_NAMES = ["Rheinbrücke", "Brückenschlag", "Perspektive", "Zukunft", "Miteinander", "Lotsenhaus",
                  "Horizont", "Vielfalt", "Aufbruch", "Kompass", "Regenbogen", "Sprungbrett",
                  "Neue Wege", "Weitblick", "Anker", "Mosaik", "Lichtblick", "Sonnenberg",
                  "Tor zur Welt", "Hand in Hand", "Zusammen", "Kairos", "Sahil", "Yol", "Nadezhda"]
TOWNS = ["Mainz", "Ludwigshafen", "Bingen", "Ingelheim", "Nieder-Olm", "Rheinhessen", "Vorderpfalz",
         "Budenheim", "Oggersheim", "Gonsenheim", "Hemshof", "Mombach"]
LEGAL = ["e.V.", "gGmbH", "", "e.V.", "GmbH", "Stiftung", ""]

TITLE_HEAD = {
    "beratung": ["Beratung", "Sprechstunde", "Anerkennungsberatung", "Migrationsberatung",
                 "Berufsberatung", "Orientierungsberatung"],
    "sprachfoerderung": ["Deutschkurs", "Sprachcafé", "Berufssprachkurs", "DaZ-Förderung",
                         "Sprachkurs", "Lesepatenschaft", "Konversationskurs"],
    "berufsorientierung": ["Berufsorientierung", "Berufe entdecken", "Praktikumsbörse",
                           "Werkstatttage", "Zukunftstag", "Berufsparcours"],
    "bewerbungstraining": ["Bewerbungstraining", "Bewerbungswerkstatt", "Bewerbungsmappen-Check",
                           "Vorstellungsgespräch üben"],
    "mentoring": ["Mentoring", "Patenschaftsprogramm", "Ausbildungspaten", "Tandemprogramm"],
    "lernfoerderung": ["Nachhilfe", "Lernförderung", "Hausaufgabenhilfe", "Prüfungsvorbereitung"],
    "ausbildungsbegleitung": ["Assistierte Ausbildung", "Ausbildungsbegleitung",
                              "Ausbildungsbegleitende Hilfen", "Coaching für Azubis"],
    "elternarbeit": ["Elterncafé", "Elternabend", "Elternlotsen", "Elternseminar"],
    "qualifizierung": ["Einstiegsqualifizierung", "Teilqualifizierung", "Qualifizierungskurs",
                       "Berufsvorbereitende Bildungsmaßnahme", "Anpassungsqualifizierung"],
    "ganztagsangebot": ["Ganztagsangebot", "Lernwerkstatt am Nachmittag", "Jugendtreff"],
}
TITLE_TAIL = ["für Geflüchtete", "für junge Frauen", "für Neuzugewanderte", "für Eltern",
              "für Schüler:innen", "für Auszubildende", "im Stadtteil", "am Abend", "kompakt",
              "für Jugendliche ohne Ausbildungsplatz", "mit Kinderbetreuung", "online", "Plus",
              "in einfacher Sprache", "für Fachkräfte aus dem Ausland", "A2", "B1", "B2"]

SENTENCES = [
    "Wir begleiten junge Menschen mit Migrationsgeschichte auf dem Weg von der Schule in die Ausbildung.",
    "Das Angebot richtet sich an Jugendliche, die einen Ausbildungsplatz suchen oder ihre Ausbildung nicht abbrechen wollen.",
    "In kleinen Gruppen üben die Teilnehmenden Bewerbungsschreiben, Lebenslauf und Vorstellungsgespräche.",
    "Erfahrene Ehrenamtliche unterstützen als Mentorinnen und Mentoren bei Fragen rund um Schule, Praktikum und Beruf.",
    "Der Kurs vermittelt berufsbezogenes Deutsch auf den Niveaus A2 bis B2 und bereitet auf die Prüfung vor.",
    "Wir beraten zur Anerkennung ausländischer Berufs- und Studienabschlüsse und helfen beim Antrag.",
    "Eltern erfahren, wie das duale Ausbildungssystem in Deutschland funktioniert und wie sie ihre Kinder unterstützen können.",
    "Die Beratung ist vertraulich, kostenlos und auf Wunsch mehrsprachig.",
    "Gemeinsam mit Betrieben aus der Region organisieren wir Praktika und Schnuppertage.",
    "Auszubildende erhalten Nachhilfe in Fachtheorie, Mathematik und Deutsch sowie Unterstützung bei Prüfungsangst.",
    "Geflüchtete Frauen finden hier einen geschützten Raum, um berufliche Ziele zu entwickeln.",
    "Die Teilnahme ist mit Bildungsgutschein oder über das Jobcenter möglich.",
    "Wir arbeiten eng mit der Agentur für Arbeit, dem Jobcenter, den Kammern und den Schulen zusammen.",
    "Neuzugewanderte Jugendliche lernen Berufsfelder wie Pflege, Handwerk, Logistik und Einzelhandel kennen.",
    "Bei Bedarf vermitteln wir Dolmetscherinnen und Dolmetscher für Türkisch, Arabisch, Russisch und Ukrainisch.",
    "Die Einstiegsqualifizierung ist ein Langzeitpraktikum, das auf eine Ausbildung angerechnet werden kann.",
    "Im Sprachcafé wird in entspannter Runde Deutsch gesprochen; Vorkenntnisse sind nicht nötig.",
    "Die Lernwerkstatt ist montags bis donnerstags am Nachmittag geöffnet.",
    "Wir helfen bei der Suche nach Ausbildungsbeihilfe (BAB) und bei Fragen zum Aufenthaltsstatus.",
    "Das Projekt wird aus Mitteln des Europäischen Sozialfonds und des Landes Rheinland-Pfalz gefördert.",
    "Berufsvorbereitende Bildungsmaßnahmen (BvB) schaffen die Grundlage für einen erfolgreichen Ausbildungsstart.",
    "Teilnehmende erhalten am Ende ein Zertifikat, das bei Bewerbungen hilft.",
    "Unsere Lotsinnen und Lotsen kennen die Angebote in Mainz und Ludwigshafen und vermitteln passgenau weiter.",
    "Jugendliche ohne Schulabschluss können hier den Hauptschulabschluss nachholen.",
    "Für Mütter mit kleinen Kindern gibt es eine Kinderbetreuung während des Kurses.",
]
SUMMARIES = {
    "en": ["Counselling and support for young migrants on the way into vocational training.",
           "German language course with a focus on work and training; free of charge."],
    "tr": ["Göçmen gençler için meslek eğitimine geçişte danışmanlık ve destek.",
           "Ebeveynler için Almanya'daki ikili meslek eğitimi hakkında bilgilendirme."],
    "ar": ["استشارة ودعم للشباب المهاجرين في الطريق إلى التدريب المهني.",
           "دورة لغة ألمانية مهنية مجانية للاجئين."],
    "ru": ["Консультации и поддержка молодых мигрантов при переходе в профессиональное обучение.",
           "Курс немецкого языка для работы и учёбы."],
    "uk": ["Консультації та підтримка молоді з досвідом міграції на шляху до професійного навчання.",
           "Мовне кафе: розмовляємо німецькою без стресу."],
    "fa": ["مشاوره و حمایت از جوانان مهاجر در مسیر آموزش حرفه‌ای.", "کلاس زبان آلمانی برای زنان."],
    "fr": ["Conseil et accompagnement des jeunes migrants vers la formation professionnelle."],
}
LANG_POOL = ["de"] * 6 + ["en", "tr", "ar", "ru", "uk", "fa", "fr", "pl", "ro", "bg", "ku", "ti", "prs", "so"]
FIRST = ["Ayşe", "Mehmet", "Fatima", "Olena", "Dmitri", "Sara", "Jonas", "Lea", "Ahmad", "Nour",
         "Maria", "Kemal", "Elif", "Tobias", "Anna", "Yusuf", "Mariam", "Lukas", "Hanna", "Omar"]
LAST = ["Yılmaz", "Schneider", "Haddad", "Kowalenko", "Müller", "Petrova", "Weber", "Demir",
        "Rahimi", "Becker", "Nowak", "Schäfer", "Karimi", "Wagner", "Öztürk", "Hoffmann"]
TIMES = ["Mo–Fr 9–12 Uhr", "Di und Do 14–17 Uhr", "Mi 16–18 Uhr, Anmeldung nötig",
         "Montags 17:30–19:00 Uhr", "nach Vereinbarung", "Sa 10–13 Uhr",
         "Mo, Mi, Fr 8:30–12:30 Uhr\nin den Ferien geschlossen", "Beginn jeweils im Februar und August"]
COSTS = ["", "", "", "5 € pro Termin", "Kurs 120 €, ermäßigt 60 €",
         "Förderung über Bildungsgutschein möglich", "Materialkosten 15 €"]
APPLY = ["Einfach vorbeikommen.", "Anmeldung per Telefon oder E-Mail.",
         "Anmeldung über die Schulsozialarbeit.", "Über das Jobcenter oder die Agentur für Arbeit.",
         "Online-Formular auf unserer Website.", ""]
ELIG = ["", "", "Wohnsitz in Mainz oder Ludwigshafen.", "Deutschkenntnisse ab A2.",
        "Für Jugendliche bis 25 Jahre.", "Aufenthaltsgestattung oder Duldung genügt."]
STATUS = ["aktiv"] * 12 + ["inaktiv", "vorübergehend geschlossen", "active"]
FORMAT = ["Präsenz"] * 6 + ["online", "gemischt", "in_person"]

HEADER = ["Träger", "Angebot", "Beschreibung", "Status", "Zielgruppe", "Angebotsart", "Übergangsphase",
          "Förderung", "Stadtteil/Ort", "Sprachen", "Alter von", "Alter bis", "kostenlos", "Kosten",
          "Anmeldung", "Voraussetzungen", "Zeiten", "Straße", "PLZ", "Ort", "Breitengrad", "Längengrad",
          "Telefon", "E-Mail", "Website", "Ansprechperson", "Kapazität", "Format", "zuletzt geprüft"]


def slug(s):
    out = s.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("ı", "i"), ("ş", "s")):
        out = out.replace(a, b)
    return "".join(c for c in out if c.isalnum())[:24] or "traeger"


def make_providers(rnd, count):
    seen, out = set(), []
    while len(out) < count:
        name = "%s %s %s %s" % (rnd.choice(PROVIDER_KINDS), rnd.choice(PROVIDER_NAMES),
                                rnd.choice(TOWNS), rnd.choice(LEGAL))
        name = " ".join(name.split())
        if name in seen:
            name = "%s %d" % (name, len(out) + 1)
        seen.add(name)
        home = rnd.randrange(len(PLACES))
        sites = []
        for _ in range(rnd.randint(1, 4)):
            place = rnd.choice([home, home, rnd.randrange(len(PLACES))])
            # a site: a street address in the district, a few hundred metres around its centre
            sites.append((rnd.choice(STREETS), rnd.randint(1, 120), place,
                          PLACES[place][4] + rnd.uniform(-0.012, 0.012), PLACES[place][5] + rnd.uniform(-0.018, 0.018)))
        out.append({"name": name, "sites": sites, "domain": slug(name) + ".example.org",
                    "phone": "0%d %d" % (rnd.choice([6131, 621, 6721, 6132, 6136]), rnd.randint(10000, 999999))})
    return out


def term_list(rnd, pool, lo, hi):
    picks = rnd.sample(pool, rnd.randint(lo, hi))
    # by code or by German name, in turn, as spreadsheets have them
    return "; ".join(code if rnd.random() < 0.5 else name for code, name in picks)


def description(rnd, langs):
    text = " ".join(rnd.sample(SENTENCES, rnd.randint(3, 6)))
    extra = [l for l in langs if l in SUMMARIES and l != "de"]
    if extra:
        l = rnd.choice(extra)
        text += "\n\n" + rnd.choice(SUMMARIES[l])
    return text


def german_number(x, places):
    return ("%.*f" % (places, x)).replace(".", ",")


def row(rnd, i, providers):
    p = rnd.choice(providers)
    street, number, place_i, la, lo_ = rnd.choice(p["sites"])
    code, district, city, postcodes, _, _ = PLACES[place_i]
    kind = rnd.choice(KINDS)
    head = rnd.choice(TITLE_HEAD[kind[0]])
    name = "%s %s" % (head, rnd.choice(TITLE_TAIL)) if rnd.random() < 0.8 else head
    langs = ["de"] + sorted(set(rnd.sample(LANG_POOL, rnd.randint(0, 3))) - {"de"})
    lo = rnd.choice([None, 12, 14, 15, 16, 18, 25])
    hi = None if lo is None else rnd.choice([None] + [h for h in (21, 25, 27, 35, 99) if h >= lo])
    free = rnd.random() < 0.7
    comma = rnd.random() < 0.5
    day = "%02d.%02d.%d" % (rnd.randint(1, 28), rnd.randint(1, 12), rnd.choice([2023, 2024, 2025]))
    if rnd.random() < 0.3:
        d, m, y = day.split(".")
        day = "%s-%s-%s" % (y, m, d)
    contact = "%s %s" % (rnd.choice(FIRST), rnd.choice(LAST))
    kinds = [kind] + rnd.sample([k for k in KINDS if k != kind], rnd.randint(0, 1))
    return [
        p["name"], name, description(rnd, langs), rnd.choice(STATUS),
        term_list(rnd, TARGETS, 1, 3), "; ".join(c if rnd.random() < 0.5 else n for c, n in kinds),
        term_list(rnd, PHASES, 1, 2), term_list(rnd, FUNDING, 0, 2),
        code if rnd.random() < 0.5 else district,
        ", ".join(langs), "" if lo is None else str(lo), "" if hi is None else str(hi),
        "ja" if free else rnd.choice(["nein", ""]), "" if free else rnd.choice(COSTS),
        rnd.choice(APPLY), rnd.choice(ELIG), rnd.choice(TIMES),
        "%s %d" % (street, number), postcodes[number % len(postcodes)], city,
        german_number(la, 5) if comma else "%.5f" % la, german_number(lo_, 5) if comma else "%.5f" % lo_,
        p["phone"] if rnd.random() < 0.9 else "", "info@" + p["domain"] if rnd.random() < 0.8 else "",
        "https://www." + p["domain"] + "/angebote/%d" % i if rnd.random() < 0.6 else "www." + p["domain"],
        contact if rnd.random() < 0.7 else "", str(rnd.choice([8, 10, 12, 15, 20, 25])) if rnd.random() < 0.5 else "",
        rnd.choice(FORMAT), day if rnd.random() < 0.85 else "",
    ]


# One fault per broken row, by column: (column, bad value, what the importer says)
FAULTS = [("Alter von", "sechzehn"), ("Alter bis", "200"), ("Angebot", ""), ("Sprachen", "deutsch und so"),
          ("Angebotsart", "Kochkurs"), ("zuletzt geprüft", "31.02.2024"), ("Breitengrad", "Norden"),
          ("kostenlos", "vielleicht"), ("E-Mail", "keine-adresse"), ("Format", "per Brieftaube"),
          ("Status", "unbekannt"), ("Website", "ftp://example.org")]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=100000)
    ap.add_argument("--providers", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--sep", default=";")
    ap.add_argument("--encoding", default="utf-8")
    ap.add_argument("--bad", type=int, default=0)
    ap.add_argument("-o", "--output", default="-")
    a = ap.parse_args()
    sep = "\t" if a.sep in ("tab", "\\t") else a.sep
    rnd = random.Random(a.seed)
    providers = make_providers(rnd, max(1, a.providers))
    bad_at = set(rnd.sample(range(a.n), min(a.bad, a.n))) if a.bad else set()
    out = sys.stdout if a.output == "-" else open(a.output, "w", encoding=a.encoding, newline="",
                                                   errors="replace" if a.encoding == "cp1252" else "strict")
    if a.output == "-":
        sys.stdout.reconfigure(encoding=a.encoding, newline="")
    w = csv.writer(out, delimiter=sep, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    w.writerow(HEADER)
    nfault = 0
    for i in range(a.n):
        r = row(rnd, i, providers)
        if a.encoding == "cp1252":
            r = [c.encode("cp1252", "replace").decode("cp1252") for c in r]
        if i in bad_at:
            col, val = FAULTS[nfault % len(FAULTS)]
            r[HEADER.index(col)] = val
            nfault += 1
        w.writerow(r)
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
