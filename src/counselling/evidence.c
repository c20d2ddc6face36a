/* evidence.c — counselling's needs and outcomes for the evidence loop
 * (#17): the needs recorded on cases and what the referrals led to
 * (declined and dropped referrals, matches without an offer: declines.c), counted by the case's stage, target
 * group, district and languages, from cases with live consent to
 * statistics only. Counts, never a case. */
#include "core/core.h"
#include "counselling/counselling.h"
#include "counselling/counselling_internal.h"

#include <string.h>

/* Cases open on some day of [?1, ?2] with needs recorded. */
static const char need_sql[] =
	"SELECT c.stage, c.target_group, c.district, c.languages, count(*), c.needs FROM counsel_case c "
	"WHERE c.needs <> '' AND " COUNSEL_EV_CONSENTING " AND (?2 IS NULL OR c.opened_on <= ?2) "
	"AND (?1 IS NULL OR c.closed_on IS NULL OR c.closed_on >= ?1) "
	"GROUP BY c.stage, c.target_group, c.district, c.languages, c.needs";

sqlite3_stmt *counsel_ev_stmt(struct store *s, const char *sql, const char *from, const char *to)
{
	sqlite3_stmt *st = store_stmt(s, sql);
	if (st && from)
		sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	if (st && to)
		sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	return st;
}

int counsel_ev_end(sqlite3_stmt *st, int k)
{
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

int counsel_evidence_needs(struct store *s, arena *a, const char *from, const char *to, struct counsel_need **out,
			   size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = counsel_ev_stmt(s, need_sql, from, to);
	if (!st)
		return ST_ERR;
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 32);
		(*out)[(*n)++] = (struct counsel_need){
			.stage = store_col_str(a, st, 0),
			.group = store_col_str(a, st, 1),
			.district = store_col_str(a, st, 2),
			.languages = store_col_str(a, st, 3),
			.kind = COUNSEL_NEED_RECORDED,
			.cases = (long)sqlite3_column_int64(st, 4),
			.needs = store_col_str(a, st, 5),
		};
	}
	return counsel_ev_end(st, k);
}

/* The referrals made in [?1, ?2] of consenting cases, by offer and the
 * case's stage, group and languages: how many, started, completed,
 * running, and
 * per follow-up time (6, 12 months) those with a known result and with
 * each result, from one pass over the follow-ups grouped by referral. */
#define EV_FU(m, what, as) "max(CASE WHEN months = " m " AND " what " THEN 1 ELSE 0 END) AS " as
#define EV_FU_ALL(m)                                                                                 \
	EV_FU(m, "result IS NOT NULL AND result <> 'unknown'", "k" m) ", " EV_FU(m, "result = 'apprenticeship'", \
										  "t" m) ", " \
		EV_FU(m, "result = 'eq'", "e" m) ", " EV_FU(m, "result IN ('school', 'studies')", "s" m) ", " \
		EV_FU(m, "result = 'job'", "j" m) ", " EV_FU(m, "result = 'none'", "n" m)
#define EV_SUM_ALL(m) \
	"sum(o.k" m "), sum(o.t" m "), sum(o.e" m "), sum(o.s" m "), sum(o.j" m "), sum(o.n" m ")"
static const char outcome_sql[] =
	"SELECT r.service_id, min(r.service_name), c.stage, c.target_group, c.languages, c.district, count(*), "
	"sum(CASE WHEN r.status IN ('started', 'completed') THEN 1 ELSE 0 END), "
	"sum(CASE WHEN r.status = 'completed' THEN 1 ELSE 0 END), "
	"sum(CASE WHEN r.status IN ('proposed', 'sent', 'accepted', 'started') THEN 1 ELSE 0 END), " EV_SUM_ALL("6") ", " EV_SUM_ALL("12")
	" FROM counsel_referral r JOIN counsel_case c ON c.id = r.case_id "
	"LEFT JOIN (SELECT referral_id, " EV_FU_ALL("6") ", " EV_FU_ALL("12")
	" FROM counsel_outcome WHERE referral_id IS NOT NULL GROUP BY referral_id) o ON o.referral_id = r.id "
	"WHERE " COUNSEL_EV_CONSENTING " AND (?1 IS NULL OR r.created_on >= ?1) AND (?2 IS NULL OR r.created_on <= ?2) "
	"GROUP BY r.service_id, c.stage, c.target_group, c.district, c.languages";

int counsel_evidence_outcomes(struct store *s, arena *a, const char *from, const char *to,
			      struct counsel_outcome_count **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = counsel_ev_stmt(s, outcome_sql, from, to);
	if (!st)
		return ST_ERR;
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
		int col = 6;
		for (int i = 0; i < COUNSEL_OC__N; i++)
			o->n[i] = (long)sqlite3_column_int64(st, col++);
		for (int t = 0; t < 2; t++)
			for (int i = 0; i < COUNSEL_FU__N; i++)
				o->at[t][i] = (long)sqlite3_column_int64(st, col++); /* NULL: none, 0 */
	}
	return counsel_ev_end(st, k);
}
