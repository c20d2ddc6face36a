/* reauth.c — re-authentication before an admin's weighty changes (role
 * changes, password resets; ASVS 3.7.1): the password, and the code when
 * the second factor is on, confirmed within the last REAUTH_TTL seconds
 * by this session. */
#include "auth/second.h"
#include "core/core.h"
#include "core/i18n.h"
#include "core/ratelimit.h"
#include "html/layout.h"

#include <string.h>

/* Wrong confirmations per account, as for "my account"'s password form. */
static struct ratelimit wrong_reauth = RATELIMIT_INIT(AUTH_LOCK_FAILS, AUTH_LOCK_WINDOW);

enum reauth_field { RA_PASSWORD, RA_CODE, RA__MAX };
static const struct field reauth_fields[RA__MAX] = {
	[RA_PASSWORD] = { "reauth_password", FIELD_TEXT, 0, 1024, 0, 0, NULL },
	[RA_CODE] = { "reauth_code", FIELD_TEXT, 0, 40, 0, 0, NULL },
};

int auth_reauth(struct req *r, struct resp *w)
{
	const char *token = kv_get(&r->cookies, auth_session_cookie(r));
	int64_t now = core_now();
	int64_t at = auth_session_reauth_at(r->db, token);
	int on = at < 0 ? -1 : totp_enabled(r->db, r->user->id);
	if (at < 0 || on < 0) {
		layout_staff_failed(r, w);
		return 1;
	}
	if (at > 0 && now - at < REAUTH_TTL)
		return 0;
	w->no_store = 1;
	struct form f;
	form_validate(r, &r->form, reauth_fields, RA__MAX, &f);
	if (!f.val[RA_PASSWORD] && !f.val[RA_CODE]) {
		second_view_reauth(r, w, 403, on, NULL);
		return 1;
	}
	const char *key = arena_printf(r->a, "user:%lld", (long long)r->user->id);
	const char *oid = arena_printf(r->a, "%lld", (long long)r->user->id);
	if (ratelimit_exceeded(&wrong_reauth, key, now)) {
		resp_header(r, w, "Retry-After", "900");
		second_view_reauth(r, w, 429, on,
				   T(r, "Zu viele falsche Versuche. Bitte warten Sie 15 Minuten."));
		return 1;
	}
	struct user_row u;
	if (auth_user_by_id(r->db, r->a, r->user->id, &u) != ST_OK) {
		layout_staff_failed(r, w);
		return 1;
	}
	int ok = !f.err[RA_PASSWORD] && f.val[RA_PASSWORD] && auth_verify_password(u.pw_hash, f.val[RA_PASSWORD]);
	if (on) {
		const char *code = f.err[RA_CODE] ? NULL : f.val[RA_CODE];
		int rc = !code ? ST_NOTFOUND
			 : strlen(code) > 8 ? totp_use_recovery(r->db, u.id, code, now)
					     : totp_verify(r->db, r->a, u.id, code, now);
		if (rc == ST_ERR) {
			layout_staff_failed(r, w);
			return 1;
		}
		ok = ok && rc == ST_OK;
	}
	if (!ok) {
		ratelimit_hit(&wrong_reauth, key, now);
		audit_add(r->db, u.id, "reauth", "user", oid, "failed");
		second_view_reauth(r, w, 422, on,
				   on ? T(r, "Passwort oder Code stimmt nicht.") : T(r, "Das Passwort stimmt nicht."));
		return 1;
	}
	if (auth_session_set_reauth(r->db, token, now) != ST_OK) {
		layout_staff_failed(r, w);
		return 1;
	}
	audit_add(r->db, u.id, "reauth", "user", oid, "ok");
	return 0;
}
