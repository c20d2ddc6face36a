/* fuzz_hsds.c — the HSDS importer (dir_hsds_import) on arbitrary CSV
 * bytes, against an in-memory database holding one provider, location,
 * offer and the default taxonomies (so references can resolve).
 *
 * The first byte chooses the file: its low 7 bits index dir_hsds_tables (the
 * rest is that file); with the high bit set, the rest is split at '\f'
 * into files for organizations, locations, services, service_at_location,
 * phones, addresses, attributes and taxonomy_terms in this order. Each
 * import runs inside a transaction that is rolled back afterwards.
 *
 * Properties: the import never fails as a whole (ST_OK); a problem count
 * above zero comes with at least as many report lines; when there is no
 * problem, every row of the chosen table is in the database afterwards;
 * after the rollback the fixture is unchanged. FUZZ_HSDS_VERBOSE=1 prints
 * each import's report. */
#include "fuzz.h"
#include "search/search.h"
#include "core/core.h"
#include "core/csvio.h"
#include "core/i18n.h"
#include "directory/directory.h"
#include "directory/hsds/hsds_internal.h"

#include <ctype.h>

static struct store *db;

#define ORG "0aaaaaaa-0000-4000-8000-000000000001"
#define LOC "0bbbbbbb-0000-4000-8000-000000000001"
#define SVC "0ccccccc-0000-4000-8000-000000000001"

static const struct dir_hsds_file fixture[] = {
	{ "organizations.csv", "id,name\n" ORG ",Fuzz-Träger\n", 0 },
	{ "locations.csv", "id,organization_id,name,latitude,longitude\n" LOC "," ORG ",Ort,50,8.2\n", 0 },
	{ "services.csv", "id,organization_id,name\n" SVC "," ORG ",Angebot\n", 0 },
	{ "service_at_location.csv", "id,service_id,location_id\n0ddddddd-0000-4000-8000-000000000001," SVC "," LOC "\n", 0 },
};

static const char *const exists_sql[HT__COUNT] = {
	[HT_TAXONOMY] = "SELECT count(*) FROM taxonomy WHERE id = ?",
	[HT_TERM] = "SELECT count(*) FROM taxonomy_term WHERE id = ?",
	[HT_ORG] = "SELECT count(*) FROM organization WHERE id = ?",
	[HT_LOCATION] = "SELECT count(*) FROM location WHERE id = ?",
	[HT_ADDRESS] = "SELECT count(*) FROM address WHERE id = ?",
	[HT_SERVICE] = "SELECT count(*) FROM service WHERE id = ?",
	[HT_SAL] = "SELECT count(*) FROM service_at_location WHERE id = ?",
	[HT_CONTACT] = "SELECT count(*) FROM contact WHERE id = ?",
	[HT_PHONE] = "SELECT count(*) FROM phone WHERE id = ?",
	[HT_SCHEDULE] = "SELECT count(*) FROM schedule WHERE id = ?",
	[HT_LANGUAGE] = "SELECT count(*) FROM language WHERE id = ?",
	[HT_COST] = "SELECT count(*) FROM cost_option WHERE id = ?",
	[HT_FUNDING] = "SELECT count(*) FROM funding WHERE id = ?",
	[HT_AREA] = "SELECT count(*) FROM service_area WHERE id = ?",
	[HT_ATTRIBUTE] = "SELECT count(*) FROM attribute WHERE id = ?",
	[HT_METADATA] = "SELECT count(*) FROM metadata WHERE id = ?",
};

static long scalar(const char *sql, const char *arg)
{
	sqlite3_stmt *st = store_stmt(db, sql);
	FUZZ_CHECK(st != NULL);
	if (arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
	long v = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	return v;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	search_init(); /* the schema needs its tokenizer */
	(void)argc, (void)argv;
	char err[300];
	if (i18n_init() != 0 || store_open(":memory:", STORE_CREATE, &db, err, sizeof(err)) != ST_OK ||
	    store_migrate(db, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "fuzz_hsds: setup failed: %s\n", err);
		abort();
	}
	struct dir_hsds_file f[NELEM(fixture)];
	for (size_t i = 0; i < NELEM(fixture); i++) {
		f[i] = fixture[i];
		f[i].len = strlen(f[i].data);
	}
	buf report;
	buf_init(&report, 0);
	struct dir_hsds_import_result res;
	if (dir_hsds_import(db, f, NELEM(f), &report, &res) != ST_OK || res.nerrors) {
		fprintf(stderr, "fuzz_hsds: fixture refused:\n%s", buf_str(&report));
		abort();
	}
	buf_free(&report);
	return 0;
}

/* When the import took the offers' translations, every (service, language) is stored. */
static void check_translations(const char *data, size_t len)
{
	arena *a = arena_new();
	struct csvio_table t;
	char err[200];
	long line;
	if (csvio_parse(a, data, len, &t, err, sizeof(err), &line) == 0 && t.header) {
		int sc = -1, lc = -1;
		for (size_t k = 0; k < t.ncols; k++) {
			if (strcmp(t.header[k], "service_id") == 0)
				sc = (int)k;
			if (strcmp(t.header[k], "language") == 0)
				lc = (int)k;
		}
		for (size_t r = 0; sc >= 0 && lc >= 0 && r < t.nrows; r++) {
			char *id = arena_strdup(a, t.rows[r].cells[sc]);
			for (char *p = id; *p; p++)
				*p = (char)tolower((unsigned char)*p);
			sqlite3_stmt *st = store_stmt(db, "SELECT count(*) FROM service_translation WHERE service_id = ? "
							  "AND lang = ?");
			FUZZ_CHECK(st != NULL);
			sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 2, t.rows[r].cells[lc], -1, SQLITE_TRANSIENT);
			long n = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
			sqlite3_reset(st);
			if (n != 1) {
				fprintf(stderr, "translation row %ld (%s) was not stored\n", t.rows[r].line, id);
				abort();
			}
		}
	}
	arena_free(a);
}

/* When the import took the file, every id of its rows is stored. */
static void check_stored(int ti, const char *data, size_t len)
{
	if (ti == HT_TRANSLATION) {
		check_translations(data, len);
		return;
	}
	if (!exists_sql[ti])
		return;
	arena *a = arena_new();
	struct csvio_table t;
	char err[200];
	long line;
	if (csvio_parse(a, data, len, &t, err, sizeof(err), &line) == 0 && t.header) {
		int idc = -1;
		for (size_t k = 0; k < t.ncols; k++)
			if (strcmp(t.header[k], "id") == 0)
				idc = (int)k;
		for (size_t r = 0; idc >= 0 && r < t.nrows; r++) {
			char *id = arena_strdup(a, t.rows[r].cells[idc]);
			for (char *p = id; *p; p++)
				*p = (char)tolower((unsigned char)*p);
			if (scalar(exists_sql[ti], id) != 1) {
				fprintf(stderr, "row %ld (%s) of %s was not stored\n", t.rows[r].line, id,
					dir_hsds_tables[ti].file);
				abort();
			}
		}
	}
	arena_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	static const int order[] = { HT_ORG, HT_LOCATION, HT_SERVICE, HT_SAL, HT_PHONE, HT_ADDRESS, HT_ATTRIBUTE,
				     HT_TERM };
	struct dir_hsds_file files[NELEM(order)];
	size_t n = 0;
	int single = -1;
	char *copy = fuzz_copy(data + 1, size - 1);
	const char *p = copy, *end = copy + size - 1;
	if (data[0] & 0x80) {
		while (n < NELEM(order)) {
			const char *ff = memchr(p, '\f', (size_t)(end - p));
			const char *stop = ff ? ff : end;
			files[n] = (struct dir_hsds_file){ dir_hsds_tables[order[n]].file, p, (size_t)(stop - p) };
			n++;
			if (!ff)
				break;
			p = ff + 1;
		}
	} else {
		single = data[0] % HT__COUNT;
		files[n++] = (struct dir_hsds_file){ dir_hsds_tables[single].file, copy, size - 1 };
	}
	FUZZ_CHECK(store_begin(db) == ST_OK);
	buf report;
	buf_init(&report, 0);
	struct dir_hsds_import_result res;
	int rc = dir_hsds_import(db, files, n, &report, &res);
	FUZZ_CHECK(rc == ST_OK);
	if (getenv("FUZZ_HSDS_VERBOSE")) /* to see why an input was refused */
		fprintf(stderr, "%ld problems, %ld notes\n%s", res.nerrors, res.nnotes, buf_str(&report));
	long lines = 0;
	for (const char *q = buf_str(&report); *q; q++)
		lines += *q == '\n';
	FUZZ_CHECK(lines >= res.nerrors + res.nnotes);
	if (res.nerrors == 0 && single >= 0 && dir_hsds_tables[single].stored)
		check_stored(single, copy, size - 1);
	store_rollback(db);
	FUZZ_CHECK(scalar("SELECT count(*) FROM service", NULL) == 1);
	FUZZ_CHECK(scalar("SELECT count(*) FROM organization", NULL) == 1);
	buf_free(&report);
	free(copy);
	return 0;
}
