/* test_audit.c — the audit trail as an operator and an attacker meet it:
 * every kind of change leaves a row with its user, object and client;
 * `lotse audit verify` needs the key file, finds a chain recomputed
 * without the key, and finds rows cut off the end given a head from the
 * server's log. */
#include "harness.h"
#include "search/search.h"
#include "store/store.h"
#include "html/layout.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static struct server srv;
static struct agent editor, admin, partner;

HARNESS_GROUP(srv, NULL, &editor, DEMO_EDITOR, &admin, DEMO_ADMIN, &partner, DEMO_PARTNER, NULL)

/* The number of audit rows of action on object_id (NULL: any) from the
 * loopback network, with a user. */
static long rows_from_client(const char *action, const char *object_id)
{
	char v[32];
	char sql[300];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit_log WHERE action = '%s' AND user_id > 0 AND "
				   "client = '127.0.0.0/24'%s", action, object_id ? " AND object_id = ?" : "");
	return atol(db_text(&srv, sql, object_id, v, sizeof(v)));
}

static void run_sql(const char *db_path, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
	char *msg = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		fprintf(stderr, "%s: %s\n", sql, msg ? msg : "?");
	sqlite3_free(msg);
	sqlite3_close(db);
	assert_int_equal(rc, SQLITE_OK);
}

/* A copy of the database beside it (the same key file applies). */
static void copy_db(const char *name, char *out, size_t n)
{
	snprintf(out, n, "%.280s/%s", srv.dir, name);
	remove(out);
	buf b;
	buf_init(&b, 0);
	assert_int_equal(run_lotse(&b, "backup", "--db", srv.db, out, NULL), 0);
	buf_free(&b);
}

/* ---- every change leaves a row, with its client ---- */

/* POST body to path from the page "from" (its form's CSRF token). */
static long submit_from(struct agent *ag, const char *from, const char *path, const char *body)
{
	struct reply r;
	assert_int_equal(agent_fetch(&srv, ag, from, &r), 200);
	reply_free(&r);
	long st = agent_submit(&srv, ag, path, body, &r);
	reply_free(&r);
	return st;
}

static void test_directory_changes_are_logged(void **state)
{
	(void)state;
	char offer[40], org[40], path[200];
	db_text(&srv, "SELECT id FROM service WHERE archived = 0 ORDER BY id LIMIT 1", NULL, offer, sizeof(offer));
	assert_int_equal(strlen(offer), 36);
	/* archive and restore */
	char page[200];
	snprintf(page, sizeof(page), "/intern/angebote/%s", offer);
	snprintf(path, sizeof(path), "/intern/angebote/%s/archivieren", offer);
	assert_int_equal(submit_from(&editor, page, path, "archived=1"), 303);
	assert_int_equal(rows_from_client("dir_archive", offer), 1);
	assert_int_equal(submit_from(&editor, page, path, "archived=0"), 303);
	assert_int_equal(rows_from_client("dir_restore", offer), 1);
	/* "geprüft" */
	snprintf(path, sizeof(path), "/intern/angebote/%s/geprueft", offer);
	assert_int_equal(submit_from(&editor, page, path, "zurueck=angebot"), 303);
	assert_int_equal(rows_from_client("dir_verify", offer), 1);
	/* the partner's "aktuell" */
	char own[40];
	db_text(&srv, "SELECT s.id FROM service s JOIN user u ON u.org_id = s.organization_id "
			"WHERE u.email = 'partner@demo.lotse.invalid' AND s.archived = 0 LIMIT 1", NULL, own, sizeof(own));
	assert_int_equal(strlen(own), 36);
	assert_int_equal(submit_from(&partner, "/intern/meine-angebote", "/intern/meine-angebote/aktuell",
				     form("angebot", own, NULL)), 303);
	assert_int_equal(rows_from_client("dir_partner_verify", own), 1);
	/* a provider saved */
	db_text(&srv, "SELECT id FROM organization WHERE archived = 0 ORDER BY id LIMIT 1", NULL, org, sizeof(org));
	assert_int_equal(strlen(org), 36);
	snprintf(path, sizeof(path), "/intern/traeger/%s", org);
	assert_int_equal(submit_from(&editor, path, path,
				     form("name", "Audit-Träger", "description", "Für den Test des Protokolls.", NULL)),
			 303);
	assert_int_equal(rows_from_client("dir_save", org), 1);
}

static void test_role_change_says_old_and_new(void **state)
{
	(void)state;
	struct reply r;
	char id[32], path[100], detail[200];
	db_text(&srv, "SELECT id FROM user WHERE email = 'researcher@demo.lotse.invalid'", NULL, id, sizeof(id));
	char page[100];
	snprintf(page, sizeof(page), "/intern/benutzer/%s", id);
	snprintf(path, sizeof(path), "/intern/benutzer/%s/rollen", id);
	assert_int_equal(submit_from(&admin, page, path, "role_researcher=1&role_editor=1"), 303);
	assert_int_equal(rows_from_client("user_roles", id), 1);
	db_text(&srv, "SELECT detail FROM audit_log WHERE action = 'user_roles' ORDER BY id DESC LIMIT 1", NULL,
		detail, sizeof(detail));
	assert_string_equal(detail, "researcher -> editor,researcher");
	/* the viewer shows the network and the detail */
	assert_int_equal(agent_fetch(&srv, &admin, "/intern/protokoll", &r), 200);
	assert_contains(buf_str(&r.body), "127.0.0.0/24");
	assert_contains(buf_str(&r.body), "researcher -&gt; editor,researcher");
	assert_contains(buf_str(&r.body), "Die Kette ist intakt");
	/* the time in Mainz (CET, CEST in summer), the UTC time as the <time>'s value */
	char at[40], want[120];
	db_text(&srv, "SELECT at FROM audit_log WHERE action = 'user_roles' ORDER BY id DESC LIMIT 1", NULL, at,
		sizeof(at));
	struct tm tm = { 0 };
	assert_non_null(strptime(at, "%Y-%m-%dT%H:%M:%SZ", &tm));
	time_t t = timegm(&tm);
	t += (layout_summer_time(t) ? 2 : 1) * 3600;
	struct tm l;
	gmtime_r(&t, &l);
	snprintf(want, sizeof(want), "<time datetime=\"%s\">%02d.%02d.%04d, %02d:%02d Uhr</time>", at, l.tm_mday,
		 l.tm_mon + 1, l.tm_year + 1900, l.tm_hour, l.tm_min);
	assert_contains(buf_str(&r.body), want);
	assert_not_contains(buf_str(&r.body), "UTC");
	reply_free(&r);
}

/* The options of the viewer's filter select name: none shows its code
 * instead of a label (an action of a capability the labels forgot). */
static void filter_labelled(const char *page, const char *name)
{
	char key[64];
	snprintf(key, sizeof(key), "name=\"%s\"", name);
	const char *p = strstr(page, key);
	assert_non_null(p);
	const char *end = strstr(p, "</select>");
	assert_non_null(end);
	size_t n = 0;
	while ((p = strstr(p, "<option value=\"")) && p < end) {
		p += strlen("<option value=\"");
		size_t vl = strcspn(p, "\"");
		const char *text = strchr(p, '>') + 1;
		size_t tl = (size_t)(strstr(text, "</option>") - text);
		if (vl == 0)
			continue; /* "Alle" */
		n++;
		if (vl == tl && strncmp(p, text, vl) == 0)
			fail_msg("the %s filter shows the code %.*s instead of a label", name, (int)vl, p);
	}
	assert_true(n > 0);
}

/* The log reads without knowing codes: after a backup on the command line
 * and the admin's sign-in with a code (second factor), every action and
 * object type it holds has a label, also the committees' composed ones. */
static void test_labels_for_people(void **state)
{
	(void)state;
	char copy[300];
	copy_db("labels.db", copy, sizeof(copy));
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &admin, "/intern/protokoll", &r), 200);
	const char *b = buf_str(&r.body);
	filter_labelled(b, "action");
	filter_labelled(b, "object");
	assert_contains(b, ">Sicherung erstellt</option>");
	assert_contains(b, ">Anmeldung mit Code (zweiter Faktor)</option>");
	reply_free(&r);
}

static void test_cli_export_import_logged(void **state)
{
	(void)state;
	char dir[300], v[200];
	buf out;
	buf_init(&out, 0);
	snprintf(dir, sizeof(dir), "%.280s/hsds-out", srv.dir);
	assert_int_equal(run_lotse(&out, "export", "hsds", "--db", srv.db, dir, NULL), 0);
	db_text(&srv, "SELECT object_id || '|' || client || '|' || outcome FROM audit_log "
			"WHERE action = 'hsds_export' ORDER BY id DESC LIMIT 1", NULL, v, sizeof(v));
	assert_string_equal(v, "hsds-out|local|ok");
	db_text(&srv, "SELECT detail FROM audit_log WHERE action = 'hsds_export' ORDER BY id DESC LIMIT 1", NULL, v,
		sizeof(v));
	assert_non_null(strstr(v, " rows"));
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "import", "hsds", "--db", srv.db, dir, NULL), 0);
	db_text(&srv, "SELECT object_id || '|' || client || '|' || outcome FROM audit_log "
			"WHERE action = 'hsds_import' ORDER BY id DESC LIMIT 1", NULL, v, sizeof(v));
	assert_string_equal(v, "hsds-out|local|ok");
	db_text(&srv, "SELECT detail FROM audit_log WHERE action = 'hsds_import' ORDER BY id DESC LIMIT 1", NULL, v,
		sizeof(v));
	assert_non_null(strstr(v, "services"));
	buf_free(&out);
}

/* ---- verify: keyed, needs its key, finds a cut tail ---- */

/* Recompute every hash by the old rule, without a key, after changing row 2. */
static void rewrite_plain(const char *db_path)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "DROP TRIGGER audit_log_no_update;"
				      "UPDATE audit_log SET outcome = 'failed' WHERE id = 2", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT id, at, coalesce(user_id, 0), action, object_type, object_id, "
				"outcome FROM audit_log ORDER BY id", -1, &st, NULL), SQLITE_OK);
	char prev[65];
	memset(prev, '0', 64);
	prev[64] = '\0';
	while (sqlite3_step(st) == SQLITE_ROW) {
		char msg[2048], hex[65], sql[300];
		snprintf(msg, sizeof(msg), "%s\x1f%lld\x1f%s\x1f%lld\x1f%s\x1f%s\x1f%s\x1f%s", prev,
			 (long long)sqlite3_column_int64(st, 0), sqlite3_column_text(st, 1),
			 (long long)sqlite3_column_int64(st, 2), sqlite3_column_text(st, 3), sqlite3_column_text(st, 4),
			 sqlite3_column_text(st, 5), sqlite3_column_text(st, 6));
		unsigned char h[32];
		crypto_hash_sha256(h, (const unsigned char *)msg, strlen(msg));
		sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
		snprintf(sql, sizeof(sql), "UPDATE audit_log SET prev_hash = '%s', hash = '%s' WHERE id = %lld", prev, hex,
			 (long long)sqlite3_column_int64(st, 0));
		assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
		memcpy(prev, hex, sizeof(prev));
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void test_verify_rewritten_chain(void **state)
{
	(void)state;
	char copy[320];
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "audit", "verify", "--db", srv.db, NULL), 0);
	assert_contains(buf_str(&out), "chain intact");
	copy_db("rewritten.db", copy, sizeof(copy));
	rewrite_plain(copy);
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "audit", "verify", "--db", copy, NULL), 1);
	assert_contains(buf_str(&out), "BROKEN");
	buf_free(&out);
}

static void test_verify_without_key(void **state)
{
	(void)state;
	char key[320];
	buf out;
	buf_init(&out, 0);
	snprintf(key, sizeof(key), "%.280s/no-such.key", srv.dir);
	setenv("LOTSE_KEY_FILE", key, 1);
	int rc = run_lotse(&out, "audit", "verify", "--db", srv.db, NULL);
	unsetenv("LOTSE_KEY_FILE");
	assert_int_equal(rc, 1);
	assert_contains(buf_str(&out), "NOT VERIFIED");
	assert_contains(buf_str(&out), "without its key");
	assert_contains(buf_str(&out), "no-such.key");
	assert_not_contains(buf_str(&out), "intact");
	buf_free(&out);
}

static void test_verify_finds_cut_tail(void **state)
{
	(void)state;
	char copy[320], head[32], log[340];
	buf out;
	buf_init(&out, 0);
	/* a restart writes the head to the server's log */
	assert_int_equal(server_stop(&srv), 0);
	assert_int_equal(server_restart(&srv), 0);
	db_text(&srv, "SELECT max(id) FROM audit_log", NULL, head, sizeof(head));
	assert_true(atol(head) > 5);
	/* the log holds the head at the start */
	snprintf(log, sizeof(log), "%s", srv.log);
	copy_db("cut.db", copy, sizeof(copy));
	assert_int_equal(run_lotse(&out, "audit", "verify", "--db", copy, "--head", log, NULL), 0);
	assert_contains(buf_str(&out), "audit head ok");
	/* rows at the end cut off: the chain left is intact in itself */
	char sql[200];
	snprintf(sql, sizeof(sql), "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id > %ld",
		 atol(head) - 5);
	run_sql(copy, sql);
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "audit", "verify", "--db", copy, NULL), 0);
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "audit", "verify", "--db", copy, "--head", log, NULL), 1);
	assert_contains(buf_str(&out), "BROKEN");
	assert_contains(buf_str(&out), "truncated");
	/* and so does the head the backup wrote beside the copy */
	char sidecar[400];
	snprintf(sidecar, sizeof(sidecar), "%s.audit-head", copy);
	struct stat sb;
	assert_int_equal(stat(sidecar, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	buf_reset(&out);
	assert_int_equal(run_lotse(&out, "audit", "verify", "--db", copy, "--head", sidecar, NULL), 1);
	assert_contains(buf_str(&out), "truncated");
	buf_free(&out);
}

int main(int argc, char **argv)
{
	search_init(); /* the schema needs its tokenizer */
	if (argc > 1)
		harness_bin = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	unsetenv("LOTSE_KEY_FILE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_directory_changes_are_logged),
		cmocka_unit_test(test_role_change_says_old_and_new),
		cmocka_unit_test(test_cli_export_import_logged),
		cmocka_unit_test(test_labels_for_people),
		cmocka_unit_test(test_verify_rewritten_chain),
		cmocka_unit_test(test_verify_without_key),
		cmocka_unit_test(test_verify_finds_cut_tail),
	};
	int failed = cmocka_run_group_tests_name("audit", tests, group_setup, group_teardown);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
