/* i18n.h — translations of UI strings.
 *
 * German is the source language: every UI string in the code is German
 * and is its own msgid. po/<lang>.po holds the translations, compiled
 * into the binary and loaded once at start (read-only afterwards, so any
 * thread may look up). */
#ifndef LOTSE_I18N_H
#define LOTSE_I18N_H

#include <stddef.h>

/* The languages the site speaks, NULL-terminated; the first is the source. */
extern const char *const i18n_langs[];

/* Load the embedded PO files. Returns 0, or -1 after logging a broken file. */
int i18n_init(void);
void i18n_free(void);

/* The translation of msgid into lang, or msgid itself. Borrowed, static. */
const char *i18n_get(const char *lang, const char *msgid);

/* Is lang one of i18n_langs? Returns the canonical static string or NULL. */
const char *i18n_lang(const char *lang);

/* The language's own name ("Deutsch", "English"). */
const char *i18n_lang_name(const char *lang);

/* Translate a UI string for a request. The xgettext keyword is T:2. */
#define T(r, msgid) i18n_get((r)->lang, (msgid))

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

/* One parsed PO entry. */
struct po_entry {
	char *id;
	char *str;
};

/* Parse PO text. On success returns 0 and a malloc'd array in *out (free
 * with po_free) holding entries with a non-empty msgstr that are not
 * fuzzy; the header entry is skipped. On a syntax error returns -1 with
 * "line N: reason" in err. */
int po_parse(const char *text, size_t len, struct po_entry **out, size_t *n, char *err, size_t errlen);
void po_free(struct po_entry *e, size_t n);

#endif
