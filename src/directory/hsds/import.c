/* import.c — reading and checking HSDS tabular files: CSV syntax,
 * columns, ids, values, references. Organizations, locations and the
 * smaller tables are held and checked before anything is written; of the
 * services only the ids are read first (ids.c); then, in one transaction
 * for the whole set (load.c writes), the services and the big lists
 * (attributes, languages, schedules ...) are read record by record, each
 * row checked and, when it or its record is new, written at once, so that
 * memory does not grow with them. Any problem undoes the whole set. */
#include "directory/hsds/hsds_internal.h"
#include "core/core.h"
#include "directory/directory.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_FILE_BYTES (1024L * 1024 * 1024)

struct dir_hsds_index {
	size_t cap; /* a power of two */
	const char **keys;
	long *rows;
};

struct ictx {
	struct store *s;
	arena *a;
	buf *report;
	struct dir_hsds_import_result *res;
	struct dir_hsds_itab tab[HT__COUNT];
	int broken[HT__COUNT]; /* the file could not be read: its rows are unknown */
	int seen[HT__COUNT];   /* files of the table given */
	/* the lists read record by record (streamed()): where their bytes are
	 * (path: a file of the folder; else data, len), and their rows kept
	 * for records already stored, which are written last */
	const char *path[HT__COUNT];
	struct dir_hsds_file later[HT__COUNT];
	struct csvio_row *kept[HT__COUNT];
	size_t nkept[HT__COUNT], kept_cap[HT__COUNT];
	/* the ids of the records read record by record (services), read
	 * first, so that every reference to them can be checked */
	struct dir_hsds_ids ids[HT__COUNT];
	struct dir_hsds_ids history; /* the resource ids of metadata.csv */
};

/* The big files: read, checked and (where their record is new) written
 * record by record, so that the import's memory does not grow with them.
 * Services are named by other files: their ids are read first (keyed). */
static int keyed(int ti)
{
	return ti == HT_SERVICE;
}

static int streamed(int ti)
{
	return keyed(ti) || ti == HT_ATTRIBUTE || ti == HT_LANGUAGE || ti == HT_SCHEDULE || ti == HT_COST || ti == HT_FUNDING ||
	       ti == HT_AREA;
}

/* ---- messages ---- */

/* Append v for a message: at most 60 characters, controls as '?'. */
static void show(buf *b, const char *v)
{
	size_t n = 0;
	buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		if ((*p & 0xC0) != 0x80 && ++n > 60) {
			buf_puts(b, "...");
			break;
		}
		buf_putc(b, *p < 0x20 || *p == 0x7F ? '?' : (char)*p);
	}
	buf_putc(b, '"');
}

/* One line of the report: "file:line: column: text: "value"". */
static void __attribute__((format(printf, 7, 0)))
vmsg(struct ictx *c, const char *file, long line, const char *col, const char *value, const char *tail,
     const char *fmt, va_list ap)
{
	buf *b = c->report;
	buf_puts(b, file);
	if (line > 0)
		buf_printf(b, ":%ld", line);
	buf_puts(b, ": ");
	if (col)
		buf_printf(b, "%s: ", col);
	buf_vprintf(b, fmt, ap);
	if (value) {
		buf_puts(b, ": ");
		show(b, value);
	}
	buf_puts(b, tail);
}

static void __attribute__((format(printf, 5, 6)))
problem(struct ictx *c, const char *file, long line, const char *col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(c, file, line, col, NULL, "\n", fmt, ap);
	va_end(ap);
	c->res->nerrors++;
}

/* A problem with the value shown at the end. */
static void __attribute__((format(printf, 6, 7)))
bad_value(struct ictx *c, const struct dir_hsds_itab *t, size_t r, const char *col, const char *v, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(c, t->file, t->rows[r].line, col, v, "\n", fmt, ap);
	va_end(ap);
	c->res->nerrors++;
}

static void __attribute__((format(printf, 3, 4))) note(struct ictx *c, const char *file, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(c, file, 0, NULL, NULL, " (note)\n", fmt, ap);
	va_end(ap);
	c->res->nnotes++;
}

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

static void index_build(struct ictx *c, struct dir_hsds_itab *t)
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
			problem(c, t->file, t->rows[r].line, "id", "the id %s is used on line %ld too", id,
				t->rows[x->rows[i]].line);
			continue;
		}
		x->keys[i] = id;
		x->rows[i] = (long)r;
	}
	t->index = x;
}

/* ---- references ---- */

static const char *const exists_sql[HT__COUNT] = {
	[HT_TAXONOMY] = "SELECT 1 FROM taxonomy WHERE id = ?",
	[HT_TERM] = "SELECT 1 FROM taxonomy_term WHERE id = ?",
	[HT_ORG] = "SELECT 1 FROM organization WHERE id = ?",
	[HT_LOCATION] = "SELECT 1 FROM location WHERE id = ?",
	[HT_SERVICE] = "SELECT 1 FROM service WHERE id = ?",
	[HT_SAL] = "SELECT 1 FROM service_at_location WHERE id = ?",
	[HT_CONTACT] = "SELECT 1 FROM contact WHERE id = ?",
	[HT_PHONE] = "SELECT 1 FROM phone WHERE id = ?",
};

/* Is there a row id in table t, in the files or in the database? A
 * database that cannot be read is reported as the problem it is (which
 * refuses the import), and the row is taken as found: no false "names no". */
static int exists(struct ictx *c, int t, const char *id)
{
	if (dir_hsds_find(&c->tab[t], id) >= 0 || dir_hsds_ids_state(c->tab[t].ids, id) >= 0)
		return 1;
	if (!exists_sql[t])
		return 0;
	sqlite3_stmt *st = store_stmt(c->s, exists_sql[t]);
	int found = -1;
	if (st) {
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
		found = store_step(st);
		sqlite3_reset(st);
	}
	if (found < 0) {
		problem(c, "(import)", 0, NULL, "cannot read the database: %s", sqlite3_errmsg(store_db(c->s)));
		return 1;
	}
	return found;
}

static void lower(const char *s)
{
	for (char *p = (char *)s; *p; p++)
		*p = (char)tolower((unsigned char)*p);
}

/* ---- one table ---- */

/* Where each column of the header is in table ti; ok (1) or not. */
static int map_header(struct ictx *c, int ti, const char *file, const char *const *header, size_t n, long line)
{
	struct dir_hsds_itab *t = &c->tab[ti];
	int ok = 1;
	for (size_t i = 0; i < n; i++) {
		int k = dir_hsds_col_index(t->t, header[i]);
		if (k < 0) {
			note(c, file, "column \"%s\" is not one of HSDS 3.0 %s; ignored", header[i], t->t->resource);
		} else if (t->colmap[k] >= 0) {
			problem(c, file, line, header[i], "the column is named twice in the header");
			ok = 0;
		} else {
			t->colmap[k] = (int)i;
		}
	}
	return ok;
}

/* The required columns of a table with rows are there; ok (1) or not. */
static int required(struct ictx *c, int ti, const char *file, long line)
{
	struct dir_hsds_itab *t = &c->tab[ti];
	int ok = 1;
	for (size_t k = 0; k < t->t->ncols; k++)
		if ((t->t->cols[k].flags & HC_REQUIRED) && t->colmap[k] < 0 && t->t->stored) {
			problem(c, file, line, t->t->cols[k].name, "the column is missing");
			ok = 0;
		}
	return ok;
}

/* The ids and references of row r of t in lower case. */
static void lower_ids(struct dir_hsds_itab *t, size_t r)
{
	for (size_t k = 0; k < t->t->ncols; k++) {
		enum dir_hsds_kind kind = t->t->cols[k].kind;
		if (kind == HK_ID || kind == HK_REF || kind == HK_UUID)
			lower(dir_hsds_cell(t, r, (int)k));
	}
}

static void read_table(struct ictx *c, int ti, const struct dir_hsds_file *f)
{
	struct dir_hsds_itab *t = &c->tab[ti];
	char err[200];
	struct csvio_table ct;
	c->broken[ti] = 1; /* until it is read */
	if (f->len > (size_t)MAX_FILE_BYTES) {
		problem(c, f->name, 0, NULL, "the file is larger than 1 GiB");
		return;
	}
	long line = 0;
	if (csvio_parse(c->a, f->data, f->len, &ct, err, sizeof(err), &line) != 0) {
		problem(c, f->name, line, NULL, "%s", err);
		return;
	}
	c->broken[ti] = 0;
	if (!ct.header)
		return; /* an empty file: no rows */
	int ok = map_header(c, ti, f->name, ct.header, ct.ncols, ct.header_line);
	if (ct.nrows > 0)
		ok = required(c, ti, f->name, ct.header_line) && ok;
	if (!t->t->stored) {
		if (ct.nrows)
			note(c, f->name, "%zu rows ignored: lotse does not keep HSDS %s", ct.nrows, t->t->resource);
		return;
	}
	for (size_t r = 0; r < ct.nrows; r++)
		if (ct.rows[r].n != ct.ncols) {
			problem(c, f->name, ct.rows[r].line, NULL, "the row has %zu fields, the header %zu", ct.rows[r].n,
				ct.ncols);
			ok = 0;
		}
	if (!ok) {
		c->broken[ti] = 1;
		return;
	}
	t->rows = ct.rows;
	t->nrows = ct.nrows;
	c->res->rows[ti] = (long)ct.nrows;
	for (size_t r = 0; r < t->nrows; r++)
		lower_ids(t, r);
}

/* The values of row r of table ti; ignored[k] counts the values of
 * columns lotse does not keep. */
static void check_row(struct ictx *c, int ti, size_t r, size_t *ignored)
{
	struct dir_hsds_itab *t = &c->tab[ti];
	const struct dir_hsds_table *d = t->t;
	char why[200];
	for (size_t k = 0; k < d->ncols; k++) {
		const struct dir_hsds_col *col = &d->cols[k];
		const char *v = dir_hsds_cell(t, r, (int)k);
		const char *bad = dir_hsds_check_value(col, v, why, sizeof(why));
		if (bad) {
			bad_value(c, t, r, col->name, v, "%s", bad);
		} else if (col->kind == HK_UNUSED && *v) {
			ignored[k]++;
		} else if (col->kind == HK_REF && *v && !c->broken[col->ref] && !exists(c, col->ref, v)) {
			bad_value(c, t, r, col->name, v, "names no %s in %s or the database",
				  dir_hsds_tables[col->ref].resource, dir_hsds_tables[col->ref].file);
		}
	}
}

static void note_ignored(struct ictx *c, int ti, const size_t *ignored)
{
	const struct dir_hsds_table *d = c->tab[ti].t;
	for (size_t k = 0; k < d->ncols; k++)
		if (ignored[k])
			note(c, d->file, "column %s: lotse does not keep it; %zu values ignored", d->cols[k].name,
			     ignored[k]);
}

static void check_table(struct ictx *c, int ti)
{
	size_t ignored[NELEM(c->tab[ti].colmap)] = { 0 };
	for (size_t r = 0; r < c->tab[ti].nrows; r++)
		check_row(c, ti, r, ignored);
	note_ignored(c, ti, ignored);
}

/* An attribute's link_id names a record of its link_entity. */
static void check_link(struct ictx *c, size_t r)
{
	struct dir_hsds_itab *t = &c->tab[HT_ATTRIBUTE];
	int link = dir_hsds_col_index(t->t, "link_id"), entity = dir_hsds_col_index(t->t, "link_entity");
	const char *e = dir_hsds_cell(t, r, entity), *v = dir_hsds_cell(t, r, link);
	int target = strcmp(e, "service") == 0 ? HT_SERVICE
		     : strcmp(e, "organization") == 0 ? HT_ORG
		     : strcmp(e, "location") == 0 ? HT_LOCATION
						   : -1;
	if (target >= 0 && !c->broken[target] && dir_is_uuid(v) && !exists(c, target, v))
		bad_value(c, t, r, "link_id", v, "names no %s", e);
}

/* Checks across the columns of a service's row (row 0: read record by
 * record). */
static void check_service(struct ictx *c)
{
	struct dir_hsds_itab *t = &c->tab[HT_SERVICE];
	int min = dir_hsds_col_index(t->t, "minimum_age"), max = dir_hsds_col_index(t->t, "maximum_age"),
	    merged = dir_hsds_col_index(t->t, "merged_into");
	const char *lo = dir_hsds_cell(t, 0, min), *hi = dir_hsds_cell(t, 0, max);
	if (*lo && *hi && atoi(lo) > atoi(hi))
		problem(c, t->file, t->rows[0].line, "maximum_age", "is below minimum_age");
	if (strcmp(dir_hsds_cell(t, 0, merged), dir_hsds_cell(t, 0, 0)) == 0)
		problem(c, t->file, t->rows[0].line, "merged_into", "names the service itself");
}

/* Checks across the columns of a row. */
static void check_rows(struct ictx *c)
{
	struct dir_hsds_itab *t = &c->tab[HT_ORG];
	int id = 0, parent = dir_hsds_col_index(t->t, "parent_organization_id"),
	    merged = dir_hsds_col_index(t->t, "merged_into");
	for (size_t r = 0; r < t->nrows; r++) {
		if (strcmp(dir_hsds_cell(t, r, merged), dir_hsds_cell(t, r, id)) == 0)
			problem(c, t->file, t->rows[r].line, "merged_into", "names the organization itself");
		if (strcmp(dir_hsds_cell(t, r, parent), dir_hsds_cell(t, r, id)) == 0)
			problem(c, t->file, t->rows[r].line, "parent_organization_id", "names the organization itself");
	}
	t = &c->tab[HT_LOCATION];
	int lat = dir_hsds_col_index(t->t, "latitude"), lon = dir_hsds_col_index(t->t, "longitude");
	for (size_t r = 0; r < t->nrows; r++)
		if (!*dir_hsds_cell(t, r, lat) != !*dir_hsds_cell(t, r, lon))
			problem(c, t->file, t->rows[r].line, "latitude", "latitude and longitude go together");
	t = &c->tab[HT_TERM];
	parent = dir_hsds_col_index(t->t, "parent_id");
	for (size_t r = 0; r < t->nrows; r++)
		if (strcmp(dir_hsds_cell(t, r, parent), dir_hsds_cell(t, r, id)) == 0)
			problem(c, t->file, t->rows[r].line, "parent_id", "names the term itself");
	t = &c->tab[HT_LABEL];
	for (size_t r = 0; r < t->nrows; r++)
		if (strlen(dir_hsds_cell(t, r, 1)) != 2)
			bad_value(c, t, r, "language", dir_hsds_cell(t, r, 1), "is not a two-letter language code");
}

/* ---- the lists read record by record ---- */

/* A list being read: the file's header, its ids, the writer (NULL: the
 * rows are only checked). */
struct stream {
	struct ictx *c;
	int ti;
	const char *file;
	size_t ncols; /* 0 until the header */
	long header_line, rows;
	int ok;
	struct dir_hsds_ids ids; /* for ids used twice */
	size_t ignored[NELEM(((struct dir_hsds_itab *)0)->colmap)];
	struct dir_hsds_loader *l;
	int rc; /* a refused write */
};

/* Keep a row of a record already stored for the end of the import. */
static void keep_row(struct ictx *c, int ti, const struct csvio_row *row)
{
	c->kept[ti] = arena_grow(c->a, c->kept[ti], c->nkept[ti], &c->kept_cap[ti], sizeof(*row), 64);
	const char **cells = arena_alloc(c->a, row->n * sizeof(*cells));
	for (size_t i = 0; i < row->n; i++)
		cells[i] = arena_strdup(c->a, row->cells[i]);
	c->kept[ti][c->nkept[ti]++] = (struct csvio_row){ .line = row->line, .n = row->n, .cells = cells };
}

static int stream_row(void *ctx, long line, char **cells, size_t n)
{
	struct stream *x = ctx;
	struct ictx *c = x->c;
	struct dir_hsds_itab *t = &c->tab[x->ti];
	if (!x->ncols) {
		x->ncols = n;
		x->header_line = line;
		x->ok = map_header(c, x->ti, x->file, (const char *const *)cells, n, line);
		return 0;
	}
	if (x->rows++ == 0)
		x->ok = required(c, x->ti, x->file, x->header_line) && x->ok;
	if (!x->ok)
		return 1; /* the header is reported; the rows cannot be read by it */
	if (n != x->ncols) {
		problem(c, x->file, line, NULL, "the row has %zu fields, the header %zu", n, x->ncols);
		return 0;
	}
	struct csvio_row row = { .line = line, .n = n, .cells = (const char **)cells };
	t->rows = &row;
	t->nrows = 1;
	lower_ids(t, 0);
	check_row(c, x->ti, 0, x->ignored);
	if (x->ti == HT_ATTRIBUTE)
		check_link(c, 0);
	if (x->ti == HT_SERVICE)
		check_service(c);
	const char *id = dir_hsds_cell(t, 0, 0);
	long first = dir_is_uuid(id) ? dir_hsds_ids_add(&x->ids, id, line, 0) : 0;
	if (first)
		problem(c, x->file, line, "id", "the id %s is used on line %ld too", id, first);
	if (x->l && c->res->nerrors == 0) {
		int rc = dir_hsds_load_row(x->l, x->ti);
		if (rc == ST_NOTFOUND) {
			keep_row(c, x->ti, &row);
		} else if (rc != ST_OK) {
			x->rc = rc;
			x->l = NULL;
			c->res->nerrors++; /* the line the load wrote */
		}
	}
	t->rows = NULL;
	t->nrows = 0;
	return 0;
}

/* Read, check and (with l) write the list ti; its kept rows become the
 * table's rows. ST_OK, or the status of a refused write. */
static int stream_table(struct ictx *c, int ti, struct dir_hsds_loader *l)
{
	struct stream x = { .c = c, .ti = ti, .file = dir_hsds_tables[ti].file, .l = l };
	FILE *f = NULL;
	if (c->path[ti] && !(f = fopen(c->path[ti], "rb"))) {
		problem(c, c->path[ti], 0, NULL, "cannot read: %s", strerror(errno));
		c->broken[ti] = 1;
		return ST_OK;
	}
	char err[200];
	long line = 0;
	if (csvio_each(c->later[ti].data, c->later[ti].len, f, stream_row, &x, err, sizeof(err), &line) < 0) {
		problem(c, x.file, line, NULL, "%s", err);
		c->broken[ti] = 1;
	}
	if (f)
		fclose(f);
	note_ignored(c, ti, x.ignored);
	c->res->rows[ti] = x.rows;
	dir_hsds_ids_free(&x.ids);
	c->tab[ti].rows = c->kept[ti];
	c->tab[ti].nrows = c->nkept[ti];
	if (keyed(ti))
		index_build(c, &c->tab[ti]); /* the kept rows: stored records */
	return x.rc;
}

/* The ids of a keyed file (the first pass over it): each with its line
 * and whether it is stored. The rows are checked in the second pass. */
struct id_pass {
	struct ictx *c;
	int ti, col; /* col: the id's (-1 until the header) */
	int failed;
};

static int id_row(void *ctx, long line, char **cells, size_t n)
{
	struct id_pass *p = ctx;
	if (p->col < 0) {
		for (size_t i = 0; i < n && p->col < 0; i++)
			if (strcmp(cells[i], "id") == 0)
				p->col = (int)i;
		return p->col < 0; /* no ids: the second pass reports it */
	}
	if ((size_t)p->col >= n)
		return 0;
	const char *id = cells[p->col];
	lower(id);
	if (!dir_is_uuid(id))
		return 0;
	sqlite3_stmt *st = store_stmt(p->c->s, exists_sql[p->ti]);
	int stored = -1;
	if (st) {
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
		stored = store_step(st);
		sqlite3_reset(st);
	}
	if (stored < 0) {
		p->failed = 1;
		return 1;
	}
	dir_hsds_ids_add(&p->c->ids[p->ti], id, line, !stored);
	return 0;
}

static void read_ids(struct ictx *c, int ti)
{
	struct id_pass p = { .c = c, .ti = ti, .col = -1 };
	FILE *f = NULL;
	char err[200];
	long line = 0;
	c->tab[ti].ids = &c->ids[ti];
	if ((c->path[ti] && !(f = fopen(c->path[ti], "rb"))) ||
	    csvio_each(c->later[ti].data, c->later[ti].len, f, id_row, &p, err, sizeof(err), &line) < 0)
		c->broken[ti] = 1; /* reported by the second pass */
	if (f)
		fclose(f);
	if (p.failed)
		problem(c, "(import)", 0, NULL, "cannot read the database: %s", sqlite3_errmsg(store_db(c->s)));
}

/* Every list given, written by l (NULL: checked only); the first refused
 * write's status, or ST_OK. */
static int stream_all(struct ictx *c, struct dir_hsds_loader *l)
{
	int rc = ST_OK;
	for (int ti = 0; ti < HT__COUNT; ti++)
		if (streamed(ti) && c->seen[ti]) {
			int k = stream_table(c, ti, rc == ST_OK ? l : NULL);
			if (rc == ST_OK)
				rc = k;
		}
	return rc;
}

/* ---- the whole import ---- */

/* Report the rows whose references point nowhere (deferred checks);
 * returns how many, or -1 when they cannot be read. */
static long report_fk(struct ictx *c)
{
	long n = 0;
	sqlite3_stmt *st = store_stmt(c->s, "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check");
	if (!st)
		return -1;
	int k;
	while ((k = store_step(st)) > 0) {
		problem(c, store_col_text(st, 0), 0, NULL, "row %lld names a missing %s",
			(long long)sqlite3_column_int64(st, 1), store_col_text(st, 2));
		n++;
	}
	sqlite3_reset(st);
	return k < 0 ? -1 : n;
}

static int write_all(struct ictx *c)
{
	struct store *s = c->s;
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx), own = tx.own;
	if (rc != ST_OK) {
		problem(c, "(import)", 0, NULL, "cannot write to the database: %s", sqlite3_errmsg(store_db(s)));
		return ST_ERR;
	}
	rc = store_exec(s, "PRAGMA defer_foreign_keys = ON");
	if (rc == ST_OK) {
		size_t before = c->report->len;
		long problems = c->res->nerrors;
		const struct dir_hsds_itab *m = &c->tab[HT_METADATA];
		for (size_t r = 0; r < m->nrows; r++)
			if (dir_is_uuid(dir_hsds_cell(m, r, 1)))
				dir_hsds_ids_add(&c->history, dir_hsds_cell(m, r, 1), m->rows[r].line, 0);
		struct dir_hsds_loader *l = dir_hsds_load_start(s, c->a, c->tab, &c->history, c->report, &rc);
		stream_all(c, l); /* counts its problems and refused writes */
		if (rc == ST_OK && c->res->nerrors > problems) {
			rc = ST_CONFLICT;
		} else if (rc == ST_OK) {
			before = c->report->len;
			rc = dir_hsds_load_end(l);
		}
		if (rc != ST_OK && c->res->nerrors == problems) {
			if (c->report->len == before)
				buf_printf(c->report, "(import): the database refused the import: %s\n",
					   sqlite3_errmsg(store_db(s)));
			c->res->nerrors++; /* the line the load wrote */
		}
	}
	/* a reference still broken (checks deferred): say which, then undo
	 * (a savepoint's cannot wait for the commit; a transaction's would
	 * fail it, so they are told before) */
	int open_refs = 0, hi = 0;
	if (rc == ST_OK && own)
		sqlite3_db_status(store_db(s), SQLITE_DBSTATUS_DEFERRED_FKS, &open_refs, &hi, 0);
	if (rc == ST_OK && (!own || open_refs)) {
		long broken = report_fk(c);
		rc = broken < 0 ? ST_ERR : broken > 0 ? ST_CONFLICT : ST_OK;
	}
	int before = rc;
	rc = store_tx_end(s, &tx, rc);
	if (own && before == ST_OK && rc != ST_OK) {
		problem(c, "(import)", 0, NULL, "the transaction could not be committed");
		rc = ST_CONFLICT;
	}
	return rc == ST_CONFLICT ? ST_OK : rc;
}

/* An import under way: files are added one by one (each parsed into the
 * context's arena at once, so the caller may free its bytes), then
 * checked and written together. */
static void start(struct ictx *c, struct store *s, buf *report, struct dir_hsds_import_result *res)
{
	memset(res, 0, sizeof(*res));
	*c = (struct ictx){ .s = s, .a = arena_new(), .report = report, .res = res };
	for (int i = 0; i < HT__COUNT; i++) {
		c->tab[i].t = &dir_hsds_tables[i];
		c->tab[i].file = dir_hsds_tables[i].file;
		for (size_t k = 0; k < NELEM(c->tab[i].colmap); k++)
			c->tab[i].colmap[k] = -1;
	}
}

/* The table of the file name, or -1. */
static int table_of(const char *name)
{
	for (int k = 0; k < HT__COUNT; k++)
		if (strcmp(name, dir_hsds_tables[k].file) == 0)
			return k;
	return -1;
}

/* A file given: a list (streamed) is read later from f's bytes or, when
 * they are NULL, from c->path[ti]. */
static void add_file(struct ictx *c, const struct dir_hsds_file *f)
{
	int ti = table_of(f->name);
	if (ti < 0) {
		if (strcmp(f->name, "datapackage.json") != 0)
			note(c, f->name, "not a file of the HSDS 3.0 tabular form; ignored");
	} else if (c->seen[ti]++) {
		problem(c, f->name, 0, NULL, "the file is given twice");
	} else if (streamed(ti)) {
		c->later[ti] = *f;
	} else {
		read_table(c, ti, f);
	}
}

static int finish(struct ictx *c)
{
	/* every readable file is checked, so that one run reports every bad row */
	int rc = ST_OK;
	for (int i = 0; i < HT__COUNT; i++)
		if (keyed(i) && c->seen[i])
			read_ids(c, i);
	for (int i = 0; i < HT__COUNT; i++)
		if (dir_hsds_tables[i].has_id && dir_hsds_tables[i].stored)
			index_build(c, &c->tab[i]);
	for (int i = 0; i < HT__COUNT; i++)
		if (dir_hsds_tables[i].stored)
			check_table(c, i);
	check_rows(c);
	if (c->res->nerrors == 0)
		rc = write_all(c);
	else
		stream_all(c, NULL); /* their problems too */
	for (int i = 0; i < HT__COUNT; i++)
		dir_hsds_ids_free(&c->ids[i]);
	dir_hsds_ids_free(&c->history);
	arena_free(c->a);
	return rc;
}

int dir_hsds_import(struct store *s, const struct dir_hsds_file *files, size_t nfiles, buf *report,
		    struct dir_hsds_import_result *res)
{
	struct ictx c;
	start(&c, s, report, res);
	for (size_t i = 0; i < nfiles; i++)
		add_file(&c, &files[i]);
	return finish(&c);
}

/* ---- a folder of files ---- */

/* The bytes of the file at path (malloc'd, *len of them; its size read
 * first, so no copy grows); -1 with errno on failure. */
static int read_file(const char *path, char **data, size_t *len)
{
	*data = NULL;
	*len = 0;
	int rc = -1;
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	struct stat st;
	if (fstat(fileno(f), &st) != 0)
		goto out;
	if (st.st_size > MAX_FILE_BYTES) {
		errno = EFBIG;
		goto out;
	}
	*data = xmalloc((size_t)st.st_size + 1);
	*len = fread(*data, 1, (size_t)st.st_size, f);
	if (ferror(f) || *len != (size_t)st.st_size || fgetc(f) != EOF) {
		errno = errno ? errno : EIO; /* changed while it was read */
		goto out;
	}
	rc = 0;
out:
	fclose(f);
	return rc;
}

int dir_hsds_import_dir(struct store *s, const char *dir, buf *report, struct dir_hsds_import_result *res)
{
	memset(res, 0, sizeof(*res));
	DIR *d = opendir(dir);
	if (!d) {
		buf_printf(report, "%s: cannot open the folder: %s\n", dir, strerror(errno));
		res->nerrors = 1;
		return ST_ERR;
	}
	/* the names first, in order: the files are then read one at a time
	 * and each one's bytes freed once parsed (the rows live in the arena) */
	char *names[HT__COUNT + 32];
	size_t n = 0;
	int rc = ST_OK;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".csv") != 0)
			continue;
		if (n == NELEM(names)) {
			buf_printf(report, "%s: too many CSV files\n", dir);
			rc = ST_ERR;
			break;
		}
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	struct ictx c;
	start(&c, s, report, res);
	for (size_t i = 0; i < n && rc == ST_OK; i++) {
		char *path = arena_printf(c.a, "%s/%s", dir, names[i]), *data = NULL;
		size_t dlen;
		int ti = table_of(names[i]);
		if (ti >= 0 && streamed(ti) && !c.seen[ti]) {
			c.path[ti] = path; /* read record by record when it is its turn */
			add_file(&c, &(struct dir_hsds_file){ .name = dir_hsds_tables[ti].file });
		} else if (read_file(path, &data, &dlen) != 0) {
			buf_printf(report, "%s: cannot read: %s\n", path, strerror(errno));
			rc = ST_ERR;
		} else {
			add_file(&c, &(struct dir_hsds_file){ .name = names[i], .data = data, .len = dlen });
		}
		free(data);
	}
	if (rc == ST_OK) {
		rc = finish(&c);
	} else {
		res->nerrors++;
		arena_free(c.a);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	return rc;
}
