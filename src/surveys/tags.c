/* tags.c — tagging a question, its answer options and subquestions with
 * the directory's taxonomy terms (need, stage, group, district) and
 * languages, at /intern/umfragen/{id}/fragen/{qid}/schlagworte: the terms
 * offered, the handlers, the line of tags the pages show. What the tags
 * count is evidence.c. HTML: tag_views.c. */
#include "surveys/surveys_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "directory/directory.h"
#include "html/layout.h"

#include <string.h>

int survey_terms_load(struct req *r, struct survey_terms *out)
{
	memset(out, 0, sizeof(*out));
	size_t nt;
	struct dir_taxonomy *t = dir_taxonomies(r->db, r->a, r->lang, &nt);
	if (!t)
		return -1;
	for (int d = 0; d < SURVEY_DIMS; d++) {
		const struct dir_taxonomy *x = NULL;
		for (size_t i = 0; survey_dim_taxonomies[d] && i < nt; i++)
			if (strcmp(t[i].code, survey_dim_taxonomies[d]) == 0)
				x = &t[i];
		size_t n = 0;
		if (x)
			n = x->n_terms;
		else if (!survey_dim_taxonomies[d])
			while (i18n_langs[n])
				n++;
		out->codes[d] = arena_alloc(r->a, (n + 1) * sizeof(char *));
		out->names[d] = arena_alloc(r->a, (n + 1) * sizeof(char *));
		for (size_t i = 0; i < n; i++) {
			out->codes[d][i] = x ? x->terms[i].code : i18n_langs[i];
			out->names[d][i] = x ? x->terms[i].name : i18n_lang_name(i18n_langs[i]);
		}
		out->n[d] = n;
	}
	return 0;
}

/* The index of code among the terms of d, or -1. */
static int term_of(const struct survey_terms *tt, int d, const char *code)
{
	for (size_t i = 0; code && i < tt->n[d]; i++)
		if (strcmp(tt->codes[d][i], code) == 0)
			return (int)i;
	return -1;
}

const char *survey_tags_text(struct req *r, const struct survey_terms *tt, const char *const *tags)
{
	char *s = NULL;
	for (int d = 0; d < SURVEY_DIMS; d++) {
		if (!tags[d])
			continue;
		int k = term_of(tt, d, tags[d]);
		const char *one = arena_printf(r->a, "%s: %s", T(r, survey_dim_labels[d]), k < 0 ? tags[d] : tt->names[d][k]);
		s = s ? arena_printf(r->a, "%s · %s", s, one) : arena_strdup(r->a, one);
	}
	return s;
}

int survey_tags_on_question(const struct survey_question *q)
{
	return q->type == SQ_YESNO;
}

int survey_tags_on_options(const struct survey_question *q)
{
	return q->type == SQ_SINGLE || q->type == SQ_DROPDOWN || q->type == SQ_MULTIPLE || q->type == SQ_RANKING;
}

void survey_staff_tags(struct req *r, struct resp *w)
{
	struct survey sv;
	const struct survey_question *q;
	struct survey_terms tt;
	if (survey_staff_load(r, w, &sv) != 0 || survey_staff_which_question(r, w, &sv, &q) != 0)
		return;
	if (!q) {
		layout_staff_not_found(r, w);
		return;
	}
	if (survey_terms_load(r, &tt) != 0) {
		layout_staff_failed(r, w);
		return;
	}
	survey_view_tags(r, w, &sv, q, &tt, NULL);
}

/* The tags of the form's fields NAME_need, NAME_stage, ... into tags; -1
 * when a value is not a term of its dimension. */
static int read_tags(struct req *r, const struct survey_terms *tt, const char *name, const char **tags)
{
	for (int d = 0; d < SURVEY_DIMS; d++) {
		const char *v = kv_get(&r->form, arena_printf(r->a, "%s_%s", name, survey_dim_names[d]));
		tags[d] = NULL;
		if (!v || !*v)
			continue;
		int k = term_of(tt, d, v);
		if (k < 0)
			return -1;
		tags[d] = tt->codes[d][k];
	}
	return 0;
}

void survey_staff_tags_save(struct req *r, struct resp *w)
{
	struct survey sv;
	const struct survey_question *cq;
	struct survey_terms tt;
	if (survey_staff_load(r, w, &sv) != 0 || survey_staff_which_question(r, w, &sv, &cq) != 0)
		return;
	if (!cq) {
		layout_staff_not_found(r, w);
		return;
	}
	if (survey_terms_load(r, &tt) != 0) {
		layout_staff_failed(r, w);
		return;
	}
	struct survey_question *q = &sv.qs[cq - sv.qs]; /* sv is ours: the tags are replaced in place */
	int bad = survey_tags_on_question(q) ? read_tags(r, &tt, "q", q->tags) : 0;
	if (!survey_tags_on_question(q))
		memset(q->tags, 0, sizeof(q->tags));
	for (size_t i = 0; i < q->nopts; i++) {
		if (survey_tags_on_options(q))
			bad |= read_tags(r, &tt, arena_printf(r->a, "o%lld", (long long)q->opts[i].id), q->opts[i].tags);
		else
			memset(q->opts[i].tags, 0, sizeof(q->opts[i].tags));
	}
	for (size_t i = 0; i < q->nsubs; i++) {
		if (q->type == SQ_ARRAY)
			bad |= read_tags(r, &tt, arena_printf(r->a, "o%lld", (long long)q->subs[i].id), q->subs[i].tags);
		else
			memset(q->subs[i].tags, 0, sizeof(q->subs[i].tags));
	}
	const char *field = kv_get(&r->form, "offer_field");
	size_t f = 0;
	while (field && survey_offer_fields[f] && strcmp(survey_offer_fields[f], field) != 0)
		f++;
	if (field && (!survey_offer_fields[f] || strcmp(sv.kind, "offers") != 0))
		bad = -1;
	if (bad) {
		w->status = 422;
		survey_view_tags(r, w, &sv, q, &tt, N_("Bitte wählen Sie die Schlagworte aus den Listen."));
		return;
	}
	int rc = survey_tags_save(r->db, q);
	if (rc == ST_OK && field)
		rc = survey_offer_field_set(r->db, q->id, field);
	if (rc == ST_NOTFOUND) {
		layout_staff_not_found(r, w);
		return;
	}
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	audit_add_req(r, "survey_tags", "survey", arena_printf(r->a, "%lld", (long long)sv.id), "ok", q->code);
	resp_redirect(r, w, html_url(r->a, arena_printf(r->a, "/intern/umfragen/%lld/fragen/%lld/schlagworte",
							(long long)sv.id, (long long)q->id),
				     "ok", "gespeichert", NULL));
}
