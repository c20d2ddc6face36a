/* search_index.c — keeping the search index current: the offers recorded
 * in search_dirty are read and written again into search_doc (filter
 * values), search_name/head/body (words) and search_term (vocabulary
 * with counts). */
#include "directory/search/search_internal.h"
#include "directory/languages.h"
#include "core/buf.h"
#include "core/core.h"
#include "core/strmap.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the batch's changes to the vocabulary's counts ---- */

struct tdelta {
	int d[ST__N];          /* change of the count per table */
	int64_t stamp[ST__N];  /* last (offer, old/new) counted: once per offer */
};

/* The counts of term (n bytes), new ones zero and never stamped. */
static struct tdelta *tdelta_of(struct strmap *m, const char *term, size_t n)
{
	void **v = strmap_slot(m, term, n);
	if (!*v) {
		struct tdelta *e = xcalloc(1, sizeof(*e));
		for (int t = 0; t < ST__N; t++)
			e->stamp[t] = -1;
		*v = e;
	}
	return *v;
}

/* ---- the terms, read once per batch ---- */

struct term_info {
	char *id, *taxonomy, *code, *name, *labels;
};

static int term_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct term_info *)elem)->id);
}

/* ---- one offer ---- */

struct indexer {
	struct store *s;
	struct term_info *terms; /* by id (BINARY order: strcmp's) */
	size_t nterms;
	struct search_tok *tok;
	struct strmap counts;    /* term -> struct tdelta */
	int64_t stamp, serial;  /* this offer's old or new text: counted once */
	enum search_table table;
	int sign;
	buf sort;               /* folded name */
};

static const char *const fts_insert[ST__N] = {
	"INSERT INTO search_name(rowid, text) VALUES (?, ?)",
	"INSERT INTO search_head(rowid, text) VALUES (?, ?)",
	"INSERT INTO search_body(rowid, text) VALUES (?, ?)",
};
static const char *const fts_delete[ST__N] = {
	"DELETE FROM search_name WHERE rowid = ?",
	"DELETE FROM search_head WHERE rowid = ?",
	"DELETE FROM search_body WHERE rowid = ?",
};

/* Count a token once per offer and table (the hook of the FTS5 insert or
 * delete that reads it). */
static int count_token(void *p, const char *fold, size_t nf, const char *stem, size_t ns)
{
	(void)fold;
	(void)nf;
	struct indexer *ix = p;
	struct tdelta *e = tdelta_of(&ix->counts, stem, ns);
	if (e->stamp[ix->table] != ix->stamp) {
		e->stamp[ix->table] = ix->stamp;
		e->d[ix->table] += ix->sign;
	}
	return 0;
}

/* Step an FTS5 insert or delete of table t with the counting hook set. */
static int counted(struct indexer *ix, sqlite3_stmt *st, enum search_table t, int sign, int64_t stamp)
{
	ix->table = t;
	ix->sign = sign;
	ix->stamp = stamp;
	search_tok_hook(count_token, ix);
	int rc = store_exec_stmt(ix->s, st);
	search_tok_hook(NULL, NULL);
	return rc;
}

/* The sort key: the name's folded words. */
static int sort_token(void *p, const char *fold, size_t nf, const char *stem, size_t ns)
{
	(void)stem;
	(void)ns;
	buf *b = p;
	if (b->len)
		buf_putc(b, ' ');
	buf_append(b, fold, nf);
	return 0;
}

static void add(buf *b, const char *s)
{
	if (!s || !*s)
		return;
	if (b->len)
		buf_putc(b, ' ');
	buf_puts(b, s);
}

struct doc {
	buf text[ST__N], features, coords;
	int min_age, max_age, free_of_charge;
};

static int load_terms(struct indexer *ix)
{
	sqlite3_stmt *st = store_stmt(ix->s, "SELECT t.id, t.taxonomy, t.code, t.name, (SELECT group_concat(lb.name, "
					     "' ') FROM taxonomy_term_label lb WHERE lb.term_id = t.id) "
					     "FROM taxonomy_term t ORDER BY t.id");
	if (!st)
		return ST_ERR;
	size_t cap = 0;
	int rc;
	while ((rc = store_step(st)) > 0) {
		ix->terms = xgrow(ix->terms, ix->nterms, &cap, sizeof(*ix->terms), 128);
		struct term_info *t = &ix->terms[ix->nterms++];
		t->id = xstrdup(store_col_text(st, 0));
		t->taxonomy = xstrdup(store_col_text(st, 1));
		t->code = xstrdup(store_col_text(st, 2));
		t->name = xstrdup(store_col_text(st, 3));
		t->labels = xstrdup(store_col_text(st, 4));
	}
	sqlite3_reset(st);
	return rc == 0 ? ST_OK : ST_ERR;
}

static void free_terms(struct indexer *ix)
{
	for (size_t i = 0; i < ix->nterms; i++) {
		struct term_info *t = &ix->terms[i];
		free(t->id);
		free(t->taxonomy);
		free(t->code);
		free(t->name);
		free(t->labels);
	}
	free(ix->terms);
}

/* ---- reading the batch: one query per kind of data for all offers of
 * the batch (the first ?1 ids of search_dirty, in order), walked side by
 * side with the offers, instead of four queries per offer ---- */

#define BATCH "(SELECT service_id FROM search_dirty ORDER BY service_id LIMIT ?1)"

enum { R_SERVICE, R_TERMS, R_LANGS, R_PLACES, R__N };

static const char *const reader_sql[R__N] = {
	[R_SERVICE] = "SELECT s.id, s.name, s.alternate_name, s.description, s.eligibility_description, "
		      "s.application_process, s.fees_description, s.interpretation_services, s.minimum_age, "
		      "s.maximum_age, s.free_of_charge, o.name, o.alternate_name, "
		      "s.status = 'active' AND s.archived = 0 AND s.merged_into IS NULL AND o.archived = 0 "
		      "AND o.merged_into IS NULL "
		      "FROM service s JOIN organization o ON o.id = s.organization_id WHERE s.id IN " BATCH
		      " ORDER BY s.id",
	/* terms of the offer and of its public locations */
	[R_TERMS] = "SELECT link_id, taxonomy_term_id FROM attribute WHERE link_entity = 'service' AND link_id IN " BATCH
		    " UNION SELECT sal.service_id, at.taxonomy_term_id FROM service_at_location sal "
		    "JOIN location l ON l.id = sal.location_id AND l.confidential = 0 "
		    "JOIN attribute at ON at.link_entity = 'location' AND at.link_id = sal.location_id "
		    "WHERE sal.service_id IN " BATCH " ORDER BY 1, 2",
	[R_LANGS] = "SELECT DISTINCT service_id, lower(code), name FROM language WHERE service_id IN " BATCH
		    " ORDER BY 1, 2, 3",
	/* public locations only: a protected address gives no place, no distance */
	[R_PLACES] = "SELECT sal.service_id, l.name, l.latitude, l.longitude, ad.city, ad.region, ad.postal_code "
		     "FROM service_at_location sal JOIN location l ON l.id = sal.location_id "
		     "LEFT JOIN address ad ON ad.location_id = l.id "
		     "WHERE sal.service_id IN " BATCH " AND l.confidential = 0 ORDER BY 1, l.id",
};

struct reader {
	sqlite3_stmt *st[R__N];
	int row[R__N]; /* the statement stands on a row */
	int failed;
};

static int next(struct reader *rd, int k);

static int reader_open(struct store *s, struct reader *rd, sqlite3_int64 limit)
{
	for (int k = 0; k < R__N; k++) {
		rd->st[k] = store_stmt(s, reader_sql[k]);
		if (!rd->st[k])
			return ST_ERR;
	}
	for (int k = 0; k < R__N; k++) {
		sqlite3_bind_int64(rd->st[k], 1, limit);
		int rc = store_step(rd->st[k]);
		rd->row[k] = rc > 0;
		if (rc < 0)
			return ST_ERR;
	}
	return ST_OK;
}

static void reader_close(struct reader *rd)
{
	for (int k = 0; k < R__N; k++)
		if (rd->st[k])
			sqlite3_reset(rd->st[k]);
}

/* Is statement k on a row of offer id? Rows of offers before id (none are
 * expected: every statement reads the same batch in the same order) are
 * passed over. */
static int on(struct reader *rd, int k, const char *id)
{
	while (rd->row[k]) {
		int c = strcmp(store_col_text(rd->st[k], 0), id);
		if (c == 0)
			return 1;
		if (c > 0)
			return 0;
		if (!next(rd, k))
			return 0;
	}
	return 0;
}

static int next(struct reader *rd, int k)
{
	int rc = store_step(rd->st[k]);
	rd->row[k] = rc > 0;
	if (rc < 0)
		rd->failed = 1;
	return rd->row[k];
}

/* Read what is searchable about offer id (the next of the batch) into d.
 * ST_OK, ST_NOTFOUND (gone or not public) or ST_ERR. */
static int read_doc(const struct indexer *ix, struct reader *rd, const char *id, struct doc *d)
{
	int found = on(rd, R_SERVICE, id) && sqlite3_column_int(rd->st[R_SERVICE], 13);
	if (found) {
		sqlite3_stmt *st = rd->st[R_SERVICE];
		add(&d->text[ST_NAME], store_col_text(st, 1));
		add(&d->text[ST_NAME], store_col_text(st, 2));
		for (int i = 3; i <= 7; i++)
			add(&d->text[ST_BODY], store_col_text(st, i));
		d->min_age = store_col_int(st, 8);
		d->max_age = store_col_int(st, 9);
		d->free_of_charge = sqlite3_column_int(st, 10);
		add(&d->text[ST_HEAD], store_col_text(st, 11));
		add(&d->text[ST_HEAD], store_col_text(st, 12));
	}
	/* the rows of the other statements are passed either way */
	for (; on(rd, R_TERMS, id); next(rd, R_TERMS)) {
		const struct term_info *t = bsearch(store_col_text(rd->st[R_TERMS], 1), ix->terms, ix->nterms,
						    sizeof(*ix->terms), term_cmp);
		if (!found || !t)
			continue;
		add(&d->text[ST_HEAD], t->name);
		add(&d->text[ST_HEAD], t->labels);
		if (d->features.len)
			buf_putc(&d->features, ' ');
		buf_printf(&d->features, "%s:%s", t->taxonomy, t->code);
	}
	for (; on(rd, R_LANGS, id); next(rd, R_LANGS)) {
		sqlite3_stmt *st = rd->st[R_LANGS];
		const char *code = store_col_text(st, 1);
		if (!found)
			continue;
		add(&d->text[ST_HEAD], store_col_text(st, 2));
		add(&d->text[ST_HEAD], dir_language_name(code, "de"));
		add(&d->text[ST_HEAD], dir_language_name(code, "en"));
		if (d->features.len)
			buf_putc(&d->features, ' ');
		buf_printf(&d->features, "lang:%s", code);
	}
	for (; on(rd, R_PLACES, id); next(rd, R_PLACES)) {
		sqlite3_stmt *st = rd->st[R_PLACES];
		if (!found)
			continue;
		for (int i = 4; i <= 6; i++)
			add(&d->text[ST_BODY], store_col_text(st, i));
		add(&d->text[ST_BODY], store_col_text(st, 1));
		if (sqlite3_column_type(st, 2) != SQLITE_NULL && sqlite3_column_type(st, 3) != SQLITE_NULL) {
			if (d->coords.len)
				buf_putc(&d->coords, ';');
			buf_printf(&d->coords, "%.6f,%.6f", sqlite3_column_double(st, 2),
				   sqlite3_column_double(st, 3));
		}
	}
	if (found)
		next(rd, R_SERVICE);
	if (rd->failed)
		return ST_ERR;
	return found ? ST_OK : ST_NOTFOUND;
}

/* Take the offer's old words out of the counts and the tables. */
static int drop_words(struct indexer *ix, sqlite3_int64 docid)
{
	struct store *s = ix->s;
	int64_t stamp = ++ix->serial;
	for (int t = 0; t < ST__N; t++) {
		/* FTS5 reads the stored text to take its words out: counted down */
		sqlite3_stmt *st = store_stmt(s, fts_delete[t]);
		if (!st)
			return ST_ERR;
		sqlite3_bind_int64(st, 1, docid);
		if (counted(ix, st, (enum search_table)t, -1, stamp) != ST_OK)
			return ST_ERR;
	}
	return ST_OK;
}

static int write_doc(struct indexer *ix, sqlite3_int64 docid, const char *id, const struct doc *d)
{
	struct store *s = ix->s;
	sqlite3_stmt *st;
	buf_reset(&ix->sort);
	const char *name = buf_str(&d->text[ST_NAME]);
	search_tok_run(ix->tok, name, strlen(name), sort_token, &ix->sort);

	if (docid) {
		st = store_stmt(s, "UPDATE search_doc SET sort_key = ?2, features = ?3, minimum_age = ?4, "
				   "maximum_age = ?5, free_of_charge = ?6, coords = ?7 WHERE docid = ?1");
		if (!st)
			return ST_ERR;
		sqlite3_bind_int64(st, 1, docid);
	} else {
		st = store_stmt(s, "INSERT INTO search_doc(service_id, sort_key, features, minimum_age, "
				   "maximum_age, free_of_charge, coords) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
		if (!st)
			return ST_ERR;
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	}
	sqlite3_bind_text(st, 2, buf_str(&ix->sort), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, buf_str(&d->features), -1, SQLITE_TRANSIENT);
	if (d->min_age >= 0)
		sqlite3_bind_int(st, 4, d->min_age);
	if (d->max_age >= 0)
		sqlite3_bind_int(st, 5, d->max_age);
	sqlite3_bind_int(st, 6, d->free_of_charge);
	sqlite3_bind_text(st, 7, buf_str(&d->coords), -1, SQLITE_TRANSIENT);
	if (store_exec_stmt(s, st) != ST_OK)
		return ST_ERR;
	if (!docid)
		docid = sqlite3_last_insert_rowid(store_db(s));
	int64_t stamp = ++ix->serial;
	for (int t = 0; t < ST__N; t++) {
		st = store_stmt(s, fts_insert[t]);
		if (!st)
			return ST_ERR;
		sqlite3_bind_int64(st, 1, docid);
		sqlite3_bind_text(st, 2, buf_str(&d->text[t]), -1, SQLITE_STATIC);
		if (counted(ix, st, (enum search_table)t, +1, stamp) != ST_OK)
			return ST_ERR;
	}
	return ST_OK;
}

static int index_one(struct indexer *ix, struct reader *rd, const char *id)
{
	struct store *s = ix->s;
	sqlite3_int64 docid = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT docid FROM search_doc WHERE service_id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	int k = store_step(st);
	if (k > 0)
		docid = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (k < 0)
		return ST_ERR;

	struct doc d = { .min_age = -1, .max_age = -1 };
	buf *bufs[] = { &d.text[0], &d.text[1], &d.text[2], &d.features, &d.coords };
	for (size_t i = 0; i < NELEM(bufs); i++)
		buf_init(bufs[i], 0);
	int rc = docid ? drop_words(ix, docid) : ST_OK;
	int found = rc == ST_OK ? read_doc(ix, rd, id, &d) : rc;
	if (found == ST_OK) {
		rc = write_doc(ix, docid, id, &d);
	} else if (found == ST_NOTFOUND && docid) {
		st = store_stmt(s, "DELETE FROM search_doc WHERE docid = ?");
		rc = st ? (sqlite3_bind_int64(st, 1, docid), store_exec_stmt(s, st)) : ST_ERR;
	} else if (found != ST_NOTFOUND) {
		rc = ST_ERR;
	}
	for (size_t i = 0; i < NELEM(bufs); i++)
		buf_free(bufs[i]);
	return rc;
}

/* Write the batch's count changes into the vocabulary. */
static int flush_counts(struct indexer *ix)
{
	const char *term;
	void *v;
	for (size_t i = 0; strmap_next(&ix->counts, &i, &term, &v);) {
		const struct tdelta *e = v;
		if (e->d[0] == 0 && e->d[1] == 0 && e->d[2] == 0)
			continue;
		sqlite3_stmt *st = store_stmt(ix->s,
			"INSERT INTO search_term(term, df_name, df_head, df_body) "
			"VALUES (?1, max(?2, 0), max(?3, 0), max(?4, 0)) ON CONFLICT(term) DO UPDATE SET "
			"df_name = max(0, df_name + ?2), df_head = max(0, df_head + ?3), "
			"df_body = max(0, df_body + ?4)");
		if (!st)
			return ST_ERR;
		sqlite3_bind_text(st, 1, term, -1, SQLITE_STATIC);
		for (int t = 0; t < ST__N; t++)
			sqlite3_bind_int(st, 2 + t, e->d[t]);
		if (store_exec_stmt(ix->s, st) != ST_OK)
			return ST_ERR;
	}
	return ST_OK;
}

int dir_search_refresh(struct store *s, size_t limit, size_t *done)
{
	struct store_tx tx;
	int rc = ST_ERR;
	size_t n = 0, cap = 0;
	char **ids = NULL;
	struct indexer ix = { .s = s };
	buf_init(&ix.sort, 0);
	if (done)
		*done = 0;
	if (store_tx_begin(s, &tx) != ST_OK)
		goto out_free;
	sqlite3_stmt *st = store_stmt(s, "SELECT service_id FROM search_dirty ORDER BY service_id LIMIT ?");
	if (!st)
		goto out;
	sqlite3_bind_int64(st, 1, limit ? (sqlite3_int64)limit : -1);
	int k;
	while ((k = store_step(st)) > 0) {
		ids = xgrow(ids, n, &cap, sizeof(*ids), 64);
		ids[n++] = xstrdup(store_col_text(st, 0));
	}
	sqlite3_reset(st);
	if (k < 0)
		goto out;
	rc = ST_OK;
	if (n == 0)
		goto out;
	ix.tok = search_tok_new(s);
	if (!ix.tok || load_terms(&ix) != ST_OK) {
		rc = ST_ERR;
		goto out;
	}
	/* a big batch reads much of the database: a page cache of 64 MB at least */
	st = store_stmt(s, "PRAGMA cache_size");
	k = st ? store_step(st) : -1;
	sqlite3_int64 cache = k > 0 ? sqlite3_column_int64(st, 0) : -2000;
	if (st)
		sqlite3_reset(st);
	if (k < 0) {
		rc = ST_ERR;
		goto out;
	}
	int bigger = n > 1000 && cache < 0 && cache > -65536; /* negative: KiB (we set no page counts) */
	if (bigger)
		store_exec(s, "PRAGMA cache_size = -65536");
	struct reader rd = { 0 };
	rc = reader_open(s, &rd, (sqlite3_int64)n);
	for (size_t i = 0; i < n && rc == ST_OK; i++)
		rc = index_one(&ix, &rd, ids[i]);
	reader_close(&rd);
	if (bigger) {
		char *restore = sqlite3_mprintf("PRAGMA cache_size = %lld", (long long)cache);
		store_exec(s, restore);
		sqlite3_free(restore);
	}
	/* the batch is the first n ids in order: done with all up to the last */
	st = rc == ST_OK ? store_stmt(s, "DELETE FROM search_dirty WHERE service_id <= ?") : NULL;
	if (st) {
		sqlite3_bind_text(st, 1, ids[n - 1], -1, SQLITE_STATIC);
		rc = store_exec_stmt(s, st);
	} else {
		rc = ST_ERR;
	}
	if (rc == ST_OK)
		rc = flush_counts(&ix);
	if (rc == ST_OK)
		rc = store_exec(s, "UPDATE search_state SET gen = gen + 1");
	if (rc == ST_OK && done)
		*done = n;
out:
	rc = store_tx_end(s, &tx, rc);
	if (rc != ST_OK)
		log_error("search: re-indexing failed");
out_free:
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	if (ix.tok)
		search_tok_free(ix.tok);
	strmap_free(&ix.counts, free);
	free_terms(&ix);
	buf_free(&ix.sort);
	return rc;
}

int dir_search_rebuild(struct store *s, size_t *done)
{
	struct store_tx tx;
	if (store_tx_begin(s, &tx) != ST_OK)
		return ST_ERR;
	int rc = store_exec(s, "DELETE FROM search_name; DELETE FROM search_head; DELETE FROM search_body; "
			       "DELETE FROM search_doc; DELETE FROM search_term; "
			       "INSERT INTO search_term_tri(search_term_tri) VALUES ('delete-all'); "
			       "INSERT OR IGNORE INTO search_dirty SELECT id FROM service;");
	if (rc == ST_OK)
		rc = dir_search_refresh(s, 0, done);
	return store_tx_end(s, &tx, rc);
}
