/* finder.c — the handler of the public offer finder GET /angebote: the
 * declared query parameters and their validation, the search, the URLs
 * that keep a search (pages, removing one filter). */
#include "directory/public/public_internal.h"
#include "core/core.h"
#include "http/cache.h"
#include "core/i18n.h"
#include "html/html.h"
#include "html/layout.h"

#include <stdlib.h>
#include <string.h>

const struct dir_public_finder_multi dir_public_finder_multi[FM__MAX] = {
	[FM_PHASE] = { "phase", "uebergangsphase" },
	[FM_ART] = { "art", "angebotsart" },
	[FM_GRUPPE] = { "gruppe", "zielgruppe" },
};

static const char *const radius_choices[] = { "5", "10", "25", "50", NULL };

#define PER_PAGE 20
/* Room for a result page at once: they are about 35 KB. */
#define FINDER_PAGE_BYTES (48 * 1024)

static const struct dir_taxonomy *taxonomy(const struct dir_public_finder *fd, const char *code)
{
	for (size_t i = 0; i < fd->n_tax; i++)
		if (strcmp(fd->tax[i].code, code) == 0)
			return &fd->tax[i];
	return NULL;
}

/* The term codes of a taxonomy as the choices of a field. */
static const char *const *codes(struct req *r, const struct dir_taxonomy *t)
{
	size_t n = t ? t->n_terms : 0;
	const char **v = arena_alloc(r->a, (n + 1) * sizeof(*v));
	for (size_t i = 0; i < n; i++)
		v[i] = t->terms[i].code;
	return v;
}

static int all_of(const char *s, const char *set, size_t min, size_t max)
{
	size_t n = strlen(s);
	return n >= min && n <= max && strspn(s, set) == n;
}

/* Each value of a repeatable parameter, checked with its declared field. */
static void validate_multi(struct req *r, struct dir_public_finder *fd, int m, const struct field *f)
{
	for (size_t k = 0; k < r->query.n; k++) {
		const struct kv *kv = &r->query.items[k];
		if (strcmp(kv->key, f->name) != 0)
			continue;
		struct kvlist one = { .items = (struct kv *)kv, .n = 1, .cap = 1 };
		struct form v;
		form_validate(r, &one, f, 1, &v);
		if (!v.val[0])
			continue; /* empty: as if absent */
		if (v.err[0]) {
			fd->err_multi[m] = v.err[0];
			continue;
		}
		int dup = 0;
		for (size_t i = 0; i < fd->n_sel[m]; i++)
			dup |= strcmp(fd->sel[m][i], v.val[0]) == 0;
		if (dup)
			continue;
		if (fd->n_sel[m] == DIR_PUBLIC_FINDER_MAX_VALUES) {
			fd->err_multi[m] = N_("Bitte wählen Sie höchstens zehn Werte.");
			continue;
		}
		fd->sel[m][fd->n_sel[m]++] = v.val[0];
	}
	if (fd->err_multi[m])
		fd->nerr++;
}

const char *dir_public_finder_url(struct req *r, const struct dir_public_finder *fd, int page, const char *drop_param,
		       const char *drop_value)
{
	static const char *const names[FF__MAX] = {
		[FF_Q] = "q", [FF_ORT] = "ort", [FF_SPRACHE] = "sprache", [FF_ALTER] = "alter",
		[FF_KOSTENLOS] = "kostenlos", [FF_PLZ] = "plz", [FF_UMKREIS] = "umkreis", [FF_SEITE] = "seite",
	};
	const struct form *f = &fd->f;
#define KEEP(i) (f->val[i] && !f->err[i] && !(drop_param && strcmp(drop_param, names[i]) == 0))
	const char *url = "/angebote";
	if (KEEP(FF_Q))
		url = html_url(r->a, url, "q", f->val[FF_Q], NULL);
	for (int m = 0; m < FM__MAX; m++)
		for (size_t k = 0; k < fd->n_sel[m]; k++)
			if (!(drop_param && strcmp(drop_param, dir_public_finder_multi[m].param) == 0 &&
			      (!drop_value || strcmp(drop_value, fd->sel[m][k]) == 0)))
				url = html_url(r->a, url, dir_public_finder_multi[m].param, fd->sel[m][k], NULL);
	for (int i = FF_ORT; i <= FF_PLZ; i++)
		if (KEEP(i))
			url = html_url(r->a, url, names[i], f->val[i], NULL);
	if (KEEP(FF_UMKREIS) && KEEP(FF_PLZ))
		url = html_url(r->a, url, "umkreis", f->val[FF_UMKREIS], NULL);
#undef KEEP
	if (page > 1)
		url = html_url(r->a, url, "seite", arena_printf(r->a, "%d", page), NULL);
	return url;
}

/* Result pages by language and address, while the index does not change
 * (and a minute at most, for taxonomy label edits the index does not see). */
static struct page_cache finder_cache = PAGE_CACHE_INIT(60);

static void finder_page(struct req *r, struct resp *w);

void dir_public_finder(struct req *r, struct resp *w)
{
	char token[40];
	int64_t version = dir_search_version(r->db, token);
	const char *key = version >= 0 ? arena_printf(r->a, "%s|%s|%s", token, r->lang, r->target) : NULL;
	int64_t now = core_now();
	if (key && page_cache_get(&finder_cache, key, version, now, &w->body))
		return;
	finder_page(r, w);
	if (key && w->status == 200 && !w->body.err)
		page_cache_put(&finder_cache, key, version, now, w->body.data, w->body.len);
}

int dir_public_finder_parse(struct req *r, struct dir_public_finder *fd)
{
	fd->tax = dir_search_taxonomies(r->db, r->a, r->lang, &fd->n_tax);
	fd->filtered = r->query.n > 0;
	const struct field fields[FF__MAX] = {
		[FF_Q] = { "q", FIELD_TEXT, 0, 200, 0, 0, NULL },
		[FF_ORT] = { "ort", FIELD_CHOICE, 0, 100, 0, 0, codes(r, taxonomy(fd, "ort")) },
		[FF_SPRACHE] = { "sprache", FIELD_TEXT, 0, 3, 0, 0, NULL },
		[FF_ALTER] = { "alter", FIELD_INT, 0, 6, 0, 99, NULL },
		[FF_KOSTENLOS] = { "kostenlos", FIELD_CHECKBOX, 0, 1, 0, 0, NULL },
		[FF_PLZ] = { "plz", FIELD_TEXT, 0, 5, 0, 0, NULL },
		[FF_UMKREIS] = { "umkreis", FIELD_CHOICE, 0, 2, 0, 0, radius_choices },
		[FF_SEITE] = { "seite", FIELD_INT, 0, 6, 1, 1000, NULL },
	};
	struct form *f = &fd->f;
	form_validate(r, &r->query, fields, FF__MAX, f);
	if (f->val[FF_SPRACHE] && !f->err[FF_SPRACHE] && !all_of(f->val[FF_SPRACHE], "abcdefghijklmnopqrstuvwxyz", 2, 3)) {
		f->err[FF_SPRACHE] = N_("Bitte wählen Sie eine Sprache aus der Liste.");
		f->nerr++;
	}
	if (f->val[FF_PLZ] && !f->err[FF_PLZ] && !all_of(f->val[FF_PLZ], "0123456789", 5, 5)) {
		f->err[FF_PLZ] = N_("Bitte geben Sie eine Postleitzahl mit fünf Ziffern ein.");
		f->nerr++;
	}
	fd->nerr = f->nerr;
	for (int m = 0; m < FM__MAX; m++) {
		const struct field mf = { dir_public_finder_multi[m].param, FIELD_CHOICE, 0, 100, 0, 0,
					  codes(r, taxonomy(fd, dir_public_finder_multi[m].taxonomy)) };
		validate_multi(r, fd, m, &mf);
	}

	/* the search, with the valid values only */
	struct dir_search_query *q = &fd->q;
	q->q = f->err[FF_Q] ? NULL : f->val[FF_Q];
	for (int m = 0; m < FM__MAX; m++)
		for (size_t k = 0; k < fd->n_sel[m] && q->n_terms < DIR_SEARCH_MAX_TERMS; k++)
			q->terms[q->n_terms++] = arena_printf(r->a, "%s:%s", dir_public_finder_multi[m].taxonomy, fd->sel[m][k]);
	if (f->val[FF_ORT] && !f->err[FF_ORT] && q->n_terms < DIR_SEARCH_MAX_TERMS)
		q->terms[q->n_terms++] = arena_printf(r->a, "ort:%s", f->val[FF_ORT]);
	q->language = f->err[FF_SPRACHE] ? NULL : f->val[FF_SPRACHE];
	q->age = f->val[FF_ALTER] && !f->err[FF_ALTER] ? (int)f->num[FF_ALTER] : -1;
	q->free_only = f->val[FF_KOSTENLOS] != NULL;
	q->postcode = f->err[FF_PLZ] ? NULL : f->val[FF_PLZ];
	q->radius_km = f->val[FF_UMKREIS] && !f->err[FF_UMKREIS] ? (int)strtol(f->val[FF_UMKREIS], NULL, 10) : 10;
	q->page = f->val[FF_SEITE] && !f->err[FF_SEITE] ? (int)f->num[FF_SEITE] : 1;
	q->per_page = PER_PAGE;
	return fd->tax ? ST_OK : ST_ERR;
}

static void finder_page(struct req *r, struct resp *w)
{
	struct dir_public_finder *fd = arena_alloc(r->a, sizeof(*fd));
	if (dir_public_finder_parse(r, fd) != ST_OK) {
		/* not a finder without filters: the page cannot be shown */
		layout_error_page(r, w, resp_store_failed(r, w));
		return;
	}
	struct form *f = &fd->f;
	struct dir_search_query *q = &fd->q;
	int rc = dir_search(r->db, r->a, q, r->lang, &fd->res);
	if (rc == ST_NOTFOUND) { /* a postcode outside the region: the rest still counts */
		f->err[FF_PLZ] = N_("Diese Postleitzahl kennen wir nicht. Das Verzeichnis umfasst Mainz, "
				    "Mainz-Bingen und Ludwigshafen mit ihrer Umgebung.");
		f->nerr++;
		fd->nerr++;
		q->postcode = NULL;
		rc = dir_search(r->db, r->a, q, r->lang, &fd->res);
	}
	if (rc != ST_OK) {
		resp_store_failed(r, w);
		fd->problem = T(r, "Die Suche ist gerade nicht möglich. Bitte versuchen Sie es in einigen Minuten "
				   "noch einmal.");
	} else if (fd->nerr) {
		w->status = 422;
	}
	buf_reserve(&w->body, FINDER_PAGE_BYTES); /* the page in one allocation, not a dozen steps */
	dir_public_view_finder(r, w, fd);
}

/* Most parameters a finder address in a Referer may have (the finder's
 * own parameters, each repeatable one up to its limit, and some spare). */
#define BACK_MAX_PAIRS 64

const char *dir_public_finder_back(struct req *r)
{
	const char *ref = req_header(r, "Referer");
	size_t bl = r->base_url ? strlen(r->base_url) : 0;
	if (!ref || !bl || strncmp(ref, r->base_url, bl) != 0)
		return "/angebote"; /* none, or from another site */
	const char *rest = ref + bl;
	if (strncmp(rest, "/angebote", 9) != 0 || (rest[9] != '\0' && rest[9] != '?'))
		return "/angebote";
	if (rest[9] == '\0')
		return "/angebote";
	const char *qs = rest + 10, *hash = strchr(qs, '#');
	struct kvlist kv = { 0 };
	if (http_parse_urlencoded(r->a, qs, hash ? (size_t)(hash - qs) : strlen(qs), &kv, BACK_MAX_PAIRS) != 0)
		return "/angebote";
	/* only what the finder itself accepts comes back, rebuilt */
	struct req other = *r;
	other.query = kv;
	struct dir_public_finder *fd = arena_alloc(r->a, sizeof(*fd));
	memset(fd, 0, sizeof(*fd));
	dir_public_finder_parse(&other, fd);
	return dir_public_finder_url(r, fd, fd->q.page, NULL, NULL);
}
