/* request.c — accounts meet requests: the session cookie, the permission
 * check before every handler, CSRF tokens. */
#include "auth/auth.h"
#include "auth/views.h"
#include "core/core.h"
#include "core/keyfile.h"
#include "core/log.h"
#include "html/html.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

const char *auth_session_cookie(const struct req *r)
{
	return r->secure ? "__Host-lotse_session" : "lotse_session";
}

static const char *pre_cookie(const struct req *r)
{
	return r->secure ? "__Host-lotse_csrf" : "lotse_csrf";
}

const struct auth_user *auth_current(const struct req *r)
{
	return r->user;
}

/* The anonymous pre-session token (login and contact forms) is a signed
 * double-submit token: 16 random bytes and the first 16 bytes of their
 * HMAC-SHA-512-256 (crypto_auth), base64url (43 characters, like a
 * session's token). The key is the "csrf" subkey of the database's key
 * file (core/keyfile.h), so a form opened before a restart of the server
 * can still be sent after it; without a key file, a key of this process
 * (logged). A cookie and field pair made up by someone else is refused. */
#define PRE_NONCE 16
#define PRE_PURPOSE "csrf"
static pthread_mutex_t pre_key_mu = PTHREAD_MUTEX_INITIALIZER;
static unsigned char pre_key[crypto_auth_KEYBYTES];
static int pre_key_have;

_Static_assert(crypto_auth_KEYBYTES == KEYFILE_BYTES, "a key file subkey is a crypto_auth key");

/* The signing key, loaded once per process from the key file of r's
 * database. */
static const unsigned char *pre_key_get(struct req *r)
{
	pthread_mutex_lock(&pre_key_mu);
	if (!pre_key_have) {
		char path[4096], err[512];
		const char *db = r->db ? sqlite3_db_filename(store_db(r->db), "main") : NULL;
		if (!db || keyfile_path(db, path, sizeof(path)) != 0 ||
		    keyfile_load(path, KEYFILE_EXISTING, PRE_PURPOSE, pre_key, NULL, err, sizeof(err)) != 0) {
			log_error("csrf: no key file (%s); form tokens last until the server stops",
				 db ? err : "no database");
			core_random(pre_key, sizeof(pre_key));
		}
		pre_key_have = 1;
	}
	pthread_mutex_unlock(&pre_key_mu);
	return pre_key;
}

static void pre_token_new(struct req *r, char out[44])
{
	unsigned char raw[PRE_NONCE * 2], mac[crypto_auth_BYTES];
	core_random(raw, PRE_NONCE);
	crypto_auth(mac, raw, PRE_NONCE, pre_key_get(r));
	memcpy(raw + PRE_NONCE, mac, PRE_NONCE);
	sodium_bin2base64(out, 44, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* Was t made by pre_token_new (with this key)? */
static int pre_token_valid(struct req *r, const char *t)
{
	unsigned char raw[PRE_NONCE * 2], mac[crypto_auth_BYTES];
	size_t n = 0;
	if (!t || strlen(t) != 43)
		return 0;
	if (sodium_base642bin(raw, sizeof(raw), t, 43, NULL, &n, NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    n != sizeof(raw))
		return 0;
	crypto_auth(mac, raw, PRE_NONCE, pre_key_get(r));
	return sodium_memcmp(mac, raw + PRE_NONCE, PRE_NONCE) == 0;
}

const char *auth_csrf_token(struct req *r, struct resp *w)
{
	if (r->csrf)
		return r->csrf;
	const char *pre = kv_get(&r->cookies, pre_cookie(r));
	if (pre_token_valid(r, pre)) {
		r->csrf = pre;
		return pre;
	}
	char *t = arena_alloc(r->a, 44);
	pre_token_new(r, t);
	resp_cookie(r, w, pre_cookie(r), t, 0);
	r->csrf = t;
	return t;
}

static int tokens_equal(const char *a, const char *b)
{
	size_t n = a ? strlen(a) : 0;
	return a && b && n == 43 && strlen(b) == n && sodium_memcmp(a, b, n) == 0;
}

int auth_authorize(struct req *r, const struct route *route, struct resp *w)
{
	/* the audit rows this request writes say where it came from; and
	 * now and then the log's head goes to the server's log (outside any
	 * transaction here, so the head named is committed) */
	audit_set_client(r->client);
	audit_head_tick(r->db);
	const char *token = kv_get(&r->cookies, auth_session_cookie(r));
	if (token) {
		struct auth_user *u = arena_alloc(r->a, sizeof(*u));
		int rc = auth_session_load(r->db, r->a, token, core_now(), u);
		if (rc == ST_OK) {
			r->user = u;
			r->user_email = u->email;
			r->csrf = u->csrf;
		} else if (rc == ST_ERR) {
			/* a session that cannot be read is not a signed-out visitor */
			auth_view_denied(r, w, resp_store_failed(r, w), AUTH_DENIED_UNAVAILABLE);
			return 1;
		}
	}
	if (route->perm != PERM_PUBLIC) {
		w->no_store = 1;
		if (!r->user) {
			if (r->method == HTTP_POST) {
				auth_view_denied(r, w, 403, AUTH_DENIED_SESSION);
			} else {
				/* back to this page after signing in; the path holds no personal data */
				resp_redirect(r, w, html_url(r->a, "/login", "next", r->path, NULL));
			}
			return 1;
		}
		/* an admin without a second factor: its enrolment first */
		if (auth_second_gate(r, route, w))
			return 1;
		if (!auth_allows(route->perm, r->user->roles)) {
			audit_add(r->db, r->user->id, "access_denied", "route", route->pattern, "denied");
			auth_view_denied(r, w, 403, AUTH_DENIED_ROLE);
			return 1;
		}
	}
	if (route->csrf == CSRF_CHECK && r->method == HTTP_POST) {
		const char *expected = r->user ? r->user->csrf : kv_get(&r->cookies, pre_cookie(r));
		if ((!r->user && !pre_token_valid(r, expected)) || !tokens_equal(expected, kv_get(&r->form, "csrf"))) {
			if (r->user)
				audit_add(r->db, r->user->id, "csrf_rejected", "route", route->pattern, "denied");
			auth_view_denied(r, w, 403, AUTH_DENIED_CSRF);
			return 1;
		}
	}
	return 0;
}
