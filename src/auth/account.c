/* account.c — "my account": every signed-in user's own data, recent
 * logins and password change under /intern/konto. */
#include "auth/admin_views.h"
#include "auth/second.h"
#include "core/core.h"
#include "core/i18n.h"
#include "core/ratelimit.h"

#include <sodium.h>
#include <string.h>

/* Logins shown on the page. */
#define ACCOUNT_LOGINS 10

/* Wrong current passwords per account, so that a taken-over session
 * cannot guess its way to the password (the account is not locked). */
static struct ratelimit wrong_current = RATELIMIT_INIT(AUTH_LOCK_FAILS, AUTH_LOCK_WINDOW);

static void account_page(struct req *r, struct resp *w, const struct form *f, const char *problem,
			 const char *notice)
{
	struct user_row u;
	if (auth_user_by_id(r->db, r->a, r->user->id, &u) != ST_OK) {
		admin_view_problem(r, w, resp_store_failed(r, w), T(r, "Interner Fehler"),
				   T(r, "Ihr Konto konnte gerade nicht gelesen werden. Bitte versuchen Sie es "
					"noch einmal."));
		return;
	}
	struct audit_filter flt = { .user_id = u.id, .action = "login", .limit = ACCOUNT_LOGINS };
	struct account_page p = { .u = &u, .f = f, .problem = problem, .notice = notice };
	struct audit_row *logins;
	if (audit_list(r->db, r->a, &flt, &logins, &p.nlogins) != ST_OK) {
		admin_view_problem(r, w, resp_store_failed(r, w), T(r, "Interner Fehler"),
				   T(r, "Ihr Konto konnte gerade nicht gelesen werden. Bitte versuchen Sie es "
					"noch einmal."));
		return;
	}
	p.logins = logins;
	struct account_second second; /* the second factor and one's sessions */
	if (second_account_read(r, &second) != ST_OK) {
		admin_view_problem(r, w, resp_store_failed(r, w), T(r, "Interner Fehler"),
				   T(r, "Ihr Konto konnte gerade nicht gelesen werden. Bitte versuchen Sie es "
					"noch einmal."));
		return;
	}
	p.second = &second;
	/* the partner's provider by name (its id when it is no current provider) */
	struct auth_org org;
	if (u.org_id)
		p.org_name = auth_org_find(r->db, r->a, u.org_id, &org) == ST_OK ? org.name : u.org_id;
	account_view(r, w, &p);
}

void auth_account(struct req *r, struct resp *w)
{
	static const char *const done[] = { "passwort", "sitzungen", "zwei-faktor-aus", NULL };
	static const struct field fields[] = { { "ok", FIELD_CHOICE, 0, 20, 0, 0, done } };
	struct form q;
	/* the notice after a change; an unknown value just shows none */
	form_validate(r, &r->query, fields, NELEM(fields), &q);
	const char *ok = q.val[0] && !q.err[0] ? q.val[0] : "";
	account_page(r, w, NULL, NULL,
		     strcmp(ok, "passwort") == 0 ? T(r, "Ihr Passwort ist geändert. Alle anderen Sitzungen sind "
							"beendet.")
		     : strcmp(ok, "sitzungen") == 0 ? T(r, "Sie sind auf allen anderen Geräten abgemeldet.")
		     : strcmp(ok, "zwei-faktor-aus") == 0 ? T(r, "Die Zwei-Faktor-Anmeldung ist ausgeschaltet.")
							: NULL);
}

void auth_account_password(struct req *r, struct resp *w)
{
	struct form f;
	struct user_row u;
	char token[44] = "", csrf[44] = "";
	int64_t now = core_now();
	const char *key = arena_printf(r->a, "user:%lld", (long long)r->user->id);
	const char *oid = arena_printf(r->a, "%lld", (long long)r->user->id);

	form_validate(r, &r->form, password_fields, PF__MAX, &f);
	if (ratelimit_exceeded(&wrong_current, key, now)) {
		w->status = 429;
		resp_header(r, w, "Retry-After", "900");
		account_page(r, w, NULL, T(r, "Zu viele falsche Versuche mit dem aktuellen Passwort. Bitte warten "
					     "Sie 15 Minuten."), NULL);
		goto out;
	}
	if (auth_user_by_id(r->db, r->a, r->user->id, &u) != ST_OK) {
		admin_view_problem(r, w, resp_store_failed(r, w), T(r, "Interner Fehler"),
				   T(r, "Das hat gerade nicht geklappt. Ihr Passwort ist unverändert."));
		goto out;
	}
	if (!f.err[PF_CURRENT] && !auth_verify_password(u.pw_hash, f.val[PF_CURRENT])) {
		f.err[PF_CURRENT] = N_("Das aktuelle Passwort stimmt nicht.");
		f.nerr++;
		ratelimit_hit(&wrong_current, key, now);
		audit_add(r->db, u.id, "password_change", "user", oid, "failed");
	}
	if (!f.err[PF_NEW]) {
		const char *problem = auth_password_problem(f.val[PF_NEW], u.email);
		if (!problem && f.val[PF_CURRENT] && strcmp(f.val[PF_NEW], f.val[PF_CURRENT]) == 0)
			problem = N_("Das neue Passwort muss sich vom aktuellen unterscheiden.");
		if (problem) {
			f.err[PF_NEW] = problem;
			f.nerr++;
		}
	}
	if (!f.err[PF_NEW] && !f.err[PF_REPEAT] && strcmp(f.val[PF_NEW], f.val[PF_REPEAT]) != 0) {
		f.err[PF_REPEAT] = N_("Die Wiederholung stimmt nicht mit dem neuen Passwort überein.");
		f.nerr++;
	}
	if (f.nerr) {
		w->status = 422;
		account_page(r, w, &f, NULL, NULL);
		goto out;
	}
	/* ends every session of the user, this one too */
	if (auth_user_set_password(r->db, u.id, f.val[PF_NEW]) != ST_OK) {
		admin_view_problem(r, w, resp_store_failed(r, w), T(r, "Interner Fehler"),
				   T(r, "Das Passwort konnte gerade nicht geändert werden. Bitte versuchen Sie es "
					"noch einmal."));
		goto out;
	}
	audit_add(r->db, u.id, "password_change", "user", oid, "ok");
	/* a fresh session for this browser only */
	if (auth_session_create(r->db, u.id, now, token, csrf) != ST_OK) {
		resp_cookie(r, w, auth_session_cookie(r), "", -1);
		resp_redirect(r, w, "/login");
		goto out;
	}
	resp_cookie(r, w, auth_session_cookie(r), token, 0);
	resp_redirect(r, w, "/intern/konto?ok=passwort");
out:
	sodium_memzero(token, sizeof(token));
	sodium_memzero(csrf, sizeof(csrf));
}
