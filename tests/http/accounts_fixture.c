/* accounts_fixture.c — what the tests of user administration, "my
 * account" and the audit log viewer share: the server with the demo
 * admin signed in, and creating and signing in test accounts. */
#include "accounts_fixture.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct server srv;
struct agent admin;

int accounts_group_setup(void **state)
{
	(void)state;
	return harness_group_setup(&srv, NULL, &admin, DEMO_ADMIN, NULL);
}

int accounts_group_teardown(void **state)
{
	(void)state;
	return harness_group_teardown(&srv, NULL);
}

/* GET path with ag; returns the status (the body is dropped). */
long get(struct agent *ag, const char *path)
{
	struct reply r;
	if (agent_http(&srv, ag, "GET", path, NULL, NULL, &r) != 0)
		return -1;
	long st = r.status;
	reply_free(&r);
	return st;
}

/* GET from (for its CSRF token), then POST body to path. */
long post_from(struct agent *ag, const char *from, const char *path, const char *body, struct reply *out)
{
	struct reply r;
	if (agent_http(&srv, ag, "GET", from, NULL, NULL, &r) != 0)
		return -1;
	reply_free(&r);
	if (agent_post(&srv, ag, path, body, out) != 0)
		return -1;
	return out->status;
}

long user_id(const char *email)
{
	char sql[300];
	snprintf(sql, sizeof(sql), "SELECT id FROM user WHERE email = '%s'", email);
	return db_scalar(&srv, sql);
}

long audit_count(const char *action, long object_id, const char *outcome)
{
	char sql[300];
	snprintf(sql, sizeof(sql),
		 "SELECT count(*) FROM audit_log WHERE action = '%s' AND object_id = '%ld' AND outcome = '%s'",
		 action, object_id, outcome);
	return db_scalar(&srv, sql);
}

/* The password shown once on the result page. */
void shown_password(const char *body, char *out, size_t n)
{
	const char *mark = "id=\"new-password\" class=\"secret\">";
	const char *p = strstr(body, mark);
	if (!p)
		fail_msg("no password shown in:\n%.3000s", body);
	p += strlen(mark);
	const char *e = strchr(p, '<');
	assert_non_null(e);
	snprintf(out, n, "%.*s", (int)(e - p), p);
	assert_int_equal(strlen(out), 16);
}

/* As the admin: create user local@example.org with roles (a form body
 * part such as "role_editor=1"); the shown password goes to pw. Returns
 * the new id. */
long create_user(const char *local, const char *roles, char *pw, size_t n)
{
	char body[512];
	struct reply r;
	snprintf(body, sizeof(body), "email=%s%%40example.org&name=Test+Person&%s", local, roles);
	long st = post_from(&admin, "/intern/benutzer", "/intern/benutzer", body, &r);
	if (st != 200)
		fail_msg("creating %s answered %ld:\n%.3000s", local, st, buf_str(&r.body));
	shown_password(buf_str(&r.body), pw, n);
	reply_free(&r);
	char email[200];
	snprintf(email, sizeof(email), "%s@example.org", local);
	return user_id(email);
}

long login(struct agent *ag, const char *local, const char *pw)
{
	char email[200];
	snprintf(email, sizeof(email), "%s@example.org", local);
	return agent_login(&srv, ag, email, pw);
}

/* The id of the first provider `lotse org list SEARCH` prints (the way
 * an operator finds it), into out. */
void org_id(const char *search, char *out, size_t n)
{
	buf b;
	buf_init(&b, 1 << 20);
	assert_int_equal(run_lotse(&b, "org", "list", "--db", srv.db, search, NULL), 0);
	const char *s = buf_str(&b);
	size_t len = strcspn(s, "\t\n");
	assert_true(len == 36 && s[len] == '\t');
	snprintf(out, n, "%.*s", (int)len, s);
	buf_free(&b);
}
