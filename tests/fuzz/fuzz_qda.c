/* fuzz_qda.c — the REFI-QDA reader (.qdpx zip, .qde, .qdc) on arbitrary
 * bytes: iv_qda_check alone, then iv_qda_import into an in-memory
 * database inside a transaction that is rolled back afterwards.
 *
 * Properties: check and import agree on what is malformed; a refused file
 * stores nothing; an accepted one makes exactly one project, whose codings
 * all lie inside their document's text and whose codes all belong to it;
 * after the rollback no row is left. */
#include "fuzz.h"
#include "core/buf.h"
#include "interviews/interviews.h"
#include "search/search.h"

#include <libxml/parser.h>

static struct store *db;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	search_init(); /* the schema needs its tokenizer */
	xmlInitParser();
	char err[300];
	if (store_open(":memory:", STORE_CREATE, &db, err, sizeof(err)) != ST_OK ||
	    store_migrate(db, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "fuzz_qda: setup failed: %s\n", err);
		abort();
	}
	return 0;
}

static long scalar(const char *sql)
{
	sqlite3_stmt *st = store_stmt(db, sql);
	FUZZ_CHECK(st && store_step(st) > 0);
	long n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_copy(data, size);
	char err[300];
	int checked = iv_qda_check(in, size, err, sizeof(err));
	FUZZ_CHECK(checked == ST_OK || checked == ST_ERR);
	FUZZ_CHECK(store_begin(db) == ST_OK);
	buf report;
	buf_init(&report, 1 << 16);
	int64_t id = 0;
	struct iv_qda_counts c;
	int rc = iv_qda_import(db, in, size, 0, &id, &c, &report, err, sizeof(err));
	if (rc == ST_OK) {
		FUZZ_CHECK(checked == ST_OK);
		FUZZ_CHECK(scalar("SELECT count(*) FROM iv_project") == 1);
		FUZZ_CHECK(scalar("SELECT count(*) FROM iv_coding g JOIN iv_document d ON d.id = g.doc_id "
				  "WHERE g.start < 0 OR g.\"end\" > d.nchars OR g.\"end\" <= g.start") == 0);
		FUZZ_CHECK(scalar("SELECT count(*) FROM iv_coding g JOIN iv_document d ON d.id = g.doc_id "
				  "JOIN iv_code k ON k.id = g.code_id WHERE k.project_id <> d.project_id") == 0);
		FUZZ_CHECK(scalar("SELECT count(*) FROM iv_document") == c.docs);
		FUZZ_CHECK(scalar("SELECT count(*) FROM iv_coding") == c.codings);
	} else {
		FUZZ_CHECK(rc == ST_ERR && checked == ST_ERR);
		FUZZ_CHECK(scalar("SELECT count(*) FROM iv_project") == 0);
	}
	buf_free(&report);
	store_rollback(db);
	FUZZ_CHECK(scalar("SELECT count(*) FROM iv_project") == 0);
	free(in);
	return 0;
}
