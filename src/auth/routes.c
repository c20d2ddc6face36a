/* routes.c — signing in and out. */
#include "auth/auth.h"
#include "auth/throttle.h"
#include "auth/views.h"
#include "core/core.h"
#include "core/i18n.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

/* When a sign-in was last refused for want of a free password check: one
 * audit row per burst of such refusals (a minute apart at least). */
static _Atomic int64_t busy_noted;
#define BUSY_BURST 60

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
	const char *email = f.val[LF_EMAIL], *password = f.val[LF_PASSWORD];
	struct user_row u;
	int found = auth_user_by_email(r->db, r->a, email, &u) == ST_OK;
	/* The throttle's key: a known account by its id, an unknown address
	 * by itself (lower-cased), so both are slowed alike and reveal nothing. */
	char *account;
	if (found) {
		account = arena_printf(r->a, "u:%lld", (long long)u.id);
	} else {
		account = arena_printf(r->a, "e:%s", email);
		for (char *p = account; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
	}
	const char *uid = found ? arena_printf(r->a, "%lld", (long long)u.id) : "";
	f.val[LF_PASSWORD] = NULL; /* never shown again */

	/* Counted before the password is checked (throttle.h). */
	struct throttle_ticket ticket;
	int note;
	int64_t wait = throttle_begin(&ticket, account, r->client, found ? u.throttle_lifted_at : 0, now, &note);
	if (wait > 0) {
		if (note)
			audit_add(r->db, found ? u.id : 0, "login", "user", uid, "throttled");
		w->status = 429;
		resp_header(r, w, "Retry-After", arena_printf(r->a, "%lld", (long long)wait));
		const char *minutes = arena_printf(r->a, "%lld", (long long)((wait + 59) / 60));
		auth_view_login(r, w, &f, NULL,
				wait <= 60 ? T(r, "Zu viele Anmeldeversuche. Bitte warten Sie eine Minute und "
						  "versuchen Sie es dann noch einmal.")
					   : i18n_fill(r->a, T(r, "Zu viele Anmeldeversuche. Bitte warten Sie {1} "
								  "Minuten und versuchen Sie es dann noch einmal."),
						       minutes, NULL),
				NULL);
		return;
	}
	/* Always verify, so that known, unknown and disabled accounts take the same time. */
	int ok = auth_verify_password_try(found ? u.pw_hash : NULL, password);
	if (ok < 0) {
		/* all password checks busy: answer at once, count nothing */
		throttle_end(&ticket, THROTTLE_UNCHECKED);
		int64_t last = atomic_load(&busy_noted);
		if (now - last >= BUSY_BURST && atomic_compare_exchange_strong(&busy_noted, &last, now))
			audit_add(r->db, 0, "login", "user", "", "busy");
		w->status = 503;
		resp_header(r, w, "Retry-After", "2");
		auth_view_login(r, w, &f, NULL, T(r, "Gerade melden sich sehr viele an. Bitte versuchen Sie es in "
						   "ein paar Sekunden noch einmal."), NULL);
		return;
	}
	int signed_in = found && !u.disabled && ok;
	throttle_end(&ticket, signed_in ? THROTTLE_OK : THROTTLE_FAILED);
	if (signed_in) {
		/* a session, or first the second factor (second.c) */
		auth_login_second(r, w, &u, safe_next(f.val[LF_NEXT]));
		return;
	}
	audit_add(r->db, found ? u.id : 0, "login", "user", uid,
		  !found ? "unknown" : u.disabled ? "disabled" : "failed");
	w->status = 401;
	auth_view_login(r, w, &f, NULL, T(r, "E-Mail-Adresse oder Passwort ist falsch."), NULL);
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
