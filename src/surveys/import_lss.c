/* import_lss.c — a LimeSurvey survey structure file (.lss) as a new draft
 * survey: groups become pages, questions questions, answers options,
 * subquestions subquestions, texts per language, relevance conditions
 * translated by expr.h (an untranslatable one kept and refused at
 * activation). Both layouts: before DBVersion 400 with the texts inline
 * in each language's row, later with the *_l10ns tables. */
#include "surveys/surveys.h"
#include "surveys/import_internal.h"
#include "core/i18n.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One row of a table: its fields by name. */
struct row {
	const char **k, **v;
	size_t n;
};
struct table {
	struct row *v;
	size_t n;
};

static const char *get(const struct row *r, const char *k)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->k[i], k) == 0)
			return r->v[i];
	return NULL;
}

static const char *gets0(const struct row *r, const char *k)
{
	const char *v = get(r, k);
	return v ? v : "";
}

static long getl(const struct row *r, const char *k)
{
	return strtol(gets0(r, k), NULL, 10);
}

static xmlNode *child(xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
			return c;
	return NULL;
}

/* The rows of the table name under root (none when it is absent). */
static void read_table(arena *a, xmlNode *root, const char *name, struct table *t)
{
	memset(t, 0, sizeof(*t));
	xmlNode *rows = child(child(root, name), "rows");
	size_t cap = 0;
	for (xmlNode *r = rows ? rows->children : NULL; r; r = r->next) {
		if (r->type != XML_ELEMENT_NODE || strcmp((const char *)r->name, "row") != 0)
			continue;
		t->v = arena_grow(a, t->v, t->n, &cap, sizeof(*t->v), 16);
		struct row *w = &t->v[t->n++];
		memset(w, 0, sizeof(*w));
		size_t n = 0;
		for (xmlNode *f = r->children; f; f = f->next)
			n += f->type == XML_ELEMENT_NODE;
		w->k = arena_alloc(a, (n + 1) * sizeof(char *));
		w->v = arena_alloc(a, (n + 1) * sizeof(char *));
		for (xmlNode *f = r->children; f; f = f->next) {
			if (f->type != XML_ELEMENT_NODE)
				continue;
			xmlChar *c = xmlNodeGetContent(f);
			w->k[w->n] = arena_strdup(a, (const char *)f->name);
			w->v[w->n] = arena_strdup(a, c ? (const char *)c : "");
			xmlFree(c);
			w->n++;
		}
	}
}

struct lss {
	arena *a;
	struct store *s;
	int64_t sid;
	const char *base;          /* the survey's base language */
	struct table groups, gtx, qs, qtx, ans, atx;
	struct survey_importer im; /* warnings and the codes given so far */
	long nquestions;
};

/* The text field of the row (of id key idk = id) in lang, from the l10n
 * table when there is one, else from the inline rows. */
static const char *text_of(const struct table *tx, const char *idk, const char *id, const char *field,
			   const char *lang)
{
	for (size_t i = 0; i < tx->n; i++)
		if (strcmp(gets0(&tx->v[i], idk), id) == 0 && strcmp(gets0(&tx->v[i], "language"), lang) == 0)
			return get(&tx->v[i], field);
	return NULL;
}

static const char *order_field;
static int cmp_order(const void *pa, const void *pb)
{
	const struct row *a = *(const struct row *const *)pa, *b = *(const struct row *const *)pb;
	long x = getl(a, order_field), y = getl(b, order_field);
	return x < y ? -1 : x > y;
}

/* The rows of t with field f equal to v, without repeats of key (the
 * inline layout has one row per language), sorted by ord. */
static size_t rows_where(struct lss *x, const struct table *t, const char *f, const char *v, const char *key,
			 const char *ord, const struct row ***out)
{
	const struct row **r = arena_alloc(x->a, (t->n + 1) * sizeof(*r));
	size_t n = 0;
	for (size_t i = 0; i < t->n; i++) {
		if (f && strcmp(gets0(&t->v[i], f), v) != 0)
			continue;
		size_t j = 0;
		while (j < n && strcmp(gets0(r[j], key), gets0(&t->v[i], key)) != 0)
			j++;
		if (j == n)
			r[n++] = &t->v[i];
	}
	order_field = ord;
	qsort(r, n, sizeof(*r), cmp_order);
	*out = r;
	return n;
}

/* The condition of a LimeSurvey relevance: translated, or kept with its
 * error (then said). */
static void cond_of(struct lss *x, const char *code, const char *rel, const char **cond, const char **src,
		    const char **errs)
{
	*cond = *src = *errs = "";
	if (!rel || !*rel)
		return;
	char *out;
	struct survey_expr_error e;
	if (survey_expr_from_limesurvey(x->a, rel, &out, &e) == 0) {
		*cond = out;
		*src = *out ? rel : "";
	} else {
		*src = rel;
		*errs = arena_strdup(x->a, e.msg);
		survey_import_warn(&x->im, "%s: condition kept untranslated (%s): %s", code, e.msg, rel);
	}
}

/* The options of question qid on scale, in order: codes and texts in the
 * base language. */
static size_t options_of(struct lss *x, const char *qid, const char *scale, const char ***codes,
			 const char ***labels, const struct row ***rows)
{
	const struct row **r = arena_alloc(x->a, (x->ans.n + 1) * sizeof(*r));
	size_t n = 0;
	for (size_t i = 0; i < x->ans.n; i++) {
		const struct row *w = &x->ans.v[i];
		if (strcmp(gets0(w, "qid"), qid) != 0 || strcmp(get(w, "scale_id") ? gets0(w, "scale_id") : "0", scale))
			continue;
		size_t j = 0;
		while (j < n && strcmp(gets0(r[j], "code"), gets0(w, "code")) != 0)
			j++;
		if (j == n)
			r[n++] = w;
	}
	order_field = "sortorder";
	qsort(r, n, sizeof(*r), cmp_order);
	*codes = arena_alloc(x->a, (n + 1) * sizeof(char *));
	*labels = arena_alloc(x->a, (n + 1) * sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		(*codes)[i] = gets0(r[i], "code");
		const char *l = NULL; /* the inline layout: the row in the base language */
		for (size_t j = 0; !x->atx.n && j < x->ans.n; j++) {
			const struct row *w = &x->ans.v[j];
			if (strcmp(gets0(w, "qid"), qid) == 0 && strcmp(gets0(w, "code"), (*codes)[i]) == 0 &&
			    strcmp(gets0(w, "scale_id"), gets0(r[i], "scale_id")) == 0 &&
			    strcmp(gets0(w, "language"), x->base) == 0)
				l = get(w, "answer");
		}
		if (!l && !x->atx.n)
			l = get(r[i], "answer");
		if (x->atx.n)
			l = text_of(&x->atx, "aid", gets0(r[i], "aid"), "answer", x->base);
		(*labels)[i] = l && *l ? l : (*codes)[i];
	}
	*rows = r;
	return n;
}

static void fixed_options(struct lss *x, const char *const *list, size_t n, struct survey_qspec *q)
{
	const char **c = arena_alloc(x->a, n * sizeof(char *)), **l = arena_alloc(x->a, n * sizeof(char *));
	for (size_t i = 0; i < n; i++)
		c[i] = l[i] = list[i];
	q->opt_codes = c;
	q->opt_labels = l;
	q->nopts = n;
}

/* Write the texts of question id in every language but the base one. */
static int question_texts(struct lss *x, const char **langs, size_t nlangs, const char *qid, int64_t id)
{
	int rc = ST_OK;
	for (size_t i = 0; rc == ST_OK && i < nlangs; i++) {
		if (strcmp(langs[i], "de") == 0)
			continue;
		const char *t = text_of(&x->qtx, "qid", qid, "question", langs[i]);
		const char *h = text_of(&x->qtx, "qid", qid, "help", langs[i]);
		if (t && *t)
			rc = survey_set_text(x->s, x->sid, 'q', id, "text", langs[i], t);
		if (rc == ST_OK && h && *h)
			rc = survey_set_text(x->s, x->sid, 'q', id, "help", langs[i], h);
	}
	return rc;
}

/* One top-level question of LimeSurvey on page pid. */
static int import_question(struct lss *x, const struct row *qr, int64_t pid, const char **langs, size_t nlangs)
{
	const char *qid = gets0(qr, "qid"), *type = gets0(qr, "type");
	struct survey_qspec q;
	memset(&q, 0, sizeof(q));
	q.page_id = pid;
	q.code = survey_import_code(&x->im, gets0(qr, "title"));
	q.mandatory = strcmp(gets0(qr, "mandatory"), "Y") == 0;
	q.other = strcmp(gets0(qr, "other"), "Y") == 0;
	q.pattern = gets0(qr, "preg");
	const char *t = text_of(&x->qtx, "qid", qid, "question", x->base);
	const char *h = text_of(&x->qtx, "qid", qid, "help", x->base);
	q.text = t ? t : "";
	q.help = h ? h : "";
	cond_of(x, q.code, get(qr, "relevance"), &q.cond, &q.cond_src, &q.cond_error);
	x->nquestions++;

	const struct row **subs, **orows;
	size_t nsubs = rows_where(x, &x->qs, "parent_qid", qid, "qid", "question_order", &subs);
	/* subquestions on scale 0 (rows) and 1 (columns of : and ;) */
	const char **sc = arena_alloc(x->a, (nsubs + 1) * sizeof(char *)),
		   **sl = arena_alloc(x->a, (nsubs + 1) * sizeof(char *));
	const char **cc = arena_alloc(x->a, (nsubs + 1) * sizeof(char *)),
		   **cl = arena_alloc(x->a, (nsubs + 1) * sizeof(char *));
	size_t ns = 0, nc = 0;
	for (size_t i = 0; i < nsubs; i++) {
		const char *st = text_of(&x->qtx, "qid", gets0(subs[i], "qid"), "question", x->base);
		if (strcmp(gets0(subs[i], "scale_id"), "1") == 0) {
			cc[nc] = gets0(subs[i], "title");
			cl[nc++] = st && *st ? st : gets0(subs[i], "title");
		} else {
			sc[ns] = gets0(subs[i], "title");
			sl[ns++] = st && *st ? st : gets0(subs[i], "title");
		}
	}
	const char **oc, **ol;
	size_t no = options_of(x, qid, "0", &oc, &ol, &orows);
	static const char *const five[] = { "1", "2", "3", "4", "5" };
	static const char *const ten[] = { "1", "2", "3", "4", "5", "6", "7", "8", "9", "10" };
	static const char *const yun[] = { "Y", "U", "N" };
	static const char *const isd[] = { "I", "S", "D" };
	static const char *const fm[] = { "F", "M" };
	int split = 0; /* K, Q: a display and one question per subquestion */
	switch (*type ? type[0] : '?') {
	case 'L': case 'O': q.type = SQ_SINGLE; break;
	case '!': q.type = SQ_DROPDOWN; break;
	case 'M': case 'P': q.type = SQ_MULTIPLE; break;
	case 'F': case 'H': q.type = SQ_ARRAY; break;
	case '1':
		q.type = SQ_ARRAY;
		if (strcmp(type, "1") == 0) {
			const char **c2, **l2;
			const struct row **r2;
			if (options_of(x, qid, "1", &c2, &l2, &r2))
				survey_import_warn(&x->im, "%s: dual scale array: only the first scale imported", q.code);
		}
		break;
	case 'A': q.type = SQ_ARRAY; fixed_options(x, five, 5, &q); break;
	case 'B': q.type = SQ_ARRAY; fixed_options(x, ten, 10, &q); break;
	case 'C': q.type = SQ_ARRAY; fixed_options(x, yun, 3, &q); break;
	case 'E': q.type = SQ_ARRAY; fixed_options(x, isd, 3, &q); break;
	case ':': case ';':
		q.type = SQ_ARRAY;
		q.opt_codes = cc;
		q.opt_labels = cl;
		q.nopts = nc;
		survey_import_warn(&x->im, "%s: array of %s: imported as an array of choices", q.code, type[0] == ':' ? "numbers" : "texts");
		break;
	case '5': q.type = SQ_SINGLE; fixed_options(x, five, 5, &q); break;
	case 'Y': q.type = SQ_YESNO; break;
	case 'G': q.type = SQ_SINGLE; fixed_options(x, fm, 2, &q); break;
	case 'N': q.type = SQ_NUMBER; q.decimals = 2; break;
	case 'K': q.type = SQ_DISPLAY; split = SQ_NUMBER; break;
	case 'Q': q.type = SQ_DISPLAY; split = SQ_TEXT; break;
	case 'S': q.type = SQ_TEXT; break;
	case 'T': case 'U': q.type = SQ_LONGTEXT; break;
	case 'D': q.type = SQ_DATE; break;
	case 'R': q.type = SQ_RANKING; break;
	case 'X': q.type = SQ_DISPLAY; break;
	case '*': q.type = SQ_DISPLAY; survey_import_warn(&x->im, "%s: equation imported as a text display", q.code); break;
	case 'I': q.type = SQ_DISPLAY; survey_import_warn(&x->im, "%s: language switch imported as a text display", q.code); break;
	case '|': q.type = SQ_DISPLAY; survey_import_warn(&x->im, "%s: file upload imported as a text display", q.code); break;
	default:
		q.type = SQ_DISPLAY;
		survey_import_warn(&x->im, "%s: unknown question type \"%s\" imported as a text display", q.code, type);
	}
	if (survey_qtype_has_options(q.type) && !q.opt_codes) {
		q.opt_codes = oc;
		q.opt_labels = ol;
		q.nopts = no;
	}
	if (q.type == SQ_ARRAY) {
		q.sub_codes = sc;
		q.sub_labels = sl;
		q.nsubs = ns;
	} else if (q.type == SQ_MULTIPLE) {
		/* LimeSurvey's multiple choice has its choices as subquestions */
		q.opt_codes = sc;
		q.opt_labels = sl;
		q.nopts = ns;
	}
	if (q.type == SQ_SINGLE || q.type == SQ_DROPDOWN || q.type == SQ_MULTIPLE || q.type == SQ_ARRAY) {
		for (size_t i = 0; i + 1 < q.nopts; i++)
			for (size_t j = i + 1; j < q.nopts; j++)
				if (strcmp(q.opt_codes[i], q.opt_codes[j]) == 0)
					survey_import_warn(&x->im, "%s: answer code %s twice", q.code, q.opt_codes[i]);
	}
	int64_t id;
	int rc = survey_question_save(x->s, x->sid, &q, &id);
	if (rc == ST_OK)
		rc = question_texts(x, langs, nlangs, qid, id);
	for (size_t i = 0; rc == ST_OK && split && i < ns; i++) {
		struct survey_qspec p;
		memset(&p, 0, sizeof(p));
		p.page_id = pid;
		p.type = split;
		p.decimals = split == SQ_NUMBER ? 2 : 0;
		p.code = survey_import_code(&x->im, arena_printf(x->a, "%s_%s", q.code, sc[i]));
		p.text = sl[i];
		p.cond = q.cond;
		p.cond_src = q.cond_src;
		p.cond_error = q.cond_error;
		p.mandatory = q.mandatory;
		rc = survey_question_save(x->s, x->sid, &p, &id);
	}
	return rc;
}

/* Split a language list ("en de") into langs, "de" first; a language
 * lotse does not speak is left out (said). *has_de: German was listed. */
static size_t split_langs(struct lss *x, const char *base, const char *more, const char **langs, int *has_de)
{
	size_t n = 0;
	langs[n++] = "de";
	*has_de = 0;
	char *all = arena_printf(x->a, "%s %s", base, more ? more : "");
	for (char *p = strtok(all, " ,"); p && n < SURVEY_LANGS_MAX; p = strtok(NULL, " ,")) {
		*has_de |= strcmp(p, "de") == 0;
		if (!i18n_lang(p)) {
			survey_import_warn(&x->im, "language %s: lotse does not speak it, its texts are left out", p);
			continue;
		}
		size_t j = 0;
		while (j < n && strcmp(langs[j], p) != 0)
			j++;
		if (j == n)
			langs[n++] = p;
	}
	return n;
}

static int import_lss(struct store *s, const char *path, const char *bytes, size_t len, FILE *report, char *err,
		      size_t errlen)
{
	arena *a = arena_new();
	err[0] = '\0';
	struct lss x;
	memset(&x, 0, sizeof(x));
	x.a = a;
	x.s = s;
	x.im.a = a;
	x.im.report = report;
	int rc = ST_CONFLICT;
	struct store_tx tx;
	memset(&tx, 0, sizeof(tx));
	/* no network, no external entities (they are not substituted) */
	int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
	xmlDoc *doc = bytes ? xmlReadMemory(bytes, len > INT_MAX ? INT_MAX : (int)len, path, NULL, opts)
			  : xmlReadFile(path, NULL, opts);
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!doc) {
		const xmlError *e = xmlGetLastError();
		int n = e && e->message ? (int)strcspn(e->message, "\n") : 1;
		snprintf(err, errlen, "%s: not well-formed XML (line %d: %.*s)", path, e ? e->line : 0, n,
			 e && e->message ? e->message : "?");
		goto out;
	}
	if (!root || strcmp((const char *)root->name, "document") != 0) {
		snprintf(err, errlen, "%s: the root element is not <document>", path);
		goto out;
	}
	struct table sv, svl;
	read_table(a, root, "surveys", &sv);
	read_table(a, root, "surveys_languagesettings", &svl);
	read_table(a, root, "groups", &x.groups);
	read_table(a, root, "group_l10ns", &x.gtx);
	read_table(a, root, "questions", &x.qs);
	read_table(a, root, "question_l10ns", &x.qtx);
	struct table subs; /* LimeSurvey 3 and later export subquestions apart */
	read_table(a, root, "subquestions", &subs);
	if (subs.n) {
		struct row *all = arena_alloc(a, (x.qs.n + subs.n) * sizeof(*all));
		if (x.qs.n)
			memcpy(all, x.qs.v, x.qs.n * sizeof(*all));
		memcpy(all + x.qs.n, subs.v, subs.n * sizeof(*all));
		x.qs.v = all;
		x.qs.n += subs.n;
	}
	read_table(a, root, "answers", &x.ans);
	read_table(a, root, "answer_l10ns", &x.atx);
	if (!x.gtx.n)
		x.gtx = x.groups;
	if (!x.qtx.n)
		x.qtx = x.qs;
	if (sv.n != 1) {
		snprintf(err, errlen, "%s: element <surveys> must have one row", path);
		goto out;
	}
	for (size_t i = 0; i < x.qs.n; i++)
		if (!get(&x.qs.v[i], "qid") || !get(&x.qs.v[i], "gid") || !get(&x.qs.v[i], "type") ||
		    !get(&x.qs.v[i], "title")) {
			snprintf(err, errlen, "%s: element <questions> row %zu lacks qid, gid, type or title", path, i + 1);
			goto out;
		}
	x.base = gets0(&sv.v[0], "language");
	if (!*x.base)
		x.base = "de";
	const char *langs[SURVEY_LANGS_MAX];
	int has_de;
	size_t nlangs = split_langs(&x, x.base, get(&sv.v[0], "additional_languages"), langs, &has_de);
	if (has_de)
		x.base = "de"; /* the German texts are the source texts, when there are some */
	const char *code = arena_printf(a, "ls%s", gets0(&sv.v[0], "sid"));
	if (!survey_code_valid(code, 1)) {
		snprintf(err, errlen, "%s: element <surveys>: survey id \"%s\" is not usable as a code", path,
			 gets0(&sv.v[0], "sid"));
		goto out;
	}
	const char *title = text_of(&svl, "surveyls_survey_id", gets0(&sv.v[0], "sid"), "surveyls_title", x.base);
	rc = store_tx_begin(s, &tx);
	if (rc != ST_OK) {
		snprintf(err, errlen, "cannot write to the database");
		goto out;
	}
	rc = survey_create(s, code, title && *title ? title : code, "needs", &x.sid);
	if (rc == ST_CONFLICT) {
		snprintf(err, errlen, "there is a survey %s already", code);
		goto out;
	}
	struct survey sd;
	if (rc == ST_OK)
		rc = survey_load(s, a, x.sid, &sd);
	if (rc == ST_OK) {
		char *l = arena_strdup(a, langs[0]);
		for (size_t i = 1; i < nlangs; i++)
			l = arena_printf(a, "%s,%s", l, langs[i]);
		sd.languages = l;
		rc = survey_save_settings(s, &sd);
	}
	for (size_t i = 0; rc == ST_OK && i < nlangs; i++) {
		const char *t = text_of(&svl, "surveyls_survey_id", gets0(&sv.v[0], "sid"), "surveyls_title", langs[i]);
		if (strcmp(langs[i], "de") != 0 && t && *t)
			rc = survey_set_text(s, x.sid, 's', 0, "title", langs[i], t);
	}
	const struct row **gs;
	size_t ng = rc == ST_OK ? rows_where(&x, &x.groups, NULL, NULL, "gid", "group_order", &gs) : 0;
	size_t npages = 0;
	for (size_t g = 0; rc == ST_OK && g < ng; g++) {
		const char *gid = gets0(gs[g], "gid");
		const char *gt = text_of(&x.gtx, "gid", gid, "group_name", x.base);
		int64_t pid;
		rc = survey_page_add(s, x.sid, gt ? gt : "", &pid);
		if (rc != ST_OK)
			break;
		npages++;
		for (size_t i = 0; rc == ST_OK && i < nlangs; i++) {
			const char *t = text_of(&x.gtx, "gid", gid, "group_name", langs[i]);
			if (strcmp(langs[i], "de") != 0 && t && *t)
				rc = survey_set_text(s, x.sid, 'p', pid, "title", langs[i], t);
		}
		const char *c, *src, *e;
		cond_of(&x, arena_printf(a, "page %zu", npages), get(gs[g], "grelevance"), &c, &src, &e);
		if (rc == ST_OK && (*c || *src))
			rc = survey_page_cond(s, x.sid, pid, *c ? c : src);
		const struct row **qs;
		size_t nq = rows_where(&x, &x.qs, "gid", gid, "qid", "question_order", &qs);
		for (size_t i = 0; rc == ST_OK && i < nq; i++)
			if (strcmp(gets0(qs[i], "parent_qid"), "0") == 0 || !*gets0(qs[i], "parent_qid"))
				rc = import_question(&x, qs[i], pid, langs, nlangs);
	}
	if (rc != ST_OK && !*err)
		snprintf(err, errlen, "cannot write the survey to the database");
	if (rc == ST_OK) {
		fprintf(report, "imported survey %s: %ld questions on %zu pages, languages: ", code, x.nquestions, npages);
		for (size_t i = 0; i < nlangs; i++)
			fprintf(report, "%s%s", i ? "," : "", langs[i]);
		fputc('\n', report);
	}
out:
	rc = store_tx_end(s, &tx, rc);
	if (doc)
		xmlFreeDoc(doc);
	arena_free(a);
	return rc;
}

int survey_import_lss(struct store *s, const char *path, FILE *report, char *err, size_t errlen)
{
	return import_lss(s, path, NULL, 0, report, err, errlen);
}

int survey_import_lss_mem(struct store *s, const char *name, const char *bytes, size_t len, FILE *report, char *err,
			  size_t errlen)
{
	return import_lss(s, name, bytes ? bytes : "", bytes ? len : 0, report, err, errlen);
}
