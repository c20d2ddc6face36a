/* test_indexer.c — the search indexer of a running server as another
 * process sees it: while the server is idle its indexer takes no write
 * lock (a writer that does not wait for locks never fails beside it),
 * and a change committed by another process while the indexer is idle
 * is indexed within a bounded time without any request asking for it,
 * and shows in the finder; a search right after such a commit finds it
 * too (it waits for the indexer). `lotse reindex all` beside the running
 * server (it makes the word tables anew) leaves the finder's answers as
 * they were, and the server's indexer follows the next change. */
#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static struct server srv;
static char offer[40];    /* a public offer of the demo data */
static char old_name[256]; /* its name */

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The server idle: its index caught up, and a second more for the
 * indexer's rounds after its own last commit. */
static void until_idle(void)
{
	assert_true(db_wait_indexed(&srv, 30) >= 0);
	sleep(1);
}

/* The finder's page for the word q. */
static char *finder(const char *q)
{
	char path[256];
	snprintf(path, sizeof(path), "/angebote?q=%s", q);
	struct reply r;
	assert_int_equal(http_get(&srv, path, &r), 0);
	assert_int_equal(r.status, 200);
	char *body = strdup(buf_str(&r.body));
	reply_free(&r);
	return body;
}

/* Rename the offer through a connection of this process (another
 * process than the server). */
static void rename_offer(const char *name)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open_v2(srv.db, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	assert_int_equal(sqlite3_prepare_v2(db, "UPDATE service SET name = ?1 WHERE id = ?2", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, offer, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	assert_int_equal(sqlite3_changes(db), 1);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* For 2 s (8 of the indexer's rounds), a writer that never waits for a
 * lock takes the write lock again and again, each time for a moment: a
 * writer that waits for it (the indexer's round of before, which began a
 * write transaction every 0.25 s) gets it between two of them, and the
 * next try finds it taken. Beside an idle server no try does. Nothing is
 * committed, so the indexer has nothing to look at. */
static void test_idle_takes_no_lock(void **state)
{
	(void)state;
	until_idle();
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(srv.db, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	sqlite3_busy_timeout(db, 0);
	int tries = 0, busy = 0;
	for (double t0 = now_s(); now_s() - t0 < 2.0; tries++) {
		int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (rc == SQLITE_BUSY)
			busy++;
		else
			assert_int_equal(rc, SQLITE_OK);
		if (rc == SQLITE_OK)
			assert_int_equal(sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	}
	sqlite3_close(db);
	fprintf(stderr, "%d tries to take the write lock, %d found it taken\n", tries, busy);
	assert_true(tries > 100);
	assert_int_equal(busy, 0);
}

/* A change committed by another process while the indexer is idle is
 * indexed on the indexer's own within a bounded time (its rounds come
 * every 0.25 s; 10 s allows for a loaded machine and a sanitizer), and
 * the finder then shows it. */
static void test_idle_sees_other_process(void **state)
{
	(void)state;
	until_idle();
	rename_offer("Zwergpinguin-Sprechstunde");
	double took = db_wait_indexed(&srv, 10);
	fprintf(stderr, "indexed after %.2f s\n", took);
	assert_true(took >= 0);
	char *body = finder("Zwergpinguin");
	assert_contains(body, "Zwergpinguin-Sprechstunde");
	free(body);
	rename_offer(old_name);
	assert_true(db_wait_indexed(&srv, 10) >= 0);
	body = finder("Zwergpinguin");
	assert_not_contains(body, "Zwergpinguin-Sprechstunde");
	free(body);
}

/* A search right after another process's commit finds the change (it
 * waits for the indexer, which is idle when the commit comes). */
static void test_search_right_after_commit(void **state)
{
	(void)state;
	for (int i = 0; i < 3; i++) {
		until_idle();
		char name[64], word[32];
		snprintf(word, sizeof(word), "Kiwivogel%c", 'a' + i);
		snprintf(name, sizeof(name), "%s-Beratung", word);
		rename_offer(name);
		char *body = finder(word);
		assert_contains(body, name);
		free(body);
	}
	rename_offer(old_name);
	char *body = finder("Kiwivogela");
	assert_not_contains(body, "Kiwivogela-Beratung");
	free(body);
}

/* The rebuild of the whole index by another process while the server
 * runs: the same results after it, and a change after it still found. */
static void test_rebuild_beside_server(void **state)
{
	(void)state;
	until_idle();
	char *before = finder("Sprachkurs");
	assert_contains(before, "Angebote gefunden");
	buf out;
	buf_init(&out, 0);
	int rc = run_lotse(&out, "reindex", "--db", srv.db, "all", NULL);
	if (rc != 0)
		fail_msg("lotse reindex all: %s", buf_str(&out));
	assert_contains(buf_str(&out), "search index up to date");
	buf_free(&out);
	assert_true(db_wait_indexed(&srv, 30) >= 0);
	char *after = finder("Sprachkurs");
	const char *a = strstr(before, "<main"), *b = strstr(after, "<main");
	assert_non_null(a);
	assert_non_null(b);
	assert_string_equal(b, a);
	free(before);
	free(after);
	rename_offer("Schneeeule-Sprechstunde");
	char *body = finder("Schneeeule");
	assert_contains(body, "Schneeeule-Sprechstunde");
	free(body);
	rename_offer(old_name);
}

static int setup(void **state)
{
	if (harness_group_setup(&srv, NULL, NULL) != 0)
		return -1;
	(void)state;
	db_text(&srv,
		"SELECT s.id FROM service s JOIN organization o ON o.id = s.organization_id WHERE s.archived = 0 "
		"AND s.merged_into IS NULL AND o.archived = 0 AND o.merged_into IS NULL ORDER BY s.name LIMIT 1",
		NULL, offer, sizeof(offer));
	db_text(&srv, "SELECT name FROM service WHERE id = ?1", offer, old_name, sizeof(old_name));
	if (*offer && *old_name)
		return 0;
	harness_group_teardown(&srv, NULL);
	return -1;
}

HARNESS_GROUP_TEARDOWN(srv)

int main(int argc, char **argv)
{
	if (harness_args(argc, argv) != 0)
		return 2;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_idle_takes_no_lock),
		cmocka_unit_test(test_idle_sees_other_process),
		cmocka_unit_test(test_search_right_after_commit),
		cmocka_unit_test(test_rebuild_beside_server),
	};
	int failed = cmocka_run_group_tests_name("indexer", tests, setup, group_teardown);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
