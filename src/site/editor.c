/* editor.c — the page editor of the staff area: list, create, edit with
 * preview, revisions and restore. Every write is a revision and an audit
 * row, committed together. */
#include "site/site.h"
#include "html/layout.h"
#include "site/staff_views.h"
#include "html/fields.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "http/router.h"

#include <string.h>

int site_parse_id(const char *s, int64_t *id)
{
	if (!s || *s < '1' || *s > '9')
		return -1;
	int64_t v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		int d = *p - '0';
		if (v > (INT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*id = v;
	return 0;
}

/* Lowercase a-z, 0-9 and single inner hyphens, 1 to 64 characters. */
static const char *slug_form_problem(const char *slug)
{
	size_t n = strlen(slug);
	if (n == 0 || n > 64)
		return N_("Die Adresse muss 1 bis 64 Zeichen lang sein.");
	for (size_t i = 0; i < n; i++)
		if (!((slug[i] >= 'a' && slug[i] <= 'z') || (slug[i] >= '0' && slug[i] <= '9') || slug[i] == '-'))
			return N_("Bitte nur Kleinbuchstaben a–z, Ziffern und Bindestriche verwenden.");
	if (slug[0] == '-' || slug[n - 1] == '-' || strstr(slug, "--"))
		return N_("Ein Bindestrich darf nicht am Anfang, am Ende oder doppelt stehen.");
	return NULL;
}

const char *site_slug_problem(const char *slug)
{
	const char *problem = slug_form_problem(slug);
	if (problem)
		return problem;
	/* The home page ("/") and the text above the contact form are pages the
	 * site serves itself: an editor may create them when they are missing. */
	if (strcmp(slug, "start") == 0 || strcmp(slug, "kontakt") == 0)
		return NULL;
	return router_segment_taken(slug, strlen(slug)) ? N_("Diese Adresse verwendet die Website selbst. Bitte wählen Sie eine andere.") : NULL;
}

static void not_found(struct req *r, struct resp *w)
{
	w->status = 404;
	layout_error_page(r, w, 404);
}

static void failed(struct req *r, struct resp *w)
{
	layout_error_page(r, w, resp_store_failed(r, w));
}

/* The error page for a store status other than ST_OK. */
static void refuse(struct req *r, struct resp *w, int rc)
{
	if (rc == ST_NOTFOUND)
		not_found(r, w);
	else
		failed(r, w);
}

/* The slug and language of an editor URL (params 0 and 1); -1 when
 * either is malformed. Reserved slugs are fine here: "start" and
 * "kontakt" are pages too. */
static int page_params(struct req *r, const char **slug, const char **lang)
{
	if (r->nparams < 2 || slug_form_problem(r->params[0]))
		return -1;
	*slug = r->params[0];
	*lang = i18n_lang(r->params[1]);
	return *lang ? 0 : -1;
}

/* A save made from an older version of the page than the stored one. */
enum { STALE = ST_ERR + 1 };

/* The version of slug in lang: the id of its newest revision (0: none)
 * into *v, that revision into *newest when given. ST_OK or ST_ERR. */
static int page_version(struct req *r, const char *slug, const char *lang, int64_t *v, struct page_rev *newest)
{
	struct page_rev *revs;
	size_t n;
	if (site_revision_list(r->db, r->a, slug, lang, &revs, &n) != ST_OK)
		return ST_ERR;
	*v = n ? revs[0].id : 0;
	if (newest)
		*newest = n ? revs[0] : (struct page_rev){ .author_email = "", .created_at = "" };
	return ST_OK;
}

/* Save p as a new revision by the current user, with its audit row, in
 * one transaction; made from version (-1: not checked). ST_OK,
 * ST_CONFLICT (create: the page exists), STALE (someone saved a newer
 * version; nothing written) or ST_ERR. */
static int save_audited(struct req *r, const struct page *p, const char *action, int create, int64_t version)
{
	const struct auth_user *u = auth_current(r);
	struct store_tx tx;
	int64_t have;
	int rc = store_tx_begin(r->db, &tx);
	if (rc != ST_OK)
		goto out;
	if (version >= 0 && (rc = page_version(r, p->slug, p->lang, &have, NULL)) != ST_OK)
		goto out;
	if (version >= 0 && have != version) {
		rc = STALE;
		goto out;
	}
	if ((rc = site_page_save(r->db, p, u->id, create)) != ST_OK)
		goto out;
	rc = audit_add(r->db, u->id, action, "page", arena_printf(r->a, "%s/%s", p->slug, p->lang), "ok");
out:
	return store_tx_end(r->db, &tx, rc);
}

static void list_page(struct req *r, struct resp *w, const struct form *f, const char *problem)
{
	struct page_info *pages;
	size_t n;
	if (site_page_list(r->db, r->a, &pages, &n) != ST_OK) {
		failed(r, w);
		return;
	}
	for (size_t i = 0; i < n; i++)
		pages[i].placeholder = site_page_placeholder(r->db, pages[i].slug) == ST_OK;
	site_view_editor_list(r, w, pages, n, f, problem);
}

void site_editor_list(struct req *r, struct resp *w)
{
	list_page(r, w, NULL, NULL);
}

void site_editor_create(struct req *r, struct resp *w)
{
	struct form f;
	form_validate(r, &r->form, create_fields, NF__MAX, &f);
	if (!f.err[NF_SLUG] && (f.err[NF_SLUG] = site_slug_problem(f.val[NF_SLUG])) != NULL)
		f.nerr++;
	int rc = ST_OK;
	if (!f.err[NF_SLUG]) {
		rc = site_page_exists(r->db, f.val[NF_SLUG]);
		if (rc == ST_OK) {
			f.err[NF_SLUG] = N_("Eine Seite mit dieser Adresse gibt es schon.");
			f.nerr++;
		}
	}
	if (f.nerr) {
		w->status = 422;
		list_page(r, w, &f, NULL);
		return;
	}
	struct page p = { .slug = f.val[NF_SLUG], .lang = i18n_langs[0], .title = f.val[NF_TITLE],
			  .description = "", .body_md = "" };
	if (rc == ST_NOTFOUND)
		rc = save_audited(r, &p, "page_create", 1, -1);
	if (rc == ST_CONFLICT) {
		f.err[NF_SLUG] = N_("Eine Seite mit dieser Adresse gibt es schon.");
		f.nerr++;
		w->status = 422;
		list_page(r, w, &f, NULL);
		return;
	}
	if (rc != ST_OK) {
		resp_store_failed(r, w);
		list_page(r, w, &f, T(r, "Die Seite konnte gerade nicht angelegt werden. Bitte versuchen Sie "
					 "es in einigen Minuten noch einmal."));
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/seiten/%s/%s?angelegt=1", p.slug, p.lang));
}

/* Load what the editor of slug in lang starts from: the stored page (*exists)
 * or, when lang is missing, the German page as the source to translate.
 * ST_NOTFOUND when the page exists in no language. */
static int load_editor(struct req *r, struct editor_state *e, struct page *stored, struct page *source)
{
	int rc = site_page_get(r->db, r->a, e->slug, e->lang, stored);
	if (rc == ST_OK) {
		e->exists = 1;
		e->val = *stored;
		return ST_OK;
	}
	if (rc != ST_NOTFOUND)
		return rc;
	if ((rc = site_page_exists(r->db, e->slug)) != ST_OK)
		return rc;
	e->val = (struct page){ .slug = e->slug, .lang = e->lang };
	if (site_page_get(r->db, r->a, e->slug, i18n_langs[0], source) == ST_OK)
		e->source = source;
	return ST_OK;
}

void site_editor_form(struct req *r, struct resp *w)
{
	struct editor_state e = { 0 };
	struct page stored, source;
	if (page_params(r, &e.slug, &e.lang) != 0) {
		not_found(r, w);
		return;
	}
	int rc = load_editor(r, &e, &stored, &source);
	if (rc == ST_OK)
		rc = page_version(r, e.slug, e.lang, &e.version, NULL);
	if (rc != ST_OK) {
		refuse(r, w, rc);
		return;
	}
	/* the query: which change just happened (the redirects after them set it) */
	enum { EQ_SAVED, EQ_CREATED, EQ_RESTORED, EQ__MAX };
	static const struct field query[EQ__MAX] = {
		[EQ_SAVED] = { "gespeichert", FIELD_CHECKBOX, 0, 0, 0, 0, NULL },
		[EQ_CREATED] = { "angelegt", FIELD_CHECKBOX, 0, 0, 0, 0, NULL },
		[EQ_RESTORED] = { "wiederhergestellt", FIELD_CHECKBOX, 0, 0, 0, 0, NULL },
	};
	struct form q;
	form_validate(r, &r->query, query, EQ__MAX, &q);
	if (q.val[EQ_SAVED])
		e.notice = T(r, "Gespeichert. Die Änderungen sind jetzt öffentlich sichtbar.");
	else if (q.val[EQ_CREATED])
		e.notice = T(r, "Die Seite ist angelegt. Schreiben Sie jetzt den Text und speichern Sie.");
	else if (q.val[EQ_RESTORED])
		e.notice = T(r, "Die ältere Fassung ist wiederhergestellt und als neue Version gespeichert.");
	site_view_editor_form(r, w, &e);
}

/* Browsers send line breaks as CR LF; store LF only. */
static const char *unix_newlines(struct req *r, const char *s)
{
	if (!s || !strchr(s, '\r'))
		return s;
	char *out = arena_strdup(r->a, s), *q = out;
	for (const char *p = s; *p; p++)
		if (!(p[0] == '\r' && p[1] == '\n'))
			*q++ = *p;
	*q = '\0';
	return out;
}

/* The save of e's text, made from an older version of the page, is
 * refused: 409, what is stored now beside what was typed, and the form
 * with the text on the stored version, so that saving again takes it
 * over. stored: the page as loaded before the save (when it existed). */
static void stale(struct req *r, struct resp *w, struct editor_state *e, struct page *stored)
{
	struct page_rev newest;
	if (page_version(r, e->slug, e->lang, &e->version, &newest) != ST_OK ||
	    site_page_get(r->db, r->a, e->slug, e->lang, stored) != ST_OK) {
		failed(r, w);
		return;
	}
	static const char *const labels[] = { N_("Titel"), N_("Beschreibung"), N_("Text") };
	const char **label = arena_alloc(r->a, sizeof(labels));
	for (size_t i = 0; i < NELEM(labels); i++)
		label[i] = T(r, labels[i]);
	const char *theirs[] = { stored->title, stored->description, stored->body_md };
	const char *yours[] = { e->val.title, e->val.description, e->val.body_md };
	struct fields_conflict *c = arena_alloc(r->a, sizeof(*c));
	const char **l = arena_alloc(r->a, 4 * sizeof(*l)), **t = arena_alloc(r->a, 4 * sizeof(*t)),
		   **y = arena_alloc(r->a, 4 * sizeof(*y));
	size_t n = 0;
	for (size_t i = 0; i < NELEM(labels); i++)
		if (strcmp(theirs[i] ? theirs[i] : "", yours[i] ? yours[i] : "") != 0) {
			l[n] = label[i];
			t[n] = theirs[i] ? theirs[i] : "";
			y[n++] = yours[i] ? yours[i] : "";
		}
	*c = (struct fields_conflict){
		.heading = T(r, "Jemand anderes hat diese Seite inzwischen geändert"),
		.who = *newest.author_email ? newest.author_email : NULL,
		.at = *newest.created_at ? layout_time(r, newest.created_at) : NULL,
		.label = l, .theirs = t, .yours = y, .n = n,
		.reload = arena_printf(r->a, "/intern/seiten/%s/%s", e->slug, e->lang),
		.again = T(r, "Speichern"),
	};
	e->conflict = c;
	e->exists = 1;
	e->preview = 0;
	w->status = 409;
	site_view_editor_form(r, w, e);
}

void site_editor_save(struct req *r, struct resp *w)
{
	struct editor_state e = { 0 };
	struct page stored, source;
	struct form f;
	if (page_params(r, &e.slug, &e.lang) != 0) {
		not_found(r, w);
		return;
	}
	int rc = load_editor(r, &e, &stored, &source);
	if (rc != ST_OK) {
		refuse(r, w, rc);
		return;
	}
	form_validate(r, &r->form, editor_fields, EF__MAX, &f);
	if (f.err[EF_ACTION] || f.err[EF_VERSION]) {
		/* the values come from the buttons and a hidden field: only a
		 * tampered form gets here */
		w->status = 400;
		layout_error_page(r, w, 400);
		return;
	}
	e.f = &f;
	e.val = (struct page){ .slug = e.slug, .lang = e.lang, .title = f.val[EF_TITLE],
			       .description = f.val[EF_DESCRIPTION] ? f.val[EF_DESCRIPTION] : "",
			       .body_md = unix_newlines(r, f.val[EF_BODY] ? f.val[EF_BODY] : "") };
	e.preview = f.val[EF_ACTION] && strcmp(f.val[EF_ACTION], "preview") == 0;
	/* a preview or an error keeps the version the text was made from */
	e.version = f.val[EF_VERSION] ? f.num[EF_VERSION] : -1;
	if (f.nerr) {
		w->status = 422;
		site_view_editor_form(r, w, &e);
		return;
	}
	if (e.preview) {
		site_view_editor_form(r, w, &e);
		return;
	}
	rc = save_audited(r, &e.val, "page_save", 0, e.version);
	if (rc == STALE) {
		stale(r, w, &e, &stored);
		return;
	}
	if (rc != ST_OK) {
		resp_store_failed(r, w);
		e.problem = T(r, "Die Seite konnte gerade nicht gespeichert werden. Bitte versuchen Sie es in "
				 "einigen Minuten noch einmal. Ihr Text ist noch da.");
		site_view_editor_form(r, w, &e);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/seiten/%s/%s?gespeichert=1", e.slug, e.lang));
}

void site_editor_history(struct req *r, struct resp *w)
{
	const char *slug, *lang;
	struct page p;
	struct page_rev *revs;
	size_t n;
	if (page_params(r, &slug, &lang) != 0) {
		not_found(r, w);
		return;
	}
	int rc = site_page_get(r->db, r->a, slug, lang, &p);
	if (rc == ST_OK)
		rc = site_revision_list(r->db, r->a, slug, lang, &revs, &n);
	if (rc != ST_OK) {
		refuse(r, w, rc);
		return;
	}
	site_view_editor_history(r, w, slug, lang, revs, n);
}

/* The revision named by params 0..2; ST_NOTFOUND for malformed URLs too. */
static int load_revision(struct req *r, struct page_rev *rev)
{
	const char *slug, *lang;
	int64_t id;
	if (page_params(r, &slug, &lang) != 0 || r->nparams < 3 || site_parse_id(r->params[2], &id) != 0)
		return ST_NOTFOUND;
	return site_revision_get(r->db, r->a, slug, lang, id, rev);
}

void site_editor_revision(struct req *r, struct resp *w)
{
	struct page_rev rev;
	int rc = load_revision(r, &rev);
	if (rc != ST_OK) {
		refuse(r, w, rc);
		return;
	}
	site_view_editor_revision(r, w, &rev);
}

void site_editor_restore(struct req *r, struct resp *w)
{
	struct page_rev rev;
	int rc = load_revision(r, &rev);
	if (rc != ST_OK) {
		refuse(r, w, rc);
		return;
	}
	struct page p = { .slug = rev.slug, .lang = rev.lang, .title = rev.title,
			  .description = rev.description, .body_md = rev.body_md };
	if (save_audited(r, &p, "page_restore", 0, -1) != ST_OK) {
		failed(r, w);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/seiten/%s/%s?wiederhergestellt=1", p.slug, p.lang));
}
