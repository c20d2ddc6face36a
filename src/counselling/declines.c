/* declines.c — counselling's other needs for the evidence loop (#17):
 * referrals declined or dropped with the reason given when it happened,
 * and cases whose matching found no fitting offer (noted by
 * counsel_match_case), counted by the case's stage, target group,
 * district and languages, from cases with live consent to statistics
 * only; a declined or dropped referral also by the kinds of the offer it
 * was for (read through directory.h). Counts, never a case. */
#include "core/core.h"
#include "counselling/counselling.h"
#include "counselling/counselling_internal.h"
#include "core/strmap.h"
#include "directory/directory.h"

#include <string.h>

/* Referrals made in [?1, ?2] that were declined or dropped, with the
 * reason of the step that made them so, by the offer referred to. */
static const char decline_sql[] =
	"SELECT stage, grp, district, languages, status, reason, count(*), service_id FROM (SELECT c.stage AS stage, "
	"c.target_group AS grp, c.district AS district, c.languages AS languages, r.status AS status, "
	"r.service_id AS service_id, "
	"COALESCE((SELECT s.reason FROM counsel_referral_step s WHERE s.referral_id = r.id AND s.status = r.status "
	"ORDER BY s.id DESC LIMIT 1), '') AS reason FROM counsel_referral r JOIN counsel_case c ON c.id = r.case_id "
	"WHERE r.status IN ('declined', 'dropped') AND " COUNSEL_EV_CONSENTING " AND (?1 IS NULL OR r.created_on >= ?1) "
	"AND (?2 IS NULL OR r.created_on <= ?2)) x GROUP BY stage, grp, district, languages, status, reason, service_id";

/* Cases with a match that found nothing on a day of [?1, ?2]. */
static const char unmatched_sql[] =
	"SELECT c.stage, c.target_group, c.district, c.languages, c.needs, count(*) FROM counsel_case c WHERE "
	COUNSEL_EV_CONSENTING " AND EXISTS (SELECT 1 FROM counsel_unmatched u WHERE u.case_id = c.id AND (?1 IS NULL OR "
	"u.on_day >= ?1) AND (?2 IS NULL OR u.on_day <= ?2)) "
	"GROUP BY c.stage, c.target_group, c.district, c.languages, c.needs";

static int read_counts(struct store *s, arena *a, const char *sql, int declines, const char *from, const char *to,
		       struct counsel_decline **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = counsel_ev_stmt(s, sql, from, to);
	if (!st)
		return ST_ERR;
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 32);
		struct counsel_decline *d = &(*out)[(*n)++];
		d->stage = store_col_str(a, st, 0);
		d->group = store_col_str(a, st, 1);
		d->district = store_col_str(a, st, 2);
		d->languages = store_col_str(a, st, 3);
		d->dropped = declines && store_col_text(st, 4)[0] == 'd' && store_col_text(st, 4)[1] == 'r';
		d->reason = declines ? store_col_str(a, st, 5) : "";
		d->needs = declines ? "" : store_col_str(a, st, 4);
		d->count = (long)sqlite3_column_int64(st, declines ? 6 : 5);
		d->kinds = declines ? store_col_str(a, st, 7) : ""; /* the offer's id until kinds_of */
	}
	return counsel_ev_end(st, k);
}

/* Each decline's offer id in kinds replaced by that offer's kinds (each
 * offer read once). ST_OK or ST_ERR. */
static int kinds_of(struct store *s, arena *a, struct counsel_decline *d, size_t n)
{
	struct strmap seen = { 0 };
	int rc = ST_OK;
	for (size_t i = 0; i < n && rc == ST_OK; i++) {
		void **slot = strmap_slot(&seen, d[i].kinds, strlen(d[i].kinds));
		if (!*slot) {
			const char *kinds = "";
			rc = dir_fact_kinds(s, a, d[i].kinds, &kinds);
			*slot = arena_strdup(a, kinds);
		}
		d[i].kinds = *slot;
	}
	strmap_free(&seen, NULL);
	return rc;
}

int counsel_evidence_declines(struct store *s, arena *a, const char *from, const char *to,
			      struct counsel_decline **out, size_t *n)
{
	int rc = read_counts(s, a, decline_sql, 1, from, to, out, n);
	if (rc == ST_OK)
		rc = kinds_of(s, a, *out, *n);
	return rc;
}

int counsel_evidence_unmatched(struct store *s, arena *a, const char *from, const char *to,
			       struct counsel_decline **out, size_t *n)
{
	return read_counts(s, a, unmatched_sql, 0, from, to, out, n);
}

int counsel_unmatched_note(struct store *s, int64_t case_id, const char *day)
{
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO counsel_unmatched(case_id, on_day) VALUES (?, ?) ON CONFLICT "
					 "DO NOTHING");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, case_id);
	store_bind_str(st, 2, day);
	return store_exec_stmt(s, st);
}
