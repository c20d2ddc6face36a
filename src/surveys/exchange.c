/* exchange.c — a survey's responses as CSV: the export (one row per
 * response, one column per variable: a question's code, an array row's or
 * a multiple choice's option "Q_SQ001", "Q_other", a rank "Q_1"; with
 * codes or with German labels), and the import of responses collected
 * elsewhere (paper typed into a spreadsheet, LimeSurvey's CSV with the
 * question codes as headers): every bad row is reported with its line and
 * reason and left out, the good ones are stored in one transaction.
 *
 * Both stream: the export reads the closed answers from their cells
 * (columns.h) and the open ones question by question over blocks of
 * responses (each a range of the answer table); the import parses the
 * file in chunks (libcsv), writes each response and its open answers row
 * by row and the closed ones at the end, a column at a time. */
#include "surveys/surveys.h"
#include "surveys/surveys_internal.h"
#include "surveys/columns.h"
#include "core/core.h"
#include "core/csvio.h"
#include "core/i18n.h"

#include <csv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One column of the export: question qi and the part it shows. */
struct col {
	size_t q;
	const char *part; /* "" the answer, an option's or subquestion's code, "other", a rank */
	const char *name;
};

static size_t columns(arena *a, const struct survey *sv, struct col **out)
{
	size_t n = 0, cap = 0;
	*out = NULL;
#define ADD(qi, p, nm)                                                           \
	do {                                                                     \
		*out = arena_grow(a, *out, n, &cap, sizeof(**out), 32);          \
		(*out)[n++] = (struct col){ (qi), (p), (nm) };                   \
	} while (0)
	for (size_t i = 0; i < sv->nqs; i++) {
		const struct survey_question *q = &sv->qs[i];
		switch (q->type) {
		case SQ_DISPLAY:
		case SQ__COUNT:
			break;
		case SQ_MULTIPLE:
			for (size_t k = 0; k < q->nopts; k++)
				ADD(i, q->opts[k].code, arena_printf(a, "%s_%s", q->code, q->opts[k].code));
			break;
		case SQ_ARRAY:
			for (size_t k = 0; k < q->nsubs; k++)
				ADD(i, q->subs[k].code, arena_printf(a, "%s_%s", q->code, q->subs[k].code));
			break;
		case SQ_RANKING:
			for (size_t k = 0; k < q->nopts; k++)
				ADD(i, arena_printf(a, "%zu", k + 1), arena_printf(a, "%s_%zu", q->code, k + 1));
			break;
		default:
			ADD(i, "", q->code);
			break;
		}
		if (q->other && (q->type == SQ_SINGLE || q->type == SQ_DROPDOWN || q->type == SQ_MULTIPLE))
			ADD(i, "other", arena_printf(a, "%s_other", q->code));
	}
#undef ADD
	return n;
}

static const char *const meta[] = { "id", "status", "lang", "started_at", "completed_at" };
#define NMETA 5
#define BLOCK 20000

/* The label of a stored value in column c (labels: German). */
static const char *label_of(const struct survey *sv, const struct col *c, const char *v)
{
	const struct survey_question *q = &sv->qs[c->q];
	if (strcmp(c->part, "other") == 0)
		return v;
	if (q->type == SQ_YESNO)
		return strcmp(v, "Y") == 0 ? i18n_get("de", "Ja") : strcmp(v, "N") == 0 ? i18n_get("de", "Nein") : v;
	if (q->type == SQ_MULTIPLE) {
		int k = survey_option_index(q, 0, c->part);
		return k >= 0 ? survey_tx(&q->opts[k].tx, "label", "de") : v;
	}
	if (q->type == SQ_SINGLE || q->type == SQ_DROPDOWN || q->type == SQ_ARRAY || q->type == SQ_RANKING) {
		if (strcmp(v, "other") == 0)
			return i18n_get("de", "Sonstiges");
		int k = survey_option_index(q, 0, v);
		return k >= 0 ? survey_tx(&q->opts[k].tx, "label", "de") : v;
	}
	return v;
}

int survey_export_walk(struct store *s, const struct survey *sv, int labels, const struct survey_export_sink *k_,
		       long *rows)
{
	arena *a = arena_new();
	struct col *cols;
	size_t ncols = columns(a, sv, &cols);
	/* the header: the meta columns, then the variables */
	const char **row = xcalloc(NMETA + ncols, sizeof(*row));
	for (size_t i = 0; i < NMETA; i++)
		row[i] = meta[i];
	for (size_t i = 0; i < ncols; i++)
		row[NMETA + i] = cols[i].name;
	*rows = 0;
	int rc = survey_cells_sync(s, sv);
	if (rc == ST_OK)
		rc = k_->row(k_->ctx, row, NMETA + ncols);
	struct store_tx tx;
	if (rc == ST_OK)
		rc = store_tx_read(s, &tx);
	else {
		free(row);
		arena_free(a);
		return rc;
	}
	/* the closed columns come from their cells (one byte per
	 * response), the others from the answer table */
	const unsigned char **cv = xcalloc(ncols + 1, sizeof(*cv));
	const char ***ccodes = xcalloc(ncols + 1, sizeof(*ccodes));
	const int64_t *crid = NULL;
	size_t cn = 0, cj = 0;
	for (size_t c = 0; rc == ST_OK && c < ncols; c++) {
		const struct survey_question *q = &sv->qs[cols[c].q];
		size_t n, k;
		int first = crid == NULL; /* the ids come with the first column */
		int got = survey_column(s, a, sv, q, cols[c].part, &cv[c], first ? &crid : NULL, &n);
		if (got == ST_OK && (first || n == cn)) {
			cn = n;
			survey_col_codes(a, q, cols[c].part, &k, &ccodes[c]);
		} else {
			if (first)
				crid = NULL;
			cv[c] = NULL;
			if (got == ST_ERR)
				rc = ST_ERR;
		}
	}
	/* the cells of one block of responses: BLOCK x ncols values, in an
	 * arena that is emptied after each block */
	const char **cell = xcalloc((size_t)BLOCK * (ncols + 1), sizeof(*cell));
	int64_t *rid = xmalloc(BLOCK * sizeof(*rid));
	const char **m = xmalloc((size_t)BLOCK * 4 * sizeof(*m));
	int64_t after = 0;
	while (rc == ST_OK) {
		arena *blk = arena_new();
		sqlite3_stmt *st = store_stmt(s, "SELECT id, status, lang, started_at, completed_at FROM survey_response "
						 "WHERE survey_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3");
		size_t n = 0;
		int k = -1;
		if (st) {
			sqlite3_bind_int64(st, 1, sv->id);
			sqlite3_bind_int64(st, 2, after);
			sqlite3_bind_int(st, 3, BLOCK);
			while ((k = store_step(st)) > 0) {
				rid[n] = sqlite3_column_int64(st, 0);
				for (int c = 0; c < 4; c++)
					m[n * 4 + (size_t)c] = store_col_str(blk, st, c + 1);
				n++;
			}
			sqlite3_reset(st);
		}
		if (k < 0) {
			rc = ST_ERR;
			arena_free(blk);
			break;
		}
		if (n == 0) {
			arena_free(blk);
			break;
		}
		memset(cell, 0, (size_t)BLOCK * (ncols + 1) * sizeof(*cell));
		for (size_t i = 0; i < n; i++) {
			while (cj < cn && crid[cj] < rid[i])
				cj++;
			if (cj >= cn || crid[cj] != rid[i])
				continue;
			for (size_t c = 0; c < ncols; c++)
				if (cv[c] && cv[c][cj]) {
					const char *v = ccodes[c][cv[c][cj] - 1];
					cell[i * ncols + c] = labels ? label_of(sv, &cols[c], v) : v;
				}
		}
		/* question by question: one range of the answers each (but those
		 * whose columns all came from the cells) */
		for (size_t qi = 0; rc == ST_OK && qi < sv->nqs; qi++) {
			size_t c0 = 0;
			while (c0 < ncols && cols[c0].q != qi)
				c0++;
			int from_store = c0 < ncols;
			for (size_t c = c0; c < ncols && cols[c].q == qi; c++)
				from_store = from_store && cv[c];
			if (from_store || c0 == ncols)
				continue;
			sqlite3_stmt *q = store_stmt(s, "SELECT response_id, part, value FROM survey_answer WHERE question_id = ?1 "
							"AND response_id BETWEEN ?2 AND ?3 ORDER BY response_id");
			if (!q) {
				rc = ST_ERR;
				break;
			}
			sqlite3_bind_int64(q, 1, sv->qs[qi].id);
			sqlite3_bind_int64(q, 2, rid[0]);
			sqlite3_bind_int64(q, 3, rid[n - 1]);
			size_t at = 0;
			while ((k = store_step(q)) > 0) {
				int64_t r = sqlite3_column_int64(q, 0);
				while (at < n && rid[at] < r)
					at++;
				if (at >= n || rid[at] != r)
					continue;
				const char *part = store_col_text(q, 1);
				for (size_t c = c0; c < ncols && cols[c].q == qi; c++)
					if (!cv[c] && strcmp(cols[c].part, part) == 0) {
						const char *v = store_col_str(blk, q, 2);
						cell[at * ncols + c] = labels ? label_of(sv, &cols[c], v) : v;
						break;
					}
			}
			sqlite3_reset(q);
			if (k < 0)
				rc = ST_ERR;
		}
		for (size_t i = 0; rc == ST_OK && i < n; i++) {
			char id[24];
			snprintf(id, sizeof(id), "%lld", (long long)rid[i]);
			row[0] = id;
			for (int c = 0; c < 4; c++)
				row[1 + c] = m[i * 4 + (size_t)c];
			for (size_t c = 0; c < ncols; c++)
				row[NMETA + c] = cell[i * ncols + c];
			rc = k_->row(k_->ctx, row, NMETA + ncols);
		}
		*rows += (long)n;
		after = rid[n - 1];
		arena_free(blk);
		if (n < BLOCK)
			break;
	}
	free(cell);
	free(rid);
	free(m);
	free(row);
	free(cv);
	free(ccodes);
	arena_free(a);
	return store_tx_end(s, &tx, rc);
}


/* The CSV sink: rows into a buffer, written out a megabyte at a time. */
struct csv_sink {
	buf b;
	FILE *out;
};

static int csv_row(void *ctx, const char *const *cells, size_t n)
{
	struct csv_sink *c = ctx;
	int first = 1;
	for (size_t i = 0; i < n; i++)
		csvio_field(&c->b, &first, cells[i]);
	csvio_end(&c->b, &first);
	if (c->b.len > (1u << 20)) {
		if (c->b.err || fwrite(c->b.data, 1, c->b.len, c->out) != c->b.len)
			return ST_ERR;
		buf_reset(&c->b);
	}
	return ST_OK;
}

int survey_responses_export(struct store *s, const struct survey *sv, int labels, FILE *out, long *rows)
{
	struct csv_sink c = { .out = out };
	buf_init(&c.b, 0);
	struct survey_export_sink k = { csv_row, &c };
	int rc = survey_export_walk(s, sv, labels, &k, rows);
	if (rc == ST_OK && (c.b.err || fwrite(c.b.data ? c.b.data : "", 1, c.b.len, out) != c.b.len))
		rc = ST_ERR;
	buf_free(&c.b);
	return rc;
}

/* ---- import ---- */

struct imp {
	struct store *s;
	const struct survey *sv;
	arena *a;
	struct col *cols;
	size_t ncols;
	int *map;          /* file column -> export column, or -(meta + 2), or -1 ignored */
	size_t nfile;
	const char **cells;
	size_t ncells, cap;
	long line, rows, bad;
	int header_done, failed;
	FILE *report;
	const char *status_default;
	/* the closed columns: their bytes, written to the cells at the end */
	struct survey_col_append *cc;
	size_t ncc;
	int *col_cc;       /* export column -> cc, or -1 */
	unsigned char *rowb; /* the row's bytes, ncc */
	int64_t *rids;     /* the ids of the rows stored */
	size_t nrids, rcap;
};

static void field_cb(void *data, size_t len, void *ctx)
{
	struct imp *im = ctx;
	if (im->ncells >= CSVIO_MAX_COLS)
		return;
	im->cells = arena_grow(im->a, im->cells, im->ncells, &im->cap, sizeof(*im->cells), 32);
	im->cells[im->ncells++] = arena_strndup(im->a, data ? data : "", data ? len : 0);
}

/* What is wrong with value v for column c (a German reason), or NULL;
 * *store gets the value to store (a code for a label). */
static const char *check(const struct imp *im, const struct col *c, const char *v, const char **store)
{
	const struct survey_question *q = &im->sv->qs[c->q];
	*store = v;
	if (utf8_count(v, strlen(v)) < 0)
		return "kein gültiges UTF-8";
	if (strcmp(c->part, "other") == 0)
		return NULL;
	switch (q->type) {
	case SQ_NUMBER: {
		char *end;
		double x = strtod(v, &end);
		if (*end || !isfinite(x))
			return "keine Zahl";
		if ((q->has_min && x < q->min_value) || (q->has_max && x > q->max_value))
			return "Zahl außerhalb des Bereichs";
		return NULL;
	}
	case SQ_YESNO:
		if (strcmp(v, "Y") == 0 || strcmp(v, "N") == 0)
			return NULL;
		if (strcmp(v, "Ja") == 0 || strcmp(v, "ja") == 0)
			*store = "Y";
		else if (strcmp(v, "Nein") == 0 || strcmp(v, "nein") == 0)
			*store = "N";
		else
			return "nicht Y oder N";
		return NULL;
	case SQ_MULTIPLE:
		/* Y, 1 or the option's code or label: chosen; N, 0: not */
		if (strcmp(v, "N") == 0 || strcmp(v, "0") == 0) {
			*store = NULL;
			return NULL;
		}
		*store = "Y";
		return NULL;
	case SQ_SINGLE:
	case SQ_DROPDOWN:
	case SQ_ARRAY:
	case SQ_RANKING:
		if (survey_option_index(q, 0, v) >= 0 || (q->other && strcmp(v, "other") == 0))
			return NULL;
		for (size_t k = 0; k < q->nopts; k++)
			if (strcmp(survey_tx(&q->opts[k].tx, "label", "de"), v) == 0) {
				*store = q->opts[k].code;
				return NULL;
			}
		return "keine der Antwortoptionen";
	default:
		return NULL;
	}
}

/* The header row: each file column's place among the export's columns
 * (or a meta column), unknown and repeated ones reported and ignored. */
static void map_header(struct imp *im)
{
	im->header_done = 1;
	im->nfile = im->ncells;
	im->map = arena_alloc(im->a, (im->nfile + 1) * sizeof(*im->map));
	for (size_t i = 0; i < im->nfile; i++) {
		const char *h = im->cells[i];
		if (i == 0 && (unsigned char)h[0] == 0xEF && (unsigned char)h[1] == 0xBB && (unsigned char)h[2] == 0xBF)
			h += 3;
		im->map[i] = -1;
		for (size_t m = 0; m < NMETA; m++)
			if (strcmp(h, meta[m]) == 0)
				im->map[i] = -(int)m - 2;
		for (size_t c = 0; c < im->ncols; c++)
			if (strcmp(h, im->cols[c].name) == 0)
				im->map[i] = (int)c;
		if (im->map[i] == -1) {
			fprintf(im->report, "line %ld: unknown column %s (ignored)\n", im->line, h);
			continue;
		}
		for (size_t j = 0; j < i; j++)
			if (im->map[j] == im->map[i]) {
				fprintf(im->report, "line %ld: column %s twice (the second is ignored)\n", im->line, h);
				im->map[i] = -1;
				break;
			}
	}
}

static void row_cb(int term, void *ctx)
{
	struct imp *im = ctx;
	(void)term;
	im->line++;
	if (im->failed)
		goto next;
	if (!im->header_done) {
		map_header(im);
		goto next;
	}
	int empty = 1;
	for (size_t i = 0; i < im->ncells; i++)
		if (*im->cells[i])
			empty = 0;
	if (empty)
		goto next;
	if (im->ncells != im->nfile) {
		fprintf(im->report, "line %ld: %zu cells, the header has %zu\n", im->line, im->ncells, im->nfile);
		im->bad++;
		goto next;
	}
	const char *status = im->status_default, *lang = "de", *started = NULL;
	const char **val = arena_alloc(im->a, (im->nfile + 1) * sizeof(*val));
	for (size_t i = 0; i < im->nfile; i++) {
		const char *v = im->cells[i];
		if (im->map[i] >= 0) {
			if (!*v)
				continue;
			const char *why = check(im, &im->cols[im->map[i]], v, &val[i]);
			if (why) {
				fprintf(im->report, "line %ld: column %s: %s: %s\n", im->line, im->cols[im->map[i]].name, why, v);
				im->bad++;
				goto next;
			}
		} else if (im->map[i] == -3 && *v) { /* status */
			if (strcmp(v, "complete") != 0 && strcmp(v, "partial") != 0) {
				fprintf(im->report, "line %ld: status must be complete or partial: %s\n", im->line, v);
				im->bad++;
				goto next;
			}
			status = v;
		} else if (im->map[i] == -4 && *v) {
			lang = i18n_lang(v) ? i18n_lang(v) : "de";
		} else if (im->map[i] == -5 && *v) {
			started = v;
		}
	}
	sqlite3_stmt *st = store_stmt(im->s, "INSERT INTO survey_response (survey_id, lang, status, source, started_at, "
					     "completed_at) VALUES (?1, ?2, ?3, 'import', COALESCE(?4, CURRENT_TIMESTAMP), "
					     "CASE WHEN ?3 = 'complete' THEN COALESCE(?4, CURRENT_TIMESTAMP) END)");
	if (!st) {
		im->failed = 1;
		goto next;
	}
	sqlite3_bind_int64(st, 1, im->sv->id);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, status, -1, SQLITE_STATIC);
	if (started)
		sqlite3_bind_text(st, 4, started, -1, SQLITE_STATIC);
	if (store_exec_stmt(im->s, st) != ST_OK) {
		im->failed = 1;
		goto next;
	}
	int64_t rid = sqlite3_last_insert_rowid(store_db(im->s));
	memset(im->rowb, 0, im->ncc + 1);
	for (size_t i = 0; i < im->nfile; i++) {
		if (im->map[i] < 0 || !val[i])
			continue;
		const struct col *c = &im->cols[im->map[i]];
		int cc = im->col_cc[im->map[i]];
		if (cc >= 0) {
			int x = survey_cat_index(im->cc[cc].codes, im->cc[cc].k, val[i]);
			if (x >= 0) {
				im->rowb[cc] = (unsigned char)(x + 1);
				continue;
			}
		}
		sqlite3_stmt *ins = store_stmt(im->s, "INSERT INTO survey_answer (question_id, response_id, part, value) "
						      "VALUES (?1, ?2, ?3, ?4)");
		if (!ins) {
			im->failed = 1;
			goto next;
		}
		sqlite3_bind_int64(ins, 1, im->sv->qs[c->q].id);
		sqlite3_bind_int64(ins, 2, rid);
		sqlite3_bind_text(ins, 3, c->part, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 4, val[i], -1, SQLITE_STATIC);
		if (store_exec_stmt(im->s, ins) != ST_OK) {
			im->failed = 1;
			goto next;
		}
	}
	if (im->nrids == im->rcap) {
		im->rcap = im->rcap ? 2 * im->rcap : 4096;
		im->rids = xrealloc(im->rids, im->rcap * sizeof(*im->rids));
		for (size_t c = 0; c < im->ncc; c++) {
			im->cc[c].v = xrealloc(im->cc[c].v, im->rcap);
			im->cc[c].cap = im->rcap;
		}
	}
	im->rids[im->nrids++] = rid;
	for (size_t c = 0; c < im->ncc; c++)
		im->cc[c].v[im->cc[c].n++] = im->rowb[c];
	im->rows++;
next:
	im->ncells = 0;
	/* the row's strings are no longer needed: a fresh arena every 4096 rows */
	if (im->line % 4096 == 0 && im->header_done) {
		/* keep the header's map: copy it over */
		arena *fresh = arena_new();
		int *map = arena_alloc(fresh, (im->nfile + 1) * sizeof(*map));
		memcpy(map, im->map, (im->nfile + 1) * sizeof(*map));
		arena_free(im->a);
		im->a = fresh;
		im->map = map;
		im->cells = NULL;
		im->cap = 0;
	}
}

/* The closed columns of the import (survey_col_kind). */
static void closed_columns(arena *a, struct imp *im)
{
	im->cc = arena_alloc(a, (im->ncols + 1) * sizeof(*im->cc));
	im->col_cc = arena_alloc(a, (im->ncols + 1) * sizeof(*im->col_cc));
	im->ncc = 0;
	for (size_t c = 0; c < im->ncols; c++) {
		const struct survey_question *q = &im->sv->qs[im->cols[c].q];
		im->col_cc[c] = -1;
		if (!survey_col_kind(q, im->cols[c].part))
			continue;
		im->col_cc[c] = (int)im->ncc;
		struct survey_col_append *x = &im->cc[im->ncc++];
		x->q = q;
		x->part = im->cols[c].part;
		survey_col_codes(a, q, x->part, &x->k, (const char ***)&x->codes);
	}
	im->rowb = arena_alloc(a, im->ncc + 1);
}

int survey_responses_import(struct store *s, const struct survey *sv, FILE *in, FILE *report, long *rows, long *bad)
{
	arena *keep = arena_new();
	struct imp im = { .s = s, .sv = sv, .a = arena_new(), .report = report, .status_default = "complete" };
	im.ncols = columns(keep, sv, &im.cols);
	closed_columns(keep, &im);
	struct csv_parser p;
	int rc = ST_OK;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		arena_free(keep);
		arena_free(im.a);
		return ST_ERR;
	}
	static const char *const tables[] = { "survey_answer", "survey_response", NULL };
	struct store_tx tx;
	struct store_bulk bulk = { 0 };
	/* the indexes made again at the end sort all answers: in a temporary
	 * file, not in memory (a million responses are 30 million answers) */
	int on_disk = store_stage_on_disk(s, 1) == ST_OK;
	/* every answer written refers to a response just inserted and to a
	 * question of sv: the foreign keys hold by construction, and checking
	 * them costs two lookups per answer (a quarter of the import). Outside
	 * a transaction only (inside one the pragma does nothing). */
	int fk_off = sqlite3_get_autocommit(store_db(s)) && store_exec(s, "PRAGMA foreign_keys = OFF") == ST_OK;
	rc = store_tx_begin(s, &tx);
	if (rc == ST_OK)
		rc = survey_cells_sync(s, sv);
	if (rc == ST_OK)
		rc = store_bulk_begin(s, tables, &bulk);
	char chunk[1 << 16];
	size_t n;
	while (rc == ST_OK && !im.failed && (n = fread(chunk, 1, sizeof(chunk), in)) > 0) {
		if (csv_parse(&p, chunk, n, field_cb, row_cb, &im) != n) {
			fprintf(report, "line %ld: %s\n", im.line + 1, csv_strerror(csv_error(&p)));
			rc = ST_CONFLICT;
		}
	}
	if (rc == ST_OK && ferror(in))
		rc = ST_ERR;
	if (rc == ST_OK && csv_fini(&p, field_cb, row_cb, &im) != 0) {
		fprintf(report, "line %ld: %s\n", im.line + 1, csv_strerror(csv_error(&p)));
		rc = ST_CONFLICT;
	}
	if (rc == ST_OK && im.failed)
		rc = ST_ERR;
	/* the trigger that marks the cells stale is off during the bulk load:
	 * the import writes the survey's cells itself */
	if (rc == ST_OK)
		rc = survey_cells_extend(s, sv, im.rids, im.nrids, im.cc, im.ncc);
	if (rc == ST_OK)
		rc = store_bulk_end(s, &bulk);
	else
		store_bulk_free(&bulk);
	rc = store_tx_end(s, &tx, rc);
	if (fk_off && store_exec(s, "PRAGMA foreign_keys = ON") != ST_OK)
		rc = ST_ERR;
	if (on_disk)
		store_stage_on_disk(s, 0);
	csv_free(&p);
	*rows = rc == ST_OK ? im.rows : 0;
	*bad = im.bad;
	for (size_t c = 0; c < im.ncc; c++)
		free(im.cc[c].v);
	free(im.rids);
	arena_free(keep);
	arena_free(im.a);
	return rc;
}
