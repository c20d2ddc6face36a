/* admin.c — user administration and the audit log viewer: the admins'
 * handlers under /intern/benutzer and /intern/protokoll. */
#include "auth/admin_views.h"
#include "core/core.h"
#include "core/i18n.h"
#include "core/log.h"

#include <sodium.h>
#include <stdint.h>
#include <string.h>

/* Generated passwords: 16 characters of a 56-letter alphabet, ~93 bits. */
#define GENERATED_PASSWORD_LEN 16
/* Audit log rows per page. */
#define AUDIT_PAGE 50

static const char *id_text(struct req *r, int64_t id)
{
	return arena_printf(r->a, "%lld", (long long)id);
}

static void server_problem(struct req *r, struct resp *w)
{
	admin_view_problem(r, w, resp_store_failed(r, w), T(r, "Interner Fehler"),
			   T(r, "Das hat gerade nicht geklappt. Bitte laden Sie die Seite neu und versuchen "
				"Sie es noch einmal."));
}

/* The user id in the path, declared like any other input: a positive
 * integer. ST_OK, or ST_NOTFOUND for anything else. */
static int path_id(struct req *r, int64_t *id)
{
	static const struct field fields[] = {
		{ "id", FIELD_INT, FIELD_REQUIRED, 19, 1, INT64_MAX, NULL },
	};
	struct kvlist l = { 0 };
	struct form f;
	if (r->nparams < 1)
		return ST_NOTFOUND;
	kv_add(r->a, &l, "id", r->params[0], strlen(r->params[0]));
	if (form_validate(r, &l, fields, NELEM(fields), &f) != 0)
		return ST_NOTFOUND;
	*id = f.num[0];
	return ST_OK;
}

/* Read the user named by the path into u. Returns 0, or -1 after
 * answering 404 (bad or unknown id) or 500. */
static int load_user(struct req *r, struct resp *w, struct user_row *u)
{
	int64_t id;
	int rc = path_id(r, &id);
	if (rc == ST_OK)
		rc = auth_user_by_id(r->db, r->a, id, u);
	if (rc == ST_OK)
		return 0;
	if (rc == ST_NOTFOUND)
		admin_view_problem(r, w, 404, T(r, "Konto nicht gefunden"),
				   T(r, "Dieses Konto gibt es nicht. Vielleicht hat sich die Adresse geändert."));
	else
		server_problem(r, w);
	return -1;
}

/* The roles ticked in f (checkboxes first .. first+ROLE__COUNT), checked
 * against the rules every set of roles obeys: at least one role; a
 * partner names its provider, one of the current ones (from the picker;
 * a made-up id is refused at the field). Errors go into f. */
static unsigned check_roles(struct req *r, struct form *f, int first, int org)
{
	unsigned roles = 0;
	for (unsigned i = 0; i < ROLE__COUNT; i++)
		if (f->val[first + (int)i])
			roles |= 1u << i;
	if (!roles) {
		f->err[first] = N_("Bitte wählen Sie mindestens eine Rolle.");
		f->nerr++;
	}
	const char *o = f->val[org];
	if (f->err[org])
		return roles;
	if ((roles & ROLE_PARTNER) && !o) {
		f->err[org] = N_("Für die Rolle Partnerorganisation wählen Sie bitte die Organisation.");
		f->nerr++;
	} else if ((roles & ROLE_PARTNER) && o) {
		struct auth_org found;
		int rc = auth_org_find(r->db, r->a, o, &found);
		if (rc != ST_OK) {
			f->err[org] = rc == ST_NOTFOUND
					      ? N_("Diese Organisation gibt es im Verzeichnis nicht. Bitte wählen Sie eine "
						   "aus der Liste.")
					      : N_("Die Organisationen konnten gerade nicht gelesen werden. Bitte versuchen "
						   "Sie es noch einmal.");
			f->nerr++;
		}
	}
	return roles;
}

/* A fresh random password that passes the password rules for email. */
static void generate_password(char *out, size_t size, const char *email)
{
	for (int tries = 0; tries < 10; tries++) {
		auth_random_password(out, size, GENERATED_PASSWORD_LEN);
		if (!auth_password_problem(out, email))
			return;
	}
}

/* ---- the user list and new users ---- */

static void users_page(struct req *r, struct resp *w, const struct form *f, const char *problem)
{
	size_t n, norgs;
	struct user_row *users;
	struct auth_org *orgs;
	if (auth_user_list(r->db, r->a, &users, &n) != ST_OK ||
	    auth_orgs(r->db, r->a, NULL, &orgs, &norgs) != ST_OK) {
		server_problem(r, w);
		return;
	}
	struct admin_users_page p = { .users = users, .n = n, .orgs = orgs, .norgs = norgs, .now = core_now(),
				      .f = f, .problem = problem };
	admin_view_users(r, w, &p);
}

void auth_admin_users(struct req *r, struct resp *w)
{
	users_page(r, w, NULL, NULL);
}

void auth_admin_user_add(struct req *r, struct resp *w)
{
	struct form f;
	char pw[GENERATED_PASSWORD_LEN + 1] = "";
	int64_t id = 0;
	form_validate(r, &r->form, user_fields, UF__MAX, &f);
	unsigned roles = check_roles(r, &f, UF_ROLE, UF_ORG);
	if (f.nerr) {
		w->status = 422;
		users_page(r, w, &f, NULL);
		goto out;
	}
	generate_password(pw, sizeof(pw), f.val[UF_EMAIL]);
	int rc = auth_user_add(r->db, f.val[UF_EMAIL], f.val[UF_NAME], pw, roles,
			       (roles & ROLE_PARTNER) ? f.val[UF_ORG] : NULL, &id);
	if (rc == ST_CONFLICT) {
		f.err[UF_EMAIL] = N_("Es gibt schon ein Konto mit dieser E-Mail-Adresse.");
		f.nerr++;
		w->status = 422;
		users_page(r, w, &f, NULL);
		goto out;
	}
	if (rc != ST_OK) {
		resp_store_failed(r, w);
		users_page(r, w, &f, T(r, "Das Konto konnte gerade nicht angelegt werden. Ihre Eingaben sind noch "
					  "da; bitte versuchen Sie es noch einmal."));
		goto out;
	}
	audit_add(r->db, r->user->id, "user_add", "user", id_text(r, id), "ok");
	struct user_row u = { .id = id, .email = f.val[UF_EMAIL], .name = f.val[UF_NAME], .roles = roles };
	admin_view_password(r, w, &u, pw, 1);
out:
	sodium_memzero(pw, sizeof(pw));
}

/* ---- one user ---- */

/* The user's page with the providers for the partner picker. */
static void show_user(struct req *r, struct resp *w, struct admin_user_page *p)
{
	if (auth_orgs(r->db, r->a, NULL, &p->orgs, &p->norgs) != ST_OK) {
		server_problem(r, w);
		return;
	}
	admin_view_user(r, w, p);
}

void auth_admin_user(struct req *r, struct resp *w)
{
	static const char *const done[] = { "rollen", "gesperrt", "freigegeben", "angaben", NULL };
	static const struct field fields[] = { { "ok", FIELD_CHOICE, 0, 20, 0, 0, done } };
	struct user_row u;
	struct form q;
	if (load_user(r, w, &u) != 0)
		return;
	struct admin_user_page p = { .u = &u, .self = u.id == r->user->id, .now = core_now() };
	/* the notice after a change; an unknown value just shows none */
	form_validate(r, &r->query, fields, NELEM(fields), &q);
	const char *ok = q.err[0] ? "" : q.val[0] ? q.val[0] : "";
	if (strcmp(ok, "rollen") == 0)
		p.notice = T(r, "Die Rollen sind gespeichert. Sie gelten ab der nächsten Seite, die die Person "
				"aufruft.");
	else if (strcmp(ok, "gesperrt") == 0)
		p.notice = T(r, "Das Konto ist gesperrt, und die Person ist abgemeldet.");
	else if (strcmp(ok, "freigegeben") == 0)
		p.notice = T(r, "Das Konto ist freigegeben.");
	else if (strcmp(ok, "angaben") == 0)
		p.notice = T(r, "Name und E-Mail-Adresse sind gespeichert.");
	show_user(r, w, &p);
}

void auth_admin_user_profile(struct req *r, struct resp *w)
{
	struct user_row u;
	struct form f;
	if (load_user(r, w, &u) != 0)
		return;
	form_validate(r, &r->form, profile_fields, NF__MAX, &f);
	int rc = f.nerr ? ST_OK : auth_user_set_profile(r->db, u.id, f.val[NF_EMAIL], f.val[NF_NAME]);
	if (rc == ST_CONFLICT) {
		f.err[NF_EMAIL] = N_("Es gibt schon ein Konto mit dieser E-Mail-Adresse.");
		f.nerr++;
	}
	if (f.nerr) {
		struct admin_user_page p = { .u = &u, .profile = &f, .self = u.id == r->user->id, .now = core_now() };
		w->status = 422;
		show_user(r, w, &p);
		return;
	}
	if (rc != ST_OK) {
		server_problem(r, w);
		return;
	}
	audit_add(r->db, r->user->id, "user_profile", "user", id_text(r, u.id), "ok");
	resp_redirect(r, w, arena_printf(r->a, "/intern/benutzer/%lld?ok=angaben", (long long)u.id));
}

void auth_admin_user_roles(struct req *r, struct resp *w)
{
	struct user_row u;
	struct form f;
	if (load_user(r, w, &u) != 0)
		return;
	int self = u.id == r->user->id;
	if (auth_reauth(r, w) != 0) /* password (and code) of the last 5 minutes */
		return;
	form_validate(r, &r->form, roles_fields, RF__MAX, &f);
	unsigned roles = check_roles(r, &f, RF_ROLE, RF_ORG);
	if (self && !(roles & ROLE_ADMIN) && !f.err[RF_ROLE]) {
		f.err[RF_ROLE] = N_("Sie können sich die Administration nicht selbst entziehen.");
		f.nerr++;
	}
	if (f.nerr) {
		struct admin_user_page p = { .u = &u, .roles = &f, .self = self, .now = core_now() };
		w->status = 422;
		show_user(r, w, &p);
		return;
	}
	if (auth_user_set_roles(r->db, u.id, roles, (roles & ROLE_PARTNER) ? f.val[RF_ORG] : NULL) != ST_OK) {
		server_problem(r, w);
		return;
	}
	/* the roles before and after, by their names */
	const char *was = "", *now = "";
	for (unsigned i = 0; i < ROLE__COUNT; i++) {
		if (u.roles & (1u << i))
			was = arena_printf(r->a, "%s%s%s", was, *was ? "," : "", auth_role_names[i]);
		if (roles & (1u << i))
			now = arena_printf(r->a, "%s%s%s", now, *now ? "," : "", auth_role_names[i]);
	}
	audit_add_req(r, "user_roles", "user", id_text(r, u.id), "ok",
		      arena_printf(r->a, "%s -> %s", *was ? was : "-", *now ? now : "-"));
	resp_redirect(r, w, arena_printf(r->a, "/intern/benutzer/%lld?ok=rollen", (long long)u.id));
}

void auth_admin_user_disable(struct req *r, struct resp *w)
{
	static const char *const states[] = { "0", "1", NULL };
	static const struct field fields[] = { { "disabled", FIELD_CHOICE, FIELD_REQUIRED, 1, 0, 0, states } };
	struct user_row u;
	struct form f;
	if (load_user(r, w, &u) != 0)
		return;
	struct admin_user_page p = { .u = &u, .self = u.id == r->user->id, .now = core_now() };
	if (form_validate(r, &r->form, fields, NELEM(fields), &f) != 0) {
		w->status = 422;
		p.lock_problem = T(r, f.err[0]);
		show_user(r, w, &p);
		return;
	}
	int disable = strcmp(f.val[0], "1") == 0;
	if (p.self && disable) {
		w->status = 422;
		p.lock_problem = T(r, "Ihr eigenes Konto können Sie nicht sperren.");
		show_user(r, w, &p);
		return;
	}
	int rc = auth_user_set_disabled(r->db, u.id, disable);
	if (rc != ST_OK) {
		server_problem(r, w);
		return;
	}
	audit_add(r->db, r->user->id, disable ? "user_disable" : "user_enable", "user", id_text(r, u.id), "ok");
	resp_redirect(r, w, arena_printf(r->a, "/intern/benutzer/%lld?ok=%s", (long long)u.id,
					 disable ? "gesperrt" : "freigegeben"));
}

void auth_admin_user_password(struct req *r, struct resp *w)
{
	struct user_row u;
	char pw[GENERATED_PASSWORD_LEN + 1] = "";
	if (load_user(r, w, &u) != 0)
		return;
	if (u.id == r->user->id) {
		struct admin_user_page p = { .u = &u, .self = 1, .now = core_now() };
		p.pw_problem = T(r, "Ihr eigenes Passwort ändern Sie unter „Mein Konto“.");
		w->status = 422;
		show_user(r, w, &p);
		goto out;
	}
	if (auth_reauth(r, w) != 0) /* password (and code) of the last 5 minutes */
		goto out;
	generate_password(pw, sizeof(pw), u.email);
	/* also ends the user's sessions and lifts a lock after failed logins */
	if (auth_user_set_password(r->db, u.id, pw) != ST_OK) {
		server_problem(r, w);
		goto out;
	}
	audit_add(r->db, r->user->id, "password_reset", "user", id_text(r, u.id), "ok");
	admin_view_password(r, w, &u, pw, 0);
out:
	sodium_memzero(pw, sizeof(pw));
}

/* ---- the audit log ---- */

void auth_admin_audit(struct req *r, struct resp *w)
{
	/* the filters offer what occurs in the log */
	const char **actions, **object_types;
	if (audit_actions(r->db, r->a, &actions) != ST_OK ||
	    audit_object_types(r->db, r->a, &object_types) != ST_OK) {
		server_problem(r, w);
		return;
	}
	struct field fields[AF__MAX] = {
		[AF_USER] = { "user", FIELD_INT, 0, 19, 1, INT64_MAX, NULL },
		[AF_ACTION] = { "action", FIELD_CHOICE, 0, 64, 0, 0, actions },
		[AF_OBJECT] = { "object", FIELD_CHOICE, 0, 64, 0, 0, object_types },
		[AF_BEFORE] = { "before", FIELD_INT, 0, 19, 1, INT64_MAX, NULL },
	};
	struct form f;
	if (form_validate(r, &r->query, fields, AF__MAX, &f) != 0) {
		/* say so at the filter, and list as if it were not set */
		w->status = 422;
		for (int i = 0; i < AF__MAX; i++)
			if (f.err[i])
				f.val[i] = NULL;
	}
	struct audit_filter flt = {
		.user_id = f.val[AF_USER] ? f.num[AF_USER] : 0,
		.action = f.val[AF_ACTION],
		.object_type = f.val[AF_OBJECT],
		.before_id = f.val[AF_BEFORE] ? f.num[AF_BEFORE] : 0,
		.limit = AUDIT_PAGE + 1,
	};
	struct admin_audit_page p = { .f = &f, .fields = fields };
	struct audit_row *rows;
	struct user_row *users;
	if (audit_list(r->db, r->a, &flt, &rows, &p.nrows) != ST_OK ||
	    auth_user_list(r->db, r->a, &users, &p.nusers) != ST_OK) {
		server_problem(r, w);
		return;
	}
	p.rows = rows;
	p.more = p.nrows > AUDIT_PAGE;
	if (p.more)
		p.nrows = AUDIT_PAGE;
	p.users = users;
	char err[300];
	/* only the rows added since the last view (a full check: lotse audit verify) */
	p.chain_broken = audit_verify_new(r->db, &p.chain_rows, err, sizeof(err));
	if (p.chain_broken)
		log_error("audit log: %s", err);
	admin_view_audit(r, w, &p);
}
