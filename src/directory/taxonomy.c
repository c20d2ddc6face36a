/* taxonomy.c — the directory's taxonomies and their terms, per language. */
#include "directory/directory.h"

#include <string.h>

struct dir_taxonomy *dir_taxonomies(struct store *s, arena *a, const char *lang, size_t *n)
{
	*n = 0;
	sqlite3_stmt *st = store_stmt(s,
		"SELECT x.id, substr(x.uri, length('urn:lotse:taxonomy:') + 1), x.name, x.description, "
		"t.id, t.code, coalesce(lb.name, t.name), t.taxonomy "
		"FROM taxonomy x LEFT JOIN taxonomy_term t ON t.taxonomy_id = x.id "
		"LEFT JOIN taxonomy_term_label lb ON lb.term_id = t.id AND lb.lang = ?1 "
		"ORDER BY x.rowid, t.position, t.name");
	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, lang, -1, SQLITE_STATIC);
	size_t cap = 16;
	struct dir_taxonomy *v = arena_alloc(a, cap * sizeof(*v));
	size_t tcap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		const char *xid = store_col_text(st, 0);
		if (*n == 0 || strcmp(v[*n - 1].id, xid) != 0) {
			if (*n == cap) {
				struct dir_taxonomy *w = arena_alloc(a, 2 * cap * sizeof(*w));
				memcpy(w, v, cap * sizeof(*v));
				v = w;
				cap *= 2;
			}
			struct dir_taxonomy *x = &v[(*n)++];
			x->id = arena_strdup(a, xid);
			x->code = store_col_str(a, st, 1);
			x->name = store_col_str(a, st, 2);
			x->description = store_col_str(a, st, 3);
			tcap = 0;
		}
		if (sqlite3_column_type(st, 4) == SQLITE_NULL)
			continue;
		struct dir_taxonomy *x = &v[*n - 1];
		x->terms = arena_grow(a, x->terms, x->n_terms, &tcap, sizeof(*x->terms), 8);
		struct dir_term *t = &x->terms[x->n_terms++];
		t->id = store_col_str(a, st, 4);
		t->code = store_col_str(a, st, 5);
		t->name = store_col_str(a, st, 6);
		t->taxonomy_id = x->id;
		t->taxonomy_code = store_col_str(a, st, 7);
	}
	sqlite3_reset(st);
	if (k < 0) {
		*n = 0;
		return NULL;
	}
	return v;
}

const struct dir_term *dir_term_find(const struct dir_taxonomy *t, size_t n, const char *taxonomy_code,
				     const char *term_code)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(t[i].code, taxonomy_code) != 0)
			continue;
		for (size_t k = 0; k < t[i].n_terms; k++)
			if (strcmp(t[i].terms[k].code, term_code) == 0)
				return &t[i].terms[k];
	}
	return NULL;
}
