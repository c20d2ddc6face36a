/* server.h — the HTTP server: libmicrohttpd glue, limits, dispatch.
 *
 * server_run() starts a libmicrohttpd daemon with an internal thread pool
 * and poll(2) (see server_launch for why not epoll), turns each request into a struct req, routes it through the
 * table, checks its permission and calls the handler; it sets the
 * security headers on every response, logs one line per request, and
 * stops cleanly on SIGTERM or SIGINT. */
#ifndef LOTSE_SERVER_H
#define LOTSE_SERVER_H

#include "http/router.h"

#include <stddef.h>

struct sockaddr;

/* The largest request body the server reads (10 MiB); larger ones get 413.
 * The spreadsheet upload is bounded by it too (its texts say "10 MB"). */
#define SERVER_MAX_BODY (10u << 20)

struct server_config {
	const char *db_path;
	const char *listen;        /* "ADDR:PORT"; port 0 picks a free one */
	const char *base_url;      /* for canonical links; NULL = from listen */
	unsigned threads;          /* worker threads */
	size_t max_body;           /* bytes; larger bodies get 413 (SERVER_MAX_BODY) */
	unsigned timeout_s;        /* idle connection timeout */
	const struct route *routes;
	size_t nroutes;
	/* Render the page for an error status (404, 405, 413, 400, 403, 500, 503). */
	void (*error_page)(struct req *r, struct resp *w, int status);
	/* Before each handler: 0 to let the request through; otherwise the
	 * hook has written the answer into w (a redirect or a refusal). NULL
	 * lets only PERM_PUBLIC routes through. */
	int (*authorize)(struct req *r, const struct route *route, struct resp *w);
	/* Does r's user pass perm? Asked without answering (req_may_get, for
	 * links); NULL: only PERM_PUBLIC. */
	int (*may)(const struct req *r, enum perm perm);
	int tls;                   /* served over TLS: cookies get Secure and __Host-, and HSTS */
	/* Addresses of reverse proxies (up to 8, separated by commas; NULL:
	 * none): from them X-Forwarded-For names the client (its right-most
	 * hop that is not one of them) and X-Forwarded-Proto: https means
	 * TLS. They are exempt from the per-address connection limit. */
	const char *trusted_proxy;
	/* Connections one address may hold open; 0: HTTP_GUARD_PER_ADDRESS (50). */
	unsigned conns_per_address;
	/* Seconds for a request's head, from the connection's opening or its
	 * previous answer, however slowly the bytes come; 0: 10 s. */
	unsigned head_timeout_s;
	/* One more origin images may come from (the CSP's img-src), e.g. the
	 * map tile server the operator configured; only letters, digits and
	 * ":/.-" are taken. NULL: only this site's. */
	const char *img_origin;
};

/* Run until SIGTERM or SIGINT. Returns 0 after a clean stop, 1 when the
 * server could not start (a message is logged). */
int server_run(const struct server_config *cfg);

/* The pieces server_run is made of, for programs that drive the server
 * themselves (the fuzz harness). (Not called server_start/server_stop: tests/http/harness.h uses those
 * names for the test's child-process server.)
 *
 * server_launch() starts the daemon and its worker threads and returns 0
 * with a handle in *out, or 1 after logging why it could not. cfg is
 * borrowed and must outlive the server. Signals are left alone: a caller
 * that wants them taken by one thread blocks them before starting (worker
 * threads inherit the mask). flags:
 *   SERVER_NO_LISTEN  open no socket (cfg->listen only names the server in
 *                     its base URL; NULL is allowed); connections come
 *                     only from server_add_connection()
 *
 * The workers wait with poll(2), not epoll: libmicrohttpd 0.9.75's
 * edge-triggered epoll mode loses events, so that (found by
 * tests/robust) a request whose query arguments overflow the connection's
 * memory pool, a body cut short by the client, or a client's half-close
 * after a keep-alive response got neither an answer nor a close until
 * the idle timeout. With poll the server answers or closes at once; at
 * this server's connection limit (1000, spread over the pool) poll costs
 * nothing measurable (bench/load.sh). */
enum {
	SERVER_NO_LISTEN = 1 << 0,
};
struct server_handle;
int server_launch(const struct server_config *cfg, unsigned flags, struct server_handle **out);

/* "http://ADDR:PORT" of the bound socket (or of cfg->listen with
 * SERVER_NO_LISTEN). Borrowed from the server. */
const char *server_base_url(const struct server_handle *s);

/* Hand a connected socket to the server, which owns it from then on
 * (also when this fails). Returns 0, or -1 when it was refused. */
int server_add_connection(struct server_handle *s, int fd, const struct sockaddr *addr,
			  unsigned addrlen);

/* Stop accepting, let running requests finish (up to 5 s), stop the
 * worker threads and free the server. NULL is allowed. */
void server_shutdown(struct server_handle *s);

#endif
