/* guard.h — the connections' guard: how many connections one client
 * address may hold open at once, and the deadline for a request's head.
 *
 * A client that opens many connections and sends a byte every few
 * seconds on each (slowloris) keeps libmicrohttpd's idle timeout from
 * ever firing and fills the server's connection limit, so that nobody
 * else gets in. The guard refuses a connection over the per-address
 * limit as it opens, and a watchdog thread shuts the socket of a
 * connection whose request head is not complete within the deadline,
 * counted from its opening or from its previous answer (so it also
 * bounds how long an idle keep-alive connection stays open); bytes that
 * trickle in do not extend it.
 *
 * Used by server.c only: http_guard_open/_close from libmicrohttpd's
 * connection notification, _head_done when a request's head is
 * complete, _head_wait when an answer is done and the next head is
 * awaited. */
#ifndef LOTSE_HTTP_GUARD_H
#define LOTSE_HTTP_GUARD_H

#include "http/http.h"

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

/* Connections one address may hold open (LOTSE_CONNECTIONS_PER_ADDRESS). */
#define HTTP_GUARD_PER_ADDRESS 50
/* Seconds for a request's head (LOTSE_HEAD_TIMEOUT). */
#define HTTP_GUARD_HEAD_TIMEOUT 10

struct http_guard;

/* One connection, as the guard sees it; lives in the server's state of
 * the connection, zeroed before http_guard_open. */
struct http_guard_conn {
	struct http_guard_conn *prev, *next;
	struct http_addr addr;
	int fd;
	int linked;               /* counted and watched (between _open and _close) */
	atomic_llong head_since;  /* monotonic µs the head is awaited since; 0: not awaited */
	atomic_int cut;           /* refused or shut by the guard: serve nothing on it */
};

/* A guard allowing per_address connections to each address but those in
 * exempt[0..nexempt) (the trusted proxies, whose socket address is every
 * client's; copied), and head_timeout_s seconds for a head. Starts the
 * watchdog thread. Returns NULL after logging why it could not. */
struct http_guard *http_guard_new(unsigned per_address, unsigned head_timeout_s,
				  const struct http_addr *exempt, size_t nexempt);
/* Stop the watchdog and free the guard (after the server stopped: no
 * connection may be open). NULL is allowed. */
void http_guard_free(struct http_guard *g);

/* A connection from addr on socket fd opened. Returns 0 when it may stay
 * (it is counted and watched until http_guard_close), or -1 when its
 * address holds too many already: then its socket has been shut down and
 * gc->cut is set, and the server must serve nothing on it. */
int http_guard_open(struct http_guard *g, struct http_guard_conn *gc, const struct http_addr *addr,
		    int fd);
/* The connection closes (before its socket is closed). Safe to call for
 * one that was refused. */
void http_guard_close(struct http_guard *g, struct http_guard_conn *gc);
/* Its request head is complete: the deadline stops. Returns -1 when the
 * guard has already cut the connection (serve nothing), else 0. */
int http_guard_head_done(struct http_guard_conn *gc);
/* An answer is done: the next head is awaited from now. */
void http_guard_head_wait(struct http_guard_conn *gc);

#endif
