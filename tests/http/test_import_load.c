/* test_import_load.c — a big spreadsheet import does not lock people out
 * (#11): while `lotse import offers` writes 15,000 new offers into the
 * database of a running server, contact messages and sign-ins answer as
 * usual (no 503, which is what a writer got after the 5 s busy timeout
 * before the import was staged) and the import is whole.  The times are
 * printed, not asserted: bench/import-writes.sh measures them; a bound
 * here would only flake on a slow or sanitized build.  Nothing fails
 * while the threads run: the checks come after both are joined.
 * Under ASan the import is 3,000 rows: it still runs for far longer than
 * the 5 s busy timeout there (the code is several times slower), which is
 * what the test needs, without taking minutes of the sanitizer suite. */
#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ROWS (HARNESS_SANITIZED ? 3000 : 15000)

static struct server srv;

HARNESS_GROUP(srv, "LOTSE_CONTACT_RATE=100000", NULL)

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct import_job {
	char file[400];
	buf out;
	int status;
	atomic_int done;
	double secs;
};

static void *import_main(void *p)
{
	struct import_job *j = p;
	double t0 = now_s();
	j->status = run_lotse(&j->out, "import", "offers", "--db", srv.db, j->file, NULL);
	j->secs = now_s() - t0;
	atomic_store(&j->done, 1);
	return NULL;
}

/* Sign-ins, one after the other, until the import is done. */
struct signins {
	struct import_job *job;
	int n, failed;
	long status;
	double slowest;
};

static void *signin_main(void *p)
{
	struct signins *g = p;
	while (!atomic_load(&g->job->done)) {
		struct agent ag;
		if (agent_init(&ag) != 0) {
			g->failed++;
			break;
		}
		double t0 = now_s();
		long st = agent_login_as(&srv, &ag, DEMO_EDITOR);
		double took = now_s() - t0;
		agent_free(&ag);
		if (st != 303) {
			g->failed++;
			g->status = st;
		}
		g->slowest = took > g->slowest ? took : g->slowest;
		g->n++;
	}
	return NULL;
}

static void test_writes_during_import(void **state)
{
	(void)state;
	struct import_job job = { 0 };
	buf_init(&job.out, 0);
	snprintf(job.file, sizeof(job.file), "%s/gross.csv", srv.dir);
	FILE *f = fopen(job.file, "w");
	assert_non_null(f);
	fputs("Träger;Angebot;Beschreibung;Straße;PLZ;Ort;Sprachen\n", f);
	for (int i = 0; i < ROWS; i++)
		fprintf(f, "Last-Verein %d;Lastkurs %d;Ein Kurs für viele, Nummer %d.;Lastweg %d;55116;Mainz;de, tr\n",
			i % 500, i, i, i % 2000);
	assert_int_equal(fclose(f), 0);
	long before = db_scalar(&srv, "SELECT count(*) FROM contact_message");

	pthread_t t, g;
	struct signins sg = { .job = &job };
	assert_int_equal(pthread_create(&t, NULL, import_main, &job), 0);
	assert_int_equal(pthread_create(&g, NULL, signin_main, &sg), 0);
	int contacts = 0, refused = 0;
	long refused_status = 0;
	double slowest = 0;
	while (!atomic_load(&job.done)) {
		struct reply r;
		double t0 = now_s();
		int rc = http_post_form(&srv, "/kontakt",
					"name=Lea&email=lea%40example.org&message=Gibt+es+Kurse+am+Abend%3F&"
					"consent=1&website=",
					&r);
		if (rc != 0)
			r.status = -1; /* no answer at all */
		double took = now_s() - t0;
		if (r.status == 303) {
			contacts++;
		} else {
			refused++;
			refused_status = r.status;
		}
		reply_free(&r);
		slowest = took > slowest ? took : slowest;
		struct timespec pause = { 0, 50 * 1000 * 1000 };
		nanosleep(&pause, NULL);
	}
	pthread_join(t, NULL);
	pthread_join(g, NULL);
	print_message("import of %d rows: %.1f s; meanwhile %d contact messages (the slowest %.2f s) and %d "
		      "sign-ins (the slowest %.2f s, form and sign-in)\n",
		      ROWS, job.secs, contacts, slowest, sg.n, sg.slowest);
	/* why it fails, written before the import's output is freed (a
	 * failure does not return to free it) */
	char summary[80], why[1200] = "";
	snprintf(summary, sizeof(summary), "Angebote importiert: %d, Zeilen mit Fehlern: 0", ROWS);
	const char *out = buf_str(&job.out);
	if (job.status != 0)
		snprintf(why, sizeof(why), "the import failed:\n%.1000s", out);
	else if (sg.failed)
		snprintf(why, sizeof(why), "%d of %d sign-ins during the import failed (the last: %ld)", sg.failed, sg.n,
			 sg.status);
	else if (refused)
		snprintf(why, sizeof(why), "%d contact messages during the import were refused (the last: %ld)", refused,
			 refused_status);
	else if (!strstr(out, summary))
		snprintf(why, sizeof(why), "the import did not say \"%s\":\n%.1000s", summary, out);
	buf_free(&job.out);
	if (*why)
		fail_msg("%s", why);
	assert_true(contacts >= 2);
	/* all of it is there: the import and every message */
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM service WHERE name LIKE 'Lastkurs %'"), ROWS);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM organization WHERE name LIKE 'Last-Verein %'"), 500);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM contact_message"), before + contacts);
}

int main(int argc, char **argv)
{
	if (harness_args(argc, argv) != 0)
		return 2;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_writes_during_import),
	};
	int failed = cmocka_run_group_tests_name("import_load", tests, group_setup, group_teardown);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
