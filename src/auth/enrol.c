/* enrol.c — "my account"'s second factor and sessions: enrolment with a
 * QR code and its first code, the recovery codes shown once, turning it
 * off with password and code; one's active sessions and "sign out
 * everywhere else" (ASVS 2.8, 3.3.4); the account's notices (2.2.3). */
#include "auth/second.h"
#include "core/core.h"
#include "core/i18n.h"
#include "core/ratelimit.h"
#include "html/layout.h"

#include <sodium.h>
#include <string.h>

/* Sessions shown on the account page; notices on the start page and for
 * how long. */
#define SESSIONS_SHOWN 20
#define NOTICES_SHOWN 5
#define NOTICE_DAYS 14

/* Wrong passwords or codes when turning the second factor off, per
 * account (a taken-over session cannot guess its way). */
static struct ratelimit wrong_off = RATELIMIT_INIT(AUTH_LOCK_FAILS, AUTH_LOCK_WINDOW);

static const char *id_text(struct req *r, int64_t id)
{
	return arena_printf(r->a, "%lld", (long long)id);
}

static void failed(struct req *r, struct resp *w)
{
	layout_staff_failed(r, w);
}

/* The enrolment page: a new secret while there is none waiting. */
static void enrol_page(struct req *r, struct resp *w, struct enrol_page *p)
{
	struct totp_row t;
	p->email = r->user->email;
	p->required = (r->user->roles & ROLE_ADMIN) != 0;
	int rc = totp_get(r->db, r->a, r->user->id, &t);
	if (rc == ST_NOTFOUND) {
		char secret[TOTP_SECRET_LEN + 1];
		totp_new_secret(secret);
		rc = totp_begin(r->db, r->user->id, secret, core_now());
		t.secret = arena_strdup(r->a, secret);
		t.enabled = 0;
		sodium_memzero(secret, sizeof(secret));
	}
	if (rc != ST_OK) {
		failed(r, w);
		return;
	}
	p->enabled = t.enabled;
	if (t.enabled) {
		p->recovery_left = totp_recovery_left(r->db, r->user->id);
		if (p->recovery_left < 0) {
			failed(r, w);
			return;
		}
	} else {
		p->secret = t.secret;
		p->uri = totp_uri(r->a, r->user->email, t.secret);
	}
	second_view_enrol(r, w, p);
}

void auth_second_enrol_form(struct req *r, struct resp *w)
{
	struct enrol_page p = { 0 };
	w->no_store = 1;
	enrol_page(r, w, &p);
}

void auth_second_enrol(struct req *r, struct resp *w)
{
	struct form f;
	struct enrol_page p = { .f = &f };
	struct totp_row t;
	char codes[RECOVERY_CODES][RECOVERY_LEN + 1];
	int64_t now = core_now();
	w->no_store = 1;
	form_validate(r, &r->form, code_fields, CF__MAX, &f);
	int rc = totp_get(r->db, r->a, r->user->id, &t);
	if (rc == ST_ERR) {
		failed(r, w);
		return;
	}
	if (rc == ST_NOTFOUND || t.enabled) {
		/* nothing to confirm (or done in another tab): the page as it is now */
		p.f = NULL;
		enrol_page(r, w, &p);
		return;
	}
	int64_t step = f.err[CF_CODE] ? 0 : totp_match(t.secret, now, f.val[CF_CODE]);
	if (!step) {
		if (!f.err[CF_CODE]) {
			f.err[CF_CODE] = N_("Der Code stimmt nicht. Bitte geben Sie den Code ein, den Ihre App gerade "
					    "anzeigt; stimmt er wieder nicht, prüfen Sie die Uhrzeit des Telefons.");
			f.nerr++;
		}
		f.val[CF_CODE] = NULL;
		w->status = 422;
		enrol_page(r, w, &p);
		return;
	}
	rc = totp_enable(r->db, r->user->id, step, codes, now);
	if (rc != ST_OK) {
		sodium_memzero(codes, sizeof(codes));
		failed(r, w);
		return;
	}
	audit_add(r->db, r->user->id, "totp_on", "user", id_text(r, r->user->id), "ok");
	p.f = NULL;
	p.codes = (const char(*)[RECOVERY_LEN + 1])codes;
	p.notice = T(r, "Die Zwei-Faktor-Anmeldung ist eingeschaltet.");
	p.email = r->user->email;
	p.enabled = 1;
	p.required = (r->user->roles & ROLE_ADMIN) != 0;
	p.recovery_left = RECOVERY_CODES;
	second_view_enrol(r, w, &p);
	sodium_memzero(codes, sizeof(codes));
}

void auth_second_disable(struct req *r, struct resp *w)
{
	struct form f;
	struct enrol_page p = { .off = &f };
	struct user_row u;
	int64_t now = core_now();
	const char *key = arena_printf(r->a, "user:%lld", (long long)r->user->id);
	w->no_store = 1;
	form_validate(r, &r->form, off_fields, OF__MAX, &f);
	if (ratelimit_exceeded(&wrong_off, key, now)) {
		w->status = 429;
		resp_header(r, w, "Retry-After", "900");
		p.off = NULL;
		p.problem = T(r, "Zu viele falsche Versuche. Bitte warten Sie 15 Minuten.");
		enrol_page(r, w, &p);
		return;
	}
	if (auth_user_by_id(r->db, r->a, r->user->id, &u) != ST_OK) {
		failed(r, w);
		return;
	}
	/* both are checked, so that the answer does not tell which was wrong */
	int pw_ok = !f.err[OF_PASSWORD] && auth_verify_password(u.pw_hash, f.val[OF_PASSWORD]);
	int rc = ST_NOTFOUND;
	if (!f.err[OF_CODE])
		rc = strlen(f.val[OF_CODE]) > 8 ? totp_use_recovery(r->db, u.id, f.val[OF_CODE], now)
						: totp_verify(r->db, r->a, u.id, f.val[OF_CODE], now);
	if (rc == ST_ERR) {
		failed(r, w);
		return;
	}
	if (!pw_ok || rc != ST_OK) {
		if (!f.nerr) {
			f.err[OF_PASSWORD] = N_("Passwort oder Code stimmt nicht.");
			f.nerr++;
		}
		ratelimit_hit(&wrong_off, key, now);
		audit_add(r->db, u.id, "totp_off", "user", id_text(r, u.id), "failed");
		f.val[OF_PASSWORD] = f.val[OF_CODE] = NULL;
		w->status = 422;
		enrol_page(r, w, &p);
		return;
	}
	if (totp_disable(r->db, u.id, now) != ST_OK) {
		failed(r, w);
		return;
	}
	audit_add(r->db, u.id, "totp_off", "user", id_text(r, u.id), "ok");
	/* an admin goes on to set up the new authenticator */
	resp_redirect(r, w, (r->user->roles & ROLE_ADMIN) ? "/intern/konto/zwei-faktor"
							   : "/intern/konto?ok=zwei-faktor-aus");
}

/* ---- sessions ---- */

int second_account_read(struct req *r, struct account_second *p)
{
	struct session_info *s = arena_alloc(r->a, SESSIONS_SHOWN * sizeof(*s));
	p->required = (r->user->roles & ROLE_ADMIN) != 0;
	p->enabled = totp_enabled(r->db, r->user->id);
	if (p->enabled < 0)
		return ST_ERR;
	p->sessions = s;
	return auth_session_list(r->db, r->a, r->user->id, kv_get(&r->cookies, auth_session_cookie(r)), core_now(), s,
				 SESSIONS_SHOWN, &p->nsessions);
}

void auth_account_sessions_end(struct req *r, struct resp *w)
{
	if (auth_session_delete_others(r->db, r->user->id, kv_get(&r->cookies, auth_session_cookie(r))) != ST_OK) {
		failed(r, w);
		return;
	}
	audit_add(r->db, r->user->id, "sessions_end", "user", id_text(r, r->user->id), "ok");
	resp_redirect(r, w, "/intern/konto?ok=sitzungen#sitzungen");
}

/* ---- notices ---- */

int auth_staff_notices(struct req *r, struct auth_notices *out)
{
	struct auth_notice *items = arena_alloc(r->a, NOTICES_SHOWN * sizeof(*items));
	out->items = items;
	return totp_notices(r->db, r->a, r->user->id, core_now() - NOTICE_DAYS * 86400, items, NOTICES_SHOWN,
			    &out->n);
}

void auth_view_notices(html *h, struct req *r, const struct auth_notices *n)
{
	second_view_notices(h, r, n->items, n->n);
}
