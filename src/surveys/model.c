/* model.c — reading surveys: the list, one survey whole (structure,
 * texts, parsed conditions), the version of a code, and the small helpers
 * over a loaded survey. Writing is in save.c. */
#include "surveys/surveys.h"
#include "core/core.h"
#include "core/i18n.h"

#include <stdlib.h>
#include <string.h>

const char *const survey_qtype_names[SQ__COUNT + 1] = {
	"single", "dropdown", "multiple", "yesno", "array", "number", "text", "longtext", "date", "ranking",
	"display", NULL,
};

const char *const survey_qtype_labels[SQ__COUNT] = {
	N_("Einfachauswahl"), N_("Auswahlliste"), N_("Mehrfachauswahl"), N_("Ja/Nein"),
	N_("Matrix (Skala)"), N_("Zahl"), N_("Kurzer Text"), N_("Langer Text"), N_("Datum"),
	N_("Rangfolge"), N_("Nur Text (keine Antwort)"),
};

const char *const survey_dim_names[SURVEY_DIMS] = { "need", "stage", "group", "district", "language" };
const char *const survey_dim_taxonomies[SURVEY_DIMS] = { "angebotsart", "uebergangsphase", "zielgruppe", "ort", NULL };
const char *const survey_dim_labels[SURVEY_DIMS] = { N_("Bedarf"), N_("Übergangsphase"), N_("Zielgruppe"),
						     N_("Stadtteil/Ort"), N_("Sprache") };

int survey_qtype_parse(const char *name)
{
	for (int i = 0; name && i < SQ__COUNT; i++)
		if (strcmp(survey_qtype_names[i], name) == 0)
			return i;
	return -1;
}

int survey_qtype_has_options(enum survey_qtype t)
{
	return t == SQ_SINGLE || t == SQ_DROPDOWN || t == SQ_MULTIPLE || t == SQ_ARRAY || t == SQ_RANKING;
}

const char *survey_tx_exact(const struct survey_texts *t, const char *field, const char *lang)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].field, field) == 0 && strcmp(t->v[i].lang, lang) == 0)
			return t->v[i].text;
	return NULL;
}

const char *survey_tx(const struct survey_texts *t, const char *field, const char *lang)
{
	const char *s = lang ? survey_tx_exact(t, field, lang) : NULL;
	if (!s)
		s = survey_tx_exact(t, field, "de");
	return s ? s : "";
}

static void tx_add(arena *a, struct survey_texts *t, const char *field, const char *lang, const char *text)
{
	t->v = arena_grow(a, t->v, t->n, &t->cap, sizeof(*t->v), 4);
	t->v[t->n++] = (struct survey_tr){ field, lang, text };
}

int survey_has_lang(const struct survey *sv, const char *lang)
{
	for (size_t i = 0; lang && i < sv->nlangs; i++)
		if (strcmp(sv->langs[i], lang) == 0)
			return 1;
	return 0;
}

const struct survey_question *survey_question_by_code(const struct survey *sv, const char *code)
{
	for (size_t i = 0; i < sv->nqs; i++)
		if (strcmp(sv->qs[i].code, code) == 0)
			return &sv->qs[i];
	return NULL;
}

int survey_option_index(const struct survey_question *q, int subs, const char *code)
{
	const struct survey_option *o = subs ? q->subs : q->opts;
	size_t n = subs ? q->nsubs : q->nopts;
	for (size_t i = 0; code && i < n; i++)
		if (strcmp(o[i].code, code) == 0)
			return (int)i;
	return -1;
}

int survey_code_valid(const char *code, int survey)
{
	size_t n = code ? strlen(code) : 0;
	if (n == 0 || n > 64)
		return 0;
	if (!((code[0] >= 'a' && code[0] <= 'z') || (code[0] >= 'A' && code[0] <= 'Z')))
		return 0;
	for (size_t i = 1; i < n; i++) {
		char c = code[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
		      (survey && c == '-')))
			return 0;
	}
	return 1;
}

/* The languages of the comma-separated list into sv->langs. */
static void split_langs(arena *a, struct survey *sv)
{
	sv->nlangs = 0;
	const char *p = sv->languages;
	while (*p && sv->nlangs < SURVEY_LANGS_MAX) {
		size_t n = strcspn(p, ",");
		const char *l = i18n_lang(arena_strndup(a, p, n));
		if (l && !survey_has_lang(sv, l))
			sv->langs[sv->nlangs++] = l;
		p += n;
		if (*p == ',')
			p++;
	}
	if (sv->nlangs == 0)
		sv->langs[sv->nlangs++] = "de";
}

#define SURVEY_COLS                                                                                          \
	"s.id, s.code, s.version, s.status, s.kind, s.languages, s.opens_on, s.closes_on, s.anonymous, "       \
	"s.invitation, s.consent, s.response_limit, s.created_at, s.updated_at, s.activated_at, s.weight"

static void read_survey(arena *a, sqlite3_stmt *st, struct survey *sv)
{
	memset(sv, 0, sizeof(*sv));
	sv->id = sqlite3_column_int64(st, 0);
	sv->code = store_col_str(a, st, 1);
	sv->version = sqlite3_column_int(st, 2);
	sv->status = store_col_str(a, st, 3);
	sv->kind = store_col_str(a, st, 4);
	sv->languages = store_col_str(a, st, 5);
	sv->opens_on = store_col_opt(a, st, 6);
	sv->closes_on = store_col_opt(a, st, 7);
	sv->anonymous = sqlite3_column_int(st, 8);
	sv->invitation = sqlite3_column_int(st, 9);
	sv->consent = sqlite3_column_int(st, 10);
	sv->response_limit = sqlite3_column_type(st, 11) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(st, 11);
	sv->created_at = store_col_str(a, st, 12);
	sv->updated_at = store_col_str(a, st, 13);
	sv->activated_at = store_col_opt(a, st, 14);
	sv->weight = store_col_str(a, st, 15);
	split_langs(a, sv);
}

int survey_list(struct store *s, arena *a, struct survey **out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s,
		"SELECT " SURVEY_COLS ", "
		"(SELECT COUNT(*) FROM survey_response r WHERE r.survey_id = s.id), "
		"(SELECT COUNT(*) FROM survey_response r WHERE r.survey_id = s.id AND r.status = 'complete'), "
		"COALESCE((SELECT t.text FROM survey_text t WHERE t.survey_id = s.id AND t.item = 's' AND t.ref = 0 "
		"AND t.field = 'title' AND t.lang = 'de'), '') "
		"FROM survey s WHERE s.version = (SELECT MAX(v.version) FROM survey v WHERE v.code = s.code) "
		"ORDER BY s.created_at DESC, s.id DESC");
	*out = NULL;
	*n = 0;
	if (!st)
		return ST_ERR;
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 16);
		struct survey *sv = &(*out)[(*n)++];
		read_survey(a, st, sv);
		sv->responses = (long)sqlite3_column_int64(st, 16);
		sv->complete = (long)sqlite3_column_int64(st, 17);
		tx_add(a, &sv->tx, "title", "de", store_col_str(a, st, 18));
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

int survey_id_by_code(struct store *s, const char *code, int64_t *id)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT id FROM survey WHERE code = ?1 "
					 "ORDER BY (status <> 'draft') DESC, version DESC LIMIT 1");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	return store_one_int64(st, id);
}

static survey_expr *parse_cond(arena *a, const char *cond)
{
	survey_expr *e = NULL;
	struct survey_expr_error err;
	if (*cond && survey_expr_parse(a, cond, &e, &err) != 0)
		e = NULL;
	return e;
}

static int load_pages(struct store *s, arena *a, struct survey *sv)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT id, cond, cond_src, cond_error FROM survey_page "
					 "WHERE survey_id = ?1 ORDER BY pos, id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, sv->id);
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		sv->pages = arena_grow(a, sv->pages, sv->npages, &cap, sizeof(*sv->pages), 8);
		struct survey_page *p = &sv->pages[sv->npages++];
		p->id = sqlite3_column_int64(st, 0);
		p->cond = store_col_str(a, st, 1);
		p->cond_src = store_col_str(a, st, 2);
		p->cond_error = store_col_str(a, st, 3);
		p->expr = parse_cond(a, p->cond);
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

static int load_questions(struct store *s, arena *a, struct survey *sv)
{
	sqlite3_stmt *st = store_stmt(s,
		"SELECT q.id, q.page_id, q.code, q.type, q.mandatory, q.other, q.decimals, q.min_value, q.max_value, "
		"q.max_length, q.pattern, q.cond, q.cond_src, q.cond_error, q.offer_field FROM survey_question q "
		"JOIN survey_page p ON p.id = q.page_id WHERE q.survey_id = ?1 ORDER BY p.pos, p.id, q.pos, q.id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, sv->id);
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		sv->qs = arena_grow(a, sv->qs, sv->nqs, &cap, sizeof(*sv->qs), 16);
		struct survey_question *q = &sv->qs[sv->nqs++];
		q->id = sqlite3_column_int64(st, 0);
		q->page_id = sqlite3_column_int64(st, 1);
		q->code = store_col_str(a, st, 2);
		int t = survey_qtype_parse(store_col_text(st, 3));
		q->type = t < 0 ? SQ_DISPLAY : (enum survey_qtype)t;
		q->mandatory = sqlite3_column_int(st, 4);
		q->other = sqlite3_column_int(st, 5);
		q->decimals = sqlite3_column_int(st, 6);
		q->has_min = sqlite3_column_type(st, 7) != SQLITE_NULL;
		q->min_value = sqlite3_column_double(st, 7);
		q->has_max = sqlite3_column_type(st, 8) != SQLITE_NULL;
		q->max_value = sqlite3_column_double(st, 8);
		q->max_length = sqlite3_column_type(st, 9) == SQLITE_NULL ? 0 : (long)sqlite3_column_int64(st, 9);
		q->pattern = store_col_str(a, st, 10);
		q->cond = store_col_str(a, st, 11);
		q->cond_src = store_col_str(a, st, 12);
		q->cond_error = store_col_str(a, st, 13);
		q->offer_field = store_col_str(a, st, 14);
		q->expr = parse_cond(a, q->cond);
	}
	sqlite3_reset(st);
	if (k != 0)
		return ST_ERR;
	/* each page's range of questions */
	size_t qi = 0;
	for (size_t p = 0; p < sv->npages; p++) {
		sv->pages[p].first = qi;
		while (qi < sv->nqs && sv->qs[qi].page_id == sv->pages[p].id)
			sv->qs[qi++].page = p;
		sv->pages[p].n = qi - sv->pages[p].first;
	}
	return ST_OK;
}

static struct survey_question *q_by_id(struct survey *sv, int64_t id)
{
	for (size_t i = 0; i < sv->nqs; i++)
		if (sv->qs[i].id == id)
			return &sv->qs[i];
	return NULL;
}

static int load_options(struct store *s, arena *a, struct survey *sv)
{
	sqlite3_stmt *st = store_stmt(s,
		"SELECT o.id, o.question_id, o.kind, o.code, "
		"(SELECT COUNT(*) FROM survey_option c WHERE c.question_id = o.question_id AND c.kind = o.kind) "
		"FROM survey_option o JOIN survey_question q ON q.id = o.question_id "
		"WHERE q.survey_id = ?1 ORDER BY o.question_id, o.kind, o.pos, o.id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, sv->id);
	int k;
	struct survey_question *q = NULL;
	while ((k = store_step(st)) > 0) {
		int64_t qid = sqlite3_column_int64(st, 1);
		if (!q || q->id != qid)
			q = q_by_id(sv, qid);
		if (!q)
			continue;
		int sub = strcmp(store_col_text(st, 2), "sub") == 0;
		struct survey_option **v = sub ? &q->subs : &q->opts;
		size_t *n = sub ? &q->nsubs : &q->nopts;
		if (!*v)
			*v = arena_alloc(a, (size_t)sqlite3_column_int64(st, 4) * sizeof(**v) + sizeof(**v));
		struct survey_option *o = &(*v)[(*n)++];
		o->id = sqlite3_column_int64(st, 0);
		o->code = store_col_str(a, st, 3);
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

static struct survey_option *opt_by_id(struct survey *sv, int64_t id)
{
	for (size_t i = 0; i < sv->nqs; i++) {
		struct survey_question *q = &sv->qs[i];
		for (size_t j = 0; j < q->nopts; j++)
			if (q->opts[j].id == id)
				return &q->opts[j];
		for (size_t j = 0; j < q->nsubs; j++)
			if (q->subs[j].id == id)
				return &q->subs[j];
	}
	return NULL;
}

/* The tags of the questions and their options and subquestions. */
static int load_tags(struct store *s, arena *a, struct survey *sv)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT t.question_id, t.option_id, t.dim, t.term FROM survey_tag t "
					 "JOIN survey_question q ON q.id = t.question_id WHERE q.survey_id = ?1");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, sv->id);
	int k;
	while ((k = store_step(st)) > 0) {
		const char *dim = store_col_text(st, 2);
		int d = 0;
		while (d < SURVEY_DIMS && strcmp(survey_dim_names[d], dim) != 0)
			d++;
		struct survey_question *q = q_by_id(sv, sqlite3_column_int64(st, 0));
		if (d == SURVEY_DIMS || !q)
			continue;
		const char **tags = q->tags;
		if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
			struct survey_option *o = opt_by_id(sv, sqlite3_column_int64(st, 1));
			tags = o ? o->tags : NULL;
		}
		if (tags)
			tags[d] = store_col_str(a, st, 3);
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

static int load_texts(struct store *s, arena *a, struct survey *sv)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT item, ref, field, lang, text FROM survey_text WHERE survey_id = ?1 "
					 "ORDER BY item, ref");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, sv->id);
	int k;
	struct survey_texts *last = NULL;
	char last_item = 0;
	int64_t last_ref = -1;
	while ((k = store_step(st)) > 0) {
		char item = store_col_text(st, 0)[0];
		int64_t ref = sqlite3_column_int64(st, 1);
		struct survey_texts *t = NULL;
		if (last && item == last_item && ref == last_ref) {
			t = last;
		} else if (item == 's') {
			t = &sv->tx;
		} else if (item == 'p') {
			for (size_t i = 0; i < sv->npages && !t; i++)
				if (sv->pages[i].id == ref)
					t = &sv->pages[i].tx;
		} else if (item == 'q') {
			struct survey_question *q = q_by_id(sv, ref);
			t = q ? &q->tx : NULL;
		} else if (item == 'o') {
			struct survey_option *o = opt_by_id(sv, ref);
			t = o ? &o->tx : NULL;
		}
		last = t;
		last_item = item;
		last_ref = ref;
		if (t) {
			const char *lang = i18n_lang(store_col_text(st, 3));
			tx_add(a, t, store_col_str(a, st, 2), lang ? lang : store_col_str(a, st, 3), store_col_str(a, st, 4));
		}
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

int survey_load(struct store *s, arena *a, int64_t id, struct survey *out)
{
	struct store_tx tx;
	int rc = store_tx_read(s, &tx);
	if (rc != ST_OK)
		return rc;
	sqlite3_stmt *st = store_stmt(s, "SELECT " SURVEY_COLS " FROM survey s WHERE s.id = ?1");
	if (!st) {
		rc = ST_ERR;
		goto out;
	}
	sqlite3_bind_int64(st, 1, id);
	int k = store_step(st);
	if (k > 0)
		read_survey(a, st, out);
	sqlite3_reset(st);
	rc = k > 0 ? ST_OK : k == 0 ? ST_NOTFOUND : ST_ERR;
	if (rc == ST_OK)
		rc = load_pages(s, a, out);
	if (rc == ST_OK)
		rc = load_questions(s, a, out);
	if (rc == ST_OK)
		rc = load_options(s, a, out);
	if (rc == ST_OK)
		rc = load_texts(s, a, out);
	if (rc == ST_OK)
		rc = load_tags(s, a, out);
out:
	return store_tx_end(s, &tx, rc);
}

int survey_draft_id(struct store *s, const char *code, int64_t *id)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT id FROM survey WHERE code = ?1 AND status = 'draft'");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	return store_one_int64(st, id);
}
