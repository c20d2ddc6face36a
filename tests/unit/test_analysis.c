/* test_analysis.c — the evidence loop's counting on facts whose answer is
 * known by construction: coverage cells (an offer in every combination of
 * its codes, once in the total), the filters, a cell's offers, funding by
 * funder and programme, the funding cliff's window, the need sources, the
 * ranking of gaps and their sentences (with small counts suppressed). */
#include "analysis/analysis.h"
#include "core/core.h"
#include "core/i18n.h"
#include "auth/auth.h"
#include "http/router.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

/* ---- the fixture: four dimensions and a handful of offers ---- */

static const char *stage_codes[] = { "", "schule", "ausbildung" };
static const char *stage_labels[] = { "(ohne Angabe)", "Schule", "Ausbildung" };
static const char *group_codes[] = { "", "gefluechtete", "eltern" };
static const char *group_labels[] = { "(ohne Angabe)", "Geflüchtete", "Eltern" };
static const char *district_codes[] = { "", "mainz-neustadt", "bingen" };
static const char *district_labels[] = { "(ohne Angabe)", "Mainz-Neustadt", "Bingen am Rhein" };
static const char *lang_codes[] = { "", "ar", "de" };
static const char *lang_labels[] = { "(ohne Angabe)", "Arabisch", "Deutsch" };

static struct an_dims dims = {
	.codes = { stage_codes, group_codes, district_codes, lang_codes },
	.labels = { stage_labels, group_labels, district_labels, lang_labels },
	.n = { 3, 3, 3, 3 },
};

static const char *s_schule[] = { "schule" }, *s_ausb[] = { "ausbildung" };
static const char *g_gefl[] = { "gefluechtete" }, *g_both[] = { "gefluechtete", "eltern" };
static const char *d_neu[] = { "mainz-neustadt" }, *d_bingen[] = { "bingen" };
static const char *l_de_ar[] = { "de", "ar" }, *l_de[] = { "de" };
static const char *f_land[] = { "land" }, *p_esf[] = { "ESF Plus" };

#define LIST(name, v) .name = (v), .n_##name = NELEM(v)

/* A: schule, Geflüchtete, Neustadt, de+ar, 10 places, free, ESF Plus
 * B: schule, Geflüchtete, Neustadt, de, places not stated
 * C: ausbildung, Geflüchtete+Eltern, Bingen, no language, 5 places, Land
 * D: nothing stated but German, 3 places, ended 2020-06-30 */
static struct dir_fact offers[] = {
	{ .id = "a", .name = "Anton", .org_name = "T1", .capacity = 10, .free_of_charge = 1, LIST(stages, s_schule),
	  LIST(groups, g_gefl), LIST(districts, d_neu), LIST(languages, l_de_ar), LIST(funding, p_esf) },
	{ .id = "b", .name = "Berta", .org_name = "T1", .capacity = -1, LIST(stages, s_schule), LIST(groups, g_gefl),
	  LIST(districts, d_neu), LIST(languages, l_de) },
	{ .id = "c", .name = "Cäsar", .org_name = "T2", .capacity = 5, LIST(stages, s_ausb), LIST(groups, g_both),
	  LIST(districts, d_bingen), LIST(funders, f_land) },
	{ .id = "d", .name = "Dora", .org_name = "T3", .capacity = 3, .valid_from = "2020-01-01",
	  .valid_to = "2020-06-30", LIST(languages, l_de) },
};
#define NOFFERS NELEM(offers)

static const struct an_cell *cell(const struct an_coverage *c, const char *s, const char *g, const char *d,
				  const char *l)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->cells[i].code[0], s) == 0 && strcmp(c->cells[i].code[1], g) == 0 &&
		    strcmp(c->cells[i].code[2], d) == 0 && strcmp(c->cells[i].code[3], l) == 0)
			return &c->cells[i];
	return NULL;
}

static void test_coverage_all_dimensions(void **state)
{
	(void)state;
	arena *a = arena_new();
	struct an_coverage c;
	assert_int_equal(an_coverage_count(a, &dims, offers, NOFFERS, NULL, AN_ALL_DIMS, &c), ST_OK);
	/* every offer once in the total */
	assert_int_equal(c.total.offers, 4);
	assert_int_equal(c.total.places, 18);
	assert_int_equal(c.total.no_places, 1);
	assert_int_equal(c.total.free, 1);
	assert_int_equal(c.total.funded, 2);
	/* five cells, in the dimensions' order (stage outermost, "" first) */
	assert_int_equal(c.n, 5);
	const struct an_cell *e = cell(&c, "schule", "gefluechtete", "mainz-neustadt", "de");
	assert_non_null(e);
	assert_int_equal(e->offers, 2);
	assert_int_equal(e->places, 10);
	assert_int_equal(e->no_places, 1);
	assert_int_equal(e->free, 1);
	e = cell(&c, "schule", "gefluechtete", "mainz-neustadt", "ar");
	assert_non_null(e);
	assert_int_equal(e->offers, 1);
	/* an offer for two groups counts in both; no language: "" */
	assert_int_equal(cell(&c, "ausbildung", "gefluechtete", "bingen", "")->offers, 1);
	assert_int_equal(cell(&c, "ausbildung", "eltern", "bingen", "")->funded, 1);
	assert_int_equal(cell(&c, "", "", "", "de")->places, 3);
	assert_string_equal(c.cells[0].code[3], "de");
	assert_string_equal(c.cells[1].code[3], "ar");
	assert_string_equal(c.cells[2].code[3], "de");
	assert_string_equal(c.cells[4].code[1], "eltern");
	arena_free(a);
}

static void test_coverage_two_dimensions(void **state)
{
	(void)state;
	arena *a = arena_new();
	struct an_coverage c;
	assert_int_equal(an_coverage_count(a, &dims, offers, NOFFERS, NULL, AN_MASK(AN_DISTRICT) | AN_MASK(AN_STAGE), &c),
			 ST_OK);
	assert_int_equal(c.n, 3);
	/* distinct offers: A with two languages counts once */
	assert_int_equal(cell(&c, "schule", "*", "mainz-neustadt", "*")->offers, 2);
	assert_int_equal(cell(&c, "ausbildung", "*", "bingen", "*")->offers, 1);
	assert_int_equal(cell(&c, "", "*", "", "*")->offers, 1);
	/* nothing counted apart: the one cell is the total */
	assert_int_equal(an_coverage_count(a, &dims, offers, NOFFERS, NULL, 0, &c), ST_OK);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.cells[0].offers, 4);
	arena_free(a);
}

static void test_filters(void **state)
{
	(void)state;
	arena *a = arena_new();
	struct an_coverage c;
	/* from 2021 on: D ended before */
	struct an_filter f = { .from = "2021-01-01" };
	assert_int_equal(an_coverage_count(a, &dims, offers, NOFFERS, &f, 0, &c), ST_OK);
	assert_int_equal(c.total.offers, 3);
	/* up to 2019: D had not begun; those without dates always run */
	f = (struct an_filter){ .to = "2019-12-31" };
	assert_false(an_filter_match(&f, &offers[3]));
	assert_true(an_filter_match(&f, &offers[0]));
	f = (struct an_filter){ .from = "2020-06-30", .to = "2020-06-30" };
	assert_true(an_filter_match(&f, &offers[3]));
	/* a district; "" : those that state none */
	f = (struct an_filter){ .code = { [AN_DISTRICT] = "" } };
	assert_int_equal(an_coverage_count(a, &dims, offers, NOFFERS, &f, 0, &c), ST_OK);
	assert_int_equal(c.total.offers, 1);
	/* a language: A only, and only in its Arabic cell */
	f = (struct an_filter){ .code = { [AN_LANG] = "ar" } };
	assert_int_equal(an_coverage_count(a, &dims, offers, NOFFERS, &f, AN_ALL_DIMS, &c), ST_OK);
	assert_int_equal(c.total.offers, 1);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.cells[0].code[AN_LANG], "ar");
	/* a cell's offers, by name */
	const struct dir_fact **v;
	size_t n;
	f = (struct an_filter){ .code = { "schule", "gefluechtete", "mainz-neustadt", "de" } };
	an_cell_offers(a, offers, NOFFERS, &f, &v, &n);
	assert_int_equal(n, 2);
	assert_string_equal(v[0]->name, "Anton");
	assert_string_equal(v[1]->name, "Berta");
	arena_free(a);
}

static void test_funding(void **state)
{
	(void)state;
	arena *a = arena_new();
	struct an_funding_row *v;
	size_t n;
	an_funding_count(a, offers, NOFFERS, NULL, &v, &n);
	/* funders first, then programmes, "" (none stated) last */
	assert_int_equal(n, 3);
	assert_string_equal(v[0].funder, "land");
	assert_int_equal(v[0].offers, 1);
	assert_int_equal(v[0].places, 5);
	assert_string_equal(v[1].programme, "ESF Plus");
	assert_int_equal(v[1].places, 10);
	assert_string_equal(v[2].programme, "");
	assert_int_equal(v[2].offers, 3);
	assert_int_equal(v[2].places, 8);
	arena_free(a);
}

static void test_funding_cliff(void **state)
{
	(void)state;
	arena *a = arena_new();
	struct dir_fact f[] = {
		{ .id = "1", .name = "late", .valid_to = "2028-01-01" },
		{ .id = "2", .name = "edge", .valid_to = "2027-12-06" },
		{ .id = "3", .name = "soon", .valid_to = "2027-03-31" },
		{ .id = "4", .name = "past", .valid_to = "2026-12-01" },
		{ .id = "5", .name = "open" },
		{ .id = "6", .name = "today", .valid_to = "2026-12-06" },
	};
	const struct dir_fact **v;
	size_t n;
	an_funding_cliff(a, f, NELEM(f), NULL, "2026-12-06", &v, &n);
	assert_int_equal(n, 3);
	assert_string_equal(v[0]->name, "today");
	assert_string_equal(v[1]->name, "soon");
	assert_string_equal(v[2]->name, "edge");
	arena_free(a);
}

/* ---- needs and gaps ---- */

static const struct an_need fixture_needs[] = {
	{ { "schule", "gefluechtete", "mainz-neustadt", "ar" }, 14, "Bedarfe aus der Beratung", -1, NULL, NULL, NULL, NULL },
	{ { "schule", "gefluechtete", "mainz-neustadt", "ar" }, 3, "Befragte", 23.4, "der Befragten dieser Gruppe", NULL, NULL, NULL },
	{ { "ausbildung", NULL, "bingen", NULL }, 6, "Bedarfe aus der Beratung", -1, NULL, NULL, NULL, NULL },
	{ { NULL, NULL, "mainz-neustadt", "de" }, 4, "Bedarfe aus der Beratung", -1, NULL, NULL, NULL, NULL },
	{ { "schule", NULL, NULL, NULL }, 30, "kodierte Stellen aus Interviews", -1, NULL, NULL, NULL, NULL },
	{ { "ausbildung", "eltern", "mainz-neustadt", NULL }, 9, "Bedarfe aus der Beratung", -1, NULL, NULL, NULL, NULL },
};

static int fixture_source(struct store *s, arena *a, const struct an_filter *filt, struct an_need **out, size_t *n)
{
	(void)s, (void)filt;
	*out = arena_alloc(a, sizeof(fixture_needs));
	memcpy(*out, fixture_needs, sizeof(fixture_needs));
	*n = NELEM(fixture_needs);
	return ST_OK;
}

static void test_need_sources(void **state)
{
	(void)state;
	an_needs_reset();
	const struct an_need_source *const *src;
	assert_int_equal(an_need_sources(&src), 0);
	static const struct an_need_source fixture = { "Beratung", fixture_source };
	assert_int_equal(an_needs_register(&fixture), 0);
	assert_int_equal(an_need_sources(&src), 1);
	arena *a = arena_new();
	struct an_need *v;
	size_t n;
	assert_int_equal(an_needs_collect(NULL, a, NULL, &v, &n), ST_OK);
	assert_int_equal(n, NELEM(fixture_needs));
	assert_int_equal((int)v[4].count, 30);
	an_needs_reset();
	arena_free(a);
}

static void test_gaps_ranked(void **state)
{
	(void)state;
	arena *a = arena_new();
	struct an_gap *g;
	size_t n;
	an_gaps_rank(a, fixture_needs, NELEM(fixture_needs), offers, NOFFERS, NULL, &g, &n);
	/* the cell of 4 needs is left out; the rest by needs per offer */
	assert_int_equal(n, 4);
	/* schule: 30 needs, offers A and B: 30 / 3 = 10 */
	assert_string_equal(g[0].code[AN_STAGE], "schule");
	assert_null(g[0].code[AN_DISTRICT]);
	assert_int_equal(g[0].offers, 2);
	assert_true(g[0].score > 9.99 && g[0].score < 10.01);
	/* no offer at all: 9 / 1 */
	assert_string_equal(g[1].code[AN_GROUP], "eltern");
	assert_int_equal(g[1].offers, 0);
	/* Arabic in Neustadt: 14 + 3 needs from two parts, offer A: 17 / 2 */
	assert_string_equal(g[2].code[AN_LANG], "ar");
	assert_int_equal(g[2].nparts, 2);
	assert_int_equal(g[2].offers, 1);
	assert_int_equal(g[2].places, 10);
	assert_true(g[2].needs > 16.99 && g[2].needs < 17.01);
	/* Bingen: 6 / (C + 1) */
	assert_string_equal(g[3].code[AN_DISTRICT], "bingen");
	assert_true(g[3].score > 2.99 && g[3].score < 3.01);
	/* a filter narrows the offers counted: from 2021, still A and B */
	struct an_filter f = { .code = { [AN_DISTRICT] = "bingen" } };
	an_gaps_rank(a, fixture_needs, NELEM(fixture_needs), offers, NOFFERS, &f, &g, &n);
	assert_int_equal(g[0].offers, 0); /* schule, but none of its offers in Bingen */
	arena_free(a);
}

static void test_gap_sentences(void **state)
{
	(void)state;
	arena *a = arena_new();
	struct an_gap *g;
	size_t n;
	an_gaps_rank(a, fixture_needs, NELEM(fixture_needs), offers, NOFFERS, NULL, &g, &n);
	assert_string_equal(an_gap_sentence(a, "de", &dims, &g[2]),
			    "Schule für Geflüchtete auf Arabisch in Mainz-Neustadt: • Bedarfe aus der Beratung, "
			    "< 5 Befragte, 23 % der Befragten dieser Gruppe; 1 Angebot mit 10 Plätzen.");
	/* 14 + 3 = 17 needs: the 14 hidden too, else 17 - 14 would give the 3 away */
	assert_int_equal(g[2].parts[0].state, AN_GUARD);
	assert_int_equal(g[2].needs_state, AN_SHOWN);
	assert_string_equal(an_gap_sentence(a, "de", &dims, &g[0]),
			    "Schule: 30 kodierte Stellen aus Interviews; 2 Angebote mit 10 Plätzen.");
	assert_string_equal(an_gap_sentence(a, "de", &dims, &g[1]),
			    "Ausbildung für Eltern in Mainz-Neustadt: 9 Bedarfe aus der Beratung; kein Angebot.");
	/* the sentence's own words in the reader's language */
	const char *en = an_gap_sentence(a, "en", &dims, &g[1]);
	assert_non_null(strstr(en, "Ausbildung for Eltern in Mainz-Neustadt: 9 "));
	assert_non_null(strstr(en, "; no offer."));
	arena_free(a);
}

/* Declined referrals with the reasons typed: a reason given by 5 or
 * more of a gap is named (its spellings merged), a rarer one is counted
 * without it. */
static void test_gap_reasons(void **state)
{
	(void)state;
	arena *a = arena_new();
	static const struct an_need v[] = {
		{ { "ausbildung", NULL, "bingen", "ar" }, 14, "Bedarfe aus der Beratung", -1, NULL, NULL, NULL, NULL },
		{ { "ausbildung", NULL, "bingen", "ar" }, 4, "Vermittlungen abgelehnt", -1, NULL, NULL, NULL,
		  "Angebot zu weit weg" },
		{ { "ausbildung", NULL, "bingen", "ar" }, 2, "Vermittlungen abgelehnt", -1, NULL, NULL, NULL,
		  "Herr K. zieht um" },
		{ { "ausbildung", NULL, "bingen", "ar" }, 3, "Vermittlungen abgelehnt", -1, NULL, NULL, NULL, NULL },
		{ { "ausbildung", NULL, "bingen", "ar" }, 2, "Vermittlungen abgelehnt", -1, NULL, NULL, NULL,
		  "angebot zu weit weg" },
	};
	struct an_gap *g;
	size_t n;
	an_gaps_rank(a, v, NELEM(v), offers, NOFFERS, NULL, &g, &n);
	assert_int_equal(n, 1);
	assert_int_equal(g[0].nparts, 3);
	assert_string_equal(an_gap_sentence(a, "de", &dims, &g[0]),
			    "Ausbildung auf Arabisch in Bingen am Rhein: 14 Bedarfe aus der Beratung, 6 Vermittlungen "
			    "abgelehnt: Angebot zu weit weg, 5 Vermittlungen abgelehnt; kein Angebot.");
	arena_free(a);
}

/* Secondary suppression on tables whose answer is known by construction. */
static void test_suppression(void **state)
{
	(void)state;
	arena *a = arena_new();
	/* 2 × 2 with totals:   2   7 |  9
	 *                      6   9 | 15
	 *                      8  16 | 24
	 * the 2 is small; row 0 would give it away (9 - 7), so the 7 is
	 * hidden; column 0 (8 - 6), so the 6; then row 1 (15 - 6) and column 1
	 * (16 - 7) would give those away, so the 9. The totals stay. */
	static const long grid[9] = { 2, 7, 9, 6, 9, 15, 8, 16, 24 };
	struct an_supp s;
	an_supp_init(a, &s, 9);
	memcpy(s.v, grid, sizeof(grid));
	for (size_t i = 0; i < 3; i++) {
		size_t row[2] = { i * 3, i * 3 + 1 }, col[2] = { i, 3 + i };
		an_supp_line(&s, i * 3 + 2, row, 2, 0);
		an_supp_line(&s, 6 + i, col, 2, 0);
	}
	an_suppress(&s);
	static const unsigned char want[9] = { AN_SMALL, AN_GUARD, AN_SHOWN, AN_GUARD, AN_GUARD,
					       AN_SHOWN, AN_SHOWN,  AN_SHOWN, AN_SHOWN };
	for (size_t i = 0; i < 9; i++)
		assert_int_equal(s.state[i], want[i]);
	assert_string_equal(an_supp_text(a, &s, 0), "< 5");
	assert_string_equal(an_supp_text(a, &s, 1), AN_GUARD_TEXT);
	assert_string_equal(an_supp_text(a, &s, 2), "9");
	/* an open line (11 referred, 10 started): the one who did not start
	 * would show, so the 10 is hidden; 20 and 3: the 3 alone */
	an_supp_init(a, &s, 4);
	s.v[0] = 11, s.v[1] = 10, s.v[2] = 20, s.v[3] = 3;
	size_t p1 = 1, p3 = 3;
	an_supp_line(&s, 0, &p1, 1, 1);
	an_supp_line(&s, 2, &p3, 1, 1);
	an_suppress(&s);
	assert_int_equal(s.state[0], AN_SHOWN);
	assert_int_equal(s.state[1], AN_GUARD);
	assert_int_equal(s.state[2], AN_SHOWN);
	assert_int_equal(s.state[3], AN_SMALL);
	/* a total shown with its only part hidden as a guard: the total goes
	 * too (5 = 5, nothing else to hide); two small parts of 6 stay as
	 * they are (each 2 to 4); a zero is never hidden unless asked */
	an_supp_init(a, &s, 7);
	s.v[0] = 5, s.v[1] = 5, s.v[2] = 6, s.v[3] = 2, s.v[4] = 4, s.v[5] = 0, s.v[6] = 0;
	s.state[1] = AN_GUARD;
	size_t p12[1] = { 1 }, p345[3] = { 3, 4, 5 };
	an_supp_line(&s, 0, p12, 1, 0);
	an_supp_line(&s, 2, p345, 3, 0);
	s.zero_small[6] = 1;
	an_suppress(&s);
	assert_int_equal(s.state[0], AN_GUARD);
	assert_int_equal(s.state[2], AN_SHOWN);
	assert_int_equal(s.state[3], AN_SMALL);
	assert_int_equal(s.state[4], AN_SMALL);
	assert_int_equal(s.state[5], AN_SHOWN);
	assert_int_equal(s.state[6], AN_SMALL);
	arena_free(a);
}

static void test_analysis_permission(void **state)
{
	(void)state;
	assert_true(auth_allows(PERM_ANALYSIS, ROLE_RESEARCHER));
	assert_true(auth_allows(PERM_ANALYSIS, ROLE_EDITOR));
	assert_false(auth_allows(PERM_ANALYSIS, ROLE_PARTNER | ROLE_COUNSELLOR | ROLE_ADMIN));
	assert_false(auth_allows(PERM_ANALYSIS, 0));
}

int main(void)
{
	if (i18n_init() != 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_coverage_all_dimensions),
		cmocka_unit_test(test_coverage_two_dimensions),
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_funding),
		cmocka_unit_test(test_funding_cliff),
		cmocka_unit_test(test_need_sources),
		cmocka_unit_test(test_gaps_ranked),
		cmocka_unit_test(test_gap_sentences),
		cmocka_unit_test(test_gap_reasons),
		cmocka_unit_test(test_suppression),
		cmocka_unit_test(test_analysis_permission),
	};
	int failed = cmocka_run_group_tests_name("analysis", tests, NULL, NULL);
	i18n_free();
	return failed;
}
