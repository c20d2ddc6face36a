/* second.c — the sign-in's second step: after the right password an
 * account with a second factor waits at /login/code for its code (or a
 * recovery code); full sessions start here; an admin without a second
 * factor is kept to its enrolment until it is done (ASVS 2.8, 4.3.1). */
#include "auth/second.h"
#include "auth/views.h"
#include "core/core.h"
#include "core/i18n.h"
#include "core/log.h"

#include <sodium.h>
#include <string.h>

#define ENROL_PATH "/intern/konto/zwei-faktor"

const struct field code_fields[CF__MAX] = {
	[CF_CODE] = { "code", FIELD_TEXT, FIELD_REQUIRED, 40, 0, 0, NULL },
};

const struct field off_fields[OF__MAX] = {
	[OF_PASSWORD] = { "password", FIELD_TEXT, FIELD_REQUIRED, 1024, 0, 0, NULL },
	[OF_CODE] = { "code", FIELD_TEXT, FIELD_REQUIRED, 40, 0, 0, NULL },
};

static const char *pending_cookie(const struct req *r)
{
	return r->secure ? "__Host-lotse_pending" : "lotse_pending";
}

static const char *id_text(struct req *r, int64_t id)
{
	return arena_printf(r->a, "%lld", (long long)id);
}

static void unavailable(struct req *r, struct resp *w)
{
	resp_store_failed(r, w);
	auth_view_login(r, w, NULL, NULL, T(r, "Die Anmeldung ist gerade nicht möglich. Bitte versuchen Sie es "
					  "später noch einmal."), NULL);
}

void second_session(struct req *r, struct resp *w, int64_t user_id, unsigned roles, const char *next)
{
	char token[44], csrf[44];
	if (auth_session_create(r->db, user_id, core_now(), token, csrf) != ST_OK) {
		unavailable(r, w);
		return;
	}
	/* the list of one's sessions names the browser; a failure here loses
	 * only that. The password (and code) were just given: that counts as
	 * the confirmation admin changes ask for, for REAUTH_TTL. */
	if (auth_session_set_agent(r->db, token, auth_agent_short(r->a, req_header(r, "User-Agent"))) != ST_OK ||
	    auth_session_set_reauth(r->db, token, core_now()) != ST_OK)
		log_error("session: the browser or the time of sign-in could not be recorded");
	audit_add(r->db, user_id, "login", "user", id_text(r, user_id), "ok");
	resp_cookie(r, w, auth_session_cookie(r), token, 0);
	/* the admin role needs a second factor: first its enrolment */
	if ((roles & ROLE_ADMIN) && totp_enabled(r->db, user_id) != 1)
		next = ENROL_PATH;
	resp_redirect(r, w, next);
	sodium_memzero(token, sizeof(token));
	sodium_memzero(csrf, sizeof(csrf));
}

void auth_login_second(struct req *r, struct resp *w, const struct user_row *u, const char *next)
{
	int on = totp_enabled(r->db, u->id);
	if (on < 0) {
		unavailable(r, w);
		return;
	}
	if (!on) {
		second_session(r, w, u->id, u->roles, next);
		return;
	}
	char token[44];
	if (auth_pending_create(r->db, u->id, next, core_now(), token) != ST_OK) {
		unavailable(r, w);
		return;
	}
	audit_add(r->db, u->id, "login_code", "user", id_text(r, u->id), "asked");
	resp_cookie(r, w, pending_cookie(r), token, PENDING_TTL);
	resp_redirect(r, w, "/login/code");
	sodium_memzero(token, sizeof(token));
}

/* Back to the password: the waiting sign-in is over (or never was). */
static void start_again(struct req *r, struct resp *w, int status, const char *problem)
{
	resp_cookie(r, w, pending_cookie(r), "", -1);
	w->status = status;
	auth_view_login(r, w, NULL, NULL, problem, NULL);
}

void auth_login_code_form(struct req *r, struct resp *w)
{
	int64_t uid;
	const char *next;
	w->no_store = 1;
	int rc = auth_pending_get(r->db, r->a, kv_get(&r->cookies, pending_cookie(r)), core_now(), &uid, &next);
	if (rc == ST_ERR) {
		unavailable(r, w);
		return;
	}
	if (rc != ST_OK) {
		resp_cookie(r, w, pending_cookie(r), "", -1);
		resp_redirect(r, w, "/login");
		return;
	}
	second_view_code(r, w, NULL, NULL);
}

void auth_login_code(struct req *r, struct resp *w)
{
	struct form f;
	int64_t uid, now = core_now();
	const char *next;
	const char *token = kv_get(&r->cookies, pending_cookie(r));
	w->no_store = 1;
	int rc = auth_pending_get(r->db, r->a, token, now, &uid, &next);
	if (rc == ST_OK)
		rc = auth_pending_try(r->db, token, now);
	if (rc == ST_ERR) {
		unavailable(r, w);
		return;
	}
	if (rc != ST_OK) {
		start_again(r, w, 401, T(r, "Die Anmeldung ist abgelaufen. Bitte melden Sie sich noch einmal an."));
		return;
	}
	if (form_validate(r, &r->form, code_fields, CF__MAX, &f) != 0) {
		w->status = 422;
		second_view_code(r, w, &f, NULL);
		return;
	}
	/* six digits are a code of the app, anything else may be a recovery code */
	const char *code = f.val[CF_CODE];
	int recovery = strlen(code) > 8;
	rc = recovery ? totp_use_recovery(r->db, uid, code, now) : totp_verify(r->db, r->a, uid, code, now);
	struct user_row u;
	if (rc == ST_OK)
		rc = auth_user_by_id(r->db, r->a, uid, &u);
	if (rc == ST_ERR) {
		unavailable(r, w);
		return;
	}
	if (rc == ST_OK && !u.disabled) {
		auth_pending_delete(r->db, token);
		resp_cookie(r, w, pending_cookie(r), "", -1);
		audit_add(r->db, uid, "login_code", "user", id_text(r, uid), recovery ? "recovery" : "ok");
		second_session(r, w, uid, u.roles, next);
		return;
	}
	/* a wrong code: the fifth ends the waiting sign-in */
	int64_t left_uid;
	const char *left_next;
	int more = auth_pending_get(r->db, r->a, token, now, &left_uid, &left_next) == ST_OK;
	audit_add(r->db, uid, "login_code", "user", id_text(r, uid), more ? "failed" : "ended");
	if (!more) {
		auth_pending_delete(r->db, token);
		start_again(r, w, 429, T(r, "Zu viele falsche Codes. Bitte melden Sie sich noch einmal mit Ihrem "
					  "Passwort an."));
		return;
	}
	f.err[CF_CODE] = N_("Der Code stimmt nicht oder wurde schon benutzt. Bitte geben Sie den aktuellen "
			    "Code aus Ihrer App ein.");
	f.nerr++;
	f.val[CF_CODE] = NULL;
	w->status = 401;
	second_view_code(r, w, &f, NULL);
}

int auth_second_gate(struct req *r, const struct route *route, struct resp *w)
{
	if (!r->user || !(r->user->roles & ROLE_ADMIN) || route->perm == PERM_PUBLIC)
		return 0;
	if (strncmp(route->pattern, ENROL_PATH, strlen(ENROL_PATH)) == 0 || strcmp(route->pattern, "/logout") == 0)
		return 0;
	int on = totp_enabled(r->db, r->user->id);
	if (on == 1)
		return 0;
	w->no_store = 1;
	if (on < 0) {
		auth_view_denied(r, w, resp_store_failed(r, w), AUTH_DENIED_UNAVAILABLE);
		return 1;
	}
	resp_redirect(r, w, ENROL_PATH);
	return 1;
}
