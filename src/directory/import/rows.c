/* rows.c — one row of the flat offer import turned into an offer:
 * the columns with their aliases, and a checker for every kind of value. */
#include "directory/import/import_internal.h"
#include "core/core.h"
#include "core/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- columns ---- */

struct col_def {
	const char *label;           /* the documented German header */
	const char *aliases;         /* normalised names, separated by '|' */
	size_t maxlen;               /* characters; 0 for columns parsed otherwise */
	const char *taxonomy;        /* terms of this taxonomy (code), or NULL */
};

static const struct col_def cols[IC__MAX] = {
	[IC_ID] = { "id", "id|uuid|angebotsid|serviceid", 0, NULL },
	[IC_ORG] = { "Träger", "traeger|anbieter|organisation|organization|provider|organizationname|"
			      "traegername|einrichtung", 200, NULL },
	[IC_NAME] = { "Angebot", "angebot|angebotsname|name|titel|service|servicename|offer|offername", 200,
		      NULL },
	[IC_DESCRIPTION] = { "Beschreibung", "beschreibung|description|angebotsbeschreibung", 20000, NULL },
	[IC_STATUS] = { "Status", "status", 0, NULL },
	[IC_TARGET] = { "Zielgruppe", "zielgruppe|zielgruppen|targetgroup|targetgroups|audience", 0,
			"zielgruppe" },
	[IC_KIND] = { "Angebotsart", "angebotsart|angebotsarten|art|kind|offertype|servicetype|category", 0,
		      "angebotsart" },
	[IC_PHASE] = { "Übergangsphase", "uebergangsphase|uebergangsphasen|phase|transitionphase|"
					 "transitionstage",
		       0, "uebergangsphase" },
	[IC_FUNDING] = { "Förderung", "foerderung|finanzierung|foerdermittel|funding", 0, "foerderung" },
	[IC_AREA] = { "Stadtteil/Ort", "stadtteilort|stadtteil|stadtteile|district|districts|servicearea", 0,
		      "ort" },
	[IC_LANGUAGES] = { "Sprachen", "sprachen|sprache|languages|language", 0, NULL },
	[IC_AGE_MIN] = { "Alter von", "altervon|mindestalter|minimumage|agefrom|minage", 0, NULL },
	[IC_AGE_MAX] = { "Alter bis", "alterbis|hoechstalter|maximumage|ageto|maxage", 0, NULL },
	[IC_FREE] = { "kostenlos", "kostenlos|kostenfrei|gratis|free|freeofcharge", 0, NULL },
	[IC_COSTS] = { "Kosten", "kosten|gebuehren|fees|feesdescription|costs|cost", 2000, NULL },
	[IC_APPLY] = { "Anmeldung", "anmeldung|zugang|applicationprocess|application|registration", 4000,
		       NULL },
	[IC_ELIGIBILITY] = { "Voraussetzungen", "voraussetzungen|voraussetzung|eligibility|"
						"eligibilitydescription|requirements",
			     4000, NULL },
	[IC_TIMES] = { "Zeiten", "zeiten|oeffnungszeiten|termine|schedule|hours|times", 1000, NULL },
	[IC_STREET] = { "Straße", "strasse|strasseundhausnummer|strassehausnummer|adresse|street|address|"
				  "address1",
			200, NULL },
	[IC_POSTCODE] = { "PLZ", "plz|postleitzahl|postcode|postalcode|zip|zipcode", 10, NULL },
	[IC_CITY] = { "Ort", "ort|stadt|gemeinde|city|town", 100, NULL },
	[IC_LAT] = { "Breitengrad", "breitengrad|breite|lat|latitude", 0, NULL },
	[IC_LON] = { "Längengrad", "laengengrad|laenge|lon|lng|long|longitude", 0, NULL },
	[IC_PHONE] = { "Telefon", "telefon|telefonnummer|tel|phone|telephone", 0, NULL },
	[IC_EMAIL] = { "E-Mail", "email|mail|emailadresse", 254, NULL },
	[IC_WEBSITE] = { "Website", "website|webseite|internet|internetseite|homepage|url|web", 500, NULL },
	[IC_CONTACT] = { "Ansprechperson", "ansprechperson|ansprechpartner|ansprechpartnerin|"
					   "ansprechpartnerinnen|kontaktperson|kontakt|contact|contactname",
			 200, NULL },
	[IC_CAPACITY] = { "Kapazität", "kapazitaet|plaetze|teilnehmerplaetze|capacity", 0, NULL },
	[IC_DELIVERY] = { "Format", "format|durchfuehrung|angebotsform|delivery|mode", 0, NULL },
	[IC_ASSURED] = { "zuletzt geprüft", "zuletztgeprueft|geprueftam|geprueft|stand|assureddate|"
					    "lastverified|verified",
			 0, NULL },
};

const char *dir_import_col_label(enum dir_import_col c)
{
	return (unsigned)c < IC__MAX ? cols[c].label : "";
}

/* s lowercased, ä ö ü ß folded to ae oe ue ss, ASCII other than letters
 * and digits dropped (other UTF-8 kept as it is), into out (size n). */
static void norm(const char *s, char *out, size_t n)
{
	size_t k = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p && k + 3 < n) {
		unsigned char c = *p;
		if (c == 0xC3 && p[1]) {
			const char *f = NULL;
			switch (p[1]) {
			case 0xA4: case 0x84: f = "ae"; break;
			case 0xB6: case 0x96: f = "oe"; break;
			case 0xBC: case 0x9C: f = "ue"; break;
			case 0x9F: f = "ss"; break;
			}
			if (f) {
				out[k++] = f[0];
				out[k++] = f[1];
				p += 2;
				continue;
			}
		}
		if (c >= 'A' && c <= 'Z')
			out[k++] = (char)(c - 'A' + 'a');
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
			out[k++] = (char)c;
		p++;
	}
	out[k] = '\0';
}

/* Is the normalised name one of the '|'-separated list? */
static int in_list(const char *name, const char *list)
{
	size_t n = strlen(name);
	for (const char *p = list; *p;) {
		const char *e = strchr(p, '|');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && memcmp(p, name, n) == 0)
			return 1;
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

int dir_import_col_find(const char *header)
{
	char n[128];
	norm(header, n, sizeof(n));
	if (!*n)
		return -1;
	for (int c = 0; c < IC__MAX; c++)
		if (in_list(n, cols[c].aliases))
			return c;
	return -1;
}

/* ---- values ---- */

/* A problem of the row: noted, and checking goes on, so that a row's
 * problems are all reported at once (at most r->max; more are dropped). */
struct row_problems {
	struct dir_import_problem *v;
	size_t max, n;
};

#define FAIL(msg, c, v) note(a, pr, (msg), cols[c].label, (v))

static const char *shorten(arena *a, const char *v);

static void note(arena *a, struct row_problems *pr, const char *msgid, const char *arg1, const char *v)
{
	if (pr->n < pr->max)
		pr->v[pr->n] = (struct dir_import_problem){ .msgid = msgid, .arg1 = arg1, .arg2 = v ? shorten(a, v) : NULL,
							    .column = arg1 };
	pr->n++;
}

/* A value quoted in a message: at most 60 characters. */
static const char *shorten(arena *a, const char *v)
{
	size_t chars = 0, i = 0;
	if (!v)
		return NULL;
	for (; v[i]; i++) {
		if (((unsigned char)v[i] & 0xC0) != 0x80 && ++chars > 60)
			return arena_printf(a, "%.*s…", (int)i, v);
	}
	return v;
}

/* Check text: no control characters (line breaks only when multiline,
 * else every run of white space becomes one space), at most maxlen
 * characters.
 * Returns the cleaned text in a, or NULL with *why set. */
static const char *clean_text(arena *a, const char *v, size_t maxlen, int multiline, const char **why)
{
	size_t len = strlen(v), chars = 0;
	char *out = arena_alloc(a, len + 1), *o = out;
	for (const unsigned char *s = (const unsigned char *)v; *s; s++) {
		unsigned c = *s;
		if (c == '\r' && s[1] == '\n')
			continue;
		if (c == '\r' || c == '\n' || c == '\t' || (c == ' ' && !multiline)) {
			/* one line: every run of white space becomes one space */
			if (multiline)
				*o++ = c == '\t' ? '\t' : '\n';
			else if (o > out && o[-1] != ' ')
				*o++ = ' ';
			else
				continue;
			chars++;
			continue;
		}
		/* C0, DEL and the C1 controls (U+0080..U+009F: C2 80..C2 9F) */
		if (c < 0x20 || c == 0x7F || (c == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F)) {
			*why = N_("{1} enthält ein unzulässiges Steuerzeichen.");
			return NULL;
		}
		if ((c & 0xC0) != 0x80)
			chars++;
		*o++ = (char)c;
	}
	while (o > out && (o[-1] == ' ' || o[-1] == '\n' || o[-1] == '\t'))
		o--;
	*o = '\0';
	if (maxlen && chars > maxlen) {
		*why = N_("{1} ist zu lang (höchstens {2} Zeichen).");
		return NULL;
	}
	return out;
}

/* A whole number in [lo, hi]; returns 0, -1 not a number, -2 out of range. */
static int parse_int(const char *v, long lo, long hi, int *out)
{
	if (!*v)
		return -1;
	long n = 0;
	for (const char *s = v; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		n = n * 10 + (*s - '0');
		if (n > 1000000000L)
			return -2;
	}
	if (n < lo || n > hi)
		return -2;
	*out = (int)n;
	return 0;
}

/* A decimal with '.' or ',' and an optional '-' (49,9929 or 8.2473). */
static int parse_coord(const char *v, double lim, double *out)
{
	char tmp[40];
	size_t n = strlen(v), digits = 0, seps = 0;
	if (n == 0 || n >= sizeof(tmp))
		return -1;
	for (size_t i = 0; i < n; i++) {
		char c = v[i];
		if (c >= '0' && c <= '9') {
			digits++;
			tmp[i] = c;
		} else if ((c == '.' || c == ',') && seps++ == 0) {
			tmp[i] = '.';
		} else if ((c == '-' || c == '+') && i == 0) {
			tmp[i] = c;
		} else {
			return -1;
		}
	}
	tmp[n] = '\0';
	if (!digits)
		return -1;
	double d = strtod(tmp, NULL);
	if (d < -lim || d > lim)
		return -2;
	*out = d;
	return 0;
}

/* TT.MM.JJJJ (also T.M.JJJJ) or JJJJ-MM-TT, a real calendar day from 1900
 * to 2100, as JJJJ-MM-TT in a. */
static const char *parse_date(arena *a, const char *v)
{
	int d = 0, m = 0, y = 0, nd = 0, nm = 0, ny = 0;
	const char *s = v;
	if (strlen(v) == 10 && v[4] == '-' && v[7] == '-') {
		for (int i = 0; i < 10; i++)
			if (i != 4 && i != 7 && (v[i] < '0' || v[i] > '9'))
				return NULL;
		y = atoi(v), m = atoi(v + 5), d = atoi(v + 8);
	} else {
		for (; *s >= '0' && *s <= '9' && nd < 3; s++, nd++)
			d = d * 10 + (*s - '0');
		if (*s++ != '.')
			return NULL;
		for (; *s >= '0' && *s <= '9' && nm < 3; s++, nm++)
			m = m * 10 + (*s - '0');
		if (*s++ != '.')
			return NULL;
		for (; *s >= '0' && *s <= '9' && ny < 5; s++, ny++)
			y = y * 10 + (*s - '0');
		if (*s || nd < 1 || nd > 2 || nm < 1 || nm > 2 || ny != 4)
			return NULL;
	}
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return NULL;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m == 2 && d == 29 && !leap)
		return NULL;
	return arena_printf(a, "%04d-%02d-%02d", y, m, d);
}

static int valid_email(const char *v)
{
	const char *at = strchr(v, '@');
	if (!at || at == v || strchr(at + 1, '@') || strlen(v) > 254)
		return 0;
	const char *dot = strrchr(at, '.');
	if (!dot || dot == at + 1 || !dot[1])
		return 0;
	for (const char *s = v; *s; s++)
		if ((unsigned char)*s <= ' ' || strchr("<>()[]\\,;:\"", *s))
			return 0;
	return 1;
}

/* http(s)://host..., or www.host (then https:// is put in front). */
static const char *clean_url(arena *a, const char *v)
{
	if (strncmp(v, "www.", 4) == 0)
		v = arena_printf(a, "https://%s", v);
	const char *host = strncmp(v, "https://", 8) == 0 ? v + 8 : strncmp(v, "http://", 7) == 0 ? v + 7 : NULL;
	if (!host || !*host || *host == '/' || *host == '.')
		return NULL;
	for (const char *s = v; *s; s++)
		if ((unsigned char)*s <= ' ' || strchr("<>\"\\", *s))
			return NULL;
	return v;
}

static int valid_phone(const char *v)
{
	int digits = 0;
	if (strlen(v) > 40)
		return 0;
	for (const char *s = v; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (!strchr(" +()-/.", *s))
			return 0;
	}
	return digits >= 3;
}

static int valid_postcode(const char *v)
{
	size_t n = strlen(v);
	if (n < 4 || n > 10)
		return 0;
	for (const char *s = v; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      *s == ' ' || *s == '-'))
			return 0;
	return 1;
}

/* A choice by normalised spelling: "ja", "Ja", "JA" are the same. */
struct choice {
	const char *spellings; /* normalised, '|'-separated */
	const char *value;
};

static const char *pick(const char *v, const struct choice *c, size_t n)
{
	char k[64];
	norm(v, k, sizeof(k));
	for (size_t i = 0; i < n; i++)
		if (in_list(k, c[i].spellings))
			return c[i].value;
	return NULL;
}

static const struct choice statuses[] = {
	{ "aktiv|active|laufend|offen", "active" },
	{ "inaktiv|inactive|ruhend|ruht", "inactive" },
	{ "eingestellt|beendet|defunct", "defunct" },
	{ "voruebergehendgeschlossen|pausiert|temporarilyclosed", "temporarily closed" },
};

static const struct choice deliveries[] = {
	{ "praesenz|vorort|inperson|persoenlich", "in_person" },
	{ "online|digital|virtuell|virtual", "online" },
	{ "gemischt|hybrid|blended|mixed", "mixed" },
};

static const struct choice yes_no[] = {
	{ "ja|j|yes|y|x|1|wahr|true", "1" },
	{ "nein|n|no|0|falsch|false", "0" },
};

/* German names of common languages, for codes and for names in the cell. */
static const struct {
	const char *code, *name, *spellings;
} langs[] = {
	{ "de", "Deutsch", "deutsch|german" }, { "en", "Englisch", "englisch|english" },
	{ "tr", "Türkisch", "tuerkisch|turkish" }, { "ar", "Arabisch", "arabisch|arabic" },
	{ "ru", "Russisch", "russisch|russian" }, { "uk", "Ukrainisch", "ukrainisch|ukrainian" },
	{ "pl", "Polnisch", "polnisch|polish" }, { "ro", "Rumänisch", "rumaenisch|romanian" },
	{ "bg", "Bulgarisch", "bulgarisch|bulgarian" }, { "fr", "Französisch", "franzoesisch|french" },
	{ "it", "Italienisch", "italienisch|italian" }, { "es", "Spanisch", "spanisch|spanish" },
	{ "pt", "Portugiesisch", "portugiesisch|portuguese" }, { "el", "Griechisch", "griechisch|greek" },
	{ "fa", "Persisch", "persisch|farsi|persian" }, { "prs", "Dari", "dari" },
	{ "ps", "Paschtu", "paschtu|pashto" }, { "ku", "Kurdisch", "kurdisch|kurdish" },
	{ "ti", "Tigrinya", "tigrinya" }, { "so", "Somali", "somali" }, { "sq", "Albanisch", "albanisch|albanian" },
	{ "sr", "Serbisch", "serbisch|serbian" }, { "hr", "Kroatisch", "kroatisch|croatian" },
	{ "bs", "Bosnisch", "bosnisch|bosnian" }, { "vi", "Vietnamesisch", "vietnamesisch|vietnamese" },
	{ "zh", "Chinesisch", "chinesisch|chinese" }, { "hu", "Ungarisch", "ungarisch|hungarian" },
	{ "ur", "Urdu", "urdu" }, { "hi", "Hindi", "hindi" }, { "ta", "Tamil", "tamil" },
	{ "am", "Amharisch", "amharisch|amharic" }, { "gsw", "Gebärdensprache", "gebaerdensprache" },
};

/* Split a list cell at ';', ',' and line breaks (also at white space and
 * '/' when spaces is set) into at most max trimmed items (in a). */
static size_t split(arena *a, const char *v, int spaces, const char **items, size_t max)
{
	size_t n = 0;
	const char *s = v;
	while (*s && n < max) {
		while (*s == ' ' || *s == ';' || *s == ',' || *s == '\n' || *s == '\t' || (spaces && *s == '/'))
			s++;
		const char *e = s;
		while (*e && *e != ';' && *e != ',' && *e != '\n' && !(spaces && (*e == ' ' || *e == '/' || *e == '\t')))
			e++;
		const char *end = e;
		while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (end > s)
			items[n++] = arena_strndup(a, s, (size_t)(end - s));
		s = e;
	}
	return n;
}

#define MAX_ITEMS 64

static void map_languages(arena *a, const char *v, struct dir_service *sv, struct row_problems *pr)
{
	const char *items[MAX_ITEMS];
	size_t n = split(a, v, 1, items, MAX_ITEMS);
	sv->languages = arena_alloc(a, (n ? n : 1) * sizeof(*sv->languages));
	sv->n_languages = 0;
	for (size_t i = 0; i < n; i++) {
		const char *code = NULL, *name = "";
		char k[64];
		norm(items[i], k, sizeof(k));
		for (size_t l = 0; l < NELEM(langs) && !code; l++)
			if (strcmp(k, langs[l].code) == 0 || in_list(k, langs[l].spellings))
				code = langs[l].code, name = langs[l].name;
		if (!code) {
			size_t len = strlen(k);
			int letters = len >= 2 && len <= 3 && strlen(items[i]) == len;
			for (size_t j = 0; j < len && letters; j++)
				letters = k[j] >= 'a' && k[j] <= 'z';
			if (!letters) {
				FAIL(N_("{1}: „{2}“ ist kein Sprachcode nach ISO 639 (z. B. de, tr, ar)."), IC_LANGUAGES,
				     items[i]);
				continue;
			}
			code = arena_strdup(a, k);
		}
		int dup = 0;
		for (size_t j = 0; j < sv->n_languages; j++)
			dup |= strcmp(sv->languages[j].code, code) == 0;
		if (!dup)
			sv->languages[sv->n_languages++] = (struct dir_language){ .code = code, .name = name };
	}
}

int dir_import_terms_build(arena *a, struct store *s, struct dir_import_terms *out)
{
	size_t ntax = 0, nen = 0;
	memset(out, 0, sizeof(*out));
	const struct dir_taxonomy *tax = dir_taxonomies(s, a, "de", &ntax);
	const struct dir_taxonomy *en = dir_taxonomies(s, a, "en", &nen);
	if (!tax || !en) /* not terms without English names: they could not be read */
		return ST_ERR;
	size_t n = 0;
	for (size_t i = 0; i < ntax; i++)
		n += 3 * tax[i].n_terms;
	out->v = arena_alloc(a, (n + 1) * sizeof(*out->v));
	char k[256];
	for (size_t i = 0; i < ntax; i++) {
		for (size_t j = 0; j < tax[i].n_terms; j++) {
			const struct dir_term *t = &tax[i].terms[j];
			const char *names[3] = { t->code, t->name, NULL };
			/* the English label: same term id in the "en" list */
			for (size_t x = 0; x < nen && !names[2]; x++)
				for (size_t y = 0; y < en[x].n_terms && !names[2]; y++)
					if (strcmp(en[x].terms[y].id, t->id) == 0)
						names[2] = en[x].terms[y].name;
			for (int m = 0; m < 3; m++) {
				if (!names[m])
					continue;
				norm(names[m], k, sizeof(k));
				out->v[out->n++] = (struct dir_import_term_key){ .taxonomy = tax[i].code,
										 .key = arena_strdup(a, k), .term = t };
			}
		}
	}
	return ST_OK;
}

/* The term of taxonomy code named by item: its code, German name or English label. */
static const struct dir_term *find_term(const struct dir_import_terms *terms, const char *taxonomy,
					const char *item)
{
	char k[256];
	norm(item, k, sizeof(k));
	for (size_t i = 0; i < terms->n; i++)
		if (strcmp(terms->v[i].key, k) == 0 && strcmp(terms->v[i].taxonomy, taxonomy) == 0)
			return terms->v[i].term;
	return NULL;
}

int dir_import_row_map(arena *a, const char *const val[IC__MAX], const struct dir_import_terms *terms,
		       struct dir_import_row *out, struct dir_import_problem *p, size_t max_p, size_t *n_p)
{
	struct row_problems prs = { .v = p, .max = max_p }, *pr = &prs;
	int bad[IC__MAX] = { 0 }; /* a cell refused already: no second problem about it */
	memset(out, 0, sizeof(*out));
	struct dir_service *sv = &out->sv;
	sv->minimum_age = sv->maximum_age = sv->capacity = -1;
	sv->status = "active";
	sv->delivery = "in_person";
	const char *txt[IC__MAX] = { 0 };
	for (int c = 0; c < IC__MAX; c++) {
		out->present[c] = val[c] != NULL;
		if (!val[c])
			continue;
		const char *why = NULL;
		int multiline = c == IC_DESCRIPTION || c == IC_COSTS || c == IC_APPLY || c == IC_ELIGIBILITY ||
				c == IC_TIMES;
		txt[c] = clean_text(a, val[c], cols[c].maxlen, multiline, &why);
		if (!txt[c]) {
			note(a, pr, why, cols[c].label, arena_printf(a, "%zu", cols[c].maxlen));
			bad[c] = 1;
		}
	}
	/* the offer: name, and (for new offers) the provider */
	if (!bad[IC_NAME] && (!txt[IC_NAME] || !*txt[IC_NAME]))
		FAIL(N_("{1} fehlt."), IC_NAME, NULL);
	sv->name = txt[IC_NAME] ? txt[IC_NAME] : "";
	if (txt[IC_ID] && *txt[IC_ID] && !dir_is_uuid(txt[IC_ID])) {
		FAIL(N_("{1} ist keine UUID: „{2}“"), IC_ID, txt[IC_ID]);
		bad[IC_ID] = 1;
	} else if (txt[IC_ID] && *txt[IC_ID]) {
		char *id = arena_strdup(a, txt[IC_ID]);
		for (char *s = id; *s; s++)
			if (*s >= 'A' && *s <= 'F')
				*s = (char)(*s - 'A' + 'a');
		out->id = id;
	}
	out->org = txt[IC_ORG] && *txt[IC_ORG] ? txt[IC_ORG] : NULL;
	if (!out->id && !out->org && !bad[IC_ORG] && !bad[IC_ID])
		FAIL(N_("{1} fehlt."), IC_ORG, NULL);
	sv->description = txt[IC_DESCRIPTION] ? txt[IC_DESCRIPTION] : "";
	sv->fees_description = txt[IC_COSTS] ? txt[IC_COSTS] : "";
	sv->application_process = txt[IC_APPLY] ? txt[IC_APPLY] : "";
	sv->eligibility_description = txt[IC_ELIGIBILITY] ? txt[IC_ELIGIBILITY] : "";
	sv->url = sv->email = "";

	if (txt[IC_STATUS] && *txt[IC_STATUS] &&
	    !(sv->status = pick(txt[IC_STATUS], statuses, NELEM(statuses)))) {
		FAIL(N_("{1} „{2}“ ist unbekannt; erlaubt sind aktiv, inaktiv, eingestellt und vorübergehend "
			"geschlossen."), IC_STATUS, txt[IC_STATUS]);
		sv->status = "active";
	}
	if (txt[IC_DELIVERY] && *txt[IC_DELIVERY] &&
	    !(sv->delivery = pick(txt[IC_DELIVERY], deliveries, NELEM(deliveries)))) {
		FAIL(N_("{1} „{2}“ ist unbekannt; erlaubt sind Präsenz, online und gemischt."), IC_DELIVERY,
		     txt[IC_DELIVERY]);
		sv->delivery = "in_person";
	}
	if (txt[IC_FREE] && *txt[IC_FREE]) {
		const char *yn = pick(txt[IC_FREE], yes_no, NELEM(yes_no));
		if (!yn)
			FAIL(N_("{1}: „{2}“ – bitte ja oder nein angeben."), IC_FREE, txt[IC_FREE]);
		else
			sv->free_of_charge = *yn == '1';
	}
	/* numbers */
	static const struct {
		enum dir_import_col c;
		long hi;
	} nums[] = { { IC_AGE_MIN, 120 }, { IC_AGE_MAX, 120 }, { IC_CAPACITY, 1000000 } };
	int *targets[] = { &sv->minimum_age, &sv->maximum_age, &sv->capacity };
	for (size_t i = 0; i < NELEM(nums); i++) {
		const char *v = txt[nums[i].c];
		if (!v || !*v)
			continue;
		int rc = parse_int(v, 0, nums[i].hi, targets[i]);
		if (rc == -1)
			FAIL(N_("{1} ist keine Zahl: „{2}“"), nums[i].c, v);
		else if (rc == -2)
			FAIL(nums[i].hi == 120 ? N_("{1} muss zwischen 0 und 120 liegen: „{2}“")
					       : N_("{1} ist zu groß: „{2}“"),
			     nums[i].c, v);
	}
	if (sv->minimum_age >= 0 && sv->maximum_age >= 0 && sv->minimum_age > sv->maximum_age)
		FAIL(N_("{1} ist größer als Alter bis."), IC_AGE_MIN, NULL);
	if (txt[IC_ASSURED] && *txt[IC_ASSURED] && !(sv->assured_date = parse_date(a, txt[IC_ASSURED])))
		FAIL(N_("{1} ist kein Datum (TT.MM.JJJJ oder JJJJ-MM-TT): „{2}“"), IC_ASSURED, txt[IC_ASSURED]);
	/* contact ways */
	if (txt[IC_EMAIL] && *txt[IC_EMAIL]) {
		if (!valid_email(txt[IC_EMAIL]))
			FAIL(N_("{1} ist keine gültige E-Mail-Adresse: „{2}“"), IC_EMAIL, txt[IC_EMAIL]);
		else
			sv->email = txt[IC_EMAIL];
	}
	if (txt[IC_WEBSITE] && *txt[IC_WEBSITE] && !(sv->url = clean_url(a, txt[IC_WEBSITE])))
		FAIL(N_("{1} ist keine Webadresse (http:// oder https://): „{2}“"), IC_WEBSITE, txt[IC_WEBSITE]);
	if (!sv->url)
		sv->url = "";
	if (txt[IC_PHONE] && *txt[IC_PHONE]) {
		const char *items[8];
		size_t n = 0;
		for (const char *s = txt[IC_PHONE]; *s && n < NELEM(items);) {
			const char *e = strchr(s, ';');
			size_t len = e ? (size_t)(e - s) : strlen(s);
			const char *it = arena_strndup(a, s, len);
			while (*it == ' ')
				it++;
			char *end = (char *)it + strlen(it);
			while (end > it && end[-1] == ' ')
				*--end = '\0';
			if (*it)
				items[n++] = it;
			s = e ? e + 1 : s + len;
		}
		sv->phones = arena_alloc(a, (n ? n : 1) * sizeof(*sv->phones));
		for (size_t i = 0; i < n; i++) {
			if (!valid_phone(items[i])) {
				FAIL(N_("{1} ist keine Telefonnummer: „{2}“"), IC_PHONE, items[i]);
				continue;
			}
			sv->phones[sv->n_phones++] = (struct dir_phone){ .number = items[i], .type = "voice" };
		}
	}
	if (txt[IC_CONTACT] && *txt[IC_CONTACT]) {
		sv->contacts = arena_alloc(a, sizeof(*sv->contacts));
		sv->contacts[0] = (struct dir_contact){ .name = txt[IC_CONTACT] };
		sv->n_contacts = 1;
	}
	if (txt[IC_TIMES] && *txt[IC_TIMES]) {
		sv->schedules = arena_alloc(a, sizeof(*sv->schedules));
		sv->schedules[0] = (struct dir_schedule){ .description = txt[IC_TIMES], .interval = -1 };
		sv->n_schedules = 1;
	}
	if (txt[IC_LANGUAGES])
		map_languages(a, txt[IC_LANGUAGES], sv, pr);
	/* terms of the taxonomies (Förderung also as funding sources) */
	size_t tcap = 0;
	for (int c = 0; c < IC__MAX; c++)
		if (cols[c].taxonomy && txt[c])
			tcap += MAX_ITEMS;
	sv->terms = arena_alloc(a, (tcap ? tcap : 1) * sizeof(*sv->terms));
	for (int c = 0; c < IC__MAX; c++) {
		if (!cols[c].taxonomy || !txt[c])
			continue;
		if (out->n_term_taxonomies < NELEM(out->term_taxonomies))
			out->term_taxonomies[out->n_term_taxonomies++] = cols[c].taxonomy;
		const char *items[MAX_ITEMS];
		size_t n = split(a, txt[c], 0, items, MAX_ITEMS);
		if (c == IC_FUNDING)
			sv->funding = arena_alloc(a, (n ? n : 1) * sizeof(*sv->funding));
		for (size_t i = 0; i < n; i++) {
			const struct dir_term *t = find_term(terms, cols[c].taxonomy, items[i]);
			if (!t) {
				FAIL(N_("{1} „{2}“ gibt es nicht (Code oder Name eines Begriffs angeben)."), c, items[i]);
				continue;
			}
			int dup = 0;
			for (size_t j = 0; j < sv->n_terms; j++)
				dup |= strcmp(sv->terms[j].id, t->id) == 0;
			if (dup)
				continue;
			sv->terms[sv->n_terms++] = *t;
			if (c == IC_FUNDING)
				sv->funding[sv->n_funding++] = t->name;
		}
	}
	/* the place */
	struct dir_location *l = &out->loc;
	out->street = txt[IC_STREET] ? txt[IC_STREET] : "";
	out->postcode = txt[IC_POSTCODE] ? txt[IC_POSTCODE] : "";
	out->city = txt[IC_CITY] ? txt[IC_CITY] : "";
	if (*out->postcode && !valid_postcode(out->postcode))
		FAIL(N_("{1} „{2}“ ist keine Postleitzahl."), IC_POSTCODE, out->postcode);
	int has_lat = txt[IC_LAT] && *txt[IC_LAT], has_lon = txt[IC_LON] && *txt[IC_LON];
	if (has_lat != has_lon && !bad[IC_LAT] && !bad[IC_LON])
		FAIL(N_("{1} und Längengrad gehören zusammen: bitte beide angeben oder keinen."), IC_LAT, NULL);
	if (has_lat && has_lon) {
		int rc = parse_coord(txt[IC_LAT], 90, &l->latitude);
		if (rc != 0)
			FAIL(rc == -1 ? N_("{1} ist keine Zahl: „{2}“") : N_("{1} liegt außerhalb des gültigen Bereichs: „{2}“"),
			     IC_LAT, txt[IC_LAT]);
		int rc2 = parse_coord(txt[IC_LON], 180, &l->longitude);
		if (rc2 != 0)
			FAIL(rc2 == -1 ? N_("{1} ist keine Zahl: „{2}“") : N_("{1} liegt außerhalb des gültigen Bereichs: „{2}“"),
			     IC_LON, txt[IC_LON]);
		l->has_coords = rc == 0 && rc2 == 0;
	}
	l->has_address = *out->street || *out->postcode || *out->city;
	if (l->has_address)
		l->address = (struct dir_address){ .address_1 = out->street, .postal_code = out->postcode,
						   .city = out->city, .country = "DE", .address_type = "physical" };
	l->location_type = "physical";
	*n_p = pr->n < pr->max ? pr->n : pr->max;
	return pr->n ? -1 : 0;
}
