/* routes.c — signing in and out. */
#include "auth/auth.h"
#include "auth/views.h"
#include "core/core.h"
#include "core/i18n.h"
#include "core/ratelimit.h"

#include <string.h>

/* Failed logins per client address, and per unknown e-mail address (so
 * that unknown addresses lock like real ones and reveal nothing). */
static struct ratelimit client_failures = RATELIMIT_INIT(AUTH_CLIENT_FAILS, AUTH_LOCK_WINDOW);
static struct ratelimit unknown_failures = RATELIMIT_INIT(AUTH_LOCK_FAILS - 1, AUTH_LOCK_WINDOW);

/* Where to go after signing in: a local path of the staff area only. */
static const char *safe_next(const char *next)
{
	if (next && strncmp(next, "/intern", 7) == 0 && (next[7] == '\0' || next[7] == '/') &&
	    !strstr(next, "//") && !strchr(next, '\\'))
		return next;
	return "/intern";
}

void auth_login_form(struct req *r, struct resp *w)
{
	w->no_store = 1;
	if (r->user) {
		resp_redirect(r, w, "/intern");
		return;
	}
	struct form q;
	form_validate(r, &r->query, login_query, LQ__MAX, &q);
	const char *notice = q.val[LQ_SIGNED_OUT] ? T(r, "Sie sind abgemeldet.") : NULL;
	auth_view_login(r, w, NULL, q.err[LQ_NEXT] ? NULL : q.val[LQ_NEXT], NULL, notice);
}

void auth_login(struct req *r, struct resp *w)
{
	struct form f;
	w->no_store = 1;
	int64_t now = core_now();
	if (form_validate(r, &r->form, login_fields, LF__MAX, &f) != 0) {
		w->status = 422;
		auth_view_login(r, w, &f, NULL, T(r, "Bitte geben Sie Ihre E-Mail-Adresse und Ihr Passwort ein."), NULL);
		return;
	}
	/* A client with many failures is refused before any password work. */
	if (ratelimit_exceeded(&client_failures, r->client, now)) {
		w->status = 429;
		resp_header(r, w, "Retry-After", "900");
		auth_view_login(r, w, &f, NULL, T(r, "Zu viele fehlgeschlagene Anmeldungen von Ihrem Netzwerk. Bitte "
					    "warten Sie 15 Minuten."), NULL);
		return;
	}
	const char *email = f.val[LF_EMAIL], *password = f.val[LF_PASSWORD];
	struct user_row u;
	int found = auth_user_by_email(r->db, r->a, email, &u) == ST_OK;
	int locked = found && u.locked_until > now;
	/* Always verify, so that known, unknown and locked accounts take the same time. */
	int ok = auth_verify_password(found ? u.pw_hash : NULL, password);
	if (found && !locked && !u.disabled && ok) {
		char token[44], csrf[44];
		auth_user_succeeded(r->db, u.id);
		if (auth_session_create(r->db, u.id, now, token, csrf) != ST_OK) {
			resp_store_failed(r, w);
			auth_view_login(r, w, &f, NULL, T(r, "Die Anmeldung ist gerade nicht möglich. Bitte versuchen "
						    "Sie es später noch einmal."), NULL);
			return;
		}
		audit_add(r->db, u.id, "login", "user", arena_printf(r->a, "%lld", (long long)u.id), "ok");
		resp_cookie(r, w, auth_session_cookie(r), token, 0);
		resp_redirect(r, w, safe_next(f.val[LF_NEXT]));
		return;
	}
	/* A failure counts against the client, and against the account (or,
	 * for an unknown address, against that address in memory). */
	ratelimit_hit(&client_failures, r->client, now);
	if (found) {
		if (!locked) {
			auth_user_failed(r->db, &u, now);
			int64_t count = now - u.failed_since >= AUTH_LOCK_WINDOW ? 1 : u.failed_count + 1;
			locked = count >= AUTH_LOCK_FAILS;
		}
		audit_add(r->db, u.id, "login", "user", arena_printf(r->a, "%lld", (long long)u.id),
			  locked ? "locked" : u.disabled ? "disabled" : "failed");
	} else {
		char *key = arena_strdup(r->a, email);
		for (char *p = key; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		locked = !ratelimit_hit(&unknown_failures, key, now);
		audit_add(r->db, 0, "login", "user", "", "unknown");
	}
	w->status = locked ? 429 : 401;
	f.val[LF_PASSWORD] = NULL;
	auth_view_login(r, w, &f, NULL,
			locked ? T(r, "Zu viele Fehlversuche: Die Anmeldung mit dieser E-Mail-Adresse ist für "
				      "15 Minuten gesperrt. Bitte versuchen Sie es später noch einmal.")
			       : T(r, "E-Mail-Adresse oder Passwort ist falsch."),
			NULL);
}

void auth_logout(struct req *r, struct resp *w)
{
	w->no_store = 1;
	const char *token = kv_get(&r->cookies, auth_session_cookie(r));
	auth_session_delete(r->db, token);
	if (r->user)
		audit_add(r->db, r->user->id, "logout", "user",
			  arena_printf(r->a, "%lld", (long long)r->user->id), "ok");
	resp_cookie(r, w, auth_session_cookie(r), "", -1);
	resp_redirect(r, w, "/login?abgemeldet=1");
}
