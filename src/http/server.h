/* server.h — the HTTP server: libmicrohttpd glue, limits, dispatch.
 *
 * server_run() starts a libmicrohttpd daemon with an internal thread pool
 * and epoll, turns each request into a struct req, routes it through the
 * table, checks its permission and calls the handler; it sets the
 * security headers on every response, logs one line per request, and
 * stops cleanly on SIGTERM or SIGINT. */
#ifndef LOTSE_SERVER_H
#define LOTSE_SERVER_H

#include "http/router.h"

#include <stddef.h>

struct server_config {
	const char *db_path;
	const char *listen;        /* "ADDR:PORT"; port 0 picks a free one */
	const char *base_url;      /* for canonical links; NULL = from listen */
	unsigned threads;          /* worker threads */
	size_t max_body;           /* bytes; larger bodies get 413 */
	unsigned timeout_s;        /* idle connection timeout */
	const struct route *routes;
	size_t nroutes;
	/* Render the page for an error status (404, 405, 413, 400, 403, 500, 503). */
	void (*error_page)(struct req *r, struct resp *w, int status);
	/* 0 to let the request through, or the status to answer instead. */
	int (*authorize)(struct req *r, const struct route *route);
};

/* Run until SIGTERM or SIGINT. Returns 0 after a clean stop, 1 when the
 * server could not start (a message is logged). */
int server_run(const struct server_config *cfg);


#endif
