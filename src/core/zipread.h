/* zipread.h — one member of a zip archive (an OOXML or OpenDocument file:
 * .docx, .odt, .xlsx) read into memory, with a limit, for the readers of
 * uploaded office files (interviews' documents, surveys' XLSForm). */
#ifndef LOTSE_CORE_ZIPREAD_H
#define LOTSE_CORE_ZIPREAD_H

#include <stddef.h>
#include <zip.h>

/* The member name (case-insensitive) of z, NUL-terminated, when it holds
 * at most max bytes (compressed text can be far bigger than the archive).
 * NULL when missing, unreadable or too big (then *toobig is set); the
 * caller frees it. */
char *zipread_member(zip_t *z, const char *name, size_t max, size_t *len, int *toobig);

#endif
