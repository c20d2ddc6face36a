/* model.c — the website's queries: pages and contact messages. */
#include "site/site.h"
#include "core/core.h"

#include <string.h>

static const char *col(arena *a, sqlite3_stmt *st, int i)
{
	return arena_strdup(a, store_col_text(st, i));
}

int site_page_get(struct store *s, arena *a, const char *slug, const char *lang, struct page *p)
{
	sqlite3_stmt *st = store_stmt(s,
		"SELECT slug, lang, title, description, body_md FROM page WHERE slug = ? AND lang = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		p->slug = col(a, st, 0);
		p->lang = col(a, st, 1);
		p->title = col(a, st, 2);
		p->description = col(a, st, 3);
		p->body_md = col(a, st, 4);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ST_OK : rc == SQLITE_DONE ? ST_NOTFOUND : ST_ERR;
}

int site_page_put(struct store *s, const struct page *p)
{
	sqlite3_stmt *st = store_stmt(s,
		"INSERT INTO page(slug, lang, title, description, body_md) VALUES (?, ?, ?, ?, ?) "
		"ON CONFLICT(slug, lang) DO UPDATE SET title = excluded.title, "
		"description = excluded.description, body_md = excluded.body_md, "
		"updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, p->slug, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p->lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, p->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, p->description, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, p->body_md, -1, SQLITE_STATIC);
	return store_exec_stmt(s, st);
}

const char **site_page_slugs(struct store *s, arena *a)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT DISTINCT slug FROM page ORDER BY slug");
	size_t n = 0, cap = 16;
	const char **v = arena_alloc(a, cap * sizeof(*v));
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		if (n + 1 == cap) {
			const char **w = arena_alloc(a, 2 * cap * sizeof(*w));
			memcpy(w, v, n * sizeof(*v));
			v = w;
			cap *= 2;
		}
		v[n++] = col(a, st, 0);
	}
	if (st)
		sqlite3_reset(st);
	v[n] = NULL;
	return v;
}

int site_contact_add(struct store *s, const struct contact_message *m)
{
	sqlite3_stmt *st = store_stmt(s,
		"INSERT INTO contact_message(name, email, message, lang, consent_at) "
		"VALUES (?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, m->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, m->email, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, m->message, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, m->lang, -1, SQLITE_STATIC);
	return store_exec_stmt(s, st);
}

long site_contact_count(struct store *s)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT count(*) FROM contact_message");
	long n = -1;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	if (st)
		sqlite3_reset(st);
	return n;
}

long site_contact_count_new(struct store *s)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT count(*) FROM contact_message WHERE status = 'new'");
	long n = -1;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	if (st)
		sqlite3_reset(st);
	return n;
}
