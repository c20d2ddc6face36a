/* builder.c — the researchers' handlers at /intern/umfragen: the list and
 * a new survey, its settings, pages and their conditions, questions with
 * their options and subquestions, the texts per language, activation
 * (refused while a condition is broken or untranslated), closing, a new
 * version, the printable questionnaire and the invitation codes. Every
 * change is in the audit log. HTML: builder_views.c. */
#include "surveys/surveys_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse_id(const char *s, int64_t *id)
{
	size_t n = strspn(s, "0123456789");
	if (n == 0 || n > 15 || s[n] || s[0] == '0')
		return -1;
	*id = strtoll(s, NULL, 10);
	return 0;
}

int survey_staff_load(struct req *r, struct resp *w, struct survey *sv)
{
	int64_t id;
	int rc = ST_NOTFOUND;
	if (parse_id(r->params[0], &id) == 0)
		rc = ST_OK;
	else if (survey_code_valid(r->params[0], 1)) /* a code: the version collected (the evidence loop's links) */
		rc = survey_id_by_code(r->db, r->params[0], &id);
	if (rc == ST_OK)
		rc = survey_load(r->db, r->a, id, sv);
	if (rc == ST_NOTFOUND)
		layout_staff_not_found(r, w);
	else if (rc != ST_OK)
		layout_staff_failed(r, w);
	return rc == ST_OK ? 0 : -1;
}

static const char *id_text(struct req *r, int64_t id)
{
	return arena_printf(r->a, "%lld", (long long)id);
}

static void back_to(struct req *r, struct resp *w, const struct survey *sv, const char *what)
{
	resp_redirect(r, w, html_url(r->a, arena_printf(r->a, "/intern/umfragen/%lld", (long long)sv->id), "ok", what, NULL));
}

static const char *notice_of(struct req *r)
{
	const char *ok = kv_get(&r->query, "ok");
	if (!ok)
		return NULL;
	if (strcmp(ok, "gespeichert") == 0)
		return T(r, "Gespeichert.");
	if (strcmp(ok, "aktiviert") == 0)
		return T(r, "Die Umfrage ist aktiv und nimmt Antworten an.");
	if (strcmp(ok, "geschlossen") == 0)
		return T(r, "Die Umfrage ist geschlossen.");
	if (strcmp(ok, "version") == 0)
		return T(r, "Dies ist eine neue Version. Sie können sie ändern, bis Sie sie aktivieren.");
	if (strcmp(ok, "geloescht") == 0)
		return T(r, "Die Frage ist gelöscht.");
	return NULL;
}

static void editor(struct req *r, struct resp *w, const struct survey *sv, const char *notice, int with_problems)
{
	long all = 0, done = 0;
	if (survey_response_counts(r->db, sv->id, &all, &done) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	const char **problems = NULL;
	size_t np = with_problems ? survey_check(r->a, sv, &problems) : 0;
	survey_view_editor(r, w, sv, notice, problems, np, all);
}

void survey_staff_list(struct req *r, struct resp *w)
{
	struct survey *v;
	size_t n;
	if (survey_list(r->db, r->a, &v, &n) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	survey_view_list(r, w, v, n, NULL, NULL, NULL);
}

void survey_staff_create(struct req *r, struct resp *w)
{
	const char *code = kv_get(&r->form, "code"), *title = kv_get(&r->form, "title");
	const char *err = NULL;
	if (!code || !survey_code_valid(code, 1))
		err = N_("Bitte geben Sie einen Code aus Buchstaben, Ziffern, - und _ an, der mit einem Buchstaben "
			 "beginnt (zum Beispiel bedarf-2027).");
	else if (!title || !*title || utf8_count(title, strlen(title)) < 0 || strlen(title) > 300)
		err = N_("Bitte geben Sie einen Titel an.");
	int64_t id = 0;
	int rc = err ? ST_OK : survey_create(r->db, code, title, kv_get(&r->form, "angebote") ? "offers" : "needs", &id);
	if (rc == ST_CONFLICT)
		err = N_("Diesen Code hat schon eine Umfrage.");
	else if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	if (err) {
		struct survey *v;
		size_t n;
		if (survey_list(r->db, r->a, &v, &n) != ST_OK) {
			layout_staff_failed(r, w);
			return;
		}
		w->status = 422;
		survey_view_list(r, w, v, n, err, code, title);
		return;
	}
	audit_add_req(r, "survey_create", "survey", id_text(r, id), "ok", code);
	resp_redirect(r, w, arena_printf(r->a, "/intern/umfragen/%lld", (long long)id));
}

void survey_staff_edit(struct req *r, struct resp *w)
{
	struct survey sv;
	if (survey_staff_load(r, w, &sv) != 0)
		return;
	editor(r, w, &sv, notice_of(r), strcmp(sv.status, "draft") == 0);
}

static int day_valid(const char *s)
{
	int y, m, d;
	return s && strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d", &y, &m, &d) == 3 && s[4] == '-' && s[7] == '-' &&
	       m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static const char *text_of(struct req *r, const char *name, size_t max)
{
	const char *v = kv_get(&r->form, name);
	if (!v)
		return NULL;
	size_t n = form_trim(&v, strlen(v));
	if (!n || n > max || utf8_count(v, n) < 0)
		return NULL;
	return arena_strndup(r->a, v, n);
}

void survey_staff_settings(struct req *r, struct resp *w)
{
	struct survey sv;
	if (survey_staff_load(r, w, &sv) != 0)
		return;
	/* the languages: German and those ticked */
	char langs[64] = "de";
	size_t len = strlen(langs);
	for (size_t i = 1; i18n_langs[i]; i++)
		if (kv_get(&r->form, arena_printf(r->a, "lang_%s", i18n_langs[i]))) {
			int n = snprintf(langs + len, sizeof(langs) - len, ",%s", i18n_langs[i]);
			if (n < 0 || (size_t)n >= sizeof(langs) - len) {
				langs[len] = '\0'; /* no room: the languages so far */
				break;
			}
			len += (size_t)n;
		}
	sv.languages = arena_strdup(r->a, langs);
	const char *opens = text_of(r, "opens_on", 10), *closes = text_of(r, "closes_on", 10);
	const char *limit = text_of(r, "limit", 9);
	const char *problem = NULL;
	if ((opens && !day_valid(opens)) || (closes && !day_valid(closes)))
		problem = T(r, "Bitte geben Sie die Tage wie 2027-05-31 an.");
	else if (opens && closes && strcmp(opens, closes) > 0)
		problem = T(r, "Das Ende liegt vor dem Beginn.");
	else if (limit && (strspn(limit, "0123456789") != strlen(limit) || atol(limit) < 1))
		problem = T(r, "Die Höchstzahl der Antworten muss eine ganze Zahl über 0 sein.");
	const char *title = text_of(r, "title", 300);
	if (!problem && !title)
		problem = T(r, "Bitte geben Sie einen Titel an.");
	if (problem) {
		layout_staff_problem(r, w, 422, T(r, "Die Einstellungen wurden nicht gespeichert"), problem);
		return;
	}
	const char *weight = text_of(r, "weight", 64);
	const struct survey_question *wq = weight ? survey_question_by_code(&sv, weight) : NULL;
	if (weight && (!wq || wq->type != SQ_NUMBER)) {
		layout_staff_problem(r, w, 422, T(r, "Die Einstellungen wurden nicht gespeichert"),
				     T(r, "Die Gewichtung muss eine Zahlenfrage sein."));
		return;
	}
	sv.weight = weight ? weight : "";
	sv.opens_on = opens;
	sv.closes_on = closes;
	sv.response_limit = limit ? atol(limit) : -1;
	sv.anonymous = kv_get(&r->form, "anonymous") != NULL;
	sv.invitation = kv_get(&r->form, "invitation") != NULL;
	sv.consent = kv_get(&r->form, "consent") != NULL;
	memset(&sv.tx, 0, sizeof(sv.tx));
	static const char *const fields[] = { "title", "welcome", "end", "privacy", "consent" };
	static const char *const names[] = { "title", "welcome", "end", "privacy", "consent_text" };
	for (size_t i = 0; i < NELEM(fields); i++) {
		const char *v = text_of(r, names[i], 5000);
		if (v) {
			sv.tx.v = arena_grow(r->a, sv.tx.v, sv.tx.n, &sv.tx.cap, sizeof(*sv.tx.v), 8);
			sv.tx.v[sv.tx.n++] = (struct survey_tr){ fields[i], "de", v };
		}
	}
	if (survey_save_settings(r->db, &sv) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	audit_add_req(r, "survey_settings", "survey", id_text(r, sv.id), "ok", NULL);
	back_to(r, w, &sv, "gespeichert");
}

void survey_staff_page_add(struct req *r, struct resp *w)
{
	struct survey sv;
	if (survey_staff_load(r, w, &sv) != 0)
		return;
	const char *title = text_of(r, "title", 300);
	int64_t pid;
	int rc = survey_page_add(r->db, sv.id, title ? title : "", &pid);
	if (rc == ST_CONFLICT) {
		layout_staff_problem(r, w, 409, T(r, "Die Umfrage ist aktiv"),
				     T(r, "Eine aktive Umfrage lässt sich nicht mehr ändern. Legen Sie eine neue Version an."));
		return;
	}
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	audit_add_req(r, "survey_page_add", "survey", id_text(r, sv.id), "ok", NULL);
	back_to(r, w, &sv, "gespeichert");
}

/* The problem with a condition text (translated), or NULL. */
static const char *cond_problem(struct req *r, const struct survey *sv, const char *cond)
{
	if (!cond || !*cond)
		return NULL;
	survey_expr *e;
	struct survey_expr_error err;
	if (survey_expr_parse(r->a, cond, &e, &err) != 0)
		return i18n_fill(r->a, T(r, "Die Bedingung ist fehlerhaft: {1} (bei Zeichen {2})."), T(r, err.msg),
				 arena_printf(r->a, "%zu", err.pos + 1), NULL);
	const char **refs;
	size_t n = survey_expr_refs(r->a, e, &refs);
	for (size_t i = 0; i < n; i++) {
		struct survey_val v;
		struct survey_answers none = { 0 };
		struct survey_eval ev = { sv, &none, r->a };
		if (survey_lookup(&ev, refs[i], &v) != 0)
			return i18n_fill(r->a, T(r, "Die Bedingung nennt die Frage {1}, die es nicht gibt."), refs[i], NULL);
	}
	return NULL;
}

void survey_staff_page_cond(struct req *r, struct resp *w)
{
	struct survey sv;
	int64_t pid;
	if (survey_staff_load(r, w, &sv) != 0)
		return;
	if (parse_id(r->params[1], &pid) != 0) {
		layout_staff_not_found(r, w);
		return;
	}
	const char *cond = text_of(r, "cond", SURVEY_EXPR_MAX_LEN);
	const char *problem = cond_problem(r, &sv, cond);
	if (problem) {
		layout_staff_problem(r, w, 422, T(r, "Die Bedingung wurde nicht gespeichert"), problem);
		return;
	}
	int rc = survey_page_cond(r->db, sv.id, pid, cond);
	if (rc == ST_NOTFOUND) {
		layout_staff_not_found(r, w);
		return;
	}
	if (rc != ST_OK) {
		layout_staff_problem(r, w, rc == ST_CONFLICT ? 409 : resp_store_failed(r, w), T(r, "Nicht gespeichert"),
				     T(r, "Eine aktive Umfrage lässt sich nicht mehr ändern. Legen Sie eine neue Version an."));
		return;
	}
	audit_add_req(r, "survey_page_condition", "survey", id_text(r, sv.id), "ok", NULL);
	back_to(r, w, &sv, "gespeichert");
}

const struct field survey_question_fields[QF__MAX] = {
	[QF_PAGE] = { "page", FIELD_INT, FIELD_REQUIRED, 15, 1, 999999999999999LL, NULL },
	[QF_CODE] = { "code", FIELD_TEXT, FIELD_REQUIRED, 64, 0, 0, NULL },
	[QF_TYPE] = { "type", FIELD_CHOICE, FIELD_REQUIRED, 20, 0, 0, survey_qtype_names },
	[QF_TEXT] = { "text", FIELD_MULTILINE, FIELD_REQUIRED, 2000, 0, 0, NULL },
	[QF_HELP] = { "help", FIELD_MULTILINE, 0, 2000, 0, 0, NULL },
	[QF_MANDATORY] = { "mandatory", FIELD_CHECKBOX, 0, 1, 0, 0, NULL },
	[QF_OTHER] = { "other", FIELD_CHECKBOX, 0, 1, 0, 0, NULL },
	[QF_DECIMALS] = { "decimals", FIELD_CHECKBOX, 0, 1, 0, 0, NULL },
	[QF_MIN] = { "min", FIELD_TEXT, 0, 20, 0, 0, NULL },
	[QF_MAX] = { "max", FIELD_TEXT, 0, 20, 0, 0, NULL },
	[QF_MAXLEN] = { "maxlen", FIELD_INT, 0, 6, 1, 20000, NULL },
	[QF_PATTERN] = { "pattern", FIELD_TEXT, 0, 500, 0, 0, NULL },
	[QF_MESSAGE] = { "message", FIELD_TEXT, 0, 500, 0, 0, NULL },
	[QF_OPTIONS] = { "options", FIELD_MULTILINE, 0, 20000, 0, 0, NULL },
	[QF_SUBS] = { "subs", FIELD_MULTILINE, 0, 20000, 0, 0, NULL },
	[QF_COND] = { "cond", FIELD_TEXT, 0, SURVEY_EXPR_MAX_LEN, 0, 0, NULL },
};

/* Lines "code = Label" (or "Label": the code is its number) into codes
 * and labels. An error (msgid) for a bad or repeated code. */
static const char *parse_lines(struct req *r, const char *text, const char ***codes, const char ***labels, size_t *n)
{
	*n = 0;
	*codes = *labels = NULL;
	size_t cap = 0, lcap = 0;
	const char *p = text ? text : "";
	while (*p) {
		size_t len = strcspn(p, "\r\n");
		const char *line = p;
		size_t l = form_trim(&line, len);
		p += len;
		while (*p == '\r' || *p == '\n')
			p++;
		if (!l)
			continue;
		char *s = arena_strndup(r->a, line, l);
		char *eq = strchr(s, '=');
		const char *code, *label;
		if (eq) {
			*eq = 0;
			code = s;
			label = eq + 1;
			size_t cl = form_trim(&code, strlen(code));
			code = arena_strndup(r->a, code, cl);
			size_t ll = form_trim(&label, strlen(label));
			label = arena_strndup(r->a, label, ll);
		} else {
			code = arena_printf(r->a, "%zu", *n + 1);
			label = s;
		}
		int ok = *code && strlen(code) <= 64 && strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
								 "0123456789_-") == strlen(code) &&
			 strcmp(code, "other") != 0;
		if (!ok)
			return N_("Jede Zeile: Code = Text; der Code aus Buchstaben, Ziffern, _ und - (nicht „other“).");
		for (size_t i = 0; i < *n; i++)
			if (strcmp((*codes)[i], code) == 0)
				return N_("Ein Code kommt zweimal vor.");
		if (*n >= 200)
			return N_("Höchstens 200 Zeilen.");
		*codes = arena_grow(r->a, *codes, *n, &cap, sizeof(**codes), 8);
		*labels = arena_grow(r->a, *labels, *n, &lcap, sizeof(**labels), 8);
		(*codes)[*n] = code;
		(*labels)[(*n)++] = *label ? label : code;
	}
	return NULL;
}

/* The question of params[1] ("neu": NULL). -1 after answering. */
int survey_staff_which_question(struct req *r, struct resp *w, const struct survey *sv, const struct survey_question **q)
{
	*q = NULL;
	if (strcmp(r->params[1], "neu") == 0)
		return 0;
	int64_t qid;
	if (parse_id(r->params[1], &qid) == 0)
		for (size_t i = 0; i < sv->nqs; i++)
			if (sv->qs[i].id == qid)
				*q = &sv->qs[i];
	if (!*q) {
		layout_staff_not_found(r, w);
		return -1;
	}
	return 0;
}

void survey_staff_question(struct req *r, struct resp *w)
{
	struct survey sv;
	const struct survey_question *q;
	if (survey_staff_load(r, w, &sv) != 0 || survey_staff_which_question(r, w, &sv, &q) != 0)
		return;
	survey_view_question(r, w, &sv, q, NULL);
}

static int read_number(const char *s, double *x)
{
	char *end;
	*x = strtod(s, &end);
	return *end || !isfinite(*x) ? -1 : 0;
}

void survey_staff_question_save(struct req *r, struct resp *w)
{
	struct survey sv;
	const struct survey_question *q;
	if (survey_staff_load(r, w, &sv) != 0 || survey_staff_which_question(r, w, &sv, &q) != 0)
		return;
	struct form f;
	form_validate(r, &r->form, survey_question_fields, QF__MAX, &f);
#define FAIL(i, msg)                      \
	do {                              \
		if (!f.err[i]) {          \
			f.err[i] = (msg); \
			f.nerr++;         \
		}                         \
	} while (0)
	const char *code = f.val[QF_CODE];
	if (code && !survey_code_valid(code, 0))
		FAIL(QF_CODE, N_("Der Code beginnt mit einem Buchstaben und hat nur Buchstaben, Ziffern und _."));
	const struct survey_question *same = code ? survey_question_by_code(&sv, code) : NULL;
	if (same && same != q)
		FAIL(QF_CODE, N_("Diesen Code hat schon eine andere Frage."));
	struct survey_qspec spec = { .id = q ? q->id : 0, .code = code };
	int type = survey_qtype_parse(f.val[QF_TYPE]);
	spec.type = type < 0 ? SQ_TEXT : (enum survey_qtype)type;
	int page_ok = 0;
	for (size_t p = 0; p < sv.npages; p++)
		if (f.val[QF_PAGE] && sv.pages[p].id == f.num[QF_PAGE])
			page_ok = 1;
	if (!page_ok)
		FAIL(QF_PAGE, N_("Bitte wählen Sie eine Seite."));
	spec.page_id = f.num[QF_PAGE];
	spec.mandatory = f.val[QF_MANDATORY] != NULL;
	spec.other = f.val[QF_OTHER] != NULL && (spec.type == SQ_SINGLE || spec.type == SQ_DROPDOWN || spec.type == SQ_MULTIPLE);
	spec.decimals = f.val[QF_DECIMALS] != NULL;
	if (f.val[QF_MIN] && read_number(f.val[QF_MIN], &spec.min_value) != 0)
		FAIL(QF_MIN, N_("Bitte eine Zahl angeben."));
	spec.has_min = f.val[QF_MIN] != NULL;
	if (f.val[QF_MAX] && read_number(f.val[QF_MAX], &spec.max_value) != 0)
		FAIL(QF_MAX, N_("Bitte eine Zahl angeben."));
	spec.has_max = f.val[QF_MAX] != NULL;
	if (spec.has_min && spec.has_max && spec.min_value > spec.max_value)
		FAIL(QF_MAX, N_("Das Höchste ist kleiner als das Kleinste."));
	spec.max_length = f.val[QF_MAXLEN] ? (long)f.num[QF_MAXLEN] : 0;
	spec.pattern = f.val[QF_PATTERN];
	if (spec.pattern) {
		regex_t re;
		if (regcomp(&re, spec.pattern, REG_EXTENDED | REG_NOSUB) != 0)
			FAIL(QF_PATTERN, N_("Das Muster ist kein gültiger regulärer Ausdruck."));
		else
			regfree(&re);
	}
	const char *e = parse_lines(r, f.val[QF_OPTIONS], (const char ***)&spec.opt_codes, (const char ***)&spec.opt_labels,
				    &spec.nopts);
	if (e)
		FAIL(QF_OPTIONS, e);
	else if (survey_qtype_has_options(spec.type) && spec.nopts == 0)
		FAIL(QF_OPTIONS, N_("Diese Frageart braucht Antwortoptionen."));
	e = parse_lines(r, f.val[QF_SUBS], (const char ***)&spec.sub_codes, (const char ***)&spec.sub_labels, &spec.nsubs);
	if (e)
		FAIL(QF_SUBS, e);
	else if (spec.type == SQ_ARRAY && spec.nsubs == 0)
		FAIL(QF_SUBS, N_("Eine Matrix braucht Teilfragen."));
	if (spec.type != SQ_ARRAY)
		spec.nsubs = 0;
	if (!survey_qtype_has_options(spec.type))
		spec.nopts = 0;
	spec.cond = f.val[QF_COND];
	const char *cp = cond_problem(r, &sv, spec.cond);
	if (cp)
		FAIL(QF_COND, cp);
	spec.text = f.val[QF_TEXT];
	spec.help = f.val[QF_HELP];
	spec.message = f.val[QF_MESSAGE];
#undef FAIL
	if (f.nerr) {
		w->status = 422;
		survey_view_question(r, w, &sv, q, &f);
		return;
	}
	int64_t qid;
	int rc = survey_question_save(r->db, sv.id, &spec, &qid);
	if (rc == ST_CONFLICT) {
		layout_staff_problem(r, w, 409, T(r, "Nicht gespeichert"),
				     T(r, "Eine aktive Umfrage lässt sich nicht mehr ändern. Legen Sie eine neue Version an."));
		return;
	}
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	audit_add_req(r, q ? "survey_question_update" : "survey_question_create", "survey", id_text(r, sv.id), "ok", code);
	back_to(r, w, &sv, "gespeichert");
}

void survey_staff_question_delete(struct req *r, struct resp *w)
{
	struct survey sv;
	const struct survey_question *q;
	if (survey_staff_load(r, w, &sv) != 0 || survey_staff_which_question(r, w, &sv, &q) != 0)
		return;
	if (!q) {
		layout_staff_not_found(r, w);
		return;
	}
	int rc = survey_question_delete(r->db, sv.id, q->id);
	if (rc == ST_CONFLICT) {
		layout_staff_problem(r, w, 409, T(r, "Nicht gelöscht"),
				     T(r, "Eine aktive Umfrage lässt sich nicht mehr ändern. Legen Sie eine neue Version an."));
		return;
	}
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	audit_add_req(r, "survey_question_delete", "survey", id_text(r, sv.id), "ok", q->code);
	back_to(r, w, &sv, "geloescht");
}

void survey_staff_texts(struct req *r, struct resp *w)
{
	struct survey sv;
	if (survey_staff_load(r, w, &sv) != 0)
		return;
	const char *lang = i18n_lang(kv_get(&r->query, "sprache"));
	if (!lang || !survey_has_lang(&sv, lang) || strcmp(lang, "de") == 0)
		lang = sv.nlangs > 1 ? sv.langs[1] : NULL;
	survey_view_texts(r, w, &sv, lang, kv_get(&r->query, "ok") ? T(r, "Gespeichert.") : NULL);
}

/* Save one text field "t-ITEM-REF-FIELD" of the form in lang. */
static int save_text(struct req *r, const struct survey *sv, const char *lang, char item, int64_t ref, const char *field)
{
	const char *name = arena_printf(r->a, "t-%c-%lld-%s", item, (long long)ref, field);
	const char *v = kv_get(&r->form, name);
	if (!v)
		return ST_OK; /* not on the form */
	size_t n = form_trim(&v, strlen(v));
	if (utf8_count(v, n) < 0 || n > 5000)
		return ST_OK;
	return survey_set_text(r->db, sv->id, item, ref, field, lang, arena_strndup(r->a, v, n));
}

void survey_staff_texts_save(struct req *r, struct resp *w)
{
	struct survey sv;
	if (survey_staff_load(r, w, &sv) != 0)
		return;
	const char *lang = i18n_lang(kv_get(&r->form, "sprache"));
	if (!lang || !survey_has_lang(&sv, lang) || strcmp(lang, "de") == 0) {
		layout_staff_problem(r, w, 422, T(r, "Nicht gespeichert"), T(r, "Diese Sprache hat die Umfrage nicht."));
		return;
	}
	static const char *const sfields[] = { "title", "welcome", "end", "privacy", "consent" };
	int rc = ST_OK;
	for (size_t i = 0; rc == ST_OK && i < NELEM(sfields); i++)
		rc = save_text(r, &sv, lang, 's', 0, sfields[i]);
	for (size_t p = 0; rc == ST_OK && p < sv.npages; p++)
		rc = save_text(r, &sv, lang, 'p', sv.pages[p].id, "title");
	for (size_t i = 0; rc == ST_OK && i < sv.nqs; i++) {
		const struct survey_question *q = &sv.qs[i];
		rc = save_text(r, &sv, lang, 'q', q->id, "text");
		if (rc == ST_OK)
			rc = save_text(r, &sv, lang, 'q', q->id, "help");
		for (size_t k = 0; rc == ST_OK && k < q->nopts; k++)
			rc = save_text(r, &sv, lang, 'o', q->opts[k].id, "label");
		for (size_t k = 0; rc == ST_OK && k < q->nsubs; k++)
			rc = save_text(r, &sv, lang, 'o', q->subs[k].id, "label");
	}
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	audit_add_req(r, "survey_texts", "survey", id_text(r, sv.id), "ok", lang);
	resp_redirect(r, w, html_url(r->a, arena_printf(r->a, "/intern/umfragen/%lld/texte", (long long)sv.id), "sprache",
				     lang, "ok", "1", NULL));
}

void survey_staff_activate(struct req *r, struct resp *w)
{
	struct survey sv;
	if (survey_staff_load(r, w, &sv) != 0)
		return;
	const char **problems;
	if (strcmp(sv.status, "draft") == 0 && survey_check(r->a, &sv, &problems) > 0) {
		w->status = 422;
		editor(r, w, &sv, NULL, 1);
		return;
	}
	int rc = survey_activate(r->db, sv.id);
	if (rc == ST_CONFLICT) {
		layout_staff_problem(r, w, 409, T(r, "Nicht aktiviert"), T(r, "Nur ein Entwurf kann aktiviert werden."));
		return;
	}
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	audit_add_req(r, "survey_activate", "survey", id_text(r, sv.id), "ok", sv.code);
	back_to(r, w, &sv, "aktiviert");
}

void survey_staff_close(struct req *r, struct resp *w)
{
	struct survey sv;
	if (survey_staff_load(r, w, &sv) != 0)
		return;
	int rc = survey_close(r->db, sv.id);
	if (rc != ST_OK && rc != ST_CONFLICT) {
		layout_staff_failed(r, w);
		return;
	}
	audit_add_req(r, "survey_close", "survey", id_text(r, sv.id), rc == ST_OK ? "ok" : "refused", sv.code);
	back_to(r, w, &sv, "geschlossen");
}

void survey_staff_version(struct req *r, struct resp *w)
{
	struct survey sv;
	if (survey_staff_load(r, w, &sv) != 0)
		return;
	int64_t id;
	int rc = survey_new_version(r->db, sv.id, &id);
	if (rc == ST_CONFLICT) {
		if (survey_draft_id(r->db, sv.code, &id) == ST_OK)
			resp_redirect(r, w, arena_printf(r->a, "/intern/umfragen/%lld", (long long)id));
		else
			layout_staff_failed(r, w);
		return;
	}
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	audit_add_req(r, "survey_new_version", "survey", id_text(r, id), "ok", sv.code);
	resp_redirect(r, w, arena_printf(r->a, "/intern/umfragen/%lld?ok=version", (long long)id));
}

void survey_staff_print(struct req *r, struct resp *w)
{
	struct survey sv;
	struct survey_terms tt;
	if (survey_staff_load(r, w, &sv) != 0)
		return;
	if (survey_terms_load(r, &tt) != 0) {
		layout_staff_failed(r, w);
		return;
	}
	survey_view_print(r, w, &sv, &tt);
}

void survey_staff_invites(struct req *r, struct resp *w)
{
	struct survey sv;
	if (survey_staff_load(r, w, &sv) != 0)
		return;
	const char **codes;
	int *used;
	size_t n;
	if (survey_invites(r->db, r->a, sv.id, &codes, &used, &n) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	survey_view_invites(r, w, &sv, codes, used, n);
}

void survey_staff_invites_make(struct req *r, struct resp *w)
{
	struct survey sv;
	if (survey_staff_load(r, w, &sv) != 0)
		return;
	const char *v = kv_get(&r->form, "anzahl");
	long n = v && strspn(v, "0123456789") == strlen(v) && *v && strlen(v) < 5 ? atol(v) : 0;
	if (n < 1 || n > 1000) {
		layout_staff_problem(r, w, 422, T(r, "Keine Codes erzeugt"), T(r, "Bitte eine Anzahl von 1 bis 1000 angeben."));
		return;
	}
	if (survey_invites_make(r->db, sv.id, (int)n) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	audit_add_req(r, "survey_invites", "survey", id_text(r, sv.id), "ok", arena_printf(r->a, "%ld", n));
	resp_redirect(r, w, arena_printf(r->a, "/intern/umfragen/%lld/codes", (long long)sv.id));
}
