/* mapping.c — the handlers that map codes and variable values to the
 * directory's taxonomy terms: a code's term on its page
 * (POST .../codes/{c}/begriff), the page of a project's terms with a form
 * per value of its document variables (/intern/interviews/{p}/begriffe).
 * The evidence loop counts coded documents by them (evidence.c). */
#include "interviews/iv_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "directory/directory.h"
#include "html/layout.h"

#include <inttypes.h>
#include <string.h>

/* The taxonomy behind each dimension of a variable's value ("" language:
 * an ISO 639-1 code, not a taxonomy). */
static const struct {
	const char *dim, *taxonomy;
} dims[] = { { "stage", "uebergangsphase" }, { "group", "zielgruppe" }, { "district", "ort" }, { "language", "" } };

static const char *dim_taxonomy(const char *dim)
{
	for (size_t i = 0; i < NELEM(dims); i++)
		if (strcmp(dims[i].dim, dim) == 0)
			return dims[i].taxonomy;
	return NULL;
}

/* Options of a <select>, grown in the request's arena. */
struct opts {
	const char **values, **labels;
	size_t n, cap, lcap;
};
static void opt_add(arena *a, struct opts *o, const char *value, const char *label)
{
	o->values = arena_grow(a, o->values, o->n, &o->cap, sizeof(*o->values), 32);
	o->labels = arena_grow(a, o->labels, o->n, &o->lcap, sizeof(*o->labels), 32);
	o->values[o->n] = value;
	o->labels[o->n++] = label;
}

/* Append the terms of the taxonomy with code taxonomy (NULL: of all) as
 * options "prefix/term" (prefix NULL: the taxonomy's code), shown as
 * "Taxonomy: Term". */
static void opt_terms(arena *a, struct opts *o, const struct dir_taxonomy *tax, size_t nt, const char *taxonomy,
		      const char *prefix)
{
	for (size_t i = 0; i < nt; i++) {
		if (taxonomy && strcmp(tax[i].code, taxonomy) != 0)
			continue;
		for (size_t j = 0; j < tax[i].n_terms; j++)
			opt_add(a, o, arena_printf(a, "%s/%s", prefix ? prefix : tax[i].code, tax[i].terms[j].code),
				arena_printf(a, "%s: %s", tax[i].name, tax[i].terms[j].name));
	}
}

int iv_term_choice_load(struct req *r, const struct iv_project *p, int64_t code_id, struct iv_term_choice *tc)
{
	*tc = (struct iv_term_choice){ .current = "" };
	size_t nt;
	struct dir_taxonomy *tax = dir_taxonomies(r->db, r->a, r->lang, &nt);
	struct iv_code_term *ct;
	size_t nct;
	if (!tax || iv_code_terms(r->db, r->a, p->id, &ct, &nct) != ST_OK)
		return ST_ERR;
	struct opts o = { 0 };
	opt_terms(r->a, &o, tax, nt, NULL, NULL);
	tc->values = o.values;
	tc->labels = o.labels;
	tc->n = o.n;
	for (size_t i = 0; i < nct; i++)
		if (ct[i].code_id == code_id)
			tc->current = arena_printf(r->a, "%s/%s", ct[i].taxonomy, ct[i].term);
	if (strcmp(kv_get(&r->query, "ok") ? kv_get(&r->query, "ok") : "", "term") == 0)
		tc->notice = T(r, "Der Begriff des Codes wurde gespeichert.");
	return ST_OK;
}

/* POST .../codes/{c}/begriff: term = "taxonomy/term" of the directory, or "" (none). */
void iv_code_term_post(struct req *r, struct resp *w)
{
	struct iv_project p;
	if (iv_req_project(r, w, &p) != 0)
		return;
	int64_t code_id = iv_param_id(r->params[1]);
	const char *term = kv_get(&r->form, "term");
	term = term ? term : "";
	const char *slash = strchr(term, '/');
	size_t nt;
	struct dir_taxonomy *tax = dir_taxonomies(r->db, r->a, r->lang, &nt);
	if (!tax) {
		layout_staff_failed(r, w);
		return;
	}
	const char *taxonomy = slash ? arena_strndup(r->a, term, (size_t)(slash - term)) : "";
	const char *code = slash ? slash + 1 : "";
	int known = !*term || (slash && dir_term_find(tax, nt, taxonomy, code));
	struct store_tx tx;
	int rc = known ? store_tx_begin(r->db, &tx) : ST_CONFLICT;
	if (rc == ST_OK) {
		rc = code_id > 0 ? iv_code_term_set(r->db, p.id, code_id, taxonomy, code) : ST_NOTFOUND;
		if (rc == ST_OK)
			rc = audit_add_req(r, "iv_code_term", "iv_code", iv_id(r, code_id), "ok", *term ? term : NULL);
		rc = store_tx_end(r->db, &tx, rc);
	}
	if (rc == ST_OK) {
		resp_redirect(r, w, iv_path(r, p.id, arena_printf(r->a, "/codes/%" PRId64 "?ok=term#begriff", code_id)));
		return;
	}
	if (rc == ST_NOTFOUND) {
		layout_staff_not_found(r, w);
		return;
	}
	if (rc != ST_CONFLICT) {
		layout_staff_failed(r, w);
		return;
	}
	layout_staff_problem(r, w, 422, T(r, "Der Begriff wurde nicht gespeichert"),
			     T(r, "Diesen Begriff gibt es im Verzeichnis nicht. Bitte einen aus der Liste wählen."));
}

/* The languages a value can stand for: those the network's young people
 * and parents speak most (ISO 639-1; names from the directory's table). */
static const char *const languages[] = { "de", "ar", "fa", "ps", "ku", "tr", "ru", "uk", "ro", "bg", "pl",
					  "sq", "ti", "so", "en", "fr", "it", "es", "el", "hr", "sr" };

static void lang_option(struct req *r, struct opts *o, const char *code)
{
	const char *name = dir_fact_language(code, r->lang);
	opt_add(r->a, o, arena_printf(r->a, "language/%s", code),
		arena_printf(r->a, "%s: %s (%s)", T(r, "Sprache"), name ? name : code, code));
}

/* The rows of the page: every value of every variable with its term now
 * and the terms it can stand for. */
static int value_rows(struct req *r, const struct iv_project *p, struct iv_value_row **rows, size_t *nrows)
{
	*rows = NULL;
	*nrows = 0;
	size_t nt, nnames, nvt;
	struct dir_taxonomy *tax = dir_taxonomies(r->db, r->a, r->lang, &nt);
	const char **names;
	struct iv_var_term *vt;
	if (!tax || iv_var_names(r->db, r->a, p->id, &names, &nnames) != ST_OK ||
	    iv_var_terms(r->db, r->a, p->id, &vt, &nvt) != ST_OK)
		return ST_ERR;
	struct opts common = { 0 };
	for (size_t i = 0; i < NELEM(dims); i++)
		if (*dims[i].taxonomy)
			opt_terms(r->a, &common, tax, nt, dims[i].taxonomy, dims[i].dim);
	for (size_t i = 0; i < NELEM(languages); i++)
		lang_option(r, &common, languages[i]);
	size_t cap = 0;
	for (size_t i = 0; i < nnames; i++) {
		const char **values;
		size_t nv;
		if (iv_var_values(r->db, r->a, p->id, names[i], &values, &nv) != ST_OK)
			return ST_ERR;
		for (size_t j = 0; j < nv; j++) {
			*rows = arena_grow(r->a, *rows, *nrows, &cap, sizeof(**rows), 16);
			struct iv_value_row *row = &(*rows)[(*nrows)++];
			*row = (struct iv_value_row){ .name = names[i], .value = values[j], .current = "" };
			for (size_t k = 0; k < nvt; k++)
				if (strcmp(vt[k].name, names[i]) == 0 && strcmp(vt[k].value, values[j]) == 0)
					row->current = arena_printf(r->a, "%s/%s", vt[k].dim, vt[k].term);
			row->values = common.values;
			row->labels = common.labels;
			row->n = common.n;
		}
	}
	return ST_OK;
}

static void terms_page(struct req *r, struct resp *w, const struct iv_project *p, const char *notice,
		       const char *problem)
{
	struct iv_terms_view v = { .p = p, .notice = notice, .problem = problem };
	struct iv_code *codes;
	struct iv_code_term *ct;
	struct iv_value_row *rows;
	size_t nt;
	struct dir_taxonomy *tax = dir_taxonomies(r->db, r->a, r->lang, &nt);
	if (!tax || iv_codes(r->db, r->a, p->id, &codes, &v.ncodes) != ST_OK ||
	    iv_code_terms(r->db, r->a, p->id, &ct, &v.ncterms) != ST_OK || value_rows(r, p, &rows, &v.nrows) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	const char **labels = arena_alloc(r->a, (v.ncterms + 1) * sizeof(*labels));
	for (size_t i = 0; i < v.ncterms; i++) {
		const struct dir_term *t = dir_term_find(tax, nt, ct[i].taxonomy, ct[i].term);
		labels[i] = t ? t->name : arena_printf(r->a, "%s/%s", ct[i].taxonomy, ct[i].term);
	}
	v.codes = codes;
	v.cterms = ct;
	v.cterm_labels = labels;
	v.rows = rows;
	iv_view_terms(r, w, &v);
}

/* GET /intern/interviews/{p}/begriffe */
void iv_terms_page(struct req *r, struct resp *w)
{
	struct iv_project p;
	if (iv_req_project(r, w, &p) != 0)
		return;
	const char *ok = kv_get(&r->query, "ok");
	terms_page(r, w, &p, ok && strcmp(ok, "term") == 0 ? T(r, "Der Begriff wurde gespeichert.") : NULL, NULL);
}

/* POST /intern/interviews/{p}/begriffe: name, value (of a document
 * variable of the project), term = "dim/term" or "" (none). */
void iv_terms_post(struct req *r, struct resp *w)
{
	struct iv_project p;
	if (iv_req_project(r, w, &p) != 0)
		return;
	const char *name = kv_get(&r->form, "name"), *value = kv_get(&r->form, "value"),
		   *term = kv_get(&r->form, "term");
	term = term ? term : "";
	int rc = ST_CONFLICT;
	const char **values;
	size_t nv;
	if (name && value && iv_var_values(r->db, r->a, p.id, name, &values, &nv) == ST_OK) {
		for (size_t i = 0; i < nv; i++)
			if (strcmp(values[i], value) == 0)
				rc = ST_OK;
	}
	const char *slash = strchr(term, '/');
	const char *dim = slash ? arena_strndup(r->a, term, (size_t)(slash - term)) : "";
	const char *code = slash ? slash + 1 : "";
	const char *taxonomy = dim_taxonomy(dim);
	if (rc == ST_OK && *term) {
		size_t nt;
		struct dir_taxonomy *tax = taxonomy && *taxonomy ? dir_taxonomies(r->db, r->a, r->lang, &nt) : NULL;
		if (!taxonomy || (*taxonomy && !(tax && dir_term_find(tax, nt, taxonomy, code))) ||
		    (!*taxonomy && !dir_fact_language(code, r->lang)))
			rc = ST_CONFLICT;
	}
	struct store_tx tx;
	if (rc == ST_OK)
		rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK) {
		rc = iv_var_term_set(r->db, p.id, name, value, dim, code);
		if (rc == ST_OK)
			rc = audit_add_req(r, "iv_var_term", "iv_project", iv_id(r, p.id), "ok", *term ? term : NULL);
		rc = store_tx_end(r->db, &tx, rc);
	}
	if (rc == ST_OK) {
		resp_redirect(r, w, iv_path(r, p.id, "/begriffe?ok=term"));
		return;
	}
	if (rc != ST_CONFLICT) {
		layout_staff_failed(r, w);
		return;
	}
	w->status = 422;
	terms_page(r, w, &p, NULL,
		   T(r, "Der Begriff wurde nicht gespeichert: Bitte einen Wert einer Variablen dieses Projekts und einen "
			"Begriff aus der Liste wählen."));
}
