/* test_analysis_small.c — no count of people under 5 is ever shown: in
 * the staff tables' JSON and CSV, and on the public Angebotslandschaft
 * (page, CSV, JSON), where a reader's own arithmetic (recompute.h) finds
 * no hidden count that the totals give away. */
#include "test_analysis.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "recompute.h"

/* A public count: 0, at least 5, "< 5" or "•" (hidden so that no count
 * under 5 can be worked out from the totals). */
static void assert_public_count(const char *s, const char *where)
{
	if (strcmp(s, "< 5") == 0 || strcmp(s, "0") == 0 || strcmp(s, "•") == 0)
		return;
	char *end;
	long n = strtol(s, &end, 10);
	if (*end || n < 5)
		fail_msg("%s shows the count \"%s\"", where, s);
}

/* Counts of people (needs, referrals, outcomes) in the staff tables'
 * JSON and CSV: 0, at least 5, or "< 5" — never 1 to 4. Offers, places
 * and ranks are no people and are left out. */
void test_no_person_count_under_five(void **state)
{
	(void)state;
	static const char *const tables[] = { "luecken", "foerderende", "ergebnisse", "ergebnisse-phase",
					      "ergebnisse-gruppe", "ergebnisse-sprache" };
	int checked = 0;
	for (size_t k = 0; k < sizeof(tables) / sizeof(tables[0]); k++) {
		char path[200];
		snprintf(path, sizeof(path), "/intern/analyse/daten/%s.json", tables[k]);
		json_t *j = get_json(&researcher, path);
		json_t *t = json_object_get(j, "table"), *col, *row;
		size_t i, c;
		json_array_foreach(json_object_get(t, "rows"), i, row)
		{
			json_array_foreach(json_object_get(t, "columns"), c, col)
			{
				const char *key = json_string_value(json_object_get(col, "key"));
				if (!json_is_true(json_object_get(col, "numeric")) || strcmp(key, "angebote") == 0 ||
				    strcmp(key, "plaetze") == 0 || strcmp(key, "rang") == 0)
					continue;
				json_t *v = json_object_get(row, key);
				char text[32];
				if (json_is_integer(v))
					snprintf(text, sizeof(text), "%lld", (long long)json_integer_value(v));
				else
					snprintf(text, sizeof(text), "%s", json_is_string(v) ? json_string_value(v) : "?");
				assert_public_count(text, path);
				checked++;
			}
		}
		/* no hidden count can be worked out: each column against the
		 * total row, started and completed within the referrals */
		if (strncmp(tables[k], "ergebnisse", 10) == 0) {
			static const char *const counts[] = { "vermittlungen", "begonnen", "abgeschlossen", "bekannt_6",
							      "bekannt_12" };
			assert_table_safe(path, t, counts, 5, NULL);
			json_array_foreach(json_object_get(t, "rows"), i, row)
			{
				char tot[32], part[32];
				const char *p1[1] = { json_cell(row, "begonnen", part) };
				assert_line_safe(path, json_cell(row, "vermittlungen", tot), p1, 1, 1);
				char part2[32];
				const char *p2[1] = { json_cell(row, "abgeschlossen", part2) };
				assert_line_safe(path, json_cell(row, "begonnen", tot), p2, 1, 1);
			}
		}
		json_decref(j);
		/* the CSV of an outcomes table (all its counts are of people)
		 * holds the same cells */
		if (strncmp(tables[k], "ergebnisse", 10) != 0)
			continue;
		snprintf(path, sizeof(path), "/intern/analyse/daten/%s.csv", tables[k]);
		struct reply r;
		assert_int_equal(agent_fetch(&srv, &researcher, path, &r), 200);
		assert_not_contains(buf_str(&r.body), ",1,");
		assert_not_contains(buf_str(&r.body), ",2,");
		assert_not_contains(buf_str(&r.body), ",3,");
		assert_not_contains(buf_str(&r.body), ",4,");
		reply_free(&r);
	}
	assert_true(checked > 50);
}

void test_public_no_cell_under_five(void **state)
{
	(void)state;
	struct reply r;
	/* the page: every number cell */
	assert_int_equal(agent_fetch(&srv, &anon, "/angebotslandschaft", &r), 200);
	const char *b = buf_str(&r.body);
	assert_tidy(&srv, b, "/angebotslandschaft");
	int cells = 0;
	for (const char *p = strstr(b, "<td class=\"num\">"); p; p = strstr(p + 1, "<td class=\"num\">")) {
		const char *v = p + strlen("<td class=\"num\">");
		const char *e = strstr(v, "</td>");
		assert_non_null(e);
		char text[32];
		snprintf(text, sizeof(text), "%.*s", (int)(e - v), v);
		if (strcmp(text, "&lt; 5") == 0)
			strcpy(text, "< 5");
		assert_public_count(text, "/angebotslandschaft");
		cells++;
	}
	assert_true(cells >= 16); /* 3 places × 3 stages, and the totals */
	assert_contains(b, "<th scope=\"row\">Insgesamt</th>");
	assert_contains(b, "<th scope=\"row\">Bingen am Rhein</th><td class=\"num\">&lt; 5</td>");
	reply_free(&r);
	/* the CSV: every cell after the first column */
	assert_int_equal(agent_fetch(&srv, &anon, "/angebotslandschaft/daten.csv", &r), 200);
	char *csv = strdup(buf_str(&r.body)), *save = NULL;
	const char *grid[5][4]; /* the counts: 3 places and the total × 3 stages and the total */
	int line = 0;
	for (char *row = strtok_r(csv, "\r\n", &save); row; row = strtok_r(NULL, "\r\n", &save), line++) {
		if (line == 0) {
			assert_string_equal(row, "Ort,Schule,Berufsorientierung,Ausbildung,Insgesamt");
			continue;
		}
		char *s2 = NULL;
		strtok_r(row, ",", &s2);
		int col = 0;
		for (char *c = strtok_r(NULL, ",", &s2); c; c = strtok_r(NULL, ",", &s2), col++) {
			assert_public_count(c, "/angebotslandschaft/daten.csv");
			assert_true(line <= 4 && col < 4);
			grid[line - 1][col] = c;
		}
		assert_int_equal(col, 4);
	}
	assert_int_equal(line, 5);
	/* no hidden count can be worked out from a row's or column's total */
	for (int k = 0; k < 4; k++) {
		const char *col[3] = { grid[0][k], grid[1][k], grid[2][k] };
		assert_line_safe("/angebotslandschaft/daten.csv", grid[k][3], grid[k], 3, 0);
		assert_line_safe("/angebotslandschaft/daten.csv", grid[3][k], col, 3, 0);
	}
	free(csv);
	reply_free(&r);
	/* the JSON: every numeric column */
	json_t *j = get_json(&anon, "/angebotslandschaft/daten.json");
	json_t *t = json_object_get(j, "table"), *row;
	size_t i;
	json_array_foreach(json_object_get(t, "rows"), i, row)
	{
		const char *key;
		json_t *v;
		json_object_foreach(row, key, v)
		{
			if (strcmp(key, "ort") == 0)
				continue;
			if (json_is_string(v)) {
				if (strcmp(json_string_value(v), "•") != 0)
					assert_string_equal(json_string_value(v), "< 5");
			} else {
				assert_true(json_is_integer(v));
				long n = (long)json_integer_value(v);
				if (n != 0 && n < 5)
					fail_msg("the public JSON shows %ld at %s", n, key);
			}
		}
	}
	row = find_row(t, "ort", "Mainz-Neustadt", NULL, NULL, NULL, NULL, NULL, NULL);
	assert_int_equal(int_of(row, "ausbildung"), 7);
	row = find_row(t, "ort", "Bingen am Rhein", NULL, NULL, NULL, NULL, NULL, NULL);
	assert_string_equal(json_string_value(json_object_get(row, "schule")), "< 5");
	/* Bingen's 2 school offers would be the grand total 14 less 5 and 7:
	 * the 5 (Ingelheim's career orientation) is hidden, and then what
	 * would give it away in its row and column */
	row = find_row(t, "ort", "Ingelheim am Rhein", NULL, NULL, NULL, NULL, NULL, NULL);
	assert_string_equal(json_string_value(json_object_get(row, "berufsorientierung")), "•");
	row = find_row(t, "ort", "Insgesamt", NULL, NULL, NULL, NULL, NULL, NULL);
	assert_int_equal(int_of(row, "insgesamt"), 14);
	static const char *const stages[] = { "schule", "berufsorientierung", "ausbildung" };
	assert_table_safe("/angebotslandschaft/daten.json", t, stages, 3, "insgesamt");
	json_decref(j);
	/* in the public languages */
	assert_int_equal(agent_fetch(&srv, &anon, "/angebotslandschaft?lang=ar", &r), 200);
	assert_contains(buf_str(&r.body), "dir=\"rtl\"");
	/* "< 5" keeps its reading order on a right-to-left page */
	assert_contains(buf_str(&r.body), "<td class=\"num\" dir=\"ltr\">&lt; 5</td>");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &anon, "/angebotslandschaft/daten.xml", &r), 404);
	reply_free(&r);
}
