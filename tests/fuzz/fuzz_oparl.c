/* fuzz_oparl.c — the OParl importer (pol_import_text) on arbitrary bytes,
 * against an in-memory database, each import inside a transaction that
 * is rolled back afterwards.
 *
 * Properties: the import never fails as a whole (ST_OK); no more rows are
 * stored than objects were imported, and no more objects imported than the
 * text holds; a text that is no JSON imports nothing and has its report
 * line; after the rollback no row is left. FUZZ_OPARL_VERBOSE=1 prints each report. */
#include "fuzz.h"
#include "search/search.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "policy/policy.h"

#include <jansson.h>

static struct store *db;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	search_init(); /* the schema needs its tokenizer */
	char err[300];
	if (i18n_init() != 0 || store_open(":memory:", STORE_CREATE, &db, err, sizeof(err)) != ST_OK ||
	    store_migrate(db, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "fuzz_oparl: setup failed: %s\n", err);
		abort();
	}
	return 0;
}

static long rows(void)
{
	sqlite3_stmt *st = store_stmt(db, "SELECT (SELECT count(*) FROM pol_body) + (SELECT count(*) FROM pol_meeting) "
					  "+ (SELECT count(*) FROM pol_paper)");
	FUZZ_CHECK(st && store_step(st) > 0);
	long n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_copy(data, size);
	buf report;
	buf_init(&report, 0);
	long imported = -1;
	FUZZ_CHECK(store_begin(db) == ST_OK);
	int rc = pol_import_text(db, "fuzz.json", text, size, &imported, &report);
	FUZZ_CHECK(rc == ST_OK);
	FUZZ_CHECK(imported >= 0);
	FUZZ_CHECK(rows() <= imported); /* an id seen twice is one row, updated */
	/* every object not imported has its line */
	size_t lines = 0;
	for (const char *p = buf_str(&report); *p; p++)
		lines += *p == '\n';
	json_t *j = json_loadb(text, size, JSON_REJECT_DUPLICATES, NULL);
	if (j) {
		json_t *d = json_is_object(j) ? json_object_get(j, "data") : NULL;
		size_t objects = json_is_array(d) ? json_array_size(d) : json_is_array(j) ? json_array_size(j) : 1;
		(void)objects; /* objects of other OParl types are skipped without a line */
		FUZZ_CHECK((size_t)imported <= objects);
		json_decref(j);
	} else {
		FUZZ_CHECK(lines >= 1 && imported == 0);
	}
	if (getenv("FUZZ_OPARL_VERBOSE"))
		fprintf(stderr, "%s", buf_str(&report));
	store_rollback(db);
	FUZZ_CHECK(rows() == 0);
	buf_free(&report);
	free(text);
	return 0;
}
