/* cp1252.h — Windows-1252 bytes as UTF-8 text (transcripts saved by
 * Word as "Text only", old spreadsheets). */
#ifndef LOTSE_CP1252_H
#define LOTSE_CP1252_H

#include "core/arena.h"

#include <stddef.h>

/* s[0..len) read as Windows-1252, as UTF-8 (NUL-terminated, owned by a);
 * *out_len gets its length in bytes. The five bytes Windows-1252 leaves
 * undefined (0x81 0x8D 0x8F 0x90 0x9D) become their C1 controls. */
char *cp1252_to_utf8(arena *a, const char *s, size_t len, size_t *out_len);

#endif
