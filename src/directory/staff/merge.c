/* merge.c — merging two offers field by field: the fields in which the
 * duplicate and the surviving offer differ, each with the editor's choice
 * (by default a value the survivor lacks comes from the duplicate), and
 * the phones and contacts of the duplicate that the survivor lacks, which
 * come over anyway; so that nothing is lost without the editor seeing it. */
#include "directory/staff/staff_internal.h"
#include "core/core.h"
#include "core/i18n.h"

#include <stddef.h>
#include <string.h>

/* The offer's fields an editor chooses between: text fields by their
 * offset in struct dir_service, numbers (-1: not stated) likewise. */
static const struct {
	const char *key, *label; /* label: msgid */
	size_t off;
	int number;
} picks[] = {
	{ "name", N_("Name des Angebots"), offsetof(struct dir_service, name), 0 },
	{ "alternate_name", N_("Andere Bezeichnung"), offsetof(struct dir_service, alternate_name), 0 },
	{ "description", N_("Beschreibung"), offsetof(struct dir_service, description), 0 },
	{ "status", N_("Status"), offsetof(struct dir_service, status), 0 },
	{ "delivery", N_("Form"), offsetof(struct dir_service, delivery), 0 },
	{ "alert", N_("Aktueller Hinweis"), offsetof(struct dir_service, alert), 0 },
	{ "eligibility_description", N_("Voraussetzungen"), offsetof(struct dir_service, eligibility_description), 0 },
	{ "minimum_age", N_("Mindestalter"), offsetof(struct dir_service, minimum_age), 1 },
	{ "maximum_age", N_("Höchstalter"), offsetof(struct dir_service, maximum_age), 1 },
	{ "capacity", N_("Plätze"), offsetof(struct dir_service, capacity), 1 },
	{ "application_process", N_("Anmeldung"), offsetof(struct dir_service, application_process), 0 },
	{ "interpretation_services", N_("Dolmetschen"), offsetof(struct dir_service, interpretation_services), 0 },
	{ "url", N_("Webseite"), offsetof(struct dir_service, url), 0 },
	{ "email", N_("E-Mail-Adresse"), offsetof(struct dir_service, email), 0 },
	{ "fees_description", N_("Kosten (Text)"), offsetof(struct dir_service, fees_description), 0 },
};

static const char **text_at(const struct dir_service *sv, size_t i)
{
	return (const char **)((const char *)sv + picks[i].off);
}

static int *number_at(const struct dir_service *sv, size_t i)
{
	return (int *)((const char *)sv + picks[i].off);
}

/* Field i of sv as shown: "" when empty. */
static const char *shown(struct req *r, const struct dir_service *sv, size_t i)
{
	if (picks[i].number) {
		int v = *number_at(sv, i);
		return v < 0 ? "" : arena_printf(r->a, "%d", v);
	}
	const char *v = *text_at(sv, i);
	if (!v)
		return "";
	if (strcmp(picks[i].key, "status") == 0)
		return T(r, dir_staff_status_label(v));
	if (strcmp(picks[i].key, "delivery") == 0)
		return T(r, dir_staff_delivery_label(v));
	return v;
}

/* Whether the phone p (by its digits) or the contact c (by name and
 * e-mail) is among those of sv. */
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

static int has_phone(const struct dir_service *sv, const struct dir_phone *p)
{
	for (size_t i = 0; i < sv->n_phones; i++)
		if (same_digits(sv->phones[i].number ? sv->phones[i].number : "", p->number ? p->number : ""))
			return 1;
	return 0;
}

static int same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static int has_contact(const struct dir_service *sv, const struct dir_contact *c)
{
	for (size_t i = 0; i < sv->n_contacts; i++)
		if (same_text(sv->contacts[i].name, c->name) && same_text(sv->contacts[i].email, c->email))
			return 1;
	return 0;
}

void dir_staff_offer_compare(struct req *r, const struct dir_staff_rec *dup, const struct dir_staff_rec *keep,
			     struct dir_staff_merge_page *m)
{
	static const char *const ab[] = { "a", "b", NULL };
	const struct dir_service *a = keep->full, *b = dup->full;
	struct dir_staff_merge_choice *c = arena_alloc(r->a, NELEM(picks) * sizeof(*c));
	m->n_choices = m->n_same = 0;
	for (size_t i = 0; i < NELEM(picks); i++) {
		const char *va = shown(r, a, i), *vb = shown(r, b, i);
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
	const char **added = arena_alloc(r->a, (b->n_phones + b->n_contacts + 1) * sizeof(*added));
	m->n_added = 0;
	for (size_t i = 0; i < b->n_phones; i++)
		if (!has_phone(a, &b->phones[i]))
			added[m->n_added++] = i18n_fill(r->a, T(r, "Telefon: {1}"), b->phones[i].number, NULL);
	for (size_t i = 0; i < b->n_contacts; i++)
		if (!has_contact(a, &b->contacts[i]))
			added[m->n_added++] = i18n_fill(r->a, T(r, "Ansprechperson: {1}"),
							b->contacts[i].name && *b->contacts[i].name ? b->contacts[i].name
												  : b->contacts[i].email, NULL);
	m->added = added;
}

int dir_staff_offer_take(struct req *r, const struct dir_staff_rec *dup, const struct dir_staff_rec *keep,
			 const struct dir_staff_merge_page *m)
{
	const struct dir_service *a = keep->full, *b = dup->full;
	struct dir_service sv = *a;
	int changed = 0;
	for (size_t k = 0; k < m->n_choices; k++) {
		if (!m->choices[k].take_dup)
			continue;
		for (size_t i = 0; i < NELEM(picks); i++) {
			if (strcmp(picks[i].key, m->choices[k].key) != 0)
				continue;
			if (picks[i].number)
				*number_at(&sv, i) = *number_at(b, i);
			else
				*text_at(&sv, i) = *text_at(b, i);
			changed = 1;
		}
	}
	/* the duplicate's phones and contacts the survivor lacks, as new rows */
	struct dir_phone *ph = arena_alloc(r->a, (a->n_phones + b->n_phones + 1) * sizeof(*ph));
	if (a->n_phones) /* memcpy's source may not be NULL, even for 0 bytes */
		memcpy(ph, a->phones, a->n_phones * sizeof(*ph));
	sv.phones = ph;
	for (size_t i = 0; i < b->n_phones; i++)
		if (!has_phone(a, &b->phones[i])) {
			ph[sv.n_phones] = b->phones[i];
			ph[sv.n_phones++].id = NULL;
			changed = 1;
		}
	struct dir_contact *co = arena_alloc(r->a, (a->n_contacts + b->n_contacts + 1) * sizeof(*co));
	if (a->n_contacts)
		memcpy(co, a->contacts, a->n_contacts * sizeof(*co));
	sv.contacts = co;
	for (size_t i = 0; i < b->n_contacts; i++)
		if (!has_contact(a, &b->contacts[i])) {
			co[sv.n_contacts] = b->contacts[i];
			co[sv.n_contacts++].id = NULL;
			changed = 1;
		}
	if (!changed)
		return ST_OK;
	sv.edit_version = 0; /* the merge is one piece of work: no stale check */
	char id[37];
	return dir_service_save(r->db, &sv, dir_staff_who(r), id);
}
