/* routes.h — the application's route table (defined in routes.c). */
#ifndef LOTSE_ROUTES_H
#define LOTSE_ROUTES_H

#include "html/html.h"
#include "http/router.h"

extern const struct route app_routes[];
extern const size_t app_routes_count;

/* The server's permission hook (see struct server_config). */
int app_authorize(struct req *r, const struct route *route, struct resp *w);

/* What waits for the user, on every staff page but the dashboard (the
 * layout's staff notice hook, #12). */
void app_staff_notice(html *h, struct req *r);

#endif
