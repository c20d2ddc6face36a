/* columns.c — the cells of a survey's closed answers (columns.h): per
 * closed variable a BLOB of one byte per response slot, and the responses'
 * ids by slot beside them ('#rid'), in survey_cells. They are the closed
 * answers themselves: a response's cells are written in place (SQLite's
 * incremental blob I/O) when it is collected or changed, an import writes
 * whole columns, and a survey whose responses changed by other means (the
 * mark in survey_cells_stale, set by the triggers of
 * sql/0045_survey_cells.sql) is reconciled by the next reader or writer,
 * which also folds closed answers found in survey_answer into the cells. */
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
	case SQ_MULTIPLE:
		return *part && survey_option_index(q, 0, part) >= 0;
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

void survey_col_codes(arena *a, const struct survey_question *q, const char *part, size_t *k, const char ***codes)
{
	if (q->type == SQ_MULTIPLE) {
		(void)part;
		*k = 1;
		*codes = arena_alloc(a, 2 * sizeof(**codes));
		(*codes)[0] = "Y";
		return;
	}
	const char **labels;
	survey_categories(a, q, "de", k, codes, &labels);
}

size_t survey_col_parts(arena *a, const struct survey_question *q, const char ***parts)
{
	size_t cap = q->nopts + q->nsubs + 1, n = 0;
	const char **p = arena_alloc(a, cap * sizeof(*p));
	switch (q->type) {
	case SQ_SINGLE:
	case SQ_DROPDOWN:
	case SQ_YESNO:
		p[n++] = "";
		break;
	case SQ_MULTIPLE:
		for (size_t i = 0; i < q->nopts; i++)
			p[n++] = q->opts[i].code;
		break;
	case SQ_ARRAY:
		for (size_t i = 0; i < q->nsubs; i++)
			p[n++] = q->subs[i].code;
		break;
	case SQ_RANKING:
		for (size_t i = 0; i < q->nopts; i++)
			p[n++] = arena_printf(a, "%zu", i + 1);
		break;
	default:
		break;
	}
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (survey_col_kind(q, p[i]))
			p[m++] = p[i];
	*parts = p;
	return m;
}

int survey_col_whole(const struct survey_question *q, size_t np)
{
	switch (q->type) {
	case SQ_SINGLE:
	case SQ_DROPDOWN:
	case SQ_YESNO:
		return np == 1;
	case SQ_ARRAY:
		return np == q->nsubs;
	case SQ_RANKING:
		return np == q->nopts;
	case SQ_MULTIPLE:
		return np == q->nopts && !q->other;
	default:
		return 0;
	}
}

#define RID_VAR "#rid"
/* room made for the next responses when the ids' row is full */
#define ROOM(n) ((n) / 2 + 1024)

static const char *var_of(arena *a, const struct survey_question *q, const char *part)
{
	return arena_printf(a, "%lld/%s", (long long)q->id, part);
}

/* The codes the bytes refer to, joined by unit separators. */
static const char *key_of(arena *a, const struct survey_question *q, const char *part)
{
	size_t k;
	const char **codes;
	survey_col_codes(a, q, part, &k, &codes);
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

/* The table from the bytes of an older key to those of key: map[b] (0
 * where the old category is gone). */
static void key_map(const char *old, const char *key, unsigned char map[SURVEY_COL_MAXK + 1])
{
	memset(map, 0, SURVEY_COL_MAXK + 1);
	size_t b = 1;
	for (const char *p = old; *p && b <= SURVEY_COL_MAXK; b++) {
		const char *e = strchr(p, '\x1f');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		size_t c = 1;
		for (const char *q = key; *q && c <= SURVEY_COL_MAXK; c++) {
			const char *f = strchr(q, '\x1f');
			size_t l = f ? (size_t)(f - q) : strlen(q);
			if (l == len && memcmp(p, q, len) == 0) {
				map[b] = (unsigned char)c;
				break;
			}
			q = f ? f + 1 : q + l;
		}
		p = e ? e + 1 : p + len;
	}
}

static void remap(unsigned char *v, size_t n, const char *old, const char *key)
{
	if (strcmp(old, key) == 0)
		return;
	unsigned char map[SURVEY_COL_MAXK + 1];
	key_map(old, key, map);
	for (size_t i = 0; i < n; i++)
		v[i] = map[v[i]];
}

/* A row of survey_cells without its data. */
struct cellrow {
	int64_t id;
	const char *var, *key;
	size_t n, len;
};

/* The row of var. 1 found, 0 not, -1 failure. */
static int row_get(struct store *s, arena *a, int64_t sid, const char *var, struct cellrow *r)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT id, key, n, length(data) FROM survey_cells WHERE survey_id = ?1 AND var = ?2");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_text(st, 2, var, -1, SQLITE_STATIC);
	int k = store_step(st);
	if (k > 0) {
		r->id = sqlite3_column_int64(st, 0);
		r->var = var;
		r->key = store_col_str(a, st, 1);
		r->n = (size_t)sqlite3_column_int64(st, 2);
		r->len = (size_t)sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	return k < 0 ? -1 : k;
}

/* Every row of the survey (without data), in a. */
static int rows_all(struct store *s, arena *a, int64_t sid, struct cellrow **out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT id, var, key, n, length(data) FROM survey_cells WHERE survey_id = ?1");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, sid);
	size_t cap = 0;
	int k;
	*out = NULL;
	*n = 0;
	while ((k = store_step(st)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 32);
		(*out)[(*n)++] = (struct cellrow){ sqlite3_column_int64(st, 0), store_col_str(a, st, 1),
						   store_col_str(a, st, 2), (size_t)sqlite3_column_int64(st, 3),
						   (size_t)sqlite3_column_int64(st, 4) };
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

static const struct cellrow *row_find(const struct cellrow *rows, size_t n, const char *var)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].var, var) == 0)
			return &rows[i];
	return NULL;
}

/* The data of var: a copy of want bytes in a (zero past what is kept),
 * its key. 1 found, 0 not (all zero), -1 failure. */
static int data_get(struct store *s, arena *a, int64_t sid, const char *var, size_t want, unsigned char **v,
		    const char **key)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT key, data FROM survey_cells WHERE survey_id = ?1 AND var = ?2");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_text(st, 2, var, -1, SQLITE_STATIC);
	int k = store_step(st);
	*v = arena_alloc(a, want + 1);
	memset(*v, 0, want + 1);
	*key = "";
	if (k > 0) {
		*key = store_col_str(a, st, 0);
		size_t len = (size_t)sqlite3_column_bytes(st, 1);
		if (len > want)
			len = want;
		if (len)
			memcpy(*v, sqlite3_column_blob(st, 1), len);
	}
	sqlite3_reset(st);
	return k < 0 ? -1 : k;
}

/* Write var whole: its key, n (the ids' row) and len bytes. */
static int data_put(struct store *s, int64_t sid, const char *var, const char *key, size_t n, const void *data,
		    size_t len)
{
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO survey_cells (survey_id, var, key, n, data) VALUES (?1, ?2, ?3, ?4, ?5) "
					 "ON CONFLICT (survey_id, var) DO UPDATE SET key = excluded.key, n = excluded.n, "
					 "data = excluded.data");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_text(st, 2, var, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)n);
	if (len)
		sqlite3_bind_blob64(st, 5, data, len, SQLITE_STATIC);
	else
		sqlite3_bind_zeroblob(st, 5, 0);
	return store_exec_stmt(s, st);
}

/* Read or write n bytes at off of the data of row id, in place. */
static int blob_io(struct store *s, int64_t id, int write, void *p, size_t n, size_t off)
{
	sqlite3_blob *b = NULL;
	int rc = sqlite3_blob_open(store_db(s), "main", "survey_cells", "data", id, write, &b);
	if (rc == SQLITE_OK)
		rc = write ? sqlite3_blob_write(b, p, (int)n, (int)off) : sqlite3_blob_read(b, p, (int)n, (int)off);
	sqlite3_blob_close(b);
	return rc == SQLITE_OK ? ST_OK : ST_ERR;
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

/* The survey's response ids by slot (*n of them) in a. */
static int rids_get(struct store *s, arena *a, int64_t sid, int64_t **out, size_t *n)
{
	struct cellrow r;
	int got = row_get(s, a, sid, RID_VAR, &r);
	*n = 0;
	*out = arena_alloc(a, sizeof(**out));
	if (got <= 0)
		return got < 0 ? ST_ERR : ST_OK;
	unsigned char *data;
	const char *key;
	if (data_get(s, a, sid, RID_VAR, 8 * r.n, &data, &key) < 0)
		return ST_ERR;
	int64_t *v = arena_alloc(a, (r.n + 1) * sizeof(*v));
	for (size_t i = 0; i < r.n; i++)
		v[i] = get_le64(data + 8 * i);
	*out = v;
	*n = r.n;
	return ST_OK;
}

static int mark_fresh(struct store *s, int64_t sid)
{
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM survey_cells_stale WHERE survey_id = ?1");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, sid);
	return store_exec_stmt(s, st);
}

static int mark_stale(struct store *s, int64_t sid)
{
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO survey_cells_stale (survey_id) VALUES (?1) "
					 "ON CONFLICT (survey_id) DO NOTHING");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, sid);
	return store_exec_stmt(s, st);
}

/* The survey's closed answers kept in survey_answer for question q (rows
 * of an older lotse, or written by SQL) moved into its new bytes nb (per
 * part, by the new slots of ids[0..n)); the rows moved are deleted. */
static int fold(struct store *s, arena *a, const struct survey *sv, const struct survey_question *q,
		const char *const *parts, size_t np, unsigned char **nb, int *touched, const int64_t *ids, size_t n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT response_id, part, value FROM survey_answer WHERE question_id = ?1 "
					 "ORDER BY response_id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, q->id);
	size_t *k = arena_alloc(a, (np + 1) * sizeof(*k));
	const char ***codes = arena_alloc(a, (np + 1) * sizeof(*codes));
	for (size_t p = 0; p < np; p++)
		survey_col_codes(a, q, parts[p], &k[p], &codes[p]);
	int *folded = arena_alloc(a, (np + 1) * sizeof(*folded));
	memset(folded, 0, (np + 1) * sizeof(*folded));
	size_t at = 0;
	int step;
	while ((step = store_step(st)) > 0) {
		int64_t rid = sqlite3_column_int64(st, 0);
		while (at < n && ids[at] < rid)
			at++;
		if (at >= n || ids[at] != rid)
			continue;
		const char *part = store_col_text(st, 1);
		for (size_t p = 0; p < np; p++)
			if (strcmp(parts[p], part) == 0) {
				int x = survey_cat_index(codes[p], k[p], store_col_text(st, 2));
				if (x >= 0) {
					nb[p][at] = (unsigned char)(x + 1);
					touched[p] = folded[p] = 1;
				}
				break;
			}
	}
	sqlite3_reset(st);
	if (step < 0)
		return ST_ERR;
	int rc = ST_OK;
	for (size_t p = 0; rc == ST_OK && p < np; p++)
		for (size_t c = 0; rc == ST_OK && folded[p] && c < k[p]; c++) {
			sqlite3_stmt *d = store_stmt(s, "DELETE FROM survey_answer WHERE question_id = ?1 AND part = ?2 AND value = ?3 "
							"AND response_id IN (SELECT id FROM survey_response WHERE survey_id = ?4)");
			if (!d)
				return ST_ERR;
			sqlite3_bind_int64(d, 1, q->id);
			sqlite3_bind_text(d, 2, parts[p], -1, SQLITE_STATIC);
			sqlite3_bind_text(d, 3, codes[p][c], -1, SQLITE_STATIC);
			sqlite3_bind_int64(d, 4, sv->id);
			rc = store_exec_stmt(s, d);
		}
	return rc;
}

/* The slots again from survey_response, every kept byte moved to its
 * response's new slot, the answers of survey_answer folded in. */
static int reconcile(struct store *s, arena *a, const struct survey *sv)
{
	int64_t *old;
	size_t on;
	int rc = rids_get(s, a, sv->id, &old, &on);
	if (rc != ST_OK)
		return rc;
	sqlite3_stmt *st = store_stmt(s, "SELECT id FROM survey_response WHERE survey_id = ?1 ORDER BY id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, sv->id);
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		ids = arena_grow(a, ids, n, &cap, sizeof(*ids), 1024);
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (k < 0)
		return ST_ERR;
	/* where each old slot went (n: gone) */
	size_t *map = arena_alloc(a, (on + 1) * sizeof(*map));
	for (size_t j = 0, i = 0; j < on; j++) {
		while (i < n && ids[i] < old[j])
			i++;
		map[j] = i < n && ids[i] == old[j] ? i : n;
	}
	struct cellrow *rows;
	size_t nrows;
	if (rows_all(s, a, sv->id, &rows, &nrows) != ST_OK)
		return ST_ERR;
	for (size_t qi = 0; rc == ST_OK && qi < sv->nqs; qi++) {
		const struct survey_question *q = &sv->qs[qi];
		arena *t = arena_new();
		const char **parts;
		size_t np = survey_col_parts(t, q, &parts);
		unsigned char **nb = arena_alloc(t, (np + 1) * sizeof(*nb));
		int *touched = arena_alloc(t, (np + 1) * sizeof(*touched));
		for (size_t p = 0; rc == ST_OK && p < np; p++) {
			nb[p] = arena_alloc(t, n + 1);
			memset(nb[p], 0, n + 1);
			const char *var = var_of(t, q, parts[p]);
			touched[p] = row_find(rows, nrows, var) != NULL;
			if (!touched[p])
				continue;
			unsigned char *ob;
			const char *okey;
			if (data_get(s, t, sv->id, var, on, &ob, &okey) < 0) {
				rc = ST_ERR;
				break;
			}
			remap(ob, on, okey, key_of(t, q, parts[p]));
			for (size_t j = 0; j < on; j++)
				if (map[j] < n)
					nb[p][map[j]] = ob[j];
		}
		if (rc == ST_OK && np)
			rc = fold(s, t, sv, q, parts, np, nb, touched, ids, n);
		for (size_t p = 0; rc == ST_OK && p < np; p++)
			if (touched[p])
				rc = data_put(s, sv->id, var_of(t, q, parts[p]), key_of(t, q, parts[p]), 0, nb[p], n);
		arena_free(t);
	}
	if (rc != ST_OK)
		return rc;
	unsigned char *enc = xmalloc(8 * n + 1);
	for (size_t i = 0; i < n; i++)
		put_le64(enc + 8 * i, ids[i]);
	rc = data_put(s, sv->id, RID_VAR, "", n, enc, 8 * n);
	free(enc);
	return rc == ST_OK ? mark_fresh(s, sv->id) : rc;
}

/* Is the survey marked stale? 1, 0, -1 failure. */
static int is_stale(struct store *s, int64_t sid)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT 1 FROM survey_cells_stale WHERE survey_id = ?1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, sid);
	int k = store_step(st);
	sqlite3_reset(st);
	return k;
}

int survey_cells_sync(struct store *s, const struct survey *sv)
{
	int k = is_stale(s, sv->id);
	if (k <= 0)
		return k < 0 ? ST_ERR : ST_OK;
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc != ST_OK)
		return rc;
	/* again, now that nobody else writes */
	k = is_stale(s, sv->id);
	if (k > 0) {
		arena *a = arena_new();
		rc = reconcile(s, a, sv);
		arena_free(a);
	} else if (k < 0) {
		rc = ST_ERR;
	}
	return store_tx_end(s, &tx, rc);
}

int survey_column(struct store *s, arena *a, const struct survey *sv, const struct survey_question *q,
		  const char *part, const unsigned char **v, const int64_t **rids, size_t *n)
{
	if (!survey_col_kind(q, part))
		return ST_NOTFOUND;
	struct cellrow r;
	int got = row_get(s, a, sv->id, RID_VAR, &r);
	if (got < 0)
		return ST_ERR;
	size_t m = got ? r.n : 0;
	if (rids) {
		int64_t *x;
		if (rids_get(s, a, sv->id, &x, &m) != ST_OK)
			return ST_ERR;
		*rids = x;
	}
	unsigned char *data;
	const char *key;
	got = data_get(s, a, sv->id, var_of(a, q, part), m, &data, &key);
	if (got < 0)
		return ST_ERR;
	if (got)
		remap(data, m, key, key_of(a, q, part));
	*v = data;
	*n = m;
	return ST_OK;
}

int survey_cells_ids(struct store *s, arena *a, int64_t survey_id, int64_t **ids, size_t *n)
{
	return rids_get(s, a, survey_id, ids, n);
}

int survey_cells_slot(struct store *s, int64_t survey_id, int64_t rid, size_t *slot)
{
	arena *a = arena_new();
	struct cellrow r;
	int got = row_get(s, a, survey_id, RID_VAR, &r);
	arena_free(a);
	if (got <= 0)
		return got < 0 ? ST_ERR : ST_NOTFOUND;
	sqlite3_blob *b = NULL;
	if (sqlite3_blob_open(store_db(s), "main", "survey_cells", "data", r.id, 0, &b) != SQLITE_OK) {
		sqlite3_blob_close(b);
		return ST_ERR;
	}
	/* the first slot whose id is not below rid */
	size_t lo = 0, hi = r.n;
	int rc = ST_OK;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		unsigned char e[8];
		if (sqlite3_blob_read(b, e, 8, (int)(8 * mid)) != SQLITE_OK) {
			rc = ST_ERR;
			break;
		}
		if (get_le64(e) < rid)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (rc == ST_OK) {
		unsigned char e[8];
		if (lo >= r.n)
			rc = ST_NOTFOUND;
		else if (sqlite3_blob_read(b, e, 8, (int)(8 * lo)) != SQLITE_OK)
			rc = ST_ERR;
		else if (get_le64(e) != rid)
			rc = ST_NOTFOUND;
		else
			*slot = lo;
	}
	sqlite3_blob_close(b);
	return rc;
}

int survey_cells_append(struct store *s, int64_t survey_id, int64_t rid)
{
	arena *a = arena_new();
	struct cellrow r;
	int rc = ST_OK;
	int got = row_get(s, a, survey_id, RID_VAR, &r);
	if (got == 0) {
		unsigned char *z = xcalloc(8, ROOM(0));
		rc = data_put(s, survey_id, RID_VAR, "", 0, z, 8 * ROOM(0));
		free(z);
		if (rc == ST_OK)
			got = row_get(s, a, survey_id, RID_VAR, &r);
	}
	if (got <= 0) {
		rc = ST_ERR;
		goto out;
	}
	if (r.n) {
		unsigned char e[8];
		rc = blob_io(s, r.id, 0, e, 8, 8 * (r.n - 1));
		if (rc == ST_OK && get_le64(e) >= rid) {
			/* not after the last: the next reader puts it in its place */
			rc = mark_stale(s, survey_id);
			goto out;
		}
	}
	if (rc == ST_OK && 8 * (r.n + 1) > r.len) {
		/* full: more room, for this one and the next */
		unsigned char *old;
		const char *key;
		size_t len = 8 * (r.n + ROOM(r.n));
		if (data_get(s, a, survey_id, RID_VAR, len, &old, &key) < 0)
			rc = ST_ERR;
		else
			rc = data_put(s, survey_id, RID_VAR, "", r.n, old, len);
	}
	unsigned char e[8];
	put_le64(e, rid);
	if (rc == ST_OK)
		rc = blob_io(s, r.id, 1, e, 8, 8 * r.n);
	if (rc == ST_OK) {
		sqlite3_stmt *st = store_stmt(s, "UPDATE survey_cells SET n = n + 1 WHERE id = ?1");
		if (!st) {
			rc = ST_ERR;
			goto out;
		}
		sqlite3_bind_int64(st, 1, r.id);
		rc = store_exec_stmt(s, st);
	}
	if (rc == ST_OK)
		rc = mark_fresh(s, survey_id);
out:
	arena_free(a);
	return rc;
}

int survey_cells_get(struct store *s, arena *a, const struct survey *sv, size_t slot, struct survey_answers *out)
{
	arena *t = arena_new();
	struct cellrow *rows;
	size_t nrows;
	int rc = rows_all(s, t, sv->id, &rows, &nrows);
	for (size_t qi = 0; rc == ST_OK && qi < sv->nqs; qi++) {
		const struct survey_question *q = &sv->qs[qi];
		const char **parts;
		size_t np = survey_col_parts(t, q, &parts);
		for (size_t p = 0; rc == ST_OK && p < np; p++) {
			const struct cellrow *r = row_find(rows, nrows, var_of(t, q, parts[p]));
			unsigned char b = 0;
			if (!r || r->len <= slot)
				continue;
			rc = blob_io(s, r->id, 0, &b, 1, slot);
			const char *key = key_of(t, q, parts[p]);
			if (rc != ST_OK || !b)
				continue;
			remap(&b, 1, r->key, key);
			size_t k;
			const char **codes;
			survey_col_codes(t, q, parts[p], &k, &codes);
			if (b && b <= k)
				survey_answer_set(a, out, qi, arena_strdup(a, parts[p]), arena_strdup(a, codes[b - 1]));
		}
	}
	arena_free(t);
	return rc;
}

int survey_cells_put(struct store *s, const struct survey *sv, size_t slot, size_t qi, const struct survey_answers *as,
		     int *odd)
{
	const struct survey_question *q = &sv->qs[qi];
	arena *a = arena_new();
	const char **parts;
	size_t np = survey_col_parts(a, q, &parts);
	struct cellrow ids;
	int rc = ST_OK;
	int got = np ? row_get(s, a, sv->id, RID_VAR, &ids) : 0;
	if (got < 0)
		rc = ST_ERR;
	/* a new column gets room for every slot the ids have */
	size_t cap = got > 0 ? ids.len / 8 : 0;
	if (cap <= slot)
		cap = slot + 1;
	for (size_t p = 0; rc == ST_OK && p < np; p++) {
		const char *v = survey_answer_get(as, qi, parts[p]);
		size_t k;
		const char **codes;
		survey_col_codes(a, q, parts[p], &k, &codes);
		unsigned char b = 0;
		if (v && *v) {
			int x = survey_cat_index(codes, k, v);
			if (x < 0)
				*odd = 1;
			else
				b = (unsigned char)(x + 1);
		}
		const char *var = var_of(a, q, parts[p]), *key = key_of(a, q, parts[p]);
		struct cellrow r;
		got = row_get(s, a, sv->id, var, &r);
		if (got < 0) {
			rc = ST_ERR;
		} else if (got == 0 && !b) {
			continue;
		} else if (got == 0 || r.len <= slot || strcmp(r.key, key) != 0) {
			/* new, too short or of older categories: written whole */
			unsigned char *data;
			const char *okey;
			if (data_get(s, a, sv->id, var, cap, &data, &okey) < 0) {
				rc = ST_ERR;
				break;
			}
			if (got)
				remap(data, cap, okey, key);
			data[slot] = b;
			rc = data_put(s, sv->id, var, key, 0, data, cap);
		} else {
			rc = blob_io(s, r.id, 1, &b, 1, slot);
		}
	}
	arena_free(a);
	return rc;
}

int survey_cells_extend(struct store *s, const struct survey *sv, const int64_t *rids, size_t n,
			const struct survey_col_append *cols, size_t ncols)
{
	arena *a = arena_new();
	int64_t *old;
	size_t on;
	int rc = rids_get(s, a, sv->id, &old, &on);
	if (rc == ST_OK && on && n && rids[0] <= old[on - 1])
		rc = ST_ERR; /* the new ids must come after the kept ones */
	unsigned char *out = NULL;
	if (rc == ST_OK) {
		out = xmalloc(8 * (on + n) + 1);
		for (size_t i = 0; i < on; i++)
			put_le64(out + 8 * i, old[i]);
		for (size_t i = 0; i < n; i++)
			put_le64(out + 8 * (on + i), rids[i]);
		rc = data_put(s, sv->id, RID_VAR, "", on + n, out, 8 * (on + n));
	}
	for (size_t c = 0; rc == ST_OK && c < ncols; c++) {
		const struct survey_col_append *x = &cols[c];
		const char *var = var_of(a, x->q, x->part), *key = key_of(a, x->q, x->part);
		unsigned char *ob;
		const char *okey;
		int got = data_get(s, a, sv->id, var, on, &ob, &okey);
		if (got < 0) {
			rc = ST_ERR;
			break;
		}
		if (got)
			remap(ob, on, okey, key);
		memcpy(out, ob, on);
		if (n)
			memcpy(out + on, x->v, n);
		rc = data_put(s, sv->id, var, key, 0, out, on + n);
	}
	free(out);
	arena_free(a);
	return rc;
}
