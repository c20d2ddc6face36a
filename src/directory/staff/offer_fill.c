/* offer_fill.c — the offer form filled from a stored offer (or a
 * partner's draft): its fields, languages, terms, places and repeated
 * rows as the form shows them; and the ids of rows kept only where the
 * stored record has them. */
#include "directory/staff/staff_internal.h"
#include "directory/languages.h"
#include "core/core.h"
#include "core/i18n.h"

#include <stdio.h>
#include <string.h>

/* ---- filling the form from an offer ---- */

static const char *num_text(struct req *r, int v)
{
	return v < 0 ? NULL : arena_printf(r->a, "%d", v);
}

static const char *nz(const char *s)
{
	return s && *s ? s : NULL;
}

static const char *amount_text(struct req *r, const struct dir_cost *c)
{
	if (!c->has_amount)
		return NULL;
	char *s = arena_printf(r->a, "%.2f", c->amount);
	char *dot = strchr(s, '.');
	if (dot && strcmp(dot, ".00") == 0)
		*dot = '\0';
	else if (dot)
		*dot = ',';
	return s;
}

void dir_staff_phone_rows(arena *a, const struct dir_phone *p, size_t n, struct dir_staff_rows *out)
{
	out->rows = arena_alloc(a, (n + 1) * sizeof(*out->rows));
	for (out->n = 0; out->n < n; out->n++, p++)
		out->rows[out->n] = (struct dir_staff_rowvals){
			.id = p->id, .val = { nz(p->number), nz(p->extension), nz(p->type), nz(p->description) } };
}

void dir_staff_contact_rows(arena *a, const struct dir_contact *c, size_t n, struct dir_staff_rows *out)
{
	out->rows = arena_alloc(a, (n + 1) * sizeof(*out->rows));
	for (out->n = 0; out->n < n; out->n++, c++)
		out->rows[out->n] = (struct dir_staff_rowvals){
			.id = c->id, .val = { nz(c->name), nz(c->title), nz(c->department), nz(c->email) } };
}

struct dir_phone *dir_staff_rows_phones(arena *a, const struct dir_staff_rows *rows, size_t *n)
{
	struct dir_phone *p = arena_alloc(a, (rows->n + 1) * sizeof(*p));
	for (*n = 0; *n < rows->n; ++*n) {
		const struct dir_staff_rowvals *x = &rows->rows[*n];
		p[*n] = (struct dir_phone){ x->id, x->val[0], x->val[1], x->val[2], x->val[3] };
	}
	return p;
}

struct dir_contact *dir_staff_rows_contacts(arena *a, const struct dir_staff_rows *rows, size_t *n)
{
	struct dir_contact *c = arena_alloc(a, (rows->n + 1) * sizeof(*c));
	for (*n = 0; *n < rows->n; ++*n) {
		const struct dir_staff_rowvals *x = &rows->rows[*n];
		c[*n] = (struct dir_contact){ x->id, x->val[0], x->val[1], x->val[2], x->val[3] };
	}
	return c;
}

void dir_staff_offer_fill(struct req *r, struct dir_staff_offer_edit *e, const struct dir_service *sv)
{
	memset(e->v, 0, sizeof(e->v));
	memset(e->err, 0, sizeof(e->err));
	memset(e->lists, 0, sizeof(e->lists));
	e->n_langs = e->n_terms = e->n_locs = 0;
	e->v[OF_STATUS] = "active";
	e->v[OF_DELIVERY] = "in_person";
	if (!sv)
		return;
	const char **v = e->v;
	v[OF_ORG] = sv->organization_id;
	v[OF_NAME] = sv->name;
	v[OF_ALT] = nz(sv->alternate_name);
	v[OF_DESC] = nz(sv->description);
	v[OF_URL] = nz(sv->url);
	v[OF_EMAIL] = nz(sv->email);
	v[OF_STATUS] = sv->status;
	v[OF_INTERP] = nz(sv->interpretation_services);
	v[OF_APPLY] = nz(sv->application_process);
	v[OF_FEES] = nz(sv->fees_description);
	v[OF_FREE] = sv->free_of_charge ? "1" : NULL;
	v[OF_ELIG] = nz(sv->eligibility_description);
	v[OF_MINAGE] = num_text(r, sv->minimum_age);
	v[OF_MAXAGE] = num_text(r, sv->maximum_age);
	v[OF_CAPACITY] = num_text(r, sv->capacity);
	v[OF_DELIVERY] = sv->delivery;
	v[OF_ALERT] = nz(sv->alert);
	v[OF_ASSURED] = nz(sv->assured_date);

	e->langs = arena_alloc(r->a, (sv->n_languages + 1) * sizeof(*e->langs));
	const char *other = "";
	for (size_t i = 0; i < sv->n_languages; i++) {
		const char *code = sv->languages[i].code, *name = dir_language_name(code, r->lang);
		if (dir_staff_lang_common(code))
			e->langs[e->n_langs++] = code;
		else
			other = arena_printf(r->a, "%s%s%s", other, *other ? ", " : "", name ? name : code);
	}
	v[OF_LANG_OTHER] = nz(other);
	e->terms = arena_alloc(r->a, (sv->n_terms + 1) * sizeof(*e->terms));
	for (size_t i = 0; i < sv->n_terms; i++)
		e->terms[e->n_terms++] = sv->terms[i].id;
	e->locs = arena_alloc(r->a, (sv->n_locations + 1) * sizeof(*e->locs));
	for (size_t i = 0; i < sv->n_locations; i++)
		e->locs[e->n_locs++] = sv->locations[i].id;

	dir_staff_phone_rows(r->a, sv->phones, sv->n_phones, &e->lists[DL_PHONE]);
	dir_staff_contact_rows(r->a, sv->contacts, sv->n_contacts, &e->lists[DL_CONTACT]);
	size_t counts[DL__MAX] = { [DL_SCHEDULE] = sv->n_schedules, [DL_COST] = sv->n_costs,
				   [DL_FUNDING] = sv->n_funding, [DL_AREA] = sv->n_areas };
	for (int l = DL_SCHEDULE; l < DL__MAX; l++) {
		struct dir_staff_rows *L = &e->lists[l];
		L->rows = arena_alloc(r->a, (counts[l] + 1) * sizeof(*L->rows));
		L->n = counts[l];
		for (size_t i = 0; i < counts[l]; i++) {
			struct dir_staff_rowvals *x = &L->rows[i];
			switch (l) {
			case DL_SCHEDULE:
				*x = (struct dir_staff_rowvals){ .id = sv->schedules[i].id, .val = {
					nz(sv->schedules[i].description), nz(sv->schedules[i].byday),
					nz(sv->schedules[i].opens_at), nz(sv->schedules[i].closes_at) } };
				break;
			case DL_COST:
				*x = (struct dir_staff_rowvals){ .id = sv->costs[i].id, .val = { nz(sv->costs[i].option),
					amount_text(r, &sv->costs[i]), nz(sv->costs[i].currency),
					nz(sv->costs[i].amount_description) } };
				break;
			case DL_FUNDING:
				*x = (struct dir_staff_rowvals){ .id = NULL, .val = { nz(sv->funding[i]) } };
				break;
			case DL_AREA:
				*x = (struct dir_staff_rowvals){ .id = sv->areas[i].id, .val = { nz(sv->areas[i].name),
					nz(sv->areas[i].description) } };
				break;
			}
		}
	}
}

/* ---- row ids ---- */

#define KEEP_KNOWN(list, n, oldlist, oldn)                                             \
	for (size_t i_ = 0; i_ < (n); i_++) {                                          \
		int known_ = 0;                                                        \
		for (size_t k_ = 0; old && (list)[i_].id && k_ < (oldn) && !known_; k_++) \
			known_ = (oldlist)[k_].id && strcmp((oldlist)[k_].id, (list)[i_].id) == 0; \
		if (!known_)                                                           \
			(list)[i_].id = NULL;                                          \
	}

/* old may be NULL (then no id is known) */
void dir_staff_offer_keep_ids(struct dir_service *sv, const struct dir_service *old)
{
	KEEP_KNOWN(sv->phones, sv->n_phones, old->phones, old->n_phones);
	KEEP_KNOWN(sv->contacts, sv->n_contacts, old->contacts, old->n_contacts);
	KEEP_KNOWN(sv->schedules, sv->n_schedules, old->schedules, old->n_schedules);
	KEEP_KNOWN(sv->languages, sv->n_languages, old->languages, old->n_languages);
	KEEP_KNOWN(sv->costs, sv->n_costs, old->costs, old->n_costs);
	KEEP_KNOWN(sv->areas, sv->n_areas, old->areas, old->n_areas);
}

void dir_staff_org_keep_ids(struct dir_org *o, const struct dir_org *old)
{
	KEEP_KNOWN(o->phones, o->n_phones, old->phones, old->n_phones);
	KEEP_KNOWN(o->contacts, o->n_contacts, old->contacts, old->n_contacts);
}
