/* static.h — the files under static/, compiled into the binary and
 * served with ETag and Cache-Control. Lookup is by exact name in the
 * embedded table, so no path can leave the folder. */
#ifndef LOTSE_STATIC_H
#define LOTSE_STATIC_H

#include "http/http.h"

/* Compute the ETags once, before the server starts. */
void static_init(void);

/* GET /static/{} — the named file, 304 when the client's copy is current. */
void static_handle(struct req *r, struct resp *w);

/* Serve the embedded file name (for /favicon.ico and friends). */
void static_serve(struct req *r, struct resp *w, const char *name);

#endif
