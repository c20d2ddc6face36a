/* test_finder_big.c — the public finder on a directory big enough for the
 * search's "few results among many offers" paths (issue #9): 3,000 offers
 * imported with `lotse import offers` beside the demo offers, of which a
 * small group in Pashto in Mainz-Finthen (where no demo offer is) for 16
 * to 27 year-olds. An age filter alone once wrote
 * past an array there and took the server down with one GET; here every
 * filter combination around it must answer 200 with the right offers, and
 * the server must still answer afterwards. */
#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_OFFERS 3000
#define N_GROUP 45 /* Pashto, Mainz-Finthen, 16-27: 45 * 32 < 3,000 + demo */

static struct server srv;

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* The spreadsheet: offer i < N_GROUP is "Zielgruppe Paschtu NN" in Pashto
 * in Mainz-Finthen for 16-27; the others "Füllangebot NNNN" in German
 * elsewhere without ages. */
static int write_csv(const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fputs("Träger;Angebot;Beschreibung;Stadtteil/Ort;Sprachen;Alter von;Alter bis;kostenlos\n", f);
	for (int i = 0; i < N_OFFERS; i++) {
		if (i < N_GROUP)
			fprintf(f, "Träger %d;Zielgruppe Paschtu %02d;Ein Angebot für die Prüfung.;mainz-finthen;ps;16;27;%s\n",
				i % 7, i, i % 2 ? "ja" : "nein");
		else
			fprintf(f, "Träger %d;Füllangebot %04d;Ein anderes Angebot.;mainz-neustadt;de;;;nein\n", i % 50, i);
	}
	return fclose(f) == 0 ? 0 : -1;
}

static int group_setup(void **state)
{
	(void)state;
	if (harness_group_setup(&srv, NULL, NULL) != 0 || server_stop(&srv) != 0)
		return -1;
	char csv[400];
	snprintf(csv, sizeof(csv), "%s/big.csv", srv.dir);
	if (write_csv(csv) != 0)
		return -1;
	buf out = { 0 };
	int rc = run_lotse(&out, "import", "offers", "--db", srv.db, csv, NULL);
	if (rc != 0)
		fprintf(stderr, "import: %s\n", out.data ? out.data : "");
	buf_free(&out);
	return rc == 0 && server_restart(&srv) == 0 ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	return harness_group_teardown(&srv, NULL);
}

static void get_ok(const char *path, struct reply *r)
{
	memset(r, 0, sizeof(*r));
	assert_int_equal(http_get(&srv, path, r), 0);
	assert_int_equal(r->status, 200);
}

/* The URL of the issue, and its neighbours: 200, the right offers. */
static void test_age_filter_with_few_results(void **state)
{
	(void)state;
	struct reply r;
	get_ok("/angebote?sprache=fa&alter=24&ort=mainz-mombach&seite=3", &r);
	reply_free(&r);
	get_ok("/angebote?sprache=ps&alter=24&ort=mainz-finthen&seite=3", &r);
	assert_contains(r.body.data, "45 Angebote");
	assert_int_equal(count(r.body.data, "Zielgruppe Paschtu "), 5); /* 40..44 */
	assert_contains(r.body.data, "Zielgruppe Paschtu 44");
	reply_free(&r);

	get_ok("/angebote?alter=24&ort=mainz-finthen", &r);
	assert_contains(r.body.data, "45 Angebote");
	assert_contains(r.body.data, "Zielgruppe Paschtu 00");
	assert_int_equal(count(r.body.data, "Zielgruppe Paschtu "), 20);
	reply_free(&r);

	get_ok("/angebote?alter=24&ort=mainz-finthen&kostenlos=1&seite=2", &r);
	assert_contains(r.body.data, "22 Angebote"); /* the odd ones */
	assert_int_equal(count(r.body.data, "Zielgruppe Paschtu "), 2);
	reply_free(&r);

	/* an age outside the group's range leaves nothing of it */
	get_ok("/angebote?alter=30&ort=mainz-finthen", &r);
	assert_int_equal(count(r.body.data, "Zielgruppe Paschtu "), 0);
	reply_free(&r);

	/* and the server still answers */
	get_ok("/angebote?alter=24", &r);
	assert_contains(r.body.data, "Angebote gefunden");
	reply_free(&r);
}

/* Every page of the age-filtered group in name order, each offer once. */
static void test_pages_in_name_order(void **state)
{
	(void)state;
	int seen[N_GROUP] = { 0 };
	for (int page = 1; page <= 3; page++) {
		char path[120];
		snprintf(path, sizeof(path), "/angebote?alter=17&ort=mainz-finthen&seite=%d", page);
		struct reply r;
		get_ok(path, &r);
		int last = -1;
		for (const char *p = r.body.data; (p = strstr(p, "Zielgruppe Paschtu ")); p += 19) {
			int k = atoi(p + 19);
			assert_true(k >= 0 && k < N_GROUP);
			assert_true(k > last); /* name order */
			last = k;
			seen[k]++;
		}
		reply_free(&r);
	}
	for (int k = 0; k < N_GROUP; k++)
		assert_int_equal(seen[k], 1);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		harness_bin = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_age_filter_with_few_results),
		cmocka_unit_test(test_pages_in_name_order),
	};
	int failed = cmocka_run_group_tests_name("finder_big", tests, group_setup, group_teardown);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
