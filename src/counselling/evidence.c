/* evidence.c — counselling's needs for the evidence loop (#17): the
 * needs recorded on cases and the referrals declined or dropped, counted
 * by the case's stage, target group, district and languages, from cases
 * with live consent to statistics only. Counts, never a case. */
#include "core/core.h"
#include "counselling/counselling.h"

#include <string.h>

#define EV_CONSENTING                                                                                    \
	"EXISTS (SELECT 1 FROM counsel_consent k WHERE k.case_id = c.id AND k.purpose = 'statistics' AND " \
	"k.withdrawn_on IS NULL)"

/* Cases open on some day of [?1, ?2] with needs recorded; referrals made
 * in [?1, ?2] that were declined or dropped. */
static const char need_sql[] =
	"SELECT c.stage, c.target_group, c.district, c.languages, 'need', count(*) FROM counsel_case c "
	"WHERE c.needs <> '' AND " EV_CONSENTING " AND (?2 IS NULL OR c.opened_on <= ?2) "
	"AND (?1 IS NULL OR c.closed_on IS NULL OR c.closed_on >= ?1) "
	"GROUP BY c.stage, c.target_group, c.district, c.languages "
	"UNION ALL "
	"SELECT c.stage, c.target_group, c.district, c.languages, r.status, count(*) FROM counsel_referral r "
	"JOIN counsel_case c ON c.id = r.case_id WHERE r.status IN ('declined', 'dropped') AND " EV_CONSENTING
	" AND (?1 IS NULL OR r.created_on >= ?1) AND (?2 IS NULL OR r.created_on <= ?2) "
	"GROUP BY c.stage, c.target_group, c.district, c.languages, r.status";

int counsel_evidence_needs(struct store *s, arena *a, const char *from, const char *to, struct counsel_need **out,
			   size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, need_sql);
	if (!st)
		return ST_ERR;
	if (from)
		sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	if (to)
		sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 32);
		const char *kind = store_col_text(st, 4);
		(*out)[(*n)++] = (struct counsel_need){
			.stage = store_col_str(a, st, 0),
			.group = store_col_str(a, st, 1),
			.district = store_col_str(a, st, 2),
			.languages = store_col_str(a, st, 3),
			.kind = strcmp(kind, "need") == 0       ? COUNSEL_NEED_RECORDED
				: strcmp(kind, "declined") == 0 ? COUNSEL_NEED_DECLINED
								: COUNSEL_NEED_DROPPED,
			.cases = (long)sqlite3_column_int64(st, 5),
		};
	}
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

/* The referrals made in [?1, ?2] of consenting cases, by offer and the
 * case's stage, group and languages: how many, started, completed, and
 * the follow-ups at 6 and 12 months with a known result and with
 * training (apprenticeship) begun. */
#define EV_AT(m, what)                                                                                    \
	"sum(CASE WHEN EXISTS (SELECT 1 FROM counsel_outcome o WHERE o.referral_id = r.id AND o.months = " m \
	" AND " what ") THEN 1 ELSE 0 END)"
static const char outcome_sql[] =
	"SELECT r.service_id, min(r.service_name), c.stage, c.target_group, c.languages, c.district, count(*), "
	"sum(CASE WHEN r.status IN ('started', 'completed') THEN 1 ELSE 0 END), "
	"sum(CASE WHEN r.status = 'completed' THEN 1 ELSE 0 END), " EV_AT(
		"6", "o.result IS NOT NULL AND o.result <> 'unknown'") ", " EV_AT("6", "o.result = 'apprenticeship'") ", " EV_AT("12", "o.result IS NOT NULL AND o.result <> 'unknown'") ", " EV_AT("12", "o.result = 'apprenticeship'") " FROM counsel_referral r JOIN counsel_case c ON c.id = r.case_id WHERE " EV_CONSENTING
	" AND (?1 IS NULL OR r.created_on >= ?1) AND (?2 IS NULL OR r.created_on <= ?2) "
	"GROUP BY r.service_id, c.stage, c.target_group, c.district, c.languages";

int counsel_evidence_outcomes(struct store *s, arena *a, const char *from, const char *to,
			      struct counsel_outcome_count **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, outcome_sql);
	if (!st)
		return ST_ERR;
	if (from)
		sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	if (to)
		sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 32);
		struct counsel_outcome_count *o = &(*out)[(*n)++];
		o->service_id = store_col_str(a, st, 0);
		o->service_name = store_col_str(a, st, 1);
		o->stage = store_col_str(a, st, 2);
		o->group = store_col_str(a, st, 3);
		o->languages = store_col_str(a, st, 4);
		o->district = store_col_str(a, st, 5);
		for (int i = 0; i < COUNSEL_OC__N; i++)
			o->n[i] = (long)sqlite3_column_int64(st, 6 + i);
	}
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}
