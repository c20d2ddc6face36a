/* import_stream.c — the services and the big lists of an HSDS import,
 * read record by record so that memory does not grow with them: of the
 * services first only the ids (so that every reference to them can be
 * checked), then every list row by row, each checked and, when it or its
 * record is new, written at once (dir_hsds_load_row); the rows of stored
 * records are kept for the end of the load. */
#include "directory/hsds/import_internal.h"
#include "core/core.h"
#include "directory/directory.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* The big files: read, checked and (where their record is new) written
 * record by record, so that the import's memory does not grow with them.
 * Services are named by other files: their ids are read first (keyed). */
int dir_hsds_keyed(int ti)
{
	return ti == HT_SERVICE;
}

int dir_hsds_streamed(int ti)
{
	return dir_hsds_keyed(ti) || ti == HT_ATTRIBUTE || ti == HT_LANGUAGE || ti == HT_SCHEDULE || ti == HT_COST ||
	       ti == HT_FUNDING || ti == HT_AREA;
}

/* ---- the lists read record by record ---- */

/* A list being read: the file's header, its ids, the writer (NULL: the
 * rows are only checked). */
struct stream {
	struct dir_hsds_run *c;
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
static void keep_row(struct dir_hsds_run *c, int ti, const struct csvio_row *row)
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
	struct dir_hsds_run *c = x->c;
	struct dir_hsds_itab *t = &c->tab[x->ti];
	if (!x->ncols) {
		x->ncols = n;
		x->header_line = line;
		x->ok = dir_hsds_map_header(c, x->ti, x->file, (const char *const *)cells, n, line);
		return 0;
	}
	if (x->rows++ == 0)
		x->ok = dir_hsds_required(c, x->ti, x->file, x->header_line) && x->ok;
	if (!x->ok)
		return 1; /* the header is reported; the rows cannot be read by it */
	if (n != x->ncols) {
		dir_hsds_problem(c, x->file, line, NULL, "the row has %zu fields, the header %zu", n, x->ncols);
		return 0;
	}
	struct csvio_row row = { .line = line, .n = n, .cells = (const char **)cells };
	t->rows = &row;
	t->nrows = 1;
	dir_hsds_lower_ids(t, 0);
	dir_hsds_check_row(c, x->ti, 0, x->ignored);
	if (x->ti == HT_ATTRIBUTE)
		dir_hsds_check_link(c, 0);
	if (x->ti == HT_SERVICE)
		dir_hsds_check_service(c);
	const char *id = dir_hsds_cell(t, 0, 0);
	long first = dir_is_uuid(id) ? dir_hsds_ids_add(&x->ids, id, line, 0) : 0;
	if (first)
		dir_hsds_problem(c, x->file, line, "id", "the id %s is used on line %ld too", id, first);
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
static int stream_table(struct dir_hsds_run *c, int ti, struct dir_hsds_loader *l)
{
	struct stream x = { .c = c, .ti = ti, .file = dir_hsds_tables[ti].file, .l = l };
	FILE *f = NULL;
	if (c->path[ti] && !(f = fopen(c->path[ti], "rb"))) {
		dir_hsds_problem(c, c->path[ti], 0, NULL, "cannot read: %s", strerror(errno));
		c->broken[ti] = 1;
		return ST_OK;
	}
	char err[200];
	long line = 0;
	if (csvio_each(c->later[ti].data, c->later[ti].len, f, stream_row, &x, err, sizeof(err), &line) < 0) {
		dir_hsds_problem(c, x.file, line, NULL, "%s", err);
		c->broken[ti] = 1;
	}
	if (f)
		fclose(f);
	dir_hsds_note_ignored(c, ti, x.ignored);
	c->res->rows[ti] = x.rows;
	dir_hsds_ids_free(&x.ids);
	c->tab[ti].rows = c->kept[ti];
	c->tab[ti].nrows = c->nkept[ti];
	if (dir_hsds_keyed(ti))
		dir_hsds_index_build(c, &c->tab[ti]); /* the kept rows: stored records */
	return x.rc;
}

/* The ids of a keyed file (the first pass over it): each with its line
 * and whether it is stored. The rows are checked in the second pass. */
struct id_pass {
	struct dir_hsds_run *c;
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
	dir_hsds_lower(id);
	if (!dir_is_uuid(id))
		return 0;
	int stored = dir_hsds_stored(p->c->s, p->ti, id);
	if (stored < 0) {
		p->failed = 1;
		return 1;
	}
	dir_hsds_ids_add(&p->c->ids[p->ti], id, line, !stored);
	return 0;
}

void dir_hsds_read_ids(struct dir_hsds_run *c, int ti)
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
		dir_hsds_problem(c, "(import)", 0, NULL, "cannot read the database: %s", sqlite3_errmsg(store_db(c->s)));
}

/* Every list given, written by l (NULL: checked only); the first refused
 * write's status, or ST_OK. */
int dir_hsds_stream_all(struct dir_hsds_run *c, struct dir_hsds_loader *l)
{
	int rc = ST_OK;
	for (int ti = 0; ti < HT__COUNT; ti++)
		if (dir_hsds_streamed(ti) && c->seen[ti]) {
			int k = stream_table(c, ti, rc == ST_OK ? l : NULL);
			if (rc == ST_OK)
				rc = k;
		}
	return rc;
}
