/* vocab.c — editors keep the taxonomy terms and the search synonyms. */
#include "directory/staff/staff_internal.h"
#include "auth/auth.h"
#include "core/i18n.h"

#include <string.h>

const struct field dir_staff_term_fields[VT__MAX] = {
	[VT_NAME] = { "name", FIELD_TEXT, FIELD_REQUIRED, 100, 0, 0, NULL },
	[VT_NAME_EN] = { "name_en", FIELD_TEXT, 0, 100, 0, 0, NULL },
	[VT_CODE] = { "code", FIELD_TEXT, 0, 60, 0, 0, NULL },
	[VT_TAXONOMY] = { "taxonomy", FIELD_TEXT, 0, 36, 0, 0, NULL },
};

const struct field dir_staff_synonym_fields[VS__MAX] = {
	[VS_TERM] = { "term", FIELD_TEXT, FIELD_REQUIRED, 60, 0, 0, NULL },
	[VS_EXPANSION] = { "expansion", FIELD_TEXT, FIELD_REQUIRED, 100, 0, 0, NULL },
};

static int code_ok(const char *s)
{
	if (!s || !*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return 0;
	return 1;
}

/* Lower-case ASCII letters; the search folds the rest itself. */
static char *lower(arena *a, const char *s)
{
	char *t = arena_strdup(a, s);
	for (char *p = t; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return t;
}

static int set_label(struct store *s, const char *term_id, const char *name_en)
{
	sqlite3_stmt *st;
	if (name_en) {
		st = store_stmt(s, "INSERT INTO taxonomy_term_label(term_id, lang, name) VALUES (?, 'en', ?) "
				   "ON CONFLICT(term_id, lang) DO UPDATE SET name = excluded.name");
		if (!st)
			return ST_ERR;
		sqlite3_bind_text(st, 1, term_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, name_en, -1, SQLITE_STATIC);
	} else {
		st = store_stmt(s, "DELETE FROM taxonomy_term_label WHERE term_id = ? AND lang = 'en'");
		if (!st)
			return ST_ERR;
		sqlite3_bind_text(st, 1, term_id, -1, SQLITE_STATIC);
	}
	return store_exec_stmt(s, st);
}

/* The taxonomies in German and in English (same order), for the views. */
static void show_terms(struct req *r, struct resp *w, const struct form *f, const char *problem,
		       const char *notice)
{
	struct dir_staff_vocab t;
	t.de = dir_taxonomies(r->db, r->a, "de", &t.n);
	t.en = dir_taxonomies(r->db, r->a, "en", &t.n_en);
	if (!t.de || !t.en) {
		/* not an empty vocabulary: say that it could not be read */
		t.n = t.n_en = 0;
		resp_store_failed(r, w);
		problem = T(r, "Das hat gerade nicht geklappt. Bitte versuchen Sie es noch einmal.");
	}
	dir_staff_view_vocab(r, w, &t, f, problem, notice);
}

static void show_synonyms(struct req *r, struct resp *w, const struct form *f, const char *problem,
			  const char *notice)
{
	size_t n = 0, cap = 64;
	struct dir_staff_synonym *v = arena_alloc(r->a, cap * sizeof(*v));
	sqlite3_stmt *st = store_stmt(r->db, "SELECT term, expansion FROM search_synonym ORDER BY term, expansion");
	int k = -1;
	while (st && (k = store_step(st)) > 0) {
		if (n == cap) {
			struct dir_staff_synonym *bigger = arena_alloc(r->a, 2 * cap * sizeof(*v));
			memcpy(bigger, v, n * sizeof(*v));
			v = bigger;
			cap *= 2;
		}
		v[n].term = store_col_str(r->a, st, 0);
		v[n].expansion = store_col_str(r->a, st, 1);
		n++;
	}
	if (st)
		sqlite3_reset(st);
	if (k < 0) {
		/* not an empty list: say that it could not be read */
		n = 0;
		resp_store_failed(r, w);
		problem = T(r, "Das hat gerade nicht geklappt. Bitte versuchen Sie es noch einmal.");
	}
	dir_staff_view_synonyms(r, w, v, n, f, problem, notice);
}

/* The lists' query: "gespeichert" after a change was saved. */
static const struct field saved_query[] = {
	{ "gespeichert", FIELD_CHECKBOX, 0, 0, 0, 0, NULL },
};

/* The notice the list's query asks for, or NULL. */
static const char *saved_notice(struct req *r)
{
	struct form q;
	form_validate(r, &r->query, saved_query, NELEM(saved_query), &q);
	return q.val[0] ? T(r, "Gespeichert.") : NULL;
}

void dir_staff_vocab_terms(struct req *r, struct resp *w)
{
	show_terms(r, w, NULL, NULL, saved_notice(r));
}

void dir_staff_vocab_term_save(struct req *r, struct resp *w)
{
	struct form f;
	const char *id = r->params[0];
	if (!dir_is_uuid(id)) {
		w->status = 404;
		show_terms(r, w, NULL, T(r, "Diese Kategorie gibt es nicht."), NULL);
		return;
	}
	if (form_validate(r, &r->form, dir_staff_term_fields, VT__MAX, &f) != 0) {
		w->status = 422;
		show_terms(r, w, &f, T(r, "Bitte geben Sie einen deutschen Namen an."), NULL);
		return;
	}
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	sqlite3_stmt *st = store_stmt(r->db, "UPDATE taxonomy_term SET name = ? WHERE id = ?");
	if (rc == ST_OK && st) {
		sqlite3_bind_text(st, 1, f.val[VT_NAME], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
		rc = store_exec_stmt(r->db, st);
		if (rc == ST_OK && sqlite3_changes(store_db(r->db)) == 0)
			rc = ST_NOTFOUND;
	} else {
		rc = ST_ERR;
	}
	if (rc == ST_OK)
		rc = set_label(r->db, id, f.val[VT_NAME_EN]);
	if (rc == ST_OK)
		rc = audit_add(r->db, r->user->id, "term_save", "taxonomy_term", id, "ok");
	if ((rc = store_tx_end(r->db, &tx, rc)) == ST_OK) {
		resp_redirect(r, w, "/intern/kategorien?gespeichert=1");
		return;
	}
	if (rc == ST_NOTFOUND)
		w->status = 404;
	else
		resp_store_failed(r, w);
	show_terms(r, w, &f, rc == ST_NOTFOUND ? T(r, "Diese Kategorie gibt es nicht.")
						   : T(r, "Das hat gerade nicht geklappt. Bitte versuchen Sie es noch einmal."),
			 NULL);
}

void dir_staff_vocab_term_add(struct req *r, struct resp *w)
{
	struct form f;
	form_validate(r, &r->form, dir_staff_term_fields, VT__MAX, &f);
	if (!f.err[VT_CODE] && !code_ok(f.val[VT_CODE])) {
		f.err[VT_CODE] = N_("Bitte nur Kleinbuchstaben a–z, Ziffern und Bindestriche verwenden.");
		f.nerr++;
	}
	if (!f.err[VT_TAXONOMY] && !dir_is_uuid(f.val[VT_TAXONOMY])) {
		f.err[VT_TAXONOMY] = N_("Bitte wählen Sie einen der angebotenen Werte.");
		f.nerr++;
	}
	if (f.nerr) {
		w->status = 422;
		show_terms(r, w, &f, T(r, "Bitte prüfen Sie Ihre Eingaben"), NULL);
		return;
	}
	char id[37];
	dir_uuid(id);
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	sqlite3_stmt *st = store_stmt(r->db,
		"INSERT INTO taxonomy_term(id, code, name, taxonomy, language, taxonomy_id, position) "
		"SELECT ?1, ?2, ?3, substr(x.uri, length('urn:lotse:taxonomy:') + 1), 'de', x.id, "
		"coalesce((SELECT max(position) + 1 FROM taxonomy_term WHERE taxonomy_id = x.id), 0) "
		"FROM taxonomy x WHERE x.id = ?4");
	if (rc == ST_OK && st) {
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, f.val[VT_CODE], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, f.val[VT_NAME], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, f.val[VT_TAXONOMY], -1, SQLITE_STATIC);
		rc = store_exec_stmt(r->db, st);
		if (rc == ST_OK && sqlite3_changes(store_db(r->db)) == 0)
			rc = ST_NOTFOUND;
	} else {
		rc = ST_ERR;
	}
	if (rc == ST_OK)
		rc = set_label(r->db, id, f.val[VT_NAME_EN]);
	if (rc == ST_OK)
		rc = audit_add(r->db, r->user->id, "term_add", "taxonomy_term", id, "ok");
	if ((rc = store_tx_end(r->db, &tx, rc)) == ST_OK) {
		resp_redirect(r, w, "/intern/kategorien?gespeichert=1");
		return;
	}
	if (rc == ST_CONFLICT || rc == ST_NOTFOUND)
		w->status = rc == ST_CONFLICT ? 422 : 404;
	else
		resp_store_failed(r, w);
	show_terms(r, w, &f, rc == ST_CONFLICT ? T(r, "Diesen Kurznamen gibt es in dieser Kategorie schon.")
				   : T(r, "Das hat gerade nicht geklappt. Bitte versuchen Sie es noch einmal."),
			 NULL);
}

void dir_staff_vocab_synonyms(struct req *r, struct resp *w)
{
	show_synonyms(r, w, NULL, NULL, saved_notice(r));
}

static void synonym_change(struct req *r, struct resp *w, int add)
{
	struct form f;
	if (form_validate(r, &r->form, dir_staff_synonym_fields, VS__MAX, &f) != 0) {
		w->status = 422;
		show_synonyms(r, w, &f, T(r, "Bitte prüfen Sie Ihre Eingaben"), NULL);
		return;
	}
	const char *term = lower(r->a, f.val[VS_TERM]), *exp = lower(r->a, f.val[VS_EXPANSION]);
	sqlite3_stmt *st = store_stmt(r->db, add ? "INSERT OR IGNORE INTO search_synonym(term, expansion) VALUES (?, ?)"
						 : "DELETE FROM search_synonym WHERE term = ? AND expansion = ?");
	int rc = ST_ERR;
	if (st) {
		sqlite3_bind_text(st, 1, term, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, exp, -1, SQLITE_STATIC);
		rc = store_exec_stmt(r->db, st);
	}
	if (rc == ST_OK)
		rc = audit_add(r->db, r->user->id, add ? "synonym_add" : "synonym_delete", "search_synonym", term, "ok");
	if (rc == ST_OK) {
		resp_redirect(r, w, "/intern/suchwoerter?gespeichert=1");
		return;
	}
	resp_store_failed(r, w);
	show_synonyms(r, w, &f, T(r, "Das hat gerade nicht geklappt. Bitte versuchen Sie es noch einmal."), NULL);
}

void dir_staff_vocab_synonym_add(struct req *r, struct resp *w)
{
	synonym_change(r, w, 1);
}

void dir_staff_vocab_synonym_del(struct req *r, struct resp *w)
{
	synonym_change(r, w, 0);
}
