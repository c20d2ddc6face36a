/* translations.c — the model of an offer's translations (its name, short
 * description and how to apply per language): checking, reading, saving
 * with the change log, deleting, and what a merge of two offers does to
 * them. The table is sql/0017_service_translation.sql. */
#include "directory/translations.h"
#include "directory/directory.h"
#include "core/core.h"
#include "core/i18n.h"

#include <stdio.h>

#include <string.h>

const char *const dir_tr_langs[] = { "en", "tr", "ar", "uk", "ru", "fa", NULL };

const char *dir_tr_lang(const char *lang)
{
	for (size_t i = 0; lang && dir_tr_langs[i]; i++)
		if (strcmp(dir_tr_langs[i], lang) == 0)
			return dir_tr_langs[i];
	return NULL;
}

/* Is s valid UTF-8 of at most max characters without control characters
 * (line breaks and tabs allowed when lines)? */
static int text_ok(const char *s, size_t max, int lines)
{
	size_t len = strlen(s);
	long n = utf8_count(s, len);
	if (n < 0 || (size_t)n > max)
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\n' || *p == '\r' || *p == '\t') {
			if (!lines)
				return 0;
		} else if (*p < 0x20 || *p == 0x7f) {
			return 0;
		}
	}
	return 1;
}

const char *dir_tr_check(const struct dir_translation *t, enum dir_tr_field *field)
{
	enum dir_tr_field f_;
	if (!field)
		field = &f_;
	if (!dir_tr_lang(t->lang)) {
		*field = DIR_TR_LANG;
		return N_("Bitte wählen Sie eine Sprache der Liste.");
	}
	if (!t->name || !*t->name) {
		*field = DIR_TR_NAME;
		return N_("Bitte geben Sie den Namen des Angebots in dieser Sprache an.");
	}
	if (!text_ok(t->name, DIR_TR_NAME_MAX, 0)) {
		*field = DIR_TR_NAME;
		return N_("Der Name ist zu lang oder enthält Zeichen, die nicht erlaubt sind (höchstens 200 Zeichen, "
			  "eine Zeile).");
	}
	if (t->description && !text_ok(t->description, DIR_TR_DESCRIPTION_MAX, 1)) {
		*field = DIR_TR_DESCRIPTION;
		return N_("Die Kurzbeschreibung ist zu lang oder enthält Zeichen, die nicht erlaubt sind (höchstens "
			  "1000 Zeichen).");
	}
	if (t->application_process && !text_ok(t->application_process, DIR_TR_APPLY_MAX, 1)) {
		*field = DIR_TR_APPLY;
		return N_("„So melden Sie sich an“ ist zu lang oder enthält Zeichen, die nicht erlaubt sind "
			  "(höchstens 2000 Zeichen).");
	}
	return NULL;
}

#define COLS "service_id, lang, name, description, application_process, updated_by, updated_at"

static void read_row(arena *a, sqlite3_stmt *st, struct dir_translation *t)
{
	t->service_id = store_col_str(a, st, 0);
	t->lang = dir_tr_lang(store_col_text(st, 1));
	if (!t->lang)
		t->lang = store_col_str(a, st, 1);
	t->name = store_col_str(a, st, 2);
	t->description = store_col_str(a, st, 3);
	t->application_process = store_col_str(a, st, 4);
	t->updated_by = store_col_str(a, st, 5);
	t->updated_at = store_col_str(a, st, 6);
}

static size_t lang_order(const char *lang)
{
	size_t i = 0;
	while (dir_tr_langs[i] && strcmp(dir_tr_langs[i], lang) != 0)
		i++;
	return i;
}

int dir_tr_list(struct store *s, arena *a, const char *service_id, struct dir_translation **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT " COLS " FROM service_translation WHERE service_id = ?");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, service_id);
	struct dir_translation *v = arena_alloc(a, DIR_TR_NLANGS * sizeof(*v));
	struct dir_translation one;
	int rc;
	while ((rc = store_step(st)) > 0) {
		read_row(a, st, &one);
		size_t k = lang_order(one.lang);
		if (k >= DIR_TR_NLANGS)
			continue; /* the table's check keeps others out */
		/* insertion in the languages' order */
		size_t p = (*n)++;
		while (p > 0 && lang_order(v[p - 1].lang) > k) {
			v[p] = v[p - 1];
			p--;
		}
		v[p] = one;
	}
	sqlite3_reset(st);
	if (rc < 0) {
		*n = 0;
		return ST_ERR;
	}
	*out = v;
	return ST_OK;
}

int dir_tr_get(struct store *s, arena *a, const char *service_id, const char *lang, struct dir_translation *out)
{
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *st = store_stmt(s, "SELECT " COLS " FROM service_translation WHERE service_id = ? AND lang = ?");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, service_id);
	store_bind_str(st, 2, lang);
	int rc = store_step(st);
	if (rc > 0)
		read_row(a, st, out);
	sqlite3_reset(st);
	return rc > 0 ? ST_OK : rc == 0 ? ST_NOTFOUND : ST_ERR;
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* Log the change of one text of the translation into lang. */
static int log_text(struct store *s, const char *id, const char *lang, const char *what, const char *before,
		    const char *after, const char *action, const char *who)
{
	if (strcmp(or_empty(before), or_empty(after)) == 0)
		return ST_OK;
	char field[64];
	snprintf(field, sizeof(field), "translation_%s_%s", lang, what);
	return dir_log_change(s, NULL, id, "service", action, field, or_empty(before), or_empty(after), who);
}

/* Log every text of old (NULL: none) against new (NULL: none). */
static int log_all(struct store *s, const char *id, const char *lang, const struct dir_translation *old,
		   const struct dir_translation *new, const char *action, const char *who)
{
	int rc = log_text(s, id, lang, "name", old ? old->name : NULL, new ? new->name : NULL, action, who);
	if (rc == ST_OK)
		rc = log_text(s, id, lang, "description", old ? old->description : NULL,
			      new ? new->description : NULL, action, who);
	if (rc == ST_OK)
		rc = log_text(s, id, lang, "application_process", old ? old->application_process : NULL,
			      new ? new->application_process : NULL, action, who);
	return rc;
}

static int service_exists(struct store *s, const char *id)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT 1 FROM service WHERE id = ?");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, id);
	int rc = store_step(st);
	sqlite3_reset(st);
	return rc > 0 ? ST_OK : rc == 0 ? ST_NOTFOUND : ST_ERR;
}

int dir_tr_save(struct store *s, const struct dir_translation *t, const char *who)
{
	if (dir_tr_check(t, NULL))
		return ST_CONFLICT;
	arena *a = arena_new();
	struct dir_translation old;
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc == ST_OK)
		rc = service_exists(s, t->service_id);
	int had = 0;
	if (rc == ST_OK) {
		int g = dir_tr_get(s, a, t->service_id, t->lang, &old);
		had = g == ST_OK;
		rc = g == ST_ERR ? ST_ERR : ST_OK;
	}
	if (rc == ST_OK) {
		sqlite3_stmt *st = store_stmt(s,
			"INSERT INTO service_translation(service_id, lang, name, description, application_process, "
			"updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (service_id, lang) DO UPDATE SET "
			"name = excluded.name, description = excluded.description, "
			"application_process = excluded.application_process, updated_by = excluded.updated_by, "
			"updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')");
		if (!st) {
			rc = ST_ERR;
		} else {
			store_bind_str(st, 1, t->service_id);
			store_bind_str(st, 2, dir_tr_lang(t->lang));
			store_bind_str(st, 3, t->name);
			store_bind_str(st, 4, or_empty(t->description));
			store_bind_str(st, 5, or_empty(t->application_process));
			store_bind_str(st, 6, or_empty(who));
			rc = store_exec_stmt(s, st);
		}
	}
	if (rc == ST_OK)
		rc = log_all(s, t->service_id, t->lang, had ? &old : NULL, t, had ? "update" : "create", or_empty(who));
	rc = store_tx_end(s, &tx, rc);
	arena_free(a);
	return rc;
}

int dir_tr_delete(struct store *s, const char *service_id, const char *lang, const char *who)
{
	arena *a = arena_new();
	struct dir_translation old;
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	int g = rc == ST_OK ? dir_tr_get(s, a, service_id, lang, &old) : ST_ERR;
	if (rc == ST_OK && g == ST_ERR)
		rc = ST_ERR;
	if (rc == ST_OK && g == ST_OK) {
		sqlite3_stmt *st = store_stmt(s, "DELETE FROM service_translation WHERE service_id = ? AND lang = ?");
		if (!st) {
			rc = ST_ERR;
		} else {
			store_bind_str(st, 1, service_id);
			store_bind_str(st, 2, lang);
			rc = store_exec_stmt(s, st);
		}
		if (rc == ST_OK)
			rc = log_all(s, service_id, lang, &old, NULL, "delete", or_empty(who));
	}
	rc = store_tx_end(s, &tx, rc);
	arena_free(a);
	return rc;
}

int dir_tr_merge(struct store *s, const char *from, const char *into, const char *who)
{
	arena *a = arena_new();
	struct dir_translation *src, *dst;
	size_t ns, nd;
	int rc = dir_tr_list(s, a, from, &src, &ns);
	if (rc == ST_OK)
		rc = dir_tr_list(s, a, into, &dst, &nd);
	for (size_t i = 0; rc == ST_OK && i < ns; i++) {
		int have = 0;
		for (size_t k = 0; k < nd; k++)
			have |= strcmp(dst[k].lang, src[i].lang) == 0;
		if (have)
			continue;
		struct dir_translation t = src[i];
		t.service_id = into;
		rc = dir_tr_save(s, &t, who);
		if (rc == ST_CONFLICT)
			rc = ST_OK; /* a stored one that no longer passes the checks stays behind */
	}
	arena_free(a);
	return rc;
}
