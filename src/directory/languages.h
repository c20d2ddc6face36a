/* languages.h — names of the languages offers are given in (ISO 639
 * codes), in the reader's language, for pages, filters and the demo data;
 * and the code of a language a person names. */
#ifndef LOTSE_DIR_LANGUAGES_H
#define LOTSE_DIR_LANGUAGES_H

#include <stddef.h>

/* The name of the language with ISO 639-1 or -3 code (any case) in the
 * reader's language ui_lang (its translation in po/, German when there is
 * none), or NULL when the code is not in the table. Static strings. */
const char *dir_language_name(const char *code, const char *ui_lang);

/* The code (static) of the language named by the n bytes at s: its code,
 * its German name, its name in ui_lang, its English name or another
 * common name ("Farsi", "DGS"), case ignored; NULL when the table does
 * not know it. */
const char *dir_language_code(const char *s, size_t n, const char *ui_lang);

#endif
