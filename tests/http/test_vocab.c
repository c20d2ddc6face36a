/* test_vocab.c — editors keep the taxonomy terms and the search synonyms. */
#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

static struct server srv;
static struct agent editor; /* signed in as the demo editor */

static void test_terms(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_http(&srv, &editor, "GET", "/intern/kategorien", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "Sprachförderung");
	reply_free(&r);
	/* rename the English label of "Geflüchtete" */
	char path[128];
	long have = db_scalar(&srv, "SELECT count(*) FROM taxonomy_term WHERE code = 'gefluechtete'");
	assert_int_equal(have, 1);
	assert_int_equal(agent_http(&srv, &editor, "GET", "/intern/kategorien", NULL, NULL, &r), 0);
	const char *b = buf_str(&r.body);
	const char *at = strstr(b, "Kurzname: gefluechtete");
	assert_non_null(at);
	const char *act = b;
	const char *form = NULL;
	while ((act = strstr(act, "action=\"/intern/kategorien/")) && act < at) {
		form = act;
		act++;
	}
	assert_non_null(form);
	assert_int_equal(sscanf(form, "action=\"%127[^\"]\"", path), 1);
	reply_free(&r);
	assert_int_equal(agent_post(&srv, &editor, path, "name=Gefl%C3%BCchtete&name_en=People+who+fled", &r), 0);
	assert_int_equal(r.status, 303);
	reply_free(&r);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM taxonomy_term_label WHERE name = 'People who fled'"), 1);
	assert_int_equal(agent_http(&srv, &editor, "GET", "/angebote?lang=en", NULL, NULL, &r), 0);
	assert_contains(buf_str(&r.body), "People who fled");
	reply_free(&r);
	/* an empty German name is refused, nothing changes */
	assert_int_equal(agent_http(&srv, &editor, "GET", "/intern/kategorien?lang=de", NULL, NULL, &r), 0);
	reply_free(&r);
	assert_int_equal(agent_post(&srv, &editor, path, "name=&name_en=x", &r), 0);
	assert_int_equal(r.status, 422);
	reply_free(&r);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM taxonomy_term WHERE name = 'Geflüchtete'"), 1);
	/* a new term: a bad short name, then a good one */
	char body[256];
	long tax = db_scalar(&srv, "SELECT count(*) FROM taxonomy");
	assert_true(tax >= 5);
	assert_int_equal(agent_http(&srv, &editor, "GET", "/intern/kategorien", NULL, NULL, &r), 0);
	char taxid[40];
	const char *opt = strstr(buf_str(&r.body), "<option value=\"");
	assert_non_null(opt);
	assert_int_equal(sscanf(opt, "<option value=\"%36[0-9a-f-]\"", taxid), 1);
	reply_free(&r);
	snprintf(body, sizeof(body), "taxonomy=%s&code=Mit+Leerzeichen&name=Test", taxid);
	assert_int_equal(agent_post(&srv, &editor, "/intern/kategorien/neu", body, &r), 0);
	assert_int_equal(r.status, 422);
	reply_free(&r);
	agent_http(&srv, &editor, "GET", "/intern/kategorien", NULL, NULL, &r);
	reply_free(&r);
	snprintf(body, sizeof(body), "taxonomy=%s&code=nachbarschaft&name=Nachbarschaft&name_en=Neighbourhood", taxid);
	assert_int_equal(agent_post(&srv, &editor, "/intern/kategorien/neu", body, &r), 0);
	assert_int_equal(r.status, 303);
	reply_free(&r);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM taxonomy_term WHERE code = 'nachbarschaft'"), 1);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM audit_log WHERE action IN ('term_save', 'term_add')"), 2);
}

static size_t count_str(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static void test_synonyms(void **state)
{
	(void)state;
	struct reply r;
	/* thousands with the thesaurus: the first 200, and a search */
	assert_int_equal(agent_http(&srv, &editor, "GET", "/intern/suchwoerter", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "Gezeigt sind die ersten 200 von ");
	assert_true(count_str(buf_str(&r.body), "/intern/suchwoerter/loeschen") == 200);
	reply_free(&r);
	assert_int_equal(agent_http(&srv, &editor, "GET", "/intern/suchwoerter?suche=JMD", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "jugendmigrationsdienst");
	assert_contains(buf_str(&r.body), "Suchwörter enthalten „JMD“.");
	reply_free(&r);
	assert_int_equal(agent_http(&srv, &editor, "GET", "/intern/suchwoerter?suche=german+course", NULL, NULL, &r), 0);
	assert_contains(buf_str(&r.body), "<td>german course</td><td>deutschkurs</td>");
	reply_free(&r);
	/* before: a word no offer uses finds nothing */
	assert_int_equal(agent_http(&srv, &editor, "GET", "/angebote?q=Werkstattkurs", NULL, NULL, &r), 0);
	assert_contains(buf_str(&r.body), ">0 Angebote gefunden<");
	reply_free(&r);
	agent_http(&srv, &editor, "GET", "/intern/suchwoerter", NULL, NULL, &r);
	reply_free(&r);
	assert_int_equal(agent_post(&srv, &editor, "/intern/suchwoerter", "term=Werkstattkurs&expansion=bewerbungstraining", &r), 0);
	assert_int_equal(r.status, 303);
	reply_free(&r);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM search_synonym WHERE term = 'werkstattkurs'"), 1);
	assert_int_equal(agent_http(&srv, &editor, "GET", "/angebote?q=Werkstattkurs", NULL, NULL, &r), 0);
	assert_contains(buf_str(&r.body), "Bewerbungstraining");
	reply_free(&r);
	/* a missing expansion: 422, nothing stored */
	agent_http(&srv, &editor, "GET", "/intern/suchwoerter", NULL, NULL, &r);
	reply_free(&r);
	assert_int_equal(agent_post(&srv, &editor, "/intern/suchwoerter", "term=leer&expansion=", &r), 0);
	assert_int_equal(r.status, 422);
	reply_free(&r);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM search_synonym WHERE term = 'leer'"), 0);
	/* remove it again */
	agent_http(&srv, &editor, "GET", "/intern/suchwoerter", NULL, NULL, &r);
	reply_free(&r);
	assert_int_equal(agent_post(&srv, &editor, "/intern/suchwoerter/loeschen",
				    "term=werkstattkurs&expansion=bewerbungstraining", &r), 0);
	assert_int_equal(r.status, 303);
	reply_free(&r);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM search_synonym WHERE term = 'werkstattkurs'"), 0);
}

HARNESS_GROUP(srv, NULL, &editor, DEMO_EDITOR, NULL)

int main(int argc, char **argv)
{
	if (harness_args(argc, argv) != 0)
		return 2;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_terms),
		cmocka_unit_test(test_synonyms),
	};
	int failed = cmocka_run_group_tests_name("vocab", tests, group_setup, group_teardown);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
