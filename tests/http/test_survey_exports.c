/* test_survey_exports.c — the demo survey's responses exported for
 * statistics packages and read back by them: the SPSS file by R's haven
 * (variable and value labels, types, the counts against the database)
 * and by PSPP (its dictionary and the data as CSV), the R script and its
 * CSV run by R (factors with levels and labels). The tools are Debian's
 * r-base-core, r-cran-haven and pspp (scripts/deps.sh --test); without
 * them these tests are skipped with a message, except in CI (CI=true),
 * where a missing tool fails. The same files are downloaded from the
 * analysis page (researchers only). */
#include "harness.h"

#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static struct server srv;
static struct agent researcher, editor;

HARNESS_GROUP(srv, NULL, &researcher, DEMO_RESEARCHER, &editor, DEMO_EDITOR, NULL)

/* Is the program on the PATH? When not: outside CI a message and 0 (the
 * caller skips), in CI a failure. */
static int have_tool(const char *prog, const char *package)
{
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", prog);
	if (system(cmd) == 0)
		return 1;
	const char *ci = getenv("CI");
	if (ci && strcmp(ci, "true") == 0)
		fail_msg("%s is missing (Debian package %s; scripts/deps.sh --test installs it)", prog, package);
	print_message("skipped: %s is missing (Debian package %s; scripts/deps.sh --test installs it)\n", prog, package);
	return 0;
}

/* Run a shell command; its output (stdout and stderr) in out. Returns
 * its exit status. */
static int run_shell(buf *out, const char *cmd)
{
	char full[4096];
	snprintf(full, sizeof(full), "%s 2>&1", cmd);
	FILE *p = popen(full, "r");
	if (!p)
		return -1;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_append(out, chunk, n);
	buf_putc(out, '\0');
	out->len--;
	int st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static long responses(void)
{
	return db_scalarf(&srv, "SELECT COUNT(*) FROM survey_response r JOIN survey s ON s.id = r.survey_id "
				"WHERE s.code = 'bedarf-2027'");
}

/* How many responses of the demo survey gave code to the closed question
 * (variable) q, or, with code NULL, how many match the condition where:
 * from `lotse analyse --json`, which reads the closed answers where they
 * live (the column store) and is checked against them by its own tests. */
static long counted(const char *q, const char *code, const char *where)
{
	buf out;
	buf_init(&out, 0);
	int rc = where ? run_lotse(&out, "analyse", "--db", srv.db, "bedarf-2027", "--freq", q, "--where", where, "--json",
				   NULL)
		       : run_lotse(&out, "analyse", "--db", srv.db, "bedarf-2027", "--freq", q, "--json", NULL);
	assert_int_equal(rc, 0);
	const char *p = buf_str(&out);
	if (code) {
		char key[64];
		snprintf(key, sizeof(key), "{\"code\":\"%s\",", code);
		p = strstr(p, key);
		assert_non_null(p);
	}
	p = strstr(p, "\"n\":");
	assert_non_null(p);
	long n = strtol(p + 4, NULL, 10);
	buf_free(&out);
	return n;
}

static void export(const char *format, const char *name, char *path, size_t n)
{
	snprintf(path, n, "%s/%s", srv.dir, name);
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "responses", "export", "--db", srv.db, "bedarf-2027", "--format", format, path,
				   NULL),
			 0);
	assert_contains(out.data, "exported");
	/* never over an existing file */
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "responses", "export", "--db", srv.db, "bedarf-2027", "--format", format, path,
				   NULL),
			 1);
	buf_free(&out);
}

/* R's haven reads the .sav: labels, types, counts. */
static void test_sav_haven(void **state)
{
	(void)state;
	char sav[400], script[400], cmd[2400];
	export("sav", "antworten.sav", sav, sizeof(sav));
	if (!have_tool("Rscript", "r-base-core"))
		skip();
	buf out;
	buf_init(&out, 0);
	if (run_shell(&out, "Rscript -e 'library(haven)'") != 0) {
		const char *ci = getenv("CI");
		if (ci && strcmp(ci, "true") == 0)
			fail_msg("R's haven is missing (Debian package r-cran-haven): %s", out.data);
		print_message("skipped: R's haven is missing (Debian package r-cran-haven)\n");
		buf_free(&out);
		skip();
	}
	snprintf(script, sizeof(script), "%s/haven.R", srv.dir);
	write_file(script,
		   "suppressMessages(library(haven))\n"
		   "a <- commandArgs(TRUE)\n"
		   "d <- read_sav(a[1])\n"
		   "stopifnot(nrow(d) == as.numeric(a[2]))\n"
		   "stopifnot(attr(d$alter, 'label') == 'Wie alt bist du?')\n"
		   "stopifnot(is.numeric(d$alter), is.character(d$wunsch), is.character(d$status))\n"
		   "l <- attr(d$deutsch, 'labels')\n"
		   "stopifnot('C1 \\u2013 sehr gut' %in% names(l))\n"
		   "z <- attr(d$zufr_SQ001, 'labels')\n"
		   "stopifnot(z[['sehr zufrieden']] == 5, z[['gar nicht zufrieden']] == 1)\n"
		   "stopifnot(grepl('Schule', attr(d$zufr_SQ001, 'label')))\n"
		   "stopifnot(sum(d$zufr_SQ001 == 5, na.rm = TRUE) == as.numeric(a[3]))\n"
		   "k <- attr(d$kontakt, 'labels')\n"
		   "stopifnot(k[['Ja']] == 1, k[['Nein']] == 0, sum(d$kontakt == 1, na.rm = TRUE) == as.numeric(a[4]))\n"
		   "h <- d$hilfe_sprache\n"
		   "stopifnot(all(h %in% c(0, 1, NA)), sum(h == 1, na.rm = TRUE) == as.numeric(a[5]))\n"
		   "stopifnot(attr(h, 'labels')[['gew\\u00e4hlt']] == 1)\n"
		   "stopifnot(grepl('Deutsch lernen', attr(h, 'label')))\n"
		   "cat('haven ok\\n')\n");
	snprintf(cmd, sizeof(cmd), "Rscript '%s' '%s' %ld %ld %ld %ld", script, sav, responses(),
		 counted("zufr_SQ001", "5", NULL), counted("kontakt", "Y", NULL),
		 counted("kontakt", NULL, "selected(hilfe, \"sprache\")"));
	buf_reset(&out);
	int st = run_shell(&out, cmd);
	if (st != 0)
		fail_msg("R could not read the .sav back: %s", out.data);
	assert_contains(out.data, "haven ok");
	buf_free(&out);
}

/* PSPP reads the .sav: its dictionary has the labels, its data the rows. */
static void test_sav_pspp(void **state)
{
	(void)state;
	char sav[400], sps[400], txt[400], csv[400], cmd[2400];
	export("sav", "pspp.sav", sav, sizeof(sav));
	if (!have_tool("pspp", "pspp") || !have_tool("pspp-convert", "pspp"))
		skip();
	snprintf(sps, sizeof(sps), "%s/check.sps", srv.dir);
	snprintf(txt, sizeof(txt), "%s/pspp.txt", srv.dir);
	snprintf(csv, sizeof(csv), "%s/pspp.csv", srv.dir);
	char syntax[600];
	snprintf(syntax, sizeof(syntax), "GET FILE='%s'.\nDISPLAY DICTIONARY /VARIABLES=alter deutsch zufr_SQ001.\n", sav);
	write_file(sps, syntax);
	buf out;
	buf_init(&out, 0);
	snprintf(cmd, sizeof(cmd), "pspp -O format=txt -O width=300 -o '%s' '%s' && cat '%s'", txt, sps, txt);
	if (run_shell(&out, cmd) != 0)
		fail_msg("PSPP could not read the .sav: %s", out.data);
	assert_contains(out.data, "Wie alt bist du?");
	assert_contains(out.data, "sehr zufrieden");
	assert_contains(out.data, "Wie gut sprichst du Deutsch?");
	buf_reset(&out);
	snprintf(cmd, sizeof(cmd), "pspp-convert '%s' '%s' && wc -l < '%s' && head -1 '%s'", sav, csv, csv, csv);
	if (run_shell(&out, cmd) != 0)
		fail_msg("pspp-convert failed: %s", out.data);
	assert_int_equal(strtol(out.data, NULL, 10), responses() + 1);
	assert_contains(out.data, "zufr_SQ001");
	assert_contains(out.data, "hilfe_sprache");
	buf_free(&out);
}

/* The R script reads its CSV into factors with levels and labels, run as
 * Rscript FILE and with source() from another folder. */
static void test_r_script(void **state)
{
	(void)state;
	char rfile[400], csv[400], check[400], cmd[2400];
	/* open answers a spreadsheet would take for formulas reach R as they
	 * were written, without the CSV injection guard's ' */
	static const char *const formulas[] = { "-nicht sicher", "=1+1" };
	for (int k = 0; k < 2; k++)
		assert_int_equal(db_scalarf(&srv,
					    "INSERT OR REPLACE INTO survey_answer (question_id, response_id, part, value) "
					    "SELECT q.id, (SELECT MIN(r.id) + %d FROM survey_response r WHERE r.survey_id = "
					    "q.survey_id), '', '%s' FROM survey_question q JOIN survey s ON s.id = q.survey_id "
					    "WHERE s.code = 'bedarf-2027' AND q.code = 'wunsch'",
					    k, formulas[k]),
				 0);
	export("r", "antworten.R", rfile, sizeof(rfile));
	snprintf(csv, sizeof(csv), "%s/antworten.csv", srv.dir);
	FILE *f = fopen(csv, "r");
	assert_non_null(f); /* beside the script */
	fclose(f);
	if (!have_tool("Rscript", "r-base-core"))
		skip();
	snprintf(check, sizeof(check), "%s/check.R", srv.dir);
	write_file(check, "a <- commandArgs(TRUE)\n"
			  "source(a[1])\n"
			  "stopifnot(nrow(antworten) == as.numeric(a[2]))\n"
			  "stopifnot(is.factor(antworten$deutsch), 'C1 \\u2013 sehr gut' %in% levels(antworten$deutsch))\n"
			  "stopifnot(is.ordered(antworten$zufr_SQ001), levels(antworten$zufr_SQ001)[5] == 'sehr zufrieden')\n"
			  "stopifnot(sum(antworten$zufr_SQ001 == 'sehr zufrieden', na.rm = TRUE) == as.numeric(a[3]))\n"
			  "stopifnot(sum(antworten$kontakt == 'Ja', na.rm = TRUE) == as.numeric(a[4]))\n"
			  "stopifnot(sum(antworten$hilfe_sprache == 'gew\\u00e4hlt', na.rm = TRUE) == as.numeric(a[5]))\n"
			  "stopifnot(is.numeric(antworten$alter), attr(antworten$alter, 'label') == 'Wie alt bist du?')\n"
			  "stopifnot(all(c('-nicht sicher', '=1+1') %in% antworten$wunsch))\n"
			  "stopifnot(!any(startsWith(na.omit(antworten$wunsch), \"'\")))\n"
			  "cat('script ok\\n')\n");
	buf out;
	buf_init(&out, 0);
	/* from another folder: the script finds the CSV beside itself */
	snprintf(cmd, sizeof(cmd), "cd / && Rscript '%s' '%s' %ld %ld %ld %ld", check, rfile, responses(),
		 counted("zufr_SQ001", "5", NULL), counted("kontakt", "Y", NULL),
		 counted("kontakt", NULL, "selected(hilfe, \"sprache\")"));
	if (run_shell(&out, cmd) != 0)
		fail_msg("R could not run the script: %s", out.data);
	assert_contains(out.data, "script ok");
	buf_reset(&out);
	snprintf(cmd, sizeof(cmd), "cd / && Rscript '%s'", rfile);
	if (run_shell(&out, cmd) != 0)
		fail_msg("Rscript %s failed: %s", rfile, out.data);
	buf_free(&out);
}

/* The analysis page links every format; each downloads as a file. */
static void test_downloads(void **state)
{
	(void)state;
	long id = db_scalarf(&srv, "SELECT id FROM survey WHERE code = 'bedarf-2027'");
	long audited = db_scalarf(&srv, "SELECT COUNT(*) FROM audit_log WHERE action = 'survey_responses_export'");
	char p[160];
	struct reply r;
	snprintf(p, sizeof(p), "/intern/umfragen/%ld/auswertung", id);
	assert_int_equal(agent_fetch(&srv, &researcher, p, &r), 200);
	assert_contains(r.body.data, "Alle Antworten herunterladen");
	static const char *const fmts[] = { "csv", "csv-labels", "xlsx", "sav", "r", "r-csv" };
	for (size_t i = 0; i < sizeof(fmts) / sizeof(*fmts); i++) {
		char href[200];
		snprintf(href, sizeof(href), "href=\"/intern/umfragen/%ld/antworten/%s\"", id, fmts[i]);
		assert_contains(r.body.data, href);
	}
	assert_tidy(&srv, r.body.data, "analysis with downloads");
	reply_free(&r);
	snprintf(p, sizeof(p), "/intern/umfragen/%ld/antworten/sav", id);
	assert_int_equal(agent_fetch(&srv, &researcher, p, &r), 200);
	assert_true(r.body.len > 1000);
	assert_memory_equal(r.body.data, "$FL2", 4);
	assert_contains(reply_header(&r, "Content-Disposition"), "antworten-bedarf-2027.sav");
	reply_free(&r);
	snprintf(p, sizeof(p), "/intern/umfragen/%ld/antworten/csv", id);
	assert_int_equal(agent_fetch(&srv, &researcher, p, &r), 200);
	assert_true(strncmp(r.body.data, "id,status,lang,started_at,completed_at,", 39) == 0);
	assert_contains(reply_header(&r, "Content-Type"), "text/csv");
	reply_free(&r);
	snprintf(p, sizeof(p), "/intern/umfragen/%ld/antworten/r", id);
	assert_int_equal(agent_fetch(&srv, &researcher, p, &r), 200);
	assert_contains(r.body.data, "\"antworten-bedarf-2027-r.csv\"");
	assert_contains(r.body.data, "factor(");
	reply_free(&r);
	snprintf(p, sizeof(p), "/intern/umfragen/%ld/antworten/xlsx", id);
	assert_int_equal(agent_fetch(&srv, &researcher, p, &r), 200);
	assert_memory_equal(r.body.data, "PK", 2);
	reply_free(&r);
	snprintf(p, sizeof(p), "/intern/umfragen/%ld/antworten/dbf", id);
	assert_int_equal(agent_fetch(&srv, &researcher, p, &r), 404);
	reply_free(&r);
	snprintf(p, sizeof(p), "/intern/umfragen/%ld/antworten/sav", id);
	assert_int_equal(agent_fetch(&srv, &editor, p, &r), 403);
	reply_free(&r);
	assert_int_equal(db_scalarf(&srv, "SELECT COUNT(*) FROM audit_log WHERE action = 'survey_responses_export'"),
			 audited + 4);
}

int main(int argc, char **argv)
{
	harness_bin = argc > 1 ? argv[1] : "./lotse";
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sav_haven),
		cmocka_unit_test(test_sav_pspp),
		cmocka_unit_test(test_r_script),
		cmocka_unit_test(test_downloads),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
