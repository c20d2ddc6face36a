/* facts.c — the current offers reduced to what an analysis counts (the
 * taxonomy codes, languages, places, cost, funding and period of each),
 * read in a few ordered scans for the evidence loop (src/analysis/). */
#include "directory/directory.h"
#include "core/strmap.h"
#include "directory/languages.h"

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
	/* lists are short (a few terms): grow by copying, capacity = next power of two */
	if ((*n & (*n - 1)) == 0 && *n >= 2) {
		const char **w = arena_alloc(a, 2 * *n * sizeof(*w));
		memcpy(w, *list, *n * sizeof(*w));
		*list = w;
	} else if (*n == 0) {
		*list = arena_alloc(a, 2 * sizeof(**list));
	}
	(*list)[(*n)++] = code;
}

/* Find the offer with id in v[0..n) at or after *cur (rows come ordered by
 * the same id order as v): its index, or -1 when it is not one of them (an
 * archived offer's row). */
static long seek(const struct dir_fact *v, size_t n, size_t *cur, const char *id)
{
	while (*cur < n && strcmp(v[*cur].id, id) < 0)
		(*cur)++;
	return *cur < n && strcmp(v[*cur].id, id) == 0 ? (long)*cur : -1;
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
	size_t n = 0, cap = 0;
	struct dir_fact *v = NULL;
	/* the offers, by id, with the lowest stated cost and their period */
	sqlite3_stmt *st = store_stmt(s,
		"SELECT s.id, s.name, o.name, s.capacity, s.free_of_charge, "
		"(SELECT min(c.amount) FROM cost_option c WHERE c.service_id = s.id), "
		"(SELECT min(h.valid_from) FROM schedule h WHERE h.service_id = s.id), "
		"(SELECT CASE WHEN count(*) > 0 AND count(*) = count(h.valid_to) THEN max(h.valid_to) END "
		" FROM schedule h WHERE h.service_id = s.id) "
		"FROM service s JOIN organization o ON o.id = s.organization_id "
		"WHERE s.archived = 0 AND s.merged_into IS NULL AND s.status = 'active' ORDER BY s.id");
	if (!st)
		goto out;
	int k;
	while ((k = store_step(st)) > 0) {
		v = arena_grow(a, v, n, &cap, sizeof(*v), 1024);
		struct dir_fact *f = &v[n++];
		f->id = store_col_str(a, st, 0);
		f->name = store_col_str(a, st, 1);
		f->org_name = store_col_str(a, st, 2);
		f->capacity = store_col_int(st, 3);
		f->free_of_charge = sqlite3_column_int(st, 4);
		f->has_cost = sqlite3_column_type(st, 5) != SQLITE_NULL;
		f->cost = sqlite3_column_double(st, 5);
		f->valid_from = store_col_opt(a, st, 6);
		f->valid_to = store_col_opt(a, st, 7);
	}
	sqlite3_reset(st);
	if (k < 0)
		goto out;
	/* their terms, by offer id: the taxonomy's code from its uri */
	st = store_stmt(s,
		"SELECT a.link_id, t.code, substr(x.uri, length('urn:lotse:taxonomy:') + 1) "
		"FROM attribute a JOIN taxonomy_term t ON t.id = a.taxonomy_term_id "
		"JOIN taxonomy x ON x.id = t.taxonomy_id WHERE a.link_entity = 'service' ORDER BY a.link_id");
	if (!st)
		goto out;
	size_t cur = 0;
	while ((k = store_step(st)) > 0) {
		long i = seek(v, n, &cur, store_col_text(st, 0));
		if (i < 0)
			continue;
		const char *tax = store_col_text(st, 2);
		struct dir_fact *f = &v[i];
		const char ***list = NULL;
		size_t *cnt = NULL;
		if (strcmp(tax, "uebergangsphase") == 0)
			list = &f->stages, cnt = &f->n_stages;
		else if (strcmp(tax, "zielgruppe") == 0)
			list = &f->groups, cnt = &f->n_groups;
		else if (strcmp(tax, "ort") == 0)
			list = &f->districts, cnt = &f->n_districts;
		else if (strcmp(tax, "foerderung") == 0)
			list = &f->funders, cnt = &f->n_funders;
		else if (strcmp(tax, "angebotsart") == 0)
			list = &f->kinds, cnt = &f->n_kinds;
		if (list) {
			const char *code = (const char *)sqlite3_column_text(st, 1);
			size_t len = (size_t)sqlite3_column_bytes(st, 1);
			push_code(a, list, cnt, intern(&codes, a, code ? code : "", code ? len : 0));
		}
	}
	sqlite3_reset(st);
	if (k < 0)
		goto out;
	/* their languages (lower case), by offer id */
	st = store_stmt(s, "SELECT service_id, lower(code) FROM language WHERE service_id IS NOT NULL "
			   "ORDER BY service_id");
	if (!st)
		goto out;
	cur = 0;
	while ((k = store_step(st)) > 0) {
		long i = seek(v, n, &cur, store_col_text(st, 0));
		if (i < 0)
			continue;
		const char *code = store_col_text(st, 1);
		push_code(a, &v[i].languages, &v[i].n_languages, intern(&codes, a, code, strlen(code)));
	}
	sqlite3_reset(st);
	if (k < 0)
		goto out;
	/* their funding sources, by offer id */
	st = store_stmt(s, "SELECT service_id, source FROM funding WHERE service_id IS NOT NULL "
			   "ORDER BY service_id, source");
	if (!st)
		goto out;
	cur = 0;
	while ((k = store_step(st)) > 0) {
		long i = seek(v, n, &cur, store_col_text(st, 0));
		if (i < 0)
			continue;
		const char *src = store_col_text(st, 1);
		push_code(a, &v[i].funding, &v[i].n_funding, intern(&codes, a, src, strlen(src)));
	}
	sqlite3_reset(st);
	if (k < 0)
		goto out;
	*out = v;
	*nout = n;
	rc = ST_OK;
out:
	strmap_free(&codes, NULL);
	return store_tx_end(s, &tx, rc);
}

const char *dir_fact_language(const char *code, const char *ui_lang)
{
	return dir_language_name(code, ui_lang);
}
