/* request.c — accounts meet requests: the session cookie, the permission
 * check before every handler, CSRF tokens. */
#include "auth/auth.h"
#include "auth/views.h"
#include "core/core.h"
#include "html/html.h"

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

const char *auth_csrf_token(struct req *r, struct resp *w)
{
	if (r->csrf)
		return r->csrf;
	const char *pre = kv_get(&r->cookies, pre_cookie(r));
	if (pre && strlen(pre) == 43) {
		r->csrf = pre;
		return pre;
	}
	char *t = arena_alloc(r->a, 44);
	auth_token(t);
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
		if (!auth_allows(route->perm, r->user->roles)) {
			audit_add(r->db, r->user->id, "access_denied", "route", route->pattern, "denied");
			auth_view_denied(r, w, 403, AUTH_DENIED_ROLE);
			return 1;
		}
	}
	if (route->csrf == CSRF_CHECK && r->method == HTTP_POST) {
		const char *expected = r->user ? r->user->csrf : kv_get(&r->cookies, pre_cookie(r));
		if (!tokens_equal(expected, kv_get(&r->form, "csrf"))) {
			if (r->user)
				audit_add(r->db, r->user->id, "csrf_rejected", "route", route->pattern, "denied");
			auth_view_denied(r, w, 403, AUTH_DENIED_CSRF);
			return 1;
		}
	}
	return 0;
}
