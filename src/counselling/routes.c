/* routes.c — the counsellor's pages of a case: access (own, shared, the
 * team's for a lead; anything else is 404), the case list with what is
 * due, a new case, the case page, the profile, the identity screen,
 * closing and restricting. Every read and change is audited under the
 * case's pseudonym. The plan, consent, sessions, referrals: plan.c. */
#include "counselling/counselling_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "directory/directory.h"
#include "html/fields.h"
#include "html/layout.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const struct field counsel_case_fields[CF__MAX] = {
	[CF_AGE] = { "age_band", FIELD_CHOICE, FIELD_REQUIRED, 8, 0, 0, counsel_age_bands },
	[CF_LANGS] = { "languages", FIELD_TEXT, 0, 60, 0, 0, NULL },
	[CF_LEVEL] = { "german_level", FIELD_CHOICE, 0, 2, 0, 0, counsel_levels },
	[CF_CERT] = { "school_cert", FIELD_TEXT, 0, 120, 0, 0, NULL },
	[CF_COUNTRY] = { "school_country", FIELD_TEXT, 0, 80, 0, 0, NULL },
	[CF_RECOG] = { "recognition", FIELD_TEXT, 0, 120, 0, 0, NULL },
	[CF_STAGE] = { "stage", FIELD_TEXT, 0, 64, 0, 0, NULL },
	[CF_GROUP] = { "target_group", FIELD_TEXT, 0, 64, 0, 0, NULL },
	[CF_DISTRICT] = { "district", FIELD_TEXT, 0, 64, 0, 0, NULL },
	[CF_NEEDS] = { "needs", FIELD_TEXT, 0, 64, 0, 0, NULL },
	[CF_INTERESTS] = { "interests", FIELD_MULTILINE, 0, 2000, 0, 0, NULL },
	[CF_RESIDENCE] = { "residence", FIELD_CHOICE, 0, 16, 0, 0, counsel_residences },
	[CF_NAME] = { "name", FIELD_TEXT, FIELD_REQUIRED, 200, 0, 0, NULL },
	[CF_FIRST] = { "first_name", FIELD_TEXT, FIELD_REQUIRED, 100, 0, 0, NULL },
	[CF_CONTACT] = { "contact", FIELD_TEXT, 0, 300, 0, 0, NULL },
	[CF_BIRTH] = { "birth_date", FIELD_TEXT, 0, 10, 0, 0, NULL },
	[CF_GUARDIAN] = { "guardian", FIELD_TEXT, 0, 300, 0, 0, NULL },
};

int counsel_parse_id(const char *s, int64_t *id)
{
	size_t n = s ? strspn(s, "0123456789") : 0;
	if (n == 0 || n > 15 || s[n] || s[0] == '0')
		return -1;
	*id = strtoll(s, NULL, 10);
	return 0;
}

int counsel_load(struct req *r, struct resp *w, const char *action, struct counsel_who *who, struct counsel_case *c)
{
	const char *p = r->params[0];
	int rc = r->user ? counsel_who_load(r->db, r->user->id, who) : ST_NOTFOUND;
	if (rc == ST_OK)
		rc = counsel_case_get(r->db, r->a, who, p, c);
	if (rc == ST_NOTFOUND) {
		/* an attempt at a case that is not the user's (or none) */
		audit_add_req(r, action ? action : "counsel_change", "counsel_case", counsel_pseudonym_valid(p) ? p : "-",
			      "denied", NULL);
		layout_staff_not_found(r, w);
	} else if (rc != ST_OK) {
		layout_staff_failed(r, w);
	} else if (action && audit_add_req(r, action, "counsel_case", c->pseudonym, "ok", NULL) != ST_OK) {
		/* no read without its audit row */
		layout_staff_failed(r, w);
		rc = ST_ERR;
	}
	return rc == ST_OK ? 0 : -1;
}

int counsel_frozen(struct req *r, struct resp *w, const struct counsel_case *c)
{
	if (!c->restricted)
		return 0;
	layout_staff_problem(r, w, 409, T(r, "Die Verarbeitung ist eingeschränkt"),
			     T(r, "Dieser Fall ist eingeschränkt (Art. 18 DSGVO): Er kann angesehen, aber nicht "
				  "geändert werden. Heben Sie die Einschränkung zuerst auf."));
	return 1;
}

void counsel_done(struct req *r, struct resp *w, const struct counsel_case *c, const char *action, int rc,
		  const char *anchor)
{
	audit_add_req(r, action, "counsel_case", c->pseudonym, rc == ST_OK ? "ok" : "failed", NULL);
	if (rc == ST_NOTFOUND) {
		layout_staff_not_found(r, w);
		return;
	}
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w,
		      arena_printf(r->a, "/intern/beratung/%s?ok=1%s%s", c->pseudonym, anchor ? "#" : "",
				   anchor ? anchor : ""));
}

/* Does hay hold needle, ignoring the case of ASCII letters? */
static int holds(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *p = hay; *p; p++)
		if (strncasecmp(p, needle, n) == 0)
			return 1;
	return 0;
}

/* Keep of v[0..*n) the cases whose pseudonym, name or first name holds q
 * (the identities opened one by one: they are sealed). ST_OK or ST_ERR. */
static int search(struct req *r, const char *q, struct counsel_case *v, size_t *n)
{
	size_t k = 0;
	for (size_t i = 0; i < *n; i++) {
		int hit = holds(v[i].pseudonym, q);
		if (!hit) {
			struct counsel_case c;
			struct counsel_identity id;
			int rc = counsel_case_by_pseudonym(r->db, r->a, v[i].pseudonym, &c);
			if (rc == ST_OK)
				rc = counsel_identity_get(r->db, r->a, &c, &id);
			counsel_key_forget(&c.key);
			if (rc != ST_OK)
				return ST_ERR;
			hit = holds(id.name, q) || holds(id.first_name, q);
		}
		if (hit)
			v[k++] = v[i];
	}
	*n = k;
	return ST_OK;
}

/* The list of r's user's cases (q: only those found by it), page page. */
static void list(struct req *r, struct resp *w, const char *q, long page)
{
	struct counsel_who who;
	struct counsel_case *v;
	size_t n;
	if (counsel_who_load(r->db, r->user->id, &who) != ST_OK ||
	    counsel_case_list(r->db, r->a, &who, &v, &n) != ST_OK || (q && search(r, q, v, &n) != ST_OK)) {
		layout_staff_failed(r, w);
		return;
	}
	/* a search is audited by its number of hits, never by what was asked */
	audit_add_req(r, q ? "counsel_search" : "counsel_list", "counsel_case", "*", "ok", arena_printf(r->a, "%zu", n));
	char today[11];
	counsel_today(core_now(), today);
	if ((size_t)(page - 1) * COUNSEL_PAGE_ROWS >= n && page > 1) {
		layout_staff_not_found(r, w);
		return;
	}
	struct counsel_list_view lv = { v, n, today, page, q, who.lead && who.team_id };
	counsel_view_list(r, w, &lv);
}

void counsel_list(struct req *r, struct resp *w)
{
	static const struct field page_field[] = { { "seite", FIELD_INT, 0, 6, 1, 100000, NULL } };
	struct form q;
	if (form_validate(r, &r->query, page_field, 1, &q)) {
		w->status = 400;
		layout_error_page(r, w, 400);
		return;
	}
	list(r, w, NULL, q.val[0] ? (long)q.num[0] : 1);
}

/* A search by name is a POST: a name never goes into a URL (history,
 * logs of proxies). */
void counsel_search_post(struct req *r, struct resp *w)
{
	static const struct field q_field[] = { { "q", FIELD_TEXT, 0, 100, 0, 0, NULL } };
	struct form q;
	form_validate(r, &r->form, q_field, 1, &q);
	if (q.err[0] || !q.val[0]) {
		list(r, w, NULL, 1);
		return;
	}
	w->no_store = 1;
	list(r, w, q.val[0], 1);
}

void counsel_new_form(struct req *r, struct resp *w)
{
	counsel_view_new(r, w, NULL);
}

/* Is every comma-separated item of s a language code (2-3 lower-case
 * letters)? "" is. */
static int lang_list_valid(const char *s)
{
	if (!s)
		return 1;
	for (const char *p = s; *p;) {
		p += strspn(p, " ,");
		size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyz");
		if (*p && (n < 2 || n > 3))
			return 0;
		p += n;
		if (*p && *p != ',' && *p != ' ')
			return 0;
	}
	return 1;
}

/* Is code a term of taxonomy (or absent)? */
static int term_valid(struct req *r, const char *taxonomy, const char *code)
{
	if (!code)
		return 1;
	size_t nt;
	struct dir_taxonomy *t = dir_taxonomies(r->db, r->a, "de", &nt);
	return t && dir_term_find(t, nt, taxonomy, code) != NULL;
}

/* The needs ticked (every "needs" value of the form), checked against
 * the taxonomy angebotsart, comma-separated into *out. 0, or -1. */
static int read_needs(struct req *r, const char **out)
{
	buf b;
	buf_init(&b, 4096);
	int bad = 0;
	for (size_t i = 0; i < r->form.n; i++) {
		if (strcmp(r->form.items[i].key, "needs") != 0 || !*r->form.items[i].val)
			continue;
		if (!term_valid(r, "angebotsart", r->form.items[i].val))
			bad = 1;
		else {
			if (b.len)
				buf_putc(&b, ',');
			buf_puts(&b, r->form.items[i].val);
		}
	}
	*out = arena_strdup(r->a, buf_str(&b));
	buf_free(&b);
	return bad ? -1 : 0;
}

const char *counsel_form_needs(struct req *r)
{
	const char *list = "";
	for (size_t i = 0; i < r->form.n; i++)
		if (strcmp(r->form.items[i].key, "needs") == 0 && *r->form.items[i].val &&
		    strlen(r->form.items[i].val) < 64 && !strchr(r->form.items[i].val, ','))
			list = *list ? arena_printf(r->a, "%s,%s", list, r->form.items[i].val) : r->form.items[i].val;
	return list;
}

/* Validate the profile (and, identity 1, the identity) into c and id;
 * the number of errors. */
static int read_case_form(struct req *r, struct form *f, int identity, struct counsel_case *c,
			  struct counsel_identity *id)
{
	form_validate(r, &r->form, counsel_case_fields, identity ? CF__MAX : CF_NAME, f);
	static const struct {
		int field;
		const char *taxonomy;
	} terms[] = { { CF_STAGE, "uebergangsphase" }, { CF_GROUP, "zielgruppe" }, { CF_DISTRICT, "ort" } };
	for (size_t i = 0; i < sizeof(terms) / sizeof(terms[0]); i++)
		if (!f->err[terms[i].field] && !term_valid(r, terms[i].taxonomy, f->val[terms[i].field])) {
			f->err[terms[i].field] = N_("Bitte einen Eintrag aus der Liste wählen.");
			f->nerr++;
		}
	if (!f->err[CF_LANGS] && !lang_list_valid(f->val[CF_LANGS])) {
		f->err[CF_LANGS] = N_("Bitte Sprachkürzel wie ar, fa, tr durch Kommas getrennt angeben.");
		f->nerr++;
	}
	const char *needs = "";
	if (read_needs(r, &needs) != 0) {
		f->err[CF_NEEDS] = N_("Bitte einen Eintrag aus der Liste wählen.");
		f->nerr++;
	}
	if (identity && f->val[CF_BIRTH] && !f->err[CF_BIRTH] && !counsel_day_valid(f->val[CF_BIRTH])) {
		f->err[CF_BIRTH] = N_("Bitte ein Datum wie 2009-03-14 angeben.");
		f->nerr++;
	}
#define V(i) (f->val[i] ? f->val[i] : "")
	*c = (struct counsel_case){ .age_band = V(CF_AGE),        .languages = V(CF_LANGS),
				    .german_level = V(CF_LEVEL),  .school_cert = V(CF_CERT),
				    .school_country = V(CF_COUNTRY), .recognition = V(CF_RECOG),
				    .stage = V(CF_STAGE),         .target_group = V(CF_GROUP),
				    .district = V(CF_DISTRICT),   .needs = needs,
				    .residence = counsel_residence_on() ? V(CF_RESIDENCE) : NULL,
				    .interests = V(CF_INTERESTS) };
	if (identity)
		*id = (struct counsel_identity){ V(CF_NAME), V(CF_FIRST), V(CF_CONTACT), V(CF_BIRTH), V(CF_GUARDIAN) };
#undef V
	return f->nerr;
}

void counsel_create(struct req *r, struct resp *w)
{
	struct form f;
	struct counsel_case c;
	struct counsel_identity id;
	if (read_case_form(r, &f, 1, &c, &id)) {
		w->status = 422;
		counsel_view_new(r, w, &f);
		return;
	}
	struct counsel_who who;
	char today[11], pseudonym[COUNSEL_PSEUDONYM_LEN + 1];
	counsel_today(core_now(), today);
	struct store_tx tx;
	int rc = counsel_who_load(r->db, r->user->id, &who);
	if (rc == ST_OK)
		rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK) {
		rc = counsel_case_create(r->db, r->a, &who, &c, &id, today, pseudonym);
		if (rc == ST_OK)
			rc = audit_add_req(r, "counsel_create", "counsel_case", pseudonym, "ok", NULL);
		rc = store_tx_end(r->db, &tx, rc);
	}
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/beratung/%s?ok=1", pseudonym));
}

/* May who share case c (its owner, or the lead of its team)? */
static int may_share(const struct counsel_who *who, const struct counsel_case *c)
{
	return c->owner_id == who->user_id || (who->lead && who->team_id && who->team_id == c->team_id);
}

void counsel_case_page(struct req *r, struct resp *w)
{
	struct counsel_who who;
	struct counsel_case c;
	if (counsel_load(r, w, "counsel_read", &who, &c) != 0)
		return;
	struct counsel_file f;
	int rc = counsel_file_load(r->db, r->a, &c, &f);
	counsel_key_forget(&c.key);
	f.may_share = may_share(&who, &c);
	if (rc == ST_OK)
		rc = counsel_shares(r->db, r->a, c.id, &f.shares, &f.nshares);
	if (rc == ST_OK && f.may_share && c.team_id)
		rc = counsel_team_members(r->db, r->a, c.team_id, &f.team, &f.nteam);
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	const char *ok = kv_get(&r->query, "ok");
	struct counsel_case_view v = { .f = &f, .notice = ok ? T(r, "Gespeichert.") : NULL };
	counsel_view_case(r, w, &v);
}

void counsel_profile_save(struct req *r, struct resp *w)
{
	struct counsel_who who;
	struct counsel_case c, in;
	struct form f;
	if (counsel_load(r, w, NULL, &who, &c) != 0 || counsel_frozen(r, w, &c))
		return;
	if (read_case_form(r, &f, 0, &in, NULL)) {
		/* the case page again, the profile's form open with what was chosen */
		struct counsel_file file;
		int rc = counsel_file_load(r->db, r->a, &c, &file);
		counsel_key_forget(&c.key);
		if (rc != ST_OK) {
			layout_staff_failed(r, w);
			return;
		}
		w->status = 422;
		struct counsel_case_view v = { .f = &file, .profile = &f };
		counsel_view_case(r, w, &v);
		return;
	}
	counsel_done(r, w, &c, "counsel_profile", counsel_profile_update(r->db, r->a, &c, &in), "profil");
}

void counsel_identity_page(struct req *r, struct resp *w)
{
	struct counsel_who who;
	struct counsel_case c;
	struct counsel_identity id;
	if (counsel_load(r, w, "counsel_identity_read", &who, &c) != 0)
		return;
	int rc = counsel_identity_get(r->db, r->a, &c, &id);
	counsel_key_forget(&c.key);
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	counsel_view_identity(r, w, &c, &id, kv_get(&r->query, "ok") ? T(r, "Gespeichert.") : NULL, NULL);
}

void counsel_identity_save(struct req *r, struct resp *w)
{
	struct counsel_who who;
	struct counsel_case c;
	struct form f;
	if (counsel_load(r, w, NULL, &who, &c) != 0 || counsel_frozen(r, w, &c))
		return;
	struct form part;
	form_validate(r, &r->form, counsel_case_fields + CF_NAME, CF__MAX - CF_NAME, &part);
	/* as a form of all the case's fields, the identity's filled */
	memset(&f, 0, sizeof(f));
	f.n = CF__MAX;
	f.nerr = part.nerr;
	for (int i = CF_NAME; i < CF__MAX; i++) {
		f.val[i] = part.val[i - CF_NAME];
		f.err[i] = part.err[i - CF_NAME];
	}
	if (f.val[CF_BIRTH] && !f.err[CF_BIRTH] && !counsel_day_valid(f.val[CF_BIRTH])) {
		f.err[CF_BIRTH] = N_("Bitte ein Datum wie 2009-03-14 angeben.");
		f.nerr++;
	}
#define V(i) (f.val[i] ? f.val[i] : "")
	struct counsel_identity id = { V(CF_NAME), V(CF_FIRST), V(CF_CONTACT), V(CF_BIRTH), V(CF_GUARDIAN) };
#undef V
	if (f.nerr) {
		counsel_key_forget(&c.key);
		w->status = 422;
		counsel_view_identity(r, w, &c, &id, NULL, &f);
		return;
	}
	int rc = counsel_identity_put(r->db, r->a, &c, &id);
	counsel_key_forget(&c.key);
	audit_add_req(r, "counsel_identity_change", "counsel_case", c.pseudonym, rc == ST_OK ? "ok" : "failed", NULL);
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/beratung/%s/identitaet?ok=1", c.pseudonym));
}

void counsel_close(struct req *r, struct resp *w)
{
	struct counsel_who who;
	struct counsel_case c;
	char today[11];
	if (counsel_load(r, w, NULL, &who, &c) != 0 || counsel_frozen(r, w, &c))
		return;
	counsel_today(core_now(), today);
	counsel_done(r, w, &c, strcmp(c.status, "open") == 0 ? "counsel_close" : "counsel_reopen",
		     counsel_case_close(r->db, &c, today), NULL);
}

void counsel_restrict(struct req *r, struct resp *w)
{
	struct counsel_who who;
	struct counsel_case c;
	if (counsel_load(r, w, NULL, &who, &c) != 0)
		return;
	counsel_done(r, w, &c, c.restricted ? "counsel_unrestrict" : "counsel_restrict",
		     counsel_case_restrict(r->db, &c, !c.restricted), NULL);
}

/* ---- break-glass reading ----
 *
 * A counsellor who is not the case's own may read it in an emergency
 * (the young person in danger, the own counsellor unreachable), after
 * stating why. The form is the same for every pseudonym, so it tells
 * nothing about which cases exist; the read is audited and shows on the
 * case for its counsellor. Nothing can be changed on such a read. */

#define GLASS_MIN_REASON 20

static void glass_page(struct req *r, struct resp *w, const char *pseudonym, const char *reason, const char *err)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, arena_printf(r->a, "%s: %s", T(r, "Notfallzugriff"), pseudonym));
	if (err)
		fields_alert(&h, T(r, err));
	html_elem(&h, "p",
		  T(r, "Nur im Notfall: wenn ein junger Mensch Hilfe braucht und die zuständige Beratung nicht erreichbar "
		       "ist. Der Zugriff wird mit Ihrem Grund protokolliert und der zuständigen Beratung auf dem Fall "
		       "angezeigt."),
		  NULL);
	html_open(&h, "form", "method", "post", "action", arena_printf(r->a, "/intern/beratung/%s/notfall", pseudonym),
		  NULL);
	fields_csrf(&h, r);
	struct fields_in in = { .name = "reason", .id = "f-reason", .label = T(r, "Grund"),
				.hint = T(r, "Mindestens 20 Zeichen: Was ist passiert, warum jetzt?"), .value = reason,
				.err = err, .maxlen = 500, .rows = 3, .required = 1 };
	fields_textarea(&h, r, &in);
	html_elem(&h, "button", T(r, "Fall lesen"), "type", "submit", "class", "button danger", NULL);
	html_close(&h, "form");
	layout_end(&h, r);
}

void counsel_glass_form(struct req *r, struct resp *w)
{
	if (!counsel_pseudonym_valid(r->params[0])) {
		layout_staff_not_found(r, w);
		return;
	}
	glass_page(r, w, r->params[0], NULL, NULL);
}

void counsel_glass_read(struct req *r, struct resp *w)
{
	static const struct field reason_field[] = { { "reason", FIELD_MULTILINE, FIELD_REQUIRED, 500, 0, 0, NULL } };
	const char *p = r->params[0];
	struct form f;
	if (!counsel_pseudonym_valid(p)) {
		layout_staff_not_found(r, w);
		return;
	}
	form_validate(r, &r->form, reason_field, 1, &f);
	if (!f.err[0] && (!f.val[0] || utf8_count(f.val[0], strlen(f.val[0])) < GLASS_MIN_REASON))
		f.err[0] = N_("Bitte nennen Sie den Grund in mindestens 20 Zeichen.");
	if (f.err[0]) {
		w->status = 422;
		glass_page(r, w, p, f.val[0], f.err[0]);
		return;
	}
	struct counsel_case c;
	int rc = counsel_case_by_pseudonym(r->db, r->a, p, &c);
	if (rc == ST_NOTFOUND) {
		audit_add_req(r, "counsel_break_glass", "counsel_case", p, "denied", NULL);
		layout_staff_not_found(r, w);
		return;
	}
	struct counsel_file file;
	struct store_tx tx;
	if (rc == ST_OK)
		rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK) {
		rc = counsel_glass_put(r->db, r->a, &c, r->user->id, f.val[0]);
		if (rc == ST_OK)
			rc = audit_add_req(r, "counsel_break_glass", "counsel_case", c.pseudonym, "ok", NULL);
		rc = store_tx_end(r->db, &tx, rc);
	}
	if (rc == ST_OK)
		rc = counsel_file_load(r->db, r->a, &c, &file);
	counsel_key_forget(&c.key);
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	file.c.frozen = 1;
	w->no_store = 1;
	struct counsel_case_view v = { .f = &file, .glass = 1 };
	counsel_view_case(r, w, &v);
}

/* ---- sharing a case within its team ---- */

void counsel_share_add(struct req *r, struct resp *w)
{
	struct counsel_who who;
	struct counsel_case c;
	int64_t user;
	if (counsel_load(r, w, NULL, &who, &c) != 0 || counsel_frozen(r, w, &c))
		return;
	counsel_key_forget(&c.key);
	if (!may_share(&who, &c)) {
		layout_staff_problem(r, w, 403, T(r, "Nicht geteilt"),
				     T(r, "Einen Fall teilen nur die zuständige Beratung und die Teamleitung."));
		return;
	}
	/* only with a counsellor of the case's team, not its owner */
	struct counsel_person *team = NULL;
	size_t n = 0;
	int rc = c.team_id ? counsel_team_members(r->db, r->a, c.team_id, &team, &n) : ST_OK;
	int found = 0;
	if (counsel_parse_id(kv_get(&r->form, "user_id"), &user) == 0)
		for (size_t i = 0; i < n; i++)
			found |= team[i].id == user && user != c.owner_id;
	if (rc == ST_OK && !found) {
		layout_staff_problem(r, w, 422, T(r, "Nicht geteilt"),
				     T(r, "Bitte eine Person aus dem Team des Falls wählen."));
		return;
	}
	if (rc == ST_OK)
		rc = counsel_share_put(r->db, c.id, user);
	counsel_done(r, w, &c, "counsel_share", rc, "teilen");
}

void counsel_share_remove(struct req *r, struct resp *w)
{
	struct counsel_who who;
	struct counsel_case c;
	int64_t user;
	if (counsel_load(r, w, NULL, &who, &c) != 0)
		return;
	counsel_key_forget(&c.key);
	if (!may_share(&who, &c)) {
		layout_staff_problem(r, w, 403, T(r, "Nicht geändert"),
				     T(r, "Das Teilen ändern nur die zuständige Beratung und die Teamleitung."));
		return;
	}
	int rc = counsel_parse_id(r->params[1], &user) == 0 ? counsel_share_delete(r->db, c.id, user) : ST_NOTFOUND;
	counsel_done(r, w, &c, "counsel_unshare", rc, "teilen");
}
