/* import_check.c — the checks of an HSDS import: a row's cells against
 * their columns (tables.c), the header, references to the files or the
 * database, checks across a row's columns, and the id index of a table
 * held. */
#include "directory/hsds/import_internal.h"
#include "core/core.h"
#include "directory/directory.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct dir_hsds_index {
	size_t cap; /* a power of two */
	const char **keys;
	long *rows;
};

/* ---- cells and the id index ---- */

const char *dir_hsds_cell(const struct dir_hsds_itab *t, size_t row, int col)
{
	if (col < 0 || (size_t)col >= t->t->ncols)
		return "";
	int fc = t->colmap[col];
	if (fc < 0 || (size_t)fc >= t->rows[row].n)
		return "";
	return t->rows[row].cells[fc];
}

static uint64_t hash(const char *s)
{
	return core_hash(s, strlen(s));
}

long dir_hsds_find(const struct dir_hsds_itab *t, const char *id)
{
	const struct dir_hsds_index *x = t->index;
	if (!x || !*id)
		return -1;
	for (size_t i = hash(id) & (x->cap - 1);; i = (i + 1) & (x->cap - 1)) {
		if (!x->keys[i])
			return -1;
		if (strcmp(x->keys[i], id) == 0)
			return x->rows[i];
	}
}

void dir_hsds_index_build(struct dir_hsds_run *c, struct dir_hsds_itab *t)
{
	struct dir_hsds_index *x = arena_alloc(c->a, sizeof(*x));
	x->cap = 16;
	while (x->cap < 2 * t->nrows)
		x->cap *= 2;
	x->keys = arena_alloc(c->a, x->cap * sizeof(*x->keys));
	x->rows = arena_alloc(c->a, x->cap * sizeof(*x->rows));
	for (size_t r = 0; r < t->nrows; r++) {
		const char *id = dir_hsds_cell(t, r, 0);
		if (!*id)
			continue;
		size_t i = hash(id) & (x->cap - 1);
		while (x->keys[i] && strcmp(x->keys[i], id) != 0)
			i = (i + 1) & (x->cap - 1);
		if (x->keys[i]) {
			dir_hsds_problem(c, t->file, t->rows[r].line, "id", "the id %s is used on line %ld too", id,
				t->rows[x->rows[i]].line);
			continue;
		}
		x->keys[i] = id;
		x->rows[i] = (long)r;
	}
	t->index = x;
}

/* ---- references ---- */

const char *const dir_hsds_exists_sql[HT__COUNT] = {
	[HT_TAXONOMY] = "SELECT 1 FROM taxonomy WHERE id = ?",
	[HT_TERM] = "SELECT 1 FROM taxonomy_term WHERE id = ?",
	[HT_ORG] = "SELECT 1 FROM organization WHERE id = ?",
	[HT_LOCATION] = "SELECT 1 FROM location WHERE id = ?",
	[HT_SERVICE] = "SELECT 1 FROM service WHERE id = ?",
	[HT_SAL] = "SELECT 1 FROM service_at_location WHERE id = ?",
	[HT_CONTACT] = "SELECT 1 FROM contact WHERE id = ?",
	[HT_PHONE] = "SELECT 1 FROM phone WHERE id = ?",
};

int dir_hsds_stored(struct store *s, int t, const char *id)
{
	sqlite3_stmt *st = store_stmt(s, dir_hsds_exists_sql[t]);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	int k = store_step(st);
	sqlite3_reset(st);
	return k < 0 ? -1 : k > 0;
}

/* Is there a row id in table t, in the files or in the database? A
 * database that cannot be read is reported as the problem it is (which
 * refuses the import), and the row is taken as found: no false "names no". */
static int exists(struct dir_hsds_run *c, int t, const char *id)
{
	if (dir_hsds_find(&c->tab[t], id) >= 0 || dir_hsds_ids_state(c->tab[t].ids, id) >= 0)
		return 1;
	if (!dir_hsds_exists_sql[t])
		return 0;
	int found = dir_hsds_stored(c->s, t, id);
	if (found < 0) {
		dir_hsds_problem(c, "(import)", 0, NULL, "cannot read the database: %s", sqlite3_errmsg(store_db(c->s)));
		return 1;
	}
	return found;
}

void dir_hsds_lower(const char *s)
{
	for (char *p = (char *)s; *p; p++)
		*p = (char)tolower((unsigned char)*p);
}

/* ---- one table ---- */

/* Where each column of the header is in table ti; ok (1) or not. */
int dir_hsds_map_header(struct dir_hsds_run *c, int ti, const char *file, const char *const *header, size_t n,
			long line)
{
	struct dir_hsds_itab *t = &c->tab[ti];
	int ok = 1;
	for (size_t i = 0; i < n; i++) {
		int k = dir_hsds_col_index(t->t, header[i]);
		if (k < 0) {
			dir_hsds_note(c, file, "column \"%s\" is not one of HSDS 3.0 %s; ignored", header[i], t->t->resource);
		} else if (t->colmap[k] >= 0) {
			dir_hsds_problem(c, file, line, header[i], "the column is named twice in the header");
			ok = 0;
		} else {
			t->colmap[k] = (int)i;
		}
	}
	return ok;
}

/* The required columns of a table with rows are there; ok (1) or not. */
int dir_hsds_required(struct dir_hsds_run *c, int ti, const char *file, long line)
{
	struct dir_hsds_itab *t = &c->tab[ti];
	int ok = 1;
	for (size_t k = 0; k < t->t->ncols; k++)
		if ((t->t->cols[k].flags & HC_REQUIRED) && t->colmap[k] < 0 && t->t->stored) {
			dir_hsds_problem(c, file, line, t->t->cols[k].name, "the column is missing");
			ok = 0;
		}
	return ok;
}

/* The ids and references of row r of t in lower case. */
void dir_hsds_lower_ids(struct dir_hsds_itab *t, size_t r)
{
	for (size_t k = 0; k < t->t->ncols; k++) {
		enum dir_hsds_kind kind = t->t->cols[k].kind;
		if (kind == HK_ID || kind == HK_REF || kind == HK_UUID)
			dir_hsds_lower(dir_hsds_cell(t, r, (int)k));
	}
}

/* The values of row r of table ti; ignored[k] counts the values of
 * columns lotse does not keep. */
void dir_hsds_check_row(struct dir_hsds_run *c, int ti, size_t r, size_t *ignored)
{
	struct dir_hsds_itab *t = &c->tab[ti];
	const struct dir_hsds_table *d = t->t;
	char why[200];
	for (size_t k = 0; k < d->ncols; k++) {
		const struct dir_hsds_col *col = &d->cols[k];
		const char *v = dir_hsds_cell(t, r, (int)k);
		const char *bad = dir_hsds_check_value(col, v, why, sizeof(why));
		if (bad) {
			dir_hsds_bad_value(c, t, r, col->name, v, "%s", bad);
		} else if (col->kind == HK_UNUSED && *v) {
			ignored[k]++;
		} else if (col->kind == HK_REF && *v && !c->broken[col->ref] && !exists(c, col->ref, v)) {
			dir_hsds_bad_value(c, t, r, col->name, v, "names no %s in %s or the database",
				  dir_hsds_tables[col->ref].resource, dir_hsds_tables[col->ref].file);
		}
	}
}

void dir_hsds_note_ignored(struct dir_hsds_run *c, int ti, const size_t *ignored)
{
	const struct dir_hsds_table *d = c->tab[ti].t;
	for (size_t k = 0; k < d->ncols; k++)
		if (ignored[k])
			dir_hsds_note(c, d->file, "column %s: lotse does not keep it; %zu values ignored", d->cols[k].name,
			     ignored[k]);
}

void dir_hsds_check_table(struct dir_hsds_run *c, int ti)
{
	size_t ignored[NELEM(c->tab[ti].colmap)] = { 0 };
	for (size_t r = 0; r < c->tab[ti].nrows; r++)
		dir_hsds_check_row(c, ti, r, ignored);
	dir_hsds_note_ignored(c, ti, ignored);
}

/* An attribute's link_id names a record of its link_entity. */
void dir_hsds_check_link(struct dir_hsds_run *c, size_t r)
{
	struct dir_hsds_itab *t = &c->tab[HT_ATTRIBUTE];
	int link = dir_hsds_col_index(t->t, "link_id"), entity = dir_hsds_col_index(t->t, "link_entity");
	const char *e = dir_hsds_cell(t, r, entity), *v = dir_hsds_cell(t, r, link);
	int target = strcmp(e, "service") == 0 ? HT_SERVICE
		     : strcmp(e, "organization") == 0 ? HT_ORG
		     : strcmp(e, "location") == 0 ? HT_LOCATION
						   : -1;
	if (target >= 0 && !c->broken[target] && dir_is_uuid(v) && !exists(c, target, v))
		dir_hsds_bad_value(c, t, r, "link_id", v, "names no %s", e);
}

/* Checks across the columns of a service's row (row 0: read record by
 * record). */
void dir_hsds_check_service(struct dir_hsds_run *c)
{
	struct dir_hsds_itab *t = &c->tab[HT_SERVICE];
	int min = dir_hsds_col_index(t->t, "minimum_age"), max = dir_hsds_col_index(t->t, "maximum_age"),
	    merged = dir_hsds_col_index(t->t, "merged_into");
	const char *lo = dir_hsds_cell(t, 0, min), *hi = dir_hsds_cell(t, 0, max);
	if (*lo && *hi && atoi(lo) > atoi(hi))
		dir_hsds_problem(c, t->file, t->rows[0].line, "maximum_age", "is below minimum_age");
	if (strcmp(dir_hsds_cell(t, 0, merged), dir_hsds_cell(t, 0, 0)) == 0)
		dir_hsds_problem(c, t->file, t->rows[0].line, "merged_into", "names the service itself");
}

/* Checks across the columns of a row. */
void dir_hsds_check_rows(struct dir_hsds_run *c)
{
	struct dir_hsds_itab *t = &c->tab[HT_ORG];
	int id = 0, parent = dir_hsds_col_index(t->t, "parent_organization_id"),
	    merged = dir_hsds_col_index(t->t, "merged_into");
	for (size_t r = 0; r < t->nrows; r++) {
		if (strcmp(dir_hsds_cell(t, r, merged), dir_hsds_cell(t, r, id)) == 0)
			dir_hsds_problem(c, t->file, t->rows[r].line, "merged_into", "names the organization itself");
		if (strcmp(dir_hsds_cell(t, r, parent), dir_hsds_cell(t, r, id)) == 0)
			dir_hsds_problem(c, t->file, t->rows[r].line, "parent_organization_id", "names the organization itself");
	}
	t = &c->tab[HT_LOCATION];
	int lat = dir_hsds_col_index(t->t, "latitude"), lon = dir_hsds_col_index(t->t, "longitude");
	for (size_t r = 0; r < t->nrows; r++)
		if (!*dir_hsds_cell(t, r, lat) != !*dir_hsds_cell(t, r, lon))
			dir_hsds_problem(c, t->file, t->rows[r].line, "latitude", "latitude and longitude go together");
	t = &c->tab[HT_TERM];
	parent = dir_hsds_col_index(t->t, "parent_id");
	for (size_t r = 0; r < t->nrows; r++)
		if (strcmp(dir_hsds_cell(t, r, parent), dir_hsds_cell(t, r, id)) == 0)
			dir_hsds_problem(c, t->file, t->rows[r].line, "parent_id", "names the term itself");
	t = &c->tab[HT_LABEL];
	for (size_t r = 0; r < t->nrows; r++)
		if (strlen(dir_hsds_cell(t, r, 1)) != 2)
			dir_hsds_bad_value(c, t, r, "language", dir_hsds_cell(t, r, 1), "is not a two-letter language code");
}
