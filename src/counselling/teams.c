/* teams.c — the admins' page of the counselling teams
 * (/intern/beratung/teams): the teams with their counsellors and who
 * leads them, a new team, and a counsellor put into a team (or none) with
 * or without the lead flag. Accounts and teams only: no case. A case
 * keeps the team it was opened in; moving a counsellor moves none of
 * their cases (the lead reassigns them on the team page). Every change is
 * audited. */
#include "counselling/counselling_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"

#include <string.h>

/* The counsellors' accounts and their place in the teams. */
struct member {
	const struct user_row *u;
	struct counsel_who who;
};

static const char *team_name(const struct counsel_team *t, size_t nt, int64_t id)
{
	for (size_t i = 0; i < nt; i++)
		if (t[i].id == id)
			return t[i].name;
	return "–";
}

/* The page; err: a problem with the forms (a msgid), or NULL. */
static void page(struct req *r, struct resp *w, const char *err)
{
	struct counsel_team *t;
	struct user_row *u;
	size_t nt, nu, nm = 0;
	if (counsel_teams(r->db, r->a, &t, &nt) != ST_OK || auth_user_list(r->db, r->a, &u, &nu) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	struct member *m = arena_alloc(r->a, (nu + 1) * sizeof(*m));
	for (size_t i = 0; i < nu; i++) {
		if (!(u[i].roles & ROLE_COUNSELLOR) || u[i].disabled)
			continue;
		m[nm].u = &u[i];
		if (counsel_who_load(r->db, u[i].id, &m[nm].who) != ST_OK) {
			layout_staff_failed(r, w);
			return;
		}
		nm++;
	}
	if (err)
		w->status = 422;
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Beratung: Teams"));
	if (err)
		fields_alert(&h, T(r, err));
	else if (kv_get(&r->query, "ok"))
		fields_notice(&h, T(r, "Gespeichert."));
	html_elem(&h, "p",
		  T(r, "Eine Teamleitung sieht alle Fälle ihres Teams. Ein Fall bleibt im Team, in dem er angelegt "
		       "wurde; wer das Team wechselt, nimmt keine Fälle mit."),
		  NULL);
	const char *const heads[] = { T(r, "Beratung"), T(r, "Team"), T(r, "Leitung") };
	layout_table_begin(&h, r, "teams-caption", T(r, "Beraterinnen und Berater in Teams"), heads, NELEM(heads));
	for (size_t i = 0; i < nm; i++) {
		html_open(&h, "tr", NULL);
		html_elem(&h, "td", m[i].u->name && *m[i].u->name ? m[i].u->name : m[i].u->email, NULL);
		html_elem(&h, "td", m[i].who.team_id ? team_name(t, nt, m[i].who.team_id) : T(r, "keines"), NULL);
		html_elem(&h, "td", m[i].who.lead ? T(r, "ja") : T(r, "nein"), NULL);
		html_close(&h, "tr");
	}
	layout_table_end(&h);

	html_elem(&h, "h2", T(r, "Team zuordnen"), NULL);
	const char **ids = arena_alloc(r->a, (nm + 1) * sizeof(*ids));
	const char **names = arena_alloc(r->a, (nm + 1) * sizeof(*names));
	for (size_t i = 0; i < nm; i++) {
		ids[i] = arena_printf(r->a, "%lld", (long long)m[i].u->id);
		names[i] = m[i].u->email;
	}
	const char **tids = arena_alloc(r->a, (nt + 2) * sizeof(*tids));
	const char **tnames = arena_alloc(r->a, (nt + 2) * sizeof(*tnames));
	tids[0] = "0";
	tnames[0] = T(r, "kein Team");
	for (size_t i = 0; i < nt; i++) {
		tids[i + 1] = arena_printf(r->a, "%lld", (long long)t[i].id);
		tnames[i + 1] = t[i].name;
	}
	html_open(&h, "form", "method", "post", "action", "/intern/beratung/teams/mitglied", NULL);
	fields_csrf(&h, r);
	struct fields_in who = { .name = "user_id", .id = "f-member", .label = T(r, "Beratung"), .required = 1 };
	fields_select(&h, r, &who, T(r, "– bitte wählen –"), ids, names, nm);
	struct fields_in team = { .name = "team_id", .id = "f-team", .label = T(r, "Team"), .required = 1 };
	fields_select(&h, r, &team, NULL, tids, tnames, nt + 1);
	struct fields_in lead = { .name = "lead", .id = "f-lead", .label = T(r, "leitet das Team") };
	fields_checkbox(&h, r, &lead, 0);
	html_elem(&h, "button", T(r, "Speichern"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");

	html_elem(&h, "h2", T(r, "Neues Team"), NULL);
	html_open(&h, "form", "method", "post", "action", "/intern/beratung/teams", NULL);
	fields_csrf(&h, r);
	struct fields_in name = { .name = "name", .id = "f-team-name", .label = T(r, "Name des Teams"), .required = 1,
				  .maxlen = 80 };
	fields_input(&h, r, &name);
	html_elem(&h, "button", T(r, "Team anlegen"), "type", "submit", "class", "button secondary", NULL);
	html_close(&h, "form");
	layout_end(&h, r);
}

void counsel_teams_page(struct req *r, struct resp *w)
{
	page(r, w, NULL);
}

void counsel_team_add(struct req *r, struct resp *w)
{
	static const struct field name_field[] = { { "name", FIELD_TEXT, FIELD_REQUIRED, 80, 0, 0, NULL } };
	struct form f;
	int64_t id = 0;
	form_validate(r, &r->form, name_field, 1, &f);
	int rc = f.nerr ? ST_CONFLICT : counsel_team_put(r->db, f.val[0], &id);
	if (rc == ST_CONFLICT) {
		page(r, w, f.nerr ? N_("Bitte einen Namen für das Team angeben.")
				  : N_("Ein Team mit diesem Namen gibt es schon."));
		return;
	}
	audit_add_req(r, "counsel_team_add", "counsel_team", arena_printf(r->a, "%lld", (long long)id),
		      rc == ST_OK ? "ok" : "failed", NULL);
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, "/intern/beratung/teams?ok=1");
}

void counsel_member_set(struct req *r, struct resp *w)
{
	int64_t user = 0, team = 0;
	const char *t = kv_get(&r->form, "team_id");
	int lead = kv_get(&r->form, "lead") != NULL;
	struct user_row u;
	int rc = counsel_parse_id(kv_get(&r->form, "user_id"), &user) == 0
			 ? auth_user_by_id(r->db, r->a, user, &u)
			 : ST_NOTFOUND;
	if (rc == ST_OK && !(u.roles & ROLE_COUNSELLOR))
		rc = ST_NOTFOUND;
	/* a team that exists, or none ("0", and then no lead) */
	if (rc == ST_OK && !(t && strcmp(t, "0") == 0)) {
		struct counsel_team *v;
		size_t n;
		int found = 0;
		rc = counsel_parse_id(t, &team) == 0 ? counsel_teams(r->db, r->a, &v, &n) : ST_NOTFOUND;
		for (size_t i = 0; rc == ST_OK && i < n; i++)
			found |= v[i].id == team;
		if (rc == ST_OK && !found)
			rc = ST_NOTFOUND;
	}
	if (rc == ST_NOTFOUND || (rc == ST_OK && lead && !team)) {
		page(r, w, N_("Bitte eine Beratung und ein Team wählen; leiten kann nur, wer in einem Team ist."));
		return;
	}
	if (rc == ST_OK)
		rc = counsel_staff_put(r->db, user, team, lead);
	audit_add_req(r, "counsel_team_member", "user", arena_printf(r->a, "%lld", (long long)user),
		      rc == ST_OK ? "ok" : "failed", arena_printf(r->a, "team %lld%s", (long long)team, lead ? ", lead" : ""));
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, "/intern/beratung/teams?ok=1");
}
