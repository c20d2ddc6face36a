/* model.c — the staff area's queries on the directory: lists with
 * filters and paging, the change log, partner drafts, merging duplicates
 * and the dashboard figures. Bound parameters only. */
#include "directory/staff/staff_internal.h"
#include "directory/translations.h"
#include "core/core.h"

#include <stdio.h>
#include <string.h>

/* ---- helpers ---- */

/* A LIKE pattern "%q%" with the wildcards in q escaped by '\'; NULL for no q. */
static const char *like_pattern(arena *a, const char *q)
{
	if (!q || !*q)
		return NULL;
	size_t n = strlen(q);
	char *p = arena_alloc(a, 2 * n + 3), *o = p;
	*o++ = '%';
	for (const char *c = q; *c; c++) {
		if (*c == '%' || *c == '_' || *c == '\\')
			*o++ = '\\';
		*o++ = *c;
	}
	*o++ = '%';
	*o = '\0';
	return p;
}

/* One integer from a statement with its parameters bound; -1 on error. */
static long scalar(struct store *s, sqlite3_stmt *st)
{
	long v = -1;
	(void)s;
	if (st && store_step(st) > 0)
		v = (long)sqlite3_column_int64(st, 0);
	if (st)
		sqlite3_reset(st);
	return v;
}

/* Run a one-parameter-pair statement (?1, ?2 texts). */
static int exec2(struct store *s, const char *sql, const char *p1, const char *p2)
{
	sqlite3_stmt *st = store_stmt(s, sql);
	if (!st)
		return ST_ERR;
	store_bind_opt(st, 1, p1);
	store_bind_opt(st, 2, p2);
	return store_exec_stmt(s, st);
}

/* Grow an arena array by one zeroed element. */
static void *push(arena *a, void **items, size_t *n, size_t *cap, size_t size)
{
	*items = arena_grow(a, *items, *n, cap, size, 16); /* zeroed */
	return (char *)*items + (*n)++ * size;
}
#define PUSH(a, list, n, cap) push((a), (void **)&(list), &(n), &(cap), sizeof(*(list)))

/* ---- lists ---- */

#define STATE_WHERE(p, t)                                                               \
	"(?" p " = 2 OR (?" p " = 0 AND " t ".archived = 0 AND " t ".merged_into IS NULL) " \
	"OR (?" p " = 1 AND (" t ".archived = 1 OR " t ".merged_into IS NOT NULL)))"

static const char offer_count_sql[] =
	"SELECT count(*) FROM service s JOIN organization o ON o.id = s.organization_id "
	"WHERE (?1 IS NULL OR s.name LIKE ?1 ESCAPE '\\' OR s.alternate_name LIKE ?1 ESCAPE '\\' "
	"OR o.name LIKE ?1 ESCAPE '\\') AND " STATE_WHERE("2", "s");
static const char offer_list_sql[] =
	"SELECT s.id, s.name, s.organization_id, o.name, s.status, s.assured_date, s.last_modified, "
	"s.merged_into, s.archived FROM service s JOIN organization o ON o.id = s.organization_id "
	"WHERE (?1 IS NULL OR s.name LIKE ?1 ESCAPE '\\' OR s.alternate_name LIKE ?1 ESCAPE '\\' "
	"OR o.name LIKE ?1 ESCAPE '\\') AND " STATE_WHERE("2", "s")
	" ORDER BY s.name COLLATE NOCASE, s.id LIMIT ?3 OFFSET ?4";

static void read_offer_row(arena *a, sqlite3_stmt *st, struct dir_staff_row *x)
{
	x->id = store_col_str(a, st, 0);
	x->name = store_col_str(a, st, 1);
	x->org_id = store_col_str(a, st, 2);
	x->org_name = store_col_str(a, st, 3);
	x->status = store_col_str(a, st, 4);
	x->assured_date = store_col_opt(a, st, 5);
	x->last_modified = store_col_str(a, st, 6);
	x->merged_into = store_col_opt(a, st, 7);
	x->archived = sqlite3_column_int(st, 8);
}

/* A list page: count_sql gives *total, list_sql the rows (read by read);
 * both take ?1 the LIKE pattern and ?2 the state, list_sql ?3 limit, ?4 offset. */
static int list_rows(struct store *s, arena *a, const char *count_sql, const char *list_sql,
		     void (*read)(arena *, sqlite3_stmt *, struct dir_staff_row *), const char *q,
		     enum dir_staff_state state, long offset, long limit, struct dir_staff_row **out, size_t *n,
		     long *total)
{
	const char *pat = like_pattern(a, q);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, count_sql);
	if (!st)
		return ST_ERR;
	store_bind_opt(st, 1, pat);
	sqlite3_bind_int(st, 2, (int)state);
	if ((*total = scalar(s, st)) < 0)
		return ST_ERR;
	if (!(st = store_stmt(s, list_sql)))
		return ST_ERR;
	store_bind_opt(st, 1, pat);
	sqlite3_bind_int(st, 2, (int)state);
	sqlite3_bind_int64(st, 3, limit);
	sqlite3_bind_int64(st, 4, offset);
	int rc;
	while ((rc = store_step(st)) > 0)
		read(a, st, PUSH(a, *out, *n, cap));
	sqlite3_reset(st);
	return rc == 0 ? ST_OK : ST_ERR;
}

int dir_staff_offer_list(struct store *s, arena *a, const char *q, enum dir_staff_state state, long offset,
			 long limit, struct dir_staff_row **out, size_t *n, long *total)
{
	return list_rows(s, a, offer_count_sql, offer_list_sql, read_offer_row, q, state, offset, limit, out, n,
			 total);
}

static const char org_count_sql[] =
	"SELECT count(*) FROM organization o WHERE (?1 IS NULL OR o.name LIKE ?1 ESCAPE '\\' "
	"OR o.alternate_name LIKE ?1 ESCAPE '\\') AND " STATE_WHERE("2", "o");
static const char org_list_sql[] =
	"SELECT o.id, o.name, o.last_modified, o.merged_into, o.archived, "
	"(SELECT count(*) FROM service s WHERE s.organization_id = o.id AND s.archived = 0 "
	"AND s.merged_into IS NULL) FROM organization o WHERE (?1 IS NULL OR o.name LIKE ?1 ESCAPE '\\' "
	"OR o.alternate_name LIKE ?1 ESCAPE '\\') AND " STATE_WHERE("2", "o")
	" ORDER BY o.name COLLATE NOCASE, o.id LIMIT ?3 OFFSET ?4";

static void read_org_row(arena *a, sqlite3_stmt *st, struct dir_staff_row *x)
{
	x->id = store_col_str(a, st, 0);
	x->name = store_col_str(a, st, 1);
	x->last_modified = store_col_str(a, st, 2);
	x->merged_into = store_col_opt(a, st, 3);
	x->archived = sqlite3_column_int(st, 4);
	x->count = (long)sqlite3_column_int64(st, 5);
}

int dir_staff_org_list(struct store *s, arena *a, const char *q, enum dir_staff_state state, long offset,
		       long limit, struct dir_staff_row **out, size_t *n, long *total)
{
	return list_rows(s, a, org_count_sql, org_list_sql, read_org_row, q, state, offset, limit, out, n, total);
}

int dir_staff_org_options(struct store *s, arena *a, struct dir_staff_row **out, size_t *n)
{
	struct dir_staff_row *v = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT id, name FROM organization WHERE archived = 0 AND "
					 "merged_into IS NULL ORDER BY name COLLATE NOCASE, id");
	if (!st)
		return ST_ERR;
	int k;
	while ((k = store_step(st)) > 0) {
		struct dir_staff_row *x = PUSH(a, v, *n, cap);
		x->id = store_col_str(a, st, 0);
		x->name = store_col_str(a, st, 1);
	}
	sqlite3_reset(st);
	if (k < 0) {
		*n = 0;
		return ST_ERR;
	}
	*out = v;
	return ST_OK;
}

#define STALE_WHERE                                                                        \
	" WHERE s.status = 'active' AND s.archived = 0 AND s.merged_into IS NULL AND "     \
	"(s.assured_date IS NULL OR s.assured_date < date('now', '-12 months'))"

int dir_staff_stale_list(struct store *s, arena *a, long offset, long limit, struct dir_staff_row **out,
			 size_t *n, long *total)
{
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if ((*total = dir_staff_stale_offers(s)) < 0)
		return ST_ERR;
	sqlite3_stmt *st = store_stmt(s,
		"SELECT s.id, s.name, s.organization_id, o.name, s.status, s.assured_date, s.last_modified, "
		"s.merged_into, s.archived FROM service s JOIN organization o ON o.id = s.organization_id"
		STALE_WHERE " ORDER BY s.assured_date IS NOT NULL, s.assured_date, s.name COLLATE NOCASE, s.id "
		"LIMIT ?1 OFFSET ?2");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, limit);
	sqlite3_bind_int64(st, 2, offset);
	int rc;
	while ((rc = store_step(st)) > 0)
		read_offer_row(a, st, PUSH(a, *out, *n, cap));
	sqlite3_reset(st);
	return rc == 0 ? ST_OK : ST_ERR;
}

/* ---- the change log ---- */

/* The fields of the change log whose values are ids ("id; id; ..."). */
static int holds_ids(const char *field)
{
	static const char *const f[] = { "organization_id", "parent_organization_id", "merged_into", "merged_from",
					 "locations", NULL };
	for (size_t i = 0; f[i]; i++)
		if (strcmp(field, f[i]) == 0)
			return 1;
	return 0;
}

/* "id; id" with each id that names a place, provider or offer replaced by
 * its name (an unknown id stays as it is). NULL when it cannot be read. */
static const char *named_ids(struct store *s, arena *a, const char *v)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT name FROM organization WHERE id = ?1 UNION ALL "
				      "SELECT coalesce(nullif(l.name, ''), nullif(trim(coalesce(ad.address_1, '') || ', ' "
				      "|| trim(coalesce(ad.postal_code, '') || ' ' || coalesce(ad.city, '')), ', '), '')) "
				      "FROM location l LEFT JOIN address ad ON ad.location_id = l.id WHERE l.id = ?1 "
				      "UNION ALL SELECT name FROM service WHERE id = ?1 LIMIT 1");
	if (!st)
		return NULL;
	const char *out = "";
	for (const char *p = v; *p;) {
		size_t n = strcspn(p, ";");
		const char *id = arena_strndup(a, p, n), *name = id;
		store_bind_str(st, 1, id);
		int k = store_step(st);
		if (k > 0 && *store_col_text(st, 0))
			name = store_col_str(a, st, 0);
		sqlite3_reset(st);
		if (k < 0)
			return NULL;
		out = arena_printf(a, "%s%s%s", out, *out ? "; " : "", name);
		p += n;
		p += strspn(p, "; ");
	}
	return out;
}

int dir_staff_changes(struct store *s, arena *a, const char *resource_id, long offset, long limit,
		      struct dir_staff_change **out, size_t *n, long *total)
{
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT count(*) FROM metadata WHERE resource_id = ?");
	if (!st)
		return ST_ERR;
	store_bind_opt(st, 1, resource_id);
	if ((*total = scalar(s, st)) < 0)
		return ST_ERR;
	st = store_stmt(s, "SELECT last_action_date, last_action_type, field_name, previous_value, "
			   "replacement_value, updated_by FROM metadata WHERE resource_id = ?1 "
			   "ORDER BY last_action_date DESC, rowid DESC LIMIT ?2 OFFSET ?3");
	if (!st)
		return ST_ERR;
	store_bind_opt(st, 1, resource_id);
	sqlite3_bind_int64(st, 2, limit);
	sqlite3_bind_int64(st, 3, offset);
	int rc;
	while ((rc = store_step(st)) > 0) {
		struct dir_staff_change *x = PUSH(a, *out, *n, cap);
		x->at = store_col_str(a, st, 0);
		x->action = store_col_str(a, st, 1);
		x->field = store_col_str(a, st, 2);
		x->before = store_col_str(a, st, 3);
		x->after = store_col_str(a, st, 4);
		x->who = store_col_str(a, st, 5);
	}
	sqlite3_reset(st);
	if (rc != 0)
		return ST_ERR;
	for (size_t i = 0; i < *n; i++) {
		struct dir_staff_change *x = &(*out)[i];
		if (!holds_ids(x->field))
			continue;
		if (!(x->before_named = named_ids(s, a, x->before)) || !(x->after_named = named_ids(s, a, x->after)))
			return ST_ERR;
	}
	return ST_OK;
}

/* ---- drafts ---- */

int dir_staff_draft_put(struct store *s, const char *service_id, const char *org_id, const char *json,
			int64_t base_version, const char *base_json, int64_t user_id, int64_t *id)
{
	struct store_tx tx;
	int rc;
	if ((rc = store_tx_begin(s, &tx)) != ST_OK)
		return rc;
	rc = ST_ERR;
	sqlite3_stmt *st = NULL;
	int step = 0; /* store_step: 0 = no row updated */
	if (service_id) {
		/* the offer as it was: the one given, else the one kept with the
		 * same base version (a draft continued), else not known */
		st = store_stmt(s, "UPDATE service_draft SET data = ?1, submitted_by = ?2, base_version = ?5, "
				   "base_data = CASE WHEN ?6 IS NOT NULL THEN ?6 WHEN base_version = ?5 THEN base_data "
				   "END, submitted_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
				   "WHERE service_id = ?3 AND organization_id = ?4 AND status = 'pending' RETURNING id");
		if (!st)
			goto out;
		store_bind_opt(st, 1, json);
		sqlite3_bind_int64(st, 2, user_id);
		store_bind_opt(st, 3, service_id);
		store_bind_opt(st, 4, org_id);
		if (base_version > 0)
			sqlite3_bind_int64(st, 5, base_version);
		store_bind_opt(st, 6, base_json);
		step = store_step(st);
		if (step > 0)
			*id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	if (step > 0) {
		rc = ST_OK;
		goto out;
	}
	if (step != 0)
		goto out;
	st = store_stmt(s, "INSERT INTO service_draft(service_id, organization_id, data, submitted_by, base_version, "
			   "base_data) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	if (!st)
		goto out;
	store_bind_opt(st, 1, service_id);
	store_bind_opt(st, 2, org_id);
	store_bind_opt(st, 3, json);
	if (user_id > 0) /* 0: not by an account (the surveys' offer survey) */
		sqlite3_bind_int64(st, 4, user_id);
	if (service_id && base_version > 0)
		sqlite3_bind_int64(st, 5, base_version);
	store_bind_opt(st, 6, service_id ? base_json : NULL);
	if ((rc = store_exec_stmt(s, st)) == ST_OK)
		*id = sqlite3_last_insert_rowid(store_db(s));
out:
	return store_tx_end(s, &tx, rc);
}

#define DRAFT_COLS                                                                                   \
	"SELECT d.id, d.service_id, d.organization_id, o.name, sv.name, json_extract(d.data, '$.name'), " \
	"d.data, coalesce(u.email, ''), d.submitted_at, d.status, coalesce(v.email, ''), d.reviewed_at, " \
	"d.comment, coalesce(d.submitted_by, 0), coalesce(d.base_version, 0), coalesce(sv.version, 0), " \
	"d.base_data "                                                                                   \
	"FROM service_draft d "                                \
	"JOIN organization o ON o.id = d.organization_id "                                            \
	"LEFT JOIN service sv ON sv.id = d.service_id "                                               \
	"LEFT JOIN user u ON u.id = d.submitted_by LEFT JOIN user v ON v.id = d.reviewed_by "

static void read_draft(arena *a, sqlite3_stmt *st, struct dir_staff_draft *d)
{
	d->id = sqlite3_column_int64(st, 0);
	d->service_id = store_col_opt(a, st, 1);
	d->org_id = store_col_str(a, st, 2);
	d->org_name = store_col_str(a, st, 3);
	d->service_name = store_col_opt(a, st, 4);
	d->proposed_name = store_col_str(a, st, 5);
	d->data = store_col_str(a, st, 6);
	d->submitter = store_col_str(a, st, 7);
	d->submitted_at = store_col_str(a, st, 8);
	d->status = store_col_str(a, st, 9);
	d->reviewer = store_col_str(a, st, 10);
	d->reviewed_at = store_col_opt(a, st, 11);
	d->comment = store_col_str(a, st, 12);
	d->submitted_by = sqlite3_column_int64(st, 13);
	d->base_version = sqlite3_column_int64(st, 14);
	d->service_version = sqlite3_column_int64(st, 15);
	d->base_data = store_col_opt(a, st, 16);
}

int dir_staff_draft_get(struct store *s, arena *a, int64_t id, struct dir_staff_draft *d)
{
	sqlite3_stmt *st = store_stmt(s, DRAFT_COLS "WHERE d.id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	int rc = store_step(st);
	if (rc > 0)
		read_draft(a, st, d);
	sqlite3_reset(st);
	return rc > 0 ? ST_OK : rc == 0 ? ST_NOTFOUND : ST_ERR;
}

int dir_staff_draft_list(struct store *s, arena *a, const char *status, const char *org_id, long limit,
			 struct dir_staff_draft **out, size_t *n)
{
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, DRAFT_COLS
		"WHERE (?1 IS NULL OR d.status = ?1) AND (?2 IS NULL OR d.organization_id = ?2) "
		"ORDER BY d.status <> 'pending', CASE WHEN d.status = 'pending' THEN d.submitted_at END, "
		"coalesce(d.reviewed_at, d.submitted_at) DESC, d.id DESC LIMIT ?3");
	if (!st)
		return ST_ERR;
	store_bind_opt(st, 1, status);
	store_bind_opt(st, 2, org_id);
	sqlite3_bind_int64(st, 3, limit);
	int rc;
	while ((rc = store_step(st)) > 0)
		read_draft(a, st, PUSH(a, *out, *n, cap));
	sqlite3_reset(st);
	return rc == 0 ? ST_OK : ST_ERR;
}

int dir_staff_draft_pending(struct store *s, arena *a, const char *service_id, const char *org_id,
			    struct dir_staff_draft *d)
{
	sqlite3_stmt *st = store_stmt(s, DRAFT_COLS "WHERE d.service_id = ?1 AND d.organization_id = ?2 "
						    "AND d.status = 'pending' ORDER BY d.id DESC LIMIT 1");
	if (!st)
		return ST_ERR;
	store_bind_opt(st, 1, service_id);
	store_bind_opt(st, 2, org_id);
	int rc = store_step(st);
	if (rc > 0)
		read_draft(a, st, d);
	sqlite3_reset(st);
	return rc > 0 ? ST_OK : rc == 0 ? ST_NOTFOUND : ST_ERR;
}

int dir_staff_draft_decide(struct store *s, int64_t id, const char *status, int64_t reviewer, const char *comment,
			   const char *service_id)
{
	sqlite3_stmt *st = store_stmt(s,
		"UPDATE service_draft SET status = ?1, reviewed_by = ?2, comment = ?3, "
		"reviewed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), service_id = coalesce(?4, service_id) "
		"WHERE id = ?5 AND status = 'pending'");
	if (!st)
		return ST_ERR;
	store_bind_opt(st, 1, status);
	sqlite3_bind_int64(st, 2, reviewer);
	store_bind_str(st, 3, comment);
	store_bind_opt(st, 4, service_id);
	sqlite3_bind_int64(st, 5, id);
	int rc = store_exec_stmt(s, st);
	if (rc == ST_OK && sqlite3_changes(store_db(s)) == 0)
		rc = ST_CONFLICT;
	return rc;
}

/* ---- merging duplicates ---- */

int dir_staff_merge_offer(struct store *s, arena *a, const char *from, const char *into, const char *who)
{
	struct dir_service A, B;
	struct store_tx tx;
	int rc;
	if ((rc = store_tx_begin(s, &tx)) != ST_OK)
		return rc;
	if ((rc = dir_service_get(s, a, from, "de", DIR_STAFF, &A)) != ST_OK ||
	    (rc = dir_service_get(s, a, into, "de", DIR_STAFF, &B)) != ST_OK)
		goto out;
	rc = ST_CONFLICT;
	if (strcmp(A.id, B.id) == 0 || A.merged_into || B.merged_into || B.archived)
		goto out;
	/* B gains what A has and B lacks: languages, terms, locations */
	struct dir_service M = B;
	M.languages = arena_alloc(a, (B.n_languages + A.n_languages + 1) * sizeof(*M.languages));
	if (B.n_languages) /* B.languages may be NULL then */
		memcpy(M.languages, B.languages, B.n_languages * sizeof(*M.languages));
	for (size_t i = 0; i < A.n_languages; i++) {
		int have = 0;
		for (size_t k = 0; k < M.n_languages && !have; k++)
			have = strcmp(M.languages[k].code, A.languages[i].code) == 0;
		if (!have) {
			M.languages[M.n_languages] = A.languages[i];
			M.languages[M.n_languages++].id = NULL; /* a new row; A keeps its own */
		}
	}
	M.terms = arena_alloc(a, (B.n_terms + A.n_terms + 1) * sizeof(*M.terms));
	if (B.n_terms)
		memcpy(M.terms, B.terms, B.n_terms * sizeof(*M.terms));
	for (size_t i = 0; i < A.n_terms; i++) {
		int have = 0;
		for (size_t k = 0; k < M.n_terms && !have; k++)
			have = strcmp(M.terms[k].id, A.terms[i].id) == 0;
		if (!have)
			M.terms[M.n_terms++] = A.terms[i];
	}
	M.locations = arena_alloc(a, (B.n_locations + A.n_locations + 1) * sizeof(*M.locations));
	if (B.n_locations)
		memcpy(M.locations, B.locations, B.n_locations * sizeof(*M.locations));
	for (size_t i = 0; i < A.n_locations; i++) {
		int have = 0;
		for (size_t k = 0; k < M.n_locations && !have; k++)
			have = strcmp(M.locations[k].id, A.locations[i].id) == 0;
		if (!have)
			M.locations[M.n_locations++] = A.locations[i];
	}
	if ((rc = dir_service_save(s, &M, who, NULL)) != ST_OK)
		goto out;
	/* and the translations into the languages B has none in */
	if ((rc = dir_tr_merge(s, from, into, who)) != ST_OK)
		goto out;
	if ((rc = exec2(s, "UPDATE service SET merged_into = ?2, archived = 1, "
			   "last_modified = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1", from, into)) != ST_OK ||
	    (rc = dir_fact_refresh(s, from)) != ST_OK)
		goto out;
	if ((rc = dir_log_change(s, NULL, from, "service", "merge", "merged_into", "", into, who)) != ST_OK)
		goto out;
	rc = dir_log_change(s, NULL, into, "service", "merge", "merged_from", "", from, who);
out:
	return store_tx_end(s, &tx, rc);
}

int dir_staff_merge_org(struct store *s, arena *a, const char *from, const char *into, const char *who)
{
	struct dir_org A, B;
	struct store_tx tx;
	int rc;
	if ((rc = store_tx_begin(s, &tx)) != ST_OK)
		return rc;
	if ((rc = dir_org_get(s, a, from, "de", DIR_STAFF, &A)) != ST_OK ||
	    (rc = dir_org_get(s, a, into, "de", DIR_STAFF, &B)) != ST_OK)
		goto out;
	rc = ST_CONFLICT;
	if (strcmp(A.id, B.id) == 0 || A.merged_into || B.merged_into || B.archived)
		goto out;
	/* the offers that move, each with its change log row */
	size_t n;
	struct dir_service *moved;
	if ((rc = dir_org_services(s, a, from, DIR_STAFF, &moved, &n)) != ST_OK)
		goto out;
	for (size_t i = 0; i < n; i++)
		if ((rc = dir_log_change(s, NULL, moved[i].id, "service", "update", "organization_id", from, into,
					 who)) != ST_OK)
			goto out;
	for (size_t i = 0; i < A.n_locations; i++)
		if ((rc = dir_log_change(s, NULL, A.locations[i].id, "location", "update", "organization_id", from,
					 into, who)) != ST_OK)
			goto out;
	static const char *const moves[] = {
		"UPDATE service SET organization_id = ?2, last_modified = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), "
		"version = version + 1 WHERE organization_id = ?1",
		"UPDATE location SET organization_id = ?2, version = version + 1 WHERE organization_id = ?1",
		"UPDATE service_draft SET organization_id = ?2 WHERE organization_id = ?1",
		/* partners of the duplicate now keep the surviving provider's offers */
		"UPDATE user SET org_id = ?2 WHERE org_id = ?1",
		"UPDATE organization SET merged_into = ?2, archived = 1, "
		"last_modified = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
	};
	for (size_t i = 0; i < NELEM(moves); i++)
		if ((rc = exec2(s, moves[i], from, into)) != ST_OK)
			goto out;
	if ((rc = dir_log_change(s, NULL, from, "organization", "merge", "merged_into", "", into, who)) != ST_OK)
		goto out;
	rc = dir_log_change(s, NULL, into, "organization", "merge", "merged_from", "", from, who);
out:
	return store_tx_end(s, &tx, rc);
}

/* ---- taxonomy terms ---- */

/* A statement's one change: ST_OK; ST_NOTFOUND when it changed no row. */
static int exec_one(struct store *s, sqlite3_stmt *st)
{
	int rc = store_exec_changed(s, st);
	return rc;
}

int dir_staff_term_rename(struct store *s, const char *id, const char *name)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE taxonomy_term SET name = ? WHERE id = ?");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, name);
	store_bind_str(st, 2, id);
	return exec_one(s, st);
}

int dir_staff_term_add(struct store *s, const char *id, const char *code, const char *name, const char *taxonomy_id)
{
	sqlite3_stmt *st = store_stmt(s,
		"INSERT INTO taxonomy_term(id, code, name, taxonomy, language, taxonomy_id, position) "
		"SELECT ?1, ?2, ?3, substr(x.uri, length('urn:lotse:taxonomy:') + 1), 'de', x.id, "
		"coalesce((SELECT max(position) + 1 FROM taxonomy_term WHERE taxonomy_id = x.id), 0) "
		"FROM taxonomy x WHERE x.id = ?4");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, id);
	store_bind_str(st, 2, code);
	store_bind_str(st, 3, name);
	store_bind_str(st, 4, taxonomy_id);
	return exec_one(s, st);
}

int dir_staff_term_label(struct store *s, const char *id, const char *name_en)
{
	static const char set[] = "INSERT INTO taxonomy_term_label(term_id, lang, name) VALUES (?, 'en', ?) "
				  "ON CONFLICT(term_id, lang) DO UPDATE SET name = excluded.name";
	static const char del[] = "DELETE FROM taxonomy_term_label WHERE term_id = ? AND lang = 'en'";
	sqlite3_stmt *st = store_stmt(s, name_en ? set : del);
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, id);
	if (name_en)
		store_bind_str(st, 2, name_en);
	return store_exec_stmt(s, st);
}

/* ---- dashboard figures ---- */

long dir_staff_pending_drafts(struct store *s)
{
	return scalar(s, store_stmt(s, "SELECT count(*) FROM service_draft WHERE status = 'pending'"));
}

long dir_staff_stale_offers(struct store *s)
{
	return scalar(s, store_stmt(s, "SELECT count(*) FROM service s" STALE_WHERE));
}

long dir_staff_org_stale(struct store *s, const char *org_id)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT count(*) FROM service s" STALE_WHERE " AND s.organization_id = ?1");
	if (!st)
		return -1;
	store_bind_opt(st, 1, org_id);
	return scalar(s, st);
}

long dir_staff_org_offers(struct store *s, const char *org_id)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT count(*) FROM service WHERE organization_id = ? "
					 "AND archived = 0 AND merged_into IS NULL");
	if (!st)
		return -1;
	store_bind_opt(st, 1, org_id);
	return scalar(s, st);
}

long dir_staff_org_drafts(struct store *s, const char *org_id, const char *status)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT count(*) FROM service_draft WHERE organization_id = ?1 "
					 "AND status = ?2");
	if (!st)
		return -1;
	store_bind_opt(st, 1, org_id);
	store_bind_opt(st, 2, status);
	return scalar(s, st);
}
