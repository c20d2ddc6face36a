/* test_search_engine.c — the text engine of src/search/ serving a
 * capability that is not the directory: a made-up "note" index of
 * committee papers with its own tables, triggers and source. The engine
 * must index what the source describes, follow changes the triggers
 * mark, and answer with words (stems, compounds, typos, synonyms),
 * features, a range, distance, facets, paging and title order. */
#include "search/search.h"
#include "core/core.h"
#include "../support/testdb.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct testdb tdb;
static struct store *db;

/* The capability's own table, and its index in the engine's shape (the
 * same as sql/0005_search.sql and 0009 give the offers). */
static const char schema[] =
	"CREATE TABLE paper (id TEXT PRIMARY KEY, title TEXT NOT NULL, committee TEXT NOT NULL, "
	"  body TEXT NOT NULL, year INTEGER, lat REAL, lon REAL, public INTEGER NOT NULL DEFAULT 1);"
	"CREATE TABLE note_state (id INTEGER PRIMARY KEY CHECK (id = 1), token TEXT NOT NULL, "
	"  gen INTEGER NOT NULL DEFAULT 0);"
	"INSERT INTO note_state(id, token) VALUES (1, lower(hex(randomblob(16))));"
	"CREATE TABLE note_dirty (key TEXT PRIMARY KEY) WITHOUT ROWID;"
	"CREATE TABLE note_doc (docid INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, sort_key TEXT NOT NULL, "
	"  features TEXT NOT NULL DEFAULT '', lo INTEGER, hi INTEGER, coords TEXT NOT NULL DEFAULT '', "
	"  card TEXT NOT NULL DEFAULT '');"
	"CREATE VIRTUAL TABLE note_name USING fts5(text, tokenize = 'lotse_de', detail = 'none', columnsize = 0);"
	"CREATE VIRTUAL TABLE note_head USING fts5(text, tokenize = 'lotse_de', detail = 'none', columnsize = 0);"
	"CREATE VIRTUAL TABLE note_body USING fts5(text, tokenize = 'lotse_de', detail = 'none', columnsize = 0);"
	"CREATE TABLE note_term (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE, "
	"  df_name INTEGER NOT NULL DEFAULT 0, df_head INTEGER NOT NULL DEFAULT 0, df_body INTEGER NOT NULL DEFAULT 0);"
	"CREATE VIRTUAL TABLE note_term_tri USING fts5(term, content = 'note_term', content_rowid = 'id', "
	"  tokenize = 'trigram');"
	"CREATE TRIGGER note_term_ai AFTER INSERT ON note_term BEGIN "
	"  INSERT INTO note_term_tri(rowid, term) VALUES (new.id, new.term); END;"
	"CREATE TRIGGER paper_ai AFTER INSERT ON paper BEGIN "
	"  INSERT INTO note_dirty VALUES (new.id) ON CONFLICT DO NOTHING; END;"
	"CREATE TRIGGER paper_au AFTER UPDATE ON paper BEGIN "
	"  INSERT INTO note_dirty VALUES (new.id) ON CONFLICT DO NOTHING; END;"
	"CREATE TRIGGER paper_ad AFTER DELETE ON paper BEGIN "
	"  INSERT INTO note_dirty VALUES (old.id) ON CONFLICT DO NOTHING; END;"
	"INSERT INTO paper VALUES "
	"('p1', 'Sprachförderung an Berufsschulen', 'ausschuss', 'Der Ausschuss beschließt Deutschkurse.', 2025, 49.99, 8.27, 1),"
	"('p2', 'Ausbildungsbegleitung für Geflüchtete', 'beirat', 'Mentoring in der Pflegeausbildung.', 2026, 49.48, 8.44, 1),"
	"('p3', 'Haushalt 2027', 'ausschuss', 'Mittel für Jugendberufsagentur und Sprachkurse.', 2027, NULL, NULL, 1),"
	"('p4', 'Nichtöffentliche Vorlage', 'ausschuss', 'Sprachförderung vertraulich.', 2026, 49.99, 8.27, 0);";

/* ---- the source: papers as documents ---- */

struct reader {
	struct store *s;
};

static void *src_open(struct store *s, size_t n)
{
	(void)n;
	struct reader *rd = xcalloc(1, sizeof(*rd));
	rd->s = s;
	return rd;
}

static int src_read(void *p, const char *key, struct search_doc *d)
{
	struct reader *rd = p;
	sqlite3_stmt *st = store_stmt(rd->s, "SELECT title, committee, body, year, lat, lon FROM paper "
					     "WHERE id = ? AND public = 1");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	int rc = store_step(st);
	if (rc > 0) {
		search_add(&d->text[SEARCH_TITLE], store_col_text(st, 0));
		search_add(&d->text[SEARCH_HEAD], store_col_text(st, 1));
		search_add(&d->text[SEARCH_BODY], store_col_text(st, 2));
		buf_printf(&d->features, "gremium:%s", store_col_text(st, 1));
		buf_printf(&d->card, "card of %s", key);
		d->lo = d->hi = store_col_int(st, 3);
		if (sqlite3_column_type(st, 4) != SQLITE_NULL)
			buf_printf(&d->coords, "%.4f,%.4f", sqlite3_column_double(st, 4),
				   sqlite3_column_double(st, 5));
	}
	sqlite3_reset(st);
	return rc > 0 ? ST_OK : rc == 0 ? ST_NOTFOUND : ST_ERR;
}

static void src_close(void *p)
{
	free(p);
}

static const struct search_index notes = { .prefix = "note", .open = src_open, .read = src_read, .close = src_close };

static int setup(void **state)
{
	(void)state;
	if (testdb_open(&tdb) != 0)
		return -1;
	db = tdb.s;
	return store_exec(db, schema) == ST_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return testdb_close(&tdb);
}

/* The keys of a query's page in ix, space-separated, in order. */
static const char *keys_in(arena *a, const struct search_index *ix, const struct search_query *q,
			   struct search_result *r)
{
	assert_int_equal(search_run(db, a, ix, q, r), ST_OK);
	buf b;
	buf_init(&b, 0);
	for (size_t i = 0; i < r->n_hits; i++)
		search_add(&b, r->hits[i].key);
	const char *out = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return out;
}

static const char *keys(arena *a, const struct search_query *q, struct search_result *r)
{
	return keys_in(a, &notes, q, r);
}

static void test_indexes_what_the_source_describes(void **state)
{
	(void)state;
	size_t done = 0;
	assert_int_equal(search_refresh(db, &notes, 0, &done), ST_OK);
	assert_int_equal(done, 4); /* p4 was read and left out: not public */
	arena *a = arena_new();
	struct search_result r;
	struct search_query q = { .value = -1 };
	assert_string_equal(keys(a, &q, &r), "p2 p3 p1"); /* title order */
	assert_int_equal(r.total, 3);
	/* each hit carries what its source put on its card */
	assert_string_equal(r.hits[0].card, "card of p2");
	assert_string_equal(r.hits[2].card, "card of p1");
	assert_int_equal(search_facet_count(&r, "gremium:ausschuss"), 2);
	assert_int_equal(search_facet_count(&r, "gremium:beirat"), 1);
	char token[40];
	assert_true(search_version(db, &notes, token) > 0);
	assert_int_equal(strlen(token), 32);
	arena_free(a);
}

static void test_words_in_their_forms(void **state)
{
	(void)state;
	arena *a = arena_new();
	struct search_result r;
	/* a stem, and the title ranks first; the thesaurus's synonym
	 * "Sprachkurs" finds p3 too */
	struct search_query q = { .text = "Sprachförderung", .value = -1 };
	assert_string_equal(keys(a, &q, &r), "p1 p3");
	assert_true(r.hits[0].score > 0);
	/* a compound part: "ausbildung" in "Pflegeausbildung", "Ausbildungsbegleitung" */
	q.text = "ausbildung";
	assert_string_equal(keys(a, &q, &r), "p2");
	/* one typo away, reported as corrected */
	q.text = "Haushallt";
	assert_string_equal(keys(a, &q, &r), "p3");
	assert_int_equal(r.n_corrected, 1);
	assert_string_equal(r.corrected[0], "haushallt");
	/* the shared synonyms: a change renews every index's snapshot */
	q.text = "dk";
	assert_string_equal(keys(a, &q, &r), "");
	assert_int_equal(search_synonym_set(db, "dk", "deutschkurse", 1), ST_OK);
	assert_int_equal(search_synonym_set(db, "dk", "deutschkurse", 1), ST_OK); /* once */
	assert_string_equal(keys(a, &q, &r), "p1");
	struct search_synonym *syn;
	size_t n_syn, found = 0;
	assert_int_equal(search_synonym_list(db, a, &syn, &n_syn), ST_OK);
	for (size_t i = 0; i < n_syn; i++) {
		found += strcmp(syn[i].term, "dk") == 0 && strcmp(syn[i].expansion, "deutschkurse") == 0;
		if (i > 0) /* by term, then expansion */
			assert_true(strcmp(syn[i - 1].term, syn[i].term) < 0 ||
				    (strcmp(syn[i - 1].term, syn[i].term) == 0 &&
				     strcmp(syn[i - 1].expansion, syn[i].expansion) < 0));
	}
	assert_int_equal(found, 1);
	assert_int_equal(search_synonym_set(db, "dk", "deutschkurse", 0), ST_OK);
	assert_string_equal(keys(a, &q, &r), "");
	/* no document has every word: the best part of them, the word
	 * left out said (the one in a title counts more than a compound in
	 * a text) */
	q.text = "Sprachförderung Pflege";
	assert_string_equal(keys(a, &q, &r), "p1 p3");
	assert_int_equal(r.n_dropped, 1);
	assert_string_equal(r.dropped[0], "pflege");
	/* every word that matches counts: nothing is left out here */
	q.text = "Sprachförderung Ausschuss";
	assert_string_equal(keys(a, &q, &r), "p1 p3");
	assert_int_equal(r.n_dropped, 0);
	arena_free(a);
}

static void test_features_range_and_distance(void **state)
{
	(void)state;
	arena *a = arena_new();
	struct search_result r;
	struct search_query q = { .features = { "gremium:ausschuss" }, .n_features = 1, .value = -1 };
	assert_string_equal(keys(a, &q, &r), "p3 p1");
	q.value = 2027;
	assert_string_equal(keys(a, &q, &r), "p3");
	q.features[1] = "jahr:nirgends"; /* an unknown feature: nothing */
	q.n_features = 2;
	assert_string_equal(keys(a, &q, &r), "");
	/* two of one group: either will do (OR); the counts of the group's
	 * features are those with the other groups only */
	q.value = -1;
	q.features[1] = "gremium:beirat";
	assert_string_equal(keys(a, &q, &r), "p2 p3 p1"); /* title order */
	assert_int_equal(search_facet_count(&r, "gremium:ausschuss"), 2);
	assert_int_equal(search_facet_count(&r, "gremium:beirat"), 1);
	q.features[1] = "gremium:nirgends";
	assert_string_equal(keys(a, &q, &r), "p3 p1");
	/* within 10 km of Mainz: p1; p2 is in Ludwigshafen, p3 has no place */
	struct search_query near = { .value = -1, .near = 1, .lat = 49.998, .lon = 8.271, .radius_km = 10 };
	assert_string_equal(keys(a, &near, &r), "p1");
	assert_true(r.hits[0].distance_km >= 0 && r.hits[0].distance_km < 1);
	near.radius_km = 80; /* nearest first */
	assert_string_equal(keys(a, &near, &r), "p1 p2");
	assert_true(r.hits[0].distance_km < r.hits[1].distance_km);
	/* a hit's features */
	assert_int_equal(r.hits[1].n_features, 1);
	assert_string_equal(r.hits[1].features[0], "gremium:beirat");
	/* the same circle again after p2 moved to Mainz and p1 away: the
	 * documents within it are those of the new snapshot, not of the one
	 * the circle was asked on first */
	assert_int_equal(store_exec(db, "UPDATE paper SET lat = 49.99, lon = 8.27 WHERE id = 'p2'; "
					"UPDATE paper SET lat = 52.52, lon = 13.40 WHERE id = 'p1'"), ST_OK);
	assert_string_equal(keys(a, &near, &r), "p2");
	near.radius_km = 10;
	assert_string_equal(keys(a, &near, &r), "p2");
	assert_int_equal(store_exec(db, "UPDATE paper SET lat = 49.48, lon = 8.44 WHERE id = 'p2'; "
					"UPDATE paper SET lat = 49.99, lon = 8.27 WHERE id = 'p1'"), ST_OK);
	assert_string_equal(keys(a, &near, &r), "p1");
	arena_free(a);
}

static void test_paging(void **state)
{
	(void)state;
	arena *a = arena_new();
	struct search_result r;
	struct search_query q = { .value = -1, .offset = 1, .limit = 1 };
	assert_string_equal(keys(a, &q, &r), "p3");
	assert_int_equal(r.total, 3);
	q.offset = 3;
	assert_string_equal(keys(a, &q, &r), "");
	arena_free(a);
}

static void test_follows_changes(void **state)
{
	(void)state;
	arena *a = arena_new();
	struct search_result r;
	struct search_query q = { .text = "Wohnraum", .value = -1 };
	assert_string_equal(keys(a, &q, &r), "");
	/* the triggers mark, the next query indexes first */
	assert_int_equal(store_exec(db, "UPDATE paper SET body = 'Wohnraum für Auszubildende' WHERE id = 'p3'"),
			 ST_OK);
	assert_true(search_version(db, &notes, (char[40]){ 0 }) < 0); /* waiting: no caching */
	assert_string_equal(keys(a, &q, &r), "p3");
	assert_int_equal(store_exec(db, "UPDATE paper SET public = 0 WHERE id = 'p3'"), ST_OK);
	assert_string_equal(keys(a, &q, &r), "");
	assert_int_equal(store_exec(db, "UPDATE paper SET public = 1 WHERE id = 'p4'"), ST_OK);
	q.text = "vertraulich";
	assert_string_equal(keys(a, &q, &r), "p4");
	/* a rebuild reads every key again and gives the same answers */
	size_t done = 0;
	assert_int_equal(search_rebuild(db, &notes, "SELECT id FROM paper", &done), ST_OK);
	assert_int_equal(done, 4);
	assert_string_equal(keys(a, &q, &r), "p4");
	struct search_query all = { .value = -1 };
	assert_string_equal(keys(a, &all, &r), "p2 p4 p1");
	arena_free(a);
}

/* What a query gives, all of it: keys with scores, total, facets. */
static const char *answer(arena *a, const struct search_query *q)
{
	struct search_result r;
	assert_int_equal(search_run(db, a, &notes, q, &r), ST_OK);
	buf b;
	buf_init(&b, 0);
	buf_printf(&b, "%zu:", r.total);
	for (size_t i = 0; i < r.n_hits; i++)
		buf_printf(&b, " %s=%.0f", r.hits[i].key, r.hits[i].score);
	for (size_t i = 0; i < r.n_facets; i++)
		buf_printf(&b, " %s#%zu", r.facets[i].key, r.facets[i].count);
	const char *out = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return out;
}

/* A running server's indexer: it follows each change by updating its
 * snapshot (the changed documents and their words only), and what the
 * updated snapshot answers is what one read whole answers. */
static void test_indexer_updates_its_snapshot(void **state)
{
	(void)state;
	arena *a = arena_new();
	setenv("LOTSE_SEARCH_WAIT_MS", "20000", 1);
	char path[128];
	snprintf(path, sizeof(path), "%s/t.db", tdb.dir);
	const struct search_index *kept = &notes;
	struct search_indexer *x = search_indexer_start(path, &kept, 1);
	assert_non_null(x);
	struct search_query q = { .text = "Pflegeausbildung", .value = -1 };
	assert_string_equal(keys(a, &q, &(struct search_result){ 0 }), "p2");
	/* a new document, a changed one, one gone, one no longer public */
	assert_int_equal(store_exec(db, "INSERT INTO paper VALUES ('p5', 'Pflegeausbildung in Teilzeit', 'beirat', "
					"'Zeppelinstudie zur Ausbildung.', 2028, 49.5, 8.4, 1)"), ST_OK);
	/* only the indexer indexes: a refresh asked on another thread (a
	 * request's) wakes it and indexes nothing itself */
	size_t done = 99;
	assert_int_equal(search_refresh(db, &notes, 0, &done), ST_OK);
	assert_int_equal(done, 0);
	assert_string_equal(keys(a, &q, &(struct search_result){ 0 }), "p5 p2");
	assert_int_equal(store_exec(db, "UPDATE paper SET body = 'Begleitung', title = 'Zeppelin' "
					"WHERE id = 'p2'"), ST_OK);
	assert_string_equal(keys(a, &q, &(struct search_result){ 0 }), "p5");
	q.text = "Zeppelin";
	assert_string_equal(keys(a, &q, &(struct search_result){ 0 }), "p2 p5");
	assert_int_equal(store_exec(db, "DELETE FROM paper WHERE id = 'p1'"), ST_OK);
	assert_int_equal(store_exec(db, "UPDATE paper SET public = 0 WHERE id = 'p4'"), ST_OK);
	q.text = "Sprachförderung";
	assert_string_equal(keys(a, &q, &(struct search_result){ 0 }), "");
	struct search_query qs[] = {
		{ .value = -1 },
		{ .text = "Ausbildung", .value = -1 },
		{ .text = "Zeppelin", .value = -1, .features = { "gremium:beirat" }, .n_features = 1 },
		{ .value = 2028, .near = 1, .lat = 49.5, .lon = 8.4, .radius_km = 10 },
	};
	const char *updated[NELEM(qs)];
	for (size_t i = 0; i < NELEM(qs); i++)
		updated[i] = answer(a, &qs[i]);
	assert_string_equal(updated[0], "2: p5=0 p2=0 gremium:beirat#2");
	search_indexer_stop(x);
	/* read whole */
	assert_int_equal(search_rebuild(db, &notes, "SELECT id FROM paper", NULL), ST_OK);
	for (size_t i = 0; i < NELEM(qs); i++)
		assert_string_equal(answer(a, &qs[i]), updated[i]);
	unsetenv("LOTSE_SEARCH_WAIT_MS");
	arena_free(a);
}

/* A second index of the same papers ("memo"), made from the first's
 * tables and triggers. */
static const struct search_index memos = { .prefix = "memo", .open = src_open, .read = src_read, .close = src_close };

static void make_memos(void)
{
	const char *from = strstr(schema, "CREATE TABLE note_state"), *to = strstr(schema, "INSERT INTO paper VALUES");
	buf b;
	buf_init(&b, 0);
	for (const char *p = from; p < to; p++) {
		if (strncmp(p, "note_", 5) == 0) {
			buf_puts(&b, "memo_");
			p += 4;
		} else if (strncmp(p, "TRIGGER paper_", 14) == 0) {
			buf_puts(&b, "TRIGGER memo_paper_");
			p += 13;
		} else {
			buf_putc(&b, *p);
		}
	}
	buf_puts(&b, "INSERT INTO memo_dirty SELECT id FROM paper;");
	assert_int_equal(store_exec(db, buf_str(&b)), ST_OK);
	buf_free(&b);
}

/* One indexer keeps two indexes: each is searched from its snapshot,
 * no search indexes, and a new synonym reaches both. */
static void test_one_indexer_two_indexes(void **state)
{
	(void)state;
	arena *a = arena_new();
	setenv("LOTSE_SEARCH_WAIT_MS", "20000", 1);
	make_memos();
	char path[128];
	snprintf(path, sizeof(path), "%s/t.db", tdb.dir);
	const struct search_index *kept[] = { &notes, &memos };
	struct search_indexer *x = search_indexer_start(path, kept, NELEM(kept));
	assert_non_null(x);
	assert_true(search_indexer_running(&notes) && search_indexer_running(&memos));
	struct search_query q = { .text = "Zeppelin", .value = -1 };
	const char *zeppelin = keys_in(a, &notes, &q, &(struct search_result){ 0 });
	assert_true(*zeppelin);
	assert_string_equal(keys_in(a, &memos, &q, &(struct search_result){ 0 }), zeppelin);
	q.text = "Luftschiff";
	assert_string_equal(keys_in(a, &notes, &q, &(struct search_result){ 0 }), "");
	assert_string_equal(keys_in(a, &memos, &q, &(struct search_result){ 0 }), "");
	assert_int_equal(search_synonym_set(db, "luftschiff", "zeppelin", 1), ST_OK);
	assert_string_equal(keys_in(a, &notes, &q, &(struct search_result){ 0 }), zeppelin);
	assert_string_equal(keys_in(a, &memos, &q, &(struct search_result){ 0 }), zeppelin);
	/* a change to a paper: both follow; a refresh asked here indexes nothing */
	assert_int_equal(store_exec(db, "UPDATE paper SET title = 'Hafenkonzept' WHERE id = 'p5'"), ST_OK);
	size_t done = 99;
	assert_int_equal(search_refresh(db, &memos, 0, &done), ST_OK);
	assert_int_equal(done, 0);
	q.text = "Hafenkonzept";
	assert_string_equal(keys_in(a, &notes, &q, &(struct search_result){ 0 }), "p5");
	assert_string_equal(keys_in(a, &memos, &q, &(struct search_result){ 0 }), "p5");
	search_indexer_stop(x);
	assert_false(search_indexer_running(&memos));
	unsetenv("LOTSE_SEARCH_WAIT_MS");
	arena_free(a);
}

/* "Meinten Sie": the typo written as a text writes the word, without
 * the quotation marks around it there; the query's other words, spaces
 * and punctuation as typed; nothing when no text has the word. */
static void test_suggest_as_written(void **state)
{
	(void)state;
	arena *a = arena_new();
	const char *stem = search_normalize(db, a, "Ausbildung", 1), *typed = search_normalize(db, a, "Ausbilding", 0);
	struct search_result r = { .corrected = &typed, .n_corrected = 1, .corrected_to = &stem };
	const char *texts[] = { NULL, "Die „Ausbildung“ beginnt.", "Ausbildungen" };
	assert_string_equal(search_suggest(db, a, "Ausbilding  Mainz", &r, texts, 3), "Ausbildung  Mainz");
	/* only the word is replaced: the punctuation and a compound's other part stay */
	assert_string_equal(search_suggest(db, a, "„Ausbilding“, Mainz", &r, texts, 3), "„Ausbildung“, Mainz");
	assert_string_equal(search_suggest(db, a, "Ausbilding-Kurs", &r, texts, 3), "Ausbildung-Kurs");
	const char *arabic[] = { "«Ausbildung»؟" };
	assert_string_equal(search_suggest(db, a, "ausbilding", &r, arabic, 1), "Ausbildung");
	const char *none[] = { "Sprachkurs für Auszubildende" };
	assert_null(search_suggest(db, a, "Ausbilding", &r, none, 1));
	arena_free(a);
}

int main(void)
{
	search_init(); /* the schema needs its tokenizer */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_indexes_what_the_source_describes),
		cmocka_unit_test(test_words_in_their_forms),
		cmocka_unit_test(test_features_range_and_distance),
		cmocka_unit_test(test_paging),
		cmocka_unit_test(test_follows_changes),
		cmocka_unit_test(test_indexer_updates_its_snapshot),
		cmocka_unit_test(test_one_indexer_two_indexes),
		cmocka_unit_test(test_suggest_as_written),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
