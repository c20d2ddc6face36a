/* http.h — a request and its response as handlers see them.
 *
 * The server (server.c) fills a struct req from libmicrohttpd, matches a
 * route, checks its permission, and calls the handler, which fills a
 * struct resp. All strings in a req are owned by its arena (req->a) and
 * live until the request completes. */
#ifndef LOTSE_HTTP_H
#define LOTSE_HTTP_H

#include "core/arena.h"
#include "core/buf.h"

#include <stddef.h>

struct store;
struct auth_user;
struct sockaddr;

enum http_method {
	HTTP_GET = 1,
	HTTP_HEAD = 2,
	HTTP_POST = 4,
};

/* An ordered list of name/value pairs (query, form fields, cookies).
 * Names may repeat; values are NUL-terminated and owned by the arena. */
struct kv {
	const char *key;
	char *val;
	size_t len; /* bytes in val, which may contain NUL in binary uploads */
	const char *filename; /* a file part's name as the browser sent it, or NULL */
};

struct kvlist {
	struct kv *items;
	size_t n, cap;
};

/* Append a pair (key and value copied into a). */
void kv_add(arena *a, struct kvlist *l, const char *key, const char *val, size_t len);
/* The first value for key, or NULL. Borrowed from the list. */
const char *kv_get(const struct kvlist *l, const char *key);
/* How many pairs carry key. */
size_t kv_count(const struct kvlist *l, const char *key);

#define HTTP_MAX_PARAMS 4

struct req {
	arena *a;
	enum http_method method;
	const char *path;          /* decoded path, without query string */
	const char *target;        /* raw request target as received; never logged */
	struct kvlist query;       /* parsed query string */
	struct kvlist form;        /* parsed urlencoded or multipart body (POST) */
	struct kvlist cookies;
	const char *params[HTTP_MAX_PARAMS]; /* route placeholders, in order */
	size_t nparams;
	const char *lang;          /* "de" or "en"; chosen per request */
	const char *client;        /* client address as text; for rate limits, never logged */
	struct store *db;          /* this worker thread's database connection */
	const char *base_url;      /* e.g. "http://127.0.0.1:8080", no trailing slash */
	int secure;                /* served over TLS (directly or via a trusted proxy) */
	const struct auth_user *user; /* the signed-in user, or NULL (set by auth_authorize) */
	const char *user_email;    /* and their e-mail address, for the page header */
	const char *csrf;          /* the CSRF token for this request's forms, once known */
	void *conn_;               /* private: the libmicrohttpd connection */
	unsigned long long serial; /* this request's number in the server (from 1), for a cache that
				      looks once a request whether it is still true; 0: unknown (look) */
};

/* A request header's value, or NULL. Borrowed from the connection. */
const char *req_header(const struct req *r, const char *name);

struct resp {
	int status;
	const char *content_type;   /* default "text/html; charset=utf-8" */
	buf body;
	struct kvlist headers;      /* extra headers */
	int no_store;               /* Cache-Control: no-store */
};

/* Add a response header (copied into the request arena). */
void resp_header(struct req *r, struct resp *w, const char *name, const char *value);
/* The status of a request whose store work failed — the one rule, for
 * every handler, HTML or JSON:
 *   - the database was busy or locked (another connection, e.g. an
 *     import, held it longer than the busy timeout: store_failed_busy):
 *     503 Service Unavailable with Retry-After: 5, since it passes;
 *   - any other failure (a broken query, a full disk, a corrupt file):
 *     500 Internal Server Error, since trying again will not help.
 * (The server itself answers 503 when it cannot open the database at all.)
 * Sets w->status (and the header) and returns the status for the page. */
int resp_store_failed(struct req *r, struct resp *w);
/* 303 See Other to a local path (must start with '/'). */
void resp_redirect(struct req *r, struct resp *w, const char *path);
/* Set a cookie: HttpOnly; SameSite=Lax; Path=/ (+ Secure over TLS); max_age
 * seconds, 0 for a browser-session cookie, negative to delete it. */
void resp_cookie(struct req *r, struct resp *w, const char *name, const char *value, long max_age);

typedef void (*http_handler)(struct req *r, struct resp *w);

/* Parsers (pure functions, also used by the fuzz targets). */

/* Parse application/x-www-form-urlencoded text (a query string or a body)
 * into l: '+' is a space, %XX decoded; pairs without '=' get "". Pairs
 * whose key is empty are skipped. Returns 0, or -1 when more than
 * max_pairs pairs were seen (the rest are ignored). */
int http_parse_urlencoded(arena *a, const char *s, size_t len, struct kvlist *l, size_t max_pairs);

/* Parse a Cookie header ("a=1; b=2") into l. Values are taken as they
 * are (no decoding); surrounding quotes are removed. Returns 0 or -1 as
 * above. */
int http_parse_cookies(arena *a, const char *header, struct kvlist *l, size_t max_pairs);

/* Pick the first language in an Accept-Language header that is in
 * supported (a NULL-terminated list), honouring q-values; NULL if none. */
const char *http_pick_language(const char *header, const char *const *supported);

/* Decode %XX in place; returns the new length. '+' is decoded to ' ' if
 * plus_is_space. Invalid escapes are kept as they are. */
size_t http_url_decode(char *s, size_t len, int plus_is_space);

/* An IP address in binary; an IPv4-mapped IPv6 address (::ffff:a.b.c.d)
 * is held as the IPv4 address, so both spellings are one client. */
struct http_addr {
	int family;            /* AF_INET or AF_INET6 */
	unsigned char b[16];   /* 4 or 16 bytes in network order */
};

/* Parse one address of len bytes: "203.0.113.7", "2001:db8::7" or
 * "[2001:db8::7]", optionally followed by ":PORT" (IPv4, brackets), with
 * no spaces. Returns 0, or -1 when it is not an address. */
int http_addr_parse(const char *s, size_t len, struct http_addr *out);
/* The address of a socket (AF_INET or AF_INET6); -1 for other kinds. */
int http_addr_from_sockaddr(const struct sockaddr *sa, struct http_addr *out);
/* The usual text of a, into out (at least HTTP_ADDR_TEXT bytes). */
#define HTTP_ADDR_TEXT 46
void http_addr_text(const struct http_addr *a, char *out);
/* Are a and b the same address? */
int http_addr_equal(const struct http_addr *a, const struct http_addr *b);
/* Is a one of list[0..n)? */
int http_addr_in(const struct http_addr *a, const struct http_addr *list, size_t n);
/* Parse a list of addresses separated by commas or spaces into out (at
 * most max). Returns the number, or -1 when an item is not an address
 * or there are more than max. */
int http_addr_list_parse(const char *s, struct http_addr *out, size_t max);

/* The client behind trusted proxies, from X-Forwarded-For: xff is the
 * header's value (several headers joined by ", " in their order), each
 * proxy having appended the address it was connected from. Walking from
 * the right, the hops that are trusted[0..ntrusted) are skipped; the
 * first that is not is the client, since everything left of it was
 * written by the client itself and may be made up. Returns 0 with it in
 * *out, or -1 when there is no such hop or it is not an address (the
 * caller then keeps the socket's address). */
int http_forwarded_client(const char *xff, const struct http_addr *trusted, size_t ntrusted,
			  struct http_addr *out);

#endif
