/* documents.c — the offers as documents of the text engine (src/search/):
 * an offer's document is its name (title); its taxonomy terms in every
 * language, its languages and its provider (head); descriptions and
 * places (body); features "taxonomy:code", "lang:xx" and "free"; its ages
 * as the range; the coordinates of its public places; and its card, what
 * a result shows. Only public offers are documents (active, not archived,
 * not merged, the provider neither). The triggers of sql/0005_search.sql
 * record which offers changed; the index's upkeep from here. */
#include "directory/search/search_internal.h"
#include "directory/languages.h"
#include "core/core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the documents: one query per kind of data for all offers of a
 * batch (the first ?1 keys of search_dirty, in order), walked side by side
 * with the offers, instead of four queries per offer ---- */

#define BATCH "(SELECT key FROM search_dirty ORDER BY key LIMIT ?1)"

enum { R_SERVICE, R_TERMS, R_LANGS, R_PLACES, R_TRANS, R__N };

static const char *const reader_sql[R__N] = {
	[R_SERVICE] = "SELECT s.id, s.name, s.alternate_name, s.description, s.eligibility_description, "
		      "s.application_process, s.fees_description, s.interpretation_services, s.minimum_age, "
		      "s.maximum_age, s.free_of_charge, o.name, o.alternate_name, "
		      "s.status = 'active' AND s.archived = 0 AND s.merged_into IS NULL AND o.archived = 0 "
		      "AND o.merged_into IS NULL, "
		      /* the offer's translations (sql/0017): their names in the head, their short
		       * descriptions in the body (how to apply, mostly "call or write", is left
		       * out: it matched everything about post and phones) */
		      "(SELECT group_concat(t.name, ' ') FROM service_translation t WHERE t.service_id = s.id), "
		      "(SELECT group_concat(t.description, ' ') "
		      "FROM service_translation t WHERE t.service_id = s.id), "
		      /* for the card */
		      "s.organization_id, s.delivery, s.assured_date "
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
	/* the translated names and short descriptions, for the card */
	[R_TRANS] = "SELECT service_id, lang, name, description FROM service_translation WHERE service_id IN " BATCH
		    " ORDER BY 1, 2",
};

/* A taxonomy term with its labels, read once per batch. */
struct term_info {
	char *id, *taxonomy, *code, *name, *labels;
};

struct reader {
	sqlite3_stmt *st[R__N];
	int row[R__N]; /* the statement stands on a row */
	int failed;
	struct term_info *terms; /* by id (BINARY order: strcmp's) */
	size_t nterms;
};

static int term_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct term_info *)elem)->id);
}

static int load_terms(struct store *s, struct reader *rd)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT t.id, t.taxonomy, t.code, t.name, (SELECT group_concat(lb.name, "
					 "' ') FROM taxonomy_term_label lb WHERE lb.term_id = t.id) "
					 "FROM taxonomy_term t ORDER BY t.id");
	if (!st)
		return ST_ERR;
	size_t cap = 0;
	int rc;
	while ((rc = store_step(st)) > 0) {
		rd->terms = xgrow(rd->terms, rd->nterms, &cap, sizeof(*rd->terms), 128);
		struct term_info *t = &rd->terms[rd->nterms++];
		t->id = xstrdup(store_col_text(st, 0));
		t->taxonomy = xstrdup(store_col_text(st, 1));
		t->code = xstrdup(store_col_text(st, 2));
		t->name = xstrdup(store_col_text(st, 3));
		t->labels = xstrdup(store_col_text(st, 4));
	}
	sqlite3_reset(st);
	return rc == 0 ? ST_OK : ST_ERR;
}

static void reader_close(void *p)
{
	struct reader *rd = p;
	for (int k = 0; k < R__N; k++)
		if (rd->st[k])
			sqlite3_reset(rd->st[k]);
	for (size_t i = 0; i < rd->nterms; i++) {
		struct term_info *t = &rd->terms[i];
		free(t->id);
		free(t->taxonomy);
		free(t->code);
		free(t->name);
		free(t->labels);
	}
	free(rd->terms);
	free(rd);
}

static void *reader_open(struct store *s, size_t n)
{
	struct reader *rd = xcalloc(1, sizeof(*rd));
	int rc = load_terms(s, rd);
	for (int k = 0; k < R__N && rc == ST_OK; k++)
		if (!(rd->st[k] = store_stmt(s, reader_sql[k])))
			rc = ST_ERR;
	for (int k = 0; k < R__N && rc == ST_OK; k++) {
		sqlite3_bind_int64(rd->st[k], 1, (sqlite3_int64)n);
		int step = store_step(rd->st[k]);
		rd->row[k] = step > 0;
		if (step < 0)
			rc = ST_ERR;
	}
	if (rc != ST_OK) {
		reader_close(rd);
		return NULL;
	}
	return rd;
}

static int next(struct reader *rd, int k)
{
	int rc = store_step(rd->st[k]);
	rd->row[k] = rc > 0;
	if (rc < 0)
		rd->failed = 1;
	return rd->row[k];
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

/* ---- an offer's card: what a result shows, kept with its document
 * (search_doc.card, sql/0044) so that a page of results reads no table.
 * Each field followed by CARD_SEP: name, provider id, provider name, short
 * description, free of charge (0/1), minimum and maximum age (-1: not
 * stated), delivery, date of the last check ("": none); then per
 * translation its language, name and short description ("": none). */

#define SUMMARY_MAX 220 /* bytes of the short description */


/* The start of text, whitespace collapsed, cut at a word near max bytes. */
static const char *summary(char *out, const char *text, size_t max)
{
	size_t n = strlen(text), o = 0;
	int space = 0;
	size_t cut = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
			space = o > 0;
			continue;
		}
		if (space) {
			if (o + 1 > max)
				goto cut;
			cut = o;
			out[o++] = ' ';
			space = 0;
		}
		if (o + 1 > max)
			goto cut;
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return out;
cut:
	o = cut ? cut : o;
	while (o > 0 && ((unsigned char)out[o] & 0xC0) == 0x80)
		o--; /* never half a character */
	memcpy(out + o, "…", sizeof("…"));
	return out;
}

/* Append a field and its separator to the card: text as it is, or
 * (max > 0) its start as summary() cuts it; a separator in it becomes a
 * space. */
static void card_field(buf *card, const char *text, size_t max)
{
	char cut[SUMMARY_MAX + 4];
	if (max)
		text = summary(cut, text, max);
	for (const char *p = text; *p; p++)
		buf_putc(card, *p == CARD_SEP ? ' ' : *p);
	buf_putc(card, CARD_SEP);
}

/* The card's fields of the offer R_SERVICE stands on. */
static void put_card(buf *card, sqlite3_stmt *st)
{
	char num[3][16];
	snprintf(num[0], sizeof(num[0]), "%d", sqlite3_column_int(st, 10) != 0);
	snprintf(num[1], sizeof(num[1]), "%d", store_col_int(st, 8));
	snprintf(num[2], sizeof(num[2]), "%d", store_col_int(st, 9));
	const char *f[C__N] = { store_col_text(st, 1), store_col_text(st, 16), store_col_text(st, 11),
				store_col_text(st, 3), num[0], num[1], num[2], store_col_text(st, 17),
				store_col_text(st, 18) };
	buf_reset(card);
	for (int i = 0; i < C__N; i++)
		card_field(card, f[i], i == C_SUMMARY ? SUMMARY_MAX : 0);
}

/* Describe offer id (the next of the batch) into d. ST_OK, ST_NOTFOUND
 * (gone or not public) or ST_ERR. */
static int reader_read(void *p, const char *id, struct search_doc *d)
{
	struct reader *rd = p;
	int found = on(rd, R_SERVICE, id) && sqlite3_column_int(rd->st[R_SERVICE], 13);
	if (found) {
		sqlite3_stmt *st = rd->st[R_SERVICE];
		search_add(&d->text[SEARCH_TITLE], store_col_text(st, 1));
		search_add(&d->text[SEARCH_TITLE], store_col_text(st, 2));
		for (int i = 3; i <= 7; i++)
			search_add(&d->text[SEARCH_BODY], store_col_text(st, i));
		d->lo = store_col_int(st, 8);
		d->hi = store_col_int(st, 9);
		if (sqlite3_column_int(st, 10))
			search_add(&d->features, "free");
		search_add(&d->text[SEARCH_HEAD], store_col_text(st, 11));
		search_add(&d->text[SEARCH_HEAD], store_col_text(st, 12));
		search_add(&d->text[SEARCH_HEAD], store_col_text(st, 14));
		search_add(&d->text[SEARCH_BODY], store_col_text(st, 15));
	}
	/* the rows of the other statements are passed either way */
	for (; on(rd, R_TERMS, id); next(rd, R_TERMS)) {
		const struct term_info *t = bsearch(store_col_text(rd->st[R_TERMS], 1), rd->terms, rd->nterms,
						    sizeof(*rd->terms), term_cmp);
		if (!found || !t)
			continue;
		search_add(&d->text[SEARCH_HEAD], t->name);
		search_add(&d->text[SEARCH_HEAD], t->labels);
		if (d->features.len)
			buf_putc(&d->features, ' ');
		buf_printf(&d->features, "%s:%s", t->taxonomy, t->code);
	}
	for (; on(rd, R_LANGS, id); next(rd, R_LANGS)) {
		sqlite3_stmt *st = rd->st[R_LANGS];
		const char *code = store_col_text(st, 1);
		if (!found)
			continue;
		search_add(&d->text[SEARCH_HEAD], store_col_text(st, 2));
		search_add(&d->text[SEARCH_HEAD], dir_language_name(code, "de"));
		search_add(&d->text[SEARCH_HEAD], dir_language_name(code, "en"));
		if (d->features.len)
			buf_putc(&d->features, ' ');
		buf_printf(&d->features, "lang:%s", code);
	}
	for (; on(rd, R_PLACES, id); next(rd, R_PLACES)) {
		sqlite3_stmt *st = rd->st[R_PLACES];
		if (!found)
			continue;
		for (int i = 4; i <= 6; i++)
			search_add(&d->text[SEARCH_BODY], store_col_text(st, i));
		search_add(&d->text[SEARCH_BODY], store_col_text(st, 1));
		if (sqlite3_column_type(st, 2) != SQLITE_NULL && sqlite3_column_type(st, 3) != SQLITE_NULL) {
			if (d->coords.len)
				buf_putc(&d->coords, ';');
			buf_printf(&d->coords, "%.6f,%.6f", sqlite3_column_double(st, 2),
				   sqlite3_column_double(st, 3));
		}
	}
	if (found)
		put_card(&d->card, rd->st[R_SERVICE]);
	for (; on(rd, R_TRANS, id); next(rd, R_TRANS)) {
		sqlite3_stmt *st = rd->st[R_TRANS];
		if (!found)
			continue;
		const char *desc = store_col_text(st, 3);
		card_field(&d->card, store_col_text(st, 1), 0);
		card_field(&d->card, store_col_text(st, 2), 0);
		card_field(&d->card, desc, *desc ? SUMMARY_MAX : 0);
	}
	if (found)
		next(rd, R_SERVICE);
	if (rd->failed)
		return ST_ERR;
	return found ? ST_OK : ST_NOTFOUND;
}

const struct search_index dir_search_offers_index = {
	.prefix = "search",
	.open = reader_open,
	.read = reader_read,
	.close = reader_close,
	.extra_load = dir_search_names_load,
	.extra_free = dir_search_names_free,
};

int dir_search_refresh(struct store *s, size_t limit, size_t *done)
{
	return search_refresh(s, &dir_search_offers_index, limit, done);
}

int dir_search_rebuild(struct store *s, size_t *done)
{
	return search_rebuild(s, &dir_search_offers_index, "SELECT id FROM service", done);
}

const struct search_index *dir_search_index(void)
{
	return &dir_search_offers_index;
}

int64_t dir_search_version(struct store *s, char token[40])
{
	return search_version(s, &dir_search_offers_index, token);
}


/* The search index for every changed offer, in batches of a transaction
 * each, so that other writers wait for one batch at most, never for all:
 * a batch is sized to take about REFRESH_TARGET_US (as the publication's
 * chunks in store/stage.c), whatever the machine's speed or load, with a
 * pause after it in which a waiting writer gets the lock. */
#define REFRESH_FIRST 200
#define REFRESH_MIN 20
#define REFRESH_MAX 5000
#define REFRESH_TARGET_US 100000
#define REFRESH_GAP_US 20000

int dir_search_catch_up(struct store *s, size_t *indexed)
{
	size_t n, batch = REFRESH_FIRST;
	int rc;
	*indexed = 0;
	for (;;) {
		int64_t t0 = core_mono_us();
		n = 0;
		rc = dir_search_refresh(s, batch, &n);
		*indexed += n;
		if (rc != ST_OK || n < batch)
			break;
		int64_t took = core_mono_us() - t0;
		batch = (size_t)((int64_t)batch * REFRESH_TARGET_US / (took > 1000 ? took : 1000));
		batch = batch < REFRESH_MIN ? REFRESH_MIN : batch > REFRESH_MAX ? REFRESH_MAX : batch;
		struct timespec gap = { 0, REFRESH_GAP_US * 1000L };
		nanosleep(&gap, NULL);
	}
	return rc;
}
