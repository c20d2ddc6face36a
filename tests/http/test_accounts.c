/* test_accounts.c — user administration against the real server: the
 * list, creating accounts (and what is refused), partners' organisations,
 * a user's page (IDOR), roles take effect, disabling and password resets
 * end sessions, admins cannot lock themselves out, other roles are
 * refused; every change is audited, the audit log viewer's filters and
 * paging, the chain complete and verified, and the alarm on a tampered
 * log (a server of its own). "My account": test_accounts_self.c. */
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

/* ---- user administration ---- */

static void test_user_list(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_http(&srv, &admin, "GET", "/intern/benutzer", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "<title>Benutzer – ");
	assert_contains(b, "noindex");
	assert_contains(b, "editor@demo.lotse.invalid");
	assert_contains(b, "partner@demo.lotse.invalid");
	assert_contains(b, "<td>Partnerorganisation</td>");
	assert_contains(b, "<td>aktiv</td>");
	assert_contains(b, "Neues Konto anlegen");
	assert_contains(b, "name=\"csrf\" value=\"");
	assert_contains(b, "name=\"role_counsellor\"");
	assert_string_equal(reply_header(&r, "Cache-Control"), "no-store");
	reply_free(&r);
}

static void test_create_user_and_login(void **state)
{
	(void)state;
	char pw[32], body[512];
	struct reply r;
	long users = db_scalar(&srv, "SELECT count(*) FROM user");
	snprintf(body, sizeof(body), "email=lena.berg%%40example.org&name=%%3Cb%%3ELena%%3C%%2Fb%%3E&"
				     "role_editor=1&role_researcher=1&org=ignored");
	assert_int_equal(post_from(&admin, "/intern/benutzer", "/intern/benutzer", body, &r), 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "Das Konto für lena.berg@example.org ist angelegt.");
	assert_contains(b, "Anfangspasswort");
	assert_contains(b, "nur jetzt angezeigt");
	assert_string_equal(reply_header(&r, "Cache-Control"), "no-store");
	shown_password(b, pw, sizeof(pw));
	reply_free(&r);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM user"), users + 1);
	long id = user_id("lena.berg@example.org");
	assert_true(id > 0);
	char sql[200];
	snprintf(sql, sizeof(sql), "SELECT group_concat(role) = 'editor,researcher' FROM "
				   "(SELECT role FROM user_role WHERE user_id = %ld ORDER BY role)", id);
	assert_int_equal(db_scalar(&srv, sql), 1);
	/* org only counts for partners */
	snprintf(sql, sizeof(sql), "SELECT org_id IS NULL FROM user WHERE id = %ld", id);
	assert_int_equal(db_scalar(&srv, sql), 1);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit_log WHERE action = 'user_add' AND "
				   "object_id = '%ld' AND user_id = (SELECT id FROM user WHERE email = '%s')",
		 id, "admin@demo.lotse.invalid");
	assert_int_equal(db_scalar(&srv, sql), 1);

	/* the shown password works */
	struct agent ag;
	agent_init(&ag);
	assert_int_equal(login(&ag, "lena.berg", pw), 303);
	assert_int_equal(get(&ag, "/intern"), 200);
	agent_free(&ag);

	/* the list escapes the name and shows translated roles */
	assert_int_equal(agent_http(&srv, &admin, "GET", "/intern/benutzer", NULL, NULL, &r), 0);
	b = buf_str(&r.body);
	assert_contains(b, "<td>&lt;b&gt;Lena&lt;/b&gt;</td>");
	assert_not_contains(b, "<b>Lena");
	assert_contains(b, "<td>Redaktion, Forschung</td>");
	reply_free(&r);
}

static void test_create_user_refused(void **state)
{
	(void)state;
	char pw[32];
	struct reply r;
	create_user("doppelt", "role_editor=1", pw, sizeof(pw));
	long users = db_scalar(&srv, "SELECT count(*) FROM user");

	/* the same address (in other letters) again: at the field, values kept */
	assert_int_equal(post_from(&admin, "/intern/benutzer", "/intern/benutzer",
				   "email=DOPPELT%40example.org&name=Zweite+Person&role_editor=1", &r), 422);
	const char *b = buf_str(&r.body);
	assert_contains(b, "Es gibt schon ein Konto mit dieser E-Mail-Adresse.");
	assert_contains(b, "class=\"field-error\" id=\"f-email-err\"");
	assert_contains(b, "value=\"DOPPELT@example.org\"");
	assert_contains(b, "value=\"Zweite Person\"");
	assert_contains(b, "id=\"f-role_editor\" name=\"role_editor\" value=\"1\" checked>");
	assert_not_contains(b, "new-password");
	reply_free(&r);

	/* a partner without organisation */
	assert_int_equal(post_from(&admin, "/intern/benutzer", "/intern/benutzer",
				   "email=partner2%40example.org&name=P&role_partner=1&org=", &r), 422);
	b = buf_str(&r.body);
	assert_contains(b, "Für die Rolle Partnerorganisation wählen Sie bitte die Organisation.");
	assert_contains(b, "id=\"f-org-err\"");
	assert_contains(b, "value=\"partner2@example.org\"");
	reply_free(&r);

	/* an organisation that is not a provider: made up, or not even an identifier */
	assert_int_equal(post_from(&admin, "/intern/benutzer", "/intern/benutzer",
				   "email=partner2%40example.org&name=P&role_partner=1&org=a+b%3C", &r), 422);
	assert_contains(buf_str(&r.body), "Diese Organisation gibt es im Verzeichnis nicht.");
	reply_free(&r);
	assert_int_equal(post_from(&admin, "/intern/benutzer", "/intern/benutzer",
				   "email=partner2%40example.org&name=P&role_partner=1&org=traeger-mainz", &r), 422);
	b = buf_str(&r.body);
	assert_contains(b, "Diese Organisation gibt es im Verzeichnis nicht.");
	assert_contains(b, "class=\"field-error\" id=\"f-org-err\"");
	assert_contains(b, "value=\"partner2@example.org\"");
	reply_free(&r);

	/* no role, no name, a bad address */
	assert_int_equal(post_from(&admin, "/intern/benutzer", "/intern/benutzer",
				   "email=kein-at-zeichen&name=", &r), 422);
	b = buf_str(&r.body);
	assert_contains(b, "Bitte wählen Sie mindestens eine Rolle.");
	assert_contains(b, "Bitte geben Sie eine gültige E-Mail-Adresse ein.");
	assert_contains(b, "Bitte füllen Sie dieses Feld aus.");
	assert_contains(b, "Bitte prüfen Sie Ihre Eingaben");
	reply_free(&r);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM user"), users);

	/* with its organisation the partner is created */
	char org[40], roles[100];
	org_id("Jugendmigrationsdienst Mainz", org, sizeof(org));
	snprintf(roles, sizeof(roles), "role_partner=1&org=%s", org);
	long id = create_user("partner2", roles, pw, sizeof(pw));
	char sql[200];
	snprintf(sql, sizeof(sql), "SELECT org_id = '%s' FROM user WHERE id = %ld", org, id);
	assert_int_equal(db_scalar(&srv, sql), 1);
}

/* A partner account is bound to its provider by picking it from a list
 * of names, not by typing an internal id; the id the list sends must be
 * a current provider's. */
static void test_partner_org_picker(void **state)
{
	(void)state;
	char org[40], body[300], pw[32], path[100], want[200];
	struct reply r;
	org_id("Jugendmigrationsdienst Mainz", org, sizeof(org));
	assert_int_equal(agent_http(&srv, &admin, "GET", "/intern/benutzer", NULL, NULL, &r), 0);
	const char *b = buf_str(&r.body);
	assert_contains(b, "<select id=\"f-org\" name=\"org\"");
	snprintf(want, sizeof(want), "<option value=\"%s\">Jugendmigrationsdienst Mainz (Beispiel) (Mainz)</option>", org);
	assert_contains(b, want);
	assert_not_contains(b, "<input id=\"f-org\"");
	reply_free(&r);

	/* a made-up id is refused at the field, nothing is created */
	long users = db_scalar(&srv, "SELECT count(*) FROM user");
	assert_int_equal(post_from(&admin, "/intern/benutzer", "/intern/benutzer",
				   "email=waehler%40example.org&name=W&role_partner=1&org=00000000-0000-4000-8000-000000000000",
				   &r), 422);
	assert_contains(buf_str(&r.body), "Diese Organisation gibt es im Verzeichnis nicht.");
	reply_free(&r);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM user"), users);

	/* the picked one binds it; the user page names it and has it picked */
	snprintf(body, sizeof(body), "role_partner=1&org=%s", org);
	long id = create_user("waehler", body, pw, sizeof(pw));
	snprintf(path, sizeof(path), "/intern/benutzer/%ld", id);
	assert_int_equal(agent_http(&srv, &admin, "GET", path, NULL, NULL, &r), 0);
	b = buf_str(&r.body);
	assert_contains(b, "<dd>Jugendmigrationsdienst Mainz (Beispiel)</dd>");
	snprintf(want, sizeof(want), "<option value=\"%s\" selected>", org);
	assert_contains(b, want);
	reply_free(&r);

	/* the roles form refuses a made-up id too, and keeps the binding */
	snprintf(path, sizeof(path), "/intern/benutzer/%ld/rollen", id);
	assert_int_equal(post_from(&admin, "/intern/benutzer", path, "role_partner=1&org=erfunden", &r), 422);
	assert_contains(buf_str(&r.body), "Diese Organisation gibt es im Verzeichnis nicht.");
	reply_free(&r);
	char sql[200];
	snprintf(sql, sizeof(sql), "SELECT org_id = '%s' FROM user WHERE id = %ld", org, id);
	assert_int_equal(db_scalar(&srv, sql), 1);
}

/* The command line: `lotse org list` finds the id, `lotse user add
 * --org` refuses one that is no provider's. */
static void test_partner_org_cli(void **state)
{
	(void)state;
	char org[40];
	buf out;
	buf_init(&out, 1 << 20);
	/* one line per provider: id, name, town; a search narrows it */
	assert_int_equal(run_lotse(&out, "org", "list", "--db", srv.db, NULL), 0);
	assert_contains(buf_str(&out), "\tJugendmigrationsdienst Mainz (Beispiel)\tMainz\n");
	assert_contains(buf_str(&out), "\tVolkshochschule Mainz (Beispiel)\tMainz\n");
	buf_reset(&out);
	/* by name or town, in any case */
	assert_int_equal(run_lotse(&out, "org", "list", "--db", srv.db, "LUDWIGSHAFEN", NULL), 0);
	assert_contains(buf_str(&out), "\tJugendmigrationsdienst Ludwigshafen (Beispiel)\t");
	assert_contains(buf_str(&out), "\tBildungszentrum Hemshof gGmbH (Beispiel)\tLudwigshafen am Rhein\n");
	assert_not_contains(buf_str(&out), "Mainz");
	buf_reset(&out);

	assert_int_equal(run_lotse_input("Rhein-Lotse-am-Abend\n", &out, "user", "add", "--db", srv.db, "--email",
					 "cli.partner@example.net", "--role", "partner", "--org", "erfunden",
					 "--password-stdin", NULL), 1);
	assert_contains(buf_str(&out), "no current provider has the id 'erfunden'");
	assert_contains(buf_str(&out), "lotse org list");
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM user WHERE email = 'cli.partner@example.net'"), 0);
	buf_reset(&out);

	org_id("Jugendmigrationsdienst Mainz", org, sizeof(org));
	assert_int_equal(run_lotse_input("Rhein-Lotse-am-Abend\n", &out, "user", "add", "--db", srv.db, "--email",
					 "cli.partner@example.net", "--role", "partner", "--org", org,
					 "--password-stdin", NULL), 0);
	char sql[200];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM user WHERE email = 'cli.partner@example.net' AND org_id = '%s'",
		 org);
	assert_int_equal(db_scalar(&srv, sql), 1);
	buf_free(&out);
}

static void test_user_page_and_idor(void **state)
{
	(void)state;
	struct reply r;
	long editor = user_id("editor@demo.lotse.invalid");
	char path[100];
	snprintf(path, sizeof(path), "/intern/benutzer/%ld", editor);
	assert_int_equal(agent_http(&srv, &admin, "GET", path, NULL, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "<h1>editor@demo.lotse.invalid</h1>");
	assert_contains(b, "Rollen ändern");
	assert_contains(b, "id=\"f-role_editor\" name=\"role_editor\" value=\"1\" checked>");
	assert_contains(b, "id=\"f-role_admin\" name=\"role_admin\" value=\"1\">");
	assert_contains(b, "/sperren\"");
	assert_contains(b, "Neues Passwort erzeugen");
	reply_free(&r);

	const char *bad[] = { "/intern/benutzer/999999", "/intern/benutzer/0", "/intern/benutzer/-1",
			      "/intern/benutzer/abc", "/intern/benutzer/1x", "/intern/benutzer/99999999999999999999" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(agent_http(&srv, &admin, "GET", bad[i], NULL, NULL, &r), 0);
		if (r.status != 404)
			fail_msg("%s answered %ld", bad[i], r.status);
		assert_contains(buf_str(&r.body), "Konto nicht gefunden");
		reply_free(&r);
	}
	assert_int_equal(post_from(&admin, "/intern/benutzer", "/intern/benutzer/999999/sperren", "disabled=1", &r),
			 404);
	reply_free(&r);
	assert_int_equal(post_from(&admin, "/intern/benutzer", "/intern/benutzer/999999/passwort", "", &r), 404);
	reply_free(&r);
	assert_int_equal(post_from(&admin, "/intern/benutzer", "/intern/benutzer/999999/rollen", "role_editor=1",
				   &r), 404);
	reply_free(&r);
}

/* The admin corrects a name and the e-mail address; the person then signs
 * in with the new address. Another account's address is refused. */
static void test_change_name_and_email(void **state)
{
	(void)state;
	char pw[32], path[100], pw2[32];
	struct reply r;
	long id = create_user("angaben", "role_editor=1", pw, sizeof(pw));
	create_user("besetzt", "role_editor=1", pw2, sizeof(pw2));
	snprintf(path, sizeof(path), "/intern/benutzer/%ld", id);
	assert_int_equal(agent_http(&srv, &admin, "GET", path, NULL, NULL, &r), 0);
	assert_contains(buf_str(&r.body), "<h2 id=\"angaben\">Name und E-Mail-Adresse ändern</h2>");
	assert_contains(buf_str(&r.body), "value=\"angaben@example.org\"");
	reply_free(&r);

	snprintf(path, sizeof(path), "/intern/benutzer/%ld/angaben", id);
	/* bad input: the form again with the message at the field, nothing saved */
	assert_int_equal(post_from(&admin, "/intern/benutzer", path, "email=kein-at&name=", &r), 422);
	assert_contains(buf_str(&r.body), "class=\"error-summary\"");
	assert_contains(buf_str(&r.body), "value=\"kein-at\"");
	reply_free(&r);
	assert_int_equal(post_from(&admin, "/intern/benutzer", path, "email=BESETZT%40example.org&name=X", &r), 422);
	assert_contains(buf_str(&r.body), "Es gibt schon ein Konto mit dieser E-Mail-Adresse.");
	reply_free(&r);
	assert_int_equal(user_id("angaben@example.org"), id);

	assert_int_equal(post_from(&admin, "/intern/benutzer", path,
				   "email=neu.angaben%40example.org&name=Neuer+Name", &r), 303);
	char want[100];
	snprintf(want, sizeof(want), "/intern/benutzer/%ld?ok=angaben", id);
	assert_string_equal(reply_header(&r, "Location"), want);
	reply_free(&r);
	assert_int_equal(agent_http(&srv, &admin, "GET", want, NULL, NULL, &r), 0);
	assert_contains(buf_str(&r.body), "Name und E-Mail-Adresse sind gespeichert.");
	assert_contains(buf_str(&r.body), "<dd>Neuer Name</dd>");
	reply_free(&r);
	assert_int_equal(audit_count("user_profile", id, "ok"), 1);

	struct agent ag;
	agent_init(&ag);
	assert_int_equal(login(&ag, "angaben", pw), 401); /* the old address no longer signs in */
	assert_int_equal(login(&ag, "neu.angaben", pw), 303);
	agent_free(&ag);
}

static void test_roles_take_effect(void **state)
{
	(void)state;
	char pw[32], path[100];
	struct reply r;
	long id = create_user("rollen", "role_editor=1", pw, sizeof(pw));
	struct agent ag;
	agent_init(&ag);
	assert_int_equal(login(&ag, "rollen", pw), 303);
	assert_int_equal(get(&ag, "/intern/benutzer"), 403);

	snprintf(path, sizeof(path), "/intern/benutzer/%ld/rollen", id);
	assert_int_equal(post_from(&admin, "/intern/benutzer", path, "role_editor=1&role_admin=1", &r), 303);
	char want[100];
	snprintf(want, sizeof(want), "/intern/benutzer/%ld?ok=rollen", id);
	assert_string_equal(reply_header(&r, "Location"), want);
	reply_free(&r);
	/* an admin needs a second factor: first its enrolment (#11) */
	assert_int_equal(get(&ag, "/intern/benutzer"), 303);
	char key[64], code0[32];
	assert_int_equal(agent_enrol(&srv, &ag, key, code0), 0);
	/* the same session, on its next request */
	assert_int_equal(get(&ag, "/intern/benutzer"), 200);
	assert_int_equal(agent_http(&srv, &admin, "GET", want, NULL, NULL, &r), 0);
	assert_contains(buf_str(&r.body), "Die Rollen sind gespeichert.");
	assert_contains(buf_str(&r.body), "<dd>Administration, Redaktion</dd>");
	reply_free(&r);

	/* no role at all is refused, nothing changes */
	assert_int_equal(post_from(&admin, "/intern/benutzer", path, "org=", &r), 422);
	assert_contains(buf_str(&r.body), "Bitte wählen Sie mindestens eine Rolle.");
	reply_free(&r);
	assert_int_equal(get(&ag, "/intern/benutzer"), 200);

	/* partner needs the organisation here too */
	assert_int_equal(post_from(&admin, "/intern/benutzer", path, "role_partner=1", &r), 422);
	assert_contains(buf_str(&r.body), "Für die Rolle Partnerorganisation");
	reply_free(&r);

	assert_int_equal(post_from(&admin, "/intern/benutzer", path, "role_researcher=1", &r), 303);
	reply_free(&r);
	assert_int_equal(get(&ag, "/intern/benutzer"), 403);
	assert_int_equal(get(&ag, "/intern"), 200);
	agent_free(&ag);
	assert_int_equal(audit_count("user_roles", id, "ok"), 2);
}

static void test_disable_ends_sessions(void **state)
{
	(void)state;
	char pw[32], path[100];
	struct reply r;
	long id = create_user("sperre", "role_researcher=1", pw, sizeof(pw));
	struct agent ag;
	agent_init(&ag);
	assert_int_equal(login(&ag, "sperre", pw), 303);
	assert_int_equal(get(&ag, "/intern"), 200);

	snprintf(path, sizeof(path), "/intern/benutzer/%ld/sperren", id);
	assert_int_equal(post_from(&admin, "/intern/benutzer", path, "disabled=1", &r), 303);
	reply_free(&r);
	/* the existing session is dead */
	assert_int_equal(agent_http(&srv, &ag, "GET", "/intern", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 303);
	assert_non_null(strstr(reply_header(&r, "Location"), "/login"));
	reply_free(&r);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM session WHERE user_id = "
					 "(SELECT id FROM user WHERE email = 'sperre@example.org')"), 0);
	/* and signing in fails */
	assert_int_equal(login(&ag, "sperre", pw), 401);
	snprintf(path, sizeof(path), "/intern/benutzer/%ld", id);
	assert_int_equal(agent_http(&srv, &admin, "GET", path, NULL, NULL, &r), 0);
	assert_contains(buf_str(&r.body), "<dd>gesperrt</dd>");
	assert_contains(buf_str(&r.body), "name=\"disabled\" value=\"0\"");
	reply_free(&r);
	assert_int_equal(agent_http(&srv, &admin, "GET", "/intern/benutzer", NULL, NULL, &r), 0);
	assert_contains(buf_str(&r.body), "<td>gesperrt</td>");
	reply_free(&r);

	/* a value other than 0 or 1 */
	snprintf(path, sizeof(path), "/intern/benutzer/%ld/sperren", id);
	assert_int_equal(post_from(&admin, "/intern/benutzer", path, "disabled=ja", &r), 422);
	reply_free(&r);

	/* enabled again, the password works again */
	assert_int_equal(post_from(&admin, "/intern/benutzer", path, "disabled=0", &r), 303);
	reply_free(&r);
	assert_int_equal(login(&ag, "sperre", pw), 303);
	assert_int_equal(get(&ag, "/intern"), 200);
	agent_free(&ag);
	assert_int_equal(audit_count("user_disable", id, "ok"), 1);
	assert_int_equal(audit_count("user_enable", id, "ok"), 1);
}

static void test_reset_password(void **state)
{
	(void)state;
	char pw[32], fresh[32], path[100];
	struct reply r;
	long id = create_user("vergessen", "role_counsellor=1", pw, sizeof(pw));
	struct agent ag;
	agent_init(&ag);
	assert_int_equal(login(&ag, "vergessen", pw), 303);
	assert_int_equal(get(&ag, "/intern"), 200);

	snprintf(path, sizeof(path), "/intern/benutzer/%ld/passwort", id);
	assert_int_equal(post_from(&admin, "/intern/benutzer", path, "", &r), 200);
	assert_contains(buf_str(&r.body), "Neues Passwort erzeugt");
	assert_string_equal(reply_header(&r, "Cache-Control"), "no-store");
	shown_password(buf_str(&r.body), fresh, sizeof(fresh));
	reply_free(&r);
	assert_string_not_equal(pw, fresh);

	assert_int_equal(get(&ag, "/intern"), 303);  /* sessions ended */
	assert_int_equal(login(&ag, "vergessen", pw), 401);
	assert_int_equal(login(&ag, "vergessen", fresh), 303);
	assert_int_equal(get(&ag, "/intern"), 200);
	agent_free(&ag);
	assert_int_equal(audit_count("password_reset", id, "ok"), 1);
}

static void test_admin_cannot_lock_out_self(void **state)
{
	(void)state;
	char path[100];
	struct reply r;
	long me = user_id("admin@demo.lotse.invalid");

	snprintf(path, sizeof(path), "/intern/benutzer/%ld", me);
	assert_int_equal(agent_http(&srv, &admin, "GET", path, NULL, NULL, &r), 0);
	assert_contains(buf_str(&r.body), "Ihr eigenes Konto können Sie nicht sperren.");
	assert_not_contains(buf_str(&r.body), "/sperren\"");
	reply_free(&r);

	snprintf(path, sizeof(path), "/intern/benutzer/%ld/sperren", me);
	assert_int_equal(post_from(&admin, "/intern/benutzer", path, "disabled=1", &r), 422);
	assert_contains(buf_str(&r.body), "Ihr eigenes Konto können Sie nicht sperren.");
	reply_free(&r);

	snprintf(path, sizeof(path), "/intern/benutzer/%ld/rollen", me);
	assert_int_equal(post_from(&admin, "/intern/benutzer", path, "role_editor=1", &r), 422);
	assert_contains(buf_str(&r.body), "Sie können sich die Administration nicht selbst entziehen.");
	reply_free(&r);

	snprintf(path, sizeof(path), "/intern/benutzer/%ld/passwort", me);
	assert_int_equal(post_from(&admin, "/intern/benutzer", path, "", &r), 422);
	assert_contains(buf_str(&r.body), "Mein Konto");
	assert_not_contains(buf_str(&r.body), "new-password");
	reply_free(&r);

	char sql[200];
	snprintf(sql, sizeof(sql), "SELECT disabled FROM user WHERE id = %ld", me);
	assert_int_equal(db_scalar(&srv, sql), 0);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM user_role WHERE user_id = %ld AND role = 'admin'", me);
	assert_int_equal(db_scalar(&srv, sql), 1);
	/* adding a role to oneself is fine */
	snprintf(path, sizeof(path), "/intern/benutzer/%ld/rollen", me);
	assert_int_equal(post_from(&admin, "/intern/benutzer", path, "role_admin=1&role_editor=1", &r), 303);
	reply_free(&r);
	assert_int_equal(post_from(&admin, "/intern/benutzer", path, "role_admin=1", &r), 303);
	reply_free(&r);
	assert_int_equal(get(&admin, "/intern/benutzer"), 200);
}

static void test_non_admin_refused(void **state)
{
	(void)state;
	struct agent ag;
	struct reply r;
	agent_init(&ag);
	assert_int_equal(agent_login_as(&srv, &ag, DEMO_EDITOR), 303);
	const char *paths[] = { "/intern/benutzer", "/intern/protokoll", "/intern/benutzer/1" };
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		if (get(&ag, paths[i]) != 403)
			fail_msg("%s was not refused", paths[i]);
	long users = db_scalar(&srv, "SELECT count(*) FROM user");
	assert_int_equal(post_from(&ag, "/intern/konto", "/intern/benutzer",
				   "email=x%40example.org&name=X&role_admin=1", &r), 403);
	reply_free(&r);
	assert_int_equal(post_from(&ag, "/intern/konto", "/intern/benutzer/1/rollen", "role_admin=1", &r), 403);
	reply_free(&r);
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM user"), users);
	assert_int_equal(get(&ag, "/intern/konto"), 200);
	agent_free(&ag);

	/* signed out: to the login, and a POST is refused */
	struct reply a;
	assert_int_equal(http_get(&srv, "/intern/protokoll", &a), 0);
	assert_int_equal(a.status, 303);
	reply_free(&a);
	assert_int_equal(http_post_form(&srv, "/intern/benutzer/1/sperren", "disabled=1", &a), 0);
	assert_int_equal(a.status, 403);
	reply_free(&a);
	/* without the CSRF token, even the admin is refused */
	assert_int_equal(agent_http(&srv, &admin, "POST", "/intern/benutzer/2/sperren", "disabled=1",
				    "application/x-www-form-urlencoded", &a), 0);
	assert_int_equal(a.status, 403);
	reply_free(&a);
	assert_int_equal(db_scalar(&srv, "SELECT disabled FROM user WHERE id = 2"), 0);
}

/* ---- the audit log ---- */

static void test_audit_viewer(void **state)
{
	(void)state;
	char pw[32], want[100];
	struct reply r;
	create_user("protokoll", "role_editor=1", pw, sizeof(pw));

	long rows = db_scalar(&srv, "SELECT count(*) FROM audit_log");
	assert_int_equal(agent_http(&srv, &admin, "GET", "/intern/protokoll", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	const char *b = buf_str(&r.body);
	snprintf(want, sizeof(want), "Die Kette ist intakt: %ld Einträge.", rows);
	assert_contains(b, want);
	assert_contains(b, "<td>Anmeldung im internen Bereich</td>");
	assert_contains(b, "<td>Konto angelegt</td>");
	assert_contains(b, "<td>admin@demo.lotse.invalid</td>");
	assert_contains(b, "<option value=\"login\">Anmeldung im internen Bereich</option>");
	assert_contains(b, "<option value=\"user\">Konto</option>");
	assert_contains(b, "noindex");
	reply_free(&r);

	assert_int_equal(agent_http(&srv, &admin, "GET", "/intern/protokoll?action=login", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	b = buf_str(&r.body);
	assert_contains(b, "<td>Anmeldung im internen Bereich</td>");
	assert_not_contains(b, "<td>Konto angelegt</td>");
	assert_contains(b, "<option value=\"login\" selected>");
	reply_free(&r);

	assert_int_equal(agent_http(&srv, &admin, "GET", "/intern/protokoll?action=user_add&object=user", NULL,
				    NULL, &r), 0);
	b = buf_str(&r.body);
	assert_contains(b, "<td>Konto angelegt</td>");
	assert_not_contains(b, "<td>Anmeldung im internen Bereich</td>");
	reply_free(&r);

	/* by user: the editor's rows only */
	long editor = user_id("editor@demo.lotse.invalid");
	char path[120];
	snprintf(path, sizeof(path), "/intern/protokoll?user=%ld", editor);
	assert_int_equal(agent_http(&srv, &admin, "GET", path, NULL, NULL, &r), 0);
	b = buf_str(&r.body);
	assert_contains(b, "<td>editor@demo.lotse.invalid</td>");
	assert_not_contains(b, "<td>admin@demo.lotse.invalid</td>");
	reply_free(&r);

	/* undeclared values are refused at the filter */
	assert_int_equal(agent_http(&srv, &admin, "GET", "/intern/protokoll?action=drop+table&user=abc", NULL,
				    NULL, &r), 0);
	assert_int_equal(r.status, 422);
	assert_contains(buf_str(&r.body), "Bitte wählen Sie einen der angebotenen Werte.");
	assert_contains(buf_str(&r.body), "Bitte geben Sie eine ganze Zahl ein.");
	reply_free(&r);
}

static void test_audit_paging(void **state)
{
	(void)state;
	struct agent ag;
	struct reply r;
	agent_init(&ag);
	assert_int_equal(agent_login_as(&srv, &ag, DEMO_RESEARCHER), 303);
	for (int i = 0; i < 60; i++)
		assert_int_equal(get(&ag, "/intern/benutzer"), 403); /* each one an access_denied row */
	agent_free(&ag);
	long total = db_scalar(&srv, "SELECT count(*) FROM audit_log WHERE action = 'access_denied'");
	assert_true(total >= 60);

	assert_int_equal(agent_http(&srv, &admin, "GET", "/intern/protokoll?action=access_denied", NULL, NULL,
				    &r), 0);
	const char *b = buf_str(&r.body);
	assert_contains(b, "Ältere Einträge");
	const char *p = strstr(b, "rel=\"next\" href=\"");
	assert_non_null(p);
	p += strlen("rel=\"next\" href=\"");
	char next[200];
	size_t k = 0;
	for (; *p && *p != '"' && k + 1 < sizeof(next); p++) {
		if (strncmp(p, "&amp;", 5) == 0)
			p += 4;
		next[k++] = *p;
	}
	next[k] = '\0';
	assert_non_null(strstr(next, "before="));
	assert_non_null(strstr(next, "action=access_denied"));
	size_t first_page = 0;
	for (const char *q = b; (q = strstr(q, "<td>Zugriff verweigert</td>")); q++)
		first_page++;
	assert_int_equal(first_page, 50);
	reply_free(&r);

	assert_int_equal(agent_http(&srv, &admin, "GET", next, NULL, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	b = buf_str(&r.body);
	size_t second = 0;
	for (const char *q = b; (q = strstr(q, "<td>Zugriff verweigert</td>")); q++)
		second++;
	assert_true(second > 0);
	if (total <= 100)
		assert_int_equal((long)(first_page + second), total);
	assert_contains(b, "Neueste Einträge");
	reply_free(&r);
}

/* Every admin action of this group left its row, by the admin, and the
 * chain is still intact for the command line. */
static void test_audit_complete_and_verified(void **state)
{
	(void)state;
	const char *actions[] = { "user_add", "user_roles", "user_disable", "user_enable", "password_reset" };
	for (size_t i = 0; i < sizeof(actions) / sizeof(actions[0]); i++) {
		char sql[300];
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit_log WHERE action = '%s' AND outcome = 'ok' "
					   "AND user_id = (SELECT id FROM user WHERE email = 'admin@demo.lotse.invalid')",
			 actions[i]);
		if (db_scalar(&srv, sql) < 1)
			fail_msg("no audit row for %s", actions[i]);
	}
	/* one user_add per account created here (8), each by the admin */
	assert_int_equal(db_scalar(&srv, "SELECT count(*) FROM audit_log WHERE action = 'user_add' AND outcome = 'ok'"),
			 db_scalar(&srv, "SELECT count(*) FROM user WHERE email LIKE '%@example.org'"));
	buf out;
	buf_init(&out, 0);
	assert_int_equal(run_lotse(&out, "audit", "verify", "--db", srv.db, NULL), 0);
	assert_non_null(strstr(buf_str(&out), "chain intact"));
	buf_free(&out);
}

/* ---- a tampered log (a server of its own) ---- */

static struct server tampered;

static void test_audit_viewer_alarm(void **state)
{
	(void)state;
	struct agent ag;
	struct reply r;
	assert_int_equal(server_start(&tampered, NULL), 0);
	agent_init(&ag);
	assert_int_equal(agent_login(&tampered, &ag, demo_email[DEMO_ADMIN], tampered.demo_pw[DEMO_ADMIN]), 303);
	db_scalar(&tampered, "DROP TRIGGER audit_log_no_update");
	assert_int_equal(db_scalar(&tampered, "UPDATE audit_log SET outcome = 'failed' WHERE id = 1"), 0);
	assert_int_equal(agent_http(&tampered, &ag, "GET", "/intern/protokoll", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "Achtung: Das Protokoll ist beschädigt");
	assert_contains(buf_str(&r.body), "Ab Eintrag 1 passt die Kette nicht mehr");
	assert_not_contains(buf_str(&r.body), "Die Kette ist intakt");
	reply_free(&r);
	agent_free(&ag);
	server_stop(&tampered);
	server_cleanup(&tampered);
}
int main(int argc, char **argv)
{
	if (argc > 1)
		harness_bin = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_user_list),
		cmocka_unit_test(test_create_user_and_login),
		cmocka_unit_test(test_create_user_refused),
		cmocka_unit_test(test_partner_org_picker),
		cmocka_unit_test(test_partner_org_cli),
		cmocka_unit_test(test_user_page_and_idor),
		cmocka_unit_test(test_change_name_and_email),
		cmocka_unit_test(test_roles_take_effect),
		cmocka_unit_test(test_disable_ends_sessions),
		cmocka_unit_test(test_reset_password),
		cmocka_unit_test(test_admin_cannot_lock_out_self),
		cmocka_unit_test(test_non_admin_refused),
		cmocka_unit_test(test_audit_viewer),
		cmocka_unit_test(test_audit_paging),
		cmocka_unit_test(test_audit_complete_and_verified),
	};
	const struct CMUnitTest alarm[] = {
		cmocka_unit_test(test_audit_viewer_alarm),
	};
	int failed = cmocka_run_group_tests_name("accounts", tests, accounts_group_setup, accounts_group_teardown);
	failed += cmocka_run_group_tests_name("accounts-tampered", alarm, NULL, NULL);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
