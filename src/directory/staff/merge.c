/* merge.c — merging two offers, or two providers, field by field: the
 * fields in which the duplicate and the survivor differ, each with the
 * editor's choice (by default a value the survivor lacks comes from the
 * duplicate), and the phones and contacts of the duplicate that the
 * survivor lacks, which come over anyway; so that nothing is lost
 * without the editor seeing it. */
#include "directory/staff/staff_internal.h"
#include "core/core.h"
#include "core/i18n.h"

#include <stddef.h>
#include <string.h>

/* A field an editor chooses between, by its offset in the record's
 * struct: a text (status and delivery shown by their labels) or a number
 * (-1: not stated). */
enum pick_type { PICK_TEXT, PICK_NUMBER, PICK_STATUS, PICK_DELIVERY };
struct pick {
	const char *key, *label; /* label: msgid */
	size_t off;
	enum pick_type type;
};

static const struct pick offer_picks[] = {
	{ "name", N_("Name des Angebots"), offsetof(struct dir_service, name), PICK_TEXT },
	{ "alternate_name", N_("Andere Bezeichnung"), offsetof(struct dir_service, alternate_name), PICK_TEXT },
	{ "description", N_("Beschreibung"), offsetof(struct dir_service, description), PICK_TEXT },
	{ "status", N_("Status"), offsetof(struct dir_service, status), PICK_STATUS },
	{ "delivery", N_("Form"), offsetof(struct dir_service, delivery), PICK_DELIVERY },
	{ "alert", N_("Aktueller Hinweis"), offsetof(struct dir_service, alert), PICK_TEXT },
	{ "eligibility_description", N_("Voraussetzungen"), offsetof(struct dir_service, eligibility_description),
	  PICK_TEXT },
	{ "minimum_age", N_("Mindestalter"), offsetof(struct dir_service, minimum_age), PICK_NUMBER },
	{ "maximum_age", N_("Höchstalter"), offsetof(struct dir_service, maximum_age), PICK_NUMBER },
	{ "capacity", N_("Plätze"), offsetof(struct dir_service, capacity), PICK_NUMBER },
	{ "application_process", N_("Anmeldung"), offsetof(struct dir_service, application_process), PICK_TEXT },
	{ "interpretation_services", N_("Dolmetschen"), offsetof(struct dir_service, interpretation_services),
	  PICK_TEXT },
	{ "url", N_("Webseite"), offsetof(struct dir_service, url), PICK_TEXT },
	{ "email", N_("E-Mail-Adresse"), offsetof(struct dir_service, email), PICK_TEXT },
	{ "fees_description", N_("Kosten (Text)"), offsetof(struct dir_service, fees_description), PICK_TEXT },
};

static const struct pick org_picks[] = {
	{ "name", N_("Name des Trägers"), offsetof(struct dir_org, name), PICK_TEXT },
	{ "alternate_name", N_("Andere Bezeichnung"), offsetof(struct dir_org, alternate_name), PICK_TEXT },
	{ "description", N_("Beschreibung"), offsetof(struct dir_org, description), PICK_TEXT },
	{ "email", N_("E-Mail-Adresse"), offsetof(struct dir_org, email), PICK_TEXT },
	{ "website", N_("Webseite"), offsetof(struct dir_org, website), PICK_TEXT },
	{ "legal_status", N_("Rechtsform"), offsetof(struct dir_org, legal_status), PICK_TEXT },
	{ "year_incorporated", N_("Gründungsjahr"), offsetof(struct dir_org, year_incorporated), PICK_NUMBER },
};

static const char **text_at(const void *rec, const struct pick *p)
{
	return (const char **)((const char *)rec + p->off);
}

static int *number_at(const void *rec, const struct pick *p)
{
	return (int *)((const char *)rec + p->off);
}

/* Field p of rec as shown: "" when empty. */
static const char *shown(struct req *r, const void *rec, const struct pick *p)
{
	if (p->type == PICK_NUMBER) {
		int v = *number_at(rec, p);
		return v < 0 ? "" : arena_printf(r->a, "%d", v);
	}
	const char *v = *text_at(rec, p);
	if (!v)
		return "";
	if (p->type == PICK_STATUS)
		return T(r, dir_staff_status_label(v));
	if (p->type == PICK_DELIVERY)
		return T(r, dir_staff_delivery_label(v));
	return v;
}

/* The phones and contacts of a record, offer or provider. */
struct reach {
	const struct dir_phone *phones;
	size_t n_phones;
	const struct dir_contact *contacts;
	size_t n_contacts;
};

/* Whether the phone p (by its digits) or the contact c (by name and
 * e-mail) is among those of x. */
static int same_digits(const char *a, const char *b)
{
	for (;;) {
		while (*a && (*a < '0' || *a > '9'))
			a++;
		while (*b && (*b < '0' || *b > '9'))
			b++;
		if (*a != *b)
			return 0;
		if (!*a)
			return 1;
		a++;
		b++;
	}
}

static int has_phone(const struct reach *x, const struct dir_phone *p)
{
	for (size_t i = 0; i < x->n_phones; i++)
		if (same_digits(x->phones[i].number ? x->phones[i].number : "", p->number ? p->number : ""))
			return 1;
	return 0;
}

static int same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static int has_contact(const struct reach *x, const struct dir_contact *c)
{
	for (size_t i = 0; i < x->n_contacts; i++)
		if (same_text(x->contacts[i].name, c->name) && same_text(x->contacts[i].email, c->email))
			return 1;
	return 0;
}

/* Into m: the fields of picks[0..n) in which keep (a) and dup (b)
 * differ with the editor's choice as posted, and what of b's reach comes
 * over anyway. */
static void compare(struct req *r, const struct pick *picks, size_t n, const void *a, const void *b,
		    const struct reach *ra, const struct reach *rb, struct dir_staff_merge_page *m)
{
	static const char *const ab[] = { "a", "b", NULL };
	struct dir_staff_merge_choice *c = arena_alloc(r->a, n * sizeof(*c));
	m->n_choices = m->n_same = 0;
	for (size_t i = 0; i < n; i++) {
		const char *va = shown(r, a, &picks[i]), *vb = shown(r, b, &picks[i]);
		if (strcmp(va, vb) == 0) {
			m->n_same++;
			continue;
		}
		struct dir_staff_merge_choice *x = &c[m->n_choices++];
		*x = (struct dir_staff_merge_choice){ picks[i].key, T(r, picks[i].label), va, vb, !*va && *vb };
		struct field f = { arena_printf(r->a, "wahl_%s", picks[i].key), FIELD_CHOICE, 0, 1, 0, 0, ab };
		struct form in;
		form_validate(r, &r->form, &f, 1, &in);
		if (!in.err[0] && in.val[0])
			x->take_dup = strcmp(in.val[0], "b") == 0;
	}
	m->choices = c;
	const char **added = arena_alloc(r->a, (rb->n_phones + rb->n_contacts + 1) * sizeof(*added));
	m->n_added = 0;
	for (size_t i = 0; i < rb->n_phones; i++)
		if (!has_phone(ra, &rb->phones[i]))
			added[m->n_added++] = i18n_fill(r->a, T(r, "Telefon: {1}"), rb->phones[i].number, NULL);
	for (size_t i = 0; i < rb->n_contacts; i++)
		if (!has_contact(ra, &rb->contacts[i]))
			added[m->n_added++] = i18n_fill(r->a, T(r, "Ansprechperson: {1}"),
							rb->contacts[i].name && *rb->contacts[i].name
								? rb->contacts[i].name
								: rb->contacts[i].email,
							NULL);
	m->added = added;
}

/* The chosen fields of b copied into dst (a copy of the survivor), and
 * into *out the survivor's reach with what it lacks of b's as new rows.
 * Whether anything changed. */
static int take(struct req *r, const struct pick *picks, size_t n, void *dst, const void *b, const struct reach *ra,
		const struct reach *rb, const struct dir_staff_merge_page *m, struct reach *out)
{
	int changed = 0;
	for (size_t k = 0; k < m->n_choices; k++) {
		if (!m->choices[k].take_dup)
			continue;
		for (size_t i = 0; i < n; i++) {
			if (strcmp(picks[i].key, m->choices[k].key) != 0)
				continue;
			if (picks[i].type == PICK_NUMBER)
				*number_at(dst, &picks[i]) = *number_at(b, &picks[i]);
			else
				*text_at(dst, &picks[i]) = *text_at(b, &picks[i]);
			changed = 1;
		}
	}
	struct dir_phone *ph = arena_alloc(r->a, (ra->n_phones + rb->n_phones + 1) * sizeof(*ph));
	if (ra->n_phones) /* memcpy's source may not be NULL, even for 0 bytes */
		memcpy(ph, ra->phones, ra->n_phones * sizeof(*ph));
	size_t np = ra->n_phones;
	for (size_t i = 0; i < rb->n_phones; i++)
		if (!has_phone(ra, &rb->phones[i])) {
			ph[np] = rb->phones[i];
			ph[np++].id = NULL;
			changed = 1;
		}
	struct dir_contact *co = arena_alloc(r->a, (ra->n_contacts + rb->n_contacts + 1) * sizeof(*co));
	if (ra->n_contacts)
		memcpy(co, ra->contacts, ra->n_contacts * sizeof(*co));
	size_t nc = ra->n_contacts;
	for (size_t i = 0; i < rb->n_contacts; i++)
		if (!has_contact(ra, &rb->contacts[i])) {
			co[nc] = rb->contacts[i];
			co[nc++].id = NULL;
			changed = 1;
		}
	*out = (struct reach){ ph, np, co, nc };
	return changed;
}

static struct reach offer_reach(const struct dir_service *sv)
{
	return (struct reach){ sv->phones, sv->n_phones, sv->contacts, sv->n_contacts };
}

static struct reach org_reach(const struct dir_org *o)
{
	return (struct reach){ o->phones, o->n_phones, o->contacts, o->n_contacts };
}

void dir_staff_offer_compare(struct req *r, const struct dir_staff_rec *dup, const struct dir_staff_rec *keep,
			     struct dir_staff_merge_page *m)
{
	struct reach ra = offer_reach(keep->full), rb = offer_reach(dup->full);
	compare(r, offer_picks, NELEM(offer_picks), keep->full, dup->full, &ra, &rb, m);
}

int dir_staff_offer_take(struct req *r, const struct dir_staff_rec *dup, const struct dir_staff_rec *keep,
			 const struct dir_staff_merge_page *m)
{
	const struct dir_service *a = keep->full;
	struct dir_service sv = *a;
	struct reach ra = offer_reach(a), rb = offer_reach(dup->full), both;
	if (!take(r, offer_picks, NELEM(offer_picks), &sv, dup->full, &ra, &rb, m, &both))
		return ST_OK;
	sv.phones = (struct dir_phone *)both.phones;
	sv.n_phones = both.n_phones;
	sv.contacts = (struct dir_contact *)both.contacts;
	sv.n_contacts = both.n_contacts;
	sv.edit_version = 0; /* the merge is one piece of work: no stale check */
	char id[37];
	return dir_service_save(r->db, &sv, dir_staff_who(r), id);
}

void dir_staff_org_compare(struct req *r, const struct dir_staff_rec *dup, const struct dir_staff_rec *keep,
			   struct dir_staff_merge_page *m)
{
	struct reach ra = org_reach(keep->full), rb = org_reach(dup->full);
	compare(r, org_picks, NELEM(org_picks), keep->full, dup->full, &ra, &rb, m);
}

int dir_staff_org_take(struct req *r, const struct dir_staff_rec *dup, const struct dir_staff_rec *keep,
		       const struct dir_staff_merge_page *m)
{
	const struct dir_org *a = keep->full;
	struct dir_org o = *a;
	struct reach ra = org_reach(a), rb = org_reach(dup->full), both;
	if (!take(r, org_picks, NELEM(org_picks), &o, dup->full, &ra, &rb, m, &both))
		return ST_OK;
	o.phones = (struct dir_phone *)both.phones;
	o.n_phones = both.n_phones;
	o.contacts = (struct dir_contact *)both.contacts;
	o.n_contacts = both.n_contacts;
	o.edit_version = 0; /* the merge is one piece of work: no stale check */
	char id[37];
	return dir_org_save(r->db, &o, dir_staff_who(r), id);
}
