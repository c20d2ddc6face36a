/* test_analysis_paths.c — every way an offer is written shows in the
 * coverage at the next request (the directory keeps the fact table the
 * analysis reads in the same transaction: dir_fact_refresh): a change by
 * id through the spreadsheet import, a new offer through the staff form,
 * a merge, an HSDS import with a schedule's dates (the funding cliff)
 * and one of a list only, and the archive. On the group's server (test_analysis.h), after the other tests:
 * Ingelheim's five career-orientation offers of 2 places each. */
#include "test_analysis.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* Ingelheim's career-orientation offers and their places (by stage). */
static void assert_ingelheim(long offers, long places)
{
	for (int k = 0; k < 3; k++) {
		json_t *j = get_json(&researcher, "/intern/analyse/daten/abdeckung-phase.json?ort=ingelheim");
		json_t *row =
			find_row(json_object_get(j, "table"), "phase", "Berufsorientierung", NULL, NULL, NULL, NULL, NULL, NULL);
		assert_non_null(row);
		assert_int_equal(int_of(row, "angebote"), offers);
		assert_int_equal(int_of(row, "plaetze"), places);
		json_decref(j);
	}
}

static const char *sql_text(const char *sql, const char *param, char out[64])
{
	db_text(&srv, sql, param, out, 64);
	assert_true(*out);
	return out;
}

#define TERM_OF "SELECT t.id FROM taxonomy_term t JOIN taxonomy x ON x.id = t.taxonomy_id WHERE t.code = ?1 AND x.uri = "

void test_every_path_shows_at_once(void **state)
{
	(void)state;
	char first[64], org[64], ort[64], phase[64], fresh[64], path[300];
	struct reply r;
	buf out;
	assert_ingelheim(5, 10);
	sql_text("SELECT id FROM service WHERE name = ?1", "Ingelheim Orientierung 1", first);
	sql_text("SELECT organization_id FROM service WHERE name = ?1", "Ingelheim Orientierung 1", org);
	sql_text(TERM_OF "'urn:lotse:taxonomy:ort'", "ingelheim", ort);
	sql_text(TERM_OF "'urn:lotse:taxonomy:uebergangsphase'", "berufsorientierung", phase);

	/* the spreadsheet, a stored offer by id: 12 places instead of 2 */
	snprintf(path, sizeof(path), "%s/paths.csv", srv.dir);
	char csv[300];
	snprintf(csv, sizeof(csv), "id;Angebot;Kapazität\n%s;Ingelheim Orientierung 1;12\n", first);
	file_write(srv.dir, "paths.csv", csv);
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "import", "offers", "--db", srv.db, path, NULL), 0);
	buf_free(&out);
	assert_ingelheim(5, 20);

	/* a new offer through the staff form, with 3 places */
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/angebote/neu", &r), 200);
	reply_free(&r);
	char term_ort[80], term_phase[80];
	snprintf(term_ort, sizeof(term_ort), "term_%s", ort);
	snprintf(term_phase, sizeof(term_phase), "term_%s", phase);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/angebote/neu",
				      form("organization_id", org, "name", "Ingelheim Orientierung neu", "status", "active",
					   "delivery", "in_person", "lang_de", "1", "capacity", "3", term_ort, "1",
					   term_phase, "1", NULL),
				      &r),
			 303);
	reply_free(&r);
	assert_ingelheim(6, 23);

	/* merged into the first: one offer fewer, the survivor's places */
	sql_text("SELECT id FROM service WHERE name = ?1", "Ingelheim Orientierung neu", fresh);
	snprintf(path, sizeof(path), "/intern/angebote/%s/zusammenfuehren?ziel=%s", fresh, first);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/angebote/%s/zusammenfuehren", fresh);
	assert_int_equal(agent_submit(&srv, &editor, path, form("ziel", first, "confirm", "1", NULL), &r), 303);
	reply_free(&r);
	assert_ingelheim(5, 20);

	/* an HSDS file set: a new offer with 4 places whose schedule ends in
	 * 30 days, so that it is in the funding cliff too */
	char dir[300], text[1200], end[11];
	time_t t = time(NULL) + 30 * 86400;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(end, sizeof(end), "%Y-%m-%d", &tm);
	snprintf(dir, sizeof(dir), "%s/paths-hsds", srv.dir);
	assert_int_equal(mkdir(dir, 0700), 0);
	const char *sid = "0e5a3c1e-7d1f-4c59-9d2a-5b3e0c9f1a17";
	snprintf(text, sizeof(text), "id,organization_id,name,capacity\r\n%s,%s,Ingelheim Orientierung HSDS,4\r\n", sid,
		 org);
	file_write(dir, "services.csv", text);
	snprintf(text, sizeof(text),
		 "id,link_id,taxonomy_term_id,link_entity\r\n"
		 "1b6e4f0a-2c3d-4e5f-8a9b-0c1d2e3f4a01,%s,%s,service\r\n"
		 "1b6e4f0a-2c3d-4e5f-8a9b-0c1d2e3f4a02,%s,%s,service\r\n",
		 sid, ort, sid, phase);
	file_write(dir, "attributes.csv", text);
	snprintf(text, sizeof(text), "id,service_id,name,code\r\n1b6e4f0a-2c3d-4e5f-8a9b-0c1d2e3f4a03,%s,Deutsch,de\r\n",
		 sid);
	file_write(dir, "languages.csv", text);
	snprintf(text, sizeof(text),
		 "id,service_id,valid_from,valid_to\r\n1b6e4f0a-2c3d-4e5f-8a9b-0c1d2e3f4a04,%s,2020-01-01,%s\r\n", sid,
		 end);
	file_write(dir, "schedules.csv", text);
	buf_init(&out, 0);
	int rc = run_lotse(&out, "import", "hsds", "--db", srv.db, dir, NULL);
	if (rc != 0)
		fail_msg("lotse import hsds: %s", buf_str(&out));
	buf_free(&out);
	assert_ingelheim(6, 24);
	json_t *j = get_json(&researcher, "/intern/analyse/daten/foerderende.json?ort=ingelheim");
	int found = 0;
	json_t *row;
	size_t i;
	json_array_foreach(json_object_get(json_object_get(j, "table"), "rows"), i, row)
	{
		const char *name = json_string_value(json_object_get(row, "angebot"));
		found += name && strcmp(name, "Ingelheim Orientierung HSDS") == 0;
	}
	json_decref(j);
	assert_int_equal(found, 1);

	/* an HSDS file of a list only, naming a stored offer that is not in
	 * the files: Arabic for the second offer */
	char second[64], sub[300];
	sql_text("SELECT id FROM service WHERE name = ?1", "Ingelheim Orientierung 2", second);
	snprintf(sub, sizeof(sub), "%s/paths-hsds-list", srv.dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(text, sizeof(text), "id,service_id,name,code\r\n1b6e4f0a-2c3d-4e5f-8a9b-0c1d2e3f4a05,%s,Arabisch,ar\r\n",
		 second);
	file_write(sub, "languages.csv", text);
	buf_init(&out, 0);
	rc = run_lotse(&out, "import", "hsds", "--db", srv.db, sub, NULL);
	if (rc != 0)
		fail_msg("lotse import hsds: %s", buf_str(&out));
	buf_free(&out);
	j = get_json(&researcher, "/intern/analyse/daten/abdeckung.json?ort=ingelheim&sprache=ar");
	row = find_row(json_object_get(j, "table"), "phase", "Berufsorientierung", NULL, NULL, NULL, NULL, NULL, NULL);
	assert_non_null(row);
	assert_int_equal(int_of(row, "angebote"), 1);
	json_decref(j);

	/* archived through its page: gone from the cell */
	offer_archive("Ingelheim Orientierung HSDS", 1);
	assert_ingelheim(5, 20);
}
