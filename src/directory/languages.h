/* languages.h — names of the languages offers are given in (ISO 639
 * codes), in the reader's language, for pages, filters and the demo data. */
#ifndef LOTSE_DIR_LANGUAGES_H
#define LOTSE_DIR_LANGUAGES_H

/* The name of the language with ISO 639-1 or -3 code (any case) in the
 * reader's language ui_lang (its translation in po/, German when there is
 * none), or NULL when the code is not in the table. Static strings. */
const char *dir_language_name(const char *code, const char *ui_lang);

#endif
