/* i18n.h — translations of UI strings.
 *
 * German is the source language: every UI string in the code is German
 * and is its own msgid. po/<lang>.po holds the translations, compiled
 * into the binary and loaded once at start (read-only afterwards, so any
 * thread may look up). */
#ifndef LOTSE_I18N_H
#define LOTSE_I18N_H

#include <stddef.h>

/* The languages the site speaks, NULL-terminated; the first is the source.
 * The public pages speak all of them; the staff area only the first
 * I18N_STAFF_LANGS (German and English). */
extern const char *const i18n_langs[];
#define I18N_STAFF_LANGS 2

/* The most plural forms a language has (Arabic: six). */
#define I18N_PLURALS_MAX 6

/* Load the embedded PO files. Returns 0, or -1 after logging a broken
 * file: one that does not parse, whose Plural-Forms header does not give
 * the number of forms of its language, or a plural entry with another
 * number of forms. Reads LOTSE_REVIEW_NOTE (see i18n_review_note). */
int i18n_init(void);
void i18n_free(void);

/* The translation of msgid into lang, or msgid itself. Borrowed, static. */
const char *i18n_get(const char *lang, const char *msgid);

/* Is lang one of i18n_langs? Returns the canonical static string or NULL. */
const char *i18n_lang(const char *lang);

/* The language's own name, written in itself ("Deutsch", "Türkçe",
 * "العربية"); an unknown language gives German's. */
const char *i18n_lang_name(const char *lang);

/* Is lang written right to left (Arabic, Farsi)? */
int i18n_rtl(const char *lang);

/* The language of a staff page for a visitor who chose lang: lang when it
 * is one of the first I18N_STAFF_LANGS, else German. */
const char *i18n_staff_lang(const char *lang);

/* Should a page in lang say that its translation has not been reviewed by
 * a native speaker? Nonzero when the PO file's header says
 * "X-Reviewed: no" (or says nothing), unless the network switched the
 * note off with LOTSE_REVIEW_NOTE=off. German never needs it. */
int i18n_review_note(const char *lang);

/* The plural form of n in lang: an index into the msgstr[] of a plural
 * entry, by the language's rule (the one its PO file's Plural-Forms
 * header names): German, English, Turkish: n != 1; Farsi: n > 1;
 * Russian, Ukrainian: three forms (1, 21 / 2-4, 22-24 / 0, 5-20, 11-14);
 * Arabic: six (0 / 1 / 2 / 3-10 / 11-99 / 100-102 ...). */
int i18n_plural(const char *lang, unsigned long n);
/* The number of plural forms of lang (1 to I18N_PLURALS_MAX). */
int i18n_nplurals(const char *lang);

/* The translation of the plural entry msgid / msgid_plural for the
 * number n: its form for n in lang, or German's (msgid for n == 1, else
 * msgid_plural) when lang has none. Borrowed, static. */
const char *i18n_nget(const char *lang, const char *msgid, const char *msgid_plural, unsigned long n);

/* Translate a UI string for a request. The xgettext keyword is T:2. */
#define T(r, msgid) i18n_get((r)->lang, (msgid))

/* The same for a text that depends on a number: TN(r, "{1} Angebot",
 * "{1} Angebote", n) picks the form of n by the language's plural rule
 * (fill {1} with the number afterwards). The keyword is TN:2,3. */
#define TN(r, msgid, msgid_plural, n) i18n_nget((r)->lang, (msgid), (msgid_plural), (n))

/* Mark a msgid for extraction where it is translated later (tables,
 * validator messages). The xgettext keyword is N_. */
#define N_(msgid) (msgid)

/* The same German word with two meanings ("Ort": a place, or the town of
 * an address) gets a context, as gettext's msgctxt: the PO entry has
 * msgctxt "Adresse" / msgid "Ort". German shows the msgid alone. */
#define I18N_CTX_SEP '\004'
#define TC(r, ctx, msgid) i18n_get((r)->lang, ctx "\004" msgid)
#define NC_(ctx, msgid) (ctx "\004" msgid)

/* Fill the placeholders {1}, {2}, ... of a translated template with the
 * string arguments (NULL-terminated). Unknown or missing placeholders
 * stay as they are. The result is plain text owned by a (escape it like
 * any other text). Translations never act as printf formats. */
struct arena;
char *i18n_fill(struct arena *a, const char *tmpl, ...) __attribute__((sentinel));

/* One parsed PO entry. A plural entry (msgid_plural) holds its first form
 * msgstr[0] in str and the others in plural[0..]: msgstr[k] is
 * plural[k - 1], NULL after the last. */
struct po_entry {
	char *id;
	char *str;
	char *id_plural;                    /* NULL for a singular entry */
	char *plural[I18N_PLURALS_MAX - 1];
};

/* Parse PO text. On success returns 0 and a malloc'd array in *out (free
 * with po_free) holding entries with a non-empty msgstr (every msgstr[k]
 * of a plural entry non-empty, numbered from 0 without gaps) that are not
 * fuzzy; the header entry is skipped. On a syntax error returns -1 with
 * "line N: reason" in err. */
int po_parse(const char *text, size_t len, struct po_entry **out, size_t *n, char *err, size_t errlen);
void po_free(struct po_entry *e, size_t n);

#endif
