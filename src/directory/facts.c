/* facts.c — the current offers reduced to what an analysis counts (the
 * taxonomy codes, languages, places, cost, funding and period of each),
 * read for the evidence loop (src/analysis/) from the fact table the
 * directory keeps on every save (service_fact, migration 0056;
 * fact_table.c): its values first (a few hundred: terms, languages,
 * funding sources, each numbered), then the offers in one scan in rowid
 * order, each naming its values by number. */
#include "directory/directory.h"
#include "core/strmap.h"
#include "directory/languages.h"

#include <stdint.h>
#include <stdlib.h>
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

/* The lists of a fact, and the taxonomy that fills each of the first
 * five; a value of service_fact_value goes into one of them (or none: a
 * term of another taxonomy, or one gone). */
enum fact_list { FL_STAGES, FL_GROUPS, FL_DISTRICTS, FL_FUNDERS, FL_KINDS, FL_LANGUAGES, FL_FUNDING, FL__COUNT,
		 FL_NONE = FL__COUNT };
static const char *const list_taxonomy[FL_LANGUAGES] = { "urn:lotse:taxonomy:uebergangsphase",
							 "urn:lotse:taxonomy:zielgruppe", "urn:lotse:taxonomy:ort",
							 "urn:lotse:taxonomy:foerderung",
							 "urn:lotse:taxonomy:angebotsart" };

static const char ***list_of(struct dir_fact *f, enum fact_list l, size_t **n)
{
	switch (l) {
	case FL_STAGES: *n = &f->n_stages; return &f->stages;
	case FL_GROUPS: *n = &f->n_groups; return &f->groups;
	case FL_DISTRICTS: *n = &f->n_districts; return &f->districts;
	case FL_KINDS: *n = &f->n_kinds; return &f->kinds;
	case FL_LANGUAGES: *n = &f->n_languages; return &f->languages;
	case FL_FUNDING: *n = &f->n_funding; return &f->funding;
	case FL_FUNDERS:
	case FL__COUNT: break;
	}
	*n = &f->n_funders;
	return &f->funders;
}

/* A numbered value: the list it goes into and its code there. */
struct value {
	unsigned char list; /* enum fact_list */
	const char *code;
};

/* The values into *out, indexed by their number (*n: the highest + 1). */
static int load_values(struct store *s, arena *a, struct strmap *codes, struct value **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT max(id) FROM service_fact_value");
	if (!st)
		return ST_ERR;
	int k = store_step(st);
	int64_t top = k > 0 ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (k <= 0 || top < 0 || top > 100000000)
		return ST_ERR;
	*n = (size_t)top + 1;
	*out = arena_alloc(a, *n * sizeof(**out));
	for (size_t i = 0; i < *n; i++)
		(*out)[i] = (struct value){ FL_NONE, NULL };
	st = store_stmt(s, "SELECT v.id, v.kind, v.value, t.code, x.uri FROM service_fact_value v "
			   "LEFT JOIN taxonomy_term t ON v.kind = 0 AND t.id = v.value "
			   "LEFT JOIN taxonomy x ON x.id = t.taxonomy_id");
	if (!st)
		return ST_ERR;
	while ((k = store_step(st)) > 0) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (id < 0 || id > top)
			continue;
		struct value *v = &(*out)[id];
		int kind = sqlite3_column_int(st, 1);
		const char *code = store_col_text(st, kind == 0 ? 3 : 2);
		if (kind == 1)
			v->list = FL_LANGUAGES;
		else if (kind == 2)
			v->list = FL_FUNDING;
		else if (sqlite3_column_type(st, 4) != SQLITE_NULL)
			for (int l = 0; l < FL_LANGUAGES; l++)
				if (strcmp(store_col_text(st, 4), list_taxonomy[l]) == 0)
					v->list = (unsigned char)l;
		if (v->list != FL_NONE)
			v->code = intern(codes, a, code, strlen(code));
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

/* The lists of f from vals (value numbers separated by spaces): each
 * list in one piece of a, in the order vals names them. */
static void fill_lists(arena *a, struct dir_fact *f, const char *vals, const struct value *v, size_t nv)
{
	const struct value *seen[256];
	size_t n = 0, per[FL__COUNT] = { 0 };
	const char *p = vals;
	while (*p && n < sizeof(seen) / sizeof(seen[0])) {
		if (*p < '0' || *p > '9') {
			p++;
			continue;
		}
		uint64_t x = 0;
		while (*p >= '0' && *p <= '9')
			x = x * 10 + (uint64_t)(*p++ - '0');
		if (x < nv && v[x].list != FL_NONE) {
			seen[n++] = &v[x];
			per[v[x].list]++;
		}
	}
	if (!n)
		return;
	const char **pool = arena_alloc(a, n * sizeof(*pool));
	for (int l = 0; l < FL__COUNT; l++) {
		if (!per[l])
			continue;
		size_t *cnt;
		const char ***list = list_of(f, (enum fact_list)l, &cnt);
		*list = pool;
		pool += per[l];
	}
	for (size_t i = 0; i < n; i++) {
		size_t *cnt;
		const char ***list = list_of(f, (enum fact_list)seen[i]->list, &cnt);
		(*list)[(*cnt)++] = seen[i]->code;
	}
}

static int by_id(const void *x, const void *y)
{
	return strcmp(((const struct dir_fact *)x)->id, ((const struct dir_fact *)y)->id);
}

/* v[0..n) into id order, v[0..k) already so (the rows as the table was
 * filled): the rest sorted, then merged from the back, with a copy of the
 * rest (in a) as the only room needed. */
static void in_id_order(arena *a, struct dir_fact *v, size_t n, size_t k)
{
	size_t m = n - k, i = k, j = m, o = n;
	qsort(v + k, m, sizeof(*v), by_id);
	struct dir_fact *t = arena_alloc(a, m * sizeof(*t));
	memcpy(t, v + k, m * sizeof(*t));
	while (j > 0) {
		if (i > 0 && strcmp(v[i - 1].id, t[j - 1].id) > 0)
			v[--o] = v[--i];
		else
			v[--o] = t[--j];
	}
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
	struct value *val;
	size_t nval;
	if (load_values(s, a, &codes, &val, &nval) != ST_OK)
		goto out;
	/* their array made once, by their count in this read transaction:
	 * max(id) was used, but ids are not dense (an offer archived and
	 * restored gets a new row at the end, its old id stays a hole, and
	 * nothing stops a row written with a large id), so it could ask for
	 * far more than the rows need */
	sqlite3_stmt *st = store_stmt(s, "SELECT count(*) FROM service_fact");
	if (!st || store_step(st) <= 0) {
		if (st)
			sqlite3_reset(st);
		goto out;
	}
	int64_t top = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (top < 0)
		goto out;
	size_t cap = (size_t)top, n = 0;
	struct dir_fact *v = arena_alloc(a, (cap ? cap : 1) * sizeof(*v));
	st = store_stmt(s, "SELECT service_id, capacity, free_of_charge, cost, valid_from, valid_to, vals "
			   "FROM service_fact");
	if (!st)
		goto out;
	int k;
	size_t sorted = 0; /* the rows in id order from the first on */
	while ((k = store_step(st)) > 0 && n < cap) {
		struct dir_fact *f = &v[n++];
		f->id = store_col_str(a, st, 0);
		f->capacity = store_col_int(st, 1);
		f->free_of_charge = sqlite3_column_int(st, 2);
		if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
			f->has_cost = 1;
			f->cost = sqlite3_column_double(st, 3);
		}
		if (sqlite3_column_type(st, 4) != SQLITE_NULL)
			f->valid_from = store_col_str(a, st, 4);
		if (sqlite3_column_type(st, 5) != SQLITE_NULL)
			f->valid_to = store_col_str(a, st, 5);
		fill_lists(a, f, store_col_text(st, 6), val, nval);
		if (sorted == n - 1 && (n == 1 || strcmp(v[n - 2].id, f->id) < 0))
			sorted = n;
	}
	sqlite3_reset(st);
	if (k < 0)
		goto out;
	/* in id order, as promised: rows written since the table was filled
	 * in id order may stand out of it */
	if (sorted < n)
		in_id_order(a, v, n, sorted);
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
