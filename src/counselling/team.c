/* team.c — the team lead's page (/intern/beratung/team): the caseload of
 * each counsellor of the team (open cases, follow-ups due, cases without
 * contact for 8 weeks), the team's cases that wait, and the reassignment
 * of a case to another counsellor of the team. Only the lead of a team
 * (counsel_staff.lead) reaches it; every other counsellor gets 403. The
 * page lists pseudonyms and counts, no case content. */
#include "counselling/counselling_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"

#include <string.h>

/* A counsellor's row of the caseload table. */
struct load {
	const struct counsel_person *p;
	long open, closed, due, quiet;
};

/* The team's cases (of v[0..n)), the lead's own team only. */
static size_t team_cases(const struct counsel_who *who, struct counsel_case *v, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i].team_id == who->team_id)
			v[k++] = v[i];
	return k;
}

static const char *person_name(const struct counsel_person *p)
{
	return p->name && *p->name ? p->name : p->email;
}

/* The name of owner among the members, or "–" (no longer in the team). */
static const char *owner_name(const struct counsel_person *m, size_t nm, int64_t owner)
{
	for (size_t i = 0; i < nm; i++)
		if (m[i].id == owner)
			return person_name(&m[i]);
	return "–";
}

static void caseload(html *h, struct req *r, const struct load *l, size_t nl)
{
	const char *const heads[] = { T(r, "Beratung"), T(r, "Offene Fälle"), T(r, "Fällige Wiedervorlagen"),
				      T(r, "Seit 8 Wochen ohne Kontakt"), T(r, "Abgeschlossen") };
	layout_table_begin(h, r, "last-caption", T(r, "Fallzahl je Beratung"), heads, NELEM(heads));
	for (size_t i = 0; i < nl; i++) {
		html_open(h, "tr", NULL);
		html_elem(h, "td", person_name(l[i].p), NULL);
		const long v[] = { l[i].open, l[i].due, l[i].quiet, l[i].closed };
		for (size_t k = 0; k < NELEM(v); k++)
			html_elem(h, "td", arena_printf(r->a, "%ld", v[k]), NULL);
		html_close(h, "tr");
	}
	layout_table_end(h);
}

/* The team's open cases that wait (due or quiet), with their counsellor. */
static void waiting(html *h, struct req *r, const struct counsel_case *v, size_t n, const struct counsel_person *m,
		    size_t nm, const char *today)
{
	html_elem(h, "h2", T(r, "Fälle, die warten"), NULL);
	size_t shown = 0, all = 0;
	for (size_t i = 0; i < n; i++)
		all += counsel_case_due(&v[i], today) || counsel_case_quiet(&v[i], today);
	if (!all) {
		html_elem(h, "p", T(r, "Keine Wiedervorlage ist fällig, jeder offene Fall hatte Kontakt."), NULL);
		return;
	}
	const char *const heads[] = { T(r, "Fall"), T(r, "Beratung"), T(r, "Letzter Kontakt"),
				      T(r, "Nächste Wiedervorlage") };
	layout_table_begin(h, r, "warten-caption", T(r, "Fälle mit fälliger Wiedervorlage oder ohne Kontakt"), heads,
			   NELEM(heads));
	for (size_t i = 0; i < n && shown < COUNSEL_WORK_ROWS; i++) {
		const struct counsel_case *c = &v[i];
		if (!counsel_case_due(c, today) && !counsel_case_quiet(c, today))
			continue;
		shown++;
		html_open(h, "tr", NULL);
		html_open(h, "td", NULL);
		html_elem(h, "a", c->pseudonym, "href", arena_printf(r->a, "/intern/beratung/%s", c->pseudonym), "class",
			  "pseudonym", NULL);
		html_close(h, "td");
		html_elem(h, "td", owner_name(m, nm, c->owner_id), NULL);
		html_elem(h, "td", c->last_contact ? layout_date(r, c->last_contact) : T(r, "noch keiner"), NULL);
		html_elem(h, "td", c->next_follow_up ? layout_date(r, c->next_follow_up) : "–", NULL);
		html_close(h, "tr");
	}
	layout_table_end(h);
	if (all > shown) {
		html_open(h, "p", NULL);
		layout_fill(h, r, T(r, "… und {1} weitere."), arena_printf(r->a, "%zu", all - shown), NULL);
		html_close(h, "p");
	}
}

/* The form that gives an open case of the team to another counsellor;
 * f: the form sent with errors (pseudonym, user_id), or NULL. */
static void reassign_form(html *h, struct req *r, const struct counsel_case *v, size_t n,
			  const struct counsel_person *m, size_t nm, const struct form *f)
{
	html_elem(h, "h2", T(r, "Fall neu zuweisen"), "id", "zuweisen", NULL);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += strcmp(v[i].status, "open") == 0;
	if (!k || nm < 2) {
		html_elem(h, "p", T(r, "Es gibt keinen offenen Fall, den Sie neu zuweisen könnten."), NULL);
		return;
	}
	const char **ids = arena_alloc(r->a, (nm + 1) * sizeof(*ids));
	const char **names = arena_alloc(r->a, (nm + 1) * sizeof(*names));
	for (size_t i = 0; i < nm; i++) {
		ids[i] = arena_printf(r->a, "%lld", (long long)m[i].id);
		names[i] = person_name(&m[i]);
	}
	html_elem(h, "p",
		  T(r, "Der Fall geht mit allem, was zu ihm gehört, an die gewählte Beratung. Die bisherige Beratung "
		       "sieht ihn danach nicht mehr. Die Zuweisung wird protokolliert."),
		  NULL);
	html_open(h, "form", "method", "post", "action", "/intern/beratung/team/zuweisen", NULL);
	fields_csrf(h, r);
	/* the pseudonym typed: a team has too many cases for a list to choose from */
	struct fields_in c = { .name = "pseudonym", .id = "f-case", .label = T(r, "Fall"),
			       .hint = T(r, "Das Kürzel eines offenen Falls des Teams, etwa K-7Q4M"), .required = 1,
			       .maxlen = COUNSEL_PSEUDONYM_LEN, .autocomplete = "off",
			       .value = f ? f->val[0] : NULL, .err = f ? f->err[0] : NULL };
	fields_input(h, r, &c);
	struct fields_in to = { .name = "user_id", .id = "f-to", .label = T(r, "an"), .required = 1,
				.value = f ? f->val[1] : NULL, .err = f ? f->err[1] : NULL };
	fields_select(h, r, &to, T(r, "– bitte wählen –"), ids, names, nm);
	html_elem(h, "button", T(r, "Zuweisen"), "type", "submit", "class", "button", NULL);
	html_close(h, "form");
}

/* The lead's page; f: the reassignment sent with errors, or NULL. */
static void team_page(struct req *r, struct resp *w, const struct form *f)
{
	struct counsel_who who;
	struct counsel_case *v;
	struct counsel_person *m;
	size_t n, nm;
	int rc = counsel_who_load(r->db, r->user->id, &who);
	if (rc == ST_OK && (!who.lead || !who.team_id)) {
		layout_staff_problem(r, w, 403, T(r, "Nur für die Teamleitung"),
				     T(r, "Diese Seite zeigt die Fälle eines Teams. Sie sieht nur, wer ein Team leitet."));
		return;
	}
	if (rc == ST_OK)
		rc = counsel_case_list(r->db, r->a, &who, &v, &n);
	if (rc == ST_OK)
		rc = counsel_team_members(r->db, r->a, who.team_id, &m, &nm);
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	n = team_cases(&who, v, n);
	audit_add_req(r, "counsel_team", "counsel_team", arena_printf(r->a, "%lld", (long long)who.team_id), "ok",
		      arena_printf(r->a, "%zu", n));
	char today[11];
	counsel_today(core_now(), today);
	struct load *l = arena_alloc(r->a, (nm + 1) * sizeof(*l));
	for (size_t i = 0; i < nm; i++) {
		l[i] = (struct load){ .p = &m[i] };
		for (size_t k = 0; k < n; k++) {
			if (v[k].owner_id != m[i].id)
				continue;
			int open = strcmp(v[k].status, "open") == 0;
			l[i].open += open;
			l[i].closed += !open;
			l[i].due += counsel_case_due(&v[k], today);
			l[i].quiet += counsel_case_quiet(&v[k], today);
		}
	}
	if (f)
		w->status = 422;
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Beratung: Team"));
	if (f)
		fields_alert(&h, T(r, "Bitte das Kürzel eines Falls und eine Beratung aus dem Team angeben."));
	else if (kv_get(&r->query, "ok"))
		fields_notice(&h, T(r, "Der Fall ist neu zugewiesen."));
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Zurück zu den Fällen"), "href", "/intern/beratung", NULL);
	html_close(&h, "p");
	caseload(&h, r, l, nm);
	waiting(&h, r, v, n, m, nm, today);
	reassign_form(&h, r, v, n, m, nm, f);
	layout_end(&h, r);
}

void counsel_team_page(struct req *r, struct resp *w)
{
	team_page(r, w, NULL);
}

void counsel_reassign(struct req *r, struct resp *w)
{
	static const struct field fields[] = {
		{ "pseudonym", FIELD_TEXT, FIELD_REQUIRED, COUNSEL_PSEUDONYM_LEN, 0, 0, NULL },
		{ "user_id", FIELD_TEXT, FIELD_REQUIRED, 15, 0, 0, NULL },
	};
	struct form f;
	struct counsel_who who;
	struct counsel_case c;
	int64_t to = 0;
	form_validate(r, &r->form, fields, NELEM(fields), &f);
	if (f.val[0]) { /* k-7q4m is K-7Q4M */
		char *up = arena_strdup(r->a, f.val[0]);
		for (char *p = up; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
		f.val[0] = up;
	}
	int rc = counsel_who_load(r->db, r->user->id, &who);
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	if (!who.lead || !who.team_id) {
		team_page(r, w, NULL); /* its 403 */
		return;
	}
	/* a case of the lead's team, open, to a member of the team */
	rc = f.err[0] ? ST_NOTFOUND : counsel_case_get(r->db, r->a, &who, f.val[0], &c);
	if (rc == ST_OK) {
		counsel_key_forget(&c.key);
		if (c.team_id != who.team_id || strcmp(c.status, "open") != 0)
			rc = ST_NOTFOUND;
	}
	if (rc == ST_NOTFOUND && !f.err[0])
		f.err[0] = N_("Bitte das Kürzel eines offenen Falls des Teams angeben.");
	struct counsel_person *m = NULL;
	size_t nm = 0;
	int member = 0;
	if (rc != ST_ERR && counsel_parse_id(f.val[1], &to) == 0) {
		if (counsel_team_members(r->db, r->a, who.team_id, &m, &nm) != ST_OK)
			rc = ST_ERR;
		for (size_t i = 0; i < nm; i++)
			member |= m[i].id == to;
	}
	if (rc != ST_ERR && !member && !f.err[1])
		f.err[1] = N_("Bitte eine Beratung aus dem Team wählen.");
	if (rc == ST_ERR) {
		layout_staff_failed(r, w);
		return;
	}
	if (f.err[0] || f.err[1]) {
		audit_add_req(r, "counsel_reassign", "counsel_case", counsel_pseudonym_valid(f.val[0]) ? f.val[0] : "-",
			      "denied", NULL);
		team_page(r, w, &f);
		return;
	}
	if (c.restricted && counsel_frozen(r, w, &c))
		return;
	rc = to == c.owner_id ? ST_OK : counsel_case_reassign(r->db, c.id, c.owner_id, to);
	audit_add_req(r, "counsel_reassign", "counsel_case", c.pseudonym, rc == ST_OK ? "ok" : "failed",
		      arena_printf(r->a, "%lld -> %lld", (long long)c.owner_id, (long long)to));
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, "/intern/beratung/team?ok=1#zuweisen");
}
