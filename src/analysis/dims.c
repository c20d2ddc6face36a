/* dims.c — the values of the coverage's dimensions in display order, with
 * their labels: the directory's taxonomies and the offers' languages. */
#include "analysis/analysis.h"
#include "core/i18n.h"

#include <stdlib.h>
#include <string.h>

/* The taxonomy behind each dimension (languages have none). */
static const char *const taxonomy_of[AN_DIMS] = { "uebergangsphase", "zielgruppe", "ort", NULL };

static int by_code(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

int an_dims_load(struct store *s, arena *a, const char *lang, const struct dir_fact *f, size_t n,
		 struct an_dims *out)
{
	memset(out, 0, sizeof(*out));
	size_t nt;
	struct dir_taxonomy *t = dir_taxonomies(s, a, lang, &nt);
	if (!t)
		return ST_ERR;
	for (int d = 0; d < AN_DIMS; d++) {
		const struct dir_taxonomy *x = NULL;
		for (size_t i = 0; taxonomy_of[d] && i < nt; i++)
			if (strcmp(t[i].code, taxonomy_of[d]) == 0)
				x = &t[i];
		size_t cap = 1 + (x ? x->n_terms : 0);
		const char **langs = NULL;
		size_t nlangs = 0, lcap = 0;
		if (d == AN_LANG) {
			/* the languages the offers are given in, each once, by code */
			for (size_t i = 0; i < n; i++)
				for (size_t k = 0; k < f[i].n_languages; k++) {
					const char *c = f[i].languages[k];
					size_t j;
					for (j = 0; j < nlangs && langs[j] != c && strcmp(langs[j], c) != 0; j++)
						;
					if (j == nlangs) {
						langs = arena_grow(a, langs, nlangs, &lcap, sizeof(*langs), 32);
						langs[nlangs++] = c;
					}
				}
			if (nlangs)
				qsort(langs, nlangs, sizeof(*langs), by_code);
			cap += nlangs;
		}
		out->codes[d] = arena_alloc(a, cap * sizeof(char *));
		out->labels[d] = arena_alloc(a, cap * sizeof(char *));
		out->codes[d][0] = "";
		out->labels[d][0] = i18n_get(lang, N_("(ohne Angabe)"));
		out->n[d] = 1;
		for (size_t i = 0; x && i < x->n_terms; i++) {
			out->codes[d][out->n[d]] = x->terms[i].code;
			out->labels[d][out->n[d]++] = x->terms[i].name;
		}
		for (size_t i = 0; i < nlangs; i++) {
			const char *name = dir_fact_language(langs[i], lang);
			out->codes[d][out->n[d]] = langs[i];
			out->labels[d][out->n[d]++] = name ? name : langs[i];
		}
	}
	for (size_t i = 0; i < nt; i++)
		if (strcmp(t[i].code, "angebotsart") == 0) {
			out->n_kinds = t[i].n_terms;
			out->kind_codes = arena_alloc(a, (t[i].n_terms + 1) * sizeof(char *));
			out->kind_labels = arena_alloc(a, (t[i].n_terms + 1) * sizeof(char *));
			for (size_t k = 0; k < t[i].n_terms; k++) {
				out->kind_codes[k] = t[i].terms[k].code;
				out->kind_labels[k] = t[i].terms[k].name;
			}
		}
	return ST_OK;
}

const char *an_kind_label(const struct an_dims *dims, const char *code)
{
	for (size_t i = 0; i < dims->n_kinds; i++)
		if (strcmp(dims->kind_codes[i], code) == 0)
			return dims->kind_labels[i];
	return code;
}

const char *an_dims_label(const struct an_dims *dims, enum an_dim d, const char *code, const char *lang)
{
	if (!code || strcmp(code, "*") == 0)
		return i18n_get(lang, N_("(alle)"));
	for (size_t i = 0; i < dims->n[d]; i++)
		if (strcmp(dims->codes[d][i], code) == 0)
			return dims->labels[d][i];
	return code;
}
