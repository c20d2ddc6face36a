/* model.c — the website's queries: pages, their revisions and contact messages. */
#include "site/site.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int site_page_get(struct store *s, arena *a, const char *slug, const char *lang, struct page *p)
{
	sqlite3_stmt *st = store_stmt(s,
		"SELECT slug, lang, title, description, body_md FROM page WHERE slug = ? AND lang = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	int rc = store_step(st);
	if (rc > 0) {
		p->slug = store_col_str(a, st, 0);
		p->lang = store_col_str(a, st, 1);
		p->title = store_col_str(a, st, 2);
		p->description = store_col_str(a, st, 3);
		p->body_md = store_col_str(a, st, 4);
	}
	sqlite3_reset(st);
	return rc > 0 ? ST_OK : rc == 0 ? ST_NOTFOUND : ST_ERR;
}

/* Bumped after each page this process writes (site_pages_version). */
static _Atomic unsigned long pages_version;

unsigned long site_pages_version(void)
{
	return atomic_load(&pages_version);
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
	int rc = store_exec_stmt(s, st);
	atomic_fetch_add(&pages_version, 1);
	return rc;
}

int site_page_slugs(struct store *s, arena *a, const char ***out)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT DISTINCT slug FROM page ORDER BY slug");
	size_t n = 0, cap = 16;
	const char **v = arena_alloc(a, cap * sizeof(*v));
	v[0] = NULL;
	*out = v;
	if (!st)
		return ST_ERR;
	int k;
	while ((k = store_step(st)) > 0) {
		if (n + 1 == cap) {
			const char **w = arena_alloc(a, 2 * cap * sizeof(*w));
			memcpy(w, v, n * sizeof(*v));
			v = w;
			cap *= 2;
		}
		v[n++] = store_col_str(a, st, 0);
	}
	sqlite3_reset(st);
	v[k < 0 ? 0 : n] = NULL;
	*out = v;
	return k < 0 ? ST_ERR : ST_OK;
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
	return site_contact_count_status(s, NULL);
}

long site_contact_count_new(struct store *s)
{
	return site_contact_count_status(s, "new");
}

/* ---- placeholder text left by `lotse init` ---- */

int site_is_placeholder(const char *md)
{
	return md && (strstr(md, SITE_PLACEHOLDER_DE) || strstr(md, SITE_PLACEHOLDER_EN));
}

int site_page_placeholder(struct store *s, const char *slug)
{
	sqlite3_stmt *st = store_stmt(s,
		"SELECT 1 FROM page WHERE slug = ?1 AND (instr(body_md, ?2) > 0 OR instr(body_md, ?3) > 0) "
		"LIMIT 1");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, SITE_PLACEHOLDER_DE, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, SITE_PLACEHOLDER_EN, -1, SQLITE_STATIC);
	int rc = store_step(st);
	sqlite3_reset(st);
	return rc > 0 ? ST_OK : rc == 0 ? ST_NOTFOUND : ST_ERR;
}

long site_page_count_placeholder(struct store *s)
{
	sqlite3_stmt *st = store_stmt(s,
		"SELECT count(DISTINCT slug) FROM page WHERE instr(body_md, ?1) > 0 OR instr(body_md, ?2) > 0");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, SITE_PLACEHOLDER_DE, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, SITE_PLACEHOLDER_EN, -1, SQLITE_STATIC);
	long n = store_step(st) > 0 ? (long)sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	return n;
}

/* ---- the staff area ---- */

static int lang_index(const char *lang)
{
	for (int i = 0; i < SITE_MAX_LANGS && i18n_langs[i]; i++)
		if (strcmp(i18n_langs[i], lang) == 0)
			return i;
	return -1;
}

int site_page_list(struct store *s, arena *a, struct page_info **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT slug, lang, title, updated_at FROM page ORDER BY slug, lang");
	if (!st)
		return ST_ERR;
	struct page_info *v = NULL;
	size_t k = 0, cap = 0;
	int rc;
	while ((rc = store_step(st)) > 0) {
		const char *slug = store_col_text(st, 0), *lang = store_col_text(st, 1);
		if (k == 0 || strcmp(v[k - 1].slug, slug) != 0) {
			v = arena_grow(a, v, k, &cap, sizeof(*v), 16);
			v[k++] = (struct page_info){ .slug = store_col_str(a, st, 0), .title = store_col_str(a, st, 2),
						     .updated_at = store_col_str(a, st, 3) };
		}
		struct page_info *p = &v[k - 1];
		int li = lang_index(lang);
		if (li >= 0)
			p->langs |= 1u << li;
		if (li == 0)
			p->title = store_col_str(a, st, 2);
		if (strcmp(store_col_text(st, 3), p->updated_at) > 0)
			p->updated_at = store_col_str(a, st, 3);
	}
	sqlite3_reset(st);
	*out = v;
	*n = k;
	return rc == 0 ? ST_OK : ST_ERR;
}

int site_page_exists(struct store *s, const char *slug)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT 1 FROM page WHERE slug = ? LIMIT 1");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC);
	int rc = store_step(st);
	sqlite3_reset(st);
	return rc > 0 ? ST_OK : rc == 0 ? ST_NOTFOUND : ST_ERR;
}

int site_page_save(struct store *s, const struct page *p, int64_t author_id, int create)
{
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc != ST_OK)
		return rc;
	sqlite3_stmt *st = store_stmt(s,
		"INSERT INTO page_revision(slug, lang, title, description, body_md, author_id, created_at) "
		"SELECT slug, lang, title, description, body_md, NULL, updated_at FROM page "
		"WHERE slug = ?1 AND lang = ?2 AND NOT EXISTS "
		"(SELECT 1 FROM page_revision WHERE slug = ?1 AND lang = ?2)");
	rc = ST_ERR;
	if (!st)
		goto out;
	sqlite3_bind_text(st, 1, p->slug, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p->lang, -1, SQLITE_STATIC);
	if ((rc = store_exec_stmt(s, st)) != ST_OK)
		goto out;
	if (create) {
		rc = ST_ERR;
		st = store_stmt(s, "INSERT INTO page(slug, lang, title, description, body_md) "
				   "VALUES (?, ?, ?, ?, ?)");
		if (!st)
			goto out;
		sqlite3_bind_text(st, 1, p->slug, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, p->lang, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, p->title, -1, SQLITE_STATIC);
		store_bind_str(st, 4, p->description);
		store_bind_str(st, 5, p->body_md);
		rc = store_exec_stmt(s, st);
	} else {
		struct page q = *p;
		q.description = p->description ? p->description : "";
		q.body_md = p->body_md ? p->body_md : "";
		rc = site_page_put(s, &q);
	}
	if (rc != ST_OK)
		goto out;
	rc = ST_ERR;
	st = store_stmt(s, "INSERT INTO page_revision(slug, lang, title, description, body_md, author_id) "
			   "VALUES (?, ?, ?, ?, ?, ?)");
	if (!st)
		goto out;
	sqlite3_bind_text(st, 1, p->slug, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p->lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, p->title, -1, SQLITE_STATIC);
	store_bind_str(st, 4, p->description);
	store_bind_str(st, 5, p->body_md);
	if (author_id)
		sqlite3_bind_int64(st, 6, author_id);
	rc = store_exec_stmt(s, st);
out:
	rc = store_tx_end(s, &tx, rc);
	atomic_fetch_add(&pages_version, 1); /* after the commit: a reader that sees the new version sees it */
	return rc;
}

int site_revision_list(struct store *s, arena *a, const char *slug, const char *lang,
		       struct page_rev **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s,
		"SELECT r.id, r.title, coalesce(u.email, ''), r.created_at FROM page_revision r "
		"LEFT JOIN user u ON u.id = r.author_id WHERE r.slug = ? AND r.lang = ? "
		"ORDER BY r.id DESC LIMIT 500");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	struct page_rev *v = NULL;
	size_t k = 0, cap = 0;
	int rc;
	while ((rc = store_step(st)) > 0) {
		v = arena_grow(a, v, k, &cap, sizeof(*v), 16);
		v[k++] = (struct page_rev){ .id = sqlite3_column_int64(st, 0), .slug = arena_strdup(a, slug),
					    .lang = arena_strdup(a, lang), .title = store_col_str(a, st, 1),
					    .author_email = store_col_str(a, st, 2), .created_at = store_col_str(a, st, 3) };
	}
	sqlite3_reset(st);
	*out = v;
	*n = k;
	return rc == 0 ? ST_OK : ST_ERR;
}

int site_revision_get(struct store *s, arena *a, const char *slug, const char *lang, int64_t id,
		      struct page_rev *out)
{
	sqlite3_stmt *st = store_stmt(s,
		"SELECT r.id, r.slug, r.lang, r.title, r.description, r.body_md, coalesce(u.email, ''), "
		"r.created_at FROM page_revision r LEFT JOIN user u ON u.id = r.author_id "
		"WHERE r.id = ? AND r.slug = ? AND r.lang = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, slug, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, lang, -1, SQLITE_STATIC);
	int rc = store_step(st);
	if (rc > 0)
		*out = (struct page_rev){ .id = sqlite3_column_int64(st, 0), .slug = store_col_str(a, st, 1),
					  .lang = store_col_str(a, st, 2), .title = store_col_str(a, st, 3),
					  .description = store_col_str(a, st, 4), .body_md = store_col_str(a, st, 5),
					  .author_email = store_col_str(a, st, 6), .created_at = store_col_str(a, st, 7) };
	sqlite3_reset(st);
	return rc > 0 ? ST_OK : rc == 0 ? ST_NOTFOUND : ST_ERR;
}

int site_contact_list(struct store *s, arena *a, const char *status, size_t offset, size_t limit,
		      struct contact_row **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s,
		"SELECT id, name, lang, consent_at, created_at, status FROM contact_message "
		"WHERE ?1 IS NULL OR status = ?1 ORDER BY id DESC LIMIT ?2 OFFSET ?3");
	if (!st)
		return ST_ERR;
	if (status)
		sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)limit);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)offset);
	struct contact_row *v = NULL;
	size_t k = 0, cap = 0;
	int rc;
	while ((rc = store_step(st)) > 0) {
		v = arena_grow(a, v, k, &cap, sizeof(*v), 16);
		v[k++] = (struct contact_row){ .id = sqlite3_column_int64(st, 0), .name = store_col_str(a, st, 1),
					       .lang = store_col_str(a, st, 2), .consent_at = store_col_str(a, st, 3),
					       .created_at = store_col_str(a, st, 4), .status = store_col_str(a, st, 5) };
	}
	sqlite3_reset(st);
	*out = v;
	*n = k;
	return rc == 0 ? ST_OK : ST_ERR;
}

long site_contact_count_status(struct store *s, const char *status)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT count(*) FROM contact_message WHERE ?1 IS NULL OR status = ?1");
	long n = -1;
	if (!st)
		return -1;
	if (status)
		sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
	if (store_step(st) > 0)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

int site_contact_get(struct store *s, arena *a, int64_t id, struct contact_row *out)
{
	sqlite3_stmt *st = store_stmt(s,
		"SELECT id, name, email, message, lang, consent_at, created_at, status "
		"FROM contact_message WHERE id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	int rc = store_step(st);
	if (rc > 0)
		*out = (struct contact_row){ .id = sqlite3_column_int64(st, 0), .name = store_col_str(a, st, 1),
					     .email = store_col_str(a, st, 2), .message = store_col_str(a, st, 3),
					     .lang = store_col_str(a, st, 4), .consent_at = store_col_str(a, st, 5),
					     .created_at = store_col_str(a, st, 6), .status = store_col_str(a, st, 7) };
	sqlite3_reset(st);
	return rc > 0 ? ST_OK : rc == 0 ? ST_NOTFOUND : ST_ERR;
}


int site_contact_set_status(struct store *s, int64_t id, const char *status)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE contact_message SET status = ? WHERE id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	return store_exec_changed(s, st);
}

int site_contact_delete(struct store *s, int64_t id)
{
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM contact_message WHERE id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	return store_exec_changed(s, st);
}

int site_contact_by_email(struct store *s, arena *a, const char *email, struct contact_row **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s,
		"SELECT id, name, email, message, lang, consent_at, created_at, status FROM contact_message "
		"WHERE lower(email) = lower(?) ORDER BY id DESC");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, email, -1, SQLITE_STATIC);
	struct contact_row *v = NULL;
	size_t k = 0, cap = 0;
	int rc;
	while ((rc = store_step(st)) > 0) {
		v = arena_grow(a, v, k, &cap, sizeof(*v), 8);
		v[k++] = (struct contact_row){ .id = sqlite3_column_int64(st, 0), .name = store_col_str(a, st, 1),
					       .email = store_col_str(a, st, 2), .message = store_col_str(a, st, 3),
					       .lang = store_col_str(a, st, 4), .consent_at = store_col_str(a, st, 5),
					       .created_at = store_col_str(a, st, 6), .status = store_col_str(a, st, 7) };
	}
	sqlite3_reset(st);
	if (rc != 0)
		return ST_ERR;
	*out = v;
	*n = k;
	return ST_OK;
}

int site_contact_delete_email(struct store *s, const char *email, int64_t max_id, long *deleted)
{
	*deleted = 0;
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM contact_message WHERE lower(email) = lower(?) AND id <= ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, email, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, max_id);
	int rc = store_exec_stmt(s, st);
	if (rc == ST_OK)
		*deleted = (long)sqlite3_changes(store_db(s));
	return rc;
}

/* ---- keeping what the privacy notice promises ---- */

/* The time months calendar months and then days days before now as ISO
 * 8601 UTC into out. 0, or -1. */
static int months_before(int64_t now, int months, int days, char out[21])
{
	time_t t = (time_t)now;
	struct tm tm;
	if (!gmtime_r(&t, &tm))
		return -1;
	tm.tm_mon -= months;
	tm.tm_mday -= days;
	tm.tm_isdst = 0;
	t = timegm(&tm); /* normalises: 29 Feb less 12 months is 1 Mar */
	if (t == (time_t)-1 || !gmtime_r(&t, &tm))
		return -1;
	return strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) == 20 ? 0 : -1;
}

int site_contact_cutoff(int64_t now, char out[21])
{
	/* a daily run: none outlives its months by that day */
	return months_before(now, SITE_CONTACT_KEEP_MONTHS, -1, out);
}

long site_contact_count_overdue(struct store *s, int64_t now)
{
	char cutoff[21];
	if (months_before(now, SITE_CONTACT_KEEP_MONTHS, 0, cutoff) != 0)
		return -1;
	sqlite3_stmt *st = store_stmt(s, "SELECT count(*) FROM contact_message WHERE created_at < ?");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, cutoff, -1, SQLITE_TRANSIENT);
	long n = store_step(st) > 0 ? (long)sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	return n;
}

int site_contact_expire(struct store *s, int64_t now, long *deleted)
{
	char cutoff[21];
	*deleted = 0;
	if (site_contact_cutoff(now, cutoff) != 0)
		return ST_ERR;
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc != ST_OK)
		return rc;
	rc = ST_ERR;
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM contact_message WHERE created_at < ?");
	if (!st)
		goto out;
	sqlite3_bind_text(st, 1, cutoff, -1, SQLITE_TRANSIENT);
	if ((rc = store_exec_stmt(s, st)) != ST_OK)
		goto out;
	*deleted = (long)sqlite3_changes(store_db(s));
	char n[24];
	snprintf(n, sizeof(n), "%ld", *deleted);
	/* who: the system (user 0); what: how many, never whose */
	rc = audit_add(s, 0, "contact_expire", "contact_message", n, "ok");
out:
	if (rc != ST_OK)
		*deleted = 0;
	return store_tx_end(s, &tx, rc);
}
