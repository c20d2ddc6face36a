/* members.c — who sits on the bodies, for the committee editors: a body's
 * memberships (person, role, from, until, voting right) added on the
 * body's page and changed at /intern/mitgliedschaften/ID (ending one is
 * setting its end); the persons at /intern/personen, one person's names
 * and memberships at /intern/personen/ID; the legislative terms at
 * /intern/wahlperioden. Each change and its audit row are one
 * transaction; a refused form comes back with its errors and what was
 * typed. Deletion goes through changes.c. */
#include "policy/editor_internal.h"
#include "policy/policy_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"
#include "http/server.h"

#include <inttypes.h>
#include <string.h>

#define ID_MAX 999999999999999LL

const struct field pol_member_fields[MBF__MAX] = {
	[MBF_PERSON] = { "person", FIELD_INT, 0, 15, 1, ID_MAX, NULL },
	[MBF_GIVEN] = { "vorname", FIELD_TEXT, 0, 100, 0, 0, NULL },
	[MBF_FAMILY] = { "nachname", FIELD_TEXT, 0, 100, 0, 0, NULL },
	[MBF_ORGANISATION] = { "organisation", FIELD_TEXT, 0, 200, 0, 0, NULL },
	[MBF_ROLE] = { "rolle", FIELD_TEXT, 0, 100, 0, 0, NULL },
	[MBF_START] = { "von", FIELD_TEXT, 0, 10, 0, 0, NULL },
	[MBF_END] = { "bis", FIELD_TEXT, 0, 10, 0, 0, NULL },
	[MBF_VOTING] = { "stimmrecht", FIELD_CHECKBOX, 0, 1, 0, 0, NULL },
};
const struct field pol_person_fields[PSF__MAX] = {
	[PSF_GIVEN] = { "vorname", FIELD_TEXT, 0, 100, 0, 0, NULL },
	[PSF_FAMILY] = { "nachname", FIELD_TEXT, FIELD_REQUIRED, 100, 0, 0, NULL },
	[PSF_ORGANISATION] = { "organisation", FIELD_TEXT, 0, 200, 0, 0, NULL },
};
const struct field pol_term_fields[TF__MAX] = {
	[TF_NAME] = { "name", FIELD_TEXT, FIELD_REQUIRED, 200, 0, 0, NULL },
	[TF_START] = { "von", FIELD_TEXT, 0, 10, 0, 0, NULL },
	[TF_END] = { "bis", FIELD_TEXT, 0, 10, 0, 0, NULL },
};

const char *const pol_date_problem = N_("Bitte ein Datum als JJJJ-MM-TT angeben, z. B. 2027-03-15.");

/* Check the dates start and end of f (either may be absent): real dates,
 * the end not before the start. */
static void check_dates(struct form *f, int start, int end)
{
	const int both[2] = { start, end };
	for (int k = 0; k < 2; k++) {
		int i = both[k];
		if (f->val[i] && !f->err[i] && !pol_is_date(f->val[i])) {
			f->err[i] = pol_date_problem;
			f->nerr++;
		}
	}
	if (!f->err[start] && !f->err[end] && f->val[start] && f->val[end] && strcmp(f->val[end], f->val[start]) < 0) {
		f->err[end] = N_("Das Ende liegt vor dem Beginn.");
		f->nerr++;
	}
}

static void failed(struct req *r, struct resp *w, int rc)
{
	if (rc == ST_NOTFOUND)
		layout_staff_not_found(r, w);
	else
		layout_staff_failed(r, w);
}

static const char *notice_of(struct req *r)
{
	return kv_get(&r->query, "gespeichert") ? T(r, "Gespeichert.") : NULL;
}

/* The audit row of a change of kind (its object type) id. */
static int audit_change(struct req *r, const char *action, const char *kind, int64_t id)
{
	return audit_add_req(r, action, kind, arena_printf(r->a, "%" PRId64, id), "ok", NULL);
}

/* "Given Family", or Family alone. */
static const char *full_name(struct req *r, const char *given, const char *family)
{
	return given && *given ? arena_printf(r->a, "%s %s", given, family) : family;
}

/* ---- a body's members ---- */

void pol_editor_member_create(struct req *r, struct resp *w)
{
	int64_t body = pol_param_id(r->params[0]);
	struct pol_body b;
	int rc = body ? pol_body_get(r->db, r->a, body, &b) : ST_NOTFOUND;
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	struct form f;
	form_validate(r, &r->form, pol_member_fields, MBF__MAX, &f);
	if (!f.val[MBF_PERSON] && !f.val[MBF_FAMILY] && !f.err[MBF_PERSON]) {
		f.err[MBF_PERSON] = N_("Bitte eine Person wählen oder unten den Namen einer neuen Person eingeben.");
		f.nerr++;
	}
	check_dates(&f, MBF_START, MBF_END);
	struct pol_person known;
	if (!f.nerr && f.val[MBF_PERSON]) {
		rc = pol_person_get(r->db, r->a, (int64_t)f.num[MBF_PERSON], &known);
		if (rc == ST_NOTFOUND) {
			f.err[MBF_PERSON] = N_("Diese Person gibt es nicht mehr. Bitte eine andere wählen.");
			f.nerr++;
		} else if (rc != ST_OK) {
			failed(r, w, rc);
			return;
		}
	}
	if (f.nerr) {
		w->status = 422;
		pol_editor_body_page(r, w, body, &(struct pol_body_forms){ .msf = &f }, NULL);
		return;
	}
	struct store_tx tx;
	int64_t person = f.val[MBF_PERSON] ? (int64_t)f.num[MBF_PERSON] : 0, id = 0;
	rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK && !person) {
		struct pol_person p = { .name = full_name(r, f.val[MBF_GIVEN], f.val[MBF_FAMILY]),
					.given_name = f.val[MBF_GIVEN], .family_name = f.val[MBF_FAMILY],
					.organisation = f.val[MBF_ORGANISATION] };
		rc = pol_person_save(r->db, &p, &person);
		if (rc == ST_OK)
			rc = audit_change(r, "policy.person.create", "pol_person", person);
	}
	if (rc == ST_OK) {
		struct pol_membership m = { .person_id = person, .body_id = body, .role = f.val[MBF_ROLE],
					    .start_date = f.val[MBF_START], .end_date = f.val[MBF_END],
					    .voting_right = f.val[MBF_VOTING] != NULL };
		rc = pol_membership_save(r->db, &m, &id);
	}
	if (rc == ST_OK)
		rc = audit_change(r, "policy.membership.create", "pol_membership", id);
	rc = store_tx_end(r->db, &tx, rc);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/gremien/%" PRId64 "?gespeichert=1#mitglieder", body));
}

void pol_editor_membership(struct req *r, struct resp *w)
{
	int64_t id = pol_param_id(r->params[0]);
	struct pol_membership m;
	int rc = id ? pol_membership_get(r->db, r->a, id, &m) : ST_NOTFOUND;
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	if (r->method != HTTP_POST) {
		pol_editor_view_membership(r, w, &m, NULL);
		return;
	}
	struct form f;
	form_validate(r, &r->form, pol_member_fields, MBF__MAX, &f);
	check_dates(&f, MBF_START, MBF_END);
	if (f.nerr) {
		w->status = 422;
		pol_editor_view_membership(r, w, &m, &f);
		return;
	}
	m.role = f.val[MBF_ROLE];
	m.start_date = f.val[MBF_START];
	m.end_date = f.val[MBF_END];
	m.voting_right = f.val[MBF_VOTING] != NULL;
	struct store_tx tx;
	rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = pol_membership_save(r->db, &m, NULL);
	if (rc == ST_OK)
		rc = audit_change(r, "policy.membership.update", "pol_membership", id);
	rc = store_tx_end(r->db, &tx, rc);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/gremien/%" PRId64 "?gespeichert=1#mitglieder", m.body_id));
}

/* ---- persons ---- */

static void persons_page(struct req *r, struct resp *w, const struct form *f, const char *notice)
{
	struct pol_person *p;
	size_t n;
	int rc = pol_person_list(r->db, r->a, &p, &n);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	pol_editor_view_persons(r, w, p, n, f, notice);
}

void pol_editor_persons(struct req *r, struct resp *w)
{
	persons_page(r, w, NULL, notice_of(r));
}

static struct pol_person person_of(struct req *r, const struct form *f, int64_t id)
{
	return (struct pol_person){ .id = id, .name = full_name(r, f->val[PSF_GIVEN], f->val[PSF_FAMILY]),
				    .given_name = f->val[PSF_GIVEN], .family_name = f->val[PSF_FAMILY],
				    .organisation = f->val[PSF_ORGANISATION] };
}

/* Save person p with its audit row (action) as one transaction. */
static int save_person(struct req *r, const struct pol_person *p, const char *action, int64_t *id)
{
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = pol_person_save(r->db, p, id);
	if (rc == ST_OK)
		rc = audit_change(r, action, "pol_person", *id);
	return store_tx_end(r->db, &tx, rc);
}

void pol_editor_person_create(struct req *r, struct resp *w)
{
	struct form f;
	form_validate(r, &r->form, pol_person_fields, PSF__MAX, &f);
	if (f.nerr) {
		w->status = 422;
		persons_page(r, w, &f, NULL);
		return;
	}
	struct pol_person p = person_of(r, &f, 0);
	int64_t id = 0;
	int rc = save_person(r, &p, "policy.person.create", &id);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/personen/%" PRId64 "?gespeichert=1", id));
}

void pol_editor_person(struct req *r, struct resp *w)
{
	int64_t id = pol_param_id(r->params[0]);
	struct pol_person p;
	struct pol_membership *ms = NULL;
	size_t nms = 0;
	int rc = id ? pol_person_get(r->db, r->a, id, &p) : ST_NOTFOUND;
	if (rc == ST_OK)
		rc = pol_person_memberships(r->db, r->a, id, &ms, &nms);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	if (r->method != HTTP_POST) {
		pol_editor_view_person(r, w, &p, ms, nms, NULL, notice_of(r));
		return;
	}
	struct form f;
	form_validate(r, &r->form, pol_person_fields, PSF__MAX, &f);
	if (f.nerr) {
		w->status = 422;
		pol_editor_view_person(r, w, &p, ms, nms, &f, NULL);
		return;
	}
	struct pol_person np = person_of(r, &f, id);
	rc = save_person(r, &np, "policy.person.update", &id);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/personen/%" PRId64 "?gespeichert=1", id));
}

/* ---- legislative terms ---- */

static void terms_page(struct req *r, struct resp *w, const struct form *f, const char *notice)
{
	struct pol_term *t;
	size_t n;
	int rc = pol_term_list(r->db, r->a, &t, &n);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	pol_editor_view_terms(r, w, t, n, f, notice);
}

void pol_editor_terms(struct req *r, struct resp *w)
{
	terms_page(r, w, NULL, notice_of(r));
}

/* The term of a valid form; -1 with the errors in f. */
static int term_of(struct req *r, struct form *f, int64_t id, struct pol_term *t)
{
	form_validate(r, &r->form, pol_term_fields, TF__MAX, f);
	check_dates(f, TF_START, TF_END);
	if (f->nerr)
		return -1;
	*t = (struct pol_term){ .id = id, .name = f->val[TF_NAME], .start_date = f->val[TF_START],
				.end_date = f->val[TF_END] };
	return 0;
}

static int save_term(struct req *r, const struct pol_term *t, const char *action, int64_t *id)
{
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = pol_term_save(r->db, t, id);
	if (rc == ST_OK)
		rc = audit_change(r, action, "pol_term", *id);
	return store_tx_end(r->db, &tx, rc);
}

void pol_editor_term_create(struct req *r, struct resp *w)
{
	struct form f;
	struct pol_term t;
	if (term_of(r, &f, 0, &t) != 0) {
		w->status = 422;
		terms_page(r, w, &f, NULL);
		return;
	}
	int64_t id = 0;
	int rc = save_term(r, &t, "policy.term.create", &id);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	resp_redirect(r, w, "/intern/wahlperioden?gespeichert=1");
}

void pol_editor_term(struct req *r, struct resp *w)
{
	int64_t id = pol_param_id(r->params[0]);
	struct pol_term old;
	int rc = id ? pol_term_get(r->db, r->a, id, &old) : ST_NOTFOUND;
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	if (r->method != HTTP_POST) {
		pol_editor_view_term(r, w, &old, NULL);
		return;
	}
	struct form f;
	struct pol_term t;
	if (term_of(r, &f, id, &t) != 0) {
		w->status = 422;
		pol_editor_view_term(r, w, &old, &f);
		return;
	}
	rc = save_term(r, &t, "policy.term.update", &id);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	resp_redirect(r, w, "/intern/wahlperioden?gespeichert=1");
}
