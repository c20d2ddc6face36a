/* routes.h — the application's route table (defined in routes.c). */
#ifndef LOTSE_ROUTES_H
#define LOTSE_ROUTES_H

#include "http/router.h"

extern const struct route app_routes[];
extern const size_t app_routes_count;

/* The server's permission hook (see struct server_config). */
int app_authorize(struct req *r, const struct route *route, struct resp *w);

#endif
