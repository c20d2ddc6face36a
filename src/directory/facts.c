/* facts.c — the current offers reduced to what an analysis counts (the
 * taxonomy codes, languages, places, cost, funding and period of each),
 * read for the evidence loop (src/analysis/) in one scan per table: the
 * offers through their own index (service_facts, migration 0035), their
 * terms and languages in the offers' order (walked in step), funding,
 * costs and schedules in any order, each row placed by its offer's id. */
#include "directory/directory.h"
#include "core/strmap.h"
#include "directory/languages.h"

#include <stdint.h>
#include <string.h>

/* The interned copy of s (len bytes) in m, its copies in a: equal codes
 * come back as the same pointer, so that 100,000 offers do not hold
 * 100,000 copies of "de". */
static const char *intern(struct strmap *m, arena *a, const char *s, size_t len)
{
	void **v = strmap_slot(m, s, len);
	if (!*v)
		*v = arena_strndup(a, s, len);
	return *v;
}

static void push_code(arena *a, const char ***list, size_t *n, const char *code)
{
	/* lists are short (a few terms): capacity = the next power of two */
	if (*n == 0) {
		*list = arena_alloc(a, 2 * sizeof(**list));
	} else if (*n >= 2 && (*n & (*n - 1)) == 0) {
		const char **w = arena_alloc(a, 2 * *n * sizeof(*w));
		memcpy(w, *list, *n * sizeof(*w));
		*list = w;
	}
	(*list)[(*n)++] = code;
}

/* The offers are held in id order (strcmp's, which is SQLite's BINARY
 * collation for these ids). A row of another table names its offer by id:
 * seek finds it from *cur on, galloping forward (rows that come in id
 * order cost a step each, others a binary search from 0). NULL when the
 * offer is not a current one (archived, merged) or the column is NULL. */
struct offers {
	struct dir_fact *v;
	size_t n;
	struct fact_key *key; /* each id's key (a short, cache-friendly array for
			       * the searches) */
};

/* x, read from memory in the machine's order, as the big-endian number
 * its bytes spell. */
static uint64_t be64(uint64_t x)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return x;
#else
	return __builtin_bswap64(x);
#endif
}

/* The first 24 bytes of an id, big-endian in three numbers (zero past its
 * end): compared as numbers they order as strcmp does. Time-ordered ids
 * (UUID version 7, as the import makes them) share their first 8 to 16
 * bytes across thousands of offers, so 8 bytes would leave nearly every
 * comparison to strcmp; 24 reach the random part. */
struct fact_key {
	uint64_t w[3];
};

static struct fact_key make_key(const char *id, size_t len)
{
	struct fact_key k = { { 0, 0, 0 } };
	if (len >= 24) {
		for (int w = 0; w < 3; w++) {
			uint64_t x;
			memcpy(&x, id + 8 * w, 8);
			k.w[w] = be64(x);
		}
		return k;
	}
	for (size_t i = 0; i < len; i++)
		k.w[i / 8] |= (uint64_t)(unsigned char)id[i] << (56 - 8 * (i % 8));
	return k;
}

/* strcmp(o->v[i].id, id), <0, 0 or >0, with key = make_key(id). */
static int cmp_at(const struct offers *o, size_t i, const struct fact_key *key, const char *id)
{
	const struct fact_key *k = &o->key[i];
	for (int w = 0; w < 3; w++)
		if (k->w[w] != key->w[w])
			return k->w[w] < key->w[w] ? -1 : 1;
	return strcmp(o->v[i].id, id);
}

static struct dir_fact *seek(const struct offers *o, size_t *cur, sqlite3_stmt *st)
{
	const char *id = (const char *)sqlite3_column_text(st, 0);
	if (!id)
		return NULL;
	struct fact_key key = make_key(id, (size_t)sqlite3_column_bytes(st, 0));
	size_t lo = *cur, hi = *cur, step = 1;
	while (hi < o->n && cmp_at(o, hi, &key, id) < 0) {
		lo = hi + 1;
		hi += step;
		step *= 2;
	}
	if (hi > o->n)
		hi = o->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_at(o, mid, &key, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*cur = lo;
	return lo < o->n && cmp_at(o, lo, &key, id) == 0 ? &o->v[lo] : NULL;
}

/* The lists of a fact that taxonomies fill, and which taxonomy each. */
enum fact_list { FL_STAGES, FL_GROUPS, FL_DISTRICTS, FL_FUNDERS, FL_KINDS, FL__COUNT };
static const char *const list_taxonomy[FL__COUNT] = { "uebergangsphase", "zielgruppe", "ort", "foerderung",
						      "angebotsart" };

static const char ***list_of(struct dir_fact *f, enum fact_list l, size_t **n)
{
	switch (l) {
	case FL_STAGES: *n = &f->n_stages; return &f->stages;
	case FL_GROUPS: *n = &f->n_groups; return &f->groups;
	case FL_DISTRICTS: *n = &f->n_districts; return &f->districts;
	case FL_KINDS: *n = &f->n_kinds; return &f->kinds;
	case FL_FUNDERS:
	case FL__COUNT: break;
	}
	*n = &f->n_funders;
	return &f->funders;
}

/* A term of a counted taxonomy: the list it goes into, its id and code. */
struct term_to {
	enum fact_list list;
	const char *id, *code;
};

/* The terms of the counted taxonomies into *out. */
static int load_terms(struct store *s, arena *a, struct term_to **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT t.id, t.code, substr(x.uri, length('urn:lotse:taxonomy:') + 1) "
					 "FROM taxonomy_term t JOIN taxonomy x ON x.id = t.taxonomy_id");
	if (!st)
		return ST_ERR;
	int k;
	while ((k = store_step(st)) > 0) {
		const char *tax = store_col_text(st, 2);
		for (int i = 0; i < FL__COUNT; i++)
			if (strcmp(tax, list_taxonomy[i]) == 0) {
				*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 64);
				(*out)[(*n)++] = (struct term_to){ (enum fact_list)i, store_col_str(a, st, 0),
								   store_col_str(a, st, 1) };
			}
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

/* The terms of every offer in one scan of the attribute table's primary
 * key (link_entity, link_id, taxonomy_term_id): its rows come in the
 * offers' order, so each is placed by a step or two of seek; the term's
 * id is looked up among the counted terms (others are skipped). */
static int read_terms(struct store *s, arena *a, const struct offers *o)
{
	struct term_to *t;
	size_t nt;
	struct strmap by_id = { 0 };
	if (load_terms(s, a, &t, &nt) != ST_OK)
		return ST_ERR;
	for (size_t i = 0; i < nt; i++)
		*strmap_slot(&by_id, t[i].id, strlen(t[i].id)) = &t[i];
	int rc = ST_ERR, k;
	sqlite3_stmt *st = store_stmt(s, "SELECT link_id, taxonomy_term_id FROM attribute WHERE link_entity = 'service' "
					 "ORDER BY link_id");
	if (!st)
		goto out;
	size_t cur = 0;
	while ((k = store_step(st)) > 0) {
		struct dir_fact *f = seek(o, &cur, st);
		if (!f)
			continue;
		const char *term = (const char *)sqlite3_column_text(st, 1);
		const struct term_to *to = term ? strmap_get(&by_id, term, (size_t)sqlite3_column_bytes(st, 1)) : NULL;
		if (to) {
			size_t *cnt;
			const char ***list = list_of(f, to->list, &cnt);
			push_code(a, list, cnt, to->code);
		}
	}
	sqlite3_reset(st);
	if (k == 0)
		rc = ST_OK;
out:
	strmap_free(&by_id, NULL);
	return rc;
}

static int read_lists(struct store *s, arena *a, const struct offers *o, struct strmap *codes)
{
	/* in id order (the index language_service covers it) */
	sqlite3_stmt *st = store_stmt(s, "SELECT service_id, lower(code) FROM language WHERE service_id IS NOT NULL "
					 "ORDER BY service_id");
	if (!st)
		return ST_ERR;
	int k;
	size_t cur = 0;
	while ((k = store_step(st)) > 0) {
		struct dir_fact *f = seek(o, &cur, st);
		if (f) {
			const char *code = store_col_text(st, 1);
			push_code(a, &f->languages, &f->n_languages, intern(codes, a, code, strlen(code)));
		}
	}
	sqlite3_reset(st);
	if (k < 0)
		return ST_ERR;
	st = store_stmt(s, "SELECT service_id, source FROM funding WHERE service_id IS NOT NULL");
	if (!st)
		return ST_ERR;
	while ((k = store_step(st)) > 0) {
		cur = 0;
		struct dir_fact *f = seek(o, &cur, st);
		if (f) {
			const char *src = store_col_text(st, 1);
			push_code(a, &f->funding, &f->n_funding, intern(codes, a, src, strlen(src)));
		}
	}
	sqlite3_reset(st);
	if (k < 0)
		return ST_ERR;
	/* the lowest stated cost */
	st = store_stmt(s, "SELECT service_id, amount FROM cost_option WHERE amount IS NOT NULL");
	if (!st)
		return ST_ERR;
	while ((k = store_step(st)) > 0) {
		cur = 0;
		struct dir_fact *f = seek(o, &cur, st);
		double x = sqlite3_column_double(st, 1);
		if (f && (!f->has_cost || x < f->cost)) {
			f->cost = x;
			f->has_cost = 1;
		}
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

/* The period from the schedules: the earliest start; the latest end when
 * every schedule of the offer has one. open[i] counts an offer's
 * schedules without an end. */
static int read_periods(struct store *s, arena *a, const struct offers *o)
{
	unsigned char *open = arena_alloc(a, o->n ? o->n : 1);
	sqlite3_stmt *st = store_stmt(s, "SELECT service_id, valid_from, valid_to FROM schedule "
					 "WHERE service_id IS NOT NULL");
	if (!st)
		return ST_ERR;
	int k;
	while ((k = store_step(st)) > 0) {
		size_t cur = 0;
		struct dir_fact *f = seek(o, &cur, st);
		if (!f)
			continue;
		const char *from = (const char *)sqlite3_column_text(st, 1);
		const char *to = (const char *)sqlite3_column_text(st, 2);
		if (from && (!f->valid_from || strcmp(from, f->valid_from) < 0))
			f->valid_from = arena_strdup(a, from);
		if (!to)
			open[f - o->v] = 1;
		else if (!f->valid_to || strcmp(to, f->valid_to) > 0)
			f->valid_to = arena_strdup(a, to);
	}
	sqlite3_reset(st);
	for (size_t i = 0; i < o->n; i++)
		if (open[i])
			o->v[i].valid_to = NULL;
	return k == 0 ? ST_OK : ST_ERR;
}

int dir_facts(struct store *s, arena *a, struct dir_fact **out, size_t *nout)
{
	*out = NULL;
	*nout = 0;
	struct strmap codes = { 0 };
	struct store_tx tx;
	int rc = store_tx_read(s, &tx);
	if (rc != ST_OK)
		return rc;
	rc = ST_ERR;
	/* the current offers, by id (covered by the index service_facts);
	 * counted first, so that their array is made once */
	sqlite3_stmt *st = store_stmt(s, "SELECT count(*) FROM service "
					 "WHERE archived = 0 AND status = 'active' AND merged_into IS NULL");
	if (!st || store_step(st) <= 0) {
		if (st)
			sqlite3_reset(st);
		goto out;
	}
	size_t cap = (size_t)sqlite3_column_int64(st, 0), n = 0;
	sqlite3_reset(st);
	struct dir_fact *v = arena_alloc(a, (cap ? cap : 1) * sizeof(*v));
	st = store_stmt(s, "SELECT id, capacity, free_of_charge FROM service "
			   "WHERE archived = 0 AND status = 'active' AND merged_into IS NULL ORDER BY id");
	if (!st)
		goto out;
	int k;
	while ((k = store_step(st)) > 0 && n < cap) {
		struct dir_fact *f = &v[n++];
		f->id = store_col_str(a, st, 0);
		f->capacity = store_col_int(st, 1);
		f->free_of_charge = sqlite3_column_int(st, 2);
	}
	sqlite3_reset(st);
	if (k < 0)
		goto out;
	struct offers o = { v, n, arena_alloc(a, (n ? n : 1) * sizeof(struct fact_key)) };
	for (size_t i = 0; i < n; i++)
		o.key[i] = make_key(v[i].id, strlen(v[i].id));
	if (read_terms(s, a, &o) != ST_OK || read_lists(s, a, &o, &codes) != ST_OK || read_periods(s, a, &o) != ST_OK)
		goto out;
	*out = v;
	*nout = n;
	rc = ST_OK;
out:
	strmap_free(&codes, NULL);
	return store_tx_end(s, &tx, rc);
}

int dir_fact_names(struct store *s, arena *a, const char *const *ids, size_t n, const char **names,
		   const char **org_names)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *st = store_stmt(s, "SELECT s.name, o.name FROM service s "
						 "JOIN organization o ON o.id = s.organization_id WHERE s.id = ?1");
		if (!st)
			return ST_ERR;
		sqlite3_bind_text(st, 1, ids[i], -1, SQLITE_STATIC);
		int k = store_step(st);
		names[i] = k > 0 ? store_col_str(a, st, 0) : "";
		org_names[i] = k > 0 ? store_col_str(a, st, 1) : "";
		sqlite3_reset(st);
		if (k < 0)
			return ST_ERR;
	}
	return ST_OK;
}

int dir_fact_kinds(struct store *s, arena *a, const char *id, const char **out)
{
	*out = "";
	sqlite3_stmt *st = store_stmt(s, "SELECT t.code FROM attribute x JOIN taxonomy_term t ON t.id = x.taxonomy_term_id "
					 "JOIN taxonomy y ON y.id = t.taxonomy_id WHERE x.link_entity = 'service' AND "
					 "x.link_id = ?1 AND y.uri = 'urn:lotse:taxonomy:angebotsart' ORDER BY t.code");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	int k;
	while ((k = store_step(st)) > 0) {
		const char *code = store_col_text(st, 0);
		if (*code)
			*out = **out ? arena_printf(a, "%s,%s", *out, code) : arena_strdup(a, code);
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

const char *dir_fact_language(const char *code, const char *ui_lang)
{
	return dir_language_name(code, ui_lang);
}
