/* proposal.c — a new offer proposed from outside the staff pages (the
 * surveys' offer survey, #18) as a pending draft of its provider, which
 * editors review like a partner's (review.c). */
#include "directory/staff/staff_internal.h"
#include "core/core.h"

#include <string.h>
#include <strings.h>

int dir_staff_propose_offer(struct store *s, arena *a, const struct dir_staff_proposal *p, int64_t *draft_id)
{
	if (!p->provider || !*p->provider || !p->name || !*p->name)
		return ST_NOTFOUND;
	struct dir_org_brief *orgs;
	size_t n;
	if (dir_org_briefs(s, a, p->provider, &orgs, &n) != ST_OK)
		return ST_ERR;
	const char *org = NULL;
	for (size_t i = 0; i < n && !org; i++)
		if (strcasecmp(orgs[i].name, p->provider) == 0)
			org = orgs[i].id;
	if (!org)
		return ST_NOTFOUND;
	struct dir_service sv;
	memset(&sv, 0, sizeof(sv));
	sv.organization_id = org;
	sv.name = p->name;
	sv.description = p->description;
	sv.fees_description = p->fees;
	sv.free_of_charge = p->free_of_charge;
	sv.minimum_age = p->minimum_age;
	sv.maximum_age = p->maximum_age;
	sv.capacity = -1;
	sv.status = "active";
	if (p->schedule && *p->schedule) {
		sv.schedules = arena_alloc(a, sizeof(*sv.schedules));
		memset(sv.schedules, 0, sizeof(*sv.schedules));
		sv.schedules[0].description = p->schedule;
		sv.schedules[0].interval = -1;
		sv.n_schedules = 1;
	}
	sv.languages = arena_alloc(a, (p->n_languages + 1) * sizeof(*sv.languages));
	for (size_t i = 0; i < p->n_languages; i++) {
		memset(&sv.languages[i], 0, sizeof(sv.languages[i]));
		sv.languages[i].code = p->languages[i];
	}
	sv.n_languages = p->n_languages;
	size_t nt;
	struct dir_taxonomy *t = p->n_terms ? dir_taxonomies(s, a, "de", &nt) : NULL;
	if (p->n_terms && !t)
		return ST_ERR;
	sv.terms = arena_alloc(a, (p->n_terms + 1) * sizeof(*sv.terms));
	for (size_t i = 0; i < p->n_terms; i++) {
		const struct dir_term *term = dir_term_find(t, nt, p->term_taxonomies[i], p->term_codes[i]);
		if (term)
			sv.terms[sv.n_terms++] = *term;
	}
	return dir_staff_draft_put(s, NULL, org, dir_staff_offer_to_json(a, &sv), 0, NULL, 0, draft_id);
}
