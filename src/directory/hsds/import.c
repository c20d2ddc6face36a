/* import.c — an HSDS import as a whole: the files given (a folder's
 * read one at a time), the smaller tables parsed and held, every table
 * checked (import_check.c; the services and big lists record by record:
 * import_stream.c) before anything is written, then, in one transaction
 * for the whole set, the load (load.c) and the check of references.
 * Any problem undoes the whole set. Problems and notes are lines of the
 * report. */
#include "directory/hsds/import_internal.h"
#include "core/core.h"
#include "directory/directory.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_FILE_BYTES (1024L * 1024 * 1024)

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
vmsg(struct dir_hsds_run *c, const char *file, long line, const char *col, const char *value, const char *tail,
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

void __attribute__((format(printf, 5, 6)))
dir_hsds_problem(struct dir_hsds_run *c, const char *file, long line, const char *col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(c, file, line, col, NULL, "\n", fmt, ap);
	va_end(ap);
	c->res->nerrors++;
}

/* A problem with the value shown at the end. */
void __attribute__((format(printf, 6, 7)))
dir_hsds_bad_value(struct dir_hsds_run *c, const struct dir_hsds_itab *t, size_t r, const char *col, const char *v,
		   const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(c, t->file, t->rows[r].line, col, v, "\n", fmt, ap);
	va_end(ap);
	c->res->nerrors++;
}

void __attribute__((format(printf, 3, 4))) dir_hsds_note(struct dir_hsds_run *c, const char *file, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(c, file, 0, NULL, NULL, " (note)\n", fmt, ap);
	va_end(ap);
	c->res->nnotes++;
}

static void read_table(struct dir_hsds_run *c, int ti, const struct dir_hsds_file *f)
{
	struct dir_hsds_itab *t = &c->tab[ti];
	char err[200];
	struct csvio_table ct;
	c->broken[ti] = 1; /* until it is read */
	if (f->len > (size_t)MAX_FILE_BYTES) {
		dir_hsds_problem(c, f->name, 0, NULL, "the file is larger than 1 GiB");
		return;
	}
	long line = 0;
	if (csvio_parse(c->a, f->data, f->len, &ct, err, sizeof(err), &line) != 0) {
		dir_hsds_problem(c, f->name, line, NULL, "%s", err);
		return;
	}
	c->broken[ti] = 0;
	if (!ct.header)
		return; /* an empty file: no rows */
	int ok = dir_hsds_map_header(c, ti, f->name, ct.header, ct.ncols, ct.header_line);
	if (ct.nrows > 0)
		ok = dir_hsds_required(c, ti, f->name, ct.header_line) && ok;
	if (!t->t->stored) {
		if (ct.nrows)
			dir_hsds_note(c, f->name, "%zu rows ignored: lotse does not keep HSDS %s", ct.nrows, t->t->resource);
		return;
	}
	for (size_t r = 0; r < ct.nrows; r++)
		if (ct.rows[r].n != ct.ncols) {
			dir_hsds_problem(c, f->name, ct.rows[r].line, NULL, "the row has %zu fields, the header %zu", ct.rows[r].n,
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
		dir_hsds_lower_ids(t, r);
}

/* ---- the whole import ---- */

/* Report the rows whose references point nowhere (deferred checks);
 * returns how many, or -1 when they cannot be read. */
static long report_fk(struct dir_hsds_run *c)
{
	long n = 0;
	sqlite3_stmt *st = store_stmt(c->s, "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check");
	if (!st)
		return -1;
	int k;
	while ((k = store_step(st)) > 0) {
		dir_hsds_problem(c, store_col_text(st, 0), 0, NULL, "row %lld names a missing %s",
			(long long)sqlite3_column_int64(st, 1), store_col_text(st, 2));
		n++;
	}
	sqlite3_reset(st);
	return k < 0 ? -1 : n;
}

static int write_all(struct dir_hsds_run *c)
{
	struct store *s = c->s;
	struct store_tx tx;
	struct dir_hsds_loader *l = NULL;
	int rc = store_tx_begin(s, &tx), own = tx.own;
	if (rc != ST_OK) {
		dir_hsds_problem(c, "(import)", 0, NULL, "cannot write to the database: %s", sqlite3_errmsg(store_db(s)));
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
		l = dir_hsds_load_start(s, c->a, c->tab, &c->history, c->report, &rc);
		dir_hsds_stream_all(c, l); /* counts its problems and refused writes */
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
	dir_hsds_load_forget(l);
	if (own && before == ST_OK && rc != ST_OK) {
		dir_hsds_problem(c, "(import)", 0, NULL, "the transaction could not be committed");
		rc = ST_CONFLICT;
	}
	return rc == ST_CONFLICT ? ST_OK : rc;
}

/* An import under way: files are added one by one (each parsed into the
 * context's arena at once, so the caller may free its bytes), then
 * checked and written together. */
static void start(struct dir_hsds_run *c, struct store *s, buf *report, struct dir_hsds_import_result *res)
{
	memset(res, 0, sizeof(*res));
	*c = (struct dir_hsds_run){ .s = s, .a = arena_new(), .report = report, .res = res };
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
static void add_file(struct dir_hsds_run *c, const struct dir_hsds_file *f)
{
	int ti = table_of(f->name);
	if (ti < 0) {
		if (strcmp(f->name, "datapackage.json") != 0)
			dir_hsds_note(c, f->name, "not a file of the HSDS 3.0 tabular form; ignored");
	} else if (c->seen[ti]++) {
		dir_hsds_problem(c, f->name, 0, NULL, "the file is given twice");
	} else if (dir_hsds_streamed(ti)) {
		c->later[ti] = *f;
	} else {
		read_table(c, ti, f);
	}
}

static int finish(struct dir_hsds_run *c)
{
	/* every readable file is checked, so that one run reports every bad row */
	int rc = ST_OK;
	for (int i = 0; i < HT__COUNT; i++)
		if (dir_hsds_keyed(i) && c->seen[i])
			dir_hsds_read_ids(c, i);
	for (int i = 0; i < HT__COUNT; i++)
		if (dir_hsds_tables[i].has_id && dir_hsds_tables[i].stored)
			dir_hsds_index_build(c, &c->tab[i]);
	for (int i = 0; i < HT__COUNT; i++)
		if (dir_hsds_tables[i].stored)
			dir_hsds_check_table(c, i);
	dir_hsds_check_rows(c);
	if (c->res->nerrors == 0)
		rc = write_all(c);
	else
		dir_hsds_stream_all(c, NULL); /* their problems too */
	for (int i = 0; i < HT__COUNT; i++)
		dir_hsds_ids_free(&c->ids[i]);
	dir_hsds_ids_free(&c->history);
	arena_free(c->a);
	return rc;
}

int dir_hsds_import(struct store *s, const struct dir_hsds_file *files, size_t nfiles, buf *report,
		    struct dir_hsds_import_result *res)
{
	struct dir_hsds_run c;
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
	struct dir_hsds_run c;
	start(&c, s, report, res);
	for (size_t i = 0; i < n && rc == ST_OK; i++) {
		char *path = arena_printf(c.a, "%s/%s", dir, names[i]), *data = NULL;
		size_t dlen;
		int ti = table_of(names[i]);
		if (ti >= 0 && dir_hsds_streamed(ti) && !c.seen[ti]) {
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
