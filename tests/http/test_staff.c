/* test_staff.c — the editor's staff area on the real server: the page
 * editor (edit, preview, validation, revisions, restore, new pages and
 * languages) and the contact inbox (list, read, done, delete, audit),
 * with permissions, CSRF and escaping. */
#include "harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct server srv;
static struct agent editor;

HARNESS_GROUP(srv, "LOTSE_CONTACT_RATE=1000", &editor, DEMO_EDITOR, NULL)

static long count(const char *sql)
{
	return db_scalar(&srv, sql);
}

/* As the editor: GET the page list (for its token), then create the page
 * slug with title; both must succeed. */
static void create_page(const char *slug, const char *title)
{
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/seiten", &r), 200);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/seiten/neu", form("slug", slug, "title", title, NULL), &r),
			 303);
	reply_free(&r);
}

/* ---- the page editor ---- */

static void test_editor_lists_pages(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/seiten", &r), 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "<title>Seiten – ");
	assert_contains(b, "Das BQN RLP");
	assert_contains(b, "href=\"/intern/seiten/bqn-rlp/de\"");
	assert_contains(b, "href=\"/intern/seiten/bqn-rlp/en\"");
	assert_contains(b, "href=\"/intern/seiten/modellprojekt-mainz/de\"");
	assert_contains(b, "action=\"/intern/seiten/neu\"");
	assert_contains(b, "name=\"csrf\"");
	assert_contains(b, "<meta name=\"robots\" content=\"noindex\">");
	assert_contains(b, "aria-current=\"page\">Seiten</a>");
	assert_string_equal(reply_header(&r, "Cache-Control"), "no-store");
	reply_free(&r);
}

static void test_edit_page_shows_publicly(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/seiten/bqn-rlp/de", &r), 200);
	assert_contains(buf_str(&r.body), "<textarea");
	assert_contains(buf_str(&r.body), "value=\"Das BQN RLP\"");
	assert_contains(buf_str(&r.body), "value=\"preview\"");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/seiten/bqn-rlp/de",
			      form("title", "Das BQN RLP neu", "description", "Kurz gesagt.", "body",
				   "## Neu\r\n\r\nGanz neuer Text über das Netzwerk.", "action", "save", NULL),
			      &r), 303);
	assert_string_equal(reply_header(&r, "Location"), "/intern/seiten/bqn-rlp/de?gespeichert=1");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/seiten/bqn-rlp/de?gespeichert=1", &r), 200);
	assert_contains(buf_str(&r.body), "Gespeichert.");
	assert_contains(buf_str(&r.body), "Ganz neuer Text über das Netzwerk.");
	reply_free(&r);

	assert_int_equal(http_get(&srv, "/bqn-rlp", &r), 0);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "<title>Das BQN RLP neu – ");
	assert_contains(buf_str(&r.body), "<h2>Neu</h2>");
	assert_contains(buf_str(&r.body), "Ganz neuer Text über das Netzwerk.");
	reply_free(&r);
	/* stored with LF only; the English page is untouched */
	assert_int_equal(count("SELECT count(*) FROM page WHERE slug = 'bqn-rlp' AND lang = 'de' "
			       "AND instr(body_md, char(13)) = 0 AND title = 'Das BQN RLP neu'"), 1);
	assert_int_equal(count("SELECT count(*) FROM page WHERE slug = 'bqn-rlp' AND lang = 'en' "
			       "AND title = 'Das BQN RLP neu'"), 0);
	/* the revision (by the editor) and, before it, the demo text without author */
	assert_int_equal(count("SELECT count(*) FROM page_revision r JOIN user u ON u.id = r.author_id "
			       "WHERE r.slug = 'bqn-rlp' AND r.lang = 'de' AND u.email = 'editor@demo.lotse.invalid'"), 1);
	assert_int_equal(count("SELECT count(*) FROM page_revision WHERE slug = 'bqn-rlp' AND lang = 'de' "
			       "AND author_id IS NULL AND title = 'Das BQN RLP'"), 1);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'page_save' AND "
			       "object_type = 'page' AND object_id = 'bqn-rlp/de' AND outcome = 'ok'"), 1);
}

static void test_preview_does_not_save(void **state)
{
	(void)state;
	struct reply r;
	long revs = count("SELECT count(*) FROM page_revision");
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/seiten/modellprojekt-mainz/de", &r), 200);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/seiten/modellprojekt-mainz/de",
			      form("title", "Vorschau-Titel", "body", "Ein Vorschautext mit **fett**.",
				   "action", "preview", NULL),
			      &r), 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "Vorschau");
	assert_contains(b, "Ein Vorschautext mit <strong>fett</strong>.");
	assert_contains(b, ">Ein Vorschautext mit **fett**.</textarea>");
	assert_contains(b, "value=\"Vorschau-Titel\"");
	reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM page WHERE body_md LIKE '%Vorschautext%' "
			       "OR title = 'Vorschau-Titel'"), 0);
	assert_int_equal(count("SELECT count(*) FROM page_revision"), revs);
	assert_int_equal(http_get(&srv, "/modellprojekt-mainz", &r), 0);
	assert_not_contains(buf_str(&r.body), "Vorschautext");
	reply_free(&r);
}

static void test_invalid_keeps_text(void **state)
{
	(void)state;
	struct reply r;
	long revs = count("SELECT count(*) FROM page_revision");
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/seiten/impressum/de", &r), 200);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/seiten/impressum/de",
			      form("title", "   ", "description", "Bleibt auch", "body",
				   "Mein langer Text bleibt erhalten.", "action", "save", NULL),
			      &r), 422);
	const char *b = buf_str(&r.body);
	assert_contains(b, "Bitte prüfen Sie Ihre Eingaben");
	assert_contains(b, "Bitte füllen Sie dieses Feld aus.");
	assert_contains(b, "href=\"#f-title\"");
	assert_contains(b, "aria-invalid=\"true\"");
	assert_contains(b, ">Mein langer Text bleibt erhalten.</textarea>");
	assert_contains(b, "value=\"Bleibt auch\"");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/seiten/impressum/de",
			      form("title", "T", "action", "loeschen", NULL), &r), 400);
	reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM page_revision"), revs);
	assert_int_equal(count("SELECT count(*) FROM page WHERE body_md LIKE '%Mein langer Text%'"), 0);
}

static void test_create_page(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/seiten", &r), 200);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/seiten/neu",
			      form("slug", "angebote-mainz", "title", "Angebote in Mainz", NULL), &r), 303);
	assert_string_equal(reply_header(&r, "Location"), "/intern/seiten/angebote-mainz/de?angelegt=1");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/seiten/angebote-mainz/de?angelegt=1", &r), 200);
	assert_contains(buf_str(&r.body), "Die Seite ist angelegt.");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/seiten/angebote-mainz/de",
			      form("title", "Angebote in Mainz", "body", "Sprachkurse und Ausbildung.",
				   "action", "save", NULL), &r), 303);
	reply_free(&r);
	assert_int_equal(http_get(&srv, "/angebote-mainz", &r), 0);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "<h1>Angebote in Mainz</h1>");
	assert_contains(buf_str(&r.body), "Sprachkurse und Ausbildung.");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/seiten", &r), 200);
	assert_contains(buf_str(&r.body), "href=\"/intern/seiten/angebote-mainz/de\"");
	reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'page_create' "
			       "AND object_id = 'angebote-mainz/de'"), 1);
}

static void test_reserved_and_bad_slugs_refused(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"intern", "login", "logout", "kontakt", "static", "healthz", "start", "favicon.ico",
		"Gross", "mit leer", "-vorn", "hinten-", "a--b", "ümlaut", "bqn-rlp",
		"x123456789012345678901234567890123456789012345678901234567890abcd",
	};
	long pages = count("SELECT count(*) FROM page");
	struct reply r;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(agent_fetch(&srv, &editor, "/intern/seiten", &r), 200);
		reply_free(&r);
		long status = agent_submit(&srv, &editor, "/intern/seiten/neu", form("slug", bad[i], "title", "Titel", NULL), &r);
		if (status != 422)
			fail_msg("slug '%s' answered %ld", bad[i], status);
		assert_contains(buf_str(&r.body), "aria-invalid=\"true\"");
		assert_contains(buf_str(&r.body), "href=\"#f-slug\"");
		reply_free(&r);
	}
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/seiten", &r), 200);
	reply_free(&r);
	agent_submit(&srv, &editor, "/intern/seiten/neu", form("slug", "intern", "title", "T", NULL), &r);
	assert_contains(buf_str(&r.body), "Diese Adresse verwendet die Website selbst.");
	reply_free(&r);
	agent_submit(&srv, &editor, "/intern/seiten/neu", form("slug", "bqn-rlp", "title", "T", NULL), &r);
	assert_contains(buf_str(&r.body), "Eine Seite mit dieser Adresse gibt es schon.");
	assert_contains(buf_str(&r.body), "value=\"bqn-rlp\"");
	reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM page"), pages);
}

static void test_english_version_created(void **state)
{
	(void)state;
	struct reply r;
	create_page("nur-deutsch", "Nur auf Deutsch");
	assert_int_equal(agent_submit(&srv, &editor, "/intern/seiten/nur-deutsch/de",
			      form("title", "Nur auf Deutsch", "body", "Deutscher Text.", "action", "save", NULL),
			      &r), 303);
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/seiten/nur-deutsch/en", &r), 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "Diese Seite gibt es noch nicht auf English.");
	assert_contains(b, "deutsche Fassung");
	assert_contains(b, "Deutscher Text.");   /* the German text to translate */
	assert_contains(b, "action=\"/intern/seiten/nur-deutsch/en\"");
	reply_free(&r);
	/* meanwhile English readers get the German page */
	assert_int_equal(http_get(&srv, "/nur-deutsch?lang=en", &r), 0);
	assert_contains(buf_str(&r.body), "Deutscher Text.");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/seiten/nur-deutsch/en",
			      form("title", "German only no more", "description", "Now in English.", "body",
				   "English text.", "action", "save", NULL), &r), 303);
	assert_string_equal(reply_header(&r, "Location"), "/intern/seiten/nur-deutsch/en?gespeichert=1");
	reply_free(&r);
	assert_int_equal(http_get(&srv, "/nur-deutsch?lang=en", &r), 0);
	assert_contains(buf_str(&r.body), "<h1>German only no more</h1>");
	assert_contains(buf_str(&r.body), "English text.");
	reply_free(&r);
	assert_int_equal(http_get(&srv, "/nur-deutsch", &r), 0);
	assert_contains(buf_str(&r.body), "Deutscher Text.");
	reply_free(&r);
	/* a page that exists in no language cannot be started through the editor */
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/seiten/gibt-es-nicht/en", &r), 404);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/seiten/gibt-es-nicht/de",
			      form("title", "X", "action", "save", NULL), &r), 404);
	reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM page WHERE slug = 'gibt-es-nicht'"), 0);
}

static long rev_id(const char *slug, const char *title)
{
	char sql[256];
	snprintf(sql, sizeof(sql), "SELECT max(id) FROM page_revision WHERE slug = '%s' AND title = '%s'",
		 slug, title);
	return count(sql);
}

static void test_revisions_and_restore(void **state)
{
	(void)state;
	struct reply r;
	create_page("versionen-test", "Anfang");
	long before = count("SELECT count(*) FROM page_revision WHERE slug = 'versionen-test'");
	assert_int_equal(agent_submit(&srv, &editor, "/intern/seiten/versionen-test/de",
			      form("title", "Erste Fassung", "body", "Alter Text eins.", "action", "save", NULL),
			      &r), 303);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/seiten/versionen-test/de",
			      form("title", "Zweite Fassung", "body", "Neuer Text zwei.", "action", "save", NULL),
			      &r), 303);
	reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM page_revision WHERE slug = 'versionen-test'"), before + 2);

	assert_int_equal(agent_fetch(&srv, &editor, "/intern/seiten/versionen-test/de/versionen", &r), 200);
	const char *b = buf_str(&r.body);
	const char *second = strstr(b, "Zweite Fassung"), *first = strstr(b, "Erste Fassung");
	assert_non_null(second);
	assert_non_null(first);
	assert_true(second < first); /* newest first */
	assert_contains(b, "editor@demo.lotse.invalid</td>");
	long old = rev_id("versionen-test", "Erste Fassung");
	char path[256];
	snprintf(path, sizeof(path), "/intern/seiten/versionen-test/de/versionen/%ld", old);
	assert_contains(b, path);
	snprintf(path, sizeof(path), "/intern/seiten/versionen-test/de/versionen/%ld/wiederherstellen", old);
	assert_contains(b, path);
	reply_free(&r);

	snprintf(path, sizeof(path), "/intern/seiten/versionen-test/de/versionen/%ld", old);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	assert_contains(buf_str(&r.body), "Alter Text eins.");
	assert_contains(buf_str(&r.body), "Erste Fassung");
	reply_free(&r);
	/* a revision id of another page is not found under this one */
	snprintf(path, sizeof(path), "/intern/seiten/bqn-rlp/de/versionen/%ld", old);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 404);
	reply_free(&r);

	snprintf(path, sizeof(path), "/intern/seiten/versionen-test/de/versionen/%ld/wiederherstellen", old);
	assert_int_equal(agent_submit(&srv, &editor, path, "", &r), 303);
	assert_string_equal(reply_header(&r, "Location"), "/intern/seiten/versionen-test/de?wiederhergestellt=1");
	reply_free(&r);
	assert_int_equal(http_get(&srv, "/versionen-test", &r), 0);
	assert_contains(buf_str(&r.body), "<h1>Erste Fassung</h1>");
	assert_contains(buf_str(&r.body), "Alter Text eins.");
	assert_not_contains(buf_str(&r.body), "Neuer Text zwei.");
	reply_free(&r);
	/* restoring saved a new revision; the second one is still there */
	assert_int_equal(count("SELECT count(*) FROM page_revision WHERE slug = 'versionen-test'"), before + 3);
	assert_int_equal(count("SELECT count(*) FROM page_revision WHERE slug = 'versionen-test' "
			       "AND title = 'Zweite Fassung'"), 1);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'page_restore' "
			       "AND object_id = 'versionen-test/de'"), 1);
}

static void test_editor_bad_urls(void **state)
{
	(void)state;
	static const char *const paths[] = {
		"/intern/seiten/BQN-RLP/de", "/intern/seiten/bqn-rlp/fr", "/intern/seiten/bqn-rlp/DE",
		"/intern/seiten/gibt-es-nicht/de", "/intern/seiten/bqn-rlp/de/versionen/abc",
		"/intern/seiten/bqn-rlp/de/versionen/0", "/intern/seiten/bqn-rlp/de/versionen/-1",
		"/intern/seiten/bqn-rlp/de/versionen/99999999999999999999999",
		"/intern/seiten/bqn-rlp/de/versionen/999999", "/intern/seiten/gibt-es-nicht/de/versionen",
		"/intern/seiten/a%27b/de",
	};
	struct reply r;
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		long status = agent_fetch(&srv, &editor, paths[i], &r);
		if (status != 404)
			fail_msg("%s answered %ld", paths[i], status);
		reply_free(&r);
	}
}

/* ---- the contact inbox ---- */

static long send_contact(const char *name, const char *message)
{
	struct reply r;
	assert_int_equal(http_post_form(&srv, "/kontakt",
					form("name", name, "email", "person@example.org", "message", message,
					     "consent", "1", NULL), &r), 0);
	long status = r.status;
	reply_free(&r);
	return status;
}

static long message_id(const char *name)
{
	char sql[256];
	snprintf(sql, sizeof(sql), "SELECT max(id) FROM contact_message WHERE name = '%s'", name);
	return count(sql);
}

static void test_inbox_flow(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(send_contact("Leyla Inbox", "Ich suche eine Ausbildung.\r\nZweite Zeile."), 303);
	long id = message_id("Leyla Inbox");
	assert_true(id > 0);
	char path[128], sql[256];

	long lists = count("SELECT count(*) FROM audit_log WHERE action = 'contact_list'");
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/nachrichten", &r), 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "Leyla Inbox");
	assert_not_contains(b, "Ich suche eine Ausbildung");
	assert_not_contains(b, "person@example.org");
	snprintf(path, sizeof(path), "href=\"/intern/nachrichten/%ld\"", id);
	assert_contains(b, path);
	assert_string_equal(reply_header(&r, "Cache-Control"), "no-store");
	reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'contact_list'"), lists + 1);

	snprintf(path, sizeof(path), "/intern/nachrichten/%ld", id);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	b = buf_str(&r.body);
	assert_contains(b, "Leyla Inbox");
	assert_contains(b, "href=\"mailto:person@example.org\"");
	assert_contains(b, "Ich suche eine Ausbildung.<br>Zweite Zeile.");
	assert_contains(b, "<time datetime=\"");
	assert_not_contains(b, "<title>Leyla"); /* no name in the title (browser history) */
	reply_free(&r);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit_log l JOIN user u ON u.id = l.user_id "
				   "WHERE l.action = 'contact_read' AND l.object_type = 'contact_message' "
				   "AND l.object_id = '%ld' AND u.email = 'editor@demo.lotse.invalid'", id);
	assert_int_equal(count(sql), 1);

	/* done: out of the default list, in the "done" one */
	snprintf(path, sizeof(path), "/intern/nachrichten/%ld/erledigt", id);
	assert_int_equal(agent_submit(&srv, &editor, path, "status=done", &r), 303);
	assert_string_equal(reply_header(&r, "Location"), "/intern/nachrichten?hinweis=erledigt");
	reply_free(&r);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM contact_message WHERE id = %ld AND status = 'done'", id);
	assert_int_equal(count(sql), 1);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/nachrichten?hinweis=erledigt", &r), 200);
	assert_contains(buf_str(&r.body), "als erledigt markiert");
	assert_not_contains(buf_str(&r.body), "Leyla Inbox");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/nachrichten?status=done", &r), 200);
	assert_contains(buf_str(&r.body), "Leyla Inbox");
	reply_free(&r);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/nachrichten?status=all", &r), 200);
	assert_contains(buf_str(&r.body), "Leyla Inbox");
	reply_free(&r);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit_log WHERE action = 'contact_done' AND object_id = '%ld'", id);
	assert_int_equal(count(sql), 1);

	/* and open again */
	assert_int_equal(agent_submit(&srv, &editor, path, "status=new", &r), 303);
	reply_free(&r);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM contact_message WHERE id = %ld AND status = 'new'", id);
	assert_int_equal(count(sql), 1);
	assert_int_equal(agent_submit(&srv, &editor, path, "status=weg", &r), 400);
	reply_free(&r);

	/* delete: without the confirmation box nothing happens */
	snprintf(path, sizeof(path), "/intern/nachrichten/%ld/loeschen", id);
	assert_int_equal(agent_submit(&srv, &editor, path, "", &r), 422);
	assert_contains(buf_str(&r.body), "Die Nachricht ist nicht gelöscht.");
	assert_contains(buf_str(&r.body), "aria-invalid=\"true\"");
	reply_free(&r);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM contact_message WHERE id = %ld", id);
	assert_int_equal(count(sql), 1);
	assert_int_equal(agent_submit(&srv, &editor, path, "confirm=1", &r), 303);
	assert_string_equal(reply_header(&r, "Location"), "/intern/nachrichten?hinweis=geloescht");
	reply_free(&r);
	assert_int_equal(count(sql), 0);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit_log WHERE action = 'contact_delete' AND object_id = '%ld'", id);
	assert_int_equal(count(sql), 1);
	snprintf(path, sizeof(path), "/intern/nachrichten/%ld", id);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 404);
	reply_free(&r);
	/* the audit log holds no message contents or names */
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE object_id LIKE '%Leyla%' "
			       "OR object_id LIKE '%Ausbildung%'"), 0);
}

static void test_inbox_bad_ids(void **state)
{
	(void)state;
	static const char *const paths[] = {
		"/intern/nachrichten/abc", "/intern/nachrichten/0", "/intern/nachrichten/01",
		"/intern/nachrichten/-1", "/intern/nachrichten/1x", "/intern/nachrichten/%201",
		"/intern/nachrichten/99999999999999999999", "/intern/nachrichten/987654",
	};
	struct reply r;
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		long status = agent_fetch(&srv, &editor, paths[i], &r);
		if (status != 404)
			fail_msg("%s answered %ld", paths[i], status);
		reply_free(&r);
	}
	assert_int_equal(agent_submit(&srv, &editor, "/intern/nachrichten/abc/loeschen", "confirm=1", &r), 404);
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/nachrichten/987654/erledigt", "status=done", &r), 404);
	reply_free(&r);
	/* a bad filter shows the default list */
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/nachrichten?status=%3Cx%3E&seite=abc", &r), 200);
	reply_free(&r);
}

/* ---- permissions and CSRF ---- */

static void test_researcher_refused(void **state)
{
	(void)state;
	struct agent ag;
	struct reply r;
	assert_int_equal(agent_init(&ag), 0);
	assert_int_equal(agent_login_as(&srv, &ag, DEMO_RESEARCHER), 303);
	static const char *const paths[] = { "/intern/seiten", "/intern/nachrichten",
					     "/intern/seiten/bqn-rlp/de", "/intern/nachrichten/1" };
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		long status = agent_fetch(&srv, &ag, paths[i], &r);
		if (status != 403)
			fail_msg("%s answered %ld for a researcher", paths[i], status);
		reply_free(&r);
	}
	long revs = count("SELECT count(*) FROM page_revision");
	assert_int_equal(agent_submit(&srv, &ag, "/intern/seiten/bqn-rlp/de", form("title", "Forschung", "action", "save", NULL),
			      &r), 403);
	reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM page_revision"), revs);
	agent_free(&ag);
}

static void test_anonymous_refused(void **state)
{
	(void)state;
	struct reply r;
	static const char *const paths[] = { "/intern/seiten", "/intern/nachrichten",
					     "/intern/seiten/bqn-rlp/de/versionen" };
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		assert_int_equal(http_get(&srv, paths[i], &r), 0);
		assert_int_equal(r.status, 303);
		const char *loc = reply_header(&r, "Location");
		assert_non_null(loc);
		assert_true(strncmp(loc, "/login?next=", 12) == 0);
		reply_free(&r);
	}
	assert_int_equal(http_post_form(&srv, "/intern/seiten/neu", "slug=anonym&title=A", &r), 0);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM page WHERE slug = 'anonym'"), 0);
}

static void test_post_without_csrf(void **state)
{
	(void)state;
	struct reply r;
	assert_int_equal(send_contact("Csrf Probe", "Bleibt da."), 303);
	long id = message_id("Csrf Probe");
	char path[128], sql[128];

	assert_int_equal(agent_http(&srv, &editor, "POST", "/intern/seiten/impressum/de",
				    form("title", "Gekapert", "action", "save", NULL),
				    "application/x-www-form-urlencoded", &r), 0);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	assert_int_equal(agent_http(&srv, &editor, "POST", "/intern/seiten/impressum/de",
				    "title=Gekapert&action=save&csrf=falsch", "application/x-www-form-urlencoded",
				    &r), 0);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM page WHERE title = 'Gekapert'"), 0);
	assert_int_equal(agent_http(&srv, &editor, "POST", "/intern/seiten/neu", "slug=gekapert&title=G",
				    "application/x-www-form-urlencoded", &r), 0);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM page WHERE slug = 'gekapert'"), 0);

	snprintf(path, sizeof(path), "/intern/nachrichten/%ld/loeschen", id);
	assert_int_equal(agent_http(&srv, &editor, "POST", path, "confirm=1",
				    "application/x-www-form-urlencoded", &r), 0);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	snprintf(path, sizeof(path), "/intern/nachrichten/%ld/erledigt", id);
	assert_int_equal(agent_http(&srv, &editor, "POST", path, "status=done",
				    "application/x-www-form-urlencoded", &r), 0);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM contact_message WHERE id = %ld AND status = 'new'", id);
	assert_int_equal(count(sql), 1);
}

/* ---- escaping ---- */

static void test_script_escaped(void **state)
{
	(void)state;
	struct reply r;
	create_page("xss-probe", "<script>alert(1)</script>");
	assert_int_equal(agent_submit(&srv, &editor, "/intern/seiten/xss-probe/de",
			      form("title", "<script>alert(1)</script>", "description", "\"><img src=x>",
				   "body", "<script>alert(3)</script>\n\n[x](javascript:alert(4))", "action",
				   "preview", NULL), &r), 200);
	const char *b = buf_str(&r.body);
	assert_not_contains(b, "<script>alert");
	assert_not_contains(b, "<img src=x>");
	assert_not_contains(b, "href=\"javascript:");
	assert_contains(b, ">&lt;script&gt;alert(3)&lt;/script&gt;\n\n[x](javascript:alert(4))</textarea>");
	assert_contains(b, "raw HTML omitted"); /* the preview drops raw HTML */
	assert_contains(b, "value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"");
	reply_free(&r);
	assert_int_equal(agent_submit(&srv, &editor, "/intern/seiten/xss-probe/de",
			      form("title", "<script>alert(1)</script>", "body", "Text", "action", "save", NULL),
			      &r), 303);
	reply_free(&r);
	static const char *const views[] = { "/intern/seiten", "/intern/seiten/xss-probe/de",
					     "/intern/seiten/xss-probe/de/versionen" };
	for (size_t i = 0; i < sizeof(views) / sizeof(views[0]); i++) {
		assert_int_equal(agent_fetch(&srv, &editor, views[i], &r), 200);
		assert_not_contains(buf_str(&r.body), "<script>");
		assert_contains(buf_str(&r.body), "&lt;script&gt;alert(1)&lt;/script&gt;");
		reply_free(&r);
	}

	assert_int_equal(send_contact("<script>alert(5)</script>", "<script>alert(6)</script>\nZeile <b>2</b>"), 303);
	long id = message_id("<script>alert(5)</script>");
	assert_true(id > 0);
	assert_int_equal(agent_fetch(&srv, &editor, "/intern/nachrichten", &r), 200);
	assert_not_contains(buf_str(&r.body), "<script>");
	assert_contains(buf_str(&r.body), "&lt;script&gt;alert(5)&lt;/script&gt;");
	reply_free(&r);
	char path[128];
	snprintf(path, sizeof(path), "/intern/nachrichten/%ld", id);
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	b = buf_str(&r.body);
	assert_not_contains(b, "<script>");
	assert_not_contains(b, "<b>2</b>");
	assert_contains(b, "&lt;script&gt;alert(6)&lt;/script&gt;<br>Zeile &lt;b&gt;2&lt;/b&gt;");
	reply_free(&r);
}

/* The dashboard never shows a count it could not read (as "-1"): each
 * count unreadable in turn (a column of its table gone), /intern answers
 * 500 with the staff failure page, and then 200 again (#10). */
static void test_dashboard_count_unreadable(void **state)
{
	(void)state;
	static const char *const cols[][2] = {
		{ "contact_message", "status" }, /* new messages */
		{ "page", "body_md" },           /* pages with placeholder text */
		{ "service_draft", "status" },   /* proposals waiting for review */
		{ "service", "assured_date" },   /* offers nobody checked */
	};
	struct reply r;
	char sql[200];
	for (size_t i = 0; i < sizeof(cols) / sizeof(*cols); i++) {
		snprintf(sql, sizeof(sql), "ALTER TABLE %s RENAME COLUMN %s TO gone", cols[i][0], cols[i][1]);
		assert_int_equal(count(sql), 0);
		if (agent_fetch(&srv, &editor, "/intern", &r) != 500)
			fail_msg("%s.%s unreadable: /intern answered %ld, not 500", cols[i][0], cols[i][1], r.status);
		assert_not_contains(buf_str(&r.body), ": -1");
		assert_contains(buf_str(&r.body), "Gerade nicht möglich");
		reply_free(&r);
		snprintf(sql, sizeof(sql), "ALTER TABLE %s RENAME COLUMN gone TO %s", cols[i][0], cols[i][1]);
		assert_int_equal(count(sql), 0);
		assert_int_equal(agent_fetch(&srv, &editor, "/intern", &r), 200);
		assert_contains(buf_str(&r.body), "Neue Nachrichten über das Kontaktformular: ");
		reply_free(&r);
	}
}

/* The reply link is built from the address's parts: an address stored
 * before the check was strict cannot add "bcc" or "body" headers (#11). */
static void test_inbox_mailto_from_parts(void **state)
{
	(void)state;
	struct reply r;
	char path[64];
	assert_true(count("INSERT INTO contact_message(name, email, message, lang, consent_at) VALUES "
			  "('Alt', 'a@b.de?bcc=x@evil.example&body=hi', 'x', 'de', '2026-01-01T00:00:00Z') "
			  "RETURNING id") > 0);
	snprintf(path, sizeof(path), "/intern/nachrichten/%ld", message_id("Alt"));
	assert_int_equal(agent_fetch(&srv, &editor, path, &r), 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "href=\"mailto:a%40b.de%3Fbcc%3Dx@evil.example%26body%3Dhi\"");
	assert_not_contains(b, "mailto:a@b.de?");
	reply_free(&r);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		harness_bin = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_editor_lists_pages),
		cmocka_unit_test(test_edit_page_shows_publicly),
		cmocka_unit_test(test_preview_does_not_save),
		cmocka_unit_test(test_invalid_keeps_text),
		cmocka_unit_test(test_create_page),
		cmocka_unit_test(test_reserved_and_bad_slugs_refused),
		cmocka_unit_test(test_english_version_created),
		cmocka_unit_test(test_revisions_and_restore),
		cmocka_unit_test(test_editor_bad_urls),
		cmocka_unit_test(test_inbox_flow),
		cmocka_unit_test(test_inbox_bad_ids),
		cmocka_unit_test(test_researcher_refused),
		cmocka_unit_test(test_anonymous_refused),
		cmocka_unit_test(test_post_without_csrf),
		cmocka_unit_test(test_script_escaped),
		cmocka_unit_test(test_dashboard_count_unreadable),
		cmocka_unit_test(test_inbox_mailto_from_parts),
	};
	int failed = cmocka_run_group_tests_name("staff", tests, group_setup, group_teardown);
	curl_global_cleanup();
	return failed ? 1 : 0;
}
