/* fuzz_lss.c — `lotse survey import FILE.lss` (survey_import_lss_mem) on
 * arbitrary bytes, against an in-memory database.
 *
 * Properties: the import ends with ST_OK or ST_CONFLICT; after
 * ST_CONFLICT there is a message and nothing is stored; after ST_OK there
 * is exactly one survey, a draft, that survey_load reads whole, and the
 * database passes its foreign keys. Each run is undone (the import runs
 * inside a transaction that is rolled back). fuzz_xlsform.c is this file
 * with the XLSForm import in place of the .lss one. */
#include "fuzz.h"
#include "core/core.h"
#include "core/i18n.h"
#include "search/search.h"
#include "surveys/surveys.h"
#include "surveys/import_internal.h"

#ifndef FUZZ_IMPORT
#define FUZZ_IMPORT survey_import_lss_mem
#define FUZZ_NAME "fuzz.lss"
#endif

static struct store *db;
static FILE *devnull;

static long scalar(const char *sql)
{
	sqlite3_stmt *st = store_stmt(db, sql);
	FUZZ_CHECK(st != NULL);
	long v = store_step(st) > 0 ? (long)sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	return v;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	search_init();
	char err[300];
	if (i18n_init() != 0 || store_open(":memory:", STORE_CREATE, &db, err, sizeof(err)) != ST_OK ||
	    store_migrate(db, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "%s: setup failed: %s\n", FUZZ_NAME, err);
		abort();
	}
	devnull = fopen("/dev/null", "w");
	FUZZ_CHECK(devnull != NULL);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_copy(data, size);
	struct store_tx tx;
	FUZZ_CHECK(store_tx_begin(db, &tx) == ST_OK);
	char err[600] = "";
	int rc = FUZZ_IMPORT(db, FUZZ_NAME, in, size, devnull, err, sizeof(err));
	FUZZ_CHECK(rc == ST_OK || rc == ST_CONFLICT);
	if (rc == ST_CONFLICT) {
		FUZZ_CHECK(err[0] != '\0');
		FUZZ_CHECK(scalar("SELECT COUNT(*) FROM survey") == 0);
	} else {
		FUZZ_CHECK(scalar("SELECT COUNT(*) FROM survey WHERE status = 'draft'") == 1);
		int64_t id = scalar("SELECT id FROM survey");
		arena *a = arena_new();
		struct survey sv;
		FUZZ_CHECK(survey_load(db, a, id, &sv) == ST_OK);
		arena_free(a);
		FUZZ_CHECK(scalar("SELECT COUNT(*) FROM pragma_foreign_key_check") == 0);
	}
	store_tx_end(db, &tx, ST_ERR); /* undo */
	free(in);
	return 0;
}
