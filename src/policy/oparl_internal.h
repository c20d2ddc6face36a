/* oparl_internal.h — what oparl.c and its queries (oparl_model.c) share:
 * the object kinds, a list's filter and page, and the JSON of a row. */
#ifndef LOTSE_POLICY_OPARL_INTERNAL_H
#define LOTSE_POLICY_OPARL_INTERNAL_H

#include "policy/policy.h"

#include <jansson.h>

enum pol_kind {
	PK_ORGANIZATION,
	PK_PERSON,
	PK_MEMBERSHIP,
	PK_MEETING,
	PK_AGENDAITEM,
	PK_PAPER,
	PK_CONSULTATION,
	PK_FILE,
	PK_TERM,
	PK_LOCATION, /* a meeting's place: rows are pol_meeting, ids "meeting-ID" */
	PK__COUNT
};

/* A list's filter: bounds as UTC "YYYY-MM-DDTHH:MM:SSZ" or NULL; meetings
 * of one organization (0: all). */
struct pol_oparl_filter {
	const char *created_since, *created_until, *modified_since, *modified_until;
	int64_t organization;
	long limit, offset;
};

/* One page of a list: rows[i] points at the kind's struct (pol_body for
 * organizations, pol_term for legislative terms, ...), in a. */
struct pol_oparl_page {
	const void **rows;
	size_t n;
	long total;
};

/* The public objects of kind that pass f, by id; deleted ones, and those
 * made non-public after they were public (withdrawn), with deleted set
 * and modified the time they went. */
int pol_oparl_query(struct store *s, arena *a, enum pol_kind kind, const struct pol_oparl_filter *f,
		    struct pol_oparl_page *out);
/* One public object of kind (deleted or withdrawn too, as in the lists):
 * ST_OK, ST_NOTFOUND (never public, or none) or ST_ERR. */
int pol_oparl_get(struct store *s, arena *a, enum pol_kind kind, int64_t id, const void **out);
/* The memberships of a person, not deleted. */
int pol_oparl_person_memberships(struct store *s, arena *a, int64_t person_id, struct pol_membership **out,
				 size_t *n);
/* A date or date-time with an offset ("2026-01-31", "2026-01-31T12:00:00+01:00",
 * a "+" that came as a space) as UTC "YYYY-MM-DDTHH:MM:SSZ" in a, or NULL. */
const char *pol_utc(arena *a, const char *v);

/* oparl.c */
const char *pol_oparl_url(struct req *r, const char *kind, int64_t id);
json_t *pol_oparl_row(struct req *r, enum pol_kind kind, const void *row, int embed);
json_t *pol_oparl_file(struct req *r, const struct pol_file *f);

#endif
