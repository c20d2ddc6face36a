/* columns.c — the column store of a survey's closed answers (columns.h):
 * per closed variable a BLOB of one byte per response, and the responses'
 * ids beside them, kept in survey_column. The columns are a cache of the
 * answer table: missing or stale ones are built from it (one range of the
 * answers, merged with the ids) and kept; the triggers of
 * sql/0036_survey_columns.sql drop a survey's columns when one of its
 * responses changes; `lotse responses import` appends its rows itself. */
#include "surveys/columns.h"
#include "core/core.h"
#include "core/i18n.h"

#include <stdlib.h>
#include <string.h>

void survey_categories(arena *a, const struct survey_question *q, const char *lang, size_t *k, const char ***codes,
		       const char ***labels)
{
	if (q->type == SQ_YESNO) {
		*k = 2;
		*codes = arena_alloc(a, 2 * sizeof(**codes));
		*labels = arena_alloc(a, 2 * sizeof(**labels));
		(*codes)[0] = "Y";
		(*codes)[1] = "N";
		(*labels)[0] = i18n_get(lang, "Ja");
		(*labels)[1] = i18n_get(lang, "Nein");
		return;
	}
	int other = q->other && q->type != SQ_ARRAY && q->type != SQ_RANKING;
	*k = q->nopts + (size_t)other;
	*codes = arena_alloc(a, (*k + 1) * sizeof(**codes));
	*labels = arena_alloc(a, (*k + 1) * sizeof(**labels));
	for (size_t i = 0; i < q->nopts; i++) {
		(*codes)[i] = q->opts[i].code;
		const char *l = survey_tx(&q->opts[i].tx, "label", lang);
		(*labels)[i] = *l ? l : q->opts[i].code;
	}
	if (other) {
		(*codes)[q->nopts] = "other";
		(*labels)[q->nopts] = i18n_get(lang, "Sonstiges");
	}
}

int survey_cat_index(const char *const *codes, size_t k, const char *v)
{
	for (size_t i = 0; i < k; i++)
		if (strcmp(codes[i], v) == 0)
			return (int)i;
	return -1;
}

int survey_col_kind(const struct survey_question *q, const char *part)
{
	size_t k = q->nopts + (q->other ? 1 : 0);
	switch (q->type) {
	case SQ_SINGLE:
	case SQ_DROPDOWN:
		return !*part && k <= SURVEY_COL_MAXK;
	case SQ_YESNO:
		return !*part;
	case SQ_ARRAY:
		return survey_option_index(q, 1, part) >= 0 && q->nopts <= SURVEY_COL_MAXK;
	case SQ_RANKING: {
		char *end;
		long r = strtol(part, &end, 10);
		return *part && !*end && r >= 1 && (size_t)r <= q->nopts && q->nopts <= SURVEY_COL_MAXK;
	}
	default:
		return 0;
	}
}

#define RID_VAR "#rid"

static const char *var_of(arena *a, const struct survey_question *q, const char *part)
{
	return arena_printf(a, "%lld/%s", (long long)q->id, part);
}

/* The codes the bytes refer to, joined by unit separators. */
static const char *key_of(arena *a, const struct survey_question *q)
{
	size_t k;
	const char **codes, **labels;
	survey_categories(a, q, "de", &k, &codes, &labels);
	size_t len = 1;
	for (size_t i = 0; i < k; i++)
		len += strlen(codes[i]) + 1;
	char *key = arena_alloc(a, len), *p = key;
	for (size_t i = 0; i < k; i++) {
		size_t n = strlen(codes[i]);
		memcpy(p, codes[i], n);
		p += n;
		*p++ = '\x1f';
	}
	*p = '\0';
	return key;
}

/* A kept column: its key and a copy of its bytes in a. 1 found, 0 not,
 * -1 failure. */
static int read_col(struct store *s, arena *a, int64_t sid, const char *var, const char **key,
		    const unsigned char **data, size_t *len)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT key, data FROM survey_column WHERE survey_id = ?1 AND var = ?2");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_text(st, 2, var, -1, SQLITE_STATIC);
	int k = store_step(st);
	if (k > 0) {
		*key = store_col_str(a, st, 0);
		*len = (size_t)sqlite3_column_bytes(st, 1);
		unsigned char *v = arena_alloc(a, *len + 1);
		if (*len)
			memcpy(v, sqlite3_column_blob(st, 1), *len);
		*data = v;
	}
	sqlite3_reset(st);
	return k < 0 ? -1 : k;
}

static int write_col(struct store *s, int64_t sid, const char *var, const char *key, const void *data, size_t len)
{
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO survey_column (survey_id, var, key, data) VALUES (?1, ?2, ?3, ?4) "
					 "ON CONFLICT (survey_id, var) DO UPDATE SET key = excluded.key, data = excluded.data");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_text(st, 2, var, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, key, -1, SQLITE_STATIC);
	if (len)
		sqlite3_bind_blob64(st, 4, data, len, SQLITE_STATIC);
	else
		sqlite3_bind_zeroblob(st, 4, 0);
	return store_exec_stmt(s, st);
}

static int drop_cols(struct store *s, int64_t sid)
{
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM survey_column WHERE survey_id = ?1");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, sid);
	return store_exec_stmt(s, st);
}

static void put_le64(unsigned char *p, int64_t x)
{
	uint64_t u = (uint64_t)x;
	for (int b = 0; b < 8; b++)
		p[b] = (unsigned char)(u >> (8 * b));
}

static int64_t get_le64(const unsigned char *p)
{
	uint64_t u = 0;
	for (int b = 7; b >= 0; b--)
		u = u << 8 | p[b];
	return (int64_t)u;
}

static int64_t *decode_rids(arena *a, const unsigned char *data, size_t n)
{
	int64_t *r = arena_alloc(a, (n + 1) * sizeof(*r));
	for (size_t i = 0; i < n; i++)
		r[i] = get_le64(data + 8 * i);
	return r;
}

/* The kept column of var with key (and, when rids, the kept ids, of the
 * same number). 1 found, 0 missing or stale, -1 failure. */
static int fetch(struct store *s, arena *a, int64_t sid, const char *var, const char *key,
		 const unsigned char **v, const int64_t **rids, size_t *n)
{
	const char *k;
	const unsigned char *data;
	size_t len;
	int got = read_col(s, a, sid, var, &k, &data, &len);
	if (got <= 0 || strcmp(k, key) != 0)
		return got < 0 ? -1 : 0;
	*v = data;
	*n = len;
	if (!rids)
		return 1;
	const unsigned char *rd;
	got = read_col(s, a, sid, RID_VAR, &k, &rd, &len);
	if (got <= 0 || len != 8 * *n)
		return got < 0 ? -1 : 0;
	*rids = decode_rids(a, rd, *n);
	return 1;
}

/* The survey's response ids, ascending: the kept ones, else read. */
static int survey_rids(struct store *s, arena *a, int64_t sid, int64_t **out, size_t *n, int *kept)
{
	const char *k;
	const unsigned char *data;
	size_t len;
	int got = read_col(s, a, sid, RID_VAR, &k, &data, &len);
	if (got < 0)
		return ST_ERR;
	*kept = got > 0 && len % 8 == 0;
	if (*kept) {
		*n = len / 8;
		*out = decode_rids(a, data, *n);
		return ST_OK;
	}
	sqlite3_stmt *st = store_stmt(s, "SELECT id FROM survey_response WHERE survey_id = ?1 ORDER BY id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, sid);
	size_t cap = 0;
	int64_t *r = NULL;
	*n = 0;
	int step;
	while ((step = store_step(st)) > 0) {
		r = arena_grow(a, r, *n, &cap, sizeof(*r), 1024);
		r[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (step < 0)
		return ST_ERR;
	*out = r ? r : arena_alloc(a, sizeof(*r));
	return ST_OK;
}

/* Build the column of (q, part) from the answers. */
static int build(struct store *s, arena *a, arena *tmp, const struct survey *sv, const struct survey_question *q,
		 const char *part, const unsigned char **v, const int64_t **rids, size_t *n, int *rids_kept)
{
	int64_t *r;
	size_t nr;
	int rc = survey_rids(s, tmp, sv->id, &r, &nr, rids_kept);
	if (rc != ST_OK)
		return rc;
	size_t k;
	const char **codes, **labels;
	survey_categories(tmp, q, "de", &k, &codes, &labels);
	unsigned char *col = arena_alloc(a, nr + 1);
	memset(col, 0, nr + 1);
	sqlite3_stmt *st = store_stmt(s, "SELECT response_id, value FROM survey_answer WHERE question_id = ?1 "
					 "AND part = ?2 ORDER BY response_id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, q->id);
	sqlite3_bind_text(st, 2, part, -1, SQLITE_STATIC);
	size_t at = 0;
	int step;
	while ((step = store_step(st)) > 0) {
		int64_t rid = sqlite3_column_int64(st, 0);
		while (at < nr && r[at] < rid)
			at++;
		if (at >= nr)
			break;
		if (r[at] == rid)
			col[at] = (unsigned char)(survey_cat_index(codes, k, store_col_text(st, 1)) + 1);
	}
	sqlite3_reset(st);
	if (step < 0)
		return ST_ERR;
	*v = col;
	if (rids)
		*rids = r;
	*n = nr;
	return ST_OK;
}

/* Keep a column just built, with the ids it refers to (unless those are
 * kept already). */
static int keep_col(struct store *s, int64_t sid, const char *var, const char *key, const unsigned char *v,
		    const int64_t *rids, size_t n, int rids_kept)
{
	int rc = ST_OK;
	if (!rids_kept) {
		unsigned char *enc = xmalloc(8 * n + 1);
		for (size_t i = 0; i < n; i++)
			put_le64(enc + 8 * i, rids[i]);
		rc = write_col(s, sid, RID_VAR, "", enc, 8 * n);
		free(enc);
	}
	return rc == ST_OK ? write_col(s, sid, var, key, v, n) : rc;
}

int survey_column(struct store *s, arena *a, const struct survey *sv, const struct survey_question *q,
		  const char *part, const unsigned char **v, const int64_t **rids, size_t *n)
{
	if (!survey_col_kind(q, part))
		return ST_NOTFOUND;
	const char *var = var_of(a, q, part), *key = key_of(a, q);
	struct store_tx tx;
	int rc = store_tx_read(s, &tx);
	if (rc != ST_OK)
		return rc;
	int got = fetch(s, a, sv->id, var, key, v, rids, n);
	/* the ids a build needs only for itself go in an arena of its own */
	arena *tmp = rids ? a : arena_new();
	if (got == 0) {
		/* missing or stale: built from the same consistent read */
		const int64_t *r = NULL;
		int rids_kept = 0;
		rc = build(s, a, tmp, sv, q, part, v, &r, n, &rids_kept);
		if (rids)
			*rids = r;
		if (rc == ST_OK) {
			/* and kept when the database takes the write (a reader
			 * whose snapshot is old, or a busy database, does not:
			 * then it is built again next time) */
			int busy = store_failed_busy();
			struct store_tx w;
			if (store_tx_begin(s, &w) == ST_OK)
				store_tx_end(s, &w, keep_col(s, sv->id, var, key, *v, r, *n, rids_kept));
			if (!busy)
				store_failure_clear();
		}
	}
	if (tmp != a)
		arena_free(tmp);
	return store_tx_end(s, &tx, got < 0 ? ST_ERR : rc);
}

int survey_columns_count(struct store *s, int64_t survey_id, size_t *before)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT COUNT(*) FROM survey_response WHERE survey_id = ?1");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, survey_id);
	int k = store_step(st);
	if (k > 0)
		*before = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return k > 0 ? ST_OK : ST_ERR;
}

/* old (len bytes) followed by add (n), in a. */
static unsigned char *joined(arena *a, const unsigned char *old, size_t len, const void *add, size_t n)
{
	unsigned char *v = arena_alloc(a, len + n + 1);
	if (len)
		memcpy(v, old, len);
	if (n)
		memcpy(v + len, add, n);
	return v;
}

int survey_columns_append(struct store *s, int64_t survey_id, size_t before, const int64_t *rids, size_t n,
			  const struct survey_col_append *cols, size_t ncols)
{
	arena *a = arena_new();
	const char *k;
	const unsigned char *old = NULL;
	size_t len = 0;
	int got = before ? read_col(s, a, survey_id, RID_VAR, &k, &old, &len) : 0;
	int rc = got < 0 ? ST_ERR : ST_OK;
	if (rc == ST_OK && before && (got == 0 || len != 8 * before)) {
		/* the kept columns do not cover the responses before: build later */
		rc = drop_cols(s, survey_id);
		arena_free(a);
		return rc;
	}
	if (rc == ST_OK) {
		unsigned char *enc = arena_alloc(a, 8 * n + 1);
		for (size_t i = 0; i < n; i++)
			put_le64(enc + 8 * i, rids[i]);
		rc = write_col(s, survey_id, RID_VAR, "", joined(a, old, len, enc, 8 * n), len + 8 * n);
	}
	for (size_t c = 0; rc == ST_OK && c < ncols; c++) {
		const struct survey_col_append *x = &cols[c];
		const char *var = var_of(a, x->q, x->part), *key = key_of(a, x->q);
		old = NULL;
		len = 0;
		got = before ? read_col(s, a, survey_id, var, &k, &old, &len) : 0;
		if (got < 0) {
			rc = ST_ERR;
		} else if (before && (got == 0 || len != before || strcmp(k, key) != 0)) {
			/* not kept (or stale): dropped, built when needed */
			sqlite3_stmt *st = store_stmt(s, "DELETE FROM survey_column WHERE survey_id = ?1 AND var = ?2");
			if (!st) {
				rc = ST_ERR;
				break;
			}
			sqlite3_bind_int64(st, 1, survey_id);
			sqlite3_bind_text(st, 2, var, -1, SQLITE_STATIC);
			rc = store_exec_stmt(s, st);
		} else {
			rc = write_col(s, survey_id, var, key, joined(a, old, len, x->v, x->n), len + x->n);
		}
	}
	arena_free(a);
	return rc;
}
