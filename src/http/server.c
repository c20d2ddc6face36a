/* server.c — libmicrohttpd glue: request context, body limits, dispatch,
 * security headers, request log, the client's address, per-thread
 * database, clean shutdown. */
#include "http/server.h"
#include "core/core.h"
#include "core/i18n.h"
#include "core/log.h"
#include "http/form.h"
#include "http/guard.h"
#include "store/store.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define MAX_FIELDS 1000
#define MAX_COOKIES 50
#define MAX_PROXIES 8

/* A running server: the daemon and what its callbacks share. */
struct server_handle {
	const struct server_config *cfg;
	struct MHD_Daemon *d;
	pthread_key_t store_key;   /* each worker thread's database */
	atomic_long in_flight;     /* requests between on_uri and on_completed */
	atomic_ullong requests;    /* requests begun, the last one's serial */
	char base_url[128];        /* from the bound address when not configured */
	struct http_addr proxies[MAX_PROXIES]; /* cfg->trusted_proxy, parsed */
	size_t nproxies;
	struct http_guard *guard;  /* per-address limit, head deadline */
	struct store_checkpointer *ckpt; /* the workers' connections leave checkpoints to it */
	char csp[512];             /* the Content-Security-Policy, with cfg->img_origin */
};

/* Per connection: the request context on_uri made that is not yet freed,
 * and the guard's view of the connection. */
struct conn_state {
	struct ctx *open;
	struct http_guard_conn gc;
};

/* Per-request state, created in the URI callback and freed when the
 * request completes (or, failing that, when its connection closes). */
struct ctx {
	struct server_handle *srv;
	struct conn_state *cs;
	struct req r;
	struct resp w;
	struct MHD_PostProcessor *pp;
	buf field;              /* the form field being received */
	char *field_key;
	char *field_filename;   /* its file name, for a file part */
	size_t nfields;
	size_t body_bytes;
	int started;
	int too_large;
	int bad_body;
	int bad_request;        /* 400, then close the connection */
	int64_t start_us;
	const char *method_name;
	const char *forwarded;  /* X-Forwarded-For (from a trusted proxy only) */
};

/* ---- the worker thread's database ---- */

static void store_destroy(void *p)
{
	store_close(p);
}

static struct store *thread_store(struct server_handle *srv)
{
	struct store *s = pthread_getspecific(srv->store_key);
	if (s)
		return s;
	char err[300];
	if (store_open(srv->cfg->db_path, STORE_EXISTING, &s, err, sizeof(err)) != ST_OK) {
		log_error("%s", err);
		return NULL;
	}
	if (srv->ckpt)
		store_no_checkpoints(s);
	pthread_setspecific(srv->store_key, s);
	return s;
}

/* ---- struct req and struct resp helpers ---- */

const char *req_header(const struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn_, MHD_HEADER_KIND, name);
}

void resp_header(struct req *r, struct resp *w, const char *name, const char *value)
{
	kv_add(r->a, &w->headers, name, value, strlen(value));
}

int resp_store_failed(struct req *r, struct resp *w)
{
	if (store_failed_busy()) {
		w->status = 503;
		resp_header(r, w, "Retry-After", "5");
	} else {
		w->status = 500;
	}
	return w->status;
}

void resp_redirect(struct req *r, struct resp *w, const char *path)
{
	w->status = 303;
	resp_header(r, w, "Location", path[0] == '/' && path[1] != '/' ? path : "/");
}

void resp_cookie(struct req *r, struct resp *w, const char *name, const char *value, long max_age)
{
	const char *age = max_age > 0 ? arena_printf(r->a, "; Max-Age=%ld", max_age)
			: max_age < 0 ? "; Max-Age=0" : "";
	resp_header(r, w, "Set-Cookie",
		    arena_printf(r->a, "%s=%s; Path=/%s; HttpOnly; SameSite=Lax%s", name, value, age,
				 r->secure ? "; Secure" : ""));
}

/* ---- body parsing ---- */

static void field_flush(struct ctx *c)
{
	if (!c->field_key)
		return;
	if (c->field.err)
		c->too_large = 1;
	else {
		kv_add(c->r.a, &c->r.form, c->field_key, buf_str(&c->field), c->field.len);
		c->r.form.items[c->r.form.n - 1].filename = c->field_filename;
	}
	c->field_key = NULL;
	c->field_filename = NULL;
	buf_reset(&c->field);
}

static enum MHD_Result post_iter(void *cls, enum MHD_ValueKind kind, const char *key,
				 const char *filename, const char *content_type,
				 const char *transfer_encoding, const char *data, uint64_t off,
				 size_t size)
{
	(void)kind, (void)content_type, (void)transfer_encoding;
	struct ctx *c = cls;
	if (!key) {
		/* libmicrohttpd passes no name for a multipart part whose
		 * Content-Disposition has none (or a broken one). */
		c->bad_body = 1;
		return MHD_NO;
	}
	if (off == 0 || !c->field_key || strcmp(c->field_key, key) != 0) {
		field_flush(c);
		if (++c->nfields > MAX_FIELDS) {
			c->bad_body = 1;
			return MHD_NO;
		}
		c->field_key = arena_strdup(c->r.a, key);
		c->field_filename = filename ? arena_strdup(c->r.a, filename) : NULL;
	}
	buf_append(&c->field, data, size);
	return MHD_YES;
}

/* ---- responses ---- */

/* The one place that sets the headers every response carries. HSTS only
 * when the request came over TLS (LOTSE_TLS, or a trusted proxy's
 * X-Forwarded-Proto: https): over plain HTTP the header means nothing
 * (RFC 6797 §8.1) and would tell a browser that reached lotse by mistake
 * nothing true. Without includeSubDomains: lotse does not know the other
 * hosts under its domain, which may still serve plain HTTP. */
static void security_headers(struct MHD_Response *mr, int secure, const char *csp)
{
	if (secure)
		MHD_add_response_header(mr, "Strict-Transport-Security", "max-age=31536000");
	MHD_add_response_header(mr, "Content-Security-Policy", csp);
	MHD_add_response_header(mr, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(mr, "Referrer-Policy", "same-origin");
	MHD_add_response_header(mr, "X-Frame-Options", "DENY");
	MHD_add_response_header(mr, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(mr, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

static enum MHD_Result send_response(struct MHD_Connection *conn, struct ctx *c)
{
	struct resp *w = &c->w;
	struct MHD_Response *mr;
	if (w->body.err) {
		log_error("response body too large for %s", c->r.path);
		buf_reset(&w->body);
		w->status = 500;
	}
	size_t len = w->body.len;
	char *data = w->body.data;
	w->body.data = NULL; /* MHD frees it */
	buf_free(&w->body);
	mr = MHD_create_response_from_buffer(len, data ? data : (char *)"",
					     data ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	if (!mr) {
		free(data);
		return MHD_NO;
	}
	security_headers(mr, c->r.secure, c->srv->csp);
	MHD_add_response_header(mr, "Content-Type",
				w->content_type ? w->content_type : "text/html; charset=utf-8");
	if (w->no_store)
		MHD_add_response_header(mr, "Cache-Control", "no-store");
	for (size_t i = 0; i < w->headers.n; i++)
		MHD_add_response_header(mr, w->headers.items[i].key, w->headers.items[i].val);
	if (c->bad_request)
		MHD_add_response_header(mr, "Connection", "close");
	enum MHD_Result ret = MHD_queue_response(conn, (unsigned)w->status, mr);
	MHD_destroy_response(mr);
	return ret;
}

static void error_response(struct ctx *c, int status)
{
	buf_reset(&c->w.body);
	c->w.status = status;
	c->w.content_type = NULL;
	if (c->srv->cfg->error_page)
		c->srv->cfg->error_page(&c->r, &c->w, status);
}

/* ---- dispatch ---- */

static void choose_language(struct ctx *c)
{
	struct req *r = &c->r;
	/* ?lang=, declared like every input: one of the languages */
	static const struct field lang_query[] = {
		{ "lang", FIELD_CHOICE, 0, 8, 0, 0, i18n_langs },
	};
	struct form f;
	form_validate(r, &r->query, lang_query, NELEM(lang_query), &f);
	const char *q = f.err[0] ? NULL : i18n_lang(f.val[0]);
	if (q) {
		r->lang = q;
		resp_cookie(r, &c->w, "lang", q, 365L * 24 * 3600);
		return;
	}
	const char *ck = i18n_lang(kv_get(&r->cookies, "lang"));
	if (ck) {
		r->lang = ck;
		return;
	}
	const char *al = http_pick_language(req_header(r, "Accept-Language"), i18n_langs);
	r->lang = al ? al : i18n_langs[0];
}

static void dispatch(struct ctx *c)
{
	const struct server_config *cfg = c->srv->cfg;
	struct req *r = &c->r;
	struct resp *w = &c->w;
	const char *cookie = req_header(r, "Cookie");
	if (cookie)
		http_parse_cookies(r->a, cookie, &r->cookies, MAX_COOKIES);
	choose_language(c);
	/* A request carrying a cookie or a form must not be cached by others. */
	if (c->bad_body || c->bad_request) {
		error_response(c, 400);
		return;
	}
	if (c->too_large) {
		error_response(c, 413);
		return;
	}
	const struct route *route = NULL;
	unsigned allowed = 0;
	enum route_match m = router_match(r->a, cfg->routes, cfg->nroutes, r->method, r->path,
					  &route, r->params, &r->nparams, &allowed);
	if (m == ROUTE_NOT_FOUND) {
		/* the page's navigation asks which pages exist (NULL: it links fewer) */
		r->db = thread_store(c->srv);
		error_response(c, 404);
		return;
	}
	if (m == ROUTE_BAD_METHOD) {
		error_response(c, 405);
		const char *allow = (allowed & HTTP_GET) && (allowed & HTTP_POST) ? "GET, HEAD, POST"
				    : (allowed & HTTP_GET) ? "GET, HEAD" : "POST";
		resp_header(r, w, "Allow", allow);
		return;
	}
	if (route->perm == PERM_UNDECLARED || route->csrf == CSRF_UNDECLARED) {
		log_error("route %s has no declared permission or CSRF need", route->pattern);
		error_response(c, 404);
		return;
	}
	r->db = thread_store(c->srv);
	if (!r->db) {
		error_response(c, 503);
		return;
	}
	/* the staff area speaks German and English only */
	if (route->perm != PERM_PUBLIC)
		r->lang = i18n_staff_lang(r->lang);
	w->status = 200;
	store_failure_clear(); /* resp_store_failed asks about this request's only */
	if (cfg->authorize ? cfg->authorize(r, route, w) != 0 : route->perm != PERM_PUBLIC) {
		if (!cfg->authorize)
			error_response(c, 404); /* deny by default */
		return; /* the hook wrote the answer (redirect or refusal) */
	}
	route->handler(r, w);
}

static enum http_method parse_method(const char *m)
{
	if (strcmp(m, MHD_HTTP_METHOD_GET) == 0)
		return HTTP_GET;
	if (strcmp(m, MHD_HTTP_METHOD_HEAD) == 0)
		return HTTP_HEAD;
	if (strcmp(m, MHD_HTTP_METHOD_POST) == 0)
		return HTTP_POST;
	return 0;
}

static int has_prefix_ci(const char *s, const char *prefix)
{
	return s && strncasecmp(s, prefix, strlen(prefix)) == 0;
}

struct framing {
	const char *cl;  /* the first Content-Length */
	int cl_differs;  /* another Content-Length with a different value */
	int te;          /* Transfer-Encoding present */
};

static enum MHD_Result framing_header(void *cls, enum MHD_ValueKind kind, const char *key,
				      const char *value)
{
	(void)kind;
	struct framing *f = cls;
	if (strcasecmp(key, "Content-Length") == 0) {
		if (!f->cl)
			f->cl = value ? value : "";
		else if (strcmp(f->cl, value ? value : "") != 0)
			f->cl_differs = 1;
	} else if (strcasecmp(key, "Transfer-Encoding") == 0) {
		f->te = 1;
	}
	return MHD_YES;
}

/* Requests whose meaning libmicrohttpd would guess at: a body length
 * given twice with different values, or both Content-Length and
 * Transfer-Encoding (RFC 9112 §6.1, §6.3: a proxy in front may frame the
 * body differently, which is how requests are smuggled); and a path with
 * %00, which libmicrohttpd decodes and hands over as a C string, so that
 * "/kontakt%00.css" would be served as "/kontakt". */
static int ambiguous_request(struct MHD_Connection *conn, const char *target)
{
	struct framing f = { 0 };
	MHD_get_connection_values(conn, MHD_HEADER_KIND, framing_header, &f);
	if (f.cl_differs || (f.cl && f.te))
		return 1;
	size_t plen = target ? strcspn(target, "?") : 0;
	return plen && memmem(target, plen, "%00", 3) != NULL;
}

/* X-Forwarded-For, every header of that name in their order, joined by ", ". */
static enum MHD_Result join_forwarded(void *cls, enum MHD_ValueKind kind, const char *key,
				      const char *value)
{
	(void)kind;
	struct ctx *c = cls;
	if (strcasecmp(key, "X-Forwarded-For") == 0 && value) {
		const char *prev = c->forwarded;
		c->forwarded = prev ? arena_printf(c->r.a, "%s, %s", prev, value)
				    : arena_strdup(c->r.a, value);
	}
	return MHD_YES;
}

/* r->client and r->secure. The socket's address, unless it is a trusted
 * proxy's: then the client is the right-most hop of X-Forwarded-For that
 * is not a trusted proxy (left of it the client writes what it likes),
 * and X-Forwarded-Proto says whether the client used TLS. From any other
 * socket both headers are ignored. */
static void client_of(struct MHD_Connection *conn, struct ctx *c)
{
	struct server_handle *srv = c->srv;
	struct req *r = &c->r;
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	struct http_addr sock, client;
	char text[HTTP_ADDR_TEXT] = "?";
	int known = ci && http_addr_from_sockaddr(ci->client_addr, &sock) == 0;
	int via_proxy = known && http_addr_in(&sock, srv->proxies, srv->nproxies);
	r->secure = srv->cfg->tls;
	if (via_proxy) {
		if (!r->secure) {
			const char *proto =
				MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-Proto");
			r->secure = proto && strcmp(proto, "https") == 0;
		}
		MHD_get_connection_values(conn, MHD_HEADER_KIND, join_forwarded, c);
		if (http_forwarded_client(c->forwarded, srv->proxies, srv->nproxies, &client) == 0)
			sock = client;
	}
	if (known)
		http_addr_text(&sock, text);
	r->client = arena_strdup(r->a, text);
}

static enum MHD_Result first_call(struct MHD_Connection *conn, struct ctx *c, const char *url,
				  const char *method)
{
	const struct server_config *cfg = c->srv->cfg;
	struct req *r = &c->r;
	/* the guard cut the connection while its head came in: serve nothing */
	if (c->cs && http_guard_head_done(&c->cs->gc) != 0)
		return MHD_NO;
	c->started = 1;
	c->method_name = arena_strdup(r->a, method);
	r->method = parse_method(method);
	r->path = arena_strdup(r->a, url);
	r->conn_ = conn;
	r->base_url = cfg->base_url ? cfg->base_url : c->srv->base_url;
	client_of(conn, c);
	const char *qs = r->target ? strchr(r->target, '?') : NULL;
	if (qs)
		http_parse_urlencoded(r->a, qs + 1, strlen(qs + 1), &r->query, MAX_FIELDS);

	if (ambiguous_request(conn, r->target)) {
		c->bad_request = 1;
		return MHD_YES; /* the body is read and dropped; the answer is 400 */
	}
	const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
	if (cl && strtoull(cl, NULL, 10) > cfg->max_body) {
		c->too_large = 1;
		return MHD_YES;
	}
	if (r->method == HTTP_POST) {
		const char *ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
		if (has_prefix_ci(ct, "application/x-www-form-urlencoded") ||
		    has_prefix_ci(ct, "multipart/form-data")) {
			c->pp = MHD_create_post_processor(conn, 16 * 1024, post_iter, c);
			if (!c->pp)
				c->bad_body = 1;
		} else if (ct) {
			c->bad_body = 1;
		}
	}
	return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_data_size, void **req_cls)
{
	(void)cls, (void)version;
	struct ctx *c = *req_cls;
	if (!c)
		return MHD_NO; /* the URI callback always makes one */
	if (!c->started)
		return first_call(conn, c, url, method);
	if (*upload_data_size > 0) {
		size_t n = *upload_data_size;
		*upload_data_size = 0;
		c->body_bytes += n;
		if (c->body_bytes > c->srv->cfg->max_body)
			c->too_large = 1;
		if (c->too_large || c->bad_body)
			return MHD_YES; /* drain and discard */
		if (c->pp && MHD_post_process(c->pp, upload_data, n) != MHD_YES)
			c->bad_body = 1;
		return MHD_YES;
	}
	if (c->pp) {
		if (MHD_destroy_post_processor(c->pp) != MHD_YES)
			c->bad_body = 1;
		c->pp = NULL;
	}
	field_flush(c);
	dispatch(c);
	return send_response(conn, c);
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct server_handle *srv = cls;
	struct ctx *c = xcalloc(1, sizeof(*c));
	c->srv = srv;
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	c->cs = ci ? ci->socket_context : NULL;
	if (c->cs)
		c->cs->open = c;
	c->r.a = arena_new();
	c->r.serial = (unsigned long long)atomic_fetch_add(&srv->requests, 1) + 1;
	c->r.target = arena_strdup(c->r.a, uri);
	c->start_us = core_mono_us();
	buf_init(&c->field, srv->cfg->max_body);
	buf_init(&c->w.body, 64u << 20);
	atomic_fetch_add(&srv->in_flight, 1);
	return c;
}

static void ctx_finish(struct ctx *c, enum MHD_RequestTerminationCode toe)
{
	struct server_handle *srv = c->srv;
	if (c->cs && c->cs->open == c)
		c->cs->open = NULL;
	if (c->started)
		log_request(c->method_name, c->r.path, c->w.status, (long long)(core_mono_us() - c->start_us),
			    toe != MHD_REQUEST_TERMINATED_COMPLETED_OK);
	if (c->pp)
		MHD_destroy_post_processor(c->pp);
	buf_free(&c->field);
	buf_free(&c->w.body);
	arena_free(c->r.a);
	free(c);
	atomic_fetch_sub(&srv->in_flight, 1);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)cls, (void)conn;
	struct ctx *c = *req_cls;
	if (!c)
		return;
	if (c->cs)
		http_guard_head_wait(&c->cs->gc); /* a keep-alive connection's next head */
	ctx_finish(c, toe);
	*req_cls = NULL;
}

/* libmicrohttpd 0.9.75 calls on_uri but never on_completed when it gives
 * up on a request while still parsing its header (query arguments that
 * overflow the connection's memory pool: "Not enough memory in pool to
 * allocate header record"). Each such request leaked its context (some
 * 8 KiB) and kept server_shutdown waiting; so a connection remembers its
 * open request and frees it when it closes. */
static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
			  enum MHD_ConnectionNotificationCode toe)
{
	struct server_handle *srv = cls;
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		struct conn_state *cs = xcalloc(1, sizeof(*cs));
		*socket_context = cs;
		/* The guard counts it (or refuses it) and watches its head. A
		 * socket of no IP family (a socketpair handed in) counts as
		 * one address of its own. */
		const union MHD_ConnectionInfo *ai =
			MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		const union MHD_ConnectionInfo *fi =
			MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		struct http_addr addr = { 0 };
		if (ai)
			http_addr_from_sockaddr(ai->client_addr, &addr);
		if (fi)
			http_guard_open(srv->guard, &cs->gc, &addr, fi->connect_fd);
		return;
	}
	struct conn_state *cs = *socket_context;
	if (!cs)
		return;
	/* libmicrohttpd closes the socket after this returns */
	http_guard_close(srv->guard, &cs->gc);
	if (cs->open)
		ctx_finish(cs->open, MHD_REQUEST_TERMINATED_WITH_ERROR);
	free(cs);
	*socket_context = NULL;
}

__attribute__((format(printf, 2, 0)))
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char msg[512];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	size_t n = strlen(msg);
	while (n && msg[n - 1] == '\n')
		msg[--n] = '\0';
	log_info("http: %s", msg);
}

/* ---- start and stop ---- */

static int parse_listen(const char *s, struct sockaddr_storage *ss, socklen_t *len)
{
	char host[64];
	const char *colon = strrchr(s, ':');
	if (!colon || (size_t)(colon - s) >= sizeof(host))
		return -1;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	char *end;
	unsigned long port = strtoul(colon + 1, &end, 10);
	if (*end || port > 65535 || end == colon + 1)
		return -1;
	memset(ss, 0, sizeof(*ss));
	size_t hl = strlen(host);
	if (hl > 2 && host[0] == '[' && host[hl - 1] == ']') {
		host[hl - 1] = '\0';
		struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, host + 1, &a6->sin6_addr) != 1)
			return -1;
		*len = sizeof(*a6);
		return 0;
	}
	struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
	a4->sin_family = AF_INET;
	a4->sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, host, &a4->sin_addr) != 1)
		return -1;
	*len = sizeof(*a4);
	return 0;
}

int server_launch(const struct server_config *cfg, unsigned sflags, struct server_handle **out)
{
	int no_listen = (sflags & SERVER_NO_LISTEN) != 0;
	*out = NULL;
	router_use(cfg->routes, cfg->nroutes, cfg->may);
	const char *where = cfg->listen ? cfg->listen : "127.0.0.1:0";
	struct sockaddr_storage ss;
	socklen_t sslen;
	if (parse_listen(where, &ss, &sslen) != 0) {
		if (!no_listen) {
			log_error("cannot use listen address '%s' (expected ADDR:PORT)", where);
			return 1;
		}
		ss.ss_family = AF_INET;
	}
	struct server_handle *srv = xcalloc(1, sizeof(*srv));
	srv->cfg = cfg;
	atomic_init(&srv->in_flight, 0);
	atomic_init(&srv->requests, 0);
	/* images from this site, and from the one origin configured (a map
	 * tile server), taken only when it has nothing that could end the
	 * directive or the header */
	const char *io = cfg->img_origin;
	int io_ok = io && *io && strlen(io) < 200 &&
		    strspn(io, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:/.-") == strlen(io);
	snprintf(srv->csp, sizeof(srv->csp),
		 "default-src 'self'; img-src 'self' data:%s%s; style-src 'self'; "
		 "script-src 'self'; object-src 'none'; base-uri 'none'; "
		 "form-action 'self'; frame-ancestors 'none'",
		 io_ok ? " " : "", io_ok ? io : "");
	if (cfg->trusted_proxy && *cfg->trusted_proxy) {
		int n = http_addr_list_parse(cfg->trusted_proxy, srv->proxies, MAX_PROXIES);
		if (n < 0) {
			log_error("LOTSE_TRUSTED_PROXY must be up to %d IP addresses separated by "
				  "commas (e.g. 127.0.0.1 or 127.0.0.1,::1)", MAX_PROXIES);
			free(srv);
			return 1;
		}
		srv->nproxies = (size_t)n;
	}
	srv->guard = http_guard_new(cfg->conns_per_address, cfg->head_timeout_s, srv->proxies,
				    srv->nproxies);
	if (!srv->guard) {
		free(srv);
		return 1;
	}
	if (pthread_key_create(&srv->store_key, store_destroy) != 0) {
		http_guard_free(srv->guard);
		free(srv);
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	/* no request waits for a checkpoint (without the thread, the workers
	 * checkpoint as SQLite does by default) */
	srv->ckpt = store_checkpointer_start(cfg->db_path, 500);

	unsigned threads = cfg->threads ? cfg->threads : 4;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG |
			 MHD_USE_POLL | /* not epoll: see server.h */
			 (no_listen ? MHD_USE_NO_LISTEN_SOCKET : 0) |
			 (!no_listen && ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0);
	/* MHD_OPTION_SOCK_ADDR goes last so that no_listen can end the list
	 * before it (the daemon opens no socket then). */
	srv->d = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, srv,
		MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
		MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)(cfg->timeout_s ? cfg->timeout_s : 30),
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
		MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, srv,
		no_listen ? MHD_OPTION_END : MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_END);
	if (!srv->d) {
		log_error("cannot listen on %s (in use, or not an address of this machine?)", where);
		store_checkpointer_stop(srv->ckpt);
		pthread_key_delete(srv->store_key);
		http_guard_free(srv->guard);
		free(srv);
		return 1;
	}
	unsigned port = 0;
	if (!no_listen) {
		const union MHD_DaemonInfo *di = MHD_get_daemon_info(srv->d, MHD_DAEMON_INFO_BIND_PORT);
		port = di ? di->port : 0;
	} else if (strrchr(where, ':')) {
		port = (unsigned)strtoul(strrchr(where, ':') + 1, NULL, 10);
	}
	const char *colon = strrchr(where, ':');
	int hostlen = colon ? (int)(colon - where) : (int)strlen(where);
	char host[INET6_ADDRSTRLEN + 2] = "";
	snprintf(host, sizeof(host), "%.*s", hostlen, where);
	snprintf(srv->base_url, sizeof(srv->base_url), "http://%s:%u", host, port);
	if (!no_listen)
		log_info("listening on %s (%u threads)", srv->base_url, threads);
	if (srv->nproxies)
		log_info("trusting %zu proxy address(es) for X-Forwarded-For and -Proto", srv->nproxies);
	*out = srv;
	return 0;
}

const char *server_base_url(const struct server_handle *srv)
{
	return srv->base_url;
}

int server_add_connection(struct server_handle *srv, int fd, const struct sockaddr *addr,
			  unsigned addrlen)
{
	return MHD_add_connection(srv->d, fd, addr, (socklen_t)addrlen) == MHD_YES ? 0 : -1;
}

void server_shutdown(struct server_handle *srv)
{
	if (!srv)
		return;
	MHD_socket lfd = MHD_quiesce_daemon(srv->d);
	if (lfd != MHD_INVALID_SOCKET)
		close(lfd);
	for (int i = 0; i < 100 && atomic_load(&srv->in_flight) > 0; i++)
		usleep(50 * 1000);
	MHD_stop_daemon(srv->d);
	store_checkpointer_stop(srv->ckpt);
	/* The workers' destructors closed their databases as they exited. */
	pthread_key_delete(srv->store_key);
	http_guard_free(srv->guard); /* every connection is closed now */
	free(srv);
}

int server_run(const struct server_config *cfg)
{
	/* Workers inherit this mask; only the main thread takes the signals. */
	sigset_t sigs, old;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, &old);

	struct server_handle *srv;
	if (server_launch(cfg, 0, &srv) != 0) {
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		return 1;
	}
	int sig = 0;
	sigwait(&sigs, &sig);
	log_info("signal %d: finishing running requests", sig);
	server_shutdown(srv);
	log_info("stopped");
	return 0;
}
