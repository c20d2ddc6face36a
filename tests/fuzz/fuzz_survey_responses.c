/* fuzz_survey_responses.c — `lotse responses import` (survey_responses_import,
 * with the header detection of responses_header.c: lotse's, LimeSurvey's and
 * KoboToolbox's CSV; seeds of each in corpus/survey_responses, survey_responses.dict)
 * on arbitrary bytes, against an in-memory database holding one survey
 * with a single choice (with "other"), a multiple choice, a number with a
 * range, an array, a yes/no and a text question.
 *
 * Properties: the import ends with ST_OK or ST_CONFLICT (not CSV); after
 * ST_CONFLICT nothing is stored; after ST_OK the responses stored are the
 * rows counted, and every stored answer is one the survey can hold: an
 * option's code of a closed question, "Y" of a multiple choice, a number
 * in the range; the database passes its foreign keys. Each run starts
 * again from no responses. */
#include "fuzz.h"
#include "core/core.h"
#include "core/i18n.h"
#include "search/search.h"
#include "surveys/surveys.h"

#include <math.h>

static struct store *db;
static struct survey sv;
static arena *keep;
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
		fprintf(stderr, "fuzz_survey_responses: setup failed: %s\n", err);
		abort();
	}
	int64_t id, page, qid;
	static const char *const oc[] = { "A1", "A2", "B1" }, *const ol[] = { "Anfang", "Etwas", "Gut" };
	static const char *const lc[] = { "1", "2", "3" }, *const ll[] = { "wenig", "mittel", "viel" };
	static const char *const sc[] = { "SQ001", "SQ002" }, *const sl[] = { "Schule", "Familie" };
	FUZZ_CHECK(survey_create(db, "f", "Fuzz", NULL, &id) == ST_OK);
	FUZZ_CHECK(survey_page_add(db, id, "S", &page) == ST_OK);
	struct survey_qspec q[] = {
		{ .page_id = page, .code = "status", .type = SQ_SINGLE, .text = "x", .opt_codes = oc, .opt_labels = ol,
		  .nopts = 3, .other = 1 },
		{ .page_id = page, .code = "hilfe", .type = SQ_MULTIPLE, .text = "x", .opt_codes = oc, .opt_labels = ol,
		  .nopts = 3, .other = 1 },
		{ .page_id = page, .code = "alter", .type = SQ_NUMBER, .text = "x", .has_min = 1, .min_value = 10,
		  .has_max = 1, .max_value = 30 },
		{ .page_id = page, .code = "zufr", .type = SQ_ARRAY, .text = "x", .opt_codes = lc, .opt_labels = ll,
		  .nopts = 3, .sub_codes = sc, .sub_labels = sl, .nsubs = 2 },
		{ .page_id = page, .code = "kontakt", .type = SQ_YESNO, .text = "x" },
		{ .page_id = page, .code = "wunsch", .type = SQ_TEXT, .text = "x" },
	};
	for (size_t i = 0; i < sizeof(q) / sizeof(q[0]); i++)
		FUZZ_CHECK(survey_question_save(db, id, &q[i], &qid) == ST_OK);
	FUZZ_CHECK(survey_activate(db, id) == ST_OK);
	keep = arena_new();
	FUZZ_CHECK(survey_load(db, keep, id, &sv) == ST_OK);
	devnull = fopen("/dev/null", "w");
	FUZZ_CHECK(devnull != NULL);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FUZZ_CHECK(store_exec(db, "DELETE FROM survey_response") == ST_OK);
	char *in = fuzz_copy(data, size);
	FILE *f = fmemopen(in, size ? size : 1, "rb");
	FUZZ_CHECK(f != NULL);
	if (!size)
		fgetc(f); /* an empty file */
	long rows = -1, bad = -1;
	int rc = survey_responses_import(db, &sv, f, getenv("FUZZ_VERBOSE") ? stderr : devnull, &rows, &bad);
	fclose(f);
	free(in);
	FUZZ_CHECK(rc == ST_OK || rc == ST_CONFLICT);
	long stored = scalar("SELECT COUNT(*) FROM survey_response");
	if (rc == ST_CONFLICT)
		FUZZ_CHECK(stored == 0 && rows == 0);
	else
		FUZZ_CHECK(stored == rows && bad >= 0);
	/* every answer is one the survey can hold: each response read back
	 * (its closed answers from the cells, the open ones from the table) */
	FUZZ_CHECK(stored == 0 || scalar("SELECT n FROM survey_cells WHERE var = '#rid'") == stored);
	sqlite3_stmt *st = store_stmt(db, "SELECT id FROM survey_response ORDER BY id");
	FUZZ_CHECK(st != NULL);
	int64_t *ids = calloc((size_t)stored + 1, sizeof(*ids));
	long nids = 0;
	int k;
	while ((k = store_step(st)) > 0 && nids < stored)
		ids[nids++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	FUZZ_CHECK(k >= 0 && nids == stored);
	for (long r = 0; r < nids; r++) {
		arena *a = arena_new();
		struct survey_answers as;
		FUZZ_CHECK(survey_response_answers(db, a, &sv, ids[r], &as) == ST_OK);
		for (size_t i = 0; i < as.n; i++) {
			const struct survey_question *q = &sv.qs[as.v[i].q];
			const char *part = as.v[i].part, *v = as.v[i].value;
			FUZZ_CHECK(utf8_count(v, strlen(v)) >= 0);
			if (strcmp(part, "other") == 0 || q->type == SQ_TEXT)
				continue;
			if (q->type == SQ_SINGLE || q->type == SQ_ARRAY)
				FUZZ_CHECK(survey_option_index(q, 0, v) >= 0 || strcmp(v, "other") == 0);
			else if (q->type == SQ_MULTIPLE)
				FUZZ_CHECK(strcmp(v, "Y") == 0 && survey_option_index(q, 0, part) >= 0);
			else if (q->type == SQ_YESNO)
				FUZZ_CHECK(strcmp(v, "Y") == 0 || strcmp(v, "N") == 0);
			else if (q->type == SQ_NUMBER) {
				char *end;
				double x = strtod(v, &end);
				FUZZ_CHECK(!*end && isfinite(x) && x >= 10 && x <= 30);
			}
		}
		arena_free(a);
	}
	free(ids);
	FUZZ_CHECK(scalar("SELECT count(*) FROM pragma_foreign_key_check") == 0);
	return 0;
}
