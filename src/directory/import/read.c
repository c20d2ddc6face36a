/* read.c — the flat offer import: reading the file (libcsv, with
 * the line where each record starts), checking each row, and the run in
 * one transaction; writer.c writes the checked rows.
 *
 * A file of new offers only (no id column) is staged: its rows go into
 * private copies of the tables (store_stage_begin) while the database's
 * write lock stays free for everybody else (sign-ins, contact messages,
 * editors); then they are moved into the tables in transactions of about
 * a tenth of a second each (store_stage_publish), all or nothing. A file
 * that changes stored offers (an id column) is written into the tables in
 * one write transaction.
 *
 * All rows go into one transaction. First without savepoints (they cost
 * about a third of the time): rows are checked completely before anything
 * is written, so a write fails only on a constraint nobody foresaw. If
 * one does, the transaction is rolled back and the file is read again
 * with a savepoint per row, which reports that row and keeps the rest.
 * While this thread reads and checks the next rows, a writer thread
 * writes the last ones (writer.c). */
#include "directory/import/import_internal.h"
#include "core/core.h"
#include "core/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BULK_MIN_ROWS 1000 /* fewer rows: the indexes stay as they are */
#define MAX_FIELD (256u << 10) /* a cell longer than this refuses its row */

static void add_problem(struct dir_import_run *im, struct dir_import_problems *l, long line, const char *msgid,
			const char *arg1, const char *arg2)
{
	dir_import_problem_add(l, im->a, line, msgid, arg1, arg2);
}

static void row_failed(struct dir_import_run *im, const char *msgid, const char *arg1, const char *arg2)
{
	im->res->bad++;
	add_problem(im, &im->problems, im->rec_line, msgid, arg1, arg2);
}

static void do_row(struct dir_import_run *im)
{
	const char *val[IC__MAX] = { 0 };
	const char *cells = buf_str(&im->cells);
	int blank = 1;
	for (size_t i = 0; i < im->nf && blank; i++)
		blank = cells[im->off[i]] == '\0';
	if (blank && !im->extra)
		return; /* an empty row */
	im->res->rows++;
	if (im->too_long) {
		row_failed(im, N_("Ein Feld der Zeile ist länger als 256 KB."), NULL, NULL);
		return;
	}
	if (im->extra || im->nf != (size_t)im->ncols) {
		row_failed(im, N_("Die Zeile hat {1} Felder, die Kopfzeile {2}. Bitte Trennzeichen und "
				  "Anführungszeichen prüfen."),
			   arena_printf(im->a, "%zu", im->nf + im->extra), arena_printf(im->a, "%d", im->ncols));
		return;
	}
	for (int i = 0; i < im->ncols; i++)
		if (im->col[i] >= 0)
			val[im->col[i]] = cells + im->off[i];
	arena *ra = arena_new();
	struct dir_import_row row;
	struct dir_import_problem p[DIR_IMPORT_ROW_PROBLEMS];
	size_t np = 0;
	if (dir_import_row_map(ra, val, &im->terms, &row, p, NELEM(p), &np) != 0) {
		/* one refused row, all its problems reported */
		im->res->bad++;
		for (size_t i = 0; i < np; i++) {
			add_problem(im, &im->problems, im->rec_line, p[i].msgid, p[i].arg1, p[i].arg2);
			im->problems.v[im->problems.n - 1].column = p[i].column;
		}
		arena_free(ra);
		return;
	}
	dir_import_write(im, ra, &row, im->rec_line);
}

static int do_header(struct dir_import_run *im)
{
	const char *cells = buf_str(&im->cells);
	int seen[IC__MAX] = { 0 };
	if (im->extra)
		return add_problem(im, &im->problems, 0, N_("Die Kopfzeile hat mehr als 200 Spalten."), NULL, NULL),
		       -1;
	im->ncols = (int)im->nf;
	for (int i = 0; i < im->ncols; i++) {
		const char *h = cells + im->off[i];
		int c = dir_import_col_find(h);
		im->col[i] = c;
		if (c < 0) {
			if (*h)
				add_problem(im, &im->notes, im->rec_line,
					    N_("Die Spalte „{1}“ ist unbekannt und wird nicht gelesen."), h, NULL);
			continue;
		}
		if (seen[c]++)
			return add_problem(im, &im->problems, 0, N_("Die Spalte „{1}“ steht zweimal in der Kopfzeile."),
					   dir_import_col_label(c), NULL),
			       -1;
	}
	if (!seen[IC_NAME])
		return add_problem(im, &im->problems, 0, N_("Die Kopfzeile (die erste Zeile) hat keine Spalte „{1}“."),
				   dir_import_col_label(IC_NAME), NULL),
		       -1;
	if (!seen[IC_ORG] && !seen[IC_ID])
		return add_problem(im, &im->problems, 0,
				   N_("Die Kopfzeile braucht eine Spalte „Träger“ (oder „id“, um gespeicherte "
				      "Angebote zu ändern)."),
				   NULL, NULL),
		       -1;
	return 0;
}

/* ---- libcsv callbacks ---- */

static void on_cell(void *data, size_t len, void *ctx)
{
	struct dir_import_run *im = ctx;
	if (im->nf >= DIR_IMPORT_MAX_COLS || (im->have_header && im->nf >= (size_t)im->ncols)) {
		/* past the header's width: only counts when it holds something */
		for (size_t i = 0; i < len; i++)
			if (((const char *)data)[i] != ' ' && ((const char *)data)[i] != '\t') {
				im->extra++;
				break;
			}
		return;
	}
	if (len > MAX_FIELD) {
		im->too_long = 1;
		len = 0;
	}
	im->off[im->nf++] = im->cells.len;
	/* trim white space at both ends */
	const char *s = data, *e = s + len;
	while (s < e && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
		e--;
	buf_append(&im->cells, s, (size_t)(e - s));
	buf_putc(&im->cells, '\0');
}

static void on_record(int c, void *ctx)
{
	(void)c;
	struct dir_import_run *im = ctx;
	if (im->failed || im->restart || im->unstage || im->res->refused) {
		/* nothing more to do */
	} else if (!im->have_header) {
		if (im->nf || im->extra) {
			im->have_header = 1;
			if (do_header(im) != 0)
				im->res->refused = 1;
		}
	} else {
		do_row(im);
		long n = im->res->rows;
		if (im->o->progress && n % 500 == 0)
			im->o->progress(im->o->progress_ctx, im->done, im->total, n);
	}
	buf_reset(&im->cells);
	im->nf = im->extra = 0;
	im->too_long = 0;
}

/* ---- the run ---- */

static int stopped(const struct dir_import_run *im)
{
	return im->failed || im->restart || im->unstage || im->res->refused;
}

#define CSV_OPTS (CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)

/* libcsv stopped at a quote out of place (strict mode): the record is
 * refused and reading goes on with the next line and a fresh parser. */
static void quote_error(struct dir_import_run *im)
{
	if (csv_error(&im->csv) != CSV_EPARSE || !im->have_header) {
		add_problem(im, &im->problems, im->have_header ? im->rec_line : 0,
			    im->have_header ? N_("Die Datei konnte nicht gelesen werden.")
					    : N_("Die Kopfzeile hat ein Anführungszeichen an falscher Stelle."),
			    NULL, NULL);
		im->res->refused = 1;
		return;
	}
	im->res->rows++;
	row_failed(im, N_("Ein Anführungszeichen steht an falscher Stelle. Ein Feld mit \" muss ganz in "
			  "Anführungszeichen stehen, ein \" darin wird verdoppelt (\"\")."),
		   NULL, NULL);
	csv_free(&im->csv);
	if (csv_init(&im->csv, CSV_OPTS) != 0) {
		im->failed = 1;
		return;
	}
	csv_set_delim(&im->csv, (unsigned char)im->res->separator);
	buf_reset(&im->cells);
	im->nf = im->extra = 0;
	im->too_long = 0;
}

static void read_csv(struct dir_import_run *im, const char *text, size_t len)
{
	csv_set_delim(&im->csv, (unsigned char)im->res->separator);
	im->total = len;
	size_t i = 0;
	while (i < len && !stopped(im)) {
		/* one physical line: up to '\n', or a '\r' not followed by '\n' */
		size_t e = i;
		while (e < len && text[e] != '\n' && !(text[e] == '\r' && (e + 1 >= len || text[e + 1] != '\n')))
			e++;
		if (e < len)
			e++;
		im->line++;
		/* libcsv's state 0 (ROW_NOT_BEGUN): a new record starts on this line */
		if (im->csv.pstate == 0)
			im->rec_line = im->line;
		im->done = i;
		if (csv_parse(&im->csv, text + i, e - i, on_cell, on_record, im) != e - i && !stopped(im))
			quote_error(im);
		i = e;
	}
	im->done = len;
	if (stopped(im))
		return;
	if (csv_fini(&im->csv, on_cell, on_record, im) != 0) {
		/* CSV_STRICT_FINI: a quote opened and never closed */
		im->res->rows++;
		row_failed(im, N_("Ein Anführungszeichen wird nicht geschlossen; ab hier wurde nichts gelesen."), NULL,
			   NULL);
	}
	if (!im->have_header && !stopped(im)) {
		add_problem(im, &im->problems, 0, N_("Die Datei ist leer."), NULL, NULL);
		im->res->refused = 1;
	}
}

/* Forget what one pass found (before a careful second one). */
static void reset_pass(struct dir_import_run *im)
{
	struct dir_import_result *res = im->res;
	const char *enc = res->encoding;
	char sep = res->separator;
	memset(res, 0, sizeof(*res));
	res->encoding = enc;
	res->separator = sep;
	im->problems.n = im->notes.n = 0;
	im->links.n = 0;
	dir_import_forget(im);
	buf_reset(&im->cells);
	im->nf = im->extra = 0;
	im->too_long = im->have_header = im->ncols = 0;
	im->line = im->rec_line = 0;
	im->restart = 0;
	im->unstage = 0;
}

/* The tables a new offer writes to. In a bulk import their indexes are
 * made after the rows and their triggers rest: the only work of those is
 * to mark the changed offers for the search index, which bulk_end does
 * for all new offers at once. */
static const char *const bulk_tables[] = {
	"organization", "location", "address", "service", "service_at_location", "phone", "contact",
	"schedule", "language", "funding", "attribute", "metadata", NULL,
};

/* The rowid of the last offer stored (rowids only grow: the offers an
 * import adds come after it). */
static int last_offer(struct store *s, sqlite3_int64 *last)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT coalesce(max(rowid), 0) FROM service");
	if (!st)
		return ST_ERR;
	int k = store_step(st);
	if (k > 0)
		*last = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return k > 0 ? ST_OK : ST_ERR;
}

static int bulk_begin(struct store *s, struct store_bulk *b, sqlite3_int64 *last)
{
	if (last_offer(s, last) != ST_OK)
		return ST_ERR;
	return store_bulk_begin(s, bulk_tables, b);
}

/* The indexes and triggers again; every offer after last (the new ones:
 * rowids only grow) waits for the search index. */
static int bulk_end(struct store *s, struct store_bulk *b, sqlite3_int64 last)
{
	int rc = store_bulk_end(s, b);
	sqlite3_stmt *st = rc == ST_OK ? store_stmt(s, "INSERT INTO search_dirty SELECT id FROM service "
						       "WHERE rowid > ? ON CONFLICT DO NOTHING") : NULL;
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, last);
	if ((rc = store_exec_stmt(s, st)) != ST_OK)
		return rc;
	return dir_fact_refresh_since(s, last);
}

/* One pass over the text inside a new transaction: committed, or (on a
 * refused file, a restart or a failure) rolled back. Staged, it is a read
 * transaction that writes only the staged copies (the database's tables
 * are read before they are shadowed), and bulk waits for the publication. */
static int pass(struct dir_import_run *im, const char *text, size_t len)
{
	int rc = ST_ERR;
	struct store_tx tx = { 0 };
	struct store_bulk bulk = { 0 };
	sqlite3_int64 last = 0;
	int bulk_now = im->bulk && !im->staged;
	if (csv_init(&im->csv, CSV_OPTS) != 0)
		return ST_ERR;
	if ((im->staged ? store_tx_read(im->s, &tx) : store_tx_begin(im->s, &tx)) != ST_OK)
		goto out;
	if (dir_import_load_known(im) != ST_OK || (bulk_now && bulk_begin(im->s, &bulk, &last) != ST_OK) ||
	    (im->staged && store_stage_begin(im->s, bulk_tables) != ST_OK))
		goto out;
	dir_import_writer_start(im);
	read_csv(im, text, len);
	dir_import_writer_stop(im);
	if (im->failed || im->restart || im->unstage || im->res->refused) {
		store_tx_end(im->s, &tx, ST_ERR); /* nothing of this pass stays */
		rc = im->failed ? ST_ERR : ST_OK;
		goto out;
	}
	rc = bulk_now ? bulk_end(im->s, &bulk, last) : ST_OK;
out:
	rc = store_tx_end(im->s, &tx, rc);
	store_bulk_free(&bulk);
	csv_free(&im->csv);
	return rc;
}

/* The passes over the text: one, and a careful second one when a write
 * failed in the first. */
static int run(struct dir_import_run *im, const char *text, size_t len)
{
	int rc = pass(im, text, len);
	if (rc == ST_OK && im->restart) {
		reset_pass(im);
		im->careful = 1;
		rc = pass(im, text, len);
	}
	return rc;
}

struct first_line {
	int id, done;
};

static void header_cell(void *data, size_t len, void *ctx)
{
	struct first_line *f = ctx;
	char h[64];
	if (f->done || len >= sizeof(h))
		return;
	memcpy(h, data, len);
	h[len] = '\0';
	f->id |= dir_import_col_find(h) == IC_ID;
}

static void header_end(int c, void *ctx)
{
	(void)c;
	((struct first_line *)ctx)->done = 1;
}

/* Does the header name an id column, i.e. may rows change stored offers? */
static int header_has_id(const char *text, size_t len, char sep)
{
	struct csv_parser p;
	struct first_line f = { 0 };
	if (csv_init(&p, 0) != 0)
		return 1;
	csv_set_delim(&p, (unsigned char)sep);
	for (size_t i = 0; i < len && !f.done; i += 4096)
		csv_parse(&p, text + i, len - i < 4096 ? len - i : 4096, header_cell, header_end, &f);
	csv_free(&p);
	return f.id;
}

/* Is the file big against what is stored? Then making the indexes once
 * after the rows costs less than keeping them current row by row. (Lines
 * count rows from above: a cell may hold line breaks.) 1 yes, 0 no, -1 the
 * count cannot be read. */
static int is_bulk(struct store *s, const char *text, size_t len)
{
	size_t lines = 0;
	for (const char *p = text; (p = memchr(p, '\n', len - (size_t)(p - text))); p++)
		lines++;
	sqlite3_stmt *st = store_stmt(s, "SELECT count(*) FROM service");
	if (!st)
		return -1;
	int k = store_step(st);
	sqlite3_int64 stored = k > 0 ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (k <= 0)
		return -1;
	return lines >= BULK_MIN_ROWS && (sqlite3_int64)lines >= stored;
}

/* The bulk settings of the connection around the import. The rows are
 * checked more strictly than the schema's CHECK constraints, and a new
 * row refers only to records found or made in the same transaction, so
 * both kinds of check may rest: they cost SQLite an ephemeral table (for
 * every IN list) and extra cursors per insert, half the time of a run.
 * Changes of stored offers (an id column) keep the foreign keys: their
 * cascades tidy up what hangs off a replaced place. ST_ERR (and nothing
 * changed) when the foreign-key setting cannot be read. */
static int bulk_settings(struct store *s, int on, int fk_off, int *fk_was)
{
	if (on) {
		sqlite3_stmt *st = store_stmt(s, "PRAGMA foreign_keys");
		if (!st)
			return ST_ERR;
		int k = store_step(st);
		*fk_was = k > 0 && sqlite3_column_int(st, 0);
		sqlite3_reset(st);
		if (k <= 0)
			return ST_ERR;
		store_exec(s, "PRAGMA ignore_check_constraints = ON");
		if (fk_off && *fk_was)
			store_exec(s, "PRAGMA foreign_keys = OFF");
	} else {
		store_exec(s, "PRAGMA ignore_check_constraints = OFF");
		if (fk_off && *fk_was)
			store_exec(s, "PRAGMA foreign_keys = ON");
	}
	return ST_OK;
}

int dir_import_offers(struct store *s, arena *a, const char *data, size_t len, const struct dir_import_opts *o,
		      struct dir_import_result *out)
{
	memset(out, 0, sizeof(*out));
	out->encoding = "UTF-8";
	out->separator = ';';
	struct dir_import_run *im = xcalloc(1, sizeof(*im));
	im->s = s;
	im->a = a;
	im->o = o;
	im->res = out;
	im->ta = arena_new();
	im->wa = arena_new();
	buf_init(&im->cells, 0);
	dir_import_ids_init(&im->ids);
	int rc = ST_OK;
	arena *text_arena = arena_new(); /* the decoded copy, when one is made */
	size_t tlen = 0;
	const char *problem = NULL;
	const char *text = dir_import_decode(data, len, &tlen, text_arena, &out->encoding, &out->separator, &problem);
	if (!text) {
		add_problem(im, &im->problems, 0, problem, NULL, NULL);
		out->refused = 1;
		goto out;
	}
	if (dir_import_terms_build(im->ta, s, &im->terms) != ST_OK) {
		rc = ST_ERR;
		goto out;
	}
	int fk_off = !header_has_id(text, tlen, out->separator), fk_was = 0;
	int bulk = fk_off ? is_bulk(s, text, tlen) : 0;
	if (bulk < 0 || bulk_settings(s, 1, fk_off, &fk_was) != ST_OK) {
		rc = ST_ERR;
		goto out;
	}
	im->bulk = bulk;
	im->staged = fk_off;
	/* a big file's staged rows wait in a temporary file, not in memory */
	if (im->staged && bulk && store_stage_on_disk(s, 1) != ST_OK)
		im->staged = 0;
	sqlite3_int64 before = 0; /* the last offer before a staged publication */
	int facts = ST_OK;        /* their facts, once published */
	rc = im->staged ? last_offer(s, &before) : ST_OK;
	if (rc == ST_OK)
		rc = run(im, text, tlen);
	if (im->staged) {
		int unstage = rc == ST_OK && im->unstage;
		int published = rc == ST_OK && !out->refused && !unstage
					? store_stage_publish(s, bulk_tables)
					: ST_OK;
		store_stage_end(s, bulk_tables);
		if (rc == ST_OK && !out->refused && !unstage && published == ST_OK)
			facts = dir_fact_refresh_since(s, before);
		if (published != ST_OK || unstage) {
			/* a write the staged copies could not refuse (a trigger or
			 * a key of the tables themselves), or a row that names a
			 * stored offer: the rows again, into the tables, where
			 * such a row is reported and left out, or the stored
			 * offer compared and changed (row by row: its indexes
			 * are needed) */
			reset_pass(im);
			im->careful = 0;
			im->staged = 0;
			if (unstage)
				im->bulk = 0;
			rc = run(im, text, tlen);
		}
		if (bulk)
			store_stage_on_disk(s, 0);
		if (rc == ST_OK)
			rc = facts;
	}
	bulk_settings(s, 0, fk_off, &fk_was);
	if (o->progress)
		o->progress(o->progress_ctx, len, len, out->rows);
out:
	if (rc != ST_OK || out->refused) {
		out->created = out->updated = out->unchanged = out->providers_created = 0;
		im->links.n = 0;
	}
	dir_import_forget(im);
	out->problems = arena_alloc(a, (im->problems.n + 1) * sizeof(*out->problems));
	if (im->problems.n)
		memcpy(out->problems, im->problems.v, im->problems.n * sizeof(*out->problems));
	out->n_problems = im->problems.n;
	out->notes = arena_alloc(a, (im->notes.n + 1) * sizeof(*out->notes));
	if (im->notes.n)
		memcpy(out->notes, im->notes.v, im->notes.n * sizeof(*out->notes));
	out->n_notes = im->notes.n;
	out->links = arena_alloc(a, (im->links.n + 1) * sizeof(*out->links));
	for (size_t i = 0; i < im->links.n; i++) {
		out->links[i] = im->links.v[i];
		out->links[i].id = arena_strdup(a, im->links.v[i].id);
		out->links[i].name = arena_strdup(a, im->links.v[i].name);
	}
	out->n_links = im->links.n;
	free(im->links.v);
	free(im->problems.v);
	free(im->notes.v);
	arena_free(text_arena);
	buf_free(&im->cells);
	arena_free(im->ta);
	arena_free(im->wa);
	free(im->wproblems.v);
	free(im);
	return rc;
}

/* ---- messages ---- */

const char *dir_import_problem_text(arena *a, const char *lang, const struct dir_import_problem *p)
{
	const char *text = i18n_fill(a, i18n_get(lang, p->msgid), p->arg1 ? p->arg1 : "", p->arg2 ? p->arg2 : "",
				     NULL);
	if (p->line <= 0)
		return text;
	return i18n_fill(a, i18n_get(lang, N_("Zeile {1}: {2}")), arena_printf(a, "%ld", p->line), text, NULL);
}

const char *dir_import_summary(arena *a, const char *lang, const struct dir_import_result *res)
{
	return i18n_fill(a, i18n_get(lang, N_("Angebote importiert: {1}, Zeilen mit Fehlern: {2}")),
			 arena_printf(a, "%ld", res->created + res->updated), arena_printf(a, "%ld", res->bad), NULL);
}
