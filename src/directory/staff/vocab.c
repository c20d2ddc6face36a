/* vocab.c — editors keep the taxonomy terms (their queries in model.c)
 * and the search's synonyms (the text engine's, search/search.h). */
#include "directory/staff/staff_internal.h"
#include "auth/auth.h"
#include "core/i18n.h"
#include "search/search.h"

#include <string.h>
#include <strings.h>

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

/* At most this many search words on the page: the shipped thesaurus
 * holds thousands; a search narrows them. */
#define SYNONYMS_SHOWN 200

/* Does s contain part (ASCII letters in any case)? */
static int contains(const char *s, const char *part)
{
	size_t n = strlen(part);
	for (; *s; s++)
		if (strncasecmp(s, part, n) == 0)
			return 1;
	return 0;
}

/* The list, or the pairs whose term or expansion contains filter (NULL
 * or "": all), at most SYNONYMS_SHOWN of them. */
static void show_synonyms(struct req *r, struct resp *w, const struct form *f, const char *problem,
			  const char *notice, const char *filter)
{
	struct search_synonym *v;
	size_t n, shown = 0, matching = 0;
	if (search_synonym_list(r->db, r->a, &v, &n) != ST_OK) {
		/* not an empty list: say that it could not be read */
		resp_store_failed(r, w);
		problem = T(r, "Das hat gerade nicht geklappt. Bitte versuchen Sie es noch einmal.");
	}
	for (size_t i = 0; i < n; i++) {
		if (filter && *filter && !contains(v[i].term, filter) && !contains(v[i].expansion, filter))
			continue;
		matching++;
		if (shown < SYNONYMS_SHOWN)
			v[shown++] = v[i];
	}
	struct dir_staff_synonym_list list = { v, shown, matching, n, filter };
	dir_staff_view_synonyms(r, w, &list, f, problem, notice);
}

/* The lists' query: "gespeichert" after a change was saved; the search
 * words' list also "suche", a part of the words to show. */
static const struct field saved_query[] = {
	{ "gespeichert", FIELD_CHECKBOX, 0, 0, 0, 0, NULL },
	{ "suche", FIELD_TEXT, 0, 60, 0, 0, NULL },
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

/* In one transaction: the row of term id (a new one when add, else its
 * German name), its English label and the audit row. ST_OK, or the code
 * of what failed (ST_NOTFOUND: no such term or taxonomy, ST_CONFLICT: the
 * code is taken). */
static int write_term(struct req *r, const struct form *f, const char *id, int add)
{
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = add ? dir_staff_term_add(r->db, id, f->val[VT_CODE], f->val[VT_NAME], f->val[VT_TAXONOMY])
			 : dir_staff_term_rename(r->db, id, f->val[VT_NAME]);
	if (rc == ST_OK)
		rc = dir_staff_term_label(r->db, id, f->val[VT_NAME_EN]);
	if (rc == ST_OK)
		rc = audit_add(r->db, r->user->id, add ? "term_add" : "term_save", "taxonomy_term", id, "ok");
	return store_tx_end(r->db, &tx, rc);
}

/* After write_term: back to the list, or the editor again with what went
 * wrong: 404 and notfound (a msgid) for ST_NOTFOUND, 422 and conflict for
 * ST_CONFLICT when conflict is given, else the store's failure. */
static void term_done(struct req *r, struct resp *w, const struct form *f, int rc, const char *notfound,
		      const char *conflict)
{
	if (rc == ST_OK) {
		resp_redirect(r, w, "/intern/kategorien?gespeichert=1");
		return;
	}
	const char *problem = N_("Das hat gerade nicht geklappt. Bitte versuchen Sie es noch einmal.");
	if (rc == ST_NOTFOUND) {
		w->status = 404;
		if (notfound)
			problem = notfound;
	} else if (rc == ST_CONFLICT && conflict) {
		w->status = 422;
		problem = conflict;
	} else {
		resp_store_failed(r, w);
	}
	show_terms(r, w, f, T(r, problem), NULL);
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
	term_done(r, w, &f, write_term(r, &f, id, 0), N_("Diese Kategorie gibt es nicht."), NULL);
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
	term_done(r, w, &f, write_term(r, &f, id, 1), NULL, N_("Diesen Kurznamen gibt es in dieser Kategorie schon."));
}

void dir_staff_vocab_synonyms(struct req *r, struct resp *w)
{
	struct form q;
	form_validate(r, &r->query, saved_query, NELEM(saved_query), &q);
	show_synonyms(r, w, NULL, NULL, saved_notice(r), q.err[1] ? NULL : q.val[1]);
}

static void synonym_change(struct req *r, struct resp *w, int add)
{
	struct form f;
	if (form_validate(r, &r->form, dir_staff_synonym_fields, VS__MAX, &f) != 0) {
		w->status = 422;
		show_synonyms(r, w, &f, T(r, "Bitte prüfen Sie Ihre Eingaben"), NULL, NULL);
		return;
	}
	const char *term = lower(r->a, f.val[VS_TERM]), *exp = lower(r->a, f.val[VS_EXPANSION]);
	int rc = search_synonym_set(r->db, term, exp, add);
	if (rc == ST_OK)
		rc = audit_add(r->db, r->user->id, add ? "synonym_add" : "synonym_delete", "search_synonym", term, "ok");
	if (rc == ST_OK) {
		resp_redirect(r, w, "/intern/suchwoerter?gespeichert=1");
		return;
	}
	resp_store_failed(r, w);
	show_synonyms(r, w, &f, T(r, "Das hat gerade nicht geklappt. Bitte versuchen Sie es noch einmal."), NULL,
		      NULL);
}

void dir_staff_vocab_synonym_add(struct req *r, struct resp *w)
{
	synonym_change(r, w, 1);
}

void dir_staff_vocab_synonym_del(struct req *r, struct resp *w)
{
	synonym_change(r, w, 0);
}
